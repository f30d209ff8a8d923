# An exception that escapes main: asyncio.run still cancels the other
# tasks first (they print), then re-raises it; the program prints a
# traceback on stderr and exits with status 1.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def helper(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(name, "cancelled during shutdown", now())
        raise


class AppError(Exception):
    pass


async def main():
    asyncio.create_task(helper("h1"))
    asyncio.create_task(helper("h2"))
    await asyncio.sleep(2)
    print("main raises", now())
    raise AppError("main gave up")


asyncio.run(main())
print("never printed")
