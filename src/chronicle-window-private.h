/* chronicle-window-private.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "chronicle-window.h"

#include "chronicle-cli.h"
#include "chronicle-detail-panel.h"
#include "chronicle-event-filter.h"
#include "chronicle-filter-popover.h"
#include "chronicle-go-to-date-popover.h"
#include "chronicle-search-bar.h"
#include "chronicle-timeline-view.h"
#include "chronicle-view-state.h"
#include "chronicle-view-switcher.h"

G_BEGIN_DECLS

/* The bundled timeline, in the GResource. */
#define CHRONICLE_BUNDLED_TIMELINE_URI \
  "resource:///io/github/chronicle/Chronicle/timelines/chicago-2025.json"

/* The parts of the window, for the window's tests and later features. */
ChronicleDetailPanel  *_chronicle_window_get_detail_panel  (ChronicleWindow *self);
ChronicleTimelineView *_chronicle_window_get_timeline_view (ChronicleWindow *self);
GtkListView           *_chronicle_window_get_event_list    (ChronicleWindow *self);
GtkSingleSelection    *_chronicle_window_get_selection     (ChronicleWindow *self);
AdwWindowTitle        *_chronicle_window_get_title_widget  (ChronicleWindow *self);
/* The items of the Open Recent submenu. */
GMenuModel            *_chronicle_window_get_recent_menu   (ChronicleWindow *self);
/* TRUE while a file loads. */
gboolean               _chronicle_window_get_loading       (ChronicleWindow *self);

/* The chosen view: the one state of filters, search, grouping and time
 * window the window shows (and export writes). It outlives timelines;
 * each new timeline starts on All Events, or on the view options. */
ChronicleViewState     *_chronicle_window_get_view_state       (ChronicleWindow            *self);
/* The events the view state lets through, the model of the shared
 * selection; %NULL before the first timeline. */
ChronicleEventFilter   *_chronicle_window_get_event_filter     (ChronicleWindow            *self);
ChronicleSearchBar     *_chronicle_window_get_search_bar       (ChronicleWindow            *self);
ChronicleViewSwitcher  *_chronicle_window_get_view_switcher    (ChronicleWindow            *self);
ChronicleFilterPopover *_chronicle_window_get_filter_popover   (ChronicleWindow            *self);
ChronicleGoToDatePopover *_chronicle_window_get_go_to_date_popover (ChronicleWindow        *self);
/* Command-line view options (--view, --from…) for the next timeline
 * loaded, applied once it is. */
void                    _chronicle_window_set_view_options     (ChronicleWindow            *self,
                                                                const ChronicleViewOptions *options);

G_END_DECLS
