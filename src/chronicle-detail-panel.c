/* chronicle-detail-panel.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-detail-panel"

#include "config.h"

#include "chronicle-detail-panel.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "chronicle-event-row.h"

struct _ChronicleDetailPanel
{
  GtkWidget          parent_instance;

  /* Template children */
  GtkStack          *stack;
  GtkScrolledWindow *scrolled_window;
  ChronicleKindDot  *kind_dot;
  GtkLabel          *kind_label;
  GtkLabel          *status_label;
  GtkLabel          *title_label;
  GtkLabel          *date_label;
  GtkLabel          *duration_label;
  GtkWidget         *approximate_box;
  GtkWidget         *location_box;
  GtkLabel          *location_label;
  GtkLabel          *summary_label;
  GtkLabel          *description_label;
  GtkWidget         *actors_section;
  GtkBox            *actors_box;
  GtkWidget         *quotes_section;
  GtkBox            *quotes_box;
  GtkWidget         *sources_section;
  GtkBox            *sources_box;
  GtkWidget         *tags_section;
  GtkFlowBox        *tags_box;

  ChronicleEvent    *event;
  ChronicleTimeline *timeline;
};

G_DEFINE_FINAL_TYPE (ChronicleDetailPanel, chronicle_detail_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVENT,
  PROP_TIMELINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_box_remove (box, child);
}

static void
clear_flow_box (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_flow_box_remove (box, child);
}

/* Every piece of text from the file goes through here: set as text, never
 * as markup, and selectable so that it can be copied. */
static GtkWidget *
text_label_new (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
set_optional_text (GtkLabel   *label,
                   GtkWidget  *container,
                   const char *text)
{
  gtk_label_set_text (label, has_text (text) ? text : "");
  gtk_widget_set_visible (container, has_text (text));
}

static char *
dup_date_text (ChronicleEvent *event)
{
  if (chronicle_event_is_range (event))
    return chronicle_time_format_range (chronicle_event_get_start (event),
                                        chronicle_event_get_end (event));

  return chronicle_time_format (chronicle_event_get_start (event));
}

static char *
dup_duration_text (ChronicleEvent *event)
{
  gint64 seconds;

  if (!chronicle_event_is_range (event))
    return NULL;

  seconds = chronicle_event_get_end_instant (event) - chronicle_event_get_start_instant (event);

  return chronicle_format_duration (seconds, chronicle_event_get_approximate (event));
}

static const char *
get_kind_label (ChronicleDetailPanel *self,
                ChronicleKind       **out_kind)
{
  ChronicleKind *kind = NULL;

  if (self->timeline != NULL)
    kind = chronicle_timeline_get_event_kind (self->timeline, self->event);

  if (out_kind != NULL)
    *out_kind = kind;

  /* The kind is shown as the file named it when the timeline cannot say. */
  return kind != NULL ? chronicle_kind_get_label (kind) : chronicle_event_get_kind (self->event);
}

/* The name and, when the timeline declares the actor, the role. */
static const char *
get_actor (ChronicleDetailPanel  *self,
           const char            *actor,
           const char           **role)
{
  ChronicleActor *declared = NULL;

  *role = NULL;

  if (self->timeline == NULL)
    return actor;

  declared = chronicle_timeline_lookup_actor (self->timeline, actor);
  if (declared != NULL)
    {
      *role = chronicle_actor_get_role (declared);
      return chronicle_actor_get_name (declared);
    }

  return chronicle_timeline_get_actor_name (self->timeline, actor);
}

static const char *
get_speaker (ChronicleDetailPanel *self,
             const char           *speaker)
{
  if (!has_text (speaker) || self->timeline == NULL)
    return speaker;

  return chronicle_timeline_get_actor_name (self->timeline, speaker);
}

static char *
dup_quote_attribution (ChronicleDetailPanel *self,
                       const ChronicleQuote *quote)
{
  const char *speaker = get_speaker (self, quote->speaker);

  if (has_text (speaker) && has_text (quote->source))
    /* Translators: who said a quote and where: "— Brandon Johnson, news conference" */
    return g_strdup_printf (_("— %s, %s"), speaker, quote->source);
  else if (has_text (speaker))
    /* Translators: who said a quote: "— Brandon Johnson" */
    return g_strdup_printf (_("— %s"), speaker);
  else if (has_text (quote->source))
    return g_strdup_printf (_("— %s"), quote->source);

  return NULL;
}

static char *
dup_source_date (const char *date)
{
  ChronicleTime time;

  if (!has_text (date))
    return NULL;

  /* A source date is ISO 8601 as written; show it for people when it parses. */
  if (chronicle_time_parse (date, NULL, &time, NULL))
    return chronicle_time_format (&time);

  return g_strdup (date);
}

/* "AP News · 30 August 2025"; the publisher is left out when it serves as
 * the title of a source that has none. */
static char *
dup_source_details (const ChronicleSource *source)
{
  g_autofree char *date = dup_source_date (source->date);

  if (!has_text (source->title))
    return g_steal_pointer (&date);

  if (has_text (source->publisher) && date != NULL)
    /* Translators: a source's publisher and date: "AP News · 30 August 2025" */
    return g_strdup_printf (_("%s · %s"), source->publisher, date);
  else if (has_text (source->publisher))
    return g_strdup (source->publisher);

  return g_steal_pointer (&date);
}

static const char *
get_source_title (const ChronicleSource *source)
{
  if (has_text (source->title))
    return source->title;
  if (has_text (source->publisher))
    return source->publisher;
  if (has_text (source->url))
    return source->url;

  return _("Untitled source");
}

static gboolean
on_link_button_activate_link_cb (GtkLinkButton        *button,
                                 ChronicleDetailPanel *self)
{
  const char *uri = gtk_link_button_get_uri (button);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_assert (CHRONICLE_IS_DETAIL_PANEL (self));

  /* Checked again here, so that no other path can open what the row was
   * built not to open. Returning TRUE stops GtkLinkButton's own handler. */
  if (chronicle_detail_panel_can_open_uri (uri))
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);

  return TRUE;
}

static void
chronicle_detail_panel_add_actors (ChronicleDetailPanel *self)
{
  const char * const *actors = chronicle_event_get_actors (self->event);
  guint n_actors = actors != NULL ? g_strv_length ((char **) actors) : 0;

  for (guint i = 0; i < n_actors; i++)
    {
      const char *role = NULL;
      const char *name = get_actor (self, actors[i], &role);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *text_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      /* The name is said by the label next to it. */
      GtkWidget *avatar = g_object_new (ADW_TYPE_AVATAR,
                                        "size", 32,
                                        "text", name,
                                        "show-initials", TRUE,
                                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                        NULL);

      gtk_widget_set_valign (text_box, GTK_ALIGN_CENTER);
      gtk_widget_set_hexpand (text_box, TRUE);
      gtk_box_append (GTK_BOX (row), avatar);
      gtk_box_append (GTK_BOX (text_box), text_label_new (name, NULL));
      if (has_text (role))
        {
          GtkWidget *role_label = text_label_new (role, "dim-label");

          gtk_widget_add_css_class (role_label, "caption");
          gtk_box_append (GTK_BOX (text_box), role_label);
        }
      gtk_box_append (GTK_BOX (row), text_box);
      gtk_box_append (self->actors_box, row);
    }

  gtk_widget_set_visible (self->actors_section, n_actors > 0);
}

static void
chronicle_detail_panel_add_quotes (ChronicleDetailPanel *self)
{
  GPtrArray *quotes = chronicle_event_get_quotes (self->event);

  for (guint i = 0; i < quotes->len; i++)
    {
      const ChronicleQuote *quote = g_ptr_array_index (quotes, i);
      g_autofree char *attribution = dup_quote_attribution (self, quote);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      gtk_widget_add_css_class (box, "quote");
      gtk_box_append (GTK_BOX (box), text_label_new (quote->text, "quote-text"));
      if (attribution != NULL)
        gtk_box_append (GTK_BOX (box), text_label_new (attribution, "dim-label"));
      gtk_box_append (self->quotes_box, box);
    }

  gtk_widget_set_visible (self->quotes_section, quotes->len > 0);
}

static void
chronicle_detail_panel_add_sources (ChronicleDetailPanel *self)
{
  GPtrArray *sources = chronicle_event_get_sources (self->event);

  for (guint i = 0; i < sources->len; i++)
    {
      const ChronicleSource *source = g_ptr_array_index (sources, i);
      g_autofree char *details = dup_source_details (source);
      const char *title = get_source_title (source);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_widget_add_css_class (box, "source");

      if (has_text (source->url) && chronicle_detail_panel_can_open_uri (source->url))
        {
          GtkWidget *link = gtk_link_button_new_with_label (source->url, title);
          GtkWidget *child = gtk_button_get_child (GTK_BUTTON (link));

          /* The button's own label: plain text, wrapped like the others. */
          if (GTK_IS_LABEL (child))
            {
              gtk_label_set_use_markup (GTK_LABEL (child), FALSE);
              gtk_label_set_use_underline (GTK_LABEL (child), FALSE);
              gtk_label_set_wrap (GTK_LABEL (child), TRUE);
              gtk_label_set_wrap_mode (GTK_LABEL (child), PANGO_WRAP_WORD_CHAR);
              gtk_label_set_max_width_chars (GTK_LABEL (child), 30);
              gtk_label_set_xalign (GTK_LABEL (child), 0.0f);
            }
          gtk_widget_set_halign (link, GTK_ALIGN_START);
          gtk_widget_set_tooltip_text (link, source->url);
          g_signal_connect_object (link, "activate-link",
                                   G_CALLBACK (on_link_button_activate_link_cb),
                                   self, G_CONNECT_DEFAULT);
          gtk_box_append (GTK_BOX (box), link);
        }
      else
        {
          gtk_box_append (GTK_BOX (box), text_label_new (title, "source-title"));
        }

      if (details != NULL)
        {
          GtkWidget *label = text_label_new (details, "dim-label");

          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (box), label);
        }

      /* The address itself, as text: the only form a link that Chronicle
       * will not open takes. */
      if (has_text (source->url) && g_strcmp0 (title, source->url) != 0)
        {
          GtkWidget *label = text_label_new (source->url, "dim-label");

          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "source-url");
          gtk_box_append (GTK_BOX (box), label);
        }

      if (has_text (source->url) && !chronicle_detail_panel_can_open_uri (source->url))
        {
          GtkWidget *label = text_label_new (_("Not opened: Chronicle only opens web and email links"),
                                             "dim-label");

          gtk_widget_add_css_class (label, "caption");
          gtk_box_append (GTK_BOX (box), label);
        }

      gtk_box_append (self->sources_box, box);
    }

  gtk_widget_set_visible (self->sources_section, sources->len > 0);
}

static void
chronicle_detail_panel_add_tags (ChronicleDetailPanel *self)
{
  const char * const *tags = chronicle_event_get_tags (self->event);
  guint n_tags = tags != NULL ? g_strv_length ((char **) tags) : 0;

  for (guint i = 0; i < n_tags; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *child = gtk_flow_box_child_new ();

      gtk_label_set_text (GTK_LABEL (label), tags[i]);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "tag");
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), label);
      /* The label takes the focus for selection; the pill itself needs none. */
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_append (self->tags_box, child);
    }

  gtk_widget_set_visible (self->tags_section, n_tags > 0);
}

static void
chronicle_detail_panel_update (ChronicleDetailPanel *self)
{
  static const char * const status_classes[] = { "occurred", "planned", "reported", "cancelled" };
  g_autofree char *date = NULL;
  g_autofree char *duration = NULL;
  ChronicleEventStatus status;
  ChronicleKind *kind = NULL;
  const char *kind_label;

  g_assert (CHRONICLE_IS_DETAIL_PANEL (self));

  clear_box (self->actors_box);
  clear_box (self->quotes_box);
  clear_box (self->sources_box);
  clear_flow_box (self->tags_box);

  if (self->event == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  kind_label = get_kind_label (self, &kind);
  gtk_label_set_text (self->kind_label, kind_label);
  chronicle_kind_dot_set_color (self->kind_dot, kind != NULL ? chronicle_kind_get_color (kind) : NULL);

  status = chronicle_event_get_status (self->event);
  for (guint i = 0; i < G_N_ELEMENTS (status_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), status_classes[i]);
  if ((guint) status < G_N_ELEMENTS (status_classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_classes[status]);
  gtk_label_set_text (self->status_label, chronicle_event_status_get_label (status));

  gtk_label_set_text (self->title_label, chronicle_event_get_title (self->event));

  date = dup_date_text (self->event);
  gtk_label_set_text (self->date_label, date);
  duration = dup_duration_text (self->event);
  set_optional_text (self->duration_label, GTK_WIDGET (self->duration_label), duration);
  gtk_widget_set_visible (self->approximate_box, chronicle_event_get_approximate (self->event));

  set_optional_text (self->location_label, self->location_box, chronicle_event_get_location (self->event));
  set_optional_text (self->summary_label, GTK_WIDGET (self->summary_label),
                     chronicle_event_get_summary (self->event));
  set_optional_text (self->description_label, GTK_WIDGET (self->description_label),
                     chronicle_event_get_description (self->event));

  chronicle_detail_panel_add_actors (self);
  chronicle_detail_panel_add_quotes (self);
  chronicle_detail_panel_add_sources (self);
  chronicle_detail_panel_add_tags (self);

  gtk_stack_set_visible_child_name (self->stack, "event");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0.0);
}

static void
chronicle_detail_panel_dispose (GObject *object)
{
  ChronicleDetailPanel *self = CHRONICLE_DETAIL_PANEL (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_DETAIL_PANEL);

  g_clear_object (&self->event);
  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (chronicle_detail_panel_parent_class)->dispose (object);
}

static void
chronicle_detail_panel_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ChronicleDetailPanel *self = CHRONICLE_DETAIL_PANEL (object);

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
chronicle_detail_panel_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ChronicleDetailPanel *self = CHRONICLE_DETAIL_PANEL (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      chronicle_detail_panel_set_event (self, g_value_get_object (value));
      break;

    case PROP_TIMELINE:
      chronicle_detail_panel_set_timeline (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_detail_panel_class_init (ChronicleDetailPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_detail_panel_dispose;
  object_class->get_property = chronicle_detail_panel_get_property;
  object_class->set_property = chronicle_detail_panel_set_property;

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

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/chronicle/Chronicle/ui/chronicle-detail-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, kind_dot);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, kind_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, date_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, duration_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, approximate_box);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, location_box);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, location_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, description_label);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, actors_section);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, actors_box);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, quotes_section);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, quotes_box);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, sources_section);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, sources_box);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, tags_section);
  gtk_widget_class_bind_template_child (widget_class, ChronicleDetailPanel, tags_box);

  gtk_widget_class_set_css_name (widget_class, "detailpanel");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chronicle_detail_panel_init (ChronicleDetailPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Event details"),
                                  -1);

  chronicle_detail_panel_update (self);
}

GtkWidget *
chronicle_detail_panel_new (void)
{
  return g_object_new (CHRONICLE_TYPE_DETAIL_PANEL, NULL);
}

ChronicleEvent *
chronicle_detail_panel_get_event (ChronicleDetailPanel *self)
{
  g_return_val_if_fail (CHRONICLE_IS_DETAIL_PANEL (self), NULL);

  return self->event;
}

void
chronicle_detail_panel_set_event (ChronicleDetailPanel *self,
                                  ChronicleEvent       *event)
{
  g_return_if_fail (CHRONICLE_IS_DETAIL_PANEL (self));
  g_return_if_fail (event == NULL || CHRONICLE_IS_EVENT (event));

  if (g_set_object (&self->event, event))
    {
      chronicle_detail_panel_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
    }
}

ChronicleTimeline *
chronicle_detail_panel_get_timeline (ChronicleDetailPanel *self)
{
  g_return_val_if_fail (CHRONICLE_IS_DETAIL_PANEL (self), NULL);

  return self->timeline;
}

void
chronicle_detail_panel_set_timeline (ChronicleDetailPanel *self,
                                     ChronicleTimeline    *timeline)
{
  g_return_if_fail (CHRONICLE_IS_DETAIL_PANEL (self));
  g_return_if_fail (timeline == NULL || CHRONICLE_IS_TIMELINE (timeline));

  if (g_set_object (&self->timeline, timeline))
    {
      chronicle_detail_panel_update (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
    }
}

char *
chronicle_detail_panel_dup_text (ChronicleDetailPanel *self)
{
  g_autofree char *date = NULL;
  g_autofree char *duration = NULL;
  const char * const *actors;
  const char * const *tags;
  GPtrArray *quotes;
  GPtrArray *sources;
  GString *text;
  const char *value;

  g_return_val_if_fail (CHRONICLE_IS_DETAIL_PANEL (self), NULL);

  if (self->event == NULL)
    return NULL;

  text = g_string_new (chronicle_event_get_title (self->event));
  g_string_append_c (text, '\n');

  date = dup_date_text (self->event);
  duration = dup_duration_text (self->event);
  if (duration != NULL)
    /* Translators: the date line of a copied event: "Date: 25 – 30 August 2025 (6 days)" */
    g_string_append_printf (text, _("Date: %s (%s)"), date, duration);
  else
    /* Translators: the date line of a copied event: "Date: 30 August 2025" */
    g_string_append_printf (text, _("Date: %s"), date);
  g_string_append_c (text, '\n');
  if (chronicle_event_get_approximate (self->event))
    g_string_append_printf (text, "%s\n", _("The date is approximate"));

  g_string_append_printf (text, _("Kind: %s"), get_kind_label (self, NULL));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Status: %s"),
                          chronicle_event_status_get_label (chronicle_event_get_status (self->event)));
  g_string_append_c (text, '\n');

  value = chronicle_event_get_location (self->event);
  if (has_text (value))
    {
      g_string_append_printf (text, _("Location: %s"), value);
      g_string_append_c (text, '\n');
    }

  actors = chronicle_event_get_actors (self->event);
  if (actors != NULL && actors[0] != NULL)
    {
      g_string_append_printf (text, "%s\n", _("Actors:"));
      for (guint i = 0; actors[i] != NULL; i++)
        {
          const char *role = NULL;
          const char *name = get_actor (self, actors[i], &role);

          g_string_append (text, "  ");
          if (has_text (role))
            /* Translators: an actor and their role in a copied event: "Brandon Johnson (Mayor of Chicago)" */
            g_string_append_printf (text, _("%s (%s)"), name, role);
          else
            g_string_append (text, name);
          g_string_append_c (text, '\n');
        }
    }

  value = chronicle_event_get_summary (self->event);
  if (has_text (value))
    g_string_append_printf (text, "\n%s\n", value);

  value = chronicle_event_get_description (self->event);
  if (has_text (value))
    g_string_append_printf (text, "\n%s\n", value);

  quotes = chronicle_event_get_quotes (self->event);
  if (quotes->len > 0)
    g_string_append_printf (text, "\n%s\n", _("Quotes:"));
  for (guint i = 0; i < quotes->len; i++)
    {
      const ChronicleQuote *quote = g_ptr_array_index (quotes, i);
      g_autofree char *attribution = dup_quote_attribution (self, quote);

      g_string_append (text, "  ");
      /* Translators: a quote in a copied event, in quotation marks */
      g_string_append_printf (text, _("“%s”"), quote->text);
      if (attribution != NULL)
        g_string_append_printf (text, " %s", attribution);
      g_string_append_c (text, '\n');
    }

  sources = chronicle_event_get_sources (self->event);
  if (sources->len > 0)
    g_string_append_printf (text, "\n%s\n", _("Sources:"));
  for (guint i = 0; i < sources->len; i++)
    {
      const ChronicleSource *source = g_ptr_array_index (sources, i);
      g_autofree char *details = dup_source_details (source);
      const char *title = get_source_title (source);

      g_string_append_printf (text, "  %s", title);
      if (details != NULL)
        g_string_append_printf (text, " (%s)", details);
      if (has_text (source->url) && g_strcmp0 (title, source->url) != 0)
        g_string_append_printf (text, " <%s>", source->url);
      g_string_append_c (text, '\n');
    }

  tags = chronicle_event_get_tags (self->event);
  if (tags != NULL && tags[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) tags);

      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Tags: %s"), joined);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

gboolean
chronicle_detail_panel_can_open_uri (const char *uri)
{
  g_autofree char *scheme = NULL;

  if (uri == NULL)
    return FALSE;

  scheme = g_uri_parse_scheme (uri);
  if (scheme == NULL)
    return FALSE;

  return g_ascii_strcasecmp (scheme, "http") == 0 ||
         g_ascii_strcasecmp (scheme, "https") == 0 ||
         g_ascii_strcasecmp (scheme, "mailto") == 0;
}
