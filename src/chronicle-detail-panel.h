/* chronicle-detail-panel.h
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
 * Everything about one event: title, kind, status, date, location, actors,
 * summary, description, quotes, sources and tags. All text is shown
 * literally and can be selected; only http, https and mailto links open.
 * With no event it says so with a status page.
 */

#define CHRONICLE_TYPE_DETAIL_PANEL (chronicle_detail_panel_get_type())

G_DECLARE_FINAL_TYPE (ChronicleDetailPanel, chronicle_detail_panel, CHRONICLE, DETAIL_PANEL, GtkWidget)

GtkWidget         *chronicle_detail_panel_new          (void);
ChronicleEvent    *chronicle_detail_panel_get_event    (ChronicleDetailPanel *self);
void               chronicle_detail_panel_set_event    (ChronicleDetailPanel *self,
                                                        ChronicleEvent       *event);
/* Gives the kinds and actors the event refers to. */
ChronicleTimeline *chronicle_detail_panel_get_timeline (ChronicleDetailPanel *self);
void               chronicle_detail_panel_set_timeline (ChronicleDetailPanel *self,
                                                        ChronicleTimeline    *timeline);
/* The event as plain text, for the clipboard; %NULL with no event. */
char              *chronicle_detail_panel_dup_text     (ChronicleDetailPanel *self);
/* Whether Chronicle opens @uri: only http, https and mailto links. */
gboolean           chronicle_detail_panel_can_open_uri (const char           *uri);

G_END_DECLS
