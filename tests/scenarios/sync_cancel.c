/* Cancelling tasks blocked in Lock.acquire, Semaphore.acquire, Event.wait,
 * Condition.wait and Queue.join, and the primitive's state afterwards: the
 * lock is not leaked (a waiter woken and then cancelled passes the lock
 * on), the semaphore's count is right, a condition waiter cancelled while
 * it re-acquires the lock still holds it when the CancelledError arrives. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(locker, const char *name; al_lock *lock; double hold;
             al_lock_acquire_co acq; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_lock_acquire(&f->acq, f->lock));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "%s cancelled waiting, locked: %v %g", f->name, al_bool(f->lock->locked), now(vm));
        AL_RERAISE();
    } AL_END_TRY;
    AL_TRY {
        al_print(vm, "%s has the lock %g", f->name, now(vm));
        AL_AWAIT(al_sleep(&f->s, vm, f->hold, al_none()));
    } AL_FINALLY {
        AL_CHECK(al_lock_release(f->lock));
        al_print(vm, "%s released %g", f->name, now(vm));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(sem_user, const char *name; al_semaphore *sem; double hold;
             al_sem_acquire_co acq; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_semaphore_acquire(&f->acq, f->sem));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "%s cancelled waiting, locked: %v %g", f->name,
                 al_bool(al_semaphore_locked(f->sem)), now(vm));
        AL_RERAISE();
    } AL_END_TRY;
    al_print(vm, "%s acquired %g", f->name, now(vm));
    AL_AWAIT(al_sleep(&f->s, vm, f->hold, al_none()));
    al_semaphore_release(f->sem);
    al_print(vm, "%s released %g", f->name, now(vm));
AL_END

AL_ASYNC_DEF(event_waiter, const char *name; al_flag *ev; al_flag_wait_co w; al_value r;)
    AL_TRY {
        AL_AWAIT(al_flag_wait(&f->w, f->ev), f->r);
        al_print(vm, "%s wait -> %v %g", f->name, f->r, now(vm));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "%s cancelled, set: %v %g", f->name, al_bool(al_flag_is_set(f->ev)), now(vm));
        AL_RERAISE();
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(cond_waiter, const char *name; al_condition *cond;
             al_lock_acquire_co acq; al_cond_wait_co w;)
    AL_AWAIT(al_lock_acquire(&f->acq, f->cond->lock));
    AL_TRY {
        AL_TRY {
            AL_AWAIT(al_condition_wait(&f->w, f->cond));
            al_print(vm, "%s notified, lock held: %v %g", f->name,
                     al_bool(al_condition_locked(f->cond)), now(vm));
        } AL_EXCEPT(al_CancelledError) {
            al_print(vm, "%s cancelled in wait, lock held: %v %g", f->name,
                     al_bool(al_condition_locked(f->cond)), now(vm));
            AL_RERAISE();
        } AL_END_TRY;
    } AL_FINALLY {
        AL_CHECK(al_lock_release(f->cond->lock));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(joiner, al_queue *q; al_queue_co j;)
    AL_TRY {
        AL_AWAIT(al_queue_join(&f->j, f->q));
        al_print(vm, "join returned %g", now(vm));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "joiner cancelled, unfinished left %d %g", (int)al_queue_qsize(f->q), now(vm));
        AL_RERAISE();
    } AL_END_TRY;
AL_END

#define CANCELLED(t) al_bool(al_future_cancelled(al_task_fut(t)))

static al_semaphore *the_sem;
static al_gen *make_user(al_vm *vm, size_t i)
{
    return AL_CALL(sem_user, .name = al_as_str(al_strf(vm, "s%d", (int)i)), .sem = the_sem, .hold = 1);
}

AL_ASYNC_DEF(main, al_lock lock; al_semaphore sem; al_flag ev; al_condition cond; al_queue q;
             al_task *l1, *l2, *l3, *e1, *e2, *c1, *c2, *j, *j2; al_future **users;
             al_lock_acquire_co acq; al_sem_acquire_co sacq; al_sleep_co s; int i; al_value r;)
    al_lock_init(&f->lock, vm, "lock");
    AL_AWAIT(al_lock_acquire(&f->acq, &f->lock));
    f->l1 = al_create_task(vm, AL_CALL(locker, .name = "l1", .lock = &f->lock, .hold = 1));
    f->l2 = al_create_task(vm, AL_CALL(locker, .name = "l2", .lock = &f->lock, .hold = 1));
    f->l3 = al_create_task(vm, AL_CALL(locker, .name = "l3", .lock = &f->lock, .hold = 1));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_task_cancel(f->l2, al_none());
    AL_CHECK(al_lock_release(&f->lock));
    al_task_cancel(f->l1, al_none());
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_print(vm, "after cancels: locked %v %v %v %g", al_bool(f->lock.locked), CANCELLED(f->l1),
             CANCELLED(f->l2), now(vm));
    AL_AWAIT(f->l3);
    al_print(vm, "lock free: %v %g", al_bool(!f->lock.locked), now(vm));

    AL_CHECK(al_semaphore_init(&f->sem, vm, "sem", 2));
    the_sem = &f->sem;
    f->users = al_tasks(vm, 5, make_user, NULL);
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_print(vm, "locked %v", al_bool(al_semaphore_locked(&f->sem)));
    al_future_cancel(f->users[2], al_none());
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_future_cancel(f->users[3], al_none());
    AL_AWAIT(al_gather(vm, 5, f->users, true));
    {
        al_value l = al_list_new(vm, 5);
        for (int i = 0; i < 5; i++)
            al_list_append(vm, l, al_bool(al_future_cancelled(f->users[i])));
        al_print(vm, "sem after: %v %v %g", al_bool(al_semaphore_locked(&f->sem)), l, now(vm));
    }
    for (f->i = 0; f->i < 2; f->i++)
        AL_AWAIT(al_semaphore_acquire(&f->sacq, &f->sem));
    al_print(vm, "two acquired, locked: %v %g", al_bool(al_semaphore_locked(&f->sem)), now(vm));

    al_flag_init(&f->ev, vm, "ev");
    f->e1 = al_create_task(vm, AL_CALL(event_waiter, .name = "e1", .ev = &f->ev));
    f->e2 = al_create_task(vm, AL_CALL(event_waiter, .name = "e2", .ev = &f->ev));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_task_cancel(f->e1, al_none());
    al_flag_set(&f->ev);
    al_task_cancel(f->e2, al_none());
    AL_AWAIT(al_gather(vm, 2, (al_future *[]){al_task_fut(f->e1), al_task_fut(f->e2)}, true));
    al_print(vm, "events: %v %v %g", CANCELLED(f->e1), CANCELLED(f->e2), now(vm));

    al_condition_init(&f->cond, vm, "cond", NULL);
    f->c1 = al_create_task(vm, AL_CALL(cond_waiter, .name = "c1", .cond = &f->cond));
    f->c2 = al_create_task(vm, AL_CALL(cond_waiter, .name = "c2", .cond = &f->cond));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_task_cancel(f->c1, al_none());
    AL_AWAIT(al_lock_acquire(&f->acq, f->cond.lock));
    AL_TRY {
        AL_CHECK(al_condition_notify_all(&f->cond));
        al_task_cancel(f->c2, al_none());
        AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    } AL_FINALLY {
        AL_CHECK(al_lock_release(f->cond.lock));
    } AL_END_TRY;
    AL_AWAIT(al_gather(vm, 2, (al_future *[]){al_task_fut(f->c1), al_task_fut(f->c2)}, true));
    al_print(vm, "cond: %v %v %v %g", CANCELLED(f->c1), CANCELLED(f->c2),
             al_bool(al_condition_locked(&f->cond)), now(vm));

    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 0);
    AL_CHECK(al_queue_put_nowait(&f->q, al_cstr(vm, "x")));
    f->j = al_create_task(vm, AL_CALL(joiner, .q = &f->q));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_task_cancel(f->j, al_none());
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_queue_get_nowait(&f->q, &f->r);
    AL_CHECK(al_queue_task_done(&f->q));
    f->j2 = al_create_task(vm, AL_CALL(joiner, .q = &f->q));
    AL_AWAIT(f->j2);
    al_print(vm, "done %v %g", CANCELLED(f->j), now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
