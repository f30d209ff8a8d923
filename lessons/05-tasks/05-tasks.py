# Lesson 5: tasks.
#
# What to watch: (a) awaiting leerTwitter() then leerFacebook() runs them one
# after the other, so the time is the sum of their delays; wrapping them in
# tasks with create_task runs them concurrently and the time is the larger
# one.  (b) A coroutine that calls the blocking time.sleep freezes the whole
# loop: the heartbeat task, due every `beat` seconds, cannot run until the
# worker returns.  (c) create_task plus add_done_callback, and what a task
# tells about itself: done(), cancelled(), result(), exception(), before and
# after it finishes or is cancelled.  (d) A bare Future, completed by another
# task (set_after), is what every await is eventually waiting for.  (e) The
# curriculum notes' timeout(5) and timeout(2): awaited one after the other
# they take 7 s, as tasks 5 s; with the notes' blocking time.sleep
# (time_sleep=true) the tasks take 7 s too.
#
# Parameters (name, type, default, min, max, max_len, help); max_len is
# the longest a list may be, 0 for scalars:
#   twitter    float  1.5      0    5    0        seconds leerTwitter waits for each post
#   facebook   float  1        0    5    0        seconds leerFacebook waits for each post
#   posts      int    2        1    4    0        posts each reader reads
#   block      float  3        0    10   0        seconds the worker blocks the loop with time.sleep
#   beat       float  0.5      0.1  2    0        seconds between two heartbeats
#   beats      int    3        1    5    0        how many heartbeats the heartbeat task prints
#   work       float  1        0    5    0        seconds the worker of the callback example sleeps
#   delay      float  1        0    5    0        seconds set_after waits before completing the future
#   first      int    5        0    10   0        seconds of the notes' first timeout()
#   second     int    2        0    10   0        seconds of the notes' second timeout()
#   time_sleep bool   false    -    -    0        timeout() calls the blocking time.sleep, as the notes' version does

import asyncio
import sys
import time

args = dict(arg.split("=", 1) for arg in sys.argv[1:])
twitter = float(args.get("twitter", "1.5"))
facebook = float(args.get("facebook", "1"))
posts = int(args.get("posts", "2"))
block = float(args.get("block", "3"))
beat = float(args.get("beat", "0.5"))
beats = int(args.get("beats", "3"))
work = float(args.get("work", "1"))
delay = float(args.get("delay", "1"))
first = int(args.get("first", "5"))
second = int(args.get("second", "2"))
time_sleep = args.get("time_sleep", "false") == "true"


start = 0.0  # the loop's clock when main began; main sets it


def now():
    """Seconds since main began, as the loop's clock counts them."""
    return asyncio.get_running_loop().time() - start


# (a) Two readers, awaited one after the other, then as tasks.

async def leerTwitter():
    for i in range(posts):
        print(f"  {now():.2f} twitter: reading post {i + 1}")
        await asyncio.sleep(twitter)
    print(f"  {now():.2f} twitter: done")
    return posts


async def leerFacebook():
    for i in range(posts):
        print(f"  {now():.2f} facebook: reading post {i + 1}")
        await asyncio.sleep(facebook)
    print(f"  {now():.2f} facebook: done")
    return posts


async def readers():
    print("(a) sequential awaits")
    began = now()
    await leerTwitter()
    await leerFacebook()
    print(f"  sequential took {now() - began:.2f} s")

    print("(a) the same as tasks")
    began = now()
    task1 = asyncio.create_task(leerTwitter())
    task2 = asyncio.create_task(leerFacebook())
    read = await task1 + await task2
    print(f"  concurrent took {now() - began:.2f} s, {read} posts read")


# (b) A blocking call freezes every task.

async def heartbeat():
    due = now()
    for i in range(beats):
        if i > 0:
            due = now() + beat
            await asyncio.sleep(beat)
        print(f"  {now():.2f} heartbeat {i + 1} (due {due:.2f})")


async def blocking_worker():
    print('worker - will take some time')
    time.sleep(block)  # not awaited: nothing else can run meanwhile
    print('worker - done it')
    return 42


async def blocking():
    print("(b) a blocking time.sleep inside a coroutine")
    beating = asyncio.create_task(heartbeat())
    await asyncio.sleep(0)  # let the heartbeat start
    print('do_something - will wait for worker')
    result = await blocking_worker()
    print(f"  {now():.2f} do_something - result: {result}")
    await beating


# (c) create_task, add_done_callback and what a task says about itself.

async def worker():
    print('worker - will take some time')
    await asyncio.sleep(work)
    print('worker - Done it')
    return 42


def print_it(task):
    print('print_it result:', task.result())


async def do_something():
    print("(c) create_task, add_done_callback and task introspection")
    print('do_something - create task for worker')
    task = asyncio.create_task(worker())
    print('do_something - add a callback')
    task.add_done_callback(print_it)
    print('do_something - task.done() before await:', task.done())
    try:
        task.result()
    except asyncio.InvalidStateError as exc:
        # Only the type: CPython's C and Python futures word the message
        # differently ("Result is not set." / "Result is not ready.").
        print('do_something - task.result() before await raises',
              type(exc).__name__)
    await task
    # Information on task
    print('do_something - task.cancelled():', task.cancelled())
    print('do_something - task.done():', task.done())
    print('do_something - task.result():', task.result())
    print('do_something - task.exception():', task.exception())

    print('do_something - create a second worker and cancel it')
    doomed = asyncio.create_task(worker())
    await asyncio.sleep(0)  # it starts and sleeps
    doomed.cancel()
    try:
        await doomed
    except asyncio.CancelledError:
        print('do_something - awaiting it raised CancelledError')
    print('do_something - doomed.cancelled():', doomed.cancelled())
    print('do_something - doomed.done():', doomed.done())
    print('do_something - finished')


# (d) A bare Future, completed by another task.

async def set_after(fut, delay, value):
    # Sleep for *delay* seconds.
    await asyncio.sleep(delay)
    # Set *value* as a result of *fut* Future.
    fut.set_result(value)


async def future_demo():
    print("(d) a Future completed by another task")
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    setter = loop.create_task(set_after(fut, delay, '... world'))
    print(f"  {now():.2f} hello ...")
    value = await fut  # suspends until set_after sets the result
    print(f"  {now():.2f} {value}")
    await setter


# (e) The notes' timeout(5) and timeout(2), as coroutines and as tasks.

async def timeout(seconds):
    print(f"Starting to wait {seconds} seconds.")
    if time_sleep:
        time.sleep(seconds)  # the notes' version: it blocks the loop
    else:
        await asyncio.sleep(seconds)
    return f"Processed {seconds} seconds"


async def timeouts():
    print(f"(e) the notes' timeout({first}) and timeout({second}): "
          f"coroutines, then tasks")
    began = now()
    print(await timeout(first))
    print(await timeout(second))
    print(f"  coroutines took {now() - began:.2f} s")
    began = now()
    task1 = asyncio.create_task(timeout(first))
    task2 = asyncio.create_task(timeout(second))
    print(await task1)
    print(await task2)
    print(f"  tasks took {now() - began:.2f} s")


async def main():
    global start
    start = asyncio.get_running_loop().time()
    await readers()
    await blocking()
    await do_something()
    await future_demo()
    await timeouts()


if __name__ == "__main__":
    print('Main - Starting')
    asyncio.run(main())
    print('Main - Done')
