# Lesson 4: the event loop, built up from generators.
#
# What to watch: (a) a deque of plain generators run round-robin is already
# cooperative multitasking: each next() runs one worker up to its yield.
# (b) If a generator yields how long it wants to sleep, a heap of
# (wake_time, seq, gen) and a clock the scheduler keeps itself make a
# sleeping scheduler: it jumps "now" to the earliest wake time.  (c) The real
# asyncio loop does the same with callbacks: call_soon ones run first, in
# FIFO order, then call_later ones when their time comes; a callback that
# calls call_soon runs on the next turn of the loop, not at once.
#
# Parameters (name, type, default, min, max, max_len, help); max_len is
# the longest a list may be, 0 for scalars:
#   workers   int         3           1    6    0        how many workers (generators and call_later callbacks)
#   steps     int         3           1    5    0        steps each generator worker takes
#   delays    float_list  0.5,1,0.25  0    3    6        worker k sleeps delays[k % len] per step; callback k waits as long
#   ticks     int         3           0    5    0        how many times the self-rescheduling tick callback runs
#   interval  float       0.4         0    2    0        seconds between two ticks

import asyncio
import heapq
import sys
from collections import deque

args = dict(arg.split("=", 1) for arg in sys.argv[1:])
workers = int(args.get("workers", "3"))
steps = int(args.get("steps", "3"))
delays = [float(x) for x in args.get("delays", "0.5,1,0.25").split(",")]
ticks = int(args.get("ticks", "3"))
interval = float(args.get("interval", "0.4"))


# (a) Round-robin over plain generators.

def worker(name, steps):
    for i in range(steps):
        print(f"  {name} step {i + 1} of {steps}")
        yield  # hand control back to the scheduler
    print(f"  {name} done")


def round_robin(gens):
    ready = deque(gens)
    turns = 0
    while ready:
        gen = ready.popleft()
        turns += 1
        try:
            next(gen)
        except StopIteration:
            continue  # finished: it does not go back in the queue
        ready.append(gen)
    return turns


# (b) A scheduler with sleeping: generators yield how long to sleep and are
# sent the scheduler's clock when they wake up.

def sleeper(name, steps, delay):
    now = yield  # the scheduler starts us and tells us the time
    for i in range(steps):
        print(f"  {now:.2f} {name} step {i + 1}, sleeps {delay:.2f}")
        now = yield delay
    print(f"  {now:.2f} {name} done")


def sleep_scheduler(gens):
    now = 0.0  # the scheduler's own clock: it never really waits
    heap = []
    seq = 0  # breaks ties between equal wake times: first come, first served
    for gen in gens:
        next(gen)  # run up to the first yield, which waits for the time
        heapq.heappush(heap, (now, seq, gen))
        seq += 1
    while heap:
        wake, _, gen = heapq.heappop(heap)
        now = wake  # nothing can happen before the next wake time
        try:
            delay = gen.send(now)
        except StopIteration:
            continue
        heapq.heappush(heap, (now + delay, seq, gen))
        seq += 1
    return now


# (c) The real asyncio loop running plain callbacks.

async def loop_demo():
    loop = asyncio.get_running_loop()
    start = loop.time()  # times below are seconds since this line
    finished = loop.create_future()
    expected = workers + 3 + ticks  # every callback below that reports
    count = 0

    def report(label):
        nonlocal count
        print(f"  {loop.time() - start:.2f} {label}")
        count += 1
        if count == expected:
            finished.set_result(count)

    def callback_a():
        report("call_soon callback A")
        loop.call_soon(report, "call_soon made by A (next turn)")

    def tick(k):
        report(f"tick {k} of {ticks}")
        if k < ticks:
            loop.call_later(interval, tick, k + 1)

    for k in range(workers):
        delay = delays[k % len(delays)]
        loop.call_later(delay, report, f"call_later({delay:.2f}) #{k}")
    if ticks > 0:
        loop.call_later(interval, tick, 1)
    loop.call_soon(callback_a)
    loop.call_soon(report, "call_soon callback B")
    print(f"  {loop.time() - start:.2f} main: callbacks scheduled, awaiting a future")
    n = await finished
    print(f"  {loop.time() - start:.2f} main: {n} callbacks ran")


if __name__ == "__main__":
    print("(a) round-robin over plain generators")
    turns = round_robin([worker(f"worker-{k}", steps) for k in range(workers)])
    print(f"  {turns} turns of the scheduler")

    print("(b) sleeping generators on a heap of (wake_time, seq, gen)")
    gens = [sleeper(f"sleeper-{k}", steps, delays[k % len(delays)])
            for k in range(workers)]
    end = sleep_scheduler(gens)
    print(f"  virtual clock ends at {end:.2f}")

    print("(c) the asyncio loop: call_soon and call_later")
    asyncio.run(loop_demo())
