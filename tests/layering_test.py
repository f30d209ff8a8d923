#!/usr/bin/env python3
"""layering_test.py LIB...: no layer calls upward, no runtime file calls
a later one.

The layer order is declared once, here (LAYERS), bottom first; each LIB
is a static library the build made, and its layer is read from its name.
With `nm` the test lists what each object file defines and what it
needs.  It fails when an object needs a symbol that only a higher layer
defines (an upward call), and when a runtime file needs a symbol defined
by a runtime file later in RUNTIME_ORDER, except for the edges listed in
KNOWN_UPWARD: those are the cycles issue 6 names that are still being
taken apart, and the test also fails when one of them has gone, so the
list only ever shrinks.
"""
import re
import subprocess
import sys

# Bottom first.  A library's layer comes from its file name.
LAYERS = [
    ("runtime", r"libasynclab_runtime\.a$"),
    ("trace", r"libasynclab_trace\.a$"),
    ("views", r"libasynclab_views\.a$"),
    ("lesson", r"libasynclab_lesson\.a$"),
    ("lessons", r"liblesson\d+\.a$"),
]

# The runtime's files, bottom first (docs/architecture.md).  A file not
# listed is checked against the layers only.
RUNTIME_ORDER = [
    "arena", "value", "format", "exc", "vm", "gen", "heap", "loop",
    "future", "task", "sleep", "gather", "run", "timeout", "shield",
    "sync", "queue", "wait",  # wait.c's as_completed is built on a Queue
]

# Upward references between runtime files that are still to be removed
# (issue 6): (from file, to file).
KNOWN_UPWARD = {
    ("value", "format"), ("value", "exc"), ("exc", "vm"), ("value", "vm"),
    ("vm", "loop"), ("loop", "future"),
}


def layer_of(path):
    for i, (name, pat) in enumerate(LAYERS):
        if re.search(pat, path):
            return i
    sys.exit(f"layering_test: {path}: not a library of a known layer")


def symbols(path):
    """[(object, defined set, undefined set)] for each object in path."""
    out = subprocess.run(["nm", "-A", "--defined-only", path], capture_output=True, text=True, check=True).stdout
    und = subprocess.run(["nm", "-A", "--undefined-only", path], capture_output=True, text=True, check=True).stdout
    objs = {}
    for text, key in ((out, 0), (und, 1)):
        for line in text.splitlines():
            head, _, rest = line.rpartition(":")
            parts = rest.split()
            if len(parts) < 2:
                continue
            typ, sym = parts[-2], parts[-1]
            if key == 0 and typ.islower() and typ not in "vw":
                continue  # local symbols cannot be called from elsewhere
            obj = head.split(":")[-1]
            objs.setdefault(obj, (set(), set()))[key].add(sym)
    return [(o, d, u) for o, (d, u) in objs.items()]


def stem(obj):
    return re.sub(r"\.c\.o$|\.o$", "", obj.split("/")[-1])


def main(paths):
    where = {}  # symbol -> (layer, file)
    objects = []
    for p in paths:
        lay = layer_of(p)
        for obj, defs, undefs in symbols(p):
            objects.append((lay, stem(obj), undefs))
            for s in defs:
                where.setdefault(s, (lay, stem(obj)))
    problems, seen = [], set()
    for lay, f, undefs in objects:
        for s in sorted(undefs):
            if s not in where:
                continue  # libc, libm, or a lower library not given
            dl, df = where[s]
            if dl > lay:
                problems.append(f"{LAYERS[lay][0]}/{f} calls up into {LAYERS[dl][0]}/{df}: {s}")
            elif dl == lay == 0 and f in RUNTIME_ORDER and df in RUNTIME_ORDER and \
                    RUNTIME_ORDER.index(df) > RUNTIME_ORDER.index(f):
                seen.add((f, df))
                if (f, df) not in KNOWN_UPWARD:
                    problems.append(f"runtime/{f} calls the later runtime/{df}: {s}")
    for f, df in sorted(KNOWN_UPWARD - seen):
        problems.append(f"runtime/{f} no longer calls runtime/{df}: remove it from KNOWN_UPWARD")
    for p in problems:
        print(p)
    print(f"{len(objects)} objects in {len(paths)} libraries; {len(seen)} known upward edges left")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
