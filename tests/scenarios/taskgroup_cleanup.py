# Nested TaskGroups whose children clean up slowly: a child of the inner
# group fails while a sibling is in a finally block that awaits; the inner
# group waits for that cleanup before it raises its ExceptionGroup, which
# then fails the outer group's body, and the outer group cancels its own
# children (one of which also awaits in its finally).
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def fails(delay):
    await asyncio.sleep(delay)
    raise ValueError(f"fails after {delay}")


async def slow_cleanup(name, cleanup):
    try:
        await asyncio.sleep(10)
    finally:
        print("  ", name, "cleanup starts", now())
        await asyncio.sleep(cleanup)
        print("  ", name, "cleanup done", now())


async def inner_block():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(slow_cleanup("inner-a", 2))
        tg.create_task(fails(1))
        tg.create_task(slow_cleanup("inner-b", 0.5))
    print("not reached")


async def main():
    try:
        async with asyncio.TaskGroup() as outer:
            outer.create_task(slow_cleanup("outer-x", 1))
            outer.create_task(inner_block())
            await asyncio.sleep(20)
    except* ValueError as eg:
        print("caught", repr(eg), now())
        inner = eg.exceptions[0]
        print("inner group", repr(inner), [repr(e) for e in inner.exceptions])
    print("main done", now())


asyncio.run(main())
