/*
 * test_delegation.c: unit tests of PEP 380 delegation in gen.c
 * (yield from / await through a chain of frames).
 *
 * The three frames below are the C twins of this Python, and every
 * expected line was printed by running it under CPython 3.11.7
 * (the states are inspect.getgeneratorstate without "GEN_", then
 * "top.gi_yieldfrom is mid" and "mid.gi_yieldfrom is leaf" as 1/0):
 *
 *   def leaf(catch=(), on_catch='yield', close_raise=False):
 *       try:
 *           log.append(('leaf states', st(T), st(M)))
 *           got = yield 'leaf-1'
 *       except GeneratorExit:
 *           log.append('leaf saw GeneratorExit')
 *           if close_raise: raise ValueError('leaf-close')
 *           raise
 *       except catch as e:
 *           log.append(('leaf caught', repr(e)))
 *           if on_catch == 'return': return 'leaf-ret-after-catch'
 *           got = yield 'leaf-caught'
 *       log.append(('leaf got', got))
 *       got = yield 'leaf-2'
 *       log.append(('leaf got', got))
 *       return 'leaf-ret'
 *
 *   def mid(sub, catch=()):
 *       try:
 *           r = yield from sub
 *       except GeneratorExit:
 *           log.append('mid saw GeneratorExit'); raise
 *       except catch as e:
 *           log.append(('mid caught', repr(e)))
 *           yield 'mid-caught'
 *           return 'mid-after-catch'
 *       log.append(('mid r', r))
 *       return ('mid', r)
 *
 *   def top(sub, catch=()):
 *       try:
 *           r = yield from sub
 *       except GeneratorExit:
 *           log.append('top saw GeneratorExit'); raise
 *       except catch as e:
 *           log.append(('top caught', repr(e)))
 *           yield 'top-caught'
 *           return 'top-after-catch'
 *       yield r
 *       return 'top-ret'
 *
 *   T = top(M := mid(L := leaf(...), ...), ...)
 *
 * Over 600 lines on purpose: the Python these frames twin is quoted
 * above in full, and every test drives the same three frames.
 */
#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* The chain under test and the log its bodies append to. */
typedef struct leaf_frame leaf_frame;
typedef struct mid_frame mid_frame;
typedef struct top_frame top_frame;
static struct {
    leaf_frame *leaf;
    mid_frame *mid;
    top_frame *top;
    al_value log;
} W;

/* Every test runs twice: with the trace on, and with it off (as
 * benchmarks run), since the runtime may take a different path then. */
static void setup_with(bool trace)
{
    unit_vm(trace);
    memset(&W, 0, sizeof W);
    W.log = al_list_new(vm, 8);
}
static void chain_setup(void) { setup_with(true); }
static void chain_setup_quiet(void) { setup_with(false); }

static void logf_(const char *fmt, ...)
{
    al_buf b;
    al_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    al_vformat(&b, fmt, ap);
    va_end(ap);
    al_list_append(vm, W.log, al_str_new(vm, b.data ? b.data : "", b.len));
    al_buf_free(&b);
}

static const char *text(const char *fmt, ...)
{
    al_buf b;
    al_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    al_vformat(&b, fmt, ap);
    va_end(ap);
    al_value s = al_str_new(vm, b.data ? b.data : "", b.len);
    al_buf_free(&b);
    return s.u.s->data;
}

static void check_log(size_t n, const char *const *expect)
{
    ck_assert_uint_eq(al_len(W.log), n);
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(al_item(W.log, i).u.s->data, expect[i]);
}
#define CHECK_LOG(...)                                                         \
    do {                                                                       \
        static const char *const e_[] = {__VA_ARGS__};                         \
        check_log(sizeof e_ / sizeof e_[0], e_);                               \
    } while (0)

/* ---- the frames ---- */

struct leaf_frame {
    al_gen g;
    const al_exc_type *catch;
    bool return_on_catch, close_raise;
    al_value e;
};

static al_signal leaf_body(al_gen *g)
{
    leaf_frame *L = (leaf_frame *)g;
    al_vm *v = g->vm;
    AL_GEN_BEGIN(g);
    logf_("leaf states %s %s", al_gen_state_names[al_gen_state_of((al_gen *)W.top)],
          al_gen_state_names[al_gen_state_of((al_gen *)W.mid)]);
    AL_YIELD_TRY(g, al_cstr(v, "leaf-1"));
    L->e = al_except(g, &al_GeneratorExit);
    if (!al_is_none(L->e)) {
        logf_("leaf saw GeneratorExit");
        if (L->close_raise)
            AL_RAISE(g, al_exc_msg(v, &al_ValueError, "leaf-close"));
        AL_RAISE(g, L->e);
    }
    if (L->catch && !al_is_none(L->e = al_except(g, L->catch))) {
        logf_("leaf caught %r", L->e);
        if (L->return_on_catch)
            AL_RETURN(g, al_cstr(v, "leaf-ret-after-catch"));
        AL_YIELD(g, al_cstr(v, "leaf-caught"));
    }
    AL_PROPAGATE(g);
    logf_("leaf got %r", AL_SENT(g));
    AL_YIELD(g, al_cstr(v, "leaf-2"));
    logf_("leaf got %r", AL_SENT(g));
    AL_RETURN(g, al_cstr(v, "leaf-ret"));
    AL_GEN_END(g);
}
static const al_gen_def leaf_def = {"leaf", leaf_body, false};

struct mid_frame {
    al_gen g;
    al_gen *sub;
    const al_exc_type *catch;
    al_value r, e;
};

static al_signal mid_body(al_gen *g)
{
    mid_frame *L = (mid_frame *)g;
    al_vm *v = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, L->sub, L->r);
    L->e = al_except(g, &al_GeneratorExit);
    if (!al_is_none(L->e)) {
        logf_("mid saw GeneratorExit");
        AL_RAISE(g, L->e);
    }
    if (L->catch && !al_is_none(L->e = al_except(g, L->catch))) {
        logf_("mid caught %r", L->e);
        AL_YIELD(g, al_cstr(v, "mid-caught"));
        AL_RETURN(g, al_cstr(v, "mid-after-catch"));
    }
    AL_PROPAGATE(g);
    logf_("mid r %r", L->r);
    AL_RETURN(g, al_tuple(v, 2, al_cstr(v, "mid"), L->r));
    AL_GEN_END(g);
}
static const al_gen_def mid_def = {"mid", mid_body, false};

struct top_frame {
    al_gen g;
    al_gen *sub;
    const al_exc_type *catch;
    al_value r, e;
};

static al_signal top_body(al_gen *g)
{
    top_frame *L = (top_frame *)g;
    al_vm *v = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, L->sub, L->r);
    L->e = al_except(g, &al_GeneratorExit);
    if (!al_is_none(L->e)) {
        logf_("top saw GeneratorExit");
        AL_RAISE(g, L->e);
    }
    if (L->catch && !al_is_none(L->e = al_except(g, L->catch))) {
        logf_("top caught %r", L->e);
        AL_YIELD(g, al_cstr(v, "top-caught"));
        AL_RETURN(g, al_cstr(v, "top-after-catch"));
    }
    AL_PROPAGATE(g);
    AL_YIELD(g, L->r);
    AL_RETURN(g, al_cstr(v, "top-ret"));
    AL_GEN_END(g);
}
static const al_gen_def top_def = {"top", top_body, false};

static void build(const al_exc_type *leaf_catch, const al_exc_type *mid_catch,
                  const al_exc_type *top_catch)
{
    W.leaf = (leaf_frame *)al_gen_new(vm, sizeof(leaf_frame), &leaf_def);
    W.mid = (mid_frame *)al_gen_new(vm, sizeof(mid_frame), &mid_def);
    W.top = (top_frame *)al_gen_new(vm, sizeof(top_frame), &top_def);
    W.leaf->catch = leaf_catch;
    W.mid->sub = &W.leaf->g;
    W.mid->catch = mid_catch;
    W.top->sub = &W.mid->g;
    W.top->catch = top_catch;
}

/* One operation on the top frame, described as the Python driver prints
 * it: "Y value", "R value" (StopIteration's value), "E exception", then
 * the three states and the two gi_yieldfrom checks. */
enum { NEXT, SEND, THROW, CLOSE };
static al_value last_out;

static const char *op(int kind, al_value arg)
{
    al_gen *t = &W.top->g;
    al_signal s;
    switch (kind) {
    case NEXT: s = al_gen_next(t, &last_out); break;
    case SEND: s = al_gen_send(t, arg, &last_out); break;
    case THROW: s = al_gen_throw(t, arg, &last_out); break;
    default: s = al_gen_close(t, &last_out); break;
    }
    char c = s == AL_YIELDED ? 'Y' : s == AL_RETURNED ? 'R' : s == AL_RAISED ? 'E' : '?';
    return text("%s %r | %s %s %s %d %d", (char[]){c, 0}, last_out,
                al_gen_state_names[W.top->g.state] + 4, al_gen_state_names[W.mid->g.state] + 4,
                al_gen_state_names[W.leaf->g.state] + 4, W.top->g.yf == &W.mid->g,
                W.mid->g.yf == &W.leaf->g);
}

/* ------------------------------------------------------------------------ */

START_TEST(test_values_through_three_levels)
{
    /* A: next, send 'x', send 'y', next */
    build(NULL, NULL, NULL);
    ck_assert_ptr_null(W.top->g.yf);
    ck_assert_str_eq(op(NEXT, al_none()), "Y 'leaf-1' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_str_eq(op(SEND, al_cstr(vm, "x")), "Y 'leaf-2' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_str_eq(op(SEND, al_cstr(vm, "y")),
                     "Y ('mid', 'leaf-ret') | SUSPENDED CLOSED CLOSED 0 0");
    ck_assert_str_eq(op(NEXT, al_none()), "R 'top-ret' | CLOSED CLOSED CLOSED 0 0");
    CHECK_LOG("leaf states GEN_RUNNING GEN_RUNNING", "leaf got 'x'", "leaf got 'y'",
              "mid r 'leaf-ret'");
    ck_assert_ptr_null(W.top->g.yf);
    ck_assert_ptr_null(W.mid->g.yf);
}
END_TEST

START_TEST(test_throw_handled_innermost)
{
    /* B: leaf catches ValueError and yields; the chain keeps going */
    build(&al_ValueError, NULL, NULL);
    al_value exc = al_exc_msg(vm, &al_ValueError, "v");
    ck_assert_str_eq(op(NEXT, al_none()), "Y 'leaf-1' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_str_eq(op(THROW, exc), "Y 'leaf-caught' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_ptr_eq(W.leaf->e.u.exc, exc.u.exc); /* the very object thrown */
    ck_assert(al_is_none(W.mid->e));
    ck_assert(al_is_none(W.top->e));
    ck_assert_str_eq(op(SEND, al_cstr(vm, "z")), "Y 'leaf-2' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_str_eq(op(SEND, al_cstr(vm, "w")),
                     "Y ('mid', 'leaf-ret') | SUSPENDED CLOSED CLOSED 0 0");
    CHECK_LOG("leaf states GEN_RUNNING GEN_RUNNING", "leaf caught ValueError('v')",
              "leaf got 'z'", "leaf got 'w'", "mid r 'leaf-ret'");
}
END_TEST

START_TEST(test_throw_handled_innermost_returns)
{
    /* B2: leaf catches and returns: the value becomes mid's yield from */
    build(&al_ValueError, NULL, NULL);
    W.leaf->return_on_catch = true;
    ck_assert_str_eq(op(NEXT, al_none()), "Y 'leaf-1' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_str_eq(op(THROW, al_exc_msg(vm, &al_ValueError, "v")),
                     "Y ('mid', 'leaf-ret-after-catch') | SUSPENDED CLOSED CLOSED 0 0");
    ck_assert_str_eq(op(SEND, al_cstr(vm, "q")), "R 'top-ret' | CLOSED CLOSED CLOSED 0 0");
    CHECK_LOG("leaf states GEN_RUNNING GEN_RUNNING", "leaf caught ValueError('v')",
              "mid r 'leaf-ret-after-catch'");
}
END_TEST

START_TEST(test_throw_caught_by_middle)
{
    /* C: leaf lets TypeError out, mid catches it */
    build(NULL, &al_TypeError, NULL);
    al_value exc = al_exc_msg(vm, &al_TypeError, "t");
    ck_assert_str_eq(op(NEXT, al_none()), "Y 'leaf-1' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_str_eq(op(THROW, exc), "Y 'mid-caught' | SUSPENDED SUSPENDED CLOSED 1 0");
    ck_assert_ptr_eq(W.mid->e.u.exc, exc.u.exc);
    ck_assert_ptr_null(W.mid->g.yf);
    ck_assert_str_eq(op(NEXT, al_none()), "Y 'mid-after-catch' | SUSPENDED CLOSED CLOSED 0 0");
    ck_assert_str_eq(op(NEXT, al_none()), "R 'top-ret' | CLOSED CLOSED CLOSED 0 0");
    CHECK_LOG("leaf states GEN_RUNNING GEN_RUNNING", "mid caught TypeError('t')");
}
END_TEST

START_TEST(test_throw_caught_by_top)
{
    /* E: KeyError passes leaf and mid; top catches it as LookupError */
    build(NULL, NULL, &al_LookupError);
    al_value exc = al_exc_msg(vm, &al_KeyError, "k");
    ck_assert_str_eq(op(NEXT, al_none()), "Y 'leaf-1' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_str_eq(op(THROW, exc), "Y 'top-caught' | SUSPENDED CLOSED CLOSED 0 0");
    ck_assert_ptr_eq(W.top->e.u.exc, exc.u.exc);
    ck_assert_str_eq(op(NEXT, al_none()), "R 'top-after-catch' | CLOSED CLOSED CLOSED 0 0");
    CHECK_LOG("leaf states GEN_RUNNING GEN_RUNNING", "top caught KeyError('k')");
}
END_TEST

START_TEST(test_throw_unhandled_everywhere)
{
    /* D: nobody catches: the same exception reaches the caller */
    build(NULL, NULL, NULL);
    al_value exc = al_exc_msg(vm, &al_TypeError, "t");
    ck_assert_str_eq(op(NEXT, al_none()), "Y 'leaf-1' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_str_eq(op(THROW, exc), "E TypeError('t') | CLOSED CLOSED CLOSED 0 0");
    ck_assert_ptr_eq(last_out.u.exc, exc.u.exc);
    ck_assert_str_eq(op(NEXT, al_none()), "R None | CLOSED CLOSED CLOSED 0 0");
    CHECK_LOG("leaf states GEN_RUNNING GEN_RUNNING");
}
END_TEST

START_TEST(test_close_reaches_innermost)
{
    /* F: T.close() -> None; GeneratorExit is seen leaf first, then mid,
     * then top, and all three are closed. */
    build(NULL, NULL, NULL);
    ck_assert_str_eq(op(NEXT, al_none()), "Y 'leaf-1' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_str_eq(op(CLOSE, al_none()), "R None | CLOSED CLOSED CLOSED 0 0");
    CHECK_LOG("leaf states GEN_RUNNING GEN_RUNNING", "leaf saw GeneratorExit",
              "mid saw GeneratorExit", "top saw GeneratorExit");
    ck_assert_ptr_eq(W.leaf->e.u.exc->type, &al_GeneratorExit);
}
END_TEST

START_TEST(test_close_sub_raises)
{
    /* G: leaf raises ValueError('leaf-close') while closing; it reaches
     * mid and top in place of GeneratorExit, and close() raises it. */
    build(NULL, NULL, NULL);
    W.leaf->close_raise = true;
    ck_assert_str_eq(op(NEXT, al_none()), "Y 'leaf-1' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_str_eq(op(CLOSE, al_none()), "E ValueError('leaf-close') | CLOSED CLOSED CLOSED 0 0");
    CHECK_LOG("leaf states GEN_RUNNING GEN_RUNNING", "leaf saw GeneratorExit");
}
END_TEST

START_TEST(test_close_sub_raises_caught_by_delegator)
{
    /* G2: mid catches the leaf's ValueError and yields, so closing mid
     * fails with "generator ignored GeneratorExit"; that RuntimeError is
     * raised in top, which lets it out of T.close().  mid stays
     * suspended. */
    build(NULL, &al_ValueError, NULL);
    W.leaf->close_raise = true;
    ck_assert_str_eq(op(NEXT, al_none()), "Y 'leaf-1' | SUSPENDED SUSPENDED SUSPENDED 1 1");
    ck_assert_str_eq(op(CLOSE, al_none()),
                     "E RuntimeError('generator ignored GeneratorExit') | CLOSED SUSPENDED CLOSED 0 0");
    CHECK_LOG("leaf states GEN_RUNNING GEN_RUNNING", "leaf saw GeneratorExit",
              "mid caught ValueError('leaf-close')");
}
END_TEST

/* ---- delegating to finished, running and fresh frames ---- */

/* def done(): return 7; yield        (exhausted with list(d) first)
 * def m2(): r = yield from d; return ('r', r)    -> ('r', None)          */
typedef struct {
    al_gen g;
    al_gen *sub;
    al_value r;
    bool after;
} m2_frame;

static al_signal m2_body(al_gen *g)
{
    m2_frame *L = (m2_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, L->sub, L->r);
    L->after = true;
    AL_RETURN(g, al_tuple(g->vm, 2, al_cstr(g->vm, "r"), L->r));
    AL_GEN_END(g);
}
static const al_gen_def m2_def = {"m2", m2_body, false};
static const al_gen_def m2_coro_def = {"m2", m2_body, true};

static al_signal done_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_RETURN(g, al_int(7));
    AL_GEN_END(g);
}
static const al_gen_def done_def = {"done", done_body, false};
static const al_gen_def done_coro_def = {"done", done_body, true};

START_TEST(test_delegate_to_exhausted)
{
    al_gen *d = al_gen_new(vm, sizeof(al_gen), &done_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(d, &out), AL_RETURNED);
    ck_assert_int_eq(out.u.i, 7);
    m2_frame *m = (m2_frame *)al_gen_new(vm, sizeof(m2_frame), &m2_def);
    m->sub = d;
    ck_assert_int_eq(al_gen_next(&m->g, &out), AL_RETURNED);
    ck_assert_str_eq(text("%r", out), "('r', None)");
    ck_assert_ptr_null(m->g.yf);
    ck_assert_int_eq(al_gen_state_of(&m->g), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_delegate_to_fresh_returning)
{
    /* yield from a generator that returns at once: r = 7, no yield */
    al_gen *d = al_gen_new(vm, sizeof(al_gen), &done_def);
    m2_frame *m = (m2_frame *)al_gen_new(vm, sizeof(m2_frame), &m2_def);
    m->sub = d;
    al_value out;
    ck_assert_int_eq(al_gen_next(&m->g, &out), AL_RETURNED);
    ck_assert_str_eq(text("%r", out), "('r', 7)");
    ck_assert_int_eq(al_gen_state_of(d), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_await_exhausted_coroutine)
{
    /* async def done(): return 7
     * async def m2(): r = await d ...  with d already awaited:
     * RuntimeError('cannot reuse already awaited coroutine') in m2. */
    al_gen *d = al_gen_new(vm, sizeof(al_gen), &done_coro_def);
    al_value out;
    ck_assert_int_eq(al_gen_send(d, al_none(), &out), AL_RETURNED);
    m2_frame *m = (m2_frame *)al_gen_new(vm, sizeof(m2_frame), &m2_coro_def);
    m->sub = d;
    ck_assert_int_eq(al_gen_send(&m->g, al_none(), &out), AL_RAISED);
    ck_assert_str_eq(text("%r", out), "RuntimeError('cannot reuse already awaited coroutine')");
    ck_assert(!m->after);
}
END_TEST

START_TEST(test_delegate_to_running_ancestor)
{
    /* def a(): yield from B_
     * def b(): yield from A_
     * next(A_) -> ValueError('generator already executing'), both closed */
    m2_frame *a = (m2_frame *)al_gen_new(vm, sizeof(m2_frame), &m2_def);
    m2_frame *b = (m2_frame *)al_gen_new(vm, sizeof(m2_frame), &m2_def);
    a->sub = &b->g;
    b->sub = &a->g;
    al_value out;
    ck_assert_int_eq(al_gen_next(&a->g, &out), AL_RAISED);
    ck_assert_str_eq(text("%r", out), "ValueError('generator already executing')");
    ck_assert_int_eq(al_gen_state_of(&a->g), AL_GEN_CLOSED);
    ck_assert_int_eq(al_gen_state_of(&b->g), AL_GEN_CLOSED);
    ck_assert(!a->after);
    ck_assert(!b->after);
}
END_TEST

/* def seq(): r1 = yield from count(2); r2 = yield from count(1); return [r1, r2]
 * with count(n) yielding 0..n-1 and returning n*10: yields 0, 1, 0 and
 * returns [20, 10]; gi_yieldfrom follows each subgenerator in turn. */
typedef struct {
    al_gen g;
    int64_t i, n;
} count_frame;

static al_signal count_body(al_gen *g)
{
    count_frame *L = (count_frame *)g;
    AL_GEN_BEGIN(g);
    for (L->i = 0; L->i < L->n; L->i++)
        AL_YIELD(g, al_int(L->i));
    AL_RETURN(g, al_int(L->n * 10));
    AL_GEN_END(g);
}
static const al_gen_def count_def = {"count", count_body, false};

typedef struct {
    al_gen g;
    count_frame c1, c2; /* subframes embedded in the delegator */
    al_value r1, r2;
} seq_frame;

static al_signal seq_body(al_gen *g)
{
    seq_frame *L = (seq_frame *)g;
    AL_GEN_BEGIN(g);
    L->c1.n = 2;
    al_gen_init(&L->c1.g, g->vm, &count_def);
    AL_YIELD_FROM(g, &L->c1.g, L->r1);
    L->c2.n = 1;
    al_gen_init(&L->c2.g, g->vm, &count_def);
    AL_YIELD_FROM(g, &L->c2.g, L->r2);
    {
        al_value l = al_list_new(g->vm, 2);
        al_list_append(g->vm, l, L->r1);
        al_list_append(g->vm, l, L->r2);
        AL_RETURN(g, l);
    }
    AL_GEN_END(g);
}
static const al_gen_def seq_def = {"seq", seq_body, false};

START_TEST(test_sequential_delegation)
{
    seq_frame *s = (seq_frame *)al_gen_new(vm, sizeof(seq_frame), &seq_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&s->g, &out), AL_YIELDED);
    ck_assert_int_eq(out.u.i, 0);
    ck_assert_ptr_eq(s->g.yf, &s->c1.g);
    ck_assert_int_eq(al_gen_next(&s->g, &out), AL_YIELDED);
    ck_assert_int_eq(out.u.i, 1);
    ck_assert_int_eq(al_gen_next(&s->g, &out), AL_YIELDED);
    ck_assert_int_eq(out.u.i, 0);
    ck_assert_ptr_eq(s->g.yf, &s->c2.g);
    ck_assert_int_eq(al_gen_state_of(&s->c1.g), AL_GEN_CLOSED);
    ck_assert_int_eq(al_gen_next(&s->g, &out), AL_RETURNED);
    ck_assert_str_eq(text("%r", out), "[20, 10]");
    ck_assert_ptr_null(s->g.yf);
}
END_TEST

/* def sub():
 *     got = yield 'sub-1'
 *     return got
 * def relay():
 *     x = yield 'relay-1'
 *     r = yield from sub()      # sub starts with next(), not send(x)
 *     return (x, r)
 * g = relay(); next(g) -> 'relay-1'; g.send('v') -> 'sub-1';
 * g.send('w') -> StopIteration(('v', 'w'))                                */
typedef struct {
    al_gen g;
    al_gen sub;
    al_value x, r;
} relay_frame;

static al_signal sub_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_YIELD(g, al_cstr(g->vm, "sub-1"));
    AL_RETURN(g, AL_SENT(g));
    AL_GEN_END(g);
}
static const al_gen_def sub_def = {"sub", sub_body, false};

static al_signal relay_body(al_gen *g)
{
    relay_frame *L = (relay_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD(g, al_cstr(g->vm, "relay-1"));
    L->x = AL_SENT(g);
    al_gen_init(&L->sub, g->vm, &sub_def);
    AL_YIELD_FROM(g, &L->sub, L->r);
    AL_RETURN(g, al_tuple(g->vm, 2, L->x, L->r));
    AL_GEN_END(g);
}
static const al_gen_def relay_def = {"relay", relay_body, false};

START_TEST(test_delegate_after_send)
{
    relay_frame *r = (relay_frame *)al_gen_new(vm, sizeof(relay_frame), &relay_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&r->g, &out), AL_YIELDED);
    ck_assert_str_eq(text("%r", out), "'relay-1'");
    ck_assert_int_eq(al_gen_send(&r->g, al_cstr(vm, "v"), &out), AL_YIELDED);
    ck_assert_str_eq(text("%r", out), "'sub-1'");
    ck_assert_ptr_eq(r->g.yf, &r->sub);
    ck_assert_int_eq(al_gen_send(&r->g, al_cstr(vm, "w"), &out), AL_RETURNED);
    ck_assert_str_eq(text("%r", out), "('v', 'w')");
}
END_TEST

static void add_chain(TCase *tc)
{
    tcase_add_test(tc, test_values_through_three_levels);
    tcase_add_test(tc, test_throw_handled_innermost);
    tcase_add_test(tc, test_throw_handled_innermost_returns);
    tcase_add_test(tc, test_throw_caught_by_middle);
    tcase_add_test(tc, test_throw_caught_by_top);
    tcase_add_test(tc, test_throw_unhandled_everywhere);
    tcase_add_test(tc, test_close_reaches_innermost);
    tcase_add_test(tc, test_close_sub_raises);
    tcase_add_test(tc, test_close_sub_raises_caught_by_delegator);
}

static void add_targets(TCase *tc)
{
    tcase_add_test(tc, test_delegate_after_send);
    tcase_add_test(tc, test_delegate_to_exhausted);
    tcase_add_test(tc, test_delegate_to_fresh_returning);
    tcase_add_test(tc, test_await_exhausted_coroutine);
    tcase_add_test(tc, test_delegate_to_running_ancestor);
    tcase_add_test(tc, test_sequential_delegation);
}

static Suite *delegation_suite(void)
{
    Suite *s = suite_create("delegation");
    add_tcase(s, "chain", chain_setup, add_chain);
    add_tcase(s, "targets", chain_setup, add_targets);
    add_tcase(s, "chain-quiet", chain_setup_quiet, add_chain);
    add_tcase(s, "targets-quiet", chain_setup_quiet, add_targets);
    return s;
}

UNIT_MAIN(delegation_suite)
