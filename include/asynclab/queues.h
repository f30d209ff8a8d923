/*
 * asynclab/queues.h: asyncio's queues and synchronisation primitives
 * (queues.py, locks.py), and as_completed, which is built on a Queue.
 */
#ifndef ASYNCLAB_QUEUES_H
#define ASYNCLAB_QUEUES_H

#include "asynclab/asyncio.h"

/* ------------------------------------------------------------------------ */
/* 7. Queues and synchronisation (queues.py, locks.py)                       */
/* ------------------------------------------------------------------------ */

/* A FIFO of waiting futures, as the collections.deque the primitives use. */
typedef struct al_waiters {
    al_future **v;
    size_t head, n, cap;
} al_waiters;

/* asyncio.Event.  (al_event is the trace's event; this is the flag.) */
typedef struct al_flag {
    al_vm *vm;
    bool value;
    al_waiters waiters;
    uint32_t actor;
} al_flag;

void al_flag_init(al_flag *e, al_vm *vm, const char *name);
void al_flag_set(al_flag *e);   /* wake every waiter */
void al_flag_clear(al_flag *e);
static inline bool al_flag_is_set(const al_flag *e) { return e->value; }
typedef struct al_flag_wait_co {
    al_gen g;
    al_flag *e;
    al_future fut;
    al_value r;
} al_flag_wait_co;
/* al_flag_wait is the coroutine Event.wait(); it returns True. */
al_gen *al_flag_wait(al_flag_wait_co *w, al_flag *e);

/* asyncio.Lock and asyncio.Semaphore (a Lock is not a Semaphore(1) in
 * CPython: their wake-up rules differ, so both are here). */
typedef struct al_lock {
    al_vm *vm;
    bool locked;
    al_waiters waiters;
    uint32_t actor;
} al_lock;
void al_lock_init(al_lock *l, al_vm *vm, const char *name);
/* al_lock_release: None, or RuntimeError('Lock is not acquired.'). */
al_value al_lock_release(al_lock *l);
typedef struct al_lock_acquire_co {
    al_gen g;
    al_lock *l;
    al_future fut;
    al_value r;
} al_lock_acquire_co;
al_gen *al_lock_acquire(al_lock_acquire_co *a, al_lock *l);

typedef struct al_semaphore {
    al_vm *vm;
    int64_t value;
    al_waiters waiters;
    uint32_t actor;
} al_semaphore;
/* al_semaphore_init is Semaphore(value): None, or ValueError('Semaphore
 * initial value must be >= 0') for a negative value. */
al_value al_semaphore_init(al_semaphore *s, al_vm *vm, const char *name, int64_t value);
bool al_semaphore_locked(const al_semaphore *s);
void al_semaphore_release(al_semaphore *s);
typedef struct al_sem_acquire_co {
    al_gen g;
    al_semaphore *s;
    al_future fut;
    al_value r;
} al_sem_acquire_co;
al_gen *al_semaphore_acquire(al_sem_acquire_co *a, al_semaphore *s);

typedef enum { AL_QUEUE_FIFO, AL_QUEUE_LIFO, AL_QUEUE_PRIORITY } al_queue_kind;

/* asyncio.Queue, LifoQueue and PriorityQueue (priority: Python's < on the
 * items, smallest first). */
typedef struct al_queue {
    al_vm *vm;
    al_queue_kind kind;
    int64_t maxsize;        /* <= 0: unbounded */
    al_value *items;        /* ring (FIFO), stack (LIFO) or heap (priority) */
    size_t head, n, cap;
    al_waiters getters, putters;
    int64_t unfinished;
    al_flag finished;
    uint32_t actor;
} al_queue;

void al_queue_init(al_queue *q, al_vm *vm, const char *name, al_queue_kind kind, int64_t maxsize);
static inline size_t al_queue_qsize(const al_queue *q) { return q->n; }
static inline bool al_queue_empty(const al_queue *q) { return q->n == 0; }
static inline bool al_queue_full(const al_queue *q) { return q->maxsize > 0 && (int64_t)q->n >= q->maxsize; }
/* put_nowait: None, or QueueFull.  get_nowait: AL_RETURNED with the item,
 * or AL_RAISED with QueueEmpty.  task_done: None, or ValueError. */
al_value al_queue_put_nowait(al_queue *q, al_value item);
al_signal al_queue_get_nowait(al_queue *q, al_value *out);
al_value al_queue_task_done(al_queue *q);
typedef struct al_queue_co {
    al_gen g;
    al_queue *q;
    al_value item;
    al_future fut;
    al_flag_wait_co wait;
    al_value r;
} al_queue_co;
/* The coroutines Queue.put(item), Queue.get() and Queue.join(). */
al_gen *al_queue_put(al_queue_co *c, al_queue *q, al_value item);
al_gen *al_queue_get(al_queue_co *c, al_queue *q);
al_gen *al_queue_join(al_queue_co *c, al_queue *q);

/* asyncio.as_completed(fs, timeout) (here because it is built on a
 * Queue): call al_as_completed_init, then ac->count times await the
 * coroutine al_as_completed_next gives (count is len(set(fs))). */
typedef struct al_as_completed {
    al_vm *vm;
    size_t count;
    size_t ntodo;
    al_future **todo;
    al_queue done;
    al_handle timer;
    bool has_timer;
} al_as_completed;
typedef struct al_wait_one_co {
    al_gen g;
    al_as_completed *ac;
    al_queue_co get;
    al_value r;
} al_wait_one_co;
void al_as_completed_init(al_as_completed *ac, al_vm *vm, size_t n, al_future *const *fs, double timeout);
al_gen *al_as_completed_next(al_wait_one_co *w, al_as_completed *ac);

#endif
