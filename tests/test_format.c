/*
 * test_format.c: unit tests of format.c (al_format, al_vformat, al_strf).
 *
 * The expected strings are CPython 3.11's output for the f-string written
 * in the comment beside each check (python3 3.11.7, pasted literally).
 */
#include "unit.h"

#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>


/* F formats into a fresh buffer and returns the text, kept in the arena. */
static const char *F(const char *fmt, ...)
{
    al_buf b;
    al_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    al_vformat(&b, fmt, ap);
    va_end(ap);
    const char *text = b.data ? b.data : "";
    ck_assert_uint_eq(strlen(text), b.len);
    al_value s = al_str_new(vm, text, b.len);
    al_buf_free(&b);
    return s.u.s->data;
}

START_TEST(test_plain_and_percent)
{
    ck_assert_str_eq(F("no conversions"), "no conversions");
    ck_assert_str_eq(F(""), "");
    ck_assert_str_eq(F("100%%"), "100%");           /* print("100%") */
    ck_assert_str_eq(F("%%d%%"), "%d%");
    ck_assert_str_eq(F("a%%b%%c"), "a%b%c");
}
END_TEST

START_TEST(test_v_and_r)
{
    /* f"{0.1}|{1e16}|{15.0}|{1e-5}|{[1,'a']}|{'s'!r}|{None}|{True}" */
    al_value l = al_list_new(vm, 2);
    al_list_append(vm, l, al_int(1));
    al_list_append(vm, l, al_cstr(vm, "a"));
    ck_assert_str_eq(F("%v|%v|%v|%v|%v|%r|%v|%v", al_float(0.1), al_float(1e16), al_float(15.0),
                       al_float(1e-5), l, al_cstr(vm, "s"), al_none(), al_bool(true)),
                     "0.1|1e+16|15.0|1e-05|[1, 'a']|'s'|None|True");
    /* str vs repr of a str and of an exception */
    ck_assert_str_eq(F("%v", al_cstr(vm, "it's")), "it's");
    ck_assert_str_eq(F("%r", al_cstr(vm, "it's")), "\"it's\"");
    al_value e = al_exc_msg(vm, &al_ValueError, "bad");
    ck_assert_str_eq(F("%v / %r", e, e), "bad / ValueError('bad')");
    ck_assert_str_eq(F("[%v]", al_exc_noarg(vm, &al_ValueError)), "[]");
}
END_TEST

START_TEST(test_s_d_D)
{
    ck_assert_str_eq(F("%s-%s", "ab", ""), "ab-");
    ck_assert_str_eq(F("%d %d %d", 0, -42, 2147483647), "0 -42 2147483647");
    ck_assert_str_eq(F("%D", (int64_t)INT64_MIN), "-9223372036854775808");
    ck_assert_str_eq(F("%D", (int64_t)1 << 40), "1099511627776");
    /* arguments are consumed in order across mixed conversions */
    ck_assert_str_eq(F("%s=%d, %v=%D", "a", 1, al_cstr(vm, "b"), (int64_t)2), "a=1, b=2");
}
END_TEST

START_TEST(test_fixed)
{
    /* f"{2.675:.2f}|{0.125:.2f}|{0.375:.2f}|{1.005:.2f}|{-0.0:.1f}|{3.14159:.3f}|
     *   {2.5:.0f}|{3.5:.0f}|{1e20:.2f}|{-1.25:.1f}|{0.5:.0f}|{1/3:.4f}" */
    ck_assert_str_eq(F("%.2f", 2.675), "2.67");
    ck_assert_str_eq(F("%.2f", 0.125), "0.12");
    ck_assert_str_eq(F("%.2f", 0.375), "0.38");
    ck_assert_str_eq(F("%.2f", 1.005), "1.00");
    ck_assert_str_eq(F("%.1f", -0.0), "-0.0");
    ck_assert_str_eq(F("%.3f", 3.14159), "3.142");
    ck_assert_str_eq(F("%.0f", 2.5), "2");
    ck_assert_str_eq(F("%.0f", 3.5), "4");
    ck_assert_str_eq(F("%.0f", 0.5), "0");
    ck_assert_str_eq(F("%.2f", 1e20), "100000000000000000000.00");
    ck_assert_str_eq(F("%.1f", -1.25), "-1.2");
    ck_assert_str_eq(F("%.4f", 1.0 / 3), "0.3333");
    /* f"{float('inf'):.2f}|{float('nan'):.2f}" */
    ck_assert_str_eq(F("%.2f|%.2f", INFINITY, NAN), "inf|nan");
    /* f"{1.5:f}": no precision means 6 */
    ck_assert_str_eq(F("%f", 1.5), "1.500000");
    /* a huge value still fits */
    /* len(f"{1e300:.250f}") == 552: no truncation, 250 zeros after the point */
    const char *long_fixed = F("%.250f", 1e300);
    ck_assert_uint_eq(strlen(long_fixed), 552);
    ck_assert_int_eq(long_fixed[301], '.');
    ck_assert_int_eq(long_fixed[551], '0');
    /* len(f"{1e300:.0f}") == 301, and it starts '10000000000000000525' */
    ck_assert_uint_eq(strlen(F("%.0f", 1e300)), 301);
    ck_assert_int_eq(strncmp(F("%.0f", 1e300), "10000000000000000525", 20), 0);
}
END_TEST

START_TEST(test_g)
{
    /* %g is str(float): f"{0.1}", f"{1e16}", f"{15.0}", f"{1e-5}" */
    ck_assert_str_eq(F("%g", 0.1), "0.1");
    ck_assert_str_eq(F("%g", 1e16), "1e+16");
    ck_assert_str_eq(F("%g", 15.0), "15.0");
    ck_assert_str_eq(F("%g", 1e-5), "1e-05");
    ck_assert_str_eq(F("%g", 0.1 + 0.2), "0.30000000000000004");
    ck_assert_str_eq(F("%g|%g", -INFINITY, 123456.789), "-inf|123456.789");
}
END_TEST

START_TEST(test_widths)
{
    /* f"[{'ab':<10}]" */
    ck_assert_str_eq(F("[%-10s]", "ab"), "[ab        ]");
    /* f"[{'ab':>6}]" */
    ck_assert_str_eq(F("[%6s]", "ab"), "[    ab]");
    /* f"[{'toolong':<3}]": never truncated */
    ck_assert_str_eq(F("[%-3s]", "toolong"), "[toolong]");
    /* f"[{42:5}]|[{-42:5}]|[{-5:<4}]" */
    ck_assert_str_eq(F("[%5d]|[%5d]|[%-4d]", 42, -42, -5), "[   42]|[  -42]|[-5  ]");
    ck_assert_str_eq(F("[%5D]", (int64_t)7), "[    7]");
    /* f"[{3.14159:8.2f}]|[{3.14159:<8.2f}]" */
    ck_assert_str_eq(F("[%8.2f]|[%-8.2f]", 3.14159, 3.14159), "[    3.14]|[3.14    ]");
    /* f"[{0.1!s:>6}]|[{'x'!r:<6}]" */
    ck_assert_str_eq(F("[%6v]|[%-6r]", al_float(0.1), al_cstr(vm, "x")), "[   0.1]|['x'   ]");
    ck_assert_str_eq(F("[%6g]", 2.5), "[   2.5]");
}
END_TEST

/* Python pads to a width in characters, not bytes: f"[{'é':<5}]" is
 * '[é    ]' (four spaces) and f"[{'é':>5}]" is '[    é]'. */
START_TEST(test_width_counts_characters)
{
    ck_assert_str_eq(F("[%-5s]", "\xc3\xa9"), "[\xc3\xa9    ]");
    ck_assert_str_eq(F("[%5v]", al_cstr(vm, "\xc3\xa9")), "[    \xc3\xa9]");
}
END_TEST

START_TEST(test_strf_and_append)
{
    al_value s = al_strf(vm, "%s has %d items: %r", "box", 2, al_tuple(vm, 2, al_int(1), al_float(2.5)));
    ck_assert_int_eq(s.type, AL_STR);
    ck_assert_str_eq(s.u.s->data, "box has 2 items: (1, 2.5)");
    /* al_format appends to what the buffer already holds */
    al_buf b;
    al_buf_init(&b);
    al_buf_puts(&b, "x=");
    al_format(&b, "%d", 5);
    al_format(&b, ", y=%.1f", 0.25);
    ck_assert_str_eq(b.data, "x=5, y=0.2");
    ck_assert_uint_eq(b.len, 10);
    al_buf_free(&b);
    ck_assert_ptr_null(b.data);
}
END_TEST

START_TEST(test_long_output)
{
    /* a result longer than any internal scratch buffer */
    char big[3000];
    memset(big, 'q', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    const char *t = F("<%s|%-3100s>", big, "z");
    ck_assert_uint_eq(strlen(t), 1 + 2999 + 1 + 3100 + 1);
    ck_assert_int_eq(t[3001], 'z');
    ck_assert_int_eq(t[3001 + 3100], '>');
}
END_TEST

static Suite *format_suite(void)
{
    Suite *s = suite_create("format");
    TCase *tc = tcase_create("conversions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_plain_and_percent);
    tcase_add_test(tc, test_v_and_r);
    tcase_add_test(tc, test_s_d_D);
    tcase_add_test(tc, test_fixed);
    tcase_add_test(tc, test_g);
    tcase_add_test(tc, test_strf_and_append);
    tcase_add_test(tc, test_long_output);
    suite_add_tcase(s, tc);

    tc = tcase_create("widths");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_widths);
    tcase_add_test(tc, test_width_counts_characters);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(format_suite)
