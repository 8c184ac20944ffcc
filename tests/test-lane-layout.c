/* test-lane-layout.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "chronicle-event-filter.h"
#include "chronicle-lane-layout.h"
#include "model-test-utils.h"

static void
add_event (ChronicleTimeline *timeline,
           ChronicleEvent    *event)
{
  g_autoptr(ChronicleEvent) owned = event;
  g_autoptr(GError) error = NULL;

  chronicle_timeline_add_events (timeline, &owned, 1, &error);
  g_assert_no_error (error);
}

/* A small document: kinds, actors, tags and statuses of every sort. */
static ChronicleTimeline *
make_timeline (void)
{
  ChronicleTimeline *timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleKind) rally = chronicle_kind_new ("rally", "Rally", "#e5a50a", NULL);
  g_autoptr(ChronicleActor) pritzker = chronicle_actor_new ("pritzker", "JB Pritzker", "Governor");
  g_autoptr(ChronicleActor) johnson = chronicle_actor_new ("johnson", "Brandon Johnson", "Mayor");
  ChronicleEvent *event;

  chronicle_timeline_add_kind (timeline, rally);
  /* Declared in this order: Pritzker's lane comes first. */
  chronicle_timeline_add_actor (timeline, pritzker);
  chronicle_timeline_add_actor (timeline, johnson);

  add_event (timeline, make_classified_event ("a", "statement", "2025-09-01", NULL,
                                              (const char *[]) { "johnson", "pritzker", NULL },
                                              (const char *[]) { "press", NULL }));
  add_event (timeline, make_classified_event ("b", "rally", "2025-09-02", "2025-09-04",
                                              (const char *[]) { "Zoe Roe", NULL },
                                              (const char *[]) { "street", "press", NULL }));
  add_event (timeline, make_classified_event ("c", "report", "2025-09-03", NULL,
                                              (const char *[]) { "Al Adams", "johnson", "johnson",
                                                                 NULL },
                                              NULL));
  event = make_classified_event ("d", "no-such-kind", "2025-09-05", NULL, NULL, NULL);
  chronicle_event_set_status (event, CHRONICLE_EVENT_STATUS_PLANNED);
  add_event (timeline, event);
  event = make_classified_event ("e", "statement", "2025-09-06", "2025-09-10", NULL, NULL);
  chronicle_event_set_status (event, CHRONICLE_EVENT_STATUS_CANCELLED);
  chronicle_event_set_approximate (event, TRUE);
  add_event (timeline, event);
  add_event (timeline, make_classified_event ("f", "order-signing", "2025-08-30", NULL, NULL,
                                              NULL));

  return timeline;
}

static ChronicleLaneLayout *
make_layout (ChronicleTimeline *timeline,
             ChronicleGroupBy   group_by)
{
  ChronicleLaneLayout *layout = chronicle_lane_layout_new ();

  chronicle_lane_layout_set_timeline (layout, timeline);
  chronicle_lane_layout_set_model (layout, G_LIST_MODEL (timeline));
  chronicle_lane_layout_set_group_by (layout, group_by);
  chronicle_lane_layout_ensure (layout);

  return layout;
}

/* The lane's events as "id id id", in entry order. */
static char *
lane_ids (ChronicleLaneLayout *layout,
          guint                lane)
{
  GString *ids = g_string_new (NULL);
  const ChronicleLaneEntry *entries;
  guint n_entries;
  guint i;

  entries = chronicle_lane_layout_get_entries (layout, lane, &n_entries);
  for (i = 0; i < n_entries; i++)
    {
      ChronicleEvent *event = chronicle_lane_layout_get_event (layout, entries[i].position);

      g_assert_cmpuint (entries[i].lane, ==, lane);
      g_string_append_printf (ids, "%s%s", ids->len ? " " : "", chronicle_event_get_id (event));
    }

  return g_string_free (ids, FALSE);
}

/* "key:ids | key:ids …" for all lanes. */
static char *
describe_lanes (ChronicleLaneLayout *layout)
{
  GString *text = g_string_new (NULL);
  guint i;

  for (i = 0; i < chronicle_lane_layout_get_n_lanes (layout); i++)
    {
      g_autofree char *ids = lane_ids (layout, i);
      const char *key = chronicle_lane_layout_get_lane_key (layout, i);

      g_string_append_printf (text, "%s%s:%s", text->len ? " | " : "", key ? key : "-", ids);
    }

  return g_string_free (text, FALSE);
}

static void
test_group_by_enum (void)
{
  static const char *nicks[] = { "none", "kind", "actor", "tag", "status" };
  g_autoptr(GEnumClass) klass = g_type_class_ref (CHRONICLE_TYPE_GROUP_BY);
  ChronicleGroupBy group_by;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (nicks); i++)
    {
      g_assert_true (chronicle_group_by_from_string (nicks[i], &group_by));
      g_assert_cmpint (group_by, ==, i);
      g_assert_cmpstr (chronicle_group_by_to_string (group_by), ==, nicks[i]);
      g_assert_cmpstr (g_enum_get_value (klass, i)->value_nick, ==, nicks[i]);
    }

  g_assert_false (chronicle_group_by_from_string ("kinds", &group_by));
  g_assert_false (chronicle_group_by_from_string (NULL, &group_by));
}

static void
test_group_by_kind (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_timeline ();
  g_autoptr(ChronicleLaneLayout) layout = make_layout (timeline, CHRONICLE_GROUP_BY_KIND);
  g_autofree char *lanes = describe_lanes (layout);
  guint kind;
  guint i;

  /* Built-in kinds in their order, the unknown kind drawn as "other",
   * then the file's own kinds. */
  g_assert_cmpstr (lanes, ==, "order-signing:f | statement:a e | report:c | other:d | rally:b");
  g_assert_cmpstr (chronicle_lane_layout_get_lane_label (layout, 4), ==, "Rally");

  for (i = 0; i < chronicle_lane_layout_get_n_lanes (layout); i++)
    {
      kind = chronicle_lane_layout_get_lane_kind (layout, i);
      g_assert_cmpuint (kind, !=, CHRONICLE_LANE_NO_KIND);
      g_assert_cmpstr (chronicle_kind_get_id (chronicle_lane_layout_get_kind (layout, kind)), ==,
                       chronicle_lane_layout_get_lane_key (layout, i));
      g_assert_cmpstr (chronicle_kind_get_label (chronicle_lane_layout_get_kind (layout, kind)), ==,
                       chronicle_lane_layout_get_lane_label (layout, i));
    }

  kind = chronicle_lane_layout_get_lane_kind (layout, 4);
  g_assert_cmpstr (chronicle_kind_get_color (chronicle_lane_layout_get_kind (layout, kind)), ==,
                   "#e5a50a");
}

static void
test_group_by_actor (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_timeline ();
  g_autoptr(ChronicleLaneLayout) layout = make_layout (timeline, CHRONICLE_GROUP_BY_ACTOR);
  g_autofree char *lanes = describe_lanes (layout);
  const ChronicleLaneEntry *pritzker, *johnson;
  guint n;

  /* Declared actors in their order, plain names alphabetically, then
   * the events without actors. "a" has two actors and is in both lanes;
   * "c" names Johnson twice and is in his lane once. */
  g_assert_cmpstr (lanes, ==, "pritzker:a | johnson:a c | Al Adams:c | Zoe Roe:b | -:f d e");
  g_assert_cmpstr (chronicle_lane_layout_get_lane_label (layout, 0), ==, "JB Pritzker");
  g_assert_cmpstr (chronicle_lane_layout_get_lane_label (layout, 1), ==, "Brandon Johnson");
  g_assert_cmpuint (chronicle_lane_layout_get_lane_kind (layout, 0), ==, CHRONICLE_LANE_NO_KIND);

  /* The same event: same position and times, in two lanes. */
  pritzker = chronicle_lane_layout_get_entries (layout, 0, &n);
  g_assert_cmpuint (n, ==, 1);
  johnson = chronicle_lane_layout_get_entries (layout, 1, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (pritzker[0].position, ==, johnson[0].position);
  g_assert_cmpint (pritzker[0].start, ==, johnson[0].start);
  g_assert_cmpuint (chronicle_lane_layout_find_entry (layout, 0, johnson[0].position), ==, 0);
  g_assert_cmpuint (chronicle_lane_layout_find_entry (layout, 1, johnson[0].position), ==, 0);
  g_assert_cmpuint (chronicle_lane_layout_find_entry (layout, 0, johnson[1].position), ==,
                    G_MAXUINT);
}

static void
test_group_by_tag (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_timeline ();
  g_autoptr(ChronicleLaneLayout) layout = make_layout (timeline, CHRONICLE_GROUP_BY_TAG);
  g_autofree char *lanes = describe_lanes (layout);

  g_assert_cmpstr (lanes, ==, "press:a b | street:b | -:f c d e");
}

static void
test_group_by_status (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_timeline ();
  g_autoptr(ChronicleLaneLayout) layout = make_layout (timeline, CHRONICLE_GROUP_BY_STATUS);
  g_autofree char *lanes = describe_lanes (layout);
  const ChronicleLaneEntry *entries;

  g_assert_cmpstr (lanes, ==, "occurred:f a b c | planned:d | cancelled:e");
  g_assert_cmpstr (chronicle_lane_layout_get_lane_label (layout, 1), ==,
                   chronicle_event_status_get_label (CHRONICLE_EVENT_STATUS_PLANNED));

  /* Entries carry what drawing needs, without the events. */
  entries = chronicle_lane_layout_get_entries (layout, 2, NULL);
  g_assert_cmpuint (entries[0].status, ==, CHRONICLE_EVENT_STATUS_CANCELLED);
  g_assert_cmpuint (entries[0].flags, ==, CHRONICLE_LANE_ENTRY_APPROXIMATE);
  entries = chronicle_lane_layout_get_entries (layout, 1, NULL);
  g_assert_cmpuint (entries[0].flags, ==, CHRONICLE_LANE_ENTRY_POINT);
}

static void
test_group_by_none (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_timeline ();
  g_autoptr(ChronicleLaneLayout) layout = make_layout (timeline, CHRONICLE_GROUP_BY_NONE);
  g_autofree char *lanes = describe_lanes (layout);
  g_autoptr(ChronicleLaneLayout) empty = chronicle_lane_layout_new ();

  g_assert_cmpstr (lanes, ==, "-:f a b c d e");

  /* Without events: one empty lane to draw. */
  chronicle_lane_layout_set_group_by (empty, CHRONICLE_GROUP_BY_NONE);
  chronicle_lane_layout_ensure (empty);
  g_assert_cmpuint (chronicle_lane_layout_get_n_lanes (empty), ==, 1);
  g_assert_false (chronicle_lane_layout_get_extent (empty, NULL, NULL));
}

/* Many events of varied lengths in few lanes, from a fixed seed. */
static ChronicleTimeline *
make_random_timeline (guint n_events,
                      guint seed)
{
  ChronicleTimeline *timeline = chronicle_timeline_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  static const char *kinds[] = { "statement", "report", "other" };
  guint i;

  for (i = 0; i < n_events; i++)
    {
      g_autofree char *id = g_strdup_printf ("ev%u", i);
      ChronicleTime start;
      ChronicleEvent *event;
      gint64 instant = G_GINT64_CONSTANT (1735689600) + g_rand_int_range (rand, 0, 365 * 86400);

      chronicle_time_init_from_instant (&start, instant, CHRONICLE_TIME_PRECISION_MINUTE, NULL);
      event = chronicle_event_new (id, id, &start);
      chronicle_event_set_kind (event, kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))]);
      if (g_rand_boolean (rand))
        {
          ChronicleTime end;

          chronicle_time_init_from_instant (&end, instant + g_rand_int_range (rand, 60, 40 * 86400),
                                            CHRONICLE_TIME_PRECISION_MINUTE, NULL);
          chronicle_event_set_end (event, &end);
        }
      g_ptr_array_add (events, event);
    }

  chronicle_timeline_add_events (timeline, (ChronicleEvent **) events->pdata, events->len, &error);
  g_assert_no_error (error);

  return timeline;
}

static void
check_stacking (ChronicleLaneLayout *layout,
                gint64               point_extent)
{
  guint lane;

  for (lane = 0; lane < chronicle_lane_layout_get_n_lanes (layout); lane++)
    {
      const ChronicleLaneEntry *entries;
      guint n_rows = chronicle_lane_layout_get_lane_n_rows (layout, lane);
      gint64 max_duration = 0;
      guint n_entries;
      guint i, j;

      entries = chronicle_lane_layout_get_entries (layout, lane, &n_entries);
      g_assert_cmpuint (n_rows, >=, 1);
      g_assert_cmpuint (n_rows, <=, CHRONICLE_LANE_LAYOUT_MAX_ROWS);

      for (i = 0; i < n_entries; i++)
        {
          gboolean saturated = FALSE;

          g_assert_cmpuint (entries[i].row, <, n_rows);
          if (i > 0)
            g_assert_cmpint (entries[i - 1].start, <=, entries[i].start);
          max_duration = MAX (max_duration, entries[i].end - entries[i].start);

          /* No overlap with an earlier entry of the same row, unless every
           * row was busy when it came. */
          for (j = 0; j < i; j++)
            {
              gint64 end_j = MAX (entries[j].end, entries[j].start + point_extent);

              if (end_j > entries[i].start && entries[j].row == entries[i].row)
                saturated = TRUE;
            }

          if (saturated)
            {
              guint busy = 0;
              guint r;

              for (r = 0; r < CHRONICLE_LANE_LAYOUT_MAX_ROWS; r++)
                {
                  for (j = 0; j < i; j++)
                    {
                      gint64 end_j = MAX (entries[j].end, entries[j].start + point_extent);

                      if (entries[j].row == r && end_j > entries[i].start)
                        {
                          busy++;
                          break;
                        }
                    }
                }
              g_assert_cmpuint (busy, ==, CHRONICLE_LANE_LAYOUT_MAX_ROWS);
            }
          else
            {
              /* The lowest free row: every row above it is busy. */
              guint r;

              for (r = 0; r < entries[i].row; r++)
                {
                  gboolean busy = FALSE;

                  for (j = 0; j < i && !busy; j++)
                    busy = entries[j].row == r &&
                           MAX (entries[j].end, entries[j].start + point_extent) > entries[i].start;
                  g_assert_true (busy);
                }
            }
        }

      g_assert_cmpint (chronicle_lane_layout_get_lane_max_duration (layout, lane), ==,
                       max_duration);
    }
}

static void
test_stacking (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_random_timeline (400, 7);
  g_autoptr(ChronicleLaneLayout) layout = make_layout (timeline, CHRONICLE_GROUP_BY_KIND);
  gint64 start, end;
  guint lane;
  guint n_rows = 0;

  g_assert_true (chronicle_lane_layout_get_extent (layout, &start, &end));

  /* With the default point extent (a fortieth of the events' extent). */
  check_stacking (layout, (end - start) / 40);

  /* With a point extent small enough that rows rarely fill up. */
  chronicle_lane_layout_set_point_extent (layout, 3600);
  chronicle_lane_layout_ensure (layout);
  check_stacking (layout, 3600);

  for (lane = 0; lane < chronicle_lane_layout_get_n_lanes (layout); lane++)
    n_rows = MAX (n_rows, chronicle_lane_layout_get_lane_n_rows (layout, lane));
  g_assert_cmpuint (n_rows, >, 1);
}

static void
test_stacking_same_time (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleLaneLayout) layout = NULL;
  const ChronicleLaneEntry *entries;
  guint counts[CHRONICLE_LANE_LAYOUT_MAX_ROWS] = { 0, };
  guint n_entries;
  guint i;

  for (i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("same%u", i);

      add_event (timeline, make_classified_event (id, "statement", "2025-09-01T10:00", NULL, NULL,
                                                  NULL));
    }

  layout = make_layout (timeline, CHRONICLE_GROUP_BY_NONE);
  check_stacking (layout, 1);

  /* Twenty at once fill every row; the rest share them. */
  g_assert_cmpuint (chronicle_lane_layout_get_lane_n_rows (layout, 0), ==,
                    CHRONICLE_LANE_LAYOUT_MAX_ROWS);
  entries = chronicle_lane_layout_get_entries (layout, 0, &n_entries);
  g_assert_cmpuint (n_entries, ==, 20);
  for (i = 0; i < n_entries; i++)
    counts[entries[i].row]++;
  for (i = 0; i < CHRONICLE_LANE_LAYOUT_MAX_ROWS; i++)
    g_assert_cmpuint (counts[i], >=, 3);
}

static void
test_visible_slice (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_random_timeline (300, 11);
  g_autoptr(ChronicleLaneLayout) layout = make_layout (timeline, CHRONICLE_GROUP_BY_KIND);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  guint round;

  for (round = 0; round < 200; round++)
    {
      gint64 start = G_GINT64_CONSTANT (1735689600) + g_rand_int_range (rand, -30 * 86400,
                                                                        380 * 86400);
      gint64 end = start + g_rand_int_range (rand, 1, 60 * 86400);
      guint lane;

      for (lane = 0; lane < chronicle_lane_layout_get_n_lanes (layout); lane++)
        {
          const ChronicleLaneEntry *entries;
          guint n_entries, first, last;
          guint i;

          entries = chronicle_lane_layout_get_entries (layout, lane, &n_entries);
          chronicle_lane_layout_get_visible_slice (layout, lane, start, end, &first, &last);
          g_assert_cmpuint (first, <=, last);
          g_assert_cmpuint (last, <=, n_entries);

          /* Everything that intersects [start, end) is in the slice. */
          for (i = 0; i < n_entries; i++)
            {
              gboolean visible = entries[i].start < end && entries[i].end > start;

              if (visible)
                {
                  g_assert_cmpuint (i, >=, first);
                  g_assert_cmpuint (i, <, last);
                }
            }

          /* Nothing after the range is. */
          for (i = first; i < last; i++)
            g_assert_cmpint (entries[i].start, <, end);
        }
    }
}

/* The entries touching a range, found by duration class, are exactly the
 * ones that intersect it, in lane order, whatever their durations. */
static void
test_collect_visible (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_random_timeline (400, 17);
  g_autoptr(ChronicleLaneLayout) layout = make_layout (timeline, CHRONICLE_GROUP_BY_KIND);
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_found = 0;
  guint round;

  for (round = 0; round < 300; round++)
    {
      gint64 start = G_GINT64_CONSTANT (1735689600) + g_rand_int_range (rand, -30 * 86400,
                                                                        380 * 86400);
      /* From a minute to two months: short ranges see the long entries. */
      gint64 end = start + g_rand_int_range (rand, 60, 60 * 86400);
      guint lane;

      for (lane = 0; lane < chronicle_lane_layout_get_n_lanes (layout); lane++)
        {
          const ChronicleLaneEntry *entries;
          guint n_entries;
          guint expected = 0;
          guint i;

          entries = chronicle_lane_layout_get_entries (layout, lane, &n_entries);

          /* Appends after what is there. */
          g_array_set_size (indices, 1);
          g_array_index (indices, guint, 0) = G_MAXUINT;
          chronicle_lane_layout_collect_visible (layout, lane, start, end, indices);
          g_assert_cmpuint (g_array_index (indices, guint, 0), ==, G_MAXUINT);

          for (i = 0; i < n_entries; i++)
            {
              if (entries[i].start < end && entries[i].end > start)
                {
                  g_assert_cmpuint (1 + expected, <, indices->len);
                  g_assert_cmpuint (g_array_index (indices, guint, 1 + expected), ==, i);
                  expected++;
                }
            }
          g_assert_cmpuint (indices->len, ==, 1 + expected);
          n_found += expected;
        }
    }

  /* The ranges were not all empty. */
  g_assert_cmpuint (n_found, >, 300);

  /* An empty range, and a lane that does not exist. */
  g_array_set_size (indices, 0);
  chronicle_lane_layout_collect_visible (layout, 0, 1735689600, 1735689600, indices);
  g_assert_cmpuint (indices->len, ==, 0);
  g_test_expect_message ("chronicle-lane-layout", G_LOG_LEVEL_CRITICAL, "*lane < self->cur.lanes->len*");
  chronicle_lane_layout_collect_visible (layout, 99, 0, G_MAXINT64, indices);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (indices->len, ==, 0);
}

/* Density bins count the entries starting in each, as a walk over all the
 * entries would. */
static void
test_count_starts (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_random_timeline (2000, 23);
  g_autoptr(ChronicleLaneLayout) layout = make_layout (timeline, CHRONICLE_GROUP_BY_KIND);
  g_autoptr(GRand) rand = g_rand_new_with_seed (9);
  guint round;

  for (round = 0; round < 100; round++)
    {
      double start = 1735689600.0 + g_rand_double_range (rand, -40 * 86400.0, 380 * 86400.0);
      double bin_width = g_rand_double_range (rand, 30.0, 5 * 86400.0);
      guint n_bins = g_rand_int_range (rand, 1, 400);
      g_autofree guint *counts = g_new (guint, n_bins);
      g_autofree guint *firsts = g_new (guint, n_bins);
      guint lane;

      for (lane = 0; lane < chronicle_lane_layout_get_n_lanes (layout); lane++)
        {
          const ChronicleLaneEntry *entries;
          guint n_entries;
          guint total;
          guint sum = 0;
          guint bin;

          entries = chronicle_lane_layout_get_entries (layout, lane, &n_entries);
          total = chronicle_lane_layout_count_starts (layout, lane, start, bin_width, n_bins,
                                                      counts, firsts);

          for (bin = 0; bin < n_bins; bin++)
            {
              double bin_start = start + bin * bin_width;
              double bin_end = start + (bin + 1) * bin_width;
              guint expected = 0;
              guint first = G_MAXUINT;
              guint i;

              for (i = 0; i < n_entries; i++)
                {
                  if (entries[i].start >= bin_start && entries[i].start < bin_end)
                    {
                      if (first == G_MAXUINT)
                        first = i;
                      expected++;
                    }
                }

              g_assert_cmpuint (counts[bin], ==, expected);
              g_assert_cmpuint (firsts[bin], ==, first);
              sum += counts[bin];
            }

          g_assert_cmpuint (total, ==, sum);
        }
    }
}

/* Actors and tags for a timeline's events: declared actors (one named
 * only by its name in some events), plain names, empty strings and the
 * same one twice, some events with none. */
static void
add_actors_and_tags (ChronicleTimeline *timeline)
{
  static const char * const actor_sets[][4] = {
    { "carol", NULL },
    { "bob", "carol", NULL },
    { "Carol Lee", NULL },
    { "", NULL },
    { "zed", "zed", "bob", NULL },
    { "dave", NULL },
    { NULL },
  };
  static const char * const tag_sets[][4] = {
    { "press", NULL },
    { "street", "press", NULL },
    { "", "street", NULL },
    { "press", "press", NULL },
    { NULL },
  };
  g_autoptr(ChronicleActor) carol = chronicle_actor_new ("carol", "Carol Lee", NULL);
  g_autoptr(ChronicleActor) dave = chronicle_actor_new ("dave", "Dave", NULL);

  chronicle_timeline_add_actor (timeline, dave);
  chronicle_timeline_add_actor (timeline, carol);

  for (guint i = 0; i < chronicle_timeline_get_n_events (timeline); i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (timeline, i);

      chronicle_event_set_actors (event, actor_sets[(i * 5 + 1) % G_N_ELEMENTS (actor_sets)]);
      chronicle_event_set_tags (event, tag_sets[(i * 3) % G_N_ELEMENTS (tag_sets)]);
    }
}

static GListModel *
copy_model (GListModel *model)
{
  GListStore *store = g_list_store_new (CHRONICLE_TYPE_EVENT);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (store);
}

/* Two layouts agree on everything they say. */
static void
assert_same_layout (ChronicleLaneLayout *a,
                    ChronicleLaneLayout *b)
{
  gint64 a_start = 0, a_end = 0, b_start = 0, b_end = 0;

  g_assert_cmpuint (chronicle_lane_layout_get_n_events (a), ==,
                    chronicle_lane_layout_get_n_events (b));
  g_assert_cmpint (chronicle_lane_layout_get_extent (a, &a_start, &a_end), ==,
                   chronicle_lane_layout_get_extent (b, &b_start, &b_end));
  g_assert_cmpint (a_start, ==, b_start);
  g_assert_cmpint (a_end, ==, b_end);

  for (guint i = 0; i < chronicle_lane_layout_get_n_events (a); i++)
    g_assert_true (chronicle_lane_layout_get_event (a, i) == chronicle_lane_layout_get_event (b, i));
  g_assert_null (chronicle_lane_layout_get_event (a, chronicle_lane_layout_get_n_events (a)));

  g_assert_cmpuint (chronicle_lane_layout_get_n_lanes (a), ==, chronicle_lane_layout_get_n_lanes (b));
  for (guint lane = 0; lane < chronicle_lane_layout_get_n_lanes (a); lane++)
    {
      const ChronicleLaneEntry *ea, *eb;
      guint na, nb;

      g_assert_cmpstr (chronicle_lane_layout_get_lane_key (a, lane), ==,
                       chronicle_lane_layout_get_lane_key (b, lane));
      g_assert_cmpstr (chronicle_lane_layout_get_lane_label (a, lane), ==,
                       chronicle_lane_layout_get_lane_label (b, lane));
      g_assert_cmpuint (chronicle_lane_layout_get_lane_kind (a, lane), ==,
                        chronicle_lane_layout_get_lane_kind (b, lane));
      g_assert_cmpuint (chronicle_lane_layout_get_lane_n_rows (a, lane), ==,
                        chronicle_lane_layout_get_lane_n_rows (b, lane));
      g_assert_cmpint (chronicle_lane_layout_get_lane_max_duration (a, lane), ==,
                       chronicle_lane_layout_get_lane_max_duration (b, lane));

      ea = chronicle_lane_layout_get_entries (a, lane, &na);
      eb = chronicle_lane_layout_get_entries (b, lane, &nb);
      g_assert_cmpuint (na, ==, nb);
      g_assert_cmpmem (ea, na * sizeof (ChronicleLaneEntry), eb, nb * sizeof (ChronicleLaneEntry));

      /* And the duration index behind the visible entries. */
      for (guint k = 0; k < 20 && na > 0; k++)
        {
          g_autoptr(GArray) va = g_array_new (FALSE, FALSE, sizeof (guint));
          g_autoptr(GArray) vb = g_array_new (FALSE, FALSE, sizeof (guint));
          gint64 from = ea[(k * 37) % na].start;
          gint64 to = from + 3600 * (1 + k * k * 50);

          chronicle_lane_layout_collect_visible (a, lane, from, to, va);
          chronicle_lane_layout_collect_visible (b, lane, from, to, vb);
          g_assert_cmpuint (va->len, >, 0);
          g_assert_cmpmem (va->data, va->len * sizeof (guint), vb->data, vb->len * sizeof (guint));
        }
    }
}

/* Laid out from the filter's arrays (or the timeline's own order), a
 * layout is the one that reading every event gives. */
static void
test_fast_path (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_random_timeline (3000, 29);
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = NULL;
  static const ChronicleGroupBy groupings[] = {
    CHRONICLE_GROUP_BY_KIND, CHRONICLE_GROUP_BY_STATUS, CHRONICLE_GROUP_BY_NONE,
    CHRONICLE_GROUP_BY_ACTOR, CHRONICLE_GROUP_BY_TAG,
  };
  const char * const kinds[] = { "statement", "other", NULL };
  const char * const statuses[] = { "planned", NULL };
  const char * const actors[] = { "Carol Lee", "bob", NULL };

  /* Some events planned, some approximate, one of a kind nobody declared. */
  for (guint i = 0; i < chronicle_timeline_get_n_events (timeline); i += 7)
    chronicle_event_set_status (chronicle_timeline_get_event (timeline, i),
                                CHRONICLE_EVENT_STATUS_PLANNED);
  for (guint i = 3; i < chronicle_timeline_get_n_events (timeline); i += 11)
    chronicle_event_set_approximate (chronicle_timeline_get_event (timeline, i), TRUE);
  chronicle_event_set_kind (chronicle_timeline_get_event (timeline, 5), "unheard-of");
  add_actors_and_tags (timeline);

  filter = chronicle_event_filter_new (timeline, state);

  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    {
      for (guint step = 0; step < 4; step++)
        {
          g_autoptr(ChronicleLaneLayout) fast = chronicle_lane_layout_new ();
          g_autoptr(ChronicleLaneLayout) slow = chronicle_lane_layout_new ();
          g_autoptr(ChronicleLaneLayout) whole = chronicle_lane_layout_new ();
          g_autoptr(ChronicleLaneLayout) whole_slow = chronicle_lane_layout_new ();
          g_autoptr(GListModel) copy = NULL;
          g_autoptr(GListModel) timeline_copy = copy_model (G_LIST_MODEL (timeline));

          chronicle_view_state_set_kinds (state, step == 1 ? kinds : NULL);
          chronicle_view_state_set_statuses (state, step == 2 ? statuses : NULL);
          chronicle_view_state_set_actors (state, step == 3 ? actors : NULL);
          copy = copy_model (G_LIST_MODEL (filter));
          /* Filtered, but not to nothing. */
          g_assert_cmpuint (g_list_model_get_n_items (copy), >, 100);
          g_assert_cmpuint (g_list_model_get_n_items (copy), <,
                            (step == 0 ? G_MAXUINT : chronicle_timeline_get_n_events (timeline)));

          chronicle_lane_layout_set_group_by (fast, groupings[g]);
          chronicle_lane_layout_set_timeline (fast, timeline);
          chronicle_lane_layout_set_model (fast, G_LIST_MODEL (filter));
          chronicle_lane_layout_set_filter (fast, filter);
          g_assert_true (chronicle_lane_layout_get_filter (fast) == filter);

          chronicle_lane_layout_set_group_by (slow, groupings[g]);
          chronicle_lane_layout_set_timeline (slow, timeline);
          chronicle_lane_layout_set_model (slow, copy);

          chronicle_lane_layout_set_group_by (whole, groupings[g]);
          chronicle_lane_layout_set_timeline (whole, timeline);
          chronicle_lane_layout_set_model (whole, G_LIST_MODEL (timeline));

          chronicle_lane_layout_set_group_by (whole_slow, groupings[g]);
          chronicle_lane_layout_set_timeline (whole_slow, timeline);
          chronicle_lane_layout_set_model (whole_slow, timeline_copy);

          chronicle_lane_layout_ensure (fast);
          chronicle_lane_layout_ensure (slow);
          chronicle_lane_layout_ensure (whole);
          chronicle_lane_layout_ensure (whole_slow);
          assert_same_layout (fast, slow);
          assert_same_layout (whole, whole_slow);
        }
    }

  /* The filter changes: the layout follows, still from the arrays. */
  {
    g_autoptr(ChronicleLaneLayout) fast = chronicle_lane_layout_new ();
    g_autoptr(ChronicleLaneLayout) slow = chronicle_lane_layout_new ();
    g_autoptr(GListModel) copy = NULL;

    chronicle_view_state_set_kinds (state, NULL);
    chronicle_view_state_set_statuses (state, NULL);
    chronicle_lane_layout_set_timeline (fast, timeline);
    chronicle_lane_layout_set_model (fast, G_LIST_MODEL (filter));
    chronicle_lane_layout_set_filter (fast, filter);
    chronicle_lane_layout_ensure (fast);

    chronicle_view_state_set_kinds (state, kinds);
    chronicle_lane_layout_ensure (fast);
    copy = copy_model (G_LIST_MODEL (filter));
    chronicle_lane_layout_set_timeline (slow, timeline);
    chronicle_lane_layout_set_model (slow, copy);
    chronicle_lane_layout_ensure (slow);
    assert_same_layout (fast, slow);

    /* And the timeline changes under it. */
    chronicle_timeline_remove_event (timeline,
                                     chronicle_event_get_id (chronicle_timeline_get_event (timeline, 0)));
    chronicle_lane_layout_ensure (fast);
    g_clear_object (&copy);
    copy = copy_model (G_LIST_MODEL (filter));
    chronicle_lane_layout_set_model (slow, copy);
    chronicle_lane_layout_ensure (slow);
    assert_same_layout (fast, slow);

    chronicle_lane_layout_set_filter (fast, NULL);
    g_assert_null (chronicle_lane_layout_get_filter (fast));
  }
}

/* Follows the filter as it changes, laying out again only the lanes whose
 * events came or went (or all of them, when the point extent changes):
 * the layout is still the one made afresh, and the one reading every
 * event. */
static void
test_fast_path_changes (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_random_timeline (4000, 31);
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (43);
  static const ChronicleGroupBy groupings[] = {
    CHRONICLE_GROUP_BY_KIND, CHRONICLE_GROUP_BY_STATUS, CHRONICLE_GROUP_BY_NONE,
    CHRONICLE_GROUP_BY_ACTOR, CHRONICLE_GROUP_BY_TAG,
  };
  static const char * const all_kinds[] = { "statement", "report", "other", "unheard-of" };
  static const char * const all_statuses[] = { "confirmed", "planned" };
  static const char * const all_tags[] = { "press", "street" };

  for (guint i = 0; i < chronicle_timeline_get_n_events (timeline); i += 5)
    chronicle_event_set_status (chronicle_timeline_get_event (timeline, i),
                                CHRONICLE_EVENT_STATUS_PLANNED);
  chronicle_event_set_kind (chronicle_timeline_get_event (timeline, 9), "unheard-of");
  add_actors_and_tags (timeline);
  filter = chronicle_event_filter_new (timeline, state);

  for (guint g = 0; g < G_N_ELEMENTS (groupings); g++)
    {
      g_autoptr(ChronicleLaneLayout) layout = chronicle_lane_layout_new ();

      chronicle_view_state_clear_filters (state);
      chronicle_lane_layout_set_group_by (layout, groupings[g]);
      chronicle_lane_layout_set_timeline (layout, timeline);
      chronicle_lane_layout_set_model (layout, G_LIST_MODEL (filter));
      chronicle_lane_layout_set_filter (layout, filter);
      chronicle_lane_layout_ensure (layout);

      for (guint step = 0; step < 16; step++)
        {
          g_autoptr(ChronicleLaneLayout) fresh = chronicle_lane_layout_new ();
          g_autoptr(ChronicleLaneLayout) slow = chronicle_lane_layout_new ();
          g_autoptr(GListModel) copy = NULL;
          g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
          g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
          g_autoptr(GPtrArray) tags = g_ptr_array_new ();

          /* One kind, status or tag toggled at a time, or all of them back. */
          for (guint i = 0; i < G_N_ELEMENTS (all_kinds); i++)
            if (g_rand_int_range (rand, 0, 4) != 0)
              g_ptr_array_add (kinds, (gpointer) all_kinds[i]);
          for (guint i = 0; i < G_N_ELEMENTS (all_statuses); i++)
            if (g_rand_int_range (rand, 0, 4) != 0)
              g_ptr_array_add (statuses, (gpointer) all_statuses[i]);
          for (guint i = 0; i < G_N_ELEMENTS (all_tags); i++)
            if (g_rand_int_range (rand, 0, 3) != 0)
              g_ptr_array_add (tags, (gpointer) all_tags[i]);
          g_ptr_array_add (kinds, NULL);
          g_ptr_array_add (statuses, NULL);
          g_ptr_array_add (tags, NULL);

          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              chronicle_view_state_set_kinds (state, (const char * const *) kinds->pdata);
              break;
            case 1:
              chronicle_view_state_set_statuses (state, (const char * const *) statuses->pdata);
              break;
            case 2:
              chronicle_view_state_set_tags (state, step % 2 ? (const char * const *) tags->pdata : NULL);
              break;
            default:
              chronicle_view_state_clear_filters (state);
              break;
            }
          chronicle_lane_layout_ensure (layout);

          chronicle_lane_layout_set_group_by (fresh, groupings[g]);
          chronicle_lane_layout_set_timeline (fresh, timeline);
          chronicle_lane_layout_set_model (fresh, G_LIST_MODEL (filter));
          chronicle_lane_layout_set_filter (fresh, filter);
          chronicle_lane_layout_ensure (fresh);
          assert_same_layout (layout, fresh);

          copy = copy_model (G_LIST_MODEL (filter));
          chronicle_lane_layout_set_group_by (slow, groupings[g]);
          chronicle_lane_layout_set_timeline (slow, timeline);
          chronicle_lane_layout_set_model (slow, copy);
          chronicle_lane_layout_ensure (slow);
          assert_same_layout (layout, slow);
        }
    }
}

static void
on_changed_count_cb (ChronicleLaneLayout *layout,
                     guint               *count)
{
  (*count)++;
}

/* A big rebuild begun in the idle (or by start_rebuild()) is made in
 * slices: the last layout stays until it is complete, ensure() leaves it
 * to the idle, finish() completes it, and any change starts it again. */
static void
test_slices (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_random_timeline (60000, 41);
  g_autoptr(ChronicleLaneLayout) layout = chronicle_lane_layout_new ();
  g_autoptr(GListModel) copy = copy_model (G_LIST_MODEL (timeline));
  guint n_changed = 0;

  chronicle_lane_layout_set_timeline (layout, timeline);
  chronicle_lane_layout_set_model (layout, G_LIST_MODEL (timeline));
  g_signal_connect (layout, "changed", G_CALLBACK (on_changed_count_cb), &n_changed);

  chronicle_lane_layout_start_rebuild (layout);
  chronicle_lane_layout_ensure (layout);
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_cmpuint (chronicle_lane_layout_get_n_events (layout), ==, 0);
  g_assert_cmpuint (chronicle_lane_layout_get_n_lanes (layout), ==, 0);

  while (n_changed == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_changed, ==, 1);

  for (guint g = CHRONICLE_GROUP_BY_NONE; g <= CHRONICLE_GROUP_BY_STATUS; g++)
    {
      g_autoptr(ChronicleLaneLayout) slow = chronicle_lane_layout_new ();

      chronicle_lane_layout_set_group_by (slow, g);
      chronicle_lane_layout_set_timeline (slow, timeline);
      chronicle_lane_layout_set_model (slow, copy);
      chronicle_lane_layout_ensure (slow);

      /* Begun in another grouping, then changed: made again. */
      chronicle_lane_layout_set_group_by (layout, g == CHRONICLE_GROUP_BY_STATUS
                                                  ? CHRONICLE_GROUP_BY_NONE
                                                  : CHRONICLE_GROUP_BY_STATUS);
      chronicle_lane_layout_start_rebuild (layout);
      g_main_context_iteration (NULL, FALSE);
      chronicle_lane_layout_set_group_by (layout, g);
      chronicle_lane_layout_start_rebuild (layout);
      n_changed = 0;
      chronicle_lane_layout_finish (layout);
      g_assert_cmpuint (n_changed, ==, 1);
      assert_same_layout (layout, slow);

      /* Nothing left for the idle. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_assert_cmpuint (n_changed, ==, 1);
    }

  /* ensure() still makes a rebuild that is only queued, at once. */
  {
    g_autoptr(ChronicleLaneLayout) slow = chronicle_lane_layout_new ();

    chronicle_lane_layout_set_group_by (slow, CHRONICLE_GROUP_BY_STATUS);
    chronicle_lane_layout_set_point_extent (slow, 3600);
    chronicle_lane_layout_set_timeline (slow, timeline);
    chronicle_lane_layout_set_model (slow, copy);
    chronicle_lane_layout_ensure (slow);

    chronicle_lane_layout_set_point_extent (layout, 3600);
    chronicle_lane_layout_ensure (layout);
    g_assert_cmpuint (n_changed, ==, 2);
    assert_same_layout (layout, slow);
  }
}

static void
test_lookup (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_timeline ();
  g_autoptr(ChronicleLaneLayout) layout = make_layout (timeline, CHRONICLE_GROUP_BY_NONE);
  const ChronicleLaneEntry *entries;
  guint n_entries;
  guint i;

  entries = chronicle_lane_layout_get_entries (layout, 0, &n_entries);

  for (i = 0; i < n_entries; i++)
    {
      gint64 middle = entries[i].start + (entries[i].end - entries[i].start) / 2;
      guint found;

      found = chronicle_lane_layout_lookup (layout, 0, entries[i].row, middle, 60);
      g_assert_cmpuint (found, ==, i);
      g_assert_cmpuint (entries[found].position, ==, entries[i].position);
      g_assert_cmpuint (chronicle_lane_layout_find_entry (layout, 0, entries[i].position), ==, i);
    }

  /* Before everything, and in a row with nothing there. */
  g_assert_cmpuint (chronicle_lane_layout_lookup (layout, 0, 0, entries[0].start - 86400, 60), ==,
                    G_MAXUINT);
  g_assert_cmpuint (chronicle_lane_layout_lookup (layout, 0, CHRONICLE_LANE_LAYOUT_MAX_ROWS,
                                                  entries[0].start, 60), ==, G_MAXUINT);

  /* The slack reaches a point event from just before it. */
  g_assert_cmpuint (chronicle_lane_layout_lookup (layout, 0, entries[0].row, entries[0].start - 30,
                                                  60), ==, 0);

  /* Nearest: "f" (30 August) is nearest to 29 August; "e" to December. */
  g_assert_cmpuint (chronicle_lane_layout_find_nearest (layout, 0, entries[0].start - 86400), ==,
                    0);
  g_assert_cmpuint (chronicle_lane_layout_find_nearest (layout, 0,
                                                        entries[n_entries - 1].start + 90 * 86400),
                    ==, n_entries - 1);

  /* Positions by time, over the model's start order. */
  g_assert_cmpuint (chronicle_lane_layout_position_lower_bound (layout, 0), ==, 0);
  g_assert_cmpuint (chronicle_lane_layout_position_lower_bound (layout, entries[1].start), ==, 1);
  g_assert_cmpuint (chronicle_lane_layout_position_lower_bound (layout, G_MAXINT64), ==, n_entries);
}

static void
on_changed_cb (ChronicleLaneLayout *layout,
               guint               *count)
{
  (*count)++;
}

static void
test_coalesce (void)
{
  g_autoptr(ChronicleTimeline) timeline = make_timeline ();
  g_autoptr(ChronicleLaneLayout) layout = make_layout (timeline, CHRONICLE_GROUP_BY_KIND);
  guint changes = 0;
  guint i;

  g_signal_connect (layout, "changed", G_CALLBACK (on_changed_cb), &changes);

  /* Five changes to the model, and one of the grouping: one rebuild. */
  for (i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("new%u", i);

      add_event (timeline, make_classified_event (id, "report", "2025-10-01", NULL, NULL,
                                                  NULL));
    }
  chronicle_lane_layout_set_group_by (layout, CHRONICLE_GROUP_BY_STATUS);
  g_assert_cmpuint (changes, ==, 0);
  g_assert_cmpuint (chronicle_lane_layout_get_n_events (layout), ==, 6);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpuint (chronicle_lane_layout_get_n_events (layout), ==, 11);

  /* ensure() runs a pending rebuild at once, and nothing when none is. */
  chronicle_timeline_remove_event (timeline, "new0");
  chronicle_lane_layout_ensure (layout);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (chronicle_lane_layout_get_n_events (layout), ==, 10);
  chronicle_lane_layout_ensure (layout);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changes, ==, 2);

  /* A new kind in the document lays out again too. */
  {
    g_autoptr(ChronicleKind) march = chronicle_kind_new ("march", "March", "#26a269", NULL);

    chronicle_timeline_add_kind (timeline, march);
    chronicle_lane_layout_ensure (layout);
    g_assert_cmpuint (changes, ==, 3);
  }

  g_assert_finalize_object (g_steal_pointer (&layout));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lane-layout/group-by/enum", test_group_by_enum);
  g_test_add_func ("/lane-layout/group-by/kind", test_group_by_kind);
  g_test_add_func ("/lane-layout/group-by/actor", test_group_by_actor);
  g_test_add_func ("/lane-layout/group-by/tag", test_group_by_tag);
  g_test_add_func ("/lane-layout/group-by/status", test_group_by_status);
  g_test_add_func ("/lane-layout/group-by/none", test_group_by_none);
  g_test_add_func ("/lane-layout/stacking/no-overlap", test_stacking);
  g_test_add_func ("/lane-layout/stacking/same-time", test_stacking_same_time);
  g_test_add_func ("/lane-layout/visible-slice", test_visible_slice);
  g_test_add_func ("/lane-layout/collect-visible", test_collect_visible);
  g_test_add_func ("/lane-layout/count-starts", test_count_starts);
  g_test_add_func ("/lane-layout/fast-path", test_fast_path);
  g_test_add_func ("/lane-layout/fast-path/changes", test_fast_path_changes);
  g_test_add_func ("/lane-layout/slices", test_slices);
  g_test_add_func ("/lane-layout/lookup", test_lookup);
  g_test_add_func ("/lane-layout/coalesce", test_coalesce);

  return g_test_run ();
}
