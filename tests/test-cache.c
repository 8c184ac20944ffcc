/* test-cache.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "chronicle-cache.h"
#include "chronicle-loader.h"
#include "chronicle-writer.h"

typedef struct
{
  char  *dir;        /* the test's own: a copy of the file, and the cache */
  char  *path;
  GFile *file;
} Fixture;

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

static void
copy_data_file (Fixture    *fixture,
                const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (fixture->path, contents, length, &error);
  g_assert_no_error (error);
}

static char *cache_home;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("chronicle-test-cache-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);

  /* Every test starts with an empty cache, and every size is cached. */
  remove_tree (cache_home);
  g_setenv ("CHRONICLE_CACHE_MIN_SIZE", "0", TRUE);
  g_unsetenv ("CHRONICLE_NO_CACHE");

  fixture->path = g_build_filename (fixture->dir, "full.timeline.json", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  copy_data_file (fixture, "full.json");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
  g_clear_object (&fixture->file);
}

/* Loads the fixture's file; @used_cache says where it came from. */
static ChronicleTimeline *
load (Fixture  *fixture,
      gboolean *used_cache)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline;

  timeline = chronicle_loader_load_file (loader, fixture->file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  g_assert_cmpuint (chronicle_loader_get_diagnostics (loader)->len, ==, 0);

  /* The cache is written in the background. */
  chronicle_cache_wait ();

  *used_cache = chronicle_loader_get_used_cache (loader);
  return timeline;
}

/* Everything the model holds, as the writer writes it. */
static void
assert_same_model (ChronicleTimeline *a,
                   ChronicleTimeline *b)
{
  g_autoptr(GBytes) bytes_a = chronicle_writer_to_bytes (a, NULL);
  g_autoptr(GBytes) bytes_b = chronicle_writer_to_bytes (b, NULL);

  g_assert_cmpmem (g_bytes_get_data (bytes_a, NULL), g_bytes_get_size (bytes_a),
                   g_bytes_get_data (bytes_b, NULL), g_bytes_get_size (bytes_b));

  /* And what the writer does not show: the times as read, the derived
   * ids, the positions in the file. */
  g_assert_cmpuint (chronicle_timeline_get_n_events (a), ==, chronicle_timeline_get_n_events (b));
  for (guint i = 0; i < chronicle_timeline_get_n_events (a); i++)
    {
      ChronicleEvent *ea = chronicle_timeline_get_event (a, i);
      ChronicleEvent *eb = chronicle_timeline_get_event (b, i);

      g_assert_cmpstr (chronicle_event_get_id (ea), ==, chronicle_event_get_id (eb));
      g_assert_cmpint (chronicle_event_has_derived_id (ea), ==, chronicle_event_has_derived_id (eb));
      g_assert_cmpint (chronicle_time_compare (chronicle_event_get_start (ea),
                                               chronicle_event_get_start (eb)), ==, 0);
      g_assert_cmpint (chronicle_event_is_range (ea), ==, chronicle_event_is_range (eb));
      if (chronicle_event_is_range (ea))
        g_assert_cmpint (chronicle_time_compare (chronicle_event_get_end (ea),
                                                 chronicle_event_get_end (eb)), ==, 0);
      g_assert_cmpuint (chronicle_event_get_file_index (ea), ==, chronicle_event_get_file_index (eb));
    }
}

static char *
cache_file (Fixture *fixture)
{
  return chronicle_cache_get_path (fixture->path);
}

/* A loaded file is cached; loaded again, it comes from the cache and is
 * the same model. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) first = NULL;
  g_autoptr(ChronicleTimeline) second = NULL;
  g_autofree char *cache = cache_file (fixture);
  gboolean used_cache = TRUE;

  g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));

  first = load (fixture, &used_cache);
  g_assert_false (used_cache);
  g_assert_true (g_file_test (cache, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_prefix (cache, g_get_user_cache_dir ()));

  second = load (fixture, &used_cache);
  g_assert_true (used_cache);
  g_assert_cmpuint (chronicle_timeline_get_n_events (second), >, 0);
  assert_same_model (first, second);

  /* The bundled timeline too, with its actors, quotes and sources. */
  {
    g_autoptr(ChronicleTimeline) third = NULL;
    g_autoptr(ChronicleTimeline) fourth = NULL;
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;
    gsize length;

    g_file_get_contents (BUILD_DATADIR "/timelines/chicago-2025.json", &contents, &length, &error);
    g_assert_no_error (error);
    g_file_set_contents (fixture->path, contents, length, &error);
    g_assert_no_error (error);

    third = load (fixture, &used_cache);
    g_assert_false (used_cache);
    fourth = load (fixture, &used_cache);
    g_assert_true (used_cache);
    assert_same_model (third, fourth);
  }
}

/* A file changed since it was cached is read again, and cached again. */
static void
test_stale (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) first = NULL;
  g_autoptr(ChronicleTimeline) changed = NULL;
  g_autoptr(ChronicleTimeline) touched = NULL;
  g_autoptr(ChronicleTimeline) again = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gboolean used_cache;
  guint64 mtime;
  GStatBuf buf;

  first = load (fixture, &used_cache);
  g_assert_false (used_cache);

  /* A new title, and so a new size. */
  g_file_get_contents (fixture->path, &contents, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GString) edited = g_string_new (contents);

    g_assert_cmpuint (g_string_replace (edited, "\"title\": \"", "\"title\": \"Edited: ", 1), ==, 1);
    g_file_set_contents (fixture->path, edited->str, edited->len, &error);
    g_assert_no_error (error);
  }

  changed = load (fixture, &used_cache);
  g_assert_false (used_cache);
  g_assert_true (g_str_has_prefix (chronicle_timeline_get_title (changed), "Edited: "));

  /* The same size, another time: stale too. */
  g_assert_cmpint (g_stat (fixture->path, &buf), ==, 0);
  mtime = (guint64) buf.st_mtime + 10;
  g_assert_true (g_file_set_attribute_uint64 (fixture->file, G_FILE_ATTRIBUTE_TIME_MODIFIED, mtime,
                                              G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);

  touched = load (fixture, &used_cache);
  g_assert_false (used_cache);

  again = load (fixture, &used_cache);
  g_assert_true (used_cache);
  assert_same_model (touched, again);
}

/* Overwrites the cache with @length bytes of @data. */
static void
replace_cache (Fixture    *fixture,
               const void *data,
               gsize       length)
{
  g_autofree char *cache = cache_file (fixture);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (cache, data, length, &error);
  g_assert_no_error (error);
}

/* A damaged cache is ignored, the file read, and the cache written again. */
static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) reference = NULL;
  g_autofree char *cache = cache_file (fixture);
  g_autofree char *good = NULL;
  gboolean used_cache;
  gsize length;
  enum { TRUNCATED, HALF, FLIPPED, FLIPPED_HEADER, GARBAGE, EMPTY, OTHER_PATH, N_CASES };

  reference = load (fixture, &used_cache);
  g_assert_false (used_cache);
  g_assert_true (g_file_get_contents (cache, &good, &length, NULL));
  g_assert_cmpuint (length, >, 64);

  for (guint c = 0; c < N_CASES; c++)
    {
      g_autoptr(ChronicleTimeline) timeline = NULL;
      g_autoptr(ChronicleTimeline) again = NULL;
      g_autofree char *damaged = g_memdup2 (good, length);
      gsize damaged_length = length;

      switch (c)
        {
        case TRUNCATED:
          damaged_length = length - 1;
          break;
        case HALF:
          damaged_length = length / 2;
          break;
        case FLIPPED:
          /* In the middle: the events and strings, which only the
           * checksum vouches for. */
          damaged[length / 2] ^= 0x20;
          break;
        case FLIPPED_HEADER:
          damaged[length - 3] ^= 0x01;
          break;
        case GARBAGE:
          for (gsize i = 0; i < length; i++)
            damaged[i] = (char) g_test_rand_int ();
          break;
        case EMPTY:
          damaged_length = 0;
          break;
        case OTHER_PATH:
          {
            /* A cache of another file that happens to sit here. */
            g_autofree char *other = g_strconcat (fixture->path, ".other", NULL);
            g_autoptr(GBytes) bytes = NULL;
            GStatBuf buf;

            g_assert_cmpint (g_stat (fixture->path, &buf), ==, 0);
            bytes = chronicle_cache_serialize (reference, other, buf.st_size, 0);
            g_assert_nonnull (bytes);
            g_free (damaged);
            damaged = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
            damaged_length = g_bytes_get_size (bytes);
          }
          break;
        default:
          g_assert_not_reached ();
        }

      replace_cache (fixture, damaged, damaged_length);

      timeline = load (fixture, &used_cache);
      g_assert_false (used_cache);
      assert_same_model (reference, timeline);

      /* Written again, good: the next load reads it. */
      again = load (fixture, &used_cache);
      g_assert_true (used_cache);
      assert_same_model (reference, again);
    }
}

/* Files with warnings are not cached (a cache keeps no diagnostics), nor
 * files below the size, nor anything when the loader is told not to. */
static void
test_not_cached (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *cache = cache_file (fixture);
  g_autoptr(GError) error = NULL;

  copy_data_file (fixture, "warnings.json");
  {
    g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
    g_autoptr(ChronicleTimeline) timeline = chronicle_loader_load_file (loader, fixture->file,
                                                                        NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (chronicle_loader_get_n_warnings (loader), >, 0);
    g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  }

  copy_data_file (fixture, "full.json");

  g_setenv ("CHRONICLE_CACHE_MIN_SIZE", "100000000", TRUE);
  {
    g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
    g_autoptr(ChronicleTimeline) timeline = chronicle_loader_load_file (loader, fixture->file,
                                                                        NULL, &error);

    g_assert_no_error (error);
    g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  }
  g_setenv ("CHRONICLE_CACHE_MIN_SIZE", "0", TRUE);

  {
    g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
    g_autoptr(ChronicleTimeline) timeline = NULL;

    g_assert_true (chronicle_loader_get_use_cache (loader));
    chronicle_loader_set_use_cache (loader, FALSE);
    g_assert_false (chronicle_loader_get_use_cache (loader));
    timeline = chronicle_loader_load_file (loader, fixture->file, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  }

  g_setenv ("CHRONICLE_NO_CACHE", "1", TRUE);
  {
    g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
    g_autoptr(ChronicleTimeline) timeline = chronicle_loader_load_file (loader, fixture->file,
                                                                        NULL, &error);

    g_assert_no_error (error);
    g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));
  }
  g_unsetenv ("CHRONICLE_NO_CACHE");
}

/* The cache keeps the newest CHRONICLE_CACHE_MAX_FILES files. */
static void
test_forgets_oldest (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "chronicle", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GError) error = NULL;

  /* Nothing cached but what the test writes. */
  chronicle_loader_set_use_cache (loader, FALSE);
  timeline = chronicle_loader_load_file (loader, fixture->file, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < CHRONICLE_CACHE_MAX_FILES + 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/file-%u.json", fixture->dir, i);
      g_autofree char *cache = chronicle_cache_get_path (path);
      g_autoptr(GBytes) bytes = chronicle_cache_serialize (timeline, path, 1, 1);

      g_assert_true (chronicle_cache_write (path, bytes, &error));
      g_assert_no_error (error);
      /* Older ones first, a second apart. */
      {
        g_autoptr(GFile) file = g_file_new_for_path (cache);

        g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                    (guint64) 1000000 + i, G_FILE_QUERY_INFO_NONE,
                                                    NULL, NULL));
      }
      g_ptr_array_add (paths, g_steal_pointer (&cache));
    }

  /* The ones written last are there, the first ones gone. */
  for (guint i = 0; i < paths->len; i++)
    g_assert_cmpint (g_file_test (g_ptr_array_index (paths, i), G_FILE_TEST_EXISTS), ==,
                     i + CHRONICLE_CACHE_MAX_FILES >= paths->len);

  {
    g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (handle) != NULL)
      n++;
    g_assert_cmpuint (n, ==, CHRONICLE_CACHE_MAX_FILES);
  }
}

static void
on_progress_cb (ChronicleLoader *loader,
                GParamSpec      *pspec,
                double          *last)
{
  double progress = chronicle_loader_get_progress (loader);

  g_assert_cmpfloat (progress, >=, *last);
  *last = progress;
}

static void
on_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ChronicleTimeline **timeline = user_data;
  g_autoptr(GError) error = NULL;

  *timeline = chronicle_loader_load_file_finish (CHRONICLE_LOADER (object), result, &error);
  g_assert_no_error (error);
}

/* The file written piece by piece in the background is exactly the
 * GVariant that g_variant_new_tuple() makes of the same fields. */
static void
test_streamed (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *cache = cache_file (fixture);
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  chronicle_loader_set_use_cache (loader, FALSE);
  timeline = chronicle_loader_load_file (loader, fixture->file, NULL, &error);
  g_assert_no_error (error);

  expected = chronicle_cache_serialize (timeline, fixture->path, 123456, 789);
  chronicle_cache_save (timeline, fixture->path, 123456, 789);
  chronicle_cache_wait ();

  g_file_get_contents (cache, &written, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (written, length, g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));

  /* Big enough for two-byte framing offsets, and for four. */
  g_assert_cmpuint (length, >, G_MAXUINT8);
  {
    g_autoptr(ChronicleTimeline) big = chronicle_timeline_new ();
    g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GBytes) big_expected = NULL;
    g_autofree char *big_written = NULL;

    for (guint i = 0; i < 3000; i++)
      {
        g_autofree char *id = g_strdup_printf ("event-%u", i);
        ChronicleTime start;

        chronicle_time_init_from_instant (&start, 1700000000 + i * 60,
                                          CHRONICLE_TIME_PRECISION_MINUTE, NULL);
        g_ptr_array_add (events, chronicle_event_new (id, "A title long enough to add up", &start));
      }
    g_assert_true (chronicle_timeline_add_events (big, (ChronicleEvent **) events->pdata,
                                                  events->len, &error));

    big_expected = chronicle_cache_serialize (big, fixture->path, 1, 2);
    g_assert_cmpuint (g_bytes_get_size (big_expected), >, G_MAXUINT16);
    chronicle_cache_save (big, fixture->path, 1, 2);
    chronicle_cache_wait ();
    g_file_get_contents (cache, &big_written, &length, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (big_written, length, g_bytes_get_data (big_expected, NULL),
                     g_bytes_get_size (big_expected));
  }
}

/* Read from the cache in a thread, with progress, as the window does. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) reference = NULL;
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  double last = 0;
  gboolean used_cache;

  reference = load (fixture, &used_cache);
  g_assert_false (used_cache);

  g_signal_connect (loader, "notify::progress", G_CALLBACK (on_progress_cb), &last);
  chronicle_loader_load_file_async (loader, fixture->file, NULL, on_loaded_cb, &timeline);
  while (timeline == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  chronicle_cache_wait ();

  g_assert_true (chronicle_loader_get_used_cache (loader));
  g_assert_cmpfloat (last, ==, 1.0);
  assert_same_model (reference, timeline);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  /* GLib reads it once: the test's own, for all tests. */
  cache_home = g_dir_make_tmp ("chronicle-test-cache-home-XXXXXX", NULL);
  g_assert_nonnull (cache_home);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cache/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("stale", test_stale);
  ADD ("damaged", test_damaged);
  ADD ("not-cached", test_not_cached);
  ADD ("forgets-oldest", test_forgets_oldest);
  ADD ("streamed", test_streamed);
  ADD ("async", test_async);

  ret = g_test_run ();

  remove_tree (cache_home);
  g_free (cache_home);

  return ret;
}
