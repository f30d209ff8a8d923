/* wait_for around an inner task that does not take its cancel well: one
 * ignores the first cancel and returns late (wait_for waits for it and
 * returns its value, not TimeoutError); one turns the cancel into another
 * error (that error comes out); one re-raises it with a message of its own
 * (TimeoutError, raised from it); and the caller cancelled while wait_for
 * waits for a slow cancel still gets CancelledError. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(ignores, al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, 5, al_none()));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "  ignores: cancelled at %g keeps going", now(vm));
        AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    } AL_END_TRY;
    AL_RETURN(al_cstr(vm, "late value"));
AL_END

AL_ASYNC_DEF(converts, al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, 5, al_none()));
    } AL_EXCEPT(al_CancelledError) {
        AL_RAISE(al_exc_msg(vm, &al_KeyError, "converted"));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(renames, al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, 5, al_none()));
    } AL_EXCEPT(al_CancelledError) {
        AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
        AL_RAISE(al_exc_msg(vm, &al_CancelledError, "renamed"));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(slow_to_die, al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, 5, al_none()));
    } AL_FINALLY {
        al_print(vm, "  slow_to_die: cleaning up at %g", now(vm));
        AL_AWAIT(al_sleep(&f->s, vm, 2, al_none()));
        al_print(vm, "  slow_to_die: clean at %g", now(vm));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(caller, al_wait_for_co wf;)
    AL_TRY {
        AL_AWAIT(al_wait_for(&f->wf, vm, NULL, AL_CALL(slow_to_die), 1));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "  caller cancelled %r %g", AL_HANDLED(), now(vm));
        AL_RERAISE();
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "  caller timed out %g", now(vm));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(main, al_wait_for_co wf; al_sleep_co s; al_task *t; al_value r;)
    AL_AWAIT(al_wait_for(&f->wf, vm, NULL, AL_CALL(ignores), 1), f->r);
    al_print(vm, "ignores -> %v %g", f->r, now(vm));
    AL_TRY {
        AL_AWAIT(al_wait_for(&f->wf, vm, NULL, AL_CALL(converts), 1));
    } AL_EXCEPT(al_KeyError, e) {
        al_print(vm, "converts -> %r %g", e, now(vm));
    } AL_END_TRY;
    AL_TRY {
        AL_AWAIT(al_wait_for(&f->wf, vm, NULL, AL_CALL(renames), 1));
    } AL_EXCEPT(al_TimeoutError, e) {
        al_print(vm, "renames -> %r from %r %g", e, (al_value){AL_EXC, .u.exc = e.u.exc->cause}, now(vm));
    } AL_END_TRY;
    f->t = al_create_task(vm, AL_CALL(caller));
    AL_AWAIT(al_sleep(&f->s, vm, 1.5, al_none()));
    al_task_cancel(f->t, al_none());
    AL_TRY {
        AL_AWAIT(f->t);
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "caller task cancelled %v %g", al_bool(al_future_cancelled(al_task_fut(f->t))), now(vm));
    } AL_END_TRY;
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
