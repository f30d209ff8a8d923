/* asyncio.shield: cancelling the outer future (or the task awaiting it)
 * leaves the inner task running to its end; the inner result is still
 * there for whoever awaits the task itself; shield of a done future or of
 * a coroutine; an inner task cancelled from elsewhere cancels the outer,
 * and an inner error is the outer's error. */
#include "scenario.h"

typedef struct precious_frame {
    al_gen g;
    const char *name;
    double delay;
    al_sleep_co sleep;
    al_value r;
} precious_frame;

static al_signal precious_body(al_gen *g)
{
    precious_frame *f = (precious_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "  %s was cancelled %g", f->name, now(vm));
    AL_PROPAGATE(g);
    al_print(vm, "  %s completed %g", f->name, now(vm));
    AL_RETURN(g, al_strf(vm, "%s result", f->name));
    AL_GEN_END(g);
}
static const al_gen_def precious_def = {"precious", precious_body, true};

static al_gen *precious(al_vm *vm, const char *name, double delay)
{
    precious_frame *f = (precious_frame *)al_gen_new(vm, sizeof *f, &precious_def);
    f->name = name;
    f->delay = delay;
    return &f->g;
}

static al_signal broken_body(al_gen *g)
{
    precious_frame *f = (precious_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    AL_RAISE(g, al_exc_msg(vm, &al_KeyError, "broken"));
    AL_GEN_END(g);
}
static const al_gen_def broken_def = {"broken", broken_body, true};

typedef struct caller_frame {
    al_gen g;
    al_task *inner;
    al_value r;
} caller_frame;

static al_signal caller_body(al_gen *g)
{
    caller_frame *f = (caller_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_AWAIT_TRY(g, al_shield(vm, al_task_fut(f->inner)), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "  caller cancelled, inner done? %v %g",
                 al_bool(al_future_done(al_task_fut(f->inner))), now(vm));
    AL_PROPAGATE(g);
    AL_RETURN(g, f->r);
    AL_GEN_END(g);
}
static const al_gen_def caller_def = {"caller", caller_body, true};

typedef struct frame {
    al_gen g;
    al_task *inner, *t;
    al_future *outer;
    al_future f;
    al_sleep_co sleep;
    al_value r, e;
} frame;

#define SLEEP(f, d) AL_YIELD_FROM(&(f)->g, al_sleep(&(f)->sleep, vm, d, al_none()), (f)->r)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->inner = al_create_task(vm, precious(vm, "save", 2));
    f->outer = al_shield(vm, al_task_fut(f->inner));
    SLEEP(f, 1);
    {
        bool c = al_future_cancel(f->outer, al_none());
        al_print(vm, "cancel outer: %v %v %v", al_bool(c), al_bool(al_future_cancelled(f->outer)),
                 al_bool(al_future_cancelled(al_task_fut(f->inner))));
    }
    AL_AWAIT(g, al_task_fut(f->inner), f->r);
    al_print(vm, "inner still gives %v %g", f->r, now(vm));

    f->inner = al_create_task(vm, precious(vm, "call", 2));
    {
        caller_frame *c = (caller_frame *)al_gen_new(vm, sizeof *c, &caller_def);
        c->inner = f->inner;
        f->t = al_create_task(vm, &c->g);
    }
    SLEEP(f, 1);
    al_task_cancel(f->t, al_none());
    AL_AWAIT_TRY(g, al_task_fut(f->t), f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "caller task cancelled %v %g", al_bool(al_future_cancelled(al_task_fut(f->t))), now(vm));
    AL_PROPAGATE(g);
    AL_AWAIT(g, al_task_fut(f->inner), f->r);
    al_print(vm, "inner %v %g", f->r, now(vm));

    al_future_init(&f->f, vm, "f");
    al_future_set_result(&f->f, al_cstr(vm, "ready"));
    AL_AWAIT(g, al_shield(vm, &f->f), f->r);
    al_print(vm, "shield of a done future: %v", f->r);
    AL_AWAIT(g, al_shield_coro(vm, precious(vm, "coro", 0.5)), f->r);
    al_print(vm, "shield of a coroutine: %v %g", f->r, now(vm));

    f->inner = al_create_task(vm, precious(vm, "victim", 5));
    f->outer = al_shield(vm, al_task_fut(f->inner));
    SLEEP(f, 1);
    al_task_cancel(f->inner, al_none());
    AL_AWAIT_TRY(g, f->outer, f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "outer follows the inner cancel: %v %g", al_bool(al_future_cancelled(f->outer)), now(vm));
    AL_PROPAGATE(g);

    f->inner = al_create_task(vm, al_gen_new(vm, sizeof(precious_frame), &broken_def));
    f->outer = al_shield(vm, al_task_fut(f->inner));
    SLEEP(f, 0.5);
    {
        al_value oe, ie;
        al_future_exception(f->outer, &oe);
        al_future_exception(al_task_fut(f->inner), &ie);
        al_print(vm, "outer copies the error: %v %r %r", al_bool(al_future_done(f->outer)), oe, ie);
    }
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
