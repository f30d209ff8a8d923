/*
 * wait.c: asyncio.wait and asyncio.wait_for (as_completed, which is built
 * on a Queue, is in as_completed.c above the queues).
 *
 * Both are built the same way: a private "waiter" future that done
 * callbacks (or a timer) complete, and a coroutine that awaits it.  wait
 * cancels nothing on its own; wait_for cancels the awaited task on
 * timeout and waits until it has really finished.
 */
#include "al_internal.h"

#include <string.h>

/* _release_waiter: complete the waiter if nobody has yet. */
static void release_waiter(al_vm *vm, void *waiter, void *unused)
{
    (void)vm;
    (void)unused;
    if (!al_future_done(waiter))
        al_future_set_result(waiter, al_none());
}

/* release_waiter_cb is functools.partial(_release_waiter, waiter) used as
 * a done callback: (fut, waiter) -> release the waiter. */
static void release_waiter_cb(al_vm *vm, void *fut, void *waiter)
{
    (void)fut;
    release_waiter(vm, waiter, NULL);
}

/* al__distinct_futures is set(fs) for a list of futures: each future
 * once, in the order of its first appearance (CPython's set order is
 * arbitrary; only which futures are in it shows).  Returns the count.
 * O(n^2), for the handful of futures a program waits on. */
size_t al__distinct_futures(al_vm *vm, size_t n, al_future *const *fs, al_future ***out)
{
    al_future **d = al_alloc(vm, (n ? n : 1) * sizeof *d);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < m && d[j] != fs[i])
            j++;
        if (j == m)
            d[m++] = fs[i];
    }
    *out = d;
    return m;
}

/* ---- wait ---- */

/* on_completion is _wait's _on_completion(f). */
static void on_completion(al_vm *vm, void *fut, void *wp)
{
    al_wait_co *w = wp;
    al_future *f = fut;
    al_value e = al_none();
    (void)vm;
    w->counter--;
    /* The same short-circuit as CPython's condition: exception() is asked
     * only when the count alone does not decide, since asking marks the
     * exception as retrieved. */
    if (w->counter > 0 && w->when == AL_FIRST_EXCEPTION && !al_future_cancelled(f))
        al_future_exception(f, &e);
    if (w->counter == 0 || w->when == AL_FIRST_COMPLETED || !al_is_none(e)) {
        if (w->timeout != AL_NO_TIMEOUT)
            al_handle_cancel(w->g.vm, &w->timer);
        if (!al_future_done(&w->waiter))
            al_future_set_result(&w->waiter, al_none());
    }
}

static al_value split_done(al_wait_co *w)
{
    al_vm *vm = w->g.vm;
    al_value done = al_list_new(vm, w->n), pending = al_list_new(vm, w->n);
    for (size_t i = 0; i < w->n; i++)
        al_list_append(vm, al_future_done(w->fs[i]) ? done : pending, al_ptr(w->fs[i]));
    return al_tuple(vm, 2, done, pending);
}

static al_signal wait_body(al_gen *g)
{
    al_wait_co *w = (al_wait_co *)g;
    AL_GEN_BEGIN(g);
    if (w->n == 0)
        AL_RAISE(g, al_exc_msg(g->vm, &al_ValueError, "Set of Tasks/Futures is empty."));
    if (w->when != AL_ALL_COMPLETED && w->when != AL_FIRST_COMPLETED && w->when != AL_FIRST_EXCEPTION)
        AL_RAISE(g, al_exc_new(g->vm, &al_ValueError,
                               al_strf(g->vm, "Invalid return_when value: %d", (int)w->when)));
    for (size_t i = 0; i < w->n; i++)
        if (!w->fs[i])
            AL_RAISE(g, al__not_awaitable(g->vm));
    {
        al_future **set;
        w->n = al__distinct_futures(g->vm, w->n, w->fs, &set);
        w->fs = set;
    }
    al_future_init(&w->waiter, g->vm, "wait");
    if (w->timeout != AL_NO_TIMEOUT)
        al__timer_start(g->vm, &w->timer, al_time(g->vm) + w->timeout, release_waiter,
                        &w->waiter, NULL, "tasks._release_waiter");
    w->counter = w->n;
    for (size_t i = 0; i < w->n; i++)
        al_future_add_done_callback(w->fs[i], on_completion, w, "_wait._on_completion");
    AL_AWAIT_TRY(g, &w->waiter, w->r);
    if (w->timeout != AL_NO_TIMEOUT)
        al_handle_cancel(g->vm, &w->timer);
    for (size_t i = 0; i < w->n; i++)
        al_future_remove_done_callback(w->fs[i], on_completion, w);
    AL_PROPAGATE(g);
    AL_RETURN(g, split_done(w));
    AL_GEN_END(g);
}

static const al_gen_def wait_def = {"wait", wait_body, true};

/* al_wait readies frame w as asyncio.wait(fs, ...). */
al_gen *al_wait(al_wait_co *w, al_vm *vm, size_t n, al_future *const *fs,
                double timeout, al_return_when when)
{
    AL__REFUSE_LIVE(&w->g, vm, &wait_def);
    /* The body first runs at the first resume, after the caller's frame
     * may have gone (an array literal in a coroutine body dies when the
     * body suspends), so the array is copied now: O(n), once per call. */
    al_future **copy = al_alloc(vm, (n ? n : 1) * sizeof *copy);
    for (size_t i = 0; i < n; i++)
        copy[i] = fs ? fs[i] : NULL;
    w->n = n;
    w->fs = copy;
    w->timeout = timeout;
    w->when = when;
    w->timer.subject = vm->cur_task;
    return al_gen_init(&w->g, vm, &wait_def);
}

/* ---- _cancel_and_wait ---- */

static al_signal cancel_wait_body(al_gen *g)
{
    al_cancel_wait_co *c = (al_cancel_wait_co *)g;
    AL_GEN_BEGIN(g);
    al_future_init(&c->waiter, g->vm, "_cancel_and_wait");
    al_future_add_done_callback(c->fut, release_waiter_cb, &c->waiter, "_release_waiter");
    al_future_cancel(c->fut, al_none());
    AL_AWAIT_TRY(g, &c->waiter, c->r);
    al_future_remove_done_callback(c->fut, release_waiter_cb, &c->waiter);
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}

static const al_gen_def cancel_wait_def = {"_cancel_and_wait", cancel_wait_body, true};

static al_gen *cancel_and_wait(al_cancel_wait_co *c, al_vm *vm, al_future *fut)
{
    c->fut = fut;
    return al_gen_init(&c->g, vm, &cancel_wait_def);
}

/* ---- wait_for ---- */

/* timeout_result is "try: return fut.result() except CancelledError as
 * exc: raise TimeoutError() from exc". */
static al_signal timeout_result(al_wait_for_co *w, al_value *out)
{
    al_signal s = al_future_result(w->fut, out);
    if (s == AL_RAISED && al_exc_isa(*out, &al_CancelledError)) {
        al_value t = al_raise_from(al_exc_noarg(w->g.vm, &al_TimeoutError), *out);
        t.u.exc->context = out->u.exc; /* raised while handling it, too */
        *out = t;
    }
    return s;
}

static al_signal finish_with(al_gen *g, al_signal s, al_value v)
{
    if (s == AL_RAISED)
        AL_RAISE(g, v);
    AL_RETURN(g, v);
}

static void ensure(al_wait_for_co *w)
{
    if (!w->fut)
        w->fut = al_task_fut(al_create_task(w->g.vm, w->coro));
}

static al_signal wait_for_body(al_gen *g)
{
    al_wait_for_co *w = (al_wait_for_co *)g;
    al_signal s;
    AL_GEN_BEGIN(g);
    if (!w->fut == !w->coro) /* None; or both, which C alone can say */
        AL_RAISE(g, al__not_awaitable(g->vm));
    if (w->timeout == AL_NO_TIMEOUT && w->coro) {
        AL_YIELD_FROM(g, w->coro, w->r);
        AL_RETURN(g, w->r);
    }
    if (w->timeout == AL_NO_TIMEOUT) {
        AL_AWAIT(g, w->fut, w->r);
        AL_RETURN(g, w->r);
    }
    if (w->timeout <= 0) {
        ensure(w);
        if (al_future_done(w->fut))
            return finish_with(g, al_future_result(w->fut, &w->r), w->r);
        AL_YIELD_FROM(g, cancel_and_wait(&w->cw, g->vm, w->fut), w->r);
        s = timeout_result(w, &w->r);
        return finish_with(g, s, w->r);
    }
    al_future_init(&w->waiter, g->vm, "wait_for");
    al__timer_start(g->vm, &w->timer, al_time(g->vm) + w->timeout, release_waiter,
                    &w->waiter, NULL, "tasks._release_waiter");
    ensure(w);
    al_future_add_done_callback(w->fut, release_waiter_cb, &w->waiter, "_release_waiter");
    AL_AWAIT_TRY(g, &w->waiter, w->r);
    if (!al_is_none(w->saved = al_except(g, &al_CancelledError))) {
        if (al_future_done(w->fut)) {
            al_handle_cancel(g->vm, &w->timer);
            return finish_with(g, al_future_result(w->fut, &w->r), w->r);
        }
        al_future_remove_done_callback(w->fut, release_waiter_cb, &w->waiter);
        AL_YIELD_FROM_TRY(g, cancel_and_wait(&w->cw, g->vm, w->fut), w->r);
        al_handle_cancel(g->vm, &w->timer);
        AL_PROPAGATE(g);
        AL_RAISE(g, w->saved);
    }
    if (al_future_done(w->fut)) {
        al_handle_cancel(g->vm, &w->timer);
        return finish_with(g, al_future_result(w->fut, &w->r), w->r);
    }
    al_future_remove_done_callback(w->fut, release_waiter_cb, &w->waiter);
    AL_YIELD_FROM_TRY(g, cancel_and_wait(&w->cw, g->vm, w->fut), w->r);
    al_handle_cancel(g->vm, &w->timer);
    AL_PROPAGATE(g);
    s = timeout_result(w, &w->r);
    return finish_with(g, s, w->r);
    AL_GEN_END(g);
}

static const al_gen_def wait_for_def = {"wait_for", wait_for_body, true};

/* al_wait_for readies frame w as asyncio.wait_for(fut or coro, timeout). */
al_gen *al_wait_for(al_wait_for_co *w, al_vm *vm, al_future *fut, al_gen *coro, double timeout)
{
    AL__REFUSE_LIVE(&w->g, vm, &wait_for_def);
    w->fut = fut;
    w->coro = coro;
    w->timeout = timeout;
    w->timer.subject = vm->cur_task;
    return al_gen_init(&w->g, vm, &wait_for_def);
}
