/* chronicle-time.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Years as ISO 8601 writes them (astronomical numbering: 0 is 1 BCE). */
#define CHRONICLE_TIME_MIN_YEAR (-99999)
#define CHRONICLE_TIME_MAX_YEAR (99999)

#define CHRONICLE_TIME_ERROR (chronicle_time_error_quark ())

typedef enum
{
  CHRONICLE_TIME_ERROR_INVALID,
  CHRONICLE_TIME_ERROR_OUT_OF_RANGE,
} ChronicleTimeError;

typedef enum
{
  CHRONICLE_TIME_PRECISION_YEAR,
  CHRONICLE_TIME_PRECISION_MONTH,
  CHRONICLE_TIME_PRECISION_DAY,
  CHRONICLE_TIME_PRECISION_MINUTE,
  CHRONICLE_TIME_PRECISION_SECOND,
} ChronicleTimePrecision;

typedef enum
{
  CHRONICLE_TIME_FLAG_NONE        = 0,
  CHRONICLE_TIME_FLAG_APPROXIMATE = 1 << 0,
  /* The string carried its own UTC offset ("Z" or "±hh:mm"). */
  CHRONICLE_TIME_FLAG_HAS_OFFSET  = 1 << 1,
} ChronicleTimeFlags;

/*
 * A point in time together with how precisely it is known. It is a plain
 * value (no pointers inside), so arrays of it can be copied with memcpy.
 *
 * @instant: seconds since 1970-01-01T00:00:00Z in the proleptic Gregorian
 *   calendar; for year, month and day precision it is the start of that
 *   period on the wall clock of the timeline's time zone.
 * @offset: seconds east of UTC of the wall clock the time was written in;
 *   instant + offset is the wall-clock time the string named. (A date-time
 *   that a clock change skips, such as 02:30 on the morning clocks spring
 *   forward, moves to the end of the gap, as GDateTime does. A date always
 *   keeps its own midnight as wall-clock time, so when the clocks skip that
 *   midnight its offset is the one from before the change.)
 * @precision: a #ChronicleTimePrecision.
 * @flags: #ChronicleTimeFlags.
 * @zone: abbreviation of that wall clock ("CDT"), or "" when unknown; always
 *   "" for year, month and day precision. Unused bytes are zero.
 */
typedef struct
{
  gint64 instant;
  gint32 offset;
  guint8 precision;
  guint8 flags;
  char   zone[10];
} ChronicleTime;

#define CHRONICLE_TYPE_TIME (chronicle_time_get_type ())

GType          chronicle_time_get_type           (void) G_GNUC_CONST;
GQuark         chronicle_time_error_quark        (void);
ChronicleTime *chronicle_time_copy               (const ChronicleTime     *self);
void           chronicle_time_free               (ChronicleTime           *self);

/* Parses YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mm[:ss] with an optional
 * "Z" or "±hh:mm", and expanded signed years ("-0500-03-15", "+12000").
 * A date-time without an offset, and every date, is read on the wall clock
 * of @tz (UTC when %NULL); a wall-clock time that happens twice (when the
 * clocks fall back) is the first of the two. A date-time with an offset is
 * an instant and gets %CHRONICLE_TIME_FLAG_HAS_OFFSET. @text may be %NULL.
 * On failure @out is left alone and @error says what was expected and what
 * was found. Does not allocate, except once for each new @tz. */
gboolean       chronicle_time_parse              (const char              *text,
                                                  GTimeZone               *tz,
                                                  ChronicleTime           *out,
                                                  GError                 **error);
ChronicleTime *chronicle_time_new_from_iso8601   (const char              *text,
                                                  GTimeZone               *tz,
                                                  GError                 **error);
/* The time of @instant on the wall clock of @tz (UTC when %NULL). */
void           chronicle_time_init_from_instant  (ChronicleTime           *self,
                                                  gint64                   instant,
                                                  ChronicleTimePrecision   precision,
                                                  GTimeZone               *tz);

gboolean       chronicle_time_is_approximate     (const ChronicleTime     *self);
void           chronicle_time_set_approximate    (ChronicleTime           *self,
                                                  gboolean                 approximate);
ChronicleTimePrecision
               chronicle_time_get_precision      (const ChronicleTime     *self);
gint64         chronicle_time_get_instant        (const ChronicleTime     *self);
/* The first instant after the period the time names at its precision:
 * the end of "2025-08" is 2025-09-01T00:00 on the same wall clock. For a
 * year, month or day that wall clock keeps the offset the period started
 * with, so a day on which the clocks change comes out an hour long or short;
 * chronicle_time_get_end_instant_in_zone() asks the time zone instead. */
gint64         chronicle_time_get_end_instant    (const ChronicleTime     *self);
/* Like chronicle_time_get_end_instant(), but a year, month or day ends at
 * the start of the next one on the wall clock of @tz (UTC when %NULL), the
 * time zone it was parsed with, which is exact across clock changes. */
gint64         chronicle_time_get_end_instant_in_zone
                                                 (const ChronicleTime     *self,
                                                  GTimeZone               *tz);
/* The wall-clock fields (instant + offset). @year is astronomical (0 = 1 BCE). */
void           chronicle_time_get_civil          (const ChronicleTime     *self,
                                                  int                     *year,
                                                  int                     *month,
                                                  int                     *day,
                                                  int                     *hour,
                                                  int                     *minute,
                                                  int                     *second);

/* Orders by instant, then coarser precision first, then flags, offset and
 * zone, so that it returns 0 exactly when chronicle_time_equal() is TRUE. */
int            chronicle_time_compare            (const ChronicleTime     *a,
                                                  const ChronicleTime     *b);
gboolean       chronicle_time_equal              (const ChronicleTime     *a,
                                                  const ChronicleTime     *b);
/* a - b in seconds, exact across the whole range. */
gint64         chronicle_time_difference         (const ChronicleTime     *a,
                                                  const ChronicleTime     *b);

/* ISO 8601 at the time's precision, as a file stores it; parsing it again
 * with the same time zone gives back an equal time (the approximate flag is
 * not part of the string, and a wall-clock time from the second pass through
 * a repeated hour comes back as the first). */
char          *chronicle_time_to_iso8601         (const ChronicleTime     *self);
/* For people, in the current locale, at the time's precision:
 * "2025", "August 2025", "30 August 2025", "30 August 2025, 14:05 CDT",
 * "c. 1200 BCE", "44 BCE". A time without a known zone abbreviation shows
 * its offset, "UTC−05:00" or "UTC". */
char          *chronicle_time_format             (const ChronicleTime     *self);
/* "25 – 30 August 2025", "25 August – 5 September 2025", "2024 – 2025":
 * fields both ends share are written once. */
char          *chronicle_time_format_range       (const ChronicleTime     *start,
                                                  const ChronicleTime     *end);
/* "3 days", "2 hours 5 minutes", "about 30 days" for @approximate: the
 * largest unit of years (365.2425 days), days, hours, minutes and seconds,
 * and the next smaller unit when it is not zero, rounded down. A negative
 * @seconds is formatted by its magnitude. */
char          *chronicle_format_duration         (gint64                   seconds,
                                                  gboolean                 approximate);

/* Calendar arithmetic on the proleptic Gregorian calendar, astronomical
 * years; days are counted from 1970-01-01 (day 0) and exact for any year
 * within ±2^40. A day past the end of its month counts on into the next. */
gint64         chronicle_days_from_civil         (gint64                   year,
                                                  int                      month,
                                                  int                      day);
void           chronicle_civil_from_days         (gint64                   days,
                                                  gint64                  *year,
                                                  int                     *month,
                                                  int                     *day);
/* "2025", "44 BCE" (year -43), "12000". */
char          *chronicle_format_year             (gint64                   year);
/* Localized month name, 1..12. */
const char    *chronicle_month_name              (int                      month);
/* Localized short month name, 1..12 ("Aug"). */
const char    *chronicle_month_abbreviation      (int                      month);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleTime, chronicle_time_free)

G_END_DECLS
