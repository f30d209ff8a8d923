# asyncio.wait_for: the result when in time; on the timeout the inner
# awaitable is cancelled and waited for, then TimeoutError; timeout=None
# waits forever; a done future returns at once even with timeout 0; an
# inner task that swallows the cancel returns its value instead.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def job(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(" ", name, "cancelled at", now())
        raise
    return name


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("  stubborn ignores the cancel", now())
    return "stubborn's value"


async def main():
    loop = asyncio.get_running_loop()
    print("in time:", await asyncio.wait_for(job("fast", 1), timeout=2), now())
    try:
        await asyncio.wait_for(job("slow", 5), timeout=1.5)
    except asyncio.TimeoutError as e:
        print("timed out:", repr(e), type(e).__name__, now())
    print("None:", await asyncio.wait_for(job("unbounded", 3), None), now())
    f = loop.create_future()
    f.set_result("ready")
    print("done future, timeout 0:", await asyncio.wait_for(f, 0), now())
    try:
        await asyncio.wait_for(job("zero", 1), 0)
    except TimeoutError as e:
        print("timeout 0 on a coroutine:", repr(e), now())
    t = asyncio.create_task(job("task", 3))
    try:
        await asyncio.wait_for(t, 1)
    except TimeoutError:
        print("task cancelled by wait_for:", t.cancelled(), now())
    g = loop.create_future()
    loop.call_later(0.5, g.set_exception, KeyError("inner"))
    try:
        await asyncio.wait_for(g, 1)
    except KeyError as e:
        print("inner exception:", repr(e), now())
    print("stubborn:", await asyncio.wait_for(stubborn(), 1), now())


asyncio.run(main())
