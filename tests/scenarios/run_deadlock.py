# A program that waits forever: main awaits a future that nothing will
# complete while another task waits on an empty queue.  CPython would
# block for good; on the virtual clock (and in asynclab) that is a
# deadlock: what was printed stays printed and the status is 1.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def consumer(q):
    print("consumer waits for an item", now())
    item = await q.get()
    print("never", item)


async def main():
    q = asyncio.Queue()
    asyncio.create_task(consumer(q))
    await asyncio.sleep(1.5)
    print("main waits for a future nobody sets", now())
    await asyncio.get_running_loop().create_future()
    print("never")


asyncio.run(main())
