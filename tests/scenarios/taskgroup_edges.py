# TaskGroup at its edges: the task running the group is cancelled from
# outside (children cancelled, CancelledError out, cancelling() back to
# 0); a child fails while the body is still awaiting (the body gets the
# cancel); nested groups; a timeout around a group; a child that
# swallows the group's cancel and returns; and a child added by another
# child while the group waits.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def child(name, delay, exc=None, swallow=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(" ", name, "cancelled", now())
        if swallow:
            return name + " swallowed"
        raise
    if exc is not None:
        print(" ", name, "raises", now())
        raise exc
    print(" ", name, "done", now())
    return name


async def grouped():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child("a", 5))
        tg.create_task(child("b", 5))
        await asyncio.sleep(10)


async def spawner(tg):
    await asyncio.sleep(1)
    tg.create_task(child("spawned", 1))
    return "spawner"


async def main():
    t = asyncio.create_task(grouped())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("outer cancel:", t.cancelled(), now())

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("c", 1, KeyError("c")))
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                print("body cancelled by the failing child", now())
                raise
    except* KeyError as eg:
        print("group error", repr(eg.exceptions), now())

    try:
        async with asyncio.TaskGroup() as outer:
            outer.create_task(child("o1", 3))
            async with asyncio.TaskGroup() as inner:
                inner.create_task(child("i1", 1, ValueError("inner failed")))
                inner.create_task(child("i2", 2))
    except* ValueError as eg:
        print("nested:", repr(eg), now())

    try:
        async with asyncio.timeout(1.5):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(child("t1", 1))
                tg.create_task(child("t2", 3))
    except TimeoutError:
        print("timeout around the group", now(), asyncio.current_task().cancelling())

    try:
        async with asyncio.TaskGroup() as tg:
            s = tg.create_task(child("s", 3, swallow=True))
            tg.create_task(child("f", 1, RuntimeError("f")))
    except* RuntimeError:
        print("swallower returned", repr(s.result()), now())

    async with asyncio.TaskGroup() as tg:
        sp = tg.create_task(spawner(tg))
    print("group waited for the spawned child too", sp.result(), now())
    print("cancelling", asyncio.current_task().cancelling())


asyncio.run(main())
