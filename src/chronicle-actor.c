/* chronicle-actor.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-actor"

#include "config.h"

#include "chronicle-actor.h"

struct _ChronicleActor
{
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *role;
};

G_DEFINE_FINAL_TYPE (ChronicleActor, chronicle_actor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
chronicle_actor_finalize (GObject *object)
{
  ChronicleActor *self = (ChronicleActor *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (chronicle_actor_parent_class)->finalize (object);
}

static void
chronicle_actor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChronicleActor *self = CHRONICLE_ACTOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_actor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ChronicleActor *self = CHRONICLE_ACTOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_ROLE:
      self->role = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_actor_class_init (ChronicleActorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_actor_finalize;
  object_class->get_property = chronicle_actor_get_property;
  object_class->set_property = chronicle_actor_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_actor_init (ChronicleActor *self)
{
}

/**
 * chronicle_actor_new:
 * @id: the id events use to name the actor, not empty
 * @name: the name shown to people
 * @role: (nullable): what the actor is ("Mayor")
 */
ChronicleActor *
chronicle_actor_new (const char *id,
                     const char *name,
                     const char *role)
{
  g_return_val_if_fail (id != NULL && *id != '\0', NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (CHRONICLE_TYPE_ACTOR,
                       "id", id,
                       "name", name,
                       "role", role,
                       NULL);
}

const char *
chronicle_actor_get_id (ChronicleActor *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ACTOR (self), NULL);

  return self->id;
}

const char *
chronicle_actor_get_name (ChronicleActor *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ACTOR (self), NULL);

  return self->name;
}

/* Nullable. */
const char *
chronicle_actor_get_role (ChronicleActor *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ACTOR (self), NULL);

  return self->role;
}
