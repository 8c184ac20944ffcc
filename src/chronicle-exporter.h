/* chronicle-exporter.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-data-export.h"
#include "chronicle-timeline-painter.h"
#include "chronicle-view-state.h"

G_BEGIN_DECLS

/*
 * Exports the chosen view: a timeline seen through a view state (its
 * filter, search, grouping and window) to any ChronicleExportFormat.
 *
 * Data formats go through chronicle-data-export. Images are drawn by the
 * timeline painter, the code that draws the widget, with a header (the
 * timeline's title, the view's name, its date range and how many events it
 * holds) above the chart and a legend of the kinds (and of the statuses
 * drawn differently) below it:
 *
 *   PNG  at a width in pixels, the height following from the lanes, at
 *        scale 1 or 2;
 *   SVG  at the same size, in pixels; text is <text>, shapes are shapes;
 *   PDF  on landscape A4 or Letter pages. A long view spans several pages:
 *        its time window is split into equal slices (so the pages line up),
 *        each page with its own axis; lanes that do not fit a page's height
 *        continue on the next one. Text stays text.
 *
 * The range is the view's time window, or (without one) the extent of its
 * events with the margins the widget leaves when it shows all events; or
 * an explicit range, such as the window's visible one.
 *
 * None of it needs a display: the command line exports with no DISPLAY at
 * all, without gtk_init(). Every write is atomic (see
 * chronicle_data_export_replace_contents()); errors name the file.
 */

typedef enum
{
  CHRONICLE_EXPORT_PAGE_A4,
  CHRONICLE_EXPORT_PAGE_LETTER,
} ChronicleExportPage;

#define CHRONICLE_EXPORT_DEFAULT_WIDTH 1600
#define CHRONICLE_EXPORT_MIN_WIDTH      480
#define CHRONICLE_EXPORT_MAX_WIDTH    10000

typedef struct
{
  int                 width;              /* PNG and SVG, in pixels */
  int                 scale;              /* PNG: 1 or 2 */
  gboolean            dark;
  ChronicleExportPage page;               /* PDF */
  /* TRUE: [range_start, range_end), in seconds since the Unix epoch,
   * instead of the view's window or the extent of its events. */
  gboolean            use_visible_range;
  gint64              range_start;
  gint64              range_end;
} ChronicleExportOptions;

/* Called on the thread default main context of the caller of
 * chronicle_exporter_write_file_async(), with 0 ≤ @fraction ≤ 1. */
typedef void (*ChronicleExportProgressFunc) (double   fraction,
                                             gpointer user_data);

/* Width 1600, scale 1, light, A4, the view's own range. */
void     chronicle_export_options_init       (ChronicleExportOptions *options);
/* "a4" or "letter", ignoring case. */
gboolean chronicle_export_page_from_string   (const char             *text,
                                              ChronicleExportPage    *page);
/* The page's size in PostScript points, landscape. */
void     chronicle_export_page_get_size      (ChronicleExportPage     page,
                                              double                 *width,
                                              double                 *height);

#define CHRONICLE_TYPE_EXPORTER (chronicle_exporter_get_type())

G_DECLARE_FINAL_TYPE (ChronicleExporter, chronicle_exporter, CHRONICLE, EXPORTER, GObject)

/* Takes a copy of @state (%NULL: all events), so that later changes to
 * the window's view do not reach an export under way. */
ChronicleExporter        *chronicle_exporter_new                 (ChronicleTimeline            *timeline,
                                                                  ChronicleViewState           *state);
ChronicleTimeline        *chronicle_exporter_get_timeline        (ChronicleExporter            *self);
ChronicleViewState       *chronicle_exporter_get_view_state      (ChronicleExporter            *self);
/* The view's events (ChronicleEvent), in time order. */
GPtrArray                *chronicle_exporter_get_events          (ChronicleExporter            *self);
const ChronicleExportOptions *
                          chronicle_exporter_get_options         (ChronicleExporter            *self);
void                      chronicle_exporter_set_options         (ChronicleExporter            *self,
                                                                  const ChronicleExportOptions *options);
/* The timeline's title, or a generic one; the view's title, or "All
 * Events" (a view without a name that only searches is "Events Matching
 * “text”", another one a "Filtered View"). */
const char               *chronicle_exporter_get_title           (ChronicleExporter            *self);
const char               *chronicle_exporter_get_view_title      (ChronicleExporter            *self);
/* A file name for the export: the titles, without characters that file
 * systems refuse, and the format's extension. */
char                     *chronicle_exporter_dup_file_name       (ChronicleExporter            *self,
                                                                  ChronicleExportFormat         format);
/* The time range drawn, in seconds since the Unix epoch. */
void                      chronicle_exporter_get_range           (ChronicleExporter            *self,
                                                                  gint64                       *start,
                                                                  gint64                       *end);

/* The painter images are drawn with, set up for the whole image; for
 * tests, which find where each event was drawn. */
ChronicleTimelinePainter *chronicle_exporter_get_painter         (ChronicleExporter            *self);
ChronicleLaneLayout      *chronicle_exporter_get_lane_layout     (ChronicleExporter            *self);
/* Where the chart sits in the image (before scaling), after
 * chronicle_exporter_render_image(). */
void                      chronicle_exporter_get_chart_bounds    (ChronicleExporter            *self,
                                                                  graphene_rect_t              *bounds);

/* The whole view as one image of @width × @height pixels (scale 1). */
GskRenderNode            *chronicle_exporter_render_image        (ChronicleExporter            *self,
                                                                  int                          *width,
                                                                  int                          *height);
/* A small rendering of the image, @max_width pixels wide at most, for a
 * preview; @width and @height (nullable): the image's own size, at scale
 * 1. Needs no display. */
GdkTexture               *chronicle_exporter_render_preview      (ChronicleExporter            *self,
                                                                  int                           max_width,
                                                                  int                          *width,
                                                                  int                          *height,
                                                                  GError                      **error);

/* The first PDF page, paper and margins included, @max_width pixels wide
 * at most; @n_pages: how many the PDF will have. */
GdkTexture               *chronicle_exporter_render_page_preview (ChronicleExporter            *self,
                                                                  int                           max_width,
                                                                  guint                        *n_pages,
                                                                  GError                      **error);
/* Pages for a printable area of @width × @height points: returns how
 * many the view needs. A page is drawn at the size of a screen (a pixel
 * is 0.75 pt), or down to 0.6 pt a pixel when that keeps all lanes on
 * one page. */
guint                     chronicle_exporter_paginate            (ChronicleExporter            *self,
                                                                  double                        width,
                                                                  double                        height);
/* Points per pixel of the page nodes, after chronicle_exporter_paginate(). */
double                    chronicle_exporter_get_page_scale      (ChronicleExporter            *self);
guint                     chronicle_exporter_get_n_pages         (ChronicleExporter            *self);
/* Page @page (from 0) of the last pagination, as a node of the page's
 * size in pixels: scale it by chronicle_exporter_get_page_scale(). */
GskRenderNode            *chronicle_exporter_render_page         (ChronicleExporter            *self,
                                                                  guint                         page);

/* The export in @format, as the file would hold it. */
GBytes                   *chronicle_exporter_to_bytes            (ChronicleExporter            *self,
                                                                  ChronicleExportFormat         format,
                                                                  GCancellable                 *cancellable,
                                                                  GError                      **error);
gboolean                  chronicle_exporter_write_file          (ChronicleExporter            *self,
                                                                  ChronicleExportFormat         format,
                                                                  GFile                        *file,
                                                                  GCancellable                 *cancellable,
                                                                  GError                      **error);
/* Draws on the calling (main) thread, then encodes and writes on a
 * worker thread, reporting progress through @progress. @progress and
 * @progress_notify run on the caller's thread-default main context;
 * @progress_notify once the last report is through. */
void                      chronicle_exporter_write_file_async    (ChronicleExporter            *self,
                                                                  ChronicleExportFormat         format,
                                                                  GFile                        *file,
                                                                  GCancellable                 *cancellable,
                                                                  ChronicleExportProgressFunc   progress,
                                                                  gpointer                      progress_data,
                                                                  GDestroyNotify                progress_notify,
                                                                  GAsyncReadyCallback           callback,
                                                                  gpointer                      user_data);
gboolean                  chronicle_exporter_write_file_finish   (ChronicleExporter            *self,
                                                                  GAsyncResult                 *result,
                                                                  GError                      **error);

/* All in one, for the command line: the chosen view to @file. */
gboolean                  chronicle_exporter_export_file         (ChronicleTimeline            *timeline,
                                                                  ChronicleViewState           *state,
                                                                  ChronicleExportFormat         format,
                                                                  const ChronicleExportOptions *options,
                                                                  GFile                        *file,
                                                                  GCancellable                 *cancellable,
                                                                  GError                      **error);

G_END_DECLS
