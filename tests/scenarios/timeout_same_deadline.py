# Two nested timeouts that fall due in the same loop iteration: both fire
# and both cancel the task, so the inner block sees the cancel count still
# above what it was when it began and lets the CancelledError pass; the
# outer one, which fired first, turns it into TimeoutError.  The same when
# the inner deadline was moved onto the outer one with reschedule(), and
# when the inner timeout's deadline is already past on entry.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def nested(outer_delay, inner_delay, move_to=None):
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(outer_delay) as outer:
            try:
                async with asyncio.timeout(inner_delay) as inner:
                    if move_to is not None:
                        inner.reschedule(loop.time() + move_to)
                    await asyncio.sleep(10)
            except TimeoutError:
                print("  inner converted", now())
            except asyncio.CancelledError:
                print("  inner let the cancel through", now(),
                      "cancelling", asyncio.current_task().cancelling())
                raise
            print("  after inner", now())
            await asyncio.sleep(10)
    except TimeoutError:
        print("  outer converted", now(), "expired", outer.expired(), inner.expired())
    print("  cancelling", asyncio.current_task().cancelling())


async def main():
    print("same deadline")
    await nested(1, 1)
    print("inner first, outer later")
    await nested(2, 1)
    print("inner moved onto the outer deadline")
    await nested(1, 5, move_to=1)
    print("inner already past")
    await nested(1, -1)


asyncio.run(main())
