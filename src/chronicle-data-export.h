/* chronicle-data-export.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "chronicle-event.h"
#include "chronicle-timeline.h"

G_BEGIN_DECLS

/*
 * Exports a list of events (a view's events, in time order) as data:
 * JSON (format v1), CSV (RFC 4180), iCalendar (RFC 5545) and Markdown.
 * GLib only: the image formats are declared here so that the command line
 * and the export dialog share one list, but another module draws them.
 */

#define CHRONICLE_DATA_EXPORT_ERROR (chronicle_data_export_error_quark ())

typedef enum
{
  /* An image format was given to the data exporter. */
  CHRONICLE_DATA_EXPORT_ERROR_UNSUPPORTED,
  /* iCalendar: not one event has dates a calendar can hold (RFC 5545 needs
   * at least one component). */
  CHRONICLE_DATA_EXPORT_ERROR_NOTHING_TO_EXPORT,
} ChronicleDataExportError;

typedef enum
{
  CHRONICLE_EXPORT_FORMAT_JSON,
  CHRONICLE_EXPORT_FORMAT_CSV,
  CHRONICLE_EXPORT_FORMAT_ICALENDAR,
  CHRONICLE_EXPORT_FORMAT_MARKDOWN,
  CHRONICLE_EXPORT_FORMAT_PNG,
  CHRONICLE_EXPORT_FORMAT_SVG,
  CHRONICLE_EXPORT_FORMAT_PDF,
} ChronicleExportFormat;

#define CHRONICLE_EXPORT_N_FORMATS 7

GQuark       chronicle_data_export_error_quark      (void);

/* From a file name's extension, ignoring case: .json (and .chronicle),
 * .csv, .ics and .ical, .md and .markdown, .png, .svg, .pdf. */
gboolean     chronicle_export_format_from_extension (const char             *file_name,
                                                     ChronicleExportFormat  *format);
/* From a --format value, ignoring case: "json", "csv", "ics" or
 * "icalendar", "markdown" or "md", "png", "svg", "pdf". */
gboolean     chronicle_export_format_from_string    (const char             *text,
                                                     ChronicleExportFormat  *format);
/* The canonical --format value ("json", "csv", "ics", "markdown", …). */
const char  *chronicle_export_format_to_string      (ChronicleExportFormat   format);
gboolean     chronicle_export_format_is_image       (ChronicleExportFormat   format);
/* Without the dot: "json", "csv", "ics", "md", "png", "svg", "pdf". */
const char  *chronicle_export_format_get_extension  (ChronicleExportFormat   format);
const char  *chronicle_export_format_get_mime_type  (ChronicleExportFormat   format);
/* Translated, for people ("iCalendar file"). */
const char  *chronicle_export_format_get_label      (ChronicleExportFormat   format);

/* How many of @events (%NULL: the timeline's) @format leaves out because it
 * cannot represent them. Only iCalendar leaves any out: its years have four
 * digits, so it holds no date before year 1 or after 9999 (BCE events, and
 * an all-day event ending on 31 December 9999). The export writes the
 * others; the caller tells people how many were left out. */
guint        chronicle_data_export_count_skipped    (ChronicleTimeline      *timeline,
                                                     GPtrArray              *events,
                                                     ChronicleExportFormat   format);

/* @events: ChronicleEvent in time order, or %NULL for all the timeline's
 * events. @view_title names the exported view (nullable).
 *
 * JSON: format v1 with those events and the kinds and actors they use; the
 *   document title is "Timeline title — View title" when a view is named.
 * CSV: RFC 4180, UTF-8 without BOM, CRLF, a header row.
 * iCalendar: RFC 5545, times in UTC; DTSTAMP is SOURCE_DATE_EPOCH when that
 *   is set (reproducible output), else the current time. Events it cannot
 *   represent are left out (see chronicle_data_export_count_skipped()).
 * Markdown: a chronology with dates as headings.
 *
 * Fails with CHRONICLE_DATA_EXPORT_ERROR_UNSUPPORTED for an image format. */
GBytes      *chronicle_data_export_to_bytes         (ChronicleTimeline      *timeline,
                                                     GPtrArray              *events,
                                                     const char             *view_title,
                                                     ChronicleExportFormat   format,
                                                     GError                **error);
/* Atomic: @bytes go to a temporary file beside @file that replaces it only
 * once everything is written, so a failed or cancelled write leaves an
 * existing @file untouched (a symbolic link is followed and kept; a file
 * that may not be written is refused, not replaced). Errors are in the
 * G_IO_ERROR domain. For the image exporter too. */
gboolean     chronicle_data_export_replace_contents (GFile                  *file,
                                                     GBytes                 *bytes,
                                                     GCancellable           *cancellable,
                                                     GError                **error);
/* chronicle_data_export_to_bytes(), then written atomically to @file. */
gboolean     chronicle_data_export_write_file       (ChronicleTimeline      *timeline,
                                                     GPtrArray              *events,
                                                     const char             *view_title,
                                                     ChronicleExportFormat   format,
                                                     GFile                  *file,
                                                     GCancellable           *cancellable,
                                                     GError                **error);

/* One event as plain text for the clipboard: title, date, kind, status,
 * location, actors, tags, summary, description, quotes and sources. */
char        *chronicle_data_export_event_to_text    (ChronicleTimeline      *timeline,
                                                     ChronicleEvent         *event);

G_END_DECLS
