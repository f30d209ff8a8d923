# gather: results in argument order whatever the finishing order; futures,
# tasks and coroutines mixed; the same awaitable twice; gather() of nothing;
# a gather awaited inside another gather.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def value(v, delay):
    await asyncio.sleep(delay)
    print("value", v, "ready", now())
    return v


async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.gather(value("slow", 3), value("fast", 1), value("mid", 2)), now())
    f = loop.create_future()
    loop.call_later(0.5, f.set_result, "from future")
    t = asyncio.create_task(value("task", 0.25))
    print(await asyncio.gather(f, t, value("coro", 0)), now())
    print("empty", await asyncio.gather(), now())
    u = asyncio.create_task(value("twice", 1))
    print("same task twice", await asyncio.gather(u, u), now())
    inner = asyncio.gather(value("in-1", 1), value("in-2", 0.5))
    print("nested", await asyncio.gather(inner, value("out", 0.75)), now())
    done = loop.create_future()
    done.set_result("already")
    print("done future", await asyncio.gather(done, done), now())


asyncio.run(main())
