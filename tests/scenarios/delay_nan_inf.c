/* Delays a C program may compute by mistake: NaN and infinity.  A NaN
 * deadline compares false with everything, so the loop finds it "not later
 * than now" and runs it on the next iteration; sleep(nan), call_later(nan),
 * wait_for(timeout=nan) and timeout(nan) all fire at once.  An infinite
 * delay never fires, but the loop still wakes once a day, and a cancel ends it. */
#include "scenario.h"
#include "lesson_forms.h"

#include <math.h>

#define NAN_ ((double)NAN)
#define INF ((double)INFINITY)

static void ring(al_vm *vm, void *label, void *unused)
{
    (void)unused;
    al_print(vm, "ring %s %g", (const char *)label, now(vm));
}

AL_ASYNC_DEF(slow, al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, 5, al_none()));
    AL_RETURN(al_cstr(vm, "slow"));
AL_END

AL_ASYNC_DEF(main, al_sleep_co s; al_wait_for_co wf; al_timeout cm; al_sleep_co inf;
             al_task *sleeper; al_handle *h; al_value r;)
    AL_AWAIT(al_sleep(&f->s, vm, NAN_, al_cstr(vm, "nan sleep")), f->r);
    al_print(vm, "%v %g", f->r, now(vm));

    al_call_later(vm, 2, ring, "two", NULL, "ring");
    al_call_later(vm, NAN_, ring, "nan", NULL, "ring");
    al_call_later(vm, 1, ring, "one", NULL, "ring");
    al_call_at(vm, NAN_, ring, "nan at", NULL, "ring");
    al_call_soon(vm, ring, "soon", NULL, "ring");
    AL_AWAIT(al_sleep(&f->s, vm, 3, al_none()));

    AL_TRY {
        AL_AWAIT(al_wait_for(&f->wf, vm, NULL, AL_CALL(slow), NAN_));
    } AL_EXCEPT(al_TimeoutError, e) {
        al_print(vm, "wait_for nan: %r %g", e, now(vm));
    } AL_END_TRY;

    AL_TRY {
        AL_CHECK(al_timeout_init(&f->cm, vm, NAN_));
        AL_WITH(al_timeout_aenter(&f->cm)) {
            al_print(vm, "when %v", al_timeout_when(&f->cm));
            AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
        } AL_END_WITH(al_timeout_exit(&f->cm, AL_PENDING()));
    } AL_EXCEPT(al_TimeoutError, e) {
        al_print(vm, "timeout nan: %r %v %g", e, al_bool(al_timeout_expired(&f->cm)), now(vm));
    } AL_END_TRY;

    f->sleeper = al_create_task(vm, al_sleep(&f->inf, vm, INF, al_none()));
    al_call_later(vm, 3 * 86400 + 0.5, cancel_task_cb, f->sleeper, NULL, "Task.cancel");
    AL_TRY {
        AL_AWAIT(f->sleeper);
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "inf sleep cancelled %g", now(vm));
    } AL_END_TRY;

    f->h = al_call_later(vm, INF, ring, "never", NULL, "ring");
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_print(vm, "inf timer cancelled: %v", al_bool(al_handle_cancelled(f->h)));
    al_handle_cancel(vm, f->h);
    al_print(vm, "done %g", now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
