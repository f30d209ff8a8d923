#!/usr/bin/env python3
"""Add up meson's test logs and print one line: "N passed, N failed".

meson test writes meson-logs/testlog.json in each build directory, one JSON
object per test.  CI reads the closing line, so we print the totals of
every build named on the command line, plus a line per failed test.
"""
import json
import sys
from pathlib import Path


def main(dirs):
    passed = failed = skipped = 0
    for d in dirs:
        log = Path(d) / "meson-logs" / "testlog.json"
        if not log.exists():
            print(f"{d}: no test log (did the build fail?)")
            failed += 1
            continue
        for line in log.read_text().splitlines():
            t = json.loads(line)
            result = t.get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
                print(f"FAILED in {d}: {t.get('name')} ({result})")
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
