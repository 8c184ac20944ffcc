/* test-window.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "chronicle-detail-panel.h"
#include "chronicle-event-row.h"
#include "chronicle-lane-layout.h"
#include "chronicle-timeline-view.h"
#include "chronicle-window-private.h"

#include "window-test-utils.h"

static GFile *
test_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return g_file_new_for_path (path);
}

static ChronicleWindow *
window_new_for_file (const char *name)
{
  g_autoptr(GFile) file = test_file (name);

  return window_new_for_gfile (file);
}

static void
window_destroy (ChronicleWindow *window)
{
  window_destroy_and_wait (GTK_WINDOW (window));
}

static gboolean
widget_is_shown_below (GtkWidget *widget,
                       GtkWidget *root)
{
  for (GtkWidget *w = widget; w != NULL && w != root; w = gtk_widget_get_parent (w))
    {
      if (!gtk_widget_get_visible (w) || !gtk_widget_get_child_visible (w))
        return FALSE;
    }

  return TRUE;
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

/* The labels of @root that are shown (not in a hidden page or section). */
static GPtrArray *
collect_shown_labels (GtkWidget *root)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *shown = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, all);
  for (guint i = 0; i < all->len; i++)
    {
      if (widget_is_shown_below (g_ptr_array_index (all, i), root))
        g_ptr_array_add (shown, g_ptr_array_index (all, i));
    }

  return shown;
}

static GtkLabel *
find_shown_label (GtkWidget  *root,
                  const char *text)
{
  g_autoptr(GPtrArray) labels = collect_shown_labels (root);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (gtk_label_get_text (label), text) == 0)
        return label;
    }

  return NULL;
}

static GtkLabel *
find_shown_label_with_class (GtkWidget  *root,
                             const char *css_class)
{
  g_autoptr(GPtrArray) labels = collect_shown_labels (root);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_has_css_class (label, css_class))
        return GTK_LABEL (label);
    }

  return NULL;
}

/* Checks that @text is shown in @root as it is, with no markup read. */
static void
assert_shown_literally (GtkWidget  *root,
                        const char *text)
{
  GtkLabel *label = find_shown_label (root, text);

  if (label == NULL)
    g_error ("No label shows “%s” literally", text);
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_cmpstr (gtk_label_get_label (label), ==, text);
}

static guint
find_position (ChronicleTimeline *timeline,
               const char        *id)
{
  ChronicleEvent *event = chronicle_timeline_lookup_event (timeline, id);

  g_assert_nonnull (event);
  return chronicle_timeline_get_position (timeline, event);
}

static void
select_position (ChronicleWindow *window,
                 guint            position)
{
  GtkSingleSelection *selection = _chronicle_window_get_selection (window);

  g_assert_true (gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), position, TRUE));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position);
}

/* Activates the shortcut of @widget's own controllers (its class key
 * bindings among them) for @keyval with @modifiers, as a key press would. */
static gboolean
activate_shortcut (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                 widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
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

static void
close_message_dialogs (ChronicleWindow *window)
{
  AdwMessageDialog *dialog;

  while ((dialog = find_message_dialog (window)) != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_window_bundled (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  GtkSingleSelection *selection = _chronicle_window_get_selection (window);
  AdwWindowTitle *title = _chronicle_window_get_title_widget (window);
  ChronicleDetailPanel *panel = _chronicle_window_get_detail_panel (window);
  GtkListView *list = _chronicle_window_get_event_list (window);
  ChronicleTimelineView *view = _chronicle_window_get_timeline_view (window);

  g_assert_nonnull (timeline);
  g_assert_cmpuint (chronicle_timeline_get_n_events (timeline), ==, 15);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, chronicle_timeline_get_title (timeline));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Bundled timeline");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, chronicle_timeline_get_title (timeline));

  /* One selection model for the list, the timeline and the panel. */
  /* Its model is the chosen view's filter over the timeline: all events at first. */
  g_assert_true (gtk_single_selection_get_model (selection) == G_LIST_MODEL (_chronicle_window_get_event_filter (window)));
  g_assert_true (chronicle_event_filter_get_timeline (_chronicle_window_get_event_filter (window)) == timeline);
  g_assert_true (gtk_list_view_get_model (list) == GTK_SELECTION_MODEL (selection));
  g_assert_true (chronicle_timeline_view_get_model (view) == selection);
  g_assert_true (chronicle_timeline_view_get_timeline (view) == timeline);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 15);
  g_assert_false (gtk_single_selection_get_autoselect (selection));
  g_assert_true (gtk_single_selection_get_can_unselect (selection));

  /* Nothing is selected at first, and the panel says so. */
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
  g_assert_null (chronicle_detail_panel_get_event (panel));
  g_assert_nonnull (find_shown_label (GTK_WIDGET (panel), "No Event Selected"));

  /* The bundled timeline has no warnings to show. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-warnings", NULL);
  g_assert_null (find_message_dialog (window));

  window_destroy (window);
}

static void
test_window_selection_updates_panel (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  ChronicleDetailPanel *panel = _chronicle_window_get_detail_panel (window);
  GtkSingleSelection *selection = _chronicle_window_get_selection (window);
  GtkListView *list = _chronicle_window_get_event_list (window);

  for (guint position = 0; position < chronicle_timeline_get_n_events (timeline); position += 4)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (timeline, position);
      GtkLabel *title_label;

      select_position (window, position);

      g_assert_true (chronicle_detail_panel_get_event (panel) == event);
      title_label = find_shown_label_with_class (GTK_WIDGET (panel), "title-2");
      g_assert_nonnull (title_label);
      g_assert_cmpstr (gtk_label_get_text (title_label), ==, chronicle_event_get_title (event));
      g_assert_null (find_shown_label (GTK_WIDGET (panel), "No Event Selected"));
    }

  /* Activating a row of the list selects it there too. */
  g_signal_emit_by_name (list, "activate", 2);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  g_assert_true (chronicle_detail_panel_get_event (panel) == chronicle_timeline_get_event (timeline, 2));

  /* Unselecting empties the panel again. */
  gtk_selection_model_unselect_item (GTK_SELECTION_MODEL (selection), 2);
  g_assert_null (chronicle_detail_panel_get_event (panel));
  g_assert_nonnull (find_shown_label (GTK_WIDGET (panel), "No Event Selected"));

  window_destroy (window);
}

static void
test_window_left_right (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  ChronicleTimelineView *view = _chronicle_window_get_timeline_view (window);
  ChronicleDetailPanel *panel = _chronicle_window_get_detail_panel (window);
  GtkSingleSelection *selection = _chronicle_window_get_selection (window);
  guint n_events = chronicle_timeline_get_n_events (timeline);
  gint64 last_start = G_MININT64;

  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (view)) > 0);

  /* Home, then Right through every event: time order, one by one. */
  g_assert_true (activate_shortcut (GTK_WIDGET (view), GDK_KEY_Home, 0));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 0);

  for (guint i = 0; i < n_events; i++)
    {
      ChronicleEvent *event = CHRONICLE_EVENT (gtk_single_selection_get_selected_item (selection));

      g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, i);
      g_assert_cmpint (chronicle_event_get_start_instant (event), >=, last_start);
      g_assert_true (chronicle_detail_panel_get_event (panel) == event);
      last_start = chronicle_event_get_start_instant (event);

      if (i + 1 < n_events)
        g_assert_true (activate_shortcut (GTK_WIDGET (view), GDK_KEY_Right, 0));
    }

  /* Right on the last event stays there. */
  activate_shortcut (GTK_WIDGET (view), GDK_KEY_Right, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, n_events - 1);

  /* Left walks back. */
  for (guint i = n_events - 1; i > 0; i--)
    {
      g_assert_true (activate_shortcut (GTK_WIDGET (view), GDK_KEY_Left, 0));
      g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, i - 1);
    }

  /* End, through the action. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.select-last", NULL));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, n_events - 1);

  window_destroy (window);
}

static void
test_window_zoom (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  ChronicleTimelineView *view = _chronicle_window_get_timeline_view (window);
  gint64 extent_start, extent_end;
  gint64 fit_start, fit_duration;
  gint64 start, duration;
  double center, fit_center;

  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (view)) > 0);
  g_assert_true (chronicle_timeline_get_extent (timeline, &extent_start, &extent_end));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.zoom-fit", NULL));
  fit_start = chronicle_timeline_view_get_visible_start (view);
  fit_duration = chronicle_timeline_view_get_visible_duration (view);
  fit_center = fit_start + fit_duration / 2.0;

  /* Fitting shows every event, with little to spare. */
  g_assert_cmpint (fit_start, <=, extent_start);
  g_assert_cmpint (fit_start + fit_duration, >=, extent_end);
  g_assert_cmpint (fit_duration, <=, (extent_end - extent_start) * 3 / 2);

  /* The header bar's zoom in narrows the range around its centre. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL));
  duration = chronicle_timeline_view_get_visible_duration (view);
  start = chronicle_timeline_view_get_visible_start (view);
  center = start + duration / 2.0;
  g_assert_cmpint (duration, <, fit_duration);
  g_assert_cmpfloat_with_epsilon (center, fit_center, fit_duration / 100.0);

  /* Zoom out undoes it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL));
  g_assert_cmpfloat_with_epsilon ((double) chronicle_timeline_view_get_visible_duration (view),
                                  (double) fit_duration, fit_duration / 1000.0);

  /* Ctrl+plus twice on the window, then Ctrl+0 gives the fitted range back. */
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_plus, GDK_CONTROL_MASK));
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_plus, GDK_CONTROL_MASK));
  g_assert_cmpint (chronicle_timeline_view_get_visible_duration (view), <, fit_duration);
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_0, GDK_CONTROL_MASK));
  g_assert_cmpint (chronicle_timeline_view_get_visible_start (view), ==, fit_start);
  g_assert_cmpint (chronicle_timeline_view_get_visible_duration (view), ==, fit_duration);

  /* And Ctrl+minus widens it. */
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_minus, GDK_CONTROL_MASK));
  g_assert_cmpint (chronicle_timeline_view_get_visible_duration (view), >, fit_duration);

  window_destroy (window);
}

static void
test_window_broken_file_keeps_timeline (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  AdwWindowTitle *title = _chronicle_window_get_title_widget (window);
  g_autofree char *old_title = g_strdup (adw_window_title_get_title (title));
  g_autoptr(GFile) broken = test_file ("window-broken.json");
  AdwMessageDialog *dialog;
  const char *body;

  select_position (window, 3);

  chronicle_window_open_file (window, broken);
  g_assert_true (_chronicle_window_get_loading (window));
  WAIT_FOR (!_chronicle_window_get_loading (window));

  dialog = find_message_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_body_use_markup (dialog));
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "window-broken.json:5:5"));
  g_assert_nonnull (strstr (body, "error"));

  /* Everything stays as it was. */
  g_assert_true (chronicle_window_get_timeline (window) == timeline);
  g_assert_cmpstr (adw_window_title_get_title (title), ==, old_title);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Bundled timeline");
  g_assert_cmpuint (gtk_single_selection_get_selected (_chronicle_window_get_selection (window)), ==, 3);
  g_assert_true (g_list_model_get_n_items (G_LIST_MODEL (_chronicle_window_get_selection (window))) == 15);

  close_message_dialogs (window);
  window_destroy (window);
}

static void
test_window_missing_file_on_empty_window (void)
{
  ChronicleWindow *window = window_new_shown ();
  g_autoptr(GFile) missing = test_file ("window-does-not-exist.json");
  AdwMessageDialog *dialog;

  chronicle_window_open_file (window, missing);
  WAIT_FOR (!_chronicle_window_get_loading (window));

  dialog = find_message_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "window-does-not-exist.json"));
  g_assert_null (chronicle_window_get_timeline (window));

  close_message_dialogs (window);
  window_destroy (window);
}

static void
test_window_second_open_cancels_first (void)
{
  ChronicleWindow *window = window_new_shown ();
  g_autoptr(GFile) markup = test_file ("window-markup.json");

  /* The second load replaces the first, which must never show. */
  chronicle_window_load_bundled (window);
  chronicle_window_open_file (window, markup);
  wait_for_load (window);
  iterate_a_while (200);

  g_assert_cmpuint (chronicle_timeline_get_n_events (chronicle_window_get_timeline (window)), ==, 5);
  g_assert_cmpstr (adw_window_title_get_subtitle (_chronicle_window_get_title_widget (window)), ==,
                   "window-markup.json");

  window_destroy (window);
}

static void
test_window_markup_is_literal (void)
{
  ChronicleWindow *window = window_new_for_file ("window-markup.json");
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  GtkWidget *panel = GTK_WIDGET (_chronicle_window_get_detail_panel (window));
  AdwWindowTitle *title = _chronicle_window_get_title_widget (window);
  g_autoptr(GPtrArray) labels = NULL;

  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Markup <b>stays</b> & text");
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "window-markup.json");

  select_position (window, find_position (timeline, "markup"));

  assert_shown_literally (panel, "<b>Bold</b> &amp; “quoted” & co");
  assert_shown_literally (panel, "Summary with <span foreground=\"red\">span</span> & ampersand");
  assert_shown_literally (panel, "Description <i>not italic</i> &lt;escaped&gt; & raw & "
                                 "<a href=\"https://example.com\">link</a>");
  assert_shown_literally (panel, "Room <1> & <2>");
  assert_shown_literally (panel, "Meeting <i>kind</i>");
  assert_shown_literally (panel, "Ada <Lovelace> & Co");
  assert_shown_literally (panel, "Analyst & <em>writer</em>");
  assert_shown_literally (panel, "Bob <bob@example.com>");
  assert_shown_literally (panel, "We said <b>no</b> & meant it");
  assert_shown_literally (panel, "— Ada <Lovelace> & Co, Minutes <draft>");
  assert_shown_literally (panel, "Script <trap>");
  assert_shown_literally (panel, "<tag>");
  assert_shown_literally (panel, "a&b");
  assert_shown_literally (panel, "Planned");

  /* No label of the panel reads markup at all. */
  labels = collect_shown_labels (panel);
  g_assert_cmpuint (labels->len, >, 20);
  for (guint i = 0; i < labels->len; i++)
    g_assert_false (gtk_label_get_use_markup (g_ptr_array_index (labels, i)));

  /* The list row shows the title as it is, too. */
  WAIT_FOR (find_shown_label (GTK_WIDGET (_chronicle_window_get_event_list (window)),
                              "<b>Bold</b> &amp; “quoted” & co") != NULL);
  g_assert_false (gtk_label_get_use_markup (find_shown_label (GTK_WIDGET (_chronicle_window_get_event_list (window)),
                                                              "<b>Bold</b> &amp; “quoted” & co")));

  window_destroy (window);
}

static void
test_window_links (void)
{
  ChronicleWindow *window = window_new_for_file ("window-markup.json");
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  GtkWidget *panel = GTK_WIDGET (_chronicle_window_get_detail_panel (window));
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = NULL;

  select_position (window, find_position (timeline, "markup"));

  /* Only the web and mail links are buttons that open. */
  collect_widgets (panel, GTK_TYPE_LINK_BUTTON, links);
  g_assert_cmpuint (links->len, ==, 2);
  g_assert_cmpstr (gtk_link_button_get_uri (g_ptr_array_index (links, 0)), ==, "https://example.com/a?b=1&c=2");
  g_assert_cmpstr (gtk_button_get_label (g_ptr_array_index (links, 0)), ==, "Safe <site> & news");
  g_assert_cmpstr (gtk_link_button_get_uri (g_ptr_array_index (links, 1)), ==, "mailto:team@example.com");

  /* Nothing else that can be activated carries the unsafe addresses. */
  collect_widgets (panel, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      const char *tooltip = gtk_widget_get_tooltip_text (button);

      if (GTK_IS_LINK_BUTTON (button))
        g_assert_true (chronicle_detail_panel_can_open_uri (gtk_link_button_get_uri (GTK_LINK_BUTTON (button))));
      g_assert_true (tooltip == NULL || strstr (tooltip, "javascript") == NULL);
      g_assert_true (tooltip == NULL || strstr (tooltip, "file:") == NULL);
    }

  /* The unsafe addresses are plain text labels: shown, not links. */
  labels = collect_shown_labels (panel);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      g_assert_false (gtk_label_get_use_markup (label));
      g_assert_null (gtk_label_get_current_uri (label));
    }
  assert_shown_literally (panel, "javascript:alert(1)");
  assert_shown_literally (panel, "file:///etc/passwd");
  assert_shown_literally (panel, "JavaScript:alert(2)");
  g_assert_true (gtk_widget_get_parent (GTK_WIDGET (find_shown_label (panel, "javascript:alert(1)"))) != NULL);
  g_assert_false (GTK_IS_BUTTON (gtk_widget_get_parent (GTK_WIDGET (find_shown_label (panel, "javascript:alert(1)")))));

  window_destroy (window);
}

static void
test_window_can_open_uri (void)
{
  g_assert_true (chronicle_detail_panel_can_open_uri ("https://example.com/"));
  g_assert_true (chronicle_detail_panel_can_open_uri ("http://example.com/a?b=<c>&d"));
  g_assert_true (chronicle_detail_panel_can_open_uri ("HTTPS://EXAMPLE.COM"));
  g_assert_true (chronicle_detail_panel_can_open_uri ("mailto:someone@example.com"));
  g_assert_false (chronicle_detail_panel_can_open_uri ("javascript:alert(1)"));
  g_assert_false (chronicle_detail_panel_can_open_uri ("JAVASCRIPT:alert(1)"));
  g_assert_false (chronicle_detail_panel_can_open_uri ("file:///etc/passwd"));
  g_assert_false (chronicle_detail_panel_can_open_uri ("data:text/html,<script>alert(1)</script>"));
  g_assert_false (chronicle_detail_panel_can_open_uri ("ftp://example.com/"));
  g_assert_false (chronicle_detail_panel_can_open_uri (" https://example.com"));
  g_assert_false (chronicle_detail_panel_can_open_uri ("example.com"));
  g_assert_false (chronicle_detail_panel_can_open_uri ("//example.com"));
  g_assert_false (chronicle_detail_panel_can_open_uri (""));
  g_assert_false (chronicle_detail_panel_can_open_uri (NULL));
}

static void
test_window_event_list_rows (void)
{
  ChronicleWindow *window = window_new_for_file ("window-markup.json");
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  GtkListView *list = _chronicle_window_get_event_list (window);
  guint n_events = chronicle_timeline_get_n_events (timeline);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) bound = g_ptr_array_new ();

  g_assert_cmpuint (n_events, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), ==, n_events);

  WAIT_FOR (gtk_widget_get_height (GTK_WIDGET (list)) > 0);
  iterate_a_while (100);

  collect_widgets (GTK_WIDGET (list), CHRONICLE_TYPE_EVENT_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      ChronicleEventRow *row = g_ptr_array_index (rows, i);

      if (chronicle_event_row_get_event (row) != NULL && widget_is_shown_below (GTK_WIDGET (row), GTK_WIDGET (list)))
        g_ptr_array_add (bound, row);
    }

  /* One row per event, in time order, each with its own title and date. */
  g_assert_cmpuint (bound->len, ==, n_events);
  for (guint i = 0; i < bound->len; i++)
    {
      ChronicleEventRow *row = g_ptr_array_index (bound, i);
      ChronicleEvent *event = chronicle_timeline_get_event (timeline, i);

      g_assert_true (chronicle_event_row_get_event (row) == event);
      g_assert_true (chronicle_event_row_get_timeline (row) == timeline);
      g_assert_nonnull (find_shown_label (GTK_WIDGET (row), chronicle_event_get_title (event)));
    }

  window_destroy (window);
}

static void
test_window_short_dates (void)
{
  ChronicleTime time;
  g_autofree char *day = NULL;
  g_autofree char *month = NULL;
  g_autofree char *year = NULL;
  g_autofree char *minute = NULL;
  g_autofree char *approximate = NULL;
  g_autofree char *bce = NULL;

  g_assert_true (chronicle_time_parse ("2025-08-30", NULL, &time, NULL));
  day = chronicle_event_row_format_short_date (&time);
  g_assert_cmpstr (day, ==, "30 Aug 2025");

  g_assert_true (chronicle_time_parse ("2025-08", NULL, &time, NULL));
  month = chronicle_event_row_format_short_date (&time);
  g_assert_cmpstr (month, ==, "Aug 2025");

  g_assert_true (chronicle_time_parse ("2025", NULL, &time, NULL));
  year = chronicle_event_row_format_short_date (&time);
  g_assert_cmpstr (year, ==, "2025");

  g_assert_true (chronicle_time_parse ("2025-08-30T14:05:09-05:00", NULL, &time, NULL));
  minute = chronicle_event_row_format_short_date (&time);
  g_assert_cmpstr (minute, ==, "30 Aug 2025 14:05");

  g_assert_true (chronicle_time_parse ("2025-08", NULL, &time, NULL));
  chronicle_time_set_approximate (&time, TRUE);
  approximate = chronicle_event_row_format_short_date (&time);
  g_assert_cmpstr (approximate, ==, "c. Aug 2025");

  g_assert_true (chronicle_time_parse ("-0043-03-15", NULL, &time, NULL));
  bce = chronicle_event_row_format_short_date (&time);
  g_assert_cmpstr (bce, ==, "15 Mar 44 BCE");
}

static void
on_clipboard_text_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static void
test_window_copy_event (void)
{
  ChronicleWindow *window = window_new_for_file ("window-markup.json");
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autofree char *text = NULL;

  /* Nothing selected: nothing is copied. */
  gdk_clipboard_set_text (clipboard, "before");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.copy-event", NULL);
  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text_cb, &text);
  WAIT_FOR (text != NULL);
  g_assert_cmpstr (text, ==, "before");
  g_clear_pointer (&text, g_free);

  select_position (window, find_position (timeline, "markup"));

  /* Ctrl+C on the window, with no text widget holding the focus. */
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_c, GDK_CONTROL_MASK));
  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text_cb, &text);
  WAIT_FOR (text != NULL);

  g_assert_true (g_str_has_prefix (text, "<b>Bold</b> &amp; “quoted” & co\n"));
  g_assert_nonnull (strstr (text, "Kind: Meeting <i>kind</i>\n"));
  g_assert_nonnull (strstr (text, "Status: Planned\n"));
  g_assert_nonnull (strstr (text, "Location: Room <1> & <2>\n"));
  g_assert_nonnull (strstr (text, "  Ada <Lovelace> & Co (Analyst & <em>writer</em>)\n"));
  g_assert_nonnull (strstr (text, "Summary with <span foreground=\"red\">span</span> & ampersand"));
  g_assert_nonnull (strstr (text, "  “We said <b>no</b> & meant it” — Ada <Lovelace> & Co, Minutes <draft>\n"));
  g_assert_nonnull (strstr (text, "<https://example.com/a?b=1&c=2>"));
  g_assert_nonnull (strstr (text, "<javascript:alert(1)>"));
  g_assert_nonnull (strstr (text, "Tags: <tag>, a&b\n"));

  window_destroy (window);
}

static gboolean
menu_has_target (GMenuModel *menu,
                 const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) value = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET,
                                                                         G_VARIANT_TYPE_STRING);

      if (value != NULL && g_str_equal (g_variant_get_string (value, NULL), target))
        return TRUE;
    }

  return FALSE;
}

static void
test_window_warnings_and_recent (void)
{
  ChronicleWindow *window = window_new_for_file ("window-markup.json");
  g_autoptr(GFile) file = test_file ("window-markup.json");
  g_autofree char *uri = g_file_get_uri (file);
  GMenuModel *recent = _chronicle_window_get_recent_menu (window);
  AdwMessageDialog *dialog;

  /* Three unsafe links: three warnings, in a dialog on demand. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-warnings", NULL));
  dialog = find_message_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "window-markup.json"));
  close_message_dialogs (window);

  /* The file is now a recent timeline, in the Open Recent menu. */
  g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  WAIT_FOR (menu_has_target (recent, uri));
  for (int i = 0; i < g_menu_model_get_n_items (recent); i++)
    {
      g_autofree char *action = NULL;

      g_assert_true (g_menu_model_get_item_attribute (recent, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_assert_cmpstr (action, ==, "win.open-recent");
    }

  /* Opening it from there works like any open. */
  chronicle_window_load_bundled (window);
  wait_for_load (window);
  g_assert_cmpuint (chronicle_timeline_get_n_events (chronicle_window_get_timeline (window)), ==, 15);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri));
  WAIT_FOR (!_chronicle_window_get_loading (window) &&
            chronicle_timeline_get_n_events (chronicle_window_get_timeline (window)) == 5);

  window_destroy (window);
}

static void
test_window_group_by_and_panes (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleTimelineView *view = _chronicle_window_get_timeline_view (window);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.chronicle.Chronicle");
  g_autoptr(GVariant) state = NULL;
  g_autofree char *group_by = NULL;

  /* The lane grouping follows GSettings, and the menu's action sets it. */
  g_settings_set_string (settings, "group-by", "actor");
  g_assert_cmpint (chronicle_timeline_view_get_group_by (view), ==, CHRONICLE_GROUP_BY_ACTOR);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.group-by", "s", "status"));
  g_assert_cmpint (chronicle_timeline_view_get_group_by (view), ==, CHRONICLE_GROUP_BY_STATUS);
  g_free (group_by);
  group_by = g_settings_get_string (settings, "group-by");
  g_assert_cmpstr (group_by, ==, "status");

  g_settings_set_string (settings, "group-by", "kind");
  g_assert_cmpint (chronicle_timeline_view_get_group_by (view), ==, CHRONICLE_GROUP_BY_KIND);

  /* F9 hides and shows the event list. */
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "toggle-list");
  g_assert_true (g_variant_get_boolean (state));
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_F9, 0));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "toggle-list");
  g_assert_false (g_variant_get_boolean (state));
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_F9, 0));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "toggle-list");
  g_assert_true (g_variant_get_boolean (state));

  /* Alt+Return hides the details; Enter on the timeline shows them again. */
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_Return, GDK_ALT_MASK));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "show-details");
  g_assert_false (g_variant_get_boolean (state));
  select_position (window, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "timeline.activate", NULL));
  g_clear_pointer (&state, g_variant_unref);
  state = g_action_group_get_action_state (G_ACTION_GROUP (window), "show-details");
  g_assert_true (g_variant_get_boolean (state));

  window_destroy (window);
}

static void
test_window_list_folds_first (void)
{
  static const struct {
    int      width;
    gboolean list_folded;
    gboolean details_folded;
  } cases[] = {
    { 1300, FALSE, FALSE },
    { 760, TRUE, FALSE },
    { 600, TRUE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChronicleWindow *window = chronicle_window_new (NULL);
      GtkWidget *panel = GTK_WIDGET (_chronicle_window_get_detail_panel (window));
      GtkWidget *view = GTK_WIDGET (_chronicle_window_get_timeline_view (window));
      AdwFlap *details_flap;
      AdwFlap *list_flap;

      gtk_window_set_default_size (GTK_WINDOW (window), cases[i].width, 700);
      gtk_window_present (GTK_WINDOW (window));
      chronicle_window_load_bundled (window);
      wait_for_load (window);
      WAIT_FOR (gtk_widget_get_width (view) > 0);
      iterate_a_while (50);

      /* The details flap holds the list flap, which holds the timeline. */
      details_flap = ADW_FLAP (gtk_widget_get_ancestor (panel, ADW_TYPE_FLAP));
      list_flap = ADW_FLAP (gtk_widget_get_ancestor (view, ADW_TYPE_FLAP));
      g_assert_true (adw_flap_get_flap (details_flap) == panel);
      g_assert_true (adw_flap_get_content (list_flap) == view);

      g_assert_cmpint (adw_flap_get_folded (list_flap), ==, cases[i].list_folded);
      g_assert_cmpint (adw_flap_get_folded (details_flap), ==, cases[i].details_folded);

      window_destroy (window);
    }
}

static void
test_window_remembers_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.chronicle.Chronicle");
  ChronicleWindow *window = chronicle_window_new (NULL);
  int width = 0;
  int height = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 1234, 777);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  window_destroy (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1234);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 777);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  /* The next window opens at that size. */
  window = chronicle_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1234);
  g_assert_cmpint (height, ==, 777);
  window_destroy (window);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int ret;

  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* Recent files go to a directory of the test's own. */
  data_home = g_dir_make_tmp ("chronicle-test-window-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Stack pages switch at once: no crossfade leaves two pages shown. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/window/bundled", test_window_bundled);
  g_test_add_func ("/window/selection/updates-panel", test_window_selection_updates_panel);
  g_test_add_func ("/window/keyboard/left-right", test_window_left_right);
  g_test_add_func ("/window/zoom", test_window_zoom);
  g_test_add_func ("/window/open/broken-file-keeps-timeline", test_window_broken_file_keeps_timeline);
  g_test_add_func ("/window/open/missing-file", test_window_missing_file_on_empty_window);
  g_test_add_func ("/window/open/second-cancels-first", test_window_second_open_cancels_first);
  g_test_add_func ("/window/open/warnings-and-recent", test_window_warnings_and_recent);
  g_test_add_func ("/window/detail-panel/markup-is-literal", test_window_markup_is_literal);
  g_test_add_func ("/window/detail-panel/links", test_window_links);
  g_test_add_func ("/window/detail-panel/can-open-uri", test_window_can_open_uri);
  g_test_add_func ("/window/event-list/rows", test_window_event_list_rows);
  g_test_add_func ("/window/event-list/short-dates", test_window_short_dates);
  g_test_add_func ("/window/copy-event", test_window_copy_event);
  g_test_add_func ("/window/group-by-and-panes", test_window_group_by_and_panes);
  g_test_add_func ("/window/remembers-size", test_window_remembers_size);
  g_test_add_func ("/window/list-folds-first", test_window_list_folds_first);

  ret = g_test_run ();

  {
    g_autofree char *recent = g_build_filename (data_home, "recently-used.xbel", NULL);

    g_remove (recent);
    g_rmdir (data_home);
  }

  return ret;
}
