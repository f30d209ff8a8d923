/* Async generators: async for drives one; it can await between yields;
 * aclose() runs its finally; athrow() raises inside it; break out of
 * async for leaves it suspended until aclose(); asend() sends a value. */
#include "scenario.h"

typedef struct ticks_ag {
    al_asyncgen ag;
    int64_t n, i;
    double delay;
    al_sleep_co sleep;
    al_value r;
} ticks_ag;

static al_signal ticks_body(al_gen *g)
{
    ticks_ag *f = (ticks_ag *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < f->n; f->i++) {
        AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
        if (!al_is_none(al_pending(g)))
            break;
        AL_AYIELD_TRY(g, al_int(f->i));
        if (!al_is_none(al_pending(g)))
            break;
    }
    al_print(vm, "  ticks cleanup %g", now(vm)); /* finally: */
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def ticks_def = {"ticks", ticks_body, false};

static ticks_ag *ticks(al_vm *vm, int64_t n, double delay)
{
    ticks_ag *t = (ticks_ag *)al_asyncgen_new(vm, sizeof *t, &ticks_def);
    t->n = n;
    t->delay = delay;
    return t;
}

typedef struct echo_ag {
    al_asyncgen ag;
    al_value received, e;
} echo_ag;

static al_signal echo_body(al_gen *g)
{
    echo_ag *f = (echo_ag *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->received = al_none();
    for (;;) {
        AL_AYIELD_TRY(g, al_strf(vm, "echo %v", f->received));
        if (!al_is_none(f->e = al_except(g, &al_ValueError))) {
            al_print(vm, "  echo caught %r", f->e);
            f->received = al_cstr(vm, "after error");
            continue;
        }
        AL_PROPAGATE(g);
        f->received = AL_SENT(g);
    }
    AL_GEN_END(g);
}
static const al_gen_def echo_def = {"echo", echo_body, false};

typedef struct frame {
    al_gen g;
    ticks_ag *gen;
    echo_ag *e;
    al_anext_co next;
    al_value x, r, results;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->gen = ticks(vm, 3, 0.5);
    for (;;) {
        AL_ASYNC_FOR_NEXT(g, al_anext(&f->next, &f->gen->ag), f->x);
        al_print(vm, "tick %v %g", f->x, now(vm));
    }
    f->gen = ticks(vm, 10, 1);
    for (;;) {
        AL_ASYNC_FOR_NEXT(g, al_anext(&f->next, &f->gen->ag), f->x);
        al_print(vm, "tick %v %g", f->x, now(vm));
        if (f->x.u.i == 1)
            break;
    }
    al_print(vm, "after break %g", now(vm));
    AL_YIELD_FROM(g, al_aclose(&f->next, &f->gen->ag), f->r);
    AL_YIELD_FROM(g, al_aclose(&f->next, &f->gen->ag), f->r);
    f->e = (echo_ag *)al_asyncgen_new(vm, sizeof *f->e, &echo_def);
    AL_YIELD_FROM(g, al_asend(&f->next, &f->e->ag, al_none()), f->r);
    al_print(vm, "%v", f->r);
    AL_YIELD_FROM(g, al_asend(&f->next, &f->e->ag, al_cstr(vm, "hello")), f->r);
    al_print(vm, "%v", f->r);
    AL_YIELD_FROM(g, al_athrow(&f->next, &f->e->ag, al_exc_msg(vm, &al_ValueError, "bad")), f->r);
    al_print(vm, "%v", f->r);
    AL_YIELD_FROM(g, al_asend(&f->next, &f->e->ag, al_cstr(vm, "again")), f->r);
    al_print(vm, "%v", f->r);
    AL_YIELD_FROM(g, al_aclose(&f->next, &f->e->ag), f->r);
    AL_YIELD_FROM_TRY(g, al_asend(&f->next, &f->e->ag, al_cstr(vm, "closed")), f->r);
    if (!al_is_none(al_except(g, &al_StopAsyncIteration)))
        al_print(vm, "closed generator: StopAsyncIteration");
    AL_PROPAGATE(g);
    f->results = al_list_new(vm, 2);
    f->gen = ticks(vm, 2, 0.25);
    for (;;) {
        AL_ASYNC_FOR_NEXT(g, al_anext(&f->next, &f->gen->ag), f->x);
        al_list_append(vm, f->results, f->x);
    }
    al_print(vm, "comprehension %v %g", f->results, now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
