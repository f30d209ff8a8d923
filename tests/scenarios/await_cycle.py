# A task that awaits itself indirectly: a awaits b and b awaits a.  Nothing
# can finish; a wait() with a timeout sees both pending.  Cancelling one
# recurses through the cycle (Task.cancel cancels the future it waits
# for) until RecursionError, and asyncio.run's own cancellation at the end
# fails the same way.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def partner(name, box):
    await asyncio.sleep(0.5)
    print(name, "awaits", box[0].get_name(), now())
    return await box[0]


async def main():
    box_a, box_b = [None], [None]
    a = asyncio.create_task(partner("a", box_b), name="a")
    b = asyncio.create_task(partner("b", box_a), name="b")
    box_a[0], box_b[0] = a, b
    done, pending = await asyncio.wait([a, b], timeout=2)
    print("deadlocked pair:", len(done), len(pending), now())
    try:
        a.cancel()
    except RecursionError as e:
        print("cancel raised", type(e).__name__)
    print("states:", a.done(), b.done(), a.cancelling() > 0, b.cancelling() > 0)
    await asyncio.sleep(1)
    print("still:", a.done(), b.done(), now())


asyncio.run(main())
