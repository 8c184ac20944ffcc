/* test-time.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "chronicle-time.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

/* Helpers */

static GTimeZone *
get_zone (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  if (tz == NULL)
    g_test_skip ("a time zone the test needs is not installed");

  return tz;
}

static ChronicleTime
parse_ok (const char *text,
          GTimeZone  *tz)
{
  g_autoptr(GError) error = NULL;
  ChronicleTime t;

  if (!chronicle_time_parse (text, tz, &t, &error))
    g_error ("“%s” did not parse: %s", text, error->message);
  g_assert_no_error (error);

  return t;
}

static gint64
instant_of (const char *text)
{
  ChronicleTime t = parse_ok (text, NULL);

  return t.instant;
}

static void
assert_iso (const ChronicleTime *t,
            const char          *expected)
{
  g_autofree char *iso = chronicle_time_to_iso8601 (t);

  g_assert_cmpstr (iso, ==, expected);
}

static void
assert_format (const char *text,
               GTimeZone  *tz,
               gboolean    approximate,
               const char *expected)
{
  ChronicleTime t = parse_ok (text, tz);
  g_autofree char *formatted = NULL;

  chronicle_time_set_approximate (&t, approximate);
  formatted = chronicle_time_format (&t);
  g_assert_cmpstr (formatted, ==, expected);
}

static void
assert_range (const char *start,
              const char *end,
              gboolean    approximate_start,
              gboolean    approximate_end,
              GTimeZone  *tz,
              const char *expected)
{
  ChronicleTime a = parse_ok (start, tz);
  ChronicleTime b = parse_ok (end, tz);
  g_autofree char *formatted = NULL;

  chronicle_time_set_approximate (&a, approximate_start);
  chronicle_time_set_approximate (&b, approximate_end);
  formatted = chronicle_time_format_range (&a, &b);
  g_assert_cmpstr (formatted, ==, expected);
}

static void
assert_duration (gint64      seconds,
                 gboolean    approximate,
                 const char *expected)
{
  g_autofree char *formatted = chronicle_format_duration (seconds, approximate);

  g_assert_cmpstr (formatted, ==, expected);
}

/* Writes a year the way ISO 8601 and chronicle_time_to_iso8601() do. */
static void
append_year (GString *string,
             gint64   year)
{
  if (year < 0)
    g_string_append_printf (string, "-%04" G_GINT64_FORMAT, -year);
  else if (year > 9999)
    g_string_append_printf (string, "+%" G_GINT64_FORMAT, year);
  else
    g_string_append_printf (string, "%04" G_GINT64_FORMAT, year);
}

/* Independent of the code under test: plain rules and counting. */
static gboolean
naive_is_leap (gint64 year)
{
  if (year % 400 == 0)
    return TRUE;
  if (year % 100 == 0)
    return FALSE;
  return year % 4 == 0;
}

static int
naive_days_in_month (gint64 year,
                     int    month)
{
  switch (month)
    {
    case 2:
      return naive_is_leap (year) ? 29 : 28;
    case 4: case 6: case 9: case 11:
      return 30;
    default:
      return 31;
    }
}

static gint64
naive_days_in_year (gint64 year)
{
  return naive_is_leap (year) ? 366 : 365;
}

/* Calendar arithmetic */

static void
test_calendar_known_days (void)
{
  gint64 year;
  int month;
  int day;

  g_assert_cmpint (chronicle_days_from_civil (1970, 1, 1), ==, 0);
  g_assert_cmpint (chronicle_days_from_civil (1969, 12, 31), ==, -1);
  g_assert_cmpint (chronicle_days_from_civil (2000, 1, 1), ==, 10957);
  g_assert_cmpint (chronicle_days_from_civil (2000, 3, 1), ==, 11017);
  g_assert_cmpint (chronicle_days_from_civil (0, 1, 1), ==, -719528);
  g_assert_cmpint (chronicle_days_from_civil (0, 3, 1), ==, -719468);
  g_assert_cmpint (chronicle_days_from_civil (1, 1, 1), ==, -719162);
  g_assert_cmpint (chronicle_days_from_civil (-1, 12, 31), ==, -719529);

  chronicle_civil_from_days (-719529, &year, &month, &day);
  g_assert_cmpint (year, ==, -1);
  g_assert_cmpint (month, ==, 12);
  g_assert_cmpint (day, ==, 31);

  chronicle_civil_from_days (20330, &year, &month, &day);
  g_assert_cmpint (year, ==, 2025);
  g_assert_cmpint (month, ==, 8);
  g_assert_cmpint (day, ==, 30);

  /* Output arguments are optional. */
  chronicle_civil_from_days (0, NULL, &month, NULL);
  g_assert_cmpint (month, ==, 1);

  /* A day past the end of a month counts on into the next. */
  g_assert_cmpint (chronicle_days_from_civil (2025, 1, 32), ==, chronicle_days_from_civil (2025, 2, 1));
}

/* Counts day by day from -1000 to 1000, from an anchor summed by hand. */
static void
test_calendar_counting (void)
{
  gint64 expected = 0;

  for (gint64 y = -1000; y < 1970; y++)
    expected -= naive_days_in_year (y);

  for (gint64 y = -1000; y <= 1000; y++)
    for (int m = 1; m <= 12; m++)
      for (int d = 1; d <= naive_days_in_month (y, m); d++)
        {
          gint64 year;
          int month;
          int day;

          if (chronicle_days_from_civil (y, m, d) != expected)
            g_error ("%" G_GINT64_FORMAT "-%02d-%02d is day %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                     y, m, d, chronicle_days_from_civil (y, m, d), expected);

          chronicle_civil_from_days (expected, &year, &month, &day);
          if (year != y || month != m || day != d)
            g_error ("day %" G_GINT64_FORMAT " is %" G_GINT64_FORMAT "-%02d-%02d, expected %" G_GINT64_FORMAT "-%02d-%02d",
                     expected, year, month, day, y, m, d);

          expected++;
        }
}

/* GDate knows years 1 to 9999: compare every day. */
static void
test_calendar_gdate (void)
{
  GDate date;
  gint64 expected = chronicle_days_from_civil (1, 1, 1);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1);

  while (TRUE)
    {
      gint64 year = g_date_get_year (&date);
      int month = g_date_get_month (&date);
      int day = g_date_get_day (&date);
      gint64 y;
      int m;
      int d;

      if (chronicle_days_from_civil (year, month, day) != expected)
        g_error ("%" G_GINT64_FORMAT "-%02d-%02d: %" G_GINT64_FORMAT " != %" G_GINT64_FORMAT,
                 year, month, day, chronicle_days_from_civil (year, month, day), expected);
      chronicle_civil_from_days (expected, &y, &m, &d);
      if (y != year || m != month || d != day)
        g_error ("day %" G_GINT64_FORMAT " came out wrong", expected);

      g_assert_cmpint (g_date_get_julian (&date), ==, expected - chronicle_days_from_civil (1, 1, 1) + 1);

      if (year == 9999 && month == 12 && day == 31)
        break;

      g_date_add_days (&date, 1);
      expected++;
    }
}

static void
test_calendar_whole_range (void)
{
  gint64 days = 0;
  ChronicleTime first;
  ChronicleTime last;

  /* From -99999-01-01 to 99999-12-31: every year's length, less one day. */
  for (gint64 y = CHRONICLE_TIME_MIN_YEAR; y <= CHRONICLE_TIME_MAX_YEAR; y++)
    days += naive_days_in_year (y);
  days -= 1;

  g_assert_cmpint (chronicle_days_from_civil (99999, 12, 31) - chronicle_days_from_civil (-99999, 1, 1), ==, days);

  first = parse_ok ("-99999-01-01", NULL);
  last = parse_ok ("+99999-12-31", NULL);
  g_assert_cmpint (chronicle_time_difference (&last, &first), ==, days * SECONDS_PER_DAY);
  g_assert_cmpint (chronicle_time_difference (&first, &last), ==, -days * SECONDS_PER_DAY);

  first = parse_ok ("-99999-01-01T00:00:00Z", NULL);
  last = parse_ok ("+99999-12-31T23:59:59Z", NULL);
  g_assert_cmpint (chronicle_time_difference (&last, &first), ==, (days + 1) * SECONDS_PER_DAY - 1);
}

static void
test_calendar_leap_years (void)
{
  struct {
    const char *text;
    gboolean    valid;
  } cases[] = {
    { "1900-02-29", FALSE },
    { "2000-02-29", TRUE },
    { "2024-02-29", TRUE },
    { "2025-02-29", FALSE },
    { "2100-02-29", FALSE },
    { "0000-02-29", TRUE },   /* 1 BCE */
    { "-0004-02-29", TRUE },  /* 5 BCE */
    { "-0001-02-29", FALSE },
    { "-0100-02-29", FALSE },
    { "-0400-02-29", TRUE },
    { "-99996-02-29", TRUE },
    { "+99999-02-29", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      ChronicleTime t;
      gboolean ok = chronicle_time_parse (cases[i].text, NULL, &t, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].valid);
      if (ok)
        {
          ChronicleTime next;
          g_autofree char *march = g_strdup (cases[i].text);

          /* The day after 29 February is 1 March. */
          memcpy (strrchr (march, '-') - 2, "03-01", 5);
          next = parse_ok (march, NULL);
          g_assert_cmpint (chronicle_time_difference (&next, &t), ==, SECONDS_PER_DAY);
        }
      else
        {
          g_assert_error (error, CHRONICLE_TIME_ERROR, CHRONICLE_TIME_ERROR_OUT_OF_RANGE);
        }
    }
}

/* Parsing */

static void
assert_fields (const ChronicleTime    *t,
               ChronicleTimePrecision  precision,
               int                     year,
               int                     month,
               int                     day,
               int                     hour,
               int                     minute,
               int                     second)
{
  int y, mo, d, h, mi, s;

  chronicle_time_get_civil (t, &y, &mo, &d, &h, &mi, &s);
  g_assert_cmpint (chronicle_time_get_precision (t), ==, precision);
  g_assert_cmpint (y, ==, year);
  g_assert_cmpint (mo, ==, month);
  g_assert_cmpint (d, ==, day);
  g_assert_cmpint (h, ==, hour);
  g_assert_cmpint (mi, ==, minute);
  g_assert_cmpint (s, ==, second);
}

static void
test_parse_forms (void)
{
  ChronicleTime t;

  t = parse_ok ("2025", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_YEAR, 2025, 1, 1, 0, 0, 0);
  g_assert_cmpint (chronicle_time_get_instant (&t), ==, 1735689600);
  g_assert_cmpint (t.offset, ==, 0);
  g_assert_cmpint (t.flags, ==, CHRONICLE_TIME_FLAG_NONE);
  g_assert_cmpstr (t.zone, ==, "");

  t = parse_ok ("2025-08", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_MONTH, 2025, 8, 1, 0, 0, 0);
  g_assert_cmpint (t.instant, ==, 1754006400);
  g_assert_cmpstr (t.zone, ==, "");

  t = parse_ok ("2025-08-30", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_DAY, 2025, 8, 30, 0, 0, 0);
  g_assert_cmpint (t.instant, ==, 1756512000);
  g_assert_cmpstr (t.zone, ==, "");

  t = parse_ok ("2025-08-30T14:05", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_MINUTE, 2025, 8, 30, 14, 5, 0);
  g_assert_cmpint (t.instant, ==, 1756562700);
  g_assert_cmpint (t.flags, ==, CHRONICLE_TIME_FLAG_NONE);
  g_assert_cmpstr (t.zone, ==, "UTC");

  t = parse_ok ("2025-08-30T14:05:09", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_SECOND, 2025, 8, 30, 14, 5, 9);
  g_assert_cmpint (t.instant, ==, 1756562709);

  t = parse_ok ("2025-08-30T14:05Z", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_MINUTE, 2025, 8, 30, 14, 5, 0);
  g_assert_cmpint (t.flags, ==, CHRONICLE_TIME_FLAG_HAS_OFFSET);
  g_assert_cmpint (t.instant, ==, 1756562700);

  t = parse_ok ("2025-08-30T14:05:09+02:00", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_SECOND, 2025, 8, 30, 14, 5, 9);
  g_assert_cmpint (t.instant, ==, 1756562709 - 7200);
  g_assert_cmpint (t.offset, ==, 7200);

  t = parse_ok ("1970-01-01T00:00:00Z", NULL);
  g_assert_cmpint (t.instant, ==, 0);
  t = parse_ok ("1969-12-31T23:59:59Z", NULL);
  g_assert_cmpint (t.instant, ==, -1);

  /* Never approximate by itself: that is the file's "approximate" member. */
  g_assert_false (chronicle_time_is_approximate (&t));
  chronicle_time_set_approximate (&t, TRUE);
  g_assert_true (chronicle_time_is_approximate (&t));
  g_assert_cmpint (t.flags, ==, CHRONICLE_TIME_FLAG_HAS_OFFSET | CHRONICLE_TIME_FLAG_APPROXIMATE);
  chronicle_time_set_approximate (&t, FALSE);
  g_assert_false (chronicle_time_is_approximate (&t));
}

static void
test_parse_expanded_years (void)
{
  ChronicleTime t;
  ChronicleTime u;

  t = parse_ok ("-0500-03-15", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_DAY, -500, 3, 15, 0, 0, 0);
  g_assert_cmpint (t.instant, ==, chronicle_days_from_civil (-500, 3, 15) * SECONDS_PER_DAY);

  t = parse_ok ("+12000", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_YEAR, 12000, 1, 1, 0, 0, 0);
  t = parse_ok ("-12000", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_YEAR, -12000, 1, 1, 0, 0, 0);
  t = parse_ok ("-99999", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_YEAR, -99999, 1, 1, 0, 0, 0);
  t = parse_ok ("+99999-12-31T23:59:59Z", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_SECOND, 99999, 12, 31, 23, 59, 59);

  /* A sign with four digits is the same year as without one. */
  t = parse_ok ("+2025-08-30", NULL);
  u = parse_ok ("2025-08-30", NULL);
  g_assert_true (chronicle_time_equal (&t, &u));
  assert_iso (&t, "2025-08-30");

  t = parse_ok ("-0000", NULL);
  u = parse_ok ("0000", NULL);
  g_assert_true (chronicle_time_equal (&t, &u));

  t = parse_ok ("+09999", NULL);
  assert_fields (&t, CHRONICLE_TIME_PRECISION_YEAR, 9999, 1, 1, 0, 0, 0);
  assert_iso (&t, "9999");
}

static void
test_parse_offsets (void)
{
  g_autoptr(GTimeZone) chicago = get_zone ("America/Chicago");
  ChronicleTime t;

  if (chicago == NULL)
    return;

  t = parse_ok ("2025-08-30T14:05-05:30", NULL);
  g_assert_cmpint (t.offset, ==, -(5 * 3600 + 30 * 60));
  g_assert_cmpint (t.instant, ==, 1756562700 + 5 * 3600 + 30 * 60);
  g_assert_cmpint (t.flags, ==, CHRONICLE_TIME_FLAG_HAS_OFFSET);
  g_assert_cmpstr (t.zone, ==, "");

  t = parse_ok ("2025-08-30T14:05+00:00", NULL);
  g_assert_cmpint (t.offset, ==, 0);
  g_assert_cmpstr (t.zone, ==, "UTC");
  assert_iso (&t, "2025-08-30T14:05Z");

  t = parse_ok ("2025-08-30T14:05-00:00", NULL);
  g_assert_cmpint (t.offset, ==, 0);
  assert_iso (&t, "2025-08-30T14:05Z");

  t = parse_ok ("2025-08-30T14:05+23:59", NULL);
  g_assert_cmpint (t.offset, ==, 23 * 3600 + 59 * 60);

  /* An offset the timeline's zone agrees with keeps the zone's name. */
  t = parse_ok ("2025-08-30T14:05-05:00", chicago);
  g_assert_cmpint (t.instant, ==, 1756580700);
  g_assert_cmpstr (t.zone, ==, "CDT");
  g_assert_cmpint (t.flags, ==, CHRONICLE_TIME_FLAG_HAS_OFFSET);

  t = parse_ok ("2025-12-01T12:00-06:00", chicago);
  g_assert_cmpstr (t.zone, ==, "CST");

  t = parse_ok ("2025-08-30T14:05-06:00", chicago);
  g_assert_cmpstr (t.zone, ==, "");

  t = parse_ok ("2025-08-30T14:05Z", chicago);
  g_assert_cmpstr (t.zone, ==, "");
  g_assert_cmpint (t.offset, ==, 0);
  g_assert_cmpint (t.instant, ==, 1756562700);

  /* An instant is the same whatever the timeline's zone. */
  {
    ChronicleTime u = parse_ok ("2025-08-30T14:05+02:00", chicago);
    ChronicleTime v = parse_ok ("2025-08-30T14:05+02:00", NULL);

    g_assert_cmpint (u.instant, ==, v.instant);
    g_assert_cmpint (u.offset, ==, v.offset);
  }

  /* Both passes through the repeated hour, told apart by their offsets. */
  {
    ChronicleTime first = parse_ok ("2025-11-02T01:30-05:00", chicago);
    ChronicleTime second = parse_ok ("2025-11-02T01:30-06:00", chicago);

    g_assert_cmpstr (first.zone, ==, "CDT");
    g_assert_cmpstr (second.zone, ==, "CST");
    g_assert_cmpint (chronicle_time_difference (&second, &first), ==, 3600);
    assert_iso (&second, "2025-11-02T01:30-06:00");
  }
}

static void
test_parse_invalid (void)
{
  static const char * const invalid[] = {
    "2025-8-30",
    "2025-08-3",
    "25",
    "202",
    "20250",
    "12000",
    "2025-08-30t14:05",
    "2025-08-30 14:05",
    " 2025",
    "2025 ",
    "2025\n",
    "2025-08-30T14",
    "2025-08-30T14:5",
    "2025-08-30T1405",
    "2025-08-30T14:05:",
    "2025-08-30T14:05:9",
    "2025-08-30T14:05:09.5",
    "2025-08-30T14:05:09,5",
    "2025-08-30T14:05z",
    "2025-08-30T14:05+0200",
    "2025-08-30T14:05+02",
    "2025-08-30T14:05+2:00",
    "2025-08-30T14:05+02:00Z",
    "2025-08-30T14:05Z+02:00",
    "2025-08-30T14:05 Z",
    "2025-08-30Z",
    "2025-08Z",
    "2025Z",
    "2025-08-30+02:00",
    "2025-08-30T",
    "2025/08/30",
    "20250830",
    "2025-08-30x",
    "2025-",
    "2025-08-",
    "+202",
    "-25",
    "++2025",
    "+-2025",
    "-",
    "+",
    "T14:05",
    "14:05",
    "yesterday",
    "２０２５",
    "2025-W35",
    "2025-242",
    "2025-08-30T14:05:09Z junk",
    "2025-08-30T14:05:09:01",
    "0x7E9",
  };
  static const char * const out_of_range[] = {
    "2025-00",
    "2025-13",
    "2025-99-01",
    "2025-08-00",
    "2025-08-32",
    "2025-04-31",
    "2025-06-31",
    "2025-02-29",
    "2025-02-30",
    "1900-02-29",
    "2025-08-30T24:00",
    "2025-08-30T23:60",
    "2025-08-30T23:59:60",
    "2025-08-30T12:00+24:00",
    "2025-08-30T12:00-05:60",
    "-100000",
    "+100000-01-01",
    "-1234567890123456789012345",
  };

  for (guint i = 0; i < G_N_ELEMENTS (invalid) + G_N_ELEMENTS (out_of_range); i++)
    {
      gboolean syntax = i < G_N_ELEMENTS (invalid);
      const char *text = syntax ? invalid[i] : out_of_range[i - G_N_ELEMENTS (invalid)];
      g_autoptr(GError) error = NULL;
      ChronicleTime t;
      ChronicleTime untouched;

      g_test_message ("rejecting “%s”", text);

      memset (&t, 0x5a, sizeof t);
      untouched = t;

      g_assert_false (chronicle_time_parse (text, NULL, &t, &error));
      g_assert_error (error, CHRONICLE_TIME_ERROR,
                      syntax ? CHRONICLE_TIME_ERROR_INVALID : CHRONICLE_TIME_ERROR_OUT_OF_RANGE);
      g_assert_nonnull (error->message);
      g_assert_cmpint (memcmp (&t, &untouched, sizeof t), ==, 0);

      /* Also without a GError, and with a time zone. */
      g_assert_false (chronicle_time_parse (text, NULL, &t, NULL));
      g_assert_null (chronicle_time_new_from_iso8601 (text, NULL, NULL));
      g_assert_cmpint (memcmp (&t, &untouched, sizeof t), ==, 0);
    }
}

static void
assert_error_message (const char *text,
                      int         code,
                      const char *message)
{
  g_autoptr(GError) error = NULL;
  ChronicleTime t;

  g_assert_false (chronicle_time_parse (text, NULL, &t, &error));
  g_assert_error (error, CHRONICLE_TIME_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_parse_messages (void)
{
  g_autofree char *long_text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *forty = NULL;

  assert_error_message ("yesterday", CHRONICLE_TIME_ERROR_INVALID,
                        "expected an ISO 8601 date such as “2025-08-30”, found “yesterday”");
  assert_error_message ("2025-08-30 14:05", CHRONICLE_TIME_ERROR_INVALID,
                        "expected an ISO 8601 date such as “2025-08-30”, found “2025-08-30 14:05”");
  assert_error_message ("", CHRONICLE_TIME_ERROR_INVALID,
                        "expected an ISO 8601 date such as “2025-08-30”, found an empty string");
  assert_error_message (NULL, CHRONICLE_TIME_ERROR_INVALID,
                        "expected an ISO 8601 date such as “2025-08-30”, found nothing");
  assert_error_message ("2025-04-31", CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        "day 31 does not exist in April 2025");
  assert_error_message ("2025-02-29", CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        "day 29 does not exist in February 2025");
  assert_error_message ("-0043-02-29", CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        "day 29 does not exist in February 44 BCE");
  assert_error_message ("2025-13-01", CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        "expected a month from 01 to 12, found “13”");
  assert_error_message ("2025-08-32", CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        "expected a day from 01 to 31, found “32”");
  assert_error_message ("2025-08-30T24:00", CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        "expected an hour from 00 to 23, found “24”");
  assert_error_message ("2025-08-30T23:61", CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        "expected minutes from 00 to 59, found “61”");
  assert_error_message ("2025-08-30T23:59:60Z", CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        "expected seconds from 00 to 59, found “60”");
  assert_error_message ("2025-08-30T12:00+25:00", CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        "expected a UTC offset from −23:59 to +23:59, found “+25:00”");
  assert_error_message ("-100000-01-01", CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        "expected a year from −99999 to 99999, found “-100000”");

  /* Long junk is cut short, and invalid UTF-8 does not reach the message. */
  long_text = g_strnfill (500, 'x');
  forty = g_strnfill (40, 'x');
  expected = g_strdup_printf ("expected an ISO 8601 date such as “2025-08-30”, found “%s…”", forty);
  assert_error_message (long_text, CHRONICLE_TIME_ERROR_INVALID, expected);

  {
    g_autoptr(GError) error = NULL;
    ChronicleTime t;

    g_assert_false (chronicle_time_parse ("2025\xff\xfe", NULL, &t, &error));
    g_assert_error (error, CHRONICLE_TIME_ERROR, CHRONICLE_TIME_ERROR_INVALID);
    g_assert_true (g_utf8_validate (error->message, -1, NULL));
  }
}

static void
test_parse_new (void)
{
  g_autoptr(ChronicleTime) t = NULL;
  g_autoptr(GError) error = NULL;

  t = chronicle_time_new_from_iso8601 ("2025-08-30", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (t);
  assert_iso (t, "2025-08-30");

  g_assert_null (chronicle_time_new_from_iso8601 ("30/08/2025", NULL, &error));
  g_assert_error (error, CHRONICLE_TIME_ERROR, CHRONICLE_TIME_ERROR_INVALID);
}

/* BCE */

static void
test_bce_years (void)
{
  struct {
    gint64      year;
    const char *text;
  } years[] = {
    { 2025, "2025" },
    { 1, "1" },
    { 0, "1 BCE" },
    { -1, "2 BCE" },
    { -43, "44 BCE" },
    { -1199, "1200 BCE" },
    { 12000, "12000" },
    { -12000, "12001 BCE" },
    { 99999, "99999" },
    { -99999, "100000 BCE" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_autofree char *text = chronicle_format_year (years[i].year);

      g_assert_cmpstr (text, ==, years[i].text);
    }

  /* There is no year 0 for people: 1 BCE is followed by 1. */
  assert_format ("0000", NULL, FALSE, "1 BCE");
  assert_format ("-0043", NULL, FALSE, "44 BCE");
  assert_format ("-0001", NULL, FALSE, "2 BCE");
  assert_format ("0001", NULL, FALSE, "1");
  assert_format ("-0043-03-15", NULL, FALSE, "15 March 44 BCE");
  assert_format ("-1199", NULL, TRUE, "c. 1200 BCE");

  {
    ChronicleTime last_bce = parse_ok ("0000-12-31T23:59:59Z", NULL);
    ChronicleTime first_ce = parse_ok ("0001-01-01T00:00:00Z", NULL);
    ChronicleTime bce2 = parse_ok ("-0001-12-31T23:59:59Z", NULL);
    ChronicleTime bce1 = parse_ok ("0000-01-01T00:00:00Z", NULL);

    g_assert_cmpint (chronicle_time_difference (&first_ce, &last_bce), ==, 1);
    g_assert_cmpint (chronicle_time_difference (&bce1, &bce2), ==, 1);
    /* 1 BCE is a leap year of 366 days. */
    g_assert_cmpint (chronicle_time_difference (&first_ce, &bce1), ==, 366 * SECONDS_PER_DAY);
  }
}

/* Ordering */

static void
test_order_whole_range (void)
{
  static const char * const sorted[] = {
    "-99999",
    "-99999-01-01T00:00:01Z",
    "-99999-12-31T23:59:59",
    "-99998",
    "-12000",
    "-10000-06",
    "-9999-01-01",
    "-0500-03-15",
    "-0044-03-15",
    "-0001-12-31",
    "0000",
    "0000-06-30T12:00",
    "0001-01-01",
    "0999",
    "1582-10-15",
    "1969-12-31T23:59:59",
    "1970",
    "1970-01-01T00:00:01",
    "2025-08-30",
    "2025-08-30T00:00:01",
    "2025-08-30T14:05-05:00",
    "9999-12-31T23:59:59",
    "+10000",
    "+12000-01-01",
    "+99999-12-31T23:59:59",
  };
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (ChronicleTime));
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      ChronicleTime t = parse_ok (sorted[i], NULL);

      g_array_append_val (times, t);
    }

  for (guint i = 0; i < times->len; i++)
    for (guint j = 0; j < times->len; j++)
      {
        const ChronicleTime *a = &g_array_index (times, ChronicleTime, i);
        const ChronicleTime *b = &g_array_index (times, ChronicleTime, j);
        int expected = (i > j) - (i < j);
        int result = chronicle_time_compare (a, b);

        g_assert_cmpint ((result > 0) - (result < 0), ==, expected);
        g_assert_cmpint (chronicle_time_equal (a, b), ==, i == j);
        g_assert_cmpint (chronicle_time_difference (a, b), ==, -chronicle_time_difference (b, a));
      }

  /* Shuffle, sort, and get the same order back. */
  for (guint i = times->len - 1; i > 0; i--)
    {
      guint j = g_rand_int_range (rand, 0, i + 1);
      ChronicleTime tmp = g_array_index (times, ChronicleTime, i);

      g_array_index (times, ChronicleTime, i) = g_array_index (times, ChronicleTime, j);
      g_array_index (times, ChronicleTime, j) = tmp;
    }
  g_array_sort (times, (GCompareFunc) chronicle_time_compare);
  for (guint i = 0; i < times->len; i++)
    assert_iso (&g_array_index (times, ChronicleTime, i), sorted[i]);

  /* Differences are exact across the whole range. */
  g_assert_cmpint (instant_of ("1970") - instant_of ("0000"), ==, 719528 * SECONDS_PER_DAY);
  g_assert_cmpint (instant_of ("-0044-03-15") - instant_of ("-0500-03-15"), ==,
                   chronicle_days_from_civil (-44, 3, 15) * SECONDS_PER_DAY -
                   chronicle_days_from_civil (-500, 3, 15) * SECONDS_PER_DAY);
  {
    gint64 days = 0;

    for (gint64 y = -12000; y < 12000; y++)
      days += naive_days_in_year (y);
    g_assert_cmpint (instant_of ("+12000") - instant_of ("-12000"), ==, days * SECONDS_PER_DAY);
  }
}

static void
test_order_precision (void)
{
  static const char * const same_instant[] = {
    "2025",
    "2025-01",
    "2025-01-01",
    "2025-01-01T00:00",
    "2025-01-01T00:00:00",
  };
  ChronicleTime exact;
  ChronicleTime approximate;

  for (guint i = 0; i + 1 < G_N_ELEMENTS (same_instant); i++)
    {
      ChronicleTime a = parse_ok (same_instant[i], NULL);
      ChronicleTime b = parse_ok (same_instant[i + 1], NULL);

      g_assert_cmpint (chronicle_time_difference (&a, &b), ==, 0);
      g_assert_cmpint (chronicle_time_compare (&a, &b), <, 0);
      g_assert_cmpint (chronicle_time_compare (&b, &a), >, 0);
      g_assert_false (chronicle_time_equal (&a, &b));
    }

  /* Exact before approximate. */
  exact = parse_ok ("2025-08-30", NULL);
  approximate = exact;
  chronicle_time_set_approximate (&approximate, TRUE);
  g_assert_cmpint (chronicle_time_compare (&exact, &approximate), <, 0);
  g_assert_false (chronicle_time_equal (&exact, &approximate));

  /* The same instant written on two clocks: ordered, not equal. */
  {
    ChronicleTime utc = parse_ok ("2025-08-30T19:05Z", NULL);
    ChronicleTime chicago = parse_ok ("2025-08-30T14:05-05:00", NULL);
    ChronicleTime again = parse_ok ("2025-08-30T14:05-05:00", NULL);

    g_assert_cmpint (chronicle_time_difference (&utc, &chicago), ==, 0);
    g_assert_cmpint (chronicle_time_compare (&utc, &chicago), !=, 0);
    g_assert_cmpint (chronicle_time_compare (&utc, &chicago), ==, -chronicle_time_compare (&chicago, &utc));
    g_assert_false (chronicle_time_equal (&utc, &chicago));
    g_assert_true (chronicle_time_equal (&chicago, &again));
    g_assert_cmpint (chronicle_time_compare (&chicago, &again), ==, 0);
  }
}

/* Round trips */

static void
assert_round_trip (const char *text,
                   GTimeZone  *tz)
{
  ChronicleTime t = parse_ok (text, tz);
  ChronicleTime again;
  g_autofree char *iso = chronicle_time_to_iso8601 (&t);

  if (g_strcmp0 (iso, text) != 0)
    g_error ("“%s” came back as “%s”", text, iso);

  again = parse_ok (iso, tz);
  if (!chronicle_time_equal (&t, &again))
    g_error ("“%s” is not equal to itself after a round trip", text);
}

static void
test_round_trip_days_around_zero (void)
{
  g_autoptr(GTimeZone) chicago = get_zone ("America/Chicago");
  static const gint64 first_years[] = { -3, -403, -99999, 99995, 1968 };

  if (chicago == NULL)
    return;

  for (guint k = 0; k < G_N_ELEMENTS (first_years); k++)
    {
      gint64 previous = G_MININT64;

      for (gint64 y = first_years[k]; y <= first_years[k] + 4; y++)
        for (int m = 1; m <= 12; m++)
          for (int d = 1; d <= naive_days_in_month (y, m); d++)
            {
              g_autoptr(GString) text = g_string_new (NULL);
              ChronicleTime t;

              append_year (text, y);
              g_string_append_printf (text, "-%02d-%02d", m, d);

              assert_round_trip (text->str, NULL);
              assert_round_trip (text->str, chicago);

              t = parse_ok (text->str, NULL);
              g_assert_cmpint (t.instant, ==, chronicle_days_from_civil (y, m, d) * SECONDS_PER_DAY);
              if (previous != G_MININT64)
                g_assert_cmpint (t.instant - previous, ==, SECONDS_PER_DAY);
              previous = t.instant;

              if (d == 1)
                {
                  g_string_truncate (text, text->len - 3);
                  assert_round_trip (text->str, NULL);
                  assert_round_trip (text->str, chicago);
                  if (m == 1)
                    {
                      g_string_truncate (text, text->len - 3);
                      assert_round_trip (text->str, NULL);
                      assert_round_trip (text->str, chicago);
                    }
                }
            }
    }
}

static void
test_round_trip_random (void)
{
  g_autoptr(GTimeZone) chicago = get_zone ("America/Chicago");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250830);

  if (chicago == NULL)
    return;

  for (guint i = 0; i < 50000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gint64 year = g_rand_int_range (rand, CHRONICLE_TIME_MIN_YEAR, CHRONICLE_TIME_MAX_YEAR + 1);
      int month = g_rand_int_range (rand, 1, 13);
      int day = g_rand_int_range (rand, 1, naive_days_in_month (year, month) + 1);
      int hour = g_rand_int_range (rand, 0, 24);
      int minute = g_rand_int_range (rand, 0, 60);
      int second = g_rand_int_range (rand, 0, 60);
      ChronicleTimePrecision precision = g_rand_int_range (rand, 0, 5);
      int offset_kind = g_rand_int_range (rand, 0, 3);
      gint32 offset = 0;
      ChronicleTime t;
      ChronicleTime local;
      ChronicleTime again;
      g_autofree char *iso = NULL;
      int y, mo, d, h, mi, s;

      append_year (text, year);
      if (precision >= CHRONICLE_TIME_PRECISION_MONTH)
        g_string_append_printf (text, "-%02d", month);
      if (precision >= CHRONICLE_TIME_PRECISION_DAY)
        g_string_append_printf (text, "-%02d", day);
      if (precision >= CHRONICLE_TIME_PRECISION_MINUTE)
        {
          g_string_append_printf (text, "T%02d:%02d", hour, minute);
          if (precision == CHRONICLE_TIME_PRECISION_SECOND)
            g_string_append_printf (text, ":%02d", second);
          if (offset_kind == 1)
            {
              g_string_append_c (text, 'Z');
            }
          else if (offset_kind == 2)
            {
              int oh = g_rand_int_range (rand, 0, 24);
              int om = g_rand_int_range (rand, 0, 4) * 15;
              gboolean negative = g_rand_boolean (rand);

              if (oh == 0 && om == 0)
                om = 30;
              offset = (negative ? -1 : 1) * (oh * 3600 + om * 60);
              g_string_append_printf (text, "%c%02d:%02d", negative ? '-' : '+', oh, om);
            }
        }

      /* In UTC the string comes back exactly, with the fields it named. */
      assert_round_trip (text->str, NULL);
      t = parse_ok (text->str, NULL);
      chronicle_time_get_civil (&t, &y, &mo, &d, &h, &mi, &s);
      g_assert_cmpint (y, ==, year);
      if (precision >= CHRONICLE_TIME_PRECISION_MONTH)
        g_assert_cmpint (mo, ==, month);
      if (precision >= CHRONICLE_TIME_PRECISION_DAY)
        g_assert_cmpint (d, ==, day);
      if (precision >= CHRONICLE_TIME_PRECISION_MINUTE)
        {
          g_assert_cmpint (h, ==, hour);
          g_assert_cmpint (mi, ==, minute);
          g_assert_cmpint (t.offset, ==, offset);
        }
      g_assert_cmpint (t.instant + t.offset, ==,
                       chronicle_days_from_civil (year, precision >= CHRONICLE_TIME_PRECISION_MONTH ? month : 1,
                                                  precision >= CHRONICLE_TIME_PRECISION_DAY ? day : 1) * SECONDS_PER_DAY +
                       (precision >= CHRONICLE_TIME_PRECISION_MINUTE ? hour * 3600 + minute * 60 : 0) +
                       (precision == CHRONICLE_TIME_PRECISION_SECOND ? second : 0));

      /* On a wall clock with clock changes the string comes back too,
       * unless it named a skipped time; parsing again always agrees. */
      local = parse_ok (text->str, chicago);
      iso = chronicle_time_to_iso8601 (&local);
      again = parse_ok (iso, chicago);
      g_assert_true (chronicle_time_equal (&local, &again));
      if (local.instant + local.offset == t.instant + t.offset)
        g_assert_cmpstr (iso, ==, text->str);
      else
        g_assert_cmpint (local.precision, >=, CHRONICLE_TIME_PRECISION_MINUTE);
    }
}

/* Daylight saving time */

static void
test_dst_chicago (void)
{
  g_autoptr(GTimeZone) chicago = get_zone ("America/Chicago");
  ChronicleTime a, b, t;

  if (chicago == NULL)
    return;

  a = parse_ok ("2025-03-09T01:59", chicago);
  b = parse_ok ("2025-03-09T03:00", chicago);
  g_assert_cmpint (chronicle_time_difference (&b, &a), ==, 60);
  g_assert_cmpstr (a.zone, ==, "CST");
  g_assert_cmpstr (b.zone, ==, "CDT");

  t = parse_ok ("2025-07-01T12:00", chicago);
  g_assert_cmpint (t.offset, ==, -5 * 3600);
  g_assert_cmpstr (t.zone, ==, "CDT");
  g_assert_cmpint (t.instant, ==, instant_of ("2025-07-01T17:00Z"));
  g_assert_cmpint (t.flags, ==, CHRONICLE_TIME_FLAG_NONE);
  assert_iso (&t, "2025-07-01T12:00");

  t = parse_ok ("2025-12-01T12:00", chicago);
  g_assert_cmpint (t.offset, ==, -6 * 3600);
  g_assert_cmpstr (t.zone, ==, "CST");
  g_assert_cmpint (t.instant, ==, instant_of ("2025-12-01T18:00Z"));

  /* A date is a day on the timeline's wall clock, not midnight UTC. */
  t = parse_ok ("2025-08-30", chicago);
  g_assert_cmpint (t.instant, ==, instant_of ("2025-08-30T05:00Z"));
  g_assert_cmpint (t.offset, ==, -5 * 3600);
  g_assert_cmpstr (t.zone, ==, "");
  assert_format ("2025-08-30", chicago, FALSE, "30 August 2025");
  assert_iso (&t, "2025-08-30");

  t = parse_ok ("2025", chicago);
  g_assert_cmpint (t.instant, ==, instant_of ("2025-01-01T06:00Z"));
  t = parse_ok ("2025-07", chicago);
  g_assert_cmpint (t.instant, ==, instant_of ("2025-07-01T05:00Z"));

  /* Skipped: 02:30 moves to the end of the gap, 03:00 CDT. */
  t = parse_ok ("2025-03-09T02:30", chicago);
  g_assert_cmpint (t.instant, ==, instant_of ("2025-03-09T08:00Z"));
  g_assert_cmpint (t.offset, ==, -5 * 3600);
  g_assert_cmpstr (t.zone, ==, "CDT");
  assert_iso (&t, "2025-03-09T03:00");

  /* Repeated: 01:30 is the first one, still daylight time. */
  t = parse_ok ("2025-11-02T01:30", chicago);
  g_assert_cmpint (t.instant, ==, instant_of ("2025-11-02T06:30Z"));
  g_assert_cmpint (t.offset, ==, -5 * 3600);
  g_assert_cmpstr (t.zone, ==, "CDT");
  a = parse_ok ("2025-11-02T00:59", chicago);
  b = parse_ok ("2025-11-02T02:00", chicago);
  g_assert_cmpint (chronicle_time_difference (&b, &a), ==, 2 * 3600 + 60);

  /* The second 01:30 has the same wall clock, one hour later. */
  chronicle_time_init_from_instant (&b, instant_of ("2025-11-02T07:30Z"), CHRONICLE_TIME_PRECISION_MINUTE, chicago);
  g_assert_cmpint (b.offset, ==, -6 * 3600);
  g_assert_cmpstr (b.zone, ==, "CST");
  assert_iso (&b, "2025-11-02T01:30");
  g_assert_cmpint (chronicle_time_difference (&b, &t), ==, 3600);
}

/* Compares parsing with GDateTime, which knows years 1 to 9999, for every
 * quarter hour of every day with a clock change from 1850 to 2099, and at
 * noon on the first of every month. GDateTime takes the later of two
 * repeated times; Chronicle takes the earlier. */
static void
check_against_gdatetime (GTimeZone *tz,
                         int        year,
                         int        month,
                         int        day,
                         int        hour,
                         int        minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  g_autofree char *text = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d", year, month, day, hour, minute);
  ChronicleTime t = parse_ok (text, tz);
  ChronicleTime from_instant;
  gint64 local = chronicle_days_from_civil (year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60;
  gint64 instant = g_date_time_to_unix (dt);
  gint32 offset = (gint32) (g_date_time_get_utc_offset (dt) / G_USEC_PER_SEC);

  if (t.instant != instant || t.offset != offset)
    {
      /* Only a repeated time may differ, and then both must name it. */
      if (t.instant + t.offset != local || instant + offset != local || t.instant >= instant)
        g_error ("%s in %s: %" G_GINT64_FORMAT " %+d, GDateTime says %" G_GINT64_FORMAT " %+d",
                 text, g_time_zone_get_identifier (tz), t.instant, t.offset, instant, offset);
    }
  else
    {
      g_assert_cmpstr (t.zone, ==, g_date_time_get_timezone_abbreviation (dt));
    }

  /* And back from the instant GDateTime found. */
  chronicle_time_init_from_instant (&from_instant, instant, CHRONICLE_TIME_PRECISION_SECOND, tz);
  g_assert_cmpint (from_instant.offset, ==, offset);
  g_assert_cmpstr (from_instant.zone, ==, g_date_time_get_timezone_abbreviation (dt));
}

static void
test_dst_against_gdatetime (void)
{
  static const char * const zones[] = {
    "America/Chicago",
    "Europe/London",
    "Europe/Dublin",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
    "Pacific/Apia",
    "Asia/Kolkata",
  };

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = get_zone (zones[z]);
      guint n_changes = 0;

      if (tz == NULL)
        return;

      for (gint64 days = chronicle_days_from_civil (1850, 1, 1);
           days < chronicle_days_from_civil (2100, 1, 1);
           days++)
        {
          gint64 year;
          int month;
          int day;
          /* This local day, whatever the offset (−12 to +14 hours). */
          int before = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, days * SECONDS_PER_DAY - 14 * 3600);
          int after = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, (days + 1) * SECONDS_PER_DAY + 12 * 3600);

          chronicle_civil_from_days (days, &year, &month, &day);

          if (before != after)
            {
              n_changes++;
              for (int minutes = 0; minutes < 24 * 60; minutes += 15)
                check_against_gdatetime (tz, year, month, day, minutes / 60, minutes % 60);
            }
          else if (day == 1)
            {
              check_against_gdatetime (tz, year, month, day, 12, 0);
            }
        }

      g_test_message ("%s: %u days near a clock change", zones[z], n_changes);
      g_assert_cmpuint (n_changes, >, 0);
    }
}

/* Parsing from several threads at once, in zones not used before. */
static gpointer
parse_in_thread (gpointer data)
{
  GTimeZone **zones = data;
  guint64 sum = 0;

  for (guint i = 0; i < 2000; i++)
    for (guint z = 0; zones[z] != NULL; z++)
      {
        g_autofree char *text = g_strdup_printf ("%04u-%02u-%02uT%02u:30", 1900 + i % 200, 1 + i % 12, 1 + i % 28, i % 24);
        ChronicleTime t = parse_ok (text, zones[z]);

        sum = sum * 31 + (guint64) t.instant + (guint64) t.offset;
      }

  return g_memdup2 (&sum, sizeof sum);
}

static void
test_dst_threads (void)
{
  GTimeZone *zones[] = {
    g_time_zone_new_identifier ("America/New_York"),
    g_time_zone_new_identifier ("Europe/Paris"),
    g_time_zone_new_identifier ("Asia/Tehran"),
    NULL,
  };
  GThread *threads[4];
  g_autofree guint64 *expected = NULL;

  for (guint z = 0; z < 3; z++)
    if (zones[z] == NULL)
      {
        g_test_skip ("time zones are not installed");
        goto out;
      }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("parse", parse_in_thread, zones);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autofree guint64 *sum = g_thread_join (threads[i]);

      if (expected == NULL)
        expected = g_steal_pointer (&sum);
      else
        g_assert_cmpuint (*sum, ==, *expected);
    }

  /* The same as one thread alone. */
  {
    g_autofree guint64 *sum = parse_in_thread (zones);

    g_assert_cmpuint (*sum, ==, *expected);
  }

out:
  for (guint z = 0; z < 3; z++)
    g_clear_pointer (&zones[z], g_time_zone_unref);
}

static void
test_dst_far_past_and_future (void)
{
  g_autoptr(GTimeZone) chicago = get_zone ("America/Chicago");
  static const char * const texts[] = {
    "-0500-03-15T12:00",
    "-99999-07-01T12:00",
    "1800-07-01T12:00",
    "2150-07-01T12:00",
    "2150-12-01T12:00",
    "3000-07-01T12:00",
    "+12000-07-01T12:00:30",
    "+99999-12-31T23:59:59",
  };

  if (chicago == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      ChronicleTime t = parse_ok (texts[i], chicago);
      ChronicleTime utc = parse_ok (texts[i], NULL);
      int interval = g_time_zone_find_interval (chicago, G_TIME_TYPE_UNIVERSAL, t.instant);

      g_test_message ("%s: offset %d %s", texts[i], t.offset, t.zone);
      g_assert_cmpint (t.offset, ==, g_time_zone_get_offset (chicago, interval));
      g_assert_cmpstr (t.zone, ==, g_time_zone_get_abbreviation (chicago, interval));
      g_assert_cmpint (t.instant + t.offset, ==, utc.instant);
      assert_round_trip (texts[i], chicago);
    }

  /* Before railway time Chicago kept local mean time. */
  {
    ChronicleTime t = parse_ok ("-0500-03-15", chicago);

    g_assert_cmpint (t.offset, ==, g_time_zone_get_offset (chicago, 0));
    g_assert_cmpint (t.instant, ==, instant_of ("-0500-03-15") - t.offset);
    assert_format ("-0500-03-15", chicago, FALSE, "15 March 501 BCE");
  }

  /* GLib carries the daylight-saving rule on past the tables. */
  {
    ChronicleTime summer = parse_ok ("2150-07-01T12:00", chicago);
    ChronicleTime winter = parse_ok ("2150-12-01T12:00", chicago);

    g_assert_cmpint (summer.offset, ==, -5 * 3600);
    g_assert_cmpint (winter.offset, ==, -6 * 3600);
  }
}

static void
test_dst_dates (void)
{
  g_autoptr(GTimeZone) chicago = get_zone ("America/Chicago");
  g_autoptr(GTimeZone) sao_paulo = get_zone ("America/Sao_Paulo");
  g_autoptr(GTimeZone) apia = get_zone ("Pacific/Apia");
  ChronicleTime t;
  ChronicleTime u;

  if (chicago == NULL || sao_paulo == NULL || apia == NULL)
    return;

  /* The day the clocks spring forward is 23 hours long. */
  t = parse_ok ("2025-03-09", chicago);
  g_assert_cmpint (t.instant, ==, instant_of ("2025-03-09T06:00Z"));
  g_assert_cmpint (chronicle_time_get_end_instant_in_zone (&t, chicago) - t.instant, ==, 23 * 3600);
  /* Without the zone the day keeps the offset it started with. */
  g_assert_cmpint (chronicle_time_get_end_instant (&t) - t.instant, ==, 24 * 3600);

  t = parse_ok ("2025-11-02", chicago);
  g_assert_cmpint (chronicle_time_get_end_instant_in_zone (&t, chicago) - t.instant, ==, 25 * 3600);

  t = parse_ok ("2025-03", chicago);
  u = parse_ok ("2025-04", chicago);
  g_assert_cmpint (chronicle_time_get_end_instant_in_zone (&t, chicago), ==, u.instant);

  /* In Brazil in 2018 the clocks skipped midnight: the day starts at 01:00. */
  t = parse_ok ("2018-11-04", sao_paulo);
  g_assert_cmpint (t.instant, ==, instant_of ("2018-11-04T03:00Z"));
  assert_iso (&t, "2018-11-04");
  assert_format ("2018-11-04", sao_paulo, FALSE, "4 November 2018");
  {
    int y, m, d;

    chronicle_time_get_civil (&t, &y, &m, &d, NULL, NULL, NULL);
    g_assert_cmpint (d, ==, 4);
  }
  u = parse_ok ("2018-11-04T00:30", sao_paulo);
  g_assert_cmpint (u.instant, ==, t.instant);
  assert_iso (&u, "2018-11-04T01:00");

  /* Samoa skipped 30 December 2011 altogether. The day keeps its name and
   * starts (and ends) when 31 December starts. */
  t = parse_ok ("2011-12-30", apia);
  u = parse_ok ("2011-12-31", apia);
  assert_iso (&t, "2011-12-30");
  assert_iso (&u, "2011-12-31");
  g_assert_cmpint (t.instant, ==, u.instant);
  g_assert_cmpint (chronicle_time_get_end_instant_in_zone (&t, apia), ==, u.instant);
  g_assert_cmpint (chronicle_time_compare (&t, &u), <, 0);
  assert_round_trip ("2011-12-30", apia);
}

/* Periods */

static void
test_end_instant (void)
{
  static const struct {
    const char *start;
    const char *end;
  } periods[] = {
    { "2025", "2026" },
    { "2025-12", "2026-01" },
    { "2025-02", "2025-03" },
    { "2024-02", "2024-03" },
    { "2025-08-30", "2025-08-31" },
    { "2025-12-31", "2026-01-01" },
    { "-0001", "0000" },
    { "0000-12-31", "0001-01-01" },
    { "-12000-02", "-12000-03" },
    { "2025-08-30T14:05", "2025-08-30T14:06" },
    { "2025-08-30T23:59", "2025-08-31T00:00" },
    { "2025-08-30T14:05:09", "2025-08-30T14:05:10" },
    { "2025-08-30T14:05+02:00", "2025-08-30T14:06+02:00" },
  };
  ChronicleTime t;

  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      t = parse_ok (periods[i].start, NULL);
      g_assert_cmpint (chronicle_time_get_end_instant (&t), ==, instant_of (periods[i].end));
      g_assert_cmpint (chronicle_time_get_end_instant_in_zone (&t, NULL), ==, instant_of (periods[i].end));
    }

  t = parse_ok ("2025-02", NULL);
  g_assert_cmpint (chronicle_time_get_end_instant (&t) - t.instant, ==, 28 * SECONDS_PER_DAY);
  t = parse_ok ("2024-02", NULL);
  g_assert_cmpint (chronicle_time_get_end_instant (&t) - t.instant, ==, 29 * SECONDS_PER_DAY);
  t = parse_ok ("0000", NULL);
  g_assert_cmpint (chronicle_time_get_end_instant (&t) - t.instant, ==, 366 * SECONDS_PER_DAY);

  t = parse_ok ("+99999", NULL);
  g_assert_cmpint (chronicle_time_get_end_instant (&t), ==,
                   chronicle_days_from_civil (100000, 1, 1) * SECONDS_PER_DAY);

  /* On another wall clock the period ends on that clock. */
  {
    g_autoptr(GTimeZone) chicago = get_zone ("America/Chicago");

    if (chicago == NULL)
      return;

    t = parse_ok ("2025-08", chicago);
    g_assert_cmpint (chronicle_time_get_end_instant (&t), ==, instant_of ("2025-09-01T05:00Z"));
    g_assert_cmpint (chronicle_time_get_end_instant_in_zone (&t, chicago), ==, instant_of ("2025-09-01T05:00Z"));
    t = parse_ok ("2025-08-30T14:05", chicago);
    g_assert_cmpint (chronicle_time_get_end_instant_in_zone (&t, chicago), ==, t.instant + 60);
  }
}

static void
test_init_from_instant (void)
{
  g_autoptr(GTimeZone) chicago = get_zone ("America/Chicago");
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  static const struct {
    ChronicleTimePrecision precision;
    const char *chicago;
    const char *utc;
  } expected[] = {
    { CHRONICLE_TIME_PRECISION_YEAR, "2025", "2025" },
    { CHRONICLE_TIME_PRECISION_MONTH, "2025-08", "2025-08" },
    { CHRONICLE_TIME_PRECISION_DAY, "2025-08-30", "2025-08-30" },
    { CHRONICLE_TIME_PRECISION_MINUTE, "2025-08-30T09:05", "2025-08-30T14:05" },
    { CHRONICLE_TIME_PRECISION_SECOND, "2025-08-30T09:05:09", "2025-08-30T14:05:09" },
  };
  gint64 instant = instant_of ("2025-08-30T14:05:09Z");
  ChronicleTime t;

  if (chicago == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      ChronicleTime parsed;

      /* The same value that parsing the wall-clock string gives. */
      chronicle_time_init_from_instant (&t, instant, expected[i].precision, chicago);
      parsed = parse_ok (expected[i].chicago, chicago);
      assert_iso (&t, expected[i].chicago);
      g_assert_true (chronicle_time_equal (&t, &parsed));
      g_assert_cmpint (t.instant, <=, instant);
      g_assert_cmpint (chronicle_time_get_end_instant (&t), >, instant);

      chronicle_time_init_from_instant (&t, instant, expected[i].precision, NULL);
      parsed = parse_ok (expected[i].utc, NULL);
      assert_iso (&t, expected[i].utc);
      g_assert_true (chronicle_time_equal (&t, &parsed));
    }

  chronicle_time_init_from_instant (&t, instant, CHRONICLE_TIME_PRECISION_YEAR, chicago);
  g_assert_cmpint (t.instant, ==, instant_of ("2025-01-01T06:00Z"));
  g_assert_cmpstr (t.zone, ==, "");
  chronicle_time_init_from_instant (&t, instant, CHRONICLE_TIME_PRECISION_MINUTE, chicago);
  g_assert_cmpstr (t.zone, ==, "CDT");

  /* Before 1970 the periods still start at or before the instant. */
  chronicle_time_init_from_instant (&t, -1, CHRONICLE_TIME_PRECISION_DAY, NULL);
  assert_iso (&t, "1969-12-31");
  g_assert_cmpint (t.instant, ==, -SECONDS_PER_DAY);
  chronicle_time_init_from_instant (&t, -1, CHRONICLE_TIME_PRECISION_MINUTE, NULL);
  g_assert_cmpint (t.instant, ==, -60);
  chronicle_time_init_from_instant (&t, instant_of ("-0043-03-15T11:00:00Z"), CHRONICLE_TIME_PRECISION_YEAR, NULL);
  assert_iso (&t, "-0043");

  /* Anywhere in the range, and back through a string. */
  for (guint i = 0; i < 20000; i++)
    {
      gint64 lo = instant_of ("-99999-01-01T00:00:00Z");
      gint64 hi = instant_of ("+99999-12-31T23:59:59Z");
      gint64 random = lo + (gint64) (g_rand_double (rand) * (double) (hi - lo));
      ChronicleTimePrecision precision = g_rand_int_range (rand, 0, 5);
      g_autofree char *iso = NULL;
      ChronicleTime again;

      chronicle_time_init_from_instant (&t, random, precision, i % 2 ? chicago : NULL);
      g_assert_cmpint (t.instant, <=, random);
      g_assert_cmpint (chronicle_time_get_end_instant_in_zone (&t, i % 2 ? chicago : NULL), >, random);
      iso = chronicle_time_to_iso8601 (&t);
      again = parse_ok (iso, i % 2 ? chicago : NULL);
      g_assert_true (chronicle_time_equal (&t, &again));
    }
}

/* The value type */

static void
test_boxed (void)
{
  ChronicleTime t = parse_ok ("2025-08-30T14:05:09+02:00", NULL);
  g_auto(GValue) value = G_VALUE_INIT;
  ChronicleTime *copy;
  const ChronicleTime *stored;

  g_assert_true (G_TYPE_IS_BOXED (CHRONICLE_TYPE_TIME));
  g_assert_cmpstr (g_type_name (CHRONICLE_TYPE_TIME), ==, "ChronicleTime");
  g_assert_cmpuint (sizeof (ChronicleTime), ==, 24);

  copy = g_boxed_copy (CHRONICLE_TYPE_TIME, &t);
  g_assert_true (copy != &t);
  g_assert_true (chronicle_time_equal (copy, &t));
  g_boxed_free (CHRONICLE_TYPE_TIME, copy);

  g_value_init (&value, CHRONICLE_TYPE_TIME);
  g_value_set_boxed (&value, &t);
  stored = g_value_get_boxed (&value);
  g_assert_true (chronicle_time_equal (stored, &t));

  {
    g_autoptr(ChronicleTime) owned = chronicle_time_copy (&t);

    g_assert_cmpint (chronicle_time_compare (owned, &t), ==, 0);
  }

  g_assert_cmpuint (CHRONICLE_TIME_ERROR, ==, g_quark_from_static_string ("chronicle-time-error-quark"));
}

static void
test_civil (void)
{
  ChronicleTime t = parse_ok ("-0500-03-15T23:59:58-03:30", NULL);
  int y, mo, d, h, mi, s;

  chronicle_time_get_civil (&t, &y, &mo, &d, &h, &mi, &s);
  g_assert_cmpint (y, ==, -500);
  g_assert_cmpint (mo, ==, 3);
  g_assert_cmpint (d, ==, 15);
  g_assert_cmpint (h, ==, 23);
  g_assert_cmpint (mi, ==, 59);
  g_assert_cmpint (s, ==, 58);

  /* Every output is optional. */
  chronicle_time_get_civil (&t, NULL, NULL, &d, NULL, NULL, NULL);
  g_assert_cmpint (d, ==, 15);
}

/* Formatting, C locale */

static void
test_format_c_locale (void)
{
  g_autoptr(GTimeZone) chicago = get_zone ("America/Chicago");
  g_autoptr(GTimeZone) lord_howe = get_zone ("Australia/Lord_Howe");

  if (chicago == NULL || lord_howe == NULL)
    return;

  assert_format ("2025", NULL, FALSE, "2025");
  assert_format ("2025-08", NULL, FALSE, "August 2025");
  assert_format ("2025-08-30", NULL, FALSE, "30 August 2025");
  assert_format ("2025-08-01", NULL, FALSE, "1 August 2025");
  assert_format ("2025-08-30T14:05", chicago, FALSE, "30 August 2025, 14:05 CDT");
  assert_format ("2025-08-30T14:05:09", chicago, FALSE, "30 August 2025, 14:05:09 CDT");
  assert_format ("2025-01-05T07:00", chicago, FALSE, "5 January 2025, 07:00 CST");
  assert_format ("2025-08-30T14:05", NULL, FALSE, "30 August 2025, 14:05 UTC");
  assert_format ("2025-08-30T14:05Z", NULL, FALSE, "30 August 2025, 14:05 UTC");
  assert_format ("2025-08-30T14:05Z", chicago, FALSE, "30 August 2025, 14:05 UTC");
  assert_format ("2025-08-30T14:05-05:00", NULL, FALSE, "30 August 2025, 14:05 UTC−05:00");
  assert_format ("2025-08-30T14:05+05:30", NULL, FALSE, "30 August 2025, 14:05 UTC+05:30");
  assert_format ("2025-07-01T12:00-06:00", chicago, FALSE, "1 July 2025, 12:00 UTC−06:00");
  /* tzdata names some zones only by their offset: show it as one. */
  assert_format ("2025-07-01T12:00", lord_howe, FALSE, "1 July 2025, 12:00 UTC+10:30");
  assert_format ("2025-12-01T12:00", lord_howe, FALSE, "1 December 2025, 12:00 UTC+11:00");
  assert_format ("2025-08-30", NULL, TRUE, "c. 30 August 2025");
  assert_format ("+12000", NULL, FALSE, "12000");
  assert_format ("-12000", NULL, FALSE, "12001 BCE");
  assert_format ("1200", NULL, TRUE, "c. 1200");
  assert_format ("-1199-05", NULL, TRUE, "c. May 1200 BCE");

  for (int m = 1; m <= 12; m++)
    {
      static const char * const names[] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
      };
      g_autofree char *abbreviation = g_strndup (names[m - 1], 3);

      g_assert_cmpstr (chronicle_month_name (m), ==, names[m - 1]);
      g_assert_cmpstr (chronicle_month_abbreviation (m), ==, abbreviation);
    }

  /* Local mean time has seconds in its offset. */
  {
    ChronicleTime t = parse_ok ("1850-01-01T12:00", chicago);
    g_autofree char *text = NULL;

    g_assert_cmpstr (t.zone, ==, "LMT");
    memset (t.zone, 0, sizeof t.zone);
    text = chronicle_time_format (&t);
    g_assert_cmpstr (text, ==, "1 January 1850, 12:00 UTC−05:50:36");
  }
}

static void
test_format_range (void)
{
  g_autoptr(GTimeZone) chicago = get_zone ("America/Chicago");

  if (chicago == NULL)
    return;

  assert_range ("2025-08-25", "2025-08-30", FALSE, FALSE, NULL, "25 – 30 August 2025");
  assert_range ("2025-08-25", "2025-09-05", FALSE, FALSE, NULL, "25 August – 5 September 2025");
  assert_range ("2024-12-30", "2025-01-02", FALSE, FALSE, NULL, "30 December 2024 – 2 January 2025");
  assert_range ("2024", "2025", FALSE, FALSE, NULL, "2024 – 2025");
  assert_range ("2025-06", "2025-08", FALSE, FALSE, NULL, "June – August 2025");
  assert_range ("2024-11", "2025-02", FALSE, FALSE, NULL, "November 2024 – February 2025");
  assert_range ("2025-08-30", "2025-08-30", FALSE, FALSE, NULL, "30 August 2025");
  assert_range ("2025", "2025-08-30", FALSE, FALSE, NULL, "2025 – 30 August 2025");
  assert_range ("-0044", "0014", FALSE, FALSE, NULL, "45 BCE – 14");
  assert_range ("-1199", "-1099", FALSE, FALSE, NULL, "1200 – 1100 BCE");
  assert_range ("-1199", "-1099", TRUE, TRUE, NULL, "c. 1200 – 1100 BCE");
  assert_range ("-1199", "-1099", TRUE, FALSE, NULL, "c. 1200 BCE – 1100 BCE");
  assert_range ("-0043-03-01", "-0043-03-15", FALSE, FALSE, NULL, "1 – 15 March 44 BCE");
  assert_range ("2025-08-25", "2025-08-30", TRUE, TRUE, NULL, "c. 25 – 30 August 2025");
  assert_range ("1200", "1300", TRUE, TRUE, NULL, "c. 1200 – c. 1300");
  assert_range ("2025-08-30T14:05", "2025-08-30T16:00", FALSE, FALSE, chicago,
                "30 August 2025, 14:05 – 16:00 CDT");
  assert_range ("2025-08-30T14:05:09Z", "2025-08-30T16:00:00Z", FALSE, FALSE, NULL,
                "30 August 2025, 14:05:09 – 16:00:00 UTC");
  assert_range ("2025-08-30T14:05", "2025-08-31T09:00", FALSE, FALSE, chicago,
                "30 August 2025, 14:05 CDT – 31 August 2025, 09:00 CDT");
  assert_range ("2025-11-02T00:30", "2025-11-02T03:00", FALSE, FALSE, chicago,
                "2 November 2025, 00:30 CDT – 2 November 2025, 03:00 CST");
}

static void
test_format_duration (void)
{
  assert_duration (0, FALSE, "0 seconds");
  assert_duration (1, FALSE, "1 second");
  assert_duration (59, FALSE, "59 seconds");
  assert_duration (60, FALSE, "1 minute");
  assert_duration (61, FALSE, "1 minute 1 second");
  assert_duration (3600, FALSE, "1 hour");
  assert_duration (2 * 3600 + 5 * 60, FALSE, "2 hours 5 minutes");
  assert_duration (2 * 3600 + 5 * 60 + 30, FALSE, "2 hours 5 minutes");
  assert_duration (-(2 * 3600 + 5 * 60), FALSE, "2 hours 5 minutes");
  assert_duration (SECONDS_PER_DAY, FALSE, "1 day");
  assert_duration (3 * SECONDS_PER_DAY, FALSE, "3 days");
  assert_duration (SECONDS_PER_DAY + 3600, FALSE, "1 day 1 hour");
  /* Only the next unit down, so no minutes after days. */
  assert_duration (SECONDS_PER_DAY + 60, FALSE, "1 day");
  assert_duration (30 * SECONDS_PER_DAY, FALSE, "30 days");
  assert_duration (30 * SECONDS_PER_DAY, TRUE, "about 30 days");
  assert_duration (365 * SECONDS_PER_DAY, FALSE, "365 days");
  assert_duration (31556952, FALSE, "1 year");
  assert_duration (2 * 31556952 + 3 * SECONDS_PER_DAY, FALSE, "2 years 3 days");
  assert_duration (2000 * G_GINT64_CONSTANT (31556952), TRUE, "about 2000 years");
  assert_duration (G_MAXINT64, FALSE, "292277024626 years 338 days");
  assert_duration (G_MININT64, FALSE, "292277024626 years 338 days");
  assert_duration (5, TRUE, "about 5 seconds");
}

/* Formatting, Spanish */

static void
test_format_spanish (void)
{
  const char *localedir = g_getenv ("CHRONICLE_LOCALEDIR");
  g_autofree char *old_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *error_message = NULL;
  g_autoptr(GError) error = NULL;
  ChronicleTime t;

  if (localedir == NULL)
    {
      g_test_skip ("CHRONICLE_LOCALEDIR is not set");
      return;
    }

  g_setenv ("LANGUAGE", "es", TRUE);
  if (setlocale (LC_ALL, "es_ES.UTF-8") == NULL)
    {
      g_test_skip ("the es_ES.UTF-8 locale is not available");
      goto out;
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  assert_format ("2025-08-30", NULL, FALSE, "30 de agosto de 2025");
  assert_format ("2025-08", NULL, FALSE, "agosto de 2025");
  assert_format ("-0043", NULL, FALSE, "44 a. C.");
  assert_format ("-1199", NULL, TRUE, "c. 1200 a. C.");
  assert_format ("2025-08-30T14:05:09Z", NULL, FALSE, "30 de agosto de 2025, 14:05:09 UTC");
  assert_range ("2025-08-25", "2025-08-30", FALSE, FALSE, NULL, "25 – 30 de agosto de 2025");
  assert_duration (3 * SECONDS_PER_DAY, FALSE, "3 días");
  assert_duration (SECONDS_PER_DAY + 3600, TRUE, "aproximadamente 1 día 1 hora");
  g_assert_cmpstr (chronicle_month_name (1), ==, "enero");
  g_assert_cmpstr (chronicle_month_abbreviation (12), ==, "dic");

  g_assert_false (chronicle_time_parse ("2025-04-31", NULL, &t, &error));
  error_message = g_strdup (error->message);
  g_assert_cmpstr (error_message, ==, "el día 31 no existe en abril de 2025");

out:
  setlocale (LC_ALL, "C");
  if (old_language != NULL)
    g_setenv ("LANGUAGE", old_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  textdomain ("messages");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/calendar/known-days", test_calendar_known_days);
  g_test_add_func ("/time/calendar/counting", test_calendar_counting);
  g_test_add_func ("/time/calendar/gdate", test_calendar_gdate);
  g_test_add_func ("/time/calendar/whole-range", test_calendar_whole_range);
  g_test_add_func ("/time/calendar/leap-years", test_calendar_leap_years);
  g_test_add_func ("/time/parse/forms", test_parse_forms);
  g_test_add_func ("/time/parse/expanded-years", test_parse_expanded_years);
  g_test_add_func ("/time/parse/offsets", test_parse_offsets);
  g_test_add_func ("/time/parse/invalid", test_parse_invalid);
  g_test_add_func ("/time/parse/messages", test_parse_messages);
  g_test_add_func ("/time/parse/new", test_parse_new);
  g_test_add_func ("/time/bce/years", test_bce_years);
  g_test_add_func ("/time/order/whole-range", test_order_whole_range);
  g_test_add_func ("/time/order/precision", test_order_precision);
  g_test_add_func ("/time/round-trip/days-around-zero", test_round_trip_days_around_zero);
  g_test_add_func ("/time/round-trip/random", test_round_trip_random);
  g_test_add_func ("/time/dst/chicago", test_dst_chicago);
  g_test_add_func ("/time/dst/against-gdatetime", test_dst_against_gdatetime);
  g_test_add_func ("/time/dst/threads", test_dst_threads);
  g_test_add_func ("/time/dst/far-past-and-future", test_dst_far_past_and_future);
  g_test_add_func ("/time/dst/dates", test_dst_dates);
  g_test_add_func ("/time/period/end-instant", test_end_instant);
  g_test_add_func ("/time/period/init-from-instant", test_init_from_instant);
  g_test_add_func ("/time/value/boxed", test_boxed);
  g_test_add_func ("/time/value/civil", test_civil);
  g_test_add_func ("/time/format/c-locale", test_format_c_locale);
  g_test_add_func ("/time/format/range", test_format_range);
  g_test_add_func ("/time/format/duration", test_format_duration);
  g_test_add_func ("/time/format/spanish", test_format_spanish);

  return g_test_run ();
}
