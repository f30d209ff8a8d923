# Task.cancel: a sleeping task gets CancelledError at its await (with the
# message, if any); cancel() on a done task returns False; a task cancelled
# before its first step never runs its body; cancelling twice before the
# task runs delivers one CancelledError.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def sleeper(name, delay):
    print(name, "starts", now())
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError as e:
        print(name, "cancelled", repr(e), now())
        raise
    print(name, "finished", now())
    return name


async def main():
    a = asyncio.create_task(sleeper("a", 5))
    b = asyncio.create_task(sleeper("b", 5))
    never = asyncio.create_task(sleeper("never", 1))
    print("cancel never before it runs:", never.cancel())
    await asyncio.sleep(1)
    print("cancel a:", a.cancel("stop now"), "again:", a.cancel())
    print("a done right after cancel:", a.done(), a.cancelled())
    try:
        await a
    except asyncio.CancelledError as e:
        print("await a", repr(e), a.cancelled(), now())
    try:
        a.result()
    except asyncio.CancelledError as e:
        print("a.result()", repr(e))
    try:
        never.exception()
    except asyncio.CancelledError as e:
        print("never.exception()", repr(e), never.cancelled())
    b.cancel()
    b.cancel()
    await asyncio.sleep(0)
    print("b", b.done(), b.cancelled(), now())
    c = asyncio.create_task(sleeper("c", 0.5))
    print("await c", await c, "cancel c after:", c.cancel())


asyncio.run(main())
