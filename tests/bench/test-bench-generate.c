/* test-bench-generate.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "chronicle-bench-generate.h"
#include "chronicle-loader.h"
#include "chronicle-writer.h"

/* The benchmark's files are the same for the same seed, different for
 * another, and grow with the number of events. */
static void
test_deterministic (void)
{
  g_autoptr(GBytes) a = chronicle_bench_generate_bytes (500, 7);
  g_autoptr(GBytes) b = chronicle_bench_generate_bytes (500, 7);
  g_autoptr(GBytes) c = chronicle_bench_generate_bytes (500, 8);
  g_autoptr(GBytes) d = chronicle_bench_generate_bytes (1000, 7);

  g_assert_true (g_bytes_equal (a, b));
  g_assert_false (g_bytes_equal (a, c));
  g_assert_cmpuint (g_bytes_get_size (d), >, g_bytes_get_size (a) * 3 / 2);
}

/* A generated file loads without an error or a warning, has what the
 * generator promises, and is exactly what Chronicle's writer writes for
 * the model it loads to: so it is a file Chronicle itself could have saved. */
static void
test_round_trip (void)
{
  const guint n_events = 3000;
  g_autoptr(GBytes) bytes = chronicle_bench_generate_bytes (n_events, 20260101);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  guint statuses[CHRONICLE_EVENT_N_STATUSES] = { 0, };
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_ranges = 0;
  guint n_derived = 0;
  guint n_precisions[CHRONICLE_TIME_PRECISION_SECOND + 1] = { 0, };
  gsize length;

  timeline = chronicle_loader_load_bytes (loader, bytes, "bench.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  g_assert_cmpuint (chronicle_loader_get_n_warnings (loader), ==, 0);
  g_assert_cmpuint (chronicle_timeline_get_n_events (timeline), ==, n_events);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_timeline_get_eras (timeline)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_timeline_get_views (timeline)), ==, 3);

  for (guint i = 0; i < n_events; i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (timeline, i);

      statuses[chronicle_event_get_status (event)]++;
      g_hash_table_add (kinds, (gpointer) chronicle_event_get_kind (event));
      n_ranges += chronicle_event_is_range (event);
      n_derived += chronicle_event_has_derived_id (event);
      n_precisions[chronicle_event_get_start (event)->precision]++;
    }

  for (guint i = 0; i < CHRONICLE_EVENT_N_STATUSES; i++)
    g_assert_cmpuint (statuses[i], >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (n_precisions); i++)
    g_assert_cmpuint (n_precisions[i], >, 0);
  g_assert_cmpuint (g_hash_table_size (kinds), ==, 13);
  g_assert_cmpuint (n_ranges, >, n_events / 6);
  g_assert_cmpuint (n_ranges, <, n_events / 4);
  g_assert_cmpuint (n_derived, >, n_events / 20);

  written = chronicle_writer_to_bytes (timeline, NULL);
  length = MIN (g_bytes_get_size (written), g_bytes_get_size (bytes));
  if (!g_bytes_equal (written, bytes))
    {
      const char *w = g_bytes_get_data (written, NULL);
      const char *b = g_bytes_get_data (bytes, NULL);
      gsize at = 0;

      while (at < length && w[at] == b[at])
        at++;
      g_test_message ("first difference at byte %" G_GSIZE_FORMAT ": “%.60s” against “%.60s”",
                      at, b + at, w + at);
    }
  g_assert_true (g_bytes_equal (written, bytes));
}

/* The busiest burst is where the benchmark's narrow windows look: it must
 * hold events, and more of them with more events in the file. */
static void
test_busiest (void)
{
  gint64 busiest = chronicle_bench_busiest_instant (20260101);
  g_autoptr(GBytes) bytes = chronicle_bench_generate_bytes (20000, 20260101);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  guint first, last;

  g_assert_cmpint (busiest, ==, chronicle_bench_busiest_instant (20260101));

  timeline = chronicle_loader_load_bytes (loader, bytes, "bench.json", NULL, &error);
  g_assert_no_error (error);

  first = chronicle_timeline_lower_bound (timeline, busiest - 15 * 86400);
  last = chronicle_timeline_lower_bound (timeline, busiest + 15 * 86400);
  /* 20 000 events over 75 years would put about 22 in a month. */
  g_assert_cmpuint (last - first, >, 200);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bench/generate/deterministic", test_deterministic);
  g_test_add_func ("/bench/generate/round-trip", test_round_trip);
  g_test_add_func ("/bench/generate/busiest", test_busiest);

  return g_test_run ();
}
