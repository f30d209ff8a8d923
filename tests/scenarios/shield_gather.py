# shield inside gather, cancelled from outside: cancelling the gather
# cancels the shield's outer future, not the inner task, which runs on and
# finishes; a gather with return_exceptions=True reports the shielded child
# as CancelledError while the others' results stay; the inner task's
# result is still there for whoever awaits it.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def work(name, delay):
    try:
        await asyncio.sleep(delay)
        print("  ", name, "finished at", now())
        return name
    except asyncio.CancelledError:
        print("  ", name, "cancelled at", now())
        raise


async def main():
    inner = asyncio.create_task(work("inner", 2))
    other = asyncio.create_task(work("other", 3))
    g = asyncio.gather(asyncio.shield(inner), other)
    await asyncio.sleep(1)
    print("cancel gather:", g.cancel(), now())
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled(), now())
    print("inner done?", inner.done(), "other cancelled?", other.cancelled())
    print("inner result", await inner, now())

    inner = asyncio.create_task(work("inner2", 2))
    quick = asyncio.create_task(work("quick", 0.5))
    g = asyncio.gather(quick, asyncio.shield(inner), return_exceptions=True)
    await asyncio.sleep(1)
    g.cancel()
    try:
        print("results", await g, now())
    except asyncio.CancelledError:
        print("gather cancelled again", now())
    print("inner2 result", await inner, now())

    inner = asyncio.create_task(work("inner3", 1))
    s = asyncio.shield(inner)
    waiter = asyncio.create_task(asyncio.wait_for(s, 0.5))
    try:
        await waiter
    except TimeoutError:
        print("wait_for(shield) timed out", s.cancelled(), inner.cancelled(), now())
    print("inner3 result", await inner, now())


asyncio.run(main())
