/*
 * test_divergence.c: the six divergences from CPython 3.11.7 of issue 9,
 * one regression test each (two for the first).  Each quotes its Python
 * twin and what CPython prints for it under
 *
 *     python3 tests/harness/vclock.py twin.py
 *
 * with this prelude in front:
 *
 *     import asyncio
 *     def now(): return asyncio.get_running_loop().time()
 *     async def inner():
 *         await asyncio.sleep(1)
 *         return 7
 */
#include "unit_async.h"

typedef struct dv_main {
    al_gen g;
    al_gen *c, *a, *b;
    al_task *t;
    al_future fut;
    al_timeout tm;
    al_sleep_co sleep;
    al_value r, e;
} dv_main;

#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)

/* ---- the prelude's inner() ---- */
typedef struct inner_co {
    al_gen g;
    al_sleep_co sleep;
    al_value r;
} inner_co;

static al_signal inner_body(al_gen *g)
{
    inner_co *c = (inner_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&c->sleep, vm, 1, al_none()), c->r);
    AL_RETURN(g, al_int(7));
    AL_GEN_END(g);
}
static const al_gen_def inner_def = {"inner", inner_body, true};
static al_gen *inner(void) { return al_gen_new(vm, sizeof(inner_co), &inner_def); }

/* ---- 1a. awaiting a coroutine that a task drives ----
 *
 * async def main():
 *     c = inner()
 *     t = asyncio.create_task(c)
 *     await asyncio.sleep(0)
 *     try:
 *         await c
 *     except RuntimeError as e:
 *         print("main", repr(e))
 *     print(await t, now())
 *
 * CPython: main RuntimeError('coroutine is being awaited already') / 7 1.0
 */
static al_signal driven_body(al_gen *g)
{
    dv_main *m = (dv_main *)g;
    AL_GEN_BEGIN(g);
    m->c = inner();
    m->t = al_create_task(vm, m->c);
    SLEEP(m, 0);
    AL_YIELD_FROM_TRY(g, m->c, m->r);
    m->e = al_except(g, &al_RuntimeError);
    if (!al_is_none(m->e))
        al_print(vm, "main %r", m->e);
    AL_PROPAGATE(g);
    AL_AWAIT(g, al_task_fut(m->t), m->r);
    al_print(vm, "%v %g", m->r, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def driven_def = {"main", driven_body, true};

START_TEST(awaiting_a_coroutine_a_task_drives)
{
    RUN_OK(dv_main, driven_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "main RuntimeError('coroutine is being awaited already')|7 1.0");
}
END_TEST

/* ---- 1b. awaiting a coroutine that another task awaits ----
 *
 * async def other(c):
 *     print("other got", await c, now())
 * async def main():
 *     c = inner()
 *     t = asyncio.create_task(other(c))
 *     await asyncio.sleep(0)
 *     try:
 *         await c
 *     except RuntimeError as e:
 *         print("main", repr(e))
 *     await t
 *
 * CPython: main RuntimeError('coroutine is being awaited already') /
 *          other got 7 1.0
 */
static al_signal other_body(al_gen *g)
{
    dv_main *m = (dv_main *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, m->c, m->r);
    al_print(vm, "other got %v %g", m->r, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def other_def = {"other", other_body, true};

static al_signal shared_body(al_gen *g)
{
    dv_main *m = (dv_main *)g;
    AL_GEN_BEGIN(g);
    m->c = inner();
    {
        dv_main *o = (dv_main *)al_gen_new(vm, sizeof *o, &other_def);
        o->c = m->c;
        m->t = al_create_task(vm, &o->g);
    }
    SLEEP(m, 0);
    AL_YIELD_FROM_TRY(g, m->c, m->r);
    m->e = al_except(g, &al_RuntimeError);
    if (!al_is_none(m->e))
        al_print(vm, "main %r", m->e);
    AL_PROPAGATE(g);
    AL_AWAIT(g, al_task_fut(m->t), m->r);
    AL_GEN_END(g);
}
static const al_gen_def shared_def = {"main", shared_body, true};

START_TEST(awaiting_a_coroutine_another_task_awaits)
{
    RUN_OK(dv_main, shared_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "main RuntimeError('coroutine is being awaited already')|"
                                "other got 7 1.0");
}
END_TEST

/* ---- 2. a coroutine awaiting itself, directly or through another ----
 *
 * a = b = None
 * async def coro_a():
 *     try:
 *         return await b
 *     except ValueError as e:
 *         print("a caught", repr(e))
 *         return "a"
 * async def coro_b():
 *     return await a
 * async def selfish():
 *     try:
 *         await s
 *     except ValueError as e:
 *         print("caught", repr(e))
 *     return 1
 * async def main():
 *     global a, b, s
 *     s = selfish()
 *     print(await s)
 *     a, b = coro_a(), coro_b()
 *     print(await a)
 *
 * CPython: caught ValueError('coroutine already executing') / 1 /
 *          a caught ValueError('coroutine already executing') / a
 */
static dv_main *world;

static al_signal selfish_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, world->c, world->r);
    world->e = al_except(g, &al_ValueError);
    if (!al_is_none(world->e))
        al_print(vm, "caught %r", world->e);
    AL_PROPAGATE(g);
    AL_RETURN(g, al_int(1));
    AL_GEN_END(g);
}
static const al_gen_def selfish_def = {"selfish", selfish_body, true};

static al_signal coro_a_body(al_gen *g)
{
    dv_main *a = (dv_main *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, world->b, a->r);
    a->e = al_except(g, &al_ValueError);
    if (!al_is_none(a->e)) {
        al_print(vm, "a caught %r", a->e);
        AL_RETURN(g, str("a"));
    }
    AL_PROPAGATE(g);
    AL_RETURN(g, a->r);
    AL_GEN_END(g);
}
static const al_gen_def coro_a_def = {"coro_a", coro_a_body, true};

static al_signal coro_b_body(al_gen *g)
{
    dv_main *b = (dv_main *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, world->a, b->r);
    AL_RETURN(g, b->r);
    AL_GEN_END(g);
}
static const al_gen_def coro_b_def = {"coro_b", coro_b_body, true};

static al_signal itself_body(al_gen *g)
{
    dv_main *m = (dv_main *)g;
    AL_GEN_BEGIN(g);
    world = m;
    m->c = al_gen_new(vm, sizeof(dv_main), &selfish_def);
    AL_YIELD_FROM(g, m->c, m->r);
    al_print(vm, "%r", m->r);
    m->a = al_gen_new(vm, sizeof(dv_main), &coro_a_def);
    m->b = al_gen_new(vm, sizeof(dv_main), &coro_b_def);
    AL_YIELD_FROM(g, m->a, m->r);
    al_print(vm, "%v", m->r);
    AL_GEN_END(g);
}
static const al_gen_def itself_def = {"main", itself_body, true};

START_TEST(a_coroutine_awaiting_itself)
{
    RUN_OK(dv_main, itself_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "caught ValueError('coroutine already executing')|1|"
                                "a caught ValueError('coroutine already executing')|a");
}
END_TEST

/* ---- 3. set_exception refuses StopIteration itself, not a subclass ----
 *
 * class MyStop(StopIteration): pass
 * async def main():
 *     f = asyncio.get_running_loop().create_future()
 *     try:
 *         f.set_exception(StopIteration(1))
 *     except TypeError as e:
 *         print(repr(e))
 *     print(f.done())
 *     f.set_exception(MyStop(2))
 *     print(f.done(), repr(f.exception()))
 *     try:
 *         await f
 *     except MyStop as e:
 *         print("await raised", repr(e))
 *
 * CPython: TypeError('StopIteration interacts badly with generators and
 *          cannot be raised into a Future') / False / True MyStop(2) /
 *          await raised MyStop(2)
 */
static al_signal stop_body(al_gen *g)
{
    dv_main *m = (dv_main *)g;
    AL_GEN_BEGIN(g);
    al_future_init(&m->fut, vm, "f");
    m->e = al_future_set_exception(&m->fut, al_exc_new(vm, &al_StopIteration, al_int(1)));
    ck_assert(al_exc_isa(m->e, &al_TypeError));
    al_print(vm, "%r", m->e);
    al_print(vm, "%s", al_future_done(&m->fut) ? "True" : "False");
    {
        const al_exc_type *my_stop = al_exc_type_new(vm, "MyStop", &al_StopIteration);
        ck_assert(al_is_none(al_future_set_exception(&m->fut, al_exc_new(vm, my_stop, al_int(2)))));
    }
    ck_assert_int_eq(al_future_exception(&m->fut, &m->e), AL_RETURNED);
    al_print(vm, "%s %r", al_future_done(&m->fut) ? "True" : "False", m->e);
    AL_AWAIT_TRY(g, &m->fut, m->r);
    m->e = al_except(g, &al_StopIteration);
    if (!al_is_none(m->e))
        al_print(vm, "await raised %r", m->e);
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def stop_def = {"main", stop_body, true};

START_TEST(set_exception_takes_a_stop_iteration_subclass)
{
    RUN_OK(dv_main, stop_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "TypeError('StopIteration interacts badly with generators and "
                                "cannot be raised into a Future')|False|True MyStop(2)|"
                                "await raised MyStop(2)");
}
END_TEST

/* ---- 4. timeout converts only CancelledError itself ----
 *
 * class MyCancel(asyncio.CancelledError): pass
 * async def main():
 *     try:
 *         async with asyncio.timeout(1):
 *             try:
 *                 await asyncio.sleep(5)
 *             except asyncio.CancelledError:
 *                 raise MyCancel("mine")
 *     except TimeoutError as e:
 *         print("timeout", repr(e))
 *     except asyncio.CancelledError as e:
 *         print("cancelled", repr(e), asyncio.current_task().cancelling())
 *
 * CPython: cancelled MyCancel('mine') 0
 */
static al_signal mycancel_body(al_gen *g)
{
    dv_main *m = (dv_main *)g;
    AL_GEN_BEGIN(g);
    al_timeout_enter(&m->tm, vm, 1);
    AL_YIELD_FROM_TRY(g, al_sleep(&m->sleep, vm, 5, al_none()), m->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        g->exc = al_exc_msg(vm, al_exc_type_new(vm, "MyCancel", &al_CancelledError), "mine");
    g->exc = al_timeout_exit(&m->tm, al_pending(g));
    m->e = al_except(g, &al_TimeoutError);
    if (!al_is_none(m->e))
        al_print(vm, "timeout %r", m->e);
    m->e = al_except(g, &al_CancelledError);
    if (!al_is_none(m->e))
        al_print(vm, "cancelled %r %d", m->e, al_task_cancelling(al_current_task(vm)));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def mycancel_def = {"main", mycancel_body, true};

START_TEST(timeout_converts_only_cancelled_error_itself)
{
    RUN_OK(dv_main, mycancel_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "cancelled MyCancel('mine') 0");
}
END_TEST

/* ---- 5. a Task refuses set_result and set_exception ----
 *
 * async def main():       # job() is unit_async.h's prelude
 *     t = asyncio.create_task(job("job", 1, 3))
 *     for op in (lambda: t.set_result(1), lambda: t.set_exception(ValueError(1))):
 *         try:
 *             op()
 *         except RuntimeError as e:
 *             print(repr(e))
 *     print(t.done(), await t)
 *
 * CPython: RuntimeError('Task does not support set_result operation') /
 *          RuntimeError('Task does not support set_exception operation') /
 *          job done 1.0 / False 3
 */
static al_signal task_set_body(al_gen *g)
{
    dv_main *m = (dv_main *)g;
    AL_GEN_BEGIN(g);
    m->t = al_create_task(vm, job("job", 1, al_int(3), al_none()));
    al_print(vm, "%r", al_future_set_result(al_task_fut(m->t), al_int(1)));
    al_print(vm, "%r", al_future_set_exception(al_task_fut(m->t), al_exc_new(vm, &al_ValueError, al_int(1))));
    m->e = al_bool(al_future_done(al_task_fut(m->t)));
    AL_AWAIT(g, al_task_fut(m->t), m->r);
    al_print(vm, "%r %r", m->e, m->r);
    AL_GEN_END(g);
}
static const al_gen_def task_set_def = {"main", task_set_body, true};

START_TEST(a_task_refuses_set_result_and_set_exception)
{
    RUN_OK(dv_main, task_set_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "RuntimeError('Task does not support set_result operation')|"
                                "RuntimeError('Task does not support set_exception operation')|"
                                "job done 1.0|False 3");
}
END_TEST

/* ---- 6. a cancelled timer never comes back ----
 *
 * async def main():
 *     async with asyncio.timeout(1):
 *         print("first")
 *     try:
 *         async with asyncio.timeout(0):
 *             await asyncio.sleep(0.5)
 *     except TimeoutError:
 *         print("timeout", now())
 *     await asyncio.sleep(2)
 *     print("done", now())
 *
 * CPython: first / timeout 0.0 / done 2.0
 * (Both blocks use one al_timeout: the first deadline's heap entry must
 * stay dead when the second arms the same handle with call_soon.)
 */
static al_signal rearm_body(al_gen *g)
{
    dv_main *m = (dv_main *)g;
    AL_GEN_BEGIN(g);
    al_timeout_enter(&m->tm, vm, 1);
    al_print(vm, "first");
    g->exc = al_timeout_exit(&m->tm, al_pending(g));
    AL_PROPAGATE(g);
    al_timeout_enter(&m->tm, vm, 0);
    AL_YIELD_FROM_TRY(g, al_sleep(&m->sleep, vm, 0.5, al_none()), m->r);
    g->exc = al_timeout_exit(&m->tm, al_pending(g));
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "timeout %g", al_time(vm));
    AL_PROPAGATE(g);
    SLEEP(m, 2);
    al_print(vm, "done %g", al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def rearm_def = {"main", rearm_body, true};

START_TEST(a_cancelled_timer_never_comes_back)
{
    RUN_OK(dv_main, rearm_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "first|timeout 0.0|done 2.0");
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, awaiting_a_coroutine_a_task_drives);
    tcase_add_test(tc, awaiting_a_coroutine_another_task_awaits);
    tcase_add_test(tc, a_coroutine_awaiting_itself);
    tcase_add_test(tc, set_exception_takes_a_stop_iteration_subclass);
    tcase_add_test(tc, timeout_converts_only_cancelled_error_itself);
    tcase_add_test(tc, a_task_refuses_set_result_and_set_exception);
    tcase_add_test(tc, a_cancelled_timer_never_comes_back);
}

static Suite *divergence_suite(void)
{
    Suite *s = suite_create("divergence");
    add_tcase(s, "traced", setup, add_tests);
    add_tcase(s, "untraced", setup_quiet, add_tests);
    return s;
}

UNIT_MAIN(divergence_suite)
