/* chronicle-view-switcher.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-event-filter.h"
#include "chronicle-timeline-view.h"

G_BEGIN_DECLS

/*
 * The view switcher of the header bar: a button that names the chosen
 * view and says how many events it holds ("12 of 15 events"), and a
 * popover listing "All Events", the views of the file and the views kept
 * for the file in the user's data folder. Choosing one applies it to the
 * filter's view state and emits "view-applied", so that the window can
 * show the view's time window.
 *
 * The current state can be saved as a new view, and views renamed or
 * deleted, each after asking: into the file when it can be written (see
 * chronicle-saved-views.h), else in the data folder. What happened is
 * told with "message", for a toast.
 *
 * Actions: views.apply (s: a view id, "" for All Events), views.save,
 * views.rename (s), views.delete (s).
 */

#define CHRONICLE_TYPE_VIEW_SWITCHER (chronicle_view_switcher_get_type())

G_DECLARE_FINAL_TYPE (ChronicleViewSwitcher, chronicle_view_switcher, CHRONICLE, VIEW_SWITCHER, GtkWidget)

GtkWidget            *chronicle_view_switcher_new               (void);
ChronicleEventFilter *chronicle_view_switcher_get_filter        (ChronicleViewSwitcher *self);
GFile                *chronicle_view_switcher_get_file          (ChronicleViewSwitcher *self);
/* The filter of the timeline shown and its file; reads the views kept
 * for the file in the data folder. Failing that, says so by "message". */
void                  chronicle_view_switcher_set_document      (ChronicleViewSwitcher *self,
                                                                 ChronicleEventFilter  *filter,
                                                                 GFile                 *file);
/* Where a saved view can take the time span shown from. */
void                  chronicle_view_switcher_set_timeline_view (ChronicleViewSwitcher *self,
                                                                 ChronicleTimelineView *timeline_view);
/* The views kept for the file in the data folder (ChronicleView). */
GListModel           *chronicle_view_switcher_get_local_views   (ChronicleViewSwitcher *self);
/* TRUE when views are saved into the file itself. */
gboolean              chronicle_view_switcher_get_saves_to_file (ChronicleViewSwitcher *self);
/* Applies the view @id of the file or the data folder, or All Events for
 * %NULL or ""; FALSE when there is no such view. */
gboolean              chronicle_view_switcher_apply_view        (ChronicleViewSwitcher *self,
                                                                 const char            *id);
/* What the button says: the view's title and the count of events. */
const char           *chronicle_view_switcher_get_title         (ChronicleViewSwitcher *self);
const char           *chronicle_view_switcher_get_count_text    (ChronicleViewSwitcher *self);
void                  chronicle_view_switcher_popup             (ChronicleViewSwitcher *self);

G_END_DECLS
