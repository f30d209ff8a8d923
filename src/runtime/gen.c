/*
 * gen.c: generators and delegation, in the manner of CPython's genobject.c.
 *
 * A frame is resumed by calling its body, which jumps to the case label
 * saved in g->pc.  When the body asks to delegate (yield from / await), the
 * driver here forwards every send and throw to the subframe until it
 * returns, exactly as CPython's gen_send_ex and _gen_throw do with
 * gi_yieldfrom.  That forwarding is why Python needed "yield from": without
 * it each level of a pipeline would have to relay values by hand.
 *
 * Cost: a resume is O(depth of the delegation chain), with no allocation.
 */
#include "al_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const al_gen_state_names[AL_GEN__COUNT] = {
    [AL_GEN_CREATED] = "GEN_CREATED",
    [AL_GEN_RUNNING] = "GEN_RUNNING",
    [AL_GEN_SUSPENDED] = "GEN_SUSPENDED",
    [AL_GEN_CLOSED] = "GEN_CLOSED",
};

static inline __attribute__((always_inline)) al_signal
resume(al_gen *g, al_value sent, al_value exc, al_value *out);

/* trace_create announces a traced frame, named "function#N", and
 * records its creation with its argument arg.  Out of line, so that
 * al_gen_init (once per sleep(0)) needs no stack frame. */
static __attribute__((noinline, cold)) void trace_create(al_gen *g, al_vm *vm, const al_gen_def *def,
                                                         al_value arg)
{
    g->actor = al__actor_new(vm, def->coroutine ? AL_ACTOR_COROUTINE : AL_ACTOR_GENERATOR,
                             def->name, "#", ++vm->gen_counter, def->name);
    uint32_t seq = al__emit(vm, AL_EV_CREATE, g->actor, vm->cur_actor, arg, al_none());
    al__may_follow(vm, AL_EV_CREATE, seq, g->actor, vm->cause); /* its delegator may delegate */
}

/* al_gen_label: see gen.h.  The actor keeps its kind and function.  A
 * NULL frame or name is a C author's slip that changes no Python
 * behaviour, so it is ignored rather than crashing. */
void al_gen_label(al_gen *g, const char *name)
{
    if (!g || !name || !g->actor)
        return;
    al_actor_kind kind = g->ag_flags & AL__AG_FRAME ? AL_ACTOR_ASYNC_GENERATOR
                       : g->def->coroutine          ? AL_ACTOR_COROUTINE
                                                    : AL_ACTOR_GENERATOR;
    al__actor_rename(g->vm, g->actor, kind, al_cstr(g->vm, name).u.s->data, g->def->name);
}

/* al__gen_init_arg: see al_internal.h. */
al_gen *al__gen_init_arg(al_gen *g, al_vm *vm, const al_gen_def *def, al_value arg)
{
    g->def = def;
    g->vm = vm;
    g->pc = 0;
    g->state = AL_GEN_CREATED;
    g->yf = NULL;
    g->io = al_none();
    g->exc = al_none();
    g->resumed_by = 0;
    g->actor = 0;
    g->traced = vm->opts.trace;
    g->owned = false;
    g->ag_flags = 0;
    if (g->traced)
        trace_create(g, vm, def, arg);
    return g;
}

/* al__gen_live: see asynclab/gen.h.  A frame suspended at a plain
 * yield is not counted: memory of a generator left half-way may be
 * reused, as Python lets an abandoned generator go.  O(1). */
bool al__gen_live(const al_gen *g, const al_vm *vm, const al_gen_def *def)
{
    return g->vm == vm && g->def == def &&
           (g->state == AL_GEN_RUNNING || (g->state == AL_GEN_SUSPENDED && (g->awaiting || g->yf)));
}

static al_signal refused_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_RAISE(g, al_exc_new(g->vm, &al_RuntimeError,
                           al_strf(g->vm, "cannot reuse the frame of %s(): it is still suspended in an "
                                          "await (give each call a frame of its own)", g->def->name)));
    AL_GEN_END(g);
}

/* al__gen_refused: see asynclab/gen.h.  A small frame of its own, named
 * as def, whose first resume raises the RuntimeError. */
al_gen *al__gen_refused(al_vm *vm, const al_gen_def *def)
{
    al_gen_def *d = al_alloc(vm, sizeof *d);
    *d = (al_gen_def){def->name, refused_body, def->coroutine};
    return al_gen_new(vm, sizeof(al_gen), d);
}

/* al_gen_init readies an allocated frame and records its creation.  The
 * frame's memory belongs to the caller, who frees it (or lets the arena
 * free it) exactly once. */
al_gen *al_gen_init(al_gen *g, al_vm *vm, const al_gen_def *def)
{
    return al__gen_init_arg(g, vm, def, al_none());
}

/* al_gen_new allocates size bytes (a frame struct with al_gen first) in
 * the vm's arena and initialises it. */
al_gen *al_gen_new(al_vm *vm, size_t size, const al_gen_def *def)
{
    AL_ASSERT(size >= sizeof(al_gen));
    return al_gen_init(al_alloc(vm, size), vm, def);
}

/* al__bad_pc is reached only if a body's pc names no case label: a bug in
 * the body's macros, never a user error. */
al_signal al__bad_pc(al_gen *g)
{
    al__die("frame %s resumed at unknown point %d", g->def->name, g->pc);
}

/* al_except: "except t as e" at the current suspension point. */
al_value al_except(al_gen *g, const al_exc_type *t)
{
    if (!al_exc_isa(g->exc, t))
        return al_none();
    al_value e = g->exc;
    g->exc = al_none();
    return e;
}

/* kind is what CPython's messages call the frame. */
static const char *kind(const al_gen *g)
{
    return (g->ag_flags & AL__AG_FRAME) ? "async generator" : g->def->coroutine ? "coroutine" : "generator";
}

/* PEP 479: a StopIteration escaping a frame becomes a RuntimeError, so a
 * stray StopIteration cannot silently end an outer loop; PEP 525 does
 * the same with StopAsyncIteration in an async generator. */
static al_value fix_stop_iteration(al_gen *g, al_value e)
{
    bool stop_async = (g->ag_flags & AL__AG_FRAME) && al_exc_isa(e, &al_StopAsyncIteration);
    if (!al_exc_isa(e, &al_StopIteration) && !stop_async)
        return e;
    al_value r = al_exc_new(g->vm, &al_RuntimeError, al_strf(g->vm, "%s raised %s", kind(g),
                            stop_async ? "StopAsyncIteration" : "StopIteration"));
    r.u.exc->context = r.u.exc->cause = e.u.exc; /* raised from it */
    r.u.exc->suppress_context = true;
    return r;
}

/* Each level of delegation is a level of C recursion (forward, resume,
 * step), as each is a C-level call in CPython's gen_send_ex.  CPython
 * stops at sys.getrecursionlimit(), 1000 frames, counting also the few
 * frames of the loop and the task below the chain (so its chains end
 * some twenty levels sooner); the same limit here keeps a runaway
 * recursive coroutine from overflowing the C stack. */
#define AL__RECURSION_LIMIT 1000

/* too_deep is a resume of g refused for depth: as in CPython, the frame
 * it would have entered fails with RecursionError at once (no finally
 * block of it runs) and is finished.  O(1). */
static __attribute__((noinline, cold)) al_signal too_deep(al_gen *g, al_value *out)
{
    *out = al_exc_msg(g->vm, &al_RecursionError, "maximum recursion depth exceeded");
    AL_TRACE(g->vm, AL_EV_ERROR, g->actor, 0, *out, al_none());
    g->state = AL_GEN_CLOSED;
    g->pc = -1;
    g->yf = NULL;
    g->io = g->exc = al_none();
    return AL_RAISED;
}

/* forward delivers one send or throw to the subframe g->yf.  It returns
 * true if the subframe yielded (the value is in *out and g stays
 * suspended), false if it finished, in which case g->io or g->exc holds
 * its result and g's body must continue. */
static bool forward(al_gen *g, al_value sent, al_value exc, al_value *out)
{
    al_gen *yf = g->yf;
    al_value r;
    al_signal s;
    if (exc.type == AL_EXC && al_exc_isa(exc, &al_GeneratorExit)) {
        /* PEP 380: GeneratorExit closes the subframe, then is raised in
         * the delegator (or whatever closing the subframe raised). */
        s = al_gen_close(yf, &r);
        g->yf = NULL;
        g->io = al_none();
        g->exc = s == AL_RAISED ? r : exc;
        return false;
    }
    if (__builtin_expect(g->vm->delegation_depth < AL__RECURSION_LIMIT, 1)) {
        g->vm->delegation_depth++;
        s = resume(yf, sent, exc, &r);
        g->vm->delegation_depth--;
    } else {
        s = too_deep(yf, &r);
    }
    if (s == AL_YIELDED && !(yf->ag_flags & AL__AG_WRAPPED)) {
        *out = r;
        return true;
    }
    /* finished, or an async generator yielded a value: that value is
     * what its awaiter (an __anext__ awaitable) receives */
    g->yf = NULL;
    g->io = s != AL_RAISED ? r : al_none();
    g->exc = s == AL_RAISED ? r : al_none();
    AL_TRACE(g->vm, AL_EV_DELEGATE_END, g->actor, yf->actor, g->io, g->exc);
    return false;
}

/* refuse_delegation checks the target of a new yield from or await, as
 * CPython's GET_AWAITABLE does: nothing to delegate to is a TypeError,
 * and a coroutine suspended in an await of its own is already awaited by
 * someone else, a RuntimeError.  A target that is running (a coroutine
 * awaiting itself) or finished is refused by the resume that follows,
 * with ValueError or RuntimeError, as gen_send_ex refuses it.  A refusal
 * raises the error at the await in g, which may catch it.  O(1). */
static bool refuse_delegation(al_gen *g)
{
    al_value e;
    if (!g->yf)
        e = al_exc_msg(g->vm, &al_TypeError, g->def->coroutine
            ? "object NoneType can't be used in 'await' expression"
            : "'NoneType' object is not iterable");
    else if (g->yf->def->coroutine && g->yf->state == AL_GEN_SUSPENDED)
        e = al_exc_msg(g->vm, &al_RuntimeError, "coroutine is being awaited already");
    else
        return false;
    g->yf = NULL;
    g->io = al_none();
    g->exc = e;
    AL_TRACE(g->vm, AL_EV_ERROR, g->actor, 0, e, al_none());
    return true;
}

/* trace_delegate records that g delegates to g->yf: left out of the
 * stream when it follows the creation of g->yf by g (a follow-up), and
 * noted as the event the resume of g->yf may follow. */
static void trace_delegate(al_gen *g)
{
    al_vm *vm = g->vm;
    uint32_t seq = al__follows(vm, AL__AFTER(AL_EV_CREATE), g->yf->actor) && vm->cur_actor == g->actor
                       ? ++vm->seq
                       : al__emit(vm, AL_EV_DELEGATE, g->actor, g->yf->actor, al_none(), al_none());
    al__may_follow(vm, AL_EV_DELEGATE, seq, g->yf->actor, vm->cause);
}

/* step runs g's body (and its delegation) until it yields, returns or
 * raises.  g->io and g->exc hold what the resume delivered. */
static al_signal step(al_gen *g, al_value *out)
{
    al_value sent = g->io, exc = g->exc;
    for (;;) {
        if (g->yf && forward(g, sent, exc, out))
            return AL_YIELDED;
        al_signal s = g->def->body(g);
        if (s != AL__DELEGATING) {
            if (s == AL_RAISED) {
                *out = fix_stop_iteration(g, g->exc);
            } else {
                /* field by field: the body stored the tag and the payload
                 * separately (AL_YIELD), and one 16-byte load of both
                 * cannot be forwarded from those two stores */
                out->type = g->io.type;
                out->u.i = g->io.u.i;
            }
            return s;
        }
        if (!refuse_delegation(g) && g->vm->opts.trace)
            trace_delegate(g);
        sent = al_none(); /* PEP 380 starts the subframe with next() */
        exc = al_none();
    }
}

/* refuse reports a resume that CPython refuses, without touching g. */
static al_signal refuse(al_gen *g, const al_exc_type *t, const char *msg, al_value *out)
{
    *out = al_exc_msg(g->vm, t, msg);
    AL_TRACE(g->vm, AL_EV_ERROR, g->actor, 0, *out, al_none());
    return AL_RAISED;
}

/* refuse_kind is refuse with a message naming the kind of frame. */
static al_signal refuse_kind(al_gen *g, const al_exc_type *t, const char *fmt, al_value *out)
{
    *out = al_exc_new(g->vm, t, al_strf(g->vm, fmt, kind(g)));
    AL_TRACE(g->vm, AL_EV_ERROR, g->actor, 0, *out, al_none());
    return AL_RAISED;
}

/* settle gives a frame its state after a resume ended with s: suspended
 * after a yield, otherwise closed for good with nothing left in it. */
static inline void settle(al_gen *g, al_signal s)
{
    if (s == AL_YIELDED) {
        g->state = AL_GEN_SUSPENDED;
    } else {
        g->state = AL_GEN_CLOSED;
        g->pc = -1;
        g->io = g->exc = al_none();
    }
}

/* yielded_actor names, for a yield, the actor of the future (or other
 * awaitable) being passed up to the task: the innermost frame of the
 * chain awaits it (AL_AWAIT keeps it in awaiting), and each delegator
 * passes the same pointer on.  Anything else a frame yields has no
 * actor.  The awaitable's type is the upper layers' (vm->awaitables). */
static uint32_t yielded_actor(const al_gen *g, al_signal s, al_value out)
{
    if (s != AL_YIELDED || out.type != AL_PTR)
        return 0;
    while (g->yf)
        g = g->yf;
    return g->awaiting && g->awaiting == out.u.p ? g->vm->awaitables->actor(out.u.p) : 0;
}

/* finish sets the frame's new state and records how a resume ended: a
 * yield of None right after the frame's resume (sent: it was a resume,
 * not a throw) is a follow-up. */
static void finish(al_gen *g, al_signal s, al_value out, bool sent)
{
    static const al_ev_kind kinds[] = {
        [AL_YIELDED] = AL_EV_YIELD, [AL_RETURNED] = AL_EV_RETURN, [AL_RAISED] = AL_EV_RAISE,
    };
    al_vm *vm = g->vm;
    settle(g, s);
    if (!vm->opts.trace)
        return;
    if (s == AL_YIELDED && out.type == AL_NONE && sent && vm->seq == g->resumed_by && vm->silent &&
        !vm->nshown) /* nothing since the resume, whose seq is the cause now */
        ++vm->seq;
    else
        al__emit(vm, kinds[s], g->actor, yielded_actor(g, s, out), out,
                 s == AL_YIELDED && vm->nshown ? al__locals_of(g) : al_none());
}

/* resume_full is gen_send_ex with every check CPython makes, and the
 * trace.  It is the path for anything but a plain send. */
static __attribute__((noinline)) al_signal
resume_full(al_gen *g, al_value sent, al_value exc, al_value *out)
{
    al_vm *vm = g->vm;
    if (g->state == AL_GEN_RUNNING)
        return refuse_kind(g, &al_ValueError, "%s already executing", out);
    if (g->state == AL_GEN_CLOSED) {
        /* A finished coroutine may not be resumed again (send or throw);
         * a finished generator just raises StopIteration, or re-raises
         * what is thrown at it. */
        if (g->def->coroutine)
            return refuse(g, &al_RuntimeError, "cannot reuse already awaited coroutine", out);
        *out = al_is_none(exc) ? al_none() : exc;
        return al_is_none(exc) ? AL_RETURNED : AL_RAISED;
    }
    if (g->state == AL_GEN_CREATED && al_is_none(exc) && !al_is_none(sent))
        return refuse_kind(g, &al_TypeError, "can't send non-None value to a just-started %s", out);
    uint32_t saved_cause = vm->cause, saved_actor = vm->cur_actor;
    if (vm->opts.trace) {
        /* the resume of the frame a delegate or a task's step enters is a follow-up */
        bool follow = al_is_none(exc) && al_is_none(sent) &&
                      al__follows(vm, AL__AFTER(AL_EV_DELEGATE) | AL__AFTER(AL_EV_TASK_STEP), g->actor);
        g->resumed_by = follow ? ++vm->seq
                               : al__emit(vm, al_is_none(exc) ? AL_EV_RESUME : AL_EV_THROW,
                                          g->actor, 0, al_is_none(exc) ? sent : exc, al_none());
        vm->cause = g->resumed_by;
        vm->cur_actor = g->actor;
    }
    al_signal s;
    if (g->state == AL_GEN_CREATED && !al_is_none(exc) && !(g->ag_flags & AL__AG_OWN_THROW)) {
        /* A throw into a frame that never ran raises at its first line,
         * so PEP 479 applies to it as to any exception leaving the frame. */
        s = AL_RAISED;
        *out = fix_stop_iteration(g, exc);
    } else {
        g->state = AL_GEN_RUNNING;
        g->io = sent;
        g->exc = exc;
        s = step(g, out);
    }
    finish(g, s, *out, al_is_none(exc));
    vm->cause = saved_cause;
    vm->cur_actor = saved_actor;
    return s;
}

/* after_body finishes a plain resume whose body returned s. */
static inline al_signal after_body(al_gen *g, al_signal s, al_value *out)
{
    if (__builtin_expect(s == AL_YIELDED, 1) || s == AL_RETURNED) {
        out->type = g->io.type; /* field by field: see step() */
        out->u.i = g->io.u.i;
    } else if (s == AL_RAISED) {
        *out = fix_stop_iteration(g, g->exc);
    } else {
        /* untraced, so no delegate event; a refusal leaves g->exc set */
        if (!refuse_delegation(g))
            g->io = al_none(); /* PEP 380 starts the subframe with next() */
        s = step(g, out);
    }
    return s;
}

/* al__gen_after_body is after_body for the inline al_gen_send, which ran
 * the body of a suspended frame; it did not yield. */
al_signal al__gen_after_body(al_gen *g, al_signal s, al_value *out)
{
    s = after_body(g, s, out);
    settle(g, s);
    return s;
}

/* resume is gen_send_ex.  The common case, a send into a suspended (or
 * just-created, with None) frame while tracing is off, needs none of the
 * checks above: it is the path the benchmarks time, and the one a loop of
 * 100,000 tasks takes.  It is inlined into each caller (forward above
 * all), so that a delegation level costs no call of its own. */
static inline __attribute__((always_inline)) al_signal resume(al_gen *g, al_value sent, al_value exc, al_value *out)
{
    bool plain = exc.type == AL_NONE && !g->traced &&
                 (g->state == AL_GEN_SUSPENDED || (g->state == AL_GEN_CREATED && sent.type == AL_NONE));
    if (__builtin_expect(!plain, 0))
        return resume_full(g, sent, exc, out);
    g->state = AL_GEN_RUNNING;
    g->io = sent;
    g->exc = exc;
    al_signal s = g->yf ? step(g, out) : after_body(g, g->def->body(g), out);
    settle(g, s);
    return s;
}

/* al__gen_send is gen.send(v) out of line (al_gen_send inlines the
 * plain case). */
al_signal al__gen_send(al_gen *g, al_value v, al_value *out)
{
    return resume(g, v, al_none(), out);
}

/* al_gen_throw is gen.throw(exc). */
al_signal al_gen_throw(al_gen *g, al_value exc, al_value *out)
{
    if (exc.type != AL_EXC) {
        /* refused before the frame is touched, as gen.throw(3) is */
        *out = al_exc_new(g->vm, &al_TypeError, al_strf(g->vm,
            "exceptions must be classes or instances deriving from BaseException, not %s",
            al_type_name(exc)));
        AL_TRACE(g->vm, AL_EV_ERROR, g->actor, 0, *out, al_none());
        return AL_RAISED;
    }
    return resume(g, al_none(), exc, out);
}

/* al_gen_close is gen.close() as Python 3.11 has it: throw GeneratorExit;
 * a frame that returns or lets GeneratorExit (or StopIteration) out is
 * closed; one that yields again is an error and stays suspended. */
al_signal al_gen_close(al_gen *g, al_value *out)
{
    *out = al_none();
    if (g->state == AL_GEN_RUNNING)
        return refuse_kind(g, &al_ValueError, "%s already executing", out);
    if (g->state != AL_GEN_SUSPENDED) {
        if (g->state == AL_GEN_CREATED)
            AL_TRACE(g->vm, AL_EV_CLOSE, g->actor, 0, al_none(), al_none());
        g->state = AL_GEN_CLOSED;
        g->pc = -1;
        return AL_RETURNED;
    }
    al_value r;
    al_signal s = resume(g, al_none(), al_exc_noarg(g->vm, &al_GeneratorExit), &r);
    if (s == AL_YIELDED)
        return refuse(g, &al_RuntimeError, g->def->coroutine
            ? "coroutine ignored GeneratorExit" : "generator ignored GeneratorExit", out);
    AL_TRACE(g->vm, AL_EV_CLOSE, g->actor, 0, al_none(), al_none());
    if (s == AL_RAISED && !al_exc_isa(r, &al_GeneratorExit) && !al_exc_isa(r, &al_StopIteration)) {
        *out = r;
        return AL_RAISED;
    }
    return AL_RETURNED;
}

/* al_show_locals: see asynclab.h.  Showing a def twice keeps the last
 * table. */
void al_show_locals(al_vm *vm, const al_gen_def *def, const al_local *locals, size_t n)
{
    for (size_t i = 0; i < vm->nshown; i++)
        if (vm->shown[i].def == def) {
            vm->shown[i] = (struct al__shown){def, locals, n};
            return;
        }
    struct al__shown *v = realloc(vm->shown, (vm->nshown + 1) * sizeof *v);
    if (!v)
        al__die("out of memory (shown locals)");
    vm->shown = v;
    vm->shown[vm->nshown++] = (struct al__shown){def, locals, n};
}

/* local_value reads one local out of frame g as a value. */
static al_value local_value(const al_gen *g, const al_local *l)
{
    const unsigned char *at = (const unsigned char *)g + l->offset;
    int64_t i;
    double f;
    bool b;
    al_value v;
    switch (l->type) {
    case AL_LOCAL_INT: memcpy(&i, at, sizeof i); return al_int(i);
    case AL_LOCAL_FLOAT: memcpy(&f, at, sizeof f); return al_float(f);
    case AL_LOCAL_BOOL: memcpy(&b, at, sizeof b); return al_bool(b);
    case AL_LOCAL_VALUE: break;
    }
    memcpy(&v, at, sizeof v);
    return v;
}

/* al__locals_of: see al_internal.h.  O(shown defs + locals). */
al_value al__locals_of(const al_gen *g)
{
    for (size_t i = 0; i < g->vm->nshown; i++) {
        const struct al__shown *sh = &g->vm->shown[i];
        if (sh->def != g->def)
            continue;
        al_value t = al_tuple_new(g->vm, sh->n);
        for (size_t k = 0; k < sh->n; k++)
            al_list_append(g->vm, t, al_tuple(g->vm, 2, al_cstr_static(g->vm, sh->locals[k].name),
                                               local_value(g, &sh->locals[k])));
        return t;
    }
    return al_none();
}
