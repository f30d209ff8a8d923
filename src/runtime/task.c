/*
 * task.c: asyncio.Task, as tasks.py has it.
 *
 * A task drives the outermost frame of a coroutine chain.  Each step sends
 * None (or throws an exception) into the chain; whatever comes back up
 * decides what happens next:
 *
 *   - a future (yielded by await on a pending future): the task parks and
 *     the future's done callback, __wakeup, will step it again;
 *   - None (a bare yield, as sleep(0) does): the next step is scheduled at
 *     the back of the ready FIFO;
 *   - StopIteration or an exception: the task is done.
 *
 * The loop only ever runs callbacks; a task is a callback that reschedules
 * itself.  That is the whole trick of asyncio.
 */
#include "al_internal.h"

#include <stdio.h>
#include <string.h>

static void step(al_vm *vm, al_task *t, al_value exc);

static al_value exc_of(void *p)
{
    if (!p)
        return al_none();
    al_value v = {.type = AL_EXC, .u.exc = p};
    return v;
}

/* The callbacks the loop runs: __step (with an optional exception) and
 * __wakeup (with the future that completed). */
static void step_cb(al_vm *vm, void *task, void *exc)
{
    step(vm, task, exc_of(exc));
}

static void wakeup_cb(al_vm *vm, void *fut, void *task)
{
    al_task *t = task;
    al_value r;
    AL_TRACE(vm, AL_EV_WAKEUP, t->fut.actor, ((al_future *)fut)->actor, al_none(), al_none());
    if (al_future_result(fut, &r) == AL_RAISED)
        step(vm, t, r);
    else
        step(vm, t, al_none());
}

/* task_name writes "Task-N": by hand, since snprintf was a tenth of the
 * time of creating 100,000 tasks. */
static void task_name(char out[32], uint32_t n)
{
    char digits[12];
    int k = 0;
    do {
        digits[k++] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    memcpy(out, "Task-", 5);
    for (int i = 0; i < k; i++)
        out[5 + i] = digits[k - 1 - i];
    out[5 + k] = '\0';
}

static bool task_cancel(al_future *f, al_value msg) { return al_task_cancel((al_task *)f, msg); }
static const char *task_name_of(const al_future *f) { return ((const al_task *)f)->name; }

/* task_repr_done is the start of a finished Task's repr. */
static void task_repr_done(const al_future *f, al_buf *b)
{
    const al_task *t = (const al_task *)f;
    al_format(b, "<Task finished name='%s' coro=<%s() done>", t->name, t->coro->def->name);
}

/* Task's future class: a Task overrides cancel, is named, and refuses to
 * have its result set from outside. */
const al_future_class al__task_class = {
    .name = "Task",
    .cancel = task_cancel,
    .name_of = task_name_of,
    .repr_done = task_repr_done,
    .refuses_set = true,
};

/* al_create_task is loop.create_task(coro). */
al_task *al_create_task(al_vm *vm, al_gen *coro)
{
    if (al__no_loop(vm))
        return NULL;
    if (!coro) {
        vm->error = al_exc_msg(vm, &al_TypeError, "a coroutine was expected, got None");
        return NULL;
    }
    al_task *t = al_alloc(vm, sizeof *t);
    al__future_setup(&t->fut, vm, "Task", &al__task_class);
    t->coro = coro;
    coro->owned = true;
    char name[32];
    task_name(name, ++vm->task_counter);
    t->name = al_cstr(vm, name).u.s->data;
    if (vm->opts.trace)
        t->fut.actor = al__actor_new(vm, AL_ACTOR_TASK, "Task", "-", vm->task_counter, coro->def->name);
    if (vm->tasks_tail)
        vm->tasks_tail->next = t;
    else
        vm->tasks_head = t;
    vm->tasks_tail = t;
    AL_TRACE(vm, AL_EV_TASK_NEW, t->fut.actor, coro->actor, al_none(),
             al_cstr_static(vm, coro->def->name));
    t->step_h.subject = t->fut.actor;
    al__soon_h(vm, &t->step_h, step_cb, t, NULL, "Task.__step");
    return t;
}

al_task *al_current_task(const al_vm *vm) { return vm->current; }

/* al_task_set_name is Task.set_name(name).  The trace actor is renamed
 * too, so every event about the task, from its creation on, shows the
 * name the program gave it. */
void al_task_set_name(al_task *t, const char *name)
{
    al_vm *vm = t->fut.vm;
    t->name = al_cstr(vm, name).u.s->data;
    if (t->fut.actor)
        al__actor_rename(vm, t->fut.actor, AL_ACTOR_TASK, t->name, t->coro->def->name);
}

/* al_all_tasks lists the tasks not yet done, oldest first.  O(tasks). */
size_t al_all_tasks(al_vm *vm, al_task **out, size_t max)
{
    size_t n = 0;
    for (al_task *t = vm->tasks_head; t; t = t->next)
        if (!al_future_done(&t->fut)) {
            if (n < max)
                out[n] = t;
            n++;
        }
    return n;
}

/* Tasks that await one another in a cycle (a awaits b, b awaits a) make
 * Task.cancel recurse forever through the futures they wait for; CPython
 * stops at its recursion limit with RecursionError, which unwinds every
 * cancel() on the way out.  So does this, at the same depth. */
#define CANCEL_DEPTH_MAX 1000

/* cancel_waiter is "self._fut_waiter.cancel(msg=msg)" inside
 * Task.cancel, counting the depth; true if the waiter was cancelled.  On
 * overflow vm->error holds the RecursionError and vm->cancel_overflow
 * stays set while the cancels unwind (the next outermost cancel clears
 * it).  O(1) here, O(depth) in all. */
static bool cancel_waiter(al_task *t, al_value msg)
{
    al_vm *vm = t->fut.vm;
    if (vm->cancel_depth >= CANCEL_DEPTH_MAX) {
        vm->error = al_exc_msg(vm, &al_RecursionError,
                               "maximum recursion depth exceeded while calling a Python object");
        vm->cancel_overflow = true;
        return false;
    }
    vm->cancel_depth++;
    bool r = al_future_cancel(t->fut_waiter, msg);
    vm->cancel_depth--;
    return r && !vm->cancel_overflow;
}

/* al_task_cancel is Task.cancel(msg): cancel what the task awaits, or, if
 * it awaits nothing cancellable, throw CancelledError at its next step. */
bool al_task_cancel(al_task *t, al_value msg)
{
    t->fut.log_tb = false;
    if (t->fut.vm->cancel_depth == 0)
        t->fut.vm->cancel_overflow = false;
    if (al_future_done(&t->fut))
        return false;
    t->num_cancels++;
    /* The event is the requester's (a task, the loop running a timeout's
     * callback, main) and points at the task it cancels. */
    AL_TRACE(t->fut.vm, AL_EV_CANCEL, al__actor_now(t->fut.vm), t->fut.actor, msg, al_none());
    if (t->fut_waiter && cancel_waiter(t, msg))
        return true;
    if (t->fut.vm->cancel_overflow)
        return false;
    t->must_cancel = true;
    t->fut.cancel_msg = msg;
    return true;
}

/* al_task_uncancel is Task.uncancel(). */
int al_task_uncancel(al_task *t)
{
    if (t->num_cancels > 0)
        t->num_cancels--;
    return t->num_cancels;
}

/* later schedules another step that throws exc (a RuntimeError about a
 * bad yield), as CPython does instead of raising inside the loop. */
static void later(al_vm *vm, al_task *t, al_value exc)
{
    al__soon_h(vm, &t->step_h, step_cb, t, exc.u.exc, "Task.__step");
}

/* on_yield handles what the coroutine chain yielded up to the task. */
static void on_yield(al_vm *vm, al_task *t, al_value r)
{
    if (r.type == AL_NONE) {
        AL_TRACE(vm, AL_EV_TASK_SUSPEND, t->fut.actor, 0, al_none(), al__cstr_static(vm, "sleep(0)"));
        al__soon_h(vm, &t->step_h, step_cb, t, NULL, "Task.__step");
        return;
    }
    al_future *f = r.type == AL_PTR ? r.u.p : NULL;
    if (!f || !f->blocking) {
        later(vm, t, al_exc_new(vm, &al_RuntimeError, f
            ? al_strf(vm, "yield was used instead of yield from in task %s with %s", t->name, f->label)
            : al_strf(vm, "Task got bad yield: %r", r)));
        return;
    }
    if (f == &t->fut) {
        later(vm, t, al_exc_new(vm, &al_RuntimeError, al_strf(vm, "Task cannot await on itself: %s", t->name)));
        return;
    }
    f->blocking = false;
    al__future_add_cb(f, wakeup_cb, t, "Task.__wakeup", &t->step_h);
    t->fut_waiter = f;
    AL_TRACE(vm, AL_EV_TASK_SUSPEND, t->fut.actor, f->actor, al_none(),
             al_cstr_static(vm, al__future_name(f)));
    if (t->must_cancel && al_future_cancel(f, t->fut.cancel_msg))
        t->must_cancel = false;
}

/* on_finish records how the coroutine ended in the task's future. */
static void on_finish(al_task *t, al_signal s, al_value r)
{
    bool ok;
    if (s == AL_RETURNED) {
        if (t->must_cancel) {
            t->must_cancel = false;
            al__future_cancel_plain(&t->fut, t->fut.cancel_msg, &ok);
        } else {
            al__future_set_result(&t->fut, r);
        }
    } else if (al_exc_isa(r, &al_CancelledError)) {
        t->fut.cancelled_exc = r.u.exc;
        al__future_cancel_plain(&t->fut, al_none(), &ok);
    } else {
        al__future_set_exception(&t->fut, r);
    }
    /* The flag tells an exception raised from one returned as a value,
     * which the state (FINISHED for both) does not. */
    AL_TRACE_FLAGS(t->fut.vm, AL_EV_TASK_DONE, s == AL_RETURNED ? 0 : AL_EVF_RAISED, t->fut.actor,
                   0, al_cstr_static(t->fut.vm, al_fut_state_names[t->fut.state]), r);
}

/* step is Task.__step: one send or throw into the coroutine chain. */
static void step(al_vm *vm, al_task *t, al_value exc)
{
    AL_ASSERT(!al_future_done(&t->fut));
    AL_ASSERT(vm->current == NULL);
    if (t->must_cancel) {
        if (!al_exc_isa(exc, &al_CancelledError))
            exc = al__make_cancelled_error(&t->fut);
        t->must_cancel = false;
    }
    t->fut_waiter = NULL;
    vm->current = t;
    vm->cur_task = t->fut.actor;
    uint32_t saved = vm->cause;
    vm->cause = AL_TRACE(vm, AL_EV_TASK_STEP, t->fut.actor, t->coro->actor, exc,
                         al__cstr_static(vm, t->coro->def->name));
    if (vm->opts.trace) /* the coroutine's resume may be a follow-up */
        al__may_follow(vm, AL_EV_TASK_STEP, vm->cause, t->coro->actor, vm->cause);
    al_value r;
    al_signal s = al_is_none(exc) ? al_gen_send(t->coro, al_none(), &r)
                                  : al_gen_throw(t->coro, exc, &r);
    if (s == AL_YIELDED)
        on_yield(vm, t, r);
    else
        on_finish(t, s, r);
    vm->cause = saved;
    vm->current = NULL;
    vm->cur_task = 0;
}
