/*
 * asynclab.h: the umbrella header of asynclab.  Read it, and the headers
 * it includes, in lesson order; each is built only on the ones above it:
 *
 *   asynclab/core.h     1. values and exceptions  (value.c, format.c, exc.c, arena.c)
 *   asynclab/text.h        UTF-8 text for every layer (utf8.c)
 *                       2. the virtual machine    (vm.c): arena, clock, output
 *   asynclab/trace.h       its trace: event kinds, actors, the stream, the run view
 *   asynclab/gen.h      3. generators, delegation (gen.c): gen_send_ex in C
 *   asynclab/asyncio.h  4. the event loop         (loop.c, heap.c, handler.c)
 *                       5. futures and tasks      (future.c, task.c, sleep.c, run.c)
 *                       6. combinators            (gather.c, wait.c, timeout.c, shield.c)
 *   asynclab/asyncgen.h    async generators, async with (asyncgen.c, acm.c)
 *   asynclab/taskgroup.h   ExceptionGroup, TaskGroup (excgroup.c, taskgroup.c)
 *   asynclab/queues.h   7. queues and sync        (queue.c, sync.c)
 *   asynclab/locks.h       Condition, BoundedSemaphore, Barrier (condition.c,
 *                          boundedsem.c, barrier.c)
 *   asynclab/lesson.h   8. lessons and parameters (src/lesson/)
 *
 * The headers are split by audience: a program written against the
 * runtime needs core.h and asyncio.h (and queues.h); a renderer needs
 * trace.h; a lesson needs all of them.  Including this file gives
 * everything, as before the split.
 */
#ifndef ASYNCLAB_H
#define ASYNCLAB_H

#include "asynclab/core.h"
#include "asynclab/asyncio.h"
#include "asynclab/asyncgen.h"
#include "asynclab/taskgroup.h"
#include "asynclab/queues.h"
#include "asynclab/locks.h"
#include "asynclab/lesson.h"

#endif
