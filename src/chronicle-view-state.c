/* chronicle-view-state.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-view-state"

#include "config.h"

#include "chronicle-view-state.h"

#include "chronicle-event.h"
#include "chronicle-writer.h"

#include <glib/gi18n.h>

struct _ChronicleViewState
{
  GObject                   parent_instance;

  char                     *id;
  char                     *title;
  char                    **kinds;
  char                    **statuses;
  char                    **actors;
  char                    **tags;
  char                     *text;
  ChronicleTime            *from;
  ChronicleTime            *to;
  ChronicleTime            *window_from;
  ChronicleTime            *window_to;
  ChronicleGroupBy          group_by;
  /* Whether a view or the user chose the grouping, so that a view without
   * "group_by" is written back without it. */
  gboolean                  group_by_explicit;
  gboolean                  hide_non_matching;

  /* Unknown members of the view the state came from, written back. */
  JsonObject               *extra_members;
  JsonObject               *extra_filter_members;

  guint                     freeze_count;
  ChronicleViewStateChange  pending;
};

G_DEFINE_FINAL_TYPE (ChronicleViewState, chronicle_view_state, G_TYPE_OBJECT)

G_DEFINE_QUARK (chronicle-view-state-error-quark, chronicle_view_state_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_KINDS,
  PROP_STATUSES,
  PROP_ACTORS,
  PROP_TAGS,
  PROP_TEXT,
  PROP_FROM,
  PROP_TO,
  PROP_GROUP_BY,
  PROP_WINDOW_FROM,
  PROP_WINDOW_TO,
  PROP_HIDE_NON_MATCHING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GType
chronicle_view_state_change_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GFlagsValue values[] = {
        { CHRONICLE_VIEW_STATE_CHANGE_NONE, "CHRONICLE_VIEW_STATE_CHANGE_NONE", "none" },
        { CHRONICLE_VIEW_STATE_CHANGE_NAME, "CHRONICLE_VIEW_STATE_CHANGE_NAME", "name" },
        { CHRONICLE_VIEW_STATE_CHANGE_FILTER, "CHRONICLE_VIEW_STATE_CHANGE_FILTER", "filter" },
        { CHRONICLE_VIEW_STATE_CHANGE_TEXT, "CHRONICLE_VIEW_STATE_CHANGE_TEXT", "text" },
        { CHRONICLE_VIEW_STATE_CHANGE_GROUPING,
          "CHRONICLE_VIEW_STATE_CHANGE_GROUPING", "grouping" },
        { CHRONICLE_VIEW_STATE_CHANGE_WINDOW, "CHRONICLE_VIEW_STATE_CHANGE_WINDOW", "window" },
        { CHRONICLE_VIEW_STATE_CHANGE_DISPLAY, "CHRONICLE_VIEW_STATE_CHANGE_DISPLAY", "display" },
        { 0, NULL, NULL }
      };
      GType type = g_flags_register_static (g_intern_static_string ("ChronicleViewStateChange"),
                                            values);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/* Helpers */

static gboolean
strv_is_empty (const char * const *strv)
{
  return strv == NULL || strv[0] == NULL;
}

/* %NULL and empty are the same: no constraint. */
static gboolean
strv_same (const char * const *a,
           const char * const *b)
{
  if (strv_is_empty (a) || strv_is_empty (b))
    return strv_is_empty (a) && strv_is_empty (b);

  return g_strv_equal (a, b);
}

static gboolean
time_same (const ChronicleTime *a,
           const ChronicleTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return a->instant == b->instant &&
         a->offset == b->offset &&
         a->precision == b->precision &&
         a->flags == b->flags &&
         g_strcmp0 (a->zone, b->zone) == 0;
}

/* The setters return TRUE when the field changed. */

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static gboolean
set_strv (char               ***field,
          const char * const   *value)
{
  char **copy = NULL;

  if (strv_same ((const char * const *)*field, value))
    return FALSE;

  if (!strv_is_empty (value))
    copy = g_strdupv ((char **)value);

  g_strfreev (*field);
  *field = copy;
  return TRUE;
}

static gboolean
set_time (ChronicleTime       **field,
          const ChronicleTime  *value)
{
  if (time_same (*field, value))
    return FALSE;

  g_clear_pointer (field, chronicle_time_free);
  if (value != NULL)
    *field = chronicle_time_copy (value);
  return TRUE;
}

static void
set_json_object (JsonObject **field,
                 JsonObject  *value)
{
  if (value != NULL)
    json_object_ref (value);
  g_clear_pointer (field, json_object_unref);
  *field = value;
}

static void
chronicle_view_state_emit_changed (ChronicleViewState *self)
{
  ChronicleViewStateChange changes = self->pending;

  if (self->freeze_count > 0 || changes == CHRONICLE_VIEW_STATE_CHANGE_NONE)
    return;

  self->pending = CHRONICLE_VIEW_STATE_CHANGE_NONE;
  g_signal_emit (self, signals[CHANGED], 0, changes);
}

static void
chronicle_view_state_changed (ChronicleViewState       *self,
                              guint                     prop_id,
                              ChronicleViewStateChange  change)
{
  self->pending |= change;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  chronicle_view_state_emit_changed (self);
}

/* Reading a view object */

static const char *
describe_node (JsonNode *node)
{
  GType type;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");

    case JSON_NODE_ARRAY:
      return _("an array");

    case JSON_NODE_NULL:
      return "null";

    case JSON_NODE_VALUE:
    default:
      break;
    }

  type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    return _("a string");

  if (type == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? "true" : "false";

  return _("a number");
}

static void
set_parse_error (GError     **error,
                 const char  *path,
                 const char  *message)
{
  g_set_error (error, CHRONICLE_VIEW_STATE_ERROR, CHRONICLE_VIEW_STATE_ERROR_INVALID,
               "%s: %s", path, message);
}

static void
set_type_error (GError     **error,
                const char  *path,
                const char  *expected,
                JsonNode    *found)
{
  g_autofree char *message = NULL;

  /* Translators: both are type names: "expected a string, found a number" */
  message = g_strdup_printf (_("expected %s, found %s"), expected, describe_node (found));
  set_parse_error (error, path, message);
}

static const char *
parse_string (JsonNode    *node,
              const char  *path,
              GError     **error)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);

  set_type_error (error, path, _("a string"), node);
  return NULL;
}

static JsonObject *
parse_object (JsonNode    *node,
              const char  *path,
              GError     **error)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  set_type_error (error, path, _("an object"), node);
  return NULL;
}

static gboolean
parse_time (JsonNode       *node,
            const char     *path,
            GTimeZone      *tz,
            ChronicleTime **out,
            GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  ChronicleTime time;
  const char *text;

  if (!(text = parse_string (node, path, error)))
    return FALSE;

  if (!chronicle_time_parse (text, tz, &time, &local_error))
    {
      set_parse_error (error, path, local_error->message);
      return FALSE;
    }

  g_clear_pointer (out, chronicle_time_free);
  *out = chronicle_time_copy (&time);
  return TRUE;
}

static gboolean
parse_list (JsonNode     *node,
            const char   *path,
            gboolean      statuses,
            char       ***out,
            GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_type_error (error, path, _("an array"), node);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *element_path = g_strdup_printf ("%s[%u]", path, i);
      const char *text = parse_string (json_array_get_element (array, i), element_path, error);
      ChronicleEventStatus status;

      if (text == NULL)
        return FALSE;

      if (statuses && !chronicle_event_status_from_string (text, &status))
        {
          g_autofree char *message = NULL;

          message = g_strdup_printf (_("expected “occurred”, “planned”, “reported” or “cancelled”, "
                                       "found “%s”"),
                                     text);

          set_parse_error (error, element_path, message);
          return FALSE;
        }

      g_strv_builder_add (builder, text);
    }

  /* An empty list is no constraint, as everywhere in the state. */
  g_clear_pointer (out, g_strfreev);
  if (json_array_get_length (array) > 0)
    *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
parse_filter (JsonObject          *object,
              GTimeZone           *tz,
              ChronicleViewState  *state,
              GError             **error)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      g_autofree char *path = g_strconcat ("filter.", name, NULL);
      gboolean ok = TRUE;

      if (g_str_equal (name, "kinds"))
        ok = parse_list (node, path, FALSE, &state->kinds, error);
      else if (g_str_equal (name, "statuses"))
        ok = parse_list (node, path, TRUE, &state->statuses, error);
      else if (g_str_equal (name, "actors"))
        ok = parse_list (node, path, FALSE, &state->actors, error);
      else if (g_str_equal (name, "tags"))
        ok = parse_list (node, path, FALSE, &state->tags, error);
      else if (g_str_equal (name, "text"))
        {
          const char *text = parse_string (node, path, error);

          ok = text != NULL;
          if (ok && *text != '\0')
            set_string (&state->text, text);
        }
      else if (g_str_equal (name, "from"))
        ok = parse_time (node, path, tz, &state->from, error);
      else if (g_str_equal (name, "to"))
        ok = parse_time (node, path, tz, &state->to, error);
      else
        json_object_set_member (extra, name, json_node_copy (node));

      if (!ok)
        return FALSE;
    }

  if (json_object_get_size (extra) > 0)
    set_json_object (&state->extra_filter_members, extra);

  return TRUE;
}

static gboolean
parse_window (JsonObject          *object,
              GTimeZone           *tz,
              ChronicleViewState  *state,
              GError             **error)
{
  JsonNode *node;

  if ((node = json_object_get_member (object, "from")) &&
      !parse_time (node, "window.from", tz, &state->window_from, error))
    return FALSE;

  if ((node = json_object_get_member (object, "to")) &&
      !parse_time (node, "window.to", tz, &state->window_to, error))
    return FALSE;

  return TRUE;
}

/* Fills a fresh @state from a view object, without notifications. */
static gboolean
parse_view (JsonNode            *root,
            GTimeZone           *tz,
            ChronicleViewState  *state,
            GError             **error)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autofree char *message = NULL;

      /* Translators: both are type names: "expected a string, found a number" */
      message = g_strdup_printf (_("expected %s, found %s"), _("an object"), describe_node (root));
      g_set_error_literal (error, CHRONICLE_VIEW_STATE_ERROR, CHRONICLE_VIEW_STATE_ERROR_INVALID,
                           message);
      return FALSE;
    }

  object = json_node_get_object (root);
  if (!json_object_has_member (object, "id"))
    {
      g_set_error_literal (error, CHRONICLE_VIEW_STATE_ERROR, CHRONICLE_VIEW_STATE_ERROR_INVALID,
                           _("missing “id”: every view needs an id"));
      return FALSE;
    }

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (g_str_equal (name, "id") || g_str_equal (name, "title"))
        {
          const char *text = parse_string (node, name, error);

          if (text == NULL)
            return FALSE;

          if (g_str_equal (name, "id") && *text == '\0')
            {
              set_parse_error (error, name, _("expected text, found an empty string"));
              return FALSE;
            }

          set_string (g_str_equal (name, "id") ? &state->id : &state->title,
                      *text != '\0' ? text : NULL);
        }
      else if (g_str_equal (name, "filter"))
        {
          JsonObject *filter = parse_object (node, name, error);

          if (filter == NULL || !parse_filter (filter, tz, state, error))
            return FALSE;
        }
      else if (g_str_equal (name, "group_by"))
        {
          const char *text = parse_string (node, name, error);

          if (text == NULL)
            return FALSE;

          if (!chronicle_group_by_from_string (text, &state->group_by))
            {
              g_autofree char *message = NULL;

              message = g_strdup_printf (_("expected “kind”, “actor”, “tag”, “status” or “none”, "
                                           "found “%s”"),
                                         text);

              set_parse_error (error, name, message);
              return FALSE;
            }

          state->group_by_explicit = TRUE;
        }
      else if (g_str_equal (name, "window"))
        {
          JsonObject *window = parse_object (node, name, error);

          if (window == NULL || !parse_window (window, tz, state, error))
            return FALSE;
        }
      else
        {
          json_object_set_member (extra, name, json_node_copy (node));
        }
    }

  if (json_object_get_size (extra) > 0)
    set_json_object (&state->extra_members, extra);

  return TRUE;
}

/* GObject */

static void
chronicle_view_state_finalize (GObject *object)
{
  ChronicleViewState *self = (ChronicleViewState *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->kinds, g_strfreev);
  g_clear_pointer (&self->statuses, g_strfreev);
  g_clear_pointer (&self->actors, g_strfreev);
  g_clear_pointer (&self->tags, g_strfreev);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->from, chronicle_time_free);
  g_clear_pointer (&self->to, chronicle_time_free);
  g_clear_pointer (&self->window_from, chronicle_time_free);
  g_clear_pointer (&self->window_to, chronicle_time_free);
  g_clear_pointer (&self->extra_members, json_object_unref);
  g_clear_pointer (&self->extra_filter_members, json_object_unref);

  G_OBJECT_CLASS (chronicle_view_state_parent_class)->finalize (object);
}

static void
chronicle_view_state_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChronicleViewState *self = CHRONICLE_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_KINDS:
      g_value_set_boxed (value, self->kinds);
      break;

    case PROP_STATUSES:
      g_value_set_boxed (value, self->statuses);
      break;

    case PROP_ACTORS:
      g_value_set_boxed (value, self->actors);
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_FROM:
      g_value_set_boxed (value, self->from);
      break;

    case PROP_TO:
      g_value_set_boxed (value, self->to);
      break;

    case PROP_GROUP_BY:
      g_value_set_enum (value, self->group_by);
      break;

    case PROP_WINDOW_FROM:
      g_value_set_boxed (value, self->window_from);
      break;

    case PROP_WINDOW_TO:
      g_value_set_boxed (value, self->window_to);
      break;

    case PROP_HIDE_NON_MATCHING:
      g_value_set_boolean (value, self->hide_non_matching);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_view_state_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChronicleViewState *self = CHRONICLE_VIEW_STATE (object);

  switch (prop_id)
    {
    case PROP_ID:
      chronicle_view_state_set_id (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      chronicle_view_state_set_title (self, g_value_get_string (value));
      break;

    case PROP_KINDS:
      chronicle_view_state_set_kinds (self, g_value_get_boxed (value));
      break;

    case PROP_STATUSES:
      chronicle_view_state_set_statuses (self, g_value_get_boxed (value));
      break;

    case PROP_ACTORS:
      chronicle_view_state_set_actors (self, g_value_get_boxed (value));
      break;

    case PROP_TAGS:
      chronicle_view_state_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_TEXT:
      chronicle_view_state_set_text (self, g_value_get_string (value));
      break;

    case PROP_FROM:
      chronicle_view_state_set_from (self, g_value_get_boxed (value));
      break;

    case PROP_TO:
      chronicle_view_state_set_to (self, g_value_get_boxed (value));
      break;

    case PROP_GROUP_BY:
      chronicle_view_state_set_group_by (self, g_value_get_enum (value));
      break;

    case PROP_WINDOW_FROM:
      chronicle_view_state_set_window_from (self, g_value_get_boxed (value));
      break;

    case PROP_WINDOW_TO:
      chronicle_view_state_set_window_to (self, g_value_get_boxed (value));
      break;

    case PROP_HIDE_NON_MATCHING:
      chronicle_view_state_set_hide_non_matching (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_view_state_class_init (ChronicleViewStateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_view_state_finalize;
  object_class->get_property = chronicle_view_state_get_property;
  object_class->set_property = chronicle_view_state_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KINDS] =
    g_param_spec_boxed ("kinds", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_STATUSES] =
    g_param_spec_boxed ("statuses", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTORS] =
    g_param_spec_boxed ("actors", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FROM] =
    g_param_spec_boxed ("from", NULL, NULL,
                        CHRONICLE_TYPE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TO] =
    g_param_spec_boxed ("to", NULL, NULL,
                        CHRONICLE_TYPE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GROUP_BY] =
    g_param_spec_enum ("group-by", NULL, NULL,
                       CHRONICLE_TYPE_GROUP_BY,
                       CHRONICLE_VIEW_STATE_DEFAULT_GROUP_BY,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_WINDOW_FROM] =
    g_param_spec_boxed ("window-from", NULL, NULL,
                        CHRONICLE_TYPE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_WINDOW_TO] =
    g_param_spec_boxed ("window-to", NULL, NULL,
                        CHRONICLE_TYPE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HIDE_NON_MATCHING] =
    g_param_spec_boolean ("hide-non-matching", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronicleViewState::changed:
   * @changes: the #ChronicleViewStateChange flags of what changed
   *
   * Emitted once per change, or once per frozen batch of changes, after
   * the properties' notifications.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, CHRONICLE_TYPE_VIEW_STATE_CHANGE);
}

static void
chronicle_view_state_init (ChronicleViewState *self)
{
  self->group_by = CHRONICLE_VIEW_STATE_DEFAULT_GROUP_BY;
  self->hide_non_matching = TRUE;
}

/* Public API */

ChronicleViewState *
chronicle_view_state_new (void)
{
  return g_object_new (CHRONICLE_TYPE_VIEW_STATE, NULL);
}

ChronicleViewState *
chronicle_view_state_new_from_view (ChronicleView *view)
{
  ChronicleViewState *self;

  g_return_val_if_fail (CHRONICLE_IS_VIEW (view), NULL);

  self = chronicle_view_state_new ();
  chronicle_view_state_set_from_view (self, view);

  return self;
}

/**
 * chronicle_view_state_new_from_json:
 * @node: a view object, as in a timeline file's "views"
 * @tz: (nullable): the time zone of the timeline
 * @error: the place of the first problem and what it is
 *
 * Returns: (transfer full) (nullable): the state, or %NULL with @error set
 */
ChronicleViewState *
chronicle_view_state_new_from_json (JsonNode   *node,
                                    GTimeZone  *tz,
                                    GError    **error)
{
  g_autoptr(ChronicleViewState) self = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = chronicle_view_state_new ();
  if (!parse_view (node, tz, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

ChronicleViewState *
chronicle_view_state_copy (ChronicleViewState *self)
{
  ChronicleViewState *copy;

  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  copy = chronicle_view_state_new ();
  chronicle_view_state_assign (copy, self, TRUE);

  return copy;
}

void
chronicle_view_state_set_from_view (ChronicleViewState *self,
                                    ChronicleView      *view)
{
  g_autoptr(ChronicleView) copy = NULL;
  const char *group_by_text;
  ChronicleGroupBy group_by = CHRONICLE_VIEW_STATE_DEFAULT_GROUP_BY;
  gboolean explicit_group_by = FALSE;

  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));
  g_return_if_fail (CHRONICLE_IS_VIEW (view));

  /* Our own copy of the unknown members: the view may change later. */
  copy = chronicle_view_copy (view);

  group_by_text = chronicle_view_get_group_by (copy);
  if (group_by_text != NULL && chronicle_group_by_from_string (group_by_text, &group_by))
    explicit_group_by = TRUE;
  else
    group_by = CHRONICLE_VIEW_STATE_DEFAULT_GROUP_BY;

  chronicle_view_state_freeze (self);

  chronicle_view_state_set_id (self, chronicle_view_get_id (copy));
  chronicle_view_state_set_title (self, chronicle_view_get_title (copy));
  chronicle_view_state_set_kinds (self, chronicle_view_get_kinds (copy));
  chronicle_view_state_set_statuses (self, chronicle_view_get_statuses (copy));
  chronicle_view_state_set_actors (self, chronicle_view_get_actors (copy));
  chronicle_view_state_set_tags (self, chronicle_view_get_tags (copy));
  chronicle_view_state_set_text (self, chronicle_view_get_text (copy));
  chronicle_view_state_set_from (self, chronicle_view_get_from (copy));
  chronicle_view_state_set_to (self, chronicle_view_get_to (copy));
  chronicle_view_state_set_group_by (self, group_by);
  chronicle_view_state_set_window_from (self, chronicle_view_get_window_from (copy));
  chronicle_view_state_set_window_to (self, chronicle_view_get_window_to (copy));
  self->group_by_explicit = explicit_group_by;
  set_json_object (&self->extra_members, chronicle_view_get_extra_members (copy));
  set_json_object (&self->extra_filter_members, chronicle_view_get_extra_filter_members (copy));

  chronicle_view_state_thaw (self);
}

/**
 * chronicle_view_state_to_view:
 * @self: a #ChronicleViewState
 * @id: (nullable): the id of the view, or %NULL for the state's id
 *
 * Returns: (transfer full): a new view, sharing nothing with @self
 */
ChronicleView *
chronicle_view_state_to_view (ChronicleViewState *self,
                              const char         *id)
{
  g_autoptr(ChronicleView) view = NULL;

  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  if (id == NULL)
    id = self->id;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  view = chronicle_view_new (id);
  chronicle_view_set_title (view, self->title);
  chronicle_view_set_kinds (view, (const char * const *)self->kinds);
  chronicle_view_set_statuses (view, (const char * const *)self->statuses);
  chronicle_view_set_actors (view, (const char * const *)self->actors);
  chronicle_view_set_tags (view, (const char * const *)self->tags);
  chronicle_view_set_text (view, self->text);
  chronicle_view_set_from (view, self->from);
  chronicle_view_set_to (view, self->to);
  if (self->group_by_explicit || self->group_by != CHRONICLE_VIEW_STATE_DEFAULT_GROUP_BY)
    chronicle_view_set_group_by (view, chronicle_group_by_to_string (self->group_by));
  chronicle_view_set_window_from (view, self->window_from);
  chronicle_view_set_window_to (view, self->window_to);
  chronicle_view_set_extra_members (view, self->extra_members);
  chronicle_view_set_extra_filter_members (view, self->extra_filter_members);

  /* The copy does not share the unknown members with us. */
  return chronicle_view_copy (view);
}

/**
 * chronicle_view_state_to_json:
 * @self: a #ChronicleViewState
 * @id: (nullable): the id of the view, or %NULL for the state's id
 *
 * Returns: (transfer full): the view object of the timeline format
 */
JsonNode *
chronicle_view_state_to_json (ChronicleViewState *self,
                              const char         *id)
{
  g_autoptr(ChronicleView) view = NULL;

  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  view = chronicle_view_state_to_view (self, id);
  g_return_val_if_fail (view != NULL, NULL);

  return chronicle_writer_serialize_view (view);
}

void
chronicle_view_state_assign (ChronicleViewState *self,
                             ChronicleViewState *other,
                             gboolean            include_display)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (other));

  if (self == other)
    return;

  chronicle_view_state_freeze (self);

  chronicle_view_state_set_id (self, other->id);
  chronicle_view_state_set_title (self, other->title);
  chronicle_view_state_set_kinds (self, (const char * const *)other->kinds);
  chronicle_view_state_set_statuses (self, (const char * const *)other->statuses);
  chronicle_view_state_set_actors (self, (const char * const *)other->actors);
  chronicle_view_state_set_tags (self, (const char * const *)other->tags);
  chronicle_view_state_set_text (self, other->text);
  chronicle_view_state_set_from (self, other->from);
  chronicle_view_state_set_to (self, other->to);
  chronicle_view_state_set_group_by (self, other->group_by);
  chronicle_view_state_set_window_from (self, other->window_from);
  chronicle_view_state_set_window_to (self, other->window_to);
  if (include_display)
    chronicle_view_state_set_hide_non_matching (self, other->hide_non_matching);
  self->group_by_explicit = other->group_by_explicit;
  set_json_object (&self->extra_members, other->extra_members);
  set_json_object (&self->extra_filter_members, other->extra_filter_members);

  chronicle_view_state_thaw (self);
}

/* Compares what a view stores; hide-non-matching and unknown members do
 * not count. */
gboolean
chronicle_view_state_equal (ChronicleViewState *a,
                            ChronicleViewState *b)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (a), FALSE);
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (b), FALSE);

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_strcmp0 (a->title, b->title) == 0 &&
         strv_same ((const char * const *)a->kinds, (const char * const *)b->kinds) &&
         strv_same ((const char * const *)a->statuses, (const char * const *)b->statuses) &&
         strv_same ((const char * const *)a->actors, (const char * const *)b->actors) &&
         strv_same ((const char * const *)a->tags, (const char * const *)b->tags) &&
         g_strcmp0 (a->text, b->text) == 0 &&
         time_same (a->from, b->from) &&
         time_same (a->to, b->to) &&
         a->group_by == b->group_by &&
         time_same (a->window_from, b->window_from) &&
         time_same (a->window_to, b->window_to);
}

void
chronicle_view_state_freeze (ChronicleViewState *self)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  self->freeze_count++;
  g_object_freeze_notify (G_OBJECT (self));
}

void
chronicle_view_state_thaw (ChronicleViewState *self)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));
  g_return_if_fail (self->freeze_count > 0);

  self->freeze_count--;
  g_object_thaw_notify (G_OBJECT (self));
  chronicle_view_state_emit_changed (self);
}

void
chronicle_view_state_clear_filters (ChronicleViewState *self)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  chronicle_view_state_freeze (self);
  chronicle_view_state_set_kinds (self, NULL);
  chronicle_view_state_set_statuses (self, NULL);
  chronicle_view_state_set_actors (self, NULL);
  chronicle_view_state_set_tags (self, NULL);
  chronicle_view_state_set_text (self, NULL);
  chronicle_view_state_set_from (self, NULL);
  chronicle_view_state_set_to (self, NULL);
  chronicle_view_state_thaw (self);
}

gboolean
chronicle_view_state_has_filter (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), FALSE);

  return self->kinds != NULL ||
         self->statuses != NULL ||
         self->actors != NULL ||
         self->tags != NULL ||
         self->from != NULL ||
         self->to != NULL;
}

gboolean
chronicle_view_state_is_default (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), FALSE);

  return !chronicle_view_state_has_filter (self) && self->text == NULL;
}

const char *
chronicle_view_state_get_id (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  return self->id;
}

/* %NULL for a state that is not (yet) a named view. */
void
chronicle_view_state_set_id (ChronicleViewState *self,
                             const char         *id)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  if (id != NULL && *id == '\0')
    id = NULL;

  if (set_string (&self->id, id))
    chronicle_view_state_changed (self, PROP_ID, CHRONICLE_VIEW_STATE_CHANGE_NAME);
}

const char *
chronicle_view_state_get_title (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  return self->title;
}

void
chronicle_view_state_set_title (ChronicleViewState *self,
                                const char         *title)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  if (title != NULL && *title == '\0')
    title = NULL;

  if (set_string (&self->title, title))
    chronicle_view_state_changed (self, PROP_TITLE, CHRONICLE_VIEW_STATE_CHANGE_NAME);
}

const char * const *
chronicle_view_state_get_kinds (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  return (const char * const *)self->kinds;
}

void
chronicle_view_state_set_kinds (ChronicleViewState *self,
                                const char * const *kinds)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  if (set_strv (&self->kinds, kinds))
    chronicle_view_state_changed (self, PROP_KINDS, CHRONICLE_VIEW_STATE_CHANGE_FILTER);
}

const char * const *
chronicle_view_state_get_statuses (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  return (const char * const *)self->statuses;
}

void
chronicle_view_state_set_statuses (ChronicleViewState *self,
                                   const char * const *statuses)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  if (set_strv (&self->statuses, statuses))
    chronicle_view_state_changed (self, PROP_STATUSES, CHRONICLE_VIEW_STATE_CHANGE_FILTER);
}

const char * const *
chronicle_view_state_get_actors (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  return (const char * const *)self->actors;
}

void
chronicle_view_state_set_actors (ChronicleViewState *self,
                                 const char * const *actors)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  if (set_strv (&self->actors, actors))
    chronicle_view_state_changed (self, PROP_ACTORS, CHRONICLE_VIEW_STATE_CHANGE_FILTER);
}

const char * const *
chronicle_view_state_get_tags (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  return (const char * const *)self->tags;
}

void
chronicle_view_state_set_tags (ChronicleViewState *self,
                               const char * const *tags)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  if (set_strv (&self->tags, tags))
    chronicle_view_state_changed (self, PROP_TAGS, CHRONICLE_VIEW_STATE_CHANGE_FILTER);
}

const char *
chronicle_view_state_get_text (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  return self->text;
}

void
chronicle_view_state_set_text (ChronicleViewState *self,
                               const char         *text)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  if (text != NULL && *text == '\0')
    text = NULL;

  if (set_string (&self->text, text))
    chronicle_view_state_changed (self, PROP_TEXT, CHRONICLE_VIEW_STATE_CHANGE_TEXT);
}

const ChronicleTime *
chronicle_view_state_get_from (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  return self->from;
}

void
chronicle_view_state_set_from (ChronicleViewState  *self,
                               const ChronicleTime *from)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  if (set_time (&self->from, from))
    chronicle_view_state_changed (self, PROP_FROM, CHRONICLE_VIEW_STATE_CHANGE_FILTER);
}

const ChronicleTime *
chronicle_view_state_get_to (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  return self->to;
}

void
chronicle_view_state_set_to (ChronicleViewState  *self,
                             const ChronicleTime *to)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  if (set_time (&self->to, to))
    chronicle_view_state_changed (self, PROP_TO, CHRONICLE_VIEW_STATE_CHANGE_FILTER);
}

void
chronicle_view_state_set_range (ChronicleViewState  *self,
                                const ChronicleTime *from,
                                const ChronicleTime *to)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  chronicle_view_state_freeze (self);
  chronicle_view_state_set_from (self, from);
  chronicle_view_state_set_to (self, to);
  chronicle_view_state_thaw (self);
}

ChronicleGroupBy
chronicle_view_state_get_group_by (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), CHRONICLE_VIEW_STATE_DEFAULT_GROUP_BY);

  return self->group_by;
}

void
chronicle_view_state_set_group_by (ChronicleViewState *self,
                                   ChronicleGroupBy    group_by)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  /* Chosen, even when it is the default: a saved view keeps it. */
  self->group_by_explicit = TRUE;

  if (self->group_by == group_by)
    return;

  self->group_by = group_by;
  chronicle_view_state_changed (self, PROP_GROUP_BY, CHRONICLE_VIEW_STATE_CHANGE_GROUPING);
}

const ChronicleTime *
chronicle_view_state_get_window_from (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  return self->window_from;
}

void
chronicle_view_state_set_window_from (ChronicleViewState  *self,
                                      const ChronicleTime *window_from)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  if (set_time (&self->window_from, window_from))
    chronicle_view_state_changed (self, PROP_WINDOW_FROM, CHRONICLE_VIEW_STATE_CHANGE_WINDOW);
}

const ChronicleTime *
chronicle_view_state_get_window_to (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), NULL);

  return self->window_to;
}

void
chronicle_view_state_set_window_to (ChronicleViewState  *self,
                                    const ChronicleTime *window_to)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  if (set_time (&self->window_to, window_to))
    chronicle_view_state_changed (self, PROP_WINDOW_TO, CHRONICLE_VIEW_STATE_CHANGE_WINDOW);
}

gboolean
chronicle_view_state_get_hide_non_matching (ChronicleViewState *self)
{
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (self), TRUE);

  return self->hide_non_matching;
}

void
chronicle_view_state_set_hide_non_matching (ChronicleViewState *self,
                                            gboolean            hide)
{
  g_return_if_fail (CHRONICLE_IS_VIEW_STATE (self));

  hide = !!hide;
  if (self->hide_non_matching == hide)
    return;

  self->hide_non_matching = hide;
  chronicle_view_state_changed (self, PROP_HIDE_NON_MATCHING, CHRONICLE_VIEW_STATE_CHANGE_DISPLAY);
}
