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
 *   instant + offset is the wall-clock time the string named.
 * @zone: abbreviation of that wall clock ("CDT"), or "" when unknown.
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
 * of @tz (UTC when %NULL). On failure @error says what was expected. */
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
 * the end of "2025-08" is 2025-09-01T00:00 on the same wall clock. */
gint64         chronicle_time_get_end_instant    (const ChronicleTime     *self);
/* The wall-clock fields (instant + offset). @year is astronomical (0 = 1 BCE). */
void           chronicle_time_get_civil          (const ChronicleTime     *self,
                                                  int                     *year,
                                                  int                     *month,
                                                  int                     *day,
                                                  int                     *hour,
                                                  int                     *minute,
                                                  int                     *second);

/* Orders by instant, then coarser precision first. */
int            chronicle_time_compare            (const ChronicleTime     *a,
                                                  const ChronicleTime     *b);
gboolean       chronicle_time_equal              (const ChronicleTime     *a,
                                                  const ChronicleTime     *b);
/* a - b in seconds, exact across the whole range. */
gint64         chronicle_time_difference         (const ChronicleTime     *a,
                                                  const ChronicleTime     *b);

/* ISO 8601 at the time's precision, as a file stores it; parsing it again
 * gives back an equal time. */
char          *chronicle_time_to_iso8601         (const ChronicleTime     *self);
/* For people, in the current locale, at the time's precision:
 * "2025", "August 2025", "30 August 2025", "30 August 2025, 14:05 CDT",
 * "c. 1200 BCE", "44 BCE". */
char          *chronicle_time_format             (const ChronicleTime     *self);
/* "25 – 30 August 2025" style range text. */
char          *chronicle_time_format_range       (const ChronicleTime     *start,
                                                  const ChronicleTime     *end);
/* "3 days", "2 hours 5 minutes", "about 30 days" for @approximate. */
char          *chronicle_format_duration         (gint64                   seconds,
                                                  gboolean                 approximate);

/* Calendar arithmetic on the proleptic Gregorian calendar, astronomical years. */
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
