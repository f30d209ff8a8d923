# Callbacks in one loop turn: a timer cancelled by another callback that
# runs before it in the same turn never runs; call_soon from a callback
# runs in the next turn; a done callback that raises goes to the loop's
# exception handler and the others still run; current_task() is None in a
# callback; a task that awaits itself raises RuntimeError; all_tasks()
# as tasks come and go; a timer cancelled by a call_soon callback.
import asyncio


def now():
    return asyncio.get_running_loop().time()


def handler(loop, context):
    exc = context.get("exception")
    print("handler:", context["message"].split(" at ")[0], repr(exc), now())


def bad(f):
    raise ValueError("in done callback")


async def ping(n):
    await asyncio.sleep(n)
    return n


async def self_awaiter():
    await asyncio.sleep(0)
    me = asyncio.current_task()
    try:
        await me
    except RuntimeError as e:
        print("self await:", str(e).split(":")[0])
    return "survived"


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    log = []
    t0 = loop.time()

    def first():
        log.append("first")
        print("in callback, current task:", asyncio.current_task())
        h2.cancel()
        loop.call_soon(log.append, "soon-from-first")

    loop.call_later(1, first)
    h2 = loop.call_later(1, log.append, "timer2")
    loop.call_at(t0 + 1, log.append, "timer3")
    await asyncio.sleep(1)
    print("after 1s:", log, h2.cancelled())
    await asyncio.sleep(0)
    print("next turn:", log, loop.time() - t0)

    fut = loop.create_future()

    fut.add_done_callback(lambda f: log.append("cb1"))
    fut.add_done_callback(bad)
    fut.add_done_callback(lambda f: log.append("cb3"))
    fut.set_result(1)
    await asyncio.sleep(0)
    print("callbacks:", log[-2:])

    t = asyncio.create_task(self_awaiter())
    print("self_awaiter:", await t)

    print("tasks:", sorted(x.get_name() for x in asyncio.all_tasks()))
    other = asyncio.create_task(ping(1))
    print("tasks:", sorted(x.get_name() for x in asyncio.all_tasks()))
    await other
    print("tasks:", sorted(x.get_name() for x in asyncio.all_tasks()))

    h = loop.call_later(0.5, log.append, "never")
    loop.call_soon(h.cancel)
    r = await asyncio.gather(ping(0.25), ping(0.75))
    print("gathered", r, "log", log[-1], h.cancelled(), round(loop.time() - t0, 6))


asyncio.run(main())
