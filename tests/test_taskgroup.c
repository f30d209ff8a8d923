/*
 * test_taskgroup.c: ExceptionGroup (excgroup.c) and asyncio.TaskGroup
 * (taskgroup.c) against CPython 3.11.  Each test quotes its Python twin;
 * job() and now() are the prelude in unit_async.h, and the expected lines
 * are what "python3 tests/harness/vclock.py twin.py" printed.
 *
 * "async with asyncio.TaskGroup() as tg: BODY" is written as
 *   al_taskgroup_init + al_taskgroup_enter, BODY with its exceptions kept
 *   pending, then AL_YIELD_FROM_TRY of al_taskgroup_exit(.., al_pending(g)).
 *
 * Just over 600 lines: each test quotes its Python twin in a comment.
 */
#include "unit_async.h"

typedef struct tg_main {
    al_gen g;
    al_taskgroup tg;
    al_taskgroup_exit_co exit;
    al_task *a, *b, *w;
    al_future *all;
    al_value r, e;
    al_sleep_co sleep;
} tg_main;

#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)
#define SLEEP_TRY(m, d) AL_YIELD_FROM_TRY(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)
/* "async with tg:" by hand: ENTER, and EXIT with whatever is pending at
 * the end of the block; WITH and WITH_END are the same through the
 * group's al_acm (AL_ASYNC_WITH), which the first two twins use. */
#define WITH(m) do { al_taskgroup_init(&(m)->tg, vm); AL_ASYNC_WITH(&(m)->g, &(m)->tg.cm, (m)->r); } while (0)
#define WITH_END(m) AL_ASYNC_WITH_END_TRY(&(m)->g, &(m)->tg.cm)
#define ENTER(m) do { al_taskgroup_init(&(m)->tg, vm); ck_assert(al_is_none(al_taskgroup_enter(&(m)->tg))); } while (0)
#define EXIT(m) AL_YIELD_FROM_TRY(&(m)->g, al_taskgroup_exit(&(m)->exit, &(m)->tg, al_pending(&(m)->g)), (m)->r)

static const char *tg_repr(const al_taskgroup *tg)
{
    static char buf[128];
    al_buf b;
    al_buf_init(&b);
    al_taskgroup_repr(&b, tg);
    snprintf(buf, sizeof buf, "%s", b.data);
    al_buf_free(&b);
    return buf;
}

static al_task *child(al_taskgroup *tg, al_gen *coro)
{
    al_value e;
    al_task *t = al_taskgroup_create_task(tg, coro, &e);
    ck_assert_ptr_nonnull(t);
    return t;
}

/* ---- ExceptionGroup: repr, str, split, subgroup, the constructor ----
 *
 * inner = ExceptionGroup('inner', [ValueError('c'), KeyError('k')])
 * eg = ExceptionGroup('msg', [ValueError('a'), TypeError('b'), inner])
 * print(repr(eg))
 * print(str(eg), eg.message, len(eg.exceptions))
 * print(eg.exceptions)
 * m, r = eg.split(ValueError)
 * print(repr(m))
 * print(repr(r))
 * print(repr(eg.subgroup(TypeError)), eg.subgroup(OSError))
 * print(eg.split(Exception)[0] is eg, eg.split(ZeroDivisionError)[0])
 * print(str(ExceptionGroup('one', [ValueError()])))
 * b = BaseExceptionGroup('b', [ValueError(1)])
 * print(type(b).__name__, isinstance(b, Exception))
 * b = BaseExceptionGroup('b', (CancelledError(),))
 * print(repr(b), isinstance(b, Exception), isinstance(eg, BaseExceptionGroup))
 * for args in [('x', [CancelledError()]), ('x', []), ('x', [1]), (1, [ValueError()]), ('x', 5)]:
 *     try:
 *         ExceptionGroup(*args)
 *     except (TypeError, ValueError) as e:
 *         print(repr(e))
 * try:
 *     raise ValueError('naked')
 * except* ValueError as e:
 *     print('star', repr(e))
 * try:
 *     try:
 *         raise eg
 *     except* TypeError as e:
 *         print('star T', repr(e))
 *     except* KeyError as e:
 *         print('star K', repr(e))
 * except ExceptionGroup as rest:
 *     print('rest', repr(rest))
 */
#define list_of(...) al_list(vm, __VA_ARGS__)

static al_value group(const al_exc_type *t, const char *msg, al_value excs)
{
    al_value eg;
    ck_assert_int_eq(al_exc_group(vm, t, str(msg), excs, &eg), AL_RETURNED);
    return eg;
}

static al_value eg_sample(void)
{
    al_value inner = group(&al_ExceptionGroup, "inner",
                           list_of(2, boom("c"), al_exc_msg(vm, &al_KeyError, "k")));
    return group(&al_ExceptionGroup, "msg",
                 list_of(3, boom("a"), al_exc_msg(vm, &al_TypeError, "b"), inner));
}

static void print_constructor_errors(void)
{
    al_value args[5][2] = {
        {str("x"), list_of(1, al_exc_noarg(vm, &al_CancelledError))},
        {str("x"), list_of(0)},
        {str("x"), list_of(1, al_int(1))},
        {al_int(1), list_of(1, al_exc_noarg(vm, &al_ValueError))},
        {str("x"), al_int(5)},
    };
    for (int i = 0; i < 5; i++) {
        al_value e;
        ck_assert_int_eq(al_exc_group(vm, &al_ExceptionGroup, args[i][0], args[i][1], &e), AL_RAISED);
        al_print(vm, "%r", e);
    }
}

static al_signal eg_body(al_gen *g)
{
    tg_main *x = (tg_main *)g;
    al_value eg, m, r, b;
    AL_GEN_BEGIN(g);
    eg = eg_sample();
    al_print(vm, "%r", eg);
    al_print(vm, "%v %v %d", eg, al_exc_group_message(eg), (int)al_exc_group_count(eg));
    al_print(vm, "%r", al_exc_group_exceptions(vm, eg));
    al_exc_group_split(vm, eg, &al_ValueError, &m, &r);
    al_print(vm, "%r", m);
    al_print(vm, "%r", r);
    al_print(vm, "%r %r", al_exc_group_subgroup(vm, eg, &al_TypeError),
             al_exc_group_subgroup(vm, eg, &al_TimeoutError));
    al_exc_group_split(vm, eg, &al_Exception, &m, &r);
    al_print(vm, "%v %r", al_bool(m.u.exc == eg.u.exc),
             al_exc_group_subgroup(vm, eg, &al_ZeroDivisionError));
    al_print(vm, "%v", group(&al_ExceptionGroup, "one", list_of(1, al_exc_noarg(vm, &al_ValueError))));
    b = group(&al_BaseExceptionGroup, "b", list_of(1, al_exc_new(vm, &al_ValueError, al_int(1))));
    al_print(vm, "%s %v", b.u.exc->type->name, al_bool(al_exc_isa(b, &al_Exception)));
    b = group(&al_BaseExceptionGroup, "b", al_tuple(vm, 1, al_exc_noarg(vm, &al_CancelledError)));
    al_print(vm, "%r %v %v", b, al_bool(al_exc_isa(b, &al_Exception)),
             al_bool(al_exc_isa(eg, &al_BaseExceptionGroup)));
    print_constructor_errors();
    g->exc = boom("naked");
    al_print(vm, "star %r", al_except_star(g, &al_ValueError));
    ck_assert(al_is_none(al_pending(g)));
    g->exc = eg_sample();
    if (!al_is_none(m = al_except_star(g, &al_TypeError)))
        al_print(vm, "star T %r", m);
    if (!al_is_none(m = al_except_star(g, &al_KeyError)))
        al_print(vm, "star K %r", m);
    if (!al_is_none(m = al_except(g, &al_ExceptionGroup)))
        al_print(vm, "rest %r", m);
    (void)x;
    AL_GEN_END(g);
}
static const al_gen_def eg_def = {"main", eg_body, true};

START_TEST(exception_group_values)
{
    RUN_OK(tg_main, eg_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(),
        "ExceptionGroup('msg', [ValueError('a'), TypeError('b'), ExceptionGroup('inner', [ValueError('c'), KeyError('k')])])|"
        "msg (3 sub-exceptions) msg 3|"
        "(ValueError('a'), TypeError('b'), ExceptionGroup('inner', [ValueError('c'), KeyError('k')]))|"
        "ExceptionGroup('msg', [ValueError('a'), ExceptionGroup('inner', [ValueError('c')])])|"
        "ExceptionGroup('msg', [TypeError('b'), ExceptionGroup('inner', [KeyError('k')])])|"
        "ExceptionGroup('msg', [TypeError('b')]) None|"
        "True None|"
        "one (1 sub-exception)|"
        "ExceptionGroup True|"
        "BaseExceptionGroup('b', (CancelledError(),)) False True|"
        "TypeError('Cannot nest BaseExceptions in an ExceptionGroup')|"
        "ValueError('second argument (exceptions) must be a non-empty sequence')|"
        "ValueError('Item 0 of second argument (exceptions) is not an exception')|"
        "TypeError('BaseExceptionGroup.__new__() argument 1 must be str, not int')|"
        "TypeError('second argument (exceptions) must be a sequence')|"
        "star ExceptionGroup('', (ValueError('naked'),))|"
        "star T ExceptionGroup('msg', [TypeError('b')])|"
        "star K ExceptionGroup('msg', [ExceptionGroup('inner', [KeyError('k')])])|"
        "rest ExceptionGroup('msg', [ValueError('a'), ExceptionGroup('inner', [ValueError('c')])])");
}
END_TEST

/* ---- every child finishes: the exit waits for them ----
 *
 * async def main():
 *     async with asyncio.TaskGroup() as tg:
 *         a = tg.create_task(job("a", 2, "A"))
 *         b = tg.create_task(job("b", 1, "B"))
 *         print("created", a.get_name(), b.get_name(), repr(tg))
 *         await asyncio.sleep(0.5)
 *         print("body ends", now())
 *     print("exit", a.result(), b.result(), now(), repr(tg))
 */
static al_signal clean_body(al_gen *g)
{
    tg_main *m = (tg_main *)g;
    al_value ra, rb;
    AL_GEN_BEGIN(g);
    WITH(m);
    ck_assert_ptr_eq(m->r.u.p, &m->tg);
    m->a = child(&m->tg, job("a", 2, str("A"), al_none()));
    m->b = child(&m->tg, job("b", 1, str("B"), al_none()));
    al_print(vm, "created %s %s %s", m->a->name, m->b->name, tg_repr(&m->tg));
    SLEEP_TRY(m, 0.5);
    if (al_is_none(al_pending(g)))
        al_print(vm, "body ends %g", al_time(vm));
    WITH_END(m);
    AL_PROPAGATE(g);
    al_future_result(al_task_fut(m->a), &ra);
    al_future_result(al_task_fut(m->b), &rb);
    al_print(vm, "exit %v %v %g %s", ra, rb, al_time(vm), tg_repr(&m->tg));
    AL_GEN_END(g);
}
static const al_gen_def clean_def = {"main", clean_body, true};

START_TEST(exit_waits_for_every_child)
{
    RUN_OK(tg_main, clean_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "created Task-2 Task-3 <TaskGroup tasks=2 entered>|body ends 0.5|"
                                "b done 1.0|a done 2.0|exit A B 2.0 <TaskGroup entered>");
}
END_TEST

/* ---- a child fails: siblings and the body are cancelled ----
 *
 * async def main():
 *     try:
 *         async with asyncio.TaskGroup() as tg:
 *             tg.create_task(job("slow", 5))
 *             tg.create_task(job("bad", 1, exc=ValueError("boom")))
 *             await asyncio.sleep(3)
 *             print("never")
 *     except* ValueError as eg:
 *         print("caught", repr(eg), "|", str(eg), now())
 *     except* CancelledError:
 *         print("never cancelled")
 *     print("after", asyncio.current_task().cancelling(), now())
 *     # two failures in one iteration, the body already waiting in __aexit__
 *     try:
 *         async with asyncio.TaskGroup() as tg:
 *             tg.create_task(job("x", 1, exc=KeyError("x")))
 *             tg.create_task(job("y", 1, exc=TypeError("y")))
 *             tg.create_task(job("z", 2))
 *         print("never")
 *     except ExceptionGroup as eg:
 *         print("group", repr(eg), len(eg.exceptions), now())
 */
static al_signal failing_body(al_gen *g)
{
    tg_main *m = (tg_main *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    WITH(m);
    child(&m->tg, job("slow", 5, al_none(), al_none()));
    child(&m->tg, job("bad", 1, al_none(), boom("boom")));
    SLEEP_TRY(m, 3);
    if (al_is_none(al_pending(g)))
        al_print(vm, "never");
    WITH_END(m);
    if (!al_is_none(e = al_except_star(g, &al_ValueError)))
        al_print(vm, "caught %r | %v %g", e, e, al_time(vm));
    if (!al_is_none(al_except_star(g, &al_CancelledError)))
        al_print(vm, "never cancelled");
    AL_PROPAGATE(g);
    al_print(vm, "after %d %g", al_task_cancelling(al_current_task(vm)), al_time(vm));

    ENTER(m);
    child(&m->tg, job("x", 1, al_none(), al_exc_msg(vm, &al_KeyError, "x")));
    child(&m->tg, job("y", 1, al_none(), al_exc_msg(vm, &al_TypeError, "y")));
    child(&m->tg, job("z", 2, al_none(), al_none()));
    EXIT(m);
    if (al_is_none(al_pending(g)))
        al_print(vm, "never");
    if (!al_is_none(e = al_except(g, &al_ExceptionGroup)))
        al_print(vm, "group %r %d %g", e, (int)al_exc_group_count(e), al_time(vm));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def failing_def = {"main", failing_body, true};

START_TEST(first_failure_cancels_siblings_and_body)
{
    RUN_OK(tg_main, failing_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "bad raises 1.0|slow cancelled CancelledError() 1.0|"
        "caught ExceptionGroup('unhandled errors in a TaskGroup', [ValueError('boom')]) | "
        "unhandled errors in a TaskGroup (1 sub-exception) 1.0|after 0 1.0|"
        "x raises 2.0|y raises 2.0|z cancelled CancelledError() 2.0|"
        "group ExceptionGroup('unhandled errors in a TaskGroup', [KeyError('x'), TypeError('y')]) 2 2.0");
}
END_TEST

/* The trace shows the group's children and its cancellation: one abort,
 * the parent cancelled once, each child's end. */
static int count_group(const char *op)
{
    int n = 0;
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        n += e.kind == AL_EV_GROUP && strcmp(e.b.u.s->data, op) == 0;
    }
    return n;
}

START_TEST(trace_shows_children_and_cancellation)
{
    RUN_OK(tg_main, failing_def);
    ck_assert_int_eq(count_group("enter"), 2);
    ck_assert_int_eq(count_group("create_task"), 5);
    ck_assert_int_eq(count_group("abort"), 2);
    ck_assert_int_eq(count_group("cancel parent"), 2);
    ck_assert_int_eq(count_group("child done"), 3);      /* bad, x, y */
    ck_assert_int_eq(count_group("child cancelled"), 2); /* slow, z */
    ck_assert_int_eq(count_group("exit"), 2);
    /* Each wait of __aexit__ is a wait event of the parent, naming it as
     * Barrier.wait is named, right before the suspend on the group's
     * _on_completed_fut (its step's last wait), so the views name it. */
    int exits = 0;
    al_event wait = {.kind = AL_EV_TASK_STEP};
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        if (e.kind == AL_EV_WAIT || e.kind == AL_EV_TASK_STEP)
            wait = e;
        if (e.kind != AL_EV_TASK_SUSPEND || strcmp(e.b.u.s->data, "TaskGroup._on_completed_fut"))
            continue;
        ck_assert_int_eq(wait.kind, AL_EV_WAIT);
        ck_assert_str_eq(wait.a.u.s->data, "TaskGroup.__aexit__");
        ck_assert_uint_eq(wait.task, e.actor);
        exits++;
    }
    ck_assert_int_ge(exits, 2);
}
END_TEST

/* ---- the body raises; the parent is cancelled from outside ----
 *
 * async def main():
 *     # an error in the body itself: the child is cancelled, the error joins the group
 *     try:
 *         async with asyncio.TaskGroup() as tg:
 *             tg.create_task(job("c", 5))
 *             await asyncio.sleep(1)
 *             raise ZeroDivisionError("body")
 *     except ExceptionGroup as eg:
 *         print("group", repr(eg), now())
 *     # the parent is cancelled from outside while in the block
 *     async def wrapper():
 *         try:
 *             async with asyncio.TaskGroup() as tg:
 *                 tg.create_task(job("d", 5))
 *                 await asyncio.sleep(10)
 *         except CancelledError as e:
 *             print("wrapper cancelled", repr(e), now())
 *             raise
 *     w = asyncio.create_task(wrapper())
 *     await asyncio.sleep(2)
 *     w.cancel()
 *     try:
 *         await w
 *     except CancelledError:
 *         print("w", w.cancelled(), now())
 *     # the parent is cancelled while waiting in __aexit__
 *     async def wrapper2():
 *         async with asyncio.TaskGroup() as tg:
 *             tg.create_task(job("e", 5))
 *         print("never")
 *     w = asyncio.create_task(wrapper2())
 *     await asyncio.sleep(1)
 *     w.cancel("outside")
 *     r = await asyncio.gather(w, return_exceptions=True)
 *     print("w2", r, w.cancelled(), now())
 */
static al_signal wrapper_body(al_gen *g)
{
    tg_main *m = (tg_main *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    ENTER(m);
    child(&m->tg, job(m->w ? "e" : "d", 5, al_none(), al_none()));
    if (!m->w) /* wrapper() sleeps in the block; wrapper2() does not */
        SLEEP_TRY(m, 10);
    EXIT(m);
    if (!m->w && al_exc_isa(al_pending(g), &al_CancelledError)) {
        e = al_pending(g);
        al_print(vm, "wrapper cancelled %r %g", e, al_time(vm));
    }
    AL_PROPAGATE(g);
    al_print(vm, "never");
    AL_GEN_END(g);
}
static const al_gen_def wrapper_def = {"wrapper", wrapper_body, true};

static al_signal outside_body(al_gen *g)
{
    tg_main *m = (tg_main *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    ENTER(m);
    child(&m->tg, job("c", 5, al_none(), al_none()));
    SLEEP_TRY(m, 1);
    if (al_is_none(al_pending(g)))
        g->exc = al_exc_msg(vm, &al_ZeroDivisionError, "body");
    EXIT(m);
    if (!al_is_none(e = al_except(g, &al_ExceptionGroup)))
        al_print(vm, "group %r %g", e, al_time(vm));
    AL_PROPAGATE(g);

    m->w = al_create_task(vm, al_gen_new(vm, sizeof(tg_main), &wrapper_def));
    SLEEP(m, 2);
    al_task_cancel(m->w, al_none());
    AL_AWAIT_TRY(g, al_task_fut(m->w), m->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "w %v %g", al_bool(al_future_cancelled(al_task_fut(m->w))), al_time(vm));
    AL_PROPAGATE(g);

    {
        tg_main *w2 = (tg_main *)al_gen_new(vm, sizeof(tg_main), &wrapper_def);
        w2->w = m->w; /* marks the second wrapper */
        m->w = al_create_task(vm, &w2->g);
    }
    SLEEP(m, 1);
    al_task_cancel(m->w, str("outside"));
    {
        al_future *fs[1] = {al_task_fut(m->w)};
        m->all = al_gather(vm, 1, fs, true);
    }
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "w2 %v %v %g", m->r, al_bool(al_future_cancelled(al_task_fut(m->w))), al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def outside_def = {"main", outside_body, true};

START_TEST(body_error_and_outside_cancellation)
{
    RUN_OK(tg_main, outside_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "c cancelled CancelledError() 1.0|"
        "group ExceptionGroup('unhandled errors in a TaskGroup', [ZeroDivisionError('body')]) 1.0|"
        "d cancelled CancelledError() 3.0|wrapper cancelled CancelledError() 3.0|w True 3.0|"
        "e cancelled CancelledError() 4.0|w2 [CancelledError('')] True 4.0");
}
END_TEST

/* ---- misuse: RuntimeError as CPython raises it ----
 *
 * async def main():
 *     tg = asyncio.TaskGroup()
 *     c = job("never", 1)
 *     try:
 *         tg.create_task(c)
 *     except RuntimeError as e:
 *         print(repr(e))
 *     c.close()
 *     async with tg:
 *         try:
 *             async with tg:
 *                 pass
 *         except RuntimeError as e:
 *             print(repr(e))
 *         t = tg.create_task(job("ok", 1))
 *         print(repr(tg))
 *     c = job("late", 1)
 *     try:
 *         tg.create_task(c)
 *     except RuntimeError as e:
 *         print(repr(e))
 *     c.close()
 *     # create_task while the group aborts
 *     async def guard(tg):
 *         try:
 *             await asyncio.sleep(5)
 *         except CancelledError:
 *             c = job("x", 1)
 *             try:
 *                 tg.create_task(c)
 *             except RuntimeError as e:
 *                 print("guard", repr(e), now())
 *             c.close()
 *             raise
 *     try:
 *         async with asyncio.TaskGroup() as tg:
 *             tg.create_task(job("bad", 1, exc=ValueError(1)))
 *             tg.create_task(guard(tg))
 *     except ExceptionGroup as eg:
 *         print(repr(eg), now())
 *     c = job("late", 1)
 *     try:
 *         tg.create_task(c)
 *     except RuntimeError as e:
 *         print(repr(e))
 *     c.close()
 */
typedef struct guard_co {
    al_gen g;
    al_taskgroup *tg;
    al_sleep_co sleep;
    al_value r;
} guard_co;

static al_signal guard_body(al_gen *g)
{
    guard_co *x = (guard_co *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&x->sleep, vm, 5, al_none()), x->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError)) {
        ck_assert_ptr_null(al_taskgroup_create_task(x->tg, job("x", 1, al_none(), al_none()), &e));
        al_print(vm, "guard %r %g", e, al_time(vm));
    }
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def guard_def = {"guard", guard_body, true};

static void print_refusal(al_taskgroup *tg)
{
    al_value e;
    ck_assert_ptr_null(al_taskgroup_create_task(tg, job("never", 1, al_none(), al_none()), &e));
    ck_assert(al_exc_isa(e, &al_RuntimeError));
    al_print(vm, "%r", e);
}

static al_signal misuse_body(al_gen *g)
{
    tg_main *m = (tg_main *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    al_taskgroup_init(&m->tg, vm);
    print_refusal(&m->tg);
    ck_assert(al_is_none(al_taskgroup_enter(&m->tg)));
    al_print(vm, "%r", al_taskgroup_enter(&m->tg));
    child(&m->tg, job("ok", 1, al_none(), al_none()));
    al_print(vm, "%s", tg_repr(&m->tg));
    EXIT(m);
    AL_PROPAGATE(g);
    print_refusal(&m->tg);

    ENTER(m);
    child(&m->tg, job("bad", 1, al_none(), al_exc_new(vm, &al_ValueError, al_int(1))));
    {
        guard_co *x = (guard_co *)al_gen_new(vm, sizeof *x, &guard_def);
        x->tg = &m->tg;
        child(&m->tg, &x->g);
    }
    EXIT(m);
    if (!al_is_none(e = al_except(g, &al_ExceptionGroup)))
        al_print(vm, "%r %g", e, al_time(vm));
    AL_PROPAGATE(g);
    print_refusal(&m->tg);
    AL_GEN_END(g);
}
static const al_gen_def misuse_def = {"main", misuse_body, true};

START_TEST(misuse_raises_runtime_error)
{
    RUN_OK(tg_main, misuse_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "RuntimeError('TaskGroup <TaskGroup> has not been entered')|"
        "RuntimeError('TaskGroup <TaskGroup entered> has already been entered')|"
        "<TaskGroup tasks=1 entered>|ok done 1.0|"
        "RuntimeError('TaskGroup <TaskGroup entered> is finished')|bad raises 2.0|"
        "guard RuntimeError('TaskGroup <TaskGroup tasks=1 errors=1 cancelling> is shutting down') 2.0|"
        "ExceptionGroup('unhandled errors in a TaskGroup', [ValueError(1)]) 2.0|"
        "RuntimeError('TaskGroup <TaskGroup cancelling> is finished')");
}
END_TEST

/* Entering outside a task: "cannot determine the parent task". */
START_TEST(enter_outside_a_task)
{
    al_taskgroup tg;
    al_taskgroup_init(&tg, vm);
    al_value e = al_taskgroup_enter(&tg);
    ck_assert_str_eq(repr_of(e), "RuntimeError('TaskGroup <TaskGroup> cannot determine the parent task')");
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, exception_group_values);
    tcase_add_test(tc, exit_waits_for_every_child);
    tcase_add_test(tc, first_failure_cancels_siblings_and_body);
    tcase_add_test(tc, body_error_and_outside_cancellation);
    tcase_add_test(tc, misuse_raises_runtime_error);
    tcase_add_test(tc, enter_outside_a_task);
}

static Suite *taskgroup_suite(void)
{
    Suite *s = suite_create("taskgroup");
    add_tcase(s, "traced", setup, add_tests);
    add_tcase(s, "quiet", setup_quiet, add_tests);
    TCase *tc = tcase_create("trace");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, trace_shows_children_and_cancellation);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(taskgroup_suite)
