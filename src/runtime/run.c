/*
 * run.c: asyncio.run, as CPython 3.11's Runner does it.
 *
 * The main coroutine runs as a task on a new loop.  When it is done, the
 * tasks still pending are cancelled and gathered, and the loop runs two
 * shutdown coroutines (async generators, default executor) as tasks of
 * their own.  Those extra iterations run any callbacks still queued, and
 * the two tasks take Task numbers, so we mirror them exactly.  The first
 * one acloses every async generator iterated during the run, so their
 * finally blocks run then; the second has no executor to wait for.
 *
 * run_until_complete lives here, above futures and tasks, rather than in
 * loop.c: it waits on a future.  So does the report of exceptions nobody
 * retrieved, made as the loop closes, where CPython makes it as the
 * futures are collected.
 */
#include "al_internal.h"

#include <stdlib.h>

static al_signal shutdown_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_GEN_END(g);
}

static const al_gen_def shutdown_executor_def = {
    "BaseEventLoop.shutdown_default_executor", shutdown_body, true};

/* record_deadlock notes every task that waits forever.  The runtime
 * records the facts only (which task; its last task_suspend says what it
 * awaits): the views say it in the program's words (Queue.join(), not
 * the Event inside it) and who could have woken it. */
static void record_deadlock(al_vm *vm)
{
    for (al_task *t = vm->tasks_head; t; t = t->next)
        if (!al_future_done(&t->fut))
            al_emit(vm, AL_EV_DEADLOCK, t->fut.actor, 0, al_none(), al_none());
}

static void stop_cb(al_vm *vm, void *f, void *arg)
{
    (void)f;
    (void)arg;
    vm->loop->stopping = true;
}

/* run_until_complete is loop.run_until_complete(f): run_forever with a
 * done callback on f that stops the loop at the end of the iteration in
 * which it runs.  O(iterations). */
static al_run_status run_until_complete(al_vm *vm, al_future *f)
{
    al__loop *l = vm->loop;
    al_future_add_done_callback(f, stop_cb, NULL, "_run_until_complete_cb");
    bool stuck = false;
    for (;;) {
        if (!al__loop_run_once(vm)) {
            stuck = true;
            break;
        }
        if (l->stopping)
            break;
    }
    l->stopping = false;
    al_future_remove_done_callback(f, stop_cb, NULL);
    return stuck && !al_future_done(f) ? AL_RUN_DEADLOCK : AL_RUN_OK;
}

/* The frame of loop.shutdown_asyncgens(): the generators it closes,
 * their aclose() awaitables and tasks, and the gather of those. */
typedef struct shutdown_ag_co {
    al_gen g;
    size_t n;
    al_asyncgen **agens;
    al_anext_co *closing;
    al_future **futs;
    al_value results;
} shutdown_ag_co;

/* report_failures is the loop after the gather: each aclose() that
 * raised an Exception (not a BaseException) goes to the handler. */
static void report_failures(shutdown_ag_co *f)
{
    al_vm *vm = f->g.vm;
    for (size_t i = 0; i < f->n; i++) {
        al_value e = al_item(f->results, i);
        if (!al_exc_isa(e, &al_Exception))
            continue;
        al_buf b;
        al_buf_init(&b);
        al_buf_puts(&b, "an error occurred during closing of asynchronous generator ");
        al__asyncgen_repr(&b, f->agens[i]);
        al_exc_context c = {.vm = vm, .message = al_str_new(vm, b.data, b.len).u.s->data,
                            .exception = e, .asyncgen = f->agens[i]};
        al_buf_free(&b);
        al_loop_call_exception_handler(&c);
    }
}

/* still_open keeps, in order, the async generators of the loop's list
 * that are not finished, and returns how many.  CPython's list is a
 * WeakSet: a finished generator is in it only while something still
 * refers to it, and it is usually gone by now, so the runtime, which
 * collects nothing, treats every finished one as gone.  One whose
 * aclose() began but whose frame did not finish (it ignored
 * GeneratorExit) is still unfinished: its aclose() here raises
 * StopAsyncIteration, which the handler reports.  An unfinished one
 * that nothing refers to is closed earlier in CPython, by the finalizer
 * hook when it is collected; here it is closed at shutdown.  O(n). */
static size_t still_open(al__loop *l)
{
    size_t n = 0;
    for (size_t i = 0; i < l->nasyncgens; i++)
        if (l->asyncgens[i]->g.state != AL_GEN_CLOSED)
            l->asyncgens[n++] = l->asyncgens[i];
    l->nasyncgens = n;
    return n;
}

/* shutdown_asyncgens_body is BaseEventLoop.shutdown_asyncgens: aclose()
 * every async generator the loop was handed, each awaitable in a task
 * of its own, as gather(..., return_exceptions=True) makes them.  O(n). */
static al_signal shutdown_asyncgens_body(al_gen *g)
{
    shutdown_ag_co *f = (shutdown_ag_co *)g;
    al_vm *vm = g->vm;
    al__loop *l = vm->loop;
    AL_GEN_BEGIN(g);
    if (still_open(l) == 0)
        AL_RETURN(g, al_none());
    f->n = l->nasyncgens;
    f->agens = al_alloc(vm, f->n * sizeof *f->agens);
    f->closing = al_alloc(vm, f->n * sizeof *f->closing);
    f->futs = al_alloc(vm, f->n * sizeof *f->futs);
    for (size_t i = 0; i < f->n; i++) {
        f->agens[i] = l->asyncgens[i];
        f->futs[i] = al_task_fut(al_create_task(vm, al_aclose(&f->closing[i], f->agens[i])));
    }
    l->nasyncgens = 0;
    AL_AWAIT(g, al_gather(vm, f->n, f->futs, true), f->results);
    report_failures(f);
    AL_GEN_END(g);
}

static const al_gen_def shutdown_asyncgens_def = {
    "BaseEventLoop.shutdown_asyncgens", shutdown_asyncgens_body, true};

/* create_aclose_task is the loop callback create_task(agen.aclose()). */
static void create_aclose_task(al_vm *vm, void *aclose, void *unused)
{
    (void)unused;
    al_create_task(vm, &((al_anext_co *)aclose)->g);
}

/* finalizer is BaseEventLoop._asyncgen_finalizer_hook: the loop forgets
 * the generator and schedules its aclose() in a task of its own.  (It
 * lives here, not in loop.c, since it makes a task.)  O(generators). */
static void finalizer(al_vm *vm, al_asyncgen *ag)
{
    al__loop *l = vm->loop;
    for (size_t i = 0; i < l->nasyncgens; i++)
        if (l->asyncgens[i] == ag) {
            for (size_t k = i + 1; k < l->nasyncgens; k++)
                l->asyncgens[k - 1] = l->asyncgens[k];
            l->nasyncgens--;
            break;
        }
    al_anext_co *a = al_alloc(vm, sizeof *a);
    al_call_soon(vm, create_aclose_task, al_aclose(a, ag), NULL, "BaseEventLoop.create_task");
}

static bool run_shutdown(al_vm *vm, const al_gen_def *def, size_t size)
{
    al_task *t = al_create_task(vm, al_gen_new(vm, size, def));
    return run_until_complete(vm, &t->fut) == AL_RUN_OK;
}

/* cancel_all is runners._cancel_all_tasks.  CPython walks a set, in no
 * fixed order; we cancel the oldest first.  A cancel that raises (the
 * RecursionError of tasks awaiting each other in a cycle) ends it with
 * *raised set, as the exception leaves asyncio.run. */
static bool cancel_all(al_vm *vm, al_value *raised)
{
    size_t n = al_all_tasks(vm, NULL, 0);
    if (n == 0)
        return true;
    al_task **tasks = malloc(n * sizeof *tasks);
    al_future **futs = malloc(n * sizeof *futs);
    if (!tasks || !futs)
        al__die("out of memory (cancelling %zu tasks)", n);
    al_all_tasks(vm, tasks, n);
    for (size_t i = 0; i < n; i++) {
        al_task_cancel(tasks[i], al_none());
        futs[i] = &tasks[i]->fut;
        if (vm->cancel_overflow) {
            *raised = al_vm_take_error(vm);
            free(tasks);
            free(futs);
            return true;
        }
    }
    bool ok = run_until_complete(vm, al_gather(vm, n, futs, true)) == AL_RUN_OK;
    for (size_t i = 0; ok && i < n; i++) {
        al_value e;
        if (!al_future_cancelled(futs[i]) && al_future_exception(futs[i], &e) == AL_RETURNED && !al_is_none(e)) {
            al_exc_context c = {.vm = vm, .exception = e, .task = tasks[i],
                                .message = "unhandled exception during asyncio.run() shutdown"};
            al_loop_call_exception_handler(&c);
        }
    }
    free(tasks);
    free(futs);
    return ok;
}

/* al_run is asyncio.run(coro). */
al_run_status al_run(al_vm *vm, al_gen *coro, al_signal *sig, al_value *out)
{
    if (vm->loop) {
        *sig = AL_RAISED;
        *out = al_exc_msg(vm, &al_RuntimeError, "asyncio.run() cannot be called from a running event loop");
        return AL_RUN_OK;
    }
    al__loop_new(vm);
    vm->asyncgen_finalizer = finalizer;
    al_task *main = al_create_task(vm, coro);
    al_run_status st = run_until_complete(vm, &main->fut);
    if (st == AL_RUN_OK) {
        *sig = al_future_result(&main->fut, out);
        al_value raised = al_none();
        if (!cancel_all(vm, &raised)) {
            st = AL_RUN_DEADLOCK;
        } else if (!al_is_none(raised)) {
            /* Runner.close raised: asyncio.run raises that instead, and
             * its finally clause skips the rest of the shutdown */
            *out = al_exc_chain(raised, *sig == AL_RAISED ? *out : al_none());
            *sig = AL_RAISED;
        } else if (!run_shutdown(vm, &shutdown_asyncgens_def, sizeof(shutdown_ag_co)) ||
            !run_shutdown(vm, &shutdown_executor_def, sizeof(al_gen)))
            st = AL_RUN_DEADLOCK;
    }
    if (st == AL_RUN_DEADLOCK)
        record_deadlock(vm);
    al__report_unretrieved(vm); /* as CPython's futures are collected */
    al__loop_close(vm);
    return st;
}
