# Lesson 9: synchronisation and limits.
#
# What to watch: (a) one thread, and still a race: each worker reads a
# shared counter, awaits, then writes back what it read plus one.  Every
# await lets the other workers run, so they all read the same value and
# most updates are lost.  The same code under an asyncio.Lock keeps every
# update, at the price of running the critical sections one at a time.
# (b) An Event: waiters block in wait() until someone calls set(), then all
# of them wake; wait() on a set event returns at once.  (c) A Semaphore as
# a concurrency limit: a small job scheduler in the spirit of aiojobs, where
# jobs beyond the limit are pending until a running one ends, and close()
# gives the jobs a grace period, then cancels what is left.  (d) A
# Condition lets consumers sleep until a producer changes the shared state
# and notifies them; a Barrier holds every party until the last arrives.
#
# Parameters (name, type, default, min, max, max_len, help); max_len is
# the longest a list may be, 0 for scalars:
#   workers        int         3          1    6    0        tasks incrementing the shared counter
#   rounds         int         2          1    4    0        increments each worker makes
#   pause          float       0.1        0    1    0        seconds a worker awaits between reading and writing the counter
#   waiters        int         2          0    4    0        tasks waiting on the Event
#   set_after      float       1          0    3    0        seconds before main sets the Event
#   jobs           int         5          0    8    0        jobs spawned on the scheduler
#   job_limit      int         2          1    4    0        jobs the scheduler runs at once (the Semaphore's value)
#   job_times      float_list  1,0.5,2    0    3    6        job k takes job_times[k % len] seconds
#   grace          float       2          0    6    0        seconds close() waits for the jobs before cancelling the rest
#   produce_every  float       0.5        0    2    0        seconds the Condition's producer takes to make each of its two items
#   arrivals       float_list  0.5,1.5,1  0    3    5        one Barrier party per item, arriving after that many seconds

import asyncio
import sys

args = dict(arg.split("=", 1) for arg in sys.argv[1:])
workers = int(args.get("workers", "3"))
rounds = int(args.get("rounds", "2"))
pause = float(args.get("pause", "0.1"))
waiters = int(args.get("waiters", "2"))
set_after = float(args.get("set_after", "1"))
jobs = int(args.get("jobs", "5"))
job_limit = int(args.get("job_limit", "2"))
job_times = [float(x) for x in args.get("job_times", "1,0.5,2").split(",")]
grace = float(args.get("grace", "2"))
produce_every = float(args.get("produce_every", "0.5"))
arrivals = [float(x) for x in args.get("arrivals", "0.5,1.5,1").split(",")]

start = 0.0  # the loop's clock when main began; main sets it


def now():
    """Seconds since main began, as the loop's clock counts them."""
    return asyncio.get_running_loop().time() - start


# (a) A read-modify-write across an await, without and with a Lock.

counter = 0


async def unsafe_increment(name):
    global counter
    for _ in range(rounds):
        value = counter             # read
        await asyncio.sleep(pause)  # any await lets the others run
        counter = value + 1         # write what was read, plus one
        print(f"  {now():.2f} {name} read {value}, writes {value + 1}")


async def safe_increment(lock):
    global counter
    for _ in range(rounds):
        async with lock:  # one worker at a time from the read to the write
            value = counter
            await asyncio.sleep(pause)
            counter = value + 1


async def race_demo():
    global counter
    print("(a) a shared counter, without and with a Lock")
    counter = 0
    await asyncio.gather(*(unsafe_increment(f"worker-{k}")
                           for k in range(workers)))
    print(f"  {now():.2f} no lock: counter {counter}, "
          f"expected {workers * rounds}")
    counter = 0
    lock = asyncio.Lock()
    await asyncio.gather(*(safe_increment(lock) for _ in range(workers)))
    print(f"  {now():.2f} with a lock: counter {counter}, "
          f"expected {workers * rounds}")


# (b) An Event.

async def waiter(name, event):
    print(f"  {now():.2f} {name} waits for the event")
    flag = await event.wait()
    print(f"  {now():.2f} {name} woke up: wait() returned {flag}")


async def event_demo():
    print("(b) an Event")
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(f"waiter-{k}", event), name=f"waiter-{k}")
             for k in range(waiters)]
    await asyncio.sleep(set_after)
    print(f"  {now():.2f} main sets the event")
    event.set()
    await asyncio.gather(*tasks)
    flag = await event.wait()
    print(f"  {now():.2f} wait() on a set event returns {flag} at once")


# (c) A job scheduler with a concurrency limit.

class Scheduler:
    """Runs at most `limit` jobs at once; the others are pending."""

    def __init__(self, limit):
        self.limit = limit
        self.sem = asyncio.Semaphore(limit)
        self.tasks = []

    def spawn(self, name, fn, *args):
        task = asyncio.create_task(supervise(self, name, fn, args), name=name)
        self.tasks.append(task)
        return task

    async def close(self, timeout):
        print(f"  {now():.2f} close(): waiting up to {timeout:.2f} s")
        if self.tasks:
            await asyncio.wait(self.tasks, timeout=timeout)
        late = [task for task in self.tasks if not task.done()]
        for task in late:
            task.cancel()
        for task in late:
            try:
                await task
            except asyncio.CancelledError:
                print(f"  {now():.2f} {task.get_name()} cancelled by close()")
        return len(self.tasks) - len(late)


async def supervise(scheduler, name, fn, args):
    """What each job's task runs: wait for a slot, then run fn(*args).

    fn(*args) is called only once the job may start: a coroutine made
    early and cancelled while pending would never be awaited."""
    if scheduler.sem.locked():
        print(f"  {now():.2f} {name} pending: {scheduler.limit} jobs running")
    async with scheduler.sem:
        print(f"  {now():.2f} {name} starts")
        return await fn(*args)


async def job(k, seconds):
    await asyncio.sleep(seconds)
    print(f"  {now():.2f} job-{k} done after {seconds:.2f} s")
    return k


async def scheduler_demo():
    print(f"(c) a scheduler running at most {job_limit} jobs")
    scheduler = Scheduler(job_limit)
    for k in range(jobs):
        scheduler.spawn(f"job-{k}", job, k, job_times[k % len(job_times)])
    print(f"  {now():.2f} {jobs} jobs spawned")
    finished = await scheduler.close(grace)
    print(f"  {now():.2f} closed: {finished} of {jobs} jobs finished")


# (d) A Condition, and a Barrier.

async def consumer(name, cond, items):
    async with cond:
        while not items:
            print(f"  {now():.2f} {name} waits on the condition")
            await cond.wait()  # releases the lock while it waits
        print(f"  {now():.2f} {name} took {items.pop(0)}")


async def producer(cond, items, n):
    for i in range(n):
        await asyncio.sleep(produce_every)
        async with cond:
            items.append(f"item-{i}")
            print(f"  {now():.2f} producer adds item-{i}, notify(1)")
            cond.notify(1)


async def party(k, barrier, delay):
    await asyncio.sleep(delay)
    print(f"  {now():.2f} party-{k} arrives at the barrier")
    await barrier.wait()
    print(f"  {now():.2f} party-{k} passes")


async def condition_barrier_demo():
    print("(d) a Condition, then a Barrier")
    cond = asyncio.Condition()
    items = []
    await asyncio.gather(consumer("consumer-0", cond, items),
                         consumer("consumer-1", cond, items),
                         producer(cond, items, 2))
    barrier = asyncio.Barrier(len(arrivals))
    await asyncio.gather(*(party(k, barrier, d) for k, d in enumerate(arrivals)))


async def main():
    global start
    start = asyncio.get_running_loop().time()
    await race_demo()
    await event_demo()
    await scheduler_demo()
    await condition_barrier_demo()


if __name__ == "__main__":
    asyncio.run(main())
