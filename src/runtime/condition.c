/*
 * condition.c: asyncio.Condition, as locks.py has it.
 *
 * A condition is a lock plus a FIFO of waiting futures.  wait() releases
 * the lock, parks on a fresh future until notify() completes it, then
 * takes the lock back before returning, even when it was cancelled
 * meanwhile: the caller's "async with" must leave holding the lock it
 * entered with.  notify(n) wakes the first n waiters not already woken;
 * each of them still has to win the lock, one at a time, which is why a
 * notified task can run well after the notify.
 * Costs: notify(n) O(waiters), wait O(waiters) to leave the FIFO.
 */
#include "al_internal.h"

/* al_condition_init is Condition(lock): lock NULL makes a new Lock. */
void al_condition_init(al_condition *c, al_vm *vm, const char *name, al_lock *lock)
{
    *c = (al_condition){.vm = vm};
    if (vm->opts.trace)
        c->actor = al_actor_new(vm, AL_ACTOR_OBJECT, name, NULL);
    if (!lock) {
        al_lock_init(&c->own_lock, vm, al_strf(vm, "%s._lock", name).u.s->data);
        lock = &c->own_lock;
    }
    c->lock = lock;
}

/* al_condition_notify is Condition.notify(n): complete the first n
 * waiters not done yet with False. */
al_value al_condition_notify(al_condition *c, size_t n)
{
    if (!c->lock->locked)
        return al_exc_msg(c->vm, &al_RuntimeError, "cannot notify on un-acquired lock");
    size_t woken = 0;
    for (size_t i = 0; i < c->waiters.n && woken < n; i++) {
        al_future *f = al__waiters_at(&c->waiters, i);
        if (!al_future_done(f)) {
            woken++;
            al_future_set_result(f, al_bool(false));
        }
    }
    AL_TRACE(c->vm, AL_EV_SYNC, c->actor, 0, al_int((int64_t)woken), al_cstr_static(c->vm, "notify"));
    return al_none();
}

/* al_condition_notify_all is notify(len(waiters)). */
al_value al_condition_notify_all(al_condition *c)
{
    return al_condition_notify(c, c->waiters.n);
}

static al_signal wait_body(al_gen *g)
{
    al_cond_wait_co *w = (al_cond_wait_co *)g;
    AL_GEN_BEGIN(g);
    if (!w->c->lock->locked)
        AL_RAISE(g, al_exc_msg(g->vm, &al_RuntimeError, "cannot wait on un-acquired lock"));
    al_lock_release(w->c->lock);
    al_future_init(&w->fut, g->vm, "Condition.wait");
    al__waiters_push(g->vm, &w->c->waiters, &w->fut);
    AL_TRACE(g->vm, AL_EV_WAIT, g->vm->cur_task, w->c->actor, al_cstr_static(g->vm, "Condition.wait"), al_none());
    AL_AWAIT_TRY(g, &w->fut, w->r);
    al__waiters_remove(&w->c->waiters, &w->fut);
    /* the outer finally: hold the exception while the lock is re-taken */
    w->held = g->exc;
    g->exc = al_none();
    w->cancelled = false;
    for (;;) {
        AL_YIELD_FROM_TRY(g, al_lock_acquire(&w->acq, w->c->lock), w->r);
        if (al_is_none(al_except(g, &al_CancelledError)))
            break;
        w->cancelled = true;
    }
    AL_PROPAGATE(g);
    if (w->cancelled)
        AL_RAISE(g, al_exc_noarg(g->vm, &al_CancelledError));
    if (!al_is_none(w->held))
        AL_RAISE(g, w->held);
    AL_RETURN(g, al_bool(true));
    AL_GEN_END(g);
}

static const al_gen_def wait_def = {"Condition.wait", wait_body, true};

/* al_condition_wait readies w as the coroutine c.wait(): True once
 * notified and holding the lock again; RuntimeError without the lock. */
al_gen *al_condition_wait(al_cond_wait_co *w, al_condition *c)
{
    AL__REFUSE_LIVE(&w->g, c->vm, &wait_def);
    w->c = c;
    return al_gen_init(&w->g, c->vm, &wait_def);
}

static al_signal wait_for_body(al_gen *g)
{
    al_cond_wait_for_co *w = (al_cond_wait_for_co *)g;
    AL_GEN_BEGIN(g);
    w->result = w->pred(w->arg);
    while (w->result.type != AL_EXC && !al_truth(w->result)) {
        AL_YIELD_FROM(g, al_condition_wait(&w->wait, w->c), w->r);
        w->result = w->pred(w->arg);
    }
    if (w->result.type == AL_EXC) /* the predicate raised it */
        AL_RAISE(g, w->result);
    AL_RETURN(g, w->result);
    AL_GEN_END(g);
}

static const al_gen_def wait_for_def = {"Condition.wait_for", wait_for_body, true};

/* al_condition_wait_for readies w as c.wait_for(predicate): it waits
 * until pred(arg) is true and returns that value.  A predicate raises
 * by returning the exception: it leaves wait_for at once, the lock held,
 * as an exception from a Python predicate does. */
al_gen *al_condition_wait_for(al_cond_wait_for_co *w, al_condition *c, al_predicate pred, void *arg)
{
    AL__REFUSE_LIVE(&w->g, c->vm, &wait_for_def);
    w->c = c;
    w->pred = pred;
    w->arg = arg;
    return al_gen_init(&w->g, c->vm, &wait_for_def);
}
