/* chronicle-filter-popover.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-filter-popover"

#include "config.h"

#include "chronicle-filter-popover.h"

#include <glib/gi18n.h>

#include "chronicle-date-input.h"
#include "chronicle-event-row.h"
#include "chronicle-kind.h"

/* Lists longer than this get a search entry. */
#define SEARCH_THRESHOLD 8

typedef enum
{
  SECTION_KINDS,
  SECTION_STATUSES,
  SECTION_ACTORS,
  SECTION_TAGS,
} Section;

/* What a check row holds, kept on the row. */
typedef struct
{
  Section         section;
  char           *key;     /* kind id, status nick, actor, tag */
  char           *label;   /* folded, for the search entries */
  GtkCheckButton *check;
  GtkLabel       *count;
} FilterRow;

struct _ChronicleFilterPopover
{
  GtkPopover            parent_instance;

  /* Template children */
  GtkButton            *clear_button;
  GtkListBox           *kinds_list;
  GtkListBox           *statuses_list;
  GtkEntry             *from_entry;
  GtkEntry             *to_entry;
  GtkMenuButton        *from_calendar_button;
  GtkMenuButton        *to_calendar_button;
  GtkCalendar          *from_calendar;
  GtkCalendar          *to_calendar;
  GtkWidget            *actors_box;
  GtkSearchEntry       *actors_search;
  GtkListBox           *actors_list;
  GtkWidget            *tags_box;
  GtkSearchEntry       *tags_search;
  GtkListBox           *tags_list;

  ChronicleEventFilter *filter;
  ChronicleViewState   *state;

  guint                 rows_dirty : 1;
  guint                 syncing : 1;
};

G_DEFINE_FINAL_TYPE (ChronicleFilterPopover, chronicle_filter_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define FILTER_ROW_KEY "chronicle-filter-row"

static void
filter_row_free (FilterRow *row)
{
  g_free (row->key);
  g_free (row->label);
  g_free (row);
}

static FilterRow *
get_filter_row (GtkWidget *widget)
{
  return g_object_get_data (G_OBJECT (widget), FILTER_ROW_KEY);
}

static char *
fold_label (const char *text)
{
  g_autofree char *lower = g_utf8_casefold (text, -1);

  return g_str_to_ascii (lower, NULL);
}

static int
compare_labels (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GHashTable *labels = user_data;

  return g_utf8_collate (g_hash_table_lookup (labels, *(const char **) a),
                         g_hash_table_lookup (labels, *(const char **) b));
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static gboolean
strv_has (const char * const *strv,
          const char         *value)
{
  return strv != NULL && value != NULL && g_strv_contains (strv, value);
}

static void
chronicle_filter_popover_sync_rows (ChronicleFilterPopover *self,
                                    GtkListBox             *list)
{
  ChronicleTimeline *timeline = chronicle_event_filter_get_timeline (self->filter);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      FilterRow *row = get_filter_row (child);
      const char * const *values = NULL;
      gboolean active = FALSE;

      if (row == NULL)
        continue;

      switch (row->section)
        {
        case SECTION_KINDS:
          values = chronicle_view_state_get_kinds (self->state);
          active = values == NULL || strv_has (values, row->key);
          break;

        case SECTION_STATUSES:
          values = chronicle_view_state_get_statuses (self->state);
          active = values == NULL || strv_has (values, row->key);
          break;

        case SECTION_ACTORS:
          /* Views may name an actor by id or by name. */
          values = chronicle_view_state_get_actors (self->state);
          active = strv_has (values, row->key) ||
                   strv_has (values, chronicle_timeline_get_actor_name (timeline, row->key));
          break;

        case SECTION_TAGS:
          values = chronicle_view_state_get_tags (self->state);
          active = strv_has (values, row->key);
          break;

        default:
          g_assert_not_reached ();
        }

      gtk_check_button_set_active (row->check, active);
    }
}

static void
chronicle_filter_popover_update_counts (ChronicleFilterPopover *self)
{
  GtkListBox *lists[] = { self->kinds_list, self->statuses_list };

  if (self->filter == NULL || self->rows_dirty)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (lists[i]));
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          FilterRow *row = get_filter_row (child);
          g_autofree char *text = NULL;
          ChronicleEventStatus status;
          guint count = 0;

          if (row == NULL || row->count == NULL)
            continue;

          if (row->section == SECTION_KINDS)
            count = chronicle_event_filter_get_kind_count (self->filter, row->key);
          else if (chronicle_event_status_from_string (row->key, &status))
            count = chronicle_event_filter_get_status_count (self->filter, status);

          text = g_strdup_printf ("%u", count);
          gtk_label_set_text (row->count, text);
        }
    }
}

static void
set_date_entry (GtkEntry            *entry,
                const ChronicleTime *time)
{
  g_autofree char *text = time != NULL ? chronicle_time_to_iso8601 (time) : NULL;

  /* What the user is typing stays. */
  if (gtk_widget_has_focus (GTK_WIDGET (entry)) ||
      gtk_widget_has_focus (gtk_widget_get_first_child (GTK_WIDGET (entry))))
    return;

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);
}

static void
chronicle_filter_popover_sync (ChronicleFilterPopover *self)
{
  g_assert (CHRONICLE_IS_FILTER_POPOVER (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button),
                            self->state != NULL && !chronicle_view_state_is_default (self->state));

  if (self->filter == NULL || self->rows_dirty)
    return;

  self->syncing = TRUE;

  chronicle_filter_popover_sync_rows (self, self->kinds_list);
  chronicle_filter_popover_sync_rows (self, self->statuses_list);
  chronicle_filter_popover_sync_rows (self, self->actors_list);
  chronicle_filter_popover_sync_rows (self, self->tags_list);
  set_date_entry (self->from_entry, chronicle_view_state_get_from (self->state));
  set_date_entry (self->to_entry, chronicle_view_state_get_to (self->state));

  self->syncing = FALSE;
}

/* The active keys of @list; with @all_means_any, %NULL when every row or
 * none is active, else %NULL when none is. */
static GStrv
collect_active_keys (GtkListBox *list,
                     gboolean    all_means_any)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_rows = 0;
  guint n_active = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      FilterRow *row = get_filter_row (child);

      if (row == NULL)
        continue;

      n_rows++;
      if (gtk_check_button_get_active (row->check))
        {
          g_strv_builder_add (builder, row->key);
          n_active++;
        }
    }

  if (n_active == 0 || (all_means_any && n_active == n_rows))
    return NULL;

  return g_strv_builder_end (builder);
}

static void
on_check_toggled_cb (ChronicleFilterPopover *self,
                     GtkCheckButton         *check)
{
  GtkWidget *row_widget = gtk_widget_get_ancestor (GTK_WIDGET (check), GTK_TYPE_LIST_BOX_ROW);
  FilterRow *row = row_widget != NULL ? get_filter_row (row_widget) : NULL;
  g_auto(GStrv) keys = NULL;

  g_assert (CHRONICLE_IS_FILTER_POPOVER (self));

  if (self->syncing || self->state == NULL || row == NULL)
    return;

  switch (row->section)
    {
    case SECTION_KINDS:
      keys = collect_active_keys (self->kinds_list, TRUE);
      chronicle_view_state_set_kinds (self->state, (const char * const *) keys);
      break;

    case SECTION_STATUSES:
      keys = collect_active_keys (self->statuses_list, TRUE);
      chronicle_view_state_set_statuses (self->state, (const char * const *) keys);
      break;

    case SECTION_ACTORS:
      keys = collect_active_keys (self->actors_list, FALSE);
      chronicle_view_state_set_actors (self->state, (const char * const *) keys);
      break;

    case SECTION_TAGS:
      keys = collect_active_keys (self->tags_list, FALSE);
      chronicle_view_state_set_tags (self->state, (const char * const *) keys);
      break;

    default:
      g_assert_not_reached ();
    }

  /* Turning the last kind off turns them all on again. */
  chronicle_filter_popover_sync (self);
}

static GtkWidget *
chronicle_filter_popover_create_row (ChronicleFilterPopover *self,
                                     Section                 section,
                                     const char             *key,
                                     const char             *label,
                                     ChronicleKind          *kind)
{
  FilterRow *row = g_new0 (FilterRow, 1);
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *name = gtk_label_new (label);

  row->section = section;
  row->key = g_strdup (key);
  row->label = fold_label (label);
  row->check = GTK_CHECK_BUTTON (check);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  /* The row toggles the check button; it need not take the focus itself. */
  gtk_widget_set_focusable (check, FALSE);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  g_signal_connect_object (check, "toggled",
                           G_CALLBACK (on_check_toggled_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), check);

  if (kind != NULL)
    {
      GtkWidget *dot = chronicle_kind_dot_new ();

      chronicle_kind_dot_set_color (CHRONICLE_KIND_DOT (dot), chronicle_kind_get_color (kind));
      gtk_widget_set_valign (dot, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), dot);
    }

  gtk_label_set_xalign (GTK_LABEL (name), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);

  if (section == SECTION_KINDS || section == SECTION_STATUSES)
    {
      GtkWidget *count = gtk_label_new (NULL);

      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), count);
      row->count = GTK_LABEL (count);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, name, NULL,
                                  -1);
  g_object_set_data_full (G_OBJECT (list_row), FILTER_ROW_KEY, row, (GDestroyNotify) filter_row_free);

  return list_row;
}

/* Counts each string of @sets, for every event, into @counts. */
static void
count_strings (GHashTable                *counts,
               const ChronicleStringSets *sets,
               guint                      n_events)
{
  g_autofree guint *by_number = g_new0 (guint, MAX (sets->n_strings, 1));

  for (guint k = 0; k < sets->offsets[n_events]; k++)
    by_number[sets->members[k]]++;

  for (guint i = 0; i < sets->n_strings; i++)
    if (by_number[i] > 0)
      g_hash_table_replace (counts, (gpointer) sets->strings[i], GUINT_TO_POINTER (by_number[i]));
}

/* Rows for the strings the events use, sorted by what they show. */
static void
chronicle_filter_popover_fill_strings (ChronicleFilterPopover *self,
                                       GtkListBox             *list,
                                       Section                 section,
                                       GHashTable             *used,
                                       GtkSearchEntry         *search,
                                       GtkWidget              *box)
{
  ChronicleTimeline *timeline = chronicle_event_filter_get_timeline (self->filter);
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, used);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *label = key;

      if (section == SECTION_ACTORS)
        label = chronicle_timeline_get_actor_name (timeline, key);
      g_hash_table_insert (labels, key, (gpointer) label);
      g_ptr_array_add (keys, key);
    }

  g_ptr_array_sort_with_data (keys, compare_labels, labels);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *row_key = g_ptr_array_index (keys, i);

      gtk_list_box_append (list, chronicle_filter_popover_create_row (self, section, row_key,
                                                                      g_hash_table_lookup (labels, row_key),
                                                                      NULL));
    }

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  gtk_widget_set_visible (GTK_WIDGET (search), keys->len > SEARCH_THRESHOLD);
  gtk_widget_set_visible (box, keys->len > 0);
}

static void
chronicle_filter_popover_rebuild (ChronicleFilterPopover *self)
{
  g_autoptr(GHashTable) kinds_used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) actors_used = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) tags_used = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean statuses_used[CHRONICLE_EVENT_N_STATUSES] = { FALSE, };
  const char * const *state_kinds;
  const char * const *state_statuses;
  g_autoptr(ChronicleEventTable) table = NULL;
  g_autofree gboolean *kind_used = NULL;
  const char * const *kind_ids;
  ChronicleStringSets actors;
  ChronicleStringSets tags;
  ChronicleTimeline *timeline;
  GListModel *kinds;
  guint n_kind_ids;
  guint n_events;

  g_assert (CHRONICLE_IS_FILTER_POPOVER (self));

  self->rows_dirty = FALSE;

  remove_all_rows (self->kinds_list);
  remove_all_rows (self->statuses_list);
  remove_all_rows (self->actors_list);
  remove_all_rows (self->tags_list);

  if (self->filter == NULL)
    return;

  timeline = chronicle_event_filter_get_timeline (self->filter);
  state_kinds = chronicle_view_state_get_kinds (self->state);
  state_statuses = chronicle_view_state_get_statuses (self->state);

  /* One pass over the events' table, when the popover first shows: no
   * event is read (a timeline from the cache makes events only when they
   * are shown). */
  table = chronicle_timeline_get_table (timeline);
  n_events = chronicle_event_table_get_n_events (table);
  kind_ids = chronicle_event_table_get_kind_ids (table, &n_kind_ids);
  kind_used = g_new0 (gboolean, MAX (n_kind_ids, 1));
  for (guint i = 0; i < n_events; i++)
    {
      kind_used[chronicle_event_table_get_kinds (table)[i]] = TRUE;
      statuses_used[chronicle_event_table_get_statuses (table)[i]] = TRUE;
    }

  /* Drawn as their own kind when the timeline knows it, else as "other". */
  for (guint i = 0; i < n_kind_ids; i++)
    if (kind_used[i])
      g_hash_table_add (kinds_used,
                        chronicle_timeline_lookup_kind (timeline, kind_ids[i]) != NULL
                          ? (gpointer) kind_ids[i] : (gpointer) CHRONICLE_KIND_OTHER);

  chronicle_event_table_get_actors (table, &actors);
  chronicle_event_table_get_tags (table, &tags);
  count_strings (actors_used, &actors, n_events);
  count_strings (tags_used, &tags, n_events);

  kinds = chronicle_timeline_get_kinds (timeline);
  for (guint i = 0; i < g_list_model_get_n_items (kinds); i++)
    {
      g_autoptr(ChronicleKind) kind = g_list_model_get_item (kinds, i);
      const char *id = chronicle_kind_get_id (kind);

      if (!g_hash_table_contains (kinds_used, id) && !strv_has (state_kinds, id))
        continue;

      gtk_list_box_append (self->kinds_list,
                           chronicle_filter_popover_create_row (self, SECTION_KINDS, id,
                                                                chronicle_kind_get_label (kind), kind));
    }

  for (guint i = 0; i < CHRONICLE_EVENT_N_STATUSES; i++)
    {
      const char *nick = chronicle_event_status_to_string (i);

      if (!statuses_used[i] && !strv_has (state_statuses, nick))
        continue;

      gtk_list_box_append (self->statuses_list,
                           chronicle_filter_popover_create_row (self, SECTION_STATUSES, nick,
                                                                chronicle_event_status_get_label (i), NULL));
    }

  chronicle_filter_popover_fill_strings (self, self->actors_list, SECTION_ACTORS, actors_used,
                                         self->actors_search, self->actors_box);
  chronicle_filter_popover_fill_strings (self, self->tags_list, SECTION_TAGS, tags_used,
                                         self->tags_search, self->tags_box);

  chronicle_filter_popover_sync (self);
  chronicle_filter_popover_update_counts (self);
}

static void
chronicle_filter_popover_apply_date (ChronicleFilterPopover *self,
                                     GtkEntry               *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  ChronicleTime time;
  const ChronicleTime *value = NULL;
  GTimeZone *tz;

  g_assert (CHRONICLE_IS_FILTER_POPOVER (self));

  if (self->state == NULL || self->syncing)
    return;

  tz = chronicle_timeline_get_time_zone (chronicle_event_filter_get_timeline (self->filter));

  if (*text != '\0')
    {
      if (!chronicle_date_input_parse (text, tz, &time, &error))
        {
          gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
          gtk_widget_error_bell (GTK_WIDGET (entry));
          return;
        }
      value = &time;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), NULL);

  if (entry == self->from_entry)
    chronicle_view_state_set_from (self->state, value);
  else
    chronicle_view_state_set_to (self->state, value);
}

static void
on_state_changed_cb (ChronicleFilterPopover   *self,
                     ChronicleViewStateChange  changes,
                     ChronicleViewState       *state)
{
  g_assert (CHRONICLE_IS_FILTER_POPOVER (self));

  chronicle_filter_popover_sync (self);
}

static void
on_filter_changed_cb (ChronicleFilterPopover *self,
                      ChronicleEventFilter   *filter)
{
  g_assert (CHRONICLE_IS_FILTER_POPOVER (self));

  chronicle_filter_popover_update_counts (self);
}

static void
on_clear_button_clicked_cb (ChronicleFilterPopover *self,
                            GtkButton              *button)
{
  g_assert (CHRONICLE_IS_FILTER_POPOVER (self));

  if (self->state != NULL)
    chronicle_view_state_clear_filters (self->state);
}

static void
on_list_row_activated_cb (ChronicleFilterPopover *self,
                          GtkListBoxRow          *list_row,
                          GtkListBox             *list)
{
  FilterRow *row = get_filter_row (GTK_WIDGET (list_row));

  g_assert (CHRONICLE_IS_FILTER_POPOVER (self));

  if (row != NULL)
    gtk_check_button_set_active (row->check, !gtk_check_button_get_active (row->check));
}

static gboolean
filter_rows_by_search (GtkListBoxRow *list_row,
                       gpointer       user_data)
{
  GtkEditable *search = user_data;
  FilterRow *row = get_filter_row (GTK_WIDGET (list_row));
  g_autofree char *folded = fold_label (gtk_editable_get_text (search));

  return row == NULL || strstr (row->label, folded) != NULL;
}

static void
on_list_search_changed_cb (ChronicleFilterPopover *self,
                           GtkSearchEntry         *search)
{
  g_assert (CHRONICLE_IS_FILTER_POPOVER (self));

  gtk_list_box_invalidate_filter (search == self->actors_search ? self->actors_list : self->tags_list);
}

static void
on_date_entry_activate_cb (ChronicleFilterPopover *self,
                           GtkEntry               *entry)
{
  chronicle_filter_popover_apply_date (self, entry);
}

static void
on_date_entry_focus_leave_cb (GtkEventControllerFocus *controller,
                              ChronicleFilterPopover  *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  chronicle_filter_popover_apply_date (self, GTK_ENTRY (entry));
}

static void
on_calendar_popover_show_cb (ChronicleFilterPopover *self,
                             GtkPopover             *popover)
{
  GtkMenuButton *button = GTK_MENU_BUTTON (gtk_widget_get_parent (GTK_WIDGET (popover)));
  GtkCalendar *calendar = button == self->from_calendar_button ? self->from_calendar : self->to_calendar;
  const ChronicleTime *time;
  g_autoptr(GDateTime) date = NULL;
  int year, month, day;

  g_assert (CHRONICLE_IS_FILTER_POPOVER (self));

  if (self->filter == NULL)
    return;

  /* Opens on the date set, else on the first (last) event. */
  time = button == self->from_calendar_button ? chronicle_view_state_get_from (self->state)
                                              : chronicle_view_state_get_to (self->state);
  if (time != NULL)
    {
      chronicle_time_get_civil (time, &year, &month, &day, NULL, NULL, NULL);
    }
  else
    {
      ChronicleTimeline *timeline = chronicle_event_filter_get_timeline (self->filter);
      ChronicleTime edge;
      gint64 start;
      gint64 end;

      if (!chronicle_timeline_get_extent (timeline, &start, &end))
        return;

      chronicle_time_init_from_instant (&edge,
                                        button == self->from_calendar_button ? start : end - 1,
                                        CHRONICLE_TIME_PRECISION_DAY,
                                        chronicle_timeline_get_time_zone (timeline));
      chronicle_time_get_civil (&edge, &year, &month, &day, NULL, NULL, NULL);
    }

  /* GtkCalendar knows the years 1 to 9999 only. */
  if (year < 1 || year > 9999)
    return;

  date = g_date_time_new_local (year, month, day, 12, 0, 0);
  if (date == NULL)
    return;

  self->syncing = TRUE;
  gtk_calendar_select_day (calendar, date);
  self->syncing = FALSE;
}

static void
on_calendar_day_selected_cb (ChronicleFilterPopover *self,
                             GtkCalendar            *calendar)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  gboolean is_from = calendar == self->from_calendar;
  GtkEntry *entry = is_from ? self->from_entry : self->to_entry;
  g_autofree char *text = NULL;

  g_assert (CHRONICLE_IS_FILTER_POPOVER (self));

  if (self->syncing)
    return;

  text = g_strdup_printf ("%04d-%02d-%02d",
                          g_date_time_get_year (date),
                          g_date_time_get_month (date),
                          g_date_time_get_day_of_month (date));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  chronicle_filter_popover_apply_date (self, entry);
  gtk_menu_button_popdown (is_from ? self->from_calendar_button : self->to_calendar_button);
}

static void
chronicle_filter_popover_show (GtkWidget *widget)
{
  ChronicleFilterPopover *self = CHRONICLE_FILTER_POPOVER (widget);

  if (self->rows_dirty)
    chronicle_filter_popover_rebuild (self);

  GTK_WIDGET_CLASS (chronicle_filter_popover_parent_class)->show (widget);
}

static void
chronicle_filter_popover_dispose (GObject *object)
{
  ChronicleFilterPopover *self = CHRONICLE_FILTER_POPOVER (object);

  chronicle_filter_popover_set_filter (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_FILTER_POPOVER);

  G_OBJECT_CLASS (chronicle_filter_popover_parent_class)->dispose (object);
}

static void
chronicle_filter_popover_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ChronicleFilterPopover *self = CHRONICLE_FILTER_POPOVER (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_filter_popover_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  ChronicleFilterPopover *self = CHRONICLE_FILTER_POPOVER (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      chronicle_filter_popover_set_filter (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_filter_popover_class_init (ChronicleFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chronicle_filter_popover_dispose;
  object_class->get_property = chronicle_filter_popover_get_property;
  object_class->set_property = chronicle_filter_popover_set_property;

  widget_class->show = chronicle_filter_popover_show;

  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         CHRONICLE_TYPE_EVENT_FILTER,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronicle/Chronicle/ui/chronicle-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, clear_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, kinds_list);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, statuses_list);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, from_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, to_entry);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, from_calendar_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, to_calendar_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, actors_box);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, actors_search);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, actors_list);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, tags_box);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, tags_search);
  gtk_widget_class_bind_template_child (widget_class, ChronicleFilterPopover, tags_list);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
}

static void
chronicle_filter_popover_init (ChronicleFilterPopover *self)
{
  GtkEntry *entries[] = { NULL, NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  entries[0] = self->from_entry;
  entries[1] = self->to_entry;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (focus, "leave",
                               G_CALLBACK (on_date_entry_focus_leave_cb),
                               self, G_CONNECT_DEFAULT);
      gtk_widget_add_controller (GTK_WIDGET (entries[i]), focus);
    }

  /* The calendars open on the date set, or on the events. */
  g_signal_connect_object (gtk_menu_button_get_popover (self->from_calendar_button), "show",
                           G_CALLBACK (on_calendar_popover_show_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_menu_button_get_popover (self->to_calendar_button), "show",
                           G_CALLBACK (on_calendar_popover_show_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_list_box_set_filter_func (self->actors_list, filter_rows_by_search, self->actors_search, NULL);
  gtk_list_box_set_filter_func (self->tags_list, filter_rows_by_search, self->tags_search, NULL);

  chronicle_filter_popover_sync (self);
}

GtkWidget *
chronicle_filter_popover_new (void)
{
  return g_object_new (CHRONICLE_TYPE_FILTER_POPOVER, NULL);
}

ChronicleEventFilter *
chronicle_filter_popover_get_filter (ChronicleFilterPopover *self)
{
  g_return_val_if_fail (CHRONICLE_IS_FILTER_POPOVER (self), NULL);

  return self->filter;
}

void
chronicle_filter_popover_set_filter (ChronicleFilterPopover *self,
                                     ChronicleEventFilter   *filter)
{
  g_return_if_fail (CHRONICLE_IS_FILTER_POPOVER (self));
  g_return_if_fail (filter == NULL || CHRONICLE_IS_EVENT_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->filter, self);
      g_signal_handlers_disconnect_by_data (self->state, self);
    }

  g_set_object (&self->filter, filter);
  g_clear_object (&self->state);

  if (filter != NULL)
    {
      self->state = g_object_ref (chronicle_event_filter_get_view_state (filter));
      g_signal_connect_object (self->filter, "changed",
                               G_CALLBACK (on_filter_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->state, "changed",
                               G_CALLBACK (on_state_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  /* The rows wait for the popover to show. */
  self->rows_dirty = TRUE;
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    chronicle_filter_popover_rebuild (self);
  else
    chronicle_filter_popover_sync (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}
