#!/usr/bin/python3
# validate-schema.py
#
# Copyright 2026 The Chronicle authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks that the timeline JSON Schema is itself a valid draft 2020-12
# schema, and that the bundled timelines and the good test files pass it.
# Files under tests/data/bad/ are meant to fail to load and are skipped.
# Other test files that are broken on purpose are named with
# --expect-invalid: for them the test checks that the schema rejects them.
#
# Usage: validate-schema.py [--expect-invalid FILE]... [SOURCE_ROOT]
# FILE is relative to SOURCE_ROOT (default: the directory above this
# script). Prints TAP, one line per file, and exits 1 when a file fails,
# 77 (skip) when python3-jsonschema is not installed.

import argparse
import glob
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print('1..0 # SKIP python3-jsonschema is not installed')
    sys.exit(77)


def load_json(path):
    # utf-8-sig: a leading byte order mark is allowed in timeline files.
    with open(path, encoding='utf-8-sig') as f:
        return json.load(f)


def main():
    parser = argparse.ArgumentParser(description='Validate timeline files against the JSON Schema.')
    parser.add_argument('--expect-invalid', action='append', default=[], metavar='FILE',
                        help='a file that the schema must reject (relative to SOURCE_ROOT)')
    parser.add_argument('root', nargs='?', metavar='SOURCE_ROOT',
                        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
    args = parser.parse_args()
    root = args.root
    expect_invalid = {os.path.normpath(f) for f in args.expect_invalid}

    schema_path = os.path.join(root, 'data', 'io.github.chronicle.Chronicle.schema.json')
    files = sorted(glob.glob(os.path.join(root, 'data', 'timelines', '*.json')))
    files += sorted(glob.glob(os.path.join(root, 'tests', 'data', '*.json')))

    print('1..{}'.format(len(files) + 1))

    try:
        schema = load_json(schema_path)
        jsonschema.Draft202012Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print('not ok 1 schema {}'.format(os.path.relpath(schema_path, root)))
        for line in str(e).splitlines():
            print('# ' + line)
        print('Bail out! the schema itself is not valid')
        return 1
    print('ok 1 schema {}'.format(os.path.relpath(schema_path, root)))

    missing = [f for f in expect_invalid if not os.path.exists(os.path.join(root, f))]
    if missing:
        print('Bail out! no such file: {}'.format(', '.join(sorted(missing))))
        return 1

    validator = jsonschema.Draft202012Validator(schema)
    failed = 0
    for n, path in enumerate(files, start=2):
        name = os.path.relpath(path, root)
        try:
            errors = sorted(validator.iter_errors(load_json(path)),
                            key=lambda e: list(e.absolute_path))
        except (OSError, ValueError) as e:
            errors = [e]
        if os.path.normpath(name) in expect_invalid:
            if errors:
                print('ok {} {} # rejected, as expected'.format(n, name))
            else:
                failed += 1
                print('not ok {} {} # expected the schema to reject it'.format(n, name))
            continue
        if not errors:
            print('ok {} {}'.format(n, name))
            continue
        failed += 1
        print('not ok {} {}'.format(n, name))
        for e in errors:
            if isinstance(e, jsonschema.exceptions.ValidationError):
                where = e.json_path
                print('# {}: {}'.format(where, e.message))
            else:
                print('# {}'.format(e))

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
