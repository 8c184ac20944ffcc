/* chronicle-kind.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-kind"

#include "config.h"

#include "chronicle-kind.h"

#include <glib/gi18n.h>
#include <string.h>

typedef struct
{
  const char *id;
  const char *label;
  const char *color;
  const char *icon_name;
} BuiltinKind;

/* Colours from the GNOME HIG palette, each with at least 3:1 contrast
 * against both the light (#fafafa) and the dark (#242424) window
 * background, so that spans and markers stay visible in both styles.
 * Yellow is left out: no shade of it reaches 3:1 on a light background. */
static const BuiltinKind builtin_kinds[] = {
  { CHRONICLE_KIND_ORDER_SIGNING, NC_("kind", "Order signing"),
    "#3584e4" /* Blue 3 */, "document-edit-symbolic" },
  { CHRONICLE_KIND_PLANNED_DEPLOYMENT, NC_("kind", "Planned deployment"),
    "#e66100" /* Orange 4 */, "mark-location-symbolic" },
  { CHRONICLE_KIND_STATEMENT, NC_("kind", "Statement"),
    "#c061cb" /* Purple 2 */, "audio-input-microphone-symbolic" },
  { CHRONICLE_KIND_ENFORCEMENT_ACTION, NC_("kind", "Enforcement action"),
    "#ed333b" /* Red 2 */, "security-high-symbolic" },
  { CHRONICLE_KIND_LEGAL_ACTION, NC_("kind", "Legal action"),
    "#986a44" /* Brown 3 */, "x-office-document-symbolic" },
  { CHRONICLE_KIND_REPORT, NC_("kind", "Report"),
    "#26a269" /* Green 5 */, "emblem-documents-symbolic" },
  { CHRONICLE_KIND_OTHER, NC_("kind", "Other"),
    "#77767b" /* Dark 1 */, "view-more-horizontal-symbolic" },
};

static const char * const builtin_ids[] = {
  CHRONICLE_KIND_ORDER_SIGNING,
  CHRONICLE_KIND_PLANNED_DEPLOYMENT,
  CHRONICLE_KIND_STATEMENT,
  CHRONICLE_KIND_ENFORCEMENT_ACTION,
  CHRONICLE_KIND_LEGAL_ACTION,
  CHRONICLE_KIND_REPORT,
  CHRONICLE_KIND_OTHER,
  NULL
};

/* For kinds a file declares without a colour: picked by a hash of the id,
 * so that a kind keeps its colour from one load to the next. Same palette
 * and contrast rule as above, the shades the built-ins do not use first. */
static const char * const custom_colors[] = {
  "#1c71d8", /* Blue 4 */
  "#c64600", /* Orange 5 */
  "#e01b24", /* Red 3 */
  "#b5835a", /* Brown 2 */
  "#3584e4", /* Blue 3 */
  "#e66100", /* Orange 4 */
  "#c061cb", /* Purple 2 */
  "#ed333b", /* Red 2 */
  "#986a44", /* Brown 3 */
  "#26a269", /* Green 5 */
};

struct _ChronicleKind
{
  GObject  parent_instance;

  char    *id;
  char    *label;
  char    *color;
  char    *icon_name;
};

G_DEFINE_FINAL_TYPE (ChronicleKind, chronicle_kind, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LABEL,
  PROP_COLOR,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const BuiltinKind *
find_builtin (const char *id)
{
  if (id == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_kinds); i++)
    {
      if (strcmp (builtin_kinds[i].id, id) == 0)
        return &builtin_kinds[i];
    }

  return NULL;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The default colour of a kind with @id, as "#rrggbb". */
static const char *
default_color (const char *id)
{
  const BuiltinKind *builtin = find_builtin (id);

  if (builtin != NULL)
    return builtin->color;

  return custom_colors[g_str_hash (id != NULL ? id : "") % G_N_ELEMENTS (custom_colors)];
}

/* "#rrggbb" in lower case, or %NULL when @text is not a colour. */
static char *
normalize_color (const char *text)
{
  guint32 rgb;

  if (!chronicle_parse_color (text, &rgb))
    return NULL;

  return g_strdup_printf ("#%06x", rgb);
}

static void
chronicle_kind_finalize (GObject *object)
{
  ChronicleKind *self = (ChronicleKind *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->icon_name, g_free);

  G_OBJECT_CLASS (chronicle_kind_parent_class)->finalize (object);
}

static void
chronicle_kind_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ChronicleKind *self = CHRONICLE_KIND (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_kind_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ChronicleKind *self = CHRONICLE_KIND (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      chronicle_kind_set_label (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      chronicle_kind_set_color (self, g_value_get_string (value));
      break;

    case PROP_ICON_NAME:
      chronicle_kind_set_icon_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_kind_class_init (ChronicleKindClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_kind_finalize;
  object_class->get_property = chronicle_kind_get_property;
  object_class->set_property = chronicle_kind_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_kind_init (ChronicleKind *self)
{
}

/**
 * chronicle_kind_new:
 * @id: the kind's id, not empty
 * @label: (nullable): the label shown to people
 * @color: (nullable): "#rrggbb" or "#rgb"
 * @icon_name: (nullable): a symbolic icon name
 *
 * What is %NULL (or, for @color, not a colour) takes its default: for a
 * built-in id the built-in's label, colour and icon; otherwise the id as
 * label, a palette colour picked from the id, and no icon.
 */
ChronicleKind *
chronicle_kind_new (const char *id,
                    const char *label,
                    const char *color,
                    const char *icon_name)
{
  const BuiltinKind *builtin;
  ChronicleKind *self;
  char *normalized;

  g_return_val_if_fail (id != NULL && *id != '\0', NULL);

  builtin = find_builtin (id);
  self = g_object_new (CHRONICLE_TYPE_KIND, "id", id, NULL);

  if (label != NULL)
    self->label = g_strdup (label);
  else if (builtin != NULL)
    self->label = g_strdup (g_dpgettext2 (NULL, "kind", builtin->label));
  else
    self->label = g_strdup (id);

  normalized = normalize_color (color);
  self->color = normalized != NULL ? normalized : g_strdup (default_color (id));

  if (icon_name != NULL)
    self->icon_name = g_strdup (icon_name);
  else if (builtin != NULL)
    self->icon_name = g_strdup (builtin->icon_name);

  return self;
}

ChronicleKind *
chronicle_kind_new_builtin (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  if (find_builtin (id) == NULL)
    return NULL;

  return chronicle_kind_new (id, NULL, NULL, NULL);
}

const char * const *
chronicle_kind_get_builtin_ids (void)
{
  return builtin_ids;
}

/* TRUE when the kind's id is one of the built-in ids, relabelled or not. */
gboolean
chronicle_kind_is_builtin (ChronicleKind *self)
{
  g_return_val_if_fail (CHRONICLE_IS_KIND (self), FALSE);

  return find_builtin (self->id) != NULL;
}

const char *
chronicle_kind_get_id (ChronicleKind *self)
{
  g_return_val_if_fail (CHRONICLE_IS_KIND (self), NULL);

  return self->id;
}

const char *
chronicle_kind_get_label (ChronicleKind *self)
{
  g_return_val_if_fail (CHRONICLE_IS_KIND (self), NULL);

  return self->label;
}

void
chronicle_kind_set_label (ChronicleKind *self,
                          const char    *label)
{
  g_return_if_fail (CHRONICLE_IS_KIND (self));
  g_return_if_fail (label != NULL);

  if (g_strcmp0 (self->label, label) == 0)
    return;

  g_free (self->label);
  self->label = g_strdup (label);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

/* "#rrggbb" in lower case; never %NULL. */
const char *
chronicle_kind_get_color (ChronicleKind *self)
{
  g_return_val_if_fail (CHRONICLE_IS_KIND (self), NULL);

  return self->color;
}

void
chronicle_kind_set_color (ChronicleKind *self,
                          const char    *color)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (CHRONICLE_IS_KIND (self));

  normalized = normalize_color (color);
  g_return_if_fail (normalized != NULL);

  if (g_strcmp0 (self->color, normalized) == 0)
    return;

  g_free (self->color);
  self->color = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

/* Nullable for a kind the file declared without an icon. */
const char *
chronicle_kind_get_icon_name (ChronicleKind *self)
{
  g_return_val_if_fail (CHRONICLE_IS_KIND (self), NULL);

  return self->icon_name;
}

void
chronicle_kind_set_icon_name (ChronicleKind *self,
                              const char    *icon_name)
{
  g_return_if_fail (CHRONICLE_IS_KIND (self));

  if (g_strcmp0 (self->icon_name, icon_name) == 0)
    return;

  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
}

gboolean
chronicle_parse_color (const char *text,
                       guint32    *rgb)
{
  guint32 value = 0;
  size_t len;

  if (text == NULL || text[0] != '#')
    return FALSE;

  text++;
  len = strlen (text);
  if (len != 3 && len != 6)
    return FALSE;

  for (size_t i = 0; i < len; i++)
    {
      int digit = hex_value (text[i]);

      if (digit < 0)
        return FALSE;

      /* "#rgb" means "#rrggbb": each digit is doubled. */
      if (len == 3)
        value = (value << 8) | (guint32) (digit * 0x11);
      else
        value = (value << 4) | (guint32) digit;
    }

  if (rgb != NULL)
    *rgb = value;

  return TRUE;
}
