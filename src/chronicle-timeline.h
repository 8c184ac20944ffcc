/* chronicle-timeline.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "chronicle-actor.h"
#include "chronicle-era.h"
#include "chronicle-event.h"
#include "chronicle-event-table.h"
#include "chronicle-kind.h"
#include "chronicle-view.h"

G_BEGIN_DECLS

#define CHRONICLE_TIMELINE_ERROR (chronicle_timeline_error_quark ())

typedef enum
{
  CHRONICLE_TIMELINE_ERROR_DUPLICATE_ID,
} ChronicleTimelineError;

/*
 * The document: its metadata, kinds, actors, eras and views, and its events
 * as a GListModel of ChronicleEvent sorted by start (ties keep file order).
 */

#define CHRONICLE_TYPE_TIMELINE (chronicle_timeline_get_type())

G_DECLARE_FINAL_TYPE (ChronicleTimeline, chronicle_timeline, CHRONICLE, TIMELINE, GObject)

GQuark             chronicle_timeline_error_quark      (void);
/* A timeline with the built-in kinds and no events. */
ChronicleTimeline *chronicle_timeline_new              (void);
const char        *chronicle_timeline_get_title        (ChronicleTimeline  *self);
void               chronicle_timeline_set_title        (ChronicleTimeline  *self,
                                                        const char         *title);
const char        *chronicle_timeline_get_description  (ChronicleTimeline  *self);
void               chronicle_timeline_set_description  (ChronicleTimeline  *self,
                                                        const char         *description);
/* The IANA name as the file gave it, or %NULL (then UTC is used). */
const char        *chronicle_timeline_get_timezone     (ChronicleTimeline  *self);
/* Returns FALSE, and keeps the old zone, when @timezone is not known. */
gboolean           chronicle_timeline_set_timezone     (ChronicleTimeline  *self,
                                                        const char         *zone_name);
/* Never %NULL. */
GTimeZone         *chronicle_timeline_get_time_zone    (ChronicleTimeline  *self);

/* GListModel of ChronicleKind: the built-in kinds, then the file's own. */
GListModel        *chronicle_timeline_get_kinds        (ChronicleTimeline  *self);
/* Adds @kind, or replaces the kind with the same id in place. */
void               chronicle_timeline_add_kind         (ChronicleTimeline  *self,
                                                        ChronicleKind      *kind);
ChronicleKind     *chronicle_timeline_lookup_kind      (ChronicleTimeline  *self,
                                                        const char         *id);
/* The kind to draw an event with: its own, or "other" when unknown. */
ChronicleKind     *chronicle_timeline_get_event_kind   (ChronicleTimeline  *self,
                                                        ChronicleEvent     *event);
/* Kinds that the file declared or relabelled, for the writer. */
gboolean           chronicle_timeline_kind_is_declared (ChronicleTimeline  *self,
                                                        const char         *id);

GListModel        *chronicle_timeline_get_actors       (ChronicleTimeline  *self);
void               chronicle_timeline_add_actor        (ChronicleTimeline  *self,
                                                        ChronicleActor     *actor);
ChronicleActor    *chronicle_timeline_lookup_actor     (ChronicleTimeline  *self,
                                                        const char         *id);
/* The name to show for an event's actor entry (an id or a plain name). */
const char        *chronicle_timeline_get_actor_name   (ChronicleTimeline  *self,
                                                        const char         *actor);

GListModel        *chronicle_timeline_get_eras         (ChronicleTimeline  *self);
void               chronicle_timeline_add_era          (ChronicleTimeline  *self,
                                                        ChronicleEra       *era);

GListModel        *chronicle_timeline_get_views        (ChronicleTimeline  *self);
void               chronicle_timeline_add_view         (ChronicleTimeline  *self,
                                                        ChronicleView      *view);
gboolean           chronicle_timeline_remove_view      (ChronicleTimeline  *self,
                                                        const char         *id);
ChronicleView     *chronicle_timeline_lookup_view      (ChronicleTimeline  *self,
                                                        const char         *id);

/* Adds @n_events events (taking no ownership) in one batch, emitting one
 * items-changed. Fails, adding nothing, when an id is already present or
 * given twice. Events without an id get chronicle_event_derive_id(). */
gboolean           chronicle_timeline_add_events       (ChronicleTimeline  *self,
                                                        ChronicleEvent    **events,
                                                        guint               n_events,
                                                        GError            **error);
gboolean           chronicle_timeline_remove_event     (ChronicleTimeline  *self,
                                                        const char         *id);
guint              chronicle_timeline_get_n_events     (ChronicleTimeline  *self);
/* Borrowed; position in start order. */
ChronicleEvent    *chronicle_timeline_get_event        (ChronicleTimeline  *self,
                                                        guint               position);
ChronicleEvent    *chronicle_timeline_lookup_event     (ChronicleTimeline  *self,
                                                        const char         *id);
/* Position of @event, or G_MAXUINT. O(log n). */
guint              chronicle_timeline_get_position     (ChronicleTimeline  *self,
                                                        ChronicleEvent     *event);
/* The first position whose start instant is >= @instant. */
guint              chronicle_timeline_lower_bound      (ChronicleTimeline  *self,
                                                        gint64              instant);
/* The table of the events as they are now (a new reference): built on
 * the first call after a change, or given by the loader, which builds it
 * in its thread. Never %NULL. */
ChronicleEventTable *chronicle_timeline_get_table      (ChronicleTimeline  *self);
/* The searchable texts of an event, as chronicle_timeline_foreach_text()
 * gives them. */
typedef enum
{
  CHRONICLE_EVENT_TEXT_TITLE,
  CHRONICLE_EVENT_TEXT_SUMMARY,
  CHRONICLE_EVENT_TEXT_DESCRIPTION,
  CHRONICLE_EVENT_TEXT_LOCATION,
  CHRONICLE_EVENT_TEXT_ACTOR,          /* an actor entry: an id or a name */
  CHRONICLE_EVENT_TEXT_QUOTE,
  CHRONICLE_EVENT_TEXT_QUOTE_SPEAKER,  /* an actor id or a name */
  CHRONICLE_EVENT_TEXT_TAG,
} ChronicleEventText;

typedef void (*ChronicleEventTextFunc) (ChronicleEventText  field,
                                        const char         *text,
                                        gpointer            user_data);

/* Calls @func for each text of the event at @position that has one, in
 * no set order, without making the event when it was not made yet. */
void               chronicle_timeline_foreach_text     (ChronicleTimeline      *self,
                                                        guint                   position,
                                                        ChronicleEventTextFunc  func,
                                                        gpointer                user_data);

/* For loaders that read a model in place: see
 * chronicle_timeline_set_lazy_events(). */
typedef struct
{
  /* The event at @position, a new reference; never fails. */
  ChronicleEvent *(*make_event)   (gpointer                user_data,
                                   guint                   position);
  /* The position of the event with @id, or G_MAXUINT. */
  guint           (*find_id)      (gpointer                user_data,
                                   const char             *id);
  /* As chronicle_timeline_foreach_text(). */
  void            (*foreach_text) (gpointer                user_data,
                                   guint                   position,
                                   ChronicleEventTextFunc  func,
                                   gpointer                func_data);
} ChronicleLazyEventsFuncs;

void               chronicle_timeline_set_lazy_events  (ChronicleTimeline              *self,
                                                        ChronicleEventTable            *table,
                                                        const ChronicleLazyEventsFuncs *funcs,
                                                        gpointer                        user_data,
                                                        GDestroyNotify                  destroy);
/* How many events exist as objects: all of them, but in a timeline whose
 * events are made when asked for. */
guint              chronicle_timeline_get_n_made_events (ChronicleTimeline *self);
/* From the earliest start to the latest end; FALSE when there are no events. */
gboolean           chronicle_timeline_get_extent       (ChronicleTimeline  *self,
                                                        gint64             *start,
                                                        gint64             *end);
/* Unknown top-level members, kept for the writer. */
JsonObject        *chronicle_timeline_get_extra_members (ChronicleTimeline *self);
void               chronicle_timeline_set_extra_members (ChronicleTimeline *self,
                                                         JsonObject        *extra);

G_END_DECLS
