# asyncio.shield: cancelling the outer future (or the task awaiting it)
# leaves the inner task running to its end; the inner result is still
# there for whoever awaits the task itself; shield of a done future or of
# a coroutine; an inner task cancelled from elsewhere cancels the outer,
# and an inner error is the outer's error.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def precious(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(" ", name, "was cancelled", now())
        raise
    print(" ", name, "completed", now())
    return name + " result"


async def broken():
    await asyncio.sleep(0)
    raise KeyError("broken")


async def caller(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("  caller cancelled, inner done?", inner.done(), now())
        raise


async def main():
    inner = asyncio.create_task(precious("save", 2))
    outer = asyncio.shield(inner)
    await asyncio.sleep(1)
    print("cancel outer:", outer.cancel(), outer.cancelled(), inner.cancelled())
    print("inner still gives", await inner, now())

    inner = asyncio.create_task(precious("call", 2))
    t = asyncio.create_task(caller(inner))
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("caller task cancelled", t.cancelled(), now())
    print("inner", await inner, now())

    f = asyncio.get_running_loop().create_future()
    f.set_result("ready")
    print("shield of a done future:", await asyncio.shield(f))
    print("shield of a coroutine:", await asyncio.shield(precious("coro", 0.5)), now())

    inner = asyncio.create_task(precious("victim", 5))
    outer = asyncio.shield(inner)
    await asyncio.sleep(1)
    inner.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer follows the inner cancel:", outer.cancelled(), now())

    inner = asyncio.create_task(broken())
    outer = asyncio.shield(inner)
    await asyncio.sleep(0.5)
    print("outer copies the error:", outer.done(), repr(outer.exception()), repr(inner.exception()))


asyncio.run(main())
