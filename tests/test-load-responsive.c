/* test-load-responsive.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * The window stays responsive while a big file loads: the loader works in
 * a thread, tells its progress on the main thread, and can be cancelled;
 * meanwhile no main-loop iteration takes longer than 50 ms. A heartbeat
 * timeout every few milliseconds measures the longest time the main loop
 * was busy. That holds for handing the loaded model to the window too:
 * the iteration in which the window takes the timeline, the one in which
 * the load ends and every one after while the window settles (filtering,
 * laying out in slices, the first frames). The list pane is closed for
 * that: its first rows cost tens of milliseconds at any size (GTK 4.8
 * makes two hundred for each new model), and the window makes them only
 * when it is open. CHRONICLE_TEST_LOAD_EVENTS sets the size (100 000 by
 * default; run it with a million for the figures of docs/performance.md).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "chronicle-loader.h"
#include "chronicle-timeline-view-private.h"
#include "chronicle-window-private.h"
#include "chronicle-writer.h"

#define DEFAULT_EVENTS    100000
#define HEARTBEAT_MS      5
/* Under AddressSanitizer everything runs several times slower: that
 * build is run to find memory errors, not to time the main loop. */
#ifdef __SANITIZE_ADDRESS__
#define MAX_ITERATION_MS  150
#else
#define MAX_ITERATION_MS  50
#endif
#define WAIT_TIMEOUT_S    300

static char *big_path;
static guint n_big_events;

/* A timeline of @n_events, written to @path. */
static void
write_file (const char *path,
            guint       n_events)
{
  static const char * const kinds[] = { "statement", "report", "legal-action", "other" };
  static const char * const words[] = {
    "council", "budget", "harbour", "strike", "court", "ruling", "election", "flood",
    "bridge", "vaccine", "treaty", "protest", "hospital", "metro", "drought", "inquiry",
  };
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *id = g_strdup_printf ("event-%u", i);
      g_autofree char *title = g_strdup_printf ("The %s %s of day %u", words[i % 16],
                                                words[(i / 16) % 16], i / 97);
      g_autofree char *summary = g_strdup_printf ("A summary of the %s, the %s and the %s, "
                                                  "as the papers told it at the time.",
                                                  words[(i * 7) % 16], words[(i * 5) % 16],
                                                  words[(i * 3) % 16]);
      ChronicleTime start;
      ChronicleEvent *event;

      chronicle_time_init_from_instant (&start, G_GINT64_CONSTANT (-631152000) + (gint64) i * 2371,
                                        CHRONICLE_TIME_PRECISION_MINUTE, NULL);
      event = chronicle_event_new (id, title, &start);
      chronicle_event_set_kind (event, kinds[i % G_N_ELEMENTS (kinds)]);
      chronicle_event_set_summary (event, summary);
      if (i % 5 == 0)
        {
          ChronicleTime end;

          chronicle_time_init_from_instant (&end, start.instant + 86400 * (1 + i % 300),
                                            CHRONICLE_TIME_PRECISION_MINUTE, NULL);
          chronicle_event_set_end (event, &end);
        }
      g_ptr_array_add (events, event);
    }

  chronicle_timeline_add_events (timeline, (ChronicleEvent **) events->pdata, events->len, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  chronicle_writer_write_file (timeline, file, NULL, &error);
  g_assert_no_error (error);
}

/* A file big enough to take a while, written once for all the tests. */
static void
write_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chronicle-test-load-XXXXXX", &error);
  const char *n_text = g_getenv ("CHRONICLE_TEST_LOAD_EVENTS");

  g_assert_no_error (error);
  n_big_events = n_text != NULL ? (guint) g_ascii_strtoull (n_text, NULL, 10) : DEFAULT_EVENTS;
  big_path = g_build_filename (dir, "big.timeline.json", NULL);
  write_file (big_path, n_big_events);
}

/* The heartbeat: how long the main loop went without running it. */
typedef struct
{
  gint64  last;
  gint64  longest;      /* µs, while @busy_until_done held */
  gint64  handoff;      /* µs, the gap in which the work finished */
  gint64  settling;     /* µs, the longest gap after that one */
  gboolean (*busy) (gpointer data);
  gpointer data;
  guint   n_beats;
  gboolean done;
} Heartbeat;

static gboolean
heartbeat_cb (gpointer user_data)
{
  Heartbeat *h = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 gap = now - h->last - HEARTBEAT_MS * 1000;

  h->n_beats++;

  if (h->done)
    {
      h->settling = MAX (h->settling, gap);
    }
  else
    {
      /* Still loading at this beat: the gap was spent loading. Else the
       * gap held the end of the load, handing the model to the window. */
      if (h->busy (h->data))
        h->longest = MAX (h->longest, gap);
      else
        {
          h->handoff = gap;
          h->done = TRUE;
        }
    }

  h->last = now;
  return G_SOURCE_CONTINUE;
}

static guint
heartbeat_start (Heartbeat *h,
                 gboolean (*busy) (gpointer),
                 gpointer   data)
{
  memset (h, 0, sizeof *h);
  h->busy = busy;
  h->data = data;
  h->last = g_get_monotonic_time ();

  return g_timeout_add (HEARTBEAT_MS, heartbeat_cb, h);
}

/* The loader alone */

typedef struct
{
  GArray            *fractions;
  GThread           *main_thread;
  ChronicleTimeline *timeline;
  GError            *error;
  gboolean           finished;
} LoadState;

static void
on_progress_cb (ChronicleLoader *loader,
                GParamSpec      *pspec,
                LoadState       *state)
{
  double fraction = chronicle_loader_get_progress (loader);

  /* On the main thread, never going back. */
  g_assert_true (g_thread_self () == state->main_thread);
  if (state->fractions->len > 0)
    g_assert_cmpfloat (fraction, >=, g_array_index (state->fractions, double,
                                                     state->fractions->len - 1));
  g_array_append_val (state->fractions, fraction);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadState *state = user_data;

  state->timeline = chronicle_loader_load_file_finish (CHRONICLE_LOADER (object), result,
                                                       &state->error);
  state->finished = TRUE;
}

static gboolean
loader_busy (gpointer data)
{
  return !((LoadState *) data)->finished;
}

static void
test_loader_progress (void)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GFile) file = g_file_new_for_path (big_path);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  LoadState state = { fractions, g_thread_self (), NULL, NULL, FALSE };
  Heartbeat heartbeat;
  guint beat_id;

  g_signal_connect (loader, "notify::progress", G_CALLBACK (on_progress_cb), &state);
  g_assert_cmpfloat (chronicle_loader_get_progress (loader), ==, 0.0);

  beat_id = heartbeat_start (&heartbeat, loader_busy, &state);
  chronicle_loader_load_file_async (loader, file, NULL, load_cb, &state);
  while (!state.finished || g_main_context_pending (NULL))
    g_main_context_iteration (NULL, !state.finished);
  g_source_remove (beat_id);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.timeline);
  g_assert_cmpuint (chronicle_timeline_get_n_events (state.timeline), ==, n_big_events);

  /* Many steps, from early on to the end, as each was reached. */
  g_assert_cmpuint (fractions->len, >=, 10);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), <, 0.2);
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  g_assert_cmpfloat (chronicle_loader_get_progress (loader), ==, 1.0);

  g_test_message ("%u events: %u progress notifications, %u heartbeats, longest gap %.1f ms",
                  n_big_events, fractions->len, heartbeat.n_beats, heartbeat.longest / 1000.0);
  g_assert_cmpint (heartbeat.longest, <, MAX_ITERATION_MS * 1000);

  g_clear_object (&state.timeline);
}

/* A cancelled load stops soon, and returns G_IO_ERROR_CANCELLED. */
static void
test_loader_cancel (void)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GFile) file = g_file_new_for_path (big_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  LoadState state = { fractions, g_thread_self (), NULL, NULL, FALSE };
  gint64 cancelled_at;

  g_signal_connect (loader, "notify::progress", G_CALLBACK (on_progress_cb), &state);
  chronicle_loader_load_file_async (loader, file, cancellable, load_cb, &state);

  /* Halfway through the parse. */
  while (chronicle_loader_get_progress (loader) < 0.2 && !state.finished)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (state.finished);

  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  while (!state.finished)
    g_main_context_iteration (NULL, TRUE);

  g_test_message ("stopped %.1f ms after the cancel",
                  (g_get_monotonic_time () - cancelled_at) / 1000.0);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (state.timeline);
  g_assert_cmpfloat (chronicle_loader_get_progress (loader), <, 1.0);
  g_clear_error (&state.error);
}

/* The window */

static gboolean
window_busy (gpointer data)
{
  return _chronicle_window_get_loading (CHRONICLE_WINDOW (data));
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
wait_until (gboolean (*cond) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  while (!cond (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cond (data));
}

static gboolean
window_idle (gpointer data)
{
  return !_chronicle_window_get_loading (CHRONICLE_WINDOW (data));
}

static gboolean
window_progressed (gpointer data)
{
  GtkWidget *bar = find_widget (GTK_WIDGET (data), GTK_TYPE_PROGRESS_BAR);

  return !_chronicle_window_get_loading (CHRONICLE_WINDOW (data)) ||
         (bar != NULL && gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) >= 0.2);
}

static void
test_window_responsive (void)
{
  ChronicleWindow *window = chronicle_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (big_path);
  GtkListView *list = _chronicle_window_get_event_list (window);
  ChronicleLaneLayout *layout;
  double max_fraction = 0;
  Heartbeat heartbeat;
  GtkWidget *bar;
  gint64 until;
  guint beat_id;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  layout = _chronicle_timeline_view_get_layout (_chronicle_window_get_timeline_view (window));
  adw_flap_set_reveal_flap (ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_FLAP)),
                            FALSE);

  /* A file is opened in a window that is already shown: its own first
   * frames are not part of the load. */
  until = g_get_monotonic_time () + 300 * 1000;
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)) || g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);

  beat_id = heartbeat_start (&heartbeat, window_busy, window);
  chronicle_window_open_file (window, file);
  g_assert_true (_chronicle_window_get_loading (window));

  /* The loading page shows how far the load is. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  bar = find_widget (GTK_WIDGET (window), GTK_TYPE_PROGRESS_BAR);
  g_assert_nonnull (bar);
  g_object_ref (bar);
  while (_chronicle_window_get_loading (window))
    {
      g_main_context_iteration (NULL, TRUE);
      max_fraction = MAX (max_fraction, gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)));
    }
  g_object_unref (bar);

  /* Then the layout (in slices when big), the first frames and the idle
   * work after the load. */
  until = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;
  while (chronicle_lane_layout_get_n_events (layout) != n_big_events &&
         g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (chronicle_lane_layout_get_n_events (layout), ==, n_big_events);

  until = g_get_monotonic_time () + 300 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (beat_id);

  g_assert_nonnull (chronicle_window_get_timeline (window));
  g_assert_cmpuint (chronicle_timeline_get_n_events (chronicle_window_get_timeline (window)), ==,
                    n_big_events);
  g_assert_cmpfloat (max_fraction, >, 0.5);
  /* The list has its rows once it is shown. */
  g_assert_null (gtk_list_view_get_model (list));

  g_test_message ("%u events: longest main-loop iteration while loading %.1f ms; "
                  "the load ended in one of %.1f ms, the longest after it took %.1f ms",
                  n_big_events, heartbeat.longest / 1000.0, heartbeat.handoff / 1000.0,
                  heartbeat.settling / 1000.0);
  g_assert_cmpint (heartbeat.longest, <, MAX_ITERATION_MS * 1000);
  g_assert_cmpint (heartbeat.handoff, <, MAX_ITERATION_MS * 1000);
  g_assert_cmpint (heartbeat.settling, <, MAX_ITERATION_MS * 1000);

  adw_flap_set_reveal_flap (ADW_FLAP (gtk_widget_get_ancestor (GTK_WIDGET (list), ADW_TYPE_FLAP)),
                            TRUE);
  g_assert_true (gtk_list_view_get_model (list) == GTK_SELECTION_MODEL (_chronicle_window_get_selection (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Cancel on the loading page goes back to the empty window, at once. */
static void
test_window_cancel (void)
{
  ChronicleWindow *window = chronicle_window_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (big_path);
  gint64 cancelled_at;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));

  chronicle_window_open_file (window, file);
  wait_until (window_progressed, window);
  g_assert_true (_chronicle_window_get_loading (window));

  cancelled_at = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL));
  wait_until (window_idle, window);
  g_test_message ("back %.1f ms after Cancel", (g_get_monotonic_time () - cancelled_at) / 1000.0);

  g_assert_null (chronicle_window_get_timeline (window));
  g_assert_false (_chronicle_window_get_loading (window));
  /* Nothing left to cancel: the action does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-load", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (_chronicle_window_get_loading (window));

  /* The same file opens after all. */
  chronicle_window_open_file (window, file);
  wait_until (window_idle, window);
  g_assert_nonnull (chronicle_window_get_timeline (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  data_home = g_dir_make_tmp ("chronicle-test-load-home-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", data_home, TRUE);
  /* Every load here parses the file: a reopen from the cache (test-cache)
   * is over before there is anything to measure or cancel. */
  g_setenv ("CHRONICLE_NO_CACHE", "1", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  write_files ();

  g_test_add_func ("/load-responsive/loader/progress", test_loader_progress);
  g_test_add_func ("/load-responsive/loader/cancel", test_loader_cancel);
  g_test_add_func ("/load-responsive/window/responsive", test_window_responsive);
  g_test_add_func ("/load-responsive/window/cancel", test_window_cancel);

  ret = g_test_run ();

  {
    g_autofree char *dir = g_path_get_dirname (big_path);

    g_unlink (big_path);

    g_rmdir (dir);
    g_free (big_path);
    remove_tree (data_home);
  }

  return ret;
}
