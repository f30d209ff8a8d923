# Lesson 10: task groups (structured concurrency).
#
# What to watch: the same children, some of which fail, run (a) under
# gather and (b) under a TaskGroup.  gather raises the first exception as
# soon as it happens and leaves the other children running: nobody waits
# for them unless you do.  A TaskGroup cancels the children still running
# as soon as one fails, waits until every child has ended, and raises an
# ExceptionGroup holding every failure; except* takes it apart by type,
# each clause seeing only its own part.  Two children that fail in the
# same turn of the loop both end up in the group.  (c) Cancelling the task
# that runs a TaskGroup cancels every child, and the group waits for all of
# them before the CancelledError goes on.
#
# Parameters (name, type, default, min, max, max_len, help); max_len is
# the longest a list may be, 0 for scalars:
#   children   int         4          1    6    0        how many child tasks each part starts
#   delays     float_list  3,1,1,2    0    5    6        child k sleeps delays[k % len] seconds
#   fates      int_list    0,1,2,0    0    2    6        child k then returns (0), raises ValueError (1) or raises TypeError (2), by fates[k % len]
#   cancel_at  float       1.5        0    5    0        seconds after which main cancels the task running the group of (c)

import asyncio
import sys

args = dict(arg.split("=", 1) for arg in sys.argv[1:])
children = int(args.get("children", "4"))
delays = [float(x) for x in args.get("delays", "3,1,1,2").split(",")]
fates = [int(x) for x in args.get("fates", "0,1,2,0").split(",")]
cancel_at = float(args.get("cancel_at", "1.5"))

start = 0.0  # the loop's clock when main began; main sets it


def now():
    """Seconds since main began, as the loop's clock counts them."""
    return asyncio.get_running_loop().time() - start


async def child(k, fate):
    delay = delays[k % len(delays)]
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"  {now():.2f} child-{k} cancelled")
        raise
    if fate == 1:
        print(f"  {now():.2f} child-{k} raises ValueError")
        raise ValueError(f"child-{k} failed")
    if fate == 2:
        print(f"  {now():.2f} child-{k} raises TypeError")
        raise TypeError(f"child-{k} failed")
    print(f"  {now():.2f} child-{k} returns {k}")
    return k


def fate_of(k):
    return fates[k % len(fates)]


# (a) gather: the first failure is raised, the others run on.

async def with_gather():
    print("(a) gather")
    tasks = [asyncio.create_task(child(k, fate_of(k)), name=f"child-{k}")
             for k in range(children)]
    try:
        results = await asyncio.gather(*tasks)
        print(f"  {now():.2f} gather returned {results}")
    except Exception as exc:
        print(f"  {now():.2f} gather raised {exc!r}")
    running = [task for task in tasks if not task.done()]
    print(f"  {now():.2f} children still running: {len(running)}")
    if running:
        await asyncio.wait(running)
        print(f"  {now():.2f} now they are done too")


# (b) TaskGroup: the first failure cancels the rest.

async def with_taskgroup():
    print("(b) TaskGroup")
    try:
        async with asyncio.TaskGroup() as tg:
            tasks = [tg.create_task(child(k, fate_of(k)), name=f"child-{k}")
                     for k in range(children)]
        print(f"  {now():.2f} the group returned "
              f"{[task.result() for task in tasks]}")
    except* ValueError as group:
        print(f"  {now():.2f} except* ValueError: {group!r}")
    except* TypeError as group:
        print(f"  {now():.2f} except* TypeError: {group!r}")


# (c) Cancelling the task that runs a group.

async def group_of_sleepers():
    async with asyncio.TaskGroup() as tg:
        for k in range(children):
            tg.create_task(child(k, 0), name=f"child-{k}")
    print(f"  {now():.2f} every child returned")


async def cancel_group():
    print(f"(c) cancelling the group's task after {cancel_at:.2f} s")
    runner = asyncio.create_task(group_of_sleepers(), name="group")
    await asyncio.sleep(cancel_at)
    print(f"  {now():.2f} main: runner.cancel() returned {runner.cancel()}")
    try:
        await runner
    except asyncio.CancelledError:
        print(f"  {now():.2f} main: the group's task ended cancelled")


async def main():
    global start
    start = asyncio.get_running_loop().time()
    await with_gather()
    await with_taskgroup()
    await cancel_group()


if __name__ == "__main__":
    asyncio.run(main())
