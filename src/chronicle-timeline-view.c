/* chronicle-timeline-view.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-timeline-view"

#include "config.h"

#include "chronicle-timeline-view-private.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "chronicle-event-filter.h"
#include "chronicle-lane-layout.h"
#include "chronicle-timeline-painter.h"

#define SECONDS_PER_YEAR (365.2425 * 86400.0)
#define MIN_DURATION     1.0
#define MAX_DURATION     (100000 * SECONDS_PER_YEAR)
#define ZOOM_STEP        1.5
#define PAN_STEP         0.25
/* Fitting puts the events between 4 % and 88 % of the width: the rest is
 * room for the labels of the last events. */
#define FIT_LEFT         0.04
#define FIT_SPAN         0.84
/* Pixels one wheel notch scrolls. */
#define WHEEL_STEP       60.0
/* Kinetic scrolling: the velocity left after one second. */
#define KINETIC_DECAY    0.02
#define KINETIC_STOP     8.0

struct _ChronicleTimelineView
{
  GtkWidget                 parent_instance;

  ChronicleTimeline        *timeline;
  GtkSingleSelection       *model;
  GSignalGroup             *model_signals;
  ChronicleLaneLayout      *layout;
  ChronicleTimelinePainter *painter;
  GskRenderNode            *cached_node;

  /* The visible range, in seconds; fractional for smooth zooming. */
  double                    start;
  double                    duration;
  double                    scroll_offset;

  ChronicleTimelineHit      hover;
  double                    pointer_x;
  double                    pointer_y;

  double                    drag_start_time;
  double                    drag_start_offset;
  double                    drag_start_x;

  /* The date range the events are filtered to (shaded outside), and the
   * one being dragged on the axis. */
  gint64                    range_start;
  gint64                    range_end;
  double                    select_from;
  double                    select_to;
  double                    zoom_start_duration;

  double                    kinetic_dx;
  double                    kinetic_dy;
  gint64                    kinetic_last_time;
  guint                     kinetic_id;

  guint                     focus_lane;

  guint                     style_valid : 1;
  guint                     cairo_renderer : 1;
  guint                     pointer_inside : 1;
  guint                     dragging : 1;
  guint                     selecting_range : 1;
  /* Fit all events when they change, until the range is chosen. */
  guint                     auto_fit : 1;
};

G_DEFINE_FINAL_TYPE (ChronicleTimelineView, chronicle_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_MODEL,
  PROP_GROUP_BY,
  PROP_VISIBLE_START,
  PROP_VISIBLE_DURATION,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  RANGE_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static double min_time;
static double max_time;

static guint
chronicle_timeline_view_get_selected (ChronicleTimelineView *self)
{
  guint selected;

  if (self->model == NULL)
    return G_MAXUINT;

  selected = gtk_single_selection_get_selected (self->model);
  if (selected >= chronicle_lane_layout_get_n_events (self->layout))
    return G_MAXUINT;

  return selected;
}

static ChronicleEvent *
chronicle_timeline_view_get_selected_event (ChronicleTimelineView *self)
{
  return chronicle_lane_layout_get_event (self->layout,
                                          chronicle_timeline_view_get_selected (self));
}

static double
chronicle_timeline_view_get_view_width (ChronicleTimelineView *self)
{
  return MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);
}

static double
chronicle_timeline_view_max_scroll (ChronicleTimelineView *self)
{
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  return MAX (0, chronicle_timeline_painter_get_content_height (self->painter) - height);
}

static char *
format_event_date (ChronicleEvent *event)
{
  if (chronicle_event_get_end (event) != NULL)
    return chronicle_time_format_range (chronicle_event_get_start (event),
                                        chronicle_event_get_end (event));

  return chronicle_time_format (chronicle_event_get_start (event));
}

static void
chronicle_timeline_view_invalidate (ChronicleTimelineView *self)
{
  g_clear_pointer (&self->cached_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Images drawn as the renderer of the window draws them fastest: cairo
 * nodes for GTK's cairo renderer, textures for the others. */
static void
chronicle_timeline_view_update_paint_flags (ChronicleTimelineView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  gboolean cairo_renderer = renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
  ChronicleTimelinePaintFlags flags = CHRONICLE_TIMELINE_PAINT_SHOW_TODAY |
                                      CHRONICLE_TIMELINE_PAINT_SCREEN;

  if (cairo_renderer == self->cairo_renderer)
    return;

  self->cairo_renderer = cairo_renderer;
  if (cairo_renderer)
    flags |= CHRONICLE_TIMELINE_PAINT_CAIRO_RENDERER;
  chronicle_timeline_painter_set_flags (self->painter, flags);
  g_clear_pointer (&self->cached_node, gsk_render_node_unref);
}

static void
chronicle_timeline_view_update_actions (ChronicleTimelineView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_events = chronicle_lane_layout_get_n_events (self->layout) > 0;
  gboolean has_selection = chronicle_timeline_view_get_selected (self) != G_MAXUINT;

  gtk_widget_action_set_enabled (widget, "timeline.zoom-in", self->duration > MIN_DURATION);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-out", self->duration < MAX_DURATION);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-fit", has_events);
  gtk_widget_action_set_enabled (widget, "timeline.pan-left", self->start > min_time);
  gtk_widget_action_set_enabled (widget, "timeline.pan-right",
                                 self->start + self->duration < max_time);
  gtk_widget_action_set_enabled (widget, "timeline.select-previous", has_events);
  gtk_widget_action_set_enabled (widget, "timeline.select-next", has_events);
  gtk_widget_action_set_enabled (widget, "timeline.select-lane-up", has_selection);
  gtk_widget_action_set_enabled (widget, "timeline.select-lane-down", has_selection);
  gtk_widget_action_set_enabled (widget, "timeline.select-first", has_events);
  gtk_widget_action_set_enabled (widget, "timeline.select-last", has_events);
  gtk_widget_action_set_enabled (widget, "timeline.activate", has_selection);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-to-selection", has_selection);
}

static void
chronicle_timeline_view_update_accessible (ChronicleTimelineView *self)
{
  ChronicleEvent *event = chronicle_timeline_view_get_selected_event (self);
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;

  if (event == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  date = format_event_date (event);
  /* Translators: the timeline's accessible description of the selected
   * event: its title, then its date. */
  description = g_strdup_printf (C_("timeline description", "%1$s, %2$s"),
                                 chronicle_event_get_title (event), date);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Every change of the range goes through here. */
static void
chronicle_timeline_view_apply_range (ChronicleTimelineView *self,
                                     double                 start,
                                     double                 duration)
{
  gint64 old_start = chronicle_timeline_view_get_visible_start (self);
  gint64 old_duration = chronicle_timeline_view_get_visible_duration (self);

  if (isnan (start) || isnan (duration))
    return;

  duration = CLAMP (duration, MIN_DURATION, MAX_DURATION);
  start = CLAMP (start, min_time, max_time - duration);

  if (start == self->start && duration == self->duration)
    return;

  self->start = start;
  self->duration = duration;
  chronicle_timeline_painter_set_visible_range (self->painter, start, duration);
  chronicle_timeline_view_invalidate (self);
  chronicle_timeline_view_update_actions (self);

  if (old_start != chronicle_timeline_view_get_visible_start (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_START]);
  if (old_duration != chronicle_timeline_view_get_visible_duration (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_DURATION]);
}

static void
chronicle_timeline_view_set_scroll_offset (ChronicleTimelineView *self,
                                           double                 offset)
{
  offset = CLAMP (offset, 0, chronicle_timeline_view_max_scroll (self));

  if (offset != self->scroll_offset)
    {
      self->scroll_offset = offset;
      chronicle_timeline_painter_set_scroll_offset (self->painter, offset);
      chronicle_timeline_view_invalidate (self);
    }
}

/* Zooms to @duration keeping the time at @x where it is. */
static void
chronicle_timeline_view_zoom_at (ChronicleTimelineView *self,
                                 double                 duration,
                                 double                 x)
{
  double fraction = CLAMP (x / chronicle_timeline_view_get_view_width (self), 0, 1);
  double anchor = self->start + fraction * self->duration;

  duration = CLAMP (duration, MIN_DURATION, MAX_DURATION);
  self->auto_fit = FALSE;
  chronicle_timeline_view_apply_range (self, anchor - fraction * duration, duration);
}

/* Shows [@start, @end) in the middle third or so of the view. */
static void
chronicle_timeline_view_zoom_to_span (ChronicleTimelineView *self,
                                      gint64                 start,
                                      gint64                 end,
                                      double                 factor)
{
  double span = MAX ((double) (end - start), 60.0);
  double duration = span * factor;

  self->auto_fit = FALSE;
  chronicle_timeline_view_apply_range (self, start + span / 2 - duration / 2, duration);
}

static void
chronicle_timeline_view_pan_pixels (ChronicleTimelineView *self,
                                    double                 dx)
{
  double width = chronicle_timeline_view_get_view_width (self);

  self->auto_fit = FALSE;
  chronicle_timeline_view_apply_range (self, self->start + dx * self->duration / width,
                                       self->duration);
}

/* Vertical motion scrolls the lanes when they do not fit, else pans time. */
static void
chronicle_timeline_view_scroll_pixels (ChronicleTimelineView *self,
                                       double                 dx,
                                       double                 dy)
{
  if (chronicle_timeline_view_max_scroll (self) > 0)
    {
      chronicle_timeline_view_set_scroll_offset (self, self->scroll_offset + dy);
      dy = 0;
    }

  if (dx != 0 || dy != 0)
    chronicle_timeline_view_pan_pixels (self, dx + dy);
}

static void
chronicle_timeline_view_select (ChronicleTimelineView *self,
                                guint                  position)
{
  if (self->model == NULL || position >= chronicle_lane_layout_get_n_events (self->layout))
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->model), position, TRUE);
}

/* The lane the keyboard is in: the remembered one if it shows the
 * selection, else the first lane that does. */
static guint
chronicle_timeline_view_selection_lane (ChronicleTimelineView *self,
                                        guint                  selected,
                                        guint                 *index)
{
  guint n_lanes = chronicle_lane_layout_get_n_lanes (self->layout);
  guint lane;

  if (self->focus_lane < n_lanes)
    {
      *index = chronicle_lane_layout_find_entry (self->layout, self->focus_lane, selected);
      if (*index != G_MAXUINT)
        return self->focus_lane;
    }

  for (lane = 0; lane < n_lanes; lane++)
    {
      *index = chronicle_lane_layout_find_entry (self->layout, lane, selected);
      if (*index != G_MAXUINT)
        return lane;
    }

  return G_MAXUINT;
}

static void
chronicle_timeline_view_stop_kinetic (ChronicleTimelineView *self)
{
  if (self->kinetic_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->kinetic_id);
      self->kinetic_id = 0;
    }
}

static gboolean
chronicle_timeline_view_kinetic_tick_cb (GtkWidget     *widget,
                                         GdkFrameClock *frame_clock,
                                         gpointer       user_data)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double dt = (now - self->kinetic_last_time) / (double) G_USEC_PER_SEC;
  double decay;

  self->kinetic_last_time = now;
  if (dt <= 0)
    return G_SOURCE_CONTINUE;

  chronicle_timeline_view_scroll_pixels (self, self->kinetic_dx * dt, self->kinetic_dy * dt);

  decay = pow (KINETIC_DECAY, dt);
  self->kinetic_dx *= decay;
  self->kinetic_dy *= decay;

  if (fabs (self->kinetic_dx) < KINETIC_STOP && fabs (self->kinetic_dy) < KINETIC_STOP)
    {
      self->kinetic_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
chronicle_timeline_view_set_hover (ChronicleTimelineView      *self,
                                   const ChronicleTimelineHit *hit)
{
  ChronicleTimelineHit none = { CHRONICLE_TIMELINE_HIT_NONE, };

  if (hit == NULL)
    hit = &none;

  if (hit->type == self->hover.type &&
      hit->position == self->hover.position &&
      hit->lane == self->hover.lane &&
      graphene_rect_equal (&hit->bounds, &self->hover.bounds))
    return;

  self->hover = *hit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *color)
{
  if (!gtk_style_context_lookup_color (context, name, color) && fallback != NULL)
    gtk_style_context_lookup_color (context, fallback, color);
}

static void
chronicle_timeline_view_update_style (ChronicleTimelineView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  PangoContext *pango_context = gtk_widget_get_pango_context (widget);
  ChronicleTimelineColors colors;
  GdkRGBA background = { 1, 1, 1, 1 };
  gboolean high_contrast;
  gboolean dark;

  high_contrast = adw_is_initialized () &&
                  adw_style_manager_get_high_contrast (adw_style_manager_get_default ());

  /* style.css names our colours; libadwaita's, then the built-in
   * palette, stand in for any that are missing. */
  lookup_color (context, "chronicle_timeline_bg_color", "view_bg_color", &background);
  dark = 0.2126 * background.red + 0.7152 * background.green + 0.0722 * background.blue < 0.5;
  chronicle_timeline_colors_init (&colors, dark, high_contrast);
  colors.background = background;

  gtk_style_context_get_color (context, &colors.foreground);
  lookup_color (context, "chronicle_timeline_fg_color", "view_fg_color", &colors.foreground);
  lookup_color (context, "chronicle_axis_color", NULL, &colors.axis);
  lookup_color (context, "chronicle_grid_color", NULL, &colors.grid);
  lookup_color (context, "chronicle_lane_alt_bg_color", NULL, &colors.lane_alt);
  lookup_color (context, "chronicle_lane_label_color", NULL, &colors.lane_label);
  lookup_color (context, "chronicle_era_color", NULL, &colors.era);
  lookup_color (context, "chronicle_today_color", "error_color", &colors.today);
  lookup_color (context, "chronicle_selection_color", "accent_color", &colors.selection);
  lookup_color (context, "chronicle_hover_color", NULL, &colors.hover);
  lookup_color (context, "accent_color", NULL, &colors.accent);
  lookup_color (context, "chronicle_match_color", NULL, &colors.match);

  chronicle_timeline_painter_set_colors (self->painter, &colors);
  chronicle_timeline_painter_set_pango_context (self->painter, pango_context);
  chronicle_timeline_painter_set_font (self->painter,
                                       pango_context_get_font_description (pango_context));

  self->style_valid = TRUE;
}

static void
on_layout_changed_cb (ChronicleTimelineView *self,
                      ChronicleLaneLayout   *layout)
{
  g_assert (CHRONICLE_IS_TIMELINE_VIEW (self));

  self->hover.type = CHRONICLE_TIMELINE_HIT_NONE;
  if (self->focus_lane >= chronicle_lane_layout_get_n_lanes (layout))
    self->focus_lane = 0;

  /* The first time a document's events arrive, show all of them. */
  if (self->auto_fit && chronicle_lane_layout_get_n_events (layout) > 0)
    chronicle_timeline_view_zoom_fit (self);

  chronicle_timeline_view_invalidate (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  chronicle_timeline_view_update_actions (self);
  chronicle_timeline_view_update_accessible (self);
}

/* A selection over an event filter: the layout then lays the filter's
 * events out from its arrays, a million in tens of milliseconds. */
static void
chronicle_timeline_view_update_layout_filter (ChronicleTimelineView *self)
{
  GListModel *inner = self->model != NULL ? gtk_single_selection_get_model (self->model) : NULL;

  chronicle_lane_layout_set_filter (self->layout,
                                    CHRONICLE_IS_EVENT_FILTER (inner)
                                    ? CHRONICLE_EVENT_FILTER (inner) : NULL);
}

/* Markers are drawn from images made for the scale factor. */
static void
on_notify_scale_factor_cb (ChronicleTimelineView *self,
                           GParamSpec            *pspec,
                           gpointer               user_data)
{
  chronicle_timeline_painter_set_scale_factor (self->painter,
                                               gtk_widget_get_scale_factor (GTK_WIDGET (self)));
  chronicle_timeline_view_invalidate (self);
}

static void
on_model_notify_model_cb (ChronicleTimelineView *self,
                          GParamSpec            *pspec,
                          GtkSingleSelection    *model)
{
  chronicle_timeline_view_update_layout_filter (self);
}

static void
on_model_selection_changed_cb (ChronicleTimelineView *self,
                               guint                  position,
                               guint                  n_items,
                               GtkSelectionModel     *model)
{
  g_assert (CHRONICLE_IS_TIMELINE_VIEW (self));

  chronicle_lane_layout_ensure (self->layout);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  chronicle_timeline_view_update_actions (self);
  chronicle_timeline_view_update_accessible (self);
  chronicle_timeline_view_scroll_to_selection (self);
}

static void
on_click_pressed_cb (ChronicleTimelineView *self,
                     int                    n_press,
                     double                 x,
                     double                 y,
                     GtkGestureClick       *gesture)
{
  ChronicleTimelineHit hit;

  chronicle_timeline_view_stop_kinetic (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));

  /* A double click zooms to the event (the first click selected it). */
  if (n_press == 2 &&
      chronicle_timeline_painter_hit_test (self->painter, x, y, &hit) &&
      hit.type == CHRONICLE_TIMELINE_HIT_EVENT)
    chronicle_timeline_view_zoom_to_span (self, hit.start, hit.end, 3.0);
}

/* Only a click that did not turn into a drag gets here. */
static void
on_click_released_cb (ChronicleTimelineView *self,
                      int                    n_press,
                      double                 x,
                      double                 y,
                      GtkGestureClick       *gesture)
{
  ChronicleTimelineHit hit;

  if (n_press != 1)
    return;

  if (!chronicle_timeline_painter_hit_test (self->painter, x, y, &hit))
    {
      /* A click on nothing clears the selection. */
      if (self->model != NULL)
        gtk_single_selection_set_selected (self->model, GTK_INVALID_LIST_POSITION);
      return;
    }

  switch (hit.type)
    {
    case CHRONICLE_TIMELINE_HIT_EVENT:
      self->focus_lane = hit.lane;
      chronicle_timeline_view_select (self, hit.position);
      break;

    case CHRONICLE_TIMELINE_HIT_CLUSTER:
      /* Activating a cluster zooms into it. */
      chronicle_timeline_view_zoom_to_span (self, hit.start, hit.end, 1.5);
      break;

    case CHRONICLE_TIMELINE_HIT_NONE:
    default:
      break;
    }
}

static void
on_drag_begin_cb (ChronicleTimelineView *self,
                  double                 x,
                  double                 y,
                  GtkGestureDrag        *gesture)
{
  chronicle_timeline_view_stop_kinetic (self);
  self->drag_start_time = self->start;
  self->drag_start_offset = self->scroll_offset;
  self->drag_start_x = x;
  self->dragging = FALSE;

  /* On the axis, a drag picks a date range instead of panning. */
  self->selecting_range = y < chronicle_timeline_painter_get_lanes_top (self->painter);
  if (self->selecting_range)
    self->select_from = self->select_to = chronicle_timeline_painter_x_to_time (self->painter, x);
}

static void
on_drag_update_cb (ChronicleTimelineView *self,
                   double                 offset_x,
                   double                 offset_y,
                   GtkGestureDrag        *gesture)
{
  if (!self->dragging)
    {
      if (!gtk_drag_check_threshold (GTK_WIDGET (self), 0, 0, offset_x, offset_y))
        return;

      /* A drag, not a click: the click gesture lets go. */
      self->dragging = TRUE;
      if (gesture != NULL)
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }

  if (self->selecting_range)
    {
      double x = CLAMP (self->drag_start_x + offset_x, 0, chronicle_timeline_view_get_view_width (self));

      self->select_to = chronicle_timeline_painter_x_to_time (self->painter, x);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }

  self->auto_fit = FALSE;
  chronicle_timeline_view_apply_range (self,
                                       self->drag_start_time - offset_x * self->duration /
                                       chronicle_timeline_view_get_view_width (self),
                                       self->duration);
  chronicle_timeline_view_set_scroll_offset (self, self->drag_start_offset - offset_y);
}

static void
on_drag_end_cb (ChronicleTimelineView *self,
                double                 offset_x,
                double                 offset_y,
                GtkGestureDrag        *gesture)
{
  gboolean selected_range = self->selecting_range && self->dragging;
  double from = MIN (self->select_from, self->select_to);
  double to = MAX (self->select_from, self->select_to);
  double width = (to - from) * chronicle_timeline_view_get_view_width (self) / self->duration;

  self->dragging = FALSE;
  self->selecting_range = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  /* A few pixels are a slip of the hand, not a range. */
  if (selected_range && width >= 4)
    g_signal_emit (self, signals[RANGE_SELECTED], 0, (gint64) floor (from), (gint64) ceil (to));
}

/* The filter's date range shaded outside, and the range being dragged. */
static void
chronicle_timeline_view_snapshot_ranges (ChronicleTimelineView *self,
                                         GtkSnapshot           *snapshot,
                                         double                 width,
                                         double                 height)
{
  double axis_height = chronicle_timeline_painter_get_lanes_top (self->painter);
  GdkRGBA shade = { 1, 1, 1, 1 };
  GdkRGBA band;
  GdkRGBA edge;

  if (!self->style_valid)
    return;

  gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  "view_bg_color", &shade);
  shade.alpha = 0.55;
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       "accent_bg_color", &edge))
    gdk_rgba_parse (&edge, "#3584e4");
  band = edge;
  band.alpha = 0.2;

  if (self->range_start != G_MININT64 || self->range_end != G_MAXINT64)
    {
      double x1 = self->range_start == G_MININT64 ? -1 :
                  chronicle_timeline_painter_time_to_x (self->painter, self->range_start);
      double x2 = self->range_end == G_MAXINT64 ? width + 1 :
                  chronicle_timeline_painter_time_to_x (self->painter, self->range_end);

      x1 = CLAMP (x1, -1, width + 1);
      x2 = CLAMP (x2, -1, width + 1);

      if (x1 > 0)
        gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (0, 0, x1, height));
      if (x2 < width)
        gtk_snapshot_append_color (snapshot, &shade, &GRAPHENE_RECT_INIT (x2, 0, width - x2, height));
      if (x2 > x1)
        gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (x1, axis_height - 4, x2 - x1, 4));
    }

  if (self->selecting_range && self->dragging)
    {
      double a = chronicle_timeline_painter_time_to_x (self->painter, self->select_from);
      double b = chronicle_timeline_painter_time_to_x (self->painter, self->select_to);
      double x1 = MIN (a, b);
      double x2 = MAX (a, b);

      gtk_snapshot_append_color (snapshot, &band, &GRAPHENE_RECT_INIT (x1, 0, x2 - x1, height));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x1 - 1, 0, 2, height));
      gtk_snapshot_append_color (snapshot, &edge, &GRAPHENE_RECT_INIT (x2 - 1, 0, 2, height));
    }
}

static gboolean
on_scroll_cb (ChronicleTimelineView    *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *controller)
{
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  _chronicle_timeline_view_scroll (self, self->pointer_x, self->pointer_y, dx, dy, state,
                                   gtk_event_controller_scroll_get_unit (controller));

  return TRUE;
}

static void
on_scroll_decelerate_cb (ChronicleTimelineView    *self,
                         double                    velocity_x,
                         double                    velocity_y,
                         GtkEventControllerScroll *controller)
{
  GdkModifierType state;
  double unit = WHEEL_STEP;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_SURFACE)
    unit = 1;

  if (state & GDK_CONTROL_MASK)
    return;

  chronicle_timeline_view_stop_kinetic (self);
  self->kinetic_dx = velocity_x * unit;
  self->kinetic_dy = velocity_y * unit;
  if (state & GDK_SHIFT_MASK)
    {
      self->kinetic_dx += self->kinetic_dy;
      self->kinetic_dy = 0;
    }
  self->kinetic_last_time = g_get_monotonic_time ();
  self->kinetic_id = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                   chronicle_timeline_view_kinetic_tick_cb,
                                                   NULL, NULL);
}

static void
on_zoom_begin_cb (ChronicleTimelineView *self,
                  GdkEventSequence      *sequence,
                  GtkGestureZoom        *gesture)
{
  chronicle_timeline_view_stop_kinetic (self);
  self->zoom_start_duration = self->duration;
}

static void
on_zoom_scale_changed_cb (ChronicleTimelineView *self,
                          double                 scale,
                          GtkGestureZoom        *gesture)
{
  double x, y;

  if (scale <= 0)
    return;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = chronicle_timeline_view_get_view_width (self) / 2;

  chronicle_timeline_view_zoom_at (self, self->zoom_start_duration / scale, x);
}

static void
on_motion_cb (ChronicleTimelineView    *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *controller)
{
  ChronicleTimelineHit hit;

  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;

  /* The axis picks date ranges. */
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   y < chronicle_timeline_painter_get_lanes_top (self->painter) ? "col-resize"
                                                                                               : NULL);

  if (self->dragging || !chronicle_timeline_painter_hit_test (self->painter, x, y, &hit))
    chronicle_timeline_view_set_hover (self, NULL);
  else
    chronicle_timeline_view_set_hover (self, &hit);
}

static void
on_leave_cb (ChronicleTimelineView    *self,
             GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  chronicle_timeline_view_set_hover (self, NULL);
}

/* Keyboard zoom keeps the selection where it is when it is in view, else
 * the middle of the view. */
static double
chronicle_timeline_view_zoom_anchor (ChronicleTimelineView *self)
{
  ChronicleEvent *event = chronicle_timeline_view_get_selected_event (self);
  double width = chronicle_timeline_view_get_view_width (self);

  if (event != NULL)
    {
      double start = chronicle_event_get_start_instant (event);
      double end = chronicle_event_get_end_instant (event);
      double x = ((start + end) / 2 - self->start) * width / self->duration;

      if (x >= 0 && x <= width)
        return x;
    }

  return width / 2;
}

static void
chronicle_timeline_view_zoom_in_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);

  chronicle_timeline_view_zoom_at (self, self->duration / ZOOM_STEP,
                                   chronicle_timeline_view_zoom_anchor (self));
}

static void
chronicle_timeline_view_zoom_out_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);

  chronicle_timeline_view_zoom_at (self, self->duration * ZOOM_STEP,
                                   chronicle_timeline_view_zoom_anchor (self));
}

static void
chronicle_timeline_view_zoom_fit_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  chronicle_timeline_view_zoom_fit (CHRONICLE_TIMELINE_VIEW (widget));
}

static void
chronicle_timeline_view_pan_left_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);

  chronicle_timeline_view_pan_pixels (self,
                                      -PAN_STEP * chronicle_timeline_view_get_view_width (self));
}

static void
chronicle_timeline_view_pan_right_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);

  chronicle_timeline_view_pan_pixels (self,
                                      PAN_STEP * chronicle_timeline_view_get_view_width (self));
}

static void
chronicle_timeline_view_select_previous_action (GtkWidget  *widget,
                                                const char *action_name,
                                                GVariant   *param)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);
  guint selected;

  chronicle_lane_layout_ensure (self->layout);
  selected = chronicle_timeline_view_get_selected (self);

  if (selected == G_MAXUINT)
    {
      /* From nothing: the last event that starts in view. */
      gint64 view_end = (gint64) ceil (self->start + self->duration);
      guint end = chronicle_lane_layout_position_lower_bound (self->layout, view_end);

      chronicle_timeline_view_select (self, end > 0 ? end - 1 : 0);
    }
  else if (selected > 0)
    {
      chronicle_timeline_view_select (self, selected - 1);
    }
}

static void
chronicle_timeline_view_select_next_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);
  guint n_events = chronicle_lane_layout_get_n_events (self->layout);
  guint selected;

  chronicle_lane_layout_ensure (self->layout);
  selected = chronicle_timeline_view_get_selected (self);

  if (selected == G_MAXUINT)
    {
      /* From nothing: the first event that starts in view. */
      guint first = chronicle_lane_layout_position_lower_bound (self->layout,
                                                                (gint64) floor (self->start));

      chronicle_timeline_view_select (self, MIN (first, n_events - 1));
    }
  else if (selected + 1 < n_events)
    {
      chronicle_timeline_view_select (self, selected + 1);
    }
}

static void
chronicle_timeline_view_select_lane (ChronicleTimelineView *self,
                                     int                    direction)
{
  const ChronicleLaneEntry *entries;
  guint selected;
  guint lane;
  guint target;
  guint index;

  chronicle_lane_layout_ensure (self->layout);
  selected = chronicle_timeline_view_get_selected (self);
  if (selected == G_MAXUINT)
    return;

  lane = chronicle_timeline_view_selection_lane (self, selected, &index);
  if (lane == G_MAXUINT)
    return;
  if ((direction < 0 && lane == 0) ||
      (direction > 0 && lane + 1 >= chronicle_lane_layout_get_n_lanes (self->layout)))
    return;

  entries = chronicle_lane_layout_get_entries (self->layout, lane, NULL);
  target = lane + direction;
  index = chronicle_lane_layout_find_nearest (self->layout, target, entries[index].start);
  if (index == G_MAXUINT)
    return;

  self->focus_lane = target;
  entries = chronicle_lane_layout_get_entries (self->layout, target, NULL);
  if (entries[index].position == selected)
    {
      /* The same event is in that lane too: only the lane changes. */
      chronicle_timeline_view_scroll_to_selection (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    {
      chronicle_timeline_view_select (self, entries[index].position);
    }
}

static void
chronicle_timeline_view_select_lane_up_action (GtkWidget  *widget,
                                               const char *action_name,
                                               GVariant   *param)
{
  chronicle_timeline_view_select_lane (CHRONICLE_TIMELINE_VIEW (widget), -1);
}

static void
chronicle_timeline_view_select_lane_down_action (GtkWidget  *widget,
                                                 const char *action_name,
                                                 GVariant   *param)
{
  chronicle_timeline_view_select_lane (CHRONICLE_TIMELINE_VIEW (widget), 1);
}

static void
chronicle_timeline_view_select_first_action (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *param)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);

  chronicle_lane_layout_ensure (self->layout);
  chronicle_timeline_view_select (self, 0);
}

static void
chronicle_timeline_view_select_last_action (GtkWidget  *widget,
                                            const char *action_name,
                                            GVariant   *param)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);
  guint n_events;

  chronicle_lane_layout_ensure (self->layout);
  n_events = chronicle_lane_layout_get_n_events (self->layout);
  if (n_events > 0)
    chronicle_timeline_view_select (self, n_events - 1);
}

static void
chronicle_timeline_view_activate_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *param)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);
  ChronicleEvent *event = chronicle_timeline_view_get_selected_event (self);

  if (event != NULL)
    g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event);
}

static void
chronicle_timeline_view_zoom_to_selection_action (GtkWidget  *widget,
                                                  const char *action_name,
                                                  GVariant   *param)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);
  ChronicleEvent *event = chronicle_timeline_view_get_selected_event (self);

  if (event != NULL)
    chronicle_timeline_view_zoom_to_span (self,
                                          chronicle_event_get_start_instant (event),
                                          chronicle_event_get_end_instant (event),
                                          3.0);
}

static gboolean
chronicle_timeline_view_query_tooltip (GtkWidget  *widget,
                                       int         x,
                                       int         y,
                                       gboolean    keyboard_mode,
                                       GtkTooltip *tooltip)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);
  g_autofree char *text = NULL;
  ChronicleTimelineHit hit;

  if (keyboard_mode)
    {
      ChronicleEvent *event = chronicle_timeline_view_get_selected_event (self);
      g_autofree char *date = NULL;

      if (event == NULL)
        return FALSE;

      date = format_event_date (event);
      text = g_strdup_printf ("%s\n%s", chronicle_event_get_title (event), date);
    }
  else if (y < chronicle_timeline_painter_get_lanes_top (self->painter))
    {
      text = g_strdup (_("Drag across the dates to show only the events between them"));
    }
  else
    {
      text = _chronicle_timeline_view_get_tooltip_text (self, x, y);
      if (text == NULL)
        return FALSE;

      if (chronicle_timeline_painter_hit_test (self->painter, x, y, &hit))
        gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                                    floor (hit.bounds.origin.x), floor (hit.bounds.origin.y),
                                    ceil (hit.bounds.size.width), ceil (hit.bounds.size.height) });
    }

  /* Plain text: titles are never markup. */
  gtk_tooltip_set_text (tooltip, text);

  return TRUE;
}

static void
chronicle_timeline_view_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);

  /* The width never depends on the zoom. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 800;
      return;
    }

  chronicle_lane_layout_ensure (self->layout);
  *minimum = ceil (chronicle_timeline_painter_get_minimum_height (self->painter));
  *natural = MAX (*minimum, ceil (chronicle_timeline_painter_get_content_height (self->painter)));
}

static void
chronicle_timeline_view_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);

  chronicle_timeline_painter_set_size (self->painter, width, height);
  self->scroll_offset = CLAMP (self->scroll_offset, 0, chronicle_timeline_view_max_scroll (self));
  chronicle_timeline_painter_set_scroll_offset (self->painter, self->scroll_offset);
  g_clear_pointer (&self->cached_node, gsk_render_node_unref);
}

static void
chronicle_timeline_view_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return;

  chronicle_lane_layout_ensure (self->layout);
  if (!self->style_valid)
    chronicle_timeline_view_update_style (self);
  chronicle_timeline_view_update_paint_flags (self);

  chronicle_timeline_painter_set_size (self->painter, width, height);
  chronicle_timeline_painter_set_visible_range (self->painter, self->start, self->duration);
  chronicle_timeline_painter_set_scroll_offset (self->painter, self->scroll_offset);

  /* Spans, labels and the axis are recorded once and reused until the
   * range, the size, the events or the style change. */
  if (self->cached_node == NULL)
    {
      GtkSnapshot *base = gtk_snapshot_new ();

      chronicle_timeline_painter_set_now (self->painter, g_get_real_time () / G_USEC_PER_SEC);
      chronicle_timeline_painter_snapshot (self->painter, base);
      self->cached_node = gtk_snapshot_free_to_node (base);
    }

  if (self->cached_node != NULL)
    gtk_snapshot_append_node (snapshot, self->cached_node);

  chronicle_timeline_painter_snapshot_overlay (self->painter, snapshot,
                                               self->pointer_inside ? &self->hover : NULL,
                                               chronicle_timeline_view_get_selected (self));

  chronicle_timeline_view_snapshot_ranges (self, snapshot, width, height);
}

static void
chronicle_timeline_view_css_changed (GtkWidget         *widget,
                                     GtkCssStyleChange *change)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (widget);

  GTK_WIDGET_CLASS (chronicle_timeline_view_parent_class)->css_changed (widget, change);

  /* Also where AdwStyleManager switches to dark or high contrast. */
  chronicle_timeline_view_update_style (self);
  chronicle_timeline_view_invalidate (self);
}

static void
chronicle_timeline_view_dispose (GObject *object)
{
  ChronicleTimelineView *self = (ChronicleTimelineView *) object;

  chronicle_timeline_view_stop_kinetic (self);
  g_signal_group_set_target (self->model_signals, NULL);
  if (self->layout != NULL)
    g_signal_handlers_disconnect_by_data (self->layout, self);
  g_clear_object (&self->model);
  g_clear_object (&self->timeline);
  g_clear_object (&self->layout);
  g_clear_object (&self->painter);

  G_OBJECT_CLASS (chronicle_timeline_view_parent_class)->dispose (object);
}

static void
chronicle_timeline_view_finalize (GObject *object)
{
  ChronicleTimelineView *self = (ChronicleTimelineView *) object;

  g_clear_pointer (&self->cached_node, gsk_render_node_unref);
  g_clear_object (&self->model_signals);

  G_OBJECT_CLASS (chronicle_timeline_view_parent_class)->finalize (object);
}

static void
chronicle_timeline_view_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_GROUP_BY:
      g_value_set_enum (value, chronicle_timeline_view_get_group_by (self));
      break;

    case PROP_VISIBLE_START:
      g_value_set_int64 (value, chronicle_timeline_view_get_visible_start (self));
      break;

    case PROP_VISIBLE_DURATION:
      g_value_set_int64 (value, chronicle_timeline_view_get_visible_duration (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_timeline_view_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ChronicleTimelineView *self = CHRONICLE_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      chronicle_timeline_view_set_timeline (self, g_value_get_object (value));
      break;

    case PROP_MODEL:
      chronicle_timeline_view_set_model (self, g_value_get_object (value));
      break;

    case PROP_GROUP_BY:
      chronicle_timeline_view_set_group_by (self, g_value_get_enum (value));
      break;

    case PROP_VISIBLE_START:
      chronicle_timeline_view_set_visible_range (self,
                                                 g_value_get_int64 (value),
                                                 chronicle_timeline_view_get_visible_duration (self));
      break;

    case PROP_VISIBLE_DURATION:
      chronicle_timeline_view_set_visible_range (self,
                                                 chronicle_timeline_view_get_visible_start (self),
                                                 g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_timeline_view_class_init (ChronicleTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_timeline_view_dispose;
  object_class->finalize = chronicle_timeline_view_finalize;
  object_class->get_property = chronicle_timeline_view_get_property;
  object_class->set_property = chronicle_timeline_view_set_property;

  widget_class->measure = chronicle_timeline_view_measure;
  widget_class->size_allocate = chronicle_timeline_view_size_allocate;
  widget_class->snapshot = chronicle_timeline_view_snapshot;
  widget_class->css_changed = chronicle_timeline_view_css_changed;
  widget_class->query_tooltip = chronicle_timeline_view_query_tooltip;

  min_time = chronicle_days_from_civil (CHRONICLE_TIME_MIN_YEAR, 1, 1) * 86400.0;
  max_time = chronicle_days_from_civil (CHRONICLE_TIME_MAX_YEAR + 1, 1, 1) * 86400.0;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         CHRONICLE_TYPE_TIMELINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         GTK_TYPE_SINGLE_SELECTION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GROUP_BY] =
    g_param_spec_enum ("group-by", NULL, NULL,
                       CHRONICLE_TYPE_GROUP_BY,
                       CHRONICLE_GROUP_BY_KIND,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VISIBLE_START] =
    g_param_spec_int64 ("visible-start", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VISIBLE_DURATION] =
    g_param_spec_int64 ("visible-duration", NULL, NULL,
                        1, G_MAXINT64, 86400,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronicleTimelineView::event-activated:
   * @self: the view
   * @event: the selected event
   *
   * Emitted when the selected event is activated (Enter), to show its details.
   */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CHRONICLE_TYPE_EVENT);

  /**
   * ChronicleTimelineView::range-selected:
   * @self: the view
   * @start: where the drag across the axis began or ended, whichever is earlier
   * @end: the later one
   *
   * Emitted when a date range was dragged across the time axis, in seconds
   * since the Unix epoch, to filter the events to it.
   */
  signals[RANGE_SELECTED] =
    g_signal_new ("range-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL,
                                   chronicle_timeline_view_zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL,
                                   chronicle_timeline_view_zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-fit", NULL,
                                   chronicle_timeline_view_zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "timeline.pan-left", NULL,
                                   chronicle_timeline_view_pan_left_action);
  gtk_widget_class_install_action (widget_class, "timeline.pan-right", NULL,
                                   chronicle_timeline_view_pan_right_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-previous", NULL,
                                   chronicle_timeline_view_select_previous_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-next", NULL,
                                   chronicle_timeline_view_select_next_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-lane-up", NULL,
                                   chronicle_timeline_view_select_lane_up_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-lane-down", NULL,
                                   chronicle_timeline_view_select_lane_down_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-first", NULL,
                                   chronicle_timeline_view_select_first_action);
  gtk_widget_class_install_action (widget_class, "timeline.select-last", NULL,
                                   chronicle_timeline_view_select_last_action);
  gtk_widget_class_install_action (widget_class, "timeline.activate", NULL,
                                   chronicle_timeline_view_activate_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-to-selection", NULL,
                                   chronicle_timeline_view_zoom_to_selection_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "timeline.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "timeline.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK,
                                       "timeline.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK,
                                       "timeline.pan-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK,
                                       "timeline.pan-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "timeline.select-previous",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "timeline.select-previous",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "timeline.select-next",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "timeline.select-next",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "timeline.select-lane-up",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "timeline.select-lane-up",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "timeline.select-lane-down",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0,
                                       "timeline.select-lane-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "timeline.select-first",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "timeline.select-first",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "timeline.select-last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "timeline.select-last",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "timeline.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "timeline.activate",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "timeline.activate",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "timeline.zoom-to-selection", NULL);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chronicle_timeline_view_init (ChronicleTimelineView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;
  double now = g_get_real_time () / (double) G_USEC_PER_SEC;

  self->layout = chronicle_lane_layout_new ();
  g_signal_connect_object (self->layout, "changed", G_CALLBACK (on_layout_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->painter = chronicle_timeline_painter_new ();
  chronicle_timeline_painter_set_layout (self->painter, self->layout);
  chronicle_timeline_painter_set_flags (self->painter, CHRONICLE_TIMELINE_PAINT_SHOW_TODAY |
                                                       CHRONICLE_TIMELINE_PAINT_SCREEN);
  chronicle_timeline_painter_set_scale_factor (self->painter, gtk_widget_get_scale_factor (widget));
  g_signal_connect (widget, "notify::scale-factor", G_CALLBACK (on_notify_scale_factor_cb), NULL);

  /* Until there are events: the year around now. */
  self->duration = SECONDS_PER_YEAR;
  self->start = now - self->duration / 2;
  chronicle_timeline_painter_set_visible_range (self->painter, self->start, self->duration);
  self->auto_fit = TRUE;
  self->hover.type = CHRONICLE_TIMELINE_HIT_NONE;
  self->range_start = G_MININT64;
  self->range_end = G_MAXINT64;

  self->model_signals = g_signal_group_new (GTK_TYPE_SINGLE_SELECTION);
  g_signal_group_connect_object (self->model_signals, "selection-changed",
                                 G_CALLBACK (on_model_selection_changed_cb),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "notify::model",
                                 G_CALLBACK (on_model_notify_model_cb),
                                 self, G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (on_click_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "released", G_CALLBACK (on_click_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_object (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES |
                                                GTK_EVENT_CONTROLLER_SCROLL_KINETIC);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (on_scroll_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "decelerate", G_CALLBACK (on_scroll_decelerate_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (on_motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "motion", G_CALLBACK (on_motion_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                  -1);

  chronicle_timeline_view_update_actions (self);
}

GtkWidget *
chronicle_timeline_view_new (void)
{
  return g_object_new (CHRONICLE_TYPE_TIMELINE_VIEW, NULL);
}

ChronicleTimeline *
chronicle_timeline_view_get_timeline (ChronicleTimelineView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), NULL);

  return self->timeline;
}

void
chronicle_timeline_view_set_timeline (ChronicleTimelineView *self,
                                      ChronicleTimeline     *timeline)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));
  g_return_if_fail (!timeline || CHRONICLE_IS_TIMELINE (timeline));

  if (g_set_object (&self->timeline, timeline))
    {
      /* Another document: show all of it once its events arrive. */
      self->auto_fit = TRUE;
      chronicle_lane_layout_set_timeline (self->layout, timeline);
      chronicle_timeline_painter_set_timeline (self->painter, timeline);
      chronicle_timeline_view_invalidate (self);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
    }
}

GtkSingleSelection *
chronicle_timeline_view_get_model (ChronicleTimelineView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), NULL);

  return self->model;
}

void
chronicle_timeline_view_set_model (ChronicleTimelineView *self,
                                   GtkSingleSelection    *model)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));
  g_return_if_fail (!model || GTK_IS_SINGLE_SELECTION (model));

  if (g_set_object (&self->model, model))
    {
      g_signal_group_set_target (self->model_signals, model);
      chronicle_lane_layout_set_model (self->layout, G_LIST_MODEL (model));
      chronicle_timeline_view_update_layout_filter (self);
      chronicle_timeline_view_invalidate (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
    }
}

ChronicleGroupBy
chronicle_timeline_view_get_group_by (ChronicleTimelineView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), CHRONICLE_GROUP_BY_KIND);

  return chronicle_lane_layout_get_group_by (self->layout);
}

void
chronicle_timeline_view_set_group_by (ChronicleTimelineView *self,
                                      ChronicleGroupBy       group_by)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));

  if (group_by == chronicle_lane_layout_get_group_by (self->layout))
    return;

  chronicle_lane_layout_set_group_by (self->layout, group_by);
  self->focus_lane = 0;
  self->scroll_offset = 0;
  chronicle_timeline_painter_set_scroll_offset (self->painter, 0);
  chronicle_timeline_view_invalidate (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_BY]);
}

gint64
chronicle_timeline_view_get_visible_start (ChronicleTimelineView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), 0);

  return (gint64) floor (self->start);
}

gint64
chronicle_timeline_view_get_visible_duration (ChronicleTimelineView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), 0);

  return MAX ((gint64) llround (self->duration), 1);
}

void
chronicle_timeline_view_set_visible_range (ChronicleTimelineView *self,
                                           gint64                 start,
                                           gint64                 duration)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));

  self->auto_fit = FALSE;
  chronicle_timeline_view_apply_range (self, start, duration);
}

void
chronicle_timeline_view_zoom_fit (ChronicleTimelineView *self)
{
  gint64 start, end;
  double span;
  double duration;

  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));

  chronicle_lane_layout_ensure (self->layout);
  if (!chronicle_lane_layout_get_extent (self->layout, &start, &end))
    return;

  span = MAX ((double) (end - start), 60.0);
  duration = span / FIT_SPAN;
  self->auto_fit = FALSE;
  chronicle_timeline_view_apply_range (self, start - FIT_LEFT * duration, duration);
}

void
chronicle_timeline_view_scroll_to_selection (ChronicleTimelineView *self)
{
  ChronicleEvent *event;
  graphene_rect_t bounds;
  guint selected;
  guint index;
  guint lane;
  double start, end;
  double margin;
  double new_start = self->start;

  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));

  chronicle_lane_layout_ensure (self->layout);
  selected = chronicle_timeline_view_get_selected (self);
  event = chronicle_lane_layout_get_event (self->layout, selected);
  if (event == NULL)
    return;

  start = chronicle_event_get_start_instant (event);
  end = MAX (chronicle_event_get_end_instant (event), start);
  margin = self->duration * 0.1;

  /* Pan, never zoom: the event (with a margin) comes into view, or its
   * start when it is longer than the view. */
  if (end - start > self->duration - 2 * margin)
    {
      if (start < self->start || start > self->start + self->duration - margin)
        new_start = start - margin;
    }
  else if (start < self->start + margin * 0.5)
    {
      new_start = start - margin;
    }
  else if (end > self->start + self->duration - margin * 0.5)
    {
      new_start = end + 2 * margin - self->duration;
    }

  if (new_start != self->start)
    {
      self->auto_fit = FALSE;
      chronicle_timeline_view_apply_range (self, new_start, self->duration);
    }

  /* And the lanes, when they scroll. */
  lane = chronicle_timeline_view_selection_lane (self, selected, &index);
  if (lane != G_MAXUINT &&
      chronicle_timeline_painter_get_entry_bounds (self->painter, lane, index, &bounds))
    {
      double top = chronicle_timeline_painter_get_lanes_top (self->painter);
      double height = gtk_widget_get_height (GTK_WIDGET (self));
      double y1 = bounds.origin.y - CHRONICLE_TIMELINE_LANE_HEADER;
      double y2 = bounds.origin.y + bounds.size.height + CHRONICLE_TIMELINE_LANE_PADDING;

      if (height > 0 && y1 < top)
        chronicle_timeline_view_set_scroll_offset (self, self->scroll_offset - (top - y1));
      else if (height > 0 && y2 > height)
        chronicle_timeline_view_set_scroll_offset (self, self->scroll_offset + (y2 - height));
    }
}

void
chronicle_timeline_view_set_highlight (ChronicleTimelineView *self,
                                       const ChronicleBitset *matches)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));

  chronicle_timeline_painter_set_highlight (self->painter, matches);
  chronicle_timeline_view_invalidate (self);
}

void
chronicle_timeline_view_set_date_range (ChronicleTimelineView *self,
                                        gint64                 start,
                                        gint64                 end)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));

  if (self->range_start == start && self->range_end == end)
    return;

  self->range_start = start;
  self->range_end = end;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

ChronicleLaneLayout *
_chronicle_timeline_view_get_layout (ChronicleTimelineView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), NULL);

  return self->layout;
}

ChronicleTimelinePainter *
_chronicle_timeline_view_get_painter (ChronicleTimelineView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), NULL);

  return self->painter;
}

gboolean
_chronicle_timeline_view_hit_test (ChronicleTimelineView *self,
                                   double                 x,
                                   double                 y,
                                   ChronicleTimelineHit  *hit)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), FALSE);

  return chronicle_timeline_painter_hit_test (self->painter, x, y, hit);
}

void
_chronicle_timeline_view_click (ChronicleTimelineView *self,
                                int                    n_press,
                                double                 x,
                                double                 y)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));

  on_click_pressed_cb (self, n_press, x, y, NULL);
  on_click_released_cb (self, n_press, x, y, NULL);
}

void
_chronicle_timeline_view_drag (ChronicleTimelineView *self,
                               double                 x,
                               double                 y,
                               double                 offset_x,
                               double                 offset_y)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));

  on_drag_begin_cb (self, x, y, NULL);
  on_drag_update_cb (self, offset_x / 2, offset_y / 2, NULL);
  on_drag_update_cb (self, offset_x, offset_y, NULL);
  on_drag_end_cb (self, offset_x, offset_y, NULL);
}

void
_chronicle_timeline_view_scroll (ChronicleTimelineView *self,
                                 double                 x,
                                 double                 y,
                                 double                 dx,
                                 double                 dy,
                                 GdkModifierType        state,
                                 GdkScrollUnit          unit)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self));

  chronicle_timeline_view_stop_kinetic (self);

  /* Ctrl: zoom around the pointer; a wheel notch is a bigger step than a
   * touchpad's pixel. */
  if (state & GDK_CONTROL_MASK)
    {
      double factor = pow (unit == GDK_SCROLL_UNIT_WHEEL ? 1.2 : 1.01, dy);

      if (dy != 0)
        chronicle_timeline_view_zoom_at (self, self->duration * factor, x);
      return;
    }

  if (unit == GDK_SCROLL_UNIT_WHEEL)
    {
      dx *= WHEEL_STEP;
      dy *= WHEEL_STEP;
    }

  /* Shift: the wheel pans time. */
  if (state & GDK_SHIFT_MASK)
    {
      chronicle_timeline_view_pan_pixels (self, dx + dy);
      return;
    }

  chronicle_timeline_view_scroll_pixels (self, dx, dy);
}

char *
_chronicle_timeline_view_get_tooltip_text (ChronicleTimelineView *self,
                                           double                 x,
                                           double                 y)
{
  ChronicleTimelineHit hit;
  ChronicleEvent *event;
  g_autofree char *date = NULL;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), NULL);

  if (!chronicle_timeline_painter_hit_test (self->painter, x, y, &hit))
    return NULL;

  event = chronicle_lane_layout_get_event (self->layout, hit.position);
  if (event == NULL)
    return NULL;

  if (hit.type == CHRONICLE_TIMELINE_HIT_CLUSTER)
    {
      const ChronicleTime *first = chronicle_event_get_start (event);
      ChronicleTimePrecision precision = chronicle_time_get_precision (first);
      GTimeZone *tz = NULL;
      g_autofree char *count = NULL;
      ChronicleTime from, to;

      if (self->timeline != NULL)
        tz = chronicle_timeline_get_time_zone (self->timeline);

      /* From the first event's start to the day (or minute…) the last ends in. */
      chronicle_time_init_from_instant (&from, hit.start, precision, tz);
      chronicle_time_init_from_instant (&to, MAX (hit.end - 1, hit.start), precision, tz);
      date = chronicle_time_format_range (&from, &to);
      count = g_strdup_printf (ngettext ("%u event", "%u events", hit.count), hit.count);

      /* Translators: the tooltip of a cluster of events: how many, when,
       * and what a click does. */
      return g_strdup_printf (_("%1$s\n%2$s\nClick to zoom in"), count, date);
    }

  date = format_event_date (event);

  return g_strdup_printf ("%s\n%s", chronicle_event_get_title (event), date);
}

double
_chronicle_timeline_view_get_scroll_offset (ChronicleTimelineView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_VIEW (self), 0);

  return self->scroll_offset;
}
