/*
 * test_review.c: divergences from CPython 3.11.7 found in review, now
 * fixed: one regression test each, which fails if the divergence comes
 * back.  Each quotes its Python twin and what CPython prints for it under
 *
 *     python3 tests/harness/vclock.py twin.py
 *
 * with the prelude of unit_async.h where job()/now() are used.
 */
#include "unit_async.h"

typedef struct rv_main {
    al_gen g;
    int i;
    al_task *t;
    al_task *ts[8];
    al_future *fs[8];
    al_future fut;
    al_gen *c;
    al_timeout tm;
    al_wait_co wait;
    al_sleep_co sleep;
    al_value r, e;
} rv_main;

#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)

/* ---- a frame whose timer was cancelled while it sat in the ready queue
 * cannot be armed again ----
 *
 * loop.c al__timer_start asserts !h->queued.  asyncio.wait(timeout=0)
 * arms a timer due on the next iteration; if the task is cancelled in the
 * same iteration, its wake-up runs ahead of the (now queued) timer, the
 * wait frame cancels the timer (cancelled, still queued), and the
 * coroutine's next wait() in the same frame aborts the process.
 *
 * async def victim():
 *     fut = asyncio.get_running_loop().create_future()
 *     for i in range(2):
 *         try:
 *             done, pending = await asyncio.wait([fut], timeout=0)
 *             print("wait returned", len(done), len(pending))
 *         except asyncio.CancelledError:
 *             print("cancelled", i)
 * async def main():
 *     t = asyncio.create_task(victim())
 *     await asyncio.sleep(0)
 *     t.cancel()
 *     await t
 *     print("main done")
 *
 * CPython: cancelled 0 / wait returned 0 1 / main done
 */
static al_signal victim_body(al_gen *g)
{
    rv_main *m = (rv_main *)g;
    AL_GEN_BEGIN(g);
    al_future_init(&m->fut, vm, "fut");
    m->fs[0] = &m->fut;
    for (m->i = 0; m->i < 2; m->i++) {
        AL_YIELD_FROM_TRY(g, al_wait(&m->wait, vm, 1, m->fs, 0, AL_ALL_COMPLETED), m->r);
        if (!al_is_none(al_except(g, &al_CancelledError))) {
            al_print(vm, "cancelled %d", m->i);
            continue;
        }
        AL_PROPAGATE(g);
        al_print(vm, "wait returned %d %d", (int)al_len(al_item(m->r, 0)), (int)al_len(al_item(m->r, 1)));
    }
    AL_GEN_END(g);
}
static const al_gen_def victim_def = {"victim", victim_body, true};

static al_signal rearm_main_body(al_gen *g)
{
    rv_main *m = (rv_main *)g;
    AL_GEN_BEGIN(g);
    m->t = al_create_task(vm, al_gen_new(vm, sizeof(rv_main), &victim_def));
    SLEEP(m, 0);
    al_task_cancel(m->t, al_none());
    AL_AWAIT(g, al_task_fut(m->t), m->r);
    al_print(vm, "main done");
    AL_GEN_END(g);
}
static const al_gen_def rearm_main_def = {"main", rearm_main_body, true};

START_TEST(timer_cancelled_while_queued_can_be_armed_again)
{
    RUN_OK(rv_main, rearm_main_def);
    ck_assert_str_eq(outputs(), "cancelled 0|wait returned 0 1|main done");
}
END_TEST

/* ---- a Timeout struct used twice: the second deadline cannot be
 * disarmed ----
 *
 * timeout.c reschedule: al__soon_h falls back to a pooled handle when
 * t->handle is still queued (cancelled by the first exit), so the second
 * exit cancels the stale t->handle and the live pooled callback later
 * runs on_timeout on an EXITED timeout (AL_ASSERT aborts; without the
 * assert it would cancel the task after its block ended).
 *
 * async def main():
 *     for i in range(2):
 *         async with asyncio.timeout(0):
 *             print("in block", i)
 *     await asyncio.sleep(0)
 *     await asyncio.sleep(0)
 *     print("main done")
 *
 * CPython: in block 0 / in block 1 / main done
 */
static al_signal tm_reuse_body(al_gen *g)
{
    rv_main *m = (rv_main *)g;
    AL_GEN_BEGIN(g);
    for (m->i = 0; m->i < 2; m->i++) {
        al_timeout_enter(&m->tm, vm, 0);
        al_print(vm, "in block %d", m->i);
        g->exc = al_timeout_exit(&m->tm, al_pending(g));
        AL_PROPAGATE(g);
    }
    SLEEP(m, 0);
    SLEEP(m, 0);
    al_print(vm, "main done");
    AL_GEN_END(g);
}
static const al_gen_def tm_reuse_def = {"main", tm_reuse_body, true};

START_TEST(timeout_struct_used_twice_is_disarmed_twice)
{
    RUN_OK(rv_main, tm_reuse_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "in block 0|in block 1|main done");
}
END_TEST

/* ---- gather(c, c): the same coroutine twice is one task ----
 *
 * gather.c al_gather_coros/add: "a task gather has just made cannot be a
 * repeat" -- but the coroutine can be.  CPython's arg_to_fut maps the
 * coroutine object to its one task; children = [t, t], nfuts = 1.
 *
 * async def job1(n):
 *     print("start", n); await asyncio.sleep(1); print("end", n); return n
 * async def main():
 *     c = job1(1)
 *     print(await asyncio.gather(c, c))
 *
 * CPython: start 1 / end 1 / [1, 1]
 */
typedef struct job1_co {
    al_gen g;
    al_sleep_co sleep;
    al_value r;
} job1_co;
static al_signal job1_body(al_gen *g)
{
    job1_co *j = (job1_co *)g;
    AL_GEN_BEGIN(g);
    al_print(vm, "start 1");
    AL_YIELD_FROM(g, al_sleep(&j->sleep, vm, 1, al_none()), j->r);
    al_print(vm, "end 1");
    AL_RETURN(g, al_int(1));
    AL_GEN_END(g);
}
static const al_gen_def job1_def = {"job1", job1_body, true};

static al_signal gather_same_body(al_gen *g)
{
    rv_main *m = (rv_main *)g;
    AL_GEN_BEGIN(g);
    m->c = al_gen_new(vm, sizeof(job1_co), &job1_def);
    {
        al_gen *cs[2] = {m->c, m->c};
        m->fs[0] = al_gather_coros(vm, 2, cs, false);
    }
    AL_AWAIT(g, m->fs[0], m->r);
    al_print(vm, "%r", m->r);
    AL_GEN_END(g);
}
static const al_gen_def gather_same_def = {"main", gather_same_body, true};

START_TEST(gather_same_coroutine_twice_is_one_task)
{
    RUN_OK(rv_main, gather_same_def);
    ck_assert_str_eq(outputs(), "start 1|end 1|[1, 1]");
}
END_TEST


/* ---- wait(FIRST_EXCEPTION) must not retrieve the exception of the
 * future whose completion makes the count reach zero ----
 *
 * wait.c on_completion calls al_future_exception() whenever return_when
 * is FIRST_EXCEPTION, which marks the exception retrieved.  CPython's
 * _on_completion tests "counter <= 0 or ... or FIRST_EXCEPTION and
 * f.exception() is not None": when the last future completes, the `or`
 * short-circuits, f.exception() is never called, and CPython later
 * prints "Task exception was never retrieved" (asynclab prints nothing).
 *
 * async def main():
 *     a = asyncio.create_task(job("a", 1))
 *     b = asyncio.create_task(job("b", 2, exc=ValueError("boom")))
 *     done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_EXCEPTION)
 *     print(len(done), len(pending), b._log_traceback)
 *
 * CPython: a done 1.0 / b raises 2.0 / 2 0 True
 *          (stderr: Task exception was never retrieved ... ValueError: boom)
 */
static al_signal first_exc_body(al_gen *g)
{
    rv_main *m = (rv_main *)g;
    AL_GEN_BEGIN(g);
    m->ts[0] = spawn("a", 1, al_none(), al_none());
    m->ts[1] = spawn("b", 2, al_none(), boom("boom"));
    m->fs[0] = al_task_fut(m->ts[0]);
    m->fs[1] = al_task_fut(m->ts[1]);
    AL_YIELD_FROM(g, al_wait(&m->wait, vm, 2, m->fs, AL_NO_TIMEOUT, AL_FIRST_EXCEPTION), m->r);
    al_print(vm, "%d %d %v", (int)al_len(al_item(m->r, 0)), (int)al_len(al_item(m->r, 1)),
             al_bool(m->fs[1]->log_tb));
    AL_GEN_END(g);
}
static const al_gen_def first_exc_def = {"main", first_exc_body, true};

START_TEST(wait_first_exception_leaves_the_last_exception_unretrieved)
{
    RUN_OK(rv_main, first_exc_def);
    ck_assert_str_eq(outputs(), "a done 1.0|b raises 2.0|2 0 True");
}
END_TEST

static Suite *review_suite(void)
{
    Suite *s = suite_create("review");
    TCase *tc = tcase_create("divergences");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, timer_cancelled_while_queued_can_be_armed_again);
    tcase_add_test(tc, timeout_struct_used_twice_is_disarmed_twice);
    tcase_add_test(tc, gather_same_coroutine_twice_is_one_task);
    tcase_add_test(tc, wait_first_exception_leaves_the_last_exception_unretrieved);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(review_suite)
