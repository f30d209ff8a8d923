#!/usr/bin/env python3
"""Compare a lesson's timeline with a reviewed copy kept in tests/golden/.

Usage: python3 tests/golden_test.py BIN LESSON GOLDEN [NAME=VALUE ...]

Runs `BIN run LESSON --no-color [--set NAME=VALUE ...]` and requires its
stdout to equal the file GOLDEN byte for byte.  A golden file is a timeline
someone has read line by line and found true, so any change to it (a new
event, a different cause, a reworded header) must be looked at and the file
regenerated on purpose:

    build/asynclab run 1 --no-color > tests/golden/lesson01.log

On a mismatch a unified diff (golden first) is printed.  The last line is
"1 passed, 0 failed" or "0 passed, 1 failed", and the exit status is 1 on
failure.
"""

import difflib
import subprocess
import sys


def main(argv):
    if len(argv) < 4:
        sys.stderr.write("usage: golden_test.py BIN LESSON GOLDEN [NAME=VALUE ...]\n")
        return 2
    binary, lesson, golden = argv[1], argv[2], argv[3]
    cmd = [binary, "run", lesson, "--no-color"]
    for setting in argv[4:]:
        cmd += ["--set", setting]
    try:
        with open(golden, encoding="utf-8") as f:
            want = f.read()
    except OSError as exc:
        print(f"cannot read {golden}: {exc}")
        print("0 passed, 1 failed")
        return 1
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    problems = []
    if proc.returncode != 0:
        problems.append(f"exit status {proc.returncode}; stderr: {proc.stderr.strip()}")
    if proc.stdout != want:
        diff = difflib.unified_diff(want.splitlines(keepends=True),
                                    proc.stdout.splitlines(keepends=True),
                                    fromfile=golden, tofile=" ".join(cmd))
        problems.append("output differs from the golden file:\n" + "".join(diff))
    if problems:
        print(f"FAIL {' '.join(cmd)}")
        for p in problems:
            print(p.rstrip("\n"))
        print("0 passed, 1 failed")
        return 1
    print(f"ok   {' '.join(cmd)}")
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
