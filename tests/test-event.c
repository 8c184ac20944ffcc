/* test-event.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "chronicle-actor.h"
#include "chronicle-diagnostic.h"
#include "chronicle-era.h"
#include "chronicle-event.h"
#include "chronicle-kind.h"
#include "chronicle-view.h"
#include "model-test-utils.h"

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *)a, *(char * const *)b);
}

/* Records each notification, as "title kind". */
static void
record_notify_cb (GObject    *object,
                  GParamSpec *pspec,
                  GString    *notified)
{
  g_string_append_printf (notified, "%s%s", notified->len ? " " : "", pspec->name);
}

static char *
sort_words (const char *text)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  qsort (words, g_strv_length (words), sizeof (char *), compare_strings);

  return g_strjoinv (" ", words);
}

/* Notifications of one call may come in any order: compare them sorted. */
static void
assert_notified (GString    *notified,
                 const char *expected)
{
  g_autofree char *got = sort_words (notified->str);
  g_autofree char *want = sort_words (expected);

  g_assert_cmpstr (got, ==, want);
  g_string_truncate (notified, 0);
}

static void
test_event_new (void)
{
  ChronicleTime start = parse_time ("2025-08-23");
  g_autoptr(ChronicleEvent) event = chronicle_event_new ("e1", "Signing", &start);
  g_autoptr(ChronicleEvent) anonymous = chronicle_event_new ("", NULL, NULL);

  g_assert_cmpstr (chronicle_event_get_id (event), ==, "e1");
  g_assert_cmpstr (chronicle_event_get_title (event), ==, "Signing");
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, CHRONICLE_KIND_OTHER);
  g_assert_true (chronicle_event_get_kind (event) == g_intern_static_string ("other"));
  g_assert_cmpint (chronicle_event_get_status (event), ==, CHRONICLE_EVENT_STATUS_OCCURRED);
  g_assert_true (chronicle_time_equal (chronicle_event_get_start (event), &start));
  g_assert_null (chronicle_event_get_end (event));
  g_assert_false (chronicle_event_is_range (event));
  g_assert_false (chronicle_event_get_approximate (event));
  g_assert_false (chronicle_event_has_derived_id (event));
  g_assert_null (chronicle_event_get_summary (event));
  g_assert_null (chronicle_event_get_extra_members (event));
  g_assert_cmpuint (chronicle_event_get_file_index (event), ==, 0);

  /* Empty arrays, never NULL. */
  g_assert_nonnull (chronicle_event_get_actors (event));
  g_assert_null (chronicle_event_get_actors (event)[0]);
  g_assert_nonnull (chronicle_event_get_tags (event));
  g_assert_null (chronicle_event_get_tags (event)[0]);
  g_assert_nonnull (chronicle_event_get_quotes (event));
  g_assert_cmpuint (chronicle_event_get_quotes (event)->len, ==, 0);
  g_assert_nonnull (chronicle_event_get_sources (event));
  g_assert_cmpuint (chronicle_event_get_sources (event)->len, ==, 0);

  /* An empty id is no id. */
  g_assert_null (chronicle_event_get_id (anonymous));
  g_assert_null (chronicle_event_get_title (anonymous));
  g_assert_cmpint (chronicle_event_get_start_instant (anonymous), ==, 0);
}

static void
test_event_notify (void)
{
  ChronicleTime start = parse_time ("2025-08-23T10:00Z");
  ChronicleTime later = parse_time ("2025-08-24T10:00Z");
  ChronicleTime end = parse_time ("2025-08-30");
  const char *actors[] = { "mayor", "Jane Doe", NULL };
  const char *same_actors[] = { "mayor", "Jane Doe", NULL };
  const char *empty[] = { NULL };
  g_autoptr(ChronicleEvent) event = chronicle_event_new ("e1", "Title", &start);
  g_autoptr(GString) notified = g_string_new (NULL);
  g_autofree char *statement = g_strdup ("statement");

  g_signal_connect (event, "notify", G_CALLBACK (record_notify_cb), notified);

  chronicle_event_set_title (event, "Title");
  assert_notified (notified, "");
  chronicle_event_set_title (event, "Other title");
  assert_notified (notified, "title");
  g_assert_cmpstr (chronicle_event_get_title (event), ==, "Other title");

  chronicle_event_set_id (event, "e1");
  assert_notified (notified, "");
  chronicle_event_set_id (event, "e2");
  assert_notified (notified, "id");

  chronicle_event_set_kind (event, "statement");
  assert_notified (notified, "kind");
  /* Equal text at another address is no change. */
  chronicle_event_set_kind (event, statement);
  assert_notified (notified, "");
  g_assert_true (chronicle_event_get_kind (event) == g_intern_string ("statement"));
  chronicle_event_set_kind (event, NULL);
  assert_notified (notified, "kind");
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, "other");

  chronicle_event_set_status (event, CHRONICLE_EVENT_STATUS_OCCURRED);
  assert_notified (notified, "");
  chronicle_event_set_status (event, CHRONICLE_EVENT_STATUS_PLANNED);
  assert_notified (notified, "status");

  chronicle_event_set_start (event, &start);
  assert_notified (notified, "");
  chronicle_event_set_start (event, &later);
  assert_notified (notified, "start");
  g_assert_cmpint (chronicle_event_get_start_instant (event), ==, later.instant);

  chronicle_event_set_end (event, NULL);
  assert_notified (notified, "");
  chronicle_event_set_end (event, &end);
  assert_notified (notified, "end");
  chronicle_event_set_end (event, &end);
  assert_notified (notified, "");
  g_assert_true (chronicle_event_is_range (event));

  /* Approximate marks both times. */
  chronicle_event_set_approximate (event, FALSE);
  assert_notified (notified, "");
  chronicle_event_set_approximate (event, TRUE);
  assert_notified (notified, "start approximate end");
  g_assert_true (chronicle_event_get_approximate (event));
  g_assert_true (chronicle_time_is_approximate (chronicle_event_get_start (event)));
  g_assert_true (chronicle_time_is_approximate (chronicle_event_get_end (event)));
  chronicle_event_set_approximate (event, TRUE);
  assert_notified (notified, "");

  chronicle_event_set_summary (event, "Short");
  assert_notified (notified, "summary");
  chronicle_event_set_summary (event, "Short");
  assert_notified (notified, "");
  chronicle_event_set_description (event, "Long");
  assert_notified (notified, "description");
  chronicle_event_set_location (event, "City Hall");
  assert_notified (notified, "location");
  chronicle_event_set_location (event, NULL);
  assert_notified (notified, "location");
  g_assert_null (chronicle_event_get_location (event));

  chronicle_event_set_actors (event, actors);
  assert_notified (notified, "actors");
  chronicle_event_set_actors (event, same_actors);
  assert_notified (notified, "");
  g_assert_cmpstrv (chronicle_event_get_actors (event), actors);
  g_assert_true (chronicle_event_get_actors (event) != actors);
  chronicle_event_set_actors (event, empty);
  assert_notified (notified, "actors");
  chronicle_event_set_actors (event, NULL);
  assert_notified (notified, "");

  chronicle_event_set_tags (event, actors);
  assert_notified (notified, "tags");
  chronicle_event_set_tags (event, NULL);
  assert_notified (notified, "tags");

  chronicle_event_set_end (event, NULL);
  assert_notified (notified, "end");
  g_assert_false (chronicle_event_is_range (event));
}

static void
test_event_properties (void)
{
  ChronicleTime start = parse_time ("2025-08-23");
  ChronicleTime end = parse_time ("2025-08-25");
  const char *tags[] = { "budget", NULL };
  g_autoptr(ChronicleEvent) event = chronicle_event_new ("e1", "Title", &start);
  g_autoptr(ChronicleTime) got_start = NULL;
  g_autoptr(ChronicleTime) got_end = NULL;
  g_auto(GStrv) got_tags = NULL;
  g_autofree char *kind = NULL;
  ChronicleEventStatus status;
  GParamSpec *pspec;
  gboolean approximate;

  g_object_set (event,
                "status", CHRONICLE_EVENT_STATUS_CANCELLED,
                "kind", "report",
                "tags", tags,
                "approximate", TRUE,
                NULL);
  g_object_get (event,
                "status", &status,
                "kind", &kind,
                "start", &got_start,
                "end", &got_end,
                "tags", &got_tags,
                "approximate", &approximate,
                NULL);

  g_assert_cmpint (status, ==, CHRONICLE_EVENT_STATUS_CANCELLED);
  g_assert_cmpstr (kind, ==, "report");
  g_assert_nonnull (got_start);
  g_assert_cmpint (got_start->instant, ==, start.instant);
  g_assert_true (chronicle_time_is_approximate (got_start));
  g_assert_null (got_end);
  g_assert_cmpstrv (got_tags, tags);
  g_assert_true (approximate);

  g_object_set (event, "end", &end, NULL);
  g_assert_true (chronicle_event_is_range (event));
  g_assert_cmpint (chronicle_event_get_end (event)->instant, ==, end.instant);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (event), "status");
  g_assert_nonnull (pspec);
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == CHRONICLE_TYPE_EVENT_STATUS);
  g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (event), "start");
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == CHRONICLE_TYPE_TIME);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (event), "actors");
  g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRV);
}

static void
test_event_status_strings (void)
{
  g_autoptr(GEnumClass) enum_class = NULL;

  for (guint i = 0; i < CHRONICLE_EVENT_N_STATUSES; i++)
    {
      const char *text = chronicle_event_status_to_string (i);
      ChronicleEventStatus status = CHRONICLE_EVENT_N_STATUSES;

      g_assert_nonnull (text);
      g_assert_true (chronicle_event_status_from_string (text, &status));
      g_assert_cmpint (status, ==, i);
      g_assert_nonnull (chronicle_event_status_get_label (i));
    }

  g_assert_cmpstr (chronicle_event_status_to_string (CHRONICLE_EVENT_STATUS_OCCURRED), ==, "occurred");
  g_assert_cmpstr (chronicle_event_status_to_string (CHRONICLE_EVENT_STATUS_PLANNED), ==, "planned");
  g_assert_cmpstr (chronicle_event_status_to_string (CHRONICLE_EVENT_STATUS_REPORTED), ==, "reported");
  g_assert_cmpstr (chronicle_event_status_to_string (CHRONICLE_EVENT_STATUS_CANCELLED), ==, "cancelled");
  g_assert_cmpstr (chronicle_event_status_get_label (CHRONICLE_EVENT_STATUS_PLANNED), ==, "Planned");

  g_assert_false (chronicle_event_status_from_string ("Planned", NULL));
  g_assert_false (chronicle_event_status_from_string ("canceled", NULL));
  g_assert_false (chronicle_event_status_from_string ("", NULL));
  g_assert_false (chronicle_event_status_from_string (NULL, NULL));

  /* The enum type knows the same strings, for GtkExpression and bindings. */
  g_assert_cmpstr (g_type_name (CHRONICLE_TYPE_EVENT_STATUS), ==, "ChronicleEventStatus");
  enum_class = g_type_class_ref (CHRONICLE_TYPE_EVENT_STATUS);
  for (guint i = 0; i < CHRONICLE_EVENT_N_STATUSES; i++)
    g_assert_cmpstr (g_enum_get_value (enum_class, i)->value_nick, ==,
                     chronicle_event_status_to_string (i));
}

static void
test_event_derived_id (void)
{
  ChronicleTime start = parse_time ("2025-08-23");
  ChronicleTime other_start = parse_time ("2025-08-24");
  g_autoptr(ChronicleEvent) a = chronicle_event_new (NULL, "Signing", &start);
  g_autoptr(ChronicleEvent) b = chronicle_event_new ("explicit", "Signing", &start);
  g_autoptr(ChronicleEvent) c = chronicle_event_new (NULL, "Signing!", &start);
  g_autoptr(ChronicleEvent) d = chronicle_event_new (NULL, "Signing", &other_start);
  g_autofree char *id_a = chronicle_event_derive_id (a);
  g_autofree char *id_b = chronicle_event_derive_id (b);
  g_autofree char *id_c = chronicle_event_derive_id (c);
  g_autofree char *id_d = chronicle_event_derive_id (d);
  g_autofree char *iso = chronicle_time_to_iso8601 (&start);
  g_autofree char *text = g_strconcat ("Signing\n", iso, NULL);
  g_autofree char *checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
  g_autofree char *expected = g_strdup_printf ("ev-%.12s", checksum);

  g_assert_cmpstr (iso, ==, "2025-08-23");
  g_assert_cmpstr (id_a, ==, expected);
  g_assert_cmpuint (strlen (id_a), ==, 15);
  g_assert_true (g_str_has_prefix (id_a, "ev-"));
  for (guint i = 3; i < 15; i++)
    g_assert_true (g_ascii_isxdigit (id_a[i]) && !g_ascii_isupper (id_a[i]));

  /* Only the title and the start count, not the id. */
  g_assert_cmpstr (id_a, ==, id_b);
  g_assert_cmpstr (id_a, !=, id_c);
  g_assert_cmpstr (id_a, !=, id_d);

  chronicle_event_set_derived_id (a, id_a);
  g_assert_true (chronicle_event_has_derived_id (a));
  g_assert_cmpstr (chronicle_event_get_id (a), ==, id_a);
  chronicle_event_set_id (a, "mine");
  g_assert_false (chronicle_event_has_derived_id (a));
}

static void
test_event_compare (void)
{
  ChronicleTime day = parse_time ("2025-08-23");
  ChronicleTime month = parse_time ("2025-08");
  ChronicleTime midnight = parse_time ("2025-08-23T00:00:00Z");
  ChronicleTime later = parse_time ("2025-08-23T00:00:01Z");
  g_autoptr(ChronicleEvent) a = chronicle_event_new ("a", "A", &day);
  g_autoptr(ChronicleEvent) b = chronicle_event_new ("b", "B", &day);
  g_autoptr(ChronicleEvent) c = chronicle_event_new ("c", "C", &midnight);
  g_autoptr(ChronicleEvent) d = chronicle_event_new ("d", "D", &later);
  g_autoptr(ChronicleEvent) e = chronicle_event_new ("e", "E", &month);

  chronicle_event_set_file_index (a, 5);
  chronicle_event_set_file_index (b, 2);
  chronicle_event_set_file_index (c, 0);
  chronicle_event_set_file_index (d, 0);
  chronicle_event_set_file_index (e, 9);

  /* Same instant and precision: file order. */
  g_assert_cmpint (chronicle_event_compare (b, a), <, 0);
  g_assert_cmpint (chronicle_event_compare (a, b), >, 0);
  g_assert_cmpint (chronicle_event_compare (a, a), ==, 0);
  /* Same instant: the whole day before the second at its start. */
  g_assert_cmpint (midnight.instant, ==, day.instant);
  g_assert_cmpint (chronicle_event_compare (a, c), <, 0);
  g_assert_cmpint (chronicle_event_compare (c, a), >, 0);
  /* The earlier instant first, whatever the file index. */
  g_assert_cmpint (chronicle_event_compare (c, d), <, 0);
  g_assert_cmpint (chronicle_event_compare (e, b), <, 0);
}

static void
test_event_instants (void)
{
  ChronicleTime day = parse_time ("2025-08-23");
  ChronicleTime end = parse_time ("2025-08-25");
  ChronicleTime minute = parse_time ("2025-08-23T10:30Z");
  g_autoptr(ChronicleEvent) point = chronicle_event_new ("p", "P", &day);
  g_autoptr(ChronicleEvent) range = chronicle_event_new ("r", "R", &day);
  g_autoptr(ChronicleEvent) exact = chronicle_event_new ("x", "X", &minute);

  chronicle_event_set_end (range, &end);

  /* A day event spans the day. */
  g_assert_cmpint (chronicle_event_get_start_instant (point), ==, day.instant);
  g_assert_cmpint (chronicle_event_get_end_instant (point), ==, day.instant + 86400);
  /* A range ends at the end of its end's day: three days. */
  g_assert_cmpint (chronicle_event_get_end_instant (range), ==, day.instant + 3 * 86400);
  g_assert_cmpint (chronicle_event_get_end_instant (exact), ==, chronicle_time_get_end_instant (&minute));
  g_assert_cmpint (chronicle_event_get_end_instant (exact), ==, minute.instant + 60);
}

static void
test_event_quotes_sources (void)
{
  ChronicleTime start = parse_time ("2025");
  g_autoptr(ChronicleEvent) event = chronicle_event_new ("e", "E", &start);
  g_autoptr(ChronicleQuote) quote = chronicle_quote_new ("We will act.", "mayor", NULL);
  g_autoptr(ChronicleSource) source = chronicle_source_new ("Article", NULL, "https://example.org", "2025-08-24");
  g_autoptr(ChronicleQuote) quote_copy = NULL;
  GPtrArray *quotes;
  GPtrArray *sources;
  ChronicleQuote *stored_quote;
  ChronicleSource *stored_source;

  chronicle_event_add_quote (event, quote);
  chronicle_event_add_source (event, source);

  quotes = chronicle_event_get_quotes (event);
  g_assert_true (quotes == chronicle_event_get_quotes (event));
  g_assert_cmpuint (quotes->len, ==, 1);
  stored_quote = g_ptr_array_index (quotes, 0);
  g_assert_true (stored_quote != quote);
  g_assert_cmpstr (stored_quote->text, ==, "We will act.");
  g_assert_cmpstr (stored_quote->speaker, ==, "mayor");
  g_assert_null (stored_quote->source);

  sources = chronicle_event_get_sources (event);
  g_assert_cmpuint (sources->len, ==, 1);
  stored_source = g_ptr_array_index (sources, 0);
  g_assert_true (stored_source != source);
  g_assert_cmpstr (stored_source->title, ==, "Article");
  g_assert_null (stored_source->publisher);
  g_assert_cmpstr (stored_source->url, ==, "https://example.org");
  g_assert_cmpstr (stored_source->date, ==, "2025-08-24");

  quote_copy = g_boxed_copy (CHRONICLE_TYPE_QUOTE, quote);
  g_assert_cmpstr (quote_copy->text, ==, quote->text);
  g_assert_true (quote_copy->text != quote->text);
}

static void
test_event_extra_members (void)
{
  ChronicleTime start = parse_time ("2025");
  g_autoptr(ChronicleEvent) event = chronicle_event_new ("e", "E", &start);
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonObject) empty = json_object_new ();

  json_object_set_string_member (extra, "x-color", "teal");
  chronicle_event_set_extra_members (event, extra);
  g_assert_true (chronicle_event_get_extra_members (event) == extra);

  /* The event holds its own reference. */
  g_clear_pointer (&extra, json_object_unref);
  g_assert_cmpstr (json_object_get_string_member (chronicle_event_get_extra_members (event), "x-color"),
                   ==, "teal");

  chronicle_event_set_extra_members (event, empty);
  g_assert_null (chronicle_event_get_extra_members (event));
}

static void
test_event_finalize (void)
{
  ChronicleTime start = parse_time ("2025");
  ChronicleTime end = parse_time ("2026");
  const char *tags[] = { "a", "b", NULL };
  ChronicleEvent *event = chronicle_event_new ("e", "E", &start);
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(ChronicleQuote) quote = chronicle_quote_new ("Q", NULL, NULL);

  json_object_set_int_member (extra, "n", 1);
  chronicle_event_set_end (event, &end);
  chronicle_event_set_tags (event, tags);
  chronicle_event_set_actors (event, tags);
  chronicle_event_set_summary (event, "S");
  chronicle_event_set_extra_members (event, extra);
  chronicle_event_add_quote (event, quote);
  chronicle_event_get_sources (event);

  g_assert_finalize_object (event);
}

static void
test_kind_builtin (void)
{
  const char * const *ids = chronicle_kind_get_builtin_ids ();
  const char *expected[] = {
    "order-signing", "planned-deployment", "statement", "enforcement-action",
    "legal-action", "report", "other", NULL
  };
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ChronicleKind) unknown = chronicle_kind_new_builtin ("no-such-kind");

  g_assert_cmpstrv (ids, expected);
  g_assert_null (unknown);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(ChronicleKind) kind = chronicle_kind_new_builtin (ids[i]);
      guint32 rgb;

      g_assert_nonnull (kind);
      g_assert_cmpstr (chronicle_kind_get_id (kind), ==, ids[i]);
      g_assert_true (chronicle_kind_is_builtin (kind));
      g_assert_nonnull (chronicle_kind_get_label (kind));
      g_assert_true (chronicle_parse_color (chronicle_kind_get_color (kind), &rgb));
      g_assert_cmpuint (strlen (chronicle_kind_get_color (kind)), ==, 7);
      /* Every built-in kind has its own colour. */
      g_assert_false (g_hash_table_contains (colors, chronicle_kind_get_color (kind)));
      g_hash_table_add (colors, (char *)chronicle_kind_get_color (kind));
      g_assert_true (g_str_has_suffix (chronicle_kind_get_icon_name (kind), "-symbolic"));
    }

  {
    g_autoptr(ChronicleKind) signing = chronicle_kind_new_builtin ("order-signing");
    g_autoptr(ChronicleKind) other = chronicle_kind_new_builtin ("other");

    g_assert_cmpstr (chronicle_kind_get_label (signing), ==, "Order signing");
    g_assert_cmpstr (chronicle_kind_get_label (other), ==, "Other");
    g_assert_cmpstr (chronicle_kind_get_icon_name (signing), ==, "document-edit-symbolic");
  }
}

static void
test_kind_custom (void)
{
  g_autoptr(ChronicleKind) custom = chronicle_kind_new ("protest", "Protest", "#ABC", NULL);
  g_autoptr(ChronicleKind) bare = chronicle_kind_new ("vote", NULL, "blue", NULL);
  g_autoptr(ChronicleKind) bare_again = chronicle_kind_new ("vote", NULL, NULL, NULL);
  g_autoptr(ChronicleKind) relabelled = chronicle_kind_new ("statement", "Speech", NULL, NULL);
  g_autoptr(ChronicleKind) statement = chronicle_kind_new_builtin ("statement");
  g_autoptr(GString) notified = g_string_new (NULL);
  guint32 rgb;

  g_assert_false (chronicle_kind_is_builtin (custom));
  g_assert_cmpstr (chronicle_kind_get_label (custom), ==, "Protest");
  g_assert_cmpstr (chronicle_kind_get_color (custom), ==, "#aabbcc");
  g_assert_null (chronicle_kind_get_icon_name (custom));

  /* Defaults: the id as label, a stable palette colour. */
  g_assert_cmpstr (chronicle_kind_get_label (bare), ==, "vote");
  g_assert_true (chronicle_parse_color (chronicle_kind_get_color (bare), &rgb));
  g_assert_cmpstr (chronicle_kind_get_color (bare), ==, chronicle_kind_get_color (bare_again));

  /* A built-in id keeps the built-in colour and icon unless given. */
  g_assert_true (chronicle_kind_is_builtin (relabelled));
  g_assert_cmpstr (chronicle_kind_get_label (relabelled), ==, "Speech");
  g_assert_cmpstr (chronicle_kind_get_color (relabelled), ==, chronicle_kind_get_color (statement));
  g_assert_cmpstr (chronicle_kind_get_icon_name (relabelled), ==, chronicle_kind_get_icon_name (statement));

  g_signal_connect (custom, "notify", G_CALLBACK (record_notify_cb), notified);
  chronicle_kind_set_label (custom, "Protest");
  chronicle_kind_set_color (custom, "#aabbcc");
  chronicle_kind_set_icon_name (custom, NULL);
  assert_notified (notified, "");
  chronicle_kind_set_label (custom, "Demonstration");
  chronicle_kind_set_color (custom, "#112233");
  chronicle_kind_set_icon_name (custom, "mark-location-symbolic");
  assert_notified (notified, "label color icon-name");
  g_assert_cmpstr (chronicle_kind_get_color (custom), ==, "#112233");
}

static void
test_kind_parse_color (void)
{
  guint32 rgb = 0;

  g_assert_true (chronicle_parse_color ("#3584e4", &rgb));
  g_assert_cmphex (rgb, ==, 0x3584e4);
  g_assert_true (chronicle_parse_color ("#3584E4", &rgb));
  g_assert_cmphex (rgb, ==, 0x3584e4);
  g_assert_true (chronicle_parse_color ("#f0a", &rgb));
  g_assert_cmphex (rgb, ==, 0xff00aa);
  g_assert_true (chronicle_parse_color ("#000", NULL));

  rgb = 42;
  g_assert_false (chronicle_parse_color ("3584e4", &rgb));
  g_assert_false (chronicle_parse_color ("#3584e", &rgb));
  g_assert_false (chronicle_parse_color ("#3584e4f", &rgb));
  g_assert_false (chronicle_parse_color ("#gggggg", &rgb));
  g_assert_false (chronicle_parse_color ("#12 456", &rgb));
  g_assert_false (chronicle_parse_color ("#", &rgb));
  g_assert_false (chronicle_parse_color ("", &rgb));
  g_assert_false (chronicle_parse_color (NULL, &rgb));
  g_assert_false (chronicle_parse_color ("blue", &rgb));
  g_assert_cmpuint (rgb, ==, 42);
}

static void
test_actor (void)
{
  g_autoptr(ChronicleActor) actor = chronicle_actor_new ("mayor", "Jane Doe", "Mayor");
  g_autoptr(ChronicleActor) plain = chronicle_actor_new ("x", "X", NULL);
  g_autofree char *name = NULL;

  g_assert_cmpstr (chronicle_actor_get_id (actor), ==, "mayor");
  g_assert_cmpstr (chronicle_actor_get_name (actor), ==, "Jane Doe");
  g_assert_cmpstr (chronicle_actor_get_role (actor), ==, "Mayor");
  g_assert_null (chronicle_actor_get_role (plain));
  g_object_get (actor, "name", &name, NULL);
  g_assert_cmpstr (name, ==, "Jane Doe");
}

static void
test_era (void)
{
  ChronicleTime start = parse_time ("2020");
  ChronicleTime end = parse_time ("2024-06");
  g_autoptr(ChronicleEra) era = chronicle_era_new ("First term", &start, &end, "#F00");
  g_autoptr(ChronicleEra) plain = chronicle_era_new ("Plain", &start, &end, "red");

  g_assert_cmpstr (chronicle_era_get_title (era), ==, "First term");
  g_assert_true (chronicle_time_equal (chronicle_era_get_start (era), &start));
  g_assert_true (chronicle_time_equal (chronicle_era_get_end (era), &end));
  g_assert_cmpstr (chronicle_era_get_color (era), ==, "#ff0000");
  g_assert_null (chronicle_era_get_color (plain));
}

static void
test_view_copy (void)
{
  ChronicleTime from = parse_time ("2025-01");
  ChronicleTime to = parse_time ("2025-12");
  ChronicleTime later = parse_time ("2026");
  const char *kinds[] = { "statement", "report", NULL };
  const char *statuses[] = { "planned", NULL };
  const char *other_kinds[] = { "other", NULL };
  g_autoptr(ChronicleView) view = chronicle_view_new ("budget");
  g_autoptr(ChronicleView) copy = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonObject) nested = json_object_new ();
  JsonObject *copied_nested;

  json_object_set_int_member (nested, "depth", 1);
  json_object_set_object_member (extra, "x-layout", json_object_ref (nested));
  json_object_set_string_member (extra, "x-note", "kept");

  chronicle_view_set_title (view, "Budget");
  chronicle_view_set_kinds (view, kinds);
  chronicle_view_set_statuses (view, statuses);
  chronicle_view_set_text (view, "council");
  chronicle_view_set_from (view, &from);
  chronicle_view_set_to (view, &to);
  chronicle_view_set_group_by (view, "kind");
  chronicle_view_set_window_from (view, &from);
  chronicle_view_set_window_to (view, &to);
  chronicle_view_set_extra_members (view, extra);

  copy = chronicle_view_copy (view);

  g_assert_cmpstr (chronicle_view_get_id (copy), ==, "budget");
  g_assert_cmpstr (chronicle_view_get_title (copy), ==, "Budget");
  g_assert_cmpstrv (chronicle_view_get_kinds (copy), kinds);
  g_assert_cmpstrv (chronicle_view_get_statuses (copy), statuses);
  g_assert_null (chronicle_view_get_actors (copy));
  g_assert_null (chronicle_view_get_tags (copy));
  g_assert_cmpstr (chronicle_view_get_text (copy), ==, "council");
  g_assert_true (chronicle_time_equal (chronicle_view_get_from (copy), &from));
  g_assert_true (chronicle_time_equal (chronicle_view_get_to (copy), &to));
  g_assert_cmpstr (chronicle_view_get_group_by (copy), ==, "kind");
  g_assert_true (chronicle_time_equal (chronicle_view_get_window_from (copy), &from));
  g_assert_true (chronicle_time_equal (chronicle_view_get_window_to (copy), &to));
  g_assert_null (chronicle_view_get_extra_filter_members (copy));

  /* Nothing is shared. */
  g_assert_true (chronicle_view_get_kinds (copy) != chronicle_view_get_kinds (view));
  g_assert_true (chronicle_view_get_from (copy) != chronicle_view_get_from (view));
  g_assert_true (chronicle_view_get_extra_members (copy) != extra);
  copied_nested = json_object_get_object_member (chronicle_view_get_extra_members (copy), "x-layout");
  g_assert_true (copied_nested != nested);
  g_assert_cmpint (json_object_get_int_member (copied_nested, "depth"), ==, 1);

  chronicle_view_set_title (view, "Changed");
  chronicle_view_set_kinds (view, other_kinds);
  chronicle_view_set_to (view, &later);
  chronicle_view_set_text (view, NULL);
  json_object_set_int_member (nested, "depth", 2);

  g_assert_cmpstr (chronicle_view_get_title (copy), ==, "Budget");
  g_assert_cmpstrv (chronicle_view_get_kinds (copy), kinds);
  g_assert_true (chronicle_time_equal (chronicle_view_get_to (copy), &to));
  g_assert_cmpstr (chronicle_view_get_text (copy), ==, "council");
  g_assert_cmpint (json_object_get_int_member (copied_nested, "depth"), ==, 1);

  /* Members keep their order. */
  {
    g_autoptr(GList) members = json_object_get_members (chronicle_view_get_extra_members (copy));

    g_assert_cmpuint (g_list_length (members), ==, 2);
    g_assert_cmpstr (members->data, ==, "x-layout");
    g_assert_cmpstr (members->next->data, ==, "x-note");
  }

  /* Empty filters are no filter. */
  chronicle_view_set_text (copy, "");
  g_assert_null (chronicle_view_get_text (copy));
  chronicle_view_set_kinds (copy, (const char *[]) { NULL });
  g_assert_null (chronicle_view_get_kinds (copy));

  g_assert_finalize_object (g_steal_pointer (&copy));
}

static void
test_diagnostic_to_string (void)
{
  g_autoptr(ChronicleDiagnostic) positioned =
    chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, 3, 7, NULL, "expected a value");
  g_autoptr(ChronicleDiagnostic) with_path =
    chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, 0, 0, "events[12].start", "expected a date");
  g_autoptr(ChronicleDiagnostic) bare =
    chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, 0, 0, NULL, "cannot read");
  g_autoptr(ChronicleDiagnostic) warning =
    chronicle_diagnostic_new (CHRONICLE_SEVERITY_WARNING, 0, 0, "events[3].kind", "unknown kind");
  g_autoptr(ChronicleDiagnostic) line_only =
    chronicle_diagnostic_new (CHRONICLE_SEVERITY_WARNING, 4, 0, "ignored", "odd");
  g_autoptr(ChronicleDiagnostic) copy = NULL;
  g_autofree char *s1 = chronicle_diagnostic_to_string (positioned, "a.json");
  g_autofree char *s2 = chronicle_diagnostic_to_string (with_path, "a.json");
  g_autofree char *s3 = chronicle_diagnostic_to_string (bare, "a.json");
  g_autofree char *s4 = chronicle_diagnostic_to_string (warning, "a.json");
  g_autofree char *s5 = chronicle_diagnostic_to_string (line_only, "a.json");
  g_autofree char *s6 = chronicle_diagnostic_to_string (with_path, NULL);
  g_autofree char *s7 = chronicle_diagnostic_to_string (bare, NULL);
  g_autofree char *s8 = NULL;

  g_assert_cmpstr (s1, ==, "a.json:3:7: error: expected a value");
  g_assert_cmpstr (s2, ==, "a.json:events[12].start: error: expected a date");
  g_assert_cmpstr (s3, ==, "a.json: error: cannot read");
  g_assert_cmpstr (s4, ==, "a.json:events[3].kind: warning: unknown kind");
  g_assert_cmpstr (s5, ==, "a.json:4: warning: odd");
  g_assert_cmpstr (s6, ==, "events[12].start: error: expected a date");
  g_assert_cmpstr (s7, ==, "error: cannot read");

  copy = g_boxed_copy (CHRONICLE_TYPE_DIAGNOSTIC, with_path);
  g_assert_true (copy->path != with_path->path);
  g_assert_true (copy->message != with_path->message);
  g_assert_cmpint (copy->severity, ==, CHRONICLE_SEVERITY_ERROR);
  s8 = chronicle_diagnostic_to_string (copy, "a.json");
  g_assert_cmpstr (s8, ==, s2);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  /* The untranslated strings are what the tests compare with. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event/new", test_event_new);
  g_test_add_func ("/event/notify", test_event_notify);
  g_test_add_func ("/event/properties", test_event_properties);
  g_test_add_func ("/event/status/strings", test_event_status_strings);
  g_test_add_func ("/event/derived-id", test_event_derived_id);
  g_test_add_func ("/event/compare", test_event_compare);
  g_test_add_func ("/event/instants", test_event_instants);
  g_test_add_func ("/event/quotes-sources", test_event_quotes_sources);
  g_test_add_func ("/event/extra-members", test_event_extra_members);
  g_test_add_func ("/event/finalize", test_event_finalize);
  g_test_add_func ("/kind/builtin", test_kind_builtin);
  g_test_add_func ("/kind/custom", test_kind_custom);
  g_test_add_func ("/kind/parse-color", test_kind_parse_color);
  g_test_add_func ("/actor/new", test_actor);
  g_test_add_func ("/era/new", test_era);
  g_test_add_func ("/view/copy", test_view_copy);
  g_test_add_func ("/diagnostic/to-string", test_diagnostic_to_string);

  return g_test_run ();
}
