#!/usr/bin/env python3
"""gen_bench.py: the cost of one generator round trip in CPython.

The Python side of bench/gen_bench.c: each sample times --iters calls of
g.send(None) on

    def gen():
        x = None
        while True:
            x = yield x

with time.perf_counter_ns.  Nothing is subtracted: the loop's own cost
(the for statement and the attribute lookup of g.send) is part of every
figure, as it is of any real use of send().  After one unrecorded warm-up
sample, --samples samples are taken and the median and minimum ns per
round trip are printed (as JSON with --json).
"""
import argparse
import json
import platform
import statistics
import sys
import time


def gen():
    x = None
    while True:
        x = yield x


def one_sample(g, n):
    t0 = time.perf_counter_ns()
    for _ in range(n):
        g.send(None)
    t1 = time.perf_counter_ns()
    return (t1 - t0) / n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--samples', type=int, default=15)
    ap.add_argument('--iters', type=int, default=10_000_000)
    ap.add_argument('--json', action='store_true')
    args = ap.parse_args()
    if args.samples < 1 or args.iters < 1:
        ap.error('--samples and --iters must be positive')

    g = gen()
    g.send(None)  # start it: GEN_SUSPENDED at the yield
    one_sample(g, min(args.iters, 1_000_000))  # warm-up
    ns = sorted(one_sample(g, args.iters) for _ in range(args.samples))
    result = {
        'impl': 'cpython',
        'version': platform.python_version(),
        'median_ns': statistics.median(ns),
        'min_ns': ns[0],
        'max_ns': ns[-1],
        'samples': args.samples,
        'iters': args.iters,
    }
    if args.json:
        print(json.dumps(result))
    else:
        print(f"CPython {result['version']} generator round trip (g.send(None))")
        print(f"  {args.samples} samples x {args.iters} round trips")
        print(f"  median {result['median_ns']:.2f} ns   min {result['min_ns']:.2f} ns"
              f"   max {result['max_ns']:.2f} ns")
    return 0


if __name__ == '__main__':
    sys.exit(main())
