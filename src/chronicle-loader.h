/* chronicle-loader.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "chronicle-diagnostic.h"
#include "chronicle-timeline.h"

G_BEGIN_DECLS

#define CHRONICLE_LOADER_ERROR (chronicle_loader_error_quark ())

typedef enum
{
  CHRONICLE_LOADER_ERROR_IO,       /* missing, unreadable, a directory */
  CHRONICLE_LOADER_ERROR_SYNTAX,   /* not JSON: has a line and column */
  CHRONICLE_LOADER_ERROR_CONTENT,  /* JSON, but not a timeline: has a path */
  CHRONICLE_LOADER_ERROR_VERSION,  /* a newer format version */
} ChronicleLoaderError;

/* How many errors one load reports before it stops looking. */
#define CHRONICLE_LOADER_MAX_ERRORS 20
/* How many warnings one load keeps; one more says that others were left
 * out. Warnings never stop a load. */
#define CHRONICLE_LOADER_MAX_WARNINGS 100

/*
 * Reads a timeline file (format v1). One loader serves one load; after it,
 * the diagnostics say every warning and error found, each with its place.
 * The GError of a failed load names the file and lists the errors.
 *
 * Unknown members of the top level, of events, of views and of view
 * filters are kept, in order, for the writer; unknown members of kinds,
 * actors, eras, quotes, sources and view windows are dropped.
 */

#define CHRONICLE_TYPE_LOADER (chronicle_loader_get_type())

G_DECLARE_FINAL_TYPE (ChronicleLoader, chronicle_loader, CHRONICLE, LOADER, GObject)

GQuark             chronicle_loader_error_quark        (void);
ChronicleLoader   *chronicle_loader_new                (void);
ChronicleTimeline *chronicle_loader_load_file          (ChronicleLoader      *self,
                                                        GFile                *file,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
/* @display_name names the data in messages (a file name). */
ChronicleTimeline *chronicle_loader_load_bytes         (ChronicleLoader      *self,
                                                        GBytes               *bytes,
                                                        const char           *display_name,
                                                        GCancellable         *cancellable,
                                                        GError              **error);
/* Reads and builds the model in a worker thread. Meanwhile "progress"
 * (0 to 1) is notified on the thread-default main context of the caller,
 * and @cancellable stops the work between two events (only the final sort
 * of a big file runs to its end). */
void               chronicle_loader_load_file_async    (ChronicleLoader      *self,
                                                        GFile                *file,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
ChronicleTimeline *chronicle_loader_load_file_finish   (ChronicleLoader      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
/* ChronicleDiagnostic of the last load, errors and warnings in file order. */
GPtrArray         *chronicle_loader_get_diagnostics    (ChronicleLoader      *self);
/* Both count the closing "too many …" diagnostic when there is one. */
guint              chronicle_loader_get_n_errors       (ChronicleLoader      *self);
guint              chronicle_loader_get_n_warnings     (ChronicleLoader      *self);
/* Whether a big local file is read from the cache when it has not changed
 * since it was last loaded, and cached after loading without diagnostics
 * (chronicle-cache.h). TRUE by default; the environment variable
 * CHRONICLE_NO_CACHE turns it off, and CHRONICLE_CACHE_MIN_SIZE sets the
 * size from which files are cached. */
void               chronicle_loader_set_use_cache      (ChronicleLoader      *self,
                                                        gboolean              use_cache);
gboolean           chronicle_loader_get_use_cache      (ChronicleLoader      *self);
/* TRUE when the last load read the cache. */
gboolean           chronicle_loader_get_used_cache     (ChronicleLoader      *self);
/* How far the load is, from 0 to 1. Any thread may read it. */
double             chronicle_loader_get_progress       (ChronicleLoader      *self);
/* The name messages use for the last file ("chicago.json"). */
const char        *chronicle_loader_get_display_name   (ChronicleLoader      *self);

G_END_DECLS
