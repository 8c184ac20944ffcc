/* chronicle-window.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "chronicle-timeline.h"

G_BEGIN_DECLS

/*
 * A window on one timeline: the event list, the drawn timeline and the
 * detail panel, sharing one selection. Files load asynchronously; a file
 * that fails to load is reported and the window keeps what it showed.
 */

#define CHRONICLE_TYPE_WINDOW (chronicle_window_get_type())

G_DECLARE_FINAL_TYPE (ChronicleWindow, chronicle_window, CHRONICLE, WINDOW, AdwApplicationWindow)

ChronicleWindow   *chronicle_window_new           (GtkApplication  *application);
/* Loads @file in the background, replacing the current timeline on success. */
void               chronicle_window_open_file     (ChronicleWindow *self,
                                                   GFile           *file);
/* Opens the timeline that ships with Chronicle. */
void               chronicle_window_load_bundled  (ChronicleWindow *self);
/* The timeline shown, or %NULL before the first load. */
ChronicleTimeline *chronicle_window_get_timeline  (ChronicleWindow *self);
/* The file of the timeline shown, or %NULL. */
GFile             *chronicle_window_get_file      (ChronicleWindow *self);

G_END_DECLS
