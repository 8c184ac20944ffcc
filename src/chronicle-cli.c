/* chronicle-cli.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-cli"

#include "config.h"

#include "chronicle-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "chronicle-loader.h"

enum {
  EXIT_VALID = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  gboolean   validate;
  gboolean   list;
  char     **files;
} CliOptions;

static CliOptions cli_options;

static const GOptionEntry cli_entries[] = {
  { "validate", 0, 0, G_OPTION_ARG_NONE, &cli_options.validate,
    N_("Check timeline files and print their problems, then exit"), NULL },
  { "list", 0, 0, G_OPTION_ARG_NONE, &cli_options.list,
    N_("Print the events of a timeline file, one per line, tab-separated, then exit"), NULL },
  { NULL }
};

const GOptionEntry *
chronicle_cli_get_option_entries (void)
{
  return cli_entries;
}

gboolean
chronicle_cli_wants (char * const *argv)
{
  g_return_val_if_fail (argv != NULL, FALSE);

  for (guint i = 1; argv[i] != NULL; i++)
    {
      /* Whatever follows "--" is a file name, not an option. */
      if (g_str_equal (argv[i], "--"))
        break;

      for (guint j = 0; cli_entries[j].long_name != NULL; j++)
        {
          const char *name = cli_entries[j].long_name;

          if (g_str_has_prefix (argv[i], "--") &&
              g_str_equal (argv[i] + 2, name))
            return TRUE;
        }
    }

  return FALSE;
}

static void
print_diagnostics (ChronicleLoader *loader,
                   const char      *file_name)
{
  GPtrArray *diagnostics = chronicle_loader_get_diagnostics (loader);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = chronicle_diagnostic_to_string (diagnostic, file_name);

      g_printerr ("%s\n", line);
    }
}

/* Loads @path, printing every diagnostic with the name as the user gave it. */
static ChronicleTimeline *
load_for_cli (const char       *path,
              ChronicleLoader **out_loader)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GError) error = NULL;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);

  if (chronicle_loader_get_diagnostics (loader)->len > 0)
    print_diagnostics (loader, path);
  else if (error != NULL)
    g_printerr ("%s: %s\n", path, error->message);

  if (out_loader != NULL)
    *out_loader = g_steal_pointer (&loader);

  return g_steal_pointer (&timeline);
}

static int
run_validate (char **files)
{
  int status = EXIT_VALID;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(ChronicleLoader) loader = NULL;
      g_autoptr(ChronicleTimeline) timeline = load_for_cli (files[i], &loader);

      if (timeline == NULL)
        {
          status = EXIT_INVALID;
          continue;
        }

      {
        guint n_events = chronicle_timeline_get_n_events (timeline);
        guint n_warnings = chronicle_loader_get_n_warnings (loader);
        g_autofree char *events_text = NULL;
        g_autofree char *warnings_text = NULL;

        events_text = g_strdup_printf (ngettext ("%u event", "%u events", n_events), n_events);
        warnings_text = g_strdup_printf (ngettext ("%u warning", "%u warnings", n_warnings), n_warnings);
        /* Translators: "FILE: valid (12 events, 0 warnings)" */
        g_print (_("%s: valid (%s, %s)\n"), files[i], events_text, warnings_text);
      }
    }

  return status;
}

/* Keeps one event on one line: tabs and line breaks in a title would break
 * the columns a script reads. */
static void
append_field (GString    *line,
              const char *text)
{
  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      if (*p == '\t' || *p == '\n' || *p == '\r')
        g_string_append_c (line, ' ');
      else
        g_string_append_c (line, *p);
    }
}

static int
run_list (char **files)
{
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  guint n_events;

  if (g_strv_length (files) != 1)
    {
      g_printerr (_("--list takes exactly one timeline file\n"));
      return EXIT_USAGE;
    }

  timeline = load_for_cli (files[0], NULL);
  if (timeline == NULL)
    return EXIT_INVALID;

  n_events = chronicle_timeline_get_n_events (timeline);
  for (guint i = 0; i < n_events; i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (timeline, i);
      const ChronicleTime *end = chronicle_event_get_end (event);
      g_autofree char *start_text = chronicle_time_to_iso8601 (chronicle_event_get_start (event));
      g_autofree char *end_text = end != NULL ? chronicle_time_to_iso8601 (end) : NULL;

      g_string_truncate (line, 0);
      g_string_append_printf (line, "%s\t%s\t", start_text, end_text ? end_text : "");
      append_field (line, chronicle_event_get_kind (event));
      g_string_append_c (line, '\t');
      append_field (line, chronicle_event_status_to_string (chronicle_event_get_status (event)));
      g_string_append_c (line, '\t');
      append_field (line, chronicle_event_get_id (event));
      g_string_append_c (line, '\t');
      append_field (line, chronicle_event_get_title (event));
      g_string_append_c (line, '\n');

      fwrite (line->str, 1, line->len, stdout);
    }

  return fflush (stdout) == 0 ? EXIT_VALID : EXIT_INVALID;
}

int
chronicle_cli_run (char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) args = NULL;
  char **files = NULL;
  int status;
  const GOptionEntry remaining_entry[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };

  g_return_val_if_fail (argv != NULL, EXIT_USAGE);

  memset (&cli_options, 0, sizeof cli_options);

  context = g_option_context_new (_("FILE…"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, cli_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, remaining_entry, GETTEXT_PACKAGE);

  /* g_option_context_parse_strv() edits its argument: parse a copy. */
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname () ? g_get_prgname () : "chronicle", error->message);
      return EXIT_USAGE;
    }

  if (files == NULL || files[0] == NULL)
    {
      g_printerr (_("%s: no timeline file given\n"), g_get_prgname () ? g_get_prgname () : "chronicle");
      g_strfreev (files);
      return EXIT_USAGE;
    }

  if (cli_options.validate && cli_options.list)
    {
      g_printerr (_("--validate and --list cannot be used together\n"));
      status = EXIT_USAGE;
    }
  else if (cli_options.validate)
    status = run_validate (files);
  else
    status = run_list (files);

  g_strfreev (files);

  return status;
}
