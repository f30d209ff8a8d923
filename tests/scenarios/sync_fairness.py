# Fairness of the primitives when waiters are cancelled: a Semaphore whose
# woken waiter is cancelled before it runs passes the wake-up on; two
# releases at once with one woken waiter cancelled; acquire() under
# wait_for timing out; Condition.wait_for with a predicate and a cancel
# while re-acquiring; Queue.join with two joiners and a cancelled one.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def user(name, sem, log):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        log.append(name + " cancelled")
        raise
    log.append(name)
    await asyncio.sleep(1)
    sem.release()


async def cond_user(name, cond, state):
    async with cond:
        try:
            await cond.wait_for(lambda: state["n"] >= 2)
            print("  ", name, "sees", state["n"], now())
        except asyncio.CancelledError:
            print("  ", name, "cancelled holding lock:", cond.locked(), now())
            raise


async def joiner(name, q):
    await q.join()
    print("  ", name, "joined", now())


async def main():
    sem = asyncio.Semaphore(1)
    log = []
    await sem.acquire()
    ts = [asyncio.create_task(user(f"u{i}", sem, log)) for i in range(4)]
    await asyncio.sleep(0.5)
    sem.release()
    ts[0].cancel()
    await asyncio.sleep(0)
    print("after cancel of woken u0:", log, sem.locked())
    sem.release()
    sem.release()
    ts[2].cancel()
    await asyncio.gather(*ts, return_exceptions=True)
    print("log", log, "locked", sem.locked(), now())

    try:
        await asyncio.wait_for(sem.acquire(), 0.5)
        print("got it at once", now())
        await asyncio.wait_for(sem.acquire(), 0.5)
        await asyncio.wait_for(sem.acquire(), 0.5)
        await asyncio.wait_for(sem.acquire(), 0.5)
    except TimeoutError:
        print("acquire timed out", sem.locked(), now())

    cond = asyncio.Condition()
    state = {"n": 0}
    c1 = asyncio.create_task(cond_user("c1", cond, state))
    c2 = asyncio.create_task(cond_user("c2", cond, state))
    for i in range(3):
        await asyncio.sleep(0.5)
        async with cond:
            state["n"] += 1
            cond.notify_all()
            if i == 1:
                c1.cancel()
    await asyncio.gather(c1, c2, return_exceptions=True)
    print("cond done", c1.cancelled(), c2.done(), cond.locked(), now())

    q = asyncio.Queue()
    for i in range(2):
        q.put_nowait(i)
    j1 = asyncio.create_task(joiner("j1", q))
    j2 = asyncio.create_task(joiner("j2", q))
    j3 = asyncio.create_task(joiner("j3", q))
    await asyncio.sleep(0.5)
    j2.cancel()
    for _ in range(2):
        q.get_nowait()
        q.task_done()
        await asyncio.sleep(0.25)
    await asyncio.gather(j1, j2, j3, return_exceptions=True)
    print("joiners", j1.done(), j2.cancelled(), j3.done(), now())


asyncio.run(main())
