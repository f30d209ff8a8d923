#!/usr/bin/env python3
"""The views of a run, end to end: lanes, JSON, Chrome, Mermaid and SVG.

Usage: views_test.py ASYNCLAB GOLDEN_DIR SCHEMA [--update]

For every lesson:
  - lanes at 80 columns and mermaid equal their reviewed golden copies
    (GOLDEN_DIR/lessonNN.lanes, lessonNN.md);
  - lanes at 60, 80 and 120 columns have no line wider than the width;
  - every JSON Lines event validates against the schema in docs/;
  - the Chrome trace parses, names a track per rail and one for the loop,
    has X slices, output instants, and flows whose every flow_in has one
    flow_out with the same bind_id, both on X events;
  - every Mermaid window is under 50,000 characters, declares its
    participants and balances its activations;
  - the SVG is well-formed XML, and renders to PNG in headless Chromium
    (skipped, with the reason printed, only where Chromium cannot start).
Lesson 7's default lanes fit in 60 rows at 80 columns.
Live playback: under --realtime, lanes, log, json and chrome write their
first line within 4 s while lesson 7 is still running (at --speed 0.5
it takes 9 s), and Ctrl-C
(SIGINT) stops it within seconds, exit 1, "stopped by Ctrl-C", colours
reset; --pace shows a line and then waits; mermaid and svg under
--realtime are written whole, equal to the recorded run's.
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


def run(exe, args, width=80, check=True):
    env = dict(os.environ, COLUMNS=str(width))
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


def check_lanes(exe, n, width):
    p = run(exe, [str(n), "--format", "lanes", "--no-color"], width)
    bad = [l for l in p.stdout.splitlines() if len(l) > width]
    return [f"lesson {n} lanes at {width}: {len(bad)} lines wider, e.g. {bad[0]!r}"] if bad else []


def check_chrome(exe, n):
    p = run(exe, [str(n), "--format", "chrome"])
    d = json.loads(p.stdout)
    evs = d["traceEvents"]
    errs = []
    tracks = {e["tid"]: e["args"]["name"] for e in evs if e["ph"] == "M" and e["name"] == "thread_name"}
    if "event loop" not in tracks.values():
        errs.append(f"lesson {n} chrome: no event loop track")
    xs = [e for e in evs if e["ph"] == "X"]
    if not xs or any(e["tid"] not in tracks for e in xs):
        errs.append(f"lesson {n} chrome: X slices missing or on unnamed tracks")
    outs = [e for e in evs if e["ph"] == "i"]
    lines = run(exe, [str(n), "--output-only"]).stdout.splitlines()
    if len(outs) != len(lines):
        errs.append(f"lesson {n} chrome: {len(outs)} output instants, {len(lines)} lines printed")
    fin = {e["bind_id"] for e in xs if e.get("flow_in")}
    fout = [e["bind_id"] for e in xs if e.get("flow_out")]
    if sorted(fin) != sorted(fout) or len(set(fout)) != len(fout):
        errs.append(f"lesson {n} chrome: flows unpaired: {len(fin)} in, {len(fout)} out")
    for e in xs:  # each cause slice lies inside a step slice on its track
        if e.get("cat") != "cause":
            continue
        if not any(s["tid"] == e["tid"] and s.get("cat") == "step" and s["ts"] <= e["ts"]
                   and e["ts"] + e["dur"] <= s["ts"] + s["dur"] for s in xs):
            errs.append(f"lesson {n} chrome: cause slice at {e['ts']} outside any step")
            break
    if n >= 4 and not fin:
        errs.append(f"lesson {n} chrome: no flows")
    return errs


def check_mermaid(exe, n, golden, update):
    p = run(exe, [str(n), "--format", "mermaid"])
    errs = compare(p.stdout, golden, update, f"lesson {n} mermaid")
    blocks = re.findall(r"```mermaid\n(.*?)```", p.stdout, re.S)
    if not blocks:
        errs.append(f"lesson {n} mermaid: no diagram")
    for b in blocks:
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


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def check_svg(exe, n, pngdir):
    p = run(exe, [str(n), "--format", "svg"])
    errs = []
    try:
        root = ET.fromstring(p.stdout)
    except ET.ParseError as e:
        return [f"lesson {n} svg: not well-formed: {e}"]
    if not root.tag.endswith("svg") or not root.findall(".//{http://www.w3.org/2000/svg}rect"):
        errs.append(f"lesson {n} svg: no svg root or no bars")
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
        if rc != 1 or "stopped by Ctrl-C" not in err:
            errs.append(f"{what}: after SIGINT exit {rc}, stderr {err.strip()[-80:]!r}")
        if "always" in args and (line + rest).rstrip("\n").rfind("\033[") != \
                len((line + rest).rstrip("\n")) - 4:
            errs.append(f"{what}: the output does not end with a colour reset")
    for f in ("mermaid", "svg"):
        whole = run(exe, ["7", "--format", f]).stdout
        live = run(exe, ["7", "--format", f, "--realtime", "--speed", "1000"]).stdout
        if whole != live:
            errs.append(f"live {f}: differs from the recorded run's {f}")
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
        js = run(exe, [str(n), "--format", "json"]).stdout.splitlines()
        errs = []
        for i, line in enumerate(js):
            errs += check_schema(json.loads(line), schema, f"lesson {n} json line {i + 1}")
        checks.append(errs[:5])
        checks.append(check_chrome(exe, n))
        checks.append(check_mermaid(exe, n, gdir / f"lesson{n:02d}.md", update))
        checks.append(check_svg(exe, n, pngdir))
        for c in checks:
            failures += c
            passed += not c
    rows = len(run(exe, ["7", "--format", "lanes", "--no-color"], 80).stdout.splitlines())
    if rows > 60:
        failures.append(f"lesson 7 lanes at 80 columns: {rows} rows, want at most 60")
    else:
        passed += 1
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
