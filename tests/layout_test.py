#!/usr/bin/env python3
"""layout_test.py ROOT: the product's files keep the size the style asks.

Every C file under src/ and lessons/ is at most 600 lines, and every
header under include/ and src/ at most 400, unless its opening comment
says why it is longer ("over 600 lines" or "over 400 lines", followed by
the reason), as the layout rule allows.  A file that grows past the
limit fails with its name and length, so it is split by the nouns it
owns (or its reason is written) when it grows, not sessions later.
The last line is "N passed, M failed"; the exit status is 1 on failure.
"""
import re
import sys
from pathlib import Path

LIMITS = {".c": 600, ".h": 400}


def opening_comment(text):
    m = re.match(r"\s*/\*(.*?)\*/", text, re.S)
    return m.group(1) if m else ""


def main(argv):
    root = Path(argv[1])
    failures, passed = [], 0
    files = [p for d in ("src", "lessons", "include") for p in sorted((root / d).rglob("*"))
             if p.suffix in LIMITS]
    for p in files:
        text = p.read_text()
        n = text.count("\n")
        limit = LIMITS[p.suffix]
        reason = re.search(rf"over {limit} lines", opening_comment(text), re.I)
        if n > limit and not reason:
            failures.append(f"{p.relative_to(root)}: {n} lines, over {limit} "
                            "without a reason in its opening comment")
        else:
            passed += 1
    if not files:
        failures.append(f"no C files under {root}")
    for f in failures:
        print("FAIL:", f)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
