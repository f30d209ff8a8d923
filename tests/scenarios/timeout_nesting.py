# Deadlines that nest: asyncio.timeout inside asyncio.timeout with the
# inner deadline after the outer one (the outer fires and only the outer
# converts); the inner first; a TaskGroup inside a timeout inside a
# TaskGroup; wait_for around shield around a task cancelled from
# elsewhere; as_completed with a timeout; the cancelling() counts.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def work(name, d):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print("  ", name, "cancelled at", now())
        raise
    print("  ", name, "finished at", now())
    return name


async def nested(outer_d, inner_d, work_d):
    me = asyncio.current_task()
    try:
        async with asyncio.timeout(outer_d) as outer:
            try:
                async with asyncio.timeout(inner_d) as inner:
                    await work("nested", work_d)
            except TimeoutError:
                print("  inner timed out", inner.expired(), outer.expired(), me.cancelling(), now())
            await asyncio.sleep(1)
            print("  after the inner block", now())
    except TimeoutError:
        print("  outer timed out", outer.expired(), me.cancelling(), now())
    print("  cancelling", me.cancelling())


async def middle():
    try:
        async with asyncio.timeout(1.5):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(work("t1", 1))
                tg.create_task(work("t2", 2))
    except TimeoutError as e:
        print("  middle timed out", repr(e), asyncio.current_task().cancelling(), now())
    return "middle"


async def main():
    print("inner after outer:")
    await nested(1, 2, 5)
    print("inner first:")
    await nested(3, 1, 5)
    print("both at once:")
    await nested(1, 1, 5)

    print("taskgroup in timeout in taskgroup:")
    async with asyncio.TaskGroup() as outer_tg:
        outer_tg.create_task(work("sibling", 3))
        m = outer_tg.create_task(middle())
    print("outer group done", m.result(), now())

    print("wait_for around shield:")
    inner = asyncio.create_task(work("shielded", 3))
    try:
        await asyncio.wait_for(asyncio.shield(inner), 1)
    except TimeoutError:
        print("  wait_for timed out", inner.done(), now())
    asyncio.get_running_loop().call_later(0.5, inner.cancel, "killed")
    try:
        await asyncio.wait_for(asyncio.shield(inner), 5)
    except asyncio.CancelledError as e:
        print("  shield follows the inner cancel", repr(e), inner.cancelled(), now())

    print("as_completed with a timeout:")
    ts = [asyncio.create_task(work(f"ac{d}", d)) for d in (1, 3, 2)]
    try:
        for fut in asyncio.as_completed(ts, timeout=2.5):
            print("  got", await fut, now())
    except TimeoutError as e:
        print("  as_completed timed out", repr(e), now())
    print("  left", [t.done() for t in ts])
    await asyncio.sleep(1)
    print("  later", [t.done() for t in ts], now())


asyncio.run(main())
