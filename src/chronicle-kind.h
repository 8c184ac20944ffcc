/* chronicle-kind.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHRONICLE_KIND_ORDER_SIGNING      "order-signing"
#define CHRONICLE_KIND_PLANNED_DEPLOYMENT "planned-deployment"
#define CHRONICLE_KIND_STATEMENT          "statement"
#define CHRONICLE_KIND_ENFORCEMENT_ACTION "enforcement-action"
#define CHRONICLE_KIND_LEGAL_ACTION       "legal-action"
#define CHRONICLE_KIND_REPORT             "report"
#define CHRONICLE_KIND_OTHER              "other"

#define CHRONICLE_TYPE_KIND (chronicle_kind_get_type())

G_DECLARE_FINAL_TYPE (ChronicleKind, chronicle_kind, CHRONICLE, KIND, GObject)

/* @color is "#rrggbb" or "#rgb". A %NULL @label, @color or @icon_name (or an
 * invalid @color) takes the built-in value for a built-in id; otherwise the
 * label is the id, the colour is picked from the id, and the icon is %NULL. */
ChronicleKind *chronicle_kind_new            (const char    *id,
                                              const char    *label,
                                              const char    *color,
                                              const char    *icon_name);
/* The built-in kind with @id, or %NULL. Labels are translated. */
ChronicleKind *chronicle_kind_new_builtin    (const char    *id);
/* The ids of the built-in kinds, in display order, %NULL-terminated. */
const char * const *
               chronicle_kind_get_builtin_ids (void);
gboolean       chronicle_kind_is_builtin     (ChronicleKind *self);
const char    *chronicle_kind_get_id         (ChronicleKind *self);
const char    *chronicle_kind_get_label      (ChronicleKind *self);
void           chronicle_kind_set_label      (ChronicleKind *self,
                                              const char    *label);
const char    *chronicle_kind_get_color      (ChronicleKind *self);
void           chronicle_kind_set_color      (ChronicleKind *self,
                                              const char    *color);
const char    *chronicle_kind_get_icon_name  (ChronicleKind *self);
void           chronicle_kind_set_icon_name  (ChronicleKind *self,
                                              const char    *icon_name);
/* Parses "#rgb" or "#rrggbb"; TRUE with 0xRRGGBB in @rgb. */
gboolean       chronicle_parse_color         (const char    *text,
                                              guint32       *rgb);

G_END_DECLS
