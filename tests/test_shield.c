/*
 * test_shield.c: asyncio.shield (shield.c) against CPython 3.11.  Each
 * test quotes its Python twin; job() and now() are the prelude in
 * unit_async.h, and the expected lines are what
 * "python3 tests/harness/vclock.py twin.py" printed.
 */
#include "unit_async.h"

typedef struct shield_main {
    al_gen g;
    al_task *inner, *w;
    al_future *outer, f;
    al_value r;
    al_sleep_co sleep;
} shield_main;

#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)

/* ---- the outer await is cancelled, the inner task runs on ----
 *
 * async def waiter(aw):
 *     try:
 *         r = await asyncio.shield(aw)
 *         print("waiter got", r, now())
 *     except CancelledError as e:
 *         print("waiter cancelled", repr(e), now())
 *         raise
 * async def main():
 *     inner = asyncio.create_task(job("inner", 2, "R"))
 *     w = asyncio.create_task(waiter(inner))
 *     await asyncio.sleep(1)
 *     print("cancel", w.cancel("stop"), inner.done())
 *     r = await asyncio.gather(w, return_exceptions=True)
 *     print(r, w.cancelled(), inner.done(), now())
 *     print("inner result", await inner, now())
 *     # a coroutine is wrapped in a task; nothing cancels it here
 *     print("coro", await asyncio.shield(job("c", 1, 7)), now())
 *     # a done future is returned as it is
 *     f = asyncio.get_running_loop().create_future()
 *     f.set_result(5)
 *     print("same", asyncio.shield(f) is f)
 */
typedef struct waiter_co {
    al_gen g;
    al_future *aw;
    al_value r;
} waiter_co;

static al_signal waiter_body(al_gen *g)
{
    waiter_co *w = (waiter_co *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    AL_AWAIT_TRY(g, al_shield(vm, w->aw), w->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "waiter got %v %g", w->r, al_time(vm));
    if (!al_is_none(e = al_except(g, &al_CancelledError))) {
        al_print(vm, "waiter cancelled %r %g", e, al_time(vm));
        AL_RAISE(g, e);
    }
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def waiter_def = {"waiter", waiter_body, true};

static al_signal outer_cancelled_body(al_gen *g)
{
    shield_main *m = (shield_main *)g;
    AL_GEN_BEGIN(g);
    m->inner = spawn("inner", 2, str("R"), al_none());
    {
        waiter_co *w = (waiter_co *)al_gen_new(vm, sizeof *w, &waiter_def);
        w->aw = al_task_fut(m->inner);
        m->w = al_create_task(vm, &w->g);
    }
    SLEEP(m, 1);
    al_print(vm, "cancel %v %v", al_bool(al_task_cancel(m->w, str("stop"))),
             al_bool(al_future_done(al_task_fut(m->inner))));
    {
        al_future *fs[1] = {al_task_fut(m->w)};
        m->outer = al_gather(vm, 1, fs, true);
    }
    AL_AWAIT(g, m->outer, m->r);
    al_print(vm, "%r %v %v %g", m->r, al_bool(al_future_cancelled(al_task_fut(m->w))),
             al_bool(al_future_done(al_task_fut(m->inner))), al_time(vm));
    AL_AWAIT(g, al_task_fut(m->inner), m->r);
    al_print(vm, "inner result %v %g", m->r, al_time(vm));
    AL_AWAIT(g, al_shield_coro(vm, job("c", 1, al_int(7), al_none())), m->r);
    al_print(vm, "coro %v %g", m->r, al_time(vm));
    al_future_init(&m->f, vm, "Future");
    al_future_set_result(&m->f, al_int(5));
    al_print(vm, "same %v", al_bool(al_shield(vm, &m->f) == &m->f));
    AL_GEN_END(g);
}
static const al_gen_def outer_cancelled_def = {"main", outer_cancelled_body, true};

START_TEST(outer_cancelled_inner_runs_on)
{
    RUN_OK(shield_main, outer_cancelled_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "cancel True False|waiter cancelled CancelledError('stop') 1.0|"
                                "[CancelledError('')] True False 1.0|inner done 2.0|inner result R 2.0|"
                                "c done 3.0|coro 7 3.0|same True");
}
END_TEST

/* The trace links inner and outer: one "shield" event per shield() of a
 * pending future (two here), the outer cancellation that leaves the inner
 * task running, and each inner completion an outer copied. */
static int count_shield(const char *what)
{
    int n = 0;
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        n += e.kind == AL_EV_SHIELD && strcmp(e.b.u.s->data, what) == 0;
    }
    return n;
}

START_TEST(trace_links_inner_and_outer)
{
    RUN_OK(shield_main, outer_cancelled_def);
    ck_assert_int_eq(count_shield("shield"), 2);
    ck_assert_int_eq(count_shield("outer done, inner runs on"), 1);
    ck_assert_int_eq(count_shield("inner done"), 1);
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        if (e.kind != AL_EV_SHIELD)
            continue;
        ck_assert_ptr_nonnull(al_trace_actor_name(rec, e.actor));
        ck_assert_str_eq(al_trace_actor_name(rec, e.other), "Task-2");
        break;
    }
}
END_TEST

/* ---- inner raises, inner cancelled, outer cancelled directly ----
 *
 * async def main():
 *     # the inner one raises: so does the outer
 *     try:
 *         await asyncio.shield(job("bad", 1, exc=ValueError("boom")))
 *     except ValueError as e:
 *         print("caught", repr(e), now())
 *     # the inner one is cancelled: the outer is cancelled too
 *     inner = asyncio.create_task(job("in", 5))
 *     outer = asyncio.shield(inner)
 *     await asyncio.sleep(1)
 *     inner.cancel("from inside")
 *     try:
 *         await outer
 *     except CancelledError as e:
 *         print("outer", repr(e), outer.cancelled(), now())
 *     # the outer is cancelled directly: the inner one runs on and raises
 *     inner = asyncio.create_task(job("late", 1, exc=KeyError("k")))
 *     outer = asyncio.shield(inner)
 *     print("outer.cancel", outer.cancel(), inner.done())
 *     await asyncio.sleep(2)
 *     print("inner", inner.done(), repr(inner.exception()), now())
 */
static al_signal outcomes_body(al_gen *g)
{
    shield_main *m = (shield_main *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    AL_AWAIT_TRY(g, al_shield_coro(vm, job("bad", 1, al_none(), boom("boom"))), m->r);
    e = al_except(g, &al_ValueError);
    ck_assert(!al_is_none(e));
    al_print(vm, "caught %r %g", e, al_time(vm));

    m->inner = spawn("in", 5, al_none(), al_none());
    m->outer = al_shield(vm, al_task_fut(m->inner));
    SLEEP(m, 1);
    al_task_cancel(m->inner, str("from inside"));
    AL_AWAIT_TRY(g, m->outer, m->r);
    e = al_except(g, &al_CancelledError);
    ck_assert(!al_is_none(e));
    al_print(vm, "outer %r %v %g", e, al_bool(al_future_cancelled(m->outer)), al_time(vm));

    m->inner = spawn("late", 1, al_none(), al_exc_msg(vm, &al_KeyError, "k"));
    m->outer = al_shield(vm, al_task_fut(m->inner));
    al_print(vm, "outer.cancel %v %v", al_bool(al_future_cancel(m->outer, al_none())),
             al_bool(al_future_done(al_task_fut(m->inner))));
    SLEEP(m, 2);
    al_future_exception(al_task_fut(m->inner), &e);
    al_print(vm, "inner %v %r %g", al_bool(al_future_done(al_task_fut(m->inner))), e, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def outcomes_def = {"main", outcomes_body, true};

START_TEST(inner_outcomes_reach_the_outer)
{
    RUN_OK(shield_main, outcomes_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "bad raises 1.0|caught ValueError('boom') 1.0|"
                                "in cancelled CancelledError('from inside') 2.0|"
                                "outer CancelledError() True 2.0|outer.cancel True False|"
                                "late raises 3.0|inner True KeyError('k') 4.0");
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, outer_cancelled_inner_runs_on);
    tcase_add_test(tc, inner_outcomes_reach_the_outer);
}

static Suite *shield_suite(void)
{
    Suite *s = suite_create("shield");
    add_tcase(s, "traced", setup, add_tests);
    add_tcase(s, "quiet", setup_quiet, add_tests);
    TCase *tc = tcase_create("trace");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, trace_links_inner_and_outer);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(shield_suite)
