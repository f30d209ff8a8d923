# A future's blocking flag, as _asyncio's Future keeps it.  Driving by hand
# a coroutine that awaits a pending future yields the future and marks it
# blocking; nobody but a Task clears the mark.  Sending into the coroutine
# again, or awaiting the same future anywhere else while it is marked, is
# "await wasn't used with future".  Once a task has taken the yield (and
# cleared the mark), another task may step the same coroutine, which then
# yields the future again.
import asyncio


async def waiter(name, f):
    print(" ", name, "waits")
    r = await f
    print(" ", name, "got", r)
    return r


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    c = waiter("by hand", f)
    print("first send yields f:", c.send(None) is f)
    try:
        c.send(None)
    except RuntimeError as e:
        print("second send:", repr(e))
    g = loop.create_future()
    d = waiter("by hand", g)
    print("d yields g:", d.send(None) is g)
    try:
        await g
    except RuntimeError as e:
        print("main awaits g:", repr(e))
    d.close()

    h = loop.create_future()
    w = waiter("w", h)
    t1 = asyncio.create_task(w)
    await asyncio.sleep(0)
    t2 = asyncio.create_task(w)
    await asyncio.sleep(0)
    h.set_result(7)
    await asyncio.sleep(0)
    print("t1:", t1.result())
    await asyncio.sleep(0)
    print("t2:", repr(t2.exception()))


asyncio.run(main())
