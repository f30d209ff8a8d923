# None where an awaitable belongs, the twin of a C program passing NULL:
# create_task(None), gather() or shield() of None, and await None each
# raise the TypeError CPython raises, and the program goes on.  (wait()
# with None in its list fails in CPython with an AttributeError from deep
# inside; the C runtime raises a TypeError there, so it is left out.)
import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.set_result("ok")
    try:
        asyncio.create_task(None)
    except TypeError as e:
        print("create_task(None):", repr(e))
    for label, make in (("gather(fut, None)", lambda: asyncio.gather(fut, None)),
                        ("shield(None)", lambda: asyncio.shield(None))):
        try:
            await make()
        except TypeError as e:
            print(label + ":", repr(e))
    try:
        await None
    except TypeError as e:
        print("await None:", repr(e))
    print("still running:", await fut)


asyncio.run(main())
