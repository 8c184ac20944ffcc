/* chronicle-bench-generate.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-bench"

#include "config.h"

#include "chronicle-bench-generate.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "chronicle-time.h"

#define N_BURSTS        24
#define BURST_SHARE     0.40
#define RANGE_SHARE     0.20
#define NO_ID_SHARE     0.10
#define FIRST_YEAR      1950
#define END_YEAR        2026   /* exclusive */
#define FLUSH_SIZE      (1 << 20)

/* splitmix64: small, fast, and the same on every platform, so that the
 * files do not depend on GLib's GRand. */
typedef struct
{
  guint64 state;
} Rng;

static inline guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static inline void
rng_init (Rng     *rng,
          guint64  seed,
          guint64  stream)
{
  rng->state = seed * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D) + stream;
  rng_next (rng);
}

/* Uniform in [0, n). */
static inline guint
rng_below (Rng   *rng,
           guint  n)
{
  return (guint) (((rng_next (rng) >> 32) * (guint64) n) >> 32);
}

/* Uniform in [0, 1). */
static inline double
rng_unit (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_unit (rng) < p;
}

/* Skewed towards the start of a list of @n, as words in real text are. */
static inline guint
rng_zipf (Rng   *rng,
          guint  n)
{
  double u = rng_unit (rng);

  return MIN ((guint) (n * u * u), n - 1);
}

#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

/* Vocabulary */

static const char * const subjects[] = {
  "City council", "Senate committee", "Federal court", "Ministry of Health",
  "Port authority", "Transit workers", "Central bank", "University researchers",
  "Regional government", "Opposition leaders", "Farmers’ union", "Electoral commission",
  "Coast guard", "Supreme Court", "Parliament", "The mayor", "The governor",
  "Prime minister", "Health agency", "Fire department", "Teachers’ union",
  "Environmental groups", "Police", "Residents", "Investors", "Court of appeals",
  "Trade delegation", "Energy regulator", "Weather service", "National museum",
  "Space agency", "Rail operator", "Hospital network", "School board", "Water utility",
  "Press council", "Customs office", "Housing agency", "Airport authority",
  "Research institute", "Dockworkers", "Chamber of commerce",
};

static const char * const verbs[] = {
  "approves", "rejects", "announces", "delays", "opens", "suspends", "publishes",
  "investigates", "signs", "cancels", "extends", "debates", "postpones", "confirms",
  "reverses", "funds", "proposes", "challenges", "launches", "closes", "expands",
  "reviews", "blocks", "endorses", "restores", "revises", "questions", "defends",
  "settles", "resumes", "unveils", "halts",
};

static const char * const objects[] = {
  "budget for flood defences", "new metro line", "emergency housing plan",
  "vaccination campaign", "trade agreement", "wage increase", "river clean-up programme",
  "tax reform", "bridge repairs", "election results", "data protection rules",
  "airport expansion", "school reopening plan", "drought measures", "minimum wage",
  "pension reform", "fishing quotas", "climate targets", "hospital merger",
  "border controls", "public inquiry", "rail strike settlement", "wildfire response",
  "night curfew", "heritage listing", "stadium project", "water rationing",
  "press freedom bill", "mining licence", "refugee reception centre",
  "harbour dredging contract", "cycle lane network", "steel plant closure",
  "broadband rollout", "coal phase-out", "rent controls", "vaccine trial",
  "census count", "fuel subsidy", "museum renovation", "satellite launch",
  "coastal evacuation order", "ceasefire talks", "grain export deal",
  "power grid upgrade", "nuclear plant inspection", "earthquake relief fund",
  "literacy programme", "tram extension", "dam construction",
};

static const char * const places[] = {
  "New York", "Chicago", "Los Angeles", "Houston", "Toronto", "Montréal", "México",
  "São Paulo", "Buenos Aires", "Bogotá", "Lima", "Santiago", "London", "Paris",
  "Berlin", "Madrid", "Barcelona", "Lisbon", "Rome", "Milan", "Zürich", "Vienna",
  "Kraków", "Łódź", "Prague", "Budapest", "Malmö", "Göteborg", "Oslo", "Reykjavík",
  "Helsinki", "Tallinn", "Athens", "Istanbul", "Cairo", "Lagos", "Nairobi",
  "Johannesburg", "Dakar", "Casablanca", "Mumbai", "Delhi", "Dhaka", "Bangkok",
  "Hanoi", "Jakarta", "Manila", "Seoul", "Tokyo", "Osaka", "Sydney", "Auckland",
  "Besançon", "Córdoba", "Valparaíso", "Curaçao", "Düsseldorf", "Gdańsk",
  "Ñuñoa", "Québec",
};

/* Words for running text, the most common first. */
static const char * const words[] = {
  "the", "of", "and", "to", "in", "a", "said", "on", "for", "with", "after", "was",
  "by", "that", "city", "government", "new", "plan", "officials", "year", "their",
  "vote", "public", "court", "would", "week", "report", "minister", "council",
  "police", "workers", "water", "budget", "local", "national", "said", "decision",
  "agreement", "protest", "election", "funding", "residents", "hospital", "school",
  "train", "station", "bridge", "harbour", "river", "storm", "flood", "drought",
  "health", "housing", "energy", "prices", "taxes", "wages", "strike", "union",
  "talks", "delay", "inquiry", "evidence", "witnesses", "judge", "ruling", "appeal",
  "committee", "mayor", "governor", "president", "parliament", "senate", "party",
  "campaign", "candidates", "turnout", "ballots", "results", "recount", "observers",
  "journalists", "statement", "spokesperson", "announcement", "deadline", "months",
  "hundreds", "thousands", "families", "businesses", "farmers", "students",
  "teachers", "doctors", "nurses", "engineers", "contractors", "investors",
  "markets", "exports", "imports", "shipping", "airport", "runway", "metro",
  "tram", "cycle", "lanes", "traffic", "emissions", "climate", "targets", "coal",
  "solar", "wind", "grid", "outage", "blackout", "heatwave", "wildfire",
  "evacuation", "shelter", "relief", "aid", "donors", "volunteers", "museum",
  "library", "archive", "heritage", "festival", "stadium", "tournament", "final",
  "census", "survey", "data", "privacy", "broadband", "satellite", "launch",
  "research", "vaccine", "trial", "outbreak", "quarantine", "borders", "customs",
  "refugees", "asylum", "treaty", "ceasefire", "negotiators", "summit",
  "delegation", "embassy", "sanctions", "tariffs", "quota", "fishing", "mining",
  "licence", "permit", "zoning", "rent", "tenants", "landlords", "eviction",
  "pension", "reform", "deficit", "surplus", "bonds", "inflation", "interest",
  "rates", "central", "bank", "currency", "unemployment", "jobs", "factory",
  "closure", "merger", "acquisition", "bankruptcy", "audit", "fraud", "charges",
  "indictment", "verdict", "sentence", "prison", "release", "pardon",
  "investigation", "allegations", "resignation", "appointment", "cabinet",
  "coalition", "opposition", "majority", "minority", "referendum", "amendment",
  "constitution", "décret", "señal", "façade", "naïve", "résumé",
};

static const char * const given_names[] = {
  "María", "José", "Ana", "Luis", "Carmen", "John", "Mary", "James", "Patricia",
  "Robert", "Linda", "Michael", "Barbara", "William", "Elizabeth", "David", "Jennifer",
  "Amara", "Chidi", "Fatima", "Omar", "Aiko", "Hiroshi", "Mei", "Wei", "Priya", "Arjun",
  "Ingrid", "Lars", "Søren", "Zoë", "François", "Hélène", "Jürgen", "Łukasz",
};

static const char * const surnames[] = {
  "García", "Martínez", "López", "González", "Smith", "Johnson", "Williams", "Brown",
  "Jones", "Miller", "Davis", "Wilson", "Anderson", "Thomas", "Okafor", "Adeyemi",
  "Haddad", "Nakamura", "Tanaka", "Chen", "Wang", "Sharma", "Patel", "Nilsson",
  "Johansson", "Müller", "Schmidt", "Dubois", "Lefèvre", "Kowalski", "Nowak",
  "Novák", "Horváth", "Papadopoulos", "Yılmaz", "Rossi",
};

static const char * const roles[] = {
  "Mayor", "Governor", "Senator", "Judge", "Minister of Finance", "Minister of Health",
  "Union leader", "Spokesperson", "Police chief", "Chief executive", "Researcher",
  "Journalist", "Activist", "Ambassador", "Central bank governor", "City planner",
};

static const char * const organisations[] = {
  "Port Authority", "Transit Workers Union", "Electoral Commission", "Coast Guard",
  "Weather Service", "Health Agency", "Energy Regulator", "Housing Agency",
  "Space Agency", "Chamber of Commerce", "Teachers’ Union", "Farmers’ Union",
  "Red Cross", "Supreme Court", "Central Bank", "National Museum",
};

static const char * const tag_words[] = {
  "housing", "transport", "climate", "health", "education", "labour", "elections",
  "courts", "policing", "budget", "taxes", "trade", "energy", "water", "agriculture",
  "fishing", "mining", "immigration", "refugees", "culture", "sport", "science",
  "space", "technology", "privacy", "media", "protests", "strikes", "disasters",
  "floods", "wildfires", "drought", "earthquakes", "storms", "pandemic", "vaccines",
  "diplomacy", "treaties", "sanctions", "defence", "infrastructure", "bridges",
  "railways", "aviation", "ports", "urban-planning", "heritage", "tourism",
  "pensions", "inflation", "banking", "employment", "industry", "corruption",
  "human-rights", "constitution", "referendums", "local-government", "environment",
  "wildlife",
};

static const char * const tag_qualifiers[] = {
  "policy", "funding", "reform", "inquiry", "local", "national",
};

static const char * const publishers[] = {
  "The Daily Record", "Evening Courier", "City Wire", "Tribune", "Gazette",
  "Le Quotidien", "El Diario", "Morgenpost", "Public Radio", "Press Agency",
  "Harbour Herald", "Valley News", "Metro Weekly", "The Observer", "Chronicle Desk",
};

typedef struct
{
  const char *id;
  const char *label;
  const char *color;
  const char *icon;
  guint       weight;
} KindSpec;

/* Built-in kinds have no label or colour here: the file does not declare
 * them. */
static const KindSpec kinds[] = {
  { "statement", NULL, NULL, NULL, 18 },
  { "report", NULL, NULL, NULL, 15 },
  { "protest", "Protest", "#e01b24", "emblem-important-symbolic", 10 },
  { "legal-action", NULL, NULL, NULL, 8 },
  { "election", "Election", "#1c71d8", "mail-send-symbolic", 8 },
  { "court-ruling", "Court ruling", "#865e3c", "emblem-documents-symbolic", 8 },
  { "enforcement-action", NULL, NULL, NULL, 6 },
  { "disaster", "Disaster", "#c64600", "weather-storm-symbolic", 6 },
  { "order-signing", NULL, NULL, NULL, 5 },
  { "other", NULL, NULL, NULL, 5 },
  { "treaty", "Treaty", "#2ec27e", "emblem-shared-symbolic", 4 },
  { "discovery", "Discovery", "#9141ac", "starred-symbolic", 4 },
  { "planned-deployment", NULL, NULL, NULL, 3 },
};

static const struct
{
  const char *title;
  const char *start;
  const char *end;
  const char *color;
} eras[] = {
  { "Post-war reconstruction", "1950", "1959", "#99c1f1" },
  { "The long boom", "1960", "1973", NULL },
  { "Oil shocks and reform", "1973-10", "1989-11", "#f9f06b" },
  { "Globalisation", "1989-11", "2008-09", NULL },
  { "Crisis and recovery", "2008-09", "2025", "#dc8add" },
};

#define N_ACTORS 300
#define N_TAGS   (G_N_ELEMENTS (tag_words) * (1 + G_N_ELEMENTS (tag_qualifiers)))

/* Output */

typedef struct
{
  GString *buffer;
  FILE    *file;
  int      saved_errno;
} Out;

static void
out_flush (Out *out)
{
  if (out->file == NULL || out->buffer->len == 0)
    return;

  if (out->saved_errno == 0 &&
      fwrite (out->buffer->str, 1, out->buffer->len, out->file) != out->buffer->len)
    out->saved_errno = errno != 0 ? errno : EIO;

  g_string_truncate (out->buffer, 0);
}

static inline void
out_maybe_flush (Out *out)
{
  if (out->file != NULL && out->buffer->len >= FLUSH_SIZE)
    out_flush (out);
}

static void
out_indent (Out   *out,
            guint  indent)
{
  for (guint i = 0; i < indent; i++)
    g_string_append_c (out->buffer, ' ');
}

/* As the writer escapes: quotes, backslashes and control characters. */
static void
out_string (Out        *out,
            const char *text)
{
  GString *b = out->buffer;

  g_string_append_c (b, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"')
        g_string_append (b, "\\\"");
      else if (c == '\\')
        g_string_append (b, "\\\\");
      else if (c == '\n')
        g_string_append (b, "\\n");
      else if (c < 0x20)
        g_string_append_printf (b, "\\u%04x", c);
      else
        g_string_append_c (b, (char) c);
    }
  g_string_append_c (b, '"');
}

/* Opens a member ("key": ) of an object whose members are at @indent. */
static void
out_key (Out        *out,
         const char *name,
         guint       indent,
         gboolean   *first)
{
  g_string_append (out->buffer, *first ? "{\n" : ",\n");
  *first = FALSE;
  out_indent (out, indent);
  out_string (out, name);
  g_string_append (out->buffer, ": ");
}

static void
out_string_member (Out        *out,
                   const char *name,
                   const char *value,
                   guint       indent,
                   gboolean   *first)
{
  out_key (out, name, indent, first);
  out_string (out, value);
}

static void
out_close (Out      *out,
           char      close,
           guint     indent)
{
  g_string_append_c (out->buffer, '\n');
  out_indent (out, indent);
  g_string_append_c (out->buffer, close);
}

static void
out_string_array_member (Out                *out,
                         const char         *name,
                         const char * const *values,
                         guint               n_values,
                         guint               indent,
                         gboolean           *first)
{
  out_key (out, name, indent, first);
  for (guint i = 0; i < n_values; i++)
    {
      g_string_append (out->buffer, i == 0 ? "[\n" : ",\n");
      out_indent (out, indent + 2);
      out_string (out, values[i]);
    }
  out_close (out, ']', indent);
}

/* Text */

static void
append_sentence (GString *str,
                 Rng     *rng,
                 guint    min_words,
                 guint    max_words)
{
  guint n = min_words + rng_below (rng, max_words - min_words + 1);

  if (str->len > 0)
    g_string_append_c (str, ' ');

  /* A real-looking opening, then running text. */
  g_string_append (str, PICK (rng, subjects));
  g_string_append_c (str, ' ');
  g_string_append (str, PICK (rng, verbs));
  for (guint i = 0; i < n; i++)
    {
      g_string_append_c (str, ' ');
      if (rng_chance (rng, 0.04))
        g_string_append (str, PICK (rng, places));
      else
        g_string_append (str, words[rng_zipf (rng, G_N_ELEMENTS (words))]);
      if (i + 1 < n && rng_chance (rng, 0.06))
        g_string_append_c (str, ',');
    }
  g_string_append_c (str, '.');
}

static char *
make_sentences (Rng   *rng,
                guint  min_sentences,
                guint  max_sentences)
{
  GString *str = g_string_new (NULL);
  guint n = min_sentences + rng_below (rng, max_sentences - min_sentences + 1);

  for (guint i = 0; i < n; i++)
    append_sentence (str, rng, 6, 18);

  return g_string_free (str, FALSE);
}

static char *
make_title (Rng *rng)
{
  GString *str = g_string_new (PICK (rng, subjects));

  g_string_append_c (str, ' ');
  g_string_append (str, PICK (rng, verbs));
  g_string_append_c (str, ' ');
  g_string_append (str, PICK (rng, objects));
  if (rng_chance (rng, 0.5))
    {
      g_string_append (str, " in ");
      g_string_append (str, PICK (rng, places));
    }
  if (rng_chance (rng, 0.03))
    g_string_append (str, " (“update”)");

  return g_string_free (str, FALSE);
}

/* Lowercase ASCII words joined by '-', at most @max_words of them. */
static void
append_slug (GString    *str,
             const char *text,
             guint       max_words)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  gboolean dash = FALSE;
  guint n_words = 0;

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash)
            {
              if (++n_words >= max_words)
                return;
              g_string_append_c (str, '-');
              dash = FALSE;
            }
          g_string_append_c (str, g_ascii_tolower (*p));
        }
      else if (str->len > 0 && str->str[str->len - 1] != '-')
        {
          dash = TRUE;
        }
    }
}

/* Actors: people, then organisations. */
static void
actor_name (guint    i,
            GString *str)
{
  g_string_truncate (str, 0);

  if (i % 5 == 4)
    {
      g_string_append (str, organisations[(i / 5) % G_N_ELEMENTS (organisations)]);
      if (i / 5 >= G_N_ELEMENTS (organisations))
        g_string_append_printf (str, " of %s", places[(i / 5) % G_N_ELEMENTS (places)]);
    }
  else
    {
      g_string_append (str, given_names[(i * 7) % G_N_ELEMENTS (given_names)]);
      g_string_append_c (str, ' ');
      g_string_append (str, surnames[(i * 11 + i / 13) % G_N_ELEMENTS (surnames)]);
    }
}

static void
actor_id (guint    i,
          GString *str)
{
  g_autoptr(GString) name = g_string_new (NULL);

  actor_name (i, name);
  g_string_truncate (str, 0);
  append_slug (str, name->str, 6);
  g_string_append_printf (str, "-%u", i);
}

static void
tag_name (guint    i,
          GString *str)
{
  guint base = i % G_N_ELEMENTS (tag_words);
  guint qualifier = i / G_N_ELEMENTS (tag_words);

  g_string_assign (str, tag_words[base]);
  if (qualifier > 0)
    g_string_append_printf (str, "-%s", tag_qualifiers[qualifier - 1]);
}

/* Times */

typedef struct
{
  gint64 center;     /* civil seconds */
  gint64 half;
  double weight;
} Burst;

typedef struct
{
  ChronicleTime start;     /* for sorting, as the loader reads it */
  gint64        civil;     /* civil seconds of the start, truncated */
  gint64        civil_end; /* G_MININT64 for a point event */
  guint32       index;     /* the order of generation: seeds the content */
  guint8        precision;
  guint8        zulu;
} EventTime;

/* Days and the seconds into the day, flooring: civil seconds before 1970
 * are negative. */
static inline gint64
civil_days (gint64 civil)
{
  return civil >= 0 ? civil / 86400 : -((-civil + 86399) / 86400);
}

static gint64
civil_seconds (gint64 year,
               int    month,
               int    day)
{
  return chronicle_days_from_civil (year, month, day) * 86400;
}

static void
make_bursts (guint64  seed,
             Burst   *bursts)
{
  gint64 first = civil_seconds (FIRST_YEAR, 1, 1) + 60 * 86400;
  gint64 last = civil_seconds (END_YEAR, 1, 1) - 60 * 86400;
  double total = 0;
  Rng rng;

  rng_init (&rng, seed, 1);

  for (guint i = 0; i < N_BURSTS; i++)
    {
      bursts[i].center = first + (gint64) (rng_unit (&rng) * (last - first));
      bursts[i].half = 86400 + (gint64) (rng_unit (&rng) * 20 * 86400);
      bursts[i].weight = 0.5 + 1.5 * rng_unit (&rng);
      total += bursts[i].weight;
    }

  for (guint i = 0; i < N_BURSTS; i++)
    bursts[i].weight /= total;
}

gint64
chronicle_bench_busiest_instant (guint64 seed)
{
  Burst bursts[N_BURSTS];
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (CHRONICLE_BENCH_TIMEZONE);
  double best = 0;
  guint busiest = 0;
  gint64 days;
  int seconds;
  gint64 year;
  int month, day;
  g_autoptr(GDateTime) dt = NULL;

  make_bursts (seed, bursts);
  for (guint i = 0; i < N_BURSTS; i++)
    {
      double density = bursts[i].weight / bursts[i].half;

      if (density > best)
        {
          best = density;
          busiest = i;
        }
    }

  days = civil_days (bursts[busiest].center);
  chronicle_civil_from_days (days, &year, &month, &day);
  seconds = bursts[busiest].center - days * 86400;
  dt = g_date_time_new (tz, (int) year, month, day, seconds / 3600, seconds / 60 % 60, 0);
  if (dt == NULL)
    return bursts[busiest].center;

  return g_date_time_to_unix (dt);
}

static ChronicleTimePrecision
pick_precision (Rng      *rng,
                gboolean  in_burst)
{
  double u = rng_unit (rng);

  if (in_burst)
    return u < 0.05 ? CHRONICLE_TIME_PRECISION_DAY
         : u < 0.90 ? CHRONICLE_TIME_PRECISION_MINUTE
         : CHRONICLE_TIME_PRECISION_SECOND;

  return u < 0.04 ? CHRONICLE_TIME_PRECISION_YEAR
       : u < 0.12 ? CHRONICLE_TIME_PRECISION_MONTH
       : u < 0.70 ? CHRONICLE_TIME_PRECISION_DAY
       : u < 0.95 ? CHRONICLE_TIME_PRECISION_MINUTE
       : CHRONICLE_TIME_PRECISION_SECOND;
}

/* Truncates civil seconds to @precision. */
static gint64
truncate_civil (gint64 civil,
                guint  precision)
{
  gint64 days = civil_days (civil);
  gint64 seconds = civil - days * 86400;
  gint64 year;
  int month, day;

  chronicle_civil_from_days (days, &year, &month, &day);

  switch ((ChronicleTimePrecision) precision)
    {
    case CHRONICLE_TIME_PRECISION_YEAR:
      return civil_seconds (year, 1, 1);
    case CHRONICLE_TIME_PRECISION_MONTH:
      return civil_seconds (year, month, 1);
    case CHRONICLE_TIME_PRECISION_DAY:
      return days * 86400;
    case CHRONICLE_TIME_PRECISION_MINUTE:
      return days * 86400 + seconds - seconds % 60;
    case CHRONICLE_TIME_PRECISION_SECOND:
    default:
      return civil;
    }
}

/* Writes @civil at @precision into @buffer (at least 32 bytes). */
static void
format_civil (char   *buffer,
              gint64  civil,
              guint   precision,
              gboolean zulu)
{
  gint64 days = civil_days (civil);
  int seconds = (int) (civil - days * 86400);
  gint64 year;
  int month, day;

  chronicle_civil_from_days (days, &year, &month, &day);

  switch ((ChronicleTimePrecision) precision)
    {
    case CHRONICLE_TIME_PRECISION_YEAR:
      g_snprintf (buffer, 32, "%04d", (int) year);
      break;
    case CHRONICLE_TIME_PRECISION_MONTH:
      g_snprintf (buffer, 32, "%04d-%02d", (int) year, month);
      break;
    case CHRONICLE_TIME_PRECISION_DAY:
      g_snprintf (buffer, 32, "%04d-%02d-%02d", (int) year, month, day);
      break;
    case CHRONICLE_TIME_PRECISION_MINUTE:
      g_snprintf (buffer, 32, "%04d-%02d-%02dT%02d:%02d%s", (int) year, month, day,
                  seconds / 3600, seconds / 60 % 60, zulu ? "Z" : "");
      break;
    case CHRONICLE_TIME_PRECISION_SECOND:
    default:
      g_snprintf (buffer, 32, "%04d-%02d-%02dT%02d:%02d:%02d%s", (int) year, month, day,
                  seconds / 3600, seconds / 60 % 60, seconds % 60, zulu ? "Z" : "");
      break;
    }
}

static int
compare_event_times (gconstpointer a,
                     gconstpointer b)
{
  const EventTime *ta = a;
  const EventTime *tb = b;

  if (ta->start.instant != tb->start.instant)
    return ta->start.instant < tb->start.instant ? -1 : 1;
  if (ta->start.precision != tb->start.precision)
    return ta->start.precision < tb->start.precision ? -1 : 1;
  return ta->index < tb->index ? -1 : ta->index > tb->index;
}

static EventTime *
make_times (guint      n_events,
            guint64    seed,
            GTimeZone *tz)
{
  Burst bursts[N_BURSTS];
  EventTime *times = g_new0 (EventTime, MAX (n_events, 1));
  gint64 first = civil_seconds (FIRST_YEAR, 1, 1);
  gint64 last = civil_seconds (END_YEAR, 1, 1) - 1;
  double cumulative[N_BURSTS];
  double sum = 0;
  Rng rng;

  make_bursts (seed, bursts);
  for (guint i = 0; i < N_BURSTS; i++)
    cumulative[i] = (sum += bursts[i].weight);

  rng_init (&rng, seed, 2);

  for (guint i = 0; i < n_events; i++)
    {
      EventTime *t = &times[i];
      gboolean in_burst = rng_chance (&rng, BURST_SHARE);
      gint64 civil;
      char text[32];

      if (in_burst)
        {
          double u = rng_unit (&rng);
          guint b = 0;
          double offset;

          while (b + 1 < N_BURSTS && u >= cumulative[b])
            b++;

          /* Busier in the middle: the mean of two uniforms. */
          offset = (rng_unit (&rng) + rng_unit (&rng) - 1.0) * bursts[b].half;
          civil = bursts[b].center + (gint64) offset;
        }
      else
        {
          /* More events in recent decades. */
          civil = first + (gint64) (sqrt (rng_unit (&rng)) * (last - first));
        }

      t->index = i;
      t->precision = pick_precision (&rng, in_burst);
      t->zulu = t->precision >= CHRONICLE_TIME_PRECISION_MINUTE && rng_chance (&rng, 0.05);
      t->civil = truncate_civil (CLAMP (civil, first, last), t->precision);
      t->civil_end = G_MININT64;

      if (rng_chance (&rng, RANGE_SHARE))
        {
          /* From an hour to five years, evenly on a log scale. */
          double duration = exp (log (3600.0) + rng_unit (&rng) * (log (5 * 365.0 * 86400) -
                                                                   log (3600.0)));

          t->civil_end = truncate_civil (MIN (t->civil + (gint64) duration, last),
                                         t->precision);
        }

      format_civil (text, t->civil, t->precision, t->zulu);
      if (!chronicle_time_parse (text, tz, &t->start, NULL))
        g_error ("The generator wrote a time it cannot read: %s", text);
    }

  qsort (times, n_events, sizeof (EventTime), compare_event_times);

  return times;
}

/* The document */

static void
write_header (Out *out)
{
  g_autoptr(GString) str = g_string_new (NULL);
  gboolean first = TRUE;
  gboolean first_item;

  out_string_member (out, "format", "chronicle-timeline", 2, &first);
  out_key (out, "version", 2, &first);
  g_string_append (out->buffer, "1");
  out_string_member (out, "title", "A synthetic chronicle of public life, 1950–2025", 2, &first);
  out_string_member (out, "description",
                     "Generated for Chronicle’s benchmark: elections, protests, court rulings, "
                     "disasters and treaties over seventy-five years, with dense bursts where "
                     "news came by the minute.",
                     2, &first);
  out_string_member (out, "timezone", CHRONICLE_BENCH_TIMEZONE, 2, &first);

  out_key (out, "kinds", 2, &first);
  first_item = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gboolean first_member = TRUE;

      if (kinds[i].label == NULL)
        continue;

      g_string_append (out->buffer, first_item ? "[\n" : ",\n");
      first_item = FALSE;
      out_indent (out, 4);
      out_string_member (out, "id", kinds[i].id, 6, &first_member);
      out_string_member (out, "label", kinds[i].label, 6, &first_member);
      out_string_member (out, "color", kinds[i].color, 6, &first_member);
      out_string_member (out, "icon", kinds[i].icon, 6, &first_member);
      out_close (out, '}', 4);
    }
  out_close (out, ']', 2);

  out_key (out, "actors", 2, &first);
  for (guint i = 0; i < N_ACTORS; i++)
    {
      g_autoptr(GString) name = g_string_new (NULL);
      gboolean first_member = TRUE;

      g_string_append (out->buffer, i == 0 ? "[\n" : ",\n");
      out_indent (out, 4);
      actor_id (i, str);
      out_string_member (out, "id", str->str, 6, &first_member);
      actor_name (i, name);
      out_string_member (out, "name", name->str, 6, &first_member);
      if (i % 5 != 4)
        out_string_member (out, "role", roles[i % G_N_ELEMENTS (roles)], 6, &first_member);
      out_close (out, '}', 4);
    }
  out_close (out, ']', 2);

  out_key (out, "eras", 2, &first);
  for (guint i = 0; i < G_N_ELEMENTS (eras); i++)
    {
      gboolean first_member = TRUE;

      g_string_append (out->buffer, i == 0 ? "[\n" : ",\n");
      out_indent (out, 4);
      out_string_member (out, "title", eras[i].title, 6, &first_member);
      out_string_member (out, "start", eras[i].start, 6, &first_member);
      out_string_member (out, "end", eras[i].end, 6, &first_member);
      if (eras[i].color != NULL)
        out_string_member (out, "color", eras[i].color, 6, &first_member);
      out_close (out, '}', 4);
    }
  out_close (out, ']', 2);

  /* Three views, as the writer orders their members. */
  g_string_append (out->buffer,
                   ",\n"
                   "  \"views\": [\n"
                   "    {\n"
                   "      \"id\": \"protests\",\n"
                   "      \"title\": \"Protests and elections\",\n"
                   "      \"filter\": {\n"
                   "        \"kinds\": [\n"
                   "          \"protest\",\n"
                   "          \"election\"\n"
                   "        ]\n"
                   "      },\n"
                   "      \"group_by\": \"kind\"\n"
                   "    },\n"
                   "    {\n"
                   "      \"id\": \"planned\",\n"
                   "      \"title\": \"What was planned\",\n"
                   "      \"filter\": {\n"
                   "        \"statuses\": [\n"
                   "          \"planned\",\n"
                   "          \"cancelled\"\n"
                   "        ]\n"
                   "      },\n"
                   "      \"group_by\": \"status\"\n"
                   "    },\n"
                   "    {\n"
                   "      \"id\": \"nineties\",\n"
                   "      \"title\": \"The 1990s\",\n"
                   "      \"filter\": {\n"
                   "        \"from\": \"1990\",\n"
                   "        \"to\": \"1999\"\n"
                   "      },\n"
                   "      \"group_by\": \"actor\",\n"
                   "      \"window\": {\n"
                   "        \"from\": \"1990\",\n"
                   "        \"to\": \"1999\"\n"
                   "      }\n"
                   "    }\n"
                   "  ]");
}

static const char *
pick_kind (Rng *rng)
{
  guint total = 0;
  guint u;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    total += kinds[i].weight;

  u = rng_below (rng, total);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (u < kinds[i].weight)
        return kinds[i].id;
      u -= kinds[i].weight;
    }

  return "other";
}

static void
write_event (Out             *out,
             const EventTime *t,
             guint64          seed)
{
  g_autofree char *title = NULL;
  g_autoptr(GString) str = g_string_new (NULL);
  gboolean first = TRUE;
  double u;
  char start[32];
  Rng rng;

  /* Each event from its own stream, so that sorting does not change it. */
  rng_init (&rng, seed, G_GUINT64_CONSTANT (0x100000000) + t->index);
  title = make_title (&rng);

  out_indent (out, 4);

  if (!rng_chance (&rng, NO_ID_SHARE))
    {
      append_slug (str, title, 4);
      g_string_append_printf (str, "-%x", t->index);
      out_string_member (out, "id", str->str, 6, &first);
    }

  out_string_member (out, "title", title, 6, &first);
  out_string_member (out, "kind", pick_kind (&rng), 6, &first);

  u = rng_unit (&rng);
  if (u >= 0.76)
    out_string_member (out, "status",
                       u < 0.86 ? "planned" : u < 0.95 ? "reported" : "cancelled",
                       6, &first);

  format_civil (start, t->civil, t->precision, t->zulu);
  out_string_member (out, "start", start, 6, &first);

  if (t->civil_end != G_MININT64)
    {
      char end[32];

      format_civil (end, t->civil_end, t->precision, t->zulu);
      out_string_member (out, "end", end, 6, &first);
    }

  if (rng_chance (&rng, 0.06))
    {
      out_key (out, "approximate", 6, &first);
      g_string_append (out->buffer, "true");
    }

  if (rng_chance (&rng, 0.75))
    {
      g_autofree char *summary = make_sentences (&rng, 1, 2);

      out_string_member (out, "summary", summary, 6, &first);
    }

  if (rng_chance (&rng, 0.20))
    {
      g_autofree char *description = make_sentences (&rng, 2, 5);

      out_string_member (out, "description", description, 6, &first);
    }

  if (rng_chance (&rng, 0.60))
    {
      guint n = 1 + rng_below (&rng, 3);
      g_auto(GStrv) actors = g_new0 (char *, n + 1);
      guint n_distinct = 0;

      for (guint i = 0; i < n; i++)
        {
          guint actor = rng_zipf (&rng, N_ACTORS);

          if (rng_chance (&rng, 0.8))
            actor_id (actor, str);
          else
            actor_name (actor + N_ACTORS, str);
          if (!g_strv_contains ((const char * const *) actors, str->str))
            actors[n_distinct++] = g_strdup (str->str);
        }
      out_string_array_member (out, "actors", (const char * const *) actors, n_distinct, 6,
                               &first);
    }

  if (rng_chance (&rng, 0.40))
    out_string_member (out, "location", PICK (&rng, places), 6, &first);

  if (rng_chance (&rng, 0.04))
    {
      g_autofree char *text = make_sentences (&rng, 1, 1);
      gboolean first_member = TRUE;

      out_key (out, "quotes", 6, &first);
      g_string_append (out->buffer, "[\n");
      out_indent (out, 8);
      out_string_member (out, "text", text, 10, &first_member);
      actor_id (rng_zipf (&rng, N_ACTORS), str);
      out_string_member (out, "speaker", str->str, 10, &first_member);
      if (rng_chance (&rng, 0.5))
        out_string_member (out, "source", PICK (&rng, publishers), 10, &first_member);
      out_close (out, '}', 8);
      out_close (out, ']', 6);
    }

  if (rng_chance (&rng, 0.15))
    {
      guint n = 1 + rng_below (&rng, 2);

      out_key (out, "sources", 6, &first);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *source_title = make_title (&rng);
          const char *publisher = PICK (&rng, publishers);
          gboolean first_member = TRUE;
          char date[32];

          g_string_append (out->buffer, i == 0 ? "[\n" : ",\n");
          out_indent (out, 8);
          out_string_member (out, "title", source_title, 10, &first_member);
          out_string_member (out, "publisher", publisher, 10, &first_member);
          g_string_truncate (str, 0);
          g_string_append (str, "https://news.example.org/");
          append_slug (str, publisher, 3);
          g_string_append_c (str, '/');
          append_slug (str, source_title, 8);
          out_string_member (out, "url", str->str, 10, &first_member);
          format_civil (date, t->civil, CHRONICLE_TIME_PRECISION_DAY, FALSE);
          out_string_member (out, "date", date, 10, &first_member);
          out_close (out, '}', 8);
        }
      out_close (out, ']', 6);
    }

  if (rng_chance (&rng, 0.70))
    {
      guint n = 1 + rng_below (&rng, 4);
      g_auto(GStrv) tags = g_new0 (char *, n + 1);
      guint n_distinct = 0;

      for (guint i = 0; i < n; i++)
        {
          tag_name (rng_zipf (&rng, N_TAGS), str);
          if (!g_strv_contains ((const char * const *) tags, str->str))
            tags[n_distinct++] = g_strdup (str->str);
        }
      out_string_array_member (out, "tags", (const char * const *) tags, n_distinct, 6, &first);
    }

  out_close (out, '}', 4);
}

static gboolean
generate (Out     *out,
          guint    n_events,
          guint64  seed)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (CHRONICLE_BENCH_TIMEZONE);
  g_autofree EventTime *times = NULL;

  if (tz == NULL)
    tz = g_time_zone_new_utc ();

  times = make_times (n_events, seed, tz);

  write_header (out);

  g_string_append (out->buffer, ",\n  \"events\": ");
  if (n_events == 0)
    g_string_append (out->buffer, "[]");

  for (guint i = 0; i < n_events; i++)
    {
      g_string_append (out->buffer, i == 0 ? "[\n" : ",\n");
      write_event (out, &times[i], seed);
      out_maybe_flush (out);
    }
  if (n_events > 0)
    out_close (out, ']', 2);

  g_string_append (out->buffer, "\n}\n");
  out_flush (out);

  return out->saved_errno == 0;
}

GBytes *
chronicle_bench_generate_bytes (guint   n_events,
                                guint64 seed)
{
  Out out = { g_string_new (NULL), NULL, 0 };

  generate (&out, n_events, seed);

  return g_string_free_to_bytes (out.buffer);
}

gboolean
chronicle_bench_generate_file (const char  *path,
                               guint        n_events,
                               guint64      seed,
                               GError     **error)
{
  g_autofree char *tmp_path = g_strdup_printf ("%s.tmp", path);
  Out out = { g_string_sized_new (FLUSH_SIZE + 65536), NULL, 0 };
  gboolean ok;

  out.file = g_fopen (tmp_path, "wb");
  if (out.file == NULL)
    {
      int saved_errno = errno;

      g_string_free (out.buffer, TRUE);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Cannot write %s: %s", tmp_path, g_strerror (saved_errno));
      return FALSE;
    }

  ok = generate (&out, n_events, seed);
  g_string_free (out.buffer, TRUE);

  if (fclose (out.file) != 0 && ok)
    {
      out.saved_errno = errno;
      ok = FALSE;
    }

  if (ok && g_rename (tmp_path, path) != 0)
    {
      out.saved_errno = errno;
      ok = FALSE;
    }

  if (!ok)
    {
      g_unlink (tmp_path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (out.saved_errno),
                   "Cannot write %s: %s", path, g_strerror (out.saved_errno));
    }

  return ok;
}
