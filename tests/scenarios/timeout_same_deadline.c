/* Two nested timeouts that fall due in the same loop iteration: both fire
 * and both cancel the task, so the inner block sees the cancel count still
 * above what it was when it began and lets the CancelledError pass; the
 * outer one, which fired first, turns it into TimeoutError.  The same when
 * the inner deadline was moved onto the outer one with reschedule(), and
 * when the inner timeout's deadline is already past on entry. */
#include "scenario.h"
#include "lesson_forms.h"

#include <math.h>

/* move_to NAN stands for the twin's None */
AL_ASYNC_DEF(nested, double outer_delay, inner_delay, move_to; al_timeout outer, inner; al_sleep_co s;)
    AL_TRY {
        AL_CHECK(al_timeout_init(&f->outer, vm, f->outer_delay));
        AL_WITH(al_timeout_aenter(&f->outer)) {
            AL_TRY {
                AL_CHECK(al_timeout_init(&f->inner, vm, f->inner_delay));
                AL_WITH(al_timeout_aenter(&f->inner)) {
                    if (!isnan(f->move_to))
                        AL_CHECK(al_timeout_reschedule(&f->inner, al_time(vm) + f->move_to));
                    AL_AWAIT(al_sleep(&f->s, vm, 10, al_none()));
                } AL_END_WITH(al_timeout_exit(&f->inner, AL_PENDING()));
            } AL_EXCEPT(al_TimeoutError) {
                al_print(vm, "  inner converted %g", now(vm));
            } AL_EXCEPT(al_CancelledError) {
                al_print(vm, "  inner let the cancel through %g cancelling %d", now(vm),
                         al_task_cancelling(al_current_task(vm)));
                AL_RERAISE();
            } AL_END_TRY;
            al_print(vm, "  after inner %g", now(vm));
            AL_AWAIT(al_sleep(&f->s, vm, 10, al_none()));
        } AL_END_WITH(al_timeout_exit(&f->outer, AL_PENDING()));
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "  outer converted %g expired %v %v", now(vm), al_bool(al_timeout_expired(&f->outer)),
                 al_bool(al_timeout_expired(&f->inner)));
    } AL_END_TRY;
    al_print(vm, "  cancelling %d", al_task_cancelling(al_current_task(vm)));
AL_END

AL_ASYNC_DEF(main, nested_frame n;)
    al_print(vm, "same deadline");
    AL_AWAIT(AL_CALL_AT(&f->n, nested, .outer_delay = 1, .inner_delay = 1, .move_to = NAN));
    al_print(vm, "inner first, outer later");
    AL_AWAIT(AL_CALL_AT(&f->n, nested, .outer_delay = 2, .inner_delay = 1, .move_to = NAN));
    al_print(vm, "inner moved onto the outer deadline");
    AL_AWAIT(AL_CALL_AT(&f->n, nested, .outer_delay = 1, .inner_delay = 5, .move_to = 1));
    al_print(vm, "inner already past");
    AL_AWAIT(AL_CALL_AT(&f->n, nested, .outer_delay = 1, .inner_delay = -1, .move_to = NAN));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
