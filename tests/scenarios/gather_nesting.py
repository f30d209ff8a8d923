# Gathers of gathers: a child cancelled inside an inner gather; the outer
# gather cancelled while inner gathers run (return_exceptions=True and
# False); an inner gather that fails while its sibling keeps running; a
# task that swallows its cancellation inside a cancelled gather.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def job(name, d, fail=False):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print("  ", name, "cancelled", now())
        raise
    if fail:
        raise ValueError(name)
    print("  ", name, "done", now())
    return name


async def stubborn(name, d):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print("  ", name, "ignores the cancel", now())
    await asyncio.sleep(d)
    return name + " anyway"


async def main():
    print("child cancelled in an inner gather:")
    a = asyncio.create_task(job("a", 1))
    b = asyncio.create_task(job("b", 2))
    inner1 = asyncio.gather(a, b, return_exceptions=True)
    inner2 = asyncio.gather(job("c", 1.5), job("d", 0.5))
    outer = asyncio.gather(inner1, inner2)
    await asyncio.sleep(0.75)
    b.cancel()
    print("result", await outer, now())

    print("outer cancelled, inner return_exceptions=True:")
    inner1 = asyncio.gather(job("e", 1), job("f", 2), return_exceptions=True)
    inner2 = asyncio.gather(job("g", 1), job("h", 2))
    outer = asyncio.gather(inner1, inner2, return_exceptions=True)
    await asyncio.sleep(1.5)
    print("cancel", outer.cancel())
    try:
        print("outer gave", await outer, now())
    except asyncio.CancelledError as e:
        print("outer cancelled", repr(e), now())
    print("inner1", inner1.cancelled(), repr(inner1.exception()))
    print("inner2", inner2.cancelled(), repr(inner2.exception()))

    print("inner failure, sibling runs on:")
    inner1 = asyncio.gather(job("i", 1, fail=True), job("j", 3))
    inner2 = asyncio.gather(job("k", 2))
    outer = asyncio.gather(inner1, inner2)
    try:
        await outer
    except ValueError as e:
        print("outer raised", repr(e), now())
    await asyncio.sleep(2.5)
    print("inner2", inner2.result(), inner1.exception(), now())

    print("a cancel swallowed inside a cancelled gather:")
    g = asyncio.gather(stubborn("s", 1), job("t", 1))
    await asyncio.sleep(0.5)
    g.cancel()
    try:
        print("gave", await g, now())
    except asyncio.CancelledError as e:
        print("gather cancelled", repr(e), now())
    g = asyncio.gather(stubborn("u", 1), return_exceptions=True)
    await asyncio.sleep(0.5)
    g.cancel("msg")
    try:
        print("gave", await g, now())
    except asyncio.CancelledError as e:
        print("gather cancelled", repr(e), now())


asyncio.run(main())
