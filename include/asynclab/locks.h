/*
 * asynclab/locks.h: asyncio.Condition, BoundedSemaphore and Barrier (condition.c,
 * boundedsem.c, barrier.c), as locks.py has them in Python 3.11, built on
 * the Lock and Semaphore of queues.h.
 */
#ifndef ASYNCLAB_LOCKS_H
#define ASYNCLAB_LOCKS_H

#include "asynclab/queues.h"

/* ---- Condition, BoundedSemaphore, Barrier (condition.c,
 *      boundedsem.c, barrier.c; locks.py) ----
 *
 * Condition(lock): "async with cond" is al_lock_acquire on cond.lock and
 * al_lock_release at the end.  wait() and wait_for(predicate) are
 * coroutines; notify(n) and notify_all() return None, or the RuntimeError
 * CPython raises when the lock is not held.
 *
 *   AL_YIELD_FROM(g, al_lock_acquire(&L->acq, L->cond.lock), L->r);
 *   AL_YIELD_FROM_TRY(g, al_condition_wait_for(&L->wf, &L->cond, ready, L), L->r);
 *   al_lock_release(L->cond.lock);
 *   AL_PROPAGATE(g);
 */
/* A predicate answers its value (wait_for ends on a true one), or an
 * exception, which is what the predicate raised: wait_for raises it. */
typedef al_value (*al_predicate)(void *arg);

typedef struct al_condition {
    al_vm *vm;
    al_lock *lock;        /* the lock given, or own_lock */
    al_lock own_lock;
    al_waiters waiters;
    uint32_t actor;
} al_condition;
void al_condition_init(al_condition *c, al_vm *vm, const char *name, al_lock *lock);
al_value al_condition_notify(al_condition *c, size_t n);
al_value al_condition_notify_all(al_condition *c);
static inline bool al_condition_locked(const al_condition *c) { return c->lock->locked; }

typedef struct al_cond_wait_co {
    al_gen g;
    al_condition *c;
    al_future fut;
    al_lock_acquire_co acq;
    bool cancelled;
    al_value held, r;
} al_cond_wait_co;
al_gen *al_condition_wait(al_cond_wait_co *w, al_condition *c);

typedef struct al_cond_wait_for_co {
    al_gen g;
    al_condition *c;
    al_predicate pred;
    void *arg;
    al_cond_wait_co wait;
    al_value result, r;
} al_cond_wait_for_co;
al_gen *al_condition_wait_for(al_cond_wait_for_co *w, al_condition *c, al_predicate pred, void *arg);

/* BoundedSemaphore(value): acquire it as its Semaphore (b.sem);
 * release returns None or ValueError('BoundedSemaphore released too many
 * times'). */
typedef struct al_bounded_semaphore {
    al_semaphore sem;
    int64_t bound;
} al_bounded_semaphore;
void al_bounded_semaphore_init(al_bounded_semaphore *b, al_vm *vm, const char *name, int64_t value);
al_value al_bounded_semaphore_release(al_bounded_semaphore *b);

/* Barrier(parties): init returns None or ValueError('parties must be >
 * 0'); wait(), reset() and abort() are coroutines; wait() returns the
 * party's index (also "async with barrier as i") or raises
 * BrokenBarrierError.
 *
 *   AL_YIELD_FROM(g, al_barrier_wait(&L->bw, &L->barrier), L->index);
 */
extern const al_exc_type al_BrokenBarrierError;
typedef enum {
    AL_BARRIER_FILLING, AL_BARRIER_DRAINING, AL_BARRIER_RESETTING, AL_BARRIER_BROKEN
} al_barrier_state;
typedef struct al_barrier {
    al_vm *vm;
    al_condition cond;
    int64_t parties, count;
    al_barrier_state state;
    uint32_t actor;
} al_barrier;
al_value al_barrier_init(al_barrier *b, al_vm *vm, const char *name, int64_t parties);
static inline int64_t al_barrier_parties(const al_barrier *b) { return b->parties; }
int64_t al_barrier_n_waiting(const al_barrier *b);
static inline bool al_barrier_broken(const al_barrier *b) { return b->state == AL_BARRIER_BROKEN; }

typedef struct al_barrier_wait_co {
    al_gen g;
    al_barrier *b;
    al_lock_acquire_co acq;
    al_cond_wait_for_co wf;
    int64_t index;
    al_value r;
} al_barrier_wait_co;
al_gen *al_barrier_wait(al_barrier_wait_co *w, al_barrier *b);

typedef struct al_barrier_change_co {
    al_gen g;
    al_barrier *b;
    bool abort;
    al_lock_acquire_co acq;
    al_value r;
} al_barrier_change_co;
al_gen *al_barrier_reset(al_barrier_change_co *c, al_barrier *b);
al_gen *al_barrier_abort(al_barrier_change_co *c, al_barrier *b);

#endif
