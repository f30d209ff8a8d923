# Event set and clear racing with its waiters: set() then clear() before
# the woken waiters run still lets each of them return True; a waiter
# that starts after the clear blocks; set() twice wakes nobody twice; a
# waiter cancelled after set() but before it ran is cancelled, not woken.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def waiter(ev, name):
    try:
        r = await ev.wait()
        print("  ", name, "woke with", r, "is_set", ev.is_set(), now())
    except asyncio.CancelledError:
        print("  ", name, "cancelled", now())
        raise


async def main():
    ev = asyncio.Event()
    ws = [asyncio.create_task(waiter(ev, n)) for n in ("w1", "w2")]
    await asyncio.sleep(1)
    ev.set()
    ev.clear()
    late = asyncio.create_task(waiter(ev, "late"))
    print("set+clear: is_set", ev.is_set(), now())
    await asyncio.sleep(1)
    print("late done?", late.done())
    ev.set()
    ev.set()
    await asyncio.sleep(0)
    print("set twice, late done?", late.done(), now())

    ev.clear()
    ws = [asyncio.create_task(waiter(ev, n)) for n in ("x1", "x2", "x3")]
    await asyncio.sleep(1)
    ev.set()
    ws[1].cancel()
    await asyncio.gather(*ws, return_exceptions=True)
    print("states", [w.cancelled() for w in ws], now())
    ev.clear()
    t = asyncio.create_task(waiter(ev, "y"))
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    ev.set()
    await t
    print("end", ev.is_set(), now())


asyncio.run(main())
