/* chronicle-event-row.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-event-row"

#include "config.h"

#include "chronicle-event-row.h"

#include <glib/gi18n.h>

#define KIND_DOT_SIZE 10

struct _ChronicleKindDot
{
  GtkWidget  parent_instance;

  char      *color;
  GdkRGBA    rgba;
  guint      has_rgba : 1;
};

G_DEFINE_FINAL_TYPE (ChronicleKindDot, chronicle_kind_dot, GTK_TYPE_WIDGET)

enum {
  DOT_PROP_0,
  DOT_PROP_COLOR,
  DOT_N_PROPS
};

static GParamSpec *dot_properties[DOT_N_PROPS];

struct _ChronicleEventRow
{
  GtkWidget          parent_instance;

  /* Template children */
  ChronicleKindDot  *kind_dot;
  GtkWidget         *text_box;
  GtkLabel          *title_label;
  GtkLabel          *date_label;

  ChronicleEvent    *event;
  ChronicleTimeline *timeline;
};

G_DEFINE_FINAL_TYPE (ChronicleEventRow, chronicle_event_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVENT,
  PROP_TIMELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ChronicleKindDot */

static void
chronicle_kind_dot_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  *minimum = *natural = KIND_DOT_SIZE;
}

static void
chronicle_kind_dot_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  ChronicleKindDot *self = CHRONICLE_KIND_DOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float size = MIN (width, height);
  GskRoundedRect circle;
  GdkRGBA color;

  if (size <= 0)
    return;

  if (self->has_rgba)
    {
      color = self->rgba;
    }
  else
    {
      /* No kind colour: a dimmed foreground, so that the dot stays visible
       * in the light, dark and high-contrast styles. */
      gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
      color.alpha *= 0.55f;
    }

  gsk_rounded_rect_init_from_rect (&circle,
                                   &GRAPHENE_RECT_INIT ((width - size) / 2.0f,
                                                        (height - size) / 2.0f,
                                                        size, size),
                                   size / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, &color, &circle.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
chronicle_kind_dot_finalize (GObject *object)
{
  ChronicleKindDot *self = CHRONICLE_KIND_DOT (object);

  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (chronicle_kind_dot_parent_class)->finalize (object);
}

static void
chronicle_kind_dot_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChronicleKindDot *self = CHRONICLE_KIND_DOT (object);

  switch (prop_id)
    {
    case DOT_PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_kind_dot_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ChronicleKindDot *self = CHRONICLE_KIND_DOT (object);

  switch (prop_id)
    {
    case DOT_PROP_COLOR:
      chronicle_kind_dot_set_color (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_kind_dot_class_init (ChronicleKindDotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chronicle_kind_dot_finalize;
  object_class->get_property = chronicle_kind_dot_get_property;
  object_class->set_property = chronicle_kind_dot_set_property;

  widget_class->measure = chronicle_kind_dot_measure;
  widget_class->snapshot = chronicle_kind_dot_snapshot;

  dot_properties[DOT_PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, DOT_N_PROPS, dot_properties);

  gtk_widget_class_set_css_name (widget_class, "kinddot");
  /* The kind is also said in words next to or around every dot. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
chronicle_kind_dot_init (ChronicleKindDot *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
chronicle_kind_dot_new (void)
{
  return g_object_new (CHRONICLE_TYPE_KIND_DOT, NULL);
}

const char *
chronicle_kind_dot_get_color (ChronicleKindDot *self)
{
  g_return_val_if_fail (CHRONICLE_IS_KIND_DOT (self), NULL);

  return self->color;
}

void
chronicle_kind_dot_set_color (ChronicleKindDot *self,
                              const char       *color)
{
  g_return_if_fail (CHRONICLE_IS_KIND_DOT (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);
  self->has_rgba = color != NULL && gdk_rgba_parse (&self->rgba, color);

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), dot_properties[DOT_PROP_COLOR]);
}

/* ChronicleEventRow */

static void
chronicle_event_row_update (ChronicleEventRow *self)
{
  g_autofree char *date = NULL;
  ChronicleKind *kind = NULL;

  g_assert (CHRONICLE_IS_EVENT_ROW (self));

  if (self->event == NULL)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->date_label, "");
      chronicle_kind_dot_set_color (self->kind_dot, NULL);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), NULL);
      return;
    }

  if (chronicle_event_is_range (self->event))
    {
      g_autofree char *start = chronicle_event_row_format_short_date (chronicle_event_get_start (self->event));
      g_autofree char *end = chronicle_event_row_format_short_date (chronicle_event_get_end (self->event));

      /* Translators: a date range in the event list, "25 Aug 2025 – 30 Aug 2025" */
      date = g_strdup_printf (_("%s – %s"), start, end);
    }
  else
    {
      date = chronicle_event_row_format_short_date (chronicle_event_get_start (self->event));
    }

  if (self->timeline != NULL)
    kind = chronicle_timeline_get_event_kind (self->timeline, self->event);

  /* Plain text: titles come from files and are never markup. */
  gtk_label_set_text (self->title_label, chronicle_event_get_title (self->event));
  gtk_label_set_text (self->date_label, date);
  chronicle_kind_dot_set_color (self->kind_dot, kind != NULL ? chronicle_kind_get_color (kind) : NULL);
  /* The title may be ellipsized; the tooltip shows all of it. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), chronicle_event_get_title (self->event));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  kind != NULL ? chronicle_kind_get_label (kind) : "",
                                  -1);
}

static void
chronicle_event_row_dispose (GObject *object)
{
  ChronicleEventRow *self = CHRONICLE_EVENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_EVENT_ROW);

  g_clear_object (&self->event);
  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (chronicle_event_row_parent_class)->dispose (object);
}

static void
chronicle_event_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ChronicleEventRow *self = CHRONICLE_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;

    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_event_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ChronicleEventRow *self = CHRONICLE_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      chronicle_event_row_set_event (self, g_value_get_object (value));
      break;

    case PROP_TIMELINE:
      chronicle_event_row_set_timeline (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_event_row_class_init (ChronicleEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_event_row_dispose;
  object_class->get_property = chronicle_event_row_get_property;
  object_class->set_property = chronicle_event_row_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL,
                         CHRONICLE_TYPE_EVENT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         CHRONICLE_TYPE_TIMELINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHRONICLE_TYPE_KIND_DOT);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chronicle/Chronicle/ui/chronicle-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, kind_dot);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, text_box);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleEventRow, date_label);

  gtk_widget_class_set_css_name (widget_class, "eventrow");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
chronicle_event_row_init (ChronicleEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
chronicle_event_row_new (void)
{
  return g_object_new (CHRONICLE_TYPE_EVENT_ROW, NULL);
}

ChronicleEvent *
chronicle_event_row_get_event (ChronicleEventRow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_ROW (self), NULL);

  return self->event;
}

void
chronicle_event_row_set_event (ChronicleEventRow *self,
                               ChronicleEvent    *event)
{
  g_return_if_fail (CHRONICLE_IS_EVENT_ROW (self));
  g_return_if_fail (event == NULL || CHRONICLE_IS_EVENT (event));

  if (g_set_object (&self->event, event))
    {
      chronicle_event_row_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
    }
}

ChronicleTimeline *
chronicle_event_row_get_timeline (ChronicleEventRow *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_ROW (self), NULL);

  return self->timeline;
}

void
chronicle_event_row_set_timeline (ChronicleEventRow *self,
                                  ChronicleTimeline *timeline)
{
  g_return_if_fail (CHRONICLE_IS_EVENT_ROW (self));
  g_return_if_fail (timeline == NULL || CHRONICLE_IS_TIMELINE (timeline));

  if (g_set_object (&self->timeline, timeline))
    {
      chronicle_event_row_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
    }
}

char *
chronicle_event_row_format_short_date (const ChronicleTime *time)
{
  g_autofree char *year_text = NULL;
  g_autofree char *text = NULL;
  int year, month, day, hour, minute, second;

  g_return_val_if_fail (time != NULL, NULL);

  chronicle_time_get_civil (time, &year, &month, &day, &hour, &minute, &second);
  year_text = chronicle_format_year (year);

  switch ((ChronicleTimePrecision) chronicle_time_get_precision (time))
    {
    case CHRONICLE_TIME_PRECISION_YEAR:
    default:
      text = g_steal_pointer (&year_text);
      break;

    case CHRONICLE_TIME_PRECISION_MONTH:
      /* Translators: a short month and year in the event list: "Aug 2025".
       * %1$s is the abbreviated month, %2$s the year. */
      text = g_strdup_printf (_("%1$s %2$s"), chronicle_month_abbreviation (month), year_text);
      break;

    case CHRONICLE_TIME_PRECISION_DAY:
      /* Translators: a short date in the event list: "30 Aug 2025".
       * %1$d is the day, %2$s the abbreviated month, %3$s the year. */
      text = g_strdup_printf (_("%1$d %2$s %3$s"), day, chronicle_month_abbreviation (month), year_text);
      break;

    case CHRONICLE_TIME_PRECISION_MINUTE:
    case CHRONICLE_TIME_PRECISION_SECOND:
      /* Translators: a short date and time in the event list: "30 Aug 2025 14:05".
       * %1$d is the day, %2$s the abbreviated month, %3$s the year, %4$02d:%5$02d the time. */
      text = g_strdup_printf (_("%1$d %2$s %3$s %4$02d:%5$02d"),
                              day, chronicle_month_abbreviation (month), year_text, hour, minute);
      break;
    }

  if (chronicle_time_is_approximate (time))
    /* Translators: an approximate date, "c. 1200 BCE"; "c." is "circa" */
    return g_strdup_printf (_("c. %s"), text);

  return g_steal_pointer (&text);
}
