# The same object passed twice: gather(c, c) runs one task for the one
# coroutine and repeats its result; wait([t, t]) counts t once; and a
# cancel message need not be a str.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def job(name, delay):
    await asyncio.sleep(delay)
    print(" ", name, "ran", now())
    return name


async def main():
    c = job("c", 1)
    print("gather(c, c):", await asyncio.gather(c, c), now())
    t = asyncio.create_task(job("t", 1))
    done, pending = await asyncio.wait([t, t])
    print("wait([t, t]):", len(done), len(pending), now())
    u = asyncio.create_task(job("u", 5))
    await asyncio.sleep(0)
    u.cancel(42)
    try:
        await u
    except asyncio.CancelledError as e:
        print("cancel(42):", repr(e), e.args)


asyncio.run(main())
