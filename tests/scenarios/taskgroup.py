# asyncio.TaskGroup: the block waits for every child; a failing child
# cancels its siblings and the parent's block, and the errors come out as
# an ExceptionGroup (split with except*); creating a task in a finished
# group is refused; the block's own error cancels the children and
# comes out in the group too.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def child(name, delay, exc=None):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(" ", name, "cancelled", now())
        raise
    if exc is not None:
        print(" ", name, "raises", repr(exc), now())
        raise exc
    print(" ", name, "done", now())
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child("a", 1))
        b = tg.create_task(child("b", 2))
        print("block body ends", now())
    print("group done", a.result(), b.result(), now())

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("c", 1, ValueError("c failed")))
            tg.create_task(child("d", 3))
            tg.create_task(child("e", 1, KeyError("e failed")))
            await asyncio.sleep(5)
            print("not reached")
    except* ValueError as eg:
        print("except* ValueError:", repr(eg), now())
    except* KeyError as eg:
        print("except* KeyError:", repr(eg.exceptions), now())
    print("cancelling", asyncio.current_task().cancelling())

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("f", 2))
            await asyncio.sleep(0.5)
            raise LookupError("the block's own error")
    except* LookupError as eg:
        print("the block's error joins the group:", repr(eg), now())

    tg = asyncio.TaskGroup()
    async with tg:
        pass
    coro = child("late", 0)
    try:
        tg.create_task(coro)
    except RuntimeError as e:
        print("finished group:", repr(e))
        coro.close()

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("g", 1, ValueError("g")))
            tg.create_task(child("h", 1, ValueError("h")))
    except ExceptionGroup as eg:
        print("two errors:", repr(eg), len(eg.exceptions), now())


asyncio.run(main())
