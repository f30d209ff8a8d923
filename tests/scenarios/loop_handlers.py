# The loop's exception handler: a callback that raises does not stop the
# loop, the exception goes to the handler (a custom one here, then the
# default one again, which logs to stderr); call_exception_handler passes
# a context of our own through; a handler that raises is reported too.
import asyncio


def now():
    return asyncio.get_running_loop().time()


def say(tag):
    print("say", tag, now())


def boom(tag):
    print("boom", tag, "raises")
    raise ZeroDivisionError(tag)


def handler(loop, context):
    print("handler:", context["message"][:22], repr(context.get("exception")),
          sorted(context))


def bad_handler(loop, context):
    print("bad handler sees", context["message"][:22])
    raise KeyError("handler broke")


async def main():
    loop = asyncio.get_running_loop()
    print("handler before", loop.get_exception_handler())
    loop.set_exception_handler(handler)
    print("handler set", loop.get_exception_handler() is handler)
    loop.call_soon(boom, "one")
    loop.call_later(0.5, boom, "two")
    loop.call_soon(say, "after boom")
    await asyncio.sleep(1)
    loop.call_exception_handler({"message": "custom report", "exception": KeyError("k")})
    loop.call_exception_handler({"message": "no exception here"})
    loop.set_exception_handler(bad_handler)
    loop.call_soon(boom, "three")
    await asyncio.sleep(0)
    loop.set_exception_handler(None)
    print("handler reset", loop.get_exception_handler())
    loop.call_soon(boom, "four")
    await asyncio.sleep(0)
    print("still running", now())


asyncio.run(main())
