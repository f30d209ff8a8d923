# Exceptions as a program sees them: raise ... from ... sets __cause__,
# raising while handling sets __context__, multi-argument exceptions
# print their tuple, and TimeoutError and ConnectionError are OSErrors.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def fetch():
    await asyncio.sleep(1)
    raise ConnectionResetError(104, "connection reset")


async def wrapper():
    try:
        await fetch()
    except ConnectionError as e:
        raise RuntimeError("fetch failed") from e


async def sloppy():
    try:
        await fetch()
    except OSError:
        raise KeyError("lost")


async def main():
    try:
        await wrapper()
    except RuntimeError as e:
        print(repr(e), "cause", repr(e.__cause__), "suppress", e.__suppress_context__)
        print("cause args", e.__cause__.args, "str", str(e.__cause__))
    try:
        await sloppy()
    except KeyError as e:
        print(repr(e), "cause", e.__cause__, "context", repr(e.__context__))
    e = ValueError("a", 2, None)
    print(repr(e), str(e), e.args)
    print(repr(ValueError()), repr(str(ValueError())), repr(ValueError("")))
    try:
        async with asyncio.timeout(0.5):
            await asyncio.sleep(1)
    except OSError as e:
        print("timeout is an OSError:", type(e).__name__, isinstance(e, OSError), now())
    for cls in (TimeoutError, ConnectionError, ConnectionResetError, BrokenPipeError):
        print(cls.__name__, issubclass(cls, OSError), issubclass(cls, ConnectionError))
    try:
        try:
            raise ValueError("inner")
        except ValueError:
            raise TypeError("outer") from None
    except TypeError as e:
        print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)


asyncio.run(main())
