/* chronicle-timeline.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-timeline"

#include "config.h"

#include "chronicle-timeline.h"

#include <glib/gi18n.h>

/* The sort key of an event being added, gathered once so that sorting a
 * large batch walks one compact array instead of a million objects.
 * @order (the position in the batch) makes the key a total order, so any
 * sort keeps events with equal keys in the order they were given. */
typedef struct
{
  gint64          instant;
  guint           precision;
  guint           file_index;
  guint           order;
  ChronicleEvent *event;
} EventKey;

struct _ChronicleTimeline
{
  GObject      parent_instance;

  char        *title;
  char        *description;
  char        *timezone;
  GTimeZone   *time_zone;

  GListStore  *kinds;
  GHashTable  *kinds_by_id;      /* id → ChronicleKind, both borrowed */
  GHashTable  *declared_kinds;   /* set of ids */
  GListStore  *actors;
  GHashTable  *actors_by_id;     /* id → ChronicleActor, both borrowed */
  GListStore  *eras;
  GListStore  *views;
  GHashTable  *views_by_id;      /* id → ChronicleView, both borrowed */

  /* Sorted by chronicle_event_compare(); ties in the order they came. */
  GPtrArray   *events;
  /* The start instant of each event in @events, for binary searches that
   * touch only this array. */
  GArray      *starts;
  GHashTable  *events_by_id;     /* id → ChronicleEvent, both borrowed */
  gint64       max_end;
  guint        max_end_valid : 1;

  /* What views read of every event; %NULL once the events changed. */
  ChronicleEventTable *table;

  /* A timeline read in place (from the cache) makes its events when they
   * are first asked for: until then their slots in @events are %NULL and
   * @events_by_id is empty, ids are found through @lazy. The lock makes an
   * event once when two threads ask for it (an export reads events in
   * its thread). */
  const ChronicleLazyEventsFuncs *lazy;
  gpointer                   lazy_data;
  GDestroyNotify             lazy_data_destroy;
  GMutex                     lazy_lock;
  guint                      n_unmade;

  JsonObject  *extra_members;
};

static void list_model_iface_init (GListModelInterface *iface);
static void chronicle_timeline_make_all (ChronicleTimeline *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronicleTimeline, chronicle_timeline, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_QUARK (chronicle-timeline-error-quark, chronicle_timeline_error)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_TIMEZONE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static inline void
event_key_init (EventKey       *key,
                ChronicleEvent *event,
                guint           order)
{
  const ChronicleTime *start = chronicle_event_get_start (event);

  key->instant = start->instant;
  key->precision = start->precision;
  key->file_index = chronicle_event_get_file_index (event);
  key->order = order;
  key->event = event;
}

/* The order of chronicle_event_compare(), then the batch order. */
static int
compare_event_keys (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const EventKey *ka = a;
  const EventKey *kb = b;

  if (ka->instant != kb->instant)
    return ka->instant < kb->instant ? -1 : 1;
  if (ka->precision != kb->precision)
    return ka->precision < kb->precision ? -1 : 1;
  if (ka->file_index != kb->file_index)
    return ka->file_index < kb->file_index ? -1 : 1;
  if (ka->order != kb->order)
    return ka->order < kb->order ? -1 : 1;
  return 0;
}

static ChronicleEvent *
chronicle_timeline_make_event (ChronicleTimeline *self,
                               guint              position)
{
  ChronicleEvent *event;

  g_mutex_lock (&self->lazy_lock);
  event = self->events->pdata[position];
  if (event == NULL)
    {
      event = self->lazy->make_event (self->lazy_data, position);
      g_atomic_pointer_set (&self->events->pdata[position], event);
      self->n_unmade--;
    }
  g_mutex_unlock (&self->lazy_lock);

  return event;
}

/* The event at @position (in range), made now if it was not yet. */
static inline ChronicleEvent *
chronicle_timeline_event_at (ChronicleTimeline *self,
                             guint              position)
{
  ChronicleEvent *event = g_atomic_pointer_get (&self->events->pdata[position]);

  if G_UNLIKELY (event == NULL)
    event = chronicle_timeline_make_event (self, position);

  return event;
}

/* chronicle_event_compare() of the event at @position and @key's event,
 * reading the instant from the dense array first. */
static inline int
chronicle_timeline_compare_at (ChronicleTimeline *self,
                               guint              position,
                               const EventKey    *key)
{
  gint64 instant = g_array_index (self->starts, gint64, position);
  ChronicleEvent *event;
  guint precision;
  guint file_index;

  if (instant != key->instant)
    return instant < key->instant ? -1 : 1;

  event = chronicle_timeline_event_at (self, position);
  precision = chronicle_event_get_start (event)->precision;
  if (precision != key->precision)
    return precision < key->precision ? -1 : 1;

  file_index = chronicle_event_get_file_index (event);
  if (file_index != key->file_index)
    return file_index < key->file_index ? -1 : 1;

  return 0;
}

/* The first position whose event sorts after @key (events equal to it
 * stay before it). */
static guint
chronicle_timeline_upper_bound (ChronicleTimeline *self,
                                const EventKey    *key)
{
  guint lo = 0;
  guint hi = self->events->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (chronicle_timeline_compare_at (self, mid, key) <= 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* The first position whose event does not sort before @key. */
static guint
chronicle_timeline_key_lower_bound (ChronicleTimeline *self,
                                    const EventKey    *key)
{
  guint lo = 0;
  guint hi = self->events->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (chronicle_timeline_compare_at (self, mid, key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* Undoes what chronicle_timeline_add_events() did to the id index for the
 * first @n_explicit explicit ids and the first @n_derived derived ones. */
static void
chronicle_timeline_unindex (ChronicleTimeline  *self,
                            ChronicleEvent    **events,
                            gboolean           *derive,
                            guint               n_explicit,
                            guint               n_derived)
{
  for (guint i = 0; n_explicit > 0 || n_derived > 0; i++)
    {
      if (!derive[i] && n_explicit > 0)
        {
          g_hash_table_remove (self->events_by_id, chronicle_event_get_id (events[i]));
          n_explicit--;
        }
      else if (derive[i] && n_derived > 0)
        {
          const char *id = chronicle_event_get_id (events[i]);

          /* The same event given twice was derived once only. */
          if (id != NULL && g_hash_table_lookup (self->events_by_id, id) == events[i])
            {
              g_hash_table_remove (self->events_by_id, id);
              chronicle_event_set_id (events[i], NULL);
            }
          n_derived--;
        }
    }
}

/* Inserting @id for events[@n_done] found it taken and replaced its value:
 * put back the event that had it, the one whose id is the stored key. */
static void
chronicle_timeline_restore_owner (ChronicleTimeline  *self,
                                  ChronicleEvent    **events,
                                  guint               n_done,
                                  const char         *id)
{
  gpointer key;
  ChronicleEvent *owner = NULL;

  if (!g_hash_table_lookup_extended (self->events_by_id, id, &key, NULL))
    g_return_if_reached ();

  for (guint i = 0; owner == NULL && i < self->events->len; i++)
    {
      if (chronicle_event_get_id (g_ptr_array_index (self->events, i)) == key)
        owner = g_ptr_array_index (self->events, i);
    }

  for (guint i = 0; owner == NULL && i < n_done; i++)
    {
      if (chronicle_event_get_id (events[i]) == key)
        owner = events[i];
    }

  g_return_if_fail (owner != NULL);

  g_hash_table_insert (self->events_by_id, key, owner);
}

/* Gives @event its derived id, with "-2", "-3"… appended when an earlier
 * event already has it. */
static void
chronicle_timeline_derive_id (ChronicleTimeline *self,
                              ChronicleEvent    *event)
{
  g_autofree char *base = chronicle_event_derive_id (event);

  if (!g_hash_table_contains (self->events_by_id, base))
    {
      chronicle_event_set_derived_id (event, base);
    }
  else
    {
      for (guint n = 2; ; n++)
        {
          g_autofree char *candidate = g_strdup_printf ("%s-%u", base, n);

          if (!g_hash_table_contains (self->events_by_id, candidate))
            {
              chronicle_event_set_derived_id (event, candidate);
              break;
            }
        }
    }

  g_hash_table_insert (self->events_by_id, (char *)chronicle_event_get_id (event), event);
}

/* Inserts the sorted @keys, merging them with the events already there.
 * Returns the first position that changed. */
static guint
chronicle_timeline_merge (ChronicleTimeline *self,
                          const EventKey    *keys,
                          guint              n_keys)
{
  guint old_len = self->events->len;
  guint first;
  guint i;
  guint j;
  guint k;

  /* Everything before the first new event stays where it is. In the
   * common case (a file loaded into an empty timeline, or later events
   * appended) that is all of it and the batch is simply appended. */
  first = chronicle_timeline_upper_bound (self, &keys[0]);

  g_ptr_array_set_size (self->events, old_len + n_keys);
  g_array_set_size (self->starts, old_len + n_keys);

  /* Merge from the back, so that nothing is overwritten before it moved.
   * On equal keys the new event goes last: the old ones came first. */
  i = old_len;
  j = n_keys;
  k = old_len + n_keys;
  while (j > 0)
    {
      k--;
      if (i > first && chronicle_timeline_compare_at (self, i - 1, &keys[j - 1]) > 0)
        {
          i--;
          self->events->pdata[k] = self->events->pdata[i];
          g_array_index (self->starts, gint64, k) = g_array_index (self->starts, gint64, i);
        }
      else
        {
          j--;
          self->events->pdata[k] = g_object_ref (keys[j].event);
          g_array_index (self->starts, gint64, k) = keys[j].instant;
        }
    }

  return first;
}

static void
chronicle_timeline_recompute_max_end (ChronicleTimeline *self)
{
  gint64 max_end = G_MININT64;

  for (guint i = 0; i < self->events->len; i++)
    max_end = MAX (max_end, chronicle_event_get_end_instant (chronicle_timeline_event_at (self, i)));

  self->max_end = max_end;
  self->max_end_valid = TRUE;
}

static void
chronicle_timeline_items_changed (ChronicleTimeline *self,
                                  guint              position,
                                  guint              removed,
                                  guint              added)
{
  g_clear_pointer (&self->table, chronicle_event_table_unref);
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Position of @item in @store, or G_MAXUINT (also for a %NULL @item). */
static guint
find_in_store (GListStore *store,
               gpointer    item)
{
  guint position;

  if (item != NULL && g_list_store_find (store, item, &position))
    return position;

  return G_MAXUINT;
}

static GType
chronicle_timeline_get_item_type (GListModel *model)
{
  return CHRONICLE_TYPE_EVENT;
}

static guint
chronicle_timeline_get_n_items (GListModel *model)
{
  ChronicleTimeline *self = CHRONICLE_TIMELINE (model);

  return self->events->len;
}

static gpointer
chronicle_timeline_get_item (GListModel *model,
                             guint       position)
{
  ChronicleTimeline *self = CHRONICLE_TIMELINE (model);

  if (position >= self->events->len)
    return NULL;

  return g_object_ref (chronicle_timeline_event_at (self, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = chronicle_timeline_get_item_type;
  iface->get_n_items = chronicle_timeline_get_n_items;
  iface->get_item = chronicle_timeline_get_item;
}

static void
chronicle_timeline_dispose (GObject *object)
{
  ChronicleTimeline *self = (ChronicleTimeline *)object;

  /* The indexes borrow their keys from the items: empty them first. Keep
   * the containers, so that a second dispose finds them. */
  g_hash_table_remove_all (self->events_by_id);
  g_hash_table_remove_all (self->kinds_by_id);
  g_hash_table_remove_all (self->actors_by_id);
  g_hash_table_remove_all (self->views_by_id);

  g_ptr_array_set_size (self->events, 0);
  g_array_set_size (self->starts, 0);
  g_clear_pointer (&self->table, chronicle_event_table_unref);
  self->lazy = NULL;
  if (self->lazy_data_destroy != NULL)
    g_clear_pointer (&self->lazy_data, self->lazy_data_destroy);

  g_clear_object (&self->kinds);
  g_clear_object (&self->actors);
  g_clear_object (&self->eras);
  g_clear_object (&self->views);

  G_OBJECT_CLASS (chronicle_timeline_parent_class)->dispose (object);
}

static void
chronicle_timeline_finalize (GObject *object)
{
  ChronicleTimeline *self = (ChronicleTimeline *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->timezone, g_free);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->kinds_by_id, g_hash_table_unref);
  g_clear_pointer (&self->declared_kinds, g_hash_table_unref);
  g_clear_pointer (&self->actors_by_id, g_hash_table_unref);
  g_clear_pointer (&self->views_by_id, g_hash_table_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);
  g_clear_pointer (&self->events, g_ptr_array_unref);
  g_clear_pointer (&self->starts, g_array_unref);
  g_clear_pointer (&self->extra_members, json_object_unref);
  g_mutex_clear (&self->lazy_lock);

  G_OBJECT_CLASS (chronicle_timeline_parent_class)->finalize (object);
}

static void
chronicle_timeline_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChronicleTimeline *self = CHRONICLE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->events->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_timeline_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ChronicleTimeline *self = CHRONICLE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      chronicle_timeline_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      chronicle_timeline_set_description (self, g_value_get_string (value));
      break;

    case PROP_TIMEZONE:
      if (!chronicle_timeline_set_timezone (self, g_value_get_string (value)))
        g_warning ("Unknown time zone “%s”", g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_timeline_class_init (ChronicleTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chronicle_timeline_dispose;
  object_class->finalize = chronicle_timeline_finalize;
  object_class->get_property = chronicle_timeline_get_property;
  object_class->set_property = chronicle_timeline_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_TIMEZONE] =
    g_param_spec_string ("timezone", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clear_event (gpointer event)
{
  if (event != NULL)
    g_object_unref (event);
}

static void
chronicle_timeline_init (ChronicleTimeline *self)
{
  const char * const *builtin_ids = chronicle_kind_get_builtin_ids ();
  g_autoptr(GPtrArray) builtins = g_ptr_array_new_with_free_func (g_object_unref);

  self->time_zone = g_time_zone_new_utc ();

  self->kinds = g_list_store_new (CHRONICLE_TYPE_KIND);
  self->kinds_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->declared_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; builtin_ids[i] != NULL; i++)
    {
      ChronicleKind *kind = chronicle_kind_new_builtin (builtin_ids[i]);

      g_hash_table_insert (self->kinds_by_id, (char *)chronicle_kind_get_id (kind), kind);
      g_ptr_array_add (builtins, kind);
    }
  g_list_store_splice (self->kinds, 0, 0, builtins->pdata, builtins->len);

  self->actors = g_list_store_new (CHRONICLE_TYPE_ACTOR);
  self->actors_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->eras = g_list_store_new (CHRONICLE_TYPE_ERA);
  self->views = g_list_store_new (CHRONICLE_TYPE_VIEW);
  self->views_by_id = g_hash_table_new (g_str_hash, g_str_equal);

  /* Slots of events not made yet are %NULL. */
  self->events = g_ptr_array_new_with_free_func (clear_event);
  self->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->events_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_mutex_init (&self->lazy_lock);
}

ChronicleTimeline *
chronicle_timeline_new (void)
{
  return g_object_new (CHRONICLE_TYPE_TIMELINE, NULL);
}

const char *
chronicle_timeline_get_title (ChronicleTimeline *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  return self->title;
}

void
chronicle_timeline_set_title (ChronicleTimeline *self,
                              const char        *title)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
chronicle_timeline_get_description (ChronicleTimeline *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  return self->description;
}

void
chronicle_timeline_set_description (ChronicleTimeline *self,
                                    const char        *description)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
chronicle_timeline_get_timezone (ChronicleTimeline *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  return self->timezone;
}

/**
 * chronicle_timeline_set_timezone:
 * @zone_name: (nullable): an IANA name ("America/Chicago"), or %NULL for UTC
 *
 * Sets the zone that times without an offset are read in. Events already
 * in the timeline keep their instants: set the zone before adding them.
 *
 * Returns: %FALSE, changing nothing, when @zone_name is not a known zone
 */
gboolean
chronicle_timeline_set_timezone (ChronicleTimeline *self,
                                 const char        *zone_name)
{
  GTimeZone *time_zone;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), FALSE);

  if (zone_name != NULL && *zone_name == '\0')
    zone_name = NULL;

  if (g_strcmp0 (self->timezone, zone_name) == 0)
    return TRUE;

  if (zone_name != NULL)
    time_zone = g_time_zone_new_identifier (zone_name);
  else
    time_zone = g_time_zone_new_utc ();

  if (time_zone == NULL)
    return FALSE;

  g_time_zone_unref (self->time_zone);
  self->time_zone = time_zone;
  g_free (self->timezone);
  self->timezone = g_strdup (zone_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEZONE]);

  return TRUE;
}

GTimeZone *
chronicle_timeline_get_time_zone (ChronicleTimeline *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  return self->time_zone;
}

GListModel *
chronicle_timeline_get_kinds (ChronicleTimeline *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->kinds);
}

/* A kind with the id of one already there (a built-in one, say) takes its
 * place in the list; either way the kind counts as declared by the file. */
void
chronicle_timeline_add_kind (ChronicleTimeline *self,
                             ChronicleKind     *kind)
{
  const char *id;
  guint position;

  g_return_if_fail (CHRONICLE_IS_TIMELINE (self));
  g_return_if_fail (CHRONICLE_IS_KIND (kind));

  id = chronicle_kind_get_id (kind);
  position = find_in_store (self->kinds, g_hash_table_lookup (self->kinds_by_id, id));

  g_hash_table_add (self->declared_kinds, g_strdup (id));
  /* Replace the key too: the old one dies with the old kind. */
  g_hash_table_replace (self->kinds_by_id, (char *)id, kind);

  if (position != G_MAXUINT)
    g_list_store_splice (self->kinds, position, 1, (gpointer *)&kind, 1);
  else
    g_list_store_append (self->kinds, kind);
}

ChronicleKind *
chronicle_timeline_lookup_kind (ChronicleTimeline *self,
                                const char        *id)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->kinds_by_id, id);
}

ChronicleKind *
chronicle_timeline_get_event_kind (ChronicleTimeline *self,
                                   ChronicleEvent    *event)
{
  ChronicleKind *kind;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (CHRONICLE_IS_EVENT (event), NULL);

  kind = g_hash_table_lookup (self->kinds_by_id, chronicle_event_get_kind (event));
  if (kind == NULL)
    kind = g_hash_table_lookup (self->kinds_by_id, CHRONICLE_KIND_OTHER);

  return kind;
}

gboolean
chronicle_timeline_kind_is_declared (ChronicleTimeline *self,
                                     const char        *id)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), FALSE);

  return id != NULL && g_hash_table_contains (self->declared_kinds, id);
}

GListModel *
chronicle_timeline_get_actors (ChronicleTimeline *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->actors);
}

/* An actor with the id of one already there takes its place. */
void
chronicle_timeline_add_actor (ChronicleTimeline *self,
                              ChronicleActor    *actor)
{
  const char *id;
  guint position;

  g_return_if_fail (CHRONICLE_IS_TIMELINE (self));
  g_return_if_fail (CHRONICLE_IS_ACTOR (actor));

  id = chronicle_actor_get_id (actor);
  position = find_in_store (self->actors, g_hash_table_lookup (self->actors_by_id, id));

  g_hash_table_replace (self->actors_by_id, (char *)id, actor);

  if (position != G_MAXUINT)
    g_list_store_splice (self->actors, position, 1, (gpointer *)&actor, 1);
  else
    g_list_store_append (self->actors, actor);
}

ChronicleActor *
chronicle_timeline_lookup_actor (ChronicleTimeline *self,
                                 const char        *id)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->actors_by_id, id);
}

/* The declared actor's name when @actor is an actor id, else @actor itself:
 * events may name people without declaring them. */
const char *
chronicle_timeline_get_actor_name (ChronicleTimeline *self,
                                   const char        *actor)
{
  ChronicleActor *declared;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  if (actor == NULL)
    return NULL;

  declared = g_hash_table_lookup (self->actors_by_id, actor);
  if (declared != NULL)
    return chronicle_actor_get_name (declared);

  return actor;
}

GListModel *
chronicle_timeline_get_eras (ChronicleTimeline *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->eras);
}

void
chronicle_timeline_add_era (ChronicleTimeline *self,
                            ChronicleEra      *era)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE (self));
  g_return_if_fail (CHRONICLE_IS_ERA (era));

  g_list_store_append (self->eras, era);
}

GListModel *
chronicle_timeline_get_views (ChronicleTimeline *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->views);
}

/* A view with the id of one already there takes its place. */
void
chronicle_timeline_add_view (ChronicleTimeline *self,
                             ChronicleView     *view)
{
  const char *id;
  guint position;

  g_return_if_fail (CHRONICLE_IS_TIMELINE (self));
  g_return_if_fail (CHRONICLE_IS_VIEW (view));

  id = chronicle_view_get_id (view);
  position = find_in_store (self->views, g_hash_table_lookup (self->views_by_id, id));

  g_hash_table_replace (self->views_by_id, (char *)id, view);

  if (position != G_MAXUINT)
    g_list_store_splice (self->views, position, 1, (gpointer *)&view, 1);
  else
    g_list_store_append (self->views, view);
}

gboolean
chronicle_timeline_remove_view (ChronicleTimeline *self,
                                const char        *id)
{
  guint position;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), FALSE);

  if (id == NULL)
    return FALSE;

  position = find_in_store (self->views, g_hash_table_lookup (self->views_by_id, id));
  if (position == G_MAXUINT)
    return FALSE;

  g_hash_table_remove (self->views_by_id, id);
  g_list_store_remove (self->views, position);

  return TRUE;
}

ChronicleView *
chronicle_timeline_lookup_view (ChronicleTimeline *self,
                                const char        *id)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  if (id == NULL)
    return NULL;

  return g_hash_table_lookup (self->views_by_id, id);
}

/**
 * chronicle_timeline_add_events:
 * @events: (array length=n_events): the events; the timeline takes a
 *   reference on each
 *
 * Adds the events in one batch, emitting one ::items-changed from the first
 * position that changed to the end. Events with equal starts and file
 * indexes keep the order they were given in, after those already there.
 * An event without an id gets chronicle_event_derive_id(), with "-2",
 * "-3"… appended in @events order when that id is taken.
 *
 * Once added, an event's id, start and file index must not change.
 *
 * Returns: %FALSE, adding nothing, when an id is already in the timeline
 *   or given twice
 */
gboolean
chronicle_timeline_add_events (ChronicleTimeline  *self,
                               ChronicleEvent    **events,
                               guint               n_events,
                               GError            **error)
{
  g_autofree gboolean *derive = NULL;
  g_autofree EventKey *keys = NULL;
  gboolean sorted = TRUE;
  guint n_explicit = 0;
  guint n_derived = 0;
  guint old_len;
  guint first;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (events != NULL || n_events == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_events == 0)
    return TRUE;

  /* Ids are checked against every event: make them all, once. */
  chronicle_timeline_make_all (self);

  derive = g_new (gboolean, n_events);

  /* Explicit ids first, so that a derived id never takes an id that an
   * event later in the batch gives explicitly. */
  for (guint i = 0; i < n_events; i++)
    {
      const char *id;

      g_return_val_if_fail (CHRONICLE_IS_EVENT (events[i]), FALSE);

      id = chronicle_event_get_id (events[i]);
      derive[i] = (id == NULL);
      if (derive[i])
        continue;

      /* One lookup, not two: a million ids are checked on load. A taken id
       * is rare, and then the insert replaced the value but kept the key. */
      if (!g_hash_table_insert (self->events_by_id, (char *)id, events[i]))
        {
          chronicle_timeline_restore_owner (self, events, i, id);
          chronicle_timeline_unindex (self, events, derive, n_explicit, 0);
          g_set_error (error,
                       CHRONICLE_TIMELINE_ERROR,
                       CHRONICLE_TIMELINE_ERROR_DUPLICATE_ID,
                       _("More than one event has the id “%s”"),
                       id);
          return FALSE;
        }

      n_explicit++;
    }

  for (guint i = 0; i < n_events; i++)
    {
      if (!derive[i])
        continue;

      /* Already derived: the same event was given twice. */
      if (chronicle_event_get_id (events[i]) != NULL)
        {
          g_autofree char *id = g_strdup (chronicle_event_get_id (events[i]));

          chronicle_timeline_unindex (self, events, derive, n_explicit, n_derived);
          g_set_error (error,
                       CHRONICLE_TIMELINE_ERROR,
                       CHRONICLE_TIMELINE_ERROR_DUPLICATE_ID,
                       _("More than one event has the id “%s”"),
                       id);
          return FALSE;
        }

      chronicle_timeline_derive_id (self, events[i]);
      n_derived++;
    }

  keys = g_new (EventKey, n_events);
  for (guint i = 0; i < n_events; i++)
    {
      event_key_init (&keys[i], events[i], i);
      if (i > 0 && sorted && compare_event_keys (&keys[i - 1], &keys[i], NULL) > 0)
        sorted = FALSE;
    }

  /* Files are usually written in order: then there is nothing to sort. */
  if (!sorted)
    g_qsort_with_data (keys, n_events, sizeof (EventKey), compare_event_keys, NULL);

  old_len = self->events->len;
  first = chronicle_timeline_merge (self, keys, n_events);

  if (self->max_end_valid || old_len == 0)
    {
      gint64 max_end = old_len > 0 ? self->max_end : G_MININT64;

      for (guint i = 0; i < n_events; i++)
        max_end = MAX (max_end, chronicle_event_get_end_instant (events[i]));

      self->max_end = max_end;
      self->max_end_valid = TRUE;
    }

  chronicle_timeline_items_changed (self, first, old_len - first, old_len - first + n_events);

  return TRUE;
}

gboolean
chronicle_timeline_remove_event (ChronicleTimeline *self,
                                 const char        *id)
{
  ChronicleEvent *event;
  guint position;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), FALSE);

  if (id == NULL)
    return FALSE;

  chronicle_timeline_make_all (self);

  event = g_hash_table_lookup (self->events_by_id, id);
  if (event == NULL)
    return FALSE;

  position = chronicle_timeline_get_position (self, event);
  /* Only when the event was moved after it was added. */
  if (position == G_MAXUINT && !g_ptr_array_find (self->events, event, &position))
    g_return_val_if_reached (FALSE);

  if (self->max_end_valid && chronicle_event_get_end_instant (event) >= self->max_end)
    self->max_end_valid = FALSE;

  /* The key belongs to the event: unindex before the last unref. */
  g_hash_table_remove (self->events_by_id, id);
  g_array_remove_index (self->starts, position);
  g_ptr_array_remove_index (self->events, position);

  chronicle_timeline_items_changed (self, position, 1, 0);

  return TRUE;
}

guint
chronicle_timeline_get_n_events (ChronicleTimeline *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), 0);

  return self->events->len;
}

/* Borrowed; %NULL when @position is out of range. */
ChronicleEvent *
chronicle_timeline_get_event (ChronicleTimeline *self,
                              guint              position)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  if (position >= self->events->len)
    return NULL;

  return chronicle_timeline_event_at (self, position);
}

ChronicleEvent *
chronicle_timeline_lookup_event (ChronicleTimeline *self,
                                 const char        *id)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  if (id == NULL)
    return NULL;

  if (self->lazy != NULL)
    {
      guint position;

      g_mutex_lock (&self->lazy_lock);
      position = self->lazy->find_id (self->lazy_data, id);
      g_mutex_unlock (&self->lazy_lock);

      return position < self->events->len ? chronicle_timeline_event_at (self, position) : NULL;
    }

  return g_hash_table_lookup (self->events_by_id, id);
}

guint
chronicle_timeline_get_position (ChronicleTimeline *self,
                                 ChronicleEvent    *event)
{
  EventKey key;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), G_MAXUINT);
  g_return_val_if_fail (CHRONICLE_IS_EVENT (event), G_MAXUINT);

  event_key_init (&key, event, 0);

  /* Events with equal keys sit together: check each for @event. */
  for (guint i = chronicle_timeline_key_lower_bound (self, &key);
       i < self->events->len && chronicle_timeline_compare_at (self, i, &key) == 0;
       i++)
    {
      if (g_ptr_array_index (self->events, i) == event)
        return i;
    }

  return G_MAXUINT;
}

guint
chronicle_timeline_lower_bound (ChronicleTimeline *self,
                                gint64             instant)
{
  const gint64 *starts;
  guint lo = 0;
  guint hi;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), 0);

  starts = (const gint64 *)(gpointer)self->starts->data;
  hi = self->starts->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (starts[mid] < instant)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

guint
chronicle_timeline_get_n_made_events (ChronicleTimeline *self)
{
  guint n_unmade;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), 0);

  g_mutex_lock (&self->lazy_lock);
  n_unmade = self->lazy != NULL ? self->n_unmade : 0;
  g_mutex_unlock (&self->lazy_lock);

  return self->events->len - n_unmade;
}

ChronicleEventTable *
chronicle_timeline_get_table (ChronicleTimeline *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  /* A lazy timeline came with its table, and keeps it until it changes,
   * which makes every event: the events are all there to read. */
  if (self->table == NULL)
    self->table = chronicle_event_table_new_from_events ((ChronicleEvent * const *) self->events->pdata,
                                                         self->events->len);

  return chronicle_event_table_ref (self->table);
}

/* Makes every event not made yet and indexes them by id, so that the
 * timeline can change like any other. */
static void
chronicle_timeline_make_all (ChronicleTimeline *self)
{
  if (self->lazy == NULL)
    return;

  for (guint i = 0; i < self->events->len; i++)
    {
      ChronicleEvent *event = chronicle_timeline_event_at (self, i);

      g_hash_table_insert (self->events_by_id, (char *) chronicle_event_get_id (event), event);
    }

  g_mutex_lock (&self->lazy_lock);
  self->lazy = NULL;
  if (self->lazy_data_destroy != NULL)
    g_clear_pointer (&self->lazy_data, self->lazy_data_destroy);
  self->lazy_data = NULL;
  self->lazy_data_destroy = NULL;
  g_mutex_unlock (&self->lazy_lock);
}

/**
 * chronicle_timeline_set_lazy_events:
 * @self: an empty timeline
 * @table: (transfer none): the events' table, in start order
 * @funcs: (not nullable): static; makes events and reads them in place
 * @user_data: for @funcs, owned by the timeline
 * @destroy: frees @user_data once no event is left to make
 *
 * Gives @self the events of @table, made by @funcs when first asked for;
 * ties in start order must already be in file order. For a model read in
 * place, where making a million objects up front would be most of the
 * cost of opening it. Adding or removing events later makes them all
 * first.
 */
void
chronicle_timeline_set_lazy_events (ChronicleTimeline              *self,
                                    ChronicleEventTable            *table,
                                    const ChronicleLazyEventsFuncs *funcs,
                                    gpointer                        user_data,
                                    GDestroyNotify                  destroy)
{
  guint n;

  g_return_if_fail (CHRONICLE_IS_TIMELINE (self));
  g_return_if_fail (table != NULL);
  g_return_if_fail (funcs != NULL && funcs->make_event != NULL && funcs->find_id != NULL &&
                    funcs->foreach_text != NULL);
  g_return_if_fail (self->events->len == 0);

  n = chronicle_event_table_get_n_events (table);
  if (n == 0)
    {
      if (destroy != NULL)
        destroy (user_data);
      return;
    }

  self->lazy = funcs;
  self->lazy_data = user_data;
  self->lazy_data_destroy = destroy;
  self->n_unmade = n;

  g_ptr_array_set_size (self->events, n);
  g_array_set_size (self->starts, 0);
  g_array_append_vals (self->starts, chronicle_event_table_get_starts (table), n);

  self->max_end = G_MININT64;
  for (guint i = 0; i < n; i++)
    self->max_end = MAX (self->max_end, chronicle_event_table_get_ends (table)[i]);
  self->max_end_valid = TRUE;

  /* The table first: a handler may read it. */
  g_clear_pointer (&self->table, chronicle_event_table_unref);
  self->table = chronicle_event_table_ref (table);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
foreach_string (const char * const     *strings,
                ChronicleEventText      field,
                ChronicleEventTextFunc  func,
                gpointer                user_data)
{
  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    func (field, strings[i], user_data);
}

void
chronicle_timeline_foreach_text (ChronicleTimeline      *self,
                                 guint                   position,
                                 ChronicleEventTextFunc  func,
                                 gpointer                user_data)
{
  ChronicleEvent *event;
  GPtrArray *quotes;
  const char *text;

  g_return_if_fail (CHRONICLE_IS_TIMELINE (self));
  g_return_if_fail (position < self->events->len);
  g_return_if_fail (func != NULL);

  event = g_atomic_pointer_get (&self->events->pdata[position]);
  if (event == NULL)
    {
      self->lazy->foreach_text (self->lazy_data, position, func, user_data);
      return;
    }

  func (CHRONICLE_EVENT_TEXT_TITLE, chronicle_event_get_title (event), user_data);
  if ((text = chronicle_event_get_summary (event)) != NULL)
    func (CHRONICLE_EVENT_TEXT_SUMMARY, text, user_data);
  if ((text = chronicle_event_get_description (event)) != NULL)
    func (CHRONICLE_EVENT_TEXT_DESCRIPTION, text, user_data);
  if ((text = chronicle_event_get_location (event)) != NULL)
    func (CHRONICLE_EVENT_TEXT_LOCATION, text, user_data);
  foreach_string (chronicle_event_get_actors (event), CHRONICLE_EVENT_TEXT_ACTOR, func, user_data);
  foreach_string (chronicle_event_get_tags (event), CHRONICLE_EVENT_TEXT_TAG, func, user_data);

  quotes = chronicle_event_get_quotes (event);
  for (guint i = 0; i < quotes->len; i++)
    {
      const ChronicleQuote *quote = g_ptr_array_index (quotes, i);

      func (CHRONICLE_EVENT_TEXT_QUOTE, quote->text, user_data);
      if (quote->speaker != NULL)
        func (CHRONICLE_EVENT_TEXT_QUOTE_SPEAKER, quote->speaker, user_data);
    }
}

gboolean
chronicle_timeline_get_extent (ChronicleTimeline *self,
                               gint64            *start,
                               gint64            *end)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), FALSE);

  if (self->events->len == 0)
    return FALSE;

  if (!self->max_end_valid)
    chronicle_timeline_recompute_max_end (self);

  if (start != NULL)
    *start = g_array_index (self->starts, gint64, 0);
  if (end != NULL)
    *end = self->max_end;

  return TRUE;
}

JsonObject *
chronicle_timeline_get_extra_members (ChronicleTimeline *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (self), NULL);

  return self->extra_members;
}

/* Takes a reference on @extra; an empty object is stored as %NULL. */
void
chronicle_timeline_set_extra_members (ChronicleTimeline *self,
                                      JsonObject        *extra)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE (self));

  if (extra != NULL && json_object_get_size (extra) == 0)
    extra = NULL;

  if (extra == self->extra_members)
    return;

  if (extra != NULL)
    json_object_ref (extra);
  g_clear_pointer (&self->extra_members, json_object_unref);
  self->extra_members = extra;
}
