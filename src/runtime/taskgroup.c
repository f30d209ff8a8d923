/*
 * taskgroup.c: asyncio.TaskGroup, as taskgroups.py has it (Python 3.11).
 *
 * A group is entered by a parent task, spawns children with create_task,
 * and on leaving the "async with" block waits until every child is done.
 * The first child to fail aborts the group: every other child is
 * cancelled, and so is the parent (once), so that the block stops at its
 * next await.  __aexit__ then takes that one cancellation back
 * (uncancel), waits for the children, and raises every error at once in
 * an ExceptionGroup.  A cancellation from outside the group is passed on
 * as a CancelledError instead, after the children are cancelled too.
 *
 * CPython keeps the children in a set and cancels them in the set's
 * order, which follows the tasks' addresses; here it is creation order.
 * SystemExit and KeyboardInterrupt, which the group would re-raise alone
 * (_base_error), do not exist in this runtime.
 * Costs: create_task O(1) amortised, a child's completion O(children),
 * an abort O(children).
 */
#include "al_internal.h"

#include <stddef.h>
#include <stdio.h>

/* trace_group records an operation of the group on task t (or 0). */
static void trace_group(al_taskgroup *tg, al_task *t, al_value a, const char *op)
{
    AL_TRACE(tg->vm, AL_EV_GROUP, tg->actor, t ? t->fut.actor : 0, a, al_cstr_static(tg->vm, op));
}

static const al_acm_class taskgroup_class;

/* al_taskgroup_init is TaskGroup(): nothing entered, no children. */
void al_taskgroup_init(al_taskgroup *tg, al_vm *vm)
{
    *tg = (al_taskgroup){.cm.cls = &taskgroup_class, .vm = vm, .errors = al_list_new(vm, 0)};
    if (vm->opts.trace)
        tg->actor = al__actor_new(vm, AL_ACTOR_OBJECT, "TaskGroup", "#", ++vm->gen_counter, NULL);
}

/* al_taskgroup_repr appends repr(tg): "<TaskGroup tasks=2 entered>". */
void al_taskgroup_repr(al_buf *b, const al_taskgroup *tg)
{
    al_buf_puts(b, "<TaskGroup");
    if (tg->ntasks)
        al_buf_printf(b, " tasks=%zu", tg->ntasks);
    if (!al_is_none(tg->errors) && al_len(tg->errors))
        al_buf_printf(b, " errors=%zu", al_len(tg->errors));
    if (tg->aborting)
        al_buf_puts(b, " cancelling");
    else if (tg->entered)
        al_buf_puts(b, " entered");
    al_buf_putc(b, '>');
}

/* refuse makes RuntimeError("TaskGroup <repr> <why>"). */
static al_value refuse(const al_taskgroup *tg, const char *why)
{
    al_buf b;
    al_buf_init(&b);
    al_buf_puts(&b, "TaskGroup ");
    al_taskgroup_repr(&b, tg);
    al_buf_printf(&b, " %s", why);
    al_value e = al_exc_new(tg->vm, &al_RuntimeError, al_str_new(tg->vm, b.data, b.len));
    al_buf_free(&b);
    return e;
}

/* al_taskgroup_enter is __aenter__, which never suspends. */
al_value al_taskgroup_enter(al_taskgroup *tg)
{
    if (tg->entered)
        return refuse(tg, "has already been entered");
    tg->parent = al_current_task(tg->vm);
    if (!tg->parent)
        return refuse(tg, "cannot determine the parent task");
    tg->entered = true;
    trace_group(tg, tg->parent, al_none(), "enter");
    return al_none();
}

/* abort is _abort: cancel every child not done yet. */
static void abort_children(al_taskgroup *tg)
{
    tg->aborting = true;
    trace_group(tg, NULL, al_int((int64_t)tg->ntasks), "abort");
    for (size_t i = 0; i < tg->ntasks; i++)
        if (!al_future_done(al_task_fut(tg->tasks[i])))
            al_task_cancel(tg->tasks[i], al_none());
}

/* discard removes t from the children (set.discard).  O(children). */
static void discard(al_taskgroup *tg, al_task *t)
{
    for (size_t i = 0; i < tg->ntasks; i++) {
        if (tg->tasks[i] != t)
            continue;
        for (size_t j = i; j + 1 < tg->ntasks; j++)
            tg->tasks[j] = tg->tasks[j + 1];
        tg->ntasks--;
        return;
    }
}

/* on_task_done is _on_task_done, a done callback on every child. */
static void on_task_done(al_vm *vm, void *fut, void *tgp)
{
    al_taskgroup *tg = tgp;
    al_task *t = fut;
    al_value exc;
    (void)vm;
    discard(tg, t);
    if (tg->on_completed && !tg->ntasks && !al_future_done(tg->on_completed))
        al_future_set_result(tg->on_completed, al_bool(true));
    if (al_future_cancelled(al_task_fut(t))) {
        trace_group(tg, t, al_none(), "child cancelled");
        return;
    }
    al_future_exception(al_task_fut(t), &exc);
    trace_group(tg, t, exc, "child done");
    if (al_is_none(exc))
        return;
    al_list_append(tg->vm, tg->errors, exc);
    /* CPython calls the loop's exception handler when the parent is
     * already done; that case cannot arise while __aexit__ waits, and
     * the errors are raised by it in any case. */
    if (al_future_done(al_task_fut(tg->parent)))
        return;
    if (!tg->aborting && !tg->parent_cancel_requested) {
        abort_children(tg);
        tg->parent_cancel_requested = true;
        trace_group(tg, tg->parent, al_none(), "cancel parent");
        al_task_cancel(tg->parent, al_none());
    }
}

/* al_taskgroup_create_task is tg.create_task(coro): the task, or NULL
 * with *exc set to the RuntimeError CPython raises when the group was not
 * entered, is finished, or is shutting down. */
al_task *al_taskgroup_create_task(al_taskgroup *tg, al_gen *coro, al_value *exc)
{
    *exc = al_none();
    if (!tg->entered)
        *exc = refuse(tg, "has not been entered");
    else if (tg->exiting && !tg->ntasks)
        *exc = refuse(tg, "is finished");
    else if (tg->aborting)
        *exc = refuse(tg, "is shutting down");
    if (!al_is_none(*exc))
        return NULL;
    al_task *t = al_create_task(tg->vm, coro);
    al_future_add_done_callback(al_task_fut(t), on_task_done, tg, "TaskGroup._on_task_done");
    if (tg->ntasks == tg->cap) {
        size_t cap = tg->cap ? 2 * tg->cap : 8;
        al_task **v = al_alloc(tg->vm, cap * sizeof *v);
        for (size_t i = 0; i < tg->ntasks; i++)
            v[i] = tg->tasks[i];
        tg->tasks = v;
        tg->cap = cap;
    }
    tg->tasks[tg->ntasks++] = t;
    trace_group(tg, t, al_none(), "create_task");
    return t;
}

/* the end of __aexit__, once no child is left: what to raise, if any */
static al_value exit_outcome(al_taskgroup_exit_co *x)
{
    al_taskgroup *tg = x->tg;
    if (!al_is_none(x->propagate) && !al_len(tg->errors))
        return x->propagate;
    if (!al_is_none(x->exc) && x->exc.u.exc->type != &al_CancelledError)
        al_list_append(tg->vm, tg->errors, x->exc);
    if (!al_len(tg->errors))
        return x->exc; /* __aexit__ returned None: the exception goes on */
    al_value me;
    al_exc_group(tg->vm, &al_BaseExceptionGroup,
                 al_cstr_static(tg->vm, "unhandled errors in a TaskGroup"), tg->errors, &me);
    tg->errors = al_none(); /* "finally: self._errors = None" */
    return al_raise_from(me, al_none());
}

/* exit_start is __aexit__ up to its waiting loop. */
static void exit_start(al_taskgroup_exit_co *x)
{
    al_taskgroup *tg = x->tg;
    tg->exiting = true;
    x->propagate = al_none();
    if (!al_is_none(x->exc) && x->exc.u.exc->type == &al_CancelledError)
        x->propagate = x->exc;
    if (tg->parent_cancel_requested && al_task_uncancel(tg->parent) == 0)
        x->propagate = al_none();
    if (!al_is_none(x->exc) && !tg->aborting)
        abort_children(tg);
}

static al_signal exit_body(al_gen *g)
{
    al_taskgroup_exit_co *x = (al_taskgroup_exit_co *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    exit_start(x);
    while (x->tg->ntasks) {
        if (!x->tg->on_completed)
            x->tg->on_completed = al_future_new(g->vm, "TaskGroup._on_completed_fut");
        /* The wait names what the program awaits, the end of its "async
         * with" (taskgroups.py's __aexit__ awaits _on_completed_fut), as
         * Barrier.wait and Condition.wait name theirs. */
        AL_TRACE(g->vm, AL_EV_WAIT, g->vm->cur_task, x->tg->actor,
                 al_cstr_static(g->vm, "TaskGroup.__aexit__"), al_none());
        AL_AWAIT_TRY(g, x->tg->on_completed, x->r);
        if (!al_is_none(e = al_except(g, &al_CancelledError)) && !x->tg->aborting) {
            x->propagate = e;
            abort_children(x->tg);
        }
        AL_PROPAGATE(g);
        x->tg->on_completed = NULL;
    }
    e = exit_outcome(x);
    trace_group(x->tg, x->tg->parent, e, "exit");
    if (!al_is_none(e))
        AL_RAISE(g, e);
    AL_GEN_END(g);
}

static const al_gen_def exit_def = {"TaskGroup.__aexit__", exit_body, true};

/* al_taskgroup_exit readies x as the coroutine tg.__aexit__ for exc (the
 * exception leaving the block, or None).  It raises what leaves the
 * "async with": an ExceptionGroup of the children's errors, a
 * CancelledError from outside, or exc itself; it returns None when the
 * block ends cleanly. */
al_gen *al_taskgroup_exit(al_taskgroup_exit_co *x, al_taskgroup *tg, al_value exc)
{
    x->tg = tg;
    x->exc = exc;
    return al_gen_init(&x->g, tg->vm, &exit_def);
}

/* ---- "async with tg": the group as an asynchronous context manager ---- */

static al_signal aenter_body(al_gen *g)
{
    al_taskgroup *tg = (al_taskgroup *)((char *)g - offsetof(al_taskgroup, enter));
    al_value e;
    AL_GEN_BEGIN(g);
    e = al_taskgroup_enter(tg);
    if (!al_is_none(e))
        AL_RAISE(g, e);
    AL_RETURN(g, al_ptr(tg));
    AL_GEN_END(g);
}

static const al_gen_def aenter_def = {"TaskGroup.__aenter__", aenter_body, true};

static al_gen *tg_aenter(al_acm *cm)
{
    al_taskgroup *tg = (al_taskgroup *)cm;
    return al_gen_init(&tg->enter, tg->vm, &aenter_def);
}

static al_gen *tg_aexit(al_acm *cm, al_value exc)
{
    al_taskgroup *tg = (al_taskgroup *)cm;
    return al_taskgroup_exit(&tg->exit, tg, exc);
}

static const al_acm_class taskgroup_class = {"TaskGroup", tg_aenter, tg_aexit};
