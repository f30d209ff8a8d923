/* Misuse: create_task on a coroutine that another task is already running.
 * CPython lets the second task resume it: the coroutine yields the same
 * pending future again, so both tasks wait on it; when it is done the
 * first task finishes the coroutine and the second finds it exhausted. */
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

typedef struct frame {
    al_gen g;
    job_frame *d;
    al_task *first, *second;
    al_sleep_co sleep;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->d = (job_frame *)al_gen_new(vm, sizeof *f->d, &job_def);
    f->d->name = "d";
    f->d->delay = 1;
    f->first = al_create_task(vm, &f->d->g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    f->second = al_create_task(vm, &f->d->g);
    AL_AWAIT_TRY(g, al_task_fut(f->second), f->r);
    if (!al_is_none(f->e = al_except(g, &al_RuntimeError)))
        al_print(vm, "second task: %r %g", f->e, now(vm));
    AL_PROPAGATE(g);
    AL_AWAIT(g, al_task_fut(f->first), f->r);
    al_print(vm, "first task: %v %g", f->r, now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
