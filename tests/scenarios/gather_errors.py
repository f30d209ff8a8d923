# gather and exceptions: without return_exceptions the first exception
# propagates at once and the other children keep running; with it, the
# exceptions come back in the list, a cancelled child as CancelledError.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def child(name, delay, exc=None):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(name, "cancelled", now())
        raise
    if exc is not None:
        print(name, "raises", repr(exc), now())
        raise exc
    print(name, "returns", now())
    return name


async def main():
    a = asyncio.create_task(child("a", 1, ValueError("a broke")))
    b = asyncio.create_task(child("b", 2))
    c = asyncio.create_task(child("c", 3, KeyError("c")))
    try:
        await asyncio.gather(a, b, c)
    except ValueError as e:
        print("gather raised", repr(e), now())
    print("b and c still pending:", b.done(), c.done())
    await asyncio.sleep(2.5)
    print("c", c.done(), repr(c.exception()))

    d = asyncio.create_task(child("d", 1))
    e = asyncio.create_task(child("e", 0.5, ZeroDivisionError("div")))
    f = asyncio.create_task(child("f", 2))
    g = asyncio.create_task(child("g", 5))
    asyncio.get_running_loop().call_later(1.5, g.cancel)
    res = await asyncio.gather(d, e, f, g, return_exceptions=True)
    print("results", res, now())
    print("types", [type(r).__name__ for r in res])

    h = asyncio.create_task(child("h", 1))
    i = asyncio.create_task(child("i", 2))
    asyncio.get_running_loop().call_later(0.5, h.cancel)
    try:
        await asyncio.gather(h, i)
    except asyncio.CancelledError as x:
        print("gather of a cancelled child raised", repr(x), now(), i.done())
    await i


asyncio.run(main())
