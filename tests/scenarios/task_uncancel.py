# Task.cancelling and Task.uncancel: each cancel() request counts until
# uncancel() takes one back; a task that swallows its CancelledError goes
# on running, and one that was asked twice still counts two.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def stubborn():
    me = asyncio.current_task()
    for round in range(3):
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError as e:
            print("round", round, "swallowed", repr(e), "cancelling", me.cancelling(), now())
            print("  uncancel ->", me.uncancel())
    print("stubborn ends, cancelling", me.cancelling())
    return "survived"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    print("cancel", t.cancel("first"), "cancelling", t.cancelling())
    await asyncio.sleep(1)
    t.cancel("second")
    t.cancel("third")
    print("after two cancels", t.cancelling())
    await asyncio.sleep(1)
    print("now", t.cancelling())
    t.cancel()
    print("result", await t, t.cancelled(), t.cancelling())
    me = asyncio.current_task()
    print("main cancelling", me.cancelling(), "uncancel on zero", me.uncancel(), me.cancelling())


asyncio.run(main())
