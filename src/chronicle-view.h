/* chronicle-view.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "chronicle-time.h"

G_BEGIN_DECLS

/*
 * A named view as a timeline file stores it: a filter, a lane grouping and a
 * time window. This is data only; the view-state layer gives it behaviour.
 */

#define CHRONICLE_TYPE_VIEW (chronicle_view_get_type())

G_DECLARE_FINAL_TYPE (ChronicleView, chronicle_view, CHRONICLE, VIEW, GObject)

ChronicleView       *chronicle_view_new             (const char          *id);
ChronicleView       *chronicle_view_copy            (ChronicleView       *self);
const char          *chronicle_view_get_id          (ChronicleView       *self);
const char          *chronicle_view_get_title       (ChronicleView       *self);
void                 chronicle_view_set_title       (ChronicleView       *self,
                                                     const char          *title);
/* Filter members; %NULL means "no constraint". */
const char * const  *chronicle_view_get_kinds       (ChronicleView       *self);
void                 chronicle_view_set_kinds       (ChronicleView       *self,
                                                     const char * const  *kinds);
const char * const  *chronicle_view_get_statuses    (ChronicleView       *self);
void                 chronicle_view_set_statuses    (ChronicleView       *self,
                                                     const char * const  *statuses);
const char * const  *chronicle_view_get_actors      (ChronicleView       *self);
void                 chronicle_view_set_actors      (ChronicleView       *self,
                                                     const char * const  *actors);
const char * const  *chronicle_view_get_tags        (ChronicleView       *self);
void                 chronicle_view_set_tags        (ChronicleView       *self,
                                                     const char * const  *tags);
const char          *chronicle_view_get_text        (ChronicleView       *self);
void                 chronicle_view_set_text        (ChronicleView       *self,
                                                     const char          *text);
const ChronicleTime *chronicle_view_get_from        (ChronicleView       *self);
void                 chronicle_view_set_from        (ChronicleView       *self,
                                                     const ChronicleTime *from);
const ChronicleTime *chronicle_view_get_to          (ChronicleView       *self);
void                 chronicle_view_set_to          (ChronicleView       *self,
                                                     const ChronicleTime *to);
/* "kind", "actor", "tag", "status", "none", or %NULL. */
const char          *chronicle_view_get_group_by    (ChronicleView       *self);
void                 chronicle_view_set_group_by    (ChronicleView       *self,
                                                     const char          *group_by);
const ChronicleTime *chronicle_view_get_window_from (ChronicleView       *self);
void                 chronicle_view_set_window_from (ChronicleView       *self,
                                                     const ChronicleTime *from);
const ChronicleTime *chronicle_view_get_window_to   (ChronicleView       *self);
void                 chronicle_view_set_window_to   (ChronicleView       *self,
                                                     const ChronicleTime *to);
/* Unknown members of the view object (and of its filter, under "filter"),
 * kept so that they are written back. */
JsonObject          *chronicle_view_get_extra_members (ChronicleView     *self);
void                 chronicle_view_set_extra_members (ChronicleView     *self,
                                                       JsonObject        *extra);
JsonObject          *chronicle_view_get_extra_filter_members (ChronicleView *self);
void                 chronicle_view_set_extra_filter_members (ChronicleView *self,
                                                              JsonObject    *extra);

G_END_DECLS
