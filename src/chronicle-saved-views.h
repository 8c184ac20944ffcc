/* chronicle-saved-views.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "chronicle-view.h"

G_BEGIN_DECLS

/*
 * Where the views the user saves go (GLib only).
 *
 * Into the timeline file itself when it can be replaced: the file is read
 * again, the views edited, and everything written back atomically, so
 * that the rest of the file stays as it was. Otherwise (a read-only file,
 * the bundled timeline) they are kept for that file in
 * g_get_user_data_dir()/chronicle/views/<SHA-256 of its URI>.json, a
 * small JSON document whose "views" are view objects of the timeline
 * format.
 */

#define CHRONICLE_SAVED_VIEWS_ERROR (chronicle_saved_views_error_quark ())

typedef enum
{
  /* The views document is not one. */
  CHRONICLE_SAVED_VIEWS_ERROR_INVALID,
  /* The timeline file has problems that writing it back would lose. */
  CHRONICLE_SAVED_VIEWS_ERROR_LOSSY,
} ChronicleSavedViewsError;

GQuark      chronicle_saved_views_error_quark       (void);

/* The document that keeps the views of @file in the user's data folder. */
GFile      *chronicle_saved_views_get_local_file    (GFile                *file);
/* A GListStore of ChronicleView: the views kept for @file, empty when
 * there are none. Dates without an offset are read in @tz. */
GListStore *chronicle_saved_views_load_local        (GFile                *file,
                                                     GTimeZone            *tz,
                                                     GError              **error);
/* Replaces the views kept for @file (atomically); no views removes the
 * document. */
gboolean    chronicle_saved_views_save_local        (GFile                *file,
                                                     GListModel           *views,
                                                     GError              **error);

/* TRUE when views can be written into @file: a local file that exists
 * and that we may replace, in a folder we may write to. */
gboolean    chronicle_saved_views_can_write_file    (GFile                *file);
/* Reads @file again, adds @view (replacing the view with its id) unless
 * it is %NULL, removes the view @remove_id unless it is %NULL, and writes
 * the file back atomically, in a worker thread. Refuses, with
 * %CHRONICLE_SAVED_VIEWS_ERROR_LOSSY, a file that has something the model
 * could not read and would not write back (a colour that does not parse). */
void        chronicle_saved_views_update_file_async (GFile                *file,
                                                     ChronicleView        *view,
                                                     const char           *remove_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
/* The views of the file as written: a GListModel of ChronicleView. */
GListModel *chronicle_saved_views_update_file_finish (GAsyncResult        *result,
                                                      GError             **error);

/* An id for a view called @title ("the-mayor-s-statements"), used by no
 * view of @views_a nor @views_b (either may be %NULL). */
char       *chronicle_saved_views_make_id           (const char           *title,
                                                     GListModel           *views_a,
                                                     GListModel           *views_b);

G_END_DECLS
