# What print() and repr() show of values and exceptions inside a
# coroutine: floats in their shortest form, quotes, tuples, KeyError's
# str, exceptions with several arguments, OSError(errno, strerror) made
# into the subclass its errno names, ExceptionGroup's str and repr.
import asyncio


async def main():
    print(KeyError("x"), KeyError(), KeyError("a", "b"), ValueError("v"))
    print([KeyError("x")], str(KeyError(1)), repr(KeyError(1)))
    print(-0.0, 1e16, 1e-5, 123456789.123, float("inf"), -float("inf"), 0.1 + 0.2, 2.5e-10)
    print([1.0, True, None, "s'q", 'd"q', "both'\""], (1,), ())
    print(TimeoutError(), asyncio.CancelledError("m"), OSError(2, "No such file"))
    print(repr(OSError(2, "No such file")), str(OSError("one")))
    for errno in (1, 3, 4, 10, 11, 13, 17, 20, 21, 32, 104, 110, 999):
        e = OSError(errno, "why")
        print(type(e).__name__, e, isinstance(e, OSError))
    print(ExceptionGroup("eg", [ValueError(1), KeyError(2)]))
    print(repr(ExceptionGroup("eg", [ValueError(1), ExceptionGroup("in", [KeyError(2)])])))
    print(StopIteration(5), repr(StopIteration()))
    print(asyncio.InvalidStateError("x"), asyncio.QueueFull())
    print(10 ** 18, -7 // 2, 7 / 2, 1 / 3)


asyncio.run(main())
