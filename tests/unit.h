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

/* unit_vm makes the test's vm, with the trace on or off.  Semantic tests
 * run both ways where the runtime takes a different path without it. */
static inline void unit_vm(bool trace)
{
    al_vm_opts o = {.trace = trace};
    vm = al_vm_new(&o);
    ck_assert_ptr_nonnull(vm);
}

static inline void setup(void) { unit_vm(true); }
static inline void setup_quiet(void) { unit_vm(false); }
static inline void teardown(void) { al_vm_free(vm); }

/* add_tcase adds a test case named name, with fixture, whose tests add()
 * registers: one list of tests can then run with and without the trace. */
static inline void add_tcase(Suite *s, const char *name, void (*fixture)(void), void (*add)(TCase *))
{
    TCase *tc = tcase_create(name);
    tcase_add_checked_fixture(tc, fixture, teardown);
    add(tc);
    suite_add_tcase(s, tc);
}

/* outputs joins the program's printed lines with '|'. */
static inline const char *outputs(void)
{
    static char buf[8192];
    buf[0] = '\0';
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
