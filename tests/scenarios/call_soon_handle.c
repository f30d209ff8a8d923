/* loop.call_soon returns a Handle: cancel() before its turn skips the
 * callback, cancel() after it ran changes nothing but the flag, and
 * cancelled() says which; a callback may cancel one queued behind it in
 * the same iteration, but not one that already ran. */
#include "scenario.h"

static void say(al_vm *vm, void *tag, void *unused)
{
    (void)unused;
    al_print(vm, "say %s", (const char *)tag);
}

/* box is the twin's [name, handle] list. */
typedef struct box {
    const char *name;
    al_handle *h;
} box;

static void canceller(al_vm *vm, void *b, void *unused)
{
    (void)unused;
    al_print(vm, "canceller cancels %s", ((box *)b)->name);
    al_handle_cancel(vm, ((box *)b)->h);
}

typedef struct frame {
    al_gen g;
    al_handle *kept, *dropped;
    box early, victim;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->kept = al_call_soon_handle(vm, say, "kept", NULL, "say");
    f->dropped = al_call_soon_handle(vm, say, "dropped", NULL, "say");
    al_print(vm, "cancelled? %v %v", al_bool(al_handle_cancelled(f->kept)), al_bool(al_handle_cancelled(f->dropped)));
    al_handle_cancel(vm, f->dropped);
    al_handle_cancel(vm, f->dropped);
    al_print(vm, "cancelled? %v %v", al_bool(al_handle_cancelled(f->kept)), al_bool(al_handle_cancelled(f->dropped)));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_handle_cancel(vm, f->kept);
    al_print(vm, "after running, cancel marks it: %v", al_bool(al_handle_cancelled(f->kept)));
    f->early.name = "early";
    f->early.h = al_call_soon_handle(vm, say, "early", NULL, "say");
    al_call_soon(vm, canceller, &f->early, NULL, "canceller");
    f->victim.name = "victim";
    al_call_soon(vm, canceller, &f->victim, NULL, "canceller");
    f->victim.h = al_call_soon_handle(vm, say, "victim", NULL, "say");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_print(vm, "early cancelled? %v victim cancelled? %v", al_bool(al_handle_cancelled(f->early.h)),
             al_bool(al_handle_cancelled(f->victim.h)));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
