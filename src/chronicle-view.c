/* chronicle-view.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-view"

#include "config.h"

#include "chronicle-view.h"

struct _ChronicleView
{
  GObject         parent_instance;

  char           *id;
  char           *title;
  char          **kinds;
  char          **statuses;
  char          **actors;
  char          **tags;
  char           *text;
  char           *group_by;
  ChronicleTime  *from;
  ChronicleTime  *to;
  ChronicleTime  *window_from;
  ChronicleTime  *window_to;
  JsonObject     *extra_members;
  JsonObject     *extra_filter_members;
};

G_DEFINE_FINAL_TYPE (ChronicleView, chronicle_view, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static JsonNode *copy_node (JsonNode *node);

static JsonObject *
copy_object (JsonObject *object)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  /* Ordered: unknown members are written back in file order. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    json_object_set_member (copy, name, copy_node (node));

  return copy;
}

/* json_node_copy() shares arrays and objects: copy them too, so that a copy
 * of a view can be edited without touching the original. */
static JsonNode *
copy_node (JsonNode *node)
{
  JsonNode *copy;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, copy_object (json_node_get_object (node)));
      return copy;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *array_copy = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (array_copy, copy_node (json_array_get_element (array, i)));

        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array_copy);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/* Empty vectors are stored as %NULL: no constraint. */
static void
set_strv (char               ***field,
          const char * const   *value)
{
  char **copy = NULL;

  if (value != NULL && value[0] != NULL)
    copy = g_strdupv ((char **)value);

  /* Copy first: @value may point into *field. */
  g_strfreev (*field);
  *field = copy;
}

static void
set_time (ChronicleTime       **field,
          const ChronicleTime  *value)
{
  if (*field == value)
    return;

  g_clear_pointer (field, chronicle_time_free);
  if (value != NULL)
    *field = chronicle_time_copy (value);
}

static void
set_object (JsonObject **field,
            JsonObject  *value)
{
  if (*field == value)
    return;

  if (value != NULL)
    json_object_ref (value);
  g_clear_pointer (field, json_object_unref);
  *field = value;
}

static void
chronicle_view_finalize (GObject *object)
{
  ChronicleView *self = (ChronicleView *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->kinds, g_strfreev);
  g_clear_pointer (&self->statuses, g_strfreev);
  g_clear_pointer (&self->actors, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->group_by, g_free);
  g_clear_pointer (&self->from, chronicle_time_free);
  g_clear_pointer (&self->to, chronicle_time_free);
  g_clear_pointer (&self->window_from, chronicle_time_free);
  g_clear_pointer (&self->window_to, chronicle_time_free);
  g_clear_pointer (&self->extra_members, json_object_unref);
  g_clear_pointer (&self->extra_filter_members, json_object_unref);

  G_OBJECT_CLASS (chronicle_view_parent_class)->finalize (object);
}

static void
chronicle_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ChronicleView *self = CHRONICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ChronicleView *self = CHRONICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      chronicle_view_set_title (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_view_class_init (ChronicleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_view_finalize;
  object_class->get_property = chronicle_view_get_property;
  object_class->set_property = chronicle_view_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_view_init (ChronicleView *self)
{
}

ChronicleView *
chronicle_view_new (const char *id)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  return g_object_new (CHRONICLE_TYPE_VIEW, "id", id, NULL);
}

/**
 * chronicle_view_copy:
 *
 * Returns: (transfer full): a new view with the same id and contents,
 *   sharing nothing with @self (the unknown members are copied too)
 */
ChronicleView *
chronicle_view_copy (ChronicleView *self)
{
  ChronicleView *copy;

  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  copy = chronicle_view_new (self->id);
  copy->title = g_strdup (self->title);
  copy->kinds = g_strdupv (self->kinds);
  copy->statuses = g_strdupv (self->statuses);
  copy->actors = g_strdupv (self->actors);
  copy->tags = g_strdupv (self->tags);
  copy->text = g_strdup (self->text);
  copy->group_by = g_strdup (self->group_by);
  set_time (&copy->from, self->from);
  set_time (&copy->to, self->to);
  set_time (&copy->window_from, self->window_from);
  set_time (&copy->window_to, self->window_to);
  if (self->extra_members != NULL)
    copy->extra_members = copy_object (self->extra_members);
  if (self->extra_filter_members != NULL)
    copy->extra_filter_members = copy_object (self->extra_filter_members);

  return copy;
}

const char *
chronicle_view_get_id (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return self->id;
}

/* Nullable. */
const char *
chronicle_view_get_title (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return self->title;
}

void
chronicle_view_set_title (ChronicleView *self,
                          const char    *title)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char * const *
chronicle_view_get_kinds (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return (const char * const *)self->kinds;
}

void
chronicle_view_set_kinds (ChronicleView      *self,
                          const char * const *kinds)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  set_strv (&self->kinds, kinds);
}

const char * const *
chronicle_view_get_statuses (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return (const char * const *)self->statuses;
}

void
chronicle_view_set_statuses (ChronicleView      *self,
                             const char * const *statuses)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  set_strv (&self->statuses, statuses);
}

const char * const *
chronicle_view_get_actors (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return (const char * const *)self->actors;
}

void
chronicle_view_set_actors (ChronicleView      *self,
                           const char * const *actors)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  set_strv (&self->actors, actors);
}

const char * const *
chronicle_view_get_tags (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return (const char * const *)self->tags;
}

void
chronicle_view_set_tags (ChronicleView      *self,
                         const char * const *tags)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  set_strv (&self->tags, tags);
}

const char *
chronicle_view_get_text (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return self->text;
}

/* An empty @text is no constraint, as %NULL is. */
void
chronicle_view_set_text (ChronicleView *self,
                         const char    *text)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  if (text != NULL && *text == '\0')
    text = NULL;

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);
}

const ChronicleTime *
chronicle_view_get_from (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return self->from;
}

void
chronicle_view_set_from (ChronicleView       *self,
                         const ChronicleTime *from)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  set_time (&self->from, from);
}

const ChronicleTime *
chronicle_view_get_to (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return self->to;
}

void
chronicle_view_set_to (ChronicleView       *self,
                       const ChronicleTime *to)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  set_time (&self->to, to);
}

const char *
chronicle_view_get_group_by (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return self->group_by;
}

void
chronicle_view_set_group_by (ChronicleView *self,
                             const char    *group_by)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  if (g_strcmp0 (self->group_by, group_by) == 0)
    return;

  g_free (self->group_by);
  self->group_by = g_strdup (group_by);
}

const ChronicleTime *
chronicle_view_get_window_from (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return self->window_from;
}

void
chronicle_view_set_window_from (ChronicleView       *self,
                                const ChronicleTime *from)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  set_time (&self->window_from, from);
}

const ChronicleTime *
chronicle_view_get_window_to (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return self->window_to;
}

void
chronicle_view_set_window_to (ChronicleView       *self,
                              const ChronicleTime *to)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  set_time (&self->window_to, to);
}

JsonObject *
chronicle_view_get_extra_members (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return self->extra_members;
}

void
chronicle_view_set_extra_members (ChronicleView *self,
                                  JsonObject    *extra)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  set_object (&self->extra_members, extra);
}

JsonObject *
chronicle_view_get_extra_filter_members (ChronicleView *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW (self), NULL);

  return self->extra_filter_members;
}

void
chronicle_view_set_extra_filter_members (ChronicleView *self,
                                         JsonObject    *extra)
{
  g_return_if_fail (CHRONICLE_IS_VIEW (self));

  set_object (&self->extra_filter_members, extra);
}
