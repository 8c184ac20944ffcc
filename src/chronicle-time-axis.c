/* chronicle-time-axis.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-time-axis"

#include "config.h"

#include "chronicle-time-axis.h"

#include <glib/gi18n.h>
#include <math.h>

#include "chronicle-time.h"

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)
#define DEFAULT_CHAR_WIDTH 7.0
/* A bound on the ticks of one level, whatever the caller asks for. */
#define MAX_TICKS 4096

struct _ChronicleTimeAxis
{
  GObject            parent_instance;

  GTimeZone         *time_zone;
  GArray            *minor;    /* ChronicleTimeTick */
  GArray            *major;    /* ChronicleTimeTick */
  GPtrArray         *labels;   /* the ticks' strings */

  ChronicleTimeStep  minor_step;
  ChronicleTimeStep  major_step;
  gboolean           has_major;

  double             char_width;
  double             start;
  double             duration;
  double             width;
  /* Whether the range reaches before 1 CE, so CE years say so. */
  gboolean           show_era;
};

G_DEFINE_FINAL_TYPE (ChronicleTimeAxis, chronicle_time_axis, G_TYPE_OBJECT)

static const ChronicleTimeStep steps[] = {
  { CHRONICLE_TIME_UNIT_SECOND, 1 },
  { CHRONICLE_TIME_UNIT_SECOND, 5 },
  { CHRONICLE_TIME_UNIT_SECOND, 15 },
  { CHRONICLE_TIME_UNIT_SECOND, 30 },
  { CHRONICLE_TIME_UNIT_MINUTE, 1 },
  { CHRONICLE_TIME_UNIT_MINUTE, 5 },
  { CHRONICLE_TIME_UNIT_MINUTE, 15 },
  { CHRONICLE_TIME_UNIT_MINUTE, 30 },
  { CHRONICLE_TIME_UNIT_HOUR, 1 },
  { CHRONICLE_TIME_UNIT_HOUR, 3 },
  { CHRONICLE_TIME_UNIT_HOUR, 6 },
  { CHRONICLE_TIME_UNIT_HOUR, 12 },
  { CHRONICLE_TIME_UNIT_DAY, 1 },
  { CHRONICLE_TIME_UNIT_DAY, 2 },
  { CHRONICLE_TIME_UNIT_DAY, 7 },
  { CHRONICLE_TIME_UNIT_MONTH, 1 },
  { CHRONICLE_TIME_UNIT_MONTH, 3 },
  { CHRONICLE_TIME_UNIT_MONTH, 6 },
  { CHRONICLE_TIME_UNIT_YEAR, 1 },
  { CHRONICLE_TIME_UNIT_YEAR, 2 },
  { CHRONICLE_TIME_UNIT_YEAR, 5 },
  { CHRONICLE_TIME_UNIT_YEAR, 10 },
  { CHRONICLE_TIME_UNIT_YEAR, 20 },
  { CHRONICLE_TIME_UNIT_YEAR, 50 },
  { CHRONICLE_TIME_UNIT_YEAR, 100 },
  { CHRONICLE_TIME_UNIT_YEAR, 200 },
  { CHRONICLE_TIME_UNIT_YEAR, 500 },
  { CHRONICLE_TIME_UNIT_YEAR, 1000 },
  { CHRONICLE_TIME_UNIT_YEAR, 2000 },
  { CHRONICLE_TIME_UNIT_YEAR, 5000 },
  { CHRONICLE_TIME_UNIT_YEAR, 10000 },
  { CHRONICLE_TIME_UNIT_YEAR, 20000 },
  { CHRONICLE_TIME_UNIT_YEAR, 50000 },
  { CHRONICLE_TIME_UNIT_YEAR, 100000 },
};

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
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;

  return q;
}

static gint64
local_from_instant (GTimeZone *tz,
                    gint64     instant)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);

  return instant + (interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0);
}

static gint64
instant_from_local (GTimeZone *tz,
                    gint64     local)
{
  gint64 adjusted = local;
  int interval = g_time_zone_adjust_time (tz, G_TIME_TYPE_STANDARD, &adjusted);

  return adjusted - (interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0);
}

static void
civil_from_local (gint64  local,
                  Civil  *civil)
{
  gint64 days = floor_div (local, SECONDS_PER_DAY);
  gint64 seconds = local - days * SECONDS_PER_DAY;

  chronicle_civil_from_days (days, &civil->year, &civil->month, &civil->day);
  civil->hour = seconds / 3600;
  civil->minute = (seconds / 60) % 60;
  civil->second = seconds % 60;
}

static gint64
local_from_date (gint64 year,
                 int    month,
                 int    day)
{
  return chronicle_days_from_civil (year, month, day) * SECONDS_PER_DAY;
}

static int
days_in_month (gint64 year,
               int    month)
{
  if (month == 12)
    return 31;

  return chronicle_days_from_civil (year, month + 1, 1) - chronicle_days_from_civil (year, month,
                                                                                     1);
}

/* Year ticks: CE years divisible by @count, BCE years whose BCE number is,
 * and 1 CE itself for steps of 5 and more (1 BCE is astronomical year 0). */
static gint64
next_year_tick (gint64 year,
                guint  count)
{
  if (year <= 0)
    {
      gint64 bce = 1 - year;
      gint64 multiple = (bce / count) * count;

      if (multiple >= 1)
        return 1 - multiple;

      return count >= 5 ? 1 : count;
    }

  if (year == 1 && count >= 5)
    return 1;

  return ((year + count - 1) / count) * count;
}

static gboolean
is_power_of_ten (guint n)
{
  while (n >= 10 && n % 10 == 0)
    n /= 10;

  return n == 1;
}

static gint64
step_min_seconds (const ChronicleTimeStep *step)
{
  switch (step->unit)
    {
    case CHRONICLE_TIME_UNIT_SECOND:
      return step->count;

    case CHRONICLE_TIME_UNIT_MINUTE:
      return step->count * G_GINT64_CONSTANT (60);

    case CHRONICLE_TIME_UNIT_HOUR:
      return step->count * G_GINT64_CONSTANT (3600);

    case CHRONICLE_TIME_UNIT_DAY:
      return step->count * SECONDS_PER_DAY;

    case CHRONICLE_TIME_UNIT_MONTH:
      /* The shortest run of months: February onwards. */
      if (step->count >= 6)
        return 181 * SECONDS_PER_DAY;
      if (step->count >= 3)
        return 89 * SECONDS_PER_DAY;
      return 28 * SECONDS_PER_DAY;

    case CHRONICLE_TIME_UNIT_YEAR:
      /* 1 CE to the next multiple is a year short. */
      return (step->count >= 5 ? step->count - 1 : step->count) * 365 * SECONDS_PER_DAY;

    default:
      g_assert_not_reached ();
    }
}

static char *
format_year (ChronicleTimeAxis *self,
             gint64             year)
{
  g_autofree char *text = chronicle_format_year (year);

  if (self->show_era && year > 0)
    /* Translators: a year of the common era on the time axis, shown when the
     * axis also shows years BCE; %s is the year number. */
    return g_strdup_printf (_("%s CE"), text);

  return g_steal_pointer (&text);
}

static char *
format_label (ChronicleTimeAxis       *self,
              const ChronicleTimeStep *step,
              gboolean                 major,
              const Civil             *civil)
{
  g_autofree char *year = NULL;
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  switch (step->unit)
    {
    case CHRONICLE_TIME_UNIT_SECOND:
      /* Translators: seconds on the time axis: hours, minutes and seconds. */
      return g_strdup_printf (C_("time axis", "%1$02d:%2$02d:%3$02d"),
                              civil->hour, civil->minute, civil->second);

    case CHRONICLE_TIME_UNIT_MINUTE:
    case CHRONICLE_TIME_UNIT_HOUR:
      /* Translators: hours and minutes on the time axis (24-hour clock). */
      time = g_strdup_printf (C_("time axis", "%1$02d:%2$02d"), civil->hour, civil->minute);
      if (!major)
        return g_steal_pointer (&time);
      /* Translators: a day on the time axis: the day of the month and the
       * abbreviated month name, as in “15 Sep”. */
      date = g_strdup_printf (C_("time axis", "%1$d %2$s"),
                              civil->day, chronicle_month_abbreviation (civil->month));
      /* Translators: a date and a time of day on the time axis, as in
       * “15 Sep, 14:00”. */
      return g_strdup_printf (C_("time axis", "%1$s, %2$s"), date, time);

    case CHRONICLE_TIME_UNIT_DAY:
      if (!major)
        return g_strdup_printf ("%d", civil->day);
      year = format_year (self, civil->year);
      /* Translators: a day on the time axis: the day of the month, the month
       * name and the year, as in “15 September 2025”. */
      return g_strdup_printf (C_("time axis", "%1$d %2$s %3$s"),
                              civil->day, chronicle_month_name (civil->month), year);

    case CHRONICLE_TIME_UNIT_MONTH:
      if (!major)
        return g_strdup (chronicle_month_abbreviation (civil->month));
      year = format_year (self, civil->year);
      /* Translators: a month on the time axis: the month name and the year,
       * as in “September 2025”. */
      return g_strdup_printf (C_("time axis", "%1$s %2$s"), chronicle_month_name (civil->month),
                              year);

    case CHRONICLE_TIME_UNIT_YEAR:
      return format_year (self, civil->year);

    default:
      g_assert_not_reached ();
    }
}

/* A label at least as wide as any this step will show in the range. */
static char *
sample_label (ChronicleTimeAxis       *self,
              const ChronicleTimeStep *step,
              gboolean                 major,
              gint64                   first_year,
              gint64                   last_year)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  Civil civil = { 0, 1, 28, 23, 59, 59 };
  glong longest = -1;
  int month;

  /* The longest month name (or abbreviation) of the locale. */
  for (month = 1; month <= 12; month++)
    {
      gboolean use_name = major && step->unit >= CHRONICLE_TIME_UNIT_DAY;
      const char *text = use_name ? chronicle_month_name (month)
                                  : chronicle_month_abbreviation (month);
      glong len = g_utf8_strlen (text, -1);

      if (len > longest)
        {
          longest = len;
          civil.month = month;
        }
    }

  civil.year = first_year;
  first = format_label (self, step, major, &civil);
  civil.year = last_year;
  last = format_label (self, step, major, &civil);

  if (g_utf8_strlen (last, -1) > g_utf8_strlen (first, -1))
    return g_steal_pointer (&last);

  return g_steal_pointer (&first);
}

static gboolean
step_fits (ChronicleTimeAxis       *self,
           const ChronicleTimeStep *step,
           gboolean                 major,
           double                   pixels_per_second,
           gint64                   first_year,
           gint64                   last_year)
{
  g_autofree char *sample = sample_label (self, step, major, first_year, last_year);

  return step_min_seconds (step) * pixels_per_second >= chronicle_time_axis_estimate_width (self,
                                                                                            sample);
}

typedef struct
{
  ChronicleTimeAxis       *self;
  const ChronicleTimeStep *step;
  GArray                  *ticks;
  gint64                   start;
  gint64                   end;
  gint64                   floor_time;
  gboolean                 has_floor;
} Generator;

static void
generator_append (Generator *gen,
                  gint64     time)
{
  ChronicleTimeTick tick;

  tick.time = time;
  tick.x = (time - gen->self->start) * gen->self->width / gen->self->duration;
  tick.label = NULL;
  g_array_append_val (gen->ticks, tick);
}

/* Takes ticks in increasing time order; returns FALSE when past the end. */
static gboolean
generator_push (Generator *gen,
                gint64     time)
{
  if (gen->ticks->len > 0 && time <= g_array_index (gen->ticks, ChronicleTimeTick,
                                                    gen->ticks->len - 1).time)
    return TRUE;

  if (time <= gen->start)
    {
      /* Only the last tick at or before the start is kept. */
      if (!gen->has_floor || time > gen->floor_time)
        gen->floor_time = time;
      gen->has_floor = TRUE;
      return TRUE;
    }

  if (gen->has_floor)
    {
      generator_append (gen, gen->floor_time);
      gen->has_floor = FALSE;
    }

  if (time > gen->end || gen->ticks->len >= MAX_TICKS)
    return FALSE;

  generator_append (gen, time);

  return TRUE;
}

static void
generate_ticks (ChronicleTimeAxis       *self,
                const ChronicleTimeStep *step,
                gboolean                 major,
                GArray                  *ticks)
{
  GTimeZone *tz = self->time_zone;
  Generator gen = { self, step, ticks, 0, 0, 0, FALSE };
  gint64 local_start;
  Civil civil;
  guint i;

  gen.start = (gint64) floor (self->start);
  gen.end = (gint64) ceil (self->start + self->duration);
  local_start = local_from_instant (tz, gen.start);
  civil_from_local (local_start, &civil);

  switch (step->unit)
    {
    case CHRONICLE_TIME_UNIT_SECOND:
    case CHRONICLE_TIME_UNIT_MINUTE:
    case CHRONICLE_TIME_UNIT_HOUR:
      {
        gint64 seconds = step_min_seconds (step);
        gint64 local = (floor_div (local_start, seconds) - 1) * seconds;

        for (; generator_push (&gen, instant_from_local (tz, local)); local += seconds)
          ;
      }
      break;

    case CHRONICLE_TIME_UNIT_DAY:
      {
        /* Day 1, 1 + n, 1 + 2n … of each month, leaving out a tick that
         * would be closer than n days to the 1st of the next month. */
        gint64 year = civil.year;
        int month = civil.month - 1;
        int day = 1;

        if (month == 0)
          {
            month = 12;
            year--;
          }

        for (;;)
          {
            int n_days = days_in_month (year, month);

            if (step->count == 1 || n_days - day + 1 >= (int) step->count)
              {
                if (!generator_push (&gen, instant_from_local (tz, local_from_date (year, month,
                                                                                    day))))
                  break;
              }

            day += step->count;
            if (day > n_days)
              {
                day = 1;
                if (++month > 12)
                  {
                    month = 1;
                    year++;
                  }
              }
          }
      }
      break;

    case CHRONICLE_TIME_UNIT_MONTH:
      {
        gint64 year = civil.year - 1;
        int month = 1;

        for (;;)
          {
            if (!generator_push (&gen, instant_from_local (tz, local_from_date (year, month, 1))))
              break;

            month += step->count;
            if (month > 12)
              {
                month -= 12;
                year++;
              }
          }
      }
      break;

    case CHRONICLE_TIME_UNIT_YEAR:
      {
        gint64 year = next_year_tick (civil.year - 2 * (gint64) step->count, step->count);

        while (generator_push (&gen, instant_from_local (tz, local_from_date (year, 1, 1))))
          year = next_year_tick (year + 1, step->count);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  /* A range shorter than a step still names the period it is in. */
  if (gen.has_floor)
    generator_append (&gen, gen.floor_time);

  /* Label the ticks, dropping labels that would overlap the previous one. */
  {
    double label_end = -G_MAXDOUBLE;

    for (i = 0; i < ticks->len; i++)
      {
        ChronicleTimeTick *tick = &g_array_index (ticks, ChronicleTimeTick, i);
        g_autofree char *label = NULL;

        civil_from_local (local_from_instant (tz, tick->time), &civil);
        label = format_label (self, step, major, &civil);

        if (tick->x < label_end)
          continue;

        label_end = tick->x + chronicle_time_axis_estimate_width (self, label);
        tick->label = label;
        g_ptr_array_add (self->labels, g_steal_pointer (&label));
      }
  }
}

static void
chronicle_time_axis_finalize (GObject *object)
{
  ChronicleTimeAxis *self = (ChronicleTimeAxis *) object;

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  g_clear_pointer (&self->minor, g_array_unref);
  g_clear_pointer (&self->major, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);

  G_OBJECT_CLASS (chronicle_time_axis_parent_class)->finalize (object);
}

static void
chronicle_time_axis_class_init (ChronicleTimeAxisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_time_axis_finalize;
}

static void
chronicle_time_axis_init (ChronicleTimeAxis *self)
{
  self->time_zone = g_time_zone_new_utc ();
  self->minor = g_array_new (FALSE, FALSE, sizeof (ChronicleTimeTick));
  self->major = g_array_new (FALSE, FALSE, sizeof (ChronicleTimeTick));
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->char_width = DEFAULT_CHAR_WIDTH;
  self->minor_step = steps[0];
  self->duration = 1;
  self->width = 1;
}

ChronicleTimeAxis *
chronicle_time_axis_new (void)
{
  return g_object_new (CHRONICLE_TYPE_TIME_AXIS, NULL);
}

GTimeZone *
chronicle_time_axis_get_time_zone (ChronicleTimeAxis *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIME_AXIS (self), NULL);

  return self->time_zone;
}

void
chronicle_time_axis_set_time_zone (ChronicleTimeAxis *self,
                                   GTimeZone         *time_zone)
{
  g_return_if_fail (CHRONICLE_IS_TIME_AXIS (self));

  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  self->time_zone = time_zone != NULL ? g_time_zone_ref (time_zone) : g_time_zone_new_utc ();
}

double
chronicle_time_axis_get_char_width (ChronicleTimeAxis *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIME_AXIS (self), DEFAULT_CHAR_WIDTH);

  return self->char_width;
}

void
chronicle_time_axis_set_char_width (ChronicleTimeAxis *self,
                                    double             char_width)
{
  g_return_if_fail (CHRONICLE_IS_TIME_AXIS (self));
  g_return_if_fail (char_width > 0);

  self->char_width = char_width;
}

void
chronicle_time_axis_update (ChronicleTimeAxis *self,
                            double             start,
                            double             duration,
                            double             width)
{
  double pixels_per_second;
  Civil first, last;
  guint minor;
  guint i;

  g_return_if_fail (CHRONICLE_IS_TIME_AXIS (self));

  g_array_set_size (self->minor, 0);
  g_array_set_size (self->major, 0);
  g_ptr_array_set_size (self->labels, 0);

  self->start = start;
  self->duration = MAX (duration, 1e-3);
  self->width = MAX (width, 1);
  self->has_major = FALSE;

  pixels_per_second = self->width / self->duration;
  civil_from_local (local_from_instant (self->time_zone, (gint64) floor (start)), &first);
  civil_from_local (local_from_instant (self->time_zone, (gint64) ceil (start + self->duration)),
                    &last);
  self->show_era = first.year <= 0;

  minor = G_N_ELEMENTS (steps) - 1;
  for (i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      if (step_fits (self, &steps[i], FALSE, pixels_per_second, first.year, last.year))
        {
          minor = i;
          break;
        }
    }
  self->minor_step = steps[minor];

  for (i = minor + 1; i < G_N_ELEMENTS (steps); i++)
    {
      const ChronicleTimeStep *step = &steps[i];
      /* Over years, major ticks mark decades, centuries, millennia… */
      gboolean coarser = step->unit > self->minor_step.unit ||
                         (step->unit == CHRONICLE_TIME_UNIT_YEAR &&
                          is_power_of_ten (step->count) &&
                          step->count % self->minor_step.count == 0);

      if (coarser && step_fits (self, step, TRUE, pixels_per_second, first.year, last.year))
        {
          self->major_step = *step;
          self->has_major = TRUE;
          break;
        }
    }

  generate_ticks (self, &self->minor_step, FALSE, self->minor);
  if (self->has_major)
    generate_ticks (self, &self->major_step, TRUE, self->major);
}

void
chronicle_time_axis_get_minor_step (ChronicleTimeAxis *self,
                                    ChronicleTimeStep *step)
{
  g_return_if_fail (CHRONICLE_IS_TIME_AXIS (self));
  g_return_if_fail (step != NULL);

  *step = self->minor_step;
}

gboolean
chronicle_time_axis_get_major_step (ChronicleTimeAxis *self,
                                    ChronicleTimeStep *step)
{
  g_return_val_if_fail (CHRONICLE_IS_TIME_AXIS (self), FALSE);

  if (step != NULL && self->has_major)
    *step = self->major_step;

  return self->has_major;
}

const ChronicleTimeTick *
chronicle_time_axis_get_minor_ticks (ChronicleTimeAxis *self,
                                     guint             *n_ticks)
{
  g_return_val_if_fail (CHRONICLE_IS_TIME_AXIS (self), NULL);

  if (n_ticks != NULL)
    *n_ticks = self->minor->len;

  return (const ChronicleTimeTick *) (gpointer) self->minor->data;
}

const ChronicleTimeTick *
chronicle_time_axis_get_major_ticks (ChronicleTimeAxis *self,
                                     guint             *n_ticks)
{
  g_return_val_if_fail (CHRONICLE_IS_TIME_AXIS (self), NULL);

  if (n_ticks != NULL)
    *n_ticks = self->major->len;

  return (const ChronicleTimeTick *) (gpointer) self->major->data;
}

double
chronicle_time_axis_estimate_width (ChronicleTimeAxis *self,
                                    const char        *label)
{
  g_return_val_if_fail (CHRONICLE_IS_TIME_AXIS (self), 0);

  if (label == NULL)
    return 0;

  return g_utf8_strlen (label, -1) * self->char_width + CHRONICLE_TIME_AXIS_LABEL_SPACING;
}
