# loop.call_soon: callbacks run in FIFO order, one loop iteration after
# they are scheduled; a callback that schedules another pushes it to the
# next iteration, behind the task that was already waiting.
import asyncio


def say(tag):
    print("say", tag)


def chain(loop, n):
    print("chain", n)
    if n > 0:
        loop.call_soon(chain, loop, n - 1)


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(say, "a")
    loop.call_soon(chain, loop, 2)
    loop.call_soon(say, "b")
    print("scheduled")
    await asyncio.sleep(0)
    print("after one sleep(0)")
    await asyncio.sleep(0)
    print("after two")
    await asyncio.sleep(0)
    print("after three")
    loop.call_soon(say, "last")
    print("main returns", loop.time())


asyncio.run(main())
