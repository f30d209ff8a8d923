# A typical program: a producer fills a bounded queue, three workers take
# jobs of different lengths, join() waits for the last task_done, then the
# idle workers are cancelled and gathered with return_exceptions.
import asyncio


def now():
    return asyncio.get_running_loop().time()


async def worker(name, q, log):
    while True:
        job = await q.get()
        try:
            await asyncio.sleep(job / 10)
            log.append((name, job))
            print(f"{now():.2f} {name} did job {job}")
        finally:
            q.task_done()


async def producer(q, jobs):
    for j in jobs:
        await q.put(j)
        print(f"{now():.2f} queued {j} (size {q.qsize()})")


async def main():
    q = asyncio.Queue(maxsize=2)
    log = []
    workers = [asyncio.create_task(worker(f"w{i}", q, log), name=f"w{i}") for i in range(3)]
    await producer(q, [5, 1, 3, 2, 4, 1, 6])
    print(f"{now():.2f} all queued, unfinished jobs {q.qsize()}")
    await q.join()
    print(f"{now():.2f} joined after {len(log)} jobs")
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print("workers ended with", [type(r).__name__ for r in results])
    per = {}
    for name, job in log:
        per[name] = per.get(name, 0) + job
    print("work per worker", sorted(per.items()))


asyncio.run(main())
