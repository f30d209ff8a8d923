# Mistakes a program makes, and what CPython raises for each: result() of
# a pending future, wait() of nothing, a coroutine awaited twice, a
# TaskGroup used after it finished, a Condition notified or waited on
# without its lock, a BoundedSemaphore released too often, task_done()
# too often, a Barrier broken by abort, empty gather and as_completed.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def quick():
    await asyncio.sleep(0.1)
    return "quick"


async def show(label, aw):
    try:
        r = await aw
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "raised", type(e).__name__, str(e).split(" <")[0])


async def party(b, name):
    try:
        i = await b.wait()
        print("  ", name, "passed as", i)
    except asyncio.BrokenBarrierError as e:
        print("  ", name, "broken", repr(e), now())


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    for what in (fut.result, fut.exception):
        try:
            what()
        except asyncio.InvalidStateError as e:
            print("pending:", repr(e))
    fut.cancel()
    try:
        fut.set_result(1)
    except asyncio.InvalidStateError as e:
        print("set on cancelled:", repr(e))

    await show("wait([])", asyncio.wait([]))
    await show("gather()", asyncio.gather())
    print("as_completed([]):", list(asyncio.as_completed([])))

    c = quick()
    await show("first await", c)
    await show("second await", c)

    async with asyncio.TaskGroup() as tg:
        t = tg.create_task(quick())
    print("group task", t.result())
    c = quick()
    try:
        tg.create_task(c)
    except RuntimeError as e:
        print("finished group:", e)
    c.close()

    cond = asyncio.Condition()
    try:
        cond.notify()
    except RuntimeError as e:
        print("notify:", repr(e))
    await show("cond.wait()", cond.wait())
    print("cond locked after:", cond.locked())

    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError as e:
        print("release:", repr(e))

    bs = asyncio.BoundedSemaphore(1)
    await bs.acquire()
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print("bounded:", repr(e))

    q = asyncio.Queue()
    q.put_nowait(1)
    q.get_nowait()
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print("task_done:", repr(e))
    full = asyncio.Queue(1)
    full.put_nowait(1)
    for what in (q.get_nowait, lambda: full.put_nowait(2)):
        try:
            what()
        except (asyncio.QueueEmpty, asyncio.QueueFull) as e:
            print("nowait:", repr(e))

    b = asyncio.Barrier(3)
    ps = [asyncio.create_task(party(b, n)) for n in ("p1", "p2")]
    await asyncio.sleep(1)
    print("waiting", b.n_waiting, "broken", b.broken)
    await b.abort()
    await asyncio.gather(*ps)
    print("after abort", b.broken, b.n_waiting)
    await show("wait on broken", b.wait())
    await b.reset()
    print("after reset", b.broken)
    try:
        asyncio.Barrier(0)
    except ValueError as e:
        print("Barrier(0):", repr(e))
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("Semaphore(-1):", repr(e))


asyncio.run(main())
