# loop.call_later, loop.call_at and loop.time: timers fire by deadline,
# equal deadlines in the order they were set, past deadlines on the next
# iteration after the ready callbacks; a cancelled timer never fires.
import asyncio


def fire(tag):
    print("fire", tag, asyncio.get_running_loop().time())


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(2, fire, "two")
    loop.call_later(1, fire, "one-a")
    loop.call_later(1, fire, "one-b")
    loop.call_later(0, fire, "zero")
    loop.call_later(-1, fire, "negative")
    loop.call_soon(fire, "soon")
    h = loop.call_later(1.5, fire, "cancelled")
    loop.call_at(loop.time() + 0.5, fire, "at-half")
    print("cancelled before", h.cancelled())
    h.cancel()
    h.cancel()
    print("cancelled after", h.cancelled(), h.when())
    print("start", loop.time())
    await asyncio.sleep(1)
    print("woke", loop.time())
    loop.call_at(0.25, fire, "at-past")
    loop.call_at(loop.time(), fire, "at-now")
    await asyncio.sleep(2)
    print("end", loop.time())


asyncio.run(main())
