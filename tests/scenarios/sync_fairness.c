/* Fairness of the primitives when waiters are cancelled: a Semaphore whose
 * woken waiter is cancelled before it runs passes the wake-up on; two
 * releases at once with one woken waiter cancelled; acquire() under
 * wait_for timing out; Condition.wait_for with a predicate and a cancel
 * while re-acquiring; Queue.join with two joiners and a cancelled one. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(user, const char *name; al_semaphore *sem; al_value log; al_sem_acquire_co acq; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_semaphore_acquire(&f->acq, f->sem));
    } AL_EXCEPT(al_CancelledError) {
        al_list_append(vm, f->log, al_strf(vm, "%s cancelled", f->name));
        AL_RERAISE();
    } AL_END_TRY;
    al_list_append(vm, f->log, al_cstr(vm, f->name));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_semaphore_release(f->sem);
AL_END

typedef struct state { int64_t n; } state;
static al_value at_least_two(void *arg)
{
    return al_bool(((state *)arg)->n >= 2);
}

AL_ASYNC_DEF(cond_user, const char *name; al_condition *cond; state *st;
             al_lock_acquire_co acq; al_cond_wait_for_co wf;)
    AL_AWAIT(al_lock_acquire(&f->acq, f->cond->lock));
    AL_TRY {
        AL_TRY {
            AL_AWAIT(al_condition_wait_for(&f->wf, f->cond, at_least_two, f->st));
            al_print(vm, "   %s sees %D %g", f->name, f->st->n, now(vm));
        } AL_EXCEPT(al_CancelledError) {
            al_print(vm, "   %s cancelled holding lock: %v %g", f->name,
                     al_bool(al_condition_locked(f->cond)), now(vm));
            AL_RERAISE();
        } AL_END_TRY;
    } AL_FINALLY {
        AL_CHECK(al_lock_release(f->cond->lock));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(joiner, const char *name; al_queue *q; al_queue_co j;)
    AL_AWAIT(al_queue_join(&f->j, f->q));
    al_print(vm, "   %s joined %g", f->name, now(vm));
AL_END

static al_semaphore *the_sem;
static al_value the_log;
static al_gen *make_user(al_vm *vm, size_t i)
{
    return AL_CALL(user, .name = al_as_str(al_strf(vm, "u%d", (int)i)), .sem = the_sem, .log = the_log);
}

#define CANCELLED(t) al_bool(al_future_cancelled(al_task_fut(t)))
#define DONE(t) al_bool(al_future_done(al_task_fut(t)))

AL_ASYNC_DEF(main, al_semaphore sem; al_value log; al_future **ts; al_sem_acquire_co acq; al_wait_for_co wf;
             al_condition cond; state st; al_task *c1, *c2, *j1, *j2, *j3; al_lock_acquire_co lacq;
             al_queue q; int i; al_sleep_co s; al_value r;)
    AL_CHECK(al_semaphore_init(&f->sem, vm, "sem", 1));
    f->log = al_list_new(vm, 4);
    AL_AWAIT(al_semaphore_acquire(&f->acq, &f->sem));
    the_sem = &f->sem;
    the_log = f->log;
    f->ts = al_tasks(vm, 4, make_user, NULL);
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_semaphore_release(&f->sem);
    al_future_cancel(f->ts[0], al_none());
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_print(vm, "after cancel of woken u0: %v %v", f->log, al_bool(al_semaphore_locked(&f->sem)));
    al_semaphore_release(&f->sem);
    al_semaphore_release(&f->sem);
    al_future_cancel(f->ts[2], al_none());
    AL_AWAIT(al_gather(vm, 4, f->ts, true));
    al_print(vm, "log %v locked %v %g", f->log, al_bool(al_semaphore_locked(&f->sem)), now(vm));

    AL_TRY {
        AL_AWAIT(al_wait_for(&f->wf, vm, NULL, al_semaphore_acquire(&f->acq, &f->sem), 0.5));
        al_print(vm, "got it at once %g", now(vm));
        for (f->i = 0; f->i < 3; f->i++)
            AL_AWAIT(al_wait_for(&f->wf, vm, NULL, al_semaphore_acquire(&f->acq, &f->sem), 0.5));
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "acquire timed out %v %g", al_bool(al_semaphore_locked(&f->sem)), now(vm));
    } AL_END_TRY;

    al_condition_init(&f->cond, vm, "cond", NULL);
    f->c1 = al_create_task(vm, AL_CALL(cond_user, .name = "c1", .cond = &f->cond, .st = &f->st));
    f->c2 = al_create_task(vm, AL_CALL(cond_user, .name = "c2", .cond = &f->cond, .st = &f->st));
    for (f->i = 0; f->i < 3; f->i++) {
        AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
        AL_AWAIT(al_lock_acquire(&f->lacq, f->cond.lock));
        AL_TRY {
            f->st.n++;
            AL_CHECK(al_condition_notify_all(&f->cond));
            if (f->i == 1)
                al_task_cancel(f->c1, al_none());
        } AL_FINALLY {
            AL_CHECK(al_lock_release(f->cond.lock));
        } AL_END_TRY;
    }
    AL_AWAIT(al_gather(vm, 2, (al_future *[]){al_task_fut(f->c1), al_task_fut(f->c2)}, true));
    al_print(vm, "cond done %v %v %v %g", CANCELLED(f->c1), DONE(f->c2),
             al_bool(al_condition_locked(&f->cond)), now(vm));

    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 0);
    for (f->i = 0; f->i < 2; f->i++)
        AL_CHECK(al_queue_put_nowait(&f->q, al_int(f->i)));
    f->j1 = al_create_task(vm, AL_CALL(joiner, .name = "j1", .q = &f->q));
    f->j2 = al_create_task(vm, AL_CALL(joiner, .name = "j2", .q = &f->q));
    f->j3 = al_create_task(vm, AL_CALL(joiner, .name = "j3", .q = &f->q));
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_task_cancel(f->j2, al_none());
    for (f->i = 0; f->i < 2; f->i++) {
        al_queue_get_nowait(&f->q, &f->r);
        AL_CHECK(al_queue_task_done(&f->q));
        AL_AWAIT(al_sleep(&f->s, vm, 0.25, al_none()));
    }
    AL_AWAIT(al_gather(vm, 3, (al_future *[]){al_task_fut(f->j1), al_task_fut(f->j2), al_task_fut(f->j3)}, true));
    al_print(vm, "joiners %v %v %v %g", DONE(f->j1), CANCELLED(f->j2), DONE(f->j3), now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
