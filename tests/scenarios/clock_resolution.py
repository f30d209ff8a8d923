# The loop's clock resolution: a timer due within 1e-9 s of now counts as
# due already, so it fires without the clock moving; one just beyond
# waits.  Float sums of small sleeps land where CPython's do.
import asyncio


def fire(tag):
    print("fire", tag, repr(asyncio.get_running_loop().time()))


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(5e-10, fire, "within resolution")
    loop.call_later(2e-9, fire, "beyond resolution")
    loop.call_later(0, fire, "zero")
    await asyncio.sleep(0)
    print("after one iteration", repr(loop.time()))
    await asyncio.sleep(1e-8)
    print("after 1e-8", repr(loop.time()))
    for _ in range(3):
        await asyncio.sleep(0.1)
    print("three tenths", repr(loop.time()))
    loop.call_at(loop.time() + 0.7, fire, "at +0.7")
    loop.call_later(0.7, fire, "later 0.7")
    await asyncio.sleep(0.7)
    print("end", repr(loop.time()))


asyncio.run(main())
