/* chronicle-window.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-window"

#include "config.h"

#include "chronicle-window-private.h"

#include <glib/gi18n.h>

#include "chronicle-detail-panel.h"
#include "chronicle-event-row.h"
#include "chronicle-export-dialog.h"
#include "chronicle-exporter.h"
#include "chronicle-lane-layout.h"
#include "chronicle-loader.h"
#include "chronicle-print-operation.h"
#include "chronicle-timeline-view.h"
#include "chronicle-timeline-view-private.h"

#define SETTINGS_SCHEMA_ID  "io.github.chronicle.Chronicle"
#define MAX_RECENT_ITEMS    10
#define TIMELINE_MIME_TYPE  "application/x-chronicle-timeline+json"

struct _ChronicleWindow
{
  AdwApplicationWindow   parent_instance;

  /* Template children */
  AdwWindowTitle        *window_title;
  GtkSpinner            *spinner;
  GtkToggleButton       *list_button;
  GtkToggleButton       *details_button;
  AdwToastOverlay       *toast_overlay;
  GtkStack              *main_stack;
  GtkProgressBar        *loading_progress;
  AdwFlap               *details_flap;
  AdwFlap               *list_flap;
  GtkLabel              *event_count_label;
  GtkListView           *event_list;
  ChronicleTimelineView *timeline_view;
  ChronicleDetailPanel  *detail_panel;
  GtkSingleSelection    *selection;
  GMenu                 *file_section;
  ChronicleViewSwitcher *view_switcher;
  ChronicleSearchBar    *search_bar;
  GtkToggleButton       *search_button;
  GtkMenuButton         *filter_button;
  ChronicleFilterPopover *filter_popover;
  GtkMenuButton         *go_to_date_button;
  ChronicleGoToDatePopover *go_to_date_popover;

  GMenu                 *recent_menu;

  GSettings             *settings;
  GtkRecentManager      *recent_manager;
  GCancellable          *cancellable;
  /* The timeline position pinned in the filter for the selected event. */
  guint                  selection_pin;
  /* The end of a load, one main-loop iteration after the hand-over. */
  guint                  finish_load_source;
  ChronicleLoader       *finished_loader;
  gboolean               finished_first;
  gboolean               finished_bundled;
  ChronicleLoader       *loader;       /* the load under way, for its progress */
  GtkFileChooserNative  *file_chooser;
  ChronicleTimeline     *timeline;
  GFile                 *file;
  char                  *group_by;
  char                  *warnings;
  char                  *warnings_file_name;

  /* The chosen view and the events it lets through (the selection's model). */
  ChronicleViewState    *view_state;
  ChronicleEventFilter  *filter;
  /* List items bound to an event, for the search highlight. */
  GHashTable            *bound_items;
  /* From the command line, for the next timeline. */
  ChronicleViewOptions   view_options;

  guint                  loading : 1;
  guint                  has_view_options : 1;
};

G_DEFINE_FINAL_TYPE (ChronicleWindow, chronicle_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_FILE,
  PROP_GROUP_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  ChronicleWindow *self;
  GFile           *file;
  GCancellable    *cancellable;
  gboolean         bundled;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_clear_object (&data->cancellable);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

/* Menu labels treat "_" as a mnemonic; file names must show it as is. */
static char *
escape_mnemonics (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_')
        g_string_append_c (escaped, '_');
      g_string_append_c (escaped, *p);
    }

  return g_string_free (escaped, FALSE);
}

static const char *
get_recent_app_name (void)
{
  const char *name = g_get_application_name ();

  return name != NULL ? name : "chronicle";
}

static gboolean
is_timeline_recent_info (GtkRecentInfo *info)
{
  const char *mime_type = gtk_recent_info_get_mime_type (info);

  if (!gtk_recent_info_has_application (info, get_recent_app_name ()))
    return FALSE;

  if (g_strcmp0 (mime_type, "application/json") != 0 &&
      g_strcmp0 (mime_type, TIMELINE_MIME_TYPE) != 0)
    return FALSE;

  return !gtk_recent_info_is_local (info) || gtk_recent_info_exists (info);
}

static int
compare_recent_info_by_modified (gconstpointer a,
                                 gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  /* Most recent first. */
  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

static void
chronicle_window_update_recent_menu (ChronicleWindow *self)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  gboolean has_submenu;
  GList *items;

  g_assert (CHRONICLE_IS_WINDOW (self));

  items = gtk_recent_manager_get_items (self->recent_manager);
  for (GList *l = items; l != NULL; l = l->next)
    {
      if (is_timeline_recent_info (l->data))
        g_ptr_array_add (infos, l->data);
      else
        gtk_recent_info_unref (l->data);
    }
  g_list_free (items);

  g_ptr_array_sort (infos, compare_recent_info_by_modified);

  g_menu_remove_all (self->recent_menu);

  for (guint i = 0; i < infos->len && i < MAX_RECENT_ITEMS; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (infos, i);
      g_autofree char *label = escape_mnemonics (gtk_recent_info_get_display_name (info));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_menu, item);
    }

  /* The submenu is there only when it has something to offer. */
  has_submenu = g_menu_model_get_n_items (G_MENU_MODEL (self->file_section)) > 1;
  if (infos->len > 0 && !has_submenu)
    g_menu_append_submenu (self->file_section, _("Open _Recent"), G_MENU_MODEL (self->recent_menu));
  else if (infos->len == 0 && has_submenu)
    g_menu_remove (self->file_section, 1);
}

static void
chronicle_window_add_recent (ChronicleWindow *self,
                             GFile           *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *exec = g_strdup_printf ("%s %%u", g_get_prgname () != NULL ? g_get_prgname () : "chronicle");
  g_autofree char *content_type = g_content_type_guess (basename, NULL, 0, NULL);
  g_autofree char *mime_type = g_content_type_get_mime_type (content_type);
  GtkRecentData data = { 0 };

  g_assert (CHRONICLE_IS_WINDOW (self));

  data.mime_type = (char *) (g_strcmp0 (mime_type, TIMELINE_MIME_TYPE) == 0 ? TIMELINE_MIME_TYPE
                                                                              : "application/json");
  data.app_name = (char *) get_recent_app_name ();
  data.app_exec = exec;

  gtk_recent_manager_add_full (self->recent_manager, uri, &data);
}

static void
chronicle_window_update_actions (ChronicleWindow *self)
{
  gboolean has_events = self->timeline != NULL &&
                        g_list_model_get_n_items (G_LIST_MODEL (self->timeline)) > 0;
  gboolean has_selection = gtk_single_selection_get_selected_item (self->selection) != NULL;

  g_assert (CHRONICLE_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-event", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in", has_events);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", has_events);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-fit", has_events);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-warnings", self->warnings != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find", self->filter != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-next",
                                 self->filter != NULL && chronicle_event_filter_get_n_matches (self->filter) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.find-previous",
                                 self->filter != NULL && chronicle_event_filter_get_n_matches (self->filter) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.go-to-date", has_events);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", self->timeline != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", self->timeline != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-view", self->timeline != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filters",
                                 !chronicle_view_state_is_default (self->view_state));
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), self->filter != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_button), self->filter != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->go_to_date_button), has_events);
  gtk_widget_set_sensitive (GTK_WIDGET (self->view_switcher), self->filter != NULL);
}

static void
chronicle_window_set_loading (ChronicleWindow *self,
                              gboolean         loading)
{
  g_assert (CHRONICLE_IS_WINDOW (self));

  self->loading = !!loading;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->loading && self->timeline != NULL);
  gtk_spinner_set_spinning (self->spinner, self->loading && self->timeline != NULL);
  if (!self->loading)
    g_clear_object (&self->loader);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", self->loading);

  /* The panes exist only with a timeline. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->list_button), self->timeline != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->details_button), self->timeline != NULL);

  if (self->timeline != NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "timeline");
  else if (self->loading)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->main_stack, "empty");
}

static void
chronicle_window_update_event_count (ChronicleWindow *self)
{
  g_autofree char *text = NULL;
  guint n_events = 0;
  guint n_shown = 0;

  if (self->timeline != NULL)
    n_events = g_list_model_get_n_items (G_LIST_MODEL (self->timeline));
  n_shown = self->filter != NULL ? chronicle_event_filter_get_n_shown (self->filter) : n_events;

  if (n_shown == n_events)
    /* Translators: the heading of the event list; %'u is the number of events */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u Event", "%'u Events", n_events), n_events);
  else
    /* Translators: the heading of the event list when filters apply: "12 of 15 Events" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u of %'u Event", "%'u of %'u Events", n_events),
                            n_shown, n_events);
  gtk_label_set_text (self->event_count_label, text);

  /* The filter button says when filters apply. */
  if (chronicle_view_state_has_filter (self->view_state))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "filtered");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "filtered");
}


/* A search is set and its matches are known: not while it waits for the
 * search index of a big timeline (the events are shown as without it). */
static gboolean
chronicle_window_search_applies (ChronicleWindow *self)
{
  return self->filter != NULL &&
         chronicle_view_state_get_text (self->view_state) != NULL &&
         !chronicle_event_filter_get_search_pending (self->filter);
}

static void
chronicle_window_update_row_match (ChronicleWindow *self,
                                   GtkListItem     *list_item)
{
  GtkWidget *row = gtk_list_item_get_child (list_item);
  ChronicleEvent *event = gtk_list_item_get_item (list_item);
  gboolean match = FALSE;
  gboolean dimmed = FALSE;

  if (row == NULL)
    return;

  /* Only a search highlights and fades; filters hide. */
  if (event != NULL && chronicle_window_search_applies (self))
    {
      guint position = chronicle_timeline_get_position (self->timeline, event);

      match = chronicle_event_filter_is_match (self->filter, position);
      dimmed = !match;
    }

  if (match)
    gtk_widget_add_css_class (row, "search-match");
  else
    gtk_widget_remove_css_class (row, "search-match");

  if (dimmed)
    gtk_widget_add_css_class (row, "search-dimmed");
  else
    gtk_widget_remove_css_class (row, "search-dimmed");
}

/* The search's matches, by model position, for the timeline to highlight. */
static void
chronicle_window_update_highlight (ChronicleWindow *self)
{
  g_autoptr(ChronicleBitset) matches = NULL;

  if (chronicle_window_search_applies (self))
    {
      guint n_shown = chronicle_event_filter_get_n_shown (self->filter);

      matches = chronicle_bitset_new (MAX (n_shown, 1));

      if (chronicle_view_state_get_hide_non_matching (self->view_state))
        {
          /* Only matches are shown. */
          chronicle_bitset_add_range (matches, 0, n_shown);
        }
      else
        {
          const ChronicleBitset *shown = chronicle_event_filter_get_shown (self->filter);
          const ChronicleBitset *found = chronicle_event_filter_get_matches (self->filter);
          guint model_position = 0;

          /* One walk over the shown events, which the model numbers in order. */
          for (guint position = chronicle_bitset_next (shown, 0);
               position != G_MAXUINT;
               position = chronicle_bitset_next (shown, position + 1), model_position++)
            {
              if (chronicle_bitset_contains (found, position))
                chronicle_bitset_add (matches, model_position);
            }
        }
    }

  chronicle_timeline_view_set_highlight (self->timeline_view, matches);
}

static void
chronicle_window_update_date_range (ChronicleWindow *self)
{
  const ChronicleTime *from = chronicle_view_state_get_from (self->view_state);
  const ChronicleTime *to = chronicle_view_state_get_to (self->view_state);
  GTimeZone *tz = self->timeline != NULL ? chronicle_timeline_get_time_zone (self->timeline) : NULL;

  chronicle_timeline_view_set_date_range (self->timeline_view,
                                          from != NULL ? chronicle_time_get_instant (from) : G_MININT64,
                                          to != NULL ? chronicle_time_get_end_instant_in_zone (to, tz)
                                                     : G_MAXINT64);
}

static void
on_view_state_changed_cb (ChronicleWindow          *self,
                          ChronicleViewStateChange  changes,
                          ChronicleViewState       *state)
{
  g_assert (CHRONICLE_IS_WINDOW (self));

  if (changes & CHRONICLE_VIEW_STATE_CHANGE_FILTER)
    chronicle_window_update_date_range (self);

  chronicle_window_update_event_count (self);
  chronicle_window_update_actions (self);
}

/* A range dragged across the axis becomes the date filter: whole days,
 * or minutes when the view shows less than a few days. */
static void
on_timeline_view_range_selected_cb (ChronicleWindow       *self,
                                    gint64                 start,
                                    gint64                 end,
                                    ChronicleTimelineView *view)
{
  gint64 duration = chronicle_timeline_view_get_visible_duration (view);
  ChronicleTimePrecision precision;
  ChronicleTime from;
  ChronicleTime to;
  GTimeZone *tz;

  g_assert (CHRONICLE_IS_WINDOW (self));

  if (self->timeline == NULL || end <= start)
    return;

  tz = chronicle_timeline_get_time_zone (self->timeline);
  precision = duration < 3 * 24 * 60 * 60 ? CHRONICLE_TIME_PRECISION_MINUTE : CHRONICLE_TIME_PRECISION_DAY;
  chronicle_time_init_from_instant (&from, start, precision, tz);
  chronicle_time_init_from_instant (&to, end - 1, precision, tz);

  chronicle_view_state_set_range (self->view_state, &from, &to);
}

static void
on_filter_changed_cb (ChronicleWindow      *self,
                      ChronicleEventFilter *filter)
{
  GHashTableIter iter;
  gpointer list_item;

  g_assert (CHRONICLE_IS_WINDOW (self));

  chronicle_window_update_highlight (self);

  /* Only the rows on screen are bound: this stays cheap for a million events. */
  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &list_item, NULL))
    chronicle_window_update_row_match (self, list_item);

  chronicle_window_update_event_count (self);
  chronicle_window_update_actions (self);
}

/* Shows the view's time window, or all its events when it has none. */
static void
chronicle_window_show_time_window (ChronicleWindow *self)
{
  const ChronicleTime *from = chronicle_view_state_get_window_from (self->view_state);
  const ChronicleTime *to = chronicle_view_state_get_window_to (self->view_state);
  gint64 duration = chronicle_timeline_view_get_visible_duration (self->timeline_view);
  GTimeZone *tz;
  gint64 start;
  gint64 end;

  g_assert (CHRONICLE_IS_WINDOW (self));

  if (self->timeline == NULL)
    return;

  if (from == NULL && to == NULL)
    {
      chronicle_timeline_view_zoom_fit (self->timeline_view);
      return;
    }

  tz = chronicle_timeline_get_time_zone (self->timeline);
  start = from != NULL ? chronicle_time_get_instant (from) : chronicle_time_get_end_instant_in_zone (to, tz) - duration;
  end = to != NULL ? chronicle_time_get_end_instant_in_zone (to, tz) : start + duration;

  if (end > start)
    chronicle_timeline_view_set_visible_range (self->timeline_view, start, end - start);
  else
    chronicle_timeline_view_zoom_fit (self->timeline_view);
}

/* A new timeline starts on All Events; the grouping and the choice to hide
 * or fade non-matching events are the user's and stay. */
static void
chronicle_window_reset_view_state (ChronicleWindow *self)
{
  chronicle_view_state_freeze (self->view_state);
  chronicle_view_state_set_id (self->view_state, NULL);
  chronicle_view_state_set_title (self->view_state, NULL);
  chronicle_view_state_clear_filters (self->view_state);
  chronicle_view_state_set_window_from (self->view_state, NULL);
  chronicle_view_state_set_window_to (self->view_state, NULL);
  chronicle_view_state_thaw (self->view_state);
}

static void
chronicle_window_apply_view_options (ChronicleWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->has_view_options)
    return;

  self->has_view_options = FALSE;

  if (!chronicle_view_options_apply (&self->view_options,
                                     self->timeline,
                                     chronicle_view_switcher_get_local_views (self->view_switcher),
                                     self->view_state,
                                     &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 8);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  chronicle_view_options_clear (&self->view_options);
}

static void
chronicle_window_set_timeline (ChronicleWindow   *self,
                               ChronicleTimeline *timeline,
                               GFile             *file,
                               const char        *subtitle)
{
  const char *title;

  g_assert (CHRONICLE_IS_WINDOW (self));
  g_assert (CHRONICLE_IS_TIMELINE (timeline));

  /* The view lets go of the selection first, so that it lays out the new
   * events once, with their own kinds, instead of once per change. */
  chronicle_timeline_view_set_model (self->timeline_view, NULL);

  /* The old filter goes first, so that resetting the state below does
   * not filter the old timeline once more. The list gets the new one at
   * the end of the load, and only when it is shown (see
   * chronicle_window_attach_list()). */
  gtk_list_view_set_model (self->event_list, NULL);
  gtk_single_selection_set_model (self->selection, NULL);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  self->selection_pin = G_MAXUINT;

  g_set_object (&self->timeline, timeline);
  g_set_object (&self->file, file);

  chronicle_window_reset_view_state (self);
  self->filter = chronicle_event_filter_new (timeline, self->view_state);
  g_signal_connect_object (self->filter, "changed",
                           G_CALLBACK (on_filter_changed_cb),
                           self, G_CONNECT_SWAPPED);

  /* The switcher reads the views kept for the file, which --view may name. */
  chronicle_view_switcher_set_document (self->view_switcher, self->filter, file);
  chronicle_window_apply_view_options (self);
  chronicle_search_bar_set_filter (self->search_bar, self->filter);
  chronicle_filter_popover_set_filter (self->filter_popover, self->filter);
  chronicle_go_to_date_popover_set_timeline (self->go_to_date_popover, timeline);

  /* Rows bound from here on read self->timeline for their kind colours. */
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->filter));
  chronicle_detail_panel_set_timeline (self->detail_panel, timeline);
  chronicle_timeline_view_set_timeline (self->timeline_view, timeline);
  chronicle_timeline_view_set_model (self->timeline_view, self->selection);
  chronicle_window_update_highlight (self);
  chronicle_window_update_date_range (self);
  /* Without a time window, the view shows all of the new timeline by
   * itself once it has laid it out: fitting it now would lay a big one
   * out at once, in this main-loop iteration. */
  if (chronicle_view_state_get_window_from (self->view_state) != NULL ||
      chronicle_view_state_get_window_to (self->view_state) != NULL)
    chronicle_window_show_time_window (self);

  title = chronicle_timeline_get_title (timeline);
  if (title == NULL || title[0] == '\0')
    title = subtitle;
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);

  chronicle_window_update_event_count (self);
  chronicle_window_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);

  /* Last: laying out a big timeline goes on in slices from here, and the
   * view's first frame draws the layout it has instead of waiting. */
  chronicle_lane_layout_start_rebuild (_chronicle_timeline_view_get_layout (self->timeline_view));
}

static char *
dup_warnings_text (ChronicleLoader *loader)
{
  GPtrArray *diagnostics = chronicle_loader_get_diagnostics (loader);
  const char *name = chronicle_loader_get_display_name (loader);
  GString *text = g_string_new (NULL);

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (diagnostic->severity != CHRONICLE_SEVERITY_WARNING)
        continue;

      line = chronicle_diagnostic_to_string (diagnostic, name);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, line);
    }

  return g_string_free (text, FALSE);
}

static void
chronicle_window_show_warnings_toast (ChronicleWindow *self,
                                      ChronicleLoader *loader)
{
  guint n_warnings = chronicle_loader_get_n_warnings (loader);
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_assert (CHRONICLE_IS_WINDOW (self));

  g_clear_pointer (&self->warnings, g_free);
  g_clear_pointer (&self->warnings_file_name, g_free);

  if (n_warnings > 0)
    {
      self->warnings = dup_warnings_text (loader);
      self->warnings_file_name = g_strdup (chronicle_loader_get_display_name (loader));

      /* Translators: a notification after opening a file with minor problems */
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", n_warnings),
                               n_warnings);
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Details"));
      adw_toast_set_action_name (toast, "win.show-warnings");
      adw_toast_set_timeout (toast, 8);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }

  chronicle_window_update_actions (self);
}

static void
chronicle_window_show_error (ChronicleWindow *self,
                             const GError    *error)
{
  GtkWidget *dialog;

  g_assert (CHRONICLE_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Open Timeline"), NULL);
  /* The loader's message names the file and where each problem is. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The list's first rows cost tens of milliseconds whatever the size of
 * the timeline (GTK 4.8 makes two hundred for each new model): they are
 * made a main-loop iteration after the window took the timeline, and only
 * while the list pane is shown. */
static void
chronicle_window_attach_list (ChronicleWindow *self)
{
  GtkSelectionModel *model = NULL;

  if (self->timeline != NULL && self->finish_load_source == 0 &&
      adw_flap_get_reveal_flap (self->list_flap))
    model = GTK_SELECTION_MODEL (self->selection);

  if (model != NULL && gtk_list_view_get_model (self->event_list) != model)
    gtk_list_view_set_model (self->event_list, model);
}

static void
on_list_flap_reveal_cb (ChronicleWindow *self,
                        GParamSpec      *pspec,
                        AdwFlap         *flap)
{
  g_assert (CHRONICLE_IS_WINDOW (self));

  chronicle_window_attach_list (self);
}

/* Ends a load whose timeline the window has: the list shows it, the
 * loading page goes. */
static void
chronicle_window_finish_load (ChronicleWindow *self)
{
  g_autoptr(ChronicleLoader) loader = g_steal_pointer (&self->finished_loader);

  g_assert (CHRONICLE_IS_WINDOW (self));
  g_assert (CHRONICLE_IS_LOADER (loader));

  g_clear_handle_id (&self->finish_load_source, g_source_remove);

  chronicle_window_attach_list (self);
  chronicle_window_set_loading (self, FALSE);

  /* With the page shown, the arrow keys walk the events from the start. */
  if (self->finished_first)
    gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));

  chronicle_window_show_warnings_toast (self, loader);

  if (!self->finished_bundled)
    chronicle_window_add_recent (self, self->file);
}

static gboolean
chronicle_window_finish_load_cb (gpointer user_data)
{
  ChronicleWindow *self = user_data;

  self->finish_load_source = 0;
  chronicle_window_finish_load (self);

  return G_SOURCE_REMOVE;
}

static void
chronicle_window_load_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  ChronicleLoader *loader = CHRONICLE_LOADER (object);
  g_autoptr(LoadData) data = user_data;
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  ChronicleWindow *self = data->self;
  gboolean first;

  g_assert (CHRONICLE_IS_WINDOW (self));

  timeline = chronicle_loader_load_file_finish (loader, result, &error);

  if (g_cancellable_is_cancelled (data->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled by the person: back to what was there before. (Else a
       * newer load, or closing the window, replaced this one.) */
      if (data->cancellable == self->cancellable)
        {
          g_clear_object (&self->cancellable);
          chronicle_window_set_loading (self, FALSE);
        }
      return;
    }

  g_clear_object (&self->cancellable);

  if (timeline == NULL)
    {
      chronicle_window_set_loading (self, FALSE);
      chronicle_window_show_error (self, error);
      return;
    }

  if (data->bundled)
    subtitle = g_strdup (_("Bundled timeline"));
  else
    subtitle = g_strdup (chronicle_loader_get_display_name (loader));

  first = self->timeline == NULL;
  chronicle_window_set_timeline (self, timeline, data->file, subtitle);

  /* The rest in the next main-loop iteration, so that no single one
   * blocks for long with a big timeline. */
  g_set_object (&self->finished_loader, loader);
  self->finished_first = first;
  self->finished_bundled = data->bundled;
  self->finish_load_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                                              chronicle_window_finish_load_cb,
                                              self, NULL);
  g_source_set_name_by_id (self->finish_load_source, "[chronicle] finish load");
}

/* Notified on the main thread while the loader works in its own. */
static void
on_loader_progress_cb (ChronicleWindow *self,
                       GParamSpec      *pspec,
                       ChronicleLoader *loader)
{
  if (loader == self->loader)
    gtk_progress_bar_set_fraction (self->loading_progress, chronicle_loader_get_progress (loader));
}

static void
chronicle_window_load (ChronicleWindow *self,
                       GFile           *file,
                       gboolean         bundled)
{
  g_autoptr(ChronicleLoader) loader = NULL;
  LoadData *data;

  g_assert (CHRONICLE_IS_WINDOW (self));
  g_assert (G_IS_FILE (file));

  /* A load that has just ended ends at once, before this one starts. */
  if (self->finish_load_source != 0)
    chronicle_window_finish_load (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->cancellable = g_object_ref (self->cancellable);
  data->bundled = bundled;

  loader = chronicle_loader_new ();
  g_set_object (&self->loader, loader);
  g_signal_connect_object (loader, "notify::progress",
                           G_CALLBACK (on_loader_progress_cb), self, G_CONNECT_SWAPPED);
  gtk_progress_bar_set_fraction (self->loading_progress, 0);

  chronicle_window_set_loading (self, TRUE);

  chronicle_loader_load_file_async (loader, file, self->cancellable, chronicle_window_load_cb, data);
}

static void
chronicle_window_cancel_load_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);

  /* The load callback puts the window back as it was. */
  g_cancellable_cancel (self->cancellable);
}

static void
chronicle_window_save_state (ChronicleWindow *self)
{
  int width = 0;
  int height = 0;

  g_assert (CHRONICLE_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
}

static void
chronicle_window_set_group_by (ChronicleWindow *self,
                               const char      *group_by)
{
  ChronicleGroupBy value;

  g_assert (CHRONICLE_IS_WINDOW (self));

  if (group_by == NULL || !chronicle_group_by_from_string (group_by, &value))
    {
      g_warning ("Unknown lane grouping “%s”", group_by != NULL ? group_by : "(null)");
      return;
    }

  if (g_strcmp0 (self->group_by, group_by) == 0)
    return;

  g_free (self->group_by);
  self->group_by = g_strdup (group_by);
  chronicle_timeline_view_set_group_by (self->timeline_view, value);
  /* The grouping is part of the chosen view. */
  chronicle_view_state_set_group_by (self->view_state, value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_BY]);
}

static void
on_view_state_group_by_cb (ChronicleWindow    *self,
                           GParamSpec         *pspec,
                           ChronicleViewState *state)
{
  g_assert (CHRONICLE_IS_WINDOW (self));

  /* A view chose a grouping: the menu and GSettings follow. */
  chronicle_window_set_group_by (self, chronicle_group_by_to_string (chronicle_view_state_get_group_by (state)));
}

static void
on_view_switcher_view_applied_cb (ChronicleWindow       *self,
                                  ChronicleViewSwitcher *view_switcher)
{
  g_assert (CHRONICLE_IS_WINDOW (self));

  chronicle_window_show_time_window (self);
}

static void
on_view_switcher_message_cb (ChronicleWindow       *self,
                             const char            *message,
                             ChronicleViewSwitcher *view_switcher)
{
  AdwToast *toast;

  g_assert (CHRONICLE_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Centres the timeline on the period the date names, zooming out when it
 * is longer than what the view shows. */
static void
on_go_to_date_popover_date_chosen_cb (ChronicleWindow          *self,
                                      gint64                    start,
                                      gint64                    end,
                                      ChronicleGoToDatePopover *popover)
{
  gint64 duration = chronicle_timeline_view_get_visible_duration (self->timeline_view);
  gint64 length = end - start;

  g_assert (CHRONICLE_IS_WINDOW (self));

  if (length > duration)
    {
      /* A year or a month fills the view, with a little room either side. */
      gint64 margin = length / 20;

      chronicle_timeline_view_set_visible_range (self->timeline_view, start - margin, length + 2 * margin);
    }
  else
    {
      chronicle_timeline_view_set_visible_range (self->timeline_view, start + length / 2 - duration / 2, duration);
    }

  gtk_widget_grab_focus (GTK_WIDGET (self->timeline_view));
}

static void
on_selection_changed_cb (ChronicleWindow    *self,
                         GParamSpec         *pspec,
                         GtkSingleSelection *selection)
{
  guint position = gtk_single_selection_get_selected (selection);
  gpointer item = gtk_single_selection_get_selected_item (selection);

  g_assert (CHRONICLE_IS_WINDOW (self));

  chronicle_detail_panel_set_event (self->detail_panel, item != NULL ? CHRONICLE_EVENT (item) : NULL);

  /* So that a filter change keeps it selected without the selection
   * reading every changed event to find it again. */
  if (self->filter != NULL)
    {
      if (self->selection_pin != G_MAXUINT)
        chronicle_event_filter_unpin (self->filter, self->selection_pin);
      self->selection_pin = G_MAXUINT;
      if (position != GTK_INVALID_LIST_POSITION &&
          gtk_single_selection_get_model (selection) == G_LIST_MODEL (self->filter))
        self->selection_pin = chronicle_event_filter_get_timeline_position (self->filter, position);
      if (self->selection_pin != G_MAXUINT)
        chronicle_event_filter_pin (self->filter, self->selection_pin);
    }

  /* Only the selected row is touched: the list may hold a million events. */
  if (position != GTK_INVALID_LIST_POSITION && gtk_list_view_get_model (self->event_list) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->event_list), "list.scroll-to-item", "u", position);

  chronicle_window_update_actions (self);
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     ChronicleWindow          *self)
{
  gtk_list_item_set_child (list_item, chronicle_event_row_new ());
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    ChronicleWindow          *self)
{
  ChronicleEventRow *row = CHRONICLE_EVENT_ROW (gtk_list_item_get_child (list_item));
  guint pin;

  g_assert (CHRONICLE_IS_WINDOW (self));

  chronicle_event_row_set_timeline (row, self->timeline);
  chronicle_event_row_set_event (row, gtk_list_item_get_item (list_item));

  /* A filter change then keeps the row without the list reading every
   * changed event to find it again. */
  pin = self->filter != NULL
      ? chronicle_event_filter_get_timeline_position (self->filter, gtk_list_item_get_position (list_item))
      : G_MAXUINT;
  if (pin != G_MAXUINT)
    chronicle_event_filter_pin (self->filter, pin);
  g_hash_table_insert (self->bound_items, list_item, GUINT_TO_POINTER (pin + 1));
  chronicle_window_update_row_match (self, list_item);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      ChronicleWindow          *self)
{
  ChronicleEventRow *row = CHRONICLE_EVENT_ROW (gtk_list_item_get_child (list_item));
  guint pin = GPOINTER_TO_UINT (g_hash_table_lookup (self->bound_items, list_item));

  chronicle_event_row_set_event (row, NULL);
  if (pin != 0 && self->filter != NULL)
    chronicle_event_filter_unpin (self->filter, pin - 1);
  g_hash_table_remove (self->bound_items, list_item);
}

static void
on_event_list_activate_cb (ChronicleWindow *self,
                           guint            position,
                           GtkListView     *list_view)
{
  g_assert (CHRONICLE_IS_WINDOW (self));

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  chronicle_timeline_view_scroll_to_selection (self->timeline_view);
  adw_flap_set_reveal_flap (self->details_flap, TRUE);
}

static void
on_timeline_view_event_activated_cb (ChronicleWindow *self)
{
  g_assert (CHRONICLE_IS_WINDOW (self));

  adw_flap_set_reveal_flap (self->details_flap, TRUE);
}

static void
on_file_chooser_response_cb (ChronicleWindow      *self,
                             int                   response,
                             GtkFileChooserNative *native)
{
  g_assert (CHRONICLE_IS_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        chronicle_window_open_file (self, file);
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (native));
  if (self->file_chooser == native)
    g_clear_object (&self->file_chooser);
}

static gboolean
on_drop_target_drop_cb (ChronicleWindow *self,
                        const GValue    *value,
                        double           x,
                        double           y,
                        GtkDropTarget   *target)
{
  GtkApplication *application;
  GSList *files = NULL;
  GFile *single = NULL;

  g_assert (CHRONICLE_IS_WINDOW (self));

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    files = g_value_get_boxed (value);
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    single = g_value_get_object (value);

  if (single != NULL)
    {
      chronicle_window_open_file (self, single);
      return TRUE;
    }

  if (files == NULL)
    return FALSE;

  /* The first file replaces this window's timeline; any others get windows
   * of their own, as when opening several files at once. */
  chronicle_window_open_file (self, files->data);

  application = gtk_window_get_application (GTK_WINDOW (self));
  for (GSList *l = files->next; l != NULL; l = l->next)
    {
      ChronicleWindow *window = chronicle_window_new (application);

      chronicle_window_open_file (window, l->data);
      gtk_window_present (GTK_WINDOW (window));
    }

  return TRUE;
}

static void
chronicle_window_open_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  g_autoptr(GtkFileFilter) timelines = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all_files = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
      return;
    }

  gtk_file_filter_set_name (timelines, _("Timelines"));
  gtk_file_filter_add_mime_type (timelines, TIMELINE_MIME_TYPE);
  gtk_file_filter_add_mime_type (timelines, "application/json");
  gtk_file_filter_add_suffix (timelines, "json");
  gtk_file_filter_add_suffix (timelines, "chronicle");

  gtk_file_filter_set_name (all_files, _("All Files"));
  gtk_file_filter_add_pattern (all_files, "*");

  native = gtk_file_chooser_native_new (_("Open Timeline"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), timelines);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all_files);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), timelines);

  if (self->file != NULL && g_file_is_native (self->file))
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }

  g_signal_connect_object (native, "response",
                           G_CALLBACK (on_file_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);

  self->file_chooser = native;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
chronicle_window_open_recent_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  chronicle_window_open_file (self, file);
}

static void
chronicle_window_copy_event_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  g_autofree char *text = chronicle_detail_panel_dup_text (self->detail_panel);
  AdwToast *toast;

  if (text == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);

  toast = adw_toast_new (_("Event copied"));
  adw_toast_set_timeout (toast, 2);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The chosen view as Markdown, as the export writes it. */
static void
chronicle_window_copy_view_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  g_autoptr(ChronicleExporter) exporter = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *data;
  AdwToast *toast;
  gsize size;

  if (self->timeline == NULL)
    return;

  exporter = chronicle_exporter_new (self->timeline, self->view_state);
  bytes = chronicle_exporter_to_bytes (exporter, CHRONICLE_EXPORT_FORMAT_MARKDOWN, NULL, &error);
  if (bytes == NULL)
    {
      toast = adw_toast_new (error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  data = g_bytes_get_data (bytes, &size);
  text = g_strndup (data, size);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);

  toast = adw_toast_new (_("View copied as Markdown"));
  adw_toast_set_timeout (toast, 2);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
chronicle_window_export_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChronicleExportDialog *dialog;
  gint64 start;

  if (self->timeline == NULL)
    return;

  start = chronicle_timeline_view_get_visible_start (self->timeline_view);
  dialog = chronicle_export_dialog_new (GTK_WINDOW (self), self->timeline, self->view_state, start,
                                        start + chronicle_timeline_view_get_visible_duration (self->timeline_view));
  chronicle_export_dialog_set_toast_overlay (dialog, self->toast_overlay);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_print_operation_done_cb (ChronicleWindow         *self,
                            GtkPrintOperationResult  result,
                            GtkPrintOperation       *operation)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      AdwToast *toast;

      gtk_print_operation_get_error (operation, &error);
      toast = adw_toast_new (error != NULL ? error->message : _("Could not print"));
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
chronicle_window_print_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  ChroniclePrintOperation *operation;
  g_autoptr(GError) error = NULL;

  if (self->timeline == NULL)
    return;

  /* The whole view, as the PDF export prints it; kept while it runs (and
   * until the next one). */
  operation = chronicle_print_operation_new (self->timeline, self->view_state, 0, 0);
  g_object_set_data_full (G_OBJECT (self), "chronicle-print-operation", operation, g_object_unref);
  g_signal_connect_object (operation, "done",
                           G_CALLBACK (on_print_operation_done_cb),
                           self, G_CONNECT_SWAPPED);
  if (gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (self), &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
chronicle_window_zoom_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  const char *timeline_action = NULL;

  /* Header bar buttons and window-wide keys cannot reach the view's own
   * actions (those serve the view and its children), so these forward. */
  if (g_str_equal (action_name, "win.zoom-in"))
    timeline_action = "timeline.zoom-in";
  else if (g_str_equal (action_name, "win.zoom-out"))
    timeline_action = "timeline.zoom-out";
  else if (g_str_equal (action_name, "win.zoom-fit"))
    timeline_action = "timeline.zoom-fit";
  else
    g_return_if_reached ();

  gtk_widget_activate_action (GTK_WIDGET (self->timeline_view), timeline_action, NULL);
}

static void
chronicle_window_show_warnings_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkWidget *label;

  if (self->warnings == NULL)
    return;

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Warnings in “%s”"), self->warnings_file_name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The timeline was opened, but some of it may not show as intended."));

  label = gtk_label_new (NULL);
  gtk_label_set_text (GTK_LABEL (label), self->warnings);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_yalign (GTK_LABEL (label), 0.0f);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "caption");

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), label);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chronicle_window_find_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);

  if (g_str_equal (action_name, "win.find"))
    chronicle_search_bar_start (self->search_bar);
  else
    chronicle_search_bar_select_next_match (self->search_bar, g_str_equal (action_name, "win.find-next"));
}

static void
chronicle_window_go_to_date_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);

  gtk_menu_button_popup (self->go_to_date_button);
}

static void
chronicle_window_clear_filters_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);

  chronicle_view_state_clear_filters (self->view_state);
}

static void
chronicle_window_save_view_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (widget);

  /* The switcher's own action, so that the dialog comes from one place. */
  gtk_widget_activate_action (GTK_WIDGET (self->view_switcher), "views.save", NULL);
}

static void
chronicle_window_unrealize (GtkWidget *widget)
{
  /* Saved here rather than on close-request alone, so that windows closed
   * by quitting the application remember their state too. */
  chronicle_window_save_state (CHRONICLE_WINDOW (widget));

  GTK_WIDGET_CLASS (chronicle_window_parent_class)->unrealize (widget);
}

static void
chronicle_window_dispose (GObject *object)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->loader);
  g_clear_handle_id (&self->finish_load_source, g_source_remove);
  g_clear_object (&self->finished_loader);

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
      g_clear_object (&self->file_chooser);
    }

  if (self->recent_manager != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->recent_manager, self);
      self->recent_manager = NULL;
    }

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  if (self->view_state != NULL)
    g_signal_handlers_disconnect_by_data (self->view_state, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_WINDOW);

  g_clear_object (&self->filter);
  g_clear_object (&self->view_state);

  g_clear_object (&self->timeline);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);

  G_OBJECT_CLASS (chronicle_window_parent_class)->dispose (object);
}

static void
chronicle_window_finalize (GObject *object)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (object);

  g_clear_pointer (&self->group_by, g_free);
  g_clear_pointer (&self->warnings, g_free);
  g_clear_pointer (&self->warnings_file_name, g_free);
  g_clear_pointer (&self->bound_items, g_hash_table_unref);
  chronicle_view_options_clear (&self->view_options);

  G_OBJECT_CLASS (chronicle_window_parent_class)->finalize (object);
}

static void
chronicle_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_GROUP_BY:
      g_value_set_string (value, self->group_by);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChronicleWindow *self = CHRONICLE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_GROUP_BY:
      chronicle_window_set_group_by (self, g_value_get_string (value));
      break;

    case PROP_TIMELINE:
    case PROP_FILE:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_window_class_init (ChronicleWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_window_dispose;
  object_class->finalize = chronicle_window_finalize;
  object_class->get_property = chronicle_window_get_property;
  object_class->set_property = chronicle_window_set_property;

  widget_class->unrealize = chronicle_window_unrealize;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         CHRONICLE_TYPE_TIMELINE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* "kind", "actor", "tag", "status" or "none", as in GSettings. */
  properties[PROP_GROUP_BY] =
    g_param_spec_string ("group-by", NULL, NULL, "kind",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHRONICLE_TYPE_DETAIL_PANEL);
  g_type_ensure (CHRONICLE_TYPE_FILTER_POPOVER);
  g_type_ensure (CHRONICLE_TYPE_GO_TO_DATE_POPOVER);
  g_type_ensure (CHRONICLE_TYPE_SEARCH_BAR);
  g_type_ensure (CHRONICLE_TYPE_TIMELINE_VIEW);
  g_type_ensure (CHRONICLE_TYPE_VIEW_SWITCHER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chronicle/Chronicle/ui/chronicle-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, list_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, details_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, loading_progress);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, details_flap);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, list_flap);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, event_count_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, event_list);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, timeline_view);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, detail_panel);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, selection);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, file_section);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, filter_popover);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, go_to_date_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleWindow, go_to_date_popover);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_factory_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_event_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_switcher_view_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_switcher_message_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_go_to_date_popover_date_chosen_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, chronicle_window_open_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL,
                                   chronicle_window_cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", chronicle_window_open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.copy-event", NULL, chronicle_window_copy_event_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, chronicle_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, chronicle_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, chronicle_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.show-warnings", NULL, chronicle_window_show_warnings_action);
  gtk_widget_class_install_property_action (widget_class, "win.group-by", "group-by");
  gtk_widget_class_install_action (widget_class, "win.find", NULL, chronicle_window_find_action);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, chronicle_window_find_action);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, chronicle_window_find_action);
  gtk_widget_class_install_action (widget_class, "win.go-to-date", NULL, chronicle_window_go_to_date_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, chronicle_window_clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.save-view", NULL, chronicle_window_save_view_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, chronicle_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, chronicle_window_print_action);
  gtk_widget_class_install_action (widget_class, "win.copy-view", NULL, chronicle_window_copy_view_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.copy-view", NULL);
  /* A bubbling binding: text widgets with focus copy their own selection first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "win.copy-event", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-list", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK, "win.show-details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK, "win.find-previous", NULL);
}

static void
chronicle_window_init (ChronicleWindow *self)
{
  g_autoptr(GAction) toggle_list = NULL;
  g_autoptr(GAction) show_details = NULL;
  GtkEventController *go_to_date_shortcuts;
  GtkDropTarget *drop_target;
  int width;
  int height;

  /* Before the template: its menu asks win.group-by for its state. */
  self->group_by = g_strdup ("kind");
  self->view_state = chronicle_view_state_new ();
  self->bound_items = g_hash_table_new (NULL, NULL);
  self->selection_pin = G_MAXUINT;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->view_state, "notify::group-by",
                           G_CALLBACK (on_view_state_group_by_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_state, "changed",
                           G_CALLBACK (on_view_state_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline_view, "range-selected",
                           G_CALLBACK (on_timeline_view_range_selected_cb),
                           self, G_CONNECT_SWAPPED);

  /* Typing anywhere in the window searches. */
  chronicle_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  /* Ctrl+G goes to a date from anywhere, the search entry too (which
   * would take it for "next match"), so it is caught on the way down. */
  go_to_date_shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (go_to_date_shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (go_to_date_shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_g, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.go-to-date")));
  gtk_widget_add_controller (GTK_WIDGET (self), go_to_date_shortcuts);
  chronicle_search_bar_set_selection (self->search_bar, self->selection);
  chronicle_view_switcher_set_timeline_view (self->view_switcher, self->timeline_view);

  chronicle_timeline_view_set_group_by (self->timeline_view, CHRONICLE_GROUP_BY_KIND);

  chronicle_timeline_view_set_model (self->timeline_view, self->selection);
  /* Also emitted when the model is replaced and the selection goes. */
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline_view, "event-activated",
                           G_CALLBACK (on_timeline_view_event_activated_cb),
                           self, G_CONNECT_SWAPPED);

  /* State actions of the two panes, for the header bar toggles and the menu. */
  toggle_list = G_ACTION (g_property_action_new ("toggle-list", self->list_flap, "reveal-flap"));
  g_signal_connect_object (self->list_flap, "notify::reveal-flap",
                           G_CALLBACK (on_list_flap_reveal_cb),
                           self, G_CONNECT_SWAPPED);
  show_details = G_ACTION (g_property_action_new ("show-details", self->details_flap, "reveal-flap"));
  g_action_map_add_action (G_ACTION_MAP (self), toggle_list);
  g_action_map_add_action (G_ACTION_MAP (self), show_details);

  self->settings = g_settings_new (SETTINGS_SCHEMA_ID);
  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_settings_bind (self->settings, "group-by", self, "group-by", G_SETTINGS_BIND_DEFAULT);

  self->recent_menu = g_menu_new ();
  self->recent_manager = gtk_recent_manager_get_default ();
  g_signal_connect_object (self->recent_manager, "changed",
                           G_CALLBACK (chronicle_window_update_recent_menu),
                           self, G_CONNECT_SWAPPED);
  chronicle_window_update_recent_menu (self);

  drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop_target, (GType[]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect_object (drop_target, "drop",
                           G_CALLBACK (on_drop_target_drop_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  chronicle_window_update_event_count (self);
  chronicle_window_set_loading (self, FALSE);
  chronicle_window_update_actions (self);
}

ChronicleWindow *
chronicle_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (CHRONICLE_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

void
chronicle_window_open_file (ChronicleWindow *self,
                            GFile           *file)
{
  g_return_if_fail (CHRONICLE_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  chronicle_window_load (self, file, FALSE);
}

void
chronicle_window_load_bundled (ChronicleWindow *self)
{
  g_autoptr(GFile) file = NULL;

  g_return_if_fail (CHRONICLE_IS_WINDOW (self));

  file = g_file_new_for_uri (CHRONICLE_BUNDLED_TIMELINE_URI);
  chronicle_window_load (self, file, TRUE);
}

ChronicleTimeline *
chronicle_window_get_timeline (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->timeline;
}

GFile *
chronicle_window_get_file (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->file;
}

ChronicleDetailPanel *
_chronicle_window_get_detail_panel (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->detail_panel;
}

ChronicleTimelineView *
_chronicle_window_get_timeline_view (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->timeline_view;
}

GtkListView *
_chronicle_window_get_event_list (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->event_list;
}

GtkSingleSelection *
_chronicle_window_get_selection (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->selection;
}

AdwWindowTitle *
_chronicle_window_get_title_widget (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->window_title;
}

GMenuModel *
_chronicle_window_get_recent_menu (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return G_MENU_MODEL (self->recent_menu);
}

gboolean
_chronicle_window_get_loading (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), FALSE);

  return self->loading;
}

ChronicleViewState *
_chronicle_window_get_view_state (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->view_state;
}

ChronicleEventFilter *
_chronicle_window_get_event_filter (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->filter;
}

ChronicleSearchBar *
_chronicle_window_get_search_bar (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->search_bar;
}

ChronicleViewSwitcher *
_chronicle_window_get_view_switcher (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->view_switcher;
}

ChronicleFilterPopover *
_chronicle_window_get_filter_popover (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->filter_popover;
}

ChronicleGoToDatePopover *
_chronicle_window_get_go_to_date_popover (ChronicleWindow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_WINDOW (self), NULL);

  return self->go_to_date_popover;
}

void
_chronicle_window_set_view_options (ChronicleWindow            *self,
                                    const ChronicleViewOptions *options)
{
  g_return_if_fail (CHRONICLE_IS_WINDOW (self));
  g_return_if_fail (options != NULL);

  chronicle_view_options_clear (&self->view_options);
  self->view_options.view = g_strdup (options->view);
  self->view_options.from = g_strdup (options->from);
  self->view_options.to = g_strdup (options->to);
  self->view_options.kinds = g_strdupv (options->kinds);
  self->view_options.actors = g_strdupv (options->actors);
  self->view_options.search = g_strdup (options->search);
  self->has_view_options = TRUE;
}
