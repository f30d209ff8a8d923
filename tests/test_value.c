/*
 * test_value.c: unit tests of value.c (str(), repr(), ==, list.pop).
 *
 * Every expected string below was produced by CPython 3.11's repr() or
 * str() (python3 3.11.7 on the development machine) and pasted here
 * literally; the runtime must match it to the byte, because a lesson's
 * output is compared with its Python twin's.
 */
#include "unit.h"

#include <check.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


/* repr and str of v as a NUL-terminated string owned by vm's arena. */
static const char *text_of(al_value v, bool repr)
{
    al_buf b;
    al_buf_init(&b);
    if (repr)
        al_repr_of(&b, v);
    else
        al_str_of(&b, v);
    al_value s = al_str_new(vm, b.data ? b.data : "", b.len);
    ck_assert_uint_eq(s.u.s->len, b.data ? strlen(b.data) : 0);
    al_buf_free(&b);
    return s.u.s->data;
}
static const char *R(al_value v) { return text_of(v, true); }
static const char *S(al_value v) { return text_of(v, false); }

static al_value list_of(size_t n, const al_value *items, bool tuple)
{
    al_value l = tuple ? al_tuple_new(vm, n) : al_list_new(vm, n);
    for (size_t i = 0; i < n; i++)
        al_list_append(vm, l, items[i]);
    return l;
}

/* ---- scalars ---- */

START_TEST(test_int_repr)
{
    ck_assert_str_eq(R(al_int(0)), "0");
    ck_assert_str_eq(R(al_int(42)), "42");
    ck_assert_str_eq(R(al_int(-7)), "-7");
    ck_assert_str_eq(R(al_int(INT64_MAX)), "9223372036854775807");
    ck_assert_str_eq(R(al_int(INT64_MIN)), "-9223372036854775808");
    ck_assert_str_eq(S(al_int(-7)), "-7");
}
END_TEST

START_TEST(test_bool_none_repr)
{
    ck_assert_str_eq(R(al_bool(true)), "True");
    ck_assert_str_eq(R(al_bool(false)), "False");
    ck_assert_str_eq(S(al_bool(true)), "True");
    ck_assert_str_eq(R(al_none()), "None");
    ck_assert_str_eq(S(al_none()), "None");
}
END_TEST

/* repr(float) from CPython 3.11, one row per value. */
static const struct {
    double x;
    const char *repr;
} float_cases[] = {
    {0.1, "0.1"},
    {15.0, "15.0"},
    {1e-05, "1e-05"},
    {1e+16, "1e+16"},
    {1000000000000000.0, "1000000000000000.0"},
    {9999999999999998.0, "9999999999999998.0"},
    {0.0001, "0.0001"},
    {0.0, "0.0"},
    {-0.0, "-0.0"},
    {1.0 / 3, "0.3333333333333333"},
    {2.5e-300, "2.5e-300"},
    {1.5e300, "1.5e+300"},
    {1.7976931348623157e+308, "1.7976931348623157e+308"},
    {5e-324, "5e-324"},
    {0.30000000000000004, "0.30000000000000004"},
    {100.0, "100.0"},
    {1e22, "1e+22"},
    {123456.789, "123456.789"},
    {123456789.123, "123456789.123"},
    {-1.5, "-1.5"},
    {0.00001234, "1.234e-05"},
    {9007199254740993.0, "9007199254740992.0"},
};

START_TEST(test_float_repr_table)
{
    const char *want = float_cases[_i].repr;
    char out[32];
    memset(out, 'X', sizeof out);
    al_float_repr(float_cases[_i].x, out);
    ck_assert_str_eq(out, want);
    /* str(float) is repr(float) in Python 3, and both go through values. */
    ck_assert_str_eq(R(al_float(float_cases[_i].x)), want);
    ck_assert_str_eq(S(al_float(float_cases[_i].x)), want);
}
END_TEST

START_TEST(test_float_specials)
{
    ck_assert_str_eq(R(al_float(INFINITY)), "inf");
    ck_assert_str_eq(R(al_float(-INFINITY)), "-inf");
    ck_assert_str_eq(R(al_float(NAN)), "nan");
    ck_assert_str_eq(R(al_float(0.1 + 0.2)), "0.30000000000000004");
    ck_assert_str_eq(R(al_float(DBL_MAX)), "1.7976931348623157e+308");
    ck_assert_str_eq(R(al_float(DBL_TRUE_MIN)), "5e-324");
}
END_TEST

/* ---- strings ---- */

static const struct {
    const char *text;
    const char *repr;
} str_cases[] = {
    {"hello", "'hello'"},
    {"", "''"},
    {"it's", "\"it's\""},                   /* "it's" */
    {"both ' and \"", "'both \\' and \"'"}, /* 'both \' and "' */
    {"say \"hi\"", "'say \"hi\"'"},         /* 'say "hi"' */
    {"a\\b", "'a\\\\b'"},                   /* 'a\\b' */
    {"\\", "'\\\\'"},                       /* '\\' */
    {"a\nb\tc\rd", "'a\\nb\\tc\\rd'"},      /* 'a\nb\tc\rd' */
    {"\x01\x7f", "'\\x01\\x7f'"},           /* '\x01\x7f' */
    {"\x1b[0m", "'\\x1b[0m'"},              /* '\x1b[0m' */
    {"\x1f", "'\\x1f'"},
    {"\xc3\xa9", "'\xc3\xa9'"},             /* 'é' passes through */
    {"na\xc3\xafve caf\xc3\xa9 \xe2\x98\x95", "'na\xc3\xafve caf\xc3\xa9 \xe2\x98\x95'"},
    {"\xe4\xb8\xad", "'\xe4\xb8\xad'"},                 /* '中' */
    {"\xf0\x9f\x98\x80", "'\xf0\x9f\x98\x80'"},         /* an emoji, 4 bytes */
    {"e\xcc\x80", "'e\xcc\x80'"},                         /* U+0300 combines: printable */
};

/* Python's repr escapes every character that str.isprintable() rejects,
 * not only ASCII controls: repr('\xa0') == "'\\xa0'" and so on. */
static const struct {
    const char *text;
    const char *repr;
} nonprintable_cases[] = {
    {"\xc2\xa0", "'\\xa0'"},     /* U+00A0 no-break space */
    {"\xc2\x85", "'\\x85'"},     /* U+0085 next line (C1 control) */
    {"\xc2\xad", "'\\xad'"},     /* U+00AD soft hyphen */
    {"\xe2\x80\x8b", "'\\u200b'"}, /* U+200B zero width space */
    {"\xe2\x80\xa8", "'\\u2028'"}, /* U+2028 line separator */
    {"\xef\xbb\xbf", "'\\ufeff'"}, /* U+FEFF byte order mark */
};

START_TEST(test_str_repr_nonprintable)
{
    ck_assert_str_eq(R(al_cstr(vm, nonprintable_cases[_i].text)), nonprintable_cases[_i].repr);
}
END_TEST

START_TEST(test_str_repr_table)
{
    al_value s = al_cstr(vm, str_cases[_i].text);
    ck_assert_str_eq(R(s), str_cases[_i].repr);
    ck_assert_str_eq(S(s), str_cases[_i].text);
}
END_TEST

START_TEST(test_str_embedded_nul)
{
    /* repr('\x00') == "'\\x00'"; al_str_new takes a length, so NUL is data. */
    al_value s = al_str_new(vm, "a\0b", 3);
    ck_assert_uint_eq(s.u.s->len, 3);
    ck_assert_str_eq(R(s), "'a\\x00b'");
}
END_TEST

START_TEST(test_strf)
{
    al_value s = al_strf(vm, "%s=%r", "x", al_cstr(vm, "it's"));
    ck_assert_int_eq(s.type, AL_STR);
    ck_assert_str_eq(s.u.s->data, "x=\"it's\"");
    ck_assert_uint_eq(s.u.s->len, strlen("x=\"it's\""));
}
END_TEST

/* ---- sequences ---- */

START_TEST(test_seq_repr)
{
    al_value empty_t = al_tuple_new(vm, 0), empty_l = al_list_new(vm, 0);
    ck_assert_str_eq(R(empty_t), "()");
    ck_assert_str_eq(R(empty_l), "[]");
    ck_assert_str_eq(R(al_tuple(vm, 1, al_int(1))), "(1,)");
    ck_assert_str_eq(R(al_tuple(vm, 2, al_int(1), al_int(2))), "(1, 2)");
    ck_assert_str_eq(R(al_tuple(vm, 1, al_tuple_new(vm, 0))), "((),)");

    /* repr([1, [2, (3, 'x')], ()]) */
    al_value inner_t = al_tuple(vm, 2, al_int(3), al_cstr(vm, "x"));
    al_value inner_l = list_of(2, (al_value[]){al_int(2), inner_t}, false);
    al_value l = list_of(3, (al_value[]){al_int(1), inner_l, al_tuple_new(vm, 0)}, false);
    ck_assert_str_eq(R(l), "[1, [2, (3, 'x')], ()]");

    /* repr([None, True, False, 1.5, -0.0]) */
    al_value m = list_of(5, (al_value[]){al_none(), al_bool(true), al_bool(false),
                                         al_float(1.5), al_float(-0.0)}, false);
    ck_assert_str_eq(R(m), "[None, True, False, 1.5, -0.0]");

    /* str() of a container uses repr() of its items: ['a', "it's"] */
    al_value q = list_of(2, (al_value[]){al_cstr(vm, "a"), al_cstr(vm, "it's")}, false);
    ck_assert_str_eq(S(q), "['a', \"it's\"]");
    ck_assert_str_eq(S(al_tuple(vm, 1, al_cstr(vm, "a"))), "('a',)");
}
END_TEST

START_TEST(test_list_append_grows)
{
    al_value l = al_list_new(vm, 1);
    for (int i = 0; i < 100; i++)
        al_list_append(vm, l, al_int(i));
    ck_assert_uint_eq(al_len(l), 100);
    for (int i = 0; i < 100; i++) {
        ck_assert_int_eq(al_item(l, (size_t)i).type, AL_INT);
        ck_assert_int_eq(al_item(l, (size_t)i).u.i, i);
    }
}
END_TEST

START_TEST(test_list_pop)
{
    /* l = [1, 2, 3, 4]; l.pop(0) -> 1, [2, 3, 4]; l.pop(2) -> 4, [2, 3];
     * l.pop(1) -> 3, [2]; l.pop(0) -> 2, [] */
    al_value l = list_of(4, (al_value[]){al_int(1), al_int(2), al_int(3), al_int(4)}, false);
    al_value v = al_list_pop(l, 0);
    ck_assert_int_eq(v.u.i, 1);
    ck_assert_str_eq(R(l), "[2, 3, 4]");
    v = al_list_pop(l, 2);
    ck_assert_int_eq(v.u.i, 4);
    ck_assert_str_eq(R(l), "[2, 3]");
    v = al_list_pop(l, 1);
    ck_assert_int_eq(v.u.i, 3);
    ck_assert_str_eq(R(l), "[2]");
    v = al_list_pop(l, 0);
    ck_assert_int_eq(v.u.i, 2);
    ck_assert_uint_eq(al_len(l), 0);
    ck_assert_str_eq(R(l), "[]");
    /* the emptied list can be reused */
    al_list_append(vm, l, al_cstr(vm, "z"));
    ck_assert_str_eq(R(l), "['z']");
}
END_TEST

/* ---- exceptions ---- */

START_TEST(test_exc_repr_str)
{
    al_value e = al_exc_msg(vm, &al_ValueError, "x");
    ck_assert_str_eq(R(e), "ValueError('x')");
    ck_assert_str_eq(S(e), "x");

    al_value n = al_exc_noarg(vm, &al_ValueError);
    ck_assert_str_eq(R(n), "ValueError()");
    ck_assert_str_eq(S(n), ""); /* repr(str(ValueError())) == "''" */

    al_value si = al_exc_new(vm, &al_StopIteration, al_int(3));
    ck_assert_str_eq(R(si), "StopIteration(3)");
    ck_assert_str_eq(S(si), "3");

    al_value none_arg = al_exc_new(vm, &al_ValueError, al_none());
    ck_assert_str_eq(R(none_arg), "ValueError(None)");
    ck_assert_str_eq(S(none_arg), "None");

    ck_assert_str_eq(R(al_exc_msg(vm, &al_ValueError, "it's")), "ValueError(\"it's\")");
    ck_assert_str_eq(R(al_exc_msg(vm, &al_TypeError, "can't send")), "TypeError(\"can't send\")");
    ck_assert_str_eq(R(al_exc_msg(vm, &al_RuntimeError, "generator raised StopIteration")),
                     "RuntimeError('generator raised StopIteration')");

    /* repr([ValueError(1.5)]) and str(ValueError(2.5)) */
    al_value l = list_of(1, (al_value[]){al_exc_new(vm, &al_ValueError, al_float(1.5))}, false);
    ck_assert_str_eq(R(l), "[ValueError(1.5)]");
    ck_assert_str_eq(S(al_exc_new(vm, &al_ValueError, al_float(2.5))), "2.5");

    /* ValueError([1, 'a']): repr and str of a list argument */
    al_value arg = list_of(2, (al_value[]){al_int(1), al_cstr(vm, "a")}, false);
    al_value el = al_exc_new(vm, &al_ValueError, arg);
    ck_assert_str_eq(R(el), "ValueError([1, 'a'])");
    ck_assert_str_eq(S(el), "[1, 'a']");

    /* a user type prints its own name */
    const al_exc_type *mine = al_exc_type_new(vm, "MyError", NULL);
    ck_assert_str_eq(R(al_exc_msg(vm, mine, "m")), "MyError('m')");
}
END_TEST

/* KeyError is the one built-in whose str() is the repr() of its single
 * argument (CPython's KeyError_str): str(KeyError('k')) == "'k'",
 * str(KeyError(None)) == 'None', str(KeyError()) == ''. */
START_TEST(test_keyerror_str)
{
    ck_assert_str_eq(R(al_exc_msg(vm, &al_KeyError, "k")), "KeyError('k')");
    ck_assert_str_eq(S(al_exc_noarg(vm, &al_KeyError)), "");
    ck_assert_str_eq(S(al_exc_new(vm, &al_KeyError, al_none())), "None");
    ck_assert_str_eq(S(al_exc_msg(vm, &al_KeyError, "k")), "'k'");
}
END_TEST

/* ---- equality ---- */

START_TEST(test_equal_numbers)
{
    /* 1 == 1.0 == True */
    ck_assert(al_equal(al_int(1), al_float(1.0)));
    ck_assert(al_equal(al_float(1.0), al_bool(true)));
    ck_assert(al_equal(al_int(1), al_bool(true)));
    ck_assert(al_equal(al_bool(false), al_int(0)));
    ck_assert(!al_equal(al_bool(true), al_int(2)));       /* True == 2 is False */
    ck_assert(!al_equal(al_float(0.1 + 0.2), al_float(0.3)));
    ck_assert(!al_equal(al_float(NAN), al_float(NAN)));
    ck_assert(al_equal(al_float(0.0), al_float(-0.0)));
    ck_assert(!al_equal(al_none(), al_int(0)));            /* None == 0 is False */
    ck_assert(al_equal(al_none(), al_none()));
    ck_assert(al_equal(al_int(INT64_MAX), al_int(INT64_MAX)));
    ck_assert(!al_equal(al_int(INT64_MAX), al_int(INT64_MAX - 1)));
}
END_TEST

/* Python compares int with float exactly: 2**53 + 1 == float(2**53) is
 * False, although (double)(2**53 + 1) == 2**53 in C. */
START_TEST(test_equal_int_float_exact)
{
    ck_assert(al_equal(al_int(9007199254740992), al_float(9007199254740992.0)));
    ck_assert(!al_equal(al_int(9007199254740993), al_float(9007199254740992.0)));
}
END_TEST

START_TEST(test_equal_seqs_strs)
{
    ck_assert(al_equal(al_cstr(vm, "a"), al_cstr(vm, "a")));
    ck_assert(!al_equal(al_cstr(vm, "a"), al_cstr(vm, "b")));
    ck_assert(!al_equal(al_cstr(vm, "ab"), al_cstr(vm, "a")));
    ck_assert(!al_equal(al_cstr(vm, "1"), al_int(1)));

    /* [1, 2.0] == [1.0, 2] */
    al_value a = list_of(2, (al_value[]){al_int(1), al_float(2.0)}, false);
    al_value b = list_of(2, (al_value[]){al_float(1.0), al_int(2)}, false);
    ck_assert(al_equal(a, b));
    /* [1, 2] == [1, 2, 3] is False */
    al_value c = list_of(3, (al_value[]){al_int(1), al_int(2), al_int(3)}, false);
    ck_assert(!al_equal(a, c));
    /* [1] == (1,) is False */
    ck_assert(!al_equal(list_of(1, (al_value[]){al_int(1)}, false), al_tuple(vm, 1, al_int(1))));
    /* (1, 2) == (1, 2) */
    ck_assert(al_equal(al_tuple(vm, 2, al_int(1), al_int(2)), al_tuple(vm, 2, al_int(1), al_int(2))));
    ck_assert(!al_equal(al_tuple(vm, 2, al_int(1), al_int(2)), al_tuple(vm, 2, al_int(1), al_int(3))));
    /* [1, [2]] == [1, [2]] and [1, [2]] != [1, [3]] */
    al_value n1 = list_of(2, (al_value[]){al_int(1), list_of(1, (al_value[]){al_int(2)}, false)}, false);
    al_value n2 = list_of(2, (al_value[]){al_int(1), list_of(1, (al_value[]){al_int(2)}, false)}, false);
    al_value n3 = list_of(2, (al_value[]){al_int(1), list_of(1, (al_value[]){al_int(3)}, false)}, false);
    ck_assert(al_equal(n1, n2));
    ck_assert(!al_equal(n1, n3));
    /* exceptions compare by identity */
    al_value e1 = al_exc_msg(vm, &al_ValueError, "x"), e2 = al_exc_msg(vm, &al_ValueError, "x");
    ck_assert(al_equal(e1, e1));
    ck_assert(!al_equal(e1, e2));
}
END_TEST

static Suite *value_suite(void)
{
    Suite *s = suite_create("value");
    TCase *tc = tcase_create("repr");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_int_repr);
    tcase_add_test(tc, test_bool_none_repr);
    tcase_add_loop_test(tc, test_float_repr_table, 0, (int)(sizeof float_cases / sizeof float_cases[0]));
    tcase_add_test(tc, test_float_specials);
    tcase_add_loop_test(tc, test_str_repr_table, 0, (int)(sizeof str_cases / sizeof str_cases[0]));
    tcase_add_loop_test(tc, test_str_repr_nonprintable, 0,
                        (int)(sizeof nonprintable_cases / sizeof nonprintable_cases[0]));
    tcase_add_test(tc, test_str_embedded_nul);
    tcase_add_test(tc, test_strf);
    tcase_add_test(tc, test_seq_repr);
    tcase_add_test(tc, test_exc_repr_str);
    tcase_add_test(tc, test_keyerror_str);
    suite_add_tcase(s, tc);

    tc = tcase_create("lists");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_list_append_grows);
    tcase_add_test(tc, test_list_pop);
    suite_add_tcase(s, tc);

    tc = tcase_create("equal");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_equal_numbers);
    tcase_add_test(tc, test_equal_int_float_exact);
    tcase_add_test(tc, test_equal_seqs_strs);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(value_suite)
