/* test-cli.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real `chronicle` binary the way a script would: no display, no
 * session bus, and reads what it prints.
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "chronicle-loader.h"

typedef struct
{
  int    status;
  char  *out;
  char  *err;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static char *
bundled_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "timelines", "chicago-2025.json", NULL);
}

/* Runs chronicle with @args (NULL-terminated) and an environment without a
 * display or a session bus; @language sets LANGUAGE/LC_ALL when not NULL. */
static void
run_chronicle (RunResult          *result,
               const char         *language,
               const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("CHRONICLE_BINARY");
  int wait_status = 0;

  g_assert_nonnull (binary);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "DBUS_SESSION_BUS_ADDRESS");
  /* A bus address that cannot work: a mode that tried to use it would fail. */
  envp = g_environ_setenv (envp, "DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus", TRUE);
  if (language != NULL)
    {
      envp = g_environ_setenv (envp, "LANGUAGE", language, TRUE);
      envp = g_environ_setenv (envp, "LC_ALL", "es_ES.UTF-8", TRUE);
    }
  else
    {
      envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
      envp = g_environ_unsetenv (envp, "LANGUAGE");
    }

  g_ptr_array_add (argv, (char *) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);

  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

static void
test_cli_help (void)
{
  g_auto(RunResult) result = { 0 };

  run_chronicle (&result, NULL, (const char *[]) { "--help", NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "--validate"));
  g_assert_nonnull (strstr (result.out, "--list"));
  g_assert_nonnull (strstr (result.out, "--version"));
}

static void
test_cli_help_view_options (void)
{
  const char *options[] = { "--view=ID", "--from=DATE", "--to=DATE", "--kind=KIND", "--actor=ACTOR", "--search=TEXT" };
  g_auto(RunResult) result = { 0 };

  run_chronicle (&result, NULL, (const char *[]) { "--help", NULL });
  g_assert_cmpint (result.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (result.out, options[i]));
}

static void
test_cli_version (void)
{
  g_auto(RunResult) result = { 0 };

  run_chronicle (&result, NULL, (const char *[]) { "--version", NULL });
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, PACKAGE_NAME " " PACKAGE_VERSION "\n");
}

static void
test_cli_validate_bundled (void)
{
  g_autofree char *path = bundled_path ();
  g_autofree char *expected = g_strdup_printf ("%s: valid (", path);
  g_auto(RunResult) result = { 0 };

  run_chronicle (&result, NULL, (const char *[]) { "--validate", path, NULL });
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, expected));
  g_assert_nonnull (strstr (result.out, ", 0 warnings)"));
}

static void
test_cli_validate_syntax_error (void)
{
  g_autofree char *path = data_path ("cli-broken.json");
  g_autofree char *expected = g_strdup_printf ("%s:4:24: error: ", path);
  g_auto(RunResult) result = { 0 };

  run_chronicle (&result, NULL, (const char *[]) { "--validate", path, NULL });
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  /* Compiler style: FILE:LINE:COL: error: what was expected. */
  g_assert_true (g_str_has_prefix (result.err, expected));
}

static void
test_cli_validate_content_error (void)
{
  g_autofree char *path = data_path ("cli-invalid.json");
  g_autofree char *expected = g_strdup_printf ("%s:events[0].start: error: ", path);
  g_auto(RunResult) result = { 0 };

  run_chronicle (&result, NULL, (const char *[]) { "--validate", path, NULL });
  g_assert_cmpint (result.status, ==, 1);
  g_assert_true (g_str_has_prefix (result.err, expected));
  g_assert_nonnull (strstr (result.err, "yesterday"));
}

static void
test_cli_validate_several (void)
{
  g_autofree char *good = data_path ("cli-small.json");
  g_autofree char *bad = data_path ("cli-invalid.json");
  g_autofree char *missing = data_path ("does-not-exist.json");
  g_auto(RunResult) result = { 0 };

  run_chronicle (&result, NULL, (const char *[]) { "--validate", good, bad, missing, NULL });
  /* One bad file makes the whole run fail, and every file is reported. */
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.out, "cli-small.json: valid (3 events, 0 warnings)"));
  g_assert_nonnull (strstr (result.err, "cli-invalid.json:events[0].start: error: "));
  g_assert_nonnull (strstr (result.err, "does-not-exist.json"));
}

static void
test_cli_list (void)
{
  g_autofree char *path = data_path ("cli-small.json");
  g_auto(RunResult) result = { 0 };
  g_auto(GStrv) lines = NULL;

  run_chronicle (&result, NULL, (const char *[]) { "--list", path, NULL });
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpint (result.status, ==, 0);

  lines = g_strsplit (result.out, "\n", -1);
  /* Three events and the empty string after the last newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  /* Time order, BCE first; tabs inside a title do not break the columns. */
  g_assert_cmpstr (lines[0], ==, "-0752\t\tother\toccurred\tearly\tFounding of Rome");
  g_assert_cmpstr (lines[1], ==, "2025-08-26T10:30\t\tstatement\toccurred\tlate\tSecond event with a tab");
  g_assert_cmpstr (lines[2], ==, "2025-09-05\t2025-10-05\tplanned-deployment\tplanned\trange\tA planned range");
  g_assert_cmpstr (lines[3], ==, "");
}

static void
test_cli_list_bundled (void)
{
  g_autofree char *path = bundled_path ();
  g_auto(RunResult) result = { 0 };
  g_auto(GStrv) lines = NULL;
  guint n_lines;

  run_chronicle (&result, NULL, (const char *[]) { "--list", path, NULL });
  g_assert_cmpint (result.status, ==, 0);

  lines = g_strsplit (result.out, "\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, >, 10);

  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (columns), ==, 6);
      g_assert_cmpstr (columns[4], !=, "");
      g_assert_cmpstr (columns[5], !=, "");
    }

  /* The executive order was signed on Saturday 30 August 2025. */
  g_assert_nonnull (strstr (result.out, "2025-08-30\t\torder-signing\toccurred\t"));
  g_assert_nonnull (strstr (result.out, "2025-09-05\t2025-10-05\tplanned-deployment\tplanned\t"));
}

static void
test_cli_list_failure (void)
{
  g_autofree char *path = data_path ("cli-broken.json");
  g_auto(RunResult) result = { 0 };

  run_chronicle (&result, NULL, (const char *[]) { "--list", path, NULL });
  g_assert_cmpint (result.status, !=, 0);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "cli-broken.json:4:24: error: "));
}

static void
test_cli_usage_errors (void)
{
  g_autofree char *path = data_path ("cli-small.json");
  g_auto(RunResult) no_file = { 0 };
  g_auto(RunResult) two_files = { 0 };
  g_auto(RunResult) bad_option = { 0 };

  run_chronicle (&no_file, NULL, (const char *[]) { "--list", NULL });
  g_assert_cmpint (no_file.status, ==, 2);
  g_assert_nonnull (strstr (no_file.err, "no timeline file given"));

  run_chronicle (&two_files, NULL, (const char *[]) { "--list", path, path, NULL });
  g_assert_cmpint (two_files.status, ==, 2);
  g_assert_nonnull (strstr (two_files.err, "exactly one"));

  run_chronicle (&bad_option, NULL, (const char *[]) { "--list", "--no-such-option", path, NULL });
  g_assert_cmpint (bad_option.status, ==, 2);
  g_assert_nonnull (strstr (bad_option.err, "--no-such-option"));
}

static void
test_cli_spanish (void)
{
  g_autofree char *good = data_path ("cli-small.json");
  g_autofree char *bad = data_path ("cli-invalid.json");
  g_auto(RunResult) result = { 0 };

  if (setlocale (LC_ALL, "es_ES.UTF-8") == NULL)
    {
      g_test_skip ("the es_ES.UTF-8 locale is not installed (build-aux/install-deps makes it)");
      return;
    }
  setlocale (LC_ALL, "C.UTF-8");

  run_chronicle (&result, "es", (const char *[]) { "--validate", good, bad, NULL });
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.out, "cli-small.json: válido (3 eventos, 0 avisos)"));
  /* The loader's messages are translated too. */
  g_assert_nonnull (strstr (result.err, "cli-invalid.json:events[0].start: error: "));
  g_assert_null (strstr (result.err, "expected"));
}

/* Runs `chronicle --list ARGS… browse.json` and returns the ids of the
 * events it prints, in order, joined by spaces. */
static char *
list_ids (const char * const *args,
          int                 expected_status)
{
  g_autofree char *path = data_path ("browse.json");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(RunResult) result = { 0 };
  g_auto(GStrv) lines = NULL;
  GString *ids = g_string_new (NULL);

  g_ptr_array_add (argv, (char *) "--list");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, NULL);

  run_chronicle (&result, NULL, (const char * const *) argv->pdata);
  g_assert_cmpint (result.status, ==, expected_status);

  lines = g_strsplit (result.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (columns), ==, 6);
      if (ids->len > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, columns[4]);
    }

  return g_string_free (ids, FALSE);
}

#define assert_list(expected, ...)                                        \
  G_STMT_START {                                                          \
    g_autofree char *ids_ = list_ids ((const char *[]) { __VA_ARGS__, NULL }, 0); \
    g_assert_cmpstr (ids_, ==, expected);                                 \
  } G_STMT_END

static void
test_cli_list_view (void)
{
  /* The kinds and actors of the view's filter; the unknown members of the
   * file's view do not matter. */
  assert_list ("statement-mayor governor", "--view", "mayor");
  assert_list ("visit", "--view=mexico");
  assert_list ("statement-mayor governor", "--view", "planned-late-august", "--view", "mayor");
  /* An option given with a view narrows the view. */
  assert_list ("statement-mayor governor", "--view", "week-of-25-august", "--kind", "statement");
}

static void
test_cli_list_from_to (void)
{
  /* Events that overlap the range: the vigil ends on 25 August, the raid
   * starts at the last minute of the last day. */
  assert_list ("vigil statement-mayor governor order raid", "--from", "2025-08-25", "--to", "2025-08-31");
  assert_list ("raid deployment", "--from", "2025-08-31T12:00");
  assert_list ("parade", "--to", "2025-07");
  assert_list ("visit before vigil statement-mayor governor order raid deployment", "--from=2025-08");
}

static void
test_cli_list_kind_actor (void)
{
  assert_list ("vigil statement-mayor governor", "--kind", "statement", "--kind", "vigil");
  /* By id or by name; an event with several actors is there for each. */
  assert_list ("governor", "--actor", "pritzker");
  assert_list ("statement-mayor governor order", "--actor", "Brandon Johnson");
  assert_list ("governor raid", "--actor", "pritzker", "--actor", "ICE agents", "--kind", "statement",
               "--kind", "order-signing", "--kind", "report");
}

static void
test_cli_list_search (void)
{
  /* Case and accents do not matter, both ways. */
  assert_list ("visit", "--search", "mexico");
  assert_list ("visit", "--search", "MÉXICO");
  /* The description ("the Zócalo café") is searched too. */
  assert_list ("vigil", "--search", "zocalo");
  assert_list ("", "--search", "nothing-matches-this");
  assert_list ("statement-mayor governor", "--search", "chicago", "--kind", "statement");
}

static void
test_cli_list_view_errors (void)
{
  g_autofree char *path = data_path ("browse.json");
  g_auto(RunResult) unknown_view = { 0 };
  g_auto(RunResult) bad_date = { 0 };
  g_auto(RunResult) backwards = { 0 };
  g_auto(RunResult) validate = { 0 };

  run_chronicle (&unknown_view, NULL, (const char *[]) { "--list", "--view", "nope", path, NULL });
  g_assert_cmpint (unknown_view.status, ==, 2);
  g_assert_cmpstr (unknown_view.out, ==, "");
  /* It says which views there are. */
  g_assert_nonnull (strstr (unknown_view.err, "“nope”"));
  g_assert_nonnull (strstr (unknown_view.err, "mayor, planned-late-august, week-of-25-august"));

  run_chronicle (&bad_date, NULL, (const char *[]) { "--list", "--from", "yesterday", path, NULL });
  g_assert_cmpint (bad_date.status, ==, 2);
  g_assert_cmpstr (bad_date.out, ==, "");
  g_assert_nonnull (strstr (bad_date.err, "--from"));
  g_assert_nonnull (strstr (bad_date.err, "yesterday"));

  run_chronicle (&backwards, NULL, (const char *[]) { "--list", "--from", "2025-09", "--to", "2025-08", path, NULL });
  g_assert_cmpint (backwards.status, ==, 2);
  g_assert_nonnull (strstr (backwards.err, "--to"));

  run_chronicle (&validate, NULL, (const char *[]) { "--validate", "--kind", "statement", path, NULL });
  g_assert_cmpint (validate.status, ==, 2);
}

/* Export ------------------------------------------------------------------- */

/* A directory of the test's own, removed with what is in it. */
static char *
make_export_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("chronicle-cli-export-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static void
remove_export_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_chmod (dir, 0755);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

/* The size a PNG says in its IHDR chunk. */
static void
png_size (const char *path,
          guint      *width,
          guint      *height)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  const guchar *p;

  g_file_get_contents (path, &contents, &length, NULL);
  g_assert_cmpuint (length, >, 24);
  p = (const guchar *) contents;
  g_assert_cmpmem (p, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (p + 12, 4, "IHDR", 4);
  *width = (guint) p[16] << 24 | (guint) p[17] << 16 | (guint) p[18] << 8 | p[19];
  *height = (guint) p[20] << 24 | (guint) p[21] << 16 | (guint) p[22] << 8 | p[23];
}

/* strstr() for data that may hold NUL bytes (a PDF's streams). */
static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    {
      if (memcmp (data + i, needle, needle_length) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
pdf_text (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", path, "-", NULL };
  int wait_status;

  if (program == NULL)
    return NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  return g_utf8_normalize (out, -1, G_NORMALIZE_NFKC);
}

/* `chronicle --export DIR/NAME ARGS… bundled` must succeed quietly. */
static char *
export_bundled (const char         *dir,
                const char         *name,
                const char * const *args)
{
  g_autofree char *bundled = bundled_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(RunResult) result = { 0 };
  char *path = g_build_filename (dir, name, NULL);

  g_ptr_array_add (argv, (char *) "--export");
  g_ptr_array_add (argv, path);
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, bundled);
  g_ptr_array_add (argv, NULL);

  run_chronicle (&result, NULL, (const char * const *) argv->pdata);
  g_assert_cmpstr (result.err, ==, "");
  g_assert_cmpstr (result.out, ==, "");
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return path;
}

static ChronicleTimeline *
load_timeline (const char *path)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline = chronicle_loader_load_file (loader, file, NULL, &error);

  g_assert_no_error (error);

  return timeline;
}

static void
test_cli_help_export_options (void)
{
  const char *options[] = { "--export=OUT", "--format=FORMAT", "--width=PIXELS", "--scale=SCALE",
                            "--theme=THEME", "--page=SIZE" };
  g_auto(RunResult) result = { 0 };

  run_chronicle (&result, NULL, (const char *[]) { "--help", NULL });
  g_assert_cmpint (result.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    g_assert_nonnull (strstr (result.out, options[i]));
}

/* Every format, from the extension, with no display and no bus. */
static void
test_cli_export_formats (void)
{
  g_autofree char *dir = make_export_dir ();
  g_autofree char *png = export_bundled (dir, "view.png", NULL);
  g_autofree char *svg = export_bundled (dir, "view.svg", NULL);
  g_autofree char *pdf = export_bundled (dir, "view.pdf", NULL);
  g_autofree char *json = export_bundled (dir, "view.json", NULL);
  g_autofree char *csv = export_bundled (dir, "view.csv", NULL);
  g_autofree char *ics = export_bundled (dir, "view.ics", NULL);
  g_autofree char *md = export_bundled (dir, "view.md", NULL);
  g_autofree char *svg_text = read_file (svg);
  g_autofree char *pdf_start = read_file (pdf);
  g_autofree char *csv_text = read_file (csv);
  g_autofree char *ics_text = read_file (ics);
  g_autofree char *md_text = read_file (md);
  g_autofree char *text = NULL;
  g_autoptr(ChronicleTimeline) loaded = NULL;
  guint width, height;

  png_size (png, &width, &height);
  g_assert_cmpuint (width, ==, 1600);
  g_assert_cmpuint (height, >, 400);

  g_assert_true (g_str_has_prefix (svg_text, "<?xml"));
  g_assert_nonnull (strstr (svg_text, ">Johnson signs an executive order to resist the federal crackdown</text>"));

  g_assert_true (g_str_has_prefix (pdf_start, "%PDF-"));
  text = pdf_text (pdf);
  if (text != NULL)
    g_assert_nonnull (strstr (text, "Trump attacks Governor Pritzker on Truth Social"));

  loaded = load_timeline (json);
  g_assert_cmpuint (chronicle_timeline_get_n_events (loaded), ==, 15);

  g_assert_true (g_str_has_prefix (csv_text, "id,title,kind,"));
  g_assert_true (g_str_has_prefix (ics_text, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_str_has_prefix (md_text, "# Chicago and the federal immigration deployment"));

  remove_export_dir (dir);
}

static void
test_cli_export_format_override (void)
{
  g_autofree char *dir = make_export_dir ();
  g_autofree char *txt = export_bundled (dir, "notes.txt", (const char *[]) { "--format", "markdown", NULL });
  g_autofree char *png = export_bundled (dir, "picture.pdf", (const char *[]) { "--format=PNG", NULL });
  g_autofree char *md_text = read_file (txt);
  guint width, height;

  /* --format wins over the extension. */
  g_assert_true (g_str_has_prefix (md_text, "# "));
  png_size (png, &width, &height);
  g_assert_cmpuint (width, ==, 1600);

  remove_export_dir (dir);
}

static void
test_cli_export_view (void)
{
  g_autofree char *dir = make_export_dir ();
  g_autofree char *json = export_bundled (dir, "mayor.json", (const char *[]) { "--view", "mayor-statements", NULL });
  g_autofree char *pdf = export_bundled (dir, "week.pdf", (const char *[]) { "--view=week-of-25-august", NULL });
  g_autofree char *bundled = bundled_path ();
  g_autoptr(ChronicleTimeline) loaded = load_timeline (json);
  g_auto(RunResult) list = { 0 };
  g_autoptr(GString) ids = g_string_new (NULL);
  g_autoptr(GString) listed = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;

  /* The view's events, as --list shows them. */
  run_chronicle (&list, NULL, (const char *[]) { "--list", "--view", "mayor-statements", bundled, NULL });
  g_assert_cmpint (list.status, ==, 0);
  lines = g_strsplit (list.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) columns = g_strsplit (lines[i], "\t", -1);

      g_string_append_printf (listed, "%s ", columns[4]);
    }
  for (guint i = 0; i < chronicle_timeline_get_n_events (loaded); i++)
    g_string_append_printf (ids, "%s ", chronicle_event_get_id (chronicle_timeline_get_event (loaded, i)));
  g_assert_cmpstr (ids->str, ==, listed->str);
  g_assert_cmpuint (chronicle_timeline_get_n_events (loaded), >, 0);
  g_assert_cmpuint (chronicle_timeline_get_n_events (loaded), <, 15);

  text = pdf_text (pdf);
  if (text != NULL)
    {
      g_assert_nonnull (strstr (text, "The week of 25 August 2025"));
      g_assert_nonnull (strstr (text, "Trump speaks at a cabinet meeting"));
      g_assert_null (strstr (text, "Crime spike in Chicago"));
    }

  remove_export_dir (dir);
}

static void
test_cli_export_image_options (void)
{
  g_autofree char *dir = make_export_dir ();
  g_autofree char *narrow = export_bundled (dir, "narrow.png", (const char *[]) { "--width", "900", NULL });
  g_autofree char *sharp = export_bundled (dir, "sharp.png",
                                           (const char *[]) { "--width=900", "--scale=2", NULL });
  g_autofree char *dark = export_bundled (dir, "dark.png",
                                          (const char *[]) { "--width=900", "--theme", "dark", NULL });
  g_autofree char *letter = export_bundled (dir, "letter.pdf", (const char *[]) { "--page", "letter", NULL });
  g_autofree char *narrow_data = NULL;
  g_autofree char *dark_data = NULL;
  g_autofree char *letter_data = NULL;
  gsize narrow_length, dark_length, letter_length;
  guint width, height, sharp_width, sharp_height;

  png_size (narrow, &width, &height);
  g_assert_cmpuint (width, ==, 900);
  png_size (sharp, &sharp_width, &sharp_height);
  g_assert_cmpuint (sharp_width, ==, 1800);
  g_assert_cmpuint (sharp_height, ==, 2 * height);

  /* Same size, other colours. */
  png_size (dark, &width, &height);
  g_assert_cmpuint (width, ==, 900);
  g_file_get_contents (narrow, &narrow_data, &narrow_length, NULL);
  g_file_get_contents (dark, &dark_data, &dark_length, NULL);
  g_assert_false (narrow_length == dark_length && memcmp (narrow_data, dark_data, narrow_length) == 0);

  /* A Letter page, landscape, in PostScript points. */
  g_file_get_contents (letter, &letter_data, &letter_length, NULL);
  g_assert_true (contains_bytes (letter_data, letter_length, "/MediaBox [ 0 0 792 612 ]"));

  remove_export_dir (dir);
}

/* In the child, before exec: writes past 4 KiB fail, as on a full disk. */
static void
limit_file_size (gpointer user_data)
{
  struct rlimit limit = { 4096, 4096 };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_cli_export_failure (void)
{
  g_autofree char *dir = make_export_dir ();
  g_autofree char *bundled = bundled_path ();
  g_autofree char *missing = g_build_filename (dir, "no-such-dir", "view.pdf", NULL);
  g_autofree char *existing = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  g_auto(RunResult) result = { 0 };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;

  /* A directory that is not there: a message naming the file. */
  run_chronicle (&result, NULL, (const char *[]) { "--export", missing, bundled, NULL });
  g_assert_cmpint (result.status, ==, 1);
  g_assert_nonnull (strstr (result.err, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* A write that fails half way leaves the old file as it was. */
  g_file_set_contents (existing, "the old report", -1, &error);
  g_assert_no_error (error);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) (const char *[]) { g_getenv ("CHRONICLE_BINARY"), "--export", existing, bundled, NULL },
                envp, G_SPAWN_DEFAULT, limit_file_size, NULL, &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_nonnull (strstr (err, existing));
  contents = read_file (existing);
  g_assert_cmpstr (contents, ==, "the old report");

  /* A directory that may not be written (root may write anywhere). */
  if (geteuid () != 0)
    {
      g_auto(RunResult) locked = { 0 };

      g_chmod (dir, 0555);
      run_chronicle (&locked, NULL, (const char *[]) { "--export", existing, bundled, NULL });
      g_chmod (dir, 0755);
      g_assert_cmpint (locked.status, ==, 1);
      g_assert_nonnull (strstr (locked.err, "report.pdf"));
      g_clear_pointer (&contents, g_free);
      contents = read_file (existing);
      g_assert_cmpstr (contents, ==, "the old report");
    }

  remove_export_dir (dir);
}

static void
test_cli_export_usage_errors (void)
{
  g_autofree char *bundled = bundled_path ();
  g_autofree char *dir = make_export_dir ();
  g_autofree char *out = g_build_filename (dir, "out.png", NULL);
  g_autofree char *unknown = g_build_filename (dir, "out.docx", NULL);
  const struct {
    const char *args[4];
    const char *message;
  } cases[] = {
    { { "--export", unknown, NULL }, "--format" },
    { { "--export", out, "--format=tiff", NULL }, "tiff" },
    { { "--export", out, "--width=10", NULL }, "--width" },
    { { "--export", out, "--scale=3", NULL }, "--scale" },
    { { "--export", out, "--theme=blue", NULL }, "--theme" },
    { { "--export", out, "--page=a3", NULL }, "--page" },
    { { "--export", out, "--list", NULL }, "--export" },
    { { "--width=800", NULL }, "--export" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_auto(RunResult) result = { 0 };

      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (argv, (char *) cases[i].args[j]);
      g_ptr_array_add (argv, bundled);
      g_ptr_array_add (argv, NULL);

      run_chronicle (&result, NULL, (const char * const *) argv->pdata);
      g_assert_cmpint (result.status, ==, 2);
      g_assert_nonnull (strstr (result.err, cases[i].message));
    }

  /* Nothing was written. */
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  remove_export_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  /* Under LeakSanitizer, chronicle would report on stderr which of its
   * suppressions it used (fontconfig's, when it draws an export). */
  if (g_getenv ("LSAN_OPTIONS") != NULL)
    {
      g_autofree char *lsan = g_strconcat (g_getenv ("LSAN_OPTIONS"), ":print_suppressions=0", NULL);

      g_setenv ("LSAN_OPTIONS", lsan, TRUE);
    }
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/help", test_cli_help);
  g_test_add_func ("/cli/version", test_cli_version);
  g_test_add_func ("/cli/validate/bundled", test_cli_validate_bundled);
  g_test_add_func ("/cli/validate/syntax-error", test_cli_validate_syntax_error);
  g_test_add_func ("/cli/validate/content-error", test_cli_validate_content_error);
  g_test_add_func ("/cli/validate/several", test_cli_validate_several);
  g_test_add_func ("/cli/list/columns", test_cli_list);
  g_test_add_func ("/cli/list/bundled", test_cli_list_bundled);
  g_test_add_func ("/cli/list/failure", test_cli_list_failure);
  g_test_add_func ("/cli/usage-errors", test_cli_usage_errors);
  g_test_add_func ("/cli/spanish", test_cli_spanish);
  g_test_add_func ("/cli/help/view-options", test_cli_help_view_options);
  g_test_add_func ("/cli/list/view", test_cli_list_view);
  g_test_add_func ("/cli/list/from-to", test_cli_list_from_to);
  g_test_add_func ("/cli/list/kind-actor", test_cli_list_kind_actor);
  g_test_add_func ("/cli/list/search", test_cli_list_search);
  g_test_add_func ("/cli/list/view-errors", test_cli_list_view_errors);
  g_test_add_func ("/cli/help/export-options", test_cli_help_export_options);
  g_test_add_func ("/cli/export/formats", test_cli_export_formats);
  g_test_add_func ("/cli/export/format-override", test_cli_export_format_override);
  g_test_add_func ("/cli/export/view", test_cli_export_view);
  g_test_add_func ("/cli/export/image-options", test_cli_export_image_options);
  g_test_add_func ("/cli/export/failure", test_cli_export_failure);
  g_test_add_func ("/cli/export/usage-errors", test_cli_export_usage_errors);

  return g_test_run ();
}
