/* chronicle-search-bar.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-search-bar"

#include "config.h"

#include "chronicle-search-bar.h"

#include <glib/gi18n.h>

struct _ChronicleSearchBar
{
  GtkWidget             parent_instance;

  /* Template children */
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *entry;
  GtkLabel             *counter_label;
  GtkToggleButton      *hide_button;

  ChronicleEventFilter *filter;
  ChronicleViewState   *state;
  GtkSingleSelection   *selection;

  /* Set while the entry or the toggle follows the state, so that the
   * change does not go back to it. */
  guint                 syncing : 1;
};

G_DEFINE_FINAL_TYPE (ChronicleSearchBar, chronicle_search_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FILTER,
  PROP_SELECTION,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
chronicle_search_bar_update_counter (ChronicleSearchBar *self)
{
  g_autofree char *text = NULL;
  const char *query = NULL;
  guint n_matches = 0;
  guint index = G_MAXUINT;

  g_assert (CHRONICLE_IS_SEARCH_BAR (self));

  if (self->filter != NULL)
    {
      query = chronicle_view_state_get_text (self->state);
      n_matches = chronicle_event_filter_get_n_matches (self->filter);
    }

  if (n_matches > 0 && self->selection != NULL &&
      gtk_single_selection_get_model (self->selection) == G_LIST_MODEL (self->filter))
    {
      guint selected = gtk_single_selection_get_selected (self->selection);

      if (selected != GTK_INVALID_LIST_POSITION)
        {
          guint position = chronicle_event_filter_get_timeline_position (self->filter, selected);

          if (position != G_MAXUINT)
            index = chronicle_event_filter_get_match_index (self->filter, position);
        }
    }

  if (query == NULL)
    text = g_strdup ("");
  else if (self->filter != NULL && chronicle_event_filter_get_search_pending (self->filter))
    /* Translators: the search counter while a big timeline is still being indexed */
    text = g_strdup (_("Searching…"));
  else if (n_matches == 0)
    text = g_strdup (_("No matches"));
  else if (index != G_MAXUINT)
    /* Translators: the search counter, "3 of 40": the selected match and how many there are */
    text = g_strdup_printf (_("%u of %u"), index + 1, n_matches);
  else
    /* Translators: the search counter when no match is selected */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u match", "%u matches", n_matches), n_matches);

  gtk_label_set_text (self->counter_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->counter_label), query != NULL);

  /* The entry turns red when nothing matches, as in GNOME Text Editor. */
  if (query != NULL && n_matches == 0 &&
      !(self->filter != NULL && chronicle_event_filter_get_search_pending (self->filter)))
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.next", n_matches > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.previous", n_matches > 0);
}

static void
chronicle_search_bar_sync_from_state (ChronicleSearchBar *self)
{
  const char *text = NULL;
  gboolean hide = TRUE;

  g_assert (CHRONICLE_IS_SEARCH_BAR (self));

  if (self->state != NULL)
    {
      text = chronicle_view_state_get_text (self->state);
      hide = chronicle_view_state_get_hide_non_matching (self->state);
    }

  self->syncing = TRUE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  gtk_toggle_button_set_active (self->hide_button, hide);

  /* A view with a search text shows it. */
  if (text != NULL)
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);

  self->syncing = FALSE;
}

static void
on_state_notify_cb (ChronicleSearchBar *self,
                    GParamSpec         *pspec,
                    ChronicleViewState *state)
{
  g_assert (CHRONICLE_IS_SEARCH_BAR (self));

  chronicle_search_bar_sync_from_state (self);
  /* A new text can leave the matches as they were (none before, none
   * now), and then the filter says nothing. */
  chronicle_search_bar_update_counter (self);
}

static void
on_filter_changed_cb (ChronicleSearchBar   *self,
                      ChronicleEventFilter *filter)
{
  g_assert (CHRONICLE_IS_SEARCH_BAR (self));

  chronicle_search_bar_update_counter (self);
}

static void
on_selection_notify_selected_cb (ChronicleSearchBar *self,
                                 GParamSpec         *pspec,
                                 GtkSingleSelection *selection)
{
  g_assert (CHRONICLE_IS_SEARCH_BAR (self));

  chronicle_search_bar_update_counter (self);
}

static void
on_search_bar_search_mode_cb (ChronicleSearchBar *self,
                              GParamSpec         *pspec,
                              GtkSearchBar       *search_bar)
{
  g_assert (CHRONICLE_IS_SEARCH_BAR (self));

  /* Closing the bar ends the search. */
  if (!gtk_search_bar_get_search_mode (search_bar) && self->state != NULL)
    chronicle_view_state_set_text (self->state, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
on_entry_search_changed_cb (ChronicleSearchBar *self,
                            GtkSearchEntry     *entry)
{
  g_assert (CHRONICLE_IS_SEARCH_BAR (self));

  if (self->syncing || self->state == NULL)
    return;

  chronicle_view_state_set_text (self->state, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
chronicle_search_bar_flush_text (ChronicleSearchBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));

  /* Enter right after typing must not wait for the entry's delay. */
  if (self->state != NULL && !self->syncing)
    chronicle_view_state_set_text (self->state, text);
}

static void
on_entry_activate_cb (ChronicleSearchBar *self,
                      GtkSearchEntry     *entry)
{
  g_assert (CHRONICLE_IS_SEARCH_BAR (self));

  chronicle_search_bar_flush_text (self);
  chronicle_search_bar_select_next_match (self, TRUE);
}

static void
on_entry_next_match_cb (ChronicleSearchBar *self,
                        GtkSearchEntry     *entry)
{
  g_assert (CHRONICLE_IS_SEARCH_BAR (self));

  chronicle_search_bar_flush_text (self);
  chronicle_search_bar_select_next_match (self, TRUE);
}

static void
on_entry_previous_match_cb (ChronicleSearchBar *self,
                            GtkSearchEntry     *entry)
{
  g_assert (CHRONICLE_IS_SEARCH_BAR (self));

  chronicle_search_bar_flush_text (self);
  chronicle_search_bar_select_next_match (self, FALSE);
}

static void
on_hide_button_active_cb (ChronicleSearchBar *self,
                          GParamSpec         *pspec,
                          GtkToggleButton    *button)
{
  g_assert (CHRONICLE_IS_SEARCH_BAR (self));

  if (self->syncing || self->state == NULL)
    return;

  chronicle_view_state_set_hide_non_matching (self->state, gtk_toggle_button_get_active (button));
}

static void
chronicle_search_bar_next_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  ChronicleSearchBar *self = CHRONICLE_SEARCH_BAR (widget);

  chronicle_search_bar_flush_text (self);
  chronicle_search_bar_select_next_match (self, g_str_equal (action_name, "search.next"));
}

static void
chronicle_search_bar_dispose (GObject *object)
{
  ChronicleSearchBar *self = CHRONICLE_SEARCH_BAR (object);

  chronicle_search_bar_set_filter (self, NULL);
  chronicle_search_bar_set_selection (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_SEARCH_BAR);

  G_OBJECT_CLASS (chronicle_search_bar_parent_class)->dispose (object);
}

static void
chronicle_search_bar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChronicleSearchBar *self = CHRONICLE_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;

    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, chronicle_search_bar_get_search_mode (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_search_bar_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChronicleSearchBar *self = CHRONICLE_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      chronicle_search_bar_set_filter (self, g_value_get_object (value));
      break;

    case PROP_SELECTION:
      chronicle_search_bar_set_selection (self, g_value_get_object (value));
      break;

    case PROP_SEARCH_MODE:
      chronicle_search_bar_set_search_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_search_bar_class_init (ChronicleSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_search_bar_dispose;
  object_class->get_property = chronicle_search_bar_get_property;
  object_class->set_property = chronicle_search_bar_set_property;

  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         CHRONICLE_TYPE_EVENT_FILTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL,
                         GTK_TYPE_SINGLE_SELECTION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronicle/Chronicle/ui/chronicle-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleSearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSearchBar, entry);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSearchBar, counter_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleSearchBar, hide_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_hide_button_active_cb);

  gtk_widget_class_install_action (widget_class, "search.next", NULL, chronicle_search_bar_next_action);
  gtk_widget_class_install_action (widget_class, "search.previous", NULL, chronicle_search_bar_next_action);

  gtk_widget_class_set_css_name (widget_class, "chroniclesearchbar");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
chronicle_search_bar_init (ChronicleSearchBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_bar_search_mode_cb),
                           self, G_CONNECT_SWAPPED);

  chronicle_search_bar_sync_from_state (self);
  chronicle_search_bar_update_counter (self);
}

GtkWidget *
chronicle_search_bar_new (void)
{
  return g_object_new (CHRONICLE_TYPE_SEARCH_BAR, NULL);
}

ChronicleEventFilter *
chronicle_search_bar_get_filter (ChronicleSearchBar *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SEARCH_BAR (self), NULL);

  return self->filter;
}

void
chronicle_search_bar_set_filter (ChronicleSearchBar   *self,
                                 ChronicleEventFilter *filter)
{
  g_return_if_fail (CHRONICLE_IS_SEARCH_BAR (self));
  g_return_if_fail (filter == NULL || CHRONICLE_IS_EVENT_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->filter, self);
      g_signal_handlers_disconnect_by_data (self->state, self);
    }

  g_set_object (&self->filter, filter);
  g_clear_object (&self->state);
  if (filter != NULL)
    self->state = g_object_ref (chronicle_event_filter_get_view_state (filter));

  if (self->filter != NULL)
    {
      g_signal_connect_object (self->filter, "changed",
                               G_CALLBACK (on_filter_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->state, "notify::text",
                               G_CALLBACK (on_state_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->state, "notify::hide-non-matching",
                               G_CALLBACK (on_state_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }

  chronicle_search_bar_sync_from_state (self);
  chronicle_search_bar_update_counter (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

GtkSingleSelection *
chronicle_search_bar_get_selection (ChronicleSearchBar *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SEARCH_BAR (self), NULL);

  return self->selection;
}

void
chronicle_search_bar_set_selection (ChronicleSearchBar *self,
                                    GtkSingleSelection *selection)
{
  g_return_if_fail (CHRONICLE_IS_SEARCH_BAR (self));
  g_return_if_fail (selection == NULL || GTK_IS_SINGLE_SELECTION (selection));

  if (self->selection == selection)
    return;

  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  g_set_object (&self->selection, selection);

  if (self->selection != NULL)
    g_signal_connect_object (self->selection, "notify::selected",
                             G_CALLBACK (on_selection_notify_selected_cb),
                             self, G_CONNECT_SWAPPED);

  chronicle_search_bar_update_counter (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTION]);
}

gboolean
chronicle_search_bar_get_search_mode (ChronicleSearchBar *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SEARCH_BAR (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
chronicle_search_bar_set_search_mode (ChronicleSearchBar *self,
                                      gboolean            search_mode)
{
  g_return_if_fail (CHRONICLE_IS_SEARCH_BAR (self));

  /* The search bar notifies, and we with it. */
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

void
chronicle_search_bar_set_key_capture_widget (ChronicleSearchBar *self,
                                             GtkWidget          *widget)
{
  g_return_if_fail (CHRONICLE_IS_SEARCH_BAR (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  gtk_search_bar_set_key_capture_widget (self->search_bar, widget);
}

void
chronicle_search_bar_start (ChronicleSearchBar *self)
{
  g_return_if_fail (CHRONICLE_IS_SEARCH_BAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

gboolean
chronicle_search_bar_select_next_match (ChronicleSearchBar *self,
                                        gboolean            forward)
{
  guint selected;
  guint position = G_MAXUINT;
  guint next;
  guint model_position;

  g_return_val_if_fail (CHRONICLE_IS_SEARCH_BAR (self), FALSE);

  if (self->filter == NULL || self->selection == NULL ||
      gtk_single_selection_get_model (self->selection) != G_LIST_MODEL (self->filter))
    return FALSE;

  selected = gtk_single_selection_get_selected (self->selection);
  if (selected != GTK_INVALID_LIST_POSITION)
    position = chronicle_event_filter_get_timeline_position (self->filter, selected);

  next = chronicle_event_filter_find_next_match (self->filter, position, forward);
  if (next == G_MAXUINT)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  model_position = chronicle_event_filter_get_model_position (self->filter, next);
  g_return_val_if_fail (model_position != G_MAXUINT, FALSE);

  gtk_single_selection_set_selected (self->selection, model_position);

  return TRUE;
}

GtkEditable *
chronicle_search_bar_get_entry (ChronicleSearchBar *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SEARCH_BAR (self), NULL);

  return GTK_EDITABLE (self->entry);
}

const char *
chronicle_search_bar_get_counter_text (ChronicleSearchBar *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SEARCH_BAR (self), NULL);

  return gtk_label_get_text (self->counter_label);
}
