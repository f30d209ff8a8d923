# Queue edge cases: a PriorityQueue compares items with <, so equal tuples
# are fine and bools order among numbers; a negative maxsize is unbounded;
# LifoQueue and PriorityQueue raise QueueEmpty/QueueFull like Queue, and
# join() on a queue with no unfinished task returns at once.
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    pq.put_nowait((1, None))
    pq.put_nowait((1, None))
    print("equal tuples", pq.qsize(), pq.get_nowait())
    pq = asyncio.PriorityQueue()
    pq.put_nowait(3)
    pq.put_nowait(True)
    pq.put_nowait(2.5)
    print("mixed numbers", [pq.get_nowait() for _ in range(3)])

    neg = asyncio.Queue(maxsize=-1)
    for i in range(5):
        neg.put_nowait(i)
    print("negative maxsize", neg.maxsize, neg.qsize(), neg.full())

    for q in (asyncio.LifoQueue(1), asyncio.PriorityQueue(1)):
        try:
            q.get_nowait()
        except asyncio.QueueEmpty:
            print(type(q).__name__, "QueueEmpty")
        q.put_nowait(1)
        try:
            q.put_nowait(2)
        except asyncio.QueueFull:
            print(type(q).__name__, "QueueFull", q.full())

    q = asyncio.Queue()
    await q.join()
    print("join with nothing unfinished returns at once")
    q.put_nowait("x")
    q.get_nowait()
    try:
        await asyncio.wait_for(q.join(), 1)
    except TimeoutError:
        print("join waits for task_done; unfinished until then")
    q.task_done()
    await q.join()
    print("joined")


asyncio.run(main())
