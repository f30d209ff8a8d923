# asyncio.Event: wait() blocks until set(), every waiter wakes in the order
# it started waiting, wait() on a set event returns at once, clear() makes
# later waiters block again, and a cancelled waiter leaves the others.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def waiter(name, ev):
    print(name, "waits", now())
    try:
        r = await ev.wait()
    except asyncio.CancelledError:
        print(name, "cancelled while waiting", now())
        raise
    print(name, "woke with", r, now())


async def main():
    ev = asyncio.Event()
    print("is_set", ev.is_set())
    ws = [asyncio.create_task(waiter(n, ev)) for n in ("w1", "w2", "w3")]
    await asyncio.sleep(1)
    ws[1].cancel()
    await asyncio.sleep(1)
    print("setting", now())
    ev.set()
    ev.set()
    print("is_set", ev.is_set())
    print("fast path", await ev.wait(), now())
    await asyncio.gather(*ws, return_exceptions=True)
    ev.clear()
    print("cleared", ev.is_set())
    late = asyncio.create_task(waiter("late", ev))
    await asyncio.sleep(0.5)
    print("late done?", late.done())
    asyncio.get_running_loop().call_later(1, ev.set)
    await late
    ev.clear()
    ev.set()
    ev.clear()
    print("set then clear with no waiter", ev.is_set(), now())


asyncio.run(main())
