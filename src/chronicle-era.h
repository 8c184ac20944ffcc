/* chronicle-era.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "chronicle-time.h"

G_BEGIN_DECLS

#define CHRONICLE_TYPE_ERA (chronicle_era_get_type())

G_DECLARE_FINAL_TYPE (ChronicleEra, chronicle_era, CHRONICLE, ERA, GObject)

/* @color is "#rrggbb" or %NULL. */
ChronicleEra        *chronicle_era_new       (const char          *title,
                                              const ChronicleTime *start,
                                              const ChronicleTime *end,
                                              const char          *color);
const char          *chronicle_era_get_title (ChronicleEra        *self);
const ChronicleTime *chronicle_era_get_start (ChronicleEra        *self);
const ChronicleTime *chronicle_era_get_end   (ChronicleEra        *self);
const char          *chronicle_era_get_color (ChronicleEra        *self);

G_END_DECLS
