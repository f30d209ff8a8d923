/* Task.cancel: a sleeping task gets CancelledError at its await (with the
 * message, if any); cancel() on a done task returns False; a task cancelled
 * before its first step never runs its body; cancelling twice before the
 * task runs delivers one CancelledError. */
#include "scenario.h"

typedef struct sleeper_frame {
    al_gen g;
    const char *name;
    double delay;
    al_sleep_co sleep;
    al_value r, e;
} sleeper_frame;

static al_signal sleeper_body(al_gen *g)
{
    sleeper_frame *f = (sleeper_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "%s starts %g", f->name, now(vm));
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled %r %g", f->name, al_pending(g), now(vm));
    AL_PROPAGATE(g);
    al_print(vm, "%s finished %g", f->name, now(vm));
    AL_RETURN(g, al_cstr(vm, f->name));
    AL_GEN_END(g);
}
static const al_gen_def sleeper_def = {"sleeper", sleeper_body, true};

static al_task *start(al_vm *vm, const char *name, double delay)
{
    sleeper_frame *f = (sleeper_frame *)al_gen_new(vm, sizeof *f, &sleeper_def);
    f->name = name;
    f->delay = delay;
    return al_create_task(vm, &f->g);
}

typedef struct frame {
    al_gen g;
    al_task *a, *b, *never, *c;
    al_sleep_co sleep;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->a = start(vm, "a", 5);
    f->b = start(vm, "b", 5);
    f->never = start(vm, "never", 1);
    al_print(vm, "cancel never before it runs: %v", al_bool(al_task_cancel(f->never, al_none())));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    {
        bool c1 = al_task_cancel(f->a, al_cstr(vm, "stop now"));
        bool c2 = al_task_cancel(f->a, al_none());
        al_print(vm, "cancel a: %v again: %v", al_bool(c1), al_bool(c2));
    }
    al_print(vm, "a done right after cancel: %v %v", al_bool(al_future_done(al_task_fut(f->a))),
             al_bool(al_future_cancelled(al_task_fut(f->a))));
    AL_AWAIT_TRY(g, al_task_fut(f->a), f->r);
    if (!al_is_none(f->e = al_except(g, &al_CancelledError)))
        al_print(vm, "await a %r %v %g", f->e, al_bool(al_future_cancelled(al_task_fut(f->a))), now(vm));
    AL_PROPAGATE(g);
    if (al_future_result(al_task_fut(f->a), &f->e) == AL_RAISED)
        al_print(vm, "a.result() %r", f->e);
    if (al_future_exception(al_task_fut(f->never), &f->e) == AL_RAISED)
        al_print(vm, "never.exception() %r %v", f->e, al_bool(al_future_cancelled(al_task_fut(f->never))));
    al_task_cancel(f->b, al_none());
    al_task_cancel(f->b, al_none());
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_print(vm, "b %v %v %g", al_bool(al_future_done(al_task_fut(f->b))),
             al_bool(al_future_cancelled(al_task_fut(f->b))), now(vm));
    f->c = start(vm, "c", 0.5);
    AL_AWAIT(g, al_task_fut(f->c), f->r);
    al_print(vm, "await c %v cancel c after: %v", f->r, al_bool(al_task_cancel(f->c, al_none())));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
