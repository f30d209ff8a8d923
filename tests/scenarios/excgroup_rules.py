# ExceptionGroup by PEP 654's rules, inside a task: what the constructor
# refuses, a BaseExceptionGroup of plain Exceptions being an
# ExceptionGroup, split() and subgroup() keeping the nesting (and giving
# back the group itself when everything matches), and except* wrapping a
# naked exception in a group with an empty message.
import asyncio


def attempt(label, make):
    try:
        eg = make()
        print(label, "->", type(eg).__name__, repr(eg))
    except (TypeError, ValueError) as e:
        print(label, "raised", repr(e))


async def failing():
    await asyncio.sleep(1)
    raise KeyError("naked")


async def main():
    attempt("empty list", lambda: ExceptionGroup("m", []))
    attempt("not a sequence", lambda: ExceptionGroup("m", None))
    attempt("an int inside", lambda: ExceptionGroup("m", [ValueError(1), 2]))
    attempt("message not str", lambda: ExceptionGroup(3, [ValueError(1)]))
    attempt("CancelledError inside", lambda: ExceptionGroup("m", [asyncio.CancelledError()]))
    attempt("base group of plain", lambda: BaseExceptionGroup("m", [ValueError(1)]))
    attempt("base group with base", lambda: BaseExceptionGroup("m", [asyncio.CancelledError()]))

    eg = ExceptionGroup("outer", [ValueError(1), ExceptionGroup("inner", [KeyError(2), ValueError(3)]), TypeError(4)])
    match, rest = eg.split(ValueError)
    print("split ValueError:", repr(match), "|", repr(rest))
    match, rest = eg.split(LookupError)
    print("split LookupError:", repr(match), "|", repr(rest))
    print("subgroup Exception is eg:", eg.subgroup(Exception) is eg)
    print("subgroup OSError:", eg.subgroup(OSError))
    print("message", repr(eg.message), "count", len(eg.exceptions))

    try:
        await failing()
    except* KeyError as g:
        print("except* caught", repr(g), "message", repr(g.message))
    try:
        try:
            raise eg
        except* ValueError as g:
            print("handled", repr(g))
    except ExceptionGroup as left:
        print("left over", repr(left))


asyncio.run(main())
