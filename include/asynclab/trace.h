/*
 * asynclab/trace.h: the trace, as a stream of events and as a run.
 *
 * Two halves, for two audiences:
 *
 *   - the stream (the runtime's side, src/runtime/vm.c): every operation
 *     emits one al_event, as it happens, to each subscriber attached to
 *     the vm; each actor (a frame, a task, a future, the loop, a queue)
 *     is announced to them once, when it is made.  The runtime knows only
 *     this list of callbacks: not who listens, nor what they keep.
 *   - the run (src/trace/): a recorder is one such subscriber.  It keeps
 *     every event in a compact form and offers a read-only view of the
 *     run: its events by number, its actors by id, what each task is doing
 *     and awaiting, and the lesson's identity as the CLI gave it.  The
 *     renderers (src/views/) and the step mode read only this view; they
 *     never see the al_vm.
 *
 * docs/trace-format.md describes every kind and how to attach a
 * subscriber.  This header is included by asynclab/core.h after the
 * values (al_value) are declared.
 */
/* core.h includes this file after its values (al_value); included on its
 * own, this file first includes core.h, which comes back here at that
 * point, so the include sits above the guard. */
#include "asynclab/core.h"

#ifndef ASYNCLAB_TRACE_H
#define ASYNCLAB_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- event kinds: one list, for the enum, the names and the docs ---- */

/* How a view shows an event's values a and b (the third and fourth
 * columns below): AL_VAL(label, flags), or AL_BARE for a value shown bare
 * (a None left out).  label prefixes the value ("sent=None"), NULL for
 * none; AL_SHOW_NONE shows a None that means something (a send of None,
 * a return of None); AL_SHOW_NAME shows a str without quotes, for the
 * names of callbacks and operations rather than data; AL_SHOW_HIDE
 * leaves the value to other views (a create's argument is for the lanes).
 * A view defines the struct the pair fills (render_log.c). */
enum { AL_SHOW_NONE = 1, AL_SHOW_NAME = 2, AL_SHOW_HIDE = 4 };
#define AL_VAL(label, flags) label, flags
#define AL_BARE AL_VAL(NULL, 0)

/* The event kinds: X(ID, its name, a's view, b's view, what it means).
 * al_ev_names[AL_EV_ID] is "name", the spelling of the JSON schema and
 * the log.  Append new kinds at the end: a reader skips kinds it does
 * not know. */
#define AL_EVENT_KINDS(X)                                                          \
    X(CREATE, "create", AL_VAL(NULL, AL_SHOW_HIDE), AL_BARE, \
      "a generator or coroutine object was made; a = its argument when the runtime knows one (a sleep's delay)") \
    X(RESUME, "resume", AL_VAL("sent", AL_SHOW_NONE), AL_BARE, \
      "next/send entered a frame; a = the value sent") \
    X(YIELD, "yield", AL_VAL(NULL, AL_SHOW_NONE), AL_VAL(NULL, AL_SHOW_HIDE), \
      "a frame suspended; a = the value; other = the future it passes up to its task; b = its shown locals, as (name, value) pairs, or None") \
    X(RETURN, "return", AL_VAL(NULL, AL_SHOW_NONE), AL_BARE, \
      "a frame returned; a = the return value") \
    X(RAISE, "raise", AL_BARE, AL_BARE, \
      "an exception left a frame; a = the exception") \
    X(THROW, "throw", AL_BARE, AL_BARE, \
      "throw() delivered an exception; a = it") \
    X(CLOSE, "close", AL_BARE, AL_BARE, \
      "close() finished a frame") \
    X(DELEGATE, "delegate", AL_BARE, AL_BARE, \
      "yield from / await entered the frame other") \
    X(DELEGATE_END, "delegate_end", AL_VAL(NULL, AL_SHOW_NONE), AL_BARE, \
      "the frame other returned to its delegator; a = the value") \
    X(OUTPUT, "output", AL_BARE, AL_BARE, \
      "the program printed a line; a = the text") \
    X(ERROR, "error", AL_BARE, AL_BARE, \
      "the runtime refused an operation; a = the exception") \
    X(LOOP_ITER, "loop_iter", AL_VAL("ready", 0), AL_VAL("timers", 0), \
      "one _run_once began; a = ready callbacks, b = timers") \
    X(CLOCK, "clock", AL_VAL("now", 0), AL_VAL("by", AL_SHOW_NAME), \
      "the clock moved; a = the new time, b = how (wait, block)") \
    X(TIMER_ADD, "timer_add", AL_VAL("at", 0), AL_VAL("callback", AL_SHOW_NAME), \
      "call_at/call_later; a = the deadline, b = the callback") \
    X(TIMER_FIRE, "timer_fire", AL_VAL("at", 0), AL_VAL("callback", AL_SHOW_NAME), \
      "a due timer moved to the ready queue") \
    X(TIMER_CANCEL, "timer_cancel", AL_VAL("at", 0), AL_VAL("callback", AL_SHOW_NAME), \
      "a timer was cancelled") \
    X(CALL_SOON, "call_soon", AL_BARE, AL_VAL("callback", AL_SHOW_NAME), \
      "a callback joined the ready queue; b = its name") \
    X(CALLBACK, "callback", AL_BARE, AL_VAL("callback", AL_SHOW_NAME), \
      "the loop ran a ready callback; b = its name") \
    X(FUTURE_DONE, "future_done", AL_VAL(NULL, AL_SHOW_NAME), AL_BARE, \
      "a future got a result, an exception or was cancelled") \
    X(TASK_NEW, "task_new", AL_BARE, AL_VAL("coro", AL_SHOW_NAME), \
      "a task was created; b = its coroutine's name") \
    X(TASK_STEP, "task_step", AL_BARE, AL_VAL("coro", AL_SHOW_NAME), \
      "a task stepped its coroutine; b = the coroutine's name") \
    X(TASK_SUSPEND, "task_suspend", AL_VAL("awaits", 0), AL_VAL(NULL, AL_SHOW_NAME), \
      "a step ended: other = the future awaited, b = its label") \
    X(TASK_DONE, "task_done", AL_VAL(NULL, AL_SHOW_NAME), AL_BARE, \
      "a task finished") \
    X(WAKEUP, "wakeup", AL_BARE, AL_BARE, \
      "a done future woke a task") \
    X(CANCEL, "cancel", AL_VAL("msg", 0), AL_BARE, \
      "cancel() was requested; a = the message") \
    X(BLOCK, "block", AL_VAL("seconds", 0), AL_BARE, \
      "a blocking call froze the loop; a = seconds") \
    X(WAIT, "wait", AL_BARE, AL_BARE, \
      "a task waits on a queue, lock, event or semaphore (other); a = the operation") \
    X(QUEUE, "queue", AL_VAL("size", 0), AL_VAL("op", AL_SHOW_NAME), \
      "a queue changed; a = its size, b = the operation") \
    X(DEADLOCK, "deadlock", AL_VAL(NULL, AL_SHOW_NAME), AL_BARE, \
      "nothing can run and a task still waits (actor); a = None: its last task_suspend says what it awaits, and the log and JSON say who waits on what in the program's words") \
    X(NOTE, "note", AL_BARE, AL_BARE, \
      "a lesson's own annotation, not program output; a = the text; b = \"part\" when it marks a timed part's start (a = its name) or end (a = None)") \
    X(SHIELD, "shield", AL_BARE, AL_VAL(NULL, AL_SHOW_NAME), \
      "shield(): actor = the outer future, other = the inner one; b = what happened") \
    X(GROUP, "group", AL_BARE, AL_VAL("op", AL_SHOW_NAME), \
      "a TaskGroup acted: other = the child or parent task; a = a value, b = the operation") \
    X(SYNC, "sync", AL_VAL("count", 0), AL_VAL("op", AL_SHOW_NAME), \
      "a condition or barrier changed: other = the task concerned; a = a count, b = the operation") \
    X(TIMEOUT, "timeout", AL_VAL("when", 0), AL_VAL("op", AL_SHOW_NAME), \
      "a timeout block acted: other = its task; a = the deadline (None: none), b = enter, reschedule, expire or exit") \
    X(EXC_HANDLER, "exception_handler", AL_VAL("message", AL_SHOW_NAME), AL_VAL("exception", 0), \
      "call_exception_handler(context): a = the message, b = the exception (or None)")

#define AL__EV_ENUM(id, name, a, b, doc) AL_EV_##id,
typedef enum { AL_EVENT_KINDS(AL__EV_ENUM) AL_EV__COUNT } al_ev_kind;
#undef AL__EV_ENUM

/* al_ev_names[kind] is the kind's name ("task_step"). */
extern const char *const al_ev_names[AL_EV__COUNT];

/* ---- actors ---- */

#define AL_ACTOR_KINDS(X)                                                          \
    X(MAIN, "main")           /* the lesson's plain code */                        \
    X(GENERATOR, "generator") /* a generator object */                             \
    X(COROUTINE, "coroutine") /* an async def coroutine object */                  \
    X(TASK, "task")           /* an asyncio Task */                                \
    X(FUTURE, "future")       /* a bare future, or a gather */                     \
    X(LOOP, "loop")           /* the event loop */                                 \
    X(OBJECT, "object")       /* a queue, lock, event or semaphore */            \
    X(ASYNC_GENERATOR, "async_generator") /* an async generator object */

#define AL__ACTOR_ENUM(id, name) AL_ACTOR_##id,
typedef enum { AL_ACTOR_KINDS(AL__ACTOR_ENUM) AL_ACTOR__COUNT } al_actor_kind;
#undef AL__ACTOR_ENUM

extern const char *const al_actor_kind_names[AL_ACTOR__COUNT];

/* An actor as the runtime announces it.  Its name is base alone when
 * number is 0, else base, sep and number: {"sleep", "#", 4} is "sleep#4",
 * {"sleep", "-fut#", 5} is "sleep-fut#5", {"Task", "-", 2} is "Task-2".
 * The name is kept in parts so that making an actor formats nothing; a
 * view asks al_trace_actor_name for the text.  base, sep and code outlive
 * the vm's arena or live in it. */
typedef struct al_actor_info {
    al_actor_kind kind;
    uint32_t number;
    const char *base;
    const char *sep;
    const char *code; /* the coroutine or generator function, or NULL */
} al_actor_info;

/* An actor as a view reads it: its kind, its whole name and its code. */
typedef struct al_actor {
    al_actor_kind kind;
    const char *name; /* e.g. "countdown#1", "Task-2", "main" */
    const char *code; /* coroutine or generator function name, or NULL */
} al_actor;

/* ---- the stream ---- */

/* One event, as the runtime emits it.  seq numbers start at 1 and have no
 * gaps (except for follow-ups left out: see al_subscriber); cause is the seq of the event that led to this one, 0 if none.
 * actor is who did it, other a second actor involved (see each kind),
 * task the task running when it happened (for a task_step, the task
 * stepped), 0 for none.  time is the clock.  flags are AL_EVF_* bits, 0
 * for most events.  A subscriber gets a pointer to an event that lives
 * only during its call. */
typedef struct al_event {
    uint32_t seq;
    uint16_t kind;  /* al_ev_kind */
    uint16_t flags; /* AL_EVF_*; in what was padding, so no wider */
    uint32_t cause; /* cause, actor, other and task follow each other: */
    uint32_t actor; /* the recorder compares them as one vector */
    uint32_t other;
    uint32_t task;
    double time;
    al_value a, b;
} al_event;

/* The event flags.  AL_EVF_RAISED, on a task_done: b is the exception
 * the task's coroutine raised (task.exception()); without it, b is the
 * value the coroutine returned (task.result()), which may itself be an
 * exception object: "return ValueError('x')" finishes a task as well as
 * "return 3" does.  CPython's state is FINISHED either way.  Only an
 * event whose b is an exception may carry it. */
enum { AL_EVF_RAISED = 1 };

/* A subscriber: on_event sees each event as it happens, on_actor each
 * actor when it is made (and again, with the same id, when it is renamed,
 * as Task.set_name does).  Either may be NULL.  Actor ids start at 1; id
 * 1 is always "main", announced when the subscriber attaches.  Both run
 * inside the runtime's operation: they must not call back into the vm
 * (no al_print, no scheduling) and should be quick.
 *
 * follow_ups: the subscriber restores the events that follow the one
 * before them by a fixed rule, so the runtime may leave them out of the
 * stream, counting their seq (docs/trace-format.md lists the four: the
 * resume of the frame a delegate or a task's step enters, a bare yield
 * right after its frame's resume, the delegate into a frame its
 * delegator has just made).  Only when every subscriber says so does
 * the vm leave them out; the recorder does, and a live view attached
 * to the run (al_trace_subscribe) sees every event. */
typedef struct al_subscriber {
    void (*on_event)(void *ctx, const al_event *e);
    void (*on_actor)(void *ctx, uint32_t id, const al_actor_info *a);
    void *ctx;
    bool follow_ups;
} al_subscriber;

/* At most this many subscribers per vm: the recorder, a live view and the
 * step mode's controller, with room for one more. */
#define AL_MAX_SUBSCRIBERS 4

typedef struct al_vm al_vm;

/* al_vm_subscribe attaches s (copied) to vm and turns the trace on.  It
 * must be called before the vm has made anything but its main actor, so
 * that every subscriber sees the whole run; returns false (attaching
 * nothing) if it is too late or AL_MAX_SUBSCRIBERS are attached. */
bool al_vm_subscribe(al_vm *vm, const al_subscriber *s);

/* ---- the run: a recorder and its read-only view (src/trace/) ---- */

typedef struct al_trace al_trace;

/* The lesson a run is of, as the CLI names it: plain strings that must
 * outlive the run.  A run made by a program that is not a lesson has
 * number 0 and empty strings. */
typedef struct al_trace_lesson {
    int number;
    const char *title, *slug, *concept;
} al_trace_lesson;

/* al_trace_new makes a recorder and attaches it to vm (which must be new,
 * see al_vm_subscribe); NULL if memory is exhausted or it is too late.
 * The run's values (strings, exceptions) live in the vm's arena: read the
 * run before al_vm_free(vm), then al_trace_free it. */
al_trace *al_trace_new(al_vm *vm);
void al_trace_free(al_trace *r);
/* al_trace_set_lesson records which lesson this is, for headers. */
void al_trace_set_lesson(al_trace *r, const al_trace_lesson *lesson);
const al_trace_lesson *al_trace_lesson_of(const al_trace *r);

/* The events.  al_trace_len is how many were recorded (the last seq).
 * al_trace_event decodes event seq (1 .. len) into *out and returns true,
 * or false if there is no such event.  O(1) reading forwards or at
 * random (a run keeps a checkpoint every few dozen events). */
uint32_t al_trace_len(const al_trace *r);
bool al_trace_event(const al_trace *r, uint32_t seq, al_event *out);

/* The actors.  Ids run from 1 to al_trace_actor_count.  al_trace_actor fills
 * *out and returns true, or false for 0 or an unknown id.  A name is
 * formatted on first use and then kept; the pointer lives as long as r. */
size_t al_trace_actor_count(const al_trace *r);
bool al_trace_actor(const al_trace *r, uint32_t id, al_actor *out);
const char *al_trace_actor_name(const al_trace *r, uint32_t id); /* NULL if none */
al_actor_kind al_trace_actor_kind(const al_trace *r, uint32_t id);

/* al_trace_task_of is the task an event belongs to: for a task_step the
 * task it steps, otherwise the task running when it happened (0: none). */
uint32_t al_trace_task_of(const al_trace *r, const al_event *e);

/* ---- which task runs, what each awaits, why it woke ---- */

/* A tracker replays events in order and keeps every task's state, so a
 * view answers "who runs, on what does each one wait" at any event: a
 * live view applies each event as it arrives, a view written after the
 * run applies them as it walks.  The recorder keeps none (it would cost
 * memory on runs nobody watches this way). */
typedef struct al_tracker al_tracker;

typedef enum {
    AL_TASK_READY,     /* created or woken: its next step is queued */
    AL_TASK_RUNNING,   /* stepping now */
    AL_TASK_WAITING,   /* suspended on a future, a task, a gather ... */
    AL_TASK_DONE,      /* finished with a result or an exception */
    AL_TASK_CANCELLED, /* finished cancelled */
} al_task_phase;

/* A task's state: its phase and the event that began it; while it waits,
 * on what: the awaited actor (a future, a task, a gather) and its label
 * ("sleep", "Queue.get", "Task-3", "gather", or "sleep(0)" for a bare
 * yield, with awaits 0), the object and operation of a queue, lock,
 * event or semaphore wait, and for a sleep its delay and deadline (else
 * negative).  woke is, while it is ready or running, the event that made
 * it ready (the wakeup, a timer or a call_soon of its step): a view
 * follows its cause links (al_event.cause) to say why. */
typedef struct al_task_state {
    al_task_phase phase;
    uint32_t since;         /* seq of the event that began this phase */
    uint32_t awaits;        /* actor awaited, or 0 */
    const char *what;       /* its label, or NULL */
    uint32_t object;        /* the queue/lock/event/semaphore actor, or 0 */
    const char *op;         /* "Queue.get", "Lock.acquire" ..., or NULL */
    double delay, deadline; /* a sleep's, else -1 */
    uint32_t woke;          /* the event that made it ready, or 0 */
    uint32_t steps;         /* how many steps it has taken */
} al_task_state;

/* al_tracker_new makes a tracker over run r (NULL if out of memory); it
 * starts before the first event.  al_tracker_apply advances it by e, the
 * next event in order (seq one more than the last applied).  O(1). */
al_tracker *al_tracker_new(const al_trace *r);
void al_tracker_apply(al_tracker *t, const al_event *e);
void al_tracker_free(al_tracker *t);
/* al_tracker_task is task actor id's state, NULL for an id that is not a
 * task seen so far; al_tracker_running is the task stepping, 0 if none. */
const al_task_state *al_tracker_task(const al_tracker *t, uint32_t id);
uint32_t al_tracker_running(const al_tracker *t);

/* al_trace_subscribe attaches a live view to the run: s sees each event
 * and actor after the recorder has stored it, so s may read the run
 * (al_trace_event, al_trace_actor_name ...) from inside its callbacks.  It
 * may be called at any time; s sees what happens from then on.  False if
 * AL_MAX_SUBSCRIBERS are attached. */
bool al_trace_subscribe(al_trace *r, const al_subscriber *s);

/* Storage figures for the benchmarks: bytes held for events (encoded,
 * checkpoints and side tables) and for actors. */
typedef struct al_trace_stats {
    size_t events, event_bytes, actors, actor_bytes;
} al_trace_stats;
void al_trace_stats_of(const al_trace *r, al_trace_stats *out);

#endif
