/* main.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "chronicle-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ChronicleApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* Lets the tests and an uninstalled build find the translations. */
  localedir = g_getenv ("CHRONICLE_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = chronicle_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
