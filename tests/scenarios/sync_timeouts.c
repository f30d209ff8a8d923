/* Waiting on a lock, a semaphore or an event under a deadline: wait_for
 * around acquire() and wait(); a waiter that times out leaves the queue,
 * so the next release goes to the one behind it; a semaphore slot freed
 * while its waiter is being cancelled is passed on. */
#include "scenario.h"

typedef struct hold_frame {
    al_gen g;
    al_lock *lock;
    double secs;
    al_lock_acquire_co acq;
    al_sleep_co sleep;
    al_value r;
} hold_frame;

static al_signal hold_body(al_gen *g)
{
    hold_frame *f = (hold_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_lock_acquire(&f->acq, f->lock), f->r);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->secs, al_none()), f->r);
    al_lock_release(f->lock);
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def hold_def = {"hold", hold_body, true};

typedef struct try_lock_frame {
    al_gen g;
    const char *name;
    al_lock *lock;
    double timeout;
    al_lock_acquire_co acq;
    al_wait_for_co wf;
    al_value r;
} try_lock_frame;

static al_signal try_lock_body(al_gen *g)
{
    try_lock_frame *f = (try_lock_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_wait_for(&f->wf, vm, NULL, al_lock_acquire(&f->acq, f->lock), f->timeout), f->r);
    if (!al_is_none(al_except(g, &al_TimeoutError))) {
        al_print(vm, "%s gave up on the lock %g", f->name, now(vm));
        AL_RETURN(g, al_none());
    }
    AL_PROPAGATE(g);
    al_print(vm, "%s got the lock %g", f->name, now(vm));
    al_lock_release(f->lock);
    AL_GEN_END(g);
}
static const al_gen_def try_lock_def = {"try_lock", try_lock_body, true};

static al_gen *try_lock(al_vm *vm, const char *name, al_lock *lock, double timeout)
{
    try_lock_frame *f = (try_lock_frame *)al_gen_new(vm, sizeof *f, &try_lock_def);
    f->name = name;
    f->lock = lock;
    f->timeout = timeout;
    return &f->g;
}

typedef struct sem_user_frame {
    al_gen g;
    const char *name;
    al_semaphore *sem;
    double secs;
    al_sem_acquire_co acq;
    al_sleep_co sleep;
    al_value r;
} sem_user_frame;

static al_signal sem_user_body(al_gen *g)
{
    sem_user_frame *f = (sem_user_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_semaphore_acquire(&f->acq, f->sem), f->r);
    if (al_is_none(al_pending(g))) {
        al_print(vm, "%s has a slot %g", f->name, now(vm));
        AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->secs, al_none()), f->r);
        al_semaphore_release(f->sem);
    }
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled %g locked %v", f->name, now(vm), al_bool(al_semaphore_locked(f->sem)));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def sem_user_def = {"sem_user", sem_user_body, true};

static al_future *sem_user(al_vm *vm, const char *name, al_semaphore *sem, double secs)
{
    sem_user_frame *f = (sem_user_frame *)al_gen_new(vm, sizeof *f, &sem_user_def);
    f->name = name;
    f->sem = sem;
    f->secs = secs;
    return al_task_fut(al_create_task(vm, &f->g));
}

typedef struct frame {
    al_gen g;
    al_lock lock;
    al_flag ev;
    al_semaphore sem;
    al_task *h;
    al_future *abc[3];
    al_flag_wait_co ew;
    al_wait_for_co wf;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_lock_init(&f->lock, vm, "lock");
    {
        hold_frame *h = (hold_frame *)al_gen_new(vm, sizeof *h, &hold_def);
        h->lock = &f->lock;
        h->secs = 2;
        f->h = al_create_task(vm, &h->g);
    }
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    {
        al_gen *cs[] = {try_lock(vm, "impatient", &f->lock, 1), try_lock(vm, "patient", &f->lock, 3)};
        AL_AWAIT(g, al_gather_coros(vm, 2, cs, false), f->r);
    }
    AL_AWAIT(g, al_task_fut(f->h), f->r);

    al_flag_init(&f->ev, vm, "ev");
    AL_YIELD_FROM_TRY(g, al_wait_for(&f->wf, vm, NULL, al_flag_wait(&f->ew, &f->ev), 0.5), f->r);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "event never set %g %v", now(vm), al_bool(al_flag_is_set(&f->ev)));
    AL_PROPAGATE(g);

    al_semaphore_init(&f->sem, vm, "sem", 1);
    f->abc[0] = sem_user(vm, "a", &f->sem, 1);
    f->abc[1] = sem_user(vm, "b", &f->sem, 1);
    f->abc[2] = sem_user(vm, "c", &f->sem, 1);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_future_cancel(f->abc[1], al_none());
    AL_AWAIT(g, al_gather(vm, 3, f->abc, true), f->r);
    al_print(vm, "semaphore free again %v %g", al_bool(!al_semaphore_locked(&f->sem)), now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
