/*
 * test_gather.c: asyncio.gather (gather.c) against CPython 3.11: results
 * in argument order, return_exceptions, the first exception while the
 * other children run on, cancelling the gather, an empty gather and a
 * future given twice.  Each test quotes its Python twin; job() and now()
 * are the prelude in unit_async.h.
 */
#include "unit_async.h"

typedef struct gather_main {
    al_gen g;
    al_future *all;
    al_task *a, *b;
    al_future f;
    al_value r, e;
    al_sleep_co sleep;
} gather_main;

#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)

/* gather3(a, b, c, rexc) is asyncio.gather(a, b, c, return_exceptions=rexc). */
static al_future *gather3(al_gen *a, al_gen *b, al_gen *c, bool rexc)
{
    al_gen *coros[3] = {a, b, c};
    return al_gather_coros(vm, c ? 3 : 2, coros, rexc);
}

/* ---- results come in argument order ----
 *
 * async def main():
 *     r = await asyncio.gather(job("a", 3, "A"), job("b", 1, "B"), job("c", 2, "C"))
 *     print(r, now())
 *     return r
 */
static al_signal order_body(al_gen *g)
{
    gather_main *m = (gather_main *)g;
    AL_GEN_BEGIN(g);
    m->all = gather3(job("a", 3, str("A"), al_none()), job("b", 1, str("B"), al_none()),
                     job("c", 2, str("C"), al_none()), false);
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "%r %g", m->r, al_time(vm));
    AL_RETURN(g, m->r);
    AL_GEN_END(g);
}
static const al_gen_def order_def = {"main", order_body, true};

START_TEST(results_in_argument_order)
{
    RUN_OK(gather_main, order_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_int_eq(out.type, AL_LIST);
    ck_assert_uint_eq(al_len(out), 3);
    ck_assert(al_equal(al_item(out, 0), str("A")));
    ck_assert_str_eq(outputs(), "b done 1.0|c done 2.0|a done 3.0|['A', 'B', 'C'] 3.0");
    /* every child is a task: Task-2.. */
    ck_assert_int_eq(count_events(AL_EV_TASK_NEW, 0), 1 + 3 + 2);
}
END_TEST

/* ---- return_exceptions=True: the exception is a result ----
 *
 * async def main():
 *     r = await asyncio.gather(job("a", 1, 1), job("bad", 2, exc=ValueError("boom")),
 *                              job("c", 3, 3), return_exceptions=True)
 *     print(r, now())
 */
static al_signal retexc_body(al_gen *g)
{
    gather_main *m = (gather_main *)g;
    AL_GEN_BEGIN(g);
    m->all = gather3(job("a", 1, al_int(1), al_none()), job("bad", 2, al_none(), boom("boom")),
                     job("c", 3, al_int(3), al_none()), true);
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "%r %g", m->r, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def retexc_def = {"main", retexc_body, true};

START_TEST(return_exceptions_true_collects_the_exception)
{
    RUN_OK(gather_main, retexc_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a done 1.0|bad raises 2.0|c done 3.0|[1, ValueError('boom'), 3] 3.0");
}
END_TEST

/* ---- return_exceptions=False: the first exception propagates at once
 * and the other children keep running ----
 *
 * async def main():
 *     try:
 *         await asyncio.gather(job("a", 1, "A"), job("bad", 2, exc=ValueError("boom")),
 *                              job("c", 3, "C"))
 *     except ValueError as e:
 *         print("main caught", repr(e), now())
 *     await asyncio.sleep(5)
 *     print("main end", now())
 */
static al_signal first_exc_body(al_gen *g)
{
    gather_main *m = (gather_main *)g;
    AL_GEN_BEGIN(g);
    m->all = gather3(job("a", 1, str("A"), al_none()), job("bad", 2, al_none(), boom("boom")),
                     job("c", 3, str("C"), al_none()), false);
    AL_AWAIT_TRY(g, m->all, m->r);
    m->e = al_except(g, &al_ValueError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "main caught %r %g", m->e, al_time(vm));
    SLEEP(m, 5);
    al_print(vm, "main end %g", al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def first_exc_def = {"main", first_exc_body, true};

START_TEST(first_exception_propagates_while_others_run)
{
    RUN_OK(gather_main, first_exc_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a done 1.0|bad raises 2.0|main caught ValueError('boom') 2.0|"
                                "c done 3.0|main end 7.0");
}
END_TEST

/* ---- cancelling the gather cancels the children ----
 *
 * async def main():
 *     g = asyncio.gather(job("a", 5), job("b", 5))
 *     await asyncio.sleep(1)
 *     print("cancel", g.cancel("stop"))
 *     try:
 *         await g
 *     except CancelledError as e:
 *         print("gather raised", repr(e), now())
 *     print(g.done(), g.cancelled(), g.cancel())
 *
 * and the same with return_exceptions=True and g.cancel() (no message),
 * printing g.done(), g.cancelled(), which gives:
 *     cancel True / a cancelled CancelledError() 1.0 /
 *     b cancelled CancelledError() 1.0 / gather raised CancelledError() 1.0 /
 *     True False
 */
typedef struct cancel_main {
    gather_main m;
    bool rexc;
} cancel_main;

static al_signal cancel_body(al_gen *g)
{
    cancel_main *c = (cancel_main *)g;
    gather_main *m = &c->m;
    AL_GEN_BEGIN(g);
    m->all = gather3(job("a", 5, al_none(), al_none()), job("b", 5, al_none(), al_none()), NULL, c->rexc);
    SLEEP(m, 1);
    al_print(vm, "cancel %v", al_bool(al_future_cancel(m->all, c->rexc ? al_none() : str("stop"))));
    AL_AWAIT_TRY(g, m->all, m->r);
    m->e = al_except(g, &al_CancelledError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "gather raised %r %g", m->e, al_time(vm));
    if (c->rexc)
        al_print(vm, "%v %v", al_bool(al_future_done(m->all)), al_bool(al_future_cancelled(m->all)));
    else
        al_print(vm, "%v %v %v", al_bool(al_future_done(m->all)), al_bool(al_future_cancelled(m->all)),
                 al_bool(al_future_cancel(m->all, al_none())));
    AL_GEN_END(g);
}
static const al_gen_def cancel_def = {"main", cancel_body, true};

START_TEST(cancelling_the_gather_cancels_the_children)
{
    RUN_OK(cancel_main, cancel_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "cancel True|a cancelled CancelledError('stop') 1.0|"
                                "b cancelled CancelledError('stop') 1.0|"
                                "gather raised CancelledError('stop') 1.0|True False False");
}
END_TEST

START_TEST(cancelling_a_gather_that_returns_exceptions)
{
    cancel_main *c = (cancel_main *)al_gen_new(vm, sizeof *c, &cancel_def);
    c->rexc = true;
    ck_assert_int_eq(al_run(vm, &c->m.g, &sig, &out), AL_RUN_OK);
    ck_assert_str_eq(outputs(), "cancel True|a cancelled CancelledError() 1.0|"
                                "b cancelled CancelledError() 1.0|"
                                "gather raised CancelledError() 1.0|True False");
}
END_TEST

/* ---- a child cancelled by somebody else, with return_exceptions ----
 *
 * async def main():
 *     a = asyncio.create_task(job("a", 5))
 *     b = asyncio.create_task(job("b", 2, "B"))
 *     g = asyncio.gather(a, b, return_exceptions=True)
 *     await asyncio.sleep(1)
 *     a.cancel("not you")
 *     print(await g, now())
 *
 * The message went to a's sleep, not to the task: gather reports
 * CancelledError('') from the task's own (empty) cancel message.
 */
static al_signal child_cancelled_body(al_gen *g)
{
    gather_main *m = (gather_main *)g;
    AL_GEN_BEGIN(g);
    m->a = spawn("a", 5, al_none(), al_none());
    m->b = spawn("b", 2, str("B"), al_none());
    {
        al_future *fs[2] = {al_task_fut(m->a), al_task_fut(m->b)};
        m->all = al_gather(vm, 2, fs, true);
    }
    SLEEP(m, 1);
    ck_assert(al_task_cancel(m->a, str("not you")));
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "%r %g", m->r, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def child_cancelled_def = {"main", child_cancelled_body, true};

START_TEST(cancelled_child_is_an_empty_cancelled_error)
{
    RUN_OK(gather_main, child_cancelled_def);
    ck_assert_str_eq(outputs(), "a cancelled CancelledError('not you') 1.0|b done 2.0|"
                                "[CancelledError(''), 'B'] 2.0");
}
END_TEST

/* ---- a child cancelled by somebody else, without return_exceptions ----
 *
 * async def main():
 *     a = asyncio.create_task(job("a", 5))
 *     b = asyncio.create_task(job("b", 2, "B"))
 *     g = asyncio.gather(a, b)
 *     await asyncio.sleep(1)
 *     a.cancel("not you")
 *     try:
 *         await g
 *     except CancelledError as e:
 *         print("gather raised", repr(e), now(), g.cancelled())
 *     await b
 *     print("b", b.result(), now())
 */
static al_signal child_cancel_raise_body(al_gen *g)
{
    gather_main *m = (gather_main *)g;
    AL_GEN_BEGIN(g);
    m->a = spawn("a", 5, al_none(), al_none());
    m->b = spawn("b", 2, str("B"), al_none());
    {
        al_future *fs[2] = {al_task_fut(m->a), al_task_fut(m->b)};
        m->all = al_gather(vm, 2, fs, false);
    }
    SLEEP(m, 1);
    ck_assert(al_task_cancel(m->a, str("not you")));
    AL_AWAIT_TRY(g, m->all, m->r);
    m->e = al_except(g, &al_CancelledError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "gather raised %r %g %v", m->e, al_time(vm), al_bool(al_future_cancelled(m->all)));
    AL_AWAIT(g, al_task_fut(m->b), m->r);
    al_print(vm, "b %v %g", m->r, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def child_cancel_raise_def = {"main", child_cancel_raise_body, true};

START_TEST(cancelled_child_cancels_the_gather_result_only)
{
    RUN_OK(gather_main, child_cancel_raise_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a cancelled CancelledError('not you') 1.0|"
                                "gather raised CancelledError('not you') 1.0 False|b done 2.0|b B 2.0");
}
END_TEST

/* ---- an empty gather is done at once ----
 *
 * async def hello():
 *     print("hello runs")
 * async def main():
 *     t = asyncio.create_task(hello())
 *     r = await asyncio.gather()
 *     print(r, t.done())
 *     await t
 */
static al_signal hello_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    al_print(vm, "hello runs");
    AL_GEN_END(g);
}
static const al_gen_def hello_def = {"hello", hello_body, true};

static al_signal empty_body(al_gen *g)
{
    gather_main *m = (gather_main *)g;
    AL_GEN_BEGIN(g);
    m->a = al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &hello_def));
    m->all = al_gather(vm, 0, NULL, false);
    ck_assert(al_future_done(m->all));
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "%r %v", m->r, al_bool(al_future_done(al_task_fut(m->a))));
    AL_AWAIT(g, al_task_fut(m->a), m->r);
    AL_GEN_END(g);
}
static const al_gen_def empty_def = {"main", empty_body, true};

START_TEST(empty_gather_is_an_empty_list_without_suspending)
{
    RUN_OK(gather_main, empty_def);
    ck_assert_str_eq(outputs(), "[] False|hello runs");
}
END_TEST

/* ---- the same future given twice ----
 *
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     t = asyncio.create_task(job("x", 1, "X"))
 *     print(await asyncio.gather(t, t, asyncio.create_task(job("y", 2, "Y"))), now())
 *     f = loop.create_future()
 *     loop.call_later(1, f.set_result, 7)
 *     print(await asyncio.gather(f, f), now())
 */
static void set7(al_vm *v, void *fut, void *unused)
{
    (void)v;
    (void)unused;
    al_future_set_result(fut, al_int(7));
}

static al_signal twice_body(al_gen *g)
{
    gather_main *m = (gather_main *)g;
    AL_GEN_BEGIN(g);
    m->a = spawn("x", 1, str("X"), al_none());
    {
        al_future *fs[3] = {al_task_fut(m->a), al_task_fut(m->a), NULL};
        fs[2] = al_task_fut(spawn("y", 2, str("Y"), al_none()));
        m->all = al_gather(vm, 3, fs, false);
    }
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "%r %g", m->r, al_time(vm));
    al_future_init(&m->f, vm, "Future");
    al_call_later(vm, 1, set7, &m->f, NULL, "Future.set_result");
    {
        al_future *fs[2] = {&m->f, &m->f};
        m->all = al_gather(vm, 2, fs, false);
    }
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "%r %g", m->r, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def twice_def = {"main", twice_body, true};

START_TEST(same_future_twice_is_waited_for_once)
{
    RUN_OK(gather_main, twice_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "x done 1.0|y done 2.0|['X', 'X', 'Y'] 2.0|[7, 7] 3.0");
}
END_TEST

static Suite *gather_suite(void)
{
    Suite *s = suite_create("gather");
    TCase *tc = tcase_create("gather");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, results_in_argument_order);
    tcase_add_test(tc, return_exceptions_true_collects_the_exception);
    tcase_add_test(tc, first_exception_propagates_while_others_run);
    tcase_add_test(tc, cancelling_the_gather_cancels_the_children);
    tcase_add_test(tc, cancelling_a_gather_that_returns_exceptions);
    tcase_add_test(tc, cancelled_child_is_an_empty_cancelled_error);
    tcase_add_test(tc, cancelled_child_cancels_the_gather_result_only);
    tcase_add_test(tc, empty_gather_is_an_empty_list_without_suspending);
    tcase_add_test(tc, same_future_twice_is_waited_for_once);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(gather_suite)
