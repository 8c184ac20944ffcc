/* test-time-axis.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "chronicle-time.h"
#include "chronicle-time-axis.h"

#define DAY G_GINT64_CONSTANT (86400)
#define YEAR (365.2425 * 86400.0)
#define WIDTH 1200.0

typedef struct
{
  gint64 year;
  int    month;
  int    day;
  int    hour;
  int    minute;
  int    second;
} Civil;

static gint64
instant_utc (gint64 year,
             int    month,
             int    day,
             int    hour,
             int    minute)
{
  return chronicle_days_from_civil (year, month, day) * DAY + hour * 3600 + minute * 60;
}

/* The wall clock of @tz at @instant, computed without the axis. */
static void
civil_in_zone (GTimeZone *tz,
               gint64     instant,
               Civil     *civil)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);
  gint64 local = instant + g_time_zone_get_offset (tz, interval);
  gint64 days = local / DAY - (local % DAY < 0 ? 1 : 0);
  gint64 seconds = local - days * DAY;

  chronicle_civil_from_days (days, &civil->year, &civil->month, &civil->day);
  civil->hour = seconds / 3600;
  civil->minute = (seconds / 60) % 60;
  civil->second = seconds % 60;
}

static gboolean
is_year_tick (gint64 year,
              guint  count)
{
  if (count == 1)
    return TRUE;
  if (year > 0)
    return year % count == 0 || (year == 1 && count >= 5);

  return (1 - year) % count == 0;
}

/* Each tick starts a period of its step on the wall clock. */
static void
assert_aligned (GTimeZone               *tz,
                const ChronicleTimeStep *step,
                gint64                   time)
{
  Civil c;

  civil_in_zone (tz, time, &c);

  switch (step->unit)
    {
    case CHRONICLE_TIME_UNIT_SECOND:
      g_assert_cmpint (c.second % step->count, ==, 0);
      break;

    case CHRONICLE_TIME_UNIT_MINUTE:
      g_assert_cmpint (c.second, ==, 0);
      g_assert_cmpint (c.minute % step->count, ==, 0);
      break;

    case CHRONICLE_TIME_UNIT_HOUR:
      g_assert_cmpint (c.second, ==, 0);
      g_assert_cmpint (c.minute, ==, 0);
      g_assert_cmpint (c.hour % step->count, ==, 0);
      break;

    case CHRONICLE_TIME_UNIT_DAY:
      g_assert_cmpint (c.hour * 3600 + c.minute * 60 + c.second, ==, 0);
      g_assert_cmpint ((c.day - 1) % step->count, ==, 0);
      break;

    case CHRONICLE_TIME_UNIT_MONTH:
      g_assert_cmpint (c.hour * 3600 + c.minute * 60 + c.second, ==, 0);
      g_assert_cmpint (c.day, ==, 1);
      g_assert_cmpint ((c.month - 1) % step->count, ==, 0);
      break;

    case CHRONICLE_TIME_UNIT_YEAR:
      g_assert_cmpint (c.hour * 3600 + c.minute * 60 + c.second, ==, 0);
      g_assert_cmpint (c.day, ==, 1);
      g_assert_cmpint (c.month, ==, 1);
      g_assert_true (is_year_tick (c.year, step->count));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
check_level (ChronicleTimeAxis       *axis,
             const ChronicleTimeTick *ticks,
             guint                    n_ticks,
             const ChronicleTimeStep *step,
             double                   start,
             double                   duration)
{
  GTimeZone *tz = chronicle_time_axis_get_time_zone (axis);
  const ChronicleTimeTick *last_labelled = NULL;
  guint n_labels = 0;
  guint i;

  g_assert_cmpuint (n_ticks, >=, 1);

  /* Only the first tick may be at or before the start. */
  for (i = 1; i < n_ticks; i++)
    {
      g_assert_cmpint (ticks[i].time, >, ticks[i - 1].time);
      g_assert_cmpfloat (ticks[i].time, >, start);
      g_assert_cmpfloat (ticks[i].time, <=, ceil (start + duration));
    }

  for (i = 0; i < n_ticks; i++)
    {
      double x = (ticks[i].time - start) * WIDTH / duration;

      g_assert_cmpfloat_with_epsilon (ticks[i].x, x, 1e-6);
      assert_aligned (tz, step, ticks[i].time);

      if (ticks[i].label == NULL)
        continue;

      /* No year 0: the year before 1 CE is 1 BCE. */
      g_assert_cmpstr (ticks[i].label, !=, "0");
      g_assert_null (strstr (ticks[i].label, " 0 "));
      g_assert_false (g_str_has_prefix (ticks[i].label, "0 "));

      /* Labels never overlap the previous one. */
      if (last_labelled != NULL)
        {
          double width = chronicle_time_axis_estimate_width (axis, last_labelled->label);

          g_assert_cmpfloat (ticks[i].x, >=, last_labelled->x + width);
        }
      last_labelled = &ticks[i];
      n_labels++;
    }

  /* Steps are chosen so that labels fit: few are dropped. */
  g_assert_cmpuint (n_labels * 2, >=, n_ticks);
}

static void
check_axis (ChronicleTimeAxis *axis,
            double             start,
            double             duration)
{
  const ChronicleTimeTick *ticks;
  ChronicleTimeStep minor, major;
  guint n_ticks;

  chronicle_time_axis_update (axis, start, duration, WIDTH);

  chronicle_time_axis_get_minor_step (axis, &minor);
  ticks = chronicle_time_axis_get_minor_ticks (axis, &n_ticks);
  check_level (axis, ticks, n_ticks, &minor, start, duration);

  if (chronicle_time_axis_get_major_step (axis, &major))
    {
      /* The major level is coarser. */
      g_assert_true (major.unit > minor.unit ||
                     (major.unit == CHRONICLE_TIME_UNIT_YEAR && major.count > minor.count &&
                      major.count % minor.count == 0));
      ticks = chronicle_time_axis_get_major_ticks (axis, &n_ticks);
      check_level (axis, ticks, n_ticks, &major, start, duration);
    }
}

static gboolean
has_label (ChronicleTimeAxis *axis,
           gboolean           major,
           const char        *label)
{
  const ChronicleTimeTick *ticks;
  guint n_ticks;
  guint i;

  if (major)
    ticks = chronicle_time_axis_get_major_ticks (axis, &n_ticks);
  else
    ticks = chronicle_time_axis_get_minor_ticks (axis, &n_ticks);

  for (i = 0; i < n_ticks; i++)
    {
      if (g_strcmp0 (ticks[i].label, label) == 0)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  const char        *name;
  gint64             year;
  int                month;
  int                day;
  double             duration;
  ChronicleTimeUnit  minor_unit;
} ZoomCase;

static const ZoomCase zoom_cases[] = {
  { "100000 years", -49999, 1, 1, 100000 * YEAR, CHRONICLE_TIME_UNIT_YEAR },
  { "10000 years", -4999, 1, 1, 10000 * YEAR, CHRONICLE_TIME_UNIT_YEAR },
  { "1200 years", -799, 1, 1, 1200 * YEAR, CHRONICLE_TIME_UNIT_YEAR },
  { "30 years", 2000, 1, 1, 30 * YEAR, CHRONICLE_TIME_UNIT_YEAR },
  { "3 years", 2024, 1, 1, 3 * YEAR, CHRONICLE_TIME_UNIT_MONTH },
  { "1 year", 2025, 1, 1, YEAR, CHRONICLE_TIME_UNIT_MONTH },
  { "1 month", 2025, 9, 1, 30 * 86400, CHRONICLE_TIME_UNIT_DAY },
  { "1 week", 2025, 2, 24, 7 * 86400, CHRONICLE_TIME_UNIT_HOUR },
  { "1 day", 2025, 9, 1, 86400, CHRONICLE_TIME_UNIT_HOUR },
  { "1 hour", 2025, 9, 1, 3600, CHRONICLE_TIME_UNIT_MINUTE },
  { "1 minute", 2025, 9, 1, 60, CHRONICLE_TIME_UNIT_SECOND },
  { "5 seconds", 2025, 9, 1, 5, CHRONICLE_TIME_UNIT_SECOND },
};

static void
test_zoom_levels (void)
{
  g_autoptr(ChronicleTimeAxis) axis = chronicle_time_axis_new ();
  guint i;

  for (i = 0; i < G_N_ELEMENTS (zoom_cases); i++)
    {
      const ZoomCase *zc = &zoom_cases[i];
      double start = instant_utc (zc->year, zc->month, zc->day, 0, 0);
      ChronicleTimeStep minor;
      double offset;

      g_test_message ("%s", zc->name);
      check_axis (axis, start, zc->duration);
      chronicle_time_axis_get_minor_step (axis, &minor);
      g_assert_cmpint (minor.unit, ==, zc->minor_unit);

      /* Ranges that do not start on a boundary, as panning leaves them. */
      for (offset = 0.137; offset < 1; offset += 0.29)
        check_axis (axis, start + offset * zc->duration, zc->duration);
    }
}

/* Every width and range between a few seconds and 100000 years. */
static void
test_sweep (void)
{
  g_autoptr(ChronicleTimeAxis) axis = chronicle_time_axis_new ();
  double start = instant_utc (2025, 8, 23, 13, 7) + 0.5;
  double duration;

  for (duration = 3; duration < 100000 * YEAR; duration *= 1.37)
    check_axis (axis, start - duration / 3, duration);
}

static void
test_minor_days_before_month_end (void)
{
  g_autoptr(ChronicleTimeAxis) axis = chronicle_time_axis_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const ChronicleTimeTick *ticks;
  ChronicleTimeStep step;
  double duration;
  guint n_ticks;
  guint i;

  /* Between one and two months: days in steps of 2 or 7. */
  for (duration = 40 * 86400; duration < 400 * 86400; duration *= 1.2)
    {
      chronicle_time_axis_update (axis, instant_utc (2024, 1, 3, 0, 0), duration, WIDTH);
      chronicle_time_axis_get_minor_step (axis, &step);
      if (step.unit != CHRONICLE_TIME_UNIT_DAY || step.count == 1)
        continue;

      ticks = chronicle_time_axis_get_minor_ticks (axis, &n_ticks);
      for (i = 1; i < n_ticks; i++)
        {
          Civil c;

          /* No day tick is closer than a step to the next: 31 and 1 are
           * never both there with a step of 2. */
          g_assert_cmpint (ticks[i].time - ticks[i - 1].time, >=, step.count * DAY);
          civil_in_zone (utc, ticks[i].time, &c);
          g_assert_cmpint ((c.day - 1) % step.count, ==, 0);
        }
    }
}

static void
test_bce_labels (void)
{
  g_autoptr(ChronicleTimeAxis) axis = chronicle_time_axis_new ();
  g_autofree char *bce_100 = chronicle_format_year (-99);
  g_autofree char *bce_1 = chronicle_format_year (0);
  g_autofree char *bce_2 = chronicle_format_year (-1);
  g_autofree char *ce_1 = NULL;
  g_autofree char *ce_100 = NULL;
  g_autofree char *one = chronicle_format_year (1);
  g_autofree char *hundred = chronicle_format_year (100);
  ChronicleTimeStep step;

  g_assert_nonnull (strstr (bce_100, "100"));
  g_assert_nonnull (strstr (bce_100, "BCE"));
  ce_1 = g_strdup_printf ("%s CE", one);
  ce_100 = g_strdup_printf ("%s CE", hundred);

  /* Centuries around the start of the era: 100 BCE, then 1 CE, 100 CE. */
  check_axis (axis, instant_utc (-799, 1, 1, 0, 0), 1200 * YEAR);
  g_assert_true (chronicle_time_axis_get_major_step (axis, &step));
  g_assert_cmpint (step.unit, ==, CHRONICLE_TIME_UNIT_YEAR);
  g_assert_true (has_label (axis, FALSE, bce_100) || has_label (axis, TRUE, bce_100));
  g_assert_true (has_label (axis, FALSE, ce_1) || has_label (axis, TRUE, ce_1));
  g_assert_true (has_label (axis, FALSE, ce_100) || has_label (axis, TRUE, ce_100));

  /* Year by year: 2 BCE, 1 BCE, 1 CE, with nothing between them. */
  check_axis (axis, instant_utc (-4, 1, 1, 0, 0), 10 * YEAR);
  g_assert_true (chronicle_time_axis_get_major_step (axis, &step));
  g_assert_cmpint (step.unit, ==, CHRONICLE_TIME_UNIT_YEAR);
  g_assert_cmpuint (step.count, ==, 1);
  g_assert_true (has_label (axis, TRUE, bce_2));
  g_assert_true (has_label (axis, TRUE, bce_1));
  g_assert_true (has_label (axis, TRUE, ce_1));
  {
    const ChronicleTimeTick *ticks;
    guint n_ticks;
    guint i;

    ticks = chronicle_time_axis_get_major_ticks (axis, &n_ticks);
    for (i = 0; i + 1 < n_ticks; i++)
      {
        if (g_strcmp0 (ticks[i].label, bce_1) == 0)
          {
            g_assert_cmpstr (ticks[i + 1].label, ==, ce_1);
            g_assert_cmpint (ticks[i + 1].time - ticks[i].time, ==, 366 * DAY);
          }
      }
  }

  /* Millennia far back. */
  check_axis (axis, instant_utc (-49999, 1, 1, 0, 0), 100000 * YEAR);
  g_assert_true (has_label (axis, FALSE, "10000 BCE") || has_label (axis, TRUE, "10000 BCE") ||
                 has_label (axis, FALSE, "20000 BCE") || has_label (axis, TRUE, "20000 BCE"));
}

static void
test_month_labels (void)
{
  g_autoptr(ChronicleTimeAxis) axis = chronicle_time_axis_new ();
  g_autofree char *september = g_strdup_printf ("%s 2025", chronicle_month_name (9));
  ChronicleTimeStep step;

  /* Days under months: the major labels name month and year. */
  check_axis (axis, instant_utc (2025, 8, 20, 0, 0), 60 * 86400);
  chronicle_time_axis_get_minor_step (axis, &step);
  g_assert_cmpint (step.unit, ==, CHRONICLE_TIME_UNIT_DAY);
  g_assert_true (chronicle_time_axis_get_major_step (axis, &step));
  g_assert_cmpint (step.unit, ==, CHRONICLE_TIME_UNIT_MONTH);
  g_assert_true (has_label (axis, TRUE, september));
  g_assert_true (has_label (axis, FALSE, "15"));

  /* Months under years: abbreviations, then the years. */
  check_axis (axis, instant_utc (2024, 1, 1, 0, 0), 2 * YEAR);
  chronicle_time_axis_get_minor_step (axis, &step);
  g_assert_cmpint (step.unit, ==, CHRONICLE_TIME_UNIT_MONTH);
  g_assert_true (has_label (axis, TRUE, "2025"));
  g_assert_true (has_label (axis, FALSE, chronicle_month_abbreviation (4)) ||
                 has_label (axis, FALSE, chronicle_month_abbreviation (7)));
}

static void
test_narrow_font (void)
{
  g_autoptr(ChronicleTimeAxis) axis = chronicle_time_axis_new ();
  ChronicleTimeStep wide, narrow;

  /* Wider labels need coarser steps. */
  chronicle_time_axis_set_char_width (axis, 14);
  chronicle_time_axis_update (axis, instant_utc (2025, 1, 1, 0, 0), 86400, WIDTH);
  chronicle_time_axis_get_minor_step (axis, &wide);
  chronicle_time_axis_set_char_width (axis, 4);
  chronicle_time_axis_update (axis, instant_utc (2025, 1, 1, 0, 0), 86400, WIDTH);
  chronicle_time_axis_get_minor_step (axis, &narrow);

  g_assert_cmpint (wide.unit, ==, CHRONICLE_TIME_UNIT_HOUR);
  g_assert_cmpint (narrow.unit, ==, CHRONICLE_TIME_UNIT_HOUR);
  g_assert_cmpuint (wide.count, >, narrow.count);
}

static void
test_time_zone (void)
{
  g_autoptr(ChronicleTimeAxis) axis = chronicle_time_axis_new ();
  g_autoptr(GTimeZone) chicago = g_time_zone_new_identifier ("America/Chicago");
  const ChronicleTimeTick *ticks;
  ChronicleTimeStep step;
  guint n_ticks;
  guint i;

  if (chicago == NULL)
    {
      g_test_skip ("no tzdata for America/Chicago");
      return;
    }

  chronicle_time_axis_set_time_zone (axis, chicago);

  /* Hours across the switch to daylight saving time (9 March 2025). */
  check_axis (axis, instant_utc (2025, 3, 8, 18, 0), 2 * 86400);
  chronicle_time_axis_get_minor_step (axis, &step);
  g_assert_cmpint (step.unit, ==, CHRONICLE_TIME_UNIT_HOUR);

  /* Days start at local midnight, not at midnight UTC. */
  check_axis (axis, instant_utc (2025, 9, 1, 0, 0), 20 * 86400);
  ticks = chronicle_time_axis_get_minor_ticks (axis, &n_ticks);
  for (i = 1; i < n_ticks; i++)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ticks[i].time);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, chicago);

      g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
      g_assert_cmpint (g_date_time_get_hour (utc), ==, 5);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-axis/zoom-levels", test_zoom_levels);
  g_test_add_func ("/time-axis/sweep", test_sweep);
  g_test_add_func ("/time-axis/days/month-end", test_minor_days_before_month_end);
  g_test_add_func ("/time-axis/labels/bce", test_bce_labels);
  g_test_add_func ("/time-axis/labels/months", test_month_labels);
  g_test_add_func ("/time-axis/labels/width", test_narrow_font);
  g_test_add_func ("/time-axis/time-zone", test_time_zone);

  return g_test_run ();
}
