# Misuse: PriorityQueue items that < cannot order, on every path.  The
# TypeError comes out of heapq inside put_nowait, get_nowait, put() and
# get(), and leaves the queue as heapq leaves it: a failed put keeps the
# item (but counts no unfinished task), a failed get loses the smallest
# item.  The program catches each error and drains what is left.
import asyncio


async def drain(q):
    while not q.empty():
        print("  got", await q.get())


async def main():
    q = asyncio.PriorityQueue()
    q.put_nowait((2, "b"))
    q.put_nowait((3, "c"))
    q.put_nowait((1, "a"))
    try:
        q.put_nowait((1, None))
    except TypeError as e:
        print("put_nowait:", repr(e), q.qsize())
    await drain(q)
    for _ in range(3):
        q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print("task_done:", repr(e))

    q.put_nowait((1, "a"))
    q.put_nowait((2, "x"))
    q.put_nowait((2, None))
    try:
        q.get_nowait()
    except TypeError as e:
        print("get_nowait:", repr(e), q.qsize())
    await drain(q)

    q.put_nowait([1, "a"])
    q.put_nowait([2, "x"])
    q.put_nowait([2, 5])
    try:
        await q.get()
    except TypeError as e:
        print("get:", repr(e), q.qsize())
    await drain(q)

    q.put_nowait(ValueError("v"))
    try:
        await q.put(KeyError("k"))
    except TypeError as e:
        print("put:", repr(e), q.qsize())
    print("  got", repr(q.get_nowait()))
    print("the program goes on")


asyncio.run(main())
