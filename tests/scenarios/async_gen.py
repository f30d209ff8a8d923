# Async generators: async for drives one; it can await between yields;
# aclose() runs its finally; athrow() raises inside it; break out of
# async for leaves it suspended until aclose(); asend() sends a value.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def ticks(n, delay):
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            yield i
    finally:
        print("  ticks cleanup", now())


async def echo():
    received = None
    while True:
        try:
            received = yield f"echo {received}"
        except ValueError as e:
            print("  echo caught", repr(e))
            received = "after error"


async def main():
    async for i in ticks(3, 0.5):
        print("tick", i, now())
    gen = ticks(10, 1)
    async for i in gen:
        print("tick", i, now())
        if i == 1:
            break
    print("after break", now())
    await gen.aclose()
    await gen.aclose()
    e = echo()
    print(await e.asend(None))
    print(await e.asend("hello"))
    print(await e.athrow(ValueError("bad")))
    print(await e.asend("again"))
    await e.aclose()
    try:
        await e.asend("closed")
    except StopAsyncIteration:
        print("closed generator: StopAsyncIteration")
    results = [i async for i in ticks(2, 0.25)]
    print("comprehension", results, now())


asyncio.run(main())
