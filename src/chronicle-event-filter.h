/* chronicle-event-filter.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "chronicle-bitset.h"
#include "chronicle-timeline.h"
#include "chronicle-view-state.h"

G_BEGIN_DECLS

/*
 * Which events of a timeline a view state lets through, kept up to date.
 *
 * An event passes the filter when its kind is one of the state's kinds (an
 * event of a kind the timeline does not know also passes as "other"), its
 * status one of its statuses, any of its actors one of its actors (by id or
 * by name), any of its tags one of its tags, and it overlaps the date range.
 * It matches the search when the search index finds the state's text in it.
 *
 * The filter is a GListModel of the ChronicleEvent items it shows, in time
 * order: the events that pass the filter, and of those only the search
 * matches when the state hides non-matching events. It recomputes on the
 * state's "changed" and the timeline's items-changed; when that changed
 * anything, it emits one items-changed over the stretch of positions that
 * differs, then one "changed". Positions below are timeline positions
 * unless they say "model position".
 *
 * The search matches are kept apart, for highlighting, "3 of 40" and
 * next/previous: the shown events that match a non-empty search text. With
 * no text there are no matches. The filter's search index reads the events
 * in idle slices from the start (see chronicle_search_index_build_in_idle()),
 * so that the first letter typed into a big timeline does not wait for it.
 *
 * The kind and status counts are for the filter's toggles: how many shown
 * events each kind (status) would have with the kind (status) filter left
 * out, so that a toggle that is off still says what it would bring.
 */

#define CHRONICLE_TYPE_EVENT_FILTER (chronicle_event_filter_get_type())

G_DECLARE_FINAL_TYPE (ChronicleEventFilter, chronicle_event_filter,
                      CHRONICLE, EVENT_FILTER, GObject)

ChronicleEventFilter *chronicle_event_filter_new            (ChronicleTimeline    *timeline,
                                                             ChronicleViewState   *state);
ChronicleTimeline    *chronicle_event_filter_get_timeline   (ChronicleEventFilter *self);
ChronicleViewState   *chronicle_event_filter_get_view_state (ChronicleEventFilter *self);

/* The events shown: a bitset over timeline positions, and how many. */
const ChronicleBitset *chronicle_event_filter_get_shown   (ChronicleEventFilter *self);
guint                  chronicle_event_filter_get_n_shown (ChronicleEventFilter *self);
gboolean               chronicle_event_filter_is_shown    (ChronicleEventFilter *self,
                                                           guint                 position);
/* The timeline positions of the shown events, by model position: for views
 * that lay out many events without reading each one. */
const guint           *chronicle_event_filter_get_shown_positions (ChronicleEventFilter *self,
                                                                   guint                *n_shown);

/* From a shown event's timeline position to its model position, and
 * back; G_MAXUINT for an event not shown, or past the model's end. */
guint chronicle_event_filter_get_model_position    (ChronicleEventFilter *self,
                                                    guint                 position);
guint chronicle_event_filter_get_timeline_position (ChronicleEventFilter *self,
                                                    guint                 model_position);

/* Pinned events (timeline positions; unpinned as often as pinned) are
 * kept out of the stretches that items-changed reports, except one that
 * removes such an event alone: a GtkListView or GtkSingleSelection over
 * the filter that holds them then keeps them, or lets them go, without
 * reading every changed item to look for them (GTK 4.8 does). The window
 * pins the selected event and the events of the list's rows. */
void  chronicle_event_filter_pin              (ChronicleEventFilter *self,
                                               guint                 position);
void  chronicle_event_filter_unpin            (ChronicleEventFilter *self,
                                               guint                 position);

/* Shown events per kind id and per status, the kind (status) filter left
 * out. Unknown kinds count as "other" as well as under their own id. */
guint chronicle_event_filter_get_kind_count   (ChronicleEventFilter *self,
                                               const char           *kind);
guint chronicle_event_filter_get_status_count (ChronicleEventFilter *self,
                                               ChronicleEventStatus  status);

/* The search matches: shown events that match the state's text. */
const ChronicleBitset *chronicle_event_filter_get_matches        (ChronicleEventFilter *self);
/* TRUE while the state's text waits for the search index to have read
 * every event of a big timeline: the events are shown as if there were no
 * search meanwhile, and "changed" is emitted when it applies. */
gboolean               chronicle_event_filter_get_search_pending (ChronicleEventFilter *self);
guint                  chronicle_event_filter_get_n_matches      (ChronicleEventFilter *self);
gboolean               chronicle_event_filter_is_match           (ChronicleEventFilter *self,
                                                                  guint                 position);
/* The index of the match at @position among the matches in time order
 * (0 for "1 of 40"), or G_MAXUINT when it is not a match. */
guint                  chronicle_event_filter_get_match_index    (ChronicleEventFilter *self,
                                                                  guint                 position);
/* The position of the match with @index, or G_MAXUINT. */
guint                  chronicle_event_filter_get_match_position (ChronicleEventFilter *self,
                                                                  guint                 index);
/* The first match after @position (before it when @forward is FALSE), in
 * time order, wrapping around at the ends; @position need not be a match,
 * and G_MAXUINT starts before the first (after the last). G_MAXUINT when
 * there are no matches. */
guint                  chronicle_event_filter_find_next_match    (ChronicleEventFilter *self,
                                                                  guint                 position,
                                                                  gboolean              forward);

G_END_DECLS
