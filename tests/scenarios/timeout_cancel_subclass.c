/* When a timeout has fired, only an exact CancelledError leaving the block
 * becomes TimeoutError; a subclass of CancelledError raised instead passes
 * through unchanged.  A cancel from outside is not turned into a timeout. */
#include "scenario.h"

typedef struct guarded_frame {
    al_gen g;
    al_timeout tm;
    al_sleep_co sleep;
    al_value r;
} guarded_frame;

static al_signal guarded_body(al_gen *g)
{
    guarded_frame *f = (guarded_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_timeout_enter(&f->tm, vm, 5);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 10, al_none()), f->r);
    g->exc = al_timeout_exit(&f->tm, al_pending(g));
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "wrong: an outside cancel became TimeoutError");
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def guarded_def = {"guarded", guarded_body, true};

typedef struct frame {
    al_gen g;
    al_timeout tm;
    al_task *t;
    al_sleep_co sleep;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    const al_exc_type *MyCancel = al_exc_type_new(vm, "MyCancel", &al_CancelledError);
    AL_GEN_BEGIN(g);
    al_timeout_enter(&f->tm, vm, 1);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 2, al_none()), f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        g->exc = al_exc_msg(vm, MyCancel, "mine");
    g->exc = al_timeout_exit(&f->tm, al_pending(g));
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "converted to TimeoutError %g", now(vm));
    else if (!al_is_none(f->e = al_except(g, MyCancel)))
        al_print(vm, "passed through: %r %g", f->e, now(vm));
    AL_PROPAGATE(g);
    al_print(vm, "cancelling %d", al_task_cancelling(al_current_task(vm)));
    f->t = al_create_task(vm, al_gen_new(vm, sizeof(guarded_frame), &guarded_def));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_task_cancel(f->t, al_none());
    AL_AWAIT_TRY(g, al_task_fut(f->t), f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "outside cancel stays a CancelledError %v %g",
                 al_bool(al_future_cancelled(al_task_fut(f->t))), now(vm));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
