/* chronicle-exporter.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-exporter"

#include "config.h"

#include "chronicle-exporter.h"

#include "chronicle-event-filter.h"
#include "chronicle-lane-layout.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <hb.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

/* Pango falls back to Serif 12 without GtkSettings: name the fonts. */
#define FONT              "Cantarell 10"
#define TITLE_FONT        "Cantarell Bold 15"
#define SUBTITLE_FONT     "Cantarell 10"
#define LEGEND_FONT       "Cantarell 9.5"

/* Around the image, between its parts, and the chart's frame. */
#define IMAGE_MARGIN      28.0
#define PAGE_PADDING       4.0
#define TITLE_GAP          3.0
#define SECTION_GAP       16.0
#define BAND_GAP          12.0
#define CHART_RADIUS       8.0
#define EMPTY_HEIGHT      96.0

#define LEGEND_SWATCH     10.0
#define LEGEND_SAMPLE     24.0
#define LEGEND_ITEM_GAP   22.0
#define LEGEND_ROW_HEIGHT 22.0

/* A pixel is 0.75 pt, as a 96 dpi screen shows it. */
#define POINTS_PER_PIXEL   0.75
/* Pages may shrink the drawing this far (10 pt text becomes 8 pt)
 * rather than add a page. */
#define MIN_POINTS_PER_PIXEL 0.6
#define PAGE_MARGIN       36.0

/* Pagination: in the busiest row of a lane, each event gets the width of
 * a typical title (the median of a sample, within these bounds); a view
 * gets at most this many pages across time. */
#define SPACING_SAMPLES   200
#define MIN_SPACING        60.0
#define MAX_SPACING       200.0
/* A marker, the gaps around its title, and some slack. */
#define SPACING_ROOM       40.0
#define MAX_TIME_PAGES     40

/* Cairo image surfaces stop at 32767 pixels a side. */
#define MAX_IMAGE_SIDE    32767

/* The margins of the widget's "show all events" (Ctrl+0). */
#define FIT_LEFT           0.04
#define FIT_SPAN           0.84
/* At least this much of the width goes to the events, the rest to the
 * titles of the last ones; that many titles are measured at most, and
 * the room a marker and its gaps take beside a title. */
#define FIT_MIN_SPAN       0.6
#define FIT_MAX_MEASURED   200
#define FIT_LABEL_ROOM     28.0
/* Around a view's own window, each side. */
#define WINDOW_PADDING     0.015

typedef enum
{
  LEGEND_KIND,
  LEGEND_PLANNED,
  LEGEND_REPORTED,
  LEGEND_CANCELLED,
  LEGEND_APPROXIMATE,
} LegendType;

typedef struct
{
  LegendType  type;
  guint       kind;   /* LEGEND_KIND: the kind index */
  char       *label;
} LegendItem;

/* A page: one stretch of lanes over one or more slices of time, one
 * band (with its own axis) per slice, stacked. */
typedef struct
{
  guint  first_slice;
  guint  n_bands;
  guint  first_lane;
  guint  last_lane;    /* exclusive */
  double scroll;       /* the painter's scroll offset: the first lane's top */
  double lanes_height;
} Page;

struct _ChronicleExporter
{
  GObject                   parent_instance;

  ChronicleTimeline        *timeline;
  ChronicleViewState       *state;
  GPtrArray                *events;
  GListStore               *store;
  ChronicleLaneLayout      *layout;
  ChronicleTimelinePainter *painter;
  PangoContext             *context;

  PangoFontDescription     *font;
  PangoFontDescription     *title_font;
  PangoFontDescription     *subtitle_font;
  PangoFontDescription     *legend_font;

  char                     *title;
  char                     *view_title;
  char                     *range_text;
  ChronicleBitset          *highlight;   /* search matches, by position; or NULL */
  GArray                   *legend;      /* LegendItem */
  GArray                   *pages;       /* Page */

  ChronicleExportOptions    options;
  ChronicleTimelineColors   colors;
  graphene_rect_t           chart_bounds;
  gint64                    range_start;
  gint64                    range_end;
  double                    page_width;
  double                    page_height;
  double                    page_scale;
  guint                     n_slices;
  /* The range is the events' extent, with margins that depend on the
   * width drawn at. */
  gboolean                  fit_to_events;
};

G_DEFINE_FINAL_TYPE (ChronicleExporter, chronicle_exporter, G_TYPE_OBJECT)

/* Everything the writing needs, taken from the exporter on the main
 * thread, so that the worker touches no object the window may use. */
typedef struct
{
  gatomicrefcount             ref_count;
  ChronicleExportProgressFunc func;
  gpointer                    data;
  GDestroyNotify              notify;
  GMainContext               *context;
} ProgressTarget;

typedef struct
{
  ChronicleExportFormat  format;
  GFile                 *file;

  /* Data formats */
  ChronicleTimeline     *timeline;
  GPtrArray             *events;
  char                  *view_title;

  /* PNG and SVG */
  GskRenderNode         *image;
  int                    width;
  int                    height;
  int                    scale;

  /* PDF */
  GPtrArray             *page_nodes;
  double                 page_width;   /* points */
  double                 page_height;
  double                 page_scale;   /* points per node unit */
  GdkRGBA                page_color;
  char                  *title;

  ProgressTarget        *progress;
  double                 last_fraction;

  /* The thread that started an async write: the job is freed there. */
  GMainContext          *owner_context;
} WriteJob;

typedef struct
{
  ProgressTarget *target;
  double          fraction;
} ProgressMessage;

static ProgressTarget *
progress_target_ref (ProgressTarget *target)
{
  g_atomic_ref_count_inc (&target->ref_count);

  return target;
}

static void
progress_target_unref (ProgressTarget *target)
{
  if (!g_atomic_ref_count_dec (&target->ref_count))
    return;

  if (target->notify != NULL)
    target->notify (target->data);
  g_main_context_unref (target->context);
  g_free (target);
}

static gboolean
progress_message_dispatch (gpointer user_data)
{
  ProgressMessage *message = user_data;

  message->target->func (message->fraction, message->target->data);

  return G_SOURCE_REMOVE;
}

static void
progress_message_free (gpointer user_data)
{
  ProgressMessage *message = user_data;

  progress_target_unref (message->target);
  g_free (message);
}

/* From any thread: the caller's context runs the callback. */
static void
write_job_report (WriteJob *job,
                  double    fraction)
{
  ProgressMessage *message;
  GSource *source;

  if (job->progress == NULL)
    return;

  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction < 1.0 && fraction - job->last_fraction < 0.01)
    return;
  job->last_fraction = fraction;

  message = g_new0 (ProgressMessage, 1);
  message->target = progress_target_ref (job->progress);
  message->fraction = fraction;

  /* Always through the caller's loop: g_main_context_invoke() would call
   * the caller's function here, on the worker, whenever it could acquire
   * the context. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_message_dispatch, message, progress_message_free);
  g_source_set_static_name (source, "[chronicle] export progress");
  g_source_attach (source, job->progress->context);
  g_source_unref (source);
}

static gboolean
progress_target_release_cb (gpointer user_data)
{
  progress_target_unref (user_data);

  return G_SOURCE_REMOVE;
}

static void write_job_free (WriteJob *job);

static gboolean
write_job_free_cb (gpointer user_data)
{
  write_job_free (user_data);

  return G_SOURCE_REMOVE;
}

static void
write_job_free (WriteJob *job)
{
  /* GTask may drop its last reference, and so the job, on the worker
   * thread. Render nodes hold Pango fonts, which are not safe to let go
   * of beside a main thread that draws text: free the job on the thread
   * that started it. An idle source, not g_main_context_invoke(), which
   * would run the callback right here if it could acquire the context. */
  if (job->owner_context != NULL && !g_main_context_is_owner (job->owner_context))
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, write_job_free_cb, job, NULL);
      g_source_set_static_name (source, "[chronicle] free export job");
      g_source_attach (source, job->owner_context);
      g_source_unref (source);
      return;
    }

  /* The caller's progress data is let go on the caller's thread, after
   * the last report. */
  if (job->progress != NULL)
    {
      ProgressTarget *target = g_steal_pointer (&job->progress);

      g_main_context_invoke_full (target->context, G_PRIORITY_DEFAULT,
                                  progress_target_release_cb, target, NULL);
    }

  g_clear_object (&job->file);
  g_clear_object (&job->timeline);
  g_clear_pointer (&job->events, g_ptr_array_unref);
  g_clear_pointer (&job->view_title, g_free);
  g_clear_pointer (&job->image, gsk_render_node_unref);
  g_clear_pointer (&job->page_nodes, g_ptr_array_unref);
  g_clear_pointer (&job->title, g_free);
  g_clear_pointer (&job->progress, progress_target_unref);
  g_clear_pointer (&job->owner_context, g_main_context_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriteJob, write_job_free)

static void
legend_item_clear (gpointer data)
{
  LegendItem *item = data;

  g_clear_pointer (&item->label, g_free);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;

  return result;
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

/* Text -------------------------------------------------------------- */

static PangoLayout *
chronicle_exporter_create_layout (ChronicleExporter          *self,
                                  const PangoFontDescription *font,
                                  const char                 *text,
                                  double                      max_width)
{
  PangoLayout *layout = pango_layout_new (self->context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  /* Text from timeline files is shown literally, never as markup. */
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }

  return layout;
}

static double
chronicle_exporter_text_height (ChronicleExporter          *self,
                                const PangoFontDescription *font)
{
  g_autoptr(PangoLayout) layout = chronicle_exporter_create_layout (self, font, "Ag", -1);
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);

  return height;
}

static void
append_layout (GtkSnapshot   *snapshot,
               PangoLayout   *layout,
               const GdkRGBA *color,
               double         x,
               double         y)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
append_rounded (GtkSnapshot   *snapshot,
                const GdkRGBA *fill,
                const GdkRGBA *border,
                double         border_width,
                double         x,
                double         y,
                double         width,
                double         height,
                double         radius)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, width, height);
  GskRoundedRect outline;

  gsk_rounded_rect_init_from_rect (&outline, &rect, MIN (radius, MIN (width, height) / 2));

  if (fill != NULL)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &outline);
      gtk_snapshot_append_color (snapshot, fill, &rect);
      gtk_snapshot_pop (snapshot);
    }

  if (border != NULL)
    {
      const float widths[4] = { border_width, border_width, border_width, border_width };
      const GdkRGBA colors[4] = { *border, *border, *border, *border };

      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

/* Times -------------------------------------------------------------- */

static char *
format_instant_range (gint64     start,
                      gint64     end,
                      GTimeZone *tz)
{
  ChronicleTimePrecision precision;
  ChronicleTime from, to;

  /* Whole days unless the range is shorter than two. */
  precision = end - start >= 2 * 86400 ? CHRONICLE_TIME_PRECISION_DAY
                                       : CHRONICLE_TIME_PRECISION_MINUTE;
  chronicle_time_init_from_instant (&from, start, precision, tz);
  /* The range ends before @end. */
  chronicle_time_init_from_instant (&to, MAX (end - 1, start), precision, tz);

  return chronicle_time_format_range (&from, &to);
}

static char *
format_time_range (const ChronicleTime *start,
                   const ChronicleTime *end)
{
  ChronicleTime from = *start;
  ChronicleTime to = *end;

  /* "about" belongs to events, not to the range of a whole view. */
  chronicle_time_set_approximate (&from, FALSE);
  chronicle_time_set_approximate (&to, FALSE);

  return chronicle_time_format_range (&from, &to);
}

/* Set-up ------------------------------------------------------------- */

/* The events of the view, as the window's event filter gives them: with
 * a search, only the matches when the view hides the rest, else all of
 * them with the matches highlighted, as the window draws them. */
static void
chronicle_exporter_collect_events (ChronicleExporter *self)
{
  g_autoptr(ChronicleEventFilter) filter = NULL;
  guint n_items;

  filter = chronicle_event_filter_new (self->timeline, self->state);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (filter));

  if (!is_empty (chronicle_view_state_get_text (self->state)) &&
      !chronicle_view_state_get_hide_non_matching (self->state))
    self->highlight = chronicle_bitset_new (n_items);

  for (guint i = 0; i < n_items; i++)
    {
      ChronicleEvent *event = g_list_model_get_item (G_LIST_MODEL (filter), i);

      g_ptr_array_add (self->events, event);
      g_list_store_append (self->store, event);

      if (self->highlight != NULL &&
          chronicle_event_filter_is_match (filter, chronicle_event_filter_get_timeline_position (filter, i)))
        chronicle_bitset_add (self->highlight, i);
    }
}

static void
chronicle_exporter_update_titles (ChronicleExporter *self)
{
  const char *title = chronicle_timeline_get_title (self->timeline);
  const char *view_title = chronicle_view_state_get_title (self->state);

  g_free (self->title);
  self->title = g_strdup (!is_empty (title) ? title : _("Untitled Timeline"));

  g_free (self->view_title);
  if (!is_empty (view_title))
    self->view_title = g_strdup (view_title);
  else if (chronicle_view_state_is_default (self->state))
    self->view_title = g_strdup (_("All Events"));
  else if (!chronicle_view_state_has_filter (self->state))
    /* Translators: the name of an unnamed view that only searches; %s is the search text */
    self->view_title = g_strdup_printf (_("Events Matching “%s”"), chronicle_view_state_get_text (self->state));
  else
    self->view_title = g_strdup (_("Filtered View"));
}

static void
chronicle_exporter_update_legend (ChronicleExporter *self)
{
  g_autoptr(GArray) used = NULL;
  gboolean statuses[CHRONICLE_EVENT_N_STATUSES] = { FALSE, };
  gboolean approximate = FALSE;
  guint n_kinds = 0;
  guint n_lanes;

  g_array_set_size (self->legend, 0);

  while (chronicle_lane_layout_get_kind (self->layout, n_kinds) != NULL)
    n_kinds++;
  /* The last slot stands for events of a kind nobody declared. */
  used = g_array_new (FALSE, TRUE, sizeof (gboolean));
  g_array_set_size (used, n_kinds + 1);

  n_lanes = chronicle_lane_layout_get_n_lanes (self->layout);
  for (guint lane = 0; lane < n_lanes; lane++)
    {
      const ChronicleLaneEntry *entries;
      guint n_entries;

      entries = chronicle_lane_layout_get_entries (self->layout, lane, &n_entries);
      for (guint i = 0; i < n_entries; i++)
        {
          guint kind = entries[i].kind < n_kinds ? entries[i].kind : n_kinds;

          g_array_index (used, gboolean, kind) = TRUE;
          if (entries[i].status < CHRONICLE_EVENT_N_STATUSES)
            statuses[entries[i].status] = TRUE;
          if (entries[i].flags & CHRONICLE_LANE_ENTRY_APPROXIMATE)
            approximate = TRUE;
        }
    }

  for (guint kind = 0; kind <= n_kinds; kind++)
    {
      ChronicleKind *k = chronicle_lane_layout_get_kind (self->layout, kind);
      LegendItem item = { LEGEND_KIND, kind, NULL };

      if (!g_array_index (used, gboolean, kind))
        continue;

      item.kind = k != NULL ? kind : CHRONICLE_LANE_NO_KIND;
      item.label = g_strdup (k != NULL ? chronicle_kind_get_label (k) : C_("kind", "Other"));
      g_array_append_val (self->legend, item);
    }

  /* Statuses and approximate dates are drawn differently: say how. */
  if (statuses[CHRONICLE_EVENT_STATUS_PLANNED])
    {
      LegendItem item = { LEGEND_PLANNED, 0,
                          g_strdup (chronicle_event_status_get_label (CHRONICLE_EVENT_STATUS_PLANNED)) };

      g_array_append_val (self->legend, item);
    }
  if (statuses[CHRONICLE_EVENT_STATUS_REPORTED])
    {
      LegendItem item = { LEGEND_REPORTED, 0,
                          g_strdup (chronicle_event_status_get_label (CHRONICLE_EVENT_STATUS_REPORTED)) };

      g_array_append_val (self->legend, item);
    }
  if (statuses[CHRONICLE_EVENT_STATUS_CANCELLED])
    {
      LegendItem item = { LEGEND_CANCELLED, 0,
                          g_strdup (chronicle_event_status_get_label (CHRONICLE_EVENT_STATUS_CANCELLED)) };

      g_array_append_val (self->legend, item);
    }
  if (approximate)
    {
      /* Translators: in the legend of an exported timeline */
      LegendItem item = { LEGEND_APPROXIMATE, 0, g_strdup (_("Approximate date")) };

      g_array_append_val (self->legend, item);
    }
}

/* The range drawn and how the header names it. */
static void
chronicle_exporter_update_range (ChronicleExporter *self)
{
  GTimeZone *tz = chronicle_timeline_get_time_zone (self->timeline);
  const ChronicleTime *window_from = chronicle_view_state_get_window_from (self->state);
  const ChronicleTime *window_to = chronicle_view_state_get_window_to (self->state);
  const ChronicleTime *first = NULL;
  const ChronicleTime *last = NULL;
  gint64 first_instant = G_MAXINT64;
  gint64 last_instant = G_MININT64;

  g_clear_pointer (&self->range_text, g_free);
  self->fit_to_events = FALSE;

  for (guint i = 0; i < self->events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (self->events, i);
      const ChronicleTime *end = chronicle_event_get_end (event);
      gint64 start_instant = chronicle_event_get_start_instant (event);
      gint64 end_instant = MAX (chronicle_event_get_end_instant (event), start_instant);

      if (start_instant < first_instant)
        {
          first_instant = start_instant;
          first = chronicle_event_get_start (event);
        }
      if (end_instant > last_instant)
        {
          last_instant = end_instant;
          last = end != NULL ? end : chronicle_event_get_start (event);
        }
    }

  if (self->options.use_visible_range && self->options.range_end > self->options.range_start)
    {
      self->range_start = self->options.range_start;
      self->range_end = self->options.range_end;
      self->range_text = format_instant_range (self->range_start, self->range_end, tz);
    }
  else if (window_from != NULL || window_to != NULL)
    {
      /* The view's own window; a missing side is the events'. */
      self->range_start = window_from != NULL ? chronicle_time_get_instant (window_from)
                                              : first_instant;
      self->range_end = window_to != NULL ? chronicle_time_get_end_instant (window_to)
                                          : last_instant;
      if (first == NULL && (window_from == NULL || window_to == NULL))
        {
          const ChronicleTime *known = window_from != NULL ? window_from : window_to;

          self->range_start = chronicle_time_get_instant (known);
          self->range_end = chronicle_time_get_end_instant (known);
        }
      if (window_from != NULL && window_to != NULL)
        self->range_text = format_time_range (window_from, window_to);
      else
        self->range_text = format_instant_range (self->range_start, self->range_end, tz);

      /* A little room either side, so that an event on the window's first
       * or last day is not cut in half at the edge. */
      if (self->range_end > self->range_start)
        {
          gint64 pad = (gint64) ((self->range_end - self->range_start) * WINDOW_PADDING);

          self->range_start -= pad;
          self->range_end += pad;
        }
    }
  else if (first != NULL)
    {
      double span = MAX ((double) (last_instant - first_instant), 60.0);
      double duration = span / FIT_SPAN;

      self->range_start = (gint64) floor (first_instant - FIT_LEFT * duration);
      self->range_end = (gint64) ceil (self->range_start + duration);
      self->range_text = format_time_range (first, last);
      self->fit_to_events = TRUE;
    }
  else
    {
      /* Nothing to show: the year up to now, so that the axis reads. */
      self->range_end = g_get_real_time () / G_USEC_PER_SEC;
      self->range_start = self->range_end - 365 * 86400;
      self->range_text = format_instant_range (self->range_start, self->range_end, tz);
    }

  if (self->range_end <= self->range_start)
    self->range_end = self->range_start + 60;
}

/* The events' extent as the widget shows it (Ctrl+0), with more room on
 * the right when the titles of the last events need it: in an export,
 * nobody can hover over a cut title. */
static void
chronicle_exporter_fit_range (ChronicleExporter *self,
                              double             width)
{
  g_autoptr(PangoLayout) layout = NULL;
  gint64 first_instant = G_MAXINT64;
  gint64 last_instant = G_MININT64;
  double span, ratio = FIT_SPAN;
  guint n_measured = 0;

  if (!self->fit_to_events || width <= 0)
    return;

  for (guint i = 0; i < self->events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (self->events, i);
      gint64 start = chronicle_event_get_start_instant (event);

      first_instant = MIN (first_instant, start);
      last_instant = MAX (last_instant, MAX (chronicle_event_get_end_instant (event), start));
    }
  span = MAX ((double) (last_instant - first_instant), 60.0);

  layout = chronicle_exporter_create_layout (self, self->font, NULL, -1);

  /* An event ending at @end, with a title @label pixels wide after it,
   * fits when (end - first) / duration ≤ 1 - FIT_LEFT - label / width.
   * Only the events in the last stretch can ask for more room; at most
   * 40 % of the width goes to margins. */
  for (guint i = self->events->len; i > 0 && n_measured < FIT_MAX_MEASURED; i--)
    {
      ChronicleEvent *event = g_ptr_array_index (self->events, i - 1);
      gint64 start = chronicle_event_get_start_instant (event);
      double end = MAX (chronicle_event_get_end_instant (event), start) - first_instant;
      double available;
      int label_width;

      if (end / span < FIT_MIN_SPAN)
        continue;

      pango_layout_set_text (layout, chronicle_event_get_title (event), -1);
      pango_layout_get_pixel_size (layout, &label_width, NULL);
      n_measured++;

      available = 1.0 - FIT_LEFT - (label_width + FIT_LABEL_ROOM) / width;
      if (available <= FIT_MIN_SPAN)
        continue;
      ratio = MIN (ratio, MAX (span / (end / available), FIT_MIN_SPAN));
    }

  {
    double duration = span / ratio;

    self->range_start = (gint64) floor (first_instant - FIT_LEFT * duration);
    self->range_end = (gint64) ceil (self->range_start + duration);
  }
}

static void
chronicle_exporter_update_painter (ChronicleExporter *self)
{
  chronicle_timeline_colors_init (&self->colors, self->options.dark, FALSE);
  chronicle_timeline_painter_set_colors (self->painter, &self->colors);
  g_array_set_size (self->pages, 0);
  self->n_slices = 0;
  chronicle_exporter_update_range (self);
}

/* Header and legend ------------------------------------------------- */

static char *
chronicle_exporter_dup_subtitle (ChronicleExporter *self,
                                 const char        *range_text)
{
  g_autofree char *count = NULL;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events",
                                        self->events->len),
                           self->events->len);

  /* Translators: under an exported timeline's title: the view's name, the
   * dates it covers and how many events it holds, “All Events · 1 – 30
   * August 2025 · 15 events” */
  return g_strdup_printf (_("%1$s · %2$s · %3$s"), self->view_title, range_text, count);
}

static double
chronicle_exporter_header_height (ChronicleExporter *self)
{
  return chronicle_exporter_text_height (self, self->title_font) + TITLE_GAP +
         chronicle_exporter_text_height (self, self->subtitle_font);
}

static void
chronicle_exporter_snapshot_header (ChronicleExporter *self,
                                    GtkSnapshot       *snapshot,
                                    double             x,
                                    double             y,
                                    double             width,
                                    const char        *range_text,
                                    const char        *page_text)
{
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  g_autofree char *subtitle_text = chronicle_exporter_dup_subtitle (self, range_text);
  GdkRGBA dim = self->colors.lane_label;
  double page_width = 0;
  int title_height;

  if (page_text != NULL)
    {
      g_autoptr(PangoLayout) page = NULL;
      int page_text_width, page_text_height;

      page = chronicle_exporter_create_layout (self, self->subtitle_font, page_text, -1);
      pango_layout_get_pixel_size (page, &page_text_width, &page_text_height);
      page_width = page_text_width + 24;
      append_layout (snapshot, page, &dim, x + width - page_text_width,
                     y + chronicle_exporter_text_height (self, self->title_font) + TITLE_GAP);
    }

  title = chronicle_exporter_create_layout (self, self->title_font, self->title, width);
  pango_layout_get_pixel_size (title, NULL, &title_height);
  append_layout (snapshot, title, &self->colors.foreground, x, y);

  subtitle = chronicle_exporter_create_layout (self, self->subtitle_font, subtitle_text,
                                               MAX (width - page_width, 1));
  append_layout (snapshot, subtitle, &dim, x, y + title_height + TITLE_GAP);
}

static double
chronicle_exporter_legend_item_width (ChronicleExporter *self,
                                      const LegendItem  *item,
                                      int               *label_width)
{
  g_autoptr(PangoLayout) layout = NULL;
  double sample;

  layout = chronicle_exporter_create_layout (self, self->legend_font, item->label, -1);
  pango_layout_get_pixel_size (layout, label_width, NULL);

  sample = item->type == LEGEND_KIND ? LEGEND_SWATCH : LEGEND_SAMPLE;

  return sample + 6 + *label_width;
}

/* Lays the legend out in rows over @width; returns its height. With a
 * snapshot, draws it too. */
static double
chronicle_exporter_layout_legend (ChronicleExporter *self,
                                  GtkSnapshot       *snapshot,
                                  double             x,
                                  double             y,
                                  double             width)
{
  GdkRGBA neutral = self->colors.lane_label;
  double cx = 0;
  double row = 0;

  if (self->legend->len == 0)
    return 0;

  for (guint i = 0; i < self->legend->len; i++)
    {
      const LegendItem *item = &g_array_index (self->legend, LegendItem, i);
      int label_width;
      double item_width = chronicle_exporter_legend_item_width (self, item, &label_width);
      double sample = item->type == LEGEND_KIND ? LEGEND_SWATCH : LEGEND_SAMPLE;
      double ix, cy;

      if (cx > 0 && cx + item_width > width)
        {
          cx = 0;
          row++;
        }

      ix = x + cx;
      cy = y + row * LEGEND_ROW_HEIGHT + LEGEND_ROW_HEIGHT / 2;

      if (snapshot != NULL)
        {
          g_autoptr(PangoLayout) layout = NULL;
          int label_height;

          switch (item->type)
            {
            case LEGEND_KIND:
              {
                GdkRGBA color;

                chronicle_timeline_painter_get_kind_color (self->painter, item->kind, &color);
                append_rounded (snapshot, &color, NULL, 0, ix, cy - LEGEND_SWATCH / 2,
                                LEGEND_SWATCH, LEGEND_SWATCH, LEGEND_SWATCH / 2);
              }
              break;

            case LEGEND_PLANNED:
              {
                graphene_rect_t rect = GRAPHENE_RECT_INIT (ix, cy - 6, sample, 12);
                GdkRGBA stripe = with_alpha (&neutral, 0.45);
                GdkRGBA clear = with_alpha (&neutral, 0);
                GskRoundedRect clip;

                /* Hatched with an outline, as the painter draws plans. */
                gsk_rounded_rect_init_from_rect (&clip, &rect, 4);
                gtk_snapshot_push_rounded_clip (snapshot, &clip);
                gtk_snapshot_append_repeating_linear_gradient (snapshot, &rect,
                                                               &GRAPHENE_POINT_INIT (ix, cy - 6),
                                                               &GRAPHENE_POINT_INIT (ix + 3.5, cy - 2.5),
                                                               (GskColorStop[]) {
                                                                 { 0.0, stripe }, { 0.4, stripe },
                                                                 { 0.4, clear }, { 1.0, clear },
                                                               }, 4);
                gtk_snapshot_pop (snapshot);
                append_rounded (snapshot, NULL, &neutral, 1.5, ix, cy - 6, sample, 12, 4);
              }
              break;

            case LEGEND_REPORTED:
              append_rounded (snapshot, &neutral, NULL, 0, ix + sample / 2 - 6, cy - 6, 12, 12, 6);
              break;

            case LEGEND_CANCELLED:
              gtk_snapshot_push_opacity (snapshot, 0.45);
              gtk_snapshot_save (snapshot);
              gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (ix + sample / 2, cy));
              gtk_snapshot_rotate (snapshot, 45);
              append_rounded (snapshot, &neutral, NULL, 0, -5, -5, 10, 10, 2);
              gtk_snapshot_restore (snapshot);
              gtk_snapshot_append_color (snapshot, &neutral,
                                         &GRAPHENE_RECT_INIT (ix + sample / 2 - 9, cy - 0.75, 18, 1.5));
              gtk_snapshot_pop (snapshot);
              break;

            case LEGEND_APPROXIMATE:
              {
                GdkRGBA clear = with_alpha (&neutral, 0);

                gtk_snapshot_append_linear_gradient (snapshot,
                                                     &GRAPHENE_RECT_INIT (ix, cy - 6, sample, 12),
                                                     &GRAPHENE_POINT_INIT (ix, cy),
                                                     &GRAPHENE_POINT_INIT (ix + sample, cy),
                                                     (GskColorStop[]) {
                                                       { 0.0, clear }, { 0.4, neutral },
                                                       { 0.6, neutral }, { 1.0, clear },
                                                     }, 4);
              }
              break;

            default:
              g_assert_not_reached ();
            }

          layout = chronicle_exporter_create_layout (self, self->legend_font, item->label, -1);
          pango_layout_get_pixel_size (layout, NULL, &label_height);
          append_layout (snapshot, layout, &self->colors.foreground, ix + sample + 6,
                         cy - label_height / 2.0);
        }

      cx += item_width + LEGEND_ITEM_GAP;
    }

  return (row + 1) * LEGEND_ROW_HEIGHT;
}

/* The chart: the painter's drawing in a frame, at (@x, @y). */
static void
chronicle_exporter_snapshot_chart (ChronicleExporter *self,
                                   GtkSnapshot       *snapshot,
                                   double             x,
                                   double             y,
                                   double             width,
                                   double             height,
                                   gboolean           empty)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, width, height);
  GskRoundedRect frame;
  GdkRGBA border = self->colors.grid;

  gsk_rounded_rect_init_from_rect (&frame, &rect, CHART_RADIUS);

  gtk_snapshot_push_rounded_clip (snapshot, &frame);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  chronicle_timeline_painter_snapshot (self->painter, snapshot);
  gtk_snapshot_restore (snapshot);

  if (empty)
    {
      g_autoptr(PangoLayout) layout = NULL;
      double top = chronicle_timeline_painter_get_lanes_top (self->painter);
      int text_width, text_height;

      layout = chronicle_exporter_create_layout (self, self->subtitle_font,
                                                 _("No events in this view"), -1);
      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      append_layout (snapshot, layout, &self->colors.lane_label,
                     x + (width - text_width) / 2,
                     y + top + (height - top - text_height) / 2);
    }
  gtk_snapshot_pop (snapshot);

  border.alpha = MIN (border.alpha * 2.5, 1.0);
  append_rounded (snapshot, NULL, &border, 1, x, y, width, height, CHART_RADIUS);
}

static double
chronicle_exporter_chart_height (ChronicleExporter *self)
{
  double lanes_top = chronicle_timeline_painter_get_lanes_top (self->painter);

  if (self->events->len == 0)
    return lanes_top + EMPTY_HEIGHT;

  return MAX (chronicle_timeline_painter_get_content_height (self->painter), lanes_top + 1);
}

/* Pages --------------------------------------------------------------- */

/* A page's height without the lanes: header, axis aside, legend. */
static double
chronicle_exporter_page_overhead (ChronicleExporter *self,
                                  double             page_width)
{
  double legend_height = chronicle_exporter_layout_legend (self, NULL, 0, 0, page_width);

  return PAGE_PADDING + chronicle_exporter_header_height (self) + SECTION_GAP +
         (legend_height > 0 ? legend_height + SECTION_GAP - 4 : 0);
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The room an event wants in its row: a marker and a typical title. */
static double
chronicle_exporter_typical_spacing (ChronicleExporter *self)
{
  g_autoptr(PangoLayout) layout = chronicle_exporter_create_layout (self, self->font, NULL, -1);
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (int));
  guint step = MAX (self->events->len / SPACING_SAMPLES, 1);

  for (guint i = 0; i < self->events->len; i += step)
    {
      int width;

      pango_layout_set_text (layout, chronicle_event_get_title (g_ptr_array_index (self->events, i)), -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      g_array_append_val (widths, width);
    }

  if (widths->len == 0)
    return MIN_SPACING;

  g_array_sort (widths, compare_int);

  return CLAMP (g_array_index (widths, int, widths->len / 2) + SPACING_ROOM,
                MIN_SPACING, MAX_SPACING);
}

/* How many slices of time the view needs so that the busiest row of a
 * lane leaves each event the room of a typical title. */
static guint
chronicle_exporter_count_slices (ChronicleExporter *self,
                                 double             page_width)
{
  guint n_lanes = chronicle_lane_layout_get_n_lanes (self->layout);
  double per_page = MAX (page_width / chronicle_exporter_typical_spacing (self), 1.0);
  guint busiest = 0;

  for (guint lane = 0; lane < n_lanes; lane++)
    {
      guint counts[CHRONICLE_LANE_LAYOUT_MAX_ROWS] = { 0, };
      const ChronicleLaneEntry *entries;
      guint n_entries;

      entries = chronicle_lane_layout_get_entries (self->layout, lane, &n_entries);
      for (guint i = 0; i < n_entries; i++)
        {
          guint row = MIN (entries[i].row, CHRONICLE_LANE_LAYOUT_MAX_ROWS - 1);

          if (entries[i].end < self->range_start || entries[i].start >= self->range_end)
            continue;
          counts[row]++;
          busiest = MAX (busiest, counts[row]);
        }
    }

  return CLAMP ((guint) ceil (busiest / per_page), 1, MAX_TIME_PAGES);
}

static void
chronicle_exporter_get_slice (ChronicleExporter *self,
                              guint              slice,
                              double            *start,
                              double            *duration)
{
  double length = (double) (self->range_end - self->range_start) / MAX (self->n_slices, 1);

  *start = self->range_start + slice * length;
  *duration = length;
}

/* Lays out pages of @page_width × @page_height pixels. */
static guint
chronicle_exporter_paginate_pixels (ChronicleExporter *self,
                                    double             page_width,
                                    double             page_height)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (Page));
  double lanes_top, available;
  guint n_lanes;
  guint lane = 0;

  self->page_width = page_width;
  self->page_height = page_height;
  g_array_set_size (self->pages, 0);
  chronicle_exporter_fit_range (self, page_width);

  chronicle_timeline_painter_set_scroll_offset (self->painter, 0);
  chronicle_timeline_painter_set_size (self->painter, page_width, page_height);
  lanes_top = chronicle_timeline_painter_get_lanes_top (self->painter);
  available = page_height - chronicle_exporter_page_overhead (self, page_width) - lanes_top;
  available = MAX (available, CHRONICLE_TIMELINE_ROW_HEIGHT * 2);

  /* Whole lanes per page, top to bottom; a lane taller than a page gets
   * one of its own (cut at the bottom). */
  n_lanes = chronicle_lane_layout_get_n_lanes (self->layout);
  while (lane < n_lanes)
    {
      Page group = { 0, 1, lane, lane, 0, 0 };
      graphene_rect_t bounds;

      chronicle_timeline_painter_get_lane_bounds (self->painter, lane, &bounds);
      group.scroll = bounds.origin.y - lanes_top;

      while (lane < n_lanes)
        {
          chronicle_timeline_painter_get_lane_bounds (self->painter, lane, &bounds);
          if (group.last_lane > group.first_lane &&
              bounds.origin.y + bounds.size.height - lanes_top - group.scroll > available)
            break;
          group.last_lane = ++lane;
          group.lanes_height = MIN (bounds.origin.y + bounds.size.height - lanes_top - group.scroll,
                                    available);
        }

      g_array_append_val (groups, group);
    }

  if (groups->len == 0 || self->events->len == 0)
    {
      Page group = { 0, 1, 0, 0, 0, EMPTY_HEIGHT };

      g_array_set_size (groups, 0);
      g_array_append_val (groups, group);
    }

  self->n_slices = chronicle_exporter_count_slices (self, page_width);

  /* Across time first, so that the pages of one stretch of lanes follow
   * each other; then the next stretch of lanes. Short lanes leave room
   * for more than one slice of time on a page. */
  for (guint g = 0; g < groups->len; g++)
    {
      const Page *group = &g_array_index (groups, Page, g);
      double band_height = lanes_top + group->lanes_height;
      guint n_bands;

      n_bands = (guint) floor ((available + lanes_top + BAND_GAP) / (band_height + BAND_GAP));
      n_bands = MAX (n_bands, 1);

      for (guint slice = 0; slice < self->n_slices; slice += n_bands)
        {
          Page page = *group;

          page.first_slice = slice;
          page.n_bands = MIN (n_bands, self->n_slices - slice);
          g_array_append_val (self->pages, page);
        }
    }

  return self->pages->len;
}

static GdkTexture *
render_texture (GskRenderNode  *node,
                int             width,
                int             height,
                double          scale,
                GError        **error)
{
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GskRenderNode) scaled = NULL;
  GdkTexture *texture;
  int texture_width = (int) ceil (width * scale);
  int texture_height = (int) ceil (height * scale);

  if (texture_width > MAX_IMAGE_SIDE || texture_height > MAX_IMAGE_SIDE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   /* Translators: %1$d × %2$d is an image size in pixels */
                   _("The image would be %1$d × %2$d pixels; PNG export stops at %3$d pixels a side. "
                     "Choose a smaller width or scale, or export SVG or PDF."),
                   texture_width, texture_height, MAX_IMAGE_SIDE);
      return NULL;
    }

  /* The cairo renderer needs no display: a NULL surface is allowed. */
  if (!gsk_renderer_realize (renderer, NULL, error))
    return NULL;

  /* gsk_transform_scale() gives no transform for a scale of 1. */
  if (scale != 1.0)
    {
      g_autoptr(GskTransform) transform = gsk_transform_scale (NULL, scale, scale);

      scaled = gsk_transform_node_new (node, transform);
    }
  else
    scaled = gsk_render_node_ref (node);
  texture = gsk_renderer_render_texture (renderer, scaled,
                                        &GRAPHENE_RECT_INIT (0, 0, texture_width, texture_height));
  gsk_renderer_unrealize (renderer);

  return texture;
}

/* SVG ------------------------------------------------------------------- *
 *
 * cairo's SVG surface writes text as glyph outlines, which nobody can
 * select, search or edit. This writes the render node tree as SVG
 * itself: rectangles, gradients, borders, clips and groups as such, and
 * text as <text> with each character at the place Pango put it. A node
 * type it does not know is drawn by cairo and embedded as an image.
 */

typedef struct
{
  GString    *defs;
  GString    *body;
  guint       next_id;
  GHashTable *glyph_maps;  /* hb_face_t → GHashTable of glyph → gunichar */
} SvgWriter;

static void
svg_number (GString *out,
            double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  if (fabs (value) < 0.005)
    value = 0;
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);

  /* "12.50" → "12.5", "3.00" → "3" */
  end = buffer + strlen (buffer) - 1;
  while (end > buffer && *end == '0')
    *end-- = '\0';
  if (*end == '.')
    *end = '\0';

  g_string_append (out, buffer);
}

static void
svg_attr_number (GString    *out,
                 const char *name,
                 double      value)
{
  g_string_append_printf (out, " %s=\"", name);
  svg_number (out, value);
  g_string_append_c (out, '"');
}

/* @name="#rrggbb" and, when translucent, @opacity_name="…". */
static void
svg_attr_color (GString       *out,
                const char    *name,
                const char    *opacity_name,
                const GdkRGBA *color)
{
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", name,
                          (guint) round (CLAMP (color->red, 0, 1) * 255),
                          (guint) round (CLAMP (color->green, 0, 1) * 255),
                          (guint) round (CLAMP (color->blue, 0, 1) * 255));
  if (color->alpha < 0.999)
    svg_attr_number (out, opacity_name, CLAMP (color->alpha, 0, 1));
}

static void
svg_rect (GString               *out,
          const graphene_rect_t *rect)
{
  g_string_append (out, "<rect");
  svg_attr_number (out, "x", rect->origin.x);
  svg_attr_number (out, "y", rect->origin.y);
  svg_attr_number (out, "width", rect->size.width);
  svg_attr_number (out, "height", rect->size.height);
}

/* A rounded rectangle as path data, clockwise from the top left. */
static void
svg_rounded_rect_path (GString              *out,
                       const GskRoundedRect *rect)
{
  const graphene_rect_t *b = &rect->bounds;
  const graphene_size_t *c = rect->corner;
  double x = b->origin.x, y = b->origin.y;
  double w = b->size.width, h = b->size.height;

  g_string_append (out, "M");
  svg_number (out, x + c[GSK_CORNER_TOP_LEFT].width);
  g_string_append_c (out, ' ');
  svg_number (out, y);
  g_string_append (out, "H");
  svg_number (out, x + w - c[GSK_CORNER_TOP_RIGHT].width);
  if (c[GSK_CORNER_TOP_RIGHT].width > 0 && c[GSK_CORNER_TOP_RIGHT].height > 0)
    {
      g_string_append (out, "A");
      svg_number (out, c[GSK_CORNER_TOP_RIGHT].width);
      g_string_append_c (out, ' ');
      svg_number (out, c[GSK_CORNER_TOP_RIGHT].height);
      g_string_append (out, " 0 0 1 ");
      svg_number (out, x + w);
      g_string_append_c (out, ' ');
      svg_number (out, y + c[GSK_CORNER_TOP_RIGHT].height);
    }
  g_string_append (out, "V");
  svg_number (out, y + h - c[GSK_CORNER_BOTTOM_RIGHT].height);
  if (c[GSK_CORNER_BOTTOM_RIGHT].width > 0 && c[GSK_CORNER_BOTTOM_RIGHT].height > 0)
    {
      g_string_append (out, "A");
      svg_number (out, c[GSK_CORNER_BOTTOM_RIGHT].width);
      g_string_append_c (out, ' ');
      svg_number (out, c[GSK_CORNER_BOTTOM_RIGHT].height);
      g_string_append (out, " 0 0 1 ");
      svg_number (out, x + w - c[GSK_CORNER_BOTTOM_RIGHT].width);
      g_string_append_c (out, ' ');
      svg_number (out, y + h);
    }
  g_string_append (out, "H");
  svg_number (out, x + c[GSK_CORNER_BOTTOM_LEFT].width);
  if (c[GSK_CORNER_BOTTOM_LEFT].width > 0 && c[GSK_CORNER_BOTTOM_LEFT].height > 0)
    {
      g_string_append (out, "A");
      svg_number (out, c[GSK_CORNER_BOTTOM_LEFT].width);
      g_string_append_c (out, ' ');
      svg_number (out, c[GSK_CORNER_BOTTOM_LEFT].height);
      g_string_append (out, " 0 0 1 ");
      svg_number (out, x);
      g_string_append_c (out, ' ');
      svg_number (out, y + h - c[GSK_CORNER_BOTTOM_LEFT].height);
    }
  g_string_append (out, "V");
  svg_number (out, y + c[GSK_CORNER_TOP_LEFT].height);
  if (c[GSK_CORNER_TOP_LEFT].width > 0 && c[GSK_CORNER_TOP_LEFT].height > 0)
    {
      g_string_append (out, "A");
      svg_number (out, c[GSK_CORNER_TOP_LEFT].width);
      g_string_append_c (out, ' ');
      svg_number (out, c[GSK_CORNER_TOP_LEFT].height);
      g_string_append (out, " 0 0 1 ");
      svg_number (out, x + c[GSK_CORNER_TOP_LEFT].width);
      g_string_append_c (out, ' ');
      svg_number (out, y);
    }
  g_string_append (out, "Z");
}

/* From glyph to character: the reverse of the font's character map. */
static GHashTable *
svg_writer_get_glyph_map (SvgWriter *writer,
                          hb_font_t *font)
{
  hb_face_t *face = hb_font_get_face (font);
  GHashTable *map = g_hash_table_lookup (writer->glyph_maps, face);
  hb_set_t *unicodes;
  hb_codepoint_t unicode = HB_SET_VALUE_INVALID;

  if (map != NULL)
    return map;

  map = g_hash_table_new (g_direct_hash, g_direct_equal);
  unicodes = hb_set_create ();
  hb_face_collect_unicodes (face, unicodes);
  while (hb_set_next (unicodes, &unicode))
    {
      hb_codepoint_t glyph;

      /* The lowest character wins (a space over a no-break space). */
      if (hb_font_get_nominal_glyph (font, unicode, &glyph) &&
          !g_hash_table_contains (map, GUINT_TO_POINTER (glyph)))
        g_hash_table_insert (map, GUINT_TO_POINTER (glyph), GUINT_TO_POINTER (unicode));
    }
  hb_set_destroy (unicodes);

  g_hash_table_insert (writer->glyph_maps, hb_face_reference (face), map);

  return map;
}

/* A ligature has no character of its own: its name ("fi", "f_f_i",
 * "uni0066") says which it joins. */
static gboolean
append_ligature (GString    *chars,
                 hb_font_t  *font,
                 guint       glyph)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "ff", "ff" }, { "fi", "fi" }, { "fl", "fl" }, { "ffi", "ffi" }, { "ffl", "ffl" },
  };
  g_auto(GStrv) parts = NULL;
  char name[64] = "";
  gsize start = chars->len;

  if (!hb_font_get_glyph_name (font, glyph, name, sizeof name) || name[0] == '\0')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      if (strcmp (name, named[i].name) == 0)
        {
          g_string_append (chars, named[i].text);
          return TRUE;
        }
    }

  /* A suffix (".alt", ".sc") does not change the characters. */
  if (strchr (name, '.') != NULL)
    *strchr (name, '.') = '\0';

  parts = g_strsplit (name, "_", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = parts[i];
      guint64 unicode;

      if (g_str_has_prefix (part, "uni") && strlen (part) == 7 &&
          g_ascii_string_to_unsigned (part + 3, 16, 0x20, 0xfffd, &unicode, NULL))
        {
          g_string_append_unichar (chars, (gunichar) unicode);
        }
      else if (strlen (part) == 1 && g_ascii_isalnum (part[0]))
        {
          g_string_append_c (chars, part[0]);
        }
      else
        {
          g_string_truncate (chars, start);
          return FALSE;
        }
    }

  return chars->len > start;
}

static gboolean
is_xml_char (gunichar c)
{
  return (c >= 0x20 && c < 0x7f) || c == 0x09 ||
         (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) ||
         (c >= 0x10000 && c <= 0x10ffff);
}

static void
svg_writer_text (SvgWriter     *writer,
                 GskRenderNode *node)
{
  PangoFont *font = gsk_text_node_get_font (node);
  const graphene_point_t *offset = gsk_text_node_get_offset (node);
  const GdkRGBA *color = gsk_text_node_get_color (node);
  g_autoptr(PangoFontDescription) description = pango_font_describe_with_absolute_size (font);
  g_autoptr(GString) chars = g_string_new (NULL);
  g_autoptr(GString) xs = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *family = NULL;
  const PangoGlyphInfo *glyphs;
  hb_font_t *hb_font = pango_font_get_hb_font (font);
  GHashTable *map = hb_font != NULL ? svg_writer_get_glyph_map (writer, hb_font) : NULL;
  const char *family_name = pango_font_description_get_family (description);
  PangoWeight weight = pango_font_description_get_weight (description);
  PangoStyle style = pango_font_description_get_style (description);
  double x = offset->x;
  guint n_glyphs;

  glyphs = gsk_text_node_get_glyphs (node, &n_glyphs);

  for (guint i = 0; i < n_glyphs; i++)
    {
      const PangoGlyphInfo *info = &glyphs[i];
      double advance = (double) info->geometry.width / PANGO_SCALE;
      double glyph_x = x + (double) info->geometry.x_offset / PANGO_SCALE;
      gsize before = chars->len;
      glong n_chars;

      if (info->glyph == PANGO_GLYPH_EMPTY)
        {
          x += advance;
          continue;
        }

      if (info->glyph & PANGO_GLYPH_UNKNOWN_FLAG)
        {
          /* Drawn as a box with the code: the character itself. */
          gunichar c = info->glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;

          if (is_xml_char (c))
            g_string_append_unichar (chars, c);
        }
      else if (map != NULL)
        {
          gpointer value;

          if (g_hash_table_lookup_extended (map, GUINT_TO_POINTER (info->glyph), NULL, &value))
            {
              if (is_xml_char (GPOINTER_TO_UINT (value)))
                g_string_append_unichar (chars, GPOINTER_TO_UINT (value));
            }
          else
            {
              append_ligature (chars, hb_font, info->glyph);
            }
        }

      /* Each character at its place; the characters of a ligature share
       * its width. */
      n_chars = g_utf8_strlen (chars->str + before, chars->len - before);
      for (glong j = 0; j < n_chars; j++)
        {
          if (xs->len > 0)
            g_string_append_c (xs, ' ');
          svg_number (xs, glyph_x + advance * j / n_chars);
        }

      x += advance;
    }

  if (chars->len == 0)
    return;

  escaped = g_markup_escape_text (chars->str, chars->len);
  family = g_markup_escape_text (family_name != NULL ? family_name : "sans-serif", -1);

  g_string_append_printf (writer->body, "<text xml:space=\"preserve\" x=\"%s\"", xs->str);
  svg_attr_number (writer->body, "y", offset->y);
  g_string_append_printf (writer->body, " font-family=\"%s, sans-serif\"", family);
  svg_attr_number (writer->body, "font-size",
                   (double) pango_font_description_get_size (description) / PANGO_SCALE);
  if (weight != PANGO_WEIGHT_NORMAL)
    g_string_append_printf (writer->body, " font-weight=\"%d\"", (int) weight);
  if (style == PANGO_STYLE_ITALIC)
    g_string_append (writer->body, " font-style=\"italic\"");
  else if (style == PANGO_STYLE_OBLIQUE)
    g_string_append (writer->body, " font-style=\"oblique\"");
  svg_attr_color (writer->body, "fill", "fill-opacity", color);
  g_string_append_printf (writer->body, ">%s</text>\n", escaped);
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/* Anything else: drawn by cairo, at twice the size, as an image. */
static void
svg_writer_fallback (SvgWriter     *writer,
                     GskRenderNode *node)
{
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autofree char *base64 = NULL;
  cairo_surface_t *surface;
  graphene_rect_t bounds;
  cairo_t *cr;
  int width, height;

  gsk_render_node_get_bounds (node, &bounds);
  width = (int) ceil (bounds.size.width * 2);
  height = (int) ceil (bounds.size.height * 2);
  if (width <= 0 || height <= 0 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE)
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, 2, 2);
  cairo_translate (cr, -bounds.origin.x, -bounds.origin.y);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_to_byte_array, png);
  cairo_surface_destroy (surface);

  base64 = g_base64_encode (png->data, png->len);
  g_string_append (writer->body, "<image preserveAspectRatio=\"none\"");
  svg_attr_number (writer->body, "x", bounds.origin.x);
  svg_attr_number (writer->body, "y", bounds.origin.y);
  svg_attr_number (writer->body, "width", bounds.size.width);
  svg_attr_number (writer->body, "height", bounds.size.height);
  g_string_append_printf (writer->body, " xlink:href=\"data:image/png;base64,%s\"/>\n", base64);
}

static void svg_writer_node (SvgWriter     *writer,
                             GskRenderNode *node);

static void
svg_writer_gradient (SvgWriter     *writer,
                     GskRenderNode *node,
                     gboolean       repeating)
{
  const graphene_point_t *start = gsk_linear_gradient_node_get_start (node);
  const graphene_point_t *end = gsk_linear_gradient_node_get_end (node);
  const GskColorStop *stops;
  graphene_rect_t bounds;
  gsize n_stops;
  guint id = writer->next_id++;

  stops = gsk_linear_gradient_node_get_color_stops (node, &n_stops);
  gsk_render_node_get_bounds (node, &bounds);

  g_string_append_printf (writer->defs, "<linearGradient id=\"g%u\" gradientUnits=\"userSpaceOnUse\"", id);
  svg_attr_number (writer->defs, "x1", start->x);
  svg_attr_number (writer->defs, "y1", start->y);
  svg_attr_number (writer->defs, "x2", end->x);
  svg_attr_number (writer->defs, "y2", end->y);
  if (repeating)
    g_string_append (writer->defs, " spreadMethod=\"repeat\"");
  g_string_append (writer->defs, ">\n");
  for (gsize i = 0; i < n_stops; i++)
    {
      g_string_append (writer->defs, "<stop");
      svg_attr_number (writer->defs, "offset", stops[i].offset);
      svg_attr_color (writer->defs, "stop-color", "stop-opacity", &stops[i].color);
      g_string_append (writer->defs, "/>\n");
    }
  g_string_append (writer->defs, "</linearGradient>\n");

  svg_rect (writer->body, &bounds);
  g_string_append_printf (writer->body, " fill=\"url(#g%u)\"/>\n", id);
}

static void
svg_writer_border (SvgWriter     *writer,
                   GskRenderNode *node)
{
  const GskRoundedRect *outline = gsk_border_node_get_outline (node);
  const float *widths = gsk_border_node_get_widths (node);
  const GdkRGBA *colors = gsk_border_node_get_colors (node);
  GskRoundedRect inner = *outline;

  for (guint i = 1; i < 4; i++)
    {
      if (!gdk_rgba_equal (&colors[0], &colors[i]))
        {
          svg_writer_fallback (writer, node);
          return;
        }
    }

  /* The ring between the outline and the outline shrunk by the widths. */
  gsk_rounded_rect_shrink (&inner, widths[0], widths[1], widths[2], widths[3]);
  g_string_append (writer->body, "<path fill-rule=\"evenodd\" d=\"");
  svg_rounded_rect_path (writer->body, outline);
  svg_rounded_rect_path (writer->body, &inner);
  g_string_append_c (writer->body, '"');
  svg_attr_color (writer->body, "fill", "fill-opacity", &colors[0]);
  g_string_append (writer->body, "/>\n");
}

static void
svg_writer_clip (SvgWriter            *writer,
                 GskRenderNode        *child,
                 const graphene_rect_t *rect,
                 const GskRoundedRect  *rounded)
{
  guint id = writer->next_id++;

  g_string_append_printf (writer->defs, "<clipPath id=\"c%u\">", id);
  if (rounded != NULL)
    {
      g_string_append (writer->defs, "<path d=\"");
      svg_rounded_rect_path (writer->defs, rounded);
      g_string_append (writer->defs, "\"/>");
    }
  else
    {
      svg_rect (writer->defs, rect);
      g_string_append (writer->defs, "/>");
    }
  g_string_append (writer->defs, "</clipPath>\n");

  g_string_append_printf (writer->body, "<g clip-path=\"url(#c%u)\">\n", id);
  svg_writer_node (writer, child);
  g_string_append (writer->body, "</g>\n");
}

static void
svg_writer_transform (SvgWriter     *writer,
                      GskRenderNode *node)
{
  GskTransform *transform = gsk_transform_node_get_transform (node);
  float xx, yx, xy, yy, dx, dy;

  if (gsk_transform_get_category (transform) < GSK_TRANSFORM_CATEGORY_2D)
    {
      svg_writer_fallback (writer, node);
      return;
    }

  gsk_transform_to_2d (transform, &xx, &yx, &xy, &yy, &dx, &dy);

  g_string_append (writer->body, "<g transform=\"matrix(");
  svg_number (writer->body, xx);
  g_string_append_c (writer->body, ' ');
  svg_number (writer->body, yx);
  g_string_append_c (writer->body, ' ');
  svg_number (writer->body, xy);
  g_string_append_c (writer->body, ' ');
  svg_number (writer->body, yy);
  g_string_append_c (writer->body, ' ');
  svg_number (writer->body, dx);
  g_string_append_c (writer->body, ' ');
  svg_number (writer->body, dy);
  g_string_append (writer->body, ")\">\n");
  svg_writer_node (writer, gsk_transform_node_get_child (node));
  g_string_append (writer->body, "</g>\n");
}

static void
svg_writer_node (SvgWriter     *writer,
                 GskRenderNode *node)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        svg_writer_node (writer, gsk_container_node_get_child (node, i));
      break;

    case GSK_DEBUG_NODE:
      svg_writer_node (writer, gsk_debug_node_get_child (node));
      break;

    case GSK_COLOR_NODE:
      {
        graphene_rect_t bounds;

        gsk_render_node_get_bounds (node, &bounds);
        svg_rect (writer->body, &bounds);
        svg_attr_color (writer->body, "fill", "fill-opacity", gsk_color_node_get_color (node));
        g_string_append (writer->body, "/>\n");
      }
      break;

    case GSK_LINEAR_GRADIENT_NODE:
      svg_writer_gradient (writer, node, FALSE);
      break;

    case GSK_REPEATING_LINEAR_GRADIENT_NODE:
      svg_writer_gradient (writer, node, TRUE);
      break;

    case GSK_BORDER_NODE:
      svg_writer_border (writer, node);
      break;

    case GSK_TRANSFORM_NODE:
      svg_writer_transform (writer, node);
      break;

    case GSK_OPACITY_NODE:
      g_string_append (writer->body, "<g");
      svg_attr_number (writer->body, "opacity", gsk_opacity_node_get_opacity (node));
      g_string_append (writer->body, ">\n");
      svg_writer_node (writer, gsk_opacity_node_get_child (node));
      g_string_append (writer->body, "</g>\n");
      break;

    case GSK_CLIP_NODE:
      svg_writer_clip (writer, gsk_clip_node_get_child (node), gsk_clip_node_get_clip (node), NULL);
      break;

    case GSK_ROUNDED_CLIP_NODE:
      svg_writer_clip (writer, gsk_rounded_clip_node_get_child (node), NULL,
                       gsk_rounded_clip_node_get_clip (node));
      break;

    case GSK_TEXT_NODE:
      svg_writer_text (writer, node);
      break;

    case GSK_NOT_A_RENDER_NODE:
    case GSK_CAIRO_NODE:
    case GSK_RADIAL_GRADIENT_NODE:
    case GSK_REPEATING_RADIAL_GRADIENT_NODE:
    case GSK_CONIC_GRADIENT_NODE:
    case GSK_TEXTURE_NODE:
    case GSK_INSET_SHADOW_NODE:
    case GSK_OUTSET_SHADOW_NODE:
    case GSK_COLOR_MATRIX_NODE:
    case GSK_REPEAT_NODE:
    case GSK_SHADOW_NODE:
    case GSK_BLEND_NODE:
    case GSK_CROSS_FADE_NODE:
    case GSK_BLUR_NODE:
    case GSK_GL_SHADER_NODE:
    default:
      svg_writer_fallback (writer, node);
      break;
    }
}

static GBytes *
render_svg (GskRenderNode *node,
            int            width,
            int            height,
            const char    *title)
{
  g_autofree char *escaped_title = g_markup_escape_text (title != NULL ? title : "", -1);
  SvgWriter writer;
  GString *out;

  writer.defs = g_string_new (NULL);
  writer.body = g_string_new (NULL);
  writer.next_id = 1;
  writer.glyph_maps = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                             (GDestroyNotify) hb_face_destroy,
                                             (GDestroyNotify) g_hash_table_unref);

  svg_writer_node (&writer, node);

  out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append_printf (out,
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                          "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" "
                          "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
                          width, height, width, height);
  g_string_append_printf (out, "<title>%s</title>\n", escaped_title);
  if (writer.defs->len > 0)
    g_string_append_printf (out, "<defs>\n%s</defs>\n", writer.defs->str);
  g_string_append_len (out, writer.body->str, writer.body->len);
  g_string_append (out, "</svg>\n");

  g_string_free (writer.defs, TRUE);
  g_string_free (writer.body, TRUE);
  g_hash_table_unref (writer.glyph_maps);

  return g_string_free_to_bytes (out);
}

/* Writing ------------------------------------------------------------------ */

static GBytes *
render_pdf (WriteJob      *job,
            GCancellable  *cancellable,
            GError       **error)
{
  GByteArray *data = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, data,
                                                 job->page_width, job->page_height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, job->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Chronicle");
  cr = cairo_create (surface);

  for (guint i = 0; i < job->page_nodes->len; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        break;

      cairo_save (cr);
      /* The page's colour reaches its edges (dark pages have no white
       * border); the drawing sits inside the margins. */
      gdk_cairo_set_source_rgba (cr, &job->page_color);
      cairo_paint (cr);
      cairo_translate (cr, PAGE_MARGIN, PAGE_MARGIN);
      cairo_scale (cr, job->page_scale, job->page_scale);
      gsk_render_node_draw (g_ptr_array_index (job->page_nodes, i), cr);
      cairo_restore (cr);
      cairo_show_page (cr);

      write_job_report (job, 0.9 * (i + 1) / job->page_nodes->len);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_byte_array_unref (data);
      return NULL;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the PDF: %s"), cairo_status_to_string (status));
      g_byte_array_unref (data);
      return NULL;
    }

  return g_byte_array_free_to_bytes (data);
}

static GBytes *
render_png (WriteJob  *job,
            GError   **error)
{
  g_autoptr(GdkTexture) texture = NULL;

  texture = render_texture (job->image, job->width, job->height, job->scale, error);
  if (texture == NULL)
    return NULL;
  write_job_report (job, 0.3);

  return gdk_texture_save_to_png_bytes (texture);
}

static GBytes *
write_job_render (WriteJob      *job,
                  GCancellable  *cancellable,
                  GError       **error)
{
  switch (job->format)
    {
    case CHRONICLE_EXPORT_FORMAT_PNG:
      return render_png (job, error);

    case CHRONICLE_EXPORT_FORMAT_SVG:
      return render_svg (job->image, job->width, job->height, job->title);

    case CHRONICLE_EXPORT_FORMAT_PDF:
      return render_pdf (job, cancellable, error);

    case CHRONICLE_EXPORT_FORMAT_JSON:
    case CHRONICLE_EXPORT_FORMAT_CSV:
    case CHRONICLE_EXPORT_FORMAT_ICALENDAR:
    case CHRONICLE_EXPORT_FORMAT_MARKDOWN:
    default:
      return chronicle_data_export_to_bytes (job->timeline, job->events, job->view_title,
                                             job->format, error);
    }
}

static gboolean
write_job_run (WriteJob      *job,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  bytes = write_job_render (job, cancellable, &local_error);
  if (bytes == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (job->file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* Translators: %1$s is a file name, %2$s what went wrong */
      g_set_error (error, local_error->domain, local_error->code, _("Could not export “%1$s”: %2$s"),
                   name, local_error->message);
      return FALSE;
    }

  write_job_report (job, 0.9);

  /* Its messages name the file. */
  if (!chronicle_data_export_replace_contents (job->file, bytes, cancellable, error))
    return FALSE;

  write_job_report (job, 1.0);

  return TRUE;
}

/* On the main thread: everything that touches the view. */
static WriteJob *
chronicle_exporter_prepare (ChronicleExporter     *self,
                            ChronicleExportFormat  format,
                            GFile                 *file)
{
  WriteJob *job = g_new0 (WriteJob, 1);
  g_autofree char *document_title = NULL;

  job->format = format;
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->last_fraction = -1;

  if (!is_empty (chronicle_view_state_get_title (self->state)))
    document_title = g_strdup_printf ("%s — %s", self->title, self->view_title);
  else
    document_title = g_strdup (self->title);
  job->title = g_steal_pointer (&document_title);

  switch (format)
    {
    case CHRONICLE_EXPORT_FORMAT_PNG:
    case CHRONICLE_EXPORT_FORMAT_SVG:
      job->image = chronicle_exporter_render_image (self, &job->width, &job->height);
      job->scale = format == CHRONICLE_EXPORT_FORMAT_PNG ? self->options.scale : 1;
      break;

    case CHRONICLE_EXPORT_FORMAT_PDF:
      {
        guint n_pages;

        chronicle_export_page_get_size (self->options.page, &job->page_width, &job->page_height);
        job->page_color = self->colors.background;
        n_pages = chronicle_exporter_paginate (self, job->page_width - 2 * PAGE_MARGIN,
                                               job->page_height - 2 * PAGE_MARGIN);
        job->page_scale = self->page_scale;
        job->page_nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
        for (guint i = 0; i < n_pages; i++)
          g_ptr_array_add (job->page_nodes, chronicle_exporter_render_page (self, i));
      }
      break;

    case CHRONICLE_EXPORT_FORMAT_JSON:
    case CHRONICLE_EXPORT_FORMAT_CSV:
    case CHRONICLE_EXPORT_FORMAT_ICALENDAR:
    case CHRONICLE_EXPORT_FORMAT_MARKDOWN:
    default:
      job->timeline = g_object_ref (self->timeline);
      job->events = g_ptr_array_ref (self->events);
      job->view_title = g_strdup (chronicle_view_state_get_title (self->state));
      break;
    }

  return job;
}

static void
chronicle_exporter_write_thread (GTask        *task,
                                 gpointer      source_object,
                                 gpointer      task_data,
                                 GCancellable *cancellable)
{
  WriteJob *job = task_data;
  GError *error = NULL;

  if (write_job_run (job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Overrides ------------------------------------------------------------ */

static void
chronicle_exporter_dispose (GObject *object)
{
  ChronicleExporter *self = (ChronicleExporter *) object;

  g_clear_object (&self->painter);
  g_clear_object (&self->layout);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_object (&self->state);
  g_clear_object (&self->timeline);
  g_clear_pointer (&self->events, g_ptr_array_unref);

  G_OBJECT_CLASS (chronicle_exporter_parent_class)->dispose (object);
}

static void
chronicle_exporter_finalize (GObject *object)
{
  ChronicleExporter *self = (ChronicleExporter *) object;

  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->title_font, pango_font_description_free);
  g_clear_pointer (&self->subtitle_font, pango_font_description_free);
  g_clear_pointer (&self->legend_font, pango_font_description_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->view_title, g_free);
  g_clear_pointer (&self->range_text, g_free);
  g_clear_pointer (&self->legend, g_array_unref);
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->highlight, chronicle_bitset_free);

  G_OBJECT_CLASS (chronicle_exporter_parent_class)->finalize (object);
}

static void
chronicle_exporter_class_init (ChronicleExporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chronicle_exporter_dispose;
  object_class->finalize = chronicle_exporter_finalize;
}

static void
chronicle_exporter_init (ChronicleExporter *self)
{
  cairo_font_options_t *font_options;

  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  self->store = g_list_store_new (CHRONICLE_TYPE_EVENT);
  self->legend = g_array_new (FALSE, FALSE, sizeof (LegendItem));
  g_array_set_clear_func (self->legend, legend_item_clear);
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));
  self->page_scale = POINTS_PER_PIXEL;
  chronicle_export_options_init (&self->options);

  /* One context for every output: unhinted metrics lay text out the same
   * in PNG, SVG, PDF and print. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 96);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  font_options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_antialias (font_options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, font_options);
  cairo_font_options_destroy (font_options);

  self->font = pango_font_description_from_string (FONT);
  self->title_font = pango_font_description_from_string (TITLE_FONT);
  self->subtitle_font = pango_font_description_from_string (SUBTITLE_FONT);
  self->legend_font = pango_font_description_from_string (LEGEND_FONT);
  pango_context_set_font_description (self->context, self->font);
}

/* Public API ------------------------------------------------------------ */

void
chronicle_export_options_init (ChronicleExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->width = CHRONICLE_EXPORT_DEFAULT_WIDTH;
  options->scale = 1;
  options->dark = FALSE;
  options->page = CHRONICLE_EXPORT_PAGE_A4;
  options->use_visible_range = FALSE;
}

gboolean
chronicle_export_page_from_string (const char          *text,
                                   ChronicleExportPage *page)
{
  g_return_val_if_fail (page != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (text, "a4") == 0)
    *page = CHRONICLE_EXPORT_PAGE_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0)
    *page = CHRONICLE_EXPORT_PAGE_LETTER;
  else
    return FALSE;

  return TRUE;
}

void
chronicle_export_page_get_size (ChronicleExportPage  page,
                                double              *width,
                                double              *height)
{
  double w, h;

  switch (page)
    {
    case CHRONICLE_EXPORT_PAGE_LETTER:
      w = 792;
      h = 612;
      break;

    case CHRONICLE_EXPORT_PAGE_A4:
    default:
      /* 297 × 210 mm */
      w = 841.89;
      h = 595.28;
      break;
    }

  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

ChronicleExporter *
chronicle_exporter_new (ChronicleTimeline  *timeline,
                        ChronicleViewState *state)
{
  ChronicleExporter *self;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (state == NULL || CHRONICLE_IS_VIEW_STATE (state), NULL);

  self = g_object_new (CHRONICLE_TYPE_EXPORTER, NULL);
  self->timeline = g_object_ref (timeline);
  self->state = state != NULL ? chronicle_view_state_copy (state) : chronicle_view_state_new ();

  chronicle_exporter_collect_events (self);
  chronicle_exporter_update_titles (self);

  self->layout = chronicle_lane_layout_new ();
  chronicle_lane_layout_set_timeline (self->layout, timeline);
  chronicle_lane_layout_set_group_by (self->layout, chronicle_view_state_get_group_by (self->state));
  chronicle_lane_layout_set_model (self->layout, G_LIST_MODEL (self->store));
  chronicle_lane_layout_ensure (self->layout);

  self->painter = chronicle_timeline_painter_new ();
  chronicle_timeline_painter_set_pango_context (self->painter, self->context);
  chronicle_timeline_painter_set_font (self->painter, self->font);
  chronicle_timeline_painter_set_timeline (self->painter, timeline);
  chronicle_timeline_painter_set_layout (self->painter, self->layout);
  /* An export is a document about its events: a "now" line would be
   * wrong the day after. */
  chronicle_timeline_painter_set_flags (self->painter, CHRONICLE_TIMELINE_PAINT_NONE);
  chronicle_timeline_painter_set_highlight (self->painter, self->highlight);

  chronicle_exporter_update_painter (self);
  chronicle_exporter_update_legend (self);

  return self;
}

ChronicleTimeline *
chronicle_exporter_get_timeline (ChronicleExporter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);

  return self->timeline;
}

ChronicleViewState *
chronicle_exporter_get_view_state (ChronicleExporter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);

  return self->state;
}

GPtrArray *
chronicle_exporter_get_events (ChronicleExporter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);

  return self->events;
}

const ChronicleExportOptions *
chronicle_exporter_get_options (ChronicleExporter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);

  return &self->options;
}

void
chronicle_exporter_set_options (ChronicleExporter            *self,
                                const ChronicleExportOptions *options)
{
  g_return_if_fail (CHRONICLE_IS_EXPORTER (self));
  g_return_if_fail (options != NULL);

  self->options = *options;
  self->options.width = CLAMP (self->options.width, CHRONICLE_EXPORT_MIN_WIDTH,
                               CHRONICLE_EXPORT_MAX_WIDTH);
  self->options.scale = CLAMP (self->options.scale, 1, 2);
  chronicle_exporter_update_painter (self);
}

const char *
chronicle_exporter_get_title (ChronicleExporter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);

  return self->title;
}

const char *
chronicle_exporter_get_view_title (ChronicleExporter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);

  return self->view_title;
}

char *
chronicle_exporter_dup_file_name (ChronicleExporter     *self,
                                  ChronicleExportFormat  format)
{
  g_autoptr(GString) name = g_string_new (NULL);
  const char *title;
  const char *view_title;
  gboolean space = FALSE;

  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);

  title = chronicle_timeline_get_title (self->timeline);
  view_title = chronicle_view_state_get_title (self->state);

  if (!is_empty (title))
    g_string_append (name, title);
  if (!is_empty (view_title))
    g_string_append_printf (name, "%s%s", name->len > 0 ? " - " : "", view_title);
  if (name->len == 0)
    /* Translators: a file name, for an export of a timeline without a title */
    g_string_append (name, _("timeline"));

  /* Characters that Windows, macOS or a shell would trip on, and runs of
   * space, go; the rest of the title stays as people wrote it. */
  {
    g_autoptr(GString) clean = g_string_new (NULL);

    for (const char *p = name->str; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (g_unichar_iscntrl (c) || g_unichar_isspace (c) || strchr ("/\\:*?\"<>|", (int) c) != NULL)
          {
            space = clean->len > 0;
            continue;
          }
        if (space)
          g_string_append_c (clean, ' ');
        space = FALSE;
        g_string_append_unichar (clean, c);
      }

    /* File systems take 255 bytes; leave room for the extension. */
    if (clean->len > 200)
      {
        const char *end = g_utf8_find_prev_char (clean->str, clean->str + 200);

        g_string_truncate (clean, end - clean->str);
      }
    while (clean->len > 0 && (clean->str[clean->len - 1] == '.' || clean->str[clean->len - 1] == ' '))
      g_string_truncate (clean, clean->len - 1);
    if (clean->len == 0 || clean->str[0] == '.')
      g_string_prepend (clean, _("timeline"));

    g_string_append_printf (clean, ".%s", chronicle_export_format_get_extension (format));

    return g_string_free (g_steal_pointer (&clean), FALSE);
  }
}

void
chronicle_exporter_get_range (ChronicleExporter *self,
                              gint64            *start,
                              gint64            *end)
{
  g_return_if_fail (CHRONICLE_IS_EXPORTER (self));

  if (start != NULL)
    *start = self->range_start;
  if (end != NULL)
    *end = self->range_end;
}

ChronicleTimelinePainter *
chronicle_exporter_get_painter (ChronicleExporter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);

  return self->painter;
}

ChronicleLaneLayout *
chronicle_exporter_get_lane_layout (ChronicleExporter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);

  return self->layout;
}

void
chronicle_exporter_get_chart_bounds (ChronicleExporter *self,
                                     graphene_rect_t   *bounds)
{
  g_return_if_fail (CHRONICLE_IS_EXPORTER (self));
  g_return_if_fail (bounds != NULL);

  *bounds = self->chart_bounds;
}

GskRenderNode *
chronicle_exporter_render_image (ChronicleExporter *self,
                                 int               *width,
                                 int               *height)
{
  GtkSnapshot *snapshot;
  double image_width, inner_width;
  double chart_height, legend_height;
  double y;

  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);

  image_width = self->options.width;
  inner_width = image_width - 2 * IMAGE_MARGIN;
  chronicle_exporter_fit_range (self, inner_width);

  chronicle_timeline_painter_set_visible_range (self->painter, self->range_start,
                                                self->range_end - self->range_start);
  chronicle_timeline_painter_set_scroll_offset (self->painter, 0);
  chronicle_timeline_painter_set_size (self->painter, inner_width, 1);
  chart_height = chronicle_exporter_chart_height (self);
  chronicle_timeline_painter_set_size (self->painter, inner_width, chart_height);

  legend_height = chronicle_exporter_layout_legend (self, NULL, 0, 0, inner_width);

  y = IMAGE_MARGIN + chronicle_exporter_header_height (self) + SECTION_GAP;
  self->chart_bounds = GRAPHENE_RECT_INIT (IMAGE_MARGIN, y, inner_width, chart_height);
  y += chart_height;
  if (legend_height > 0)
    y += SECTION_GAP - 4 + legend_height;
  y = ceil (y + IMAGE_MARGIN - 4);

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &self->colors.background,
                             &GRAPHENE_RECT_INIT (0, 0, image_width, y));
  chronicle_exporter_snapshot_header (self, snapshot, IMAGE_MARGIN, IMAGE_MARGIN, inner_width,
                                      self->range_text, NULL);
  chronicle_exporter_snapshot_chart (self, snapshot, IMAGE_MARGIN, self->chart_bounds.origin.y,
                                     inner_width, chart_height, self->events->len == 0);
  chronicle_exporter_layout_legend (self, snapshot, IMAGE_MARGIN,
                                    self->chart_bounds.origin.y + chart_height + SECTION_GAP - 4,
                                    inner_width);

  if (width != NULL)
    *width = (int) image_width;
  if (height != NULL)
    *height = (int) y;

  return gtk_snapshot_free_to_node (snapshot);
}

GdkTexture *
chronicle_exporter_render_preview (ChronicleExporter  *self,
                                   int                 max_width,
                                   int                *out_width,
                                   int                *out_height,
                                   GError            **error)
{
  g_autoptr(GskRenderNode) node = NULL;
  int width, height;
  double scale;

  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);
  g_return_val_if_fail (max_width > 0, NULL);

  node = chronicle_exporter_render_image (self, &width, &height);
  if (out_width != NULL)
    *out_width = width;
  if (out_height != NULL)
    *out_height = height;
  scale = MIN (1.0, (double) max_width / width);
  /* A preview of a very tall view keeps to a sane size. */
  scale = MIN (scale, 4096.0 / height);

  return render_texture (node, width, height, scale, error);
}

guint
chronicle_exporter_paginate (ChronicleExporter *self,
                             double             width,
                             double             height)
{
  double scale = POINTS_PER_PIXEL;

  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), 0);
  g_return_val_if_fail (width > 0 && height > 0, 0);

  /* When the lanes almost fit a page, a slightly smaller drawing beats a
   * second page; far from fitting, they continue on the next page at the
   * size of a screen. Twice, as the legend's height follows the width. */
  for (guint i = 0; i < 2; i++)
    {
      double page_width = width / scale;
      double needed;

      chronicle_timeline_painter_set_scroll_offset (self->painter, 0);
      chronicle_timeline_painter_set_size (self->painter, page_width, 1);
      needed = chronicle_exporter_page_overhead (self, page_width) +
               chronicle_exporter_chart_height (self);
      scale = CLAMP (height / needed, MIN_POINTS_PER_PIXEL, POINTS_PER_PIXEL);
    }
  if (height / scale < chronicle_exporter_page_overhead (self, width / scale) +
                       chronicle_exporter_chart_height (self) - 0.5)
    scale = POINTS_PER_PIXEL;

  self->page_scale = scale;

  return chronicle_exporter_paginate_pixels (self, width / scale, height / scale);
}

double
chronicle_exporter_get_page_scale (ChronicleExporter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), POINTS_PER_PIXEL);

  return self->page_scale;
}

guint
chronicle_exporter_get_n_pages (ChronicleExporter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), 0);

  return self->pages->len;
}

GskRenderNode *
chronicle_exporter_render_page (ChronicleExporter *self,
                                guint              page_index)
{
  g_autofree char *range_text = NULL;
  g_autofree char *page_text = NULL;
  const Page *page;
  GtkSnapshot *snapshot;
  GTimeZone *tz;
  double start, duration;
  double lanes_top, chart_height, chart_y;

  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);
  g_return_val_if_fail (page_index < self->pages->len, NULL);

  page = &g_array_index (self->pages, Page, page_index);
  tz = chronicle_timeline_get_time_zone (self->timeline);

  chronicle_timeline_painter_set_scroll_offset (self->painter, page->scroll);
  lanes_top = chronicle_timeline_painter_get_lanes_top (self->painter);
  chart_height = lanes_top + page->lanes_height;

  if (self->n_slices > 1)
    {
      double end;

      chronicle_exporter_get_slice (self, page->first_slice + page->n_bands - 1, &start, &duration);
      end = start + duration;
      chronicle_exporter_get_slice (self, page->first_slice, &start, &duration);
      range_text = format_instant_range ((gint64) floor (start), (gint64) ceil (end), tz);
    }
  else
    {
      range_text = g_strdup (self->range_text);
    }
  /* Translators: in the header of each page of an exported timeline */
  page_text = g_strdup_printf (_("Page %1$u of %2$u"), page_index + 1, self->pages->len);

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &self->colors.background,
                             &GRAPHENE_RECT_INIT (0, 0, self->page_width, self->page_height));
  chronicle_exporter_snapshot_header (self, snapshot, 0, PAGE_PADDING, self->page_width,
                                      range_text, self->pages->len > 1 ? page_text : NULL);
  chart_y = PAGE_PADDING + chronicle_exporter_header_height (self) + SECTION_GAP;

  /* Each band has its own axis: a page reads on its own. */
  for (guint band = 0; band < page->n_bands; band++)
    {
      chronicle_exporter_get_slice (self, page->first_slice + band, &start, &duration);
      chronicle_timeline_painter_set_visible_range (self->painter, start, duration);
      chronicle_timeline_painter_set_size (self->painter, self->page_width, chart_height);
      chronicle_exporter_snapshot_chart (self, snapshot, 0, chart_y, self->page_width, chart_height,
                                         self->events->len == 0);
      chart_y += chart_height + BAND_GAP;
    }

  chronicle_exporter_layout_legend (self, snapshot, 0, chart_y - BAND_GAP + SECTION_GAP - 4,
                                    self->page_width);

  return gtk_snapshot_free_to_node (snapshot);
}

GdkTexture *
chronicle_exporter_render_page_preview (ChronicleExporter  *self,
                                        int                 max_width,
                                        guint              *n_pages,
                                        GError            **error)
{
  g_autoptr(GskRenderNode) page = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot;
  double width, height;
  guint count;

  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);
  g_return_val_if_fail (max_width > 0, NULL);

  chronicle_export_page_get_size (self->options.page, &width, &height);
  count = chronicle_exporter_paginate (self, width - 2 * PAGE_MARGIN, height - 2 * PAGE_MARGIN);
  if (n_pages != NULL)
    *n_pages = count;

  /* As render_pdf() lays it out: the paper, then the page in its margins. */
  page = chronicle_exporter_render_page (self, 0);
  snapshot = gtk_snapshot_new ();
  gtk_snapshot_append_color (snapshot, &self->colors.background,
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PAGE_MARGIN, PAGE_MARGIN));
  gtk_snapshot_scale (snapshot, self->page_scale, self->page_scale);
  gtk_snapshot_append_node (snapshot, page);
  node = gtk_snapshot_free_to_node (snapshot);

  return render_texture (node, (int) ceil (width), (int) ceil (height), max_width / width, error);
}

GBytes *
chronicle_exporter_to_bytes (ChronicleExporter      *self,
                             ChronicleExportFormat   format,
                             GCancellable           *cancellable,
                             GError                **error)
{
  g_autoptr(WriteJob) job = NULL;

  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = chronicle_exporter_prepare (self, format, NULL);

  return write_job_render (job, cancellable, error);
}

gboolean
chronicle_exporter_write_file (ChronicleExporter      *self,
                               ChronicleExportFormat   format,
                               GFile                  *file,
                               GCancellable           *cancellable,
                               GError                **error)
{
  g_autoptr(WriteJob) job = NULL;

  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = chronicle_exporter_prepare (self, format, file);

  return write_job_run (job, cancellable, error);
}

void
chronicle_exporter_write_file_async (ChronicleExporter           *self,
                                     ChronicleExportFormat        format,
                                     GFile                       *file,
                                     GCancellable                *cancellable,
                                     ChronicleExportProgressFunc  progress,
                                     gpointer                     progress_data,
                                     GDestroyNotify               progress_notify,
                                     GAsyncReadyCallback          callback,
                                     gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (CHRONICLE_IS_EXPORTER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_exporter_write_file_async);

  job = chronicle_exporter_prepare (self, format, file);
  job->owner_context = g_main_context_ref_thread_default ();
  if (progress != NULL)
    {
      job->progress = g_new0 (ProgressTarget, 1);
      g_atomic_ref_count_init (&job->progress->ref_count);
      job->progress->func = progress;
      job->progress->data = progress_data;
      job->progress->notify = progress_notify;
      job->progress->context = g_main_context_ref_thread_default ();
    }
  else if (progress_notify != NULL)
    {
      progress_notify (progress_data);
    }

  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, chronicle_exporter_write_thread);
}

gboolean
chronicle_exporter_write_file_finish (ChronicleExporter  *self,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
chronicle_exporter_export_file (ChronicleTimeline            *timeline,
                                ChronicleViewState           *state,
                                ChronicleExportFormat         format,
                                const ChronicleExportOptions *options,
                                GFile                        *file,
                                GCancellable                 *cancellable,
                                GError                      **error)
{
  g_autoptr(ChronicleExporter) exporter = NULL;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (state == NULL || CHRONICLE_IS_VIEW_STATE (state), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  exporter = chronicle_exporter_new (timeline, state);
  if (options != NULL)
    chronicle_exporter_set_options (exporter, options);

  return chronicle_exporter_write_file (exporter, format, file, cancellable, error);
}
