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
  guint         n_rows;
  guint         kind;
  guint         rank;
  LaneCategory  category;
} Lane;

/* What an entry needs of an event, by timeline position, read once per
 * change of the timeline: a rebuild after a filter change then reads this
 * array, not a million objects. */
typedef struct
{
  gint64  start;
  gint64  end;
  guint16 kind;
  guint8  status;
  guint8  flags;
  guint8  duration_class;
} EntryTemplate;

struct _ChronicleLaneLayout
{
  GObject            parent_instance;

  ChronicleTimeline *timeline;
  GListModel        *model;
  GSignalGroup      *model_signals;
  GSignalGroup      *kinds_signals;
  GSignalGroup      *actors_signals;

  GPtrArray         *events;   /* ChronicleEvent, by model position */
  /* When the model is the timeline, or lists what self->filter shows:
   * the timeline positions by model position instead of @events. */
  ChronicleEventFilter *filter;
  GSignalGroup      *timeline_signals;
  GArray            *positions;
  GArray            *templates;   /* EntryTemplate, by timeline position */
  guint              fast : 1;
  guint              templates_valid : 1;
  GArray            *starts;   /* gint64, by model position */
  GPtrArray         *kinds;    /* ChronicleKind, by kind index */
  GPtrArray         *lanes;    /* Lane */
  GPtrArray         *spare_lanes;  /* Lane, kept during a rebuild for reuse */
  gint64             extent_start;
  gint64             extent_end;

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
      g_ptr_array_add (self->lanes, lane);
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

/* Rows: each entry takes the lowest row that is free at its start. With the
 * number of rows bounded, this is linear in the entries. */
static void
stack_lane (Lane     *lane,
            guint     index,
            gint64    point_extent,
            gboolean  indexed)
{
  gint64 row_end[CHRONICLE_LANE_LAYOUT_MAX_ROWS];
  guint last_shared = CHRONICLE_LANE_LAYOUT_MAX_ROWS - 1;
  guint n_rows = 0;
  guint i;

  lane->max_duration = 0;
  if (!indexed)
    {
      memset (lane->class_offsets, 0, sizeof lane->class_offsets);
      memset (lane->class_max, 0, sizeof lane->class_max);
    }

  for (i = 0; i < lane->entries->len; i++)
    {
      ChronicleLaneEntry *entry = &g_array_index (lane->entries, ChronicleLaneEntry, i);
      gint64 reserved_end = MAX (entry->end, entry->start + point_extent);
      gint64 duration = entry->end - entry->start;
      guint c = duration_class (duration);
      guint row = G_MAXUINT;
      guint r;

      /* Counted here for index_lane_durations(), in the same pass, unless
       * the fast rebuild already indexed the lane. */
      entry->lane = index;
      if (!indexed)
        {
          lane->class_offsets[c + 1]++;
          lane->class_max[c] = MAX (lane->class_max[c], duration);
        }

      for (r = 0; r < n_rows; r++)
        {
          if (row_end[r] <= entry->start)
            {
              row = r;
              break;
            }
        }

      if (row == G_MAXUINT)
        {
          if (n_rows < CHRONICLE_LANE_LAYOUT_MAX_ROWS)
            {
              row = n_rows++;
              row_end[row] = G_MININT64;
            }
          else
            {
              /* Every row is busy: share the one that frees first, taking
               * turns between rows that free at the same time. */
              row = (last_shared + 1) % n_rows;
              for (r = 1; r < n_rows; r++)
                {
                  guint candidate = (last_shared + 1 + r) % n_rows;

                  if (row_end[candidate] < row_end[row])
                    row = candidate;
                }
              last_shared = row;
            }
        }

      entry->row = row;
      row_end[row] = MAX (row_end[row], reserved_end);
      lane->max_duration = MAX (lane->max_duration, entry->end - entry->start);
    }

  lane->n_rows = MAX (n_rows, 1);
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
chronicle_lane_layout_clear (ChronicleLaneLayout *self)
{
  while (self->lanes->len > 0)
    g_ptr_array_add (self->spare_lanes,
                     g_ptr_array_steal_index_fast (self->lanes, self->lanes->len - 1));
  g_ptr_array_set_size (self->events, 0);
  g_array_set_size (self->positions, 0);
  self->fast = FALSE;
  g_ptr_array_set_size (self->kinds, 0);
  g_array_set_size (self->starts, 0);
  self->extent_start = 0;
  self->extent_end = 0;
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

  /* Groupings by actor and tag read the events' strings anyway. */
  if (self->group_by == CHRONICLE_GROUP_BY_ACTOR || self->group_by == CHRONICLE_GROUP_BY_TAG)
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
chronicle_lane_layout_update_templates (ChronicleLaneLayout *self,
                                        GHashTable          *kind_index)
{
  guint n = chronicle_timeline_get_n_events (self->timeline);

  if (self->templates_valid && self->templates->len == n)
    return;

  g_array_set_size (self->templates, n);
  for (guint i = 0; i < n; i++)
    {
      EntryTemplate *t = &g_array_index (self->templates, EntryTemplate, i);
      ChronicleLaneEntry entry;
      const char *kind_id;

      entry_init (&entry, self->timeline, chronicle_timeline_get_event (self->timeline, i),
                  kind_index, &kind_id);
      t->start = entry.start;
      t->end = entry.end;
      t->kind = entry.kind;
      t->status = entry.status;
      t->flags = entry.flags;
      t->duration_class = duration_class (entry.end - entry.start);
    }

  self->templates_valid = TRUE;
}

/* The lane of a template, creating it the first time. */
static Lane *
template_lane (ChronicleLaneLayout *self,
               GHashTable          *lanes_by_key,
               Lane               **by_key,
               const EntryTemplate *t)
{
  switch (self->group_by)
    {
    case CHRONICLE_GROUP_BY_KIND:
      /* With a timeline, every event has a kind ("other" when unknown). */
      if (by_key[t->kind] == NULL)
        {
          ChronicleKind *kind = g_ptr_array_index (self->kinds, t->kind);

          by_key[t->kind] = get_lane (self, lanes_by_key, chronicle_kind_get_id (kind),
                                      chronicle_kind_get_label (kind), LANE_CATEGORY_DECLARED,
                                      t->kind, t->kind);
        }
      return by_key[t->kind];

    case CHRONICLE_GROUP_BY_STATUS:
      if (by_key[t->status] == NULL)
        by_key[t->status] = get_lane (self, lanes_by_key,
                                      chronicle_event_status_to_string (t->status),
                                      chronicle_event_status_get_label (t->status),
                                      LANE_CATEGORY_DECLARED, t->status, CHRONICLE_LANE_NO_KIND);
      return by_key[t->status];

    case CHRONICLE_GROUP_BY_NONE:
    case CHRONICLE_GROUP_BY_ACTOR:
    case CHRONICLE_GROUP_BY_TAG:
    default:
      return g_ptr_array_index (self->lanes, 0);
    }
}

/* The rebuild from templates, for groupings by kind, status or nothing:
 * one pass counts each lane's entries, a second writes them in place. */
static void
chronicle_lane_layout_fill_fast (ChronicleLaneLayout *self,
                                 GHashTable          *lanes_by_key,
                                 GHashTable          *kind_index,
                                 const guint         *positions,
                                 guint                n_items)
{
  guint n_keys = MAX (self->kinds->len, CHRONICLE_EVENT_N_STATUSES);
  g_autofree Lane **by_key = g_new0 (Lane *, n_keys);
  const EntryTemplate *templates;
  gint64 *starts;
  guint *model_positions;
  guint i;

  chronicle_lane_layout_update_templates (self, kind_index);
  templates = (const EntryTemplate *) (gpointer) self->templates->data;

  self->fast = TRUE;
  g_array_set_size (self->positions, n_items);
  g_array_set_size (self->starts, n_items);
  model_positions = (guint *) (gpointer) self->positions->data;
  starts = (gint64 *) (gpointer) self->starts->data;

  /* Counting; n_rows holds the count until stacking sets it. */
  for (i = 0; i < n_items; i++)
    {
      guint position = positions != NULL ? positions[i] : i;
      const EntryTemplate *t = &templates[position];
      Lane *lane = template_lane (self, lanes_by_key, by_key, t);

      lane->n_rows++;
      lane->class_offsets[t->duration_class + 1]++;
      model_positions[i] = position;
      starts[i] = t->start;

      if (i == 0)
        {
          self->extent_start = t->start;
          self->extent_end = t->end;
        }
      else
        {
          self->extent_start = MIN (self->extent_start, t->start);
          self->extent_end = MAX (self->extent_end, t->end);
        }
    }

  /* The duration index is filled in the same pass as the entries: the
   * timeline's order is the lanes' order, so nothing moves after. */
  for (i = 0; i < self->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (self->lanes, i);

      g_array_set_size (lane->entries, lane->n_rows);
      if (lane->by_class_size < lane->n_rows)
        {
          g_free (lane->by_class);
          lane->by_class = g_new (guint, lane->n_rows);
          lane->by_class_size = lane->n_rows;
        }
      for (guint c = 0; c < N_DURATION_CLASSES; c++)
        {
          lane->class_offsets[c + 1] += lane->class_offsets[c];
          lane->class_next[c] = lane->class_offsets[c];
          lane->class_max[c] = 0;
        }
      lane->n_rows = 0;
    }

  for (i = 0; i < n_items; i++)
    {
      const EntryTemplate *t = &templates[model_positions[i]];
      Lane *lane = template_lane (self, lanes_by_key, by_key, t);
      guint index = lane->n_rows++;
      ChronicleLaneEntry *entry = &g_array_index (lane->entries, ChronicleLaneEntry, index);
      guint c = t->duration_class;

      lane->by_class[lane->class_next[c]++] = index;
      lane->class_max[c] = MAX (lane->class_max[c], t->end - t->start);

      entry->start = t->start;
      entry->end = t->end;
      entry->position = i;
      entry->row = 0;
      entry->lane = 0;
      entry->kind = t->kind;
      entry->status = t->status;
      entry->flags = t->flags;
    }
}

static void
chronicle_lane_layout_rebuild (ChronicleLaneLayout *self)
{
  g_autoptr(GHashTable) lanes_by_key = NULL;
  g_autoptr(GHashTable) kind_index = NULL;
  g_autoptr(GHashTable) actor_rank = NULL;
  const guint *positions;
  gboolean identity;
  gint64 point_extent;
  guint n_items;
  guint i;

  g_assert (CHRONICLE_IS_LANE_LAYOUT (self));

  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  chronicle_lane_layout_clear (self);

  lanes_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  kind_index = g_hash_table_new (g_str_hash, g_str_equal);
  actor_rank = g_hash_table_new (g_str_hash, g_str_equal);

  if (self->timeline != NULL)
    {
      GListModel *kinds = chronicle_timeline_get_kinds (self->timeline);
      GListModel *actors = chronicle_timeline_get_actors (self->timeline);
      guint n_kinds = MIN (g_list_model_get_n_items (kinds), CHRONICLE_LANE_NO_KIND);
      guint n_actors = g_list_model_get_n_items (actors);

      for (i = 0; i < n_kinds; i++)
        {
          ChronicleKind *kind = g_list_model_get_item (kinds, i);

          g_ptr_array_add (self->kinds, kind);
          g_hash_table_insert (kind_index, (gpointer) chronicle_kind_get_id (kind),
                               GUINT_TO_POINTER (i));
        }

      for (i = 0; i < n_actors; i++)
        {
          g_autoptr(ChronicleActor) actor = g_list_model_get_item (actors, i);

          g_hash_table_insert (actor_rank,
                               (gpointer) g_intern_string (chronicle_actor_get_id (actor)),
                               GUINT_TO_POINTER (i));
        }
    }

  n_items = self->model != NULL ? g_list_model_get_n_items (self->model) : 0;

  if (self->group_by == CHRONICLE_GROUP_BY_NONE)
    get_lane (self, lanes_by_key, NULL, _("All Events"), LANE_CATEGORY_DECLARED, 0,
              CHRONICLE_LANE_NO_KIND);

  positions = chronicle_lane_layout_model_positions (self, n_items, &identity);
  if (positions != NULL || identity)
    {
      chronicle_lane_layout_fill_fast (self, lanes_by_key, kind_index, positions, n_items);
      n_items = 0;
    }

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
          self->extent_start = entry.start;
          self->extent_end = entry.end;
        }
      else
        {
          self->extent_start = MIN (self->extent_start, entry.start);
          self->extent_end = MAX (self->extent_end, entry.end);
        }

      switch (self->group_by)
        {
        case CHRONICLE_GROUP_BY_NONE:
          lane = g_ptr_array_index (self->lanes, 0);
          g_array_append_val (lane->entries, entry);
          break;

        case CHRONICLE_GROUP_BY_KIND:
          {
            ChronicleKind *kind = entry.kind != CHRONICLE_LANE_NO_KIND
                                ? g_ptr_array_index (self->kinds, entry.kind) : NULL;

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

  g_ptr_array_sort (self->lanes, compare_lanes);

  point_extent = self->point_extent;
  if (point_extent <= 0)
    point_extent = MAX (1, (self->extent_end - self->extent_start) / DEFAULT_POINT_EXTENT_DIVISOR);

  for (i = 0; i < self->lanes->len; i++)
    {
      Lane *lane = g_ptr_array_index (self->lanes, i);
      gboolean sorted = TRUE;
      guint j;

      /* The model is normally in start order already; the timeline's
       * order, which the fast path follows, always is. */
      for (j = 1; !self->fast && sorted && j < lane->entries->len; j++)
        {
          if (compare_entries (&g_array_index (lane->entries, ChronicleLaneEntry, j - 1),
                               &g_array_index (lane->entries, ChronicleLaneEntry, j)) > 0)
            sorted = FALSE;
        }

      if (!sorted)
        g_array_sort (lane->entries, compare_entries);

      stack_lane (lane, i, point_extent, self->fast);
      if (!self->fast)
        index_lane_durations (lane);
    }

  /* What the last rebuild had and this one did not reuse. */
  g_ptr_array_set_size (self->spare_lanes, 0);

  g_debug ("Laid out %u events in %u lanes", chronicle_lane_layout_get_n_events (self),
           self->lanes->len);

  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
chronicle_lane_layout_rebuild_cb (gpointer data)
{
  ChronicleLaneLayout *self = data;

  self->rebuild_source = 0;
  chronicle_lane_layout_rebuild (self);

  return G_SOURCE_REMOVE;
}

static void
chronicle_lane_layout_queue_rebuild (ChronicleLaneLayout *self)
{
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

/* The events or the kinds of the timeline: what entries are made of. */
static void
on_timeline_items_changed_cb (ChronicleLaneLayout *self,
                              guint                position,
                              guint                removed,
                              guint                added,
                              GListModel          *model)
{
  self->templates_valid = FALSE;
  chronicle_lane_layout_queue_rebuild (self);
}

static Lane *
get_lane_checked (ChronicleLaneLayout *self,
                  guint                lane)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), NULL);
  g_return_val_if_fail (lane < self->lanes->len, NULL);

  return g_ptr_array_index (self->lanes, lane);
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
  g_clear_pointer (&self->positions, g_array_unref);
  g_clear_pointer (&self->templates, g_array_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
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
  self->kinds = g_ptr_array_new_with_free_func (g_object_unref);
  self->lanes = g_ptr_array_new_with_free_func (lane_free);
  self->spare_lanes = g_ptr_array_new_with_free_func (lane_free);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->templates = g_array_new (FALSE, FALSE, sizeof (EntryTemplate));

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
                                 G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);
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
      self->templates_valid = FALSE;
      g_signal_group_set_target (self->timeline_signals, timeline);
      g_signal_group_set_target (self->kinds_signals,
                                 timeline ? chronicle_timeline_get_kinds (timeline) : NULL);
      g_signal_group_set_target (self->actors_signals,
                                 timeline ? chronicle_timeline_get_actors (timeline) : NULL);
      chronicle_lane_layout_queue_rebuild (self);
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
      chronicle_lane_layout_queue_rebuild (self);
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
    chronicle_lane_layout_queue_rebuild (self);
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
  chronicle_lane_layout_queue_rebuild (self);
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
  chronicle_lane_layout_queue_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POINT_EXTENT]);
}

void
chronicle_lane_layout_ensure (ChronicleLaneLayout *self)
{
  g_return_if_fail (CHRONICLE_IS_LANE_LAYOUT (self));

  if (self->rebuild_source != 0)
    chronicle_lane_layout_rebuild (self);
}

guint
chronicle_lane_layout_get_n_events (ChronicleLaneLayout *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), 0);

  return self->fast ? self->positions->len : self->events->len;
}

ChronicleEvent *
chronicle_lane_layout_get_event (ChronicleLaneLayout *self,
                                 guint                position)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), NULL);

  /* Until a pending rebuild, the event at the position it had then. */
  if (self->fast)
    {
      if (position >= self->positions->len)
        return NULL;

      return chronicle_timeline_get_event (self->timeline,
                                           g_array_index (self->positions, guint, position));
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

  hi = self->starts->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->starts, gint64, mid) < time)
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

  if (self->starts->len == 0)
    return FALSE;

  if (start != NULL)
    *start = self->extent_start;
  if (end != NULL)
    *end = self->extent_end;

  return TRUE;
}

ChronicleKind *
chronicle_lane_layout_get_kind (ChronicleLaneLayout *self,
                                guint                kind)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), NULL);

  if (kind >= self->kinds->len)
    return NULL;

  return g_ptr_array_index (self->kinds, kind);
}

guint
chronicle_lane_layout_get_n_lanes (ChronicleLaneLayout *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LANE_LAYOUT (self), 0);

  return self->lanes->len;
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

  if (l == NULL || position >= self->starts->len)
    return G_MAXUINT;

  start = g_array_index (self->starts, gint64, position);

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

static int
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint index_a = *(const guint *) a;
  guint index_b = *(const guint *) b;

  return index_a < index_b ? -1 : index_a > index_b;
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
  guint old_len;
  guint c;

  g_return_if_fail (indices != NULL);
  g_return_if_fail (g_array_get_element_size (indices) == sizeof (guint));

  if (l == NULL || l->entries->len == 0 || start >= end)
    return;

  entries = (const ChronicleLaneEntry *) (gpointer) l->entries->data;
  old_len = indices->len;

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
    }

  /* Back in lane order: by start, as drawn. */
  if (indices->len - old_len > 1)
    qsort (&g_array_index (indices, guint, old_len), indices->len - old_len, sizeof (guint),
           compare_indices);
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
