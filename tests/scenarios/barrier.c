/* asyncio.Barrier and BoundedSemaphore: parties wait until all have
 * arrived, each gets its index; the barrier then resets for the next
 * round; abort() breaks it for the waiters and later arrivals; a
 * BoundedSemaphore refuses a release beyond its initial value. */
#include "scenario.h"

typedef struct party_frame {
    al_gen g;
    const char *name;
    al_barrier *b;
    double delay;
    al_sleep_co sleep;
    al_barrier_wait_co wait;
    al_value i, r, e;
} party_frame;

static al_signal party_body(al_gen *g)
{
    party_frame *f = (party_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    al_print(vm, "%s arrives %g waiting %D", f->name, now(vm), al_barrier_n_waiting(f->b));
    AL_YIELD_FROM_TRY(g, al_barrier_wait(&f->wait, f->b), f->i);
    if (!al_is_none(f->e = al_except(g, &al_BrokenBarrierError))) {
        al_print(vm, "%s broken %r %g", f->name, f->e, now(vm));
        AL_RETURN(g, al_none());
    }
    AL_PROPAGATE(g);
    al_print(vm, "%s passes with index %v %g", f->name, f->i, now(vm));
    AL_RETURN(g, f->i);
    AL_GEN_END(g);
}
static const al_gen_def party_def = {"party", party_body, true};

static al_gen *party(al_vm *vm, const char *name, al_barrier *b, double delay)
{
    party_frame *f = (party_frame *)al_gen_new(vm, sizeof *f, &party_def);
    f->name = name;
    f->b = b;
    f->delay = delay;
    return &f->g;
}

typedef struct frame {
    al_gen g;
    al_barrier b, zero;
    al_bounded_semaphore sem;
    al_task *t1, *t2;
    al_barrier_change_co change;
    al_sem_acquire_co acq;
    al_sleep_co sleep;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_barrier_init(&f->b, vm, "b", 3);
    al_print(vm, "parties %D broken %v", al_barrier_parties(&f->b), al_bool(al_barrier_broken(&f->b)));
    {
        al_gen *ps[] = {party(vm, "a", &f->b, 1), party(vm, "b", &f->b, 2), party(vm, "c", &f->b, 3)};
        AL_AWAIT(g, al_gather_coros(vm, 3, ps, false), f->r);
    }
    al_print(vm, "round 1 indexes %v %g", f->r, now(vm));
    {
        al_gen *ps[] = {party(vm, "d", &f->b, 0), party(vm, "e", &f->b, 0.5), party(vm, "f", &f->b, 0.25)};
        AL_AWAIT(g, al_gather_coros(vm, 3, ps, false), f->r);
    }
    al_print(vm, "round 2 indexes %v %g", f->r, now(vm));
    f->t1 = al_create_task(vm, party(vm, "g", &f->b, 0));
    f->t2 = al_create_task(vm, party(vm, "h", &f->b, 0));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    AL_YIELD_FROM(g, al_barrier_abort(&f->change, &f->b), f->r);
    al_print(vm, "aborted %v %g", al_bool(al_barrier_broken(&f->b)), now(vm));
    {
        al_future *ts[] = {al_task_fut(f->t1), al_task_fut(f->t2)};
        AL_AWAIT(g, al_gather(vm, 2, ts, false), f->r);
    }
    AL_YIELD_FROM(g, party(vm, "late", &f->b, 0), f->r);
    AL_YIELD_FROM(g, al_barrier_reset(&f->change, &f->b), f->r);
    al_print(vm, "reset %v %D", al_bool(al_barrier_broken(&f->b)), al_barrier_n_waiting(&f->b));
    f->e = al_barrier_init(&f->zero, vm, "zero", 0);
    if (al_exc_isa(f->e, &al_ValueError))
        al_print(vm, "Barrier(0): %r", f->e);

    al_bounded_semaphore_init(&f->sem, vm, "sem", 2);
    AL_YIELD_FROM(g, al_semaphore_acquire(&f->acq, &f->sem.sem), f->r);
    al_print(vm, "inside, locked %v", al_bool(al_semaphore_locked(&f->sem.sem)));
    al_bounded_semaphore_release(&f->sem);
    AL_YIELD_FROM(g, al_semaphore_acquire(&f->acq, &f->sem.sem), f->r);
    al_bounded_semaphore_release(&f->sem);
    f->e = al_bounded_semaphore_release(&f->sem);
    if (al_exc_isa(f->e, &al_ValueError))
        al_print(vm, "release too many: %r %v", f->e, al_bool(al_semaphore_locked(&f->sem.sem)));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
