# Timeouts one after another in a loop, each a fresh asyncio.timeout():
# one exits early, the next has a deadline already past, the last one
# expires.  No stale deadline may fire later into a finished block.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def main():
    for delay in (2, 0, 5, -1, 0.25):
        try:
            async with asyncio.timeout(delay):
                await asyncio.sleep(0.5)
            print("in time", delay, now())
        except TimeoutError:
            print("timed out", delay, now())
    await asyncio.sleep(3)
    print("end", now(), asyncio.current_task().cancelling())


asyncio.run(main())
