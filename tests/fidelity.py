#!/usr/bin/env python3
"""Check that a lesson prints exactly what its Python twin prints.

Usage:
  python3 tests/fidelity.py --asynclab PATH/TO/asynclab --lesson N
                            [--random K] [--seed S]

A lesson is a C module standing for a plain asyncio program, its twin.  For
a set of parameter settings this runs both `asynclab run N --set ...
--output-only` and the twin under CPython on a virtual clock
(tests/harness/vclock.py), and requires the same stdout, line for line, and
the same exit status.  The settings are the defaults, each parameter at its
min and at its max (lists also at length 1 and at max_len), and K seeded
random ones, so a failure can be replayed with the same --seed.

If the lesson's JSON trace has task_step events, the order of task steps is
compared too: (time, task name, coroutine name) from the trace against the
step log the harness writes when ASYNCLAB_STEPS is set.

The last two lines are "fidelity lesson N: X passed, Y failed, Z skipped"
and the plain "X passed, Y failed" that CI reads; the exit status is 1 if
any setting failed.
"""

import argparse
import decimal
import difflib
import json
import math
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
VCLOCK = os.path.join(HERE, "harness", "vclock.py")
TIMEOUT = 20  # seconds for any one run; lessons take milliseconds
MAX_RANDOM_LIST = 6  # random lists stay short so random runs stay small


class RunFailed(Exception):
    """A command timed out or could not be started."""


def run(cmd, env=None):
    try:
        return subprocess.run(cmd, capture_output=True, text=True,
                              timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise RunFailed(f"timed out after {TIMEOUT} s: {' '.join(cmd)}")
    except OSError as exc:
        raise RunFailed(f"cannot run {cmd[0]}: {exc}")


# ---------------------------------------------------------------------------
# Parameter values, spelled as both the CLI and the twin's parser read them.

def spell_number(kind, x):
    """Spell a bound from the schema: ints as decimal, floats shortest."""
    if kind in ("int", "int_list"):
        return str(int(x))
    x = float(x)
    # "2" rather than "2.0": the spelling the lessons document.
    return str(int(x)) if x == int(x) else repr(x)


def spell_cents(k):
    """Spell k/100 as a decimal with at most two places, without floats."""
    sign = "-" if k < 0 else ""
    whole, frac = divmod(abs(k), 100)
    return sign + str(whole) + (f".{frac:02d}".rstrip("0") if frac else "")


def random_value(rng, kind, lo, hi):
    if kind in ("int", "int_list"):
        return str(rng.randint(int(lo), int(hi)))
    # Work in hundredths, exactly, so the value is a short decimal in range.
    low = math.ceil(decimal.Decimal(repr(float(lo))) * 100)
    high = math.floor(decimal.Decimal(repr(float(hi))) * 100)
    return spell_cents(rng.randint(low, high))


def edge_settings(params):
    """The single-parameter edges: min and max, and list lengths."""
    for p in params:
        name, kind = p["name"], p["type"]
        if kind == "bool":
            yield {name: "false"}
            yield {name: "true"}
        elif kind in ("int", "float"):
            yield {name: spell_number(kind, p["min"])}
            yield {name: spell_number(kind, p["max"])}
        else:
            items = p["default"].split(",")
            lo, hi = spell_number(kind, p["min"]), spell_number(kind, p["max"])
            yield {name: ",".join([lo] * len(items))}
            yield {name: ",".join([hi] * len(items))}
            yield {name: items[0]}
            max_len = max(int(p["max_len"]), 1)
            yield {name: ",".join(items[i % len(items)] for i in range(max_len))}


def random_setting(rng, params):
    setting = {}
    for p in params:
        kind = p["type"]
        if kind == "bool":
            setting[p["name"]] = rng.choice(["true", "false"])
        elif kind in ("int", "float"):
            setting[p["name"]] = random_value(rng, kind, p["min"], p["max"])
        else:
            length = rng.randint(1, max(1, min(int(p["max_len"]), MAX_RANDOM_LIST)))
            setting[p["name"]] = ",".join(
                random_value(rng, kind, p["min"], p["max"]) for _ in range(length))
    return setting


# ---------------------------------------------------------------------------
# Task steps, from the C trace and from the harness's log.

def is_shutdown(coro):
    """asyncio.run's own clean-up tasks run after the program is over and
    have no counterpart in a lesson; both sides leave them out."""
    return isinstance(coro, str) and coro.startswith("BaseEventLoop.")


def task_steps_of(trace_text):
    """The (time, task, coro) of every task_step event, in trace order."""
    try:
        docs = [json.loads(trace_text)]
    except ValueError:
        # Also accept one JSON object per line.
        docs = [json.loads(line) for line in trace_text.splitlines() if line.strip()]
    steps = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("kind") == "task_step" and not is_shutdown(node.get("coro")):
                time = node.get("time")
                # repr of the float, as the harness logs it: exact, and the
                # same whether the JSON wrote 1 or 1.0.
                steps.append((repr(float(time)) if time is not None else None,
                              node.get("task"), node.get("coro")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for doc in docs:
        walk(doc)
    return steps


def logged_steps(path):
    steps = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            time, task, coro = line.split("\t")
            if is_shutdown(coro):
                continue
            steps.append((time, task, coro))
    return steps


# ---------------------------------------------------------------------------

class Checker:
    def __init__(self, asynclab, lesson, twin, tmp):
        self.asynclab, self.lesson, self.twin, self.tmp = asynclab, lesson, twin, tmp
        self.passed = self.failed = self.skipped = 0
        self.check_steps = False

    def asynclab_cmd(self, setting, *extra):
        cmd = [self.asynclab, "run", str(self.lesson)]
        for name, value in setting.items():
            cmd += ["--set", f"{name}={value}"]
        return cmd + list(extra)

    def twin_cmd(self, setting):
        return [sys.executable, VCLOCK, self.twin] + [f"{n}={v}" for n, v in setting.items()]

    def fail(self, label, why, diff=None):
        self.failed += 1
        print(f"FAIL {label}: {why}")
        if diff:
            sys.stdout.writelines(diff)

    def decide_steps(self):
        """Compare task steps only if the lesson's trace has any."""
        proc = run(self.asynclab_cmd({}, "--format", "json"))
        if proc.returncode != 0:
            raise RunFailed(f"asynclab run {self.lesson} --format json "
                            f"exited {proc.returncode}: {proc.stderr.strip()}")
        self.check_steps = bool(task_steps_of(proc.stdout))

    def check(self, label, setting, may_refuse):
        label = f"{label} [{' '.join(f'{n}={v}' for n, v in setting.items()) or 'defaults'}]"
        try:
            c = run(self.asynclab_cmd(setting, "--output-only"))
            if c.returncode == 2:
                if may_refuse:
                    self.skipped += 1
                    print(f"skip {label}: refused: {c.stderr.strip()}")
                else:
                    self.fail(label, f"asynclab refused it: {c.stderr.strip()}")
                return
            py = run(self.twin_cmd(setting))
            if c.stdout != py.stdout or c.returncode != py.returncode:
                diff = list(difflib.unified_diff(
                    py.stdout.splitlines(True), c.stdout.splitlines(True),
                    "twin (CPython)", "asynclab"))
                why = (f"exit status {c.returncode}, twin {py.returncode}"
                       if c.returncode != py.returncode else "stdout differs")
                if py.stderr.strip():
                    why += f"; twin stderr: {py.stderr.strip().splitlines()[-1]}"
                self.fail(label, why, diff)
                return
            if self.check_steps and not self.steps_match(label, setting):
                return
        except (RunFailed, ValueError) as exc:
            self.fail(label, str(exc))
            return
        self.passed += 1
        print(f"ok   {label}")

    def steps_match(self, label, setting):
        trace = run(self.asynclab_cmd(setting, "--format", "json"))
        ours = task_steps_of(trace.stdout)
        log = os.path.join(self.tmp, "steps.log")
        if os.path.exists(log):
            os.remove(log)
        run(self.twin_cmd(setting), env=dict(os.environ, ASYNCLAB_STEPS=log))
        theirs = logged_steps(log) if os.path.exists(log) else []
        if ours == theirs:
            return True

        def lines(steps):
            return ["\t".join(str(x) for x in step) + "\n" for step in steps]

        self.fail(label, "task steps differ (time, task, coro)", list(
            difflib.unified_diff(lines(theirs), lines(ours),
                                 "twin steps (CPython)", "asynclab task_step")))
        return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--asynclab", required=True, help="the asynclab binary")
    ap.add_argument("--lesson", required=True, type=int, help="lesson number")
    ap.add_argument("--random", type=int, default=0, metavar="K",
                    help="also check K random settings")
    ap.add_argument("--seed", type=int, default=0, help="seed of the random settings")
    opts = ap.parse_args()
    n = opts.lesson

    with tempfile.TemporaryDirectory() as tmp:
        checker = None
        try:
            listing = run([opts.asynclab, "list", "--json"])
            if listing.returncode != 0:
                raise RunFailed(f"asynclab list --json exited {listing.returncode}")
            lessons = {l["number"]: l for l in json.loads(listing.stdout)["lessons"]}
            if n not in lessons:
                raise RunFailed(f"asynclab has no lesson {n}")
            params = lessons[n]["params"]
            source = run([opts.asynclab, "twin", str(n)])
            if source.returncode != 0:
                raise RunFailed(f"asynclab twin {n} exited {source.returncode}")
            twin = os.path.join(tmp, f"twin{n}.py")
            with open(twin, "w", encoding="utf-8") as f:
                f.write(source.stdout)
            checker = Checker(opts.asynclab, n, twin, tmp)
            checker.decide_steps()
        except (RunFailed, ValueError, KeyError) as exc:
            print(f"FAIL lesson {n}: {exc}")
            print(f"fidelity lesson {n}: 0 passed, 1 failed, 0 skipped")
            print("0 passed, 1 failed")
            return 1

        defaults = {p["name"]: p["default"] for p in params}
        seen = set()

        def fresh(setting):
            # Settings that come out the same as an earlier one (an edge
            # equal to the default, say) are run once.
            key = tuple(sorted({**defaults, **setting}.items()))
            if key in seen:
                return False
            seen.add(key)
            return True

        checker.check("defaults", {}, may_refuse=False)
        fresh({})
        for setting in edge_settings(params):
            if fresh(setting):
                checker.check("edge", setting, may_refuse=False)
        rng = random.Random(opts.seed)
        for i in range(opts.random):
            setting = random_setting(rng, params)
            if fresh(setting):
                checker.check(f"random {i + 1}", setting, may_refuse=True)

        p, f, s = checker.passed, checker.failed, checker.skipped
        print(f"fidelity lesson {n}: {p} passed, {f} failed, {s} skipped")
        print(f"{p} passed, {f} failed")
        return 1 if f else 0


if __name__ == "__main__":
    sys.exit(main())
