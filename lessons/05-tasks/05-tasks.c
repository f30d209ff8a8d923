/*
 * 05-tasks.c: lesson 5, tasks.
 *
 * Everything here runs inside one al_run, as the twin's one asyncio.run.
 * A coroutine awaited directly is a sub-frame embedded in its caller's
 * struct and entered with AL_YIELD_FROM; a coroutine wrapped in a task
 * gets a frame of its own in the arena and is awaited with AL_AWAIT on
 * the task's future.  What the student must see is that only the second
 * kind lets the loop run something else while one of them sleeps.
 */
#include "asynclab.h"

/* The parameters, read once before the run: every coroutine below is a
 * module-level function of the twin reading module-level globals. */
typedef struct settings {
    double twitter, facebook, block, beat, work, delay;
    int64_t posts, beats;
} settings;

static settings S;

/* ---- (a) two readers, awaited one after the other, then as tasks ---- */

/* async def leerTwitter() / leerFacebook(): read posts, sleeping after
 * each one, and return how many were read.  One body serves both; the
 * def tells them apart, as the twin's two functions do. */
typedef struct reader_frame {
    al_gen g;
    const char *who;
    double pause;
    int64_t i;
    al_sleep_co sleep;
    al_value r;
} reader_frame;

static al_signal reader_body(al_gen *g)
{
    reader_frame *f = (reader_frame *)g;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < S.posts; f->i++) {
        al_print(g->vm, "  %.2f %s: reading post %D", al_time(g->vm), f->who, f->i + 1);
        AL_YIELD_FROM(g, al_sleep(&f->sleep, g->vm, f->pause, al_none()), f->r);
    }
    al_print(g->vm, "  %.2f %s: done", al_time(g->vm), f->who);
    AL_RETURN(g, al_int(S.posts));
    AL_GEN_END(g);
}

static const al_gen_def twitter_def = {"leerTwitter", reader_body, true};
static const al_gen_def facebook_def = {"leerFacebook", reader_body, true};

/* leerTwitter() and leerFacebook(): make the coroutine object in f,
 * which the caller owns (embedded, or allocated for a task). */
static al_gen *leer_twitter(reader_frame *f, al_vm *vm)
{
    al_gen_init(&f->g, vm, &twitter_def);
    f->who = "twitter";
    f->pause = S.twitter;
    return &f->g;
}

static al_gen *leer_facebook(reader_frame *f, al_vm *vm)
{
    al_gen_init(&f->g, vm, &facebook_def);
    f->who = "facebook";
    f->pause = S.facebook;
    return &f->g;
}

static reader_frame *reader_alloc(al_vm *vm) { return al_alloc(vm, sizeof(reader_frame)); }

/* async def readers(): the same two reads, first awaited in sequence,
 * then as two tasks that sleep at the same time. */
typedef struct readers_frame {
    al_gen g;
    double start;
    reader_frame tw, fb;
    al_task *task1, *task2;
    al_value r, r2;
} readers_frame;

static al_signal readers_body(al_gen *g)
{
    readers_frame *f = (readers_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "(a) sequential awaits");
    f->start = al_time(vm);
    AL_YIELD_FROM(g, leer_twitter(&f->tw, vm), f->r);
    AL_YIELD_FROM(g, leer_facebook(&f->fb, vm), f->r);
    al_print(vm, "  sequential took %.2f s", al_time(vm) - f->start);

    al_print(vm, "(a) the same as tasks");
    f->start = al_time(vm);
    f->task1 = al_create_task(vm, leer_twitter(reader_alloc(vm), vm));
    f->task2 = al_create_task(vm, leer_facebook(reader_alloc(vm), vm));
    AL_AWAIT(g, al_task_fut(f->task1), f->r);
    AL_AWAIT(g, al_task_fut(f->task2), f->r2);
    al_print(vm, "  concurrent took %.2f s, %D posts read", al_time(vm) - f->start,
             f->r.u.i + f->r2.u.i);
    AL_GEN_END(g);
}

static const al_gen_def readers_def = {"readers", readers_body, true};

/* ---- (b) a blocking call freezes every task ---- */

/* async def heartbeat(): prints beats lines, beat seconds apart, each
 * with the time it was due, so a late one shows. */
typedef struct heartbeat_frame {
    al_gen g;
    double due;
    int64_t i;
    al_sleep_co sleep;
    al_value r;
} heartbeat_frame;

static al_signal heartbeat_body(al_gen *g)
{
    heartbeat_frame *f = (heartbeat_frame *)g;
    AL_GEN_BEGIN(g);
    f->due = al_time(g->vm);
    for (f->i = 0; f->i < S.beats; f->i++) {
        if (f->i > 0) {
            f->due = al_time(g->vm) + S.beat;
            AL_YIELD_FROM(g, al_sleep(&f->sleep, g->vm, S.beat, al_none()), f->r);
        }
        al_print(g->vm, "  %.2f heartbeat %D (due %.2f)", al_time(g->vm), f->i + 1, f->due);
    }
    AL_GEN_END(g);
}

static const al_gen_def heartbeat_def = {"heartbeat", heartbeat_body, true};

/* async def blocking_worker(): time.sleep inside a coroutine.  It never
 * suspends, so the loop is frozen while the clock runs on. */
static al_signal blocking_worker_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    al_print(g->vm, "worker - will take some time");
    al_block(g->vm, S.block);
    al_print(g->vm, "worker - done it");
    AL_RETURN(g, al_int(42));
    AL_GEN_END(g);
}

static const al_gen_def blocking_worker_def = {"blocking_worker", blocking_worker_body, true};

/* async def blocking(): starts the heartbeat, then blocks the loop. */
typedef struct blocking_frame {
    al_gen g;
    al_task *beating;
    al_sleep_co sleep;
    al_gen worker; /* blocking_worker has no locals */
    al_value r;
} blocking_frame;

static al_signal blocking_body(al_gen *g)
{
    blocking_frame *f = (blocking_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "(b) a blocking time.sleep inside a coroutine");
    f->beating = al_create_task(vm, al_gen_new(vm, sizeof(heartbeat_frame), &heartbeat_def));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r); /* let it start */
    al_print(vm, "do_something - will wait for worker");
    AL_YIELD_FROM(g, al_gen_init(&f->worker, vm, &blocking_worker_def), f->r);
    al_print(vm, "  %.2f do_something - result: %v", al_time(vm), f->r);
    AL_AWAIT(g, al_task_fut(f->beating), f->r);
    AL_GEN_END(g);
}

static const al_gen_def blocking_def = {"blocking", blocking_body, true};

/* ---- (c) create_task, add_done_callback and introspection ---- */

/* async def worker(): sleeps work seconds and returns 42. */
typedef struct worker_frame {
    al_gen g;
    al_sleep_co sleep;
    al_value r;
} worker_frame;

static al_signal worker_body(al_gen *g)
{
    worker_frame *f = (worker_frame *)g;
    AL_GEN_BEGIN(g);
    al_print(g->vm, "worker - will take some time");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, g->vm, S.work, al_none()), f->r);
    al_print(g->vm, "worker - Done it");
    AL_RETURN(g, al_int(42));
    AL_GEN_END(g);
}

static const al_gen_def worker_def = {"worker", worker_body, true};

static al_gen *worker(al_vm *vm) { return al_gen_new(vm, sizeof(worker_frame), &worker_def); }

/* def print_it(task): a done callback; the loop calls it with the task
 * (its future) once the task has finished. */
static void print_it(al_vm *vm, void *fut, void *unused)
{
    (void)unused;
    al_value r;
    al_future_result(fut, &r);
    al_print(vm, "print_it result: %v", r);
}

/* exception_of is task.exception() for a task that finished. */
static al_value exception_of(al_future *f)
{
    al_value e;
    al_future_exception(f, &e);
    return e;
}

/* async def do_something(): one task watched with a done callback and
 * questioned before and after it ends, then one cancelled. */
typedef struct do_something_frame {
    al_gen g;
    al_task *task, *doomed;
    al_sleep_co sleep;
    al_value r;
} do_something_frame;

/* introspect prints what a finished task says about itself. */
static void introspect(al_vm *vm, al_future *f)
{
    al_value r;
    al_print(vm, "do_something - task.cancelled(): %v", al_bool(al_future_cancelled(f)));
    al_print(vm, "do_something - task.done(): %v", al_bool(al_future_done(f)));
    al_future_result(f, &r);
    al_print(vm, "do_something - task.result(): %v", r);
    al_print(vm, "do_something - task.exception(): %v", exception_of(f));
}

static al_signal do_something_body(al_gen *g)
{
    do_something_frame *f = (do_something_frame *)g;
    al_vm *vm = g->vm;
    al_value e;
    AL_GEN_BEGIN(g);
    al_print(vm, "(c) create_task, add_done_callback and task introspection");
    al_print(vm, "do_something - create task for worker");
    f->task = al_create_task(vm, worker(vm));
    al_print(vm, "do_something - add a callback");
    al_future_add_done_callback(al_task_fut(f->task), print_it, NULL, "print_it");
    al_print(vm, "do_something - task.done() before await: %v",
             al_bool(al_future_done(al_task_fut(f->task))));
    if (al_future_result(al_task_fut(f->task), &e) == AL_RAISED &&
        al_exc_isa(e, &al_InvalidStateError))
        al_print(vm, "do_something - task.result() before await raises %s", e.u.exc->type->name);
    AL_AWAIT(g, al_task_fut(f->task), f->r);
    introspect(vm, al_task_fut(f->task));

    al_print(vm, "do_something - create a second worker and cancel it");
    f->doomed = al_create_task(vm, worker(vm));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r); /* it starts and sleeps */
    al_task_cancel(f->doomed, al_none());
    AL_AWAIT_TRY(g, al_task_fut(f->doomed), f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "do_something - awaiting it raised CancelledError");
    AL_PROPAGATE(g);
    al_print(vm, "do_something - doomed.cancelled(): %v",
             al_bool(al_future_cancelled(al_task_fut(f->doomed))));
    al_print(vm, "do_something - doomed.done(): %v", al_bool(al_future_done(al_task_fut(f->doomed))));
    al_print(vm, "do_something - finished");
    AL_GEN_END(g);
}

static const al_gen_def do_something_def = {"do_something", do_something_body, true};

/* ---- (d) a bare Future, completed by another task ---- */

/* async def set_after(fut, delay, value): sleeps, then completes fut. */
typedef struct set_after_frame {
    al_gen g;
    al_future *fut;
    double delay;
    al_value value;
    al_sleep_co sleep;
    al_value r;
} set_after_frame;

static al_signal set_after_body(al_gen *g)
{
    set_after_frame *f = (set_after_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, g->vm, f->delay, al_none()), f->r);
    /* set_result answers None, or the InvalidStateError it raises. */
    f->r = al_future_set_result(f->fut, f->value);
    if (!al_is_none(f->r))
        AL_RAISE(g, f->r);
    AL_GEN_END(g);
}

static const al_gen_def set_after_def = {"set_after", set_after_body, true};

static al_gen *set_after(al_vm *vm, al_future *fut, double delay, al_value value)
{
    set_after_frame *f = (set_after_frame *)al_gen_new(vm, sizeof *f, &set_after_def);
    f->fut = fut;
    f->delay = delay;
    f->value = value;
    return &f->g;
}

/* async def future_demo(): awaits a future that nothing but the setter
 * task will ever complete. */
typedef struct future_demo_frame {
    al_gen g;
    al_future *fut;
    al_task *setter;
    al_value r;
} future_demo_frame;

static al_signal future_demo_body(al_gen *g)
{
    future_demo_frame *f = (future_demo_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "(d) a Future completed by another task");
    f->fut = al_future_new(vm, "fut");
    f->setter = al_create_task(vm, set_after(vm, f->fut, S.delay, al_cstr(vm, "... world")));
    al_print(vm, "  %.2f hello ...", al_time(vm));
    AL_AWAIT(g, f->fut, f->r); /* suspends until set_after sets the result */
    al_print(vm, "  %.2f %v", al_time(vm), f->r);
    AL_AWAIT(g, al_task_fut(f->setter), f->r);
    AL_GEN_END(g);
}

static const al_gen_def future_demo_def = {"future_demo", future_demo_body, true};

/* ---- main ---- */

/* async def main(): the four parts, each awaited as a coroutine, so all
 * of them run in Task-1. */
typedef struct main_frame {
    al_gen g;
    readers_frame readers;
    blocking_frame blocking;
    do_something_frame do_something;
    future_demo_frame future_demo;
    al_value r;
} main_frame;

static al_signal main_body(al_gen *g)
{
    main_frame *f = (main_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_gen_init(&f->readers.g, g->vm, &readers_def), f->r);
    AL_YIELD_FROM(g, al_gen_init(&f->blocking.g, g->vm, &blocking_def), f->r);
    AL_YIELD_FROM(g, al_gen_init(&f->do_something.g, g->vm, &do_something_def), f->r);
    AL_YIELD_FROM(g, al_gen_init(&f->future_demo.g, g->vm, &future_demo_def), f->r);
    AL_GEN_END(g);
}

static const al_gen_def main_def = {"main", main_body, true};

static al_status run(al_vm *vm, const al_params *p)
{
    S = (settings){
        .twitter = al_param_float(p, "twitter"),
        .facebook = al_param_float(p, "facebook"),
        .block = al_param_float(p, "block"),
        .beat = al_param_float(p, "beat"),
        .work = al_param_float(p, "work"),
        .delay = al_param_float(p, "delay"),
        .posts = al_param_int(p, "posts"),
        .beats = al_param_int(p, "beats"),
    };
    al_print(vm, "Main - Starting");
    if (al_run_main(vm, al_gen_new(vm, sizeof(main_frame), &main_def)) != AL_OK)
        return AL_EFAIL;
    al_print(vm, "Main - Done");
    return AL_OK;
}

static const al_param_def params[] = {
    {"twitter", AL_PARAM_FLOAT, "1.5", 0, 5, 0, "seconds leerTwitter waits for each post"},
    {"facebook", AL_PARAM_FLOAT, "1", 0, 5, 0, "seconds leerFacebook waits for each post"},
    {"posts", AL_PARAM_INT, "2", 1, 4, 0, "posts each reader reads"},
    {"block", AL_PARAM_FLOAT, "3", 0, 10, 0,
     "seconds the worker blocks the loop with time.sleep"},
    {"beat", AL_PARAM_FLOAT, "0.5", 0.1, 2, 0, "seconds between two heartbeats"},
    {"beats", AL_PARAM_INT, "3", 1, 5, 0, "how many heartbeats the heartbeat task prints"},
    {"work", AL_PARAM_FLOAT, "1", 0, 5, 0,
     "seconds the worker of the callback example sleeps"},
    {"delay", AL_PARAM_FLOAT, "1", 0, 5, 0,
     "seconds set_after waits before completing the future"},
};

/* al_lesson_tasks is lesson 5: sequential awaits against create_task, a
 * blocking call freezing the loop, done callbacks and task introspection,
 * and a bare future completed by another task. */
const al_lesson AL_LESSON_SYMBOL = {
    .number = 5,
    .slug = "tasks",
    .title = "Tasks",
    .summary = "create_task runs coroutines concurrently; a blocking call stops them all",
    .concept = "a task is a callback that steps its coroutine and reschedules itself",
    .params = params,
    .nparams = sizeof params / sizeof params[0],
    .run = run,
    .check = NULL,
};
