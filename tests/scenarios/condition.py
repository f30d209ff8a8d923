# asyncio.Condition: wait() releases the lock and re-acquires it before
# returning; notify(n) wakes n waiters in order, notify_all() the rest;
# wait_for(predicate) loops until the predicate holds; notify without
# the lock is a RuntimeError.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def consumer(name, cond, box):
    async with cond:
        print(name, "waits", now(), "locked", cond.locked())
        await cond.wait()
        print(name, "woke holding the lock", cond.locked(), "box", box, now())


async def counter_waiter(cond, box):
    async with cond:
        r = await cond.wait_for(lambda: len(box) >= 3)
        print("wait_for saw", box, "returned", r, now())


async def main():
    cond = asyncio.Condition()
    try:
        cond.notify()
    except RuntimeError as e:
        print("notify unlocked:", repr(e))
    box = []
    ws = [asyncio.create_task(consumer(f"c{i}", cond, box)) for i in range(4)]
    cw = asyncio.create_task(counter_waiter(cond, box))
    await asyncio.sleep(1)
    async with cond:
        box.append("x")
        cond.notify(2)
        print("notified 2, lock held by main", cond.locked(), now())
        await asyncio.sleep(1)
    await asyncio.sleep(0)
    async with cond:
        box.append("y")
        cond.notify_all()
    await asyncio.gather(*ws)
    async with cond:
        box.append("z")
        cond.notify_all()
    await cw
    async with cond:
        print("wait_for already true:", await cond.wait_for(lambda: "done"), now())
    lock = asyncio.Lock()
    shared = asyncio.Condition(lock)
    async with lock:
        print("shared lock: condition locked", shared.locked())


asyncio.run(main())
