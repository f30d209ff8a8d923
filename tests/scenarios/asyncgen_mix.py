# Async generators under deadlines and misuse: a timeout fires while the
# generator awaits inside __anext__ (its finally block awaits too, then
# TimeoutError); break and aclose() with an awaiting finally; athrow()
# caught by the generator, which yields on; asend(); two tasks that call
# anext() on one generator at once; a generator that yields in finally
# when closed.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def ticker(n, d):
    try:
        for i in range(n):
            await asyncio.sleep(d)
            got = yield i
            if got is not None:
                print("  ticker was sent", got)
    except ValueError as e:
        print("  ticker caught", repr(e), now())
        yield "recovered"
    finally:
        print("  ticker finally", now())
        await asyncio.sleep(0.5)
        print("  ticker cleaned", now())


async def stubborn():
    try:
        yield 1
    finally:
        yield 2


async def take(agen):
    try:
        return await anext(agen)
    except RuntimeError as e:
        return repr(e)


async def main():
    print("timeout around async for:")
    got = []
    try:
        async with asyncio.timeout(2.5):
            async for x in ticker(10, 1):
                got.append(x)
    except TimeoutError:
        print("timeout; got", got, now())

    print("break, then aclose:")
    agen = ticker(10, 1)
    async for x in agen:
        if x == 1:
            break
    print("broke out at", x, now())
    await agen.aclose()
    print("closed", now())
    try:
        await anext(agen)
    except StopAsyncIteration:
        print("anext after close: StopAsyncIteration")

    print("athrow and asend:")
    agen = ticker(10, 1)
    print("first", await agen.__anext__(), now())
    print("asend", await agen.asend("hello"), now())
    print("athrow gives", await agen.athrow(ValueError("boom")), now())
    try:
        await agen.__anext__()
    except StopAsyncIteration:
        print("then it ends", now())

    print("two tasks at once:")
    agen = ticker(3, 1)
    t1 = asyncio.create_task(take(agen))
    t2 = asyncio.create_task(take(agen))
    await asyncio.wait([t1, t2])
    print("t1", t1.result(), now())
    print("t2", t2.result())
    await agen.aclose()

    print("yield in finally:")
    s = stubborn()
    print("first", await anext(s))
    try:
        await s.aclose()
    except RuntimeError as e:
        print("aclose:", repr(e))


asyncio.run(main())
