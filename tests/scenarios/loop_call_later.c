/* loop.call_later, loop.call_at and loop.time: timers fire by deadline,
 * equal deadlines in the order they were set, past deadlines on the next
 * iteration after the ready callbacks; a cancelled timer never fires. */
#include "scenario.h"

static void fire(al_vm *vm, void *tag, void *unused)
{
    (void)unused;
    al_print(vm, "fire %s %g", (const char *)tag, now(vm));
}

typedef struct frame {
    al_gen g;
    al_handle *h;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_call_later(vm, 2, fire, "two", NULL, "fire");
    al_call_later(vm, 1, fire, "one-a", NULL, "fire");
    al_call_later(vm, 1, fire, "one-b", NULL, "fire");
    al_call_later(vm, 0, fire, "zero", NULL, "fire");
    al_call_later(vm, -1, fire, "negative", NULL, "fire");
    al_call_soon(vm, fire, "soon", NULL, "fire");
    f->h = al_call_later(vm, 1.5, fire, "cancelled", NULL, "fire");
    al_call_at(vm, now(vm) + 0.5, fire, "at-half", NULL, "fire");
    al_print(vm, "cancelled before %v", al_bool(f->h->cancelled));
    al_handle_cancel(vm, f->h);
    al_handle_cancel(vm, f->h);
    al_print(vm, "cancelled after %v %g", al_bool(f->h->cancelled), f->h->when);
    al_print(vm, "start %g", now(vm));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_print(vm, "woke %g", now(vm));
    al_call_at(vm, 0.25, fire, "at-past", NULL, "fire");
    al_call_at(vm, now(vm), fire, "at-now", NULL, "fire");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 2, al_none()), f->r);
    al_print(vm, "end %g", now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
