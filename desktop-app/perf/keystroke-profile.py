#!/usr/bin/env python3
"""Where the FX thread's time goes in a profiled keystroke-latency.sh run (docs/benchmarks.md,
"Keystroke pass 7").

    WARMUP=200 flock /tmp/tandem-cpu.lock desktop-app/perf/keystroke-latency.sh /tmp/k/prof host \
        -Xms256m -XX:StartFlightRecording=settings=profile,filename=/tmp/k/prof.jfr
    desktop-app/perf/keystroke-profile.py /tmp/k/prof.jfr

Reads the recording's execution samples (`jfr print`, from $JAVA_HOME or the PATH) of the FX
thread (named "Thread-2" on the Headless platform) and counts them, each in the first category
below whose frame it contains: once for the samples inside the probe's keystrokes (the key's own
turn: its handling and the layout done in it), once for all of the thread's samples. A sample is
~10 ms of the thread running Java code (the profile settings); the whole run is counted (document
load and warm-up included).
"""
import collections
import os
import re
import subprocess
import sys

THREAD = 'Thread-2'
# (name, frame substring): the first that matches a sample's stack names it.
KEY_PARTS = [
    ('RichTextFX line metrics (TextFlow.hitTest)', 'TextFlow.hitTest'),
    ('new paragraph cell (createCell)', 'GenericStyledArea.createCell'),
    ('cell sizes (SizeTracker)', 'SizeTracker'),
    ('cell list changes', 'ProperLiveList.fireModification'),
    ('caret bounds', 'getCaretBounds'),
    ('follow caret, other', 'followCaret'),
    ('virtual flow layout, other', 'VirtualFlow.layoutChildren'),
    ('area layout, other', 'GenericStyledArea.layoutChildren'),
    ('layout of the window around the editor', 'KeyTurnLayout.layOutNow'),
    ('the edit (area replace, bridge)', 'GenericStyledArea.replace'),
]
THREAD_PARTS = [
    ('keystrokes (their own turn)', 'KeystrokeLatencyProbe.keystroke'),
    ('remote changes applied and laid out', 'EditorBridge.flush'),
    ('pulse: remote cursors redrawn', 'RemoteCursors.redraw'),
    ('pulse: layout pass', 'Scene.doLayoutPass'),
    ('pulse: other (CSS, sync)', 'QuantumToolkit.pulse'),
    ('Headless platform pixel upload', 'uploadPixels'),
]


def samples(jfr_file):
    java_home = os.environ.get('JAVA_HOME')
    jfr = os.path.join(java_home, 'bin', 'jfr') if java_home else 'jfr'
    out = subprocess.run([jfr, 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '200', jfr_file],
                         check=True, capture_output=True, text=True).stdout
    thread, frames = None, None
    for line in out.splitlines():
        s = line.strip()
        if s.startswith('jdk.ExecutionSample'):
            if frames is not None and thread == THREAD:
                yield frames
            thread, frames = None, []
        elif s.startswith('sampledThread'):
            m = re.match(r'sampledThread = "(.*?)"', s)
            thread = m.group(1) if m else None
        elif frames is not None and 'line:' in s:
            frames.append(re.sub(r'\(.*', '', re.match(r'(.*?)\s+line:', s).group(1)))
    if frames is not None and thread == THREAD:
        yield frames


def table(title, stacks, parts):
    counts = collections.Counter()
    for f in stacks:
        name = next((n for n, sub in parts if any(sub in x for x in f)), 'other')
        counts[name] += 1
    total = len(stacks)
    print(f'{title}: {total} samples')
    for name, n in counts.most_common():
        print(f'  {100 * n / max(total, 1):5.1f} %  {n:5d}  {name}')


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    stacks = list(samples(sys.argv[1]))
    keys = [f for f in stacks if any('KeystrokeLatencyProbe.keystroke' in x for x in f)]
    table('FX thread inside the keystrokes', keys, KEY_PARTS)
    table('FX thread, all', stacks, THREAD_PARTS)


if __name__ == '__main__':
    main()
