# loop.call_soon returns a Handle: cancel() before its turn skips the
# callback, cancel() after it ran changes nothing but the flag, and
# cancelled() says which; a callback may cancel one queued behind it in
# the same iteration, but not one that already ran.
import asyncio


def say(tag):
    print("say", tag)


def canceller(box):
    print("canceller cancels", box[0])
    box[1].cancel()


async def main():
    loop = asyncio.get_running_loop()
    kept = loop.call_soon(say, "kept")
    dropped = loop.call_soon(say, "dropped")
    print("cancelled?", kept.cancelled(), dropped.cancelled())
    dropped.cancel()
    dropped.cancel()
    print("cancelled?", kept.cancelled(), dropped.cancelled())
    await asyncio.sleep(0)
    kept.cancel()
    print("after running, cancel marks it:", kept.cancelled())
    early = ["early"]
    early.append(loop.call_soon(say, "early"))
    loop.call_soon(canceller, early)
    victim = ["victim"]
    loop.call_soon(canceller, victim)
    victim.append(loop.call_soon(say, "victim"))
    await asyncio.sleep(0)
    print("early cancelled?", early[1].cancelled(), "victim cancelled?", victim[1].cancelled())


asyncio.run(main())
