/* chronicle-timeline-view.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-bitset.h"
#include "chronicle-lane-layout.h"
#include "chronicle-timeline.h"

G_BEGIN_DECLS

/*
 * The drawn timeline: one widget, no child per event. It shows the events of
 * a GtkSingleSelection (ChronicleEvent items in start order, shared with the
 * event list and the detail panel) over a visible time range.
 *
 * Actions (installed on the class, bound to keys):
 *   timeline.zoom-in (Ctrl+plus), timeline.zoom-out (Ctrl+minus),
 *   timeline.zoom-fit (Ctrl+0), timeline.pan-left, timeline.pan-right,
 *   timeline.select-previous (Left), timeline.select-next (Right),
 *   timeline.select-lane-up (Up), timeline.select-lane-down (Down),
 *   timeline.select-first (Home), timeline.select-last (End),
 *   timeline.activate (Enter: emits event-activated for the selection),
 *   timeline.zoom-to-selection (Ctrl+Enter); also Ctrl+equal, Ctrl+KP_Add,
 *   Ctrl+KP_Subtract and Ctrl+KP_0; Ctrl+Left/Right pan. Zooming by
 *   keyboard keeps the selected event in place when it is in view, else
 *   the middle of the view.
 *
 * Pointer: Ctrl+scroll and pinch zoom around the pointer; dragging pans
 * (and scrolls the lanes); horizontal scrolling and Shift+scroll pan time,
 * kinetically on touchpads. Plain vertical scrolling scrolls the lanes when
 * they are taller than the view, and pans time when they all fit. A click
 * selects an event, a double click zooms to it, a click on a cluster zooms
 * into it and a click on nothing clears the selection. Dragging across the
 * time axis emits "range-selected" with the dates dragged over.
 *
 * The view shows all events when a document's events first arrive; after
 * that the range only changes on request. Every selection change scrolls
 * the selection into view. The selected event's title and date are the
 * accessible description.
 */

#define CHRONICLE_TYPE_TIMELINE_VIEW (chronicle_timeline_view_get_type())

G_DECLARE_FINAL_TYPE (ChronicleTimelineView, chronicle_timeline_view, CHRONICLE, TIMELINE_VIEW, GtkWidget)

GtkWidget          *chronicle_timeline_view_new                  (void);
/* The document: kinds (colours, lane labels), eras, actors, time zone. */
ChronicleTimeline  *chronicle_timeline_view_get_timeline         (ChronicleTimelineView *self);
void                chronicle_timeline_view_set_timeline         (ChronicleTimelineView *self,
                                                                  ChronicleTimeline     *timeline);
/* The events to draw and the selection, shared with other views. */
GtkSingleSelection *chronicle_timeline_view_get_model            (ChronicleTimelineView *self);
void                chronicle_timeline_view_set_model            (ChronicleTimelineView *self,
                                                                  GtkSingleSelection    *model);
ChronicleGroupBy    chronicle_timeline_view_get_group_by         (ChronicleTimelineView *self);
void                chronicle_timeline_view_set_group_by         (ChronicleTimelineView *self,
                                                                  ChronicleGroupBy       group_by);
/* The visible range, in seconds since the Unix epoch (UTC). */
gint64              chronicle_timeline_view_get_visible_start    (ChronicleTimelineView *self);
gint64              chronicle_timeline_view_get_visible_duration (ChronicleTimelineView *self);
void                chronicle_timeline_view_set_visible_range    (ChronicleTimelineView *self,
                                                                  gint64                 start,
                                                                  gint64                 duration);
/* Shows every event with a margin (Ctrl+0). */
void                chronicle_timeline_view_zoom_fit             (ChronicleTimelineView *self);
/* Scrolls so that the selected event is in view, without zooming if it fits. */
void                chronicle_timeline_view_scroll_to_selection  (ChronicleTimelineView *self);
/* The events a search found, by model position: highlighted, and every
 * other event faded; %NULL for no search. */
void                chronicle_timeline_view_set_highlight        (ChronicleTimelineView *self,
                                                                  const ChronicleBitset *matches);
/* The date range the events are filtered to, shaded outside; G_MININT64
 * and G_MAXINT64 for open ends (both: no range). */
void                chronicle_timeline_view_set_date_range       (ChronicleTimelineView *self,
                                                                  gint64                 start,
                                                                  gint64                 end);

G_END_DECLS
