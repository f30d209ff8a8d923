/* gather: results in argument order whatever the finishing order; futures,
 * tasks and coroutines mixed; the same awaitable twice; gather() of nothing;
 * a gather awaited inside another gather. */
#include "scenario.h"

typedef struct value_frame {
    al_gen g;
    const char *v;
    double delay;
    al_sleep_co sleep;
    al_value r;
} value_frame;

static al_signal value_body(al_gen *g)
{
    value_frame *f = (value_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    al_print(vm, "value %s ready %g", f->v, now(vm));
    AL_RETURN(g, al_cstr(vm, f->v));
    AL_GEN_END(g);
}
static const al_gen_def value_def = {"value", value_body, true};

static al_gen *value(al_vm *vm, const char *v, double delay)
{
    value_frame *f = (value_frame *)al_gen_new(vm, sizeof *f, &value_def);
    f->v = v;
    f->delay = delay;
    return &f->g;
}

static void set_from_future(al_vm *vm, void *fut, void *unused)
{
    (void)unused;
    al_future_set_result(fut, al_cstr(vm, "from future"));
}

typedef struct frame {
    al_gen g;
    al_future f, done;
    al_task *t, *u;
    al_future *inner;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    {
        al_gen *cs[] = {value(vm, "slow", 3), value(vm, "fast", 1), value(vm, "mid", 2)};
        AL_AWAIT(g, al_gather_coros(vm, 3, cs, false), f->r);
    }
    al_print(vm, "%v %g", f->r, now(vm));
    al_future_init(&f->f, vm, "f");
    al_call_later(vm, 0.5, set_from_future, &f->f, NULL, "Future.set_result");
    f->t = al_create_task(vm, value(vm, "task", 0.25));
    {
        al_future *fs[] = {&f->f, al_task_fut(f->t), al_task_fut(al_create_task(vm, value(vm, "coro", 0)))};
        AL_AWAIT(g, al_gather(vm, 3, fs, false), f->r);
    }
    al_print(vm, "%v %g", f->r, now(vm));
    AL_AWAIT(g, al_gather(vm, 0, NULL, false), f->r);
    al_print(vm, "empty %v %g", f->r, now(vm));
    f->u = al_create_task(vm, value(vm, "twice", 1));
    {
        al_future *fs[] = {al_task_fut(f->u), al_task_fut(f->u)};
        AL_AWAIT(g, al_gather(vm, 2, fs, false), f->r);
    }
    al_print(vm, "same task twice %v %g", f->r, now(vm));
    {
        al_gen *cs[] = {value(vm, "in-1", 1), value(vm, "in-2", 0.5)};
        f->inner = al_gather_coros(vm, 2, cs, false);
    }
    {
        al_future *fs[] = {f->inner, al_task_fut(al_create_task(vm, value(vm, "out", 0.75)))};
        AL_AWAIT(g, al_gather(vm, 2, fs, false), f->r);
    }
    al_print(vm, "nested %v %g", f->r, now(vm));
    al_future_init(&f->done, vm, "done");
    al_future_set_result(&f->done, al_cstr(vm, "already"));
    {
        al_future *fs[] = {&f->done, &f->done};
        AL_AWAIT(g, al_gather(vm, 2, fs, false), f->r);
    }
    al_print(vm, "done future %v %g", f->r, now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
