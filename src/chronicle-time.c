/* chronicle-time.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-time"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>

#include "chronicle-time.h"

#define SECONDS_PER_DAY  G_GINT64_CONSTANT (86400)
/* The mean Gregorian year, 365.2425 days, for durations. */
#define SECONDS_PER_YEAR G_GINT64_CONSTANT (31556952)

/* Far enough out that no instant we handle, plus or minus any UTC offset,
 * reaches them, and near enough that adding an offset cannot overflow. */
#define ZONE_MIN (-(G_GINT64_CONSTANT (1) << 50))
#define ZONE_MAX (G_GINT64_CONSTANT (1) << 50)

/* Time zone transitions are tabulated up to 2100-01-01T00:00:00Z. */
#define ZONE_TABLE_LIMIT G_GINT64_CONSTANT (4102444800)

/* How much of a bad string an error message quotes. */
#define MAX_QUOTED_CHARS 40

G_DEFINE_BOXED_TYPE (ChronicleTime, chronicle_time, chronicle_time_copy, chronicle_time_free)
G_DEFINE_QUARK (chronicle-time-error-quark, chronicle_time_error)

static const char * const month_names[] = {
  NC_("month name", "January"),
  NC_("month name", "February"),
  NC_("month name", "March"),
  NC_("month name", "April"),
  NC_("month name", "May"),
  NC_("month name", "June"),
  NC_("month name", "July"),
  NC_("month name", "August"),
  NC_("month name", "September"),
  NC_("month name", "October"),
  NC_("month name", "November"),
  NC_("month name", "December"),
};

static const char * const month_abbreviations[] = {
  NC_("abbreviated month name", "Jan"),
  NC_("abbreviated month name", "Feb"),
  NC_("abbreviated month name", "Mar"),
  NC_("abbreviated month name", "Apr"),
  NC_("abbreviated month name", "May"),
  NC_("abbreviated month name", "Jun"),
  NC_("abbreviated month name", "Jul"),
  NC_("abbreviated month name", "Aug"),
  NC_("abbreviated month name", "Sep"),
  NC_("abbreviated month name", "Oct"),
  NC_("abbreviated month name", "Nov"),
  NC_("abbreviated month name", "Dec"),
};

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && (a < 0) != (b < 0))
    q--;

  return q;
}

static inline gboolean
is_leap_year (gint64 year)
{
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

static int
days_in_month (gint64 year,
               int    month)
{
  static const guint8 lengths[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && is_leap_year (year))
    return 29;

  return lengths[month - 1];
}

/* Howard Hinnant's days_from_civil: the year is shifted to start in March,
 * so the leap day is the last day of the year, and counted in 400-year eras
 * of 146097 days with floor division, so it holds for negative years too. */
gint64
chronicle_days_from_civil (gint64 year,
                           int    month,
                           int    day)
{
  gint64 era;
  gint64 year_of_era;
  gint64 day_of_year;
  gint64 day_of_era;

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month <= 2)
    year--;

  era = floor_div (year, 400);
  year_of_era = year - era * 400;                                     /* [0, 399] */
  day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

  return era * 146097 + day_of_era - 719468;
}

void
chronicle_civil_from_days (gint64  days,
                           gint64 *year,
                           int    *month,
                           int    *day)
{
  gint64 era;
  gint64 day_of_era;
  gint64 year_of_era;
  gint64 day_of_year;
  gint64 shifted_month;
  gint64 y;
  int m;

  days += 719468;
  era = floor_div (days, 146097);
  day_of_era = days - era * 146097;                                   /* [0, 146096] */
  year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  shifted_month = (5 * day_of_year + 2) / 153;                        /* March is 0 */
  m = (int) (shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  y = year_of_era + era * 400 + (m <= 2 ? 1 : 0);

  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = (int) (day_of_year - (153 * shifted_month + 2) / 5 + 1);
}

/* Time zones
 *
 * GTimeZone finds the interval for a time with a linear scan over all its
 * transitions: about 0.3 µs for a date in 2025 in America/Chicago, which a
 * million events would repeat a million times. So the transitions of each
 * zone up to ZONE_TABLE_LIMIT are found once, by bisecting GLib's own
 * answers, and then looked up by bisection. Wall-clock times next to a
 * transition (skipped or repeated ones) and times past the table still go to
 * GLib, so the table never gives an answer GLib would not.
 */

typedef struct
{
  gint64 start;   /* UTC instant the interval starts; ZONE_MIN for the first */
  gint32 offset;
} ZoneSpan;

typedef struct
{
  GTimeZone *tz;
  /* GLib's intervals 0 .. n_spans - 1. Unless the last one lasts forever,
   * only its start and offset are used, to bound the one before. */
  ZoneSpan  *spans;
  guint      n_spans;
  guint      last_is_open : 1;
  /* FALSE if wall-clock ranges overlap more than neighbours can. */
  guint      local_is_monotonic : 1;
} ZoneTable;

G_LOCK_DEFINE_STATIC (zone_tables);
static GHashTable *zone_tables;
static GPrivate last_zone_table;

static inline int
zone_interval_at_utc (GTimeZone *tz,
                      gint64     instant)
{
  return g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);
}

/* The first instant at or after which GLib puts @instant in interval @k or
 * later, given that it puts @lo before @k. */
static gint64
zone_find_transition (GTimeZone *tz,
                      int        k,
                      gint64     lo)
{
  gint64 step = SECONDS_PER_DAY;
  gint64 hi = lo + step;

  while (hi < ZONE_MAX && zone_interval_at_utc (tz, hi) < k)
    {
      lo = hi;
      step *= 2;
      hi = MIN (lo + step, ZONE_MAX);
    }

  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (zone_interval_at_utc (tz, mid) >= k)
        hi = mid;
      else
        lo = mid;
    }

  return hi;
}

static ZoneTable *
zone_table_new (GTimeZone *tz)
{
  ZoneTable *table = g_new0 (ZoneTable, 1);
  int n_intervals = zone_interval_at_utc (tz, ZONE_MAX) + 1;
  int last = zone_interval_at_utc (tz, ZONE_TABLE_LIMIT);
  gint64 lo = ZONE_MIN;

  table->tz = g_time_zone_ref (tz);
  table->last_is_open = (last == n_intervals - 1);
  table->n_spans = table->last_is_open ? last + 1 : last + 2;
  table->spans = g_new (ZoneSpan, table->n_spans);
  table->spans[0].start = ZONE_MIN;
  table->spans[0].offset = g_time_zone_get_offset (tz, 0);

  for (guint k = 1; k < table->n_spans; k++)
    {
      lo = zone_find_transition (tz, k, lo);
      table->spans[k].start = lo;
      table->spans[k].offset = g_time_zone_get_offset (tz, k);
    }

  /* Each wall-clock range must start and end after the one before, or
   * checking the neighbours of an interval would not be enough. */
  table->local_is_monotonic = TRUE;
  for (guint k = 1; k < table->n_spans; k++)
    {
      const ZoneSpan *prev = &table->spans[k - 1];
      const ZoneSpan *span = &table->spans[k];

      if (span->start <= prev->start ||
          span->start + span->offset <= prev->start + prev->offset ||
          (k + 1 < table->n_spans &&
           table->spans[k + 1].start + span->offset <= span->start + prev->offset))
        {
          table->local_is_monotonic = FALSE;
          break;
        }
    }

  return table;
}

static const ZoneTable *
zone_table_get (GTimeZone *tz)
{
  ZoneTable *table = g_private_get (&last_zone_table);

  if (table != NULL && table->tz == tz)
    return table;

  /* Tables are kept for the life of the process, with a reference on their
   * zone so that its address is never reused for another. */
  G_LOCK (zone_tables);
  if (zone_tables == NULL)
    zone_tables = g_hash_table_new (NULL, NULL);
  table = g_hash_table_lookup (zone_tables, tz);
  if (table == NULL)
    {
      table = zone_table_new (tz);
      g_hash_table_insert (zone_tables, tz, table);
    }
  G_UNLOCK (zone_tables);

  g_private_set (&last_zone_table, table);

  return table;
}

/* The interval of @tz in effect at the UTC @instant. */
static int
zone_lookup_utc (GTimeZone *tz,
                 gint64     instant)
{
  const ZoneTable *table = zone_table_get (tz);
  guint lo = 0;
  guint hi = table->n_spans;

  /* The last span whose start is at or before @instant. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (table->spans[mid].start <= instant)
        lo = mid;
      else
        hi = mid;
    }

  if (lo + 1 == table->n_spans && !table->last_is_open)
    return zone_interval_at_utc (tz, instant);

  return lo;
}

/* What GLib says, except that of two intervals that both have @local the
 * first wins. */
static int
zone_lookup_local_slow (GTimeZone *tz,
                        gint64     local,
                        gint64    *instant)
{
  gint64 adjusted = local;
  int i = g_time_zone_adjust_time (tz, G_TIME_TYPE_DAYLIGHT, &adjusted);
  gint32 offset = g_time_zone_get_offset (tz, i);

  if (adjusted == local && i > 0)
    {
      gint32 prev_offset = g_time_zone_get_offset (tz, i - 1);

      if (prev_offset != offset &&
          zone_interval_at_utc (tz, local - prev_offset) == i - 1)
        {
          i--;
          offset = prev_offset;
        }
    }

  *instant = adjusted - offset;

  return i;
}

/* The interval of @tz for the wall-clock time @local, and the instant in
 * @instant. A wall-clock time that happens twice is the first one; one that
 * is skipped moves to the end of the gap, as in GLib. */
static int
zone_lookup_local (GTimeZone *tz,
                   gint64     local,
                   gint64    *instant)
{
  const ZoneTable *table = zone_table_get (tz);
  const ZoneSpan *span;
  gint64 end;
  guint lo = 0;
  guint hi = table->n_spans;

  if (!table->local_is_monotonic)
    return zone_lookup_local_slow (tz, local, instant);

  /* The last span whose wall clock starts at or before @local. */
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (table->spans[mid].start + table->spans[mid].offset <= local)
        lo = mid;
      else
        hi = mid;
    }

  if (lo + 1 == table->n_spans && !table->last_is_open)
    return zone_lookup_local_slow (tz, local, instant);

  span = &table->spans[lo];
  end = lo + 1 < table->n_spans ? table->spans[lo + 1].start : ZONE_MAX;

  /* Skipped (after this span's wall clock ends) or repeated (before the
   * previous one's ends): let GLib decide. */
  if (local >= end + span->offset ||
      (lo > 0 && local < span->start + table->spans[lo - 1].offset))
    return zone_lookup_local_slow (tz, local, instant);

  *instant = local - span->offset;

  return lo;
}

static void
set_zone (ChronicleTime *self,
          GTimeZone     *tz,
          int            interval)
{
  const char *abbreviation = tz != NULL ? g_time_zone_get_abbreviation (tz, interval) : "UTC";

  memset (self->zone, 0, sizeof self->zone);
  g_strlcpy (self->zone, abbreviation, sizeof self->zone);
}

/* The instant a period that starts at the wall-clock time @local starts:
 * its first instant, which is later than @local when the clocks skip it. */
static gint64
period_start_instant (GTimeZone *tz,
                      gint64     local)
{
  gint64 instant = local;

  if (tz != NULL)
    zone_lookup_local (tz, local, &instant);

  return instant;
}

/* Parsing */

static char *
quote_text (const char *text,
            gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);

  if (g_utf8_strlen (valid, -1) > MAX_QUOTED_CHARS)
    {
      g_autofree char *prefix = g_utf8_substring (valid, 0, MAX_QUOTED_CHARS);

      return g_strconcat (prefix, "…", NULL);
    }

  return g_steal_pointer (&valid);
}

static gboolean set_error (GError             **error,
                           ChronicleTimeError   code,
                           const char          *format,
                           ...) G_GNUC_PRINTF (3, 4);

static gboolean
set_error (GError             **error,
           ChronicleTimeError   code,
           const char          *format,
           ...)
{
  va_list args;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  *error = g_error_new_valist (CHRONICLE_TIME_ERROR, code, format, args);
  va_end (args);

  return FALSE;
}

static gboolean
set_syntax_error (GError     **error,
                  const char  *text)
{
  g_autofree char *quoted = NULL;

  if (text == NULL)
    return set_error (error, CHRONICLE_TIME_ERROR_INVALID,
                      _("expected an ISO 8601 date such as “2025-08-30”, found nothing"));

  if (*text == '\0')
    return set_error (error, CHRONICLE_TIME_ERROR_INVALID,
                      _("expected an ISO 8601 date such as “2025-08-30”, found an empty string"));

  quoted = quote_text (text, -1);

  return set_error (error, CHRONICLE_TIME_ERROR_INVALID,
                    _("expected an ISO 8601 date such as “2025-08-30”, found “%s”"),
                    quoted);
}

/* Reads exactly two digits. */
static inline gboolean
read_2_digits (const char **p,
               int         *value)
{
  const char *s = *p;

  if (!g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]))
    return FALSE;

  *value = (s[0] - '0') * 10 + (s[1] - '0');
  *p = s + 2;

  return TRUE;
}

static char *format_month_year (gint64 year,
                                int    month);

gboolean
chronicle_time_parse (const char     *text,
                      GTimeZone      *tz,
                      ChronicleTime  *out,
                      GError        **error)
{
  ChronicleTime result;
  const char *p = text;
  const char *month_text = NULL;
  const char *day_text = NULL;
  const char *hour_text = NULL;
  const char *minute_text = NULL;
  const char *second_text = NULL;
  const char *offset_text = NULL;
  ChronicleTimePrecision precision = CHRONICLE_TIME_PRECISION_YEAR;
  gboolean has_sign = FALSE;
  gboolean negative = FALSE;
  gboolean has_offset = FALSE;
  gint64 year = 0;
  gint64 local;
  int n_digits = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int offset_hours = 0;
  int offset_minutes = 0;
  int offset_sign = 1;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL || *text == '\0')
    return set_syntax_error (error, text);

  /* First the shape of the string, then the ranges of its fields. */
  if (*p == '+' || *p == '-')
    {
      has_sign = TRUE;
      negative = (*p == '-');
      p++;
    }

  for (; g_ascii_isdigit (p[n_digits]); n_digits++)
    {
      if (n_digits < 6)
        year = year * 10 + (p[n_digits] - '0');
    }
  if (n_digits < 4 || (!has_sign && n_digits != 4))
    return set_syntax_error (error, text);
  p += n_digits;

  if (*p == '-')
    {
      p++;
      month_text = p;
      if (!read_2_digits (&p, &month))
        return set_syntax_error (error, text);
      precision = CHRONICLE_TIME_PRECISION_MONTH;

      if (*p == '-')
        {
          p++;
          day_text = p;
          if (!read_2_digits (&p, &day))
            return set_syntax_error (error, text);
          precision = CHRONICLE_TIME_PRECISION_DAY;

          if (*p == 'T')
            {
              p++;
              hour_text = p;
              if (!read_2_digits (&p, &hour) || *p++ != ':')
                return set_syntax_error (error, text);
              minute_text = p;
              if (!read_2_digits (&p, &minute))
                return set_syntax_error (error, text);
              precision = CHRONICLE_TIME_PRECISION_MINUTE;

              if (*p == ':')
                {
                  p++;
                  second_text = p;
                  if (!read_2_digits (&p, &second))
                    return set_syntax_error (error, text);
                  precision = CHRONICLE_TIME_PRECISION_SECOND;
                }

              if (*p == 'Z')
                {
                  p++;
                  has_offset = TRUE;
                }
              else if (*p == '+' || *p == '-')
                {
                  offset_text = p;
                  offset_sign = (*p == '-') ? -1 : 1;
                  p++;
                  if (!read_2_digits (&p, &offset_hours) ||
                      *p++ != ':' ||
                      !read_2_digits (&p, &offset_minutes))
                    return set_syntax_error (error, text);
                  has_offset = TRUE;
                }
            }
        }
    }

  if (*p != '\0')
    return set_syntax_error (error, text);

  if (n_digits > 5)
    {
      g_autofree char *quoted = quote_text (text, n_digits + 1);

      return set_error (error, CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        /* Translators: “−” is U+2212 MINUS SIGN */
                        _("expected a year from −99999 to 99999, found “%s”"),
                        quoted);
    }

  if (negative)
    year = -year;

  /* Fields are two ASCII digits. */
  if (month < 1 || month > 12)
    return set_error (error, CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                      _("expected a month from 01 to 12, found “%.2s”"), month_text);
  if (day < 1 || day > 31)
    return set_error (error, CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                      _("expected a day from 01 to 31, found “%.2s”"), day_text);
  if (day > days_in_month (year, month))
    {
      g_autofree char *month_year = format_month_year (year, month);

      return set_error (error, CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                        /* Translators: %2$s is a month and year, “April 2025” */
                        _("day %1$d does not exist in %2$s"),
                        day, month_year);
    }
  if (hour > 23)
    return set_error (error, CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                      _("expected an hour from 00 to 23, found “%.2s”"), hour_text);
  if (minute > 59)
    return set_error (error, CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                      _("expected minutes from 00 to 59, found “%.2s”"), minute_text);
  if (second > 59)
    return set_error (error, CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                      _("expected seconds from 00 to 59, found “%.2s”"), second_text);
  if (offset_hours > 23 || offset_minutes > 59)
    return set_error (error, CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
                      /* Translators: “−” is U+2212 MINUS SIGN */
                      _("expected a UTC offset from −23:59 to +23:59, found “%.6s”"),
                      offset_text);

  memset (&result, 0, sizeof result);
  result.precision = precision;

  local = chronicle_days_from_civil (year, month, day) * SECONDS_PER_DAY
          + hour * 3600 + minute * 60 + second;

  if (has_offset)
    {
      /* An instant: keep the zone's name only if it agrees. */
      result.offset = offset_sign * (offset_hours * 3600 + offset_minutes * 60);
      result.instant = local - result.offset;
      result.flags = CHRONICLE_TIME_FLAG_HAS_OFFSET;

      if (tz == NULL)
        {
          if (result.offset == 0)
            set_zone (&result, NULL, 0);
        }
      else
        {
          int interval = zone_lookup_utc (tz, result.instant);

          if (g_time_zone_get_offset (tz, interval) == result.offset)
            set_zone (&result, tz, interval);
        }
    }
  else if (precision >= CHRONICLE_TIME_PRECISION_MINUTE)
    {
      if (tz == NULL)
        {
          result.instant = local;
          set_zone (&result, NULL, 0);
        }
      else
        {
          int interval = zone_lookup_local (tz, local, &result.instant);

          result.offset = g_time_zone_get_offset (tz, interval);
          set_zone (&result, tz, interval);
        }
    }
  else
    {
      /* A calendar period. Its offset is whatever makes instant + offset
       * the midnight the string names, even when the clocks skipped it. */
      result.instant = period_start_instant (tz, local);
      result.offset = (gint32) (local - result.instant);
    }

  *out = result;

  return TRUE;
}

ChronicleTime *
chronicle_time_new_from_iso8601 (const char  *text,
                                 GTimeZone   *tz,
                                 GError     **error)
{
  ChronicleTime value;

  if (!chronicle_time_parse (text, tz, &value, error))
    return NULL;

  return chronicle_time_copy (&value);
}

void
chronicle_time_init_from_instant (ChronicleTime          *self,
                                  gint64                  instant,
                                  ChronicleTimePrecision  precision,
                                  GTimeZone              *tz)
{
  gint64 year;
  gint64 days;
  gint64 wall;
  gint64 local;
  gint32 offset = 0;
  int interval = 0;
  int month;
  int day;

  g_return_if_fail (self != NULL);
  g_return_if_fail (precision <= CHRONICLE_TIME_PRECISION_SECOND);

  if (tz != NULL)
    {
      interval = zone_lookup_utc (tz, instant);
      offset = g_time_zone_get_offset (tz, interval);
    }

  memset (self, 0, sizeof *self);
  self->precision = precision;
  wall = instant + offset;
  days = floor_div (wall, SECONDS_PER_DAY);

  switch (precision)
    {
    case CHRONICLE_TIME_PRECISION_SECOND:
      self->instant = instant;
      self->offset = offset;
      set_zone (self, tz, interval);
      return;

    case CHRONICLE_TIME_PRECISION_MINUTE:
      self->instant = floor_div (wall, 60) * 60 - offset;
      self->offset = offset;
      set_zone (self, tz, interval);
      return;

    case CHRONICLE_TIME_PRECISION_YEAR:
    case CHRONICLE_TIME_PRECISION_MONTH:
    case CHRONICLE_TIME_PRECISION_DAY:
    default:
      chronicle_civil_from_days (days, &year, &month, &day);
      if (precision == CHRONICLE_TIME_PRECISION_YEAR)
        days = chronicle_days_from_civil (year, 1, 1);
      else if (precision == CHRONICLE_TIME_PRECISION_MONTH)
        days = chronicle_days_from_civil (year, month, 1);
      local = days * SECONDS_PER_DAY;
      self->instant = period_start_instant (tz, local);
      self->offset = (gint32) (local - self->instant);
      return;
    }
}

ChronicleTime *
chronicle_time_copy (const ChronicleTime *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
chronicle_time_free (ChronicleTime *self)
{
  g_free (self);
}

gboolean
chronicle_time_is_approximate (const ChronicleTime *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return (self->flags & CHRONICLE_TIME_FLAG_APPROXIMATE) != 0;
}

void
chronicle_time_set_approximate (ChronicleTime *self,
                                gboolean       approximate)
{
  g_return_if_fail (self != NULL);

  if (approximate)
    self->flags |= CHRONICLE_TIME_FLAG_APPROXIMATE;
  else
    self->flags &= ~CHRONICLE_TIME_FLAG_APPROXIMATE;
}

ChronicleTimePrecision
chronicle_time_get_precision (const ChronicleTime *self)
{
  g_return_val_if_fail (self != NULL, CHRONICLE_TIME_PRECISION_YEAR);

  return self->precision;
}

gint64
chronicle_time_get_instant (const ChronicleTime *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->instant;
}

static void
get_civil (const ChronicleTime *self,
           gint64              *year,
           int                 *month,
           int                 *day,
           int                 *hour,
           int                 *minute,
           int                 *second)
{
  gint64 wall = self->instant + self->offset;
  gint64 days = floor_div (wall, SECONDS_PER_DAY);
  int seconds = (int) (wall - days * SECONDS_PER_DAY);

  chronicle_civil_from_days (days, year, month, day);

  if (hour != NULL)
    *hour = seconds / 3600;
  if (minute != NULL)
    *minute = seconds / 60 % 60;
  if (second != NULL)
    *second = seconds % 60;
}

void
chronicle_time_get_civil (const ChronicleTime *self,
                          int                 *year,
                          int                 *month,
                          int                 *day,
                          int                 *hour,
                          int                 *minute,
                          int                 *second)
{
  gint64 y;

  g_return_if_fail (self != NULL);

  get_civil (self, &y, month, day, hour, minute, second);

  if (year != NULL)
    *year = (int) y;
}

/* The wall-clock time at which the period after @self starts. */
static gint64
next_period_local (const ChronicleTime *self)
{
  gint64 year;
  int month;
  int day;

  get_civil (self, &year, &month, &day, NULL, NULL, NULL);

  switch ((ChronicleTimePrecision) self->precision)
    {
    case CHRONICLE_TIME_PRECISION_YEAR:
      return chronicle_days_from_civil (year + 1, 1, 1) * SECONDS_PER_DAY;

    case CHRONICLE_TIME_PRECISION_MONTH:
      if (month == 12)
        return chronicle_days_from_civil (year + 1, 1, 1) * SECONDS_PER_DAY;
      return chronicle_days_from_civil (year, month + 1, 1) * SECONDS_PER_DAY;

    case CHRONICLE_TIME_PRECISION_DAY:
    case CHRONICLE_TIME_PRECISION_MINUTE:
    case CHRONICLE_TIME_PRECISION_SECOND:
    default:
      return (chronicle_days_from_civil (year, month, day) + 1) * SECONDS_PER_DAY;
    }
}

gint64
chronicle_time_get_end_instant (const ChronicleTime *self)
{
  g_return_val_if_fail (self != NULL, 0);

  switch ((ChronicleTimePrecision) self->precision)
    {
    case CHRONICLE_TIME_PRECISION_SECOND:
      return self->instant + 1;

    case CHRONICLE_TIME_PRECISION_MINUTE:
      return self->instant + 60;

    case CHRONICLE_TIME_PRECISION_YEAR:
    case CHRONICLE_TIME_PRECISION_MONTH:
    case CHRONICLE_TIME_PRECISION_DAY:
    default:
      return next_period_local (self) - self->offset;
    }
}

gint64
chronicle_time_get_end_instant_in_zone (const ChronicleTime *self,
                                        GTimeZone           *tz)
{
  g_return_val_if_fail (self != NULL, 0);

  switch ((ChronicleTimePrecision) self->precision)
    {
    case CHRONICLE_TIME_PRECISION_SECOND:
    case CHRONICLE_TIME_PRECISION_MINUTE:
      return chronicle_time_get_end_instant (self);

    case CHRONICLE_TIME_PRECISION_YEAR:
    case CHRONICLE_TIME_PRECISION_MONTH:
    case CHRONICLE_TIME_PRECISION_DAY:
    default:
      return period_start_instant (tz, next_period_local (self));
    }
}

static inline int
compare_values (gint64 a,
                gint64 b)
{
  return (a > b) - (a < b);
}

int
chronicle_time_compare (const ChronicleTime *a,
                        const ChronicleTime *b)
{
  int result;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  if ((result = compare_values (a->instant, b->instant)) != 0 ||
      (result = compare_values (a->precision, b->precision)) != 0 ||
      (result = compare_values (a->flags, b->flags)) != 0 ||
      (result = compare_values (a->offset, b->offset)) != 0)
    return result;

  result = strncmp (a->zone, b->zone, sizeof a->zone);

  return (result > 0) - (result < 0);
}

gboolean
chronicle_time_equal (const ChronicleTime *a,
                      const ChronicleTime *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->instant == b->instant &&
         a->offset == b->offset &&
         a->precision == b->precision &&
         a->flags == b->flags &&
         strncmp (a->zone, b->zone, sizeof a->zone) == 0;
}

gint64
chronicle_time_difference (const ChronicleTime *a,
                           const ChronicleTime *b)
{
  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  return a->instant - b->instant;
}

/* Writing */

static void
append_iso_year (GString *string,
                 gint64   year)
{
  if (year < 0)
    g_string_append_printf (string, "-%04" G_GINT64_FORMAT, -year);
  else if (year > 9999)
    g_string_append_printf (string, "+%" G_GINT64_FORMAT, year);
  else
    g_string_append_printf (string, "%04" G_GINT64_FORMAT, year);
}

char *
chronicle_time_to_iso8601 (const ChronicleTime *self)
{
  GString *string;
  gint64 year;
  int month;
  int day;
  int hour;
  int minute;
  int second;

  g_return_val_if_fail (self != NULL, NULL);

  get_civil (self, &year, &month, &day, &hour, &minute, &second);

  string = g_string_sized_new (32);
  append_iso_year (string, year);

  if (self->precision >= CHRONICLE_TIME_PRECISION_MONTH)
    g_string_append_printf (string, "-%02d", month);
  if (self->precision >= CHRONICLE_TIME_PRECISION_DAY)
    g_string_append_printf (string, "-%02d", day);
  if (self->precision >= CHRONICLE_TIME_PRECISION_MINUTE)
    {
      g_string_append_printf (string, "T%02d:%02d", hour, minute);

      if (self->precision >= CHRONICLE_TIME_PRECISION_SECOND)
        g_string_append_printf (string, ":%02d", second);

      if (self->flags & CHRONICLE_TIME_FLAG_HAS_OFFSET)
        {
          int offset = ABS (self->offset);

          if (self->offset == 0)
            g_string_append_c (string, 'Z');
          else
            g_string_append_printf (string, "%c%02d:%02d",
                                    self->offset < 0 ? '-' : '+',
                                    offset / 3600, offset / 60 % 60);
        }
    }

  return g_string_free (string, FALSE);
}

/* For people */

const char *
chronicle_month_name (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  return g_dpgettext2 (NULL, "month name", month_names[month - 1]);
}

const char *
chronicle_month_abbreviation (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  return g_dpgettext2 (NULL, "abbreviated month name", month_abbreviations[month - 1]);
}

char *
chronicle_format_year (gint64 year)
{
  g_autofree char *number = NULL;

  if (year > 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, year);

  /* There is no year 0 for people: astronomical 0 is 1 BCE. */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, 1 - year);

  /* Translators: a year before the common era, “44 BCE” */
  return g_strdup_printf (C_("year", "%s BCE"), number);
}

static char *
format_month_year (gint64 year,
                   int    month)
{
  g_autofree char *year_text = chronicle_format_year (year);

  /* Translators: month name and year, “August 2025” */
  return g_strdup_printf (C_("date", "%1$s %2$s"), chronicle_month_name (month), year_text);
}

static char *
format_date (gint64                 year,
             int                    month,
             int                    day,
             ChronicleTimePrecision precision)
{
  g_autofree char *year_text = NULL;

  switch (precision)
    {
    case CHRONICLE_TIME_PRECISION_YEAR:
      return chronicle_format_year (year);

    case CHRONICLE_TIME_PRECISION_MONTH:
      return format_month_year (year, month);

    case CHRONICLE_TIME_PRECISION_DAY:
    case CHRONICLE_TIME_PRECISION_MINUTE:
    case CHRONICLE_TIME_PRECISION_SECOND:
    default:
      year_text = chronicle_format_year (year);
      /* Translators: day, month name and year, “30 August 2025” */
      return g_strdup_printf (C_("date", "%1$d %2$s %3$s"), day, chronicle_month_name (month), year_text);
    }
}

/* The zone abbreviation, or the offset when there is none (or when the
 * abbreviation is only an offset, as tzdata's "+1030" or "-03" are). */
static char *
format_zone (const ChronicleTime *self)
{
  int offset = ABS (self->offset);

  if (self->zone[0] != '\0' && self->zone[0] != '+' && self->zone[0] != '-')
    return g_strndup (self->zone, sizeof self->zone);

  if (self->offset == 0)
    /* Translators: Coordinated Universal Time, as a time zone */
    return g_strdup (_("UTC"));

  if (offset % 60 != 0)
    /* Translators: a UTC offset with seconds, “UTC−05:50:36”; %1$s is the sign */
    return g_strdup_printf (_("UTC%1$s%2$02d:%3$02d:%4$02d"),
                            self->offset < 0 ? "−" : "+",
                            offset / 3600, offset / 60 % 60, offset % 60);

  /* Translators: a UTC offset, “UTC−05:00”; %1$s is the sign */
  return g_strdup_printf (_("UTC%1$s%2$02d:%3$02d"),
                          self->offset < 0 ? "−" : "+",
                          offset / 3600, offset / 60 % 60);
}

/* The time of day of @self, with its zone when @with_zone. */
static char *
format_time_of_day (const ChronicleTime *self,
                    gboolean             with_zone)
{
  g_autofree char *clock = NULL;
  g_autofree char *zone = NULL;
  int hour;
  int minute;
  int second;

  get_civil (self, NULL, NULL, NULL, &hour, &minute, &second);

  if (self->precision >= CHRONICLE_TIME_PRECISION_SECOND)
    /* Translators: a 24-hour time of day, “14:05:09” */
    clock = g_strdup_printf (C_("time of day", "%1$02d:%2$02d:%3$02d"), hour, minute, second);
  else
    /* Translators: a 24-hour time of day, “14:05” */
    clock = g_strdup_printf (C_("time of day", "%1$02d:%2$02d"), hour, minute);

  if (!with_zone)
    return g_steal_pointer (&clock);

  zone = format_zone (self);

  /* Translators: a time of day and its time zone, “14:05 CDT” */
  return g_strdup_printf (C_("time of day", "%1$s %2$s"), clock, zone);
}

static char *
format_exact (const ChronicleTime *self)
{
  g_autofree char *date = NULL;
  g_autofree char *time_of_day = NULL;
  gint64 year;
  int month;
  int day;

  get_civil (self, &year, &month, &day, NULL, NULL, NULL);
  date = format_date (year, month, day, self->precision);

  if (self->precision < CHRONICLE_TIME_PRECISION_MINUTE)
    return g_steal_pointer (&date);

  time_of_day = format_time_of_day (self, TRUE);

  /* Translators: a date and a time of day, “30 August 2025, 14:05 CDT” */
  return g_strdup_printf (C_("date and time", "%1$s, %2$s"), date, time_of_day);
}

static char *
format_approximate (char *text)
{
  g_autofree char *owned = text;

  /* Translators: “circa”, an approximate time, “c. 1200 BCE” */
  return g_strdup_printf (C_("approximate time", "c. %s"), owned);
}

char *
chronicle_time_format (const ChronicleTime *self)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = format_exact (self);

  if (chronicle_time_is_approximate (self))
    return format_approximate (text);

  return text;
}

/* The compact form of a range whose ends share their precision and some
 * fields, or %NULL. */
static char *
format_compact_range (const ChronicleTime *start,
                      const ChronicleTime *end)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *year_text = NULL;
  g_autofree char *date = NULL;
  gint64 year1, year2;
  int month1, month2;
  int day1, day2;

  if (start->precision != end->precision)
    return NULL;

  get_civil (start, &year1, &month1, &day1, NULL, NULL, NULL);
  get_civil (end, &year2, &month2, &day2, NULL, NULL, NULL);

  switch ((ChronicleTimePrecision) start->precision)
    {
    case CHRONICLE_TIME_PRECISION_YEAR:
      if (year1 > 0 || year2 > 0)
        return NULL;
      start_text = g_strdup_printf ("%" G_GINT64_FORMAT, 1 - year1);
      end_text = g_strdup_printf ("%" G_GINT64_FORMAT, 1 - year2);
      /* Translators: a range of years before the common era, “1200 – 1100 BCE” */
      return g_strdup_printf (C_("range", "%1$s – %2$s BCE"), start_text, end_text);

    case CHRONICLE_TIME_PRECISION_MONTH:
      if (year1 != year2)
        return NULL;
      year_text = chronicle_format_year (year1);
      /* Translators: a range of months in one year: first month, last
       * month, year, “June – August 2025” */
      return g_strdup_printf (C_("range", "%1$s – %2$s %3$s"),
                              chronicle_month_name (month1),
                              chronicle_month_name (month2),
                              year_text);

    case CHRONICLE_TIME_PRECISION_DAY:
      if (year1 != year2)
        return NULL;
      year_text = chronicle_format_year (year1);
      if (month1 == month2)
        /* Translators: a range of days in one month: first day, last day,
         * month name, year, “25 – 30 August 2025” */
        return g_strdup_printf (C_("range", "%1$d – %2$d %3$s %4$s"),
                                day1, day2, chronicle_month_name (month1), year_text);
      /* Translators: a range of days in one year: first day and month
       * name, last day and month name, year, “25 August – 5 September 2025” */
      return g_strdup_printf (C_("range", "%1$d %2$s – %3$d %4$s %5$s"),
                              day1, chronicle_month_name (month1),
                              day2, chronicle_month_name (month2),
                              year_text);

    case CHRONICLE_TIME_PRECISION_MINUTE:
    case CHRONICLE_TIME_PRECISION_SECOND:
    default:
      if (year1 != year2 || month1 != month2 || day1 != day2)
        return NULL;
      start_text = format_zone (start);
      end_text = format_zone (end);
      if (g_strcmp0 (start_text, end_text) != 0)
        return NULL;
      g_clear_pointer (&start_text, g_free);
      g_clear_pointer (&end_text, g_free);
      date = format_date (year1, month1, day1, CHRONICLE_TIME_PRECISION_DAY);
      start_text = format_time_of_day (start, FALSE);
      end_text = format_time_of_day (end, TRUE);
      /* Translators: a range of times in one day: date, first time, last
       * time with its zone, “30 August 2025, 14:05 – 16:00 CDT” */
      return g_strdup_printf (C_("range", "%1$s, %2$s – %3$s"), date, start_text, end_text);
    }
}

char *
chronicle_time_format_range (const ChronicleTime *start,
                             const ChronicleTime *end)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  char *compact = NULL;
  gboolean approximate;

  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (end != NULL, NULL);

  approximate = chronicle_time_is_approximate (start);

  start_text = chronicle_time_format (start);
  end_text = chronicle_time_format (end);

  /* A range within one period is just that period. */
  if (strcmp (start_text, end_text) == 0)
    return g_steal_pointer (&start_text);

  if (approximate == chronicle_time_is_approximate (end))
    compact = format_compact_range (start, end);

  if (compact != NULL)
    return approximate ? format_approximate (compact) : compact;

  /* Translators: a range from one time to another, “2024 – 2025” */
  return g_strdup_printf (C_("range", "%1$s – %2$s"), start_text, end_text);
}

typedef enum
{
  DURATION_YEARS,
  DURATION_DAYS,
  DURATION_HOURS,
  DURATION_MINUTES,
  DURATION_SECONDS,
  N_DURATION_UNITS
} DurationUnit;

static char *
format_duration_unit (DurationUnit unit,
                      guint64      n)
{
  g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  /* Plural rules look at the last digits, which this keeps. */
  gulong plural = n <= G_MAXULONG ? (gulong) n : (gulong) (n % 1000000 + 1000000);

  switch (unit)
    {
    case DURATION_YEARS:
      return g_strdup_printf (ngettext ("%s year", "%s years", plural), number);
    case DURATION_DAYS:
      return g_strdup_printf (ngettext ("%s day", "%s days", plural), number);
    case DURATION_HOURS:
      return g_strdup_printf (ngettext ("%s hour", "%s hours", plural), number);
    case DURATION_MINUTES:
      return g_strdup_printf (ngettext ("%s minute", "%s minutes", plural), number);
    case DURATION_SECONDS:
    case N_DURATION_UNITS:
    default:
      return g_strdup_printf (ngettext ("%s second", "%s seconds", plural), number);
    }
}

char *
chronicle_format_duration (gint64   seconds,
                           gboolean approximate)
{
  static const guint64 unit_seconds[N_DURATION_UNITS] = {
    SECONDS_PER_YEAR, SECONDS_PER_DAY, 3600, 60, 1,
  };
  guint64 counts[N_DURATION_UNITS];
  guint64 rest;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  char *text;
  guint unit;

  /* The magnitude, without overflowing on G_MININT64. */
  rest = seconds < 0 ? (guint64) -(seconds + 1) + 1 : (guint64) seconds;

  for (unit = 0; unit < N_DURATION_UNITS; unit++)
    {
      counts[unit] = rest / unit_seconds[unit];
      rest %= unit_seconds[unit];
    }

  for (unit = 0; unit + 1 < N_DURATION_UNITS && counts[unit] == 0; unit++)
    ;

  first = format_duration_unit (unit, counts[unit]);

  if (unit + 1 < N_DURATION_UNITS && counts[unit + 1] != 0)
    {
      second = format_duration_unit (unit + 1, counts[unit + 1]);
      /* Translators: a duration in two units, “2 hours 5 minutes” */
      text = g_strdup_printf (C_("duration", "%1$s %2$s"), first, second);
    }
  else
    {
      text = g_steal_pointer (&first);
    }

  if (approximate)
    {
      g_autofree char *exact = text;

      /* Translators: an approximate duration, “about 30 days” */
      text = g_strdup_printf (C_("duration", "about %s"), exact);
    }

  return text;
}
