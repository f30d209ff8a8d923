/*
 * forms.c: what the authoring forms of lesson_forms.h call.
 *
 * The forms are macros, because a suspension point must be a case label
 * in the body's own switch; everything that need not be is here, so that
 * each await costs a lesson one short line and the rules (what may be
 * awaited, which exception an except clause takes) live in one place.
 * Every function is O(1) except al__caught, O(depth of the exception
 * class tree).
 */
#include "al_internal.h"
#include "lesson_forms.h"

/* The value AL_RETURN leaves pending while a return goes through the
 * finally blocks around it.  It is not an exception, so no except clause
 * can catch it. */
static const char returning_marker[] = "return";

static bool is_returning(al_value v) { return v.type == AL_PTR && v.u.p == returning_marker; }

/* al__returning: the pending value of a return in progress. */
al_value al__returning(void) { return al_ptr((void *)returning_marker); }

/* al__unwound ends a body with what is pending: a return in progress
 * gives AL_RETURNED (the value is in g->io), an exception AL_RAISED. */
al_signal al__unwound(al_gen *g)
{
    g->pc = -1;
    if (is_returning(g->exc)) {
        g->exc = al_none();
        return AL_RETURNED;
    }
    return AL_RAISED;
}

/* al__yield_from starts "yield from sub": the driver in gen.c forwards
 * every send and throw to sub until it finishes. */
al_signal al__yield_from(al_gen *g, al_gen *sub)
{
    g->awaiting = NULL;
    g->yf = sub;
    return AL__DELEGATING;
}

/* al__await_gen starts "await sub".  Only a coroutine is awaitable; a
 * plain generator raises the TypeError CPython raises, at once. */
al_signal al__await_gen(al_gen *g, al_gen *sub)
{
    if (!sub) { /* await None: the error of awaiting a NULL future */
        g->awaiting = NULL;
        al__await_misused(g);
        return AL_RETURNED;
    }
    if (!sub->def->coroutine) {
        g->exc = al_exc_msg(g->vm, &al_TypeError,
                            "object generator can't be used in 'await' expression");
        return AL_RETURNED;
    }
    return al__yield_from(g, sub);
}

/* al__await_future starts "await fut" as Future.__await__ does: a done
 * future answers at once; a pending one is yielded up to the task, which
 * resumes this frame when the future is done. */
al_signal al__await_future(al_gen *g, al_future *fut)
{
    g->awaiting = fut; /* NULL: al__await_yields raises await None's error */
    return al__await_yields(g, false) ? AL_YIELDED : AL_RETURNED;
}

/* al__await_again: see lesson_forms.h. */
bool al__await_again(al_gen *g)
{
    return g->awaiting && al__await_yields(g, true);
}

/* al__await_task starts "await task": a task is awaited as its future. */
al_signal al__await_task(al_gen *g, al_task *t) { return al__await_future(g, al_task_fut(t)); }

/* al__await_finish gives the value of the await or yield from that just
 * resumed g: the future's result, or what the subframe returned.  An
 * exception (the future's, the subframe's, or one thrown in) is left
 * pending in g->exc, and the value is then None. */
al_value al__await_finish(al_gen *g)
{
    al_value r = al_none();
    if (g->awaiting)
        al__await_result(g, &r);
    else if (al_is_none(g->exc))
        r = g->io;
    return r;
}

/* al__caught is "except t": if the pending exception is a t, it moves
 * to *e and true is returned. */
bool al__caught(al_gen *g, const al_exc_type *t, al_value *e)
{
    if (!al_exc_isa(g->exc, t))
        return false;
    *e = g->exc;
    g->exc = al_none();
    return true;
}

/* al__finally_begin enters a finally block: what is pending (an
 * exception, or a return and its value) waits in the slot, so that the
 * block may await like any code. */
void al__finally_begin(al_gen *g, al__try_slot *slot)
{
    slot->pending = g->exc;
    slot->io = g->io;
    slot->in_finally = true;
    g->exc = al_none();
}

/* al__finally_end leaves a finally block that ran to its end: what was
 * pending before it is pending again.  A try without a finally block
 * has nothing held back. */
void al__finally_end(al_gen *g, al__try_slot *slot)
{
    if (!slot->in_finally)
        return;
    slot->in_finally = false;
    g->exc = slot->pending;
    if (is_returning(slot->pending))
        g->io = slot->io;
}

/* al__pending_exc is the exception a finally block holds back, or None
 * (nothing pending, or a return). */
al_value al__pending_exc(const al__try_slot *slot)
{
    return slot->pending.type == AL_EXC ? slot->pending : al_none();
}

/* al__chain_handled is the implicit chaining of CPython's raise, for the
 * exception pending in g while a handler (or a finally block) of slot
 * runs, with the exception handled there (the one the finally block holds
 * back).  A raise right there sets its __context__ (raised).  An
 * exception arriving from an await, a yield or a call was raised while
 * that one was handled, and so was each exception before it in its
 * context chain: in CPython the oldest of those got it as __context__
 * (the frames below could not see it here), unless it is in the chain
 * already.  O(length of the context chain), which is cut off at 1000 in
 * case a program made it a cycle. */
void al__chain_handled(al_gen *g, const al__try_slot *slot, bool raised)
{
    al_value h = slot->in_finally ? slot->pending : slot->handled;
    if (g->exc.type != AL_EXC || h.type != AL_EXC)
        return;
    if (raised) {
        al_exc_chain(g->exc, h);
        return;
    }
    al_exc *oldest = g->exc.u.exc;
    for (int n = 0; oldest != h.u.exc; oldest = oldest->context, n++) {
        if (!oldest->context) {
            al_value v = {.type = AL_EXC, .u.exc = oldest};
            al_exc_chain(v, h);
            return;
        }
        if (n == 1000)
            return;
    }
}

/* al__with_exit lets the exit of an AL_WITH decide what goes on after
 * it: its answer replaces the pending exception (None swallows it); a
 * return goes on unless the exit raised. */
void al__with_exit(al__try_slot *slot, al_value answer)
{
    if (!is_returning(slot->pending) || answer.type == AL_EXC)
        slot->pending = answer;
}

/* al_run_parts: see lesson_forms.h.  O(n) calls. */
al_status al_run_parts(al_vm *vm, const al_lesson_part *parts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        al_status st = parts[i](vm);
        if (st != AL_OK)
            return st;
    }
    return AL_OK;
}

/* al_coros: see asynclab/lesson.h. */
al_gen **al_coros(al_vm *vm, size_t n, al_make_fn make)
{
    al_gen **cs = al_alloc(vm, (n ? n : 1) * sizeof *cs);
    for (size_t i = 0; i < n; i++)
        cs[i] = make(vm, i);
    return cs;
}

/* al_tasks: see asynclab/lesson.h.  create_task(coro, name=...) takes a
 * Task-N number first and renames the task, as 3.11 does. */
al_future **al_tasks(al_vm *vm, size_t n, al_make_fn make, const char *name_fmt)
{
    al_future **fs = al_alloc(vm, (n ? n : 1) * sizeof *fs);
    for (size_t i = 0; i < n; i++) {
        al_task *t = al_create_task(vm, make(vm, i));
        if (name_fmt)
            al_task_set_name(t, al_as_str(al_strf(vm, name_fmt, (int64_t)i)));
        fs[i] = al_task_fut(t);
    }
    return fs;
}
