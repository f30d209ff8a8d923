# A bare Future through its states: pending, finished with a result or an
# exception, cancelled with and without a message, and the errors of each.
import asyncio
from asyncio import CancelledError, InvalidStateError


def show(tag, f):
    print(tag, "done", f.done(), "cancelled", f.cancelled())
    try:
        print("  result", repr(f.result()))
    except (InvalidStateError, CancelledError, ValueError) as e:
        print("  result raised", repr(e))
    try:
        print("  exception", repr(f.exception()))
    except (InvalidStateError, CancelledError) as e:
        print("  exception raised", repr(e))


async def main():
    loop = asyncio.get_running_loop()
    a = loop.create_future()
    show("pending", a)
    a.set_result([1, "two", 3.5])
    show("result", a)
    print("cancel a finished future:", a.cancel())
    b = loop.create_future()
    b.set_exception(ValueError("bad", ))
    show("exception", b)
    try:
        b.set_result(1)
    except InvalidStateError as e:
        print("set_result again:", repr(e))
    c = loop.create_future()
    print("cancel:", c.cancel(), c.cancel())
    show("cancelled", c)
    d = loop.create_future()
    d.cancel("because")
    show("cancelled with msg", d)
    try:
        d.set_exception(KeyError("k"))
    except InvalidStateError as e:
        print("set_exception on cancelled:", repr(e))
    e = loop.create_future()
    e.set_result(None)
    print("await a", await a, "await e", await e)
    try:
        await b
    except ValueError as x:
        print("await b raised", repr(x))
    try:
        await d
    except CancelledError as x:
        print("await d raised", repr(x))


asyncio.run(main())
