# asyncio.wait with a timeout, in each return_when mode: on the timeout it
# returns what is done so far and leaves the rest pending (not cancelled);
# a timeout of 0 only looks; a negative one too; an empty set is a ValueError.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def job(delay):
    await asyncio.sleep(delay)
    return delay


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def main():
    ts = [asyncio.create_task(job(d), name=f"a{d}") for d in (1, 3, 5)]
    done, pending = await asyncio.wait(ts, timeout=2)
    print("ALL_COMPLETED timeout=2", names(done), names(pending), now())
    print("pending not cancelled:", [t.cancelled() for t in pending])
    done, pending = await asyncio.wait(ts, timeout=0)
    print("timeout=0", names(done), names(pending), now())
    done, pending = await asyncio.wait(ts, timeout=-1, return_when=asyncio.FIRST_COMPLETED)
    print("timeout=-1 FIRST_COMPLETED", names(done), names(pending), now())
    done, pending = await asyncio.wait(pending, timeout=0.5, return_when=asyncio.FIRST_COMPLETED)
    print("FIRST_COMPLETED timeout=0.5", names(done), names(pending), now())
    done, pending = await asyncio.wait(pending, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    print("FIRST_COMPLETED timeout=10", names(done), names(pending), now())
    done, pending = await asyncio.wait(pending, timeout=1, return_when=asyncio.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION timeout=1", names(done), names(pending), now())
    done, pending = await asyncio.wait(pending, timeout=5, return_when=asyncio.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION timeout=5", names(done), names(pending), now())
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("empty:", repr(e))


asyncio.run(main())
