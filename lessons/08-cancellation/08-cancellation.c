/*
 * 08-cancellation.c: lesson 8, cancellation and timeouts.
 *
 * It reads line for line beside its twin, 08-cancellation.py.  One of
 * the twin's statements has no single form and is spelled out with the
 * core's frame-first forms: `async with asyncio.timeout(...) as cm:` is
 * al_timeout_enter, the block with its exception left pending, then
 * al_timeout_exit deciding what leaves the block.
 */
#include "asynclab.h"
#include "lesson_forms.h"

static double nap, cancel_at, cleanup, work, limit, extend;
static bool swallow;

static double start; /* the loop's clock when main began; main sets it */

/* now is seconds since main began, as the loop's clock counts them. */
static double now(al_vm *vm) { return al_time(vm) - start; }

/* ---- (a) cancelling a task in mid-sleep ---- */

AL_ASYNC_DEF(sleeper, al_sleep_co s;)
    al_print(vm, "  %.2f sleeper: sleeping %.2f s", now(vm), nap);
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, nap, al_none()));
        al_print(vm, "  %.2f sleeper: woke up on its own", now(vm));
        AL_RETURN(al_cstr(vm, "rested"));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "  %.2f sleeper: CancelledError caught", now(vm));
        if (swallow)
            AL_RETURN(al_cstr(vm, "swallowed")); /* the cancel is lost: never do this */
        AL_RERAISE();
    } AL_FINALLY {
        al_print(vm, "  %.2f sleeper: finally: cleaning up for %.2f s", now(vm), cleanup);
        AL_AWAIT(al_sleep(&f->s, vm, cleanup, al_none()));
        al_print(vm, "  %.2f sleeper: finally: clean", now(vm));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(cancel_demo, al_task *task; al_sleep_co s; al_value result;)
    al_print(vm, "(a) cancel a task in mid-sleep");
    f->task = al_create_task(vm, AL_CALL(sleeper));
    al_task_set_name(f->task, "sleeper");
    AL_AWAIT(al_sleep(&f->s, vm, cancel_at, al_none()));
    al_print(vm, "  %.2f main: task.cancel() returned %v", now(vm),
             al_bool(al_task_cancel(f->task, al_none())));
    AL_TRY {
        AL_AWAIT(f->task, f->result);
        al_print(vm, "  %.2f main: the task returned %r", now(vm), f->result);
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "  %.2f main: awaiting the task raised CancelledError", now(vm));
    } AL_END_TRY;
    al_print(vm, "  %.2f main: cancelled() %v, cancelling() %D", now(vm),
             al_bool(al_future_cancelled(al_task_fut(f->task))),
             (int64_t)al_task_cancelling(f->task));
AL_END

/* ---- (b) wait_for: a deadline around one awaitable ---- */

AL_ASYNC_DEF(slow_op, const char *label; double seconds; al_sleep_co s;)
    al_print(vm, "  %.2f %s: working for %.2f s", now(vm), f->label, f->seconds);
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, f->seconds, al_none()));
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "  %.2f %s: cancelled", now(vm), f->label);
        AL_RAISE(e);
    } AL_END_TRY;
    al_print(vm, "  %.2f %s: finished", now(vm), f->label);
    AL_RETURN(al_strf(vm, "%s result", f->label));
AL_END

AL_ASYNC_DEF(wait_for_demo, int i; al_wait_for_co w; al_value result;)
    al_print(vm, "(b) wait_for with a timeout of %.2f s", limit);
    for (f->i = 0; f->i < 2; f->i++) { /* ("quick", limit / 2), ("slow", work) */
        AL_TRY {
            AL_AWAIT(al_wait_for(&f->w, vm, NULL,
                                 f->i == 0 ? AL_CALL(slow_op, .label = "quick", .seconds = limit / 2)
                                           : AL_CALL(slow_op, .label = "slow", .seconds = work),
                                 limit), f->result);
            al_print(vm, "  %.2f wait_for returned %r", now(vm), f->result);
        } AL_EXCEPT(al_TimeoutError) {
            al_print(vm, "  %.2f wait_for raised TimeoutError", now(vm));
        } AL_END_TRY;
    }
AL_END

/* ---- (c) asyncio.timeout as a block, with its deadline moved ---- */

static double when(const al_timeout *cm) { return al_as_float(al_timeout_when(cm)); }

AL_ASYNC_DEF(timeout_demo, al_timeout cm; slow_op_frame op; al_value r, e;)
    al_print(vm, "(c) asyncio.timeout(%.2f), then reschedule", limit);
    /* try: async with asyncio.timeout(limit) as cm: */
    AL_CHECK(al_timeout_enter(&f->cm, vm, limit));
    al_print(vm, "  %.2f deadline at %.2f", now(vm), when(&f->cm) - start);
    AL_YIELD_FROM_TRY(g, AL_CALL_AT(&f->op, slow_op, .label = "part 1", .seconds = limit / 2), f->r);
    if (al_is_none(al_pending(g))) {
        g->exc = al_timeout_reschedule(&f->cm, when(&f->cm) + extend);
        if (al_is_none(g->exc))
            al_print(vm, "  %.2f progress made: deadline moved to %.2f", now(vm),
                     when(&f->cm) - start);
    }
    if (al_is_none(al_pending(g)))
        AL_YIELD_FROM_TRY(g, AL_CALL_AT(&f->op, slow_op, .label = "part 2", .seconds = work), f->r);
    g->exc = al_timeout_exit(&f->cm, al_pending(g)); /* the end of the async with */
    if (al_is_none(al_pending(g)))
        al_print(vm, "  %.2f the block finished in time", now(vm));
    /* except TimeoutError: */
    if (!al_is_none(f->e = al_except(g, &al_TimeoutError)))
        al_print(vm, "  %.2f the block raised TimeoutError, expired() %v", now(vm),
                 al_bool(al_timeout_expired(&f->cm)));
    AL_PROPAGATE(g);
AL_END

/* ---- (d) shield: the waiter gives up, the work goes on ---- */

AL_ASYNC_DEF(shield_demo, al_task *inner; al_wait_for_co w; al_value result;)
    al_print(vm, "(d) wait_for(shield(task)): the timeout cancels only the shield");
    f->inner = al_create_task(vm, AL_CALL(slow_op, .label = "shielded", .seconds = work));
    al_task_set_name(f->inner, "inner");
    AL_TRY {
        AL_AWAIT(al_wait_for(&f->w, vm, al_shield(vm, al_task_fut(f->inner)), NULL, limit),
                 f->result);
        al_print(vm, "  %.2f wait_for returned %r", now(vm), f->result);
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "  %.2f wait_for raised TimeoutError; inner.done() %v", now(vm),
                 al_bool(al_future_done(al_task_fut(f->inner))));
    } AL_END_TRY;
    AL_AWAIT(f->inner, f->result);
    al_print(vm, "  %.2f awaiting inner itself: %r", now(vm), f->result);
AL_END

AL_ASYNC_DEF(main, cancel_demo_frame a; wait_for_demo_frame b; timeout_demo_frame c;
             shield_demo_frame d;)
    start = al_time(vm);
    AL_AWAIT(AL_CALL_AT(&f->a, cancel_demo));
    AL_AWAIT(AL_CALL_AT(&f->b, wait_for_demo));
    AL_AWAIT(AL_CALL_AT(&f->c, timeout_demo));
    AL_AWAIT(AL_CALL_AT(&f->d, shield_demo));
AL_END

static al_status run(al_vm *vm, const al_params *p)
{
    nap = al_param_float(p, "nap");
    cancel_at = al_param_float(p, "cancel_at");
    cleanup = al_param_float(p, "cleanup");
    swallow = al_param_bool(p, "swallow");
    work = al_param_float(p, "work");
    limit = al_param_float(p, "limit");
    extend = al_param_float(p, "extend");
    return al_run_main(vm, AL_CALL(main));
}

static const al_param_def params[] = {
    {"nap", AL_PARAM_FLOAT, "3", 0, 5, 0, "seconds the sleeper means to sleep"},
    {"cancel_at", AL_PARAM_FLOAT, "1", 0, 5, 0, "seconds after which main cancels the sleeper"},
    {"cleanup", AL_PARAM_FLOAT, "0.5", 0, 2, 0,
     "seconds the sleeper's finally block awaits while cleaning up"},
    {"swallow", AL_PARAM_BOOL, "false", 0, 1, 0,
     "the sleeper returns from its except CancelledError instead of re-raising"},
    {"work", AL_PARAM_FLOAT, "2", 0, 5, 0, "seconds the slow operations take"},
    {"limit", AL_PARAM_FLOAT, "1", 0, 5, 0, "the timeout of wait_for and asyncio.timeout"},
    {"extend", AL_PARAM_FLOAT, "2", 0, 5, 0,
     "seconds reschedule pushes the asyncio.timeout deadline by"},
};

AL_LESSON(params, run,
    .title = "Cancellation and timeouts",
    .summary = "cancel() throws CancelledError at the await; wait_for, timeout() and shield are built on it",
    .concept = "a cancel is a request: the task's next step raises CancelledError where it awaits");
