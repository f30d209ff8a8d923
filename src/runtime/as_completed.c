/*
 * as_completed.c: asyncio.as_completed, as tasks.py has it in 3.11.
 *
 * Done callbacks put each future into a Queue as it completes (and a
 * timer puts a None for each one left); every _wait_for_one coroutine
 * takes the next from the queue.  Being built on a Queue puts this file
 * above the queues, as CPython imports Queue inside as_completed to
 * avoid a circular import.
 */
#include "al_internal.h"

#include <string.h>

/* ac_on_completion is as_completed's _on_completion(f): f leaves the
 * to-do list and goes into the done queue. */
static void ac_on_completion(al_vm *vm, void *fut, void *acp)
{
    al_as_completed *ac = acp;
    (void)vm;
    if (ac->ntodo == 0)
        return; /* _on_timeout was here first */
    for (size_t i = 0; i < ac->ntodo; i++)
        if (ac->todo[i] == fut) {
            memmove(ac->todo + i, ac->todo + i + 1, (ac->ntodo - i - 1) * sizeof *ac->todo);
            ac->ntodo--;
            break;
        }
    al_queue_put_nowait(&ac->done, al_ptr(fut));
    if (ac->ntodo == 0 && ac->has_timer)
        al_handle_cancel(ac->vm, &ac->timer);
}

/* ac_on_timeout is _on_timeout: every future still to do counts as a
 * None in the done queue, which its _wait_for_one turns into
 * TimeoutError. */
static void ac_on_timeout(al_vm *vm, void *acp, void *unused)
{
    al_as_completed *ac = acp;
    (void)vm;
    (void)unused;
    for (size_t i = 0; i < ac->ntodo; i++) {
        al_future_remove_done_callback(ac->todo[i], ac_on_completion, ac);
        al_queue_put_nowait(&ac->done, al_none());
    }
    ac->ntodo = 0;
}

/* al_as_completed_init is the set-up as_completed does on first next().
 * CPython walks a set of futures here; we take them in the order given,
 * which only matters for futures already done. */
void al_as_completed_init(al_as_completed *ac, al_vm *vm, size_t n, al_future *const *fs, double timeout)
{
    ac->vm = vm;
    al_queue_init(&ac->done, vm, "as_completed.done", AL_QUEUE_FIFO, 0);
    n = al__distinct_futures(vm, n, fs, &ac->todo);
    ac->ntodo = ac->count = n;
    for (size_t i = 0; i < n; i++)
        al_future_add_done_callback(ac->todo[i], ac_on_completion, ac, "as_completed._on_completion");
    ac->has_timer = n && timeout != AL_NO_TIMEOUT;
    ac->timer.subject = 0;
    if (ac->has_timer)
        al__timer_start(vm, &ac->timer, al_time(vm) + timeout, ac_on_timeout, ac, NULL,
                        "as_completed._on_timeout");
}

/* wait_one_body is _wait_for_one(): the next done future's result. */
static al_signal wait_one_body(al_gen *g)
{
    al_wait_one_co *w = (al_wait_one_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_queue_get(&w->get, &w->ac->done), w->r);
    if (al_is_none(w->r))
        AL_RAISE(g, al_exc_noarg(g->vm, &al_TimeoutError));
    if (al_future_result(w->r.u.p, &w->r) == AL_RAISED)
        AL_RAISE(g, w->r);
    AL_RETURN(g, w->r);
    AL_GEN_END(g);
}

static const al_gen_def wait_one_def = {"as_completed.<locals>._wait_for_one", wait_one_body, true};

/* al_as_completed_next readies frame w as one _wait_for_one() coroutine. */
al_gen *al_as_completed_next(al_wait_one_co *w, al_as_completed *ac)
{
    AL__REFUSE_LIVE(&w->g, ac->vm, &wait_one_def);
    w->ac = ac;
    return al_gen_init(&w->g, ac->vm, &wait_one_def);
}
