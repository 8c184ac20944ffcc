/* chronicle-export-dialog.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "chronicle-exporter.h"

G_BEGIN_DECLS

/*
 * Export… (Ctrl+E): the format, the range (the visible window or the whole
 * view), the image options and a live preview of the chosen view; then a
 * save dialog. The file is written off the main thread with a progress
 * bar. Success closes the dialog with a toast (and an Open button) in the
 * window; a failure says what went wrong and keeps the dialog open.
 */

#define CHRONICLE_TYPE_EXPORT_DIALOG (chronicle_export_dialog_get_type())

G_DECLARE_FINAL_TYPE (ChronicleExportDialog, chronicle_export_dialog, CHRONICLE, EXPORT_DIALOG, AdwWindow)

/* @state: the chosen view (%NULL: all events), copied. [@visible_start,
 * @visible_end): the window's visible range, offered as a choice. */
ChronicleExportDialog *chronicle_export_dialog_new               (GtkWindow             *parent,
                                                                  ChronicleTimeline     *timeline,
                                                                  ChronicleViewState    *state,
                                                                  gint64                 visible_start,
                                                                  gint64                 visible_end);
ChronicleExportFormat  chronicle_export_dialog_get_format        (ChronicleExportDialog *self);
void                   chronicle_export_dialog_set_format        (ChronicleExportDialog *self,
                                                                  ChronicleExportFormat  format);
/* Where the toast that announces a finished export goes (nullable). */
void                   chronicle_export_dialog_set_toast_overlay (ChronicleExportDialog *self,
                                                                  AdwToastOverlay       *overlay);

/* For tests: the options as the dialog's controls set them; the preview
 * brought up to date now; what it shows ("image" or "text") and its text
 * or picture; and an export to @file without the save dialog. */
void                   _chronicle_export_dialog_get_options      (ChronicleExportDialog  *self,
                                                                  ChronicleExportOptions *options);
void                   _chronicle_export_dialog_update_preview   (ChronicleExportDialog  *self);
const char            *_chronicle_export_dialog_get_preview_kind (ChronicleExportDialog  *self);
char                  *_chronicle_export_dialog_dup_preview_text (ChronicleExportDialog  *self);
GdkPaintable          *_chronicle_export_dialog_get_preview_paintable
                                                                 (ChronicleExportDialog  *self);
void                   _chronicle_export_dialog_export_to_file   (ChronicleExportDialog  *self,
                                                                  GFile                  *file);

G_END_DECLS
