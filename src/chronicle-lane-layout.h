/* chronicle-lane-layout.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "chronicle-timeline.h"

G_BEGIN_DECLS

/* How events are grouped into lanes. The nicks are the file format's
 * "group_by" values and the GSettings values. */
typedef enum
{
  CHRONICLE_GROUP_BY_NONE,
  CHRONICLE_GROUP_BY_KIND,
  CHRONICLE_GROUP_BY_ACTOR,
  CHRONICLE_GROUP_BY_TAG,
  CHRONICLE_GROUP_BY_STATUS,
} ChronicleGroupBy;

#define CHRONICLE_TYPE_GROUP_BY (chronicle_group_by_get_type ())

GType       chronicle_group_by_get_type    (void) G_GNUC_CONST;
const char *chronicle_group_by_to_string   (ChronicleGroupBy  group_by);
gboolean    chronicle_group_by_from_string (const char       *text,
                                            ChronicleGroupBy *group_by);

/* The lane layout (grouping and stacking) is declared below by its owner. */

G_END_DECLS
