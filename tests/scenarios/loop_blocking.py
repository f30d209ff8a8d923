# A blocking call (time.sleep) inside a coroutine freezes the whole loop:
# the virtual clock jumps, and timers that fell due meanwhile fire late.
import asyncio
import time


def now():
    return asyncio.get_running_loop().time()


async def ticker(n):
    for i in range(n):
        print("tick", i, now())
        await asyncio.sleep(1)
    return n


async def main():
    t = asyncio.create_task(ticker(3))
    await asyncio.sleep(0.5)
    print("blocking", now())
    time.sleep(2)
    print("unblocked", now())
    print("ticker returned", await t, now())
    time.sleep(0.25)
    await asyncio.sleep(0)
    print("done", now())


asyncio.run(main())
