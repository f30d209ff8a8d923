/*
 * test_wait.c: asyncio.wait, wait_for and as_completed (wait.c) against
 * CPython 3.11.  Each test quotes its Python twin; job() and now() are
 * the prelude in unit_async.h.  wait() returns sets: the twins print the
 * task names sorted, and so do we.
 */
#include "unit_async.h"

typedef struct wait_main {
    al_gen g;
    int i;
    double start;
    al_future *fs[3];
    al_task *t;
    al_future f;
    al_wait_co wait;
    al_wait_for_co wf;
    al_as_completed ac;
    al_wait_one_co one;
    al_sleep_co sleep;
    al_value r, e;
} wait_main;

static int by_name(const void *a, const void *b)
{
    return strcmp((*(al_task *const *)a)->name, (*(al_task *const *)b)->name);
}

/* names(futs) is sorted(t.get_name() for t in futs), for a list of tasks. */
static al_value names(al_value futs)
{
    al_task *ts[8];
    size_t n = al_len(futs);
    ck_assert_uint_le(n, 8);
    for (size_t i = 0; i < n; i++)
        ts[i] = (al_task *)al_item(futs, i).u.p;
    qsort(ts, n, sizeof *ts, by_name);
    al_value l = al_list_new(vm, n);
    for (size_t i = 0; i < n; i++)
        al_list_append(vm, l, str(ts[i]->name));
    return l;
}

/* print_split prints "names(done) names(pending)" of wait's (done, pending). */
static void print_split(const char *head, al_value dp, double t)
{
    ck_assert_int_eq(dp.type, AL_TUPLE);
    al_print(vm, "%s%r %r %g", head, names(al_item(dp, 0)), names(al_item(dp, 1)), t);
}

/* ---- return_when: FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED ----
 *
 * def names(s):
 *     return sorted(t.get_name() for t in s)
 * async def main():
 *     for how in (asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED):
 *         start = now()
 *         ts = [asyncio.create_task(job("a", 1, "A")),
 *               asyncio.create_task(job("bad", 2, exc=ValueError("boom"))),
 *               asyncio.create_task(job("c", 3, "C"))]
 *         done, pending = await asyncio.wait(ts, return_when=how)
 *         print(how, names(done), names(pending), now() - start)
 *         await asyncio.wait(ts)
 *         ts[1].exception()
 */
static al_signal when_body(al_gen *g)
{
    static const al_return_when hows[3] = {AL_FIRST_COMPLETED, AL_FIRST_EXCEPTION, AL_ALL_COMPLETED};
    static const char *const heads[3] = {"FIRST_COMPLETED ", "FIRST_EXCEPTION ", "ALL_COMPLETED "};
    wait_main *m = (wait_main *)g;
    AL_GEN_BEGIN(g);
    for (m->i = 0; m->i < 3; m->i++) {
        m->start = al_time(vm);
        m->fs[0] = al_task_fut(spawn("a", 1, str("A"), al_none()));
        m->fs[1] = al_task_fut(spawn("bad", 2, al_none(), boom("boom")));
        m->fs[2] = al_task_fut(spawn("c", 3, str("C"), al_none()));
        AL_YIELD_FROM(g, al_wait(&m->wait, vm, 3, m->fs, AL_NO_TIMEOUT, hows[m->i]), m->r);
        print_split(heads[m->i], m->r, al_time(vm) - m->start);
        AL_YIELD_FROM(g, al_wait(&m->wait, vm, 3, m->fs, AL_NO_TIMEOUT, AL_ALL_COMPLETED), m->r);
        ck_assert_int_eq(al_future_exception(m->fs[1], &m->e), AL_RETURNED);
    }
    AL_GEN_END(g);
}
static const al_gen_def when_def = {"main", when_body, true};

START_TEST(wait_returns_when_asked)
{
    RUN_OK(wait_main, when_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(),
        "a done 1.0|FIRST_COMPLETED ['Task-2'] ['Task-3', 'Task-4'] 1.0|bad raises 2.0|c done 3.0|"
        "a done 4.0|bad raises 5.0|FIRST_EXCEPTION ['Task-5', 'Task-6'] ['Task-7'] 2.0|c done 6.0|"
        "a done 7.0|bad raises 8.0|c done 9.0|ALL_COMPLETED ['Task-10', 'Task-8', 'Task-9'] [] 3.0");
}
END_TEST

/* ---- a timeout leaves the rest pending, and running ----
 *
 * async def main():
 *     ts = [asyncio.create_task(job(n, d)) for n, d in (("a", 1), ("b", 2), ("c", 3))]
 *     done, pending = await asyncio.wait(ts, timeout=1.5)
 *     print(names(done), names(pending), now(), [t.cancelled() for t in ts])
 *     done, pending = await asyncio.wait(ts, timeout=10)
 *     print(names(done), names(pending), now())
 *     try:
 *         await asyncio.wait([])
 *     except ValueError as e:
 *         print(repr(e))
 */
static al_signal timeout_body(al_gen *g)
{
    wait_main *m = (wait_main *)g;
    AL_GEN_BEGIN(g);
    m->fs[0] = al_task_fut(spawn("a", 1, al_none(), al_none()));
    m->fs[1] = al_task_fut(spawn("b", 2, al_none(), al_none()));
    m->fs[2] = al_task_fut(spawn("c", 3, al_none(), al_none()));
    AL_YIELD_FROM(g, al_wait(&m->wait, vm, 3, m->fs, 1.5, AL_ALL_COMPLETED), m->r);
    {
        al_value c = al_list_new(vm, 3);
        for (int i = 0; i < 3; i++)
            al_list_append(vm, c, al_bool(al_future_cancelled(m->fs[i])));
        al_print(vm, "%r %r %g %r", names(al_item(m->r, 0)), names(al_item(m->r, 1)), al_time(vm), c);
    }
    AL_YIELD_FROM(g, al_wait(&m->wait, vm, 3, m->fs, 10, AL_ALL_COMPLETED), m->r);
    print_split("", m->r, al_time(vm));
    AL_YIELD_FROM_TRY(g, al_wait(&m->wait, vm, 0, m->fs, AL_NO_TIMEOUT, AL_ALL_COMPLETED), m->r);
    al_print(vm, "%r", al_except(g, &al_ValueError));
    AL_GEN_END(g);
}
static const al_gen_def timeout_def = {"main", timeout_body, true};

START_TEST(wait_timeout_leaves_pending_running)
{
    RUN_OK(wait_main, timeout_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(),
        "a done 1.0|['Task-2'] ['Task-3', 'Task-4'] 1.5 [False, False, False]|b done 2.0|c done 3.0|"
        "['Task-2', 'Task-3', 'Task-4'] [] 3.0|ValueError('Set of Tasks/Futures is empty.')");
}
END_TEST

/* ---- the same task twice: wait() takes a set ----
 *
 * async def main():
 *     t = asyncio.create_task(job("t", 1))
 *     done, pending = await asyncio.wait([t, t])
 *     print(len(done), len(pending), now())
 */
static al_signal dup_body(al_gen *g)
{
    wait_main *m = (wait_main *)g;
    AL_GEN_BEGIN(g);
    m->fs[0] = m->fs[1] = al_task_fut(spawn("t", 1, al_none(), al_none()));
    AL_YIELD_FROM(g, al_wait(&m->wait, vm, 2, m->fs, AL_NO_TIMEOUT, AL_ALL_COMPLETED), m->r);
    al_print(vm, "%d %d %g", (int)al_len(al_item(m->r, 0)), (int)al_len(al_item(m->r, 1)), al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def dup_def = {"main", dup_body, true};

START_TEST(wait_counts_a_repeated_future_once)
{
    RUN_OK(wait_main, dup_def);
    ck_assert_str_eq(outputs(), "t done 1.0|1 0 1.0");
}
END_TEST

/* ---- wait() keeps a copy of its array: a C author may pass a temporary
 * one (an array literal in a body that then suspends).  The test wipes
 * the caller's array between the call and the first resume; the wait
 * must still see the task, as Python's argument list would. */
static al_signal temp_body(al_gen *g)
{
    wait_main *m = (wait_main *)g;
    AL_GEN_BEGIN(g);
    m->fs[0] = al_task_fut(spawn("t", 1, al_none(), al_none()));
    {
        al_gen *w = al_wait(&m->wait, vm, 1, m->fs, AL_NO_TIMEOUT, AL_ALL_COMPLETED);
        m->fs[0] = NULL;
        AL_YIELD_FROM(g, w, m->r);
    }
    al_print(vm, "%d %d %g", (int)al_len(al_item(m->r, 0)), (int)al_len(al_item(m->r, 1)), al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def temp_def = {"main", temp_body, true};

START_TEST(wait_copies_its_array)
{
    RUN_OK(wait_main, temp_def);
    ck_assert_str_eq(outputs(), "t done 1.0|1 0 1.0");
}
END_TEST

/* ---- wait_for cancelled: the inner task is cancelled too, unless it
 * has already finished, in which case 3.11 returns its result and the
 * cancel is lost ----
 *
 * async def waiting():
 *     r = await asyncio.wait_for(job("inner", 1, "I"), 10)
 *     print("wait_for returned", r, now())
 *     return r
 * async def main():
 *     t = asyncio.create_task(waiting())
 *     await asyncio.sleep(1)      # wakes just before inner finishes
 *     print("cancel", t.cancel())
 *     try:
 *         print("main got", await t, t.cancelled(), t.cancelling())
 *     except CancelledError as e:
 *         print("main got", repr(e))
 *     u = asyncio.create_task(waiting())
 *     await asyncio.sleep(0.5)
 *     print("cancel", u.cancel())
 *     try:
 *         await u
 *     except CancelledError as e:
 *         print("main got", repr(e), u.cancelled(), now())
 */
typedef struct waiting_co {
    al_gen g;
    al_wait_for_co wf;
    al_value r;
} waiting_co;

static al_signal waiting_body(al_gen *g)
{
    waiting_co *w = (waiting_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_wait_for(&w->wf, vm, NULL, job("inner", 1, str("I"), al_none()), 10), w->r);
    al_print(vm, "wait_for returned %v %g", w->r, al_time(vm));
    AL_RETURN(g, w->r);
    AL_GEN_END(g);
}
static const al_gen_def waiting_def = {"waiting", waiting_body, true};

static al_signal outer_cancel_body(al_gen *g)
{
    wait_main *m = (wait_main *)g;
    AL_GEN_BEGIN(g);
    m->t = al_create_task(vm, al_gen_new(vm, sizeof(waiting_co), &waiting_def));
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 1, al_none()), m->r);
    al_print(vm, "cancel %v", al_bool(al_task_cancel(m->t, al_none())));
    AL_AWAIT_TRY(g, al_task_fut(m->t), m->r);
    if (!al_is_none(m->e = al_except(g, &al_CancelledError)))
        al_print(vm, "main got %r", m->e);
    else
        al_print(vm, "main got %v %v %d", m->r, al_bool(al_future_cancelled(al_task_fut(m->t))),
                 al_task_cancelling(m->t));
    m->t = al_create_task(vm, al_gen_new(vm, sizeof(waiting_co), &waiting_def));
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0.5, al_none()), m->r);
    al_print(vm, "cancel %v", al_bool(al_task_cancel(m->t, al_none())));
    AL_AWAIT_TRY(g, al_task_fut(m->t), m->r);
    m->e = al_except(g, &al_CancelledError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "main got %r %v %g", m->e, al_bool(al_future_cancelled(al_task_fut(m->t))), al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def outer_cancel_def = {"main", outer_cancel_body, true};

START_TEST(cancelled_wait_for_cancels_inner_unless_it_finished)
{
    RUN_OK(wait_main, outer_cancel_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "cancel True|inner done 1.0|wait_for returned I 1.0|main got I False 1|"
                                "cancel True|inner cancelled CancelledError() 1.5|"
                                "main got CancelledError() True 1.5");
}
END_TEST

/* ---- wait_for: in time, and timed out ----
 *
 * async def main():
 *     r = await asyncio.wait_for(job("w", 1, "W"), 2)
 *     print("result", r, now())
 *     try:
 *         await asyncio.wait_for(job("slow", 5), 2)
 *     except TimeoutError as e:
 *         print("timeout", repr(e), type(e.__context__).__name__, now())
 *     print(asyncio.current_task().cancelling())
 */
static al_signal waitfor_body(al_gen *g)
{
    wait_main *m = (wait_main *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_wait_for(&m->wf, vm, NULL, job("w", 1, str("W"), al_none()), 2), m->r);
    al_print(vm, "result %v %g", m->r, al_time(vm));
    AL_YIELD_FROM_TRY(g, al_wait_for(&m->wf, vm, NULL, job("slow", 5, al_none(), al_none()), 2), m->r);
    m->e = al_except(g, &al_TimeoutError);
    ck_assert(!al_is_none(m->e));
    ck_assert_ptr_nonnull(m->e.u.exc->context);
    al_print(vm, "timeout %r %s %g", m->e, m->e.u.exc->context->type->name, al_time(vm));
    al_print(vm, "%d", al_task_cancelling(al_current_task(vm)));
    AL_GEN_END(g);
}
static const al_gen_def waitfor_def = {"main", waitfor_body, true};

START_TEST(wait_for_in_time_and_timed_out)
{
    RUN_OK(wait_main, waitfor_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "w done 1.0|result W 1.0|slow cancelled CancelledError() 3.0|"
                                "timeout TimeoutError() CancelledError 3.0|0");
}
END_TEST

/* ---- wait_for waits until the cancelled task has finished ----
 *
 * async def slow_cleanup():
 *     try:
 *         await asyncio.sleep(5)
 *     except CancelledError:
 *         print("cleanup start", now())
 *         await asyncio.sleep(0.5)
 *         print("cleanup end", now())
 *         raise
 * async def main():
 *     t = asyncio.create_task(slow_cleanup())
 *     try:
 *         await asyncio.wait_for(t, 1)
 *     except TimeoutError as e:
 *         print("timeout", repr(e), now(), t.cancelled())
 */
typedef struct cleanup_co {
    al_gen g;
    al_sleep_co sleep;
    al_value r, e;
} cleanup_co;

static al_signal cleanup_body(al_gen *g)
{
    cleanup_co *c = (cleanup_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&c->sleep, vm, 5, al_none()), c->r);
    if (!al_exc_isa(al_pending(g), &al_CancelledError))
        AL_PROPAGATE(g);
    c->e = al_except(g, &al_CancelledError);
    al_print(vm, "cleanup start %g", al_time(vm));
    AL_YIELD_FROM(g, al_sleep(&c->sleep, vm, 0.5, al_none()), c->r);
    al_print(vm, "cleanup end %g", al_time(vm));
    AL_RAISE(g, c->e);
    AL_GEN_END(g);
}
static const al_gen_def cleanup_def = {"slow_cleanup", cleanup_body, true};

static al_signal waitfor_cleanup_body(al_gen *g)
{
    wait_main *m = (wait_main *)g;
    AL_GEN_BEGIN(g);
    m->t = al_create_task(vm, al_gen_new(vm, sizeof(cleanup_co), &cleanup_def));
    AL_YIELD_FROM_TRY(g, al_wait_for(&m->wf, vm, al_task_fut(m->t), NULL, 1), m->r);
    m->e = al_except(g, &al_TimeoutError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "timeout %r %g %v", m->e, al_time(vm), al_bool(al_future_cancelled(al_task_fut(m->t))));
    AL_GEN_END(g);
}
static const al_gen_def waitfor_cleanup_def = {"main", waitfor_cleanup_body, true};

START_TEST(wait_for_timeout_waits_for_the_cancelled_task)
{
    RUN_OK(wait_main, waitfor_cleanup_def);
    ck_assert_str_eq(outputs(), "cleanup start 1.0|cleanup end 1.5|timeout TimeoutError() 1.5 True");
}
END_TEST

/* ---- wait_for with timeout 0 ----
 *
 * async def quick():
 *     print("quick runs")
 *     return "Q"
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     f = loop.create_future()
 *     f.set_result(3)
 *     print(await asyncio.wait_for(f, 0))
 *     try:
 *         await asyncio.wait_for(quick(), 0)   # its task never gets to run
 *     except TimeoutError as e:
 *         print("timeout", repr(e), now())
 *     t = asyncio.create_task(quick())
 *     await asyncio.sleep(0)
 *     print(await asyncio.wait_for(t, 0), t.get_name())
 */
static al_signal quick_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    al_print(vm, "quick runs");
    AL_RETURN(g, str("Q"));
    AL_GEN_END(g);
}
static const al_gen_def quick_def = {"quick", quick_body, true};

static al_signal zero_body(al_gen *g)
{
    wait_main *m = (wait_main *)g;
    AL_GEN_BEGIN(g);
    al_future_init(&m->f, vm, "Future");
    al_future_set_result(&m->f, al_int(3));
    AL_YIELD_FROM(g, al_wait_for(&m->wf, vm, &m->f, NULL, 0), m->r);
    al_print(vm, "%v", m->r);
    AL_YIELD_FROM_TRY(g, al_wait_for(&m->wf, vm, NULL, al_gen_new(vm, sizeof(al_gen), &quick_def), 0), m->r);
    m->e = al_except(g, &al_TimeoutError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "timeout %r %g", m->e, al_time(vm));
    m->t = al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &quick_def));
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0, al_none()), m->r);
    AL_YIELD_FROM(g, al_wait_for(&m->wf, vm, al_task_fut(m->t), NULL, 0), m->r);
    al_print(vm, "%v %s", m->r, m->t->name);
    AL_GEN_END(g);
}
static const al_gen_def zero_def = {"main", zero_body, true};

START_TEST(wait_for_with_timeout_zero)
{
    RUN_OK(wait_main, zero_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "3|timeout TimeoutError() 0.0|quick runs|Q Task-3");
}
END_TEST

/* ---- wait_for(coro, None) awaits the coroutine itself: no task ----
 *
 * async def main():
 *     r = await asyncio.wait_for(job("n", 3, "N"), None)
 *     t = asyncio.create_task(job("after", 0))
 *     print(r, now(), t.get_name())
 *     await t
 */
static al_signal none_body(al_gen *g)
{
    wait_main *m = (wait_main *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_wait_for(&m->wf, vm, NULL, job("n", 3, str("N"), al_none()), AL_NO_TIMEOUT), m->r);
    m->t = spawn("after", 0, al_none(), al_none());
    al_print(vm, "%v %g %s", m->r, al_time(vm), m->t->name);
    AL_AWAIT(g, al_task_fut(m->t), m->r);
    AL_GEN_END(g);
}
static const al_gen_def none_def = {"main", none_body, true};

START_TEST(wait_for_without_timeout_makes_no_task)
{
    RUN_OK(wait_main, none_def);
    ck_assert_str_eq(outputs(), "n done 3.0|N 3.0 Task-2|after done 3.0");
}
END_TEST

/* ---- as_completed: in the order of completion; with a timeout ----
 *
 * async def main():
 *     ts = [asyncio.create_task(job(n, d, n.upper())) for n, d in (("a", 3), ("b", 1), ("c", 2))]
 *     for f in asyncio.as_completed(ts):
 *         print("got", await f, now())
 *
 * and with (("a", 1), ("b", 3), ("c", 5)) and timeout=2:
 *
 *     for f in asyncio.as_completed(ts, timeout=2):
 *         try:
 *             print("got", await f, now())
 *         except TimeoutError as e:
 *             print("timeout", repr(e), now())
 *     await asyncio.wait(ts)
 *     print("end", now())
 */
typedef struct ac_main {
    wait_main m;
    double delays[3];
    double timeout;
} ac_main;

static al_signal ac_body(al_gen *g)
{
    static const char *const ns[3] = {"a", "b", "c"}, *const rs[3] = {"A", "B", "C"};
    ac_main *a = (ac_main *)g;
    wait_main *m = &a->m;
    AL_GEN_BEGIN(g);
    for (int i = 0; i < 3; i++)
        m->fs[i] = al_task_fut(spawn(ns[i], a->delays[i], str(rs[i]), al_none()));
    al_as_completed_init(&m->ac, vm, 3, m->fs, a->timeout);
    for (m->i = 0; m->i < 3; m->i++) {
        AL_YIELD_FROM_TRY(g, al_as_completed_next(&m->one, &m->ac), m->r);
        if (!al_is_none(m->e = al_except(g, &al_TimeoutError)))
            al_print(vm, "timeout %r %g", m->e, al_time(vm));
        else if (al_is_none(al_pending(g)))
            al_print(vm, "got %v %g", m->r, al_time(vm));
        AL_PROPAGATE(g);
    }
    if (a->timeout != AL_NO_TIMEOUT) {
        AL_YIELD_FROM(g, al_wait(&m->wait, vm, 3, m->fs, AL_NO_TIMEOUT, AL_ALL_COMPLETED), m->r);
        al_print(vm, "end %g", al_time(vm));
    }
    AL_GEN_END(g);
}
static const al_gen_def ac_def = {"main", ac_body, true};

START_TEST(as_completed_in_order_of_completion)
{
    ac_main *a = (ac_main *)al_gen_new(vm, sizeof *a, &ac_def);
    a->delays[0] = 3, a->delays[1] = 1, a->delays[2] = 2;
    a->timeout = AL_NO_TIMEOUT;
    ck_assert_int_eq(al_run(vm, &a->m.g, &sig, &out), AL_RUN_OK);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "b done 1.0|got B 1.0|c done 2.0|got C 2.0|a done 3.0|got A 3.0");
}
END_TEST

START_TEST(as_completed_timeout_raises_for_the_rest)
{
    ac_main *a = (ac_main *)al_gen_new(vm, sizeof *a, &ac_def);
    a->delays[0] = 1, a->delays[1] = 3, a->delays[2] = 5;
    a->timeout = 2;
    ck_assert_int_eq(al_run(vm, &a->m.g, &sig, &out), AL_RUN_OK);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a done 1.0|got A 1.0|timeout TimeoutError() 2.0|timeout TimeoutError() 2.0|"
                                "b done 3.0|c done 5.0|end 5.0");
}
END_TEST

static Suite *wait_suite(void)
{
    Suite *s = suite_create("wait");
    TCase *tc = tcase_create("wait");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, wait_returns_when_asked);
    tcase_add_test(tc, wait_timeout_leaves_pending_running);
    tcase_add_test(tc, wait_counts_a_repeated_future_once);
    tcase_add_test(tc, wait_copies_its_array);
    tcase_add_test(tc, wait_for_in_time_and_timed_out);
    tcase_add_test(tc, cancelled_wait_for_cancels_inner_unless_it_finished);
    tcase_add_test(tc, wait_for_timeout_waits_for_the_cancelled_task);
    tcase_add_test(tc, wait_for_with_timeout_zero);
    tcase_add_test(tc, wait_for_without_timeout_makes_no_task);
    tcase_add_test(tc, as_completed_in_order_of_completion);
    tcase_add_test(tc, as_completed_timeout_raises_for_the_rest);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(wait_suite)
