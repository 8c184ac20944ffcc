/* chronicle-go-to-date-popover.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-go-to-date-popover"

#include "config.h"

#include "chronicle-go-to-date-popover.h"

#include <glib/gi18n.h>

#include "chronicle-date-input.h"

struct _ChronicleGoToDatePopover
{
  GtkPopover         parent_instance;

  /* Template children */
  GtkEntry          *entry;
  GtkLabel          *message_label;

  ChronicleTimeline *timeline;
  char              *hint;
};

G_DEFINE_FINAL_TYPE (ChronicleGoToDatePopover, chronicle_go_to_date_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_TIMELINE,
  N_PROPS
};

enum {
  DATE_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
chronicle_go_to_date_popover_show_message (ChronicleGoToDatePopover *self,
                                           const char               *error_message)
{
  GtkWidget *label = GTK_WIDGET (self->message_label);

  if (error_message != NULL)
    {
      gtk_label_set_text (self->message_label, error_message);
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
    }
  else
    {
      gtk_label_set_text (self->message_label, self->hint);
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
    }
}

static void
on_entry_changed_cb (ChronicleGoToDatePopover *self,
                     GtkEditable              *editable)
{
  g_assert (CHRONICLE_IS_GO_TO_DATE_POPOVER (self));

  chronicle_go_to_date_popover_show_message (self, NULL);
}

static void
on_go_button_clicked_cb (ChronicleGoToDatePopover *self,
                         GtkButton                *button)
{
  g_assert (CHRONICLE_IS_GO_TO_DATE_POPOVER (self));

  chronicle_go_to_date_popover_go (self);
}

static void
chronicle_go_to_date_popover_show (GtkWidget *widget)
{
  ChronicleGoToDatePopover *self = CHRONICLE_GO_TO_DATE_POPOVER (widget);

  GTK_WIDGET_CLASS (chronicle_go_to_date_popover_parent_class)->show (widget);

  /* The last date stays, ready to be changed or typed over. */
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static void
chronicle_go_to_date_popover_dispose (GObject *object)
{
  ChronicleGoToDatePopover *self = CHRONICLE_GO_TO_DATE_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_GO_TO_DATE_POPOVER);
  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (chronicle_go_to_date_popover_parent_class)->dispose (object);
}

static void
chronicle_go_to_date_popover_finalize (GObject *object)
{
  ChronicleGoToDatePopover *self = CHRONICLE_GO_TO_DATE_POPOVER (object);

  g_clear_pointer (&self->hint, g_free);

  G_OBJECT_CLASS (chronicle_go_to_date_popover_parent_class)->finalize (object);
}

static void
chronicle_go_to_date_popover_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  ChronicleGoToDatePopover *self = CHRONICLE_GO_TO_DATE_POPOVER (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_go_to_date_popover_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  ChronicleGoToDatePopover *self = CHRONICLE_GO_TO_DATE_POPOVER (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      chronicle_go_to_date_popover_set_timeline (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_go_to_date_popover_class_init (ChronicleGoToDatePopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_go_to_date_popover_dispose;
  object_class->finalize = chronicle_go_to_date_popover_finalize;
  object_class->get_property = chronicle_go_to_date_popover_get_property;
  object_class->set_property = chronicle_go_to_date_popover_set_property;

  widget_class->show = chronicle_go_to_date_popover_show;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         CHRONICLE_TYPE_TIMELINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronicleGoToDatePopover::date-chosen:
   * @start: the start of the period the date names, in seconds since the epoch
   * @end: its end (exclusive)
   */
  signals[DATE_CHOSEN] =
    g_signal_new ("date-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronicle/Chronicle/ui/chronicle-go-to-date-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleGoToDatePopover, entry);
  gtk_widget_class_bind_template_child (widget_class, ChronicleGoToDatePopover, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_go_button_clicked_cb);
}

static void
chronicle_go_to_date_popover_init (ChronicleGoToDatePopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->hint = g_strdup (gtk_label_get_text (self->message_label));
}

GtkWidget *
chronicle_go_to_date_popover_new (void)
{
  return g_object_new (CHRONICLE_TYPE_GO_TO_DATE_POPOVER, NULL);
}

ChronicleTimeline *
chronicle_go_to_date_popover_get_timeline (ChronicleGoToDatePopover *self)
{
  g_return_val_if_fail (CHRONICLE_IS_GO_TO_DATE_POPOVER (self), NULL);

  return self->timeline;
}

void
chronicle_go_to_date_popover_set_timeline (ChronicleGoToDatePopover *self,
                                           ChronicleTimeline        *timeline)
{
  g_return_if_fail (CHRONICLE_IS_GO_TO_DATE_POPOVER (self));
  g_return_if_fail (timeline == NULL || CHRONICLE_IS_TIMELINE (timeline));

  if (g_set_object (&self->timeline, timeline))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

GtkEditable *
chronicle_go_to_date_popover_get_entry (ChronicleGoToDatePopover *self)
{
  g_return_val_if_fail (CHRONICLE_IS_GO_TO_DATE_POPOVER (self), NULL);

  return GTK_EDITABLE (self->entry);
}

gboolean
chronicle_go_to_date_popover_go (ChronicleGoToDatePopover *self)
{
  g_autoptr(GError) error = NULL;
  GTimeZone *tz = NULL;
  ChronicleTime time;

  g_return_val_if_fail (CHRONICLE_IS_GO_TO_DATE_POPOVER (self), FALSE);

  if (self->timeline != NULL)
    tz = chronicle_timeline_get_time_zone (self->timeline);

  if (!chronicle_date_input_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), tz, &time, &error))
    {
      chronicle_go_to_date_popover_show_message (self, error->message);
      gtk_widget_error_bell (GTK_WIDGET (self->entry));
      return FALSE;
    }

  chronicle_go_to_date_popover_show_message (self, NULL);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[DATE_CHOSEN], 0,
                 chronicle_time_get_instant (&time),
                 chronicle_time_get_end_instant_in_zone (&time, tz));

  return TRUE;
}
