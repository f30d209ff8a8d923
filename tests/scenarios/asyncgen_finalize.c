/* An async generator left suspended when the last reference to it goes
 * (here: main's frame, when main returns) is finalized through the
 * loop's finalizer hook: its aclose() is scheduled as a task right away.
 * asyncio.run's shutdown then cancels that task like any task still
 * pending, so the finally block runs up to its first await only.  One
 * that main keeps alive to the end is closed by shutdown_asyncgens and
 * runs its finally block to the end.  al_asyncgen_release says where
 * Python drops the last reference. */
#include "scenario.h"

typedef struct ticker_ag {
    al_asyncgen ag;
    const char *name;
    int64_t i;
    al_sleep_co sleep;
    al_value r, pending;
} ticker_ag;

static al_signal ticker_body(al_gen *g)
{
    ticker_ag *f = (ticker_ag *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < 5; f->i++) {
        AL_AYIELD_TRY(g, al_int(f->i));
        if (!al_is_none(al_pending(g)))
            break;
        AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
        if (!al_is_none(al_pending(g)))
            break;
    }
    f->pending = al_except(g, &al_BaseException); /* finally: */
    al_print(vm, "  %s finally at %g", f->name, now(vm));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0.5, al_none()), f->r);
    al_print(vm, "  %s closed at %g", f->name, now(vm));
    if (!al_is_none(f->pending))
        AL_RAISE(g, f->pending);
    AL_GEN_END(g);
}
static const al_gen_def ticker_def = {"ticker", ticker_body, false};

static ticker_ag *ticker(al_vm *vm, const char *name)
{
    ticker_ag *t = (ticker_ag *)al_asyncgen_new(vm, sizeof *t, &ticker_def);
    t->name = name;
    return t;
}

typedef struct other_frame {
    al_gen g;
    al_sleep_co sleep;
    al_value r;
} other_frame;

static al_signal other_body(al_gen *g)
{
    other_frame *f = (other_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, g->vm, 0.1, al_none()), f->r);
    al_print(g->vm, "other ran");
    AL_GEN_END(g);
}
static const al_gen_def other_def = {"other", other_body, true};

typedef struct frame {
    al_gen g;
    ticker_ag *a, *b;
    al_anext_co next;
    al_value x;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_create_task(vm, al_gen_new(vm, sizeof(other_frame), &other_def));
    f->a = ticker(vm, "a");
    for (;;) {
        AL_ASYNC_FOR_NEXT(g, al_anext(&f->next, &f->a->ag), f->x);
        al_print(vm, "a: %v", f->x);
        break;
    }
    f->b = ticker(vm, "b"); /* kept: the twin appends it to a global list */
    AL_YIELD_FROM(g, al_anext(&f->next, &f->b->ag), f->x);
    al_print(vm, "b: %v", f->x);
    al_print(vm, "main returns");
    al_asyncgen_release(&f->a->ag); /* main's frame, and a with it, goes */
    AL_GEN_END(g);
}

static void then(al_vm *vm, al_value result)
{
    (void)result;
    al_print(vm, "after run");
}

SCENARIO_THEN(frame, main_body, then)
