# wait_for around an inner task that does not take its cancel well: one
# ignores the first cancel and returns late (wait_for waits for it and
# returns its value, not TimeoutError); one turns the cancel into another
# error (that error comes out); one re-raises it with a message of its own
# (TimeoutError, raised from it); and the caller cancelled while wait_for
# waits for a slow cancel still gets CancelledError.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def ignores():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("  ignores: cancelled at", now(), "keeps going")
        await asyncio.sleep(1)
    return "late value"


async def converts():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        raise KeyError("converted")


async def renames():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        await asyncio.sleep(0.5)
        raise asyncio.CancelledError("renamed")


async def slow_to_die():
    try:
        await asyncio.sleep(5)
    finally:
        print("  slow_to_die: cleaning up at", now())
        await asyncio.sleep(2)
        print("  slow_to_die: clean at", now())


async def caller():
    try:
        await asyncio.wait_for(slow_to_die(), 1)
    except asyncio.CancelledError as e:
        print("  caller cancelled", repr(e), now())
        raise
    except TimeoutError:
        print("  caller timed out", now())


async def main():
    print("ignores ->", await asyncio.wait_for(ignores(), 1), now())
    try:
        await asyncio.wait_for(converts(), 1)
    except KeyError as e:
        print("converts ->", repr(e), now())
    try:
        await asyncio.wait_for(renames(), 1)
    except TimeoutError as e:
        print("renames ->", repr(e), "from", repr(e.__cause__), now())
    t = asyncio.create_task(caller())
    await asyncio.sleep(1.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("caller task cancelled", t.cancelled(), now())


asyncio.run(main())
