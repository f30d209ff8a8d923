# asyncio.run closes, at shutdown, every async generator that was first
# iterated and not finished (loop.shutdown_asyncgens, through the firstiter
# hook): each one's finally block runs then, and may still await.  An
# error while closing goes to the loop's exception handler.
import asyncio

agens = []  # held to the end, so that only the shutdown closes them


def now():
    return asyncio.get_running_loop().time()


async def ticker(name, n):
    try:
        for i in range(n):
            yield i
            await asyncio.sleep(1)
    finally:
        print(" ", name, "finally at", now())
        await asyncio.sleep(0.5)
        print(" ", name, "closed at", now())


async def stubborn():
    try:
        yield "s"
    finally:
        raise ValueError("boom")


def handler(loop, context):
    print("handler:", context["message"].split(" at 0x")[0], repr(context["exception"]))


async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    a = ticker("a", 5)
    b = ticker("b", 5)
    c = ticker("c", 1)
    s = stubborn()
    agens.extend([a, b, s])  # c, finished, is collected with main
    print("a:", await anext(a))
    print("s:", await anext(s))
    async for x in c:
        print("c:", x)
    print("a:", await anext(a), now())
    print("main returns; b never started")


asyncio.run(main())
print("after run")
