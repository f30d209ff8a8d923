/*
 * test_gen.c: unit tests of gen.c (one frame: states, next, send, throw,
 * close, StopIteration, PEP 479, the errors CPython raises).
 *
 * Each body is the C twin of the Python generator in the comment above
 * it.  The expected outcomes (exception types, messages, states) were
 * checked by running those Python snippets under CPython 3.11.7.
 *
 * Over 600 lines on purpose: one test file per runtime file, and every
 * test here drives the same fixture frames at the top, each beside its
 * Python; split, the fixtures would move away from half their tests.
 */
#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* Every semantic test runs twice, with setup (trace on) and setup_quiet
 * (trace off, as benchmarks run), since the runtime may take a different
 * path then. */

static const char *R(al_value v)
{
    al_buf b;
    al_buf_init(&b);
    al_repr_of(&b, v);
    al_value s = al_str_new(vm, b.data ? b.data : "", b.len);
    al_buf_free(&b);
    return s.u.s->data;
}

/* Assert that v is an exception of exactly type t whose str() is msg. */
#define ck_assert_exc(v, t, msg)                                               \
    do {                                                                       \
        al_value ck_e_ = (v);                                                  \
        ck_assert_int_eq(ck_e_.type, AL_EXC);                                  \
        ck_assert_str_eq(ck_e_.u.exc->type->name, (t)->name);                  \
        ck_assert_ptr_eq(ck_e_.u.exc->type, (t));                              \
        ck_assert(ck_e_.u.exc->has_arg);                                       \
        ck_assert_int_eq(ck_e_.u.exc->arg.type, AL_STR);                       \
        ck_assert_str_eq(ck_e_.u.exc->arg.u.s->data, (msg));                   \
    } while (0)

/* ------------------------------------------------------------------------ */
/* The frames                                                                */
/* ------------------------------------------------------------------------ */

/* def echo():
 *     seen.append(state())       # GEN_RUNNING
 *     log.append((yield 1))
 *     seen.append(state())
 *     log.append((yield 2))
 *     return 'done'                                                       */
typedef struct {
    al_gen g;
    al_value log;
    int runs;                 /* how many times the body was entered */
    al_gen_state seen[2];
} echo_frame;

static al_signal echo_body(al_gen *g)
{
    echo_frame *L = (echo_frame *)g;
    L->runs++;
    AL_GEN_BEGIN(g);
    L->seen[0] = al_gen_state_of(g);
    AL_YIELD(g, al_int(1));
    al_list_append(g->vm, L->log, AL_SENT(g));
    L->seen[1] = al_gen_state_of(g);
    AL_YIELD(g, al_int(2));
    al_list_append(g->vm, L->log, AL_SENT(g));
    AL_RETURN(g, al_cstr(g->vm, "done"));
    AL_GEN_END(g);
}
static const al_gen_def echo_def = {"echo", echo_body, false};
static const al_gen_def echo_coro_def = {"echo", echo_body, true};

static echo_frame *new_echo(const al_gen_def *def)
{
    echo_frame *e = (echo_frame *)al_gen_new(vm, sizeof(echo_frame), def);
    e->log = al_list_new(vm, 4);
    return e;
}

/* def selfish():                  # resumes itself while running
 *     try: next(me)   / me.send(1) / me.throw(TypeError('t')) / me.close()
 *     except ValueError as e: caught.append(e)
 *     raise caught[0]                                                     */
typedef struct {
    al_gen g;
    al_signal sig[4];
    al_value out[4];
    al_gen_state seen;
} selfish_frame;

static al_signal selfish_body(al_gen *g)
{
    selfish_frame *L = (selfish_frame *)g;
    AL_GEN_BEGIN(g);
    L->sig[0] = al_gen_next(g, &L->out[0]);
    L->sig[1] = al_gen_send(g, al_int(1), &L->out[1]);
    L->sig[2] = al_gen_throw(g, al_exc_msg(g->vm, &al_TypeError, "t"), &L->out[2]);
    L->sig[3] = al_gen_close(g, &L->out[3]);
    L->seen = al_gen_state_of(g);
    AL_RAISE(g, L->out[0]);
    AL_GEN_END(g);
}
static const al_gen_def selfish_def = {"selfish", selfish_body, false};
static const al_gen_def selfish_coro_def = {"selfish", selfish_body, true};

/* def catcher():
 *     try:
 *         yield 'ready'
 *     except ValueError as e:
 *         log.append(e)
 *         yield 'caught'
 *     return 'end'                                                         */
typedef struct {
    al_gen g;
    al_value caught;
    bool ran;
} catcher_frame;

static al_signal catcher_body(al_gen *g)
{
    catcher_frame *L = (catcher_frame *)g;
    AL_GEN_BEGIN(g);
    L->ran = true;
    AL_YIELD_TRY(g, al_cstr(g->vm, "ready"));
    L->caught = al_except(g, &al_ValueError);
    if (!al_is_none(L->caught))
        AL_YIELD(g, al_cstr(g->vm, "caught"));
    AL_PROPAGATE(g);
    AL_RETURN(g, al_cstr(g->vm, "end"));
    AL_GEN_END(g);
}
static const al_gen_def catcher_def = {"catcher", catcher_body, false};

/* def closer(mode):
 *     try:
 *         yield 1
 *     except GeneratorExit as e:
 *         seen.append(e)
 *         if mode == 'yield':  yield 2; after.append(1)
 *         if mode == 'raise':  raise ValueError('cl')
 *         if mode == 'return': return 5
 *         raise                                                            */
enum closer_mode { CLOSER_RERAISE, CLOSER_YIELD, CLOSER_RAISE, CLOSER_RETURN };
typedef struct {
    al_gen g;
    enum closer_mode mode;
    al_value seen;
    al_value raised;
    bool after;
} closer_frame;

static al_signal closer_body(al_gen *g)
{
    closer_frame *L = (closer_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_TRY(g, al_int(1));
    L->seen = al_except(g, &al_GeneratorExit);
    if (!al_is_none(L->seen)) {
        if (L->mode == CLOSER_YIELD) {
            AL_YIELD(g, al_int(2));
            L->after = true;
        } else if (L->mode == CLOSER_RAISE) {
            L->raised = al_exc_msg(g->vm, &al_ValueError, "cl");
            AL_RAISE(g, L->raised);
        } else if (L->mode == CLOSER_RETURN) {
            AL_RETURN(g, al_int(5));
        } else {
            AL_RAISE(g, L->seen);
        }
    }
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def closer_def = {"closer", closer_body, false};
static const al_gen_def closer_coro_def = {"closer", closer_body, true};

static closer_frame *new_closer(enum closer_mode mode, const al_gen_def *def)
{
    closer_frame *c = (closer_frame *)al_gen_new(vm, sizeof(closer_frame), def);
    c->mode = mode;
    return c;
}

/* def raiser(e):
 *     yield 1
 *     raise e                                                              */
typedef struct {
    al_gen g;
    al_value e;
} raiser_frame;

static al_signal raiser_body(al_gen *g)
{
    raiser_frame *L = (raiser_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD(g, al_int(1));
    AL_RAISE(g, L->e);
    AL_GEN_END(g);
}
static const al_gen_def raiser_def = {"raiser", raiser_body, false};
static const al_gen_def raiser_coro_def = {"raiser", raiser_body, true};

/* def imm():
 *     return 3
 *     yield                                                                */
static al_signal imm_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_RETURN(g, al_int(3));
    AL_GEN_END(g);
}
static const al_gen_def imm_def = {"imm", imm_body, false};

/* def count(n):
 *     for i in range(n): yield i                                          */
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
    AL_GEN_END(g);
}
static const al_gen_def count_def = {"count", count_body, false};

/* ------------------------------------------------------------------------ */
/* States, next and send                                                     */
/* ------------------------------------------------------------------------ */

START_TEST(test_state_transitions)
{
    echo_frame *e = new_echo(&echo_def);
    al_gen *g = &e->g;
    al_value out;
    ck_assert_int_eq(al_gen_state_of(g), AL_GEN_CREATED);
    ck_assert_str_eq(al_gen_state_names[al_gen_state_of(g)], "GEN_CREATED");
    ck_assert_int_eq(e->runs, 0);

    ck_assert_int_eq(al_gen_next(g, &out), AL_YIELDED);
    ck_assert_int_eq(out.type, AL_INT);
    ck_assert_int_eq(out.u.i, 1);
    ck_assert_int_eq(e->seen[0], AL_GEN_RUNNING); /* seen from inside */
    ck_assert_int_eq(al_gen_state_of(g), AL_GEN_SUSPENDED);
    ck_assert_str_eq(al_gen_state_names[al_gen_state_of(g)], "GEN_SUSPENDED");

    ck_assert_int_eq(al_gen_send(g, al_cstr(vm, "a"), &out), AL_YIELDED);
    ck_assert_int_eq(out.u.i, 2);
    ck_assert_int_eq(e->seen[1], AL_GEN_RUNNING);
    ck_assert_int_eq(al_gen_state_of(g), AL_GEN_SUSPENDED);

    /* the return value travels as StopIteration's value: AL_RETURNED */
    ck_assert_int_eq(al_gen_send(g, al_int(7), &out), AL_RETURNED);
    ck_assert_str_eq(R(out), "'done'");
    ck_assert_int_eq(al_gen_state_of(g), AL_GEN_CLOSED);
    ck_assert_str_eq(al_gen_state_names[al_gen_state_of(g)], "GEN_CLOSED");
    ck_assert_str_eq(R(e->log), "['a', 7]");
    ck_assert_int_eq(e->runs, 3);
    ck_assert_str_eq(al_gen_state_names[AL_GEN_RUNNING], "GEN_RUNNING");
}
END_TEST

START_TEST(test_next_sends_none)
{
    echo_frame *e = new_echo(&echo_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&e->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_next(&e->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_next(&e->g, &out), AL_RETURNED);
    ck_assert_str_eq(R(e->log), "[None, None]");
}
END_TEST

START_TEST(test_resume_closed)
{
    /* next() and send() on an exhausted generator: StopIteration(), value
     * None, without entering the body. */
    echo_frame *e = new_echo(&echo_def);
    al_value out;
    while (al_gen_next(&e->g, &out) == AL_YIELDED)
        ;
    int runs = e->runs;
    out = al_int(99);
    ck_assert_int_eq(al_gen_next(&e->g, &out), AL_RETURNED);
    ck_assert(al_is_none(out));
    out = al_int(99);
    ck_assert_int_eq(al_gen_send(&e->g, al_int(5), &out), AL_RETURNED);
    ck_assert(al_is_none(out));
    ck_assert_int_eq(e->runs, runs);
    ck_assert_int_eq(al_gen_state_of(&e->g), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_return_without_yield)
{
    al_gen *g = al_gen_new(vm, sizeof(al_gen), &imm_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(g, &out), AL_RETURNED);
    ck_assert_int_eq(out.type, AL_INT);
    ck_assert_int_eq(out.u.i, 3);
    ck_assert_int_eq(al_gen_state_of(g), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_many_yields)
{
    count_frame *c = (count_frame *)al_gen_new(vm, sizeof(count_frame), &count_def);
    c->n = 1000;
    al_value out;
    int64_t expect = 0;
    al_signal s;
    while ((s = al_gen_next(&c->g, &out)) == AL_YIELDED) {
        ck_assert_int_eq(out.type, AL_INT);
        ck_assert_int_eq(out.u.i, expect);
        expect++;
    }
    ck_assert_int_eq(s, AL_RETURNED);
    ck_assert(al_is_none(out));
    ck_assert_int_eq(expect, 1000);
}
END_TEST

START_TEST(test_send_non_none_to_created)
{
    /* g = echo(); g.send(1) -> TypeError("can't send non-None value to a
     * just-started generator"); the generator stays GEN_CREATED and a
     * later next() starts it normally. */
    echo_frame *e = new_echo(&echo_def);
    al_value out;
    ck_assert_int_eq(al_gen_send(&e->g, al_int(1), &out), AL_RAISED);
    ck_assert_exc(out, &al_TypeError, "can't send non-None value to a just-started generator");
    ck_assert_int_eq(al_gen_state_of(&e->g), AL_GEN_CREATED);
    ck_assert_int_eq(e->runs, 0);
    /* send(None) is next() */
    ck_assert_int_eq(al_gen_send(&e->g, al_none(), &out), AL_YIELDED);
    ck_assert_int_eq(out.u.i, 1);
}
END_TEST

START_TEST(test_send_non_none_to_created_coroutine)
{
    echo_frame *e = new_echo(&echo_coro_def);
    al_value out;
    ck_assert_int_eq(al_gen_send(&e->g, al_cstr(vm, "x"), &out), AL_RAISED);
    ck_assert_exc(out, &al_TypeError, "can't send non-None value to a just-started coroutine");
    ck_assert_int_eq(al_gen_state_of(&e->g), AL_GEN_CREATED);
    ck_assert_int_eq(e->runs, 0);
}
END_TEST

START_TEST(test_already_executing)
{
    /* Inside the body, next/send/throw/close of itself all raise
     * ValueError('generator already executing') and the state stays
     * GEN_RUNNING; the ValueError then escapes and closes the frame. */
    selfish_frame *s = (selfish_frame *)al_gen_new(vm, sizeof(selfish_frame), &selfish_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&s->g, &out), AL_RAISED);
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(s->sig[i], AL_RAISED);
        ck_assert_exc(s->out[i], &al_ValueError, "generator already executing");
    }
    ck_assert_int_eq(s->seen, AL_GEN_RUNNING);
    ck_assert_ptr_eq(out.u.exc, s->out[0].u.exc);
    ck_assert_int_eq(al_gen_state_of(&s->g), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_already_executing_coroutine)
{
    selfish_frame *s = (selfish_frame *)al_gen_new(vm, sizeof(selfish_frame), &selfish_coro_def);
    al_value out;
    ck_assert_int_eq(al_gen_send(&s->g, al_none(), &out), AL_RAISED);
    for (int i = 0; i < 4; i++)
        ck_assert_exc(s->out[i], &al_ValueError, "coroutine already executing");
    ck_assert_int_eq(al_gen_state_of(&s->g), AL_GEN_CLOSED);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Exceptions out of the frame                                               */
/* ------------------------------------------------------------------------ */

START_TEST(test_exception_escapes_and_closes)
{
    raiser_frame *r = (raiser_frame *)al_gen_new(vm, sizeof(raiser_frame), &raiser_def);
    r->e = al_exc_msg(vm, &al_ValueError, "boom");
    al_value out;
    ck_assert_int_eq(al_gen_next(&r->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_next(&r->g, &out), AL_RAISED);
    ck_assert_ptr_eq(out.u.exc, r->e.u.exc);
    ck_assert_int_eq(al_gen_state_of(&r->g), AL_GEN_CLOSED);
    /* next(x) afterwards: StopIteration() */
    ck_assert_int_eq(al_gen_next(&r->g, &out), AL_RETURNED);
    ck_assert(al_is_none(out));
}
END_TEST

START_TEST(test_pep479_stopiteration_inside)
{
    /* def raiser(): yield 1; raise StopIteration(4)
     * -> RuntimeError('generator raised StopIteration'), whose
     *    __context__ (and __cause__) is StopIteration(4). */
    raiser_frame *r = (raiser_frame *)al_gen_new(vm, sizeof(raiser_frame), &raiser_def);
    r->e = al_exc_new(vm, &al_StopIteration, al_int(4));
    al_value out;
    ck_assert_int_eq(al_gen_next(&r->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_next(&r->g, &out), AL_RAISED);
    ck_assert_exc(out, &al_RuntimeError, "generator raised StopIteration");
    ck_assert_ptr_eq(out.u.exc->context, r->e.u.exc);
    ck_assert_int_eq(al_gen_state_of(&r->g), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_pep479_coroutine)
{
    raiser_frame *r = (raiser_frame *)al_gen_new(vm, sizeof(raiser_frame), &raiser_coro_def);
    r->e = al_exc_new(vm, &al_StopIteration, al_int(4));
    al_value out;
    ck_assert_int_eq(al_gen_next(&r->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_next(&r->g, &out), AL_RAISED);
    ck_assert_exc(out, &al_RuntimeError, "coroutine raised StopIteration");
    ck_assert_ptr_eq(out.u.exc->context, r->e.u.exc);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* throw()                                                                   */
/* ------------------------------------------------------------------------ */

START_TEST(test_throw_unhandled)
{
    echo_frame *e = new_echo(&echo_def);
    al_value out, exc = al_exc_msg(vm, &al_ValueError, "v");
    ck_assert_int_eq(al_gen_next(&e->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_throw(&e->g, exc, &out), AL_RAISED);
    ck_assert_ptr_eq(out.u.exc, exc.u.exc);
    ck_assert_int_eq(al_gen_state_of(&e->g), AL_GEN_CLOSED);
    ck_assert_uint_eq(al_len(e->log), 0); /* the code after the yield never ran */
}
END_TEST

START_TEST(test_throw_handled_yields)
{
    catcher_frame *c = (catcher_frame *)al_gen_new(vm, sizeof(catcher_frame), &catcher_def);
    al_value out, exc = al_exc_msg(vm, &al_ValueError, "v");
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    ck_assert_str_eq(R(out), "'ready'");
    /* g.throw(ValueError('v')) returns the next yielded value */
    ck_assert_int_eq(al_gen_throw(&c->g, exc, &out), AL_YIELDED);
    ck_assert_str_eq(R(out), "'caught'");
    ck_assert_ptr_eq(c->caught.u.exc, exc.u.exc);
    ck_assert(al_is_none(al_pending(&c->g)));
    ck_assert_int_eq(al_gen_state_of(&c->g), AL_GEN_SUSPENDED);
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_RETURNED);
    ck_assert_str_eq(R(out), "'end'");
    ck_assert_int_eq(al_gen_state_of(&c->g), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_throw_not_matching_except)
{
    /* except ValueError does not catch a TypeError */
    catcher_frame *c = (catcher_frame *)al_gen_new(vm, sizeof(catcher_frame), &catcher_def);
    al_value out, exc = al_exc_msg(vm, &al_TypeError, "t");
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_throw(&c->g, exc, &out), AL_RAISED);
    ck_assert_ptr_eq(out.u.exc, exc.u.exc);
    ck_assert(al_is_none(c->caught));
    ck_assert_int_eq(al_gen_state_of(&c->g), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_throw_into_created)
{
    /* y = catcher(); y.throw(ValueError('v')) raises ValueError('v') at the
     * first line (the except clause is not active yet), and closes y
     * without running its body. */
    catcher_frame *c = (catcher_frame *)al_gen_new(vm, sizeof(catcher_frame), &catcher_def);
    al_value out, exc = al_exc_msg(vm, &al_ValueError, "v");
    ck_assert_int_eq(al_gen_throw(&c->g, exc, &out), AL_RAISED);
    ck_assert_ptr_eq(out.u.exc, exc.u.exc);
    ck_assert(!c->ran);
    ck_assert_int_eq(al_gen_state_of(&c->g), AL_GEN_CLOSED);
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_RETURNED);
    ck_assert(al_is_none(out));
    ck_assert(!c->ran);
}
END_TEST

START_TEST(test_throw_into_closed)
{
    /* throw() into a finished generator re-raises the exception thrown */
    echo_frame *e = new_echo(&echo_def);
    al_value out;
    while (al_gen_next(&e->g, &out) == AL_YIELDED)
        ;
    int runs = e->runs;
    al_value exc = al_exc_msg(vm, &al_ValueError, "w");
    ck_assert_int_eq(al_gen_throw(&e->g, exc, &out), AL_RAISED);
    ck_assert_ptr_eq(out.u.exc, exc.u.exc);
    ck_assert_int_eq(e->runs, runs);
    ck_assert_int_eq(al_gen_state_of(&e->g), AL_GEN_CLOSED);
    /* a StopIteration thrown into a closed generator comes back as is */
    al_value si = al_exc_noarg(vm, &al_StopIteration);
    ck_assert_int_eq(al_gen_throw(&e->g, si, &out), AL_RAISED);
    ck_assert_ptr_eq(out.u.exc, si.u.exc);
}
END_TEST

START_TEST(test_throw_stopiteration_suspended)
{
    /* x = echo(); next(x); x.throw(StopIteration(9))
     * -> RuntimeError('generator raised StopIteration') from StopIteration(9) */
    echo_frame *e = new_echo(&echo_def);
    al_value out, si = al_exc_new(vm, &al_StopIteration, al_int(9));
    ck_assert_int_eq(al_gen_next(&e->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_throw(&e->g, si, &out), AL_RAISED);
    ck_assert_exc(out, &al_RuntimeError, "generator raised StopIteration");
    ck_assert_ptr_eq(out.u.exc->context, si.u.exc);
    ck_assert_int_eq(al_gen_state_of(&e->g), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_throw_stopiteration_created)
{
    /* y = echo(); y.throw(StopIteration)
     * -> RuntimeError('generator raised StopIteration'), GEN_CLOSED:
     *    CPython runs the frame with the exception set, so PEP 479 applies
     *    even though no line of the body ran. */
    echo_frame *e = new_echo(&echo_def);
    al_value out, si = al_exc_noarg(vm, &al_StopIteration);
    ck_assert_int_eq(al_gen_throw(&e->g, si, &out), AL_RAISED);
    ck_assert_int_eq(al_gen_state_of(&e->g), AL_GEN_CLOSED);
    ck_assert_int_eq(e->runs, 0);
    ck_assert_exc(out, &al_RuntimeError, "generator raised StopIteration");
    ck_assert_ptr_eq(out.u.exc->context, si.u.exc);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* close()                                                                   */
/* ------------------------------------------------------------------------ */

START_TEST(test_close_created)
{
    echo_frame *e = new_echo(&echo_def);
    al_value out = al_int(1);
    ck_assert_int_eq(al_gen_close(&e->g, &out), AL_RETURNED);
    ck_assert(al_is_none(out));
    ck_assert_int_eq(al_gen_state_of(&e->g), AL_GEN_CLOSED);
    ck_assert_int_eq(e->runs, 0);
    ck_assert_int_eq(al_gen_next(&e->g, &out), AL_RETURNED);
    ck_assert_int_eq(e->runs, 0);
}
END_TEST

START_TEST(test_close_suspended)
{
    /* the body sees GeneratorExit at its yield and lets it out */
    closer_frame *c = new_closer(CLOSER_RERAISE, &closer_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    out = al_int(1);
    ck_assert_int_eq(al_gen_close(&c->g, &out), AL_RETURNED);
    ck_assert(al_is_none(out));
    ck_assert_int_eq(c->seen.type, AL_EXC);
    ck_assert_ptr_eq(c->seen.u.exc->type, &al_GeneratorExit);
    ck_assert(!c->seen.u.exc->has_arg); /* GeneratorExit() */
    ck_assert_int_eq(al_gen_state_of(&c->g), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_close_closed)
{
    closer_frame *c = new_closer(CLOSER_RERAISE, &closer_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_close(&c->g, &out), AL_RETURNED);
    c->seen = al_none();
    ck_assert_int_eq(al_gen_close(&c->g, &out), AL_RETURNED);
    ck_assert(al_is_none(out));
    ck_assert(al_is_none(c->seen)); /* the body was not entered again */
    ck_assert_int_eq(al_gen_state_of(&c->g), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_close_plain_yield)
{
    /* a body without any handler: GeneratorExit just ends it */
    echo_frame *e = new_echo(&echo_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&e->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_close(&e->g, &out), AL_RETURNED);
    ck_assert_int_eq(al_gen_state_of(&e->g), AL_GEN_CLOSED);
    ck_assert_uint_eq(al_len(e->log), 0);
}
END_TEST

START_TEST(test_close_ignored)
{
    /* x.close() -> RuntimeError('generator ignored GeneratorExit'),
     * x stays GEN_SUSPENDED (at 'yield 2'); a second close() ends it
     * without running the code after that yield. */
    closer_frame *c = new_closer(CLOSER_YIELD, &closer_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_close(&c->g, &out), AL_RAISED);
    ck_assert_exc(out, &al_RuntimeError, "generator ignored GeneratorExit");
    ck_assert_int_eq(al_gen_state_of(&c->g), AL_GEN_SUSPENDED);
    ck_assert(!al_is_none(c->seen));
    ck_assert_int_eq(al_gen_close(&c->g, &out), AL_RETURNED);
    ck_assert(al_is_none(out));
    ck_assert_int_eq(al_gen_state_of(&c->g), AL_GEN_CLOSED);
    ck_assert(!c->after);
}
END_TEST

START_TEST(test_close_ignored_coroutine)
{
    closer_frame *c = new_closer(CLOSER_YIELD, &closer_coro_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_close(&c->g, &out), AL_RAISED);
    ck_assert_exc(out, &al_RuntimeError, "coroutine ignored GeneratorExit");
    ck_assert_int_eq(al_gen_state_of(&c->g), AL_GEN_SUSPENDED);
}
END_TEST

START_TEST(test_close_raises_other)
{
    /* except GeneratorExit: raise ValueError('cl') -> close() raises it */
    closer_frame *c = new_closer(CLOSER_RAISE, &closer_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_close(&c->g, &out), AL_RAISED);
    ck_assert_exc(out, &al_ValueError, "cl");
    ck_assert_ptr_eq(out.u.exc, c->raised.u.exc);
    ck_assert_int_eq(al_gen_state_of(&c->g), AL_GEN_CLOSED);
}
END_TEST

START_TEST(test_close_returns_value)
{
    /* except GeneratorExit: return 5 -> close() returns None in 3.11 */
    closer_frame *c = new_closer(CLOSER_RETURN, &closer_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_close(&c->g, &out), AL_RETURNED);
    ck_assert(al_is_none(out));
    ck_assert_int_eq(al_gen_state_of(&c->g), AL_GEN_CLOSED);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Coroutines that are done                                                  */
/* ------------------------------------------------------------------------ */

START_TEST(test_coroutine_reuse)
{
    /* async def c(): return 5 -- after it finished, co.send(None) and
     * co.throw(ValueError('q')) raise RuntimeError('cannot reuse already
     * awaited coroutine'); co.close() is silent.  Likewise after a throw
     * into a just-created coroutine. */
    echo_frame *e = new_echo(&echo_coro_def);
    al_value out;
    while (al_gen_next(&e->g, &out) == AL_YIELDED)
        ;
    ck_assert_int_eq(al_gen_close(&e->g, &out), AL_RETURNED);
    ck_assert_int_eq(al_gen_send(&e->g, al_none(), &out), AL_RAISED);
    ck_assert_exc(out, &al_RuntimeError, "cannot reuse already awaited coroutine");
    ck_assert_int_eq(al_gen_throw(&e->g, al_exc_msg(vm, &al_ValueError, "q"), &out), AL_RAISED);
    ck_assert_exc(out, &al_RuntimeError, "cannot reuse already awaited coroutine");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Helpers and names                                                         */
/* ------------------------------------------------------------------------ */

START_TEST(test_al_except)
{
    al_gen g;
    al_gen_init(&g, vm, &echo_def);
    al_value e = al_exc_msg(vm, &al_ZeroDivisionError, "division by zero");
    g.exc = e;
    /* except ValueError: no match, stays pending */
    ck_assert(al_is_none(al_except(&g, &al_ValueError)));
    ck_assert_ptr_eq(al_pending(&g).u.exc, e.u.exc);
    /* except ArithmeticError as x: matches a subclass, clears it */
    al_value got = al_except(&g, &al_ArithmeticError);
    ck_assert_ptr_eq(got.u.exc, e.u.exc);
    ck_assert(al_is_none(al_pending(&g)));
    /* nothing pending: nothing caught */
    ck_assert(al_is_none(al_except(&g, &al_BaseException)));
}
END_TEST

/* al_gen_label: the trace calls the frame by the program's name from its
 * creation on (the create event's actor is the one renamed), keeps its
 * kind and function, and the next frame's number is unchanged; the frame
 * runs as before. */
START_TEST(test_label)
{
    echo_frame *a = new_echo(&echo_def);
    char name[] = "worker-0";
    al_gen_label(&a->g, name);
    name[0] = 'X'; /* copied: the caller's buffer may change */
    ck_assert_str_eq(al_trace_actor_name(rec, a->g.actor), "worker-0");
    al_gen_label(NULL, "lost");  /* a C author's slips are ignored */
    al_gen_label(&a->g, NULL);
    ck_assert_str_eq(al_trace_actor_name(rec, a->g.actor), "worker-0");
    al_actor info;
    al_trace_actor(rec, a->g.actor, &info);
    ck_assert_int_eq(info.kind, AL_ACTOR_GENERATOR);
    ck_assert_str_eq(info.code, "echo");
    al_event e;
    al_trace_event(rec, al_trace_len(rec), &e);
    ck_assert_int_eq(e.kind, AL_EV_CREATE);
    ck_assert_str_eq(al_trace_actor_name(rec, e.actor), "worker-0");
    echo_frame *b = new_echo(&echo_coro_def);
    al_gen_label(&b->g, "reader");
    al_trace_actor(rec, b->g.actor, &info);
    ck_assert_int_eq(info.kind, AL_ACTOR_COROUTINE);
    ck_assert_str_eq(al_trace_actor_name(rec, new_echo(&echo_def)->g.actor), "echo#3");
    al_value out;
    ck_assert_int_eq(al_gen_next(&a->g, &out), AL_YIELDED);
    ck_assert_int_eq(out.u.i, 1);
}
END_TEST

START_TEST(test_names_and_init)
{
    echo_frame *a = new_echo(&echo_def);
    echo_frame *b = new_echo(&echo_def);
    ck_assert_str_eq(al_trace_actor_name(rec, a->g.actor), "echo#1");
    ck_assert_str_eq(al_trace_actor_name(rec, b->g.actor), "echo#2");
    ck_assert_ptr_eq(a->g.def, &echo_def);
    ck_assert_ptr_eq(a->g.vm, vm);
    ck_assert_ptr_null(a->g.yf);
    ck_assert_int_eq(a->g.pc, 0);
    ck_assert(al_is_none(a->g.exc));
    /* al_gen_new zeroes the frame's locals */
    ck_assert_int_eq(a->runs, 0);
    count_frame *c = (count_frame *)al_gen_new(vm, sizeof(count_frame), &count_def);
    ck_assert_int_eq(c->i, 0);
    ck_assert_int_eq(c->n, 0);
    ck_assert_str_eq(al_trace_actor_name(rec, c->g.actor), "count#3");
    /* a frame embedded in caller-owned memory */
    count_frame local;
    memset(&local, 0xAB, sizeof local);
    local.n = 2;
    al_gen_init(&local.g, vm, &count_def);
    ck_assert_int_eq(al_gen_state_of(&local.g), AL_GEN_CREATED);
    al_value out;
    ck_assert_int_eq(al_gen_next(&local.g, &out), AL_YIELDED);
    ck_assert_int_eq(out.u.i, 0);
    ck_assert_int_eq(al_gen_next(&local.g, &out), AL_YIELDED);
    ck_assert_int_eq(out.u.i, 1);
    ck_assert_int_eq(al_gen_next(&local.g, &out), AL_RETURNED);
}
END_TEST

START_TEST(test_trace_off_same_behaviour)
{
    /* with the trace off the frames behave identically */
    al_vm_opts o = {.trace = false};
    al_vm *quiet = al_vm_new(&o);
    closer_frame *c = (closer_frame *)al_gen_new(quiet, sizeof(closer_frame), &closer_def);
    c->mode = CLOSER_YIELD;
    al_value out;
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    ck_assert_int_eq(out.u.i, 1);
    ck_assert_int_eq(al_gen_close(&c->g, &out), AL_RAISED);
    ck_assert_exc(out, &al_RuntimeError, "generator ignored GeneratorExit");
    ck_assert_uint_eq(c->g.actor, 0); /* no actor: nobody hears the trace */
    al_vm_free(quiet);
}
END_TEST

static void add_send(TCase *tc)
{
    tcase_add_test(tc, test_state_transitions);
    tcase_add_test(tc, test_next_sends_none);
    tcase_add_test(tc, test_resume_closed);
    tcase_add_test(tc, test_return_without_yield);
    tcase_add_test(tc, test_many_yields);
    tcase_add_test(tc, test_send_non_none_to_created);
    tcase_add_test(tc, test_send_non_none_to_created_coroutine);
    tcase_add_test(tc, test_already_executing);
    tcase_add_test(tc, test_already_executing_coroutine);
    tcase_add_test(tc, test_exception_escapes_and_closes);
    tcase_add_test(tc, test_pep479_stopiteration_inside);
    tcase_add_test(tc, test_pep479_coroutine);
    tcase_add_test(tc, test_coroutine_reuse);
    tcase_add_test(tc, test_al_except);
}

static void add_throw(TCase *tc)
{
    tcase_add_test(tc, test_throw_unhandled);
    tcase_add_test(tc, test_throw_handled_yields);
    tcase_add_test(tc, test_throw_not_matching_except);
    tcase_add_test(tc, test_throw_into_created);
    tcase_add_test(tc, test_throw_into_closed);
    tcase_add_test(tc, test_throw_stopiteration_suspended);
    tcase_add_test(tc, test_throw_stopiteration_created);
}

static void add_close(TCase *tc)
{
    tcase_add_test(tc, test_close_created);
    tcase_add_test(tc, test_close_suspended);
    tcase_add_test(tc, test_close_closed);
    tcase_add_test(tc, test_close_plain_yield);
    tcase_add_test(tc, test_close_ignored);
    tcase_add_test(tc, test_close_ignored_coroutine);
    tcase_add_test(tc, test_close_raises_other);
    tcase_add_test(tc, test_close_returns_value);
}

static Suite *gen_suite(void)
{
    Suite *s = suite_create("gen");
    add_tcase(s, "send", setup, add_send);
    add_tcase(s, "throw", setup, add_throw);
    add_tcase(s, "close", setup, add_close);
    add_tcase(s, "send-quiet", setup_quiet, add_send);
    add_tcase(s, "throw-quiet", setup_quiet, add_throw);
    add_tcase(s, "close-quiet", setup_quiet, add_close);

    TCase *tc = tcase_create("misc");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_names_and_init);
    tcase_add_test(tc, test_label);
    tcase_add_test(tc, test_trace_off_same_behaviour);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(gen_suite)
