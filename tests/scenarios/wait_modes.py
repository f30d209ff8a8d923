# asyncio.wait in its three return_when modes, without a timeout: which
# tasks come back done and which pending, and when; wait never cancels.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def job(delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"job {delay} failed")
    return delay


def names(tasks):
    return sorted(t.get_name() for t in tasks)


def start(spec):
    return [asyncio.create_task(job(d, f), name=n) for n, d, f in spec]


async def main():
    ts = start([("j1", 1, False), ("j2", 2, False), ("j3", 3, False)])
    done, pending = await asyncio.wait(ts)
    print("ALL_COMPLETED", names(done), names(pending), now())

    ts = start([("k1", 2, False), ("k2", 1, False), ("k3", 1, False)])
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print("FIRST_COMPLETED", names(done), names(pending), now())
    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    print("FIRST_COMPLETED again", names(done), names(pending), now())

    ts = start([("e1", 1, False), ("e2", 2, True), ("e3", 3, False)])
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION", names(done), names(pending), now())
    for t in sorted(done, key=lambda t: t.get_name()):
        print(" ", t.get_name(), repr(t.exception()))
    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION without one", names(done), names(pending), now())

    ts = start([("p1", 1, True), ("p2", 0, False)])
    await asyncio.sleep(2)
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)
    print("all done already", names(done), names(pending), now())
    for t in ts:
        print(" ", t.get_name(), repr(t.exception()))


asyncio.run(main())
