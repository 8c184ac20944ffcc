#!/usr/bin/python3
# check-ics.py
#
# Copyright 2026 The Chronicle authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Parses an iCalendar file with a real parser (Debian's python3-icalendar)
# and prints what it understood as JSON, for test-data-export to compare
# with the events it exported:
#
#   {"version": …, "prodid": …, "calscale": …, "calname": …,
#    "events": [{"uid", "dtstamp", "dtstart", "dtend", "summary",
#                "description", "location", "url", "categories", "status",
#                "transp"}, …]}
#
# Dates are "DATE:YYYYMMDD", times "UTC:YYYYMMDDTHHMMSSZ" (any zone is
# converted to UTC), a floating time "FLOATING:YYYYMMDDTHHMMSS"; missing
# properties are null. Exits 77 (skip) without python3-icalendar, 1 when the
# file does not parse or the parser reports errors.

import datetime
import json
import sys

try:
    import icalendar
    from icalendar.prop import vText
except ImportError:
    sys.exit(77)


def format_date_value(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            prefix = 'FLOATING:'
        else:
            value = value.astimezone(datetime.timezone.utc)
            prefix = 'UTC:'
        suffix = 'Z' if prefix == 'UTC:' else ''
        return '%s%04d%02d%02dT%02d%02d%02d%s' % (prefix, value.year, value.month, value.day,
                                                  value.hour, value.minute, value.second, suffix)
    if isinstance(value, datetime.date):
        return 'DATE:%04d%02d%02d' % (value.year, value.month, value.day)
    raise ValueError('not a date: %r' % (value,))


def date_property(component, name):
    prop = component.get(name)
    if prop is None:
        return None
    return format_date_value(prop.dt)


def text_property(component, name):
    prop = component.get(name)
    if prop is None:
        return None
    if isinstance(prop, list):
        raise ValueError('%s appears more than once' % name)
    return str(prop)


def split_list(raw):
    # python3-icalendar 4.0.3 splits CATEGORIES at escaped commas too, so
    # the raw value is split here at unescaped commas only (RFC 5545
    # §3.8.1.2) and each part unescaped by the library.
    parts = []
    current = ''
    escaped = False
    for char in raw:
        if escaped:
            current += '\\' + char
            escaped = False
        elif char == '\\':
            escaped = True
        elif char == ',':
            parts.append(current)
            current = ''
        else:
            current += char
    parts.append(current)
    return [str(vText.from_ical(part)) for part in parts]


def raw_vevent_values(data):
    # CATEGORIES and UID of each VEVENT, from lines unfolded here (RFC 5545
    # §3.1). The library cannot give them as written: python3-icalendar
    # 4.0.3 uses "%2C", "%3A", "%3B" and "%5C" as placeholders for escaped
    # characters while it parses, so it turns those sequences in any value
    # into ",", ":", ";" and "\\", which garbles percent-encoded UIDs.
    result = []
    current = None
    unfolded = data.replace('\r\n ', '').replace('\r\n\t', '')
    for line in unfolded.split('\r\n'):
        name, _, value = line.partition(':')
        name = name.split(';')[0].upper()
        if name == 'BEGIN' and value.upper() == 'VEVENT':
            current = {'categories': [], 'uid': None}
        elif name == 'END' and value.upper() == 'VEVENT':
            result.append(current)
            current = None
        elif name == 'CATEGORIES' and current is not None:
            current['categories'].extend(split_list(value))
        elif name == 'UID' and current is not None:
            if current['uid'] is not None:
                raise ValueError('UID appears more than once')
            current['uid'] = value
    return result


def main():
    with open(sys.argv[1], 'rb') as f:
        data = f.read()

    text = data.decode('utf-8')
    calendar = icalendar.Calendar.from_ical(text)
    errors = list(calendar.errors)
    events = []
    raw_values = raw_vevent_values(text)

    for index, event in enumerate(calendar.walk('VEVENT')):
        errors.extend(event.errors)
        if text_property(event, 'UID') is None:
            errors.append('VEVENT %d has no UID' % index)
        events.append({
            'uid': raw_values[index]['uid'],
            'dtstamp': date_property(event, 'DTSTAMP'),
            'dtstart': date_property(event, 'DTSTART'),
            'dtend': date_property(event, 'DTEND'),
            'summary': text_property(event, 'SUMMARY'),
            'description': text_property(event, 'DESCRIPTION'),
            'location': text_property(event, 'LOCATION'),
            'url': text_property(event, 'URL'),
            'categories': raw_values[index]['categories'],
            'status': text_property(event, 'STATUS'),
            'transp': text_property(event, 'TRANSP'),
        })

    if errors:
        print('parse errors: %r' % (errors,), file=sys.stderr)
        return 1

    json.dump({
        'version': text_property(calendar, 'VERSION'),
        'prodid': text_property(calendar, 'PRODID'),
        'calscale': text_property(calendar, 'CALSCALE'),
        'calname': text_property(calendar, 'X-WR-CALNAME'),
        'events': events,
    }, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == '__main__':
    sys.exit(main())
