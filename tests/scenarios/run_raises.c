/* An exception that escapes main: asyncio.run still cancels the other
 * tasks first (they print), then re-raises it; the program prints a
 * traceback on stderr and exits with status 1. */
#include "scenario.h"

typedef struct helper_frame {
    al_gen g;
    const char *name;
    al_sleep_co sleep;
    al_value r;
} helper_frame;

static al_signal helper_body(al_gen *g)
{
    helper_frame *f = (helper_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 10, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled during shutdown %g", f->name, now(vm));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def helper_def = {"helper", helper_body, true};

static al_task *helper(al_vm *vm, const char *name)
{
    helper_frame *f = (helper_frame *)al_gen_new(vm, sizeof *f, &helper_def);
    f->name = name;
    return al_create_task(vm, &f->g);
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
    const al_exc_type *AppError = al_exc_type_new(vm, "AppError", &al_Exception);
    AL_GEN_BEGIN(g);
    helper(vm, "h1");
    helper(vm, "h2");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 2, al_none()), f->r);
    al_print(vm, "main raises %g", now(vm));
    AL_RAISE(g, al_exc_msg(vm, AppError, "main gave up"));
    AL_GEN_END(g);
}

static void then(al_vm *vm, al_value result)
{
    (void)result;
    al_print(vm, "never printed");
}

SCENARIO_THEN(frame, main_body, then)
