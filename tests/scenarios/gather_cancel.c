/* Cancelling a gather: cancel() on the gathering future cancels every
 * child still running, and the awaiter gets CancelledError; children that
 * swallow the cancel turn the gather's outcome into their result or
 * error; cancelling the task that awaits a gather cancels the gather. */
#include "scenario.h"

typedef struct child_frame {
    al_gen g;
    const char *name;
    double delay;
    bool swallow;
    al_sleep_co sleep;
    al_value r;
} child_frame;

static al_signal child_body(al_gen *g)
{
    child_frame *f = (child_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError)) {
        al_print(vm, "  %s cancelled %g", f->name, now(vm));
        if (f->swallow) {
            al_except(g, &al_CancelledError);
            AL_RETURN(g, al_strf(vm, "%s swallowed", f->name));
        }
    }
    AL_PROPAGATE(g);
    al_print(vm, "  %s finished %g", f->name, now(vm));
    AL_RETURN(g, al_cstr(vm, f->name));
    AL_GEN_END(g);
}
static const al_gen_def child_def = {"child", child_body, true};

static al_gen *child(al_vm *vm, const char *name, double delay, bool swallow)
{
    child_frame *f = (child_frame *)al_gen_new(vm, sizeof *f, &child_def);
    f->name = name;
    f->delay = delay;
    f->swallow = swallow;
    return &f->g;
}

typedef struct waiter_frame {
    al_gen g;
    al_future *gathering;
    al_value r;
} waiter_frame;

static al_signal waiter_body(al_gen *g)
{
    waiter_frame *f = (waiter_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_AWAIT_TRY(g, f->gathering, f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "  waiter sees CancelledError %g", now(vm));
    AL_PROPAGATE(g);
    AL_RETURN(g, f->r);
    AL_GEN_END(g);
}
static const al_gen_def waiter_def = {"waiter", waiter_body, true};

typedef struct frame {
    al_gen g;
    al_future *gf;
    al_task *t;
    al_sleep_co sleep;
    al_value r, e;
} frame;

#define GATHER(vm, rexc, ...) \
    al_gather_coros(vm, sizeof (al_gen *[]){__VA_ARGS__} / sizeof(al_gen *), (al_gen *[]){__VA_ARGS__}, rexc)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->gf = GATHER(vm, false, child(vm, "a", 1, false), child(vm, "b", 3, false), child(vm, "c", 5, false));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 2, al_none()), f->r);
    {
        bool c1 = al_future_cancel(f->gf, al_none());
        bool c2 = al_future_cancel(f->gf, al_none());
        al_print(vm, "cancel gather: %v again: %v", al_bool(c1), al_bool(c2));
    }
    AL_AWAIT_TRY(g, f->gf, f->r);
    if (!al_is_none(f->e = al_except(g, &al_CancelledError)))
        al_print(vm, "await gather: %r %v %g", f->e, al_bool(al_future_cancelled(f->gf)), now(vm));
    AL_PROPAGATE(g);

    f->gf = GATHER(vm, false, child(vm, "d", 1, true), child(vm, "e", 1, false));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_future_cancel(f->gf, al_none());
    AL_AWAIT_TRY(g, f->gf, f->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "gather result: %v %g", f->r, now(vm));
    else if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "gather cancelled %v %g", al_bool(al_future_cancelled(f->gf)), now(vm));
    AL_PROPAGATE(g);

    f->gf = GATHER(vm, true, child(vm, "f", 1, false), child(vm, "g", 4, false));
    {
        waiter_frame *w = (waiter_frame *)al_gen_new(vm, sizeof *w, &waiter_def);
        w->gathering = f->gf;
        f->t = al_create_task(vm, &w->g);
    }
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 2, al_none()), f->r);
    al_task_cancel(f->t, al_none());
    AL_AWAIT_TRY(g, al_task_fut(f->t), f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "task cancelled %v gather cancelled %v %g", al_bool(al_future_cancelled(al_task_fut(f->t))),
                 al_bool(al_future_cancelled(f->gf)), now(vm));
    AL_PROPAGATE(g);

    f->gf = GATHER(vm, false, child(vm, "h", 1, false));
    AL_AWAIT(g, f->gf, f->r);
    al_print(vm, "cancel a finished gather: %v %g", al_bool(al_future_cancel(f->gf, al_none())), now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
