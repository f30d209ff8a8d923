/* asyncio.run closes, at shutdown, every async generator that was first
 * iterated and not finished (loop.shutdown_asyncgens, through the firstiter
 * hook): each one's finally block runs then, and may still await.  An
 * error while closing goes to the loop's exception handler. */
#include "scenario.h"

typedef struct ticker_ag {
    al_asyncgen ag;
    const char *name;
    int64_t n, i;
    al_sleep_co sleep;
    al_value r, pending;
} ticker_ag;

static al_signal ticker_body(al_gen *g)
{
    ticker_ag *f = (ticker_ag *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < f->n; f->i++) {
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

static ticker_ag *ticker(al_vm *vm, const char *name, int64_t n)
{
    ticker_ag *t = (ticker_ag *)al_asyncgen_new(vm, sizeof *t, &ticker_def);
    t->name = name;
    t->n = n;
    return t;
}

static al_signal stubborn_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_AYIELD_TRY(g, al_cstr(g->vm, "s"));
    AL_RAISE(g, al_exc_msg(g->vm, &al_ValueError, "boom")); /* finally: */
    AL_GEN_END(g);
}
static const al_gen_def stubborn_def = {"stubborn", stubborn_body, false};

/* handler prints the message up to the generator's address. */
static al_value handler(al_vm *vm, const al_exc_context *c, void *arg)
{
    (void)arg;
    const char *at = strstr(c->message, " at 0x");
    int len = at ? (int)(at - c->message) : (int)strlen(c->message);
    al_print(vm, "handler: %v %r", al_str_new(vm, c->message, (size_t)len), c->exception);
    return al_none();
}

typedef struct frame {
    al_gen g;
    ticker_ag *a, *b, *c;
    al_asyncgen *s;
    al_anext_co next;
    al_value x;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_loop_set_exception_handler(vm, handler, NULL);
    f->a = ticker(vm, "a", 5);
    f->b = ticker(vm, "b", 5);
    f->c = ticker(vm, "c", 1);
    f->s = al_asyncgen_new(vm, sizeof *f->s, &stubborn_def);
    AL_YIELD_FROM(g, al_anext(&f->next, &f->a->ag), f->x);
    al_print(vm, "a: %v", f->x);
    AL_YIELD_FROM(g, al_anext(&f->next, f->s), f->x);
    al_print(vm, "s: %v", f->x);
    for (;;) {
        AL_ASYNC_FOR_NEXT(g, al_anext(&f->next, &f->c->ag), f->x);
        al_print(vm, "c: %v", f->x);
    }
    AL_YIELD_FROM(g, al_anext(&f->next, &f->a->ag), f->x);
    al_print(vm, "a: %v %g", f->x, now(vm));
    al_print(vm, "main returns; b never started");
    AL_GEN_END(g);
}

static void then(al_vm *vm, al_value result)
{
    (void)result;
    al_print(vm, "after run");
}

SCENARIO_THEN(frame, main_body, then)
