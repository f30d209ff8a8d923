# Async context managers: __aenter__ may await and returns the value bound
# by "as"; __aexit__ sees the exception leaving the block, may await, and
# swallows it by returning True; nesting exits in reverse order.
import asyncio


def now():
    return asyncio.get_running_loop().time()


class Resource:
    def __init__(self, name, swallow=False):
        self.name, self.swallow = name, swallow

    async def __aenter__(self):
        await asyncio.sleep(0.5)
        print("open", self.name, now())
        return self.name.upper()

    async def __aexit__(self, et, e, tb):
        await asyncio.sleep(0.25)
        print("close", self.name, "saw", repr(e), now())
        return self.swallow


async def main():
    async with Resource("a") as a, Resource("b") as b:
        print("using", a, b, now())
    try:
        async with Resource("c"):
            raise KeyError("inside c")
    except KeyError as e:
        print("propagated", repr(e), now())
    async with Resource("d", swallow=True):
        raise ValueError("swallowed by d")
    print("after d", now())
    t = asyncio.create_task(use_slowly())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("task cancelled inside the block", now())


async def use_slowly():
    async with Resource("e"):
        await asyncio.sleep(10)


asyncio.run(main())
