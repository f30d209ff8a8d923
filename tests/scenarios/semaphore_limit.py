# asyncio.Semaphore: at most `value` holders at once, waiters served in
# order, locked() when no slot is free, release() beyond the initial value
# adding a slot (an unbounded semaphore allows it), Semaphore(0), and
# Semaphore(-1) refused with ValueError.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def worker(name, sem, hold):
    async with sem:
        print(name, "in", now(), "locked", sem.locked())
        await asyncio.sleep(hold)
    print(name, "out", now())


async def main():
    sem = asyncio.Semaphore(2)
    print("locked", sem.locked())
    await asyncio.gather(*(worker(f"w{i}", sem, 1 + i % 2) for i in range(5)))
    print("after", now(), sem.locked())
    sem.release()
    print("extra release; now three may enter")
    await asyncio.gather(*(worker(f"x{i}", sem, 1) for i in range(4)))
    zero = asyncio.Semaphore(0)
    print("zero locked", zero.locked())
    t = asyncio.create_task(worker("z", zero, 0))
    await asyncio.sleep(1)
    print("z waiting", not t.done(), now())
    zero.release()
    await t
    print("acquire", await zero.acquire(), zero.locked())
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("negative:", repr(e))


asyncio.run(main())
