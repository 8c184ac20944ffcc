/* test-data-export.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data exports (JSON, CSV, iCalendar, Markdown, clipboard text) of the
 * bundled timeline and of tests/data/export-edge.json, which has every
 * field, BCE and far-future dates, ranges, approximate dates, and the
 * characters each format must escape. No GTK.
 *
 * Each format is read back by something that did not write it: JSON by
 * the loader, CSV by a strict RFC 4180 parser below, iCalendar by Debian's
 * python3-icalendar (tests/check-ics.py), Markdown against a reviewed
 * golden file.
 *
 * The golden file tests/data/export-golden.md is the Markdown export of
 * the bundled timeline. After a deliberate change, regenerate it with
 *
 *   CHRONICLE_UPDATE_GOLDEN=1 meson test -C BUILDDIR data-export
 *
 * and review `git diff tests/data/export-golden.md` before committing.
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "chronicle-data-export.h"
#include "chronicle-loader.h"
#include "chronicle-writer.h"

/* 2025-09-01T00:00:00Z */
#define TEST_SOURCE_DATE_EPOCH "1756684800"

static const char * const csv_header[] = {
  "id", "title", "kind", "status", "start", "end", "approximate",
  "location", "actors", "tags", "summary", "source_urls", NULL
};

static char *
bundled_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "timelines", "chicago-2025.json", NULL);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static ChronicleTimeline *
load_path (const char *path)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline;

  timeline = chronicle_loader_load_file (loader, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);

  return timeline;
}

static ChronicleTimeline *
load_bundled (void)
{
  g_autofree char *path = bundled_path ();

  return load_path (path);
}

static ChronicleTimeline *
load_edge (void)
{
  g_autofree char *path = data_path ("export-edge.json");

  return load_path (path);
}

static ChronicleTimeline *
load_bytes (GBytes *bytes)
{
  g_autoptr(ChronicleLoader) loader = chronicle_loader_new ();
  g_autoptr(GError) error = NULL;
  ChronicleTimeline *timeline;

  timeline = chronicle_loader_load_bytes (loader, bytes, "export.json", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  g_assert_cmpuint (chronicle_loader_get_n_errors (loader), ==, 0);

  return timeline;
}

static GPtrArray *
all_events (ChronicleTimeline *timeline)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < chronicle_timeline_get_n_events (timeline); i++)
    g_ptr_array_add (events, g_object_ref (chronicle_timeline_get_event (timeline, i)));

  return events;
}

/* The events of the bundled "federal-plans" view: those tagged so. */
static GPtrArray *
events_with_tag (ChronicleTimeline *timeline,
                 const char        *tag)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < chronicle_timeline_get_n_events (timeline); i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (timeline, i);
      const char * const *tags = chronicle_event_get_tags (event);

      if (tags != NULL && g_strv_contains (tags, tag))
        g_ptr_array_add (events, g_object_ref (event));
    }

  return events;
}

static GBytes *
export_bytes (ChronicleTimeline     *timeline,
              GPtrArray             *events,
              const char            *view_title,
              ChronicleExportFormat  format)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = chronicle_data_export_to_bytes (timeline, events, view_title, format, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  return bytes;
}

static char *
export_string (ChronicleTimeline     *timeline,
               GPtrArray             *events,
               const char            *view_title,
               ChronicleExportFormat  format)
{
  g_autoptr(GBytes) bytes = export_bytes (timeline, events, view_title, format);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_true (g_utf8_validate (data, size, NULL));
  g_assert_null (memchr (data, '\0', size));

  return g_strndup (data, size);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static gboolean
has_line (const char *text,
          const char *line)
{
  g_autofree char *needle = g_strdup_printf ("\n%s\n", line);
  g_autofree char *haystack = g_strdup_printf ("\n%s", text);

  return strstr (haystack, needle) != NULL;
}

static void
assert_has_line (const char *text,
                 const char *line)
{
  if (!has_line (text, line))
    g_error ("missing line\n%s\nin\n%s", line, text);
}

/* Formats */

static void
test_format_from_extension (void)
{
  static const struct {
    const char *name;
    ChronicleExportFormat format;
  } cases[] = {
    { "x.ics", CHRONICLE_EXPORT_FORMAT_ICALENDAR },
    { "calendar.ical", CHRONICLE_EXPORT_FORMAT_ICALENDAR },
    { "/tmp/dir.with.dots/Out.ICS", CHRONICLE_EXPORT_FORMAT_ICALENDAR },
    { "events.json", CHRONICLE_EXPORT_FORMAT_JSON },
    { "chicago.timeline.json", CHRONICLE_EXPORT_FORMAT_JSON },
    { "chicago.chronicle", CHRONICLE_EXPORT_FORMAT_JSON },
    { "sheet.csv", CHRONICLE_EXPORT_FORMAT_CSV },
    { "notes.md", CHRONICLE_EXPORT_FORMAT_MARKDOWN },
    { "notes.markdown", CHRONICLE_EXPORT_FORMAT_MARKDOWN },
    { "view.png", CHRONICLE_EXPORT_FORMAT_PNG },
    { "view.svg", CHRONICLE_EXPORT_FORMAT_SVG },
    { "view.pdf", CHRONICLE_EXPORT_FORMAT_PDF },
  };
  static const char * const unknown[] = {
    "noextension", "archive.tar", "dir.ics/file", "notes.mdx", "x.", "",
  };
  ChronicleExportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      format = CHRONICLE_EXPORT_N_FORMATS;
      g_assert_true (chronicle_export_format_from_extension (cases[i].name, &format));
      g_assert_cmpint (format, ==, cases[i].format);
    }

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    g_assert_false (chronicle_export_format_from_extension (unknown[i], &format));
}

static void
test_format_from_string (void)
{
  static const struct {
    const char *name;
    ChronicleExportFormat format;
  } cases[] = {
    { "json", CHRONICLE_EXPORT_FORMAT_JSON },
    { "csv", CHRONICLE_EXPORT_FORMAT_CSV },
    { "ics", CHRONICLE_EXPORT_FORMAT_ICALENDAR },
    { "icalendar", CHRONICLE_EXPORT_FORMAT_ICALENDAR },
    { "iCalendar", CHRONICLE_EXPORT_FORMAT_ICALENDAR },
    { "markdown", CHRONICLE_EXPORT_FORMAT_MARKDOWN },
    { "md", CHRONICLE_EXPORT_FORMAT_MARKDOWN },
    { "png", CHRONICLE_EXPORT_FORMAT_PNG },
    { "SVG", CHRONICLE_EXPORT_FORMAT_SVG },
    { "pdf", CHRONICLE_EXPORT_FORMAT_PDF },
  };
  ChronicleExportFormat format;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      format = CHRONICLE_EXPORT_N_FORMATS;
      g_assert_true (chronicle_export_format_from_string (cases[i].name, &format));
      g_assert_cmpint (format, ==, cases[i].format);
    }

  g_assert_false (chronicle_export_format_from_string ("jpeg", &format));
  g_assert_false (chronicle_export_format_from_string ("", &format));
  g_assert_false (chronicle_export_format_from_string (".csv", &format));
}

static void
test_format_properties (void)
{
  static const struct {
    ChronicleExportFormat format;
    const char *name;
    const char *extension;
    const char *mime_type;
    gboolean is_image;
  } cases[] = {
    { CHRONICLE_EXPORT_FORMAT_JSON, "json", "json", "application/json", FALSE },
    { CHRONICLE_EXPORT_FORMAT_CSV, "csv", "csv", "text/csv", FALSE },
    { CHRONICLE_EXPORT_FORMAT_ICALENDAR, "ics", "ics", "text/calendar", FALSE },
    { CHRONICLE_EXPORT_FORMAT_MARKDOWN, "markdown", "md", "text/markdown", FALSE },
    { CHRONICLE_EXPORT_FORMAT_PNG, "png", "png", "image/png", TRUE },
    { CHRONICLE_EXPORT_FORMAT_SVG, "svg", "svg", "image/svg+xml", TRUE },
    { CHRONICLE_EXPORT_FORMAT_PDF, "pdf", "pdf", "application/pdf", TRUE },
  };
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (G_N_ELEMENTS (cases), ==, CHRONICLE_EXPORT_N_FORMATS);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChronicleExportFormat format = cases[i].format;
      ChronicleExportFormat parsed;
      g_autofree char *file_name = g_strdup_printf ("out.%s", chronicle_export_format_get_extension (format));
      const char *label = chronicle_export_format_get_label (format);

      g_assert_cmpstr (chronicle_export_format_to_string (format), ==, cases[i].name);
      g_assert_cmpstr (chronicle_export_format_get_extension (format), ==, cases[i].extension);
      g_assert_cmpstr (chronicle_export_format_get_mime_type (format), ==, cases[i].mime_type);
      g_assert_cmpint (chronicle_export_format_is_image (format), ==, cases[i].is_image);

      /* Each name and extension leads back to its format. */
      g_assert_true (chronicle_export_format_from_string (cases[i].name, &parsed));
      g_assert_cmpint (parsed, ==, format);
      g_assert_true (chronicle_export_format_from_extension (file_name, &parsed));
      g_assert_cmpint (parsed, ==, format);

      g_assert_nonnull (label);
      g_assert_cmpuint (strlen (label), >, 0);
      g_assert_false (g_hash_table_contains (labels, label));
      g_hash_table_add (labels, (char *) label);
    }
}

static void
test_image_format_refused (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  ChronicleExportFormat image_formats[] = {
    CHRONICLE_EXPORT_FORMAT_PNG, CHRONICLE_EXPORT_FORMAT_SVG, CHRONICLE_EXPORT_FORMAT_PDF,
  };

  for (guint i = 0; i < G_N_ELEMENTS (image_formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;

      bytes = chronicle_data_export_to_bytes (timeline, NULL, NULL, image_formats[i], &error);
      g_assert_null (bytes);
      g_assert_error (error, CHRONICLE_DATA_EXPORT_ERROR, CHRONICLE_DATA_EXPORT_ERROR_UNSUPPORTED);
    }
}

/* JSON */

static void
assert_same_event (ChronicleTimeline *timeline_a,
                   ChronicleEvent    *a,
                   ChronicleTimeline *timeline_b,
                   ChronicleEvent    *b)
{
  g_autoptr(JsonNode) node_a = chronicle_writer_serialize_event (a);
  g_autoptr(JsonNode) node_b = chronicle_writer_serialize_event (b);
  g_autofree char *json_a = json_to_string (node_a, FALSE);
  g_autofree char *json_b = json_to_string (node_b, FALSE);
  g_autofree char *start_a = chronicle_time_to_iso8601 (chronicle_event_get_start (a));
  g_autofree char *start_b = chronicle_time_to_iso8601 (chronicle_event_get_start (b));
  const char * const *actors_a = chronicle_event_get_actors (a);
  const char * const *actors_b = chronicle_event_get_actors (b);

  g_assert_cmpstr (json_a, ==, json_b);

  g_assert_cmpstr (chronicle_event_get_id (a), ==, chronicle_event_get_id (b));
  g_assert_cmpstr (chronicle_event_get_title (a), ==, chronicle_event_get_title (b));
  g_assert_cmpstr (chronicle_event_get_kind (a), ==, chronicle_event_get_kind (b));
  g_assert_cmpint (chronicle_event_get_status (a), ==, chronicle_event_get_status (b));
  g_assert_cmpstr (start_a, ==, start_b);
  g_assert_true (chronicle_time_equal (chronicle_event_get_start (a), chronicle_event_get_start (b)));
  g_assert_cmpint (chronicle_event_is_range (a), ==, chronicle_event_is_range (b));
  if (chronicle_event_is_range (a))
    g_assert_true (chronicle_time_equal (chronicle_event_get_end (a), chronicle_event_get_end (b)));
  g_assert_cmpint (chronicle_event_get_approximate (a), ==, chronicle_event_get_approximate (b));
  g_assert_cmpstr (chronicle_event_get_summary (a), ==, chronicle_event_get_summary (b));
  g_assert_cmpstr (chronicle_event_get_description (a), ==, chronicle_event_get_description (b));
  g_assert_cmpstr (chronicle_event_get_location (a), ==, chronicle_event_get_location (b));
  g_assert_cmpuint (chronicle_event_get_quotes (a)->len, ==, chronicle_event_get_quotes (b)->len);
  g_assert_cmpuint (chronicle_event_get_sources (a)->len, ==, chronicle_event_get_sources (b)->len);

  /* Actors still resolve to the same names: the actors were exported too. */
  g_assert_cmpuint (actors_a != NULL ? g_strv_length ((char **) actors_a) : 0, ==,
                    actors_b != NULL ? g_strv_length ((char **) actors_b) : 0);
  for (guint i = 0; actors_a != NULL && actors_a[i] != NULL; i++)
    g_assert_cmpstr (chronicle_timeline_get_actor_name (timeline_a, actors_a[i]), ==,
                     chronicle_timeline_get_actor_name (timeline_b, actors_b[i]));

  /* And kinds keep their labels. */
  g_assert_cmpstr (chronicle_kind_get_label (chronicle_timeline_get_event_kind (timeline_a, a)), ==,
                   chronicle_kind_get_label (chronicle_timeline_get_event_kind (timeline_b, b)));
}

static void
assert_json_round_trip (ChronicleTimeline *timeline,
                        GPtrArray         *events,
                        const char        *view_title)
{
  g_autoptr(GBytes) bytes = export_bytes (timeline, events, view_title, CHRONICLE_EXPORT_FORMAT_JSON);
  g_autoptr(ChronicleTimeline) loaded = load_bytes (bytes);

  g_assert_cmpuint (chronicle_timeline_get_n_events (loaded), ==, events->len);
  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);
      ChronicleEvent *copy = chronicle_timeline_get_event (loaded, i);

      assert_same_event (timeline, event, loaded, copy);
    }
}

static void
test_json_bundled (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(GPtrArray) events = all_events (timeline);
  g_autoptr(GPtrArray) view_events = events_with_tag (timeline, "federal-plans");

  g_assert_cmpuint (events->len, >=, 10);
  g_assert_cmpuint (view_events->len, >=, 2);
  g_assert_cmpuint (view_events->len, <, events->len);

  assert_json_round_trip (timeline, events, NULL);
  assert_json_round_trip (timeline, view_events, "Federal plans for Chicago");
}

static void
test_json_edge (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_edge ();
  g_autoptr(GPtrArray) events = all_events (timeline);
  g_autoptr(GPtrArray) protests = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);

      if (g_strcmp0 (chronicle_event_get_kind (event), "protest") == 0)
        g_ptr_array_add (protests, g_object_ref (event));
    }
  g_assert_cmpuint (protests->len, ==, 2);

  assert_json_round_trip (timeline, events, NULL);
  assert_json_round_trip (timeline, protests, "Protests & *marches*");
}

static void
test_json_view_title (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(GPtrArray) events = events_with_tag (timeline, "federal-plans");
  g_autoptr(GBytes) plain = export_bytes (timeline, events, NULL, CHRONICLE_EXPORT_FORMAT_JSON);
  g_autoptr(GBytes) written = chronicle_writer_to_bytes (timeline, events);
  g_autoptr(GBytes) titled = export_bytes (timeline, events, "Federal plans for Chicago",
                                           CHRONICLE_EXPORT_FORMAT_JSON);
  g_autoptr(ChronicleTimeline) loaded = load_bytes (titled);
  g_autoptr(JsonNode) titled_root = NULL;
  g_autoptr(JsonNode) written_root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GList) titled_members = NULL;
  g_autoptr(GList) written_members = NULL;
  g_autofree char *expected_title = NULL;
  const char *titled_data;
  gsize titled_size;

  /* Without a view the export is exactly what the writer writes. */
  g_assert_true (g_bytes_equal (plain, written));

  expected_title = g_strdup_printf ("%s — Federal plans for Chicago", chronicle_timeline_get_title (timeline));
  g_assert_cmpstr (chronicle_timeline_get_title (loaded), ==, expected_title);

  /* With one, only the title differs, and members keep the writer's order
   * and layout. */
  titled_data = g_bytes_get_data (titled, &titled_size);
  g_assert_true (g_str_has_suffix (titled_data, "}\n"));
  g_assert_nonnull (strstr (titled_data, "\n  \"title\" : \""));
  titled_root = json_from_string (titled_data, &error);
  g_assert_no_error (error);
  written_root = json_from_string (g_bytes_get_data (written, NULL), &error);
  g_assert_no_error (error);
  titled_members = json_object_get_members (json_node_get_object (titled_root));
  written_members = json_object_get_members (json_node_get_object (written_root));
  g_assert_cmpuint (g_list_length (titled_members), ==, g_list_length (written_members));
  for (const GList *t = titled_members, *w = written_members; t != NULL; t = t->next, w = w->next)
    {
      JsonNode *t_node = json_object_get_member (json_node_get_object (titled_root), t->data);
      JsonNode *w_node = json_object_get_member (json_node_get_object (written_root), w->data);

      g_assert_cmpstr (t->data, ==, w->data);
      if (g_strcmp0 (t->data, "title") != 0)
        g_assert_true (json_node_equal (t_node, w_node));
    }
}

static void
test_json_untitled_timeline (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleTime) start = chronicle_time_new_from_iso8601 ("2025-08-30", NULL, NULL);
  g_autoptr(ChronicleEvent) event = chronicle_event_new ("only", "The only event", start);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ChronicleTimeline) loaded = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;

  g_assert_true (chronicle_timeline_add_events (timeline, &event, 1, &error));
  g_assert_no_error (error);

  /* No timeline title to put first: the view's title goes where the
   * writer puts titles, before the events. */
  bytes = export_bytes (timeline, NULL, "A view", CHRONICLE_EXPORT_FORMAT_JSON);
  loaded = load_bytes (bytes);
  g_assert_cmpstr (chronicle_timeline_get_title (loaded), ==, "A view");
  g_assert_cmpuint (chronicle_timeline_get_n_events (loaded), ==, 1);

  root = json_from_string (g_bytes_get_data (bytes, NULL), &error);
  g_assert_no_error (error);
  members = json_object_get_members (json_node_get_object (root));
  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (g_strcmp0 (l->data, "title") == 0)
        break;
      g_assert_true (g_strcmp0 (l->data, "format") == 0 || g_strcmp0 (l->data, "version") == 0);
    }
}

/* CSV */

/* A strict RFC 4180 reader: records end in CRLF (the last one too, as the
 * exporter writes it); a field is either quoted, with quotes doubled
 * inside, or has no quote, comma, CR or LF. Anything else fails. */
static GPtrArray *
parse_csv (const char *data,
           gsize       size)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  gsize i = 0;

  g_assert_cmpuint (size, >, 0);

  while (i < size)
    {
      g_string_truncate (field, 0);

      if (data[i] == '"')
        {
          i++;
          for (;;)
            {
              g_assert_cmpuint (i, <, size);  /* an unterminated quoted field */
              if (data[i] == '"' && i + 1 < size && data[i + 1] == '"')
                {
                  g_string_append_c (field, '"');
                  i += 2;
                }
              else if (data[i] == '"')
                {
                  i++;
                  break;
                }
              else
                g_string_append_c (field, data[i++]);
            }
        }
      else
        {
          while (i < size && data[i] != ',' && data[i] != '\r')
            {
              g_assert_cmpint (data[i], !=, '"');
              g_assert_cmpint (data[i], !=, '\n');
              g_string_append_c (field, data[i++]);
            }
        }

      g_ptr_array_add (fields, g_strdup (field->str));

      g_assert_cmpuint (i, <, size);  /* the last record ends in CRLF too */
      if (data[i] == ',')
        {
          i++;
          continue;
        }

      g_assert_cmpint (data[i], ==, '\r');
      g_assert_cmpuint (i + 1, <, size);
      g_assert_cmpint (data[i + 1], ==, '\n');
      i += 2;

      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (records, g_ptr_array_steal (fields, NULL));
      fields = g_ptr_array_new_with_free_func (g_free);
    }

  g_assert_cmpuint (fields->len, ==, 0);

  return records;
}

static char **
expected_csv_record (ChronicleTimeline *timeline,
                     ChronicleEvent    *event)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  const ChronicleTime *end = chronicle_event_get_end (event);
  const char * const *actors = chronicle_event_get_actors (event);
  const char * const *tags = chronicle_event_get_tags (event);
  GPtrArray *sources = chronicle_event_get_sources (event);
  g_autofree char *start_text = chronicle_time_to_iso8601 (chronicle_event_get_start (event));
  g_autofree char *end_text = end != NULL ? chronicle_time_to_iso8601 (end) : g_strdup ("");
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) tag_list = g_string_new (NULL);
  g_autoptr(GString) urls = g_string_new (NULL);
  char **record;

  for (guint i = 0; actors != NULL && actors[i] != NULL; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "; " : "",
                            chronicle_timeline_get_actor_name (timeline, actors[i]));
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_string_append_printf (tag_list, "%s%s", i > 0 ? "; " : "", tags[i]);
  for (guint i = 0; i < sources->len; i++)
    {
      const ChronicleSource *source = g_ptr_array_index (sources, i);

      if (source->url != NULL && source->url[0] != '\0')
        g_string_append_printf (urls, "%s%s", urls->len > 0 ? " " : "", source->url);
    }

  g_strv_builder_add (builder, chronicle_event_get_id (event));
  g_strv_builder_add (builder, chronicle_event_get_title (event));
  g_strv_builder_add (builder, chronicle_event_get_kind (event));
  g_strv_builder_add (builder, chronicle_event_status_to_string (chronicle_event_get_status (event)));
  g_strv_builder_add (builder, start_text);
  g_strv_builder_add (builder, end_text);
  g_strv_builder_add (builder, chronicle_event_get_approximate (event) ? "true" : "false");
  g_strv_builder_add (builder, chronicle_event_get_location (event) ? chronicle_event_get_location (event) : "");
  g_strv_builder_add (builder, names->str);
  g_strv_builder_add (builder, tag_list->str);
  g_strv_builder_add (builder, chronicle_event_get_summary (event) ? chronicle_event_get_summary (event) : "");
  g_strv_builder_add (builder, urls->str);

  record = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return record;
}

static void
assert_csv_round_trip (ChronicleTimeline *timeline,
                       GPtrArray         *events)
{
  g_autofree char *csv = export_string (timeline, events, "ignored", CHRONICLE_EXPORT_FORMAT_CSV);
  g_autoptr(GPtrArray) records = NULL;

  /* UTF-8 without a byte order mark; every line ends in CRLF. */
  g_assert_false (g_str_has_prefix (csv, "\xEF\xBB\xBF"));
  g_assert_true (g_str_has_prefix (csv, "id,title,kind,status,start,end,approximate,"
                                        "location,actors,tags,summary,source_urls\r\n"));

  records = parse_csv (csv, strlen (csv));
  g_assert_cmpuint (records->len, ==, events->len + 1);
  g_assert_cmpstrv (g_ptr_array_index (records, 0), csv_header);

  for (guint i = 0; i < events->len; i++)
    {
      g_auto(GStrv) expected = expected_csv_record (timeline, g_ptr_array_index (events, i));

      g_assert_cmpstrv (g_ptr_array_index (records, i + 1), expected);
    }
}

static void
test_csv_bundled (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(GPtrArray) events = all_events (timeline);
  g_autoptr(GPtrArray) view_events = events_with_tag (timeline, "federal-plans");
  g_autofree char *csv = export_string (timeline, events, NULL, CHRONICLE_EXPORT_FORMAT_CSV);

  assert_csv_round_trip (timeline, events);
  assert_csv_round_trip (timeline, view_events);

  /* One row as a spreadsheet reads it: an actor's name, not its id;
   * tags joined with "; ". */
  assert_has_line (csv, "executive-order,Johnson signs an executive order to resist the federal crackdown,"
                        "order-signing,occurred,2025-08-30,,false,Chicago,Brandon Johnson,"
                        "immigration; sanctuary-city,Mayor Brandon Johnson signed an executive order "
                        "with guidelines for Chicago’s agencies and police department to resist the "
                        "federal government’s planned immigration crackdown.,\r");
  g_assert_nonnull (strstr (csv, "\r\nchicago-operation,Planned federal immigration operation in Chicago,"
                                 "planned-deployment,planned,2025-09-05,2025-10-05,true,Chicago,"
                                 "The White House; Trump administration; Department of Homeland Security; "
                                 "US Immigration and Customs Enforcement; Customs and Border Protection,"
                                 "immigration; federal-plans,"));
}

static void
test_csv_edge (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_edge ();
  g_autoptr(GPtrArray) events = all_events (timeline);
  g_autofree char *csv = export_string (timeline, events, NULL, CHRONICLE_EXPORT_FORMAT_CSV);

  assert_csv_round_trip (timeline, events);

  /* Fields with a comma, a quote, CR or LF are quoted, quotes doubled;
   * the line breaks inside them are kept as they are. */
  g_assert_nonnull (strstr (csv, "\r\n\"comma, \"\"quote\"\"; id/ü\","
                                 "\"Say \"\"hello\"\", world;\nsecond line of the title\","
                                 "protest,occurred,2025-03-30T01:30,2025-03-30T04:15:30,false,,,,"
                                 "\"Line one\r\nLine two, with a comma\",\"http://example.com/a,b;c\"\r\n"));
  /* BCE and far-future dates are plain data here. */
  g_assert_nonnull (strstr (csv, "\r\nides-of-march,Assassination of Julius Caesar,other,occurred,"
                                 "-0043-03-15,,false,Rome,,antiquity,,\r\n"));
  g_assert_nonnull (strstr (csv, "\r\nfar-future,Far future,other,occurred,+12000,,false,,,,,\r\n"));
  g_assert_nonnull (strstr (csv, ",\"Smith, John \"\"Jack\"\"; City Council; A plain name\","
                                 "\"tag,with,commas; tag;semi; under_score\","));
}

static void
test_csv_empty (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *csv = export_string (timeline, none, NULL, CHRONICLE_EXPORT_FORMAT_CSV);

  g_assert_cmpstr (csv, ==, "id,title,kind,status,start,end,approximate,location,actors,tags,summary,source_urls\r\n");
}

/* iCalendar */

/* Physical lines: CRLF only, at most 75 octets, never a UTF-8 character
 * split across a fold. Returns how many continuation lines there are. */
static guint
assert_ical_lines (const char *ics)
{
  g_auto(GStrv) lines = NULL;
  guint n_continuations = 0;
  guint n_lines;

  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                        "PRODID:-//Chronicle//Chronicle 0.1//EN\r\n"
                                        "CALSCALE:GREGORIAN\r\n"));
  g_assert_true (g_str_has_suffix (ics, "\r\nEND:VCALENDAR\r\n"));

  lines = g_strsplit (ics, "\r\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpuint (n_lines, >, 1);
  g_assert_cmpstr (lines[n_lines - 1], ==, "");

  for (guint i = 0; i + 1 < n_lines; i++)
    {
      const char *line = lines[i];
      gsize end = strlen (line);
      guint n_backslashes = 0;

      g_assert_null (strchr (line, '\n'));
      g_assert_null (strchr (line, '\r'));
      if (strlen (line) > 75)
        g_error ("line %u has %zu octets: %s", i + 1, strlen (line), line);
      g_assert_cmpuint (strlen (line), >, 0);
      g_assert_true (g_utf8_validate (line, -1, NULL));
      /* No escape sequence is split by a fold: an even number of
       * backslashes ends each line. */
      while (end > 0 && line[end - 1] == '\\')
        {
          n_backslashes++;
          end--;
        }
      g_assert_cmpuint (n_backslashes % 2, ==, 0);
      if (line[0] == ' ')
        {
          n_continuations++;
          g_assert_cmpuint (i, >, 0);
        }
    }

  return n_continuations;
}

/* Runs tests/check-ics.py on @ics and returns its JSON. */
static JsonNode *
parse_ics (const char *ics)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-ics.py", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  const char *argv[] = { "/usr/bin/python3", script, NULL, NULL };
  JsonNode *node;

  dir = g_dir_make_tmp ("chronicle-export-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "export.ics", NULL);
  write_file (path, ics);
  argv[2] = path;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);

  if (WIFEXITED (wait_status) && WEXITSTATUS (wait_status) == 77)
    {
      g_test_skip ("python3-icalendar is not installed");
      return NULL;
    }
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("check-ics.py failed: %s\n%s", err, ics);

  node = json_from_string (out, &error);
  g_assert_no_error (error);

  return node;
}

typedef struct
{
  const char *uid;
  const char *dtstart;
  const char *dtend;
  const char *status;
} ExpectedVevent;

static JsonObject *
find_vevent (JsonArray  *vevents,
             const char *uid)
{
  for (guint i = 0; i < json_array_get_length (vevents); i++)
    {
      JsonObject *vevent = json_array_get_object_element (vevents, i);

      if (g_strcmp0 (json_object_get_string_member (vevent, "uid"), uid) == 0)
        return vevent;
    }

  g_error ("no VEVENT with UID %s", uid);
  return NULL;
}

static const char *
member_or_null (JsonObject *object,
                const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

static char *
categories_string (JsonObject *vevent)
{
  JsonArray *categories = json_object_get_array_member (vevent, "categories");
  GString *joined = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (categories); i++)
    g_string_append_printf (joined, "%s%s", i > 0 ? "|" : "", json_array_get_string_element (categories, i));

  return g_string_free (joined, FALSE);
}

/* The dates a calendar should show, worked out from the ISO 8601 text with
 * GDate and GDateTime, not with the exporter's arithmetic. */
static char *
expected_all_day (const char *iso,
                  gboolean    exclusive_end)
{
  int year = 0, month = 1, day = 1;
  int n = sscanf (iso, "%4d-%2d-%2d", &year, &month, &day);
  GDate date;
  char buffer[16];

  g_assert_cmpint (n, >=, 1);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  if (exclusive_end && n == 1)
    g_date_add_years (&date, 1);
  else if (exclusive_end && n == 2)
    g_date_add_months (&date, 1);
  else if (exclusive_end)
    g_date_add_days (&date, 1);

  g_snprintf (buffer, sizeof buffer, "DATE:%04d%02d%02d",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  return g_strdup (buffer);
}

static void
assert_vevent_matches_event (JsonObject        *vevent,
                             ChronicleTimeline *timeline,
                             ChronicleEvent    *event)
{
  const ChronicleTime *end = chronicle_event_get_end (event);
  g_autofree char *start_iso = chronicle_time_to_iso8601 (chronicle_event_get_start (event));
  g_autofree char *end_iso = chronicle_time_to_iso8601 (end != NULL ? end : chronicle_event_get_start (event));
  g_autofree char *expected_start = NULL;
  g_autofree char *expected_end = NULL;
  g_autofree char *categories = categories_string (vevent);
  const char * const *tags = chronicle_event_get_tags (event);
  const char *expected_status = "CONFIRMED";

  /* The bundled timeline has dates only: all-day events spanning whole
   * days, months or years, the end exclusive. */
  g_assert_cmpuint (strlen (start_iso), <=, 10);
  expected_start = expected_all_day (start_iso, FALSE);
  expected_end = expected_all_day (end_iso, TRUE);

  g_assert_cmpstr (member_or_null (vevent, "dtstart"), ==, expected_start);
  g_assert_cmpstr (member_or_null (vevent, "dtend"), ==, expected_end);
  g_assert_cmpstr (member_or_null (vevent, "summary"), ==, chronicle_event_get_title (event));
  g_assert_cmpstr (member_or_null (vevent, "location"), ==, chronicle_event_get_location (event));
  g_assert_cmpstr (member_or_null (vevent, "dtstamp"), ==, "UTC:20250901T000000Z");
  g_assert_cmpstr (member_or_null (vevent, "transp"), ==, "TRANSPARENT");

  if (chronicle_event_get_status (event) == CHRONICLE_EVENT_STATUS_PLANNED)
    expected_status = "TENTATIVE";
  else if (chronicle_event_get_status (event) == CHRONICLE_EVENT_STATUS_CANCELLED)
    expected_status = "CANCELLED";
  g_assert_cmpstr (member_or_null (vevent, "status"), ==, expected_status);

  g_assert_true (g_str_has_prefix (categories,
                                   chronicle_kind_get_label (chronicle_timeline_get_event_kind (timeline, event))));
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    g_assert_nonnull (strstr (categories, tags[i]));

  if (chronicle_event_get_summary (event) != NULL)
    g_assert_true (g_str_has_prefix (member_or_null (vevent, "description"), chronicle_event_get_summary (event)));
}

static void
test_ical_bundled (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(GPtrArray) events = all_events (timeline);
  g_autofree char *ics = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  JsonObject *calendar;
  JsonArray *vevents;
  JsonObject *order;

  g_setenv ("SOURCE_DATE_EPOCH", TEST_SOURCE_DATE_EPOCH, TRUE);
  ics = export_string (timeline, events, "All events", CHRONICLE_EXPORT_FORMAT_ICALENDAR);
  g_unsetenv ("SOURCE_DATE_EPOCH");

  assert_ical_lines (ics);
  g_assert_cmpuint (chronicle_data_export_count_skipped (timeline, events, CHRONICLE_EXPORT_FORMAT_ICALENDAR), ==, 0);

  parsed = parse_ics (ics);
  if (parsed == NULL)
    return;

  calendar = json_node_get_object (parsed);
  g_assert_cmpstr (member_or_null (calendar, "version"), ==, "2.0");
  g_assert_cmpstr (member_or_null (calendar, "prodid"), ==, "-//Chronicle//Chronicle 0.1//EN");
  g_assert_cmpstr (member_or_null (calendar, "calscale"), ==, "GREGORIAN");
  g_assert_true (g_str_has_suffix (member_or_null (calendar, "calname"), " — All events"));

  vevents = json_object_get_array_member (calendar, "events");
  g_assert_cmpuint (json_array_get_length (vevents), ==, events->len);

  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = g_ptr_array_index (events, i);
      g_autofree char *uid = g_strdup_printf ("%s@chronicle", chronicle_event_get_id (event));
      JsonObject *vevent = json_array_get_object_element (vevents, i);

      /* In the view's order, and every UID different. */
      g_assert_cmpstr (member_or_null (vevent, "uid"), ==, uid);
      assert_vevent_matches_event (vevent, timeline, event);
    }

  /* The order signing, a day-precision point event, is one whole day. */
  order = find_vevent (vevents, "executive-order@chronicle");
  g_assert_cmpstr (member_or_null (order, "dtstart"), ==, "DATE:20250830");
  g_assert_cmpstr (member_or_null (order, "dtend"), ==, "DATE:20250831");
  g_assert_cmpstr (member_or_null (order, "status"), ==, "CONFIRMED");
  order = find_vevent (vevents, "chicago-operation@chronicle");
  g_assert_cmpstr (member_or_null (order, "dtstart"), ==, "DATE:20250905");
  g_assert_cmpstr (member_or_null (order, "dtend"), ==, "DATE:20251006");
  g_assert_cmpstr (member_or_null (order, "status"), ==, "TENTATIVE");
  g_assert_true (g_str_has_suffix (member_or_null (order, "description"), "\n\nThe dates are approximate."));
  /* Month and year precision: the whole month, the whole years. */
  order = find_vevent (vevents, "january-crackdown@chronicle");
  g_assert_cmpstr (member_or_null (order, "dtstart"), ==, "DATE:20250101");
  g_assert_cmpstr (member_or_null (order, "dtend"), ==, "DATE:20250201");
  order = find_vevent (vevents, "covid-crime-spike@chronicle");
  g_assert_cmpstr (member_or_null (order, "dtstart"), ==, "DATE:20200101");
  g_assert_cmpstr (member_or_null (order, "dtend"), ==, "DATE:20230101");
}

static void
test_ical_edge (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_edge ();
  g_autoptr(GPtrArray) events = all_events (timeline);
  g_autofree char *ics = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  g_autofree char *derived_uid = NULL;
  JsonObject *calendar;
  JsonArray *vevents;
  JsonObject *vevent;
  g_autofree char *categories = NULL;
  ChronicleEvent *derived = NULL;
  guint n_continuations;
  const ExpectedVevent expected[] = {
    { "first-day@chronicle", "DATE:00010101", "DATE:00010102", "CONFIRMED" },
    { "markup@chronicle", "DATE:20250301", "DATE:20250302", "CONFIRMED" },
    /* Wall-clock times in Europe/Berlin, across the change to summer time. */
    { "comma%2C%20%22quote%22%3B%20id%2F%C3%BC@chronicle",
      "UTC:20250330T003000Z", "UTC:20250330T021530Z", "CONFIRMED" },
    { NULL /* derived id */, "DATE:20250401", "DATE:20250701", "CANCELLED" },
    /* A time with its own offset; a point in time has no DTEND. */
    { "offset-point@chronicle", "UTC:20250830T190500Z", NULL, "CONFIRMED" },
    /* A precise start and a day-precision end: to the end of that day in Berlin. */
    { "utc-point@chronicle", "UTC:20250830T200000Z", "UTC:20250831T220000Z", "CONFIRMED" },
    { "planned-year@chronicle", "DATE:20260101", "DATE:20270101", "TENTATIVE" },
    { "year-end@chronicle", "DATE:20261201", "DATE:20270101", "CONFIRMED" },
  };

  for (guint i = 0; i < events->len; i++)
    if (chronicle_event_has_derived_id (g_ptr_array_index (events, i)))
      derived = g_ptr_array_index (events, i);
  g_assert_nonnull (derived);
  derived_uid = g_strdup_printf ("%s@chronicle", chronicle_event_get_id (derived));

  /* Before year 1 (44 BCE, 1 BCE) and after 9999 (+12000, and the day
   * after 9999-12-31 that DTEND would need) a calendar cannot go. */
  g_assert_cmpuint (chronicle_data_export_count_skipped (timeline, events, CHRONICLE_EXPORT_FORMAT_ICALENDAR), ==, 4);
  g_assert_cmpuint (chronicle_data_export_count_skipped (timeline, NULL, CHRONICLE_EXPORT_FORMAT_ICALENDAR), ==, 4);
  for (ChronicleExportFormat format = 0; format < CHRONICLE_EXPORT_N_FORMATS; format++)
    if (format != CHRONICLE_EXPORT_FORMAT_ICALENDAR)
      g_assert_cmpuint (chronicle_data_export_count_skipped (timeline, events, format), ==, 0);

  g_setenv ("SOURCE_DATE_EPOCH", TEST_SOURCE_DATE_EPOCH, TRUE);
  ics = export_string (timeline, events, NULL, CHRONICLE_EXPORT_FORMAT_ICALENDAR);
  g_unsetenv ("SOURCE_DATE_EPOCH");

  n_continuations = assert_ical_lines (ics);
  g_assert_cmpuint (n_continuations, >, 0);
  g_assert_null (strstr (ics, "Julius Caesar"));
  g_assert_null (strstr (ics, "Far future"));
  g_assert_null (strstr (ics, "9999"));

  /* TEXT escaping as written. */
  g_assert_nonnull (strstr (ics, "\r\nSUMMARY:Say \"hello\"\\, world\\;\\nsecond line of the title\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nLOCATION:Main Square\\, Springfield\\; north side\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nCATEGORIES:Protest\\, march\\; rally,tag\\,with\\,commas,tag\\;semi,under_score\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nX-WR-CALNAME:Export edge cases: *stars*\\, [links](x) & <tags>\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nDTSTART;VALUE=DATE:20250301\r\nDTEND;VALUE=DATE:20250302\r\n"));

  parsed = parse_ics (ics);
  if (parsed == NULL)
    return;

  calendar = json_node_get_object (parsed);
  g_assert_cmpstr (member_or_null (calendar, "calname"), ==, "Export edge cases: *stars*, [links](x) & <tags>");
  vevents = json_object_get_array_member (calendar, "events");
  g_assert_cmpuint (json_array_get_length (vevents), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *uid = expected[i].uid != NULL ? expected[i].uid : derived_uid;

      vevent = json_array_get_object_element (vevents, i);
      g_assert_cmpstr (member_or_null (vevent, "uid"), ==, uid);
      g_assert_cmpstr (member_or_null (vevent, "dtstart"), ==, expected[i].dtstart);
      g_assert_cmpstr (member_or_null (vevent, "dtend"), ==, expected[i].dtend);
      g_assert_cmpstr (member_or_null (vevent, "status"), ==, expected[i].status);
      g_assert_cmpstr (member_or_null (vevent, "dtstamp"), ==, "UTC:20250901T000000Z");
    }

  /* What the parser read back is what the timeline says. */
  vevent = find_vevent (vevents, "markup@chronicle");
  g_assert_cmpstr (member_or_null (vevent, "summary"), ==,
                   "*not bold* [x](y) <b>html</b> # _under_ `code` | pipe & &amp; \\ back ~strike~");
  g_assert_cmpstr (member_or_null (vevent, "location"), ==, "Main Square, Springfield; north side");
  /* The first http(s) source URL, its space percent-encoded so that it
   * stays one URI. */
  g_assert_cmpstr (member_or_null (vevent, "url"), ==, "https://en.wikipedia.org/wiki/Foo_(bar)%20x");
  g_assert_nonnull (strstr (ics, "\r\nURL:https://en.wikipedia.org/wiki/Foo_(bar)%20x\r\n"));
  categories = categories_string (vevent);
  g_assert_cmpstr (categories, ==, "Protest, march; rally|tag,with,commas|tag;semi|under_score");
  g_assert_true (g_str_has_prefix (member_or_null (vevent, "description"),
                                   "- not a list\n+ nor this\n1. not ordered\n"));
  g_assert_nonnull (strstr (member_or_null (vevent, "description"),
                            "\n\nCosts $5 & *more*; see <https://example.org>.\n\n"
                            "“First line\nsecond line, with \"quotes\"”\n"
                            "— Smith, John \"Jack\", Radio, interview\n\n"
                            "“No speaker here”\n— Leaflet\n\n"
                            "“Nobody said where”\n— Anonymous * person"));

  vevent = find_vevent (vevents, "comma%2C%20%22quote%22%3B%20id%2F%C3%BC@chronicle");
  g_assert_cmpstr (member_or_null (vevent, "summary"), ==, "Say \"hello\", world;\nsecond line of the title");
  g_assert_cmpstr (member_or_null (vevent, "description"), ==, "Line one\nLine two, with a comma");
  g_assert_cmpstr (member_or_null (vevent, "url"), ==, "http://example.com/a,b;c");

  /* The long title with multi-byte characters survives folding intact. */
  vevent = find_vevent (vevents, derived_uid);
  g_assert_cmpstr (member_or_null (vevent, "summary"), ==, chronicle_event_get_title (derived));
  g_assert_cmpstr (member_or_null (vevent, "location"), ==, "Zürich");
  g_assert_cmpstr (member_or_null (vevent, "description"), ==, "The dates are approximate.");
  g_clear_pointer (&categories, g_free);
  categories = categories_string (vevent);
  g_assert_cmpstr (categories, ==, "mystery");

  vevent = find_vevent (vevents, "planned-year@chronicle");
  g_clear_pointer (&categories, g_free);
  categories = categories_string (vevent);
  g_assert_cmpstr (categories, ==, "Planned deployment");
  g_assert_cmpstr (member_or_null (vevent, "description"), ==, "Planned for all of 2026.");
  g_assert_null (member_or_null (vevent, "location"));
  g_assert_null (member_or_null (vevent, "url"));
}

/* RFC 5545 read by hand, where python3-icalendar 4.0.3 is wrong: it
 * unescapes runs of backslashes twice (four backslashes in the file, two
 * escaped ones, come back as one). Unfolds, then returns the unescaped
 * TEXT value of property @name in the VEVENT with @uid. */
static char *
ics_text_value (const char *ics,
                const char *uid,
                const char *name)
{
  g_autoptr(GString) unfolded = g_string_new (NULL);
  g_autofree char *uid_line = g_strdup_printf ("UID:%s", uid);
  g_autofree char *prefix = g_strdup_printf ("%s:", name);
  g_auto(GStrv) lines = NULL;
  const char *value = NULL;
  gboolean in_event = FALSE;

  for (const char *p = ics; *p != '\0'; p++)
    {
      if (p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t'))
        p += 2;
      else
        g_string_append_c (unfolded, *p);
    }

  lines = g_strsplit (unfolded->str, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (lines[i], "BEGIN:VEVENT"))
        {
          in_event = FALSE;
          value = NULL;
        }
      else if (g_str_equal (lines[i], uid_line))
        in_event = TRUE;
      else if (g_str_has_prefix (lines[i], prefix))
        value = lines[i] + strlen (prefix);
      else if (g_str_equal (lines[i], "END:VEVENT") && in_event && value != NULL)
        {
          GString *text = g_string_new (NULL);

          for (const char *p = value; *p != '\0'; p++)
            {
              if (p[0] == '\\' && (p[1] == 'n' || p[1] == 'N'))
                g_string_append_c (text, '\n');
              else if (p[0] == '\\' && p[1] != '\0')
                g_string_append_c (text, p[1]);
              else
                {
                  g_string_append_c (text, *p);
                  continue;
                }
              p++;
            }

          return g_string_free (text, FALSE);
        }
    }

  g_error ("no %s in the VEVENT with UID %s", name, uid);
  return NULL;
}

/* Titles of every length around the fold, made of escapes and of two-,
 * three- and four-octet characters, so that each kind of unit lands on
 * the 75th octet somewhere. */
static void
test_ical_folding (void)
{
  g_autoptr(ChronicleTimeline) timeline = chronicle_timeline_new ();
  g_autoptr(ChronicleTime) start = chronicle_time_new_from_iso8601 ("2025-08-30", NULL, NULL);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  static const char * const units[] = { ",", "\\", "é", "€", "𝄞", "a;" };
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  g_autoptr(JsonNode) parsed = NULL;
  JsonArray *vevents;

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    for (guint length = 60; length < 80; length++)
      {
        g_autoptr(GString) title = g_string_new (NULL);
        g_autofree char *id = g_strdup_printf ("fold-%u-%u", u, length);
        ChronicleEvent *event;

        g_string_append_len (title, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
                             length - 60);
        for (guint i = 0; i < 40; i++)
          g_string_append (title, units[u]);
        event = chronicle_event_new (id, title->str, start);
        g_ptr_array_add (events, event);
      }

  g_assert_true (chronicle_timeline_add_events (timeline, (ChronicleEvent **) events->pdata, events->len, &error));
  g_assert_no_error (error);

  ics = export_string (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_ICALENDAR);
  g_assert_cmpuint (assert_ical_lines (ics), >=, events->len);

  parsed = parse_ics (ics);
  if (parsed == NULL)
    return;

  vevents = json_object_get_array_member (json_node_get_object (parsed), "events");
  g_assert_cmpuint (json_array_get_length (vevents), ==, events->len);
  for (guint i = 0; i < events->len; i++)
    {
      ChronicleEvent *event = chronicle_timeline_get_event (timeline, i);
      g_autofree char *uid = g_strdup_printf ("%s@chronicle", chronicle_event_get_id (event));
      JsonObject *vevent = find_vevent (vevents, uid);
      g_autofree char *summary = ics_text_value (ics, uid, "SUMMARY");

      g_assert_cmpstr (summary, ==, chronicle_event_get_title (event));
      /* See ics_text_value(): the parser's own bug with backslashes. */
      if (strchr (chronicle_event_get_title (event), '\\') == NULL)
        g_assert_cmpstr (member_or_null (vevent, "summary"), ==, chronicle_event_get_title (event));
    }
}

static void
test_ical_dtstamp (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autofree char *fixed_a = NULL;
  g_autofree char *fixed_b = NULL;
  g_autofree char *now_text = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) stamp = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  char stamp_text[17] = { 0 };
  const char *line;
  int year, month, day, hour, minute, second;

  /* Reproducible: the same bytes from run to run. */
  g_setenv ("SOURCE_DATE_EPOCH", TEST_SOURCE_DATE_EPOCH, TRUE);
  fixed_a = export_string (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_ICALENDAR);
  g_usleep (G_USEC_PER_SEC * 11 / 10);
  fixed_b = export_string (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_ICALENDAR);
  g_assert_cmpstr (fixed_a, ==, fixed_b);
  g_assert_nonnull (strstr (fixed_a, "\r\nDTSTAMP:20250901T000000Z\r\n"));

  /* Without it, the current time in UTC. */
  g_unsetenv ("SOURCE_DATE_EPOCH");
  before = g_date_time_new_now_utc ();
  now_text = export_string (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_ICALENDAR);
  after = g_date_time_new_now_utc ();

  line = strstr (now_text, "\r\nDTSTAMP:");
  g_assert_nonnull (line);
  memcpy (stamp_text, line + strlen ("\r\nDTSTAMP:"), 16);
  g_assert_cmpint (stamp_text[8], ==, 'T');
  g_assert_cmpint (stamp_text[15], ==, 'Z');
  g_assert_cmpint (sscanf (stamp_text, "%4d%2d%2dT%2d%2d%2dZ",
                           &year, &month, &day, &hour, &minute, &second), ==, 6);
  stamp = g_date_time_new (utc, year, month, day, hour, minute, second);
  g_assert_nonnull (stamp);
  g_assert_cmpint (g_date_time_to_unix (stamp), >=, g_date_time_to_unix (before));
  g_assert_cmpint (g_date_time_to_unix (stamp), <=, g_date_time_to_unix (after));
}

static void
test_ical_nothing_to_export (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_edge ();
  g_autoptr(GPtrArray) ancient = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_ptr_array_add (ancient, g_object_ref (chronicle_timeline_lookup_event (timeline, "ides-of-march")));
  g_ptr_array_add (ancient, g_object_ref (chronicle_timeline_lookup_event (timeline, "far-future")));

  bytes = chronicle_data_export_to_bytes (timeline, ancient, NULL, CHRONICLE_EXPORT_FORMAT_ICALENDAR, &error);
  g_assert_null (bytes);
  g_assert_error (error, CHRONICLE_DATA_EXPORT_ERROR, CHRONICLE_DATA_EXPORT_ERROR_NOTHING_TO_EXPORT);
  g_clear_error (&error);

  bytes = chronicle_data_export_to_bytes (timeline, none, NULL, CHRONICLE_EXPORT_FORMAT_ICALENDAR, &error);
  g_assert_null (bytes);
  g_assert_error (error, CHRONICLE_DATA_EXPORT_ERROR, CHRONICLE_DATA_EXPORT_ERROR_NOTHING_TO_EXPORT);
}

/* Markdown */

static void
test_markdown_golden (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autofree char *golden_path = data_path ("export-golden.md");
  g_autofree char *markdown = export_string (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_MARKDOWN);
  g_autofree char *golden = NULL;

  if (g_getenv ("CHRONICLE_UPDATE_GOLDEN") != NULL)
    {
      write_file (golden_path, markdown);
      g_test_message ("wrote %s: review it before committing", golden_path);
    }

  golden = read_file (golden_path);
  g_assert_cmpstr (markdown, ==, golden);
}

static void
test_markdown_view (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(GPtrArray) events = events_with_tag (timeline, "federal-plans");
  g_autofree char *markdown = export_string (timeline, events, "Federal plans for Chicago",
                                             CHRONICLE_EXPORT_FORMAT_MARKDOWN);
  g_autofree char *title_line = g_strdup_printf ("# %s", chronicle_timeline_get_title (timeline));

  g_assert_true (g_str_has_prefix (markdown, title_line));
  assert_has_line (markdown, "*Federal plans for Chicago*");
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *heading = g_strdup_printf ("### %s", chronicle_event_get_title (g_ptr_array_index (events, i)));

      assert_has_line (markdown, heading);
    }
  /* Only the view's events. */
  g_assert_null (strstr (markdown, "Johnson signs an executive order"));
  /* A range sits under its start, and says how long it lasts. */
  assert_has_line (markdown, "## 5 September 2025");
  assert_has_line (markdown, "c. 5 September – 5 October 2025 · Planned deployment · Planned · Chicago");
}

static void
test_markdown_escaping (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_edge ();
  g_autofree char *markdown = export_string (timeline, NULL, "Protests & *marches*",
                                             CHRONICLE_EXPORT_FORMAT_MARKDOWN);

  /* Text from the file stays literal. */
  assert_has_line (markdown, "# Export edge cases: \\*stars\\*, \\[links\\](x) & \\<tags\\>");
  assert_has_line (markdown, "*Protests & \\*marches\\**");
  assert_has_line (markdown, "\\- not a list");
  assert_has_line (markdown, "1\\. not a list either");
  assert_has_line (markdown, "### \\*not bold\\* \\[x\\](y) \\<b\\>html\\</b\\> \\# \\_under\\_ \\`code\\` "
                             "\\| pipe & \\&amp; \\\\ back \\~strike\\~");
  assert_has_line (markdown, "Protest, march; rally · Reported · Main Square, Springfield; north side");
  assert_has_line (markdown, "Actors: Smith, John \"Jack\", City Council, A plain name");

  /* Line starts that would be lists, headings, quotes, setext underlines
   * or code; trailing spaces that would be a hard break; several empty
   * lines that are one paragraph break. */
  g_assert_nonnull (strstr (markdown, "\n\n\\- not a list\n\\+ nor this\n1\\. not ordered\n2\\) nor this\n"
                                      "\\# not a heading\n\n\\> not a quote\n\\===\nnot code\n"
                                      "trailing spaces\n\nafter three empty lines\n\n"));
  assert_has_line (markdown, "Costs $5 & \\*more\\*; see \\<https://example.org\\>.");

  /* Quotes are block quotes with the speaker under them. */
  g_assert_nonnull (strstr (markdown, "\n\n> First line\n> second line, with \"quotes\"\n>\n"
                                      "> — Smith, John \"Jack\", Radio, interview\n\n"
                                      "> No speaker here\n>\n> — Leaflet\n\n"
                                      "> Nobody said where\n>\n> — Anonymous \\* person\n\n"));

  /* Sources: links only for http(s) and mailto; destinations that stay
   * one destination. */
  g_assert_nonnull (strstr (markdown, "\n\nSources:\n\n"
                                      "- [Report (with parentheses)](https://en.wikipedia.org/wiki/Foo_%28bar%29%20x)"
                                      " — The Daily \\[Paper\\], 2 March 2025\n"
                                      "- [Write to us](mailto:news@example.org)\n"
                                      "- An FTP archive (ftp://example.org/archive)\n"
                                      "- Only a publisher\n"
                                      "- [https://example.org/only-url](https://example.org/only-url)\n"));
  assert_has_line (markdown, "Tags: tag,with,commas, tag;semi, under\\_score");

  /* Dates as headings, BCE and far future included; a title's line break
   * becomes a space. */
  assert_has_line (markdown, "## 15 March 44 BCE");
  assert_has_line (markdown, "## 12000");
  assert_has_line (markdown, "### Say \"hello\", world; second line of the title");
  assert_has_line (markdown, "## 30 March 2025");
  assert_has_line (markdown, "30 March 2025, 01:30 CET – 30 March 2025, 04:15:30 CEST · Protest, march; rally · Occurred");
  /* An approximate point event keeps its "c." in the event, not in the
   * heading that groups by date. */
  assert_has_line (markdown, "## June 1 BCE");
  assert_has_line (markdown, "c. June 1 BCE · Other · Occurred");
  /* An unknown kind shows its id. */
  g_assert_nonnull (strstr (markdown, " · mystery · Cancelled · Zürich\n"));

  /* No line ends in blanks, none is indented like code. */
  {
    g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_assert_false (g_str_has_suffix (lines[i], " "));
        g_assert_false (g_str_has_prefix (lines[i], " "));
        g_assert_false (g_str_has_prefix (lines[i], "\t"));
      }
  }
}

/* Clipboard text */

static void
test_event_to_text (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  ChronicleEvent *event = chronicle_timeline_lookup_event (timeline, "executive-order");
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  GPtrArray *quotes;

  g_assert_nonnull (event);
  quotes = chronicle_event_get_quotes (event);
  g_assert_cmpuint (quotes->len, ==, 3);

  text = chronicle_data_export_event_to_text (timeline, event);
  expected = g_strdup_printf ("Johnson signs an executive order to resist the federal crackdown\n"
                              "30 August 2025\n"
                              "Kind: Order signing\n"
                              "Status: Occurred\n"
                              "Location: Chicago\n"
                              "Actors: Brandon Johnson\n"
                              "Tags: immigration, sanctuary-city\n"
                              "\n%s\n"
                              "\n%s\n"
                              "\n“%s”\n— Executive order, as reported by CNN\n"
                              "\n“%s”\n— Executive order\n"
                              "\n“%s”\n— Executive order\n"
                              "\nSources:\n"
                              "- CNN\n",
                              chronicle_event_get_summary (event),
                              chronicle_event_get_description (event),
                              ((ChronicleQuote *) g_ptr_array_index (quotes, 0))->text,
                              ((ChronicleQuote *) g_ptr_array_index (quotes, 1))->text,
                              ((ChronicleQuote *) g_ptr_array_index (quotes, 2))->text);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_event_to_text_edge (void)
{
  g_autoptr(ChronicleTimeline) timeline = load_edge ();
  g_autofree char *markup = NULL;
  g_autofree char *range = NULL;

  /* Plain text: nothing escaped, sources with their URLs. */
  markup = chronicle_data_export_event_to_text (timeline, chronicle_timeline_lookup_event (timeline, "markup"));
  g_assert_true (g_str_has_prefix (markup, "*not bold* [x](y) <b>html</b> # _under_ `code` | pipe & &amp; \\ back ~strike~\n"
                                           "1 March 2025\n"
                                           "Kind: Protest, march; rally\n"
                                           "Status: Reported\n"
                                           "Location: Main Square, Springfield; north side\n"
                                           "Actors: Smith, John \"Jack\", City Council, A plain name\n"
                                           "Tags: tag,with,commas, tag;semi, under_score\n"
                                           "\n- not a list\n"));
  g_assert_true (g_str_has_suffix (markup, "\nSources:\n"
                                           "- Report (with parentheses) — The Daily [Paper], 2 March 2025 "
                                           "<https://en.wikipedia.org/wiki/Foo_(bar) x>\n"
                                           "- Write to us <mailto:news@example.org>\n"
                                           "- An FTP archive <ftp://example.org/archive>\n"
                                           "- Only a publisher\n"
                                           "- https://example.org/only-url\n"));

  range = chronicle_data_export_event_to_text (timeline, chronicle_timeline_lookup_event (timeline, "planned-year"));
  g_assert_cmpstr (range, ==, "A whole planned year\n"
                              "2026\n"
                              "Kind: Planned deployment\n"
                              "Status: Planned\n"
                              "\nPlanned for all of 2026.\n");
}

/* Writing files */

typedef struct
{
  char *dir;
  char *target;
} WriteFixture;

static void
write_fixture_set_up (WriteFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("chronicle-export-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->target = g_build_filename (fixture->dir, "export.csv", NULL);
}

static void
write_fixture_tear_down (WriteFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->target);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in the fixture's directory, sorted and joined by spaces: a
 * failed write leaves no temporary file behind. */
static char *
list_dir (WriteFixture *fixture)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_write_success (WriteFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(GFile) file = g_file_new_for_path (fixture->target);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = export_string (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_CSV);
  g_autofree char *contents = NULL;
  g_autofree char *names = NULL;

  write_file (fixture->target, "ORIGINAL\n");
  g_assert_true (chronicle_data_export_write_file (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_CSV,
                                                   file, NULL, &error));
  g_assert_no_error (error);

  contents = read_file (fixture->target);
  g_assert_cmpstr (contents, ==, expected);
  names = list_dir (fixture);
  g_assert_cmpstr (names, ==, "export.csv");
}

static void
assert_target_untouched (WriteFixture *fixture,
                         const char   *expected_names)
{
  g_autofree char *contents = read_file (fixture->target);
  g_autofree char *names = list_dir (fixture);

  g_assert_cmpstr (contents, ==, "ORIGINAL\n");
  g_assert_cmpstr (names, ==, expected_names);
}

/* A write that fails halfway, as on a full disk: the file size limit makes
 * every write past 64 bytes fail with EFBIG, for root too. */
static gboolean
export_with_size_limit (ChronicleTimeline  *timeline,
                        GFile              *file,
                        GError            **error)
{
  struct rlimit saved;
  struct rlimit limited;
  void (*saved_handler) (int);
  gboolean ok;

  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = 64;
  saved_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);

  ok = chronicle_data_export_write_file (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_MARKDOWN,
                                         file, NULL, error);

  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, saved_handler);

  return ok;
}

static void
test_write_failure_keeps_file (WriteFixture  *fixture,
                               gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(GFile) file = g_file_new_for_path (fixture->target);
  g_autoptr(GError) error = NULL;

  write_file (fixture->target, "ORIGINAL\n");

  g_assert_false (export_with_size_limit (timeline, file, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);

  assert_target_untouched (fixture, "export.csv");
}

static void
test_write_failure_through_symlink (WriteFixture  *fixture,
                                    gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autofree char *link_path = g_build_filename (fixture->dir, "link.md", NULL);
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = export_string (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_MARKDOWN);
  g_autofree char *contents = NULL;

  write_file (fixture->target, "ORIGINAL\n");
  g_assert_cmpint (symlink ("export.csv", link_path), ==, 0);

  g_assert_false (export_with_size_limit (timeline, link, &error));
  g_assert_nonnull (error);
  assert_target_untouched (fixture, "export.csv link.md");
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  g_clear_error (&error);

  /* A successful write goes through the link and keeps it. */
  g_assert_true (chronicle_data_export_write_file (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_MARKDOWN,
                                                   link, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  contents = read_file (fixture->target);
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_write_unwritable (WriteFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autofree char *missing_path = g_build_filename (fixture->dir, "no-such-dir", "out.csv", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) directory = g_file_new_for_path (fixture->dir);
  g_autoptr(GFile) resource = g_file_new_for_uri ("resource:///io/github/chronicle/Chronicle/export.csv");
  g_autoptr(GFile) file = g_file_new_for_path (fixture->target);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ancient = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChronicleTimeline) edge = load_edge ();

  write_file (fixture->target, "ORIGINAL\n");

  /* A folder that does not exist. */
  g_assert_false (chronicle_data_export_write_file (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_CSV,
                                                    missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing_path, G_FILE_TEST_EXISTS));

  /* A directory in the way. */
  g_assert_false (chronicle_data_export_write_file (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_CSV,
                                                    directory, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* Cancelled before it started. */
  g_cancellable_cancel (cancellable);
  g_assert_false (chronicle_data_export_write_file (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_CSV,
                                                    file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* An export that fails before writing. */
  g_ptr_array_add (ancient, g_object_ref (chronicle_timeline_lookup_event (edge, "ides-of-march")));
  g_assert_false (chronicle_data_export_write_file (edge, ancient, NULL, CHRONICLE_EXPORT_FORMAT_ICALENDAR,
                                                    file, NULL, &error));
  g_assert_error (error, CHRONICLE_DATA_EXPORT_ERROR, CHRONICLE_DATA_EXPORT_ERROR_NOTHING_TO_EXPORT);
  g_clear_error (&error);
  g_assert_false (chronicle_data_export_write_file (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_PNG,
                                                    file, NULL, &error));
  g_assert_error (error, CHRONICLE_DATA_EXPORT_ERROR, CHRONICLE_DATA_EXPORT_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* A location that is not a local file goes through GIO, and fails
   * where GIO cannot write. */
  g_assert_false (chronicle_data_export_write_file (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_CSV,
                                                    resource, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);

  assert_target_untouched (fixture, "export.csv");
}

/* A writable file in a folder that is not: GIO would rewrite the file in
 * place, with nothing to fall back on if that failed half-way. */
static void
test_write_read_only_folder (WriteFixture  *fixture,
                             gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(GFile) file = g_file_new_for_path (fixture->target);
  g_autoptr(GError) error = NULL;
  gboolean written;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write in a read-only folder");
      return;
    }

  write_file (fixture->target, "ORIGINAL\n");
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  written = chronicle_data_export_write_file (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_CSV,
                                              file, NULL, &error);
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);

  g_assert_false (written);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  assert_target_untouched (fixture, "export.csv");
}

static void
test_write_read_only_file (WriteFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(ChronicleTimeline) timeline = load_bundled ();
  g_autoptr(GFile) file = g_file_new_for_path (fixture->target);
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write a read-only file");
      return;
    }

  write_file (fixture->target, "ORIGINAL\n");
  g_assert_cmpint (g_chmod (fixture->target, 0444), ==, 0);

  g_assert_false (chronicle_data_export_write_file (timeline, NULL, NULL, CHRONICLE_EXPORT_FORMAT_CSV,
                                                    file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  assert_target_untouched (fixture, "export.csv");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("SOURCE_DATE_EPOCH");
  setlocale (LC_ALL, "");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/data-export/format/from-extension", test_format_from_extension);
  g_test_add_func ("/data-export/format/from-string", test_format_from_string);
  g_test_add_func ("/data-export/format/properties", test_format_properties);
  g_test_add_func ("/data-export/format/image-refused", test_image_format_refused);
  g_test_add_func ("/data-export/json/bundled", test_json_bundled);
  g_test_add_func ("/data-export/json/edge", test_json_edge);
  g_test_add_func ("/data-export/json/view-title", test_json_view_title);
  g_test_add_func ("/data-export/json/untitled-timeline", test_json_untitled_timeline);
  g_test_add_func ("/data-export/csv/bundled", test_csv_bundled);
  g_test_add_func ("/data-export/csv/edge", test_csv_edge);
  g_test_add_func ("/data-export/csv/empty", test_csv_empty);
  g_test_add_func ("/data-export/ical/bundled", test_ical_bundled);
  g_test_add_func ("/data-export/ical/edge", test_ical_edge);
  g_test_add_func ("/data-export/ical/folding", test_ical_folding);
  g_test_add_func ("/data-export/ical/dtstamp", test_ical_dtstamp);
  g_test_add_func ("/data-export/ical/nothing-to-export", test_ical_nothing_to_export);
  g_test_add_func ("/data-export/markdown/golden", test_markdown_golden);
  g_test_add_func ("/data-export/markdown/view", test_markdown_view);
  g_test_add_func ("/data-export/markdown/escaping", test_markdown_escaping);
  g_test_add_func ("/data-export/text/event", test_event_to_text);
  g_test_add_func ("/data-export/text/edge", test_event_to_text_edge);
  g_test_add ("/data-export/write/success", WriteFixture, NULL,
              write_fixture_set_up, test_write_success, write_fixture_tear_down);
  g_test_add ("/data-export/write/failure-keeps-file", WriteFixture, NULL,
              write_fixture_set_up, test_write_failure_keeps_file, write_fixture_tear_down);
  g_test_add ("/data-export/write/failure-through-symlink", WriteFixture, NULL,
              write_fixture_set_up, test_write_failure_through_symlink, write_fixture_tear_down);
  g_test_add ("/data-export/write/unwritable", WriteFixture, NULL,
              write_fixture_set_up, test_write_unwritable, write_fixture_tear_down);
  g_test_add ("/data-export/write/read-only-folder", WriteFixture, NULL,
              write_fixture_set_up, test_write_read_only_folder, write_fixture_tear_down);
  g_test_add ("/data-export/write/read-only-file", WriteFixture, NULL,
              write_fixture_set_up, test_write_read_only_file, write_fixture_tear_down);

  return g_test_run ();
}
