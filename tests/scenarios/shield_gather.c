/* shield inside gather, cancelled from outside: cancelling the gather
 * cancels the shield's outer future, not the inner task, which runs on and
 * finishes; a gather with return_exceptions=True reports the shielded child
 * as CancelledError while the others' results stay; the inner task's
 * result is still there for whoever awaits it. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(work, const char *name; double delay; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, f->delay, al_none()));
        al_print(vm, "   %s finished at %g", f->name, now(vm));
        AL_RETURN(al_cstr(vm, f->name));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "   %s cancelled at %g", f->name, now(vm));
        AL_RERAISE();
    } AL_END_TRY;
AL_END

static al_task *start(al_vm *vm, const char *name, double delay)
{
    return al_create_task(vm, AL_CALL(work, .name = name, .delay = delay));
}

AL_ASYNC_DEF(main, al_task *inner, *other, *quick, *waiter; al_future *gat, *s; al_future *fs[2];
             al_wait_for_co *wf; al_sleep_co sl; al_value r;)
    f->inner = start(vm, "inner", 2);
    f->other = start(vm, "other", 3);
    f->fs[0] = al_shield(vm, al_task_fut(f->inner));
    f->fs[1] = al_task_fut(f->other);
    f->gat = al_gather(vm, 2, f->fs, false);
    AL_AWAIT(al_sleep(&f->sl, vm, 1, al_none()));
    al_print(vm, "cancel gather: %v %g", al_bool(al_future_cancel(f->gat, al_none())), now(vm));
    AL_TRY {
        AL_AWAIT(f->gat);
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "gather cancelled %v %g", al_bool(al_future_cancelled(f->gat)), now(vm));
    } AL_END_TRY;
    al_print(vm, "inner done? %v other cancelled? %v", al_bool(al_future_done(al_task_fut(f->inner))),
             al_bool(al_future_cancelled(al_task_fut(f->other))));
    AL_AWAIT(f->inner, f->r);
    al_print(vm, "inner result %v %g", f->r, now(vm));

    f->inner = start(vm, "inner2", 2);
    f->quick = start(vm, "quick", 0.5);
    f->fs[0] = al_task_fut(f->quick);
    f->fs[1] = al_shield(vm, al_task_fut(f->inner));
    f->gat = al_gather(vm, 2, f->fs, true);
    AL_AWAIT(al_sleep(&f->sl, vm, 1, al_none()));
    al_future_cancel(f->gat, al_none());
    AL_TRY {
        AL_AWAIT(f->gat, f->r);
        al_print(vm, "results %v %g", f->r, now(vm));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "gather cancelled again %g", now(vm));
    } AL_END_TRY;
    AL_AWAIT(f->inner, f->r);
    al_print(vm, "inner2 result %v %g", f->r, now(vm));

    f->inner = start(vm, "inner3", 1);
    f->s = al_shield(vm, al_task_fut(f->inner));
    f->wf = al_alloc(vm, sizeof *f->wf);
    f->waiter = al_create_task(vm, al_wait_for(f->wf, vm, f->s, NULL, 0.5));
    AL_TRY {
        AL_AWAIT(f->waiter);
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "wait_for(shield) timed out %v %v %g", al_bool(al_future_cancelled(f->s)),
                 al_bool(al_future_cancelled(al_task_fut(f->inner))), now(vm));
    } AL_END_TRY;
    AL_AWAIT(f->inner, f->r);
    al_print(vm, "inner3 result %v %g", f->r, now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
