/* Coroutines awaiting coroutines: results and exceptions pass up through
 * every frame; try/finally in a middle frame runs on the way out, both on
 * an error and on a cancel; a task's step runs the whole chain at once
 * until something really suspends. */
#include "scenario.h"

/* secs is float(n); times2 and plus1 keep n's type, as Python's * and +. */
static double secs(al_value n) { return n.type == AL_INT ? (double)n.u.i : n.u.f; }
static al_value times2(al_value n) { return n.type == AL_INT ? al_int(n.u.i * 2) : al_float(n.u.f * 2); }
static al_value plus1(al_value n) { return n.type == AL_INT ? al_int(n.u.i + 1) : al_float(n.u.f + 1); }

typedef struct leaf_frame {
    al_gen g;
    al_value n;
    bool fail;
    al_sleep_co sleep;
    al_value r;
} leaf_frame;

static al_signal leaf_body(al_gen *g)
{
    leaf_frame *f = (leaf_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "    leaf %v starts %g", f->n, now(vm));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, secs(f->n), al_none()), f->r);
    if (f->fail)
        AL_RAISE(g, al_exc_new(vm, &al_ArithmeticError, al_strf(vm, "leaf %v failed", f->n)));
    AL_RETURN(g, times2(f->n));
    AL_GEN_END(g);
}
static const al_gen_def leaf_def = {"leaf", leaf_body, true};

typedef struct middle_frame {
    al_gen g;
    al_value n;
    bool fail;
    leaf_frame leaf;
    al_value r;
} middle_frame;

static al_signal middle_body(al_gen *g)
{
    middle_frame *f = (middle_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "  middle %v enters %g", f->n, now(vm));
    al_gen_init(&f->leaf.g, vm, &leaf_def);
    f->leaf.n = f->n;
    f->leaf.fail = f->fail;
    AL_YIELD_FROM_TRY(g, &f->leaf.g, f->r);
    if (al_is_none(al_pending(g))) {
        al_print(vm, "  middle %v got %v", f->n, f->r);
        f->r = plus1(f->r);
    }
    al_print(vm, "  middle %v cleans up %g", f->n, now(vm)); /* finally: */
    AL_PROPAGATE(g);
    AL_RETURN(g, f->r);
    AL_GEN_END(g);
}
static const al_gen_def middle_def = {"middle", middle_body, true};

static al_gen *middle(al_vm *vm, al_value n, bool fail)
{
    middle_frame *f = (middle_frame *)al_gen_new(vm, sizeof *f, &middle_def);
    f->n = n;
    f->fail = fail;
    return &f->g;
}

typedef struct top_frame {
    al_gen g;
    al_value n;
    bool fail;
    al_value r, e;
} top_frame;

static al_signal top_body(al_gen *g)
{
    top_frame *f = (top_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, middle(vm, f->n, f->fail), f->r);
    if (!al_is_none(f->e = al_except(g, &al_ArithmeticError))) {
        al_print(vm, "top %v caught %r %g", f->n, f->e, now(vm));
        AL_RETURN(g, al_int(-1));
    }
    AL_PROPAGATE(g);
    al_print(vm, "top %v got %v %g", f->n, f->r, now(vm));
    AL_RETURN(g, f->r);
    AL_GEN_END(g);
}
static const al_gen_def top_def = {"top", top_body, true};

static al_gen *top(al_vm *vm, al_value n, bool fail)
{
    top_frame *f = (top_frame *)al_gen_new(vm, sizeof *f, &top_def);
    f->n = n;
    f->fail = fail;
    return &f->g;
}

typedef struct frame {
    al_gen g;
    al_task *t;
    al_sleep_co sleep;
    al_value r, r2;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, top(vm, al_int(1), false), f->r);
    AL_YIELD_FROM(g, top(vm, al_float(0.5), true), f->r2);
    al_print(vm, "results %v %v", f->r, f->r2);
    f->t = al_create_task(vm, top(vm, al_int(5), false));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_task_cancel(f->t, al_none());
    AL_AWAIT_TRY(g, al_task_fut(f->t), f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "cancelled through the chain %g", now(vm));
    AL_PROPAGATE(g);
    AL_YIELD_FROM(g, middle(vm, al_int(0), false), f->r);
    al_print(vm, "no-suspend chain %v %g", f->r, now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
