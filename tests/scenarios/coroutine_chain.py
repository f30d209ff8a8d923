# Coroutines awaiting coroutines: results and exceptions pass up through
# every frame; try/finally in a middle frame runs on the way out, both on
# an error and on a cancel; a task's step runs the whole chain at once
# until something really suspends.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def leaf(n, fail):
    print("    leaf", n, "starts", now())
    await asyncio.sleep(n)
    if fail:
        raise ArithmeticError(f"leaf {n} failed")
    return n * 2


async def middle(n, fail):
    print("  middle", n, "enters", now())
    try:
        r = await leaf(n, fail)
        print("  middle", n, "got", r)
        return r + 1
    finally:
        print("  middle", n, "cleans up", now())


async def top(n, fail=False):
    try:
        r = await middle(n, fail)
    except ArithmeticError as e:
        print("top", n, "caught", repr(e), now())
        return -1
    print("top", n, "got", r, now())
    return r


async def main():
    print("results", await top(1), await top(0.5, fail=True))
    t = asyncio.create_task(top(5))
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled through the chain", now())
    print("no-suspend chain", await middle(0, False), now())


asyncio.run(main())
