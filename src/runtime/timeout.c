/*
 * timeout.c: "async with asyncio.timeout(delay)", as timeouts.py has it.
 *
 * Entering arms a timer that cancels the current task.  Leaving disarms
 * it, and if the deadline fired and the task's cancellation came from it,
 * turns the CancelledError into TimeoutError.  The task's cancel count
 * (cancelling/uncancel) tells a deadline's cancel from somebody else's.
 */
#include "al_internal.h"

static void on_timeout(al_vm *vm, void *tp, void *unused)
{
    al_timeout *t = tp;
    (void)vm;
    (void)unused;
    AL_ASSERT(t->state == AL_TM_ENTERED);
    al_task_cancel(t->task, al_none());
    t->state = AL_TM_EXPIRING;
    t->armed = false;
}

/* reschedule is Timeout.reschedule(when): a deadline already past fires
 * on the next iteration (call_soon), a later one on a timer. */
static void reschedule(al_timeout *t)
{
    if (t->armed)
        al_handle_cancel(t->vm, &t->handle);
    t->armed = true;
    t->handle.subject = t->task->fut.actor; /* the task it would cancel */
    if (t->when <= al_time(t->vm))
        al__soon_h(t->vm, &t->handle, on_timeout, t, NULL, "Timeout._on_timeout");
    else
        al__timer_start(t->vm, &t->handle, t->when, on_timeout, t, NULL, "Timeout._on_timeout");
}

/* al_timeout_enter is timeout(delay).__aenter__() in the current task. */
void al_timeout_enter(al_timeout *t, al_vm *vm, double delay)
{
    AL_ASSERT(vm->current != NULL);
    t->vm = vm;
    t->when = al_time(vm) + delay;
    t->state = AL_TM_ENTERED;
    t->task = vm->current;
    t->cancelling = al_task_cancelling(t->task);
    t->armed = false;
    reschedule(t);
}

/* al_timeout_exit is __aexit__: returns the exception to propagate. */
al_value al_timeout_exit(al_timeout *t, al_value exc)
{
    if (t->armed) {
        al_handle_cancel(t->vm, &t->handle);
        t->armed = false;
    }
    if (t->state == AL_TM_EXPIRING) {
        t->state = AL_TM_EXPIRED;
        if (al_task_uncancel(t->task) <= t->cancelling && exc.type == AL_EXC &&
            exc.u.exc->type == &al_CancelledError) {
            al_value e = al_exc_noarg(t->vm, &al_TimeoutError);
            e.u.exc->context = exc.u.exc;
            return e;
        }
    } else if (t->state == AL_TM_ENTERED) {
        t->state = AL_TM_EXITED;
    }
    return exc;
}
