/* chronicle-event-row.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-timeline.h"

G_BEGIN_DECLS

/*
 * A small round swatch in a kind's colour. Kind colours come from the
 * timeline file, so the dot draws its colour itself instead of relying on a
 * style class per kind. Used by the event list and the detail panel.
 */

#define CHRONICLE_TYPE_KIND_DOT (chronicle_kind_dot_get_type())

G_DECLARE_FINAL_TYPE (ChronicleKindDot, chronicle_kind_dot, CHRONICLE, KIND_DOT, GtkWidget)

GtkWidget  *chronicle_kind_dot_new       (void);
/* "#rrggbb", or %NULL for the neutral foreground colour. */
const char *chronicle_kind_dot_get_color (ChronicleKindDot *self);
void        chronicle_kind_dot_set_color (ChronicleKindDot *self,
                                          const char       *color);

/*
 * One row of the event list: the kind's colour, the title and a short date.
 * The timeline gives the kind colours; the row never looks at other events,
 * so that a list of a million events only costs the rows on screen.
 */

#define CHRONICLE_TYPE_EVENT_ROW (chronicle_event_row_get_type())

G_DECLARE_FINAL_TYPE (ChronicleEventRow, chronicle_event_row, CHRONICLE, EVENT_ROW, GtkWidget)

GtkWidget         *chronicle_event_row_new               (void);
ChronicleEvent    *chronicle_event_row_get_event         (ChronicleEventRow   *self);
void               chronicle_event_row_set_event         (ChronicleEventRow   *self,
                                                          ChronicleEvent      *event);
ChronicleTimeline *chronicle_event_row_get_timeline      (ChronicleEventRow   *self);
void               chronicle_event_row_set_timeline      (ChronicleEventRow   *self,
                                                          ChronicleTimeline   *timeline);
/* A compact date for lists: "30 Aug 2025", "Aug 2025", "30 Aug 2025 14:05". */
char              *chronicle_event_row_format_short_date (const ChronicleTime *time);

G_END_DECLS
