# Lesson 11: await as a protocol.
#
# What to watch: every form below is the delegation of lesson 3 under
# another name.  (a) A generator marked with @types.coroutine may be
# awaited, and may itself `yield from` a native coroutine; a bare `yield`
# in it reaches the task, which reads None as "step me again on the next
# turn" (that is all asyncio.sleep(0) does).  `async def` makes the same
# thing with await.  (b) Any object whose __await__ returns an iterator is
# awaitable: await runs that iterator as yield from would.  (c) async for
# calls __aiter__ once, then awaits __anext__() until it raises
# StopAsyncIteration; an async generator writes the same iterator as a
# function.  (d) async with awaits __aenter__ on the way in and __aexit__
# on the way out, with the exception that left the block, if any; a true
# result from __aexit__ swallows it.
#
# Parameters (name, type, default, min, max, max_len, help); max_len is
# the longest a list may be, 0 for scalars:
#   pause     float  0.5      0    2    0        seconds each awaitable sleeps per step
#   count     int    3        0    5    0        items the async iterator and the async generator produce
#   fail      bool   false    -    -    0        the body of the async with raises ValueError
#   suppress  bool   false    -    -    0        __aexit__ returns True, which swallows the body's exception

import asyncio
import sys
import types

args = dict(arg.split("=", 1) for arg in sys.argv[1:])
pause = float(args.get("pause", "0.5"))
count = int(args.get("count", "3"))
fail = args.get("fail", "false") == "true"
suppress = args.get("suppress", "false") == "true"

start = 0.0  # the loop's clock when main began; main sets it


def now():
    """Seconds since main began, as the loop's clock counts them."""
    return asyncio.get_running_loop().time() - start


# (a) Generator-based coroutines next to async def.

@types.coroutine
def bare_yield():
    # What asyncio.sleep(0) does: yield None straight to the task.
    yield


@types.coroutine
def old_style(n):
    # Python 3.4's way (@asyncio.coroutine then; @types.coroutine now).
    yield from bare_yield()
    value = yield from asyncio.sleep(pause, result=n)
    return value * 2


async def new_style(n):
    await bare_yield()
    value = await asyncio.sleep(pause, result=n)
    return value * 2


# (b) An awaitable class.

class Countdown:
    """await Countdown(n) runs __await__'s generator to its return."""

    def __init__(self, n):
        self.n = n

    def __await__(self):
        for i in range(self.n, 0, -1):
            print(f"  {now():.2f} countdown {i}")
            yield from asyncio.sleep(pause).__await__()
        return "liftoff"


# (c) An async iterator class, then an async generator.

class Ticker:
    """async for over Ticker(n) gets 1..n, one every `pause` seconds."""

    def __init__(self, n):
        self.n = n
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(pause)
        return self.i


async def ticker(n):
    for i in range(1, n + 1):
        await asyncio.sleep(pause)
        yield i


# (d) An async context manager.

class Connection:
    async def __aenter__(self):
        print(f"  {now():.2f} __aenter__: connecting")
        await asyncio.sleep(pause)
        print(f"  {now():.2f} __aenter__: connected")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        name = exc_type.__name__ if exc_type else None
        print(f"  {now():.2f} __aexit__: closing (exception: {name})")
        await asyncio.sleep(pause)
        print(f"  {now():.2f} __aexit__: closed, returns {suppress}")
        return suppress


async def main():
    global start
    start = asyncio.get_running_loop().time()

    print("(a) @types.coroutine next to async def")
    result = await old_style(1)
    print(f"  {now():.2f} old_style(1) returned {result}")
    result = await new_style(2)
    print(f"  {now():.2f} new_style(2) returned {result}")

    print("(b) a class with __await__")
    result = await Countdown(count)
    print(f"  {now():.2f} await Countdown({count}) returned {result!r}")

    print("(c) async for over __aiter__/__anext__, then an async generator")
    async for i in Ticker(count):
        print(f"  {now():.2f} Ticker gave {i}")
    async for i in ticker(count):
        print(f"  {now():.2f} ticker() gave {i}")

    print("(d) async with over __aenter__/__aexit__")
    try:
        async with Connection() as conn:
            print(f"  {now():.2f} body: using {type(conn).__name__}")
            if fail:
                raise ValueError("the body failed")
        print(f"  {now():.2f} after the block")
    except ValueError as exc:
        print(f"  {now():.2f} the block raised {exc!r}")


if __name__ == "__main__":
    asyncio.run(main())
