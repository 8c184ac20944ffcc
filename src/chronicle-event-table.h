/* chronicle-event-table.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "chronicle-event.h"

G_BEGIN_DECLS

/*
 * What filtering and laying out need of every event of a timeline, in flat
 * arrays by timeline position: reading them touches no event object, so a
 * view of a million events can be prepared without making a million
 * objects. A table never changes once built; it is shared by reference
 * and may be read from any thread. The timeline gives the table of its
 * current events (chronicle_timeline_get_table()).
 *
 * Actors and tags are sets of strings: the strings of event @i are
 * strings[members[k]] for k from offsets[i] to offsets[i + 1], in the
 * order the event lists them, each distinct string once in @strings.
 */

typedef enum
{
  CHRONICLE_EVENT_TABLE_RANGE       = 1 << 0,  /* has an end */
  CHRONICLE_EVENT_TABLE_APPROXIMATE = 1 << 1,  /* start is approximate */
} ChronicleEventTableFlags;

typedef struct
{
  const guint32      *offsets;    /* n_events + 1 */
  const guint32      *members;
  const char * const *strings;
  guint               n_strings;
} ChronicleStringSets;

typedef struct _ChronicleEventTable ChronicleEventTable;
typedef struct _ChronicleEventTableBuilder ChronicleEventTableBuilder;

#define CHRONICLE_TYPE_EVENT_TABLE (chronicle_event_table_get_type ())

GType                chronicle_event_table_get_type         (void) G_GNUC_CONST;
ChronicleEventTable *chronicle_event_table_ref              (ChronicleEventTable *self);
void                 chronicle_event_table_unref            (ChronicleEventTable *self);

/* The table of @events, in that order. */
ChronicleEventTable *chronicle_event_table_new_from_events  (ChronicleEvent * const *events,
                                                             guint                  n_events);

guint                chronicle_event_table_get_n_events     (ChronicleEventTable *self);
/* chronicle_event_get_start_instant() and _get_end_instant() of each. */
const gint64        *chronicle_event_table_get_starts       (ChronicleEventTable *self);
const gint64        *chronicle_event_table_get_ends         (ChronicleEventTable *self);
/* The longest end − start. */
gint64               chronicle_event_table_get_max_duration (ChronicleEventTable *self);
/* ChronicleEventStatus of each. */
const guint8        *chronicle_event_table_get_statuses     (ChronicleEventTable *self);
/* ChronicleEventTableFlags of each. */
const guint8        *chronicle_event_table_get_flags        (ChronicleEventTable *self);
/* Each event's kind as a number into @kind_ids: the kinds' ids as the
 * events give them (interned; unknown kinds included), each once. */
const guint32       *chronicle_event_table_get_kinds        (ChronicleEventTable *self);
const char * const  *chronicle_event_table_get_kind_ids     (ChronicleEventTable *self,
                                                             guint               *n_kind_ids);
void                 chronicle_event_table_get_actors       (ChronicleEventTable *self,
                                                             ChronicleStringSets *actors);
void                 chronicle_event_table_get_tags         (ChronicleEventTable *self,
                                                             ChronicleStringSets *tags);

/* Building a table one event at a time, for loaders that have no event
 * objects (the cache). Strings are copied; @kind is interned. */
ChronicleEventTableBuilder *chronicle_event_table_builder_new   (guint                       n_events_hint);
void                 chronicle_event_table_builder_add_event    (ChronicleEventTableBuilder *builder,
                                                                 gint64                      start,
                                                                 gint64                      end,
                                                                 ChronicleEventStatus        status,
                                                                 guint8                      flags,
                                                                 const char                 *kind);
/* The actors (tags) of the event added last, one at a time; @key, when
 * not 0, stands for the string wherever it comes again (the cache's
 * string number), which spares hashing it. */
void                 chronicle_event_table_builder_add_actor    (ChronicleEventTableBuilder *builder,
                                                                 const char                 *actor,
                                                                 guint32                     key);
void                 chronicle_event_table_builder_add_tag      (ChronicleEventTableBuilder *builder,
                                                                 const char                 *tag,
                                                                 guint32                     key);
ChronicleEventTable *chronicle_event_table_builder_end          (ChronicleEventTableBuilder *builder);
void                 chronicle_event_table_builder_free         (ChronicleEventTableBuilder *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleEventTable, chronicle_event_table_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleEventTableBuilder, chronicle_event_table_builder_free)

G_END_DECLS
