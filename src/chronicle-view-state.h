/* chronicle-view-state.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "chronicle-lane-layout.h"
#include "chronicle-time.h"
#include "chronicle-view.h"

G_BEGIN_DECLS

/*
 * The chosen view: what the window shows and what export writes. A filter
 * (kinds, statuses, actors, tags, a date range), a search text, a lane
 * grouping and a time window, with the id and title of the named view it
 * came from. The window, the command line, export and tests share it.
 *
 * The filter members are %NULL (or empty) for "no constraint". An event is
 * in the date range when it overlaps [from, end of to): a "to" of
 * "2025-08-31" takes in the whole of that day.
 *
 * Every change notifies its property and then emits "changed" with what it
 * touched. Between chronicle_view_state_freeze() and the matching
 * chronicle_view_state_thaw(), "changed" is held back and emitted once, with
 * everything that changed meanwhile; chronicle_view_state_set_from_view()
 * and chronicle_view_state_clear_filters() do that by themselves.
 */

#define CHRONICLE_VIEW_STATE_ERROR (chronicle_view_state_error_quark ())

typedef enum
{
  CHRONICLE_VIEW_STATE_ERROR_INVALID,
} ChronicleViewStateError;

/* What a "changed" emission is about. */
typedef enum
{
  CHRONICLE_VIEW_STATE_CHANGE_NONE     = 0,
  CHRONICLE_VIEW_STATE_CHANGE_NAME     = 1 << 0,  /* id, title */
  CHRONICLE_VIEW_STATE_CHANGE_FILTER   = 1 << 1,  /* kinds, statuses, actors, tags, from, to */
  CHRONICLE_VIEW_STATE_CHANGE_TEXT     = 1 << 2,  /* text */
  CHRONICLE_VIEW_STATE_CHANGE_GROUPING = 1 << 3,  /* group-by */
  CHRONICLE_VIEW_STATE_CHANGE_WINDOW   = 1 << 4,  /* window-from, window-to */
  CHRONICLE_VIEW_STATE_CHANGE_DISPLAY  = 1 << 5,  /* hide-non-matching */
} ChronicleViewStateChange;

#define CHRONICLE_TYPE_VIEW_STATE_CHANGE (chronicle_view_state_change_get_type ())

GType chronicle_view_state_change_get_type (void) G_GNUC_CONST;

/* The grouping of a state that no view has set. */
#define CHRONICLE_VIEW_STATE_DEFAULT_GROUP_BY CHRONICLE_GROUP_BY_KIND

#define CHRONICLE_TYPE_VIEW_STATE (chronicle_view_state_get_type())

G_DECLARE_FINAL_TYPE (ChronicleViewState, chronicle_view_state, CHRONICLE, VIEW_STATE, GObject)

GQuark              chronicle_view_state_error_quark   (void);
/* "All events": no id, no filter, the default grouping, no window. */
ChronicleViewState *chronicle_view_state_new           (void);
ChronicleViewState *chronicle_view_state_new_from_view (ChronicleView       *view);
/* Reads a view object as the timeline format stores it ("views" items);
 * times without an offset are read in @tz (UTC when %NULL). */
ChronicleViewState *chronicle_view_state_new_from_json (JsonNode            *node,
                                                        GTimeZone           *tz,
                                                        GError             **error);
ChronicleViewState *chronicle_view_state_copy          (ChronicleViewState  *self);

/* Applies every member of @view, as one change. Members the view does not
 * set are cleared (group-by goes back to the default); hide-non-matching,
 * which views do not store, is kept. The view's unknown members are kept
 * for chronicle_view_state_to_view(). */
void           chronicle_view_state_set_from_view (ChronicleViewState *self,
                                                   ChronicleView      *view);
/* A view with the state's members, named @id (the state's own id when
 * %NULL; one of the two must be set). Unknown members of the view the
 * state came from are carried over. */
ChronicleView *chronicle_view_state_to_view       (ChronicleViewState *self,
                                                   const char         *id);
/* The view object of the timeline format, as chronicle_writer_serialize_view()
 * writes it. */
JsonNode      *chronicle_view_state_to_json       (ChronicleViewState *self,
                                                   const char         *id);
/* Makes @self equal to @other (except hide-non-matching when
 * @include_display is FALSE), as one change. */
void           chronicle_view_state_assign        (ChronicleViewState *self,
                                                   ChronicleViewState *other,
                                                   gboolean            include_display);
gboolean       chronicle_view_state_equal         (ChronicleViewState *a,
                                                   ChronicleViewState *b);

void chronicle_view_state_freeze (ChronicleViewState *self);
void chronicle_view_state_thaw   (ChronicleViewState *self);

/* Clears kinds, statuses, actors, tags, text, from and to, as one change. */
void     chronicle_view_state_clear_filters (ChronicleViewState *self);
/* TRUE when the state lets every event through: no filter member and no
 * text (the id, title, grouping, window and display do not count). */
gboolean chronicle_view_state_is_default    (ChronicleViewState *self);
/* TRUE when kinds, statuses, actors, tags, from or to constrain. */
gboolean chronicle_view_state_has_filter    (ChronicleViewState *self);

const char          *chronicle_view_state_get_id                (ChronicleViewState  *self);
void                 chronicle_view_state_set_id                (ChronicleViewState  *self,
                                                                 const char          *id);
const char          *chronicle_view_state_get_title             (ChronicleViewState  *self);
void                 chronicle_view_state_set_title             (ChronicleViewState  *self,
                                                                 const char          *title);
/* Kind ids; %NULL for any kind. */
const char * const  *chronicle_view_state_get_kinds             (ChronicleViewState  *self);
void                 chronicle_view_state_set_kinds             (ChronicleViewState  *self,
                                                                 const char * const  *kinds);
/* Status nicks ("planned"); %NULL for any status. */
const char * const  *chronicle_view_state_get_statuses          (ChronicleViewState  *self);
void                 chronicle_view_state_set_statuses          (ChronicleViewState  *self,
                                                                 const char * const  *statuses);
/* Actor ids or names; an event matches when any of its actors is one. */
const char * const  *chronicle_view_state_get_actors            (ChronicleViewState  *self);
void                 chronicle_view_state_set_actors            (ChronicleViewState  *self,
                                                                 const char * const  *actors);
/* An event matches when any of its tags is one. */
const char * const  *chronicle_view_state_get_tags              (ChronicleViewState  *self);
void                 chronicle_view_state_set_tags              (ChronicleViewState  *self,
                                                                 const char * const  *tags);
/* The search text; %NULL (or "") for none. */
const char          *chronicle_view_state_get_text              (ChronicleViewState  *self);
void                 chronicle_view_state_set_text              (ChronicleViewState  *self,
                                                                 const char          *text);
const ChronicleTime *chronicle_view_state_get_from              (ChronicleViewState  *self);
void                 chronicle_view_state_set_from              (ChronicleViewState  *self,
                                                                 const ChronicleTime *from);
const ChronicleTime *chronicle_view_state_get_to                (ChronicleViewState  *self);
void                 chronicle_view_state_set_to                (ChronicleViewState  *self,
                                                                 const ChronicleTime *to);
/* Sets from and to as one change. */
void                 chronicle_view_state_set_range             (ChronicleViewState  *self,
                                                                 const ChronicleTime *from,
                                                                 const ChronicleTime *to);
ChronicleGroupBy     chronicle_view_state_get_group_by          (ChronicleViewState  *self);
void                 chronicle_view_state_set_group_by          (ChronicleViewState  *self,
                                                                 ChronicleGroupBy     group_by);
/* The time window shown; %NULL when the view leaves it to the window. */
const ChronicleTime *chronicle_view_state_get_window_from       (ChronicleViewState  *self);
void                 chronicle_view_state_set_window_from       (ChronicleViewState  *self,
                                                                 const ChronicleTime *window_from);
const ChronicleTime *chronicle_view_state_get_window_to         (ChronicleViewState  *self);
void                 chronicle_view_state_set_window_to         (ChronicleViewState  *self,
                                                                 const ChronicleTime *window_to);
/* TRUE: events that do not match the search are left out; FALSE: they are
 * shown faded. Not part of a view. */
gboolean             chronicle_view_state_get_hide_non_matching (ChronicleViewState  *self);
void                 chronicle_view_state_set_hide_non_matching (ChronicleViewState  *self,
                                                                 gboolean             hide);

G_END_DECLS
