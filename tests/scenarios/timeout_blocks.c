/* async with asyncio.timeout(delay): a block that finishes in time, one
 * that expires (TimeoutError after the block, with the CancelledError as
 * its context), nested timeouts where the outer one fires first, an
 * exception of the block's own passing through, and a timeout caught
 * inside.
 *
 * "async with asyncio.timeout(d): BODY" is written
 *     al_timeout_enter(&tm, vm, d);
 *     BODY, with the _TRY forms so that an exception stays pending;
 *     g->exc = al_timeout_exit(&tm, al_pending(g));
 * and "raise E" inside BODY is g->exc = E (it is pending until the exit). */
#include "scenario.h"

typedef struct frame {
    al_gen g;
    al_timeout outer, inner;
    al_sleep_co sleep;
    al_value r, e;
} frame;

#define SLEEP_TRY(f, d) AL_YIELD_FROM_TRY(&(f)->g, al_sleep(&(f)->sleep, vm, d, al_none()), (f)->r)
#define EXIT(f, tm) ((f)->g.exc = al_timeout_exit(&(f)->tm, al_pending(&(f)->g)))
#define CANCELLING() al_task_cancelling(al_current_task(vm))

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_timeout_enter(&f->outer, vm, 2);
    SLEEP_TRY(f, 1);
    EXIT(f, outer);
    AL_PROPAGATE(g);
    al_print(vm, "in time %g", now(vm));

    al_timeout_enter(&f->outer, vm, 1);
    SLEEP_TRY(f, 3);
    if (al_is_none(al_pending(g)))
        al_print(vm, "not reached");
    EXIT(f, outer);
    if (!al_is_none(f->e = al_except(g, &al_TimeoutError)))
        al_print(vm, "expired %r %s %g", f->e, f->e.u.exc->context->type->name, now(vm));
    AL_PROPAGATE(g);

    al_timeout_enter(&f->outer, vm, 1);
    al_timeout_enter(&f->inner, vm, 5);
    SLEEP_TRY(f, 10);
    EXIT(f, inner);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "inner caught it: wrong");
    EXIT(f, outer);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "outer fired first %g %d", now(vm), CANCELLING());
    AL_PROPAGATE(g);

    al_timeout_enter(&f->outer, vm, 5);
    SLEEP_TRY(f, 1);
    if (al_is_none(al_pending(g)))
        g->exc = al_exc_msg(vm, &al_KeyError, "own error");
    EXIT(f, outer);
    if (!al_is_none(f->e = al_except(g, &al_KeyError)))
        al_print(vm, "own exception passes %r %g", f->e, now(vm));
    AL_PROPAGATE(g);

    al_timeout_enter(&f->outer, vm, 3);
    al_timeout_enter(&f->inner, vm, 0.5);
    SLEEP_TRY(f, 1);
    EXIT(f, inner);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "inner timeout handled inside outer %g", now(vm));
    if (al_is_none(al_pending(g)))
        SLEEP_TRY(f, 1);
    EXIT(f, outer);
    AL_PROPAGATE(g);
    al_print(vm, "outer survived %g %d", now(vm), CANCELLING());

    al_timeout_enter(&f->outer, vm, 1);
    SLEEP_TRY(f, 2);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "body sees CancelledError %g", now(vm));
    EXIT(f, outer);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "and the block raises TimeoutError %g", now(vm));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
