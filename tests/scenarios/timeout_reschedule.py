# asyncio.timeout(None) never expires until rescheduled; timeout_at takes
# an absolute deadline; reschedule() moves it, when() reports it and
# expired() tells whether it fired; rescheduling outside the block is a
# RuntimeError.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(None) as cm:
        print("when", cm.when(), "expired", cm.expired())
        await asyncio.sleep(1)
        cm.reschedule(loop.time() + 5)
        print("rescheduled to", cm.when())
        await asyncio.sleep(1)
    print("no timeout", now(), cm.expired())

    try:
        async with asyncio.timeout_at(loop.time() + 1) as cm:
            print("at", cm.when())
            cm.reschedule(loop.time() + 3)
            await asyncio.sleep(10)
    except TimeoutError:
        print("expired at", now(), cm.expired(), cm.when())

    try:
        async with asyncio.timeout(10) as cm:
            await asyncio.sleep(0.5)
            cm.reschedule(loop.time() - 1)
            await asyncio.sleep(1)
    except TimeoutError:
        print("moved into the past fires at once", now(), cm.expired())

    async with asyncio.timeout(1) as cm:
        cm.reschedule(None)
        await asyncio.sleep(2)
    print("disarmed", now(), cm.when(), cm.expired())

    try:
        cm.reschedule(loop.time() + 1)
    except RuntimeError as e:
        print("after exit:", repr(e))
    fresh = asyncio.timeout(1)
    try:
        fresh.reschedule(2)
    except RuntimeError as e:
        print("before enter:", repr(e))


asyncio.run(main())
