/* test-timeline-view.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "chronicle-loader.h"
#include "chronicle-timeline-view-private.h"

#define WIDTH 1200
#define HEIGHT 700

typedef struct
{
  ChronicleTimeline  *timeline;
  GtkSingleSelection *selection;
  GtkWidget          *view;
  int                 width;
  int                 height;
} ViewFixture;

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
run_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
allocate (ViewFixture *fixture,
          int          width,
          int          height)
{
  int minimum, natural;

  fixture->width = width;
  fixture->height = height;
  gtk_widget_measure (fixture->view, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL,
                      NULL);
  g_assert_cmpint (minimum, >, 0);
  g_assert_cmpint (natural, >=, minimum);
  gtk_widget_size_allocate (fixture->view, &(GtkAllocation) { 0, 0, width, height }, -1);
}

/* Many long ranges of one kind starting ten minutes apart, so that most
 * share the lane's last row and overlap there, with markers between them;
 * and, in a lane of its own, a lone event. */
#define OVERLAP_RANGES 30
#define OVERLAP_POINTS 20

static ChronicleTimeline *
make_overlap_timeline (void)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline;
  guint i;

  g_string_append (json, "{ \"format\": \"chronicle-timeline\", \"version\": 1, "
                         "\"title\": \"Overlap\", \"timezone\": \"UTC\", \"events\": [");
  for (i = 0; i < OVERLAP_RANGES; i++)
    g_string_append_printf (json,
                            "{ \"id\": \"range%02u\", \"title\": \"Range %02u, a title long enough to need room\", "
                            "\"kind\": \"statement\", \"start\": \"2024-03-01T%02u:%02u\", "
                            "\"end\": \"2024-03-01T%02u:%02u\" },",
                            i, i, 8 + i / 6, i % 6 * 10, 10 + i / 6, i % 6 * 10);
  for (i = 0; i < OVERLAP_POINTS; i++)
    g_string_append_printf (json,
                            "{ \"id\": \"point%02u\", \"title\": \"Point %02u with a title\", "
                            "\"kind\": \"statement\", \"start\": \"2024-03-01T%02u:%02u:30\" },",
                            i, i, 8 + i / 6, i % 6 * 10 + 5);
  g_string_append (json, "{ \"id\": \"lone\", \"title\": \"Lone event\", \"kind\": \"report\", "
                         "\"start\": \"2024-03-01T11:00\" } ] }");

  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  timeline = chronicle_loader_load_bytes (loader, bytes, "overlap.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);

  return timeline;
}

/* On a day that is an era, in one kind: six ranges across the day, which
 * fill a lane's rows, the last ending first; then, all in that row as they
 * end before it, two plans across the hour from 09:00, ranges starting in
 * that hour, two points, a cancelled range, and one drawn over the
 * cancelled one and a point. In another kind, a lane of six ranges across
 * the day. */
static ChronicleTimeline *
make_covered_timeline (void)
{
  static const char * const shared[] = {
    "\"id\": \"plan1\", \"status\": \"planned\", \"start\": \"2024-03-01T08:10\", \"end\": \"2024-03-01T17:00\"",
    "\"id\": \"plan2\", \"status\": \"planned\", \"start\": \"2024-03-01T08:30\", \"end\": \"2024-03-01T17:00\"",
    "\"id\": \"start1\", \"start\": \"2024-03-01T09:20\", \"end\": \"2024-03-01T17:00\"",
    "\"id\": \"point1\", \"start\": \"2024-03-01T09:30\"",
    "\"id\": \"start2\", \"start\": \"2024-03-01T09:40\", \"end\": \"2024-03-01T17:00\"",
    "\"id\": \"off\", \"status\": \"cancelled\", \"start\": \"2024-03-01T09:45\", \"end\": \"2024-03-01T17:00\"",
    "\"id\": \"point2\", \"start\": \"2024-03-01T09:54:45\"",
    "\"id\": \"late\", \"start\": \"2024-03-01T09:55\", \"end\": \"2024-03-01T17:00\"",
  };
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline;

  g_string_append (json, "{ \"format\": \"chronicle-timeline\", \"version\": 1, "
                         "\"title\": \"Covered\", \"timezone\": \"UTC\", "
                         "\"eras\": [ { \"title\": \"That day\", \"start\": \"2024-03-01\", "
                         "\"end\": \"2024-03-01\" } ], \"events\": [");
  for (guint i = 0; i < 6; i++)
    g_string_append_printf (json,
                            "{ \"id\": \"day%u\", \"title\": \"Across the day %u\", "
                            "\"kind\": \"statement\", \"start\": \"2024-03-01T00:0%u\", "
                            "\"end\": \"2024-03-01T%u:00\" },"
                            "{ \"id\": \"order%u\", \"title\": \"Orders all day %u\", "
                            "\"kind\": \"order-signing\", \"start\": \"2024-03-01T00:0%u\", "
                            "\"end\": \"2024-03-01T23:00\" },", i, i, i, 23 - i, i, i, i);
  for (guint i = 0; i < G_N_ELEMENTS (shared); i++)
    g_string_append_printf (json, "{ \"title\": \"Shared %u\", \"kind\": \"statement\", %s }%s", i,
                            shared[i], i + 1 < G_N_ELEMENTS (shared) ? "," : "] }");

  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  timeline = chronicle_loader_load_bytes (loader, bytes, "covered.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);

  return timeline;
}

static void
fixture_set_up (ViewFixture   *fixture,
                gconstpointer  data)
{
  const char *name = data;
  g_autofree char *path = NULL;

  if (g_str_equal (name, "generated:overlap"))
    fixture->timeline = make_overlap_timeline ();
  else if (g_str_equal (name, "generated:covered"))
    fixture->timeline = make_covered_timeline ();
  else if (g_str_has_prefix (name, "bundled:"))
    path = g_build_filename (BUILD_DATADIR, "timelines", name + strlen ("bundled:"), NULL);
  else
    path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  if (path != NULL)
    fixture->timeline = load_timeline (path);
  fixture->selection = g_object_new (GTK_TYPE_SINGLE_SELECTION,
                                     "autoselect", FALSE,
                                     "can-unselect", TRUE,
                                     "model", fixture->timeline,
                                     NULL);
  fixture->view = g_object_ref_sink (chronicle_timeline_view_new ());
  chronicle_timeline_view_set_timeline (CHRONICLE_TIMELINE_VIEW (fixture->view), fixture->timeline);
  chronicle_timeline_view_set_model (CHRONICLE_TIMELINE_VIEW (fixture->view), fixture->selection);

  /* The layout is built in an idle, and then all events are fitted. */
  run_idle ();
  allocate (fixture, WIDTH, HEIGHT);
}

static void
fixture_tear_down (ViewFixture   *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&fixture->view));
  g_assert_finalize_object (g_steal_pointer (&fixture->selection));
  g_assert_finalize_object (g_steal_pointer (&fixture->timeline));
}

static ChronicleTimelineView *
get_view (ViewFixture *fixture)
{
  return CHRONICLE_TIMELINE_VIEW (fixture->view);
}

/* The widget's own snapshot, as GTK would take it, drawn on an image. */
static cairo_surface_t *
render (ViewFixture    *fixture,
        GskRenderNode **node_out)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_surface_t *surface;
  cairo_t *cr;

  GTK_WIDGET_GET_CLASS (fixture->view)->snapshot (fixture->view, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, fixture->width, fixture->height);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (g_getenv ("CHRONICLE_TEST_SAVE_PNG") != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s.png", g_test_get_path ());
      g_autofree char *file = NULL;

      g_strdelimit (name, "/", '-');
      file = g_build_filename (g_get_tmp_dir (), name, NULL);
      cairo_surface_write_to_png (surface, file);
      g_test_message ("saved %s", file);
    }

  if (node_out != NULL)
    *node_out = node;
  else
    gsk_render_node_unref (node);

  return surface;
}

static void
get_pixel (cairo_surface_t *surface,
           double           x,
           double           y,
           GdkRGBA         *color)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel;

  g_assert_cmpfloat (x, >=, 0);
  g_assert_cmpfloat (y, >=, 0);
  g_assert_cmpfloat (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpfloat (y, <, cairo_image_surface_get_height (surface));

  memcpy (&pixel, data + (int) y * stride + (int) x * 4, sizeof pixel);
  /* The background is opaque, so the premultiplied values are the colour. */
  color->alpha = (pixel >> 24) / 255.0;
  color->red = ((pixel >> 16) & 0xff) / 255.0;
  color->green = ((pixel >> 8) & 0xff) / 255.0;
  color->blue = (pixel & 0xff) / 255.0;
}

static gboolean
color_near (const GdkRGBA *a,
            const GdkRGBA *b)
{
  const double tolerance = 3.0 / 255;

  return fabs (a->red - b->red) <= tolerance &&
         fabs (a->green - b->green) <= tolerance &&
         fabs (a->blue - b->blue) <= tolerance;
}

static double
time_to_x (ViewFixture *fixture,
           gint64       time)
{
  ChronicleTimelineView *view = get_view (fixture);

  return (time - chronicle_timeline_view_get_visible_start (view)) * (double) fixture->width /
         chronicle_timeline_view_get_visible_duration (view);
}

/* The first lane showing @position, and the entry there. */
static const ChronicleLaneEntry *
find_entry (ViewFixture *fixture,
            guint        position,
            guint       *lane_out)
{
  ChronicleLaneLayout *layout = _chronicle_timeline_view_get_layout (get_view (fixture));
  guint lane;

  for (lane = 0; lane < chronicle_lane_layout_get_n_lanes (layout); lane++)
    {
      guint index = chronicle_lane_layout_find_entry (layout, lane, position);

      if (index != G_MAXUINT)
        {
          *lane_out = lane;
          return &chronicle_lane_layout_get_entries (layout, lane, NULL)[index];
        }
    }

  g_error ("event %u is in no lane", position);
}

static guint
position_of (ViewFixture *fixture,
             const char  *id)
{
  ChronicleEvent *event = chronicle_timeline_lookup_event (fixture->timeline, id);

  g_assert_nonnull (event);

  return chronicle_timeline_get_position (fixture->timeline, event);
}

/* The centre of the event's marker (or the middle of its bar's height). */
static void
entry_point (ViewFixture              *fixture,
             guint                     lane,
             const ChronicleLaneEntry *entry,
             double                   *x,
             double                   *y)
{
  ChronicleTimelinePainter *painter = _chronicle_timeline_view_get_painter (get_view (fixture));
  ChronicleLaneLayout *layout = _chronicle_timeline_view_get_layout (get_view (fixture));
  const ChronicleLaneEntry *entries = chronicle_lane_layout_get_entries (layout, lane, NULL);
  graphene_rect_t bounds;

  g_assert_true (chronicle_timeline_painter_get_entry_bounds (painter, lane, entry - entries,
                                                              &bounds));
  *y = bounds.origin.y + bounds.size.height / 2;
  if (entry->flags & CHRONICLE_LANE_ENTRY_POINT)
    *x = bounds.origin.x + bounds.size.width / 2;
  else
    *x = bounds.origin.x;
}

static void
test_fit (ViewFixture   *fixture,
          gconstpointer  data)
{
  ChronicleTimelineView *view = get_view (fixture);
  /* 1 February 2024 to the end of 5 November 2024. */
  double first = 1706745600, last = 1730851200;
  double duration = (last - first) / 0.84;

  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_duration (view) - duration), <=, 1);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_start (view) - (first - 0.04 * duration)), <=, 1);
}

/* Each event is drawn in its kind's colour where its date puts it. */
static void
check_kind_colors (ViewFixture *fixture,
                   guint        min_checked)
{
  ChronicleTimelinePainter *painter = _chronicle_timeline_view_get_painter (get_view (fixture));
  cairo_surface_t *surface = render (fixture, NULL);
  guint n_events = g_list_model_get_n_items (G_LIST_MODEL (fixture->timeline));
  const ChronicleTimelineHit *hits;
  guint n_checked = 0;
  guint n_hits;
  guint i;

  hits = chronicle_timeline_painter_get_hits (painter, &n_hits);

  for (i = 0; i < n_events; i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (G_LIST_MODEL (fixture->timeline), i);
      const ChronicleLaneEntry *entry = NULL;
      GdkRGBA expected, pixel, outside;
      gboolean drawn_alone = FALSE;
      double x, y, date_x;
      guint lane = 0;
      guint h;

      entry = find_entry (fixture, i, &lane);

      /* Events inside a cluster are checked by the cluster tests. */
      for (h = 0; h < n_hits; h++)
        drawn_alone |= hits[h].type == CHRONICLE_TIMELINE_HIT_EVENT && hits[h].position == i;
      if (!drawn_alone ||
          entry->status != CHRONICLE_EVENT_STATUS_OCCURRED ||
          (!(entry->flags & CHRONICLE_LANE_ENTRY_POINT) && (entry->flags & CHRONICLE_LANE_ENTRY_APPROXIMATE)))
        continue;

      entry_point (fixture, lane, entry, &x, &y);
      if (x < 1 || x >= fixture->width - 4 || y >= fixture->height - 1)
        continue;

      /* The x that the date demands, from the visible range alone. */
      date_x = time_to_x (fixture, chronicle_event_get_start_instant (event));
      g_assert_cmpfloat (fabs (x - date_x), <=, 1.0);

      chronicle_timeline_painter_get_kind_color (painter, entry->kind, &expected);
      /* Inside the bar, left of where its label starts. */
      get_pixel (surface, (entry->flags & CHRONICLE_LANE_ENTRY_POINT) ? date_x : date_x + 3, y,
                 &pixel);
      if (!color_near (&pixel, &expected))
        g_error ("“%s” at %.1f,%.1f is #%02x%02x%02x, not #%02x%02x%02x",
                 chronicle_event_get_title (event), date_x, y,
                 (int) round (pixel.red * 255), (int) round (pixel.green * 255), (int) round (pixel.blue * 255),
                 (int) round (expected.red * 255), (int) round (expected.green * 255),
                 (int) round (expected.blue * 255));

      /* And not somewhere else on its row. */
      if (date_x >= 40)
        {
          get_pixel (surface, date_x - 30, y, &outside);
          g_assert_false (color_near (&outside, &expected));
        }

      n_checked++;
    }

  g_assert_cmpuint (n_checked, >=, min_checked);
  cairo_surface_destroy (surface);
}

static void
test_render_kind_colors (ViewFixture   *fixture,
                         gconstpointer  data)
{
  /* Order, markup, speech, raid, lawsuit, report and the vague one. */
  check_kind_colors (fixture, 7);
}

static void
test_render_bundled (ViewFixture   *fixture,
                     gconstpointer  data)
{
  ChronicleTimelinePainter *painter = _chronicle_timeline_view_get_painter (get_view (fixture));
  const ChronicleTimelineHit *hits;
  guint n_hits, n_drawn = 0;
  guint i;

  allocate (fixture, WIDTH, 800);
  check_kind_colors (fixture, 8);

  /* Every event is drawn: alone or counted in a cluster. */
  hits = chronicle_timeline_painter_get_hits (painter, &n_hits);
  for (i = 0; i < n_hits; i++)
    n_drawn += hits[i].count;
  g_assert_cmpuint (n_drawn, ==, g_list_model_get_n_items (G_LIST_MODEL (fixture->timeline)));
}

static void
test_zoom_actions (ViewFixture   *fixture,
                   gconstpointer  data)
{
  ChronicleTimelineView *view = get_view (fixture);
  double duration = chronicle_timeline_view_get_visible_duration (view);
  double center = chronicle_timeline_view_get_visible_start (view) + duration / 2;
  gint64 fit_start = chronicle_timeline_view_get_visible_start (view);

  /* Zooming keeps the centre. */
  g_assert_true (gtk_widget_activate_action (fixture->view, "timeline.zoom-in", NULL));
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_duration (view) - duration / 1.5),
                     <=, 1);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_start (view) +
                           chronicle_timeline_view_get_visible_duration (view) / 2.0 - center), <=, 1);

  g_assert_true (gtk_widget_activate_action (fixture->view, "timeline.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (fixture->view, "timeline.zoom-out", NULL));
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_duration (view) - duration * 1.5),
                     <=, 1);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_start (view) +
                           chronicle_timeline_view_get_visible_duration (view) / 2.0 - center), <=, 1);

  /* Ctrl+0 gives back the fitted range. */
  g_assert_true (gtk_widget_activate_action (fixture->view, "timeline.zoom-fit", NULL));
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_duration (view) - duration), <=, 1);
  g_assert_cmpint (ABS (chronicle_timeline_view_get_visible_start (view) - fit_start), <=, 1);

  /* With an event selected in view, zooming keeps it in place. */
  {
    ChronicleEvent *raid = chronicle_timeline_lookup_event (fixture->timeline, "raid");
    double middle = (chronicle_event_get_start_instant (raid) + chronicle_event_get_end_instant (raid)) / 2.0;
    double x = time_to_x (fixture, middle);

    gtk_single_selection_set_selected (fixture->selection, position_of (fixture, "raid"));
    gtk_widget_activate_action (fixture->view, "timeline.zoom-in", NULL);
    gtk_widget_activate_action (fixture->view, "timeline.zoom-in", NULL);
    g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_duration (view) - duration / 2.25),
                       <=, 1);
    g_assert_cmpfloat (fabs (time_to_x (fixture, middle) - x), <=, 0.5);
    gtk_single_selection_set_selected (fixture->selection, GTK_INVALID_LIST_POSITION);
  }

  /* Zoom stops at a second, and at about 100000 years. */
  chronicle_timeline_view_set_visible_range (view, 1718445600, 2);
  gtk_widget_activate_action (fixture->view, "timeline.zoom-in", NULL);
  gtk_widget_activate_action (fixture->view, "timeline.zoom-in", NULL);
  g_assert_cmpint (chronicle_timeline_view_get_visible_duration (view), ==, 1);
  gtk_widget_activate_action (fixture->view, "timeline.zoom-in", NULL);
  g_assert_cmpint (chronicle_timeline_view_get_visible_duration (view), ==, 1);
  chronicle_timeline_view_set_visible_range (view, 0, G_MAXINT64 / 2);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_duration (view) - 100000 * 365.2425 * 86400), <=, 1);
  duration = chronicle_timeline_view_get_visible_duration (view);
  gtk_widget_activate_action (fixture->view, "timeline.zoom-out", NULL);
  g_assert_cmpfloat (chronicle_timeline_view_get_visible_duration (view), ==, duration);
}

static void
test_zoom_scroll (ViewFixture   *fixture,
                  gconstpointer  data)
{
  ChronicleTimelineView *view = get_view (fixture);
  double duration = chronicle_timeline_view_get_visible_duration (view);
  double anchor = chronicle_timeline_view_get_visible_start (view) + duration * 300 / WIDTH;
  double start;

  /* Ctrl+wheel zooms out around the pointer: the time under it stays. */
  _chronicle_timeline_view_scroll (view, 300, 200, 0, 1, GDK_CONTROL_MASK, GDK_SCROLL_UNIT_WHEEL);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_duration (view) - duration * 1.2),
                     <=, 1);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_start (view) +
                           chronicle_timeline_view_get_visible_duration (view) * 300.0 / WIDTH - anchor), <=, 2);

  /* A touchpad zooms in smaller steps, around where the pointer is. */
  duration = chronicle_timeline_view_get_visible_duration (view);
  anchor = chronicle_timeline_view_get_visible_start (view) + duration * 900 / WIDTH;
  _chronicle_timeline_view_scroll (view, 900, 200, 0, -10, GDK_CONTROL_MASK,
                                   GDK_SCROLL_UNIT_SURFACE);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_duration (view) - duration * pow (1.01, -10)), <=, 1);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_start (view) +
                           chronicle_timeline_view_get_visible_duration (view) * 900.0 / WIDTH - anchor), <=, 2);

  /* Shift+wheel pans by 60 pixels a notch, keeping the zoom. */
  duration = chronicle_timeline_view_get_visible_duration (view);
  start = chronicle_timeline_view_get_visible_start (view);
  _chronicle_timeline_view_scroll (view, 300, 200, 0, 2, GDK_SHIFT_MASK, GDK_SCROLL_UNIT_WHEEL);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_start (view) - (start + 120 * duration / WIDTH)), <=, 1);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_duration (view) - duration), <=, 1);

  /* Lanes that fit: plain vertical scrolling pans time too. */
  start = chronicle_timeline_view_get_visible_start (view);
  _chronicle_timeline_view_scroll (view, 300, 200, 0, -1, 0, GDK_SCROLL_UNIT_WHEEL);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_start (view) - (start - 60 * duration / WIDTH)), <=, 1);
  g_assert_cmpfloat (_chronicle_timeline_view_get_scroll_offset (view), ==, 0);

  /* Lanes taller than the view: it scrolls them instead. */
  allocate (fixture, WIDTH, 250);
  start = chronicle_timeline_view_get_visible_start (view);
  _chronicle_timeline_view_scroll (view, 300, 200, 0, 1, 0, GDK_SCROLL_UNIT_WHEEL);
  g_assert_cmpfloat (_chronicle_timeline_view_get_scroll_offset (view), ==, 60);
  g_assert_cmpint (chronicle_timeline_view_get_visible_start (view), ==, (gint64) start);
  /* …but horizontal scrolling still pans. */
  _chronicle_timeline_view_scroll (view, 300, 200, 30, 0, 0, GDK_SCROLL_UNIT_SURFACE);
  g_assert_cmpfloat (fabs (chronicle_timeline_view_get_visible_start (view) - (start + 30 * duration / WIDTH)), <=, 1);
}

static ChronicleEvent *
selected_event (ViewFixture *fixture)
{
  return gtk_single_selection_get_selected_item (fixture->selection);
}

static void
test_select_walk (ViewFixture   *fixture,
                  gconstpointer  data)
{
  guint n_events = g_list_model_get_n_items (G_LIST_MODEL (fixture->timeline));
  gint64 previous_start = G_MININT64;
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;
  guint i;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (fixture->view), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Timeline");
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (fixture->view),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));

  /* Right from nothing: the first event in view, then each next one. */
  g_assert_true (gtk_widget_activate_action (fixture->view, "timeline.select-next", NULL));
  for (i = 0; i < n_events; i++)
    {
      ChronicleEvent *event = selected_event (fixture);

      g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, i);
      g_assert_cmpint (chronicle_event_get_start_instant (event), >=, previous_start);
      previous_start = chronicle_event_get_start_instant (event);
      gtk_widget_activate_action (fixture->view, "timeline.select-next", NULL);
    }
  /* It stays on the last one. */
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, n_events - 1);

  /* Left walks back. */
  for (i = n_events - 1; i > 0; i--)
    {
      gtk_widget_activate_action (fixture->view, "timeline.select-previous", NULL);
      g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, i - 1);
    }

  g_assert_true (gtk_widget_activate_action (fixture->view, "timeline.select-last", NULL));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, n_events - 1);
  g_assert_true (gtk_widget_activate_action (fixture->view, "timeline.select-first", NULL));
  g_assert_cmpuint (gtk_single_selection_get_selected (fixture->selection), ==, 0);

  /* Screen readers hear the selected event. */
  date = chronicle_time_format (chronicle_event_get_start (selected_event (fixture)));
  description = g_strdup_printf ("%s, %s", chronicle_event_get_title (selected_event (fixture)),
                                 date);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fixture->view),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description);

  gtk_single_selection_set_selected (fixture->selection, GTK_INVALID_LIST_POSITION);
  g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (fixture->view),
                                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
}

static void
test_select_lanes (ViewFixture   *fixture,
                   gconstpointer  data)
{
  /* Lanes by kind: order signing, planned deployment, statement,
   * enforcement action, legal action, report, other, rally. */
  gtk_single_selection_set_selected (fixture->selection, position_of (fixture, "speech"));

  g_assert_true (gtk_widget_activate_action (fixture->view, "timeline.select-lane-up", NULL));
  g_assert_cmpstr (chronicle_event_get_id (selected_event (fixture)), ==, "deploy");
  gtk_widget_activate_action (fixture->view, "timeline.select-lane-up", NULL);
  g_assert_cmpstr (chronicle_event_get_id (selected_event (fixture)), ==, "order");
  /* The top lane: nothing above. */
  gtk_widget_activate_action (fixture->view, "timeline.select-lane-up", NULL);
  g_assert_cmpstr (chronicle_event_get_id (selected_event (fixture)), ==, "order");

  gtk_widget_activate_action (fixture->view, "timeline.select-lane-down", NULL);
  gtk_widget_activate_action (fixture->view, "timeline.select-lane-down", NULL);
  g_assert_cmpstr (chronicle_event_get_id (selected_event (fixture)), ==, "speech");
  gtk_widget_activate_action (fixture->view, "timeline.select-lane-down", NULL);
  g_assert_cmpstr (chronicle_event_get_id (selected_event (fixture)), ==, "raid");

  /* Nearest in time: from the report (30 September) down to "Around
   * then" (October), then to the cancelled march (5 November) rather
   * than the one of 1 March. */
  gtk_single_selection_set_selected (fixture->selection, position_of (fixture, "report"));
  gtk_widget_activate_action (fixture->view, "timeline.select-lane-down", NULL);
  g_assert_cmpstr (chronicle_event_get_id (selected_event (fixture)), ==, "vague");
  gtk_widget_activate_action (fixture->view, "timeline.select-lane-down", NULL);
  g_assert_cmpstr (chronicle_event_get_id (selected_event (fixture)), ==, "cancelled");
}

static void
on_event_activated_cb (ChronicleTimelineView  *view,
                       ChronicleEvent         *event,
                       ChronicleEvent        **out)
{
  g_assert_null (*out);
  *out = event;
}

static void
test_activate (ViewFixture   *fixture,
               gconstpointer  data)
{
  ChronicleEvent *activated = NULL;

  g_signal_connect (fixture->view, "event-activated", G_CALLBACK (on_event_activated_cb),
                    &activated);

  /* Nothing selected: nothing to activate. */
  gtk_widget_activate_action (fixture->view, "timeline.activate", NULL);
  g_assert_null (activated);

  gtk_single_selection_set_selected (fixture->selection, position_of (fixture, "lawsuit"));
  g_assert_true (gtk_widget_activate_action (fixture->view, "timeline.activate", NULL));
  g_assert_true (activated == chronicle_timeline_lookup_event (fixture->timeline, "lawsuit"));
}

static void
test_scroll_to_selection (ViewFixture   *fixture,
                          gconstpointer  data)
{
  ChronicleTimelineView *view = get_view (fixture);
  ChronicleEvent *report = chronicle_timeline_lookup_event (fixture->timeline, "report");
  gint64 at = chronicle_event_get_start_instant (report);
  gint64 start;

  /* Ten days in March: the report (30 September) is far out of view. */
  chronicle_timeline_view_set_visible_range (view, 1709251200, 10 * 86400);
  gtk_single_selection_set_selected (fixture->selection, position_of (fixture, "report"));

  start = chronicle_timeline_view_get_visible_start (view);
  g_assert_cmpint (chronicle_timeline_view_get_visible_duration (view), ==, 10 * 86400);
  g_assert_cmpint (start, <, at);
  g_assert_cmpint (start + 10 * 86400, >, chronicle_event_get_end_instant (report));

  /* Already in view: nothing moves. */
  gtk_widget_activate_action (fixture->view, "timeline.select-next", NULL);
  gtk_widget_activate_action (fixture->view, "timeline.select-previous", NULL);
  g_assert_cmpint (chronicle_timeline_view_get_visible_start (view), ==, start);
}

static void
test_hit_test (ViewFixture   *fixture,
               gconstpointer  data)
{
  ChronicleTimelineView *view = get_view (fixture);
  guint n_events = g_list_model_get_n_items (G_LIST_MODEL (fixture->timeline));
  ChronicleTimelineHit hit;
  guint i;

  cairo_surface_destroy (render (fixture, NULL));

  for (i = 0; i < n_events; i++)
    {
      const ChronicleLaneEntry *entry = NULL;
      double x, y;
      guint lane = 0;

      entry = find_entry (fixture, i, &lane);
      entry_point (fixture, lane, entry, &x, &y);
      if (!(entry->flags & CHRONICLE_LANE_ENTRY_POINT))
        x += 2;

      g_assert_true (_chronicle_timeline_view_hit_test (view, x, y, &hit));
      g_assert_cmpint (hit.type, ==, CHRONICLE_TIMELINE_HIT_EVENT);
      g_assert_cmpuint (hit.position, ==, i);
      g_assert_cmpuint (hit.lane, ==, lane);
    }

  /* Nothing under the bottom of the view, or on the axis. */
  g_assert_false (_chronicle_timeline_view_hit_test (view, 600, HEIGHT - 5, &hit));
  g_assert_false (_chronicle_timeline_view_hit_test (view, 600, 10, &hit));
}

static void
test_click (ViewFixture   *fixture,
            gconstpointer  data)
{
  ChronicleTimelineView *view = get_view (fixture);
  ChronicleEvent *lawsuit = chronicle_timeline_lookup_event (fixture->timeline, "lawsuit");
  const ChronicleLaneEntry *entry = NULL;
  double x, y;
  guint lane = 0;

  cairo_surface_destroy (render (fixture, NULL));
  entry = find_entry (fixture, position_of (fixture, "lawsuit"), &lane);
  entry_point (fixture, lane, entry, &x, &y);

  /* A click selects, a click on nothing clears. */
  _chronicle_timeline_view_click (view, 1, x, y);
  g_assert_true (selected_event (fixture) == lawsuit);
  _chronicle_timeline_view_click (view, 1, x, HEIGHT - 5);
  g_assert_null (selected_event (fixture));

  /* A double click zooms to the event: its day and one either side. */
  _chronicle_timeline_view_click (view, 1, x, y);
  _chronicle_timeline_view_click (view, 2, x, y);
  g_assert_true (selected_event (fixture) == lawsuit);
  g_assert_cmpint (chronicle_timeline_view_get_visible_duration (view), ==, 3 * 86400);
  g_assert_cmpint (chronicle_timeline_view_get_visible_start (view), ==,
                   chronicle_event_get_start_instant (lawsuit) - 86400);
}

static void
collect_glyph_counts (GskRenderNode *node,
                      GArray        *counts)
{
  GskRenderNodeType type = gsk_render_node_get_node_type (node);

  if (type == GSK_CONTAINER_NODE)
    {
      guint i;

      for (i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_glyph_counts (gsk_container_node_get_child (node, i), counts);
    }
  else if (type == GSK_TEXT_NODE)
    {
      guint n = gsk_text_node_get_num_glyphs (node);

      g_array_append_val (counts, n);
    }
  else if (type == GSK_CLIP_NODE)
    collect_glyph_counts (gsk_clip_node_get_child (node), counts);
  else if (type == GSK_ROUNDED_CLIP_NODE)
    collect_glyph_counts (gsk_rounded_clip_node_get_child (node), counts);
  else if (type == GSK_TRANSFORM_NODE)
    collect_glyph_counts (gsk_transform_node_get_child (node), counts);
  else if (type == GSK_OPACITY_NODE)
    collect_glyph_counts (gsk_opacity_node_get_child (node), counts);
  else if (type == GSK_DEBUG_NODE)
    collect_glyph_counts (gsk_debug_node_get_child (node), counts);
}

static void
test_markup_literal (ViewFixture   *fixture,
                     gconstpointer  data)
{
  ChronicleTimelineView *view = get_view (fixture);
  ChronicleEvent *event = chronicle_timeline_lookup_event (fixture->timeline, "markup");
  const char *title = chronicle_event_get_title (event);
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *date = chronicle_time_format (chronicle_event_get_start (event));
  g_autofree char *expected = g_strdup_printf ("%s\n%s", title, date);
  g_autofree char *tooltip = NULL;
  const ChronicleLaneEntry *entry = NULL;
  GskRenderNode *node;
  gboolean found = FALSE;
  double x, y;
  guint lane = 0;
  guint i;

  g_assert_cmpstr (title, ==, "<b>Bold</b> & Co");

  cairo_surface_destroy (render (fixture, &node));

  /* Drawn as text: one glyph for each character, tags and all. Markup
   * would have drawn "Bold & Co" (or nothing, as "&" is not valid). */
  collect_glyph_counts (node, counts);
  for (i = 0; i < counts->len; i++)
    found |= g_array_index (counts, guint, i) == (guint) g_utf8_strlen (title, -1);
  g_assert_true (found);
  gsk_render_node_unref (node);

  /* The tooltip is plain text with the title as written. */
  entry = find_entry (fixture, position_of (fixture, "markup"), &lane);
  entry_point (fixture, lane, entry, &x, &y);
  tooltip = _chronicle_timeline_view_get_tooltip_text (view, x, y);
  g_assert_cmpstr (tooltip, ==, expected);
}

static void
test_clusters (ViewFixture   *fixture,
               gconstpointer  data)
{
  ChronicleTimelineView *view = get_view (fixture);
  ChronicleTimelinePainter *painter = _chronicle_timeline_view_get_painter (view);
  const ChronicleTimelineHit *hits;
  ChronicleTimelineHit cluster = { CHRONICLE_TIMELINE_HIT_NONE, };
  g_autofree char *tooltip = NULL;
  g_autofree char *count = NULL;
  guint n_hits, n_clustered = 0, n_single = 0;
  gint64 start, duration;
  guint i;

  /* Sixty events in an hour, in a view of six months: clusters. */
  cairo_surface_destroy (render (fixture, NULL));
  hits = chronicle_timeline_painter_get_hits (painter, &n_hits);
  for (i = 0; i < n_hits; i++)
    {
      if (hits[i].type == CHRONICLE_TIMELINE_HIT_CLUSTER)
        {
          n_clustered += hits[i].count;
          cluster = hits[i];
          g_assert_cmpuint (hits[i].count, >, 1);
        }
    }
  g_assert_cmpuint (n_clustered, ==, 60);
  g_assert_cmpint (cluster.type, ==, CHRONICLE_TIMELINE_HIT_CLUSTER);

  /* Its tooltip says how many there are. */
  count = g_strdup_printf ("%u events", cluster.count);
  tooltip = _chronicle_timeline_view_get_tooltip_text (view,
                                                       cluster.bounds.origin.x + cluster.bounds.size.width / 2,
                                                       cluster.bounds.origin.y + cluster.bounds.size.height / 2);
  g_assert_nonnull (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, count));

  /* Clicking it zooms into it, and the events come apart. */
  _chronicle_timeline_view_click (view, 1,
                                  cluster.bounds.origin.x + cluster.bounds.size.width / 2,
                                  cluster.bounds.origin.y + cluster.bounds.size.height / 2);
  start = chronicle_timeline_view_get_visible_start (view);
  duration = chronicle_timeline_view_get_visible_duration (view);
  g_assert_cmpint (duration, <, 86400);
  g_assert_cmpint (start, <=, cluster.start);
  g_assert_cmpint (start + duration, >=, cluster.end);
  g_assert_null (selected_event (fixture));

  cairo_surface_destroy (render (fixture, NULL));
  hits = chronicle_timeline_painter_get_hits (painter, &n_hits);
  for (i = 0; i < n_hits; i++)
    {
      if (hits[i].type == CHRONICLE_TIMELINE_HIT_EVENT)
        n_single++;
    }
  g_assert_cmpuint (n_single, >=, 6);
}

/* The label and image caches. A painter drawing what the view shows, with
 * its own context, so that changes reach nothing else. */
static ChronicleTimelinePainter *
make_painter (ViewFixture                 *fixture,
              PangoContext                *context,
              const char                  *font_name,
              gboolean                     dark,
              ChronicleTimelinePaintFlags  flags,
              int                          scale)
{
  ChronicleTimelineView *view = get_view (fixture);
  ChronicleTimelinePainter *painter = chronicle_timeline_painter_new ();
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (font_name);
  ChronicleTimelineColors colors;

  chronicle_timeline_colors_init (&colors, dark, FALSE);
  chronicle_timeline_painter_set_timeline (painter, fixture->timeline);
  chronicle_timeline_painter_set_layout (painter, _chronicle_timeline_view_get_layout (view));
  chronicle_timeline_painter_set_colors (painter, &colors);
  chronicle_timeline_painter_set_pango_context (painter, context);
  chronicle_timeline_painter_set_font (painter, font);
  chronicle_timeline_painter_set_size (painter, fixture->width, fixture->height);
  chronicle_timeline_painter_set_visible_range (painter,
                                                chronicle_timeline_view_get_visible_start (view),
                                                chronicle_timeline_view_get_visible_duration (view));
  chronicle_timeline_painter_set_now (painter, 1717200000);
  chronicle_timeline_painter_set_flags (painter, flags);
  chronicle_timeline_painter_set_scale_factor (painter, scale);

  return painter;
}

static PangoContext *
make_context (double resolution)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());

  pango_cairo_context_set_resolution (context, resolution);

  return context;
}

/* The painter's drawing on an image of @scale device pixels a pixel. */
static cairo_surface_t *
render_painter (ChronicleTimelinePainter *painter,
                ViewFixture              *fixture,
                int                       scale)
{
  GskRenderNode *node = chronicle_timeline_painter_render (painter, G_MAXUINT);
  cairo_surface_t *surface;
  cairo_t *cr;

  g_assert_nonnull (node);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, fixture->width * scale,
                                        fixture->height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  gsk_render_node_unref (node);

  return surface;
}

static gboolean
surfaces_equal (cairo_surface_t *a,
                cairo_surface_t *b)
{
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);

  g_assert_cmpint (height, ==, cairo_image_surface_get_height (b));
  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));

  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) height * stride) == 0;
}

/* Nodes of @wanted type under @node, with where they are drawn: their
 * bounds moved by the translations above them (the only transforms the
 * painter uses around images), unless @placed is %NULL. */
static void
collect_placed_nodes (GskRenderNode     *node,
                      GskRenderNodeType  wanted,
                      float              dx,
                      float              dy,
                      GPtrArray         *found,
                      GArray            *placed)
{
  GskRenderNodeType type = gsk_render_node_get_node_type (node);
  graphene_rect_t bounds;

  if (type == wanted)
    {
      gsk_render_node_get_bounds (node, &bounds);
      graphene_rect_offset (&bounds, dx, dy);
      g_ptr_array_add (found, node);
      if (placed != NULL)
        g_array_append_val (placed, bounds);
    }

  switch ((int) type)
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_placed_nodes (gsk_container_node_get_child (node, i), wanted, dx, dy, found,
                              placed);
      break;
    case GSK_CLIP_NODE:
      collect_placed_nodes (gsk_clip_node_get_child (node), wanted, dx, dy, found, placed);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_placed_nodes (gsk_rounded_clip_node_get_child (node), wanted, dx, dy, found, placed);
      break;
    case GSK_TRANSFORM_NODE:
      {
        GskTransform *transform = gsk_transform_node_get_transform (node);
        float tx = 0, ty = 0;

        if (gsk_transform_get_category (transform) >= GSK_TRANSFORM_CATEGORY_2D_TRANSLATE)
          gsk_transform_to_translate (transform, &tx, &ty);
        else
          g_assert_true (placed == NULL || wanted != GSK_CAIRO_NODE);
        collect_placed_nodes (gsk_transform_node_get_child (node), wanted, dx + tx, dy + ty, found,
                              placed);
      }
      break;
    case GSK_OPACITY_NODE:
      collect_placed_nodes (gsk_opacity_node_get_child (node), wanted, dx, dy, found, placed);
      break;
    case GSK_REPEAT_NODE:
      collect_placed_nodes (gsk_repeat_node_get_child (node), wanted, dx, dy, found, placed);
      break;
    case GSK_DEBUG_NODE:
      collect_placed_nodes (gsk_debug_node_get_child (node), wanted, dx, dy, found, placed);
      break;
    default:
      break;
    }
}


/* Nodes of @wanted type under @node. */
static void
collect_nodes (GskRenderNode     *node,
               GskRenderNodeType  wanted,
               GPtrArray         *found)
{
  collect_placed_nodes (node, wanted, 0, 0, found, NULL);
}

static guint
count_nodes (ChronicleTimelinePainter *painter,
             GskRenderNodeType         type)
{
  GskRenderNode *node = chronicle_timeline_painter_render (painter, G_MAXUINT);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_nodes (node, type, found);
  gsk_render_node_unref (node);

  return found->len;
}

/* Labels kept from the frame before draw what a new painter draws. */
static void
test_label_cache_same (ViewFixture   *fixture,
                       gconstpointer  data)
{
  g_autoptr(GObject) context_object = G_OBJECT (make_context (96));
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(ChronicleTimelinePainter) painter = NULL;
  g_autoptr(ChronicleTimelinePainter) fresh = NULL;
  cairo_surface_t *first, *second, *other;
  guint flags;

  for (flags = 0; flags <= CHRONICLE_TIMELINE_PAINT_SCREEN; flags += CHRONICLE_TIMELINE_PAINT_SCREEN)
    {
      g_clear_object (&painter);
      g_clear_object (&fresh);
      painter = make_painter (fixture, context, "Cantarell 11", FALSE, flags, 1);
      first = render_painter (painter, fixture, 1);
      second = render_painter (painter, fixture, 1);
      fresh = make_painter (fixture, context, "Cantarell 11", FALSE, flags, 1);
      other = render_painter (fresh, fixture, 1);

      g_assert_cmpuint (count_nodes (painter, GSK_TEXT_NODE), >, 10);
      g_assert_true (surfaces_equal (first, second));
      g_assert_true (surfaces_equal (second, other));

      cairo_surface_destroy (first);
      cairo_surface_destroy (second);
      cairo_surface_destroy (other);
    }
}

/* After a change of font, style or the context's resolution, a painter
 * that drew before draws as one made with the new setting. */
static void
check_after_change (ViewFixture              *fixture,
                    ChronicleTimelinePainter *painter,
                    cairo_surface_t          *before,
                    ChronicleTimelinePainter *fresh)
{
  cairo_surface_t *after = render_painter (painter, fixture, 1);
  cairo_surface_t *expected = render_painter (fresh, fixture, 1);

  g_assert_false (surfaces_equal (before, after));
  g_assert_true (surfaces_equal (after, expected));

  cairo_surface_destroy (after);
  cairo_surface_destroy (expected);
}

static void
test_label_cache_font (ViewFixture   *fixture,
                       gconstpointer  data)
{
  g_autoptr(GObject) context_object = G_OBJECT (make_context (96));
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(ChronicleTimelinePainter) painter = NULL;
  g_autoptr(ChronicleTimelinePainter) fresh = NULL;
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell 15");
  cairo_surface_t *before;

  painter = make_painter (fixture, context, "Cantarell 11", FALSE, CHRONICLE_TIMELINE_PAINT_SCREEN, 1);
  before = render_painter (painter, fixture, 1);
  chronicle_timeline_painter_set_font (painter, font);
  fresh = make_painter (fixture, context, "Cantarell 15", FALSE, CHRONICLE_TIMELINE_PAINT_SCREEN, 1);
  check_after_change (fixture, painter, before, fresh);
  cairo_surface_destroy (before);
}

static void
test_label_cache_context (ViewFixture   *fixture,
                          gconstpointer  data)
{
  g_autoptr(GObject) context_object = G_OBJECT (make_context (96));
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(GObject) fresh_object = G_OBJECT (make_context (144));
  PangoContext *fresh_context = PANGO_CONTEXT (fresh_object);
  g_autoptr(ChronicleTimelinePainter) painter = NULL;
  g_autoptr(ChronicleTimelinePainter) fresh = NULL;
  cairo_surface_t *before;

  painter = make_painter (fixture, context, "Cantarell 11", FALSE, CHRONICLE_TIMELINE_PAINT_SCREEN, 1);
  before = render_painter (painter, fixture, 1);
  /* As GTK does to a widget's context when the text scale changes. */
  pango_cairo_context_set_resolution (context, 144);
  fresh = make_painter (fixture, fresh_context, "Cantarell 11", FALSE,
                        CHRONICLE_TIMELINE_PAINT_SCREEN, 1);
  check_after_change (fixture, painter, before, fresh);
  cairo_surface_destroy (before);
}

static void
test_label_cache_style (ViewFixture   *fixture,
                        gconstpointer  data)
{
  g_autoptr(GObject) context_object = G_OBJECT (make_context (96));
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(ChronicleTimelinePainter) painter = NULL;
  g_autoptr(ChronicleTimelinePainter) fresh = NULL;
  ChronicleTimelineColors dark;
  cairo_surface_t *before;

  painter = make_painter (fixture, context, "Cantarell 11", FALSE, CHRONICLE_TIMELINE_PAINT_SCREEN, 1);
  before = render_painter (painter, fixture, 1);
  chronicle_timeline_colors_init (&dark, TRUE, FALSE);
  chronicle_timeline_painter_set_colors (painter, &dark);
  fresh = make_painter (fixture, context, "Cantarell 11", TRUE, CHRONICLE_TIMELINE_PAINT_SCREEN, 1);
  check_after_change (fixture, painter, before, fresh);
  cairo_surface_destroy (before);
}

static gboolean
is_point_hit (ViewFixture                *fixture,
              const ChronicleTimelineHit *hit)
{
  guint lane;

  return hit->type == CHRONICLE_TIMELINE_HIT_EVENT &&
         (find_entry (fixture, hit->position, &lane)->flags & CHRONICLE_LANE_ENTRY_POINT) != 0;
}

/* For the screen, markers are images at the scale factor, each drawn by
 * a cairo node (GTK 4.8's cairo renderer copies a texture on every draw),
 * made once for an image and moved where it goes; exports (no SCREEN flag)
 * stay shapes and text. */
static void
test_screen_images (ViewFixture   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GObject) context_object = G_OBJECT (make_context (96));
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(ChronicleTimelinePainter) painter = NULL;
  g_autoptr(ChronicleTimelinePainter) vector = NULL;
  g_autoptr(ChronicleTimelinePainter) fresh = NULL;
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  g_autoptr(GPtrArray) again = g_ptr_array_new ();
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  g_autoptr(GArray) placed_again = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  GskRenderNode *node, *next;
  cairo_surface_t *after, *expected;
  const ChronicleTimelineHit *hits;
  guint n_hits, n_markers = 0, n_bars = 0, n_shared = 0;
  int scale;

  vector = make_painter (fixture, context, "Cantarell 11", FALSE, CHRONICLE_TIMELINE_PAINT_NONE, 1);
  g_assert_cmpuint (count_nodes (vector, GSK_TEXTURE_NODE), ==, 0);
  g_assert_cmpuint (count_nodes (vector, GSK_CAIRO_NODE), ==, 0);
  g_assert_cmpuint (count_nodes (vector, GSK_REPEAT_NODE), ==, 0);
  g_assert_cmpuint (count_nodes (vector, GSK_TEXT_NODE), >, 10);

  painter = make_painter (fixture, context, "Cantarell 11", FALSE,
                         CHRONICLE_TIMELINE_PAINT_SCREEN | CHRONICLE_TIMELINE_PAINT_CAIRO_RENDERER, 1);
  g_assert_cmpuint (count_nodes (painter, GSK_TEXT_NODE), ==, count_nodes (vector, GSK_TEXT_NODE));
  g_assert_cmpuint (count_nodes (painter, GSK_TEXTURE_NODE), ==, 0);

  /* One node for each marker or badge, its band and whisker in it, and at
   * most two for a bar (its rounded ends): no more. */
  hits = chronicle_timeline_painter_get_hits (painter, &n_hits);
  for (guint i = 0; i < n_hits; i++)
    {
      if (hits[i].type == CHRONICLE_TIMELINE_HIT_CLUSTER || is_point_hit (fixture, &hits[i]))
        n_markers++;
      else
        n_bars++;
    }
  g_assert_cmpuint (n_markers, >, 5);
  g_assert_cmpuint (n_bars, >, 5);
  g_assert_cmpuint (count_nodes (painter, GSK_CAIRO_NODE), >=, n_markers);
  g_assert_cmpuint (count_nodes (painter, GSK_CAIRO_NODE), <=, n_markers + 2 * n_bars);

  for (scale = 1; scale <= 2; scale++)
    {
      chronicle_timeline_painter_set_scale_factor (painter, scale);
      node = chronicle_timeline_painter_render (painter, G_MAXUINT);
      g_ptr_array_set_size (images, 0);
      g_array_set_size (placed, 0);
      collect_placed_nodes (node, GSK_CAIRO_NODE, 0, 0, images, placed);
      g_assert_cmpuint (images->len, >, 5);

      for (guint i = 0; i < images->len; i++)
        {
          const graphene_rect_t *bounds = &g_array_index (placed, graphene_rect_t, i);

          /* Whole pixels in size, on whole device pixels. */
          g_assert_cmpfloat (bounds->size.width, ==, round (bounds->size.width));
          g_assert_cmpfloat (bounds->size.height, ==, round (bounds->size.height));
          g_assert_cmpfloat (bounds->origin.x * scale, ==, round (bounds->origin.x * scale));
          g_assert_cmpfloat (bounds->origin.y * scale, ==, round (bounds->origin.y * scale));
        }

      /* The next frame draws the same nodes in the same places, and an
       * image drawn twice in a frame is one node. */
      next = chronicle_timeline_painter_render (painter, G_MAXUINT);
      g_ptr_array_set_size (again, 0);
      g_array_set_size (placed_again, 0);
      collect_placed_nodes (next, GSK_CAIRO_NODE, 0, 0, again, placed_again);
      g_assert_cmpuint (again->len, ==, images->len);
      for (guint i = 0; i < images->len; i++)
        {
          g_assert_true (g_ptr_array_index (again, i) == g_ptr_array_index (images, i));
          g_assert_true (graphene_rect_equal (&g_array_index (placed_again, graphene_rect_t, i),
                                              &g_array_index (placed, graphene_rect_t, i)));
        }
      for (guint i = 1; i < images->len; i++)
        for (guint j = 0; j < i; j++)
          if (graphene_size_equal (&g_array_index (placed, graphene_rect_t, i).size,
                                   &g_array_index (placed, graphene_rect_t, j).size) &&
              g_ptr_array_index (images, i) == g_ptr_array_index (images, j))
            n_shared++;
      g_assert_cmpuint (n_shared, >, 0);
      gsk_render_node_unref (next);
      gsk_render_node_unref (node);
    }

  /* Images made at scale 1 are gone: as a painter made for scale 2. */
  after = render_painter (painter, fixture, 2);
  fresh = make_painter (fixture, context, "Cantarell 11", FALSE,
                        CHRONICLE_TIMELINE_PAINT_SCREEN | CHRONICLE_TIMELINE_PAINT_CAIRO_RENDERER, 2);
  expected = render_painter (fresh, fixture, 2);
  g_assert_true (surfaces_equal (after, expected));
  cairo_surface_destroy (after);
  cairo_surface_destroy (expected);
}

/* For renderers other than cairo (GL uploads a texture once, a cairo node
 * in every frame), the same images are texture nodes, drawn the same. */
static void
test_screen_images_textures (ViewFixture   *fixture,
                             gconstpointer  data)
{
  g_autoptr(GObject) context_object = G_OBJECT (make_context (96));
  PangoContext *context = PANGO_CONTEXT (context_object);

  for (int scale = 1; scale <= 2; scale++)
    {
      g_autoptr(ChronicleTimelinePainter) cairo_nodes = NULL;
      g_autoptr(ChronicleTimelinePainter) textures = NULL;
      cairo_surface_t *with_cairo_nodes, *with_textures;
      guint n_images;

      cairo_nodes = make_painter (fixture, context, "Cantarell 11", FALSE,
                                  CHRONICLE_TIMELINE_PAINT_SCREEN |
                                  CHRONICLE_TIMELINE_PAINT_CAIRO_RENDERER, scale);
      textures = make_painter (fixture, context, "Cantarell 11", FALSE,
                               CHRONICLE_TIMELINE_PAINT_SCREEN, scale);

      n_images = count_nodes (cairo_nodes, GSK_CAIRO_NODE);
      g_assert_cmpuint (n_images, >, 5);
      g_assert_cmpuint (count_nodes (textures, GSK_CAIRO_NODE), ==, 0);
      g_assert_cmpuint (count_nodes (textures, GSK_TEXTURE_NODE), ==, n_images);

      with_cairo_nodes = render_painter (cairo_nodes, fixture, scale);
      with_textures = render_painter (textures, fixture, scale);
      g_assert_true (surfaces_equal (with_cairo_nodes, with_textures));
      cairo_surface_destroy (with_cairo_nodes);
      cairo_surface_destroy (with_textures);
    }
}

static guint
count_in_node (GskRenderNode  *node,
               GskRenderNodeType type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_nodes (node, type, found);

  return found->len;
}

/* The widget draws for the screen, its images as its window's renderer
 * draws them fastest: textures when it has none yet (as for GL), cairo
 * nodes in a window drawn by the cairo renderer (the tests' GSK_RENDERER). */
static void
test_view_draws_for_screen (ViewFixture   *fixture,
                            gconstpointer  data)
{
  GtkWidget *window;
  GskRenderNode *node;

  cairo_surface_destroy (render (fixture, &node));
  g_assert_cmpuint (count_in_node (node, GSK_TEXTURE_NODE), >, 0);
  g_assert_cmpuint (count_in_node (node, GSK_CAIRO_NODE), ==, 0);
  gsk_render_node_unref (node);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), fixture->width, fixture->height);
  gtk_window_set_child (GTK_WINDOW (window), fixture->view);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (fixture->view) || gtk_widget_get_width (fixture->view) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window))));

  cairo_surface_destroy (render (fixture, &node));
  g_assert_cmpuint (count_in_node (node, GSK_CAIRO_NODE), >, 0);
  g_assert_cmpuint (count_in_node (node, GSK_TEXTURE_NODE), ==, 0);
  gsk_render_node_unref (node);

  gtk_window_set_child (GTK_WINDOW (window), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Where the screen drawing's markers, badges and bars are, it has the
 * export's colours (markers move by at most half a pixel: their middle is
 * compared), at scale 1 and 2, and in dark style; and what can be hit is
 * the same. */
static void
test_screen_matches_export (ViewFixture   *fixture,
                            gconstpointer  data)
{
  g_autoptr(GObject) context_object = G_OBJECT (make_context (96));
  PangoContext *context = PANGO_CONTEXT (context_object);
  guint compared = 0;

  for (int dark = 0; dark <= 1; dark++)
    for (int scale = 1; scale <= 2; scale++)
      {
        g_autoptr(ChronicleTimelinePainter) screen = NULL;
        g_autoptr(ChronicleTimelinePainter) vector = NULL;
        const ChronicleTimelineHit *hits, *vector_hits;
        guint n_hits, n_vector_hits;
        cairo_surface_t *on_screen, *exported;

        screen = make_painter (fixture, context, "Cantarell 11", dark,
                               CHRONICLE_TIMELINE_PAINT_SCREEN, scale);
        vector = make_painter (fixture, context, "Cantarell 11", dark,
                               CHRONICLE_TIMELINE_PAINT_NONE, scale);
        on_screen = render_painter (screen, fixture, scale);
        exported = render_painter (vector, fixture, scale);

        hits = chronicle_timeline_painter_get_hits (screen, &n_hits);
        vector_hits = chronicle_timeline_painter_get_hits (vector, &n_vector_hits);
        g_assert_cmpuint (n_hits, ==, n_vector_hits);
        g_assert_cmpmem (hits, n_hits * sizeof *hits, vector_hits, n_vector_hits * sizeof *hits);

        for (guint i = 0; i < n_hits; i++)
          {
            double x = chronicle_timeline_painter_time_to_x (screen, hits[i].start);
            double y = hits[i].bounds.origin.y + hits[i].bounds.size.height / 2;
            GdkRGBA a, b;

            if (hits[i].type == CHRONICLE_TIMELINE_HIT_CLUSTER)
              x = hits[i].bounds.origin.x + 4;
            else if (!is_point_hit (fixture, &hits[i]))
              x += 3;
            if (x < 1 || x >= fixture->width - 1 || y < 1 || y >= fixture->height - 1)
              continue;

            /* One device pixel, the same point in both. */
            get_pixel (on_screen, floor (x * scale), floor (y * scale), &a);
            get_pixel (exported, floor (x * scale), floor (y * scale), &b);
            if (!color_near (&a, &b))
              g_error ("hit %u at %g,%g (scale %d, dark %d): screen %g,%g,%g, export %g,%g,%g", i,
                       x, y, scale, dark, a.red, a.green, a.blue, b.red, b.green, b.blue);
            compared++;
          }

        cairo_surface_destroy (on_screen);
        cairo_surface_destroy (exported);
      }

  g_assert_cmpuint (compared, >, 20);
}

/* Painters of @fixture's view for the screen (under the cairo renderer)
 * and for export, at @scale, showing from @start for @duration seconds (or
 * where the view shows when @duration is 0). */
static void
make_screen_and_export (ViewFixture               *fixture,
                        PangoContext              *context,
                        double                     start,
                        double                     duration,
                        int                        scale,
                        ChronicleTimelinePainter **screen,
                        ChronicleTimelinePainter **exported)
{
  *screen = make_painter (fixture, context, "Cantarell 11", FALSE,
                          CHRONICLE_TIMELINE_PAINT_SCREEN | CHRONICLE_TIMELINE_PAINT_CAIRO_RENDERER,
                          scale);
  *exported = make_painter (fixture, context, "Cantarell 11", FALSE,
                            CHRONICLE_TIMELINE_PAINT_NONE, scale);
  if (duration > 0)
    {
      chronicle_timeline_painter_set_visible_range (*screen, start, duration);
      chronicle_timeline_painter_set_visible_range (*exported, start, duration);
    }
}

/* The darkest pixel in @rect, by its mean channel. */
static double
darkest_in (cairo_surface_t       *surface,
            const graphene_rect_t *rect)
{
  double darkest = 1;

  for (int y = ceil (rect->origin.y); y < floor (rect->origin.y + rect->size.height); y++)
    for (int x = ceil (rect->origin.x); x < floor (rect->origin.x + rect->size.width); x++)
      {
        GdkRGBA pixel;

        get_pixel (surface, x, y, &pixel);
        darkest = MIN (darkest, (pixel.red + pixel.green + pixel.blue) / 3);
      }

  return darkest;
}

/* For the screen, all that marks a point event (its period's band, the
 * whisker of an approximate date, the marker, a cancelled one's strike and
 * fading) is one image: no gradient, and an opacity group only for a
 * cancelled event's struck title, faded as the export's. */
static void
test_screen_points (ViewFixture   *fixture,
                    gconstpointer  data)
{
  g_autoptr(GObject) context_object = G_OBJECT (make_context (96));
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(ChronicleTimelinePainter) screen = NULL;
  g_autoptr(ChronicleTimelinePainter) vector = NULL;
  cairo_surface_t *on_screen, *exported;
  g_autoptr(GPtrArray) images = g_ptr_array_new ();
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  const ChronicleTimelineHit *hits;
  GskRenderNode *node;
  guint n_hits, n_points = 0, n_images = 0, position = position_of (fixture, "cancelled");
  gboolean found = FALSE;

  make_screen_and_export (fixture, context, 0, 0, 1, &screen, &vector);

  /* The export fades the cancelled event in a group and draws the
   * approximate one's whisker with gradients; on screen only the soft
   * ends of that one's month, a band too long for an image, are left. */
  g_assert_cmpuint (count_nodes (vector, GSK_OPACITY_NODE), ==, 1);
  g_assert_cmpuint (count_nodes (vector, GSK_LINEAR_GRADIENT_NODE), ==, 4);
  g_assert_cmpuint (count_nodes (screen, GSK_OPACITY_NODE), ==, 1);
  g_assert_cmpuint (count_nodes (screen, GSK_LINEAR_GRADIENT_NODE), ==, 2);

  /* One image an event (the bars' rounded ends are images five pixels
   * wide). */
  hits = chronicle_timeline_painter_get_hits (screen, &n_hits);
  for (guint i = 0; i < n_hits; i++)
    n_points += is_point_hit (fixture, &hits[i]);
  node = chronicle_timeline_painter_render (screen, G_MAXUINT);
  collect_placed_nodes (node, GSK_CAIRO_NODE, 0, 0, images, placed);
  for (guint i = 0; i < placed->len; i++)
    n_images += g_array_index (placed, graphene_rect_t, i).size.width > 5;
  gsk_render_node_unref (node);
  g_assert_cmpuint (n_points, >=, 5);
  g_assert_cmpuint (n_images, ==, n_points);

  on_screen = render_painter (screen, fixture, 1);
  exported = render_painter (vector, fixture, 1);
  for (guint i = 0; i < n_hits; i++)
    {
      if (hits[i].type != CHRONICLE_TIMELINE_HIT_EVENT || hits[i].position != position)
        continue;

      g_assert_cmpfloat (hits[i].label.size.width, >, 20);
      g_assert_cmpfloat (darkest_in (on_screen, &hits[i].label), <, 0.75);
      g_assert_cmpfloat_with_epsilon (darkest_in (on_screen, &hits[i].label),
                                      darkest_in (exported, &hits[i].label), 0.02);
      found = TRUE;
    }
  g_assert_true (found);
  cairo_surface_destroy (on_screen);
  cairo_surface_destroy (exported);
}

/* The area in view of the translucent colour nodes taller than a bar: the
 * lanes' tints and the eras' bands, or their pieces between rows. */
static double
translucent_area (ChronicleTimelinePainter *painter,
                  double                    view_width,
                  double                    view_height)
{
  GskRenderNode *node = chronicle_timeline_painter_render (painter, G_MAXUINT);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  graphene_rect_t view = GRAPHENE_RECT_INIT (0, 0, view_width, view_height);
  double area = 0;

  collect_placed_nodes (node, GSK_COLOR_NODE, 0, 0, found, placed);
  for (guint i = 0; i < placed->len; i++)
    {
      graphene_rect_t shown;

      if (gsk_color_node_get_color (g_ptr_array_index (found, i))->alpha < 1 &&
          g_array_index (placed, graphene_rect_t, i).size.height > 18 &&
          graphene_rect_intersection (&g_array_index (placed, graphene_rect_t, i), &view, &shown))
        area += shown.size.width * shown.size.height;
    }
  gsk_render_node_unref (node);

  return area;
}

/* The total width of the bars' plain fills (colour nodes a bar high). */
static double
bar_fill_width (ChronicleTimelinePainter *painter,
                double                    view_width)
{
  GskRenderNode *node = chronicle_timeline_painter_render (painter, G_MAXUINT);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  double width = 0;

  collect_placed_nodes (node, GSK_COLOR_NODE, 0, 0, found, placed);
  for (guint i = 0; i < placed->len; i++)
    {
      const graphene_rect_t *bounds = &g_array_index (placed, graphene_rect_t, i);

      if (bounds->size.height == 18)
        width += MAX (0, MIN (bounds->origin.x + bounds->size.width, view_width) -
                         MAX (bounds->origin.x, 0));
    }
  gsk_render_node_unref (node);

  return width;
}

/* For the screen, what the bars of a shared row hide is not drawn: a bar
 * stops under an opaque one drawn after it across the rest of the view,
 * and a bar over one of its colour across the whole view, nothing between,
 * is left out but for its title. Exports draw every bar whole. In an hour
 * of 20 pixels a minute every item is on whole pixels, where the screen's
 * images draw as the export's shapes: the pictures are the same. */
static void
test_screen_hidden_bars (ViewFixture   *fixture,
                         gconstpointer  data)
{
  g_autoptr(GObject) context_object = G_OBJECT (make_context (96));
  PangoContext *context = PANGO_CONTEXT (context_object);
  /* 2024-03-01T09:00Z, for an hour. */
  double start = 1709283600.0, duration = 3600.0;
  gboolean covered = g_str_equal (data, "generated:covered");

  for (int scale = 1; scale <= 2; scale++)
    {
      g_autoptr(ChronicleTimelinePainter) screen = NULL;
      g_autoptr(ChronicleTimelinePainter) vector = NULL;
      cairo_surface_t *on_screen, *exported;
      guint differ = 0;

      make_screen_and_export (fixture, context, start, duration, scale, &screen, &vector);

      on_screen = render_painter (screen, fixture, scale);
      exported = render_painter (vector, fixture, scale);
      for (int y = 0; y < fixture->height * scale; y++)
        for (int x = 0; x < fixture->width * scale; x++)
          {
            GdkRGBA a, b;

            get_pixel (on_screen, x, y, &a);
            get_pixel (exported, x, y, &b);
            if (!color_near (&a, &b) && differ++ == 0)
              g_test_message ("first difference at %d,%d (scale %d): screen %g,%g,%g, "
                              "export %g,%g,%g", x, y, scale, a.red, a.green, a.blue, b.red,
                              b.green, b.blue);
          }
      g_assert_cmpuint (differ, ==, 0);
      cairo_surface_destroy (on_screen);
      cairo_surface_destroy (exported);

      /* Less was filled, by more than two and a half widths of the view
       * (the bars hidden in the shared row). */
      g_assert_cmpfloat (bar_fill_width (vector, fixture->width) -
                         bar_fill_width (screen, fixture->width),
                         >, 2.5 * fixture->width);

      /* The plans are left out: the export hatches them (unseen), the
       * screen draws no hatching at all; and under the twelve rows of bars
       * across the view, neither the era's band nor the second lane's
       * tint. */
      if (covered)
        {
          g_assert_cmpfloat (translucent_area (vector, fixture->width, fixture->height) -
                             translucent_area (screen, fixture->width, fixture->height),
                             >=, 18 * 18.0 * fixture->width);
          g_assert_cmpuint (count_nodes (vector, GSK_REPEATING_LINEAR_GRADIENT_NODE), ==, 2);
          g_assert_cmpuint (count_nodes (screen, GSK_REPEAT_NODE), ==, 0);
          g_assert_cmpuint (count_nodes (screen, GSK_REPEATING_LINEAR_GRADIENT_NODE), ==, 0);
        }
    }

  /* Scrolled by half a pixel, as a touchpad leaves it, no row is on whole
   * pixels: nothing is cut or left out, and no tint is drawn around rows. */
  {
    g_autoptr(ChronicleTimelinePainter) screen = NULL;
    g_autoptr(ChronicleTimelinePainter) vector = NULL;

    make_screen_and_export (fixture, context, start, duration, 1, &screen, &vector);
    chronicle_timeline_painter_set_scroll_offset (screen, 0.5);
    chronicle_timeline_painter_set_scroll_offset (vector, 0.5);

    g_assert_cmpfloat_with_epsilon (translucent_area (screen, fixture->width, fixture->height),
                                    translucent_area (vector, fixture->width, fixture->height), 1);
    if (!covered)
      g_assert_cmpfloat_with_epsilon (bar_fill_width (screen, fixture->width),
                                      bar_fill_width (vector, fixture->width), 1);
  }
}

/* A plan's bar across the whole view is one repeated image of its tint,
 * hatching and outline for the screen; the export draws a fill, a gradient
 * and a border. Where the bar starts on a whole pixel (the screen's
 * hatching always does), row by row they average to nearly the same
 * colour, and the bar stays hatched, not filled. */
static void
test_screen_plan (ViewFixture   *fixture,
                  gconstpointer  data)
{
  g_autoptr(GObject) context_object = G_OBJECT (make_context (96));
  PangoContext *context = PANGO_CONTEXT (context_object);
  g_autoptr(ChronicleTimelinePainter) screen = NULL;
  g_autoptr(ChronicleTimelinePainter) vector = NULL;
  const ChronicleLaneEntry *entry;
  graphene_rect_t bar;
  cairo_surface_t *on_screen, *exported;
  GdkRGBA kind_color;
  guint lane, index;
  /* Ten days from 2024-04-01 (the plan runs from 2024-03-10 to 2024-05-20):
   * its start 22 days before, 2.2 widths to the left. */
  double start = 1711929600.0, duration = 10 * 86400.0;

  screen = make_painter (fixture, context, "Cantarell 11", FALSE, CHRONICLE_TIMELINE_PAINT_SCREEN, 1);
  vector = make_painter (fixture, context, "Cantarell 11", FALSE, CHRONICLE_TIMELINE_PAINT_NONE, 1);
  chronicle_timeline_painter_set_visible_range (screen, start, duration);
  chronicle_timeline_painter_set_visible_range (vector, start, duration);
  on_screen = render_painter (screen, fixture, 1);
  exported = render_painter (vector, fixture, 1);

  entry = find_entry (fixture, position_of (fixture, "deploy"), &lane);
  g_assert_cmpint (entry->status, ==, CHRONICLE_EVENT_STATUS_PLANNED);
  index = entry - chronicle_lane_layout_get_entries (_chronicle_timeline_view_get_layout (get_view (fixture)),
                                                     lane, NULL);
  g_assert_true (chronicle_timeline_painter_get_entry_bounds (screen, lane, index, &bar));
  g_assert_cmpfloat (bar.origin.x, <, -5);
  g_assert_cmpfloat (bar.origin.x, ==, round (bar.origin.x));
  g_assert_cmpfloat (bar.origin.x + bar.size.width, >, fixture->width + 5);
  chronicle_timeline_painter_get_kind_color (screen, entry->kind, &kind_color);

  /* The export's border and hatching are single nodes across the bar. */
  g_assert_cmpuint (count_nodes (vector, GSK_BORDER_NODE), >=, 1);
  g_assert_cmpuint (count_nodes (screen, GSK_BORDER_NODE), ==, 0);
  g_assert_cmpuint (count_nodes (screen, GSK_REPEAT_NODE), ==, 1);

  for (int y = (int) bar.origin.y; y < bar.origin.y + bar.size.height; y++)
    {
      double sum_screen[3] = { 0, }, sum_export[3] = { 0, };
      /* Ten periods of the hatching, right of the title. */
      const int from = fixture->width - 80, periods = 10;
      GdkRGBA a, b, mean_screen, mean_export;

      for (int x = from; x < from + periods * 7; x++)
        {
          get_pixel (on_screen, x, y, &a);
          get_pixel (exported, x, y, &b);
          sum_screen[0] += a.red, sum_screen[1] += a.green, sum_screen[2] += a.blue;
          sum_export[0] += b.red, sum_export[1] += b.green, sum_export[2] += b.blue;
        }
      mean_screen = (GdkRGBA) { sum_screen[0] / (periods * 7), sum_screen[1] / (periods * 7),
                                sum_screen[2] / (periods * 7), 1 };
      mean_export = (GdkRGBA) { sum_export[0] / (periods * 7), sum_export[1] / (periods * 7),
                                sum_export[2] / (periods * 7), 1 };
      /* Within 16/255 (the export's gradient makes some stripes a pixel
       * wider than the screen's tile): a tint, the stripes or the outline
       * left out move a row by 39/255 or more. */
      if (fabs (mean_screen.red - mean_export.red) > 16.0 / 255 ||
          fabs (mean_screen.green - mean_export.green) > 16.0 / 255 ||
          fabs (mean_screen.blue - mean_export.blue) > 16.0 / 255)
        g_error ("row %d: screen %g,%g,%g, export %g,%g,%g", y, mean_screen.red,
                 mean_screen.green, mean_screen.blue, mean_export.red, mean_export.green,
                 mean_export.blue);

      /* The outline on the top row, the hatching inside: not a solid fill. */
      get_pixel (on_screen, from, y, &a);
      if (y == (int) bar.origin.y)
        g_assert_true (color_near (&a, &kind_color));
      else if (y == (int) (bar.origin.y + bar.size.height / 2))
        g_assert_false (color_near (&mean_screen, &kind_color));
    }

  cairo_surface_destroy (on_screen);
  cairo_surface_destroy (exported);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              GString    *log)
{
  g_string_append_printf (log, "%s%s", log->len ? " " : "", pspec->name);
}

static void
test_properties (ViewFixture   *fixture,
                 gconstpointer  data)
{
  ChronicleTimelineView *view = get_view (fixture);
  g_autoptr(GString) log = g_string_new (NULL);
  ChronicleGroupBy group_by;
  int before, after;

  g_signal_connect (view, "notify", G_CALLBACK (on_notify_cb), log);

  chronicle_timeline_view_set_visible_range (view, 1717200000, 86400);
  g_assert_cmpstr (log->str, ==, "visible-start visible-duration");
  g_string_truncate (log, 0);
  chronicle_timeline_view_set_visible_range (view, 1717200000, 86400);
  g_assert_cmpstr (log->str, ==, "");
  g_object_set (view, "visible-duration", (gint64) 7200, NULL);
  g_assert_cmpstr (log->str, ==, "visible-duration");
  g_assert_cmpint (chronicle_timeline_view_get_visible_start (view), ==, 1717200000);
  g_string_truncate (log, 0);

  /* Grouping by actor: the mayor, the governor, and no actor. */
  gtk_widget_measure (fixture->view, GTK_ORIENTATION_VERTICAL, WIDTH, NULL, &before, NULL, NULL);
  g_object_set (view, "group-by", CHRONICLE_GROUP_BY_ACTOR, NULL);
  g_object_set (view, "group-by", CHRONICLE_GROUP_BY_ACTOR, NULL);
  g_assert_cmpstr (log->str, ==, "group-by");
  g_object_get (view, "group-by", &group_by, NULL);
  g_assert_cmpint (group_by, ==, CHRONICLE_GROUP_BY_ACTOR);
  gtk_widget_measure (fixture->view, GTK_ORIENTATION_VERTICAL, WIDTH, NULL, &after, NULL, NULL);
  g_assert_cmpuint (chronicle_lane_layout_get_n_lanes (_chronicle_timeline_view_get_layout (view)),
                    ==, 3);
  g_assert_cmpint (after, <, before);

  /* The width never depends on the zoom. */
  gtk_widget_measure (fixture->view, GTK_ORIENTATION_HORIZONTAL, -1, &before, NULL, NULL, NULL);
  chronicle_timeline_view_set_visible_range (view, 0, 1000);
  gtk_widget_measure (fixture->view, GTK_ORIENTATION_HORIZONTAL, -1, &after, NULL, NULL, NULL);
  g_assert_cmpint (before, ==, after);
}

/* Label collision. A text node drawn: where, and how many glyphs. */
typedef struct
{
  graphene_rect_t bounds;
  guint           n_glyphs;
} DrawnText;

static void
collect_texts (GskRenderNode *node,
               double         dx,
               double         dy,
               GArray        *texts)
{
  switch ((int) gsk_render_node_get_node_type (node))
    {
    case GSK_TEXT_NODE:
      {
        DrawnText text;

        gsk_render_node_get_bounds (node, &text.bounds);
        text.bounds.origin.x += dx;
        text.bounds.origin.y += dy;
        text.n_glyphs = gsk_text_node_get_num_glyphs (node);
        g_array_append_val (texts, text);
      }
      break;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        collect_texts (gsk_container_node_get_child (node, i), dx, dy, texts);
      break;
    case GSK_TRANSFORM_NODE:
      {
        GskTransform *transform = gsk_transform_node_get_transform (node);
        float tx, ty;

        /* Labels are moved into place; markers are turned, but hold no text. */
        if (gsk_transform_get_category (transform) >= GSK_TRANSFORM_CATEGORY_2D_TRANSLATE)
          {
            gsk_transform_to_translate (transform, &tx, &ty);
            collect_texts (gsk_transform_node_get_child (node), dx + tx, dy + ty, texts);
          }
      }
      break;
    case GSK_CLIP_NODE:
      collect_texts (gsk_clip_node_get_child (node), dx, dy, texts);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      collect_texts (gsk_rounded_clip_node_get_child (node), dx, dy, texts);
      break;
    case GSK_OPACITY_NODE:
      collect_texts (gsk_opacity_node_get_child (node), dx, dy, texts);
      break;
    case GSK_DEBUG_NODE:
      collect_texts (gsk_debug_node_get_child (node), dx, dy, texts);
      break;
    default:
      break;
    }
}

/* The texts drawn over the lanes (not the axis) of @node. */
static GArray *
lane_texts (ViewFixture   *fixture,
            GskRenderNode *node)
{
  ChronicleTimelinePainter *painter = _chronicle_timeline_view_get_painter (get_view (fixture));
  double lanes_top = chronicle_timeline_painter_get_lanes_top (painter);
  GArray *texts = g_array_new (FALSE, FALSE, sizeof (DrawnText));
  guint i = 0;

  collect_texts (node, 0, 0, texts);
  while (i < texts->len)
    {
      if (g_array_index (texts, DrawnText, i).bounds.origin.y < lanes_top)
        g_array_remove_index (texts, i);
      else
        i++;
    }

  return texts;
}

/* Whether a text with @n_glyphs glyphs was drawn with its middle in @area;
 * @found (may be %NULL) is set to the first. */
static gboolean
find_text (GArray                *texts,
           guint                  n_glyphs,
           const graphene_rect_t *area,
           DrawnText             *found)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const DrawnText *text = &g_array_index (texts, DrawnText, i);
      graphene_point_t middle;

      graphene_rect_get_center (&text->bounds, &middle);
      if (text->n_glyphs == n_glyphs && graphene_rect_contains_point (area, &middle))
        {
          if (found != NULL)
            *found = *text;
          return TRUE;
        }
    }

  return FALSE;
}

/* Six hours of the overlapping events, in a view 1200 pixels wide. */
static void
show_overlap (ViewFixture *fixture)
{
  ChronicleTimelineView *view = get_view (fixture);
  ChronicleEvent *first = chronicle_timeline_lookup_event (fixture->timeline, "range00");

  chronicle_timeline_view_set_visible_range (view, chronicle_event_get_start_instant (first) - 600,
                                             6 * 3600);
  allocate (fixture, WIDTH, HEIGHT);
}

static void
test_labels_disjoint (ViewFixture   *fixture,
                      gconstpointer  data)
{
  ChronicleTimelineView *view = get_view (fixture);
  ChronicleLaneLayout *layout = _chronicle_timeline_view_get_layout (view);
  const ChronicleLaneEntry *entry;
  g_autoptr(GArray) texts = NULL;
  g_autofree char *tooltip = NULL;
  GskRenderNode *node;
  guint lane = 0;
  guint n_shared = 0;
  guint n_titles = 0;
  double x, y;
  guint i, j;

  show_overlap (fixture);

  /* The lane's rows are all busy, so that many ranges share a row with
   * one they overlap. */
  for (i = 0; i < OVERLAP_RANGES; i++)
    {
      g_autofree char *id = g_strdup_printf ("range%02u", i);
      const ChronicleLaneEntry *other;

      entry = find_entry (fixture, position_of (fixture, id), &lane);
      for (j = 0; j < OVERLAP_RANGES; j++)
        {
          g_autofree char *other_id = g_strdup_printf ("range%02u", j);

          other = find_entry (fixture, position_of (fixture, other_id), &lane);
          if (j != i && other->row == entry->row &&
              other->start < entry->end && entry->start < other->end)
            {
              n_shared++;
              break;
            }
        }
    }
  g_assert_cmpuint (chronicle_lane_layout_get_lane_n_rows (layout, lane), ==,
                    CHRONICLE_LANE_LAYOUT_MAX_ROWS);
  g_assert_cmpuint (n_shared, >=, 10);

  cairo_surface_destroy (render (fixture, &node));
  texts = lane_texts (fixture, node);
  gsk_render_node_unref (node);

  /* Titles are drawn, some of them shortened ("…" is one more glyph)… */
  for (i = 0; i < texts->len; i++)
    n_titles += g_array_index (texts, DrawnText, i).n_glyphs > 4;
  g_assert_cmpuint (n_titles, >=, 10);

  /* …but no two overlap: labels on one row (overlapping in height) are
   * apart. A pixel of slack, for glyphs' ink beyond their advance. */
  for (i = 0; i < texts->len; i++)
    {
      for (j = i + 1; j < texts->len; j++)
        {
          graphene_rect_t a = g_array_index (texts, DrawnText, i).bounds;
          graphene_rect_t b = g_array_index (texts, DrawnText, j).bounds;

          graphene_rect_inset (&a, 1, 1);
          graphene_rect_inset (&b, 1, 1);
          if (graphene_rect_intersection (&a, &b, NULL))
            g_error ("Labels overlap: %g,%g %gx%g and %g,%g %gx%g",
                     a.origin.x, a.origin.y, a.size.width, a.size.height,
                     b.origin.x, b.origin.y, b.size.width, b.size.height);
        }
    }

  /* Whether its title shows or not, every event can still be pointed at:
   * each range at its start, where no later one covers it yet. */
  for (i = 0; i < OVERLAP_RANGES; i++)
    {
      g_autofree char *id = g_strdup_printf ("range%02u", i);
      ChronicleTimelineHit hit;

      entry = find_entry (fixture, position_of (fixture, id), &lane);
      entry_point (fixture, lane, entry, &x, &y);
      g_assert_true (_chronicle_timeline_view_hit_test (view, x + 2, y, &hit));
      g_assert_cmpint (hit.type, ==, CHRONICLE_TIMELINE_HIT_EVENT);
      g_assert_cmpuint (hit.position, ==, position_of (fixture, id));
    }

  /* And its tooltip gives the whole title. */
  entry = find_entry (fixture, position_of (fixture, "range20"), &lane);
  entry_point (fixture, lane, entry, &x, &y);
  tooltip = _chronicle_timeline_view_get_tooltip_text (view, x + 2, y);
  g_assert_nonnull (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "Range 20, a title long enough to need room\n"));
}

static void
test_labels_selected (ViewFixture   *fixture,
                      gconstpointer  data)
{
  guint position = G_MAXUINT;
  const ChronicleLaneEntry *entry;
  const char *title;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  graphene_rect_t row;
  GskRenderNode *node;
  guint lane = 0;
  double x, y;
  guint i;

  show_overlap (fixture);
  cairo_surface_destroy (render (fixture, &node));
  before = lane_texts (fixture, node);
  gsk_render_node_unref (node);

  /* A range sharing its row whose title had no room. */
  for (i = 0; i < OVERLAP_RANGES && position == G_MAXUINT; i++)
    {
      g_autofree char *id = g_strdup_printf ("range%02u", i);
      guint candidate = position_of (fixture, id);

      entry = find_entry (fixture, candidate, &lane);
      title = chronicle_event_get_title (chronicle_timeline_lookup_event (fixture->timeline, id));
      entry_point (fixture, lane, entry, &x, &y);
      row = GRAPHENE_RECT_INIT (0, y - CHRONICLE_TIMELINE_ROW_HEIGHT / 2, WIDTH,
                                CHRONICLE_TIMELINE_ROW_HEIGHT);
      if (x > 0 && x < WIDTH / 2 &&
          !find_text (before, g_utf8_strlen (title, -1), &row, NULL))
        position = candidate;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);

  /* Selected, its title is drawn whole, by its bar. */
  gtk_single_selection_set_selected (fixture->selection, position);
  cairo_surface_destroy (render (fixture, &node));
  after = lane_texts (fixture, node);
  gsk_render_node_unref (node);

  entry = find_entry (fixture, position, &lane);
  entry_point (fixture, lane, entry, &x, &y);
  title = chronicle_event_get_title (selected_event (fixture));
  row = GRAPHENE_RECT_INIT (x - 1, y - CHRONICLE_TIMELINE_ROW_HEIGHT / 2, WIDTH,
                            CHRONICLE_TIMELINE_ROW_HEIGHT);
  g_assert_true (find_text (after, g_utf8_strlen (title, -1), &row, NULL));
}

static void
test_labels_lone (ViewFixture   *fixture,
                  gconstpointer  data)
{
  ChronicleTimelineView *view = get_view (fixture);
  ChronicleTimelinePainter *painter = _chronicle_timeline_view_get_painter (view);
  ChronicleEvent *lone = chronicle_timeline_lookup_event (fixture->timeline, "lone");
  guint position = position_of (fixture, "lone");
  const ChronicleTimelineHit *hits;
  const ChronicleLaneEntry *entry;
  g_autoptr(GArray) texts = NULL;
  DrawnText text = { 0, };
  GskRenderNode *node;
  guint n_hits;
  guint lane = 0;
  double x, y;
  guint i;

  show_overlap (fixture);
  cairo_surface_destroy (render (fixture, &node));
  texts = lane_texts (fixture, node);
  gsk_render_node_unref (node);

  /* Its title, whole, just after its marker, and it can be hit. */
  entry = find_entry (fixture, position, &lane);
  entry_point (fixture, lane, entry, &x, &y);
  g_assert_true (find_text (texts, g_utf8_strlen (chronicle_event_get_title (lone), -1),
                            &GRAPHENE_RECT_INIT (x, y - 10, 200, 20), &text));
  g_assert_cmpfloat (text.bounds.origin.x, >, x);
  g_assert_cmpfloat (text.bounds.origin.x, <, x + 30);

  hits = chronicle_timeline_painter_get_hits (painter, &n_hits);
  for (i = 0; i < n_hits && hits[i].position != position; i++)
    ;
  g_assert_cmpuint (i, <, n_hits);
  g_assert_cmpfloat (hits[i].label.size.width, >, 0);
}

static void
test_no_display (void)
{
  g_test_skip ("no display");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  /* GTK's in-process accessibility backend, to read what the view says. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_add_func ("/timeline-view/no-display", test_no_display);
      return g_test_run ();
    }
  adw_init ();

#define ADD(path, file, func) \
  g_test_add ("/timeline-view/" path, ViewFixture, file, fixture_set_up, func, fixture_tear_down)

  ADD ("fit", "widget-events.json", test_fit);
  ADD ("render/kind-colors", "widget-events.json", test_render_kind_colors);
  ADD ("render/bundled", "bundled:chicago-2025.json", test_render_bundled);
  ADD ("zoom/actions", "widget-events.json", test_zoom_actions);
  ADD ("zoom/scroll", "widget-events.json", test_zoom_scroll);
  ADD ("select/walk", "widget-events.json", test_select_walk);
  ADD ("select/lanes", "widget-events.json", test_select_lanes);
  ADD ("select/activate", "widget-events.json", test_activate);
  ADD ("select/scroll-into-view", "widget-events.json", test_scroll_to_selection);
  ADD ("hit-test", "widget-events.json", test_hit_test);
  ADD ("click", "widget-events.json", test_click);
  ADD ("markup-literal", "widget-events.json", test_markup_literal);
  ADD ("clusters", "widget-dense.json", test_clusters);
  ADD ("properties", "widget-events.json", test_properties);
  ADD ("label-cache/same-drawing", "widget-events.json", test_label_cache_same);
  ADD ("label-cache/font-change", "widget-events.json", test_label_cache_font);
  ADD ("label-cache/context-change", "widget-events.json", test_label_cache_context);
  ADD ("label-cache/style-change", "widget-events.json", test_label_cache_style);
  ADD ("screen/images", "generated:overlap", test_screen_images);
  ADD ("screen/images-as-textures", "widget-events.json", test_screen_images_textures);
  ADD ("screen/view", "widget-events.json", test_view_draws_for_screen);
  ADD ("screen/matches-export", "widget-events.json", test_screen_matches_export);
  ADD ("screen/plan", "widget-events.json", test_screen_plan);
  ADD ("screen/points", "widget-events.json", test_screen_points);
  ADD ("screen/hidden-bars/shared-row", "generated:overlap", test_screen_hidden_bars);
  ADD ("screen/hidden-bars/covered", "generated:covered", test_screen_hidden_bars);
  ADD ("labels/disjoint", "generated:overlap", test_labels_disjoint);
  ADD ("labels/selected", "generated:overlap", test_labels_selected);
  ADD ("labels/lone", "generated:overlap", test_labels_lone);

#undef ADD

  return g_test_run ();
}
