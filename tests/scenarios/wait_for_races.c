/* wait_for at the edges: the inner task finishes in the same iteration
 * the timeout fires; the task awaiting wait_for is itself cancelled (the
 * inner is cancelled too); an inner error beats the deadline; and
 * wait_for on a plain future that the timeout cancels. */
#include "scenario.h"

typedef struct job_frame {
    al_gen g;
    const char *name;
    double delay;
    al_value exc;
    al_sleep_co sleep;
    al_value r;
} job_frame;

static al_signal job_body(al_gen *g)
{
    job_frame *f = (job_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "  %s cancelled %g", f->name, now(vm));
    AL_PROPAGATE(g);
    if (!al_is_none(f->exc))
        AL_RAISE(g, f->exc);
    AL_RETURN(g, al_cstr(vm, f->name));
    AL_GEN_END(g);
}
static const al_gen_def job_def = {"job", job_body, true};

static al_gen *job(al_vm *vm, const char *name, double delay, al_value exc)
{
    job_frame *f = (job_frame *)al_gen_new(vm, sizeof *f, &job_def);
    f->name = name;
    f->delay = delay;
    f->exc = exc;
    return &f->g;
}

typedef struct outer_frame {
    al_gen g;
    al_wait_for_co wf;
    al_value r;
} outer_frame;

static al_signal outer_body(al_gen *g)
{
    outer_frame *f = (outer_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_wait_for(&f->wf, vm, NULL, job(vm, "inner", 10, al_none()), 20), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "  outer_waiter cancelled %g", now(vm));
    AL_PROPAGATE(g);
    AL_RETURN(g, f->r);
    AL_GEN_END(g);
}
static const al_gen_def outer_def = {"outer_waiter", outer_body, true};

static void set_in_time(al_vm *vm, void *fut, void *unused)
{
    (void)unused;
    al_future_set_result(fut, al_cstr(vm, "just in time"));
}

typedef struct frame {
    al_gen g;
    al_task *t;
    al_future f, gf;
    al_wait_for_co wf;
    al_sleep_co sleep;
    al_value r, e;
} frame;

#define WAIT_FOR_TRY(f, fut, coro, timeout) \
    AL_YIELD_FROM_TRY(&(f)->g, al_wait_for(&(f)->wf, vm, fut, coro, timeout), (f)->r)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    WAIT_FOR_TRY(f, NULL, job(vm, "tie", 1, al_none()), 1);
    if (al_is_none(al_pending(g)))
        al_print(vm, "tie: %v %g", f->r, now(vm));
    else if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "tie: TimeoutError %g", now(vm));
    AL_PROPAGATE(g);
    f->t = al_create_task(vm, al_gen_new(vm, sizeof(outer_frame), &outer_def));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_task_cancel(f->t, al_none());
    AL_AWAIT_TRY(g, al_task_fut(f->t), f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "outer task cancelled %v %g", al_bool(al_future_cancelled(al_task_fut(f->t))), now(vm));
    AL_PROPAGATE(g);
    WAIT_FOR_TRY(f, NULL, job(vm, "err", 0.5, al_exc_msg(vm, &al_KeyError, "early")), 1);
    if (!al_is_none(f->e = al_except(g, &al_KeyError)))
        al_print(vm, "inner error first: %r %g", f->e, now(vm));
    AL_PROPAGATE(g);
    al_future_init(&f->f, vm, "f");
    WAIT_FOR_TRY(f, &f->f, NULL, 0.25);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "future cancelled by the timeout: %v %g", al_bool(al_future_cancelled(&f->f)), now(vm));
    AL_PROPAGATE(g);
    al_future_init(&f->gf, vm, "g");
    al_call_later(vm, 0.5, set_in_time, &f->gf, NULL, "Future.set_result");
    WAIT_FOR_TRY(f, &f->gf, NULL, 0.5 + 1e-10);
    AL_PROPAGATE(g);
    al_print(vm, "%v %g", f->r, now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
