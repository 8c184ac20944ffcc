/* chronicle-print-operation.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-exporter.h"

G_BEGIN_DECLS

/*
 * Prints the chosen view with the drawing code of the widget and of the
 * PDF export: landscape pages, each with its own axis, a long view split
 * across them (see chronicle_exporter_paginate()). Always in the light
 * style: paper is white. GtkPrintOperation's own dialog offers a preview.
 */

#define CHRONICLE_TYPE_PRINT_OPERATION (chronicle_print_operation_get_type())

G_DECLARE_FINAL_TYPE (ChroniclePrintOperation, chronicle_print_operation,
                      CHRONICLE, PRINT_OPERATION, GtkPrintOperation)

/* @state: the chosen view (%NULL: all events), copied. @visible_start and
 * @visible_end: a range to print instead of the view's, when end > start. */
ChroniclePrintOperation *chronicle_print_operation_new          (ChronicleTimeline       *timeline,
                                                                 ChronicleViewState      *state,
                                                                 gint64                   visible_start,
                                                                 gint64                   visible_end);
ChronicleExporter       *chronicle_print_operation_get_exporter (ChroniclePrintOperation *self);

G_END_DECLS
