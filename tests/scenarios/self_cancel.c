/* A task that cancels itself: the CancelledError arrives at its next
 * await; one that cancels itself and then returns without awaiting ends
 * cancelled anyway (the request outlives the return); uncancel() does
 * not withdraw a pending request.  Two tasks awaiting one plain future:
 * cancelling one cancels the future, so the other is cancelled too. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(next_await, al_sleep_co s;)
    {
        al_task *me = al_current_task(vm);
        bool r = al_task_cancel(me, al_cstr(vm, "self"));
        al_print(vm, "  cancel self: %v cancelling %d", al_bool(r), al_task_cancelling(me));
    }
    al_print(vm, "  still running %g", now(vm));
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "  got it at the await: %r %g", AL_HANDLED(), now(vm));
        AL_RERAISE();
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(returns_anyway)
    al_task_cancel(al_current_task(vm), al_none());
    al_print(vm, "  returning without an await");
    AL_RETURN(al_cstr(vm, "value"));
AL_END

AL_ASYNC_DEF(uncancel_does_not_help, al_sleep_co s;)
    {
        al_task *me = al_current_task(vm);
        al_task_cancel(me, al_none());
        int left = al_task_uncancel(me);
        al_print(vm, "  uncancel -> %d cancelling %d", left, al_task_cancelling(me));
    }
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_print(vm, "  not reached");
AL_END

AL_ASYNC_DEF(waits_on, al_future *fut; const char *name; al_value r;)
    AL_TRY {
        AL_AWAIT(f->fut, f->r);
        AL_RETURN(f->r);
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "   %s cancelled %g", f->name, now(vm));
        AL_RERAISE();
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(main, int i; al_task *t; al_future fut; al_future *ab[2]; al_sleep_co s; al_value r;)
    for (f->i = 0; f->i < 3; f->i++) {
        f->t = al_create_task(vm, f->i == 0 ? AL_CALL(next_await)
                                  : f->i == 1 ? AL_CALL(returns_anyway) : AL_CALL(uncancel_does_not_help));
        AL_TRY {
            AL_AWAIT(f->t, f->r);
            al_print(vm, "result %v", f->r);
        } AL_EXCEPT(al_CancelledError, e) {
            al_print(vm, "cancelled %r %v %g", e, al_bool(al_future_cancelled(al_task_fut(f->t))), now(vm));
        } AL_END_TRY;
        if (al_future_result(al_task_fut(f->t), &f->r) == AL_RAISED)
            al_print(vm, "  result() raises %r", f->r);
    }

    al_future_init(&f->fut, vm, "fut");
    f->ab[0] = al_task_fut(al_create_task(vm, AL_CALL(waits_on, .fut = &f->fut, .name = "a")));
    f->ab[1] = al_task_fut(al_create_task(vm, AL_CALL(waits_on, .fut = &f->fut, .name = "b")));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_future_cancel(f->ab[0], al_none());
    AL_AWAIT(al_gather(vm, 2, f->ab, true));
    al_print(vm, "future cancelled %v a %v b %v %g", al_bool(al_future_cancelled(&f->fut)),
             al_bool(al_future_cancelled(f->ab[0])), al_bool(al_future_cancelled(f->ab[1])), now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
