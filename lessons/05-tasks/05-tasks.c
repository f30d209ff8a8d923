/*
 * 05-tasks.c: lesson 5, tasks.
 *
 * Everything runs inside one al_run, as the twin's one asyncio.run.  A
 * coroutine awaited directly lives inside its caller's frame (AL_CALL_AT)
 * and runs in the caller's task; one wrapped in a task gets a frame of its
 * own (AL_CALL) and runs when the loop says.  Only the second kind lets the
 * loop run something else while one of them sleeps.
 */
#include "asynclab.h"
#include "lesson_forms.h"

static double twitter, facebook, block, beat, work, delay;
static int64_t posts, beats, first, second;
static bool time_sleep;

static double start; /* the loop's clock when main began; main sets it */

/* now is seconds since main began, as the loop's clock counts them. */
static double now(al_vm *vm) { return al_time(vm) - start; }

/* ---- (a) two readers, awaited one after the other, then as tasks ---- */

AL_ASYNC_DEF(leerTwitter, int64_t i; al_sleep_co s;)
    for (f->i = 0; f->i < posts; f->i++) {
        al_print(vm, "  %.2f twitter: reading post %D", now(vm), f->i + 1);
        AL_AWAIT(al_sleep(&f->s, vm, twitter, al_none()));
    }
    al_print(vm, "  %.2f twitter: done", now(vm));
    AL_RETURN(al_int(posts));
AL_END

AL_ASYNC_DEF(leerFacebook, int64_t i; al_sleep_co s;)
    for (f->i = 0; f->i < posts; f->i++) {
        al_print(vm, "  %.2f facebook: reading post %D", now(vm), f->i + 1);
        AL_AWAIT(al_sleep(&f->s, vm, facebook, al_none()));
    }
    al_print(vm, "  %.2f facebook: done", now(vm));
    AL_RETURN(al_int(posts));
AL_END

AL_ASYNC_DEF(readers, double began; leerTwitter_frame tw; leerFacebook_frame fb;
             al_task *task1, *task2; al_value r1, r2;)
    al_print(vm, "(a) sequential awaits");
    al_note_part(vm, "sequential");
    f->began = now(vm);
    AL_AWAIT(AL_CALL_AT(&f->tw, leerTwitter));
    AL_AWAIT(AL_CALL_AT(&f->fb, leerFacebook));
    al_print(vm, "  sequential took %.2f s", now(vm) - f->began);

    al_print(vm, "(a) the same as tasks");
    al_note_part(vm, "as tasks");
    f->began = now(vm);
    f->task1 = al_create_task(vm, AL_CALL(leerTwitter));
    f->task2 = al_create_task(vm, AL_CALL(leerFacebook));
    AL_AWAIT(f->task1, f->r1);
    AL_AWAIT(f->task2, f->r2);
    al_print(vm, "  concurrent took %.2f s, %D posts read", now(vm) - f->began,
             al_as_int(f->r1) + al_as_int(f->r2));
    al_note_part(vm, NULL);
AL_END

/* ---- (b) a blocking call freezes every task ---- */

AL_ASYNC_DEF(heartbeat, double due; int64_t i; al_sleep_co s;)
    f->due = now(vm);
    for (f->i = 0; f->i < beats; f->i++) {
        if (f->i > 0) {
            f->due = now(vm) + beat;
            AL_AWAIT(al_sleep(&f->s, vm, beat, al_none()));
        }
        al_print(vm, "  %.2f heartbeat %D (due %.2f)", now(vm), f->i + 1, f->due);
    }
AL_END

AL_ASYNC_DEF(blocking_worker)
    al_print(vm, "worker - will take some time");
    al_block(vm, block); /* not awaited: nothing else can run meanwhile */
    al_print(vm, "worker - done it");
    AL_RETURN(al_int(42));
AL_END

AL_ASYNC_DEF(blocking, al_task *beating; al_sleep_co s; blocking_worker_frame w; al_value result;)
    al_print(vm, "(b) a blocking time.sleep inside a coroutine");
    f->beating = al_create_task(vm, AL_CALL(heartbeat));
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none())); /* let the heartbeat start */
    al_print(vm, "do_something - will wait for worker");
    AL_AWAIT(AL_CALL_AT(&f->w, blocking_worker), f->result);
    al_print(vm, "  %.2f do_something - result: %v", now(vm), f->result);
    AL_AWAIT(f->beating);
AL_END

/* ---- (c) create_task, add_done_callback and what a task says ---- */

AL_ASYNC_DEF(worker, al_sleep_co s;)
    al_print(vm, "worker - will take some time");
    AL_AWAIT(al_sleep(&f->s, vm, work, al_none()));
    al_print(vm, "worker - Done it");
    AL_RETURN(al_int(42));
AL_END

/* result and exception are task.result() and task.exception(): the value,
 * or the exception they would raise. */
static al_value result(al_task *t)
{
    al_value v;
    al_future_result(al_task_fut(t), &v);
    return v;
}

static al_value exception(al_task *t)
{
    al_value v;
    al_future_exception(al_task_fut(t), &v);
    return v;
}

/* print_it is a done callback: the loop calls it with the task's future. */
static void print_it(al_vm *vm, void *task, void *unused)
{
    (void)unused;
    al_print(vm, "print_it result: %v", result(task));
}

AL_ASYNC_DEF(do_something, al_task *task, *doomed; al_sleep_co s;)
    al_print(vm, "(c) create_task, add_done_callback and task introspection");
    al_print(vm, "do_something - create task for worker");
    f->task = al_create_task(vm, AL_CALL(worker));
    al_print(vm, "do_something - add a callback");
    al_future_add_done_callback(al_task_fut(f->task), print_it, NULL, "print_it");
    al_print(vm, "do_something - task.done() before await: %v", al_bool(al_future_done(al_task_fut(f->task))));
    al_value exc = result(f->task);
    if (al_exc_isa(exc, &al_InvalidStateError))
        al_print(vm, "do_something - task.result() before await raises %s", al_type_name(exc));
    AL_AWAIT(f->task);
    al_print(vm, "do_something - task.cancelled(): %v", al_bool(al_future_cancelled(al_task_fut(f->task))));
    al_print(vm, "do_something - task.done(): %v", al_bool(al_future_done(al_task_fut(f->task))));
    al_print(vm, "do_something - task.result(): %v", result(f->task));
    al_print(vm, "do_something - task.exception(): %v", exception(f->task));

    al_print(vm, "do_something - create a second worker and cancel it");
    f->doomed = al_create_task(vm, AL_CALL(worker));
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none())); /* it starts and sleeps */
    al_task_cancel(f->doomed, al_none());
    AL_TRY {
        AL_AWAIT(f->doomed);
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "do_something - awaiting it raised CancelledError");
    } AL_END_TRY;
    al_print(vm, "do_something - doomed.cancelled(): %v", al_bool(al_future_cancelled(al_task_fut(f->doomed))));
    al_print(vm, "do_something - doomed.done(): %v", al_bool(al_future_done(al_task_fut(f->doomed))));
    al_print(vm, "do_something - finished");
AL_END

/* ---- (d) a bare Future, completed by another task ---- */

AL_ASYNC_DEF(set_after, al_future *fut; double delay; al_value value; al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, f->delay, al_none()));
    AL_CHECK(al_future_set_result(f->fut, f->value));
AL_END

AL_ASYNC_DEF(future_demo, al_future *fut; al_task *setter; al_value value;)
    al_print(vm, "(d) a Future completed by another task");
    f->fut = al_future_new(vm, "fut");
    f->setter = al_create_task(vm, AL_CALL(set_after, .fut = f->fut, .delay = delay,
                                           .value = al_cstr(vm, "... world")));
    al_print(vm, "  %.2f hello ...", now(vm));
    AL_AWAIT(f->fut, f->value); /* suspends until set_after sets the result */
    al_print(vm, "  %.2f %v", now(vm), f->value);
    AL_AWAIT(f->setter);
AL_END

/* ---- (e) the notes' timeout(5) and timeout(2), as coroutines and as tasks ---- */

AL_ASYNC_DEF(timeout, int64_t seconds; al_sleep_co s;)
    al_print(vm, "Starting to wait %D seconds.", f->seconds);
    if (time_sleep)
        al_block(vm, (double)f->seconds); /* the notes' version: it blocks the loop */
    else
        AL_AWAIT(al_sleep(&f->s, vm, (double)f->seconds, al_none()));
    AL_RETURN(al_strf(vm, "Processed %D seconds", f->seconds));
AL_END

AL_ASYNC_DEF(timeouts, double began; timeout_frame t; al_task *task1, *task2; al_value r;)
    al_print(vm, "(e) the notes' timeout(%D) and timeout(%D): coroutines, then tasks", first,
             second);
    al_note_part(vm, "coroutines");
    f->began = now(vm);
    AL_AWAIT(AL_CALL_AT(&f->t, timeout, .seconds = first), f->r);
    al_print(vm, "%v", f->r);
    AL_AWAIT(AL_CALL_AT(&f->t, timeout, .seconds = second), f->r);
    al_print(vm, "%v", f->r);
    al_print(vm, "  coroutines took %.2f s", now(vm) - f->began);
    al_note_part(vm, "tasks");
    f->began = now(vm);
    f->task1 = al_create_task(vm, AL_CALL(timeout, .seconds = first));
    f->task2 = al_create_task(vm, AL_CALL(timeout, .seconds = second));
    AL_AWAIT(f->task1, f->r);
    al_print(vm, "%v", f->r);
    AL_AWAIT(f->task2, f->r);
    al_print(vm, "%v", f->r);
    al_print(vm, "  tasks took %.2f s", now(vm) - f->began);
    al_note_part(vm, NULL);
AL_END

AL_ASYNC_DEF(main, readers_frame a; blocking_frame b; do_something_frame c; future_demo_frame d;
             timeouts_frame e;)
    start = al_time(vm);
    AL_AWAIT(AL_CALL_AT(&f->a, readers));
    AL_AWAIT(AL_CALL_AT(&f->b, blocking));
    AL_AWAIT(AL_CALL_AT(&f->c, do_something));
    AL_AWAIT(AL_CALL_AT(&f->d, future_demo));
    AL_AWAIT(AL_CALL_AT(&f->e, timeouts));
AL_END

static al_status run(al_vm *vm, const al_params *p)
{
    twitter = al_param_float(p, "twitter");
    facebook = al_param_float(p, "facebook");
    posts = al_param_int(p, "posts");
    block = al_param_float(p, "block");
    beat = al_param_float(p, "beat");
    beats = al_param_int(p, "beats");
    work = al_param_float(p, "work");
    delay = al_param_float(p, "delay");
    first = al_param_int(p, "first");
    second = al_param_int(p, "second");
    time_sleep = al_param_bool(p, "time_sleep");
    al_print(vm, "Main - Starting");
    if (al_run_main(vm, AL_CALL(main)) != AL_OK)
        return AL_EFAIL;
    al_print(vm, "Main - Done");
    return AL_OK;
}

static const al_param_def params[] = {
    {"twitter", AL_PARAM_FLOAT, "1.5", 0, 5, 0, "seconds leerTwitter waits for each post"},
    {"facebook", AL_PARAM_FLOAT, "1", 0, 5, 0, "seconds leerFacebook waits for each post"},
    {"posts", AL_PARAM_INT, "2", 1, 4, 0, "posts each reader reads"},
    {"block", AL_PARAM_FLOAT, "3", 0, 10, 0, "seconds the worker blocks the loop with time.sleep"},
    {"beat", AL_PARAM_FLOAT, "0.5", 0.1, 2, 0, "seconds between two heartbeats"},
    {"beats", AL_PARAM_INT, "3", 1, 5, 0, "how many heartbeats the heartbeat task prints"},
    {"work", AL_PARAM_FLOAT, "1", 0, 5, 0, "seconds the worker of the callback example sleeps"},
    {"delay", AL_PARAM_FLOAT, "1", 0, 5, 0, "seconds set_after waits before completing the future"},
    {"first", AL_PARAM_INT, "5", 0, 10, 0, "seconds of the notes' first timeout()"},
    {"second", AL_PARAM_INT, "2", 0, 10, 0, "seconds of the notes' second timeout()"},
    {"time_sleep", AL_PARAM_BOOL, "false", 0, 1, 0,
     "timeout() calls the blocking time.sleep, as the notes' version does"},
};

AL_LESSON(params, run,
    .title = "Tasks",
    .summary = "create_task runs coroutines concurrently; a blocking call stops them all",
    .concept = "a task is a callback that steps its coroutine and reschedules itself");
