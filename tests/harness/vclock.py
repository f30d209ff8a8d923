#!/usr/bin/env python3
"""Run a lesson's Python twin under CPython on a virtual clock.

Usage: python3 tests/harness/vclock.py TWIN.py [NAME=VALUE ...]

A twin is the plain asyncio program a lesson stands for, and asynclab's C
runtime must print exactly what it prints.  Real time would make the twin
slow and its output racy, so before the twin runs as __main__ this script
patches, from outside (the twin holds no harness code):

* time.monotonic, time.perf_counter and their _ns variants read a
  module-level virtual clock that starts at 0.0, and time.sleep(d) advances
  that clock by d at once: a blocking call, during which nothing else runs.
* The event-loop policy makes loops of VirtualLoop, a SelectorEventLoop whose
  time() is the virtual clock and whose _clock_resolution is fixed at 1e-09
  (the real one depends on the machine).  Its selector never waits: select
  (timeout) does `clock += timeout` and returns no events.  That exact float
  addition matters, because the C runtime does the same arithmetic, so both
  agree on when a timer is due.  select(None) means nothing is ready and no
  timer is set, so the program would hang: we report a deadlock and exit 1,
  as asynclab does for a run that deadlocks.
* Timers with equal deadlines fire in the order they were scheduled.  Stock
  TimerHandles compare by deadline alone, so heapq breaks ties arbitrarily;
  ours also carry a global sequence number and compare by (when, seq).
* A TaskGroup keeps its tasks in a set, and cancels them in the set's
  order when a child fails or the group is cancelled; that order follows
  the tasks' addresses, so it changes with the Task class and with
  whatever was allocated before.  Ours iterate in creation order, as the C
  runtime's do, the same choice as for timer ties.
* asyncio.run cancels the tasks still pending when main returns in the
  order of the set all_tasks() gives, which follows addresses too.  Ours
  cancel them in creation order (loop.create_task stamps each task), as
  the C runtime does.
* The loop keeps the async generators it must close at shutdown in a
  WeakSet, and shutdown_asyncgens closes them in that set's order, which
  follows addresses.  Ours keep them weakly too but in the order they
  were first iterated, as the C runtime does.
* If ASYNCLAB_STEPS names a file, the pure-Python Task replaces the C one
  (only it can be wrapped) and every task step appends a line
  "repr(loop.time())<TAB>task name<TAB>coroutine __qualname__" to the file
  (the type's name for an awaitable without one, such as the
  async_generator_athrow that shutdown_asyncgens wraps in a task), so
  tests can compare the twin's schedule with the C runtime's.
"""

import asyncio
import heapq
import itertools
import os
import types
import weakref
import runpy
import selectors
import sys
import time

from asyncio import events, runners, taskgroups, tasks

# The virtual clock, in seconds.  Everything below reads or advances it.
clock = 0.0


def _monotonic():
    return clock


def _monotonic_ns():
    return int(round(clock * 1e9))


def _sleep(seconds):
    # A blocking sleep takes no real time but moves the clock, exactly as if
    # the whole program had been frozen for that long.
    global clock
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    clock += seconds


class VirtualSelector(selectors.SelectSelector):
    """A selector that jumps the clock instead of waiting for file events.

    Registering the loop's self-pipe still works (it is inherited); only
    select changes, and it never reports an event.
    """

    def select(self, timeout=None):
        global clock
        if timeout is None:
            # No ready callback, no timer: the real loop would block forever.
            sys.stdout.flush()
            print("vclock: deadlock: the loop would wait forever", file=sys.stderr)
            sys.stderr.flush()
            # os._exit, not sys.exit: SystemExit would unwind through
            # asyncio.run's cleanup, which could run more twin code.
            os._exit(1)
        clock += timeout
        return []


# One counter for all loops, so that ties are broken by scheduling order even
# across several asyncio.run calls in one program.
_timer_seq = itertools.count()


class SeqTimerHandle(events.TimerHandle):
    """A TimerHandle ordered by (deadline, order of scheduling)."""

    __slots__ = ["_seq"]

    def __init__(self, when, callback, args, loop, context=None):
        super().__init__(when, callback, args, loop, context)
        self._seq = next(_timer_seq)

    def _key(self):
        return (self._when, self._seq)

    def __lt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() < other._key()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() <= other._key()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() > other._key()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() >= other._key()
        return NotImplemented


class OrderedWeakSet:
    """The WeakSet a loop keeps its async generators in, iterated in the
    order they were added.

    Only what BaseEventLoop uses: add, discard, clear, len and iteration.
    An item that dies leaves the set, as in a WeakSet.
    """

    def __init__(self):
        self._refs = {}

    def _forget(self, ref):
        self._refs.pop(ref, None)

    def add(self, item):
        self._refs.setdefault(weakref.ref(item, self._forget), None)

    def discard(self, item):
        self._refs.pop(weakref.ref(item), None)

    def clear(self):
        self._refs.clear()

    def __len__(self):
        return len(self._refs)

    def __iter__(self):
        return iter([item for item in (ref() for ref in list(self._refs)) if item is not None])


class VirtualLoop(asyncio.SelectorEventLoop):
    """A selector loop that lives on the virtual clock."""

    def __init__(self):
        super().__init__(VirtualSelector())
        # Fixed, so that "is this timer due" (when < time + resolution) does
        # not depend on the machine's clock.
        self._clock_resolution = 1e-09
        self._asyncgens = OrderedWeakSet()

    def time(self):
        return clock

    def create_task(self, coro, *, name=None, context=None):
        task = super().create_task(coro, name=name, context=context)
        _creation_order[task] = next(_task_seq)
        return task

    def call_at(self, when, callback, *args, context=None):
        # CPython 3.11's BaseEventLoop.call_at, with SeqTimerHandle in place
        # of events.TimerHandle.
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = SeqTimerHandle(when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


class CreationOrderSet:
    """The set a TaskGroup keeps its tasks in, iterated in insertion order.

    Only what TaskGroup uses: add, discard, iteration, len and truth.  A
    dict's keys keep insertion order and, like a set, refuse to change size
    during iteration.
    """

    def __init__(self):
        self._items = {}

    def add(self, item):
        self._items[item] = None

    def discard(self, item):
        self._items.pop(item, None)

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)


# Every task the loop creates, numbered in creation order (weakly held, so
# finished tasks still go away); tasks made without the loop sort last.
_task_seq = itertools.count()
_creation_order = weakref.WeakKeyDictionary()


def _ordered_shutdown():
    """Make asyncio.run's shutdown see all_tasks() in creation order.

    runners._cancel_all_tasks reads all_tasks through its module global
    `tasks`; it gets a stand-in module whose all_tasks is a sorted list.
    Everything else still comes from asyncio.tasks, and programs calling
    asyncio.all_tasks() still get a set.
    """
    ordered = types.ModuleType("asyncio.tasks (creation order)")

    def all_tasks(loop=None):
        return sorted(tasks.all_tasks(loop),
                      key=lambda t: _creation_order.get(t, float("inf")))

    ordered.__getattr__ = lambda name: getattr(tasks, name)
    ordered.all_tasks = all_tasks
    runners.tasks = ordered


def _ordered_taskgroups():
    init = taskgroups.TaskGroup.__init__

    def ordered_init(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self._tasks = CreationOrderSet()

    taskgroups.TaskGroup.__init__ = ordered_init


class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = VirtualLoop


def _install_step_log(path):
    """Force the pure-Python Task and log each of its steps to path."""
    log = open(path, "a", encoding="utf-8")
    py_task = tasks._PyTask
    step = py_task._Task__step

    def logged_step(self, *args, **kwargs):
        # Logged before the step runs: the time is when the loop resumed it.
        coro = self.get_coro()
        name = getattr(coro, "__qualname__", type(coro).__name__)
        log.write(f"{self._loop.time()!r}\t{self.get_name()}\t{name}\n")
        log.flush()
        return step(self, *args, **kwargs)

    py_task._Task__step = logged_step
    tasks.Task = py_task
    asyncio.Task = py_task


def main():
    if len(sys.argv) < 2:
        print("usage: vclock.py TWIN.py [NAME=VALUE ...]", file=sys.stderr)
        return 2
    time.monotonic = time.perf_counter = _monotonic
    time.monotonic_ns = time.perf_counter_ns = _monotonic_ns
    time.sleep = _sleep
    asyncio.set_event_loop_policy(VirtualPolicy())
    _ordered_taskgroups()
    _ordered_shutdown()
    steps = os.environ.get("ASYNCLAB_STEPS")
    if steps:
        _install_step_log(steps)
    twin = sys.argv[1]
    sys.argv = [twin] + sys.argv[2:]
    runpy.run_path(twin, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
