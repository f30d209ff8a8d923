# Delays a C program may compute by mistake: NaN and infinity.  A NaN
# deadline compares false with everything, so the loop finds it "not later
# than now" and runs it on the next iteration; sleep(nan), call_later(nan),
# wait_for(timeout=nan) and timeout(nan) all fire at once.  An infinite
# delay never fires, but the loop still wakes once a day, and a cancel ends it.
import asyncio

NAN = float("nan")
INF = float("inf")


def now():
    return asyncio.get_running_loop().time()


def ring(label):
    print("ring", label, now())


async def slow():
    await asyncio.sleep(5)
    return "slow"


async def main():
    loop = asyncio.get_running_loop()
    r = await asyncio.sleep(NAN, "nan sleep")
    print(r, now())

    loop.call_later(2, ring, "two")
    loop.call_later(NAN, ring, "nan")
    loop.call_later(1, ring, "one")
    loop.call_at(NAN, ring, "nan at")
    loop.call_soon(ring, "soon")
    await asyncio.sleep(3)

    try:
        await asyncio.wait_for(slow(), NAN)
    except TimeoutError as e:
        print("wait_for nan:", repr(e), now())

    try:
        async with asyncio.timeout(NAN) as cm:
            print("when", cm.when())
            await asyncio.sleep(1)
    except TimeoutError as e:
        print("timeout nan:", repr(e), cm.expired(), now())

    sleeper = asyncio.create_task(asyncio.sleep(INF))
    loop.call_later(3 * 86400 + 0.5, sleeper.cancel)
    try:
        await sleeper
    except asyncio.CancelledError:
        print("inf sleep cancelled", now())

    h = loop.call_later(INF, ring, "never")
    await asyncio.sleep(1)
    print("inf timer cancelled:", h.cancelled())
    h.cancel()
    print("done", now())


asyncio.run(main())
