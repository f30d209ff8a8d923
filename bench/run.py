#!/usr/bin/env python3
"""run.py: time a generator round trip in asynclab and in CPython, side by side.

Runs bench/gen_bench (the C benchmark, built by meson) and
bench/gen_bench.py (under this same python3) with the same sample scheme,
then prints one table: the median and minimum ns per round trip of each,
and how many times faster asynclab is (CPython median / asynclab median).

    python3 bench/run.py --gen-bench build/bench/gen_bench

The goals (at most 3 ns per round trip, at least 10x CPython) are reported,
not enforced: this is a measurement, not a timed test.  The exit status is
non-zero only if a benchmark failed to run.
"""
import argparse
import json
import os
import subprocess
import sys

GOAL_NS = 3.0
GOAL_RATIO = 10.0


def run_json(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise SystemExit(f"run.py: {' '.join(cmd)} exited with {p.returncode}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--gen-bench', required=True, help='the built gen_bench executable')
    ap.add_argument('--python-bench', default=os.path.join(here, 'gen_bench.py'))
    ap.add_argument('--python', default=sys.executable, help='the CPython to compare with')
    ap.add_argument('--samples', type=int, default=15)
    ap.add_argument('--iters', type=int, default=10_000_000)
    args = ap.parse_args()

    common = ['--samples', str(args.samples), '--iters', str(args.iters), '--json']
    al = run_json([args.gen_bench] + common)
    py = run_json([args.python, args.python_bench] + common)
    ratio = py['median_ns'] / al['median_ns']

    print(f"generator round trip: {args.samples} samples x {args.iters} round trips each")
    print(f"{'':28}{'median ns':>10}{'min ns':>10}")
    print(f"{'asynclab (trace off, -O' + al['optimization'] + ')':28}"
          f"{al['median_ns']:10.2f}{al['min_ns']:10.2f}")
    print(f"{'CPython ' + py['version'] + ' g.send(None)':28}"
          f"{py['median_ns']:10.2f}{py['min_ns']:10.2f}")
    print(f"{'ratio (CPython / asynclab)':28}{ratio:10.1f}{py['min_ns'] / al['min_ns']:10.1f}")
    if al['optimization'] in ('0', 'g') or al['sanitize'] not in ('none', ''):
        print(f"warning: gen_bench was built with -O{al['optimization']} and "
              f"sanitize={al['sanitize']}; these figures do not measure the runtime")
    print(f"goal <= {GOAL_NS:g} ns: {'met' if al['median_ns'] <= GOAL_NS else 'missed'}; "
          f"goal >= {GOAL_RATIO:g}x CPython: {'met' if ratio >= GOAL_RATIO else 'missed'}")
    return 0


if __name__ == '__main__':
    sys.exit(main())
