# Lesson 7: producers and consumers on an asyncio.Queue.
#
# What to watch: consumers wait in get() while the queue is empty.  With a
# maxsize, a producer that finds the queue full waits in put() until a
# consumer takes an item: that is backpressure, and it slows the producers
# down to the consumers' pace.  Every get() is matched by a task_done(), so
# queue.join() returns once every item put has been processed.  The
# consumers loop forever, so after join() main cancels them and gathers them
# with return_exceptions=True to collect their CancelledErrors.
#
# Parameters (name, type, default, min, max, max_len, help); max_len is
# the longest a list may be, 0 for scalars:
#   producers      int    2        1    4    0        how many producer tasks
#   consumers      int    2        1    4    0        how many consumer tasks
#   items          int    4        0    12   0        items each producer puts
#   maxsize        int    2        0    10   0        the queue's maxsize (0: unbounded)
#   produce_delay  float  0.5      0    3    0        seconds a producer takes to make an item
#   consume_delay  float  1        0    3    0        seconds a consumer takes to process an item
#   task_done      bool   true     -    -    0        consumers call task_done() (false: join() waits for ever: a deadlock)
#
# With task_done=false this program hangs for ever under CPython: join()
# waits for task_done() calls that never come, and the consumers wait for
# items that never come.  asynclab stops and says who waits on what.

import asyncio
import sys

args = dict(arg.split("=", 1) for arg in sys.argv[1:])
producers = int(args.get("producers", "2"))
consumers = int(args.get("consumers", "2"))
items = int(args.get("items", "4"))
maxsize = int(args.get("maxsize", "2"))
produce_delay = float(args.get("produce_delay", "0.5"))
consume_delay = float(args.get("consume_delay", "1"))
task_done = args.get("task_done", "true") == "true"


start = 0.0  # the loop's clock when main began; main sets it


def now():
    """Seconds since main began, as the loop's clock counts them."""
    return f"{asyncio.get_running_loop().time() - start:.2f}"


async def producer(name, queue):
    for i in range(items):
        await asyncio.sleep(produce_delay)  # making the item takes time
        item = f"{name}/{i}"
        if queue.full():
            print(f"  {now()} {name} waits: queue full")
        await queue.put(item)  # suspends while the queue is full
        print(f"  {now()} {name} put {item} (size {queue.qsize()})")
    print(f"  {now()} {name} finished")


async def consumer(name, queue, processed):
    while True:
        item = await queue.get()  # suspends while the queue is empty
        print(f"  {now()} {name} got {item}")
        await asyncio.sleep(consume_delay)
        processed[name] += 1
        if task_done:
            queue.task_done()  # forget it, and join() waits for ever


async def main():
    global start
    start = asyncio.get_running_loop().time()
    queue = asyncio.Queue(maxsize=maxsize)
    processed = {f"consumer-{k}": 0 for k in range(consumers)}
    workers = [asyncio.create_task(consumer(name, queue, processed), name=name)
               for name in processed]
    makers = [asyncio.create_task(producer(f"producer-{k}", queue),
                                  name=f"producer-{k}")
              for k in range(producers)]
    print(f"  {now()} {consumers} consumers and {producers} producers "
          f"started, maxsize {maxsize}")
    await asyncio.gather(*makers)
    print(f"  {now()} producers done, {queue.qsize()} items queued; join()")
    await queue.join()
    print(f"  {now()} join() returned: every item is processed")
    for task in workers:
        task.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    for task, result in zip(workers, results):
        print(f"  {task.get_name()} processed {processed[task.get_name()]}"
              f" items, ended with {type(result).__name__}")


if __name__ == "__main__":
    asyncio.run(main())
