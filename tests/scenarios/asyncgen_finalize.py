# An async generator left suspended when the last reference to it goes
# (here: main's frame, when main returns) is finalized through the
# loop's finalizer hook: its aclose() is scheduled as a task right away.
# asyncio.run's shutdown then cancels that task like any task still
# pending, so the finally block runs up to its first await only.  One
# that main keeps alive to the end is closed by shutdown_asyncgens and
# runs its finally block to the end.
import asyncio

kept = []


def now():
    return asyncio.get_running_loop().time()


async def ticker(name):
    try:
        for i in range(5):
            yield i
            await asyncio.sleep(1)
    finally:
        print(" ", name, "finally at", now())
        await asyncio.sleep(0.5)
        print(" ", name, "closed at", now())


async def other():
    await asyncio.sleep(0.1)
    print("other ran")


async def main():
    asyncio.create_task(other())
    a = ticker("a")
    async for x in a:
        print("a:", x)
        break
    b = ticker("b")
    kept.append(b)
    print("b:", await anext(b))
    print("main returns")


asyncio.run(main())
print("after run")
