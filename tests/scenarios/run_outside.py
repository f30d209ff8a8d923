# asyncio.run more than once, and the runtime used with no loop running.
# Each run makes a new loop (the clock goes on), returns main's result and
# closes; a finished coroutine cannot run again; outside a run, whatever
# needs the running loop raises RuntimeError('no running event loop'),
# while an Event, a Lock or a Queue that need not wait still work.
import asyncio


async def main(n):
    await asyncio.sleep(1)
    print("main", n, "at", asyncio.get_running_loop().time())
    return ("result", n)


def outside(label, fn):
    try:
        r = fn()
        print(label, "->", r)
    except RuntimeError as e:
        print(label, "raised", repr(e))


print(asyncio.run(main(1)))
print(asyncio.run(main(2)))
c = main(3)
print(asyncio.run(c))
try:
    asyncio.run(c)
except RuntimeError as e:
    print("run again:", repr(e))

c = main(4)
outside("create_task", lambda: asyncio.create_task(c))
c.close()
outside("get_running_loop", asyncio.get_running_loop)
outside("sleep(1).send", lambda: asyncio.sleep(1).send(None))
outside("timeout(1)", lambda: asyncio.timeout(1))

ev = asyncio.Event()
ev.set()
w = ev.wait()
try:
    w.send(None)
except StopIteration as e:
    print("set event wait ->", e.value)
lock = asyncio.Lock()
a = lock.acquire()
try:
    a.send(None)
except StopIteration as e:
    print("free lock acquire ->", e.value, lock.locked())
lock.release()
q = asyncio.Queue()
q.put_nowait("x")
print("queue", q.qsize(), q.get_nowait(), q.empty())
print(asyncio.run(main(5)))
