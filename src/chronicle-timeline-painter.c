/* chronicle-timeline-painter.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-timeline-painter"

#include "config.h"

#include "chronicle-timeline-painter.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

/* The square turned into a diamond, and half the diamond's width. */
#define MARKER_SIZE      10.0
#define MARKER_HALF       7.5
#define BAR_HEIGHT       18.0
#define MIN_BAR_WIDTH     6.0
/* Ranges narrower than this cluster like markers. */
#define SMALL_ITEM       12.0
/* Items of a row closer than this (in pixels) merge into a cluster. */
#define CLUSTER_GAP       2.0
#define CLUSTER_HEIGHT   20.0
#define LABEL_GAP         6.0
/* A title cut shorter than this many characters (and "…") is not worth
 * reading: it is left out, unless it fits whole. */
#define MIN_LABEL_CHARS   4
#define MIN_LABEL_WIDTH  28.0
#define FADE_WIDTH       24.0
#define HIT_SLACK         3.0
#define OVERLAY_LABEL   320.0
/* The least the lanes get when the view is short: they scroll beyond it. */
#define MIN_LANES_HEIGHT 160.0
/* How far outside the view a bar is drawn (past its soft ends and corners),
 * and the horizontal period of the hatching of planned ranges. */
#define BAR_OVERHANG     64.0
#define HATCH_PERIOD      7.0
#define BAR_RADIUS        5.0
/* A lane with more events in view than one per this many pixels (and at
 * least SUMMARY_MIN_EVENTS) is drawn as a density summary: how many events
 * start in each SUMMARY_BIN pixels wide column, not a marker each. */
#define SUMMARY_DENSITY   8.0
#define SUMMARY_MIN_EVENTS 128
#define SUMMARY_BIN       4.0
/* What is left of the events a search does not find. */
#define NON_MATCH_OPACITY 0.25
#define CANCELLED_OPACITY 0.45
/* With CHRONICLE_TIMELINE_PAINT_SCREEN: the height of a point event's
 * image, the widest cluster badge or band drawn from an image, and how
 * many images are kept (a few for each kind, status and width of a
 * period: when there are more, they all go). */
#define MARKER_IMAGE     18
#define MAX_BADGE_IMAGE  64.0
#define IMAGE_CACHE_SIZE 512
/* Shaped labels kept across frames: some frames' worth (an hour at the
 * busiest draws about 200), least recently used first out. */
#define LABEL_CACHE_SIZE 1024

typedef enum
{
  LABEL_FONT,
  LABEL_BOLD,
  LABEL_SMALL,
  LABEL_SMALL_BOLD,
} LabelFont;

/* What a label is found by. A structure, not a formatted string: a frame
 * looks up some hundred labels, and formatting their keys cost more than
 * finding them. */
typedef struct
{
  const char *text;
  int         font;
  int         width;
  gboolean    strike;
} LabelKey;

/* A text set once in a layout (shaping is most of what a label costs) and
 * its text nodes, kept for the next frame: panning and redrawing draw the
 * same titles again. The nodes are text nodes, so exports keep real text. */
typedef struct
{
  GList          link;        /* in labels_lru, most recently used first */
  LabelKey       key;         /* its text owned */
  PangoLayout   *layout;
  GskRenderNode *node;        /* the layout at (0, 0) in node_color, or NULL */
  GdkRGBA        node_color;
  int            width;
  int            height;
} Label;

/* What an image for the screen shows: the band of a long period, a
 * cluster badge, the fill of a plan, a point event's marks or the rounded
 * end of a bar (what it shows depends on @type). */
typedef enum
{
  IMAGE_BAND,
  IMAGE_BADGE,
  IMAGE_PLAN,
  IMAGE_POINT,
  IMAGE_BAR_END,
} ImageType;

/* An image for the screen, and the nodes that draw it at (0, 0), made
 * when first drawn: a texture node and a cairo node. */
typedef struct
{
  cairo_surface_t *surface;
  GskRenderNode   *nodes[2];
} Image;

typedef struct
{
  guint32 type;
  guint32 shape;      /* soft; a width or height in pixels; flags; the side */
  guint32 colors[3];  /* packed RGBA */
  guint32 extra;      /* the count; a shift in 1/64 px; a band's width and border's */
} ImageKey;

/* A lane in view: too dense to draw event by event, or where its entries
 * in view are in the painter's visible array. */
typedef struct
{
  gboolean shown;
  gboolean dense;
  guint    first;
  guint    n;
} LaneSpan;

struct _ChronicleTimelinePainter
{
  GObject                      parent_instance;

  ChronicleTimeline           *timeline;
  ChronicleLaneLayout         *layout;
  ChronicleTimeAxis           *axis;
  PangoContext                *context;
  PangoFontDescription        *font;
  PangoFontDescription        *bold_font;
  PangoFontDescription        *small_font;
  PangoFontDescription        *small_bold_font;
  PangoAttrList               *strike_attrs;
  GHashTable                  *labels;       /* LabelKey → Label */
  GQueue                       labels_lru;
  guint                        context_serial;
  double                       context_resolution;
  GHashTable                  *images;       /* ImageKey → Image, for the screen */
  int                          scale_factor;

  GArray                      *kind_colors;  /* GdkRGBA, by kind index */
  GArray                      *kind_text_colors; /* GdkRGBA, of titles on those */
  GArray                      *lane_tops;    /* double, one more than the lanes */
  GArray                      *hits;         /* ChronicleTimelineHit */
  GArray                      *visible;      /* guint, the lanes' entries in view */
  GArray                      *covers;       /* gboolean, each of those covers the view */
  GArray                      *lane_spans;   /* LaneSpan, by lane */
  GArray                      *hidden_from;  /* double, for a lane's entries in view */
  GArray                      *hidden_rows;  /* double pairs, top and bottom */
  GArray                      *bins;         /* guint, density counts then firsts */

  ChronicleTimelineColors      colors;
  ChronicleTimelinePaintFlags  flags;
  ChronicleBitset             *highlight;    /* model positions, or NULL */
  double                       start;
  double                       duration;
  double                       width;
  double                       height;
  double                       scroll_offset;
  double                       char_width;
  gint64                       now;
};

G_DEFINE_FINAL_TYPE (ChronicleTimelinePainter, chronicle_timeline_painter, G_TYPE_OBJECT)

/* One item waiting in a row for the next one, which limits its label. */
typedef struct
{
  gboolean active;
  gboolean small;
  /* The right edge of what the row drew last: labels stay after it. */
  double   drawn_end;
  guint    index;
  guint    count;
  guint    n_matches;
  guint    kind;
  double   x1;
  double   x2;
  /* Where an opaque bar drawn after it in the row, across the rest of the
   * view, starts to hide it (G_MAXDOUBLE: nowhere). */
  double   hidden_from;
  /* It is an opaque bar across the whole view. */
  gboolean covers;
  gint64   start;
  gint64   end;
} Pending;

/* For the screen, a row of the lane being drawn, once the opaque bar
 * across the view drawn first in it is drawn: that bar's @color, and
 * [@drawn_x1, @drawn_x2] holding all that was drawn over it since. A bar of
 * that colour outside that span, whatever its alpha, changes no pixel. */
typedef struct
{
  guint32 color;      /* packed; 0 when there is no such bar */
  double  drawn_x1;
  double  drawn_x2;
} RowCover;

static void
rgba_from_rgb (GdkRGBA *color,
               guint32  rgb)
{
  color->red = ((rgb >> 16) & 0xff) / 255.0;
  color->green = ((rgb >> 8) & 0xff) / 255.0;
  color->blue = (rgb & 0xff) / 255.0;
  color->alpha = 1.0;
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA result = *color;

  result.alpha = color->alpha * alpha;

  return result;
}

/* @a, moved towards @b by @amount (0..1); opaque. */
static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     double         amount)
{
  GdkRGBA result;

  result.red = a->red + (b->red - a->red) * amount;
  result.green = a->green + (b->green - a->green) * amount;
  result.blue = a->blue + (b->blue - a->blue) * amount;
  result.alpha = 1.0;

  return result;
}

/* What @color looks like over @background. */
static GdkRGBA
flatten (const GdkRGBA *color,
         const GdkRGBA *background)
{
  return mix (background, &(GdkRGBA) { color->red, color->green, color->blue, 1 }, color->alpha);
}

static double
channel_luminance (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (const GdkRGBA *color)
{
  return 0.2126 * channel_luminance (color->red) +
         0.7152 * channel_luminance (color->green) +
         0.0722 * channel_luminance (color->blue);
}

static double
contrast_ratio (const GdkRGBA *a,
                const GdkRGBA *b)
{
  double la = luminance (a);
  double lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static gboolean
is_dark (const ChronicleTimelineColors *colors)
{
  GdkRGBA background = flatten (&colors->background, &(GdkRGBA) { 1, 1, 1, 1 });

  return luminance (&background) < 0.4;
}

/* Text that reads on a fill of @color. */
static GdkRGBA
text_color_on (const GdkRGBA *color)
{
  if (luminance (color) > 0.36)
    return (GdkRGBA) { 0, 0, 0, 0.85 };

  return (GdkRGBA) { 1, 1, 1, 1 };
}

static void
label_free (gpointer data)
{
  Label *label = data;

  g_free ((char *) label->key.text);
  g_clear_object (&label->layout);
  g_clear_pointer (&label->node, gsk_render_node_unref);
  g_free (label);
}

/* Labels, and the images that have some (cluster badges). */
static void
chronicle_timeline_painter_clear_labels (ChronicleTimelinePainter *self)
{
  g_hash_table_remove_all (self->labels);
  g_queue_init (&self->labels_lru);
  g_hash_table_remove_all (self->images);
}

/* Shaped labels depend on the context's font map, font options and
 * resolution: drop them when any of those changed. Pango counts changes
 * in a serial, but not of the resolution. */
static void
chronicle_timeline_painter_check_context (ChronicleTimelinePainter *self)
{
  guint serial = pango_context_get_serial (self->context);
  double resolution = pango_cairo_context_get_resolution (self->context);

  if (serial != self->context_serial || resolution != self->context_resolution)
    {
      chronicle_timeline_painter_clear_labels (self);
      self->context_serial = serial;
      self->context_resolution = resolution;
    }
}

static guint
label_key_hash (gconstpointer data)
{
  const LabelKey *key = data;

  return ((g_str_hash (key->text) * 31 + key->font) * 31 + key->width) * 2 + key->strike;
}

static gboolean
label_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const LabelKey *key_a = a;
  const LabelKey *key_b = b;

  return key_a->font == key_b->font && key_a->width == key_b->width &&
         key_a->strike == key_b->strike && strcmp (key_a->text, key_b->text) == 0;
}

static const PangoFontDescription *
chronicle_timeline_painter_label_font (ChronicleTimelinePainter *self,
                                       LabelFont                 font)
{
  switch (font)
    {
    case LABEL_BOLD:
      return self->bold_font;
    case LABEL_SMALL:
      return self->small_font;
    case LABEL_SMALL_BOLD:
      return self->small_bold_font;
    case LABEL_FONT:
    default:
      return self->font;
    }
}

/* @text (never markup) set to fit in @max_width pixels (< 0: no limit;
 * whole pixels, so that a label moving by a fraction is found again). */
static const Label *
chronicle_timeline_painter_get_label (ChronicleTimelinePainter *self,
                                      LabelFont                 font,
                                      const char               *text,
                                      double                    max_width,
                                      gboolean                  strike)
{
  LabelKey key = { text != NULL ? text : "", font,
                   max_width >= 0 ? (int) floor (max_width) : -1, strike != FALSE };
  int width = key.width;
  Label *label;

  label = g_hash_table_lookup (self->labels, &key);

  if (label != NULL)
    {
      g_queue_unlink (&self->labels_lru, &label->link);
      g_queue_push_head_link (&self->labels_lru, &label->link);
      return label;
    }

  /* The least recently used goes; the ones this frame just asked for
   * stay, as there are far fewer of those than LABEL_CACHE_SIZE. */
  if (g_hash_table_size (self->labels) >= LABEL_CACHE_SIZE)
    {
      Label *oldest = g_queue_peek_tail (&self->labels_lru);

      g_queue_unlink (&self->labels_lru, &oldest->link);
      g_hash_table_remove (self->labels, &oldest->key);
    }

  label = g_new0 (Label, 1);
  label->link.data = label;
  label->key = key;
  label->key.text = g_strdup (key.text);
  label->layout = pango_layout_new (self->context);
  pango_layout_set_ellipsize (label->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (label->layout, TRUE);
  pango_layout_set_font_description (label->layout,
                                     chronicle_timeline_painter_label_font (self, font));
  if (strike)
    pango_layout_set_attributes (label->layout, self->strike_attrs);
  pango_layout_set_text (label->layout, label->key.text, -1);
  pango_layout_set_width (label->layout, width >= 0 ? width * PANGO_SCALE : -1);
  pango_layout_get_pixel_size (label->layout, &label->width, &label->height);

  g_hash_table_insert (self->labels, &label->key, label);
  g_queue_push_head_link (&self->labels_lru, &label->link);

  return label;
}

/* An ellipsized title is two runs, the text and "…", so two text nodes;
 * in one font and colour on one baseline they become one, which renderers
 * draw in one go (a frame can hold a hundred of them). */
static GskRenderNode *
merge_text_nodes (GskRenderNode *node)
{
  PangoGlyphString *glyphs;
  GskRenderNode *first;
  GskRenderNode *merged;
  const graphene_point_t *origin;
  double x;
  guint n_children;
  guint n_glyphs = 0;
  guint i;

  if (node == NULL || gsk_render_node_get_node_type (node) != GSK_CONTAINER_NODE)
    return node;

  n_children = gsk_container_node_get_n_children (node);
  first = gsk_container_node_get_child (node, 0);
  if (gsk_render_node_get_node_type (first) != GSK_TEXT_NODE)
    return node;
  origin = gsk_text_node_get_offset (first);

  for (i = 0; i < n_children; i++)
    {
      GskRenderNode *child = gsk_container_node_get_child (node, i);

      if (gsk_render_node_get_node_type (child) != GSK_TEXT_NODE ||
          gsk_text_node_get_font (child) != gsk_text_node_get_font (first) ||
          !gdk_rgba_equal (gsk_text_node_get_color (child), gsk_text_node_get_color (first)) ||
          gsk_text_node_get_offset (child)->y != origin->y ||
          gsk_text_node_get_offset (child)->x < origin->x)
        return node;
      n_glyphs += gsk_text_node_get_num_glyphs (child);
    }

  glyphs = pango_glyph_string_new ();
  pango_glyph_string_set_size (glyphs, n_glyphs);
  n_glyphs = 0;
  x = origin->x;

  for (i = 0; i < n_children; i++)
    {
      GskRenderNode *child = gsk_container_node_get_child (node, i);
      guint n = gsk_text_node_get_num_glyphs (child);
      const PangoGlyphInfo *infos = gsk_text_node_get_glyphs (child, NULL);

      /* Where the run starts: the glyph before it advances up to there. */
      if (n_glyphs > 0)
        glyphs->glyphs[n_glyphs - 1].geometry.width +=
          (int) round ((gsk_text_node_get_offset (child)->x - x) * PANGO_SCALE);
      x = gsk_text_node_get_offset (child)->x;

      for (guint j = 0; j < n; j++)
        {
          glyphs->glyphs[n_glyphs + j] = infos[j];
          x += infos[j].geometry.width / (double) PANGO_SCALE;
        }
      n_glyphs += n;
    }

  merged = gsk_text_node_new (gsk_text_node_get_font (first), glyphs,
                              gsk_text_node_get_color (first), origin);
  pango_glyph_string_free (glyphs);
  if (merged == NULL)
    return node;

  gsk_render_node_unref (node);

  return merged;
}

static void
append_label (GtkSnapshot   *snapshot,
              const Label   *label,
              const GdkRGBA *color,
              double         x,
              double         y)
{
  Label *mutable_label = (Label *) label;

  /* The text nodes are made once for a colour and moved where needed. */
  if (label->node == NULL || !gdk_rgba_equal (&label->node_color, color))
    {
      GtkSnapshot *text = gtk_snapshot_new ();

      gtk_snapshot_append_layout (text, label->layout, color);
      g_clear_pointer (&mutable_label->node, gsk_render_node_unref);
      mutable_label->node = merge_text_nodes (gtk_snapshot_free_to_node (text));
      mutable_label->node_color = *color;
    }

  if (label->node == NULL)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_node (snapshot, label->node);
  gtk_snapshot_restore (snapshot);
}

static void
chronicle_timeline_painter_compute_kind_color (ChronicleTimelinePainter *self,
                                               guint                     kind,
                                               GdkRGBA                  *color)
{
  ChronicleKind *k = NULL;
  GdkRGBA background;
  GdkRGBA target;
  guint32 rgb;
  double wanted;
  guint i;

  if (self->layout != NULL && kind != CHRONICLE_LANE_NO_KIND)
    k = chronicle_lane_layout_get_kind (self->layout, kind);

  if (k != NULL && chronicle_parse_color (chronicle_kind_get_color (k), &rgb))
    rgba_from_rgb (color, rgb);
  else
    *color = flatten (&self->colors.accent, &self->colors.background);

  /* Keep markers distinct from the background in every style: move the
   * colour towards the foreground's end until it has enough contrast. */
  background = flatten (&self->colors.background, &(GdkRGBA) { 1, 1, 1, 1 });
  target = luminance (&background) > 0.4 ? (GdkRGBA) { 0, 0, 0, 1 } : (GdkRGBA) { 1, 1, 1, 1 };
  wanted = self->colors.high_contrast ? 4.5 : 3.0;

  for (i = 0; i < 20 && contrast_ratio (color, &background) < wanted; i++)
    *color = mix (color, &target, 0.1);
}

static const GdkRGBA *
chronicle_timeline_painter_kind_color (ChronicleTimelinePainter *self,
                                       guint                     kind)
{
  if (kind < self->kind_colors->len)
    return &g_array_index (self->kind_colors, GdkRGBA, kind);

  /* Mixed or unknown kinds: the last slot holds the neutral colour. */
  return &g_array_index (self->kind_colors, GdkRGBA, self->kind_colors->len - 1);
}

/* The colour of a title on a bar of @kind's colour, worked out once. */
static const GdkRGBA *
chronicle_timeline_painter_kind_text_color (ChronicleTimelinePainter *self,
                                            guint                     kind)
{
  return &g_array_index (self->kind_text_colors, GdkRGBA,
                         MIN (kind, self->kind_text_colors->len - 1));
}

static void
chronicle_timeline_painter_update_kind_colors (ChronicleTimelinePainter *self)
{
  GdkRGBA neutral;
  guint i;

  g_array_set_size (self->kind_colors, 0);

  for (i = 0; self->layout != NULL && chronicle_lane_layout_get_kind (self->layout, i) != NULL; i++)
    {
      GdkRGBA color;

      chronicle_timeline_painter_compute_kind_color (self, i, &color);
      g_array_append_val (self->kind_colors, color);
    }

  chronicle_timeline_painter_compute_kind_color (self, CHRONICLE_LANE_NO_KIND, &neutral);
  g_array_append_val (self->kind_colors, neutral);

  g_array_set_size (self->kind_text_colors, self->kind_colors->len);
  for (i = 0; i < self->kind_colors->len; i++)
    g_array_index (self->kind_text_colors, GdkRGBA, i) =
      text_color_on (&g_array_index (self->kind_colors, GdkRGBA, i));
}

static void
chronicle_timeline_painter_update_fonts (ChronicleTimelinePainter *self)
{
  PangoFontMetrics *metrics;
  int size;

  g_clear_pointer (&self->bold_font, pango_font_description_free);
  g_clear_pointer (&self->small_font, pango_font_description_free);
  g_clear_pointer (&self->small_bold_font, pango_font_description_free);
  /* Labels were set in the fonts that go. */
  chronicle_timeline_painter_clear_labels (self);

  if (self->font == NULL)
    {
      const PangoFontDescription *font = pango_context_get_font_description (self->context);

      self->font = font != NULL ? pango_font_description_copy (font)
                                : pango_font_description_new ();
    }

  size = pango_font_description_get_size (self->font);
  if (size <= 0)
    {
      size = 10 * PANGO_SCALE;
      pango_font_description_set_size (self->font, size);
    }

  self->bold_font = pango_font_description_copy (self->font);
  pango_font_description_set_weight (self->bold_font, PANGO_WEIGHT_BOLD);
  self->small_font = pango_font_description_copy (self->font);
  /* GTK gives CSS sizes in pixels ("absolute"), export gives points. */
  if (pango_font_description_get_size_is_absolute (self->font))
    pango_font_description_set_absolute_size (self->small_font, MAX (size * 0.9, PANGO_SCALE));
  else
    pango_font_description_set_size (self->small_font, MAX (size * 9 / 10, PANGO_SCALE));
  self->small_bold_font = pango_font_description_copy (self->small_font);
  pango_font_description_set_weight (self->small_bold_font, PANGO_WEIGHT_BOLD);

  /* The widest labels are bold: estimate axis labels with that font. */
  metrics = pango_context_get_metrics (self->context, self->bold_font, NULL);
  self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                          pango_font_metrics_get_approximate_digit_width (metrics));
  self->char_width /= PANGO_SCALE;
  pango_font_metrics_unref (metrics);
  chronicle_time_axis_set_char_width (self->axis, MAX (self->char_width, 1.0));
}

static gboolean
chronicle_timeline_painter_has_eras (ChronicleTimelinePainter *self)
{
  return self->timeline != NULL &&
         g_list_model_get_n_items (chronicle_timeline_get_eras (self->timeline)) > 0;
}

static double
chronicle_timeline_painter_lane_header (ChronicleTimelinePainter *self)
{
  if (chronicle_lane_layout_get_group_by (self->layout) == CHRONICLE_GROUP_BY_NONE)
    return CHRONICLE_TIMELINE_LANE_PADDING;

  return CHRONICLE_TIMELINE_LANE_HEADER;
}

static void
chronicle_timeline_painter_update_lane_tops (ChronicleTimelinePainter *self)
{
  double y = 0;
  guint n_lanes;
  guint i;

  g_array_set_size (self->lane_tops, 0);

  n_lanes = self->layout != NULL ? chronicle_lane_layout_get_n_lanes (self->layout) : 0;
  for (i = 0; i < n_lanes; i++)
    {
      g_array_append_val (self->lane_tops, y);
      y += chronicle_timeline_painter_lane_header (self) +
           chronicle_lane_layout_get_lane_n_rows (self->layout, i) * CHRONICLE_TIMELINE_ROW_HEIGHT +
           CHRONICLE_TIMELINE_LANE_PADDING;
    }
  g_array_append_val (self->lane_tops, y);
}

/* The top of @lane in view coordinates. */
static double
chronicle_timeline_painter_lane_y (ChronicleTimelinePainter *self,
                                   guint                     lane)
{
  return chronicle_timeline_painter_get_lanes_top (self) +
         g_array_index (self->lane_tops, double, lane) - self->scroll_offset;
}

static double
chronicle_timeline_painter_row_center (ChronicleTimelinePainter *self,
                                       guint                     lane,
                                       guint                     row)
{
  return chronicle_timeline_painter_lane_y (self, lane) +
         chronicle_timeline_painter_lane_header (self) +
         row * CHRONICLE_TIMELINE_ROW_HEIGHT + CHRONICLE_TIMELINE_ROW_HEIGHT / 2;
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         width,
             double         height)
{
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, width, height));
}

static void
append_rounded (GtkSnapshot   *snapshot,
                const GdkRGBA *fill,
                const GdkRGBA *border,
                double         border_width,
                double         x,
                double         y,
                double         width,
                double         height,
                double         radius)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, width, height);
  GskRoundedRect outline;

  gsk_rounded_rect_init_from_rect (&outline, &rect, MIN (radius, MIN (width, height) / 2));

  if (fill != NULL)
    {
      gtk_snapshot_push_rounded_clip (snapshot, &outline);
      gtk_snapshot_append_color (snapshot, fill, &rect);
      gtk_snapshot_pop (snapshot);
    }

  if (border != NULL && border_width > 0)
    {
      const float widths[4] = { border_width, border_width, border_width, border_width };
      const GdkRGBA colors[4] = { *border, *border, *border, *border };

      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static guint32
rgba_pack (const GdkRGBA *color)
{
  return (guint32) round (CLAMP (color->red, 0, 1) * 255) << 24 |
         (guint32) round (CLAMP (color->green, 0, 1) * 255) << 16 |
         (guint32) round (CLAMP (color->blue, 0, 1) * 255) << 8 |
         (guint32) round (CLAMP (color->alpha, 0, 1) * 255);
}

static gboolean
chronicle_timeline_painter_for_screen (ChronicleTimelinePainter *self)
{
  return (self->flags & CHRONICLE_TIMELINE_PAINT_SCREEN) != 0;
}

/* @v on the nearest whole device pixel. */
static double
chronicle_timeline_painter_snap (ChronicleTimelinePainter *self,
                                 double                    v)
{
  return round (v * self->scale_factor) / self->scale_factor;
}

/* Whether @v is on a whole device pixel. Bars are hidden, cut or drawn
 * from images only on rows that are: at a fraction of one, the edges of
 * bars above and below each other blend to more than one. */
static gboolean
chronicle_timeline_painter_on_whole_pixel (ChronicleTimelinePainter *self,
                                           double                    v)
{
  return chronicle_timeline_painter_snap (self, v) == v;
}

static guint
image_key_hash (gconstpointer data)
{
  const ImageKey *key = data;
  guint hash = key->type;

  hash = hash * 31 + key->shape;
  hash = hash * 31 + key->colors[0];
  hash = hash * 31 + key->colors[1];
  hash = hash * 31 + key->colors[2];
  hash = hash * 31 + key->extra;

  return hash;
}

static gboolean
image_key_equal (gconstpointer a,
                 gconstpointer b)
{
  return memcmp (a, b, sizeof (ImageKey)) == 0;
}

static void
image_free (gpointer data)
{
  Image *image = data;

  g_clear_pointer (&image->nodes[0], gsk_render_node_unref);
  g_clear_pointer (&image->nodes[1], gsk_render_node_unref);
  cairo_surface_destroy (image->surface);
  g_free (image);
}

/* @node, which covers (0, 0) to (@width, @height), drawn once as an image
 * at the scale factor and kept under (a copy of) @key. Takes @node. Keys
 * are small structures, not strings: a frame looks up a hundred images,
 * and formatting a key cost more than drawing the image. */
static Image *
chronicle_timeline_painter_add_image (ChronicleTimelinePainter *self,
                                      const ImageKey           *key,
                                      GskRenderNode            *node,
                                      int                       width,
                                      int                       height)
{
  int scale = self->scale_factor;
  cairo_surface_t *surface;
  Image *image;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_clear_pointer (&node, gsk_render_node_unref);

  if (g_hash_table_size (self->images) >= IMAGE_CACHE_SIZE)
    g_hash_table_remove_all (self->images);
  image = g_new0 (Image, 1);
  image->surface = surface;
  g_hash_table_insert (self->images, g_memdup2 (key, sizeof *key), image);

  return image;
}

/* @surface's pixels as a texture: cairo's ARGB32 is GDK's default
 * memory format. */
static GdkTexture *
texture_new_for_surface (cairo_surface_t *surface)
{
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                                         (gsize) stride * height);

  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                 GDK_MEMORY_DEFAULT, bytes, stride);
}

/* @image at (0, 0) as a node, made once and kept with it: a texture node,
 * or with @cairo_node a cairo node painting it. */
static GskRenderNode *
image_get_node (Image    *image,
                gboolean  cairo_node)
{
  GskRenderNode **node = &image->nodes[cairo_node ? 1 : 0];
  graphene_rect_t bounds;
  double scale_x, scale_y;
  cairo_t *cr;

  if (*node != NULL)
    return *node;

  cairo_surface_get_device_scale (image->surface, &scale_x, &scale_y);
  graphene_rect_init (&bounds, 0, 0,
                      cairo_image_surface_get_width (image->surface) / scale_x,
                      cairo_image_surface_get_height (image->surface) / scale_y);

  if (cairo_node)
    {
      *node = gsk_cairo_node_new (&bounds);
      cr = gsk_cairo_node_get_draw_context (*node);
      cairo_set_source_surface (cr, image->surface, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  else
    {
      g_autoptr(GdkTexture) texture = texture_new_for_surface (image->surface);

      *node = gsk_texture_node_new (texture, &bounds);
    }

  return *node;
}

/* An image from chronicle_timeline_painter_add_image() at (@x, @y), on
 * whole device pixels. For GTK 4.8's cairo renderer not a texture node: it
 * copies a texture into a new cairo surface each time it draws one, while a
 * cairo node replays a paint of the image kept here, about twice as fast.
 * Other renderers upload a texture once, and a cairo node in every frame.
 * Either node is made once and moved where needed, as labels are: a frame
 * draws a hundred images, and making their nodes afresh cost a fifth of
 * its snapshot. */
static void
chronicle_timeline_painter_append_image (ChronicleTimelinePainter *self,
                                         GtkSnapshot              *snapshot,
                                         Image                    *image,
                                         double                    x,
                                         double                    y)
{
  gboolean cairo_node = (self->flags & CHRONICLE_TIMELINE_PAINT_CAIRO_RENDERER) != 0;

  x = chronicle_timeline_painter_snap (self, x);
  y = chronicle_timeline_painter_snap (self, y);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_node (snapshot, image_get_node (image, cairo_node));
  gtk_snapshot_restore (snapshot);
}

/* A horizontal fill of @color that fades in over [x, x + fade) and out
 * over the last @fade pixels when @soft. */
static void
append_soft_fill (GtkSnapshot   *snapshot,
                  const GdkRGBA *color,
                  double         x,
                  double         y,
                  double         width,
                  double         height,
                  gboolean       soft)
{
  GdkRGBA clear = with_alpha (color, 0);
  double fade = soft ? MIN (FADE_WIDTH, width / 3) : 0;

  if (fade < 1)
    {
      append_rect (snapshot, color, x, y, width, height);
      return;
    }

  gtk_snapshot_append_linear_gradient (snapshot,
                                       &GRAPHENE_RECT_INIT (x, y, fade, height),
                                       &GRAPHENE_POINT_INIT (x, y),
                                       &GRAPHENE_POINT_INIT (x + fade, y),
                                       (GskColorStop[]) { { 0, clear }, { 1, *color } }, 2);
  append_rect (snapshot, color, x + fade, y, width - 2 * fade, height);
  gtk_snapshot_append_linear_gradient (snapshot,
                                       &GRAPHENE_RECT_INIT (x + width - fade, y, fade, height),
                                       &GRAPHENE_POINT_INIT (x + width - fade, y),
                                       &GRAPHENE_POINT_INIT (x + width, y),
                                       (GskColorStop[]) { { 0, *color }, { 1, clear } }, 2);
}

static void
append_marker (GtkSnapshot   *snapshot,
               gboolean       circle,
               double         cx,
               double         cy,
               double         size,
               const GdkRGBA *fill,
               const GdkRGBA *border,
               double         border_width)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (cx, cy));
  if (circle)
    {
      size *= 1.15;
      append_rounded (snapshot, fill, border, border_width, -size / 2, -size / 2, size, size,
                      size / 2);
    }
  else
    {
      gtk_snapshot_rotate (snapshot, 45);
      append_rounded (snapshot, fill, border, border_width, -size / 2, -size / 2, size, size, 2);
    }
  gtk_snapshot_restore (snapshot);
}

static void
append_band (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         width,
             gboolean       soft)
{
  GdkRGBA band = with_alpha (color, 0.18);
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x, y, width, 10);
  GskRoundedRect clip;

  gsk_rounded_rect_init_from_rect (&clip, &rect, 5);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  append_soft_fill (snapshot, &band, x, y, width, 10, soft);
  gtk_snapshot_pop (snapshot);
}

/* The period of a point event, a band behind its marker centred on @cy;
 * for the screen, a short one from an image, whole pixels wide. */
static void
chronicle_timeline_painter_append_band (ChronicleTimelinePainter *self,
                                        GtkSnapshot              *snapshot,
                                        const GdkRGBA            *color,
                                        double                    x,
                                        double                    cy,
                                        double                    width,
                                        gboolean                  soft)
{
  ImageKey key = { IMAGE_BAND, soft, { rgba_pack (color), 0, 0 }, 0 };
  Image *image;
  int image_width;

  if (!chronicle_timeline_painter_for_screen (self) || width > MAX_BADGE_IMAGE)
    {
      append_band (snapshot, color, x, cy - 5, width, soft);
      return;
    }

  image_width = (int) ceil (width);
  key.extra = image_width;
  image = g_hash_table_lookup (self->images, &key);
  if (image == NULL)
    {
      GtkSnapshot *shape = gtk_snapshot_new ();

      append_band (shape, color, 0, 0, image_width, soft);
      image = chronicle_timeline_painter_add_image (self, &key,
                                                    gtk_snapshot_free_to_node (shape),
                                                    image_width, 10);
    }

  chronicle_timeline_painter_append_image (self, snapshot, image, x, cy - 5);
}

/* For the screen: a plan's bar across the whole view (its ends out of
 * sight), as one repeated image of a period of its tint, hatching and
 * outline, on the rows of whole pixels the bar touches. The same pixels as
 * the fill, the gradient and the border drawn apart, in one node instead of
 * three across the view. */
static void
chronicle_timeline_painter_append_plan (ChronicleTimelinePainter *self,
                                        GtkSnapshot              *snapshot,
                                        const GdkRGBA            *color,
                                        double                    x,
                                        double                    top,
                                        double                    width)
{
  double row = floor (top);
  double shift = round ((top - row) * 64) / 64;
  int height = (int) ceil (shift + BAR_HEIGHT);
  ImageKey key = { IMAGE_PLAN, height, { rgba_pack (color), 0, 0 }, (guint32) (shift * 64) };
  graphene_rect_t tile = GRAPHENE_RECT_INIT (floor (x), row, HATCH_PERIOD, height);
  Image *image = g_hash_table_lookup (self->images, &key);

  if (image == NULL)
    {
      GtkSnapshot *shape = gtk_snapshot_new ();
      GdkRGBA tint = with_alpha (color, 0.16);
      GdkRGBA stripe = with_alpha (color, 0.38);
      GdkRGBA clear = with_alpha (color, 0);
      const GskColorStop stops[] = {
        { 0.0, stripe }, { 0.4, stripe }, { 0.4, clear }, { 1.0, clear },
      };

      append_rect (shape, &tint, 0, shift, HATCH_PERIOD, BAR_HEIGHT);
      gtk_snapshot_push_clip (shape, &GRAPHENE_RECT_INIT (0, shift, HATCH_PERIOD, BAR_HEIGHT));
      gtk_snapshot_append_repeating_linear_gradient (shape,
                                                     &GRAPHENE_RECT_INIT (0, 0, HATCH_PERIOD, height),
                                                     &GRAPHENE_POINT_INIT (0, 0),
                                                     &GRAPHENE_POINT_INIT (HATCH_PERIOD / 2,
                                                                           HATCH_PERIOD / 2),
                                                     stops, G_N_ELEMENTS (stops));
      gtk_snapshot_pop (shape);
      append_rect (shape, color, 0, shift, HATCH_PERIOD, 1.5);
      append_rect (shape, color, 0, shift + BAR_HEIGHT - 1.5, HATCH_PERIOD, 1.5);
      image = chronicle_timeline_painter_add_image (self, &key, gtk_snapshot_free_to_node (shape),
                                                    HATCH_PERIOD, height);
    }

  gtk_snapshot_push_repeat (snapshot, &GRAPHENE_RECT_INIT (x, row, width, height), &tile);
  chronicle_timeline_painter_append_image (self, snapshot, image, tile.origin.x, tile.origin.y);
  gtk_snapshot_pop (snapshot);
}

/* What marks a point event: the band of its period (none when
 * @band_width is 0), a soft whisker either side when its date is
 * approximate, the marker, and a line through it in the kind's colour when
 * it was cancelled (@struck). */
typedef struct
{
  GdkRGBA  color;         /* the kind's: of the band and the whisker */
  GdkRGBA  fill;
  GdkRGBA  border;
  double   border_width;
  int      band_width;
  gboolean soft;
  gboolean circle;
  gboolean struck;
} PointMarks;

static void
append_point (GtkSnapshot      *snapshot,
              const PointMarks *marks,
              double            cx,
              double            cy)
{
  if (marks->band_width > 0)
    append_band (snapshot, &marks->color, cx, cy - 5, marks->band_width, marks->soft);

  if (marks->soft)
    {
      GdkRGBA whisker = with_alpha (&marks->color, 0.55);

      append_soft_fill (snapshot, &whisker, cx - 3 * MARKER_HALF, cy - 2, 6 * MARKER_HALF, 4,
                        TRUE);
    }

  append_marker (snapshot, marks->circle, cx, cy, MARKER_SIZE, &marks->fill, &marks->border,
                 marks->border_width);

  if (marks->struck)
    append_rect (snapshot, &marks->color, cx - MARKER_HALF - 2, cy - 0.75,
                 2 * MARKER_HALF + 4, 1.5);
}

/* For the screen, all that append_point() draws as one image, on whole
 * device pixels, a cancelled event's faded in it: one node per event where
 * a band, a whisker, a marker and an opacity group took up to six, each of
 * which costs GTK 4.8's cairo renderer as much as a whole image. A band too
 * long for an image is left to the caller. */
static void
chronicle_timeline_painter_append_point (ChronicleTimelinePainter *self,
                                         GtkSnapshot              *snapshot,
                                         const PointMarks         *marks,
                                         double                    cx,
                                         double                    cy)
{
  /* Room left of the centre for the whisker or the strike, right of it for
   * those or the band. */
  int left = marks->soft ? (int) ceil (3 * MARKER_HALF) : MARKER_IMAGE / 2 + 1;
  int right = MAX (left, marks->band_width);
  /* The images go when the colours change. */
  ImageKey key = { IMAGE_POINT,
                   (marks->circle ? 1 : 0) | (marks->soft ? 2 : 0) | (marks->struck ? 4 : 0),
                   { rgba_pack (&marks->fill), rgba_pack (&marks->border),
                     rgba_pack (&marks->color) },
                   ((guint32) marks->band_width << 8) | (guint32) round (marks->border_width * 4) };
  Image *image;

  if (!chronicle_timeline_painter_for_screen (self))
    {
      append_point (snapshot, marks, cx, cy);
      return;
    }

  image = g_hash_table_lookup (self->images, &key);
  if (image == NULL)
    {
      GtkSnapshot *shape = gtk_snapshot_new ();

      if (marks->struck)
        gtk_snapshot_push_opacity (shape, CANCELLED_OPACITY);
      append_point (shape, marks, left, MARKER_IMAGE / 2);
      if (marks->struck)
        gtk_snapshot_pop (shape);
      image = chronicle_timeline_painter_add_image (self, &key,
                                                    gtk_snapshot_free_to_node (shape),
                                                    left + right, MARKER_IMAGE);
    }

  chronicle_timeline_painter_append_image (self, snapshot, image,
                                           chronicle_timeline_painter_snap (self, cx) - left,
                                           chronicle_timeline_painter_snap (self, cy) -
                                           MARKER_IMAGE / 2);
}

/* For the screen: an opaque bar from @x1 to @x2 whose rounded ends show
 * (@ends: 1 the left, 2 the right), its @top on a whole device pixel, as
 * images of those ends either side of a plain fill, its ends moved to
 * whole pixels. A rounded clip costs GTK 4.8's cairo renderer more than
 * two images. */
static void
chronicle_timeline_painter_append_bar (ChronicleTimelinePainter *self,
                                       GtkSnapshot              *snapshot,
                                       const GdkRGBA            *color,
                                       double                    x1,
                                       double                    x2,
                                       double                    top,
                                       guint                     ends)
{
  double left = chronicle_timeline_painter_snap (self, x1);
  double right = chronicle_timeline_painter_snap (self, x2);
  double fill_from = left;
  double fill_to = right;

  for (guint side = 1; side <= 2; side++)
    {
      ImageKey key = { IMAGE_BAR_END, side, { rgba_pack (color), 0, 0 }, 0 };
      Image *image;

      if ((ends & side) == 0)
        continue;

      image = g_hash_table_lookup (self->images, &key);
      if (image == NULL)
        {
          GtkSnapshot *shape = gtk_snapshot_new ();

          /* Half of a bar as wide as its two rounded ends. */
          append_rounded (shape, color, NULL, 0, side == 1 ? 0 : -BAR_RADIUS, 0,
                          2 * BAR_RADIUS, BAR_HEIGHT, BAR_RADIUS);
          image = chronicle_timeline_painter_add_image (self, &key,
                                                        gtk_snapshot_free_to_node (shape),
                                                        BAR_RADIUS, BAR_HEIGHT);
        }

      if (side == 1)
        {
          chronicle_timeline_painter_append_image (self, snapshot, image, left, top);
          fill_from = left + BAR_RADIUS;
        }
      else
        {
          chronicle_timeline_painter_append_image (self, snapshot, image, right - BAR_RADIUS,
                                                   top);
          fill_to = right - BAR_RADIUS;
        }
    }

  append_rect (snapshot, color, fill_from, top, fill_to - fill_from, BAR_HEIGHT);
}

typedef struct
{
  double x1;      /* the bar, or the marker's centre twice */
  double x2;
  double cy;
  gboolean point;
} EntryGeometry;

static void
chronicle_timeline_painter_entry_geometry (ChronicleTimelinePainter *self,
                                           const ChronicleLaneEntry *entry,
                                           EntryGeometry            *geometry)
{
  geometry->cy = chronicle_timeline_painter_row_center (self, entry->lane, entry->row);
  geometry->point = (entry->flags & CHRONICLE_LANE_ENTRY_POINT) != 0;
  geometry->x1 = chronicle_timeline_painter_time_to_x (self, entry->start);

  if (geometry->point)
    {
      geometry->x2 = geometry->x1;
    }
  else
    {
      geometry->x2 = MAX (chronicle_timeline_painter_time_to_x (self, entry->end),
                          geometry->x1 + MIN_BAR_WIDTH);

      /* Cairo's fixed-point coordinates overflow some millions of pixels
       * out, where a range of years reaches in a view of an hour: a bar is
       * cut short well outside the view, on the left by whole periods of
       * the hatching so that its stripes stay where they were. */
      if (geometry->x1 < -BAR_OVERHANG)
        geometry->x1 += HATCH_PERIOD * floor ((-BAR_OVERHANG - geometry->x1) / HATCH_PERIOD);
      geometry->x2 = MIN (geometry->x2, self->width + BAR_OVERHANG);
    }
}

/* How far into an opaque bar what is under it still shows: its soft or
 * rounded end. */
static double
opaque_margin (const ChronicleLaneEntry *entry)
{
  return (entry->flags & CHRONICLE_LANE_ENTRY_APPROXIMATE) ? FADE_WIDTH + 1 : 5;
}

/* Whether a title @text_width wide can be drawn in @avail pixels: whole,
 * or cut short with enough of it left to read. */
static gboolean
chronicle_timeline_painter_label_fits (ChronicleTimelinePainter *self,
                                       double                    text_width,
                                       double                    avail)
{
  return text_width <= avail ||
         avail >= MAX (MIN_LABEL_WIDTH, MIN_LABEL_CHARS * self->char_width);
}

/* The fill of @entry's bar from @x1 to @x2 (where @end, the end of the
 * bar, is hidden, it stops before that): its tint, hatching and outline
 * when planned, soft ends when approximate, rounded ends that show. */
static void
chronicle_timeline_painter_paint_bar (ChronicleTimelinePainter *self,
                                      GtkSnapshot              *snapshot,
                                      const ChronicleLaneEntry *entry,
                                      const GdkRGBA            *color,
                                      double                    x1,
                                      double                    x2,
                                      double                    end,
                                      double                    top)
{
  gboolean planned = entry->status == CHRONICLE_EVENT_STATUS_PLANNED;
  gboolean soft = (entry->flags & CHRONICLE_LANE_ENTRY_APPROXIMATE) != 0;
  gboolean screen = chronicle_timeline_painter_for_screen (self);
  double width = x2 - x1;
  graphene_rect_t rect = GRAPHENE_RECT_INIT (x1, top, width, BAR_HEIGHT);
  /* Corners out of view or hidden need no clip, which cairo draws
   * through slowly. */
  guint ends = (x1 + BAR_RADIUS > 0 ? 1 : 0) |
               (x2 == end && x2 - BAR_RADIUS < self->width ? 2 : 0);
  gboolean rounded = ends != 0;
  /* For the screen, the ends of a plain bar from images. */
  gboolean end_images = rounded && !planned && !soft && width >= 4 * BAR_RADIUS && screen &&
                        chronicle_timeline_painter_on_whole_pixel (self, top);
  GskRoundedRect clip;

  gsk_rounded_rect_init_from_rect (&clip, &rect, MIN (BAR_RADIUS, width / 2));
  if (rounded && !end_images)
    gtk_snapshot_push_rounded_clip (snapshot, &clip);

  if (planned && !soft && !rounded && screen)
    {
      chronicle_timeline_painter_append_plan (self, snapshot, color, x1, top, width);
    }
  else if (planned)
    {
      GdkRGBA tint = with_alpha (color, 0.16);
      GdkRGBA stripe = with_alpha (color, 0.38);
      GdkRGBA clear = with_alpha (color, 0);

      const GskColorStop stops[] = {
        { 0.0, stripe }, { 0.4, stripe }, { 0.4, clear }, { 1.0, clear },
      };

      append_soft_fill (snapshot, &tint, x1, top, width, BAR_HEIGHT, soft);

      /* Hatching: 45° stripes, 7 px apart. For the screen, one period
       * on whole pixels is drawn and repeated (a gradient across the
       * bar costs cairo as much as a hundred markers). */
      if (screen)
        {
          graphene_rect_t tile = GRAPHENE_RECT_INIT (floor (x1), floor (top),
                                                     HATCH_PERIOD, HATCH_PERIOD);

          gtk_snapshot_push_repeat (snapshot, &rect, &tile);
          gtk_snapshot_append_repeating_linear_gradient (snapshot, &tile, &tile.origin,
                                                         &GRAPHENE_POINT_INIT (tile.origin.x + HATCH_PERIOD / 2,
                                                                               tile.origin.y + HATCH_PERIOD / 2),
                                                         stops, G_N_ELEMENTS (stops));
          gtk_snapshot_pop (snapshot);
        }
      else
        {
          gtk_snapshot_append_repeating_linear_gradient (snapshot, &rect,
                                                         &GRAPHENE_POINT_INIT (x1, top),
                                                         &GRAPHENE_POINT_INIT (x1 + HATCH_PERIOD / 2,
                                                                               top + HATCH_PERIOD / 2),
                                                         stops, G_N_ELEMENTS (stops));
        }
    }
  else if (end_images)
    {
      chronicle_timeline_painter_append_bar (self, snapshot, color, x1, x2, top, ends);
    }
  else
    {
      append_soft_fill (snapshot, color, x1, top, width, BAR_HEIGHT, soft);
    }

  if (rounded && !end_images)
    gtk_snapshot_pop (snapshot);

  if (planned && !soft && (rounded || !screen))
    append_rounded (snapshot, NULL, color, 1.5, x1, top, width, BAR_HEIGHT, BAR_RADIUS);
}

/* Draws one event; returns what can be hit (shape and label), and in
 * @label_out the title drawn outside the shape. @prev_x is where what the
 * row drew before ends, @next_x where the row's next item starts: titles,
 * inside a bar or out, stay between the two, so that the titles of a row
 * never overlap, even where events that overlap share a row (when all of
 * a lane's rows are busy). A
 * title without room for enough of it to read is left out. A bar's fill
 * stops at @fill_to, what is after it being hidden (G_MAXDOUBLE: its end;
 * at or before its start: none of it is drawn). With @emphasis (the
 * selection), the title gets room and a backdrop, on the side of
 * @base_label (where it was drawn before) if any. */
static graphene_rect_t
chronicle_timeline_painter_paint_entry (ChronicleTimelinePainter *self,
                                        GtkSnapshot              *snapshot,
                                        const ChronicleLaneEntry *entry,
                                        double                    prev_x,
                                        double                    next_x,
                                        double                    fill_to,
                                        gboolean                  emphasis,
                                        const graphene_rect_t    *base_label,
                                        graphene_rect_t          *label_out)
{
  const ChronicleTimelineColors *colors = &self->colors;
  const GdkRGBA *color = chronicle_timeline_painter_kind_color (self, entry->kind);
  ChronicleEvent *event = chronicle_lane_layout_get_event (self->layout, entry->position);
  const char *title = event != NULL ? chronicle_event_get_title (event) : NULL;
  gboolean planned = entry->status == CHRONICLE_EVENT_STATUS_PLANNED;
  gboolean cancelled = entry->status == CHRONICLE_EVENT_STATUS_CANCELLED;
  gboolean soft = (entry->flags & CHRONICLE_LANE_ENTRY_APPROXIMATE) != 0;
  GdkRGBA fg = colors->foreground;
  GdkRGBA text_color = fg;
  graphene_rect_t bounds;
  EntryGeometry geo;
  double label_x, avail, limit;
  gboolean label_inside = FALSE;
  /* Cancelled, it is drawn faded as a group, or faded in its image and its
   * title on its own. */
  gboolean faded = FALSE;
  gboolean title_faded = FALSE;
  const Label *label;
  int text_width = 0, text_height = 0;

  graphene_rect_init (label_out, 0, 0, 0, 0);

  chronicle_timeline_painter_entry_geometry (self, entry, &geo);

  if (geo.point)
    {
      double period = MIN (chronicle_timeline_painter_time_to_x (self, entry->end),
                           self->width + BAR_OVERHANG) - geo.x1;
      PointMarks marks = {
        .color = *color,
        .fill = *color,
        .border = mix (color, &(GdkRGBA) { 0, 0, 0, 1 }, 0.25),
        .border_width = planned ? 2.0 : 1.0,
        .soft = soft,
        .circle = entry->status == CHRONICLE_EVENT_STATUS_REPORTED,
      };
      /* A day (or month…) wide enough to see: the whole period shows. */
      gboolean band = period >= 2 * MARKER_HALF;
      gboolean band_in_image = band && period <= MAX_BADGE_IMAGE;

      if (planned)
        {
          marks.fill = flatten (&(GdkRGBA) { color->red, color->green, color->blue, 0.25 },
                                &colors->background);
          marks.border = *color;
        }

      /* For the screen, one image, a cancelled event's faded in it and its
       * title faded apart: but the band or whisker of one reaches under its
       * title, a long band would show through the image, and the selection
       * is drawn over what is behind it: those are faded as a group. */
      if (chronicle_timeline_painter_for_screen (self) && !emphasis &&
          !(cancelled && (band || soft)))
        {
          if (band && !band_in_image)
            chronicle_timeline_painter_append_band (self, snapshot, color, geo.x1, geo.cy,
                                                    period, soft);
          marks.band_width = band_in_image ? (int) ceil (period) : 0;
          marks.struck = cancelled;
          chronicle_timeline_painter_append_point (self, snapshot, &marks, geo.x1, geo.cy);
          /* Its struck title faded as a whole (glyphs and line), as in a
           * group with it: nothing of the image lies under it. */
          title_faded = cancelled;
        }
      else
        {
          if (cancelled)
            gtk_snapshot_push_opacity (snapshot, CANCELLED_OPACITY);
          faded = cancelled;
          if (band)
            chronicle_timeline_painter_append_band (self, snapshot, color, geo.x1, geo.cy,
                                                    period, soft);
          chronicle_timeline_painter_append_point (self, snapshot, &marks, geo.x1, geo.cy);
        }

      bounds = GRAPHENE_RECT_INIT (geo.x1 - MARKER_HALF, geo.cy - MARKER_HALF,
                                   2 * MARKER_HALF, 2 * MARKER_HALF);
      label_x = geo.x1 + MARKER_HALF + 4;
    }
  else
    {
      double top = geo.cy - BAR_HEIGHT / 2;
      double visible_x1 = MAX (geo.x1, 0);
      double visible_x2 = MIN (geo.x2, self->width);

      if (cancelled)
        gtk_snapshot_push_opacity (snapshot, CANCELLED_OPACITY);
      faded = cancelled;

      if (!planned)
        text_color = *chronicle_timeline_painter_kind_text_color (self, entry->kind);

      /* With @fill_to at or before its start, nothing of the fill would
       * show: only its title is drawn. */
      if (fill_to > geo.x1)
        chronicle_timeline_painter_paint_bar (self, snapshot, entry, color, geo.x1,
                                              MIN (geo.x2, fill_to), geo.x2, top);

      /* All of it can be hit; the next bar, found first, where it hides it. */
      bounds = GRAPHENE_RECT_INIT (geo.x1, top, geo.x2 - geo.x1, BAR_HEIGHT);

      /* The label goes inside when it fits in what is visible of the bar
       * before the next item, else after it when there is more room there. */
      avail = MIN (visible_x2, next_x) - visible_x1 - 2 * LABEL_GAP -
              (soft ? FADE_WIDTH / 2 : 0);
      if (title != NULL && avail >= MIN_LABEL_WIDTH * 2)
        {
          double outside = MIN (emphasis ? MAX (next_x, geo.x2 + OVERLAY_LABEL) : next_x,
                                self->width) - LABEL_GAP - (geo.x2 + LABEL_GAP);

          label = chronicle_timeline_painter_get_label (self, LABEL_FONT, title, -1, cancelled);
          if (label->width <= avail || (avail >= 60 && avail >= outside && !emphasis))
            {
              label_inside = TRUE;
              if (label->width > avail)
                label = chronicle_timeline_painter_get_label (self, LABEL_FONT, title, avail,
                                                              cancelled);
              text_height = label->height;
              append_label (snapshot, label, planned ? &fg : &text_color,
                           visible_x1 + LABEL_GAP + (soft ? FADE_WIDTH / 4 : 0),
                           geo.cy - text_height / 2.0);
            }
        }

      label_x = geo.x2 + LABEL_GAP;
    }

  /* Outside: after the marker or bar, or before it when there is more
   * room there (near the right edge, say). */
  if (!label_inside && title != NULL)
    {
      double left_edge = (geo.point ? geo.x1 - MARKER_HALF : geo.x1) - 4;
      double left_avail = left_edge - MAX (prev_x + LABEL_GAP, 2);

      limit = emphasis ? MAX (next_x, label_x + OVERLAY_LABEL) : next_x;
      avail = MIN (limit - LABEL_GAP, self->width - 2) - label_x;

      label = chronicle_timeline_painter_get_label (self, LABEL_FONT, title, -1, cancelled);
      text_width = label->width;

      if (emphasis && base_label != NULL && base_label->size.width > 0
          ? base_label->origin.x < left_edge
          : text_width > avail && left_avail > avail)
        {
          /* Emphasised, it covers what was drawn there before. */
          avail = emphasis ? left_edge - 2 : left_avail;
          label_x = left_edge - MIN (text_width, avail);
        }

      if (chronicle_timeline_painter_label_fits (self, text_width, avail))
        {
          if (text_width > avail)
            label = chronicle_timeline_painter_get_label (self, LABEL_FONT, title, avail,
                                                          cancelled);
          text_width = label->width;
          text_height = label->height;

          if (emphasis)
            {
              GdkRGBA backdrop = with_alpha (&colors->background, 0.92);

              append_rounded (snapshot, &backdrop, NULL, 0, label_x - 4,
                              geo.cy - text_height / 2.0 - 2,
                              text_width + 8, text_height + 4, 4);
            }

          if (title_faded)
            gtk_snapshot_push_opacity (snapshot, CANCELLED_OPACITY);
          append_label (snapshot, label, &fg, label_x, geo.cy - text_height / 2.0);
          if (title_faded)
            gtk_snapshot_pop (snapshot);
          graphene_rect_init (label_out, label_x, geo.cy - text_height / 2.0, text_width,
                              text_height);
          graphene_rect_union (&bounds, label_out, &bounds);
        }
    }

  if (faded)
    {
      GdkRGBA strike = planned ? fg : *color;

      /* Struck through: a line across the marker or bar. */
      append_rect (snapshot, &strike, geo.point ? geo.x1 - MARKER_HALF - 2 : geo.x1 - 2,
                   geo.cy - 0.75, (geo.point ? 2 * MARKER_HALF : geo.x2 - geo.x1) + 4, 1.5);
      gtk_snapshot_pop (snapshot);
    }

  return bounds;
}

static gboolean
chronicle_timeline_painter_is_match (ChronicleTimelinePainter *self,
                                     guint                     position)
{
  return self->highlight != NULL &&
         position < chronicle_bitset_get_n_bits (self->highlight) &&
         chronicle_bitset_contains (self->highlight, position);
}

static void
chronicle_timeline_painter_add_hit (ChronicleTimelinePainter *self,
                                    ChronicleTimelineHitType  type,
                                    const graphene_rect_t    *bounds,
                                    const graphene_rect_t    *label,
                                    const Pending            *pending,
                                    const ChronicleLaneEntry *first)
{
  ChronicleTimelineHit hit;

  /* Padding too, so that hits compare as memory. */
  memset (&hit, 0, sizeof hit);
  hit.type = type;
  hit.bounds = *bounds;
  if (label != NULL)
    hit.label = *label;
  else
    graphene_rect_init (&hit.label, 0, 0, 0, 0);
  hit.position = first->position;
  hit.count = pending->count;
  hit.lane = first->lane;
  hit.row = first->row;
  hit.start = pending->start;
  hit.end = pending->end;
  g_array_append_val (self->hits, hit);
}

static void
chronicle_timeline_painter_paint_cluster (ChronicleTimelinePainter *self,
                                          GtkSnapshot              *snapshot,
                                          const Pending            *pending,
                                          const ChronicleLaneEntry *first)
{
  GdkRGBA fill;
  GdkRGBA text;
  char count[16];
  const Label *label;
  graphene_rect_t bounds;
  double cy = chronicle_timeline_painter_row_center (self, first->lane, first->row);
  double cx = (pending->x1 + pending->x2) / 2;
  double width;
  int text_width, text_height;

  g_snprintf (count, sizeof count, "%u", pending->count);
  label = chronicle_timeline_painter_get_label (self, LABEL_SMALL_BOLD, count, -1, FALSE);
  text_width = label->width;
  text_height = label->height;

  if (pending->kind != G_MAXUINT)
    fill = *chronicle_timeline_painter_kind_color (self, pending->kind);
  else
    fill = mix (&self->colors.background, &self->colors.foreground, 0.55);
  text = text_color_on (&fill);

  width = MAX (pending->x2 - pending->x1, MAX (text_width + 16, 28));
  bounds = GRAPHENE_RECT_INIT (cx - width / 2, cy - CLUSTER_HEIGHT / 2, width, CLUSTER_HEIGHT);

  /* A cluster with a search match in it is highlighted, one without fades. */
  if (self->highlight != NULL && pending->n_matches > 0)
    append_rounded (snapshot, &self->colors.match, NULL, 0,
                    bounds.origin.x - 4, bounds.origin.y - 4,
                    width + 8, CLUSTER_HEIGHT + 8, CLUSTER_HEIGHT / 2 + 4);
  else if (self->highlight != NULL)
    gtk_snapshot_push_opacity (snapshot, NON_MATCH_OPACITY);

  /* A ring of background keeps it apart from its neighbours. */
  if (chronicle_timeline_painter_for_screen (self) && width <= MAX_BADGE_IMAGE)
    {
      /* The badge and its count from an image, whole pixels wide, on whole
       * device pixels: there are few different ones. */
      int image_width = (int) ceil (width) + 4;
      int image_height = CLUSTER_HEIGHT + 4;
      ImageKey key = { IMAGE_BADGE, image_width,
                       { rgba_pack (&fill), rgba_pack (&self->colors.background),
                         rgba_pack (&text) },
                       pending->count };
      Image *image = g_hash_table_lookup (self->images, &key);

      if (image == NULL)
        {
          GtkSnapshot *shape = gtk_snapshot_new ();

          append_rounded (shape, &self->colors.background, NULL, 0, 0.5, 0.5,
                          image_width - 1, image_height - 1, (image_height - 1) / 2.0);
          append_rounded (shape, &fill, NULL, 0, 2, 2, image_width - 4, CLUSTER_HEIGHT,
                          CLUSTER_HEIGHT / 2);
          append_label (shape, label, &text, (image_width - text_width) / 2.0,
                        (image_height - text_height) / 2.0);
          image = chronicle_timeline_painter_add_image (self, &key,
                                                        gtk_snapshot_free_to_node (shape),
                                                        image_width, image_height);
        }

      chronicle_timeline_painter_append_image (self, snapshot, image, cx - image_width / 2.0,
                                               cy - image_height / 2.0);
    }
  else
    {
      append_rounded (snapshot, &self->colors.background, NULL, 0,
                      bounds.origin.x - 1.5, bounds.origin.y - 1.5,
                      width + 3, CLUSTER_HEIGHT + 3, CLUSTER_HEIGHT / 2 + 1.5);
      append_rounded (snapshot, &fill, NULL, 0, bounds.origin.x, bounds.origin.y,
                      width, CLUSTER_HEIGHT, CLUSTER_HEIGHT / 2);
      append_label (snapshot, label, &text, cx - text_width / 2.0, cy - text_height / 2.0);
    }

  if (self->highlight != NULL && pending->n_matches == 0)
    gtk_snapshot_pop (snapshot);

  chronicle_timeline_painter_add_hit (self, CHRONICLE_TIMELINE_HIT_CLUSTER, &bounds, NULL, pending,
                                      first);
}

/* Whether @entry is drawn as an opaque bar (soft ends aside). */
static gboolean
chronicle_timeline_painter_is_opaque_bar (ChronicleTimelinePainter *self,
                                          const ChronicleLaneEntry *entry)
{
  if ((entry->flags & CHRONICLE_LANE_ENTRY_POINT) ||
      entry->status == CHRONICLE_EVENT_STATUS_PLANNED ||
      entry->status == CHRONICLE_EVENT_STATUS_CANCELLED)
    return FALSE;

  /* While searching, events that are not found are drawn faded. */
  return self->highlight == NULL || chronicle_timeline_painter_is_match (self, entry->position);
}

/* Whether @entry is drawn as an opaque bar over the whole width of its row,
 * soft ends and all: then nothing drawn before it in that row shows. */
static gboolean
chronicle_timeline_painter_covers_view (ChronicleTimelinePainter *self,
                                        const ChronicleLaneEntry *entry)
{
  double margin = opaque_margin (entry);

  return chronicle_timeline_painter_is_opaque_bar (self, entry) &&
         chronicle_timeline_painter_time_to_x (self, entry->start) <= -margin &&
         chronicle_timeline_painter_time_to_x (self, entry->end) >= self->width + margin;
}

static void
row_cover_add (RowCover              *cover,
               const graphene_rect_t *rect)
{
  if (rect->size.width <= 0)
    return;

  /* The strike of a cancelled event reaches two pixels out. */
  cover->drawn_x1 = MIN (cover->drawn_x1, rect->origin.x - 2);
  cover->drawn_x2 = MAX (cover->drawn_x2, rect->origin.x + rect->size.width + 2);
}

/* Where the fill of the bar @pending holds may stop: under the next opaque
 * bar across the rest of the view, or before it starts when it would
 * not show at all, drawn over a bar of its colour across the view. */
static double
chronicle_timeline_painter_fill_to (ChronicleTimelinePainter *self,
                                    const ChronicleLaneEntry *entry,
                                    const Pending            *pending,
                                    const RowCover           *cover)
{
  double x2 = MIN (pending->x2, self->width + BAR_OVERHANG);
  double top = chronicle_timeline_painter_row_center (self, entry->lane, entry->row) -
               BAR_HEIGHT / 2;

  if ((entry->flags & CHRONICLE_LANE_ENTRY_POINT) || !chronicle_timeline_painter_for_screen (self) ||
      !chronicle_timeline_painter_on_whole_pixel (self, top))
    return G_MAXDOUBLE;

  if (pending->hidden_from < G_MAXDOUBLE)
    x2 = MIN (x2, pending->hidden_from + opaque_margin (entry) + 1);

  if (cover->color != 0 && entry->status != CHRONICLE_EVENT_STATUS_CANCELLED &&
      rgba_pack (chronicle_timeline_painter_kind_color (self, entry->kind)) == cover->color &&
      (pending->x1 - 2 >= cover->drawn_x2 || x2 + 2 <= cover->drawn_x1))
    return -G_MAXDOUBLE;

  return pending->hidden_from < G_MAXDOUBLE ? x2 : G_MAXDOUBLE;
}

static void
chronicle_timeline_painter_flush (ChronicleTimelinePainter *self,
                                  GtkSnapshot              *snapshot,
                                  const ChronicleLaneEntry *entries,
                                  Pending                  *pending,
                                  RowCover                 *cover,
                                  double                    next_x)
{
  const ChronicleLaneEntry *first = &entries[pending->index];
  double fill_to = chronicle_timeline_painter_fill_to (self, first, pending, cover);
  graphene_rect_t drawn = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  if (pending->count > 1)
    {
      const ChronicleTimelineHit *hit;

      chronicle_timeline_painter_paint_cluster (self, snapshot, pending, first);
      hit = &g_array_index (self->hits, ChronicleTimelineHit, self->hits->len - 1);
      pending->drawn_end = hit->bounds.origin.x + hit->bounds.size.width;
      drawn = hit->bounds;
    }
  else if (self->highlight != NULL && pending->n_matches > 0)
    {
      GtkSnapshot *entry_snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      graphene_rect_t bounds, label;

      /* The match colour goes behind the marker or bar and its title, like
       * a text search's: drawn first, so the event is recorded apart. */
      bounds = chronicle_timeline_painter_paint_entry (self, entry_snapshot, first,
                                                       pending->drawn_end, next_x,
                                                       fill_to, FALSE, NULL,
                                                       &label);
      node = gtk_snapshot_free_to_node (entry_snapshot);
      append_rounded (snapshot, &self->colors.match, NULL, 0,
                      bounds.origin.x - 4, bounds.origin.y - 3,
                      bounds.size.width + 8, bounds.size.height + 6, 6);
      if (node != NULL)
        gtk_snapshot_append_node (snapshot, node);
      chronicle_timeline_painter_add_hit (self, CHRONICLE_TIMELINE_HIT_EVENT, &bounds, &label,
                                          pending, first);
      pending->drawn_end = bounds.origin.x + bounds.size.width;
    }
  else
    {
      graphene_rect_t bounds, label;

      if (self->highlight != NULL)
        gtk_snapshot_push_opacity (snapshot, NON_MATCH_OPACITY);
      bounds = chronicle_timeline_painter_paint_entry (self, snapshot, first,
                                                       pending->drawn_end, next_x,
                                                       fill_to, FALSE, NULL,
                                                       &label);
      if (self->highlight != NULL)
        gtk_snapshot_pop (snapshot);
      chronicle_timeline_painter_add_hit (self, CHRONICLE_TIMELINE_HIT_EVENT, &bounds, &label,
                                          pending, first);
      pending->drawn_end = bounds.origin.x + bounds.size.width;

      /* What shows of it: a point's band and whisker reach out of its
       * bounds (pending->x1 and x2 are its marker's edges); a hidden bar
       * only shows its title. */
      if (first->flags & CHRONICLE_LANE_ENTRY_POINT)
        {
          double left = pending->x1 - 2 * MARKER_HALF;
          double right = MAX (MAX (bounds.origin.x + bounds.size.width,
                                   pending->x2 + 2 * MARKER_HALF),
                              MIN (chronicle_timeline_painter_time_to_x (self, first->end),
                                   self->width + BAR_OVERHANG));

          graphene_rect_init (&drawn, left, bounds.origin.y, right - left, bounds.size.height);
        }
      else if (fill_to > pending->x1)
        drawn = bounds;
      else
        {
          /* Its title, inside before the next item, or outside. */
          double title_end = MIN (MIN (pending->x2, self->width), next_x) - LABEL_GAP;

          graphene_rect_init (&drawn, MAX (pending->x1, 0), bounds.origin.y,
                              MAX (title_end - MAX (pending->x1, 0), 0), bounds.size.height);
          if (label.size.width > 0)
            graphene_rect_union (&drawn, &label, &drawn);
        }
    }

  /* The bar drawn first in a row whose earlier items it hides. */
  if (cover->color == 0 && pending->count == 1 && pending->covers && self->highlight == NULL &&
      chronicle_timeline_painter_for_screen (self))
    {
      cover->color = rgba_pack (chronicle_timeline_painter_kind_color (self, first->kind));
      cover->drawn_x1 = G_MAXDOUBLE;
      cover->drawn_x2 = -G_MAXDOUBLE;
    }
  else if (cover->color != 0)
    {
      row_cover_add (cover, &drawn);
    }

  pending->active = FALSE;
}

/* Before anything is drawn: for each lane in view, whether it is too
 * dense to draw event by event, else its entries in view; and, for the
 * screen, the rows that a bar across the view hides whole (the bar drawn
 * first in its row, opaque, on whole device pixels), where the lanes'
 * tints and the eras' bands need not be drawn under it. */
static void
chronicle_timeline_painter_prepare_lanes (ChronicleTimelinePainter *self,
                                          double                    lanes_top)
{
  double slack = (MARKER_HALF + CLUSTER_GAP) * self->duration / self->width;
  gint64 from = (gint64) floor (self->start - slack);
  gint64 to = (gint64) ceil (self->start + self->duration + slack) + 1;
  guint dense = MAX (SUMMARY_MIN_EVENTS, self->width / SUMMARY_DENSITY);
  gboolean find_hidden = chronicle_timeline_painter_for_screen (self) && self->highlight == NULL;
  guint n_lanes = self->layout != NULL ? chronicle_lane_layout_get_n_lanes (self->layout) : 0;

  g_array_set_size (self->visible, 0);
  g_array_set_size (self->lane_spans, n_lanes);
  g_array_set_size (self->hidden_rows, 0);

  for (guint lane = 0; lane < n_lanes; lane++)
    {
      LaneSpan *span = &g_array_index (self->lane_spans, LaneSpan, lane);
      double y = chronicle_timeline_painter_lane_y (self, lane);
      double height = g_array_index (self->lane_tops, double, lane + 1) -
                      g_array_index (self->lane_tops, double, lane);
      const ChronicleLaneEntry *entries;
      guint32 covered = 0;

      span->shown = y + height >= lanes_top && y <= self->height;
      span->dense = FALSE;
      span->first = self->visible->len;
      span->n = 0;
      if (!span->shown)
        continue;

      /* Two binary searches tell a lane too dense to draw event by event. */
      if (chronicle_lane_layout_lower_bound (self->layout, lane, to) -
          chronicle_lane_layout_lower_bound (self->layout, lane, from) > dense)
        {
          span->dense = TRUE;
          continue;
        }

      /* Only the entries that reach into the view, however long the longest. */
      chronicle_lane_layout_collect_visible (self->layout, lane, from, to, self->visible);
      span->n = self->visible->len - span->first;

      /* Which cover the view, asked once each: often a thousand. */
      entries = chronicle_lane_layout_get_entries (self->layout, lane, NULL);
      g_array_set_size (self->covers, self->visible->len);
      for (guint k = span->first; k < self->visible->len; k++)
        {
          const ChronicleLaneEntry *entry = &entries[g_array_index (self->visible, guint, k)];
          gboolean covers = chronicle_timeline_painter_covers_view (self, entry);

          g_array_index (self->covers, gboolean, k) = covers;
          if (covers && entry->row < CHRONICLE_LANE_LAYOUT_MAX_ROWS)
            covered |= 1u << entry->row;
        }

      if (!find_hidden)
        continue;

      for (guint row = 0; row < CHRONICLE_LANE_LAYOUT_MAX_ROWS; row++)
        {
          double top = chronicle_timeline_painter_row_center (self, lane, row) - BAR_HEIGHT / 2;
          double bottom = top + BAR_HEIGHT;

          if ((covered & (1u << row)) == 0 || !chronicle_timeline_painter_on_whole_pixel (self, top))
            continue;

          g_array_append_val (self->hidden_rows, top);
          g_array_append_val (self->hidden_rows, bottom);
        }
    }
}

/* A rectangle of @color, but for the rows hidden under bars across the
 * view: the lanes' tints and the eras' bands would fill them to no effect,
 * at a cost in pixels for each. */
static void
chronicle_timeline_painter_append_under_lanes (ChronicleTimelinePainter *self,
                                               GtkSnapshot              *snapshot,
                                               const GdkRGBA            *color,
                                               double                    x,
                                               double                    y,
                                               double                    width,
                                               double                    height)
{
  const double *rows = (const double *) (gpointer) self->hidden_rows->data;
  guint n_rows = self->hidden_rows->len / 2;
  double bottom = y + height;

  for (guint i = 0; i < n_rows && y < bottom; i++)
    {
      double top = rows[2 * i];
      double end = rows[2 * i + 1];

      if (end <= y || top >= bottom)
        continue;
      if (top > y)
        append_rect (snapshot, color, x, y, width, top - y);
      y = end;
    }

  if (y < bottom)
    append_rect (snapshot, color, x, y, width, bottom - y);
}

/* A lane too dense for a marker per event: a column per SUMMARY_BIN pixels
 * whose height says, on a log scale, how many events start there. Each
 * column can be hit as a cluster, which zooms into it. The cost depends on
 * the width, not on the number of events. */
static void
chronicle_timeline_painter_paint_lane_summary (ChronicleTimelinePainter *self,
                                               GtkSnapshot              *snapshot,
                                               guint                     lane)
{
  const ChronicleLaneEntry *entries;
  guint n_bins = (guint) ceil (self->width / SUMMARY_BIN);
  guint kind = chronicle_lane_layout_get_lane_kind (self->layout, lane);
  guint n_rows = chronicle_lane_layout_get_lane_n_rows (self->layout, lane);
  double bin_width = self->duration * SUMMARY_BIN / self->width;
  double top = chronicle_timeline_painter_lane_y (self, lane) +
               chronicle_timeline_painter_lane_header (self);
  double height = n_rows * CHRONICLE_TIMELINE_ROW_HEIGHT;
  double bottom = top + height - 4;
  double scale;
  GdkRGBA color;
  GdkRGBA faded;
  guint *counts;
  guint *firsts;
  guint max = 0;
  guint run_start = 0;
  double run_height = 0;
  guint bin;

  g_array_set_size (self->bins, 2 * n_bins);
  counts = &g_array_index (self->bins, guint, 0);
  firsts = &g_array_index (self->bins, guint, n_bins);

  chronicle_lane_layout_count_starts (self->layout, lane, self->start, bin_width, n_bins,
                                      counts, firsts);
  entries = chronicle_lane_layout_get_entries (self->layout, lane, NULL);

  for (bin = 0; bin < n_bins; bin++)
    max = MAX (max, counts[bin]);
  if (max == 0)
    return;

  if (kind != CHRONICLE_LANE_NO_KIND)
    color = *chronicle_timeline_painter_kind_color (self, kind);
  else
    color = mix (&self->colors.background, &self->colors.foreground, 0.55);
  faded = with_alpha (&color, color.alpha * NON_MATCH_OPACITY);
  scale = (height - 8) / log1p (max);

  /* Neighbouring columns of the same height are one rectangle. */
  for (bin = 0; bin <= n_bins; bin++)
    {
      double column = 0;
      gboolean fade = FALSE;

      if (bin < n_bins && counts[bin] > 0)
        {
          column = MAX (2, round (log1p (counts[bin]) * scale));

          /* While searching, columns with a match stand out and the others
           * fade, as single events do. */
          if (self->highlight != NULL)
            {
              gboolean matched = FALSE;

              for (guint i = firsts[bin]; i < firsts[bin] + counts[bin] && !matched; i++)
                matched = chronicle_timeline_painter_is_match (self, entries[i].position);
              if (matched)
                append_rect (snapshot, &self->colors.match, bin * SUMMARY_BIN, top,
                             SUMMARY_BIN, height);
              fade = !matched;
            }
        }

      if (bin == n_bins || fade || column != run_height)
        {
          if (run_height > 0)
            append_rect (snapshot, &color, run_start * SUMMARY_BIN, bottom - run_height,
                         (bin - run_start) * SUMMARY_BIN, run_height);
          run_start = bin;
          run_height = column;
        }

      if (fade)
        {
          append_rect (snapshot, &faded, bin * SUMMARY_BIN, bottom - column, SUMMARY_BIN, column);
          run_start = bin + 1;
          run_height = 0;
        }

      if (bin < n_bins && counts[bin] > 0)
        {
          ChronicleTimelineHit hit;

          hit.type = CHRONICLE_TIMELINE_HIT_CLUSTER;
          graphene_rect_init (&hit.bounds, bin * SUMMARY_BIN, top, SUMMARY_BIN, height);
          graphene_rect_init (&hit.label, 0, 0, 0, 0);
          hit.position = entries[firsts[bin]].position;
          hit.count = counts[bin];
          hit.lane = lane;
          hit.row = 0;
          hit.start = (gint64) ceil (self->start + bin * bin_width);
          hit.end = (gint64) ceil (self->start + (bin + 1) * bin_width);
          g_array_append_val (self->hits, hit);
        }
    }
}

static void
chronicle_timeline_painter_paint_lane_events (ChronicleTimelinePainter *self,
                                              GtkSnapshot              *snapshot,
                                              guint                     lane)
{
  const LaneSpan *span = &g_array_index (self->lane_spans, LaneSpan, lane);
  Pending pending[CHRONICLE_LANE_LAYOUT_MAX_ROWS] = { { 0, } };
  const ChronicleLaneEntry *entries;
  const guint *visible;
  const gboolean *covers;
  guint cover[CHRONICLE_LANE_LAYOUT_MAX_ROWS];
  RowCover row_covers[CHRONICLE_LANE_LAYOUT_MAX_ROWS] = { { 0, } };
  double hides_from[CHRONICLE_LANE_LAYOUT_MAX_ROWS];
  guint k;
  guint i;

  if (span->dense)
    {
      chronicle_timeline_painter_paint_lane_summary (self, snapshot, lane);
      return;
    }

  entries = chronicle_lane_layout_get_entries (self->layout, lane, NULL);
  visible = &g_array_index (self->visible, guint, span->first);
  covers = &g_array_index (self->covers, gboolean, span->first);

  /* When rows are shared, a row can hold many ranges across the whole
   * view; the last opaque one drawn covers everything drawn in that row
   * before it, so that is left out. */
  for (k = 0; k < CHRONICLE_LANE_LAYOUT_MAX_ROWS; k++)
    cover[k] = 0;
  for (k = 0; k < span->n; k++)
    {
      if (covers[k])
        cover[MIN (entries[visible[k]].row, CHRONICLE_LANE_LAYOUT_MAX_ROWS - 1)] = k;
    }

  /* In a shared row, an opaque bar that runs out of the view hides, from
   * a little after its start, all that the row drew before it: those bars
   * are cut short there. */
  g_array_set_size (self->hidden_from, span->n);
  for (k = 0; k < CHRONICLE_LANE_LAYOUT_MAX_ROWS; k++)
    hides_from[k] = G_MAXDOUBLE;
  for (k = span->n; k-- > 0;)
    {
      const ChronicleLaneEntry *entry = &entries[visible[k]];
      guint row = MIN (entry->row, CHRONICLE_LANE_LAYOUT_MAX_ROWS - 1);
      double x1;

      /* Before its row's bar across the view, it is not drawn at all. */
      if (k < cover[row])
        continue;

      /* Not a bar across the view, drawn first in its row: others of its
       * colour drawn over it are left out instead (see RowCover). */
      g_array_index (self->hidden_from, double, k) = covers[k] ? G_MAXDOUBLE : hides_from[row];
      x1 = chronicle_timeline_painter_time_to_x (self, entry->start);
      if (chronicle_timeline_painter_is_opaque_bar (self, entry) &&
          chronicle_timeline_painter_time_to_x (self, entry->end) >=
          self->width + opaque_margin (entry))
        hides_from[row] = MIN (hides_from[row], x1 + opaque_margin (entry));
    }

  for (k = 0; k < span->n; k++)
    {
      const ChronicleLaneEntry *entry = &entries[visible[k]];
      guint row = MIN (entry->row, CHRONICLE_LANE_LAYOUT_MAX_ROWS - 1);
      Pending *p = &pending[row];
      double x1 = chronicle_timeline_painter_time_to_x (self, entry->start);
      double x2;
      gboolean small;

      if (k < cover[row])
        continue;

      i = entry - entries;

      if (entry->flags & CHRONICLE_LANE_ENTRY_POINT)
        {
          x2 = x1 + MARKER_HALF;
          x1 -= MARKER_HALF;
          small = TRUE;
        }
      else
        {
          x2 = MAX (chronicle_timeline_painter_time_to_x (self, entry->end), x1 + MIN_BAR_WIDTH);
          small = x2 - x1 < SMALL_ITEM;
        }

      /* Ended before the view, or (with the slack) starts after it. */
      if (x2 < -1 || x1 > self->width + 1)
        continue;

      if (small && p->active && p->small && x1 < p->x2 + CLUSTER_GAP)
        {
          p->count++;
          p->n_matches += chronicle_timeline_painter_is_match (self, entry->position);
          p->x2 = MAX (p->x2, x2);
          p->end = MAX (p->end, entry->end);
          if (p->kind != entry->kind)
            p->kind = G_MAXUINT;
          continue;
        }

      if (p->active)
        chronicle_timeline_painter_flush (self, snapshot, entries, p, &row_covers[row], x1);

      p->active = TRUE;
      p->hidden_from = g_array_index (self->hidden_from, double, k);
      p->covers = covers[k];
      p->small = small;
      p->index = i;
      p->count = 1;
      p->n_matches = chronicle_timeline_painter_is_match (self, entry->position);
      p->kind = entry->kind;
      p->x1 = x1;
      p->x2 = x2;
      p->start = entry->start;
      p->end = entry->end;
    }

  for (i = 0; i < CHRONICLE_LANE_LAYOUT_MAX_ROWS; i++)
    {
      if (pending[i].active)
        chronicle_timeline_painter_flush (self, snapshot, entries, &pending[i], &row_covers[i],
                                          self->width);
    }
}

static void
chronicle_timeline_painter_paint_lane_header (ChronicleTimelinePainter *self,
                                              GtkSnapshot              *snapshot,
                                              guint                     lane,
                                              double                    y)
{
  guint kind = chronicle_lane_layout_get_lane_kind (self->layout, lane);
  GdkRGBA label_color = self->colors.lane_label;
  GdkRGBA count_color = with_alpha (&self->colors.lane_label, 0.7);
  char count[32];
  guint n_entries;
  double x = 12;
  double cy = y + CHRONICLE_TIMELINE_LANE_HEADER / 2 + 1;
  const Label *label;

  if (kind != CHRONICLE_LANE_NO_KIND)
    {
      append_rounded (snapshot, chronicle_timeline_painter_kind_color (self, kind), NULL, 0,
                      x, cy - 5, 10, 10, 5);
      x += 18;
    }

  label = chronicle_timeline_painter_get_label (self, LABEL_SMALL_BOLD,
                                                chronicle_lane_layout_get_lane_label (self->layout,
                                                                                      lane),
                                                MAX (self->width / 2 - x, MIN_LABEL_WIDTH), FALSE);
  append_label (snapshot, label, &label_color, x, cy - label->height / 2.0);
  x += label->width + 8;

  chronicle_lane_layout_get_entries (self->layout, lane, &n_entries);
  g_snprintf (count, sizeof count, "%u", n_entries);
  label = chronicle_timeline_painter_get_label (self, LABEL_SMALL, count, -1, FALSE);
  append_label (snapshot, label, &count_color, x, cy - label->height / 2.0);
}

static void
chronicle_timeline_painter_paint_axis (ChronicleTimelinePainter *self,
                                       GtkSnapshot              *snapshot)
{
  const ChronicleTimelineColors *colors = &self->colors;
  const ChronicleTimeTick *ticks;
  GdkRGBA line = with_alpha (&colors->axis, 0.4);
  GdkRGBA minor_tick = with_alpha (&colors->axis, 0.6);
  GdkRGBA major_tick = colors->axis;
  GdkRGBA minor_text = colors->axis;
  GdkRGBA major_text = colors->foreground;
  const ChronicleTimeTick *major;
  ChronicleTimeStep minor_step, major_step;
  double label_end = -G_MAXDOUBLE;
  double bottom = CHRONICLE_TIMELINE_AXIS_HEIGHT;
  gboolean years_twice;
  guint n_ticks, n_major;
  guint i, j = 0;

  append_rect (snapshot, &colors->background, 0, 0, self->width, bottom);
  append_rect (snapshot, &colors->lane_alt, 0, 0, self->width, bottom);
  append_rect (snapshot, &line, 0, bottom - 1, self->width, 1);

  /* Years over years: the major row already names the year it shares. */
  chronicle_time_axis_get_minor_step (self->axis, &minor_step);
  years_twice = chronicle_time_axis_get_major_step (self->axis, &major_step) &&
                minor_step.unit == CHRONICLE_TIME_UNIT_YEAR &&
                major_step.unit == CHRONICLE_TIME_UNIT_YEAR;
  major = chronicle_time_axis_get_major_ticks (self->axis, &n_major);

  ticks = chronicle_time_axis_get_minor_ticks (self->axis, &n_ticks);
  for (i = 0; i < n_ticks; i++)
    {
      double x = round (ticks[i].x);
      const Label *label;

      if (x >= 0 && x <= self->width)
        append_rect (snapshot, &minor_tick, x, bottom - 7, 1, 6);

      while (j < n_major && major[j].time < ticks[i].time)
        j++;
      if (years_twice && j < n_major && major[j].time == ticks[i].time && major[j].label != NULL)
        continue;

      /* Labels are measured: skip one that would touch the previous one. */
      if (ticks[i].label == NULL || x < 0)
        continue;
      if (x + 4 < label_end)
        continue;
      label = chronicle_timeline_painter_get_label (self, LABEL_SMALL, ticks[i].label, -1, FALSE);
      append_label (snapshot, label, &minor_text, x + 4, 25);
      label_end = x + 4 + label->width + 8;
    }

  label_end = -G_MAXDOUBLE;
  ticks = chronicle_time_axis_get_major_ticks (self->axis, &n_ticks);
  for (i = 0; i < n_ticks; i++)
    {
      double x = round (ticks[i].x);
      double label_x = x + 5;
      const Label *label;

      if (x >= 0 && x <= self->width)
        append_rect (snapshot, &major_tick, x, 0, 1, bottom - 1);

      if (ticks[i].label == NULL)
        continue;
      label = chronicle_timeline_painter_get_label (self, LABEL_BOLD, ticks[i].label, -1, FALSE);

      /* The period the view starts in keeps its label at the left edge,
       * while the next label leaves room for all of it. */
      if (label_x < 6)
        {
          label_x = 6;
          if (i + 1 < n_ticks && ticks[i + 1].label != NULL &&
              label_x + label->width + 12 > round (ticks[i + 1].x) + 5)
            continue;
        }

      if (label_x < label_end)
        continue;
      append_label (snapshot, label, &major_text, label_x, 6);
      label_end = label_x + label->width + 12;
    }
}

static void
chronicle_timeline_painter_era_color (ChronicleTimelinePainter *self,
                                      ChronicleEra             *era,
                                      GdkRGBA                  *color)
{
  guint32 rgb;

  /* A band: the era's own colour gets the style's translucency. */
  if (chronicle_parse_color (chronicle_era_get_color (era), &rgb))
    {
      rgba_from_rgb (color, rgb);
      color->alpha = is_dark (&self->colors) ? 0.14 : 0.08;
    }
  else
    {
      *color = self->colors.era;
    }
}

static void
chronicle_timeline_painter_paint_eras (ChronicleTimelinePainter *self,
                                       GtkSnapshot              *snapshot,
                                       gboolean                  bands)
{
  GListModel *eras = chronicle_timeline_get_eras (self->timeline);
  GdkRGBA fg = self->colors.foreground;
  double lanes_top = chronicle_timeline_painter_get_lanes_top (self);
  guint n_eras = g_list_model_get_n_items (eras);
  guint i;

  for (i = 0; i < n_eras; i++)
    {
      g_autoptr(ChronicleEra) era = g_list_model_get_item (eras, i);
      gint64 start = chronicle_time_get_instant (chronicle_era_get_start (era));
      gint64 end = chronicle_time_get_end_instant (chronicle_era_get_end (era));
      double x1 = chronicle_timeline_painter_time_to_x (self, start);
      double x2 = chronicle_timeline_painter_time_to_x (self, end);
      GdkRGBA color;

      if (x2 < 0 || x1 > self->width)
        continue;
      x1 = MAX (x1, -20);
      x2 = MIN (x2, self->width + 20);

      chronicle_timeline_painter_era_color (self, era, &color);

      if (bands)
        {
          chronicle_timeline_painter_append_under_lanes (self, snapshot, &color, x1, lanes_top,
                                                         x2 - x1, self->height - lanes_top);
        }
      else
        {
          GdkRGBA pill = color;
          double y = CHRONICLE_TIMELINE_AXIS_HEIGHT + 3;
          double label_x = MAX (x1, 0) + 8;
          double avail = MIN (x2, self->width) - label_x - 8;

          /* The strip's pill is the band, stronger. */
          pill.alpha = MIN (color.alpha * 3.5, 0.5);

          append_rounded (snapshot, &pill, NULL, 0, x1 + 1, y, MAX (x2 - x1 - 2, 2),
                          CHRONICLE_TIMELINE_ERA_HEIGHT - 6, 6);
          if (avail >= MIN_LABEL_WIDTH)
            {
              const Label *label;

              label = chronicle_timeline_painter_get_label (self, LABEL_SMALL_BOLD,
                                                            chronicle_era_get_title (era), avail,
                                                            FALSE);
              append_label (snapshot, label, &fg, label_x,
                            y + (CHRONICLE_TIMELINE_ERA_HEIGHT - 6 - label->height) / 2.0);
            }
        }
    }
}

static void
chronicle_timeline_painter_paint_grid (ChronicleTimelinePainter *self,
                                       GtkSnapshot              *snapshot)
{
  const ChronicleTimeTick *ticks;
  GdkRGBA minor = with_alpha (&self->colors.grid, 0.6);
  GdkRGBA major = self->colors.grid;
  double top = chronicle_timeline_painter_get_lanes_top (self);
  guint n_ticks;
  guint i;

  ticks = chronicle_time_axis_get_minor_ticks (self->axis, &n_ticks);
  for (i = 0; i < n_ticks; i++)
    {
      if (ticks[i].x >= 0 && ticks[i].x <= self->width)
        append_rect (snapshot, &minor, round (ticks[i].x), top, 1, self->height - top);
    }

  ticks = chronicle_time_axis_get_major_ticks (self->axis, &n_ticks);
  for (i = 0; i < n_ticks; i++)
    {
      if (ticks[i].x >= 0 && ticks[i].x <= self->width)
        append_rect (snapshot, &major, round (ticks[i].x), top, 1, self->height - top);
    }
}

static void
chronicle_timeline_painter_paint_now (ChronicleTimelinePainter *self,
                                      GtkSnapshot              *snapshot)
{
  double x = round (chronicle_timeline_painter_time_to_x (self, self->now));
  double top = chronicle_timeline_painter_get_lanes_top (self);
  GdkRGBA text = text_color_on (&self->colors.today);
  const Label *label;
  double width, height;

  if (x < 0 || x > self->width)
    return;

  append_rect (snapshot, &self->colors.today, x - 1, top, 2, self->height - top);

  /* Translators: the label of the line that marks the current time. */
  label = chronicle_timeline_painter_get_label (self, LABEL_SMALL_BOLD, _("Now"), -1, FALSE);
  width = label->width;
  height = label->height;
  append_rounded (snapshot, &self->colors.today, NULL, 0,
                  x - width / 2.0 - 6, top + 2, width + 12, height + 4, (height + 4) / 2.0);
  append_label (snapshot, label, &text, x - width / 2.0, top + 4);
}

static void
chronicle_timeline_painter_dispose (GObject *object)
{
  ChronicleTimelinePainter *self = (ChronicleTimelinePainter *) object;

  g_clear_object (&self->timeline);
  g_clear_object (&self->layout);
  if (self->labels != NULL)
    chronicle_timeline_painter_clear_labels (self);
  g_clear_object (&self->context);
  g_clear_object (&self->axis);

  G_OBJECT_CLASS (chronicle_timeline_painter_parent_class)->dispose (object);
}

static void
chronicle_timeline_painter_finalize (GObject *object)
{
  ChronicleTimelinePainter *self = (ChronicleTimelinePainter *) object;

  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->bold_font, pango_font_description_free);
  g_clear_pointer (&self->small_font, pango_font_description_free);
  g_clear_pointer (&self->small_bold_font, pango_font_description_free);
  g_clear_pointer (&self->strike_attrs, pango_attr_list_unref);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->images, g_hash_table_unref);
  g_clear_pointer (&self->kind_colors, g_array_unref);
  g_clear_pointer (&self->kind_text_colors, g_array_unref);
  g_clear_pointer (&self->lane_tops, g_array_unref);
  g_clear_pointer (&self->hits, g_array_unref);
  g_clear_pointer (&self->visible, g_array_unref);
  g_clear_pointer (&self->lane_spans, g_array_unref);
  g_clear_pointer (&self->covers, g_array_unref);
  g_clear_pointer (&self->hidden_from, g_array_unref);
  g_clear_pointer (&self->hidden_rows, g_array_unref);
  g_clear_pointer (&self->bins, g_array_unref);
  g_clear_pointer (&self->highlight, chronicle_bitset_free);

  G_OBJECT_CLASS (chronicle_timeline_painter_parent_class)->finalize (object);
}

static void
chronicle_timeline_painter_class_init (ChronicleTimelinePainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chronicle_timeline_painter_dispose;
  object_class->finalize = chronicle_timeline_painter_finalize;

  /* GSK registers its node types when one of their types is first asked
   * for (gtk_init does it); export may run without gtk_init. */
  g_type_ensure (GSK_TYPE_COLOR_NODE);
}

static void
chronicle_timeline_painter_init (ChronicleTimelinePainter *self)
{
  double zero = 0;

  self->axis = chronicle_time_axis_new ();
  self->kind_colors = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  self->kind_text_colors = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  self->lane_tops = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (self->lane_tops, zero);
  self->hits = g_array_new (FALSE, FALSE, sizeof (ChronicleTimelineHit));
  self->visible = g_array_new (FALSE, FALSE, sizeof (guint));
  self->lane_spans = g_array_new (FALSE, FALSE, sizeof (LaneSpan));
  self->covers = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->hidden_from = g_array_new (FALSE, FALSE, sizeof (double));
  self->hidden_rows = g_array_new (FALSE, FALSE, sizeof (double));
  self->bins = g_array_new (FALSE, FALSE, sizeof (guint));
  self->strike_attrs = pango_attr_list_new ();
  pango_attr_list_insert (self->strike_attrs, pango_attr_strikethrough_new (TRUE));
  self->labels = g_hash_table_new_full (label_key_hash, label_key_equal, NULL, label_free);
  self->images = g_hash_table_new_full (image_key_hash, image_key_equal, g_free, image_free);
  self->scale_factor = 1;
  g_queue_init (&self->labels_lru);
  self->start = 0;
  self->duration = 365 * 86400;
  self->width = 1;
  self->height = 1;
  self->flags = CHRONICLE_TIMELINE_PAINT_SHOW_TODAY;
  self->now = g_get_real_time () / G_USEC_PER_SEC;
  chronicle_timeline_colors_init (&self->colors, FALSE, FALSE);
  /* A context that needs no display; callers normally give their own. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  chronicle_timeline_painter_update_fonts (self);
}

static GdkRGBA
rgba (guint32 rgb,
      double  alpha)
{
  GdkRGBA color;

  rgba_from_rgb (&color, rgb);
  color.alpha = alpha;

  return color;
}

void
chronicle_timeline_colors_init (ChronicleTimelineColors *colors,
                                gboolean                 dark,
                                gboolean                 high_contrast)
{
  /* libadwaita 1.2: window_fg_color, view_bg_color, accent_bg_color,
   * accent_color and error_color of each style. */
  GdkRGBA fg = dark ? rgba (0xffffff, 1) : rgba (0x000000, high_contrast ? 1 : 0.8);
  guint32 accent_bg = 0x3584e4;

  g_return_if_fail (colors != NULL);

  colors->foreground = fg;
  colors->background = dark ? rgba (high_contrast ? 0x000000 : 0x1e1e1e, 1) : rgba (0xffffff, 1);
  colors->accent = dark ? rgba (0x78aeed, 1) : rgba (0x1c71d8, 1);
  colors->selection = colors->accent;
  colors->today = dark ? rgba (0xff7b63, 1) : rgba (0xc01c28, 1);
  /* libadwaita's yellow, as text searches mark what they find. */
  colors->match = dark ? rgba (0xf5c211, high_contrast ? 0.6 : 0.32) : rgba (0xf6d32d, high_contrast ? 0.8 : 0.5);

  if (high_contrast)
    {
      colors->axis = fg;
      colors->grid = with_alpha (&fg, 0.25);
      colors->lane_alt = with_alpha (&fg, 0.08);
      colors->lane_label = fg;
      colors->era = rgba (accent_bg, 0.25);
      colors->hover = rgba (accent_bg, 0.4);
    }
  else
    {
      colors->axis = with_alpha (&fg, dark ? 0.65 : 0.6);
      colors->grid = with_alpha (&fg, dark ? 0.08 : 0.07);
      colors->lane_alt = with_alpha (&fg, dark ? 0.04 : 0.03);
      colors->lane_label = with_alpha (&fg, dark ? 0.75 : 0.7);
      colors->era = rgba (accent_bg, dark ? 0.14 : 0.08);
      colors->hover = rgba (accent_bg, dark ? 0.28 : 0.18);
    }

  colors->high_contrast = high_contrast;
}

ChronicleTimelinePainter *
chronicle_timeline_painter_new (void)
{
  return g_object_new (CHRONICLE_TYPE_TIMELINE_PAINTER, NULL);
}

void
chronicle_timeline_painter_set_timeline (ChronicleTimelinePainter *self,
                                         ChronicleTimeline        *timeline)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (!timeline || CHRONICLE_IS_TIMELINE (timeline));

  g_set_object (&self->timeline, timeline);
}

void
chronicle_timeline_painter_set_layout (ChronicleTimelinePainter *self,
                                       ChronicleLaneLayout      *layout)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (!layout || CHRONICLE_IS_LANE_LAYOUT (layout));

  if (g_set_object (&self->layout, layout))
    g_array_set_size (self->hits, 0);
}

void
chronicle_timeline_painter_set_visible_range (ChronicleTimelinePainter *self,
                                              double                    start,
                                              double                    duration)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (duration > 0);

  self->start = start;
  self->duration = duration;
}

void
chronicle_timeline_painter_set_size (ChronicleTimelinePainter *self,
                                     double                    width,
                                     double                    height)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));

  self->width = MAX (width, 1);
  self->height = MAX (height, 1);
}

void
chronicle_timeline_painter_set_scroll_offset (ChronicleTimelinePainter *self,
                                              double                    offset)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));

  self->scroll_offset = MAX (offset, 0);
}

void
chronicle_timeline_painter_set_colors (ChronicleTimelinePainter      *self,
                                       const ChronicleTimelineColors *colors)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (colors != NULL);

  /* A style change (dark, high contrast): images in the old colours go. */
  if (memcmp (&self->colors, colors, sizeof *colors) != 0)
    g_hash_table_remove_all (self->images);
  self->colors = *colors;
}

void
chronicle_timeline_painter_set_pango_context (ChronicleTimelinePainter *self,
                                              PangoContext             *context)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  if (g_set_object (&self->context, context))
    chronicle_timeline_painter_update_fonts (self);
}

void
chronicle_timeline_painter_set_font (ChronicleTimelinePainter   *self,
                                     const PangoFontDescription *font)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));

  /* The view sets its font on every style change: keep the labels when
   * the font stays the same. */
  if (font != NULL && self->font != NULL && pango_font_description_equal (font, self->font))
    return;

  g_clear_pointer (&self->font, pango_font_description_free);
  if (font != NULL)
    self->font = pango_font_description_copy (font);
  chronicle_timeline_painter_update_fonts (self);
}

void
chronicle_timeline_painter_set_now (ChronicleTimelinePainter *self,
                                    gint64                    now)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));

  self->now = now;
}

void
chronicle_timeline_painter_set_flags (ChronicleTimelinePainter    *self,
                                      ChronicleTimelinePaintFlags  flags)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));

  self->flags = flags;
}

void
chronicle_timeline_painter_set_scale_factor (ChronicleTimelinePainter *self,
                                             int                       scale_factor)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));

  scale_factor = MAX (scale_factor, 1);
  if (scale_factor == self->scale_factor)
    return;

  /* Images are made for one scale. */
  self->scale_factor = scale_factor;
  g_hash_table_remove_all (self->images);
}

void
chronicle_timeline_painter_set_highlight (ChronicleTimelinePainter *self,
                                          const ChronicleBitset    *matches)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));

  g_clear_pointer (&self->highlight, chronicle_bitset_free);
  if (matches != NULL)
    self->highlight = chronicle_bitset_copy (matches);
}

ChronicleTimeAxis *
chronicle_timeline_painter_get_axis (ChronicleTimelinePainter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self), NULL);

  return self->axis;
}

double
chronicle_timeline_painter_get_content_height (ChronicleTimelinePainter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self), 0);

  chronicle_timeline_painter_update_lane_tops (self);

  return chronicle_timeline_painter_get_lanes_top (self) +
         g_array_index (self->lane_tops, double, self->lane_tops->len - 1);
}

double
chronicle_timeline_painter_get_minimum_height (ChronicleTimelinePainter *self)
{
  double lanes_top;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self), 0);

  lanes_top = chronicle_timeline_painter_get_lanes_top (self);

  return MIN (chronicle_timeline_painter_get_content_height (self), lanes_top + MIN_LANES_HEIGHT);
}

double
chronicle_timeline_painter_get_lanes_top (ChronicleTimelinePainter *self)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self), 0);

  return CHRONICLE_TIMELINE_AXIS_HEIGHT +
         (chronicle_timeline_painter_has_eras (self) ? CHRONICLE_TIMELINE_ERA_HEIGHT : 0);
}

double
chronicle_timeline_painter_time_to_x (ChronicleTimelinePainter *self,
                                      double                    time)
{
  return (time - self->start) * self->width / self->duration;
}

double
chronicle_timeline_painter_x_to_time (ChronicleTimelinePainter *self,
                                      double                    x)
{
  return self->start + x * self->duration / self->width;
}

void
chronicle_timeline_painter_get_kind_color (ChronicleTimelinePainter *self,
                                           guint                     kind,
                                           GdkRGBA                  *color)
{
  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (color != NULL);

  chronicle_timeline_painter_compute_kind_color (self, kind, color);
}

gboolean
chronicle_timeline_painter_get_lane_bounds (ChronicleTimelinePainter *self,
                                            guint                     lane,
                                            graphene_rect_t          *bounds)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (self->layout == NULL || lane >= chronicle_lane_layout_get_n_lanes (self->layout))
    return FALSE;

  chronicle_timeline_painter_update_lane_tops (self);
  graphene_rect_init (bounds, 0, chronicle_timeline_painter_lane_y (self, lane), self->width,
                      g_array_index (self->lane_tops, double, lane + 1) -
                      g_array_index (self->lane_tops, double, lane));

  return TRUE;
}

gboolean
chronicle_timeline_painter_get_entry_bounds (ChronicleTimelinePainter *self,
                                             guint                     lane,
                                             guint                     index,
                                             graphene_rect_t          *bounds)
{
  const ChronicleLaneEntry *entries;
  EntryGeometry geo;
  guint n_entries;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self), FALSE);
  g_return_val_if_fail (bounds != NULL, FALSE);

  if (self->layout == NULL || lane >= chronicle_lane_layout_get_n_lanes (self->layout))
    return FALSE;

  entries = chronicle_lane_layout_get_entries (self->layout, lane, &n_entries);
  if (index >= n_entries)
    return FALSE;

  chronicle_timeline_painter_update_lane_tops (self);
  chronicle_timeline_painter_entry_geometry (self, &entries[index], &geo);

  if (geo.point)
    graphene_rect_init (bounds, geo.x1 - MARKER_HALF, geo.cy - MARKER_HALF, 2 * MARKER_HALF,
                        2 * MARKER_HALF);
  else
    graphene_rect_init (bounds, geo.x1, geo.cy - BAR_HEIGHT / 2, geo.x2 - geo.x1, BAR_HEIGHT);

  return TRUE;
}

void
chronicle_timeline_painter_snapshot (ChronicleTimelinePainter *self,
                                     GtkSnapshot              *snapshot)
{
  GTimeZone *tz = NULL;
  double lanes_top;
  gboolean has_eras;
  guint n_lanes;
  guint i;

  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));

  g_array_set_size (self->hits, 0);

  if (self->layout != NULL)
    chronicle_lane_layout_ensure (self->layout);

  chronicle_timeline_painter_update_kind_colors (self);
  chronicle_timeline_painter_update_lane_tops (self);

  if (self->timeline != NULL)
    tz = chronicle_timeline_get_time_zone (self->timeline);
  chronicle_time_axis_set_time_zone (self->axis, tz);
  chronicle_time_axis_update (self->axis, self->start, self->duration, self->width);

  chronicle_timeline_painter_check_context (self);

  has_eras = chronicle_timeline_painter_has_eras (self);
  lanes_top = chronicle_timeline_painter_get_lanes_top (self);
  n_lanes = self->layout != NULL ? chronicle_lane_layout_get_n_lanes (self->layout) : 0;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, self->width, self->height));

  append_rect (snapshot, &self->colors.background, 0, 0, self->width, self->height);

  /* The lanes, under the axis. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, lanes_top, self->width,
                                                         MAX (self->height - lanes_top, 0)));

  chronicle_timeline_painter_prepare_lanes (self, lanes_top);

  for (i = 0; i < n_lanes; i++)
    {
      double y = chronicle_timeline_painter_lane_y (self, i);
      double height = g_array_index (self->lane_tops, double,
                                     i + 1) - g_array_index (self->lane_tops, double, i);

      if (i % 2 == 1 && y + height >= lanes_top && y <= self->height)
        chronicle_timeline_painter_append_under_lanes (self, snapshot, &self->colors.lane_alt, 0,
                                                       y, self->width, height);
    }

  if (has_eras)
    chronicle_timeline_painter_paint_eras (self, snapshot, TRUE);

  chronicle_timeline_painter_paint_grid (self, snapshot);

  /* Behind the events, so that it never hides a label. */
  if (self->flags & CHRONICLE_TIMELINE_PAINT_SHOW_TODAY)
    chronicle_timeline_painter_paint_now (self, snapshot);

  for (i = 0; i < n_lanes; i++)
    {
      double y = chronicle_timeline_painter_lane_y (self, i);

      if (!g_array_index (self->lane_spans, LaneSpan, i).shown)
        continue;

      if (chronicle_lane_layout_get_group_by (self->layout) != CHRONICLE_GROUP_BY_NONE)
        chronicle_timeline_painter_paint_lane_header (self, snapshot, i, y);
      chronicle_timeline_painter_paint_lane_events (self, snapshot, i);
    }

  gtk_snapshot_pop (snapshot);

  /* The axis and the era strip stay at the top. */
  chronicle_timeline_painter_paint_axis (self, snapshot);

  if (has_eras)
    {
      GdkRGBA line = with_alpha (&self->colors.axis, 0.25);

      append_rect (snapshot, &self->colors.background, 0, CHRONICLE_TIMELINE_AXIS_HEIGHT,
                   self->width, CHRONICLE_TIMELINE_ERA_HEIGHT);
      chronicle_timeline_painter_paint_eras (self, snapshot, FALSE);
      append_rect (snapshot, &line, 0, lanes_top - 1, self->width, 1);
    }

  gtk_snapshot_pop (snapshot);
}

void
chronicle_timeline_painter_snapshot_overlay (ChronicleTimelinePainter   *self,
                                             GtkSnapshot                *snapshot,
                                             const ChronicleTimelineHit *hover,
                                             guint                       selected)
{
  double lanes_top;
  guint n_lanes;
  guint lane;

  g_return_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self));
  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));

  if (self->layout == NULL)
    return;

  if (self->kind_colors->len == 0)
    chronicle_timeline_painter_update_kind_colors (self);
  chronicle_timeline_painter_update_lane_tops (self);

  lanes_top = chronicle_timeline_painter_get_lanes_top (self);
  n_lanes = chronicle_lane_layout_get_n_lanes (self->layout);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, lanes_top, self->width,
                                                         MAX (self->height - lanes_top, 0)));

  if (hover != NULL && hover->type != CHRONICLE_TIMELINE_HIT_NONE)
    {
      append_rounded (snapshot, &self->colors.hover, NULL, 0,
                      hover->bounds.origin.x - 4, hover->bounds.origin.y - 4,
                      hover->bounds.size.width + 8, hover->bounds.size.height + 8, 8);
    }

  chronicle_timeline_painter_check_context (self);

  for (lane = 0; selected != G_MAXUINT && lane < n_lanes; lane++)
    {
      guint index = chronicle_lane_layout_find_entry (self->layout, lane, selected);
      const ChronicleLaneEntry *entry;
      const graphene_rect_t *base_label;
      graphene_rect_t label;
      EntryGeometry geo;
      guint i;

      if (index == G_MAXUINT)
        continue;

      entry = &chronicle_lane_layout_get_entries (self->layout, lane, NULL)[index];
      chronicle_timeline_painter_entry_geometry (self, entry, &geo);

      if (geo.x2 + OVERLAY_LABEL < 0 || geo.x1 - MARKER_HALF > self->width ||
          geo.cy + CHRONICLE_TIMELINE_ROW_HEIGHT < lanes_top ||
          geo.cy - CHRONICLE_TIMELINE_ROW_HEIGHT > self->height)
        continue;

      /* Drawn again on top, so that it shows even inside a cluster, with
       * its title where it was. */
      base_label = NULL;
      for (i = 0; i < self->hits->len; i++)
        {
          const ChronicleTimelineHit *hit = &g_array_index (self->hits, ChronicleTimelineHit, i);

          if (hit->type == CHRONICLE_TIMELINE_HIT_EVENT &&
              hit->position == selected && hit->lane == lane)
            {
              base_label = &hit->label;
              break;
            }
        }
      chronicle_timeline_painter_paint_entry (self, snapshot, entry, 0, self->width,
                                              G_MAXDOUBLE, TRUE, base_label, &label);

      if (geo.point)
        append_rounded (snapshot, NULL, &self->colors.selection, 2.5,
                        geo.x1 - MARKER_HALF - 4, geo.cy - MARKER_HALF - 4,
                        2 * MARKER_HALF + 8, 2 * MARKER_HALF + 8, MARKER_HALF + 4);
      else
        append_rounded (snapshot, NULL, &self->colors.selection, 2.5,
                        geo.x1 - 4, geo.cy - BAR_HEIGHT / 2 - 4,
                        geo.x2 - geo.x1 + 8, BAR_HEIGHT + 8, 8);
    }

  gtk_snapshot_pop (snapshot);
}

GskRenderNode *
chronicle_timeline_painter_render (ChronicleTimelinePainter *self,
                                   guint                     selected)
{
  GtkSnapshot *snapshot;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self), NULL);

  snapshot = gtk_snapshot_new ();
  chronicle_timeline_painter_snapshot (self, snapshot);
  chronicle_timeline_painter_snapshot_overlay (self, snapshot, NULL, selected);

  return gtk_snapshot_free_to_node (snapshot);
}

const ChronicleTimelineHit *
chronicle_timeline_painter_get_hits (ChronicleTimelinePainter *self,
                                     guint                    *n_hits)
{
  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self), NULL);

  if (n_hits != NULL)
    *n_hits = self->hits->len;

  return (const ChronicleTimelineHit *) (gpointer) self->hits->data;
}

gboolean
chronicle_timeline_painter_hit_test (ChronicleTimelinePainter *self,
                                     double                    x,
                                     double                    y,
                                     ChronicleTimelineHit     *hit)
{
  guint i;

  g_return_val_if_fail (CHRONICLE_IS_TIMELINE_PAINTER (self), FALSE);

  if (y < chronicle_timeline_painter_get_lanes_top (self))
    return FALSE;

  /* Backwards: what was drawn last is on top. Exact hits first, then
   * the nearest within a few pixels. */
  for (i = self->hits->len; i > 0; i--)
    {
      const ChronicleTimelineHit *h = &g_array_index (self->hits, ChronicleTimelineHit, i - 1);

      if (graphene_rect_contains_point (&h->bounds, &GRAPHENE_POINT_INIT (x, y)))
        {
          if (hit != NULL)
            *hit = *h;
          return TRUE;
        }
    }

  for (i = self->hits->len; i > 0; i--)
    {
      const ChronicleTimelineHit *h = &g_array_index (self->hits, ChronicleTimelineHit, i - 1);
      graphene_rect_t grown;

      graphene_rect_inset_r (&h->bounds, -HIT_SLACK, -HIT_SLACK, &grown);
      if (graphene_rect_contains_point (&grown, &GRAPHENE_POINT_INIT (x, y)))
        {
          if (hit != NULL)
            *hit = *h;
          return TRUE;
        }
    }

  return FALSE;
}
