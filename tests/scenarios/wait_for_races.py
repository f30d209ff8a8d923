# wait_for at the edges: the inner task finishes in the same iteration the
# timeout fires; the task awaiting wait_for is itself cancelled (the inner
# is cancelled too); an inner error beats the deadline; and wait_for on
# a plain future that the timeout cancels.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def job(name, delay, exc=None):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(" ", name, "cancelled", now())
        raise
    if exc:
        raise exc
    return name


async def outer_waiter():
    try:
        return await asyncio.wait_for(job("inner", 10), 20)
    except asyncio.CancelledError:
        print("  outer_waiter cancelled", now())
        raise


async def main():
    loop = asyncio.get_running_loop()
    try:
        print("tie:", await asyncio.wait_for(job("tie", 1), 1), now())
    except TimeoutError:
        print("tie: TimeoutError", now())
    t = asyncio.create_task(outer_waiter())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("outer task cancelled", t.cancelled(), now())
    try:
        await asyncio.wait_for(job("err", 0.5, KeyError("early")), 1)
    except KeyError as e:
        print("inner error first:", repr(e), now())
    f = loop.create_future()
    try:
        await asyncio.wait_for(f, 0.25)
    except TimeoutError:
        print("future cancelled by the timeout:", f.cancelled(), now())
    g = loop.create_future()
    loop.call_later(0.5, g.set_result, "just in time")
    print(await asyncio.wait_for(g, 0.5 + 1e-10), now())


asyncio.run(main())
