# Lesson 8: cancellation and timeouts.
#
# What to watch: (a) task.cancel() does not stop a task at once: it
# cancels the future the task waits on, and the task's next step throws
# CancelledError at its await.  The coroutine may catch it to clean up
# (here a finally that itself awaits) and must then let it go on; one that
# swallows it (swallow=true) ends normally, and whoever cancelled it is
# told the task returned.  (b) wait_for runs its awaitable as a task and
# cancels that task when the timeout expires, then raises TimeoutError.
# (c) asyncio.timeout() is the same idea as a block, and its deadline can
# move while the block runs (reschedule).  (d) shield puts a future
# between the waiter and the work: cancelling the waiter cancels only the
# shield's outer future, and the work goes on.
#
# Parameters (name, type, default, min, max, max_len, help); max_len is
# the longest a list may be, 0 for scalars:
#   nap        float  3        0    5    0        seconds the sleeper means to sleep
#   cancel_at  float  1        0    5    0        seconds after which main cancels the sleeper
#   cleanup    float  0.5      0    2    0        seconds the sleeper's finally block awaits while cleaning up
#   swallow    bool   false    -    -    0        the sleeper returns from its except CancelledError instead of re-raising
#   work       float  2        0    5    0        seconds the slow operations take
#   limit      float  1        0    5    0        the timeout of wait_for and asyncio.timeout
#   extend     float  2        0    5    0        seconds reschedule pushes the asyncio.timeout deadline by

import asyncio
import sys

args = dict(arg.split("=", 1) for arg in sys.argv[1:])
nap = float(args.get("nap", "3"))
cancel_at = float(args.get("cancel_at", "1"))
cleanup = float(args.get("cleanup", "0.5"))
swallow = args.get("swallow", "false") == "true"
work = float(args.get("work", "2"))
limit = float(args.get("limit", "1"))
extend = float(args.get("extend", "2"))

start = 0.0  # the loop's clock when main began; main sets it


def now():
    """Seconds since main began, as the loop's clock counts them."""
    return asyncio.get_running_loop().time() - start


# (a) Cancelling a task in mid-sleep.

async def sleeper():
    print(f"  {now():.2f} sleeper: sleeping {nap:.2f} s")
    try:
        await asyncio.sleep(nap)
        print(f"  {now():.2f} sleeper: woke up on its own")
        return "rested"
    except asyncio.CancelledError:
        print(f"  {now():.2f} sleeper: CancelledError caught")
        if swallow:
            return "swallowed"  # the cancel is lost: never do this
        raise
    finally:
        print(f"  {now():.2f} sleeper: finally: cleaning up for {cleanup:.2f} s")
        await asyncio.sleep(cleanup)
        print(f"  {now():.2f} sleeper: finally: clean")


async def cancel_demo():
    print("(a) cancel a task in mid-sleep")
    task = asyncio.create_task(sleeper(), name="sleeper")
    await asyncio.sleep(cancel_at)
    print(f"  {now():.2f} main: task.cancel() returned {task.cancel()}")
    try:
        result = await task
        print(f"  {now():.2f} main: the task returned {result!r}")
    except asyncio.CancelledError:
        print(f"  {now():.2f} main: awaiting the task raised CancelledError")
    print(f"  {now():.2f} main: cancelled() {task.cancelled()}, "
          f"cancelling() {task.cancelling()}")


# (b) wait_for: a deadline around one awaitable.

async def slow_op(label, seconds):
    print(f"  {now():.2f} {label}: working for {seconds:.2f} s")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"  {now():.2f} {label}: cancelled")
        raise
    print(f"  {now():.2f} {label}: finished")
    return f"{label} result"


async def wait_for_demo():
    print(f"(b) wait_for with a timeout of {limit:.2f} s")
    for label, seconds in (("quick", limit / 2), ("slow", work)):
        try:
            result = await asyncio.wait_for(slow_op(label, seconds), timeout=limit)
            print(f"  {now():.2f} wait_for returned {result!r}")
        except TimeoutError:
            print(f"  {now():.2f} wait_for raised TimeoutError")


# (c) asyncio.timeout as a block, with its deadline moved.

async def timeout_demo():
    print(f"(c) asyncio.timeout({limit:.2f}), then reschedule")
    try:
        async with asyncio.timeout(limit) as cm:
            print(f"  {now():.2f} deadline at {cm.when() - start:.2f}")
            await slow_op("part 1", limit / 2)
            cm.reschedule(cm.when() + extend)
            print(f"  {now():.2f} progress made: deadline moved to "
                  f"{cm.when() - start:.2f}")
            await slow_op("part 2", work)
        print(f"  {now():.2f} the block finished in time")
    except TimeoutError:
        print(f"  {now():.2f} the block raised TimeoutError, "
              f"expired() {cm.expired()}")


# (d) shield: the waiter gives up, the work goes on.

async def shield_demo():
    print("(d) wait_for(shield(task)): the timeout cancels only the shield")
    inner = asyncio.create_task(slow_op("shielded", work), name="inner")
    try:
        result = await asyncio.wait_for(asyncio.shield(inner), timeout=limit)
        print(f"  {now():.2f} wait_for returned {result!r}")
    except TimeoutError:
        print(f"  {now():.2f} wait_for raised TimeoutError; "
              f"inner.done() {inner.done()}")
    result = await inner
    print(f"  {now():.2f} awaiting inner itself: {result!r}")


async def main():
    global start
    start = asyncio.get_running_loop().time()
    await cancel_demo()
    await wait_for_demo()
    await timeout_demo()
    await shield_demo()


if __name__ == "__main__":
    asyncio.run(main())
