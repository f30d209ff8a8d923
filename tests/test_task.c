/*
 * test_task.c: asyncio.Task (task.c) against CPython 3.11: when a task
 * first runs, its name, cancellation in all its forms, and how a task's
 * result or exception reaches whoever awaits it.  Each test quotes its
 * Python twin; job() and now() are the prelude in unit_async.h.
 */
#include "unit_async.h"

typedef struct task_main {
    al_gen g;
    al_task *t, *u;
    al_value r, e;
    al_sleep_co sleep;
} task_main;

/* SLEEP(m, d): await asyncio.sleep(d) in a task_main body. */
#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)

static const char *name_of(al_task *t) { return t->name; }

/* ---- a new task runs only once its creator suspends ----
 *
 * async def child():
 *     print("child runs", asyncio.current_task().get_name())
 *     return 3
 * async def main():
 *     t = asyncio.create_task(child())
 *     print("created", t.get_name(), t.done())
 *     print("still main")
 *     await asyncio.sleep(0)
 *     print("main back", t.done(), t.result())
 */
static al_signal child_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    al_print(vm, "child runs %s", name_of(al_current_task(vm)));
    AL_RETURN(g, al_int(3));
    AL_GEN_END(g);
}
static const al_gen_def child_def = {"child", child_body, true};

static al_signal order_body(al_gen *g)
{
    task_main *m = (task_main *)g;
    AL_GEN_BEGIN(g);
    m->t = al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &child_def));
    al_print(vm, "created %s %v", name_of(m->t), al_bool(al_future_done(al_task_fut(m->t))));
    al_print(vm, "still main");
    SLEEP(m, 0);
    ck_assert_int_eq(al_future_result(al_task_fut(m->t), &m->r), AL_RETURNED);
    al_print(vm, "main back %v %v", al_bool(al_future_done(al_task_fut(m->t))), m->r);
    AL_GEN_END(g);
}
static const al_gen_def order_def = {"main", order_body, true};

START_TEST(new_task_runs_after_its_creator_suspends)
{
    RUN_OK(task_main, order_def);
    ck_assert_str_eq(outputs(), "created Task-2 False|still main|child runs Task-2|main back True 3");
}
END_TEST

/* ---- names, current_task and all_tasks ----
 *
 * async def who():
 *     print("in", asyncio.current_task().get_name())
 * async def main():
 *     print("main is", asyncio.current_task().get_name())
 *     a = asyncio.create_task(who())
 *     b = asyncio.create_task(who())
 *     b.set_name("bee")
 *     c = asyncio.create_task(who())
 *     print(sorted(t.get_name() for t in asyncio.all_tasks()))
 *     await asyncio.sleep(0)
 *     print(sorted(t.get_name() for t in asyncio.all_tasks()))
 *     print(asyncio.current_task() is not a, c.get_name())
 */
static al_signal who_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    al_print(vm, "in %s", name_of(al_current_task(vm)));
    AL_GEN_END(g);
}
static const al_gen_def who_def = {"who", who_body, true};

static int by_name(const void *a, const void *b)
{
    return strcmp((*(al_task *const *)a)->name, (*(al_task *const *)b)->name);
}

static void print_all_tasks(void)
{
    al_task *ts[8];
    size_t n = al_all_tasks(vm, ts, 8);
    ck_assert_uint_le(n, 8);
    qsort(ts, n, sizeof *ts, by_name);
    al_value names = al_list_new(vm, n);
    for (size_t i = 0; i < n; i++)
        al_list_append(vm, names, str(ts[i]->name));
    al_print(vm, "%r", names);
}

static al_signal names_body(al_gen *g)
{
    task_main *m = (task_main *)g;
    al_task *b;
    AL_GEN_BEGIN(g);
    al_print(vm, "main is %s", name_of(al_current_task(vm)));
    m->t = al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &who_def));
    b = al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &who_def));
    al_task_set_name(b, "bee");
    m->u = al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &who_def));
    print_all_tasks();
    SLEEP(m, 0);
    print_all_tasks();
    al_print(vm, "%v %s", al_bool(al_current_task(vm) != m->t), name_of(m->u));
    AL_GEN_END(g);
}
static const al_gen_def names_def = {"main", names_body, true};

START_TEST(tasks_are_named_as_cpython_numbers_them)
{
    RUN_OK(task_main, names_def);
    ck_assert_str_eq(outputs(), "main is Task-1|['Task-1', 'Task-2', 'Task-4', 'bee']|"
                                "in Task-2|in bee|in Task-4|['Task-1']|True Task-4");
    ck_assert_ptr_null(al_current_task(vm));
}
END_TEST

/* ---- cancel a sleeping task ----
 *
 * async def main():
 *     t = asyncio.create_task(job("sleeper", 10))
 *     await asyncio.sleep(1)
 *     print("cancel ->", t.cancel(), t.cancelling(), t.done())
 *     try:
 *         await t
 *     except CancelledError as e:
 *         print("main got", repr(e), now())
 *     print("cancelled", t.cancelled(), t.done())
 *     for m in (t.result, t.exception):
 *         try:
 *             m()
 *         except CancelledError as e:
 *             print("raises", repr(e))
 *     print("cancel again", t.cancel(), t.cancelling())
 */
static al_signal cancel_sleeping_body(al_gen *g)
{
    task_main *m = (task_main *)g;
    AL_GEN_BEGIN(g);
    m->t = spawn("sleeper", 10, al_none(), al_none());
    SLEEP(m, 1);
    {
        bool c = al_task_cancel(m->t, al_none());
        al_print(vm, "cancel -> %v %d %v", al_bool(c), al_task_cancelling(m->t),
                 al_bool(al_future_done(al_task_fut(m->t))));
    }
    AL_AWAIT_TRY(g, al_task_fut(m->t), m->r);
    m->e = al_except(g, &al_CancelledError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "main got %r %g", m->e, al_time(vm));
    al_print(vm, "cancelled %v %v", al_bool(al_future_cancelled(al_task_fut(m->t))),
             al_bool(al_future_done(al_task_fut(m->t))));
    ck_assert_int_eq(al_future_result(al_task_fut(m->t), &m->e), AL_RAISED);
    al_print(vm, "raises %r", m->e);
    ck_assert_int_eq(al_future_exception(al_task_fut(m->t), &m->e), AL_RAISED);
    al_print(vm, "raises %r", m->e);
    {
        bool c = al_task_cancel(m->t, al_none());
        al_print(vm, "cancel again %v %d", al_bool(c), al_task_cancelling(m->t));
    }
    AL_GEN_END(g);
}
static const al_gen_def cancel_sleeping_def = {"main", cancel_sleeping_body, true};

START_TEST(cancel_a_sleeping_task)
{
    RUN_OK(task_main, cancel_sleeping_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "cancel -> True 1 False|sleeper cancelled CancelledError() 1.0|"
                                "main got CancelledError() 1.0|cancelled True True|"
                                "raises CancelledError()|raises CancelledError()|cancel again False 1");
}
END_TEST

/* ---- cancel before the first step ----
 *
 * async def never():
 *     print("never runs")
 * async def main():
 *     t = asyncio.create_task(never())
 *     print(t.cancel("early"), t.cancelled(), t.cancelling())
 *     await asyncio.sleep(0)
 *     print(t.cancelled(), t.done())
 *     try:
 *         t.result()
 *     except CancelledError as e:
 *         print("result", repr(e))
 */
static al_signal never_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    al_print(vm, "never runs");
    AL_GEN_END(g);
}
static const al_gen_def never_def = {"never", never_body, true};

static al_signal cancel_first_body(al_gen *g)
{
    task_main *m = (task_main *)g;
    AL_GEN_BEGIN(g);
    m->t = al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &never_def));
    {
        bool c = al_task_cancel(m->t, str("early"));
        al_print(vm, "%v %v %d", al_bool(c), al_bool(al_future_cancelled(al_task_fut(m->t))),
                 al_task_cancelling(m->t));
    }
    SLEEP(m, 0);
    al_print(vm, "%v %v", al_bool(al_future_cancelled(al_task_fut(m->t))),
             al_bool(al_future_done(al_task_fut(m->t))));
    ck_assert_int_eq(al_future_result(al_task_fut(m->t), &m->e), AL_RAISED);
    al_print(vm, "result %r", m->e);
    AL_GEN_END(g);
}
static const al_gen_def cancel_first_def = {"main", cancel_first_body, true};

START_TEST(cancel_before_the_first_step)
{
    RUN_OK(task_main, cancel_first_def);
    ck_assert_str_eq(outputs(), "True False 1|True True|result CancelledError('early')");
}
END_TEST

/* ---- the message of cancel(msg) reaches the coroutine ----
 *
 * async def main():
 *     t = asyncio.create_task(job("sleeper", 10))
 *     await asyncio.sleep(1)
 *     t.cancel("go away")
 *     try:
 *         await t
 *     except CancelledError as e:
 *         print("main got", repr(e))
 *     try:
 *         t.result()   # the task's own record: Future.cancel() had no msg
 *     except CancelledError as e:
 *         print("result", repr(e))
 */
static al_signal cancel_msg_body(al_gen *g)
{
    task_main *m = (task_main *)g;
    AL_GEN_BEGIN(g);
    m->t = spawn("sleeper", 10, al_none(), al_none());
    SLEEP(m, 1);
    ck_assert(al_task_cancel(m->t, str("go away")));
    AL_AWAIT_TRY(g, al_task_fut(m->t), m->r);
    m->e = al_except(g, &al_CancelledError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "main got %r", m->e);
    ck_assert_int_eq(al_future_result(al_task_fut(m->t), &m->e), AL_RAISED);
    al_print(vm, "result %r", m->e);
    AL_GEN_END(g);
}
static const al_gen_def cancel_msg_def = {"main", cancel_msg_body, true};

START_TEST(cancel_message_reaches_the_coroutine)
{
    RUN_OK(task_main, cancel_msg_def);
    ck_assert_str_eq(outputs(), "sleeper cancelled CancelledError('go away') 1.0|"
                                "main got CancelledError('go away')|result CancelledError()");
}
END_TEST

/* ---- a task that swallows CancelledError is not cancelled ----
 *
 * async def stubborn():
 *     try:
 *         await asyncio.sleep(10)
 *     except CancelledError as e:
 *         print("stubborn caught", repr(e), now())
 *     return "kept"
 * async def main():
 *     t = asyncio.create_task(stubborn())
 *     await asyncio.sleep(1)
 *     print(t.cancel())
 *     print(await t, t.cancelled(), t.cancelling(), now())
 */
typedef struct stubborn_co {
    al_gen g;
    al_sleep_co sleep;
    al_value r, e;
} stubborn_co;

static al_signal stubborn_body(al_gen *g)
{
    stubborn_co *s = (stubborn_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&s->sleep, vm, 10, al_none()), s->r);
    if (!al_is_none(s->e = al_except(g, &al_CancelledError)))
        al_print(vm, "stubborn caught %r %g", s->e, al_time(vm));
    AL_PROPAGATE(g);
    AL_RETURN(g, str("kept"));
    AL_GEN_END(g);
}
static const al_gen_def stubborn_def = {"stubborn", stubborn_body, true};

static al_signal stubborn_main_body(al_gen *g)
{
    task_main *m = (task_main *)g;
    AL_GEN_BEGIN(g);
    m->t = al_create_task(vm, al_gen_new(vm, sizeof(stubborn_co), &stubborn_def));
    SLEEP(m, 1);
    al_print(vm, "%v", al_bool(al_task_cancel(m->t, al_none())));
    AL_AWAIT(g, al_task_fut(m->t), m->r);
    al_print(vm, "%v %v %d %g", m->r, al_bool(al_future_cancelled(al_task_fut(m->t))),
             al_task_cancelling(m->t), al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def stubborn_main_def = {"main", stubborn_main_body, true};

START_TEST(task_that_catches_cancel_returns_normally)
{
    RUN_OK(task_main, stubborn_main_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "True|stubborn caught CancelledError() 1.0|kept False 1 1.0");
}
END_TEST

/* ---- cancelling() and uncancel() count cancel requests ----
 *
 * async def main():
 *     t = asyncio.create_task(job("twice", 10))
 *     await asyncio.sleep(1)
 *     print(t.cancel(), t.cancel(), t.cancelling())
 *     print(t.uncancel(), t.uncancel(), t.uncancel())
 *     print(t.cancelling(), t.cancel(), t.cancelling())
 *     try:
 *         await t
 *     except CancelledError as e:
 *         print("main got", repr(e))
 *     print(t.cancelled(), t.cancelling(), t.cancel(), t.cancelling())
 */
static al_signal counts_body(al_gen *g)
{
    task_main *m = (task_main *)g;
    AL_GEN_BEGIN(g);
    m->t = spawn("twice", 10, al_none(), al_none());
    SLEEP(m, 1);
    {
        bool a = al_task_cancel(m->t, al_none()), b = al_task_cancel(m->t, al_none());
        al_print(vm, "%v %v %d", al_bool(a), al_bool(b), al_task_cancelling(m->t));
        int u1 = al_task_uncancel(m->t), u2 = al_task_uncancel(m->t), u3 = al_task_uncancel(m->t);
        al_print(vm, "%d %d %d", u1, u2, u3);
        int before = al_task_cancelling(m->t);
        bool c = al_task_cancel(m->t, al_none());
        al_print(vm, "%d %v %d", before, al_bool(c), al_task_cancelling(m->t));
    }
    AL_AWAIT_TRY(g, al_task_fut(m->t), m->r);
    al_print(vm, "main got %r", al_except(g, &al_CancelledError));
    {
        bool cd = al_future_cancelled(al_task_fut(m->t));
        int before = al_task_cancelling(m->t);
        bool c = al_task_cancel(m->t, al_none());
        al_print(vm, "%v %d %v %d", al_bool(cd), before, al_bool(c), al_task_cancelling(m->t));
    }
    AL_GEN_END(g);
}
static const al_gen_def counts_def = {"main", counts_body, true};

START_TEST(cancelling_and_uncancel_count_requests)
{
    RUN_OK(task_main, counts_def);
    ck_assert_str_eq(outputs(), "True True 2|1 0 0|0 True 1|twice cancelled CancelledError() 1.0|"
                                "main got CancelledError()|True 1 False 1");
}
END_TEST

/* ---- a task that cancels itself ----
 *
 * async def a():
 *     asyncio.current_task().cancel("self")
 *     try:
 *         await asyncio.sleep(1)     # the new future is cancelled at once
 *     except CancelledError as e:
 *         print("a caught", repr(e), now())
 *         raise
 * async def b():
 *     asyncio.current_task().cancel()
 *     print("b still runs")
 *     await asyncio.sleep(0)         # the next step throws
 *     print("not reached")
 * async def c():
 *     asyncio.current_task().cancel("c msg")
 *     return 5                       # cancelled right before it stops
 * async def main():
 *     ts = [asyncio.create_task(x()) for x in (a, b, c)]
 *     await asyncio.wait(ts)
 *     for t in ts:
 *         try:
 *             t.result()
 *         except CancelledError as e:
 *             print(t.get_name(), t.cancelled(), repr(e), now())
 */
typedef struct self_co {
    al_gen g;
    int which;
    al_sleep_co sleep;
    al_value r;
} self_co;

static al_signal self_body(al_gen *g)
{
    static const char *const msgs[3] = {"self", NULL, "c msg"};
    self_co *c = (self_co *)g;
    AL_GEN_BEGIN(g);
    al_task_cancel(al_current_task(vm), msgs[c->which] ? str(msgs[c->which]) : al_none());
    if (c->which == 2)
        AL_RETURN(g, al_int(5));
    if (c->which == 1)
        al_print(vm, "b still runs");
    AL_YIELD_FROM_TRY(g, al_sleep(&c->sleep, vm, c->which == 0 ? 1 : 0, al_none()), c->r);
    if (c->which == 0 && al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "a caught %r %g", al_pending(g), al_time(vm));
    AL_PROPAGATE(g);
    al_print(vm, "not reached");
    AL_GEN_END(g);
}
static const al_gen_def self_a = {"a", self_body, true}, self_b = {"b", self_body, true},
                        self_c = {"c", self_body, true};

typedef struct self_main {
    task_main m;
    al_future *fs[3];
    al_wait_co wait;
} self_main;

static al_signal self_main_body(al_gen *g)
{
    static const al_gen_def *const defs[3] = {&self_a, &self_b, &self_c};
    self_main *x = (self_main *)g;
    AL_GEN_BEGIN(g);
    for (int i = 0; i < 3; i++) {
        self_co *c = (self_co *)al_gen_new(vm, sizeof *c, defs[i]);
        c->which = i;
        x->fs[i] = al_task_fut(al_create_task(vm, &c->g));
    }
    AL_YIELD_FROM(g, al_wait(&x->wait, vm, 3, x->fs, AL_NO_TIMEOUT, AL_ALL_COMPLETED), x->m.r);
    for (int i = 0; i < 3; i++) {
        al_value e;
        ck_assert_int_eq(al_future_result(x->fs[i], &e), AL_RAISED);
        al_print(vm, "%s %v %r %g", ((al_task *)x->fs[i])->name, al_bool(al_future_cancelled(x->fs[i])),
                 e, al_time(vm));
    }
    AL_GEN_END(g);
}
static const al_gen_def self_main_def = {"main", self_main_body, true};

START_TEST(task_that_cancels_itself)
{
    ck_assert_int_eq(RUN(self_main, self_main_def), AL_RUN_OK);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "b still runs|a caught CancelledError('self') 0.0|"
                                "Task-2 True CancelledError('self') 0.0|Task-3 True CancelledError() 0.0|"
                                "Task-4 True CancelledError('c msg') 0.0");
}
END_TEST

/* ---- an exception in a task ----
 *
 * async def main():
 *     t = asyncio.create_task(job("bad", 1, exc=ValueError("boom")))
 *     await asyncio.sleep(2)
 *     print(t.done(), t.cancelled(), repr(t.exception()))
 *     try:
 *         await t
 *     except ValueError as e:
 *         print("await", repr(e))
 *     try:
 *         t.result()
 *     except ValueError as e:
 *         print("result", repr(e))
 *     u = asyncio.create_task(job("good", 1, 42))
 *     print("awaited", await u, repr(u.exception()))
 */
static al_signal raises_body(al_gen *g)
{
    task_main *m = (task_main *)g;
    AL_GEN_BEGIN(g);
    m->t = spawn("bad", 1, al_none(), boom("boom"));
    SLEEP(m, 2);
    ck_assert_int_eq(al_future_exception(al_task_fut(m->t), &m->e), AL_RETURNED);
    al_print(vm, "%v %v %r", al_bool(al_future_done(al_task_fut(m->t))),
             al_bool(al_future_cancelled(al_task_fut(m->t))), m->e);
    AL_AWAIT_TRY(g, al_task_fut(m->t), m->r);
    al_print(vm, "await %r", al_except(g, &al_ValueError));
    ck_assert_int_eq(al_future_result(al_task_fut(m->t), &m->e), AL_RAISED);
    al_print(vm, "result %r", m->e);
    m->u = spawn("good", 1, al_int(42), al_none());
    AL_AWAIT(g, al_task_fut(m->u), m->r);
    ck_assert_int_eq(al_future_exception(al_task_fut(m->u), &m->e), AL_RETURNED);
    al_print(vm, "awaited %v %r", m->r, m->e);
    AL_GEN_END(g);
}
static const al_gen_def raises_def = {"main", raises_body, true};

START_TEST(exception_in_a_task_is_kept_and_reraised)
{
    RUN_OK(task_main, raises_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "bad raises 1.0|True False ValueError('boom')|await ValueError('boom')|"
                                "result ValueError('boom')|good done 3.0|awaited 42 None");
}
END_TEST

/* ---- cancelling a task cancels the task it awaits ----
 *
 * async def outer(inner):
 *     try:
 *         return await inner
 *     except CancelledError as e:
 *         print("outer cancelled", repr(e), now())
 *         raise
 * async def main():
 *     inner = asyncio.create_task(job("inner", 5, "I"))
 *     o = asyncio.create_task(outer(inner))
 *     await asyncio.sleep(1)
 *     print(o.cancel("stop"))
 *     await asyncio.sleep(0)
 *     await asyncio.sleep(0)
 *     print(inner.cancelled(), o.cancelled(), now())
 */
typedef struct outer_co {
    al_gen g;
    al_task *inner;
    al_value r;
} outer_co;

static al_signal outer_body(al_gen *g)
{
    outer_co *o = (outer_co *)g;
    AL_GEN_BEGIN(g);
    AL_AWAIT_TRY(g, al_task_fut(o->inner), o->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "outer cancelled %r %g", al_pending(g), al_time(vm));
    AL_PROPAGATE(g);
    AL_RETURN(g, o->r);
    AL_GEN_END(g);
}
static const al_gen_def outer_def = {"outer", outer_body, true};

static al_signal chain_body(al_gen *g)
{
    task_main *m = (task_main *)g;
    AL_GEN_BEGIN(g);
    m->u = spawn("inner", 5, str("I"), al_none());
    {
        outer_co *o = (outer_co *)al_gen_new(vm, sizeof *o, &outer_def);
        o->inner = m->u;
        m->t = al_create_task(vm, &o->g);
    }
    SLEEP(m, 1);
    al_print(vm, "%v", al_bool(al_task_cancel(m->t, str("stop"))));
    SLEEP(m, 0);
    SLEEP(m, 0);
    al_print(vm, "%v %v %g", al_bool(al_future_cancelled(al_task_fut(m->u))),
             al_bool(al_future_cancelled(al_task_fut(m->t))), al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def chain_def = {"main", chain_body, true};

START_TEST(cancel_reaches_the_awaited_task)
{
    RUN_OK(task_main, chain_def);
    ck_assert_str_eq(outputs(), "True|inner cancelled CancelledError('stop') 1.0|"
                                "outer cancelled CancelledError('stop') 1.0|True True 1.0");
    /* the inner task counted the cancel it was asked for */
    ck_assert_int_eq(count_events(AL_EV_CANCEL, 0), 2);
}
END_TEST

static Suite *task_suite(void)
{
    Suite *s = suite_create("task");
    TCase *tc = tcase_create("task");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, new_task_runs_after_its_creator_suspends);
    tcase_add_test(tc, tasks_are_named_as_cpython_numbers_them);
    tcase_add_test(tc, cancel_a_sleeping_task);
    tcase_add_test(tc, cancel_before_the_first_step);
    tcase_add_test(tc, cancel_message_reaches_the_coroutine);
    tcase_add_test(tc, task_that_catches_cancel_returns_normally);
    tcase_add_test(tc, cancelling_and_uncancel_count_requests);
    tcase_add_test(tc, task_that_cancels_itself);
    tcase_add_test(tc, exception_in_a_task_is_kept_and_reraised);
    tcase_add_test(tc, cancel_reaches_the_awaited_task);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(task_suite)
