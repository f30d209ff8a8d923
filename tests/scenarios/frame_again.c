/* One coroutine called again and again, each call in the same memory in C
 * (AL_CALL_AT into one frame): a timeout whose deadline has passed already
 * arms a call_soon; a block that ends before the loop runs it leaves it
 * cancelled in the ready queue, and the next call's timeout, armed in the
 * same place, must neither meet that stale entry nor fire twice. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(nested, bool wait; al_timeout t; al_sleep_co s;)
    AL_TRY {
        AL_WITH(al_timeout_enter(&f->t, vm, -1)) {
            al_print(vm, "in block, wait %v %g", al_bool(f->wait), now(vm));
            if (f->wait)
                AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
        } AL_END_WITH(al_timeout_exit(&f->t, AL_PENDING()));
    } AL_EXCEPT(al_TimeoutError, e) {
        al_print(vm, "timeout %r %g", e, now(vm));
    } AL_END_TRY;
AL_END

static const bool waits[] = {false, false, true, false, true};

AL_ASYNC_DEF(main, nested_frame n; al_sleep_co s; int i;)
    for (f->i = 0; f->i < 5; f->i++)
        AL_AWAIT(AL_CALL_AT(&f->n, nested, .wait = waits[f->i]));
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_print(vm, "done %g", now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
