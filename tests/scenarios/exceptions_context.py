# Implicit chaining: an exception raised while another is being handled
# (in an except clause, or in a finally clause while one is on its way
# out) gets that one as __context__, whether it is raised right there or
# deeper down, in a coroutine the handler awaits.  A bare raise re-raises
# the exception itself, with nothing new; "raise ... from" sets __cause__
# too and hides the context when printed.  What escapes main is printed
# by asyncio.run's caller with the whole chain.
import asyncio


def chain(e):
    names = []
    while e is not None:
        names.append(repr(e))
        e = e.__context__
    return " <- ".join(names)


async def fail(msg):
    await asyncio.sleep(0.5)
    raise ValueError(msg)


async def main():
    try:
        try:
            raise KeyError("a")
        except KeyError:
            raise ValueError("in handler")
    except ValueError as e:
        print("1:", chain(e))
    try:
        try:
            raise KeyError("b")
        except KeyError:
            await fail("awaited")
    except ValueError as e:
        print("2:", chain(e), asyncio.get_running_loop().time())
    try:
        try:
            raise KeyError("c")
        finally:
            await asyncio.sleep(0.25)
            raise ValueError("in finally")
    except ValueError as e:
        print("3:", chain(e))
    try:
        try:
            raise KeyError("d")
        except KeyError:
            raise
    except KeyError as e:
        print("4:", chain(e))
    try:
        try:
            raise KeyError("e")
        except KeyError:
            try:
                raise TypeError("inner")
            except TypeError:
                raise ValueError("innermost")
    except ValueError as e:
        print("5:", chain(e))
    try:
        try:
            raise KeyError("f")
        except KeyError as k:
            raise ValueError("from") from k
    except ValueError as e:
        print("6:", chain(e), repr(e.__cause__), e.__suppress_context__)
    try:
        raise KeyError("g")
    except KeyError:
        raise RuntimeError("escapes")


asyncio.run(main())
