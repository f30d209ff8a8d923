# Who runs first within one loop iteration: callbacks queued by call_soon,
# done callbacks of a future (scheduled when it completes), the wake-ups
# of tasks awaiting it, an event set from a callback, and timers that fall
# due; each joins the ready queue in the order it was scheduled.
import asyncio


def now():
    return asyncio.get_running_loop().time()


def note(tag, *_):
    print("callback", tag, now())


async def waiter(name, fut):
    r = await fut
    print("task", name, "woke with", r, now())


async def event_waiter(ev):
    await ev.wait()
    print("task event_waiter woke", now())


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: note("done-1"))
    w1 = asyncio.create_task(waiter("w1", fut))
    await asyncio.sleep(0)
    fut.add_done_callback(lambda f: note("done-2"))
    w2 = asyncio.create_task(waiter("w2", fut))
    loop.call_soon(note, "soon-before")
    await asyncio.sleep(0)
    fut.set_result("R")
    loop.call_soon(note, "soon-after")
    await asyncio.sleep(0)
    print("main after one iteration", now())
    await asyncio.gather(w1, w2)

    ev = asyncio.Event()
    ew = asyncio.create_task(event_waiter(ev))
    loop.call_later(1, ev.set)
    loop.call_later(1, note, "timer-after-set")
    loop.call_at(1.0 + 1, note, "timer-at")
    await asyncio.sleep(1)
    print("main woke", now())
    await ew


asyncio.run(main())
