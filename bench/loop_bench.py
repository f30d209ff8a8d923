"""The CPython side of bench/loop_bench.c: the same two programs.

Run under tests/harness/vclock.py, so that sleep(1) costs no real time:
    python3 tests/harness/vclock.py bench/loop_bench.py case=pingpong tasks=1000 yields=1000
    python3 tests/harness/vclock.py bench/loop_bench.py case=many tasks=100000
The harness makes time.perf_counter virtual, so we time with
time.process_time_ns (CPU time; these programs never wait for real).
"""
import asyncio
import json
import sys
import time

args = dict(a.split("=", 1) for a in sys.argv[1:])
case = args.get("case", "pingpong")
tasks = int(args.get("tasks", "1000"))
yields = int(args.get("yields", "1000"))


async def yielder(n):
    for _ in range(n):
        await asyncio.sleep(0)


async def sleeper():
    await asyncio.sleep(1)


async def main():
    if case == "pingpong":
        await asyncio.gather(*(yielder(yields) for _ in range(tasks)))
    else:
        await asyncio.gather(*(sleeper() for _ in range(tasks)))


if case == "pingpong":
    runs = []
    for _ in range(3):
        t0 = time.process_time_ns()
        asyncio.run(main())
        runs.append(time.process_time_ns() - t0)
    runs.sort()
    print(json.dumps({"case": "pingpong", "ns_per_switch": runs[1] / (tasks * yields)}))
else:
    t0 = time.process_time_ns()
    asyncio.run(main())
    print(json.dumps({"case": "many", "wall_s": (time.process_time_ns() - t0) / 1e9}))
