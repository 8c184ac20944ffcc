/* test-writer.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>
#ifdef __linux__
# include <sys/prctl.h>
#endif

#include <glib/gstdio.h>

#include "chronicle-loader.h"
#include "chronicle-writer.h"

static ChronicleTimeline *
load_bytes (GBytes *bytes)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline;

  timeline = chronicle_loader_load_bytes (loader, bytes, "written.json", NULL, &error);
  g_assert_no_error (error);

  return timeline;
}

static ChronicleTimeline *
load_string (const char *json)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return load_bytes (bytes);
}

static GBytes *
read_data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static char *
to_string (ChronicleTimeline *timeline,
           GPtrArray         *events)
{
  g_autoptr(GBytes) bytes = chronicle_writer_to_bytes (timeline, events);
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_cmpuint (strlen (data), <=, length);
  return g_strndup (data, length);
}

/* Model equality, member by member */

static void
assert_times_equal (const ChronicleTime *a,
                    const ChronicleTime *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }

  g_assert_cmpint (a->instant, ==, b->instant);
  g_assert_cmpint (a->offset, ==, b->offset);
  g_assert_cmpint (a->precision, ==, b->precision);
  g_assert_cmpint (a->flags, ==, b->flags);
  g_assert_cmpstr (a->zone, ==, b->zone);
}

static void
assert_strv_equal (const char * const *a,
                   const char * const *b)
{
  /* NULL and empty mean the same. */
  if (a == NULL || a[0] == NULL || b == NULL || b[0] == NULL)
    {
      g_assert_true (a == NULL || a[0] == NULL);
      g_assert_true (b == NULL || b[0] == NULL);
      return;
    }

  g_assert_true (g_strv_equal (a, b));
}

/* Equal members in the same order. */
static void
assert_objects_equal (JsonObject *a,
                      JsonObject *b)
{
  JsonObjectIter ia, ib;
  const char *name_a, *name_b;
  JsonNode *node_a, *node_b;

  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }

  json_object_iter_init_ordered (&ia, a);
  json_object_iter_init_ordered (&ib, b);

  for (;;)
    {
      gboolean more_a = json_object_iter_next_ordered (&ia, &name_a, &node_a);
      gboolean more_b = json_object_iter_next_ordered (&ib, &name_b, &node_b);

      g_assert_cmpint (more_a, ==, more_b);
      if (!more_a)
        break;

      g_assert_cmpstr (name_a, ==, name_b);
      g_assert_true (json_node_equal (node_a, node_b));
    }
}

static void
assert_events_equal (ChronicleEvent *a,
                     ChronicleEvent *b)
{
  GPtrArray *qa = chronicle_event_get_quotes (a);
  GPtrArray *qb = chronicle_event_get_quotes (b);
  GPtrArray *sa = chronicle_event_get_sources (a);
  GPtrArray *sb = chronicle_event_get_sources (b);

  g_assert_cmpstr (chronicle_event_get_id (a), ==, chronicle_event_get_id (b));
  g_assert_cmpint (chronicle_event_has_derived_id (a), ==, chronicle_event_has_derived_id (b));
  g_assert_cmpuint (chronicle_event_get_file_index (a), ==, chronicle_event_get_file_index (b));
  g_assert_cmpstr (chronicle_event_get_title (a), ==, chronicle_event_get_title (b));
  g_assert_cmpstr (chronicle_event_get_kind (a), ==, chronicle_event_get_kind (b));
  g_assert_cmpint (chronicle_event_get_status (a), ==, chronicle_event_get_status (b));
  assert_times_equal (chronicle_event_get_start (a), chronicle_event_get_start (b));
  assert_times_equal (chronicle_event_get_end (a), chronicle_event_get_end (b));
  g_assert_cmpint (chronicle_event_get_approximate (a), ==, chronicle_event_get_approximate (b));
  g_assert_cmpstr (chronicle_event_get_summary (a), ==, chronicle_event_get_summary (b));
  g_assert_cmpstr (chronicle_event_get_description (a), ==, chronicle_event_get_description (b));
  g_assert_cmpstr (chronicle_event_get_location (a), ==, chronicle_event_get_location (b));
  assert_strv_equal (chronicle_event_get_actors (a), chronicle_event_get_actors (b));
  assert_strv_equal (chronicle_event_get_tags (a), chronicle_event_get_tags (b));

  g_assert_cmpuint (qa->len, ==, qb->len);
  for (guint i = 0; i < qa->len; i++)
    {
      const ChronicleQuote *x = g_ptr_array_index (qa, i);
      const ChronicleQuote *y = g_ptr_array_index (qb, i);

      g_assert_cmpstr (x->text, ==, y->text);
      g_assert_cmpstr (x->speaker, ==, y->speaker);
      g_assert_cmpstr (x->source, ==, y->source);
    }

  g_assert_cmpuint (sa->len, ==, sb->len);
  for (guint i = 0; i < sa->len; i++)
    {
      const ChronicleSource *x = g_ptr_array_index (sa, i);
      const ChronicleSource *y = g_ptr_array_index (sb, i);

      g_assert_cmpstr (x->title, ==, y->title);
      g_assert_cmpstr (x->publisher, ==, y->publisher);
      g_assert_cmpstr (x->url, ==, y->url);
      g_assert_cmpstr (x->date, ==, y->date);
    }

  assert_objects_equal (chronicle_event_get_extra_members (a), chronicle_event_get_extra_members (b));
}

static void
assert_views_equal (ChronicleView *a,
                    ChronicleView *b)
{
  g_assert_cmpstr (chronicle_view_get_id (a), ==, chronicle_view_get_id (b));
  g_assert_cmpstr (chronicle_view_get_title (a), ==, chronicle_view_get_title (b));
  assert_strv_equal (chronicle_view_get_kinds (a), chronicle_view_get_kinds (b));
  assert_strv_equal (chronicle_view_get_statuses (a), chronicle_view_get_statuses (b));
  assert_strv_equal (chronicle_view_get_actors (a), chronicle_view_get_actors (b));
  assert_strv_equal (chronicle_view_get_tags (a), chronicle_view_get_tags (b));
  g_assert_cmpstr (chronicle_view_get_text (a), ==, chronicle_view_get_text (b));
  assert_times_equal (chronicle_view_get_from (a), chronicle_view_get_from (b));
  assert_times_equal (chronicle_view_get_to (a), chronicle_view_get_to (b));
  g_assert_cmpstr (chronicle_view_get_group_by (a), ==, chronicle_view_get_group_by (b));
  assert_times_equal (chronicle_view_get_window_from (a), chronicle_view_get_window_from (b));
  assert_times_equal (chronicle_view_get_window_to (a), chronicle_view_get_window_to (b));
  assert_objects_equal (chronicle_view_get_extra_members (a), chronicle_view_get_extra_members (b));
  assert_objects_equal (chronicle_view_get_extra_filter_members (a),
                        chronicle_view_get_extra_filter_members (b));
}

static void
assert_timelines_equal (ChronicleTimeline *a,
                        ChronicleTimeline *b)
{
  GListModel *ma, *mb;
  guint n;

  g_assert_cmpstr (chronicle_timeline_get_title (a), ==, chronicle_timeline_get_title (b));
  g_assert_cmpstr (chronicle_timeline_get_description (a), ==, chronicle_timeline_get_description (b));
  g_assert_cmpstr (chronicle_timeline_get_timezone (a), ==, chronicle_timeline_get_timezone (b));
  assert_objects_equal (chronicle_timeline_get_extra_members (a), chronicle_timeline_get_extra_members (b));

  ma = chronicle_timeline_get_kinds (a);
  mb = chronicle_timeline_get_kinds (b);
  n = g_list_model_get_n_items (ma);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (mb));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleKind) x = g_list_model_get_item (ma, i);
      g_autoptr(ChronicleKind) y = g_list_model_get_item (mb, i);
      const char *id = chronicle_kind_get_id (x);

      g_assert_cmpstr (id, ==, chronicle_kind_get_id (y));
      g_assert_cmpstr (chronicle_kind_get_label (x), ==, chronicle_kind_get_label (y));
      g_assert_cmpstr (chronicle_kind_get_color (x), ==, chronicle_kind_get_color (y));
      g_assert_cmpstr (chronicle_kind_get_icon_name (x), ==, chronicle_kind_get_icon_name (y));
      g_assert_cmpint (chronicle_timeline_kind_is_declared (a, id), ==,
                       chronicle_timeline_kind_is_declared (b, id));
    }

  ma = chronicle_timeline_get_actors (a);
  mb = chronicle_timeline_get_actors (b);
  n = g_list_model_get_n_items (ma);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (mb));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleActor) x = g_list_model_get_item (ma, i);
      g_autoptr(ChronicleActor) y = g_list_model_get_item (mb, i);

      g_assert_cmpstr (chronicle_actor_get_id (x), ==, chronicle_actor_get_id (y));
      g_assert_cmpstr (chronicle_actor_get_name (x), ==, chronicle_actor_get_name (y));
      g_assert_cmpstr (chronicle_actor_get_role (x), ==, chronicle_actor_get_role (y));
    }

  ma = chronicle_timeline_get_eras (a);
  mb = chronicle_timeline_get_eras (b);
  n = g_list_model_get_n_items (ma);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (mb));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleEra) x = g_list_model_get_item (ma, i);
      g_autoptr(ChronicleEra) y = g_list_model_get_item (mb, i);

      g_assert_cmpstr (chronicle_era_get_title (x), ==, chronicle_era_get_title (y));
      assert_times_equal (chronicle_era_get_start (x), chronicle_era_get_start (y));
      assert_times_equal (chronicle_era_get_end (x), chronicle_era_get_end (y));
      g_assert_cmpstr (chronicle_era_get_color (x), ==, chronicle_era_get_color (y));
    }

  ma = chronicle_timeline_get_views (a);
  mb = chronicle_timeline_get_views (b);
  n = g_list_model_get_n_items (ma);
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (mb));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleView) x = g_list_model_get_item (ma, i);
      g_autoptr(ChronicleView) y = g_list_model_get_item (mb, i);

      assert_views_equal (x, y);
    }

  n = chronicle_timeline_get_n_events (a);
  g_assert_cmpuint (n, ==, chronicle_timeline_get_n_events (b));
  for (guint i = 0; i < n; i++)
    assert_events_equal (chronicle_timeline_get_event (a, i), chronicle_timeline_get_event (b, i));
}

/* Round trips */

static void
test_round_trip_bytes (void)
{
  g_autoptr(GBytes) original = read_data_file ("full.json");
  g_autoptr(ChronicleTimeline) timeline = load_bytes (original);
  g_autoptr(GBytes) written = chronicle_writer_to_bytes (timeline, NULL);

  /* full.json is in canonical form: written back, it is the same bytes. */
  if (!g_bytes_equal (original, written))
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (written, NULL), g_bytes_get_size (written));

      g_error ("full.json changed when written back:\n%s", text);
    }
}

static void
test_round_trip_model (void)
{
  static const char * const names[] = { "full.json", "warnings.json", "no-timezone.json", "bom.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
      g_autoptr(GBytes) original = read_data_file (names[i]);
      g_autoptr(ChronicleTimeline) first = NULL;
      g_autoptr(ChronicleTimeline) second = NULL;
      g_autoptr(GBytes) written = NULL;
      g_autoptr(GBytes) rewritten = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", names[i]);

      first = chronicle_loader_load_bytes (loader, original, names[i], NULL, &error);
      g_assert_no_error (error);

      written = chronicle_writer_to_bytes (first, NULL);
      second = load_bytes (written);
      assert_timelines_equal (first, second);

      /* Written once, the form is canonical and stays as it is. */
      rewritten = chronicle_writer_to_bytes (second, NULL);
      g_assert_true (g_bytes_equal (written, rewritten));
    }
}

/* to_bytes() streams the events; it writes what serialize() builds. */
static void
test_bytes_match_serialize (void)
{
  g_autoptr(GBytes) original = read_data_file ("full.json");
  g_autoptr(ChronicleTimeline) timeline = load_bytes (original);
  g_autoptr(JsonNode) document = chronicle_writer_serialize (timeline, NULL);
  g_autoptr(GBytes) written = chronicle_writer_to_bytes (timeline, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  /* The document is a copy: changing it leaves the model alone. */
  json_object_set_int_member (json_node_get_object (document), "x-changed", 1);
  json_object_set_int_member (json_object_get_object_member (json_node_get_object (document), "x-generator"),
                              "changed", 1);
  g_assert_false (json_object_has_member (chronicle_timeline_get_extra_members (timeline), "x-changed"));
  g_assert_false (json_object_has_member (json_object_get_object_member (chronicle_timeline_get_extra_members (timeline),
                                                                         "x-generator"),
                                          "changed"));
  json_object_remove_member (json_node_get_object (document), "x-changed");
  json_object_remove_member (json_object_get_object_member (json_node_get_object (document), "x-generator"),
                             "changed");

  json_parser_load_from_data (parser, g_bytes_get_data (written, NULL), g_bytes_get_size (written), &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (document, json_parser_get_root (parser)));
  assert_objects_equal (json_node_get_object (document), json_node_get_object (json_parser_get_root (parser)));
}

/* Canonical form */

static void
test_canonical_form (void)
{
  /* Out of order, defaults spelled out, a short colour, an empty summary. */
  static const char input[] =
    "{\"events\": [{\"tags\": [], \"start\": \"2025-08-30\", \"title\": \"Rally\", \"status\": \"occurred\","
    " \"approximate\": false, \"summary\": \"\", \"x-extra\": 1, \"id\": \"r\", \"kind\": \"protest\"}],"
    " \"x-top\": {}, \"kinds\": [{\"id\": \"protest\", \"color\": \"#F80\"}], \"version\": 1,"
    " \"title\": \"T\", \"views\": [{\"filter\": {}, \"id\": \"v\", \"window\": {}}]}";
  static const char expected[] =
    "{\n"
    "  \"format\": \"chronicle-timeline\",\n"
    "  \"version\": 1,\n"
    "  \"title\": \"T\",\n"
    "  \"kinds\": [\n"
    "    {\n"
    "      \"id\": \"protest\",\n"
    "      \"color\": \"#ff8800\"\n"
    "    }\n"
    "  ],\n"
    "  \"views\": [\n"
    "    {\n"
    "      \"id\": \"v\"\n"
    "    }\n"
    "  ],\n"
    "  \"events\": [\n"
    "    {\n"
    "      \"id\": \"r\",\n"
    "      \"title\": \"Rally\",\n"
    "      \"kind\": \"protest\",\n"
    "      \"start\": \"2025-08-30\",\n"
    "      \"x-extra\": 1\n"
    "    }\n"
    "  ],\n"
    "  \"x-top\": {}\n"
    "}\n";
  g_autoptr(ChronicleTimeline) timeline = load_string (input);
  g_autofree char *text = to_string (timeline, NULL);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_empty_timeline (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autofree char *text = to_string (timeline, NULL);

  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"format\": \"chronicle-timeline\",\n"
                   "  \"version\": 1,\n"
                   "  \"events\": []\n"
                   "}\n");
}

/* json-glib 1.6 would write 1e20 as "1e+20.0", which is not JSON. */
static void
test_numbers (void)
{
  static const char input[] =
    "{\"events\": [], \"x-numbers\": [1e20, 0.1, -0.0, 2.0, 1.5e-7, 1.7976931348623157e308, 5e-324,"
    " 9223372036854775807, -9223372036854775808, 0, -1, 123456789.125]}";
  g_autoptr(ChronicleTimeline) timeline = load_string (input);
  g_autoptr(ChronicleTimeline) reloaded = NULL;
  g_autoptr(GBytes) written = chronicle_writer_to_bytes (timeline, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (written, NULL), g_bytes_get_size (written));
  JsonArray *numbers;

  g_assert_nonnull (strstr (text, "    1e+20,\n"));
  g_assert_nonnull (strstr (text, "    0.1,\n"));
  g_assert_nonnull (strstr (text, "    -0.0,\n"));
  g_assert_nonnull (strstr (text, "    2.0,\n"));
  g_assert_nonnull (strstr (text, "    9223372036854775807,\n"));
  g_assert_nonnull (strstr (text, "    -9223372036854775808,\n"));
  g_assert_nonnull (strstr (text, "    123456789.125\n"));

  reloaded = load_bytes (written);
  assert_objects_equal (chronicle_timeline_get_extra_members (timeline),
                        chronicle_timeline_get_extra_members (reloaded));

  /* Doubles stay doubles and integers stay integers. */
  numbers = json_object_get_array_member (chronicle_timeline_get_extra_members (reloaded), "x-numbers");
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (numbers, 3)), ==, G_TYPE_DOUBLE);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (numbers, 9)), ==, G_TYPE_INT64);
  g_assert_cmpfloat (json_array_get_double_element (numbers, 6), ==, 5e-324);
}

static void
test_strings (void)
{
  static const char input[] =
    "{\"title\": \"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r bell \\u0007 del \\u007f"
    " é 😀 \\u2028\", \"events\": []}";
  g_autoptr(ChronicleTimeline) timeline = load_string (input);
  g_autoptr(ChronicleTimeline) reloaded = NULL;
  g_autoptr(GBytes) written = chronicle_writer_to_bytes (timeline, NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (written, NULL), g_bytes_get_size (written));

  g_assert_nonnull (strstr (text,
                            "\"title\": \"quote \\\" backslash \\\\ slash / tab \\t nl \\n cr \\r bell \\u0007"
                            " del \x7f é 😀 \xe2\x80\xa8\",\n"));

  reloaded = load_bytes (written);
  g_assert_cmpstr (chronicle_timeline_get_title (reloaded), ==, chronicle_timeline_get_title (timeline));
}

/* Exports */

static void
test_subset (void)
{
  g_autoptr(GBytes) original = read_data_file ("full.json");
  g_autoptr(ChronicleTimeline) timeline = load_bytes (original);
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(ChronicleTimeline) exported = NULL;
  g_autoptr(GBytes) written = NULL;
  JsonObject *root;
  JsonArray *array;

  /* Given out of order: written in file order all the same. */
  g_ptr_array_add (events, chronicle_timeline_lookup_event (timeline, "winter"));
  g_ptr_array_add (events, chronicle_timeline_lookup_event (timeline, "ides"));

  document = chronicle_writer_serialize (timeline, events);
  root = json_node_get_object (document);

  /* "ides" is a statement by Caesar; "winter" a built-in kind nobody
   * relabelled, so only "statement" is written, and only Caesar. */
  array = json_object_get_array_member (root, "kinds");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"), ==, "statement");

  array = json_object_get_array_member (root, "actors");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"), ==, "caesar");

  array = json_object_get_array_member (root, "events");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"), ==, "ides");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 1), "id"), ==, "winter");

  g_assert_true (json_object_has_member (root, "eras"));
  g_assert_true (json_object_has_member (root, "x-generator"));
  g_assert_cmpstr (json_object_get_string_member (root, "timezone"), ==, "America/Chicago");

  /* The export is a valid timeline of its own. */
  written = chronicle_writer_to_bytes (timeline, events);
  exported = load_bytes (written);
  g_assert_cmpuint (chronicle_timeline_get_n_events (exported), ==, 2);
  g_assert_true (chronicle_timeline_kind_is_declared (exported, "statement"));
  g_assert_false (chronicle_timeline_kind_is_declared (exported, "protest"));
  g_assert_nonnull (chronicle_timeline_lookup_actor (exported, "caesar"));
  g_assert_null (chronicle_timeline_lookup_actor (exported, "mayor"));
}

/* Quote speakers count as using an actor too. */
static void
test_subset_speakers (void)
{
  g_autoptr(GBytes) original = read_data_file ("full.json");
  g_autoptr(ChronicleTimeline) timeline = load_bytes (original);
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(JsonNode) document = NULL;
  ChronicleEvent *rally = chronicle_timeline_lookup_event (timeline, "rally");
  const char * const no_actors[] = { NULL };
  JsonArray *array;

  chronicle_event_set_actors (rally, no_actors);
  g_ptr_array_add (events, rally);

  document = chronicle_writer_serialize (timeline, events);
  array = json_object_get_array_member (json_node_get_object (document), "actors");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "id"), ==, "mayor");
}

static void
test_serialize_event (void)
{
  ChronicleTime start;
  g_autoptr(ChronicleEvent) event = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char * const tags[] = { "b", "a", NULL };
  ChronicleQuote quote = { (char *) "Words", NULL, NULL };
  JsonObject *object;
  GList *members;
  g_autoptr(GString) names = g_string_new (NULL);

  chronicle_time_parse ("2025-08-30T10:00Z", NULL, &start, &error);
  g_assert_no_error (error);

  event = chronicle_event_new ("made", "Made in code", &start);
  chronicle_event_set_tags (event, tags);
  chronicle_event_set_location (event, "Here");
  chronicle_event_add_quote (event, &quote);
  chronicle_event_set_status (event, CHRONICLE_EVENT_STATUS_CANCELLED);

  node = chronicle_writer_serialize_event (event);
  object = json_node_get_object (node);
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", (const char *) l->data);
  g_list_free (members);

  g_assert_cmpstr (names->str, ==, "id title kind status start location quotes tags");
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "other");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "cancelled");
  g_assert_cmpstr (json_object_get_string_member (object, "start"), ==, "2025-08-30T10:00Z");
}

static void
test_serialize_view (void)
{
  g_autoptr(ChronicleView) view = chronicle_view_new ("plain");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) expected = NULL;

  chronicle_view_set_group_by (view, "tag");
  node = chronicle_writer_serialize_view (view);
  expected = json_from_string ("{\"id\": \"plain\", \"group_by\": \"tag\"}", NULL);
  g_assert_true (json_node_equal (node, expected));
}

/* Unknown members named like known ones (only the app can make them)
 * are left out: read back, they would be taken for the known ones. */
static void
test_extras_with_known_names (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_string ("{\"events\": [{\"id\": \"a\", \"title\": \"A\", \"start\": \"2025\"}]}");
  ChronicleEvent *event = chronicle_timeline_lookup_event (timeline, "a");
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonObject) top = json_object_new ();
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *written_event;

  json_object_set_string_member (extra, "summary", "not a summary");
  json_object_set_int_member (extra, "x-kept", 1);
  chronicle_event_set_extra_members (event, extra);
  json_object_set_string_member (top, "title", "not a title");
  json_object_set_string_member (top, "events", "not events");
  json_object_set_boolean_member (top, "x-top", TRUE);
  chronicle_timeline_set_extra_members (timeline, top);

  document = chronicle_writer_serialize (timeline, NULL);
  written = chronicle_writer_to_bytes (timeline, NULL);
  json_parser_load_from_data (parser, g_bytes_get_data (written, NULL), g_bytes_get_size (written), &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (document, json_parser_get_root (parser)));

  g_assert_false (json_object_has_member (json_node_get_object (document), "title"));
  g_assert_true (json_object_get_boolean_member (json_node_get_object (document), "x-top"));
  written_event = json_array_get_object_element (json_object_get_array_member (json_node_get_object (document),
                                                                               "events"), 0);
  g_assert_false (json_object_has_member (written_event, "summary"));
  g_assert_cmpint (json_object_get_int_member (written_event, "x-kept"), ==, 1);
}

/* Writing files */

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("chronicle-writer-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
assert_file_contents (const char *path,
                      const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static ChronicleTimeline *
load_full (void)
{
  g_autoptr(GBytes) original = read_data_file ("full.json");

  return load_bytes (original);
}

static void
test_write_new_and_replace (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleTimeline) timeline = load_full ();
  g_autoptr(ChronicleTimeline) small = chronicle_timeline_new ();
  g_autoptr(GBytes) full = read_data_file ("full.json");
  g_autofree char *small_text = to_string (small, NULL);
  g_autofree char *full_text = g_strndup (g_bytes_get_data (full, NULL), g_bytes_get_size (full));
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (chronicle_writer_write_file (timeline, file, NULL, &error));
  g_assert_no_error (error);
  assert_file_contents (path, full_text);

  /* A shorter document replaces the longer one completely, and the file
   * keeps its permissions. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (chronicle_writer_write_file (small, file, NULL, &error));
  g_assert_no_error (error);
  assert_file_contents (path, small_text);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_unlink (path);
  g_rmdir (dir);
}

/* Writing through a symbolic link replaces the file, not the link. */
static void
test_write_symlink (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "target.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (link);
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autofree char *text = to_string (timeline, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *read_back = NULL;

  g_file_set_contents (target, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink ("target.json", link), ==, 0);

  g_assert_true (chronicle_writer_write_file (timeline, file, NULL, &error));
  g_assert_no_error (error);
  assert_file_contents (target, text);
  read_back = g_file_read_link (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_back, ==, "target.json");

  g_unlink (link);
  g_unlink (target);
  g_rmdir (dir);
}

static void
test_write_missing_directory (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "no-such-dir", "out.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleTimeline) timeline = load_full ();
  g_autoptr(GError) error = NULL;

  g_assert_false (chronicle_writer_write_file (timeline, file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_rmdir (dir);
}

/* GIO would overwrite the file in place here; the writer must not. Root
 * writes anywhere, so the check runs in a child that, when it is root,
 * becomes "nobody" first. */
static void
test_write_read_only_directory (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("CHRONICLE_TEST_FILE"));
      g_autoptr(ChronicleTimeline) timeline = load_full ();

      if (getuid () == 0)
        {
          if (setgid (65534) != 0 || setuid (65534) != 0)
            {
              g_test_skip ("cannot stop being root");
              return;
            }
#ifdef __linux__
          /* Changing user clears it, and LeakSanitizer needs it. */
          prctl (PR_SET_DUMPABLE, 1, 0, 0, 0);
#endif
        }

      g_assert_false (chronicle_writer_write_file (timeline, file, NULL, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
      return;
    }

  /* The file itself is writable by the child; only its folder is not. */
  dir = make_temp_dir ();
  path = g_build_filename (dir, "keep.json", NULL);
  g_file_set_contents (path, "original contents", -1, &error);
  g_assert_no_error (error);
  if (getuid () == 0)
    {
      g_assert_cmpint (chown (dir, 65534, 65534), ==, 0);
      g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
    }
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  g_setenv ("CHRONICLE_TEST_FILE", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  assert_file_contents (path, "original contents");

  g_chmod (dir, 0755);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_write_cancelled (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "keep.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleTimeline) timeline = load_full ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "original contents", -1, &error);
  g_assert_no_error (error);

  g_cancellable_cancel (cancellable);
  g_assert_false (chronicle_writer_write_file (timeline, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_file_contents (path, "original contents");

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_write_over_directory (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "folder.json", NULL);
  g_autofree char *inside = g_build_filename (target, "inside", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autoptr(ChronicleTimeline) timeline = load_full ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_assert_cmpint (g_mkdir (target, 0755), ==, 0);
  g_file_set_contents (inside, "x", -1, &error);
  g_assert_no_error (error);

  g_assert_false (chronicle_writer_write_file (timeline, file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_DIR));
  assert_file_contents (inside, "x");

  /* No temporary file is left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_assert_cmpstr (name, ==, "folder.json");

  g_unlink (inside);
  g_rmdir (target);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/writer/round-trip/bytes", test_round_trip_bytes);
  g_test_add_func ("/writer/round-trip/model", test_round_trip_model);
  g_test_add_func ("/writer/bytes-match-serialize", test_bytes_match_serialize);
  g_test_add_func ("/writer/canonical/form", test_canonical_form);
  g_test_add_func ("/writer/canonical/empty", test_empty_timeline);
  g_test_add_func ("/writer/canonical/numbers", test_numbers);
  g_test_add_func ("/writer/canonical/strings", test_strings);
  g_test_add_func ("/writer/subset/kinds-and-actors", test_subset);
  g_test_add_func ("/writer/subset/speakers", test_subset_speakers);
  g_test_add_func ("/writer/serialize/event", test_serialize_event);
  g_test_add_func ("/writer/serialize/view", test_serialize_view);
  g_test_add_func ("/writer/serialize/extras-with-known-names", test_extras_with_known_names);
  g_test_add_func ("/writer/file/new-and-replace", test_write_new_and_replace);
  g_test_add_func ("/writer/file/symlink", test_write_symlink);
  g_test_add_func ("/writer/file/missing-directory", test_write_missing_directory);
  g_test_add_func ("/writer/file/read-only-directory", test_write_read_only_directory);
  g_test_add_func ("/writer/file/cancelled", test_write_cancelled);
  g_test_add_func ("/writer/file/over-directory", test_write_over_directory);

  return g_test_run ();
}
