/* throw() into an async generator's awaitable before it was ever sent to
 * goes straight into the generator (3.11's async_gen_asend_throw and
 * async_gen_athrow_throw): __anext__().throw(e) lets the generator catch
 * e and yield (the awaitable returns that value), aclose().throw(e)
 * raises e out of a generator that does not catch it. */
#include "scenario.h"

typedef struct agen_ag {
    al_asyncgen ag;
    al_value e;
} agen_ag;

static al_signal agen_body(al_gen *g)
{
    agen_ag *f = (agen_ag *)g;
    AL_GEN_BEGIN(g);
    AL_AYIELD_TRY(g, al_int(1));
    if (!al_is_none(f->e = al_except(g, &al_ValueError)))
        AL_AYIELD(g, al_strf(g->vm, "caught %v", f->e));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def agen_def = {"agen", agen_body, false};

typedef struct frame {
    al_gen g;
    al_asyncgen *a;
    al_anext_co next, aw, aw2;
    al_value x;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->a = al_asyncgen_new(vm, sizeof(agen_ag), &agen_def);
    AL_YIELD_FROM(g, al_anext(&f->next, f->a), f->x);
    al_print(vm, "%v", f->x);
    if (al_gen_throw(al_anext(&f->aw, f->a), al_exc_msg(vm, &al_ValueError, "x"), &f->x) == AL_RETURNED)
        al_print(vm, "returned %r", f->x);
    if (al_gen_throw(al_aclose(&f->aw2, f->a), al_exc_msg(vm, &al_KeyError, "k"), &f->x) == AL_RAISED &&
        al_exc_isa(f->x, &al_KeyError))
        al_print(vm, "raised %r", f->x);
    AL_YIELD_FROM(g, al_aclose(&f->next, f->a), f->x);
    al_print(vm, "%v", f->x);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
