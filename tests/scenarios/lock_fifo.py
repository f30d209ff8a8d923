# asyncio.Lock: mutual exclusion with FIFO hand-off, locked(), releasing an
# unlocked lock (RuntimeError), a cancelled waiter skipped, and acquire()
# on a free lock not yielding at all.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def worker(name, lock, hold):
    print(name, "wants the lock", now())
    try:
        async with lock:
            print(name, "holds the lock", now())
            await asyncio.sleep(hold)
            print(name, "releases", now())
    except asyncio.CancelledError:
        print(name, "cancelled before getting it", now(), lock.locked())
        raise


async def main():
    lock = asyncio.Lock()
    print("locked", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("release unlocked:", repr(e))
    print("acquire free:", await lock.acquire(), lock.locked())
    lock.release()
    ts = [asyncio.create_task(worker(n, lock, 1)) for n in ("a", "b", "c", "d")]
    await asyncio.sleep(0.5)
    ts[2].cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    print("all done", now(), lock.locked())
    await lock.acquire()
    t = asyncio.create_task(worker("e", lock, 0))
    await asyncio.sleep(0)
    lock.release()
    print("released with a waiter: locked is", lock.locked())
    t.cancel()
    await asyncio.sleep(0)
    print("waiter cancelled after wake-up; locked", lock.locked(), t.cancelled())
    await worker("f", lock, 0)


asyncio.run(main())
