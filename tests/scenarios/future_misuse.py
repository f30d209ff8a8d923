# Misuse of futures and tasks: set_exception(StopIteration()) is a
# TypeError, but a subclass of StopIteration is accepted; a Task refuses
# set_result and set_exception with RuntimeError and keeps running.
import asyncio


class MyStop(StopIteration):
    pass


def now():
    return asyncio.get_running_loop().time()


async def work():
    await asyncio.sleep(1)
    print("work finishes", now())
    return "work's result"


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    try:
        f.set_exception(StopIteration("plain"))
    except TypeError as e:
        print("plain StopIteration:", repr(e), f.done())
    g = loop.create_future()
    g.set_exception(MyStop("sub"))
    print("subclass accepted:", g.done(), repr(g.exception()))
    t = asyncio.create_task(work())
    try:
        t.set_result("forced")
    except RuntimeError as e:
        print("task set_result:", repr(e))
    try:
        t.set_exception(ValueError("forced"))
    except RuntimeError as e:
        print("task set_exception:", repr(e))
    print("task done?", t.done())
    print("await t", await t, now())


asyncio.run(main())
