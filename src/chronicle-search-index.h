/* chronicle-search-index.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "chronicle-bitset.h"
#include "chronicle-timeline.h"

G_BEGIN_DECLS

/*
 * The text of a timeline's events, tokenized and folded once, for searches
 * that ignore case and accents.
 *
 * Each event's title, summary, description, actor names, location, quotes
 * (text and speaker) and tags are split and folded with
 * g_str_tokenize_and_fold() in the current locale, ASCII alternates
 * included ("México" gives "méxico" and "mexico"). Every distinct folded
 * token is stored once, in one string chunk; an event is a run of token
 * numbers in one flat array. A query is folded the same way, and an event
 * matches when each of its tokens is a prefix of one of the event's tokens:
 * the semantics of g_str_match_string(), with alternates accepted. Accents
 * are also ignored the other way: a query token with accents matches
 * through its ASCII alternate too, so "méxico" finds "Mexico".
 *
 * Each word's events are also listed (posting lists), so that a query
 * word costs what its matches cost; when a query narrows the previous one
 * (one more letter, one more word) and few events are left, only the
 * previous matches are checked instead.
 *
 * The index is built by the first query, or beforehand in idle slices
 * with chronicle_search_index_build_in_idle(), and kept up to date on the
 * timeline's items-changed, re-reading only the events that changed.
 */

#define CHRONICLE_TYPE_SEARCH_INDEX (chronicle_search_index_get_type())

G_DECLARE_FINAL_TYPE (ChronicleSearchIndex, chronicle_search_index,
                      CHRONICLE, SEARCH_INDEX, GObject)

ChronicleSearchIndex *chronicle_search_index_new           (ChronicleTimeline    *timeline);
ChronicleTimeline    *chronicle_search_index_get_timeline  (ChronicleSearchIndex *self);
/* The timeline positions of the events that match @query, over all the
 * timeline's positions. A query without any word matches every event. */
ChronicleBitset      *chronicle_search_index_match         (ChronicleSearchIndex *self,
                                                            const char           *query);
/* Reads the events in slices of a few milliseconds from a low-priority
 * idle of the thread-default main context, so that the first search does
 * not have to. */
void                  chronicle_search_index_build_in_idle (ChronicleSearchIndex *self);
gboolean              chronicle_search_index_is_built      (ChronicleSearchIndex *self);
/* How many events are still to be read before chronicle_search_index_match()
 * can answer without reading them first ("built" is notified at the end). */
guint                 chronicle_search_index_get_n_unread  (ChronicleSearchIndex *self);
/* How many distinct folded tokens the index holds (builds it if needed). */
guint                 chronicle_search_index_get_n_tokens  (ChronicleSearchIndex *self);

G_END_DECLS
