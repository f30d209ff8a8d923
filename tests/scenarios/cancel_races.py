# Cancellation meets other deadlines: wait_for on a task that swallows the
# cancel returns its value; a timeout block whose body swallows the
# CancelledError ends quietly but expired; an outside cancel that arrives
# with a timeout's own is not turned into TimeoutError; an Event set and
# cleared before its waiters run still wakes them; a new Lock acquirer
# cannot barge past a waiter that was woken.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def stubborn(d):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print("  stubborn swallows the cancel", now())
    await asyncio.sleep(0.5)
    return "stubborn result"


async def sleeper_in_timeout(d, limit):
    try:
        async with asyncio.timeout(limit):
            await asyncio.sleep(d)
    except TimeoutError:
        print("  timed out", now())
        return "timeout"
    except asyncio.CancelledError:
        print("  cancelled, cancelling =", asyncio.current_task().cancelling(), now())
        raise
    return "finished"


async def waiter(name, ev):
    r = await ev.wait()
    print("  ", name, "woke", r, ev.is_set(), now())


async def locker(name, lock, log):
    async with lock:
        log.append(name)
        await asyncio.sleep(0.1)


async def main():
    print("wait_for and a swallowed cancel:")
    r = await asyncio.wait_for(stubborn(5), 1)
    print("wait_for returned", r, now())

    print("timeout whose body swallows:")
    try:
        async with asyncio.timeout(1) as cm:
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                print("  body swallowed it", now())
        print("  block ended quietly, expired:", cm.expired(), asyncio.current_task().cancelling())
    except TimeoutError:
        print("  TimeoutError anyway")

    print("outside cancel at the deadline:")
    t = asyncio.create_task(sleeper_in_timeout(5, 1))
    loop = asyncio.get_running_loop()
    loop.call_at(now() + 1, t.cancel)
    try:
        print("  task gave", await t)
    except asyncio.CancelledError:
        print("  task cancelled", t.cancelled(), now())
    t = asyncio.create_task(sleeper_in_timeout(5, 1))
    await asyncio.sleep(0.5)
    t.cancel()
    t.uncancel()
    print("  after cancel+uncancel:", t.cancelling())
    try:
        print("  task gave", await t, now())
    except asyncio.CancelledError:
        print("  task cancelled", t.cancelled(), now())

    print("event set and cleared at once:")
    ev = asyncio.Event()
    ws = [asyncio.create_task(waiter(n, ev)) for n in ("w1", "w2")]
    await asyncio.sleep(0.5)
    ev.set()
    ev.clear()
    await asyncio.gather(*ws)
    print("  is_set", ev.is_set())

    print("no barging past a woken waiter:")
    lock = asyncio.Lock()
    log = []
    await lock.acquire()
    first = asyncio.create_task(locker("waiter", lock, log))
    await asyncio.sleep(0.5)
    lock.release()
    late = asyncio.create_task(locker("late", lock, log))
    print("  locked after release:", lock.locked())
    await asyncio.gather(first, late)
    print("  order", log, now())


asyncio.run(main())
