/* chronicle-export-dialog.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-export-dialog"

#include "config.h"

#include "chronicle-export-dialog.h"

#include <glib/gi18n.h>

/* The preview: wide enough to stay sharp on a 2× screen. */
#define PREVIEW_WIDTH        1200
/* Data formats show the start of the file: so many events, lines. */
#define PREVIEW_EVENTS         20
#define PREVIEW_LINES          80
/* Small exports finish before a progress bar would help. */
#define PROGRESS_DELAY_MS     200

/* The formats, in the order the Format row lists them: images first. */
static const ChronicleExportFormat formats[] = {
  CHRONICLE_EXPORT_FORMAT_PNG,
  CHRONICLE_EXPORT_FORMAT_SVG,
  CHRONICLE_EXPORT_FORMAT_PDF,
  CHRONICLE_EXPORT_FORMAT_MARKDOWN,
  CHRONICLE_EXPORT_FORMAT_CSV,
  CHRONICLE_EXPORT_FORMAT_ICALENDAR,
  CHRONICLE_EXPORT_FORMAT_JSON,
};

enum {
  RANGE_WHOLE_VIEW,
  RANGE_VISIBLE_WINDOW,
};

struct _ChronicleExportDialog
{
  AdwWindow              parent_instance;

  /* Template children */
  GtkButton             *cancel_button;
  GtkButton             *export_button;
  GtkRevealer           *progress_revealer;
  GtkProgressBar        *progress_bar;
  AdwPreferencesPage    *page;
  GtkStack              *preview_stack;
  GtkPicture            *preview_picture;
  GtkTextView           *preview_text;
  GtkLabel              *preview_message;
  GtkLabel              *preview_caption;
  AdwComboRow           *format_row;
  AdwComboRow           *range_row;
  AdwPreferencesGroup   *image_group;
  AdwActionRow          *width_row;
  GtkSpinButton         *width_spin;
  AdwComboRow           *scale_row;
  AdwComboRow           *style_row;
  AdwComboRow           *page_row;

  ChronicleExporter     *exporter;
  AdwToastOverlay       *toast_overlay;  /* weak */
  GtkFileChooserNative  *file_chooser;
  GCancellable          *cancellable;
  GFile                 *file;           /* being written */

  gint64                 visible_start;
  gint64                 visible_end;
  guint                  preview_source;
  guint                  progress_source;
  guint                  disposed : 1;
};

G_DEFINE_FINAL_TYPE (ChronicleExportDialog, chronicle_export_dialog, ADW_TYPE_WINDOW)

enum {
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
chronicle_export_dialog_is_exporting (ChronicleExportDialog *self)
{
  return self->cancellable != NULL;
}

static void
chronicle_export_dialog_set_busy (ChronicleExportDialog *self,
                                  gboolean               busy)
{
  g_assert (CHRONICLE_IS_EXPORT_DIALOG (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->page), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), !busy);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (!busy)
    gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
}

static gboolean
chronicle_export_dialog_show_progress (gpointer user_data)
{
  ChronicleExportDialog *self = user_data;

  self->progress_source = 0;
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);

  return G_SOURCE_REMOVE;
}

/* The options the controls say. */
static void
chronicle_export_dialog_read_options (ChronicleExportDialog  *self,
                                      ChronicleExportOptions *options)
{
  chronicle_export_options_init (options);
  options->width = gtk_spin_button_get_value_as_int (self->width_spin);
  options->scale = adw_combo_row_get_selected (self->scale_row) == 1 ? 2 : 1;
  options->dark = adw_combo_row_get_selected (self->style_row) == 1;
  options->page = adw_combo_row_get_selected (self->page_row) == 1 ? CHRONICLE_EXPORT_PAGE_LETTER
                                                                    : CHRONICLE_EXPORT_PAGE_A4;
  if (adw_combo_row_get_selected (self->range_row) == RANGE_VISIBLE_WINDOW &&
      self->visible_end > self->visible_start)
    {
      options->use_visible_range = TRUE;
      options->range_start = self->visible_start;
      options->range_end = self->visible_end;
    }
}

static void
chronicle_export_dialog_update_rows (ChronicleExportDialog *self)
{
  ChronicleExportFormat format = chronicle_export_dialog_get_format (self);
  gboolean image = chronicle_export_format_is_image (format);

  /* Only what the chosen format uses. */
  gtk_widget_set_visible (GTK_WIDGET (self->image_group), image);
  gtk_widget_set_visible (GTK_WIDGET (self->range_row),
                          image && self->visible_end > self->visible_start);
  gtk_widget_set_visible (GTK_WIDGET (self->width_row), format != CHRONICLE_EXPORT_FORMAT_PDF);
  gtk_widget_set_visible (GTK_WIDGET (self->scale_row), format == CHRONICLE_EXPORT_FORMAT_PNG);
  gtk_widget_set_visible (GTK_WIDGET (self->page_row), format == CHRONICLE_EXPORT_FORMAT_PDF);
}

static void
chronicle_export_dialog_show_message (ChronicleExportDialog *self,
                                      const char            *message)
{
  gtk_label_set_text (self->preview_message, message);
  gtk_stack_set_visible_child_name (self->preview_stack, "message");
  gtk_label_set_text (self->preview_caption, "");
}

static void
chronicle_export_dialog_preview_data (ChronicleExportDialog *self,
                                      ChronicleExportFormat  format)
{
  GPtrArray *events = chronicle_exporter_get_events (self->exporter);
  g_autoptr(GPtrArray) first = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *caption = NULL;
  const char *data;
  gsize size;
  guint n_lines = 0;

  for (guint i = 0; i < events->len && i < PREVIEW_EVENTS; i++)
    g_ptr_array_add (first, g_ptr_array_index (events, i));

  bytes = chronicle_data_export_to_bytes (chronicle_exporter_get_timeline (self->exporter), first,
                                          chronicle_view_state_get_title (chronicle_exporter_get_view_state (self->exporter)),
                                          format, &error);
  if (bytes == NULL)
    {
      chronicle_export_dialog_show_message (self, error->message);
      return;
    }

  /* The start of the file, up to a whole line. */
  data = g_bytes_get_data (bytes, &size);
  text = g_string_new (NULL);
  for (gsize i = 0; i < size && n_lines < PREVIEW_LINES; i++)
    {
      if (data[i] == '\r')
        continue;
      g_string_append_c (text, data[i]);
      if (data[i] == '\n')
        n_lines++;
    }
  if (n_lines >= PREVIEW_LINES || events->len > PREVIEW_EVENTS)
    g_string_append (text, "…\n");
  if (!g_utf8_validate (text->str, text->len, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (text->str, text->len);

      g_string_assign (text, valid);
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->preview_text), text->str, text->len);
  gtk_stack_set_visible_child_name (self->preview_stack, "text");

  caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u event in the view", "%u events in the view",
                                          events->len),
                             events->len);

  /* Say it before the file does not have them. */
  if (format == CHRONICLE_EXPORT_FORMAT_ICALENDAR)
    {
      guint n_skipped = chronicle_data_export_count_skipped (chronicle_exporter_get_timeline (self->exporter),
                                                             events, format);

      if (n_skipped > 0)
        {
          g_autofree char *skipped = NULL;
          char *joined;

          skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u is left out: iCalendar has no dates before year 1 or after 9999",
                                                  "%u are left out: iCalendar has no dates before year 1 or after 9999",
                                                  n_skipped),
                                     n_skipped);
          /* Translators: “15 events in the view; 2 are left out: …” */
          joined = g_strdup_printf (_("%1$s; %2$s"), caption, skipped);
          g_free (caption);
          caption = joined;
        }
    }

  gtk_label_set_text (self->preview_caption, caption);
}

static void
chronicle_export_dialog_preview_image (ChronicleExportDialog *self,
                                       ChronicleExportFormat  format)
{
  const ChronicleExportOptions *options = chronicle_exporter_get_options (self->exporter);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *caption = NULL;

  if (format == CHRONICLE_EXPORT_FORMAT_PDF)
    {
      guint n_pages = 0;

      texture = chronicle_exporter_render_page_preview (self->exporter, PREVIEW_WIDTH, &n_pages, &error);
      /* Translators: under the preview of a PDF export */
      caption = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u page, landscape", "%u pages, landscape",
                                              n_pages),
                                 n_pages);
    }
  else
    {
      int width = 0, height = 0;

      texture = chronicle_exporter_render_preview (self->exporter, PREVIEW_WIDTH, &width, &height, &error);

      if (format == CHRONICLE_EXPORT_FORMAT_PNG)
        {
          width *= options->scale;
          height *= options->scale;
        }
      /* Translators: the size of an exported image, “1600 × 720 pixels” */
      caption = g_strdup_printf (_("%d × %d pixels"), width, height);
    }

  if (texture == NULL)
    {
      chronicle_export_dialog_show_message (self, error != NULL ? error->message : "");
      return;
    }

  gtk_picture_set_paintable (self->preview_picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->preview_stack, "image");
  gtk_label_set_text (self->preview_caption, caption);
}

static gboolean
chronicle_export_dialog_update_preview_cb (gpointer user_data)
{
  ChronicleExportDialog *self = user_data;
  ChronicleExportFormat format = chronicle_export_dialog_get_format (self);
  ChronicleExportOptions options;

  self->preview_source = 0;

  chronicle_export_dialog_read_options (self, &options);
  chronicle_exporter_set_options (self->exporter, &options);

  if (chronicle_export_format_is_image (format))
    chronicle_export_dialog_preview_image (self, format);
  else
    chronicle_export_dialog_preview_data (self, format);

  return G_SOURCE_REMOVE;
}

static void
chronicle_export_dialog_queue_preview (ChronicleExportDialog *self)
{
  /* Several controls may change at once (a spin button's keystrokes):
   * draw once, when the main loop is idle. */
  if (self->preview_source == 0)
    self->preview_source = g_idle_add_full (G_PRIORITY_LOW, chronicle_export_dialog_update_preview_cb,
                                            self, NULL);
}

static void
on_toast_button_clicked_cb (AdwToastOverlay *overlay,
                            AdwToast        *toast)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "file");
  g_autofree char *uri = g_file_get_uri (file);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (overlay));

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
chronicle_export_dialog_announce (ChronicleExportDialog *self,
                                  GFile                 *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (self->toast_overlay == NULL)
    return;

  /* Translators: a notification after an export; %s is a file name */
  title = g_strdup_printf (_("Exported “%s”"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 6);
  g_object_set_data_full (G_OBJECT (toast), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (toast, "button-clicked",
                           G_CALLBACK (on_toast_button_clicked_cb),
                           self->toast_overlay, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
chronicle_export_dialog_show_error (ChronicleExportDialog *self,
                                    const GError          *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Export the View"), NULL);
  /* The exporter's message names the file and what went wrong. */
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_export_progress_cb (double   fraction,
                       gpointer user_data)
{
  ChronicleExportDialog *self = user_data;

  if (!self->disposed)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_export_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ChronicleExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_steal_pointer (&self->file);
  gboolean cancelled;

  cancelled = self->disposed || g_cancellable_is_cancelled (self->cancellable);
  g_clear_object (&self->cancellable);

  if (!chronicle_exporter_write_file_finish (CHRONICLE_EXPORTER (object), result, &error))
    {
      /* Closed while writing: nothing left to tell, the file is as it was. */
      if (cancelled || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      chronicle_export_dialog_set_busy (self, FALSE);
      chronicle_export_dialog_show_error (self, error);
      return;
    }

  /* Written before the dialog went: still worth a toast. */
  if (self->disposed)
    {
      chronicle_export_dialog_announce (self, file);
      return;
    }

  chronicle_export_dialog_set_busy (self, FALSE);
  chronicle_export_dialog_announce (self, file);
  g_signal_emit (self, signals[EXPORTED], 0, file);
  gtk_window_destroy (GTK_WINDOW (self));
}

static GtkFileFilter *
create_file_filter (ChronicleExportFormat format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strdup_printf ("*.%s", chronicle_export_format_get_extension (format));

  gtk_file_filter_set_name (filter, chronicle_export_format_get_label (format));
  gtk_file_filter_add_mime_type (filter, chronicle_export_format_get_mime_type (format));
  gtk_file_filter_add_pattern (filter, pattern);

  return filter;
}

static void
on_file_chooser_response_cb (ChronicleExportDialog *self,
                             int                    response,
                             GtkFileChooserNative  *chooser)
{
  g_autoptr(GFile) file = NULL;

  g_assert (CHRONICLE_IS_EXPORT_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->file_chooser);

  /* GTK's chooser has already asked before replacing a file. */
  if (file != NULL)
    _chronicle_export_dialog_export_to_file (self, file);
}

static void
on_export_button_clicked_cb (ChronicleExportDialog *self)
{
  ChronicleExportFormat format = chronicle_export_dialog_get_format (self);
  g_autoptr(GtkFileFilter) filter = create_file_filter (format);
  g_autofree char *name = chronicle_exporter_dup_file_name (self->exporter, format);

  g_assert (CHRONICLE_IS_EXPORT_DIALOG (self));

  if (self->file_chooser != NULL || chronicle_export_dialog_is_exporting (self))
    return;

  self->file_chooser = gtk_file_chooser_native_new (_("Export View"), GTK_WINDOW (self),
                                                    GTK_FILE_CHOOSER_ACTION_SAVE,
                                                    _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->file_chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->file_chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->file_chooser), filter);
  g_signal_connect_object (self->file_chooser, "response",
                           G_CALLBACK (on_file_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->file_chooser));
}

static void
on_cancel_button_clicked_cb (ChronicleExportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_option_changed_cb (ChronicleExportDialog *self)
{
  g_assert (CHRONICLE_IS_EXPORT_DIALOG (self));

  chronicle_export_dialog_update_rows (self);
  chronicle_export_dialog_queue_preview (self);
}

static gboolean
chronicle_export_dialog_close_request (GtkWindow *window)
{
  ChronicleExportDialog *self = CHRONICLE_EXPORT_DIALOG (window);

  /* Closing stops an export under way; the file stays as it was. */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (chronicle_export_dialog_parent_class)->close_request (window);
}

static void
chronicle_export_dialog_dispose (GObject *object)
{
  ChronicleExportDialog *self = CHRONICLE_EXPORT_DIALOG (object);

  /* An export under way stops; its callback sees that the dialog went. */
  self->disposed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_clear_handle_id (&self->progress_source, g_source_remove);

  if (self->file_chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->file_chooser));
      g_clear_object (&self->file_chooser);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONICLE_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (chronicle_export_dialog_parent_class)->dispose (object);
}

static void
chronicle_export_dialog_finalize (GObject *object)
{
  ChronicleExportDialog *self = CHRONICLE_EXPORT_DIALOG (object);

  /* Kept until now: the callback of an export that was under way when
   * the dialog went still reads them. */
  g_clear_weak_pointer (&self->toast_overlay);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->exporter);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (chronicle_export_dialog_parent_class)->finalize (object);
}

static void
chronicle_export_dialog_class_init (ChronicleExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = chronicle_export_dialog_dispose;
  object_class->finalize = chronicle_export_dialog_finalize;

  window_class->close_request = chronicle_export_dialog_close_request;

  /* A file was written: the dialog closes right after. */
  signals[EXPORTED] = g_signal_new ("exported",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chronicle/Chronicle/ui/chronicle-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, page);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, preview_picture);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, preview_text);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, preview_message);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, preview_caption);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, range_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, image_group);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, width_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, width_spin);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, style_row);
  gtk_widget_class_bind_template_child (widget_class, ChronicleExportDialog, page_row);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed_cb);
}

static void
chronicle_export_dialog_init (ChronicleExportDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    gtk_string_list_append (labels, chronicle_export_format_get_label (formats[i]));

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (labels));
  /* Export follows the window's style unless changed. */
  adw_combo_row_set_selected (self->style_row,
                              adw_style_manager_get_dark (adw_style_manager_get_default ()) ? 1 : 0);
}

ChronicleExportDialog *
chronicle_export_dialog_new (GtkWindow          *parent,
                             ChronicleTimeline  *timeline,
                             ChronicleViewState *state,
                             gint64              visible_start,
                             gint64              visible_end)
{
  ChronicleExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (state == NULL || CHRONICLE_IS_VIEW_STATE (state), NULL);

  self = g_object_new (CHRONICLE_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->exporter = chronicle_exporter_new (timeline, state);
  self->visible_start = visible_start;
  self->visible_end = visible_end;

  chronicle_export_dialog_update_rows (self);
  chronicle_export_dialog_queue_preview (self);

  return self;
}

ChronicleExportFormat
chronicle_export_dialog_get_format (ChronicleExportDialog *self)
{
  guint selected;

  g_return_val_if_fail (CHRONICLE_IS_EXPORT_DIALOG (self), CHRONICLE_EXPORT_FORMAT_PNG);

  selected = adw_combo_row_get_selected (self->format_row);

  return selected < G_N_ELEMENTS (formats) ? formats[selected] : CHRONICLE_EXPORT_FORMAT_PNG;
}

void
chronicle_export_dialog_set_format (ChronicleExportDialog *self,
                                    ChronicleExportFormat  format)
{
  g_return_if_fail (CHRONICLE_IS_EXPORT_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (formats[i] == format)
        adw_combo_row_set_selected (self->format_row, i);
    }
}

void
chronicle_export_dialog_set_toast_overlay (ChronicleExportDialog *self,
                                           AdwToastOverlay       *overlay)
{
  g_return_if_fail (CHRONICLE_IS_EXPORT_DIALOG (self));
  g_return_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay));

  g_set_weak_pointer (&self->toast_overlay, overlay);
}

void
_chronicle_export_dialog_get_options (ChronicleExportDialog  *self,
                                      ChronicleExportOptions *options)
{
  g_return_if_fail (CHRONICLE_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  chronicle_export_dialog_read_options (self, options);
}

void
_chronicle_export_dialog_update_preview (ChronicleExportDialog *self)
{
  g_return_if_fail (CHRONICLE_IS_EXPORT_DIALOG (self));

  g_clear_handle_id (&self->preview_source, g_source_remove);
  chronicle_export_dialog_update_preview_cb (self);
}

const char *
_chronicle_export_dialog_get_preview_kind (ChronicleExportDialog *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORT_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->preview_stack);
}

char *
_chronicle_export_dialog_dup_preview_text (ChronicleExportDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CHRONICLE_IS_EXPORT_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (self->preview_text);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

GdkPaintable *
_chronicle_export_dialog_get_preview_paintable (ChronicleExportDialog *self)
{
  g_return_val_if_fail (CHRONICLE_IS_EXPORT_DIALOG (self), NULL);

  return gtk_picture_get_paintable (self->preview_picture);
}

void
_chronicle_export_dialog_export_to_file (ChronicleExportDialog *self,
                                         GFile                 *file)
{
  ChronicleExportOptions options;

  g_return_if_fail (CHRONICLE_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (chronicle_export_dialog_is_exporting (self))
    return;

  chronicle_export_dialog_read_options (self, &options);
  chronicle_exporter_set_options (self->exporter, &options);

  self->cancellable = g_cancellable_new ();
  g_set_object (&self->file, file);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  chronicle_export_dialog_set_busy (self, TRUE);
  self->progress_source = g_timeout_add (PROGRESS_DELAY_MS, chronicle_export_dialog_show_progress, self);

  chronicle_exporter_write_file_async (self->exporter, chronicle_export_dialog_get_format (self), file,
                                       self->cancellable,
                                       on_export_progress_cb, g_object_ref (self), g_object_unref,
                                       on_export_written_cb, g_object_ref (self));
}
