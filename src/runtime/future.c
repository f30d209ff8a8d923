/*
 * future.c: asyncio.Future, as futures.py has it.
 *
 * A future is a box for a result that is not there yet, plus a list of
 * callbacks.  Completing it does not call them: it schedules each with
 * call_soon, in the order they were added, so they run on a later turn of
 * the loop.  That one-iteration delay is visible in every asyncio trace.
 */
#include "al_internal.h"

#include <stdlib.h>
#include <string.h>

const char *const al_fut_state_names[AL_FUT__COUNT] = {
    [AL_FUT_PENDING] = "PENDING",
    [AL_FUT_CANCELLED] = "CANCELLED",
    [AL_FUT_FINISHED] = "FINISHED",
};

/* Future's own class: every method is the base one. */
const al_future_class al__future_class = {.name = "Future", .own_actor = true};

/* al__future_name: see al_internal.h.  O(1). */
const char *al__future_name(const al_future *f)
{
    return f->cls->name_of ? f->cls->name_of(f) : f->label;
}

/* future_actor and future_repr are what the generators and the loop's
 * exception handler know of a future (al__awaitable_ops).  A Task is a
 * Future (its first member), so a task's pointer serves as well. */
static uint32_t future_actor(const void *obj) { return ((const al_future *)obj)->actor; }

/* future_repr appends repr(fut) as futures.py and tasks.py write it
 * (without the "defined at FILE:LINE" that names Python source). */
static void future_repr(al_buf *b, const void *obj)
{
    const al_future *f = obj;
    const char *state = al_fut_state_names[f->state];
    if (f->cls->repr_done && f->state == AL_FUT_FINISHED) {
        f->cls->repr_done(f, b);
    } else {
        al_format(b, "<%s ", f->cls->name);
        for (const char *c = state; *c; c++)
            al_buf_putc(b, (char)(*c - 'A' + 'a'));
    }
    if (f->state == AL_FUT_FINISHED)
        al_format(b, f->has_exc ? " exception=%r" : " result=%r", f->value);
    al_buf_putc(b, '>');
}

static const al__awaitable_ops future_ops = {future_actor, future_repr};

/* al__future_setup readies f as a future of class cls.  Only a class with
 * own_actor gets an actor here: a task or a gather is traced under the
 * name its own setup gives it. */
al_future *al__future_setup(al_future *f, al_vm *vm, const char *label, const al_future_class *cls)
{
    memset(f, 0, sizeof *f);
    f->vm = vm;
    f->state = AL_FUT_PENDING;
    f->cls = cls;
    f->value = f->cancel_msg = al_none();
    f->cbs_cap = 1;
    f->label = label ? label : "Future";
    vm->awaitables = &future_ops;
    if (vm->opts.trace && cls->own_actor)
        f->actor = al__actor_new(vm, AL_ACTOR_FUTURE, f->label, "-fut#", ++vm->gen_counter, NULL);
    return f;
}

/* al_future_init readies f (owned by the caller) as loop.create_future(). */
al_future *al_future_init(al_future *f, al_vm *vm, const char *label)
{
    return al__future_setup(f, vm, label, &al__future_class);
}

/* al_future_new allocates a future in the arena. */
al_future *al_future_new(al_vm *vm, const char *label)
{
    return al_future_init(al_alloc(vm, sizeof(al_future)), vm, label);
}

/* cbs_of is the callback array: the inline one until a second arrives. */
static al_done_cb *cbs_of(al_future *f)
{
    return f->cbs_cap > 1 ? f->cbs.many : &f->cbs.one;
}

/* exc_of is Python's _exception: the value slot holds it if has_exc. */
static al_value exc_of(const al_future *f) { return f->has_exc ? f->value : al_none(); }

/* schedule_callbacks is Future.__schedule_callbacks: every callback goes
 * to the ready FIFO, in registration order, and the list is cleared. */
static void schedule_callbacks(al_future *f)
{
    al_vm *vm = f->vm;
    uint32_t saved = vm->cause;
    vm->cause = AL_TRACE(vm, AL_EV_FUTURE_DONE, f->actor, 0,
                         al_cstr_static(vm, al_fut_state_names[f->state]),
                         al_future_cancelled(f) ? f->cancel_msg : f->value);
    size_t n = f->ncbs;
    const al_done_cb *cbs = cbs_of(f);
    f->ncbs = 0;
    for (size_t i = 0; i < n; i++) {
        const al_done_cb *cb = &cbs[i];
        al__soon_done(vm, cb->h, cb->fn, f, cb->arg, cb->name);
    }
    vm->cause = saved;
}

/* al__make_cancelled_error is Future._make_cancelled_error. */
al_value al__make_cancelled_error(al_future *f)
{
    if (f->cancelled_exc) {
        al_value e = {.type = AL_EXC, .u.exc = f->cancelled_exc};
        f->cancelled_exc = NULL;
        return e;
    }
    return al_is_none(f->cancel_msg) ? al_exc_noarg(f->vm, &al_CancelledError)
                                     : al_exc_new(f->vm, &al_CancelledError, f->cancel_msg);
}

/* al_future_result is Future.result(). */
al_signal al_future_result(al_future *f, al_value *out)
{
    if (f->state == AL_FUT_CANCELLED) {
        *out = al__make_cancelled_error(f);
        return AL_RAISED;
    }
    if (f->state != AL_FUT_FINISHED) {
        *out = al_exc_msg(f->vm, &al_InvalidStateError, "Result is not set.");
        return AL_RAISED;
    }
    f->log_tb = false;
    *out = f->value;
    return f->has_exc ? AL_RAISED : AL_RETURNED;
}

/* al_future_exception is Future.exception(). */
al_signal al_future_exception(al_future *f, al_value *out)
{
    if (f->state == AL_FUT_CANCELLED) {
        *out = al__make_cancelled_error(f);
        return AL_RAISED;
    }
    if (f->state != AL_FUT_FINISHED) {
        *out = al_exc_msg(f->vm, &al_InvalidStateError, "Exception is not set.");
        return AL_RAISED;
    }
    f->log_tb = false;
    *out = exc_of(f);
    return AL_RETURNED;
}

static al_value invalid_state(al_future *f)
{
    return al_exc_msg(f->vm, &al_InvalidStateError, "invalid state"); /* as _asyncio.Future */
}

/* task_refuses is Task's override of set_result and set_exception: a
 * task's outcome is its coroutine's, so nobody else may set it.  The
 * message names the class, as CPython's does. */
static bool task_refuses(al_future *f, const char *op, al_value *err)
{
    if (!f->cls->refuses_set)
        return false;
    *err = al_exc_new(f->vm, &al_RuntimeError, al_strf(f->vm, "%s does not support %s operation", f->cls->name, op));
    return true;
}

/* al_future_set_result is Future.set_result(v), or Task's refusal. */
al_value al_future_set_result(al_future *f, al_value v)
{
    al_value err;
    return task_refuses(f, "set_result", &err) ? err : al__future_set_result(f, v);
}

/* al_future_set_exception is Future.set_exception(exc), or Task's refusal. */
al_value al_future_set_exception(al_future *f, al_value exc)
{
    al_value err;
    return task_refuses(f, "set_exception", &err) ? err : al__future_set_exception(f, exc);
}

/* al__future_set_result is Future.set_result(v) itself. */
al_value al__future_set_result(al_future *f, al_value v)
{
    if (f->state != AL_FUT_PENDING)
        return invalid_state(f);
    f->value = v;
    f->state = AL_FUT_FINISHED;
    schedule_callbacks(f);
    return al_none();
}

/* live_push remembers f in the vm's array of futures with exceptions
 * (there, not in each future: few futures ever get one). */
static void live_push(al_vm *vm, al_future *f)
{
    if (vm->nlive == vm->live_cap) {
        size_t cap = vm->live_cap ? 2 * vm->live_cap : 16;
        al_future **v = realloc(vm->live, cap * sizeof *v);
        if (!v)
            al__die("out of memory (%zu futures with exceptions)", cap);
        vm->live = v;
        vm->live_cap = cap;
    }
    vm->live[vm->nlive++] = f;
}

/* al__future_set_exception is Future.set_exception(exc) itself.  Only
 * StopIteration proper is refused (CPython tests type(exc) is
 * StopIteration), not its subclasses.  While a loop runs, the future
 * joins the vm's list so that, if nobody ever retrieves the exception,
 * the run can say so as CPython does when the future is collected. */
al_value al__future_set_exception(al_future *f, al_value exc)
{
    if (f->state != AL_FUT_PENDING)
        return invalid_state(f);
    if (exc.type != AL_EXC)
        return al_exc_msg(f->vm, &al_TypeError, "invalid exception object");
    if (exc.u.exc->type == &al_StopIteration)
        return al_exc_msg(f->vm, &al_TypeError,
                          "StopIteration interacts badly with generators and cannot be raised into a Future");
    f->value = exc;
    f->has_exc = true;
    f->state = AL_FUT_FINISHED;
    f->log_tb = true;
    if (f->vm->loop)
        live_push(f->vm, f);
    schedule_callbacks(f);
    return al_none();
}

/* al__future_cancel_plain is Future.cancel(msg). */
void al__future_cancel_plain(al_future *f, al_value msg, bool *ok)
{
    f->log_tb = false;
    *ok = false;
    if (f->state != AL_FUT_PENDING)
        return;
    f->state = AL_FUT_CANCELLED;
    f->cancel_msg = msg;
    schedule_callbacks(f);
    *ok = true;
}

/* al_future_cancel is fut.cancel(msg), dispatched on the future's class:
 * a Task cancels what it awaits, a gather cancels its children. */
bool al_future_cancel(al_future *f, al_value msg)
{
    if (f->vm->cancel_depth == 0)
        f->vm->cancel_overflow = false; /* an outermost cancel (see task.c) */
    if (f->cls->cancel)
        return f->cls->cancel(f, msg);
    bool ok;
    al__future_cancel_plain(f, msg, &ok);
    return ok;
}

/* al_future_add_done_callback: on a done future the callback is scheduled
 * at once, otherwise appended.  Amortised O(1). */
void al_future_add_done_callback(al_future *f, al_done_fn fn, void *arg, const char *name)
{
    al__future_add_cb(f, fn, arg, name, NULL);
}

/* al__future_add_cb is add_done_callback with a handle of the caller's to
 * schedule the callback with (a task's own step handle), or NULL. */
void al__future_add_cb(al_future *f, al_done_fn fn, void *arg, const char *name, al_handle *h)
{
    if (f->state != AL_FUT_PENDING) {
        if (h)
            al__soon_h(f->vm, h, fn, f, arg, name);
        else
            al_call_soon(f->vm, fn, f, arg, name);
        return;
    }
    if (f->ncbs == f->cbs_cap) {
        uint32_t cap = 2 * f->cbs_cap;
        al_done_cb *cbs = al_alloc(f->vm, cap * sizeof *cbs);
        memcpy(cbs, cbs_of(f), f->ncbs * sizeof *cbs);
        f->cbs.many = cbs;
        f->cbs_cap = cap;
    }
    cbs_of(f)[f->ncbs++] = (al_done_cb){fn, arg, name, h};
}

/* al_future_remove_done_callback removes every (fn, arg) entry and returns
 * how many; as CPython compares bound methods, arg plays "self".  O(n). */
size_t al_future_remove_done_callback(al_future *f, al_done_fn fn, void *arg)
{
    al_done_cb *cbs = cbs_of(f);
    uint32_t kept = 0;
    for (uint32_t i = 0; i < f->ncbs; i++)
        if (cbs[i].fn != fn || cbs[i].arg != arg)
            cbs[kept++] = cbs[i];
    size_t removed = f->ncbs - kept;
    f->ncbs = kept;
    return removed;
}

/* al__report_unretrieved is Future.__del__ for each future whose
 * exception nobody asked for: CPython's "exception was never retrieved"
 * context goes to the loop's exception handler. */
void al__report_unretrieved(al_vm *vm)
{
    /* newest first, as the list this array replaced gave them */
    for (size_t i = vm->nlive; i-- > 0;) {
        al_future *f = vm->live[i];
        if (!f->log_tb)
            continue;
        f->log_tb = false;
        al_exc_context c = {.vm = vm, .exception = exc_of(f), .future = f,
                            .message = al_strf(vm, "%s exception was never retrieved", f->cls->name).u.s->data};
        al_loop_call_exception_handler(&c);
    }
    vm->nlive = 0;
}

/* al__await_misused raises, at the await in g, the error of a future
 * awaited while it is still marked blocking (a yield of it that no task
 * took), or, for a NULL future, the TypeError of "await None".  Returns
 * false: the await ends here. */
bool al__await_misused(al_gen *g)
{
    if (!g->awaiting)
        g->exc = al_exc_msg(g->vm, &al_TypeError, "object NoneType can't be used in 'await' expression");
    else
        g->exc = al_exc_msg(g->vm, &al_RuntimeError, "await wasn't used with future");
    return false;
}

/* al__not_awaitable is ensure_future's TypeError for something it
 * cannot await (None: a NULL future or coroutine). */
al_value al__not_awaitable(al_vm *vm)
{
    return al_exc_msg(vm, &al_TypeError, "An asyncio.Future, a coroutine or an awaitable is required");
}

/* al__future_refused is a future already failed with exc: what a call
 * that CPython refuses by raising at once (gather(None)) gives back, so
 * that awaiting it raises exc where the twin raises it. */
al_future *al__future_refused(al_vm *vm, al_value exc)
{
    al_future *f = al_future_new(vm, "refused");
    al_future_set_exception(f, exc);
    return f;
}

/* al__await_result finishes "await fut" in a frame (AL_AWAIT_TRY): the
 * future must be done now (its task was woken by it), and its result or
 * exception becomes the await expression's, as Future.__await__ ends. */
void al__await_result(al_gen *g, al_value *r)
{
    al_future *f = g->awaiting;
    g->awaiting = NULL;
    *r = al_none();
    if (!al_is_none(g->exc) || !f)
        return;
    if (!al_future_done(f)) {
        al__await_misused(g);
        return;
    }
    al_value v;
    if (al_future_result(f, &v) == AL_RAISED)
        g->exc = v;
    else
        *r = v;
}
