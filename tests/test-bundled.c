/* test-bundled.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The timeline that Chronicle opens when it is given no file
 * (data/timelines/chicago-2025.json), loaded with the real loader: it must
 * load cleanly, its dates must be the ones the article gives, its quotes
 * must be the article's words and it must be in the writer's canonical form.
 */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "chronicle-loader.h"
#include "chronicle-writer.h"

/* The events of the article; see the descriptions in the file for how each
 * relative date was resolved. */
#define N_BUNDLED_EVENTS 15

typedef struct
{
  ChronicleLoader   *loader;
  ChronicleTimeline *timeline;
} Bundled;

static char *
bundled_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "timelines", "chicago-2025.json", NULL);
}

static void
bundled_clear (Bundled *bundled)
{
  g_clear_object (&bundled->timeline);
  g_clear_object (&bundled->loader);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bundled, bundled_clear)

static void
bundled_load (Bundled *bundled)
{
  g_autofree char *path = bundled_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  bundled->loader = chronicle_loader_new ();
  bundled->timeline = chronicle_loader_load_file (bundled->loader, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bundled->timeline);
}

static ChronicleEvent *
lookup_event (Bundled    *bundled,
              const char *id)
{
  ChronicleEvent *event = chronicle_timeline_lookup_event (bundled->timeline, id);

  if (event == NULL)
    g_error ("the bundled timeline has no event “%s”", id);

  return event;
}

/* Asserts that @time names the whole day @year-@month-@day on the
 * timeline's wall clock (America/Chicago). */
static void
assert_day (const ChronicleTime *time,
            int                  year,
            int                  month,
            int                  day)
{
  g_autoptr(GTimeZone) chicago = g_time_zone_new_identifier ("America/Chicago");
  g_autoptr(GDateTime) midnight = NULL;
  int y, m, d, hour, minute, second;

  g_assert_nonnull (time);
  g_assert_cmpint (chronicle_time_get_precision (time), ==, CHRONICLE_TIME_PRECISION_DAY);

  chronicle_time_get_civil (time, &y, &m, &d, &hour, &minute, &second);
  g_assert_cmpint (y, ==, year);
  g_assert_cmpint (m, ==, month);
  g_assert_cmpint (d, ==, day);

  /* A date is a day in the timeline's zone, not a UTC day. */
  g_assert_nonnull (chicago);
  midnight = g_date_time_new (chicago, year, month, day, 0, 0, 0);
  g_assert_cmpint (chronicle_time_get_instant (time), ==, g_date_time_to_unix (midnight));
}

static void
assert_weekday (int          year,
                int          month,
                int          day,
                GDateWeekday weekday)
{
  g_autoptr(GDateTime) date = g_date_time_new_utc (year, month, day, 0, 0, 0);

  g_assert_cmpint (g_date_time_get_day_of_week (date), ==, weekday);
}

static gboolean
strv_contains (const char * const *strv,
               const char         *str)
{
  return strv != NULL && g_strv_contains (strv, str);
}

static void
test_bundled_load_clean (void)
{
  g_auto(Bundled) bundled = { 0 };
  GPtrArray *diagnostics;

  bundled_load (&bundled);

  diagnostics = chronicle_loader_get_diagnostics (bundled.loader);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *text = chronicle_diagnostic_to_string (g_ptr_array_index (diagnostics, i),
                                                              "chicago-2025.json");
      g_test_message ("unexpected diagnostic: %s", text);
    }

  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (chronicle_loader_get_n_errors (bundled.loader), ==, 0);
  g_assert_cmpuint (chronicle_loader_get_n_warnings (bundled.loader), ==, 0);
  g_assert_cmpstr (chronicle_loader_get_display_name (bundled.loader), ==, "chicago-2025.json");
}

static void
test_bundled_metadata (void)
{
  g_auto(Bundled) bundled = { 0 };
  GListModel *eras;

  bundled_load (&bundled);

  g_assert_cmpstr (chronicle_timeline_get_title (bundled.timeline), ==,
                   "Chicago and the federal immigration deployment, August 2025");
  g_assert_nonnull (chronicle_timeline_get_description (bundled.timeline));
  g_assert_cmpstr (chronicle_timeline_get_timezone (bundled.timeline), ==, "America/Chicago");
  g_assert_cmpuint (chronicle_timeline_get_n_events (bundled.timeline), ==, N_BUNDLED_EVENTS);
  eras = chronicle_timeline_get_eras (bundled.timeline);
  g_assert_cmpuint (g_list_model_get_n_items (eras), ==, 0);
}

static void
test_bundled_order_signing (void)
{
  g_auto(Bundled) bundled = { 0 };
  ChronicleEvent *event;
  guint n_signings = 0;

  bundled_load (&bundled);

  /* "Brandon Johnson signed an executive order on Saturday": the Saturday
   * after the news conference of Monday 25 August 2025. */
  assert_weekday (2025, 8, 25, G_DATE_MONDAY);
  assert_weekday (2025, 8, 30, G_DATE_SATURDAY);

  event = lookup_event (&bundled, "executive-order");
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, CHRONICLE_KIND_ORDER_SIGNING);
  g_assert_cmpint (chronicle_event_get_status (event), ==, CHRONICLE_EVENT_STATUS_OCCURRED);
  g_assert_false (chronicle_event_is_range (event));
  g_assert_false (chronicle_event_get_approximate (event));
  g_assert_false (chronicle_time_is_approximate (chronicle_event_get_start (event)));
  assert_day (chronicle_event_get_start (event), 2025, 8, 30);
  g_assert_true (strv_contains (chronicle_event_get_actors (event), "johnson"));
  g_assert_cmpstr (chronicle_event_get_location (event), ==, "Chicago");

  for (guint i = 0; i < chronicle_timeline_get_n_events (bundled.timeline); i++)
    {
      ChronicleEvent *other = chronicle_timeline_get_event (bundled.timeline, i);

      if (g_strcmp0 (chronicle_event_get_kind (other), CHRONICLE_KIND_ORDER_SIGNING) == 0)
        n_signings++;
    }
  g_assert_cmpuint (n_signings, ==, 1);
}

static void
test_bundled_planned_deployment (void)
{
  g_auto(Bundled) bundled = { 0 };
  ChronicleEvent *event;
  const ChronicleTime *start;
  const ChronicleTime *end;

  bundled_load (&bundled);

  /* "could start as early as September 5", "expected to last about 30
   * days": an estimate, so approximate at both ends. */
  event = lookup_event (&bundled, "chicago-operation");
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, CHRONICLE_KIND_PLANNED_DEPLOYMENT);
  g_assert_cmpint (chronicle_event_get_status (event), ==, CHRONICLE_EVENT_STATUS_PLANNED);
  g_assert_true (chronicle_event_is_range (event));
  g_assert_true (chronicle_event_get_approximate (event));

  start = chronicle_event_get_start (event);
  end = chronicle_event_get_end (event);
  assert_day (start, 2025, 9, 5);
  assert_day (end, 2025, 10, 5);
  g_assert_true (chronicle_time_is_approximate (start));
  g_assert_true (chronicle_time_is_approximate (end));
  g_assert_cmpint (chronicle_time_difference (end, start), ==, 30 * 24 * 60 * 60);
  g_assert_true (strv_contains (chronicle_event_get_actors (event), "ice"));
  g_assert_true (strv_contains (chronicle_event_get_actors (event), "cbp"));
}

static void
test_bundled_relative_days (void)
{
  g_auto(Bundled) bundled = { 0 };
  const char * const this_week[] = { "naval-station-request", "trump-calls-chicago-hellhole" };
  ChronicleEvent *event;

  bundled_load (&bundled);

  /* The article's one full date. */
  event = lookup_event (&bundled, "johnson-news-conference");
  assert_day (chronicle_event_get_start (event), 2025, 8, 25);
  g_assert_false (chronicle_event_get_approximate (event));

  /* "Tuesday": the cabinet meeting and the Truth Social post. */
  assert_weekday (2025, 8, 26, G_DATE_TUESDAY);
  event = lookup_event (&bundled, "cabinet-meeting");
  assert_day (chronicle_event_get_start (event), 2025, 8, 26);
  g_assert_false (chronicle_event_is_range (event));
  event = lookup_event (&bundled, "truth-social-post");
  assert_day (chronicle_event_get_start (event), 2025, 8, 26);
  g_assert_false (chronicle_event_is_range (event));
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, CHRONICLE_KIND_STATEMENT);

  /* "on Friday": the DHS official and the Associated Press. */
  assert_weekday (2025, 8, 29, G_DATE_FRIDAY);
  event = lookup_event (&bundled, "dhs-official-tells-ap");
  assert_day (chronicle_event_get_start (event), 2025, 8, 29);
  g_assert_false (chronicle_event_is_range (event));
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, CHRONICLE_KIND_REPORT);

  /* "before signing the order": the same Saturday. */
  event = lookup_event (&bundled, "johnson-warns");
  assert_day (chronicle_event_get_start (event), 2025, 8, 30);

  /* "this week": the week of the news conference, marked approximate. */
  for (guint i = 0; i < G_N_ELEMENTS (this_week); i++)
    {
      event = lookup_event (&bundled, this_week[i]);
      g_assert_true (chronicle_event_is_range (event));
      g_assert_true (chronicle_event_get_approximate (event));
      assert_day (chronicle_event_get_start (event), 2025, 8, 25);
      assert_day (chronicle_event_get_end (event), 2025, 8, 31);
      g_assert_nonnull (strstr (chronicle_event_get_description (event), "this week"));
    }
}

static void
test_bundled_vague_dates (void)
{
  g_auto(Bundled) bundled = { 0 };
  const char * const approximate[] = {
    "covid-crime-spike",
    "los-angeles-operations",
    "washington-policing-takeover",
    "johnson-answers-trump",
  };
  ChronicleEvent *event;
  int year, month, day, hour, minute, second;

  bundled_load (&bundled);

  /* Where the article is vague the event says so. */
  for (guint i = 0; i < G_N_ELEMENTS (approximate); i++)
    {
      event = lookup_event (&bundled, approximate[i]);
      g_assert_true (chronicle_event_get_approximate (event));
      g_assert_nonnull (strstr (chronicle_event_get_description (event), "approximation"));
    }

  /* "In January": a month, known to the month. */
  event = lookup_event (&bundled, "january-crackdown");
  g_assert_false (chronicle_event_get_approximate (event));
  g_assert_cmpint (chronicle_time_get_precision (chronicle_event_get_start (event)), ==,
                   CHRONICLE_TIME_PRECISION_MONTH);
  chronicle_time_get_civil (chronicle_event_get_start (event),
                            &year, &month, &day, &hour, &minute, &second);
  g_assert_cmpint (year, ==, 2025);
  g_assert_cmpint (month, ==, 1);

  /* The photo caption's "January 26". */
  event = lookup_event (&bundled, "ice-arrest-january-26");
  assert_day (chronicle_event_get_start (event), 2025, 1, 26);
  g_assert_cmpstr (chronicle_event_get_kind (event), ==, CHRONICLE_KIND_ENFORCEMENT_ACTION);
}

static void
test_bundled_time_order (void)
{
  g_auto(Bundled) bundled = { 0 };
  guint n_events;

  bundled_load (&bundled);

  n_events = chronicle_timeline_get_n_events (bundled.timeline);
  g_assert_cmpuint (n_events, ==, N_BUNDLED_EVENTS);

  for (guint i = 1; i < n_events; i++)
    {
      ChronicleEvent *previous = chronicle_timeline_get_event (bundled.timeline, i - 1);
      ChronicleEvent *event = chronicle_timeline_get_event (bundled.timeline, i);

      g_assert_cmpint (chronicle_time_compare (chronicle_event_get_start (previous),
                                               chronicle_event_get_start (event)), <=, 0);
      /* The file lists the events in the order the timeline shows them. */
      g_assert_cmpuint (chronicle_event_get_file_index (previous), <,
                        chronicle_event_get_file_index (event));
    }

  /* Johnson spoke before he signed: same day, file order. */
  g_assert_cmpuint (chronicle_timeline_get_position (bundled.timeline,
                                                     lookup_event (&bundled, "johnson-warns")), <,
                    chronicle_timeline_get_position (bundled.timeline,
                                                     lookup_event (&bundled, "executive-order")));
}

static void
test_bundled_quotes_verbatim (void)
{
  g_auto(Bundled) bundled = { 0 };
  g_autofree char *article_path = NULL;
  g_autofree char *article = NULL;
  g_autoptr(GError) error = NULL;
  guint n_quotes = 0;

  bundled_load (&bundled);

  /* A copy of the article, so that the test does not depend on where the
   * original is kept. */
  article_path = g_test_build_filename (G_TEST_DIST, "data", "seed-article.txt", NULL);
  g_file_get_contents (article_path, &article, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (article, -1, NULL));

  for (guint i = 0; i < chronicle_timeline_get_n_events (bundled.timeline); i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (bundled.timeline, i);
      GPtrArray *quotes = chronicle_event_get_quotes (event);

      for (guint j = 0; j < quotes->len; j++)
        {
          const ChronicleQuote *quote = g_ptr_array_index (quotes, j);

          g_test_message ("%s: %s", chronicle_event_get_id (event), quote->text);
          g_assert_nonnull (quote->text);
          g_assert_cmpuint (strlen (quote->text), >, 0);
          g_assert_nonnull (strstr (article, quote->text));
          /* The article's quotation marks are not part of the text. */
          g_assert_false (g_str_has_prefix (quote->text, "‘"));
          g_assert_false (g_str_has_suffix (quote->text, "’"));
          /* A speaker is a declared actor. */
          if (quote->speaker != NULL)
            g_assert_nonnull (chronicle_timeline_lookup_actor (bundled.timeline, quote->speaker));
          n_quotes++;
        }
    }

  g_assert_cmpuint (n_quotes, ==, 10);
}

static void
test_bundled_actors_declared (void)
{
  g_auto(Bundled) bundled = { 0 };
  GListModel *actors;
  GListModel *views;
  ChronicleActor *johnson;

  bundled_load (&bundled);

  actors = chronicle_timeline_get_actors (bundled.timeline);
  g_assert_cmpuint (g_list_model_get_n_items (actors), ==, 14);

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(ChronicleActor) actor = g_list_model_get_item (actors, i);

      g_assert_cmpuint (strlen (chronicle_actor_get_name (actor)), >, 0);
      g_assert_nonnull (chronicle_actor_get_role (actor));
    }

  johnson = chronicle_timeline_lookup_actor (bundled.timeline, "johnson");
  g_assert_nonnull (johnson);
  g_assert_cmpstr (chronicle_actor_get_name (johnson), ==, "Brandon Johnson");
  g_assert_cmpstr (chronicle_actor_get_role (johnson), ==, "Mayor of Chicago");
  g_assert_cmpstr (chronicle_timeline_get_actor_name (bundled.timeline, "johnson"), ==,
                   "Brandon Johnson");

  for (guint i = 0; i < chronicle_timeline_get_n_events (bundled.timeline); i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (bundled.timeline, i);
      const char * const *ids = chronicle_event_get_actors (event);

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        {
          if (chronicle_timeline_lookup_actor (bundled.timeline, ids[j]) == NULL)
            g_error ("%s names the undeclared actor “%s”",
                     chronicle_event_get_id (event), ids[j]);
        }
    }

  views = chronicle_timeline_get_views (bundled.timeline);
  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);
      const char * const *ids = chronicle_view_get_actors (view);

      for (guint j = 0; ids != NULL && ids[j] != NULL; j++)
        g_assert_nonnull (chronicle_timeline_lookup_actor (bundled.timeline, ids[j]));
    }
}

static void
test_bundled_kinds_and_sources (void)
{
  g_auto(Bundled) bundled = { 0 };

  bundled_load (&bundled);

  for (guint i = 0; i < chronicle_timeline_get_n_events (bundled.timeline); i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (bundled.timeline, i);
      const char *kind = chronicle_event_get_kind (event);
      g_autoptr(ChronicleKind) builtin = chronicle_kind_new_builtin (kind);
      GPtrArray *sources = chronicle_event_get_sources (event);

      /* Only the built-in kinds; the file declares none of its own. */
      g_assert_nonnull (builtin);
      g_assert_false (chronicle_timeline_kind_is_declared (bundled.timeline, kind));
      g_assert_nonnull (chronicle_event_get_summary (event));

      /* The article names its sources but gives no links: none invented. */
      for (guint j = 0; j < sources->len; j++)
        {
          const ChronicleSource *source = g_ptr_array_index (sources, j);

          g_assert_null (source->url);
          g_assert_true (g_strcmp0 (source->publisher, "CNN") == 0 ||
                         g_strcmp0 (source->publisher, "The Associated Press") == 0);
        }
    }
}

static void
test_bundled_views (void)
{
  g_auto(Bundled) bundled = { 0 };
  GListModel *views;
  ChronicleView *view;
  const char * const *kinds;

  bundled_load (&bundled);

  views = chronicle_timeline_get_views (bundled.timeline);
  g_assert_cmpuint (g_list_model_get_n_items (views), ==, 4);

  view = chronicle_timeline_lookup_view (bundled.timeline, "mayor-statements");
  g_assert_nonnull (view);
  g_assert_cmpstr (chronicle_view_get_title (view), ==, "The mayor’s statements");
  kinds = chronicle_view_get_kinds (view);
  g_assert_nonnull (kinds);
  g_assert_cmpuint (g_strv_length ((char **) kinds), ==, 1);
  g_assert_cmpstr (kinds[0], ==, CHRONICLE_KIND_STATEMENT);
  g_assert_true (strv_contains (chronicle_view_get_actors (view), "johnson"));
  g_assert_null (chronicle_view_get_window_from (view));

  view = chronicle_timeline_lookup_view (bundled.timeline, "federal-plans");
  g_assert_nonnull (view);
  g_assert_true (strv_contains (chronicle_view_get_tags (view), "federal-plans"));
  g_assert_cmpstr (chronicle_view_get_group_by (view), ==, "kind");

  view = chronicle_timeline_lookup_view (bundled.timeline, "week-of-25-august");
  g_assert_nonnull (view);
  g_assert_cmpstr (chronicle_view_get_group_by (view), ==, "actor");
  assert_day (chronicle_view_get_from (view), 2025, 8, 25);
  assert_day (chronicle_view_get_to (view), 2025, 8, 31);
  assert_day (chronicle_view_get_window_from (view), 2025, 8, 25);
  assert_day (chronicle_view_get_window_to (view), 2025, 8, 31);

  view = chronicle_timeline_lookup_view (bundled.timeline, "all-statements");
  g_assert_nonnull (view);
  g_assert_true (strv_contains (chronicle_view_get_kinds (view), CHRONICLE_KIND_STATEMENT));
  g_assert_null (chronicle_view_get_actors (view));
  g_assert_cmpstr (chronicle_view_get_group_by (view), ==, "actor");
}

static void
test_bundled_view_contents (void)
{
  g_auto(Bundled) bundled = { 0 };
  guint n_federal = 0;
  guint n_mayor = 0;

  bundled_load (&bundled);

  /* What the tag and kind filters select, worked out from the events. */
  for (guint i = 0; i < chronicle_timeline_get_n_events (bundled.timeline); i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (bundled.timeline, i);

      if (strv_contains (chronicle_event_get_tags (event), "federal-plans"))
        n_federal++;
      if (g_strcmp0 (chronicle_event_get_kind (event), CHRONICLE_KIND_STATEMENT) == 0 &&
          strv_contains (chronicle_event_get_actors (event), "johnson"))
        n_mayor++;
    }

  /* The Naval Station request, the report to the AP and the operation. */
  g_assert_cmpuint (n_federal, ==, 3);
  /* The earlier answer, the news conference and the warning. */
  g_assert_cmpuint (n_mayor, ==, 3);
}

static void
test_bundled_canonical (void)
{
  g_auto(Bundled) bundled = { 0 };
  g_autofree char *path = bundled_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  bundled_load (&bundled);

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  /* Opening and saving the bundled file must not change a byte. */
  written = chronicle_writer_to_bytes (bundled.timeline, NULL);
  g_assert_nonnull (written);
  g_assert_cmpmem (g_bytes_get_data (written, NULL), g_bytes_get_size (written), contents, length);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bundled/load/clean", test_bundled_load_clean);
  g_test_add_func ("/bundled/load/metadata", test_bundled_metadata);
  g_test_add_func ("/bundled/events/order-signing", test_bundled_order_signing);
  g_test_add_func ("/bundled/events/planned-deployment", test_bundled_planned_deployment);
  g_test_add_func ("/bundled/events/relative-days", test_bundled_relative_days);
  g_test_add_func ("/bundled/events/vague-dates", test_bundled_vague_dates);
  g_test_add_func ("/bundled/events/time-order", test_bundled_time_order);
  g_test_add_func ("/bundled/quotes/verbatim", test_bundled_quotes_verbatim);
  g_test_add_func ("/bundled/actors/declared", test_bundled_actors_declared);
  g_test_add_func ("/bundled/events/kinds-and-sources", test_bundled_kinds_and_sources);
  g_test_add_func ("/bundled/views/load", test_bundled_views);
  g_test_add_func ("/bundled/views/contents", test_bundled_view_contents);
  g_test_add_func ("/bundled/writer/canonical", test_bundled_canonical);

  return g_test_run ();
}
