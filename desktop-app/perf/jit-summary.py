#!/usr/bin/env python3
"""Summarises the JIT's compilations in a JFR recording made with desktop-app/perf/jit.jfc.

  desktop-app/perf/jit-summary.py RECORDING.jfr [N]

Prints C2's and C1's total compile time, the N (default 8) longest C2 compilations with when they
started (seconds after the first compilation), and C2's compile time per 20 s (docs/benchmarks.md,
"Keystroke pass 10"). Needs `jfr` (the JDK's) on the PATH.
"""
import re,sys,subprocess,collections
f=sys.argv[1]
txt=subprocess.run(['jfr','print','--events','jdk.Compilation',f],capture_output=True,text=True).stdout
ev=[]
def hms(s):
    h,m,x=s.split(':'); return int(h)*3600+int(m)*60+float(x)
for b in txt.split('jdk.Compilation {')[1:]:
    d=dict(re.findall(r'^\s+(\w+) = (.*)$',b,re.M))
    dur=d['duration']; v=float(dur.split()[0]); unit=dur.split()[1]
    ms=v*1000 if unit=='s' else (v/1000 if unit=='us' else v)
    ev.append((d['compiler'],ms,d['method'],hms(d['startTime'].split()[0])))
c2=[e for e in ev if e[0]=='"c2"']
t0=min(e[3] for e in ev)
print('C2: %d compiles, %.1f s; C1: %.1f s'%(len(c2),sum(e[1] for e in c2)/1000,sum(e[1] for e in ev if e[0]=='"c1"')/1000))
for e in sorted(c2,key=lambda e:-e[1])[:int(sys.argv[2]) if len(sys.argv)>2 else 8]: print('  %7.0f ms at %5.0f s %s'%(e[1],e[3]-t0,e[2][:110]))
tl=collections.Counter()
for e in c2: tl[int((e[3]-t0)//20)]+=e[1]
print('  C2 s per 20 s from first compile:',' '.join('%.1f'%(tl[k]/1000) for k in range(max(tl)+1)))
