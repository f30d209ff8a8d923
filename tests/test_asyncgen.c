/*
 * test_asyncgen.c: async generators (asyncgen.c) and async context
 * managers (acm.c) against CPython 3.11.  Each test quotes its Python
 * twin; now() is the prelude in unit_async.h, and the expected lines are
 * what "python3 tests/harness/vclock.py twin.py" printed.
 *
 * Over 600 lines on purpose: each test carries its Python twin in a
 * comment, which is half the file, and the async-generator protocol
 * (anext, asend, athrow, aclose) reads best as one story.
 */
#include "unit_async.h"

typedef struct ag_main {
    al_gen g;
    al_asyncgen *ag, *ag2;
    al_anext_co next;
    al_task *t;
    al_value v, x, y, r, e;
    al_sleep_co sleep;
} ag_main;

/* ---- async for, __anext__, asend, athrow, aclose ----
 *
 * async def ticker(n):
 *     try:
 *         for i in range(n):
 *             await asyncio.sleep(1)
 *             print("tick", i, now())
 *             x = yield i
 *             if x is not None:
 *                 print("got", x)
 *     finally:
 *         print("ticker finally", now())
 * async def main():
 *     async for v in ticker(3):
 *         print("for", v, now())
 *     print("loop done")
 *     g = ticker(5)
 *     print(await g.__anext__(), await g.asend("hello"), await anext(g))
 *     try:
 *         print(await g.athrow(ValueError("in")))
 *     except ValueError as e:
 *         print("athrow raised", repr(e), now())
 *     try:
 *         await g.__anext__()
 *     except StopAsyncIteration as e:
 *         print("exhausted", repr(e))
 *     print("aclose", await g.aclose())
 *     g = ticker(5)
 *     print(await g.__anext__())
 *     print("aclose", await g.aclose(), now())
 *     g = ticker(5)
 *     print("aclose fresh", await g.aclose())
 *     try:
 *         await g.__anext__()
 *     except StopAsyncIteration as e:
 *         print("closed", repr(e))
 */
typedef struct ticker_ag {
    al_asyncgen ag;
    int n, i;
    al_sleep_co sleep;
    al_value r;
} ticker_ag;

static al_signal ticker_body(al_gen *g)
{
    ticker_ag *t = (ticker_ag *)g;
    AL_GEN_BEGIN(g);
    for (t->i = 0; t->i < t->n; t->i++) {
        AL_YIELD_FROM_TRY(g, al_sleep(&t->sleep, vm, 1, al_none()), t->r);
        if (!al_is_none(al_pending(g)))
            break;
        al_print(vm, "tick %d %g", t->i, al_time(vm));
        AL_AYIELD_TRY(g, al_int(t->i));
        if (!al_is_none(al_pending(g)))
            break;
        if (!al_is_none(AL_SENT(g)))
            al_print(vm, "got %v", AL_SENT(g));
    }
    al_print(vm, "ticker finally %g", al_time(vm));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def ticker_def = {"ticker", ticker_body, false};

static al_asyncgen *ticker(int n)
{
    ticker_ag *t = (ticker_ag *)al_asyncgen_new(vm, sizeof *t, &ticker_def);
    t->n = n;
    return &t->ag;
}

#define ANEXT(m, aw, x) AL_YIELD_FROM(&(m)->g, (aw), (x))
#define ANEXT_TRY(m, aw, x) AL_YIELD_FROM_TRY(&(m)->g, (aw), (x))

static al_signal protocol_body(al_gen *g)
{
    ag_main *m = (ag_main *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    m->ag = ticker(3);
    for (;;) {
        AL_ASYNC_FOR_NEXT(g, al_anext(&m->next, m->ag), m->v);
        al_print(vm, "for %v %g", m->v, al_time(vm));
    }
    al_print(vm, "loop done");
    m->ag = ticker(5);
    ANEXT(m, al_anext(&m->next, m->ag), m->v);
    ANEXT(m, al_asend(&m->next, m->ag, str("hello")), m->x);
    ANEXT(m, al_anext(&m->next, m->ag), m->y);
    al_print(vm, "%v %v %v", m->v, m->x, m->y);
    ANEXT_TRY(m, al_athrow(&m->next, m->ag, boom("in")), m->v);
    if (!al_is_none(e = al_except(g, &al_ValueError)))
        al_print(vm, "athrow raised %r %g", e, al_time(vm));
    ANEXT_TRY(m, al_anext(&m->next, m->ag), m->v);
    if (!al_is_none(e = al_except(g, &al_StopAsyncIteration)))
        al_print(vm, "exhausted %r", e);
    ANEXT(m, al_aclose(&m->next, m->ag), m->v);
    al_print(vm, "aclose %v", m->v);
    m->ag = ticker(5);
    ANEXT(m, al_anext(&m->next, m->ag), m->v);
    al_print(vm, "%v", m->v);
    ANEXT(m, al_aclose(&m->next, m->ag), m->v);
    al_print(vm, "aclose %v %g", m->v, al_time(vm));
    m->ag = ticker(5);
    ANEXT(m, al_aclose(&m->next, m->ag), m->v);
    al_print(vm, "aclose fresh %v", m->v);
    ANEXT_TRY(m, al_anext(&m->next, m->ag), m->v);
    if (!al_is_none(e = al_except(g, &al_StopAsyncIteration)))
        al_print(vm, "closed %r", e);
    AL_GEN_END(g);
}
static const al_gen_def protocol_def = {"main", protocol_body, true};

START_TEST(async_for_anext_asend_athrow_aclose)
{
    RUN_OK(ag_main, protocol_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "tick 0 1.0|for 0 1.0|tick 1 2.0|for 1 2.0|tick 2 3.0|for 2 3.0|"
        "ticker finally 3.0|loop done|tick 0 4.0|got hello|tick 1 5.0|tick 2 6.0|0 1 2|"
        "ticker finally 6.0|athrow raised ValueError('in') 6.0|exhausted StopAsyncIteration()|"
        "aclose None|tick 0 7.0|0|ticker finally 7.0|aclose None 7.0|aclose fresh None|"
        "closed StopAsyncIteration()");
}
END_TEST

/* The trace shows __anext__ as delegation: each await of the awaitable
 * delegates to the async generator, whose value ends the round (a
 * delegate_end carrying it), while its sleeps pass up to the task. */
START_TEST(trace_shows_the_same_delegation)
{
    RUN_OK(ag_main, protocol_def);
    int delegations = 0, values = 0, ags = 0;
    for (uint32_t id = 1; id <= al_trace_actor_count(rec); id++)
        ags += al_trace_actor_kind(rec, id) == AL_ACTOR_ASYNC_GENERATOR;
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        if (!e.other || al_trace_actor_kind(rec, e.other) != AL_ACTOR_ASYNC_GENERATOR)
            continue;
        delegations += e.kind == AL_EV_DELEGATE;
        values += e.kind == AL_EV_DELEGATE_END && e.a.type == AL_INT;
    }
    ck_assert_int_eq(ags, 4);
    /* 4 + 6 + 2 + 2 awaitables, each delegating once, except the
     * aclose() of the exhausted generator, which returns at once */
    ck_assert_int_eq(delegations, 13);
    ck_assert_int_eq(values, 3 + 3 + 1); /* the values yielded: 0 1 2, 0 1 2, 0 */
}
END_TEST

/* ---- the errors PEP 525 defines ----
 *
 * async def stubborn():
 *     try:
 *         yield 1
 *     except GeneratorExit:
 *         print("stubborn ignores")
 *         yield 2
 * async def slow_close():
 *     try:
 *         yield 1
 *     finally:
 *         print("cleanup starts", now())
 *         await asyncio.sleep(1)
 *         print("cleanup ends", now())
 * async def bad_stop():
 *     yield 1
 *     raise StopAsyncIteration
 * async def bad_stop2():
 *     yield 1
 *     raise StopIteration
 * async def catcher():
 *     while True:
 *         try:
 *             yield "ready"
 *         except KeyError as e:
 *             print("catcher caught", repr(e))
 *             yield "handled"
 * async def main():
 *     g = stubborn()
 *     await g.__anext__()
 *     try:
 *         await g.aclose()
 *     except RuntimeError as e:
 *         print(repr(e))
 *     g = slow_close()
 *     await g.__anext__()
 *     await g.aclose()
 *     print("closed", now())
 *     for f in (bad_stop, bad_stop2):
 *         g = f()
 *         await g.__anext__()
 *         try:
 *             await g.__anext__()
 *         except RuntimeError as e:
 *             print(repr(e))
 *     g = catcher()
 *     print(await g.asend(None))
 *     print(await g.athrow(KeyError("k")))
 *     print(await g.asend(None))
 *     g = catcher()
 *     try:
 *         await g.asend(5)
 *     except TypeError as e:
 *         print(repr(e))
 *     # two __anext__ at once
 *     g2 = ticker2()
 *     a = asyncio.create_task(anext_print(g2))
 *     await asyncio.sleep(0)
 *     try:
 *         await g2.__anext__()
 *     except RuntimeError as e:
 *         print(repr(e))
 *     await a
 *     # athrow on a fresh / finished generator
 *     g = catcher()
 *     try:
 *         await g.athrow(ValueError("fresh"))
 *     except ValueError as e:
 *         print("fresh athrow", repr(e))
 *     try:
 *         await g.__anext__()
 *     except StopAsyncIteration as e:
 *         print("after fresh athrow", repr(e))
 * async def ticker2():
 *     await asyncio.sleep(1)
 *     yield "t"
 * async def anext_print(g):
 *     print("anext", await g.__anext__(), now())
 */
typedef struct small_ag {
    al_asyncgen ag;
    al_sleep_co sleep;
    al_value r, held;
} small_ag;

static al_signal stubborn_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_AYIELD_TRY(g, al_int(1));
    if (!al_is_none(al_except(g, &al_GeneratorExit))) {
        al_print(vm, "stubborn ignores");
        AL_AYIELD(g, al_int(2));
    }
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}

static al_signal slow_close_body(al_gen *g)
{
    small_ag *s = (small_ag *)g;
    AL_GEN_BEGIN(g);
    AL_AYIELD_TRY(g, al_int(1));
    s->held = al_pending(g); /* finally: */
    g->exc = al_none();
    al_print(vm, "cleanup starts %g", al_time(vm));
    AL_YIELD_FROM(g, al_sleep(&s->sleep, vm, 1, al_none()), s->r);
    al_print(vm, "cleanup ends %g", al_time(vm));
    if (!al_is_none(s->held))
        AL_RAISE(g, s->held);
    AL_GEN_END(g);
}

static al_signal bad_stop_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_AYIELD(g, al_int(1));
    AL_RAISE(g, al_exc_noarg(vm, &al_StopAsyncIteration));
    AL_GEN_END(g);
}

static al_signal bad_stop2_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_AYIELD(g, al_int(1));
    AL_RAISE(g, al_exc_noarg(vm, &al_StopIteration));
    AL_GEN_END(g);
}

static al_signal catcher_body(al_gen *g)
{
    al_value e;
    AL_GEN_BEGIN(g);
    for (;;) {
        AL_AYIELD_TRY(g, str("ready"));
        if (!al_is_none(e = al_except(g, &al_KeyError))) {
            al_print(vm, "catcher caught %r", e);
            AL_AYIELD(g, str("handled"));
        }
        AL_PROPAGATE(g);
    }
    AL_GEN_END(g);
}

static al_signal ticker2_body(al_gen *g)
{
    small_ag *s = (small_ag *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&s->sleep, vm, 1, al_none()), s->r);
    AL_AYIELD(g, str("t"));
    AL_GEN_END(g);
}

static const al_gen_def stubborn_def = {"stubborn", stubborn_body, false};
static const al_gen_def slow_close_def = {"slow_close", slow_close_body, false};
static const al_gen_def bad_stop_def = {"bad_stop", bad_stop_body, false};
static const al_gen_def bad_stop2_def = {"bad_stop2", bad_stop2_body, false};
static const al_gen_def catcher_def = {"catcher", catcher_body, false};
static const al_gen_def ticker2_def = {"ticker2", ticker2_body, false};

static al_asyncgen *small(const al_gen_def *def)
{
    return al_asyncgen_new(vm, sizeof(small_ag), def);
}

typedef struct anext_print_co {
    al_gen g;
    al_asyncgen *ag;
    al_anext_co next;
    al_value r;
} anext_print_co;

static al_signal anext_print_body(al_gen *g)
{
    anext_print_co *a = (anext_print_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_anext(&a->next, a->ag), a->r);
    al_print(vm, "anext %v %g", a->r, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def anext_print_def = {"anext_print", anext_print_body, true};

/* print_caught prints repr() of the pending exception if it is a t. */
static void print_caught(al_gen *g, const al_exc_type *t, const char *prefix)
{
    al_value e = al_except(g, t);
    ck_assert(!al_is_none(e));
    al_print(vm, "%s%r", prefix, e);
}

static al_signal errors_body(al_gen *g)
{
    ag_main *m = (ag_main *)g;
    AL_GEN_BEGIN(g);
    m->ag = small(&stubborn_def);
    ANEXT(m, al_anext(&m->next, m->ag), m->v);
    ANEXT_TRY(m, al_aclose(&m->next, m->ag), m->v);
    print_caught(g, &al_RuntimeError, "");
    m->ag = small(&slow_close_def);
    ANEXT(m, al_anext(&m->next, m->ag), m->v);
    ANEXT(m, al_aclose(&m->next, m->ag), m->v);
    al_print(vm, "closed %g", al_time(vm));
    m->ag = small(&bad_stop_def);
    ANEXT(m, al_anext(&m->next, m->ag), m->v);
    ANEXT_TRY(m, al_anext(&m->next, m->ag), m->v);
    print_caught(g, &al_RuntimeError, "");
    m->ag = small(&bad_stop2_def);
    ANEXT(m, al_anext(&m->next, m->ag), m->v);
    ANEXT_TRY(m, al_anext(&m->next, m->ag), m->v);
    print_caught(g, &al_RuntimeError, "");
    m->ag = small(&catcher_def);
    ANEXT(m, al_asend(&m->next, m->ag, al_none()), m->v);
    al_print(vm, "%v", m->v);
    ANEXT(m, al_athrow(&m->next, m->ag, al_exc_msg(vm, &al_KeyError, "k")), m->v);
    al_print(vm, "%v", m->v);
    ANEXT(m, al_asend(&m->next, m->ag, al_none()), m->v);
    al_print(vm, "%v", m->v);
    m->ag = small(&catcher_def);
    ANEXT_TRY(m, al_asend(&m->next, m->ag, al_int(5)), m->v);
    print_caught(g, &al_TypeError, "");
    m->ag2 = small(&ticker2_def);
    {
        anext_print_co *a = (anext_print_co *)al_gen_new(vm, sizeof *a, &anext_print_def);
        a->ag = m->ag2;
        m->t = al_create_task(vm, &a->g);
    }
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0, al_none()), m->r);
    ANEXT_TRY(m, al_anext(&m->next, m->ag2), m->v);
    print_caught(g, &al_RuntimeError, "");
    AL_AWAIT(g, al_task_fut(m->t), m->r);
    m->ag = small(&catcher_def);
    ANEXT_TRY(m, al_athrow(&m->next, m->ag, boom("fresh")), m->v);
    print_caught(g, &al_ValueError, "fresh athrow ");
    ANEXT_TRY(m, al_anext(&m->next, m->ag), m->v);
    print_caught(g, &al_StopAsyncIteration, "after fresh athrow ");
    AL_GEN_END(g);
}
static const al_gen_def errors_def = {"main", errors_body, true};

START_TEST(errors_as_pep_525_defines_them)
{
    RUN_OK(ag_main, errors_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "stubborn ignores|RuntimeError('async generator ignored GeneratorExit')|"
        "cleanup starts 0.0|cleanup ends 1.0|closed 1.0|"
        "RuntimeError('async generator raised StopAsyncIteration')|"
        "RuntimeError('async generator raised StopIteration')|ready|catcher caught KeyError('k')|"
        "handled|ready|TypeError(\"can't send non-None value to a just-started async generator\")|"
        "RuntimeError('anext(): asynchronous generator is already running')|anext t 2.0|"
        "fresh athrow ValueError('fresh')|after fresh athrow StopAsyncIteration()");
}
END_TEST

/* ---- athrow and aclose of a closed generator: None (3.11) ----
 *
 * async def gen():
 *     yield 1
 * async def main():
 *     g = gen()
 *     async for x in g: pass
 *     r = await g.athrow(ValueError("x"))
 *     print("athrow on exhausted", repr(r))
 *     print("aclose", await g.aclose())
 *     g = gen()
 *     await g.aclose()
 *     print("athrow on closed", repr(await g.athrow(ValueError("y"))))
 */
static al_signal one_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_AYIELD(g, al_int(1));
    AL_GEN_END(g);
}
static const al_gen_def one_def = {"gen", one_body, false};

static al_signal closed_body(al_gen *g)
{
    ag_main *m = (ag_main *)g;
    AL_GEN_BEGIN(g);
    m->ag = small(&one_def);
    for (;;) {
        AL_ASYNC_FOR_NEXT(g, al_anext(&m->next, m->ag), m->v);
    }
    ANEXT(m, al_athrow(&m->next, m->ag, boom("x")), m->v);
    al_print(vm, "athrow on exhausted %r", m->v);
    ANEXT(m, al_aclose(&m->next, m->ag), m->v);
    al_print(vm, "aclose %v", m->v);
    m->ag = small(&one_def);
    ANEXT(m, al_aclose(&m->next, m->ag), m->v);
    ANEXT(m, al_athrow(&m->next, m->ag, boom("y")), m->v);
    al_print(vm, "athrow on closed %r", m->v);
    AL_GEN_END(g);
}
static const al_gen_def closed_def = {"main", closed_body, true};

START_TEST(athrow_and_aclose_of_a_closed_generator)
{
    RUN_OK(ag_main, closed_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "athrow on exhausted None|aclose None|athrow on closed None");
}
END_TEST

/* ---- async context managers ----
 *
 * class Resource:
 *     def __init__(self, name, suppress=False, fail_exit=False, fail_enter=False):
 *         self.name, self.suppress, self.fail_exit, self.fail_enter = name, suppress, fail_exit, fail_enter
 *     async def __aenter__(self):
 *         print(self.name, "enter", now())
 *         await asyncio.sleep(1)
 *         if self.fail_enter:
 *             raise KeyError(self.name)
 *         return self.name.upper()
 *     async def __aexit__(self, et, exc, tb):
 *         print(self.name, "exit", repr(exc), now())
 *         await asyncio.sleep(1)
 *         if self.fail_exit:
 *             raise TypeError("exit failed")
 *         return self.suppress
 * async def main():
 *     async with Resource("a") as v:
 *         print("inside", v, now())
 *     try:
 *         async with Resource("b") as v:
 *             raise ValueError("b body")
 *     except ValueError as e:
 *         print("caught", repr(e), now())
 *     async with Resource("c", suppress=True) as v:
 *         raise ValueError("c body")
 *     print("c suppressed", now())
 *     try:
 *         async with Resource("d", fail_exit=True):
 *             raise ValueError("d body")
 *     except TypeError as e:
 *         print("caught", repr(e), repr(e.__context__), now())
 *     try:
 *         async with Resource("e", fail_enter=True):
 *             print("never")
 *     except KeyError as e:
 *         print("caught", repr(e), now())
 *     async with Resource("f", suppress=True):
 *         pass
 *     print("f ok", now())
 */
typedef struct resource resource;
typedef struct resource_co {
    al_gen g;
    resource *res;
    al_value exc;
    al_sleep_co sleep;
    al_value r;
} resource_co;

struct resource {
    al_acm cm;
    const char *name;
    bool suppress, fail_exit, fail_enter;
    resource_co co;
};

static al_signal aenter_body(al_gen *g)
{
    resource_co *c = (resource_co *)g;
    AL_GEN_BEGIN(g);
    al_print(vm, "%s enter %g", c->res->name, al_time(vm));
    AL_YIELD_FROM(g, al_sleep(&c->sleep, vm, 1, al_none()), c->r);
    if (c->res->fail_enter)
        AL_RAISE(g, al_exc_msg(vm, &al_KeyError, c->res->name));
    {
        char up[16];
        snprintf(up, sizeof up, "%s", c->res->name);
        for (char *p = up; *p; p++)
            *p = (char)(*p - 'a' + 'A');
        AL_RETURN(g, str(up));
    }
    AL_GEN_END(g);
}

static al_signal aexit_body(al_gen *g)
{
    resource_co *c = (resource_co *)g;
    AL_GEN_BEGIN(g);
    al_print(vm, "%s exit %r %g", c->res->name, c->exc, al_time(vm));
    AL_YIELD_FROM(g, al_sleep(&c->sleep, vm, 1, al_none()), c->r);
    if (c->res->fail_exit)
        AL_RAISE(g, al_exc_msg(vm, &al_TypeError, "exit failed"));
    AL_RETURN(g, al_bool(c->res->suppress));
    AL_GEN_END(g);
}

static const al_gen_def aenter_def = {"Resource.__aenter__", aenter_body, true};
static const al_gen_def aexit_def = {"Resource.__aexit__", aexit_body, true};

static al_gen *res_aenter(al_acm *cm)
{
    resource *r = (resource *)cm;
    r->co.res = r;
    return al_gen_init(&r->co.g, vm, &aenter_def);
}

static al_gen *res_aexit(al_acm *cm, al_value exc)
{
    resource *r = (resource *)cm;
    r->co.res = r;
    r->co.exc = exc;
    return al_gen_init(&r->co.g, vm, &aexit_def);
}

static const al_acm_class resource_class = {"Resource", res_aenter, res_aexit};

static al_acm *resource_new(const char *name, bool suppress, bool fail_exit, bool fail_enter)
{
    resource *r = al_alloc(vm, sizeof *r);
    r->cm.cls = &resource_class;
    r->name = name;
    r->suppress = suppress;
    r->fail_exit = fail_exit;
    r->fail_enter = fail_enter;
    return &r->cm;
}

typedef struct acm_main {
    al_gen g;
    al_acm *cm;
    al_value v;
} acm_main;

static al_signal acm_body(al_gen *g)
{
    acm_main *m = (acm_main *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    m->cm = resource_new("a", false, false, false);
    AL_ASYNC_WITH(g, m->cm, m->v);
    al_print(vm, "inside %v %g", m->v, al_time(vm));
    AL_ASYNC_WITH_END(g, m->cm);

    m->cm = resource_new("b", false, false, false);
    AL_ASYNC_WITH(g, m->cm, m->v);
    g->exc = boom("b body"); /* raise in the block */
    AL_ASYNC_WITH_END_TRY(g, m->cm);
    e = al_except(g, &al_ValueError);
    ck_assert(!al_is_none(e));
    al_print(vm, "caught %r %g", e, al_time(vm));

    m->cm = resource_new("c", true, false, false);
    AL_ASYNC_WITH(g, m->cm, m->v);
    g->exc = boom("c body");
    AL_ASYNC_WITH_END(g, m->cm);
    al_print(vm, "c suppressed %g", al_time(vm));

    m->cm = resource_new("d", false, true, false);
    AL_ASYNC_WITH(g, m->cm, m->v);
    g->exc = boom("d body");
    AL_ASYNC_WITH_END_TRY(g, m->cm);
    e = al_except(g, &al_TypeError);
    ck_assert(!al_is_none(e));
    al_print(vm, "caught %r %r %g", e, (al_value){.type = AL_EXC, .u.exc = e.u.exc->context}, al_time(vm));

    m->cm = resource_new("e", false, false, true);
    AL_ASYNC_WITH_TRY(g, m->cm, m->v);
    if (al_is_none(al_pending(g))) {
        al_print(vm, "never");
        AL_ASYNC_WITH_END_TRY(g, m->cm);
    }
    e = al_except(g, &al_KeyError);
    ck_assert(!al_is_none(e));
    al_print(vm, "caught %r %g", e, al_time(vm));

    m->cm = resource_new("f", true, false, false);
    AL_ASYNC_WITH(g, m->cm, m->v);
    AL_ASYNC_WITH_END(g, m->cm);
    al_print(vm, "f ok %g", al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def acm_def = {"main", acm_body, true};

START_TEST(async_with_protocol)
{
    RUN_OK(acm_main, acm_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a enter 0.0|inside A 1.0|a exit None 1.0|b enter 2.0|"
        "b exit ValueError('b body') 3.0|caught ValueError('b body') 4.0|c enter 4.0|"
        "c exit ValueError('c body') 5.0|c suppressed 6.0|d enter 6.0|d exit ValueError('d body') 7.0|"
        "caught TypeError('exit failed') ValueError('d body') 8.0|e enter 8.0|caught KeyError('e') 9.0|"
        "f enter 9.0|f exit None 10.0|f ok 11.0");
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, async_for_anext_asend_athrow_aclose);
    tcase_add_test(tc, errors_as_pep_525_defines_them);
    tcase_add_test(tc, athrow_and_aclose_of_a_closed_generator);
    tcase_add_test(tc, async_with_protocol);
}

static Suite *asyncgen_suite(void)
{
    Suite *s = suite_create("asyncgen");
    add_tcase(s, "traced", setup, add_tests);
    add_tcase(s, "quiet", setup_quiet, add_tests);
    TCase *tc = tcase_create("trace");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, trace_shows_the_same_delegation);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(asyncgen_suite)
