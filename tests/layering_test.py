#!/usr/bin/env python3
"""layering_test.py LIB...: no layer calls upward, no runtime file calls
a file of a later runtime layer.

The layer order is declared once, here (LAYERS), bottom first; each LIB
is a static library the build made, and its layer is read from its name.
With `nm` the test lists what each object file defines and what it
needs.  It fails when an object needs a symbol that only a higher layer
defines (an upward call), and when a runtime file needs a symbol defined
by a file of a later group in RUNTIME_GROUPS (files of one group may call
each other).  Every runtime file must be in a group, so that a new file
is placed on purpose.  A call through a function pointer (a future's
class table, the vm's awaitable table, a subscriber) is how a lower
layer reaches up, and nm does not see it: that is the point.
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

# The runtime's layers, bottom first, each with its files
# (docs/architecture.md).  A file may call files of its own group and of
# earlier groups only.
RUNTIME_GROUPS = [
    ("values", ["arena", "utf8", "value", "intern", "format", "exc", "excgroup", "vm"]),
    ("generators", ["gen", "asyncgen", "acm"]),
    ("loop", ["heap", "loop", "handler"]),
    ("futures", ["future"]),
    ("tasks", ["task", "sleep"]),
    ("combinators", ["gather", "wait", "timeout", "shield", "taskgroup"]),
    # as_completed is built on a Queue, as in CPython's tasks.py
    ("queues/sync", ["sync", "queue", "condition", "boundedsem", "barrier", "as_completed"]),
    ("run", ["run"]),
]
GROUP_OF = {f: i for i, (_, files) in enumerate(RUNTIME_GROUPS) for f in files}


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
    problems, edges = [], set()
    for lay, f, undefs in objects:
        if lay == 0 and f not in GROUP_OF:
            problems.append(f"runtime/{f}: in no group of RUNTIME_GROUPS; place it there")
            continue
        for s in sorted(undefs):
            if s not in where:
                continue  # libc, libm, or a lower library not given
            dl, df = where[s]
            if dl > lay:
                problems.append(f"{LAYERS[lay][0]}/{f} calls up into {LAYERS[dl][0]}/{df}: {s}")
            elif dl == lay == 0 and df in GROUP_OF and df != f:
                edges.add((f, df))
                if GROUP_OF[df] > GROUP_OF[f]:
                    problems.append(f"runtime/{f} ({RUNTIME_GROUPS[GROUP_OF[f]][0]}) calls up into "
                                    f"runtime/{df} ({RUNTIME_GROUPS[GROUP_OF[df]][0]}): {s}")
    for p in problems:
        print(p)
    print(f"{len(objects)} objects in {len(paths)} libraries; "
          f"{len(edges)} edges between runtime files")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
