/*
 * test_loop.c: the event loop's phases and what the trace says about
 * callbacks, checked against CPython 3.11 (the twin is quoted below and
 * was run with tests/harness/vclock.py; see unit_async.h).
 *
 *     async def main():
 *         loop = asyncio.get_running_loop()
 *         done = loop.create_future()
 *         def a():
 *             print("a", now())
 *             loop.call_soon(c)
 *         def b(): print("b", now())
 *         def c(): print("c", now())
 *         def t(name):
 *             print(name, now())
 *             if name == "t1b":
 *                 done.set_result(name)
 *         loop.call_later(0, t, "t0")
 *         loop.call_later(1, t, "t1a")
 *         loop.call_later(1, t, "t1b")
 *         loop.call_soon(a)
 *         loop.call_soon(b)
 *         print("main waits", now())
 *         print("main got", await done, now())
 *
 * prints: main waits 0.0 | a 0.0 | b 0.0 | t0 0.0 | c 0.0 | t1a 1.0 |
 * t1b 1.0 | main got t1b 1.0.  A timer due now joins the ready queue
 * behind the callbacks already there; a callback scheduled by a callback
 * waits for the next iteration; equal deadlines fire in call order.
 */
#include "unit_async.h"

static al_future *done;

static void cb_c(al_vm *v, void *a, void *b)
{
    (void)a, (void)b;
    al_print(v, "c %g", al_time(v));
}

static void cb_a(al_vm *v, void *a, void *b)
{
    (void)a, (void)b;
    al_print(v, "a %g", al_time(v));
    al_call_soon(v, cb_c, NULL, NULL, "c");
}

static void cb_b(al_vm *v, void *a, void *b)
{
    (void)a, (void)b;
    al_print(v, "b %g", al_time(v));
}

static void cb_t(al_vm *v, void *a, void *name)
{
    (void)a;
    al_print(v, "%s %g", (const char *)name, al_time(v));
    if (strcmp(name, "t1b") == 0)
        al_future_set_result(done, str("t1b"));
}

typedef struct main_co {
    al_gen g;
    al_value r;
} main_co;

static al_signal main_body(al_gen *g)
{
    main_co *m = (main_co *)g;
    AL_GEN_BEGIN(g);
    done = al_future_new(g->vm, "done");
    al_call_later(g->vm, 0, cb_t, NULL, "t0", "t");
    al_call_later(g->vm, 1, cb_t, NULL, "t1a", "t");
    al_call_later(g->vm, 1, cb_t, NULL, "t1b", "t");
    al_call_soon(g->vm, cb_a, NULL, NULL, "a");
    al_call_soon(g->vm, cb_b, NULL, NULL, "b");
    al_print(g->vm, "main waits %g", al_time(g->vm));
    AL_AWAIT(g, done, m->r);
    al_print(g->vm, "main got %v %g", m->r, al_time(g->vm));
    AL_GEN_END(g);
}

static const al_gen_def main_def = {"main", main_body, true};

START_TEST(test_phase_order)
{
    RUN_OK(main_co, main_def);
    ck_assert_str_eq(outputs(), "main waits 0.0|a 0.0|b 0.0|t0 0.0|c 0.0|t1a 1.0|t1b 1.0|"
                                "main got t1b 1.0");
}
END_TEST

/* actor_named finds an actor id by name (0 if none). */
static uint32_t actor_named(const char *name) { return unit_actor_id(name); }

/* The actor of the event of a kind whose first value is the str text. */
static uint32_t actor_of(al_ev_kind kind, const char *text)
{
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        if (e.kind == kind && e.a.type == AL_STR && strcmp(e.a.u.s->data, text) == 0)
            return e.actor;
    }
    return 0;
}

/* What a plain callback prints or schedules is the loop's doing, not
 * main's: main is blocked inside asyncio.run while the loop runs it.
 * Code outside the run stays main's, and a coroutine's stays its own. */
START_TEST(test_callback_actor)
{
    al_print(vm, "before");
    RUN_OK(main_co, main_def);
    uint32_t loop = actor_named("loop"), main = actor_named("main");
    ck_assert_uint_ne(loop, 0);
    ck_assert_uint_eq(actor_of(AL_EV_OUTPUT, "before"), main);
    ck_assert_uint_eq(actor_of(AL_EV_OUTPUT, "a 0.0"), loop);
    ck_assert_uint_eq(actor_of(AL_EV_OUTPUT, "t1b 1.0"), loop);
    ck_assert_uint_ne(actor_of(AL_EV_OUTPUT, "main waits 0.0"), loop);
    ck_assert_uint_ne(actor_of(AL_EV_OUTPUT, "main waits 0.0"), main);
    /* a's call_soon(c) and the wake-up done's completion schedules. */
    int from_loop = 0;
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        from_loop += e.kind == AL_EV_CALL_SOON && e.actor == loop;
    }
    ck_assert_int_eq(from_loop, 2);
}
END_TEST

static Suite *loop_suite(void)
{
    Suite *s = suite_create("loop");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_phase_order);
    tcase_add_test(tc, test_callback_actor);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(loop_suite)
