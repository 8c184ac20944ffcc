/* test-saved-views.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Named views saved, kept and read back: in the user's data folder and
 * in the timeline file itself, and the command-line view options that
 * choose them. No display.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "chronicle-cli.h"
#include "chronicle-event-filter.h"
#include "chronicle-loader.h"
#include "chronicle-saved-views.h"
#include "chronicle-view-state.h"
#include "chronicle-writer.h"

static char *data_home;

static ChronicleTimeline *
load_file (GFile *file)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);

  return timeline;
}

/* A copy of tests/data/@name in a folder of the test's own. */
static GFile *
copy_test_file (const char *name,
                char      **out_folder)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *folder = g_dir_make_tmp ("chronicle-saved-views-XXXXXX", NULL);
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_nonnull (folder);
  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);

  target = g_build_filename (folder, name, NULL);
  g_file_set_contents (target, contents, length, &error);
  g_assert_no_error (error);

  *out_folder = g_steal_pointer (&folder);

  return g_file_new_for_path (target);
}

static void
remove_copy (GFile      *file,
             const char *folder)
{
  g_autofree char *path = g_file_get_path (file);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static char *
view_to_string (ChronicleView *view)
{
  g_autoptr(JsonNode) node = chronicle_writer_serialize_view (view);

  return json_to_string (node, FALSE);
}

static char *
views_to_string (GListModel *views)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);
      g_autofree char *json = view_to_string (view);

      g_string_append_printf (text, "%s\n", json);
    }

  return g_string_free (text, FALSE);
}

static ChronicleView *
make_view (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  g_autoptr(ChronicleViewState) state = NULL;

  g_assert_no_error (error);
  state = chronicle_view_state_new_from_json (node, NULL, &error);
  g_assert_no_error (error);

  return chronicle_view_state_to_view (state, NULL);
}

static void
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GListModel *
update_file (GFile          *file,
             ChronicleView  *view,
             const char     *remove_id,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  chronicle_saved_views_update_file_async (file, view, remove_id, NULL, store_result_cb, &result);
  wait_for_result (&result);

  return chronicle_saved_views_update_file_finish (result, error);
}

static void
test_local_file_name (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/some/where/timeline.json");
  g_autoptr(GFile) local = chronicle_saved_views_get_local_file (file);
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "file:///some/where/timeline.json", -1);
  g_autofree char *name = g_strconcat (checksum, ".json", NULL);
  g_autofree char *expected = g_build_filename (data_home, "chronicle", "views", name, NULL);
  g_autofree char *path = g_file_get_path (local);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_local_round_trip (void)
{
  g_autoptr(GFile) file = g_file_new_for_uri ("resource:///io/github/chronicle/Chronicle/timelines/x.json");
  g_autoptr(GFile) local = chronicle_saved_views_get_local_file (file);
  g_autoptr(GListStore) views = g_list_store_new (CHRONICLE_TYPE_VIEW);
  g_autoptr(GListStore) read = NULL;
  g_autoptr(GListStore) empty = NULL;
  g_autoptr(ChronicleView) first = NULL;
  g_autoptr(ChronicleView) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *found = NULL;

  /* Nothing kept yet: no views, no error. */
  read = chronicle_saved_views_load_local (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (read)), ==, 0);
  g_clear_object (&read);

  first = make_view ("{ \"id\": \"late-august\", \"title\": \"Late August\","
                     "  \"filter\": { \"kinds\": [\"statement\"], \"actors\": [\"johnson\", \"ICE agents\"],"
                     "                \"statuses\": [\"planned\"], \"tags\": [\"chicago\"],"
                     "                \"from\": \"2025-08-25\", \"to\": \"2025-08-31T18:00\", \"text\": \"México\" },"
                     "  \"group_by\": \"status\","
                     "  \"window\": { \"from\": \"2025-08-20\", \"to\": \"2025-09\" },"
                     "  \"x-kept\": [1, 2] }");
  second = make_view ("{ \"id\": \"all\" }");
  g_list_store_append (views, first);
  g_list_store_append (views, second);

  g_assert_true (chronicle_saved_views_save_local (file, G_LIST_MODEL (views), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_query_exists (local, NULL));

  read = chronicle_saved_views_load_local (file, NULL, &error);
  g_assert_no_error (error);
  expected = views_to_string (G_LIST_MODEL (views));
  found = views_to_string (G_LIST_MODEL (read));
  g_assert_cmpstr (found, ==, expected);

  /* No views left: the document goes. */
  g_list_store_remove_all (views);
  g_assert_true (chronicle_saved_views_save_local (file, G_LIST_MODEL (views), &error));
  g_assert_no_error (error);
  g_assert_false (g_file_query_exists (local, NULL));
  empty = chronicle_saved_views_load_local (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (empty)), ==, 0);
}

static void
test_local_invalid (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nowhere/invalid.json");
  g_autoptr(GFile) local = chronicle_saved_views_get_local_file (file);
  g_autoptr(GFile) folder = g_file_get_parent (local);
  g_autofree char *path = g_file_get_path (local);
  g_autoptr(GError) error = NULL;
  GListStore *read;

  g_file_make_directory_with_parents (folder, NULL, NULL);

  g_file_set_contents (path, "{ \"format\": \"something-else\", \"views\": [] }", -1, &error);
  g_assert_no_error (error);
  read = chronicle_saved_views_load_local (file, NULL, &error);
  g_assert_null (read);
  g_assert_error (error, CHRONICLE_SAVED_VIEWS_ERROR, CHRONICLE_SAVED_VIEWS_ERROR_INVALID);
  g_clear_error (&error);

  /* A view the timeline format would refuse. */
  g_file_set_contents (path, "{ \"format\": \"chronicle-views\", \"views\": [ { \"id\": \"x\", \"group_by\": \"colour\" } ] }",
                       -1, &error);
  g_assert_no_error (error);
  read = chronicle_saved_views_load_local (file, NULL, &error);
  g_assert_null (read);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_file_set_contents (path, "not json", -1, &error);
  g_assert_no_error (error);
  read = chronicle_saved_views_load_local (file, NULL, &error);
  g_assert_null (read);
  g_assert_nonnull (error);

  g_assert_cmpint (g_remove (path), ==, 0);
}

static void
test_can_write_file (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(GFile) copy = copy_test_file ("browse.json", &folder);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/folder/file.json");
  g_autoptr(GFile) resource = g_file_new_for_uri ("resource:///io/github/chronicle/Chronicle/timelines/chicago-2025.json");
  g_autoptr(GFile) directory = g_file_new_for_path (folder);

  g_assert_true (chronicle_saved_views_can_write_file (copy));
  g_assert_false (chronicle_saved_views_can_write_file (missing));
  g_assert_false (chronicle_saved_views_can_write_file (resource));
  g_assert_false (chronicle_saved_views_can_write_file (directory));

  remove_copy (copy, folder);
}

static void
test_update_file (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(GFile) copy = copy_test_file ("browse.json", &folder);
  g_autoptr(ChronicleTimeline) before = load_file (copy);
  g_autoptr(ChronicleTimeline) after = NULL;
  g_autoptr(ChronicleView) view = NULL;
  g_autoptr(ChronicleView) renamed = NULL;
  g_autoptr(GListModel) views = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = g_file_get_path (copy);
  g_autofree char *contents = NULL;
  guint n_views = g_list_model_get_n_items (chronicle_timeline_get_views (before));

  /* Add a view. */
  view = make_view ("{ \"id\": \"governor\", \"title\": \"The governor\","
                    "  \"filter\": { \"actors\": [\"pritzker\"] }, \"group_by\": \"tag\" }");
  views = update_file (copy, view, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, n_views + 1);
  g_clear_object (&views);

  after = load_file (copy);
  g_assert_nonnull (chronicle_timeline_lookup_view (after, "governor"));
  g_assert_cmpstr (chronicle_view_get_title (chronicle_timeline_lookup_view (after, "governor")), ==, "The governor");
  g_assert_cmpstr (chronicle_view_get_group_by (chronicle_timeline_lookup_view (after, "governor")), ==, "tag");

  /* Everything else stays: the events, the other views with their
   * unknown members, the title. */
  g_assert_cmpuint (chronicle_timeline_get_n_events (after), ==, chronicle_timeline_get_n_events (before));
  g_assert_cmpstr (chronicle_timeline_get_title (after), ==, chronicle_timeline_get_title (before));
  for (guint i = 0; i < n_views; i++)
    {
      g_autoptr(ChronicleView) old_view = g_list_model_get_item (chronicle_timeline_get_views (before), i);
      ChronicleView *new_view = chronicle_timeline_lookup_view (after, chronicle_view_get_id (old_view));
      g_autofree char *old_json = view_to_string (old_view);
      g_autofree char *new_json = NULL;

      g_assert_nonnull (new_view);
      new_json = view_to_string (new_view);
      g_assert_cmpstr (new_json, ==, old_json);
    }
  for (guint i = 0; i < chronicle_timeline_get_n_events (before); i++)
    {
      g_autoptr(JsonNode) old_event = chronicle_writer_serialize_event (chronicle_timeline_get_event (before, i));
      g_autoptr(JsonNode) new_event = chronicle_writer_serialize_event (chronicle_timeline_get_event (after, i));

      g_assert_true (json_node_equal (old_event, new_event));
    }

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\"x-note\""));
  g_assert_nonnull (strstr (contents, "kept by every round trip"));
  g_assert_nonnull (strstr (contents, "\"x-color\""));
  g_clear_object (&after);

  /* Rename: the view keeps its id and its place. */
  renamed = chronicle_view_copy (view);
  chronicle_view_set_title (renamed, "Pritzker");
  views = update_file (copy, renamed, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, n_views + 1);
  g_clear_object (&views);
  after = load_file (copy);
  g_assert_cmpstr (chronicle_view_get_title (chronicle_timeline_lookup_view (after, "governor")), ==, "Pritzker");
  g_clear_object (&after);

  /* Delete. */
  views = update_file (copy, NULL, "governor", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, n_views);
  after = load_file (copy);
  g_assert_null (chronicle_timeline_lookup_view (after, "governor"));
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_timeline_get_views (after)), ==, n_views);

  remove_copy (copy, folder);
}

static void
test_update_file_refuses (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(GFile) copy = copy_test_file ("warnings.json", &folder);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/timeline.json");
  g_autoptr(ChronicleView) view = make_view ("{ \"id\": \"v\" }");
  g_autoptr(GListModel) views = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (copy);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_file_get_contents (path, &before, NULL, &error);
  g_assert_no_error (error);

  /* A colour the model could not read would be lost: the file stays. */
  views = update_file (copy, view, NULL, &error);
  g_assert_null (views);
  g_assert_error (error, CHRONICLE_SAVED_VIEWS_ERROR, CHRONICLE_SAVED_VIEWS_ERROR_LOSSY);
  g_clear_error (&error);

  g_file_get_contents (path, &after, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, before);

  views = update_file (missing, view, NULL, &error);
  g_assert_null (views);
  g_assert_nonnull (error);

  remove_copy (copy, folder);
}

static void
test_make_id (void)
{
  g_autoptr(GListStore) views = g_list_store_new (CHRONICLE_TYPE_VIEW);
  g_autoptr(ChronicleView) taken = chronicle_view_new ("the-mayor-s-statements");
  g_autoptr(ChronicleView) taken_2 = chronicle_view_new ("the-mayor-s-statements-2");
  g_autofree char *simple = NULL;
  g_autofree char *accents = NULL;
  g_autofree char *nothing = NULL;
  g_autofree char *numbered = NULL;

  simple = chronicle_saved_views_make_id ("Federal plans", NULL, NULL);
  g_assert_cmpstr (simple, ==, "federal-plans");
  accents = chronicle_saved_views_make_id ("  Visita de México, 2025!  ", NULL, NULL);
  g_assert_cmpstr (accents, ==, "visita-de-mexico-2025");
  nothing = chronicle_saved_views_make_id ("…", NULL, NULL);
  g_assert_cmpstr (nothing, ==, "view");

  g_list_store_append (views, taken);
  g_list_store_append (views, taken_2);
  numbered = chronicle_saved_views_make_id ("The mayor’s statements", G_LIST_MODEL (views), NULL);
  g_assert_cmpstr (numbered, ==, "the-mayor-s-statements-3");
}

static void
test_view_options_hint (void)
{
  g_auto(ChronicleViewOptions) options = { 0 };
  g_auto(ChronicleViewOptions) read = { 0 };
  g_autofree char *hint = NULL;
  const char *kinds[] = { "statement", "report", NULL };
  const char *actors[] = { "Brandon Johnson", NULL };

  options.view = g_strdup ("mayor");
  options.from = g_strdup ("2025-08-25");
  options.kinds = g_strdupv ((char **) kinds);
  options.actors = g_strdupv ((char **) actors);
  options.search = g_strdup ("\"quoted\" México");

  hint = chronicle_view_options_to_hint (&options);
  g_assert_true (chronicle_view_options_from_hint (&read, hint));
  g_assert_cmpstr (read.view, ==, "mayor");
  g_assert_cmpstr (read.from, ==, "2025-08-25");
  g_assert_null (read.to);
  g_assert_cmpstrv (read.kinds, kinds);
  g_assert_cmpstrv (read.actors, actors);
  g_assert_cmpstr (read.search, ==, "\"quoted\" México");

  /* Hints that are not ours leave the options empty. */
  g_assert_false (chronicle_view_options_from_hint (&read, ""));
  g_assert_true (chronicle_view_options_is_empty (&read));
  g_assert_false (chronicle_view_options_from_hint (&read, "{\"view\": \"mayor\"}"));
  g_assert_true (chronicle_view_options_is_empty (&read));
  g_assert_false (chronicle_view_options_from_hint (&read, "{ not json"));
  g_assert_false (chronicle_view_options_from_hint (&read, NULL));
}

static void
test_view_options_apply (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "browse.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleTimeline) timeline = load_file (file);
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);
  g_autoptr(GListStore) more = g_list_store_new (CHRONICLE_TYPE_VIEW);
  g_autoptr(ChronicleView) local = make_view ("{ \"id\": \"local\", \"filter\": { \"tags\": [\"raids\"] } }");
  g_auto(ChronicleViewOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  const char *statement[] = { "statement", NULL };

  options.view = g_strdup ("mayor");
  options.kinds = g_strdupv ((char **) statement);
  options.to = g_strdup ("2025-08-25");
  g_assert_true (chronicle_view_options_apply (&options, timeline, NULL, state, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (chronicle_view_state_get_id (state), ==, "mayor");
  g_assert_cmpstrv (chronicle_view_state_get_kinds (state), statement);
  g_assert_nonnull (chronicle_view_state_get_to (state));
  /* The mayor's statements up to 25 August: one. */
  g_assert_cmpuint (chronicle_event_filter_get_n_shown (filter), ==, 1);

  /* A view kept on this computer. */
  chronicle_view_options_clear (&options);
  options.view = g_strdup ("local");
  g_assert_false (chronicle_view_options_apply (&options, timeline, NULL, state, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  /* Failing left the state alone. */
  g_assert_cmpstr (chronicle_view_state_get_id (state), ==, "mayor");

  g_list_store_append (more, local);
  g_assert_true (chronicle_view_options_apply (&options, timeline, G_LIST_MODEL (more), state, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (chronicle_view_state_get_id (state), ==, "local");
  g_assert_cmpuint (chronicle_event_filter_get_n_shown (filter), ==, 1);

  chronicle_view_options_clear (&options);
  options.from = g_strdup ("not a date");
  g_assert_false (chronicle_view_options_check (&options, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (chronicle_view_options_apply (&options, timeline, NULL, state, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  /* The data folder is the test's own; g_get_user_data_dir() reads it once. */
  data_home = g_dir_make_tmp ("chronicle-test-saved-views-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/saved-views/local/file-name", test_local_file_name);
  g_test_add_func ("/saved-views/local/round-trip", test_local_round_trip);
  g_test_add_func ("/saved-views/local/invalid", test_local_invalid);
  g_test_add_func ("/saved-views/file/can-write", test_can_write_file);
  g_test_add_func ("/saved-views/file/update", test_update_file);
  g_test_add_func ("/saved-views/file/refuses", test_update_file_refuses);
  g_test_add_func ("/saved-views/make-id", test_make_id);
  g_test_add_func ("/saved-views/view-options/hint", test_view_options_hint);
  g_test_add_func ("/saved-views/view-options/apply", test_view_options_apply);

  ret = g_test_run ();

  {
    g_autofree char *views = g_build_filename (data_home, "chronicle", "views", NULL);
    g_autofree char *chronicle = g_build_filename (data_home, "chronicle", NULL);

    g_rmdir (views);
    g_rmdir (chronicle);
    g_rmdir (data_home);
    g_free (data_home);
  }

  return ret;
}
