/* chronicle-bitset.h
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/*
 * A fixed-size set of small integers (timeline positions), one bit each in
 * 64-bit words. GtkBitset without GTK: the view-state layer sits below it.
 * Operations on two bitsets need the same size.
 */

typedef struct _ChronicleBitset ChronicleBitset;

#define CHRONICLE_TYPE_BITSET (chronicle_bitset_get_type ())

GType            chronicle_bitset_get_type   (void) G_GNUC_CONST;
/* Empty, for the bits 0 .. @n_bits - 1. */
ChronicleBitset *chronicle_bitset_new        (guint                  n_bits);
ChronicleBitset *chronicle_bitset_copy       (const ChronicleBitset *self);
void             chronicle_bitset_free       (ChronicleBitset       *self);
guint            chronicle_bitset_get_n_bits (const ChronicleBitset *self);
gboolean         chronicle_bitset_contains   (const ChronicleBitset *self,
                                              guint                  bit);
void             chronicle_bitset_add        (ChronicleBitset       *self,
                                              guint                  bit);
void             chronicle_bitset_remove     (ChronicleBitset       *self,
                                              guint                  bit);
/* Adds the bits @first .. @first + @n - 1. */
void             chronicle_bitset_add_range  (ChronicleBitset       *self,
                                              guint                  first,
                                              guint                  n);
void             chronicle_bitset_add_all    (ChronicleBitset       *self);
void             chronicle_bitset_remove_all (ChronicleBitset       *self);
/* @self becomes @self ∩ @other, @self ∪ @other, @self ∖ @other. */
void             chronicle_bitset_intersect  (ChronicleBitset       *self,
                                              const ChronicleBitset *other);
void             chronicle_bitset_union      (ChronicleBitset       *self,
                                              const ChronicleBitset *other);
void             chronicle_bitset_subtract   (ChronicleBitset       *self,
                                              const ChronicleBitset *other);
gboolean         chronicle_bitset_equal      (const ChronicleBitset *a,
                                              const ChronicleBitset *b);
gboolean         chronicle_bitset_is_empty   (const ChronicleBitset *self);
/* How many bits are set. */
guint            chronicle_bitset_count      (const ChronicleBitset *self);
/* The smallest set bit >= @from, or G_MAXUINT. */
guint            chronicle_bitset_next       (const ChronicleBitset *self,
                                              guint                  from);
/* The largest set bit <= @from, or G_MAXUINT. */
guint            chronicle_bitset_previous   (const ChronicleBitset *self,
                                              guint                  from);
/* The words, bit i in bit i % 64 of word i / 64, for loops that touch every
 * bit. Bits past the size must stay clear. */
guint64         *chronicle_bitset_get_words  (ChronicleBitset       *self,
                                              guint                 *n_words);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronicleBitset, chronicle_bitset_free)

G_END_DECLS
