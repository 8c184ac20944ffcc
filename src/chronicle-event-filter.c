/* chronicle-event-filter.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-event-filter"

/* Events the search index may still have to read for a search to wait
 * for it instead of reading them at once (about 40 ms' worth). */
#define MAX_UNREAD_TO_SEARCH 10000

#include "config.h"

#include "chronicle-event-filter.h"

#include "chronicle-search-index.h"

#include <string.h>

struct _ChronicleEventFilter
{
  GObject               parent_instance;

  ChronicleTimeline    *timeline;
  ChronicleViewState   *state;
  ChronicleSearchIndex *index;
  gboolean              search_pending;

  /* What the filter reads of each event, by timeline position: the
   * timeline's table, taken again on items-changed, so that a filter
   * change touches no GObject. The rest points into it. */
  ChronicleEventTable  *table;
  guint                 n_events;
  const gint64         *starts;
  const gint64         *ends;
  gint64                max_duration;
  const guint32        *kinds;        /* number in @kind_ids */
  const guint8         *statuses;
  const char * const   *kind_ids;     /* interned kind ids as written */
  guint                 n_kind_ids;
  ChronicleStringSets   actors;
  ChronicleStringSets   tags;

  /* The result. */
  ChronicleBitset      *shown;
  ChronicleBitset      *matches;
  GArray               *shown_positions;  /* guint, ascending: the model */
  GArray               *match_positions;  /* guint, ascending */
  guint                *kind_counts;      /* by number in @kind_ids */
  guint                 n_kind_counts;
  guint                 status_counts[CHRONICLE_EVENT_N_STATUSES];

  /* Pinned timeline positions → how many times; and while a change is
   * reported in steps, the model between: the new shown positions before
   * @step_new, then the old ones (@step_positions) from @step_old on. */
  GHashTable           *pins;
  GArray               *step_positions;
  guint                 step_new;
  guint                 step_old;
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

static inline gboolean
string_sets_any_selected (const ChronicleStringSets *sets,
                          guint                      position,
                          const gboolean            *selected)
{
  for (guint32 k = sets->offsets[position]; k < sets->offsets[position + 1]; k++)
    if (selected[sets->members[k]])
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
  ChronicleEventTable *table = chronicle_timeline_get_table (self->timeline);

  g_clear_pointer (&self->table, chronicle_event_table_unref);
  self->table = table;

  self->n_events = chronicle_event_table_get_n_events (table);
  self->starts = chronicle_event_table_get_starts (table);
  self->ends = chronicle_event_table_get_ends (table);
  self->max_duration = chronicle_event_table_get_max_duration (table);
  self->kinds = chronicle_event_table_get_kinds (table);
  self->statuses = chronicle_event_table_get_statuses (table);
  self->kind_ids = chronicle_event_table_get_kind_ids (table, &self->n_kind_ids);
  chronicle_event_table_get_actors (table, &self->actors);
  chronicle_event_table_get_tags (table, &self->tags);
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
select_strings (const ChronicleStringSets *sets,
                const char * const        *wanted)
{
  g_autoptr(GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean *selected = g_new0 (gboolean, MAX (sets->n_strings, 1));

  for (guint i = 0; wanted[i] != NULL; i++)
    g_hash_table_add (set, (gpointer)wanted[i]);

  for (guint i = 0; i < sets->n_strings; i++)
    selected[i] = g_hash_table_contains (set, sets->strings[i]);

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
  gboolean *selected = select_strings (&self->actors, wanted);

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      const char *name = chronicle_timeline_get_actor_name (self->timeline, wanted[i]);

      if (name != NULL)
        g_hash_table_add (names, g_utf8_casefold (name, -1));
    }

  for (guint i = 0; i < self->actors.n_strings; i++)
    {
      const char *entry = self->actors.strings[i];
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
  guint n_kinds = self->n_kind_ids;

  memset (criteria, 0, sizeof *criteria);

  criteria->kind_selected = g_new0 (gboolean, MAX (n_kinds, 1));
  for (guint i = 0; i < n_kinds; i++)
    {
      const char *kind = self->kind_ids[i];

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
    criteria->tag_selected = select_strings (&self->tags, tags);

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

  if (text != NULL && !self->search_pending)
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

/* The model's length, and the timeline position at a model position (or
 * G_MAXUINT), also between the steps of a change. */
static guint
chronicle_event_filter_model_length (ChronicleEventFilter *self)
{
  if (self->step_positions != NULL)
    return self->step_new + self->step_positions->len - self->step_old;

  return self->shown_positions->len;
}

static guint
chronicle_event_filter_model_at (ChronicleEventFilter *self,
                                 guint                 position)
{
  if (position >= chronicle_event_filter_model_length (self))
    return G_MAXUINT;

  if (self->step_positions != NULL && position >= self->step_new)
    return g_array_index (self->step_positions, guint, self->step_old + position - self->step_new);

  return g_array_index (self->shown_positions, guint, position);
}

static int
compare_guints (gconstpointer a,
                gconstpointer b)
{
  guint value_a = *(const guint *) a;
  guint value_b = *(const guint *) b;

  return value_a < value_b ? -1 : value_a > value_b;
}

/* Reports the change from @old_positions to the shown positions, which
 * share @prefix and @suffix: in one items-changed, or when pinned events
 * were in the stretch between, in steps that leave each out of every
 * stretch but one that removes it alone. Each step is a true state of the
 * model (the new positions up to a point, the old ones after it). A list
 * view or a selection holding a pinned event then keeps it, or lets it
 * go, without reading the items of a stretch to look for it: GTK 4.8 reads
 * them all, a million event objects for a timeline that makes them only
 * when asked. */
static void
chronicle_event_filter_report_change (ChronicleEventFilter *self,
                                      GArray               *old_positions,
                                      guint                 prefix,
                                      guint                 suffix)
{
  const guint *old_values = (const guint *) (gpointer) old_positions->data;
  const guint *new_values = (const guint *) (gpointer) self->shown_positions->data;
  guint old_n = old_positions->len;
  guint new_n = self->shown_positions->len;
  g_autoptr(GArray) pinned = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer key;
  guint next_old = prefix;
  guint next_new = prefix;

  /* The old model positions of the pinned events in the stretch. */
  g_hash_table_iter_init (&iter, self->pins);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      guint position = GPOINTER_TO_UINT (key) - 1;
      guint i = positions_lower_bound (old_positions, position);

      if (i >= prefix && i < old_n - suffix && old_values[i] == position)
        g_array_append_val (pinned, i);
    }
  g_array_sort (pinned, compare_guints);

  self->step_positions = old_positions;
  for (guint k = 0; k < pinned->len; k++)
    {
      guint i = g_array_index (pinned, guint, k);
      guint j = positions_lower_bound (self->shown_positions, old_values[i]);

      /* Up to the pinned event: the new ones, then the old from it on. */
      self->step_new = j;
      self->step_old = i;
      if (i > next_old || j > next_new)
        g_list_model_items_changed (G_LIST_MODEL (self), next_new, i - next_old, j - next_new);

      if (j < new_n && new_values[j] == old_values[i])
        {
          next_new = j + 1;
        }
      else
        {
          /* It goes, alone. */
          self->step_old = i + 1;
          g_list_model_items_changed (G_LIST_MODEL (self), j, 1, 0);
          next_new = j;
        }
      next_old = i + 1;
    }
  self->step_positions = NULL;

  if (old_n - suffix > next_old || new_n - suffix > next_new)
    g_list_model_items_changed (G_LIST_MODEL (self), next_new,
                                old_n - suffix - next_old, new_n - suffix - next_new);
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
  guint n_kinds = self->n_kind_ids;
  guint first = 0;
  guint last = self->n_events;
  guint old_n_shown;
  guint old_n_matches;
  gboolean counts_changed;
  gboolean was_pending = self->search_pending;

  /* Searching before the index has read every event would read the rest
   * at once: seconds for a million. Until it has, a big search waits, the
   * events shown as without it, and applies when the index is built. */
  self->search_pending = chronicle_view_state_get_text (self->state) != NULL &&
                         chronicle_search_index_get_n_unread (self->index) > MAX_UNREAD_TO_SEARCH;

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
    {
      /* Still, the search may have started or stopped waiting. */
      if (was_pending != self->search_pending)
        g_signal_emit (self, signals[CHANGED], 0);
      return;
    }

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
      chronicle_event_filter_report_change (self, old_positions, prefix, suffix);
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
on_index_built_cb (ChronicleEventFilter *self,
                   GParamSpec           *pspec,
                   ChronicleSearchIndex *index)
{
  g_assert (CHRONICLE_IS_EVENT_FILTER (self));

  if (self->search_pending && chronicle_search_index_is_built (index))
    chronicle_event_filter_recompute (self, FALSE);
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

  return chronicle_event_filter_model_length (self);
}

static gpointer
chronicle_event_filter_get_item (GListModel *model,
                                 guint       position)
{
  ChronicleEventFilter *self = CHRONICLE_EVENT_FILTER (model);

  position = chronicle_event_filter_model_at (self, position);
  if (position == G_MAXUINT)
    return NULL;

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
  g_signal_connect_object (self->index, "notify::built",
                           G_CALLBACK (on_index_built_cb), self,
                           G_CONNECT_SWAPPED);

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

  g_clear_pointer (&self->table, chronicle_event_table_unref);
  g_clear_pointer (&self->pins, g_hash_table_unref);
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
  self->pins = g_hash_table_new (NULL, NULL);
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

  return chronicle_event_filter_model_at (self, model_position);
}

void
chronicle_event_filter_pin (ChronicleEventFilter *self,
                            guint                 position)
{
  gpointer key = GUINT_TO_POINTER (position + 1);

  g_return_if_fail (CHRONICLE_IS_EVENT_FILTER (self));
  g_return_if_fail (position != G_MAXUINT);

  g_hash_table_insert (self->pins, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->pins, key)) + 1));
}

void
chronicle_event_filter_unpin (ChronicleEventFilter *self,
                              guint                 position)
{
  gpointer key = GUINT_TO_POINTER (position + 1);
  guint count;

  g_return_if_fail (CHRONICLE_IS_EVENT_FILTER (self));

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->pins, key));
  if (count > 1)
    g_hash_table_insert (self->pins, key, GUINT_TO_POINTER (count - 1));
  else
    g_hash_table_remove (self->pins, key);
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
      const char *id = self->kind_ids[i];

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

/* TRUE while the state's text waits for the search index to read every
 * event: the events are shown as if there were no search meanwhile. */
gboolean
chronicle_event_filter_get_search_pending (ChronicleEventFilter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EVENT_FILTER (self), FALSE);

  return self->search_pending;
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
