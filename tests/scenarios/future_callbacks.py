# Done callbacks: each is scheduled with call_soon when the future is done
# (at once if it is done already), in the order they were added; removing
# one counts every copy of it; a cancelled future runs its callbacks too.
import asyncio


def now():
    return asyncio.get_running_loop().time()


def report(tag):
    def cb(fut):
        if fut.cancelled():
            print(tag, "saw cancelled", now())
        elif fut.exception() is not None:
            print(tag, "saw exception", repr(fut.exception()), now())
        else:
            print(tag, "saw result", fut.result(), now())
    return cb


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    first, second, dropped = report("first"), report("second"), report("dropped")
    f.add_done_callback(first)
    f.add_done_callback(dropped)
    f.add_done_callback(second)
    f.add_done_callback(dropped)
    print("removed", f.remove_done_callback(dropped))
    print("removed again", f.remove_done_callback(dropped))
    loop.call_later(1, f.set_result, 42)
    await f
    print("main resumed", now())
    f.add_done_callback(report("late"))
    await asyncio.sleep(0)
    print("after late")

    g = loop.create_future()
    g.add_done_callback(report("on-cancel"))
    loop.call_later(0.5, g.cancel)
    try:
        await g
    except asyncio.CancelledError:
        print("g cancelled", now())

    h = loop.create_future()
    h.add_done_callback(report("on-error"))
    h.set_exception(KeyError("missing"))
    print("removed after done", h.remove_done_callback(report("x")))
    await asyncio.sleep(0)
    print("h exception", repr(h.exception()))


asyncio.run(main())
