/* test-date-input.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates as people type them into Go to Date and the date filter.
 */

#include "config.h"

#include <locale.h>

#include "chronicle-date-input.h"

static void
assert_parses (const char *text,
               const char *iso)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found = NULL;
  ChronicleTime time;

  if (!chronicle_date_input_parse (text, NULL, &time, &error))
    g_error ("“%s” did not parse: %s", text, error->message);

  found = chronicle_time_to_iso8601 (&time);
  g_assert_cmpstr (found, ==, iso);
}

static void
assert_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  ChronicleTime time = { 0, };

  g_assert_false (chronicle_date_input_parse (text, NULL, &time, &error));
  g_assert_error (error, CHRONICLE_TIME_ERROR, CHRONICLE_TIME_ERROR_INVALID);
  /* The time is left alone. */
  g_assert_cmpint (time.instant, ==, 0);
}

static void
test_iso (void)
{
  assert_parses ("2025", "2025");
  assert_parses ("2025-08", "2025-08");
  assert_parses (" 2025-08-30 ", "2025-08-30");
  assert_parses ("2025-08-30T14:05", "2025-08-30T14:05");
  assert_parses ("-0043-03-15", "-0043-03-15");
}

static void
test_words (void)
{
  assert_parses ("30 August 2025", "2025-08-30");
  assert_parses ("August 30, 2025", "2025-08-30");
  assert_parses ("30 aug. 2025", "2025-08-30");
  assert_parses ("SEPT 2025", "2025-09");
  assert_parses ("Aug 2025", "2025-08");
  assert_parses ("29 February 2024", "2024-02-29");
  assert_parses ("800", "0800");
  assert_parses ("AD 800", "0800");
  assert_parses ("800 CE", "0800");
  /* 1 BC is year 0, 44 BC is -43. */
  assert_parses ("44 BC", "-0043");
  assert_parses ("15 March 44 BCE", "-0043-03-15");
  assert_parses ("12000", "+12000");
}

static void
test_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *expected = g_date_time_format (now, "%Y-%m-%d");

  assert_parses ("today", expected);
  assert_parses ("Today", expected);
}

static void
test_refused (void)
{
  assert_refused ("");
  assert_refused ("   ");
  assert_refused ("yesterday");
  assert_refused ("30 February 2025");
  assert_refused ("32 August 2025");
  assert_refused ("August");
  assert_refused ("0 BC");
  assert_refused ("1 2 3");
  assert_refused ("August September 2025");
  assert_refused ("2025 BC AD");
  assert_refused ("200000");
  assert_refused ("ma 2025");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date-input/iso", test_iso);
  g_test_add_func ("/date-input/words", test_words);
  g_test_add_func ("/date-input/today", test_today);
  g_test_add_func ("/date-input/refused", test_refused);

  return g_test_run ();
}
