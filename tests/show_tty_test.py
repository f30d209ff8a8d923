#!/usr/bin/env python3
"""`asynclab show` on a terminal against show into a pipe.

Usage: python3 tests/show_tty_test.py PATH/TO/asynclab

For every lesson: into a pipe, show prints the narrative as plain
Markdown, byte for byte, followed by the twin; on a pseudo-terminal
of a given width it renders it: no line wider than the terminal (escape
sequences do not count), colour unless NO_COLOR is set, no Markdown
markers left around headings or code, and every word of the narrative
still there, in order.  The narrative must end by pointing to the next
lesson (or saying it is the last) and to `asynclab step N`.  A "What the
run shows" that names trace events (`resume`, `task_step`, ...) must say
where a student finds them, `asynclab run N --format log`: on a terminal
`run` draws lanes, which speak in words and show no event names.
"""

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios

ESC = re.compile(r"\x1b\[[0-9;]*m")
failures = 0


def check(ok, what):
    global failures
    if not ok:
        failures += 1
        print(f"FAIL {what}")


def run_on_pty(cmd, cols, env):
    """Run cmd with stdout on a pseudo-terminal cols wide; return its text."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, cols, 0, 0))
    proc = subprocess.Popen(cmd, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    proc.wait(timeout=30)
    check(proc.returncode == 0, f"{' '.join(cmd)} exited {proc.returncode}")
    # The terminal turns "\n" into "\r\n".
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def words(text):
    return re.findall(r"[A-Za-z0-9]+", text)


SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def event_kinds():
    """The event kinds, from the JSON trace's schema."""
    with open(os.path.join(SRC, "docs", "trace-schema-v1.json")) as f:
        schema = json.load(f)
    found = []

    def walk(o):
        if isinstance(o, dict):
            if "resume" in o.get("enum", []):
                found.extend(o["enum"])
            for v in o.values():
                walk(v)
        elif isinstance(o, list):
            for v in o:
                walk(v)
    walk(schema)
    return set(found)


def check_event_pointer(n, narrative, kinds):
    """Event names in "What the run shows" need the way to the log."""
    section = narrative.split("## What the run shows", 1)[-1].split("\n## ", 1)[0]
    named = sorted(set(re.findall(r"`([a-z_]+)", section)) & kinds)
    if named:
        flat = " ".join(section.split())
        check(f"asynclab run {n} --format log" in flat,
              f"lesson {n}'s 'What the run shows' names events {named[:4]} but not "
              f"where they are shown (asynclab run {n} --format log)")


def check_twin(n, cols, plain, piped):
    """The twin on a terminal: a line wider than the terminal is folded
    (a comment goes on as a comment, code after a ↪), never cut: every
    word of the source is still there, in order."""
    twin = plain.split("The Python twin:")[1]
    wide = [line for line in twin.splitlines() if len(line) > cols]
    check(not wide, f"show {n} at {cols} columns: {len(wide)} twin lines too wide: {wide[:1]}")
    source = piped.split("```python\n", 1)[1].rsplit("```", 1)[0]
    shown = [w for w in twin.split() if w not in ("#", "↪")]
    want = [w for w in source.split() if w != "#"]
    check(shown[-len(want):] == want, f"show {n} at {cols} columns: the twin's words differ")


def main():
    exe = sys.argv[1]
    kinds = event_kinds()
    check(len(kinds) > 20, f"the schema lists {len(kinds)} event kinds")
    listing = json.loads(subprocess.run([exe, "list", "--json"], capture_output=True,
                                        text=True, check=True).stdout)
    numbers = [l["number"] for l in listing["lessons"]]
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env["TERM"] = "xterm"
    for n in numbers:
        piped = subprocess.run([exe, "show", str(n)], capture_output=True, text=True)
        check(piped.returncode == 0, f"show {n} into a pipe exited {piped.returncode}")
        narrative = piped.stdout.split("\n## The Python twin:")[0]
        check("\x1b" not in piped.stdout, f"show {n} into a pipe has escape sequences")
        check_event_pointer(n, narrative, kinds)
        tail = " ".join(narrative.strip().split("## Next")[-1].split())
        check(f"asynclab step {n}" in tail, f"lesson {n}'s narrative does not end with its step mode")
        check(f"asynclab show {n + 1}" in tail or n == max(numbers),
              f"lesson {n}'s narrative does not point to lesson {n + 1}")
        for cols in (60, 100):
            shown = run_on_pty([exe, "show", str(n)], cols, env)
            plain = ESC.sub("", shown)
            prose = plain.split("The Python twin:")[0]
            wide = [line for line in prose.splitlines() if len(line) > cols]
            check(not wide, f"show {n} at {cols} columns: {len(wide)} lines too wide: {wide[:1]}")
            check("\x1b[" in shown, f"show {n} on a terminal has no colour")
            check(not re.search(r"^#+ ", plain, re.M), f"show {n}: a heading kept its '#'")
            check("```" not in plain, f"show {n}: a code fence was printed")
            check(words(prose) == words(narrative.replace("`", "").replace("*", "")),
                  f"show {n} at {cols} columns: the words differ from the narrative's")
            check_twin(n, cols, plain, piped.stdout)
        mono = run_on_pty([exe, "show", str(n)], 80, dict(env, NO_COLOR="1"))
        check_twin(n, 80, mono, piped.stdout)
        check("\x1b" not in mono, f"show {n} with NO_COLOR has escape sequences")
    print(f"show-tty: {len(numbers)} lessons, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
