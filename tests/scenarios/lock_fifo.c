/* asyncio.Lock: mutual exclusion with FIFO hand-off, locked(), releasing
 * an unlocked lock (RuntimeError), a cancelled waiter skipped, and
 * acquire() on a free lock not yielding at all.
 *
 * "async with lock: BODY" is acquire (awaited), BODY with the _TRY forms,
 * then release whatever BODY raised. */
#include "scenario.h"

typedef struct worker_frame {
    al_gen g;
    const char *name;
    al_lock *lock;
    double hold;
    al_lock_acquire_co acq;
    al_sleep_co sleep;
    al_value r;
} worker_frame;

static al_signal worker_body(al_gen *g)
{
    worker_frame *f = (worker_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "%s wants the lock %g", f->name, now(vm));
    AL_YIELD_FROM_TRY(g, al_lock_acquire(&f->acq, f->lock), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled before getting it %g %v", f->name, now(vm), al_bool(f->lock->locked));
    AL_PROPAGATE(g);
    al_print(vm, "%s holds the lock %g", f->name, now(vm));
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->hold, al_none()), f->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "%s releases %g", f->name, now(vm));
    al_lock_release(f->lock);
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def worker_def = {"worker", worker_body, true};

static al_gen *worker(al_vm *vm, const char *name, al_lock *lock, double hold)
{
    worker_frame *f = (worker_frame *)al_gen_new(vm, sizeof *f, &worker_def);
    f->name = name;
    f->lock = lock;
    f->hold = hold;
    return &f->g;
}

typedef struct frame {
    al_gen g;
    al_lock lock;
    al_future *ts[4];
    al_task *t;
    al_lock_acquire_co acq;
    al_sleep_co sleep;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    static const char *const ns[] = {"a", "b", "c", "d"};
    AL_GEN_BEGIN(g);
    al_lock_init(&f->lock, vm, "lock");
    al_print(vm, "locked %v", al_bool(f->lock.locked));
    f->e = al_lock_release(&f->lock);
    if (al_exc_isa(f->e, &al_RuntimeError))
        al_print(vm, "release unlocked: %r", f->e);
    AL_YIELD_FROM(g, al_lock_acquire(&f->acq, &f->lock), f->r);
    al_print(vm, "acquire free: %v %v", f->r, al_bool(f->lock.locked));
    al_lock_release(&f->lock);
    for (int i = 0; i < 4; i++)
        f->ts[i] = al_task_fut(al_create_task(vm, worker(vm, ns[i], &f->lock, 1)));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0.5, al_none()), f->r);
    al_future_cancel(f->ts[2], al_none());
    AL_AWAIT(g, al_gather(vm, 4, f->ts, true), f->r);
    al_print(vm, "all done %g %v", now(vm), al_bool(f->lock.locked));
    AL_YIELD_FROM(g, al_lock_acquire(&f->acq, &f->lock), f->r);
    f->t = al_create_task(vm, worker(vm, "e", &f->lock, 0));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_lock_release(&f->lock);
    al_print(vm, "released with a waiter: locked is %v", al_bool(f->lock.locked));
    al_task_cancel(f->t, al_none());
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_print(vm, "waiter cancelled after wake-up; locked %v %v", al_bool(f->lock.locked),
             al_bool(al_future_cancelled(al_task_fut(f->t))));
    AL_YIELD_FROM(g, worker(vm, "f", &f->lock, 0), f->r);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
