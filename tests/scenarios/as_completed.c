/* asyncio.as_completed: results in the order they finish, exceptions
 * raised by the awaitable that holds them, a duplicate counted once, and
 * with a timeout a TimeoutError from the first await past the deadline. */
#include "scenario.h"

typedef struct job_frame {
    al_gen g;
    const char *name;
    double delay;
    bool fail;
    al_sleep_co sleep;
    al_value r;
} job_frame;

static al_signal job_body(al_gen *g)
{
    job_frame *f = (job_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    if (f->fail)
        AL_RAISE(g, al_exc_msg(vm, &al_ValueError, f->name));
    AL_RETURN(g, al_cstr(vm, f->name));
    AL_GEN_END(g);
}
static const al_gen_def job_def = {"job", job_body, true};

static al_gen *job(al_vm *vm, const char *name, double delay, bool fail)
{
    job_frame *f = (job_frame *)al_gen_new(vm, sizeof *f, &job_def);
    f->name = name;
    f->delay = delay;
    f->fail = fail;
    return &f->g;
}

static al_future *task(al_vm *vm, al_gen *coro) { return al_task_fut(al_create_task(vm, coro)); }

typedef struct frame {
    al_gen g;
    al_future *a, *b, *c, *d, *e;
    size_t i;
    al_as_completed ac;
    al_wait_one_co one;
    al_value r, x;
} frame;

/* NEXT_TRY is "r = await aw" for the next awaitable of as_completed. */
#define NEXT_TRY(f) AL_YIELD_FROM_TRY(&(f)->g, al_as_completed_next(&(f)->one, &(f)->ac), (f)->r)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->a = task(vm, job(vm, "a", 3, false));
    f->b = task(vm, job(vm, "b", 1, false));
    f->c = task(vm, job(vm, "c", 2, true));
    {
        al_future *fs[] = {f->a, f->b, f->c, f->b};
        al_as_completed_init(&f->ac, vm, 4, fs, AL_NO_TIMEOUT);
    }
    for (f->i = 0; f->i < f->ac.count; f->i++) {
        NEXT_TRY(f);
        if (!al_is_none(f->x = al_except(g, &al_ValueError)))
            al_print(vm, "%d raised %r %g", (int)f->i, f->x, now(vm));
        else if (al_is_none(al_pending(g)))
            al_print(vm, "%d got %v %g", (int)f->i, f->r, now(vm));
        AL_PROPAGATE(g);
    }
    f->d = task(vm, job(vm, "d", 1, false));
    f->e = task(vm, job(vm, "e", 5, false));
    {
        al_future *fs[] = {f->e, f->d};
        al_as_completed_init(&f->ac, vm, 2, fs, 2);
    }
    for (f->i = 0; f->i < f->ac.count; f->i++) {
        NEXT_TRY(f);
        if (!al_is_none(al_pending(g)))
            break;
        al_print(vm, "in time %v %g", f->r, now(vm));
    }
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "timeout %g e still running: %v", now(vm), al_bool(!al_future_done(f->e)));
    AL_PROPAGATE(g);
    AL_AWAIT(g, f->e, f->r);
    al_print(vm, "e %v %g", f->r, now(vm));
    {
        /* Tasks, not coroutines, as in the twin. */
        al_future *fs[] = {task(vm, job(vm, "x", 0.5, false)), task(vm, job(vm, "y", 0.25, false))};
        al_as_completed_init(&f->ac, vm, 2, fs, AL_NO_TIMEOUT);
    }
    for (f->i = 0; f->i < f->ac.count; f->i++) {
        NEXT_TRY(f);
        AL_PROPAGATE(g);
        al_print(vm, "task %v %g", f->r, now(vm));
    }
    al_as_completed_init(&f->ac, vm, 0, NULL, AL_NO_TIMEOUT);
    al_print(vm, "none given: %v", al_list_new(vm, f->ac.count));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
