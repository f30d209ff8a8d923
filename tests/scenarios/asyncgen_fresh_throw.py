# throw() into an async generator's awaitable before it was ever sent to
# goes straight into the generator (3.11's async_gen_asend_throw and
# async_gen_athrow_throw): __anext__().throw(e) lets the generator catch
# e and yield (the awaitable returns that value), aclose().throw(e)
# raises e out of a generator that does not catch it.
import asyncio


async def agen():
    try:
        yield 1
    except ValueError as e:
        yield f"caught {e}"


async def main():
    a = agen()
    print(await anext(a))
    aw = a.__anext__()
    try:
        aw.throw(ValueError("x"))
    except StopIteration as e:
        print("returned", repr(e.value))
    aw2 = a.aclose()
    try:
        aw2.throw(KeyError("k"))
    except KeyError as e:
        print("raised", repr(e))
    print(await a.aclose())


asyncio.run(main())
