/* asyncio.Semaphore: at most `value` holders at once, waiters served in
 * order, locked() when no slot is free, release() beyond the initial
 * value adding a slot (an unbounded semaphore allows it), Semaphore(0),
 * and Semaphore(-1) refused with ValueError. */
#include "scenario.h"

typedef struct worker_frame {
    al_gen g;
    al_value name;
    al_semaphore *sem;
    double hold;
    al_sem_acquire_co acq;
    al_sleep_co sleep;
    al_value r;
} worker_frame;

static al_signal worker_body(al_gen *g)
{
    worker_frame *f = (worker_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_semaphore_acquire(&f->acq, f->sem), f->r);
    al_print(vm, "%v in %g locked %v", f->name, now(vm), al_bool(al_semaphore_locked(f->sem)));
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->hold, al_none()), f->r);
    al_semaphore_release(f->sem);
    AL_PROPAGATE(g);
    al_print(vm, "%v out %g", f->name, now(vm));
    AL_GEN_END(g);
}
static const al_gen_def worker_def = {"worker", worker_body, true};

static al_gen *worker(al_vm *vm, al_value name, al_semaphore *sem, double hold)
{
    worker_frame *f = (worker_frame *)al_gen_new(vm, sizeof *f, &worker_def);
    f->name = name;
    f->sem = sem;
    f->hold = hold;
    return &f->g;
}

typedef struct frame {
    al_gen g;
    al_semaphore sem, zero, negative;
    al_task *t;
    al_sem_acquire_co acq;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_semaphore_init(&f->sem, vm, "sem", 2);
    al_print(vm, "locked %v", al_bool(al_semaphore_locked(&f->sem)));
    {
        al_gen *ws[5];
        for (int i = 0; i < 5; i++)
            ws[i] = worker(vm, al_strf(vm, "w%d", i), &f->sem, 1 + i % 2);
        AL_AWAIT(g, al_gather_coros(vm, 5, ws, false), f->r);
    }
    al_print(vm, "after %g %v", now(vm), al_bool(al_semaphore_locked(&f->sem)));
    al_semaphore_release(&f->sem);
    al_print(vm, "extra release; now three may enter");
    {
        al_gen *ws[4];
        for (int i = 0; i < 4; i++)
            ws[i] = worker(vm, al_strf(vm, "x%d", i), &f->sem, 1);
        AL_AWAIT(g, al_gather_coros(vm, 4, ws, false), f->r);
    }
    al_semaphore_init(&f->zero, vm, "zero", 0);
    al_print(vm, "zero locked %v", al_bool(al_semaphore_locked(&f->zero)));
    f->t = al_create_task(vm, worker(vm, al_cstr(vm, "z"), &f->zero, 0));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_print(vm, "z waiting %v %g", al_bool(!al_future_done(al_task_fut(f->t))), now(vm));
    al_semaphore_release(&f->zero);
    AL_AWAIT(g, al_task_fut(f->t), f->r);
    AL_YIELD_FROM(g, al_semaphore_acquire(&f->acq, &f->zero), f->r);
    al_print(vm, "acquire %v %v", f->r, al_bool(al_semaphore_locked(&f->zero)));
    f->r = al_semaphore_init(&f->negative, vm, "negative", -1);
    if (al_exc_isa(f->r, &al_ValueError))
        al_print(vm, "negative: %r", f->r);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
