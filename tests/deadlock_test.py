#!/usr/bin/env python3
"""A run that deadlocks, end to end: lesson 7 with task_done=false.

CPython would hang for ever (under the virtual-clock harness it stops and
exits 1).  asynclab must print what the twin printed up to that point,
exit 1, and say in one line on stderr every task that waits and on what.

Usage: deadlock_test.py ASYNCLAB
"""
import json
import os
import pty
import select
import subprocess
import sys
import tempfile
from pathlib import Path

HARNESS = Path(__file__).resolve().parent / "harness" / "vclock.py"


SAYS = ["Task-1 (main) awaits Queue.join(): only task_done() for each item could wake it, "
        "from the tasks that got items (consumer-0, consumer-1)",
        "consumer-0 awaits Queue.get(): only a put() could wake it, and the tasks that put "
        "items (producer-0, producer-1) are done or waiting",
        "consumer-1 awaits Queue.get(): only a put() could wake it, and the tasks that put "
        "items (producer-0, producer-1) are done or waiting"]


def same_words_everywhere(exe):
    """The log and the JSON say each stuck task in the stderr report's
    words (what the program awaits, not the Event inside Queue.join())."""
    failures = []
    args = [exe, "run", "7", "--set", "task_done=false", "--format"]
    log = subprocess.run(args + ["log"], capture_output=True, text=True, timeout=30).stdout
    js = subprocess.run(args + ["json"], capture_output=True, text=True, timeout=30).stdout
    said = [json.loads(l)["a"] for l in js.splitlines() if '"kind":"deadlock"' in l]
    if said != SAYS:
        failures.append(f"the JSON's deadlock events say {said!r}, want {SAYS!r}")
    # the log wraps each sentence under its details column: from the first
    # deadlock line to the blank line before the summary, as one text
    tail = log[log.index(" deadlock "):] if " deadlock " in log else ""
    told = " ".join(tail.split("\n\n")[0].split())
    for want in SAYS:
        if want not in told:
            failures.append(f"the log does not say {want!r}: {told!r}")
    if "Event.wait" in told or "waits in" in told:
        failures.append(f"the log's deadlock names the runtime's insides: {told!r}")
    return failures


def on_a_terminal(exe, fmt):
    """Runs the deadlock with stdout on a pseudo-terminal, stderr on a
    pipe; returns (what the terminal showed, stderr, exit status)."""
    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS="80", NO_COLOR="1")
    p = subprocess.Popen([exe, "run", "7", "--set", "task_done=false", "--format", fmt],
                         stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    shown = b""
    while True:  # drain the terminal, or a long view would block on it
        ready, _, _ = select.select([master], [], [], 30)
        try:
            chunk = os.read(master, 65536) if ready else b""
        except OSError:  # EIO: the child closed its end
            chunk = b""
        if not chunk:
            break
        shown += chunk
    err = p.stderr.read().decode()
    os.close(master)
    return shown.decode(errors="replace"), err, p.wait(timeout=30)


def said_once(exe):
    """On a terminal the lanes and the log say who is stuck, so stderr
    says only that the run failed so; a JSON view leaves stderr to say
    it all."""
    failures = []
    for fmt in ("lanes", "log"):
        shown, err, rc = on_a_terminal(exe, fmt)
        short = "asynclab: lesson 7 (queues) failed with the deadlock shown above\n"
        if rc != 1 or err != short:
            failures.append(f"{fmt} on a terminal: exit {rc}, stderr {err!r}, want {short!r}")
        if "awaits Queue.join()" not in shown:
            failures.append(f"{fmt} on a terminal does not show the deadlock: {shown[-300:]!r}")
    shown, err, rc = on_a_terminal(exe, "json")
    if rc != 1 or "Task-1 (main) awaits Queue.join()" not in err:
        failures.append(f"json on a terminal: exit {rc}, stderr {err!r}")
    return failures


def main(exe):
    failures = []
    run = subprocess.run([exe, "run", "7", "--set", "task_done=false", "--output-only"],
                         capture_output=True, text=True, timeout=30)
    twin_src = subprocess.run([exe, "twin", "7"], capture_output=True, text=True, check=True).stdout
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(twin_src)
    twin = subprocess.run([sys.executable, str(HARNESS), f.name, "task_done=false"],
                          capture_output=True, text=True, timeout=30)
    Path(f.name).unlink()
    if run.returncode != 1:
        failures.append(f"exit status {run.returncode}, want 1")
    if twin.returncode != 1 or "deadlock" not in twin.stderr:
        failures.append(f"the twin did not deadlock under CPython: {twin.returncode} {twin.stderr!r}")
    if run.stdout != twin.stdout:
        failures.append("stdout differs from the twin's")
    lines = run.stderr.splitlines()
    if len(lines) != 1:
        failures.append(f"stderr has {len(lines)} lines, want 1: {run.stderr!r}")
    else:
        for want in ("deadlock", "Task-1 (main) awaits Queue.join(): only task_done()",
                     "got items (consumer-0, consumer-1)",
                     "consumer-0 awaits Queue.get(): only a put()",
                     "consumer-1 awaits Queue.get(): only a put()",
                     "put items (producer-0, producer-1)"):
            if want not in lines[0]:
                failures.append(f"stderr does not say {want!r}: {lines[0]!r}")
    failures += same_words_everywhere(exe)
    failures += said_once(exe)
    # A failed run's status survives a reader that closes the pipe early.
    p = subprocess.Popen([exe, "run", "7", "--set", "task_done=false", "--format", "json"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read().decode()
    if p.wait(timeout=30) != 1 or "deadlock" not in err:
        failures.append(f"json | head -1: exit {p.returncode}, want 1; stderr {err!r}")
    for f in failures:
        print("FAIL:", f)
    print(f"{0 if failures else 1} passed, {1 if failures else 0} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
