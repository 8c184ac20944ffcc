/* test-timeline.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "chronicle-timeline.h"
#include "model-test-utils.h"

typedef struct
{
  ChronicleTimeline *timeline;
  /* Every items-changed as "POS-REMOVED+ADDED", and "*" for notify::n-items. */
  GString           *changes;
} TimelineFixture;

static ChronicleEvent *
make_event (const char *id,
            const char *title,
            const char *start,
            guint       file_index)
{
  ChronicleTime time = parse_time (start);
  ChronicleEvent *event = chronicle_event_new (id, title, &time);

  chronicle_event_set_file_index (event, file_index);

  return event;
}

static void
record_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GString    *changes)
{
  g_string_append_printf (changes, "%s%u-%u+%u", changes->len ? " " : "", position, removed, added);
}

static void
record_n_items_cb (GObject    *object,
                   GParamSpec *pspec,
                   GString    *changes)
{
  g_string_append_c (changes, '*');
}

static void
assert_changes (TimelineFixture *fixture,
                const char      *expected)
{
  g_assert_cmpstr (fixture->changes->str, ==, expected);
  g_string_truncate (fixture->changes, 0);
}

/* The ids of the model's items in order, space-separated. */
static void
assert_model (GListModel *model,
              const char *expected)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (model, i);

      if (ids->len > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, chronicle_event_get_id (event));
    }

  g_assert_cmpstr (ids->str, ==, expected);
}

/* Adds the events and drops the caller's references to them. */
static void
add_events (ChronicleTimeline  *timeline,
            ChronicleEvent    **events,
            guint               n_events)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (chronicle_timeline_add_events (timeline, events, n_events, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < n_events; i++)
    g_object_unref (events[i]);
}

static void
timeline_set_up (TimelineFixture *fixture,
                 gconstpointer    data)
{
  fixture->timeline = chronicle_timeline_new ();
  fixture->changes = g_string_new (NULL);

  g_signal_connect (fixture->timeline, "items-changed",
                    G_CALLBACK (record_items_changed_cb), fixture->changes);
  g_signal_connect (fixture->timeline, "notify::n-items",
                    G_CALLBACK (record_n_items_cb), fixture->changes);
}

static void
timeline_tear_down (TimelineFixture *fixture,
                    gconstpointer    data)
{
  g_assert_cmpstr (fixture->changes->str, ==, "");

  g_signal_handlers_disconnect_by_data (fixture->timeline, fixture->changes);
  g_assert_finalize_object (fixture->timeline);
  g_string_free (fixture->changes, TRUE);
}

static void
test_timeline_new (TimelineFixture *fixture,
                   gconstpointer    data)
{
  ChronicleTimeline *timeline = fixture->timeline;
  GListModel *kinds = chronicle_timeline_get_kinds (timeline);
  const char * const *builtin_ids = chronicle_kind_get_builtin_ids ();
  gint64 start = 1;
  gint64 end = 2;

  g_assert_cmpuint (chronicle_timeline_get_n_events (timeline), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 0);
  g_assert_false (chronicle_timeline_get_extent (timeline, &start, &end));
  g_assert_cmpint (start, ==, 1);
  g_assert_cmpint (end, ==, 2);
  g_assert_null (chronicle_timeline_get_title (timeline));
  g_assert_null (chronicle_timeline_get_timezone (timeline));
  g_assert_nonnull (chronicle_timeline_get_time_zone (timeline));
  g_assert_cmpint (g_time_zone_get_offset (chronicle_timeline_get_time_zone (timeline), 0), ==, 0);
  g_assert_null (chronicle_timeline_get_extra_members (timeline));
  g_assert_cmpuint (chronicle_timeline_lower_bound (timeline, 0), ==, 0);

  /* The built-in kinds, in order, none declared. */
  g_assert_true (g_list_model_get_item_type (kinds) == CHRONICLE_TYPE_KIND);
  g_assert_cmpuint (g_list_model_get_n_items (kinds), ==, g_strv_length ((char **)builtin_ids));
  for (guint i = 0; builtin_ids[i] != NULL; i++)
    {
      g_autoptr(ChronicleKind) kind = g_list_model_get_item (kinds, i);

      g_assert_cmpstr (chronicle_kind_get_id (kind), ==, builtin_ids[i]);
      g_assert_true (chronicle_timeline_lookup_kind (timeline, builtin_ids[i]) == kind);
      g_assert_false (chronicle_timeline_kind_is_declared (timeline, builtin_ids[i]));
    }

  g_assert_cmpuint (g_list_model_get_n_items (chronicle_timeline_get_actors (timeline)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_timeline_get_eras (timeline)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_timeline_get_views (timeline)), ==, 0);
}

static void
test_timeline_add_sorted (TimelineFixture *fixture,
                          gconstpointer    data)
{
  ChronicleEvent *events[] = {
    make_event ("c", "C", "2025-03-01", 0),
    make_event ("a", "A", "2025-01-01", 1),
    make_event ("b", "B", "2025-02-01", 2),
  };
  guint n_items;

  add_events (fixture->timeline, events, G_N_ELEMENTS (events));
  assert_changes (fixture, "0-0+3*");
  assert_model (G_LIST_MODEL (fixture->timeline), "a b c");

  g_object_get (fixture->timeline, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 3);
  g_assert_cmpuint (chronicle_timeline_get_n_events (fixture->timeline), ==, 3);
  g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (fixture->timeline, 0)), ==, "a");
  g_assert_null (chronicle_timeline_get_event (fixture->timeline, 3));

  /* An empty batch changes nothing. */
  g_assert_true (chronicle_timeline_add_events (fixture->timeline, NULL, 0, NULL));
  assert_changes (fixture, "");
}

static void
test_timeline_add_ties (TimelineFixture *fixture,
                        gconstpointer    data)
{
  /* Same start: file index decides, whatever the batch order. */
  ChronicleEvent *events[] = {
    make_event ("t2", "T2", "2025-05-01", 2),
    make_event ("t0", "T0", "2025-05-01", 0),
    make_event ("later", "L", "2025-06-01", 3),
    make_event ("t1", "T1", "2025-05-01", 1),
    /* Same instant, finer precision: after the whole day. */
    make_event ("t-midnight", "N", "2025-05-01T00:00Z", 0),
    /* Same instant, coarser precision: before the day. */
    make_event ("month", "M", "2025-05", 9),
  };
  /* Equal keys, file indexes left at 0: the batch order is kept. */
  ChronicleEvent *same[] = {
    make_event ("s3", "S", "2030", 0),
    make_event ("s1", "S", "2030", 0),
    make_event ("s2", "S", "2030", 0),
  };
  ChronicleEvent *more_same[] = {
    make_event ("s0", "S", "2030", 0),
    make_event ("early", "E", "2029", 0),
  };

  add_events (fixture->timeline, events, G_N_ELEMENTS (events));
  assert_changes (fixture, "0-0+6*");
  assert_model (G_LIST_MODEL (fixture->timeline), "month t0 t1 t2 t-midnight later");

  add_events (fixture->timeline, same, G_N_ELEMENTS (same));
  assert_changes (fixture, "6-0+3*");
  /* Added later with an equal key: after the ones already there, also
   * when the merge passes over them. */
  add_events (fixture->timeline, more_same, G_N_ELEMENTS (more_same));
  assert_changes (fixture, "6-3+5*");
  assert_model (G_LIST_MODEL (fixture->timeline), "month t0 t1 t2 t-midnight later early s3 s1 s2 s0");
}

static void
test_timeline_add_middle (TimelineFixture *fixture,
                          gconstpointer    data)
{
  ChronicleEvent *first[] = {
    make_event ("a", "A", "2001", 0),
    make_event ("b", "B", "2003", 1),
    make_event ("c", "C", "2005", 2),
    make_event ("d", "D", "2007", 3),
  };
  ChronicleEvent *second[] = {
    make_event ("y", "Y", "2004", 0),
    make_event ("x", "X", "2002", 0),
  };
  ChronicleEvent *third[] = {
    make_event ("e", "E", "2009", 0),
    make_event ("f", "F", "2010", 0),
  };
  ChronicleEvent *fourth[] = {
    make_event ("z", "Z", "1999", 0),
  };

  add_events (fixture->timeline, first, G_N_ELEMENTS (first));
  assert_changes (fixture, "0-0+4*");

  /* One signal, from the first new position to the end. */
  add_events (fixture->timeline, second, G_N_ELEMENTS (second));
  assert_changes (fixture, "1-3+5*");
  assert_model (G_LIST_MODEL (fixture->timeline), "a x b y c d");

  /* After the end: an append. */
  add_events (fixture->timeline, third, G_N_ELEMENTS (third));
  assert_changes (fixture, "6-0+2*");

  /* Before the start: everything moves. */
  add_events (fixture->timeline, fourth, G_N_ELEMENTS (fourth));
  assert_changes (fixture, "0-8+9*");
  assert_model (G_LIST_MODEL (fixture->timeline), "z a x b y c d e f");

  for (guint i = 0; i < chronicle_timeline_get_n_events (fixture->timeline); i++)
    g_assert_cmpuint (chronicle_timeline_get_position (fixture->timeline,
                                                       chronicle_timeline_get_event (fixture->timeline, i)),
                      ==, i);
}

static void
test_timeline_add_duplicate (TimelineFixture *fixture,
                             gconstpointer    data)
{
  ChronicleEvent *first[] = {
    make_event ("a", "A", "2001", 0),
  };
  ChronicleEvent *twice[] = {
    make_event ("b", "B", "2002", 0),
    make_event (NULL, "Anonymous", "2002", 1),
    make_event ("dup", "D1", "2003", 2),
    make_event ("dup", "D2", "2004", 3),
  };
  ChronicleEvent *existing[] = {
    make_event ("c", "C", "2002", 0),
    make_event ("a", "Another A", "2003", 1),
  };
  ChronicleEvent *anonymous = make_event (NULL, "Again", "2005", 0);
  ChronicleEvent *same_object[] = { anonymous, anonymous };
  g_autoptr(GError) error = NULL;

  add_events (fixture->timeline, first, G_N_ELEMENTS (first));
  assert_changes (fixture, "0-0+1*");

  /* Twice in one batch. */
  g_assert_false (chronicle_timeline_add_events (fixture->timeline, twice, G_N_ELEMENTS (twice), &error));
  g_assert_error (error, CHRONICLE_TIMELINE_ERROR, CHRONICLE_TIMELINE_ERROR_DUPLICATE_ID);
  g_assert_nonnull (strstr (error->message, "“dup”"));
  g_clear_error (&error);
  assert_changes (fixture, "");
  assert_model (G_LIST_MODEL (fixture->timeline), "a");
  g_assert_null (chronicle_timeline_lookup_event (fixture->timeline, "b"));
  g_assert_null (chronicle_timeline_lookup_event (fixture->timeline, "dup"));
  /* Ids are checked before any is derived. */
  g_assert_null (chronicle_event_get_id (twice[1]));

  /* Already in the timeline. */
  g_assert_false (chronicle_timeline_add_events (fixture->timeline, existing, G_N_ELEMENTS (existing), &error));
  g_assert_error (error, CHRONICLE_TIMELINE_ERROR, CHRONICLE_TIMELINE_ERROR_DUPLICATE_ID);
  g_assert_nonnull (strstr (error->message, "“a”"));
  g_clear_error (&error);
  assert_changes (fixture, "");
  g_assert_null (chronicle_timeline_lookup_event (fixture->timeline, "c"));
  g_assert_cmpstr (chronicle_event_get_title (chronicle_timeline_lookup_event (fixture->timeline, "a")), ==, "A");

  /* The same event without an id, twice: its derived id is taken back. */
  g_assert_false (chronicle_timeline_add_events (fixture->timeline, same_object, 2, &error));
  g_assert_error (error, CHRONICLE_TIMELINE_ERROR, CHRONICLE_TIMELINE_ERROR_DUPLICATE_ID);
  g_clear_error (&error);
  assert_changes (fixture, "");
  g_assert_null (chronicle_event_get_id (anonymous));
  g_assert_false (chronicle_event_has_derived_id (anonymous));
  assert_model (G_LIST_MODEL (fixture->timeline), "a");

  /* After the failures, the same events can still be added. */
  add_events (fixture->timeline, existing, 1);
  assert_changes (fixture, "1-0+1*");
  g_object_unref (existing[1]);

  for (guint i = 0; i < G_N_ELEMENTS (twice); i++)
    g_assert_finalize_object (twice[i]);
  g_assert_finalize_object (anonymous);
}

static void
test_timeline_derived_ids (TimelineFixture *fixture,
                           gconstpointer    data)
{
  ChronicleEvent *events[] = {
    make_event (NULL, "Vote", "2025-08-23", 0),
    make_event ("", "Vote", "2025-08-23", 1),
    make_event (NULL, "Vote", "2025-08-23", 2),
    make_event (NULL, "Other", "2025-08-23", 3),
    make_event ("explicit", "Vote", "2025-08-23", 4),
  };
  g_autofree char *base = chronicle_event_derive_id (events[0]);
  g_autofree char *other = chronicle_event_derive_id (events[3]);
  g_autofree char *base_2 = g_strdup_printf ("%s-2", base);
  g_autofree char *base_3 = g_strdup_printf ("%s-3", base);
  g_autoptr(ChronicleTimeline) again = chronicle_timeline_new ();
  ChronicleEvent *taken[] = {
    make_event (NULL, "Taken", "2026", 0),
    NULL,
  };
  g_autofree char *taken_base = chronicle_event_derive_id (taken[0]);
  g_autofree char *taken_2 = g_strdup_printf ("%s-2", taken_base);

  add_events (fixture->timeline, events, G_N_ELEMENTS (events));
  assert_changes (fixture, "0-0+5*");

  /* Derived in file order, with suffixes on collision. */
  g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (fixture->timeline, 0)), ==, base);
  g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (fixture->timeline, 1)), ==, base_2);
  g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (fixture->timeline, 2)), ==, base_3);
  g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (fixture->timeline, 3)), ==, other);
  g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (fixture->timeline, 4)), ==, "explicit");
  for (guint i = 0; i < 4; i++)
    g_assert_true (chronicle_event_has_derived_id (chronicle_timeline_get_event (fixture->timeline, i)));
  g_assert_false (chronicle_event_has_derived_id (chronicle_timeline_get_event (fixture->timeline, 4)));
  g_assert_true (chronicle_timeline_lookup_event (fixture->timeline, base_3) ==
                 chronicle_timeline_get_event (fixture->timeline, 2));

  /* Stable: the same file gives the same ids. */
  {
    ChronicleEvent *copies[] = {
      make_event (NULL, "Vote", "2025-08-23", 0),
      make_event (NULL, "Vote", "2025-08-23", 1),
    };

    add_events (again, copies, G_N_ELEMENTS (copies));
    g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (again, 0)), ==, base);
    g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (again, 1)), ==, base_2);
  }

  /* An explicit id later in the batch keeps its id; the derived one moves. */
  taken[1] = make_event (taken_base, "Explicit", "2027", 1);
  add_events (again, taken, G_N_ELEMENTS (taken));
  g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (again, 2)), ==, taken_2);
  g_assert_cmpstr (chronicle_event_get_id (chronicle_timeline_get_event (again, 3)), ==, taken_base);

  g_assert_finalize_object (g_steal_pointer (&again));
}

static void
test_timeline_lookup_position (TimelineFixture *fixture,
                               gconstpointer    data)
{
  ChronicleEvent *events[] = {
    make_event ("a", "A", "2025-01-01", 0),
    make_event ("b", "B", "2025-01-01", 1),
    make_event ("c", "C", "2025-01-01", 1),
    make_event ("d", "D", "2025-01-02T12:00Z", 2),
    make_event ("e", "E", "2025-01-03", 3),
  };
  g_autoptr(ChronicleEvent) outside = make_event ("b", "B", "2025-01-01", 1);
  ChronicleTime day2 = parse_time ("2025-01-02");
  ChronicleTime noon2 = parse_time ("2025-01-02T12:00Z");

  add_events (fixture->timeline, events, G_N_ELEMENTS (events));
  assert_changes (fixture, "0-0+5*");

  g_assert_true (chronicle_timeline_lookup_event (fixture->timeline, "c") ==
                 chronicle_timeline_get_event (fixture->timeline, 2));
  g_assert_null (chronicle_timeline_lookup_event (fixture->timeline, "zz"));
  g_assert_null (chronicle_timeline_lookup_event (fixture->timeline, NULL));

  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (chronicle_timeline_get_position (fixture->timeline,
                                                       chronicle_timeline_get_event (fixture->timeline, i)),
                      ==, i);
  /* Equal key and id, but another object. */
  g_assert_cmpuint (chronicle_timeline_get_position (fixture->timeline, outside), ==, G_MAXUINT);

  g_assert_cmpuint (chronicle_timeline_lower_bound (fixture->timeline, G_MININT64), ==, 0);
  g_assert_cmpuint (chronicle_timeline_lower_bound (fixture->timeline, parse_time ("2025-01-01").instant), ==, 0);
  g_assert_cmpuint (chronicle_timeline_lower_bound (fixture->timeline, parse_time ("2025-01-01").instant + 1), ==, 3);
  g_assert_cmpuint (chronicle_timeline_lower_bound (fixture->timeline, day2.instant), ==, 3);
  g_assert_cmpuint (chronicle_timeline_lower_bound (fixture->timeline, noon2.instant), ==, 3);
  g_assert_cmpuint (chronicle_timeline_lower_bound (fixture->timeline, noon2.instant + 1), ==, 4);
  g_assert_cmpuint (chronicle_timeline_lower_bound (fixture->timeline, G_MAXINT64), ==, 5);
}

static void
test_timeline_extent (TimelineFixture *fixture,
                      gconstpointer    data)
{
  ChronicleEvent *events[] = {
    make_event ("long", "Long", "2020-01-01", 0),
    make_event ("mid", "Mid", "2021-06-01", 1),
    make_event ("late", "Late", "2022-03-04", 2),
  };
  ChronicleTime long_end = parse_time ("2030-12");
  gint64 start;
  gint64 end;

  chronicle_event_set_end (events[0], &long_end);
  add_events (fixture->timeline, events, G_N_ELEMENTS (events));
  assert_changes (fixture, "0-0+3*");

  g_assert_true (chronicle_timeline_get_extent (fixture->timeline, &start, &end));
  g_assert_cmpint (start, ==, parse_time ("2020-01-01").instant);
  /* The end of the end's month. */
  g_assert_cmpint (end, ==, parse_time ("2031-01").instant);

  /* The event that ended last goes: the extent shrinks. */
  g_assert_true (chronicle_timeline_remove_event (fixture->timeline, "long"));
  assert_changes (fixture, "0-1+0*");
  g_assert_true (chronicle_timeline_get_extent (fixture->timeline, &start, &end));
  g_assert_cmpint (start, ==, parse_time ("2021-06-01").instant);
  g_assert_cmpint (end, ==, parse_time ("2022-03-05").instant);

  /* Only the end asked for. */
  start = 0;
  g_assert_true (chronicle_timeline_get_extent (fixture->timeline, NULL, &end));
  g_assert_cmpint (end, ==, parse_time ("2022-03-05").instant);

  /* Adding after a removal. */
  {
    ChronicleEvent *more[] = { make_event ("more", "More", "2023", 0) };

    add_events (fixture->timeline, more, 1);
    assert_changes (fixture, "2-0+1*");
    g_assert_true (chronicle_timeline_get_extent (fixture->timeline, &start, &end));
    g_assert_cmpint (start, ==, parse_time ("2021-06-01").instant);
    g_assert_cmpint (end, ==, parse_time ("2024").instant);
  }

  g_assert_true (chronicle_timeline_remove_event (fixture->timeline, "mid"));
  g_assert_true (chronicle_timeline_remove_event (fixture->timeline, "late"));
  g_assert_true (chronicle_timeline_remove_event (fixture->timeline, "more"));
  assert_changes (fixture, "0-1+0* 0-1+0* 0-1+0*");
  g_assert_false (chronicle_timeline_get_extent (fixture->timeline, &start, &end));
}

static void
test_timeline_remove (TimelineFixture *fixture,
                      gconstpointer    data)
{
  ChronicleEvent *events[] = {
    make_event ("a", "A", "2001", 0),
    make_event ("b", "B", "2002", 1),
    make_event ("c", "C", "2003", 2),
  };
  ChronicleEvent *b = g_object_ref (events[1]);

  add_events (fixture->timeline, events, G_N_ELEMENTS (events));
  assert_changes (fixture, "0-0+3*");

  g_assert_true (chronicle_timeline_remove_event (fixture->timeline, "b"));
  assert_changes (fixture, "1-1+0*");
  assert_model (G_LIST_MODEL (fixture->timeline), "a c");
  g_assert_null (chronicle_timeline_lookup_event (fixture->timeline, "b"));
  g_assert_cmpuint (chronicle_timeline_get_position (fixture->timeline, b), ==, G_MAXUINT);
  g_assert_cmpuint (chronicle_timeline_lower_bound (fixture->timeline, parse_time ("2002").instant), ==, 1);

  g_assert_false (chronicle_timeline_remove_event (fixture->timeline, "b"));
  g_assert_false (chronicle_timeline_remove_event (fixture->timeline, NULL));
  assert_changes (fixture, "");

  /* The timeline no longer holds it. */
  g_assert_finalize_object (b);
}

static void
test_timeline_list_model (TimelineFixture *fixture,
                          gconstpointer    data)
{
  GListModel *model = G_LIST_MODEL (fixture->timeline);
  ChronicleEvent *event = make_event ("a", "A", "2001", 0);
  ChronicleEvent *events[] = { event };
  gpointer item;

  g_assert_true (g_list_model_get_item_type (model) == CHRONICLE_TYPE_EVENT);
  g_assert_null (g_list_model_get_item (model, 0));

  g_assert_true (chronicle_timeline_add_events (fixture->timeline, events, 1, NULL));
  assert_changes (fixture, "0-0+1*");
  /* Ours and the timeline's. */
  g_assert_cmpuint (G_OBJECT (event)->ref_count, ==, 2);

  item = g_list_model_get_item (model, 0);
  g_assert_true (item == event);
  g_assert_cmpuint (G_OBJECT (event)->ref_count, ==, 3);
  g_object_unref (item);
  g_assert_null (g_list_model_get_item (model, 1));
  g_assert_null (g_list_model_get_item (model, G_MAXUINT));
  g_assert_null (g_list_model_get_object (model, 1));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  g_object_unref (event);
}

static void
test_timeline_kinds (TimelineFixture *fixture,
                     gconstpointer    data)
{
  ChronicleTimeline *timeline = fixture->timeline;
  GListModel *kinds = chronicle_timeline_get_kinds (timeline);
  guint n_builtin = g_list_model_get_n_items (kinds);
  g_autoptr(GString) kind_changes = g_string_new (NULL);
  g_autoptr(ChronicleKind) speech = chronicle_kind_new ("statement", "Speech", NULL, NULL);
  g_autoptr(ChronicleKind) protest = chronicle_kind_new ("protest", "Protest", "#123456", NULL);
  g_autoptr(ChronicleKind) protest2 = chronicle_kind_new ("protest", "Demonstration", NULL, NULL);
  g_autoptr(ChronicleKind) third = NULL;
  g_autoptr(ChronicleEvent) plain = make_event ("p", "P", "2020", 0);
  g_autoptr(ChronicleEvent) unknown = make_event ("u", "U", "2020", 0);
  g_autoptr(ChronicleEvent) custom = make_event ("c", "C", "2020", 0);
  g_autoptr(ChronicleEvent) statement = make_event ("s", "S", "2020", 0);

  g_signal_connect (kinds, "items-changed", G_CALLBACK (record_items_changed_cb), kind_changes);

  /* A built-in id: relabelled in place. */
  chronicle_timeline_add_kind (timeline, speech);
  g_assert_cmpstr (kind_changes->str, ==, "2-1+1");
  g_string_truncate (kind_changes, 0);
  g_assert_cmpuint (g_list_model_get_n_items (kinds), ==, n_builtin);
  third = g_list_model_get_item (kinds, 2);
  g_assert_true (third == speech);
  g_assert_true (chronicle_timeline_lookup_kind (timeline, "statement") == speech);
  g_assert_true (chronicle_timeline_kind_is_declared (timeline, "statement"));
  g_assert_false (chronicle_timeline_kind_is_declared (timeline, "report"));
  g_assert_false (chronicle_timeline_kind_is_declared (timeline, "protest"));

  /* A new id: appended, then replaced in place. */
  chronicle_timeline_add_kind (timeline, protest);
  chronicle_timeline_add_kind (timeline, protest2);
  g_assert_cmpstr (kind_changes->str, ==, "7-0+1 7-1+1");
  g_assert_cmpuint (g_list_model_get_n_items (kinds), ==, n_builtin + 1);
  g_assert_true (chronicle_timeline_lookup_kind (timeline, "protest") == protest2);
  g_assert_true (chronicle_timeline_kind_is_declared (timeline, "protest"));
  g_assert_null (chronicle_timeline_lookup_kind (timeline, "nope"));
  g_assert_null (chronicle_timeline_lookup_kind (timeline, NULL));

  /* The kind to draw with; unknown ones fall back to "other". */
  chronicle_event_set_kind (unknown, "nope");
  chronicle_event_set_kind (custom, "protest");
  chronicle_event_set_kind (statement, "statement");
  g_assert_cmpstr (chronicle_kind_get_id (chronicle_timeline_get_event_kind (timeline, plain)), ==, "other");
  g_assert_cmpstr (chronicle_kind_get_id (chronicle_timeline_get_event_kind (timeline, unknown)), ==, "other");
  g_assert_true (chronicle_timeline_get_event_kind (timeline, custom) == protest2);
  g_assert_cmpstr (chronicle_kind_get_label (chronicle_timeline_get_event_kind (timeline, statement)), ==,
                   "Speech");
  /* The event keeps the id as written. */
  g_assert_cmpstr (chronicle_event_get_kind (unknown), ==, "nope");

  g_signal_handlers_disconnect_by_data (kinds, kind_changes);
}

static void
test_timeline_actors (TimelineFixture *fixture,
                      gconstpointer    data)
{
  ChronicleTimeline *timeline = fixture->timeline;
  g_autoptr(ChronicleActor) mayor = chronicle_actor_new ("mayor", "Jane Doe", "Mayor");
  g_autoptr(ChronicleActor) mayor2 = chronicle_actor_new ("mayor", "John Roe", "Mayor");
  g_autoptr(ChronicleActor) chief = chronicle_actor_new ("chief", "Pat Poe", NULL);
  g_autoptr(ChronicleActor) first = NULL;

  chronicle_timeline_add_actor (timeline, mayor);
  chronicle_timeline_add_actor (timeline, chief);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_timeline_get_actors (timeline)), ==, 2);
  g_assert_true (chronicle_timeline_lookup_actor (timeline, "mayor") == mayor);
  g_assert_null (chronicle_timeline_lookup_actor (timeline, "Jane Doe"));

  g_assert_cmpstr (chronicle_timeline_get_actor_name (timeline, "mayor"), ==, "Jane Doe");
  g_assert_cmpstr (chronicle_timeline_get_actor_name (timeline, "chief"), ==, "Pat Poe");
  /* A plain name is shown as written. */
  g_assert_cmpstr (chronicle_timeline_get_actor_name (timeline, "A. Reporter"), ==, "A. Reporter");
  g_assert_null (chronicle_timeline_get_actor_name (timeline, NULL));

  /* Same id: replaced in place. */
  chronicle_timeline_add_actor (timeline, mayor2);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_timeline_get_actors (timeline)), ==, 2);
  first = g_list_model_get_item (chronicle_timeline_get_actors (timeline), 0);
  g_assert_true (first == mayor2);
  g_assert_cmpstr (chronicle_timeline_get_actor_name (timeline, "mayor"), ==, "John Roe");
}

static void
test_timeline_eras_views (TimelineFixture *fixture,
                          gconstpointer    data)
{
  ChronicleTimeline *timeline = fixture->timeline;
  ChronicleTime start = parse_time ("2020");
  ChronicleTime end = parse_time ("2021");
  g_autoptr(ChronicleEra) era = chronicle_era_new ("Term", &start, &end, NULL);
  g_autoptr(ChronicleView) budget = chronicle_view_new ("budget");
  g_autoptr(ChronicleView) budget2 = chronicle_view_new ("budget");
  g_autoptr(ChronicleView) police = chronicle_view_new ("police");
  g_autoptr(ChronicleView) first = NULL;
  GListModel *views = chronicle_timeline_get_views (timeline);

  chronicle_timeline_add_era (timeline, era);
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_timeline_get_eras (timeline)), ==, 1);

  chronicle_timeline_add_view (timeline, budget);
  chronicle_timeline_add_view (timeline, police);
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 2);
  g_assert_true (chronicle_timeline_lookup_view (timeline, "police") == police);

  chronicle_timeline_add_view (timeline, budget2);
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 2);
  first = g_list_model_get_item (views, 0);
  g_assert_true (first == budget2);
  g_assert_true (chronicle_timeline_lookup_view (timeline, "budget") == budget2);

  g_assert_true (chronicle_timeline_remove_view (timeline, "budget"));
  g_assert_false (chronicle_timeline_remove_view (timeline, "budget"));
  g_assert_false (chronicle_timeline_remove_view (timeline, NULL));
  g_assert_null (chronicle_timeline_lookup_view (timeline, "budget"));
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 1);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_timeline_properties (TimelineFixture *fixture,
                          gconstpointer    data)
{
  ChronicleTimeline *timeline = fixture->timeline;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *title = NULL;
  guint title_count = 0;
  guint timezone_count = 0;
  GTimeZone *zone;

  g_signal_connect (timeline, "notify::title", G_CALLBACK (count_notify_cb), &title_count);
  g_signal_connect (timeline, "notify::timezone", G_CALLBACK (count_notify_cb), &timezone_count);

  chronicle_timeline_set_title (timeline, "Council");
  chronicle_timeline_set_title (timeline, "Council");
  g_assert_cmpuint (title_count, ==, 1);
  g_object_get (timeline, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Council");

  chronicle_timeline_set_description (timeline, "Notes");
  g_assert_cmpstr (chronicle_timeline_get_description (timeline), ==, "Notes");

  g_assert_true (chronicle_timeline_set_timezone (timeline, "America/Chicago"));
  g_assert_true (chronicle_timeline_set_timezone (timeline, "America/Chicago"));
  g_assert_cmpuint (timezone_count, ==, 1);
  g_assert_cmpstr (chronicle_timeline_get_timezone (timeline), ==, "America/Chicago");
  zone = chronicle_timeline_get_time_zone (timeline);
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "America/Chicago");
  /* 2025-01-01T00:00Z is in CST. */
  g_assert_cmpint (g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL,
                                                                            1735689600)),
                   ==, -6 * 3600);

  /* Unknown: refused, nothing changes. */
  g_assert_false (chronicle_timeline_set_timezone (timeline, "Mars/Olympus_Mons"));
  g_assert_cmpstr (chronicle_timeline_get_timezone (timeline), ==, "America/Chicago");
  g_assert_true (chronicle_timeline_get_time_zone (timeline) == zone);
  g_assert_cmpuint (timezone_count, ==, 1);

  /* None: UTC. */
  g_assert_true (chronicle_timeline_set_timezone (timeline, NULL));
  g_assert_cmpuint (timezone_count, ==, 2);
  g_assert_null (chronicle_timeline_get_timezone (timeline));
  g_assert_cmpint (g_time_zone_get_offset (chronicle_timeline_get_time_zone (timeline), 0), ==, 0);

  json_object_set_string_member (extra, "x-generator", "test");
  chronicle_timeline_set_extra_members (timeline, extra);
  g_assert_true (chronicle_timeline_get_extra_members (timeline) == extra);
  chronicle_timeline_set_extra_members (timeline, NULL);
  g_assert_null (chronicle_timeline_get_extra_members (timeline));

  g_signal_handlers_disconnect_by_func (timeline, count_notify_cb, &title_count);
  g_signal_handlers_disconnect_by_func (timeline, count_notify_cb, &timezone_count);
}

static void
test_timeline_large_batch (TimelineFixture *fixture,
                           gconstpointer    data)
{
  const guint n_events = 20000;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) middle = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *expected = NULL;
  ChronicleTime base = parse_time ("2000-01-01T00:00Z");

  /* Shuffled, with many equal starts. */
  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      ChronicleTime start = base;
      ChronicleEvent *event;

      start.instant += 60 * g_rand_int_range (rand, 0, n_events / 4);
      event = chronicle_event_new (id, "E", &start);
      chronicle_event_set_file_index (event, i);
      g_ptr_array_add (events, event);
    }
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *id = g_strdup_printf ("m%u", i);
      ChronicleTime start = base;
      ChronicleEvent *event;

      /* Never on a whole minute, so never equal to an "e" event; "m"
       * events 50 apart have equal keys. */
      start.instant += 60 * (n_events / 8) + 1 + i % 50;
      event = chronicle_event_new (id, "M", &start);
      g_ptr_array_add (middle, event);
    }

  g_assert_true (chronicle_timeline_add_events (fixture->timeline, (ChronicleEvent **)events->pdata,
                                                events->len, NULL));
  assert_changes (fixture, "0-0+20000*");
  g_assert_true (chronicle_timeline_add_events (fixture->timeline, (ChronicleEvent **)middle->pdata,
                                                middle->len, NULL));
  g_assert_cmpuint (chronicle_timeline_get_n_events (fixture->timeline), ==, n_events + 100);
  /* One signal, from the first middle event's place to the end. */
  {
    guint first = chronicle_timeline_get_position (fixture->timeline, g_ptr_array_index (middle, 0));

    expected = g_strdup_printf ("%u-%u+%u*", first, n_events - first, n_events - first + 100);
    assert_changes (fixture, expected);
  }

  for (guint i = 1; i < chronicle_timeline_get_n_events (fixture->timeline); i++)
    {
      ChronicleEvent *a = chronicle_timeline_get_event (fixture->timeline, i - 1);
      ChronicleEvent *b = chronicle_timeline_get_event (fixture->timeline, i);

      g_assert_cmpint (chronicle_event_compare (a, b), <=, 0);
      /* Equal keys keep the batch order. */
      if (chronicle_event_compare (a, b) == 0)
        {
          g_assert_true (g_str_has_prefix (chronicle_event_get_id (a), "m"));
          g_assert_true (g_str_has_prefix (chronicle_event_get_id (b), "m"));
          g_assert_cmpuint (g_ascii_strtoull (chronicle_event_get_id (a) + 1, NULL, 10), <,
                            g_ascii_strtoull (chronicle_event_get_id (b) + 1, NULL, 10));
        }
    }
  for (guint i = 0; i < chronicle_timeline_get_n_events (fixture->timeline); i += 97)
    g_assert_cmpuint (chronicle_timeline_get_position (fixture->timeline,
                                                       chronicle_timeline_get_event (fixture->timeline, i)),
                      ==, i);
}

static void
add_timeline_test (const char *path,
                   void (*func) (TimelineFixture *, gconstpointer))
{
  g_test_add (path, TimelineFixture, NULL, timeline_set_up, func, timeline_tear_down);
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

  add_timeline_test ("/timeline/new", test_timeline_new);
  add_timeline_test ("/timeline/add/sorted", test_timeline_add_sorted);
  add_timeline_test ("/timeline/add/ties", test_timeline_add_ties);
  add_timeline_test ("/timeline/add/middle", test_timeline_add_middle);
  add_timeline_test ("/timeline/add/duplicate", test_timeline_add_duplicate);
  add_timeline_test ("/timeline/add/derived-ids", test_timeline_derived_ids);
  add_timeline_test ("/timeline/add/large-batch", test_timeline_large_batch);
  add_timeline_test ("/timeline/lookup-position", test_timeline_lookup_position);
  add_timeline_test ("/timeline/extent", test_timeline_extent);
  add_timeline_test ("/timeline/remove", test_timeline_remove);
  add_timeline_test ("/timeline/list-model", test_timeline_list_model);
  add_timeline_test ("/timeline/kinds", test_timeline_kinds);
  add_timeline_test ("/timeline/actors", test_timeline_actors);
  add_timeline_test ("/timeline/eras-views", test_timeline_eras_views);
  add_timeline_test ("/timeline/properties", test_timeline_properties);

  return g_test_run ();
}
