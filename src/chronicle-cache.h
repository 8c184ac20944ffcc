/* chronicle-cache.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "chronicle-timeline.h"

G_BEGIN_DECLS

/*
 * The model of a big timeline file, kept after its first load so that
 * opening the file again skips parsing it: a GVariant file in
 * g_get_user_cache_dir()/chronicle/, one per source file, keyed by the
 * file's path, size and modification time and by the cache format, read
 * back with g_mapped_file. The events are arrays of fixed-size records
 * and one table of strings, read in place; everything else (kinds,
 * actors, eras, views, unknown members) is the writer's JSON, read by the
 * loader. A checksum covers all of it, so that a cache that is stale,
 * truncated or corrupt is ignored (and replaced after the next load).
 *
 * Only files that load without errors or warnings are cached, from
 * CHRONICLE_CACHE_MIN_SIZE bytes up; the cache keeps at most
 * CHRONICLE_CACHE_MAX_FILES files, forgetting the oldest.
 */

#define CHRONICLE_CACHE_MIN_SIZE  (4 * 1024 * 1024)
#define CHRONICLE_CACHE_MAX_FILES 8

/* Where the cache of the file at @path (absolute) lives. */
char              *chronicle_cache_get_path   (const char   *path);
/* The model cached for the file at @path, or %NULL when there is none or
 * it does not match @size and @mtime (µs since the epoch) or cannot be
 * read: stale, truncated, corrupt. @progress (nullable) is called with
 * fractions from 0 to 1 as the events are built. */
ChronicleTimeline *chronicle_cache_load       (const char   *path,
                                               guint64       size,
                                               gint64        mtime,
                                               GCancellable *cancellable,
                                               void        (*progress) (double   fraction,
                                                                        gpointer user_data),
                                               gpointer      user_data);
/* The cache of @timeline, as loaded from the file at @path; %NULL when it
 * cannot be cached (too big for the format). Reads @timeline: call it
 * before anything else may change it. */
GBytes            *chronicle_cache_serialize  (ChronicleTimeline *timeline,
                                               const char        *path,
                                               guint64            size,
                                               gint64             mtime);
/* Serializes @timeline (see chronicle_cache_serialize()), then writes it
 * in a thread of its own, piece by piece, atomically, and forgets the
 * oldest caches beyond CHRONICLE_CACHE_MAX_FILES. */
void               chronicle_cache_save       (ChronicleTimeline *timeline,
                                               const char        *path,
                                               guint64            size,
                                               gint64             mtime);
/* Returns once every chronicle_cache_save() so far has written its file. */
void               chronicle_cache_wait       (void);
/* Writes @bytes atomically as the cache of @path, then forgets the oldest
 * caches beyond CHRONICLE_CACHE_MAX_FILES. */
gboolean           chronicle_cache_write      (const char   *path,
                                               GBytes       *bytes,
                                               GError      **error);

G_END_DECLS
