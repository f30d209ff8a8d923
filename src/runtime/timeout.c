/*
 * timeout.c: "async with asyncio.timeout(delay)" and timeout_at(when), as
 * timeouts.py has them.
 *
 * Entering arms a timer that cancels the current task.  Leaving disarms
 * it, and if the deadline fired and the task's cancellation came from it,
 * turns the CancelledError into TimeoutError.  The task's cancel count
 * (cancelling/uncancel) tells a deadline's cancel from somebody else's.
 * A deadline of None (AL_NO_TIMEOUT) never fires; reschedule() moves the
 * deadline of an entered block.  Every step is in the trace as a
 * "timeout" event, so a view can show the deadline move and fire.
 */
#include "al_internal.h"

#include <math.h>
#include <stdlib.h>

/* The values of timeouts.py's _State, which its messages and repr use. */
static const char *const state_values[] = {
    [AL_TM_CREATED] = "created", [AL_TM_ENTERED] = "active", [AL_TM_EXPIRING] = "expiring",
    [AL_TM_EXPIRED] = "expired", [AL_TM_EXITED] = "finished",
};

static bool is_none(double when) { return when == AL_NO_TIMEOUT; }

/* trace records what happened to t (op) with its deadline, None or not,
 * from the task it guards. */
static void trace(al_timeout *t, const char *op)
{
    if (t->vm->opts.trace)
        al_emit(t->vm, AL_EV_TIMEOUT, al__actor_now(t->vm), t->task ? t->task->fut.actor : 0,
                al_timeout_when(t), al_cstr_static(t->vm, op));
}

static void on_timeout(al_vm *vm, void *tp, void *unused)
{
    al_timeout *t = tp;
    (void)vm;
    (void)unused;
    AL_ASSERT(t->state == AL_TM_ENTERED);
    al_task_cancel(t->task, al_none());
    t->state = AL_TM_EXPIRING;
    t->armed = false;
    trace(t, "expire");
}

/* rearm is the tail of Timeout.reschedule(when): cancel the old handle;
 * a deadline already past fires on the next iteration (call_soon), a
 * later one on a timer, None on neither. */
static void rearm(al_timeout *t)
{
    if (t->armed)
        al_handle_cancel(t->vm, &t->handle);
    t->armed = !is_none(t->when);
    if (!t->armed)
        return;
    t->handle.subject = t->task->fut.actor; /* the task it would cancel */
    if (t->when <= al_time(t->vm))
        al__soon_h(t->vm, &t->handle, on_timeout, t, NULL, "Timeout._on_timeout");
    else
        al__timer_start(t->vm, &t->handle, t->when, on_timeout, t, NULL, "Timeout._on_timeout");
}

/* al_timeout_at_init is timeout_at(when): Timeout(when), not entered.
 * The embedded handle keeps its generation (it is never zeroed): a slot
 * of its earlier, cancelled arming may still sit in the ready queue, and
 * must stay stale there. */
void al_timeout_at_init(al_timeout *t, al_vm *vm, double when)
{
    t->vm = vm;
    t->state = AL_TM_CREATED;
    t->when = when;
    t->task = NULL;
    t->cancelling = 0;
    t->armed = false;
}

/* al_timeout_init is timeout(delay): a deadline delay seconds from now,
 * or None.  Like get_running_loop(), it needs a running loop. */
al_value al_timeout_init(al_timeout *t, al_vm *vm, double delay)
{
    if (!vm->loop)
        return al_exc_msg(vm, &al_RuntimeError, "no running event loop");
    al_timeout_at_init(t, vm, is_none(delay) ? AL_NO_TIMEOUT : al_time(vm) + delay);
    return al_none();
}

/* al_timeout_aenter is Timeout.__aenter__(). */
al_value al_timeout_aenter(al_timeout *t)
{
    if (t->state != AL_TM_CREATED)
        return al_exc_msg(t->vm, &al_RuntimeError, "Timeout has already been entered");
    if (!t->vm->current)
        return al_exc_msg(t->vm, &al_RuntimeError, "Timeout should be used inside a task");
    t->state = AL_TM_ENTERED;
    t->task = t->vm->current;
    t->cancelling = al_task_cancelling(t->task);
    trace(t, "enter");
    rearm(t);
    return al_none();
}

/* al_timeout_enter is "async with timeout(delay)": a new Timeout in t's
 * memory, entered at once, so one al_timeout may serve block after block
 * as the Python twin's fresh timeout() objects do. */
al_value al_timeout_enter(al_timeout *t, al_vm *vm, double delay)
{
    al_value e = al_timeout_init(t, vm, delay);
    return al_is_none(e) ? al_timeout_aenter(t) : e;
}

/* al_timeout_reschedule is Timeout.reschedule(when). */
al_value al_timeout_reschedule(al_timeout *t, double when)
{
    if (t->state != AL_TM_ENTERED)
        return t->state == AL_TM_CREATED
            ? al_exc_msg(t->vm, &al_RuntimeError, "Timeout has not been entered")
            : al_exc_new(t->vm, &al_RuntimeError,
                         al_strf(t->vm, "Cannot change state of %s Timeout", state_values[t->state]));
    t->when = when;
    trace(t, "reschedule");
    rearm(t);
    return al_none();
}

/* al_timeout_when is Timeout.when(): the deadline, or None. */
al_value al_timeout_when(const al_timeout *t)
{
    return is_none(t->when) ? al_none() : al_float(t->when);
}

/* al_timeout_expired is Timeout.expired(). */
bool al_timeout_expired(const al_timeout *t)
{
    return t->state == AL_TM_EXPIRING || t->state == AL_TM_EXPIRED;
}

/* al_timeout_repr is repr(Timeout): "<Timeout [active] when=1.5>", the
 * deadline rounded to 3 places as round(when, 3) does (a correctly
 * rounded decimal, read back as the nearest float). */
void al_timeout_repr(al_buf *b, const al_timeout *t)
{
    al_buf_printf(b, "<Timeout [%s]", state_values[t->state]);
    if (t->state == AL_TM_ENTERED) {
        al_value when = al_none();
        if (!is_none(t->when) && isfinite(t->when)) {
            char digits[400];
            snprintf(digits, sizeof digits, "%.3f", t->when);
            when = al_float(strtod(digits, NULL));
        } else if (!is_none(t->when)) {
            when = al_float(t->when);
        }
        al_buf_puts(b, " when=");
        al_repr_of(b, when);
    }
    al_buf_putc(b, '>');
}

/* al_timeout_exit is __aexit__: returns the exception to propagate.  A
 * TimeoutError is raised "from" the CancelledError, which is both its
 * cause and its context. */
al_value al_timeout_exit(al_timeout *t, al_value exc)
{
    if (t->state != AL_TM_ENTERED && t->state != AL_TM_EXPIRING)
        return al_exc_noarg(t->vm, &al_AssertionError); /* timeouts.py asserts it */
    if (t->armed) {
        al_handle_cancel(t->vm, &t->handle);
        t->armed = false;
    }
    trace(t, "exit");
    if (t->state == AL_TM_EXPIRING) {
        t->state = AL_TM_EXPIRED;
        if (al_task_uncancel(t->task) <= t->cancelling && exc.type == AL_EXC &&
            exc.u.exc->type == &al_CancelledError) {
            al_value e = al_exc_noarg(t->vm, &al_TimeoutError);
            e.u.exc->context = exc.u.exc;
            e.u.exc->cause = exc.u.exc;
            e.u.exc->suppress_context = true;
            return e;
        }
    } else {
        t->state = AL_TM_EXITED;
    }
    return exc;
}
