/* window-test-utils.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every window test needs: running the main loop until something
 * holds, and opening and closing a real window.
 */

#pragma once

#include <gtk/gtk.h>

#include "chronicle-window-private.h"

#define WAIT_TIMEOUT_MS 20000

static gboolean
timed_out_cb (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @cond holds, failing the test after a while. */
#define WAIT_FOR(cond)                                                    \
  G_STMT_START {                                                          \
    gboolean timed_out_ = FALSE;                                          \
    guint timeout_id_ = g_timeout_add (WAIT_TIMEOUT_MS, timed_out_cb,     \
                                       &timed_out_);                      \
    while (!(cond) && !timed_out_)                                        \
      g_main_context_iteration (NULL, TRUE);                              \
    if (!timed_out_)                                                      \
      g_source_remove (timeout_id_);                                      \
    g_assert_true (cond);                                                 \
  } G_STMT_END

G_GNUC_UNUSED static void
iterate_a_while (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timed_out_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static ChronicleWindow *
window_new_shown (void)
{
  ChronicleWindow *window = chronicle_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
wait_for_load (ChronicleWindow *window)
{
  WAIT_FOR (!_chronicle_window_get_loading (window) && chronicle_window_get_timeline (window) != NULL);
}

/* A shown window that has loaded @file. */
G_GNUC_UNUSED static ChronicleWindow *
window_new_for_gfile (GFile *file)
{
  ChronicleWindow *window = window_new_shown ();

  chronicle_window_open_file (window, file);
  wait_for_load (window);

  return window;
}

G_GNUC_UNUSED static ChronicleWindow *
window_new_bundled (void)
{
  ChronicleWindow *window = window_new_shown ();

  chronicle_window_load_bundled (window);
  wait_for_load (window);

  return window;
}

static gboolean
weak_ref_is_empty (GWeakRef *ref)
{
  g_autoptr(GObject) object = g_weak_ref_get (ref);

  return object == NULL;
}

/* Destroys @window and waits until it is finalized: nothing of ours may
 * keep a closed window alive. */
G_GNUC_UNUSED static void
window_destroy_and_wait (GtkWindow *window)
{
  GWeakRef ref;

  g_weak_ref_init (&ref, window);
  gtk_window_destroy (window);
  WAIT_FOR (weak_ref_is_empty (&ref));
  g_weak_ref_clear (&ref);
}
