# A task that cancels itself: the CancelledError arrives at its next
# await; one that cancels itself and then returns without awaiting ends
# cancelled anyway (the request outlives the return); uncancel() does
# not withdraw a pending request.  Two tasks awaiting one plain future:
# cancelling one cancels the future, so the other is cancelled too.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def next_await():
    me = asyncio.current_task()
    print("  cancel self:", me.cancel("self"), "cancelling", me.cancelling())
    print("  still running", now())
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print("  got it at the await:", repr(e), now())
        raise


async def returns_anyway():
    asyncio.current_task().cancel()
    print("  returning without an await")
    return "value"


async def uncancel_does_not_help():
    me = asyncio.current_task()
    me.cancel()
    print("  uncancel ->", me.uncancel(), "cancelling", me.cancelling())
    await asyncio.sleep(0)
    print("  not reached")


async def waits_on(fut, name):
    try:
        return await fut
    except asyncio.CancelledError:
        print("  ", name, "cancelled", now())
        raise


async def main():
    for coro in (next_await(), returns_anyway(), uncancel_does_not_help()):
        t = asyncio.create_task(coro)
        try:
            print("result", await t)
        except asyncio.CancelledError as e:
            print("cancelled", repr(e), t.cancelled(), now())
        try:
            t.result()
        except asyncio.CancelledError as e:
            print("  result() raises", repr(e))

    fut = asyncio.get_running_loop().create_future()
    a = asyncio.create_task(waits_on(fut, "a"))
    b = asyncio.create_task(waits_on(fut, "b"))
    await asyncio.sleep(1)
    a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print("future cancelled", fut.cancelled(), "a", a.cancelled(), "b", b.cancelled(), now())


asyncio.run(main())
