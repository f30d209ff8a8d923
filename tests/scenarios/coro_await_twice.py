# Misuse: one coroutine object awaited by two tasks.  The second await
# raises RuntimeError at once, and the first still gets the result.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def child():
    await asyncio.sleep(1)
    return "child's result"


async def awaiter(name, coro):
    try:
        r = await coro
    except RuntimeError as e:
        print(name, "raised", repr(e), now())
        return None
    print(name, "got", r, now())
    return r


async def main():
    c = child()
    t1 = asyncio.create_task(awaiter("first", c))
    await asyncio.sleep(0)
    t2 = asyncio.create_task(awaiter("second", c))
    print("second returned", await t2, now())
    print("first returned", await t1, now())


asyncio.run(main())
