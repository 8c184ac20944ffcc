/* chronicle-window-private.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "chronicle-window.h"

#include "chronicle-detail-panel.h"
#include "chronicle-timeline-view.h"

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

G_END_DECLS
