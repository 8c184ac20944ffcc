/* test-search.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "chronicle-loader.h"
#include "chronicle-search-index.h"
#include "chronicle-timeline.h"

static ChronicleTimeline *
load_browse (void)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "browse.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChronicleTimeline *timeline;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);

  return timeline;
}

static ChronicleEvent *
make_event (const char *id,
            const char *title,
            const char *start)
{
  g_autoptr(ChronicleTime) time = chronicle_time_new_from_iso8601 (start, NULL, NULL);

  g_assert_nonnull (time);
  return chronicle_event_new (id, title, time);
}

static void
add_event (ChronicleTimeline *timeline,
           ChronicleEvent    *event)
{
  g_autoptr(GError) error = NULL;

  chronicle_timeline_add_events (timeline, &event, 1, &error);
  g_assert_no_error (error);
  g_object_unref (event);
}

/* The ids of the events in @set, in time order, joined by spaces. */
static char *
ids_of (ChronicleTimeline     *timeline,
        const ChronicleBitset *set)
{
  GString *out = g_string_new (NULL);

  g_assert_cmpuint (chronicle_bitset_get_n_bits (set), ==,
                    chronicle_timeline_get_n_events (timeline));

  for (guint i = chronicle_bitset_next (set, 0);
       i != G_MAXUINT;
       i = chronicle_bitset_next (set, i + 1))
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, chronicle_event_get_id (chronicle_timeline_get_event (timeline, i)));
    }

  return g_string_free (out, FALSE);
}

static void
assert_search (ChronicleSearchIndex *index,
               const char           *query,
               const char           *expected)
{
  g_autoptr(ChronicleBitset) result = chronicle_search_index_match (index, query);
  g_autofree char *ids = ids_of (chronicle_search_index_get_timeline (index), result);

  if (g_strcmp0 (ids, expected) != 0)
    g_error ("search “%s”: expected “%s”, found “%s”", query, expected, ids);
}

static void
test_search_fields (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleSearchIndex) index = NULL;
  g_autoptr(ChronicleActor) actor = chronicle_actor_new ("a17", "Governor Zebulon", NULL);
  g_autoptr(ChronicleQuote) quote1 = chronicle_quote_new ("Quotedword here", NULL, NULL);
  g_autoptr(ChronicleQuote) quote2 = chronicle_quote_new ("Nothing to see", "a17", NULL);
  g_autoptr(ChronicleQuote) quote3 = chronicle_quote_new ("Still nothing", "Plainspeaker Person",
                                                          NULL);
  g_autoptr(ChronicleSource) source = chronicle_source_new ("Sourcetitle", "Publisherword",
                                                            NULL, NULL);
  ChronicleEvent *event;

  chronicle_timeline_add_actor (timeline, actor);

  add_event (timeline, make_event ("title", "Titleword", "2001"));

  event = make_event ("summary", "a", "2002");
  chronicle_event_set_summary (event, "Summaryword");
  add_event (timeline, event);

  event = make_event ("description", "b", "2003");
  chronicle_event_set_description (event, "Descriptionword");
  add_event (timeline, event);

  event = make_event ("actor-id", "c", "2004");
  chronicle_event_set_actors (event, (const char * const[]) { "a17", NULL });
  add_event (timeline, event);

  event = make_event ("actor-name", "d", "2005");
  chronicle_event_set_actors (event, (const char * const[]) { "Plainactor Name", NULL });
  add_event (timeline, event);

  event = make_event ("location", "e", "2006");
  chronicle_event_set_location (event, "Locationword");
  add_event (timeline, event);

  event = make_event ("quote", "f", "2007");
  chronicle_event_add_quote (event, quote1);
  add_event (timeline, event);

  event = make_event ("speaker-id", "g", "2008");
  chronicle_event_add_quote (event, quote2);
  add_event (timeline, event);

  event = make_event ("speaker-name", "h", "2009");
  chronicle_event_add_quote (event, quote3);
  add_event (timeline, event);

  event = make_event ("tags", "i", "2010");
  chronicle_event_set_tags (event, (const char * const[]) { "tagword", "federal-plans", NULL });
  add_event (timeline, event);

  /* Sources, kinds and ids are not searched. */
  event = make_event ("unsearched", "j", "2011");
  chronicle_event_add_source (event, source);
  chronicle_event_set_kind (event, "kindword");
  add_event (timeline, event);

  index = chronicle_search_index_new (timeline);

  assert_search (index, "titleword", "title");
  assert_search (index, "summaryword", "summary");
  assert_search (index, "descriptionword", "description");
  assert_search (index, "zebulon", "actor-id speaker-id");
  assert_search (index, "governor", "actor-id speaker-id");
  assert_search (index, "plainactor", "actor-name");
  assert_search (index, "locationword", "location");
  assert_search (index, "quotedword", "quote");
  assert_search (index, "plainspeaker", "speaker-name");
  assert_search (index, "tagword", "tags");
  assert_search (index, "plans", "tags");
  assert_search (index, "federal plans", "tags");
  assert_search (index, "sourcetitle", "");
  assert_search (index, "publisherword", "");
  assert_search (index, "kindword", "");
  assert_search (index, "unsearched", "");
  /* Actor ids are not text: the name is. */
  assert_search (index, "a17", "");
}

static void
test_search_case_and_accents (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleSearchIndex) index = chronicle_search_index_new (timeline);

  assert_search (index, "Chicago", "statement-mayor governor order deployment");
  assert_search (index, "chicago", "statement-mayor governor order deployment");
  assert_search (index, "CHICAGO", "statement-mayor governor order deployment");
  assert_search (index, "ChIcAgO", "statement-mayor governor order deployment");
  assert_search (index, "Pritzker", "governor");
  assert_search (index, "pritzker", "governor");
  /* Accents in the text: the query without them finds them… */
  assert_search (index, "Mexico", "visit");
  assert_search (index, "mexico", "visit");
  assert_search (index, "zocalo cafe", "vigil");
  /* …and with them, too. */
  assert_search (index, "México", "visit");
  assert_search (index, "MÉXICO", "visit");
  assert_search (index, "Zócalo", "vigil");
  assert_search (index, "café", "vigil");
}

static void
test_search_accented_query (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleSearchIndex) index = NULL;
  ChronicleEvent *event;

  add_event (timeline, make_event ("plain", "Flights to Mexico", "2020"));
  add_event (timeline, make_event ("accented", "Vuelos a México", "2021"));
  event = make_event ("other", "Fréderic and Åsa", "2022");
  chronicle_event_set_summary (event, "Straße café");
  add_event (timeline, event);

  index = chronicle_search_index_new (timeline);

  /* A query with accents also finds the text without them. */
  assert_search (index, "méxico", "plain accented");
  assert_search (index, "mexico", "plain accented");
  assert_search (index, "mex", "plain accented");
  assert_search (index, "méx", "plain accented");
  assert_search (index, "frederic", "other");
  assert_search (index, "fréd", "other");
  assert_search (index, "asa", "other");
  assert_search (index, "åsa", "other");
  /* Case folding: "ß" folds to "ss". */
  assert_search (index, "strasse", "other");
  assert_search (index, "STRASSE", "other");
  assert_search (index, "straße", "other");
}

static void
test_search_prefix_and_words (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleSearchIndex) index = chronicle_search_index_new (timeline);

  /* Each word of the query is a prefix of some word of the event. */
  assert_search (index, "chi", "statement-mayor governor order deployment");
  assert_search (index, "cago", "");
  assert_search (index, "mayor", "statement-mayor governor order");
  assert_search (index, "mayor order", "order");
  assert_search (index, "order mayor", "order");
  assert_search (index, "ord may", "order");
  assert_search (index, "mayor, order!", "order");
  assert_search (index, "mayor nothing", "");
  assert_search (index, "johnson", "statement-mayor governor order");
  assert_search (index, "brandon", "statement-mayor governor order");
  /* A speaker given by id is searched by the actor's name. */
  assert_search (index, "protect brandon", "statement-mayor");
  assert_search (index, "organisers", "parade");
  assert_search (index, "ice agents", "raid");
  assert_search (index, "federal", "raid deployment");
}

static void
test_search_empty (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleSearchIndex) index = chronicle_search_index_new (timeline);
  const char *all = "parade visit before vigil statement-mayor governor order raid deployment";

  assert_search (index, NULL, all);
  assert_search (index, "", all);
  assert_search (index, "  ,.;! ", all);
  assert_search (index, "mayor", "statement-mayor governor order");
  assert_search (index, "", all);
}

static void
test_search_empty_timeline (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleSearchIndex) index = chronicle_search_index_new (timeline);
  g_autoptr(ChronicleBitset) result = chronicle_search_index_match (index, "anything");

  g_assert_cmpuint (chronicle_bitset_get_n_bits (result), ==, 0);
  g_assert_cmpuint (chronicle_search_index_get_n_tokens (index), ==, 0);

  add_event (timeline, make_event ("late", "Late arrival", "2020"));
  assert_search (index, "late", "late");
  assert_search (index, "anything", "");
}

/* Texts with the punctuation and digits that decide where words break,
 * ASCII and not: the index must split them as g_str_tokenize_and_fold()
 * does, so that it agrees with g_str_match_string(). */
static const char * const tricky_texts[] = {
  "don't stop—go_now 3.14 e-mail x86_64",
  "O'Hare (ORD) @ 10:45pm; gate B12",
  "Tab\there\nnewline\rreturn",
  "über-Straße Ærøskøbing naïve coöperate",
  "İstanbul ıssız Dĳon ﬁnance",
  "日本語 テキスト and Ελληνικά κείμενο",
  "emoji 🎉 party ✓ done",
  "UPPER lower MiXeD 123abc abc123",
  "",
  NULL
};

static const char * const tricky_queries[] = {
  "don", "t", "stop", "go", "now", "14", "3", "mail", "x86", "64", "o", "hare",
  "ord", "10", "45pm", "b12", "gate b", "tab", "here", "newline", "return",
  "uber", "über", "strasse", "aeroskobing", "naive", "cooperate", "istanbul",
  "issiz", "dijon", "finance", "fi", "日本", "テキスト", "ελλ", "κειμενο", "emoji",
  "party", "done", "upper", "lower", "mixed", "123abc", "abc", "abc123", "zzz",
  "go now", "upper zzz",
  NULL
};

static void
test_search_agrees_with_glib (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleSearchIndex) index = NULL;
  guint n = g_strv_length ((char **)tricky_texts);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("text-%u", i);
      g_autofree char *year = g_strdup_printf ("%04u", 2000 + i);
      ChronicleEvent *event = make_event (id, "-", year);

      chronicle_event_set_description (event, tricky_texts[i]);
      add_event (timeline, event);
    }

  index = chronicle_search_index_new (timeline);

  for (guint q = 0; tricky_queries[q] != NULL; q++)
    {
      g_autoptr(ChronicleBitset) result = chronicle_search_index_match (index, tricky_queries[q]);

      for (guint i = 0; i < n; i++)
        {
          /* The title "-" has no words. */
          gboolean expected = g_str_match_string (tricky_queries[q], tricky_texts[i], TRUE);

          /* Accents are ignored both ways: a query with them also finds
           * the text without them, which g_str_match_string() does not. */
          if (!expected && !g_str_is_ascii (tricky_queries[q]))
            continue;

          if (expected != chronicle_bitset_contains (result, i))
            g_error ("query “%s” on “%s”: g_str_match_string says %d, the index %d",
                     tricky_queries[q], tricky_texts[i], expected, !expected);
        }
    }
}

/* Typing, deleting and retyping: every result equals the one of a fresh
 * index, whether the index could narrow the last result or not. */
static void
test_search_incremental (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleSearchIndex) index = chronicle_search_index_new (timeline);
  static const char * const steps[] = {
    "m", "ma", "may", "mayo", "mayor", "mayor ", "mayor o", "mayor or", "mayor ord",
    "mayor or", "mayor", "mayo", "m", "", "c", "ch", "chi", "chic", "chica", "chicag",
    "chicago", "chicago g", "chicago go", "chicago", "me", "mé", "méx", "méxi", "mex",
    "mexi", "mexico", "x", "federal", "federal plans", "plans federal", "p", "pl", "plans",
    "z", "zó", "zoc", "zócalo", "zócalo café", "zocalo cafe", "q", "",
    NULL
  };

  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_autoptr(ChronicleSearchIndex) fresh = chronicle_search_index_new (timeline);
      g_autoptr(ChronicleBitset) expected = chronicle_search_index_match (fresh, steps[i]);
      g_autoptr(ChronicleBitset) found = chronicle_search_index_match (index, steps[i]);

      if (!chronicle_bitset_equal (expected, found))
        {
          g_autofree char *expected_ids = ids_of (timeline, expected);
          g_autofree char *found_ids = ids_of (timeline, found);

          g_error ("step “%s”: expected “%s”, found “%s”", steps[i], expected_ids, found_ids);
        }
    }

  assert_search (index, "mayor or", "order");
  assert_search (index, "mayor orders", "order");
  assert_search (index, "mayor ordersx", "");
}

static void
test_search_timeline_changes (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_browse ();
  g_autoptr(ChronicleSearchIndex) index = chronicle_search_index_new (timeline);
  g_autoptr(GError) error = NULL;
  ChronicleEvent *events[3];

  assert_search (index, "chicago", "statement-mayor governor order deployment");
  assert_search (index, "chic", "statement-mayor governor order deployment");
  g_assert_cmpuint (chronicle_search_index_get_n_tokens (index), >, 30);

  /* Before, between and after the existing events. */
  events[0] = make_event ("early", "Early Chicago history", "1833");
  events[1] = make_event ("middle", "Chicago rally", "2025-08-28");
  events[2] = make_event ("late", "Aftermath in Chicago", "2026");
  chronicle_event_set_summary (events[1], "Residents rally downtown");
  chronicle_timeline_add_events (timeline, events, 3, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    g_object_unref (events[i]);

  /* The narrowing cache must not survive the change. */
  assert_search (index, "chicago", "early statement-mayor governor middle order deployment late");
  assert_search (index, "rally", "middle");
  assert_search (index, "residents", "vigil statement-mayor middle");
  assert_search (index, "mexico", "visit");

  g_assert_true (chronicle_timeline_remove_event (timeline, "order"));
  assert_search (index, "chicago", "early statement-mayor governor middle deployment late");
  assert_search (index, "mayor", "statement-mayor governor");

  g_assert_true (chronicle_timeline_remove_event (timeline, "early"));
  g_assert_true (chronicle_timeline_remove_event (timeline, "late"));
  assert_search (index, "chicago", "statement-mayor governor middle deployment");

  /* And the result equals a fresh index's, query by query. */
  for (guint i = 0; tricky_queries[i] != NULL; i++)
    {
      g_autoptr(ChronicleSearchIndex) fresh = chronicle_search_index_new (timeline);
      g_autoptr(ChronicleBitset) expected = chronicle_search_index_match (fresh, tricky_queries[i]);
      g_autoptr(ChronicleBitset) found = chronicle_search_index_match (index, tricky_queries[i]);

      g_assert_true (chronicle_bitset_equal (expected, found));
    }
}

/* Built in idle slices, with the timeline changing in between: the same
 * results as an index built at once. */
static void
test_search_idle_build (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleSearchIndex) index = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  static const char * const words[] = {
    "Chicago", "México", "mayor", "order", "Zócalo", "rally", "court"
  };
  static const char * const queries[] = {
    "chicago", "mex", "méxico", "mayor order", "zocalo", "r", "court 1", "17", NULL
  };
  ChronicleEvent *late[2];
  guint slices = 0;

  for (guint i = 0; i < 50000; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      g_autofree char *title = g_strdup_printf ("%s %s %u", words[i % 7], words[(i / 7) % 7], i);
      g_autofree char *year = g_strdup_printf ("%04u", 1000 + i % 1000);
      ChronicleEvent *event = make_event (id, title, year);

      chronicle_event_set_location (event, words[(i / 3) % 7]);
      g_ptr_array_add (events, event);
    }
  chronicle_timeline_add_events (timeline, (ChronicleEvent **)events->pdata, events->len, &error);
  g_assert_no_error (error);

  index = chronicle_search_index_new (timeline);
  chronicle_search_index_build_in_idle (index);
  g_assert_false (chronicle_search_index_is_built (index));

  g_main_context_iteration (NULL, FALSE);
  g_assert_false (chronicle_search_index_is_built (index));

  /* Before the part already read, and after it. */
  late[0] = make_event ("early", "Early Chicago rally", "0999");
  late[1] = make_event ("latest", "Latest court order", "2500");
  chronicle_timeline_add_events (timeline, late, 2, &error);
  g_assert_no_error (error);
  g_object_unref (late[0]);
  g_object_unref (late[1]);
  g_main_context_iteration (NULL, FALSE);
  g_assert_true (chronicle_timeline_remove_event (timeline, "e3"));

  while (!chronicle_search_index_is_built (index))
    {
      g_main_context_iteration (NULL, FALSE);
      slices++;
    }
  g_assert_cmpuint (slices, >, 0);
  g_assert_false (g_main_context_pending (NULL));

  for (guint i = 0; queries[i] != NULL; i++)
    {
      g_autoptr(ChronicleSearchIndex) fresh = chronicle_search_index_new (timeline);
      g_autoptr(ChronicleBitset) expected = chronicle_search_index_match (fresh, queries[i]);
      g_autoptr(ChronicleBitset) found = chronicle_search_index_match (index, queries[i]);

      g_assert_cmpuint (chronicle_bitset_count (expected), >, 0);
      g_assert_true (chronicle_bitset_equal (expected, found));
    }

  /* Events added at the start re-sort all of the timeline: read again in
   * the idle, not on the spot. */
  late[0] = make_event ("first", "First of all", "0001");
  chronicle_timeline_add_events (timeline, late, 1, &error);
  g_assert_no_error (error);
  g_object_unref (late[0]);
  g_assert_false (chronicle_search_index_is_built (index));
  g_assert_true (g_main_context_pending (NULL));
  while (!chronicle_search_index_is_built (index))
    g_main_context_iteration (NULL, FALSE);

  for (guint i = 0; queries[i] != NULL; i++)
    {
      g_autoptr(ChronicleSearchIndex) fresh = chronicle_search_index_new (timeline);
      g_autoptr(ChronicleBitset) expected = chronicle_search_index_match (fresh, queries[i]);
      g_autoptr(ChronicleBitset) found = chronicle_search_index_match (index, queries[i]);

      g_assert_true (chronicle_bitset_equal (expected, found));
    }
  assert_search (index, "first", "first");

  /* A query before the idle is done finishes the work, and the idle goes. */
  {
    g_autoptr(ChronicleSearchIndex) other = chronicle_search_index_new (timeline);
    g_autoptr(ChronicleBitset) found = NULL;

    chronicle_search_index_build_in_idle (other);
    found = chronicle_search_index_match (other, "early");
    g_assert_cmpuint (chronicle_bitset_count (found), ==, 1);
    g_assert_true (chronicle_search_index_is_built (other));
    g_assert_false (g_main_context_pending (NULL));
  }

  /* Dropping an index while it is being built removes its idle. */
  {
    ChronicleSearchIndex *other = chronicle_search_index_new (timeline);

    chronicle_search_index_build_in_idle (other);
    g_main_context_iteration (NULL, FALSE);
    g_assert_finalize_object (other);
    g_assert_false (g_main_context_pending (NULL));
  }
}

static void
test_bitset (void)
{
  g_autoptr(ChronicleBitset) set = chronicle_bitset_new (200);
  g_autoptr(ChronicleBitset) other = chronicle_bitset_new (200);
  g_autoptr(ChronicleBitset) copy = NULL;
  g_autoptr(ChronicleBitset) empty = chronicle_bitset_new (0);

  g_assert_true (chronicle_bitset_is_empty (set));
  g_assert_cmpuint (chronicle_bitset_next (set, 0), ==, G_MAXUINT);
  g_assert_cmpuint (chronicle_bitset_previous (set, 199), ==, G_MAXUINT);

  chronicle_bitset_add_range (set, 60, 10);     /* 60..69, across a word */
  chronicle_bitset_add (set, 0);
  chronicle_bitset_add (set, 199);
  chronicle_bitset_add_range (set, 128, 64);    /* 128..191, exactly a word */
  g_assert_cmpuint (chronicle_bitset_count (set), ==, 10 + 2 + 64);
  g_assert_true (chronicle_bitset_contains (set, 63));
  g_assert_true (chronicle_bitset_contains (set, 64));
  g_assert_false (chronicle_bitset_contains (set, 70));
  g_assert_false (chronicle_bitset_contains (set, 127));
  g_assert_false (chronicle_bitset_contains (set, 500));
  g_assert_cmpuint (chronicle_bitset_next (set, 1), ==, 60);
  g_assert_cmpuint (chronicle_bitset_next (set, 70), ==, 128);
  g_assert_cmpuint (chronicle_bitset_next (set, 192), ==, 199);
  g_assert_cmpuint (chronicle_bitset_next (set, 200), ==, G_MAXUINT);
  g_assert_cmpuint (chronicle_bitset_previous (set, 127), ==, 69);
  g_assert_cmpuint (chronicle_bitset_previous (set, 59), ==, 0);
  g_assert_cmpuint (chronicle_bitset_previous (set, 1000), ==, 199);

  copy = chronicle_bitset_copy (set);
  g_assert_true (chronicle_bitset_equal (set, copy));

  chronicle_bitset_add_range (other, 0, 100);
  chronicle_bitset_intersect (copy, other);
  g_assert_cmpuint (chronicle_bitset_count (copy), ==, 11);
  chronicle_bitset_union (copy, other);
  g_assert_cmpuint (chronicle_bitset_count (copy), ==, 100);
  chronicle_bitset_subtract (copy, set);
  g_assert_cmpuint (chronicle_bitset_count (copy), ==, 89);
  g_assert_false (chronicle_bitset_equal (set, copy));

  chronicle_bitset_remove (set, 199);
  chronicle_bitset_remove (set, 5000);
  g_assert_cmpuint (chronicle_bitset_count (set), ==, 75);
  chronicle_bitset_add_all (set);
  g_assert_cmpuint (chronicle_bitset_count (set), ==, 200);
  g_assert_cmpuint (chronicle_bitset_previous (set, G_MAXUINT), ==, 199);
  chronicle_bitset_remove_all (set);
  g_assert_true (chronicle_bitset_is_empty (set));

  chronicle_bitset_add_all (empty);
  g_assert_cmpuint (chronicle_bitset_count (empty), ==, 0);
  g_assert_cmpuint (chronicle_bitset_next (empty, 0), ==, G_MAXUINT);
  g_assert_cmpuint (chronicle_bitset_previous (empty, 0), ==, G_MAXUINT);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/bitset", test_bitset);
  g_test_add_func ("/search/fields", test_search_fields);
  g_test_add_func ("/search/case-and-accents", test_search_case_and_accents);
  g_test_add_func ("/search/accented-query", test_search_accented_query);
  g_test_add_func ("/search/prefix-and-words", test_search_prefix_and_words);
  g_test_add_func ("/search/empty", test_search_empty);
  g_test_add_func ("/search/empty-timeline", test_search_empty_timeline);
  g_test_add_func ("/search/agrees-with-glib", test_search_agrees_with_glib);
  g_test_add_func ("/search/incremental", test_search_incremental);
  g_test_add_func ("/search/timeline-changes", test_search_timeline_changes);
  g_test_add_func ("/search/idle-build", test_search_idle_build);

  return g_test_run ();
}
