/*
 * asynclab.h: the one public header of the asynclab runtime.
 *
 * Read it in lesson order.  Each section is built only on the ones above it:
 *
 *   1. values and exceptions      (value.c, exc.c, arena.c)
 *   2. the virtual machine         (vm.c): arena, actors, output, the trace
 *   3. generators and delegation  (gen.c): CPython's gen_send_ex, in C
 *   4. the event loop             (loop.c, heap.c)
 *   5. futures and tasks          (future.c, task.c)
 *   6. combinators                (gather.c, wait.c, timeout.c)
 *   7. queues and synchronisation (queue.c, sync.c)
 *   8. lessons and parameters     (lesson.c, param.c)
 *
 * Public names start with al_, internal non-static ones with al__ (they live
 * in al_internal.h).  Nothing here allocates on a generator resume or yield.
 *
 * It is long (some 900 lines) on purpose: it is the one public header, as
 * libuv's uv.h is, so that a lesson author reads the whole runtime's
 * contract in one place and in lesson order.
 */
#ifndef ASYNCLAB_H
#define ASYNCLAB_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define AL_VERSION "0.1.0"

typedef struct al_vm al_vm;
typedef struct al_gen al_gen;
typedef struct al_exc al_exc;
typedef struct al_str al_str;
typedef struct al_seq al_seq;

/* ------------------------------------------------------------------------ */
/* 1. Values and exceptions                                                  */
/* ------------------------------------------------------------------------ */

/* The tags of a value.  AL_PTR carries a runtime object (a future, a task,
 * a generator) and is never printed by a lesson. */
typedef enum {
    AL_NONE,
    AL_BOOL,
    AL_INT,
    AL_FLOAT,
    AL_STR,
    AL_LIST,
    AL_TUPLE,
    AL_EXC,
    AL_PTR,
} al_type;

/* A small tagged value, passed by copy.  Strings, lists and exceptions point
 * into the arena of the vm that made them and live as long as it does. */
typedef struct al_value {
    al_type type;
    union {
        bool b;
        int64_t i;
        double f;
        const al_str *s;
        al_seq *seq;
        al_exc *exc;
        void *p;
    } u;
} al_value;

struct al_str {
    size_t len;
    char data[]; /* NUL-terminated UTF-8 */
};

/* A list or tuple.  Tuples are never appended to after they are built. */
struct al_seq {
    size_t len, cap;
    al_value *items;
};

/* An exception type: a name and its base, as in Python's class tree.
 * module is NULL for builtins and the program's own types, else the
 * module a report names it with ("asyncio.exceptions"). */
typedef struct al_exc_type {
    const char *name;
    const struct al_exc_type *base;
    const char *module;
} al_exc_type;

extern const al_exc_type al_BaseException, al_Exception, al_GeneratorExit,
    al_StopIteration, al_ValueError, al_TypeError, al_RuntimeError,
    al_KeyError, al_IndexError, al_ZeroDivisionError, al_ArithmeticError,
    al_LookupError, al_TimeoutError, al_CancelledError, al_InvalidStateError,
    al_QueueEmpty, al_QueueFull, al_AssertionError, al_OSError,
    al_ConnectionError, al_BrokenPipeError, al_ConnectionAbortedError,
    al_ConnectionRefusedError, al_ConnectionResetError;

/* An exception instance.  has_arg says whether it was made with
 * arguments: one (arg is it, and str() is str(arg)) or, with args_tuple,
 * none or several (arg is the tuple e.args, and str() is str(e.args)).
 * Without has_arg, str() is ''. */
struct al_exc {
    const al_exc_type *type;
    bool has_arg;
    bool args_tuple;       /* arg is e.args itself (not 1 argument) */
    bool suppress_context; /* __suppress_context__: set by raise ... from */
    al_value arg;
    al_exc *context; /* __context__: the exception being handled when it was raised */
    al_exc *cause;   /* __cause__: the X of "raise ... from X", or NULL */
};

static inline al_value al_none(void) { al_value v = {.type = AL_NONE}; return v; }
static inline al_value al_bool(bool b) { al_value v = {.type = AL_BOOL, .u.b = b}; return v; }
static inline al_value al_int(int64_t i) { al_value v = {.type = AL_INT, .u.i = i}; return v; }
static inline al_value al_float(double f) { al_value v = {.type = AL_FLOAT, .u.f = f}; return v; }
static inline al_value al_ptr(void *p) { al_value v = {.type = AL_PTR, .u.p = p}; return v; }
static inline bool al_is_none(al_value v) { return v.type == AL_NONE; }

/* al_str_new copies n bytes of s into vm's arena.  O(n). */
al_value al_str_new(al_vm *vm, const char *s, size_t n);
/* al_cstr_static makes a str from a literal, copied once per vm. */
al_value al_cstr_static(al_vm *vm, const char *s);
/* al_cstr makes a str value from a NUL-terminated C string.  O(n). */
al_value al_cstr(al_vm *vm, const char *s);
/* al_strf formats like printf (see al_format for %v and %r). */
al_value al_strf(al_vm *vm, const char *fmt, ...);
/* al_list_new and al_tuple_new make an empty sequence with room for cap. */
al_value al_list_new(al_vm *vm, size_t cap);
al_value al_tuple_new(al_vm *vm, size_t cap);
/* al_tuple builds a tuple of n values given as varargs al_value. */
al_value al_tuple(al_vm *vm, size_t n, ...);
/* al_list_append appends v to a list or a tuple under construction.
 * Amortised O(1); grows into the arena. */
void al_list_append(al_vm *vm, al_value seq, al_value v);
/* al_list_pop removes and returns item i of a list (Python's list.pop(i)).
 * O(len - i).  The list must not be empty. */
al_value al_list_pop(al_value list, size_t i);
static inline size_t al_len(al_value seq) { return seq.u.seq->len; }
static inline al_value al_item(al_value seq, size_t i) { return seq.u.seq->items[i]; }

/* al_exc_new makes an exception of type t.  arg may be al_none() with
 * has_arg true (Python's ValueError(None)); use al_exc_noarg for Foo(). */
al_value al_exc_new(al_vm *vm, const al_exc_type *t, al_value arg);
al_value al_exc_noarg(al_vm *vm, const al_exc_type *t);
/* al_exc_msg makes an exception whose one argument is the string msg. */
al_value al_exc_msg(al_vm *vm, const al_exc_type *t, const char *msg);
/* al_exc_args makes t(*args) from n values given as varargs al_value:
 * al_exc_args(vm, &al_KeyError, 2, al_int(1), al_int(2)) is KeyError(1, 2),
 * whose str() is '(1, 2)'.  n = 1 is al_exc_new, n = 0 al_exc_noarg. */
al_value al_exc_args(al_vm *vm, const al_exc_type *t, size_t n, ...);
/* al_exc_args_of is e.args, always a tuple. */
al_value al_exc_args_of(al_vm *vm, al_value e);
/* al_raise_from is "raise exc from cause" (cause None: "from None"):
 * sets exc.__cause__ and __suppress_context__ and returns exc. */
al_value al_raise_from(al_value exc, al_value cause);
/* al_exc_chain sets exc.__context__ to the exception being handled
 * (None: nothing), unless exc is that very exception or it would make
 * a cycle, as CPython's _PyErr_SetObject does; returns exc. */
al_value al_exc_chain(al_value exc, al_value handling);
/* al_exc_type_new returns a user-named exception type (class Foo(Exception))
 * kept in vm's arena; the same name gives the same type within one vm. */
const al_exc_type *al_exc_type_new(al_vm *vm, const char *name, const al_exc_type *base);
/* al_exc_isa: is exception value e an instance of t or of a subclass? */
bool al_exc_isa(al_value e, const al_exc_type *t);

/* A growable text buffer, used by the formatters and renderers. */
typedef struct al_buf {
    char *data;
    size_t len, cap;
} al_buf;
void al_buf_init(al_buf *b);
void al_buf_free(al_buf *b);
void al_buf_putn(al_buf *b, const char *s, size_t n);
void al_buf_puts(al_buf *b, const char *s);
void al_buf_putc(al_buf *b, char c);
void al_buf_printf(al_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* al_exc_report appends what Python prints for an uncaught exc, without
 * the traceback lines: every link of the chain, oldest first, each as
 * "Type: message" and joined by CPython's "The above exception was the
 * direct cause of the following exception:" or "During handling of the
 * above exception, another exception occurred:" paragraphs. */
void al_exc_report(al_buf *b, al_value exc);

/* al_str_of and al_repr_of append Python's str(v) and repr(v) to b.
 * Floats use the shortest round-trip repr; strings are quoted as Python
 * quotes them; exceptions print as ValueError('msg'). */
void al_str_of(al_buf *b, al_value v);
void al_repr_of(al_buf *b, al_value v);
/* al_float_repr writes Python's repr(x) into out (at least 32 bytes). */
void al_float_repr(double x, char out[32]);
/* al_equal is Python's ==, for the value types above. */
bool al_equal(al_value a, al_value b);

/* al_format appends fmt to b, printf-like, with these conversions:
 *   %v  str() of an al_value      %r  repr() of an al_value
 *   %s  a C string                %d  an int        %D  an int64_t
 *   %.Nf  a double with N decimals (Python's f"{x:.Nf}")
 *   %g  str() of a double (Python's float str)     %%  a percent sign */
void al_vformat(al_buf *b, const char *fmt, va_list ap);
void al_format(al_buf *b, const char *fmt, ...);

/* ------------------------------------------------------------------------ */
/* 2. The virtual machine and its trace                                      */
/* ------------------------------------------------------------------------ */

/* The trace: event kinds, actors, the event stream and the run view. */
#include "asynclab/trace.h"

/* Per-run options. */
typedef struct al_vm_opts {
    bool trace;       /* emit events (al_vm_subscribe turns it on) */
    bool realtime;    /* wait for real instead of jumping the clock */
    double speed;     /* with realtime, seconds of program per real second */
    FILE *live;       /* if set, output lines are also written here at once */
} al_vm_opts;

/* al_vm_new creates a vm: an arena, a trace, an event loop with a virtual
 * clock at 0.0.  Returns NULL only if memory is exhausted. */
al_vm *al_vm_new(const al_vm_opts *opts);
/* al_vm_free releases the vm and everything allocated in its arena.
 * Every generator, task and value made by the vm is invalid afterwards. */
void al_vm_free(al_vm *vm);
/* al_alloc returns n zeroed bytes from vm's arena, aligned for any type.
 * Freed with the vm.  Aborts on out-of-memory, which the CLI reports. */
void *al_alloc(al_vm *vm, size_t n);
/* al_vm_live_error is the errno of the first failed write to opts.live,
 * or 0.  After a failure the vm writes no more live output and stops
 * waiting for real time, so a closed pipe ends a --realtime run at once. */
int al_vm_live_error(const al_vm *vm);
/* al_actor_new announces an actor named name (copied) to the vm's
 * subscribers and returns its id; 0 with the trace off. */
uint32_t al_actor_new(al_vm *vm, al_actor_kind kind, const char *name, const char *code);

/* al_print records one line of program output, formatted by al_format.
 * It is the lesson's print(): the text is what the Python twin prints. */
void al_print(al_vm *vm, const char *fmt, ...);
/* al_note records a teaching annotation that is not program output. */
void al_note(al_vm *vm, const char *fmt, ...);
/* al_emit records an event and returns its seq (0 with tracing off). */
uint32_t al_emit(al_vm *vm, al_ev_kind kind, uint32_t actor, uint32_t other,
                 al_value a, al_value b);

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
    al_gen *yf;           /* gi_yieldfrom: the frame we delegate to */
    al_value io;          /* in: value sent; out: value yielded or returned */
    al_value exc;         /* an exception thrown in or raised out, or None */
    uint32_t actor;       /* trace actor id */
    uint32_t resumed_by;  /* seq of the event that resumed this frame */
    void *awaiting;       /* the future this frame yielded to its task */
};

/* al_gen_init prepares frame g (already allocated by its creator) to run
 * def's body from the start, and records its creation.  O(1). */
al_gen *al_gen_init(al_gen *g, al_vm *vm, const al_gen_def *def);
/* al_gen_new allocates a frame of size bytes in vm's arena and inits it. */
al_gen *al_gen_new(al_vm *vm, size_t size, const al_gen_def *def);

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

/* ------------------------------------------------------------------------ */
/* 4. The event loop (model: CPython's BaseEventLoop._run_once)              */
/* ------------------------------------------------------------------------ */

/* A callback: fn(vm, a, b).  The loop calls it once when its turn comes. */
typedef void (*al_callback)(al_vm *vm, void *a, void *b);

/* A scheduled callback, as CPython's Handle and TimerHandle.  The owner
 * of a handle (a sleep, a timeout) embeds it, so scheduling allocates
 * nothing; call_soon's own handles come from a pool. */
typedef struct al_handle {
    al_callback fn;
    void *a, *b;
    const char *name;      /* what the trace calls the callback */
    union {
        struct {
            double when;   /* deadline, for timers */
            uint64_t seq;  /* tie-breaker: equal deadlines fire in order */
        };
        /* a pooled handle is never a timer: its key's room links the pool */
        struct al_handle *next_free;
    };
    uint32_t gen;          /* which arming of this handle is current: a
                              FIFO slot of an older one is skipped */
    uint32_t cause;        /* the event that scheduled it */
    uint32_t actor;        /* who scheduled it, for the trace */
    uint32_t subject;      /* whom it is about (a task it steps), or 0;
                              set by the handle's owner */
    bool in_heap;          /* armed and not yet fired or cancelled */
    bool queued;           /* in the ready FIFO now */
    bool cancelled;
    bool pooled;           /* owned by the loop's pool, recycled after it runs */
} al_handle;

/* How a loop run ended. */
typedef enum {
    AL_RUN_OK,        /* the awaited future completed (result or exception) */
    AL_RUN_DEADLOCK,  /* nothing ready, no timer, and the future still pending */
} al_run_status;

/* al_time is loop.time(): the clock, virtual unless --realtime. */
double al_time(const al_vm *vm);
/* al_call_soon is loop.call_soon(fn): append to the ready FIFO.  O(1). */
void al_call_soon(al_vm *vm, al_callback fn, void *a, void *b, const char *name);
/* al_call_soon_handle is call_soon that keeps its Handle: the handle
 * lives in the arena (never recycled), so it may be cancelled, or asked
 * whether it was, at any time during the run.  O(1). */
al_handle *al_call_soon_handle(al_vm *vm, al_callback fn, void *a, void *b, const char *name);
/* al_handle_cancelled is Handle.cancelled(). */
static inline bool al_handle_cancelled(const al_handle *h) { return h->cancelled; }
/* al_call_later / al_call_at: a timer; the returned handle may be
 * cancelled with al_handle_cancel until the run ends.  O(log n). */
al_handle *al_call_later(al_vm *vm, double delay, al_callback fn, void *a, void *b, const char *name);
al_handle *al_call_at(al_vm *vm, double when, al_callback fn, void *a, void *b, const char *name);
/* al_handle_cancel is Handle.cancel(): a pending timer is dropped from the
 * heap, a handle already in the ready FIFO is skipped when its turn comes. */
void al_handle_cancel(al_vm *vm, al_handle *h);
/* al_block is a blocking call such as time.sleep(secs) inside a coroutine:
 * the clock advances while nothing else can run. */
void al_block(al_vm *vm, double secs);

/* ------------------------------------------------------------------------ */
/* 5. Futures and tasks (model: futures.py and tasks.py)                     */
/* ------------------------------------------------------------------------ */

typedef enum { AL_FUT_PENDING, AL_FUT_CANCELLED, AL_FUT_FINISHED, AL_FUT__COUNT } al_fut_state;
extern const char *const al_fut_state_names[AL_FUT__COUNT]; /* "PENDING".. */

typedef struct al_future al_future;
typedef struct al_task al_task;

/* A done callback: fn(vm, fut, arg), scheduled with call_soon.  It has
 * al_callback's shape so the loop can run it directly; fut is the future
 * (an al_future *). */
typedef al_callback al_done_fn;
typedef struct al_done_cb {
    al_done_fn fn;
    void *arg;
    const char *name;
    al_handle *h;   /* a handle of the caller's to schedule it with, or NULL */
} al_done_cb;

typedef enum { AL_FUTK_PLAIN, AL_FUTK_TASK, AL_FUTK_GATHER } al_fut_kind;

/* Every sleeping task carries two futures (its own and its sleep's), so
 * the layout is packed: one-byte state and flags, the result and the
 * exception in one value, and the one callback most futures have in the
 * space an array pointer would take. */
struct al_future {
    al_vm *vm;
    uint32_t actor;
    uint32_t ncbs, cbs_cap;
    uint8_t state;          /* al_fut_state */
    uint8_t kind;           /* al_fut_kind */
    bool blocking;          /* _asyncio_future_blocking */
    bool log_tb;            /* an exception nobody has retrieved yet */
    bool cancel_requested;  /* _GatheringFuture._cancel_requested */
    bool has_exc;           /* value is the exception, not the result */
    al_value value;         /* the result, or the exception if has_exc */
    al_value cancel_msg;    /* _cancel_message (None if none) */
    al_exc *cancelled_exc;  /* _cancelled_exc, or NULL */
    union {
        al_done_cb one;     /* cbs_cap == 1: the callback, inline */
        al_done_cb *many;   /* cbs_cap > 1: an array in the arena */
    } cbs;
    const char *label;      /* what it stands for: "sleep", "Queue.get".. */
};

/* al_future_init readies a caller-owned future (loop.create_future());
 * al_future_new allocates one in the arena. */
al_future *al_future_init(al_future *f, al_vm *vm, const char *label);
al_future *al_future_new(al_vm *vm, const char *label);
static inline bool al_future_done(const al_future *f) { return f->state != AL_FUT_PENDING; }
static inline bool al_future_cancelled(const al_future *f) { return f->state == AL_FUT_CANCELLED; }
/* result() and exception(): AL_RETURNED with the value (exception() gives
 * the exception or None), or AL_RAISED with InvalidStateError or the
 * CancelledError, as CPython raises them. */
al_signal al_future_result(al_future *f, al_value *out);
al_signal al_future_exception(al_future *f, al_value *out);
/* set_result / set_exception: None on success, else InvalidStateError
 * (done already), TypeError (set_exception of something not an exception,
 * or of StopIteration itself), or, on a Task, RuntimeError('Task does not
 * support set_result operation') and the same for set_exception. */
al_value al_future_set_result(al_future *f, al_value v);
al_value al_future_set_exception(al_future *f, al_value exc);
/* cancel(msg): dispatches to Task.cancel or _GatheringFuture.cancel. */
bool al_future_cancel(al_future *f, al_value msg);
void al_future_add_done_callback(al_future *f, al_done_fn fn, void *arg, const char *name);
size_t al_future_remove_done_callback(al_future *f, al_done_fn fn, void *arg);

struct al_task {
    al_future fut;          /* a Task is a Future */
    al_gen *coro;
    al_future *fut_waiter;
    bool must_cancel;
    int num_cancels;        /* _num_cancels_requested */
    const char *name;       /* "Task-1" */
    al_task *next;          /* all tasks of the vm, in creation order */
    al_handle step_h;       /* schedules __step or __wakeup: a task never
                               has more than one of them pending */
};

/* al_create_task is asyncio.create_task(coro): the task is named Task-N
 * and its first step is scheduled with call_soon, so it runs only after
 * its creator suspends. */
al_task *al_create_task(al_vm *vm, al_gen *coro);
al_task *al_current_task(const al_vm *vm);
/* al_task_set_name is Task.set_name(name).  In 3.11 create_task(coro,
 * name=...) takes a Task-N number first and then renames the task, so a
 * named task still uses up a number: call al_create_task, then this. */
void al_task_set_name(al_task *t, const char *name);
/* al_all_tasks fills out with the pending tasks, in creation order. */
size_t al_all_tasks(al_vm *vm, al_task **out, size_t max);
bool al_task_cancel(al_task *t, al_value msg);
static inline int al_task_cancelling(const al_task *t) { return t->num_cancels; }
int al_task_uncancel(al_task *t);
static inline al_future *al_task_fut(al_task *t) { return &t->fut; }

/* al_run is asyncio.run(coro): a new loop runs coro as a task to the end,
 * then cancels what is left and shuts down as CPython's Runner does.
 * *out is the result or the exception (AL_RETURNED / AL_RAISED).  On a
 * deadlock it returns AL_RUN_DEADLOCK after recording who waits on what. */
al_run_status al_run(al_vm *vm, al_gen *coro, al_signal *sig, al_value *out);

/* ------------------------------------------------------------------------ */
/* 6. Combinators (gather.c, wait.c, timeout.c)                                         */
/* ------------------------------------------------------------------------ */

/* al_gather is asyncio.gather(*futs, return_exceptions=...): the outer
 * future's result is the list of results in argument order. */
al_future *al_gather(al_vm *vm, size_t n, al_future *const *futs, bool return_exceptions);
/* al_gather_coros is gather(*coros): each becomes a task, in order. */
al_future *al_gather_coros(al_vm *vm, size_t n, al_gen *const *coros, bool return_exceptions);

typedef enum { AL_ALL_COMPLETED, AL_FIRST_COMPLETED, AL_FIRST_EXCEPTION } al_return_when;

/* timeout=None for wait, wait_for and as_completed.  Any other value,
 * negative ones included, is a timeout, as in CPython (a negative one
 * expires at once). */
#define AL_NO_TIMEOUT (-__builtin_inf())

/* asyncio.wait(fs, timeout=..., return_when=...): returns a tuple (done,
 * pending) of two lists of futures (AL_PTR), each in the order of fs
 * (CPython returns sets; print them sorted). */
typedef struct al_wait_co {
    al_gen g;
    size_t n;
    al_future *const *fs;
    double timeout;
    al_return_when when;
    size_t counter;
    al_future waiter;
    al_handle timer;
    al_value r;
} al_wait_co;
al_gen *al_wait(al_wait_co *w, al_vm *vm, size_t n, al_future *const *fs,
                double timeout, al_return_when when);

/* _cancel_and_wait(fut): cancel fut and wait until it is done. */
typedef struct al_cancel_wait_co {
    al_gen g;
    al_future *fut;
    al_future waiter;
    al_value r;
} al_cancel_wait_co;

/* asyncio.wait_for(aw, timeout): aw is a future (fut) or a coroutine
 * (coro, wrapped in a task). */
typedef struct al_wait_for_co {
    al_gen g;
    al_future *fut;
    al_gen *coro;
    double timeout;
    al_future waiter;
    al_handle timer;
    al_cancel_wait_co cw;
    al_value r, saved;
} al_wait_for_co;
al_gen *al_wait_for(al_wait_for_co *w, al_vm *vm, al_future *fut, al_gen *coro, double timeout);

/* asyncio.timeout(delay) and timeout_at(when) (timeouts.py's Timeout).
 * "async with asyncio.timeout(delay):" is al_timeout_enter at the top of
 * the block and al_timeout_exit with the exception leaving it (or None);
 * the exit returns the exception to propagate: a CancelledError caused by
 * the deadline becomes TimeoutError (raised from it).  A delay or when of
 * AL_NO_TIMEOUT is None: no deadline.  To hold the Timeout object itself
 * ("async with asyncio.timeout_at(when) as cm:"), make it with
 * al_timeout_init or al_timeout_at_init and enter it with
 * al_timeout_aenter.  Every al_value returned is None or the exception
 * CPython raises (RuntimeError for a second entry, an entry outside a
 * task, or a reschedule that is not inside the block).  An al_timeout
 * starts zeroed (as a frame's locals do) and may then serve any number of
 * timeouts, one after another. */
typedef enum { AL_TM_CREATED, AL_TM_ENTERED, AL_TM_EXPIRING, AL_TM_EXPIRED, AL_TM_EXITED } al_timeout_state;
typedef struct al_timeout {
    al_vm *vm;
    al_timeout_state state;
    double when;
    al_task *task;
    int cancelling;
    al_handle handle;
    bool armed;
} al_timeout;
al_value al_timeout_enter(al_timeout *t, al_vm *vm, double delay);
al_value al_timeout_exit(al_timeout *t, al_value exc);
al_value al_timeout_init(al_timeout *t, al_vm *vm, double delay);
void al_timeout_at_init(al_timeout *t, al_vm *vm, double when);
al_value al_timeout_aenter(al_timeout *t);
/* reschedule(when), when() (a float or None), expired() and repr(). */
al_value al_timeout_reschedule(al_timeout *t, double when);
al_value al_timeout_when(const al_timeout *t);
bool al_timeout_expired(const al_timeout *t);
void al_timeout_repr(al_buf *b, const al_timeout *t);

/* await inside a coroutine body.  Awaiting a coroutine is yield from
 * (AL_YIELD_FROM); awaiting a future or task yields the future itself up
 * to the task, as Future.__await__ does:
 *   AL_AWAIT(g, fut, r);      r = await fut
 *   AL_AWAIT_TRY(g, fut, r);  the same, exceptions stay pending */
#define AL_AWAIT_TRY(g, fut, r)                                                \
    do {                                                                       \
        (g)->awaiting = (fut);                                                 \
        if (!al_future_done((al_future *)(g)->awaiting)) {                     \
            ((al_future *)(g)->awaiting)->blocking = true;                     \
            (g)->io = al_ptr((g)->awaiting);                                   \
            AL__SUSPEND(g, AL_YIELDED)                                         \
        }                                                                      \
        al__await_result(g, &(r));                                             \
    } while (0)
#define AL_AWAIT(g, fut, r) do { AL_AWAIT_TRY(g, fut, r); AL_PROPAGATE(g); } while (0)
void al__await_result(al_gen *g, al_value *r);

/* asyncio.sleep(delay, result) as a coroutine frame the caller embeds:
 *   AL_YIELD_FROM(g, al_sleep(&L->sleep, vm, 1.0, al_none()), r); */
typedef struct al_sleep_co {
    al_gen g;
    double delay;
    al_value result;
    al_future fut;
    al_handle timer;
    al_value r;
} al_sleep_co;
al_gen *al_sleep(al_sleep_co *s, al_vm *vm, double delay, al_value result);

/* ------------------------------------------------------------------------ */
/* 7. Queues and synchronisation (queues.py, locks.py)                       */
/* ------------------------------------------------------------------------ */

/* A FIFO of waiting futures, as the collections.deque the primitives use. */
typedef struct al_waiters {
    al_future **v;
    size_t head, n, cap;
} al_waiters;

/* asyncio.Event.  (al_event is the trace's event; this is the flag.) */
typedef struct al_flag {
    al_vm *vm;
    bool value;
    al_waiters waiters;
    uint32_t actor;
} al_flag;

void al_flag_init(al_flag *e, al_vm *vm, const char *name);
void al_flag_set(al_flag *e);   /* wake every waiter */
void al_flag_clear(al_flag *e);
static inline bool al_flag_is_set(const al_flag *e) { return e->value; }
typedef struct al_flag_wait_co {
    al_gen g;
    al_flag *e;
    al_future fut;
    al_value r;
} al_flag_wait_co;
/* al_flag_wait is the coroutine Event.wait(); it returns True. */
al_gen *al_flag_wait(al_flag_wait_co *w, al_flag *e);

/* asyncio.Lock and asyncio.Semaphore (a Lock is not a Semaphore(1) in
 * CPython: their wake-up rules differ, so both are here). */
typedef struct al_lock {
    al_vm *vm;
    bool locked;
    al_waiters waiters;
    uint32_t actor;
} al_lock;
void al_lock_init(al_lock *l, al_vm *vm, const char *name);
/* al_lock_release: None, or RuntimeError('Lock is not acquired.'). */
al_value al_lock_release(al_lock *l);
typedef struct al_lock_acquire_co {
    al_gen g;
    al_lock *l;
    al_future fut;
    al_value r;
} al_lock_acquire_co;
al_gen *al_lock_acquire(al_lock_acquire_co *a, al_lock *l);

typedef struct al_semaphore {
    al_vm *vm;
    int64_t value;
    al_waiters waiters;
    uint32_t actor;
} al_semaphore;
/* al_semaphore_init is Semaphore(value): None, or ValueError('Semaphore
 * initial value must be >= 0') for a negative value. */
al_value al_semaphore_init(al_semaphore *s, al_vm *vm, const char *name, int64_t value);
bool al_semaphore_locked(const al_semaphore *s);
void al_semaphore_release(al_semaphore *s);
typedef struct al_sem_acquire_co {
    al_gen g;
    al_semaphore *s;
    al_future fut;
    al_value r;
} al_sem_acquire_co;
al_gen *al_semaphore_acquire(al_sem_acquire_co *a, al_semaphore *s);

typedef enum { AL_QUEUE_FIFO, AL_QUEUE_LIFO, AL_QUEUE_PRIORITY } al_queue_kind;

/* asyncio.Queue, LifoQueue and PriorityQueue (priority: Python's < on the
 * items, smallest first). */
typedef struct al_queue {
    al_vm *vm;
    al_queue_kind kind;
    int64_t maxsize;        /* <= 0: unbounded */
    al_value *items;        /* ring (FIFO), stack (LIFO) or heap (priority) */
    size_t head, n, cap;
    al_waiters getters, putters;
    int64_t unfinished;
    al_flag finished;
    uint32_t actor;
} al_queue;

void al_queue_init(al_queue *q, al_vm *vm, const char *name, al_queue_kind kind, int64_t maxsize);
static inline size_t al_queue_qsize(const al_queue *q) { return q->n; }
static inline bool al_queue_empty(const al_queue *q) { return q->n == 0; }
static inline bool al_queue_full(const al_queue *q) { return q->maxsize > 0 && (int64_t)q->n >= q->maxsize; }
/* put_nowait: None, or QueueFull.  get_nowait: AL_RETURNED with the item,
 * or AL_RAISED with QueueEmpty.  task_done: None, or ValueError. */
al_value al_queue_put_nowait(al_queue *q, al_value item);
al_signal al_queue_get_nowait(al_queue *q, al_value *out);
al_value al_queue_task_done(al_queue *q);
typedef struct al_queue_co {
    al_gen g;
    al_queue *q;
    al_value item;
    al_future fut;
    al_flag_wait_co wait;
    al_value r;
} al_queue_co;
/* The coroutines Queue.put(item), Queue.get() and Queue.join(). */
al_gen *al_queue_put(al_queue_co *c, al_queue *q, al_value item);
al_gen *al_queue_get(al_queue_co *c, al_queue *q);
al_gen *al_queue_join(al_queue_co *c, al_queue *q);

/* asyncio.as_completed(fs, timeout) (here because it is built on a
 * Queue): call al_as_completed_init, then ac->count times await the
 * coroutine al_as_completed_next gives (count is len(set(fs))). */
typedef struct al_as_completed {
    al_vm *vm;
    size_t count;
    size_t ntodo;
    al_future **todo;
    al_queue done;
    al_handle timer;
    bool has_timer;
} al_as_completed;
typedef struct al_wait_one_co {
    al_gen g;
    al_as_completed *ac;
    al_queue_co get;
    al_value r;
} al_wait_one_co;
void al_as_completed_init(al_as_completed *ac, al_vm *vm, size_t n, al_future *const *fs, double timeout);
al_gen *al_as_completed_next(al_wait_one_co *w, al_as_completed *ac);

/* ======================================================================== */
/* rtnew: the pieces issue 9 adds, each in its own file and following        */
/* CPython 3.11's Lib/asyncio step for step.                                */
/* ======================================================================== */

/* ---- 7a. shield (shield.c, tasks.py's shield) ----
 *
 * al_shield(vm, inner) is asyncio.shield(inner): it returns a new outer
 * future that copies inner's outcome.  Cancelling the outer future (or the
 * task awaiting it) leaves inner running.  A done inner future is returned
 * as it is.  al_shield_coro(vm, coro) wraps coro in a task first.
 *
 *   AL_AWAIT_TRY(g, al_shield(vm, al_task_fut(L->inner)), L->r);
 *   if (!al_is_none(al_except(g, &al_CancelledError)))  -- inner runs on
 */
al_future *al_shield(al_vm *vm, al_future *inner);
al_future *al_shield_coro(al_vm *vm, al_gen *coro);

/* ------------------------------------------------------------------------ */
/* 8. Lessons and parameters                                                 */
/* ------------------------------------------------------------------------ */

typedef enum {
    AL_PARAM_INT,
    AL_PARAM_FLOAT,
    AL_PARAM_BOOL,
    AL_PARAM_INT_LIST,
    AL_PARAM_FLOAT_LIST,
    AL_PARAM__COUNT
} al_param_type;

extern const char *const al_param_type_names[AL_PARAM__COUNT];

/* One lesson parameter.  min and max bound a number or each list item;
 * max_len bounds a list's length (min 1). */
typedef struct al_param_def {
    const char *name;
    al_param_type type;
    const char *def;  /* default, spelled as on the command line */
    double min, max;
    size_t max_len;
    const char *help;
} al_param_def;

#define AL_MAX_PARAMS 12
#define AL_MAX_LIST 64

/* Parsed parameter values, in the order of the lesson's definitions. */
typedef struct al_params {
    size_t n;
    struct {
        const al_param_def *def;
        double num;           /* int, float or bool (0/1) */
        size_t len;           /* list length */
        double list[AL_MAX_LIST];
    } v[AL_MAX_PARAMS];
} al_params;

typedef enum {
    AL_OK = 0,
    AL_EUSAGE,      /* bad command line: exit 2 */
    AL_EFAIL,       /* the run failed (deadlock, uncaught error): exit 1 */
    AL_EIO,         /* output could not be written */
} al_status;

struct al_lesson;
typedef al_status (*al_lesson_fn)(al_vm *vm, const al_params *p);

typedef struct al_lesson {
    int number;
    const char *slug;       /* e.g. "generators" */
    const char *title;      /* e.g. "Generators" */
    const char *summary;    /* one line */
    const char *concept;    /* the header line of a run */
    const al_param_def *params;
    size_t nparams;
    al_lesson_fn run;
    /* a validation hook for limits that span parameters (may be NULL);
     * writes one line to err and returns false when the setting is refused */
    bool (*check)(const al_params *p, char *err, size_t errlen);
} al_lesson;

/* al_unexpected is how a lesson stops when the runtime answers in a way
 * CPython would not (what: the operation, v: its answer): a runtime bug,
 * after which the output can no longer match the twin.  It records a note
 * and returns AL_EFAIL. */
al_status al_unexpected(al_vm *vm, const char *what, al_value v);

/* al_run_main is a lesson's "asyncio.run(main())": AL_OK if main
 * returned, AL_EFAIL if it raised or the run deadlocked (the trace holds
 * the exception or the deadlock for the CLI to report). */
al_status al_run_main(al_vm *vm, al_gen *main);

/* The lesson table, in order, and its embedded texts. */
extern const al_lesson *const al_lessons[];
extern const size_t al_lesson_count;
const char *al_lesson_twin(const al_lesson *l);      /* NN-slug.py */
const char *al_lesson_narrative(const al_lesson *l); /* NN-slug.md */

/* al_param_int, al_param_float, al_param_bool and al_param_list read a
 * parsed parameter by name; asking for a name the lesson does not define
 * aborts, since that is a bug in the lesson. */
int64_t al_param_int(const al_params *p, const char *name);
double al_param_float(const al_params *p, const char *name);
bool al_param_bool(const al_params *p, const char *name);
size_t al_param_list(const al_params *p, const char *name, const double **items);

#endif
