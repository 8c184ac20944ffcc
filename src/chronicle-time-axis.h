/* chronicle-time-axis.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * View state (GLib only): the ticks of a time axis over a visible range.
 *
 * Two levels: minor ticks, labelled with the finer unit ("15", "Sep",
 * "14:00"), and major ticks of a coarser unit, labelled with enough context
 * to stand alone ("September 2025", "15 September 2025"). Steps follow the
 * calendar on the wall clock of the time zone: seconds, minutes and hours
 * (1, 5, 15, 30 / 1, 3, 6, 12), days (1, 2 and 7, restarting on the 1st of
 * each month), months (1, 3, 6) and years (1, 2, 5, 10, 20, 50 … 100000).
 * Year ticks count BCE years backwards from 1 BCE, so they fall on "100 BCE"
 * and "1 CE"; there is no year 0.
 *
 * Over years, major ticks fall on decades, centuries and millennia.
 * Each level uses the finest step whose labels fit, given an estimate of the
 * label widths (characters × the char width); a label that would still
 * overlap the previous one is dropped (the tick stays). The first tick of
 * each level is the last one at or before the visible start, so that the
 * period the view starts in can be named.
 */

typedef enum
{
  CHRONICLE_TIME_UNIT_SECOND,
  CHRONICLE_TIME_UNIT_MINUTE,
  CHRONICLE_TIME_UNIT_HOUR,
  CHRONICLE_TIME_UNIT_DAY,
  CHRONICLE_TIME_UNIT_MONTH,
  CHRONICLE_TIME_UNIT_YEAR,
} ChronicleTimeUnit;

typedef struct
{
  ChronicleTimeUnit unit;
  guint             count;
} ChronicleTimeStep;

typedef struct
{
  gint64      time;   /* seconds since the Unix epoch */
  double      x;      /* pixels from the left edge of the range */
  const char *label;  /* owned by the axis until its next update; %NULL when unlabelled */
} ChronicleTimeTick;

/* Pixels added to a label's estimated width: the gap to the next label. */
#define CHRONICLE_TIME_AXIS_LABEL_SPACING 12.0

#define CHRONICLE_TYPE_TIME_AXIS (chronicle_time_axis_get_type())

G_DECLARE_FINAL_TYPE (ChronicleTimeAxis, chronicle_time_axis, CHRONICLE, TIME_AXIS, GObject)

ChronicleTimeAxis       *chronicle_time_axis_new             (void);
/* The wall clock of the ticks; UTC when unset. */
GTimeZone               *chronicle_time_axis_get_time_zone   (ChronicleTimeAxis *self);
void                     chronicle_time_axis_set_time_zone   (ChronicleTimeAxis *self,
                                                              GTimeZone         *time_zone);
/* Pixels per character for estimating label widths (default 7). */
double                   chronicle_time_axis_get_char_width  (ChronicleTimeAxis *self);
void                     chronicle_time_axis_set_char_width  (ChronicleTimeAxis *self,
                                                              double             char_width);
/* Computes the ticks of [@start, @start + @duration) over @width pixels. */
void                     chronicle_time_axis_update          (ChronicleTimeAxis *self,
                                                              double             start,
                                                              double             duration,
                                                              double             width);
void                     chronicle_time_axis_get_minor_step  (ChronicleTimeAxis *self,
                                                              ChronicleTimeStep *step);
/* FALSE when no coarser level fits (the minor labels then stand alone). */
gboolean                 chronicle_time_axis_get_major_step  (ChronicleTimeAxis *self,
                                                              ChronicleTimeStep *step);
const ChronicleTimeTick *chronicle_time_axis_get_minor_ticks (ChronicleTimeAxis *self,
                                                              guint             *n_ticks);
const ChronicleTimeTick *chronicle_time_axis_get_major_ticks (ChronicleTimeAxis *self,
                                                              guint             *n_ticks);
/* The estimated width of @label in pixels, spacing included. */
double                   chronicle_time_axis_estimate_width  (ChronicleTimeAxis *self,
                                                              const char        *label);

G_END_DECLS
