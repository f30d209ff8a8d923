/*
 * test_run.c: asyncio.run and the loop's edges, checked against what
 * CPython 3.11 prints for the same programs (each test names the Python
 * it mirrors).
 */
#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>


/* ---- async def forever(): try: await sleep(10) except CancelledError:
 *      print("forever cancelled"); raise ---- */
typedef struct forever_co {
    al_gen g;
    al_sleep_co sleep;
    al_value r;
} forever_co;

static al_signal forever_body(al_gen *g)
{
    forever_co *f = (forever_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, g->vm, 10, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(g->vm, "forever cancelled at %g", al_time(g->vm));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}

static const al_gen_def forever_def = {"forever", forever_body, true};

/* async def main(): t = create_task(forever()); await sleep(0);
 * print("main done", t.get_name()); return 7 */
typedef struct main_co {
    al_gen g;
    al_task *t;
    al_sleep_co sleep;
    al_value r;
} main_co;

static al_signal main_body(al_gen *g)
{
    main_co *m = (main_co *)g;
    AL_GEN_BEGIN(g);
    m->t = al_create_task(g->vm, al_gen_new(g->vm, sizeof(forever_co), &forever_def));
    AL_YIELD_FROM(g, al_sleep(&m->sleep, g->vm, 0, al_none()), m->r);
    al_print(g->vm, "main done %s", m->t->name);
    AL_RETURN(g, al_int(7));
    AL_GEN_END(g);
}

static const al_gen_def main_def = {"main", main_body, true};

static al_signal name_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    al_print(g->vm, "%s", al_current_task(g->vm)->name);
    AL_GEN_END(g);
}

static const al_gen_def name_def = {"m2", name_body, true};

START_TEST(run_cancels_pending_tasks_and_numbers_shutdown_tasks)
{
    /* CPython prints "main done Task-2", "forever cancelled at 0.0", 7,
     * then a second asyncio.run's main is Task-5: the first run's two
     * shutdown coroutines were Task-3 and Task-4. */
    al_signal sig;
    al_value out;
    ck_assert_int_eq(al_run(vm, al_gen_new(vm, sizeof(main_co), &main_def), &sig, &out), AL_RUN_OK);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert(al_equal(out, al_int(7)));
    ck_assert_int_eq(al_run(vm, al_gen_new(vm, sizeof(al_gen), &name_def), &sig, &out), AL_RUN_OK);
    ck_assert_str_eq(outputs(), "main done Task-2|forever cancelled at 0.0|Task-5");
}
END_TEST

/* ---- a deadlock: main awaits a future nobody completes, and a second
 * task waits on an Event nobody sets ---- */
typedef struct waiter_co {
    al_gen g;
    al_flag *e;
    al_flag_wait_co w;
    al_value r;
} waiter_co;

static al_signal waiter_body(al_gen *g)
{
    waiter_co *w = (waiter_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_flag_wait(&w->w, w->e), w->r);
    AL_GEN_END(g);
}

static const al_gen_def waiter_def = {"waiter", waiter_body, true};

typedef struct stuck_co {
    al_gen g;
    al_flag e;
    al_future f;
    al_value r;
} stuck_co;

static al_signal stuck_body(al_gen *g)
{
    stuck_co *s = (stuck_co *)g;
    AL_GEN_BEGIN(g);
    al_flag_init(&s->e, g->vm, "event");
    {
        waiter_co *w = (waiter_co *)al_gen_new(g->vm, sizeof *w, &waiter_def);
        w->e = &s->e;
        al_create_task(g->vm, &w->g);
    }
    al_future_init(&s->f, g->vm, "Future");
    AL_AWAIT(g, &s->f, s->r);
    AL_GEN_END(g);
}

static const al_gen_def stuck_def = {"stuck", stuck_body, true};

START_TEST(deadlock_is_reported_with_each_waiting_task)
{
    al_signal sig;
    al_value out;
    ck_assert_int_eq(al_run(vm, al_gen_new(vm, sizeof(stuck_co), &stuck_def), &sig, &out), AL_RUN_DEADLOCK);
    int found = 0;
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        if (e.kind != AL_EV_DEADLOCK)
            continue;
        /* the runtime records which task, no words: the views say
         * what it awaits from its last task_suspend */
        found++;
        ck_assert_str_eq(al_trace_actor_name(rec, e.actor), found == 1 ? "Task-1" : "Task-2");
        ck_assert_int_eq(e.a.type, AL_NONE);
        ck_assert_int_eq(e.other, 0);
    }
    ck_assert_int_eq(found, 2);
}
END_TEST

/* ---- two tasks each doing print + sleep(0) twice alternate: A1 B1 A2 B2;
 * and a blocking call freezes the clock for everyone ---- */
typedef struct pinger {
    al_gen g;
    const char *name;
    int i;
    double block;
    al_sleep_co sleep;
    al_value r;
} pinger;

static al_signal pinger_body(al_gen *g)
{
    pinger *p = (pinger *)g;
    AL_GEN_BEGIN(g);
    for (p->i = 1; p->i <= 2; p->i++) {
        al_print(g->vm, "%s%d %.2f", p->name, p->i, al_time(g->vm));
        if (p->block > 0)
            al_block(g->vm, p->block);
        AL_YIELD_FROM(g, al_sleep(&p->sleep, g->vm, 0, al_none()), p->r);
    }
    AL_GEN_END(g);
}

static const al_gen_def pinger_def = {"pinger", pinger_body, true};

typedef struct pair_co {
    al_gen g;
    al_future *all;
    al_value r;
    double block;
} pair_co;

static al_signal pair_body(al_gen *g)
{
    pair_co *m = (pair_co *)g;
    AL_GEN_BEGIN(g);
    {
        pinger *a = (pinger *)al_gen_new(g->vm, sizeof *a, &pinger_def);
        pinger *b = (pinger *)al_gen_new(g->vm, sizeof *b, &pinger_def);
        a->name = "A";
        a->block = m->block;
        b->name = "B";
        al_gen *kids[2] = {&a->g, &b->g};
        m->all = al_gather_coros(g->vm, 2, kids, false);
    }
    AL_AWAIT(g, m->all, m->r);
    al_print(g->vm, "%r", m->r);
    AL_GEN_END(g);
}

static const al_gen_def pair_def = {"pair", pair_body, true};

START_TEST(sleep0_alternates_and_blocking_freezes_everyone)
{
    al_signal sig;
    al_value out;
    pair_co *m = (pair_co *)al_gen_new(vm, sizeof(pair_co), &pair_def);
    m->block = 1.5;
    ck_assert_int_eq(al_run(vm, &m->g, &sig, &out), AL_RUN_OK);
    /* CPython: A blocks 1.5 s with time.sleep before each yield, and B
     * cannot run meanwhile. */
    ck_assert_str_eq(outputs(), "A1 0.00|B1 1.50|A2 1.50|B2 3.00|[None, None]");
}
END_TEST

/* ---- call_later ties fire in the order scheduled ---- */
static void say(al_vm *v, void *a, void *b)
{
    (void)b;
    al_print(v, "%s at %g", (const char *)a, al_time(v));
}

typedef struct ties_co {
    al_gen g;
    al_sleep_co sleep;
    al_value r;
} ties_co;

static al_signal ties_body(al_gen *g)
{
    ties_co *t = (ties_co *)g;
    AL_GEN_BEGIN(g);
    al_call_later(g->vm, 0.5, say, "first", NULL, "say");
    al_call_later(g->vm, 0.5, say, "second", NULL, "say");
    al_call_soon(g->vm, say, "soon", NULL, "say");
    al_handle_cancel(g->vm, al_call_later(g->vm, 0.25, say, "cancelled", NULL, "say"));
    al_call_later(g->vm, 0.5, say, "third", NULL, "say");
    AL_YIELD_FROM(g, al_sleep(&t->sleep, g->vm, 1, al_none()), t->r);
    AL_GEN_END(g);
}

static const al_gen_def ties_def = {"ties", ties_body, true};

START_TEST(equal_deadlines_fire_in_scheduling_order)
{
    al_signal sig;
    al_value out;
    ck_assert_int_eq(al_run(vm, al_gen_new(vm, sizeof(ties_co), &ties_def), &sig, &out), AL_RUN_OK);
    ck_assert_str_eq(outputs(), "soon at 0.0|first at 0.5|second at 0.5|third at 0.5");
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("run");
    TCase *tc = tcase_create("run");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, run_cancels_pending_tasks_and_numbers_shutdown_tasks);
    tcase_add_test(tc, deadlock_is_reported_with_each_waiting_task);
    tcase_add_test(tc, sleep0_alternates_and_blocking_freezes_everyone);
    tcase_add_test(tc, equal_deadlines_fire_in_scheduling_order);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(suite)
