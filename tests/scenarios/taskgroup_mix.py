# TaskGroup errors mixed: the body fails while a child fails too (both in
# the group), nested groups (an ExceptionGroup inside one), a child that
# fails while __aexit__ waits, a group cancelled from outside while a
# child has failed, and the body catching the group's cancellation.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def child(name, d, exc=None):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print("  ", name, "cancelled", now())
        raise
    if exc is not None:
        print("  ", name, "raises", repr(exc), now())
        raise exc
    print("  ", name, "done", now())
    return name


async def inner_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child("in1", 1, KeyError("in1")))
        tg.create_task(child("in2", 3))


async def body_fails():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(child("b1", 1, ValueError("b1")))
        tg.create_task(child("b2", 3))
        try:
            await asyncio.sleep(2)
        except asyncio.CancelledError:
            print("  body cancelled by the group", now())
            raise RuntimeError("body's own")


async def catches(tg_delay):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("c1", tg_delay, ValueError("c1")))
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                print("  body swallows the group's cancel", now())
            await asyncio.sleep(0.5)
            print("  body goes on", now())
    except* ValueError as eg:
        print("  caught", repr(eg), now())
    print("  cancelling", asyncio.current_task().cancelling())


async def main():
    print("body and child fail:")
    try:
        await body_fails()
    except BaseExceptionGroup as eg:
        print("group:", repr(eg), now())

    print("nested groups:")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_group())
            tg.create_task(child("sib", 2))
            tg.create_task(child("late", 0.5, TypeError("late")))
    except BaseExceptionGroup as eg:
        print("group:", repr(eg), now())
        print("split:", eg.subgroup(TypeError), eg.subgroup(KeyError))

    print("child fails while __aexit__ waits:")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("w1", 1, IndexError("w1")))
            tg.create_task(child("w2", 2))
    except* IndexError as eg:
        print("  caught", repr(eg), now(), asyncio.current_task().cancelling())

    print("cancelled from outside after a child failed:")
    t = asyncio.create_task(catches(1))
    await asyncio.sleep(1.25)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("  task cancelled", now())

    print("body catches the group's cancel:")
    await catches(1)


asyncio.run(main())
