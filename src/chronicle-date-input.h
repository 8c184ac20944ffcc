/* chronicle-date-input.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "chronicle-time.h"

G_BEGIN_DECLS

/*
 * Dates as people type them into Go to Date and the date filter (GLib
 * only): ISO 8601 at any precision as chronicle_time_parse() reads it
 * ("2025", "2025-08-30T14:05"), and "30 August 2025", "August 30, 2025",
 * "Aug 2025", "800", "44 BC", "1200 BCE", "AD 800" and "today". Month
 * names are English or the current locale's, full or abbreviated, in any
 * case. The precision is what the text gives: "Aug 2025" is a month.
 */

gboolean chronicle_date_input_parse (const char     *text,
                                     GTimeZone      *tz,
                                     ChronicleTime  *out,
                                     GError        **error);

G_END_DECLS
