/*
 * gather.c: asyncio.gather.
 *
 * gather wraps each coroutine in a task at once, in argument order, and
 * returns an outer future.  A done callback on every child counts them;
 * the outer future completes with the results in argument order, or with
 * the first exception when return_exceptions is false (the other children
 * keep running).  Cancelling the outer future cancels the children.
 */
#include "al_internal.h"

#include <stdio.h>


typedef struct gathering {
    al_future outer;        /* first, so an al_future * is a gathering * */
    al_future **children;   /* one per argument, duplicates repeated */
    size_t nargs, nfuts, nfinished;
    bool return_exceptions;
} gathering;

static al_value child_outcome(al_vm *vm, al_future *c)
{
    if (al_future_cancelled(c))
        return al_exc_new(vm, &al_CancelledError,
                          al_is_none(c->cancel_msg) ? al_cstr(vm, "") : c->cancel_msg);
    al_value e;
    al_future_exception(c, &e);
    if (!al_is_none(e))
        return e;
    al_value r;
    al_future_result(c, &r);
    return r;
}

/* finish_all completes the outer future once every child is done.  The
 * CancelledError of a cancelled gather comes from the last child in
 * argument order: in CPython it is the loop variable left over from
 * "for fut in children". */
static void finish_all(al_vm *vm, gathering *g)
{
    al_future *last = g->children[g->nargs - 1];
    al_value results = al_list_new(vm, g->nargs);
    for (size_t i = 0; i < g->nargs; i++)
        al_list_append(vm, results, child_outcome(vm, g->children[i]));
    if (g->outer.cancel_requested)
        al_future_set_exception(&g->outer, al__make_cancelled_error(last));
    else
        al_future_set_result(&g->outer, results);
}

/* done_cb is gather's _done_callback, run once per child. */
static void done_cb(al_vm *vm, void *fut, void *gp)
{
    gathering *g = gp;
    al_future *c = fut;
    al_value e;
    g->nfinished++;
    if (al_future_done(&g->outer)) {
        if (!al_future_cancelled(c))
            al_future_exception(c, &e); /* marks it retrieved */
        return;
    }
    if (!g->return_exceptions) {
        if (al_future_cancelled(c)) {
            al_future_set_exception(&g->outer, al__make_cancelled_error(c));
            return;
        }
        al_future_exception(c, &e);
        if (!al_is_none(e)) {
            al_future_set_exception(&g->outer, e);
            return;
        }
    }
    if (g->nfinished == g->nfuts)
        finish_all(vm, g);
}

/* gather_cancel is _GatheringFuture.cancel: cancel every child. */
static bool gather_cancel(al_future *outer, al_value msg)
{
    gathering *g = (gathering *)outer;
    if (al_future_done(outer))
        return false;
    bool ret = false;
    for (size_t i = 0; i < g->nargs; i++) {
        if (al_future_cancel(g->children[i], msg))
            ret = true;
        if (outer->vm->cancel_overflow)
            return false; /* a child's cancel raised RecursionError */
    }
    if (ret)
        outer->cancel_requested = true;
    return ret;
}

static gathering *gathering_new(al_vm *vm, size_t n, bool return_exceptions)
{
    gathering *g = al_alloc(vm, sizeof *g);
    g->children = al_alloc(vm, (n ? n : 1) * sizeof *g->children);
    g->return_exceptions = return_exceptions;
    return g;
}

/* add is one turn of gather's argument loop: a future given again is
 * counted and called back once. */
static void add(gathering *g, al_future *f, bool seen)
{
    if (!seen) {
        g->nfuts++;
        al_future_add_done_callback(f, done_cb, g, "gather._done_callback");
    }
    g->children[g->nargs++] = f;
}

/* _GatheringFuture's class: it overrides cancel, to cancel its children. */
static const al_future_class gather_class = {.name = "_GatheringFuture", .cancel = gather_cancel};

static al_future *finish_setup(al_vm *vm, gathering *g)
{
    al__future_setup(&g->outer, vm, "gather", &gather_class);
    if (vm->opts.trace)
        g->outer.actor = al__actor_new(vm, AL_ACTOR_FUTURE, "gather", "#", ++vm->gen_counter, NULL);
    if (g->nargs == 0)
        al_future_set_result(&g->outer, al_list_new(vm, 0));
    return &g->outer;
}

/* al_gather is asyncio.gather(*futs, return_exceptions=...).  A NULL
 * argument (None) makes it fail with ensure_future's TypeError, which
 * the await raises.  A future
 * given again is looked for among the earlier arguments: O(n) each, for
 * the handful of futures a program gathers by hand. */
al_future *al_gather(al_vm *vm, size_t n, al_future *const *futs, bool return_exceptions)
{
    for (size_t i = 0; i < n; i++)
        if (!futs[i])
            return al__future_refused(vm, al__not_awaitable(vm));
    gathering *g = gathering_new(vm, n, return_exceptions);
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = futs[j] == futs[i];
        add(g, futs[i], seen);
    }
    return finish_setup(vm, g);
}

/* earlier_task finds the task this gather already made for coro. */
static al_future *earlier_task(const gathering *g, const al_gen *coro)
{
    for (size_t i = 0; i < g->nargs; i++)
        if (g->children[i]->cls == &al__task_class && ((al_task *)g->children[i])->coro == coro)
            return g->children[i];
    return NULL;
}

/* al_gather_coros is asyncio.gather(*coros): each coroutine becomes a task
 * (ensure_future), in argument order, before the next is looked at; the
 * same coroutine given twice is one task, as CPython's arg_to_fut makes
 * it.  Only a coroutine some task already drives can be a repeat, so the
 * usual case (100,000 fresh coroutines) costs O(1) each. */
al_future *al_gather_coros(al_vm *vm, size_t n, al_gen *const *coros, bool return_exceptions)
{
    gathering *g = gathering_new(vm, n, return_exceptions);
    for (size_t i = 0; i < n; i++) {
        if (!coros[i]) /* the tasks made for the coroutines before it run on */
            return al__future_refused(vm, al__not_awaitable(vm));
        al_future *f = coros[i]->owned ? earlier_task(g, coros[i]) : NULL;
        al_task *t = f ? NULL : al_create_task(vm, coros[i]);
        if (!f && !t)
            return al__future_refused(vm, al_vm_take_error(vm));
        add(g, f ? f : al_task_fut(t), f != NULL);
    }
    return finish_setup(vm, g);
}
