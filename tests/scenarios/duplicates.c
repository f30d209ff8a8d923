/* The same object passed twice: gather(c, c) runs one task for the one
 * coroutine and repeats its result; wait([t, t]) counts t once; and a
 * cancel message need not be a str. */
#include "scenario.h"

typedef struct job_frame {
    al_gen g;
    const char *name;
    double delay;
    al_sleep_co sleep;
    al_value r;
} job_frame;

static al_signal job_body(al_gen *g)
{
    job_frame *f = (job_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    al_print(vm, "  %s ran %g", f->name, now(vm));
    AL_RETURN(g, al_cstr(vm, f->name));
    AL_GEN_END(g);
}
static const al_gen_def job_def = {"job", job_body, true};

static al_gen *job(al_vm *vm, const char *name, double delay)
{
    job_frame *f = (job_frame *)al_gen_new(vm, sizeof *f, &job_def);
    f->name = name;
    f->delay = delay;
    return &f->g;
}

typedef struct frame {
    al_gen g;
    al_gen *c;
    al_task *t, *u;
    al_future *fs[2];
    al_wait_co wait;
    al_sleep_co sleep;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->c = job(vm, "c", 1);
    {
        al_gen *cs[] = {f->c, f->c};
        AL_AWAIT(g, al_gather_coros(vm, 2, cs, false), f->r);
    }
    al_print(vm, "gather(c, c): %v %g", f->r, now(vm));
    f->t = al_create_task(vm, job(vm, "t", 1));
    f->fs[0] = f->fs[1] = al_task_fut(f->t); /* wait() keeps fs until it returns */
    AL_YIELD_FROM(g, al_wait(&f->wait, vm, 2, f->fs, AL_NO_TIMEOUT, AL_ALL_COMPLETED), f->r);
    al_print(vm, "wait([t, t]): %d %d %g", (int)al_len(al_item(f->r, 0)), (int)al_len(al_item(f->r, 1)), now(vm));
    f->u = al_create_task(vm, job(vm, "u", 5));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_task_cancel(f->u, al_int(42));
    AL_AWAIT_TRY(g, al_task_fut(f->u), f->r);
    if (!al_is_none(f->e = al_except(g, &al_CancelledError)))
        al_print(vm, "cancel(42): %r %r", f->e, al_exc_args_of(vm, f->e));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
