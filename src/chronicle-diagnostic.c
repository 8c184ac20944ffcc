/* chronicle-diagnostic.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-diagnostic"

#include "config.h"

#include "chronicle-diagnostic.h"

#include <glib/gi18n.h>

G_DEFINE_BOXED_TYPE (ChronicleDiagnostic, chronicle_diagnostic,
                     chronicle_diagnostic_copy, chronicle_diagnostic_free)

/**
 * chronicle_diagnostic_new:
 * @severity: an error or a warning
 * @line: the 1-based line, or 0 when unknown
 * @column: the 1-based column, or 0 when unknown
 * @path: (nullable): a JSON path such as "events[12].start"
 * @message: what was expected and what was found
 */
ChronicleDiagnostic *
chronicle_diagnostic_new (ChronicleSeverity  severity,
                          guint              line,
                          guint              column,
                          const char        *path,
                          const char        *message)
{
  ChronicleDiagnostic *self;

  g_return_val_if_fail (message != NULL, NULL);

  self = g_new0 (ChronicleDiagnostic, 1);
  self->severity = severity;
  self->line = line;
  self->column = column;
  self->path = g_strdup (path);
  self->message = g_strdup (message);

  return self;
}

ChronicleDiagnostic *
chronicle_diagnostic_copy (const ChronicleDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return chronicle_diagnostic_new (self->severity, self->line, self->column,
                                   self->path, self->message);
}

void
chronicle_diagnostic_free (ChronicleDiagnostic *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->message);
  g_free (self);
}

/**
 * chronicle_diagnostic_to_string:
 * @file_name: (nullable): the name to show for the file
 *
 * Formats @self as compilers do, so that editors and terminals can jump to
 * the place: "FILE:LINE:COL: error: MESSAGE" when the line is known,
 * "FILE:PATH: error: MESSAGE" when only the JSON path is, and
 * "FILE: error: MESSAGE" otherwise ("warning" for warnings). Without a
 * @file_name the "FILE:" part is left out.
 */
char *
chronicle_diagnostic_to_string (const ChronicleDiagnostic *self,
                                const char                *file_name)
{
  GString *str;
  const char *severity;

  g_return_val_if_fail (self != NULL, NULL);

  switch (self->severity)
    {
    case CHRONICLE_SEVERITY_WARNING:
      /* Translators: the severity in "file.json:3:7: warning: …", as a
       * compiler prints it; keep it short and in lower case. */
      severity = C_("diagnostic", "warning");
      break;

    case CHRONICLE_SEVERITY_ERROR:
    default:
      /* Translators: the severity in "file.json:3:7: error: …", as a
       * compiler prints it; keep it short and in lower case. */
      severity = C_("diagnostic", "error");
      break;
    }

  str = g_string_new (file_name);

  if (self->line > 0)
    {
      g_string_append_printf (str, file_name != NULL ? ":%u" : "%u", self->line);
      if (self->column > 0)
        g_string_append_printf (str, ":%u", self->column);
    }
  else if (self->path != NULL && *self->path != '\0')
    {
      if (file_name != NULL)
        g_string_append_c (str, ':');
      g_string_append (str, self->path);
    }

  if (str->len > 0)
    g_string_append (str, ": ");
  g_string_append_printf (str, "%s: %s", severity, self->message);

  return g_string_free (str, FALSE);
}
