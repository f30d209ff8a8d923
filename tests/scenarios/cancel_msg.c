/* task.cancel(msg): the message travels into the coroutine, out through
 * the task, through a task that awaits it, and through gather; the
 * cancelling() count grows with each cancel and uncancel() takes it back. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(sleeper, const char *name; double d; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, f->d, al_none()));
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "%s caught %r %r %g", f->name, e, al_exc_args_of(vm, e), now(vm));
        AL_RERAISE();
    } AL_END_TRY;
    AL_RETURN(al_cstr(vm, f->name));
AL_END

AL_ASYNC_DEF(waiter, al_task *t; al_value r;)
    AL_TRY {
        AL_AWAIT(f->t, f->r);
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "waiter caught %r %g", e, now(vm));
        AL_RERAISE();
    } AL_END_TRY;
    AL_RETURN(f->r);
AL_END

#define CANCELLED(t) al_bool(al_future_cancelled(al_task_fut(t)))

AL_ASYNC_DEF(main, al_task *t, *inner, *outer, *a, *b, *me; al_future *gf;
             al_sleep_co s; al_value r;)
    f->t = al_create_task(vm, AL_CALL(sleeper, .name = "a", .d = 5));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    {
        bool c1 = al_task_cancel(f->t, al_cstr(vm, "first"));
        bool c2 = al_task_cancel(f->t, al_cstr(vm, "second"));
        al_print(vm, "cancel: %v %v %d", al_bool(c1), al_bool(c2), al_task_cancelling(f->t));
    }
    AL_TRY {
        AL_AWAIT(f->t);
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "main caught %r %v %g", e, CANCELLED(f->t), now(vm));
    } AL_END_TRY;
    {
        al_value v;
        if (al_future_result(al_task_fut(f->t), &v) == AL_RAISED)
            al_print(vm, "result raises %r", v);
        if (al_future_exception(al_task_fut(f->t), &v) == AL_RAISED)
            al_print(vm, "exception raises %r", v);
    }

    f->inner = al_create_task(vm, AL_CALL(sleeper, .name = "inner", .d = 5));
    f->outer = al_create_task(vm, AL_CALL(waiter, .t = f->inner));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_task_cancel(f->outer, al_cstr(vm, "via outer"));
    AL_TRY {
        AL_AWAIT(f->outer);
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "outer %r %v %v %g", e, CANCELLED(f->inner), CANCELLED(f->outer), now(vm));
    } AL_END_TRY;

    f->inner = al_create_task(vm, AL_CALL(sleeper, .name = "inner2", .d = 5));
    f->outer = al_create_task(vm, AL_CALL(waiter, .t = f->inner));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_task_cancel(f->inner, al_cstr(vm, "via inner"));
    AL_TRY {
        AL_AWAIT(f->outer);
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "outer2 %r %v %v %g", e, CANCELLED(f->inner), CANCELLED(f->outer), now(vm));
    } AL_END_TRY;

    f->a = al_create_task(vm, AL_CALL(sleeper, .name = "g1", .d = 5));
    f->b = al_create_task(vm, AL_CALL(sleeper, .name = "g2", .d = 5));
    f->gf = al_gather(vm, 2, (al_future *[]){al_task_fut(f->a), al_task_fut(f->b)}, false);
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_print(vm, "gather cancel: %v", al_bool(al_future_cancel(f->gf, al_cstr(vm, "stop all"))));
    AL_TRY {
        AL_AWAIT(f->gf);
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "gather %r %v %v %g", e, CANCELLED(f->a), CANCELLED(f->b), now(vm));
    } AL_END_TRY;

    f->a = al_create_task(vm, AL_CALL(sleeper, .name = "h1", .d = 5));
    f->b = al_create_task(vm, AL_CALL(sleeper, .name = "h2", .d = 1));
    f->gf = al_gather(vm, 2, (al_future *[]){al_task_fut(f->a), al_task_fut(f->b)}, true);
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_task_cancel(f->a, al_cstr(vm, "child only"));
    AL_AWAIT(f->gf, f->r);
    al_print(vm, "result: %v %g", f->r, now(vm));

    f->me = al_current_task(vm);
    al_print(vm, "me cancelling %d", al_task_cancelling(f->me));
    al_task_cancel(f->me, al_cstr(vm, "self"));
    al_task_cancel(f->me, al_cstr(vm, "self again"));
    al_print(vm, "me cancelling %d", al_task_cancelling(f->me));
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "self caught %r %d", e, al_task_cancelling(f->me));
    } AL_END_TRY;
    {
        int u1 = al_task_uncancel(f->me);
        int u2 = al_task_uncancel(f->me);
        al_print(vm, "uncancel %d %d %d", u1, u2, al_task_cancelling(f->me));
    }
    AL_AWAIT(al_sleep(&f->s, vm, 0.25, al_none()));
    al_print(vm, "end %g", now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
