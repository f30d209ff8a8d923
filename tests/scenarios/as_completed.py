# asyncio.as_completed: results in the order they finish, exceptions raised
# by the awaitable that holds them, a duplicate counted once, and with a
# timeout a TimeoutError from the first await past the deadline.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name


async def main():
    a = asyncio.create_task(job("a", 3))
    b = asyncio.create_task(job("b", 1))
    c = asyncio.create_task(job("c", 2, fail=True))
    for i, aw in enumerate(asyncio.as_completed([a, b, c, b])):
        try:
            print(i, "got", await aw, now())
        except ValueError as e:
            print(i, "raised", repr(e), now())
    d = asyncio.create_task(job("d", 1))
    e = asyncio.create_task(job("e", 5))
    try:
        for aw in asyncio.as_completed([e, d], timeout=2):
            print("in time", await aw, now())
    except asyncio.TimeoutError:
        print("timeout", now(), "e still running:", not e.done())
    print("e", await e, now())
    # Tasks, not coroutines: as_completed would wrap coroutines in tasks
    # in the order of a set, which follows their addresses.
    x = asyncio.create_task(job("x", 0.5))
    y = asyncio.create_task(job("y", 0.25))
    for aw in asyncio.as_completed([x, y]):
        print("task", await aw, now())
    print("none given:", list(asyncio.as_completed([])))


asyncio.run(main())
