/*
 * asynclab/gen.h: section 3 of the core, generators and delegation
 * (CPython's gen_send_ex and PEP 380 in C): the frame, its states, send,
 * throw and close, and the body macros.  asynclab/core.h includes it, so
 * including either gives the whole core.
 */
#ifndef ASYNCLAB_GEN_H
#define ASYNCLAB_GEN_H

#include "asynclab/core.h"

/* ------------------------------------------------------------------------ */
/* 3. Generators and delegation                                              */
/* ------------------------------------------------------------------------ */

/* The states inspect.getgeneratorstate names. */
typedef enum {
    AL_GEN_CREATED,
    AL_GEN_RUNNING,
    AL_GEN_SUSPENDED,
    AL_GEN_CLOSED,
    AL_GEN__COUNT
} al_gen_state;

extern const char *const al_gen_state_names[AL_GEN__COUNT]; /* "GEN_CREATED".. */

/* What one resume of a frame ended with.  AL_RETURNED is Python's
 * StopIteration carrying the return value. */
typedef enum {
    AL_YIELDED,
    AL_RETURNED,
    AL_RAISED,
    AL__DELEGATING, /* internal: the body asked to yield from g->yf */
} al_signal;

/* A frame body: a C function written with the AL_GEN_* macros below.  It
 * is re-entered at g->pc on every resume. */
typedef al_signal (*al_body)(al_gen *g);

/* The static description of a generator or coroutine function. */
typedef struct al_gen_def {
    const char *name;   /* the function's __qualname__ */
    al_body body;
    bool coroutine;     /* async def (Python shows "coroutine" for these) */
} al_gen_def;

/* A stackless frame, as CPython's PyGenObject: a saved resume point plus
 * the subgenerator it delegates to.  A frame struct embeds al_gen as its
 * first member and keeps its locals after it. */
struct al_gen {
    const al_gen_def *def;
    al_vm *vm;
    int pc;               /* resume point: 0 = start, -1 = finished */
    uint8_t state;        /* al_gen_state (one byte: the flags share pc's word) */
    bool traced;          /* its vm records a trace: no inline fast path */
    bool owned;           /* a task drives it (create_task was called) */
    uint8_t ag_flags;     /* AL__AG_*: an async generator frame (PEP 525),
                             and whether its last yield was a value
                             (AL_AYIELD), which ends its awaiter's
                             delegation instead of reaching the task */
    al_gen *yf;           /* gi_yieldfrom: the frame we delegate to */
    al_value io;          /* in: value sent; out: value yielded or returned */
    al_value exc;         /* an exception thrown in or raised out, or None */
    uint32_t actor;       /* trace actor id */
    uint32_t resumed_by;  /* seq of the event that resumed this frame */
    void *awaiting;       /* the future this frame yielded to its task */
};

/* AL__AG_OWN_THROW marks a frame whose body takes a throw() that comes
 * before its first send (an async generator's awaitable passes it on),
 * where a plain frame raises it at its first line. */
enum { AL__AG_FRAME = 1, AL__AG_WRAPPED = 2, AL__AG_OWN_THROW = 4 };

/* al_gen_init prepares frame g (already allocated by its creator) to run
 * def's body from the start, and records its creation.  O(1). */
al_gen *al_gen_init(al_gen *g, al_vm *vm, const al_gen_def *def);
/* al_gen_new allocates a frame of size bytes in vm's arena and inits it. */
al_gen *al_gen_new(al_vm *vm, size_t size, const al_gen_def *def);
/* A frame is memory the caller owns, so a C program may hand the memory
 * of a frame still in use to a second call (one al_sleep_co for two
 * tasks).  Python has no such mistake; here it would corrupt the first
 * call.  Each constructor asks al__gen_live whether g is still a live
 * frame of def (running, or suspended in an await) and, if so, leaves it
 * alone and returns al__gen_refused's frame instead, whose first resume
 * raises RuntimeError("cannot reuse the frame of NAME(): ...") at the
 * await of the second call. */
bool al__gen_live(const al_gen *g, const al_vm *vm, const al_gen_def *def);
al_gen *al__gen_refused(al_vm *vm, const al_gen_def *def);
#define AL__REFUSE_LIVE(g, vm, def)                                            \
    do {                                                                       \
        if (al__gen_live((g), (vm), (def)))                                    \
            return al__gen_refused((vm), (def));                               \
    } while (0)

/* al_gen_send is gen.send(v); al_gen_next is next(gen).  *out receives the
 * yielded value (AL_YIELDED), the return value carried by StopIteration
 * (AL_RETURNED), or the exception (AL_RAISED).  Errors match CPython's:
 * TypeError for a non-None send to a just-started generator, ValueError if
 * it is running, StopIteration (AL_RETURNED, None) once closed. */
al_signal al__gen_send(al_gen *g, al_value v, al_value *out);
al_signal al__gen_after_body(al_gen *g, al_signal s, al_value *out);
static inline al_signal al_gen_send(al_gen *g, al_value v, al_value *out)
{
    /* The plain case inline: a send into a suspended frame that is not
     * delegating, with the trace off.  Everything else is in gen.c. */
    if (__builtin_expect(g->state == AL_GEN_SUSPENDED && !g->yf && !g->traced, 1)) {
        g->state = AL_GEN_RUNNING;
        g->io = v;
        g->exc = al_none();
        al_signal s = g->def->body(g);
        if (__builtin_expect(s == AL_YIELDED, 1)) {
            g->state = AL_GEN_SUSPENDED;
            out->type = g->io.type; /* field by field: see gen.c step() */
            out->u.i = g->io.u.i;
            return s;
        }
        return al__gen_after_body(g, s, out);
    }
    return al__gen_send(g, v, out);
}
static inline al_signal al_gen_next(al_gen *g, al_value *out)
{
    return al_gen_send(g, al_none(), out);
}
/* al_gen_throw is gen.throw(exc): it raises exc at the suspension point,
 * delegating to the innermost frame as PEP 380 says. */
al_signal al_gen_throw(al_gen *g, al_value exc, al_value *out);
/* al_gen_close is gen.close().  Returns AL_RETURNED on success; AL_RAISED
 * with RuntimeError("generator ignored GeneratorExit") if the frame yields,
 * or with whatever other exception it raised. */
al_signal al_gen_close(al_gen *g, al_value *out);
/* al_gen_state_of is inspect.getgeneratorstate. */
static inline al_gen_state al_gen_state_of(const al_gen *g) { return (al_gen_state)g->state; }
/* A frame's local for the step mode's `locals`: its twin's name, offset
 * and C type.  AL_LOCAL(countdown, n, INT): countdown_frame's int64_t n. */
typedef enum { AL_LOCAL_VALUE, AL_LOCAL_INT, AL_LOCAL_FLOAT, AL_LOCAL_BOOL } al_local_type;
typedef struct al_local {
    const char *name;
    size_t offset;
    al_local_type type;
} al_local;
#define AL_LOCAL(fn, field, TYPE) {#field, offsetof(fn##_frame, field), AL_LOCAL_##TYPE}
/* al_show_locals makes every yield of a frame of def carry its n locals
 * in the yield event's b, as (name, value) pairs: how a learner sees a
 * suspended generator keep its locals.  Trace on only; locals must
 * outlive vm.  O(n) per such yield, O(shown defs) to find them. */
void al_show_locals(al_vm *vm, const al_gen_def *def, const al_local *locals, size_t n);
/* al_gen_label names frame g in the trace, from its creation on, by the
 * name the program gives it in what it prints ("worker-0"), where the
 * trace would say "worker#1": so every view calls it what the output
 * does, as a task's name does.  Python has no such call (a generator's
 * __name__ is its function's), so it changes nothing the program does
 * or prints.  name is copied; trace off, or g or name NULL, it does
 * nothing.
 * O(subscribers). */
void al_gen_label(al_gen *g, const char *name);
/* al_gen_state_name is inspect.getgeneratorstate(g): "GEN_SUSPENDED".. */
static inline const char *al_gen_state_name(const al_gen *g) { return al_gen_state_names[g->state]; }

/*
 * The body macros.  A body is a switch on g->pc (Duff's device, as in
 * Simon Tatham's coroutines): each suspension point is a case label, so
 * resuming is one indirect call and one jump.  Locals that must survive a
 * yield live in the frame struct, never in C automatic variables.
 *
 *   AL_GEN_BEGIN(g);          ... AL_GEN_END(g);
 *   AL_YIELD(g, v);           yield v; a thrown exception propagates
 *   AL_YIELD_TRY(g, v);       yield v; a thrown exception stays pending:
 *                             test it with al_except(g, &al_X) and finish
 *                             with AL_PROPAGATE(g)
 *   AL_SENT(g)                the value the last send delivered
 *   AL_YIELD_FROM(g, sub, r); r = yield from sub (await sub)
 *   AL_YIELD_FROM_TRY(g, sub, r); the same, exceptions stay pending
 *   AL_RETURN(g, v);          return v
 *   AL_RAISE(g, e);           raise e
 */
#define AL_GEN_BEGIN(g) switch ((g)->pc) { case 0:
#define AL_GEN_END(g)       AL_RETURN(g, al_none()); \
    default: return al__bad_pc(g); }

/* The ';' after the label gives it a statement to label: C11 allows no
 * label at the end of a block, and AL_YIELD_TRY ends one right there. */
#define AL__SUSPEND(g, sig)                                                    \
    (g)->pc = __LINE__; return (sig); case __LINE__:;

#define AL_YIELD_TRY(g, v) do { (g)->io = (v); AL__SUSPEND(g, AL_YIELDED) } while (0)
#define AL_YIELD(g, v) do { AL_YIELD_TRY(g, v); AL_PROPAGATE(g); } while (0)
#define AL_SENT(g) ((g)->io)

#define AL_YIELD_FROM_TRY(g, sub, r)                                           \
    do { (g)->yf = (sub); AL__SUSPEND(g, AL__DELEGATING) (r) = (g)->io; } while (0)
#define AL_YIELD_FROM(g, sub, r)                                               \
    do { AL_YIELD_FROM_TRY(g, sub, r); AL_PROPAGATE(g); } while (0)

#define AL_PROPAGATE(g) do { if (!al_is_none((g)->exc)) { (g)->pc = -1; return AL_RAISED; } } while (0)
#define AL_RETURN(g, v) do { (g)->pc = -1; (g)->io = (v); return AL_RETURNED; } while (0)
#define AL_RAISE(g, e) do { (g)->pc = -1; (g)->exc = (e); return AL_RAISED; } while (0)

/* al_except: if the pending exception is an instance of t, clear it and
 * return it (a truthy value: except t as e).  Otherwise return None and
 * leave it pending. */
al_value al_except(al_gen *g, const al_exc_type *t);
/* al_pending: the exception pending in g (None if there is none). */
static inline al_value al_pending(const al_gen *g) { return g->exc; }
al_signal al__bad_pc(al_gen *g);

#endif
