# A chain of 300 coroutines, each awaiting the next: the result comes up
# through every frame; an exception raised at the bottom passes each
# finally on its way up; a cancel of the task reaches the bottom frame's
# sleep and unwinds through them all.  A recursion with no end stops with
# RecursionError (a C program's would overflow its stack instead).
import asyncio

unwound = 0


async def down(n, mode):
    global unwound
    try:
        if n == 0:
            await asyncio.sleep(1)
            if mode == "raise":
                raise ValueError("bottom")
            return 0
        return await down(n - 1, mode) + 1
    finally:
        unwound += 1


async def forever(n):
    return await forever(n + 1)


def now():
    return asyncio.get_running_loop().time()


async def main():
    global unwound
    print("result", await down(300, "return"), "unwound", unwound, now())
    unwound = 0
    try:
        await down(300, "raise")
    except ValueError as e:
        print("raised", repr(e), "unwound", unwound, now())
    unwound = 0
    t = asyncio.create_task(down(300, "return"))
    await asyncio.sleep(0.5)
    t.cancel("deep")
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled", repr(e), "unwound", unwound, now())
    try:
        await forever(0)
    except RecursionError as e:
        print("forever:", repr(e))
    print("after", await down(10, "return"), now())


asyncio.run(main())
