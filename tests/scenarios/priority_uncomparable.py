# Misuse: PriorityQueue items that < cannot order.  heapq raises
# TypeError from the put (the item is already in the heap list by then,
# so qsize counts it), and the program can catch it and go on.
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    pq.put_nowait((1, "a"))
    try:
        pq.put_nowait("text")
    except TypeError as e:
        print("str against tuple:", repr(e), pq.qsize())
    other = asyncio.PriorityQueue()
    other.put_nowait(1)
    try:
        other.put_nowait(None)
    except TypeError as e:
        print("None against int:", repr(e), other.qsize())
    print("the program goes on")


asyncio.run(main())
