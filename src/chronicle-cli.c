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

#include "chronicle-event-filter.h"
#include "chronicle-exporter.h"
#include "chronicle-loader.h"

enum {
  EXIT_VALID = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

/* Everything the command line says, for one run. A mode is a flag; each
 * mode has a run_*() function taking the whole struct. */
typedef struct
{
  /* Modes */
  gboolean              validate;
  gboolean              list;
  char                 *export;   /* the file to write */

  /* How --export writes; 0 or NULL when not given. */
  char                 *format;
  int                   width;
  int                   scale;
  char                 *theme;
  char                 *page;

  /* The chosen view, for --list and for the window. */
  ChronicleViewOptions  view;

  char                **files;
} CliOptions;

static void
cli_options_clear (CliOptions *options)
{
  chronicle_view_options_clear (&options->view);
  g_clear_pointer (&options->export, g_free);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->theme, g_free);
  g_clear_pointer (&options->page, g_free);
  g_clear_pointer (&options->files, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

/* For --help, with no storage: chronicle_cli_parse() binds a copy to a
 * CliOptions through cli_entry_offsets, which follows this order. */
static const GOptionEntry cli_entries[] = {
  { "validate", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check timeline files and print their problems, then exit"), NULL },
  { "list", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the events of a timeline file, one per line, tab-separated, then exit"), NULL },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the view of the file with this id"), N_("ID") },
  { "from", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show only events that end after the start of this date"), N_("DATE") },
  { "to", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show only events that start before the end of this date"), N_("DATE") },
  { "kind", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Show only events of this kind (repeatable)"), N_("KIND") },
  { "actor", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_("Show only events with this actor, by id or name (repeatable)"), N_("ACTOR") },
  { "search", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show only events that match this text"), N_("TEXT") },
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Write the chosen view to OUT, in the format its extension names, then exit"), N_("OUT") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Export as png, svg, pdf, json, csv, ics or markdown, whatever the extension"), N_("FORMAT") },
  { "width", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("The width of an exported image, in pixels (default 1600)"), N_("PIXELS") },
  { "scale", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("The scale of an exported PNG: 1 or 2"), N_("SCALE") },
  { "theme", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The style of an exported image: light or dark"), N_("THEME") },
  { "page", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The page size of an exported PDF, landscape: a4 or letter"), N_("SIZE") },
  { NULL }
};

static const gsize cli_entry_offsets[] = {
  G_STRUCT_OFFSET (CliOptions, validate),
  G_STRUCT_OFFSET (CliOptions, list),
  G_STRUCT_OFFSET (CliOptions, view.view),
  G_STRUCT_OFFSET (CliOptions, view.from),
  G_STRUCT_OFFSET (CliOptions, view.to),
  G_STRUCT_OFFSET (CliOptions, view.kinds),
  G_STRUCT_OFFSET (CliOptions, view.actors),
  G_STRUCT_OFFSET (CliOptions, view.search),
  G_STRUCT_OFFSET (CliOptions, export),
  G_STRUCT_OFFSET (CliOptions, format),
  G_STRUCT_OFFSET (CliOptions, width),
  G_STRUCT_OFFSET (CliOptions, scale),
  G_STRUCT_OFFSET (CliOptions, theme),
  G_STRUCT_OFFSET (CliOptions, page),
};

G_STATIC_ASSERT (G_N_ELEMENTS (cli_entries) == G_N_ELEMENTS (cli_entry_offsets) + 1);

/* The options that choose a mode, and those that set the view. */
static const char * const cli_modes[] = { "validate", "list", "export", NULL };
/* Options only --export takes: on their own they are a mistake that the
 * command line, not the window, reports. */
static const char * const cli_export_options[] = { "format", "width", "scale", "theme", "page", NULL };
static const char * const cli_view_options[] = { "view", "from", "to", "kind", "actor", "search", NULL };

static const char *
get_prgname (void)
{
  return g_get_prgname () != NULL ? g_get_prgname () : "chronicle";
}

/* TRUE when @argv has one of @names as "--name" or "--name=value". */
static gboolean
argv_has_option (char * const       *argv,
                 const char * const *names)
{
  for (guint i = 1; argv[i] != NULL; i++)
    {
      const char *arg = argv[i];

      /* Whatever follows "--" is a file name, not an option. */
      if (g_str_equal (arg, "--"))
        break;

      if (!g_str_has_prefix (arg, "--"))
        continue;

      for (guint j = 0; names[j] != NULL; j++)
        {
          gsize len = strlen (names[j]);

          if (strncmp (arg + 2, names[j], len) == 0 &&
              (arg[2 + len] == '\0' || arg[2 + len] == '='))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
chronicle_cli_parse (char       **argv,
                     CliOptions  *options,
                     GError     **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree GOptionEntry *entries = NULL;
  g_auto(GStrv) args = NULL;
  const GOptionEntry remaining_entry[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->files, NULL, N_("FILE…") },
    { NULL }
  };

  entries = g_memdup2 (cli_entries, sizeof cli_entries);
  for (guint i = 0; i < G_N_ELEMENTS (cli_entry_offsets); i++)
    entries[i].arg_data = G_STRUCT_MEMBER_P (options, cli_entry_offsets[i]);

  context = g_option_context_new (_("FILE…"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, remaining_entry, GETTEXT_PACKAGE);

  /* g_option_context_parse_strv() edits its argument: parse a copy. */
  args = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &args, error))
    return FALSE;

  return chronicle_view_options_check (&options->view, error);
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
run_validate (const CliOptions *options)
{
  int status = EXIT_VALID;

  if (!chronicle_view_options_is_empty (&options->view))
    {
      g_printerr (_("--validate takes no view options\n"));
      return EXIT_USAGE;
    }

  for (guint i = 0; options->files[i] != NULL; i++)
    {
      const char *path = options->files[i];
      g_autoptr(ChronicleLoader) loader = NULL;
      g_autoptr(ChronicleTimeline) timeline = load_for_cli (path, &loader);

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
        g_print (_("%s: valid (%s, %s)\n"), path, events_text, warnings_text);
      }
    }

  return status;
}

/* Loads the one file of @options and sets up its chosen view: the events
 * it shows are the filter's items. Prints what went wrong and returns the
 * exit status otherwise. Every mode that works on a view starts here. */
static int
load_chosen_view (const CliOptions      *options,
                  const char            *mode,
                  ChronicleTimeline    **out_timeline,
                  ChronicleEventFilter **out_filter)
{
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(ChronicleViewState) state = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strv_length (options->files) != 1)
    {
      /* Translators: %s is an option, "--list" */
      g_printerr (_("%s takes exactly one timeline file\n"), mode);
      return EXIT_USAGE;
    }

  timeline = load_for_cli (options->files[0], NULL);
  if (timeline == NULL)
    return EXIT_INVALID;

  state = chronicle_view_state_new ();
  if (!chronicle_view_options_apply (&options->view, timeline, NULL, state, &error))
    {
      g_printerr ("%s: %s\n", options->files[0], error->message);
      return EXIT_USAGE;
    }

  *out_filter = chronicle_event_filter_new (timeline, state);
  *out_timeline = g_steal_pointer (&timeline);

  return EXIT_VALID;
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
run_list (const CliOptions *options)
{
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(ChronicleEventFilter) filter = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  guint n_events;
  int status;

  status = load_chosen_view (options, "--list", &timeline, &filter);
  if (status != EXIT_VALID)
    return status;

  n_events = g_list_model_get_n_items (G_LIST_MODEL (filter));
  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(ChronicleEvent) event = g_list_model_get_item (G_LIST_MODEL (filter), i);
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

/* TRUE when @options say how to export (which only --export takes). */
static gboolean
has_export_options (const CliOptions *options)
{
  return options->format != NULL || options->width != 0 || options->scale != 0 ||
         options->theme != NULL || options->page != NULL;
}

/* Reads how to export from @options; prints what is wrong otherwise. */
static gboolean
parse_export_options (const CliOptions       *options,
                      ChronicleExportFormat  *format,
                      ChronicleExportOptions *export_options)
{
  chronicle_export_options_init (export_options);

  if (options->format != NULL)
    {
      if (!chronicle_export_format_from_string (options->format, format))
        {
          /* Translators: do not translate the format names */
          g_printerr (_("--format: unknown format “%s”; use png, svg, pdf, json, csv, ics or markdown\n"),
                      options->format);
          return FALSE;
        }
    }
  else if (!chronicle_export_format_from_extension (options->export, format))
    {
      g_printerr (_("%s: the file name does not say which format to write; add --format\n"),
                  options->export);
      return FALSE;
    }

  if (options->width != 0)
    {
      if (options->width < CHRONICLE_EXPORT_MIN_WIDTH || options->width > CHRONICLE_EXPORT_MAX_WIDTH)
        {
          g_printerr (_("--width: %d is not between %d and %d pixels\n"), options->width,
                      CHRONICLE_EXPORT_MIN_WIDTH, CHRONICLE_EXPORT_MAX_WIDTH);
          return FALSE;
        }
      export_options->width = options->width;
    }

  if (options->scale != 0)
    {
      if (options->scale != 1 && options->scale != 2)
        {
          g_printerr (_("--scale: use 1 or 2\n"));
          return FALSE;
        }
      export_options->scale = options->scale;
    }

  if (options->theme != NULL)
    {
      if (g_ascii_strcasecmp (options->theme, "light") == 0)
        export_options->dark = FALSE;
      else if (g_ascii_strcasecmp (options->theme, "dark") == 0)
        export_options->dark = TRUE;
      else
        {
          g_printerr (_("--theme: use light or dark\n"));
          return FALSE;
        }
    }

  if (options->page != NULL && !chronicle_export_page_from_string (options->page, &export_options->page))
    {
      g_printerr (_("--page: use a4 or letter\n"));
      return FALSE;
    }

  return TRUE;
}

/* Writes the chosen view; no display is needed for any format. */
static int
run_export (const CliOptions *options)
{
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(ChronicleEventFilter) filter = NULL;
  g_autoptr(ChronicleExporter) exporter = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleExportOptions export_options;
  ChronicleExportFormat format;
  int status;

  if (!parse_export_options (options, &format, &export_options))
    return EXIT_USAGE;

  status = load_chosen_view (options, "--export", &timeline, &filter);
  if (status != EXIT_VALID)
    return status;

  exporter = chronicle_exporter_new (timeline, chronicle_event_filter_get_view_state (filter));
  chronicle_exporter_set_options (exporter, &export_options);

  /* Every write is atomic: on failure, a file that was there stays. */
  file = g_file_new_for_commandline_arg (options->export);
  if (!chronicle_exporter_write_file (exporter, format, file, NULL, &error))
    {
      g_printerr ("%s: %s\n", get_prgname (), error->message);
      return EXIT_INVALID;
    }

  if (format == CHRONICLE_EXPORT_FORMAT_ICALENDAR)
    {
      guint n_skipped = chronicle_data_export_count_skipped (timeline, chronicle_exporter_get_events (exporter),
                                                             format);

      if (n_skipped > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "%s: %u event was left out: iCalendar has no dates before year 1 or after 9999\n",
                                 "%s: %u events were left out: iCalendar has no dates before year 1 or after 9999\n",
                                 n_skipped),
                    options->export, n_skipped);
    }

  return EXIT_VALID;
}

static gboolean
parse_option_time (const char     *option,
                   const char     *text,
                   GTimeZone      *tz,
                   ChronicleTime  *out,
                   GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (chronicle_time_parse (text, tz, out, &local_error))
    return TRUE;

  /* Translators: "--from: <what was wrong with the date>" */
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("%s: %s"), option, local_error->message);
  return FALSE;
}

/* Both ends of the range, read in @tz; FALSE with @error when a date does
 * not parse or the range ends before it starts. */
static gboolean
parse_option_range (const ChronicleViewOptions  *self,
                    GTimeZone                   *tz,
                    ChronicleTime               *from,
                    ChronicleTime               *to,
                    GError                     **error)
{
  if (self->from != NULL && !parse_option_time ("--from", self->from, tz, from, error))
    return FALSE;

  if (self->to != NULL && !parse_option_time ("--to", self->to, tz, to, error))
    return FALSE;

  if (self->from != NULL && self->to != NULL &&
      chronicle_time_get_instant (from) >= chronicle_time_get_end_instant_in_zone (to, tz))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--to must not come before --from"));
      return FALSE;
    }

  return TRUE;
}

static ChronicleView *
find_view (GListModel *views,
           const char *id)
{
  guint n_views = views != NULL ? g_list_model_get_n_items (views) : 0;

  for (guint i = 0; i < n_views; i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);

      if (g_strcmp0 (chronicle_view_get_id (view), id) == 0)
        return g_steal_pointer (&view);
    }

  return NULL;
}

static void
append_view_ids (GString    *text,
                 GListModel *views)
{
  guint n_views = views != NULL ? g_list_model_get_n_items (views) : 0;

  for (guint i = 0; i < n_views; i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);

      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, chronicle_view_get_id (view));
    }
}

static void
add_json_strv (JsonBuilder        *builder,
               const char         *name,
               const char * const *values)
{
  if (values == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_json_string (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static char *
dup_json_string (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return g_strdup (json_node_get_string (node));
}

static char **
dup_json_strv (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  builder = g_strv_builder_new ();
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }

  return g_strv_builder_end (builder);
}

/* The member that marks a hint as ours. */
#define HINT_MEMBER "chronicle-view-options"

void
chronicle_view_options_clear (ChronicleViewOptions *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->view, g_free);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->kinds, g_strfreev);
  g_clear_pointer (&self->actors, g_strfreev);
  g_clear_pointer (&self->search, g_free);
}

gboolean
chronicle_view_options_is_empty (const ChronicleViewOptions *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->view == NULL &&
         self->from == NULL &&
         self->to == NULL &&
         self->kinds == NULL &&
         self->actors == NULL &&
         self->search == NULL;
}

gboolean
chronicle_view_options_check (const ChronicleViewOptions  *self,
                              GError                     **error)
{
  ChronicleTime from;
  ChronicleTime to;

  g_return_val_if_fail (self != NULL, FALSE);

  /* The time zone changes when a date is, not whether it parses. */
  return parse_option_range (self, NULL, &from, &to, error);
}

char *
chronicle_view_options_to_hint (const ChronicleViewOptions *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, HINT_MEMBER);
  json_builder_add_int_value (builder, 1);
  add_json_string (builder, "view", self->view);
  add_json_string (builder, "from", self->from);
  add_json_string (builder, "to", self->to);
  add_json_strv (builder, "kinds", (const char * const *) self->kinds);
  add_json_strv (builder, "actors", (const char * const *) self->actors);
  add_json_string (builder, "search", self->search);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

gboolean
chronicle_view_options_from_hint (ChronicleViewOptions *self,
                                  const char           *hint)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *object;
  JsonNode *root;

  g_return_val_if_fail (self != NULL, FALSE);

  chronicle_view_options_clear (self);

  if (hint == NULL || hint[0] != '{')
    return FALSE;

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, hint, -1, NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  object = json_node_get_object (root);
  if (!json_object_has_member (object, HINT_MEMBER))
    return FALSE;

  self->view = dup_json_string (object, "view");
  self->from = dup_json_string (object, "from");
  self->to = dup_json_string (object, "to");
  self->kinds = dup_json_strv (object, "kinds");
  self->actors = dup_json_strv (object, "actors");
  self->search = dup_json_string (object, "search");

  return TRUE;
}

gboolean
chronicle_view_options_apply (const ChronicleViewOptions  *self,
                              ChronicleTimeline           *timeline,
                              GListModel                  *more_views,
                              ChronicleViewState          *state,
                              GError                     **error)
{
  g_autoptr(ChronicleView) view = NULL;
  GTimeZone *tz;
  ChronicleTime from;
  ChronicleTime to;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (more_views == NULL || G_IS_LIST_MODEL (more_views), FALSE);
  g_return_val_if_fail (CHRONICLE_IS_VIEW_STATE (state), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tz = chronicle_timeline_get_time_zone (timeline);

  if (self->view != NULL)
    {
      view = find_view (chronicle_timeline_get_views (timeline), self->view);
      if (view == NULL)
        view = find_view (more_views, self->view);

      if (view == NULL)
        {
          g_autoptr(GString) ids = g_string_new (NULL);

          append_view_ids (ids, chronicle_timeline_get_views (timeline));
          append_view_ids (ids, more_views);

          if (ids->len > 0)
            /* Translators: the first %s is a view id, the second a list of them */
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("No view “%s” in this timeline; its views are: %s"),
                         self->view, ids->str);
          else
            g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                         _("No view “%s”: this timeline has no views"), self->view);
          return FALSE;
        }
    }

  if (!parse_option_range (self, tz, &from, &to, error))
    return FALSE;

  chronicle_view_state_freeze (state);

  if (view != NULL)
    chronicle_view_state_set_from_view (state, view);
  if (self->from != NULL)
    chronicle_view_state_set_from (state, &from);
  if (self->to != NULL)
    chronicle_view_state_set_to (state, &to);
  if (self->kinds != NULL)
    chronicle_view_state_set_kinds (state, (const char * const *) self->kinds);
  if (self->actors != NULL)
    chronicle_view_state_set_actors (state, (const char * const *) self->actors);
  if (self->search != NULL)
    chronicle_view_state_set_text (state, self->search);

  chronicle_view_state_thaw (state);

  return TRUE;
}

const GOptionEntry *
chronicle_cli_get_option_entries (void)
{
  return cli_entries;
}

gboolean
chronicle_cli_wants (char * const *argv)
{
  g_return_val_if_fail (argv != NULL, FALSE);

  return argv_has_option (argv, cli_modes) || argv_has_option (argv, cli_export_options);
}

gboolean
chronicle_cli_wants_view (char * const *argv)
{
  g_return_val_if_fail (argv != NULL, FALSE);

  return argv_has_option (argv, cli_view_options);
}

int
chronicle_cli_run (char **argv)
{
  g_auto(CliOptions) options = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_modes;

  g_return_val_if_fail (argv != NULL, EXIT_USAGE);

  if (!chronicle_cli_parse (argv, &options, &error))
    {
      g_printerr ("%s: %s\n", get_prgname (), error->message);
      return EXIT_USAGE;
    }

  if (options.files == NULL || options.files[0] == NULL)
    {
      g_printerr (_("%s: no timeline file given\n"), get_prgname ());
      return EXIT_USAGE;
    }

  n_modes = !!options.validate + !!options.list + (options.export != NULL);
  if (n_modes > 1)
    {
      g_printerr (_("--validate, --list and --export cannot be used together\n"));
      return EXIT_USAGE;
    }

  if (options.export == NULL && has_export_options (&options))
    {
      g_printerr (_("--format, --width, --scale, --theme and --page go with --export\n"));
      return EXIT_USAGE;
    }

  if (options.validate)
    return run_validate (&options);
  else if (options.export != NULL)
    return run_export (&options);
  else
    return run_list (&options);
}

gboolean
chronicle_cli_parse_view_options (char                 **argv,
                                  ChronicleViewOptions  *options,
                                  char                ***files,
                                  GError               **error)
{
  g_auto(CliOptions) parsed = { 0 };

  g_return_val_if_fail (argv != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (files != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!chronicle_cli_parse (argv, &parsed, error))
    return FALSE;

  if (parsed.validate || parsed.list || parsed.export != NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("The window takes no command-line mode"));
      return FALSE;
    }

  if (has_export_options (&parsed))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("--format, --width, --scale, --theme and --page go with --export"));
      return FALSE;
    }

  *options = parsed.view;
  memset (&parsed.view, 0, sizeof parsed.view);
  *files = g_steal_pointer (&parsed.files);

  return TRUE;
}
