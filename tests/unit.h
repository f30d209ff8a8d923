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
static al_trace *rec; /* the vm's recorded trace, NULL with the trace off */

/* Without a trace, the printed lines are caught from the vm's live
 * output, written to this memory stream. */
static FILE *unit_live;
static char *unit_live_buf;
static size_t unit_live_len;

/* unit_vm makes the test's vm, with the trace recorded or off.  Semantic
 * tests run both ways where the runtime takes a different path without. */
static inline void unit_vm(bool trace)
{
    al_vm_opts o = {.trace = false};
    if (!trace) {
        unit_live = open_memstream(&unit_live_buf, &unit_live_len);
        ck_assert_ptr_nonnull(unit_live);
        o.live = unit_live;
    }
    vm = al_vm_new(&o);
    ck_assert_ptr_nonnull(vm);
    rec = trace ? al_trace_new(vm) : NULL;
    ck_assert(!trace || rec);
}

static inline void setup(void) { unit_vm(true); }
static inline void setup_quiet(void) { unit_vm(false); }
static inline void teardown(void)
{
    al_trace_free(rec);
    rec = NULL;
    al_vm_free(vm);
    if (unit_live) {
        fclose(unit_live);
        free(unit_live_buf);
        unit_live = NULL;
        unit_live_buf = NULL;
    }
}

/* unit_ev is event number i + 1 of the recorded trace (i counts from 0,
 * as an array index would); unit_len is how many there are. */
static inline al_event unit_ev(size_t i)
{
    al_event e;
    ck_assert(al_trace_event(rec, (uint32_t)i + 1, &e));
    return e;
}
static inline size_t unit_len(void) { return rec ? al_trace_len(rec) : 0; }

/* unit_actor_id finds the actor named name (0 if none). */
static inline uint32_t unit_actor_id(const char *name)
{
    for (uint32_t id = 1; id <= al_trace_actor_count(rec); id++)
        if (strcmp(al_trace_actor_name(rec, id), name) == 0)
            return id;
    return 0;
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
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        if (e.kind != AL_EV_OUTPUT)
            continue;
        if (buf[0])
            strncat(buf, "|", sizeof buf - strlen(buf) - 1);
        strncat(buf, e.a.u.s->data, sizeof buf - strlen(buf) - 1);
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
