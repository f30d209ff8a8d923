/* Tasks: names (Task-N, set by name= or set_name), current_task, all_tasks,
 * done/result/exception while pending and after, and a task that raises. */
#include "scenario.h"

typedef struct work_frame {
    al_gen g;
    al_value n;
    bool fail;
    al_sleep_co sleep;
    al_value r;
} work_frame;

static al_signal work_body(al_gen *g)
{
    work_frame *f = (work_frame *)g;
    al_vm *vm = g->vm;
    double secs = f->n.type == AL_INT ? (double)f->n.u.i : f->n.u.f;
    AL_GEN_BEGIN(g);
    al_print(vm, "work %v runs in %s %g", f->n, al_current_task(vm)->name, now(vm));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, secs, al_none()), f->r);
    if (f->fail)
        AL_RAISE(g, al_exc_new(vm, &al_LookupError, al_strf(vm, "work %v failed", f->n)));
    AL_RETURN(g, f->n.type == AL_INT ? al_int(f->n.u.i * 100) : al_float(secs * 100));
    AL_GEN_END(g);
}
static const al_gen_def work_def = {"work", work_body, true};

static al_gen *work(al_vm *vm, al_value n, bool fail)
{
    work_frame *f = (work_frame *)al_gen_new(vm, sizeof *f, &work_def);
    f->n = n;
    f->fail = fail;
    return &f->g;
}

typedef struct frame {
    al_gen g;
    al_task *a, *b, *c, *d;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "main is %s", al_current_task(vm)->name);
    f->a = al_create_task(vm, work(vm, al_int(1), false));
    f->b = al_create_task(vm, work(vm, al_int(2), false));
    al_task_set_name(f->b, "second");
    f->c = al_create_task(vm, work(vm, al_float(0.5), true));
    al_task_set_name(f->c, "failing");
    al_print(vm, "names %s %s %s", f->a->name, f->b->name, f->c->name);
    al_print(vm, "all %r", all_task_names(vm));
    al_print(vm, "a done %v", al_bool(al_future_done(al_task_fut(f->a))));
    if (al_future_result(al_task_fut(f->a), &f->e) == AL_RAISED)
        al_print(vm, "a.result() %r", f->e);
    if (al_future_exception(al_task_fut(f->a), &f->e) == AL_RAISED)
        al_print(vm, "a.exception() %r", f->e);
    AL_AWAIT(g, al_task_fut(f->a), f->r);
    al_print(vm, "await a %v %g", f->r, now(vm));
    al_future_result(al_task_fut(f->a), &f->r);
    al_future_exception(al_task_fut(f->a), &f->e);
    al_print(vm, "a %v %v %v %v", al_bool(al_future_done(al_task_fut(f->a))),
             al_bool(al_future_cancelled(al_task_fut(f->a))), f->r, f->e);
    al_future_exception(al_task_fut(f->c), &f->e);
    al_print(vm, "c %v %r", al_bool(al_future_done(al_task_fut(f->c))), f->e);
    if (al_future_result(al_task_fut(f->c), &f->e) == AL_RAISED && al_exc_isa(f->e, &al_LookupError))
        al_print(vm, "c.result() %r", f->e);
    AL_AWAIT_TRY(g, al_task_fut(f->c), f->r);
    if (!al_is_none(f->e = al_except(g, &al_LookupError)))
        al_print(vm, "await c %r", f->e);
    AL_PROPAGATE(g);
    al_print(vm, "all %r", all_task_names(vm));
    f->d = al_create_task(vm, work(vm, al_int(0), false));
    al_print(vm, "d is %s", f->d->name);
    AL_AWAIT(g, al_task_fut(f->b), f->r);
    al_print(vm, "await b %v %g", f->r, now(vm));
    AL_AWAIT(g, al_task_fut(f->d), f->r);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
