/* chronicle-lane-layout.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "chronicle-timeline.h"

G_BEGIN_DECLS

/* How events are grouped into lanes. The nicks are the file format's
 * "group_by" values and the GSettings values. */
typedef enum
{
  CHRONICLE_GROUP_BY_NONE,
  CHRONICLE_GROUP_BY_KIND,
  CHRONICLE_GROUP_BY_ACTOR,
  CHRONICLE_GROUP_BY_TAG,
  CHRONICLE_GROUP_BY_STATUS,
} ChronicleGroupBy;

#define CHRONICLE_TYPE_GROUP_BY (chronicle_group_by_get_type ())

GType       chronicle_group_by_get_type    (void) G_GNUC_CONST;
const char *chronicle_group_by_to_string   (ChronicleGroupBy  group_by);
gboolean    chronicle_group_by_from_string (const char       *text,
                                            ChronicleGroupBy *group_by);

/*
 * View state (GLib only): the events of a GListModel of ChronicleEvent,
 * grouped into lanes and, inside each lane, stacked into rows so that no
 * two events of a row overlap in time.
 *
 * Stacking does not depend on the zoom: it is computed once per change of
 * the model, the timeline or the grouping, in O(n log n), and the painter
 * elides or clusters what still collides on screen. A point event reserves
 * at least the layout's "point extent" (by default a fortieth of the time
 * the events cover) so that neighbours stack at the usual zoom levels. A
 * lane has at most CHRONICLE_LANE_LAYOUT_MAX_ROWS rows; when all of them
 * are busy an event shares the row that frees first.
 *
 * Each lane keeps its entries in one flat array sorted by start, with the
 * longest duration in the lane, so that the visible slice is found by two
 * binary searches. An event with several actors or tags has one entry in
 * each of their lanes, all with the same model position.
 *
 * Rebuilds are coalesced: changes to the model schedule one rebuild in an
 * idle; chronicle_lane_layout_ensure() runs a pending one at once (before
 * drawing). "changed" is emitted after each rebuild. A big rebuild begun
 * in the idle is made in slices (see chronicle_lane_layout_ensure()).
 *
 * Each lane also indexes its entries by duration, so that the entries
 * touching a range are found in O(log n + visible) however long the
 * longest is (chronicle_lane_layout_collect_visible()), and counts how many
 * start in each of a row of bins for the painter's density summaries
 * (chronicle_lane_layout_count_starts()).
 */

#define CHRONICLE_LANE_LAYOUT_MAX_ROWS 6

typedef enum
{
  CHRONICLE_LANE_ENTRY_POINT       = 1 << 0,
  CHRONICLE_LANE_ENTRY_APPROXIMATE = 1 << 1,
} ChronicleLaneEntryFlags;

/* No kind index (the timeline does not know the event's kind). */
#define CHRONICLE_LANE_NO_KIND G_MAXUINT16

typedef struct
{
  gint64  start;     /* chronicle_event_get_start_instant() */
  gint64  end;       /* chronicle_event_get_end_instant() */
  guint   position;  /* the event's position in the model */
  guint   row;
  guint   lane;
  guint16 kind;      /* index in chronicle_timeline_get_kinds(), or CHRONICLE_LANE_NO_KIND */
  guint8  status;    /* ChronicleEventStatus */
  guint8  flags;     /* ChronicleLaneEntryFlags */
} ChronicleLaneEntry;

#define CHRONICLE_TYPE_LANE_LAYOUT (chronicle_lane_layout_get_type())

G_DECLARE_FINAL_TYPE (ChronicleLaneLayout, chronicle_lane_layout, CHRONICLE, LANE_LAYOUT, GObject)

/* chronicle-event-filter.h includes this header. */
typedef struct _ChronicleEventFilter ChronicleEventFilter;

ChronicleLaneLayout      *chronicle_lane_layout_new                   (void);
ChronicleTimeline        *chronicle_lane_layout_get_timeline          (ChronicleLaneLayout *self);
void                      chronicle_lane_layout_set_timeline          (ChronicleLaneLayout *self,
                                                                       ChronicleTimeline   *timeline);
GListModel               *chronicle_lane_layout_get_model             (ChronicleLaneLayout *self);
void                      chronicle_lane_layout_set_model             (ChronicleLaneLayout *self,
                                                                       GListModel          *model);
/* Says that the model lists the events @filter shows, in its order (the
 * filter, or a selection over it): then a rebuild reads them from the
 * timeline's table (chronicle_timeline_get_table()) instead of from each
 * event, and after a change of the filter lays out again only the lanes
 * whose events changed. Ignored while the numbers of items differ. A
 * model that is the timeline itself needs no filter for this. */
ChronicleEventFilter     *chronicle_lane_layout_get_filter            (ChronicleLaneLayout *self);
void                      chronicle_lane_layout_set_filter            (ChronicleLaneLayout *self,
                                                                       ChronicleEventFilter *filter);
ChronicleGroupBy          chronicle_lane_layout_get_group_by          (ChronicleLaneLayout *self);
void                      chronicle_lane_layout_set_group_by          (ChronicleLaneLayout *self,
                                                                       ChronicleGroupBy     group_by);
/* Seconds a point event occupies at least when stacking; 0 (the default)
 * derives it from the events' extent. */
gint64                    chronicle_lane_layout_get_point_extent      (ChronicleLaneLayout *self);
void                      chronicle_lane_layout_set_point_extent      (ChronicleLaneLayout *self,
                                                                       gint64               point_extent);
/* Runs a pending rebuild now. Cheap when nothing changed. A rebuild of
 * many events (tens of thousands) that the idle already started is made
 * in slices of a few milliseconds, the last layout staying until it is
 * complete ("changed"): ensure() leaves it to the idle, so that drawing
 * never waits for it; chronicle_lane_layout_finish() completes it now. */
void                      chronicle_lane_layout_ensure                (ChronicleLaneLayout *self);
void                      chronicle_lane_layout_finish                (ChronicleLaneLayout *self);
/* Starts a pending rebuild as the idle would: a big one in slices, so
 * that a later ensure() does not make it at once. */
void                      chronicle_lane_layout_start_rebuild         (ChronicleLaneLayout *self);

/* The events as they were at the last rebuild, by model position. (When
 * the model is the timeline or lists the filter's events, the layout keeps
 * timeline positions, not references: until a pending rebuild, a position
 * gives the event that is at its timeline position now.) */
guint                     chronicle_lane_layout_get_n_events          (ChronicleLaneLayout *self);
/* Borrowed; %NULL out of range. */
ChronicleEvent           *chronicle_lane_layout_get_event             (ChronicleLaneLayout *self,
                                                                       guint                position);
/* The first model position whose start is >= @time (the model is in start
 * order); chronicle_lane_layout_get_n_events() when there is none. */
guint                     chronicle_lane_layout_position_lower_bound  (ChronicleLaneLayout *self,
                                                                       gint64               time);
/* From the earliest start to the latest end; FALSE when there are no events. */
gboolean                  chronicle_lane_layout_get_extent            (ChronicleLaneLayout *self,
                                                                       gint64              *start,
                                                                       gint64              *end);
/* Borrowed; the kind for an entry's kind index, or %NULL. */
ChronicleKind            *chronicle_lane_layout_get_kind              (ChronicleLaneLayout *self,
                                                                       guint                kind);

guint                     chronicle_lane_layout_get_n_lanes           (ChronicleLaneLayout *self);
/* For people: the kind's label, the actor's name, the tag, the status. */
const char               *chronicle_lane_layout_get_lane_label        (ChronicleLaneLayout *self,
                                                                       guint                lane);
/* The kind id, actor id or name, tag or status nick; %NULL for the lane of
 * events without actors or tags, and for the single lane of "none". */
const char               *chronicle_lane_layout_get_lane_key          (ChronicleLaneLayout *self,
                                                                       guint                lane);
/* The kind index when grouped by kind, else CHRONICLE_LANE_NO_KIND. */
guint                     chronicle_lane_layout_get_lane_kind         (ChronicleLaneLayout *self,
                                                                       guint                lane);
guint                     chronicle_lane_layout_get_lane_n_rows       (ChronicleLaneLayout *self,
                                                                       guint                lane);
gint64                    chronicle_lane_layout_get_lane_max_duration (ChronicleLaneLayout *self,
                                                                       guint                lane);
/* The lane's entries, sorted by start (then model position). */
const ChronicleLaneEntry *chronicle_lane_layout_get_entries           (ChronicleLaneLayout *self,
                                                                       guint                lane,
                                                                       guint               *n_entries);
/* The first entry whose start is >= @time. */
guint                     chronicle_lane_layout_lower_bound           (ChronicleLaneLayout *self,
                                                                       guint                lane,
                                                                       gint64               time);
/* Entries [*first, *last) are the only ones that can intersect [start, end). */
void                      chronicle_lane_layout_get_visible_slice     (ChronicleLaneLayout *self,
                                                                       guint                lane,
                                                                       gint64               start,
                                                                       gint64               end,
                                                                       guint               *first,
                                                                       guint               *last);
/* The index of the entry of @position in @lane, or G_MAXUINT. O(log n). */
guint                     chronicle_lane_layout_find_entry            (ChronicleLaneLayout *self,
                                                                       guint                lane,
                                                                       guint                position);
/* The entry of @lane whose start is nearest to @time, or G_MAXUINT. */
guint                     chronicle_lane_layout_find_nearest          (ChronicleLaneLayout *self,
                                                                       guint                lane,
                                                                       gint64               time);
/* Hit-testing in time: the entry in @row of @lane covering @time, where a
 * point event covers @slack seconds either side of its start. Later
 * entries win, as they are drawn on top. G_MAXUINT when none. */
guint                     chronicle_lane_layout_lookup                (ChronicleLaneLayout *self,
                                                                       guint                lane,
                                                                       guint                row,
                                                                       gint64               time,
                                                                       gint64               slack);
/* Appends to @indices (guint) the index of every entry of @lane that
 * intersects [start, end) (starts before @end, ends after @start), in lane
 * order. Visits those entries, and per duration class only a few more: long
 * entries do not make a short range walk back over everything since. */
void                      chronicle_lane_layout_collect_visible       (ChronicleLaneLayout *self,
                                                                       guint                lane,
                                                                       gint64               start,
                                                                       gint64               end,
                                                                       GArray              *indices);
/* Density, for drawing summaries when zoomed out: @counts[i] is how many
 * entries of @lane start in bin i, [start + i × bin_width, start + (i + 1)
 * × bin_width), and @firsts[i] (optional) the index of the first of them or
 * G_MAXUINT. Returns the total. O(n_bins × log (entries per bin)). */
guint                     chronicle_lane_layout_count_starts          (ChronicleLaneLayout *self,
                                                                       guint                lane,
                                                                       double               start,
                                                                       double               bin_width,
                                                                       guint                n_bins,
                                                                       guint               *counts,
                                                                       guint               *firsts);

G_END_DECLS
