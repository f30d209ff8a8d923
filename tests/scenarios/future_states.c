/* A bare Future through its states: pending, finished with a result or an
 * exception, cancelled with and without a message, and the errors of each. */
#include "scenario.h"

static void show(al_vm *vm, const char *tag, al_future *f)
{
    al_value v;
    al_print(vm, "%s done %v cancelled %v", tag, al_bool(al_future_done(f)),
             al_bool(al_future_cancelled(f)));
    if (al_future_result(f, &v) == AL_RETURNED)
        al_print(vm, "  result %r", v);
    else
        al_print(vm, "  result raised %r", v);
    if (al_future_exception(f, &v) == AL_RETURNED)
        al_print(vm, "  exception %r", v);
    else
        al_print(vm, "  exception raised %r", v);
}

typedef struct frame {
    al_gen g;
    al_future a, b, c, d, e;
    al_value r, r2, x;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_future_init(&f->a, vm, "a");
    show(vm, "pending", &f->a);
    f->r = al_list_new(vm, 3);
    al_list_append(vm, f->r, al_int(1));
    al_list_append(vm, f->r, al_cstr(vm, "two"));
    al_list_append(vm, f->r, al_float(3.5));
    al_future_set_result(&f->a, f->r);
    show(vm, "result", &f->a);
    al_print(vm, "cancel a finished future: %v", al_bool(al_future_cancel(&f->a, al_none())));
    al_future_init(&f->b, vm, "b");
    al_future_set_exception(&f->b, al_exc_msg(vm, &al_ValueError, "bad"));
    show(vm, "exception", &f->b);
    f->x = al_future_set_result(&f->b, al_int(1));
    if (al_exc_isa(f->x, &al_InvalidStateError))
        al_print(vm, "set_result again: %r", f->x);
    al_future_init(&f->c, vm, "c");
    {
        bool c1 = al_future_cancel(&f->c, al_none());
        bool c2 = al_future_cancel(&f->c, al_none());
        al_print(vm, "cancel: %v %v", al_bool(c1), al_bool(c2));
    }
    show(vm, "cancelled", &f->c);
    al_future_init(&f->d, vm, "d");
    al_future_cancel(&f->d, al_cstr(vm, "because"));
    show(vm, "cancelled with msg", &f->d);
    f->x = al_future_set_exception(&f->d, al_exc_msg(vm, &al_KeyError, "k"));
    if (al_exc_isa(f->x, &al_InvalidStateError))
        al_print(vm, "set_exception on cancelled: %r", f->x);
    al_future_init(&f->e, vm, "e");
    al_future_set_result(&f->e, al_none());
    AL_AWAIT(g, &f->a, f->r);
    AL_AWAIT(g, &f->e, f->r2);
    al_print(vm, "await a %v await e %v", f->r, f->r2);
    AL_AWAIT_TRY(g, &f->b, f->r);
    if (!al_is_none(f->x = al_except(g, &al_ValueError)))
        al_print(vm, "await b raised %r", f->x);
    AL_PROPAGATE(g);
    AL_AWAIT_TRY(g, &f->d, f->r);
    if (!al_is_none(f->x = al_except(g, &al_CancelledError)))
        al_print(vm, "await d raised %r", f->x);
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
