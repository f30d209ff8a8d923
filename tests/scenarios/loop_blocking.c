/* A blocking call (time.sleep) inside a coroutine freezes the whole loop:
 * the virtual clock jumps, and timers that fell due meanwhile fire late. */
#include "scenario.h"

typedef struct ticker_frame {
    al_gen g;
    int64_t n, i;
    al_sleep_co sleep;
    al_value r;
} ticker_frame;

static al_signal ticker_body(al_gen *g)
{
    ticker_frame *f = (ticker_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < f->n; f->i++) {
        al_print(vm, "tick %D %g", f->i, now(vm));
        AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    }
    AL_RETURN(g, al_int(f->n));
    AL_GEN_END(g);
}
static const al_gen_def ticker_def = {"ticker", ticker_body, true};

static al_gen *ticker(al_vm *vm, int64_t n)
{
    ticker_frame *f = (ticker_frame *)al_gen_new(vm, sizeof *f, &ticker_def);
    f->n = n;
    return &f->g;
}

typedef struct frame {
    al_gen g;
    al_task *t;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->t = al_create_task(vm, ticker(vm, 3));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0.5, al_none()), f->r);
    al_print(vm, "blocking %g", now(vm));
    al_block(vm, 2);
    al_print(vm, "unblocked %g", now(vm));
    AL_AWAIT(g, al_task_fut(f->t), f->r);
    al_print(vm, "ticker returned %v %g", f->r, now(vm));
    al_block(vm, 0.25);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_print(vm, "done %g", now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
