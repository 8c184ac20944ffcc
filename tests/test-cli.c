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
#include <string.h>

#include <glib.h>

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

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
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

  return g_test_run ();
}
