# asyncio.run: it returns main's result; when main returns, the tasks still
# pending are cancelled and run to their end (one may even catch the
# cancel and go on awhile), callbacks already due still run, and a timer
# set for later never fires.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def lingering(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished", now())
    except asyncio.CancelledError as e:
        print(name, "cancelled by asyncio.run", repr(e), now())
        raise


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn catches the shutdown cancel and sleeps on", now())
        await asyncio.sleep(1)
        print("stubborn done", now())
        return "ignored"


async def main():
    loop = asyncio.get_running_loop()
    asyncio.create_task(lingering("short", 0.5))
    asyncio.create_task(lingering("long", 5))
    asyncio.create_task(stubborn())
    loop.call_later(0.25, print, "timer in main's time")
    loop.call_later(3, print, "timer never fires")
    await asyncio.sleep(1)
    loop.call_soon(print, "callback queued as main returns")
    print("main returns", now())
    return [1, "two"]


print("run returned", asyncio.run(main()))
