#!/usr/bin/env python3
"""Where the FX thread's time goes in a profiled keystroke-latency.sh run (docs/benchmarks.md,
"Keystroke pass 7", "Keystroke pass 8").

    WARMUP=200 flock /tmp/tandem-cpu.lock desktop-app/perf/keystroke-latency.sh /tmp/k/prof host \
        -Xms256m -XX:StartFlightRecording=settings=profile,filename=/tmp/k/prof.jfr
    desktop-app/perf/keystroke-profile.py /tmp/k/prof.jfr

Reads the recording's execution samples (`jfr print`, from $JAVA_HOME or the PATH) of the FX
thread (named "Thread-2" on the Headless platform) and counts them, each in the first category
below whose frame it contains: once for the samples inside the probe's keystrokes (the key's own
turn: its handling and the layout done in it), once for all of the thread's samples. A sample is
~10 ms of the thread running Java code (the profile settings; 2 ms with
`jdk.ExecutionSample#period=2ms` added to the recording's options); the whole run is counted
(document load and warm-up included). Then the CPU of the JVM's busiest threads over time (the
measured minute is the last ~60 s of the recording).
"""
import collections
import os
import re
import subprocess
import sys

THREAD = 'Thread-2'
# (name, frame substring): the first that matches a sample's stack names it.
KEY_PARTS = [
    ("probe's own bookkeeping (GC count, shown check: outside t0..t1)", 'KeystrokeLatencyProbe.gcCount'),
    ("probe's own bookkeeping (GC count, shown check: outside t0..t1)", 'KeystrokeLatencyProbe.shownLength'),
    ('hit tests: grapheme iterator over the paragraph (BreakIterator.setText)', 'BreakIterator.setText'),
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
    out = subprocess.run([jfr_tool(), 'print', '--events', 'jdk.ExecutionSample', '--stack-depth', '200', jfr_file],
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


def thread_cpu(jfr_file, cores):
    """The JVM's busiest threads, in cores, per ~10 s (JFR's jdk.ThreadCPULoad, a share of the machine)."""
    out = subprocess.run([jfr_tool(), 'print', '--events', 'jdk.ThreadCPULoad', jfr_file],
                         check=True, capture_output=True, text=True).stdout
    load = collections.defaultdict(dict)
    event = {}
    for line in out.splitlines():
        s = line.strip()
        if s.startswith('startTime'):
            event['time'] = s.split('=')[1].split()[0][:8]
        elif s.startswith('user') or s.startswith('system'):
            event[s.split()[0]] = float(s.split('=')[1].strip().rstrip('%')) / 100 * cores
        elif s.startswith('eventThread'):
            name = re.match(r'eventThread = "(.*?)"', s).group(1) or '(unnamed)'
            load[name][event['time']] = load[name].get(event['time'], 0) + event.get('user', 0) + event.get('system', 0)
            event = {}
    times = sorted({t for v in load.values() for t in v})
    busiest = sorted(load, key=lambda n: -sum(load[n].values()))[:8]
    print(f'threads of the app JVM, cores ({cores} = the whole machine), per ~10 s from {times[0] if times else "-"}:')
    for name in busiest:
        print(f'  {name[:28]:28s} ' + ' '.join(f'{load[name].get(t, 0):5.2f}' for t in times))


def jfr_tool():
    java_home = os.environ.get('JAVA_HOME')
    return os.path.join(java_home, 'bin', 'jfr') if java_home else 'jfr'


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    stacks = list(samples(sys.argv[1]))
    keys = [f for f in stacks if any('KeystrokeLatencyProbe.keystroke' in x for x in f)]
    table('FX thread inside the keystrokes', keys, KEY_PARTS)
    table('FX thread, all', stacks, THREAD_PARTS)
    thread_cpu(sys.argv[1], os.cpu_count())


if __name__ == '__main__':
    main()
