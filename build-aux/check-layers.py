#!/usr/bin/env python3
# check-layers.py
#
# Copyright 2026 The Chronicle authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Keeps the house layered: each source file may include only headers of its
# own layer or of the layers below it, the model and the view state never
# include GTK, and the headers have no include cycle. Prints TAP.
#
# Usage: check-layers.py SOURCE_DIR

import glob
import os
import re
import sys

# From the bottom up. A file not named here is in the top layer (widgets,
# window and application), which may include everything.
LAYERS = [
    ('model', {
        'chronicle-actor', 'chronicle-cache', 'chronicle-diagnostic', 'chronicle-era', 'chronicle-event',
        'chronicle-event-table',
        'chronicle-kind', 'chronicle-loader', 'chronicle-time', 'chronicle-timeline',
        'chronicle-view', 'chronicle-writer',
    }),
    ('view state', {
        'chronicle-bitset', 'chronicle-data-export', 'chronicle-event-filter',
        'chronicle-lane-layout', 'chronicle-search-index', 'chronicle-time-axis',
        'chronicle-view-state',
    }),
    ('drawing', {
        'chronicle-label-cache', 'chronicle-timeline-painter',
    }),
]
NO_GTK = {'model', 'view state'}

INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]', re.MULTILINE)


def module_of(path):
    name = os.path.basename(path).rsplit('.', 1)[0]
    return name[:-len('-private')] if name.endswith('-private') else name


def layer_of(module):
    for index, (name, modules) in enumerate(LAYERS):
        if module in modules:
            return index, name
    return len(LAYERS), 'widgets and application'


def main():
    srcdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'src')
    files = sorted(glob.glob(os.path.join(srcdir, 'chronicle-*.[ch]')))
    problems = []
    graph = {}

    for path in files:
        with open(path, encoding='utf-8') as f:
            text = f.read()
        module = module_of(path)
        level, layer = layer_of(module)
        local = []
        for kind, header in INCLUDE.findall(text):
            if kind == '<':
                if layer in NO_GTK and re.match(r'(gtk|gdk|gsk|adwaita)', header):
                    problems.append('{}: the {} layer includes <{}>'.format(
                        os.path.basename(path), layer, header))
                continue
            if not header.startswith('chronicle-'):
                continue
            local.append(header)
            other_level, other_layer = layer_of(module_of(header))
            if other_level > level:
                problems.append('{}: the {} layer includes {} from the {} layer above it'.format(
                    os.path.basename(path), layer, header, other_layer))
        if path.endswith('.h'):
            graph[os.path.basename(path)] = local

    # Include cycles among headers.
    state = {}

    def visit(node, stack):
        state[node] = 'open'
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 'open':
                problems.append('include cycle: ' + ' -> '.join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack)
        stack.pop()
        state[node] = 'done'

    for node in sorted(graph):
        if node not in state:
            visit(node, [])

    print('1..2')
    layering = [p for p in problems if not p.startswith('include cycle')]
    cycles = [p for p in problems if p.startswith('include cycle')]
    print('{} 1 - every file includes only its own layer and those below ({} files)'.format(
        'not ok' if layering else 'ok', len(files)))
    for p in layering:
        print('# ' + p)
    print('{} 2 - no include cycle among {} headers'.format('not ok' if cycles else 'ok', len(graph)))
    for p in cycles:
        print('# ' + p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
