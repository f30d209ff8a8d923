/*
 * asynclab/asyncio.h: the asyncio layer, for lesson authors and anyone
 * writing asyncio programs in C: the event loop, futures and tasks,
 * combinators (gather, wait, wait_for, timeout) and shield.  Queues and
 * synchronisation primitives, built on these, are in asynclab/queues.h.
 * Each follows CPython 3.11's Lib/asyncio.
 */
#ifndef ASYNCLAB_ASYNCIO_H
#define ASYNCLAB_ASYNCIO_H

#include "asynclab/core.h"

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
    bool future_arg;       /* a future's done callback: a is the future, and
                              a report names the callback fn(<Future ...>) */
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
/* The loop's exception handler (base_events.py).  A context is what
 * CPython's dict holds: a message, the exception (None if none), and the
 * future, task or handle concerned (NULL if none); context is set only
 * for "Unhandled error in exception handler". */
typedef struct al_exc_context {
    al_vm *vm;
    const char *message;
    al_value exception;
    struct al_future *future;
    struct al_task *task;
    al_handle *handle;
    struct al_asyncgen *asyncgen;
    const struct al_exc_context *context;
} al_exc_context;
/* A handler returns None, or the exception it raised. */
typedef al_value (*al_exc_handler)(al_vm *vm, const al_exc_context *c, void *arg);
/* set_exception_handler (fn NULL: the default again; RuntimeError('no
 * running event loop') outside al_run), get_exception_handler. */
al_value al_loop_set_exception_handler(al_vm *vm, al_exc_handler fn, void *arg);
al_exc_handler al_loop_get_exception_handler(const al_vm *vm);
/* call_exception_handler(context): records an "exception_handler" event,
 * then calls the handler set, or the default one.  If the handler raises,
 * the default one reports 'Unhandled error in exception handler'. */
void al_loop_call_exception_handler(const al_exc_context *c);
/* default_exception_handler(context): CPython's log text (the message;
 * "context: ", "future: ", "handle: ", "task: " lines with reprs; the
 * exception as al_exc_report writes it) sent to the vm's report hook. */
void al_loop_default_exception_handler(const al_exc_context *c);
/* al_callback_raise, called by a callback the loop is running, makes it
 * end with exc raised: the loop reports 'Exception in callback NAME()'
 * through the exception handler, as Handle._run does.  Outside a callback
 * it does nothing. */
void al_callback_raise(al_vm *vm, al_value exc);

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

/* The kinds of future the runtime has.  Kept for programs that named
 * them; the runtime itself dispatches on the class (below). */
typedef enum { AL_FUTK_PLAIN, AL_FUTK_TASK, AL_FUTK_GATHER } al_fut_kind;

/* A future's class: what a subclass overrides, as Task and
 * _GatheringFuture override Future's methods in CPython.  future.c calls
 * through it and never names a subclass.  A NULL method is Future's own. */
typedef struct al_future_class {
    const char *name;  /* "Future", "Task", "_GatheringFuture" */
    /* cancel(msg): the subclass's cancel (Task: cancel what it awaits;
     * gather: cancel its children) */
    bool (*cancel)(al_future *f, al_value msg);
    /* name_of: what the trace and reports call it (a task's name) */
    const char *(*name_of)(const al_future *f);
    /* repr_done appends "<Task finished name=... coro=<...() done>" or
     * the like, without the exception and the closing '>' */
    void (*repr_done)(const al_future *f, al_buf *b);
    bool refuses_set;  /* set_result/set_exception raise RuntimeError */
    bool own_actor;    /* traced under an actor of its own, made at setup */
} al_future_class;

/* Every sleeping task carries two futures (its own and its sleep's), so
 * the layout is packed: one-byte state and flags, the result and the
 * exception in one value, and the one callback most futures have in the
 * space an array pointer would take. */
struct al_future {
    al_vm *vm;
    uint32_t actor;
    uint32_t ncbs, cbs_cap;
    uint8_t state;          /* al_fut_state */
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
    const al_future_class *cls; /* its class: Future, Task, a gather */
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
/* al_task_cancel is Task.cancel(msg).  Tasks that await one another in a
 * cycle make it recurse through the futures they wait for, as in CPython,
 * until RecursionError: it then returns false, and al_vm_take_error
 * gives the RecursionError that cancel() raised. */
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
 * (CPython returns sets; print them sorted).  al_wait copies fs, so it
 * may be a temporary array. */
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
 *   AL_AWAIT_TRY(g, fut, r);  the same, exceptions stay pending
 * A resume that finds the future still pending yields it again if a task
 * has taken it (cleared its blocking flag), as _asyncio's FutureIter does
 * when a second task steps a coroutine that waits on it. */
#define AL_AWAIT_TRY(g, fut, r)                                                \
    do {                                                                       \
        (g)->awaiting = (fut);                                                 \
        if (al__await_yields(g, false)) {                                      \
            do {                                                               \
                AL__SUSPEND(g, AL_YIELDED)                                     \
            } while (al__await_yields(g, true));                               \
        }                                                                      \
        al__await_result(g, &(r));                                             \
    } while (0)
#define AL_AWAIT(g, fut, r) do { AL_AWAIT_TRY(g, fut, r); AL_PROPAGATE(g); } while (0)
bool al__await_misused(al_gen *g);
/* al__await_yields is one next() (or, if resumed, one send) of the
 * iterator of "await g->awaiting", as _asyncio's FutureIter: true if g
 * must yield the future to its task (it was pending and not blocking: now
 * it is, and g->io holds it); false if the await ends here, because the
 * future is done, an exception was thrown in, or the future was already
 * blocking (nobody took the last yield: RuntimeError("await wasn't used
 * with future") is then pending in g).  O(1). */
static inline bool al__await_yields(al_gen *g, bool resumed)
{
    al_future *f = (al_future *)g->awaiting;
    if (__builtin_expect(!f, 0)) /* await None (a NULL future) */
        return al__await_misused(g);
    if ((resumed && !al_is_none(g->exc)) || al_future_done(f))
        return false;
    if (f->blocking)
        return al__await_misused(g);
    f->blocking = true;
    g->io = al_ptr(f);
    return true;
}
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

#endif
