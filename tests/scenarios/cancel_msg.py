# task.cancel(msg): the message travels into the coroutine, out through
# the task, through a task that awaits it, and through gather; the
# cancelling() count grows with each cancel and uncancel() takes it back.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def sleeper(name, d):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError as e:
        print(name, "caught", repr(e), e.args, now())
        raise
    return name


async def waiter(t):
    try:
        return await t
    except asyncio.CancelledError as e:
        print("waiter caught", repr(e), now())
        raise


async def main():
    t = asyncio.create_task(sleeper("a", 5))
    await asyncio.sleep(1)
    print("cancel:", t.cancel("first"), t.cancel("second"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("main caught", repr(e), t.cancelled(), now())
    try:
        t.result()
    except asyncio.CancelledError as e:
        print("result raises", repr(e))
    try:
        t.exception()
    except asyncio.CancelledError as e:
        print("exception raises", repr(e))

    inner = asyncio.create_task(sleeper("inner", 5))
    outer = asyncio.create_task(waiter(inner))
    await asyncio.sleep(1)
    outer.cancel("via outer")
    try:
        await outer
    except asyncio.CancelledError as e:
        print("outer", repr(e), inner.cancelled(), outer.cancelled(), now())

    inner = asyncio.create_task(sleeper("inner2", 5))
    outer = asyncio.create_task(waiter(inner))
    await asyncio.sleep(1)
    inner.cancel("via inner")
    try:
        await outer
    except asyncio.CancelledError as e:
        print("outer2", repr(e), inner.cancelled(), outer.cancelled(), now())

    a = asyncio.create_task(sleeper("g1", 5))
    b = asyncio.create_task(sleeper("g2", 5))
    g = asyncio.gather(a, b)
    await asyncio.sleep(1)
    print("gather cancel:", g.cancel("stop all"))
    try:
        await g
    except asyncio.CancelledError as e:
        print("gather", repr(e), a.cancelled(), b.cancelled(), now())

    a = asyncio.create_task(sleeper("h1", 5))
    b = asyncio.create_task(sleeper("h2", 1))
    g = asyncio.gather(a, b, return_exceptions=True)
    await asyncio.sleep(0.5)
    a.cancel("child only")
    print("result:", await g, now())

    me = asyncio.current_task()
    print("me cancelling", me.cancelling())
    me.cancel("self")
    me.cancel("self again")
    print("me cancelling", me.cancelling())
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError as e:
        print("self caught", repr(e), me.cancelling())
    print("uncancel", me.uncancel(), me.uncancel(), me.cancelling())
    await asyncio.sleep(0.25)
    print("end", now())


asyncio.run(main())
