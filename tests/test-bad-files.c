/* test-bad-files.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "chronicle-loader.h"

#define SYNTAX  CHRONICLE_LOADER_ERROR_SYNTAX
#define CONTENT CHRONICLE_LOADER_ERROR_CONTENT
#define VERSION CHRONICLE_LOADER_ERROR_VERSION

/*
 * Every file in tests/data/bad/ has exactly one problem, and this table
 * says which: the error code, where (line:column for syntax errors, the
 * JSON path otherwise; neither for a missing top-level member), and a
 * part of the message. A file without a row fails /bad-files/covered.
 */
typedef struct
{
  const char *file;
  int         code;
  guint       line;
  guint       column;
  const char *path;
  const char *message;
} BadFile;

static const BadFile bad_files[] = {
  /* Not JSON */
  { "trailing-comma.json", SYNTAX, 3, 1, NULL, "found “}”; remove the last comma" },
  { "trailing-comma-array.json", SYNTAX, 4, 3, NULL, "found “]”; remove the last comma" },
  { "missing-brace.json", SYNTAX, 3, 1, NULL, "expected “,” or “}”, found the end of the file" },
  { "single-quotes.json", SYNTAX, 1, 2, NULL, "JSON strings use double quotes" },
  { "comment.json", SYNTAX, 2, 3, NULL, "JSON does not allow comments" },
  { "invalid-utf8.json", SYNTAX, 2, 16, NULL, "not valid UTF-8" },
  { "overlong-utf8.json", SYNTAX, 2, 13, NULL, "not valid UTF-8" },
  { "nul-byte.json", SYNTAX, 2, 16, NULL, "found a NUL byte" },
  { "bom-garbage.json", SYNTAX, 1, 1, NULL, "expected a JSON object, found “garbage”" },
  { "deep-nesting.json", SYNTAX, 1, 535, NULL, "nested more than 512 levels deep" },
  { "huge-number.json", SYNTAX, 3, 13, NULL, "the number “1e999” is too large" },
  { "integer-overflow.json", SYNTAX, 2, 14, NULL, "the number “99999999999999999999” is too large" },
  { "empty.json", SYNTAX, 1, 1, NULL, "the file is empty; expected a JSON object" },
  { "whitespace.json", SYNTAX, 3, 4, NULL, "the file is empty; expected a JSON object" },
  { "top-level-array.json", SYNTAX, 1, 1, NULL, "expected a JSON object, found an array" },
  { "top-level-string.json", SYNTAX, 1, 1, NULL, "expected a JSON object, found a string" },
  { "unterminated-string.json", SYNTAX, 3, 20, NULL, "to close the string before the end of the line" },
  { "unclosed-string-eof.json", SYNTAX, 3, 12, NULL, "this string is never closed" },
  { "leading-zero.json", SYNTAX, 2, 14, NULL, "expected a number without leading zeros, found “01”" },
  { "nan.json", SYNTAX, 3, 14, NULL, "expected a value, found “NaN”" },
  { "lone-surrogate.json", SYNTAX, 2, 13, NULL, "“\\uD83D”, half of a UTF-16 surrogate pair" },
  { "escaped-nul.json", SYNTAX, 2, 14, NULL, "cannot contain the character U+0000" },
  { "control-character.json", SYNTAX, 2, 16, NULL, "instead of the control character U+0009" },
  { "bad-escape.json", SYNTAX, 2, 15, NULL, "found “\\U”" },
  { "missing-colon.json", SYNTAX, 2, 12, NULL, "expected “:” after the member name, found “[”" },
  { "missing-comma.json", SYNTAX, 3, 3, NULL, "expected “,” or “}”, found “\"”" },
  { "garbage-after.json", SYNTAX, 4, 1, NULL, "expected the end of the file after the top-level object, found “x”" },
  { "hex-number.json", SYNTAX, 2, 15, NULL, "expected “,” or “}”, found “x1”" },

  /* JSON, but not a timeline */
  { "no-events.json", CONTENT, 0, 0, NULL, "missing “events”: a timeline needs a list of events" },
  { "events-not-array.json", CONTENT, 0, 0, "events", "expected an array, found an object" },
  { "event-not-object.json", CONTENT, 0, 0, "events[0]", "expected an object, found a string" },
  { "missing-title.json", CONTENT, 0, 0, "events[0]", "missing “title”: every event needs a title" },
  { "empty-title.json", CONTENT, 0, 0, "events[0].title", "expected text, found an empty string" },
  { "title-number.json", CONTENT, 0, 0, "events[0].title", "expected a string, found a number" },
  { "missing-start.json", CONTENT, 0, 0, "events[0]", "missing “start”: every event needs a start time" },
  { "bad-start.json", CONTENT, 0, 0, "events[0].start", "expected an ISO 8601 date such as “2025-08-30”, found “yesterday”" },
  { "february-30.json", CONTENT, 0, 0, "events[0].start", "day 30 does not exist in February 2025" },
  { "year-out-of-range.json", CONTENT, 0, 0, "events[1].start", "found “+100000”" },
  { "end-before-start.json", CONTENT, 0, 0, "events[0].end", "expected an end after the start “2025-08-30”, found “2025-08-29”" },
  { "bad-status.json", CONTENT, 0, 0, "events[0].status", "or “cancelled”, found “done”" },
  { "duplicate-id.json", CONTENT, 0, 0, "events[2].id", "“a” is already the id of events[0]" },
  { "duplicate-kind.json", CONTENT, 0, 0, "kinds[1].id", "“protest” is already the id of kinds[0]" },
  { "duplicate-actor.json", CONTENT, 0, 0, "actors[1].id", "“mayor” is already the id of actors[0]" },
  { "duplicate-view.json", CONTENT, 0, 0, "views[1].id", "“v” is already the id of views[0]" },
  { "unknown-timezone.json", CONTENT, 0, 0, "timezone", "found “Mars/Olympus_Mons”" },
  { "version-2.json", VERSION, 0, 0, "version", "written by a newer version of Chronicle (format version 2)" },
  { "version-zero.json", CONTENT, 0, 0, "version", "expected a positive version number, found 0" },
  { "version-string.json", CONTENT, 0, 0, "version", "expected a whole number, found a string" },
  { "version-fraction.json", CONTENT, 0, 0, "version", "expected a whole number such as 1, found a fraction" },
  { "wrong-format.json", CONTENT, 0, 0, "format", "expected “chronicle-timeline”, found “chronicle-document”" },
  { "actors-not-strings.json", CONTENT, 0, 0, "events[0].actors[1]", "expected a string, found a number" },
  { "quote-without-text.json", CONTENT, 0, 0, "events[0].quotes[0]", "missing “text”: every quote needs its text" },
  { "view-without-id.json", CONTENT, 0, 0, "views[0]", "missing “id”: every view needs an id" },
  { "bad-group-by.json", CONTENT, 0, 0, "views[0].group_by", "or “none”, found “colour”" },
  { "bad-view-status.json", CONTENT, 0, 0, "views[0].filter.statuses[1]", "found “finished”" },
  { "bad-view-from.json", CONTENT, 0, 0, "views[0].filter.from", "found “last week”" },
  { "window-not-object.json", CONTENT, 0, 0, "views[0].window", "expected an object, found an array" },
  { "approximate-string.json", CONTENT, 0, 0, "events[0].approximate", "expected true or false, found a string" },
  { "era-end-before-start.json", CONTENT, 0, 0, "eras[0].end", "expected an end after the start “1945”, found “1939”" },
  { "actor-without-name.json", CONTENT, 0, 0, "actors[0]", "missing “name”: every actor needs a name" },
  { "source-bad-date.json", CONTENT, 0, 0, "events[0].sources[0].date", "found “30/08/2025”" },
  { "summary-null.json", CONTENT, 0, 0, "events[0].summary", "expected a string, found null" },
  { "kind-without-id.json", CONTENT, 0, 0, "kinds[0]", "missing “id”: every kind needs an id" },
  { "empty-id.json", CONTENT, 0, 0, "events[0].id", "expected text, found an empty string" },
  { "tags-not-array.json", CONTENT, 0, 0, "events[0].tags", "expected an array, found a string" },
};

static void
assert_bad_result (const BadFile     *bad,
                   ChronicleLoader   *loader,
                   ChronicleTimeline *timeline,
                   const GError      *error)
{
  GPtrArray *diagnostics = chronicle_loader_get_diagnostics (loader);
  const ChronicleDiagnostic *diagnostic;
  g_autofree char *expected_message = NULL;

  g_assert_null (timeline);
  g_assert_error (error, CHRONICLE_LOADER_ERROR, bad->code);

  /* One problem per file, so that each file tests one thing. */
  g_assert_cmpuint (chronicle_loader_get_n_errors (loader), ==, 1);
  g_assert_cmpuint (chronicle_loader_get_n_warnings (loader), ==, 0);
  g_assert_cmpuint (diagnostics->len, ==, 1);

  diagnostic = g_ptr_array_index (diagnostics, 0);
  g_assert_cmpint (diagnostic->severity, ==, CHRONICLE_SEVERITY_ERROR);
  g_assert_cmpuint (diagnostic->line, ==, bad->line);
  g_assert_cmpuint (diagnostic->column, ==, bad->column);
  g_assert_cmpstr (diagnostic->path, ==, bad->path);

  if (strstr (diagnostic->message, bad->message) == NULL)
    g_error ("%s: expected a message with “%s”, got “%s”",
             bad->file, bad->message, diagnostic->message);

  /* The GError says the same, formatted as a compiler would. */
  expected_message = chronicle_diagnostic_to_string (diagnostic, bad->file);
  g_assert_cmpstr (error->message, ==, expected_message);
}

static void
test_bad_file (gconstpointer data)
{
  const BadFile *bad = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bad", bad->file, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleLoader) bytes_loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(ChronicleTimeline) bytes_timeline = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) bytes_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents;
  gsize length;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  assert_bad_result (bad, loader, timeline, error);
  g_assert_cmpstr (chronicle_loader_get_display_name (loader), ==, bad->file);

  /* Data in memory goes the same way. */
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (contents, length);
  bytes_timeline = chronicle_loader_load_bytes (bytes_loader, bytes, bad->file, NULL, &bytes_error);
  assert_bad_result (bad, bytes_loader, bytes_timeline, bytes_error);
}

static const BadFile *
find_bad_file (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    if (strcmp (bad_files[i].file, name) == 0)
      return &bad_files[i];

  return NULL;
}

/* Every file has a row, every row has a file, and no two rows share one. */
static void
test_covered (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "bad", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (find_bad_file (name) == NULL)
        g_error ("tests/data/bad/%s has no row in the table of test-bad-files.c", name);

      g_hash_table_add (seen, g_strdup (name));
      n_files++;
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      if (!g_hash_table_contains (seen, bad_files[i].file))
        g_error ("the table names %s, which is not in tests/data/bad/", bad_files[i].file);

      for (guint j = 0; j < i; j++)
        g_assert_cmpstr (bad_files[i].file, !=, bad_files[j].file);
    }

  g_assert_cmpuint (n_files, ==, G_N_ELEMENTS (bad_files));
  g_assert_cmpuint (n_files, >=, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bad-files/covered", test_covered);

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/bad-files/%s", bad_files[i].file);

      g_test_add_data_func (test_path, &bad_files[i], test_bad_file);
    }

  return g_test_run ();
}
