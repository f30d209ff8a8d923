# LifoQueue and PriorityQueue: the order items come out, priorities as
# tuples compared item by item, equal priorities falling back to the next
# field, and a bounded LifoQueue whose putter waits for room.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def drain(name, q):
    out = []
    while not q.empty():
        out.append(await q.get())
        q.task_done()
    print(name, out)


async def main():
    lifo = asyncio.LifoQueue()
    for x in ["a", "b", "c", "d"]:
        lifo.put_nowait(x)
    print("lifo size", lifo.qsize(), "first out", lifo.get_nowait())
    lifo.put_nowait("e")
    await drain("lifo", lifo)

    pq = asyncio.PriorityQueue()
    for item in [(3, "low"), (1, "high"), (2, "mid"), (1, "also high"), (0, "top"), (2, "a mid")]:
        pq.put_nowait(item)
    print("priority first", pq.get_nowait())
    await drain("priority", pq)
    for n in [5, 3, 8, 1, 9, 2, 7]:
        await pq.put(n)
    await drain("numbers", pq)
    for f in [2.5, -1.0, 0.0, 10.25]:
        pq.put_nowait(f)
    await drain("floats", pq)

    small = asyncio.LifoQueue(maxsize=1)
    await small.put("first")

    async def putter():
        print("putter waits", now())
        await small.put("second")
        print("putter done", now())

    t = asyncio.create_task(putter())
    await asyncio.sleep(1)
    print("get", await small.get(), now())
    await asyncio.sleep(0)
    print("get", await small.get(), now())
    await t
    print("empty", small.empty(), "full", small.full())


asyncio.run(main())
