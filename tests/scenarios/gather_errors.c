/* gather and exceptions: without return_exceptions the first exception
 * propagates at once and the other children keep running; with it, the
 * exceptions come back in the list, a cancelled child as CancelledError. */
#include "scenario.h"

typedef struct child_frame {
    al_gen g;
    const char *name;
    double delay;
    al_value exc;
    al_sleep_co sleep;
    al_value r;
} child_frame;

static al_signal child_body(al_gen *g)
{
    child_frame *f = (child_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled %g", f->name, now(vm));
    AL_PROPAGATE(g);
    if (!al_is_none(f->exc)) {
        al_print(vm, "%s raises %r %g", f->name, f->exc, now(vm));
        AL_RAISE(g, f->exc);
    }
    al_print(vm, "%s returns %g", f->name, now(vm));
    AL_RETURN(g, al_cstr(vm, f->name));
    AL_GEN_END(g);
}
static const al_gen_def child_def = {"child", child_body, true};

static al_task *child(al_vm *vm, const char *name, double delay, al_value exc)
{
    child_frame *f = (child_frame *)al_gen_new(vm, sizeof *f, &child_def);
    f->name = name;
    f->delay = delay;
    f->exc = exc;
    return al_create_task(vm, &f->g);
}

/* type_names is [type(r).__name__ for r in res], for str and exceptions. */
static al_value type_names(al_vm *vm, al_value res)
{
    al_value l = al_list_new(vm, al_len(res));
    for (size_t i = 0; i < al_len(res); i++) {
        al_value r = al_item(res, i);
        al_list_append(vm, l, al_cstr(vm, r.type == AL_EXC ? r.u.exc->type->name : "str"));
    }
    return l;
}

typedef struct frame {
    al_gen g;
    al_task *a, *b, *c, *d, *e, *f, *gt, *h, *i;
    al_sleep_co sleep;
    al_value r, x;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->a = child(vm, "a", 1, al_exc_msg(vm, &al_ValueError, "a broke"));
    f->b = child(vm, "b", 2, al_none());
    f->c = child(vm, "c", 3, al_exc_msg(vm, &al_KeyError, "c"));
    {
        al_future *fs[] = {al_task_fut(f->a), al_task_fut(f->b), al_task_fut(f->c)};
        AL_AWAIT_TRY(g, al_gather(vm, 3, fs, false), f->r);
    }
    if (!al_is_none(f->x = al_except(g, &al_ValueError)))
        al_print(vm, "gather raised %r %g", f->x, now(vm));
    AL_PROPAGATE(g);
    al_print(vm, "b and c still pending: %v %v", al_bool(al_future_done(al_task_fut(f->b))),
             al_bool(al_future_done(al_task_fut(f->c))));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 2.5, al_none()), f->r);
    al_future_exception(al_task_fut(f->c), &f->x);
    al_print(vm, "c %v %r", al_bool(al_future_done(al_task_fut(f->c))), f->x);

    f->d = child(vm, "d", 1, al_none());
    f->e = child(vm, "e", 0.5, al_exc_msg(vm, &al_ZeroDivisionError, "div"));
    f->f = child(vm, "f", 2, al_none());
    f->gt = child(vm, "g", 5, al_none());
    al_call_later(vm, 1.5, cancel_task_cb, f->gt, NULL, "Task.cancel");
    {
        al_future *fs[] = {al_task_fut(f->d), al_task_fut(f->e), al_task_fut(f->f), al_task_fut(f->gt)};
        AL_AWAIT(g, al_gather(vm, 4, fs, true), f->r);
    }
    al_print(vm, "results %r %g", f->r, now(vm));
    al_print(vm, "types %r", type_names(vm, f->r));

    f->h = child(vm, "h", 1, al_none());
    f->i = child(vm, "i", 2, al_none());
    al_call_later(vm, 0.5, cancel_task_cb, f->h, NULL, "Task.cancel");
    {
        al_future *fs[] = {al_task_fut(f->h), al_task_fut(f->i)};
        AL_AWAIT_TRY(g, al_gather(vm, 2, fs, false), f->r);
    }
    if (!al_is_none(f->x = al_except(g, &al_CancelledError)))
        al_print(vm, "gather of a cancelled child raised %r %g %v", f->x, now(vm),
                 al_bool(al_future_done(al_task_fut(f->i))));
    AL_PROPAGATE(g);
    AL_AWAIT(g, al_task_fut(f->i), f->r);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
