#!/usr/bin/env python3
"""Run the event-loop benchmarks in asynclab and CPython, same machine,
same run, and print medians and ratios.

Usage: python3 bench/loop_run.py BUILD/bench/loop_bench [--quick] [--trace-only]

Each program runs in its own process so that its peak RSS (from wait4's
rusage) is its own.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HARNESS = HERE.parent / "tests" / "harness" / "vclock.py"


def run(cmd):
    """Run cmd; return (its JSON line, peak RSS in MiB)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.stdout.close()
    if status != 0:
        sys.exit(f"loop_run: {' '.join(map(str, cmd))} failed")
    return json.loads(out.strip().splitlines()[-1]), usage.ru_maxrss / 1024


def main():
    exe = sys.argv[1]
    quick = "--quick" in sys.argv
    tasks, yields, many = (100, 100, 10000) if quick else (1000, 1000, 100000)
    py = [sys.executable, str(HARNESS), str(HERE / "loop_bench.py")]
    if "--trace-only" in sys.argv:
        trace_figures(exe, tasks, yields, many)
        return

    c_pp, _ = run([exe, "pingpong", str(tasks), str(yields)])
    py_pp, _ = run(py + ["case=pingpong", f"tasks={tasks}", f"yields={yields}"])
    print(f"sleep(0) ping-pong, {tasks} tasks x {yields} yields (ns per switch, median):")
    print(f"  asynclab {c_pp['ns_per_switch']:9.2f}   CPython {py_pp['ns_per_switch']:9.2f}"
          f"   ratio {py_pp['ns_per_switch'] / c_pp['ns_per_switch']:6.1f}x")

    c_many, c_rss = run([exe, "many", str(many)])
    py_many, py_rss = run(py + ["case=many", f"tasks={many}"])
    print(f"{many} tasks awaiting sleep(1), gathered, virtual clock:")
    print(f"  asynclab {c_many['wall_s']:7.3f} s {c_rss:7.1f} MiB   CPython {py_many['wall_s']:7.3f} s"
          f" {py_rss:7.1f} MiB   ratio {py_many['wall_s'] / c_many['wall_s']:5.1f}x time,"
          f" {py_rss / c_rss:4.1f}x memory")

    trace_figures(exe, tasks, yields, many)


def trace_figures(exe, tasks, yields, many):
    """The trace's four figures (bench/README.md): bytes and ns per
    recorded event, traced ping-pong against untraced, and peak RSS of
    the many-tasks run with the trace recorded."""
    small = max(tasks // 5, 1)
    off, _ = run([exe, "pingpong", str(small), str(yields)])
    on, _ = run([exe, "pingpong", str(small), str(yields), "trace"])
    per_event = (on["median_s"] - off["median_s"]) * 1e9 / on["events"]
    print(f"trace cost, {small} tasks x {yields} yields: off {off['ns_per_switch']:.2f} ns/switch,"
          f" on {on['ns_per_switch']:.2f} ns/switch ({on['ns_per_switch'] / off['ns_per_switch']:.1f}x),"
          f" {on['events']} events, {per_event:.2f} ns per recorded event,"
          f" {on['event_bytes'] / on['events']:.1f} bytes per event"
          f" (+ {on['actor_bytes'] / on['events']:.1f} for {on['actors']} actors)")
    if "cpu_median_s" in on:  # a loop_bench older than this script has no CPU times
        cpu_event = (on["cpu_median_s"] - off["cpu_median_s"]) * 1e9 / on["events"]
        print(f"  the same in CPU time (not counting waits for a core on a shared machine):"
              f" on/off {on['cpu_median_s'] / off['cpu_median_s']:.1f}x, {cpu_event:.2f} ns per recorded event")
    t_many, t_rss = run([exe, "many", str(many), "trace"])
    print(f"{many} sleeping tasks, traced: {t_many['wall_s']:.3f} s, {t_rss:.1f} MiB peak,"
          f" {t_many['events']} events, {t_many['event_bytes'] / t_many['events']:.1f} bytes per event"
          f" (+ {t_many['actor_bytes'] / t_many['events']:.1f} for {t_many['actors']} actors)")

if __name__ == "__main__":
    main()
