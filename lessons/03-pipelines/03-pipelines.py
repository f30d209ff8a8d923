# Lesson 3: pipelines, yield from, and broadcast.
#
# What to watch: (a) grouper never touches the readings: `yield from`
# connects main straight to averager, and averager's return value becomes
# the value of the yield from expression in grouper.  (b) With three levels
# of yield from, send() and throw() on the outermost generator land in the
# innermost one, and return values climb back up one level at a time;
# gi_yieldfrom shows the chain.  (c) Coroutines chained by send() make a
# push pipeline: a filter forwards only some values, a broadcast stage
# fans each one out to several sinks, and close() travels down the chain
# only because each stage closes the ones it feeds.
#
# Parameters (name, type, default, min, max, help):
#   north      float_list  12.5,14,13.25  -50  50  readings of the north group (at most 8 items)
#   south      float_list  21,19.5        -50  50  readings of the south group (at most 8 items)
#   threshold  float       14             -50  50  the filter passes readings above this
#   sinks      int         2                1   4  how many sinks the broadcast feeds
#   resets     int         1                0   3  Reset exceptions thrown into the three-level chain

import sys

args = dict(arg.split("=", 1) for arg in sys.argv[1:])
north = [float(x) for x in args.get("north", "12.5,14,13.25").split(",")]
south = [float(x) for x in args.get("south", "21,19.5").split(",")]
threshold = float(args.get("threshold", "14"))
sinks = int(args.get("sinks", "2"))
resets = int(args.get("resets", "1"))


def averager():
    total = 0.0
    count = 0
    while True:
        term = yield
        if term is None:
            break
        total += term
        count += 1
    return count, total / count


def grouper(results, key):
    while True:
        results[key] = yield from averager()


print("== (a) grouper and averager ==")
data = {"north": north, "south": south}
results = {}
for key, readings in data.items():
    group = grouper(results, key)
    next(group)
    for reading in readings:
        group.send(reading)
    group.send(None)  # averager returns; grouper stores it and starts another
    group.close()  # closes grouper and the fresh averager it waits on
for key, (count, mean) in results.items():
    print(f"  {key:<6} {count} readings, mean {mean:.2f}")


class Reset(Exception):
    """Thrown into the chain to clear the innermost running total."""


def inner():
    total = 0.0
    while True:
        try:
            x = yield total
        except Reset as e:
            print("  inner caught Reset:", e)
            total = 0.0
            continue
        if x is None:
            return total
        total += x


def middle():
    result = yield from inner()
    print("  middle got", result, "from inner")
    return result


def outer():
    result = yield from middle()
    print("  outer got", result, "from middle")
    return result


def chain_names(gen):
    names = []
    while gen is not None:
        names.append(gen.__name__)
        gen = gen.gi_yieldfrom
    return " -> ".join(names)


print("== (b) yield from, three levels deep ==")
chain = outer()
print("next() ->", next(chain))
print("chain:", chain_names(chain))
for reading in north:
    print(f"send({reading!r}) ->", chain.send(reading))
for i in range(resets):
    print("throw(Reset) ->", chain.throw(Reset(f"reset {i + 1}")))
for reading in south:
    print(f"send({reading!r}) ->", chain.send(reading))
try:
    chain.send(None)
except StopIteration as e:
    print("StopIteration, value:", e.value)
print("chain:", chain_names(chain))


def primed(gen):
    next(gen)
    return gen


def sink(name):
    count = 0
    try:
        while True:
            value = yield
            count += 1
            print(f"  {name} got {value}")
    except GeneratorExit:
        print(f"  {name} closed after {count} items")


def broadcast(targets):
    try:
        while True:
            value = yield
            for target in targets:
                target.send(value)
    except GeneratorExit:
        for target in targets:
            target.close()


def above(limit, target):
    try:
        while True:
            value = yield
            if value > limit:
                target.send(value)
            else:
                print(f"  above({limit}) drops {value}")
    except GeneratorExit:
        target.close()


print("== (c) a push pipeline with broadcast ==")
outs = [primed(sink(f"sink{k + 1}")) for k in range(sinks)]
pipeline = primed(above(threshold, primed(broadcast(outs))))
for reading in north + south:
    print("source sends", reading)
    pipeline.send(reading)
pipeline.close()
