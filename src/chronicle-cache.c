/* chronicle-cache.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-cache"

#include "config.h"

#include "chronicle-cache.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "chronicle-loader.h"
#include "chronicle-writer.h"

#define CACHE_MAGIC     "chronicle-cache"
/* Bump whenever the records, or what the model makes of a file, change. */
#define CACHE_VERSION   1
#define CACHE_SUFFIX    ".gvariant"
#define TEMP_INFIX      ".tmp-"

/* One event: fixed size, so that the array of them is read in place. The
 * GVariant type lists the same fields in the same order, and the C layout
 * has no padding (checked below). */
#define RECORD_TYPE     "(xxiiuuuuuuuuuuuuyyyyyyyy)"
/* Quotes, sources and unknown members of an event that has any. */
#define EXTRAS_TYPE     "(uuu)"

/* magic, version, Chronicle's version, source path, size, mtime, checksum,
 * then what the checksum covers: the writer's JSON without the events,
 * the events, the strings, where each string starts, lists of string
 * numbers (actors, tags, quotes, sources) and the events' extras. */
#define CACHE_TYPE      "(susstxts" "a" RECORD_TYPE "ay" "au" "au" "a" EXTRAS_TYPE ")"

enum {
  CACHE_MAGIC_FIELD,
  CACHE_VERSION_FIELD,
  CACHE_APP_VERSION,
  CACHE_PATH,
  CACHE_SIZE,
  CACHE_MTIME,
  CACHE_CHECKSUM,
  CACHE_HEADER,
  CACHE_EVENTS,
  CACHE_STRINGS,
  CACHE_OFFSETS,
  CACHE_LISTS,
  CACHE_EXTRAS,
  N_CACHE_FIELDS
};

#define FIRST_CHECKED CACHE_HEADER

typedef struct
{
  gint64  start_instant;
  gint64  end_instant;
  gint32  start_offset;
  gint32  end_offset;
  guint32 start_zone;      /* string numbers: 0 is "none" */
  guint32 end_zone;
  guint32 id;
  guint32 title;
  guint32 kind;
  guint32 summary;
  guint32 description;
  guint32 location;
  guint32 actors;          /* list offsets: 0 is the empty list */
  guint32 tags;
  guint32 extras;          /* extras number + 1, or 0 */
  guint32 file_index;
  guint8  start_precision;
  guint8  start_flags;
  guint8  end_precision;
  guint8  end_flags;
  guint8  status;
  guint8  bits;
  guint8  reserved[2];
} CacheEvent;

G_STATIC_ASSERT (sizeof (CacheEvent) == 80);

typedef struct
{
  guint32 quotes;    /* list: count, then text, speaker, source of each */
  guint32 sources;   /* list: count, then title, publisher, url, date of each */
  guint32 extra;     /* the unknown members as a JSON object */
} CacheExtras;

G_STATIC_ASSERT (sizeof (CacheExtras) == 12);

#define BIT_HAS_END    (1 << 0)
#define BIT_DERIVED_ID (1 << 1)

/* A checksum that reads eight bytes at a time in four independent lanes:
 * several gigabytes a second, and any changed byte changes it. */
static guint64
checksum_update (guint64       seed,
                 const guint8 *data,
                 gsize         length)
{
  const guint64 prime = G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);
  guint64 lanes[4] = {
    seed,
    seed ^ G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F),
    seed ^ G_GUINT64_CONSTANT (0x165667B19E3779F9),
    seed ^ G_GUINT64_CONSTANT (0x27D4EB2F165667C5),
  };
  gsize i = 0;
  guint64 h;

  for (; i + 32 <= length; i += 32)
    {
      for (guint k = 0; k < 4; k++)
        {
          guint64 word;

          memcpy (&word, data + i + 8 * k, sizeof word);
          lanes[k] = (lanes[k] ^ word) * prime;
          lanes[k] ^= lanes[k] >> 29;
        }
    }

  for (; i < length; i++)
    {
      lanes[0] = (lanes[0] ^ data[i]) * prime;
      lanes[0] ^= lanes[0] >> 29;
    }

  h = lanes[0] ^ ((lanes[1] << 17) | (lanes[1] >> 47)) ^
      ((lanes[2] << 31) | (lanes[2] >> 33)) ^ ((lanes[3] << 47) | (lanes[3] >> 17));
  h ^= length;
  h *= prime;
  h ^= h >> 32;

  return h;
}

static guint64
checksum_fields (GVariant **fields)
{
  guint64 h = CACHE_VERSION;

  for (guint i = FIRST_CHECKED; i < N_CACHE_FIELDS; i++)
    h = checksum_update (h, g_variant_get_data (fields[i]), g_variant_get_size (fields[i]));

  return h;
}

static char *
cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "chronicle", NULL);
}

char *
chronicle_cache_get_path (const char *path)
{
  g_autofree char *dir = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  dir = cache_dir ();
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
  name = g_strdup_printf ("%.32s" CACHE_SUFFIX, hash);

  return g_build_filename (dir, name, NULL);
}

/* Writing */

typedef struct
{
  GString    *blob;      /* every string, each ending in NUL */
  GArray     *offsets;   /* guint32: where string n starts */
  GHashTable *numbers;   /* repeated strings (kinds, actors…) → number */
  gboolean    too_big;
} Strings;

static void
strings_init (Strings *strings)
{
  guint32 zero = 0;

  strings->blob = g_string_new (NULL);
  /* Number 0 is "no string"; it points at the NUL at 0. */
  g_string_append_c (strings->blob, '\0');
  strings->offsets = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (strings->offsets, zero);
  strings->numbers = g_hash_table_new (g_str_hash, g_str_equal);
  strings->too_big = FALSE;
}

static void
strings_clear (Strings *strings)
{
  if (strings->blob != NULL)
    g_string_free (g_steal_pointer (&strings->blob), TRUE);
  g_clear_pointer (&strings->offsets, g_array_unref);
  g_clear_pointer (&strings->numbers, g_hash_table_unref);
}

/* @text must outlive @strings when @shared (its numbers table keeps it). */
static guint32
strings_add (Strings    *strings,
             const char *text,
             gboolean    shared)
{
  gpointer number;
  guint32 offset;
  gsize length;

  if (text == NULL)
    return 0;

  if (shared && g_hash_table_lookup_extended (strings->numbers, text, NULL, &number))
    return GPOINTER_TO_UINT (number);

  length = strlen (text) + 1;
  if (strings->blob->len + length > G_MAXUINT32 || strings->offsets->len >= G_MAXUINT32)
    {
      strings->too_big = TRUE;
      return 0;
    }

  offset = strings->blob->len;
  g_string_append_len (strings->blob, text, length);
  g_array_append_val (strings->offsets, offset);

  if (shared)
    g_hash_table_insert (strings->numbers, (gpointer) text,
                         GUINT_TO_POINTER (strings->offsets->len - 1));

  return strings->offsets->len - 1;
}

static guint32
add_string_list (GArray             *lists,
                 Strings            *strings,
                 const char * const *values)
{
  guint32 offset = lists->len;
  guint32 count = values != NULL ? g_strv_length ((char **) values) : 0;

  if (count == 0)
    return 0;

  g_array_append_val (lists, count);
  for (guint i = 0; i < count; i++)
    {
      guint32 number = strings_add (strings, values[i], TRUE);

      g_array_append_val (lists, number);
    }

  return offset;
}

static void
time_to_record (const ChronicleTime *time,
                Strings             *strings,
                gint64              *instant,
                gint32              *offset,
                guint32             *zone,
                guint8              *precision,
                guint8              *flags)
{
  *instant = time->instant;
  *offset = time->offset;
  *precision = time->precision;
  *flags = time->flags;
  *zone = 0;

  if (time->zone[0] != '\0')
    {
      char text[sizeof time->zone + 1] = { 0, };

      memcpy (text, time->zone, sizeof time->zone);
      /* Shared, so the table needs a string that lives: intern it. */
      *zone = strings_add (strings, g_intern_string (text), TRUE);
    }
}

/* JSON for unknown members, written so that json-glib reads back the same
 * values and types (its own generator writes 1e+20 as "1e+20.0"). */
static void
json_write_string (GString    *out,
                   const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
json_write_node (GString  *out,
                 JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            json_write_string (out, name);
            g_string_append_c (out, ':');
            json_write_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            json_write_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          {
            json_write_string (out, json_node_get_string (node));
          }
        else if (type == G_TYPE_INT64)
          {
            g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          }
        else if (type == G_TYPE_DOUBLE && isfinite (json_node_get_double (node)))
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];

            g_ascii_formatd (buffer, sizeof buffer, "%.17g", json_node_get_double (node));
            g_string_append (out, buffer);
            /* Still a double when read back. */
            if (strpbrk (buffer, ".e") == NULL)
              g_string_append (out, ".0");
          }
        else if (type == G_TYPE_BOOLEAN)
          {
            g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          }
        else
          {
            g_string_append (out, "null");
          }
      }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

static guint32
add_extras (GArray         *extras,
            GArray         *lists,
            Strings        *strings,
            ChronicleEvent *event)
{
  GPtrArray *quotes = chronicle_event_get_quotes (event);
  GPtrArray *sources = chronicle_event_get_sources (event);
  JsonObject *extra = chronicle_event_get_extra_members (event);
  CacheExtras record = { 0, 0, 0 };

  if (quotes->len == 0 && sources->len == 0 && extra == NULL)
    return 0;

  if (quotes->len > 0)
    {
      guint32 count = quotes->len;

      record.quotes = lists->len;
      g_array_append_val (lists, count);
      for (guint i = 0; i < quotes->len; i++)
        {
          const ChronicleQuote *quote = g_ptr_array_index (quotes, i);
          guint32 numbers[3] = {
            strings_add (strings, quote->text, FALSE),
            strings_add (strings, quote->speaker, FALSE),
            strings_add (strings, quote->source, FALSE),
          };

          g_array_append_vals (lists, numbers, 3);
        }
    }

  if (sources->len > 0)
    {
      guint32 count = sources->len;

      record.sources = lists->len;
      g_array_append_val (lists, count);
      for (guint i = 0; i < sources->len; i++)
        {
          const ChronicleSource *source = g_ptr_array_index (sources, i);
          guint32 numbers[4] = {
            strings_add (strings, source->title, FALSE),
            strings_add (strings, source->publisher, FALSE),
            strings_add (strings, source->url, FALSE),
            strings_add (strings, source->date, FALSE),
          };

          g_array_append_vals (lists, numbers, 4);
        }
    }

  if (extra != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autoptr(GString) text = g_string_new (NULL);

      json_node_set_object (node, extra);
      json_write_node (text, node);
      record.extra = strings_add (strings, text->str, FALSE);
    }

  g_array_append_val (extras, record);

  return extras->len;
}

/* Everything but the events, as the writer writes it: a timeline with
 * the same metadata and no events. */
static char *
header_json (ChronicleTimeline *timeline)
{
  g_autoptr(ChronicleTimeline) copy = chronicle_timeline_new ();
  GListModel *kinds = chronicle_timeline_get_kinds (timeline);
  GListModel *actors = chronicle_timeline_get_actors (timeline);
  GListModel *eras = chronicle_timeline_get_eras (timeline);
  GListModel *views = chronicle_timeline_get_views (timeline);
  g_autoptr(GBytes) bytes = NULL;

  chronicle_timeline_set_title (copy, chronicle_timeline_get_title (timeline));
  chronicle_timeline_set_description (copy, chronicle_timeline_get_description (timeline));
  if (chronicle_timeline_get_timezone (timeline) != NULL &&
      !chronicle_timeline_set_timezone (copy, chronicle_timeline_get_timezone (timeline)))
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (kinds); i++)
    {
      g_autoptr(ChronicleKind) kind = g_list_model_get_item (kinds, i);

      if (chronicle_timeline_kind_is_declared (timeline, chronicle_kind_get_id (kind)))
        chronicle_timeline_add_kind (copy, kind);
    }

  for (guint i = 0; i < g_list_model_get_n_items (actors); i++)
    {
      g_autoptr(ChronicleActor) actor = g_list_model_get_item (actors, i);

      chronicle_timeline_add_actor (copy, actor);
    }

  for (guint i = 0; i < g_list_model_get_n_items (eras); i++)
    {
      g_autoptr(ChronicleEra) era = g_list_model_get_item (eras, i);

      chronicle_timeline_add_era (copy, era);
    }

  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);

      chronicle_timeline_add_view (copy, view);
    }

  chronicle_timeline_set_extra_members (copy, chronicle_timeline_get_extra_members (timeline));

  bytes = chronicle_writer_to_bytes (copy, NULL);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static GVariant *
array_variant (const char *type,
               GArray     *array)
{
  gsize size = (gsize) array->len * g_array_get_element_size (array);
  gpointer data = g_array_free (array, FALSE);

  return g_variant_new_from_bytes (G_VARIANT_TYPE (type), g_bytes_new_take (data, size), TRUE);
}

/* The cache's fields, each serialized on its own (the big ones are the
 * arrays they were built in); FALSE when the timeline is too big. */
static gboolean
build_fields (ChronicleTimeline  *timeline,
              const char         *path,
              guint64             size,
              gint64              mtime,
              GVariant          **fields)
{
  g_autofree char *header = NULL;
  g_autoptr(GHashTable) kinds = g_hash_table_new (NULL, NULL);
  CacheEvent *records;
  GArray *events;
  GArray *lists;
  GArray *extras;
  Strings strings;
  guint32 zero = 0;
  guint n;

  header = header_json (timeline);
  if (header == NULL)
    return FALSE;

  n = chronicle_timeline_get_n_events (timeline);
  strings_init (&strings);
  /* The text of the events is most of the file: no growing step by step. */
  g_string_set_size (strings.blob, MIN (size, G_MAXUINT32));
  g_string_truncate (strings.blob, 1);
  events = g_array_sized_new (FALSE, TRUE, sizeof (CacheEvent), n);
  g_array_set_size (events, n);
  records = (CacheEvent *) (gpointer) events->data;
  lists = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (lists, zero);
  extras = g_array_new (FALSE, FALSE, sizeof (CacheExtras));

  for (guint i = 0; i < n && !strings.too_big; i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (timeline, i);
      const ChronicleTime *end = chronicle_event_get_end (event);
      CacheEvent *record = &records[i];

      time_to_record (chronicle_event_get_start (event), &strings, &record->start_instant,
                      &record->start_offset, &record->start_zone, &record->start_precision,
                      &record->start_flags);
      if (end != NULL)
        {
          time_to_record (end, &strings, &record->end_instant, &record->end_offset,
                          &record->end_zone, &record->end_precision, &record->end_flags);
          record->bits |= BIT_HAS_END;
        }

      record->id = strings_add (&strings, chronicle_event_get_id (event), FALSE);
      if (chronicle_event_has_derived_id (event))
        record->bits |= BIT_DERIVED_ID;
      record->title = strings_add (&strings, chronicle_event_get_title (event), FALSE);
      /* Kinds are interned: found by pointer. */
      {
        const char *kind = chronicle_event_get_kind (event);
        gpointer number;

        if (!g_hash_table_lookup_extended (kinds, kind, NULL, &number))
          {
            number = GUINT_TO_POINTER (strings_add (&strings, kind, FALSE));
            g_hash_table_insert (kinds, (gpointer) kind, number);
          }
        record->kind = GPOINTER_TO_UINT (number);
      }
      record->summary = strings_add (&strings, chronicle_event_get_summary (event), FALSE);
      record->description = strings_add (&strings, chronicle_event_get_description (event),
                                         FALSE);
      record->location = strings_add (&strings, chronicle_event_get_location (event), TRUE);
      record->actors = add_string_list (lists, &strings, chronicle_event_get_actors (event));
      record->tags = add_string_list (lists, &strings, chronicle_event_get_tags (event));
      record->extras = add_extras (extras, lists, &strings, event);
      record->file_index = chronicle_event_get_file_index (event);
      record->status = chronicle_event_get_status (event);
    }

  if (strings.too_big || lists->len >= G_MAXUINT32 || extras->len >= G_MAXUINT32)
    {
      g_array_unref (events);
      g_array_unref (lists);
      g_array_unref (extras);
      strings_clear (&strings);
      return FALSE;
    }

  fields[CACHE_MAGIC_FIELD] = g_variant_new_string (CACHE_MAGIC);
  fields[CACHE_VERSION_FIELD] = g_variant_new_uint32 (CACHE_VERSION);
  fields[CACHE_APP_VERSION] = g_variant_new_string (PACKAGE_VERSION);
  fields[CACHE_PATH] = g_variant_new_string (path);
  fields[CACHE_SIZE] = g_variant_new_uint64 (size);
  fields[CACHE_MTIME] = g_variant_new_int64 (mtime);
  fields[CACHE_HEADER] = g_variant_new_string (header);
  fields[CACHE_EVENTS] = array_variant ("a" RECORD_TYPE, events);
  fields[CACHE_STRINGS] = g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING,
                                                    g_string_free_to_bytes (g_steal_pointer (&strings.blob)),
                                                    TRUE);
  fields[CACHE_OFFSETS] = array_variant ("au", g_steal_pointer (&strings.offsets));
  fields[CACHE_LISTS] = array_variant ("au", lists);
  fields[CACHE_EXTRAS] = array_variant ("a" EXTRAS_TYPE, extras);
  strings_clear (&strings);

  for (guint i = 0; i < N_CACHE_FIELDS; i++)
    if (i != CACHE_CHECKSUM)
      g_variant_ref_sink (fields[i]);
  fields[CACHE_CHECKSUM] = g_variant_ref_sink (g_variant_new_uint64 (checksum_fields (fields)));

  return TRUE;
}

static void
clear_fields (GVariant **fields)
{
  for (guint i = 0; i < N_CACHE_FIELDS; i++)
    g_clear_pointer (&fields[i], g_variant_unref);
}

GBytes *
chronicle_cache_serialize (ChronicleTimeline *timeline,
                           const char        *path,
                           guint64            size,
                           gint64             mtime)
{
  GVariant *fields[N_CACHE_FIELDS] = { NULL, };
  g_autoptr(GVariant) cache = NULL;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!build_fields (timeline, path, size, mtime, fields))
    return NULL;

  cache = g_variant_ref_sink (g_variant_new_tuple (fields, N_CACHE_FIELDS));
  clear_fields (fields);

  g_assert (g_variant_is_of_type (cache, G_VARIANT_TYPE (CACHE_TYPE)));

  return g_variant_get_data_as_bytes (cache);
}

typedef struct
{
  char   *path;
  gint64  mtime;
} CacheFile;

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const CacheFile *fa = a;
  const CacheFile *fb = b;

  return fa->mtime > fb->mtime ? -1 : fa->mtime < fb->mtime;
}

static void
cache_file_clear (gpointer data)
{
  g_free (((CacheFile *) data)->path);
}

/* Keeps the newest CHRONICLE_CACHE_MAX_FILES caches. */
static void
forget_oldest (const char *dir,
               const char *keep)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GArray) files = g_array_new (FALSE, FALSE, sizeof (CacheFile));
  const char *name;

  if (handle == NULL)
    return;

  g_array_set_clear_func (files, cache_file_clear);

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      CacheFile file;
      GStatBuf buf;

      /* What a write that never finished (Chronicle quit) left. */
      if (strstr (name, CACHE_SUFFIX TEMP_INFIX) != NULL)
        {
          g_autofree char *temp = g_build_filename (dir, name, NULL);

          if (g_stat (temp, &buf) == 0 && buf.st_mtime < time (NULL) - 3600)
            g_unlink (temp);
          continue;
        }

      if (!g_str_has_suffix (name, CACHE_SUFFIX))
        continue;

      file.path = g_build_filename (dir, name, NULL);
      if (g_stat (file.path, &buf) != 0)
        {
          g_free (file.path);
          continue;
        }
      file.mtime = g_strcmp0 (file.path, keep) == 0 ? G_MAXINT64 : (gint64) buf.st_mtime;
      g_array_append_val (files, file);
    }

  g_array_sort (files, compare_newest_first);

  for (guint i = CHRONICLE_CACHE_MAX_FILES; i < files->len; i++)
    g_unlink (g_array_index (files, CacheFile, i).path);
}

gboolean
chronicle_cache_write (const char  *path,
                       GBytes      *bytes,
                       GError     **error)
{
  g_autofree char *dir = cache_dir ();
  g_autofree char *cache_path = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  cache_path = chronicle_cache_get_path (path);
  if (!g_file_set_contents_full (cache_path, g_bytes_get_data (bytes, NULL),
                                 g_bytes_get_size (bytes), G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, error))
    return FALSE;

  forget_oldest (dir, cache_path);

  return TRUE;
}

/* Writing the fields one after the other, as g_variant_new_tuple() would
 * lay them out, without first copying them all into one buffer. */

typedef struct
{
  gsize    alignment;
  gboolean variable;
} FieldLayout;

static const FieldLayout field_layouts[N_CACHE_FIELDS] = {
  [CACHE_MAGIC_FIELD] = { 1, TRUE },
  [CACHE_VERSION_FIELD] = { 4, FALSE },
  [CACHE_APP_VERSION] = { 1, TRUE },
  [CACHE_PATH] = { 1, TRUE },
  [CACHE_SIZE] = { 8, FALSE },
  [CACHE_MTIME] = { 8, FALSE },
  [CACHE_CHECKSUM] = { 8, FALSE },
  [CACHE_HEADER] = { 1, TRUE },
  [CACHE_EVENTS] = { 8, TRUE },
  [CACHE_STRINGS] = { 1, TRUE },
  [CACHE_OFFSETS] = { 4, TRUE },
  [CACHE_LISTS] = { 4, TRUE },
  [CACHE_EXTRAS] = { 4, TRUE },
};

static gboolean
write_all (int           fd,
           gconstpointer data,
           gsize         length)
{
  const char *p = data;

  while (length > 0)
    {
      gssize written = write (fd, p, MIN (length, 1 << 30));

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        return FALSE;
      p += written;
      length -= written;
    }

  return TRUE;
}

static gboolean
write_fields (const char  *cache_path,
              GVariant   **fields,
              GError     **error)
{
  static const char zeros[8] = { 0, };
  g_autofree char *temp = g_strconcat (cache_path, TEMP_INFIX "XXXXXX", NULL);
  guint64 ends[N_CACHE_FIELDS];
  guint n_ends = 0;
  guint64 body = 0;
  guint64 width;
  gboolean ok = TRUE;
  int saved_errno;
  int fd;

  /* A tuple: each member at its alignment, then the end of every
   * variable-sized member but the last, backwards, each as wide as the
   * whole needs (gvariant-serialiser.c). */
  for (guint i = 0; i < N_CACHE_FIELDS; i++)
    {
      body += (field_layouts[i].alignment - body % field_layouts[i].alignment) %
              field_layouts[i].alignment;
      body += g_variant_get_size (fields[i]);
      if (field_layouts[i].variable && i + 1 < N_CACHE_FIELDS)
        ends[n_ends++] = body;
    }

  if (body + n_ends <= G_MAXUINT8)
    width = 1;
  else if (body + 2 * n_ends <= G_MAXUINT16)
    width = 2;
  else if (body + 4 * n_ends <= G_MAXUINT32)
    width = 4;
  else
    width = 8;

  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", temp, g_strerror (saved_errno));
      return FALSE;
    }

  body = 0;
  for (guint i = 0; i < N_CACHE_FIELDS && ok; i++)
    {
      gsize padding = (field_layouts[i].alignment - body % field_layouts[i].alignment) %
                      field_layouts[i].alignment;
      gsize size = g_variant_get_size (fields[i]);

      ok = write_all (fd, zeros, padding) &&
           (size == 0 || write_all (fd, g_variant_get_data (fields[i]), size));
      body += padding + size;
    }

  for (guint i = n_ends; i > 0 && ok; i--)
    {
      guint64 end = GUINT64_TO_LE (ends[i - 1]);

      /* Little-endian, the low bytes first. */
      ok = write_all (fd, &end, width);
    }

  saved_errno = errno;
  if (close (fd) != 0 && ok)
    {
      saved_errno = errno;
      ok = FALSE;
    }

  if (ok && g_rename (temp, cache_path) != 0)
    {
      saved_errno = errno;
      ok = FALSE;
    }

  if (!ok)
    {
      g_unlink (temp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", cache_path, g_strerror (saved_errno));
    }

  return ok;
}

typedef struct
{
  char     *path;
  GVariant *fields[N_CACHE_FIELDS];
} SaveJob;

static GMutex saving_mutex;
static GCond  saving_cond;
static guint  n_saving;

static gpointer
save_thread (gpointer data)
{
  SaveJob *job = data;
  g_autofree char *dir = cache_dir ();
  g_autofree char *cache_path = chronicle_cache_get_path (job->path);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0 || !write_fields (cache_path, job->fields, &error))
    g_debug ("Cannot write the cache of %s: %s", job->path,
             error != NULL ? error->message : g_strerror (errno));
  else
    forget_oldest (dir, cache_path);

  clear_fields (job->fields);
  g_free (job->path);
  g_free (job);

  g_mutex_lock (&saving_mutex);
  n_saving--;
  g_cond_broadcast (&saving_cond);
  g_mutex_unlock (&saving_mutex);

  return NULL;
}

void
chronicle_cache_save (ChronicleTimeline *timeline,
                      const char        *path,
                      guint64            size,
                      gint64             mtime)
{
  SaveJob *job;

  g_return_if_fail (CHRONICLE_IS_TIMELINE (timeline));
  g_return_if_fail (path != NULL);

  job = g_new0 (SaveJob, 1);
  if (!build_fields (timeline, path, size, mtime, job->fields))
    {
      g_free (job);
      return;
    }
  job->path = g_strdup (path);

  g_mutex_lock (&saving_mutex);
  n_saving++;
  g_mutex_unlock (&saving_mutex);

  g_thread_unref (g_thread_new ("chronicle-cache", save_thread, job));
}

void
chronicle_cache_wait (void)
{
  g_mutex_lock (&saving_mutex);
  while (n_saving > 0)
    g_cond_wait (&saving_cond, &saving_mutex);
  g_mutex_unlock (&saving_mutex);
}

/* Reading */

typedef struct
{
  const char    *blob;
  gsize          blob_length;
  const guint32 *offsets;
  gsize          n_offsets;
  const guint32 *lists;
  gsize          n_lists;
  gboolean       bad;
} Tables;

/* String @number, or %NULL; marks the tables bad when it is out of them. */
static inline const char *
tables_string (Tables  *t,
               guint32  number)
{
  if (number == 0)
    return NULL;

  if (number >= t->n_offsets || t->offsets[number] >= t->blob_length)
    {
      t->bad = TRUE;
      return NULL;
    }

  return t->blob + t->offsets[number];
}

/* Strings are stored one after the other, so the next one's start gives
 * the length without reading the string. */
static inline char *
tables_dup (Tables  *t,
            guint32  number)
{
  gsize start, end;
  char *copy;

  if (number == 0)
    return NULL;

  if (number >= t->n_offsets || t->offsets[number] >= t->blob_length)
    {
      t->bad = TRUE;
      return NULL;
    }

  start = t->offsets[number];
  end = number + 1 < t->n_offsets ? t->offsets[number + 1] : t->blob_length;
  if (end <= start || end > t->blob_length || t->blob[end - 1] != '\0')
    return g_strdup (t->blob + start);

  copy = g_malloc (end - start);
  memcpy (copy, t->blob + start, end - start);

  return copy;
}

/* The list at @offset: its count, and its values after it. */
static const guint32 *
tables_list (Tables  *t,
             guint32  offset,
             guint    width,
             guint   *count)
{
  *count = 0;

  if (offset == 0)
    return NULL;

  if (offset >= t->n_lists ||
      (t->n_lists - offset - 1) / width < t->lists[offset])
    {
      t->bad = TRUE;
      return NULL;
    }

  *count = t->lists[offset];
  return t->lists + offset + 1;
}

static char **
tables_strv (Tables  *t,
             guint32  offset)
{
  const guint32 *values;
  char **strv;
  guint count;

  values = tables_list (t, offset, 1, &count);
  if (count == 0)
    return NULL;

  strv = g_new (char *, count + 1);
  for (guint i = 0; i < count; i++)
    {
      strv[i] = tables_dup (t, values[i]);
      if (strv[i] == NULL)
        t->bad = TRUE;
    }
  strv[count] = NULL;

  /* A bad number leaves a %NULL early: free what follows too. */
  if (t->bad)
    {
      for (guint i = 0; i < count; i++)
        g_free (strv[i]);
      g_free (strv);
      return NULL;
    }

  return strv;
}

static gboolean
time_from_record (Tables        *t,
                  ChronicleTime *time,
                  gint64         instant,
                  gint32         offset,
                  guint32        zone,
                  guint8         precision,
                  guint8         flags)
{
  const char *text;

  memset (time, 0, sizeof *time);
  time->instant = instant;
  time->offset = offset;
  time->precision = precision;
  time->flags = flags;

  if (precision > CHRONICLE_TIME_PRECISION_SECOND ||
      (flags & ~(CHRONICLE_TIME_FLAG_APPROXIMATE | CHRONICLE_TIME_FLAG_HAS_OFFSET)) != 0)
    return FALSE;

  text = tables_string (t, zone);
  if (text != NULL)
    memcpy (time->zone, text, MIN (strlen (text), sizeof time->zone));

  return !t->bad;
}

static gboolean
add_extras_to_event (Tables            *t,
                     const CacheExtras *extras,
                     ChronicleEvent    *event)
{
  const guint32 *values;
  guint count;

  values = tables_list (t, extras->quotes, 3, &count);
  for (guint i = 0; i < count && !t->bad; i++)
    {
      const char *text = tables_string (t, values[3 * i]);
      g_autoptr(ChronicleQuote) quote = NULL;

      if (text == NULL)
        return FALSE;
      quote = chronicle_quote_new (text, tables_string (t, values[3 * i + 1]),
                                   tables_string (t, values[3 * i + 2]));
      chronicle_event_add_quote (event, quote);
    }

  values = tables_list (t, extras->sources, 4, &count);
  for (guint i = 0; i < count && !t->bad; i++)
    {
      g_autoptr(ChronicleSource) source =
        chronicle_source_new (tables_string (t, values[4 * i]),
                              tables_string (t, values[4 * i + 1]),
                              tables_string (t, values[4 * i + 2]),
                              tables_string (t, values[4 * i + 3]));

      chronicle_event_add_source (event, source);
    }

  if (extras->extra != 0 && !t->bad)
    {
      const char *text = tables_string (t, extras->extra);
      g_autoptr(JsonNode) node = text != NULL ? json_from_string (text, NULL) : NULL;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
      chronicle_event_set_extra_members (event, json_node_get_object (node));
    }

  return !t->bad;
}

/* What a timeline read from the cache needs to make its events when they
 * are asked for: the mapped cache itself, and its tables. */
typedef struct
{
  GVariant          *cache;      /* keeps the mapping */
  Tables             t;
  const CacheEvent  *records;
  guint              n_records;
  const CacheExtras *extras;
  gsize              n_extras;
  GHashTable        *kinds;      /* string number → interned kind */
  GHashTable        *ids;        /* id in the blob → position + 1; made on first use */
} LazyEvents;

static void
lazy_events_free (gpointer data)
{
  LazyEvents *lazy = data;

  g_clear_pointer (&lazy->kinds, g_hash_table_unref);
  g_clear_pointer (&lazy->ids, g_hash_table_unref);
  g_clear_pointer (&lazy->cache, g_variant_unref);
  g_free (lazy);
}

/* Every record was checked when the cache was opened: making its event
 * cannot fail. */
static ChronicleEvent *
lazy_make_event (gpointer user_data,
                 guint    position)
{
  LazyEvents *lazy = user_data;
  Tables *t = &lazy->t;
  const CacheEvent *record = &lazy->records[position];
  ChronicleEventFields fields = { 0, };
  ChronicleEvent *event;

  time_from_record (t, &fields.start, record->start_instant, record->start_offset,
                    record->start_zone, record->start_precision, record->start_flags);
  fields.has_end = (record->bits & BIT_HAS_END) != 0;
  if (fields.has_end)
    time_from_record (t, &fields.end, record->end_instant, record->end_offset,
                      record->end_zone, record->end_precision, record->end_flags);

  fields.kind = g_hash_table_lookup (lazy->kinds, GUINT_TO_POINTER (record->kind));
  fields.status = record->status;
  fields.derived_id = (record->bits & BIT_DERIVED_ID) != 0;
  fields.id = tables_dup (t, record->id);
  fields.title = tables_dup (t, record->title);
  fields.summary = tables_dup (t, record->summary);
  fields.description = tables_dup (t, record->description);
  fields.location = tables_dup (t, record->location);
  fields.actors = tables_strv (t, record->actors);
  fields.tags = tables_strv (t, record->tags);
  fields.file_index = record->file_index;

  /* Takes the strings: freed with the event. */
  event = chronicle_event_new_take (&fields);

  if (record->extras != 0)
    add_extras_to_event (t, &lazy->extras[record->extras - 1], event);

  return event;
}

static guint
lazy_find_id (gpointer    user_data,
              const char *id)
{
  LazyEvents *lazy = user_data;
  gpointer position;

  /* Looking an event up by id is rare (links between events, a saved
   * selection): the index is made the first time, from the strings in
   * place. The first event with an id wins, as in the file. */
  if (lazy->ids == NULL)
    {
      lazy->ids = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = lazy->n_records; i > 0; i--)
        g_hash_table_insert (lazy->ids, (gpointer) tables_string (&lazy->t, lazy->records[i - 1].id),
                             GUINT_TO_POINTER (i));
    }

  position = g_hash_table_lookup (lazy->ids, id);

  return position != NULL ? GPOINTER_TO_UINT (position) - 1 : G_MAXUINT;
}

static void
foreach_listed (Tables                 *t,
                guint32                 offset,
                ChronicleEventText      field,
                ChronicleEventTextFunc  func,
                gpointer                func_data)
{
  const guint32 *values;
  guint count;

  values = tables_list (t, offset, 1, &count);
  for (guint i = 0; i < count; i++)
    func (field, tables_string (t, values[i]), func_data);
}

/* The texts of an event, read in place: searching a timeline from the
 * cache makes no event. */
static void
lazy_foreach_text (gpointer                user_data,
                   guint                   position,
                   ChronicleEventTextFunc  func,
                   gpointer                func_data)
{
  static const ChronicleEventText fields[] = {
    CHRONICLE_EVENT_TEXT_TITLE, CHRONICLE_EVENT_TEXT_SUMMARY,
    CHRONICLE_EVENT_TEXT_DESCRIPTION, CHRONICLE_EVENT_TEXT_LOCATION,
  };
  LazyEvents *lazy = user_data;
  Tables *t = &lazy->t;
  const CacheEvent *record = &lazy->records[position];
  const guint32 numbers[] = { record->title, record->summary, record->description, record->location };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (numbers[i] != 0)
      func (fields[i], tables_string (t, numbers[i]), func_data);

  foreach_listed (t, record->actors, CHRONICLE_EVENT_TEXT_ACTOR, func, func_data);
  foreach_listed (t, record->tags, CHRONICLE_EVENT_TEXT_TAG, func, func_data);

  if (record->extras != 0)
    {
      const CacheExtras *extras = &lazy->extras[record->extras - 1];
      const guint32 *values;
      guint count;

      values = tables_list (t, extras->quotes, 3, &count);
      for (guint i = 0; i < count; i++)
        {
          func (CHRONICLE_EVENT_TEXT_QUOTE, tables_string (t, values[3 * i]), func_data);
          if (values[3 * i + 1] != 0)
            func (CHRONICLE_EVENT_TEXT_QUOTE_SPEAKER, tables_string (t, values[3 * i + 1]), func_data);
        }
    }
}

static const ChronicleLazyEventsFuncs lazy_events_funcs = {
  lazy_make_event,
  lazy_find_id,
  lazy_foreach_text,
};

/* A string number that names a string, or 0 when @optional. */
static inline gboolean
check_string (Tables  *t,
              guint32  number,
              gboolean optional)
{
  if (number == 0)
    return optional;

  return tables_string (t, number) != NULL;
}

static gboolean
check_string_list (Tables  *t,
                   guint32  offset,
                   guint    width,
                   guint    n_required)
{
  const guint32 *values;
  guint count;

  values = tables_list (t, offset, width, &count);
  for (guint i = 0; i < count * width && !t->bad; i++)
    if (!check_string (t, values[i], i % width >= n_required))
      return FALSE;

  return !t->bad;
}

static gboolean
check_time (Tables  *t,
            guint32  zone,
            guint8   precision,
            guint8   flags)
{
  return precision <= CHRONICLE_TIME_PRECISION_SECOND &&
         (flags & ~(CHRONICLE_TIME_FLAG_APPROXIMATE | CHRONICLE_TIME_FLAG_HAS_OFFSET)) == 0 &&
         check_string (t, zone, TRUE);
}

/* Checks what making the record's event will read, so that making it
 * later cannot fail, without making it. */
static gboolean
check_record (LazyEvents       *lazy,
              const CacheEvent *record)
{
  Tables *t = &lazy->t;
  const CacheExtras *extras;

  if (record->status >= CHRONICLE_EVENT_N_STATUSES ||
      (record->bits & ~(BIT_HAS_END | BIT_DERIVED_ID)) != 0 ||
      !check_time (t, record->start_zone, record->start_precision, record->start_flags) ||
      ((record->bits & BIT_HAS_END) != 0 &&
       !check_time (t, record->end_zone, record->end_precision, record->end_flags)) ||
      !check_string (t, record->id, FALSE) ||
      !check_string (t, record->title, FALSE) ||
      !check_string (t, record->summary, TRUE) ||
      !check_string (t, record->description, TRUE) ||
      !check_string (t, record->location, TRUE) ||
      !check_string_list (t, record->actors, 1, 1) ||
      !check_string_list (t, record->tags, 1, 1))
    return FALSE;

  if (record->extras == 0)
    return TRUE;
  if (record->extras > lazy->n_extras)
    return FALSE;

  extras = &lazy->extras[record->extras - 1];
  if (!check_string_list (t, extras->quotes, 3, 1) ||
      !check_string_list (t, extras->sources, 4, 0) ||
      !check_string (t, extras->extra, TRUE))
    return FALSE;

  if (extras->extra != 0)
    {
      g_autoptr(JsonNode) node = json_from_string (tables_string (t, extras->extra), NULL);

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        return FALSE;
    }

  return TRUE;
}

/* Records must come in the timeline's order: by start instant, then
 * precision, then file index. */
static inline gboolean
records_in_order (const CacheEvent *a,
                  const CacheEvent *b)
{
  if (a->start_instant != b->start_instant)
    return a->start_instant < b->start_instant;
  if (a->start_precision != b->start_precision)
    return a->start_precision < b->start_precision;

  return a->file_index <= b->file_index;
}

/* Checks every record and reads what views need of each into the table:
 * one pass over the records, no event made. */
static ChronicleEventTable *
build_table (LazyEvents    *lazy,
             GCancellable  *cancellable,
             void         (*progress) (double, gpointer),
             gpointer       user_data)
{
  g_autoptr(ChronicleEventTableBuilder) builder = chronicle_event_table_builder_new (lazy->n_records);
  Tables *t = &lazy->t;

  for (guint i = 0; i < lazy->n_records; i++)
    {
      const CacheEvent *record = &lazy->records[i];
      ChronicleTime end;
      const char *kind;
      const guint32 *values;
      guint count;
      guint8 flags = 0;

      if ((i & 0xFFFF) == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            return NULL;
          if (progress != NULL)
            progress ((double) i / lazy->n_records, user_data);
        }

      if (!check_record (lazy, record) ||
          (i > 0 && !records_in_order (&lazy->records[i - 1], record)))
        {
          g_debug ("Cached event %u is unreadable", i);
          return NULL;
        }

      kind = g_hash_table_lookup (lazy->kinds, GUINT_TO_POINTER (record->kind));
      if (kind == NULL)
        {
          const char *text = tables_string (t, record->kind);

          if (text == NULL || *text == '\0')
            return NULL;
          kind = g_intern_string (text);
          g_hash_table_insert (lazy->kinds, GUINT_TO_POINTER (record->kind), (gpointer) kind);
        }

      /* As chronicle_event_get_end_instant() gives it: the end of the
       * period the end (or a point event's start) names. */
      memset (&end, 0, sizeof end);
      if ((record->bits & BIT_HAS_END) != 0)
        {
          end.instant = record->end_instant;
          end.offset = record->end_offset;
          end.precision = record->end_precision;
          flags |= CHRONICLE_EVENT_TABLE_RANGE;
        }
      else
        {
          end.instant = record->start_instant;
          end.offset = record->start_offset;
          end.precision = record->start_precision;
        }
      if ((record->start_flags & CHRONICLE_TIME_FLAG_APPROXIMATE) != 0)
        flags |= CHRONICLE_EVENT_TABLE_APPROXIMATE;

      chronicle_event_table_builder_add_event (builder, record->start_instant,
                                               chronicle_time_get_end_instant (&end),
                                               record->status, flags, kind);

      values = tables_list (t, record->actors, 1, &count);
      for (guint j = 0; j < count; j++)
        chronicle_event_table_builder_add_actor (builder, tables_string (t, values[j]), values[j]);
      values = tables_list (t, record->tags, 1, &count);
      for (guint j = 0; j < count; j++)
        chronicle_event_table_builder_add_tag (builder, tables_string (t, values[j]), values[j]);
    }

  return chronicle_event_table_builder_end (g_steal_pointer (&builder));
}

static ChronicleTimeline *
build_timeline (GVariant     *cache,
                GVariant    **fields,
                GCancellable *cancellable,
                void        (*progress) (double, gpointer),
                gpointer      user_data)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(ChronicleEventTable) table = NULL;
  g_autoptr(GBytes) header = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_records;
  gsize header_length;
  const char *header_text;
  LazyEvents *lazy;

  header_text = g_variant_get_string (fields[CACHE_HEADER], &header_length);
  header = g_bytes_new_static (header_text, header_length);
  timeline = chronicle_loader_load_bytes (loader, header, "cache", NULL, &error);
  if (timeline == NULL || chronicle_loader_get_diagnostics (loader)->len > 0 ||
      chronicle_timeline_get_n_events (timeline) > 0)
    return NULL;

  lazy = g_new0 (LazyEvents, 1);
  lazy->cache = g_variant_ref (cache);
  lazy->kinds = g_hash_table_new (NULL, NULL);
  lazy->records = g_variant_get_fixed_array (fields[CACHE_EVENTS], &n_records, sizeof (CacheEvent));
  lazy->extras = g_variant_get_fixed_array (fields[CACHE_EXTRAS], &lazy->n_extras,
                                            sizeof (CacheExtras));
  lazy->t.blob = g_variant_get_fixed_array (fields[CACHE_STRINGS], &lazy->t.blob_length, 1);
  lazy->t.offsets = g_variant_get_fixed_array (fields[CACHE_OFFSETS], &lazy->t.n_offsets,
                                               sizeof (guint32));
  lazy->t.lists = g_variant_get_fixed_array (fields[CACHE_LISTS], &lazy->t.n_lists,
                                             sizeof (guint32));
  lazy->n_records = MIN (n_records, G_MAXUINT);

  /* Every string ends before the blob does; lists start with an empty one. */
  if (lazy->t.blob_length == 0 || lazy->t.blob[lazy->t.blob_length - 1] != '\0' ||
      lazy->t.n_offsets == 0 || lazy->t.n_lists == 0 || lazy->t.lists[0] != 0 ||
      n_records >= G_MAXUINT ||
      (table = build_table (lazy, cancellable, progress, user_data)) == NULL)
    {
      lazy_events_free (lazy);
      return NULL;
    }

  /* The events themselves are made when they are first asked for: making
   * a million objects was most of the time of reading the cache. */
  chronicle_timeline_set_lazy_events (timeline, table, &lazy_events_funcs, lazy, lazy_events_free);

  if (progress != NULL)
    progress (1.0, user_data);

  return g_steal_pointer (&timeline);
}

ChronicleTimeline *
chronicle_cache_load (const char    *path,
                      guint64        size,
                      gint64         mtime,
                      GCancellable  *cancellable,
                      void         (*progress) (double   fraction,
                                                gpointer user_data),
                      gpointer       user_data)
{
  g_autofree char *cache_path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) cache = NULL;
  GVariant *fields[N_CACHE_FIELDS] = { NULL, };
  ChronicleTimeline *timeline = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  cache_path = chronicle_cache_get_path (path);
  mapped = g_mapped_file_new (cache_path, FALSE, NULL);
  if (mapped == NULL)
    return NULL;

  /* Untrusted: GVariant checks every offset it reads, and the checksum
   * the rest. */
  bytes = g_mapped_file_get_bytes (mapped);
  cache = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (CACHE_TYPE), bytes, FALSE));
  for (guint i = 0; i < N_CACHE_FIELDS; i++)
    fields[i] = g_variant_get_child_value (cache, i);

  if (g_strcmp0 (g_variant_get_string (fields[CACHE_MAGIC_FIELD], NULL), CACHE_MAGIC) != 0 ||
      g_variant_get_uint32 (fields[CACHE_VERSION_FIELD]) != CACHE_VERSION ||
      g_strcmp0 (g_variant_get_string (fields[CACHE_APP_VERSION], NULL), PACKAGE_VERSION) != 0)
    g_debug ("The cache of %s is of another version", path);
  else if (g_strcmp0 (g_variant_get_string (fields[CACHE_PATH], NULL), path) != 0 ||
           g_variant_get_uint64 (fields[CACHE_SIZE]) != size ||
           g_variant_get_int64 (fields[CACHE_MTIME]) != mtime)
    g_debug ("The cache of %s is stale", path);
  else if (g_variant_get_uint64 (fields[CACHE_CHECKSUM]) != checksum_fields (fields))
    g_debug ("The cache of %s is truncated or corrupt", path);
  else
    timeline = build_timeline (cache, fields, cancellable, progress, user_data);

  for (guint i = 0; i < N_CACHE_FIELDS; i++)
    g_variant_unref (fields[i]);

  return timeline;
}
