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

/* The fixture's file becomes the bundled timeline: actors, quotes with
 * speakers, sources, tags, places. */
static void
copy_bundled (Fixture *fixture)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (BUILD_DATADIR "/timelines/chicago-2025.json", &contents, &length, &error);
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

    copy_bundled (fixture);
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

static GThread *test_thread;

static void
on_progress_cb (ChronicleLoader *loader,
                GParamSpec      *pspec,
                double          *last)
{
  double progress = chronicle_loader_get_progress (loader);

  /* On the thread that started the load, never on the loader's. */
  g_assert_true (g_thread_self () == test_thread);

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
  /* The loop is not run meanwhile: nobody owns the context, and the
   * loader could take it to report progress from its own thread. */
  g_usleep (G_USEC_PER_SEC / 4);
  while (timeline == NULL)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  chronicle_cache_wait ();

  g_assert_true (chronicle_loader_get_used_cache (loader));
  g_assert_cmpfloat (last, ==, 1.0);
  assert_same_model (reference, timeline);
}

/* Two tables hold the same events: every column, kinds and string sets
 * compared by text. */
static void
assert_same_table (ChronicleEventTable *a,
                   ChronicleEventTable *b)
{
  guint n = chronicle_event_table_get_n_events (a);
  const char * const *kinds_a = chronicle_event_table_get_kind_ids (a, NULL);
  const char * const *kinds_b = chronicle_event_table_get_kind_ids (b, NULL);
  ChronicleStringSets sets_a[2], sets_b[2];

  g_assert_cmpuint (n, ==, chronicle_event_table_get_n_events (b));
  g_assert_cmpmem (chronicle_event_table_get_starts (a), n * sizeof (gint64),
                   chronicle_event_table_get_starts (b), n * sizeof (gint64));
  g_assert_cmpmem (chronicle_event_table_get_ends (a), n * sizeof (gint64),
                   chronicle_event_table_get_ends (b), n * sizeof (gint64));
  g_assert_cmpmem (chronicle_event_table_get_statuses (a), n,
                   chronicle_event_table_get_statuses (b), n);
  g_assert_cmpmem (chronicle_event_table_get_flags (a), n,
                   chronicle_event_table_get_flags (b), n);
  g_assert_cmpint (chronicle_event_table_get_max_duration (a), ==,
                   chronicle_event_table_get_max_duration (b));

  chronicle_event_table_get_actors (a, &sets_a[0]);
  chronicle_event_table_get_actors (b, &sets_b[0]);
  chronicle_event_table_get_tags (a, &sets_a[1]);
  chronicle_event_table_get_tags (b, &sets_b[1]);

  for (guint i = 0; i < n; i++)
    {
      /* Interned: the same pointer for the same id. */
      g_assert_true (kinds_a[chronicle_event_table_get_kinds (a)[i]] ==
                     kinds_b[chronicle_event_table_get_kinds (b)[i]]);

      for (guint s = 0; s < 2; s++)
        {
          guint32 first_a = sets_a[s].offsets[i], end_a = sets_a[s].offsets[i + 1];
          guint32 first_b = sets_b[s].offsets[i], end_b = sets_b[s].offsets[i + 1];

          g_assert_cmpuint (end_a - first_a, ==, end_b - first_b);
          for (guint32 k = 0; k < end_a - first_a; k++)
            g_assert_cmpstr (sets_a[s].strings[sets_a[s].members[first_a + k]], ==,
                             sets_b[s].strings[sets_b[s].members[first_b + k]]);
        }
    }
}

/* A timeline read from the cache makes an event only when it is asked
 * for, the same event every time, and finds events by id without making
 * the others; what views read of every event is there without any. */
static void
test_lazy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) first = NULL;
  g_autoptr(ChronicleTimeline) second = NULL;
  g_autoptr(ChronicleEventTable) table_first = NULL;
  g_autoptr(ChronicleEventTable) table_second = NULL;
  gboolean used_cache = FALSE;
  ChronicleEvent *event;
  ChronicleEvent *other;
  const char *id;
  guint n;

  first = load (fixture, &used_cache);
  g_assert_false (used_cache);
  n = chronicle_timeline_get_n_events (first);
  g_assert_cmpuint (n, >, 4);

  second = load (fixture, &used_cache);
  g_assert_true (used_cache);
  g_assert_cmpuint (chronicle_timeline_get_n_events (second), ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (second)), ==, n);
  g_assert_cmpuint (chronicle_timeline_get_n_made_events (second), ==, 0);

  /* The table came with the cache: still no event made. */
  table_first = chronicle_timeline_get_table (first);
  table_second = chronicle_timeline_get_table (second);
  assert_same_table (table_first, table_second);
  g_assert_cmpint (chronicle_timeline_lower_bound (second, chronicle_event_table_get_starts (table_first)[2]),
                   ==, chronicle_timeline_lower_bound (first, chronicle_event_table_get_starts (table_first)[2]));
  g_assert_cmpuint (chronicle_timeline_get_n_made_events (second), ==, 0);

  event = chronicle_timeline_get_event (second, 2);
  g_assert_cmpuint (chronicle_timeline_get_n_made_events (second), ==, 1);
  g_assert_true (chronicle_timeline_get_event (second, 2) == event);
  g_assert_cmpstr (chronicle_event_get_title (event), ==,
                   chronicle_event_get_title (chronicle_timeline_get_event (first, 2)));
  g_assert_cmpuint (chronicle_timeline_get_position (second, event), ==, 2);

  /* By id: the last event, made once. */
  id = chronicle_event_get_id (chronicle_timeline_get_event (first, n - 1));
  other = chronicle_timeline_lookup_event (second, id);
  g_assert_nonnull (other);
  g_assert_cmpuint (chronicle_timeline_get_n_made_events (second), ==, 2);
  g_assert_true (chronicle_timeline_get_event (second, n - 1) == other);
  g_assert_null (chronicle_timeline_lookup_event (second, "no-such-event"));
  g_assert_cmpuint (chronicle_timeline_get_n_made_events (second), ==, 2);

  /* Read in full, it is the same model. */
  assert_same_model (first, second);
  g_assert_cmpuint (chronicle_timeline_get_n_made_events (second), ==, n);
}

static void
append_text_cb (ChronicleEventText  field,
                const char         *text,
                gpointer            user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%d:%s", field, text));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The texts of each event, sorted, one per line. */
static char *
event_texts (ChronicleTimeline *timeline,
             guint              position)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  chronicle_timeline_foreach_text (timeline, position, append_text_cb, texts);
  g_ptr_array_sort (texts, compare_strings);
  g_ptr_array_add (texts, NULL);

  return g_strjoinv ("\n", (char **) texts->pdata);
}

/* The texts search reads are read in place, the same as the events'. */
static void
test_lazy_texts (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) first = NULL;
  g_autoptr(ChronicleTimeline) second = NULL;
  gboolean used_cache = FALSE;
  gboolean any_quote = FALSE;
  guint n;

  copy_bundled (fixture);
  first = load (fixture, &used_cache);
  second = load (fixture, &used_cache);
  g_assert_true (used_cache);
  n = chronicle_timeline_get_n_events (second);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = event_texts (first, i);
      g_autofree char *in_place = event_texts (second, i);

      g_assert_cmpstr (in_place, ==, expected);
      any_quote |= strstr (expected, "\n5:") != NULL || g_str_has_prefix (expected, "5:");
    }

  g_assert_true (any_quote);
  g_assert_cmpuint (chronicle_timeline_get_n_made_events (second), ==, 0);
}

/* A lazy timeline changes like any other: ids already there are taken
 * even when their events were never made. */
static void
test_lazy_changes (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) first = NULL;
  g_autoptr(ChronicleTimeline) second = NULL;
  g_autoptr(ChronicleEventTable) table = NULL;
  g_autoptr(ChronicleEvent) duplicate = NULL;
  g_autoptr(ChronicleEvent) added = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleTime start;
  gboolean used_cache = FALSE;
  const char *last_id;
  guint position;
  guint n;

  first = load (fixture, &used_cache);
  second = load (fixture, &used_cache);
  g_assert_true (used_cache);
  n = chronicle_timeline_get_n_events (second);
  last_id = chronicle_event_get_id (chronicle_timeline_get_event (first, n - 1));

  g_assert_true (chronicle_time_parse ("2199-01-01", NULL, &start, NULL));
  duplicate = chronicle_event_new (last_id, "Same id", &start);
  g_assert_false (chronicle_timeline_add_events (second, &duplicate, 1, &error));
  g_assert_error (error, CHRONICLE_TIMELINE_ERROR, CHRONICLE_TIMELINE_ERROR_DUPLICATE_ID);
  g_assert_cmpuint (chronicle_timeline_get_n_events (second), ==, n);
  g_clear_error (&error);

  added = chronicle_event_new ("added-later", "Added later", &start);
  g_assert_true (chronicle_timeline_add_events (second, &added, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_timeline_get_n_events (second), ==, n + 1);
  position = chronicle_timeline_get_position (second, added);
  g_assert_cmpuint (position, <=, n);
  g_assert_true (chronicle_timeline_get_event (second, position) == added);
  g_assert_true (chronicle_timeline_lookup_event (second, "added-later") == added);

  /* The table follows the change. */
  table = chronicle_timeline_get_table (second);
  g_assert_cmpuint (chronicle_event_table_get_n_events (table), ==, n + 1);
  g_assert_cmpint (chronicle_event_table_get_starts (table)[position], ==,
                   chronicle_event_get_start_instant (added));

  g_assert_true (chronicle_timeline_remove_event (second, last_id));
  g_assert_null (chronicle_timeline_lookup_event (second, last_id));
  g_assert_cmpuint (chronicle_timeline_get_n_events (second), ==, n);
}

typedef struct
{
  ChronicleTimeline *timeline;
  ChronicleEvent   **seen;
} ReadAll;

static gpointer
read_all_thread (gpointer data)
{
  ReadAll *read = data;

  for (guint i = 0; i < chronicle_timeline_get_n_events (read->timeline); i++)
    read->seen[i] = chronicle_timeline_get_event (read->timeline, i);

  return NULL;
}

/* Two threads asking for the same events get the same objects (an
 * export reads events in its own thread). */
static void
test_lazy_threads (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) first = NULL;
  g_autoptr(ChronicleTimeline) second = NULL;
  gboolean used_cache = FALSE;
  ReadAll reads[2];
  GThread *threads[2];
  guint n;

  first = load (fixture, &used_cache);
  second = load (fixture, &used_cache);
  g_assert_true (used_cache);
  n = chronicle_timeline_get_n_events (second);

  for (guint t = 0; t < 2; t++)
    {
      reads[t].timeline = second;
      reads[t].seen = g_new0 (ChronicleEvent *, n);
      threads[t] = g_thread_new ("reader", read_all_thread, &reads[t]);
    }
  for (guint t = 0; t < 2; t++)
    g_thread_join (threads[t]);

  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (reads[0].seen[i]);
      g_assert_true (reads[0].seen[i] == reads[1].seen[i]);
      g_assert_true (reads[0].seen[i] == chronicle_timeline_get_event (second, i));
    }

  g_free (reads[0].seen);
  g_free (reads[1].seen);
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
  test_thread = g_thread_self ();

#define ADD(path, func) \
  g_test_add ("/cache/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("round-trip", test_round_trip);
  ADD ("stale", test_stale);
  ADD ("damaged", test_damaged);
  ADD ("not-cached", test_not_cached);
  ADD ("forgets-oldest", test_forgets_oldest);
  ADD ("streamed", test_streamed);
  ADD ("async", test_async);
  ADD ("lazy", test_lazy);
  ADD ("lazy-texts", test_lazy_texts);
  ADD ("lazy-changes", test_lazy_changes);
  ADD ("lazy-threads", test_lazy_threads);

  ret = g_test_run ();

  remove_tree (cache_home);
  g_free (cache_home);

  return ret;
}
