#!/usr/bin/python3
# test-e2e.py
#
# Copyright 2026 The Chronicle authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Launches the real `chronicle` binary on the display the suite runs on and
# uses it as a person would: real key presses and clicks (xdotool), and what
# a screen reader sees (AT-SPI) to check what it shows. Prints TAP.
#
# Needs a display and a session bus (build-aux/xvfb-wrap gives both) and
# /usr/bin/python3 with gir1.2-atspi-2.0; skips otherwise.

import os
import shutil
import subprocess
import sys
import time
import warnings

# PyGObject flags libatspi's *_iface getters as deprecated; they are the
# current API in libatspi 2.46.
warnings.filterwarnings('ignore', category=DeprecationWarning)

plan = []


def skip_all(reason):
    print('1..0 # SKIP ' + reason)
    sys.exit(0)


if not os.environ.get('DISPLAY'):
    skip_all('no display')
if not os.environ.get('DBUS_SESSION_BUS_ADDRESS'):
    skip_all('no session bus')
if shutil.which('xdotool') is None:
    skip_all('xdotool is not installed')

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError):
    skip_all('AT-SPI bindings are not installed')

binary = os.environ['CHRONICLE_BINARY']
srcdir = os.environ['G_TEST_SRCDIR']
bundled = os.path.join(srcdir, '..', 'data', 'timelines', 'chicago-2025.json')

results = []


def check(ok, description, detail=None):
    results.append((bool(ok), description, detail))


def wait_for(predicate, timeout=15.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except gi.repository.GLib.Error:
            value = None
        if value:
            return value
        time.sleep(interval)
    return None


def walk(node, depth=0):
    if node is None or depth > 40:
        return
    yield node
    for i in range(node.get_child_count()):
        yield from walk(node.get_child_at_index(i), depth + 1)


def text_of(node):
    iface = node.get_text_iface()
    if iface is None:
        return node.get_name() or ''
    return iface.get_text(0, iface.get_character_count())


def find(root, predicate):
    for node in walk(root):
        try:
            if predicate(node):
                return node
        except gi.repository.GLib.Error:
            continue
    return None


def find_app(pid):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_process_id() == pid and app.get_child_count() > 0:
            return app
    return None


def xdotool(*args):
    subprocess.run(['xdotool', *args], check=False, timeout=20,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def list_events():
    # What `chronicle --list` says is the order a person walks with Right.
    out = subprocess.run([binary, '--list', bundled], check=True, capture_output=True,
                         text=True, env=dict(os.environ, LC_ALL='C.UTF-8')).stdout
    return [line.split('\t') for line in out.splitlines()]


def main():
    events = list_events()
    env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='', GTK_A11Y='atspi')
    env.pop('NO_AT_BRIDGE', None)
    proc = subprocess.Popen([binary], env=env)
    try:
        run(proc, events)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    check(proc.returncode in (0, -15), 'chronicle exits cleanly when asked to',
          'exit status {}'.format(proc.returncode))


def run(proc, events):
    app = wait_for(lambda: find_app(proc.pid), timeout=30)
    check(app is not None, 'the window appears on the accessibility bus')
    if app is None:
        return

    title = events and 'Chicago and the federal immigration deployment, August 2025'
    frame = wait_for(lambda: find(app, lambda n: n.get_role() == Atspi.Role.FRAME
                                  and n.get_name() == title))
    check(frame is not None, 'the window opens on the bundled timeline, titled by it')
    if frame is None:
        return

    timeline = wait_for(lambda: find(frame, lambda n: n.get_name() == 'Timeline'
                                     and n.get_role() != Atspi.Role.LABEL
                                     and n.get_component_iface() is not None
                                     and n.get_component_iface().get_extents(
                                         Atspi.CoordType.WINDOW).width > 0))
    check(timeline is not None, 'the timeline is exposed as "Timeline"')
    if timeline is None:
        return

    window_id = wait_for(lambda: subprocess.run(
        ['xdotool', 'search', '--onlyvisible', '--pid', str(proc.pid)],
        capture_output=True, text=True).stdout.split())
    check(window_id, 'the window is mapped on the X display')
    if not window_id:
        return
    window_id = window_id[0]

    # Click an empty spot of the timeline (its lower left corner) to give it
    # the keyboard focus, as a person would, then walk with the keys.
    extents = timeline.get_component_iface().get_extents(Atspi.CoordType.WINDOW)
    x = extents.x + 8
    y = extents.y + extents.height - 8
    xdotool('mousemove', '--window', window_id, str(x), str(y))
    xdotool('click', '1')
    time.sleep(0.5)

    def described(expected_title):
        description = timeline.get_description() or ''
        return expected_title in description and description

    def detail_title(expected_title):
        return find(frame, lambda n: n.get_role() == Atspi.Role.LABEL
                    and text_of(n) == expected_title
                    and n.get_parent() is not None)

    xdotool('key', '--window', window_id, 'Home')
    first = events[0][5]
    check(wait_for(lambda: described(first), timeout=5),
          'Home selects the first event; the timeline tells the screen reader',
          'description: {!r}'.format(timeline.get_description()))

    xdotool('key', '--window', window_id, 'Right')
    xdotool('key', '--window', window_id, 'Right')
    third = events[2][5]
    check(wait_for(lambda: described(third), timeout=5),
          'Right twice walks to the third event in time order',
          'description: {!r}, expected {!r}'.format(timeline.get_description(), third))
    check(wait_for(lambda: detail_title(third), timeout=5),
          'the detail panel shows the selected event\'s title')

    xdotool('key', '--window', window_id, 'End')
    last = events[-1][5]
    check(wait_for(lambda: described(last), timeout=5),
          'End selects the last event',
          'description: {!r}'.format(timeline.get_description()))
    check(wait_for(lambda: detail_title(last), timeout=5),
          'the detail panel follows the keyboard')

    xdotool('key', '--window', window_id, 'Left')
    before_last = events[-2][5]
    check(wait_for(lambda: described(before_last), timeout=5),
          'Left goes back one event in time')

    # The event list is the same selection: one row per event.
    event_list = find(frame, lambda n: n.get_role() == Atspi.Role.LIST and n.get_name() == 'Events')
    check(event_list is not None and event_list.get_child_count() == len(events),
          'the event list has one row per event',
          'rows: {}'.format(event_list.get_child_count() if event_list else None))

    # Single instance: a second launch hands its file to the running
    # Chronicle, which opens it in a new window, and exits at once.
    other = os.path.join(srcdir, 'data', 'cli-small.json')
    env = dict(os.environ, LC_ALL='C.UTF-8', LANGUAGE='', GTK_A11Y='atspi')
    env.pop('NO_AT_BRIDGE', None)
    second = subprocess.run([binary, other], env=env, timeout=30,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    check(second.returncode == 0, 'a second launch with a file exits successfully',
          'exit status {}'.format(second.returncode))
    new_frame = wait_for(lambda: find(app, lambda n: n.get_role() == Atspi.Role.FRAME
                                      and n.get_name() == 'Command-line test'))
    check(new_frame is not None, 'the running instance opens the file in a new window')
    check(find(app, lambda n: n.get_role() == Atspi.Role.FRAME and n.get_name() == title) is not None,
          'the first window keeps its timeline')


if __name__ == '__main__':
    try:
        main()
    except Exception as error:  # a crash of the test is a failure, not a skip
        check(False, 'the test ran to the end', repr(error))
    print('1..{}'.format(len(results)))
    for n, (ok, description, detail) in enumerate(results, start=1):
        print('{} {} - {}'.format('ok' if ok else 'not ok', n, description))
        if not ok and detail:
            print('# ' + str(detail))
    sys.exit(0 if all(ok for ok, _, _ in results) else 1)
