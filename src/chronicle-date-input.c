/* chronicle-date-input.c
 *
 * Copyright 2026 The Chronicle authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "chronicle-date-input"

#include "config.h"

#include "chronicle-date-input.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

static const char * const english_months[] = {
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
};

typedef enum
{
  ERA_NONE,
  ERA_BCE,
  ERA_CE,
} Era;

/* Lower case without accents, for comparing names. */
static char *
fold (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autofree char *ascii = g_str_to_ascii (lower, NULL);

  return g_strdup (ascii);
}

/* A month name or abbreviation of at least three letters: a prefix of the
 * English name or of the locale's full name, or the locale's abbreviation
 * (with or without its dot). 1..12, or 0. */
static int
lookup_month (const char *token)
{
  gsize len = strlen (token);

  for (int month = 1; month <= 12; month++)
    {
      g_autofree char *name = fold (chronicle_month_name (month));
      g_autofree char *abbreviation = fold (chronicle_month_abbreviation (month));

      if (len >= 3 && g_str_has_prefix (english_months[month - 1], token))
        return month;
      if (len >= 3 && g_str_has_prefix (name, token))
        return month;

      g_strdelimit (abbreviation, ".", '\0');
      if (g_str_equal (abbreviation, token))
        return month;
    }

  return 0;
}

static int
days_in_month (gint64 year,
               int    month)
{
  return (int) (chronicle_days_from_civil (year, month + 1, 1) - chronicle_days_from_civil (year, month, 1));
}

static gboolean
parse_number (const char *token,
              gint64     *out)
{
  if (*token == '\0' || strlen (token) > 6)
    return FALSE;

  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;

  *out = g_ascii_strtoll (token, NULL, 10);
  return TRUE;
}

static void
set_invalid_error (GError     **error,
                   const char  *text)
{
  g_set_error (error, CHRONICLE_TIME_ERROR, CHRONICLE_TIME_ERROR_INVALID,
               /* Translators: %s is what the user typed */
               _("“%s” is not a date; try 2025-08-30, 30 August 2025, August 2025 or 44 BC"),
               text);
}

gboolean
chronicle_date_input_parse (const char     *text,
                            GTimeZone      *tz,
                            ChronicleTime  *out,
                            GError        **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *today = NULL;
  g_auto(GStrv) tokens = NULL;
  gint64 numbers[2] = { 0, 0 };
  guint n_numbers = 0;
  int month = 0;
  Era era = ERA_NONE;
  gint64 year;
  gint64 day = 0;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*stripped == '\0')
    {
      g_set_error (error, CHRONICLE_TIME_ERROR, CHRONICLE_TIME_ERROR_INVALID, _("Enter a date"));
      return FALSE;
    }

  if (chronicle_time_parse (stripped, tz, out, NULL))
    return TRUE;

  folded = fold (stripped);
  /* Translators: a word the date entries accept for the current day, lower case */
  today = fold (_("today"));
  if (g_str_equal (folded, "today") || g_str_equal (folded, today))
    {
      chronicle_time_init_from_instant (out, g_get_real_time () / G_USEC_PER_SEC,
                                        CHRONICLE_TIME_PRECISION_DAY, tz);
      return TRUE;
    }

  g_strdelimit (folded, ",./", ' ');
  tokens = g_strsplit_set (folded, " \t", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *token = tokens[i];
      gint64 number;
      int token_month;

      if (*token == '\0')
        continue;

      if (parse_number (token, &number))
        {
          if (n_numbers == G_N_ELEMENTS (numbers))
            goto invalid;
          numbers[n_numbers++] = number;
        }
      else if (g_str_equal (token, "bc") || g_str_equal (token, "bce"))
        {
          if (era != ERA_NONE)
            goto invalid;
          era = ERA_BCE;
        }
      else if (g_str_equal (token, "ad") || g_str_equal (token, "ce"))
        {
          if (era != ERA_NONE)
            goto invalid;
          era = ERA_CE;
        }
      else if ((token_month = lookup_month (token)) != 0)
        {
          if (month != 0)
            goto invalid;
          month = token_month;
        }
      else
        goto invalid;
    }

  if (n_numbers == 0)
    goto invalid;

  if (month == 0)
    {
      if (n_numbers != 1)
        goto invalid;
      year = numbers[0];
    }
  else if (n_numbers == 1)
    {
      year = numbers[0];
    }
  else
    {
      /* "30 August 2025" and "August 30, 2025" alike: the day comes first. */
      day = numbers[0];
      year = numbers[1];
    }

  if (era != ERA_NONE && year == 0)
    goto invalid;
  if (era == ERA_BCE)
    year = 1 - year;  /* 1 BC is year 0 */

  if (year < CHRONICLE_TIME_MIN_YEAR || year > CHRONICLE_TIME_MAX_YEAR)
    goto invalid;

  if (day != 0 && (day < 1 || day > days_in_month (year, month)))
    goto invalid;

  if (year >= 0 && year <= 9999)
    iso = g_strdup_printf ("%04" G_GINT64_FORMAT, year);
  else
    iso = g_strdup_printf ("%+05" G_GINT64_FORMAT, year);

  if (month != 0)
    {
      g_autofree char *date = g_strdup_printf ("%s-%02d", iso, month);

      g_free (iso);
      iso = g_steal_pointer (&date);
    }

  if (day != 0)
    {
      g_autofree char *date = g_strdup_printf ("%s-%02d", iso, (int) day);

      g_free (iso);
      iso = g_steal_pointer (&date);
    }

  if (chronicle_time_parse (iso, tz, out, NULL))
    return TRUE;

invalid:
  set_invalid_error (error, stripped);
  return FALSE;
}
