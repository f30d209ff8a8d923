# No barging past waiters: a task that releases a Lock and at once asks
# for it again queues behind the waiter it just woke; a newcomer arriving
# while the woken waiter has not yet run waits too; but when every waiter
# has been cancelled, acquire() takes the free lock at once.  The same for
# a Semaphore, whose locked() also counts waiters that are not cancelled.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def user(lock, name, hold):
    await lock.acquire()
    print("  ", name, "has it", now())
    await asyncio.sleep(hold)
    lock.release()


async def greedy(lock):
    await lock.acquire()
    print("   greedy has it", now())
    await asyncio.sleep(1)
    lock.release()
    await lock.acquire()
    print("   greedy has it again", now())
    lock.release()


async def main():
    lock = asyncio.Lock()
    g = asyncio.create_task(greedy(lock))
    await asyncio.sleep(0)
    w = asyncio.create_task(user(lock, "waiter", 1))
    await asyncio.sleep(1.5)
    await asyncio.gather(g, w)

    await lock.acquire()
    w = asyncio.create_task(user(lock, "woken", 0.5))
    await asyncio.sleep(0)
    lock.release()
    n = asyncio.create_task(user(lock, "newcomer", 0.5))
    await asyncio.gather(w, n)

    await lock.acquire()
    c = asyncio.create_task(user(lock, "cancelled", 1))
    await asyncio.sleep(0)
    c.cancel()
    lock.release()
    print("only a cancelled waiter: locked", lock.locked())
    print("acquire at once:", await lock.acquire(), now())
    await asyncio.sleep(0)
    print("waiter cancelled:", c.cancelled(), "locked", lock.locked())
    lock.release()

    sem = asyncio.Semaphore(1)
    await sem.acquire()
    ws = [asyncio.create_task(user(sem, n, 1)) for n in ("s1", "s2")]
    await asyncio.sleep(0)
    ws[0].cancel()
    await asyncio.sleep(0)
    print("sem locked with one live waiter:", sem.locked())
    sem.release()
    print("after release, locked:", sem.locked(), now())
    late = asyncio.create_task(user(sem, "s3", 0))
    await asyncio.gather(*ws, late, return_exceptions=True)
    print("sem end", sem.locked(), now())


asyncio.run(main())
