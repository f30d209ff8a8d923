# Tasks made where no task runs: from a call_soon callback, from a timer
# and from a done callback.  current_task() is None in a callback and the
# new task inside its own body; all_tasks() sees the new tasks at once;
# each first runs on the loop iteration after the callback that made it.
import asyncio

made = []


def now():
    return asyncio.get_running_loop().time()


async def child(name):
    print("  ", name, "runs; current", asyncio.current_task().get_name(), now())
    await asyncio.sleep(1)
    return name


def spawn(label, name):
    print(" ", label, "current_task:", asyncio.current_task(), now())
    made.append(asyncio.create_task(child(name), name=name))
    print("  all_tasks now", sorted(t.get_name() for t in asyncio.all_tasks()))


def on_done(fut):
    print(" ", "done callback for", fut.get_name(), "result", fut.result(), now())
    spawn("done callback", "from-done")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(spawn, "call_soon", "from-soon")
    loop.call_later(0.5, spawn, "call_later", "from-timer")
    await asyncio.sleep(0)
    print("main after one turn", [t.get_name() for t in made], now())
    await asyncio.sleep(1)
    made[0].add_done_callback(on_done)
    print("main waits", now())
    await asyncio.sleep(1)
    print("results", [t.result() if t.done() else "pending" for t in made], now())
    await asyncio.gather(*made)
    print("all", [t.result() for t in made], now())


asyncio.run(main())
