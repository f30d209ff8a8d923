# Condition at its edges: a waiter cancelled (with a message) while it
# waits gets that CancelledError, lock held again; one cancelled while it
# re-acquires the lock after a notify gets a bare CancelledError, lock
# held; notify(n) skips waiters already cancelled; wait_for returns the
# predicate's own value, and an exception from the predicate comes out
# with the lock held.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def waiter(cond, name):
    async with cond:
        try:
            await cond.wait()
            print("  ", name, "woke", now())
        except asyncio.CancelledError as e:
            print("  ", name, "cancelled", repr(e), "locked", cond.locked(), now())
            raise


state = {"n": 0}


def pred():
    if state["n"] < 0:
        raise KeyError("predicate failed")
    return state["n"] * 10


async def waits_for(cond):
    async with cond:
        try:
            r = await cond.wait_for(pred)
            print("   wait_for ->", r, now())
        except KeyError as e:
            print("   wait_for raised", repr(e), "locked", cond.locked(), now())


async def main():
    cond = asyncio.Condition()
    a = asyncio.create_task(waiter(cond, "a"))
    await asyncio.sleep(1)
    a.cancel("while waiting")
    await asyncio.gather(a, return_exceptions=True)

    b = asyncio.create_task(waiter(cond, "b"))
    await asyncio.sleep(1)
    async with cond:
        cond.notify()
        await asyncio.sleep(0)
        b.cancel("while re-acquiring")
        await asyncio.sleep(1)
        print("main releases", now())
    await asyncio.gather(b, return_exceptions=True)

    ws = [asyncio.create_task(waiter(cond, n)) for n in ("c1", "c2", "c3", "c4")]
    await asyncio.sleep(1)
    ws[0].cancel()
    ws[1].cancel()
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
    await asyncio.sleep(1)
    print("done:", [w.done() for w in ws])
    async with cond:
        cond.notify(5)
    await asyncio.gather(*ws, return_exceptions=True)

    t = asyncio.create_task(waits_for(cond))
    await asyncio.sleep(1)
    state["n"] = 3
    async with cond:
        cond.notify_all()
    await t
    state["n"] = 0
    t = asyncio.create_task(waits_for(cond))
    await asyncio.sleep(1)
    state["n"] = -1
    async with cond:
        cond.notify_all()
    await t
    print("end locked", cond.locked(), now())


asyncio.run(main())
