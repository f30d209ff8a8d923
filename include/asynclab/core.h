/*
 * asynclab/core.h: the core of the runtime, for anyone who drives it:
 * values and exceptions, the vm (one run: its arena, its clock, its
 * output, the stream of its trace), and generators with PEP 380
 * delegation (CPython's gen_send_ex, in C).  Sections 1 to 3 of the
 * runtime, in lesson order; UTF-8 text (asynclab/text.h), the trace
 * (asynclab/trace.h) and section 3 (asynclab/gen.h) are headers of their
 * own, which this one includes.
 *
 * Public names start with al_, internal non-static ones with al__ (they
 * live in src/runtime/al_internal.h; the few here serve the inline fast
 * paths and the body macros).  Nothing here allocates on a generator
 * resume or yield.
 */
#ifndef ASYNCLAB_CORE_H
#define ASYNCLAB_CORE_H

#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "asynclab/text.h"

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
    const struct al_exc_type *base2; /* a second base, or NULL: ExceptionGroup
                                        derives from BaseExceptionGroup and
                                        Exception */
} al_exc_type;

extern const al_exc_type al_BaseException, al_Exception, al_GeneratorExit,
    al_StopIteration, al_ValueError, al_TypeError, al_RuntimeError, al_RecursionError,
    al_KeyError, al_IndexError, al_ZeroDivisionError, al_ArithmeticError,
    al_LookupError, al_TimeoutError, al_CancelledError, al_InvalidStateError,
    al_QueueEmpty, al_QueueFull, al_AssertionError, al_OSError,
    al_ConnectionError, al_BrokenPipeError, al_ConnectionAbortedError,
    al_ConnectionRefusedError, al_ConnectionResetError, al_BlockingIOError,
    al_ChildProcessError, al_FileExistsError, al_FileNotFoundError,
    al_InterruptedError, al_IsADirectoryError, al_NotADirectoryError,
    al_PermissionError, al_ProcessLookupError;

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
/* al_tuple builds a tuple of n values given as varargs al_value; al_list
 * the list [v1, ..., vn]. */
al_value al_tuple(al_vm *vm, size_t n, ...);
al_value al_list(al_vm *vm, size_t n, ...);
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
/* al_exc_subclass is issubclass(k, t) for exception types. */
bool al_exc_subclass(const al_exc_type *k, const al_exc_type *t);

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
void al_buf_vprintf(al_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

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
/* al_truth is Python's bool(v): false for None, False, 0, 0.0 and an
 * empty str, list or tuple. */
bool al_truth(al_value v);
/* al_type_name is type(v).__name__: "int", "NoneType", "ValueError"...;
 * "object" for a runtime object. */
const char *al_type_name(al_value v);

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
    /* If set, the vm stops waiting for real time once *stop is non-zero
     * (the CLI's Ctrl-C flag): the rest of the run is on the virtual
     * clock, so an interrupted --realtime run ends at once. */
    const volatile sig_atomic_t *stop;
    /* The report hook: where the loop's default exception handler sends
     * its text (one or more lines, each ending in a newline).  The CLI
     * writes it to stderr; unset, reports are only in the trace. */
    void (*report)(const char *text, void *ctx);
    void *report_ctx;
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
/* al_vm_take_error returns, and clears, the exception raised by the last
 * call that could only refuse by returning NULL (al_create_task,
 * al_call_at, al_call_later, al_call_soon_handle), nothing (al_call_soon)
 * or false (al_task_cancel's RecursionError; see there), such as
 * RuntimeError('no running event loop') outside al_run.  None if none. */
al_value al_vm_take_error(al_vm *vm);
/* al_vm_live_error is the errno of the first failed write to opts.live,
 * or 0.  After a failure the vm writes no more live output and stops
 * waiting for real time, so a closed pipe ends a --realtime run at once. */
int al_vm_live_error(const al_vm *vm);
/* al_actor_new announces an actor named name (copied) to the vm's
 * subscribers and returns its id; 0 with the trace off. */
uint32_t al_actor_new(al_vm *vm, al_actor_kind kind, const char *name, const char *code);

/* The runtime writes nothing to stderr itself.  Its reports (an internal
 * error just before it aborts, a future's exception that was never
 * retrieved, an error while asyncio.run shuts down) go to the report
 * function, one whole message (one or more lines, each ended by a
 * newline) per call.  The CLI sets one that writes stderr; with none
 * set, reports are dropped.  Process-wide, since an internal error may
 * come from outside any vm. */
typedef void (*al_report_fn)(void *ctx, const char *text);
void al_set_report(al_report_fn fn, void *ctx);

/* al_print records one line of program output, formatted by al_format.
 * It is the lesson's print(): the text is what the Python twin prints. */
void al_print(al_vm *vm, const char *fmt, ...);
/* al_note records a teaching annotation that is not program output. */
void al_note(al_vm *vm, const char *fmt, ...);
/* al_note_part marks where a timed part of the lesson begins, named as
 * its narrative names it ("sequential", "as tasks"), or with name NULL
 * where the last part ends.  Parts that follow one another without an
 * end between them are compared: the views' summary shows their elapsed
 * virtual times side by side.  A note event with b = "part" (a = the
 * name, or None for an end).  Not program output. */
void al_note_part(al_vm *vm, const char *name);
/* al_emit records an event and returns its seq (0 with tracing off). */
uint32_t al_emit(al_vm *vm, al_ev_kind kind, uint32_t actor, uint32_t other,
                 al_value a, al_value b);

/* 3. Generators and delegation: asynclab/gen.h, included here. */
#include "asynclab/gen.h"

#endif
