/* test-browse.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Browsing in the window: search, filters, the date range dragged on the
 * axis, named views (applied, saved into the file or kept on this
 * computer), Go to Date and the grouping, under Xvfb.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "chronicle-cache.h"
#include "chronicle-event-row.h"
#include "chronicle-lane-layout.h"
#include "chronicle-loader.h"
#include "chronicle-saved-views.h"
#include "chronicle-timeline-view-private.h"
#include "chronicle-window-private.h"

#include "window-test-utils.h"

static char *data_home;

static ChronicleWindow *
window_new_for_file (GFile *file)
{
  ChronicleWindow *window = window_new_shown ();

  chronicle_window_open_file (window, file);
  wait_for_load (window);

  return window;
}

static void
window_destroy (ChronicleWindow *window)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.chronicle.Chronicle");

  window_destroy_and_wait (GTK_WINDOW (window));

  /* Views set the grouping, which GSettings remembers for the next test. */
  g_settings_reset (settings, "group-by");
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, out);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, found);
  g_assert_cmpuint (found->len, >, 0);

  return g_ptr_array_index (found, 0);
}

static guint
n_listed (ChronicleWindow *window)
{
  GtkListView *list = _chronicle_window_get_event_list (window);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

/* How many events the timeline lays out (it rebuilds in an idle). */
static guint
n_drawn (ChronicleWindow *window)
{
  ChronicleLaneLayout *layout = _chronicle_timeline_view_get_layout (_chronicle_window_get_timeline_view (window));

  chronicle_lane_layout_ensure (layout);

  return chronicle_lane_layout_get_n_events (layout);
}

static ChronicleEvent *
selected_event (ChronicleWindow *window)
{
  return gtk_single_selection_get_selected_item (_chronicle_window_get_selection (window));
}

static AdwMessageDialog *
find_message_dialog (ChronicleWindow *window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) &&
          gtk_window_get_transient_for (l->data) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (l->data))
        return l->data;
    }

  return NULL;
}

/* Answers the dialog the window shows with @response, after typing
 * @title into its entry when it has one. */
static void
answer_dialog (ChronicleWindow *window,
               const char      *title,
               const char      *response)
{
  AdwMessageDialog *dialog = NULL;
  GWeakRef ref;

  WAIT_FOR ((dialog = find_message_dialog (window)) != NULL);

  if (title != NULL)
    {
      GtkWidget *entry = find_widget (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY);

      gtk_editable_set_text (GTK_EDITABLE (entry), title);
    }

  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));

  /* Clicks its button, which answers and closes the dialog. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    const char *label = adw_message_dialog_get_response_label (dialog, response);
    GtkButton *button = NULL;

    collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      {
        if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
          button = g_ptr_array_index (buttons, i);
      }
    g_assert_nonnull (button);

    g_weak_ref_init (&ref, dialog);
    g_signal_emit_by_name (button, "clicked");
  }
  WAIT_FOR (weak_ref_is_empty (&ref));
  g_weak_ref_clear (&ref);
}

/* Types @text into the search bar, as a person would, and waits for the
 * search to apply. */
static void
search_for (ChronicleWindow *window,
            const char      *text)
{
  ChronicleSearchBar *search_bar = _chronicle_window_get_search_bar (window);
  ChronicleViewState *state = _chronicle_window_get_view_state (window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find", NULL));
  g_assert_true (chronicle_search_bar_get_search_mode (search_bar));
  gtk_editable_set_text (chronicle_search_bar_get_entry (search_bar), text);

  /* The entry waits a moment after each key before it searches. */
  WAIT_FOR (g_strcmp0 (chronicle_view_state_get_text (state), *text != '\0' ? text : NULL) == 0);
}

static GFile *
copy_test_file (const char *name,
                char      **out_folder)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *folder = g_dir_make_tmp ("chronicle-test-browse-XXXXXX", NULL);
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  target = g_build_filename (folder, name, NULL);
  g_file_set_contents (target, contents, length, &error);
  g_assert_no_error (error);

  *out_folder = g_steal_pointer (&folder);

  return g_file_new_for_path (target);
}

/* A date on the wall clock of the window's timeline (Chicago's for the
 * bundled one). */
static gint64
window_instant (ChronicleWindow *window,
                const char      *iso)
{
  GTimeZone *tz = chronicle_timeline_get_time_zone (chronicle_window_get_timeline (window));
  g_autoptr(ChronicleTime) time = chronicle_time_new_from_iso8601 (iso, tz, NULL);

  g_assert_nonnull (time);
  return chronicle_time_get_instant (time);
}

static void
test_search_filters_list_and_timeline (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleSearchBar *search_bar = _chronicle_window_get_search_bar (window);
  ChronicleViewState *state = _chronicle_window_get_view_state (window);
  ChronicleViewSwitcher *view_switcher = _chronicle_window_get_view_switcher (window);
  GtkSearchBar *gtk_search_bar = GTK_SEARCH_BAR (find_widget (GTK_WIDGET (search_bar), GTK_TYPE_SEARCH_BAR));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  guint n_matched_rows = 0;
  guint n_dimmed_rows = 0;

  /* Typing anywhere in the window starts a search. */
  g_assert_true (gtk_search_bar_get_key_capture_widget (gtk_search_bar) == GTK_WIDGET (window));
  g_assert_false (chronicle_search_bar_get_search_mode (search_bar));
  g_assert_cmpuint (n_listed (window), ==, 15);
  g_assert_cmpstr (chronicle_view_switcher_get_count_text (view_switcher), ==, "15 events");
  g_assert_cmpstr (chronicle_search_bar_get_counter_text (search_bar), ==, "");

  /* Case and accents do not matter; non-matches are hidden at first. */
  search_for (window, "JOHNSON");
  g_assert_true (chronicle_view_state_get_hide_non_matching (state));
  g_assert_cmpuint (n_listed (window), ==, 5);
  g_assert_cmpuint (n_drawn (window), ==, 5);
  g_assert_cmpstr (chronicle_search_bar_get_counter_text (search_bar), ==, "5 matches");
  g_assert_cmpstr (chronicle_view_switcher_get_count_text (view_switcher), ==, "5 of 15 events");

  /* Each one names Johnson somewhere: title, text or actors. */
  for (guint i = 0; i < n_listed (window); i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (G_LIST_MODEL (_chronicle_window_get_selection (window)), i);
      const char * const *actors = chronicle_event_get_actors (event);
      const char *fields[] = {
        chronicle_event_get_title (event),
        chronicle_event_get_summary (event),
        chronicle_event_get_description (event),
      };
      gboolean found = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        found |= fields[j] != NULL && strstr (fields[j], "Johnson") != NULL;
      for (guint j = 0; actors != NULL && actors[j] != NULL; j++)
        found |= g_str_equal (actors[j], "johnson");

      g_assert_true (found);
    }

  /* Shown faded instead: everything is there, the matches stand out. */
  chronicle_view_state_set_hide_non_matching (state, FALSE);
  g_assert_cmpuint (n_listed (window), ==, 15);
  g_assert_cmpuint (n_drawn (window), ==, 15);
  g_assert_cmpstr (chronicle_search_bar_get_counter_text (search_bar), ==, "5 matches");
  iterate_a_while (100);

  collect_widgets (GTK_WIDGET (_chronicle_window_get_event_list (window)), CHRONICLE_TYPE_EVENT_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      ChronicleEvent *event = chronicle_event_row_get_event (CHRONICLE_EVENT_ROW (row));

      if (event == NULL)
        continue;

      if (gtk_widget_has_css_class (row, "search-match"))
        {
          n_matched_rows++;
          g_assert_false (gtk_widget_has_css_class (row, "search-dimmed"));
        }
      else
        {
          n_dimmed_rows++;
          g_assert_true (gtk_widget_has_css_class (row, "search-dimmed"));
        }
    }
  g_assert_cmpuint (n_matched_rows, ==, 5);
  g_assert_cmpuint (n_dimmed_rows, >, 0);

  /* Nothing matches: the counter says so. */
  search_for (window, "xyzzy");
  g_assert_cmpstr (chronicle_search_bar_get_counter_text (search_bar), ==, "No matches");
  g_assert_cmpuint (n_listed (window), ==, 15);

  /* Closing the bar (Escape) ends the search. */
  chronicle_search_bar_set_search_mode (search_bar, FALSE);
  g_assert_null (chronicle_view_state_get_text (state));
  g_assert_cmpuint (n_listed (window), ==, 15);
  chronicle_view_state_set_hide_non_matching (state, TRUE);

  window_destroy (window);
}

static void
test_search_next_previous (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleSearchBar *search_bar = _chronicle_window_get_search_bar (window);
  GtkEditable *entry = chronicle_search_bar_get_entry (search_bar);
  ChronicleEventFilter *filter = _chronicle_window_get_event_filter (window);
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  ChronicleEvent *first;
  gint64 previous_start = G_MININT64;

  search_for (window, "johnson");
  chronicle_view_state_set_hide_non_matching (_chronicle_window_get_view_state (window), FALSE);
  g_assert_null (selected_event (window));

  /* Enter selects the first match, then the next ones, in time order. */
  g_signal_emit_by_name (entry, "activate");
  first = selected_event (window);
  g_assert_nonnull (first);
  g_assert_cmpstr (chronicle_search_bar_get_counter_text (search_bar), ==, "1 of 5");

  for (guint i = 1; i <= 5; i++)
    {
      ChronicleEvent *event = selected_event (window);
      guint position = chronicle_timeline_get_position (timeline, event);
      g_autofree char *expected = g_strdup_printf ("%u of 5", i);

      g_assert_true (chronicle_event_filter_is_match (filter, position));
      g_assert_cmpint (chronicle_event_get_start_instant (event), >=, previous_start);
      g_assert_cmpstr (chronicle_search_bar_get_counter_text (search_bar), ==, expected);
      previous_start = chronicle_event_get_start_instant (event);

      if (i < 5)
        g_signal_emit_by_name (entry, "activate");
    }

  /* It wraps around at the end; F3 and Shift+F3 go on from anywhere. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-next", NULL));
  g_assert_true (selected_event (window) == first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.find-previous", NULL));
  g_assert_cmpstr (chronicle_search_bar_get_counter_text (search_bar), ==, "5 of 5");

  /* Shift+Enter in the entry goes back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (entry), "search.previous", NULL));
  g_assert_cmpstr (chronicle_search_bar_get_counter_text (search_bar), ==, "4 of 5");

  /* The match is shown in the list and in the timeline. */
  {
    ChronicleTimelineView *view = _chronicle_window_get_timeline_view (window);
    gint64 start = chronicle_event_get_start_instant (selected_event (window));

    iterate_a_while (50);
    g_assert_cmpint (start, >=, chronicle_timeline_view_get_visible_start (view));
    g_assert_cmpint (start, <=, chronicle_timeline_view_get_visible_start (view) +
                                chronicle_timeline_view_get_visible_duration (view));
  }

  chronicle_view_state_set_hide_non_matching (_chronicle_window_get_view_state (window), TRUE);
  window_destroy (window);
}

static void
test_views_switch (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleViewSwitcher *view_switcher = _chronicle_window_get_view_switcher (window);
  ChronicleViewState *state = _chronicle_window_get_view_state (window);
  ChronicleTimelineView *view = _chronicle_window_get_timeline_view (window);
  g_autofree char *group_by = NULL;

  g_assert_cmpstr (chronicle_view_switcher_get_title (view_switcher), ==, "All Events");

  /* The views of the bundled timeline. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view_switcher), "views.apply", "s", "mayor-statements"));
  g_assert_cmpstr (chronicle_view_state_get_id (state), ==, "mayor-statements");
  g_assert_cmpstr (chronicle_view_switcher_get_title (view_switcher), ==, "The mayor’s statements");
  g_assert_cmpuint (n_listed (window), ==, 3);
  g_assert_cmpuint (n_drawn (window), ==, 3);
  g_assert_cmpstr (chronicle_view_switcher_get_count_text (view_switcher), ==, "3 of 15 events");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view_switcher), "views.apply", "s", "federal-plans"));
  g_assert_cmpuint (n_listed (window), >, 0);
  g_assert_cmpuint (n_listed (window), <, 15);
  for (guint i = 0; i < n_listed (window); i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (G_LIST_MODEL (_chronicle_window_get_selection (window)), i);

      g_assert_true (g_strv_contains (chronicle_event_get_tags (event), "federal-plans"));
    }

  /* A view with a grouping and a time window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view_switcher), "views.apply", "s", "week-of-25-august"));
  g_assert_cmpint (chronicle_timeline_view_get_group_by (view), ==, CHRONICLE_GROUP_BY_ACTOR);
  g_object_get (window, "group-by", &group_by, NULL);
  g_assert_cmpstr (group_by, ==, "actor");
  g_assert_cmpint (chronicle_timeline_view_get_visible_start (view), ==, window_instant (window, "2025-08-25"));
  g_assert_cmpint (chronicle_timeline_view_get_visible_duration (view), ==, 7 * 86400);
  g_assert_cmpuint (n_listed (window), ==, 11);

  /* Changing its filters marks it changed. */
  chronicle_view_state_set_kinds (state, (const char *[]) { "statement", NULL });
  g_assert_nonnull (strstr (chronicle_view_switcher_get_count_text (view_switcher), "changed"));
  g_assert_cmpstr (chronicle_view_switcher_get_title (view_switcher), ==, "The week of 25 August 2025");

  /* All Events, always there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view_switcher), "views.apply", "s", ""));
  g_assert_null (chronicle_view_state_get_id (state));
  g_assert_true (chronicle_view_state_is_default (state));
  g_assert_cmpuint (n_listed (window), ==, 15);
  g_assert_cmpstr (chronicle_view_switcher_get_title (view_switcher), ==, "All Events");

  /* Every view of the file works. */
  for (guint i = 0; i < g_list_model_get_n_items (chronicle_timeline_get_views (chronicle_window_get_timeline (window))); i++)
    {
      g_autoptr(ChronicleView) file_view = g_list_model_get_item (chronicle_timeline_get_views (chronicle_window_get_timeline (window)), i);

      g_assert_true (chronicle_view_switcher_apply_view (view_switcher, chronicle_view_get_id (file_view)));
      g_assert_cmpuint (n_listed (window), >, 0);
      g_assert_cmpuint (n_listed (window), <, 15);
    }

  g_assert_false (chronicle_view_switcher_apply_view (view_switcher, "no-such-view"));

  window_destroy (window);
}

static void
test_view_options (void)
{
  ChronicleWindow *window = window_new_shown ();
  ChronicleViewState *state = _chronicle_window_get_view_state (window);
  ChronicleViewOptions options = { 0 };

  /* As `chronicle --view week-of-25-august --kind statement` gives them. */
  options.view = (char *) "week-of-25-august";
  options.kinds = (char *[]) { (char *) "statement", NULL };
  _chronicle_window_set_view_options (window, &options);
  chronicle_window_load_bundled (window);
  wait_for_load (window);

  g_assert_cmpstr (chronicle_view_state_get_id (state), ==, "week-of-25-august");
  g_assert_cmpstrv (chronicle_view_state_get_kinds (state), ((const char *[]) { "statement", NULL }));
  g_assert_cmpint (chronicle_timeline_view_get_visible_start (_chronicle_window_get_timeline_view (window)), ==,
                   window_instant (window, "2025-08-25"));
  g_assert_cmpuint (n_listed (window), ==, 6);

  /* They were for that timeline only: the next starts on All Events. */
  chronicle_window_load_bundled (window);
  WAIT_FOR (!_chronicle_window_get_loading (window));
  g_assert_null (chronicle_view_state_get_id (state));
  g_assert_cmpuint (n_listed (window), ==, 15);

  /* An unknown view leaves All Events (and says so). */
  options.view = (char *) "nope";
  options.kinds = NULL;
  _chronicle_window_set_view_options (window, &options);
  chronicle_window_load_bundled (window);
  WAIT_FOR (!_chronicle_window_get_loading (window));
  g_assert_null (chronicle_view_state_get_id (state));
  g_assert_cmpuint (n_listed (window), ==, 15);

  window_destroy (window);
}

static void
test_axis_drag_filters (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleTimelineView *view = _chronicle_window_get_timeline_view (window);
  ChronicleTimelinePainter *painter = _chronicle_timeline_view_get_painter (view);
  ChronicleViewState *state = _chronicle_window_get_view_state (window);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  double x1, x2, axis_y;
  gint64 start = window_instant (window, "2025-08-20");
  gint64 range_start = window_instant (window, "2025-08-26");
  gint64 range_end = window_instant (window, "2025-08-30");

  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (view)) > 0);
  chronicle_timeline_view_set_visible_range (view, start, 20 * 86400);
  iterate_a_while (50);

  x1 = chronicle_timeline_painter_time_to_x (painter, range_start + 3600);
  x2 = chronicle_timeline_painter_time_to_x (painter, range_end - 3600);
  axis_y = chronicle_timeline_painter_get_lanes_top (painter) / 2;

  /* A drag in the lanes pans, and filters nothing. */
  _chronicle_timeline_view_drag (view, x1, axis_y + 200, x2 - x1, 0);
  g_assert_null (chronicle_view_state_get_from (state));
  g_assert_cmpint (chronicle_timeline_view_get_visible_start (view), <, start);
  chronicle_timeline_view_set_visible_range (view, start, 20 * 86400);

  /* Across the axis, it picks the days dragged over, either way. */
  _chronicle_timeline_view_drag (view, x2, axis_y, x1 - x2, 0);
  g_assert_nonnull (chronicle_view_state_get_from (state));
  g_assert_nonnull (chronicle_view_state_get_to (state));
  from = chronicle_time_to_iso8601 (chronicle_view_state_get_from (state));
  to = chronicle_time_to_iso8601 (chronicle_view_state_get_to (state));
  g_assert_cmpstr (from, ==, "2025-08-26");
  g_assert_cmpstr (to, ==, "2025-08-29");
  /* The range did not move the view. */
  g_assert_cmpint (chronicle_timeline_view_get_visible_start (view), ==, start);

  /* Only the events that overlap those days are left. */
  g_assert_cmpuint (n_listed (window), >, 0);
  g_assert_cmpuint (n_listed (window), <, 15);
  g_assert_cmpuint (n_drawn (window), ==, n_listed (window));
  for (guint i = 0; i < n_listed (window); i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (G_LIST_MODEL (_chronicle_window_get_selection (window)), i);

      g_assert_cmpint (chronicle_event_get_start_instant (event), <, range_end);
      g_assert_cmpint (chronicle_event_get_end_instant (event), >, range_start);
    }

  /* A slip of the hand is not a range. */
  chronicle_view_state_clear_filters (state);
  _chronicle_timeline_view_drag (view, x1, axis_y, 2, 0);
  g_assert_null (chronicle_view_state_get_from (state));

  window_destroy (window);
}

static void
test_filter_popover (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleFilterPopover *popover = _chronicle_window_get_filter_popover (window);
  ChronicleViewState *state = _chronicle_window_get_view_state (window);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  GtkListBoxRow *statement_row = NULL;
  GtkButton *clear_button = NULL;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  gtk_popover_popup (GTK_POPOVER (popover));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  /* A row per kind, with its count; "Statement" has 6 events. */
  collect_widgets (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX_ROW, rows);
  for (guint i = 0; i < rows->len && statement_row == NULL; i++)
    {
      g_ptr_array_set_size (labels, 0);
      collect_widgets (g_ptr_array_index (rows, i), GTK_TYPE_LABEL, labels);
      for (guint j = 0; j + 1 < labels->len; j++)
        {
          if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, j)), "Statement") == 0)
            {
              statement_row = g_ptr_array_index (rows, i);
              g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (labels, j + 1)), ==, "6");
            }
        }
    }
  g_assert_nonnull (statement_row);

  /* Turning the kind off filters it out; every other kind stays. */
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (statement_row)), "row-activated", statement_row);
  g_assert_nonnull (chronicle_view_state_get_kinds (state));
  g_assert_false (g_strv_contains (chronicle_view_state_get_kinds (state), "statement"));
  g_assert_cmpuint (n_listed (window), ==, 9);
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (statement_row)), "row-activated", statement_row);
  g_assert_null (chronicle_view_state_get_kinds (state));
  g_assert_cmpuint (n_listed (window), ==, 15);

  /* Dates typed in any precision. */
  collect_widgets (GTK_WIDGET (popover), GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 0)), "30 August 2025");
  g_signal_emit_by_name (g_ptr_array_index (entries, 0), "activate");
  g_assert_nonnull (chronicle_view_state_get_from (state));
  g_assert_cmpint (chronicle_time_get_instant (chronicle_view_state_get_from (state)), ==, window_instant (window, "2025-08-30"));
  g_assert_cmpuint (n_listed (window), <, 15);

  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, 1)), "not a date");
  g_signal_emit_by_name (g_ptr_array_index (entries, 1), "activate");
  g_assert_null (chronicle_view_state_get_to (state));
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (entries, 1), "error"));

  /* Clear All. */
  collect_widgets (GTK_WIDGET (popover), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *label = gtk_button_get_label (g_ptr_array_index (buttons, i));

      if (g_strcmp0 (label, "_Clear All") == 0)
        clear_button = g_ptr_array_index (buttons, i);
    }
  g_assert_nonnull (clear_button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (clear_button)));
  g_signal_emit_by_name (clear_button, "clicked");
  g_assert_true (chronicle_view_state_is_default (state));
  g_assert_cmpuint (n_listed (window), ==, 15);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (clear_button)));

  gtk_popover_popdown (GTK_POPOVER (popover));
  window_destroy (window);
}

static void
test_go_to_date (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleGoToDatePopover *popover = _chronicle_window_get_go_to_date_popover (window);
  ChronicleTimelineView *view = _chronicle_window_get_timeline_view (window);
  GtkEditable *entry = chronicle_go_to_date_popover_get_entry (popover);
  gint64 duration;
  gint64 middle;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.go-to-date", NULL));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)));

  /* A day: centred, at the same zoom. */
  duration = chronicle_timeline_view_get_visible_duration (view);
  gtk_editable_set_text (entry, "30 August 2025");
  g_assert_true (chronicle_go_to_date_popover_go (popover));
  middle = chronicle_timeline_view_get_visible_start (view) + chronicle_timeline_view_get_visible_duration (view) / 2;
  g_assert_cmpint (ABS (middle - window_instant (window, "2025-08-30T12:00")), <=, 1);
  g_assert_cmpint (ABS (chronicle_timeline_view_get_visible_duration (view) - duration), <=, 1);

  /* A year longer than the view: all of it shows. */
  chronicle_timeline_view_set_visible_range (view, window_instant (window, "2025-08-01"), 30 * 86400);
  gtk_editable_set_text (entry, "2024");
  g_assert_true (chronicle_go_to_date_popover_go (popover));
  g_assert_cmpint (chronicle_timeline_view_get_visible_start (view), <=, window_instant (window, "2024-01-01"));
  g_assert_cmpint (chronicle_timeline_view_get_visible_start (view) + chronicle_timeline_view_get_visible_duration (view),
                   >=, window_instant (window, "2025-01-01"));

  /* Not a date: nothing moves, the entry says so. */
  duration = chronicle_timeline_view_get_visible_duration (view);
  gtk_editable_set_text (entry, "someday");
  g_assert_false (chronicle_go_to_date_popover_go (popover));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpint (chronicle_timeline_view_get_visible_duration (view), ==, duration);

  gtk_popover_popdown (GTK_POPOVER (popover));
  window_destroy (window);
}

static void
test_group_by_follows_state (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleViewState *state = _chronicle_window_get_view_state (window);
  ChronicleTimelineView *view = _chronicle_window_get_timeline_view (window);
  g_autofree char *group_by = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.group-by", "s", "tag"));
  g_assert_cmpint (chronicle_view_state_get_group_by (state), ==, CHRONICLE_GROUP_BY_TAG);
  g_assert_cmpint (chronicle_timeline_view_get_group_by (view), ==, CHRONICLE_GROUP_BY_TAG);

  chronicle_view_state_set_group_by (state, CHRONICLE_GROUP_BY_STATUS);
  g_assert_cmpint (chronicle_timeline_view_get_group_by (view), ==, CHRONICLE_GROUP_BY_STATUS);
  g_object_get (window, "group-by", &group_by, NULL);
  g_assert_cmpstr (group_by, ==, "status");

  /* An event with several tags is in each of their lanes, and stays one. */
  chronicle_view_state_set_group_by (state, CHRONICLE_GROUP_BY_TAG);
  g_assert_cmpuint (n_drawn (window), ==, 15);

  window_destroy (window);
}

static void
test_read_only_keeps_views_locally (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleViewSwitcher *view_switcher = _chronicle_window_get_view_switcher (window);
  ChronicleViewState *state = _chronicle_window_get_view_state (window);
  g_autoptr(GFile) bundled = g_file_new_for_uri (CHRONICLE_BUNDLED_TIMELINE_URI);
  g_autoptr(GFile) local = chronicle_saved_views_get_local_file (bundled);
  g_autofree char *local_path = g_file_get_path (local);
  g_autofree char *expected_folder = g_build_filename (data_home, "chronicle", "views", NULL);
  g_autofree char *folder = g_path_get_dirname (local_path);
  GListModel *local_views = chronicle_view_switcher_get_local_views (view_switcher);
  guint n_file_views = g_list_model_get_n_items (chronicle_timeline_get_views (chronicle_window_get_timeline (window)));

  /* The bundled timeline cannot be changed. */
  g_assert_false (chronicle_view_switcher_get_saves_to_file (view_switcher));
  g_assert_cmpstr (folder, ==, expected_folder);
  g_assert_false (g_file_test (local_path, G_FILE_TEST_EXISTS));

  chronicle_view_state_set_kinds (state, (const char *[]) { "report", "statement", NULL });
  search_for (window, "trump");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save-view", NULL));
  answer_dialog (window, "Trump’s words", "save");

  g_assert_cmpuint (g_list_model_get_n_items (local_views), ==, 1);
  g_assert_true (g_file_test (local_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (chronicle_view_state_get_id (state), ==, "trump-s-words");
  g_assert_cmpstr (chronicle_view_switcher_get_title (view_switcher), ==, "Trump’s words");
  /* The file's own views are as they were. */
  g_assert_cmpuint (g_list_model_get_n_items (chronicle_timeline_get_views (chronicle_window_get_timeline (window))),
                    ==, n_file_views);
  window_destroy (window);

  /* The next window on that file reads them back. */
  window = window_new_bundled ();
  view_switcher = _chronicle_window_get_view_switcher (window);
  state = _chronicle_window_get_view_state (window);
  local_views = chronicle_view_switcher_get_local_views (view_switcher);
  g_assert_cmpuint (g_list_model_get_n_items (local_views), ==, 1);
  g_assert_true (chronicle_view_switcher_apply_view (view_switcher, "trump-s-words"));
  g_assert_cmpstr (chronicle_view_state_get_text (state), ==, "trump");
  g_assert_true (chronicle_search_bar_get_search_mode (_chronicle_window_get_search_bar (window)));
  g_assert_cmpuint (n_listed (window), >, 0);
  g_assert_cmpuint (n_listed (window), <, 15);

  /* Renamed, then deleted, after asking. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view_switcher), "views.rename", "s", "trump-s-words"));
  answer_dialog (window, "What Trump said", "rename");
  g_assert_cmpstr (chronicle_view_switcher_get_title (view_switcher), ==, "What Trump said");
  {
    g_autoptr(GListStore) read = chronicle_saved_views_load_local (bundled, NULL, NULL);
    g_autoptr(ChronicleView) view = g_list_model_get_item (G_LIST_MODEL (read), 0);

    g_assert_cmpstr (chronicle_view_get_title (view), ==, "What Trump said");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view_switcher), "views.delete", "s", "trump-s-words"));
  answer_dialog (window, NULL, "delete");
  g_assert_cmpuint (g_list_model_get_n_items (local_views), ==, 0);
  g_assert_false (g_file_test (local_path, G_FILE_TEST_EXISTS));
  g_assert_null (chronicle_view_state_get_id (state));

  window_destroy (window);
}

static void
test_save_view_into_file (void)
{
  g_autofree char *folder = NULL;
  g_autoptr(GFile) copy = copy_test_file ("browse.json", &folder);
  g_autofree char *path = g_file_get_path (copy);
  ChronicleWindow *window = window_new_for_file (copy);
  ChronicleViewSwitcher *view_switcher = _chronicle_window_get_view_switcher (window);
  ChronicleViewState *state = _chronicle_window_get_view_state (window);
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) written = NULL;
  g_autoptr(GFile) local = chronicle_saved_views_get_local_file (copy);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  ChronicleView *view;

  g_assert_true (chronicle_view_switcher_get_saves_to_file (view_switcher));
  g_assert_cmpuint (n_listed (window), ==, 9);

  chronicle_view_state_set_tags (state, (const char *[]) { "chicago", NULL });
  g_assert_cmpuint (n_listed (window), ==, 3);

  /* Asked first; cancelling writes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view_switcher), "views.save", NULL));
  answer_dialog (window, "Chicago", "cancel");
  g_assert_null (chronicle_timeline_lookup_view (timeline, "chicago"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view_switcher), "views.save", NULL));
  answer_dialog (window, "Chicago", "save");
  WAIT_FOR (chronicle_timeline_lookup_view (timeline, "chicago") != NULL);
  g_assert_cmpstr (chronicle_view_state_get_id (state), ==, "chicago");
  g_assert_false (g_file_query_exists (local, NULL));

  /* In the file, with everything else it had. */
  written = chronicle_loader_load_file (loader, copy, NULL, &error);
  g_assert_no_error (error);
  view = chronicle_timeline_lookup_view (written, "chicago");
  g_assert_nonnull (view);
  g_assert_cmpstr (chronicle_view_get_title (view), ==, "Chicago");
  g_assert_cmpstrv (chronicle_view_get_tags (view), ((const char *[]) { "chicago", NULL }));
  /* The time span shown was remembered. */
  g_assert_nonnull (chronicle_view_get_window_from (view));
  g_assert_nonnull (chronicle_view_get_window_to (view));
  g_assert_cmpuint (chronicle_timeline_get_n_events (written), ==, 9);
  g_assert_nonnull (chronicle_timeline_lookup_view (written, "mayor"));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\"x-note\""));
  g_assert_nonnull (strstr (contents, "\"x-color\""));

  /* Deleting a view of the file takes it out of the file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view_switcher), "views.delete", "s", "mayor"));
  answer_dialog (window, NULL, "delete");
  WAIT_FOR (chronicle_timeline_lookup_view (timeline, "mayor") == NULL);
  g_clear_object (&written);
  g_clear_object (&loader);
  loader = chronicle_loader_new ();
  written = chronicle_loader_load_file (loader, copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (chronicle_timeline_lookup_view (written, "mayor"));
  g_assert_nonnull (chronicle_timeline_lookup_view (written, "chicago"));

  window_destroy (window);

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }

  g_rmdir (path);
}

/* A timeline of @n events over fifty years, two kinds; every 500th says
 * "needle" in its summary. */
static void
write_big_timeline (const char *path,
                    guint       n)
{
  g_autoptr(GString) json = g_string_new ("{\"format\":\"chronicle-timeline\",\"version\":1,"
                                          "\"title\":\"Big\",\"events\":[");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_utc (1970 + i % 50, 1 + i % 12, 1 + i % 28,
                                                       i % 24, 0, 0);
      g_autofree char *start = g_date_time_format (when, "%Y-%m-%dT%H:%MZ");

      g_string_append_printf (json,
                              "%s{\"id\":\"e%u\",\"title\":\"Event %u\",\"start\":\"%s\","
                              "\"kind\":\"%s\",\"summary\":\"%s %u\",\"actors\":[\"a%u\"],"
                              "\"tags\":[\"t%u\"]}",
                              i > 0 ? "," : "", i, i, start,
                              i % 2 ? "statement" : "order-signing",
                              i % 500 == 0 ? "A needle in the haystack" : "Nothing to see",
                              i, i % 7, i % 3);
    }
  g_string_append (json, "]}");

  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);
}

static ChronicleWindow *
window_new_for_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return window_new_for_gfile (file);
}

/* Reopened from the cache, a big timeline is shown, searched, filtered
 * and counted in the filter popover without making an object for every
 * event: only for those the window shows. */
static void
test_cached_timeline_makes_what_it_shows (void)
{
  g_autofree char *folder = g_dir_make_tmp ("chronicle-test-browse-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "big.json", NULL);
  ChronicleFilterPopover *popover;
  ChronicleEventFilter *filter;
  ChronicleViewState *state;
  ChronicleTimeline *timeline;
  ChronicleWindow *window;
  const char *kinds[] = { "statement", NULL };
  const guint n = 5000;

  write_big_timeline (path, n);
  /* Cached whatever its size, in the test's own cache folder. */
  g_setenv ("CHRONICLE_CACHE_MIN_SIZE", "0", TRUE);

  window = window_new_for_path (path);
  g_assert_cmpuint (chronicle_timeline_get_n_made_events (chronicle_window_get_timeline (window)), ==, n);
  chronicle_cache_wait ();
  window_destroy_and_wait (GTK_WINDOW (window));

  window = window_new_for_path (path);
  timeline = chronicle_window_get_timeline (window);
  filter = _chronicle_window_get_event_filter (window);
  state = _chronicle_window_get_view_state (window);
  g_assert_cmpuint (chronicle_timeline_get_n_events (timeline), ==, n);
  g_assert_cmpuint (chronicle_event_filter_get_n_shown (filter), ==, n);

  /* Drawn, listed, and the search index built in idle time. */
  iterate_a_while (500);
  g_assert_cmpuint (chronicle_timeline_get_n_made_events (timeline), <, n / 10);

  search_for (window, "needle");
  WAIT_FOR (chronicle_event_filter_get_n_matches (filter) == n / 500);

  search_for (window, "");
  chronicle_view_state_set_kinds (state, kinds);
  g_assert_cmpuint (chronicle_event_filter_get_n_shown (filter), ==, n / 2);

  popover = _chronicle_window_get_filter_popover (window);
  gtk_popover_popup (GTK_POPOVER (popover));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  iterate_a_while (200);
  gtk_popover_popdown (GTK_POPOVER (popover));

  g_assert_cmpuint (chronicle_timeline_get_n_made_events (timeline), <, n / 10);

  g_unsetenv ("CHRONICLE_CACHE_MIN_SIZE");
  window_destroy_and_wait (GTK_WINDOW (window));
  remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* Saved views and recent files go to a data folder of the test's own;
   * GLib reads XDG_DATA_HOME once, so before anything else. */
  data_home = g_dir_make_tmp ("chronicle-test-browse-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/browse/search/filters-list-and-timeline", test_search_filters_list_and_timeline);
  g_test_add_func ("/browse/search/next-previous", test_search_next_previous);
  g_test_add_func ("/browse/views/switch", test_views_switch);
  g_test_add_func ("/browse/views/command-line", test_view_options);
  g_test_add_func ("/browse/views/read-only-file-keeps-them-locally", test_read_only_keeps_views_locally);
  g_test_add_func ("/browse/views/save-into-file", test_save_view_into_file);
  g_test_add_func ("/browse/axis/drag-filters", test_axis_drag_filters);
  g_test_add_func ("/browse/filter-popover", test_filter_popover);
  g_test_add_func ("/browse/go-to-date", test_go_to_date);
  g_test_add_func ("/browse/group-by-follows-state", test_group_by_follows_state);
  g_test_add_func ("/browse/cached-timeline-makes-what-it-shows", test_cached_timeline_makes_what_it_shows);

  ret = g_test_run ();

  remove_tree (data_home);
  g_free (data_home);

  return ret;
}
