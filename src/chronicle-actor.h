/* chronicle-actor.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHRONICLE_TYPE_ACTOR (chronicle_actor_get_type())

G_DECLARE_FINAL_TYPE (ChronicleActor, chronicle_actor, CHRONICLE, ACTOR, GObject)

ChronicleActor *chronicle_actor_new      (const char     *id,
                                          const char     *name,
                                          const char     *role);
const char     *chronicle_actor_get_id   (ChronicleActor *self);
const char     *chronicle_actor_get_name (ChronicleActor *self);
const char     *chronicle_actor_get_role (ChronicleActor *self);

G_END_DECLS
