/* chronicle-print-operation.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-print-operation"

#include "config.h"

#include "chronicle-print-operation.h"

#include <glib/gi18n.h>

struct _ChroniclePrintOperation
{
  GtkPrintOperation  parent_instance;

  ChronicleExporter *exporter;
};

G_DEFINE_FINAL_TYPE (ChroniclePrintOperation, chronicle_print_operation, GTK_TYPE_PRINT_OPERATION)

static void
chronicle_print_operation_begin_print (GtkPrintOperation *operation,
                                       GtkPrintContext   *context)
{
  ChroniclePrintOperation *self = CHRONICLE_PRINT_OPERATION (operation);
  guint n_pages;

  /* The operation's unit is points: so are the context's sizes. */
  n_pages = chronicle_exporter_paginate (self->exporter,
                                         gtk_print_context_get_width (context),
                                         gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, MAX (n_pages, 1));
}

static void
chronicle_print_operation_draw_page (GtkPrintOperation *operation,
                                     GtkPrintContext   *context,
                                     int                page_nr)
{
  ChroniclePrintOperation *self = CHRONICLE_PRINT_OPERATION (operation);
  g_autoptr(GskRenderNode) node = NULL;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale;

  if (page_nr < 0 || (guint) page_nr >= chronicle_exporter_get_n_pages (self->exporter))
    return;

  node = chronicle_exporter_render_page (self->exporter, page_nr);
  scale = chronicle_exporter_get_page_scale (self->exporter);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  gsk_render_node_draw (node, cr);
  cairo_restore (cr);
}

static void
chronicle_print_operation_dispose (GObject *object)
{
  ChroniclePrintOperation *self = (ChroniclePrintOperation *) object;

  g_clear_object (&self->exporter);

  G_OBJECT_CLASS (chronicle_print_operation_parent_class)->dispose (object);
}

static void
chronicle_print_operation_class_init (ChroniclePrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->dispose = chronicle_print_operation_dispose;

  operation_class->begin_print = chronicle_print_operation_begin_print;
  operation_class->draw_page = chronicle_print_operation_draw_page;
}

static void
chronicle_print_operation_init (ChroniclePrintOperation *self)
{
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();

  /* A timeline is wide: landscape unless the person chooses otherwise
   * (the dialog's Page Setup tab). */
  gtk_page_setup_set_orientation (page_setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), page_setup);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (self), TRUE);
}

ChroniclePrintOperation *
chronicle_print_operation_new (ChronicleTimeline  *timeline,
                               ChronicleViewState *state,
                               gint64              visible_start,
                               gint64              visible_end)
{
  ChroniclePrintOperation *self;
  ChronicleExportOptions options;
  g_autofree char *job_name = NULL;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (state == NULL || CHRONICLE_IS_VIEW_STATE (state), NULL);

  self = g_object_new (CHRONICLE_TYPE_PRINT_OPERATION, NULL);
  self->exporter = chronicle_exporter_new (timeline, state);

  chronicle_export_options_init (&options);
  if (visible_end > visible_start)
    {
      options.use_visible_range = TRUE;
      options.range_start = visible_start;
      options.range_end = visible_end;
    }
  chronicle_exporter_set_options (self->exporter, &options);

  /* Translators: the name of a print job, “Timeline title — View title” */
  job_name = g_strdup_printf (_("%1$s — %2$s"), chronicle_exporter_get_title (self->exporter),
                              chronicle_exporter_get_view_title (self->exporter));
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job_name);

  return self;
}

ChronicleExporter *
chronicle_print_operation_get_exporter (ChroniclePrintOperation *self)
{
  g_return_val_if_fail (CHRONICLE_IS_PRINT_OPERATION (self), NULL);

  return self->exporter;
}
