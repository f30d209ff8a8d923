#!/usr/bin/env python3
"""Run every scenario twice in C and once in CPython, and compare.

Usage: python3 run_scenarios.py --srcdir DIR PROGRAM...

Each PROGRAM is a built scenario, scenario-NAME; DIR holds NAME.py, its
twin.  For every scenario the C program runs with the trace off and with
it on (--trace), and the twin runs under CPython 3.11 on the virtual clock
(tests/harness/vclock.py).  The stdout and the exit status of all three
must be the same, and so must the order of task steps: (time, task,
coroutine) from the C trace against the step log vclock.py writes when
ASYNCLAB_STEPS is set (a second CPython run, since that log needs the
pure-Python Task), leaving out asyncio.run's own shutdown coroutines.  Every NAME.py in DIR must have a program and every
program a twin, so a scenario left out of meson.build fails the test.

KNOWN lists the scenarios that find a divergence of the runtime from
CPython that is not fixed yet.  They still run, and each prints a loud
banner, so that nobody can forget them; a known divergence that starts to
match prints a banner asking to take it off the list.

The last line is "N passed, N failed"; the exit status is 1 if any
scenario outside KNOWN differs.
"""

import argparse
import concurrent.futures
import difflib
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VCLOCK = os.path.join(HERE, "..", "harness", "vclock.py")
TIMEOUT = 30  # seconds for any one run; a scenario takes milliseconds

# Scenarios that differ from CPython today: name -> (owner, what differs).
# (Issue 9's divergences #1-#5 were listed here until rtfix's d41b8b2 fixed
# them: coro_await_twice, coro_await_self, future_misuse and
# timeout_cancel_subclass now match; priority_uncomparable matches since
# the heap raises TypeError instead of aborting, and coro_two_tasks since
# a pending future's await yields it again once a task has taken it.)
KNOWN = {}


def run(cmd, env=None):
    """(stdout, exit status, stderr) of cmd; a hang counts as status -9."""
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT,
                           errors="replace", env=env)
        return p.stdout, p.returncode, p.stderr
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout or b""
        if isinstance(out, bytes):
            out = out.decode("utf-8", "replace")
        return out, -9, f"timed out after {TIMEOUT} s"


def steps_of(path):
    """The task steps logged in path, without asyncio.run's shutdown."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line + "\n" for line in f.read().splitlines()
                if "\tBaseEventLoop." not in line]


def steps_differ(name, ours, theirs):
    """The task steps logged by C against CPython's: a report, or ''."""
    a, b = steps_of(theirs), steps_of(ours)
    if a == b:
        return ""
    return (f"--- {name}: task steps differ (time, task, coroutine)\n"
            + "".join(difflib.unified_diff(a, b, f"{name}.py steps (CPython)",
                                           f"{name}.c task_step events")))


def check(name, program, twin):
    """Run one scenario; return (name, list of problems, report text).

    Four runs: CPython plain and with its step log, C with the trace off,
    and C with the trace on, which also writes the C step log."""
    problems, report = [], []
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = os.path.join(tmp, "c.steps"), os.path.join(tmp, "py.steps")
        py_out, py_rc, py_err = run([sys.executable, VCLOCK, twin])
        run([sys.executable, VCLOCK, twin], env=dict(os.environ, ASYNCLAB_STEPS=theirs))
        results = [("trace off", run([program])),
                   ("trace on", run([program, "--trace"],
                                    env=dict(os.environ, SCENARIO_STEPS=ours)))]
        steps = steps_differ(name, ours, theirs)
    if steps:
        problems.append("task steps differ")
        report.append(steps)
    for mode, (out, rc, err) in results:
        if out == py_out and rc == py_rc:
            continue
        why = f"exit status {rc}, CPython {py_rc}" if rc != py_rc else "stdout differs"
        problems.append(f"{mode}: {why}")
        report.append(f"--- {name} ({mode}): {why}\n")
        report.extend(difflib.unified_diff(
            py_out.splitlines(True), out.splitlines(True),
            f"{name}.py (CPython)", f"{name}.c ({mode})"))
        for label, text in (("C stderr", err), ("CPython stderr", py_err)):
            if text.strip():
                report.append(f"    {label}: {text.strip().splitlines()[-1]}\n")
    return name, problems, "".join(report)


def banner(lines):
    bar = "!" * 72
    return "\n".join([bar] + [f"!!! {line}" for line in lines] + [bar]) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--srcdir", required=True, help="the directory of the twins")
    ap.add_argument("--jobs", type=int, default=2, help="scenarios run at once")
    ap.add_argument("programs", nargs="+", help="the built scenario-NAME programs")
    opts = ap.parse_args()
    started = time.monotonic()

    programs = {}
    for p in opts.programs:
        base = os.path.basename(p)
        if not base.startswith("scenario-"):
            print(f"FAIL {p}: a scenario program is named scenario-NAME")
            return 1
        programs[base[len("scenario-"):]] = p
    twins = {f[:-3] for f in os.listdir(opts.srcdir) if f.endswith(".py")
             and os.path.exists(os.path.join(opts.srcdir, f[:-3] + ".c"))}
    failed = []
    for name in sorted(twins - programs.keys()):
        failed.append(name)
        print(f"FAIL {name}: {name}.py and {name}.c exist but meson.build does not build it")
    for name in sorted(programs.keys() - twins):
        failed.append(name)
        print(f"FAIL {name}: no twin {name}.py beside {name}.c")
    for name in sorted(KNOWN.keys() - programs.keys()):
        failed.append(name)
        print(f"FAIL {name}: listed in KNOWN but there is no such scenario")

    names = sorted(programs.keys() & twins)
    passed, known_seen, fixed = 0, [], []
    with concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs) as pool:
        jobs = [pool.submit(check, n, programs[n], os.path.join(opts.srcdir, n + ".py"))
                for n in names]
        for job in jobs:
            name, problems, report = job.result()
            if name in KNOWN:
                owner, what = KNOWN[name]
                if problems:
                    known_seen.append(name)
                    print(f"KNOWN DIVERGENCE {name} [{owner}]: {what}; " + "; ".join(problems))
                    sys.stdout.write(report)
                else:
                    fixed.append(name)
                    passed += 1
                    print(f"ok   {name} (listed in KNOWN but matches now)")
            elif problems:
                failed.append(name)
                print(f"FAIL {name}: " + "; ".join(problems))
                sys.stdout.write(report)
            else:
                passed += 1
                print(f"ok   {name}")

    if known_seen:
        sys.stdout.write(banner(
            [f"{len(known_seen)} scenario(s) still differ from CPython 3.11 (known divergences):"]
            + [f"  {n} [{KNOWN[n][0]}]: {KNOWN[n][1]}" for n in known_seen]))
    if fixed:
        sys.stdout.write(banner(
            ["these known divergences match CPython now: take them off KNOWN in",
             "tests/scenarios/run_scenarios.py:"] + [f"  {n}" for n in fixed]))
    print(f"scenarios: {len(names)} pairs, {passed} matched, {len(known_seen)} known divergences, "
          f"{len(failed)} failed, {time.monotonic() - started:.1f} s")
    print(f"{passed} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
