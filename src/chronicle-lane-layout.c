/* chronicle-lane-layout.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-lane-layout"

#include "config.h"

#include "chronicle-lane-layout.h"
#include "chronicle-event-filter.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

/* A point event reserves this fraction of the events' extent when stacking
 * (about 30 px when everything fits in a 1200 px wide view). */
#define DEFAULT_POINT_EXTENT_DIVISOR 40

/* Entries are also indexed by how long they last, in classes four times
 * longer each (class c holds durations below 4^c seconds), so that a time
 * range finds the long ones that reach into it without walking past every
 * entry that started since they did. */
#define N_DURATION_CLASSES 32

/* Lanes kept for reuse between rebuilds. */
#define MAX_SPARE_LANES 4

/* A rebuild of this many events or more that starts in the idle is made
 * in slices of SLICE_USEC, so that no main-loop iteration waits for it,
 * reading SLICE_CHUNK events between looks at the clock. */
#define SLICE_MIN_EVENTS 50000
#define SLICE_USEC       8000
#define SLICE_CHUNK      4096

typedef enum
{
  BUILD_COUNTING,
  BUILD_FILLING,
} BuildPhase;

typedef enum
{
  LANE_CATEGORY_DECLARED,  /* kinds, declared actors, statuses: their own order */
  LANE_CATEGORY_NAMED,     /* plain actor names, tags: alphabetical */
  LANE_CATEGORY_REST,      /* events without actors or tags */
} LaneCategory;

typedef struct
{
  char         *key;
  char         *label;
  char         *collate_key;
  GArray       *entries;
  gint64        max_duration;
  /* Entry indices by duration class, each class in start order. */
  guint        *by_class;
  guint         by_class_size;
  guint         class_offsets[N_DURATION_CLASSES + 1];
  gint64        class_max[N_DURATION_CLASSES];
  guint         class_next[N_DURATION_CLASSES];  /* while filling */
  /* Stacking, as the entries come in start order. */
  gint64        row_end[CHRONICLE_LANE_LAYOUT_MAX_ROWS];
  guint         last_shared;
  guint         n_rows;
  guint         kind;
  guint         rank;
  LaneCategory  category;
  /* The fast rebuild's: the lane's slot, its index in self->cur.lanes, its
   * latest end, how many entries it gets, and whether this rebuild lays
   * it out again (else it keeps its rows, as its events did not change). */
  guint         slot;
  guint         index;
  gint64        max_end;
  guint         count;
  gboolean      dirty;
} Lane;

/* The fast rebuild reads the timeline's table. A slot is what puts an
 * event in a lane: its kind as drawn, its status, one of its actors or
 * tags (the table's string number; the last slot is the lane of events
 * without any), or nothing. */
typedef struct
{
  ChronicleGroupBy           group_by;
  guint                      n_slots;
  guint                     *of_value;       /* kind or string number → slot, or G_MAXUINT */
  const char               **kind_keys;      /* by slot, when grouped by kind */
  guint16                   *kind_indices;   /* by slot, when grouped by kind */
  guint16                   *kinds;          /* by kind number: the entries' kind index */
  const guint32             *kind_numbers;   /* by timeline position */
  const guint8              *statuses;
  const guint8              *flags;
  const gint64              *starts;
  const gint64              *ends;
  ChronicleStringSets        sets;           /* actors or tags */
} Slots;

/* A layout: what is drawn, or one being made in slices. */
typedef struct
{
  GPtrArray           *kinds;        /* ChronicleKind, by kind index */
  GPtrArray           *lanes;        /* Lane */
  gint64               extent_start;
  gint64               extent_end;
  /* The fast rebuild's: the timeline's table, the slots, the lane of
   * each slot (borrowed, or NULL), the timeline positions by model
   * position, the point extent stacked with. */
  ChronicleEventTable *table;
  Slots                slots;
  GPtrArray           *slot_lanes;
  GArray              *positions;
  ChronicleBitset     *shown;        /* the filter's, when it gave @positions */
  gint64               point_extent;
  /* While building: the declared actors' ranks, the phase of a rebuild
   * in slices and the next model position it reads. */
  GHashTable          *actor_rank;
  guint                phase;
  guint                next;
} Build;

struct _ChronicleLaneLayout
{
  GObject            parent_instance;

  ChronicleTimeline *timeline;
  GListModel        *model;
  GSignalGroup      *model_signals;
  GSignalGroup      *kinds_signals;
  GSignalGroup      *actors_signals;

  /* The layout drawn. When the model is the timeline, or lists what
   * self->filter shows, it is made from the timeline's table and keeps
   * timeline positions (cur.positions) instead of @events. */
  Build              cur;
  GPtrArray         *events;   /* ChronicleEvent, by model position (not when fast) */
  GArray            *starts;   /* gint64, by model position (not when fast) */
  ChronicleEventFilter *filter;
  GSignalGroup      *timeline_signals;
  GArray            *old_positions;  /* the last fast rebuild's, while rebuilding */
  guint             *ranks;          /* see chronicle_lane_layout_rank_words() */
  GArray            *spare_entries;  /* ChronicleLaneEntry, for chronicle_lane_layout_refill_lane() */
  guint              fast : 1;
  /* Only the model's items changed since the last fast rebuild: lanes
   * whose events stayed the same keep their rows. */
  guint              reusable : 1;
  GPtrArray         *spare_lanes;  /* Lane, kept for reuse */

  /* A big rebuild started from the idle is made in slices, while the
   * last layout stays drawn. */
  Build             *pending;
  guint              slice_source;

  ChronicleGroupBy   group_by;
  gint64             point_extent;
  guint              rebuild_source;
};

G_DEFINE_FINAL_TYPE (ChronicleLaneLayout, chronicle_lane_layout, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_MODEL,
  PROP_GROUP_BY,
  PROP_POINT_EXTENT,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const GEnumValue group_by_values[] = {
  { CHRONICLE_GROUP_BY_NONE, "CHRONICLE_GROUP_BY_NONE", "none" },
  { CHRONICLE_GROUP_BY_KIND, "CHRONICLE_GROUP_BY_KIND", "kind" },
  { CHRONICLE_GROUP_BY_ACTOR, "CHRONICLE_GROUP_BY_ACTOR", "actor" },
  { CHRONICLE_GROUP_BY_TAG, "CHRONICLE_GROUP_BY_TAG", "tag" },
  { CHRONICLE_GROUP_BY_STATUS, "CHRONICLE_GROUP_BY_STATUS", "status" },
  { 0, NULL, NULL }
};

GType
chronicle_group_by_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string ("ChronicleGroupBy"),
                                           group_by_values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char *
chronicle_group_by_to_string (ChronicleGroupBy group_by)
{
  guint i;

  for (i = 0; group_by_values[i].value_nick != NULL; i++)
    {
      if ((ChronicleGroupBy) group_by_values[i].value == group_by)
        return group_by_values[i].value_nick;
    }

  g_return_val_if_reached (NULL);
}

gboolean
chronicle_group_by_from_string (const char       *text,
                                ChronicleGroupBy *group_by)
{
  guint i;

  g_return_val_if_fail (group_by != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (i = 0; group_by_values[i].value_nick != NULL; i++)
    {
      if (strcmp (group_by_values[i].value_nick, text) == 0)
        {
          *group_by = group_by_values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

static void
lane_free (gpointer data)
{
  Lane *lane = data;

  g_free (lane->key);
  g_free (lane->label);
  g_free (lane->collate_key);
  g_clear_pointer (&lane->entries, g_array_unref);
  g_free (lane->by_class);
  g_free (lane);
}

/* A lane from the last rebuild's, when there is one: its arrays are
 * reused, which saves zeroing fresh memory for a million entries. */
static Lane *
lane_new (GPtrArray    *spare,
          const char   *key,
          const char   *label,
          LaneCategory  category,
          guint         rank,
          guint         kind)
{
  Lane *lane;

  if (spare->len > 0)
    {
      GArray *entries;
      guint *by_class;
      guint by_class_size;

      lane = g_ptr_array_steal_index_fast (spare, spare->len - 1);
      entries = lane->entries;
      by_class = lane->by_class;
      by_class_size = lane->by_class_size;
      g_free (lane->key);
      g_free (lane->label);
      g_free (lane->collate_key);
      memset (lane, 0, sizeof *lane);
      g_array_set_size (entries, 0);
      lane->entries = entries;
      lane->by_class = by_class;
      lane->by_class_size = by_class_size;
    }
  else
    {
      lane = g_new0 (Lane, 1);
      lane->entries = g_array_new (FALSE, FALSE, sizeof (ChronicleLaneEntry));
    }

  lane->key = g_strdup (key);
  lane->label = g_strdup (label);
  lane->collate_key = g_utf8_collate_key (label, -1);
  lane->category = category;
  lane->rank = rank;
  lane->kind = kind;

  return lane;
}

static int
compare_lanes (gconstpointer a,
               gconstpointer b)
{
  const Lane *lane_a = *(Lane * const *) a;
  const Lane *lane_b = *(Lane * const *) b;
  int cmp;

  if (lane_a->category != lane_b->category)
    return lane_a->category < lane_b->category ? -1 : 1;
  if (lane_a->rank != lane_b->rank)
    return lane_a->rank < lane_b->rank ? -1 : 1;
  cmp = strcmp (lane_a->collate_key, lane_b->collate_key);
  if (cmp != 0)
    return cmp;

  return g_strcmp0 (lane_a->key, lane_b->key);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const ChronicleLaneEntry *entry_a = a;
  const ChronicleLaneEntry *entry_b = b;

  if (entry_a->start != entry_b->start)
    return entry_a->start < entry_b->start ? -1 : 1;
  if (entry_a->position != entry_b->position)
    return entry_a->position < entry_b->position ? -1 : 1;

  return 0;
}

static Lane *
get_lane (ChronicleLaneLayout *self,
          GHashTable          *lanes_by_key,
          const char          *key,
          const char          *label,
          LaneCategory         category,
          guint                rank,
          guint                kind)
{
  /* The hash table uses "" for the keyless lane. */
  const char *hash_key = key != NULL ? key : "";
  Lane *lane = g_hash_table_lookup (lanes_by_key, hash_key);

  if (lane == NULL)
    {
      lane = lane_new (self->spare_lanes, key, label, category, rank, kind);
      g_ptr_array_add (self->cur.lanes, lane);
      g_hash_table_insert (lanes_by_key, g_strdup (hash_key), lane);
    }

  return lane;
}

static gboolean
strv_contains_before (const char * const *strv,
                      guint               index)
{
  guint i;

  for (i = 0; i < index; i++)
    {
      if (g_strcmp0 (strv[i], strv[index]) == 0)
        return TRUE;
    }

  return FALSE;
}

static inline guint
duration_class (gint64 duration)
{
  guint bits = g_bit_storage ((guint64) MAX (duration, 0));

  return MIN ((bits + 1) / 2, N_DURATION_CLASSES - 1);
}

static inline void
lane_stack_reset (Lane *lane)
{
  /* Rows not used yet are free from the start of time. */
  for (guint r = 0; r < CHRONICLE_LANE_LAYOUT_MAX_ROWS; r++)
    lane->row_end[r] = G_MININT64;
  lane->n_rows = 0;
  lane->last_shared = CHRONICLE_LANE_LAYOUT_MAX_ROWS - 1;
  lane->max_duration = 0;
}

/* Rows: each entry takes the lowest row that is free at its start (a new
 * one when no row in use is). With the number of rows bounded, this is
 * linear in the entries, which come in start order. Returns the entry's
 * row. Written without data-dependent branches where it can be: crowded
 * lanes make them unpredictable, and this runs for every entry. */
static inline guint
lane_stack_entry (Lane   *lane,
                  gint64  start,
                  gint64  end,
                  gint64  point_extent)
{
  gint64 reserved_end = MAX (end, start + point_extent);
  guint free_rows = 0;
  guint row;
  guint r;

  for (r = 0; r < CHRONICLE_LANE_LAYOUT_MAX_ROWS; r++)
    free_rows |= (guint) (lane->row_end[r] <= start) << r;

  if (free_rows != 0)
    {
      /* Rows past the last in use are free, so the lowest free row is
       * one in use or the next new one. */
      row = __builtin_ctz (free_rows);
      lane->n_rows = MAX (lane->n_rows, row + 1);
    }
  else
    {
      gint64 row_end;
      guint candidate;

      /* Every row is busy: share the one that frees first, taking turns
       * between rows that free at the same time. */
      row = lane->last_shared + 1 < CHRONICLE_LANE_LAYOUT_MAX_ROWS ? lane->last_shared + 1 : 0;
      row_end = lane->row_end[row];
      candidate = row;
      for (r = 1; r < CHRONICLE_LANE_LAYOUT_MAX_ROWS; r++)
        {
          gboolean earlier;

          candidate = candidate + 1 < CHRONICLE_LANE_LAYOUT_MAX_ROWS ? candidate + 1 : 0;
          earlier = lane->row_end[candidate] < row_end;
          row = earlier ? candidate : row;
          row_end = earlier ? lane->row_end[candidate] : row_end;
        }
      lane->last_shared = row;
    }

  lane->row_end[row] = MAX (lane->row_end[row], reserved_end);
  lane->max_duration = MAX (lane->max_duration, end - start);

  return row;
}

/* Stacks a lane whose entries are sorted, counting them by duration class
 * for index_lane_durations() in the same pass. */
static void
stack_lane (Lane   *lane,
            guint   index,
            gint64  point_extent)
{
  guint i;

  lane_stack_reset (lane);
  memset (lane->class_offsets, 0, sizeof lane->class_offsets);
  memset (lane->class_max, 0, sizeof lane->class_max);

  for (i = 0; i < lane->entries->len; i++)
    {
      ChronicleLaneEntry *entry = &g_array_index (lane->entries, ChronicleLaneEntry, i);
      gint64 duration = entry->end - entry->start;
      guint c = duration_class (duration);

      entry->lane = index;
      lane->class_offsets[c + 1]++;
      lane->class_max[c] = MAX (lane->class_max[c], duration);
      entry->row = lane_stack_entry (lane, entry->start, entry->end, point_extent);
    }

  lane->n_rows = MAX (lane->n_rows, 1);
}

/* A counting sort of the entries by duration class, from the counts
 * stack_lane() left in class_offsets: stable, so that each class stays in
 * start order. */
static void
index_lane_durations (Lane *lane)
{
  guint next[N_DURATION_CLASSES];
  guint n = lane->entries->len;
  guint c;
  guint i;

  if (lane->by_class_size < n)
    {
      g_free (lane->by_class);
      lane->by_class = g_new (guint, n);
      lane->by_class_size = n;
    }

  for (c = 0; c < N_DURATION_CLASSES; c++)
    lane->class_offsets[c + 1] += lane->class_offsets[c];

  memcpy (next, lane->class_offsets, sizeof next);
  for (i = 0; i < n; i++)
    {
      const ChronicleLaneEntry *entry = &g_array_index (lane->entries, ChronicleLaneEntry, i);

      lane->by_class[next[duration_class (entry->end - entry->start)]++] = i;
    }
}

static void
slots_clear (Slots *slots)
{
  g_clear_pointer (&slots->of_value, g_free);
  g_clear_pointer (&slots->kind_keys, g_free);
  g_clear_pointer (&slots->kind_indices, g_free);
  g_clear_pointer (&slots->kinds, g_free);
  memset (slots, 0, sizeof *slots);
}

static void
chronicle_lane_layout_clear (ChronicleLaneLayout *self)
{
  while (self->cur.lanes->len > 0)
    g_ptr_array_add (self->spare_lanes,
                     g_ptr_array_steal_index_fast (self->cur.lanes, self->cur.lanes->len - 1));
  g_ptr_array_set_size (self->cur.slot_lanes, 0);
  g_ptr_array_set_size (self->events, 0);
  g_array_set_size (self->cur.positions, 0);
  self->fast = FALSE;
  self->reusable = FALSE;
  g_array_set_size (self->starts, 0);
  self->cur.extent_start = 0;
  self->cur.extent_end = 0;
}

static void
entry_init (ChronicleLaneEntry  *entry,
            ChronicleTimeline   *timeline,
            ChronicleEvent      *event,
            GHashTable          *kind_index,
            const char         **kind_id)
{
  gpointer kind_value = NULL;

  memset (entry, 0, sizeof *entry);
  entry->start = chronicle_event_get_start_instant (event);
  entry->end = MAX (chronicle_event_get_end_instant (event), entry->start);
  entry->status = chronicle_event_get_status (event);
  entry->kind = CHRONICLE_LANE_NO_KIND;
  if (!chronicle_event_is_range (event))
    entry->flags |= CHRONICLE_LANE_ENTRY_POINT;
  if (chronicle_event_get_approximate (event))
    entry->flags |= CHRONICLE_LANE_ENTRY_APPROXIMATE;

  *kind_id = chronicle_event_get_kind (event);
  if (timeline != NULL)
    {
      ChronicleKind *kind = chronicle_timeline_get_event_kind (timeline, event);

      if (kind != NULL)
        *kind_id = chronicle_kind_get_id (kind);
    }
  if (g_hash_table_lookup_extended (kind_index, *kind_id, NULL, &kind_value))
    entry->kind = GPOINTER_TO_UINT (kind_value);
}

/* The timeline positions the model lists, when that is known without
 * reading its items: the timeline itself, or the filter's shown events. */
static const guint *
chronicle_lane_layout_model_positions (ChronicleLaneLayout *self,
                                       guint                n_items,
                                       gboolean            *identity)
{
  const guint *positions;
  guint n_shown;

  *identity = FALSE;

  if (self->timeline == NULL || self->model == NULL)
    return NULL;

  if (self->model == G_LIST_MODEL (self->timeline))
    {
      *identity = TRUE;
      return NULL;
    }

  if (self->filter == NULL || chronicle_event_filter_get_timeline (self->filter) != self->timeline)
    return NULL;

  positions = chronicle_event_filter_get_shown_positions (self->filter, &n_shown);
  if (n_shown != n_items)
    return NULL;

  return positions;
}

static void
build_init (Build *b)
{
  memset (b, 0, sizeof *b);
  b->kinds = g_ptr_array_new_with_free_func (g_object_unref);
  b->lanes = g_ptr_array_new_with_free_func (lane_free);
  b->slot_lanes = g_ptr_array_new ();
  b->positions = g_array_new (FALSE, FALSE, sizeof (guint));
}

static void
build_clear (Build *b)
{
  g_clear_pointer (&b->kinds, g_ptr_array_unref);
  g_clear_pointer (&b->lanes, g_ptr_array_unref);
  g_clear_pointer (&b->slot_lanes, g_ptr_array_unref);
  g_clear_pointer (&b->positions, g_array_unref);
  g_clear_pointer (&b->actor_rank, g_hash_table_unref);
  g_clear_pointer (&b->shown, chronicle_bitset_free);
  slots_clear (&b->slots);
  g_clear_pointer (&b->table, chronicle_event_table_unref);
}

static void
build_free (Build *b)
{
  build_clear (b);
  g_free (b);
}

/* The timeline's kinds, and the declared actors' ranks. */
static void
chronicle_lane_layout_read_timeline (ChronicleLaneLayout *self,
                                     Build               *b,
                                     GHashTable          *kind_index)
{
  GListModel *kinds;
  GListModel *actors;
  guint n_kinds;
  guint n_actors;

  g_ptr_array_set_size (b->kinds, 0);
  g_clear_pointer (&b->actor_rank, g_hash_table_unref);
  b->actor_rank = g_hash_table_new (g_str_hash, g_str_equal);

  if (self->timeline == NULL)
    return;

  kinds = chronicle_timeline_get_kinds (self->timeline);
  actors = chronicle_timeline_get_actors (self->timeline);
  n_kinds = MIN (g_list_model_get_n_items (kinds), CHRONICLE_LANE_NO_KIND);
  n_actors = g_list_model_get_n_items (actors);

  for (guint i = 0; i < n_kinds; i++)
    {
      ChronicleKind *kind = g_list_model_get_item (kinds, i);

      g_ptr_array_add (b->kinds, kind);
      g_hash_table_insert (kind_index, (gpointer) chronicle_kind_get_id (kind),
                           GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < n_actors; i++)
    {
      g_autoptr(ChronicleActor) actor = g_list_model_get_item (actors, i);

      g_hash_table_insert (b->actor_rank,
                           (gpointer) g_intern_string (chronicle_actor_get_id (actor)),
                           GUINT_TO_POINTER (i));
    }
}

/* What puts the table's events in lanes, for the current grouping. */
static void
chronicle_lane_layout_prepare_slots (ChronicleLaneLayout *self,
                                     Build               *b,
                                     GHashTable          *kind_index)
{
  Slots *slots = &b->slots;
  ChronicleEventTable *table = b->table;
  const char * const *kind_ids;
  g_autofree const char **drawn = NULL;
  guint n_kind_ids;

  slots_clear (slots);
  slots->group_by = self->group_by;
  slots->kind_numbers = chronicle_event_table_get_kinds (table);
  slots->statuses = chronicle_event_table_get_statuses (table);
  slots->flags = chronicle_event_table_get_flags (table);
  slots->starts = chronicle_event_table_get_starts (table);
  slots->ends = chronicle_event_table_get_ends (table);
  kind_ids = chronicle_event_table_get_kind_ids (table, &n_kind_ids);

  /* Each kind as drawn: its own when the timeline knows it, else "other",
   * as chronicle_timeline_get_event_kind() says. */
  drawn = g_new (const char *, MAX (n_kind_ids, 1));
  slots->kinds = g_new (guint16, MAX (n_kind_ids, 1));
  for (guint k = 0; k < n_kind_ids; k++)
    {
      ChronicleKind *kind = chronicle_timeline_lookup_kind (self->timeline, kind_ids[k]);
      gpointer value;

      if (kind == NULL)
        kind = chronicle_timeline_lookup_kind (self->timeline, CHRONICLE_KIND_OTHER);
      drawn[k] = kind != NULL ? chronicle_kind_get_id (kind) : kind_ids[k];
      if (g_hash_table_lookup_extended (kind_index, drawn[k], NULL, &value))
        slots->kinds[k] = GPOINTER_TO_UINT (value);
      else
        slots->kinds[k] = CHRONICLE_LANE_NO_KIND;
    }

  switch (slots->group_by)
    {
    case CHRONICLE_GROUP_BY_KIND:
      {
        g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);

        slots->of_value = g_new (guint, MAX (n_kind_ids, 1));
        slots->kind_keys = g_new (const char *, MAX (n_kind_ids, 1));
        slots->kind_indices = g_new (guint16, MAX (n_kind_ids, 1));
        for (guint k = 0; k < n_kind_ids; k++)
          {
            gpointer value;

            if (!g_hash_table_lookup_extended (by_key, drawn[k], NULL, &value))
              {
                value = GUINT_TO_POINTER (slots->n_slots);
                slots->kind_keys[slots->n_slots] = drawn[k];
                slots->kind_indices[slots->n_slots] = slots->kinds[k];
                slots->n_slots++;
                g_hash_table_insert (by_key, (gpointer) drawn[k], value);
              }
            slots->of_value[k] = GPOINTER_TO_UINT (value);
          }
      }
      break;

    case CHRONICLE_GROUP_BY_STATUS:
      slots->n_slots = CHRONICLE_EVENT_N_STATUSES;
      break;

    case CHRONICLE_GROUP_BY_ACTOR:
    case CHRONICLE_GROUP_BY_TAG:
      if (slots->group_by == CHRONICLE_GROUP_BY_ACTOR)
        chronicle_event_table_get_actors (table, &slots->sets);
      else
        chronicle_event_table_get_tags (table, &slots->sets);

      /* Empty strings make no lane. */
      slots->of_value = g_new (guint, MAX (slots->sets.n_strings, 1));
      for (guint i = 0; i < slots->sets.n_strings; i++)
        slots->of_value[i] = slots->sets.strings[i][0] != '\0' ? i : G_MAXUINT;
      slots->n_slots = slots->sets.n_strings + 1;
      break;

    case CHRONICLE_GROUP_BY_NONE:
    default:
      slots->n_slots = 1;
      break;
    }

  g_ptr_array_set_size (b->slot_lanes, 0);
  g_ptr_array_set_size (b->slot_lanes, slots->n_slots);
}

/* The slots of the event at timeline position @position, in @scratch:
 * one, or for actors and tags each distinct one in the event's order, or
 * when there is none the last slot. Returns how many. */
static inline guint
slots_of_event (const Slots *slots,
                guint        position,
                GArray      *scratch)
{
  guint *buffer = (guint *) (gpointer) scratch->data;
  guint32 first;
  guint32 last;
  guint n = 0;

  switch (slots->group_by)
    {
    case CHRONICLE_GROUP_BY_KIND:
      buffer[0] = slots->of_value[slots->kind_numbers[position]];
      return 1;

    case CHRONICLE_GROUP_BY_STATUS:
      buffer[0] = slots->statuses[position];
      return 1;

    case CHRONICLE_GROUP_BY_ACTOR:
    case CHRONICLE_GROUP_BY_TAG:
      first = slots->sets.offsets[position];
      last = slots->sets.offsets[position + 1];
      if (scratch->len < last - first + 1)
        {
          g_array_set_size (scratch, last - first + 1);
          buffer = (guint *) (gpointer) scratch->data;
        }

      for (guint32 k = first; k < last; k++)
        {
          guint slot = slots->of_value[slots->sets.members[k]];
          gboolean seen = slot == G_MAXUINT;

          for (guint j = 0; !seen && j < n; j++)
            seen = buffer[j] == slot;
          if (!seen)
            buffer[n++] = slot;
        }
      if (n == 0)
        buffer[n++] = slots->n_slots - 1;
      return n;

    case CHRONICLE_GROUP_BY_NONE:
    default:
      buffer[0] = 0;
      return 1;
    }
}

/* The lane of @slot, made the first time an event needs it. */
static Lane *
chronicle_lane_layout_slot_lane (ChronicleLaneLayout *self,
                                 Build               *b,
                                 guint                slot)
{
  const Slots *slots = &b->slots;
  Lane *lane = g_ptr_array_index (b->slot_lanes, slot);
  GPtrArray *spare = self->spare_lanes;

  if G_LIKELY (lane != NULL)
    return lane;

  switch (slots->group_by)
    {
    case CHRONICLE_GROUP_BY_KIND:
      {
        guint kind = slots->kind_indices[slot];
        const char *key = slots->kind_keys[slot];

        if (kind != CHRONICLE_LANE_NO_KIND)
          lane = lane_new (spare, key,
                           chronicle_kind_get_label (g_ptr_array_index (b->kinds, kind)),
                           LANE_CATEGORY_DECLARED, kind, kind);
        else
          lane = lane_new (spare, key, key, LANE_CATEGORY_DECLARED, G_MAXUINT, kind);
      }
      break;

    case CHRONICLE_GROUP_BY_STATUS:
      lane = lane_new (spare, chronicle_event_status_to_string (slot),
                       chronicle_event_status_get_label (slot),
                       LANE_CATEGORY_DECLARED, slot, CHRONICLE_LANE_NO_KIND);
      break;

    case CHRONICLE_GROUP_BY_ACTOR:
      if (slot == slots->n_slots - 1)
        {
          lane = lane_new (spare, NULL, _("No Actor"), LANE_CATEGORY_REST, 0,
                           CHRONICLE_LANE_NO_KIND);
        }
      else
        {
          const char *actor = slots->sets.strings[slot];
          const char *name = chronicle_timeline_get_actor_name (self->timeline, actor);
          gpointer rank;

          if (name == NULL)
            name = actor;
          if (g_hash_table_lookup_extended (b->actor_rank, actor, NULL, &rank))
            lane = lane_new (spare, actor, name, LANE_CATEGORY_DECLARED,
                             GPOINTER_TO_UINT (rank), CHRONICLE_LANE_NO_KIND);
          else
            lane = lane_new (spare, actor, name, LANE_CATEGORY_NAMED, 0,
                             CHRONICLE_LANE_NO_KIND);
        }
      break;

    case CHRONICLE_GROUP_BY_TAG:
      if (slot == slots->n_slots - 1)
        lane = lane_new (spare, NULL, _("Untagged"), LANE_CATEGORY_REST, 0,
                         CHRONICLE_LANE_NO_KIND);
      else
        lane = lane_new (spare, slots->sets.strings[slot], slots->sets.strings[slot],
                         LANE_CATEGORY_NAMED, 0, CHRONICLE_LANE_NO_KIND);
      break;

    case CHRONICLE_GROUP_BY_NONE:
    default:
      lane = lane_new (spare, NULL, _("All Events"), LANE_CATEGORY_DECLARED, 0,
                       CHRONICLE_LANE_NO_KIND);
      break;
    }

  lane->slot = slot;
  lane->dirty = TRUE;
  lane->max_end = G_MININT64;
  g_ptr_array_add (b->lanes, lane);
  g_ptr_array_index (b->slot_lanes, slot) = lane;

  return lane;
}

/* Counts the entries of model positions [@first, @last) in the lanes laid
 * out again, by duration class, and their latest ends, making the lanes
 * that are new. */
static void
chronicle_lane_layout_count (ChronicleLaneLayout *self,
                             Build               *b,
                             guint                first,
                             guint                last,
                             GArray              *scratch)
{
  const Slots *slots = &b->slots;
  const guint *positions = (const guint *) (gpointer) b->positions->data;

  for (guint i = first; i < last; i++)
    {
      guint position = positions[i];
      guint n = slots_of_event (slots, position, scratch);
      const guint *buffer = (const guint *) (gpointer) scratch->data;

      for (guint j = 0; j < n; j++)
        {
          Lane *lane = chronicle_lane_layout_slot_lane (self, b, buffer[j]);
          gint64 start;
          gint64 end;

          if (!lane->dirty)
            continue;

          start = slots->starts[position];
          end = MAX (slots->ends[position], start);
          lane->count++;
          lane->class_offsets[duration_class (end - start) + 1]++;
          lane->max_end = MAX (lane->max_end, end);
        }
    }
}

/* The extent: the first start, and the latest end, which lanes that keep
 * their events still know; and the point extent to stack with. */
static void
build_update_extent (ChronicleLaneLayout *self,
                     Build               *b)
{
  guint n_items = b->positions->len;

  b->extent_start = n_items > 0 ? b->slots.starts[g_array_index (b->positions, guint, 0)] : 0;
  b->extent_end = n_items > 0 ? G_MININT64 : 0;
  for (guint i = 0; i < b->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (b->lanes, i);

      if (!lane->dirty || lane->count > 0)
        b->extent_end = MAX (b->extent_end, lane->max_end);
    }

  b->point_extent = self->point_extent;
  if (b->point_extent <= 0)
    b->point_extent = MAX (1, (b->extent_end - b->extent_start) / DEFAULT_POINT_EXTENT_DIVISOR);
}

/* After counting: drops the lanes left without events (but the one lane
 * of "none"), puts the lanes in order and makes room in them. */
static void
chronicle_lane_layout_prepare_lanes (ChronicleLaneLayout *self,
                                     Build               *b)
{
  guint i;

  for (i = b->lanes->len; i > 0; i--)
    {
      Lane *lane = g_ptr_array_index (b->lanes, i - 1);

      if (lane->dirty && lane->count == 0 && b->slots.group_by != CHRONICLE_GROUP_BY_NONE)
        {
          g_ptr_array_index (b->slot_lanes, lane->slot) = NULL;
          g_ptr_array_add (self->spare_lanes, g_ptr_array_steal_index (b->lanes, i - 1));
        }
    }

  g_ptr_array_sort (b->lanes, compare_lanes);

  for (i = 0; i < b->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (b->lanes, i);

      if (lane->dirty)
        {
          g_array_set_size (lane->entries, lane->count);
          if (lane->by_class_size < lane->count)
            {
              g_free (lane->by_class);
              lane->by_class = g_new (guint, lane->count);
              lane->by_class_size = lane->count;
            }
          for (guint c = 0; c < N_DURATION_CLASSES; c++)
            {
              lane->class_offsets[c + 1] += lane->class_offsets[c];
              lane->class_next[c] = lane->class_offsets[c];
              lane->class_max[c] = 0;
            }
          lane_stack_reset (lane);
          lane->count = 0;
        }

      lane->index = i;
    }
}

/* Fills and stacks the lanes with the entries of model positions
 * [@first, @last), in order: the timeline's order is start order, so each
 * entry is stacked as it comes. */
static void
chronicle_lane_layout_fill (Build   *b,
                            guint    first,
                            guint    last,
                            GArray  *scratch)
{
  const Slots *slots = &b->slots;
  const guint *positions = (const guint *) (gpointer) b->positions->data;
  gint64 point_extent = b->point_extent;

  for (guint i = first; i < last; i++)
    {
      guint position = positions[i];
      guint n = slots_of_event (slots, position, scratch);
      const guint *buffer = (const guint *) (gpointer) scratch->data;
      gint64 start = slots->starts[position];
      gint64 end = MAX (slots->ends[position], start);
      guint c = duration_class (end - start);
      guint8 flags = slots->flags[position];

      for (guint j = 0; j < n; j++)
        {
          Lane *lane = g_ptr_array_index (b->slot_lanes, buffer[j]);
          ChronicleLaneEntry *entry;
          guint index;

          if (!lane->dirty)
            continue;

          index = lane->count++;
          entry = &g_array_index (lane->entries, ChronicleLaneEntry, index);
          lane->by_class[lane->class_next[c]++] = index;
          lane->class_max[c] = MAX (lane->class_max[c], end - start);

          entry->start = start;
          entry->end = end;
          entry->position = i;
          entry->row = lane_stack_entry (lane, start, end, point_extent);
          entry->lane = lane->index;
          entry->kind = slots->kinds[slots->kind_numbers[position]];
          entry->status = slots->statuses[position];
          entry->flags = ((flags & CHRONICLE_EVENT_TABLE_RANGE) ? 0 : CHRONICLE_LANE_ENTRY_POINT) |
                         ((flags & CHRONICLE_EVENT_TABLE_APPROXIMATE) ? CHRONICLE_LANE_ENTRY_APPROXIMATE : 0);
        }
    }
}

static void
build_finish_lanes (Build *b)
{
  for (guint i = 0; i < b->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (b->lanes, i);

      if (lane->dirty)
        lane->n_rows = MAX (lane->n_rows, 1);
      lane->dirty = FALSE;
    }

  g_clear_pointer (&b->actor_rank, g_hash_table_unref);
}

static void
build_set_positions (Build       *b,
                     const guint *shown,
                     guint        n_items)
{
  guint *positions;

  g_array_set_size (b->positions, n_items);
  positions = (guint *) (gpointer) b->positions->data;
  if (shown != NULL)
    {
      if (n_items > 0)
        memcpy (positions, shown, sizeof (guint) * n_items);
    }
  else
    for (guint i = 0; i < n_items; i++)
      positions[i] = i;
}

/* A fresh build of the layout from the timeline's table: the lanes are
 * made as events need them. */
static void
chronicle_lane_layout_start_build (ChronicleLaneLayout *self,
                                   Build               *b,
                                   const guint         *shown,
                                   guint                n_items)
{
  g_autoptr(GHashTable) kind_index = g_hash_table_new (g_str_hash, g_str_equal);

  chronicle_lane_layout_read_timeline (self, b, kind_index);
  g_clear_pointer (&b->table, chronicle_event_table_unref);
  b->table = chronicle_timeline_get_table (self->timeline);
  chronicle_lane_layout_prepare_slots (self, b, kind_index);
  build_set_positions (b, shown, n_items);
  g_clear_pointer (&b->shown, chronicle_bitset_free);
  if (shown != NULL)
    b->shown = chronicle_bitset_copy (chronicle_event_filter_get_shown (self->filter));

  /* "none" has its one lane, even without events. */
  if (b->slots.group_by == CHRONICLE_GROUP_BY_NONE)
    chronicle_lane_layout_slot_lane (self, b, 0);
}

/* Where each shown event goes in the model: the shown events before each
 * word of the filter's bitset, and before a position in its word. */
static void
chronicle_lane_layout_rank_words (ChronicleLaneLayout *self,
                                  const guint64       *words,
                                  guint                n_words)
{
  guint total = 0;

  self->ranks = g_renew (guint, self->ranks, n_words + 1);
  for (guint w = 0; w < n_words; w++)
    {
      self->ranks[w] = total;
      total += __builtin_popcountll (words[w]);
    }
  self->ranks[n_words] = total;
}

static inline guint
rank_of (const guint   *ranks,
         const guint64 *words,
         guint          position)
{
  guint64 below = words[position / 64] & ((G_GUINT64_CONSTANT (1) << (position % 64)) - 1);

  return ranks[position / 64] + __builtin_popcountll (below);
}

static void
array_unref0 (gpointer data)
{
  if (data != NULL)
    g_array_unref (data);
}

/* Lays out again a lane whose events changed, from the entries it keeps
 * (those of its old ones that are still shown) and the events it gains
 * (@added, timeline positions), merged in timeline order: the work is in
 * proportion to the lane, not to the model. */
static void
chronicle_lane_layout_refill_lane (ChronicleLaneLayout *self,
                                   Build               *b,
                                   Lane                *lane,
                                   GArray              *added,
                                   const guint         *old_positions,
                                   const guint64       *new_words)
{
  const Slots *slots = &b->slots;
  GArray *old_entries = lane->entries;
  const ChronicleLaneEntry *old = (const ChronicleLaneEntry *) (gpointer) old_entries->data;
  guint n_added = added != NULL ? added->len : 0;
  guint n_old = old_entries->len;
  ChronicleLaneEntry *entries;
  guint i = 0;
  guint j = 0;
  guint k = 0;

  lane->entries = g_steal_pointer (&self->spare_entries);
  if (lane->entries == NULL)
    lane->entries = g_array_new (FALSE, FALSE, sizeof (ChronicleLaneEntry));
  g_array_set_size (lane->entries, lane->count);
  entries = (ChronicleLaneEntry *) (gpointer) lane->entries->data;

  while (k < lane->count)
    {
      ChronicleLaneEntry *entry = &entries[k++];
      guint kept = G_MAXUINT;
      guint position;
      guint c;

      while (i < n_old)
        {
          kept = old_positions[old[i].position];
          if (new_words[kept / 64] & (G_GUINT64_CONSTANT (1) << (kept % 64)))
            break;
          kept = G_MAXUINT;
          i++;
        }

      if (j < n_added && g_array_index (added, guint, j) < kept)
        {
          guint8 flags;

          position = g_array_index (added, guint, j++);
          flags = slots->flags[position];
          entry->start = slots->starts[position];
          entry->end = MAX (slots->ends[position], entry->start);
          entry->kind = slots->kinds[slots->kind_numbers[position]];
          entry->status = slots->statuses[position];
          entry->flags = ((flags & CHRONICLE_EVENT_TABLE_RANGE) ? 0 : CHRONICLE_LANE_ENTRY_POINT) |
                         ((flags & CHRONICLE_EVENT_TABLE_APPROXIMATE) ? CHRONICLE_LANE_ENTRY_APPROXIMATE : 0);
        }
      else
        {
          position = kept;
          *entry = old[i++];
        }

      c = duration_class (entry->end - entry->start);
      entry->position = rank_of (self->ranks, new_words, position);
      entry->lane = lane->index;
      entry->row = lane_stack_entry (lane, entry->start, entry->end, b->point_extent);
      lane->class_offsets[c + 1]++;
      lane->class_max[c] = MAX (lane->class_max[c], entry->end - entry->start);
      lane->max_end = MAX (lane->max_end, entry->end);
    }

  g_array_set_size (old_entries, 0);
  g_clear_pointer (&self->spare_entries, g_array_unref);
  self->spare_entries = old_entries;
}

/* After a change of the filter alone: the lanes that gained or lost
 * events are filled and stacked again, the others keep their rows and
 * duration index and only have their entries' model positions
 * renumbered. Returns FALSE when that is not enough, because the point
 * extent changed (every lane is to be stacked again) or there is nothing
 * to compare with: then the caller makes the layout afresh. */
static gboolean
chronicle_lane_layout_update_fast (ChronicleLaneLayout *self,
                                   const guint         *shown,
                                   guint                n_items)
{
  Build *b = &self->cur;
  const Slots *slots = &b->slots;
  g_autoptr(GArray) scratch = g_array_sized_new (FALSE, FALSE, sizeof (guint), 16);
  g_autoptr(GHashTable) kind_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gint *delta = NULL;
  g_autofree gboolean *dirty = NULL;
  g_autoptr(GPtrArray) added = NULL;
  ChronicleBitset *new_set;
  const guint64 *new_words;
  const guint64 *old_words;
  const guint *old_positions;
  gboolean changed = FALSE;
  gint64 extent_start;
  gint64 extent_end;
  gint64 point_extent;
  GArray *swap;
  guint n_words;
  guint i;

  if (shown == NULL || self->filter == NULL || b->shown == NULL)
    return FALSE;

  new_set = (ChronicleBitset *) chronicle_event_filter_get_shown (self->filter);
  if (chronicle_bitset_get_n_bits (new_set) != chronicle_bitset_get_n_bits (b->shown))
    return FALSE;

  g_array_set_size (scratch, 16);
  new_words = chronicle_bitset_get_words (new_set, &n_words);
  old_words = chronicle_bitset_get_words (b->shown, NULL);

  /* Which slots gain or lose events, and how many. */
  delta = g_new0 (gint, slots->n_slots);
  dirty = g_new0 (gboolean, slots->n_slots);
  added = g_ptr_array_new_with_free_func (array_unref0);
  g_ptr_array_set_size (added, slots->n_slots);
  for (guint w = 0; w < n_words; w++)
    {
      guint64 differ = old_words[w] ^ new_words[w];

      while (differ != 0)
        {
          guint bit = __builtin_ctzll (differ);
          gint sign = (new_words[w] >> bit) & 1 ? 1 : -1;
          guint n = slots_of_event (slots, w * 64 + bit, scratch);

          for (guint k = 0; k < n; k++)
            {
              guint slot = g_array_index (scratch, guint, k);
              guint position = w * 64 + bit;

              delta[slot] += sign;
              dirty[slot] = TRUE;
              if (sign > 0)
                {
                  if (g_ptr_array_index (added, slot) == NULL)
                    g_ptr_array_index (added, slot) = g_array_new (FALSE, FALSE, sizeof (guint));
                  g_array_append_val ((GArray *) g_ptr_array_index (added, slot), position);
                }
            }
          differ &= differ - 1;
          changed = TRUE;
        }
    }

  /* The new model positions; the old ones are kept for renumbering. */
  swap = self->old_positions;
  self->old_positions = b->positions;
  b->positions = swap;
  build_set_positions (b, shown, n_items);
  old_positions = (const guint *) (gpointer) self->old_positions->data;
  chronicle_lane_layout_read_timeline (self, b, kind_index);
  chronicle_lane_layout_rank_words (self, new_words, n_words);

  /* How many entries each lane gets: new lanes come, empty ones go. */
  for (i = 0; i < b->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (b->lanes, i);

      lane->dirty = dirty[lane->slot];
      lane->count = (guint) ((gint) lane->entries->len + delta[lane->slot]);
    }
  for (guint slot = 0; slot < slots->n_slots; slot++)
    {
      if (delta[slot] > 0 && g_ptr_array_index (b->slot_lanes, slot) == NULL)
        chronicle_lane_layout_slot_lane (self, b, slot)->count = delta[slot];
    }
  for (i = b->lanes->len; i > 0; i--)
    {
      Lane *lane = g_ptr_array_index (b->lanes, i - 1);

      if (lane->count == 0 && slots->group_by != CHRONICLE_GROUP_BY_NONE)
        {
          g_ptr_array_index (b->slot_lanes, lane->slot) = NULL;
          g_ptr_array_add (self->spare_lanes, g_ptr_array_steal_index (b->lanes, i - 1));
        }
    }

  g_ptr_array_sort (b->lanes, compare_lanes);

  for (i = 0; i < b->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (b->lanes, i);
      guint old_index = lane->index;

      lane->index = i;

      if (lane->dirty)
        {
          memset (lane->class_offsets, 0, sizeof lane->class_offsets);
          memset (lane->class_max, 0, sizeof lane->class_max);
          lane_stack_reset (lane);
          lane->max_end = G_MININT64;
          /* Stacked with the point extent they had, which is checked
           * after. */
          chronicle_lane_layout_refill_lane (self, b, lane, g_ptr_array_index (added, lane->slot),
                                             old_positions, new_words);
        }
      else if (changed || old_index != i)
        {
          ChronicleLaneEntry *entries = (ChronicleLaneEntry *) (gpointer) lane->entries->data;

          /* The same events: only their model positions moved. */
          for (guint j = 0; j < lane->entries->len; j++)
            {
              entries[j].position = rank_of (self->ranks, new_words, old_positions[entries[j].position]);
              entries[j].lane = i;
            }
        }
    }

  extent_start = n_items > 0 ? slots->starts[g_array_index (b->positions, guint, 0)] : 0;
  extent_end = n_items > 0 ? G_MININT64 : 0;
  for (i = 0; i < b->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (b->lanes, i);

      if (lane->dirty)
        index_lane_durations (lane);
      if (lane->entries->len > 0)
        extent_end = MAX (extent_end, lane->max_end);
    }
  build_finish_lanes (b);

  point_extent = self->point_extent;
  if (point_extent <= 0)
    point_extent = MAX (1, (extent_end - extent_start) / DEFAULT_POINT_EXTENT_DIVISOR);
  if (point_extent != b->point_extent)
    return FALSE;

  b->extent_start = extent_start;
  b->extent_end = extent_end;
  chronicle_bitset_free (b->shown);
  b->shown = chronicle_bitset_copy (new_set);

  return TRUE;
}

/* The rebuild from the timeline's table, for a model that is the timeline
 * or lists the filter's events: after a change of the filter alone, only
 * the lanes whose events changed (chronicle_lane_layout_update_fast());
 * else all of them, counted, then filled and stacked in one pass. */
static void
chronicle_lane_layout_rebuild_fast (ChronicleLaneLayout *self,
                                    const guint         *shown,
                                    guint                n_items)
{
  Build *b = &self->cur;
  g_autoptr(GArray) scratch = NULL;

  if (self->fast && self->reusable && chronicle_lane_layout_update_fast (self, shown, n_items))
    return;

  scratch = g_array_sized_new (FALSE, FALSE, sizeof (guint), 16);
  g_array_set_size (scratch, 16);

  chronicle_lane_layout_clear (self);
  chronicle_lane_layout_start_build (self, b, shown, n_items);
  chronicle_lane_layout_count (self, b, 0, n_items, scratch);
  build_update_extent (self, b);
  chronicle_lane_layout_prepare_lanes (self, b);
  chronicle_lane_layout_fill (b, 0, n_items, scratch);
  build_finish_lanes (b);

  self->fast = TRUE;
  self->reusable = TRUE;
}

static void
chronicle_lane_layout_cancel_slices (ChronicleLaneLayout *self)
{
  g_clear_handle_id (&self->slice_source, g_source_remove);
  g_clear_pointer (&self->pending, build_free);
}

static void chronicle_lane_layout_finish_rebuild (ChronicleLaneLayout *self);

/* The pending build is complete: it becomes the layout drawn. */
static void
chronicle_lane_layout_swap_in (ChronicleLaneLayout *self)
{
  Build *b = g_steal_pointer (&self->pending);
  Build old;

  build_finish_lanes (b);
  chronicle_lane_layout_clear (self);
  old = self->cur;
  self->cur = *b;
  *b = old;
  build_free (b);

  self->fast = TRUE;
  self->reusable = TRUE;
  chronicle_lane_layout_finish_rebuild (self);
}

/* Runs the pending build for @budget µs at most (or to its end when
 * @budget is 0). Returns TRUE when it is complete. */
static gboolean
chronicle_lane_layout_run_slice (ChronicleLaneLayout *self,
                                 gint64               budget)
{
  Build *b = self->pending;
  g_autoptr(GArray) scratch = g_array_sized_new (FALSE, FALSE, sizeof (guint), 16);
  gint64 deadline = g_get_monotonic_time () + budget;
  guint n_items = b->positions->len;

  g_array_set_size (scratch, 16);

  do
    {
      guint last = MIN (b->next + SLICE_CHUNK, n_items);

      if (b->phase == BUILD_COUNTING)
        {
          chronicle_lane_layout_count (self, b, b->next, last, scratch);
          b->next = last;
          if (last == n_items)
            {
              build_update_extent (self, b);
              chronicle_lane_layout_prepare_lanes (self, b);
              b->phase = BUILD_FILLING;
              b->next = 0;
            }
        }
      else
        {
          chronicle_lane_layout_fill (b, b->next, last, scratch);
          b->next = last;
          if (last == n_items)
            return TRUE;
        }
    }
  while (budget == 0 || g_get_monotonic_time () < deadline);

  return FALSE;
}

static gboolean
chronicle_lane_layout_slice_cb (gpointer data)
{
  ChronicleLaneLayout *self = data;

  if (!chronicle_lane_layout_run_slice (self, SLICE_USEC))
    return G_SOURCE_CONTINUE;

  self->slice_source = 0;
  chronicle_lane_layout_swap_in (self);

  return G_SOURCE_REMOVE;
}

static void
chronicle_lane_layout_finish_rebuild (ChronicleLaneLayout *self)
{
  /* What the last rebuilds had and this one did not reuse: a few are kept,
   * so that a kind toggled off and on again finds its arrays. */
  if (self->spare_lanes->len > MAX_SPARE_LANES)
    g_ptr_array_remove_range (self->spare_lanes, 0, self->spare_lanes->len - MAX_SPARE_LANES);

  g_debug ("Laid out %u events in %u lanes", chronicle_lane_layout_get_n_events (self),
           self->cur.lanes->len);

  g_signal_emit (self, signals[CHANGED], 0);
}

/* Lays the events out again. A big one from the timeline's table is only
 * started when @in_slices: the idle makes it in slices, and swaps it in
 * when complete. */
static void
chronicle_lane_layout_rebuild (ChronicleLaneLayout *self,
                               gboolean             in_slices)
{
  g_autoptr(GHashTable) lanes_by_key = NULL;
  g_autoptr(GHashTable) kind_index = NULL;
  GHashTable *actor_rank;
  const guint *positions;
  gboolean identity;
  gint64 point_extent;
  guint n_items;
  guint i;

  g_assert (CHRONICLE_IS_LANE_LAYOUT (self));

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  chronicle_lane_layout_cancel_slices (self);

  n_items = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  positions = chronicle_lane_layout_model_positions (self, n_items, &identity);
  if (positions != NULL || identity)
    {
      if (in_slices && n_items >= SLICE_MIN_EVENTS && !(self->fast && self->reusable))
        {
          self->pending = g_new (Build, 1);
          build_init (self->pending);
          chronicle_lane_layout_start_build (self, self->pending, positions, n_items);
          self->pending->phase = BUILD_COUNTING;
          self->slice_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                                                chronicle_lane_layout_slice_cb,
                                                self, NULL);
          g_source_set_name_by_id (self->slice_source, "[chronicle] lane layout slice");
          return;
        }

      chronicle_lane_layout_rebuild_fast (self, positions, n_items);
      chronicle_lane_layout_finish_rebuild (self);
      return;
    }

  chronicle_lane_layout_clear (self);

  lanes_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  kind_index = g_hash_table_new (g_str_hash, g_str_equal);
  chronicle_lane_layout_read_timeline (self, &self->cur, kind_index);
  actor_rank = self->cur.actor_rank;

  if (self->group_by == CHRONICLE_GROUP_BY_NONE)
    get_lane (self, lanes_by_key, NULL, _("All Events"), LANE_CATEGORY_DECLARED, 0,
              CHRONICLE_LANE_NO_KIND);

  for (i = 0; i < n_items; i++)
    {
      ChronicleEvent *event = g_list_model_get_item (self->model, i);
      ChronicleLaneEntry entry;
      const char *kind_id;
      Lane *lane;

      g_ptr_array_add (self->events, event);

      entry_init (&entry, self->timeline, event, kind_index, &kind_id);
      entry.position = i;

      g_array_append_val (self->starts, entry.start);

      if (i == 0)
        {
          self->cur.extent_start = entry.start;
          self->cur.extent_end = entry.end;
        }
      else
        {
          self->cur.extent_start = MIN (self->cur.extent_start, entry.start);
          self->cur.extent_end = MAX (self->cur.extent_end, entry.end);
        }

      switch (self->group_by)
        {
        case CHRONICLE_GROUP_BY_NONE:
          lane = g_ptr_array_index (self->cur.lanes, 0);
          g_array_append_val (lane->entries, entry);
          break;

        case CHRONICLE_GROUP_BY_KIND:
          {
            ChronicleKind *kind = entry.kind != CHRONICLE_LANE_NO_KIND
                                ? g_ptr_array_index (self->cur.kinds, entry.kind) : NULL;

            lane = get_lane (self, lanes_by_key, kind_id,
                             kind != NULL ? chronicle_kind_get_label (kind) : kind_id,
                             LANE_CATEGORY_DECLARED,
                             entry.kind != CHRONICLE_LANE_NO_KIND ? entry.kind : G_MAXUINT,
                             entry.kind);
            g_array_append_val (lane->entries, entry);
          }
          break;

        case CHRONICLE_GROUP_BY_ACTOR:
          {
            const char * const *actors = chronicle_event_get_actors (event);
            guint n_added = 0;
            guint j;

            for (j = 0; actors != NULL && actors[j] != NULL; j++)
              {
                gpointer rank = NULL;
                const char *name;

                if (actors[j][0] == '\0' || strv_contains_before (actors, j))
                  continue;

                name = self->timeline != NULL
                     ? chronicle_timeline_get_actor_name (self->timeline, actors[j])
                     : actors[j];
                if (name == NULL)
                  name = actors[j];

                if (g_hash_table_lookup_extended (actor_rank, actors[j], NULL, &rank))
                  lane = get_lane (self, lanes_by_key, actors[j], name,
                                   LANE_CATEGORY_DECLARED, GPOINTER_TO_UINT (rank),
                                   CHRONICLE_LANE_NO_KIND);
                else
                  lane = get_lane (self, lanes_by_key, actors[j], name,
                                   LANE_CATEGORY_NAMED, 0, CHRONICLE_LANE_NO_KIND);
                g_array_append_val (lane->entries, entry);
                n_added++;
              }

            if (n_added == 0)
              {
                lane = get_lane (self, lanes_by_key, NULL, _("No Actor"),
                                 LANE_CATEGORY_REST, 0, CHRONICLE_LANE_NO_KIND);
                g_array_append_val (lane->entries, entry);
              }
          }
          break;

        case CHRONICLE_GROUP_BY_TAG:
          {
            const char * const *tags = chronicle_event_get_tags (event);
            guint n_added = 0;
            guint j;

            for (j = 0; tags != NULL && tags[j] != NULL; j++)
              {
                if (tags[j][0] == '\0' || strv_contains_before (tags, j))
                  continue;

                lane = get_lane (self, lanes_by_key, tags[j], tags[j],
                                 LANE_CATEGORY_NAMED, 0, CHRONICLE_LANE_NO_KIND);
                g_array_append_val (lane->entries, entry);
                n_added++;
              }

            if (n_added == 0)
              {
                lane = get_lane (self, lanes_by_key, NULL, _("Untagged"),
                                 LANE_CATEGORY_REST, 0, CHRONICLE_LANE_NO_KIND);
                g_array_append_val (lane->entries, entry);
              }
          }
          break;

        case CHRONICLE_GROUP_BY_STATUS:
          lane = get_lane (self, lanes_by_key,
                           chronicle_event_status_to_string (entry.status),
                           chronicle_event_status_get_label (entry.status),
                           LANE_CATEGORY_DECLARED, entry.status, CHRONICLE_LANE_NO_KIND);
          g_array_append_val (lane->entries, entry);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  g_ptr_array_sort (self->cur.lanes, compare_lanes);

  point_extent = self->point_extent;
  if (point_extent <= 0)
    point_extent = MAX (1, (self->cur.extent_end - self->cur.extent_start) / DEFAULT_POINT_EXTENT_DIVISOR);

  for (i = 0; i < self->cur.lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (self->cur.lanes, i);
      gboolean sorted = TRUE;
      guint j;

      /* The model is normally in start order already. */
      for (j = 1; sorted && j < lane->entries->len; j++)
        {
          if (compare_entries (&g_array_index (lane->entries, ChronicleLaneEntry, j - 1),
                               &g_array_index (lane->entries, ChronicleLaneEntry, j)) > 0)
            sorted = FALSE;
        }

      if (!sorted)
        g_array_sort (lane->entries, compare_entries);

      stack_lane (lane, i, point_extent);
      index_lane_durations (lane);
    }

  g_clear_pointer (&self->cur.actor_rank, g_hash_table_unref);
  chronicle_lane_layout_finish_rebuild (self);
}

static gboolean
chronicle_lane_layout_rebuild_cb (gpointer data)
{
  ChronicleLaneLayout *self = data;

  self->rebuild_source = 0;
  chronicle_lane_layout_rebuild (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
chronicle_lane_layout_queue_rebuild (ChronicleLaneLayout *self)
{
  /* A build in slices is stale now. */
  chronicle_lane_layout_cancel_slices (self);

  if (self->rebuild_source == 0)
    {
      /* Before the next frame is drawn (GDK_PRIORITY_REDRAW is lower). */
      self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                                              chronicle_lane_layout_rebuild_cb,
                                              self, NULL);
      g_source_set_name_by_id (self->rebuild_source, "[chronicle] lane layout rebuild");
    }
}

static void
on_model_items_changed_cb (ChronicleLaneLayout *self,
                           guint                position,
                           guint                removed,
                           guint                added,
                           GListModel          *model)
{
  chronicle_lane_layout_queue_rebuild (self);
}

/* Anything but the model's items: the next rebuild starts afresh. */
static void
chronicle_lane_layout_invalidate (ChronicleLaneLayout *self)
{
  self->reusable = FALSE;
  chronicle_lane_layout_queue_rebuild (self);
}

/* The events, kinds or actors of the timeline: what entries and lanes are
 * made of. */
static void
on_timeline_items_changed_cb (ChronicleLaneLayout *self,
                              guint                position,
                              guint                removed,
                              guint                added,
                              GListModel          *model)
{
  chronicle_lane_layout_invalidate (self);
}

/* The start of the event at model position @position (in range). */
static inline gint64
model_start (ChronicleLaneLayout *self,
             guint                position)
{
  if (self->fast)
    return self->cur.slots.starts[g_array_index (self->cur.positions, guint, position)];

  return g_array_index (self->starts, gint64, position);
}

static Lane *
get_lane_checked (ChronicleLaneLayout *self,
                  guint                lane)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), NULL);
  g_return_val_if_fail (lane < self->cur.lanes->len, NULL);

  return g_ptr_array_index (self->cur.lanes, lane);
}

static guint
entries_lower_bound (GArray *entries,
                     gint64  time)
{
  guint lo = 0;
  guint hi = entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (entries, ChronicleLaneEntry, mid).start < time)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
chronicle_lane_layout_dispose (GObject *object)
{
  ChronicleLaneLayout *self = (ChronicleLaneLayout *) object;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  chronicle_lane_layout_cancel_slices (self);
  g_signal_group_set_target (self->model_signals, NULL);
  g_signal_group_set_target (self->kinds_signals, NULL);
  g_signal_group_set_target (self->actors_signals, NULL);
  g_signal_group_set_target (self->timeline_signals, NULL);
  g_clear_object (&self->filter);
  g_clear_object (&self->model);
  g_clear_object (&self->timeline);
  chronicle_lane_layout_clear (self);

  G_OBJECT_CLASS (chronicle_lane_layout_parent_class)->dispose (object);
}

static void
chronicle_lane_layout_finalize (GObject *object)
{
  ChronicleLaneLayout *self = (ChronicleLaneLayout *) object;

  g_clear_object (&self->model_signals);
  g_clear_object (&self->kinds_signals);
  g_clear_object (&self->actors_signals);
  g_clear_object (&self->timeline_signals);
  build_clear (&self->cur);
  g_clear_pointer (&self->old_positions, g_array_unref);
  g_clear_pointer (&self->ranks, g_free);
  g_clear_pointer (&self->spare_entries, g_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->spare_lanes, g_ptr_array_unref);
  g_clear_pointer (&self->starts, g_array_unref);

  G_OBJECT_CLASS (chronicle_lane_layout_parent_class)->finalize (object);
}

static void
chronicle_lane_layout_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ChronicleLaneLayout *self = CHRONICLE_LANE_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_GROUP_BY:
      g_value_set_enum (value, self->group_by);
      break;

    case PROP_POINT_EXTENT:
      g_value_set_int64 (value, self->point_extent);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_lane_layout_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ChronicleLaneLayout *self = CHRONICLE_LANE_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      chronicle_lane_layout_set_timeline (self, g_value_get_object (value));
      break;

    case PROP_MODEL:
      chronicle_lane_layout_set_model (self, g_value_get_object (value));
      break;

    case PROP_GROUP_BY:
      chronicle_lane_layout_set_group_by (self, g_value_get_enum (value));
      break;

    case PROP_POINT_EXTENT:
      chronicle_lane_layout_set_point_extent (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_lane_layout_class_init (ChronicleLaneLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chronicle_lane_layout_dispose;
  object_class->finalize = chronicle_lane_layout_finalize;
  object_class->get_property = chronicle_lane_layout_get_property;
  object_class->set_property = chronicle_lane_layout_set_property;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         CHRONICLE_TYPE_TIMELINE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_GROUP_BY] =
    g_param_spec_enum ("group-by", NULL, NULL,
                       CHRONICLE_TYPE_GROUP_BY,
                       CHRONICLE_GROUP_BY_KIND,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_POINT_EXTENT] =
    g_param_spec_int64 ("point-extent", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronicleLaneLayout::changed:
   *
   * Emitted after the lanes and rows were computed again.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
chronicle_lane_layout_init (ChronicleLaneLayout *self)
{
  self->group_by = CHRONICLE_GROUP_BY_KIND;
  self->events = g_ptr_array_new_with_free_func (g_object_unref);
  build_init (&self->cur);
  self->spare_lanes = g_ptr_array_new_with_free_func (lane_free);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->old_positions = g_array_new (FALSE, FALSE, sizeof (guint));

  self->model_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->model_signals, "items-changed",
                                 G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);
  self->kinds_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->kinds_signals, "items-changed",
                                 G_CALLBACK (on_timeline_items_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  self->timeline_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->timeline_signals, "items-changed",
                                 G_CALLBACK (on_timeline_items_changed_cb), self,
                                 G_CONNECT_SWAPPED);
  self->actors_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->actors_signals, "items-changed",
                                 G_CALLBACK (on_timeline_items_changed_cb), self,
                                 G_CONNECT_SWAPPED);
}

ChronicleLaneLayout *
chronicle_lane_layout_new (void)
{
  return g_object_new (CHRONICLE_TYPE_LANE_LAYOUT, NULL);
}

ChronicleTimeline *
chronicle_lane_layout_get_timeline (ChronicleLaneLayout *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), NULL);

  return self->timeline;
}

void
chronicle_lane_layout_set_timeline (ChronicleLaneLayout *self,
                                    ChronicleTimeline   *timeline)
{
  g_return_if_fail (CHRONICLE_IS_LANE_LAYOUT (self));
  g_return_if_fail (!timeline || CHRONICLE_IS_TIMELINE (timeline));

  if (g_set_object (&self->timeline, timeline))
    {
      g_signal_group_set_target (self->timeline_signals, timeline);
      g_signal_group_set_target (self->kinds_signals,
                                 timeline ? chronicle_timeline_get_kinds (timeline) : NULL);
      g_signal_group_set_target (self->actors_signals,
                                 timeline ? chronicle_timeline_get_actors (timeline) : NULL);
      chronicle_lane_layout_invalidate (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
    }
}

GListModel *
chronicle_lane_layout_get_model (ChronicleLaneLayout *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), NULL);

  return self->model;
}

void
chronicle_lane_layout_set_model (ChronicleLaneLayout *self,
                                 GListModel          *model)
{
  g_return_if_fail (CHRONICLE_IS_LANE_LAYOUT (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (g_set_object (&self->model, model))
    {
      g_signal_group_set_target (self->model_signals, model);
      chronicle_lane_layout_invalidate (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
    }
}

ChronicleEventFilter *
chronicle_lane_layout_get_filter (ChronicleLaneLayout *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), NULL);

  return self->filter;
}

void
chronicle_lane_layout_set_filter (ChronicleLaneLayout  *self,
                                  ChronicleEventFilter *filter)
{
  g_return_if_fail (CHRONICLE_IS_LANE_LAYOUT (self));
  g_return_if_fail (!filter || CHRONICLE_IS_EVENT_FILTER (filter));

  if (g_set_object (&self->filter, filter))
    chronicle_lane_layout_invalidate (self);
}

ChronicleGroupBy
chronicle_lane_layout_get_group_by (ChronicleLaneLayout *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), CHRONICLE_GROUP_BY_KIND);

  return self->group_by;
}

void
chronicle_lane_layout_set_group_by (ChronicleLaneLayout *self,
                                    ChronicleGroupBy     group_by)
{
  g_return_if_fail (CHRONICLE_IS_LANE_LAYOUT (self));
  g_return_if_fail (group_by <= CHRONICLE_GROUP_BY_STATUS);

  if (self->group_by == group_by)
    return;

  self->group_by = group_by;
  chronicle_lane_layout_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUP_BY]);
}

gint64
chronicle_lane_layout_get_point_extent (ChronicleLaneLayout *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), 0);

  return self->point_extent;
}

void
chronicle_lane_layout_set_point_extent (ChronicleLaneLayout *self,
                                        gint64               point_extent)
{
  g_return_if_fail (CHRONICLE_IS_LANE_LAYOUT (self));
  g_return_if_fail (point_extent >= 0);

  if (self->point_extent == point_extent)
    return;

  self->point_extent = point_extent;
  chronicle_lane_layout_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINT_EXTENT]);
}

void
chronicle_lane_layout_ensure (ChronicleLaneLayout *self)
{
  g_return_if_fail (CHRONICLE_IS_LANE_LAYOUT (self));

  if (self->rebuild_source != 0)
    chronicle_lane_layout_rebuild (self, FALSE);
}

void
chronicle_lane_layout_start_rebuild (ChronicleLaneLayout *self)
{
  g_return_if_fail (CHRONICLE_IS_LANE_LAYOUT (self));

  if (self->rebuild_source != 0)
    chronicle_lane_layout_rebuild (self, TRUE);
}

void
chronicle_lane_layout_finish (ChronicleLaneLayout *self)
{
  g_return_if_fail (CHRONICLE_IS_LANE_LAYOUT (self));

  chronicle_lane_layout_ensure (self);

  if (self->pending != NULL)
    {
      g_clear_handle_id (&self->slice_source, g_source_remove);
      chronicle_lane_layout_run_slice (self, 0);
      chronicle_lane_layout_swap_in (self);
    }
}

guint
chronicle_lane_layout_get_n_events (ChronicleLaneLayout *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), 0);

  return self->fast ? self->cur.positions->len : self->events->len;
}

ChronicleEvent *
chronicle_lane_layout_get_event (ChronicleLaneLayout *self,
                                 guint                position)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), NULL);

  /* Until a pending rebuild, the event at the position it had then. */
  if (self->fast)
    {
      if (position >= self->cur.positions->len)
        return NULL;

      return chronicle_timeline_get_event (self->timeline,
                                           g_array_index (self->cur.positions, guint, position));
    }

  if (position >= self->events->len)
    return NULL;

  return g_ptr_array_index (self->events, position);
}

guint
chronicle_lane_layout_position_lower_bound (ChronicleLaneLayout *self,
                                            gint64               time)
{
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), 0);

  hi = chronicle_lane_layout_get_n_events (self);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (model_start (self, mid) < time)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

gboolean
chronicle_lane_layout_get_extent (ChronicleLaneLayout *self,
                                  gint64              *start,
                                  gint64              *end)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), FALSE);

  if (chronicle_lane_layout_get_n_events (self) == 0)
    return FALSE;

  if (start != NULL)
    *start = self->cur.extent_start;
  if (end != NULL)
    *end = self->cur.extent_end;

  return TRUE;
}

ChronicleKind *
chronicle_lane_layout_get_kind (ChronicleLaneLayout *self,
                                guint                kind)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), NULL);

  if (kind >= self->cur.kinds->len)
    return NULL;

  return g_ptr_array_index (self->cur.kinds, kind);
}

guint
chronicle_lane_layout_get_n_lanes (ChronicleLaneLayout *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), 0);

  return self->cur.lanes->len;
}

const char *
chronicle_lane_layout_get_lane_label (ChronicleLaneLayout *self,
                                      guint                lane)
{
  Lane *l = get_lane_checked (self, lane);

  return l != NULL ? l->label : NULL;
}

const char *
chronicle_lane_layout_get_lane_key (ChronicleLaneLayout *self,
                                    guint                lane)
{
  Lane *l = get_lane_checked (self, lane);

  return l != NULL ? l->key : NULL;
}

guint
chronicle_lane_layout_get_lane_kind (ChronicleLaneLayout *self,
                                     guint                lane)
{
  Lane *l = get_lane_checked (self, lane);

  if (l == NULL || self->group_by != CHRONICLE_GROUP_BY_KIND)
    return CHRONICLE_LANE_NO_KIND;

  return l->kind;
}

guint
chronicle_lane_layout_get_lane_n_rows (ChronicleLaneLayout *self,
                                       guint                lane)
{
  Lane *l = get_lane_checked (self, lane);

  return l != NULL ? l->n_rows : 0;
}

gint64
chronicle_lane_layout_get_lane_max_duration (ChronicleLaneLayout *self,
                                             guint                lane)
{
  Lane *l = get_lane_checked (self, lane);

  return l != NULL ? l->max_duration : 0;
}

const ChronicleLaneEntry *
chronicle_lane_layout_get_entries (ChronicleLaneLayout *self,
                                   guint                lane,
                                   guint               *n_entries)
{
  Lane *l = get_lane_checked (self, lane);

  if (l == NULL)
    {
      if (n_entries != NULL)
        *n_entries = 0;
      return NULL;
    }

  if (n_entries != NULL)
    *n_entries = l->entries->len;

  return (const ChronicleLaneEntry *) (gpointer) l->entries->data;
}

guint
chronicle_lane_layout_lower_bound (ChronicleLaneLayout *self,
                                   guint                lane,
                                   gint64               time)
{
  Lane *l = get_lane_checked (self, lane);

  return l != NULL ? entries_lower_bound (l->entries, time) : 0;
}

void
chronicle_lane_layout_get_visible_slice (ChronicleLaneLayout *self,
                                         guint                lane,
                                         gint64               start,
                                         gint64               end,
                                         guint               *first,
                                         guint               *last)
{
  Lane *l = get_lane_checked (self, lane);
  gint64 earliest;

  g_return_if_fail (first != NULL);
  g_return_if_fail (last != NULL);

  if (l == NULL)
    {
      *first = *last = 0;
      return;
    }

  /* An entry that starts max_duration before @start may still reach it. */
  earliest = start >= G_MININT64 + l->max_duration ? start - l->max_duration : G_MININT64;
  *first = entries_lower_bound (l->entries, earliest);
  *last = MAX (*first, entries_lower_bound (l->entries, end));
}

guint
chronicle_lane_layout_find_entry (ChronicleLaneLayout *self,
                                  guint                lane,
                                  guint                position)
{
  Lane *l = get_lane_checked (self, lane);
  gint64 start;
  guint i;

  if (l == NULL || position >= chronicle_lane_layout_get_n_events (self))
    return G_MAXUINT;

  start = model_start (self, position);

  for (i = entries_lower_bound (l->entries, start); i < l->entries->len; i++)
    {
      const ChronicleLaneEntry *entry = &g_array_index (l->entries, ChronicleLaneEntry, i);

      if (entry->start != start)
        break;
      if (entry->position == position)
        return i;
    }

  return G_MAXUINT;
}

guint
chronicle_lane_layout_find_nearest (ChronicleLaneLayout *self,
                                    guint                lane,
                                    gint64               time)
{
  Lane *l = get_lane_checked (self, lane);
  guint i;

  if (l == NULL || l->entries->len == 0)
    return G_MAXUINT;

  i = entries_lower_bound (l->entries, time);
  if (i == l->entries->len)
    return i - 1;
  if (i > 0)
    {
      const ChronicleLaneEntry *before = &g_array_index (l->entries, ChronicleLaneEntry, i - 1);
      const ChronicleLaneEntry *after = &g_array_index (l->entries, ChronicleLaneEntry, i);

      /* An earlier event still running at @time is nearer than any later one. */
      if (before->end > time || time - before->start <= after->start - time)
        return i - 1;
    }

  return i;
}

guint
chronicle_lane_layout_lookup (ChronicleLaneLayout *self,
                              guint                lane,
                              guint                row,
                              gint64               time,
                              gint64               slack)
{
  Lane *l = get_lane_checked (self, lane);
  gint64 earliest;
  guint i;

  if (l == NULL)
    return G_MAXUINT;

  slack = MAX (slack, 0);
  earliest = time - l->max_duration - slack;

  for (i = entries_lower_bound (l->entries, time + slack + 1); i > 0; i--)
    {
      const ChronicleLaneEntry *entry = &g_array_index (l->entries, ChronicleLaneEntry, i - 1);
      gboolean hit;

      if (entry->start < earliest)
        break;
      if (entry->row != row)
        continue;

      if (entry->flags & CHRONICLE_LANE_ENTRY_POINT)
        hit = ABS (time - entry->start) <= slack ||
              (time >= entry->start && time < entry->end);
      else
        hit = time >= entry->start - slack && time < entry->end + slack;

      if (hit)
        return i - 1;
    }

  return G_MAXUINT;
}

/* Merges the @n_runs ascending runs of @values, run r from @bounds[r] to
 * @bounds[r + 1] (@bounds[0] is 0), into one, merging pairs of runs in
 * each pass; @bounds is overwritten. */
static void
merge_runs (guint *values,
            guint *bounds,
            guint  n_runs)
{
  guint n = bounds[n_runs];
  g_autofree guint *scratch = g_new (guint, n);
  guint *from = values;
  guint *to = scratch;

  while (n_runs > 1)
    {
      guint merged = 0;

      for (guint r = 0; r < n_runs; r += 2)
        {
          guint a = bounds[r];
          guint a_end = bounds[r + 1];
          guint b = a_end;
          guint b_end = r + 1 < n_runs ? bounds[r + 2] : a_end;
          guint out = a;

          while (a < a_end && b < b_end)
            to[out++] = from[a] <= from[b] ? from[a++] : from[b++];
          while (a < a_end)
            to[out++] = from[a++];
          while (b < b_end)
            to[out++] = from[b++];

          /* Runs r and r + 1 are now run r / 2, which starts where r did. */
          bounds[merged++] = bounds[r];
        }
      bounds[merged] = n;
      n_runs = merged;

      {
        guint *swap = from;

        from = to;
        to = swap;
      }
    }

  if (from != values)
    memcpy (values, from, n * sizeof (guint));
}

void
chronicle_lane_layout_collect_visible (ChronicleLaneLayout *self,
                                       guint                lane,
                                       gint64               start,
                                       gint64               end,
                                       GArray              *indices)
{
  Lane *l = get_lane_checked (self, lane);
  const ChronicleLaneEntry *entries;
  guint bounds[N_DURATION_CLASSES + 1];
  guint n_runs = 0;
  guint old_len;
  guint c;

  g_return_if_fail (indices != NULL);
  g_return_if_fail (g_array_get_element_size (indices) == sizeof (guint));

  if (l == NULL || l->entries->len == 0 || start >= end)
    return;

  entries = (const ChronicleLaneEntry *) (gpointer) l->entries->data;
  old_len = indices->len;
  bounds[0] = 0;

  for (c = 0; c < N_DURATION_CLASSES; c++)
    {
      guint lo = l->class_offsets[c];
      guint hi = l->class_offsets[c + 1];
      gint64 earliest;

      if (lo == hi)
        continue;

      /* Only an entry of this class that started at most its longest
       * duration before @start can still reach it. */
      earliest = start >= G_MININT64 + l->class_max[c] ? start - l->class_max[c] : G_MININT64;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (entries[l->by_class[mid]].start < earliest)
            lo = mid + 1;
          else
            hi = mid;
        }

      for (; lo < l->class_offsets[c + 1]; lo++)
        {
          guint index = l->by_class[lo];

          if (entries[index].start >= end)
            break;
          if (entries[index].end > start)
            g_array_append_val (indices, index);
        }

      if (indices->len - old_len > bounds[n_runs])
        bounds[++n_runs] = indices->len - old_len;
    }

  /* Each class is in lane order, by start, as drawn: so is their merge. */
  if (n_runs > 1)
    merge_runs (&g_array_index (indices, guint, old_len), bounds, n_runs);
}

guint
chronicle_lane_layout_count_starts (ChronicleLaneLayout *self,
                                    guint                lane,
                                    double               start,
                                    double               bin_width,
                                    guint                n_bins,
                                    guint               *counts,
                                    guint               *firsts)
{
  Lane *l = get_lane_checked (self, lane);
  const ChronicleLaneEntry *entries;
  guint n;
  guint index;
  guint total = 0;
  guint bin;

  g_return_val_if_fail (counts != NULL || n_bins == 0, 0);
  g_return_val_if_fail (bin_width > 0, 0);

  if (l == NULL)
    {
      for (bin = 0; bin < n_bins; bin++)
        {
          counts[bin] = 0;
          if (firsts != NULL)
            firsts[bin] = G_MAXUINT;
        }
      return 0;
    }

  entries = (const ChronicleLaneEntry *) (gpointer) l->entries->data;
  n = l->entries->len;
  index = entries_lower_bound (l->entries, (gint64) ceil (start));

  for (bin = 0; bin < n_bins; bin++)
    {
      gint64 bin_end = (gint64) ceil (start + (bin + 1) * bin_width);
      guint step = 1;
      guint lo = index;
      guint hi = index;

      /* Galloping: a bin's entries follow the last bin's, so the search
       * costs the log of how many there are, not of the whole lane. */
      while (hi < n && entries[hi].start < bin_end)
        {
          lo = hi + 1;
          hi = n - hi > step ? hi + step : n;
          step *= 2;
        }
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (entries[mid].start < bin_end)
            lo = mid + 1;
          else
            hi = mid;
        }

      counts[bin] = lo - index;
      if (firsts != NULL)
        firsts[bin] = lo > index ? index : G_MAXUINT;
      total += lo - index;
      index = lo;
    }

  return total;
}
