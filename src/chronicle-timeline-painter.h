/* chronicle-timeline-painter.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-bitset.h"
#include "chronicle-lane-layout.h"
#include "chronicle-time-axis.h"
#include "chronicle-timeline.h"

G_BEGIN_DECLS

/*
 * Drawing: the one place that paints a timeline onto a GtkSnapshot. The
 * timeline widget, printing and every image export use it, so they look
 * the same. It needs no widget and no display: the caller gives the size,
 * the colours, a PangoContext and a font (without GtkSettings Pango would
 * fall back to Serif 12).
 *
 * From top to bottom: the time axis (major and minor ticks), a strip with
 * the eras when the timeline has any, then the lanes of the lane layout,
 * each with a header (its label and, by kind, its colour) and its rows.
 * Eras are translucent bands behind the lanes; a line marks "now".
 *
 * Range events are bars, point events diamonds (circles when only
 * reported). Planned events are hatched with an outline, cancelled ones
 * faded and struck through, approximate ones fade out at their ends. Where
 * markers of a row would touch, they merge into a cluster: a badge with
 * the number of events, which the caller zooms into when activated.
 *
 * Only the visible slice of each lane is visited (binary search), and text
 * is set with pango_layout_set_text(), never as markup.
 *
 * chronicle_timeline_painter_snapshot() draws everything that does not
 * depend on hover and selection (callers can cache the node) and records
 * what can be hit; chronicle_timeline_painter_snapshot_overlay() draws the
 * hover highlight and the selection on top.
 */

/* The colours, as the named colours of style.css give them. */
typedef struct
{
  GdkRGBA  foreground;   /* titles, major axis labels */
  GdkRGBA  background;
  GdkRGBA  axis;         /* tick marks and minor labels */
  GdkRGBA  grid;         /* lines at the ticks, across the lanes */
  GdkRGBA  lane_alt;     /* every other lane's background */
  GdkRGBA  lane_label;
  GdkRGBA  era;          /* era bands, for eras without a colour */
  GdkRGBA  today;
  GdkRGBA  selection;
  GdkRGBA  hover;
  GdkRGBA  accent;       /* events whose kind is not known */
  GdkRGBA  match;        /* behind the events a search finds */
  /* Kind colours are then kept at a higher contrast to the background. */
  gboolean high_contrast;
} ChronicleTimelineColors;

/* style.css, style-dark.css and style-hc.css over libadwaita's palette,
 * for drawing without a style (export). */
void chronicle_timeline_colors_init (ChronicleTimelineColors *colors,
                                     gboolean                 dark,
                                     gboolean                 high_contrast);

/* SCREEN: drawing for a screen (the timeline widget). Event markers, the
 * periods behind them, cluster badges with their counts and the hatching
 * of plans then come from small images made once for each colour at the
 * scale factor and placed on whole device pixels, which GSK's renderers
 * draw much faster than the shapes (an hour at the busiest draws well over
 * a hundred markers). Titles stay text. Exports and printing leave it
 * unset, so that they stay vector.
 *
 * Labels are shaped once and kept across frames (a bounded cache, dropped
 * when the font, the context's font options or resolution change). */
typedef enum
{
  CHRONICLE_TIMELINE_PAINT_NONE       = 0,
  CHRONICLE_TIMELINE_PAINT_SHOW_TODAY = 1 << 0,
  CHRONICLE_TIMELINE_PAINT_SCREEN     = 1 << 1,
  /* With SCREEN, for frames drawn by GTK's cairo renderer: images are
   * cairo nodes, which it draws in half the time of texture nodes (it
   * copies a texture each time). Left unset, they are textures, which a
   * GL renderer uploads once, where a cairo node is drawn and uploaded
   * again in every frame. */
  CHRONICLE_TIMELINE_PAINT_CAIRO_RENDERER = 1 << 2,
} ChronicleTimelinePaintFlags;

typedef enum
{
  CHRONICLE_TIMELINE_HIT_NONE,
  CHRONICLE_TIMELINE_HIT_EVENT,
  CHRONICLE_TIMELINE_HIT_CLUSTER,
} ChronicleTimelineHitType;

/* Something drawn that can be pointed at. */
typedef struct
{
  ChronicleTimelineHitType type;
  graphene_rect_t          bounds;    /* marker or bar and its label; the badge of a cluster */
  graphene_rect_t          label;     /* the title drawn outside a bar or marker; empty if none */
  guint                    position;  /* the event's model position; a cluster's first event */
  guint                    count;     /* 1 for an event */
  guint                    lane;
  guint                    row;
  gint64                   start;     /* the time covered: a cluster from its first start */
  gint64                   end;       /* to its last end */
} ChronicleTimelineHit;

/* Geometry, in pixels. */
#define CHRONICLE_TIMELINE_AXIS_HEIGHT     48.0
#define CHRONICLE_TIMELINE_ERA_HEIGHT      24.0
#define CHRONICLE_TIMELINE_LANE_HEADER     26.0
#define CHRONICLE_TIMELINE_ROW_HEIGHT      30.0
#define CHRONICLE_TIMELINE_LANE_PADDING     8.0

#define CHRONICLE_TYPE_TIMELINE_PAINTER (chronicle_timeline_painter_get_type())

G_DECLARE_FINAL_TYPE (ChronicleTimelinePainter, chronicle_timeline_painter, CHRONICLE, TIMELINE_PAINTER, GObject)

ChronicleTimelinePainter *chronicle_timeline_painter_new                (void);
/* Eras and the time zone of the axis. */
void                      chronicle_timeline_painter_set_timeline       (ChronicleTimelinePainter      *self,
                                                                         ChronicleTimeline             *timeline);
/* Lanes, rows, events and kinds. */
void                      chronicle_timeline_painter_set_layout         (ChronicleTimelinePainter      *self,
                                                                         ChronicleLaneLayout           *layout);
/* Seconds since the Unix epoch; fractions allow smooth zooming. */
void                      chronicle_timeline_painter_set_visible_range  (ChronicleTimelinePainter      *self,
                                                                         double                         start,
                                                                         double                         duration);
void                      chronicle_timeline_painter_set_size           (ChronicleTimelinePainter      *self,
                                                                         double                         width,
                                                                         double                         height);
/* Pixels the lanes are scrolled up by, under a fixed axis. */
void                      chronicle_timeline_painter_set_scroll_offset  (ChronicleTimelinePainter      *self,
                                                                         double                         offset);
void                      chronicle_timeline_painter_set_colors         (ChronicleTimelinePainter      *self,
                                                                         const ChronicleTimelineColors *colors);
void                      chronicle_timeline_painter_set_pango_context  (ChronicleTimelinePainter      *self,
                                                                         PangoContext                  *context);
/* %NULL: the context's font. */
void                      chronicle_timeline_painter_set_font           (ChronicleTimelinePainter      *self,
                                                                         const PangoFontDescription    *font);
/* The time of the "now" line, in seconds since the Unix epoch. */
void                      chronicle_timeline_painter_set_now            (ChronicleTimelinePainter      *self,
                                                                         gint64                         now);
void                      chronicle_timeline_painter_set_flags          (ChronicleTimelinePainter      *self,
                                                                         ChronicleTimelinePaintFlags    flags);
/* Device pixels per pixel of the screen drawn on (with
 * %CHRONICLE_TIMELINE_PAINT_SCREEN); 1 by default. */
void                      chronicle_timeline_painter_set_scale_factor   (ChronicleTimelinePainter      *self,
                                                                         int                            scale_factor);
/* The events a search found, by model position: they are drawn over the
 * match colour and every other event faded. %NULL (the default): no
 * search, nothing highlighted or faded. The painter keeps a copy. */
void                      chronicle_timeline_painter_set_highlight      (ChronicleTimelinePainter      *self,
                                                                         const ChronicleBitset         *matches);

ChronicleTimeAxis        *chronicle_timeline_painter_get_axis           (ChronicleTimelinePainter      *self);
/* The height everything needs, and the least that shows every lane's
 * header and first row. */
double                    chronicle_timeline_painter_get_content_height (ChronicleTimelinePainter      *self);
double                    chronicle_timeline_painter_get_minimum_height (ChronicleTimelinePainter      *self);
/* Where the lanes begin: below the axis and the era strip. */
double                    chronicle_timeline_painter_get_lanes_top      (ChronicleTimelinePainter      *self);
double                    chronicle_timeline_painter_time_to_x          (ChronicleTimelinePainter      *self,
                                                                         double                         time);
double                    chronicle_timeline_painter_x_to_time          (ChronicleTimelinePainter      *self,
                                                                         double                         x);
/* The colour events of kind index @kind are drawn in. */
void                      chronicle_timeline_painter_get_kind_color     (ChronicleTimelinePainter      *self,
                                                                         guint                          kind,
                                                                         GdkRGBA                       *color);
/* The lane's rectangle in view coordinates (scrolled). */
gboolean                  chronicle_timeline_painter_get_lane_bounds    (ChronicleTimelinePainter      *self,
                                                                         guint                          lane,
                                                                         graphene_rect_t               *bounds);
/* The marker or bar of entry @index of @lane, in view coordinates. */
gboolean                  chronicle_timeline_painter_get_entry_bounds   (ChronicleTimelinePainter      *self,
                                                                         guint                          lane,
                                                                         guint                          index,
                                                                         graphene_rect_t               *bounds);

void                      chronicle_timeline_painter_snapshot           (ChronicleTimelinePainter      *self,
                                                                         GtkSnapshot                   *snapshot);
/* @hover may be %NULL; @selected is a model position or G_MAXUINT. */
void                      chronicle_timeline_painter_snapshot_overlay   (ChronicleTimelinePainter      *self,
                                                                         GtkSnapshot                   *snapshot,
                                                                         const ChronicleTimelineHit    *hover,
                                                                         guint                          selected);
/* Everything, with no hover and @selected, as one node (export). */
GskRenderNode            *chronicle_timeline_painter_render             (ChronicleTimelinePainter      *self,
                                                                         guint                          selected);
/* What the last chronicle_timeline_painter_snapshot() drew that can be hit,
 * in drawing order. */
const ChronicleTimelineHit *
                          chronicle_timeline_painter_get_hits           (ChronicleTimelinePainter      *self,
                                                                         guint                         *n_hits);
/* The topmost item at (@x, @y) as last drawn; FALSE when there is none. */
gboolean                  chronicle_timeline_painter_hit_test           (ChronicleTimelinePainter      *self,
                                                                         double                         x,
                                                                         double                         y,
                                                                         ChronicleTimelineHit          *hit);

G_END_DECLS
