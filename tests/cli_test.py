#!/usr/bin/env python3
"""cli_test.py: the command line's contract, checked from outside.

Usage: python3 tests/cli_test.py PATH/TO/asynclab

Runs the built binary and checks every error path: exit status 2, nothing
on stdout, and exactly one line on stderr that starts with "asynclab: " and
names what was wrong.  Also checks the happy paths (usage, --version, list,
list --json's shape, run in each format, twin byte for byte, show), a
closed pipe (a quiet exit 0) and a full disk (exit 1, one line).

The lessons are read from `asynclab list --json`, so the parameter checks
follow whatever lessons are built in; with none, those checks are skipped.
The last line is "N passed, N failed"; the exit status is 1 on any failure.
"""

import json
import os
import subprocess
import tempfile
import sys

STATE_HOME = tempfile.mkdtemp(prefix="asynclab-cli-test-")

SRC = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PARAM_KEYS = ["name", "type", "default", "min", "max", "max_len", "help"]
LESSON_KEYS = ["number", "id", "slug", "title", "summary", "params"]
EVENT_KEYS = ["seq", "cause", "kind", "actor", "actor_kind", "other", "task",
              "coro", "time", "a", "b"]
TYPES = {"int", "float", "bool", "int_list", "float_list"}


class Suite:
    def __init__(self, exe):
        self.exe = exe
        self.passed = self.failed = self.skipped = 0

    def run(self, *args, env=None, stdout=subprocess.PIPE):
        full_env = dict(os.environ, **(env or {}))
        # Quiz scores live in the state directory and `list` shows them:
        # an empty one keeps this test independent of whoever runs it.
        full_env["XDG_STATE_HOME"] = STATE_HOME
        full_env.pop("NO_COLOR", None)
        if env and "NO_COLOR" in env:
            full_env["NO_COLOR"] = env["NO_COLOR"]
        return subprocess.run([self.exe, *args], stdout=stdout,
                              stderr=subprocess.PIPE, env=full_env,
                              timeout=60)

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL {name}" + (f": {detail}" if detail else ""))

    def skip(self, name, why):
        self.skipped += 1
        print(f"skip {name}: {why}")

    def usage_error(self, args, *expect):
        """args must exit 2 with one stderr line holding every expect."""
        name = "asynclab " + " ".join(args)
        p = self.run(*args)
        err = p.stderr.decode("utf-8", "replace")
        problems = []
        if p.returncode != 2:
            problems.append(f"exit {p.returncode}, want 2")
        if p.stdout:
            problems.append(f"stdout not empty: {p.stdout[:80]!r}")
        if not err.endswith("\n") or err.count("\n") != 1:
            problems.append(f"stderr is not one line: {err!r}")
        if not err.startswith("asynclab: "):
            problems.append(f"stderr lacks 'asynclab: ': {err!r}")
        for e in expect:
            if e not in err:
                problems.append(f"stderr lacks {e!r}: {err!r}")
        self.check(name, not problems, "; ".join(problems))
        return err

    def ran(self, args, rc):
        """args must exit rc (0 with an empty stderr); returns stdout."""
        p = self.run(*args)
        self.check("asynclab " + " ".join(args),
                   p.returncode == rc and (rc != 0 or not p.stderr),
                   f"exit {p.returncode}, stderr {p.stderr[:200]!r}")
        return p.stdout.decode("utf-8", "replace")

    def success(self, args, **kw):
        """args must exit 0 with an empty stderr; returns stdout."""
        p = self.run(*args, **kw)
        self.check("asynclab " + " ".join(args),
                   p.returncode == 0 and not p.stderr,
                   f"exit {p.returncode}, stderr {p.stderr[:200]!r}")
        return p.stdout.decode("utf-8", "replace")


def check_program(s):
    out = s.success([])
    s.check("usage names the commands",
            all(c in out for c in ("list", "run", "show", "twin", "step", "quiz")), out)
    for args in (["--help"], ["-h"], ["help"], ["help", "run"], ["--help", "run"]):
        s.success(args)
    wide = [line for line in out.splitlines() if len(line) > 100]
    s.check("usage fits 100 columns", not wide, wide[:2])
    s.check("--version", s.success(["--version"]) == "asynclab 0.1.0\n")
    for cmd in ("list", "run", "show", "twin"):
        s.check(f"{cmd} --help mentions usage",
                "usage: asynclab " + cmd in s.success([cmd, "--help"]))
    s.usage_error(["rn"], "unknown command 'rn'", "did you mean 'run'?", "valid:")
    s.usage_error(["frobnicate"], "unknown command 'frobnicate'",
                  "valid: list, run, show, twin, step, quiz")
    s.usage_error(["--frobnicate"], "unknown option '--frobnicate'",
                  "list, run, show, twin, step, quiz")
    s.usage_error(["--bogus"], "unknown option '--bogus'", "--version")
    s.usage_error(["help", "bogus"], "unknown command 'bogus'")
    s.usage_error(["list", "extra"], "'list' takes no arguments", "'extra'")
    s.usage_error(["list", "--jsn"], "unknown option '--jsn'", "did you mean '--json'?")
    s.usage_error(["list", "--json=1"], "'--json' takes no value")
    s.usage_error(["-x"], "unknown option '-x'")
    # run --step is the prompt: a view's options are a mistake named as such.
    s.usage_error(["run", "7", "--step", "--format", "svg"], "'--format' does not go with --step",
                  "--set")
    s.usage_error(["run", "7", "--pace", "1", "--step"], "'--pace' does not go with --step")
    s.usage_error(["run", "7", "--output-only", "-o", "/tmp/asynclab-never.svg"],
                  "--output-only does not go with -o /tmp/asynclab-never.svg", "svg view")
    s.usage_error(["run", "7", "--output-only", "--format", "json"],
                  "--output-only does not go with --format json")
    # --explain and --detail shape the lanes: beside another view they are
    # a mistake, not ignored; on a pipe they choose the lanes.
    s.usage_error(["run", "5", "--explain", "--format", "json"],
                  "--explain shapes the lanes view", "json view", "--format lanes")
    s.usage_error(["run", "5", "--detail", "loop", "-o", "/tmp/asynclab-never.svg"],
                  "--detail shapes the lanes view", "svg view")
    s.usage_error(["run", "5", "--detail", "steps", "--output-only"],
                  "--detail shapes the lanes view", "--output-only")
    s.check("--explain on a pipe draws the lanes",
            "why:" in s.success(["run", "5", "--explain", "--color", "never"]))
    s.check("--detail full --format log is the log",
            "task_step" in s.success(["run", "5", "--detail", "full", "--format", "log"]))
    # Words after the program's own options are mistakes, not ignored.
    s.usage_error(["--version", "extra"], "'--version' takes no arguments", "'extra'")
    s.usage_error(["help", "run", "extra"], "'help' takes one COMMAND", "'extra'")
    s.usage_error(["--help", "bogus"], "unknown command 'bogus'")


def check_list_json(s):
    text = s.success(["list", "--json"])
    try:
        doc = json.loads(text)
    except ValueError as e:
        s.check("list --json parses", False, str(e))
        return []
    s.check("list --json is one line", text.count("\n") == 1)
    s.check("list --json version", doc.get("version") == 1)
    s.check("list --json keys", list(doc) == ["version", "lessons"], list(doc))
    lessons = doc.get("lessons", [])
    for i, l in enumerate(lessons):
        s.check(f"lesson keys {i}", list(l) == LESSON_KEYS, list(l))
        s.check(f"lesson id {i}", l.get("id") == f"lesson{l.get('number')}")
        for p in l.get("params", []):
            s.check(f"param keys {p.get('name')}", list(p) == PARAM_KEYS, list(p))
            s.check(f"param type {p.get('name')}", p.get("type") in TYPES)
            ints = p.get("type") in ("int", "int_list", "bool")
            for k in ("min", "max"):
                v = p.get(k)
                s.check(f"param {p.get('name')} {k} is a number",
                        isinstance(v, int) if ints else isinstance(v, (int, float)),
                        repr(v))
    return lessons


def check_lessons_args(s, lessons):
    valid = "no lessons are built in"
    if lessons:
        lo, hi = lessons[0]["number"], lessons[-1]["number"]
        valid = f"valid: {lo}-{hi}" if lo != hi else f"valid: {lo}"
    for cmd in ("run", "show", "twin"):
        s.usage_error([cmd], f"'{cmd}' needs a LESSON", valid)
        s.usage_error([cmd, "nosuchlesson"], "unknown lesson 'nosuchlesson'", valid)
        s.usage_error([cmd, "999"], "unknown lesson '999'", valid)
        s.usage_error([cmd, "lesson0"], "unknown lesson 'lesson0'")
        s.usage_error([cmd, "--bogus", "1"], "unknown option '--bogus'", "--help")
    if lessons:
        slug = lessons[0]["slug"]
        typo = slug[:-1] if len(slug) > 3 else slug + "x"
        s.usage_error(["run", typo], f"unknown lesson '{typo}'", f"did you mean '{slug}'?")
        s.usage_error(["twin", "1", "2"], "takes one LESSON", "'2'")
        s.usage_error(["run", "1", "2"], "takes one LESSON", "'2'")
    s.usage_error(["run", "1", "--format"], "'--format' needs a value", "log|json")
    s.usage_error(["run", "1", "--format", "xml"], "'--format' must be one of lanes|log|json", "'xml'")
    s.usage_error(["run", "1", "--format=yaml"], "'--format' must be one of lanes|log|json", "'yaml'")
    s.usage_error(["run", "1", "--frmat", "json"], "did you mean '--format'?")
    s.usage_error(["run", "1", "--set"], "'--set' needs a value", "NAME=VALUE")
    s.usage_error(["run", "1", "--no-color=yes"], "'--no-color' takes no value")
    for bad in ("fast", "0", "-1", "nan", "inf", "", "1e9", "0x2"):
        s.usage_error(["run", "1", "--speed", bad], "'--speed' must be a number",
                      f"got '{bad}'")
    s.usage_error(["run", "nope\nsecond line"], "unknown lesson 'nope\\x0asecond line'")
    # Bytes a terminal would hide or obey: invalid UTF-8 (passed as
    # surrogate escapes) and a C1 control; valid UTF-8 passes through.
    s.usage_error(["run", "a\udcffb"], "unknown lesson 'a\\xffb'")
    s.usage_error(["run", "\u009b31mX"], "unknown lesson '\\xc2\\x9b31mX'")
    s.usage_error(["run", "é→"], "unknown lesson 'é→'")
    # Help for a lesson that does not exist says so, rather than leaving
    # out the parameters the student asked for.
    s.usage_error(["run", "nosuchlesson", "--help"], "unknown lesson 'nosuchlesson'", valid)


def spell(kind, x):
    if kind in ("int", "int_list", "bool"):
        return str(int(x))
    return repr(float(x))


def bad_values(p):
    """Values parameter p must refuse, each with a reason."""
    kind, lo, hi = p["type"], p["min"], p["max"]
    common = ["", "1x", "nan", "inf", "0x10", " ", "--1", "1 2"]
    if kind == "bool":
        return common + ["yes", "True", "1", "TRUE"]
    below, above = spell(kind, lo - 1), spell(kind, hi + 1)
    out = common + [below, above]
    if kind in ("int", "int_list"):
        out += ["1.5", "1e3"]
    if kind.endswith("_list"):
        ok = spell(kind, lo)
        out += [ok + ",", "," + ok, ok + ",," + ok, ok + "," + above,
                ",".join([ok] * (p["max_len"] + 1))]
    return out


def good_values(p):
    kind, lo, hi = p["type"], p["min"], p["max"]
    if kind == "bool":
        return ["true", "false"]
    vals = [spell(kind, lo), spell(kind, hi), p["default"]]
    if kind.endswith("_list"):
        vals.append(",".join([spell(kind, lo)] * p["max_len"]))
    return vals


def check_params(s, lesson):
    n, params = lesson["number"], lesson["params"]
    num = str(n)
    names = ", ".join(p["name"] for p in params)
    s.usage_error(["run", num, "--set", "zzzz=1"], f"lesson {n} has no parameter 'zzzz'",
                  names if params else "it takes none")
    s.usage_error(["run", num, "--set", "nothing"], "'--set' needs NAME=VALUE", "'nothing'")
    s.usage_error(["run", num, "--set", "=5"], "'--set' needs NAME=VALUE", "'=5'")
    for p in params:
        name = p["name"]
        for bad in bad_values(p):
            s.usage_error(["run", num, "--set", f"{name}={bad}"],
                          f"parameter '{name}' of lesson {n} must be", f"got '{bad}'")
        for good in good_values(p):
            p_ok = s.run("run", num, "--output-only", "--set", f"{name}={good}")
            # A lesson's own check may refuse a combination (exit 2), but
            # never the value itself.
            s.check(f"run {n} --set {name}={good}",
                    p_ok.returncode in (0, 1, 2) and b"must be" not in p_ok.stderr,
                    p_ok.stderr.decode())
        if len(name) > 3 and name[:-1] not in (q["name"] for q in params):
            s.usage_error(["run", num, "--set", name[:-1] + "=1"], f"did you mean '{name}'?")
    if params:
        p = params[0]
        base = s.run("run", num, "--output-only").stdout
        last = s.run("run", num, "--output-only", "--set", f"{p['name']}={good_values(p)[0]}",
                     f"--set={p['name']}={p['default']}").stdout
        s.check(f"lesson {n}: the last --set wins", base == last)


def check_run(s, lesson):
    n = lesson["number"]
    num = str(n)
    out = s.run("run", num, "--output-only")
    # A lesson may fail by design (a deadlock is a lesson too): then every
    # format must fail the same way, ending with one line saying why (the
    # runtime may report, as CPython does, an exception never retrieved).
    rc = out.returncode
    err = out.stderr.decode()
    s.check(f"run {n} --output-only exits 0 or 1", rc in (0, 1), err)
    s.check(f"run {n}: stderr matches the exit status",
            (rc == 0 and not err) or
            (rc == 1 and err.endswith("\n") and
             err.splitlines()[-1].startswith(f"asynclab: lesson {n} (")
             and " failed" in err.splitlines()[-1]), err)
    for spelling in (f"lesson{n}", f"{n:02d}", lesson["slug"], f"LESSON{n}"):
        same = s.run("run", spelling, "--output-only")
        s.check(f"run {spelling} is lesson {n}", same.stdout == out.stdout)

    log = s.ran(["run", num], rc)
    s.check(f"run {n}: header names the lesson", f"Lesson {n}" in log.splitlines()[0])
    s.check(f"run {n}: no colour into a pipe", "\033" not in log)
    wide = [line for line in log.splitlines() if len(line) > 100 and " print " not in line]
    s.check(f"run {n}: lines fit 100 columns", not wide, wide[:2])
    printed = [line.split("│ ", 1)[1] for line in log.splitlines() if " print " in line]
    s.check(f"run {n}: log shows each output line",
            printed == out.stdout.decode().splitlines(), printed[:3])

    js = s.ran(["run", num, "--format", "json"], rc)
    events = []
    try:
        events = [json.loads(line) for line in js.splitlines()]
    except ValueError as e:
        s.check(f"run {n} --format json parses", False, str(e))
    s.check(f"run {n}: json has events", events)
    # version 2: "raised" follows b on a task_done whose coroutine raised
    s.check(f"run {n}: json keys",
            all(list(e) == EVENT_KEYS + (["raised"] if e.get("raised") is True else [])
                for e in events), events[:1])
    s.check(f"run {n}: json raised only on task_done",
            all(e["kind"] == "task_done" for e in events if "raised" in e))
    s.check(f"run {n}: json seq counts from 1",
            [e["seq"] for e in events] == list(range(1, len(events) + 1)))
    outs = [e["a"] for e in events if e["kind"] == "output"]
    s.check(f"run {n}: json output events", outs == out.stdout.decode().splitlines())
    s.check(f"run {n} --format=json", s.ran(["run", num, "--format=json"], rc) == js)


def check_texts(s, lesson):
    n, slug = lesson["number"], lesson["slug"]
    stem = f"{n:02d}-{slug}"
    path = os.path.join(SRC, "lessons", stem, stem + ".py")
    p = s.run("twin", str(n))
    if not os.path.exists(path):
        s.check(f"twin {n} without a .py fails", p.returncode == 1 and
                p.stderr.count(b"\n") == 1, p.stderr.decode())
        return
    with open(path, "rb") as f:
        s.check(f"twin {n} is {stem}.py byte for byte", p.stdout == f.read())
    md = os.path.join(SRC, "lessons", stem, stem + ".md")
    show = s.run("show", str(n))
    if os.path.exists(md):
        s.check(f"show {n} has narrative and twin", show.returncode == 0 and
                p.stdout.decode() in show.stdout.decode())
    else:
        s.check(f"show {n} without a .md fails", show.returncode == 1)


def check_output_failures(s, lessons):
    """A closed pipe is a quiet 0; a full disk is exit 1 with one line."""
    args = ["run", str(lessons[0]["number"])] if lessons else ["list"]
    r, w = os.pipe()
    os.close(r)
    p = s.run(*args, stdout=w)
    os.close(w)
    s.check("closed pipe: exit 0", p.returncode == 0, f"exit {p.returncode}")
    s.check("closed pipe: quiet", not p.stderr, p.stderr.decode())
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            p = s.run(*args, stdout=full)
        err = p.stderr.decode()
        s.check("full disk: exit 1", p.returncode == 1, f"exit {p.returncode}")
        s.check("full disk: one line", err.count("\n") == 1 and
                err.startswith("asynclab: cannot write"), err)


def tty_run(s, args, env, cols=0):
    """Run with stdout on a pseudo-terminal (cols wide, if given);
    returns the exit status and what it printed."""
    import fcntl
    import pty
    import struct
    import termios
    master, slave = pty.openpty()
    if cols:
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, cols, 0, 0))
    p = s.run(*args, env=env, stdout=slave)
    os.close(slave)
    out = b""
    try:
        while True:
            chunk = os.read(master, 65536)
            if not chunk:
                break
            out += chunk
    except OSError:  # EIO: the terminal's other end is closed and drained
        pass
    os.close(master)
    return p.returncode, out


def check_color(s, lessons):
    """Colour on a terminal only, and never with --no-color or NO_COLOR."""
    if not lessons:
        return
    args = ["run", str(lessons[0]["number"])]
    tty = {"TERM": "xterm"}
    rc, out = tty_run(s, args, tty)
    s.check("colour on a terminal", b"\033[" in out, out[:80])
    rc, out = tty_run(s, args + ["--no-color"], tty)
    s.check("--no-color", b"\033[" not in out and rc in (0, 1), out[:80])
    rc, out = tty_run(s, args, dict(tty, NO_COLOR="1"))
    s.check("NO_COLOR", b"\033[" not in out and rc in (0, 1), out[:80])
    rc, out = tty_run(s, args, {"TERM": "dumb"})
    s.check("TERM=dumb", b"\033[" not in out and rc in (0, 1), out[:80])


def check_widths(s, lessons):
    """On a terminal, the usage screen and the list fit its width (60 and
    80 columns: a laptop and a projector), with every title in one column;
    every --help text fits 80 columns."""
    import unicodedata

    def cols(line):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    for width in (60, 80):
        for args in ([], ["list"]):
            rc, out = tty_run(s, args, {"TERM": "xterm", "NO_COLOR": "1"}, cols=width)
            lines = out.decode("utf-8", "replace").replace("\r", "").splitlines()
            wide = [line for line in lines if cols(line) > width]
            s.check(f"{' '.join(args) or 'usage'} fits a {width}-column terminal",
                    rc == 0 and lines and not wide, wide[:2])
            starts = {line.index(lesson["title"] + ":") for line in lines
                      for lesson in lessons
                      if line.startswith(f"  {lesson['number']:2d}  ")}
            s.check(f"{' '.join(args) or 'usage'}: titles in one column at {width}",
                    len(starts) <= 1, sorted(starts))
    helps = [[c, "--help"] for c in ("list", "run", "show", "twin", "step", "quiz")]
    helps += [["run", str(lesson["number"]), "--help"] for lesson in lessons]
    for args in helps:
        wide = [line for line in s.success(args).splitlines() if cols(line) > 80]
        s.check(f"{' '.join(args)} fits 80 columns", not wide, wide[:2])


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: cli_test.py PATH/TO/asynclab\n")
        return 2
    if not os.access(argv[1], os.X_OK):
        print(f"FAIL no executable at {argv[1]}")
        print("0 passed, 1 failed")
        return 1
    s = Suite(argv[1])
    check_program(s)
    lessons = check_list_json(s)
    wide = [line for line in s.success(["list"]).splitlines() if len(line) > 100]
    s.check("list fits 100 columns", not wide, wide[:2])
    check_lessons_args(s, lessons)
    if not lessons:
        s.skip("lessons", "no lessons are built in")
    for lesson in lessons:
        check_params(s, lesson)
        check_run(s, lesson)
        check_texts(s, lesson)
    check_output_failures(s, lessons)
    check_color(s, lessons)
    check_widths(s, lessons)
    tail = f", {s.skipped} skipped" if s.skipped else ""
    print(f"{s.passed} passed, {s.failed} failed{tail}")
    return 1 if s.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
