/* chronicle-cli.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The command-line modes (--validate, --list) run in the calling process
 * and never need a display or a session bus: scripts and CI use them.
 */

/* The options of the command-line modes, for `chronicle --help`. */
const GOptionEntry *chronicle_cli_get_option_entries (void);
/* TRUE when @argv asks for a command-line mode. */
gboolean            chronicle_cli_wants              (char * const *argv);
/* Runs the mode @argv asks for and returns the exit status. */
int                 chronicle_cli_run                (char       **argv);

G_END_DECLS
