/* chronicle-bitset.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-bitset"

#include "config.h"

#include "chronicle-bitset.h"

#include <string.h>

struct _ChronicleBitset
{
  guint    n_bits;
  guint    n_words;
  guint64 *words;
};

G_DEFINE_BOXED_TYPE (ChronicleBitset, chronicle_bitset,
                     chronicle_bitset_copy, chronicle_bitset_free)

#define WORD(bit) ((bit) / 64)
#define MASK(bit) (G_GUINT64_CONSTANT (1) << ((bit) % 64))

/* Bits past n_bits in the last word stay clear, so that counting and
 * comparing can look at whole words. */
static void
chronicle_bitset_trim (ChronicleBitset *self)
{
  if (self->n_bits % 64 != 0)
    self->words[self->n_words - 1] &= MASK (self->n_bits) - 1;
}

ChronicleBitset *
chronicle_bitset_new (guint n_bits)
{
  ChronicleBitset *self = g_new0 (ChronicleBitset, 1);

  self->n_bits = n_bits;
  self->n_words = (n_bits + 63) / 64;
  self->words = g_new0 (guint64, MAX (self->n_words, 1));

  return self;
}

ChronicleBitset *
chronicle_bitset_copy (const ChronicleBitset *self)
{
  ChronicleBitset *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (ChronicleBitset, 1);
  copy->n_bits = self->n_bits;
  copy->n_words = self->n_words;
  copy->words = g_memdup2 (self->words, sizeof (guint64) * MAX (self->n_words, 1));

  return copy;
}

void
chronicle_bitset_free (ChronicleBitset *self)
{
  if (self == NULL)
    return;

  g_free (self->words);
  g_free (self);
}

guint
chronicle_bitset_get_n_bits (const ChronicleBitset *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_bits;
}

gboolean
chronicle_bitset_contains (const ChronicleBitset *self,
                           guint                  bit)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (bit >= self->n_bits)
    return FALSE;

  return (self->words[WORD (bit)] & MASK (bit)) != 0;
}

void
chronicle_bitset_add (ChronicleBitset *self,
                      guint            bit)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (bit < self->n_bits);

  self->words[WORD (bit)] |= MASK (bit);
}

void
chronicle_bitset_remove (ChronicleBitset *self,
                         guint            bit)
{
  g_return_if_fail (self != NULL);

  if (bit < self->n_bits)
    self->words[WORD (bit)] &= ~MASK (bit);
}

void
chronicle_bitset_add_range (ChronicleBitset *self,
                            guint            first,
                            guint            n)
{
  guint last;
  guint first_word;
  guint last_word;

  g_return_if_fail (self != NULL);
  g_return_if_fail (first <= self->n_bits && n <= self->n_bits - first);

  if (n == 0)
    return;

  last = first + n - 1;
  first_word = WORD (first);
  last_word = WORD (last);

  if (first_word == last_word)
    {
      /* Bits first % 64 .. last % 64 of one word. */
      guint64 high = last % 64 == 63 ? G_MAXUINT64 : MASK (last + 1) - 1;

      self->words[first_word] |= high & ~(MASK (first) - 1);
      return;
    }

  self->words[first_word] |= ~(MASK (first) - 1);
  for (guint i = first_word + 1; i < last_word; i++)
    self->words[i] = G_MAXUINT64;
  self->words[last_word] |= last % 64 == 63 ? G_MAXUINT64 : MASK (last + 1) - 1;
}

void
chronicle_bitset_add_all (ChronicleBitset *self)
{
  g_return_if_fail (self != NULL);

  if (self->n_words == 0)
    return;

  memset (self->words, 0xff, sizeof (guint64) * self->n_words);
  chronicle_bitset_trim (self);
}

void
chronicle_bitset_remove_all (ChronicleBitset *self)
{
  g_return_if_fail (self != NULL);

  memset (self->words, 0, sizeof (guint64) * MAX (self->n_words, 1));
}

void
chronicle_bitset_intersect (ChronicleBitset       *self,
                            const ChronicleBitset *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);
  g_return_if_fail (self->n_bits == other->n_bits);

  for (guint i = 0; i < self->n_words; i++)
    self->words[i] &= other->words[i];
}

void
chronicle_bitset_union (ChronicleBitset       *self,
                        const ChronicleBitset *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);
  g_return_if_fail (self->n_bits == other->n_bits);

  for (guint i = 0; i < self->n_words; i++)
    self->words[i] |= other->words[i];
}

void
chronicle_bitset_subtract (ChronicleBitset       *self,
                           const ChronicleBitset *other)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (other != NULL);
  g_return_if_fail (self->n_bits == other->n_bits);

  for (guint i = 0; i < self->n_words; i++)
    self->words[i] &= ~other->words[i];
}

gboolean
chronicle_bitset_equal (const ChronicleBitset *a,
                        const ChronicleBitset *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->n_bits != b->n_bits)
    return FALSE;

  return a->n_words == 0 || memcmp (a->words, b->words, sizeof (guint64) * a->n_words) == 0;
}

gboolean
chronicle_bitset_is_empty (const ChronicleBitset *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (guint i = 0; i < self->n_words; i++)
    if (self->words[i] != 0)
      return FALSE;

  return TRUE;
}

guint
chronicle_bitset_count (const ChronicleBitset *self)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->n_words; i++)
    count += __builtin_popcountll (self->words[i]);

  return count;
}

guint
chronicle_bitset_next (const ChronicleBitset *self,
                       guint                  from)
{
  guint i;
  guint64 word;

  g_return_val_if_fail (self != NULL, G_MAXUINT);

  if (from >= self->n_bits)
    return G_MAXUINT;

  i = WORD (from);
  word = self->words[i] & ~(MASK (from) - 1);

  for (;;)
    {
      if (word != 0)
        return i * 64 + __builtin_ctzll (word);

      if (++i >= self->n_words)
        return G_MAXUINT;

      word = self->words[i];
    }
}

guint
chronicle_bitset_previous (const ChronicleBitset *self,
                           guint                  from)
{
  guint i;
  guint64 word;

  g_return_val_if_fail (self != NULL, G_MAXUINT);

  if (self->n_bits == 0)
    return G_MAXUINT;

  if (from >= self->n_bits)
    from = self->n_bits - 1;

  i = WORD (from);
  word = self->words[i] & (from % 64 == 63 ? G_MAXUINT64 : MASK (from + 1) - 1);

  for (;;)
    {
      if (word != 0)
        return i * 64 + 63 - __builtin_clzll (word);

      if (i == 0)
        return G_MAXUINT;

      word = self->words[--i];
    }
}

guint64 *
chronicle_bitset_get_words (ChronicleBitset *self,
                            guint           *n_words)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_words != NULL)
    *n_words = self->n_words;

  return self->words;
}
