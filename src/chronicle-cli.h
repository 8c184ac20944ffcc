/* chronicle-cli.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "chronicle-timeline.h"
#include "chronicle-view-state.h"

G_BEGIN_DECLS

/*
 * The command-line modes (--validate, --list, --export) run in the calling
 * process and never need a display or a session bus: scripts and CI use
 * them.
 *
 * The view options (--view, --from, --to, --kind, --actor, --search) set
 * the chosen view, for --list and for the window. They are kept as the
 * user wrote them until a timeline is loaded: a view id means something
 * only in its file, and a date without an offset is read in the
 * timeline's time zone.
 */

typedef struct
{
  char  *view;    /* a view id */
  char  *from;    /* ISO 8601 dates, at any precision */
  char  *to;
  char **kinds;   /* kind ids */
  char **actors;  /* actor ids or names */
  char  *search;
} ChronicleViewOptions;

void      chronicle_view_options_clear     (ChronicleViewOptions        *self);
gboolean  chronicle_view_options_is_empty  (const ChronicleViewOptions  *self);
/* Checks what can be checked without the timeline: the dates parse. */
gboolean  chronicle_view_options_check     (const ChronicleViewOptions  *self,
                                            GError                     **error);
/* The options as one string, for g_application_open()'s hint, so that
 * they reach the primary instance; and back. from_hint() returns FALSE,
 * leaving @self empty, for a hint that is not ours. */
char     *chronicle_view_options_to_hint   (const ChronicleViewOptions  *self);
gboolean  chronicle_view_options_from_hint (ChronicleViewOptions        *self,
                                            const char                  *hint);
/* Sets @state from the options, as one change: the view first (looked up
 * in @timeline, then in @more_views, a GListModel of ChronicleView), then
 * the other options over it. Fails, leaving @state alone, for an unknown
 * view or a date that does not parse. */
gboolean  chronicle_view_options_apply     (const ChronicleViewOptions  *self,
                                            ChronicleTimeline           *timeline,
                                            GListModel                  *more_views,
                                            ChronicleViewState          *state,
                                            GError                     **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChronicleViewOptions, chronicle_view_options_clear)

/* The options of the command-line modes and the view, for `chronicle --help`. */
const GOptionEntry *chronicle_cli_get_option_entries  (void);
/* TRUE when @argv asks for a command-line mode. */
gboolean            chronicle_cli_wants               (char * const          *argv);
/* TRUE when @argv has a view option (and may want a window). */
gboolean            chronicle_cli_wants_view          (char * const          *argv);
/* Runs the mode @argv asks for and returns the exit status. */
int                 chronicle_cli_run                 (char                 **argv);
/* Parses the view options and the files of @argv for a window; fails on
 * any other option or on a date that does not parse. */
gboolean            chronicle_cli_parse_view_options  (char                 **argv,
                                                       ChronicleViewOptions  *options,
                                                       char                ***files,
                                                       GError               **error);

G_END_DECLS
