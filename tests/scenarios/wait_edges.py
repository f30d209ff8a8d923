# Edges of wait, wait_for and as_completed: FIRST_EXCEPTION does not count
# a cancelled task; timeout=0 and negative timeouts; wait_for(timeout=0)
# on a coroutine never lets it start; as_completed yields a failure at
# its turn and goes on; wait() of an already-done set.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def job(name, d, exc=None):
    print("  ", name, "starts", now())
    await asyncio.sleep(d)
    if exc:
        raise exc
    return name


def names(fs):
    return sorted(f.get_name() for f in fs)


async def main():
    a = asyncio.create_task(job("a", 1), name="a")
    b = asyncio.create_task(job("b", 2), name="b")
    c = asyncio.create_task(job("c", 3, KeyError("c")), name="c")
    await asyncio.sleep(0.5)
    a.cancel()
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
    print("first exception:", names(done), names(pending), now())

    done, pending = await asyncio.wait([a, b, c], timeout=0)
    print("timeout=0 on done ones:", names(done), names(pending), now())

    d = asyncio.create_task(job("d", 1), name="d")
    done, pending = await asyncio.wait([d], timeout=-1)
    print("negative timeout:", names(done), names(pending), now())
    done, pending = await asyncio.wait([d], return_when=asyncio.FIRST_COMPLETED)
    print("then:", names(done), names(pending), now())

    try:
        await asyncio.wait_for(job("never", 1), timeout=0)
    except TimeoutError as e:
        print("wait_for(0):", repr(e), repr(e.__cause__), now())
    print("wait_for(0) of a done task:", await asyncio.wait_for(d, 0))
    e = asyncio.create_task(job("e", 1), name="e")
    try:
        await asyncio.wait_for(e, -5)
    except TimeoutError:
        print("wait_for(-5):", e.cancelled(), now())
    print("wait_for(None):", await asyncio.wait_for(job("f", 0.5), None), now())

    ts = [asyncio.create_task(job(n, d, exc), name=n)
          for n, d, exc in (("g", 1, None), ("h", 0.5, ValueError("h")), ("i", 1.5, None))]
    for fut in asyncio.as_completed(ts):
        try:
            print("as_completed:", await fut, now())
        except ValueError as err:
            print("as_completed raised", repr(err), now())


asyncio.run(main())
