/* Task.cancelling and Task.uncancel: each cancel() request counts until
 * uncancel() takes one back; a task that swallows its CancelledError goes
 * on running, and one that was asked twice still counts two. */
#include "scenario.h"

typedef struct stubborn_frame {
    al_gen g;
    al_task *me;
    int round;
    al_sleep_co sleep;
    al_value r, e;
} stubborn_frame;

static al_signal stubborn_body(al_gen *g)
{
    stubborn_frame *f = (stubborn_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->me = al_current_task(vm);
    for (f->round = 0; f->round < 3; f->round++) {
        AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 10, al_none()), f->r);
        if (!al_is_none(f->e = al_except(g, &al_CancelledError))) {
            al_print(vm, "round %d swallowed %r cancelling %d %g", f->round, f->e,
                     al_task_cancelling(f->me), now(vm));
            al_print(vm, "  uncancel -> %d", al_task_uncancel(f->me));
        }
        AL_PROPAGATE(g);
    }
    al_print(vm, "stubborn ends, cancelling %d", al_task_cancelling(f->me));
    AL_RETURN(g, al_cstr(vm, "survived"));
    AL_GEN_END(g);
}
static const al_gen_def stubborn_def = {"stubborn", stubborn_body, true};

typedef struct frame {
    al_gen g;
    al_task *t, *me;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->t = al_create_task(vm, al_gen_new(vm, sizeof(stubborn_frame), &stubborn_def));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    {
        bool c = al_task_cancel(f->t, al_cstr(vm, "first"));
        al_print(vm, "cancel %v cancelling %d", al_bool(c), al_task_cancelling(f->t));
    }
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_task_cancel(f->t, al_cstr(vm, "second"));
    al_task_cancel(f->t, al_cstr(vm, "third"));
    al_print(vm, "after two cancels %d", al_task_cancelling(f->t));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_print(vm, "now %d", al_task_cancelling(f->t));
    al_task_cancel(f->t, al_none());
    AL_AWAIT(g, al_task_fut(f->t), f->r);
    al_print(vm, "result %v %v %d", f->r, al_bool(al_future_cancelled(al_task_fut(f->t))),
             al_task_cancelling(f->t));
    f->me = al_current_task(vm);
    {
        int before = al_task_cancelling(f->me);
        int u = al_task_uncancel(f->me);
        al_print(vm, "main cancelling %d uncancel on zero %d %d", before, u, al_task_cancelling(f->me));
    }
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
