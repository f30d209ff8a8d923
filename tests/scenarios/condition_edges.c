/* Condition at its edges: a waiter cancelled (with a message) while it
 * waits gets that CancelledError, lock held again; one cancelled while it
 * re-acquires the lock after a notify gets a bare CancelledError, lock
 * held; notify(n) skips waiters already cancelled; wait_for returns the
 * predicate's own value, and an exception from the predicate comes out
 * with the lock held.  "async with cond:" is acquire, then try/finally
 * release. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(waiter, al_condition *cond; const char *name; al_lock_acquire_co acq; al_cond_wait_co w;)
    AL_AWAIT(al_lock_acquire(&f->acq, f->cond->lock));
    AL_TRY {
        AL_TRY {
            AL_AWAIT(al_condition_wait(&f->w, f->cond));
            al_print(vm, "   %s woke %g", f->name, now(vm));
        } AL_EXCEPT(al_CancelledError, e) {
            al_print(vm, "   %s cancelled %r locked %v %g", f->name, e,
                     al_bool(al_condition_locked(f->cond)), now(vm));
            AL_RERAISE();
        } AL_END_TRY;
    } AL_FINALLY {
        AL_CHECK(al_lock_release(f->cond->lock));
    } AL_END_TRY;
AL_END

static int64_t state_n;

static al_value pred(void *vm)
{
    if (state_n < 0)
        return al_exc_msg(vm, &al_KeyError, "predicate failed");
    return al_int(state_n * 10);
}

AL_ASYNC_DEF(waits_for, al_condition *cond; al_lock_acquire_co acq; al_cond_wait_for_co wf; al_value r;)
    AL_AWAIT(al_lock_acquire(&f->acq, f->cond->lock));
    AL_TRY {
        AL_TRY {
            AL_AWAIT(al_condition_wait_for(&f->wf, f->cond, pred, vm), f->r);
            al_print(vm, "   wait_for -> %v %g", f->r, now(vm));
        } AL_EXCEPT(al_KeyError, e) {
            al_print(vm, "   wait_for raised %r locked %v %g", e, al_bool(al_condition_locked(f->cond)), now(vm));
        } AL_END_TRY;
    } AL_FINALLY {
        AL_CHECK(al_lock_release(f->cond->lock));
    } AL_END_TRY;
AL_END

static al_future *start(al_vm *vm, al_condition *cond, const char *name)
{
    return al_task_fut(al_create_task(vm, AL_CALL(waiter, .cond = cond, .name = name)));
}

AL_ASYNC_DEF(main, al_condition cond; al_future *ws[4]; al_future *t; al_lock_acquire_co acq; al_sleep_co s; int i;)
    al_condition_init(&f->cond, vm, "cond", NULL);
    f->ws[0] = start(vm, &f->cond, "a");
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_future_cancel(f->ws[0], al_cstr(vm, "while waiting"));
    AL_AWAIT(al_gather(vm, 1, f->ws, true));

    f->ws[0] = start(vm, &f->cond, "b");
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    AL_AWAIT(al_lock_acquire(&f->acq, f->cond.lock));
    AL_TRY {
        AL_CHECK(al_condition_notify(&f->cond, 1));
        AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
        al_future_cancel(f->ws[0], al_cstr(vm, "while re-acquiring"));
        AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
        al_print(vm, "main releases %g", now(vm));
    } AL_FINALLY {
        AL_CHECK(al_lock_release(f->cond.lock));
    } AL_END_TRY;
    AL_AWAIT(al_gather(vm, 1, f->ws, true));

    for (f->i = 0; f->i < 4; f->i++)
        f->ws[f->i] = start(vm, &f->cond, (const char *[]){"c1", "c2", "c3", "c4"}[f->i]);
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_future_cancel(f->ws[0], al_none());
    al_future_cancel(f->ws[1], al_none());
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    AL_AWAIT(al_lock_acquire(&f->acq, f->cond.lock));
    AL_CHECK(al_condition_notify(&f->cond, 1));
    AL_CHECK(al_lock_release(f->cond.lock));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    {
        al_value l = al_list_new(vm, 4);
        for (int i = 0; i < 4; i++)
            al_list_append(vm, l, al_bool(al_future_done(f->ws[i])));
        al_print(vm, "done: %v", l);
    }
    AL_AWAIT(al_lock_acquire(&f->acq, f->cond.lock));
    AL_CHECK(al_condition_notify(&f->cond, 5));
    AL_CHECK(al_lock_release(f->cond.lock));
    AL_AWAIT(al_gather(vm, 4, f->ws, true));

    f->t = al_task_fut(al_create_task(vm, AL_CALL(waits_for, .cond = &f->cond)));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    state_n = 3;
    AL_AWAIT(al_lock_acquire(&f->acq, f->cond.lock));
    AL_CHECK(al_condition_notify_all(&f->cond));
    AL_CHECK(al_lock_release(f->cond.lock));
    AL_AWAIT(f->t);
    state_n = 0;
    f->t = al_task_fut(al_create_task(vm, AL_CALL(waits_for, .cond = &f->cond)));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    state_n = -1;
    AL_AWAIT(al_lock_acquire(&f->acq, f->cond.lock));
    AL_CHECK(al_condition_notify_all(&f->cond));
    AL_CHECK(al_lock_release(f->cond.lock));
    AL_AWAIT(f->t);
    al_print(vm, "end locked %v %g", al_bool(al_condition_locked(&f->cond)), now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
