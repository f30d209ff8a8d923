# async with asyncio.timeout(delay): a block that finishes in time, one
# that expires (TimeoutError after the block, with the CancelledError as
# its context), nested timeouts where the outer one fires first, an
# exception of the block's own passing through, and a timeout caught inside.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def main():
    async with asyncio.timeout(2):
        await asyncio.sleep(1)
    print("in time", now())

    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(3)
            print("not reached")
    except TimeoutError as e:
        print("expired", repr(e), type(e.__context__).__name__, now())

    try:
        async with asyncio.timeout(1):
            try:
                async with asyncio.timeout(5):
                    await asyncio.sleep(10)
            except TimeoutError:
                print("inner caught it: wrong")
    except TimeoutError:
        print("outer fired first", now(), asyncio.current_task().cancelling())

    try:
        async with asyncio.timeout(5):
            await asyncio.sleep(1)
            raise KeyError("own error")
    except KeyError as e:
        print("own exception passes", repr(e), now())

    async with asyncio.timeout(3):
        try:
            async with asyncio.timeout(0.5):
                await asyncio.sleep(1)
        except TimeoutError:
            print("inner timeout handled inside outer", now())
        await asyncio.sleep(1)
    print("outer survived", now(), asyncio.current_task().cancelling())

    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(2)
            except asyncio.CancelledError:
                print("body sees CancelledError", now())
                raise
    except TimeoutError:
        print("and the block raises TimeoutError", now())


asyncio.run(main())
