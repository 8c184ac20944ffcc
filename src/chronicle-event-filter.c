/* chronicle-event-filter.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-event-filter"

#include "config.h"

#include "chronicle-event-filter.h"

#include "chronicle-search-index.h"

#include <string.h>

/* Distinct strings (actor entries, tags) numbered in the order first seen,
 * and for each event the numbers of its own, in one flat array. */
typedef struct
{
  GPtrArray  *strings;   /* owned */
  GHashTable *numbers;   /* string → number + 1, keys owned by @strings */
  GArray     *offsets;   /* guint, n_events + 1 */
  GArray     *members;   /* guint32 */
} StringSets;

struct _ChronicleEventFilter
{
  GObject               parent_instance;

  ChronicleTimeline    *timeline;
  ChronicleViewState   *state;
  ChronicleSearchIndex *index;

  /* What the filter reads of each event, by timeline position: rebuilt
   * on items-changed, so that a filter change touches no GObject. */
  guint                 n_events;
  gint64               *starts;
  gint64               *ends;
  gint64                max_duration;
  guint32              *kinds;        /* number in @kind_ids */
  guint8               *statuses;
  GPtrArray            *kind_ids;     /* interned kind ids as written */
  GHashTable           *kind_numbers; /* interned id → number + 1 */
  StringSets            actors;
  StringSets            tags;

  /* The result. */
  ChronicleBitset      *shown;
  ChronicleBitset      *matches;
  GArray               *shown_positions;  /* guint, ascending: the model */
  GArray               *match_positions;  /* guint, ascending */
  guint                *kind_counts;      /* by number in @kind_ids */
  guint                 n_kind_counts;
  guint                 status_counts[CHRONICLE_EVENT_N_STATUSES];
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronicleEventFilter, chronicle_event_filter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_VIEW_STATE,
  PROP_N_SHOWN,
  PROP_N_MATCHES,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a recomputation works with: the state read into lookup tables. */
typedef struct
{
  gboolean         has_from;
  gboolean         has_to;
  gint64           from;
  gint64           to;
  gboolean        *kind_selected;      /* by kind number */
  gboolean         status_selected[CHRONICLE_EVENT_N_STATUSES];
  gboolean        *actor_selected;     /* NULL: any actor */
  gboolean        *tag_selected;       /* NULL: any tag */
  ChronicleBitset *text_matches;       /* NULL: no search */
  gboolean         hide_non_matching;
} Criteria;

static void
criteria_clear (Criteria *criteria)
{
  g_clear_pointer (&criteria->kind_selected, g_free);
  g_clear_pointer (&criteria->actor_selected, g_free);
  g_clear_pointer (&criteria->tag_selected, g_free);
  g_clear_pointer (&criteria->text_matches, chronicle_bitset_free);
}

static void
string_sets_init (StringSets *sets)
{
  sets->strings = g_ptr_array_new_with_free_func (g_free);
  sets->numbers = g_hash_table_new (g_str_hash, g_str_equal);
  sets->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  sets->members = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static void
string_sets_clear (StringSets *sets)
{
  g_clear_pointer (&sets->numbers, g_hash_table_unref);
  g_clear_pointer (&sets->strings, g_ptr_array_unref);
  g_clear_pointer (&sets->offsets, g_array_unref);
  g_clear_pointer (&sets->members, g_array_unref);
}

static void
string_sets_reset (StringSets *sets)
{
  guint zero = 0;

  g_hash_table_remove_all (sets->numbers);
  g_ptr_array_set_size (sets->strings, 0);
  g_array_set_size (sets->offsets, 0);
  g_array_set_size (sets->members, 0);
  g_array_append_val (sets->offsets, zero);
}

/* Appends the next event's strings. */
static void
string_sets_add (StringSets         *sets,
                 const char * const *strings)
{
  guint end;

  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    {
      gpointer value = g_hash_table_lookup (sets->numbers, strings[i]);
      guint32 number;

      if (value != NULL)
        {
          number = GPOINTER_TO_UINT (value) - 1;
        }
      else
        {
          char *copy = g_strdup (strings[i]);

          number = sets->strings->len;
          g_ptr_array_add (sets->strings, copy);
          g_hash_table_insert (sets->numbers, copy, GUINT_TO_POINTER (number + 1));
        }

      g_array_append_val (sets->members, number);
    }

  end = sets->members->len;
  g_array_append_val (sets->offsets, end);
}

static inline gboolean
string_sets_any_selected (const StringSets *sets,
                          guint             position,
                          const gboolean   *selected)
{
  const guint *offsets = (const guint *)(gpointer)sets->offsets->data;
  const guint32 *members = (const guint32 *)(gpointer)sets->members->data;

  for (guint k = offsets[position]; k < offsets[position + 1]; k++)
    if (selected[members[k]])
      return TRUE;

  return FALSE;
}

static guint
lower_bound (const gint64 *values,
             guint         n,
             gint64        value)
{
  guint lo = 0;
  guint hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (values[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/* First index of @positions holding a value >= @position. */
static guint
positions_lower_bound (GArray *positions,
                       guint   position)
{
  const guint *values = (const guint *)(gpointer)positions->data;
  guint lo = 0;
  guint hi = positions->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (values[mid] < position)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static void
chronicle_event_filter_read_events (ChronicleEventFilter *self)
{
  guint n = chronicle_timeline_get_n_events (self->timeline);

  self->n_events = n;
  self->starts = g_renew (gint64, self->starts, MAX (n, 1));
  self->ends = g_renew (gint64, self->ends, MAX (n, 1));
  self->kinds = g_renew (guint32, self->kinds, MAX (n, 1));
  self->statuses = g_renew (guint8, self->statuses, MAX (n, 1));
  self->max_duration = 0;

  g_ptr_array_set_size (self->kind_ids, 0);
  g_hash_table_remove_all (self->kind_numbers);
  string_sets_reset (&self->actors);
  string_sets_reset (&self->tags);

  for (guint i = 0; i < n; i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (self->timeline, i);
      const char *kind = chronicle_event_get_kind (event);
      gpointer number = g_hash_table_lookup (self->kind_numbers, kind);

      if (number == NULL)
        {
          g_ptr_array_add (self->kind_ids, (gpointer)kind);
          number = GUINT_TO_POINTER (self->kind_ids->len);
          g_hash_table_insert (self->kind_numbers, (gpointer)kind, number);
        }

      self->kinds[i] = GPOINTER_TO_UINT (number) - 1;
      self->statuses[i] = chronicle_event_get_status (event);
      self->starts[i] = chronicle_event_get_start_instant (event);
      self->ends[i] = chronicle_event_get_end_instant (event);
      self->max_duration = MAX (self->max_duration, self->ends[i] - self->starts[i]);

      string_sets_add (&self->actors, chronicle_event_get_actors (event));
      string_sets_add (&self->tags, chronicle_event_get_tags (event));
    }
}

/* The kind an event of kind @kind is drawn as: itself, or "other". */
static const char *
chronicle_event_filter_effective_kind (ChronicleEventFilter *self,
                                       const char           *kind)
{
  if (chronicle_timeline_lookup_kind (self->timeline, kind) != NULL)
    return kind;

  return CHRONICLE_KIND_OTHER;
}

static gboolean *
select_strings (GPtrArray          *strings,
                const char * const *wanted)
{
  g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean *selected = g_new0 (gboolean, MAX (strings->len, 1));

  for (guint i = 0; wanted[i] != NULL; i++)
    g_hash_table_add (set, (gpointer)wanted[i]);

  for (guint i = 0; i < strings->len; i++)
    selected[i] = g_hash_table_contains (set, g_ptr_array_index (strings, i));

  return selected;
}

/* An actor filter entry names an actor by id or by name: an event's entry
 * is selected when it is one of them, or has the same name as one of
 * them, ignoring case. */
static gboolean *
chronicle_event_filter_select_actors (ChronicleEventFilter *self,
                                      const char * const   *wanted)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean *selected = select_strings (self->actors.strings, wanted);

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      const char *name = chronicle_timeline_get_actor_name (self->timeline, wanted[i]);

      if (name != NULL)
        g_hash_table_add (names, g_utf8_casefold (name, -1));
    }

  for (guint i = 0; i < self->actors.strings->len; i++)
    {
      const char *entry = g_ptr_array_index (self->actors.strings, i);
      const char *name;
      g_autofree char *folded = NULL;

      if (selected[i])
        continue;

      name = chronicle_timeline_get_actor_name (self->timeline, entry);
      if (name == NULL)
        continue;

      folded = g_utf8_casefold (name, -1);
      selected[i] = g_hash_table_contains (names, folded);
    }

  return selected;
}

static void
chronicle_event_filter_read_criteria (ChronicleEventFilter *self,
                                      Criteria             *criteria)
{
  const char * const *kinds = chronicle_view_state_get_kinds (self->state);
  const char * const *statuses = chronicle_view_state_get_statuses (self->state);
  const char * const *actors = chronicle_view_state_get_actors (self->state);
  const char * const *tags = chronicle_view_state_get_tags (self->state);
  const ChronicleTime *from = chronicle_view_state_get_from (self->state);
  const ChronicleTime *to = chronicle_view_state_get_to (self->state);
  const char *text = chronicle_view_state_get_text (self->state);
  guint n_kinds = self->kind_ids->len;

  memset (criteria, 0, sizeof *criteria);

  criteria->kind_selected = g_new0 (gboolean, MAX (n_kinds, 1));
  for (guint i = 0; i < n_kinds; i++)
    {
      const char *kind = g_ptr_array_index (self->kind_ids, i);

      criteria->kind_selected[i] =
        kinds == NULL ||
        g_strv_contains (kinds, kind) ||
        g_strv_contains (kinds, chronicle_event_filter_effective_kind (self, kind));
    }

  for (guint i = 0; i < CHRONICLE_EVENT_N_STATUSES; i++)
    criteria->status_selected[i] = statuses == NULL;
  for (guint i = 0; statuses != NULL && statuses[i] != NULL; i++)
    {
      ChronicleEventStatus status;

      /* A view that names no valid status lets nothing through: the
       * loader refuses such views, so only code can make one. */
      if (chronicle_event_status_from_string (statuses[i], &status))
        criteria->status_selected[status] = TRUE;
    }

  if (actors != NULL)
    criteria->actor_selected = chronicle_event_filter_select_actors (self, actors);

  if (tags != NULL)
    criteria->tag_selected = select_strings (self->tags.strings, tags);

  if (from != NULL)
    {
      criteria->has_from = TRUE;
      criteria->from = chronicle_time_get_instant (from);
    }

  if (to != NULL)
    {
      GTimeZone *tz = chronicle_timeline_get_time_zone (self->timeline);

      criteria->has_to = TRUE;
      criteria->to = chronicle_time_get_end_instant_in_zone (to, tz);
    }

  if (text != NULL)
    criteria->text_matches = chronicle_search_index_match (self->index, text);

  criteria->hide_non_matching = chronicle_view_state_get_hide_non_matching (self->state);
}

static gboolean
arrays_equal (GArray *a,
              GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (guint)) == 0);
}

/* Recomputes the result; @positions_moved says the timeline changed, so
 * that old and new positions cannot be compared. */
static void
chronicle_event_filter_recompute (ChronicleEventFilter *self,
                                  gboolean              positions_moved)
{
  Criteria criteria;
  g_autoptr(ChronicleBitset) shown = NULL;
  g_autoptr(ChronicleBitset) matches = NULL;
  g_autoptr(GArray) shown_positions = NULL;
  g_autoptr(GArray) match_positions = NULL;
  g_autofree guint *kind_counts = NULL;
  guint status_counts[CHRONICLE_EVENT_N_STATUSES] = { 0, };
  const guint64 *text_words = NULL;
  guint64 *shown_words;
  guint64 *match_words;
  guint *shown_values;
  guint *match_values;
  guint n_shown = 0;
  guint n_matches = 0;
  guint n_kinds = self->kind_ids->len;
  guint first = 0;
  guint last = self->n_events;
  guint old_n_shown;
  guint old_n_matches;
  gboolean counts_changed;

  chronicle_event_filter_read_criteria (self, &criteria);

  /* Only events starting before the end of the range can overlap it, and
   * of those only the ones starting less than the longest duration before
   * its start: two binary searches over the starts. */
  if (criteria.has_to)
    last = lower_bound (self->starts, self->n_events, criteria.to);
  if (criteria.has_from)
    first = lower_bound (self->starts, last, criteria.from - self->max_duration);

  /* Sized for the worst case and trimmed after, so that the loop writes
   * straight into the arrays. */
  shown = chronicle_bitset_new (self->n_events);
  matches = chronicle_bitset_new (self->n_events);
  shown_words = chronicle_bitset_get_words (shown, NULL);
  match_words = chronicle_bitset_get_words (matches, NULL);
  shown_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  match_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_set_size (shown_positions, last - first);
  if (criteria.text_matches != NULL)
    g_array_set_size (match_positions, last - first);
  shown_values = (guint *)(gpointer)shown_positions->data;
  match_values = (guint *)(gpointer)match_positions->data;
  kind_counts = g_new0 (guint, MAX (n_kinds, 1));

  if (criteria.text_matches != NULL)
    text_words = chronicle_bitset_get_words (criteria.text_matches, NULL);

  for (guint i = first; i < last; i++)
    {
      guint64 bit = G_GUINT64_CONSTANT (1) << (i % 64);
      gboolean text_ok = TRUE;
      gboolean kind_ok;
      gboolean status_ok;

      if (criteria.has_from && self->ends[i] <= criteria.from)
        continue;

      if (text_words != NULL)
        {
          text_ok = (text_words[i / 64] & bit) != 0;
          if (!text_ok && criteria.hide_non_matching)
            continue;
        }

      if (criteria.actor_selected != NULL &&
          !string_sets_any_selected (&self->actors, i, criteria.actor_selected))
        continue;

      if (criteria.tag_selected != NULL &&
          !string_sets_any_selected (&self->tags, i, criteria.tag_selected))
        continue;

      kind_ok = criteria.kind_selected[self->kinds[i]];
      status_ok = criteria.status_selected[self->statuses[i]];

      if (status_ok)
        kind_counts[self->kinds[i]]++;
      if (kind_ok)
        status_counts[self->statuses[i]]++;

      if (!kind_ok || !status_ok)
        continue;

      shown_words[i / 64] |= bit;
      shown_values[n_shown++] = i;

      if (text_words != NULL && text_ok)
        {
          match_words[i / 64] |= bit;
          match_values[n_matches++] = i;
        }
    }

  g_array_set_size (shown_positions, n_shown);
  g_array_set_size (match_positions, n_matches);

  criteria_clear (&criteria);

  old_n_shown = self->shown_positions->len;
  old_n_matches = self->match_positions->len;
  counts_changed = n_kinds != self->n_kind_counts ||
                   (n_kinds > 0 &&
                    memcmp (kind_counts, self->kind_counts, sizeof (guint) * n_kinds) != 0) ||
                   memcmp (status_counts, self->status_counts, sizeof status_counts) != 0;

  if (!positions_moved &&
      !counts_changed &&
      arrays_equal (shown_positions, self->shown_positions) &&
      arrays_equal (match_positions, self->match_positions))
    return;

  {
    g_autoptr(GArray) old_positions = g_steal_pointer (&self->shown_positions);
    guint prefix = 0;
    guint suffix = 0;
    guint new_n_shown = shown_positions->len;

    /* Report only the stretch that differs, so that a selection or a
     * scrolled list outside it stays as it is. */
    if (!positions_moved)
      {
        const guint *old_values = (const guint *)(gpointer)old_positions->data;
        const guint *new_values = (const guint *)(gpointer)shown_positions->data;
        guint common = MIN (old_n_shown, new_n_shown);

        while (prefix < common && old_values[prefix] == new_values[prefix])
          prefix++;
        while (suffix < common - prefix &&
               old_values[old_n_shown - 1 - suffix] == new_values[new_n_shown - 1 - suffix])
          suffix++;
      }

    g_clear_pointer (&self->shown, chronicle_bitset_free);
    g_clear_pointer (&self->matches, chronicle_bitset_free);
    g_clear_pointer (&self->match_positions, g_array_unref);
    g_clear_pointer (&self->kind_counts, g_free);
    self->shown = g_steal_pointer (&shown);
    self->matches = g_steal_pointer (&matches);
    self->shown_positions = g_steal_pointer (&shown_positions);
    self->match_positions = g_steal_pointer (&match_positions);
    self->kind_counts = g_steal_pointer (&kind_counts);
    self->n_kind_counts = n_kinds;
    memcpy (self->status_counts, status_counts, sizeof status_counts);

    if (prefix + suffix < MAX (old_n_shown, new_n_shown))
      g_list_model_items_changed (G_LIST_MODEL (self),
                                  prefix,
                                  old_n_shown - prefix - suffix,
                                  new_n_shown - prefix - suffix);
  }

  if (old_n_shown != self->shown_positions->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SHOWN]);
  if (old_n_matches != self->match_positions->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_timeline_items_changed_cb (ChronicleEventFilter *self,
                              guint                 position,
                              guint                 removed,
                              guint                 added,
                              GListModel           *model)
{
  g_assert (CHRONICLE_IS_EVENT_FILTER (self));

  chronicle_event_filter_read_events (self);
  chronicle_event_filter_recompute (self, TRUE);
}

static void
on_state_changed_cb (ChronicleEventFilter     *self,
                     ChronicleViewStateChange  changes,
                     ChronicleViewState       *state)
{
  g_assert (CHRONICLE_IS_EVENT_FILTER (self));

  if (changes & (CHRONICLE_VIEW_STATE_CHANGE_FILTER |
                 CHRONICLE_VIEW_STATE_CHANGE_TEXT |
                 CHRONICLE_VIEW_STATE_CHANGE_DISPLAY))
    chronicle_event_filter_recompute (self, FALSE);
}

static GType
chronicle_event_filter_get_item_type (GListModel *model)
{
  return CHRONICLE_TYPE_EVENT;
}

static guint
chronicle_event_filter_get_n_items (GListModel *model)
{
  ChronicleEventFilter *self = CHRONICLE_EVENT_FILTER (model);

  return self->shown_positions->len;
}

static gpointer
chronicle_event_filter_get_item (GListModel *model,
                                 guint       position)
{
  ChronicleEventFilter *self = CHRONICLE_EVENT_FILTER (model);

  if (position >= self->shown_positions->len)
    return NULL;

  position = g_array_index (self->shown_positions, guint, position);

  return g_object_ref (chronicle_timeline_get_event (self->timeline, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = chronicle_event_filter_get_item_type;
  iface->get_n_items = chronicle_event_filter_get_n_items;
  iface->get_item = chronicle_event_filter_get_item;
}

static void
chronicle_event_filter_constructed (GObject *object)
{
  ChronicleEventFilter *self = (ChronicleEventFilter *)object;

  G_OBJECT_CLASS (chronicle_event_filter_parent_class)->constructed (object);

  g_assert (CHRONICLE_IS_TIMELINE (self->timeline));
  g_assert (CHRONICLE_IS_VIEW_STATE (self->state));

  /* The index connects to items-changed first, so that it is up to date
   * when our own handler searches it. It reads the events while the
   * window is idle, so that the first letter typed finds it ready. */
  self->index = chronicle_search_index_new (self->timeline);
  chronicle_search_index_build_in_idle (self->index);

  g_signal_connect_object (self->timeline, "items-changed",
                           G_CALLBACK (on_timeline_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->state, "changed",
                           G_CALLBACK (on_state_changed_cb), self,
                           G_CONNECT_SWAPPED);

  chronicle_event_filter_read_events (self);
  chronicle_event_filter_recompute (self, TRUE);
}

static void
chronicle_event_filter_dispose (GObject *object)
{
  ChronicleEventFilter *self = (ChronicleEventFilter *)object;

  g_clear_object (&self->index);
  g_clear_object (&self->state);
  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (chronicle_event_filter_parent_class)->dispose (object);
}

static void
chronicle_event_filter_finalize (GObject *object)
{
  ChronicleEventFilter *self = (ChronicleEventFilter *)object;

  g_clear_pointer (&self->starts, g_free);
  g_clear_pointer (&self->ends, g_free);
  g_clear_pointer (&self->kinds, g_free);
  g_clear_pointer (&self->statuses, g_free);
  g_clear_pointer (&self->kind_ids, g_ptr_array_unref);
  g_clear_pointer (&self->kind_numbers, g_hash_table_unref);
  string_sets_clear (&self->actors);
  string_sets_clear (&self->tags);
  g_clear_pointer (&self->shown, chronicle_bitset_free);
  g_clear_pointer (&self->matches, chronicle_bitset_free);
  g_clear_pointer (&self->shown_positions, g_array_unref);
  g_clear_pointer (&self->match_positions, g_array_unref);
  g_clear_pointer (&self->kind_counts, g_free);

  G_OBJECT_CLASS (chronicle_event_filter_parent_class)->finalize (object);
}

static void
chronicle_event_filter_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ChronicleEventFilter *self = CHRONICLE_EVENT_FILTER (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    case PROP_VIEW_STATE:
      g_value_set_object (value, self->state);
      break;

    case PROP_N_SHOWN:
      g_value_set_uint (value, self->shown_positions->len);
      break;

    case PROP_N_MATCHES:
      g_value_set_uint (value, self->match_positions->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_event_filter_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ChronicleEventFilter *self = CHRONICLE_EVENT_FILTER (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      self->timeline = g_value_dup_object (value);
      break;

    case PROP_VIEW_STATE:
      self->state = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_event_filter_class_init (ChronicleEventFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = chronicle_event_filter_constructed;
  object_class->dispose = chronicle_event_filter_dispose;
  object_class->finalize = chronicle_event_filter_finalize;
  object_class->get_property = chronicle_event_filter_get_property;
  object_class->set_property = chronicle_event_filter_set_property;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         CHRONICLE_TYPE_TIMELINE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_VIEW_STATE] =
    g_param_spec_object ("view-state", NULL, NULL,
                         CHRONICLE_TYPE_VIEW_STATE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_SHOWN] =
    g_param_spec_uint ("n-shown", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_MATCHES] =
    g_param_spec_uint ("n-matches", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronicleEventFilter::changed:
   *
   * Emitted once after each recomputation that changed the shown events,
   * the matches or the counts (after items-changed).
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 0);
}

static void
chronicle_event_filter_init (ChronicleEventFilter *self)
{
  self->kind_ids = g_ptr_array_new ();
  self->kind_numbers = g_hash_table_new (NULL, NULL);
  string_sets_init (&self->actors);
  string_sets_init (&self->tags);
  self->shown = chronicle_bitset_new (0);
  self->matches = chronicle_bitset_new (0);
  self->shown_positions = g_array_new (FALSE, FALSE, sizeof (guint));
  self->match_positions = g_array_new (FALSE, FALSE, sizeof (guint));
}

ChronicleEventFilter *
chronicle_event_filter_new (ChronicleTimeline  *timeline,
                            ChronicleViewState *state)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (state), NULL);

  return g_object_new (CHRONICLE_TYPE_EVENT_FILTER,
                       "timeline", timeline,
                       "view-state", state,
                       NULL);
}

ChronicleTimeline *
chronicle_event_filter_get_timeline (ChronicleEventFilter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), NULL);

  return self->timeline;
}

ChronicleViewState *
chronicle_event_filter_get_view_state (ChronicleEventFilter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), NULL);

  return self->state;
}

const ChronicleBitset *
chronicle_event_filter_get_shown (ChronicleEventFilter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), NULL);

  return self->shown;
}

guint
chronicle_event_filter_get_n_shown (ChronicleEventFilter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), 0);

  return self->shown_positions->len;
}

gboolean
chronicle_event_filter_is_shown (ChronicleEventFilter *self,
                                 guint                 position)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), FALSE);

  return chronicle_bitset_contains (self->shown, position);
}

const guint *
chronicle_event_filter_get_shown_positions (ChronicleEventFilter *self,
                                            guint                *n_shown)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), NULL);

  if (n_shown != NULL)
    *n_shown = self->shown_positions->len;

  return (const guint *) (gpointer) self->shown_positions->data;
}

guint
chronicle_event_filter_get_model_position (ChronicleEventFilter *self,
                                           guint                 position)
{
  guint index;

  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), G_MAXUINT);

  if (!chronicle_bitset_contains (self->shown, position))
    return G_MAXUINT;

  index = positions_lower_bound (self->shown_positions, position);
  g_assert (index < self->shown_positions->len);

  return index;
}

guint
chronicle_event_filter_get_timeline_position (ChronicleEventFilter *self,
                                              guint                 model_position)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), G_MAXUINT);

  if (model_position >= self->shown_positions->len)
    return G_MAXUINT;

  return g_array_index (self->shown_positions, guint, model_position);
}

guint
chronicle_event_filter_get_kind_count (ChronicleEventFilter *self,
                                       const char           *kind)
{
  guint count = 0;

  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), 0);
  g_return_val_if_fail (kind != NULL, 0);

  for (guint i = 0; i < self->n_kind_counts; i++)
    {
      const char *id = g_ptr_array_index (self->kind_ids, i);

      if (g_str_equal (id, kind) ||
          g_str_equal (chronicle_event_filter_effective_kind (self, id), kind))
        count += self->kind_counts[i];
    }

  return count;
}

guint
chronicle_event_filter_get_status_count (ChronicleEventFilter *self,
                                         ChronicleEventStatus  status)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), 0);
  g_return_val_if_fail (status < CHRONICLE_EVENT_N_STATUSES, 0);

  return self->status_counts[status];
}

const ChronicleBitset *
chronicle_event_filter_get_matches (ChronicleEventFilter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), NULL);

  return self->matches;
}

guint
chronicle_event_filter_get_n_matches (ChronicleEventFilter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), 0);

  return self->match_positions->len;
}

gboolean
chronicle_event_filter_is_match (ChronicleEventFilter *self,
                                 guint                 position)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), FALSE);

  return chronicle_bitset_contains (self->matches, position);
}

guint
chronicle_event_filter_get_match_index (ChronicleEventFilter *self,
                                        guint                 position)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), G_MAXUINT);

  if (!chronicle_bitset_contains (self->matches, position))
    return G_MAXUINT;

  return positions_lower_bound (self->match_positions, position);
}

guint
chronicle_event_filter_get_match_position (ChronicleEventFilter *self,
                                           guint                 index)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), G_MAXUINT);

  if (index >= self->match_positions->len)
    return G_MAXUINT;

  return g_array_index (self->match_positions, guint, index);
}

guint
chronicle_event_filter_find_next_match (ChronicleEventFilter *self,
                                        guint                 position,
                                        gboolean              forward)
{
  guint n;
  guint index;

  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), G_MAXUINT);

  n = self->match_positions->len;
  if (n == 0)
    return G_MAXUINT;

  if (forward)
    {
      /* The first match after @position; G_MAXUINT is "before the first". */
      if (position == G_MAXUINT)
        index = 0;
      else
        index = positions_lower_bound (self->match_positions, position + 1);
      if (index >= n)
        index = 0;
    }
  else
    {
      /* The last match before @position; G_MAXUINT is "after the last". */
      index = position == G_MAXUINT ? n : positions_lower_bound (self->match_positions, position);
      index = index == 0 ? n - 1 : index - 1;
    }

  return g_array_index (self->match_positions, guint, index);
}
