/* No barging past waiters: a task that releases a Lock and at once asks
 * for it again queues behind the waiter it just woke; a newcomer arriving
 * while the woken waiter has not yet run waits too; but when every waiter
 * has been cancelled, acquire() takes the free lock at once.  The same for
 * a Semaphore, whose locked() also counts waiters that are not cancelled. */
#include "scenario.h"
#include "lesson_forms.h"

/* user(lock, ...) takes a Lock or a Semaphore, as the twin's duck typing
 * does: whichever of the two is set. */
AL_ASYNC_DEF(user, al_lock *lock; al_semaphore *sem; const char *name; double hold;
             al_lock_acquire_co la; al_sem_acquire_co sa; al_sleep_co s;)
    if (f->lock)
        AL_AWAIT(al_lock_acquire(&f->la, f->lock));
    else
        AL_AWAIT(al_semaphore_acquire(&f->sa, f->sem));
    al_print(vm, "   %s has it %g", f->name, now(vm));
    AL_AWAIT(al_sleep(&f->s, vm, f->hold, al_none()));
    if (f->lock)
        AL_CHECK(al_lock_release(f->lock));
    else
        al_semaphore_release(f->sem);
AL_END

AL_ASYNC_DEF(greedy, al_lock *lock; al_lock_acquire_co la; al_sleep_co s;)
    AL_AWAIT(al_lock_acquire(&f->la, f->lock));
    al_print(vm, "   greedy has it %g", now(vm));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    AL_CHECK(al_lock_release(f->lock));
    AL_AWAIT(al_lock_acquire(&f->la, f->lock));
    al_print(vm, "   greedy has it again %g", now(vm));
    AL_CHECK(al_lock_release(f->lock));
AL_END

static al_future *task(al_vm *vm, al_gen *coro)
{
    return al_task_fut(al_create_task(vm, coro));
}

AL_ASYNC_DEF(main, al_lock lock; al_semaphore sem; al_future *ts[3]; al_future *c;
             al_lock_acquire_co la; al_sem_acquire_co sa; al_sleep_co s; al_value r;)
    al_lock_init(&f->lock, vm, "lock");
    f->ts[0] = task(vm, AL_CALL(greedy, .lock = &f->lock));
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    f->ts[1] = task(vm, AL_CALL(user, .lock = &f->lock, .name = "waiter", .hold = 1));
    AL_AWAIT(al_sleep(&f->s, vm, 1.5, al_none()));
    AL_AWAIT(al_gather(vm, 2, f->ts, false));

    AL_AWAIT(al_lock_acquire(&f->la, &f->lock));
    f->ts[0] = task(vm, AL_CALL(user, .lock = &f->lock, .name = "woken", .hold = 0.5));
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    AL_CHECK(al_lock_release(&f->lock));
    f->ts[1] = task(vm, AL_CALL(user, .lock = &f->lock, .name = "newcomer", .hold = 0.5));
    AL_AWAIT(al_gather(vm, 2, f->ts, false));

    AL_AWAIT(al_lock_acquire(&f->la, &f->lock));
    f->c = task(vm, AL_CALL(user, .lock = &f->lock, .name = "cancelled", .hold = 1));
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_future_cancel(f->c, al_none());
    AL_CHECK(al_lock_release(&f->lock));
    al_print(vm, "only a cancelled waiter: locked %v", al_bool(f->lock.locked));
    AL_AWAIT(al_lock_acquire(&f->la, &f->lock), f->r);
    al_print(vm, "acquire at once: %v %g", f->r, now(vm));
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_print(vm, "waiter cancelled: %v locked %v", al_bool(al_future_cancelled(f->c)), al_bool(f->lock.locked));
    AL_CHECK(al_lock_release(&f->lock));

    AL_CHECK(al_semaphore_init(&f->sem, vm, "sem", 1));
    AL_AWAIT(al_semaphore_acquire(&f->sa, &f->sem));
    f->ts[0] = task(vm, AL_CALL(user, .sem = &f->sem, .name = "s1", .hold = 1));
    f->ts[1] = task(vm, AL_CALL(user, .sem = &f->sem, .name = "s2", .hold = 1));
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_future_cancel(f->ts[0], al_none());
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_print(vm, "sem locked with one live waiter: %v", al_bool(al_semaphore_locked(&f->sem)));
    al_semaphore_release(&f->sem);
    al_print(vm, "after release, locked: %v %g", al_bool(al_semaphore_locked(&f->sem)), now(vm));
    f->ts[2] = task(vm, AL_CALL(user, .sem = &f->sem, .name = "s3", .hold = 0));
    AL_AWAIT(al_gather(vm, 3, f->ts, true));
    al_print(vm, "sem end %v %g", al_bool(al_semaphore_locked(&f->sem)), now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
