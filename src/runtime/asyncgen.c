/*
 * asyncgen.c: async generators (PEP 525), as CPython's genobject.c runs
 * them: an "async def" with "yield" in it.
 *
 * An async generator is an ordinary stackless frame whose body can both
 * await (passing a future up to the task, as any coroutine does) and
 * yield a value (AL_AYIELD).  It is never run by a task directly: each
 * __anext__(), asend(v), athrow(e) or aclose() makes a small awaitable,
 * and awaiting that awaitable is plain delegation -- the same "yield
 * from" a coroutine uses for "await coro".  The one difference is how a
 * delegation round ends: a value the generator yields ends the await (it
 * is what the awaitable returns, CPython's _PyAsyncGenWrappedValue),
 * while a future it yields passes straight up to the task.
 *
 * The awaitable's rules, from async_gen_asend_send, async_gen_athrow_send
 * and async_gen_unwrap_value:
 *   - only one awaitable may drive the generator at a time
 *     ("anext(): asynchronous generator is already running");
 *   - athrow() and aclose() of a closed generator return None (3.11);
 *   - the generator returning ends iteration: StopAsyncIteration;
 *   - aclose() throws GeneratorExit and succeeds when the generator
 *     returns or lets GeneratorExit (or StopAsyncIteration) out; a value
 *     yielded instead is "async generator ignored GeneratorExit".
 * Every operation is O(1) apart from the delegation chain it drives.
 */
#include "al_internal.h"

#include <stdio.h>

static const char *const op_names[] = {
    [AL_AG_ASEND] = "anext", [AL_AG_ATHROW] = "athrow", [AL_AG_ACLOSE] = "aclose",
};

/* al_asyncgen_init readies an allocated async generator frame. */
al_asyncgen *al_asyncgen_init(al_asyncgen *ag, al_vm *vm, const al_gen_def *def)
{
    ag->running_async = false;
    ag->closed = false;
    ag->hooks_inited = false;
    ag->has_finalizer = false;
    al_gen_init(&ag->g, vm, def);
    ag->g.ag_flags = AL__AG_FRAME;
    if (ag->g.actor) /* the trace shows it as what it is: "ticker#3" */
        al__actor_rename(vm, ag->g.actor, AL_ACTOR_ASYNC_GENERATOR,
                         al_strf(vm, "%s#%d", def->name, (int)vm->gen_counter).u.s->data,
                         def->name);
    return ag;
}

/* al_asyncgen_new allocates size bytes (a struct with al_asyncgen first)
 * in the arena and readies it. */
al_asyncgen *al_asyncgen_new(al_vm *vm, size_t size, const al_gen_def *def)
{
    AL_ASSERT(size >= sizeof(al_asyncgen));
    return al_asyncgen_init(al_alloc(vm, size), vm, def);
}

/* refusal is the error an awaitable raises before it starts, or None. */
static al_value refusal(al_anext_co *a)
{
    al_vm *vm = a->g.vm;
    if (a->ag->running_async)
        return al_exc_new(vm, &al_RuntimeError,
            al_strf(vm, "%s(): asynchronous generator is already running", op_names[a->op]));
    return al_none();
}

/* first_step starts the generator with a value or an exception, which
 * plain delegation (always next() first) cannot do.  It returns true if
 * the generator awaits a future (in g->io), which then passes up; false
 * if the round is over, with its outcome in g->io or g->exc. */
static bool first_step(al_anext_co *a)
{
    al_gen *g = &a->g, *ag = &a->ag->g;
    al_value r;
    al_signal s;
    AL_TRACE(g->vm, AL_EV_DELEGATE, g->actor, ag->actor, al_none(), al_none());
    if (a->op == AL_AG_ASEND)
        s = al_gen_send(ag, a->arg, &r);
    else
        s = al_gen_throw(ag, a->op == AL_AG_ACLOSE ? al_exc_noarg(g->vm, &al_GeneratorExit) : a->arg, &r);
    if (s == AL_YIELDED && !(ag->ag_flags & AL__AG_WRAPPED)) {
        g->yf = ag; /* the rest of the round is delegated */
        g->io = r;
        return true;
    }
    g->io = s == AL_RAISED ? al_none() : r;
    g->exc = s == AL_RAISED ? r : al_none();
    AL_TRACE(g->vm, AL_EV_DELEGATE_END, g->actor, ag->actor, g->io, g->exc);
    return false;
}

/* unwrap is async_gen_unwrap_value, and athrow's check_error for aclose:
 * what the awaitable returns (AL_RETURNED) or raises, given how the
 * round ended. */
static al_signal unwrap(al_anext_co *a)
{
    al_gen *g = &a->g;
    al_asyncgen *ag = a->ag;
    al_value e = g->exc;
    ag->running_async = false;
    if (!al_is_none(e)) {
        bool stop = al_exc_isa(e, &al_StopAsyncIteration) || al_exc_isa(e, &al_GeneratorExit);
        if (stop)
            ag->closed = true;
        if (stop && a->op == AL_AG_ACLOSE) {
            g->exc = al_none();
            g->io = al_none();
            return AL_RETURNED;
        }
        return AL_RAISED;
    }
    if (ag->g.state == AL_GEN_SUSPENDED) { /* it yielded a value */
        if (a->op != AL_AG_ACLOSE)
            return AL_RETURNED;
        g->exc = al_exc_msg(g->vm, &al_RuntimeError, "async generator ignored GeneratorExit");
        return AL_RAISED;
    }
    ag->closed = true; /* it returned */
    g->io = al_none();
    if (a->op == AL_AG_ACLOSE)
        return AL_RETURNED;
    g->exc = al_exc_noarg(g->vm, &al_StopAsyncIteration);
    return AL_RAISED;
}

/* fresh_throw is a throw() into the awaitable before its first send:
 * async_gen_asend_throw and async_gen_athrow_throw pass it straight into
 * the generator and start nothing of their own, so a later send still
 * begins the awaitable.  True if the generator awaits a future (in
 * g->io), which passes up to the task; otherwise the outcome is in g->io
 * or g->exc, for unwrap. */
static bool fresh_throw(al_anext_co *a, al_value exc)
{
    al_gen *g = &a->g, *ag = &a->ag->g;
    al_value r;
    al_signal s = al_gen_throw(ag, exc, &r);
    if (s == AL_YIELDED && !(ag->ag_flags & AL__AG_WRAPPED)) {
        g->io = r;
        return true;
    }
    g->io = s == AL_RAISED ? al_none() : r;
    g->exc = s == AL_RAISED ? r : al_none();
    return false;
}

static al_signal anext_body(al_gen *g)
{
    al_anext_co *a = (al_anext_co *)g;
    AL_GEN_BEGIN(g);
    if (!al_is_none(g->exc)) { /* thrown in before the first send */
        if (fresh_throw(a, al_except(g, &al_BaseException))) {
            g->pc = 0; /* still unstarted: the next send begins it */
            return AL_YIELDED;
        }
        if (unwrap(a) == AL_RAISED)
            AL_RAISE(g, g->exc);
        AL_RETURN(g, g->io);
    }
    a->r = refusal(a);
    if (!al_is_none(a->r))
        AL_RAISE(g, a->r);
    if (a->op != AL_AG_ASEND && a->ag->closed)
        AL_RETURN(g, al_none()); /* 3.11: athrow/aclose of a closed one */
    a->ag->running_async = true;
    if (a->op == AL_AG_ACLOSE)
        a->ag->closed = true;
    if (a->op == AL_AG_ASEND && al_is_none(a->arg)) {
        /* __anext__: exactly "await coro"'s delegation */
        AL_YIELD_FROM_TRY(g, &a->ag->g, a->r);
    } else if (first_step(a)) {
        AL__SUSPEND(g, AL_YIELDED)
    }
    if (unwrap(a) == AL_RAISED)
        AL_RAISE(g, g->exc);
    AL_RETURN(g, g->io);
    AL_GEN_END(g);
}

static const al_gen_def asend_def = {"async_generator_asend", anext_body, true};
static const al_gen_def athrow_def = {"async_generator_athrow", anext_body, true};

/* init_hooks is async_gen_init_hooks: the first of __anext__, asend,
 * athrow and aclose hands the generator to the running loop's firstiter
 * hook, which keeps it for loop.shutdown_asyncgens. */
static void init_hooks(al_asyncgen *ag)
{
    al_vm *vm = ag->g.vm;
    if (ag->hooks_inited)
        return;
    ag->hooks_inited = true;
    ag->has_finalizer = vm->asyncgen_finalizer != NULL;
    if (vm->asyncgen_firstiter)
        vm->asyncgen_firstiter(vm, ag);
}

/* al_asyncgen_release: see asyncgen.h.  It follows _PyGen_Finalize. */
void al_asyncgen_release(al_asyncgen *ag)
{
    al_vm *vm = ag->g.vm;
    al_value r;
    if (ag->g.state == AL_GEN_CLOSED)
        return;
    if (ag->has_finalizer && !ag->closed) {
        if (vm->asyncgen_finalizer) /* else the loop is closed: nothing */
            vm->asyncgen_finalizer(vm, ag);
        return;
    }
    al_gen_close(&ag->g, &r);
}

static al_gen *awaitable(al_anext_co *a, al_asyncgen *ag, al_ag_op op, al_value arg)
{
    init_hooks(ag);
    a->ag = ag;
    a->op = op;
    a->arg = arg;
    al_gen_init(&a->g, ag->g.vm, op == AL_AG_ASEND ? &asend_def : &athrow_def);
    a->g.ag_flags = AL__AG_OWN_THROW;
    return &a->g;
}

/* ag.__anext__(), ag.asend(v), ag.athrow(exc) and ag.aclose(): each
 * readies frame a as the awaitable CPython returns. */
al_gen *al_anext(al_anext_co *a, al_asyncgen *ag) { return awaitable(a, ag, AL_AG_ASEND, al_none()); }
al_gen *al_asend(al_anext_co *a, al_asyncgen *ag, al_value v) { return awaitable(a, ag, AL_AG_ASEND, v); }
al_gen *al_aclose(al_anext_co *a, al_asyncgen *ag) { return awaitable(a, ag, AL_AG_ACLOSE, al_none()); }

al_gen *al_athrow(al_anext_co *a, al_asyncgen *ag, al_value exc)
{
    AL_ASSERT(exc.type == AL_EXC);
    return awaitable(a, ag, AL_AG_ATHROW, exc);
}

/* al__asyncgen_repr: see al_internal.h. */
void al__asyncgen_repr(al_buf *b, const al_asyncgen *ag)
{
    char at[32];
    snprintf(at, sizeof at, "%p", (const void *)ag);
    al_format(b, "<async_generator object %s at %s>", ag->g.def->name, at);
}
