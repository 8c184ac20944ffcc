/* chronicle-view-switcher.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-view-switcher"

#include "config.h"

#include "chronicle-view-switcher.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "chronicle-saved-views.h"

/* A saved time window shorter than this keeps minutes, else days. */
#define WINDOW_MINUTES_LIMIT (3 * 24 * 60 * 60)

typedef enum
{
  ORIGIN_ALL,
  ORIGIN_FILE,
  ORIGIN_LOCAL,
} Origin;

/* What a row of the list holds, kept on the row. */
typedef struct
{
  Origin    origin;
  char     *id;      /* "" for All Events */
  GtkImage *check;
} ViewRow;

typedef enum
{
  OPERATION_SAVE,
  OPERATION_RENAME,
  OPERATION_DELETE,
} Operation;

/* One save, rename or delete, from the dialog to the end of the write. */
typedef struct
{
  ChronicleViewSwitcher *self;
  ChronicleTimeline     *timeline;  /* the document it was for */
  Operation              operation;
  char                  *id;        /* the view renamed or deleted */
  GtkEditable           *entry;     /* the dialog's, while it shows */
  GtkCheckButton        *keep_window;
  ChronicleViewState    *saved;     /* the state as saved */
  ChronicleView         *view;      /* the view written */
} OperationData;

struct _ChronicleViewSwitcher
{
  GtkWidget              parent_instance;

  /* Template children */
  GtkMenuButton         *button;
  GtkPopover            *popover;
  GtkLabel              *title_label;
  GtkLabel              *count_label;
  GtkListBox            *list;

  ChronicleEventFilter  *filter;
  ChronicleViewState    *state;
  ChronicleTimeline     *timeline;
  GFile                 *file;
  GListStore            *local_views;
  GCancellable          *cancellable;
  GWeakRef               timeline_view;

  guint                  saves_to_file : 1;
};

G_DEFINE_FINAL_TYPE (ChronicleViewSwitcher, chronicle_view_switcher, GTK_TYPE_WIDGET)

enum {
  VIEW_APPLIED,
  MESSAGE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define VIEW_ROW_KEY "chronicle-view-row"

static void
view_row_free (ViewRow *row)
{
  g_free (row->id);
  g_free (row);
}

static ViewRow *
get_view_row (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), VIEW_ROW_KEY);
}

static void
operation_data_free (OperationData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->timeline);
  g_clear_object (&data->saved);
  g_clear_object (&data->view);
  g_clear_pointer (&data->id, g_free);
  g_free (data);
}

static void
operation_data_closure_free (gpointer  data,
                             GClosure *closure)
{
  operation_data_free (data);
}

static ChronicleView *
find_view (GListModel *views,
           const char *id,
           guint      *position)
{
  guint n_views = views != NULL ? g_list_model_get_n_items (views) : 0;

  for (guint i = 0; i < n_views; i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);

      if (g_strcmp0 (chronicle_view_get_id (view), id) == 0)
        {
          if (position != NULL)
            *position = i;
          return view;  /* the model keeps its reference */
        }
    }

  return NULL;
}

static ChronicleView *
chronicle_view_switcher_lookup (ChronicleViewSwitcher *self,
                                const char            *id,
                                Origin                *origin)
{
  ChronicleView *view = NULL;

  if (self->timeline != NULL)
    view = find_view (chronicle_timeline_get_views (self->timeline), id, NULL);
  if (view != NULL)
    {
      if (origin != NULL)
        *origin = ORIGIN_FILE;
      return view;
    }

  view = find_view (G_LIST_MODEL (self->local_views), id, NULL);
  if (view != NULL && origin != NULL)
    *origin = ORIGIN_LOCAL;

  return view;
}

static const char *
view_title (ChronicleView *view)
{
  const char *title = chronicle_view_get_title (view);

  return title != NULL && *title != '\0' ? title : chronicle_view_get_id (view);
}

static void
chronicle_view_switcher_message (ChronicleViewSwitcher *self,
                                 const char            *message)
{
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

static void
chronicle_view_switcher_update_label (ChronicleViewSwitcher *self)
{
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  gboolean modified = FALSE;
  const char *id;

  g_assert (CHRONICLE_IS_VIEW_SWITCHER (self));

  if (self->filter == NULL)
    {
      gtk_label_set_text (self->title_label, _("All Events"));
      gtk_label_set_text (self->count_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      return;
    }

  id = chronicle_view_state_get_id (self->state);
  if (id == NULL)
    {
      if (chronicle_view_state_is_default (self->state))
        title = g_strdup (_("All Events"));
      else
        /* Translators: the view switcher's label when filters or a search apply but no named view */
        title = g_strdup (_("Filtered Events"));
    }
  else
    {
      ChronicleView *view = chronicle_view_switcher_lookup (self, id, NULL);
      const char *name = chronicle_view_state_get_title (self->state);

      if (name == NULL || *name == '\0')
        name = id;

      if (view != NULL)
        {
          g_autoptr(ChronicleViewState) stored = chronicle_view_state_new_from_view (view);

          modified = !chronicle_view_state_equal (stored, self->state);
        }

      title = g_strdup (name);
    }

  {
    guint n_total = chronicle_timeline_get_n_events (self->timeline);
    guint n_shown = chronicle_event_filter_get_n_shown (self->filter);

    if (n_shown == n_total)
      /* Translators: how many events the chosen view holds, when it holds them all */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_total), n_total);
    else
      /* Translators: how many events the chosen view holds: "12 of 15 events" */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u event", "%u of %u events", n_total),
                               n_shown, n_total);

    if (modified)
      {
        g_autofree char *plain = g_steal_pointer (&count);

        /* Translators: "4 of 15 events · changed": the filters of the chosen
         * view were changed after choosing it */
        count = g_strdup_printf (_("%s · changed"), plain);
      }
  }

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), title);

  {
    /* Translators: the accessible name of the view switcher: the view's title, then how many events it holds */
    g_autofree char *accessible = g_strdup_printf (_("View: %s, %s"), title, count);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
  }
}

static void
chronicle_view_switcher_update_checks (ChronicleViewSwitcher *self)
{
  const char *id = self->state != NULL ? chronicle_view_state_get_id (self->state) : NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ViewRow *row = get_view_row (child);
      gboolean active;

      if (row == NULL)
        continue;

      active = g_strcmp0 (row->id, id != NULL ? id : "") == 0;
      gtk_widget_set_opacity (GTK_WIDGET (row->check), active ? 1.0 : 0.0);
      if (active)
        gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_SELECTED, TRUE, -1);
      else
        gtk_accessible_reset_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_SELECTED);
    }
}

static GtkWidget *
chronicle_view_switcher_create_row (ChronicleViewSwitcher *self,
                                    Origin                 origin,
                                    const char            *id,
                                    const char            *title,
                                    gboolean               editable)
{
  ViewRow *row = g_new0 (ViewRow, 1);
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  GtkWidget *label = gtk_label_new (title);

  row->origin = origin;
  row->id = g_strdup (id);
  row->check = GTK_IMAGE (check);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, editable ? 2 : 8);
  gtk_widget_set_margin_bottom (box, editable ? 2 : 8);

  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chosen"),
                                  -1);
  gtk_box_append (GTK_BOX (box), check);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);

  if (editable)
    {
      GtkWidget *rename = gtk_button_new_from_icon_name ("document-edit-symbolic");
      GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_actionable_set_action_name (GTK_ACTIONABLE (rename), "views.rename");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (rename), "s", id);
      gtk_widget_set_tooltip_text (rename, _("Rename View"));
      gtk_widget_add_css_class (rename, "flat");
      gtk_widget_add_css_class (rename, "circular");
      gtk_widget_set_valign (rename, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), rename);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "views.delete");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (delete), "s", id);
      gtk_widget_set_tooltip_text (delete, _("Delete View"));
      gtk_widget_add_css_class (delete, "flat");
      gtk_widget_add_css_class (delete, "circular");
      gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), delete);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  g_object_set_data_full (G_OBJECT (list_row), VIEW_ROW_KEY, row, (GDestroyNotify) view_row_free);

  return list_row;
}

static void
chronicle_view_switcher_rebuild (ChronicleViewSwitcher *self)
{
  GListModel *views;
  GtkWidget *child;

  g_assert (CHRONICLE_IS_VIEW_SWITCHER (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  /* "All Events" always comes first. */
  gtk_list_box_append (self->list,
                       chronicle_view_switcher_create_row (self, ORIGIN_ALL, "", _("All Events"), FALSE));

  if (self->timeline != NULL)
    {
      views = chronicle_timeline_get_views (self->timeline);
      for (guint i = 0; i < g_list_model_get_n_items (views); i++)
        {
          g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);

          gtk_list_box_append (self->list,
                               chronicle_view_switcher_create_row (self, ORIGIN_FILE,
                                                                   chronicle_view_get_id (view),
                                                                   view_title (view),
                                                                   self->saves_to_file));
        }
    }

  views = G_LIST_MODEL (self->local_views);
  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);

      /* A view of the file with the same id hides this one. */
      if (self->timeline != NULL &&
          find_view (chronicle_timeline_get_views (self->timeline), chronicle_view_get_id (view), NULL) != NULL)
        continue;

      gtk_list_box_append (self->list,
                           chronicle_view_switcher_create_row (self, ORIGIN_LOCAL,
                                                               chronicle_view_get_id (view),
                                                               view_title (view),
                                                               TRUE));
    }

  chronicle_view_switcher_update_checks (self);
}

static void
update_header (GtkListBoxRow *list_row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  ViewRow *row = get_view_row (GTK_WIDGET (list_row));
  ViewRow *previous = before != NULL ? get_view_row (GTK_WIDGET (before)) : NULL;
  const char *text = NULL;

  if (row != NULL && (previous == NULL || previous->origin != row->origin))
    {
      if (row->origin == ORIGIN_FILE)
        /* Translators: a heading over the views that the timeline file defines */
        text = _("In the File");
      else if (row->origin == ORIGIN_LOCAL)
        /* Translators: a heading over the views kept in the user's data folder */
        text = _("On This Computer");
    }

  if (text == NULL)
    {
      gtk_list_box_row_set_header (list_row, NULL);
    }
  else
    {
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_header (list_row, label);
    }
}

static void
on_state_changed_cb (ChronicleViewSwitcher    *self,
                     ChronicleViewStateChange  changes,
                     ChronicleViewState       *state)
{
  g_assert (CHRONICLE_IS_VIEW_SWITCHER (self));

  chronicle_view_switcher_update_label (self);
  if (changes & CHRONICLE_VIEW_STATE_CHANGE_NAME)
    chronicle_view_switcher_update_checks (self);
}

static void
on_filter_n_shown_cb (ChronicleViewSwitcher *self,
                      GParamSpec            *pspec,
                      ChronicleEventFilter  *filter)
{
  g_assert (CHRONICLE_IS_VIEW_SWITCHER (self));

  chronicle_view_switcher_update_label (self);
}

static void
on_views_changed_cb (ChronicleViewSwitcher *self,
                     guint                  position,
                     guint                  removed,
                     guint                  added,
                     GListModel            *views)
{
  g_assert (CHRONICLE_IS_VIEW_SWITCHER (self));

  chronicle_view_switcher_rebuild (self);
  chronicle_view_switcher_update_label (self);
}

static void
on_list_row_activated_cb (ChronicleViewSwitcher *self,
                          GtkListBoxRow         *list_row,
                          GtkListBox            *list)
{
  ViewRow *row = get_view_row (GTK_WIDGET (list_row));

  g_assert (CHRONICLE_IS_VIEW_SWITCHER (self));

  if (row != NULL)
    chronicle_view_switcher_apply_view (self, row->id);
}

static void
chronicle_view_switcher_update_actions (ChronicleViewSwitcher *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "views.save", self->filter != NULL && self->file != NULL);
}

static gboolean
chronicle_view_switcher_save_local (ChronicleViewSwitcher  *self,
                                    GError                **error)
{
  return chronicle_saved_views_save_local (self->file, G_LIST_MODEL (self->local_views), error);
}

/* After an operation wrote the data folder or the file: the model and
 * the state follow, unless another timeline came meanwhile. */
static void
chronicle_view_switcher_finish_operation (ChronicleViewSwitcher *self,
                                          OperationData         *data,
                                          gboolean               in_file)
{
  const char *state_id;

  if (data->timeline != self->timeline)
    return;

  state_id = chronicle_view_state_get_id (self->state);

  switch (data->operation)
    {
    case OPERATION_SAVE:
      if (in_file)
        chronicle_timeline_add_view (self->timeline, data->view);
      /* The view saved is now the chosen one. */
      chronicle_view_state_assign (self->state, data->saved, FALSE);
      break;

    case OPERATION_RENAME:
      if (in_file)
        chronicle_timeline_add_view (self->timeline, data->view);
      if (g_strcmp0 (state_id, data->id) == 0)
        chronicle_view_state_set_title (self->state, chronicle_view_get_title (data->view));
      break;

    case OPERATION_DELETE:
      if (in_file)
        chronicle_timeline_remove_view (self->timeline, data->id);
      /* The filters stay, without a view to belong to. */
      if (g_strcmp0 (state_id, data->id) == 0)
        {
          chronicle_view_state_freeze (self->state);
          chronicle_view_state_set_id (self->state, NULL);
          chronicle_view_state_set_title (self->state, NULL);
          chronicle_view_state_thaw (self->state);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  chronicle_view_switcher_rebuild (self);
  chronicle_view_switcher_update_label (self);
}

static gboolean
chronicle_view_switcher_run_local (ChronicleViewSwitcher *self,
                                   OperationData         *data)
{
  g_autoptr(GError) error = NULL;
  guint position = 0;

  switch (data->operation)
    {
    case OPERATION_SAVE:
      g_list_store_append (self->local_views, data->view);
      break;

    case OPERATION_RENAME:
      if (find_view (G_LIST_MODEL (self->local_views), data->id, &position) == NULL)
        return FALSE;
      g_list_store_splice (self->local_views, position, 1, (gpointer *) &data->view, 1);
      break;

    case OPERATION_DELETE:
      if (find_view (G_LIST_MODEL (self->local_views), data->id, &position) == NULL)
        return FALSE;
      g_list_store_remove (self->local_views, position);
      break;

    default:
      g_assert_not_reached ();
    }

  if (!chronicle_view_switcher_save_local (self, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says what went wrong */
      message = g_strdup_printf (_("Could not keep the views: %s"), error->message);
      chronicle_view_switcher_message (self, message);
      return FALSE;
    }

  chronicle_view_switcher_finish_operation (self, data, FALSE);

  return TRUE;
}

static void
on_file_updated_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  OperationData *data = user_data;
  ChronicleViewSwitcher *self = data->self;
  g_autoptr(GListModel) views = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  views = chronicle_saved_views_update_file_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      operation_data_free (data);
      return;
    }

  if (views == NULL &&
      g_error_matches (error, CHRONICLE_SAVED_VIEWS_ERROR, CHRONICLE_SAVED_VIEWS_ERROR_LOSSY) &&
      data->operation == OPERATION_SAVE &&
      data->timeline == self->timeline)
    {
      /* The view is not lost: it goes to the data folder instead. */
      if (chronicle_view_switcher_run_local (self, data))
        {
          /* Translators: %s says why the file was not changed */
          message = g_strdup_printf (_("Kept on this computer: %s"), error->message);
          chronicle_view_switcher_message (self, message);
        }
      operation_data_free (data);
      return;
    }

  if (views == NULL)
    {
      /* Translators: %s says what went wrong */
      message = g_strdup_printf (_("Could not change the file: %s"), error->message);
      chronicle_view_switcher_message (self, message);
      operation_data_free (data);
      return;
    }

  chronicle_view_switcher_finish_operation (self, data, TRUE);

  if (data->operation == OPERATION_SAVE)
    chronicle_view_switcher_message (self, _("View saved"));

  operation_data_free (data);
}

static void
chronicle_view_switcher_run (ChronicleViewSwitcher *self,
                             OperationData         *data,
                             Origin                 origin)
{
  if (origin == ORIGIN_LOCAL || !self->saves_to_file)
    {
      if (chronicle_view_switcher_run_local (self, data) && data->operation == OPERATION_SAVE)
        chronicle_view_switcher_message (self, _("View saved on this computer"));
      operation_data_free (data);
      return;
    }

  chronicle_saved_views_update_file_async (self->file,
                                           data->operation == OPERATION_DELETE ? NULL : data->view,
                                           data->operation == OPERATION_DELETE ? data->id : NULL,
                                           self->cancellable,
                                           on_file_updated_cb,
                                           data);
}

static void
on_dialog_entry_changed_cb (GtkEditable      *entry,
                            AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  const char *response = adw_message_dialog_get_default_response (dialog);

  adw_message_dialog_set_response_enabled (dialog, response, *text != '\0');
}

/* A dialog with an entry for a view's title. */
static AdwMessageDialog *
chronicle_view_switcher_create_title_dialog (ChronicleViewSwitcher  *self,
                                             const char             *heading,
                                             const char             *body,
                                             const char             *title,
                                             const char             *response,
                                             const char             *response_label,
                                             GtkWidget              *extra,
                                             GtkEditable           **out_entry)
{
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  gtk_editable_set_text (GTK_EDITABLE (entry), title != NULL ? title : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Name of the view"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"),
                                  -1);
  gtk_box_append (GTK_BOX (box), entry);
  if (extra != NULL)
    gtk_box_append (GTK_BOX (box), extra);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_object (entry, "changed",
                           G_CALLBACK (on_dialog_entry_changed_cb),
                           dialog, G_CONNECT_DEFAULT);
  on_dialog_entry_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));

  *out_entry = GTK_EDITABLE (entry);

  return ADW_MESSAGE_DIALOG (dialog);
}

/* The time span the timeline shows, for a saved view. */
static void
chronicle_view_switcher_take_window (ChronicleViewSwitcher *self,
                                     ChronicleViewState    *state)
{
  g_autoptr(ChronicleTimelineView) timeline_view = g_weak_ref_get (&self->timeline_view);
  ChronicleTimePrecision precision;
  ChronicleTime from;
  ChronicleTime to;
  GTimeZone *tz;
  gint64 start;
  gint64 duration;

  if (timeline_view == NULL)
    return;

  start = chronicle_timeline_view_get_visible_start (timeline_view);
  duration = chronicle_timeline_view_get_visible_duration (timeline_view);
  if (duration <= 0)
    return;

  tz = chronicle_timeline_get_time_zone (self->timeline);
  precision = duration < WINDOW_MINUTES_LIMIT ? CHRONICLE_TIME_PRECISION_MINUTE : CHRONICLE_TIME_PRECISION_DAY;
  chronicle_time_init_from_instant (&from, start, precision, tz);
  /* "to" names the period the window ends in. */
  chronicle_time_init_from_instant (&to, start + duration - 1, precision, tz);

  chronicle_view_state_set_window_from (state, &from);
  chronicle_view_state_set_window_to (state, &to);
}

static void
on_save_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            OperationData    *closure_data)
{
  ChronicleViewSwitcher *self = closure_data->self;
  g_autofree char *title = NULL;
  g_autofree char *id = NULL;
  OperationData *data;

  if (!g_str_equal (response, "save") || self->filter == NULL || closure_data->timeline != self->timeline)
    return;

  title = g_strstrip (g_strdup (gtk_editable_get_text (closure_data->entry)));
  if (*title == '\0')
    return;

  id = chronicle_saved_views_make_id (title,
                                      chronicle_timeline_get_views (self->timeline),
                                      G_LIST_MODEL (self->local_views));

  data = g_new0 (OperationData, 1);
  data->self = g_object_ref (self);
  data->timeline = g_object_ref (self->timeline);
  data->operation = OPERATION_SAVE;
  data->saved = chronicle_view_state_copy (self->state);

  chronicle_view_state_freeze (data->saved);
  chronicle_view_state_set_id (data->saved, id);
  chronicle_view_state_set_title (data->saved, title);
  chronicle_view_state_set_window_from (data->saved, NULL);
  chronicle_view_state_set_window_to (data->saved, NULL);
  if (gtk_check_button_get_active (closure_data->keep_window))
    chronicle_view_switcher_take_window (self, data->saved);
  chronicle_view_state_thaw (data->saved);

  data->view = chronicle_view_state_to_view (data->saved, NULL);

  chronicle_view_switcher_run (self, data, ORIGIN_FILE);
}

static void
chronicle_view_switcher_save_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  ChronicleViewSwitcher *self = CHRONICLE_VIEW_SWITCHER (widget);
  g_autofree char *file_name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  OperationData *data;
  GtkWidget *keep_window;
  const char *title = NULL;

  if (self->filter == NULL || self->file == NULL)
    return;

  gtk_popover_popdown (self->popover);

  /* Asked again each time: the file may have changed hands meanwhile. */
  self->saves_to_file = chronicle_saved_views_can_write_file (self->file);

  file_name = g_file_get_basename (self->file);
  if (self->saves_to_file)
    /* Translators: %s is a file name */
    body = g_strdup_printf (_("The view is added to “%s”. Nothing else in the file changes."), file_name);
  else
    body = g_strdup (_("The timeline file cannot be changed, so the view is kept for it on this computer."));

  if (chronicle_view_state_get_id (self->state) != NULL)
    title = chronicle_view_state_get_title (self->state);

  keep_window = gtk_check_button_new_with_mnemonic (_("Remember the _time span shown"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (keep_window), TRUE);

  data = g_new0 (OperationData, 1);
  data->self = g_object_ref (self);
  data->timeline = g_object_ref (self->timeline);
  data->keep_window = GTK_CHECK_BUTTON (keep_window);

  dialog = chronicle_view_switcher_create_title_dialog (self, _("Save View"), body, title,
                                                        "save", _("_Save"), keep_window, &data->entry);
  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (on_save_dialog_response_cb),
                         data, operation_data_closure_free, G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_rename_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              OperationData    *closure_data)
{
  ChronicleViewSwitcher *self = closure_data->self;
  g_autofree char *title = NULL;
  OperationData *data;
  ChronicleView *view;
  Origin origin;

  if (!g_str_equal (response, "rename") || closure_data->timeline != self->timeline)
    return;

  view = chronicle_view_switcher_lookup (self, closure_data->id, &origin);
  title = g_strstrip (g_strdup (gtk_editable_get_text (closure_data->entry)));
  if (view == NULL || *title == '\0')
    return;

  data = g_new0 (OperationData, 1);
  data->self = g_object_ref (self);
  data->timeline = g_object_ref (self->timeline);
  data->operation = OPERATION_RENAME;
  data->id = g_strdup (closure_data->id);
  data->view = chronicle_view_copy (view);
  chronicle_view_set_title (data->view, title);

  chronicle_view_switcher_run (self, data, origin);
}

static void
chronicle_view_switcher_rename_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ChronicleViewSwitcher *self = CHRONICLE_VIEW_SWITCHER (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  AdwMessageDialog *dialog;
  OperationData *data;
  ChronicleView *view;

  view = chronicle_view_switcher_lookup (self, id, NULL);
  if (view == NULL)
    return;

  gtk_popover_popdown (self->popover);

  data = g_new0 (OperationData, 1);
  data->self = g_object_ref (self);
  data->timeline = g_object_ref (self->timeline);
  data->id = g_strdup (id);

  dialog = chronicle_view_switcher_create_title_dialog (self, _("Rename View"), NULL, view_title (view),
                                                        "rename", _("_Rename"), NULL, &data->entry);
  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (on_rename_dialog_response_cb),
                         data, operation_data_closure_free, G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              OperationData    *closure_data)
{
  ChronicleViewSwitcher *self = closure_data->self;
  OperationData *data;
  Origin origin;

  if (!g_str_equal (response, "delete") || closure_data->timeline != self->timeline)
    return;

  if (chronicle_view_switcher_lookup (self, closure_data->id, &origin) == NULL)
    return;

  data = g_new0 (OperationData, 1);
  data->self = g_object_ref (self);
  data->timeline = g_object_ref (self->timeline);
  data->operation = OPERATION_DELETE;
  data->id = g_strdup (closure_data->id);

  chronicle_view_switcher_run (self, data, origin);
}

static void
chronicle_view_switcher_delete_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ChronicleViewSwitcher *self = CHRONICLE_VIEW_SWITCHER (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  OperationData *data;
  ChronicleView *view;
  Origin origin;

  view = chronicle_view_switcher_lookup (self, id, &origin);
  if (view == NULL)
    return;

  gtk_popover_popdown (self->popover);

  /* Translators: %s is the title of a view */
  heading = g_strdup_printf (_("Delete “%s”?"), view_title (view));
  if (origin == ORIGIN_FILE)
    {
      g_autofree char *file_name = g_file_get_basename (self->file);

      /* Translators: %s is a file name */
      body = g_strdup_printf (_("The view is removed from “%s”. Its events stay."), file_name);
    }
  else
    {
      body = g_strdup (_("The view is removed from this computer. Its events stay."));
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  data = g_new0 (OperationData, 1);
  data->self = g_object_ref (self);
  data->timeline = g_object_ref (self->timeline);
  data->id = g_strdup (id);

  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (on_delete_dialog_response_cb),
                         data, operation_data_closure_free, G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chronicle_view_switcher_apply_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  chronicle_view_switcher_apply_view (CHRONICLE_VIEW_SWITCHER (widget),
                                      g_variant_get_string (parameter, NULL));
}

static void
chronicle_view_switcher_dispose (GObject *object)
{
  ChronicleViewSwitcher *self = CHRONICLE_VIEW_SWITCHER (object);

  g_cancellable_cancel (self->cancellable);
  chronicle_view_switcher_set_document (self, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_VIEW_SWITCHER);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->local_views);

  G_OBJECT_CLASS (chronicle_view_switcher_parent_class)->dispose (object);
}

static void
chronicle_view_switcher_finalize (GObject *object)
{
  ChronicleViewSwitcher *self = CHRONICLE_VIEW_SWITCHER (object);

  g_weak_ref_clear (&self->timeline_view);

  G_OBJECT_CLASS (chronicle_view_switcher_parent_class)->finalize (object);
}

static void
chronicle_view_switcher_class_init (ChronicleViewSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_view_switcher_dispose;
  object_class->finalize = chronicle_view_switcher_finalize;

  /**
   * ChronicleViewSwitcher::view-applied:
   *
   * Emitted after a view (or All Events) was applied to the view state.
   */
  signals[VIEW_APPLIED] =
    g_signal_new ("view-applied",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);

  /**
   * ChronicleViewSwitcher::message:
   * @text: what happened, for people
   */
  signals[MESSAGE] =
    g_signal_new ("message",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronicle/Chronicle/ui/chronicle-view-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleViewSwitcher, button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleViewSwitcher, popover);
  gtk_widget_class_bind_template_child (widget_class, ChronicleViewSwitcher, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleViewSwitcher, count_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleViewSwitcher, list);
  gtk_widget_class_bind_template_callback (widget_class, on_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "views.apply", "s", chronicle_view_switcher_apply_action);
  gtk_widget_class_install_action (widget_class, "views.save", NULL, chronicle_view_switcher_save_action);
  gtk_widget_class_install_action (widget_class, "views.rename", "s", chronicle_view_switcher_rename_action);
  gtk_widget_class_install_action (widget_class, "views.delete", "s", chronicle_view_switcher_delete_action);

  gtk_widget_class_set_css_name (widget_class, "viewswitcher");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
chronicle_view_switcher_init (ChronicleViewSwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->local_views = g_list_store_new (CHRONICLE_TYPE_VIEW);
  self->cancellable = g_cancellable_new ();
  g_weak_ref_init (&self->timeline_view, NULL);

  gtk_list_box_set_header_func (self->list, update_header, NULL, NULL);

  chronicle_view_switcher_rebuild (self);
  chronicle_view_switcher_update_label (self);
  chronicle_view_switcher_update_actions (self);
}

GtkWidget *
chronicle_view_switcher_new (void)
{
  return g_object_new (CHRONICLE_TYPE_VIEW_SWITCHER, NULL);
}

ChronicleEventFilter *
chronicle_view_switcher_get_filter (ChronicleViewSwitcher *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_SWITCHER (self), NULL);

  return self->filter;
}

GFile *
chronicle_view_switcher_get_file (ChronicleViewSwitcher *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_SWITCHER (self), NULL);

  return self->file;
}

void
chronicle_view_switcher_set_document (ChronicleViewSwitcher *self,
                                      ChronicleEventFilter  *filter,
                                      GFile                 *file)
{
  g_autoptr(GListStore) local_views = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CHRONICLE_IS_VIEW_SWITCHER (self));
  g_return_if_fail (filter == NULL || CHRONICLE_IS_EVENT_FILTER (filter));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->filter != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->filter, self);
      g_signal_handlers_disconnect_by_data (self->state, self);
      g_signal_handlers_disconnect_by_data (chronicle_timeline_get_views (self->timeline), self);
    }

  g_set_object (&self->filter, filter);
  g_set_object (&self->file, file);
  g_clear_object (&self->state);
  g_clear_object (&self->timeline);

  if (self->local_views != NULL)
    g_list_store_remove_all (self->local_views);
  self->saves_to_file = FALSE;

  if (filter != NULL)
    {
      self->state = g_object_ref (chronicle_event_filter_get_view_state (filter));
      self->timeline = g_object_ref (chronicle_event_filter_get_timeline (filter));

      g_signal_connect_object (self->state, "changed",
                               G_CALLBACK (on_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->filter, "notify::n-shown",
                               G_CALLBACK (on_filter_n_shown_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (chronicle_timeline_get_views (self->timeline), "items-changed",
                               G_CALLBACK (on_views_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  if (filter != NULL && file != NULL)
    {
      self->saves_to_file = chronicle_saved_views_can_write_file (file);

      local_views = chronicle_saved_views_load_local (file, chronicle_timeline_get_time_zone (self->timeline),
                                                      &error);
      if (local_views == NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: %s says what went wrong */
          message = g_strdup_printf (_("Could not read the views kept on this computer: %s"), error->message);
          chronicle_view_switcher_message (self, message);
        }
      else
        {
          for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (local_views)); i++)
            {
              g_autoptr(ChronicleView) view = g_list_model_get_item (G_LIST_MODEL (local_views), i);

              g_list_store_append (self->local_views, view);
            }
        }
    }

  if (self->local_views != NULL)
    {
      chronicle_view_switcher_rebuild (self);
      chronicle_view_switcher_update_label (self);
      chronicle_view_switcher_update_actions (self);
    }
}

void
chronicle_view_switcher_set_timeline_view (ChronicleViewSwitcher *self,
                                           ChronicleTimelineView *timeline_view)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_SWITCHER (self));
  g_return_if_fail (timeline_view == NULL || CHRONICLE_IS_TIMELINE_VIEW (timeline_view));

  g_weak_ref_set (&self->timeline_view, timeline_view);
}

GListModel *
chronicle_view_switcher_get_local_views (ChronicleViewSwitcher *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_SWITCHER (self), NULL);

  return G_LIST_MODEL (self->local_views);
}

gboolean
chronicle_view_switcher_get_saves_to_file (ChronicleViewSwitcher *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_SWITCHER (self), FALSE);

  return self->saves_to_file;
}

gboolean
chronicle_view_switcher_apply_view (ChronicleViewSwitcher *self,
                                    const char            *id)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_SWITCHER (self), FALSE);

  if (self->state == NULL)
    return FALSE;

  if (id == NULL || *id == '\0')
    {
      /* All Events keeps the grouping: it is the user's, not a view's. */
      chronicle_view_state_freeze (self->state);
      chronicle_view_state_set_id (self->state, NULL);
      chronicle_view_state_set_title (self->state, NULL);
      chronicle_view_state_clear_filters (self->state);
      chronicle_view_state_set_window_from (self->state, NULL);
      chronicle_view_state_set_window_to (self->state, NULL);
      chronicle_view_state_thaw (self->state);
    }
  else
    {
      ChronicleView *view = chronicle_view_switcher_lookup (self, id, NULL);

      if (view == NULL)
        return FALSE;

      chronicle_view_state_set_from_view (self->state, view);
    }

  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals[VIEW_APPLIED], 0);

  return TRUE;
}

const char *
chronicle_view_switcher_get_title (ChronicleViewSwitcher *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_SWITCHER (self), NULL);

  return gtk_label_get_text (self->title_label);
}

const char *
chronicle_view_switcher_get_count_text (ChronicleViewSwitcher *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_SWITCHER (self), NULL);

  return gtk_label_get_text (self->count_label);
}

void
chronicle_view_switcher_popup (ChronicleViewSwitcher *self)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_SWITCHER (self));

  gtk_menu_button_popup (self->button);
}
