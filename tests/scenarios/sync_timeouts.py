# Waiting on a lock, a semaphore or an event under a deadline: wait_for
# around acquire() and wait(); a waiter that times out leaves the queue,
# so the next release goes to the one behind it; a semaphore slot freed
# while its waiter is being cancelled is passed on.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def hold(lock, secs):
    async with lock:
        await asyncio.sleep(secs)


async def try_lock(name, lock, timeout):
    try:
        await asyncio.wait_for(lock.acquire(), timeout)
    except TimeoutError:
        print(name, "gave up on the lock", now())
        return
    print(name, "got the lock", now())
    lock.release()


async def sem_user(name, sem, secs):
    try:
        async with sem:
            print(name, "has a slot", now())
            await asyncio.sleep(secs)
    except asyncio.CancelledError:
        print(name, "cancelled", now(), "locked", sem.locked())
        raise


async def main():
    lock = asyncio.Lock()
    h = asyncio.create_task(hold(lock, 2))
    await asyncio.sleep(0)
    await asyncio.gather(try_lock("impatient", lock, 1), try_lock("patient", lock, 3))
    await h

    ev = asyncio.Event()
    try:
        await asyncio.wait_for(ev.wait(), 0.5)
    except TimeoutError:
        print("event never set", now(), ev.is_set())

    sem = asyncio.Semaphore(1)
    a = asyncio.create_task(sem_user("a", sem, 1))
    b = asyncio.create_task(sem_user("b", sem, 1))
    c = asyncio.create_task(sem_user("c", sem, 1))
    await asyncio.sleep(1)
    b.cancel()
    await asyncio.gather(a, b, c, return_exceptions=True)
    print("semaphore free again", not sem.locked(), now())


asyncio.run(main())
