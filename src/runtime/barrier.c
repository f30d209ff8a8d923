/*
 * barrier.c: asyncio.Barrier, as locks.py has it in Python 3.11.
 *
 * A barrier lets `parties` tasks meet: each wait() blocks until the last
 * one arrives, then all pass at once, each with its own index.  It is a
 * state machine over a Condition:
 *
 *   filling   -> the last party arrives  -> draining (everyone wakes)
 *   draining  -> the last party leaves   -> filling (the next round)
 *   reset()   -> resetting while parties wait (they get BrokenBarrierError)
 *   abort()   -> broken for good, until reset()
 *
 * Arrivals during draining or resetting wait for the state to settle
 * first (_block).  Every step takes the condition's lock, so a wait()
 * can suspend even when it does not block.  Costs: each state change
 * notifies all waiters, O(parties).
 */
#include "al_internal.h"

const al_exc_type al_BrokenBarrierError = {
    .name = "BrokenBarrierError", .base = &al_RuntimeError, .module = "asyncio.exceptions"};

static const char *const state_names[] = {
    [AL_BARRIER_FILLING] = "filling",
    [AL_BARRIER_DRAINING] = "draining",
    [AL_BARRIER_RESETTING] = "resetting",
    [AL_BARRIER_BROKEN] = "broken",
};

/* set_state moves the barrier to s and records it with the count. */
static void set_state(al_barrier *b, al_barrier_state s)
{
    b->state = s;
    AL_TRACE(b->vm, AL_EV_SYNC, b->actor, b->vm->cur_task, al_int(b->count),
             al_cstr_static(b->vm, state_names[s]));
}

/* al_barrier_init is Barrier(parties): None, or ValueError. */
al_value al_barrier_init(al_barrier *b, al_vm *vm, const char *name, int64_t parties)
{
    if (parties < 1)
        return al_exc_msg(vm, &al_ValueError, "parties must be > 0");
    *b = (al_barrier){.vm = vm, .parties = parties};
    if (vm->opts.trace)
        b->actor = al_actor_new(vm, AL_ACTOR_OBJECT, name, NULL);
    al_condition_init(&b->cond, vm, al_strf(vm, "%s._cond", name).u.s->data, NULL);
    return al_none();
}

int64_t al_barrier_n_waiting(const al_barrier *b)
{
    return b->state == AL_BARRIER_FILLING ? b->count : 0;
}

/* the predicates of _block and _wait */
static al_value settled(void *bp)
{
    const al_barrier *b = bp;
    return al_bool(b->state != AL_BARRIER_DRAINING && b->state != AL_BARRIER_RESETTING);
}

static al_value not_filling(void *bp)
{
    return al_bool(((const al_barrier *)bp)->state != AL_BARRIER_FILLING);
}

/* leave is the finally of wait(): count -= 1, then _exit. */
static void leave(al_barrier *b)
{
    b->count--;
    if (b->count == 0) {
        if (b->state == AL_BARRIER_RESETTING || b->state == AL_BARRIER_DRAINING)
            set_state(b, AL_BARRIER_FILLING);
        al_condition_notify_all(&b->cond);
    }
}

static al_value broken(al_vm *vm, const char *msg)
{
    return al_exc_msg(vm, &al_BrokenBarrierError, msg);
}

/* The body of "async with self._cond:" in wait(): _block, then the try. */
static al_signal wait_body(al_gen *g)
{
    al_barrier_wait_co *w = (al_barrier_wait_co *)g;
    al_barrier *b = w->b;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_lock_acquire(&w->acq, b->cond.lock), w->r);
    AL_YIELD_FROM_TRY(g, al_condition_wait_for(&w->wf, &b->cond, settled, b), w->r);
    if (al_is_none(al_pending(g)) && b->state == AL_BARRIER_BROKEN)
        g->exc = broken(g->vm, "Barrier aborted");
    if (!al_is_none(al_pending(g))) {
        al_lock_release(b->cond.lock); /* __aexit__ of the condition */
        AL_PROPAGATE(g);
    }
    w->index = b->count++;
    AL_TRACE(g->vm, AL_EV_SYNC, b->actor, g->vm->cur_task, al_int(w->index), al_cstr_static(g->vm, "arrive"));
    if (w->index + 1 == b->parties) {
        set_state(b, AL_BARRIER_DRAINING); /* _release */
        al_condition_notify_all(&b->cond);
    } else {
        AL_TRACE(g->vm, AL_EV_WAIT, g->vm->cur_task, b->actor, al_cstr_static(g->vm, "Barrier.wait"), al_none());
        AL_YIELD_FROM_TRY(g, al_condition_wait_for(&w->wf, &b->cond, not_filling, b), w->r);
        if (al_is_none(al_pending(g)) &&
            (b->state == AL_BARRIER_BROKEN || b->state == AL_BARRIER_RESETTING))
            g->exc = broken(g->vm, "Abort or reset of barrier");
    }
    leave(b);
    al_lock_release(b->cond.lock);
    AL_PROPAGATE(g);
    AL_RETURN(g, al_int(w->index));
    AL_GEN_END(g);
}

static const al_gen_def wait_def = {"Barrier.wait", wait_body, true};

/* al_barrier_wait readies w as the coroutine b.wait() (and as "async
 * with b as i", whose __aenter__ is wait()): the party's index. */
al_gen *al_barrier_wait(al_barrier_wait_co *w, al_barrier *b)
{
    AL__REFUSE_LIVE(&w->g, b->vm, &wait_def);
    w->b = b;
    return al_gen_init(&w->g, b->vm, &wait_def);
}

/* reset and abort: under the lock, a new state and notify_all */
static al_signal change_body(al_gen *g)
{
    al_barrier_change_co *c = (al_barrier_change_co *)g;
    al_barrier *b = c->b;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_lock_acquire(&c->acq, b->cond.lock), c->r);
    if (c->abort)
        set_state(b, AL_BARRIER_BROKEN);
    else if (b->count == 0)
        set_state(b, AL_BARRIER_FILLING);
    else if (b->state != AL_BARRIER_RESETTING)
        set_state(b, AL_BARRIER_RESETTING);
    al_condition_notify_all(&b->cond);
    al_lock_release(b->cond.lock);
    AL_GEN_END(g);
}

static const al_gen_def reset_def = {"Barrier.reset", change_body, true};
static const al_gen_def abort_def = {"Barrier.abort", change_body, true};

/* al_barrier_reset is the coroutine b.reset(): waiting parties get
 * BrokenBarrierError, and the barrier fills again once they have left. */
al_gen *al_barrier_reset(al_barrier_change_co *c, al_barrier *b)
{
    c->b = b;
    c->abort = false;
    return al_gen_init(&c->g, b->vm, &reset_def);
}

/* al_barrier_abort is the coroutine b.abort(): broken until reset(). */
al_gen *al_barrier_abort(al_barrier_change_co *c, al_barrier *b)
{
    c->b = b;
    c->abort = true;
    return al_gen_init(&c->g, b->vm, &abort_def);
}
