# Cancelling tasks blocked on a queue: a cancelled getter does not eat an
# item (the next getter gets it), a cancelled putter does not add its item,
# and a getter woken and then cancelled before it runs passes the wake-up on.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def getter(name, q):
    try:
        item = await q.get()
    except asyncio.CancelledError:
        print(name, "cancelled, queue size", q.qsize(), now())
        raise
    print(name, "got", item, now())
    return item


async def putter(name, q, item):
    try:
        await q.put(item)
    except asyncio.CancelledError:
        print(name, "cancelled, queue size", q.qsize(), now())
        raise
    print(name, "put", item, now())


async def main():
    q = asyncio.Queue()
    g1 = asyncio.create_task(getter("g1", q))
    g2 = asyncio.create_task(getter("g2", q))
    await asyncio.sleep(1)
    g1.cancel()
    await asyncio.sleep(0)
    q.put_nowait("only")
    await asyncio.sleep(0)
    print("g1", g1.cancelled(), "g2", g2.done(), q.qsize())

    g3 = asyncio.create_task(getter("g3", q))
    g4 = asyncio.create_task(getter("g4", q))
    await asyncio.sleep(1)
    q.put_nowait("woken")
    g3.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("g3", g3.cancelled(), "g4", g4.done() and g4.result(), q.qsize(), now())

    full = asyncio.Queue(maxsize=1)
    full.put_nowait("occupant")
    p1 = asyncio.create_task(putter("p1", full, "never"))
    p2 = asyncio.create_task(putter("p2", full, "later"))
    await asyncio.sleep(1)
    p1.cancel()
    await asyncio.sleep(0)
    print("got", full.get_nowait(), now())
    await p2
    print("left", full.get_nowait(), full.qsize(), now())


asyncio.run(main())
