/* Timeouts one after another in a loop, each a fresh asyncio.timeout():
 * one exits early, the next has a deadline already past, the last one
 * expires.  No stale deadline may fire later into a finished block.
 *
 * The C program enters one al_timeout again for each block, which is how
 * a C author naturally writes the loop. */
#include "scenario.h"

typedef struct frame {
    al_gen g;
    al_timeout tm;
    size_t i;
    al_sleep_co sleep;
    al_value delay, r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < 5; f->i++) {
        {
            al_value delays[] = {al_int(2), al_int(0), al_int(5), al_int(-1), al_float(0.25)};
            f->delay = delays[f->i];
        }
        al_timeout_enter(&f->tm, vm, f->delay.type == AL_INT ? (double)f->delay.u.i : f->delay.u.f);
        AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 0.5, al_none()), f->r);
        g->exc = al_timeout_exit(&f->tm, al_pending(g));
        if (al_is_none(al_pending(g)))
            al_print(vm, "in time %v %g", f->delay, now(vm));
        else if (!al_is_none(al_except(g, &al_TimeoutError)))
            al_print(vm, "timed out %v %g", f->delay, now(vm));
        AL_PROPAGATE(g);
    }
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 3, al_none()), f->r);
    al_print(vm, "end %g %d", now(vm), al_task_cancelling(al_current_task(vm)));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
