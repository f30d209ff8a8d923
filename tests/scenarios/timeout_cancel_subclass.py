# When a timeout has fired, only an exact CancelledError leaving the block
# becomes TimeoutError; a subclass of CancelledError raised instead passes
# through unchanged.  A cancel from outside is not turned into a timeout.
import asyncio


class MyCancel(asyncio.CancelledError):
    pass


def now():
    return asyncio.get_running_loop().time()


async def guarded():
    try:
        async with asyncio.timeout(5):
            await asyncio.sleep(10)
    except TimeoutError:
        print("wrong: an outside cancel became TimeoutError")


async def main():
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(2)
            except asyncio.CancelledError:
                raise MyCancel("mine")
    except TimeoutError:
        print("converted to TimeoutError", now())
    except MyCancel as e:
        print("passed through:", repr(e), now())
    print("cancelling", asyncio.current_task().cancelling())
    t = asyncio.create_task(guarded())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("outside cancel stays a CancelledError", t.cancelled(), now())


asyncio.run(main())
