/* Gathers of gathers: a child cancelled inside an inner gather; the outer
 * gather cancelled while inner gathers run (return_exceptions=True and
 * False); an inner gather that fails while its sibling keeps running; a
 * task that swallows its cancellation inside a cancelled gather. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(job, const char *name; double d; bool fail; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, f->d, al_none()));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "   %s cancelled %g", f->name, now(vm));
        AL_RERAISE();
    } AL_END_TRY;
    if (f->fail)
        AL_RAISE(al_exc_msg(vm, &al_ValueError, f->name));
    al_print(vm, "   %s done %g", f->name, now(vm));
    AL_RETURN(al_cstr(vm, f->name));
AL_END

AL_ASYNC_DEF(stubborn, const char *name; double d; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, f->d, al_none()));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "   %s ignores the cancel %g", f->name, now(vm));
    } AL_END_TRY;
    AL_AWAIT(al_sleep(&f->s, vm, f->d, al_none()));
    AL_RETURN(al_strf(vm, "%s anyway", f->name));
AL_END

#define JOB(...) AL_CALL(job, __VA_ARGS__)
#define FUTS(...) (al_future *[]){__VA_ARGS__}
#define GENS(...) (al_gen *[]){__VA_ARGS__}

/* repr(fut.exception()) */
static al_value exc_repr_of(al_future *fut)
{
    al_value e;
    al_future_exception(fut, &e);
    return e;
}

AL_ASYNC_DEF(main, al_task *a, *b; al_future *inner1, *inner2, *outer, *gf;
             al_sleep_co s; al_value r;)
    al_print(vm, "child cancelled in an inner gather:");
    f->a = al_create_task(vm, JOB(.name = "a", .d = 1));
    f->b = al_create_task(vm, JOB(.name = "b", .d = 2));
    f->inner1 = al_gather(vm, 2, FUTS(al_task_fut(f->a), al_task_fut(f->b)), true);
    f->inner2 = al_gather_coros(vm, 2, GENS(JOB(.name = "c", .d = 1.5), JOB(.name = "d", .d = 0.5)), false);
    f->outer = al_gather(vm, 2, FUTS(f->inner1, f->inner2), false);
    AL_AWAIT(al_sleep(&f->s, vm, 0.75, al_none()));
    al_task_cancel(f->b, al_none());
    AL_AWAIT(f->outer, f->r);
    al_print(vm, "result %v %g", f->r, now(vm));

    al_print(vm, "outer cancelled, inner return_exceptions=True:");
    f->inner1 = al_gather_coros(vm, 2, GENS(JOB(.name = "e", .d = 1), JOB(.name = "f", .d = 2)), true);
    f->inner2 = al_gather_coros(vm, 2, GENS(JOB(.name = "g", .d = 1), JOB(.name = "h", .d = 2)), false);
    f->outer = al_gather(vm, 2, FUTS(f->inner1, f->inner2), true);
    AL_AWAIT(al_sleep(&f->s, vm, 1.5, al_none()));
    al_print(vm, "cancel %v", al_bool(al_future_cancel(f->outer, al_none())));
    AL_TRY {
        AL_AWAIT(f->outer, f->r);
        al_print(vm, "outer gave %v %g", f->r, now(vm));
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "outer cancelled %r %g", e, now(vm));
    } AL_END_TRY;
    al_print(vm, "inner1 %v %r", al_bool(al_future_cancelled(f->inner1)), exc_repr_of(f->inner1));
    al_print(vm, "inner2 %v %r", al_bool(al_future_cancelled(f->inner2)), exc_repr_of(f->inner2));

    al_print(vm, "inner failure, sibling runs on:");
    f->inner1 = al_gather_coros(vm, 2, GENS(JOB(.name = "i", .d = 1, .fail = true), JOB(.name = "j", .d = 3)), false);
    f->inner2 = al_gather_coros(vm, 1, GENS(JOB(.name = "k", .d = 2)), false);
    f->outer = al_gather(vm, 2, FUTS(f->inner1, f->inner2), false);
    AL_TRY {
        AL_AWAIT(f->outer);
    } AL_EXCEPT(al_ValueError, e) {
        al_print(vm, "outer raised %r %g", e, now(vm));
    } AL_END_TRY;
    AL_AWAIT(al_sleep(&f->s, vm, 2.5, al_none()));
    al_future_result(f->inner2, &f->r);
    al_print(vm, "inner2 %v %v %g", f->r, exc_repr_of(f->inner1), now(vm));

    al_print(vm, "a cancel swallowed inside a cancelled gather:");
    f->gf = al_gather_coros(vm, 2, GENS(AL_CALL(stubborn, .name = "s", .d = 1), JOB(.name = "t", .d = 1)), false);
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_future_cancel(f->gf, al_none());
    AL_TRY {
        AL_AWAIT(f->gf, f->r);
        al_print(vm, "gave %v %g", f->r, now(vm));
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "gather cancelled %r %g", e, now(vm));
    } AL_END_TRY;
    f->gf = al_gather_coros(vm, 1, GENS(AL_CALL(stubborn, .name = "u", .d = 1)), true);
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_future_cancel(f->gf, al_cstr(vm, "msg"));
    AL_TRY {
        AL_AWAIT(f->gf, f->r);
        al_print(vm, "gave %v %g", f->r, now(vm));
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "gather cancelled %r %g", e, now(vm));
    } AL_END_TRY;
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
