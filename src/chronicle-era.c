/* chronicle-era.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-era"

#include "config.h"

#include "chronicle-era.h"
#include "chronicle-kind.h"

struct _ChronicleEra
{
  GObject        parent_instance;

  char          *title;
  char          *color;
  ChronicleTime  start;
  ChronicleTime  end;
};

G_DEFINE_FINAL_TYPE (ChronicleEra, chronicle_era, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_START,
  PROP_END,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
chronicle_era_finalize (GObject *object)
{
  ChronicleEra *self = (ChronicleEra *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (chronicle_era_parent_class)->finalize (object);
}

static void
chronicle_era_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ChronicleEra *self = CHRONICLE_ERA (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_START:
      g_value_set_boxed (value, &self->start);
      break;

    case PROP_END:
      g_value_set_boxed (value, &self->end);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_era_class_init (ChronicleEraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_era_finalize;
  object_class->get_property = chronicle_era_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_START] =
    g_param_spec_boxed ("start", NULL, NULL,
                        CHRONICLE_TYPE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_END] =
    g_param_spec_boxed ("end", NULL, NULL,
                        CHRONICLE_TYPE_TIME,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_era_init (ChronicleEra *self)
{
}

/**
 * chronicle_era_new:
 * @title: the era's title
 * @start: where the era begins
 * @end: where it ends; the whole period @end names is inside the era
 * @color: (nullable): "#rrggbb" or "#rgb"; anything else means no colour
 */
ChronicleEra *
chronicle_era_new (const char          *title,
                   const ChronicleTime *start,
                   const ChronicleTime *end,
                   const char          *color)
{
  ChronicleEra *self;
  guint32 rgb;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (end != NULL, NULL);

  self = g_object_new (CHRONICLE_TYPE_ERA, NULL);
  self->title = g_strdup (title);
  self->start = *start;
  self->end = *end;
  if (chronicle_parse_color (color, &rgb))
    self->color = g_strdup_printf ("#%06x", rgb);

  return self;
}

const char *
chronicle_era_get_title (ChronicleEra *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ERA (self), NULL);

  return self->title;
}

const ChronicleTime *
chronicle_era_get_start (ChronicleEra *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ERA (self), NULL);

  return &self->start;
}

const ChronicleTime *
chronicle_era_get_end (ChronicleEra *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ERA (self), NULL);

  return &self->end;
}

/* "#rrggbb" in lower case, or %NULL when the era has no colour of its own. */
const char *
chronicle_era_get_color (ChronicleEra *self)
{
  g_return_val_if_fail (CHRONICLE_IS_ERA (self), NULL);

  return self->color;
}
