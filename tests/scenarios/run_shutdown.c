/* asyncio.run: it returns main's result; when main returns, the tasks
 * still pending are cancelled and run to their end (one may even catch
 * the cancel and go on awhile), callbacks already due still run, and a
 * timer set for later never fires. */
#include "scenario.h"

typedef struct lingering_frame {
    al_gen g;
    const char *name;
    double delay;
    al_sleep_co sleep;
    al_value r;
} lingering_frame;

static al_signal lingering_body(al_gen *g)
{
    lingering_frame *f = (lingering_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "%s finished %g", f->name, now(vm));
    else if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled by asyncio.run %r %g", f->name, al_pending(g), now(vm));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def lingering_def = {"lingering", lingering_body, true};

static al_gen *lingering(al_vm *vm, const char *name, double delay)
{
    lingering_frame *f = (lingering_frame *)al_gen_new(vm, sizeof *f, &lingering_def);
    f->name = name;
    f->delay = delay;
    return &f->g;
}

static al_signal stubborn_body(al_gen *g)
{
    lingering_frame *f = (lingering_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 10, al_none()), f->r);
    if (al_is_none(al_except(g, &al_CancelledError)))
        AL_PROPAGATE(g);
    else {
        al_print(vm, "stubborn catches the shutdown cancel and sleeps on %g", now(vm));
        AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
        al_print(vm, "stubborn done %g", now(vm));
        AL_RETURN(g, al_cstr(vm, "ignored"));
    }
    AL_GEN_END(g);
}
static const al_gen_def stubborn_def = {"stubborn", stubborn_body, true};

static void say(al_vm *vm, void *text, void *unused)
{
    (void)unused;
    al_print(vm, "%s", (const char *)text);
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
    al_create_task(vm, lingering(vm, "short", 0.5));
    al_create_task(vm, lingering(vm, "long", 5));
    al_create_task(vm, al_gen_new(vm, sizeof(lingering_frame), &stubborn_def));
    al_call_later(vm, 0.25, say, "timer in main's time", NULL, "print");
    al_call_later(vm, 3, say, "timer never fires", NULL, "print");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_call_soon(vm, say, "callback queued as main returns", NULL, "print");
    al_print(vm, "main returns %g", now(vm));
    f->r = al_list_new(vm, 2);
    al_list_append(vm, f->r, al_int(1));
    al_list_append(vm, f->r, al_cstr(vm, "two"));
    AL_RETURN(g, f->r);
    AL_GEN_END(g);
}

static void then(al_vm *vm, al_value result)
{
    al_print(vm, "run returned %v", result);
}

SCENARIO_THEN(frame, main_body, then)
