/* test-loader.c
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

#define HOUR 3600
#define MINUTE 60

static ChronicleTimeline *
load_data_file (const char       *name,
                ChronicleLoader **loader_out)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  g_assert_cmpuint (chronicle_loader_get_n_errors (loader), ==, 0);

  if (loader_out != NULL)
    *loader_out = g_steal_pointer (&loader);

  return timeline;
}

static ChronicleTimeline *
load_string (const char       *json,
             ChronicleLoader  *loader,
             GError          **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return chronicle_loader_load_bytes (loader, bytes, "test.json", NULL, error);
}

static gint64
utc (gint64 year,
     int    month,
     int    day,
     int    hour,
     int    minute,
     int    second)
{
  return chronicle_days_from_civil (year, month, day) * 86400 + hour * HOUR + minute * MINUTE + second;
}

static void
assert_civil (const ChronicleTime *time,
              int                  year,
              int                  month,
              int                  day)
{
  int y, m, d, hh, mm, ss;

  chronicle_time_get_civil (time, &y, &m, &d, &hh, &mm, &ss);
  g_assert_cmpint (y, ==, year);
  g_assert_cmpint (m, ==, month);
  g_assert_cmpint (d, ==, day);
}

static void
assert_strv (const char * const *strv,
             const char         *joined)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (strv);
  text = g_strjoinv (" ", (char **) strv);
  g_assert_cmpstr (text, ==, joined);
}

/* The names of @object's members, in order. */
static void
assert_members (JsonObject *object,
                const char *joined)
{
  g_autoptr(GString) names = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_assert_nonnull (object);

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    g_string_append_printf (names, "%s%s", names->len > 0 ? " " : "", name);

  g_assert_cmpstr (names->str, ==, joined);
}

static const ChronicleDiagnostic *
get_diagnostic (ChronicleLoader *loader,
                guint            index)
{
  GPtrArray *diagnostics = chronicle_loader_get_diagnostics (loader);

  g_assert_cmpuint (index, <, diagnostics->len);
  return g_ptr_array_index (diagnostics, index);
}

static void
assert_diagnostic (ChronicleLoader   *loader,
                   guint              index,
                   ChronicleSeverity  severity,
                   const char        *path,
                   const char        *message)
{
  const ChronicleDiagnostic *diagnostic = get_diagnostic (loader, index);

  g_assert_cmpint (diagnostic->severity, ==, severity);
  g_assert_cmpstr (diagnostic->path, ==, path);
  g_assert_cmpuint (diagnostic->line, ==, 0);
  if (strstr (diagnostic->message, message) == NULL)
    g_error ("diagnostic %u: expected “%s” in “%s”", index, message, diagnostic->message);
}

/* full.json */

static void
test_full_document (void)
{
  g_autoptr(ChronicleLoader) loader = NULL;
  g_autoptr(ChronicleTimeline) timeline = load_data_file ("full.json", &loader);
  JsonObject *extra;
  JsonNode *node;

  g_assert_cmpuint (chronicle_loader_get_n_warnings (loader), ==, 0);
  g_assert_cmpuint (chronicle_loader_get_diagnostics (loader)->len, ==, 0);
  g_assert_cmpstr (chronicle_loader_get_display_name (loader), ==, "full.json");

  g_assert_cmpstr (chronicle_timeline_get_title (timeline), ==, "Every field of the format");
  g_assert_cmpstr (chronicle_timeline_get_description (timeline), ==,
                   "A test timeline that uses every member Chronicle knows, and some it does not.");
  g_assert_cmpstr (chronicle_timeline_get_timezone (timeline), ==, "America/Chicago");
  g_assert_cmpuint (chronicle_timeline_get_n_events (timeline), ==, 7);

  /* Unknown top-level members, in file order, with their values. */
  extra = chronicle_timeline_get_extra_members (timeline);
  assert_members (extra, "x-generator x-empty");
  node = json_object_get_member (extra, "x-generator");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "name"), ==, "hand");
  node = json_object_get_member (extra, "x-empty");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (node));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 0);
}

static void
test_full_kinds (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_data_file ("full.json", NULL);
  g_autoptr(ChronicleKind) report = chronicle_kind_new_builtin (CHRONICLE_KIND_REPORT);
  ChronicleKind *kind;

  /* A built-in id relabels and recolours the built-in kind. */
  kind = chronicle_timeline_lookup_kind (timeline, CHRONICLE_KIND_STATEMENT);
  g_assert_nonnull (kind);
  g_assert_cmpstr (chronicle_kind_get_label (kind), ==, "Public statement");
  g_assert_cmpstr (chronicle_kind_get_color (kind), ==, "#aa3355");
  g_assert_true (chronicle_timeline_kind_is_declared (timeline, CHRONICLE_KIND_STATEMENT));

  kind = chronicle_timeline_lookup_kind (timeline, "protest");
  g_assert_nonnull (kind);
  g_assert_cmpstr (chronicle_kind_get_label (kind), ==, "Protest");
  g_assert_cmpstr (chronicle_kind_get_color (kind), ==, "#e66100");
  g_assert_cmpstr (chronicle_kind_get_icon_name (kind), ==, "people-symbolic");
  g_assert_true (chronicle_timeline_kind_is_declared (timeline, "protest"));

  /* Built-in kinds the file does not mention stay as they are. */
  kind = chronicle_timeline_lookup_kind (timeline, CHRONICLE_KIND_REPORT);
  g_assert_nonnull (kind);
  g_assert_cmpstr (chronicle_kind_get_label (kind), ==, chronicle_kind_get_label (report));
  g_assert_false (chronicle_timeline_kind_is_declared (timeline, CHRONICLE_KIND_REPORT));
}

static void
test_full_actors_and_eras (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_data_file ("full.json", NULL);
  GListModel *actors = chronicle_timeline_get_actors (timeline);
  GListModel *eras = chronicle_timeline_get_eras (timeline);
  g_autoptr(ChronicleActor) mayor = NULL;
  g_autoptr(ChronicleActor) caesar = NULL;
  g_autoptr(ChronicleEra) republic = NULL;
  g_autoptr(ChronicleEra) summer = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (actors), ==, 2);
  mayor = g_list_model_get_item (actors, 0);
  g_assert_cmpstr (chronicle_actor_get_id (mayor), ==, "mayor");
  g_assert_cmpstr (chronicle_actor_get_name (mayor), ==, "Brandon Johnson");
  g_assert_cmpstr (chronicle_actor_get_role (mayor), ==, "Mayor of Chicago");
  caesar = g_list_model_get_item (actors, 1);
  g_assert_cmpstr (chronicle_actor_get_id (caesar), ==, "caesar");
  g_assert_null (chronicle_actor_get_role (caesar));
  g_assert_true (chronicle_timeline_lookup_actor (timeline, "mayor") == mayor);
  g_assert_cmpstr (chronicle_timeline_get_actor_name (timeline, "mayor"), ==, "Brandon Johnson");

  g_assert_cmpuint (g_list_model_get_n_items (eras), ==, 2);
  republic = g_list_model_get_item (eras, 0);
  g_assert_cmpstr (chronicle_era_get_title (republic), ==, "Late Roman Republic");
  assert_civil (chronicle_era_get_start (republic), -132, 1, 1);
  assert_civil (chronicle_era_get_end (republic), -26, 1, 1);
  g_assert_cmpint (chronicle_time_get_precision (chronicle_era_get_start (republic)), ==,
                   CHRONICLE_TIME_PRECISION_YEAR);
  g_assert_cmpstr (chronicle_era_get_color (republic), ==, "#c0bfbc");
  summer = g_list_model_get_item (eras, 1);
  g_assert_cmpstr (chronicle_era_get_title (summer), ==, "Summer 2025");
  assert_civil (chronicle_era_get_end (summer), 2025, 9, 22);
  g_assert_null (chronicle_era_get_color (summer));
}

static void
test_full_views (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_data_file ("full.json", NULL);
  GListModel *views = chronicle_timeline_get_views (timeline);
  ChronicleView *view;

  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 2);

  view = chronicle_timeline_lookup_view (timeline, "planned-protests");
  g_assert_nonnull (view);
  g_assert_cmpstr (chronicle_view_get_title (view), ==, "Planned protests");
  assert_strv (chronicle_view_get_kinds (view), "protest statement");
  assert_strv (chronicle_view_get_statuses (view), "planned reported");
  assert_strv (chronicle_view_get_actors (view), "mayor");
  assert_strv (chronicle_view_get_tags (view), "chicago");
  g_assert_cmpstr (chronicle_view_get_text (view), ==, "downtown");
  g_assert_cmpint (chronicle_time_get_precision (chronicle_view_get_from (view)), ==,
                   CHRONICLE_TIME_PRECISION_MONTH);
  assert_civil (chronicle_view_get_from (view), 2025, 1, 1);
  assert_civil (chronicle_view_get_to (view), 2025, 12, 31);
  g_assert_cmpstr (chronicle_view_get_group_by (view), ==, "actor");
  /* Wall-clock times in the timeline's zone: Chicago is on CDT in June. */
  g_assert_cmpint (chronicle_time_get_instant (chronicle_view_get_window_from (view)), ==,
                   utc (2025, 6, 1, 5, 0, 0));
  g_assert_cmpint (chronicle_time_get_instant (chronicle_view_get_window_to (view)), ==,
                   utc (2025, 9, 1, 4, 59, 59));
  assert_members (chronicle_view_get_extra_members (view), "x-pinned");
  g_assert_true (json_object_get_boolean_member (chronicle_view_get_extra_members (view), "x-pinned"));
  assert_members (chronicle_view_get_extra_filter_members (view), "x-match");

  view = chronicle_timeline_lookup_view (timeline, "everything");
  g_assert_nonnull (view);
  g_assert_null (chronicle_view_get_title (view));
  g_assert_null (chronicle_view_get_kinds (view));
  g_assert_null (chronicle_view_get_statuses (view));
  g_assert_null (chronicle_view_get_group_by (view));
  g_assert_null (chronicle_view_get_window_from (view));
  g_assert_null (chronicle_view_get_extra_members (view));
  g_assert_null (chronicle_view_get_extra_filter_members (view));
}

static void
test_full_event (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_data_file ("full.json", NULL);
  ChronicleEvent *event = chronicle_timeline_lookup_event (timeline, "rally");
  const ChronicleQuote *quote;
  const ChronicleSource *source;
  const ChronicleTime *time;
  JsonObject *extra;
  JsonObject *review;
  JsonNode *node;
  GPtrArray *items;

  g_assert_nonnull (event);
  g_assert_false (chronicle_event_has_derived_id (event));
  g_assert_cmpuint (chronicle_event_get_file_index (event), ==, 0);
  g_assert_cmpstr (chronicle_event_get_title (event), ==, "Rally at Daley Plaza");
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, "protest");
  g_assert_cmpint (chronicle_event_get_status (event), ==, CHRONICLE_EVENT_STATUS_PLANNED);

  /* 18:30 in Chicago in July is CDT, five hours behind UTC. */
  time = chronicle_event_get_start (event);
  g_assert_cmpint (chronicle_time_get_instant (time), ==, utc (2025, 7, 4, 23, 30, 0));
  g_assert_cmpint (time->offset, ==, -5 * HOUR);
  g_assert_cmpstr (time->zone, ==, "CDT");
  g_assert_cmpint (chronicle_time_get_precision (time), ==, CHRONICLE_TIME_PRECISION_MINUTE);
  g_assert_true (chronicle_time_is_approximate (time));
  g_assert_false (time->flags & CHRONICLE_TIME_FLAG_HAS_OFFSET);

  g_assert_true (chronicle_event_is_range (event));
  time = chronicle_event_get_end (event);
  g_assert_cmpint (chronicle_time_get_instant (time), ==, utc (2025, 7, 5, 2, 0, 30));
  g_assert_cmpint (chronicle_time_get_precision (time), ==, CHRONICLE_TIME_PRECISION_SECOND);
  g_assert_true (chronicle_time_is_approximate (time));
  g_assert_true (chronicle_event_get_approximate (event));

  g_assert_cmpstr (chronicle_event_get_summary (event), ==, "A rally is announced for the evening.");
  g_assert_cmpstr (chronicle_event_get_description (event), ==,
                   "Organisers expect “thousands”.\nLine two, with a tab\tand a backslash \\.");
  assert_strv (chronicle_event_get_actors (event), "mayor Chicago Teachers Union");
  g_assert_cmpstr (chronicle_event_get_location (event), ==, "Daley Plaza, Chicago");
  assert_strv (chronicle_event_get_tags (event), "chicago labour");

  items = chronicle_event_get_quotes (event);
  g_assert_cmpuint (items->len, ==, 2);
  quote = g_ptr_array_index (items, 0);
  g_assert_cmpstr (quote->text, ==, "We will be there.");
  g_assert_cmpstr (quote->speaker, ==, "mayor");
  g_assert_cmpstr (quote->source, ==, "Press conference");
  quote = g_ptr_array_index (items, 1);
  g_assert_cmpstr (quote->text, ==, "Anonymous words.");
  g_assert_null (quote->speaker);
  g_assert_null (quote->source);

  items = chronicle_event_get_sources (event);
  g_assert_cmpuint (items->len, ==, 2);
  source = g_ptr_array_index (items, 0);
  g_assert_cmpstr (source->title, ==, "Rally planned downtown");
  g_assert_cmpstr (source->publisher, ==, "Chicago Tribune");
  g_assert_cmpstr (source->url, ==, "https://example.com/rally");
  g_assert_cmpstr (source->date, ==, "2025-07-01");
  source = g_ptr_array_index (items, 1);
  g_assert_null (source->title);
  g_assert_cmpstr (source->url, ==, "mailto:desk@example.com");

  /* Unknown members: kept in order, values intact, numbers included. */
  extra = chronicle_event_get_extra_members (event);
  assert_members (extra, "x-review x-note");
  g_assert_cmpstr (json_object_get_string_member (extra, "x-note"), ==, "kept as written");
  review = json_object_get_object_member (extra, "x-review");
  /* A copy of its own, not a part of the parser's freed tree. */
  node = json_node_get_parent (json_object_get_member (review, "list"));
  g_assert_true (node == NULL || node == json_object_get_member (extra, "x-review"));
  assert_members (review, "checked score big count nothing list");
  g_assert_false (json_object_get_boolean_member (review, "checked"));
  g_assert_cmpfloat (json_object_get_double_member (review, "score"), ==, 0.1);
  g_assert_cmpfloat (json_object_get_double_member (review, "big"), ==, 1e20);
  g_assert_cmpint (json_object_get_int_member (review, "count"), ==, 3);
  g_assert_true (json_object_get_null_member (review, "nothing"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (review, "list")), ==, 4);
}

static void
test_full_times (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_data_file ("full.json", NULL);
  g_autofree char *checksum = NULL;
  g_autofree char *derived = NULL;
  const ChronicleTime *time;
  ChronicleEvent *event;

  /* 44 BCE is year -43 in ISO numbering. */
  event = chronicle_timeline_lookup_event (timeline, "ides");
  g_assert_nonnull (event);
  time = chronicle_event_get_start (event);
  assert_civil (time, -43, 3, 15);
  g_assert_cmpint (chronicle_time_get_precision (time), ==, CHRONICLE_TIME_PRECISION_DAY);
  g_assert_true (chronicle_time_is_approximate (time));
  g_assert_false (chronicle_event_is_range (event));
  g_assert_cmpint (chronicle_event_get_status (event), ==, CHRONICLE_EVENT_STATUS_REPORTED);
  assert_strv (chronicle_event_get_actors (event), "caesar");

  /* No id: the timeline derives one from the title and the start. */
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                            "An event without an id, in 1 BCE\n0000", -1);
  derived = g_strdup_printf ("ev-%.12s", checksum);
  event = chronicle_timeline_lookup_event (timeline, derived);
  g_assert_nonnull (event);
  g_assert_true (chronicle_event_has_derived_id (event));
  g_assert_cmpuint (chronicle_event_get_file_index (event), ==, 2);
  assert_civil (chronicle_event_get_start (event), 0, 1, 1);
  g_assert_cmpint (chronicle_time_get_precision (chronicle_event_get_start (event)), ==,
                   CHRONICLE_TIME_PRECISION_YEAR);
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, CHRONICLE_KIND_OTHER);
  g_assert_false (chronicle_event_get_approximate (event));

  event = chronicle_timeline_lookup_event (timeline, "war");
  time = chronicle_event_get_start (event);
  g_assert_cmpint (chronicle_time_get_precision (time), ==, CHRONICLE_TIME_PRECISION_MONTH);
  assert_civil (time, 1939, 9, 1);
  assert_civil (chronicle_event_get_end (event), 1945, 9, 1);

  /* January in Chicago is CST, six hours behind UTC. */
  event = chronicle_timeline_lookup_event (timeline, "winter");
  time = chronicle_event_get_start (event);
  g_assert_cmpint (chronicle_time_get_instant (time), ==, utc (2025, 1, 15, 15, 0, 5));
  g_assert_cmpint (time->offset, ==, -6 * HOUR);
  g_assert_cmpstr (time->zone, ==, "CST");
  g_assert_cmpint (chronicle_event_get_status (event), ==, CHRONICLE_EVENT_STATUS_CANCELLED);
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, CHRONICLE_KIND_REPORT);

  /* Times that carry their own offset ignore the timeline's zone. */
  event = chronicle_timeline_lookup_event (timeline, "paris");
  time = chronicle_event_get_start (event);
  g_assert_cmpint (chronicle_time_get_instant (time), ==, utc (2025, 3, 30, 0, 30, 0));
  g_assert_cmpint (time->offset, ==, 2 * HOUR);
  g_assert_true (time->flags & CHRONICLE_TIME_FLAG_HAS_OFFSET);
  time = chronicle_event_get_end (event);
  g_assert_cmpint (chronicle_time_get_instant (time), ==, utc (2025, 3, 30, 3, 0, 0));
  g_assert_cmpint (time->offset, ==, 0);
  g_assert_true (time->flags & CHRONICLE_TIME_FLAG_HAS_OFFSET);

  event = chronicle_timeline_lookup_event (timeline, "far-future");
  assert_civil (chronicle_event_get_start (event), 12000, 1, 1);
  g_assert_cmpint (chronicle_event_get_status (event), ==, CHRONICLE_EVENT_STATUS_PLANNED);

  /* The model is in start order; the file index keeps the file's. */
  g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (timeline, 0)), ==, "ides");
  g_assert_cmpuint (chronicle_event_get_file_index (chronicle_timeline_get_event (timeline, 0)), ==, 1);
  g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (timeline, 6)), ==, "far-future");
}

/* Without "timezone", wall-clock times are UTC. Empty strings and lists
 * are the same as none, in view filters too. */
static void
test_defaults (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_data_file ("no-timezone.json", NULL);
  ChronicleEvent *event;
  ChronicleView *view;

  g_assert_null (chronicle_timeline_get_timezone (timeline));
  g_assert_null (chronicle_timeline_get_title (timeline));
  g_assert_null (chronicle_timeline_get_extra_members (timeline));

  event = chronicle_timeline_lookup_event (timeline, "evening");
  g_assert_cmpint (chronicle_time_get_instant (chronicle_event_get_start (event)), ==,
                   utc (2025, 7, 4, 18, 30, 0));
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, CHRONICLE_KIND_OTHER);
  g_assert_cmpint (chronicle_event_get_status (event), ==, CHRONICLE_EVENT_STATUS_OCCURRED);
  g_assert_null (chronicle_event_get_extra_members (event));

  event = chronicle_timeline_lookup_event (timeline, "empty");
  g_assert_null (chronicle_event_get_summary (event));
  g_assert_true (chronicle_event_get_tags (event) == NULL || chronicle_event_get_tags (event)[0] == NULL);
  g_assert_true (chronicle_event_get_actors (event) == NULL || chronicle_event_get_actors (event)[0] == NULL);

  view = chronicle_timeline_lookup_view (timeline, "nothing");
  g_assert_nonnull (view);
  g_assert_null (chronicle_view_get_kinds (view));
}

/* Escapes are decoded, surrogate pairs joined, numbers kept exactly. */
static void
test_json_values (void)
{
  static const char json[] =
    "{\"title\": \"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00e9\\u00C9 \\ud83d\\ude00 é\","
    " \"events\": [],"
    " \"x-values\": [0, -0, 17, -9223372036854775808, 9223372036854775807, 0.5, -1.5e-3, 1E2,"
    " true, false, null, \"\", {}, [], {\"\": {\"a\": [1, [2]]}}]}";
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(JsonNode) expected = NULL;
  g_autoptr(JsonNode) found = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *values;

  timeline = load_string (json, loader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chronicle_timeline_get_title (timeline), ==,
                   "q\" b\\ s/ \b\f\n\r\t éÉ 😀 é");

  values = json_object_get_array_member (chronicle_timeline_get_extra_members (timeline), "x-values");
  g_assert_cmpuint (json_array_get_length (values), ==, 15);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (values, 1)), ==, G_TYPE_INT64);
  g_assert_cmpint (json_array_get_int_element (values, 3), ==, G_MININT64);
  g_assert_cmpint (json_array_get_int_element (values, 4), ==, G_MAXINT64);
  g_assert_cmpint (json_node_get_value_type (json_array_get_element (values, 7)), ==, G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_array_get_double_element (values, 6), ==, -1.5e-3);

  /* The same values as json-glib reads them. */
  expected = json_from_string ("[0, 0, 17, -9223372036854775808, 9223372036854775807, 0.5, -1.5e-3, 1E2,"
                               " true, false, null, \"\", {}, [], {\"\": {\"a\": [1, [2]]}}]", &error);
  g_assert_no_error (error);
  found = json_node_init_array (json_node_alloc (), values);
  g_assert_true (json_node_equal (found, expected));
}

/* json-glib keeps the last of two members with one name; so does the
 * loader, but it says so. */
static void
test_duplicate_members (void)
{
  static const char json[] =
    "{\"title\": \"First\", \"title\": \"Second\", \"x-a\": 1, \"x-a\": 2,"
    " \"events\": [{\"title\": \"E\", \"start\": \"2025\", \"start\": \"2026\"}]}";
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleEvent *event;

  timeline = load_string (json, loader, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (chronicle_timeline_get_title (timeline), ==, "Second");
  g_assert_cmpint (json_object_get_int_member (chronicle_timeline_get_extra_members (timeline), "x-a"), ==, 2);
  event = chronicle_timeline_get_event (timeline, 0);
  assert_civil (chronicle_event_get_start (event), 2026, 1, 1);

  g_assert_cmpuint (chronicle_loader_get_n_warnings (loader), ==, 3);
  assert_diagnostic (loader, 0, CHRONICLE_SEVERITY_WARNING, "title", "“title” is given twice; the last one is used");
  assert_diagnostic (loader, 1, CHRONICLE_SEVERITY_WARNING, "x-a", "“x-a” is given twice");
  assert_diagnostic (loader, 2, CHRONICLE_SEVERITY_WARNING, "events[0].start", "“start” is given twice");
}

/* Warnings */

static void
test_warnings (void)
{
  g_autoptr(ChronicleLoader) loader = NULL;
  g_autoptr(ChronicleTimeline) timeline = load_data_file ("warnings.json", &loader);
  g_autoptr(ChronicleKind) defaults = chronicle_kind_new ("protest", NULL, NULL, NULL);
  g_autoptr(ChronicleEra) era = NULL;
  ChronicleEvent *event;
  ChronicleKind *kind;

  g_assert_cmpuint (chronicle_loader_get_n_warnings (loader), ==, 5);
  g_assert_cmpuint (chronicle_loader_get_diagnostics (loader)->len, ==, 5);
  assert_diagnostic (loader, 0, CHRONICLE_SEVERITY_WARNING, "kinds[0].color",
                     "expected a colour such as “#3584e4”, found “orange”");
  assert_diagnostic (loader, 1, CHRONICLE_SEVERITY_WARNING, "eras[0].color", "found “#12345”");
  /* Once per unknown kind, not once per event. */
  assert_diagnostic (loader, 2, CHRONICLE_SEVERITY_WARNING, "events[0].kind",
                     "unknown kind “march”; it is drawn as “Other”");
  assert_diagnostic (loader, 3, CHRONICLE_SEVERITY_WARNING, "events[2].sources[0].url",
                     "expected an http, https or mailto address, found “file:///etc/passwd”");
  assert_diagnostic (loader, 4, CHRONICLE_SEVERITY_WARNING, "events[2].sources[2].url",
                     "found “javascript:alert(1)”");

  /* Everything is still there, with defaults for what was wrong. */
  g_assert_cmpuint (chronicle_timeline_get_n_events (timeline), ==, 3);
  kind = chronicle_timeline_lookup_kind (timeline, "protest");
  g_assert_cmpstr (chronicle_kind_get_label (kind), ==, "Protest");
  g_assert_cmpstr (chronicle_kind_get_color (kind), ==, chronicle_kind_get_color (defaults));
  era = g_list_model_get_item (chronicle_timeline_get_eras (timeline), 0);
  g_assert_null (chronicle_era_get_color (era));

  event = chronicle_timeline_get_event (timeline, 0);
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, "march");
  g_assert_cmpstr (chronicle_kind_get_id (chronicle_timeline_get_event_kind (timeline, event)), ==,
                   CHRONICLE_KIND_OTHER);

  /* Sources with a URL the app will not open are kept as written. */
  event = chronicle_timeline_get_event (timeline, 2);
  g_assert_cmpuint (chronicle_event_get_sources (event)->len, ==, 3);
}

static void
test_warnings_limit (void)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GString) json = g_string_new ("{\"events\": [");
  g_autoptr(GError) error = NULL;
  const ChronicleDiagnostic *last;
  guint n = CHRONICLE_LOADER_MAX_WARNINGS + 50;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"title\": \"E%u\", \"kind\": \"k%u\", \"start\": \"2025\"}",
                            i > 0 ? "," : "", i, i);
  g_string_append (json, "]}");

  timeline = load_string (json->str, loader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_timeline_get_n_events (timeline), ==, n);

  g_assert_cmpuint (chronicle_loader_get_n_errors (loader), ==, 0);
  g_assert_cmpuint (chronicle_loader_get_diagnostics (loader)->len, ==, CHRONICLE_LOADER_MAX_WARNINGS + 1);
  assert_diagnostic (loader, CHRONICLE_LOADER_MAX_WARNINGS - 1, CHRONICLE_SEVERITY_WARNING,
                     "events[99].kind", "unknown kind “k99”");
  last = get_diagnostic (loader, CHRONICLE_LOADER_MAX_WARNINGS);
  g_assert_cmpint (last->severity, ==, CHRONICLE_SEVERITY_WARNING);
  g_assert_null (last->path);
  g_assert_cmpstr (last->message, ==, "too many warnings; the others are not shown");
}

/* Errors */

static void
test_errors_at_once (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "errors.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  g_assert_null (timeline);
  g_assert_error (error, CHRONICLE_LOADER_ERROR, CHRONICLE_LOADER_ERROR_CONTENT);

  g_assert_cmpuint (chronicle_loader_get_n_errors (loader), ==, 5);
  g_assert_cmpuint (chronicle_loader_get_n_warnings (loader), ==, 1);
  assert_diagnostic (loader, 0, CHRONICLE_SEVERITY_ERROR, "timezone",
                     "expected a time zone name such as “Europe/Paris”, found “Nowhere/Special”");
  assert_diagnostic (loader, 1, CHRONICLE_SEVERITY_ERROR, "kinds[0].id", "expected text, found an empty string");
  assert_diagnostic (loader, 2, CHRONICLE_SEVERITY_ERROR, "events[1]", "missing “title”");
  assert_diagnostic (loader, 3, CHRONICLE_SEVERITY_ERROR, "events[1].start", "expected a month from 01 to 12");
  assert_diagnostic (loader, 4, CHRONICLE_SEVERITY_ERROR, "events[2].status", "found “maybe”");
  assert_diagnostic (loader, 5, CHRONICLE_SEVERITY_WARNING, "events[3].kind", "unknown kind “unknown-kind”");

  /* The message lists the errors, not the warning. */
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], "errors.json:timezone: error: expected a time zone name"));
  g_assert_cmpstr (lines[2], ==, "errors.json:events[1]: error: missing “title”: every event needs a title");
  g_assert_true (g_str_has_prefix (lines[4], "errors.json:events[2].status: error: "));
}

static void
test_errors_limit (void)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GString) json = g_string_new ("{\"events\": [");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const ChronicleDiagnostic *last;

  for (guint i = 0; i < 30; i++)
    g_string_append_printf (json, "%s{\"title\": %u, \"start\": \"2025\"}", i > 0 ? "," : "", i);
  g_string_append (json, "]}");

  timeline = load_string (json->str, loader, &error);
  g_assert_null (timeline);
  g_assert_error (error, CHRONICLE_LOADER_ERROR, CHRONICLE_LOADER_ERROR_CONTENT);

  /* Twenty errors, then one line saying the load gave up. */
  g_assert_cmpuint (chronicle_loader_get_n_errors (loader), ==, CHRONICLE_LOADER_MAX_ERRORS + 1);
  assert_diagnostic (loader, CHRONICLE_LOADER_MAX_ERRORS - 1, CHRONICLE_SEVERITY_ERROR,
                     "events[19].title", "expected a string, found a number");
  last = get_diagnostic (loader, CHRONICLE_LOADER_MAX_ERRORS);
  g_assert_null (last->path);
  g_assert_cmpstr (last->message, ==, "too many errors; stopping here");

  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, CHRONICLE_LOADER_MAX_ERRORS + 1);
  g_assert_cmpstr (lines[CHRONICLE_LOADER_MAX_ERRORS], ==, "test.json: error: too many errors; stopping here");
}

static void
test_bom (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_data_file ("bom.json", NULL);

  g_assert_cmpstr (chronicle_timeline_get_title (timeline), ==, "With a byte order mark");
  g_assert_cmpuint (chronicle_timeline_get_n_events (timeline), ==, 1);
}

static void
test_bytes (void)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleLoader) anonymous = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  static const char json[] = "{\"events\": [{\"title\": \"One\", \"start\": \"2025-08-30\"}]}";

  timeline = load_string (json, loader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_timeline_get_n_events (timeline), ==, 1);
  g_assert_cmpstr (chronicle_loader_get_display_name (loader), ==, "test.json");

  /* Without a name, messages have no "FILE:" in front. */
  bytes = g_bytes_new_static ("{\"events\": 1}", 13);
  g_clear_object (&timeline);
  timeline = chronicle_loader_load_bytes (anonymous, bytes, NULL, NULL, &error);
  g_assert_null (timeline);
  g_assert_error (error, CHRONICLE_LOADER_ERROR, CHRONICLE_LOADER_ERROR_CONTENT);
  g_assert_cmpstr (error->message, ==, "events: error: expected an array, found a number");
  g_assert_null (chronicle_loader_get_display_name (anonymous));
}

static void
test_one_load_per_loader (void)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) first = NULL;
  g_autoptr(ChronicleTimeline) second = NULL;
  g_autoptr(GError) error = NULL;
  static const char json[] = "{\"events\": []}";

  first = load_string (json, loader, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);

  g_test_expect_message ("chronicle-loader", G_LOG_LEVEL_CRITICAL, "*!self->used*");
  second = load_string (json, loader, &error);
  g_test_assert_expected_messages ();
  g_assert_null (second);
  g_assert_no_error (error);
}

/* Reading files */

static void
assert_io_error (ChronicleLoader *loader,
                 const GError    *error,
                 const char      *file_name,
                 const char      *reason)
{
  g_autofree char *expected = g_strdup_printf ("%s: error: %s", file_name, reason);
  const ChronicleDiagnostic *diagnostic;

  g_assert_error (error, CHRONICLE_LOADER_ERROR, CHRONICLE_LOADER_ERROR_IO);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (chronicle_loader_get_n_errors (loader), ==, 1);
  diagnostic = get_diagnostic (loader, 0);
  g_assert_cmpstr (diagnostic->message, ==, reason);
  g_assert_null (diagnostic->path);
  g_assert_cmpuint (diagnostic->line, ==, 0);
}

static void
test_io_missing (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "no-such-file.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  g_assert_null (timeline);
  assert_io_error (loader, error, "no-such-file.json", "the file does not exist");
}

static void
test_io_directory (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  g_assert_null (timeline);
  assert_io_error (loader, error, "bad", "this is a folder, not a file");
}

/* Root reads any file: the check runs in a child that, when it is root,
 * becomes "nobody" first. */
static void
test_io_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("CHRONICLE_TEST_FILE"));
      g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
      g_autoptr(ChronicleTimeline) timeline = NULL;

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

      timeline = chronicle_loader_load_file (loader, file, NULL, &error);
      g_assert_null (timeline);
      assert_io_error (loader, error, "locked.json", "permission denied: you may not read this file");
      return;
    }

  dir = g_dir_make_tmp ("chronicle-loader-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  path = g_build_filename (dir, "locked.json", NULL);
  g_file_set_contents (path, "{\"events\": []}", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, 0), ==, 0);

  g_setenv ("CHRONICLE_TEST_FILE", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_io_empty (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  dir = g_dir_make_tmp ("chronicle-loader-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "empty.json", NULL);
  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);

  file = g_file_new_for_path (path);
  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  g_assert_null (timeline);
  g_assert_error (error, CHRONICLE_LOADER_ERROR, CHRONICLE_LOADER_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "empty.json:1:1: error: the file is empty; expected a JSON object");

  g_unlink (path);
  g_rmdir (dir);
}

/* Asynchronous loads */

typedef struct
{
  GAsyncResult *result;
} AsyncData;

static void
on_load_ready_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncData *data = user_data;

  data->result = g_object_ref (result);
}

/* The worker thread lets go of its task, and so of the loader, a moment
 * after the callback may already have run. */
static void
assert_finalized_soon (gpointer object)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gpointer weak = object;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  g_object_unref (object);

  while (weak != NULL && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (weak != NULL)
        g_usleep (1000);
    }

  g_assert_null (weak);
}

static ChronicleTimeline *
load_async (ChronicleLoader  *loader,
            GFile            *file,
            GCancellable     *cancellable,
            gboolean          cancel_after_start,
            GError          **error)
{
  AsyncData data = { NULL, };
  ChronicleTimeline *timeline;

  chronicle_loader_load_file_async (loader, file, cancellable, on_load_ready_cb, &data);

  /* The worker thread is reading or building by now. */
  if (cancel_after_start)
    g_cancellable_cancel (cancellable);

  while (data.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  timeline = chronicle_loader_load_file_finish (loader, data.result, error);
  g_object_unref (data.result);

  return timeline;
}

static void
test_async (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "warnings.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  timeline = load_async (loader, file, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  g_assert_cmpuint (chronicle_timeline_get_n_events (timeline), ==, 3);

  /* The diagnostics are there once the load has finished. */
  g_assert_cmpuint (chronicle_loader_get_n_warnings (loader), ==, 5);
  g_assert_cmpstr (chronicle_loader_get_display_name (loader), ==, "warnings.json");

  g_assert_finalize_object (g_steal_pointer (&timeline));
  assert_finalized_soon (g_steal_pointer (&loader));
}

static void
test_async_error (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "errors.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  timeline = load_async (loader, file, NULL, FALSE, &error);
  g_assert_null (timeline);
  g_assert_error (error, CHRONICLE_LOADER_ERROR, CHRONICLE_LOADER_ERROR_CONTENT);
  g_assert_cmpuint (chronicle_loader_get_n_errors (loader), ==, 5);
}

static void
test_async_cancel_before (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "full.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  timeline = load_async (loader, file, cancellable, FALSE, &error);
  g_assert_null (timeline);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  assert_finalized_soon (g_steal_pointer (&loader));
}

static char *
write_big_file (char  **dir_out,
                guint   n_events)
{
  g_autoptr(GString) json = g_string_new ("{\"timezone\": \"Europe/Paris\", \"events\": [\n");
  g_autoptr(GError) error = NULL;
  char *dir;
  char *path;

  for (guint i = 0; i < n_events; i++)
    g_string_append_printf (json,
                            "%s{\"id\": \"e%u\", \"title\": \"Event %u\", \"kind\": \"statement\", "
                            "\"start\": \"2025-%02u-%02uT%02u:%02u\", \"tags\": [\"a\", \"b\"]}\n",
                            i > 0 ? "," : "", i, i, 1 + i % 12, 1 + i % 28, i % 24, i % 60);
  g_string_append (json, "]}\n");

  dir = g_dir_make_tmp ("chronicle-loader-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "big.json", NULL);
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);

  *dir_out = dir;
  return path;
}

static void
test_async_cancel_while_loading (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = write_big_file (&dir, 50000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleLoader) complete_loader = chronicle_loader_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  timeline = load_async (loader, file, cancellable, TRUE, &error);
  g_assert_null (timeline);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_finalized_soon (g_steal_pointer (&loader));

  /* The same file loads in full when nobody cancels. */
  g_clear_error (&error);
  timeline = load_async (complete_loader, file, NULL, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chronicle_timeline_get_n_events (timeline), ==, 50000);

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_sync_cancelled (void)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  static const char json[] = "{\"events\": [{\"title\": \"One\", \"start\": \"2025\"}]}";

  bytes = g_bytes_new_static (json, strlen (json));
  g_cancellable_cancel (cancellable);
  timeline = chronicle_loader_load_bytes (loader, bytes, "x.json", cancellable, &error);
  g_assert_null (timeline);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (chronicle_loader_get_n_errors (loader), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/loader/full/document", test_full_document);
  g_test_add_func ("/loader/full/kinds", test_full_kinds);
  g_test_add_func ("/loader/full/actors-and-eras", test_full_actors_and_eras);
  g_test_add_func ("/loader/full/views", test_full_views);
  g_test_add_func ("/loader/full/event", test_full_event);
  g_test_add_func ("/loader/full/times", test_full_times);
  g_test_add_func ("/loader/defaults", test_defaults);
  g_test_add_func ("/loader/json-values", test_json_values);
  g_test_add_func ("/loader/warnings/duplicate-members", test_duplicate_members);
  g_test_add_func ("/loader/warnings/kept-going", test_warnings);
  g_test_add_func ("/loader/warnings/limit", test_warnings_limit);
  g_test_add_func ("/loader/errors/at-once", test_errors_at_once);
  g_test_add_func ("/loader/errors/limit", test_errors_limit);
  g_test_add_func ("/loader/bom", test_bom);
  g_test_add_func ("/loader/bytes", test_bytes);
  g_test_add_func ("/loader/one-load-per-loader", test_one_load_per_loader);
  g_test_add_func ("/loader/io/missing", test_io_missing);
  g_test_add_func ("/loader/io/directory", test_io_directory);
  g_test_add_func ("/loader/io/unreadable", test_io_unreadable);
  g_test_add_func ("/loader/io/empty", test_io_empty);
  g_test_add_func ("/loader/async/loaded", test_async);
  g_test_add_func ("/loader/async/error", test_async_error);
  g_test_add_func ("/loader/async/cancel-before", test_async_cancel_before);
  g_test_add_func ("/loader/async/cancel-while-loading", test_async_cancel_while_loading);
  g_test_add_func ("/loader/sync/cancelled", test_sync_cancelled);

  return g_test_run ();
}
