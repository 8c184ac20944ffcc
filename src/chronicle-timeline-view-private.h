/* chronicle-timeline-view-private.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "chronicle-timeline-painter.h"
#include "chronicle-timeline-view.h"

G_BEGIN_DECLS

/* The view's pointer handling, callable without input events (tests). */

ChronicleLaneLayout      *_chronicle_timeline_view_get_layout       (ChronicleTimelineView *self);
ChronicleTimelinePainter *_chronicle_timeline_view_get_painter      (ChronicleTimelineView *self);
/* What was drawn at (@x, @y): an event or a cluster. */
gboolean                  _chronicle_timeline_view_hit_test         (ChronicleTimelineView *self,
                                                                     double                 x,
                                                                     double                 y,
                                                                     ChronicleTimelineHit  *hit);
/* A click (not a drag) with @n_press presses, as the click gesture sees it. */
void                      _chronicle_timeline_view_click            (ChronicleTimelineView *self,
                                                                     int                    n_press,
                                                                     double                 x,
                                                                     double                 y);
/* A drag from (@x, @y) by (@offset_x, @offset_y), as the drag gesture sees it. */
void                      _chronicle_timeline_view_drag             (ChronicleTimelineView *self,
                                                                     double                 x,
                                                                     double                 y,
                                                                     double                 offset_x,
                                                                     double                 offset_y);
/* A scroll event of the scroll controller, with the pointer at (@x, @y). */
void                      _chronicle_timeline_view_scroll           (ChronicleTimelineView *self,
                                                                     double                 x,
                                                                     double                 y,
                                                                     double                 dx,
                                                                     double                 dy,
                                                                     GdkModifierType        state,
                                                                     GdkScrollUnit          unit);
/* The tooltip's text at (@x, @y), or %NULL for no tooltip. */
char                     *_chronicle_timeline_view_get_tooltip_text (ChronicleTimelineView *self,
                                                                     double                 x,
                                                                     double                 y);
/* The lanes' vertical scroll offset, in pixels. */
double                    _chronicle_timeline_view_get_scroll_offset (ChronicleTimelineView *self);

G_END_DECLS
