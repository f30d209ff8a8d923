# Lesson 6: gather, wait and as_completed.
#
# What to watch: (a) gather wraps each hello() in a task, so the sleeps
# overlap and N hellos take one delay, not N.  (b) gather returns results in
# the order of its arguments although the children finish in another order.
# (c) When a child raises, gather raises the first exception at once but
# does not cancel the other children: they run on.  With
# return_exceptions=True the exception is just one more item of the result
# list.  (d) asyncio.wait(FIRST_COMPLETED) hands back (done, pending) sets
# as soon as one task is done; we call it again on the pending ones.
# (e) as_completed yields awaitables in finishing order.  (f) wait with
# FIRST_EXCEPTION returns as soon as a task raises (or when all are done,
# if none does); ALL_COMPLETED waits for the rest.
#
# Parameters (name, type, default, min, max, max_len, help); max_len is
# the longest a list may be, 0 for scalars:
#   hellos       int         3        1    10   0        how many hello() coroutines gather runs
#   hello_delay  float       1        0    3    0        seconds each hello() sleeps
#   delays       float_list  3,1,2    0    5    8        child i sleeps delays[i] seconds
#   fail         int         1        -1   7    0        index of the child that raises ValueError (-1 or past the end: none)

import asyncio
import sys

args = dict(arg.split("=", 1) for arg in sys.argv[1:])
hellos = int(args.get("hellos", "3"))
hello_delay = float(args.get("hello_delay", "1"))
delays = [float(x) for x in args.get("delays", "3,1,2").split(",")]
fail = int(args.get("fail", "1"))


start = 0.0  # the loop's clock when main began; main sets it


def now():
    """Seconds since main began, as the loop's clock counts them."""
    return f"{asyncio.get_running_loop().time() - start:.2f}"


def names(tasks):
    # Sets of tasks have no stable order, so list them by name.
    return "[" + ", ".join(sorted(t.get_name() for t in tasks)) + "]"


async def hello(i):
    print(f"  {now()} hello {i}")
    await asyncio.sleep(hello_delay)
    print(f"  {now()} world {i}")


async def fetch(i, delay):
    await asyncio.sleep(delay)
    print(f"  {now()} fetch {i} finished after {delay:.2f} s")
    return i * 10


async def may_fail(i, delay):
    await asyncio.sleep(delay)
    if i == fail:
        print(f"  {now()} child {i} raises ValueError")
        raise ValueError(f"child {i} failed")
    print(f"  {now()} child {i} returns {i}")
    return i


def start_fetches():
    return [asyncio.create_task(fetch(i, d), name=f"fetch-{i}")
            for i, d in enumerate(delays)]


async def main():
    global start
    start = asyncio.get_running_loop().time()
    print("(a) gather runs the hellos concurrently")
    await asyncio.gather(*(hello(i) for i in range(hellos)))

    print("(b) results come back in argument order")
    results = await asyncio.gather(*(fetch(i, d) for i, d in enumerate(delays)))
    print(f"  {now()} gather returned {results}")

    print("(c) an exception without return_exceptions")
    children = [asyncio.create_task(may_fail(i, d), name=f"child-{i}")
                for i, d in enumerate(delays)]
    try:
        results = await asyncio.gather(*children)
        print(f"  {now()} gather returned {results}")
    except ValueError as exc:
        print(f"  {now()} gather raised {exc!r}")
    # The other children were not cancelled: wait for them all to finish.
    await asyncio.wait(children)
    print(f"  {now()} all children done")

    print("(c) the same with return_exceptions=True")
    results = await asyncio.gather(
        *(may_fail(i, d) for i, d in enumerate(delays)),
        return_exceptions=True)
    print(f"  {now()} gather returned {results}")

    print("(d) wait with FIRST_COMPLETED")
    pending = start_fetches()
    while pending:
        done, pending = await asyncio.wait(
            pending, return_when=asyncio.FIRST_COMPLETED)
        print(f"  {now()} done {names(done)}, pending {names(pending)}")

    print("(e) as_completed, in finishing order")
    for next_done in asyncio.as_completed(start_fetches()):
        result = await next_done
        print(f"  {now()} as_completed gave {result}")

    print("(f) wait with FIRST_EXCEPTION, then ALL_COMPLETED")
    children = [asyncio.create_task(may_fail(i, d), name=f"child-{i}")
                for i, d in enumerate(delays)]
    done, pending = await asyncio.wait(
        children, return_when=asyncio.FIRST_EXCEPTION)
    print(f"  {now()} FIRST_EXCEPTION: done {names(done)}, "
          f"pending {names(pending)}")
    if pending:
        done, pending = await asyncio.wait(
            pending, return_when=asyncio.ALL_COMPLETED)
        print(f"  {now()} ALL_COMPLETED: done {names(done)}, "
              f"pending {names(pending)}")
    for task in children:
        print(f"  {task.get_name()} exception(): {task.exception()!r}")


if __name__ == "__main__":
    asyncio.run(main())
