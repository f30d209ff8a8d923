# Misuse: a coroutine that awaits itself.  CPython refuses with
# ValueError('coroutine already executing'); the task fails with it and
# the program goes on.
import asyncio


class Box:
    coro = None


async def selfish(box):
    print("selfish runs")
    return await box.coro


async def main():
    box = Box()
    box.coro = selfish(box)
    t = asyncio.create_task(box.coro)
    try:
        await t
    except ValueError as e:
        print("task raised", repr(e))
    print("task done", t.done(), repr(t.exception()))


asyncio.run(main())
