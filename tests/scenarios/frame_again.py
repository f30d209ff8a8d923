# One coroutine called again and again, each call in the same memory in C
# (AL_CALL_AT into one frame): a timeout whose deadline has passed already
# arms a call_soon; a block that ends before the loop runs it leaves it
# cancelled in the ready queue, and the next call's timeout, armed in the
# same place, must neither meet that stale entry nor fire twice.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def nested(wait):
    try:
        async with asyncio.timeout(-1):
            print("in block, wait", wait, now())
            if wait:
                await asyncio.sleep(1)
    except TimeoutError as e:
        print("timeout", repr(e), now())


async def main():
    for wait in (False, False, True, False, True):
        await nested(wait)
    await asyncio.sleep(0)
    print("done", now())


asyncio.run(main())
