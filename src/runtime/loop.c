/*
 * loop.c: the event loop, as CPython's BaseEventLoop._run_once.
 *
 * One iteration is a flat list of named phases:
 *
 *   1. timeout: 0 if callbacks are ready, else until the earliest timer;
 *   2. wait:    the virtual clock jumps (or, with --realtime, we sleep);
 *   3. timers:  every due timer moves to the ready FIFO, in deadline order;
 *   4. run:     exactly the callbacks that were ready when the phase began.
 *
 * A cancelled timer stays in the heap until it reaches the top, or until
 * dead entries are more than half of a large heap (heap.c), as CPython
 * drops its cancelled TimerHandles.  Anything a callback schedules waits for
 * the next iteration, which is why a task that creates another keeps
 * running until it awaits.  run_until_complete, which needs futures, is
 * in run.c, above them.
 */
#include "al_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

/* CPython caps one select() at a day; a longer sleep takes several
 * iterations, and we mirror that so the traces agree. */
#define AL__MAX_SELECT_TIMEOUT (24.0 * 3600.0)
/* time.get_clock_info('monotonic').resolution on Linux. */
#define AL__CLOCK_RESOLUTION 1e-09

/* firstiter is BaseEventLoop._asyncgen_firstiter_hook: the loop keeps
 * every async generator first iterated while it runs, in that order, for
 * shutdown_asyncgens.  Amortised O(1). */
static void firstiter(al_vm *vm, struct al_asyncgen *ag)
{
    al__loop *l = vm->loop;
    if (l->nasyncgens == l->asyncgens_cap) {
        size_t cap = l->asyncgens_cap ? 2 * l->asyncgens_cap : 8;
        struct al_asyncgen **v = realloc(l->asyncgens, cap * sizeof *v);
        if (!v)
            al__die("out of memory (%zu async generators)", cap);
        l->asyncgens = v;
        l->asyncgens_cap = cap;
    }
    l->asyncgens[l->nasyncgens++] = ag;
}

/* al__loop_new makes vm's loop (asyncio.run makes a new one each time),
 * and installs its async generator hook, as run_forever does. */
al__loop *al__loop_new(al_vm *vm)
{
    AL_ASSERT(vm->loop == NULL);
    al__loop *l = calloc(1, sizeof *l);
    if (!l)
        al__die("out of memory (loop)");
    l->actor = vm->opts.trace ? al__actor_new(vm, AL_ACTOR_LOOP, "loop", NULL, 0, NULL) : 0;
    vm->loop = l;
    vm->asyncgen_firstiter = firstiter;
    return l;
}

/* al__loop_close frees the loop's arrays.  Handles still queued are
 * simply dropped, as a closed CPython loop drops them. */
void al__loop_close(al_vm *vm)
{
    al__loop *l = vm->loop;
    if (!l)
        return;
    vm->asyncgen_firstiter = NULL;
    vm->asyncgen_finalizer = NULL;
    free(l->asyncgens);
    free(l->ready);
    free(l->heap);
    free(l);
    vm->loop = NULL;
}

double al_time(const al_vm *vm) { return vm->now; }

/* al__no_loop: see al_internal.h. */
bool al__no_loop(al_vm *vm)
{
    if (vm->loop)
        return false;
    vm->error = al_exc_msg(vm, &al_RuntimeError, "no running event loop");
    return true;
}

/* al_vm_take_error: see asynclab.h. */
al_value al_vm_take_error(al_vm *vm)
{
    al_value e = vm->error;
    vm->error = al_none();
    return e;
}

static al__loop *loop_of(al_vm *vm)
{
    if (!vm->loop)
        al__die("no running event loop");
    return vm->loop;
}

/* The ready FIFO is a ring whose capacity is a power of two, so an index
 * wraps with a mask instead of a division.  Each slot remembers which
 * arming of its handle it holds: a handle cancelled while queued and then
 * armed again (a sleep or a timeout used once more) leaves a stale slot
 * behind, which is skipped, as CPython skips its cancelled Handle. */
static __attribute__((noinline, cold)) void ready_grow(al__loop *l)
{
    size_t cap = l->rcap ? 2 * l->rcap : 64;
    al__ready_ent *r = malloc(cap * sizeof *r);
    if (!r)
        al__die("out of memory (ready queue of %zu)", cap);
    for (size_t i = 0; i < l->rlen; i++)
        r[i] = l->ready[(l->rhead + i) & (l->rcap - 1)];
    free(l->ready);
    l->ready = r;
    l->rhead = 0;
    l->rcap = cap;
}

/* The growth is out of line so that a push, on every call_soon, inlines. */
static inline void ready_push(al__loop *l, al_handle *h)
{
    if (__builtin_expect(l->rlen == l->rcap, 0))
        ready_grow(l);
    h->queued = true;
    l->ready[(l->rhead + l->rlen++) & (l->rcap - 1)] = (al__ready_ent){h, h->gen};
}

static al__ready_ent ready_pop(al__loop *l)
{
    al__ready_ent e = l->ready[l->rhead];
    l->rhead = (l->rhead + 1) & (l->rcap - 1);
    l->rlen--;
    return e;
}

/* handle_set arms h anew.  The new generation makes any FIFO slot left
 * from an earlier, cancelled arming stale. */
static void handle_set(al_vm *vm, al_handle *h, al_callback fn, void *a, void *b,
                       const char *name, bool pooled)
{
    h->fn = fn;
    h->a = a;
    h->b = b;
    h->name = name;
    /* the four flags side by side, so the compiler writes them at once */
    h->in_heap = false;
    h->queued = false;
    h->cancelled = false;
    h->pooled = pooled;
    h->future_arg = false;
    /* Numbered by the vm, not by the handle: a handle whose memory was
     * zeroed (a frame made again in the same place) must not come back
     * to a number a stale FIFO slot of it still holds. */
    h->gen = ++vm->armings;
    h->actor = vm->opts.trace ? al__actor_now(vm) : 0;
}

/* al__soon_h appends a caller-owned handle to the ready FIFO.  If that
 * handle is still queued and live (a task's step handle, whose wake-up
 * and next step can meet), a pooled one carries this callback instead,
 * so a live callback is never lost.  O(1). */
/* soon_pooled is call_soon with a handle from the loop's pool, so that a
 * busy loop allocates nothing once warm; it returns the handle, or NULL
 * outside a running loop.  O(1). */
static al_handle *soon_pooled(al_vm *vm, al_callback fn, void *a, void *b, const char *name)
{
    if (al__no_loop(vm))
        return NULL;
    al__loop *l = vm->loop;
    al_handle *h = l->pool;
    if (h)
        l->pool = h->next_free;
    else
        h = al_alloc(vm, sizeof *h);
    handle_set(vm, h, fn, a, b, name, true);
    h->subject = 0;
    h->cause = AL_TRACE(vm, AL_EV_CALL_SOON, h->actor, 0, al_none(), al_cstr_static(vm, name));
    ready_push(l, h);
    return h;
}

/* al_call_soon: see asynclab.h.  O(1). */
void al_call_soon(al_vm *vm, al_callback fn, void *a, void *b, const char *name)
{
    soon_pooled(vm, fn, a, b, name);
}

/* al__soon_done schedules fut's done callback fn(fut, arg) with the
 * caller's handle h, or one from the pool if h is NULL, and marks the
 * handle as one whose first argument is the future: a report names it
 * "fn(<Future finished result=1>)", as a Handle formats its args. */
void al__soon_done(al_vm *vm, al_handle *h, al_callback fn, void *fut, void *arg, const char *name)
{
    al_handle *used = h ? al__soon_h(vm, h, fn, fut, arg, name) : soon_pooled(vm, fn, fut, arg, name);
    if (used)
        used->future_arg = true;
}

al_handle *al__soon_h(al_vm *vm, al_handle *h, al_callback fn, void *a, void *b, const char *name)
{
    if (h->queued && !h->cancelled) {
        return soon_pooled(vm, fn, a, b, name);
    }
    handle_set(vm, h, fn, a, b, name, false);
    /* A timer entry this handle left in the heap when it was cancelled
     * stays dead: this arming is no timer, and no timer has this seq.  In
     * CPython each call_soon makes a new Handle, so the old TimerHandle
     * can never run again. */
    h->seq = UINT64_MAX;
    h->cause = AL_TRACE(vm, AL_EV_CALL_SOON, h->actor, h->subject, al_none(), al__cstr_static(vm, name));
    ready_push(loop_of(vm), h);
    return h;
}

/* al_call_soon_handle: see asynclab.h.  The handle comes from the arena
 * rather than the pool, since the caller keeps it. */
al_handle *al_call_soon_handle(al_vm *vm, al_callback fn, void *a, void *b, const char *name)
{
    if (al__no_loop(vm))
        return NULL;
    al_handle *h = al_alloc(vm, sizeof *h);
    al__soon_h(vm, h, fn, a, b, name);
    return h;
}

/* al__timer_start pushes a caller-owned timer.  O(log n). */
void al__timer_start(al_vm *vm, al_handle *h, double when, al_callback fn,
                     void *a, void *b, const char *name)
{
    al__loop *l = loop_of(vm);
    /* Re-arming a timer that is still pending, or fired and not yet run,
     * would lose a live callback: only a cancelled or finished one may be
     * armed again. */
    AL_ASSERT(!h->in_heap && !(h->queued && !h->cancelled));
    handle_set(vm, h, fn, a, b, name, false);
    h->when = when;
    h->seq = l->timer_seq++;
    h->in_heap = true;
    h->cause = AL_TRACE(vm, AL_EV_TIMER_ADD, h->actor, h->subject, al_float(when), al_cstr_static(vm, name));
    al__heap_push(l, h);
}

/* al_call_at is loop.call_at: the handle lives in the arena, so it may be
 * cancelled at any time during the run. */
al_handle *al_call_at(al_vm *vm, double when, al_callback fn, void *a, void *b, const char *name)
{
    if (al__no_loop(vm))
        return NULL;
    al_handle *h = al_alloc(vm, sizeof *h);
    al__timer_start(vm, h, when, fn, a, b, name);
    return h;
}

/* al_call_later is loop.call_later: call_at(time() + delay). */
al_handle *al_call_later(al_vm *vm, double delay, al_callback fn, void *a, void *b, const char *name)
{
    return al_call_at(vm, al_time(vm) + delay, fn, a, b, name);
}

/* al_handle_cancel is Handle.cancel().  Idempotent. */
void al_handle_cancel(al_vm *vm, al_handle *h)
{
    if (h->cancelled)
        return;
    h->cancelled = true;
    if (h->in_heap || h->queued)
        AL_TRACE(vm, AL_EV_TIMER_CANCEL, al__actor_now(vm), h->subject,
                 h->queued ? al_none() : al_float(h->when), al__cstr_static(vm, h->name));
    if (h->in_heap && vm->loop)
        al__heap_cancel(vm->loop, h);
    h->in_heap = false; /* after the run, the loop and its heap are gone */
}

/* advance moves the clock forward by dt seconds: instantly on the virtual
 * clock, or with a real sleep of dt / speed with --realtime.  The sum is
 * the same float operation the Python twin's harness does (clock +=
 * timeout), so printed times agree to the last bit.  The clock event
 * comes before the real sleep, so that a live view (views/live.c) can
 * show what happened up to the pause while the pause lasts; the trace is
 * the same either way. */
static void advance(al_vm *vm, double dt, const char *how)
{
    const volatile sig_atomic_t *stop = vm->opts.stop;
    vm->now += dt;
    AL_TRACE(vm, AL_EV_CLOCK, vm->loop ? vm->loop->actor : vm->main_actor, 0,
             al_float(vm->now), al_cstr_static(vm, how));
    if (vm->opts.realtime && dt > 0 && !vm->live_err && !(stop && *stop)) {
        double real = dt / vm->opts.speed;
        struct timespec ts = {(time_t)real, (long)((real - (double)(time_t)real) * 1e9)};
        while (nanosleep(&ts, &ts) != 0 && !(stop && *stop))
            ;
    }
}

/* al_block is time.sleep(secs) called from a coroutine. */
void al_block(al_vm *vm, double secs)
{
    uint32_t actor = vm->cur_task ? vm->cur_task : vm->main_actor;
    AL_TRACE(vm, AL_EV_BLOCK, actor, 0, al_float(secs), al_none());
    advance(vm, secs, "block");
}

/* Phase 1: how long the loop may wait; false if it would wait forever.
 * Cancelled timers at the top of the heap are dropped first, as CPython
 * does, so they never make the loop wake for nothing. */
static bool phase_timeout(al__loop *l, double now, double *timeout)
{
    al_handle *top = al__heap_top(l);
    if (l->rlen || l->stopping)
        *timeout = 0;
    else if (top)
        *timeout = top->when - now > 0 ? top->when - now : 0;
    else
        return false;
    if (*timeout > AL__MAX_SELECT_TIMEOUT)
        *timeout = AL__MAX_SELECT_TIMEOUT;
    return true;
}

/* about names, for a timer firing or a callback running, the actor it
 * concerns: the task it steps, else whoever scheduled it.  The event's
 * own actor is the loop, which is what is running at that moment. */
static uint32_t about(const al_handle *h)
{
    return h->subject ? h->subject : h->actor;
}

/* Phase 3: move due timers, earliest first, to the ready FIFO. */
static void phase_timers(al_vm *vm, al__loop *l)
{
    double end = vm->now + AL__CLOCK_RESOLUTION;
    al_handle *h;
    /* "not at or after end" rather than "before end": a NaN deadline is
     * neither, and CPython's test (when >= end_time: stop) lets it fire. */
    while ((h = al__heap_top(l)) && !(h->when >= end)) {
        al__heap_pop(l);
        /* The callback's cause is this firing, not the call_later. */
        h->cause = AL_TRACE(vm, AL_EV_TIMER_FIRE, l->actor, about(h), al_float(h->when),
                            al__cstr_static(vm, h->name));
        ready_push(l, h);
    }
}

/* Phase 4: run the callbacks ready now, and no others. */
static void phase_run(al_vm *vm, al__loop *l)
{
    size_t ntodo = l->rlen;
    for (size_t i = 0; i < ntodo; i++) {
        al__ready_ent e = ready_pop(l);
        al_handle *h = e.h;
        if (e.gen != h->gen)
            continue; /* a stale slot: this handle was armed again since */
        h->queued = false;
        if (!h->cancelled) {
            uint32_t saved = vm->cause;
            vm->cause = h->cause;
            vm->cause = AL_TRACE(vm, AL_EV_CALLBACK, l->actor, about(h), al_none(), al__cstr_static(vm, h->name));
            l->in_callback = true;
            h->fn(vm, h->a, h->b);
            l->in_callback = false;
            if (__builtin_expect(l->cb_exc.type == AL_EXC, 0)) {
                al_value exc = l->cb_exc;
                l->cb_exc = al_none();
                al__callback_failed(vm, h, exc);
            }
            vm->cause = saved;
        }
        if (h->pooled) {
            h->next_free = l->pool;
            l->pool = h;
        }
    }
}

/* al__loop_run_once is one iteration; false means nothing can ever run
 * again.  O(ready callbacks + due timers * log timers). */
bool al__loop_run_once(al_vm *vm)
{
    al__loop *l = loop_of(vm);
    double timeout;
    if (!phase_timeout(l, vm->now, &timeout))
        return false;
    l->iterations++;
    AL_TRACE(vm, AL_EV_LOOP_ITER, l->actor, 0, al_int((int64_t)l->rlen), al_int((int64_t)l->hlen));
    if (timeout > 0)
        advance(vm, timeout, "wait");
    phase_timers(vm, l);
    phase_run(vm, l);
    return true;
}
