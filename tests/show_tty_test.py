#!/usr/bin/env python3
"""`asynclab show` on a terminal against show into a pipe.

Usage: python3 tests/show_tty_test.py PATH/TO/asynclab

For every lesson: into a pipe, show prints the narrative as plain
Markdown, byte for byte, followed by the twin; on a pseudo-terminal
of a given width it renders it: no line wider than the terminal (escape
sequences do not count), colour unless NO_COLOR is set, no Markdown
markers left around headings or code, and every word of the narrative
still there, in order.  The narrative must end by pointing to the next
lesson (or saying it is the last) and to `asynclab step N`.
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


def main():
    exe = sys.argv[1]
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
        mono = run_on_pty([exe, "show", str(n)], 80, dict(env, NO_COLOR="1"))
        check("\x1b" not in mono, f"show {n} with NO_COLOR has escape sequences")
    print(f"show-tty: {len(numbers)} lessons, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
