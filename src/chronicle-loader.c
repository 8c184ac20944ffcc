/* chronicle-loader.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-loader"

#include "config.h"

#include "chronicle-loader.h"
#include "chronicle-cache.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

/* Deeper documents are refused: nothing real nests this deep, and unknown
 * members are copied and written by functions that recurse per level. */
#define MAX_DEPTH 512

/* Longest piece of a value quoted back in a message, in characters. */
#define MAX_QUOTED_CHARS 40

#define FORMAT_NAME "chronicle-timeline"
#define FORMAT_VERSION 1

struct _ChronicleLoader
{
  GObject       parent_instance;

  GPtrArray    *diagnostics;
  char         *display_name;
  /* Where "notify::progress" is emitted: the context of the caller of
   * chronicle_loader_load_file_async(). */
  GMainContext *progress_context;
  int           progress;          /* atomic, in thousandths */
  int           progress_pending;  /* atomic: a notification is on its way */
  guint         n_errors;
  guint         n_warnings;
  guint         used : 1;
  guint         use_cache : 1;
  guint         used_cache : 1;
};

G_DEFINE_FINAL_TYPE (ChronicleLoader, chronicle_loader, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where the time of a big load goes, measured on a million events: reading
 * the file, parsing it, building the events, then sorting and indexing. */
#define PROGRESS_READ   0.06
#define PROGRESS_PARSE  0.40
#define PROGRESS_EVENTS 0.88

G_DEFINE_QUARK (chronicle-loader-error-quark, chronicle_loader_error)

/*
 * Where a value is in the document. Paths live on the stack while the walk
 * descends, and become strings ("events[12].start") only when a problem is
 * reported, so that a clean load builds none.
 */
typedef struct _Path Path;
struct _Path
{
  const Path *parent;
  const char *member;  /* NULL for an array element */
  guint       index;
};

#define MEMBER_PATH(p, name) (&(const Path) { (p), (name), 0 })
#define ELEMENT_PATH(p, i)   (&(const Path) { (p), NULL, (i) })

typedef enum
{
  NODE_OBJECT,
  NODE_ARRAY,
  NODE_STRING,
  NODE_INTEGER,
  NODE_DOUBLE,
  NODE_BOOLEAN,
  NODE_NULL,
} NodeType;

/*
 * One value of the document as the parser reads it. The document is an
 * array of them in file order, a container followed by its values, so
 * that reading it needs no allocation per value. Strings (values and
 * member names) are offsets into one buffer of NUL-terminated text.
 */
typedef struct
{
  guint8  type;
  guint   size;       /* the members or elements of a container */
  gsize   skip;       /* the nodes this value spans: its next sibling is at this + skip */
  gsize   name;       /* for a member of an object, the offset of its name */
  union
  {
    gsize    text;
    gint64   integer;
    double   number;
    gboolean boolean;
  } v;
} Node;

/* The state of one load. */
typedef struct
{
  ChronicleLoader   *self;
  GCancellable      *cancellable;
  ChronicleTimeline *timeline;
  GTimeZone         *tz;
  const char        *text;
  GHashTable        *warned_kinds;
  guint              n_real_errors;
  guint              stopped : 1;
  guint              warnings_full : 1;
  guint              syntax_error : 1;
  guint              newer_version : 1;
} Load;

/* The parser: it reads the bytes into an array of Node. */
typedef struct
{
  const char   *end;
  const char   *p;
  const char   *line_start;
  guint         line;
  GArray       *nodes;
  GString      *text;          /* every string, unescaped, NUL-terminated */
  gsize         name;          /* the offset of the member name just read */
  GCancellable *cancellable;
  ChronicleLoader *loader;      /* told how far the scan is */
  const char   *begin;
  guint         n_containers;
  gboolean      cancelled;
  const char   *error_at;
  char         *error_message;
} Scanner;

typedef enum
{
  SCAN_VALUE,
  SCAN_MEMBER,
  SCAN_AFTER_VALUE,
} ScanState;

static const char * const top_level_members[] = {
  "format", "version", "title", "description", "timezone",
  "kinds", "actors", "eras", "views", "events",
};
enum {
  TOP_FORMAT, TOP_VERSION, TOP_TITLE, TOP_DESCRIPTION, TOP_TIMEZONE,
  TOP_KINDS, TOP_ACTORS, TOP_ERAS, TOP_VIEWS, TOP_EVENTS,
  N_TOP_MEMBERS
};

static const char * const kind_members[] = { "id", "label", "color", "icon" };
enum { KIND_ID, KIND_LABEL, KIND_COLOR, KIND_ICON, N_KIND_MEMBERS };

static const char * const actor_members[] = { "id", "name", "role" };
enum { ACTOR_ID, ACTOR_NAME, ACTOR_ROLE, N_ACTOR_MEMBERS };

static const char * const era_members[] = { "title", "start", "end", "color" };
enum { ERA_TITLE, ERA_START, ERA_END, ERA_COLOR, N_ERA_MEMBERS };

static const char * const view_members[] = { "id", "title", "filter", "group_by", "window" };
enum { VIEW_ID, VIEW_TITLE, VIEW_FILTER, VIEW_GROUP_BY, VIEW_WINDOW, N_VIEW_MEMBERS };

static const char * const filter_members[] = {
  "kinds", "statuses", "actors", "tags", "text", "from", "to",
};
enum {
  FILTER_KINDS, FILTER_STATUSES, FILTER_ACTORS, FILTER_TAGS, FILTER_TEXT,
  FILTER_FROM, FILTER_TO,
  N_FILTER_MEMBERS
};

static const char * const window_members[] = { "from", "to" };
enum { WINDOW_FROM, WINDOW_TO, N_WINDOW_MEMBERS };

static const char * const event_members[] = {
  "id", "title", "kind", "status", "start", "end", "approximate",
  "summary", "description", "actors", "location", "quotes", "sources", "tags",
};
enum {
  EVENT_ID, EVENT_TITLE, EVENT_KIND, EVENT_STATUS, EVENT_START, EVENT_END,
  EVENT_APPROXIMATE, EVENT_SUMMARY, EVENT_DESCRIPTION, EVENT_ACTORS,
  EVENT_LOCATION, EVENT_QUOTES, EVENT_SOURCES, EVENT_TAGS,
  N_EVENT_MEMBERS
};

static const char * const quote_members[] = { "text", "speaker", "source" };
enum { QUOTE_TEXT, QUOTE_SPEAKER, QUOTE_SOURCE, N_QUOTE_MEMBERS };

static const char * const source_members[] = { "title", "publisher", "url", "date" };
enum { SOURCE_TITLE, SOURCE_PUBLISHER, SOURCE_URL, SOURCE_DATE, N_SOURCE_MEMBERS };

static const char * const group_by_values[] = { "kind", "actor", "tag", "status", "none" };

/* Progress */

static gboolean
chronicle_loader_notify_progress_cb (gpointer data)
{
  ChronicleLoader *self = data;

  g_atomic_int_set (&self->progress_pending, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);

  return G_SOURCE_REMOVE;
}

/* From the loading thread: a thousandth more at least is notified, in an
 * idle of the caller's context, one at a time, so that a fast load does
 * not flood the main loop. */
static void
chronicle_loader_report_progress (ChronicleLoader *self,
                                  double           fraction)
{
  int permille = (int) (CLAMP (fraction, 0.0, 1.0) * 1000);

  if (permille <= g_atomic_int_get (&self->progress))
    return;

  g_atomic_int_set (&self->progress, permille);

  /* Always through the loop of the thread that started the load: an idle
   * source, not g_main_context_invoke(), which calls the function right
   * here, on the worker, whenever it can acquire the context. */
  if (self->progress_context != NULL &&
      g_atomic_int_compare_and_exchange (&self->progress_pending, FALSE, TRUE))
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, chronicle_loader_notify_progress_cb,
                             g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[chronicle] load progress");
      g_source_attach (source, self->progress_context);
      g_source_unref (source);
    }
}

/* Strings for people */

static void
append_path (GString    *str,
             const Path *path)
{
  if (path == NULL)
    return;

  append_path (str, path->parent);

  if (path->member != NULL)
    {
      if (path->parent != NULL)
        g_string_append_c (str, '.');
      g_string_append (str, path->member);
    }
  else
    {
      g_string_append_printf (str, "[%u]", path->index);
    }
}

static char *
path_to_string (const Path *path)
{
  GString *str;

  if (path == NULL)
    return NULL;

  str = g_string_new (NULL);
  append_path (str, path);
  return g_string_free (str, FALSE);
}

/* @text shortened for a message, so that a huge value cannot flood it. */
static char *
shorten (const char *text)
{
  const char *p = text;
  guint n = 0;

  while (*p != '\0' && n < MAX_QUOTED_CHARS)
    {
      p = g_utf8_next_char (p);
      n++;
    }

  if (*p == '\0')
    return g_strdup (text);

  return g_strdup_printf ("%.*s…", (int) (p - text), text);
}

/* The name of what @node holds, as messages say "found …". */
static const char *
describe_node (const Node *node)
{
  switch ((NodeType) node->type)
    {
    case NODE_OBJECT:
      return _("an object");

    case NODE_ARRAY:
      return _("an array");

    case NODE_STRING:
      return _("a string");

    case NODE_INTEGER:
    case NODE_DOUBLE:
      return _("a number");

    case NODE_BOOLEAN:
      return node->v.boolean ? "true" : "false";

    case NODE_NULL:
    default:
      return "null";
    }
}

/* Reporting */

static void
load_add_diagnostic (Load              *load,
                     ChronicleSeverity  severity,
                     guint              line,
                     guint              column,
                     const char        *path,
                     const char        *message)
{
  ChronicleLoader *self = load->self;

  g_ptr_array_add (self->diagnostics,
                   chronicle_diagnostic_new (severity, line, column, path, message));

  if (severity == CHRONICLE_SEVERITY_ERROR)
    self->n_errors++;
  else
    self->n_warnings++;
}

static void
load_report (Load              *load,
             ChronicleSeverity  severity,
             const Path        *path,
             const char        *message)
{
  g_autofree char *path_string = NULL;

  if (load->stopped)
    return;

  if (severity == CHRONICLE_SEVERITY_WARNING)
    {
      if (load->warnings_full)
        return;

      /* A million events with the same slip should not make a million
       * warnings. */
      if (load->self->n_warnings == CHRONICLE_LOADER_MAX_WARNINGS)
        {
          load_add_diagnostic (load, CHRONICLE_SEVERITY_WARNING, 0, 0, NULL,
                               _("too many warnings; the others are not shown"));
          load->warnings_full = TRUE;
          return;
        }
    }

  path_string = path_to_string (path);
  load_add_diagnostic (load, severity, 0, 0, path_string, message);

  if (severity != CHRONICLE_SEVERITY_ERROR)
    return;

  /* After this many, more errors are mostly echoes of the first ones. */
  if (++load->n_real_errors >= CHRONICLE_LOADER_MAX_ERRORS)
    {
      load_add_diagnostic (load, CHRONICLE_SEVERITY_ERROR, 0, 0, NULL,
                           _("too many errors; stopping here"));
      load->stopped = TRUE;
    }
}

static void load_error (Load       *load,
                        const Path *path,
                        const char *format,
                        ...) G_GNUC_PRINTF (3, 4);

static void
load_error (Load       *load,
            const Path *path,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  load_report (load, CHRONICLE_SEVERITY_ERROR, path, message);
}

static void load_warning (Load       *load,
                          const Path *path,
                          const char *format,
                          ...) G_GNUC_PRINTF (3, 4);

static void
load_warning (Load       *load,
              const Path *path,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  load_report (load, CHRONICLE_SEVERITY_WARNING, path, message);
}

static void
load_type_error (Load       *load,
                 const Path *path,
                 const char *expected,
                 const Node *found)
{
  /* Translators: both are type names: "expected a string, found a number" */
  load_error (load, path, _("expected %s, found %s"), expected, describe_node (found));
}

/* The parser
 *
 * Timeline files are read by the parser below, not by JsonParser, for two
 * reasons. json-glib 1.6 is lenient: it takes single quotes, comments,
 * hexadecimal and raw control characters, wraps integers that overflow,
 * reads 1e999 as infinity and cuts strings at "\u0000"; and its messages
 * point at odd places ("{"a":1" is "unexpected number, expected string
 * constant" at the 1). It is also slow: JsonParser takes 19 s for a file
 * of a million events (170 MB); the whole load with this parser takes 2.5.
 *
 * It follows RFC 8259 strictly, in one pass, and requires UTF-8 and at
 * most MAX_DEPTH levels of nesting. It does not build a tree of JsonNodes
 * either: a JsonObject per event, with its hash table, costs more than the
 * rest of the load. Only unknown members become JsonNodes, to be kept.
 */

/* The length of the UTF-8 sequence at @p, or 0 when it is not valid
 * (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
static gsize
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xBF;
  gsize len, i;

  if (c < 0x80)
    return 1;
  else if (c < 0xC2)
    return 0;
  else if (c < 0xE0)
    len = 2;
  else if (c < 0xF0)
    {
      len = 3;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
    }
  else if (c < 0xF5)
    {
      len = 4;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
    }
  else
    return 0;

  if ((gsize) (end - p) < len)
    return 0;

  if (p[1] < lo || p[1] > hi)
    return 0;

  for (i = 2; i < len; i++)
    if (p[i] < 0x80 || p[i] > 0xBF)
      return 0;

  return len;
}

static gboolean scanner_fail (Scanner    *s,
                              const char *at,
                              const char *format,
                              ...) G_GNUC_PRINTF (3, 4);

static gboolean
scanner_fail (Scanner    *s,
              const char *at,
              const char *format,
              ...)
{
  va_list args;

  va_start (args, format);
  s->error_message = g_strdup_vprintf (format, args);
  va_end (args);
  s->error_at = at;

  return FALSE;
}

static void
scanner_get_position (Scanner *s,
                      guint   *line,
                      guint   *column)
{
  const char *p;
  guint n = 1;

  /* Columns count characters; continuation bytes do not start one. */
  for (p = s->line_start; p < s->error_at; p++)
    if (((guchar) *p & 0xC0) != 0x80)
      n++;

  *line = s->line;
  *column = n;
}

static void
scanner_skip_whitespace (Scanner *s)
{
  while (s->p < s->end)
    {
      switch (*s->p)
        {
        case '\n':
          s->p++;
          s->line++;
          s->line_start = s->p;
          break;

        case ' ':
        case '\t':
        case '\r':
          s->p++;
          break;

        default:
          return;
        }
    }
}

/* "“x”", "the end of the file" … for "found %s". */
static char *
scanner_describe (Scanner    *s,
                  const char *at)
{
  guchar c;
  gsize len;

  if (at >= s->end)
    return g_strdup (_("the end of the file"));

  c = (guchar) *at;

  if (c == '\n' || c == '\r')
    return g_strdup (_("the end of the line"));

  if (c < 0x20 || c == 0x7F)
    /* Translators: %04X is a hexadecimal character code */
    return g_strdup_printf (_("the control character U+%04X"), c);

  if (g_ascii_isalpha (c))
    {
      const char *p = at;

      /* Show a whole word: "NaN", "True", "undefined". */
      while (p < s->end && p - at < MAX_QUOTED_CHARS && (g_ascii_isalnum (*p) || *p == '_'))
        p++;

      return g_strdup_printf ("“%.*s”", (int) (p - at), at);
    }

  len = utf8_sequence_length ((const guchar *) at, (const guchar *) s->end);
  return g_strdup_printf ("“%.*s”", (int) MAX (len, 1), at);
}

static gboolean
scanner_fail_nul (Scanner    *s,
                  const char *at)
{
  return scanner_fail (s, at, _("found a NUL byte; a timeline file must be text"));
}

static gboolean
scanner_fail_utf8 (Scanner    *s,
                   const char *at)
{
  return scanner_fail (s, at, _("found a byte that is not valid UTF-8; the file must be saved as UTF-8"));
}

static gboolean
scanner_unexpected (Scanner    *s,
                    const char *at,
                    const char *expected)
{
  g_autofree char *found = NULL;

  if (at < s->end)
    {
      if (*at == '\0')
        return scanner_fail_nul (s, at);

      if ((guchar) *at >= 0x80 &&
          utf8_sequence_length ((const guchar *) at, (const guchar *) s->end) == 0)
        return scanner_fail_utf8 (s, at);

      if (*at == '/')
        /* Translators: %s is what was expected, such as "a value" */
        return scanner_fail (s, at, _("expected %s, found “/”; JSON does not allow comments"),
                             expected);

      if (*at == '\'')
        /* Translators: %s is what was expected, such as "a value" */
        return scanner_fail (s, at, _("expected %s, found “'”; JSON strings use double quotes"),
                             expected);
    }

  found = scanner_describe (s, at);

  /* Translators: "expected a value, found “x”" */
  return scanner_fail (s, at, _("expected %s, found %s"), expected, found);
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

/* Reads the four hex digits of a "\uXXXX" escape at @p. */
static gboolean
scanner_read_unicode_escape (Scanner    *s,
                             const char *p,
                             guint      *unit)
{
  guint value = 0;
  int i;

  if (s->end - p < 6)
    return scanner_fail (s, p, _("expected four hexadecimal digits after “\\u”"));

  for (i = 2; i < 6; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return scanner_fail (s, p, _("expected four hexadecimal digits after “\\u”"));
      value = value * 16 + digit;
    }

  *unit = value;
  return TRUE;
}

static gboolean
scanner_scan_escape (Scanner *s,
                     GString *out)
{
  const char *p = s->p;
  guint unit;
  guint low;

  if (p + 1 >= s->end)
    return scanner_fail (s, s->p, _("expected an escape such as “\\n” or “\\u00e9”, found the end of the file"));

  switch (p[1])
    {
    case '"':
    case '\\':
    case '/':
      g_string_append_c (out, p[1]);
      s->p += 2;
      return TRUE;

    case 'b':
      g_string_append_c (out, '\b');
      s->p += 2;
      return TRUE;

    case 'f':
      g_string_append_c (out, '\f');
      s->p += 2;
      return TRUE;

    case 'n':
      g_string_append_c (out, '\n');
      s->p += 2;
      return TRUE;

    case 'r':
      g_string_append_c (out, '\r');
      s->p += 2;
      return TRUE;

    case 't':
      g_string_append_c (out, '\t');
      s->p += 2;
      return TRUE;

    case 'u':
      if (!scanner_read_unicode_escape (s, p, &unit))
        return FALSE;

      /* json-glib would silently cut the string here. */
      if (unit == 0)
        return scanner_fail (s, p, _("found “\\u0000”; text cannot contain the character U+0000"));

      if (unit >= 0xDC00 && unit <= 0xDFFF)
        /* Translators: %04X is the hexadecimal code of half a UTF-16 pair */
        return scanner_fail (s, p, _("found “\\u%04X”, half of a UTF-16 surrogate pair without its first half"),
                             unit);

      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          if (s->end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
              !scanner_read_unicode_escape (s, p + 6, &low) ||
              low < 0xDC00 || low > 0xDFFF)
            {
              g_clear_pointer (&s->error_message, g_free);
              /* Translators: %04X is the hexadecimal code of half a UTF-16 pair */
              return scanner_fail (s, p, _("found “\\u%04X”, half of a UTF-16 surrogate pair without its second half"),
                                   unit);
            }

          g_string_append_unichar (out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
          s->p += 12;
          return TRUE;
        }

      g_string_append_unichar (out, unit);
      s->p += 6;
      return TRUE;

    default:
      {
        gsize len;

        if (p[1] == '\0')
          return scanner_fail_nul (s, p + 1);

        len = utf8_sequence_length ((const guchar *) p + 1, (const guchar *) s->end);
        if (len == 0)
          return scanner_fail_utf8 (s, p + 1);

        if ((guchar) p[1] < 0x20)
          return scanner_fail (s, p, _("expected an escape such as “\\n” or “\\u00e9”, found “\\” and a control character"));

        return scanner_fail (s, p, _("expected an escape such as “\\n” or “\\u00e9”, found “\\%.*s”"),
                             (int) len, p + 1);
      }
    }
}

/* Reads the string at s->p into s->text, unescaped and NUL-terminated;
 * @offset says where. */
static gboolean
scanner_scan_string (Scanner *s,
                     gsize   *offset)
{
  GString *out = s->text;
  const char *open = s->p;

  *offset = out->len;
  s->p++;

  for (;;)
    {
      const char *run = s->p;
      guchar c;
      gsize len;

      /* The common case: plain ASCII text. */
      while (s->p < s->end &&
             (c = (guchar) *s->p) >= 0x20 && c < 0x80 && c != '"' && c != '\\')
        s->p++;

      g_string_append_len (out, run, s->p - run);

      if (s->p >= s->end)
        return scanner_fail (s, open, _("this string is never closed: expected “\"” before the end of the file"));

      c = (guchar) *s->p;

      if (c == '"')
        {
          g_string_append_c (out, '\0');
          s->p++;
          return TRUE;
        }

      if (c == '\\')
        {
          if (!scanner_scan_escape (s, out))
            return FALSE;
          continue;
        }

      if (c == '\0')
        return scanner_fail_nul (s, s->p);

      if (c == '\n' || c == '\r')
        return scanner_fail (s, s->p, _("expected “\"” to close the string before the end of the line"));

      if (c < 0x20)
        /* Translators: %04X is a hexadecimal character code */
        return scanner_fail (s, s->p, _("expected an escape such as “\\t” instead of the control character U+%04X"),
                             c);

      len = utf8_sequence_length ((const guchar *) s->p, (const guchar *) s->end);
      if (len == 0)
        return scanner_fail_utf8 (s, s->p);

      g_string_append_len (out, s->p, len);
      s->p += len;
    }
}

/* Reads the number from @start to s->p, which has the right shape, into
 * @node; fails when it does not fit in a gint64 or a finite double. */
static gboolean
scanner_read_number (Scanner    *s,
                     const char *start,
                     gboolean    is_integer,
                     guint       n_digits,
                     Node       *node)
{
  char buffer[64];
  g_autofree char *allocated = NULL;
  g_autofree char *shown = NULL;
  gsize len = s->p - start;
  const char *text;

  /* Up to 18 digits always fit in a gint64: no copy, no strtoll. */
  if (is_integer && n_digits <= 18)
    {
      const char *q = start;
      gboolean negative = (*q == '-');
      gint64 value = 0;

      if (negative)
        q++;
      for (; q < s->p; q++)
        value = value * 10 + (*q - '0');

      node->type = NODE_INTEGER;
      node->v.integer = negative ? -value : value;
      return TRUE;
    }

  if (len < sizeof buffer)
    {
      memcpy (buffer, start, len);
      buffer[len] = '\0';
      text = buffer;
    }
  else
    {
      text = allocated = g_strndup (start, len);
    }

  if (is_integer)
    {
      if (g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &node->v.integer, NULL))
        {
          node->type = NODE_INTEGER;
          return TRUE;
        }
    }
  else
    {
      node->v.number = g_ascii_strtod (text, NULL);

      if (isfinite (node->v.number))
        {
          node->type = NODE_DOUBLE;
          return TRUE;
        }
    }

  shown = shorten (text);
  return scanner_fail (s, start, _("the number “%s” is too large"), shown);
}

static gboolean
scanner_scan_number (Scanner *s,
                     Node    *node)
{
  const char *start = s->p;
  gboolean is_integer = TRUE;
  guint n_digits = 0;

  if (*s->p == '-')
    s->p++;

  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return scanner_unexpected (s, s->p, _("a digit"));

  if (*s->p == '0')
    {
      s->p++;
      n_digits++;

      if (s->p < s->end && g_ascii_isdigit (*s->p))
        return scanner_fail (s, start, _("expected a number without leading zeros, found “0%c”"), *s->p);
    }
  else
    {
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        {
          s->p++;
          n_digits++;
        }
    }

  if (s->p < s->end && *s->p == '.')
    {
      is_integer = FALSE;
      s->p++;

      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return scanner_unexpected (s, s->p, _("a digit after the decimal point"));

      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }

  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      is_integer = FALSE;
      s->p++;

      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;

      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return scanner_unexpected (s, s->p, _("a digit in the exponent"));

      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }

  return scanner_read_number (s, start, is_integer, n_digits, node);
}

static gboolean
scanner_scan_literal (Scanner    *s,
                      const char *literal)
{
  gsize len = strlen (literal);

  if ((gsize) (s->end - s->p) < len ||
      memcmp (s->p, literal, len) != 0 ||
      (s->p + len < s->end && g_ascii_isalnum (s->p[len])))
    return scanner_unexpected (s, s->p, _("a value"));

  s->p += len;
  return TRUE;
}

/* What the top level holds, when it is not an object. */
static char *
scanner_describe_value (Scanner    *s,
                        const char *at)
{
  switch (*at)
    {
    case '[':
      return g_strdup (_("an array"));

    case '"':
      return g_strdup (_("a string"));

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return g_strdup (_("a number"));

    default:
      return scanner_describe (s, at);
    }
}

/* Appends a value to the document, as a member or an element of the
 * container @parent (G_MAXSIZE for the root). */
static void
scanner_add (Scanner    *s,
             gsize       parent,
             const Node *node)
{
  g_array_append_vals (s->nodes, node, 1);

  if (parent != G_MAXSIZE)
    {
      Node *container = &g_array_index (s->nodes, Node, parent);
      Node *added = &g_array_index (s->nodes, Node, s->nodes->len - 1);

      container->size++;
      if (container->type == NODE_OBJECT)
        added->name = s->name;
    }
}

/* Reads one JSON object, strictly as RFC 8259 has it, in UTF-8, nested at
 * most MAX_DEPTH deep, into s->nodes. */
static gboolean
scanner_scan_document (Scanner *s)
{
  gsize containers[MAX_DEPTH];
  guint depth = 0;
  ScanState state = SCAN_VALUE;
  gboolean after_comma = FALSE;

  scanner_skip_whitespace (s);

  if (s->p >= s->end)
    return scanner_fail (s, s->p, _("the file is empty; expected a JSON object"));

  if (*s->p != '{')
    {
      g_autofree char *found = NULL;

      if (*s->p == '\0')
        return scanner_fail_nul (s, s->p);
      if ((guchar) *s->p >= 0x80 &&
          utf8_sequence_length ((const guchar *) s->p, (const guchar *) s->end) == 0)
        return scanner_fail_utf8 (s, s->p);

      found = scanner_describe_value (s, s->p);
      /* Translators: %s is what the file holds instead, such as "an array" */
      return scanner_fail (s, s->p, _("expected a JSON object, found %s"), found);
    }

  for (;;)
    {
      Node node = { 0, };

      node.skip = 1;

      switch (state)
        {
        case SCAN_VALUE:
          scanner_skip_whitespace (s);

          if (s->p >= s->end)
            return scanner_unexpected (s, s->p, _("a value"));

          switch (*s->p)
            {
            case '{':
            case '[':
              {
                gboolean is_object = (*s->p == '{');

                if (depth == MAX_DEPTH)
                  return scanner_fail (s, s->p, _("the data is nested more than %d levels deep"),
                                       MAX_DEPTH);

                /* Big files take a while: look for a cancel now and then,
                 * and say how far the scan is. */
                if ((++s->n_containers & 0xFFF) == 0)
                  {
                    if (g_cancellable_is_cancelled (s->cancellable))
                      {
                        s->cancelled = TRUE;
                        return FALSE;
                      }
                    if (s->loader != NULL)
                      chronicle_loader_report_progress (s->loader,
                                                        PROGRESS_READ +
                                                        (PROGRESS_PARSE - PROGRESS_READ) *
                                                        (s->p - s->begin) /
                                                        (double) MAX (s->end - s->begin, 1));
                  }

                node.type = is_object ? NODE_OBJECT : NODE_ARRAY;
                scanner_add (s, depth > 0 ? containers[depth - 1] : G_MAXSIZE, &node);
                containers[depth++] = s->nodes->len - 1;
                s->p++;
                scanner_skip_whitespace (s);

                if (s->p < s->end && *s->p == (is_object ? '}' : ']'))
                  {
                    s->p++;
                    depth--;
                    state = SCAN_AFTER_VALUE;
                  }
                else if (is_object)
                  {
                    state = SCAN_MEMBER;
                  }

                after_comma = FALSE;
                continue;
              }

            case '"':
              node.type = NODE_STRING;
              if (!scanner_scan_string (s, &node.v.text))
                return FALSE;
              break;

            case '-':
            case '0': case '1': case '2': case '3': case '4':
            case '5': case '6': case '7': case '8': case '9':
              if (!scanner_scan_number (s, &node))
                return FALSE;
              break;

            case 't':
              if (!scanner_scan_literal (s, "true"))
                return FALSE;
              node.type = NODE_BOOLEAN;
              node.v.boolean = TRUE;
              break;

            case 'f':
              if (!scanner_scan_literal (s, "false"))
                return FALSE;
              node.type = NODE_BOOLEAN;
              node.v.boolean = FALSE;
              break;

            case 'n':
              if (!scanner_scan_literal (s, "null"))
                return FALSE;
              node.type = NODE_NULL;
              break;

            case ']':
              if (after_comma)
                return scanner_fail (s, s->p, _("expected another item after “,”, found “]”; remove the last comma"));
              G_GNUC_FALLTHROUGH;

            default:
              return scanner_unexpected (s, s->p, _("a value"));
            }

          /* Only the root is read outside a container, and it is an object. */
          scanner_add (s, containers[depth - 1], &node);
          state = SCAN_AFTER_VALUE;
          break;

        case SCAN_MEMBER:
          scanner_skip_whitespace (s);

          if (s->p < s->end && *s->p == '}' && after_comma)
            return scanner_fail (s, s->p, _("expected another member after “,”, found “}”; remove the last comma"));

          if (s->p >= s->end || *s->p != '"')
            return scanner_unexpected (s, s->p, _("a member name in double quotes"));

          if (!scanner_scan_string (s, &s->name))
            return FALSE;

          scanner_skip_whitespace (s);

          if (s->p >= s->end || *s->p != ':')
            return scanner_unexpected (s, s->p, _("“:” after the member name"));

          s->p++;
          state = SCAN_VALUE;
          after_comma = FALSE;
          break;

        case SCAN_AFTER_VALUE:
          {
            Node *container;
            gboolean in_object;

            scanner_skip_whitespace (s);

            if (depth == 0)
              {
                if (s->p < s->end)
                  return scanner_unexpected (s, s->p, _("the end of the file after the top-level object"));
                return TRUE;
              }

            container = &g_array_index (s->nodes, Node, containers[depth - 1]);
            in_object = container->type == NODE_OBJECT;

            if (s->p < s->end && *s->p == ',')
              {
                s->p++;
                after_comma = TRUE;
                state = in_object ? SCAN_MEMBER : SCAN_VALUE;
              }
            else if (s->p < s->end && *s->p == (in_object ? '}' : ']'))
              {
                s->p++;
                container->skip = s->nodes->len - containers[depth - 1];
                depth--;
              }
            else if (in_object)
              {
                return scanner_unexpected (s, s->p, _("“,” or “}”"));
              }
            else
              {
                return scanner_unexpected (s, s->p, _("“,” or “]”"));
              }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
}

/* The content check */

static inline const char *
node_string (Load       *load,
             const Node *node)
{
  return load->text + node->v.text;
}

static inline const Node *
node_first_child (const Node *node)
{
  return node + 1;
}

static inline const Node *
node_next_sibling (const Node *node)
{
  return node + node->skip;
}

/* An unknown member, as a JsonNode to keep: the document goes away. */
static JsonNode *
node_to_json (Load       *load,
              const Node *node)
{
  JsonNode *json = json_node_alloc ();
  const Node *child;
  guint i;

  switch ((NodeType) node->type)
    {
    case NODE_OBJECT:
      {
        JsonObject *object = json_object_new ();

        for (i = 0, child = node_first_child (node); i < node->size; i++, child = node_next_sibling (child))
          json_object_set_member (object, load->text + child->name, node_to_json (load, child));

        json_node_init_object (json, object);
        json_object_unref (object);
      }
      break;

    case NODE_ARRAY:
      {
        JsonArray *array = json_array_sized_new (node->size);

        for (i = 0, child = node_first_child (node); i < node->size; i++, child = node_next_sibling (child))
          json_array_add_element (array, node_to_json (load, child));

        json_node_init_array (json, array);
        json_array_unref (array);
      }
      break;

    case NODE_STRING:
      json_node_init_string (json, node_string (load, node));
      break;

    case NODE_INTEGER:
      json_node_init_int (json, node->v.integer);
      break;

    case NODE_DOUBLE:
      json_node_init_double (json, node->v.number);
      break;

    case NODE_BOOLEAN:
      json_node_init_boolean (json, node->v.boolean);
      break;

    case NODE_NULL:
    default:
      json_node_init_null (json);
      break;
    }

  return json;
}

/* Fills @slots with the members of @object named in @names; keeps the
 * others, as JsonNodes and in order, in @extra when it is not %NULL. A
 * member given twice is a slip worth a warning: the last one is used. */
static void
collect_members (Load               *load,
                 const Path         *path,
                 const Node         *object,
                 const char * const *names,
                 guint               n_names,
                 const Node        **slots,
                 JsonObject        **extra)
{
  const Node *member;
  guint i, j;

  for (j = 0, member = node_first_child (object); j < object->size; j++, member = node_next_sibling (member))
    {
      const char *name = load->text + member->name;
      gboolean twice;

      for (i = 0; i < n_names; i++)
        if (strcmp (name, names[i]) == 0)
          break;

      if (i < n_names)
        {
          twice = slots[i] != NULL;
          slots[i] = member;
        }
      else if (extra != NULL)
        {
          if (*extra == NULL)
            *extra = json_object_new ();
          twice = json_object_has_member (*extra, name);
          json_object_set_member (*extra, name, node_to_json (load, member));
        }
      else
        {
          twice = FALSE;
        }

      if (twice)
        {
          g_autofree char *shown = shorten (name);

          load_warning (load, MEMBER_PATH (path, name),
                        _("“%s” is given twice; the last one is used"), shown);
        }
    }
}

static const Node *
expect_object (Load       *load,
               const Path *path,
               const Node *node)
{
  if (node->type == NODE_OBJECT)
    return node;

  load_type_error (load, path, _("an object"), node);
  return NULL;
}

static const Node *
expect_array (Load       *load,
              const Path *path,
              const Node *node)
{
  if (node->type == NODE_ARRAY)
    return node;

  load_type_error (load, path, _("an array"), node);
  return NULL;
}

static const char *
expect_string (Load       *load,
               const Path *path,
               const Node *node)
{
  if (node->type == NODE_STRING)
    return node_string (load, node);

  load_type_error (load, path, _("a string"), node);
  return NULL;
}

/* A string that must not be empty. */
static const char *
expect_text (Load       *load,
             const Path *path,
             const Node *node)
{
  const char *text = expect_string (load, path, node);

  if (text != NULL && *text == '\0')
    {
      load_error (load, path, _("expected text, found an empty string"));
      return NULL;
    }

  return text;
}

/* An optional string member: %NULL when absent, empty or wrong. */
static const char *
optional_text (Load       *load,
               const Path *parent,
               const char *member,
               const Node *node)
{
  const char *text;

  if (node == NULL)
    return NULL;

  text = expect_string (load, MEMBER_PATH (parent, member), node);
  if (text == NULL || *text == '\0')
    return NULL;

  return text;
}

/* A required, non-empty string member of the object at @parent. */
static const char *
required_text (Load       *load,
               const Path *parent,
               const char *member,
               const Node *node,
               const char *missing_message)
{
  if (node == NULL)
    {
      load_error (load, parent, "%s", missing_message);
      return NULL;
    }

  return expect_text (load, MEMBER_PATH (parent, member), node);
}

static gboolean
expect_boolean (Load       *load,
                const Path *path,
                const Node *node,
                gboolean   *value)
{
  if (node->type == NODE_BOOLEAN)
    {
      *value = node->v.boolean;
      return TRUE;
    }

  load_type_error (load, path, _("true or false"), node);
  return FALSE;
}

static gboolean
parse_time (Load          *load,
            const Path    *path,
            const char    *text,
            ChronicleTime *time)
{
  g_autoptr(GError) error = NULL;

  if (chronicle_time_parse (text, load->tz, time, &error))
    return TRUE;

  /* The time parser says what was expected and what was found, down to
   * the field ("day 30 does not exist in February 2025"). */
  load_error (load, path, "%s", error->message);
  return FALSE;
}

static gboolean
expect_time (Load          *load,
             const Path    *path,
             const Node    *node,
             ChronicleTime *time)
{
  const char *text = expect_string (load, path, node);

  if (text == NULL)
    return FALSE;

  return parse_time (load, path, text, time);
}

/* A colour, or %NULL with a warning: a wrong colour is not worth refusing
 * a file for. */
static const char *
optional_color (Load       *load,
                const Path *parent,
                const Node *node)
{
  const Path *path = MEMBER_PATH (parent, "color");
  const char *text;
  guint32 rgb;

  if (node == NULL)
    return NULL;

  if (!(text = expect_string (load, path, node)))
    return NULL;

  if (!chronicle_parse_color (text, &rgb))
    {
      g_autofree char *shown = shorten (text);

      load_warning (load, path,
                    _("expected a colour such as “#3584e4”, found “%s”; the default colour is used"),
                    shown);
      return NULL;
    }

  return text;
}

/* End before start, for periods: "2025-08-15" to "2025-08" is fine, as
 * August ends after the 15th. */
static gboolean
check_end_after_start (Load                *load,
                       const Path          *path,
                       const ChronicleTime *start,
                       const ChronicleTime *end,
                       const char          *start_text,
                       const char          *end_text)
{
  g_autofree char *shown_start = NULL;
  g_autofree char *shown_end = NULL;

  if (chronicle_time_get_end_instant (end) > chronicle_time_get_instant (start))
    return TRUE;

  shown_start = shorten (start_text);
  shown_end = shorten (end_text);
  load_error (load, path, _("expected an end after the start “%s”, found “%s”"),
              shown_start, shown_end);
  return FALSE;
}

/*
 * A list of strings as a %NULL-terminated vector of strings borrowed from the
 * document. It uses @buffer when the list is short; free the result with
 * strv_borrowed_free(). Returns %NULL after reporting a problem.
 */
static const char **
expect_string_list (Load        *load,
                    const Path  *path,
                    const Node  *node,
                    const char **buffer,
                    guint        buffer_len)
{
  const Node *array;
  const Node *element;
  const char **strv;
  gboolean ok = TRUE;
  guint n, i;

  if (!(array = expect_array (load, path, node)))
    return NULL;

  n = array->size;
  strv = n < buffer_len ? buffer : g_new (const char *, n + 1);

  for (i = 0, element = node_first_child (array); i < n; i++, element = node_next_sibling (element))
    {
      const char *text = expect_string (load, ELEMENT_PATH (path, i), element);

      if (text == NULL)
        ok = FALSE;
      strv[i] = text;
    }
  strv[n] = NULL;

  if (!ok)
    {
      if (strv != buffer)
        g_free (strv);
      return NULL;
    }

  return strv;
}

static void
strv_borrowed_free (const char **strv,
                    const char **buffer)
{
  if (strv != buffer)
    g_free (strv);
}

#define STRV_BUFFER_LEN 16

/* Records @id at @path; reports where it was first used if it already was. */
static gboolean
check_unique_id (Load       *load,
                 GHashTable *seen,
                 const Path *path,
                 const char *id,
                 const char *section,
                 guint       index)
{
  gpointer first;
  g_autofree char *shown = NULL;
  g_autofree char *first_path = NULL;

  if (!g_hash_table_lookup_extended (seen, id, NULL, &first))
    {
      g_hash_table_insert (seen, (gpointer) id, GUINT_TO_POINTER (index));
      return TRUE;
    }

  shown = shorten (id);
  first_path = g_strdup_printf ("%s[%u]", section, GPOINTER_TO_UINT (first));
  /* Translators: "“x” is already the id of events[2]" */
  load_error (load, path, _("“%s” is already the id of %s"), shown, first_path);
  return FALSE;
}

static void
load_format (Load       *load,
             const Node *node)
{
  const Path *path = MEMBER_PATH (NULL, "format");
  const char *text = expect_string (load, path, node);

  if (text != NULL && strcmp (text, FORMAT_NAME) != 0)
    {
      g_autofree char *shown = shorten (text);

      load_error (load, path, _("expected “%s”, found “%s”"), FORMAT_NAME, shown);
    }
}

static void
load_version (Load       *load,
              const Node *node)
{
  const Path *path = MEMBER_PATH (NULL, "version");
  g_autofree char *number = NULL;
  gint64 version;

  if (node->type != NODE_INTEGER)
    {
      /* "1.0" and "1e0" are numbers, but not how a version is written. */
      if (node->type == NODE_DOUBLE)
        load_error (load, path, _("expected a whole number such as 1, found a fraction"));
      else
        load_type_error (load, path, _("a whole number"), node);
      return;
    }

  version = node->v.integer;
  number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

  if (version < 1)
    {
      load_error (load, path, _("expected a positive version number, found %s"), number);
    }
  else if (version > FORMAT_VERSION)
    {
      load_error (load, path,
                  _("written by a newer version of Chronicle (format version %s); this version reads version %d"),
                  number, FORMAT_VERSION);
      load->newer_version = TRUE;
    }
}

static void
load_timezone (Load       *load,
               const Node *node)
{
  const Path *path = MEMBER_PATH (NULL, "timezone");
  const char *text;

  if (!(text = expect_string (load, path, node)))
    return;

  /* An empty name would mean UTC to the timeline; in a file it is a slip. */
  if (*text == '\0' || !chronicle_timeline_set_timezone (load->timeline, text))
    {
      g_autofree char *shown = shorten (text);

      load_error (load, path, _("expected a time zone name such as “Europe/Paris”, found “%s”"),
                  shown);
    }
}

static void
load_kinds (Load       *load,
            const Node *node)
{
  const Path *path = MEMBER_PATH (NULL, "kinds");
  g_autoptr(GHashTable) seen = NULL;
  const Node *array;
  const Node *element;
  guint n, i;

  if (!(array = expect_array (load, path, node)))
    return;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  n = array->size;

  for (i = 0, element = node_first_child (array);
       i < n && !load->stopped;
       i++, element = node_next_sibling (element))
    {
      const Path *kind_path = ELEMENT_PATH (path, i);
      const Node *slots[N_KIND_MEMBERS] = { NULL, };
      g_autoptr(ChronicleKind) kind = NULL;
      const Node *object;
      const char *id;
      const char *label;
      const char *color;
      const char *icon;

      if (!(object = expect_object (load, kind_path, element)))
        continue;

      collect_members (load, kind_path, object, kind_members, N_KIND_MEMBERS, slots, NULL);

      id = required_text (load, kind_path, "id", slots[KIND_ID],
                          _("missing “id”: every kind needs an id"));
      label = optional_text (load, kind_path, "label", slots[KIND_LABEL]);
      color = optional_color (load, kind_path, slots[KIND_COLOR]);
      icon = optional_text (load, kind_path, "icon", slots[KIND_ICON]);

      if (id == NULL || !check_unique_id (load, seen, MEMBER_PATH (kind_path, "id"), id, "kinds", i))
        continue;

      /* A built-in id relabels the built-in kind: what is not given keeps
       * the built-in's value. */
      kind = chronicle_kind_new (id, label, color, icon);
      chronicle_timeline_add_kind (load->timeline, kind);
    }
}

static void
load_actors (Load       *load,
             const Node *node)
{
  const Path *path = MEMBER_PATH (NULL, "actors");
  g_autoptr(GHashTable) seen = NULL;
  const Node *array;
  const Node *element;
  guint n, i;

  if (!(array = expect_array (load, path, node)))
    return;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  n = array->size;

  for (i = 0, element = node_first_child (array);
       i < n && !load->stopped;
       i++, element = node_next_sibling (element))
    {
      const Path *actor_path = ELEMENT_PATH (path, i);
      const Node *slots[N_ACTOR_MEMBERS] = { NULL, };
      g_autoptr(ChronicleActor) actor = NULL;
      const Node *object;
      const char *id;
      const char *name;
      const char *role;

      if (!(object = expect_object (load, actor_path, element)))
        continue;

      collect_members (load, actor_path, object, actor_members, N_ACTOR_MEMBERS, slots, NULL);

      id = required_text (load, actor_path, "id", slots[ACTOR_ID],
                          _("missing “id”: every actor needs an id"));
      name = required_text (load, actor_path, "name", slots[ACTOR_NAME],
                            _("missing “name”: every actor needs a name"));
      role = optional_text (load, actor_path, "role", slots[ACTOR_ROLE]);

      if (id == NULL || !check_unique_id (load, seen, MEMBER_PATH (actor_path, "id"), id, "actors", i))
        continue;

      if (name == NULL)
        continue;

      actor = chronicle_actor_new (id, name, role);
      chronicle_timeline_add_actor (load->timeline, actor);
    }
}

static void
load_eras (Load       *load,
           const Node *node)
{
  const Path *path = MEMBER_PATH (NULL, "eras");
  const Node *array;
  const Node *element;
  guint n, i;

  if (!(array = expect_array (load, path, node)))
    return;

  n = array->size;

  for (i = 0, element = node_first_child (array);
       i < n && !load->stopped;
       i++, element = node_next_sibling (element))
    {
      const Path *era_path = ELEMENT_PATH (path, i);
      const Node *slots[N_ERA_MEMBERS] = { NULL, };
      g_autoptr(ChronicleEra) era = NULL;
      ChronicleTime start, end;
      gboolean have_start = FALSE;
      gboolean have_end = FALSE;
      const Node *object;
      const char *title;
      const char *color;

      if (!(object = expect_object (load, era_path, element)))
        continue;

      collect_members (load, era_path, object, era_members, N_ERA_MEMBERS, slots, NULL);

      title = required_text (load, era_path, "title", slots[ERA_TITLE],
                             _("missing “title”: every era needs a title"));

      if (slots[ERA_START] == NULL)
        load_error (load, era_path, _("missing “start”: every era needs a start time"));
      else
        have_start = expect_time (load, MEMBER_PATH (era_path, "start"), slots[ERA_START], &start);

      if (slots[ERA_END] == NULL)
        load_error (load, era_path, _("missing “end”: every era needs an end time"));
      else
        have_end = expect_time (load, MEMBER_PATH (era_path, "end"), slots[ERA_END], &end);

      if (have_start && have_end &&
          !check_end_after_start (load, MEMBER_PATH (era_path, "end"), &start, &end,
                                  node_string (load, slots[ERA_START]),
                                  node_string (load, slots[ERA_END])))
        have_end = FALSE;

      color = optional_color (load, era_path, slots[ERA_COLOR]);

      if (title == NULL || !have_start || !have_end)
        continue;

      era = chronicle_era_new (title, &start, &end, color);
      chronicle_timeline_add_era (load->timeline, era);
    }
}

static gboolean
is_group_by (const char *text)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (group_by_values); i++)
    if (strcmp (text, group_by_values[i]) == 0)
      return TRUE;

  return FALSE;
}

/* Reads the filter's list member @member into @view with @setter. */
static gboolean
load_filter_list (Load          *load,
                  const Path    *filter_path,
                  const char    *member,
                  const Node    *node,
                  ChronicleView *view,
                  void         (*setter) (ChronicleView      *view,
                                          const char * const *values),
                  gboolean       statuses)
{
  const Path *path = MEMBER_PATH (filter_path, member);
  const char *buffer[STRV_BUFFER_LEN];
  const char **strv;
  gboolean ok = TRUE;
  guint i;

  if (node == NULL)
    return TRUE;

  if (!(strv = expect_string_list (load, path, node, buffer, G_N_ELEMENTS (buffer))))
    return FALSE;

  for (i = 0; statuses && strv[i] != NULL; i++)
    {
      ChronicleEventStatus status;

      if (!chronicle_event_status_from_string (strv[i], &status))
        {
          g_autofree char *shown = shorten (strv[i]);

          load_error (load, ELEMENT_PATH (path, i),
                      _("expected “occurred”, “planned”, “reported” or “cancelled”, found “%s”"),
                      shown);
          ok = FALSE;
        }
    }

  /* The view takes an empty list as no constraint, as the writer does. */
  if (ok)
    setter (view, (const char * const *) strv);

  strv_borrowed_free (strv, buffer);
  return ok;
}

static void
load_filter (Load          *load,
             const Path    *view_path,
             const Node    *node,
             ChronicleView *view)
{
  const Path *path = MEMBER_PATH (view_path, "filter");
  const Node *slots[N_FILTER_MEMBERS] = { NULL, };
  g_autoptr(JsonObject) extra = NULL;
  const Node *object;
  ChronicleTime time;
  const char *text;

  if (!(object = expect_object (load, path, node)))
    return;

  collect_members (load, path, object, filter_members, N_FILTER_MEMBERS, slots, &extra);

  load_filter_list (load, path, "kinds", slots[FILTER_KINDS], view, chronicle_view_set_kinds, FALSE);
  load_filter_list (load, path, "statuses", slots[FILTER_STATUSES], view, chronicle_view_set_statuses, TRUE);
  load_filter_list (load, path, "actors", slots[FILTER_ACTORS], view, chronicle_view_set_actors, FALSE);
  load_filter_list (load, path, "tags", slots[FILTER_TAGS], view, chronicle_view_set_tags, FALSE);

  if ((text = optional_text (load, path, "text", slots[FILTER_TEXT])))
    chronicle_view_set_text (view, text);

  if (slots[FILTER_FROM] != NULL &&
      expect_time (load, MEMBER_PATH (path, "from"), slots[FILTER_FROM], &time))
    chronicle_view_set_from (view, &time);

  if (slots[FILTER_TO] != NULL &&
      expect_time (load, MEMBER_PATH (path, "to"), slots[FILTER_TO], &time))
    chronicle_view_set_to (view, &time);

  if (extra != NULL)
    chronicle_view_set_extra_filter_members (view, extra);
}

static void
load_window (Load          *load,
             const Path    *view_path,
             const Node    *node,
             ChronicleView *view)
{
  const Path *path = MEMBER_PATH (view_path, "window");
  const Node *slots[N_WINDOW_MEMBERS] = { NULL, };
  const Node *object;
  ChronicleTime time;

  if (!(object = expect_object (load, path, node)))
    return;

  collect_members (load, path, object, window_members, N_WINDOW_MEMBERS, slots, NULL);

  if (slots[WINDOW_FROM] != NULL &&
      expect_time (load, MEMBER_PATH (path, "from"), slots[WINDOW_FROM], &time))
    chronicle_view_set_window_from (view, &time);

  if (slots[WINDOW_TO] != NULL &&
      expect_time (load, MEMBER_PATH (path, "to"), slots[WINDOW_TO], &time))
    chronicle_view_set_window_to (view, &time);
}

static void
load_views (Load       *load,
            const Node *node)
{
  const Path *path = MEMBER_PATH (NULL, "views");
  g_autoptr(GHashTable) seen = NULL;
  const Node *array;
  const Node *element;
  guint n, i;

  if (!(array = expect_array (load, path, node)))
    return;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  n = array->size;

  for (i = 0, element = node_first_child (array);
       i < n && !load->stopped;
       i++, element = node_next_sibling (element))
    {
      const Path *view_path = ELEMENT_PATH (path, i);
      const Node *slots[N_VIEW_MEMBERS] = { NULL, };
      g_autoptr(JsonObject) extra = NULL;
      g_autoptr(ChronicleView) view = NULL;
      const Node *object;
      const char *id;
      const char *title;
      guint n_errors_before = load->n_real_errors;

      if (!(object = expect_object (load, view_path, element)))
        continue;

      collect_members (load, view_path, object, view_members, N_VIEW_MEMBERS, slots, &extra);

      id = required_text (load, view_path, "id", slots[VIEW_ID],
                          _("missing “id”: every view needs an id"));
      if (id != NULL && !check_unique_id (load, seen, MEMBER_PATH (view_path, "id"), id, "views", i))
        id = NULL;

      /* Without a valid id the view is still read, so that every problem
       * in it is reported in one go, but it is not added. */
      view = chronicle_view_new (id != NULL ? id : "unnamed");

      if ((title = optional_text (load, view_path, "title", slots[VIEW_TITLE])))
        chronicle_view_set_title (view, title);

      if (slots[VIEW_FILTER] != NULL)
        load_filter (load, view_path, slots[VIEW_FILTER], view);

      if (slots[VIEW_GROUP_BY] != NULL)
        {
          const Path *group_path = MEMBER_PATH (view_path, "group_by");
          const char *group_by = expect_string (load, group_path, slots[VIEW_GROUP_BY]);

          if (group_by != NULL && is_group_by (group_by))
            {
              chronicle_view_set_group_by (view, group_by);
            }
          else if (group_by != NULL)
            {
              g_autofree char *shown = shorten (group_by);

              load_error (load, group_path,
                          _("expected “kind”, “actor”, “tag”, “status” or “none”, found “%s”"),
                          shown);
            }
        }

      if (slots[VIEW_WINDOW] != NULL)
        load_window (load, view_path, slots[VIEW_WINDOW], view);

      if (extra != NULL)
        chronicle_view_set_extra_members (view, extra);

      if (id != NULL && load->n_real_errors == n_errors_before)
        chronicle_timeline_add_view (load->timeline, view);
    }
}

static void
load_quotes (Load           *load,
             const Path     *event_path,
             const Node     *node,
             ChronicleEvent *event)
{
  const Path *path = MEMBER_PATH (event_path, "quotes");
  const Node *array;
  const Node *element;
  guint n, i;

  if (!(array = expect_array (load, path, node)))
    return;

  n = array->size;

  for (i = 0, element = node_first_child (array); i < n; i++, element = node_next_sibling (element))
    {
      const Path *quote_path = ELEMENT_PATH (path, i);
      const Node *slots[N_QUOTE_MEMBERS] = { NULL, };
      ChronicleQuote quote;
      const Node *object;
      const char *text;

      if (!(object = expect_object (load, quote_path, element)))
        continue;

      collect_members (load, quote_path, object, quote_members, N_QUOTE_MEMBERS, slots, NULL);

      text = required_text (load, quote_path, "text", slots[QUOTE_TEXT],
                            _("missing “text”: every quote needs its text"));

      quote.text = (char *) text;
      quote.speaker = (char *) optional_text (load, quote_path, "speaker", slots[QUOTE_SPEAKER]);
      quote.source = (char *) optional_text (load, quote_path, "source", slots[QUOTE_SOURCE]);

      if (text != NULL && event != NULL)
        chronicle_event_add_quote (event, &quote);
    }
}

static gboolean
is_openable_url (const char *url)
{
  const char *scheme = g_uri_peek_scheme (url);

  return scheme != NULL &&
         (strcmp (scheme, "http") == 0 ||
          strcmp (scheme, "https") == 0 ||
          strcmp (scheme, "mailto") == 0);
}

static void
load_sources (Load           *load,
              const Path     *event_path,
              const Node     *node,
              ChronicleEvent *event)
{
  const Path *path = MEMBER_PATH (event_path, "sources");
  const Node *array;
  const Node *element;
  guint n, i;

  if (!(array = expect_array (load, path, node)))
    return;

  n = array->size;

  for (i = 0, element = node_first_child (array); i < n; i++, element = node_next_sibling (element))
    {
      const Path *source_path = ELEMENT_PATH (path, i);
      const Node *slots[N_SOURCE_MEMBERS] = { NULL, };
      ChronicleSource source;
      const Node *object;
      ChronicleTime date;
      gboolean ok = TRUE;

      if (!(object = expect_object (load, source_path, element)))
        continue;

      collect_members (load, source_path, object, source_members, N_SOURCE_MEMBERS, slots, NULL);

      source.title = (char *) optional_text (load, source_path, "title", slots[SOURCE_TITLE]);
      source.publisher = (char *) optional_text (load, source_path, "publisher", slots[SOURCE_PUBLISHER]);
      source.url = (char *) optional_text (load, source_path, "url", slots[SOURCE_URL]);
      source.date = (char *) optional_text (load, source_path, "date", slots[SOURCE_DATE]);

      if (source.url != NULL && !is_openable_url (source.url))
        {
          g_autofree char *shown = shorten (source.url);

          load_warning (load, MEMBER_PATH (source_path, "url"),
                        _("expected an http, https or mailto address, found “%s”; it will not be opened"),
                        shown);
        }

      if (source.date != NULL)
        ok = parse_time (load, MEMBER_PATH (source_path, "date"), source.date, &date);

      if (ok && event != NULL)
        chronicle_event_add_source (event, &source);
    }
}

static void
check_event_kind (Load       *load,
                  const Path *event_path,
                  const char *kind)
{
  ChronicleKind *other;
  g_autofree char *shown = NULL;

  if (chronicle_timeline_lookup_kind (load->timeline, kind) != NULL)
    return;

  /* One warning per unknown kind, not one per event. */
  if (load->warned_kinds == NULL)
    load->warned_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  else if (g_hash_table_contains (load->warned_kinds, kind))
    return;

  g_hash_table_add (load->warned_kinds, g_strdup (kind));

  other = chronicle_timeline_lookup_kind (load->timeline, CHRONICLE_KIND_OTHER);
  shown = shorten (kind);
  /* Translators: the second %s is the label of the kind "other" */
  load_warning (load, MEMBER_PATH (event_path, "kind"),
                _("unknown kind “%s”; it is drawn as “%s”"),
                shown, other != NULL ? chronicle_kind_get_label (other) : CHRONICLE_KIND_OTHER);
}

/* Returns the event, or %NULL when it has errors (they are reported). */
static ChronicleEvent *
load_event (Load       *load,
            GHashTable *ids,
            const Node *element,
            const Path *events_path,
            guint       index)
{
  const Path *path = ELEMENT_PATH (events_path, index);
  const Node *slots[N_EVENT_MEMBERS] = { NULL, };
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(ChronicleEvent) event = NULL;
  const char *buffer[STRV_BUFFER_LEN];
  guint n_errors_before = load->n_real_errors;
  ChronicleEventStatus status = CHRONICLE_EVENT_STATUS_OCCURRED;
  ChronicleTime start, end;
  gboolean have_start = FALSE;
  gboolean have_end = FALSE;
  gboolean approximate = FALSE;
  const Node *object;
  const char *id = NULL;
  const char *title;
  const char *kind = NULL;
  const char *text;

  if (!(object = expect_object (load, path, element)))
    return NULL;

  collect_members (load, path, object, event_members, N_EVENT_MEMBERS, slots, &extra);

  if (slots[EVENT_ID] != NULL)
    {
      const Path *id_path = MEMBER_PATH (path, "id");

      id = expect_text (load, id_path, slots[EVENT_ID]);
      if (id != NULL && !check_unique_id (load, ids, id_path, id, "events", index))
        id = NULL;
    }

  title = required_text (load, path, "title", slots[EVENT_TITLE],
                         _("missing “title”: every event needs a title"));

  if (slots[EVENT_KIND] != NULL)
    {
      kind = expect_text (load, MEMBER_PATH (path, "kind"), slots[EVENT_KIND]);
      if (kind != NULL)
        check_event_kind (load, path, kind);
    }

  if (slots[EVENT_STATUS] != NULL)
    {
      const Path *status_path = MEMBER_PATH (path, "status");

      if ((text = expect_string (load, status_path, slots[EVENT_STATUS])) &&
          !chronicle_event_status_from_string (text, &status))
        {
          g_autofree char *shown = shorten (text);

          load_error (load, status_path,
                      _("expected “occurred”, “planned”, “reported” or “cancelled”, found “%s”"),
                      shown);
        }
    }

  if (slots[EVENT_START] == NULL)
    load_error (load, path, _("missing “start”: every event needs a start time"));
  else
    have_start = expect_time (load, MEMBER_PATH (path, "start"), slots[EVENT_START], &start);

  if (slots[EVENT_END] != NULL)
    {
      const Path *end_path = MEMBER_PATH (path, "end");

      have_end = expect_time (load, end_path, slots[EVENT_END], &end);
      if (have_start && have_end &&
          !check_end_after_start (load, end_path, &start, &end,
                                  node_string (load, slots[EVENT_START]),
                                  node_string (load, slots[EVENT_END])))
        have_end = FALSE;
    }

  if (slots[EVENT_APPROXIMATE] != NULL)
    expect_boolean (load, MEMBER_PATH (path, "approximate"), slots[EVENT_APPROXIMATE], &approximate);

  /* The event is built only while it is still valid; the checks go on
   * regardless, to report every problem at once. */
  if (title != NULL && have_start && load->n_real_errors == n_errors_before)
    event = chronicle_event_new (id, title, &start);

  if (event != NULL)
    {
      chronicle_event_set_file_index (event, index);
      if (kind != NULL)
        chronicle_event_set_kind (event, kind);
      if (status != CHRONICLE_EVENT_STATUS_OCCURRED)
        chronicle_event_set_status (event, status);
      if (have_end)
        chronicle_event_set_end (event, &end);
      if (approximate)
        chronicle_event_set_approximate (event, TRUE);
    }

  if ((text = optional_text (load, path, "summary", slots[EVENT_SUMMARY])) && event != NULL)
    chronicle_event_set_summary (event, text);

  if ((text = optional_text (load, path, "description", slots[EVENT_DESCRIPTION])) && event != NULL)
    chronicle_event_set_description (event, text);

  if (slots[EVENT_ACTORS] != NULL)
    {
      const char **actors = expect_string_list (load, MEMBER_PATH (path, "actors"),
                                                slots[EVENT_ACTORS], buffer, G_N_ELEMENTS (buffer));

      if (actors != NULL && actors[0] != NULL && event != NULL)
        chronicle_event_set_actors (event, (const char * const *) actors);
      strv_borrowed_free (actors, buffer);
    }

  if ((text = optional_text (load, path, "location", slots[EVENT_LOCATION])) && event != NULL)
    chronicle_event_set_location (event, text);

  if (slots[EVENT_QUOTES] != NULL)
    load_quotes (load, path, slots[EVENT_QUOTES], event);

  if (slots[EVENT_SOURCES] != NULL)
    load_sources (load, path, slots[EVENT_SOURCES], event);

  if (slots[EVENT_TAGS] != NULL)
    {
      const char **tags = expect_string_list (load, MEMBER_PATH (path, "tags"),
                                              slots[EVENT_TAGS], buffer, G_N_ELEMENTS (buffer));

      if (tags != NULL && tags[0] != NULL && event != NULL)
        chronicle_event_set_tags (event, (const char * const *) tags);
      strv_borrowed_free (tags, buffer);
    }

  if (load->n_real_errors != n_errors_before)
    return NULL;

  if (extra != NULL && event != NULL)
    chronicle_event_set_extra_members (event, extra);

  return g_steal_pointer (&event);
}

static void
load_events (Load       *load,
             const Node *node)
{
  const Path *path = MEMBER_PATH (NULL, "events");
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GError) error = NULL;
  const Node *array;
  const Node *element;
  guint n, i;

  if (!(array = expect_array (load, path, node)))
    return;

  n = array->size;
  events = g_ptr_array_new_full (n, g_object_unref);
  ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (i = 0, element = node_first_child (array);
       i < n && !load->stopped;
       i++, element = node_next_sibling (element))
    {
      ChronicleEvent *event;

      if (g_cancellable_is_cancelled (load->cancellable))
        return;

      if ((i & 0x3FF) == 0)
        chronicle_loader_report_progress (load->self,
                                          PROGRESS_PARSE +
                                          (PROGRESS_EVENTS - PROGRESS_PARSE) * i / MAX (n, 1));

      event = load_event (load, ids, element, path, i);

      /* Once the load has failed, events are only checked, not kept. */
      if (event != NULL && load->n_real_errors == 0)
        g_ptr_array_add (events, event);
      else if (event != NULL)
        g_object_unref (event);
    }

  if (load->n_real_errors > 0)
    return;

  chronicle_loader_report_progress (load->self, PROGRESS_EVENTS);

  if (!chronicle_timeline_add_events (load->timeline, (ChronicleEvent **) events->pdata,
                                      events->len, &error))
    load_error (load, path, "%s", error->message);
}

static void
load_document (Load       *load,
               const Node *root)
{
  const Node *slots[N_TOP_MEMBERS] = { NULL, };
  g_autoptr(JsonObject) extra = NULL;
  const char *text;

  collect_members (load, NULL, root, top_level_members, N_TOP_MEMBERS, slots, &extra);

  if (slots[TOP_FORMAT] != NULL)
    load_format (load, slots[TOP_FORMAT]);

  if (slots[TOP_VERSION] != NULL)
    load_version (load, slots[TOP_VERSION]);

  /* The rest of a newer file would only bring confusing errors. */
  if (load->newer_version)
    return;

  if ((text = optional_text (load, NULL, "title", slots[TOP_TITLE])))
    chronicle_timeline_set_title (load->timeline, text);

  if ((text = optional_text (load, NULL, "description", slots[TOP_DESCRIPTION])))
    chronicle_timeline_set_description (load->timeline, text);

  /* Before the events: their times are read on this zone's wall clock. */
  if (slots[TOP_TIMEZONE] != NULL)
    load_timezone (load, slots[TOP_TIMEZONE]);
  load->tz = chronicle_timeline_get_time_zone (load->timeline);

  /* Before the events too, which name kinds. */
  if (slots[TOP_KINDS] != NULL && !load->stopped)
    load_kinds (load, slots[TOP_KINDS]);

  if (slots[TOP_ACTORS] != NULL && !load->stopped)
    load_actors (load, slots[TOP_ACTORS]);

  if (slots[TOP_ERAS] != NULL && !load->stopped)
    load_eras (load, slots[TOP_ERAS]);

  if (slots[TOP_VIEWS] != NULL && !load->stopped)
    load_views (load, slots[TOP_VIEWS]);

  if (slots[TOP_EVENTS] == NULL)
    load_error (load, NULL, _("missing “events”: a timeline needs a list of events"));
  else if (!load->stopped)
    load_events (load, slots[TOP_EVENTS]);

  if (extra != NULL)
    chronicle_timeline_set_extra_members (load->timeline, extra);
}

static void
load_syntax_error (Load       *load,
                   guint       line,
                   guint       column,
                   const char *message)
{
  load->syntax_error = TRUE;
  load_add_diagnostic (load, CHRONICLE_SEVERITY_ERROR, line, column, NULL, message);
}

/* The document a load walks: its values and its text. */
typedef struct
{
  GArray  *nodes;
  GString *text;
} Document;

static void
document_clear (Document *document)
{
  g_clear_pointer (&document->nodes, g_array_unref);
  if (document->text != NULL)
    g_string_free (g_steal_pointer (&document->text), TRUE);
}

/* Parses @data into @document; FALSE after reporting, or when cancelled. */
static gboolean
load_parse (Load       *load,
            const char *data,
            gsize       length,
            Document   *document)
{
  Scanner scanner = { 0, };

  /* A byte order mark says nothing in UTF-8; editors on Windows add it. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  scanner.end = data + length;
  scanner.p = data;
  scanner.line_start = data;
  scanner.line = 1;
  scanner.cancellable = load->cancellable;
  scanner.loader = load->self;
  scanner.begin = data;

  /* Unescaped text is never longer than the file, so the text buffer does
   * not move; a value takes about 16 bytes of a file. */
  scanner.text = g_string_sized_new (length + 1);
  scanner.nodes = g_array_sized_new (FALSE, FALSE, sizeof (Node), length / 16 + 16);

  document->nodes = scanner.nodes;
  document->text = scanner.text;

  if (scanner_scan_document (&scanner))
    return TRUE;

  if (!scanner.cancelled)
    {
      guint line, column;

      scanner_get_position (&scanner, &line, &column);
      load_syntax_error (load, line, column, scanner.error_message);
      g_free (scanner.error_message);
    }

  document_clear (document);
  return FALSE;
}

static void
chronicle_loader_reset (ChronicleLoader *self,
                        const char      *display_name)
{
  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_ptr_array_set_size (self->diagnostics, 0);
  self->n_errors = 0;
  self->n_warnings = 0;
  g_atomic_int_set (&self->progress, 0);
  self->used_cache = FALSE;
}

/* The GError of a failed load: every error, one per line. */
static void
chronicle_loader_set_error (ChronicleLoader  *self,
                            int               code,
                            GError          **error)
{
  GString *message = g_string_new (NULL);
  guint i;

  for (i = 0; i < self->diagnostics->len; i++)
    {
      const ChronicleDiagnostic *diagnostic = g_ptr_array_index (self->diagnostics, i);
      g_autofree char *line = NULL;

      if (diagnostic->severity != CHRONICLE_SEVERITY_ERROR)
        continue;

      line = chronicle_diagnostic_to_string (diagnostic, self->display_name);
      if (message->len > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, line);
    }

  g_set_error_literal (error, CHRONICLE_LOADER_ERROR, code, message->str);
  g_string_free (message, TRUE);
}

static ChronicleTimeline *
chronicle_loader_load_data (ChronicleLoader  *self,
                            const char       *data,
                            gsize             length,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_autoptr(ChronicleTimeline) timeline = NULL;
  Document document = { NULL, NULL };
  Load load = { 0, };
  int code;

  load.self = self;
  load.cancellable = cancellable;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (load_parse (&load, data, length, &document))
    {
      timeline = chronicle_timeline_new ();
      load.timeline = timeline;
      load.text = document.text->str;

      if (!g_cancellable_is_cancelled (cancellable))
        load_document (&load, &g_array_index (document.nodes, Node, 0));
      g_clear_pointer (&load.warned_kinds, g_hash_table_unref);

      /* Only the unknown members, as JsonNodes, outlive the load. */
      document_clear (&document);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  chronicle_loader_report_progress (self, 1.0);

  if (self->n_errors == 0)
    return g_steal_pointer (&timeline);

  if (load.syntax_error)
    code = CHRONICLE_LOADER_ERROR_SYNTAX;
  else if (load.newer_version)
    code = CHRONICLE_LOADER_ERROR_VERSION;
  else
    code = CHRONICLE_LOADER_ERROR_CONTENT;

  chronicle_loader_set_error (self, code, error);
  return NULL;
}

/* Why a file could not be read, said shortly: the file name is already
 * in front of it. */
static const char *
describe_io_error (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_NOT_FOUND:
          return _("the file does not exist");

        case G_IO_ERROR_IS_DIRECTORY:
          return _("this is a folder, not a file");

        case G_IO_ERROR_PERMISSION_DENIED:
          return _("permission denied: you may not read this file");

        default:
          break;
        }
    }

  return error->message;
}

static void
cache_progress_cb (double   fraction,
                   gpointer user_data)
{
  chronicle_loader_report_progress (user_data, fraction);
}

/* The cache key of a local file big enough to be worth caching. */
static char *
cacheable_path (ChronicleLoader *self,
                GFile           *file,
                GCancellable    *cancellable,
                guint64         *size,
                gint64          *mtime)
{
  g_autofree char *path = NULL;
  g_autoptr(GFileInfo) info = NULL;
  const char *min_size = g_getenv ("CHRONICLE_CACHE_MIN_SIZE");

  if (!self->use_cache || g_getenv ("CHRONICLE_NO_CACHE") != NULL ||
      (path = g_file_get_path (file)) == NULL)
    return NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info == NULL ||
      !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) ||
      g_file_info_get_size (info) < (min_size != NULL ? (goffset) g_ascii_strtoll (min_size, NULL, 10)
                                                      : CHRONICLE_CACHE_MIN_SIZE))
    return NULL;

  *size = g_file_info_get_size (info);
  *mtime = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) *
           G_USEC_PER_SEC +
           g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);

  return g_steal_pointer (&path);
}

static ChronicleTimeline *
chronicle_loader_load_file_internal (ChronicleLoader  *self,
                                     GFile            *file,
                                     GCancellable     *cancellable,
                                     GError          **error)
{
  g_autofree char *display_name = g_file_get_basename (file);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *cache_key = NULL;
  ChronicleTimeline *timeline;
  guint64 size = 0;
  gint64 mtime = 0;
  gsize length = 0;

  chronicle_loader_reset (self, display_name);

  /* Opened before, unchanged since: the model as it was then. The key is
   * read before the file, so that a change while reading it shows. */
  cache_key = cacheable_path (self, file, cancellable, &size, &mtime);
  if (cache_key != NULL)
    {
      timeline = chronicle_cache_load (cache_key, size, mtime, cancellable, cache_progress_cb,
                                       self);
      if (timeline != NULL)
        {
          self->used_cache = TRUE;
          return timeline;
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      ChronicleDiagnostic *diagnostic;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      diagnostic = chronicle_diagnostic_new (CHRONICLE_SEVERITY_ERROR, 0, 0, NULL,
                                             describe_io_error (local_error));
      g_ptr_array_add (self->diagnostics, diagnostic);
      self->n_errors++;
      chronicle_loader_set_error (self, CHRONICLE_LOADER_ERROR_IO, error);
      return NULL;
    }

  chronicle_loader_report_progress (self, PROGRESS_READ);

  timeline = chronicle_loader_load_data (self, contents, length, cancellable, error);

  /* Only what loads without a word to say is cached: a cache keeps no
   * diagnostics. */
  if (timeline != NULL && cache_key != NULL && self->diagnostics->len == 0)
    {
      /* The model is read here, before anyone else has it; the file is
       * written in the background. */
      g_clear_pointer (&contents, g_free);
      chronicle_cache_save (timeline, cache_key, size, mtime);
    }

  /* What views read of every event, made here, off the thread that will
   * show the timeline. */
  if (timeline != NULL)
    chronicle_event_table_unref (chronicle_timeline_get_table (timeline));

  return timeline;
}

static void
chronicle_loader_load_file_thread (GTask        *task,
                                   gpointer      source_object,
                                   gpointer      task_data,
                                   GCancellable *cancellable)
{
  ChronicleLoader *self = source_object;
  GFile *file = task_data;
  ChronicleTimeline *timeline;
  GError *error = NULL;

  g_assert (CHRONICLE_IS_LOADER (self));
  g_assert (G_IS_FILE (file));

  timeline = chronicle_loader_load_file_internal (self, file, cancellable, &error);

  if (timeline != NULL)
    g_task_return_pointer (task, timeline, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
chronicle_loader_finalize (GObject *object)
{
  ChronicleLoader *self = (ChronicleLoader *)object;

  g_clear_pointer (&self->diagnostics, g_ptr_array_unref);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->progress_context, g_main_context_unref);

  G_OBJECT_CLASS (chronicle_loader_parent_class)->finalize (object);
}

static void
chronicle_loader_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChronicleLoader *self = CHRONICLE_LOADER (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, chronicle_loader_get_progress (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chronicle_loader_class_init (ChronicleLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chronicle_loader_finalize;
  object_class->get_property = chronicle_loader_get_property;

  /**
   * ChronicleLoader:progress:
   *
   * How far the load is, from 0 to 1.
   */
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chronicle_loader_init (ChronicleLoader *self)
{
  self->diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) chronicle_diagnostic_free);
  self->use_cache = TRUE;
}

ChronicleLoader *
chronicle_loader_new (void)
{
  return g_object_new (CHRONICLE_TYPE_LOADER, NULL);
}

/**
 * chronicle_loader_load_file:
 * @cancellable: (nullable): checked between events
 *
 * Reads and checks @file. On failure @error is in CHRONICLE_LOADER_ERROR
 * (or G_IO_ERROR_CANCELLED) and its message lists every error found; the
 * diagnostics say the same, warnings included.
 *
 * Returns: (transfer full) (nullable): the timeline
 */
ChronicleTimeline *
chronicle_loader_load_file (ChronicleLoader  *self,
                            GFile            *file,
                            GCancellable     *cancellable,
                            GError          **error)
{
  g_return_val_if_fail (CHRONICLE_IS_LOADER (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (!self->used, NULL);

  self->used = TRUE;

  return chronicle_loader_load_file_internal (self, file, cancellable, error);
}

/**
 * chronicle_loader_load_bytes:
 * @display_name: (nullable): the name messages give the data
 *
 * Like chronicle_loader_load_file(), for data already in memory.
 *
 * Returns: (transfer full) (nullable): the timeline
 */
ChronicleTimeline *
chronicle_loader_load_bytes (ChronicleLoader  *self,
                             GBytes           *bytes,
                             const char       *display_name,
                             GCancellable     *cancellable,
                             GError          **error)
{
  const char *data;
  gsize length;

  g_return_val_if_fail (CHRONICLE_IS_LOADER (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (!self->used, NULL);

  self->used = TRUE;
  chronicle_loader_reset (self, display_name);

  data = g_bytes_get_data (bytes, &length);

  /* g_bytes_get_data() gives NULL for empty bytes. */
  return chronicle_loader_load_data (self, data != NULL ? data : "", length, cancellable, error);
}

/**
 * chronicle_loader_load_file_async:
 *
 * Reads @file, checks it and builds the timeline in a worker thread. Do
 * not use @self until @callback runs; then call
 * chronicle_loader_load_file_finish() and read the diagnostics.
 */
void
chronicle_loader_load_file_async (ChronicleLoader     *self,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CHRONICLE_IS_LOADER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (!self->used);

  self->used = TRUE;
  self->progress_context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, chronicle_loader_load_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, chronicle_loader_load_file_thread);
}

/**
 * chronicle_loader_load_file_finish:
 *
 * Returns: (transfer full) (nullable): the timeline
 */
ChronicleTimeline *
chronicle_loader_load_file_finish (ChronicleLoader  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  g_return_val_if_fail (CHRONICLE_IS_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * chronicle_loader_get_diagnostics:
 *
 * Returns: (transfer none) (element-type ChronicleDiagnostic): what the
 *   last load found
 */
GPtrArray *
chronicle_loader_get_diagnostics (ChronicleLoader *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LOADER (self), NULL);

  return self->diagnostics;
}

guint
chronicle_loader_get_n_errors (ChronicleLoader *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LOADER (self), 0);

  return self->n_errors;
}

guint
chronicle_loader_get_n_warnings (ChronicleLoader *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LOADER (self), 0);

  return self->n_warnings;
}

const char *
chronicle_loader_get_display_name (ChronicleLoader *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LOADER (self), NULL);

  return self->display_name;
}

/**
 * chronicle_loader_get_progress:
 *
 * Returns: how far the load is, from 0 to 1
 */
double
chronicle_loader_get_progress (ChronicleLoader *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LOADER (self), 0.0);

  return g_atomic_int_get (&self->progress) / 1000.0;
}

/**
 * chronicle_loader_set_use_cache:
 *
 * Whether loading a big file reads and writes the cache (chronicle-cache.h).
 * On by default; the environment variable CHRONICLE_NO_CACHE turns it off
 * for every loader.
 */
void
chronicle_loader_set_use_cache (ChronicleLoader *self,
                                gboolean         use_cache)
{
  g_return_if_fail (CHRONICLE_IS_LOADER (self));

  self->use_cache = !!use_cache;
}

gboolean
chronicle_loader_get_use_cache (ChronicleLoader *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LOADER (self), FALSE);

  return self->use_cache;
}

/**
 * chronicle_loader_get_used_cache:
 *
 * Returns: whether the last load read the cache instead of the file
 */
gboolean
chronicle_loader_get_used_cache (ChronicleLoader *self)
{
  g_return_val_if_fail (CHRONICLE_IS_LOADER (self), FALSE);

  return self->used_cache;
}
