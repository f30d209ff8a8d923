# asyncio.Queue(maxsize): a producer blocks on a full queue and a consumer
# on an empty one; qsize/empty/full as they change; put_nowait and
# get_nowait raise QueueFull and QueueEmpty; task_done once too often
# raises ValueError; join() waits for every task_done.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print("put", i, "size", q.qsize(), "full", q.full(), now())
    await q.put(None)


async def consumer(q):
    while True:
        item = await q.get()
        if item is None:
            q.task_done()
            print("consumer stops", now())
            return
        await asyncio.sleep(1)
        print("got", item, "size", q.qsize(), now())
        q.task_done()


async def main():
    q = asyncio.Queue(maxsize=2)
    print("empty", q.empty(), "full", q.full(), "maxsize", q.maxsize)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print("get_nowait:", repr(e))
    q.put_nowait("x")
    q.put_nowait("y")
    try:
        q.put_nowait("z")
    except asyncio.QueueFull as e:
        print("put_nowait:", repr(e))
    print(q.get_nowait(), q.get_nowait(), q.qsize())
    q.task_done()
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print("task_done:", repr(e))
    c = asyncio.create_task(consumer(q))
    await producer(q, 4)
    print("producer finished", now())
    await q.join()
    print("joined", now(), c.done())
    await c
    await q.join()
    print("join on a finished queue returns at once", now())


asyncio.run(main())
