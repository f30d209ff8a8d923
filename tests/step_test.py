#!/usr/bin/env python3
"""The step mode and the quiz, driven by piped scripts.

usage: step_test.py ASYNCLAB GOLDEN_DIR [--update]

Each tests/golden/step/NAME.txt starts with the command line and the
script it was made from:

    # args: step 5 --set workers=2
    # input:
    # s
    # ps
    # ---
    (the expected output)

and the rest of the file is what asynclab printed, byte for byte; the exit
status is checked too ("# status: N", default 0).  Besides the goldens it
checks properties a golden cannot show:

  - back is exact: the inspecting commands print the same after
    "s N" as after "s N+K" then "back K", for every lesson with tasks;
  - an empty line repeats the last command;
  - bad commands get one line and the prompt comes back;
  - the quiz keeps its best score under XDG_STATE_HOME, and `list` shows it.

With --update it rewrites the goldens (read every diff before committing).
"""
import os
import subprocess
import sys
import tempfile
from pathlib import Path

FAILS = []


def run(exe, args, script, state):
    env = dict(os.environ, XDG_STATE_HOME=state, NO_COLOR="1", COLUMNS="80")
    p = subprocess.run([exe] + args, input=script, capture_output=True, text=True,
                       env=env, timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(name, cond, detail=""):
    if not cond:
        FAILS.append(f"{name}: {detail}")


def parse_golden(path):
    head, _, body = path.read_text().partition("# ---\n")
    args, script, status, in_script = [], [], 0, False
    for line in head.splitlines():
        if line.startswith("# args: "):
            args = line[len("# args: "):].split()
        elif line.startswith("# status: "):
            status = int(line[len("# status: "):])
        elif line == "# input:":
            in_script = True
        elif in_script and line.startswith("# "):
            script.append(line[2:])
        elif in_script and line == "#":
            script.append("")
    return args, "".join(s + "\n" for s in script), status, body


def goldens(exe, gdir, update, state):
    for path in sorted(Path(gdir).glob("*.txt")):
        args, script, status, want = parse_golden(path)
        code, out, err = run(exe, args, script, state)
        got = out + (f"[stderr] {err}" if err else "")
        if update:
            head = path.read_text().partition("# ---\n")[0]
            path.write_text(head + "# ---\n" + got)
            continue
        check(path.name, got == want, f"output differs (rerun with --update and read the diff)")
        wide = [line for line in out.splitlines() if len(line) > 80]
        check(path.name, not wide, f"lines wider than COLUMNS=80: {wide[:2]}")
        check(path.name, code == status, f"exit status {code}, expected {status}")


def visible_steps(exe, lesson, state):
    """How many stops `step` makes in lesson at the default detail."""
    _, out, _ = run(exe, ["step", lesson], "s\n" * 2000 + "q\n", state)
    return sum(1 for line in out.splitlines() if line.startswith("#")) - 1


def back_is_exact(exe, state):
    for lesson in ["1", "3", "4", "5", "6", "7"]:
        total = visible_steps(exe, lesson, state)
        check(f"lesson {lesson} has steps", total > 10, f"{total} steps")
        for n, k in [(1, 1), (total // 3, total // 4), (total // 2, total // 2)]:
            insp = "\nps\nready\ntimers\nqueues\nwhere\nwhy\nlocals\n"
            _, a, err_a = run(exe, ["step", lesson], f"s {n}{insp}q\n", state)
            _, b, err_b = run(exe, ["step", lesson], f"s {n + k}\nback {k}{insp}q\n", state)
            # Nothing on stderr: under UBSan a runtime error is printed there.
            check(f"lesson {lesson} s{n}: stderr is empty", not err_a and not err_b,
                  (err_a or err_b)[:300])
            check(f"back lesson {lesson} s{n} vs s{n+k}/back{k}",
                  tail_after_moves(a, 1) == tail_after_moves(b, 2),
                  "the states differ")


def tail_after_moves(out, moves):
    """The output from the end of the first `moves` movement reports on,
    the last report's own row included.  Each report
    is two lines (the row, then 'next:'), plus any '    | ' output lines
    and the opening position's own report."""
    lines = out.splitlines()
    seen, i = 0, 0
    while i < len(lines) and seen < moves:
        if lines[i].startswith("  next: "):
            seen += 1
        i += 1
    while i < len(lines) and lines[i].startswith("        "):
        i += 1  # the rest of a 'next:' line wrapped to the width
    return lines[i:]


def narrow(exe, state):
    """At 60 columns every answer wraps to the width, line by line: a
    multi-line answer (where) keeps its lines, and long ones (why,
    queues, help) break at words under a hanging indent."""
    env_script = "s 3\nw consumer-0\nqueues\nwhy\nps\nhelp\nq\n"
    env = dict(os.environ, XDG_STATE_HOME=state, NO_COLOR="1", COLUMNS="60")
    p = subprocess.run([exe, "step", "7"], input=env_script, capture_output=True, text=True,
                       env=env, timeout=60)
    wide = [line for line in p.stdout.splitlines() if len(line) > 60]
    check("step at 60 columns", p.returncode == 0 and not wide, wide[:3])
    check("where keeps its lines", "    └ awaits Queue.get#7 (Queue.get)\n" in p.stdout,
          p.stdout)


def misc(exe, state):
    code, out, err = run(exe, ["step", "5"], "s\n\n\nq\n", state)
    rows = [l for l in out.splitlines() if l.startswith("#")]
    check("empty line repeats", len(rows) == 4, f"{len(rows)} rows: {out!r}")
    code, out, err = run(exe, ["step", "5"], "frobnicate\nstpe\nq\n", state)
    check("unknown command", "unknown command 'frobnicate'" in out, out)
    check("did you mean", "did you mean 'step'" in out, out)
    check("unknown command exit", code == 0, f"exit {code}")
    code, out, err = run(exe, ["step", "99"], "", state)
    check("bad lesson", code == 2 and err.count("\n") == 1, f"{code} {err!r}")
    code, out, err = run(exe, ["step", "5", "--set", "nope=1"], "", state)
    check("bad parameter", code == 2 and err.count("\n") == 1, f"{code} {err!r}")
    code, out, err = run(exe, ["step", "5"], "", state)
    check("end of input quits", code == 0, f"{code} {err!r}")


def quiz(exe, state):
    code, out, err = run(exe, ["quiz", "7"], "1\n" * 200, state)
    check("quiz runs", code == 0 and "score: " in out, f"{code} {err!r}")
    code, out, _ = run(exe, ["list"], "", state)
    check("list shows the score", "quiz" in out, out)
    code, out, err = run(exe, ["quiz", "7"], "1\n", state)
    check("quiz: answers end early", code == 2 and err.count("\n") == 1, f"{code} {err!r}")
    code, out, err = run(exe, ["quiz", "7"], "x\n9\nq\n", state)
    check("quiz: bad answers re-ask", "answer with a number from 1 to" in out, out)


def main():
    exe, gdir = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv
    with tempfile.TemporaryDirectory() as state:
        goldens(exe, gdir, update, state)
        if not update:
            back_is_exact(exe, state)
            misc(exe, state)
            narrow(exe, state)
            quiz(exe, state)
    for f in FAILS:
        print("FAIL", f)
    print(f"step_test: {len(FAILS)} failures")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())
