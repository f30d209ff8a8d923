/*
 * sync.c: asyncio.Event, Lock and Semaphore, as locks.py has them, and the
 * waiter FIFO that they and the queues share.
 *
 * Each primitive keeps a FIFO of futures, one per waiting task.  Waking a
 * task means completing its future; the task itself runs one iteration
 * later, so another task may get in first.  That is CPython's behaviour,
 * and the lessons show it.
 */
#include "al_internal.h"

#include <stdlib.h>

/* ---- the waiter FIFO (a deque of futures) ---- */

/* al__waiters_push appends f.  Amortised O(1). */
void al__waiters_push(al_vm *vm, al_waiters *w, al_future *f)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 8;
        al_future **v = al_alloc(vm, cap * sizeof *v);
        for (size_t i = 0; i < w->n; i++)
            v[i] = w->v[(w->head + i) % w->cap];
        w->v = v;
        w->head = 0;
        w->cap = cap;
    }
    w->v[(w->head + w->n++) % w->cap] = f;
}

/* al__waiters_at is the i-th waiter from the front. */
al_future *al__waiters_at(const al_waiters *w, size_t i)
{
    return w->v[(w->head + i) % w->cap];
}

/* al__waiters_popleft removes the front waiter.  O(1). */
al_future *al__waiters_popleft(al_waiters *w)
{
    al_future *f = w->v[w->head];
    w->head = (w->head + 1) % w->cap;
    w->n--;
    return f;
}

/* al__waiters_remove is deque.remove(f): the first occurrence; false if
 * absent (CPython raises ValueError, which the callers catch).  O(n). */
bool al__waiters_remove(al_waiters *w, al_future *f)
{
    for (size_t i = 0; i < w->n; i++) {
        if (al__waiters_at(w, i) != f)
            continue;
        for (size_t j = i; j + 1 < w->n; j++)
            w->v[(w->head + j) % w->cap] = w->v[(w->head + j + 1) % w->cap];
        w->n--;
        return true;
    }
    return false;
}

static uint32_t object_actor(al_vm *vm, const char *name)
{
    return vm->opts.trace ? al_actor_new(vm, AL_ACTOR_OBJECT, name, NULL) : 0;
}

/* ---- Event ---- */

/* al_flag_init is asyncio.Event(): cleared, nobody waiting. */
void al_flag_init(al_flag *e, al_vm *vm, const char *name)
{
    *e = (al_flag){.vm = vm, .actor = object_actor(vm, name)};
}

/* al_flag_set is Event.set(): every waiter not yet done gets True. */
void al_flag_set(al_flag *e)
{
    if (e->value)
        return;
    e->value = true;
    for (size_t i = 0; i < e->waiters.n; i++) {
        al_future *f = al__waiters_at(&e->waiters, i);
        if (!al_future_done(f))
            al_future_set_result(f, al_bool(true));
    }
}

void al_flag_clear(al_flag *e) { e->value = false; }

static al_signal flag_wait_body(al_gen *g)
{
    al_flag_wait_co *w = (al_flag_wait_co *)g;
    AL_GEN_BEGIN(g);
    if (w->e->value)
        AL_RETURN(g, al_bool(true));
    al_future_init(&w->fut, g->vm, "Event.wait");
    al__waiters_push(g->vm, &w->e->waiters, &w->fut);
    AL_TRACE(g->vm, AL_EV_WAIT, g->vm->cur_task, w->e->actor, al_cstr_static(g->vm, "Event.wait"), al_none());
    AL_AWAIT_TRY(g, &w->fut, w->r);
    al__waiters_remove(&w->e->waiters, &w->fut); /* finally */
    AL_PROPAGATE(g);
    AL_RETURN(g, al_bool(true));
    AL_GEN_END(g);
}

static const al_gen_def flag_wait_def = {"Event.wait", flag_wait_body, true};

/* al_flag_wait readies frame w as the coroutine e.wait(). */
al_gen *al_flag_wait(al_flag_wait_co *w, al_flag *e)
{
    AL__REFUSE_LIVE(&w->g, e->vm, &flag_wait_def);
    w->e = e;
    return al_gen_init(&w->g, e->vm, &flag_wait_def);
}

/* ---- Lock ---- */

void al_lock_init(al_lock *l, al_vm *vm, const char *name)
{
    *l = (al_lock){.vm = vm, .actor = object_actor(vm, name)};
}

/* lock_wake_first is Lock._wake_up_first: only the first waiter. */
static void lock_wake_first(al_lock *l)
{
    if (!l->waiters.n)
        return;
    al_future *f = al__waiters_at(&l->waiters, 0);
    if (!al_future_done(f))
        al_future_set_result(f, al_bool(true));
}

/* al_lock_release is Lock.release(). */
al_value al_lock_release(al_lock *l)
{
    if (!l->locked)
        return al_exc_msg(l->vm, &al_RuntimeError, "Lock is not acquired.");
    l->locked = false;
    lock_wake_first(l);
    return al_none();
}

static bool all_cancelled(const al_waiters *w)
{
    for (size_t i = 0; i < w->n; i++)
        if (!al_future_cancelled(al__waiters_at(w, i)))
            return false;
    return true;
}

static al_signal lock_acquire_body(al_gen *g)
{
    al_lock_acquire_co *a = (al_lock_acquire_co *)g;
    AL_GEN_BEGIN(g);
    if (!a->l->locked && all_cancelled(&a->l->waiters)) {
        a->l->locked = true;
        AL_RETURN(g, al_bool(true));
    }
    al_future_init(&a->fut, g->vm, "Lock.acquire");
    al__waiters_push(g->vm, &a->l->waiters, &a->fut);
    AL_TRACE(g->vm, AL_EV_WAIT, g->vm->cur_task, a->l->actor, al_cstr_static(g->vm, "Lock.acquire"), al_none());
    AL_AWAIT_TRY(g, &a->fut, a->r);
    al__waiters_remove(&a->l->waiters, &a->fut);
    if (al_exc_isa(al_pending(g), &al_CancelledError) && !a->l->locked)
        lock_wake_first(a->l);
    AL_PROPAGATE(g);
    a->l->locked = true;
    AL_RETURN(g, al_bool(true));
    AL_GEN_END(g);
}

static const al_gen_def lock_acquire_def = {"Lock.acquire", lock_acquire_body, true};

al_gen *al_lock_acquire(al_lock_acquire_co *a, al_lock *l)
{
    AL__REFUSE_LIVE(&a->g, l->vm, &lock_acquire_def);
    a->l = l;
    return al_gen_init(&a->g, l->vm, &lock_acquire_def);
}

/* ---- Semaphore ---- */

/* al_semaphore_init is Semaphore(value); a negative value is refused
 * before anything is made, as locks.py does. */
al_value al_semaphore_init(al_semaphore *s, al_vm *vm, const char *name, int64_t value)
{
    if (value < 0)
        return al_exc_msg(vm, &al_ValueError, "Semaphore initial value must be >= 0");
    *s = (al_semaphore){.vm = vm, .value = value, .actor = object_actor(vm, name)};
    return al_none();
}

/* al_semaphore_locked is Semaphore.locked(). */
bool al_semaphore_locked(const al_semaphore *s)
{
    return s->value == 0 || !all_cancelled(&s->waiters);
}

/* sem_wake_next is Semaphore._wake_up_next: the first waiter not done
 * takes one unit now, before it runs. */
static void sem_wake_next(al_semaphore *s)
{
    for (size_t i = 0; i < s->waiters.n; i++) {
        al_future *f = al__waiters_at(&s->waiters, i);
        if (!al_future_done(f)) {
            s->value--;
            al_future_set_result(f, al_bool(true));
            return;
        }
    }
}

void al_semaphore_release(al_semaphore *s)
{
    s->value++;
    sem_wake_next(s);
}

static al_signal sem_acquire_body(al_gen *g)
{
    al_sem_acquire_co *a = (al_sem_acquire_co *)g;
    AL_GEN_BEGIN(g);
    if (!al_semaphore_locked(a->s)) {
        a->s->value--;
        AL_RETURN(g, al_bool(true));
    }
    al_future_init(&a->fut, g->vm, "Semaphore.acquire");
    al__waiters_push(g->vm, &a->s->waiters, &a->fut);
    AL_TRACE(g->vm, AL_EV_WAIT, g->vm->cur_task, a->s->actor, al_cstr_static(g->vm, "Semaphore.acquire"), al_none());
    AL_AWAIT_TRY(g, &a->fut, a->r);
    al__waiters_remove(&a->s->waiters, &a->fut);
    if (al_exc_isa(al_pending(g), &al_CancelledError) && !al_future_cancelled(&a->fut)) {
        a->s->value++;
        sem_wake_next(a->s);
    }
    AL_PROPAGATE(g);
    if (a->s->value > 0)
        sem_wake_next(a->s);
    AL_RETURN(g, al_bool(true));
    AL_GEN_END(g);
}

static const al_gen_def sem_acquire_def = {"Semaphore.acquire", sem_acquire_body, true};

al_gen *al_semaphore_acquire(al_sem_acquire_co *a, al_semaphore *s)
{
    AL__REFUSE_LIVE(&a->g, s->vm, &sem_acquire_def);
    a->s = s;
    return al_gen_init(&a->g, s->vm, &sem_acquire_def);
}
