# Cancelling a gather: cancel() on the gathering future cancels every
# child still running, and the awaiter gets CancelledError; children that
# swallow the cancel turn the gather's outcome into their result or
# error; cancelling the task that awaits a gather cancels the gather.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def child(name, delay, swallow=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(" ", name, "cancelled", now())
        if not swallow:
            raise
        return name + " swallowed"
    print(" ", name, "finished", now())
    return name


async def waiter(gathering):
    try:
        return await gathering
    except asyncio.CancelledError:
        print("  waiter sees CancelledError", now())
        raise


async def main():
    g = asyncio.gather(child("a", 1), child("b", 3), child("c", 5))
    await asyncio.sleep(2)
    print("cancel gather:", g.cancel(), "again:", g.cancel())
    try:
        await g
    except asyncio.CancelledError as e:
        print("await gather:", repr(e), g.cancelled(), now())

    g = asyncio.gather(child("d", 1, swallow=True), child("e", 1))
    await asyncio.sleep(0)
    g.cancel()
    try:
        print("gather result:", await g, now())
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled(), now())

    g = asyncio.gather(child("f", 1), child("g", 4), return_exceptions=True)
    t = asyncio.create_task(waiter(g))
    await asyncio.sleep(2)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled", t.cancelled(), "gather cancelled", g.cancelled(), now())

    g = asyncio.gather(child("h", 1))
    await g
    print("cancel a finished gather:", g.cancel(), now())


asyncio.run(main())
