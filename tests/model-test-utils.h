/* model-test-utils.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the model's tests share: times and events written as text.
 */

#pragma once

#include "chronicle-event.h"
#include "chronicle-time.h"

/* @text as chronicle_time_parse() reads it; a test fails on bad text. */
static inline ChronicleTime
parse_time (const char *text)
{
  g_autoptr(GError) error = NULL;
  ChronicleTime time;

  if (!chronicle_time_parse (text, NULL, &time, &error))
    g_error ("cannot parse “%s”: %s", text, error->message);

  return time;
}

/* An event titled @id: "id kind start [end]" plus actors and tags
 * (%NULL-terminated lists, or %NULL for none). */
static inline ChronicleEvent *
make_classified_event (const char         *id,
                       const char         *kind,
                       const char         *start,
                       const char         *end,
                       const char * const *actors,
                       const char * const *tags)
{
  ChronicleTime time = parse_time (start);
  ChronicleEvent *event = chronicle_event_new (id, id, &time);

  chronicle_event_set_kind (event, kind);
  if (end != NULL)
    {
      ChronicleTime end_time = parse_time (end);

      chronicle_event_set_end (event, &end_time);
    }
  if (actors != NULL)
    chronicle_event_set_actors (event, actors);
  if (tags != NULL)
    chronicle_event_set_tags (event, tags);

  return event;
}
