/*
 * test_timeout.c: "async with asyncio.timeout(delay)" (timeout.c) against
 * CPython 3.11.  Each test quotes its Python twin; job() and now() are the
 * prelude in unit_async.h.
 *
 * "async with asyncio.timeout(d): BODY" is written here as
 *
 *     al_timeout_enter(&tm, vm, d);
 *     BODY, its awaits with the _TRY macros, so an exception stays pending
 *     g->exc = al_timeout_exit(&tm, al_pending(g));
 */
#include "unit_async.h"

typedef struct tm_main {
    al_gen g;
    al_timeout tm, outer;
    al_task *t;
    al_sleep_co sleep;
    al_value r, e;
} tm_main;

#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)
#define SLEEP_TRY(m, d) AL_YIELD_FROM_TRY(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)
#define EXIT(m, tmo) ((m)->g.exc = al_timeout_exit(&(m)->tmo, al_pending(&(m)->g)))

static int cancelling(void) { return al_task_cancelling(al_current_task(vm)); }

/* ---- the block finishes before the deadline ----
 *
 * async def main():
 *     async with asyncio.timeout(2):
 *         await asyncio.sleep(1)
 *         print("inside done", now())
 *     print("after", now(), asyncio.current_task().cancelling())
 *     await asyncio.sleep(5)             # the disarmed deadline never fires
 *     print("later", now())
 */
static al_signal intime_body(al_gen *g)
{
    tm_main *m = (tm_main *)g;
    AL_GEN_BEGIN(g);
    al_timeout_enter(&m->tm, vm, 2);
    SLEEP_TRY(m, 1);
    if (al_is_none(al_pending(g)))
        al_print(vm, "inside done %g", al_time(vm));
    EXIT(m, tm);
    AL_PROPAGATE(g);
    ck_assert_int_eq(m->tm.state, AL_TM_EXITED);
    al_print(vm, "after %g %d", al_time(vm), cancelling());
    SLEEP(m, 5);
    al_print(vm, "later %g", al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def intime_def = {"main", intime_body, true};

START_TEST(block_finishes_before_the_deadline)
{
    RUN_OK(tm_main, intime_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "inside done 1.0|after 1.0 0|later 6.0");
    ck_assert_int_eq(count_events(AL_EV_CANCEL, 0), 0);
}
END_TEST

/* ---- the deadline hits: TimeoutError after the block ----
 *
 * async def main():
 *     try:
 *         async with asyncio.timeout(1):
 *             await job("slow", 5)
 *         print("not reached")
 *     except TimeoutError as e:
 *         print("timeout", repr(e), type(e.__context__).__name__, now(),
 *               asyncio.current_task().cancelling())
 *     await asyncio.sleep(1)
 *     print("still running", now())
 */
typedef struct expires_main {
    tm_main m;
    job_co *slow;
} expires_main;

static al_signal expires_body(al_gen *g)
{
    expires_main *x = (expires_main *)g;
    tm_main *m = &x->m;
    AL_GEN_BEGIN(g);
    al_timeout_enter(&m->tm, vm, 1);
    x->slow = (job_co *)job("slow", 5, al_none(), al_none());
    AL_YIELD_FROM_TRY(g, &x->slow->g, m->r);
    ck_assert(al_exc_isa(al_pending(g), &al_CancelledError));
    EXIT(m, tm);
    if (al_is_none(al_pending(g)))
        al_print(vm, "not reached");
    m->e = al_except(g, &al_TimeoutError);
    ck_assert(!al_is_none(m->e));
    ck_assert_int_eq(m->tm.state, AL_TM_EXPIRED);
    al_print(vm, "timeout %r %s %g %d", m->e, m->e.u.exc->context->type->name, al_time(vm), cancelling());
    SLEEP(m, 1);
    al_print(vm, "still running %g", al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def expires_def = {"main", expires_body, true};

START_TEST(deadline_raises_timeout_error_after_the_block)
{
    ck_assert_int_eq(RUN(expires_main, expires_def), AL_RUN_OK);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "slow cancelled CancelledError() 1.0|"
                                "timeout TimeoutError() CancelledError 1.0 0|still running 2.0");
}
END_TEST

/* ---- a deadline already past ----
 *
 * async def main():
 *     async with asyncio.timeout(0):
 *         print("body without await")     # exits before the deadline's turn
 *     print("no timeout", now())
 *     try:
 *         async with asyncio.timeout(0):
 *             await asyncio.sleep(1)
 *     except TimeoutError as e:
 *         print("timeout", repr(e), now())
 *     try:
 *         async with asyncio.timeout(-1):
 *             await asyncio.sleep(0)
 *             print("not reached")
 *     except TimeoutError as e:
 *         print("timeout", repr(e), now())
 */
static al_signal zero_body(al_gen *g)
{
    tm_main *m = (tm_main *)g;
    AL_GEN_BEGIN(g);
    al_timeout_enter(&m->tm, vm, 0);
    al_print(vm, "body without await");
    EXIT(m, tm);
    AL_PROPAGATE(g);
    al_print(vm, "no timeout %g", al_time(vm));
    al_timeout_enter(&m->tm, vm, 0);
    SLEEP_TRY(m, 1);
    EXIT(m, tm);
    m->e = al_except(g, &al_TimeoutError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "timeout %r %g", m->e, al_time(vm));
    al_timeout_enter(&m->tm, vm, -1);
    SLEEP_TRY(m, 0);
    if (al_is_none(al_pending(g)))
        al_print(vm, "not reached");
    EXIT(m, tm);
    m->e = al_except(g, &al_TimeoutError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "timeout %r %g", m->e, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def zero_def = {"main", zero_body, true};

START_TEST(deadline_in_the_past_fires_on_the_next_iteration)
{
    RUN_OK(tm_main, zero_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "body without await|no timeout 0.0|timeout TimeoutError() 0.0|"
                                "timeout TimeoutError() 0.0");
}
END_TEST

/* ---- nested timeouts: each converts only its own cancel ----
 *
 * async def main():
 *     try:
 *         async with asyncio.timeout(3):
 *             try:
 *                 async with asyncio.timeout(1):
 *                     await asyncio.sleep(2)
 *             except TimeoutError:
 *                 print("inner timeout", now())
 *             await asyncio.sleep(5)
 *     except TimeoutError:
 *         print("outer timeout", now(), asyncio.current_task().cancelling())
 */
static al_signal nested_body(al_gen *g)
{
    tm_main *m = (tm_main *)g;
    AL_GEN_BEGIN(g);
    al_timeout_enter(&m->outer, vm, 3);
    al_timeout_enter(&m->tm, vm, 1);
    SLEEP_TRY(m, 2);
    EXIT(m, tm);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "inner timeout %g", al_time(vm));
    if (al_is_none(al_pending(g)))
        SLEEP_TRY(m, 5);
    EXIT(m, outer);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "outer timeout %g %d", al_time(vm), cancelling());
    AL_GEN_END(g);
}
static const al_gen_def nested_def = {"main", nested_body, true};

START_TEST(nested_timeouts_each_convert_their_own)
{
    RUN_OK(tm_main, nested_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "inner timeout 1.0|outer timeout 3.0 0");
}
END_TEST

/* ---- a cancel from elsewhere is not converted ----
 *
 * async def guarded():
 *     try:
 *         async with asyncio.timeout(10):
 *             await asyncio.sleep(5)
 *     except TimeoutError:
 *         print("guarded: timeout?!")
 *     except CancelledError as e:
 *         print("guarded cancelled", repr(e), now(), asyncio.current_task().cancelling())
 *         raise
 * async def main():
 *     t = asyncio.create_task(guarded())
 *     await asyncio.sleep(1)
 *     print("main cancels at", now(), t.cancel("outer"))
 *     try:
 *         await t
 *     except CancelledError as e:
 *         print("main got", repr(e), t.cancelled())
 *
 * and the same with timeout(1) instead of timeout(10): the deadline and
 * main's sleep(1) end in the same iteration, main's timer first, so the
 * task is cancelled twice before it runs, and its CancelledError is not
 * the deadline's alone: it stays a CancelledError.
 */
typedef struct guarded_co {
    al_gen g;
    double delay;
    al_timeout tm;
    al_sleep_co sleep;
    al_value r, e;
} guarded_co;

static al_signal guarded_body(al_gen *g)
{
    guarded_co *c = (guarded_co *)g;
    AL_GEN_BEGIN(g);
    al_timeout_enter(&c->tm, vm, c->delay);
    AL_YIELD_FROM_TRY(g, al_sleep(&c->sleep, vm, 5, al_none()), c->r);
    g->exc = al_timeout_exit(&c->tm, al_pending(g));
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "guarded: timeout?!");
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "guarded cancelled %r %g %d", al_pending(g), al_time(vm), cancelling());
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def guarded_def = {"guarded", guarded_body, true};

typedef struct cancel_main {
    tm_main m;
    double delay;
} cancel_main;

static al_signal cancel_body(al_gen *g)
{
    cancel_main *c = (cancel_main *)g;
    tm_main *m = &c->m;
    AL_GEN_BEGIN(g);
    {
        guarded_co *gc = (guarded_co *)al_gen_new(vm, sizeof *gc, &guarded_def);
        gc->delay = c->delay;
        m->t = al_create_task(vm, &gc->g);
    }
    SLEEP(m, 1);
    al_print(vm, "main cancels at %g %v", al_time(vm), al_bool(al_task_cancel(m->t, str("outer"))));
    AL_AWAIT_TRY(g, al_task_fut(m->t), m->r);
    m->e = al_except(g, &al_CancelledError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "main got %r %v", m->e, al_bool(al_future_cancelled(al_task_fut(m->t))));
    AL_GEN_END(g);
}
static const al_gen_def cancel_def = {"main", cancel_body, true};

START_TEST(cancel_from_elsewhere_is_not_converted)
{
    cancel_main *c = (cancel_main *)al_gen_new(vm, sizeof *c, &cancel_def);
    c->delay = 10;
    ck_assert_int_eq(al_run(vm, &c->m.g, &sig, &out), AL_RUN_OK);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "main cancels at 1.0 True|guarded cancelled CancelledError('outer') 1.0 1|"
                                "main got CancelledError('outer') True");
}
END_TEST

START_TEST(deadline_and_outside_cancel_together_stay_cancelled)
{
    cancel_main *c = (cancel_main *)al_gen_new(vm, sizeof *c, &cancel_def);
    c->delay = 1;
    ck_assert_int_eq(al_run(vm, &c->m.g, &sig, &out), AL_RUN_OK);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "main cancels at 1.0 True|guarded cancelled CancelledError() 1.0 1|"
                                "main got CancelledError() True");
}
END_TEST

static Suite *timeout_suite(void)
{
    Suite *s = suite_create("timeout");
    TCase *tc = tcase_create("timeout");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, block_finishes_before_the_deadline);
    tcase_add_test(tc, deadline_raises_timeout_error_after_the_block);
    tcase_add_test(tc, deadline_in_the_past_fires_on_the_next_iteration);
    tcase_add_test(tc, nested_timeouts_each_convert_their_own);
    tcase_add_test(tc, cancel_from_elsewhere_is_not_converted);
    tcase_add_test(tc, deadline_and_outside_cancel_together_stay_cancelled);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(timeout_suite)
