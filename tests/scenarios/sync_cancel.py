# Cancelling tasks blocked in Lock.acquire, Semaphore.acquire, Event.wait,
# Condition.wait and Queue.join, and the primitive's state afterwards: the
# lock is not leaked (a waiter woken and then cancelled passes the lock
# on), the semaphore's count is right, a condition waiter cancelled while
# it re-acquires the lock still holds it when the CancelledError arrives.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def locker(name, lock, hold):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        print(name, "cancelled waiting, locked:", lock.locked(), now())
        raise
    try:
        print(name, "has the lock", now())
        await asyncio.sleep(hold)
    finally:
        lock.release()
        print(name, "released", now())


async def sem_user(name, sem, hold):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        print(name, "cancelled waiting, locked:", sem.locked(), now())
        raise
    print(name, "acquired", now())
    await asyncio.sleep(hold)
    sem.release()
    print(name, "released", now())


async def event_waiter(name, ev):
    try:
        print(name, "wait ->", await ev.wait(), now())
    except asyncio.CancelledError:
        print(name, "cancelled, set:", ev.is_set(), now())
        raise


async def cond_waiter(name, cond):
    async with cond:
        try:
            await cond.wait()
            print(name, "notified, lock held:", cond.locked(), now())
        except asyncio.CancelledError:
            print(name, "cancelled in wait, lock held:", cond.locked(), now())
            raise


async def joiner(q):
    try:
        await q.join()
        print("join returned", now())
    except asyncio.CancelledError:
        print("joiner cancelled, unfinished left", q.qsize(), now())
        raise


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    l1 = asyncio.create_task(locker("l1", lock, 1))
    l2 = asyncio.create_task(locker("l2", lock, 1))
    l3 = asyncio.create_task(locker("l3", lock, 1))
    await asyncio.sleep(1)
    l2.cancel()
    lock.release()
    l1.cancel()
    await asyncio.sleep(0)
    print("after cancels: locked", lock.locked(), l1.cancelled(), l2.cancelled(), now())
    await l3
    print("lock free:", not lock.locked(), now())

    sem = asyncio.Semaphore(2)
    users = [asyncio.create_task(sem_user(f"s{i}", sem, 1)) for i in range(5)]
    await asyncio.sleep(0.5)
    print("locked", sem.locked())
    users[2].cancel()
    await asyncio.sleep(0.5)
    users[3].cancel()
    await asyncio.gather(*users, return_exceptions=True)
    print("sem after:", sem.locked(), [u.cancelled() for u in users], now())
    for _ in range(2):
        await sem.acquire()
    print("two acquired, locked:", sem.locked(), now())

    ev = asyncio.Event()
    e1 = asyncio.create_task(event_waiter("e1", ev))
    e2 = asyncio.create_task(event_waiter("e2", ev))
    await asyncio.sleep(1)
    e1.cancel()
    ev.set()
    e2.cancel()
    await asyncio.gather(e1, e2, return_exceptions=True)
    print("events:", e1.cancelled(), e2.cancelled(), now())

    cond = asyncio.Condition()
    c1 = asyncio.create_task(cond_waiter("c1", cond))
    c2 = asyncio.create_task(cond_waiter("c2", cond))
    await asyncio.sleep(1)
    c1.cancel()
    async with cond:
        cond.notify_all()
        c2.cancel()
        await asyncio.sleep(0.5)
    await asyncio.gather(c1, c2, return_exceptions=True)
    print("cond:", c1.cancelled(), c2.cancelled(), cond.locked(), now())

    q = asyncio.Queue()
    q.put_nowait("x")
    j = asyncio.create_task(joiner(q))
    await asyncio.sleep(1)
    j.cancel()
    await asyncio.sleep(0)
    q.get_nowait()
    q.task_done()
    j2 = asyncio.create_task(joiner(q))
    await j2
    print("done", j.cancelled(), now())


asyncio.run(main())
