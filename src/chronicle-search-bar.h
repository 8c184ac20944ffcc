/* chronicle-search-bar.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-event-filter.h"

G_BEGIN_DECLS

/*
 * The search bar of the window: a GtkSearchBar whose entry sets the text
 * of the filter's view state as the user types, a counter ("3 of 40",
 * "40 matches") and buttons for the previous and next match and for
 * hiding the events that do not match.
 *
 * The next match is the first one after the selected event in time order
 * (wrapping around); it is selected in the shared selection, whose model
 * must be the filter. The entry follows the state: a view with a search
 * text fills it in and opens the bar. Closing the bar clears the text.
 *
 * Actions: search.next (Enter in the entry), search.previous (Shift+Enter).
 */

#define CHRONICLE_TYPE_SEARCH_BAR (chronicle_search_bar_get_type())

G_DECLARE_FINAL_TYPE (ChronicleSearchBar, chronicle_search_bar, CHRONICLE, SEARCH_BAR, GtkWidget)

GtkWidget            *chronicle_search_bar_new                    (void);
ChronicleEventFilter *chronicle_search_bar_get_filter             (ChronicleSearchBar   *self);
void                  chronicle_search_bar_set_filter             (ChronicleSearchBar   *self,
                                                                   ChronicleEventFilter *filter);
GtkSingleSelection   *chronicle_search_bar_get_selection          (ChronicleSearchBar   *self);
void                  chronicle_search_bar_set_selection          (ChronicleSearchBar   *self,
                                                                   GtkSingleSelection   *selection);
gboolean              chronicle_search_bar_get_search_mode        (ChronicleSearchBar   *self);
void                  chronicle_search_bar_set_search_mode        (ChronicleSearchBar   *self,
                                                                   gboolean              search_mode);
/* Typing into @widget opens the bar and starts the search. */
void                  chronicle_search_bar_set_key_capture_widget (ChronicleSearchBar   *self,
                                                                   GtkWidget            *widget);
/* Opens the bar and puts the focus in the entry. */
void                  chronicle_search_bar_start                  (ChronicleSearchBar   *self);
/* Selects the next (previous) match; FALSE when there is none. */
gboolean              chronicle_search_bar_select_next_match      (ChronicleSearchBar   *self,
                                                                   gboolean              forward);
GtkEditable          *chronicle_search_bar_get_entry              (ChronicleSearchBar   *self);
/* What the counter says: "3 of 40", "40 matches", "No matches", or "". */
const char           *chronicle_search_bar_get_counter_text       (ChronicleSearchBar   *self);

G_END_DECLS
