/* asyncio.wait_for: the result when in time; on the timeout the inner
 * awaitable is cancelled and waited for, then TimeoutError; timeout=None
 * waits forever; a done future returns at once even with timeout 0; an
 * inner task that swallows the cancel returns its value instead. */
#include "scenario.h"

typedef struct job_frame {
    al_gen g;
    const char *name;
    double delay;
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
        al_print(vm, "  %s cancelled at %g", f->name, now(vm));
    AL_PROPAGATE(g);
    AL_RETURN(g, al_cstr(vm, f->name));
    AL_GEN_END(g);
}
static const al_gen_def job_def = {"job", job_body, true};

static al_gen *job(al_vm *vm, const char *name, double delay)
{
    job_frame *f = (job_frame *)al_gen_new(vm, sizeof *f, &job_def);
    f->name = name;
    f->delay = delay;
    return &f->g;
}

static al_signal stubborn_body(al_gen *g)
{
    job_frame *f = (job_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 10, al_none()), f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "  stubborn ignores the cancel %g", now(vm));
    AL_PROPAGATE(g);
    AL_RETURN(g, al_cstr(vm, "stubborn's value"));
    AL_GEN_END(g);
}
static const al_gen_def stubborn_def = {"stubborn", stubborn_body, true};

static void set_inner_error(al_vm *vm, void *fut, void *unused)
{
    (void)unused;
    al_future_set_exception(fut, al_exc_msg(vm, &al_KeyError, "inner"));
}

typedef struct frame {
    al_gen g;
    al_future f, gf;
    al_task *t;
    al_wait_for_co wf;
    al_value r, e;
} frame;

/* WAIT_FOR_TRY is "r = await asyncio.wait_for(fut or coro, timeout)",
 * with the exception left pending. */
#define WAIT_FOR_TRY(f, fut, coro, timeout) \
    AL_YIELD_FROM_TRY(&(f)->g, al_wait_for(&(f)->wf, vm, fut, coro, timeout), (f)->r)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    WAIT_FOR_TRY(f, NULL, job(vm, "fast", 1), 2);
    AL_PROPAGATE(g);
    al_print(vm, "in time: %v %g", f->r, now(vm));
    WAIT_FOR_TRY(f, NULL, job(vm, "slow", 5), 1.5);
    if (!al_is_none(f->e = al_except(g, &al_TimeoutError)))
        al_print(vm, "timed out: %r %s %g", f->e, f->e.u.exc->type->name, now(vm));
    AL_PROPAGATE(g);
    WAIT_FOR_TRY(f, NULL, job(vm, "unbounded", 3), AL_NO_TIMEOUT);
    AL_PROPAGATE(g);
    al_print(vm, "None: %v %g", f->r, now(vm));
    al_future_init(&f->f, vm, "f");
    al_future_set_result(&f->f, al_cstr(vm, "ready"));
    WAIT_FOR_TRY(f, &f->f, NULL, 0);
    AL_PROPAGATE(g);
    al_print(vm, "done future, timeout 0: %v %g", f->r, now(vm));
    WAIT_FOR_TRY(f, NULL, job(vm, "zero", 1), 0);
    if (!al_is_none(f->e = al_except(g, &al_TimeoutError)))
        al_print(vm, "timeout 0 on a coroutine: %r %g", f->e, now(vm));
    AL_PROPAGATE(g);
    f->t = al_create_task(vm, job(vm, "task", 3));
    WAIT_FOR_TRY(f, al_task_fut(f->t), NULL, 1);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "task cancelled by wait_for: %v %g", al_bool(al_future_cancelled(al_task_fut(f->t))), now(vm));
    AL_PROPAGATE(g);
    al_future_init(&f->gf, vm, "g");
    al_call_later(vm, 0.5, set_inner_error, &f->gf, NULL, "Future.set_exception");
    WAIT_FOR_TRY(f, &f->gf, NULL, 1);
    if (!al_is_none(f->e = al_except(g, &al_KeyError)))
        al_print(vm, "inner exception: %r %g", f->e, now(vm));
    AL_PROPAGATE(g);
    WAIT_FOR_TRY(f, NULL, al_gen_new(vm, sizeof(job_frame), &stubborn_def), 1);
    AL_PROPAGATE(g);
    al_print(vm, "stubborn: %v %g", f->r, now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
