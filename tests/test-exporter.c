/* test-exporter.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Image and data export of the chosen view, with no display at all: main()
 * unsets DISPLAY and WAYLAND_DISPLAY and nothing calls gtk_init(). The
 * files are checked with real tools: pdftotext and pdfinfo (poppler-utils)
 * and xmllint; PNGs are decoded with cairo.
 */

#include "config.h"

#include <cairo.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "chronicle-exporter.h"
#include "chronicle-loader.h"

typedef struct
{
  ChronicleTimeline *timeline;
  char              *dir;
} Fixture;

/* Helpers ----------------------------------------------------------------- */

static ChronicleTimeline *
load_timeline (const char *path)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);

  return timeline;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "timelines",
                                                 "chicago-2025.json", NULL);
  g_autoptr(GError) error = NULL;

  fixture->timeline = load_timeline (path);
  fixture->dir = g_dir_make_tmp ("chronicle-exporter-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  g_chmod (path, 0755);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_assert_finalize_object (fixture->timeline);
}

static ChronicleViewState *
view_state (ChronicleTimeline *timeline,
            const char        *id)
{
  ChronicleView *view = chronicle_timeline_lookup_view (timeline, id);

  g_assert_nonnull (view);

  return chronicle_view_state_new_from_view (view);
}

static char *
export_to (Fixture                      *fixture,
           ChronicleViewState           *state,
           ChronicleExportFormat         format,
           const ChronicleExportOptions *options,
           const char                   *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  chronicle_exporter_export_file (fixture->timeline, state, format, options, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return g_steal_pointer (&path);
}

/* Runs a tool; its standard output, or NULL (then the test is skipped)
 * when it is not installed. */
static char *
run_tool (const char * const *argv)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;

  if (program == NULL)
    {
      g_test_skip_printf ("%s is not installed", argv[0]);
      return NULL;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);

  return g_steal_pointer (&out);
}

/* Line breaks and runs of space as one space, and ligatures ("ﬁ", which
 * is how PDF text names them) as their letters: text as a reader, or a
 * PDF viewer's search, sees it. */
static char *
normalize_space (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *compatible = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  gboolean space = FALSE;

  g_assert_nonnull (compatible);

  for (const char *p = compatible; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every title of @events is in @text in full, or, where the drawing had
 * no room for all of it, as a start of at least 12 characters and an
 * ellipsis. Returns how many are there in full. */
static guint
assert_titles (const char *text,
               GPtrArray  *events)
{
  guint n_full = 0;

  for (guint i = 0; i < events->len; i++)
    {
      const char *title = chronicle_event_get_title (g_ptr_array_index (events, i));
      gboolean found = strstr (text, title) != NULL;

      if (found)
        {
          n_full++;
          continue;
        }

      for (glong n = g_utf8_strlen (title, -1) - 1; !found && n >= 12; n--)
        {
          g_autofree char *start = g_utf8_substring (title, 0, n);
          /* "…", after normalize_space() */
          g_autofree char *ellipsized = g_strconcat (start, "...", NULL);
          g_autofree char *trimmed = g_strchomp (g_strdup (start));
          g_autofree char *ellipsized_trimmed = g_strconcat (trimmed, "...", NULL);

          found = strstr (text, ellipsized) != NULL || strstr (text, ellipsized_trimmed) != NULL;
        }

      if (!found)
        g_error ("“%s” is not in the export:\n%s", title, text);
    }

  return n_full;
}

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);

  return surface;
}

/* Un-premultiplied, 0..255. */
static void
get_pixel (cairo_surface_t *surface,
           int              x,
           int              y,
           guint           *r,
           guint           *g,
           guint           *b,
           guint           *a)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  pixel = *(const guint32 *) (gconstpointer) (data + y * stride + x * 4);
  *a = pixel >> 24;
  *r = (pixel >> 16) & 0xff;
  *g = (pixel >> 8) & 0xff;
  *b = pixel & 0xff;
  if (*a > 0 && *a < 255)
    {
      *r = *r * 255 / *a;
      *g = *g * 255 / *a;
      *b = *b * 255 / *a;
    }
}

static void
assert_pixel_color (cairo_surface_t *surface,
                    double           x,
                    double           y,
                    const GdkRGBA   *color,
                    const char      *what)
{
  guint r, g, b, a;
  guint er = (guint) round (color->red * 255);
  guint eg = (guint) round (color->green * 255);
  guint eb = (guint) round (color->blue * 255);

  get_pixel (surface, (int) floor (x), (int) floor (y), &r, &g, &b, &a);

  if (a != 255 || ABS ((int) r - (int) er) > 3 || ABS ((int) g - (int) eg) > 3 ||
      ABS ((int) b - (int) eb) > 3)
    g_error ("%s at (%.1f, %.1f): #%02x%02x%02x (alpha %u), expected #%02x%02x%02x",
             what, x, y, r, g, b, a, er, eg, eb);
}

/* A long view: 300 events, one every 12 days over ten years, in one lane. */
static ChronicleTimeline *
create_long_timeline (void)
{
  ChronicleTimeline *timeline = chronicle_timeline_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  chronicle_timeline_set_title (timeline, "A long decade");

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("event-%u", i);
      g_autofree char *title = g_strdup_printf ("Event number %u", i);
      ChronicleTime start;
      ChronicleEvent *event;

      chronicle_time_init_from_instant (&start, 1262304000 + (gint64) i * 12 * 86400,
                                        CHRONICLE_TIME_PRECISION_DAY, NULL);
      event = chronicle_event_new (id, title, &start);
      chronicle_event_set_kind (event, "report");
      g_ptr_array_add (events, event);
    }

  chronicle_timeline_add_events (timeline, (ChronicleEvent **) events->pdata, events->len, &error);
  g_assert_no_error (error);

  return timeline;
}

/* The view's events --------------------------------------------------------- */

static void
test_view_events (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ChronicleViewState) state = view_state (fixture->timeline, "mayor-statements");
  g_autoptr(ChronicleExporter) all = chronicle_exporter_new (fixture->timeline, NULL);
  g_autoptr(ChronicleExporter) mayor = chronicle_exporter_new (fixture->timeline, state);
  g_autoptr(ChronicleViewState) search = chronicle_view_state_new ();
  g_autoptr(ChronicleExporter) found = NULL;
  g_autoptr(ChronicleExporter) faded = NULL;
  g_autoptr(ChronicleExporter) kinds = NULL;
  GPtrArray *events;

  g_assert_cmpuint (chronicle_exporter_get_events (all)->len, ==,
                    chronicle_timeline_get_n_events (fixture->timeline));
  g_assert_cmpstr (chronicle_exporter_get_view_title (all), ==, "All Events");
  g_assert_cmpstr (chronicle_exporter_get_title (all), ==,
                   chronicle_timeline_get_title (fixture->timeline));

  /* Only the mayor's statements, in time order. */
  events = chronicle_exporter_get_events (mayor);
  g_assert_cmpuint (events->len, >, 0);
  g_assert_cmpuint (events->len, <, chronicle_timeline_get_n_events (fixture->timeline));
  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);

      g_assert_cmpstr (chronicle_event_get_kind (event), ==, "statement");
      g_assert_true (g_strv_contains (chronicle_event_get_actors (event), "johnson"));
      if (i > 0)
        g_assert_cmpint (chronicle_event_get_start_instant (g_ptr_array_index (events, i - 1)), <=,
                         chronicle_event_get_start_instant (event));
    }
  g_assert_cmpstr (chronicle_exporter_get_view_title (mayor), ==, "The mayor’s statements");

  /* A search that hides the rest exports its matches... */
  chronicle_view_state_set_text (search, "hellhole");
  found = chronicle_exporter_new (fixture->timeline, search);
  events = chronicle_exporter_get_events (found);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (chronicle_event_get_id (g_ptr_array_index (events, 0)), ==,
                   "trump-calls-chicago-hellhole");
  g_assert_cmpstr (chronicle_exporter_get_view_title (found), ==, "Events Matching “hellhole”");

  /* ...and one that fades the rest exports everything, as the window
   * shows it. */
  chronicle_view_state_set_hide_non_matching (search, FALSE);
  faded = chronicle_exporter_new (fixture->timeline, search);
  g_assert_cmpuint (chronicle_exporter_get_events (faded)->len, ==,
                    chronicle_timeline_get_n_events (fixture->timeline));

  /* Without a name, any other filter is a filtered view. */
  chronicle_view_state_set_kinds (search, (const char *[]) { "statement", NULL });
  kinds = chronicle_exporter_new (fixture->timeline, search);
  g_assert_cmpstr (chronicle_exporter_get_view_title (kinds), ==, "Filtered View");

  /* The exporter keeps its own copy of the state. */
  chronicle_view_state_set_text (search, "johnson");
  g_assert_cmpuint (chronicle_exporter_get_events (found)->len, ==, 1);
}

static void
test_range (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ChronicleViewState) week = view_state (fixture->timeline, "week-of-25-august");
  g_autoptr(ChronicleExporter) exporter = chronicle_exporter_new (fixture->timeline, week);
  g_autoptr(ChronicleExporter) all = chronicle_exporter_new (fixture->timeline, NULL);
  ChronicleExportOptions options;
  gint64 extent_start, extent_end;
  gint64 start, end;

  /* The view's window, with a little room either side. */
  chronicle_exporter_get_range (exporter, &start, &end);
  g_assert_cmpint (start, <=, chronicle_time_get_instant (chronicle_view_state_get_window_from (week)));
  g_assert_cmpint (start, >, chronicle_time_get_instant (chronicle_view_state_get_window_from (week)) - 86400);
  g_assert_cmpint (end, >=, chronicle_time_get_end_instant (chronicle_view_state_get_window_to (week)));
  g_assert_cmpint (end, <, chronicle_time_get_end_instant (chronicle_view_state_get_window_to (week)) + 86400);

  /* Without a window: every event, with margins (more on the right, for
   * the titles of the last events). */
  g_assert_true (chronicle_timeline_get_extent (fixture->timeline, &extent_start, &extent_end));
  gsk_render_node_unref (chronicle_exporter_render_image (all, NULL, NULL));
  chronicle_exporter_get_range (all, &start, &end);
  g_assert_cmpint (start, <, extent_start);
  g_assert_cmpint (end, >, extent_end);
  g_assert_cmpint (extent_start - start, <, end - extent_end);
  g_assert_cmpint (end - start, <=, (extent_end - extent_start) / 0.6 + 1);

  /* The range given wins. */
  chronicle_export_options_init (&options);
  options.use_visible_range = TRUE;
  options.range_start = 1754006400;  /* 1 August 2025 */
  options.range_end = 1756684800;    /* 1 September 2025 */
  chronicle_exporter_set_options (all, &options);
  chronicle_exporter_get_range (all, &start, &end);
  g_assert_cmpint (start, ==, 1754006400);
  g_assert_cmpint (end, ==, 1756684800);
}

static void
test_file_name (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleTimeline) no_title = chronicle_timeline_new ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleExporter) exporter = NULL;
  g_autoptr(ChronicleExporter) untitled = NULL;
  g_autofree char *name = NULL;
  g_autofree char *plain = NULL;

  chronicle_timeline_set_title (timeline, "Chicago: 2025/26 \"crackdown\"?\n ");
  chronicle_view_state_set_title (state, "Week <1>");
  exporter = chronicle_exporter_new (timeline, state);
  name = chronicle_exporter_dup_file_name (exporter, CHRONICLE_EXPORT_FORMAT_PDF);
  g_assert_cmpstr (name, ==, "Chicago 2025 26 crackdown - Week 1.pdf");

  untitled = chronicle_exporter_new (no_title, NULL);
  plain = chronicle_exporter_dup_file_name (untitled, CHRONICLE_EXPORT_FORMAT_PNG);
  g_assert_cmpstr (plain, ==, "timeline.png");
}

/* PDF ---------------------------------------------------------------------- */

static void
test_pdf_titles (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ChronicleViewState) week = view_state (fixture->timeline, "week-of-25-august");
  g_autoptr(ChronicleExporter) all = chronicle_exporter_new (fixture->timeline, NULL);
  g_autoptr(ChronicleExporter) week_exporter = chronicle_exporter_new (fixture->timeline, week);
  g_autofree char *path = export_to (fixture, NULL, CHRONICLE_EXPORT_FORMAT_PDF, NULL, "all.pdf");
  g_autofree char *week_path = export_to (fixture, week, CHRONICLE_EXPORT_FORMAT_PDF, NULL, "week.pdf");
  g_autofree char *raw = run_tool ((const char *[]) { "pdftotext", path, "-", NULL });
  g_autofree char *week_raw = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *week_text = NULL;
  GPtrArray *events = chronicle_exporter_get_events (all);
  guint n_full;

  if (raw == NULL)
    return;

  text = normalize_space (raw);
  /* The header: the timeline's title, the view and its dates. */
  g_assert_nonnull (strstr (text, chronicle_timeline_get_title (fixture->timeline)));
  g_assert_nonnull (strstr (text, "All Events"));
  g_assert_nonnull (strstr (text, "15 events"));
  /* The legend and the lane labels. */
  g_assert_nonnull (strstr (text, "Order signing"));
  g_assert_nonnull (strstr (text, "Planned"));

  /* The whole view fits one A4 page; the few titles that meet the right
   * edge are cut short. */
  n_full = assert_titles (text, events);
  g_assert_cmpuint (n_full, >=, events->len - 3);

  info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
  g_assert_nonnull (strstr (info, "Pages:           1\n"));
  g_assert_nonnull (strstr (info, "841.89 x 595.28 pts (A4)"));
  g_assert_nonnull (strstr (info, chronicle_timeline_get_title (fixture->timeline)));

  /* A week has room for the titles of the events that start in it (the
   * marker of an event of August 2025 is on the 1st, out of the week). */
  week_raw = run_tool ((const char *[]) { "pdftotext", week_path, "-", NULL });
  week_text = normalize_space (week_raw);
  g_assert_nonnull (strstr (week_text, "The week of 25 August 2025"));
  {
    g_autoptr(GPtrArray) in_week = g_ptr_array_new ();
    GPtrArray *week_events = chronicle_exporter_get_events (week_exporter);
    gint64 from = chronicle_time_get_instant (chronicle_view_state_get_window_from (week));

    for (guint i = 0; i < week_events->len; i++)
      {
        if (chronicle_event_get_start_instant (g_ptr_array_index (week_events, i)) >= from)
          g_ptr_array_add (in_week, g_ptr_array_index (week_events, i));
      }
    g_assert_cmpuint (in_week->len, >=, 8);
    g_assert_cmpuint (assert_titles (week_text, in_week), >=, in_week->len - 1);
  }
}

static void
test_pdf_letter (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  ChronicleExportOptions options;

  chronicle_export_options_init (&options);
  g_assert_true (chronicle_export_page_from_string ("Letter", &options.page));
  g_assert_false (chronicle_export_page_from_string ("A3", &options.page));
  path = export_to (fixture, NULL, CHRONICLE_EXPORT_FORMAT_PDF, &options, "letter.pdf");

  info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
  if (info == NULL)
    return;
  g_assert_nonnull (strstr (info, "792 x 612 pts (letter)"));
}

static void
test_pdf_pages (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) timeline = create_long_timeline ();
  g_autofree char *path = g_build_filename (fixture->dir, "long.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleExporter) exporter = chronicle_exporter_new (timeline, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL;
  g_autofree char *all_raw = NULL;
  g_autofree char *all_text = NULL;
  const char *pages_line;
  guint n_pages;
  guint n_full;

  chronicle_exporter_write_file (exporter, CHRONICLE_EXPORT_FORMAT_PDF, file, NULL, &error);
  g_assert_no_error (error);

  info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
  if (info == NULL)
    return;

  pages_line = strstr (info, "Pages:");
  g_assert_nonnull (pages_line);
  n_pages = (guint) g_ascii_strtoull (pages_line + strlen ("Pages:"), NULL, 10);
  g_assert_cmpuint (n_pages, >, 1);
  g_assert_cmpuint (n_pages, ==, chronicle_exporter_get_n_pages (exporter));

  /* Each page carries the header, its page number and an axis with its
   * own years: the time window was split across them. */
  for (guint i = 1; i <= n_pages; i++)
    {
      g_autofree char *first = g_strdup_printf ("%u", i);
      g_autofree char *raw = run_tool ((const char *[]) { "pdftotext", "-f", first, "-l", first,
                                                          path, "-", NULL });
      g_autofree char *text = normalize_space (raw);
      g_autofree char *page = g_strdup_printf ("Page %u of %u", i, n_pages);
      g_autofree char *year = NULL;
      double start, duration;
      gint64 range_start, range_end;
      g_autoptr(GDateTime) middle = NULL;

      g_assert_nonnull (strstr (text, "A long decade"));
      g_assert_nonnull (strstr (text, page));

      chronicle_exporter_get_range (exporter, &range_start, &range_end);
      duration = (double) (range_end - range_start) / n_pages;
      start = range_start + (i - 1) * duration;
      middle = g_date_time_new_from_unix_utc ((gint64) (start + duration / 2));
      year = g_strdup_printf ("%d", g_date_time_get_year (middle));
      g_assert_nonnull (strstr (text, year));
    }

  /* Spread over the pages, the events keep their titles. */
  all_raw = run_tool ((const char *[]) { "pdftotext", path, "-", NULL });
  all_text = normalize_space (all_raw);
  n_full = 0;
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Event number %u ", i);

      if (strstr (all_text, title) != NULL)
        n_full++;
    }
  g_assert_cmpuint (n_full, >=, 200);
}

/* SVG ---------------------------------------------------------------------- */

/* The text of the <text> elements, space separated. */
typedef struct
{
  GString  *text;
  gboolean  in_text;
} SvgText;

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element_name,
                   const char          **attribute_names,
                   const char          **attribute_values,
                   gpointer              user_data,
                   GError              **error)
{
  SvgText *svg = user_data;

  svg->in_text = g_str_equal (element_name, "text");
  if (svg->in_text)
    g_string_append_c (svg->text, ' ');
}

static void
svg_end_element (GMarkupParseContext  *context,
                 const char           *element_name,
                 gpointer              user_data,
                 GError              **error)
{
  ((SvgText *) user_data)->in_text = FALSE;
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 text_len,
          gpointer              user_data,
          GError              **error)
{
  SvgText *svg = user_data;

  if (svg->in_text)
    g_string_append_len (svg->text, text, text_len);
}

static char *
read_svg_text (const char *path)
{
  static const GMarkupParser parser = { svg_start_element, svg_end_element, svg_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *body = NULL;
  SvgText svg = { g_string_new (NULL), FALSE };

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));

  /* GMarkup takes no XML declaration. */
  body = g_strdup (strstr (contents, "<svg "));
  context = g_markup_parse_context_new (&parser, 0, &svg, NULL);
  g_markup_parse_context_parse (context, body, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  return g_string_free (svg.text, FALSE);
}

static void
test_svg (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(ChronicleExporter) exporter = chronicle_exporter_new (fixture->timeline, NULL);
  g_autofree char *path = export_to (fixture, NULL, CHRONICLE_EXPORT_FORMAT_SVG, NULL, "all.svg");
  g_autofree char *lint = run_tool ((const char *[]) { "xmllint", "--noout", path, NULL });
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *normalized = NULL;
  GPtrArray *events = chronicle_exporter_get_events (exporter);
  int width, height;

  /* xmllint printed nothing: well-formed. */
  if (lint != NULL)
    g_assert_cmpstr (lint, ==, "");

  g_file_get_contents (path, &contents, NULL, NULL);
  gsk_render_node_unref (chronicle_exporter_render_image (exporter, &width, &height));
  g_assert_nonnull (strstr (contents, "xmlns=\"http://www.w3.org/2000/svg\""));
  {
    g_autofree char *size = g_strdup_printf ("width=\"%d\" height=\"%d\"", width, height);

    g_assert_nonnull (strstr (contents, size));
  }
  /* Shapes are shapes, not an embedded picture. */
  g_assert_null (strstr (contents, "<image"));
  g_assert_nonnull (strstr (contents, "<linearGradient"));

  text = read_svg_text (path);
  normalized = normalize_space (text);
  g_assert_nonnull (strstr (normalized, chronicle_timeline_get_title (fixture->timeline)));
  g_assert_nonnull (strstr (normalized, "Enforcement action"));
  g_assert_cmpuint (assert_titles (normalized, events), >=, events->len - 3);
}

static void
test_svg_escaping (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleEvent) event = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "markup.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *lint = NULL;
  ChronicleTime start;

  chronicle_timeline_set_title (timeline, "Fish & <chips>");
  chronicle_time_init_from_instant (&start, 1756080000, CHRONICLE_TIME_PRECISION_DAY, NULL);
  event = chronicle_event_new ("a", "<b>Not bold</b> & \"quoted\"", &start);
  chronicle_timeline_add_events (timeline, &event, 1, &error);
  g_assert_no_error (error);

  chronicle_exporter_export_file (timeline, NULL, CHRONICLE_EXPORT_FORMAT_SVG, NULL, file, NULL,
                                  &error);
  g_assert_no_error (error);

  lint = run_tool ((const char *[]) { "xmllint", "--noout", path, NULL });
  if (lint != NULL)
    g_assert_cmpstr (lint, ==, "");

  /* Shown literally, never as markup. */
  text = read_svg_text (path);
  g_assert_nonnull (strstr (text, "Fish & <chips>"));
  g_assert_nonnull (strstr (text, "<b>Not bold</b> & \"quoted\""));
}

/* PNG ---------------------------------------------------------------------- */

/* Every event drawn on its own has its kind's colour where it is. */
static void
assert_kind_colors (ChronicleExporter *exporter,
                    cairo_surface_t   *surface,
                    double             scale)
{
  ChronicleTimelinePainter *painter = chronicle_exporter_get_painter (exporter);
  ChronicleLaneLayout *layout = chronicle_exporter_get_lane_layout (exporter);
  const ChronicleTimelineHit *hits;
  graphene_rect_t chart;
  guint n_hits;
  guint n_checked = 0;

  chronicle_exporter_get_chart_bounds (exporter, &chart);
  hits = chronicle_timeline_painter_get_hits (painter, &n_hits);

  for (guint i = 0; i < n_hits; i++)
    {
      const ChronicleLaneEntry *entry;
      graphene_rect_t bounds;
      GdkRGBA color;
      guint index;
      double x, y;

      if (hits[i].type != CHRONICLE_TIMELINE_HIT_EVENT)
        continue;

      index = chronicle_lane_layout_find_entry (layout, hits[i].lane, hits[i].position);
      g_assert_cmpuint (index, !=, G_MAXUINT);
      entry = &chronicle_lane_layout_get_entries (layout, hits[i].lane, NULL)[index];

      /* Plans are tinted and cancelled events faded: not the plain colour. */
      if (entry->status == CHRONICLE_EVENT_STATUS_PLANNED ||
          entry->status == CHRONICLE_EVENT_STATUS_CANCELLED)
        continue;

      g_assert_true (chronicle_timeline_painter_get_entry_bounds (painter, hits[i].lane, index, &bounds));
      chronicle_timeline_painter_get_kind_color (painter, entry->kind, &color);

      if (entry->flags & CHRONICLE_LANE_ENTRY_POINT)
        {
          /* The middle of the diamond (or circle). */
          x = bounds.origin.x + bounds.size.width / 2;
          y = bounds.origin.y + bounds.size.height / 2;
        }
      else
        {
          /* Along the bar's top edge, above any title inside it, where it
           * is visible. */
          double x1 = MAX (bounds.origin.x, 0);
          double x2 = MIN (bounds.origin.x + bounds.size.width, chart.size.width);

          if (x2 - x1 < 4)
            continue;
          x = (x1 + x2) / 2;
          y = bounds.origin.y + 1.5;
        }

      if (x < 2 || x > chart.size.width - 2)
        continue;

      assert_pixel_color (surface, (chart.origin.x + x) * scale, (chart.origin.y + y) * scale,
                          &color, chronicle_event_get_title (chronicle_lane_layout_get_event (layout,
                                                                                              entry->position)));
      n_checked++;
    }

  g_assert_cmpuint (n_checked, >=, 10);
}

static void
test_png (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(ChronicleExporter) exporter = chronicle_exporter_new (fixture->timeline, NULL);
  ChronicleExportOptions options;
  cairo_surface_t *surface;
  g_autofree char *path1 = g_build_filename (fixture->dir, "one.png", NULL);
  g_autofree char *path2 = g_build_filename (fixture->dir, "two.png", NULL);
  g_autoptr(GFile) file1 = g_file_new_for_path (path1);
  g_autoptr(GFile) file2 = g_file_new_for_path (path2);
  g_autoptr(GError) error = NULL;
  int height;

  /* 1×, 1200 pixels wide */
  chronicle_export_options_init (&options);
  options.width = 1200;
  chronicle_exporter_set_options (exporter, &options);
  chronicle_exporter_write_file (exporter, CHRONICLE_EXPORT_FORMAT_PNG, file1, NULL, &error);
  g_assert_no_error (error);

  surface = load_png (path1);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  height = cairo_image_surface_get_height (surface);
  /* The height follows from the lanes: header, seven lanes, legend. */
  g_assert_cmpint (height, >, 7 * (CHRONICLE_TIMELINE_LANE_HEADER + CHRONICLE_TIMELINE_ROW_HEIGHT));
  g_assert_cmpint (height, <, 1200);
  assert_kind_colors (exporter, surface, 1);
  cairo_surface_destroy (surface);

  /* 2×: twice as many pixels each way, the same drawing. */
  options.scale = 2;
  chronicle_exporter_set_options (exporter, &options);
  chronicle_exporter_write_file (exporter, CHRONICLE_EXPORT_FORMAT_PNG, file2, NULL, &error);
  g_assert_no_error (error);

  surface = load_png (path2);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 2400);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 2 * height);
  assert_kind_colors (exporter, surface, 2);
  cairo_surface_destroy (surface);
}

static void
test_png_too_large (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleExporter) exporter = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "huge.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronicleExportOptions options;

  /* A thousand actors, a lane each: far taller than a PNG may be. */
  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *actor = g_strdup_printf ("Person %u", i);
      const char *actors[] = { actor, NULL };
      ChronicleTime start;
      ChronicleEvent *event;

      chronicle_time_init_from_instant (&start, 1756080000 + i * 3600, CHRONICLE_TIME_PRECISION_MINUTE,
                                        NULL);
      event = chronicle_event_new (id, "Something happened", &start);
      chronicle_event_set_actors (event, actors);
      g_ptr_array_add (events, event);
    }
  chronicle_timeline_add_events (timeline, (ChronicleEvent **) events->pdata, events->len, &error);
  g_assert_no_error (error);
  chronicle_view_state_set_group_by (state, CHRONICLE_GROUP_BY_ACTOR);

  exporter = chronicle_exporter_new (timeline, state);
  chronicle_export_options_init (&options);
  options.scale = 3;  /* clamped to 2 */
  options.width = 100000;  /* clamped */
  chronicle_exporter_set_options (exporter, &options);
  g_assert_cmpint (chronicle_exporter_get_options (exporter)->scale, ==, 2);
  g_assert_cmpint (chronicle_exporter_get_options (exporter)->width, ==, CHRONICLE_EXPORT_MAX_WIDTH);

  g_assert_false (chronicle_exporter_write_file (exporter, CHRONICLE_EXPORT_FORMAT_PNG, file, NULL,
                                                 &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "huge.png"));
  g_assert_nonnull (strstr (error->message, "SVG or PDF"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_light_dark (Fixture       *fixture,
                 gconstpointer  data)
{
  ChronicleExportOptions options;
  g_autofree char *light_path = NULL;
  g_autofree char *dark_path = NULL;
  cairo_surface_t *light, *dark;
  guint lr, lg, lb, la, dr, dg, db, da;

  chronicle_export_options_init (&options);
  options.width = 800;
  light_path = export_to (fixture, NULL, CHRONICLE_EXPORT_FORMAT_PNG, &options, "light.png");
  options.dark = TRUE;
  dark_path = export_to (fixture, NULL, CHRONICLE_EXPORT_FORMAT_PNG, &options, "dark.png");

  light = load_png (light_path);
  dark = load_png (dark_path);
  g_assert_cmpint (cairo_image_surface_get_height (light), ==, cairo_image_surface_get_height (dark));

  /* The corner is the page: white, and libadwaita's dark view colour. */
  get_pixel (light, 4, 4, &lr, &lg, &lb, &la);
  get_pixel (dark, 4, 4, &dr, &dg, &db, &da);
  g_assert_cmpuint (la, ==, 255);
  g_assert_cmpuint (da, ==, 255);
  g_assert_cmpuint (lr + lg + lb, ==, 3 * 255);
  g_assert_cmpuint (dr, ==, 0x1e);
  g_assert_cmpuint (dg, ==, 0x1e);
  g_assert_cmpuint (db, ==, 0x1e);

  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

static void
test_empty_view (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleExporter) exporter = NULL;
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  cairo_surface_t *surface;

  chronicle_view_state_set_text (state, "nothing matches this");
  exporter = chronicle_exporter_new (fixture->timeline, state);
  g_assert_cmpuint (chronicle_exporter_get_events (exporter)->len, ==, 0);

  path = export_to (fixture, state, CHRONICLE_EXPORT_FORMAT_PNG, NULL, "empty.png");
  surface = load_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, CHRONICLE_EXPORT_DEFAULT_WIDTH);
  cairo_surface_destroy (surface);

  g_free (path);
  path = export_to (fixture, state, CHRONICLE_EXPORT_FORMAT_PDF, NULL, "empty.pdf");
  raw = run_tool ((const char *[]) { "pdftotext", path, "-", NULL });
  if (raw != NULL)
    g_assert_nonnull (strstr (raw, "No events in this view"));
}

static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ChronicleExporter) exporter = chronicle_exporter_new (fixture->timeline, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;

  texture = chronicle_exporter_render_preview (exporter, 400, &width, &height, &error);
  g_assert_no_error (error);
  g_assert_cmpint (width, ==, CHRONICLE_EXPORT_DEFAULT_WIDTH);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 400);
  g_assert_cmpint (ABS (gdk_texture_get_height (texture) - height * 400 / width), <=, 1);
}

/* Data --------------------------------------------------------------------- */

static void
test_data_formats (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ChronicleViewState) state = view_state (fixture->timeline, "mayor-statements");
  g_autoptr(ChronicleExporter) exporter = chronicle_exporter_new (fixture->timeline, state);
  GPtrArray *events = chronicle_exporter_get_events (exporter);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) markdown = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *json_path = NULL;
  g_autoptr(ChronicleTimeline) loaded = NULL;

  /* Markdown of exactly the view's events, titled by the view. */
  markdown = chronicle_exporter_to_bytes (exporter, CHRONICLE_EXPORT_FORMAT_MARKDOWN, NULL, &error);
  g_assert_no_error (error);
  expected = chronicle_data_export_to_bytes (fixture->timeline, events, "The mayor’s statements",
                                             CHRONICLE_EXPORT_FORMAT_MARKDOWN, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (markdown, expected));

  /* JSON loads back to the same events. */
  json_path = export_to (fixture, state, CHRONICLE_EXPORT_FORMAT_JSON, NULL, "mayor.json");
  loaded = load_timeline (json_path);
  g_assert_cmpuint (chronicle_timeline_get_n_events (loaded), ==, events->len);
  for (guint i = 0; i < events->len; i++)
    g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (loaded, i)), ==,
                     chronicle_event_get_id (g_ptr_array_index (events, i)));
}

/* Atomic writes -------------------------------------------------------------- */

static void
assert_no_temporary_files (const char *dir,
                           const char *keep)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_cmpstr (name, ==, keep);
}

/* A write that fails leaves the old file as it was, and no litter. */
static void
test_failed_write (void)
{
  g_autofree char *source = NULL;
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  struct rlimit limit = { 4096, 4096 };

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      /* The message names the file. */
      g_test_trap_assert_stderr ("*Could not write*report.pdf*File too large*");
      return;
    }

  source = g_test_build_filename (G_TEST_DIST, "..", "data", "timelines", "chicago-2025.json", NULL);
  timeline = load_timeline (source);
  dir = g_dir_make_tmp ("chronicle-full-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "report.pdf", NULL);
  file = g_file_new_for_path (path);
  g_file_set_contents (path, "the old report", -1, &error);
  g_assert_no_error (error);

  /* As on a full disk: writes past 4 KiB fail (EFBIG, not a signal). */
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

  g_assert_false (chronicle_exporter_export_file (timeline, NULL, CHRONICLE_EXPORT_FORMAT_PDF, NULL,
                                                  file, NULL, &error));
  g_assert_nonnull (error);
  g_printerr ("%s\n", error->message);

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "the old report");
  assert_no_temporary_files (dir, "report.pdf");

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_unwritable_directory (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (sub, "view.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write to any directory");
      return;
    }

  g_mkdir (sub, 0755);
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  g_chmod (sub, 0555);

  g_assert_false (chronicle_exporter_export_file (fixture->timeline, NULL, CHRONICLE_EXPORT_FORMAT_PNG,
                                                  NULL, file, NULL, &error));
  g_assert_nonnull (strstr (error->message, "view.png"));
  g_chmod (sub, 0755);

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_cmpstr (contents, ==, "old");
}

/* Async ---------------------------------------------------------------------- */

typedef struct
{
  GArray       *fractions;
  GAsyncResult *result;
  gboolean      notified;
} AsyncData;

static void
on_progress (double   fraction,
             gpointer user_data)
{
  AsyncData *data = user_data;

  /* On the caller's thread, in order. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (data->fractions, fraction);
}

static void
on_progress_notify (gpointer user_data)
{
  ((AsyncData *) user_data)->notified = TRUE;
}

static void
on_written (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncData *data = user_data;

  data->result = g_object_ref (result);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) timeline = create_long_timeline ();
  g_autoptr(ChronicleExporter) exporter = chronicle_exporter_new (timeline, NULL);
  g_autofree char *path = g_build_filename (fixture->dir, "async.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AsyncData async = { g_array_new (FALSE, FALSE, sizeof (double)), NULL, FALSE };

  chronicle_exporter_write_file_async (exporter, CHRONICLE_EXPORT_FORMAT_PDF, file, NULL,
                                       on_progress, &async, on_progress_notify, on_written, &async);
  while (async.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (chronicle_exporter_write_file_finish (exporter, async.result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&async.result);

  /* Page by page, then written: rising, and done at 1; then the progress
   * data is let go. */
  while (!async.notified)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (async.fractions->len, >, 2);
  for (guint i = 1; i < async.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (async.fractions, double, i), >,
                       g_array_index (async.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (async.fractions, double, async.fractions->len - 1), ==, 1.0);

  g_array_unref (async.fractions);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  /* Export needs no display: prove it. */
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/exporter/view/events", Fixture, NULL, fixture_set_up, test_view_events, fixture_tear_down);
  g_test_add ("/exporter/view/range", Fixture, NULL, fixture_set_up, test_range, fixture_tear_down);
  g_test_add ("/exporter/file-name", Fixture, NULL, fixture_set_up, test_file_name, fixture_tear_down);
  g_test_add ("/exporter/pdf/titles", Fixture, NULL, fixture_set_up, test_pdf_titles, fixture_tear_down);
  g_test_add ("/exporter/pdf/letter", Fixture, NULL, fixture_set_up, test_pdf_letter, fixture_tear_down);
  g_test_add ("/exporter/pdf/pages", Fixture, NULL, fixture_set_up, test_pdf_pages, fixture_tear_down);
  g_test_add ("/exporter/svg/text", Fixture, NULL, fixture_set_up, test_svg, fixture_tear_down);
  g_test_add ("/exporter/svg/escaping", Fixture, NULL, fixture_set_up, test_svg_escaping, fixture_tear_down);
  g_test_add ("/exporter/png/size-and-colors", Fixture, NULL, fixture_set_up, test_png, fixture_tear_down);
  g_test_add ("/exporter/png/too-large", Fixture, NULL, fixture_set_up, test_png_too_large, fixture_tear_down);
  g_test_add ("/exporter/png/light-dark", Fixture, NULL, fixture_set_up, test_light_dark, fixture_tear_down);
  g_test_add ("/exporter/png/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);
  g_test_add ("/exporter/empty-view", Fixture, NULL, fixture_set_up, test_empty_view, fixture_tear_down);
  g_test_add ("/exporter/data/view", Fixture, NULL, fixture_set_up, test_data_formats, fixture_tear_down);
  g_test_add_func ("/exporter/atomic/no-space", test_failed_write);
  g_test_add ("/exporter/atomic/unwritable-directory", Fixture, NULL, fixture_set_up,
              test_unwritable_directory, fixture_tear_down);
  g_test_add ("/exporter/async/progress", Fixture, NULL, fixture_set_up, test_async, fixture_tear_down);

  return g_test_run ();
}
