/* asyncio.timeout(None) never expires until rescheduled; timeout_at takes
 * an absolute deadline; reschedule() moves it, when() reports it and
 * expired() tells whether it fired; rescheduling outside the block is a
 * RuntimeError.
 *
 * "async with asyncio.timeout(d) as cm: BODY" is al_timeout_init (or
 * al_timeout_at_init) and al_timeout_aenter, BODY with the _TRY forms,
 * then g->exc = al_timeout_exit(&cm, al_pending(g)). */
#include "scenario.h"

typedef struct frame {
    al_gen g;
    al_timeout cm, fresh;
    al_sleep_co sleep;
    al_value r, e;
} frame;

#define SLEEP_TRY(f, d) AL_YIELD_FROM_TRY(&(f)->g, al_sleep(&(f)->sleep, vm, d, al_none()), (f)->r)
#define AENTER(f) do { al_value e_ = al_timeout_aenter(&(f)->cm); if (!al_is_none(e_)) AL_RAISE(&(f)->g, e_); } while (0)
#define EXIT(f) ((f)->g.exc = al_timeout_exit(&(f)->cm, al_pending(&(f)->g)))

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_timeout_init(&f->cm, vm, AL_NO_TIMEOUT);
    AENTER(f);
    al_print(vm, "when %v expired %v", al_timeout_when(&f->cm), al_bool(al_timeout_expired(&f->cm)));
    SLEEP_TRY(f, 1);
    if (al_is_none(al_pending(g))) {
        al_timeout_reschedule(&f->cm, now(vm) + 5);
        al_print(vm, "rescheduled to %v", al_timeout_when(&f->cm));
        SLEEP_TRY(f, 1);
    }
    EXIT(f);
    AL_PROPAGATE(g);
    al_print(vm, "no timeout %g %v", now(vm), al_bool(al_timeout_expired(&f->cm)));

    al_timeout_at_init(&f->cm, vm, now(vm) + 1);
    AENTER(f);
    al_print(vm, "at %v", al_timeout_when(&f->cm));
    al_timeout_reschedule(&f->cm, now(vm) + 3);
    SLEEP_TRY(f, 10);
    EXIT(f);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "expired at %g %v %v", now(vm), al_bool(al_timeout_expired(&f->cm)), al_timeout_when(&f->cm));
    AL_PROPAGATE(g);

    al_timeout_init(&f->cm, vm, 10);
    AENTER(f);
    SLEEP_TRY(f, 0.5);
    if (al_is_none(al_pending(g))) {
        al_timeout_reschedule(&f->cm, now(vm) - 1);
        SLEEP_TRY(f, 1);
    }
    EXIT(f);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "moved into the past fires at once %g %v", now(vm), al_bool(al_timeout_expired(&f->cm)));
    AL_PROPAGATE(g);

    al_timeout_init(&f->cm, vm, 1);
    AENTER(f);
    al_timeout_reschedule(&f->cm, AL_NO_TIMEOUT);
    SLEEP_TRY(f, 2);
    EXIT(f);
    AL_PROPAGATE(g);
    al_print(vm, "disarmed %g %v %v", now(vm), al_timeout_when(&f->cm), al_bool(al_timeout_expired(&f->cm)));

    f->e = al_timeout_reschedule(&f->cm, now(vm) + 1);
    if (al_exc_isa(f->e, &al_RuntimeError))
        al_print(vm, "after exit: %r", f->e);
    al_timeout_init(&f->fresh, vm, 1);
    f->e = al_timeout_reschedule(&f->fresh, 2);
    if (al_exc_isa(f->e, &al_RuntimeError))
        al_print(vm, "before enter: %r", f->e);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
