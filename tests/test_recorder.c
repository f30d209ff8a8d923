/*
 * test_recorder.c: the recorder keeps every event and actor exactly as
 * the runtime emitted it, at a size that crosses its storage's seams:
 * several chunks of events (the first small, the others huge pages),
 * hundreds of checkpoints, and more actors than the first two blocks of
 * the actor table hold.
 *
 * A second subscriber, attached to the vm after the recorder, hears each
 * raw event just after the recorder stored it: it decodes that event back
 * from the run (reading forwards) and compares every field, and keeps a
 * sample of events to read again at random once the run is over.
 */
#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

/* ---- a program that makes a long and varied trace ---- */

/* async def worker(i, n):
 *     for k in range(n):
 *         await asyncio.sleep(0 if k % 3 else 0.001 * (k % 7))
 * Timers, a moving clock and floats as well as the sleep(0) ping-pong. */
typedef struct worker {
    al_gen g;
    long k, n;
    al_sleep_co sleep;
    al_value r;
} worker;

static al_signal worker_body(al_gen *g)
{
    worker *w = (worker *)g;
    AL_GEN_BEGIN(g);
    for (w->k = 0; w->k < w->n; w->k++)
        AL_YIELD_FROM(g, al_sleep(&w->sleep, g->vm, w->k % 3 ? 0.0 : 0.001 * (double)(w->k % 7),
                                  al_int(w->k)), w->r);
    AL_GEN_END(g);
}
static const al_gen_def worker_def = {"worker", worker_body, true};

/* async def main(): await asyncio.gather(*(worker(i, YIELDS) for i in range(TASKS))) */
#define TASKS 16
#define YIELDS 4000
typedef struct main_co {
    al_gen g;
    al_future *all;
    al_value r;
} main_co;

static al_signal main_body(al_gen *g)
{
    main_co *m = (main_co *)g;
    AL_GEN_BEGIN(g);
    {
        al_gen *kids[TASKS];
        for (int i = 0; i < TASKS; i++) {
            worker *w = (worker *)al_gen_new(g->vm, sizeof *w, &worker_def);
            w->n = YIELDS;
            kids[i] = &w->g;
        }
        m->all = al_gather_coros(g->vm, TASKS, kids, false);
    }
    AL_AWAIT(g, m->all, m->r);
    AL_GEN_END(g);
}
static const al_gen_def main_def = {"main", main_body, true};

/* ---- the checking subscriber ---- */

#define SAMPLE_EVERY 997
#define AL_MIB ((size_t)1 << 20)
static al_event sample[4096];
static size_t nsample, nchecked;

static bool same_value(al_value x, al_value y)
{
    if (x.type != y.type)
        return false;
    switch (x.type) {
    case AL_NONE: return true;
    case AL_BOOL: return x.u.b == y.u.b;
    case AL_INT: return x.u.i == y.u.i;
    case AL_FLOAT: return memcmp(&x.u.f, &y.u.f, sizeof x.u.f) == 0;
    case AL_STR: return x.u.s == y.u.s; /* the recorder keeps the str itself */
    case AL_LIST:
    case AL_TUPLE:
    case AL_EXC: return x.u.p == y.u.p;
    default: return true; /* runtime objects: the trace names them by actor */
    }
}

/* same_event compares every field.  It asserts nothing itself: Check
 * notes the place of every assertion it evaluates, which for a million
 * events would cost more than the run. */
static bool same_event(const al_event *want, const al_event *got)
{
    return got->seq == want->seq && got->cause == want->cause && got->kind == want->kind &&
           got->actor == want->actor && got->other == want->other && got->task == want->task &&
           memcmp(&got->time, &want->time, sizeof got->time) == 0 &&
           same_value(got->a, want->a) && same_value(got->b, want->b);
}

static void check_same(const al_event *want, const al_event *got)
{
    if (!same_event(want, got))
        ck_abort_msg("event %u reads back as event %u: kind %u/%u cause %u/%u actor %u/%u "
                     "other %u/%u task %u/%u", want->seq, got->seq, want->kind, got->kind,
                     want->cause, got->cause, want->actor, got->actor, want->other, got->other,
                     want->task, got->task);
}

static void on_raw(void *ctx, const al_event *e)
{
    (void)ctx;
    al_event got;
    if (!al_trace_event(rec, e->seq, &got))
        ck_abort_msg("event %u is not in the run", e->seq);
    check_same(e, &got);
    nchecked++;
    if (e->seq % SAMPLE_EVERY == 0 && nsample < sizeof sample / sizeof sample[0])
        sample[nsample++] = *e;
}

START_TEST(test_long_run_reads_back)
{
    al_subscriber raw = {on_raw, NULL, NULL, false}; /* the vm then emits every event */
    ck_assert(al_vm_subscribe(vm, &raw));
    al_signal sig;
    al_value out;
    ck_assert_int_eq(al_run(vm, al_gen_new(vm, sizeof(main_co), &main_def), &sig, &out), AL_RUN_OK);
    ck_assert_uint_eq(nchecked, al_trace_len(rec));
    al_trace_stats st;
    al_trace_stats_of(rec, &st);
    ck_assert_uint_gt(st.event_bytes, AL_MIB * 5 / 2); /* three chunks or more */
    /* at random: backwards through the sample, then a few jumps */
    ck_assert_uint_gt(nsample, 300);
    for (size_t i = nsample; i-- > 0;) {
        al_event got;
        ck_assert(al_trace_event(rec, sample[i].seq, &got));
        check_same(&sample[i], &got);
    }
    al_event first, again;
    ck_assert(al_trace_event(rec, 1, &first));
    ck_assert(al_trace_event(rec, al_trace_len(rec), &again));
    ck_assert(al_trace_event(rec, 1, &again));
    check_same(&first, &again);
    ck_assert(!al_trace_event(rec, al_trace_len(rec) + 1, &again));
}
END_TEST

/* More actors than the actor table's first two blocks hold: each reads
 * back with its own kind and name. */
START_TEST(test_many_actors)
{
    size_t n = 4096 + 262144 + 1000;
    for (size_t i = 0; i < n; i++)
        if (al_actor_new(vm, i % 2 ? AL_ACTOR_OBJECT : AL_ACTOR_FUTURE, "x", NULL) != i + 2)
            ck_abort_msg("actor %zu got another id", i + 2);
    ck_assert_uint_eq(al_trace_actor_count(rec), n + 1);
    uint32_t probe[] = {2, 4097, 4098, 4099, 266241, 266242, 266243, (uint32_t)n + 1};
    for (size_t i = 0; i < sizeof probe / sizeof probe[0]; i++) {
        ck_assert_str_eq(al_trace_actor_name(rec, probe[i]), "x");
        ck_assert_int_eq(al_trace_actor_kind(rec, probe[i]),
                         (probe[i] - 2) % 2 ? AL_ACTOR_OBJECT : AL_ACTOR_FUTURE);
    }
}
END_TEST

/* ---- follow-ups left out and restored ---- */

static void count_event(void *ctx, const al_event *e)
{
    (void)e;
    ++*(size_t *)ctx;
}

/* record_run runs the program in a new vm with a recorder and a second
 * subscriber that counts what it hears and restores follow-ups or not
 * (when not, the vm emits every event); returns the recorder. */
static al_trace *record_run(al_vm **v, bool restores, size_t *heard)
{
    *v = al_vm_new(&(al_vm_opts){.trace = false});
    al_trace *t = al_trace_new(*v);
    al_subscriber s = {count_event, NULL, heard, restores};
    ck_assert(t && al_vm_subscribe(*v, &s));
    al_signal sig;
    al_value out;
    ck_assert_int_eq(al_run(*v, al_gen_new(*v, sizeof(main_co), &main_def), &sig, &out), AL_RUN_OK);
    return t;
}

/* same_across compares a value of one vm with one of another: strs by
 * their text, anything else in an arena by its type. */
static bool same_across(al_value x, al_value y)
{
    if (x.type == AL_STR && y.type == AL_STR)
        return strcmp(x.u.s->data, y.u.s->data) == 0;
    if (x.type == AL_LIST || x.type == AL_TUPLE || x.type == AL_EXC)
        return x.type == y.type;
    return same_value(x, y);
}

/* The same run, with the vm emitting every event and with it leaving
 * the follow-ups out, reads back the same, event for event: the
 * recorder restores each follow-up as the runtime would have emitted
 * it.  (The goldens check the same for every lesson.) */
START_TEST(test_follow_ups_restored)
{
    al_vm *v1, *v2;
    size_t heard1 = 0, heard2 = 0;
    al_trace *whole = record_run(&v1, false, &heard1), *left = record_run(&v2, true, &heard2);
    uint32_t n = al_trace_len(whole);
    ck_assert_uint_eq(al_trace_len(left), n);
    ck_assert_uint_eq(heard1, n);
    ck_assert_uint_lt(heard2, n - n / 5); /* a sleep(0) leaves four of its thirteen out */
    for (uint32_t seq = 1; seq <= n; seq++) {
        al_event x, y;
        ck_assert(al_trace_event(whole, seq, &x) && al_trace_event(left, seq, &y));
        if (x.kind != y.kind || x.cause != y.cause || x.actor != y.actor || x.other != y.other ||
            x.task != y.task || memcmp(&x.time, &y.time, sizeof x.time) != 0 ||
            !same_across(x.a, y.a) || !same_across(x.b, y.b))
            ck_abort_msg("event %u differs: kind %u/%u cause %u/%u actor %u/%u other %u/%u",
                         seq, x.kind, y.kind, x.cause, y.cause, x.actor, y.actor, x.other, y.other);
    }
    al_trace_free(whole);
    al_trace_free(left);
    al_vm_free(v1);
    al_vm_free(v2);
}
END_TEST

static Suite *recorder_suite(void)
{
    Suite *s = suite_create("recorder");
    TCase *tc = tcase_create("storage");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_long_run_reads_back);
    tcase_add_test(tc, test_many_actors);
    tcase_add_test(tc, test_follow_ups_restored);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(recorder_suite)
