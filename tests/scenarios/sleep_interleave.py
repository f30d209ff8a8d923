# asyncio.sleep: sleep(0) yields exactly one loop iteration, so tasks that
# only sleep(0) take turns round-robin; sleep(d, result) returns result; a
# negative delay is sleep(0) with a timer-free path.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def spinner(name, turns):
    for i in range(turns):
        print(name, "turn", i)
        await asyncio.sleep(0)
    return name


async def main():
    a = asyncio.create_task(spinner("a", 3))
    b = asyncio.create_task(spinner("b", 2))
    c = asyncio.create_task(spinner("c", 1))
    print("main yields once")
    await asyncio.sleep(0)
    print("main back")
    print(await asyncio.sleep(0, "zero"), await asyncio.sleep(-5, "negative"), now())
    print(await asyncio.sleep(0.1, "tenth"), now())
    print(await asyncio.sleep(0.2, ["list", 1]), now())
    print("results", await a, await b, await c)
    total = 0.0
    for _ in range(10):
        await asyncio.sleep(0.1)
        total += 0.1
    print("ten tenths", now(), total, now() == 0.3 + 1.0)


asyncio.run(main())
