# An async generator that ignored GeneratorExit on aclose() and is still
# referenced when asyncio.run shuts down: shutdown_asyncgens closes it
# once more, in a task of its own.
import asyncio

keep = []


async def stubborn():
    try:
        yield 1
    finally:
        yield 2


async def main():
    s = stubborn()
    keep.append(s)
    print("first", await anext(s))
    try:
        await s.aclose()
    except RuntimeError as e:
        print("aclose:", repr(e))


asyncio.run(main())
