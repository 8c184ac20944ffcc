/* chronicle-go-to-date-popover.h
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
 * Go to Date (Ctrl+G): an entry that takes a date at any precision, as
 * chronicle_date_input_parse() reads it, in the timeline's time zone. On
 * Enter it emits "date-chosen" with the period the date names (a day, a
 * month, a year) and closes; a date it cannot read is shown in red with
 * what went wrong.
 */

#define CHRONICLE_TYPE_GO_TO_DATE_POPOVER (chronicle_go_to_date_popover_get_type())

G_DECLARE_FINAL_TYPE (ChronicleGoToDatePopover, chronicle_go_to_date_popover,
                      CHRONICLE, GO_TO_DATE_POPOVER, GtkPopover)

GtkWidget         *chronicle_go_to_date_popover_new          (void);
ChronicleTimeline *chronicle_go_to_date_popover_get_timeline (ChronicleGoToDatePopover *self);
void               chronicle_go_to_date_popover_set_timeline (ChronicleGoToDatePopover *self,
                                                              ChronicleTimeline        *timeline);
GtkEditable       *chronicle_go_to_date_popover_get_entry    (ChronicleGoToDatePopover *self);
/* Reads the entry: emits "date-chosen" and returns TRUE when it is a date. */
gboolean           chronicle_go_to_date_popover_go           (ChronicleGoToDatePopover *self);

G_END_DECLS
