/* loop.call_soon: callbacks run in FIFO order, one loop iteration after
 * they are scheduled; a callback that schedules another pushes it to the
 * next iteration, behind the task that was already waiting. */
#include "scenario.h"

#include <stdint.h>

static void say(al_vm *vm, void *tag, void *unused)
{
    (void)unused;
    al_print(vm, "say %s", (const char *)tag);
}

static void chain(al_vm *vm, void *n, void *unused)
{
    (void)unused;
    intptr_t k = (intptr_t)n;
    al_print(vm, "chain %d", (int)k);
    if (k > 0)
        al_call_soon(vm, chain, (void *)(k - 1), NULL, "chain");
}

typedef struct frame {
    al_gen g;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_call_soon(vm, say, "a", NULL, "say");
    al_call_soon(vm, chain, (void *)(intptr_t)2, NULL, "chain");
    al_call_soon(vm, say, "b", NULL, "say");
    al_print(vm, "scheduled");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_print(vm, "after one sleep(0)");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_print(vm, "after two");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_print(vm, "after three");
    al_call_soon(vm, say, "last", NULL, "say");
    al_print(vm, "main returns %g", now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
