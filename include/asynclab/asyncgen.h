/*
 * asynclab/asyncgen.h: async generators (PEP 525) and async context managers (PEP 492),
 * on the generators' own delegation (asyncgen.c, acm.c).  Issue 9's
 * additions, following CPython 3.11's genobject.c and PEP 492's
 * "async with" step for step.
 */
#ifndef ASYNCLAB_ASYNCGEN_H
#define ASYNCLAB_ASYNCGEN_H

#include "asynclab/core.h"

/* ---- Async generators (asyncgen.c, PEP 525) ----
 *
 * An async generator is a frame struct that starts with an al_asyncgen,
 * made by al_asyncgen_new or al_asyncgen_init.  Its body awaits as a coroutine
 * does and yields values with AL_AYIELD.  __anext__(), asend(v),
 * athrow(exc) and aclose() each ready an awaitable frame (al_anext_co)
 * to await with AL_YIELD_FROM: the same delegation as "await coro".
 *
 *   static const al_gen_def ticker_def = {"ticker", ticker_body, false};
 *   ticker_ag *t = (ticker_ag *)al_asyncgen_new(vm, sizeof *t, &ticker_def);
 *   ... in ticker_body:  AL_AYIELD(g, al_int(t->i));
 *
 * "async for x in it:" is a loop around AL_ASYNC_FOR_NEXT, which awaits
 * the __anext__ awaitable aw into x and leaves the loop (break) on
 * StopAsyncIteration:
 *
 *   for (;;) {
 *       AL_ASYNC_FOR_NEXT(g, al_anext(&L->next, &L->ticker->ag), L->x);
 *       al_print(vm, "got %v", L->x);
 *   }
 *
 * Only one statement with a suspension point per source line, as with
 * every AL_ macro that suspends.
 */
extern const al_exc_type al_StopAsyncIteration;

typedef struct al_asyncgen {
    al_gen g;
    bool running_async;  /* an awaitable is driving it (ag_running_async) */
    bool closed;         /* aclose() began, or iteration ended (ag_closed) */
    bool hooks_inited;   /* the loop's firstiter hook has seen it */
    bool has_finalizer;  /* a loop was running then (ag_origin_or_finalizer) */
} al_asyncgen;
al_asyncgen *al_asyncgen_init(al_asyncgen *ag, al_vm *vm, const al_gen_def *def);
al_asyncgen *al_asyncgen_new(al_vm *vm, size_t size, const al_gen_def *def);
/* al_asyncgen_release is the last reference to ag going away (del, or
 * the frame that held it returning), which CPython follows at once with
 * the generator's finalization.  One first iterated while a loop ran and
 * not finished is handed to that loop's finalizer hook, which schedules
 * its aclose() in a new task (if the loop still runs); one iterated with
 * no loop is closed on the spot, as gen.close(); a finished one needs
 * nothing.  ag must not be used afterwards.  Without this call an
 * unfinished generator lives to asyncio.run's shutdown, which closes it
 * (what CPython does with one that something still refers to). */
void al_asyncgen_release(al_asyncgen *ag);

#define AL_AYIELD_TRY(g, v)                                                     \
    do {                                                                       \
        (g)->ag_flags |= AL__AG_WRAPPED;                                       \
        (g)->io = (v);                                                         \
        AL__SUSPEND(g, AL_YIELDED)                                             \
        (g)->ag_flags &= (uint8_t)~AL__AG_WRAPPED;                             \
    } while (0)
#define AL_AYIELD(g, v) do { AL_AYIELD_TRY(g, v); AL_PROPAGATE(g); } while (0)

typedef enum { AL_AG_ASEND, AL_AG_ATHROW, AL_AG_ACLOSE } al_ag_op;
typedef struct al_anext_co {
    al_gen g;
    al_asyncgen *ag;
    al_ag_op op;
    al_value arg, r;
} al_anext_co;
al_gen *al_anext(al_anext_co *a, al_asyncgen *ag);
al_gen *al_asend(al_anext_co *a, al_asyncgen *ag, al_value v);
al_gen *al_athrow(al_anext_co *a, al_asyncgen *ag, al_value exc);
al_gen *al_aclose(al_anext_co *a, al_asyncgen *ag);

#define AL_ASYNC_FOR_NEXT(g, aw, x)                                            \
    AL_YIELD_FROM_TRY(g, aw, x);                                               \
    if (!al_is_none(al_except(g, &al_StopAsyncIteration)))                     \
        break;                                                                 \
    AL_PROPAGATE(g)

/* ---- Async context managers (acm.c, PEP 492) ----
 *
 * A manager is a struct that starts with an al_acm whose class makes its
 * __aenter__() and __aexit__(exc) coroutines (frames the manager owns).
 * __aexit__ returns a value whose truth suppresses exc, as in Python.
 *
 *   AL_ASYNC_WITH(g, &L->res.cm, L->v);   v = await res.__aenter__()
 *   ... the block, its exceptions left pending (the _TRY forms) ...
 *   AL_ASYNC_WITH_END(g, &L->res.cm);     __aexit__, then re-raise
 *
 * AL_ASYNC_WITH_END re-raises what leaves the block unless __aexit__
 * suppressed it; AL_ASYNC_WITH_END_TRY leaves it pending instead, for an
 * al_except that follows.  An exception from __aexit__ replaces the
 * block's, with it as __context__.
 */
typedef struct al_acm al_acm;
typedef struct al_acm_class {
    const char *name;
    al_gen *(*aenter)(al_acm *cm);
    al_gen *(*aexit)(al_acm *cm, al_value exc);
} al_acm_class;
struct al_acm {
    const al_acm_class *cls;
    al_value exc;   /* what left the block, while __aexit__ runs */
    al_value r;     /* what __aexit__ returned */
};
al_value al__acm_take(al_gen *g);
void al__acm_exited(al_gen *g, al_acm *cm);

#define AL_ASYNC_WITH(g, cm, r) AL_YIELD_FROM(g, (cm)->cls->aenter(cm), r)
/* AL_ASYNC_WITH_TRY leaves an exception from __aenter__ pending: the
 * block and __aexit__ must then be skipped, as Python skips them. */
#define AL_ASYNC_WITH_TRY(g, cm, r) AL_YIELD_FROM_TRY(g, (cm)->cls->aenter(cm), r)
#define AL_ASYNC_WITH_END_TRY(g, cm)                                           \
    do {                                                                       \
        (cm)->exc = al__acm_take(g);                                           \
        AL_YIELD_FROM_TRY(g, (cm)->cls->aexit((cm), (cm)->exc), (cm)->r);      \
        al__acm_exited(g, (cm));                                               \
    } while (0)
#define AL_ASYNC_WITH_END(g, cm) do { AL_ASYNC_WITH_END_TRY(g, cm); AL_PROPAGATE(g); } while (0)

#endif
