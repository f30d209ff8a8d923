# Lesson 1: generators, functions that pause at each yield.
#
# What to watch: (a) calling countdown() only builds a generator object; its
# first line runs at the first next(), and when the body returns, next()
# raises StopIteration carrying the return value in e.value.  An exhausted
# generator stays exhausted.  (b) A for loop is next() until StopIteration,
# and it throws the return value away.  (c) inspect.getgeneratorstate()
# walks GEN_CREATED -> GEN_RUNNING (only seen from inside) -> GEN_SUSPENDED
# -> GEN_CLOSED.  (d) An endless generator is fine as long as the caller
# takes only what it needs and then calls close(); its finally block runs
# only if it had started.
#
# Parameters (name, type, default, min, max, help):
#   start       int  3  0  10  the number countdown() counts down from
#   extra_next  int  1  0   3  next() calls made on the exhausted countdown
#   take        int  6  0  30  how many Fibonacci numbers to take before close()

import inspect
import sys

args = dict(arg.split("=", 1) for arg in sys.argv[1:])
start = int(args.get("start", "3"))
extra_next = int(args.get("extra_next", "1"))
take = int(args.get("take", "6"))


def state(gen):
    return inspect.getgeneratorstate(gen)


def countdown(n):
    print(f"  countdown({n}) begins")
    while n > 0:
        yield n
        n -= 1
    print("  countdown reached zero")
    return "liftoff"


print("== (a) next() by hand ==")
gen = countdown(start)
print("created, state:", state(gen))
while True:
    try:
        value = next(gen)
    except StopIteration as e:
        print("StopIteration, value:", repr(e.value))
        break
    print("next() ->", value, "| state:", state(gen))
print("state:", state(gen))
for _ in range(extra_next):
    try:
        next(gen)
    except StopIteration as e:
        print("next() again: StopIteration, value:", repr(e.value))

print("== (b) a for loop ==")
for value in countdown(start):
    print("for got", value)
print("for loop done")


def watcher():
    print("  inside, state:", state(w))
    yield "first"
    print("  inside again, state:", state(w))
    yield "second"


print("== (c) states ==")
w = watcher()
print("before next():", state(w))
print("next() ->", repr(next(w)))
print("between:", state(w))
print("next() ->", repr(next(w)))
w.close()
print("after close():", state(w))


def fibonacci():
    a, b = 0, 1
    try:
        while True:
            yield a
            a, b = b, a + b
    finally:
        print("  fibonacci: finally block runs")


print("== (d) an endless generator ==")
fib = fibonacci()
taken = []
for _ in range(take):
    taken.append(next(fib))
print(f"first {take}:", taken)
print("state:", state(fib))
fib.close()
print("after close():", state(fib))
