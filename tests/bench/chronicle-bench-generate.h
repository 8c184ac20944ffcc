/* chronicle-bench-generate.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bump when the generated files change, so that kept files are not reused. */
#define CHRONICLE_BENCH_GENERATOR_VERSION 1

/* The time zone the generated timelines are written in. */
#define CHRONICLE_BENCH_TIMEZONE "America/New_York"

/*
 * A deterministic generator of realistic timelines in format v1, written as
 * Chronicle's writer would write them (pretty JSON, members in canonical
 * order, events in start order). The same @n_events and @seed always give
 * the same bytes.
 *
 * What a file holds: 6 declared kinds besides the 7 built-in ones, 300
 * actors, 5 eras, 3 views; events from 1950 to 2025, 40 % of them in 24
 * dense bursts of a few days to six weeks (at minute precision, like live
 * coverage) and the rest spread at every precision; every status; about a
 * fifth ranges; 6 % approximate; most with a summary, some with a
 * description, a location, actors, tags, quotes and sources; a tenth
 * without an id (derived on load); some titles and places with accents.
 */
gboolean chronicle_bench_generate_file   (const char *path,
                                          guint       n_events,
                                          guint64     seed,
                                          GError    **error);
GBytes  *chronicle_bench_generate_bytes  (guint       n_events,
                                          guint64     seed);

/* The centre of the busiest burst, in seconds since the Unix epoch, for
 * windows that look at a region where events are dense. Depends on @seed
 * only, not on the number of events. */
gint64   chronicle_bench_busiest_instant (guint64     seed);

G_END_DECLS
