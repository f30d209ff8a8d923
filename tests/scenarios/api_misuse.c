/* Mistakes a program makes, and what CPython raises for each: result() of
 * a pending future, wait() of nothing, a coroutine awaited twice, a
 * TaskGroup used after it finished, a Condition notified or waited on
 * without its lock, a BoundedSemaphore released too often, task_done()
 * too often, a Barrier broken by abort, empty gather and as_completed. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(quick, al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, 0.1, al_none()));
    AL_RETURN(al_cstr(vm, "quick"));
AL_END

/* what show prints of an exception: its type and str(e) up to " <" */
static void show_exc(al_vm *vm, const char *label, al_value e)
{
    al_buf b;
    al_buf_init(&b);
    al_str_of(&b, e);
    char *cut = strstr(b.data ? b.data : "", " <");
    al_value msg = al_str_new(vm, b.data ? b.data : "", cut ? (size_t)(cut - b.data) : b.len);
    al_buf_free(&b);
    al_print(vm, "%s raised %s %v", label, al_type_name(e), msg);
}

AL_ASYNC_DEF(show, const char *label; al_gen *coro; al_future *fut; al_value r;)
    AL_TRY {
        if (f->coro)
            AL_AWAIT(f->coro, f->r);
        else
            AL_AWAIT(f->fut, f->r);
        al_print(vm, "%s -> %r", f->label, f->r);
    } AL_EXCEPT(al_Exception, e) {
        show_exc(vm, f->label, e);
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(party, al_barrier *b; const char *name; al_barrier_wait_co w; al_value i;)
    AL_TRY {
        AL_AWAIT(al_barrier_wait(&f->w, f->b), f->i);
        al_print(vm, "   %s passed as %v", f->name, f->i);
    } AL_EXCEPT(al_BrokenBarrierError, e) {
        al_print(vm, "   %s broken %r %g", f->name, e, now(vm));
    } AL_END_TRY;
AL_END

static al_barrier *the_barrier;
static al_gen *make_party(al_vm *vm, size_t i)
{
    return AL_CALL(party, .b = the_barrier, .name = i == 0 ? "p1" : "p2");
}

AL_ASYNC_DEF(main, al_future fut; al_wait_co w; al_as_completed ac; al_gen *c; quick_frame q1;
             al_taskgroup tg; al_taskgroup_exit_co x; al_task *t; al_condition cond; al_cond_wait_co cw;
             al_lock lock; al_bounded_semaphore bs; al_sem_acquire_co sacq; al_queue q, full;
             al_barrier b; al_barrier_change_co bc; al_barrier_wait_co bw; al_future **ps;
             show_frame sh; al_sleep_co s; al_value r;)
    al_future_init(&f->fut, vm, "fut");
    {
        al_value e;
        if (al_future_result(&f->fut, &e) == AL_RAISED)
            al_print(vm, "pending: %r", e);
        if (al_future_exception(&f->fut, &e) == AL_RAISED)
            al_print(vm, "pending: %r", e);
    }
    al_future_cancel(&f->fut, al_none());
    {
        al_value e = al_future_set_result(&f->fut, al_int(1));
        if (al_exc_isa(e, &al_InvalidStateError))
            al_print(vm, "set on cancelled: %r", e);
    }

    AL_AWAIT(AL_CALL_AT(&f->sh, show, .label = "wait([])",
                        .coro = al_wait(&f->w, vm, 0, NULL, AL_NO_TIMEOUT, AL_ALL_COMPLETED)));
    AL_AWAIT(AL_CALL_AT(&f->sh, show, .label = "gather()", .fut = al_gather(vm, 0, NULL, false)));
    al_as_completed_init(&f->ac, vm, 0, NULL, AL_NO_TIMEOUT);
    al_print(vm, "as_completed([]): %v", al_list_new(vm, f->ac.count));

    f->c = AL_CALL_AT(&f->q1, quick);
    AL_AWAIT(AL_CALL_AT(&f->sh, show, .label = "first await", .coro = f->c));
    AL_AWAIT(AL_CALL_AT(&f->sh, show, .label = "second await", .coro = f->c));

    al_taskgroup_init(&f->tg, vm);
    AL_CHECK(al_taskgroup_enter(&f->tg));
    f->t = al_taskgroup_create_task(&f->tg, AL_CALL(quick), &f->r);
    AL_AWAIT(al_taskgroup_exit(&f->x, &f->tg, al_none()));
    al_future_result(al_task_fut(f->t), &f->r);
    al_print(vm, "group task %v", f->r);
    f->c = AL_CALL(quick);
    {
        al_value e = al_none();
        if (!al_taskgroup_create_task(&f->tg, f->c, &e) && al_exc_isa(e, &al_RuntimeError))
            al_print(vm, "finished group: %v", e);
    }
    al_gen_close(f->c, &f->r);

    al_condition_init(&f->cond, vm, "cond", NULL);
    {
        al_value e = al_condition_notify(&f->cond, 1);
        if (al_exc_isa(e, &al_RuntimeError))
            al_print(vm, "notify: %r", e);
    }
    AL_AWAIT(AL_CALL_AT(&f->sh, show, .label = "cond.wait()", .coro = al_condition_wait(&f->cw, &f->cond)));
    al_print(vm, "cond locked after: %v", al_bool(al_condition_locked(&f->cond)));

    al_lock_init(&f->lock, vm, "lock");
    {
        al_value e = al_lock_release(&f->lock);
        if (al_exc_isa(e, &al_RuntimeError))
            al_print(vm, "release: %r", e);
    }

    al_bounded_semaphore_init(&f->bs, vm, "bs", 1);
    AL_AWAIT(al_semaphore_acquire(&f->sacq, &f->bs.sem));
    AL_CHECK(al_bounded_semaphore_release(&f->bs));
    {
        al_value e = al_bounded_semaphore_release(&f->bs);
        if (al_exc_isa(e, &al_ValueError))
            al_print(vm, "bounded: %r", e);
    }

    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 0);
    AL_CHECK(al_queue_put_nowait(&f->q, al_int(1)));
    al_queue_get_nowait(&f->q, &f->r);
    AL_CHECK(al_queue_task_done(&f->q));
    {
        al_value e = al_queue_task_done(&f->q);
        if (al_exc_isa(e, &al_ValueError))
            al_print(vm, "task_done: %r", e);
    }
    al_queue_init(&f->full, vm, "full", AL_QUEUE_FIFO, 1);
    AL_CHECK(al_queue_put_nowait(&f->full, al_int(1)));
    {
        al_value e;
        if (al_queue_get_nowait(&f->q, &e) == AL_RAISED)
            al_print(vm, "nowait: %r", e);
        e = al_queue_put_nowait(&f->full, al_int(2));
        if (al_exc_isa(e, &al_QueueFull))
            al_print(vm, "nowait: %r", e);
    }

    AL_CHECK(al_barrier_init(&f->b, vm, "b", 3));
    the_barrier = &f->b;
    f->ps = al_tasks(vm, 2, make_party, NULL);
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_print(vm, "waiting %D broken %v", al_barrier_n_waiting(&f->b), al_bool(al_barrier_broken(&f->b)));
    AL_AWAIT(al_barrier_abort(&f->bc, &f->b));
    AL_AWAIT(al_gather(vm, 2, f->ps, false));
    al_print(vm, "after abort %v %D", al_bool(al_barrier_broken(&f->b)), al_barrier_n_waiting(&f->b));
    AL_AWAIT(AL_CALL_AT(&f->sh, show, .label = "wait on broken", .coro = al_barrier_wait(&f->bw, &f->b)));
    AL_AWAIT(al_barrier_reset(&f->bc, &f->b));
    al_print(vm, "after reset %v", al_bool(al_barrier_broken(&f->b)));
    {
        al_barrier b0;
        al_value e = al_barrier_init(&b0, vm, "b0", 0);
        if (al_exc_isa(e, &al_ValueError))
            al_print(vm, "Barrier(0): %r", e);
        al_semaphore s0;
        e = al_semaphore_init(&s0, vm, "s0", -1);
        if (al_exc_isa(e, &al_ValueError))
            al_print(vm, "Semaphore(-1): %r", e);
    }
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
