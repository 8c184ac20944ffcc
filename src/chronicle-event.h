/* chronicle-event.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "chronicle-time.h"

G_BEGIN_DECLS

typedef enum
{
  CHRONICLE_EVENT_STATUS_OCCURRED,
  CHRONICLE_EVENT_STATUS_PLANNED,
  CHRONICLE_EVENT_STATUS_REPORTED,
  CHRONICLE_EVENT_STATUS_CANCELLED,
} ChronicleEventStatus;

#define CHRONICLE_EVENT_N_STATUSES 4

#define CHRONICLE_TYPE_EVENT_STATUS (chronicle_event_status_get_type ())

GType       chronicle_event_status_get_type    (void) G_GNUC_CONST;
const char *chronicle_event_status_to_string   (ChronicleEventStatus  status);
gboolean    chronicle_event_status_from_string (const char           *text,
                                                ChronicleEventStatus *status);
/* Translated, for people ("Planned"). */
const char *chronicle_event_status_get_label   (ChronicleEventStatus  status);

typedef struct
{
  char *text;
  char *speaker;  /* nullable */
  char *source;   /* nullable */
} ChronicleQuote;

#define CHRONICLE_TYPE_QUOTE (chronicle_quote_get_type ())

GType           chronicle_quote_get_type (void) G_GNUC_CONST;
ChronicleQuote *chronicle_quote_new      (const char           *text,
                                          const char           *speaker,
                                          const char           *source);
ChronicleQuote *chronicle_quote_copy     (const ChronicleQuote *self);
void            chronicle_quote_free     (ChronicleQuote       *self);

typedef struct
{
  char *title;      /* nullable */
  char *publisher;  /* nullable */
  char *url;        /* nullable */
  char *date;       /* nullable, ISO 8601 as written */
} ChronicleSource;

#define CHRONICLE_TYPE_SOURCE (chronicle_source_get_type ())

GType            chronicle_source_get_type (void) G_GNUC_CONST;
ChronicleSource *chronicle_source_new      (const char            *title,
                                            const char            *publisher,
                                            const char            *url,
                                            const char            *date);
ChronicleSource *chronicle_source_copy     (const ChronicleSource *self);
void             chronicle_source_free     (ChronicleSource       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleQuote, chronicle_quote_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleSource, chronicle_source_free)

#define CHRONICLE_TYPE_EVENT (chronicle_event_get_type())

G_DECLARE_FINAL_TYPE (ChronicleEvent, chronicle_event, CHRONICLE, EVENT, GObject)

ChronicleEvent       *chronicle_event_new             (const char           *id,
                                                       const char           *title,
                                                       const ChronicleTime  *start);
const char           *chronicle_event_get_id          (ChronicleEvent       *self);
void                  chronicle_event_set_id          (ChronicleEvent       *self,
                                                       const char           *id);
/* TRUE when the file gave no id and the timeline derived one; the writer
 * then leaves it out, so that the file round-trips. */
gboolean              chronicle_event_has_derived_id  (ChronicleEvent       *self);
void                  chronicle_event_set_derived_id  (ChronicleEvent       *self,
                                                       const char           *id);
const char           *chronicle_event_get_title       (ChronicleEvent       *self);
void                  chronicle_event_set_title       (ChronicleEvent       *self,
                                                       const char           *title);
/* The kind's id; never %NULL ("other" by default). Interned. */
const char           *chronicle_event_get_kind        (ChronicleEvent       *self);
void                  chronicle_event_set_kind        (ChronicleEvent       *self,
                                                       const char           *kind);
ChronicleEventStatus  chronicle_event_get_status      (ChronicleEvent       *self);
void                  chronicle_event_set_status      (ChronicleEvent       *self,
                                                       ChronicleEventStatus  status);
const ChronicleTime  *chronicle_event_get_start       (ChronicleEvent       *self);
void                  chronicle_event_set_start       (ChronicleEvent       *self,
                                                       const ChronicleTime  *start);
/* %NULL for a point event. */
const ChronicleTime  *chronicle_event_get_end         (ChronicleEvent       *self);
void                  chronicle_event_set_end         (ChronicleEvent       *self,
                                                       const ChronicleTime  *end);
gboolean              chronicle_event_is_range        (ChronicleEvent       *self);
/* The first instant and the first instant after the event: for a point
 * event the end of its start's period, so "2025-08-23" spans that day. */
gint64                chronicle_event_get_start_instant (ChronicleEvent     *self);
gint64                chronicle_event_get_end_instant (ChronicleEvent       *self);
gboolean              chronicle_event_get_approximate (ChronicleEvent       *self);
void                  chronicle_event_set_approximate (ChronicleEvent       *self,
                                                       gboolean              approximate);
const char           *chronicle_event_get_summary     (ChronicleEvent       *self);
void                  chronicle_event_set_summary     (ChronicleEvent       *self,
                                                       const char           *summary);
const char           *chronicle_event_get_description (ChronicleEvent       *self);
void                  chronicle_event_set_description (ChronicleEvent       *self,
                                                       const char           *description);
const char           *chronicle_event_get_location    (ChronicleEvent       *self);
void                  chronicle_event_set_location    (ChronicleEvent       *self,
                                                       const char           *location);
/* Actor ids (declared in the timeline) or plain names, %NULL-terminated. */
const char * const   *chronicle_event_get_actors      (ChronicleEvent       *self);
void                  chronicle_event_set_actors      (ChronicleEvent       *self,
                                                       const char * const   *actors);
const char * const   *chronicle_event_get_tags        (ChronicleEvent       *self);
void                  chronicle_event_set_tags        (ChronicleEvent       *self,
                                                       const char * const   *tags);
/* Arrays of ChronicleQuote and ChronicleSource, never %NULL. */
GPtrArray            *chronicle_event_get_quotes      (ChronicleEvent       *self);
void                  chronicle_event_add_quote       (ChronicleEvent       *self,
                                                       const ChronicleQuote *quote);
GPtrArray            *chronicle_event_get_sources     (ChronicleEvent       *self);
void                  chronicle_event_add_source      (ChronicleEvent       *self,
                                                       const ChronicleSource *source);
/* Members of the event's JSON object that Chronicle does not know, kept in
 * file order so that they are written back. %NULL when there are none. */
JsonObject           *chronicle_event_get_extra_members (ChronicleEvent     *self);
void                  chronicle_event_set_extra_members (ChronicleEvent     *self,
                                                         JsonObject         *extra);
/* The event's position in its file; breaks ties between equal starts. */
guint                 chronicle_event_get_file_index  (ChronicleEvent       *self);
void                  chronicle_event_set_file_index  (ChronicleEvent       *self,
                                                       guint                 file_index);
/* Everything an event holds but its quotes, sources and unknown members,
 * for building very many at once (from a cache). */
typedef struct
{
  char                 *id;           /* nullable */
  gboolean              derived_id;
  char                 *title;
  const char           *kind;         /* interned; %NULL: "other" */
  ChronicleEventStatus  status;
  ChronicleTime         start;
  gboolean              has_end;
  ChronicleTime         end;
  char                 *summary;      /* nullable */
  char                 *description;  /* nullable */
  char                 *location;     /* nullable */
  char                **actors;       /* nullable, not empty */
  char                **tags;         /* nullable, not empty */
  guint                 file_index;
} ChronicleEventFields;

/* Takes the strings and arrays of @fields (leaving %NULL there), without
 * copying them or notifying anything. */
ChronicleEvent       *chronicle_event_new_take        (ChronicleEventFields *fields);
/* Orders by start, then by file index. */
int                   chronicle_event_compare         (ChronicleEvent       *a,
                                                       ChronicleEvent       *b);
/* A stable id from the event's title and start ("ev-" + 12 hex digits). */
char                 *chronicle_event_derive_id       (ChronicleEvent       *self);

G_END_DECLS
