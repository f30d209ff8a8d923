/*
 * al_internal.h: declarations shared by the runtime's own files.
 *
 * Names here start with al__.  Lessons and the CLI include asynclab.h; only
 * runtime modules (and tests of them) include this file.
 */
#ifndef AL_INTERNAL_H
#define AL_INTERNAL_H

#include "asynclab.h"

/* A chunked bump allocator.  Every object of a run lives in it and is
 * released at once with the vm, so nothing in the runtime frees piecemeal
 * and nothing is freed twice. */
typedef struct al__chunk {
    struct al__chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
} al__chunk;

typedef struct al__arena {
    al__chunk *head;
    size_t total; /* bytes handed out, for the benchmarks */
} al__arena;

void al__arena_init(al__arena *a);
void al__arena_free(al__arena *a);
void *al__arena_alloc(al__arena *a, size_t n);

/* al__die reports a broken runtime invariant and aborts: these are bugs,
 * never the user's input, so they are loud (as xv6's panic). */
_Noreturn void al__die(const char *fmt, ...);
/* al__report hands text to the report function (see al_set_report). */
void al__report(const char *text);
#define AL_ASSERT(cond)                                                        \
    do { if (!(cond)) al__die("%s:%d: invariant failed: %s", __FILE__, __LINE__, #cond); } while (0)

/* A timer heap entry: the key, kept beside the handle (see heap.c). */
typedef struct al__timer_ent {
    double when;
    uint64_t seq;
    al_handle *h;
} al__timer_ent;

/* A ready FIFO slot: the handle and the arming it was queued for. */
typedef struct al__ready_ent {
    al_handle *h;
    uint32_t gen;
} al__ready_ent;

/* The event loop's state (loop.c).  One per al_run, as asyncio.run makes
 * a new loop each time. */
typedef struct al__loop {
    struct al__ready_ent *ready; /* ring buffer: the ready FIFO */
    size_t rhead, rlen, rcap;
    al__timer_ent *heap;        /* binary min-heap on (when, seq) */
    size_t hlen, hcap;
    size_t hdead;               /* entries of cancelled timers still in it */
    al_handle *pool;            /* free list of call_soon handles */
    uint64_t timer_seq;
    uint64_t iterations;
    bool stopping;
    bool in_callback;           /* phase 4 is running a callback */
    uint32_t actor;             /* the loop's trace actor */
    al_exc_handler handler;     /* set_exception_handler's, or NULL */
    void *handler_arg;
    al_value cb_exc;            /* what the running callback raised */
    struct al_asyncgen **asyncgens; /* _asyncgens: first iterated, in order */
    size_t nasyncgens, asyncgens_cap;
} al__loop;

/* What the layers above tell the generators and the loop about the
 * objects a frame awaits (futures, in CPython any awaitable): its trace
 * actor, and its repr for the exception handler's reports.  The futures
 * layer sets vm->awaitables when it sets up its first future, so the
 * lower layers never name a future's type: they call upward only
 * through this table, as CPython calls an object's __repr__. */
typedef struct al__awaitable_ops {
    uint32_t (*actor)(const void *obj);
    void (*repr)(al_buf *b, const void *obj);
} al__awaitable_ops;

/* An interned literal: its address and its str value (value.c). */
struct al__interned {
    const char *key;
    al_value v;
};
#define AL__CSTR_CACHE 32 /* slots in al_cstr_static's direct-mapped cache */

/* One run (vm.c): its options, arena, subscribers, actors, clock, loop,
 * tasks and the tables its objects need. */
struct al_vm {
    al_vm_opts opts;
    al__arena arena;
    al_subscriber subs[AL_MAX_SUBSCRIBERS]; /* who hears the trace */
    size_t nsubs;
    /* what al__emit calls: the one subscriber's on_event, or vm.c's that
     * hands the event to each of several */
    void (*emit_fn)(void *ctx, const al_event *e);
    void *emit_ctx;
    /* and what al__actor_new calls, the same way */
    void (*actor_fn)(void *ctx, uint32_t id, const al_actor_info *a);
    void *actor_ctx;
    bool silent;           /* every subscriber restores follow-ups (trace.h) */
    uint8_t follow_kind;   /* the kind of the last event whose follow-up */
    uint32_t follow_seq;   /* may be left out, its seq, the actor the */
    uint32_t follow_actor; /* follow-up is about and the cause it has */
    uint32_t follow_cause; /* (al__follows) */
    uint32_t seq;          /* the last event's seq */
    uint32_t nactors;      /* the last actor's id */
    uint32_t main_actor;   /* "main": the lesson's plain code */
    uint32_t cause;        /* seq of the event now being handled */
    uint32_t cur_task;     /* actor id of the running task, 0 if none */
    uint32_t cur_actor;    /* actor id of the innermost running frame */
    double now;            /* the clock, in seconds (virtual by default) */
    al__loop *loop;        /* the running event loop, or NULL */
    /* sys.set_asyncgen_hooks' firstiter: what the running loop calls on
     * an async generator's first __anext__/asend/athrow/aclose. */
    void (*asyncgen_firstiter)(al_vm *vm, struct al_asyncgen *ag);
    /* ... and its finalizer, for an unfinished one that goes away. */
    void (*asyncgen_finalizer)(al_vm *vm, struct al_asyncgen *ag);
    al_task *tasks_head, *tasks_tail; /* every task, in creation order */
    al_task *current;      /* the task now stepping, or NULL */
    uint32_t gen_counter;  /* numbers generator names: countdown#1 ... */
    uint32_t armings;      /* numbers every arming of a handle (loop.c) */
    uint32_t task_counter; /* Task-1, Task-2 ... as CPython counts */
    struct al__user_type *user_types;
    struct al__interned *interned; /* al_cstr_static's table */
    struct al__interned cstr_cache[AL__CSTR_CACHE]; /* and its cache (value.c) */
    struct al__shown *shown;       /* defs whose locals the trace keeps */
    size_t nshown;
    int live_err;          /* errno of the first failed live write */
    al_value error;        /* what a call that returned NULL raised */
    /* Task.cancel's recursion through the futures tasks wait for (task.c):
     * how deep it is now, and whether a RecursionError is unwinding it */
    int cancel_depth;
    bool cancel_overflow;
    /* how many delegations (await, yield from) the resume now running
     * passes through (gen.c), so that a chain too deep for the C stack
     * raises RecursionError instead */
    int delegation_depth;
    size_t ninterned, interned_cap;
    const al__awaitable_ops *awaitables; /* NULL until a future exists */
    /* futures whose exception nobody has retrieved yet, in the order
     * they failed (future.c's; reported when asyncio.run ends) */
    al_future **live;
    size_t nlive, live_cap;
};

/* A def whose frames' locals the trace shows (al_show_locals). */
struct al__shown {
    const al_gen_def *def;
    const al_local *locals;
    size_t n;
};

/* An exception type a program made (al_exc_type_new), owned by the vm. */
struct al__user_type {
    struct al__user_type *next;
    al_exc_type type;
};

/* vm.c: al__actor_new announces a new actor to the subscribers and
 * returns its id; its name is base, or base sep number (see
 * al_actor_info).  Call it only with the trace on. */
uint32_t al__actor_new(al_vm *vm, al_actor_kind kind, const char *base, const char *sep,
                       uint32_t number, const char *code);
/* al__actor_rename announces actor id again under the name name. */
void al__actor_rename(al_vm *vm, uint32_t id, al_actor_kind kind, const char *name,
                      const char *code);

/* vm.c: al__actor_now is who is acting now, for the trace: the innermost
 * running frame, else the running task, else the loop while it runs a
 * plain callback, else the lesson's plain code (main). */
uint32_t al__actor_now(const al_vm *vm);

/* gen.c: al__locals_of is the tuple of (name, value) pairs of g's shown
 * locals, or None if its def shows none (see al_show_locals). */
al_value al__locals_of(const al_gen *g);

/* gen.c: al__gen_init_arg is al_gen_init for a frame whose creation the
 * trace shows with its argument arg (a sleep's delay). */
al_gen *al__gen_init_arg(al_gen *g, al_vm *vm, const al_gen_def *def, al_value arg);

/* loop.c: al__no_loop is get_running_loop()'s check for calls that can
 * only refuse by returning NULL: without a loop it sets vm->error to
 * RuntimeError('no running event loop') and returns true. */
bool al__no_loop(al_vm *vm);

/* heap.c: the timer heap on (when, seq); cancelled entries are dropped
 * lazily, at the top or in one sweep.  O(log n) each. */
void al__heap_push(al__loop *l, al_handle *h);
al_handle *al__heap_top(al__loop *l);
void al__heap_pop(al__loop *l);
void al__heap_cancel(al__loop *l, al_handle *h);

/* loop.c: al__loop_new makes vm's loop; al__loop_close frees it, with
 * any handles still queued; al__loop_run_once is one iteration of
 * _run_once, false if nothing can ever run again. */
al__loop *al__loop_new(al_vm *vm);
void al__loop_close(al_vm *vm);
bool al__loop_run_once(al_vm *vm);
/* al__timer_start schedules caller-owned h at deadline when (call_at). */
void al__timer_start(al_vm *vm, al_handle *h, double when, al_callback fn,
                     void *a, void *b, const char *name);
/* al__soon_h appends caller-owned h to the ready FIFO (call_soon). */
al_handle *al__soon_h(al_vm *vm, al_handle *h, al_callback fn, void *a, void *b, const char *name);
/* al__soon_done schedules a future's done callback (h: the caller's
 * handle, or NULL for one from the pool); see loop.c. */
void al__soon_done(al_vm *vm, al_handle *h, al_callback fn, void *fut, void *arg, const char *name);

/* handler.c: al__callback_failed hands what callback h raised to the
 * loop's exception handler, as Handle._run does. */
void al__callback_failed(al_vm *vm, al_handle *h, al_value exc);

/* future.c: al__future_setup readies f as a future of class cls (a
 * subclass's setup calls it first). */
al_future *al__future_setup(al_future *f, al_vm *vm, const char *label, const al_future_class *cls);
/* future.c: al__not_awaitable is ensure_future's TypeError;
 * al__future_refused is a future failed with exc already. */
al_value al__not_awaitable(al_vm *vm);
al_future *al__future_refused(al_vm *vm, al_value exc);
/* al__future_class is plain Future's class; al__future_name is what the
 * trace and reports call f (its class's name_of, else its label). */
extern const al_future_class al__future_class;
const char *al__future_name(const al_future *f);
/* al__future_add_cb is add_done_callback, scheduled with the caller's
 * handle h (a task's step handle) when h is not NULL. */
void al__future_add_cb(al_future *f, al_done_fn fn, void *arg, const char *name, al_handle *h);
/* al__make_cancelled_error is Future._make_cancelled_error;
 * al__future_cancel_plain is Future.cancel itself (*ok: it was pending),
 * which a subclass's cancel ends with. */
al_value al__make_cancelled_error(al_future *f);
void al__future_cancel_plain(al_future *f, al_value msg, bool *ok);
/* Future's own set_result and set_exception, which a Task uses on itself
 * (the public ones refuse a Task, as Task overrides them). */
al_value al__future_set_result(al_future *f, al_value v);
al_value al__future_set_exception(al_future *f, al_value exc);
/* al__report_unretrieved hands each future whose exception nobody
 * retrieved to the loop's exception handler, and empties the list. */
void al__report_unretrieved(al_vm *vm);

/* task.c: al__task_class is Task's future class. */
extern const al_future_class al__task_class;

/* wait.c: al__distinct_futures is set(fs), in first-seen order, in the
 * arena; returns its length. */
size_t al__distinct_futures(al_vm *vm, size_t n, al_future *const *fs, al_future ***out);

/* sync.c: the FIFO of waiter futures of a lock, event or semaphore
 * (a deque in CPython): push at the back, index, pop the front, remove. */
void al__waiters_push(al_vm *vm, al_waiters *w, al_future *f);
al_future *al__waiters_at(const al_waiters *w, size_t i);
al_future *al__waiters_popleft(al_waiters *w);
bool al__waiters_remove(al_waiters *w, al_future *f);

/* exc.c: al__oserror_named says if e is an OSError given a filename,
 * whose args and repr show only (errno, strerror). */
bool al__oserror_named(al_value e);

/* asyncgen.c: al__asyncgen_repr appends repr(ag), "<async_generator
 * object NAME at 0x...>". */
void al__asyncgen_repr(al_buf *b, const struct al_asyncgen *ag);

/* value.c: al__less is Python's a < b, as heapq needs it for a
 * PriorityQueue: 1 if a < b, 0 if not, and -1 if Python refuses to order
 * the two (say a str and a tuple), with *err the TypeError it raises.
 * O(length) for sequences, O(1) otherwise. */
int al__less(al_vm *vm, al_value a, al_value b, al_value *err);

/* excgroup.c: str() of an exception group, for al_str_of */
void al__exc_group_str(al_buf *b, al_value eg);

/* intern.c: al__cstr_slow is al_cstr_static past its cache. */
al_value al__cstr_slow(al_vm *vm, const char *s);

/* al__cstr_static is al_cstr_static, its cache's answer inline: the
 * runtime names a callback or an operation with a literal on each event
 * that has one (a traced sleep(0) asks for four).  O(1) amortised. */
static inline al_value al__cstr_static(al_vm *vm, const char *s)
{
    const struct al__interned *c = &vm->cstr_cache[((uintptr_t)s >> 2) % AL__CSTR_CACHE];
    return c->key == s ? c->v : al__cstr_slow(vm, s);
}

/* al__emit is al_emit with the trace known to be on, inline: an event
 * is built where it happens and handed to each subscriber, with no call
 * of its own (a traced sleep(0) emits nine, and leaves four follow-ups
 * out).  One call: to the one subscriber, or to vm.c's fan-out when
 * there are several.  O(subscribers). */
static inline uint32_t al__emit_flags(al_vm *vm, al_ev_kind kind, uint16_t flags,
                                      uint32_t actor, uint32_t other, al_value a, al_value b)
{
    al_event e = {
        .seq = ++vm->seq, .cause = vm->cause, .kind = (uint16_t)kind, .flags = flags,
        .actor = actor, .other = other, .task = vm->cur_task,
        .time = vm->now, .a = a, .b = b,
    };
    vm->emit_fn(vm->emit_ctx, &e);
    return e.seq;
}
static inline uint32_t al__emit(al_vm *vm, al_ev_kind kind, uint32_t actor, uint32_t other,
                                al_value a, al_value b)
{
    return al__emit_flags(vm, kind, 0, actor, other, a, b);
}

/* Follow-ups (trace.h's al_subscriber, docs/trace-format.md): an event
 * that follows the one before it by a fixed rule is left out of the
 * stream, its seq counted, when every subscriber restores it.  The
 * emitter of an event that may have such a follow-up notes it with
 * al__may_follow (its kind, seq, the actor the follow-up is about and
 * the cause it has by the rule); al__follows says if the event about to
 * be emitted is that follow-up: the last event was of a kind a rule
 * starts from (after: AL__AFTER bits), nothing has been emitted since
 * (the seq), and it is about that actor with that cause (the task and
 * the clock cannot have changed without an event).  The caller checks
 * the rest of the rule (a value of None, ...).  O(1). */
static inline void al__may_follow(al_vm *vm, al_ev_kind kind, uint32_t seq, uint32_t actor,
                                  uint32_t cause)
{
    vm->follow_kind = (uint8_t)kind;
    vm->follow_seq = seq;
    vm->follow_actor = actor;
    vm->follow_cause = cause;
}

#define AL__AFTER(kind) ((uint64_t)1 << (kind)) /* al__follows's kinds, as bits */
static inline bool al__follows(const al_vm *vm, uint64_t after, uint32_t actor)
{
    return (after >> vm->follow_kind & 1) && vm->follow_seq == vm->seq &&
           vm->follow_actor == actor && vm->follow_cause == vm->cause && vm->silent;
}

/* AL_TRACE records an event only when tracing is on, so that a run with
 * the trace off pays one predictable branch per operation. */
#define AL_TRACE(vm, ...) ((vm)->opts.trace ? al__emit((vm), __VA_ARGS__) : 0u)
/* AL_TRACE_FLAGS is AL_TRACE with the event's flags (AL_EVF_*) first. */
#define AL_TRACE_FLAGS(vm, ...) ((vm)->opts.trace ? al__emit_flags((vm), __VA_ARGS__) : 0u)

#endif
