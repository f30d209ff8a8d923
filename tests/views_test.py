#!/usr/bin/env python3
"""The views of a run, end to end: lanes, JSON, Chrome, Mermaid and SVG.

Usage: views_test.py ASYNCLAB GOLDEN_DIR SCHEMA [--update]

For every lesson:
  - lanes at 80 columns, mermaid, JSON Lines, Chrome and SVG equal their
    reviewed golden copies (GOLDEN_DIR/lessonNN.lanes, .md, .jsonl,
    .chrome.json, .svg; the log's are tests/golden/lessonNN.log);
  - lanes at 60, 80 and 120 columns have no line wider than the width;
  - the lanes' acts (creates, cancels, blocks) come after the same printed lines
    as in the trace, so a row reads in the order things happened;
  - every JSON Lines event validates against the schema in docs/, and
    names the event the log names on its line (same seq, kind, actor);
  - the Chrome trace parses, names a track per rail and one for the loop,
    has X slices properly nested on each track, thread-scoped output
    instants, and flows whose every flow_in has one flow_out with the same
    hex bind_id, both on X events, the flow_out earlier and named after
    the tracks its arrows end on ("wakes child-0 (2)"), one cause slice
    per instant of a track (a cause that wakes three steps has three
    arrows, not three slices stacked);
  - every Mermaid window is under 50,000 characters, declares its
    participants and balances its activations;
  - the SVG is well-formed XML, its output dots do not overlap and each
    has its line as a tooltip, no two rails share a name, it says what
    its x axis measures (and a run in which no time passes has no time
    labels), and it renders to PNG in headless Chromium (skipped, with
    the reason printed, only where Chromium cannot start).
Lesson 7's default lanes fit in 60 rows at 80 columns.
The schema's kinds are trace.h's.  Lessons 7 and 9's diagrams, forced
into small windows (ASYNCLAB_MERMAID_WINDOW), split into whole diagrams
that cover the events in order and say what the single one says.
Lessons 7 and 1's Chrome traces load in the DevTools trace engine that
Chromium bundles, with a thread per track and an entry per X slice
(skipped, with the reason, where node or Chromium cannot run).
Live playback: under --realtime, lanes, log, json and chrome write their
first line within 4 s while lesson 7 is still running (at --speed 0.5
it takes 9 s), and Ctrl-C
(SIGINT) stops it within seconds, exit 1, "stopped by Ctrl-C", colours
reset; --pace shows a line and then waits; mermaid and svg under
--realtime are written whole, equal to the recorded run's; live lanes at
80 columns equal the whole run's for every lesson.
The last line is "N passed, M failed"; the exit status is 1 on failure.
"""

import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path


def run(exe, args, width=80, check=True, extra_env=None):
    env = dict(os.environ, COLUMNS=str(width), **(extra_env or {}))
    env.pop("NO_COLOR", None)
    p = subprocess.run([exe, "run", *args], capture_output=True, text=True, env=env, timeout=120)
    if check and p.returncode not in (0, 1):
        raise RuntimeError(f"{args}: exit {p.returncode}: {p.stderr}")
    return p


def lessons(exe):
    out = subprocess.run([exe, "list", "--json"], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    items = data["lessons"] if isinstance(data, dict) else data
    return [int(x["number"]) for x in items]


def check_schema(value, schema, where):
    """A small JSON Schema subset: type (or list of types), enum, required,
    properties, additionalProperties false, minimum."""
    types = schema.get("type")
    if types is not None:
        types = types if isinstance(types, list) else [types]
        names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
        t = names.get(type(value))
        if isinstance(value, bool):
            t = "boolean"
        elif isinstance(value, int):
            t = "integer"
        elif isinstance(value, float):
            t = "number"
        if not (t in types or (t == "integer" and "number" in types)):
            return [f"{where}: {value!r} is {t}, want {types}"]
    errs = []
    if "enum" in schema and value not in schema["enum"]:
        errs.append(f"{where}: {value!r} not in {schema['enum'][:5]}...")
    if "minimum" in schema and isinstance(value, (int, float)) and value < schema["minimum"]:
        errs.append(f"{where}: {value} < {schema['minimum']}")
    if isinstance(value, dict):
        for k in schema.get("required", []):
            if k not in value:
                errs.append(f"{where}: missing {k}")
        props = schema.get("properties", {})
        for k, v in value.items():
            if k in props:
                errs += check_schema(v, props[k], f"{where}.{k}")
            elif schema.get("additionalProperties") is False:
                errs.append(f"{where}: unexpected field {k}")
    return errs


def check_lanes(exe, n, width, sets=()):
    args = [str(n), "--format", "lanes", "--no-color"] + [a for kv in sets for a in ("--set", kv)]
    p = run(exe, args, width)
    bad = [l for l in p.stdout.splitlines() if len(l) > width]
    what = f"lesson {n} {' '.join(sets)}".rstrip()
    return [f"{what} lanes at {width}: {len(bad)} lines wider, e.g. {bad[0]!r}"] if bad else []


def check_order(exe, n, js):
    """Each 'creates X', 'cancels X' or 'blocked the loop' in the lanes
    comes after as many of the program's printed lines as its event does
    in the trace (js, the run's JSON Lines): a row's acts may not jump
    ahead of its prints.  Read at 400 columns, so no act is wrapped."""
    acts, printed = [], 0
    for e in map(json.loads, js):
        if e["kind"] == "output":
            printed += str(e["a"]).count("\n") + 1
        elif e["kind"] in ("task_new", "create"):
            acts.append(("creates", e["actor"], printed))
        elif e["kind"] == "cancel" and e["other"]:
            acts.append(("cancels", e["other"], printed))
        elif e["kind"] == "block" and isinstance(e["a"], float):
            acts.append(("blocked", "the loop", printed))
    lanes = run(exe, [str(n), "--format", "lanes", "--no-color"], 400).stdout
    seen, i, errs = 0, 0, []
    for line in lanes.splitlines():
        words = line.partition("» ")[0]  # acts come before a row's print
        for m in re.finditer(r"(creates|cancels|blocked) (the loop|(?:[\w#.-]+(?:, )?)+)", words):
            for name in m.group(2).split(", "):
                while i < len(acts) and acts[i][:2] != (m.group(1), name):
                    i += 1
                if i == len(acts):
                    return errs + [f"lesson {n} lanes: '{m.group(1)} {name}' is not in the trace in that order"]
                if acts[i][2] != seen:
                    errs.append(f"lesson {n} lanes: '{m.group(1)} {name}' after {seen} printed lines, "
                                f"the trace's after {acts[i][2]}")
                i += 1
        seen += line.count("» ")
    return errs


def nesting_errors(xs):
    """Perfetto and DevTools stack the X slices of a track: each must lie
    inside the one still open or begin after it ends.  Returns the first
    overlap found, or None."""
    by_tid = {}
    for e in xs:
        by_tid.setdefault(e["tid"], []).append(e)
    for tid, evs in by_tid.items():
        stack = []
        for e in sorted(evs, key=lambda e: (e["ts"], -e["dur"])):
            while stack and stack[-1] <= e["ts"]:
                stack.pop()
            if stack and e["ts"] + e["dur"] > stack[-1]:
                return f"track {tid}: slice at {e['ts']} overlaps the end of one open until {stack[-1]}"
            stack.append(e["ts"] + e["dur"])
    return None


def check_chrome(exe, n, golden, update):
    p = run(exe, [str(n), "--format", "chrome"])
    errs = compare(p.stdout, golden, update, f"lesson {n} chrome")
    d = json.loads(p.stdout)
    evs = d["traceEvents"]
    tracks = {e["tid"]: e["args"]["name"] for e in evs if e["ph"] == "M" and e["name"] == "thread_name"}
    if n >= 4 and "event loop" not in tracks.values():
        errs.append(f"lesson {n} chrome: no event loop track")
    used = {e["tid"] for e in evs if e["ph"] != "M"}
    if set(tracks) != used:
        errs.append(f"lesson {n} chrome: named tracks {sorted(tracks)}, tracks used {sorted(used)}")
    if len(set(tracks.values())) != len(tracks):
        errs.append(f"lesson {n} chrome: two tracks share a name: {sorted(tracks.values())}")
    xs = [e for e in evs if e["ph"] == "X"]
    if not xs or any(e["tid"] not in tracks for e in xs):
        errs.append(f"lesson {n} chrome: X slices missing or on unnamed tracks")
    if any(not isinstance(e["ts"], int) or not isinstance(e.get("dur"), int) or e["dur"] < 1
           for e in xs):
        errs.append(f"lesson {n} chrome: an X slice without a whole positive dur")
    outs = [e for e in evs if e["ph"] == "i"]
    lines = run(exe, [str(n), "--output-only"]).stdout.splitlines()
    if len(outs) != len(lines) or any(e.get("s") != "t" or e["tid"] not in tracks for e in outs):
        errs.append(f"lesson {n} chrome: {len(outs)} thread instants, {len(lines)} lines printed")
    fin = {e["bind_id"]: e for e in xs if e.get("flow_in")}
    fout = {e["bind_id"]: e for e in xs if e.get("flow_out")}
    nout = sum(1 for e in xs if e.get("flow_out"))
    if set(fin) != set(fout) or nout != len(fout):
        errs.append(f"lesson {n} chrome: flows unpaired: {len(fin)} in, {nout} out")
    for b in set(fin) & set(fout):  # the importer sorts by ts: the start must come first
        if not fout[b]["ts"] < fin[b]["ts"]:
            errs.append(f"lesson {n} chrome: flow {b} ends at {fin[b]['ts']}, "
                        f"not after it starts at {fout[b]['ts']}")
            break
        if not re.fullmatch(r"0x[0-9a-f]+", b):
            errs.append(f"lesson {n} chrome: bind_id {b!r} is not a hex id")
            break
    ins = {}  # bind_id: the tracks its arrows end on, in time order
    for e in sorted((e for e in xs if e.get("flow_in")), key=lambda e: e["ts"]):
        ins.setdefault(e["bind_id"], []).append(tracks.get(e["tid"]))
    for b in set(fin) & set(fout):  # the cause names the tracks its arrows end on
        woken = ", ".join(ins[b])
        if fout[b]["name"] not in (f"wakes {woken}", f"timer fires for {woken}"):
            errs.append(f"lesson {n} chrome: cause {fout[b]['name']!r} at {fout[b]['ts']} "
                        f"wakes steps on tracks {woken!r}")
            break
    causes = [(e["tid"], e["ts"]) for e in xs if e.get("cat") == "cause"]
    if len(set(causes)) != len(causes):  # one slice per cause, not a stack at one instant
        errs.append(f"lesson {n} chrome: two cause slices on one track at one instant")
    for e in xs:  # each cause slice lies inside a step slice on its track
        if e.get("cat") != "cause":
            continue
        if not any(s["tid"] == e["tid"] and s.get("cat") == "step" and s["ts"] <= e["ts"]
                   and e["ts"] + e["dur"] <= s["ts"] + s["dur"] for s in xs):
            errs.append(f"lesson {n} chrome: cause slice at {e['ts']} outside any step")
            break
    bad = nesting_errors(xs)
    if bad:
        errs.append(f"lesson {n} chrome: {bad}")
    if n >= 4 and not fin:
        errs.append(f"lesson {n} chrome: no flows")
    return errs


def check_devtools(exe, n):
    """Loads lesson n's Chrome trace into the trace engine of the DevTools
    that Chromium bundles (tests/devtools_trace.mjs, through node and the
    DevTools protocol): every named track must come out as a thread with
    as many entries as it has X slices.  Skipped, with the reason, where
    node or chromium is missing or cannot start."""
    node, browser = shutil.which("node"), chromium()
    if not node or not browser:
        print(f"skip: lesson {n} chrome in DevTools: no {'node' if not node else 'chromium'}")
        return []
    v = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    major = int(v.lstrip("v").split(".")[0]) if re.match(r"v\d+\.", v) else 0
    if major < 20:  # WebSocket came in node 20 (behind a flag) and 22
        print(f"skip: lesson {n} chrome in DevTools: node {v or '?'} has no WebSocket (20 or later)")
        return []
    flags = ["--experimental-websocket"] if major < 22 else []
    script = Path(__file__).with_name("devtools_trace.mjs")
    text = run(exe, [str(n), "--format", "chrome"]).stdout
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:
        f = Path(tmp) / "trace.json"
        f.write_text(text)
        try:
            r = subprocess.run([node, *flags, str(script), browser, str(f), tmp],
                               capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            print(f"skip: lesson {n} chrome in DevTools: no answer within 120 s")
            return []
    if r.returncode == 3:
        print(f"skip: lesson {n} chrome in DevTools: {r.stdout.strip()[-200:]}")
        return []
    if r.returncode != 0:
        return [f"lesson {n} chrome in DevTools: {(r.stdout + r.stderr).strip()[-300:]}"]
    got = json.loads(r.stdout)
    d = json.loads(text)
    names = {e["tid"]: e["args"]["name"] for e in d["traceEvents"]
             if e["ph"] == "M" and e["name"] == "thread_name"}
    want = {names[t]: sum(1 for e in d["traceEvents"] if e["ph"] == "X" and e["tid"] == t)
            for t in names}
    have = {t["name"]: t["entries"] for t in got["threads"]}
    if want != {k: have.get(k) for k in want}:
        return [f"lesson {n} chrome in DevTools: threads {have}, want {want}"]
    return []


def diagram_errors(n, b):
    """One window's diagram: under Mermaid's limit, every participant it
    names declared in it, and its activations balanced."""
    errs = []
    if len(b) >= 50000:
        errs.append(f"lesson {n} mermaid: a window of {len(b)} characters")
    declared = set(re.findall(r"^\s*participant (\w+)", b, re.M))
    depth = {}
    for m in re.finditer(r"^\s*(\w+)--?(?:>>|>|\)|x)([+-]?)(\w+):", b, re.M):
        src, mark, dst = m.groups()
        for who in (src, dst):
            if who not in declared:
                errs.append(f"lesson {n} mermaid: undeclared {who}")
        if mark == "+":
            depth[dst] = depth.get(dst, 0) + 1
        elif mark == "-":
            depth[src] = depth.get(src, 0) - 1
            if depth[src] < 0:
                errs.append(f"lesson {n} mermaid: {src} deactivated while inactive")
    if any(depth.values()):
        errs.append(f"lesson {n} mermaid: activations left open: {depth}")
    return errs


def check_mermaid(exe, n, golden, update):
    p = run(exe, [str(n), "--format", "mermaid"])
    errs = compare(p.stdout, golden, update, f"lesson {n} mermaid")
    blocks = re.findall(r"```mermaid\n(.*?)```", p.stdout, re.S)
    if not blocks:
        errs.append(f"lesson {n} mermaid: no diagram")
    for b in blocks:
        errs += diagram_errors(n, b)
    return errs


def mermaid_lines(text):
    """The diagram lines of every window, without what each window repeats
    (its heading, fence, participants, comment) or the clock notes that a
    window restates at its start."""
    out = []
    for b in re.findall(r"```mermaid\n(.*?)```", text, re.S):
        for line in b.splitlines():
            if re.match(r"\s*(sequenceDiagram|participant |%%|Note over L: [0-9.]+ s$)", line):
                continue
            out.append(line)
    return out


def check_mermaid_split(exe, n, window=3000):
    """ASYNCLAB_MERMAID_WINDOW forces lesson n's diagram into windows: each
    must be a whole diagram under the size, the windows must cover the
    events in order with no gap, and together say what the single window
    says."""
    whole = run(exe, [str(n), "--format", "mermaid"]).stdout
    split = run(exe, [str(n), "--format", "mermaid"],
                extra_env={"ASYNCLAB_MERMAID_WINDOW": str(window)}).stdout
    errs = []
    heads = [tuple(map(int, m)) for m in re.findall(r"^## Window \d+: events (\d+) to (\d+)", split, re.M)]
    blocks = re.findall(r"```mermaid\n(.*?)```", split, re.S)
    total = len(run(exe, [str(n), "--format", "json"]).stdout.splitlines())
    if len(heads) < 2 or len(heads) != len(blocks):
        return [f"lesson {n} mermaid split at {window}: {len(heads)} windows, {len(blocks)} diagrams"]
    if heads[0][0] != 1 or heads[-1][1] != total or any(
            a[1] + 1 != b[0] for a, b in zip(heads, heads[1:])):
        errs.append(f"lesson {n} mermaid split: windows cover {heads}, want 1..{total} in order")
    big = [len(b) for b in blocks if len(b) > window]
    if big:
        errs.append(f"lesson {n} mermaid split: windows of {big} characters, over {window}")
    for i, b in enumerate(blocks):
        errs += [f"window {i + 1}: {e}" for e in diagram_errors(n, b)]
    if mermaid_lines(split) != mermaid_lines(whole):
        errs.append(f"lesson {n} mermaid split: the windows do not say what the whole diagram says")
    return errs


def check_json_log(exe, n, lines):
    """Line i of the JSON is event i, and the log (another renderer, its
    own golden) names the same event: same kind, same actor."""
    log = run(exe, [str(n), "--format", "log", "--no-color"]).stdout.splitlines()
    names = {"print": "output"}
    seen = {}
    for line in log:
        m = re.match(r"\s*(\d+)\s+(?:\d+\.\d+\s+)?(\S+)\s+(\S+)", line)
        if m and int(m.group(1)) == len(seen) + 1:
            seen[int(m.group(1))] = (m.group(2), names.get(m.group(3), m.group(3)))
    if len(seen) != len(lines):
        return [f"lesson {n} json: {len(lines)} events, the log shows {len(seen)}"]
    for i, line in enumerate(lines, 1):
        e = json.loads(line)
        if e["seq"] != i or (e["actor"], e["kind"]) != seen[i]:
            return [f"lesson {n} json line {i}: {e['seq']} {e['actor']} {e['kind']}, "
                    f"the log says {seen[i]}"]
    return []


def check_schema_kinds(schema, header):
    """The schema lists exactly the event kinds and actor kinds of the
    X-macro lists in include/asynclab/trace.h."""
    src = Path(header).read_text()
    events_part, actors_part = src.split("#define AL_ACTOR_KINDS", 1)
    events = re.findall(r'X\(\w+, "(\w+)"', events_part)
    actors = re.findall(r'X\(\w+, "(\w+)"\)', actors_part)
    errs = []
    kinds, akinds = schema["properties"]["kind"]["enum"], schema["properties"]["actor_kind"]["enum"]
    if sorted(kinds) != sorted(events) or len(kinds) != len(set(kinds)):
        errs.append(f"schema: event kinds differ from trace.h: {sorted(set(kinds) ^ set(events))}")
    if set(akinds) != set(actors) | {None} or len(akinds) != len(set(akinds)):
        errs.append(f"schema: actor kinds differ from trace.h: {sorted(map(str, set(akinds) ^ set(actors)))}")
    return errs


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def check_svg_marks(root, what):
    """The SVG's marks can be told apart: no two output dots overlap, each
    with its line as a tooltip; no two rails share a name; the page says
    what its x axis measures (a time scale, or steps when no time
    passes), and only a run in which time passes has time labels."""
    ns = "{http://www.w3.org/2000/svg}"
    errs, dots = [], []
    for g in root.iter(ns + "g"):
        c, t = g.find(ns + "circle"), g.find(ns + "title")
        if c is not None:
            if t is None or not (t.text or "").strip():
                errs.append(f"{what}: an output dot without its line as a tooltip")
            dots.append((float(c.get("cx")), float(c.get("cy")), float(c.get("r"))))
    for i, (x, y, r) in enumerate(dots):
        for (x2, y2, r2) in dots[i + 1:]:
            if (x - x2) ** 2 + (y - y2) ** 2 < (r + r2) ** 2:
                errs.append(f"{what}: output dots at ({x}, {y}) and ({x2}, {y2}) overlap")
    texts = [t for t in root.iter(ns + "text")]
    names = [t.text for t in texts if t.get("x") == "12.0" and t.get("font-weight") == "bold"
             and t.get("font-size") is None]
    dup = sorted({m for m in names if names.count(m) > 1})
    if dup:
        errs.append(f"{what}: rails share a name: {dup}")
    words = " ".join(t.text or "" for t in texts)
    timeless = "No virtual time passes" in words
    if not timeless and "= 1 s of virtual time" not in words:
        errs.append(f"{what}: the page does not say what its x axis measures")
    if timeless and re.search(r"\b\d+\.\d\d s\b", " ".join(t.text or "" for t in texts
                                                        if t.get("text-anchor") == "middle")):
        errs.append(f"{what}: no time passes, yet the axis is labelled with times")
    return errs[:5]


def check_svg(exe, n, pngdir, golden, update):
    p = run(exe, [str(n), "--format", "svg"])
    errs = compare(p.stdout, golden, update, f"lesson {n} svg")
    try:
        root = ET.fromstring(p.stdout)
    except ET.ParseError as e:
        return [f"lesson {n} svg: not well-formed: {e}"]
    if not root.tag.endswith("svg") or not root.findall(".//{http://www.w3.org/2000/svg}rect"):
        errs.append(f"lesson {n} svg: no svg root or no bars")
    errs += check_svg_marks(root, f"lesson {n} svg")
    browser = chromium()
    if not browser:
        print(f"skip: lesson {n} svg to PNG: no chromium on PATH")
        return errs
    with tempfile.TemporaryDirectory() as tmp:
        svg = Path(tmp) / "run.svg"
        svg.write_text(p.stdout)
        png = Path(pngdir or tmp) / f"lesson{n:02d}.png"
        w, h = root.get("width"), root.get("height")
        r = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                            f"--window-size={w},{h}", f"--screenshot={png}", str(svg)],
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0 or not png.exists():
            print(f"skip: lesson {n} svg to PNG: chromium could not start: "
                  f"{r.stderr.strip().splitlines()[-1:] }")
        elif png.read_bytes()[:8] != b"\x89PNG\r\n\x1a\n" or png.stat().st_size < 2000:
            errs.append(f"lesson {n} svg: chromium wrote no real PNG")
    return errs


def first_line_live(exe, args, env):
    """Starts `run ARGS`, reads its first line (waiting at most 4 s), and
    says whether it came in time, with the run still going; then
    interrupts it with SIGINT and returns (first line, in time, exit
    status, stdout rest, stderr)."""
    p = subprocess.Popen([exe, "run", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=env)
    try:
        ready, _, _ = select.select([p.stdout], [], [], 4)
        line = p.stdout.readline().decode() if ready else ""
        going = bool(ready) and p.poll() is None
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        return line, going, None, "", "did not stop within 10 s of SIGINT"
    return line, going, p.returncode, out.decode(), err.decode()


def check_live(exe):
    env = dict(os.environ, COLUMNS="80")
    env.pop("NO_COLOR", None)
    errs = []
    starts = {"lanes": "Lesson 7", "log": "Lesson 7", "json": '{"seq":1,', "chrome": '{"displayTimeUnit"'}
    cases = [([f, "--speed", "0.5"], start) for f, start in starts.items()]
    cases.append((["lanes", "--pace", "5"], "Lesson 7"))
    cases.append((["lanes", "--speed", "0.5", "--color", "always"], ""))
    for args, start in cases:
        what = "live " + " ".join(args)
        line, going, rc, rest, err = first_line_live(exe, ["7", "--format", *args], env)
        if not line.startswith(start) or not line:
            errs.append(f"{what}: first line {line[:40]!r}, want {start!r}...")
        if not going:
            errs.append(f"{what}: no first line within 4 s while the run went on")
        if rc != -signal.SIGINT or "stopped by Ctrl-C" not in err:
            errs.append(f"{what}: after SIGINT exit {rc}, stderr {err.strip()[-80:]!r}")
        if "always" in args and (line + rest).rstrip("\n").rfind("\033[") != \
                len((line + rest).rstrip("\n")) - 4:
            errs.append(f"{what}: the output does not end with a colour reset")
    helptext = subprocess.run([exe, "run", "--help"], capture_output=True, text=True).stdout
    if "can only be written whole" not in helptext or "one line at a time" not in helptext:
        errs.append("run --help: does not say which formats stream and which come whole")
    # Streamed, the same trace: JSON to the byte; Chrome event for event on
    # the same tracks (lesson 5's main and loop tracks appear late in the
    # run; only a step's "did" may lack what a later turn shows, such as a
    # blocking call's late timer).
    for n in (5, 7):
        for f in ("json", "chrome"):
            whole = run(exe, [str(n), "--format", f]).stdout
            live = run(exe, [str(n), "--format", f, "--speed", "1000"]).stdout
            if f == "chrome":
                key = lambda t: sorted(json.dumps({k: v for k, v in e.items() if k != "args"} if e["ph"] == "X" else e,
                                                  sort_keys=True) for e in json.loads(t)["traceEvents"])
                whole, live = key(whole), key(live)
            if whole != live:
                errs.append(f"live lesson {n} {f}: not the recorded run's {f}")
    for f in ("mermaid", "svg"):
        whole = run(exe, ["7", "--format", f]).stdout
        live = run(exe, ["7", "--format", f, "--realtime", "--speed", "1000"]).stdout
        if whole != live:
            errs.append(f"live {f}: differs from the recorded run's {f}")
    # Live lanes are the whole run's lanes, row for row, for every lesson:
    # a row is planned from the run up to it, a blocking call's row says
    # which timer ran late, and a new rail repeats the header as the whole
    # run does.  In colour too (a rail keeps its colour when another
    # appears).
    for n in lessons(exe):
        for colour in (["--no-color"], ["--color", "always"] if n == 5 else None):
            if colour is None:
                continue
            whole = run(exe, [str(n), "--format", "lanes", *colour]).stdout
            live = run(exe, [str(n), "--format", "lanes", "--speed", "1000", *colour]).stdout
            if whole != live:
                errs.append(f"live lesson {n} lanes {' '.join(colour)}: not the whole run's lanes")
    return errs


def compare(got, golden, update, what):
    if update:
        Path(golden).write_text(got)
        return []
    want = Path(golden).read_text() if Path(golden).exists() else None
    if want != got:
        return [f"{what}: differs from {golden}"]
    return []


def main(argv):
    exe, gdir, schema_path = argv[1], Path(argv[2]), argv[3]
    update = "--update" in argv
    pngdir = os.environ.get("ASYNCLAB_PNG_DIR")
    schema = json.loads(Path(schema_path).read_text())
    failures, passed = [], 0
    for n in lessons(exe):
        checks = []
        p = run(exe, [str(n), "--format", "lanes", "--no-color"], 80)
        checks.append(compare(p.stdout, gdir / f"lesson{n:02d}.lanes", update, f"lesson {n} lanes"))
        for width in (60, 80, 120):
            checks.append(check_lanes(exe, n, width))
        js_text = run(exe, [str(n), "--format", "json"]).stdout
        checks.append(compare(js_text, gdir / f"lesson{n:02d}.jsonl", update, f"lesson {n} json"))
        js = js_text.splitlines()
        checks.append(check_order(exe, n, js))
        errs = []
        for i, line in enumerate(js):
            errs += check_schema(json.loads(line), schema, f"lesson {n} json line {i + 1}")
        checks.append(errs[:5])
        checks.append(check_json_log(exe, n, js))
        checks.append(check_chrome(exe, n, gdir / f"lesson{n:02d}.chrome.json", update))
        checks.append(check_mermaid(exe, n, gdir / f"lesson{n:02d}.md", update))
        checks.append(check_svg(exe, n, pngdir, gdir / f"lesson{n:02d}.svg", update))
        for c in checks:
            failures += c
            passed += not c
    # More tasks than fit fold into a key of their own; the legend that
    # gains the key still fits, down to the narrowest width (40).
    for width in (40, 60):
        c = check_lanes(exe, 6, width, ["hellos=10"]) + check_lanes(exe, 10, width, ["children=6"])
        failures += c
        passed += not c
    rows = len(run(exe, ["7", "--format", "lanes", "--no-color"], 80).stdout.splitlines())
    if rows > 60:
        failures.append(f"lesson 7 lanes at 80 columns: {rows} rows, want at most 60")
    else:
        passed += 1
    for c in [check_schema_kinds(schema, Path(schema_path).parent.parent / "include" / "asynclab" / "trace.h"),
              check_mermaid_split(exe, 7), check_mermaid_split(exe, 9, 5000),
              check_devtools(exe, 7), check_devtools(exe, 1)]:
        failures += c
        passed += not c
    live = check_live(exe)
    failures += live
    passed += not live
    # -o FILE chooses the format from the name, and a bad -o is one line.
    with tempfile.TemporaryDirectory() as tmp:
        for ext, probe in ((".svg", "<svg"), (".json", "traceEvents"), (".md", "```mermaid")):
            f = Path(tmp) / ("run" + ext)
            r = run(exe, ["7", "-o", str(f)])
            ok = r.returncode == 0 and r.stdout == "" and f.exists() and probe in f.read_text()
            (failures.append(f"-o run{ext}: exit {r.returncode}") if not ok else None)
            passed += ok
    for f in failures:
        print("FAIL:", f)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
