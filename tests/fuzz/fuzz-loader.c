/* fuzz-loader.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/*
 * libFuzzer target for the loader and the writer. Whatever the bytes, the
 * loader must not crash and must fail with a CHRONICLE_LOADER_ERROR that
 * its diagnostics explain. When it succeeds, what the writer writes must
 * be what chronicle_writer_serialize() builds, must load again, and written
 * again be the same bytes: the canonical form is a fixed point.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "chronicle-loader.h"
#include "chronicle-writer.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
const char *__asan_default_options (void);
const char *__lsan_default_suppressions (void);

/*
 * GLib never frees its quark table: when it grows, it leaves the old block
 * behind on purpose (gquark.c), the first one allocated when GLib itself
 * loads. Event kinds are interned, so a long run that has read thousands
 * of kinds makes it grow. GLib has no frame pointers: LeakSanitizer needs
 * the slow unwinder to tell where such a block came from, and eight frames
 * reach g_intern_string() or the loader's _dl_init().
 */
const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0:malloc_context_size=8";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:g_intern_string\n"
         "leak:_dl_init\n";
}

static ChronicleTimeline *
load (GBytes *bytes)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline;

  timeline = chronicle_loader_load_bytes (loader, bytes, "fuzz.json", NULL, &error);

  if (timeline == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == CHRONICLE_LOADER_ERROR);
      g_assert_cmpuint (chronicle_loader_get_n_errors (loader), >, 0);
    }
  else
    {
      g_assert_null (error);
      g_assert_cmpuint (chronicle_loader_get_n_errors (loader), ==, 0);
    }

  return timeline;
}

static void
reload (GBytes *written)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GBytes) rewritten = NULL;
  g_autoptr(GError) error = NULL;

  timeline = chronicle_loader_load_bytes (loader, written, "written.json", NULL, &error);
  if (timeline == NULL)
    g_error ("the writer wrote a file the loader refuses: %s\n%.*s", error->message,
             (int) g_bytes_get_size (written), (const char *) g_bytes_get_data (written, NULL));

  rewritten = chronicle_writer_to_bytes (timeline, NULL);
  if (!g_bytes_equal (written, rewritten))
    g_error ("written twice, the timeline changed:\n%.*s\n----\n%.*s",
             (int) g_bytes_get_size (written), (const char *) g_bytes_get_data (written, NULL),
             (int) g_bytes_get_size (rewritten), (const char *) g_bytes_get_data (rewritten, NULL));
}

/* to_bytes() writes events directly; it must write what serialize()
 * builds. json-glib reads what the writer writes (it is strict JSON). */
static void
check_serialize (ChronicleTimeline *timeline,
                 GPtrArray         *events,
                 GBytes            *written)
{
  g_autoptr(JsonNode) document = chronicle_writer_serialize (timeline, events);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (written, NULL), g_bytes_get_size (written), &error))
    g_error ("json-glib cannot read what the writer wrote: %s", error->message);

  if (!json_node_equal (document, json_parser_get_root (parser)))
    g_error ("to_bytes() and serialize() disagree:\n%.*s",
             (int) g_bytes_get_size (written), (const char *) g_bytes_get_data (written, NULL));
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A critical or a warning is a bug the fuzzer should stop at. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("TZ", "UTC", TRUE);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(ChronicleTimeline) timeline = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GPtrArray) half = NULL;
  guint n;

  if (!(timeline = load (bytes)))
    return 0;

  written = chronicle_writer_to_bytes (timeline, NULL);
  check_serialize (timeline, NULL, written);
  reload (written);
  g_clear_pointer (&written, g_bytes_unref);

  /* An export of some of the events is a valid timeline too. */
  n = chronicle_timeline_get_n_events (timeline);
  half = g_ptr_array_new ();
  for (guint i = 0; i < n; i += 2)
    g_ptr_array_add (half, chronicle_timeline_get_event (timeline, i));

  written = chronicle_writer_to_bytes (timeline, half);
  check_serialize (timeline, half, written);
  reload (written);

  return 0;
}
