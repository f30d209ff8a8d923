/* Misuse of futures and tasks: set_exception(StopIteration()) is a
 * TypeError, but a subclass of StopIteration is accepted; a Task refuses
 * set_result and set_exception with RuntimeError and keeps running. */
#include "scenario.h"

typedef struct work_frame {
    al_gen g;
    al_sleep_co sleep;
    al_value r;
} work_frame;

static al_signal work_body(al_gen *g)
{
    work_frame *f = (work_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_print(vm, "work finishes %g", now(vm));
    AL_RETURN(g, al_cstr(vm, "work's result"));
    AL_GEN_END(g);
}
static const al_gen_def work_def = {"work", work_body, true};

typedef struct frame {
    al_gen g;
    al_future f, gf;
    al_task *t;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    const al_exc_type *MyStop = al_exc_type_new(vm, "MyStop", &al_StopIteration);
    AL_GEN_BEGIN(g);
    al_future_init(&f->f, vm, "f");
    f->e = al_future_set_exception(&f->f, al_exc_msg(vm, &al_StopIteration, "plain"));
    if (al_exc_isa(f->e, &al_TypeError))
        al_print(vm, "plain StopIteration: %r %v", f->e, al_bool(al_future_done(&f->f)));
    al_future_init(&f->gf, vm, "g");
    al_future_set_exception(&f->gf, al_exc_msg(vm, MyStop, "sub"));
    al_future_exception(&f->gf, &f->e);
    al_print(vm, "subclass accepted: %v %r", al_bool(al_future_done(&f->gf)), f->e);
    f->t = al_create_task(vm, al_gen_new(vm, sizeof(work_frame), &work_def));
    f->e = al_future_set_result(al_task_fut(f->t), al_cstr(vm, "forced"));
    if (al_exc_isa(f->e, &al_RuntimeError))
        al_print(vm, "task set_result: %r", f->e);
    f->e = al_future_set_exception(al_task_fut(f->t), al_exc_msg(vm, &al_ValueError, "forced"));
    if (al_exc_isa(f->e, &al_RuntimeError))
        al_print(vm, "task set_exception: %r", f->e);
    al_print(vm, "task done? %v", al_bool(al_future_done(al_task_fut(f->t))));
    AL_AWAIT(g, al_task_fut(f->t), f->r);
    al_print(vm, "await t %v %g", f->r, now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
