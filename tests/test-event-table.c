/* test-event-table.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "chronicle-event-table.h"
#include "chronicle-timeline.h"
#include "model-test-utils.h"

/* The strings of event @i in @sets, joined by "|". */
static char *
join_sets (const ChronicleStringSets *sets,
           guint                      i)
{
  GString *text = g_string_new (NULL);

  for (guint32 k = sets->offsets[i]; k < sets->offsets[i + 1]; k++)
    {
      g_assert_cmpuint (sets->members[k], <, sets->n_strings);
      if (text->len > 0)
        g_string_append_c (text, '|');
      g_string_append (text, sets->strings[sets->members[k]]);
    }

  return g_string_free (text, FALSE);
}

/* The timeline's table says of each event, by position, what the event
 * says of itself, each distinct actor, tag and kind once. */
static void
test_from_timeline (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleEventTable) table = NULL;
  g_autoptr(ChronicleEventTable) again = NULL;
  g_autoptr(ChronicleEventTable) changed = NULL;
  const char *mayor_council[] = { "mayor", "council", NULL };
  const char *council[] = { "council", NULL };
  const char *tags[] = { "policy", NULL };
  ChronicleEvent *events[4];
  ChronicleStringSets actors, tag_sets;
  const char * const *kind_ids;
  guint n_kind_ids;
  g_autoptr(GError) error = NULL;
  g_autofree char *joined = NULL;

  /* Given out of order: the table follows the timeline's order. */
  events[0] = make_classified_event ("c", "statement", "2025-08-27", NULL, council, NULL);
  events[1] = make_classified_event ("a", "order-signing", "2025-08-25T10:00Z", "2025-08-26",
                                     mayor_council, tags);
  events[2] = make_classified_event ("b", "statement", "2025-08", NULL, NULL, tags);
  events[3] = make_classified_event ("d", "no-such-kind", "-0044-03-15", NULL, NULL, NULL);
  chronicle_event_set_status (events[0], CHRONICLE_EVENT_STATUS_PLANNED);
  chronicle_event_set_approximate (events[2], TRUE);

  g_assert_true (chronicle_timeline_add_events (timeline, events, 4, &error));
  g_assert_no_error (error);

  table = chronicle_timeline_get_table (timeline);
  g_assert_cmpuint (chronicle_event_table_get_n_events (table), ==, 4);

  /* Built once, until the events change. */
  again = chronicle_timeline_get_table (timeline);
  g_assert_true (again == table);

  chronicle_event_table_get_actors (table, &actors);
  chronicle_event_table_get_tags (table, &tag_sets);
  kind_ids = chronicle_event_table_get_kind_ids (table, &n_kind_ids);
  g_assert_cmpuint (n_kind_ids, ==, 3);
  g_assert_null (kind_ids[n_kind_ids]);
  g_assert_cmpuint (actors.n_strings, ==, 2);
  g_assert_cmpuint (tag_sets.n_strings, ==, 1);

  for (guint i = 0; i < 4; i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (timeline, i);
      g_autofree char *event_actors = NULL;
      g_autofree char *event_tags = NULL;
      g_autofree char *table_actors = join_sets (&actors, i);
      g_autofree char *table_tags = join_sets (&tag_sets, i);
      guint8 flags = chronicle_event_table_get_flags (table)[i];

      g_assert_cmpint (chronicle_event_table_get_starts (table)[i], ==,
                       chronicle_event_get_start_instant (event));
      g_assert_cmpint (chronicle_event_table_get_ends (table)[i], ==,
                       chronicle_event_get_end_instant (event));
      g_assert_cmpuint (chronicle_event_table_get_statuses (table)[i], ==,
                        chronicle_event_get_status (event));
      g_assert_cmpint (!!(flags & CHRONICLE_EVENT_TABLE_RANGE), ==, chronicle_event_is_range (event));
      g_assert_cmpint (!!(flags & CHRONICLE_EVENT_TABLE_APPROXIMATE), ==,
                       chronicle_event_get_approximate (event));
      g_assert_true (kind_ids[chronicle_event_table_get_kinds (table)[i]] ==
                     chronicle_event_get_kind (event));

      event_actors = chronicle_event_get_actors (event) != NULL
                   ? g_strjoinv ("|", (char **) chronicle_event_get_actors (event)) : g_strdup ("");
      event_tags = chronicle_event_get_tags (event) != NULL
                 ? g_strjoinv ("|", (char **) chronicle_event_get_tags (event)) : g_strdup ("");
      g_assert_cmpstr (table_actors, ==, event_actors);
      g_assert_cmpstr (table_tags, ==, event_tags);
    }

  /* The BCE event first, the approximate month before the day in it. */
  g_assert_cmpstr (kind_ids[chronicle_event_table_get_kinds (table)[0]], ==, "no-such-kind");
  g_assert_true (chronicle_event_table_get_flags (table)[1] & CHRONICLE_EVENT_TABLE_APPROXIMATE);
  /* The month of August is longer than the range of two days. */
  g_assert_cmpint (chronicle_event_table_get_max_duration (table), ==,
                   chronicle_event_get_end_instant (events[2]) - chronicle_event_get_start_instant (events[2]));
  joined = join_sets (&actors, 2);
  g_assert_cmpstr (joined, ==, "mayor|council");

  /* A change gives a new table; the old one stays as it was. */
  g_assert_true (chronicle_timeline_remove_event (timeline, "d"));
  changed = chronicle_timeline_get_table (timeline);
  g_assert_true (changed != table);
  g_assert_cmpuint (chronicle_event_table_get_n_events (changed), ==, 3);
  g_assert_cmpuint (chronicle_event_table_get_n_events (table), ==, 4);

  for (guint i = 0; i < 4; i++)
    g_object_unref (events[i]);
}

/* A builder finds a string again by its key without reading it, and by
 * its text when the key is new. */
static void
test_builder_keys (void)
{
  g_autoptr(ChronicleEventTableBuilder) builder = chronicle_event_table_builder_new (2);
  g_autoptr(ChronicleEventTable) table = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  ChronicleStringSets actors;
  ChronicleStringSets tags;

  chronicle_event_table_builder_add_event (builder, 0, 10, CHRONICLE_EVENT_STATUS_OCCURRED, 0, "statement");
  chronicle_event_table_builder_add_actor (builder, "mayor", 7);
  chronicle_event_table_builder_add_actor (builder, "council", 8);
  chronicle_event_table_builder_add_event (builder, 5, 100, CHRONICLE_EVENT_STATUS_REPORTED,
                                           CHRONICLE_EVENT_TABLE_RANGE, "statement");
  /* Key 7 again: "mayor", whatever text comes with it. */
  chronicle_event_table_builder_add_actor (builder, "mayor", 7);
  /* A new key for a string seen before: found by its text. */
  chronicle_event_table_builder_add_actor (builder, "council", 9);
  chronicle_event_table_builder_add_tag (builder, "policy", 0);

  table = chronicle_event_table_builder_end (g_steal_pointer (&builder));
  chronicle_event_table_get_actors (table, &actors);
  chronicle_event_table_get_tags (table, &tags);

  g_assert_cmpuint (chronicle_event_table_get_n_events (table), ==, 2);
  g_assert_cmpint (chronicle_event_table_get_max_duration (table), ==, 95);
  g_assert_cmpuint (actors.n_strings, ==, 2);
  first = join_sets (&actors, 0);
  second = join_sets (&actors, 1);
  g_assert_cmpstr (first, ==, "mayor|council");
  g_assert_cmpstr (second, ==, "mayor|council");
  g_assert_cmpuint (tags.offsets[1] - tags.offsets[0], ==, 0);
  g_assert_cmpuint (tags.offsets[2] - tags.offsets[1], ==, 1);
  g_assert_cmpuint (chronicle_event_table_get_kinds (table)[0], ==,
                    chronicle_event_table_get_kinds (table)[1]);
}

static void
test_empty (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleEventTable) table = chronicle_timeline_get_table (timeline);
  ChronicleStringSets actors;
  guint n_kind_ids = 1;

  g_assert_cmpuint (chronicle_event_table_get_n_events (table), ==, 0);
  g_assert_cmpint (chronicle_event_table_get_max_duration (table), ==, 0);
  g_assert_null (chronicle_event_table_get_kind_ids (table, &n_kind_ids)[0]);
  g_assert_cmpuint (n_kind_ids, ==, 0);
  chronicle_event_table_get_actors (table, &actors);
  g_assert_cmpuint (actors.n_strings, ==, 0);
  g_assert_cmpuint (actors.offsets[0], ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event-table/from-timeline", test_from_timeline);
  g_test_add_func ("/event-table/builder-keys", test_builder_keys);
  g_test_add_func ("/event-table/empty", test_empty);

  return g_test_run ();
}
