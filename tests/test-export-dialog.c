/* test-export-dialog.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's export: Export… (Ctrl+E) and its dialog, Copy View as
 * Markdown (Ctrl+Shift+C), and printing to a PDF file.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "chronicle-export-dialog.h"
#include "chronicle-print-operation.h"
#include "chronicle-window-private.h"

#include "window-test-utils.h"

/* Activates the shortcut a key press of @keyval with @modifiers would. */
static gboolean
activate_shortcut (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                 widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

/* The first toplevel of @type, transient for @parent. */
static GtkWindow *
find_toplevel (GType      type,
               GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_window_get_transient_for (window) == parent)
        return window;
    }

  return NULL;
}

static ChronicleExportDialog *
open_dialog (ChronicleWindow *window)
{
  ChronicleExportDialog *dialog;

  /* Ctrl+E, as a key press would */
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_e, GDK_CONTROL_MASK));
  dialog = CHRONICLE_EXPORT_DIALOG (find_toplevel (CHRONICLE_TYPE_EXPORT_DIALOG, GTK_WINDOW (window)));
  g_assert_nonnull (dialog);

  return dialog;
}

static char *
run_tool (const char * const *argv)
{
  g_autofree char *program = g_find_program_in_path (argv[0]);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;

  if (program == NULL)
    {
      g_test_skip_printf ("%s is not installed", argv[0]);
      return NULL;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));

  return g_steal_pointer (&out);
}

static gboolean
preview_text_has_prefix (ChronicleExportDialog *dialog,
                         const char            *prefix)
{
  g_autofree char *text = _chronicle_export_dialog_dup_preview_text (dialog);

  return g_str_has_prefix (text, prefix);
}

/* Tests --------------------------------------------------------------------- */

static void
test_dialog_opens (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleExportDialog *dialog = open_dialog (window);
  GdkPaintable *paintable;
  ChronicleExportOptions options;

  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));

  /* An image by default, previewed as soon as the main loop is idle. */
  g_assert_cmpint (chronicle_export_dialog_get_format (dialog), ==, CHRONICLE_EXPORT_FORMAT_PNG);
  WAIT_FOR (_chronicle_export_dialog_get_preview_paintable (dialog) != NULL);
  g_assert_cmpstr (_chronicle_export_dialog_get_preview_kind (dialog), ==, "image");
  paintable = _chronicle_export_dialog_get_preview_paintable (dialog);
  g_assert_cmpint (gdk_paintable_get_intrinsic_width (paintable), ==, 1200);
  g_assert_cmpint (gdk_paintable_get_intrinsic_height (paintable), >, 300);

  _chronicle_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.width, ==, CHRONICLE_EXPORT_DEFAULT_WIDTH);
  g_assert_cmpint (options.scale, ==, 1);
  g_assert_false (options.use_visible_range);

  window_destroy_and_wait (GTK_WINDOW (window));
}

static void
test_format_updates_preview (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleExportDialog *dialog = open_dialog (window);
  g_autofree char *markdown = NULL;
  g_autofree char *csv = NULL;
  GdkPaintable *image;

  _chronicle_export_dialog_update_preview (dialog);
  image = _chronicle_export_dialog_get_preview_paintable (dialog);
  g_assert_nonnull (image);

  /* Markdown: the start of the file, as text. */
  chronicle_export_dialog_set_format (dialog, CHRONICLE_EXPORT_FORMAT_MARKDOWN);
  WAIT_FOR (g_strcmp0 (_chronicle_export_dialog_get_preview_kind (dialog), "text") == 0);
  markdown = _chronicle_export_dialog_dup_preview_text (dialog);
  g_assert_true (g_str_has_prefix (markdown, "# Chicago and the federal immigration deployment"));
  g_assert_nonnull (strstr (markdown, "Crime spike in Chicago during the Covid-19 pandemic"));

  /* CSV: its header row. */
  chronicle_export_dialog_set_format (dialog, CHRONICLE_EXPORT_FORMAT_CSV);
  WAIT_FOR (preview_text_has_prefix (dialog, "id,title,"));
  csv = _chronicle_export_dialog_dup_preview_text (dialog);
  g_assert_null (strstr (csv, "\r"));

  /* PDF: a picture again, of the first page, in proportion. */
  chronicle_export_dialog_set_format (dialog, CHRONICLE_EXPORT_FORMAT_PDF);
  WAIT_FOR (g_strcmp0 (_chronicle_export_dialog_get_preview_kind (dialog), "image") == 0 &&
            _chronicle_export_dialog_get_preview_paintable (dialog) != image);
  image = _chronicle_export_dialog_get_preview_paintable (dialog);
  g_assert_cmpfloat_with_epsilon (gdk_paintable_get_intrinsic_aspect_ratio (image), 841.89 / 595.28, 0.01);

  window_destroy_and_wait (GTK_WINDOW (window));
}

static void
on_exported_cb (ChronicleExportDialog *dialog,
                GFile                 *file,
                GFile                **out)
{
  *out = g_object_ref (file);
}

static void
test_export_writes_file (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleExportDialog *dialog = open_dialog (window);
  g_autofree char *dir = g_dir_make_tmp ("chronicle-export-dialog-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "view.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) exported = NULL;
  g_autofree char *contents = NULL;
  GWeakRef ref;

  chronicle_export_dialog_set_format (dialog, CHRONICLE_EXPORT_FORMAT_SVG);
  g_signal_connect (dialog, "exported", G_CALLBACK (on_exported_cb), &exported);
  g_weak_ref_init (&ref, dialog);

  /* As the save dialog would, once a file is chosen. */
  _chronicle_export_dialog_export_to_file (dialog, file);
  WAIT_FOR (exported != NULL);
  g_assert_true (g_file_equal (exported, file));

  g_file_get_contents (path, &contents, NULL, NULL);
  g_assert_nonnull (contents);
  g_assert_nonnull (strstr (contents, "<svg "));
  g_assert_nonnull (strstr (contents, "Chicago and the federal immigration deployment, August 2025</text>"));

  /* Done: the dialog goes, the window stays. */
  WAIT_FOR (weak_ref_is_empty (&ref));
  g_weak_ref_clear (&ref);

  window_destroy_and_wait (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_export_failure (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleExportDialog *dialog = open_dialog (window);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-chronicle-dir/view.png");
  GtkWindow *message;
  g_autofree char *body = NULL;

  _chronicle_export_dialog_export_to_file (dialog, file);

  /* The failure is said, naming the file; the dialog stays for another try. */
  WAIT_FOR (find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (dialog)) != NULL);
  message = find_toplevel (ADW_TYPE_MESSAGE_DIALOG, GTK_WINDOW (dialog));
  g_object_get (message, "body", &body, NULL);
  g_assert_nonnull (strstr (body, "/nonexistent-chronicle-dir/view.png"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog)));

  gtk_window_destroy (message);
  window_destroy_and_wait (GTK_WINDOW (window));
}

static void
test_exports_chosen_view (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  ChronicleViewState *state = _chronicle_window_get_view_state (window);
  ChronicleExportDialog *dialog;
  g_autofree char *markdown = NULL;

  chronicle_view_state_set_from_view (state, chronicle_timeline_lookup_view (timeline, "mayor-statements"));

  dialog = open_dialog (window);
  chronicle_export_dialog_set_format (dialog, CHRONICLE_EXPORT_FORMAT_MARKDOWN);
  _chronicle_export_dialog_update_preview (dialog);
  markdown = _chronicle_export_dialog_dup_preview_text (dialog);

  /* The view's title and only its events. */
  g_assert_nonnull (strstr (markdown, "The mayor’s statements"));
  g_assert_nonnull (strstr (markdown, "Johnson warns of militarized immigration enforcement"));
  g_assert_null (strstr (markdown, "Trump calls Chicago a hellhole"));

  window_destroy_and_wait (GTK_WINDOW (window));
}

static void
on_clipboard_text_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static void
test_copy_view (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  ChronicleViewState *state = _chronicle_window_get_view_state (window);
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (window));
  g_autoptr(ChronicleExporter) exporter = NULL;
  g_autoptr(GBytes) expected = NULL;
  g_autofree char *text = NULL;

  chronicle_view_state_set_from_view (state, chronicle_timeline_lookup_view (timeline, "federal-plans"));
  exporter = chronicle_exporter_new (timeline, state);
  expected = chronicle_exporter_to_bytes (exporter, CHRONICLE_EXPORT_FORMAT_MARKDOWN, NULL, NULL);

  gdk_clipboard_set_text (clipboard, "before");
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  gdk_clipboard_read_text_async (clipboard, NULL, on_clipboard_text_cb, &text);
  WAIT_FOR (text != NULL);

  g_assert_cmpmem (text, strlen (text), g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
  g_assert_nonnull (strstr (text, "Federal plans for Chicago"));

  window_destroy_and_wait (GTK_WINDOW (window));
}

static void
test_print_to_pdf (void)
{
  ChronicleWindow *window = window_new_bundled ();
  ChronicleTimeline *timeline = chronicle_window_get_timeline (window);
  g_autoptr(ChroniclePrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chronicle-print-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *flat = NULL;
  GtkPrintOperationResult result;
  const char *size;
  double width, height;

  /* What win.print runs, to a file instead of through the print dialog. */
  operation = chronicle_print_operation_new (timeline, _chronicle_window_get_view_state (window), 0, 0);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (operation), FALSE);
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (operation), path);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (operation), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    GTK_WINDOW (window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_cmpuint (chronicle_exporter_get_n_pages (chronicle_print_operation_get_exporter (operation)), ==, 1);

  text = run_tool ((const char *[]) { "pdftotext", path, "-", NULL });
  if (text == NULL)
    goto out;
  flat = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  g_assert_nonnull (strstr (flat, "Chicago and the federal immigration deployment, August 2025"));
  g_assert_nonnull (strstr (flat, "Johnson signs an executive order to resist the federal crackdown"));
  g_assert_nonnull (strstr (flat, "A DHS official tells the AP when the Chicago operation could start"));
  g_assert_nonnull (strstr (flat, "Trump attacks Governor Pritzker on Truth Social"));

  /* Landscape. */
  info = run_tool ((const char *[]) { "pdfinfo", path, NULL });
  size = strstr (info, "Page size:");
  g_assert_nonnull (size);
  g_assert_cmpint (sscanf (size, "Page size: %lf x %lf", &width, &height), ==, 2);
  g_assert_cmpfloat (width, >, height);

out:
  g_unlink (path);
  g_rmdir (dir);
  window_destroy_and_wait (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/export-dialog/opens-with-ctrl-e", test_dialog_opens);
  g_test_add_func ("/export-dialog/format-updates-preview", test_format_updates_preview);
  g_test_add_func ("/export-dialog/export-writes-file", test_export_writes_file);
  g_test_add_func ("/export-dialog/export-failure", test_export_failure);
  g_test_add_func ("/export-dialog/chosen-view", test_exports_chosen_view);
  g_test_add_func ("/export-dialog/copy-view", test_copy_view);
  g_test_add_func ("/print/to-pdf", test_print_to_pdf);

  return g_test_run ();
}
