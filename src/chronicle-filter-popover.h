/* chronicle-filter-popover.h
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
 * The filters of the chosen view: one toggle per kind with its colour and
 * its count, one per status with its count, the actors and the tags to
 * keep, and a date range typed or picked on a calendar. Everything reads
 * and writes the filter's view state; "Clear All" clears every filter and
 * the search text.
 *
 * Kinds and statuses are all on when the state does not constrain them;
 * turning every one off goes back to that. Actors and tags constrain only
 * once one of them is chosen. The rows are built when the popover first
 * shows, for the kinds, actors and tags the events use.
 */

#define CHRONICLE_TYPE_FILTER_POPOVER (chronicle_filter_popover_get_type())

G_DECLARE_FINAL_TYPE (ChronicleFilterPopover, chronicle_filter_popover, CHRONICLE, FILTER_POPOVER, GtkPopover)

GtkWidget            *chronicle_filter_popover_new        (void);
ChronicleEventFilter *chronicle_filter_popover_get_filter (ChronicleFilterPopover *self);
void                  chronicle_filter_popover_set_filter (ChronicleFilterPopover *self,
                                                           ChronicleEventFilter   *filter);

G_END_DECLS
