# Where a cancel goes: cancelling a task that awaits another task cancels
# that one too (its fut_waiter), unless it is shielded; a gather under
# wait_for is cancelled with all its children; a task that raises
# CancelledError on its own ends cancelled; a queue getter cancelled by a
# timeout loses no item.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def inner(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(" ", name, "cancelled", now())
        raise
    print(" ", name, "finished", now())
    return name


async def outer(target, shielded):
    if shielded:
        return await asyncio.shield(target)
    return await target


async def quitter():
    await asyncio.sleep(0.5)
    raise asyncio.CancelledError("I quit")


async def main():
    i1 = asyncio.create_task(inner("i1", 5))
    o1 = asyncio.create_task(outer(i1, False))
    await asyncio.sleep(1)
    o1.cancel()
    await asyncio.sleep(0)
    print("unshielded: outer", o1.cancelled(), "inner", i1.cancelled(), now())

    i2 = asyncio.create_task(inner("i2", 2))
    o2 = asyncio.create_task(outer(i2, True))
    await asyncio.sleep(1)
    o2.cancel()
    await asyncio.sleep(0)
    print("shielded: outer", o2.cancelled(), "inner done", i2.done(), now())
    print("inner result", await i2, now())

    try:
        await asyncio.wait_for(asyncio.gather(inner("g1", 1), inner("g2", 3)), 2)
    except TimeoutError:
        print("gather timed out", now())

    q = asyncio.create_task(quitter())
    try:
        await q
    except asyncio.CancelledError as e:
        print("quitter:", repr(e), q.cancelled(), now())

    queue = asyncio.Queue()
    try:
        await asyncio.wait_for(queue.get(), 0.5)
    except TimeoutError:
        print("get timed out", now())
    queue.put_nowait("kept")
    print("item still there:", await queue.get(), queue.qsize(), now())


asyncio.run(main())
