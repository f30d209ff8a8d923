# Lesson 2: coroutines, generators you send values into.
#
# What to watch: (a) x = yield both pauses and receives: next() primes the
# coroutine (runs it to its first yield), send() resumes it with a value,
# and a coroutine that runs off its end answers send() with StopIteration.
# (b) Sending a value to a coroutine that was never primed is a TypeError:
# there is no yield waiting to receive it.  (c) The running averager keeps
# its total between sends.  (d) close() raises GeneratorExit at the paused
# yield, so the coroutine can clean up; an unprimed one never runs at all.
# (e) throw() raises any exception at the yield: one the coroutine catches
# lets it carry on, one it does not ends it.
#
# Parameters (name, type, default, min, max, help):
#   value          int         42        -1000  1000  what simple_coroutine is sent
#   values         float_list  10,30,5   -1000  1000  what the averager, logger and tally are sent (at most 10 items)
#   prime_logger   bool        true                   prime the logger (and send it values) before close()
#   handled        int         1             0     3  DemoExceptions thrown into tally before the fatal ValueError

import inspect
import sys

args = dict(arg.split("=", 1) for arg in sys.argv[1:])
value = int(args.get("value", "42"))
values = [float(x) for x in args.get("values", "10,30,5").split(",")]
prime_logger = args.get("prime_logger", "true") == "true"
handled = int(args.get("handled", "1"))


def state(gen):
    return inspect.getgeneratorstate(gen)


def simple_coroutine():
    print("-> coroutine started")
    x = yield
    print("-> coroutine received:", x)


print("== (a) prime, then send ==")
coro = simple_coroutine()
print("state:", state(coro))
print("next() ->", next(coro))
print("state:", state(coro))
try:
    coro.send(value)
except StopIteration as e:
    print("StopIteration, value:", repr(e.value))
print("state:", state(coro))

print("== (b) send without priming ==")
coro = simple_coroutine()
try:
    coro.send(value)
except TypeError as e:
    print(f"{type(e).__name__}: {e}")
print("state:", state(coro))


def averager():
    total = 0.0
    count = 0
    average = None
    while True:
        term = yield average
        total += term
        count += 1
        average = total / count


print("== (c) a running average ==")
avg = averager()
print("next() ->", next(avg))
for v in values:
    print(f"send({v!r}) ->", avg.send(v))
avg.close()
print("state:", state(avg))


def logger():
    print("-> logger started")
    try:
        while True:
            line = yield
            print("-> logged:", line)
    except GeneratorExit:
        print("-> logger caught GeneratorExit, stopping")


print("== (d) close() and GeneratorExit ==")
log = logger()
if prime_logger:
    next(log)
    for v in values:
        log.send(v)
print("before close():", state(log))
log.close()
print("after close():", state(log))
try:
    log.send(None)
except StopIteration:
    print("send() after close(): StopIteration")


class DemoException(Exception):
    """The exception this lesson throws into a coroutine."""


def tally():
    total = 0.0
    print("-> tally started")
    while True:
        try:
            x = yield total
        except DemoException as e:
            print("-> tally caught DemoException:", e)
        else:
            total += x


print("== (e) throw() ==")
t = tally()
print("next() ->", next(t))
for v in values:
    print(f"send({v!r}) ->", t.send(v))
for i in range(handled):
    print("throw(DemoException) ->", t.throw(DemoException(f"glitch {i + 1}")))
    print("state:", state(t))
try:
    t.throw(ValueError("fatal"))
except ValueError as e:
    print(f"{type(e).__name__}: {e}")
print("state:", state(t))
