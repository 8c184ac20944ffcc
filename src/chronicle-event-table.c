/* chronicle-event-table.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-event-table"

#include "config.h"

#include "chronicle-event-table.h"

/* One set of strings being built: each distinct string once. */
typedef struct
{
  GPtrArray  *strings;   /* owned copies, then %NULL-terminated */
  GHashTable *by_text;   /* string → number + 1, keys in @strings */
  GHashTable *by_key;    /* caller's key → number + 1 */
  GArray     *offsets;   /* guint32, n_events + 1 */
  GArray     *members;   /* guint32 */
} StringSetsBuilder;

struct _ChronicleEventTable
{
  gatomicrefcount  ref_count;

  guint            n_events;
  gint64          *starts;
  gint64          *ends;
  gint64           max_duration;
  guint8          *statuses;
  guint8          *flags;
  guint32         *kinds;
  GPtrArray       *kind_ids;   /* interned, %NULL-terminated */

  GPtrArray       *actor_strings;
  GArray          *actor_offsets;
  GArray          *actor_members;
  GPtrArray       *tag_strings;
  GArray          *tag_offsets;
  GArray          *tag_members;
};

struct _ChronicleEventTableBuilder
{
  GArray            *starts;
  GArray            *ends;
  GArray            *statuses;
  GArray            *flags;
  GArray            *kinds;
  GPtrArray         *kind_ids;
  GHashTable        *kind_numbers;  /* interned id → number + 1 */
  const char        *last_kind;
  guint32            last_kind_number;
  gint64             max_duration;
  StringSetsBuilder  actors;
  StringSetsBuilder  tags;
};

G_DEFINE_BOXED_TYPE (ChronicleEventTable, chronicle_event_table,
                     chronicle_event_table_ref, chronicle_event_table_unref)

static void
string_sets_builder_init (StringSetsBuilder *sets,
                          guint              n_events_hint)
{
  guint32 zero = 0;

  sets->strings = g_ptr_array_new_with_free_func (g_free);
  sets->by_text = g_hash_table_new (g_str_hash, g_str_equal);
  sets->by_key = g_hash_table_new (NULL, NULL);
  sets->offsets = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_events_hint + 1);
  sets->members = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (sets->offsets, zero);
}

static void
string_sets_builder_clear (StringSetsBuilder *sets)
{
  g_clear_pointer (&sets->strings, g_ptr_array_unref);
  g_clear_pointer (&sets->by_text, g_hash_table_unref);
  g_clear_pointer (&sets->by_key, g_hash_table_unref);
  g_clear_pointer (&sets->offsets, g_array_unref);
  g_clear_pointer (&sets->members, g_array_unref);
}

/* Opens the sets of the next event: its members follow. */
static inline void
string_sets_builder_next (StringSetsBuilder *sets)
{
  guint32 end = sets->members->len;

  g_array_append_val (sets->offsets, end);
}

static void
string_sets_builder_add (StringSetsBuilder *sets,
                         const char        *text,
                         guint32            key)
{
  gpointer value = NULL;
  guint32 number;

  if (key != 0)
    value = g_hash_table_lookup (sets->by_key, GUINT_TO_POINTER (key));
  if (value == NULL)
    value = g_hash_table_lookup (sets->by_text, text);

  if (value != NULL)
    {
      number = GPOINTER_TO_UINT (value) - 1;
    }
  else
    {
      char *copy = g_strdup (text);

      number = sets->strings->len;
      g_ptr_array_add (sets->strings, copy);
      g_hash_table_insert (sets->by_text, copy, GUINT_TO_POINTER (number + 1));
    }

  if (key != 0 && value == NULL)
    g_hash_table_insert (sets->by_key, GUINT_TO_POINTER (key), GUINT_TO_POINTER (number + 1));

  g_array_append_val (sets->members, number);
  /* The event's end moves with each member. */
  g_array_index (sets->offsets, guint32, sets->offsets->len - 1) = sets->members->len;
}

ChronicleEventTableBuilder *
chronicle_event_table_builder_new (guint n_events_hint)
{
  ChronicleEventTableBuilder *builder = g_new0 (ChronicleEventTableBuilder, 1);

  builder->starts = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_events_hint);
  builder->ends = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_events_hint);
  builder->statuses = g_array_sized_new (FALSE, FALSE, sizeof (guint8), n_events_hint);
  builder->flags = g_array_sized_new (FALSE, FALSE, sizeof (guint8), n_events_hint);
  builder->kinds = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_events_hint);
  builder->kind_ids = g_ptr_array_new ();
  builder->kind_numbers = g_hash_table_new (NULL, NULL);
  string_sets_builder_init (&builder->actors, n_events_hint);
  string_sets_builder_init (&builder->tags, n_events_hint);

  return builder;
}

void
chronicle_event_table_builder_free (ChronicleEventTableBuilder *builder)
{
  if (builder == NULL)
    return;

  g_clear_pointer (&builder->starts, g_array_unref);
  g_clear_pointer (&builder->ends, g_array_unref);
  g_clear_pointer (&builder->statuses, g_array_unref);
  g_clear_pointer (&builder->flags, g_array_unref);
  g_clear_pointer (&builder->kinds, g_array_unref);
  g_clear_pointer (&builder->kind_ids, g_ptr_array_unref);
  g_clear_pointer (&builder->kind_numbers, g_hash_table_unref);
  string_sets_builder_clear (&builder->actors);
  string_sets_builder_clear (&builder->tags);
  g_free (builder);
}

void
chronicle_event_table_builder_add_event (ChronicleEventTableBuilder *builder,
                                         gint64                      start,
                                         gint64                      end,
                                         ChronicleEventStatus        status,
                                         guint8                      flags,
                                         const char                 *kind)
{
  guint8 status_value = status;
  guint32 number;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (kind != NULL);

  /* Interned ids compare by address; runs of one kind skip the lookup. */
  kind = g_intern_string (kind);
  if (builder->kind_ids->len > 0 && kind == builder->last_kind)
    {
      number = builder->last_kind_number;
    }
  else
    {
      gpointer value = g_hash_table_lookup (builder->kind_numbers, kind);

      if (value == NULL)
        {
          g_ptr_array_add (builder->kind_ids, (gpointer) kind);
          value = GUINT_TO_POINTER (builder->kind_ids->len);
          g_hash_table_insert (builder->kind_numbers, (gpointer) kind, value);
        }

      number = GPOINTER_TO_UINT (value) - 1;
      builder->last_kind = kind;
      builder->last_kind_number = number;
    }

  g_array_append_val (builder->starts, start);
  g_array_append_val (builder->ends, end);
  g_array_append_val (builder->statuses, status_value);
  g_array_append_val (builder->flags, flags);
  g_array_append_val (builder->kinds, number);
  if (end - start > builder->max_duration)
    builder->max_duration = end - start;

  string_sets_builder_next (&builder->actors);
  string_sets_builder_next (&builder->tags);
}

void
chronicle_event_table_builder_add_actor (ChronicleEventTableBuilder *builder,
                                         const char                 *actor,
                                         guint32                     key)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (actor != NULL);
  g_return_if_fail (builder->starts->len > 0);

  string_sets_builder_add (&builder->actors, actor, key);
}

void
chronicle_event_table_builder_add_tag (ChronicleEventTableBuilder *builder,
                                       const char                 *tag,
                                       guint32                     key)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (tag != NULL);
  g_return_if_fail (builder->starts->len > 0);

  string_sets_builder_add (&builder->tags, tag, key);
}

static inline gpointer
steal_array (GArray **array)
{
  return g_array_free (g_steal_pointer (array), FALSE);
}

ChronicleEventTable *
chronicle_event_table_builder_end (ChronicleEventTableBuilder *builder)
{
  ChronicleEventTable *self;

  g_return_val_if_fail (builder != NULL, NULL);

  self = g_new0 (ChronicleEventTable, 1);
  g_atomic_ref_count_init (&self->ref_count);

  self->n_events = builder->starts->len;
  self->max_duration = builder->max_duration;
  self->starts = steal_array (&builder->starts);
  self->ends = steal_array (&builder->ends);
  self->statuses = steal_array (&builder->statuses);
  self->flags = steal_array (&builder->flags);
  self->kinds = steal_array (&builder->kinds);

  self->kind_ids = g_steal_pointer (&builder->kind_ids);
  g_ptr_array_add (self->kind_ids, NULL);

  self->actor_strings = g_steal_pointer (&builder->actors.strings);
  g_ptr_array_add (self->actor_strings, NULL);
  self->actor_offsets = g_steal_pointer (&builder->actors.offsets);
  self->actor_members = g_steal_pointer (&builder->actors.members);

  self->tag_strings = g_steal_pointer (&builder->tags.strings);
  g_ptr_array_add (self->tag_strings, NULL);
  self->tag_offsets = g_steal_pointer (&builder->tags.offsets);
  self->tag_members = g_steal_pointer (&builder->tags.members);

  chronicle_event_table_builder_free (builder);

  return self;
}

ChronicleEventTable *
chronicle_event_table_new_from_events (ChronicleEvent * const *events,
                                       guint                  n_events)
{
  ChronicleEventTableBuilder *builder;

  g_return_val_if_fail (events != NULL || n_events == 0, NULL);

  builder = chronicle_event_table_builder_new (n_events);

  for (guint i = 0; i < n_events; i++)
    {
      ChronicleEvent *event = events[i];
      const char * const *actors = chronicle_event_get_actors (event);
      const char * const *tags = chronicle_event_get_tags (event);
      guint8 flags = 0;

      if (chronicle_event_is_range (event))
        flags |= CHRONICLE_EVENT_TABLE_RANGE;
      if (chronicle_event_get_approximate (event))
        flags |= CHRONICLE_EVENT_TABLE_APPROXIMATE;

      chronicle_event_table_builder_add_event (builder,
                                               chronicle_event_get_start_instant (event),
                                               chronicle_event_get_end_instant (event),
                                               chronicle_event_get_status (event),
                                               flags,
                                               chronicle_event_get_kind (event));

      for (guint j = 0; actors != NULL && actors[j] != NULL; j++)
        string_sets_builder_add (&builder->actors, actors[j], 0);
      for (guint j = 0; tags != NULL && tags[j] != NULL; j++)
        string_sets_builder_add (&builder->tags, tags[j], 0);
    }

  return chronicle_event_table_builder_end (builder);
}

ChronicleEventTable *
chronicle_event_table_ref (ChronicleEventTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
chronicle_event_table_unref (ChronicleEventTable *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->starts);
  g_free (self->ends);
  g_free (self->statuses);
  g_free (self->flags);
  g_free (self->kinds);
  g_ptr_array_unref (self->kind_ids);
  g_ptr_array_unref (self->actor_strings);
  g_array_unref (self->actor_offsets);
  g_array_unref (self->actor_members);
  g_ptr_array_unref (self->tag_strings);
  g_array_unref (self->tag_offsets);
  g_array_unref (self->tag_members);
  g_free (self);
}

guint
chronicle_event_table_get_n_events (ChronicleEventTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_events;
}

const gint64 *
chronicle_event_table_get_starts (ChronicleEventTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->starts;
}

const gint64 *
chronicle_event_table_get_ends (ChronicleEventTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->ends;
}

gint64
chronicle_event_table_get_max_duration (ChronicleEventTable *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_duration;
}

const guint8 *
chronicle_event_table_get_statuses (ChronicleEventTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->statuses;
}

const guint8 *
chronicle_event_table_get_flags (ChronicleEventTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->flags;
}

const guint32 *
chronicle_event_table_get_kinds (ChronicleEventTable *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->kinds;
}

const char * const *
chronicle_event_table_get_kind_ids (ChronicleEventTable *self,
                                    guint               *n_kind_ids)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_kind_ids != NULL)
    *n_kind_ids = self->kind_ids->len - 1;

  return (const char * const *) self->kind_ids->pdata;
}

static void
fill_sets (ChronicleStringSets *sets,
           GPtrArray           *strings,
           GArray              *offsets,
           GArray              *members)
{
  sets->offsets = (const guint32 *)(gpointer) offsets->data;
  sets->members = (const guint32 *)(gpointer) members->data;
  sets->strings = (const char * const *) strings->pdata;
  sets->n_strings = strings->len - 1;
}

void
chronicle_event_table_get_actors (ChronicleEventTable *self,
                                  ChronicleStringSets *actors)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (actors != NULL);

  fill_sets (actors, self->actor_strings, self->actor_offsets, self->actor_members);
}

void
chronicle_event_table_get_tags (ChronicleEventTable *self,
                                ChronicleStringSets *tags)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (tags != NULL);

  fill_sets (tags, self->tag_strings, self->tag_offsets, self->tag_members);
}
