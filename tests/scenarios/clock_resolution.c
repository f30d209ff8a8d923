/* The loop's clock resolution: a timer due within 1e-9 s of now counts as
 * due already, so it fires without the clock moving; one just beyond
 * waits.  Float sums of small sleeps land where CPython's do. */
#include "scenario.h"

static void fire(al_vm *vm, void *tag, void *unused)
{
    (void)unused;
    al_print(vm, "fire %s %r", (const char *)tag, al_float(now(vm)));
}

typedef struct frame {
    al_gen g;
    int i;
    al_sleep_co sleep;
    al_value r;
} frame;

#define SLEEP(f, d) AL_YIELD_FROM(&(f)->g, al_sleep(&(f)->sleep, vm, d, al_none()), (f)->r)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_call_later(vm, 5e-10, fire, "within resolution", NULL, "fire");
    al_call_later(vm, 2e-9, fire, "beyond resolution", NULL, "fire");
    al_call_later(vm, 0, fire, "zero", NULL, "fire");
    SLEEP(f, 0);
    al_print(vm, "after one iteration %r", al_float(now(vm)));
    SLEEP(f, 1e-8);
    al_print(vm, "after 1e-8 %r", al_float(now(vm)));
    for (f->i = 0; f->i < 3; f->i++)
        SLEEP(f, 0.1);
    al_print(vm, "three tenths %r", al_float(now(vm)));
    al_call_at(vm, now(vm) + 0.7, fire, "at +0.7", NULL, "fire");
    al_call_later(vm, 0.7, fire, "later 0.7", NULL, "fire");
    SLEEP(f, 0.7);
    al_print(vm, "end %r", al_float(now(vm)));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
