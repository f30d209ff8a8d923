/*
 * test_future.c: asyncio.Future (future.c) against CPython 3.11.
 *
 * Each test runs its program with al_run and compares the printed lines
 * with what the quoted Python twin prints under tests/harness/vclock.py
 * (the prelude, job() and now(), is in unit_async.h).  CPython's Future is
 * the C one from _asyncio, so its messages are that module's.
 */
#include "unit_async.h"

/* A frame for the tests' main coroutines: futures and scratch values. */
typedef struct fut_main {
    al_gen g;
    al_future f, h;
    al_value r, e;
    al_sleep_co sleep;
} fut_main;

/* ---- result()/exception() on a pending future ----
 *
 * async def main():
 *     f = asyncio.get_running_loop().create_future()
 *     for m in (f.result, f.exception):
 *         try:
 *             m()
 *         except InvalidStateError as e:
 *             print(repr(e))
 *     print(f.done(), f.cancelled())
 */
static al_signal pending_body(al_gen *g)
{
    fut_main *m = (fut_main *)g;
    AL_GEN_BEGIN(g);
    al_future_init(&m->f, vm, "Future");
    ck_assert_int_eq(al_future_result(&m->f, &m->e), AL_RAISED);
    al_print(vm, "%r", m->e);
    ck_assert(al_exc_isa(m->e, &al_InvalidStateError));
    ck_assert_int_eq(al_future_exception(&m->f, &m->e), AL_RAISED);
    al_print(vm, "%r", m->e);
    al_print(vm, "%v %v", al_bool(al_future_done(&m->f)), al_bool(al_future_cancelled(&m->f)));
    AL_GEN_END(g);
}
static const al_gen_def pending_def = {"main", pending_body, true};

START_TEST(result_and_exception_of_a_pending_future)
{
    RUN_OK(fut_main, pending_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "InvalidStateError('Result is not set.')|"
                                "InvalidStateError('Exception is not set.')|False False");
}
END_TEST

/* ---- a cancelled future, without and with a message ----
 *
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     f = loop.create_future()
 *     print(f.cancel(), f.cancel(), f.cancelled(), f.done())
 *     for m in (f.result, f.exception):
 *         try:
 *             m()
 *         except CancelledError as e:
 *             print(repr(e))
 *     g = loop.create_future()
 *     g.cancel("stop")
 *     for m in (g.result, g.exception):
 *         (the same)
 *     try:
 *         g.set_result(1)
 *     except InvalidStateError as e:
 *         print(repr(e))
 *     try:
 *         await g
 *     except CancelledError as e:
 *         print("await", repr(e))
 */
static al_signal cancelled_body(al_gen *g)
{
    fut_main *m = (fut_main *)g;
    AL_GEN_BEGIN(g);
    al_future_init(&m->f, vm, "Future");
    {
        bool c1 = al_future_cancel(&m->f, al_none());
        bool c2 = al_future_cancel(&m->f, al_none());
        al_print(vm, "%v %v %v %v", al_bool(c1), al_bool(c2),
                 al_bool(al_future_cancelled(&m->f)), al_bool(al_future_done(&m->f)));
    }
    ck_assert_int_eq(al_future_result(&m->f, &m->e), AL_RAISED);
    al_print(vm, "%r", m->e);
    ck_assert_int_eq(al_future_exception(&m->f, &m->e), AL_RAISED);
    al_print(vm, "%r", m->e);
    al_future_init(&m->h, vm, "Future");
    ck_assert(al_future_cancel(&m->h, str("stop")));
    ck_assert_int_eq(al_future_result(&m->h, &m->e), AL_RAISED);
    al_print(vm, "%r", m->e);
    ck_assert_int_eq(al_future_exception(&m->h, &m->e), AL_RAISED);
    al_print(vm, "%r", m->e);
    m->e = al_future_set_result(&m->h, al_int(1));
    al_print(vm, "%r", m->e);
    AL_AWAIT_TRY(g, &m->h, m->r);
    m->e = al_except(g, &al_CancelledError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "await %r", m->e);
    AL_GEN_END(g);
}
static const al_gen_def cancelled_def = {"main", cancelled_body, true};

START_TEST(cancelled_future_raises_cancelled_error_with_its_message)
{
    RUN_OK(fut_main, cancelled_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "True False True True|CancelledError()|CancelledError()|"
                                "CancelledError('stop')|CancelledError('stop')|"
                                "InvalidStateError('invalid state')|await CancelledError('stop')");
}
END_TEST

/* ---- set_result twice; set_exception ----
 *
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     f = loop.create_future()
 *     print(f.set_result(1))
 *     try:
 *         f.set_result(2)
 *     except InvalidStateError as e:
 *         print(repr(e))
 *     try:
 *         f.set_exception(ValueError("x"))
 *     except InvalidStateError as e:
 *         print(repr(e))
 *     print(f.result(), f.exception(), f.cancel(), f.cancelled())
 *     g = loop.create_future()
 *     try:
 *         g.set_exception(StopIteration())
 *     except TypeError as e:
 *         print(repr(e))
 *     g.set_exception(ValueError("boom"))
 *     print(repr(g.exception()))
 *     try:
 *         g.result()
 *     except ValueError as e:
 *         print("result", repr(e))
 *     try:
 *         await g
 *     except ValueError as e:
 *         print("await", repr(e))
 *     return f.result()
 *
 * CPython's _asyncio.Future says 'invalid state'; futures.py, which the
 * runtime's comments follow, would say "FINISHED: <Future finished
 * result=1>".  What CPython prints is the first.
 */
static al_signal twice_body(al_gen *g)
{
    fut_main *m = (fut_main *)g;
    AL_GEN_BEGIN(g);
    al_future_init(&m->f, vm, "Future");
    al_print(vm, "%r", al_future_set_result(&m->f, al_int(1)));
    m->e = al_future_set_result(&m->f, al_int(2));
    ck_assert(al_exc_isa(m->e, &al_InvalidStateError));
    al_print(vm, "%r", m->e);
    m->e = al_future_set_exception(&m->f, boom("x"));
    ck_assert(al_exc_isa(m->e, &al_InvalidStateError));
    al_print(vm, "%r", m->e);
    {
        al_value r, e;
        ck_assert_int_eq(al_future_result(&m->f, &r), AL_RETURNED);
        ck_assert_int_eq(al_future_exception(&m->f, &e), AL_RETURNED);
        bool c = al_future_cancel(&m->f, al_none());
        al_print(vm, "%v %v %v %v", r, e, al_bool(c), al_bool(al_future_cancelled(&m->f)));
    }
    al_future_init(&m->h, vm, "Future");
    m->e = al_future_set_exception(&m->h, al_exc_noarg(vm, &al_StopIteration));
    ck_assert(al_exc_isa(m->e, &al_TypeError));
    al_print(vm, "%r", m->e);
    ck_assert(!al_future_done(&m->h));
    ck_assert(al_is_none(al_future_set_exception(&m->h, boom("boom"))));
    ck_assert_int_eq(al_future_exception(&m->h, &m->e), AL_RETURNED);
    al_print(vm, "%r", m->e);
    ck_assert_int_eq(al_future_result(&m->h, &m->e), AL_RAISED);
    al_print(vm, "result %r", m->e);
    AL_AWAIT_TRY(g, &m->h, m->r);
    al_print(vm, "await %r", al_except(g, &al_ValueError));
    al_future_result(&m->f, &m->r);
    AL_RETURN(g, m->r);
    AL_GEN_END(g);
}
static const al_gen_def twice_def = {"main", twice_body, true};

START_TEST(set_result_twice_is_an_invalid_state)
{
    RUN_OK(fut_main, twice_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert(al_equal(out, al_int(1)));
    ck_assert_str_eq(outputs(), "None|InvalidStateError('invalid state')|"
                                "InvalidStateError('invalid state')|1 None False False|"
                                "TypeError('StopIteration interacts badly with generators and cannot be raised into a Future')|"
                                "ValueError('boom')|result ValueError('boom')|await ValueError('boom')");
}
END_TEST

/* ---- done callbacks: one iteration later, in registration order ----
 *
 * def cb(tag):
 *     return lambda fut: print(tag, fut.result(), now())
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     f = loop.create_future()
 *     f.add_done_callback(cb("cb1"))
 *     f.add_done_callback(cb("cb2"))
 *     loop.call_soon(print, "soon")
 *     f.set_result(5)
 *     f.add_done_callback(cb("late"))   # done already: scheduled at once
 *     print("set")
 *     await asyncio.sleep(0)
 *     print("after sleep0")
 */
static void cb_print(al_vm *v, void *fut, void *tag)
{
    al_value r;
    ck_assert_int_eq(al_future_result(fut, &r), AL_RETURNED);
    al_print(v, "%s %v %g", (const char *)tag, r, al_time(v));
}

static void say(al_vm *v, void *text, void *unused)
{
    (void)unused;
    al_print(v, "%s", (const char *)text);
}

static al_signal callbacks_body(al_gen *g)
{
    fut_main *m = (fut_main *)g;
    AL_GEN_BEGIN(g);
    al_future_init(&m->f, vm, "Future");
    al_future_add_done_callback(&m->f, cb_print, "cb1", "cb");
    al_future_add_done_callback(&m->f, cb_print, "cb2", "cb");
    al_call_soon(vm, say, "soon", NULL, "print");
    al_future_set_result(&m->f, al_int(5));
    al_future_add_done_callback(&m->f, cb_print, "late", "cb");
    al_print(vm, "set");
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0, al_none()), m->r);
    al_print(vm, "after sleep0");
    AL_GEN_END(g);
}
static const al_gen_def callbacks_def = {"main", callbacks_body, true};

START_TEST(done_callbacks_run_one_iteration_later_in_order)
{
    RUN_OK(fut_main, callbacks_def);
    ck_assert_str_eq(outputs(), "set|soon|cb1 5 0.0|cb2 5 0.0|late 5 0.0|after sleep0");
}
END_TEST

/* ---- remove_done_callback counts what it removed ----
 *
 * def a(fut): print("a ran")
 * def b(fut): print("b ran")
 * async def main():
 *     f = asyncio.get_running_loop().create_future()
 *     f.add_done_callback(a)
 *     f.add_done_callback(b)
 *     f.add_done_callback(a)
 *     print(f.remove_done_callback(a))
 *     print(f.remove_done_callback(a))
 *     f.set_result(None)
 *     print(f.remove_done_callback(b))   # already scheduled: 0
 *     await asyncio.sleep(0)
 *     print("end")
 *
 * (a callback is the pair (fn, arg): arg plays the bound method's self)
 */
static void ran(al_vm *v, void *fut, void *tag)
{
    (void)fut;
    al_print(v, "%s ran", (const char *)tag);
}

static const char tag_a[] = "a", tag_b[] = "b";

static al_signal remove_body(al_gen *g)
{
    fut_main *m = (fut_main *)g;
    AL_GEN_BEGIN(g);
    al_future_init(&m->f, vm, "Future");
    al_future_add_done_callback(&m->f, ran, (void *)tag_a, "a");
    al_future_add_done_callback(&m->f, ran, (void *)tag_b, "b");
    al_future_add_done_callback(&m->f, ran, (void *)tag_a, "a");
    al_print(vm, "%d", (int)al_future_remove_done_callback(&m->f, ran, (void *)tag_a));
    al_print(vm, "%d", (int)al_future_remove_done_callback(&m->f, ran, (void *)tag_a));
    al_future_set_result(&m->f, al_none());
    al_print(vm, "%d", (int)al_future_remove_done_callback(&m->f, ran, (void *)tag_b));
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0, al_none()), m->r);
    al_print(vm, "end");
    AL_GEN_END(g);
}
static const al_gen_def remove_def = {"main", remove_body, true};

START_TEST(remove_done_callback_counts_removed_entries)
{
    RUN_OK(fut_main, remove_def);
    ck_assert_str_eq(outputs(), "2|0|0|b ran|end");
}
END_TEST

/* ---- a task awaits futures that timers complete ----
 *
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     f = loop.create_future()
 *     loop.call_later(1, f.set_result, "x")
 *     print(await f, now())
 *     g = loop.create_future()
 *     loop.call_later(0.5, g.set_exception, KeyError("k"))
 *     try:
 *         await g
 *     except KeyError as e:
 *         print("raised", repr(e), now())
 *     return "end"
 */
static void set_x(al_vm *v, void *fut, void *unused)
{
    (void)unused;
    ck_assert(al_is_none(al_future_set_result(fut, al_cstr(v, "x"))));
}

static void set_k(al_vm *v, void *fut, void *unused)
{
    (void)unused;
    ck_assert(al_is_none(al_future_set_exception(fut, al_exc_msg(v, &al_KeyError, "k"))));
}

static al_signal awaited_body(al_gen *g)
{
    fut_main *m = (fut_main *)g;
    AL_GEN_BEGIN(g);
    al_future_init(&m->f, vm, "Future");
    al_call_later(vm, 1, set_x, &m->f, NULL, "Future.set_result");
    AL_AWAIT(g, &m->f, m->r);
    al_print(vm, "%v %g", m->r, al_time(vm));
    al_future_init(&m->h, vm, "Future");
    al_call_later(vm, 0.5, set_k, &m->h, NULL, "Future.set_exception");
    AL_AWAIT_TRY(g, &m->h, m->r);
    m->e = al_except(g, &al_KeyError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "raised %r %g", m->e, al_time(vm));
    AL_RETURN(g, str("end"));
    AL_GEN_END(g);
}
static const al_gen_def awaited_def = {"main", awaited_body, true};

START_TEST(await_gives_the_result_or_raises_the_exception)
{
    RUN_OK(fut_main, awaited_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert(al_equal(out, str("end")));
    ck_assert_str_eq(outputs(), "x 1.0|raised KeyError('k') 1.5");
}
END_TEST

/* ---- asyncio.sleep(delay, result) gives its result back ----
 *
 * async def main():
 *     print(await asyncio.sleep(0, "zero"), await asyncio.sleep(1.5, "later"), now())
 */
typedef struct sleep_main {
    fut_main m;
    al_value a;
} sleep_main;

static al_signal sleep_result_body(al_gen *g)
{
    sleep_main *x = (sleep_main *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&x->m.sleep, vm, 0, str("zero")), x->a);
    AL_YIELD_FROM(g, al_sleep(&x->m.sleep, vm, 1.5, str("later")), x->m.r);
    al_print(vm, "%v %v %g", x->a, x->m.r, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def sleep_result_def = {"main", sleep_result_body, true};

START_TEST(sleep_returns_its_result)
{
    RUN_OK(sleep_main, sleep_result_def);
    ck_assert_str_eq(outputs(), "zero later 1.5");
}
END_TEST

static Suite *future_suite(void)
{
    Suite *s = suite_create("future");
    TCase *tc = tcase_create("future");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, result_and_exception_of_a_pending_future);
    tcase_add_test(tc, cancelled_future_raises_cancelled_error_with_its_message);
    tcase_add_test(tc, set_result_twice_is_an_invalid_state);
    tcase_add_test(tc, done_callbacks_run_one_iteration_later_in_order);
    tcase_add_test(tc, remove_done_callback_counts_removed_entries);
    tcase_add_test(tc, await_gives_the_result_or_raises_the_exception);
    tcase_add_test(tc, sleep_returns_its_result);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(future_suite)
