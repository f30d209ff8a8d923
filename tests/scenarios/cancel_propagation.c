/* Where a cancel goes: cancelling a task that awaits another task cancels
 * that one too (its fut_waiter), unless it is shielded; a gather under
 * wait_for is cancelled with all its children; a task that raises
 * CancelledError on its own ends cancelled; a queue getter cancelled by a
 * timeout loses no item. */
#include "scenario.h"

typedef struct inner_frame {
    al_gen g;
    const char *name;
    double delay;
    al_sleep_co sleep;
    al_value r;
} inner_frame;

static al_signal inner_body(al_gen *g)
{
    inner_frame *f = (inner_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "  %s cancelled %g", f->name, now(vm));
    AL_PROPAGATE(g);
    al_print(vm, "  %s finished %g", f->name, now(vm));
    AL_RETURN(g, al_cstr(vm, f->name));
    AL_GEN_END(g);
}
static const al_gen_def inner_def = {"inner", inner_body, true};

static al_gen *inner(al_vm *vm, const char *name, double delay)
{
    inner_frame *f = (inner_frame *)al_gen_new(vm, sizeof *f, &inner_def);
    f->name = name;
    f->delay = delay;
    return &f->g;
}

typedef struct outer_frame {
    al_gen g;
    al_task *target;
    bool shielded;
    al_value r;
} outer_frame;

static al_signal outer_body(al_gen *g)
{
    outer_frame *f = (outer_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    if (f->shielded)
        AL_AWAIT(g, al_shield(vm, al_task_fut(f->target)), f->r);
    else
        AL_AWAIT(g, al_task_fut(f->target), f->r);
    AL_RETURN(g, f->r);
    AL_GEN_END(g);
}
static const al_gen_def outer_def = {"outer", outer_body, true};

static al_task *outer(al_vm *vm, al_task *target, bool shielded)
{
    outer_frame *f = (outer_frame *)al_gen_new(vm, sizeof *f, &outer_def);
    f->target = target;
    f->shielded = shielded;
    return al_create_task(vm, &f->g);
}

static al_signal quitter_body(al_gen *g)
{
    inner_frame *f = (inner_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0.5, al_none()), f->r);
    AL_RAISE(g, al_exc_msg(vm, &al_CancelledError, "I quit"));
    AL_GEN_END(g);
}
static const al_gen_def quitter_def = {"quitter", quitter_body, true};

#define CANCELLED(t) al_bool(al_future_cancelled(al_task_fut(t)))

typedef struct frame {
    al_gen g;
    al_task *i1, *o1, *i2, *o2, *q;
    al_queue queue;
    al_queue_co get;
    al_wait_for_co wf;
    al_sleep_co sleep;
    al_value r, e;
} frame;

#define SLEEP(f, d) AL_YIELD_FROM(&(f)->g, al_sleep(&(f)->sleep, vm, d, al_none()), (f)->r)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->i1 = al_create_task(vm, inner(vm, "i1", 5));
    f->o1 = outer(vm, f->i1, false);
    SLEEP(f, 1);
    al_task_cancel(f->o1, al_none());
    SLEEP(f, 0);
    al_print(vm, "unshielded: outer %v inner %v %g", CANCELLED(f->o1), CANCELLED(f->i1), now(vm));

    f->i2 = al_create_task(vm, inner(vm, "i2", 2));
    f->o2 = outer(vm, f->i2, true);
    SLEEP(f, 1);
    al_task_cancel(f->o2, al_none());
    SLEEP(f, 0);
    al_print(vm, "shielded: outer %v inner done %v %g", CANCELLED(f->o2),
             al_bool(al_future_done(al_task_fut(f->i2))), now(vm));
    AL_AWAIT(g, al_task_fut(f->i2), f->r);
    al_print(vm, "inner result %v %g", f->r, now(vm));

    {
        al_gen *cs[] = {inner(vm, "g1", 1), inner(vm, "g2", 3)};
        al_future *gathering = al_gather_coros(vm, 2, cs, false);
        AL_YIELD_FROM_TRY(g, al_wait_for(&f->wf, vm, gathering, NULL, 2), f->r);
    }
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "gather timed out %g", now(vm));
    AL_PROPAGATE(g);

    f->q = al_create_task(vm, al_gen_new(vm, sizeof(inner_frame), &quitter_def));
    AL_AWAIT_TRY(g, al_task_fut(f->q), f->r);
    if (!al_is_none(f->e = al_except(g, &al_CancelledError)))
        al_print(vm, "quitter: %r %v %g", f->e, CANCELLED(f->q), now(vm));
    AL_PROPAGATE(g);

    al_queue_init(&f->queue, vm, "queue", AL_QUEUE_FIFO, 0);
    AL_YIELD_FROM_TRY(g, al_wait_for(&f->wf, vm, NULL, al_queue_get(&f->get, &f->queue), 0.5), f->r);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "get timed out %g", now(vm));
    AL_PROPAGATE(g);
    al_queue_put_nowait(&f->queue, al_cstr(vm, "kept"));
    AL_YIELD_FROM(g, al_queue_get(&f->get, &f->queue), f->r);
    al_print(vm, "item still there: %v %d %g", f->r, (int)al_queue_qsize(&f->queue), now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
