/* chronicle-application.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-application"

#include "config.h"

#include "chronicle-application.h"

#include <glib/gi18n.h>

#include "chronicle-cli.h"
#include "chronicle-window-private.h"

struct _ChronicleApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (ChronicleApplication, chronicle_application, ADW_TYPE_APPLICATION)

static const GOptionEntry app_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { NULL }
};

static ChronicleWindow *
chronicle_application_new_window (ChronicleApplication *self)
{
  g_assert (CHRONICLE_IS_APPLICATION (self));

  return chronicle_window_new (GTK_APPLICATION (self));
}

static void
chronicle_application_new_window_action (GSimpleAction *action,
                                         GVariant      *parameter,
                                         gpointer       user_data)
{
  ChronicleApplication *self = user_data;
  ChronicleWindow *window = chronicle_application_new_window (self);

  chronicle_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
chronicle_application_about_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  ChronicleApplication *self = user_data;
  static const char *developers[] = { "The Chronicle authors", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Chronicle"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Chronicle authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Read a story as events in time"),
                         "website", "https://github.com/chronicle/chronicle",
                         "issue-url", "https://github.com/chronicle/chronicle/issues",
                         "developers", developers,
                         "copyright", "© 2026 The Chronicle authors",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: Replace "translator-credits" with your names, one name per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

/* Destroys the windows rather than just leaving the main loop, so that
 * each saves its size and state as it goes, as closing it would. */
static void
chronicle_application_quit_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  ChronicleApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

static const GActionEntry app_actions[] = {
  { "new-window", chronicle_application_new_window_action },
  { "about", chronicle_application_about_action },
  { "quit", chronicle_application_quit_action },
};

/* `chronicle --view ID FILE`: open() carries no options, so they travel
 * in its hint, which also reaches the primary instance when this one is
 * not it. The main loop runs afterwards as long as a window holds the
 * application. With no file, the view applies to the bundled timeline. */
static int
chronicle_application_open_with_view (GApplication  *application,
                                      char         **arguments)
{
  g_auto(ChronicleViewOptions) options = { 0 };
  g_auto(GStrv) paths = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *hint = NULL;

  if (!chronicle_cli_parse_view_options (arguments, &options, &paths, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname () ? g_get_prgname () : "chronicle", error->message);
      return 2;
    }

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (paths[i]));
  if (files->len == 0)
    g_ptr_array_add (files, g_file_new_for_uri (CHRONICLE_BUNDLED_TIMELINE_URI));

  hint = chronicle_view_options_to_hint (&options);
  g_application_open (application, (GFile **) files->pdata, files->len, hint);

  return 0;
}

/* The command-line modes run here, before GApplication registers on the
 * session bus, so that they need neither a bus nor a display. */
static gboolean
chronicle_application_local_command_line (GApplication   *application,
                                          char         ***arguments,
                                          int            *exit_status)
{
  if (chronicle_cli_wants (*arguments))
    {
      *exit_status = chronicle_cli_run (*arguments);
      return TRUE;
    }

  if (chronicle_cli_wants_view (*arguments))
    {
      *exit_status = chronicle_application_open_with_view (application, *arguments);
      return TRUE;
    }

  return G_APPLICATION_CLASS (chronicle_application_parent_class)->local_command_line (application,
                                                                                       arguments,
                                                                                       exit_status);
}

static int
chronicle_application_handle_local_options (GApplication *application,
                                            GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
chronicle_application_startup (GApplication *application)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (application);

  G_APPLICATION_CLASS (chronicle_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.new-window",
                                         (const char *[]) { "<Control>n", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
}

static void
chronicle_application_activate (GApplication *application)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      ChronicleWindow *new_window = chronicle_application_new_window (self);

      chronicle_window_load_bundled (new_window);
      window = GTK_WINDOW (new_window);
    }

  gtk_window_present (window);
}

/* Each file gets a window of its own, also when another instance of
 * Chronicle forwarded it to this one. */
static void
chronicle_application_open (GApplication  *application,
                            GFile        **files,
                            int            n_files,
                            const char    *hint)
{
  ChronicleApplication *self = CHRONICLE_APPLICATION (application);
  g_auto(ChronicleViewOptions) options = { 0 };
  gboolean has_options;

  /* `chronicle --view ID FILE` passes the view options in the hint. */
  has_options = chronicle_view_options_from_hint (&options, hint);

  for (int i = 0; i < n_files; i++)
    {
      ChronicleWindow *window = chronicle_application_new_window (self);
      g_autofree char *uri = g_file_get_uri (files[i]);

      if (has_options)
        _chronicle_window_set_view_options (window, &options);

      if (g_strcmp0 (uri, CHRONICLE_BUNDLED_TIMELINE_URI) == 0)
        chronicle_window_load_bundled (window);
      else
        chronicle_window_open_file (window, files[i]);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
chronicle_application_class_init (ChronicleApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->local_command_line = chronicle_application_local_command_line;
  app_class->handle_local_options = chronicle_application_handle_local_options;
  app_class->startup = chronicle_application_startup;
  app_class->activate = chronicle_application_activate;
  app_class->open = chronicle_application_open;
}

static void
chronicle_application_init (ChronicleApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), app_entries);
  /* Listed for --help; chronicle_cli_run() handles them. */
  g_application_add_main_option_entries (G_APPLICATION (self), chronicle_cli_get_option_entries ());
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Read a story as events in time. With no file, "
                                              "Chronicle opens its bundled timeline."));
}

ChronicleApplication *
chronicle_application_new (void)
{
  return g_object_new (CHRONICLE_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/chronicle/Chronicle",
                       NULL);
}
