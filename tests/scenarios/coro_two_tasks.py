# Misuse: create_task on a coroutine that another task is already running.
# CPython lets the second task resume it: the coroutine yields the same
# pending future again, so both tasks wait on it; when it is done the
# first task finishes the coroutine and the second finds it exhausted.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def job(name, delay):
    await asyncio.sleep(delay)
    print(" ", name, "ran", now())
    return name


async def main():
    d = job("d", 1)
    first = asyncio.create_task(d)
    await asyncio.sleep(0)
    second = asyncio.create_task(d)
    try:
        await second
    except RuntimeError as e:
        print("second task:", repr(e), now())
    print("first task:", await first, now())


asyncio.run(main())
