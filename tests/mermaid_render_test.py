#!/usr/bin/env python3
"""Mermaid's own renderer draws every lesson's sequence diagram.

usage: mermaid_render_test.py ASYNCLAB CACHE_DIR

views_test.py checks the diagrams' text against reviewed goldens; this
test checks that the real viewer accepts them.  It fetches the `mermaid`
package (major version 11) from the npm registry once into CACHE_DIR,
then loads each lesson's diagrams into a page in headless Chromium, where
mermaid.run() must draw one SVG per ```mermaid block.  Mermaid rejects a
diagram with a syntax error or one over its size limit, so a renderer
change that breaks either fails here.  Lesson 7 is also drawn cut into
small windows (ASYNCLAB_MERMAID_WINDOW), so each window must stand alone.

Where npm or Chromium is missing, or the registry cannot be reached, the
test is skipped (exit 77) with the reason printed.
"""
import html
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

SKIP = 77


def fetch_mermaid(cache):
    """Returns the path of mermaid.min.js, fetching it if needed, or None."""
    js = cache / "package" / "dist" / "mermaid.min.js"
    if js.exists():
        return js
    npm = shutil.which("npm")
    if not npm:
        print("skip: no npm to fetch the mermaid package")
        return None
    cache.mkdir(parents=True, exist_ok=True)
    try:
        p = subprocess.run([npm, "pack", "mermaid@11", "--silent"], cwd=cache,
                           capture_output=True, text=True, timeout=180)
    except subprocess.TimeoutExpired:
        print("skip: npm pack mermaid@11 took over 180 s")
        return None
    tgz = cache / p.stdout.strip().splitlines()[-1] if p.returncode == 0 and p.stdout.strip() else None
    if not tgz or not tgz.exists():
        print(f"skip: npm pack mermaid@11 failed: {p.stderr.strip()[:200]}")
        return None
    with tarfile.open(tgz) as t:
        t.extractall(cache, filter="data") if hasattr(tarfile, "data_filter") else t.extractall(cache)
    return js if js.exists() else None


def page(js, blocks):
    pre = "".join(f'<pre class="mermaid">{html.escape(b)}</pre>' for b in blocks)
    return f"""<html><head><title>loading</title></head><body>
<script src="{js.as_uri()}"></script>{pre}
<script>mermaid.initialize({{startOnLoad: false}});
mermaid.run().then(() => {{ document.title = 'drawn ' + document.querySelectorAll('pre.mermaid > svg').length; }})
  .catch(e => {{ document.title = 'error ' + e; }});</script></body></html>"""


def draw(browser, js, text, tmp, name):
    """Returns None if every block of text was drawn, else what went wrong."""
    blocks = re.findall(r"```mermaid\n(.*?)```", text, re.S)
    if not blocks:
        return "no ```mermaid block"
    f = Path(tmp) / f"{name}.html"
    f.write_text(page(js, blocks))
    try:
        p = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu",
                            "--virtual-time-budget=30000", "--dump-dom", f.as_uri()],
                           capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return "Chromium took over 120 s"
    m = re.search(r"<title>([^<]*)</title>", p.stdout)
    title = html.unescape(m.group(1)) if m else "(no page)"
    return None if title == f"drawn {len(blocks)}" else f"{title} (want drawn {len(blocks)})"


def main(argv):
    exe, cache = argv[1], Path(argv[2])
    browser = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")
                    if shutil.which(b)), None)
    if not browser:
        print("skip: no Chromium to run Mermaid in")
        return SKIP
    js = fetch_mermaid(cache)
    if not js:
        return SKIP
    lessons = [int(m) for m in re.findall(r"^ *(\d+) ", subprocess.run(
        [exe, "list"], capture_output=True, text=True).stdout, re.M)]
    failures, passed = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        runs = [(f"lesson {n}", [str(n)], {}) for n in lessons]
        runs.append(("lesson 7 in small windows", ["7"], {"ASYNCLAB_MERMAID_WINDOW": "4000"}))
        for name, args, extra in runs:
            out = subprocess.run([exe, "run", *args, "--format", "mermaid"], capture_output=True,
                                 text=True, env=dict(os.environ, **extra)).stdout
            why = draw(browser, js, out, tmp, name.replace(" ", "_"))
            if why:
                failures.append(f"{name}: {why}")
            else:
                passed += 1
                print(f"ok: {name}: {out.count('```mermaid')} diagram(s) drawn")
    for f in failures:
        print("FAIL:", f)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
