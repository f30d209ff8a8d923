/*
 * unit.h: what every Check suite of the runtime shares: the vm a test
 * runs in (made fresh for each test by the fixture), the program's printed
 * lines, and the runner's main().
 */
#ifndef UNIT_H
#define UNIT_H

#include "asynclab.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static al_vm *vm;

/* Without a trace, the printed lines are caught from the vm's live
 * output, written to this memory stream. */
static FILE *unit_live;
static char *unit_live_buf;
static size_t unit_live_len;

/* unit_vm makes the test's vm, with the trace on or off.  Semantic tests
 * run both ways where the runtime takes a different path without it. */
static inline void unit_vm(bool trace)
{
    al_vm_opts o = {.trace = trace};
    if (!trace) {
        unit_live = open_memstream(&unit_live_buf, &unit_live_len);
        ck_assert_ptr_nonnull(unit_live);
        o.live = unit_live;
    }
    vm = al_vm_new(&o);
    ck_assert_ptr_nonnull(vm);
}

static inline void setup(void) { unit_vm(true); }
static inline void setup_quiet(void) { unit_vm(false); }
static inline void teardown(void)
{
    al_vm_free(vm);
    if (unit_live) {
        fclose(unit_live);
        free(unit_live_buf);
        unit_live = NULL;
        unit_live_buf = NULL;
    }
}

/* add_tcase adds a test case named name, with fixture, whose tests add()
 * registers: one list of tests can then run with and without the trace. */
static inline void add_tcase(Suite *s, const char *name, void (*fixture)(void), void (*add)(TCase *))
{
    TCase *tc = tcase_create(name);
    tcase_add_checked_fixture(tc, fixture, teardown);
    add(tc);
    suite_add_tcase(s, tc);
}

/* outputs joins the program's printed lines with '|': from the trace,
 * or, with the trace off, from the live output. */
static inline const char *outputs(void)
{
    static char buf[8192];
    buf[0] = '\0';
    if (unit_live) {
        fflush(unit_live);
        snprintf(buf, sizeof buf, "%s", unit_live_buf ? unit_live_buf : "");
        size_t n = strlen(buf);
        if (n && buf[n - 1] == '\n')
            buf[--n] = '\0';
        for (char *p = buf; *p; p++)
            if (*p == '\n')
                *p = '|';
        return buf;
    }
    const al_trace *t = al_vm_trace(vm);
    for (size_t i = 0; i < t->len; i++) {
        if (t->ev[i].kind != AL_EV_OUTPUT)
            continue;
        if (buf[0])
            strncat(buf, "|", sizeof buf - strlen(buf) - 1);
        strncat(buf, t->ev[i].a.u.s->data, sizeof buf - strlen(buf) - 1);
    }
    return buf;
}

/* UNIT_MAIN runs the suite that make_suite() builds. */
#define UNIT_MAIN(make_suite)                                                  \
    int main(void)                                                             \
    {                                                                          \
        SRunner *sr = srunner_create(make_suite());                            \
        srunner_run_all(sr, CK_NORMAL);                                        \
        int failed = srunner_ntests_failed(sr);                                \
        srunner_free(sr);                                                      \
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;                           \
    }

#endif
