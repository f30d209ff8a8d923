# Queue hand-offs at the edges: put_nowait into an empty queue with a
# getter waiting wakes that getter (FIFO among getters); get_nowait from a
# full queue with a putter waiting lets that putter in; join() on a queue
# with nothing unfinished returns at once; several joiners all wake on
# the last task_done; a cancelled joiner leaves the others waiting.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def getter(q, name):
    item = await q.get()
    print("  ", name, "got", item, now())
    q.task_done()


async def putter(q, item):
    await q.put(item)
    print("  put", item, "went in", now(), "qsize", q.qsize())


async def joiner(q, name):
    await q.join()
    print("  ", name, "joined", now())


async def main():
    q = asyncio.Queue()
    await q.join()
    print("join on a fresh queue returns at once", now())
    gs = [asyncio.create_task(getter(q, n)) for n in ("g1", "g2", "g3")]
    await asyncio.sleep(0)
    q.put_nowait("a")
    q.put_nowait("b")
    print("after two put_nowait: qsize", q.qsize(), "waiting getters served next turn")
    await asyncio.sleep(1)
    q.put_nowait("c")
    await asyncio.gather(*gs)

    q = asyncio.Queue(maxsize=2)
    q.put_nowait(1)
    q.put_nowait(2)
    ps = [asyncio.create_task(putter(q, i)) for i in (3, 4)]
    await asyncio.sleep(1)
    print("full:", q.full(), "get_nowait ->", q.get_nowait(), "full now:", q.full())
    await asyncio.sleep(0)
    print("after one turn: qsize", q.qsize(), now())
    print("get ->", await q.get(), "then", q.get_nowait())
    await asyncio.gather(*ps)
    print("last", q.get_nowait(), q.empty())

    q = asyncio.Queue()
    for i in range(2):
        q.put_nowait(i)
    js = [asyncio.create_task(joiner(q, n)) for n in ("j1", "j2", "j3")]
    await asyncio.sleep(1)
    js[1].cancel()
    q.get_nowait()
    q.get_nowait()
    q.task_done()
    await asyncio.sleep(1)
    print("one task_done left", [j.done() for j in js], now())
    q.task_done()
    await asyncio.sleep(0)
    print("joiners:", [j.cancelled() for j in js], [j.done() for j in js])
    try:
        q.task_done()
    except ValueError as e:
        print("extra task_done:", repr(e))


asyncio.run(main())
