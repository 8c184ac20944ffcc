/* chronicle-writer.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "chronicle-timeline.h"

G_BEGIN_DECLS

/* Members in a stable order, known ones first as docs/format.md lists them,
 * then unknown ones as the file had them. */
JsonNode *chronicle_writer_serialize_event  (ChronicleEvent     *event);
JsonNode *chronicle_writer_serialize_view   (ChronicleView      *view);
/* The whole document; with @events (ChronicleEvent, nullable) only those
 * events, and only the actors and declared kinds they use. */
JsonNode *chronicle_writer_serialize        (ChronicleTimeline  *timeline,
                                             GPtrArray          *events);
/* Pretty JSON, two-space indent, ending in a newline. */
GBytes   *chronicle_writer_to_bytes         (ChronicleTimeline  *timeline,
                                             GPtrArray          *events);
/* Atomic: a failed write leaves an existing @file untouched. */
gboolean  chronicle_writer_write_file       (ChronicleTimeline  *timeline,
                                             GFile              *file,
                                             GCancellable       *cancellable,
                                             GError            **error);

G_END_DECLS
