/* chronicle-data-export.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-data-export"

#include "config.h"

#include "chronicle-data-export.h"

#include "chronicle-writer.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)

/* RFC 5545 §3.1: content lines are folded at 75 octets, CRLF not counted. */
#define ICAL_MAX_LINE_OCTETS 75
#define ICAL_PRODID          "-//Chronicle//Chronicle 0.1//EN"
/* iCalendar years have four digits: 0001-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z. */
#define ICAL_MIN_INSTANT G_GINT64_CONSTANT (-62135596800)
#define ICAL_MAX_INSTANT G_GINT64_CONSTANT (253402300799)

typedef struct
{
  const char *name;
  const char *extension;
  const char *mime_type;
  const char *label;
} FormatInfo;

/* Indexed by ChronicleExportFormat. */
static const FormatInfo format_infos[] = {
  { "json", "json", "application/json", N_("Chronicle timeline (JSON)") },
  { "csv", "csv", "text/csv", N_("CSV spreadsheet") },
  { "ics", "ics", "text/calendar", N_("iCalendar file") },
  { "markdown", "md", "text/markdown", N_("Markdown document") },
  { "png", "png", "image/png", N_("PNG image") },
  { "svg", "svg", "image/svg+xml", N_("SVG image") },
  { "pdf", "pdf", "application/pdf", N_("PDF document") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (format_infos) == CHRONICLE_EXPORT_N_FORMATS);

typedef struct
{
  const char            *name;
  ChronicleExportFormat  format;
} FormatAlias;

static const FormatAlias extension_aliases[] = {
  { "json", CHRONICLE_EXPORT_FORMAT_JSON },
  { "chronicle", CHRONICLE_EXPORT_FORMAT_JSON },
  { "csv", CHRONICLE_EXPORT_FORMAT_CSV },
  { "ics", CHRONICLE_EXPORT_FORMAT_ICALENDAR },
  { "ical", CHRONICLE_EXPORT_FORMAT_ICALENDAR },
  { "md", CHRONICLE_EXPORT_FORMAT_MARKDOWN },
  { "markdown", CHRONICLE_EXPORT_FORMAT_MARKDOWN },
  { "png", CHRONICLE_EXPORT_FORMAT_PNG },
  { "svg", CHRONICLE_EXPORT_FORMAT_SVG },
  { "pdf", CHRONICLE_EXPORT_FORMAT_PDF },
};

static const FormatAlias name_aliases[] = {
  { "json", CHRONICLE_EXPORT_FORMAT_JSON },
  { "csv", CHRONICLE_EXPORT_FORMAT_CSV },
  { "ics", CHRONICLE_EXPORT_FORMAT_ICALENDAR },
  { "icalendar", CHRONICLE_EXPORT_FORMAT_ICALENDAR },
  { "markdown", CHRONICLE_EXPORT_FORMAT_MARKDOWN },
  { "md", CHRONICLE_EXPORT_FORMAT_MARKDOWN },
  { "png", CHRONICLE_EXPORT_FORMAT_PNG },
  { "svg", CHRONICLE_EXPORT_FORMAT_SVG },
  { "pdf", CHRONICLE_EXPORT_FORMAT_PDF },
};

/* Dates in iCalendar: days since 1970-01-01 for all-day events, UTC
 * instants otherwise; the end is exclusive. */
typedef struct
{
  gboolean all_day;
  gboolean has_end;
  gint64   start;
  gint64   end;
} IcalDates;

G_DEFINE_QUARK (chronicle-data-export-error-quark, chronicle_data_export_error)

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

static gboolean
lookup_alias (const FormatAlias     *aliases,
              gsize                  n_aliases,
              const char            *name,
              ChronicleExportFormat *format)
{
  for (gsize i = 0; i < n_aliases; i++)
    {
      if (g_ascii_strcasecmp (aliases[i].name, name) == 0)
        {
          if (format != NULL)
            *format = aliases[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
url_is_web (const char *url)
{
  const char *scheme;

  if (is_empty (url))
    return FALSE;

  scheme = g_uri_peek_scheme (url);
  return g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0;
}

/* The URLs the app opens: the same ones Markdown may link to. */
static gboolean
url_is_link (const char *url)
{
  return url_is_web (url) || g_strcmp0 (g_uri_peek_scheme (url != NULL ? url : ""), "mailto") == 0;
}

static GPtrArray *
timeline_get_all_events (ChronicleTimeline *timeline)
{
  guint n_events = chronicle_timeline_get_n_events (timeline);
  GPtrArray *events = g_ptr_array_new_full (n_events, g_object_unref);

  for (guint i = 0; i < n_events; i++)
    g_ptr_array_add (events, g_object_ref (chronicle_timeline_get_event (timeline, i)));

  return events;
}

/* "Timeline title — View title", or whichever of the two there is. */
static char *
export_title (ChronicleTimeline *timeline,
              const char        *view_title)
{
  const char *title = chronicle_timeline_get_title (timeline);

  if (!is_empty (title) && !is_empty (view_title))
    /* Translators: the title of an exported view: the timeline's title,
     * then the view's, as in "Chicago, August 2025 — The mayor’s statements" */
    return g_strdup_printf (_("%1$s — %2$s"), title, view_title);
  if (!is_empty (view_title))
    return g_strdup (view_title);
  if (!is_empty (title))
    return g_strdup (title);

  return NULL;
}

/* The kind's label, or its id as written when the timeline does not know it. */
static const char *
event_kind_label (ChronicleTimeline *timeline,
                  ChronicleEvent    *event)
{
  const char *id = chronicle_event_get_kind (event);
  ChronicleKind *kind = chronicle_timeline_lookup_kind (timeline, id);

  return kind != NULL ? chronicle_kind_get_label (kind) : id;
}

static char *
join_strv (const char * const *strv,
           const char         *separator)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (joined, separator);
      g_string_append (joined, strv[i]);
    }

  return g_string_free (joined, FALSE);
}

static char *
join_actor_names (ChronicleTimeline *timeline,
                  ChronicleEvent    *event,
                  const char        *separator)
{
  const char * const *actors = chronicle_event_get_actors (event);
  GString *joined = g_string_new (NULL);

  for (guint i = 0; actors != NULL && actors[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (joined, separator);
      g_string_append (joined, chronicle_timeline_get_actor_name (timeline, actors[i]));
    }

  return g_string_free (joined, FALSE);
}

/* "Donald Trump, Truth Social": who said it, and where. */
static char *
quote_attribution (ChronicleTimeline    *timeline,
                   const ChronicleQuote *quote)
{
  const char *speaker = NULL;

  if (!is_empty (quote->speaker))
    speaker = chronicle_timeline_get_actor_name (timeline, quote->speaker);

  if (!is_empty (speaker) && !is_empty (quote->source))
    /* Translators: who said a quotation, then where it was said or
     * published: "Donald Trump, Truth Social" */
    return g_strdup_printf (C_("quote attribution", "%1$s, %2$s"), speaker, quote->source);
  if (!is_empty (speaker))
    return g_strdup (speaker);
  if (!is_empty (quote->source))
    return g_strdup (quote->source);

  return NULL;
}

/* Dates for people: the range, or the start at its precision. */
static char *
format_event_date (ChronicleEvent *event)
{
  const ChronicleTime *start = chronicle_event_get_start (event);
  const ChronicleTime *end = chronicle_event_get_end (event);

  if (end != NULL)
    return chronicle_time_format_range (start, end);

  return chronicle_time_format (start);
}

/* A source's date is ISO 8601 as written: shown for people when it
 * parses, as written otherwise. */
static char *
format_source_date (ChronicleTimeline *timeline,
                    const char        *date)
{
  ChronicleTime time;

  if (is_empty (date))
    return NULL;

  if (chronicle_time_parse (date, chronicle_timeline_get_time_zone (timeline), &time, NULL))
    return chronicle_time_format (&time);

  return g_strdup (date);
}

/* Plain text, shared by the clipboard text and the iCalendar description:
 * blocks are separated by one empty line. */
static void
text_begin_block (GString *out)
{
  if (out->len == 0)
    return;

  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  g_string_append (out, "\n\n");
}

static void
text_append_block (GString    *out,
                   const char *text)
{
  if (is_empty (text))
    return;

  text_begin_block (out);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

static void
text_append_quote (GString              *out,
                   ChronicleTimeline    *timeline,
                   const ChronicleQuote *quote)
{
  g_autofree char *attribution = quote_attribution (timeline, quote);

  if (is_empty (quote->text))
    return;

  text_begin_block (out);
  /* Translators: a quotation in running text; use your language's quotation marks */
  g_string_append_printf (out, C_("quotation", "“%s”"), quote->text);
  g_string_append_c (out, '\n');
  if (attribution != NULL)
    g_string_append_printf (out, "— %s\n", attribution);
}

/* CSV (RFC 4180) */

static void
csv_append_field (GString    *out,
                  const char *text,
                  gboolean    first)
{
  if (!first)
    g_string_append_c (out, ',');

  if (text == NULL)
    return;

  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static GBytes *
export_csv (ChronicleTimeline *timeline,
            GPtrArray         *events)
{
  static const char * const header[] = {
    "id", "title", "kind", "status", "start", "end", "approximate",
    "location", "actors", "tags", "summary", "source_urls",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    csv_append_field (out, header[i], i == 0);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);
      const ChronicleTime *end = chronicle_event_get_end (event);
      GPtrArray *sources = chronicle_event_get_sources (event);
      g_autofree char *start_text = chronicle_time_to_iso8601 (chronicle_event_get_start (event));
      g_autofree char *end_text = end != NULL ? chronicle_time_to_iso8601 (end) : NULL;
      g_autofree char *actors = join_actor_names (timeline, event, "; ");
      g_autofree char *tags = join_strv (chronicle_event_get_tags (event), "; ");
      g_autoptr(GString) urls = g_string_new (NULL);

      for (guint j = 0; j < sources->len; j++)
        {
          const ChronicleSource *source = g_ptr_array_index (sources, j);

          if (is_empty (source->url))
            continue;
          if (urls->len > 0)
            g_string_append_c (urls, ' ');
          g_string_append (urls, source->url);
        }

      csv_append_field (out, chronicle_event_get_id (event), TRUE);
      csv_append_field (out, chronicle_event_get_title (event), FALSE);
      csv_append_field (out, chronicle_event_get_kind (event), FALSE);
      csv_append_field (out, chronicle_event_status_to_string (chronicle_event_get_status (event)), FALSE);
      csv_append_field (out, start_text, FALSE);
      csv_append_field (out, end_text, FALSE);
      csv_append_field (out, chronicle_event_get_approximate (event) ? "true" : "false", FALSE);
      csv_append_field (out, chronicle_event_get_location (event), FALSE);
      csv_append_field (out, actors, FALSE);
      csv_append_field (out, tags, FALSE);
      csv_append_field (out, chronicle_event_get_summary (event), FALSE);
      csv_append_field (out, urls->str, FALSE);
      g_string_append (out, "\r\n");
    }

  return g_string_free_to_bytes (out);
}

/* iCalendar (RFC 5545) */

static gint64
floor_divide (gint64 a,
              gint64 b)
{
  gint64 quotient = a / b;

  if (a % b != 0 && (a < 0) != (b < 0))
    quotient--;

  return quotient;
}

/* The first day of the period @time names, on its wall clock. */
static gint64
period_first_day (const ChronicleTime *time)
{
  int year, month, day, hour, minute, second;

  chronicle_time_get_civil (time, &year, &month, &day, &hour, &minute, &second);

  switch (chronicle_time_get_precision (time))
    {
    case CHRONICLE_TIME_PRECISION_YEAR:
      return chronicle_days_from_civil (year, 1, 1);

    case CHRONICLE_TIME_PRECISION_MONTH:
      return chronicle_days_from_civil (year, month, 1);

    case CHRONICLE_TIME_PRECISION_DAY:
    case CHRONICLE_TIME_PRECISION_MINUTE:
    case CHRONICLE_TIME_PRECISION_SECOND:
    default:
      return chronicle_days_from_civil (year, month, day);
    }
}

/* The day after the last day of the period @time names: the exclusive
 * DTEND of an all-day event. */
static gint64
period_end_day (const ChronicleTime *time)
{
  int year, month, day, hour, minute, second;

  chronicle_time_get_civil (time, &year, &month, &day, &hour, &minute, &second);

  switch (chronicle_time_get_precision (time))
    {
    case CHRONICLE_TIME_PRECISION_YEAR:
      return chronicle_days_from_civil ((gint64) year + 1, 1, 1);

    case CHRONICLE_TIME_PRECISION_MONTH:
      if (month == 12)
        return chronicle_days_from_civil ((gint64) year + 1, 1, 1);
      return chronicle_days_from_civil (year, month + 1, 1);

    case CHRONICLE_TIME_PRECISION_DAY:
    case CHRONICLE_TIME_PRECISION_MINUTE:
    case CHRONICLE_TIME_PRECISION_SECOND:
    default:
      return chronicle_days_from_civil (year, month, day) + 1;
    }
}

static gboolean
ical_day_fits (gint64 days)
{
  return days * SECONDS_PER_DAY >= ICAL_MIN_INSTANT &&
         days * SECONDS_PER_DAY <= ICAL_MAX_INSTANT;
}

static gboolean
ical_instant_fits (gint64 instant)
{
  return instant >= ICAL_MIN_INSTANT && instant <= ICAL_MAX_INSTANT;
}

/* Day precision and coarser become all-day events spanning the whole
 * period; precise times become UTC date-times (no VTIMEZONE needed, and
 * every client shows them at the right moment). FALSE when a date falls
 * outside the years 1 to 9999. */
static gboolean
ical_get_dates (ChronicleEvent *event,
                IcalDates      *dates)
{
  const ChronicleTime *start = chronicle_event_get_start (event);
  const ChronicleTime *end = chronicle_event_get_end (event);

  if (chronicle_time_get_precision (start) <= CHRONICLE_TIME_PRECISION_DAY)
    {
      dates->all_day = TRUE;
      dates->has_end = TRUE;
      dates->start = period_first_day (start);
      dates->end = MAX (period_end_day (end != NULL ? end : start), dates->start + 1);

      return ical_day_fits (dates->start) && ical_day_fits (dates->end);
    }

  dates->all_day = FALSE;
  dates->start = chronicle_time_get_instant (start);
  dates->end = dates->start;
  if (end != NULL && chronicle_time_get_precision (end) <= CHRONICLE_TIME_PRECISION_DAY)
    dates->end = chronicle_time_get_end_instant (end);
  else if (end != NULL)
    dates->end = chronicle_time_get_instant (end);
  /* A point in time has no DTEND: RFC 5545 §3.6.1 makes it end as it
   * starts. DTEND must be later than DTSTART. */
  dates->has_end = dates->end > dates->start;

  return ical_instant_fits (dates->start) && (!dates->has_end || ical_instant_fits (dates->end));
}

static void
ical_append_date (GString *line,
                  gint64   days)
{
  gint64 year;
  int month, day;

  chronicle_civil_from_days (days, &year, &month, &day);
  g_string_append_printf (line, "%04" G_GINT64_FORMAT "%02d%02d", year, month, day);
}

static void
ical_append_utc (GString *line,
                 gint64   instant)
{
  gint64 days = floor_divide (instant, SECONDS_PER_DAY);
  int seconds = (int) (instant - days * SECONDS_PER_DAY);

  ical_append_date (line, days);
  g_string_append_printf (line, "T%02d%02d%02dZ", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

/* Folds @line at 75 octets without splitting a UTF-8 character; each
 * continuation line starts with a space. */
static void
ical_append_folded (GString    *out,
                    const char *line)
{
  gsize width = 0;
  const char *p = line;

  while (*p != '\0')
    {
      gsize n = g_utf8_skip[*(const guchar *) p];
      gsize i;

      /* Never step over the terminator of a truncated sequence. */
      for (i = 1; i < n && p[i] != '\0'; i++)
        ;
      n = i;

      /* Keep an escape ("\;", "\n") on one line: RFC 5545 allows the
       * split, but not every reader unfolds before unescaping. */
      if (*p == '\\' && p[1] != '\0')
        n = 2;

      if (width + n > ICAL_MAX_LINE_OCTETS)
        {
          g_string_append (out, "\r\n ");
          width = 1;
        }

      g_string_append_len (out, p, n);
      width += n;
      p += n;
    }

  g_string_append (out, "\r\n");
}

/* TEXT values (RFC 5545 §3.3.11): backslash, semicolon and comma are
 * escaped, line breaks become \n, other control characters are not
 * allowed and are dropped. */
static void
ical_append_text (GString    *line,
                  const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (line, "\\\\");
          break;

        case ';':
          g_string_append (line, "\\;");
          break;

        case ',':
          g_string_append (line, "\\,");
          break;

        case '\r':
          if (p[1] != '\n')
            g_string_append (line, "\\n");
          break;

        case '\n':
          g_string_append (line, "\\n");
          break;

        default:
          if (((guchar) *p < 0x20 && *p != '\t') || *p == 0x7f)
            break;
          g_string_append_c (line, *p);
          break;
        }
    }
}

/* URI values (RFC 5545 §3.3.13) are not TEXT: no backslash escapes.
 * Characters a URI cannot hold (blanks, controls, non-ASCII, "<>\^`{|}")
 * are percent-encoded, as browsers do, so that a space cannot end it. */
static void
ical_append_uri (GString    *line,
                 const char *uri)
{
  for (const char *p = uri; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c <= ' ' || c >= 0x7f || strchr ("\"<>\\^`{|}", c) != NULL)
        g_string_append_printf (line, "%%%02X", c);
      else
        g_string_append_c (line, c);
    }
}

static void
ical_add_line (GString    *out,
               const char *line)
{
  ical_append_folded (out, line);
}

static void
ical_add_text (GString    *out,
               GString    *line,
               const char *name,
               const char *text)
{
  if (is_empty (text))
    return;

  g_string_assign (line, name);
  g_string_append_c (line, ':');
  ical_append_text (line, text);
  ical_append_folded (out, line->str);
}

static char *
ical_description (ChronicleTimeline *timeline,
                  ChronicleEvent    *event)
{
  GString *text = g_string_new (NULL);
  GPtrArray *quotes = chronicle_event_get_quotes (event);

  text_append_block (text, chronicle_event_get_summary (event));
  text_append_block (text, chronicle_event_get_description (event));
  for (guint i = 0; i < quotes->len; i++)
    text_append_quote (text, timeline, g_ptr_array_index (quotes, i));
  /* The calendar shows exact days: say when the timeline does not know them. */
  if (chronicle_event_get_approximate (event))
    text_append_block (text, _("The dates are approximate."));

  while (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);

  return g_string_free (text, FALSE);
}

static const char *
ical_status (ChronicleEventStatus status)
{
  switch (status)
    {
    case CHRONICLE_EVENT_STATUS_PLANNED:
      return "TENTATIVE";

    case CHRONICLE_EVENT_STATUS_CANCELLED:
      return "CANCELLED";

    case CHRONICLE_EVENT_STATUS_OCCURRED:
    case CHRONICLE_EVENT_STATUS_REPORTED:
    default:
      return "CONFIRMED";
    }
}

/* SOURCE_DATE_EPOCH (reproducible-builds.org) makes the output the same
 * from run to run; without it DTSTAMP is when the file was made. */
static gint64
ical_get_dtstamp (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 value;

  if (epoch != NULL &&
      g_ascii_string_to_unsigned (epoch, 10, 0, ICAL_MAX_INSTANT, &value, NULL))
    return (gint64) value;

  if (epoch != NULL)
    g_debug ("Ignoring SOURCE_DATE_EPOCH “%s”: not a number of seconds", epoch);

  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
ical_add_event (GString           *out,
                GString           *line,
                ChronicleTimeline *timeline,
                ChronicleEvent    *event,
                const IcalDates   *dates,
                gint64             dtstamp)
{
  const char * const *tags = chronicle_event_get_tags (event);
  GPtrArray *sources = chronicle_event_get_sources (event);
  g_autofree char *uid = NULL;
  g_autofree char *description = NULL;

  ical_add_line (out, "BEGIN:VEVENT");

  /* Percent-encoded, so any id gives a UID of URI-safe ASCII that needs
   * no TEXT escaping, and the same id always gives the same UID. */
  uid = g_uri_escape_string (chronicle_event_get_id (event), NULL, FALSE);
  g_string_printf (line, "UID:%s@chronicle", uid);
  ical_add_line (out, line->str);

  g_string_assign (line, "DTSTAMP:");
  ical_append_utc (line, dtstamp);
  ical_add_line (out, line->str);

  if (dates->all_day)
    {
      g_string_assign (line, "DTSTART;VALUE=DATE:");
      ical_append_date (line, dates->start);
      ical_add_line (out, line->str);
      g_string_assign (line, "DTEND;VALUE=DATE:");
      ical_append_date (line, dates->end);
      ical_add_line (out, line->str);
    }
  else
    {
      g_string_assign (line, "DTSTART:");
      ical_append_utc (line, dates->start);
      ical_add_line (out, line->str);
      if (dates->has_end)
        {
          g_string_assign (line, "DTEND:");
          ical_append_utc (line, dates->end);
          ical_add_line (out, line->str);
        }
    }

  ical_add_text (out, line, "SUMMARY", chronicle_event_get_title (event));
  description = ical_description (timeline, event);
  ical_add_text (out, line, "DESCRIPTION", description);
  ical_add_text (out, line, "LOCATION", chronicle_event_get_location (event));

  for (guint i = 0; i < sources->len; i++)
    {
      const ChronicleSource *source = g_ptr_array_index (sources, i);

      if (url_is_web (source->url))
        {
          g_string_assign (line, "URL:");
          ical_append_uri (line, source->url);
          ical_add_line (out, line->str);
          break;
        }
    }

  g_string_assign (line, "CATEGORIES:");
  ical_append_text (line, event_kind_label (timeline, event));
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (is_empty (tags[i]))
        continue;
      g_string_append_c (line, ',');
      ical_append_text (line, tags[i]);
    }
  ical_add_line (out, line->str);

  g_string_printf (line, "STATUS:%s", ical_status (chronicle_event_get_status (event)));
  ical_add_line (out, line->str);
  /* Events from a timeline are things to know about, not time the reader
   * is busy. */
  ical_add_line (out, "TRANSP:TRANSPARENT");

  ical_add_line (out, "END:VEVENT");
}

static GBytes *
export_icalendar (ChronicleTimeline  *timeline,
                  GPtrArray          *events,
                  const char         *view_title,
                  GError            **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *title = export_title (timeline, view_title);
  gint64 dtstamp = ical_get_dtstamp ();
  guint n_written = 0;

  ical_add_line (out, "BEGIN:VCALENDAR");
  ical_add_line (out, "VERSION:2.0");
  ical_add_line (out, "PRODID:" ICAL_PRODID);
  ical_add_line (out, "CALSCALE:GREGORIAN");
  ical_add_text (out, line, "X-WR-CALNAME", title);

  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);
      IcalDates dates;

      if (!ical_get_dates (event, &dates))
        continue;

      ical_add_event (out, line, timeline, event, &dates, dtstamp);
      n_written++;
    }

  ical_add_line (out, "END:VCALENDAR");

  /* RFC 5545 requires at least one component in a calendar. */
  if (n_written == 0)
    {
      if (events->len == 0)
        g_set_error_literal (error, CHRONICLE_DATA_EXPORT_ERROR,
                             CHRONICLE_DATA_EXPORT_ERROR_NOTHING_TO_EXPORT,
                             _("There are no events to export to a calendar"));
      else
        g_set_error_literal (error, CHRONICLE_DATA_EXPORT_ERROR,
                             CHRONICLE_DATA_EXPORT_ERROR_NOTHING_TO_EXPORT,
                             _("None of the events can be exported to a calendar: "
                               "iCalendar has no dates before the year 1 or after 9999"));
      return NULL;
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* Markdown (CommonMark, and GitHub's tables and strikethrough) */

/* After '&': would "&…;" be read as an entity or a character reference? */
static gboolean
md_starts_entity (const char *p,
                  const char *end)
{
  const char *q = p;

  if (q < end && *q == '#')
    {
      q++;
      if (q < end && (*q == 'x' || *q == 'X'))
        q++;
    }

  while (q < end && g_ascii_isalnum (*q))
    q++;

  return q > p && q < end && *q == ';';
}

/* Escapes one line so that Markdown shows it as written: "*not bold*"
 * stays literal. @at_line_start also escapes what only has a meaning
 * there: list markers ("- ", "+ ", "1. ", "1) "), setext underlines and
 * tilde fences; leading blanks are dropped, since four would start a
 * code block. */
static void
md_append_escaped (GString    *out,
                   const char *line,
                   gsize       length,
                   gboolean    at_line_start)
{
  const char *p = line;
  const char *end = line + length;

  if (at_line_start)
    {
      const char *digits_end;

      while (p < end && (*p == ' ' || *p == '\t'))
        p++;

      digits_end = p;
      while (digits_end < end && g_ascii_isdigit (*digits_end))
        digits_end++;

      if (p < end && (*p == '-' || *p == '+' || *p == '='))
        g_string_append_c (out, '\\');
      else if (digits_end > p && digits_end < end && (*digits_end == '.' || *digits_end == ')'))
        {
          g_string_append_len (out, p, digits_end - p);
          g_string_append_c (out, '\\');
          p = digits_end;
        }
    }

  for (; p < end; p++)
    {
      if (*p == '\r' || ((guchar) *p < 0x20 && *p != '\t'))
        continue;

      if (*p != '\0' && strchr ("\\`*_[]<>#|~", *p) != NULL)
        g_string_append_c (out, '\\');
      else if (*p == '&' && md_starts_entity (p + 1, end))
        g_string_append_c (out, '\\');

      g_string_append_c (out, *p);
    }
}

/* Splits @text into lines without their trailing blanks (two trailing
 * spaces would be a hard line break). */
static GPtrArray *
md_split_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_steal_pointer (&lines[i]);

      g_strchomp (line);
      g_ptr_array_add (result, line);
    }

  return result;
}

/* Text that must stay on one line (headings, list items, link text):
 * its line breaks become spaces. */
static void
md_append_inline (GString    *out,
                  const char *text,
                  gboolean    at_line_start)
{
  g_autoptr(GPtrArray) lines = NULL;
  gboolean first = TRUE;

  if (is_empty (text))
    return;

  lines = md_split_lines (text);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      while (*line == ' ' || *line == '\t')
        line++;
      if (*line == '\0')
        continue;

      if (!first)
        g_string_append_c (out, ' ');
      md_append_escaped (out, line, strlen (line), at_line_start && first);
      first = FALSE;
    }
}

/* Ensures an empty line before the next block. */
static void
md_begin_block (GString *out)
{
  if (out->len == 0)
    return;

  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  g_string_append (out, "\n\n");
}

/* Paragraphs of text, each line behind @prefix ("> " in a block quote).
 * Empty lines separate paragraphs; several count as one. */
static void
md_append_paragraphs (GString    *out,
                      const char *text,
                      const char *prefix)
{
  g_autoptr(GPtrArray) lines = NULL;
  gboolean pending_break = FALSE;
  gboolean started = FALSE;
  gsize prefix_length = strlen (prefix);

  if (is_empty (text))
    return;

  while (prefix_length > 0 && prefix[prefix_length - 1] == ' ')
    prefix_length--;

  lines = md_split_lines (text);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (line[strspn (line, " \t")] == '\0')
        {
          pending_break = started;
          continue;
        }

      if (pending_break)
        {
          /* The prefix without its trailing space: ">" between quoted
           * paragraphs. */
          g_string_append_len (out, prefix, prefix_length);
          g_string_append_c (out, '\n');
          pending_break = FALSE;
        }

      g_string_append (out, prefix);
      md_append_escaped (out, line, strlen (line), TRUE);
      g_string_append_c (out, '\n');
      started = TRUE;
    }
}

/* In a link destination, characters that would end it or be read as
 * Markdown are percent-encoded. */
static void
md_append_url (GString    *out,
               const char *url)
{
  for (const char *p = url; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c <= ' ' || c == 0x7f || strchr ("()<>\\", c) != NULL)
        g_string_append_printf (out, "%%%02X", c);
      else
        g_string_append_c (out, c);
    }
}

/* "- [Title](url) — Publisher, 29 August 2025" */
static void
md_append_source (GString               *out,
                  ChronicleTimeline     *timeline,
                  const ChronicleSource *source)
{
  g_autofree char *date = format_source_date (timeline, source->date);
  const char *text = source->title;
  gboolean show_publisher = !is_empty (source->publisher);
  gboolean show_date = date != NULL;
  gboolean show_url = !is_empty (source->url);

  if (is_empty (text) && show_publisher)
    {
      text = source->publisher;
      show_publisher = FALSE;
    }
  else if (is_empty (text) && show_url)
    {
      text = source->url;
      show_url = !url_is_link (source->url);
    }
  else if (is_empty (text) && show_date)
    {
      text = date;
      show_date = FALSE;
    }

  if (is_empty (text))
    return;

  g_string_append (out, "- ");
  if (url_is_link (source->url))
    {
      g_string_append_c (out, '[');
      md_append_inline (out, text, FALSE);
      g_string_append (out, "](");
      md_append_url (out, source->url);
      g_string_append_c (out, ')');
      show_url = FALSE;
    }
  else
    md_append_inline (out, text, FALSE);

  if (show_publisher)
    {
      g_string_append (out, " — ");
      md_append_inline (out, source->publisher, FALSE);
    }
  if (show_date)
    {
      g_string_append (out, ", ");
      md_append_inline (out, date, FALSE);
    }
  /* Shown, not linked: the app does not open such URLs either. */
  if (show_url)
    {
      g_string_append (out, " (");
      md_append_inline (out, source->url, FALSE);
      g_string_append_c (out, ')');
    }
  g_string_append_c (out, '\n');
}

static void
md_append_quote (GString              *out,
                 ChronicleTimeline    *timeline,
                 const ChronicleQuote *quote)
{
  g_autofree char *attribution = quote_attribution (timeline, quote);

  if (is_empty (quote->text))
    return;

  md_begin_block (out);
  md_append_paragraphs (out, quote->text, "> ");
  if (attribution != NULL)
    {
      g_string_append (out, ">\n> — ");
      md_append_inline (out, attribution, FALSE);
      g_string_append_c (out, '\n');
    }
}

/* The heading events are grouped under: the start's date, at most to the
 * day, without "c.": approximate and precise times are told apart in
 * the event itself. */
static char *
md_heading_text (const ChronicleTime *start)
{
  ChronicleTime day = *start;

  if (day.precision > CHRONICLE_TIME_PRECISION_DAY)
    day.precision = CHRONICLE_TIME_PRECISION_DAY;
  chronicle_time_set_approximate (&day, FALSE);

  return chronicle_time_format (&day);
}

static void
md_append_line (GString    *out,
                const char *line)
{
  md_begin_block (out);
  g_string_append (out, line);
  g_string_append_c (out, '\n');
}

static void
md_append_event (GString           *out,
                 ChronicleTimeline *timeline,
                 ChronicleEvent    *event)
{
  const ChronicleTime *start = chronicle_event_get_start (event);
  const char * const *actors = chronicle_event_get_actors (event);
  const char * const *tags = chronicle_event_get_tags (event);
  GPtrArray *quotes = chronicle_event_get_quotes (event);
  GPtrArray *sources = chronicle_event_get_sources (event);
  const char *location = chronicle_event_get_location (event);

  md_begin_block (out);
  g_string_append (out, "### ");
  md_append_inline (out, chronicle_event_get_title (event), FALSE);
  g_string_append_c (out, '\n');

  /* The date is the heading's, unless the event says more: a range, an
   * approximate date or a time of day. */
  md_begin_block (out);
  if (chronicle_event_is_range (event) ||
      chronicle_event_get_approximate (event) ||
      chronicle_time_get_precision (start) > CHRONICLE_TIME_PRECISION_DAY)
    {
      g_autofree char *date = format_event_date (event);

      md_append_inline (out, date, TRUE);
      g_string_append (out, " · ");
      md_append_inline (out, event_kind_label (timeline, event), FALSE);
    }
  else
    md_append_inline (out, event_kind_label (timeline, event), TRUE);
  g_string_append (out, " · ");
  md_append_inline (out, chronicle_event_status_get_label (chronicle_event_get_status (event)), FALSE);
  if (!is_empty (location))
    {
      g_string_append (out, " · ");
      md_append_inline (out, location, FALSE);
    }
  g_string_append_c (out, '\n');

  if (actors != NULL && actors[0] != NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);
      g_autofree char *line = NULL;

      for (guint i = 0; actors[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (names, ", ");
          md_append_inline (names, chronicle_timeline_get_actor_name (timeline, actors[i]), FALSE);
        }
      /* Translators: the people and organisations in an event, separated by commas */
      line = g_strdup_printf (_("Actors: %s"), names->str);
      md_append_line (out, line);
    }

  md_begin_block (out);
  md_append_paragraphs (out, chronicle_event_get_summary (event), "");
  md_begin_block (out);
  md_append_paragraphs (out, chronicle_event_get_description (event), "");

  for (guint i = 0; i < quotes->len; i++)
    md_append_quote (out, timeline, g_ptr_array_index (quotes, i));

  if (sources->len > 0)
    {
      md_begin_block (out);
      g_string_append_printf (out, "%s\n\n", _("Sources:"));
      for (guint i = 0; i < sources->len; i++)
        md_append_source (out, timeline, g_ptr_array_index (sources, i));
    }

  if (tags != NULL && tags[0] != NULL)
    {
      g_autoptr(GString) escaped = g_string_new (NULL);
      g_autofree char *line = NULL;

      for (guint i = 0; tags[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (escaped, ", ");
          md_append_inline (escaped, tags[i], FALSE);
        }
      /* Translators: an event's tags, separated by commas */
      line = g_strdup_printf (_("Tags: %s"), escaped->str);
      md_append_line (out, line);
    }
}

static GBytes *
export_markdown (ChronicleTimeline *timeline,
                 GPtrArray         *events,
                 const char        *view_title)
{
  GString *out = g_string_new (NULL);
  const char *title = chronicle_timeline_get_title (timeline);
  g_autofree char *last_heading = NULL;

  g_string_append (out, "# ");
  md_append_inline (out, !is_empty (title) ? title : _("Untitled timeline"), FALSE);
  g_string_append_c (out, '\n');

  if (!is_empty (view_title) && view_title[strspn (view_title, " \t\r\n")] != '\0')
    {
      g_autofree char *stripped = g_strstrip (g_strdup (view_title));

      md_begin_block (out);
      g_string_append_c (out, '*');
      md_append_inline (out, stripped, FALSE);
      g_string_append (out, "*\n");
    }

  md_begin_block (out);
  md_append_paragraphs (out, chronicle_timeline_get_description (timeline), "");

  if (events->len == 0)
    {
      md_begin_block (out);
      g_string_append_printf (out, "%s\n", _("No events."));
    }

  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);
      g_autofree char *heading = md_heading_text (chronicle_event_get_start (event));

      if (g_strcmp0 (heading, last_heading) != 0)
        {
          md_begin_block (out);
          g_string_append (out, "## ");
          md_append_inline (out, heading, FALSE);
          g_string_append_c (out, '\n');
          g_free (last_heading);
          last_heading = g_steal_pointer (&heading);
        }

      md_append_event (out, timeline, event);
    }

  return g_string_free_to_bytes (out);
}

/* JSON */

/* The writer cannot name a view, so the view goes into the title:
 * "Timeline title — View title", where "title" belongs (after "format"
 * and "version"), keeping the writer's member order. */
static void
json_set_title (JsonNode   *root,
                const char *title)
{
  JsonObject *object = json_node_get_object (root);
  g_autoptr(JsonObject) titled = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (object);
  gboolean title_set = FALSE;

  for (const GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (!title_set && g_strcmp0 (name, "format") != 0 && g_strcmp0 (name, "version") != 0)
        {
          json_object_set_string_member (titled, "title", title);
          title_set = TRUE;
        }

      if (g_strcmp0 (name, "title") != 0)
        json_object_set_member (titled, name, json_object_dup_member (object, name));
    }

  if (!title_set)
    json_object_set_string_member (titled, "title", title);

  json_node_set_object (root, titled);
}

static GBytes *
export_json (ChronicleTimeline *timeline,
             GPtrArray         *events,
             const char        *view_title)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *title = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  GString *out;

  if (is_empty (view_title))
    return chronicle_writer_to_bytes (timeline, events);

  root = chronicle_writer_serialize (timeline, events);
  title = export_title (timeline, view_title);
  json_set_title (root, title);

  /* As the writer writes: pretty, two-space indent, final newline. */
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  out = g_string_new_len (data, length);
  g_string_append_c (out, '\n');

  return g_string_free_to_bytes (out);
}

gboolean
chronicle_export_format_from_extension (const char            *file_name,
                                        ChronicleExportFormat *format)
{
  const char *base;
  const char *dot;

  g_return_val_if_fail (file_name != NULL, FALSE);

  base = strrchr (file_name, '/');
  base = base != NULL ? base + 1 : file_name;
  dot = strrchr (base, '.');
  if (dot == NULL)
    return FALSE;

  return lookup_alias (extension_aliases, G_N_ELEMENTS (extension_aliases), dot + 1, format);
}

gboolean
chronicle_export_format_from_string (const char            *text,
                                     ChronicleExportFormat *format)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return lookup_alias (name_aliases, G_N_ELEMENTS (name_aliases), text, format);
}

const char *
chronicle_export_format_to_string (ChronicleExportFormat format)
{
  g_return_val_if_fail (format < CHRONICLE_EXPORT_N_FORMATS, NULL);

  return format_infos[format].name;
}

gboolean
chronicle_export_format_is_image (ChronicleExportFormat format)
{
  switch (format)
    {
    case CHRONICLE_EXPORT_FORMAT_PNG:
    case CHRONICLE_EXPORT_FORMAT_SVG:
    case CHRONICLE_EXPORT_FORMAT_PDF:
      return TRUE;

    case CHRONICLE_EXPORT_FORMAT_JSON:
    case CHRONICLE_EXPORT_FORMAT_CSV:
    case CHRONICLE_EXPORT_FORMAT_ICALENDAR:
    case CHRONICLE_EXPORT_FORMAT_MARKDOWN:
    default:
      return FALSE;
    }
}

const char *
chronicle_export_format_get_extension (ChronicleExportFormat format)
{
  g_return_val_if_fail (format < CHRONICLE_EXPORT_N_FORMATS, NULL);

  return format_infos[format].extension;
}

const char *
chronicle_export_format_get_mime_type (ChronicleExportFormat format)
{
  g_return_val_if_fail (format < CHRONICLE_EXPORT_N_FORMATS, NULL);

  return format_infos[format].mime_type;
}

const char *
chronicle_export_format_get_label (ChronicleExportFormat format)
{
  g_return_val_if_fail (format < CHRONICLE_EXPORT_N_FORMATS, NULL);

  return _(format_infos[format].label);
}

guint
chronicle_data_export_count_skipped (ChronicleTimeline     *timeline,
                                     GPtrArray             *events,
                                     ChronicleExportFormat  format)
{
  g_autoptr(GPtrArray) all_events = NULL;
  guint n_skipped = 0;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), 0);
  g_return_val_if_fail (format < CHRONICLE_EXPORT_N_FORMATS, 0);

  if (format != CHRONICLE_EXPORT_FORMAT_ICALENDAR)
    return 0;

  if (events == NULL)
    events = all_events = timeline_get_all_events (timeline);

  for (guint i = 0; i < events->len; i++)
    {
      IcalDates dates;

      if (!ical_get_dates (g_ptr_array_index (events, i), &dates))
        n_skipped++;
    }

  return n_skipped;
}

GBytes *
chronicle_data_export_to_bytes (ChronicleTimeline      *timeline,
                                GPtrArray              *events,
                                const char             *view_title,
                                ChronicleExportFormat   format,
                                GError                **error)
{
  g_autoptr(GPtrArray) all_events = NULL;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (format < CHRONICLE_EXPORT_N_FORMATS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The writer takes NULL as "the whole document", eras and all. */
  if (format == CHRONICLE_EXPORT_FORMAT_JSON)
    return export_json (timeline, events, view_title);

  if (events == NULL)
    events = all_events = timeline_get_all_events (timeline);

  switch (format)
    {
    case CHRONICLE_EXPORT_FORMAT_CSV:
      return export_csv (timeline, events);

    case CHRONICLE_EXPORT_FORMAT_ICALENDAR:
      return export_icalendar (timeline, events, view_title, error);

    case CHRONICLE_EXPORT_FORMAT_MARKDOWN:
      return export_markdown (timeline, events, view_title);

    case CHRONICLE_EXPORT_FORMAT_PNG:
    case CHRONICLE_EXPORT_FORMAT_SVG:
    case CHRONICLE_EXPORT_FORMAT_PDF:
      g_set_error (error, CHRONICLE_DATA_EXPORT_ERROR, CHRONICLE_DATA_EXPORT_ERROR_UNSUPPORTED,
                   /* Translators: %s is a format such as "PNG image" */
                   _("%s is an image format, not a data format"),
                   chronicle_export_format_get_label (format));
      return NULL;

    case CHRONICLE_EXPORT_FORMAT_JSON:
    default:
      g_assert_not_reached ();
    }
}

/* Local files: a temporary file beside the target, renamed over it once
 * complete. GIO's replace (g_file_replace()) falls back to rewriting the
 * file in place when it cannot create a file beside it (a read-only
 * folder, a file it cannot give the old owner), so a failed write there
 * would leave half a file; g_file_set_contents_full() fails instead. */
static gboolean
replace_local_file (const char  *path,
                    const char  *data,
                    gsize        size,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *target = NULL;
  char *real_path;
  GStatBuf st;
  int mode = 0666;

  /* Through a symbolic link to the file it names: the link stays. */
  real_path = realpath (path, NULL);
  target = g_strdup (real_path != NULL ? real_path : path);
  free (real_path);
  display_name = g_filename_display_name (path);

  if (g_stat (target, &st) == 0)
    {
      /* A file that may not be written is not replaced either. */
      if (!S_ISDIR (st.st_mode) && g_access (target, W_OK) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       /* Translators: a file name, then the reason from the system */
                       _("Could not write “%1$s”: %2$s"), display_name, g_strerror (saved_errno));
          return FALSE;
        }

      /* The new file keeps the old one's permissions. */
      mode = st.st_mode & 0777;
    }

  if (g_file_set_contents_full (target, data, size, G_FILE_SET_CONTENTS_CONSISTENT, mode, &local_error))
    return TRUE;

  g_set_error (error, G_IO_ERROR, g_io_error_from_file_error (local_error->code),
               _("Could not write “%1$s”: %2$s"), display_name, local_error->message);
  return FALSE;
}

gboolean
chronicle_data_export_replace_contents (GFile         *file,
                                        GBytes        *bytes,
                                        GCancellable  *cancellable,
                                        GError       **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autofree char *path = NULL;
  const char *data;
  gsize size = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  data = g_bytes_get_data (bytes, &size);

  path = g_file_get_path (file);
  if (path != NULL)
    return replace_local_file (path, size > 0 ? data : "", size, error);

  /* Other locations (GVfs) through GIO's own replace. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
  if (stream == NULL)
    return FALSE;

  if (size > 0 &&
      !g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, size, NULL, cancellable, error))
    {
      g_autoptr(GCancellable) discard = g_cancellable_new ();

      /* Closing moves what was written over the target, even after a
       * failed write (g_file_replace_contents() does exactly that, and
       * leaves a truncated file). Closing with a cancelled cancellable
       * discards it instead. */
      g_cancellable_cancel (discard);
      g_output_stream_close (G_OUTPUT_STREAM (stream), discard, NULL);
      return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

gboolean
chronicle_data_export_write_file (ChronicleTimeline      *timeline,
                                  GPtrArray              *events,
                                  const char             *view_title,
                                  ChronicleExportFormat   format,
                                  GFile                  *file,
                                  GCancellable           *cancellable,
                                  GError                **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = chronicle_data_export_to_bytes (timeline, events, view_title, format, error);
  if (bytes == NULL)
    return FALSE;

  return chronicle_data_export_replace_contents (file, bytes, cancellable, error);
}

char *
chronicle_data_export_event_to_text (ChronicleTimeline *timeline,
                                     ChronicleEvent    *event)
{
  GString *out;
  GPtrArray *quotes;
  GPtrArray *sources;
  const char *location;
  g_autofree char *date = NULL;
  g_autofree char *actors = NULL;
  g_autofree char *tags = NULL;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE (timeline), NULL);
  g_return_val_if_fail (CHRONICLE_IS_EVENT (event), NULL);

  out = g_string_new (NULL);
  quotes = chronicle_event_get_quotes (event);
  sources = chronicle_event_get_sources (event);
  location = chronicle_event_get_location (event);
  date = format_event_date (event);
  actors = join_actor_names (timeline, event, ", ");
  tags = join_strv (chronicle_event_get_tags (event), ", ");

  g_string_append_printf (out, "%s\n%s\n", chronicle_event_get_title (event), date);
  /* Translators: the kind of an event, as in "Kind: Order signing" */
  g_string_append_printf (out, _("Kind: %s"), event_kind_label (timeline, event));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Status: %s"),
                          chronicle_event_status_get_label (chronicle_event_get_status (event)));
  g_string_append_c (out, '\n');
  if (!is_empty (location))
    {
      g_string_append_printf (out, _("Location: %s"), location);
      g_string_append_c (out, '\n');
    }
  if (!is_empty (actors))
    {
      g_string_append_printf (out, _("Actors: %s"), actors);
      g_string_append_c (out, '\n');
    }
  if (!is_empty (tags))
    {
      g_string_append_printf (out, _("Tags: %s"), tags);
      g_string_append_c (out, '\n');
    }

  text_append_block (out, chronicle_event_get_summary (event));
  text_append_block (out, chronicle_event_get_description (event));
  for (guint i = 0; i < quotes->len; i++)
    text_append_quote (out, timeline, g_ptr_array_index (quotes, i));

  if (sources->len > 0)
    {
      text_begin_block (out);
      g_string_append_printf (out, "%s\n", _("Sources:"));
      for (guint i = 0; i < sources->len; i++)
        {
          const ChronicleSource *source = g_ptr_array_index (sources, i);
          g_autofree char *source_date = format_source_date (timeline, source->date);
          g_autoptr(GString) item = g_string_new (NULL);

          if (!is_empty (source->title))
            g_string_append (item, source->title);
          if (!is_empty (source->publisher))
            g_string_append_printf (item, "%s%s", item->len > 0 ? " — " : "", source->publisher);
          if (source_date != NULL)
            g_string_append_printf (item, "%s%s", item->len > 0 ? ", " : "", source_date);
          if (!is_empty (source->url) && item->len > 0)
            g_string_append_printf (item, " <%s>", source->url);
          else if (!is_empty (source->url))
            g_string_append (item, source->url);
          if (item->len > 0)
            g_string_append_printf (out, "- %s\n", item->str);
        }
    }

  return g_string_free (out, FALSE);
}
