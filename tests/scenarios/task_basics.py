# Tasks: names (Task-N, set by name= or set_name), current_task, all_tasks,
# done/result/exception while pending and after, and a task that raises.
import asyncio
from asyncio import InvalidStateError


def now():
    return asyncio.get_running_loop().time()


async def work(n, fail=False):
    me = asyncio.current_task()
    print("work", n, "runs in", me.get_name(), now())
    await asyncio.sleep(n)
    if fail:
        raise LookupError(f"work {n} failed")
    return n * 100


async def main():
    print("main is", asyncio.current_task().get_name())
    a = asyncio.create_task(work(1))
    b = asyncio.create_task(work(2), name="second")
    c = asyncio.create_task(work(0.5, fail=True))
    c.set_name("failing")
    print("names", a.get_name(), b.get_name(), c.get_name())
    print("all", sorted(t.get_name() for t in asyncio.all_tasks()))
    print("a done", a.done())
    try:
        a.result()
    except InvalidStateError as e:
        print("a.result()", repr(e))
    try:
        a.exception()
    except InvalidStateError as e:
        print("a.exception()", repr(e))
    print("await a", await a, now())
    print("a", a.done(), a.cancelled(), a.result(), a.exception())
    print("c", c.done(), repr(c.exception()))
    try:
        c.result()
    except LookupError as e:
        print("c.result()", repr(e))
    try:
        await c
    except LookupError as e:
        print("await c", repr(e))
    print("all", sorted(t.get_name() for t in asyncio.all_tasks()))
    d = asyncio.create_task(work(0))
    print("d is", d.get_name())
    print("await b", await b, now())
    await d


asyncio.run(main())
