/* test-event-filter.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "chronicle-event-filter.h"
#include "chronicle-loader.h"

/* Time order of tests/data/browse.json. */
#define ALL_BROWSE "parade visit before vigil statement-mayor governor order raid deployment"

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

static ChronicleTimeline *
load_bundled (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "timelines",
                                                 "chicago-2025.json", NULL);

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

/* The ids of the model's items, joined by spaces; checks that each item
 * is the event at the position the filter maps it to. */
static char *
model_ids (ChronicleEventFilter *filter)
{
  GListModel *model = G_LIST_MODEL (filter);
  ChronicleTimeline *timeline = chronicle_event_filter_get_timeline (filter);
  GString *out = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, ==, chronicle_event_filter_get_n_shown (filter));
  g_assert_cmpuint (n, ==, chronicle_bitset_count (chronicle_event_filter_get_shown (filter)));
  g_assert_null (g_list_model_get_item (model, n));
  g_assert_true (g_list_model_get_item_type (model) == CHRONICLE_TYPE_EVENT);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (model, i);
      guint position = chronicle_event_filter_get_timeline_position (filter, i);

      g_assert_true (chronicle_timeline_get_event (timeline, position) == event);
      g_assert_true (chronicle_event_filter_is_shown (filter, position));
      g_assert_cmpuint (chronicle_event_filter_get_model_position (filter, position), ==, i);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, chronicle_event_get_id (event));
    }

  return g_string_free (out, FALSE);
}

static char *
match_ids (ChronicleEventFilter *filter)
{
  ChronicleTimeline *timeline = chronicle_event_filter_get_timeline (filter);
  GString *out = g_string_new (NULL);
  guint n = chronicle_event_filter_get_n_matches (filter);

  g_assert_cmpuint (n, ==, chronicle_bitset_count (chronicle_event_filter_get_matches (filter)));

  for (guint i = 0; i < n; i++)
    {
      guint position = chronicle_event_filter_get_match_position (filter, i);

      g_assert_true (chronicle_event_filter_is_match (filter, position));
      g_assert_true (chronicle_event_filter_is_shown (filter, position));
      g_assert_cmpuint (chronicle_event_filter_get_match_index (filter, position), ==, i);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, chronicle_event_get_id (chronicle_timeline_get_event (timeline,
                                                                                  position)));
    }
  g_assert_cmpuint (chronicle_event_filter_get_match_position (filter, n), ==, G_MAXUINT);

  return g_string_free (out, FALSE);
}

#define assert_shown(filter, expected) \
  G_STMT_START { \
    g_autofree char *__ids = model_ids (filter); \
    g_assert_cmpstr (__ids, ==, expected); \
  } G_STMT_END

#define assert_matches(filter, expected) \
  G_STMT_START { \
    g_autofree char *__ids = match_ids (filter); \
    g_assert_cmpstr (__ids, ==, expected); \
  } G_STMT_END

#define assert_kind_count(filter, kind, n) \
  g_assert_cmpuint (chronicle_event_filter_get_kind_count (filter, kind), ==, n)

#define assert_status_count(filter, status, n) \
  g_assert_cmpuint (chronicle_event_filter_get_status_count (filter, \
                                                             CHRONICLE_EVENT_STATUS_##status), \
                    ==, n)

#define assert_next_match(filter, position, forward, expected) \
  g_assert_cmpuint (chronicle_event_filter_find_next_match (filter, position, forward), \
                    ==, expected)

static guint
position_of (ChronicleTimeline *timeline,
             const char        *id)
{
  ChronicleEvent *event = chronicle_timeline_lookup_event (timeline, id);

  g_assert_nonnull (event);
  return chronicle_timeline_get_position (timeline, event);
}

static void
set_strv (ChronicleViewState *state,
          const char         *property,
          const char         *words)
{
  g_auto(GStrv) strv = words != NULL ? g_strsplit (words, " ", -1) : NULL;

  g_object_set (state, property, strv, NULL);
}

static void
set_range (ChronicleViewState *state,
           const char         *from,
           const char         *to)
{
  g_autoptr(ChronicleTime) from_time = from != NULL ? make_time (from) : NULL;
  g_autoptr(ChronicleTime) to_time = to != NULL ? make_time (to) : NULL;

  chronicle_view_state_set_range (state, from_time, to_time);
}

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* A filter written the obvious way, one event at a time, to check the
 * fast one against. Search texts here are ASCII, where the index has
 * exactly g_str_match_string()'s semantics. */
static gboolean
reference_passes (ChronicleTimeline  *timeline,
                  ChronicleViewState *state,
                  ChronicleEvent     *event,
                  gboolean           *matches_text)
{
  const char * const *kinds = chronicle_view_state_get_kinds (state);
  const char * const *statuses = chronicle_view_state_get_statuses (state);
  const char * const *actors = chronicle_view_state_get_actors (state);
  const char * const *tags = chronicle_view_state_get_tags (state);
  const ChronicleTime *from = chronicle_view_state_get_from (state);
  const ChronicleTime *to = chronicle_view_state_get_to (state);
  const char *text = chronicle_view_state_get_text (state);
  const char *kind = chronicle_event_get_kind (event);
  const char * const *event_actors = chronicle_event_get_actors (event);
  const char * const *event_tags = chronicle_event_get_tags (event);
  gboolean ok;

  *matches_text = FALSE;

  if (kinds != NULL &&
      !g_strv_contains (kinds, kind) &&
      !(chronicle_timeline_lookup_kind (timeline, kind) == NULL &&
        g_strv_contains (kinds, "other")))
    return FALSE;

  if (statuses != NULL &&
      !g_strv_contains (statuses,
                        chronicle_event_status_to_string (chronicle_event_get_status (event))))
    return FALSE;

  if (actors != NULL)
    {
      ok = FALSE;
      for (guint i = 0; event_actors != NULL && event_actors[i] != NULL && !ok; i++)
        for (guint j = 0; actors[j] != NULL && !ok; j++)
          {
            const char *name_a = chronicle_timeline_get_actor_name (timeline, event_actors[i]);
            const char *name_b = chronicle_timeline_get_actor_name (timeline, actors[j]);
            g_autofree char *a = g_utf8_casefold (name_a, -1);
            g_autofree char *b = g_utf8_casefold (name_b, -1);

            ok = g_str_equal (event_actors[i], actors[j]) || g_str_equal (a, b);
          }
      if (!ok)
        return FALSE;
    }

  if (tags != NULL)
    {
      ok = FALSE;
      for (guint i = 0; event_tags != NULL && event_tags[i] != NULL && !ok; i++)
        ok = g_strv_contains (tags, event_tags[i]);
      if (!ok)
        return FALSE;
    }

  if (from != NULL && chronicle_event_get_end_instant (event) <= chronicle_time_get_instant (from))
    return FALSE;

  if (to != NULL &&
      chronicle_event_get_start_instant (event) >=
      chronicle_time_get_end_instant_in_zone (to, chronicle_timeline_get_time_zone (timeline)))
    return FALSE;

  if (text != NULL)
    {
      GString *all = g_string_new (NULL);
      GPtrArray *quotes = chronicle_event_get_quotes (event);

      g_string_append_printf (all, "%s\n%s\n%s\n%s\n",
                              chronicle_event_get_title (event),
                              or_empty (chronicle_event_get_summary (event)),
                              or_empty (chronicle_event_get_description (event)),
                              or_empty (chronicle_event_get_location (event)));
      for (guint i = 0; event_actors != NULL && event_actors[i] != NULL; i++)
        g_string_append_printf (all, "%s\n",
                                chronicle_timeline_get_actor_name (timeline, event_actors[i]));
      for (guint i = 0; event_tags != NULL && event_tags[i] != NULL; i++)
        g_string_append_printf (all, "%s\n", event_tags[i]);
      for (guint i = 0; i < quotes->len; i++)
        {
          ChronicleQuote *quote = g_ptr_array_index (quotes, i);

          const char *speaker = NULL;

          if (quote->speaker != NULL)
            speaker = chronicle_timeline_get_actor_name (timeline, quote->speaker);
          g_string_append_printf (all, "%s\n%s\n", quote->text, or_empty (speaker));
        }

      *matches_text = g_str_match_string (text, all->str, TRUE);
      g_string_free (all, TRUE);

      if (!*matches_text && chronicle_view_state_get_hide_non_matching (state))
        return FALSE;
    }

  return TRUE;
}

static void
assert_like_reference (ChronicleEventFilter *filter)
{
  ChronicleTimeline *timeline = chronicle_event_filter_get_timeline (filter);
  ChronicleViewState *state = chronicle_event_filter_get_view_state (filter);
  guint n = chronicle_timeline_get_n_events (timeline);
  guint n_shown = 0;
  guint n_matches = 0;

  for (guint i = 0; i < n; i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (timeline, i);
      gboolean text_ok;
      gboolean shown = reference_passes (timeline, state, event, &text_ok);

      g_assert_cmpint (shown, ==, chronicle_event_filter_is_shown (filter, i));
      g_assert_cmpint (shown && text_ok, ==, chronicle_event_filter_is_match (filter, i));
      n_shown += shown;
      n_matches += shown && text_ok;
    }

  g_assert_cmpuint (n_shown, ==, g_list_model_get_n_items (G_LIST_MODEL (filter)));
  g_assert_cmpuint (n_matches, ==, chronicle_event_filter_get_n_matches (filter));
  g_free (model_ids (filter));
  g_free (match_ids (filter));
}

static void
test_event_filter_all (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);

  assert_shown (filter, ALL_BROWSE);
  assert_matches (filter, "");
  assert_next_match (filter, 0, TRUE, G_MAXUINT);

  assert_kind_count (filter, "statement", 2);
  /* "vigil" is unknown: it counts under its own id and as "other". */
  assert_kind_count (filter, "other", 3);
  assert_kind_count (filter, "vigil", 1);
  assert_kind_count (filter, "meeting", 1);
  assert_kind_count (filter, "legal-action", 0);
  assert_kind_count (filter, "nonsense", 0);
  assert_status_count (filter, OCCURRED, 6);
  assert_status_count (filter, PLANNED, 1);
  assert_status_count (filter, REPORTED, 1);
  assert_status_count (filter, CANCELLED, 1);

  g_assert_cmpuint (chronicle_event_filter_get_model_position (filter, 9), ==, G_MAXUINT);
  g_assert_cmpuint (chronicle_event_filter_get_timeline_position (filter, 9), ==, G_MAXUINT);

  g_clear_object (&filter);
  g_assert_finalize_object (g_steal_pointer (&state));
  g_assert_finalize_object (g_steal_pointer (&timeline));
}

static void
test_event_filter_kinds_and_statuses (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);

  set_strv (state, "kinds", "statement");
  assert_shown (filter, "statement-mayor governor");
  /* Kind counts leave the kind filter out, so the toggles that are off
   * still say what they would bring; status counts keep it. */
  assert_kind_count (filter, "statement", 2);
  assert_kind_count (filter, "other", 3);
  assert_kind_count (filter, "report", 1);
  assert_status_count (filter, OCCURRED, 2);
  assert_status_count (filter, REPORTED, 0);

  set_strv (state, "kinds", "statement report");
  assert_shown (filter, "statement-mayor governor raid");
  set_strv (state, "kinds", "other");
  assert_shown (filter, "parade before vigil");
  set_strv (state, "kinds", "vigil");
  assert_shown (filter, "vigil");
  set_strv (state, "kinds", "meeting order-signing");
  assert_shown (filter, "visit order");
  set_strv (state, "kinds", "legal-action");
  assert_shown (filter, "");
  assert_kind_count (filter, "statement", 2);

  set_strv (state, "kinds", NULL);
  set_strv (state, "statuses", "planned reported");
  assert_shown (filter, "raid deployment");
  assert_status_count (filter, OCCURRED, 6);
  assert_status_count (filter, CANCELLED, 1);
  assert_kind_count (filter, "statement", 0);
  assert_kind_count (filter, "report", 1);
  assert_kind_count (filter, "planned-deployment", 1);

  set_strv (state, "statuses", "cancelled");
  assert_shown (filter, "parade");
  set_strv (state, "kinds", "statement");
  assert_shown (filter, "");
  assert_kind_count (filter, "other", 1);
  assert_status_count (filter, OCCURRED, 2);
}

static void
test_event_filter_actors_and_tags (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);

  set_strv (state, "actors", "johnson");
  assert_shown (filter, "statement-mayor governor order");
  set_strv (state, "actors", "pritzker");
  assert_shown (filter, "governor");
  /* Any of the event's actors, any of the filter's. */
  set_strv (state, "actors", "pritzker sheinbaum");
  assert_shown (filter, "visit governor");
  /* By name as well as by id, ignoring case. */
  chronicle_view_state_set_actors (state, (const char * const[]) { "JB Pritzker", NULL });
  assert_shown (filter, "governor");
  chronicle_view_state_set_actors (state, (const char * const[]) { "brandon johnson", NULL });
  assert_shown (filter, "statement-mayor governor order");
  /* Plain names that no actor declares. */
  chronicle_view_state_set_actors (state, (const char * const[]) { "ICE agents", NULL });
  assert_shown (filter, "raid");
  chronicle_view_state_set_actors (state, (const char * const[]) { "ice AGENTS", NULL });
  assert_shown (filter, "raid");
  set_strv (state, "actors", "nobody");
  assert_shown (filter, "");
  set_strv (state, "actors", NULL);

  set_strv (state, "tags", "chicago");
  assert_shown (filter, "statement-mayor governor order");
  set_strv (state, "tags", "illinois raids");
  assert_shown (filter, "governor raid");
  set_strv (state, "tags", "federal-plans");
  assert_shown (filter, "raid deployment");
  set_strv (state, "tags", "Chicago");
  assert_shown (filter, "");
}

static void
test_event_filter_range (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);

  /* [2025-08-25T00:00, 2025-09-01T00:00): "vigil" (24–25 August) ends
   * inside; "before" (23–24 August) ends exactly at the start, "deployment"
   * starts exactly at the end: both out. "raid" at 23:59 on the 31st is in. */
  set_range (state, "2025-08-25", "2025-08-31");
  assert_shown (filter, "vigil statement-mayor governor order raid");

  set_range (state, "2025-08-31", NULL);
  assert_shown (filter, "raid deployment");
  set_range (state, NULL, "2025-08-10");
  assert_shown (filter, "parade visit");
  set_range (state, NULL, "2025-08-09");
  assert_shown (filter, "parade");
  /* A long event that began well before the range. */
  set_range (state, "2025-09-15", NULL);
  assert_shown (filter, "deployment");
  set_range (state, "2025-10-01", NULL);
  assert_shown (filter, "");
  set_range (state, "2025-08-31T23:59", "2025-08-31T23:59");
  assert_shown (filter, "raid");
  set_range (state, "2025-09-01T00:00", "2025-09-01T00:00");
  assert_shown (filter, "deployment");
  set_range (state, "2025-07-31T23:59", "2025-08-01");
  assert_shown (filter, "parade");
  set_range (state, "2025-08-24T12:00", "2025-08-24T12:00");
  assert_shown (filter, "before vigil");
  set_range (state, "2025", "2025");
  assert_shown (filter, ALL_BROWSE);
  set_range (state, "2026", NULL);
  assert_shown (filter, "");
  set_range (state, NULL, "2024");
  assert_shown (filter, "");
  set_range (state, NULL, NULL);
  assert_shown (filter, ALL_BROWSE);
}

static void
test_event_filter_combined (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);

  set_strv (state, "kinds", "statement");
  set_strv (state, "actors", "johnson");
  assert_shown (filter, "statement-mayor governor");
  set_strv (state, "tags", "illinois");
  assert_shown (filter, "governor");
  set_strv (state, "tags", NULL);
  set_range (state, "2025-08-26", NULL);
  assert_shown (filter, "governor");
  chronicle_view_state_set_text (state, "protect");
  assert_shown (filter, "");

  chronicle_view_state_clear_filters (state);
  assert_shown (filter, ALL_BROWSE);

  chronicle_view_state_freeze (state);
  set_strv (state, "kinds", "statement order-signing report");
  set_strv (state, "statuses", "occurred");
  set_strv (state, "tags", "chicago raids");
  set_range (state, "2025-08-26", NULL);
  chronicle_view_state_thaw (state);
  assert_shown (filter, "governor order");
  set_strv (state, "statuses", "occurred reported");
  assert_shown (filter, "governor order raid");
  chronicle_view_state_set_text (state, "mayor");
  assert_shown (filter, "governor order");
  assert_matches (filter, "governor order");
  assert_like_reference (filter);
}

static void
test_event_filter_search (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);
  guint statement = position_of (timeline, "statement-mayor");
  guint governor = position_of (timeline, "governor");
  guint order = position_of (timeline, "order");
  guint parade = position_of (timeline, "parade");
  guint raid = position_of (timeline, "raid");
  guint deployment = position_of (timeline, "deployment");

  /* Hiding (the default): the model holds the matches only. */
  chronicle_view_state_set_text (state, "Mayor");
  assert_shown (filter, "statement-mayor governor order");
  assert_matches (filter, "statement-mayor governor order");
  assert_kind_count (filter, "statement", 2);
  assert_kind_count (filter, "other", 0);

  /* Fading: every event stays, the matches are apart. */
  chronicle_view_state_set_hide_non_matching (state, FALSE);
  assert_shown (filter, ALL_BROWSE);
  assert_matches (filter, "statement-mayor governor order");
  g_assert_cmpuint (chronicle_event_filter_get_n_matches (filter), ==, 3);
  g_assert_false (chronicle_event_filter_is_match (filter, parade));
  g_assert_cmpuint (chronicle_event_filter_get_match_index (filter, parade), ==, G_MAXUINT);
  g_assert_cmpuint (chronicle_event_filter_get_match_index (filter, statement), ==, 0);
  g_assert_cmpuint (chronicle_event_filter_get_match_index (filter, governor), ==, 1);
  g_assert_cmpuint (chronicle_event_filter_get_match_index (filter, order), ==, 2);
  assert_kind_count (filter, "other", 3);

  /* Next and previous, in time order, wrapping. */
  assert_next_match (filter, statement, TRUE, governor);
  assert_next_match (filter, governor, TRUE, order);
  assert_next_match (filter, order, TRUE, statement);
  assert_next_match (filter, order, FALSE, governor);
  assert_next_match (filter, statement, FALSE, order);
  /* From an event that is not a match. */
  assert_next_match (filter, parade, TRUE, statement);
  assert_next_match (filter, parade, FALSE, order);
  assert_next_match (filter, raid, FALSE, order);
  assert_next_match (filter, deployment, TRUE, statement);
  /* From nothing selected. */
  assert_next_match (filter, G_MAXUINT, TRUE, statement);
  assert_next_match (filter, G_MAXUINT, FALSE, order);

  /* One match: it is its own next and previous. */
  chronicle_view_state_set_text (state, "pritzker");
  assert_matches (filter, "governor");
  assert_next_match (filter, governor, TRUE, governor);
  assert_next_match (filter, governor, FALSE, governor);

  /* The matches are among the shown events only. */
  chronicle_view_state_set_text (state, "chicago");
  set_strv (state, "kinds", "statement");
  assert_shown (filter, "statement-mayor governor");
  assert_matches (filter, "statement-mayor governor");
  set_strv (state, "kinds", "planned-deployment report");
  assert_shown (filter, "raid deployment");
  assert_matches (filter, "deployment");
  set_strv (state, "kinds", NULL);

  /* Accents and case. */
  chronicle_view_state_set_text (state, "MEXICO");
  assert_matches (filter, "visit");
  chronicle_view_state_set_text (state, "zócalo");
  assert_matches (filter, "vigil");

  /* Nothing found. */
  chronicle_view_state_set_text (state, "zzz");
  assert_matches (filter, "");
  assert_shown (filter, ALL_BROWSE);
  assert_next_match (filter, 0, TRUE, G_MAXUINT);
  assert_next_match (filter, 0, FALSE, G_MAXUINT);
  chronicle_view_state_set_hide_non_matching (state, TRUE);
  assert_shown (filter, "");

  /* No text, no matches, even with every event shown. */
  chronicle_view_state_set_text (state, NULL);
  assert_shown (filter, ALL_BROWSE);
  assert_matches (filter, "");
}

typedef struct
{
  GString *items_changed;
  guint    n_changed;
} ModelJournal;

static void
on_items_changed_cb (GListModel   *model,
                     guint         position,
                     guint         removed,
                     guint         added,
                     ModelJournal *journal)
{
  g_string_append_printf (journal->items_changed, "%s%u-%u+%u",
                          journal->items_changed->len ? " " : "", position, removed, added);
}

static void
on_filter_changed_cb (ChronicleEventFilter *filter,
                      ModelJournal         *journal)
{
  journal->n_changed++;
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
assert_journal (ModelJournal *journal,
                const char   *items_changed,
                guint         n_changed)
{
  g_assert_cmpstr (journal->items_changed->str, ==, items_changed);
  g_assert_cmpuint (journal->n_changed, ==, n_changed);
  g_string_truncate (journal->items_changed, 0);
  journal->n_changed = 0;
}

static void
test_event_filter_signals (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);
  g_autoptr(ChronicleTime) window = make_time ("2025-08-01");
  g_autoptr(ChronicleTime) rally_start = make_time ("2025-08-29");
  g_autoptr(ChronicleTime) elsewhere_start = make_time ("2025-06");
  g_autoptr(GError) error = NULL;
  ModelJournal journal = { g_string_new (NULL), 0 };
  ChronicleEvent *events[2];

  g_signal_connect (filter, "items-changed", G_CALLBACK (on_items_changed_cb), &journal);
  g_signal_connect (filter, "changed", G_CALLBACK (on_filter_changed_cb), &journal);

  set_strv (state, "kinds", "statement");
  assert_journal (&journal, "0-9+2", 1);
  /* Only the stretch that differs: [4 5] → [4 5 6]. */
  set_strv (state, "kinds", "statement order-signing");
  assert_journal (&journal, "2-0+1", 1);
  /* [4 5 6] → [0 2 3 4 5 6]. */
  set_strv (state, "kinds", "statement order-signing other");
  assert_journal (&journal, "0-0+3", 1);
  set_strv (state, "kinds", "statement order-signing");
  assert_journal (&journal, "0-3+0", 1);

  /* Grouping, window, names and hiding without a text: no change. */
  chronicle_view_state_set_group_by (state, CHRONICLE_GROUP_BY_ACTOR);
  chronicle_view_state_set_window_from (state, window);
  chronicle_view_state_set_title (state, "Renamed");
  chronicle_view_state_set_hide_non_matching (state, FALSE);
  assert_journal (&journal, "", 0);

  /* Same events, other counts: "changed" without items-changed. */
  set_strv (state, "statuses", "occurred");
  assert_journal (&journal, "", 1);

  /* A batch: one of each. */
  chronicle_view_state_freeze (state);
  set_strv (state, "kinds", NULL);
  set_strv (state, "statuses", NULL);
  set_strv (state, "tags", "chicago raids");
  chronicle_view_state_set_text (state, "mayor");
  chronicle_view_state_thaw (state);
  assert_journal (&journal, "3-0+1", 1);
  assert_shown (filter, "statement-mayor governor order raid");
  assert_matches (filter, "statement-mayor governor order");

  /* The text hides now: [4 5 6 7] → [4 5 6]. The counts are properties. */
  {
    guint n_shown_notified = 0;
    guint n_matches_notified = 0;
    guint n_shown = 0;

    g_signal_connect_swapped (filter, "notify::n-shown",
                              G_CALLBACK (count_cb), &n_shown_notified);
    g_signal_connect_swapped (filter, "notify::n-matches",
                              G_CALLBACK (count_cb), &n_matches_notified);
    chronicle_view_state_set_hide_non_matching (state, TRUE);
    assert_journal (&journal, "3-1+0", 1);
    g_assert_cmpuint (n_shown_notified, ==, 1);
    g_assert_cmpuint (n_matches_notified, ==, 0);
    g_object_get (filter, "n-shown", &n_shown, NULL);
    g_assert_cmpuint (n_shown, ==, 3);
    g_signal_handlers_disconnect_by_func (filter, count_cb, &n_shown_notified);
    g_signal_handlers_disconnect_by_func (filter, count_cb, &n_matches_notified);
  }

  /* Narrowing the search by one letter: the search index only rechecks
   * the previous matches, and the result is the same as from scratch. */
  chronicle_view_state_set_text (state, "mayor s");
  assert_journal (&journal, "1-1+0", 1);
  assert_shown (filter, "statement-mayor order");

  /* Timeline changes: everything is reported, and the new events are
   * searched. */
  events[0] = chronicle_event_new ("rally", "Mayor’s rally", rally_start);
  chronicle_event_set_tags (events[0], (const char * const[]) { "chicago", NULL });
  chronicle_event_set_summary (events[0], "Supporters gather");
  /* It matches the text, but not the tags. */
  events[1] = chronicle_event_new ("elsewhere", "Mayor somewhere else", elsewhere_start);
  chronicle_timeline_add_events (timeline, events, 2, &error);
  g_assert_no_error (error);
  g_object_unref (events[0]);
  g_object_unref (events[1]);
  assert_journal (&journal, "0-2+3", 1);
  assert_shown (filter, "statement-mayor rally order");

  g_assert_true (chronicle_timeline_remove_event (timeline, "statement-mayor"));
  assert_journal (&journal, "0-3+2", 1);
  assert_shown (filter, "rally order");
  assert_like_reference (filter);

  g_string_free (journal.items_changed, TRUE);
  g_signal_handlers_disconnect_by_data (filter, &journal);
}

static void
test_event_filter_views (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);
  static const struct {
    const char *id;
    const char *shown;
  } views[] = {
    { "mayor", "statement-mayor governor" },
    { "planned-late-august", "raid" },
    { "week-of-25-august", "vigil statement-mayor governor order raid" },
    { "mexico", "visit" },
    { "chicago-tags", "governor raid" },
  };
  ModelJournal journal = { g_string_new (NULL), 0 };

  g_signal_connect (filter, "changed", G_CALLBACK (on_filter_changed_cb), &journal);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      ChronicleView *view = chronicle_timeline_lookup_view (timeline, views[i].id);
      g_autoptr(JsonNode) saved = NULL;
      g_autoptr(ChronicleViewState) reloaded = NULL;
      g_autoptr(ChronicleEventFilter) reloaded_filter = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_nonnull (view);
      chronicle_view_state_set_from_view (state, view);
      g_assert_cmpuint (journal.n_changed, ==, 1);
      journal.n_changed = 0;
      assert_shown (filter, views[i].shown);
      assert_like_reference (filter);

      /* Saved and loaded back, the view shows the same events. */
      saved = chronicle_view_state_to_json (state, NULL);
      reloaded = chronicle_view_state_new_from_json (saved,
                                                     chronicle_timeline_get_time_zone (timeline),
                                                     &error);
      g_assert_no_error (error);
      reloaded_filter = chronicle_event_filter_new (timeline, reloaded);
      assert_shown (reloaded_filter, views[i].shown);
    }

  /* Back to all events. */
  chronicle_view_state_clear_filters (state);
  assert_shown (filter, ALL_BROWSE);

  g_string_free (journal.items_changed, TRUE);
  g_signal_handlers_disconnect_by_data (filter, &journal);
}

static void
test_event_filter_time_zone (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);
  GListModel *views = chronicle_timeline_get_views (timeline);

  /* The bundled views are read in America/Chicago; each one shows some
   * events, exactly those the obvious filter lets through. */
  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);

      chronicle_view_state_set_from_view (state, view);
      g_assert_cmpuint (chronicle_event_filter_get_n_shown (filter), >, 0);
      g_assert_cmpuint (chronicle_event_filter_get_n_shown (filter), <,
                        chronicle_timeline_get_n_events (timeline));
      assert_like_reference (filter);
    }
}

/* Many combinations on the bundled timeline, each against the obvious
 * filter. */
static void
test_event_filter_combinations (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250825);
  static const char * const kinds[] = {
    "statement", "enforcement-action", "other", "report", "order-signing"
  };
  static const char * const statuses[] = { "occurred", "planned", "reported", "cancelled" };
  static const char * const actors[] = {
    "trump", "johnson", "ice", "dhs", "Marco Rubio", "pritzker"
  };
  static const char * const tags[] = { "immigration", "crime", "federal-plans", "national-guard" };
  static const char * const ranges[] = {
    NULL, "2020", "2025-08", "2025-08-25", "2025-08-30T12:00", "2025-09"
  };
  static const char * const texts[] = {
    NULL, "chicago", "trump", "guard", "mayor order", "ice", "the", "x"
  };

  for (guint round = 0; round < 400; round++)
    {
      g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
      const char *from = ranges[g_rand_int_range (rand, 0, G_N_ELEMENTS (ranges))];
      const char *to = ranges[g_rand_int_range (rand, 0, G_N_ELEMENTS (ranges))];
      const char *text;

      chronicle_view_state_freeze (state);

#define PICK(property, values, percent) \
      G_STMT_START { \
        g_ptr_array_set_size (chosen, 0); \
        if (g_rand_int_range (rand, 0, 100) < percent) \
          for (guint k = 0; k < G_N_ELEMENTS (values); k++) \
            if (g_rand_boolean (rand)) \
              g_ptr_array_add (chosen, (gpointer) values[k]); \
        g_ptr_array_add (chosen, NULL); \
        g_object_set (state, property, chosen->pdata, NULL); \
      } G_STMT_END

      PICK ("kinds", kinds, 50);
      PICK ("statuses", statuses, 30);
      PICK ("actors", actors, 40);
      PICK ("tags", tags, 40);
#undef PICK

      set_range (state, from, to);
      text = texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (texts))];
      chronicle_view_state_set_text (state, text);
      chronicle_view_state_set_hide_non_matching (state, g_rand_boolean (rand));
      chronicle_view_state_thaw (state);

      assert_like_reference (filter);
    }
}

/* A list kept up to date from items-changed alone, as a list view keeps
 * its rows; the pinned events may only go alone. */
typedef struct
{
  GPtrArray  *items;   /* ChronicleEvent */
  GHashTable *pinned;  /* ChronicleEvent */
  guint       n_steps;
} Mirror;

static void
on_mirror_items_changed_cb (GListModel *model,
                            guint       position,
                            guint       removed,
                            guint       added,
                            Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, mirror->items->len - removed + added);

  for (guint i = position; i < position + removed; i++)
    if (g_hash_table_contains (mirror->pinned, g_ptr_array_index (mirror->items, i)))
      g_assert_true (removed == 1 && added == 0);

  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, position + i, g_list_model_get_item (model, position + i));
  mirror->n_steps++;
}

/* With events pinned, a change is reported in steps that keep each out of
 * every stretch but one that removes it alone; each step is a true state
 * of the model, and the last is the filter's. */
static void
test_event_filter_pinned (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = chronicle_event_filter_new (timeline, state);
  GListModel *kind_model = chronicle_timeline_get_kinds (timeline);
  Mirror mirror = { g_ptr_array_new_with_free_func (g_object_unref), g_hash_table_new (NULL, NULL), 0 };
  g_autoptr(GArray) pins = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n_split = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (filter)); i++)
    g_ptr_array_add (mirror.items, g_list_model_get_item (G_LIST_MODEL (filter), i));
  g_signal_connect (filter, "items-changed", G_CALLBACK (on_mirror_items_changed_cb), &mirror);

  for (guint step = 0; step < 40; step++)
    {
      g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      guint n_shown = chronicle_event_filter_get_n_shown (filter);

      /* Pin a few shown events (one twice), now and then none. */
      for (guint i = 0; i < pins->len; i++)
        chronicle_event_filter_unpin (filter, g_array_index (pins, guint, i));
      g_array_set_size (pins, 0);
      g_hash_table_remove_all (mirror.pinned);
      for (guint i = 0; n_shown > 0 && step % 5 != 4 && i < 1 + step % 4; i++)
        {
          guint pin = chronicle_event_filter_get_timeline_position (filter,
                                                                    g_rand_int_range (rand, 0, n_shown));

          g_array_append_val (pins, pin);
          if (i == 0)
            g_array_append_val (pins, pin);
          g_hash_table_add (mirror.pinned, chronicle_timeline_get_event (timeline, pin));
        }
      for (guint i = 0; i < pins->len; i++)
        chronicle_event_filter_pin (filter, g_array_index (pins, guint, i));

      for (guint i = 0; i < g_list_model_get_n_items (kind_model); i++)
        if (g_rand_boolean (rand))
          {
            ChronicleKind *kind = g_list_model_get_item (kind_model, i);

            g_ptr_array_add (kinds, kind);
            g_ptr_array_add (ids, (gpointer) chronicle_kind_get_id (kind));
          }
      g_ptr_array_add (ids, NULL);

      mirror.n_steps = 0;
      chronicle_view_state_set_kinds (state, (const char * const *) ids->pdata);
      if (mirror.n_steps > 1)
        n_split++;

      g_assert_cmpuint (mirror.items->len, ==, chronicle_event_filter_get_n_shown (filter));
      for (guint i = 0; i < mirror.items->len; i++)
        g_assert_true (g_ptr_array_index (mirror.items, i) ==
                       chronicle_timeline_get_event (timeline,
                                                     chronicle_event_filter_get_timeline_position (filter, i)));
    }

  /* The steps were needed at times. */
  g_assert_cmpuint (n_split, >, 0);

  g_signal_handlers_disconnect_by_data (filter, &mirror);
  g_ptr_array_unref (mirror.items);
  g_hash_table_unref (mirror.pinned);
}

static void
count_changed_cb (ChronicleEventFilter *filter,
                  guint                *n_changed)
{
  (*n_changed)++;
}

/* On a big timeline whose search index is still being read in idle
 * time, a search does not read the rest at once: it waits, the events
 * shown as without it, and applies when the index is built. A small
 * timeline searches at once. */
static void
test_event_filter_search_waits_for_index (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleViewState) state = chronicle_view_state_new ();
  g_autoptr(ChronicleEventFilter) filter = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const guint n = 30000;
  guint n_changed = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *title = g_strdup_printf ("%s %u", i % 100 == 0 ? "Needle" : "Hay", i);
      ChronicleTime start;

      g_assert_true (chronicle_time_parse ("2025-08-25", NULL, &start, NULL));
      start.instant += i;
      g_ptr_array_add (events, chronicle_event_new (id, title, &start));
    }
  g_assert_true (chronicle_timeline_add_events (timeline, (ChronicleEvent **) events->pdata, n, &error));
  g_assert_no_error (error);

  filter = chronicle_event_filter_new (timeline, state);
  g_signal_connect (filter, "changed", G_CALLBACK (count_changed_cb), &n_changed);
  chronicle_view_state_set_hide_non_matching (state, TRUE);

  chronicle_view_state_set_text (state, "needle");
  g_assert_true (chronicle_event_filter_get_search_pending (filter));
  g_assert_cmpuint (chronicle_event_filter_get_n_shown (filter), ==, n);
  g_assert_cmpuint (chronicle_event_filter_get_n_matches (filter), ==, 0);
  g_assert_cmpuint (n_changed, ==, 1);

  while (chronicle_event_filter_get_search_pending (filter))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (chronicle_event_filter_get_n_matches (filter), ==, n / 100);
  g_assert_cmpuint (chronicle_event_filter_get_n_shown (filter), ==, n / 100);
  g_assert_cmpuint (n_changed, ==, 2);

  /* Built: the next search applies at once. */
  chronicle_view_state_set_text (state, "hay");
  g_assert_false (chronicle_event_filter_get_search_pending (filter));
  g_assert_cmpuint (chronicle_event_filter_get_n_matches (filter), ==, n - n / 100);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/event-filter/all", test_event_filter_all);
  g_test_add_func ("/event-filter/search-waits-for-index", test_event_filter_search_waits_for_index);
  g_test_add_func ("/event-filter/kinds-and-statuses", test_event_filter_kinds_and_statuses);
  g_test_add_func ("/event-filter/actors-and-tags", test_event_filter_actors_and_tags);
  g_test_add_func ("/event-filter/range", test_event_filter_range);
  g_test_add_func ("/event-filter/combined", test_event_filter_combined);
  g_test_add_func ("/event-filter/search", test_event_filter_search);
  g_test_add_func ("/event-filter/signals", test_event_filter_signals);
  g_test_add_func ("/event-filter/pinned", test_event_filter_pinned);
  g_test_add_func ("/event-filter/views", test_event_filter_views);
  g_test_add_func ("/event-filter/time-zone", test_event_filter_time_zone);
  g_test_add_func ("/event-filter/combinations", test_event_filter_combinations);

  return g_test_run ();
}
