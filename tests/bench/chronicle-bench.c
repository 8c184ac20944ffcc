/* chronicle-bench.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The scale benchmark (issue 6): for timelines of 1 000 to 1 000 000
 * generated events, the medians of loading them (against json-glib's bare
 * parse of the same file), the memory the model keeps, stacking, drawing a
 * frame at three zoom levels, hit-testing, a search keystroke, a filter
 * change and exports. docs/performance.md explains each figure.
 *
 *   chronicle-bench                 1 000 and 10 000 events (meson test --benchmark)
 *   chronicle-bench --full          up to 1 000 000 (or CHRONICLE_BENCH_FULL=1)
 *   chronicle-bench --sizes=100000 --runs=7
 *   chronicle-bench --generate=1000000 --output=big.timeline.json
 */

#define G_LOG_DOMAIN "chronicle-bench"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <pango/pangocairo.h>

#include "chronicle-bench-generate.h"
#include "chronicle-cache.h"
#include "chronicle-event-filter.h"
#include "chronicle-exporter.h"
#include "chronicle-lane-layout.h"
#include "chronicle-loader.h"
#include "chronicle-timeline-painter.h"
#include "chronicle-view-state.h"

#define SEED         G_GUINT64_CONSTANT (20260101)
#define FRAME_WIDTH  1600
#define FRAME_HEIGHT 900
#define MIN_RUNS     5
/* Cheap figures are repeated more, for a steadier median. */
#define MANY_RUNS    15
#define FRAME_ROUNDS 40
#define FRAMES_A_TURN 3
#define N_HIT_POINTS 1000
#define QUERY        "parliament vote"

typedef enum
{
  ZOOM_FIT,
  ZOOM_MONTH,
  ZOOM_HOUR,
  N_ZOOMS
} Zoom;

static const char * const zoom_names[N_ZOOMS] = { "fit-all", "one month", "one hour" };

typedef struct
{
  guint  n_events;
  gint64 file_size;

  double json_ms;
  double load_ms;
  double first_ms;
  double reopen_ms;
  gint64 reopen_rss_kib;
  gint64 json_rss_kib;
  gint64 json_peak_kib;
  gint64 rss_kib;
  gint64 peak_kib;
  double layout_ms;
  double frame_ms[N_ZOOMS];
  double snapshot_ms[N_ZOOMS];
  double render_ms[N_ZOOMS];
  guint  frame_hits[N_ZOOMS];
  double hit_us;
  double frame_search_ms;
  double index_ms;
  double keystroke_ms;
  double keystroke_max_ms;
  double filter_ms;
  double filter_layout_ms;
  double pdf_ms;
  double png_ms;
} Result;

static int      opt_runs = MIN_RUNS;
static gboolean opt_full = FALSE;
static char    *opt_sizes = NULL;
static char    *opt_dir = NULL;
static char    *opt_only = NULL;
static int      opt_generate = -1;
static char    *opt_output = NULL;
static char    *opt_child = NULL;
static char    *opt_file = NULL;
static char    *opt_save_frames = NULL;
static char    *opt_profile = NULL;

static const GOptionEntry entries[] = {
  { "full", 0, 0, G_OPTION_ARG_NONE, &opt_full, "Up to 1 000 000 events", NULL },
  { "sizes", 0, 0, G_OPTION_ARG_STRING, &opt_sizes, "Comma-separated numbers of events", "LIST" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &opt_runs, "Runs per figure (at least 5)", "N" },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Where generated files are kept", "DIR" },
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only,
    "Figures to measure: json,load,layout,frame,hit,search,filter,export", "LIST" },
  { "generate", 0, 0, G_OPTION_ARG_INT, &opt_generate, "Write a timeline of N events", "N" },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, &opt_output, "The file --generate writes", "FILE" },
  { "save-frames", 0, 0, G_OPTION_ARG_FILENAME, &opt_save_frames,
    "Save each measured frame as a PNG in DIR", "DIR" },
  { "profile", 0, 0, G_OPTION_ARG_STRING, &opt_profile,
    "For a profiler: draw one frame (fit, month or hour) 500 times, lay out 20 times (layout) or change the filter 40 times (filter)", "WHAT" },
  { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &opt_child, NULL, NULL },
  { "file", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &opt_file, NULL, NULL },
  { NULL }
};

/* Timing */

static inline gint64
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

static inline double
ms_since (gint64 start)
{
  return (now_ns () - start) / 1e6;
}

static inline gint64
cpu_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_GINT64_CONSTANT (1000000000) + ts.tv_nsec;
}

/* This machine is shared: a short sample during which this thread lost
 * the CPU for more than a tenth of the time measures the other work, so
 * it is taken again (at most three times over). */
typedef struct
{
  gint64 wall;
  gint64 cpu;
} Stamp;

static guint n_samples;
static guint n_retaken;

static inline void
stamp (Stamp *s)
{
  s->wall = now_ns ();
  s->cpu = cpu_ns ();
}

static inline gboolean
quiet_since (const Stamp *s)
{
  gint64 wall = now_ns () - s->wall;
  gint64 cpu = cpu_ns () - s->cpu;

  return cpu * 10 >= wall * 9;
}

/* Keeps a sample, or says to take it again. */
static gboolean
keep_sample (gboolean quiet,
             guint    tries,
             guint    runs)
{
  n_samples++;
  if (quiet || tries >= 3 * runs)
    return TRUE;

  n_retaken++;
  return FALSE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return da < db ? -1 : da > db;
}

static double
median (GArray *samples)
{
  guint n = samples->len;
  double *values = (double *) (gpointer) samples->data;

  if (n == 0)
    return NAN;

  qsort (values, n, sizeof (double), compare_doubles);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
maximum (GArray *samples)
{
  double max = NAN;

  for (guint i = 0; i < samples->len; i++)
    {
      double v = g_array_index (samples, double, i);

      if (isnan (max) || v > max)
        max = v;
    }

  return max;
}

static inline void
add_sample (GArray *samples,
            double  value)
{
  g_array_append_val (samples, value);
}

static gboolean
wanted (const char *figure)
{
  g_auto(GStrv) figures = NULL;

  if (opt_only == NULL)
    return TRUE;

  figures = g_strsplit (opt_only, ",", -1);
  return g_strv_contains ((const char * const *) figures, figure);
}

/* Runs every pending source: idle work such as the search index build. */
static void
drain_main_context (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Memory, measured in a fresh process so that earlier sizes do not count */

static gint64
read_rss_kib (void)
{
  g_autofree char *contents = NULL;
  long size = 0, resident = 0;

  if (!g_file_get_contents ("/proc/self/statm", &contents, NULL, NULL) ||
      sscanf (contents, "%ld %ld", &size, &resident) != 2)
    return -1;

  return (gint64) resident * (sysconf (_SC_PAGESIZE) / 1024);
}

static gint64
read_hwm_kib (void)
{
  g_autofree char *contents = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL) ||
      (line = strstr (contents, "VmHWM:")) == NULL)
    return -1;

  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

/* Starts the peak (VmHWM) again from the current resident size. */
static void
reset_hwm (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
}

/* The child: does @what once to @path and prints "ms before after peak"
 * (KiB). Each run is a fresh process, so that no run inherits the heap an
 * earlier one left. */
static int
child_main (const char *what,
            const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronicleLoader) warmup = chronicle_loader_new ();
  g_autoptr(GBytes) small = chronicle_bench_generate_bytes (10, SEED);
  g_autoptr(ChronicleTimeline) small_timeline = NULL;
  gint64 before, after, peak;
  gpointer result = NULL;
  gboolean used_cache = FALSE;
  gint64 start;
  double ms;

  /* Types, translations and time zones are set up before measuring. */
  small_timeline = chronicle_loader_load_bytes (warmup, small, "warmup.json", NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();

    json_parser_load_from_data (parser, g_bytes_get_data (small, NULL),
                                g_bytes_get_size (small), NULL);
  }

  before = read_rss_kib ();
  reset_hwm ();
  start = now_ns ();

  if (g_strcmp0 (what, "json") == 0)
    {
      JsonParser *parser = json_parser_new ();

      if (json_parser_load_from_file (parser, path, &error))
        result = parser;
      else
        g_object_unref (parser);
    }
  else
    {
      g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();

      /* "load" parses; "first" parses and writes the cache; "reopen" reads it. */
      chronicle_loader_set_use_cache (loader, g_strcmp0 (what, "load") != 0);
      result = chronicle_loader_load_file (loader, file, NULL, &error);
      used_cache = chronicle_loader_get_used_cache (loader);
    }

  ms = ms_since (start);

  /* The cache is written in the background: the first open does not wait
   * for it, but the next run needs it. */
  chronicle_cache_wait ();

  if (result == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (used_cache != (g_strcmp0 (what, "reopen") == 0))
    {
      g_printerr ("%s: the cache was%s used\n", what, used_cache ? "" : " not");
      return 1;
    }

  after = read_rss_kib ();
  peak = read_hwm_kib ();
  g_print ("%.3f %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
           ms, before, after, peak);

  /* Exiting frees it all at once. */
  (void) result;
  return 0;
}

typedef struct
{
  double ms;
  gint64 retained_kib;
  gint64 peak_kib;
} ChildResult;

static gboolean
run_child (const char  *self_path,
           const char  *what,
           const char  *path,
           ChildResult *out)
{
  g_autofree char *arg_what = g_strdup_printf ("--child=%s", what);
  g_autofree char *arg_file = g_strdup_printf ("--file=%s", path);
  const char *argv[] = { self_path, arg_what, arg_file, NULL };
  g_autofree char *stdout_text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 before, after, peak;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &stdout_text, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error) ||
      sscanf (stdout_text, "%lf %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
              &out->ms, &before, &after, &peak) != 4)
    {
      g_printerr ("%s: %s\n", what, error != NULL ? error->message : stdout_text);
      return FALSE;
    }

  out->retained_kib = after - before;
  out->peak_kib = peak - before;
  return TRUE;
}

static void
forget_cache (const char *path)
{
  g_autofree char *cache = chronicle_cache_get_path (path);

  g_unlink (cache);
}

/* json-glib's bare parse, Chronicle's load, its first open (which writes
 * the cache) and a reopen (which reads it), each in fresh processes. */
static void
measure_loads (Result     *result,
               const char *self_path,
               const char *path,
               guint       runs)
{
  static const char * const whats[] = { "json", "load", "first", "reopen" };
  GArray *samples[G_N_ELEMENTS (whats)];
  gboolean cached = result->file_size >= CHRONICLE_CACHE_MIN_SIZE;

  for (guint w = 0; w < G_N_ELEMENTS (whats); w++)
    samples[w] = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < runs; run++)
    {
      for (guint w = 0; w < G_N_ELEMENTS (whats); w++)
        {
          ChildResult child;

          if (w >= 2 && !cached)
            continue;
          if ((w == 0 && !wanted ("json")) || (w > 0 && !wanted ("load")))
            continue;

          if (g_strcmp0 (whats[w], "first") == 0)
            forget_cache (path);

          if (!run_child (self_path, whats[w], path, &child))
            g_error ("Cannot measure %s", whats[w]);

          add_sample (samples[w], child.ms);

          /* Memory from the first run: it does not vary. */
          if (run == 0 && w == 0)
            {
              result->json_rss_kib = child.retained_kib;
              result->json_peak_kib = child.peak_kib;
            }
          else if (run == 0 && w == 1)
            {
              result->rss_kib = child.retained_kib;
              result->peak_kib = child.peak_kib;
            }
          else if (run == 0 && w == 3)
            {
              result->reopen_rss_kib = child.retained_kib;
            }
        }
    }

  result->json_ms = median (samples[0]);
  result->load_ms = median (samples[1]);
  result->first_ms = median (samples[2]);
  result->reopen_ms = median (samples[3]);

  for (guint w = 0; w < G_N_ELEMENTS (whats); w++)
    g_array_unref (samples[w]);
}

static ChronicleTimeline *
load (const char *path)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  if (timeline == NULL)
    g_error ("%s", error->message);
  if (chronicle_loader_get_n_warnings (loader) > 0)
    g_error ("The generated file has warnings");

  return timeline;
}

/* Layout */

static ChronicleLaneLayout *
make_layout (ChronicleTimeline *timeline,
             GListModel        *model)
{
  ChronicleLaneLayout *layout = chronicle_lane_layout_new ();

  chronicle_lane_layout_set_group_by (layout, CHRONICLE_GROUP_BY_KIND);
  chronicle_lane_layout_set_timeline (layout, timeline);
  chronicle_lane_layout_set_model (layout, model);
  chronicle_lane_layout_ensure (layout);

  return layout;
}

static void
measure_layout (Result            *result,
                ChronicleTimeline *timeline,
                guint              runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0, tries = 0; run < runs; tries++)
    {
      ChronicleLaneLayout *layout;
      double ms;
      Stamp start;

      stamp (&start);
      layout = make_layout (timeline, G_LIST_MODEL (timeline));
      ms = ms_since (start.wall);
      if (keep_sample (quiet_since (&start), tries, runs))
        {
          add_sample (samples, ms);
          run++;
        }
      g_object_unref (layout);
    }

  result->layout_ms = median (samples);
}

/* Drawing */

static ChronicleTimelinePainter *
make_painter (ChronicleTimeline   *timeline,
              ChronicleLaneLayout *layout)
{
  ChronicleTimelinePainter *painter = chronicle_timeline_painter_new ();
  PangoContext *context;
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell 11");
  ChronicleTimelineColors colors;

  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  chronicle_timeline_colors_init (&colors, FALSE, FALSE);

  chronicle_timeline_painter_set_timeline (painter, timeline);
  chronicle_timeline_painter_set_layout (painter, layout);
  chronicle_timeline_painter_set_colors (painter, &colors);
  chronicle_timeline_painter_set_pango_context (painter, context);
  chronicle_timeline_painter_set_font (painter, font);
  chronicle_timeline_painter_set_size (painter, FRAME_WIDTH, FRAME_HEIGHT);
  /* A fixed "now", so that every run draws the same. */
  chronicle_timeline_painter_set_now (painter, 1767225600);
  /* As the timeline widget draws for the cairo renderer, which draws the
   * measured frames. */
  chronicle_timeline_painter_set_flags (painter, CHRONICLE_TIMELINE_PAINT_SHOW_TODAY |
                                                 CHRONICLE_TIMELINE_PAINT_SCREEN |
                                                 CHRONICLE_TIMELINE_PAINT_CAIRO_RENDERER);
  g_object_unref (context);

  return painter;
}

static void
zoom_range (ChronicleLaneLayout *layout,
            Zoom                 zoom,
            double              *start,
            double              *duration)
{
  gint64 busiest = chronicle_bench_busiest_instant (SEED);
  gint64 first = 0, last = 0;

  switch (zoom)
    {
    case ZOOM_FIT:
      /* As the view fits: the extent with a little room on both sides. */
      chronicle_lane_layout_get_extent (layout, &first, &last);
      *duration = MAX ((double) (last - first), 60.0) / 0.96;
      *start = first - 0.02 * *duration;
      break;

    case ZOOM_MONTH:
      *duration = 30 * 86400.0;
      *start = busiest - *duration / 2;
      break;

    case ZOOM_HOUR:
    case N_ZOOMS:
    default:
      *duration = 3600.0;
      *start = busiest - *duration / 2;
      break;
    }
}

/* One frame as the widget draws it after a change of range: the painter
 * records the nodes, then the cairo renderer draws them offscreen. */
static gboolean
draw_frame (ChronicleTimelinePainter *painter,
            GskRenderer              *renderer,
            double                   *snapshot_ms,
            double                   *render_ms)
{
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  GdkTexture *texture;
  Stamp begin;
  gint64 start;
  gint64 recorded;
  gboolean quiet;

  stamp (&begin);
  start = begin.wall;

  snapshot = gtk_snapshot_new ();
  chronicle_timeline_painter_snapshot (painter, snapshot);
  chronicle_timeline_painter_snapshot_overlay (painter, snapshot, NULL, G_MAXUINT);
  node = gtk_snapshot_free_to_node (snapshot);
  recorded = now_ns ();

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, FRAME_WIDTH, FRAME_HEIGHT));
  *snapshot_ms = (recorded - start) / 1e6;
  *render_ms = ms_since (recorded);
  quiet = quiet_since (&begin);

  g_object_unref (texture);
  gsk_render_node_unref (node);

  return quiet;
}

static void
save_frame (ChronicleTimelinePainter *painter,
            GskRenderer              *renderer,
            Zoom                      zoom,
            guint                     n_events)
{
  static const char * const names[N_ZOOMS] = { "fit", "month", "hour" };
  g_autofree char *name = g_strdup_printf ("frame-%u-%s.png", n_events, names[zoom]);
  g_autofree char *path = g_build_filename (opt_save_frames, name, NULL);
  GskRenderNode *node = chronicle_timeline_painter_render (painter, G_MAXUINT);
  GdkTexture *texture;

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, FRAME_WIDTH, FRAME_HEIGHT));
  g_mkdir_with_parents (opt_save_frames, 0755);
  if (!gdk_texture_save_to_png (texture, path))
    g_printerr ("Cannot write %s\n", path);
  g_object_unref (texture);
  gsk_render_node_unref (node);
}

/* One size's model, layout and painter, kept from its load until every
 * figure is measured. */
typedef struct
{
  Result                   *result;
  ChronicleTimeline        *timeline;
  ChronicleLaneLayout      *layout;
  ChronicleTimelinePainter *painter;
} Subject;

static void
subject_clear (gpointer data)
{
  Subject *subject = data;

  g_clear_object (&subject->painter);
  g_clear_object (&subject->layout);
  g_clear_object (&subject->timeline);
}

/* The frames of all sizes are drawn in turns, a few of each size after
 * the other: a machine that slows down or speeds up during the run (a
 * shared or throttled CPU does, by half and more) then weighs on every
 * size alike, and the ratios between sizes, which are the contract, hold.
 * The first frame of each turn is not counted: in a running app a frame
 * follows frames of the same view, whose data are still in the processor's
 * caches, not frames of another timeline. */
static void
measure_frames (GArray      *subjects,
                GskRenderer *renderer,
                guint        runs)
{
  guint n = subjects->len;

  for (guint zoom = 0; zoom < N_ZOOMS; zoom++)
    {
      g_autoptr(GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      g_autoptr(GPtrArray) snapshots = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      g_autoptr(GPtrArray) renders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      double snapshot_ms, render_ms;

      for (guint i = 0; i < n; i++)
        {
          Subject *subject = &g_array_index (subjects, Subject, i);
          double start, duration;

          zoom_range (subject->layout, zoom, &start, &duration);
          chronicle_timeline_painter_set_visible_range (subject->painter, start, duration);

          /* Glyph caches and the like are warm in a running app. */
          draw_frame (subject->painter, renderer, &snapshot_ms, &render_ms);

          g_ptr_array_add (frames, g_array_new (FALSE, FALSE, sizeof (double)));
          g_ptr_array_add (snapshots, g_array_new (FALSE, FALSE, sizeof (double)));
          g_ptr_array_add (renders, g_array_new (FALSE, FALSE, sizeof (double)));
        }

      for (guint round = 0; round < MAX (runs, FRAME_ROUNDS); round++)
        {
          for (guint i = 0; i < n; i++)
            {
              Subject *subject = &g_array_index (subjects, Subject, i);

              draw_frame (subject->painter, renderer, &snapshot_ms, &render_ms);
              for (guint turn = 0; turn < FRAMES_A_TURN; turn++)
                {
                  for (guint tries = 0;; tries++)
                    {
                      gboolean quiet = draw_frame (subject->painter, renderer, &snapshot_ms,
                                                   &render_ms);

                      if (keep_sample (quiet, tries, 1))
                        break;
                    }
                  add_sample (g_ptr_array_index (frames, i), snapshot_ms + render_ms);
                  add_sample (g_ptr_array_index (snapshots, i), snapshot_ms);
                  add_sample (g_ptr_array_index (renders, i), render_ms);
                }
            }
        }

      for (guint i = 0; i < n; i++)
        {
          Subject *subject = &g_array_index (subjects, Subject, i);
          Result *result = subject->result;

          if (opt_save_frames != NULL)
            save_frame (subject->painter, renderer, zoom, result->n_events);

          result->frame_ms[zoom] = median (g_ptr_array_index (frames, i));
          result->snapshot_ms[zoom] = median (g_ptr_array_index (snapshots, i));
          result->render_ms[zoom] = median (g_ptr_array_index (renders, i));
          chronicle_timeline_painter_get_hits (subject->painter, &result->frame_hits[zoom]);
        }
    }
}

static void
measure_hits (Result                   *result,
              ChronicleTimelinePainter *painter,
              ChronicleLaneLayout      *layout,
              GskRenderer              *renderer,
              guint                     runs)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  double top = chronicle_timeline_painter_get_lanes_top (painter);
  double start, duration;
  double snapshot_ms, render_ms;
  guint found = 0;

  zoom_range (layout, ZOOM_FIT, &start, &duration);
  chronicle_timeline_painter_set_visible_range (painter, start, duration);
  draw_frame (painter, renderer, &snapshot_ms, &render_ms);

  for (guint run = 0, tries = 0; run < MAX (runs, MANY_RUNS); tries++)
    {
      Stamp t0;

      stamp (&t0);

      /* A grid of points over the lanes, as a moving pointer would give. */
      for (guint i = 0; i < N_HIT_POINTS; i++)
        {
          double x = (i % 50) * (FRAME_WIDTH / 50.0) + 7;
          double y = top + (i / 50) * ((FRAME_HEIGHT - top) / 20.0) + 5;
          ChronicleTimelineHit hit;

          if (chronicle_timeline_painter_hit_test (painter, x, y, &hit))
            found++;
        }

      if (!keep_sample (quiet_since (&t0), tries, MAX (runs, MANY_RUNS)))
        continue;
      run++;
      add_sample (samples, (now_ns () - t0.wall) / 1e3 / N_HIT_POINTS);
    }

  /* Something must be under the pointer somewhere, or this measures nothing. */
  g_assert (found > 0 || chronicle_lane_layout_get_n_events (layout) == 0);
  result->hit_us = median (samples);
}

/* Search and filters */

static void
measure_search_and_filter (Result                   *result,
                           ChronicleTimeline        *timeline,
                           ChronicleTimelinePainter *painter,
                           ChronicleLaneLayout      *painted,
                           GskRenderer              *renderer,
                           guint                     runs)
{
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = NULL;
  g_autoptr(ChronicleLaneLayout) layout = NULL;
  g_autoptr(GArray) keystrokes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filters = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) relayouts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  GListModel *kind_model = chronicle_timeline_get_kinds (timeline);
  gint64 start;

  /* The index is built in idle slices after the model is set, as in the
   * window; this is how long all the slices take together. */
  start = now_ns ();
  filter = chronicle_event_filter_new (timeline, state);
  drain_main_context ();
  result->index_ms = ms_since (start);

  for (guint run = 0; run < MAX (runs, MIN_RUNS); run++)
    {
      chronicle_view_state_set_text (state, NULL);

      for (guint len = 1; len <= strlen (QUERY); len++)
        {
          g_autofree char *text = g_strndup (QUERY, len);
          g_autofree char *previous = g_strndup (QUERY, len - 1);

          for (guint tries = 0;; tries++)
            {
              Stamp t;
              double ms;

              /* From the text before this letter (already there, unless
               * the keystroke is taken again). */
              chronicle_view_state_set_text (state, len > 1 ? previous : NULL);
              stamp (&t);
              chronicle_view_state_set_text (state, text);
              ms = ms_since (t.wall);
              if (keep_sample (quiet_since (&t), tries, 1))
                {
                  add_sample (keystrokes, ms);
                  break;
                }
            }
        }
    }

  if (chronicle_event_filter_get_n_matches (filter) == 0 &&
      chronicle_timeline_get_n_events (timeline) >= 1000)
    g_error ("The query “%s” found nothing: the keystrokes measured no work", QUERY);

  /* A frame while the search highlights what it found (the painter's
   * model is the whole timeline, so filter positions are its positions). */
  if (wanted ("frame"))
    {
      g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
      double range_start, duration, snapshot_ms, render_ms;

      zoom_range (painted, ZOOM_FIT, &range_start, &duration);
      chronicle_timeline_painter_set_visible_range (painter, range_start, duration);
      chronicle_timeline_painter_set_highlight (painter, chronicle_event_filter_get_matches (filter));
      draw_frame (painter, renderer, &snapshot_ms, &render_ms);
      for (guint run = 0, tries = 0; run < MAX (runs, MANY_RUNS); tries++)
        {
          gboolean quiet = draw_frame (painter, renderer, &snapshot_ms, &render_ms);

          if (!keep_sample (quiet, tries, MAX (runs, MANY_RUNS)))
            continue;
          run++;
          add_sample (frames, snapshot_ms + render_ms);
        }
      chronicle_timeline_painter_set_highlight (painter, NULL);
      result->frame_search_ms = median (frames);
    }

  chronicle_view_state_set_text (state, NULL);

  result->keystroke_max_ms = maximum (keystrokes);
  result->keystroke_ms = median (keystrokes);

  /* Turning one kind off and on again, as the filter's toggles do. */
  for (guint i = 0; i < g_list_model_get_n_items (kind_model); i++)
    {
      g_autoptr(ChronicleKind) kind = g_list_model_get_item (kind_model, i);

      if (g_strcmp0 (chronicle_kind_get_id (kind), "statement") != 0)
        g_ptr_array_add (kinds, (gpointer) g_intern_string (chronicle_kind_get_id (kind)));
    }
  g_ptr_array_add (kinds, NULL);

  /* The view's stacking follows the filter's model, as in the window. */
  layout = make_layout (timeline, G_LIST_MODEL (filter));
  chronicle_lane_layout_set_filter (layout, filter);
  chronicle_lane_layout_ensure (layout);

  for (guint run = 0; run < MAX (runs, MIN_RUNS); run++)
    {
      for (guint toggle = 0; toggle < 2; toggle++)
        {
          const char * const *off = (const char * const *) kinds->pdata;

          for (guint tries = 0;; tries++)
            {
              gint64 filtered;
              Stamp t;

              /* From the other state (already there, unless the change is
               * taken again). */
              chronicle_view_state_set_kinds (state, toggle == 0 ? NULL : off);
              chronicle_lane_layout_ensure (layout);

              stamp (&t);
              chronicle_view_state_set_kinds (state, toggle == 0 ? off : NULL);
              filtered = now_ns ();
              chronicle_lane_layout_ensure (layout);
              if (keep_sample (quiet_since (&t), tries, 1))
                {
                  add_sample (filters, (filtered - t.wall) / 1e6);
                  add_sample (relayouts, ms_since (t.wall));
                  break;
                }
            }
        }
    }

  result->filter_ms = median (filters);
  result->filter_layout_ms = median (relayouts);
}

/* Exports */

/* The view exported as the window's export dialog does: the exporter draws
 * it with the painter (a header, the chart, a legend) and writes the file. */
static void
measure_exports (Result            *result,
                 ChronicleTimeline *timeline,
                 const char        *dir,
                 guint              runs)
{
  static const ChronicleExportFormat formats[] = {
    CHRONICLE_EXPORT_FORMAT_PDF,
    CHRONICLE_EXPORT_FORMAT_PNG,
  };
  static const char * const names[] = { "export.pdf", "export.png" };
  double *figures[] = { &result->pdf_ms, &result->png_ms };
  ChronicleExportOptions options;

  chronicle_export_options_init (&options);
  options.width = FRAME_WIDTH;

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *path = g_build_filename (dir, names[f], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint run = 0; run < MAX (runs, MIN_RUNS); run++)
        {
          g_autoptr(GError) error = NULL;
          gint64 start = now_ns ();

          if (!chronicle_exporter_export_file (timeline, NULL, formats[f], &options, file, NULL,
                                               &error))
            g_error ("%s: %s", names[f], error->message);
          add_sample (samples, ms_since (start));
        }

      g_unlink (path);
      *figures[f] = median (samples);
    }
}

/* Files */

static char *
ensure_file (const char *dir,
             guint       n_events)
{
  g_autofree char *name = g_strdup_printf ("chronicle-bench-v%d-%u.timeline.json",
                                           CHRONICLE_BENCH_GENERATOR_VERSION, n_events);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;

  g_printerr ("Generating %u events into %s…\n", n_events, path);
  if (!chronicle_bench_generate_file (path, n_events, SEED, &error))
    g_error ("%s", error->message);

  return path;
}

/* Reads the file once, so that the first measured run does not read the
 * disk while the others read the page cache. */
static gint64
warm_file (const char *path)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  const volatile char *data;
  gsize length;
  guint sum = 0;

  if (mapped == NULL)
    return 0;

  data = g_mapped_file_get_contents (mapped);
  length = g_mapped_file_get_length (mapped);
  for (gsize i = 0; i < length; i += 4096)
    sum += data[i];
  (void) sum;

  return length;
}

/* Output */

static void
format_ms (char   *buffer,
           gsize   size,
           double  ms)
{
  if (isnan (ms))
    g_snprintf (buffer, size, "–");
  else if (ms < 0.1)
    g_snprintf (buffer, size, "%.3f ms", ms);
  else if (ms < 10)
    g_snprintf (buffer, size, "%.2f ms", ms);
  else if (ms < 1000)
    g_snprintf (buffer, size, "%.1f ms", ms);
  else
    g_snprintf (buffer, size, "%.2f s", ms / 1000);
}

static void
format_kib (char   *buffer,
            gsize   size,
            gint64  kib)
{
  if (kib < 0)
    g_snprintf (buffer, size, "–");
  else if (kib < 10 * 1024)
    g_snprintf (buffer, size, "%.2f MB", kib * 1024 / 1e6);
  else
    g_snprintf (buffer, size, "%.0f MB", kib * 1024 / 1e6);
}

typedef enum
{
  ROW_MS,
  ROW_US,
  ROW_KIB,
  ROW_RATIO,
  ROW_TEXT,
} RowType;

static void
print_row (const char   *label,
           const Result *results,
           guint         n_results,
           RowType       type,
           gsize         offset,
           gsize         divisor_offset)
{
  g_print ("| %s |", label);

  for (guint i = 0; i < n_results; i++)
    {
      const char *base = (const char *) &results[i];
      char cell[64];

      switch (type)
        {
        case ROW_MS:
          format_ms (cell, sizeof cell, *(const double *) (base + offset));
          break;

        case ROW_US:
          {
            double us = *(const double *) (base + offset);

            if (isnan (us))
              g_snprintf (cell, sizeof cell, "–");
            else
              g_snprintf (cell, sizeof cell, "%.2f µs", us);
          }
          break;

        case ROW_KIB:
          format_kib (cell, sizeof cell, *(const gint64 *) (base + offset));
          break;

        case ROW_RATIO:
          {
            double value = *(const double *) (base + offset);
            double divisor = *(const double *) (base + divisor_offset);

            if (isnan (value) || isnan (divisor) || divisor <= 0)
              g_snprintf (cell, sizeof cell, "–");
            else
              g_snprintf (cell, sizeof cell, "%.2f×", value / divisor);
          }
          break;

        case ROW_TEXT:
        default:
          g_snprintf (cell, sizeof cell, "%s", base + offset);
          break;
        }

      g_print (" %s |", cell);
    }

  g_print ("\n");
}

static void
print_memory_ratio_row (const char   *label,
                        const Result *results,
                        guint         n_results,
                        gsize         offset)
{
  g_print ("| %s |", label);
  for (guint i = 0; i < n_results; i++)
    {
      gint64 kib = *(const gint64 *) ((const char *) &results[i] + offset);

      if (kib < 0 || results[i].file_size <= 0)
        g_print (" – |");
      else
        g_print (" %.2f× |", kib * 1024.0 / results[i].file_size);
    }
  g_print ("\n");
}

#define ROW(label, type, field) \
  print_row (label, results, n_results, type, G_STRUCT_OFFSET (Result, field), 0)
#define RATIO(label, field, divisor) \
  print_row (label, results, n_results, ROW_RATIO, G_STRUCT_OFFSET (Result, field), \
             G_STRUCT_OFFSET (Result, divisor))

static void
print_table (const Result *results,
             guint         n_results,
             guint         runs)
{
  g_print ("\n| Figure (median of ≥ %u runs) |", runs);
  for (guint i = 0; i < n_results; i++)
    g_print (" %u events |", results[i].n_events);
  g_print ("\n|---|");
  for (guint i = 0; i < n_results; i++)
    g_print ("---:|");
  g_print ("\n| File size |");
  for (guint i = 0; i < n_results; i++)
    g_print (" %.1f MB |", results[i].file_size / 1e6);
  g_print ("\n");

  ROW ("json-glib bare parse (baseline)", ROW_MS, json_ms);
  ROW ("Chronicle load (parse + model)", ROW_MS, load_ms);
  RATIO ("Load ÷ json-glib parse", load_ms, json_ms);
  ROW ("Memory retained after load", ROW_KIB, rss_kib);
  print_memory_ratio_row ("Retained ÷ file size", results, n_results,
                          G_STRUCT_OFFSET (Result, rss_kib));
  ROW ("Peak extra memory during load", ROW_KIB, peak_kib);
  ROW ("json-glib: retained (its tree)", ROW_KIB, json_rss_kib);
  ROW ("json-glib: peak", ROW_KIB, json_peak_kib);
  ROW ("First open (load + writing the cache)", ROW_MS, first_ms);
  ROW ("Reopen (from the cache)", ROW_MS, reopen_ms);
  RATIO ("First open ÷ reopen", first_ms, reopen_ms);
  RATIO ("Load ÷ reopen", load_ms, reopen_ms);
  ROW ("Memory retained after a reopen", ROW_KIB, reopen_rss_kib);
  ROW ("Layout (stacking, by kind)", ROW_MS, layout_ms);
  ROW ("Frame, fit-all", ROW_MS, frame_ms[ZOOM_FIT]);
  ROW ("Frame, one month", ROW_MS, frame_ms[ZOOM_MONTH]);
  ROW ("Frame, one hour", ROW_MS, frame_ms[ZOOM_HOUR]);
  ROW ("Hit test, one point", ROW_US, hit_us);
  ROW ("Search keystroke (median)", ROW_MS, keystroke_ms);
  ROW ("Search keystroke (slowest)", ROW_MS, keystroke_max_ms);
  ROW ("Filter change + relayout", ROW_MS, filter_layout_ms);
  ROW ("Export PDF (all events, A4)", ROW_MS, pdf_ms);
  ROW ("Export PNG (all events, 1600 px)", ROW_MS, png_ms);

  g_print ("\nDetails\n\n| Figure |");
  for (guint i = 0; i < n_results; i++)
    g_print (" %u |", results[i].n_events);
  g_print ("\n|---|");
  for (guint i = 0; i < n_results; i++)
    g_print ("---:|");
  g_print ("\n");
  for (guint zoom = 0; zoom < N_ZOOMS; zoom++)
    {
      g_autofree char *snapshot_label = g_strdup_printf ("Frame %s: painter snapshot",
                                                         zoom_names[zoom]);
      g_autofree char *render_label = g_strdup_printf ("Frame %s: cairo render",
                                                       zoom_names[zoom]);

      print_row (snapshot_label, results, n_results, ROW_MS,
                 G_STRUCT_OFFSET (Result, snapshot_ms) + zoom * sizeof (double), 0);
      print_row (render_label, results, n_results, ROW_MS,
                 G_STRUCT_OFFSET (Result, render_ms) + zoom * sizeof (double), 0);
    }
  g_print ("| Items that can be hit, fit-all / month / hour |");
  for (guint i = 0; i < n_results; i++)
    g_print (" %u / %u / %u |", results[i].frame_hits[ZOOM_FIT],
             results[i].frame_hits[ZOOM_MONTH], results[i].frame_hits[ZOOM_HOUR]);
  g_print ("\n");
  ROW ("Frame fit-all, search highlighted", ROW_MS, frame_search_ms);
  ROW ("Search index build (idle slices, total)", ROW_MS, index_ms);
  ROW ("Filter change alone", ROW_MS, filter_ms);
}

static void
print_verdict (const char *target,
               gboolean    measured,
               gboolean    met)
{
  g_print ("- %s: %s\n", target, !measured ? "not measured" : met ? "met" : "NOT met");
}

static void
print_targets (const Result *results,
               guint         n_results)
{
  const Result *small = NULL;
  const Result *big = NULL;

  for (guint i = 0; i < n_results; i++)
    {
      if (results[i].n_events == 1000)
        small = &results[i];
      if (big == NULL || results[i].n_events > big->n_events)
        big = &results[i];
    }

  g_print ("\nTargets (issue 6), at the largest size measured (%u events)\n\n",
           big != NULL ? big->n_events : 0);

  if (big == NULL)
    return;

  for (guint i = 0; i < n_results; i++)
    {
      const Result *r = &results[i];
      g_autofree char *load = NULL;
      g_autofree char *memory = NULL;

      if (r->n_events < 100000)
        continue;

      load = g_strdup_printf ("Load of %u events within 1.25× json-glib (%.2f×)",
                              r->n_events, r->load_ms / r->json_ms);
      print_verdict (load, !isnan (r->load_ms) && !isnan (r->json_ms),
                     r->load_ms <= 1.25 * r->json_ms);
      memory = g_strdup_printf ("Memory retained for %u events ≤ 1.5× file size (%.2f×)",
                                r->n_events, r->rss_kib * 1024.0 / r->file_size);
      print_verdict (memory, r->rss_kib >= 0, r->rss_kib * 1024.0 <= 1.5 * r->file_size);

      {
        g_autofree char *reopen = g_strdup_printf ("Reopen of %u events ≥ 10× faster than the "
                                                   "first open (%.1f×; %.1f× against a load "
                                                   "that writes no cache)",
                                                   r->n_events, r->first_ms / r->reopen_ms,
                                                   r->load_ms / r->reopen_ms);

        print_verdict (reopen, !isnan (r->reopen_ms), r->first_ms >= 10 * r->reopen_ms);
      }
    }

  for (guint zoom = 0; zoom < N_ZOOMS; zoom++)
    {
      g_autofree char *ratio = NULL;
      g_autofree char *absolute = NULL;

      if (small != NULL && small != big)
        {
          ratio = g_strdup_printf ("Frame %s within 2× of 1 000 events (%.2f×)",
                                   zoom_names[zoom],
                                   big->frame_ms[zoom] / small->frame_ms[zoom]);
          print_verdict (ratio, !isnan (big->frame_ms[zoom]),
                         big->frame_ms[zoom] <= 2 * small->frame_ms[zoom]);
        }
      absolute = g_strdup_printf ("Frame %s under 8 ms (%.2f ms)", zoom_names[zoom],
                                  big->frame_ms[zoom]);
      print_verdict (absolute, !isnan (big->frame_ms[zoom]), big->frame_ms[zoom] < 8);
    }

  {
    g_autofree char *keystroke = g_strdup_printf ("Search keystroke under 50 ms "
                                                  "(median %.1f ms, slowest %.1f ms)",
                                                  big->keystroke_ms, big->keystroke_max_ms);
    g_autofree char *filter = g_strdup_printf ("Filter change under 50 ms "
                                               "(with relayout %.1f ms, alone %.1f ms)",
                                               big->filter_layout_ms, big->filter_ms);

    print_verdict (keystroke, !isnan (big->keystroke_ms), big->keystroke_max_ms < 50);
    print_verdict (filter, !isnan (big->filter_layout_ms), big->filter_layout_ms < 50);
  }
}

static void
result_init (Result *result,
             guint   n_events)
{
  memset (result, 0, sizeof *result);
  result->n_events = n_events;
  result->json_ms = result->load_ms = result->layout_ms = NAN;
  result->first_ms = result->reopen_ms = NAN;
  result->frame_search_ms = NAN;
  result->hit_us = result->index_ms = result->keystroke_ms = result->keystroke_max_ms = NAN;
  result->filter_ms = result->filter_layout_ms = result->pdf_ms = result->png_ms = NAN;
  for (guint zoom = 0; zoom < N_ZOOMS; zoom++)
    result->frame_ms[zoom] = result->snapshot_ms[zoom] = result->render_ms[zoom] = NAN;
  result->rss_kib = result->peak_kib = result->json_rss_kib = result->json_peak_kib = -1;
  result->reopen_rss_kib = -1;
}

/* Loads a size (measuring the loads and the layout) and adds what the
 * other figures are measured on to @subjects. */
static void
load_size (Result      *result,
           const char  *self_path,
           const char  *dir,
           guint        n_events,
           guint        runs,
           GskRenderer *renderer,
           GArray      *subjects)
{
  g_autofree char *path = ensure_file (dir, n_events);
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(ChronicleLaneLayout) layout = NULL;
  g_autoptr(ChronicleTimelinePainter) painter = NULL;
  Subject subject;

  result_init (result, n_events);
  result->file_size = warm_file (path);

  g_printerr ("%u events (%.1f MB):", n_events, result->file_size / 1e6);

  if (wanted ("json") || wanted ("load"))
    {
      g_printerr (" loads");
      measure_loads (result, self_path, path, runs);
    }

  /* For the rest: the same model, from the cache when there is one. */
  timeline = load (path);

  if (wanted ("layout"))
    {
      g_printerr (" layout");
      measure_layout (result, timeline, runs);
    }
  g_printerr ("\n");

  layout = make_layout (timeline, G_LIST_MODEL (timeline));
  painter = make_painter (timeline, layout);

  if (opt_profile != NULL)
    {
      static const char * const names[N_ZOOMS] = { "fit", "month", "hour" };
      double start, duration, snapshot_ms, render_ms;

      for (guint zoom = 0; zoom < N_ZOOMS; zoom++)
        {
          if (g_strcmp0 (opt_profile, names[zoom]) != 0)
            continue;

          zoom_range (layout, zoom, &start, &duration);
          chronicle_timeline_painter_set_visible_range (painter, start, duration);
          for (guint run = 0; run < 500; run++)
            draw_frame (painter, renderer, &snapshot_ms, &render_ms);
        }
    }

  if (g_strcmp0 (opt_profile, "layout") == 0)
    {
      for (guint run = 0; run < 20; run++)
        g_object_unref (make_layout (timeline, G_LIST_MODEL (timeline)));
    }

  if (g_strcmp0 (opt_profile, "filter") == 0)
    {
      g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
      g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);
      g_autoptr(ChronicleLaneLayout) filtered = make_layout (timeline, G_LIST_MODEL (filter));
      const char * const off[] = { "occurred", "planned", "reported", NULL };

      chronicle_lane_layout_set_filter (filtered, filter);
      for (guint run = 0; run < 40; run++)
        {
          chronicle_view_state_set_statuses (state, run % 2 == 0 ? off : NULL);
          chronicle_lane_layout_ensure (filtered);
        }
    }

  subject.result = result;
  subject.timeline = g_steal_pointer (&timeline);
  subject.layout = g_steal_pointer (&layout);
  subject.painter = g_steal_pointer (&painter);
  g_array_append_val (subjects, subject);
}

/* The figures measured on a loaded size after its frames: searching and
 * exporting make events and fill the heap, as browsing first does not. */
static void
measure_size (Subject     *subject,
              const char  *dir,
              guint        runs,
              GskRenderer *renderer)
{
  Result *result = subject->result;

  g_printerr ("%u events:", result->n_events);

  if (wanted ("hit"))
    {
      g_printerr (" hits");
      measure_hits (result, subject->painter, subject->layout, renderer, runs);
    }

  if (wanted ("search") || wanted ("filter"))
    {
      g_printerr (" search+filter");
      measure_search_and_filter (result, subject->timeline, subject->painter, subject->layout,
                                 renderer, runs);
    }

  if (wanted ("export"))
    {
      g_printerr (" export");
      measure_exports (result, subject->timeline, dir, runs);
    }

  g_printerr ("\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— Chronicle's scale benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sizes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GskRenderer) renderer = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree Result *results = NULL;
  GArray *subjects;
  guint runs;

  g_setenv ("TZ", "UTC", TRUE);
  /* Numbers and labels as in the C locale, so that runs compare. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (opt_child != NULL)
    return child_main (opt_child, opt_file);

  if (opt_generate >= 0)
    {
      if (opt_output == NULL)
        {
          g_printerr ("--generate needs --output=FILE\n");
          return 2;
        }
      if (!chronicle_bench_generate_file (opt_output, opt_generate, SEED, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      return 0;
    }

  if (g_getenv ("CHRONICLE_BENCH_FULL") != NULL)
    opt_full = TRUE;

  if (opt_sizes != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (opt_sizes, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          guint n = (guint) g_ascii_strtoull (parts[i], NULL, 10);

          g_array_append_val (sizes, n);
        }
    }
  else
    {
      static const guint defaults[] = { 1000, 10000, 100000, 1000000 };

      g_array_append_vals (sizes, defaults, opt_full ? 4 : 2);
    }

  runs = MAX (opt_runs, MIN_RUNS);

  dir = opt_dir != NULL ? g_canonicalize_filename (opt_dir, NULL)
                        : g_build_filename (g_get_tmp_dir (), "chronicle-bench", NULL);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      g_printerr ("Cannot create %s: %s\n", dir, g_strerror (errno));
      return 1;
    }

  /* The cache of the generated files stays with them. */
  {
    g_autofree char *cache_home = g_build_filename (dir, "cache", NULL);

    g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  renderer = gsk_cairo_renderer_new ();
  if (!gsk_renderer_realize (renderer, NULL, &error))
    {
      g_printerr ("Cannot realize the cairo renderer: %s\n", error->message);
      return 1;
    }

  results = g_new0 (Result, sizes->len);
  subjects = g_array_new (FALSE, FALSE, sizeof (Subject));
  g_array_set_clear_func (subjects, subject_clear);
  for (guint i = 0; i < sizes->len; i++)
    load_size (&results[i], self_path, dir, g_array_index (sizes, guint, i), runs, renderer,
               subjects);

  /* Frames first, as after opening a file, of every size in turns. */
  if (wanted ("frame"))
    {
      g_printerr ("Frames of every size, in turns\n");
      measure_frames (subjects, renderer, runs);
    }

  for (guint i = 0; i < subjects->len; i++)
    measure_size (&g_array_index (subjects, Subject, i), dir, runs, renderer);
  g_clear_pointer (&subjects, g_array_unref);

  print_table (results, sizes->len, runs);
  print_targets (results, sizes->len);
  g_print ("\nSamples taken again because another process had the CPU: %u of %u\n",
           n_retaken, n_samples);

  gsk_renderer_unrealize (renderer);

  return 0;
}
