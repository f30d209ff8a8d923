/*
 * test_chain.c: exceptions as Python 3.11 has them: more than one
 * argument, the OSError tree (TimeoutError and the connection errors),
 * and chaining (__cause__ by "raise ... from", __context__ by a raise in
 * an except block), reported as Python prints an uncaught exception minus
 * its traceback lines.  The Python side of each test was run with
 * CPython 3.11.7 (python3), and its output is quoted.  report(e) there is
 *
 *     def report(e):
 *         lines = traceback.format_exception(e)
 *         print("".join(l for l in lines
 *                       if not l.startswith(("  ", "Traceback"))), end="")
 */
#include "unit_async.h"

static const char *str_of(al_value v)
{
    static char buf[512];
    al_buf b;
    al_buf_init(&b);
    al_str_of(&b, v);
    snprintf(buf, sizeof buf, "%s", b.data ? b.data : "");
    al_buf_free(&b);
    return buf;
}

static const char *report(al_value e)
{
    static char buf[1024];
    al_buf b;
    al_buf_init(&b);
    al_exc_report(&b, e);
    snprintf(buf, sizeof buf, "%s", b.data ? b.data : "");
    al_buf_free(&b);
    return buf;
}

/* "repr(e) | str(e) | e.args" as the twin prints it. */
static const char *describe(al_value e)
{
    static char line[2048];
    char r[512], s[512];
    memcpy(r, repr_of(e), sizeof r);
    memcpy(s, str_of(e), sizeof s);
    snprintf(line, sizeof line, "%.500s | %.500s | %.500s", r, s, repr_of(al_exc_args_of(vm, e)));
    return line;
}

/* ---- several arguments, and the OSError constructor ----
 *
 * for e in (ValueError(1, 2), KeyError("a", "b"), KeyError("a"), ValueError(),
 *           OSError(2, "No such file", "f.txt"), OSError("plain"), OSError(5, "io"),
 *           OSError(104, "reset"), OSError(110, "slow"), BrokenPipeError(),
 *           RuntimeError((1, 2))):
 *     print(repr(e), "|", str(e), "|", e.args)
 *
 * (OSError(2, ...) is a FileNotFoundError in Python, a type the runtime
 * does not have; OSError(5, "io") keeps its type as errno 5 maps to none.)
 */
START_TEST(several_arguments_and_oserror)
{
    ck_assert_str_eq(describe(al_exc_args(vm, &al_ValueError, 2, al_int(1), al_int(2))),
                     "ValueError(1, 2) | (1, 2) | (1, 2)");
    ck_assert_str_eq(describe(al_exc_args(vm, &al_KeyError, 2, al_cstr(vm, "a"), al_cstr(vm, "b"))),
                     "KeyError('a', 'b') | ('a', 'b') | ('a', 'b')");
    ck_assert_str_eq(describe(al_exc_args(vm, &al_KeyError, 1, al_cstr(vm, "a"))),
                     "KeyError('a') | 'a' | ('a',)");
    ck_assert_str_eq(describe(al_exc_args(vm, &al_ValueError, 0)), "ValueError() |  | ()");
    ck_assert_str_eq(describe(al_exc_args(vm, &al_OSError, 3, al_int(5), al_cstr(vm, "io"),
                                          al_cstr(vm, "f.txt"))),
                     "OSError(5, 'io') | [Errno 5] io: 'f.txt' | (5, 'io')");
    ck_assert_str_eq(describe(al_exc_msg(vm, &al_OSError, "plain")), "OSError('plain') | plain | ('plain',)");
    ck_assert_str_eq(describe(al_exc_args(vm, &al_OSError, 2, al_int(5), al_cstr(vm, "io"))),
                     "OSError(5, 'io') | [Errno 5] io | (5, 'io')");
    ck_assert_str_eq(describe(al_exc_args(vm, &al_OSError, 2, al_int(104), al_cstr(vm, "reset"))),
                     "ConnectionResetError(104, 'reset') | [Errno 104] reset | (104, 'reset')");
    ck_assert_str_eq(describe(al_exc_args(vm, &al_OSError, 2, al_int(110), al_cstr(vm, "slow"))),
                     "TimeoutError(110, 'slow') | [Errno 110] slow | (110, 'slow')");
    ck_assert_str_eq(describe(al_exc_noarg(vm, &al_BrokenPipeError)), "BrokenPipeError() |  | ()");
    ck_assert_str_eq(describe(al_exc_new(vm, &al_RuntimeError, al_tuple(vm, 2, al_int(1), al_int(2)))),
                     "RuntimeError((1, 2)) | (1, 2) | ((1, 2),)");
}
END_TEST

/* ---- the tree: TimeoutError and ConnectionError are OSErrors ----
 *
 * for t in (TimeoutError, ConnectionError, BrokenPipeError, ConnectionAbortedError,
 *           ConnectionRefusedError, ConnectionResetError):
 *     print(t.__name__, [c.__name__ for c in t.__mro__[1:-1]])
 * print(asyncio.TimeoutError is TimeoutError)
 *
 * CPython: TimeoutError ['OSError', 'Exception', 'BaseException'] /
 *          ConnectionError ['OSError', 'Exception', 'BaseException'] /
 *          BrokenPipeError ['ConnectionError', 'OSError', 'Exception', 'BaseException'] /
 *          (the same for the other three) / True
 */
static const char *mro(const al_exc_type *t)
{
    static char buf[256];
    buf[0] = '\0';
    for (const al_exc_type *k = t->base; k; k = k->base) {
        strcat(buf, k == t->base ? "" : ", ");
        strcat(buf, k->name);
    }
    return buf;
}

START_TEST(oserror_tree)
{
    ck_assert_str_eq(mro(&al_TimeoutError), "OSError, Exception, BaseException");
    ck_assert_str_eq(mro(&al_ConnectionError), "OSError, Exception, BaseException");
    const al_exc_type *conn[] = {&al_BrokenPipeError, &al_ConnectionAbortedError,
                                 &al_ConnectionRefusedError, &al_ConnectionResetError};
    for (size_t i = 0; i < 4; i++)
        ck_assert_str_eq(mro(conn[i]), "ConnectionError, OSError, Exception, BaseException");
    ck_assert(al_exc_isa(al_exc_noarg(vm, &al_TimeoutError), &al_OSError));
}
END_TEST

/* ---- reports of chains ----
 *
 * try:
 *     try:
 *         raise KeyError("k")
 *     except KeyError as e:
 *         raise ValueError("v") from e
 * except ValueError as e:
 *     report(e)
 * (the same with "raise ValueError("v", 2)" and with "from None"; then)
 * try:
 *     try:
 *         try:
 *             raise OSError(5, "gone")
 *         except OSError as e:
 *             raise ConnectionResetError(104, "reset") from e
 *     except ConnectionError:
 *         raise RuntimeError("outer")
 * except RuntimeError as e:
 *     report(e)
 * report(asyncio.CancelledError())
 * report(asyncio.InvalidStateError("bad"))
 * report(asyncio.QueueEmpty())
 */
START_TEST(chains_reported_as_python_prints_them)
{
    al_value k = al_exc_msg(vm, &al_KeyError, "k");
    al_value v = al_raise_from(al_exc_msg(vm, &al_ValueError, "v"), k);
    al_exc_chain(v, k);
    ck_assert_str_eq(report(v), "KeyError: 'k'\n\n"
                                "The above exception was the direct cause of the following exception:\n\n"
                                "ValueError: v\n");
    v = al_exc_chain(al_exc_args(vm, &al_ValueError, 2, al_cstr(vm, "v"), al_int(2)), k);
    ck_assert_str_eq(report(v), "KeyError: 'k'\n\n"
                                "During handling of the above exception, another exception occurred:\n\n"
                                "ValueError: ('v', 2)\n");
    v = al_exc_chain(al_raise_from(al_exc_msg(vm, &al_ValueError, "v"), al_none()), k);
    ck_assert_str_eq(report(v), "ValueError: v\n");
    ck_assert(v.u.exc->context == k.u.exc && v.u.exc->cause == NULL && v.u.exc->suppress_context);

    al_value gone = al_exc_args(vm, &al_OSError, 2, al_int(5), al_cstr(vm, "gone"));
    al_value reset = al_exc_chain(al_raise_from(al_exc_args(vm, &al_ConnectionResetError, 2, al_int(104),
                                                            al_cstr(vm, "reset")), gone), gone);
    al_value outer = al_exc_chain(al_exc_msg(vm, &al_RuntimeError, "outer"), reset);
    ck_assert_str_eq(report(outer),
                     "OSError: [Errno 5] gone\n\n"
                     "The above exception was the direct cause of the following exception:\n\n"
                     "ConnectionResetError: [Errno 104] reset\n\n"
                     "During handling of the above exception, another exception occurred:\n\n"
                     "RuntimeError: outer\n");
    ck_assert_str_eq(report(al_exc_noarg(vm, &al_CancelledError)), "asyncio.exceptions.CancelledError\n");
    ck_assert_str_eq(report(al_exc_msg(vm, &al_InvalidStateError, "bad")),
                     "asyncio.exceptions.InvalidStateError: bad\n");
    ck_assert_str_eq(report(al_exc_noarg(vm, &al_QueueEmpty)), "asyncio.queues.QueueEmpty\n");
}
END_TEST

/* ---- a chain that would loop is cut, as CPython cuts it ----
 *
 * a = ValueError("a"); b = KeyError("b")
 * try:
 *     try:
 *         raise a
 *     except ValueError:
 *         try:
 *             raise b
 *         except KeyError:
 *             raise a          # a.__context__ = b, b.__context__ was a: cut
 * except ValueError as e:
 *     print(e.__context__ is b, b.__context__)
 *
 * CPython: True None
 */
START_TEST(chain_cycle_is_cut)
{
    al_value a = al_exc_msg(vm, &al_ValueError, "a");
    al_value b = al_exc_chain(al_exc_msg(vm, &al_KeyError, "b"), a);
    ck_assert(b.u.exc->context == a.u.exc);
    al_exc_chain(a, b);
    ck_assert(a.u.exc->context == b.u.exc);
    ck_assert(b.u.exc->context == NULL);
    ck_assert(al_exc_chain(a, a).u.exc->context == b.u.exc); /* raising what is handled: no link */
}
END_TEST

/* ---- PEP 479: the RuntimeError is raised from the StopIteration ----
 *
 * def g():
 *     raise StopIteration(1)
 *     yield
 * try:
 *     next(g())
 * except RuntimeError as e:
 *     report(e)
 *
 * CPython: StopIteration: 1 / (blank) / The above exception was the direct
 *          cause of the following exception: / (blank) /
 *          RuntimeError: generator raised StopIteration
 */
static al_signal stopper_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_RAISE(g, al_exc_new(g->vm, &al_StopIteration, al_int(1)));
    AL_GEN_END(g);
}
static const al_gen_def stopper_def = {"g", stopper_body, false};

START_TEST(stop_iteration_becomes_a_runtime_error_from_it)
{
    al_value r;
    ck_assert_int_eq(al_gen_next(al_gen_new(vm, sizeof(al_gen), &stopper_def), &r), AL_RAISED);
    ck_assert_str_eq(report(r), "StopIteration: 1\n\n"
                                "The above exception was the direct cause of the following exception:\n\n"
                                "RuntimeError: generator raised StopIteration\n");
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, several_arguments_and_oserror);
    tcase_add_test(tc, oserror_tree);
    tcase_add_test(tc, chains_reported_as_python_prints_them);
    tcase_add_test(tc, chain_cycle_is_cut);
    tcase_add_test(tc, stop_iteration_becomes_a_runtime_error_from_it);
}

static Suite *chain_suite(void)
{
    Suite *s = suite_create("chain");
    add_tcase(s, "traced", setup, add_tests);
    return s;
}

UNIT_MAIN(chain_suite)
