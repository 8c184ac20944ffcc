/* chronicle-event.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-event"

#include "config.h"

#include "chronicle-event.h"
#include "chronicle-kind.h"

#include <glib/gi18n.h>
#include <string.h>

/*
 * A timeline may hold a million events, so the instance is kept small:
 * the kind is an interned string, both times are stored inline, the rarely
 * used arrays are created on demand, and the flags share one word with the
 * file index.
 */
struct _ChronicleEvent
{
  GObject         parent_instance;

  char           *id;
  char           *title;
  const char     *kind;           /* interned */
  char           *summary;
  char           *description;
  char           *location;
  char          **actors;         /* %NULL when empty */
  char          **tags;           /* %NULL when empty */
  GPtrArray      *quotes;         /* of ChronicleQuote, created on demand */
  GPtrArray      *sources;        /* of ChronicleSource, created on demand */
  JsonObject     *extra_members;  /* %NULL when none */

  ChronicleTime   start;
  ChronicleTime   end;            /* valid when has_end */

  guint           file_index;
  guint           status : 3;
  guint           has_end : 1;
  guint           derived_id : 1;
};

G_DEFINE_FINAL_TYPE (ChronicleEvent, chronicle_event, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (ChronicleQuote, chronicle_quote, chronicle_quote_copy, chronicle_quote_free)
G_DEFINE_BOXED_TYPE (ChronicleSource, chronicle_source, chronicle_source_copy, chronicle_source_free)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_KIND,
  PROP_STATUS,
  PROP_START,
  PROP_END,
  PROP_APPROXIMATE,
  PROP_SUMMARY,
  PROP_DESCRIPTION,
  PROP_LOCATION,
  PROP_ACTORS,
  PROP_TAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The strings files use, indexed by ChronicleEventStatus. */
static const char * const status_strings[CHRONICLE_EVENT_N_STATUSES] = {
  "occurred",
  "planned",
  "reported",
  "cancelled",
};

static const char * const status_labels[CHRONICLE_EVENT_N_STATUSES] = {
  NC_("event status", "Occurred"),
  NC_("event status", "Planned"),
  NC_("event status", "Reported"),
  NC_("event status", "Cancelled"),
};

static const char * const empty_strv[] = { NULL };

GType
chronicle_event_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { CHRONICLE_EVENT_STATUS_OCCURRED, "CHRONICLE_EVENT_STATUS_OCCURRED", "occurred" },
        { CHRONICLE_EVENT_STATUS_PLANNED, "CHRONICLE_EVENT_STATUS_PLANNED", "planned" },
        { CHRONICLE_EVENT_STATUS_REPORTED, "CHRONICLE_EVENT_STATUS_REPORTED", "reported" },
        { CHRONICLE_EVENT_STATUS_CANCELLED, "CHRONICLE_EVENT_STATUS_CANCELLED", "cancelled" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("ChronicleEventStatus"),
                                           values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/* Field by field: the bytes after the zone's NUL may differ. */
static gboolean
time_identical (const ChronicleTime *a,
                const ChronicleTime *b)
{
  return a->instant == b->instant &&
         a->offset == b->offset &&
         a->precision == b->precision &&
         a->flags == b->flags &&
         strncmp (a->zone, b->zone, sizeof a->zone) == 0;
}

static inline gboolean
strv_is_empty (const char * const *strv)
{
  return strv == NULL || strv[0] == NULL;
}

/* Stores a copy of @value in @field (%NULL when empty); FALSE when nothing
 * changed. */
static gboolean
replace_strv (char               ***field,
              const char * const   *value)
{
  char **copy = NULL;

  if (strv_is_empty (value))
    {
      if (*field == NULL)
        return FALSE;
    }
  else
    {
      if (*field != NULL && g_strv_equal ((const char * const *)*field, value))
        return FALSE;

      copy = g_strdupv ((char **)value);
    }

  g_strfreev (*field);
  *field = copy;

  return TRUE;
}

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  return TRUE;
}

static void
chronicle_event_finalize (GObject *object)
{
  ChronicleEvent *self = (ChronicleEvent *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->actors, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->quotes, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_clear_pointer (&self->extra_members, json_object_unref);

  G_OBJECT_CLASS (chronicle_event_parent_class)->finalize (object);
}

static void
chronicle_event_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChronicleEvent *self = CHRONICLE_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_KIND:
      g_value_set_static_string (value, self->kind);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_START:
      g_value_set_boxed (value, &self->start);
      break;

    case PROP_END:
      g_value_set_boxed (value, chronicle_event_get_end (self));
      break;

    case PROP_APPROXIMATE:
      g_value_set_boolean (value, chronicle_event_get_approximate (self));
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;

    case PROP_ACTORS:
      g_value_set_boxed (value, chronicle_event_get_actors (self));
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, chronicle_event_get_tags (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_event_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ChronicleEvent *self = CHRONICLE_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      chronicle_event_set_id (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      chronicle_event_set_title (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      chronicle_event_set_kind (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      chronicle_event_set_status (self, g_value_get_enum (value));
      break;

    case PROP_START:
      if (g_value_get_boxed (value) != NULL)
        chronicle_event_set_start (self, g_value_get_boxed (value));
      break;

    case PROP_END:
      chronicle_event_set_end (self, g_value_get_boxed (value));
      break;

    case PROP_APPROXIMATE:
      chronicle_event_set_approximate (self, g_value_get_boolean (value));
      break;

    case PROP_SUMMARY:
      chronicle_event_set_summary (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      chronicle_event_set_description (self, g_value_get_string (value));
      break;

    case PROP_LOCATION:
      chronicle_event_set_location (self, g_value_get_string (value));
      break;

    case PROP_ACTORS:
      chronicle_event_set_actors (self, g_value_get_boxed (value));
      break;

    case PROP_TAGS:
      chronicle_event_set_tags (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_event_class_init (ChronicleEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_event_finalize;
  object_class->get_property = chronicle_event_get_property;
  object_class->set_property = chronicle_event_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL,
                         CHRONICLE_KIND_OTHER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       CHRONICLE_TYPE_EVENT_STATUS,
                       CHRONICLE_EVENT_STATUS_OCCURRED,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_START] =
    g_param_spec_boxed ("start", NULL, NULL,
                        CHRONICLE_TYPE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_END] =
    g_param_spec_boxed ("end", NULL, NULL,
                        CHRONICLE_TYPE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_APPROXIMATE] =
    g_param_spec_boolean ("approximate", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTORS] =
    g_param_spec_boxed ("actors", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_event_init (ChronicleEvent *self)
{
  self->kind = g_intern_static_string (CHRONICLE_KIND_OTHER);
  self->status = CHRONICLE_EVENT_STATUS_OCCURRED;
}

const char *
chronicle_event_status_to_string (ChronicleEventStatus status)
{
  g_return_val_if_fail (status < CHRONICLE_EVENT_N_STATUSES, NULL);

  return status_strings[status];
}

gboolean
chronicle_event_status_from_string (const char           *text,
                                    ChronicleEventStatus *status)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < CHRONICLE_EVENT_N_STATUSES; i++)
    {
      if (strcmp (text, status_strings[i]) == 0)
        {
          if (status != NULL)
            *status = (ChronicleEventStatus)i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
chronicle_event_status_get_label (ChronicleEventStatus status)
{
  g_return_val_if_fail (status < CHRONICLE_EVENT_N_STATUSES, NULL);

  return g_dpgettext2 (NULL, "event status", status_labels[status]);
}

ChronicleQuote *
chronicle_quote_new (const char *text,
                     const char *speaker,
                     const char *source)
{
  ChronicleQuote *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_new0 (ChronicleQuote, 1);
  self->text = g_strdup (text);
  self->speaker = g_strdup (speaker);
  self->source = g_strdup (source);

  return self;
}

ChronicleQuote *
chronicle_quote_copy (const ChronicleQuote *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return chronicle_quote_new (self->text, self->speaker, self->source);
}

void
chronicle_quote_free (ChronicleQuote *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->speaker);
  g_free (self->source);
  g_free (self);
}

ChronicleSource *
chronicle_source_new (const char *title,
                      const char *publisher,
                      const char *url,
                      const char *date)
{
  ChronicleSource *self = g_new0 (ChronicleSource, 1);

  self->title = g_strdup (title);
  self->publisher = g_strdup (publisher);
  self->url = g_strdup (url);
  self->date = g_strdup (date);

  return self;
}

ChronicleSource *
chronicle_source_copy (const ChronicleSource *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return chronicle_source_new (self->title, self->publisher, self->url, self->date);
}

void
chronicle_source_free (ChronicleSource *self)
{
  if (self == NULL)
    return;

  g_free (self->title);
  g_free (self->publisher);
  g_free (self->url);
  g_free (self->date);
  g_free (self);
}

/**
 * chronicle_event_new:
 * @id: (nullable): the event's id; %NULL to have the timeline derive one
 * @title: (nullable): the title
 * @start: (nullable): when the event starts; %NULL means 1970-01-01T00:00Z
 *   (zero) until chronicle_event_set_start() is called
 */
ChronicleEvent *
chronicle_event_new (const char          *id,
                     const char          *title,
                     const ChronicleTime *start)
{
  ChronicleEvent *self = g_object_new (CHRONICLE_TYPE_EVENT, NULL);

  /* No setters: a new object has nobody to notify. */
  if (id != NULL && *id != '\0')
    self->id = g_strdup (id);
  self->title = g_strdup (title);
  if (start != NULL)
    self->start = *start;

  return self;
}

/* Nullable until the event has been added to a timeline. */
ChronicleEvent *
chronicle_event_new_take (ChronicleEventFields *fields)
{
  ChronicleEvent *self;

  g_return_val_if_fail (fields != NULL, NULL);
  g_return_val_if_fail (fields->status < CHRONICLE_EVENT_N_STATUSES, NULL);

  self = g_object_new (CHRONICLE_TYPE_EVENT, NULL);
  self->id = g_steal_pointer (&fields->id);
  self->derived_id = self->id != NULL && fields->derived_id;
  self->title = g_steal_pointer (&fields->title);
  if (fields->kind != NULL)
    self->kind = fields->kind;
  self->status = fields->status;
  self->start = fields->start;
  self->has_end = !!fields->has_end;
  if (self->has_end)
    self->end = fields->end;
  self->summary = g_steal_pointer (&fields->summary);
  self->description = g_steal_pointer (&fields->description);
  self->location = g_steal_pointer (&fields->location);
  self->actors = g_steal_pointer (&fields->actors);
  self->tags = g_steal_pointer (&fields->tags);
  self->file_index = fields->file_index;

  /* Empty arrays are kept as %NULL. */
  if (self->actors != NULL && self->actors[0] == NULL)
    g_clear_pointer (&self->actors, g_strfreev);
  if (self->tags != NULL && self->tags[0] == NULL)
    g_clear_pointer (&self->tags, g_strfreev);

  return self;
}

const char *
chronicle_event_get_id (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  return self->id;
}

/* An empty @id is the same as %NULL: no id. Do not change the id of an
 * event while a timeline holds it: the timeline indexes events by id. */
void
chronicle_event_set_id (ChronicleEvent *self,
                        const char     *id)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  if (id != NULL && *id == '\0')
    id = NULL;

  self->derived_id = FALSE;

  if (replace_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gboolean
chronicle_event_has_derived_id (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), FALSE);

  return self->derived_id;
}

void
chronicle_event_set_derived_id (ChronicleEvent *self,
                                const char     *id)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));
  g_return_if_fail (id != NULL && *id != '\0');

  self->derived_id = TRUE;

  if (replace_string (&self->id, id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
chronicle_event_get_title (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  return self->title;
}

void
chronicle_event_set_title (ChronicleEvent *self,
                           const char     *title)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  if (replace_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
chronicle_event_get_kind (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  return self->kind;
}

/* %NULL or "" means "other". */
void
chronicle_event_set_kind (ChronicleEvent *self,
                          const char     *kind)
{
  const char *interned;

  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  if (kind == NULL || *kind == '\0')
    kind = CHRONICLE_KIND_OTHER;

  /* Interned strings compare by pointer. */
  interned = g_intern_string (kind);
  if (interned == self->kind)
    return;

  self->kind = interned;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

ChronicleEventStatus
chronicle_event_get_status (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), CHRONICLE_EVENT_STATUS_OCCURRED);

  return self->status;
}

void
chronicle_event_set_status (ChronicleEvent       *self,
                            ChronicleEventStatus  status)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));
  g_return_if_fail (status < CHRONICLE_EVENT_N_STATUSES);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const ChronicleTime *
chronicle_event_get_start (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  return &self->start;
}

/* Do not move an event held by a timeline: it keeps them sorted by start. */
void
chronicle_event_set_start (ChronicleEvent      *self,
                           const ChronicleTime *start)
{
  gboolean was_approximate;

  g_return_if_fail (CHRONICLE_IS_EVENT (self));
  g_return_if_fail (start != NULL);

  if (time_identical (&self->start, start))
    return;

  was_approximate = chronicle_event_get_approximate (self);
  self->start = *start;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
  if (was_approximate != chronicle_event_get_approximate (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPROXIMATE]);
  g_object_thaw_notify (G_OBJECT (self));
}

const ChronicleTime *
chronicle_event_get_end (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  return self->has_end ? &self->end : NULL;
}

/* %NULL makes the event a point event. */
void
chronicle_event_set_end (ChronicleEvent      *self,
                         const ChronicleTime *end)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  if (end == NULL)
    {
      if (!self->has_end)
        return;

      self->has_end = FALSE;
      memset (&self->end, 0, sizeof self->end);
    }
  else
    {
      if (self->has_end && time_identical (&self->end, end))
        return;

      self->has_end = TRUE;
      self->end = *end;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
}

gboolean
chronicle_event_is_range (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), FALSE);

  return self->has_end;
}

gint64
chronicle_event_get_start_instant (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), 0);

  return self->start.instant;
}

gint64
chronicle_event_get_end_instant (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), 0);

  /* A range includes the whole period its end names: "2025-08-01" to
   * "2025-08-03" lasts three days. */
  return chronicle_time_get_end_instant (self->has_end ? &self->end : &self->start);
}

/* TRUE when the start is marked approximate. */
gboolean
chronicle_event_get_approximate (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), FALSE);

  return chronicle_time_is_approximate (&self->start);
}

/* Marks the start and the end as approximate, or both as exact. */
void
chronicle_event_set_approximate (ChronicleEvent *self,
                                 gboolean        approximate)
{
  gboolean start_changed;
  gboolean end_changed;

  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  approximate = !!approximate;
  start_changed = chronicle_time_is_approximate (&self->start) != approximate;
  end_changed = self->has_end && chronicle_time_is_approximate (&self->end) != approximate;

  if (!start_changed && !end_changed)
    return;

  chronicle_time_set_approximate (&self->start, approximate);
  if (self->has_end)
    chronicle_time_set_approximate (&self->end, approximate);

  g_object_freeze_notify (G_OBJECT (self));
  if (start_changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPROXIMATE]);
    }
  if (end_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
chronicle_event_get_summary (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  return self->summary;
}

void
chronicle_event_set_summary (ChronicleEvent *self,
                             const char     *summary)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  if (replace_string (&self->summary, summary))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

const char *
chronicle_event_get_description (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  return self->description;
}

void
chronicle_event_set_description (ChronicleEvent *self,
                                 const char     *description)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  if (replace_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
chronicle_event_get_location (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  return self->location;
}

void
chronicle_event_set_location (ChronicleEvent *self,
                              const char     *location)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  if (replace_string (&self->location, location))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCATION]);
}

/* Never %NULL; empty when the event names no actor. */
const char * const *
chronicle_event_get_actors (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  return self->actors != NULL ? (const char * const *)self->actors : empty_strv;
}

void
chronicle_event_set_actors (ChronicleEvent     *self,
                            const char * const *actors)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  if (replace_strv (&self->actors, actors))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTORS]);
}

/* Never %NULL; empty when the event has no tag. */
const char * const *
chronicle_event_get_tags (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  return self->tags != NULL ? (const char * const *)self->tags : empty_strv;
}

void
chronicle_event_set_tags (ChronicleEvent     *self,
                          const char * const *tags)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  if (replace_strv (&self->tags, tags))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * chronicle_event_get_quotes:
 *
 * Returns: (transfer none) (element-type ChronicleQuote): the quotes, in
 *   file order; never %NULL
 */
GPtrArray *
chronicle_event_get_quotes (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  if (self->quotes == NULL)
    self->quotes = g_ptr_array_new_with_free_func ((GDestroyNotify)chronicle_quote_free);

  return self->quotes;
}

/* Appends a copy of @quote. */
void
chronicle_event_add_quote (ChronicleEvent       *self,
                           const ChronicleQuote *quote)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));
  g_return_if_fail (quote != NULL);

  g_ptr_array_add (chronicle_event_get_quotes (self), chronicle_quote_copy (quote));
}

/**
 * chronicle_event_get_sources:
 *
 * Returns: (transfer none) (element-type ChronicleSource): the sources, in
 *   file order; never %NULL
 */
GPtrArray *
chronicle_event_get_sources (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  if (self->sources == NULL)
    self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify)chronicle_source_free);

  return self->sources;
}

/* Appends a copy of @source. */
void
chronicle_event_add_source (ChronicleEvent        *self,
                            const ChronicleSource *source)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));
  g_return_if_fail (source != NULL);

  g_ptr_array_add (chronicle_event_get_sources (self), chronicle_source_copy (source));
}

JsonObject *
chronicle_event_get_extra_members (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  return self->extra_members;
}

/* Takes a reference on @extra; an empty object is stored as %NULL. */
void
chronicle_event_set_extra_members (ChronicleEvent *self,
                                   JsonObject     *extra)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  if (extra != NULL && json_object_get_size (extra) == 0)
    extra = NULL;

  if (extra == self->extra_members)
    return;

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&self->extra_members, json_object_unref);
  self->extra_members = extra;
}

guint
chronicle_event_get_file_index (ChronicleEvent *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), 0);

  return self->file_index;
}

void
chronicle_event_set_file_index (ChronicleEvent *self,
                                guint           file_index)
{
  g_return_if_fail (CHRONICLE_IS_EVENT (self));

  self->file_index = file_index;
}

/**
 * chronicle_event_compare:
 *
 * Orders by start instant, then coarser precision first (a whole day
 * before the events within it), then by file index.
 *
 * Returns: < 0, 0 or > 0 as @a sorts before, with or after @b
 */
int
chronicle_event_compare (ChronicleEvent *a,
                         ChronicleEvent *b)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT (a), 0);
  g_return_val_if_fail (CHRONICLE_IS_EVENT (b), 0);

  if (a->start.instant != b->start.instant)
    return a->start.instant < b->start.instant ? -1 : 1;

  if (a->start.precision != b->start.precision)
    return a->start.precision < b->start.precision ? -1 : 1;

  if (a->file_index != b->file_index)
    return a->file_index < b->file_index ? -1 : 1;

  return 0;
}

/**
 * chronicle_event_derive_id:
 *
 * The id the timeline gives an event whose file gave none: "ev-" and the
 * first 12 hex digits of the SHA-256 of the title, a newline and the start
 * as ISO 8601. It stays the same from one load to the next as long as the
 * title and start do.
 *
 * Returns: (transfer full): the id
 */
char *
chronicle_event_derive_id (ChronicleEvent *self)
{
  static const char hex[] = "0123456789abcdef";
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree char *start = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  char *id;

  g_return_val_if_fail (CHRONICLE_IS_EVENT (self), NULL);

  start = chronicle_time_to_iso8601 (&self->start);

  /* The same as the first 12 digits of g_compute_checksum_for_string() on
   * the joined text, without building the text and the 64-digit string:
   * a file written without ids derives them all on every load. */
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  if (self->title != NULL)
    g_checksum_update (checksum, (const guchar *)self->title, -1);
  g_checksum_update (checksum, (const guchar *)"\n", 1);
  g_checksum_update (checksum, (const guchar *)start, -1);
  g_checksum_get_digest (checksum, digest, &digest_len);

  id = g_malloc (3 + 12 + 1);
  memcpy (id, "ev-", 3);
  for (guint i = 0; i < 6; i++)
    {
      id[3 + 2 * i] = hex[digest[i] >> 4];
      id[4 + 2 * i] = hex[digest[i] & 0xf];
    }
  id[15] = '\0';

  return id;
}
