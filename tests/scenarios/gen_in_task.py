# Plain generators driven by a task, and PEP 479: a StopIteration raised
# inside a generator or a coroutine becomes RuntimeError (with the
# StopIteration as its cause); a generator's finally runs on close(), one
# that yields on close() is a RuntimeError; yield from returns the
# subgenerator's value; send() into a finished generator is StopIteration.
import asyncio


def counter(n):
    try:
        for i in range(n):
            got = yield i
            if got is not None:
                print("  counter got", got)
        return "counted"
    finally:
        print("  counter finally")


def outer():
    r = yield from counter(2)
    print("  outer got", repr(r))
    yield "outer done"


def leaky():
    yield 1
    raise StopIteration("leak")


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("  stubborn ignores GeneratorExit")
        yield 2


async def coro_leak():
    await asyncio.sleep(0.5)
    raise StopIteration("from coro")


def drive(gen):
    out = []
    try:
        while True:
            out.append(next(gen))
    except StopIteration as e:
        out.append(("stop", e.value))
    return out


async def main():
    print("drive:", drive(counter(3)))
    g = counter(5)
    print("first", next(g), "send", g.send("hello"))
    await asyncio.sleep(1)
    g.close()
    print("after close:", drive(g))
    print("outer:", drive(outer()))
    g = leaky()
    next(g)
    try:
        next(g)
    except RuntimeError as e:
        print("leaky:", repr(e), "cause", repr(e.__cause__))
    g = stubborn()
    next(g)
    try:
        g.close()
    except RuntimeError as e:
        print("stubborn:", repr(e))
    g = counter(2)
    next(g)
    try:
        g.throw(KeyError("k"))
    except KeyError as e:
        print("thrown back:", repr(e))
    try:
        g.send(None)
    except StopIteration as e:
        print("send to finished: StopIteration", repr(e.value))
    t = asyncio.create_task(coro_leak())
    try:
        await t
    except RuntimeError as e:
        print("coro_leak:", repr(e), "cause", repr(e.__cause__), asyncio.get_running_loop().time())


asyncio.run(main())
