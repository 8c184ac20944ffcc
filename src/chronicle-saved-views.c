/* chronicle-saved-views.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-saved-views"

#include "config.h"

#include "chronicle-saved-views.h"

#include "chronicle-loader.h"
#include "chronicle-view-state.h"
#include "chronicle-writer.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LOCAL_FORMAT_NAME    "chronicle-views"
#define LOCAL_FORMAT_VERSION 1

G_DEFINE_QUARK (chronicle-saved-views-error-quark, chronicle_saved_views_error)

typedef struct
{
  GFile         *file;
  ChronicleView *view;
  char          *remove_id;
} UpdateData;

static void
update_data_free (UpdateData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->view);
  g_clear_pointer (&data->remove_id, g_free);
  g_free (data);
}

static gboolean
views_have_id (GListModel *views,
               const char *id)
{
  guint n_views = views != NULL ? g_list_model_get_n_items (views) : 0;

  for (guint i = 0; i < n_views; i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);

      if (g_strcmp0 (chronicle_view_get_id (view), id) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Of the loader's warnings, only a colour it could not read leaves out
 * something that was in the file: the writer would drop it. (An unknown
 * kind or a link that will not open is kept as written; of a member given
 * twice, JSON keeps the last already.) */
static gboolean
would_lose_data (ChronicleLoader *loader)
{
  GPtrArray *diagnostics = chronicle_loader_get_diagnostics (loader);

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->severity == CHRONICLE_SEVERITY_WARNING &&
          diagnostic->path != NULL &&
          (g_str_equal (diagnostic->path, "color") || g_str_has_suffix (diagnostic->path, ".color")))
        return TRUE;
    }

  return FALSE;
}

static void
update_file_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  UpdateData *data = task_data;
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GListStore) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *views;

  timeline = chronicle_loader_load_file (loader, data->file, cancellable, &error);
  if (timeline == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (would_lose_data (loader))
    {
      g_task_return_new_error (task, CHRONICLE_SAVED_VIEWS_ERROR, CHRONICLE_SAVED_VIEWS_ERROR_LOSSY,
                               /* Translators: %s is a file name */
                               _("“%s” has problems that writing it again would lose"),
                               chronicle_loader_get_display_name (loader));
      return;
    }

  if (data->remove_id != NULL)
    chronicle_timeline_remove_view (timeline, data->remove_id);
  if (data->view != NULL)
    chronicle_timeline_add_view (timeline, data->view);

  if (!chronicle_writer_write_file (timeline, data->file, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Copies: the timeline stays in this thread. */
  result = g_list_store_new (CHRONICLE_TYPE_VIEW);
  views = chronicle_timeline_get_views (timeline);
  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);
      g_autoptr(ChronicleView) copy = chronicle_view_copy (view);

      g_list_store_append (result, copy);
    }

  g_task_return_pointer (task, g_steal_pointer (&result), g_object_unref);
}

GFile *
chronicle_saved_views_get_local_file (GFile *file)
{
  g_autofree char *uri = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  uri = g_file_get_uri (file);
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  name = g_strconcat (checksum, ".json", NULL);

  return g_file_new_build_filename (g_get_user_data_dir (), "chronicle", "views", name, NULL);
}

GListStore *
chronicle_saved_views_load_local (GFile      *file,
                                  GTimeZone  *tz,
                                  GError    **error)
{
  g_autoptr(GFile) local = NULL;
  g_autoptr(GListStore) store = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  JsonObject *root_object;
  JsonNode *root;
  JsonNode *views_node;
  JsonArray *views;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = g_list_store_new (CHRONICLE_TYPE_VIEW);
  local = chronicle_saved_views_get_local_file (file);
  path = g_file_get_path (local);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&store);

      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, contents, length, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto invalid;

  root_object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (root_object, "format", NULL),
                 LOCAL_FORMAT_NAME) != 0)
    goto invalid;

  views_node = json_object_get_member (root_object, "views");
  if (views_node == NULL || !JSON_NODE_HOLDS_ARRAY (views_node))
    goto invalid;

  views = json_node_get_array (views_node);
  for (guint i = 0; i < json_array_get_length (views); i++)
    {
      g_autoptr(ChronicleViewState) state = NULL;
      g_autoptr(ChronicleView) view = NULL;

      state = chronicle_view_state_new_from_json (json_array_get_element (views, i), tz, error);
      if (state == NULL)
        return NULL;

      if (chronicle_view_state_get_id (state) == NULL)
        goto invalid;

      view = chronicle_view_state_to_view (state, NULL);
      g_list_store_append (store, view);
    }

  return g_steal_pointer (&store);

invalid:
  /* Translators: %s is a file name */
  g_set_error (error, CHRONICLE_SAVED_VIEWS_ERROR, CHRONICLE_SAVED_VIEWS_ERROR_INVALID,
               _("“%s” is not a list of saved views"), path);
  return NULL;
}

gboolean
chronicle_saved_views_save_local (GFile       *file,
                                  GListModel  *views,
                                  GError     **error)
{
  g_autoptr(GFile) local = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  guint n_views;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (G_IS_LIST_MODEL (views), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  local = chronicle_saved_views_get_local_file (file);
  path = g_file_get_path (local);
  n_views = g_list_model_get_n_items (views);

  if (n_views == 0)
    {
      if (g_remove (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       "%s: %s", path, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "%s: %s", folder, g_strerror (saved_errno));
      return FALSE;
    }

  uri = g_file_get_uri (file);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, LOCAL_FORMAT_NAME);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, LOCAL_FORMAT_VERSION);
  /* For people looking into the folder: the name is only a checksum. */
  json_builder_set_member_name (builder, "uri");
  json_builder_add_string_value (builder, uri);
  json_builder_set_member_name (builder, "views");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_views; i++)
    {
      g_autoptr(ChronicleView) view = g_list_model_get_item (views, i);

      json_builder_add_value (builder, chronicle_writer_serialize_view (view));
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  return g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
chronicle_saved_views_can_write_file (GFile *file)
{
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    return FALSE;

  /* The writer replaces the file a link points to, next to it. */
  target = realpath (path, NULL);
  if (target == NULL)
    return FALSE;

  if (!g_file_test (target, G_FILE_TEST_IS_REGULAR) || access (target, W_OK) != 0)
    return FALSE;

  folder = g_path_get_dirname (target);

  return access (folder, W_OK) == 0;
}

void
chronicle_saved_views_update_file_async (GFile               *file,
                                         ChronicleView       *view,
                                         const char          *remove_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UpdateData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (view == NULL || CHRONICLE_IS_VIEW (view));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (UpdateData, 1);
  data->file = g_object_ref (file);
  /* A copy: the caller may change its view while the thread runs. */
  data->view = view != NULL ? chronicle_view_copy (view) : NULL;
  data->remove_id = g_strdup (remove_id);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_saved_views_update_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) update_data_free);
  g_task_run_in_thread (task, update_file_thread);
}

GListModel *
chronicle_saved_views_update_file_finish (GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == chronicle_saved_views_update_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
chronicle_saved_views_make_id (const char *title,
                               GListModel *views_a,
                               GListModel *views_b)
{
  g_autofree char *ascii = NULL;
  GString *base = g_string_new (NULL);
  char *id;

  g_return_val_if_fail (views_a == NULL || G_IS_LIST_MODEL (views_a), NULL);
  g_return_val_if_fail (views_b == NULL || G_IS_LIST_MODEL (views_b), NULL);

  /* Letters and digits as ASCII, every run of anything else one dash. */
  ascii = g_str_to_ascii (title != NULL ? title : "", NULL);
  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (base, g_ascii_tolower (*p));
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_append (base, "view");

  id = g_strdup (base->str);
  for (guint n = 2; views_have_id (views_a, id) || views_have_id (views_b, id); n++)
    {
      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, n);
    }

  g_string_free (base, TRUE);

  return id;
}
