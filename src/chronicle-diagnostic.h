/* chronicle-diagnostic.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CHRONICLE_SEVERITY_ERROR,
  CHRONICLE_SEVERITY_WARNING,
} ChronicleSeverity;

/* One problem found in a file, where it is and what was expected. */
typedef struct
{
  ChronicleSeverity  severity;
  guint              line;     /* 1-based, 0 when unknown */
  guint              column;   /* 1-based, 0 when unknown */
  char              *path;     /* JSON path ("events[12].start"), nullable */
  char              *message;
} ChronicleDiagnostic;

#define CHRONICLE_TYPE_DIAGNOSTIC (chronicle_diagnostic_get_type ())

GType                chronicle_diagnostic_get_type  (void) G_GNUC_CONST;
ChronicleDiagnostic *chronicle_diagnostic_new       (ChronicleSeverity          severity,
                                                     guint                      line,
                                                     guint                      column,
                                                     const char                *path,
                                                     const char                *message);
ChronicleDiagnostic *chronicle_diagnostic_copy      (const ChronicleDiagnostic *self);
void                 chronicle_diagnostic_free      (ChronicleDiagnostic       *self);
/* As compilers print them: "FILE:LINE:COL: error: MESSAGE", or
 * "FILE:events[12].start: warning: MESSAGE" where there is no position. */
char                *chronicle_diagnostic_to_string (const ChronicleDiagnostic *self,
                                                     const char                *file_name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleDiagnostic, chronicle_diagnostic_free)

G_END_DECLS
