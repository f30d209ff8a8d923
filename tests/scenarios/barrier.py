# asyncio.Barrier and BoundedSemaphore: parties wait until all have
# arrived, each gets its index; the barrier then resets for the next
# round; abort() breaks it for the waiters and later arrivals; a
# BoundedSemaphore refuses a release beyond its initial value.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def party(name, barrier, delay):
    await asyncio.sleep(delay)
    print(name, "arrives", now(), "waiting", barrier.n_waiting)
    try:
        i = await barrier.wait()
    except asyncio.BrokenBarrierError as e:
        print(name, "broken", repr(e), now())
        return None
    print(name, "passes with index", i, now())
    return i


async def main():
    b = asyncio.Barrier(3)
    print("parties", b.parties, "broken", b.broken)
    r = await asyncio.gather(party("a", b, 1), party("b", b, 2), party("c", b, 3))
    print("round 1 indexes", r, now())
    r = await asyncio.gather(party("d", b, 0), party("e", b, 0.5), party("f", b, 0.25))
    print("round 2 indexes", r, now())
    t1 = asyncio.create_task(party("g", b, 0))
    t2 = asyncio.create_task(party("h", b, 0))
    await asyncio.sleep(1)
    await b.abort()
    print("aborted", b.broken, now())
    await asyncio.gather(t1, t2)
    await party("late", b, 0)
    await b.reset()
    print("reset", b.broken, b.n_waiting)
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print("Barrier(0):", repr(e))

    sem = asyncio.BoundedSemaphore(2)
    async with sem:
        print("inside, locked", sem.locked())
    await sem.acquire()
    sem.release()
    try:
        sem.release()
    except ValueError as e:
        print("release too many:", repr(e), sem.locked())


asyncio.run(main())
