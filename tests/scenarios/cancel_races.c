/* Cancellation meets other deadlines: wait_for on a task that swallows the
 * cancel returns its value; a timeout block whose body swallows the
 * CancelledError ends quietly but expired; an outside cancel that arrives
 * with a timeout's own is not turned into TimeoutError; an Event set and
 * cleared before its waiters run still wakes them; a new Lock acquirer
 * cannot barge past a waiter that was woken. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(stubborn, double d; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, f->d, al_none()));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "  stubborn swallows the cancel %g", now(vm));
    } AL_END_TRY;
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    AL_RETURN(al_cstr(vm, "stubborn result"));
AL_END

AL_ASYNC_DEF(sleeper_in_timeout, double d, limit; al_timeout tm; al_sleep_co s;)
    AL_TRY {
        AL_WITH(al_timeout_enter(&f->tm, vm, f->limit)) {
            AL_AWAIT(al_sleep(&f->s, vm, f->d, al_none()));
        } AL_END_WITH(al_timeout_exit(&f->tm, AL_PENDING()));
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "  timed out %g", now(vm));
        AL_RETURN(al_cstr(vm, "timeout"));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "  cancelled, cancelling = %d %g", al_task_cancelling(al_current_task(vm)), now(vm));
        AL_RERAISE();
    } AL_END_TRY;
    AL_RETURN(al_cstr(vm, "finished"));
AL_END

AL_ASYNC_DEF(waiter, const char *name; al_flag *ev; al_flag_wait_co w; al_value r;)
    AL_AWAIT(al_flag_wait(&f->w, f->ev), f->r);
    al_print(vm, "   %s woke %v %v %g", f->name, f->r, al_bool(al_flag_is_set(f->ev)), now(vm));
AL_END

AL_ASYNC_DEF(locker, const char *name; al_lock *lock; al_value log; al_lock_acquire_co acq; al_sleep_co s;)
    AL_AWAIT(al_lock_acquire(&f->acq, f->lock));
    AL_TRY {
        al_list_append(vm, f->log, al_cstr(vm, f->name));
        AL_AWAIT(al_sleep(&f->s, vm, 0.1, al_none()));
    } AL_FINALLY {
        AL_CHECK(al_lock_release(f->lock));
    } AL_END_TRY;
AL_END

static void cancel_cb(al_vm *vm, void *task, void *unused)
{
    (void)vm, (void)unused;
    al_task_cancel(task, al_none());
}

static al_flag *the_ev;
static al_gen *make_waiter(al_vm *vm, size_t i)
{
    return AL_CALL(waiter, .name = i == 0 ? "w1" : "w2", .ev = the_ev);
}

AL_ASYNC_DEF(main, al_wait_for_co wf; al_timeout cm; al_task *t, *first, *late; al_flag ev;
             al_future **ws; al_lock lock; al_value log; al_lock_acquire_co acq; al_sleep_co s; al_value r;)
    al_print(vm, "wait_for and a swallowed cancel:");
    AL_AWAIT(al_wait_for(&f->wf, vm, NULL, AL_CALL(stubborn, .d = 5), 1), f->r);
    al_print(vm, "wait_for returned %v %g", f->r, now(vm));

    al_print(vm, "timeout whose body swallows:");
    AL_TRY {
        al_timeout_init(&f->cm, vm, 1);
        AL_WITH(al_timeout_aenter(&f->cm)) {
            AL_TRY {
                AL_AWAIT(al_sleep(&f->s, vm, 5, al_none()));
            } AL_EXCEPT(al_CancelledError) {
                al_print(vm, "  body swallowed it %g", now(vm));
            } AL_END_TRY;
        } AL_END_WITH(al_timeout_exit(&f->cm, AL_PENDING()));
        al_print(vm, "  block ended quietly, expired: %v %d", al_bool(al_timeout_expired(&f->cm)),
                 al_task_cancelling(al_current_task(vm)));
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "  TimeoutError anyway");
    } AL_END_TRY;

    al_print(vm, "outside cancel at the deadline:");
    f->t = al_create_task(vm, AL_CALL(sleeper_in_timeout, .d = 5, .limit = 1));
    al_call_at(vm, now(vm) + 1, cancel_cb, f->t, NULL, "cancel");
    AL_TRY {
        AL_AWAIT(f->t, f->r);
        al_print(vm, "  task gave %v", f->r);
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "  task cancelled %v %g", al_bool(al_future_cancelled(al_task_fut(f->t))), now(vm));
    } AL_END_TRY;
    f->t = al_create_task(vm, AL_CALL(sleeper_in_timeout, .d = 5, .limit = 1));
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_task_cancel(f->t, al_none());
    al_task_uncancel(f->t);
    al_print(vm, "  after cancel+uncancel: %d", al_task_cancelling(f->t));
    AL_TRY {
        AL_AWAIT(f->t, f->r);
        al_print(vm, "  task gave %v %g", f->r, now(vm));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "  task cancelled %v %g", al_bool(al_future_cancelled(al_task_fut(f->t))), now(vm));
    } AL_END_TRY;

    al_print(vm, "event set and cleared at once:");
    al_flag_init(&f->ev, vm, "ev");
    the_ev = &f->ev;
    f->ws = al_tasks(vm, 2, make_waiter, NULL);
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_flag_set(&f->ev);
    al_flag_clear(&f->ev);
    AL_AWAIT(al_gather(vm, 2, f->ws, false));
    al_print(vm, "  is_set %v", al_bool(al_flag_is_set(&f->ev)));

    al_print(vm, "no barging past a woken waiter:");
    al_lock_init(&f->lock, vm, "lock");
    f->log = al_list_new(vm, 2);
    AL_AWAIT(al_lock_acquire(&f->acq, &f->lock));
    f->first = al_create_task(vm, AL_CALL(locker, .name = "waiter", .lock = &f->lock, .log = f->log));
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    AL_CHECK(al_lock_release(&f->lock));
    f->late = al_create_task(vm, AL_CALL(locker, .name = "late", .lock = &f->lock, .log = f->log));
    al_print(vm, "  locked after release: %v", al_bool(f->lock.locked));
    AL_AWAIT(al_gather(vm, 2, (al_future *[]){al_task_fut(f->first), al_task_fut(f->late)}, false));
    al_print(vm, "  order %v %g", f->log, now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
