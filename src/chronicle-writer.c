/* chronicle-writer.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-writer"

#include "config.h"

#include "chronicle-writer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#define FORMAT_NAME "chronicle-timeline"
#define FORMAT_VERSION 1

/*
 * The document is built as JsonNodes, but the text is written by the code
 * below rather than by JsonGenerator: json-glib 1.6 writes 1e20 as
 * "1e+20.0", which is not JSON (and which it cannot read back), 0.1 as
 * "0.10000000000000001", and an empty object as "{  }". to_bytes() writes
 * the events directly, without building them as JsonNodes first.
 */

/* Building the nodes */

static JsonNode *
time_node (const ChronicleTime *time)
{
  g_autofree char *text = chronicle_time_to_iso8601 (time);

  return json_node_init_string (json_node_alloc (), text);
}

/* Empty and absent strings are the default, and are left out. */
static void
set_text (JsonObject *object,
          const char *name,
          const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, name, value);
}

static void
set_time (JsonObject          *object,
          const char          *name,
          const ChronicleTime *time)
{
  if (time != NULL)
    json_object_set_member (object, name, time_node (time));
}

static JsonArray *
strv_to_array (const char * const *strv)
{
  JsonArray *array = json_array_sized_new (g_strv_length ((char **) strv));

  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);

  return array;
}

/* Empty lists are the default, for events and view filters alike. */
static void
set_list (JsonObject         *object,
          const char         *name,
          const char * const *strv)
{
  if (strv != NULL && strv[0] != NULL)
    json_object_set_array_member (object, name, strv_to_array (strv));
}

/* json_node_copy() shares objects and arrays: the document would share
 * them with the model, and a change to one would change the other. */
static JsonNode *
copy_node (JsonNode *node)
{
  JsonNode *copy;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (object, name, copy_node (member));

        copy = json_node_new (JSON_NODE_OBJECT);
        json_node_take_object (copy, object);
        return copy;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        guint n = json_array_get_length (source);
        JsonArray *array = json_array_sized_new (n);

        for (guint i = 0; i < n; i++)
          json_array_add_element (array, copy_node (json_array_get_element (source, i)));

        copy = json_node_new (JSON_NODE_ARRAY);
        json_node_take_array (copy, array);
        return copy;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/* The names the format gives a meaning to. An unknown member with one of
 * them (one the app added, as the loader never makes one) is not written:
 * read back, it would be taken for the known one. */
static const char * const top_level_names[] = {
  "format", "version", "title", "description", "timezone",
  "kinds", "actors", "eras", "views", "events", NULL
};
static const char * const event_names[] = {
  "id", "title", "kind", "status", "start", "end", "approximate", "summary",
  "description", "actors", "location", "quotes", "sources", "tags", NULL
};
static const char * const view_names[] = {
  "id", "title", "filter", "group_by", "window", NULL
};
static const char * const filter_names[] = {
  "kinds", "statuses", "actors", "tags", "text", "from", "to", NULL
};

static gboolean
is_known (const char * const *known,
          const char         *name)
{
  for (guint i = 0; known[i] != NULL; i++)
    if (strcmp (name, known[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Unknown members go after the known ones, in the order the file had. */
static void
add_extra_members (JsonObject         *object,
                   JsonObject         *extra,
                   const char * const *known)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (extra == NULL)
    return;

  json_object_iter_init_ordered (&iter, extra);

  while (json_object_iter_next_ordered (&iter, &name, &node))
    if (!is_known (known, name))
      json_object_set_member (object, name, copy_node (node));
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

static JsonNode *
serialize_quote (const ChronicleQuote *quote)
{
  JsonObject *object = json_object_new ();

  set_text (object, "text", quote->text);
  set_text (object, "speaker", quote->speaker);
  set_text (object, "source", quote->source);

  return object_node (object);
}

static JsonNode *
serialize_source (const ChronicleSource *source)
{
  JsonObject *object = json_object_new ();

  set_text (object, "title", source->title);
  set_text (object, "publisher", source->publisher);
  set_text (object, "url", source->url);
  set_text (object, "date", source->date);

  return object_node (object);
}

/* Only what differs from the kind's defaults: a relabelled built-in kind
 * keeps the built-in colour and icon without writing them. */
static JsonNode *
serialize_kind (ChronicleKind *kind)
{
  const char *id = chronicle_kind_get_id (kind);
  g_autoptr(ChronicleKind) defaults = chronicle_kind_new (id, NULL, NULL, NULL);
  JsonObject *object = json_object_new ();
  const char *value;

  json_object_set_string_member (object, "id", id);

  value = chronicle_kind_get_label (kind);
  if (g_strcmp0 (value, chronicle_kind_get_label (defaults)) != 0)
    set_text (object, "label", value);

  value = chronicle_kind_get_color (kind);
  if (g_strcmp0 (value, chronicle_kind_get_color (defaults)) != 0)
    set_text (object, "color", value);

  value = chronicle_kind_get_icon_name (kind);
  if (g_strcmp0 (value, chronicle_kind_get_icon_name (defaults)) != 0)
    set_text (object, "icon", value);

  return object_node (object);
}

static JsonNode *
serialize_actor (ChronicleActor *actor)
{
  JsonObject *object = json_object_new ();

  set_text (object, "id", chronicle_actor_get_id (actor));
  set_text (object, "name", chronicle_actor_get_name (actor));
  set_text (object, "role", chronicle_actor_get_role (actor));

  return object_node (object);
}

static JsonNode *
serialize_era (ChronicleEra *era)
{
  JsonObject *object = json_object_new ();

  set_text (object, "title", chronicle_era_get_title (era));
  set_time (object, "start", chronicle_era_get_start (era));
  set_time (object, "end", chronicle_era_get_end (era));
  set_text (object, "color", chronicle_era_get_color (era));

  return object_node (object);
}

static int
compare_file_index (gconstpointer a,
                    gconstpointer b)
{
  guint ia = chronicle_event_get_file_index (*(ChronicleEvent **) a);
  guint ib = chronicle_event_get_file_index (*(ChronicleEvent **) b);

  return ia < ib ? -1 : ia > ib;
}

/* The events to write, borrowed, in file order: the order they were read
 * in, so that a file round-trips. The sort is stable: events that share a
 * file index stay in start order. */
static GPtrArray *
collect_events (ChronicleTimeline *timeline,
                GPtrArray         *events)
{
  GPtrArray *sorted;

  if (events != NULL)
    {
      sorted = g_ptr_array_sized_new (events->len);
      for (guint i = 0; i < events->len; i++)
        g_ptr_array_add (sorted, g_ptr_array_index (events, i));
    }
  else
    {
      guint n = chronicle_timeline_get_n_events (timeline);

      sorted = g_ptr_array_sized_new (n);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (sorted, chronicle_timeline_get_event (timeline, i));
    }

  g_ptr_array_sort (sorted, compare_file_index);

  return sorted;
}

/* Everything before "events": with @events a subset, only the actors and
 * the declared kinds they use. */
static JsonObject *
serialize_head (ChronicleTimeline *timeline,
                GPtrArray         *events,
                gboolean           subset)
{
  g_autoptr(GHashTable) used_kinds = NULL;
  g_autoptr(GHashTable) used_actors = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *array;
  GListModel *model;
  guint n;

  if (subset)
    {
      used_kinds = g_hash_table_new (g_str_hash, g_str_equal);
      used_actors = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < events->len; i++)
        {
          ChronicleEvent *event = g_ptr_array_index (events, i);
          const char * const *actors = chronicle_event_get_actors (event);
          GPtrArray *quotes = chronicle_event_get_quotes (event);

          g_hash_table_add (used_kinds, (gpointer) chronicle_event_get_kind (event));

          for (guint j = 0; actors != NULL && actors[j] != NULL; j++)
            g_hash_table_add (used_actors, (gpointer) actors[j]);

          for (guint j = 0; j < quotes->len; j++)
            {
              const ChronicleQuote *quote = g_ptr_array_index (quotes, j);

              if (quote->speaker != NULL)
                g_hash_table_add (used_actors, quote->speaker);
            }
        }
    }

  json_object_set_string_member (object, "format", FORMAT_NAME);
  json_object_set_int_member (object, "version", FORMAT_VERSION);
  set_text (object, "title", chronicle_timeline_get_title (timeline));
  set_text (object, "description", chronicle_timeline_get_description (timeline));
  set_text (object, "timezone", chronicle_timeline_get_timezone (timeline));

  model = chronicle_timeline_get_kinds (timeline);
  n = g_list_model_get_n_items (model);
  array = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleKind) kind = g_list_model_get_item (model, i);
      const char *id = chronicle_kind_get_id (kind);

      if (chronicle_timeline_kind_is_declared (timeline, id) &&
          (used_kinds == NULL || g_hash_table_contains (used_kinds, id)))
        json_array_add_element (array, serialize_kind (kind));
    }
  if (json_array_get_length (array) > 0)
    json_object_set_array_member (object, "kinds", array);
  else
    json_array_unref (array);

  model = chronicle_timeline_get_actors (timeline);
  n = g_list_model_get_n_items (model);
  array = json_array_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronicleActor) actor = g_list_model_get_item (model, i);

      if (used_actors == NULL || g_hash_table_contains (used_actors, chronicle_actor_get_id (actor)))
        json_array_add_element (array, serialize_actor (actor));
    }
  if (json_array_get_length (array) > 0)
    json_object_set_array_member (object, "actors", array);
  else
    json_array_unref (array);

  model = chronicle_timeline_get_eras (timeline);
  n = g_list_model_get_n_items (model);
  if (n > 0)
    {
      array = json_array_sized_new (n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ChronicleEra) era = g_list_model_get_item (model, i);

          json_array_add_element (array, serialize_era (era));
        }
      json_object_set_array_member (object, "eras", array);
    }

  model = chronicle_timeline_get_views (timeline);
  n = g_list_model_get_n_items (model);
  if (n > 0)
    {
      array = json_array_sized_new (n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ChronicleView) view = g_list_model_get_item (model, i);

          json_array_add_element (array, chronicle_writer_serialize_view (view));
        }
      json_object_set_array_member (object, "views", array);
    }

  return object;
}

/* Writing the text */

static void
write_node (GString  *out,
            JsonNode *node,
            guint     indent);

static void
write_indent (GString *out,
              guint    indent)
{
  static const char spaces[] = "                                ";

  while (indent > 0)
    {
      guint n = MIN (indent, sizeof spaces - 1);

      g_string_append_len (out, spaces, n);
      indent -= n;
    }
}

static void
write_string (GString    *out,
              const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');

  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;

        case '\\':
          g_string_append (out, "\\\\");
          break;

        case '\b':
          g_string_append (out, "\\b");
          break;

        case '\f':
          g_string_append (out, "\\f");
          break;

        case '\n':
          g_string_append (out, "\\n");
          break;

        case '\r':
          g_string_append (out, "\\r");
          break;

        case '\t':
          g_string_append (out, "\\t");
          break;

        default:
          g_string_append_printf (out, "\\u%04x", c);
          break;
        }
    }

  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* The shortest text that reads back as the same double, and that still
 * reads as a double: 0.1 is "0.1", not "0.10000000000000001"; 2.0 is
 * "2.0", not "2". */
static void
write_double (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* JSON cannot say it; the loader never makes one. */
  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.16g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);

  g_string_append (out, buffer);

  if (strpbrk (buffer, ".e") == NULL)
    g_string_append (out, ".0");
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    write_string (out, json_node_get_string (node));
  else if (type == G_TYPE_INT64)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (type == G_TYPE_DOUBLE)
    write_double (out, json_node_get_double (node));
  else if (type == G_TYPE_BOOLEAN)
    g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
  else
    g_string_append (out, "null");
}

/* Members and elements open their container when they are the first, so
 * that an empty one is written "{}" or "[]". @indent is the container's. */
static void
write_key (GString    *out,
           const char *name,
           guint       indent,
           gboolean   *first)
{
  g_string_append (out, *first ? "{\n" : ",\n");
  *first = FALSE;

  write_indent (out, indent + 2);
  write_string (out, name);
  g_string_append (out, ": ");
}

static void
write_item (GString  *out,
            guint     indent,
            gboolean *first)
{
  g_string_append (out, *first ? "[\n" : ",\n");
  *first = FALSE;

  write_indent (out, indent + 2);
}

static void
write_member (GString    *out,
              const char *name,
              JsonNode   *node,
              guint       indent,
              gboolean   *first)
{
  write_key (out, name, indent, first);
  write_node (out, node, indent + 2);
}

static void
write_element (GString  *out,
               JsonNode *node,
               guint     indent,
               gboolean *first)
{
  write_item (out, indent, first);
  write_node (out, node, indent + 2);
}

static void
write_close (GString  *out,
             char      open,
             char      close,
             guint     indent,
             gboolean  empty)
{
  if (empty)
    {
      g_string_append_c (out, open);
    }
  else
    {
      g_string_append_c (out, '\n');
      write_indent (out, indent);
    }

  g_string_append_c (out, close);
}

static void
write_object_members (GString    *out,
                      JsonObject *object,
                      guint       indent,
                      gboolean   *first)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init_ordered (&iter, object);

  while (json_object_iter_next_ordered (&iter, &name, &node))
    write_member (out, name, node, indent, first);
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     indent)
{
  gboolean first = TRUE;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_object_members (out, json_node_get_object (node), indent, &first);
      write_close (out, '{', '}', indent, first);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          write_element (out, json_array_get_element (array, i), indent, &first);
        write_close (out, '[', ']', indent, first);
      }
      break;

    case JSON_NODE_VALUE:
      write_value (out, node);
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* The direct writing of an event, for to_bytes() */

static void
write_text_member (GString    *out,
                   const char *name,
                   const char *value,
                   guint       indent,
                   gboolean   *first)
{
  if (value == NULL || *value == '\0')
    return;

  write_key (out, name, indent, first);
  write_string (out, value);
}

static void
write_time_member (GString             *out,
                   const char          *name,
                   const ChronicleTime *time,
                   guint                indent,
                   gboolean            *first)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    return;

  text = chronicle_time_to_iso8601 (time);
  write_key (out, name, indent, first);
  write_string (out, text);
}

static void
write_list_member (GString            *out,
                   const char         *name,
                   const char * const *strv,
                   guint               indent,
                   gboolean           *first)
{
  gboolean first_item = TRUE;

  if (strv == NULL || strv[0] == NULL)
    return;

  write_key (out, name, indent, first);
  for (guint i = 0; strv[i] != NULL; i++)
    {
      write_item (out, indent + 2, &first_item);
      write_string (out, strv[i]);
    }
  write_close (out, '[', ']', indent + 2, FALSE);
}

/*
 * Writes what chronicle_writer_serialize_event() builds, without building
 * it: for a large timeline, making and freeing a JsonObject per event
 * costs more than all the writing. The tests and the fuzzer check that the
 * two agree.
 */
static void
write_event (GString        *out,
             ChronicleEvent *event,
             guint           indent)
{
  ChronicleEventStatus status = chronicle_event_get_status (event);
  JsonObject *extra = chronicle_event_get_extra_members (event);
  gboolean first = TRUE;
  GPtrArray *items;

  if (!chronicle_event_has_derived_id (event))
    write_text_member (out, "id", chronicle_event_get_id (event), indent, &first);
  write_text_member (out, "title", chronicle_event_get_title (event), indent, &first);
  write_key (out, "kind", indent, &first);
  write_string (out, chronicle_event_get_kind (event));
  if (status != CHRONICLE_EVENT_STATUS_OCCURRED)
    write_text_member (out, "status", chronicle_event_status_to_string (status), indent, &first);
  write_time_member (out, "start", chronicle_event_get_start (event), indent, &first);
  write_time_member (out, "end", chronicle_event_get_end (event), indent, &first);
  if (chronicle_event_get_approximate (event))
    {
      write_key (out, "approximate", indent, &first);
      g_string_append (out, "true");
    }
  write_text_member (out, "summary", chronicle_event_get_summary (event), indent, &first);
  write_text_member (out, "description", chronicle_event_get_description (event), indent, &first);
  write_list_member (out, "actors", chronicle_event_get_actors (event), indent, &first);
  write_text_member (out, "location", chronicle_event_get_location (event), indent, &first);

  items = chronicle_event_get_quotes (event);
  if (items->len > 0)
    {
      gboolean first_item = TRUE;

      write_key (out, "quotes", indent, &first);
      for (guint i = 0; i < items->len; i++)
        {
          const ChronicleQuote *quote = g_ptr_array_index (items, i);
          gboolean first_member = TRUE;

          write_item (out, indent + 2, &first_item);
          write_text_member (out, "text", quote->text, indent + 4, &first_member);
          write_text_member (out, "speaker", quote->speaker, indent + 4, &first_member);
          write_text_member (out, "source", quote->source, indent + 4, &first_member);
          write_close (out, '{', '}', indent + 4, first_member);
        }
      write_close (out, '[', ']', indent + 2, FALSE);
    }

  items = chronicle_event_get_sources (event);
  if (items->len > 0)
    {
      gboolean first_item = TRUE;

      write_key (out, "sources", indent, &first);
      for (guint i = 0; i < items->len; i++)
        {
          const ChronicleSource *source = g_ptr_array_index (items, i);
          gboolean first_member = TRUE;

          write_item (out, indent + 2, &first_item);
          write_text_member (out, "title", source->title, indent + 4, &first_member);
          write_text_member (out, "publisher", source->publisher, indent + 4, &first_member);
          write_text_member (out, "url", source->url, indent + 4, &first_member);
          write_text_member (out, "date", source->date, indent + 4, &first_member);
          write_close (out, '{', '}', indent + 4, first_member);
        }
      write_close (out, '[', ']', indent + 2, FALSE);
    }

  write_list_member (out, "tags", chronicle_event_get_tags (event), indent, &first);

  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init_ordered (&iter, extra);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        if (!is_known (event_names, name))
          write_member (out, name, node, indent, &first);
    }

  write_close (out, '{', '}', indent, first);
}

/**
 * chronicle_writer_serialize_event:
 *
 * Members equal to their default are left out; "kind" is always written,
 * and an id the timeline derived is not.
 *
 * Returns: (transfer full): the event as the file stores it
 */
JsonNode *
chronicle_writer_serialize_event (ChronicleEvent *event)
{
  JsonObject *object;
  GPtrArray *items;

  g_return_val_if_fail (CHRONICLE_IS_EVENT (event), NULL);

  object = json_object_new ();

  if (!chronicle_event_has_derived_id (event))
    set_text (object, "id", chronicle_event_get_id (event));
  set_text (object, "title", chronicle_event_get_title (event));
  json_object_set_string_member (object, "kind", chronicle_event_get_kind (event));
  if (chronicle_event_get_status (event) != CHRONICLE_EVENT_STATUS_OCCURRED)
    json_object_set_string_member (object, "status",
                                   chronicle_event_status_to_string (chronicle_event_get_status (event)));
  set_time (object, "start", chronicle_event_get_start (event));
  set_time (object, "end", chronicle_event_get_end (event));
  if (chronicle_event_get_approximate (event))
    json_object_set_boolean_member (object, "approximate", TRUE);
  set_text (object, "summary", chronicle_event_get_summary (event));
  set_text (object, "description", chronicle_event_get_description (event));
  set_list (object, "actors", chronicle_event_get_actors (event));
  set_text (object, "location", chronicle_event_get_location (event));

  items = chronicle_event_get_quotes (event);
  if (items->len > 0)
    {
      JsonArray *array = json_array_sized_new (items->len);

      for (guint i = 0; i < items->len; i++)
        json_array_add_element (array, serialize_quote (g_ptr_array_index (items, i)));
      json_object_set_array_member (object, "quotes", array);
    }

  items = chronicle_event_get_sources (event);
  if (items->len > 0)
    {
      JsonArray *array = json_array_sized_new (items->len);

      for (guint i = 0; i < items->len; i++)
        json_array_add_element (array, serialize_source (g_ptr_array_index (items, i)));
      json_object_set_array_member (object, "sources", array);
    }

  set_list (object, "tags", chronicle_event_get_tags (event));
  add_extra_members (object, chronicle_event_get_extra_members (event), event_names);

  return object_node (object);
}

/**
 * chronicle_writer_serialize_view:
 *
 * Returns: (transfer full): the view as the file stores it
 */
JsonNode *
chronicle_writer_serialize_view (ChronicleView *view)
{
  JsonObject *object;
  JsonObject *filter;
  JsonObject *window;

  g_return_val_if_fail (CHRONICLE_IS_VIEW (view), NULL);

  object = json_object_new ();
  set_text (object, "id", chronicle_view_get_id (view));
  set_text (object, "title", chronicle_view_get_title (view));

  filter = json_object_new ();
  set_list (filter, "kinds", chronicle_view_get_kinds (view));
  set_list (filter, "statuses", chronicle_view_get_statuses (view));
  set_list (filter, "actors", chronicle_view_get_actors (view));
  set_list (filter, "tags", chronicle_view_get_tags (view));
  set_text (filter, "text", chronicle_view_get_text (view));
  set_time (filter, "from", chronicle_view_get_from (view));
  set_time (filter, "to", chronicle_view_get_to (view));
  add_extra_members (filter, chronicle_view_get_extra_filter_members (view), filter_names);
  if (json_object_get_size (filter) > 0)
    json_object_set_object_member (object, "filter", filter);
  else
    json_object_unref (filter);

  set_text (object, "group_by", chronicle_view_get_group_by (view));

  window = json_object_new ();
  set_time (window, "from", chronicle_view_get_window_from (view));
  set_time (window, "to", chronicle_view_get_window_to (view));
  if (json_object_get_size (window) > 0)
    json_object_set_object_member (object, "window", window);
  else
    json_object_unref (window);

  add_extra_members (object, chronicle_view_get_extra_members (view), view_names);

  return object_node (object);
}

/**
 * chronicle_writer_serialize:
 * @events: (nullable) (element-type ChronicleEvent): the events to write,
 *   or %NULL for all of them
 *
 * The events are written in the order of their file index, that is, in
 * the order they were read.
 *
 * Returns: (transfer full): the document
 */
JsonNode *
chronicle_writer_serialize (ChronicleTimeline *timeline,
                            GPtrArray         *events)
{
  g_autoptr(GPtrArray) sorted = NULL;
  JsonObject *object;
  JsonArray *array;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), NULL);

  sorted = collect_events (timeline, events);
  object = serialize_head (timeline, sorted, events != NULL);

  array = json_array_sized_new (sorted->len);
  for (guint i = 0; i < sorted->len; i++)
    json_array_add_element (array, chronicle_writer_serialize_event (g_ptr_array_index (sorted, i)));
  json_object_set_array_member (object, "events", array);

  add_extra_members (object, chronicle_timeline_get_extra_members (timeline), top_level_names);

  return object_node (object);
}

/**
 * chronicle_writer_to_bytes:
 * @events: (nullable) (element-type ChronicleEvent): the events to write,
 *   or %NULL for all of them
 *
 * The text of chronicle_writer_serialize(): two-space indent, a newline at
 * the end. The events are written directly, not built as JsonNodes first,
 * so that a large timeline never exists twice in memory.
 *
 * Returns: (transfer full): UTF-8 JSON
 */
GBytes *
chronicle_writer_to_bytes (ChronicleTimeline *timeline,
                           GPtrArray         *events)
{
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(JsonObject) head = NULL;
  JsonObject *extra;
  gboolean first = TRUE;
  gboolean first_event = TRUE;
  GString *out;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), NULL);

  sorted = collect_events (timeline, events);
  head = serialize_head (timeline, sorted, events != NULL);

  out = g_string_sized_new (64 * 1024);

  write_object_members (out, head, 0, &first);

  g_string_append (out, ",\n");
  write_indent (out, 2);
  write_string (out, "events");
  g_string_append (out, ": ");
  for (guint i = 0; i < sorted->len; i++)
    {
      write_item (out, 2, &first_event);
      write_event (out, g_ptr_array_index (sorted, i), 4);
    }
  write_close (out, '[', ']', 2, first_event);

  /* As add_extra_members() does for chronicle_writer_serialize(). */
  extra = chronicle_timeline_get_extra_members (timeline);
  if (extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init_ordered (&iter, extra);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        if (!is_known (top_level_names, name))
          write_member (out, name, node, 0, &first);
    }

  write_close (out, '{', '}', 0, FALSE);
  g_string_append_c (out, '\n');

  return g_string_free_to_bytes (out);
}

/* The file a local path names, through symbolic links, so that writing
 * replaces the file the link points to and keeps the link. */
static char *
resolve_path (const char *path)
{
  char *resolved = realpath (path, NULL);
  char *copy;

  if (resolved == NULL)
    return g_strdup (path);

  copy = g_strdup (resolved);
  free (resolved);
  return copy;
}

/**
 * chronicle_writer_write_file:
 *
 * Writes the whole timeline to @file. The data goes to a temporary file
 * that then replaces @file, so a failed or cancelled write leaves an
 * existing @file as it was.
 *
 * Local files are written with g_file_set_contents_full(), not
 * g_file_replace_contents(): when the folder is read-only but the file is
 * not, GIO falls back to overwriting the file in place, and a write that
 * fails half-way would then leave half a file.
 */
gboolean
chronicle_writer_write_file (ChronicleTimeline  *timeline,
                             GFile              *file,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);

  bytes = chronicle_writer_to_bytes (timeline, NULL);
  data = g_bytes_get_data (bytes, &length);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if ((path = g_file_get_path (file)) != NULL)
    {
      g_autofree char *target = resolve_path (path);
      GStatBuf st;
      int mode = 0666;

      /* Keep the permissions the file had; a new file gets the umask's. */
      if (g_stat (target, &st) == 0)
        mode = st.st_mode & 0777;

      if (!g_file_set_contents_full (target, data, length, G_FILE_SET_CONTENTS_CONSISTENT, mode, error))
        return FALSE;

      return TRUE;
    }

  return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, cancellable, error);
}
