/* chronicle-search-index.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-search-index"

#include "config.h"

#include "chronicle-search-index.h"

#include <string.h>

typedef enum
{
  POSTINGS_NONE,
  POSTINGS_COUNTING,
  POSTINGS_FILLING,
  POSTINGS_READY,
} PostingsStage;

typedef struct
{
  guint32 first;   /* in form_numbers */
  guint32 count;
} WordForms;

/* One folded word of a query and, when it has accents, its ASCII form. */
typedef struct
{
  char  *token;
  char  *alternate;
  gsize  token_len;
  gsize  alternate_len;
} QueryToken;

struct _ChronicleSearchIndex
{
  GObject            parent_instance;

  ChronicleTimeline *timeline;

  /* Events 0 .. n_indexed - 1 are in @tokens; @complete when that is all
   * of the timeline's. The rest is read in idle slices or by the first
   * query, whichever comes first. */
  guint              n_indexed;
  gboolean           complete;
  gboolean           in_idle;
  GSource           *build_source;

  /* The vocabulary: every distinct folded token once, numbered in the
   * order it was first seen. The strings live in @chunk; @heads holds
   * the first four bytes of each, zero-padded, so that looking for a
   * prefix reads one small array instead of a million strings. */
  GStringChunk      *chunk;
  GPtrArray         *words;
  GArray            *heads;          /* guint32 */
  GHashTable        *word_numbers;   /* const char * → number + 1 */

  /* Words with letters outside ASCII, as written, and the token numbers
   * g_str_tokenize_and_fold() gave them ("México": "méxico", "mexico"),
   * so that a name repeated a million times is folded once; the same for
   * the short texts that repeat (actor names, tags, places). */
  GHashTable        *folded_texts;   /* char * → index in @word_forms + 1 */
  GArray            *word_forms;     /* WordForms */
  GArray            *form_numbers;   /* guint32 */

  /* Event i owns the token numbers tokens[offsets[i] .. offsets[i + 1]),
   * sorted and without duplicates. */
  GArray            *offsets;        /* gsize, n_events + 1 of them */
  GArray            *tokens;         /* guint32 */

  /* The other way round, built from @tokens when a query needs it: the
   * events that have word w are postings[posting_offsets[w] ..
   * posting_offsets[w + 1]), in position order. Built in stages that idle
   * slices can split; @postings_cursor says how far the stage got. */
  PostingsStage      postings_stage;
  gsize              postings_cursor;
  gsize             *posting_offsets;
  gsize             *posting_cursors;
  guint32           *postings;

  /* The words that match one query token: one bit per word number, the
   * list of them, and how many events they are in altogether. */
  guint64           *word_mask;
  guint              word_mask_len;
  GArray            *matched_words;  /* guint32 */
  gsize              matched_postings;

  /* The last query and its result, so that a narrower query only checks
   * the events that matched it. */
  GPtrArray         *last_query;     /* QueryToken */
  ChronicleBitset   *last_result;

  GString           *scratch;
  GArray            *event_tokens;   /* guint32 */
};

G_DEFINE_FINAL_TYPE (ChronicleSearchIndex, chronicle_search_index, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_BUILT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
query_token_free (gpointer data)
{
  QueryToken *token = data;

  g_free (token->token);
  g_free (token->alternate);
  g_free (token);
}

/* The ASCII alternate g_str_tokenize_and_fold() would give @token, or
 * %NULL: composed, transliterated, and kept only when all of it is
 * alphanumeric. */
static char *
fold_alternate (const char *token)
{
  g_autofree char *composed = NULL;
  g_autofree char *ascii = NULL;

  if (g_str_is_ascii (token))
    return NULL;

  composed = g_utf8_normalize (token, -1, G_NORMALIZE_ALL_COMPOSE);
  if (composed == NULL)
    return NULL;

  ascii = g_str_to_ascii (composed, NULL);
  for (const char *p = ascii; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return NULL;

  if (*ascii == '\0')
    return NULL;

  return g_steal_pointer (&ascii);
}

static GPtrArray *
fold_query (const char *query)
{
  g_auto(GStrv) folded = NULL;
  GPtrArray *tokens = g_ptr_array_new_with_free_func (query_token_free);

  if (query == NULL)
    return tokens;

  folded = g_str_tokenize_and_fold (query, NULL, NULL);
  for (guint i = 0; folded[i] != NULL; i++)
    {
      QueryToken *token = g_new0 (QueryToken, 1);

      token->token = g_strdup (folded[i]);
      token->token_len = strlen (token->token);
      token->alternate = fold_alternate (token->token);
      if (token->alternate != NULL)
        token->alternate_len = strlen (token->alternate);
      g_ptr_array_add (tokens, token);
    }

  return tokens;
}

static gboolean
query_token_equal (const QueryToken *a,
                   const QueryToken *b)
{
  return g_str_equal (a->token, b->token) && g_strcmp0 (a->alternate, b->alternate) == 0;
}

static gboolean
query_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    if (!query_token_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;

  return TRUE;
}

static gboolean
has_form_prefix (const char       *form,
                 const QueryToken *wider)
{
  return g_str_has_prefix (form, wider->token) ||
         (wider->alternate != NULL && g_str_has_prefix (form, wider->alternate));
}

/* TRUE when every word @narrower matches is matched by @wider: each form of
 * @narrower starts with a form of @wider. */
static gboolean
query_token_narrows (const QueryToken *narrower,
                     const QueryToken *wider)
{
  if (!has_form_prefix (narrower->token, wider))
    return FALSE;

  return narrower->alternate == NULL || has_form_prefix (narrower->alternate, wider);
}

/* TRUE when @query can only match events that @previous matched: each
 * token of @previous is narrowed by some token of @query. */
static gboolean
query_narrows (GPtrArray *query,
               GPtrArray *previous)
{
  for (guint i = 0; i < previous->len; i++)
    {
      const QueryToken *wider = g_ptr_array_index (previous, i);
      gboolean found = FALSE;

      for (guint j = 0; j < query->len && !found; j++)
        found = query_token_narrows (g_ptr_array_index (query, j), wider);

      if (!found)
        return FALSE;
    }

  return TRUE;
}

static void
chronicle_search_index_forget_query (ChronicleSearchIndex *self)
{
  g_clear_pointer (&self->last_query, g_ptr_array_unref);
  g_clear_pointer (&self->last_result, chronicle_bitset_free);
}

/* The first four bytes of @word, zero-padded, as a number to compare. */
static inline guint32
word_head (const char *word)
{
  guint8 bytes[4] = { 0, };

  for (guint i = 0; i < 4 && word[i] != '\0'; i++)
    bytes[i] = word[i];

  return ((guint32)bytes[0] << 24) | ((guint32)bytes[1] << 16) |
         ((guint32)bytes[2] << 8) | bytes[3];
}

static guint32
chronicle_search_index_intern (ChronicleSearchIndex *self,
                               const char           *word)
{
  gpointer value;
  char *stored;
  guint32 number;

  value = g_hash_table_lookup (self->word_numbers, word);
  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  stored = g_string_chunk_insert (self->chunk, word);
  number = self->words->len;
  g_ptr_array_add (self->words, stored);
  g_hash_table_insert (self->word_numbers, stored, GUINT_TO_POINTER (number + 1));
  {
    guint32 head = word_head (stored);

    g_array_append_val (self->heads, head);
  }

  return number;
}

/* Appends the token numbers of @text if it was seen before. */
static gboolean
chronicle_search_index_add_cached (ChronicleSearchIndex *self,
                                   const char           *text)
{
  gpointer value = g_hash_table_lookup (self->folded_texts, text);
  const WordForms *forms;

  if (value == NULL)
    return FALSE;

  forms = &g_array_index (self->word_forms, WordForms, GPOINTER_TO_UINT (value) - 1);
  if (forms->count > 0)
    g_array_append_vals (self->event_tokens,
                         &g_array_index (self->form_numbers, guint32, forms->first),
                         forms->count);
  return TRUE;
}

/* Remembers the token numbers appended since @first for @text. */
static void
chronicle_search_index_cache (ChronicleSearchIndex *self,
                              const char           *text,
                              guint                 first)
{
  WordForms forms = { self->form_numbers->len, self->event_tokens->len - first };

  if (forms.count > 0)
    g_array_append_vals (self->form_numbers,
                         &g_array_index (self->event_tokens, guint32, first),
                         forms.count);
  g_array_append_val (self->word_forms, forms);
  g_hash_table_insert (self->folded_texts, g_strdup (text),
                       GUINT_TO_POINTER (self->word_forms->len));
}

/* Appends the token numbers of a word with letters outside ASCII. */
static void
chronicle_search_index_add_folded_word (ChronicleSearchIndex *self,
                                        const char           *word)
{
  g_auto(GStrv) alternates = NULL;
  g_auto(GStrv) folded = g_str_tokenize_and_fold (word, NULL, &alternates);
  guint first = self->event_tokens->len;

  for (guint i = 0; folded[i] != NULL; i++)
    {
      guint32 number = chronicle_search_index_intern (self, folded[i]);

      g_array_append_val (self->event_tokens, number);
    }

  for (guint i = 0; alternates[i] != NULL; i++)
    {
      guint32 number = chronicle_search_index_intern (self, alternates[i]);

      g_array_append_val (self->event_tokens, number);
    }

  chronicle_search_index_cache (self, word, first);
}

static inline gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Splits @text as g_str_tokenize_and_fold() does: a token is a run of
 * alphanumeric characters and marks, and each run is folded on its own.
 * So a run in ASCII only needs lowercasing, which is done here without
 * an allocation; other runs are folded by GLib, once per distinct run. */
static void
chronicle_search_index_add_text (ChronicleSearchIndex *self,
                                 const char           *text)
{
  const char *p = text;

  if (text == NULL)
    return;

  while (*p != '\0')
    {
      const char *start;
      gboolean ascii = TRUE;

      /* Skip to the start of a run. */
      while (*p != '\0')
        {
          if ((guchar)*p < 0x80)
            {
              if (g_ascii_isalnum (*p))
                break;
              p++;
            }
          else
            {
              if (is_word_char (g_utf8_get_char (p)))
                break;
              p = g_utf8_next_char (p);
            }
        }

      if (*p == '\0')
        break;

      /* Find its end. */
      start = p;
      while (*p != '\0')
        {
          if ((guchar)*p < 0x80)
            {
              if (!g_ascii_isalnum (*p))
                break;
              p++;
            }
          else
            {
              if (!is_word_char (g_utf8_get_char (p)))
                break;
              ascii = FALSE;
              p = g_utf8_next_char (p);
            }
        }

      g_string_truncate (self->scratch, 0);

      if (ascii)
        {
          guint32 number;

          for (const char *q = start; q < p; q++)
            g_string_append_c (self->scratch, *q >= 'A' && *q <= 'Z' ? *q + ('a' - 'A') : *q);

          number = chronicle_search_index_intern (self, self->scratch->str);
          g_array_append_val (self->event_tokens, number);
        }
      else
        {
          g_string_append_len (self->scratch, start, p - start);
          if (!chronicle_search_index_add_cached (self, self->scratch->str))
            chronicle_search_index_add_folded_word (self, self->scratch->str);
        }
    }
}

/* Actor names, tags and places repeat from event to event: their tokens
 * are looked up whole. Long texts do not repeat and are not kept. */
#define MAX_CACHED_TEXT 96

static void
chronicle_search_index_add_short_text (ChronicleSearchIndex *self,
                                       const char           *text)
{
  guint first = self->event_tokens->len;

  if (text == NULL || *text == '\0')
    return;

  if (strlen (text) > MAX_CACHED_TEXT)
    {
      chronicle_search_index_add_text (self, text);
      return;
    }

  if (chronicle_search_index_add_cached (self, text))
    return;

  chronicle_search_index_add_text (self, text);
  chronicle_search_index_cache (self, text, first);
}

/* An event has a few dozen tokens: insertion sort beats qsort() there. */
static void
sort_numbers (guint32 *numbers,
              guint    n)
{
  for (guint i = 1; i < n; i++)
    {
      guint32 value = numbers[i];
      guint j = i;

      while (j > 0 && numbers[j - 1] > value)
        {
          numbers[j] = numbers[j - 1];
          j--;
        }

      numbers[j] = value;
    }
}

static void
collect_text_cb (ChronicleEventText  field,
                 const char         *text,
                 gpointer            user_data)
{
  ChronicleSearchIndex *self = user_data;

  switch (field)
    {
    case CHRONICLE_EVENT_TEXT_TITLE:
    case CHRONICLE_EVENT_TEXT_SUMMARY:
    case CHRONICLE_EVENT_TEXT_DESCRIPTION:
    case CHRONICLE_EVENT_TEXT_QUOTE:
      chronicle_search_index_add_text (self, text);
      break;

    case CHRONICLE_EVENT_TEXT_LOCATION:
    case CHRONICLE_EVENT_TEXT_TAG:
      chronicle_search_index_add_short_text (self, text);
      break;

    /* Actors are found by the name people see. */
    case CHRONICLE_EVENT_TEXT_ACTOR:
    case CHRONICLE_EVENT_TEXT_QUOTE_SPEAKER:
    default:
      chronicle_search_index_add_short_text (self, chronicle_timeline_get_actor_name (self->timeline, text));
      break;
    }
}

/* Tokenizes the event at @position into self->event_tokens: sorted, no
 * duplicates. Reads the texts in place, making no event. */
static void
chronicle_search_index_collect (ChronicleSearchIndex *self,
                                guint                 position)
{
  guint32 *numbers;
  guint n = 0;

  g_array_set_size (self->event_tokens, 0);

  chronicle_timeline_foreach_text (self->timeline, position, collect_text_cb, self);

  if (self->event_tokens->len < 2)
    return;

  numbers = (guint32 *)(gpointer)self->event_tokens->data;
  sort_numbers (numbers, self->event_tokens->len);
  for (guint i = 0; i < self->event_tokens->len; i++)
    if (n == 0 || numbers[i] != numbers[n - 1])
      numbers[n++] = numbers[i];
  g_array_set_size (self->event_tokens, n);
}

/* Replaces the tokens of events @position .. @position + @removed - 1 by
 * those of the timeline's events @position .. @position + @added - 1. */
static void
chronicle_search_index_splice (ChronicleSearchIndex *self,
                               guint                 position,
                               guint                 removed,
                               guint                 added)
{
  g_autoptr(GArray) new_tokens = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(GArray) new_ends = g_array_sized_new (FALSE, FALSE, sizeof (gsize), added);
  gsize *offsets;
  gsize first;
  gsize last;
  gsize delta;

  g_assert (position + removed < self->offsets->len);

  first = g_array_index (self->offsets, gsize, position);
  last = g_array_index (self->offsets, gsize, position + removed);

  for (guint i = 0; i < added; i++)
    {
      gsize end;

      chronicle_search_index_collect (self, position + i);
      g_array_append_vals (new_tokens, self->event_tokens->data, self->event_tokens->len);
      end = first + new_tokens->len;
      g_array_append_val (new_ends, end);
    }

  g_array_remove_range (self->tokens, first, last - first);
  g_array_insert_vals (self->tokens, first, new_tokens->data, new_tokens->len);

  /* offsets[i + 1] is where event i ends: swap the removed events' ends
   * for the new ones', then move the later ends by the change in size
   * (unsigned wrap-around does the right thing when it shrinks). */
  if (removed > 0)
    g_array_remove_range (self->offsets, position + 1, removed);
  if (added > 0)
    g_array_insert_vals (self->offsets, position + 1, new_ends->data, added);

  self->postings_stage = POSTINGS_NONE;

  delta = new_tokens->len - (last - first);
  offsets = &g_array_index (self->offsets, gsize, 0);
  for (guint i = position + 1 + added; i < self->offsets->len; i++)
    offsets[i] += delta;
}

static gboolean chronicle_search_index_build_postings (ChronicleSearchIndex *self,
                                                       gint64                deadline);

/* More events changed at once than this are read again in idle slices
 * (or by the next query), not on the spot. */
#define MAX_SPLICE 4096

static gboolean chronicle_search_index_build_slice_cb (gpointer data);

static void
chronicle_search_index_schedule (ChronicleSearchIndex *self)
{
  if (self->complete || self->build_source != NULL)
    return;

  self->build_source = g_idle_source_new ();
  g_source_set_priority (self->build_source, G_PRIORITY_LOW);
  g_source_set_callback (self->build_source, chronicle_search_index_build_slice_cb, self, NULL);
  g_source_set_static_name (self->build_source, "[chronicle] search index");
  g_source_attach (self->build_source, g_main_context_get_thread_default ());
}

/* Reads the events from n_indexed up to @until. */
static void
chronicle_search_index_index_events (ChronicleSearchIndex *self,
                                     guint                 until)
{
  for (guint i = self->n_indexed; i < until; i++)
    {
      gsize end;

      chronicle_search_index_collect (self, i);
      g_array_append_vals (self->tokens, self->event_tokens->data, self->event_tokens->len);
      end = self->tokens->len;
      g_array_append_val (self->offsets, end);
    }

  self->n_indexed = MAX (self->n_indexed, until);
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static void
chronicle_search_index_finish (ChronicleSearchIndex *self)
{
  self->complete = TRUE;
  clear_source (&self->build_source);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILT]);

  g_debug ("Indexed %u events: %u distinct words, %u tokens",
           self->n_indexed, self->words->len, self->tokens->len);
}

static void
chronicle_search_index_build (ChronicleSearchIndex *self)
{
  if (self->complete)
    return;

  chronicle_search_index_index_events (self, chronicle_timeline_get_n_events (self->timeline));
  chronicle_search_index_finish (self);
}

/* About a frame's worth of work per slice, so that the window stays
 * responsive while a big timeline is indexed. */
#define BUILD_SLICE_USEC 6000
#define BUILD_BATCH      256

static gboolean
chronicle_search_index_build_slice_cb (gpointer data)
{
  ChronicleSearchIndex *self = data;
  gint64 deadline = g_get_monotonic_time () + BUILD_SLICE_USEC;
  guint n_events = chronicle_timeline_get_n_events (self->timeline);

  g_assert (CHRONICLE_IS_SEARCH_INDEX (self));

  while (self->n_indexed < n_events && g_get_monotonic_time () < deadline)
    chronicle_search_index_index_events (self, MIN (n_events, self->n_indexed + BUILD_BATCH));

  if (self->n_indexed < n_events ||
      !chronicle_search_index_build_postings (self, deadline))
    return G_SOURCE_CONTINUE;

  chronicle_search_index_finish (self);

  return G_SOURCE_REMOVE;
}

/* A query word's first four bytes and the mask of those it has. */
typedef struct
{
  guint32     head;
  guint32     mask;
  const char *rest;      /* after the first four bytes, or %NULL */
  gsize       rest_len;
} Prefix;

static gboolean
prefix_init (Prefix     *prefix,
             const char *token,
             gsize       len)
{
  if (token == NULL)
    return FALSE;

  prefix->head = word_head (token);
  prefix->mask = len >= 4 ? G_MAXUINT32 : ~(G_MAXUINT32 >> (8 * len));
  prefix->rest = len > 4 ? token + 4 : NULL;
  prefix->rest_len = len > 4 ? len - 4 : 0;

  return TRUE;
}

static inline gboolean
prefix_matches (const Prefix *prefix,
                guint32       head,
                const char   *word)
{
  if ((head & prefix->mask) != prefix->head)
    return FALSE;

  /* The head matched all four bytes, so @word has at least four. */
  return prefix->rest == NULL || strncmp (word + 4, prefix->rest, prefix->rest_len) == 0;
}

/* Sets the bit of every word that @token is a prefix of. */
static void
chronicle_search_index_mark_words (ChronicleSearchIndex *self,
                                   const QueryToken     *token)
{
  guint n_words = self->words->len;
  guint mask_len = (n_words + 63) / 64;
  const guint32 *heads = &g_array_index (self->heads, guint32, 0);
  Prefix prefix = { 0, };
  Prefix alternate = { 0, };
  gboolean has_alternate;

  if (mask_len > self->word_mask_len)
    {
      self->word_mask = g_renew (guint64, self->word_mask, mask_len);
      self->word_mask_len = mask_len;
    }
  memset (self->word_mask, 0, sizeof (guint64) * MAX (mask_len, 1));

  g_array_set_size (self->matched_words, 0);
  self->matched_postings = 0;

  prefix_init (&prefix, token->token, token->token_len);
  has_alternate = prefix_init (&alternate, token->alternate, token->alternate_len);

  for (guint32 i = 0; i < n_words; i++)
    {
      const char *word = g_ptr_array_index (self->words, i);

      if (prefix_matches (&prefix, heads[i], word) ||
          (has_alternate && prefix_matches (&alternate, heads[i], word)))
        {
          self->word_mask[i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);
          g_array_append_val (self->matched_words, i);
          self->matched_postings += self->posting_offsets[i + 1] - self->posting_offsets[i];
        }
    }
}

static inline gboolean
chronicle_search_index_event_has_word (ChronicleSearchIndex *self,
                                       guint                 position)
{
  const gsize *offsets = &g_array_index (self->offsets, gsize, 0);
  const guint32 *tokens = &g_array_index (self->tokens, guint32, 0);
  const guint64 *mask = self->word_mask;

  for (gsize k = offsets[position]; k < offsets[position + 1]; k++)
    {
      guint32 number = tokens[k];

      if (mask[number / 64] & (G_GUINT64_CONSTANT (1) << (number % 64)))
        return TRUE;
    }

  return FALSE;
}

/* The posting lists are a counting sort of the flat token array by word:
 * count each word's events, sum the counts up into offsets, then put each
 * event in its words' lists. Each stage stops at @deadline and goes on
 * from there at the next call; returns TRUE when the lists are ready. */
static gboolean
chronicle_search_index_build_postings (ChronicleSearchIndex *self,
                                       gint64                deadline)
{
  const guint32 *tokens = &g_array_index (self->tokens, guint32, 0);
  const gsize *offsets = &g_array_index (self->offsets, gsize, 0);
  gsize n_tokens = self->tokens->len;
  guint n_events = self->offsets->len - 1;
  guint n_words = self->words->len;

  switch (self->postings_stage)
    {
    case POSTINGS_NONE:
      g_clear_pointer (&self->posting_offsets, g_free);
      g_clear_pointer (&self->posting_cursors, g_free);
      g_clear_pointer (&self->postings, g_free);
      self->posting_offsets = g_new0 (gsize, n_words + 1);
      self->postings_cursor = 0;
      self->postings_stage = POSTINGS_COUNTING;
      G_GNUC_FALLTHROUGH;

    case POSTINGS_COUNTING:
      while (self->postings_cursor < n_tokens)
        {
          gsize end = MIN (n_tokens, self->postings_cursor + 65536);

          for (gsize k = self->postings_cursor; k < end; k++)
            self->posting_offsets[tokens[k] + 1]++;
          self->postings_cursor = end;

          if (end < n_tokens && g_get_monotonic_time () >= deadline)
            return FALSE;
        }

      for (guint w = 0; w < n_words; w++)
        self->posting_offsets[w + 1] += self->posting_offsets[w];

      self->posting_cursors = g_memdup2 (self->posting_offsets, sizeof (gsize) * (n_words + 1));
      self->postings = g_new (guint32, MAX (n_tokens, 1));
      self->postings_cursor = 0;
      self->postings_stage = POSTINGS_FILLING;
      G_GNUC_FALLTHROUGH;

    case POSTINGS_FILLING:
      while (self->postings_cursor < n_events)
        {
          guint first = self->postings_cursor;
          guint end = MIN (n_events, first + 4096);

          for (guint i = first; i < end; i++)
            for (gsize k = offsets[i]; k < offsets[i + 1]; k++)
              self->postings[self->posting_cursors[tokens[k]]++] = i;
          self->postings_cursor = end;

          if (end < n_events && g_get_monotonic_time () >= deadline)
            return FALSE;
        }

      g_clear_pointer (&self->posting_cursors, g_free);
      self->postings_stage = POSTINGS_READY;
      G_GNUC_FALLTHROUGH;

    case POSTINGS_READY:
    default:
      return TRUE;
    }
}

static void
chronicle_search_index_ensure_postings (ChronicleSearchIndex *self)
{
  chronicle_search_index_build_postings (self, G_MAXINT64);
}

/* Keeps in @candidates the events that the posting lists of the matched
 * words name. */
static void
chronicle_search_index_narrow_by_postings (ChronicleSearchIndex *self,
                                           ChronicleBitset      *candidates,
                                           gboolean              all)
{
  guint n_bits = chronicle_bitset_get_n_bits (candidates);
  g_autoptr(ChronicleBitset) found = chronicle_bitset_new (n_bits);
  guint64 *words = chronicle_bitset_get_words (found, NULL);

  for (guint i = 0; i < self->matched_words->len; i++)
    {
      guint32 word = g_array_index (self->matched_words, guint32, i);

      for (gsize k = self->posting_offsets[word]; k < self->posting_offsets[word + 1]; k++)
        {
          guint32 position = self->postings[k];

          words[position / 64] |= G_GUINT64_CONSTANT (1) << (position % 64);
        }
    }

  if (all)
    {
      guint n_words;
      guint64 *candidate_words = chronicle_bitset_get_words (candidates, &n_words);

      memcpy (candidate_words, words, sizeof (guint64) * n_words);
    }
  else
    {
      chronicle_bitset_intersect (candidates, found);
    }
}

/* Removes from @candidates every event without a word that the current
 * word mask marks. */
static void
chronicle_search_index_narrow (ChronicleSearchIndex *self,
                               ChronicleBitset      *candidates)
{
  guint n_words;
  guint64 *words = chronicle_bitset_get_words (candidates, &n_words);

  for (guint w = 0; w < n_words; w++)
    {
      guint64 word = words[w];
      guint64 kept = word;

      while (word != 0)
        {
          guint bit = __builtin_ctzll (word);

          word &= word - 1;
          if (!chronicle_search_index_event_has_word (self, w * 64 + bit))
            kept &= ~(G_GUINT64_CONSTANT (1) << bit);
        }

      words[w] = kept;
    }
}

static void
on_timeline_items_changed_cb (ChronicleSearchIndex *self,
                              guint                 position,
                              guint                 removed,
                              guint                 added,
                              GListModel           *model)
{
  g_assert (CHRONICLE_IS_SEARCH_INDEX (self));

  chronicle_search_index_forget_query (self);
  self->postings_stage = POSTINGS_NONE;

  if (self->complete && added <= MAX_SPLICE)
    {
      chronicle_search_index_splice (self, position, removed, added);
      self->n_indexed = self->offsets->len - 1;
      return;
    }

  /* Many events to read again (events added at the start of a big
   * timeline re-sort all of it): start over from @position, in idle
   * slices again if that is how the index is being built. */
  if (self->complete)
    {
      self->complete = FALSE;
      if (self->in_idle)
        chronicle_search_index_schedule (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUILT]);
    }

  /* Partly read: what comes before @position is still right, the rest
   * will be read at its new place. */
  if (position < self->n_indexed)
    {
      self->n_indexed = position;
      g_array_set_size (self->tokens, g_array_index (self->offsets, gsize, position));
      g_array_set_size (self->offsets, position + 1);
    }
}

static void
chronicle_search_index_dispose (GObject *object)
{
  ChronicleSearchIndex *self = (ChronicleSearchIndex *)object;

  clear_source (&self->build_source);
  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (chronicle_search_index_parent_class)->dispose (object);
}

static void
chronicle_search_index_finalize (GObject *object)
{
  ChronicleSearchIndex *self = (ChronicleSearchIndex *)object;

  chronicle_search_index_forget_query (self);
  g_clear_pointer (&self->word_numbers, g_hash_table_unref);
  g_clear_pointer (&self->words, g_ptr_array_unref);
  g_clear_pointer (&self->heads, g_array_unref);
  g_clear_pointer (&self->folded_texts, g_hash_table_unref);
  g_clear_pointer (&self->word_forms, g_array_unref);
  g_clear_pointer (&self->form_numbers, g_array_unref);
  g_clear_pointer (&self->chunk, g_string_chunk_free);
  g_clear_pointer (&self->offsets, g_array_unref);
  g_clear_pointer (&self->tokens, g_array_unref);
  g_clear_pointer (&self->word_mask, g_free);
  g_clear_pointer (&self->matched_words, g_array_unref);
  g_clear_pointer (&self->posting_offsets, g_free);
  g_clear_pointer (&self->posting_cursors, g_free);
  g_clear_pointer (&self->postings, g_free);
  g_clear_pointer (&self->event_tokens, g_array_unref);
  if (self->scratch != NULL)
    g_string_free (g_steal_pointer (&self->scratch), TRUE);

  G_OBJECT_CLASS (chronicle_search_index_parent_class)->finalize (object);
}

static void
chronicle_search_index_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ChronicleSearchIndex *self = CHRONICLE_SEARCH_INDEX (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    case PROP_BUILT:
      g_value_set_boolean (value, self->complete);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_search_index_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ChronicleSearchIndex *self = CHRONICLE_SEARCH_INDEX (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      self->timeline = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_search_index_constructed (GObject *object)
{
  ChronicleSearchIndex *self = (ChronicleSearchIndex *)object;

  G_OBJECT_CLASS (chronicle_search_index_parent_class)->constructed (object);

  g_assert (CHRONICLE_IS_TIMELINE (self->timeline));

  g_signal_connect_object (self->timeline, "items-changed",
                           G_CALLBACK (on_timeline_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
chronicle_search_index_class_init (ChronicleSearchIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = chronicle_search_index_constructed;
  object_class->dispose = chronicle_search_index_dispose;
  object_class->finalize = chronicle_search_index_finalize;
  object_class->get_property = chronicle_search_index_get_property;
  object_class->set_property = chronicle_search_index_set_property;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         CHRONICLE_TYPE_TIMELINE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /* Whether every event is read: notified when the last one is. */
  properties[PROP_BUILT] =
    g_param_spec_boolean ("built", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_search_index_init (ChronicleSearchIndex *self)
{
  self->chunk = g_string_chunk_new (64 * 1024);
  self->words = g_ptr_array_new ();
  self->heads = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->word_numbers = g_hash_table_new (g_str_hash, g_str_equal);
  self->folded_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->word_forms = g_array_new (FALSE, FALSE, sizeof (WordForms));
  self->form_numbers = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_array_set_size (self->offsets, 1);
  g_array_index (self->offsets, gsize, 0) = 0;
  self->tokens = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->event_tokens = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->matched_words = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->scratch = g_string_new (NULL);
}

ChronicleSearchIndex *
chronicle_search_index_new (ChronicleTimeline *timeline)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), NULL);

  return g_object_new (CHRONICLE_TYPE_SEARCH_INDEX,
                       "timeline", timeline,
                       NULL);
}

ChronicleTimeline *
chronicle_search_index_get_timeline (ChronicleSearchIndex *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SEARCH_INDEX (self), NULL);

  return self->timeline;
}

/**
 * chronicle_search_index_match:
 * @self: a #ChronicleSearchIndex
 * @query: (nullable): what the user typed
 *
 * Returns: (transfer full): the positions of the matching events, as a
 *   bitset the size of the timeline
 */
ChronicleBitset *
chronicle_search_index_match (ChronicleSearchIndex *self,
                              const char           *query)
{
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(ChronicleBitset) result = NULL;
  gboolean all = FALSE;
  guint n_candidates;
  guint n_events;

  g_return_val_if_fail (CHRONICLE_IS_SEARCH_INDEX (self), NULL);

  chronicle_search_index_build (self);

  n_events = self->n_indexed;
  tokens = fold_query (query);

  if (self->last_query != NULL && query_equal (tokens, self->last_query))
    return chronicle_bitset_copy (self->last_result);

  if (self->last_query != NULL && query_narrows (tokens, self->last_query))
    {
      result = g_steal_pointer (&self->last_result);
      n_candidates = chronicle_bitset_count (result);
    }
  else
    {
      result = chronicle_bitset_new (n_events);
      chronicle_bitset_add_all (result);
      all = TRUE;
      n_candidates = n_events;
    }

  chronicle_search_index_ensure_postings (self);

  for (guint i = 0; i < tokens->len && n_candidates > 0; i++)
    {
      gsize scan_cost;

      chronicle_search_index_mark_words (self, g_ptr_array_index (tokens, i));

      /* Either read the posting lists of the matched words, or the words
       * of the remaining candidates: whichever is less to read. */
      scan_cost = (gsize)n_candidates * self->tokens->len / MAX (n_events, 1);
      if (all || self->matched_postings <= scan_cost)
        chronicle_search_index_narrow_by_postings (self, result, all);
      else
        chronicle_search_index_narrow (self, result);

      all = FALSE;
      n_candidates = chronicle_bitset_count (result);
    }

  chronicle_search_index_forget_query (self);
  self->last_query = g_steal_pointer (&tokens);
  self->last_result = chronicle_bitset_copy (result);

  return g_steal_pointer (&result);
}

void
chronicle_search_index_build_in_idle (ChronicleSearchIndex *self)
{
  g_return_if_fail (CHRONICLE_IS_SEARCH_INDEX (self));

  self->in_idle = TRUE;
  chronicle_search_index_schedule (self);
}

gboolean
chronicle_search_index_is_built (ChronicleSearchIndex *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SEARCH_INDEX (self), FALSE);

  return self->complete;
}

guint
chronicle_search_index_get_n_unread (ChronicleSearchIndex *self)
{
  guint n_events;

  g_return_val_if_fail (CHRONICLE_IS_SEARCH_INDEX (self), 0);

  n_events = chronicle_timeline_get_n_events (self->timeline);

  return self->complete ? 0 : n_events - MIN (self->n_indexed, n_events);
}

guint
chronicle_search_index_get_n_tokens (ChronicleSearchIndex *self)
{
  g_return_val_if_fail (CHRONICLE_IS_SEARCH_INDEX (self), 0);

  chronicle_search_index_build (self);

  return self->words->len;
}
