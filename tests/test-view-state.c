/* test-view-state.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "chronicle-loader.h"
#include "chronicle-view-state.h"
#include "chronicle-writer.h"

static ChronicleTimeline *
load_timeline (const char *path)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronicleTimeline *timeline;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);

  return timeline;
}

static ChronicleTimeline *
load_browse (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "browse.json", NULL);

  return load_timeline (path);
}

static ChronicleTime *
make_time (const char *text)
{
  g_autoptr(GError) error = NULL;
  ChronicleTime *time = chronicle_time_new_from_iso8601 (text, NULL, &error);

  g_assert_no_error (error);
  return time;
}

static char *
node_to_string (JsonNode *node)
{
  return json_to_string (node, TRUE);
}

static char *
parse_and_print (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node_to_string (node);
}

/* Records "changed" emissions and notifications. */
typedef struct
{
  guint                     n_changed;
  ChronicleViewStateChange  changes;
  GString                  *notified;
} Journal;

static void
on_changed_cb (ChronicleViewState       *state,
               ChronicleViewStateChange  changes,
               Journal                  *journal)
{
  journal->n_changed++;
  journal->changes |= changes;
}

static void
on_notify_cb (ChronicleViewState *state,
              GParamSpec         *pspec,
              Journal            *journal)
{
  if (journal->notified->len > 0)
    g_string_append_c (journal->notified, ' ');
  g_string_append (journal->notified, pspec->name);
}

static void
journal_connect (Journal            *journal,
                 ChronicleViewState *state)
{
  memset (journal, 0, sizeof *journal);
  journal->notified = g_string_new (NULL);
  g_signal_connect (state, "changed", G_CALLBACK (on_changed_cb), journal);
  g_signal_connect (state, "notify", G_CALLBACK (on_notify_cb), journal);
}

static void
journal_reset (Journal *journal)
{
  journal->n_changed = 0;
  journal->changes = 0;
  g_string_truncate (journal->notified, 0);
}

static void
journal_clear (Journal *journal)
{
  g_string_free (journal->notified, TRUE);
}

static void
test_view_state_defaults (void)
{
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();

  g_assert_null (chronicle_view_state_get_id (state));
  g_assert_null (chronicle_view_state_get_title (state));
  g_assert_null (chronicle_view_state_get_kinds (state));
  g_assert_null (chronicle_view_state_get_statuses (state));
  g_assert_null (chronicle_view_state_get_actors (state));
  g_assert_null (chronicle_view_state_get_tags (state));
  g_assert_null (chronicle_view_state_get_text (state));
  g_assert_null (chronicle_view_state_get_from (state));
  g_assert_null (chronicle_view_state_get_to (state));
  g_assert_null (chronicle_view_state_get_window_from (state));
  g_assert_null (chronicle_view_state_get_window_to (state));
  g_assert_cmpint (chronicle_view_state_get_group_by (state), ==, CHRONICLE_GROUP_BY_KIND);
  g_assert_true (chronicle_view_state_get_hide_non_matching (state));
  g_assert_true (chronicle_view_state_is_default (state));
  g_assert_false (chronicle_view_state_has_filter (state));

  g_assert_finalize_object (g_steal_pointer (&state));
}

static void
test_view_state_signals (void)
{
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleTime) from = make_time ("2025-08-25");
  g_autoptr(ChronicleTime) from_again = make_time ("2025-08-25");
  g_autoptr(ChronicleTime) to = make_time ("2025-08-31");
  const char * const kinds[] = { "statement", "report", NULL };
  const char * const empty[] = { NULL };
  Journal journal;

  journal_connect (&journal, state);

  chronicle_view_state_set_kinds (state, kinds);
  g_assert_cmpuint (journal.n_changed, ==, 1);
  g_assert_cmpuint (journal.changes, ==, CHRONICLE_VIEW_STATE_CHANGE_FILTER);
  g_assert_cmpstr (journal.notified->str, ==, "kinds");
  g_assert_true (g_strv_equal (chronicle_view_state_get_kinds (state), kinds));
  g_assert_false (chronicle_view_state_is_default (state));
  journal_reset (&journal);

  /* The same value again: nothing. */
  chronicle_view_state_set_kinds (state, kinds);
  g_assert_cmpuint (journal.n_changed, ==, 0);
  g_assert_cmpstr (journal.notified->str, ==, "");

  /* An empty list is no constraint, like NULL. */
  chronicle_view_state_set_kinds (state, empty);
  g_assert_cmpuint (journal.n_changed, ==, 1);
  g_assert_null (chronicle_view_state_get_kinds (state));
  journal_reset (&journal);
  chronicle_view_state_set_kinds (state, NULL);
  g_assert_cmpuint (journal.n_changed, ==, 0);

  chronicle_view_state_set_text (state, "chicago");
  g_assert_cmpuint (journal.changes, ==, CHRONICLE_VIEW_STATE_CHANGE_TEXT);
  g_assert_cmpstr (journal.notified->str, ==, "text");
  journal_reset (&journal);
  chronicle_view_state_set_text (state, "");
  g_assert_null (chronicle_view_state_get_text (state));
  g_assert_cmpuint (journal.n_changed, ==, 1);
  journal_reset (&journal);

  chronicle_view_state_set_from (state, from);
  chronicle_view_state_set_from (state, from_again);
  g_assert_cmpuint (journal.n_changed, ==, 1);
  g_assert_true (chronicle_time_equal (chronicle_view_state_get_from (state), from));
  g_assert_true (chronicle_view_state_get_from (state) != from);
  journal_reset (&journal);

  chronicle_view_state_set_group_by (state, CHRONICLE_GROUP_BY_ACTOR);
  g_assert_cmpuint (journal.changes, ==, CHRONICLE_VIEW_STATE_CHANGE_GROUPING);
  journal_reset (&journal);
  chronicle_view_state_set_window_to (state, to);
  g_assert_cmpuint (journal.changes, ==, CHRONICLE_VIEW_STATE_CHANGE_WINDOW);
  journal_reset (&journal);
  chronicle_view_state_set_hide_non_matching (state, FALSE);
  g_assert_cmpuint (journal.changes, ==, CHRONICLE_VIEW_STATE_CHANGE_DISPLAY);
  journal_reset (&journal);
  chronicle_view_state_set_title (state, "Mine");
  g_assert_cmpuint (journal.changes, ==, CHRONICLE_VIEW_STATE_CHANGE_NAME);
  journal_reset (&journal);

  /* Through GObject properties, too. */
  g_object_set (state, "statuses", (const char * const[]) { "planned", NULL }, "to", to, NULL);
  g_assert_cmpuint (journal.n_changed, ==, 2);
  /* g_object_set() holds the notifications back and sends them in its order. */
  g_assert_true (g_str_equal (journal.notified->str, "statuses to") ||
                 g_str_equal (journal.notified->str, "to statuses"));
  g_assert_cmpstr (chronicle_view_state_get_statuses (state)[0], ==, "planned");
  journal_reset (&journal);

  /* A batch: one "changed" with everything, after the notifications. */
  chronicle_view_state_freeze (state);
  chronicle_view_state_set_tags (state, (const char * const[]) { "chicago", NULL });
  chronicle_view_state_set_text (state, "mayor");
  chronicle_view_state_set_window_from (state, from);
  chronicle_view_state_freeze (state);
  chronicle_view_state_set_actors (state, (const char * const[]) { "johnson", NULL });
  chronicle_view_state_thaw (state);
  g_assert_cmpuint (journal.n_changed, ==, 0);
  g_assert_cmpstr (journal.notified->str, ==, "");
  chronicle_view_state_thaw (state);
  g_assert_cmpuint (journal.n_changed, ==, 1);
  g_assert_cmpuint (journal.changes, ==, (CHRONICLE_VIEW_STATE_CHANGE_FILTER |
                                          CHRONICLE_VIEW_STATE_CHANGE_TEXT |
                                          CHRONICLE_VIEW_STATE_CHANGE_WINDOW));
  journal_reset (&journal);

  /* An empty batch emits nothing. */
  chronicle_view_state_freeze (state);
  chronicle_view_state_set_text (state, "mayor");
  chronicle_view_state_thaw (state);
  g_assert_cmpuint (journal.n_changed, ==, 0);

  /* Clearing is one change and leaves grouping, window and display. */
  g_assert_true (chronicle_view_state_has_filter (state));
  chronicle_view_state_clear_filters (state);
  g_assert_cmpuint (journal.n_changed, ==, 1);
  g_assert_cmpuint (journal.changes, ==, (CHRONICLE_VIEW_STATE_CHANGE_FILTER |
                                          CHRONICLE_VIEW_STATE_CHANGE_TEXT));
  g_assert_true (chronicle_view_state_is_default (state));
  g_assert_cmpint (chronicle_view_state_get_group_by (state), ==, CHRONICLE_GROUP_BY_ACTOR);
  g_assert_nonnull (chronicle_view_state_get_window_from (state));
  g_assert_false (chronicle_view_state_get_hide_non_matching (state));
  g_assert_cmpstr (chronicle_view_state_get_title (state), ==, "Mine");
  journal_reset (&journal);

  chronicle_view_state_clear_filters (state);
  g_assert_cmpuint (journal.n_changed, ==, 0);

  journal_clear (&journal);
  g_signal_handlers_disconnect_by_data (state, &journal);
  g_assert_finalize_object (g_steal_pointer (&state));
}

static void
test_view_state_from_view (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleTime) from = make_time ("2025-08-25");
  g_autoptr(ChronicleTime) to = make_time ("2025-08-31");
  g_autoptr(ChronicleTime) window_from = make_time ("2025-08-20");
  ChronicleView *view;
  Journal journal;

  journal_connect (&journal, state);
  chronicle_view_state_set_hide_non_matching (state, FALSE);
  journal_reset (&journal);

  view = chronicle_timeline_lookup_view (timeline, "planned-late-august");
  g_assert_nonnull (view);
  chronicle_view_state_set_from_view (state, view);

  g_assert_cmpuint (journal.n_changed, ==, 1);
  g_assert_cmpuint (journal.changes, ==, (CHRONICLE_VIEW_STATE_CHANGE_NAME |
                                          CHRONICLE_VIEW_STATE_CHANGE_FILTER |
                                          CHRONICLE_VIEW_STATE_CHANGE_GROUPING |
                                          CHRONICLE_VIEW_STATE_CHANGE_WINDOW));
  g_assert_cmpstr (chronicle_view_state_get_id (state), ==, "planned-late-august");
  g_assert_cmpstr (chronicle_view_state_get_title (state), ==, "Planned and reported, late August");
  g_assert_true (g_strv_equal (chronicle_view_state_get_statuses (state),
                               (const char * const[]) { "planned", "reported", NULL }));
  g_assert_null (chronicle_view_state_get_kinds (state));
  g_assert_true (chronicle_time_equal (chronicle_view_state_get_from (state), from));
  g_assert_true (chronicle_time_equal (chronicle_view_state_get_to (state), to));
  g_assert_true (chronicle_time_equal (chronicle_view_state_get_window_from (state), window_from));
  g_assert_nonnull (chronicle_view_state_get_window_to (state));
  g_assert_cmpint (chronicle_view_state_get_group_by (state), ==, CHRONICLE_GROUP_BY_STATUS);
  /* Views do not store it: kept. */
  g_assert_false (chronicle_view_state_get_hide_non_matching (state));
  journal_reset (&journal);

  /* Applying another view clears what it does not set. */
  chronicle_view_state_set_from_view (state, chronicle_timeline_lookup_view (timeline, "mexico"));
  g_assert_cmpuint (journal.n_changed, ==, 1);
  g_assert_cmpstr (chronicle_view_state_get_id (state), ==, "mexico");
  g_assert_null (chronicle_view_state_get_title (state));
  g_assert_null (chronicle_view_state_get_statuses (state));
  g_assert_null (chronicle_view_state_get_from (state));
  g_assert_null (chronicle_view_state_get_window_from (state));
  g_assert_cmpstr (chronicle_view_state_get_text (state), ==, "mexico");
  g_assert_cmpint (chronicle_view_state_get_group_by (state), ==, CHRONICLE_GROUP_BY_KIND);
  journal_reset (&journal);

  /* The same view again changes nothing. */
  chronicle_view_state_set_from_view (state, chronicle_timeline_lookup_view (timeline, "mexico"));
  g_assert_cmpuint (journal.n_changed, ==, 0);

  /* A view without group_by goes back to the default grouping. */
  chronicle_view_state_set_group_by (state, CHRONICLE_GROUP_BY_TAG);
  chronicle_view_state_set_from_view (state, chronicle_timeline_lookup_view (timeline, "mayor"));
  g_assert_cmpint (chronicle_view_state_get_group_by (state), ==,
                   CHRONICLE_VIEW_STATE_DEFAULT_GROUP_BY);
  g_assert_true (g_strv_equal (chronicle_view_state_get_actors (state),
                               (const char * const[]) { "johnson", NULL }));

  journal_clear (&journal);
  g_signal_handlers_disconnect_by_data (state, &journal);
}

/* Every view of @timeline: to a state and back to a view gives what the
 * writer writes for the original, unknown members included; the JSON read
 * back gives an equal state. */
static void
assert_views_round_trip (ChronicleTimeline *timeline)
{
  GListModel *views = chronicle_timeline_get_views (timeline);
  guint n = g_list_model_get_n_items (views);

  g_assert_cmpuint (n, >, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);
      g_autoptr(ChronicleViewState) state = chronicle_view_state_new_from_view (view);
      g_autoptr(ChronicleView) back = chronicle_view_state_to_view (state, NULL);
      g_autoptr(JsonNode) expected = chronicle_writer_serialize_view (view);
      g_autoptr(JsonNode) found = chronicle_writer_serialize_view (back);
      g_autoptr(JsonNode) state_json = chronicle_view_state_to_json (state, NULL);
      g_autoptr(ChronicleViewState) reread = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *expected_text = node_to_string (expected);
      g_autofree char *found_text = node_to_string (found);
      g_autofree char *state_text = node_to_string (state_json);

      g_assert_cmpstr (found_text, ==, expected_text);
      g_assert_cmpstr (state_text, ==, expected_text);
      g_assert_true (back != view);

      reread = chronicle_view_state_new_from_json (state_json,
                                                   chronicle_timeline_get_time_zone (timeline),
                                                   &error);
      g_assert_no_error (error);
      g_assert_true (chronicle_view_state_equal (reread, state));

      {
        g_autoptr(JsonNode) again = chronicle_view_state_to_json (reread, NULL);
        g_autofree char *again_text = node_to_string (again);

        g_assert_cmpstr (again_text, ==, expected_text);
      }
    }
}

static void
test_view_state_round_trip (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autofree char *bundled = g_test_build_filename (G_TEST_DIST, "..", "data", "timelines",
                                                    "chicago-2025.json", NULL);
  g_autoptr(ChronicleTimeline) chicago = load_timeline (bundled);

  assert_views_round_trip (timeline);
  assert_views_round_trip (chicago);
}

static void
test_view_state_unknown_members (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleViewState) state = NULL;
  g_autoptr(ChronicleView) saved = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  ChronicleView *view = chronicle_timeline_lookup_view (timeline, "mayor");

  state = chronicle_view_state_new_from_view (view);

  /* The user changes the view and saves it under a new id: the unknown
   * members go with it, in place. */
  chronicle_view_state_set_kinds (state, NULL);
  chronicle_view_state_set_text (state, "order");
  chronicle_view_state_set_group_by (state, CHRONICLE_GROUP_BY_KIND);
  saved = chronicle_view_state_to_view (state, "mayor-orders");
  g_assert_cmpstr (chronicle_view_get_id (saved), ==, "mayor-orders");
  g_assert_cmpstr (chronicle_view_state_get_id (state), ==, "mayor");

  node = chronicle_writer_serialize_view (saved);
  text = node_to_string (node);
  expected = parse_and_print ("{"
                              "  \"id\": \"mayor-orders\","
                              "  \"title\": \"The mayor’s statements\","
                              "  \"filter\": {"
                              "    \"actors\": [\"johnson\"],"
                              "    \"text\": \"order\","
                              "    \"x-note\": \"kept by every round trip\""
                              "  },"
                              "  \"group_by\": \"kind\","
                              "  \"x-color\": \"#ff0000\""
                              "}");
  g_assert_cmpstr (text, ==, expected);

  /* The view the state came from is not touched by later changes. */
  g_assert_true (g_strv_equal (chronicle_view_get_kinds (view),
                               (const char * const[]) { "statement", NULL }));
  g_assert_null (chronicle_view_get_text (view));

  /* Nor is the state's copy by changes to the saved view. */
  json_object_set_string_member (chronicle_view_get_extra_members (saved), "x-color", "#00ff00");
  {
    g_autoptr(JsonNode) again = chronicle_view_state_to_json (state, NULL);
    JsonObject *object = json_node_get_object (again);

    g_assert_cmpstr (json_object_get_string_member (object, "x-color"), ==, "#ff0000");
  }
}

static void
test_view_state_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(ChronicleViewState) state = NULL;
  g_autoptr(ChronicleViewState) copy = NULL;
  g_autoptr(GTimeZone) chicago = g_time_zone_new_identifier ("America/Chicago");
  g_autoptr(ChronicleTime) from = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  const char *json =
    "{"
    "  \"id\": \"late-august\","
    "  \"x-before\": 1,"
    "  \"title\": \"Late August\","
    "  \"filter\": {"
    "    \"kinds\": [\"statement\", \"report\"],"
    "    \"statuses\": [\"planned\"],"
    "    \"actors\": [\"johnson\", \"Plain Name\"],"
    "    \"tags\": [\"chicago\"],"
    "    \"text\": \"mayor\","
    "    \"from\": \"2025-08-25\","
    "    \"to\": \"2025-08-31T18:00\","
    "    \"x-filter\": [true]"
    "  },"
    "  \"group_by\": \"tag\","
    "  \"window\": { \"from\": \"2025-08\", \"to\": \"2025-09-15T12:00-05:00\" },"
    "  \"x-after\": { \"nested\": null }"
    "}";

  node = json_from_string (json, &error);
  g_assert_no_error (error);

  state = chronicle_view_state_new_from_json (node, chicago, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chronicle_view_state_get_id (state), ==, "late-august");
  g_assert_cmpstr (chronicle_view_state_get_title (state), ==, "Late August");
  g_assert_true (g_strv_equal (chronicle_view_state_get_kinds (state),
                               (const char * const[]) { "statement", "report", NULL }));
  g_assert_true (g_strv_equal (chronicle_view_state_get_actors (state),
                               (const char * const[]) { "johnson", "Plain Name", NULL }));
  g_assert_cmpstr (chronicle_view_state_get_text (state), ==, "mayor");
  g_assert_cmpint (chronicle_view_state_get_group_by (state), ==, CHRONICLE_GROUP_BY_TAG);
  /* Dates without an offset are read in the given zone. */
  from = chronicle_time_new_from_iso8601 ("2025-08-25", chicago, NULL);
  g_assert_true (chronicle_time_equal (chronicle_view_state_get_from (state), from));
  g_assert_cmpint (chronicle_time_get_instant (chronicle_view_state_get_from (state)), ==,
                   1756098000); /* 2025-08-25T05:00:00Z */

  /* Written back as the file format writes views: known members in their
   * order, then the unknown ones in theirs. */
  {
    g_autoptr(JsonNode) written = chronicle_view_state_to_json (state, NULL);

    text = node_to_string (written);
  }
  expected = parse_and_print ("{"
                              "  \"id\": \"late-august\","
                              "  \"title\": \"Late August\","
                              "  \"filter\": {"
                              "    \"kinds\": [\"statement\", \"report\"],"
                              "    \"statuses\": [\"planned\"],"
                              "    \"actors\": [\"johnson\", \"Plain Name\"],"
                              "    \"tags\": [\"chicago\"],"
                              "    \"text\": \"mayor\","
                              "    \"from\": \"2025-08-25\","
                              "    \"to\": \"2025-08-31T18:00\","
                              "    \"x-filter\": [true]"
                              "  },"
                              "  \"group_by\": \"tag\","
                              "  \"window\": {"
                              "    \"from\": \"2025-08\","
                              "    \"to\": \"2025-09-15T12:00-05:00\""
                              "  },"
                              "  \"x-before\": 1,"
                              "  \"x-after\": { \"nested\": null }"
                              "}");
  g_assert_cmpstr (text, ==, expected);

  copy = chronicle_view_state_copy (state);
  g_assert_true (chronicle_view_state_equal (copy, state));
  chronicle_view_state_set_hide_non_matching (copy, FALSE);
  g_assert_true (chronicle_view_state_equal (copy, state));
  chronicle_view_state_set_tags (copy, NULL);
  g_assert_false (chronicle_view_state_equal (copy, state));

  /* assign() copies back, as one change. */
  {
    Journal journal;

    journal_connect (&journal, copy);
    chronicle_view_state_assign (copy, state, FALSE);
    g_assert_cmpuint (journal.n_changed, ==, 1);
    g_assert_cmpuint (journal.changes, ==, CHRONICLE_VIEW_STATE_CHANGE_FILTER);
    g_assert_true (chronicle_view_state_equal (copy, state));
    g_assert_false (chronicle_view_state_get_hide_non_matching (copy));
    chronicle_view_state_assign (copy, state, TRUE);
    g_assert_true (chronicle_view_state_get_hide_non_matching (copy));
    journal_clear (&journal);
    g_signal_handlers_disconnect_by_data (copy, &journal);
  }
}

static void
test_view_state_json_errors (void)
{
  static const struct {
    const char *json;
    const char *message;
  } cases[] = {
    { "[]", "expected an object, found an array" },
    { "{ \"title\": \"x\" }", "missing “id”: every view needs an id" },
    { "{ \"id\": 3 }", "id: expected a string, found a number" },
    { "{ \"id\": \"\" }", "id: expected text, found an empty string" },
    { "{ \"id\": \"v\", \"filter\": [] }", "filter: expected an object, found an array" },
    { "{ \"id\": \"v\", \"filter\": { \"kinds\": \"statement\" } }",
      "filter.kinds: expected an array, found a string" },
    { "{ \"id\": \"v\", \"filter\": { \"tags\": [\"a\", 2] } }",
      "filter.tags[1]: expected a string, found a number" },
    { "{ \"id\": \"v\", \"filter\": { \"statuses\": [\"planned\", \"maybe\"] } }",
      "filter.statuses[1]: expected “occurred”, “planned”, “reported” or “cancelled”, "
      "found “maybe”" },
    { "{ \"id\": \"v\", \"group_by\": \"colour\" }",
      "group_by: expected “kind”, “actor”, “tag”, “status” or “none”, found “colour”" },
    { "{ \"id\": \"v\", \"window\": { \"to\": true } }",
      "window.to: expected a string, found true" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (cases[i].json, &error);
      g_autoptr(ChronicleViewState) state = NULL;

      g_assert_no_error (error);
      state = chronicle_view_state_new_from_json (node, NULL, &error);
      g_assert_null (state);
      g_assert_error (error, CHRONICLE_VIEW_STATE_ERROR, CHRONICLE_VIEW_STATE_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* Empty lists are no constraint. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(ChronicleViewState) state = NULL;

    node = json_from_string ("{ \"id\": \"v\", \"filter\": { \"kinds\": [], \"tags\": [] } }",
                             &error);
    g_assert_no_error (error);
    state = chronicle_view_state_new_from_json (node, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (chronicle_view_state_get_kinds (state));
    g_assert_null (chronicle_view_state_get_tags (state));
    g_assert_true (chronicle_view_state_is_default (state));
  }

  /* A bad date says where and what the time parser says. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) node = NULL;
    const char *json = "{ \"id\": \"v\", \"filter\": { \"from\": \"yesterday\" } }";
    g_autoptr(ChronicleViewState) state = NULL;

    node = json_from_string (json, &error);
    g_assert_no_error (error);
    state = chronicle_view_state_new_from_json (node, NULL, &error);
    g_assert_null (state);
    g_assert_error (error, CHRONICLE_VIEW_STATE_ERROR, CHRONICLE_VIEW_STATE_ERROR_INVALID);
    g_assert_true (g_str_has_prefix (error->message, "filter.from: "));
    g_assert_nonnull (strstr (error->message, "yesterday"));
  }
}

static void
test_view_state_group_by (void)
{
  g_autoptr(ChronicleView) plain = chronicle_view_new ("plain");
  g_autoptr(ChronicleView) by_kind = chronicle_view_new ("by-kind");
  g_autoptr(ChronicleViewState) state = NULL;
  g_autoptr(ChronicleView) back = NULL;

  chronicle_view_set_group_by (by_kind, "kind");

  /* No group_by in, none out, though the state groups by the default. */
  state = chronicle_view_state_new_from_view (plain);
  g_assert_cmpint (chronicle_view_state_get_group_by (state), ==, CHRONICLE_GROUP_BY_KIND);
  back = chronicle_view_state_to_view (state, NULL);
  g_assert_null (chronicle_view_get_group_by (back));
  g_clear_object (&back);

  /* Chosen by the user, even the default is kept. */
  chronicle_view_state_set_group_by (state, CHRONICLE_GROUP_BY_KIND);
  back = chronicle_view_state_to_view (state, NULL);
  g_assert_cmpstr (chronicle_view_get_group_by (back), ==, "kind");
  g_clear_object (&back);

  chronicle_view_state_set_from_view (state, by_kind);
  back = chronicle_view_state_to_view (state, NULL);
  g_assert_cmpstr (chronicle_view_get_group_by (back), ==, "kind");
  g_clear_object (&back);

  chronicle_view_state_set_from_view (state, plain);
  chronicle_view_state_set_group_by (state, CHRONICLE_GROUP_BY_NONE);
  back = chronicle_view_state_to_view (state, "renamed");
  g_assert_cmpstr (chronicle_view_get_group_by (back), ==, "none");
  g_assert_cmpstr (chronicle_view_get_id (back), ==, "renamed");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-state/defaults", test_view_state_defaults);
  g_test_add_func ("/view-state/signals", test_view_state_signals);
  g_test_add_func ("/view-state/from-view", test_view_state_from_view);
  g_test_add_func ("/view-state/round-trip", test_view_state_round_trip);
  g_test_add_func ("/view-state/unknown-members", test_view_state_unknown_members);
  g_test_add_func ("/view-state/json", test_view_state_json);
  g_test_add_func ("/view-state/json-errors", test_view_state_json_errors);
  g_test_add_func ("/view-state/group-by", test_view_state_group_by);

  return g_test_run ();
}
