/*
 * test_additions.c: what issue 9 adds to existing pieces: timeout(None),
 * timeout_at, Timeout.reschedule(), when(), expired() and repr; a
 * cancellable handle from call_soon; Semaphore(-1).  Each test quotes its
 * Python twin and what CPython 3.11.7 prints for it under
 *
 *     python3 tests/harness/vclock.py twin.py
 *
 * with this prelude in front:
 *
 *     import asyncio
 *     def now(): return asyncio.get_running_loop().time()
 */
#include "unit_async.h"

typedef struct ad_main {
    al_gen g;
    al_timeout cm, cm2, cm3;
    al_handle *h, *h2, *t;
    al_semaphore s;
    al_sleep_co sleep;
    al_value r, e;
} ad_main;

#define SLEEP_TRY(m, d) AL_YIELD_FROM_TRY(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)
#define SLEEP(m, d) do { SLEEP_TRY(m, d); AL_PROPAGATE(&(m)->g); } while (0)
#define CHECK_NONE(v) ck_assert_str_eq(repr_of(v), "None")

/* tm repr returns repr(t) (a static buffer, valid until the next call). */
static const char *tm_repr(const al_timeout *t)
{
    static char buf[128];
    al_buf b;
    al_buf_init(&b);
    al_timeout_repr(&b, t);
    snprintf(buf, sizeof buf, "%s", b.data);
    al_buf_free(&b);
    return buf;
}

static const char *py_bool(bool b) { return b ? "True" : "False"; }
static bool vm_traced(void) { return unit_len() > 0; }

/* ---- timeout(None), then a reschedule that fires ----
 *
 * async def main():
 *     try:
 *         async with asyncio.timeout(None) as cm:
 *             print("none", cm.when(), cm.expired(), repr(cm))
 *             await asyncio.sleep(1)
 *             cm.reschedule(now() + 0.5)
 *             print("resched", cm.when(), repr(cm))
 *             await asyncio.sleep(2)
 *     except TimeoutError as e:
 *         print("timeout", repr(e), repr(e.__cause__), e.__suppress_context__,
 *               now(), cm.expired(), repr(cm))
 *     try:
 *         cm.reschedule(5)
 *     except RuntimeError as e:
 *         print(repr(e))
 *
 * CPython: none None False <Timeout [active] when=None> /
 *          resched 1.5 <Timeout [active] when=1.5> /
 *          timeout TimeoutError() CancelledError() True 1.5 True <Timeout [expired]> /
 *          RuntimeError('Cannot change state of expired Timeout')
 */
static al_signal none_body(al_gen *g)
{
    ad_main *m = (ad_main *)g;
    AL_GEN_BEGIN(g);
    CHECK_NONE(al_timeout_init(&m->cm, vm, AL_NO_TIMEOUT));
    CHECK_NONE(al_timeout_aenter(&m->cm));
    al_print(vm, "none %r %s %s", al_timeout_when(&m->cm), py_bool(al_timeout_expired(&m->cm)),
             tm_repr(&m->cm));
    SLEEP_TRY(m, 1);
    if (al_is_none(al_pending(g))) {
        CHECK_NONE(al_timeout_reschedule(&m->cm, al_time(vm) + 0.5));
        al_print(vm, "resched %r %s", al_timeout_when(&m->cm), tm_repr(&m->cm));
        SLEEP_TRY(m, 2);
    }
    g->exc = al_timeout_exit(&m->cm, al_pending(g));
    m->e = al_except(g, &al_TimeoutError);
    AL_PROPAGATE(g);
    ck_assert(!al_is_none(m->e));
    {
        al_value cause = {.type = AL_EXC, .u.exc = m->e.u.exc->cause};
        al_print(vm, "timeout %r %r %s %g %s %s", m->e, cause,
                 py_bool(m->e.u.exc->suppress_context), al_time(vm),
                 py_bool(al_timeout_expired(&m->cm)), tm_repr(&m->cm));
    }
    al_print(vm, "%r", al_timeout_reschedule(&m->cm, 5));
    AL_GEN_END(g);
}
static const al_gen_def none_def = {"main", none_body, true};

START_TEST(timeout_none_then_rescheduled)
{
    RUN_OK(ad_main, none_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "none None False <Timeout [active] when=None>|"
                                "resched 1.5 <Timeout [active] when=1.5>|"
                                "timeout TimeoutError() CancelledError() True 1.5 True <Timeout [expired]>|"
                                "RuntimeError('Cannot change state of expired Timeout')");
    ck_assert_int_eq(count_events(AL_EV_TIMEOUT, 0), vm_traced() ? 4 : 0);
}
END_TEST

/* ---- timeout_at: created, entered twice, rescheduled to None and into
 * the past ----
 *
 * async def main():
 *     await asyncio.sleep(1.5)
 *     cm2 = asyncio.timeout_at(now() + 1)
 *     print(repr(cm2), cm2.when())
 *     try:
 *         cm2.reschedule(3)
 *     except RuntimeError as e:
 *         print(repr(e))
 *     async with cm2:
 *         print(repr(cm2))
 *         cm2.reschedule(None)
 *         print(repr(cm2))
 *         await asyncio.sleep(3)
 *     print("after", repr(cm2), cm2.expired(), now())
 *     try:
 *         async with cm2:
 *             pass
 *     except RuntimeError as e:
 *         print(repr(e))
 *     try:
 *         async with asyncio.timeout_at(now() + 0.1234567) as cm3:
 *             print(repr(cm3))
 *             cm3.reschedule(now() - 1)
 *             await asyncio.sleep(1)
 *     except TimeoutError:
 *         print("timeout", now(), repr(cm3))
 *
 * CPython: <Timeout [created]> 2.5 / RuntimeError('Timeout has not been entered') /
 *          <Timeout [active] when=2.5> / <Timeout [active] when=None> /
 *          after <Timeout [finished]> False 4.5 /
 *          RuntimeError('Timeout has already been entered') /
 *          <Timeout [active] when=4.623> / timeout 4.5 <Timeout [expired]>
 */
static al_signal at_body(al_gen *g)
{
    ad_main *m = (ad_main *)g;
    AL_GEN_BEGIN(g);
    SLEEP(m, 1.5);
    al_timeout_at_init(&m->cm2, vm, al_time(vm) + 1);
    al_print(vm, "%s %r", tm_repr(&m->cm2), al_timeout_when(&m->cm2));
    al_print(vm, "%r", al_timeout_reschedule(&m->cm2, 3));
    CHECK_NONE(al_timeout_aenter(&m->cm2));
    al_print(vm, "%s", tm_repr(&m->cm2));
    CHECK_NONE(al_timeout_reschedule(&m->cm2, AL_NO_TIMEOUT));
    al_print(vm, "%s", tm_repr(&m->cm2));
    SLEEP_TRY(m, 3);
    g->exc = al_timeout_exit(&m->cm2, al_pending(g));
    AL_PROPAGATE(g);
    al_print(vm, "after %s %s %g", tm_repr(&m->cm2), py_bool(al_timeout_expired(&m->cm2)), al_time(vm));
    al_print(vm, "%r", al_timeout_aenter(&m->cm2));
    al_timeout_at_init(&m->cm3, vm, al_time(vm) + 0.1234567);
    CHECK_NONE(al_timeout_aenter(&m->cm3));
    al_print(vm, "%s", tm_repr(&m->cm3));
    CHECK_NONE(al_timeout_reschedule(&m->cm3, al_time(vm) - 1));
    SLEEP_TRY(m, 1);
    g->exc = al_timeout_exit(&m->cm3, al_pending(g));
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "timeout %g %s", al_time(vm), tm_repr(&m->cm3));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def at_def = {"main", at_body, true};

START_TEST(timeout_at_entered_twice_and_rescheduled)
{
    RUN_OK(ad_main, at_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "<Timeout [created]> 2.5|RuntimeError('Timeout has not been entered')|"
                                "<Timeout [active] when=2.5>|<Timeout [active] when=None>|"
                                "after <Timeout [finished]> False 4.5|"
                                "RuntimeError('Timeout has already been entered')|"
                                "<Timeout [active] when=4.623>|timeout 4.5 <Timeout [expired]>");
}
END_TEST

/* ---- outside a task, and an exit that was never entered ----
 *
 * A Timeout entered outside a task raises RuntimeError('Timeout should be
 * used inside a task') (timeouts.py); __aexit__ without __aenter__ fails
 * timeouts.py's assert, an AssertionError.  (Python cannot reach the
 * second through "async with"; C can, and gets the same exception.)
 */
START_TEST(timeout_outside_a_task)
{
    al_timeout t;
    ck_assert_str_eq(repr_of(al_timeout_init(&t, vm, 1)), "RuntimeError('no running event loop')");
    al_timeout_at_init(&t, vm, 1);
    ck_assert_str_eq(repr_of(al_timeout_aenter(&t)), "RuntimeError('Timeout should be used inside a task')");
    ck_assert_str_eq(repr_of(al_timeout_exit(&t, al_none())), "AssertionError()");
}
END_TEST

/* ---- call_soon's handle: cancel(), cancelled(); Semaphore(-1) ----
 *
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     h = loop.call_soon(print, "soon 1")
 *     h2 = loop.call_soon(print, "soon 2")
 *     print(h.cancelled(), h2.cancelled())
 *     h.cancel()
 *     print(h.cancelled())
 *     await asyncio.sleep(0)
 *     h2.cancel()
 *     print(h2.cancelled())
 *     t = loop.call_later(1, print, "later")
 *     t.cancel(); t.cancel()
 *     print(t.cancelled())
 *     try:
 *         asyncio.Semaphore(-1)
 *     except ValueError as e:
 *         print(repr(e))
 *     s = asyncio.Semaphore(0)
 *     print(s.locked())
 *     await asyncio.sleep(2)
 *     print("end", now())
 *
 * CPython: False False / True / soon 2 / True / True /
 *          ValueError('Semaphore initial value must be >= 0') / True / end 2.0
 */
static void print_cb(al_vm *v, void *text, void *unused)
{
    (void)unused;
    al_print(v, "%s", (const char *)text);
}

static al_signal handle_body(al_gen *g)
{
    ad_main *m = (ad_main *)g;
    AL_GEN_BEGIN(g);
    m->h = al_call_soon_handle(vm, print_cb, "soon 1", NULL, "print");
    m->h2 = al_call_soon_handle(vm, print_cb, "soon 2", NULL, "print");
    al_print(vm, "%s %s", py_bool(al_handle_cancelled(m->h)), py_bool(al_handle_cancelled(m->h2)));
    al_handle_cancel(vm, m->h);
    al_print(vm, "%s", py_bool(al_handle_cancelled(m->h)));
    SLEEP(m, 0);
    al_handle_cancel(vm, m->h2);
    al_print(vm, "%s", py_bool(al_handle_cancelled(m->h2)));
    m->t = al_call_later(vm, 1, print_cb, "later", NULL, "print");
    al_handle_cancel(vm, m->t);
    al_handle_cancel(vm, m->t);
    al_print(vm, "%s", py_bool(al_handle_cancelled(m->t)));
    al_print(vm, "%r", al_semaphore_init(&m->s, vm, "s", -1));
    CHECK_NONE(al_semaphore_init(&m->s, vm, "s", 0));
    al_print(vm, "%s", py_bool(al_semaphore_locked(&m->s)));
    SLEEP(m, 2);
    al_print(vm, "end %g", al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def handle_def = {"main", handle_body, true};

START_TEST(call_soon_handle_and_negative_semaphore)
{
    RUN_OK(ad_main, handle_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "False False|True|soon 2|True|True|"
                                "ValueError('Semaphore initial value must be >= 0')|True|end 2.0");
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, timeout_none_then_rescheduled);
    tcase_add_test(tc, timeout_at_entered_twice_and_rescheduled);
    tcase_add_test(tc, timeout_outside_a_task);
    tcase_add_test(tc, call_soon_handle_and_negative_semaphore);
}

static Suite *additions_suite(void)
{
    Suite *s = suite_create("additions");
    add_tcase(s, "traced", setup, add_tests);
    add_tcase(s, "untraced", setup_quiet, add_tests);
    return s;
}

UNIT_MAIN(additions_suite)
