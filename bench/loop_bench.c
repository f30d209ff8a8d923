/*
 * loop_bench.c: the event loop's benchmarks (not timed tests).
 *
 *   loop_bench pingpong TASKS YIELDS [trace]
 *       TASKS tasks each await sleep(0) YIELDS times: prints the median
 *       ns per task switch over 7 runs (and, with "trace", with the trace
 *       recorded, plus the number of events and the bytes they take).
 *   loop_bench many TASKS [trace]
 *       TASKS tasks each await sleep(1), gathered by main, on the virtual
 *       clock: prints the wall time; the runner measures peak RSS.
 *
 * Output is one JSON object per line, read by bench/loop_run.py.
 */
#include "asynclab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct yielder {
    al_gen g;
    long i, n;
    al_sleep_co sleep;
    al_value r;
} yielder;

static al_signal yielder_body(al_gen *g)
{
    yielder *y = (yielder *)g;
    AL_GEN_BEGIN(g);
    for (y->i = 0; y->i < y->n; y->i++)
        AL_YIELD_FROM(g, al_sleep(&y->sleep, g->vm, 0.0, al_none()), y->r);
    AL_GEN_END(g);
}

static const al_gen_def yielder_def = {"yielder", yielder_body, true};

typedef struct sleeper {
    al_gen g;
    al_sleep_co sleep;
    al_value r;
} sleeper;

static al_signal sleeper_body(al_gen *g)
{
    sleeper *s = (sleeper *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&s->sleep, g->vm, 1.0, al_none()), s->r);
    AL_GEN_END(g);
}

static const al_gen_def sleeper_def = {"sleeper", sleeper_body, true};

/* main_co gathers n children made by make(). */
typedef struct main_co {
    al_gen g;
    long n, yields;
    bool pingpong;
    al_future *all;
    al_value r;
} main_co;

static al_signal main_body(al_gen *g)
{
    main_co *m = (main_co *)g;
    AL_GEN_BEGIN(g);
    {
        al_gen **kids = malloc((size_t)m->n * sizeof *kids);
        if (!kids)
            abort();
        for (long i = 0; i < m->n; i++) {
            if (m->pingpong) {
                yielder *y = (yielder *)al_gen_new(g->vm, sizeof *y, &yielder_def);
                y->n = m->yields;
                kids[i] = &y->g;
            } else {
                kids[i] = al_gen_new(g->vm, sizeof(sleeper), &sleeper_def);
            }
        }
        m->all = al_gather_coros(g->vm, (size_t)m->n, kids, false);
        free(kids);
    }
    AL_AWAIT(g, m->all, m->r);
    AL_GEN_END(g);
}

static const al_gen_def main_def = {"main", main_body, true};

static double clock_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double now_ns(void) { return clock_ns(CLOCK_MONOTONIC); }

/* cpu_ns is the CPU time this process has used (user and system, page
 * faults included): on a machine shared with other work it is the figure
 * that does not count the time spent waiting for a core. */
static double cpu_ns(void) { return clock_ns(CLOCK_PROCESS_CPUTIME_ID); }

/* one_run runs the program once and returns its wall time in ns (and
 * its CPU time in *cpu); with trace, a recorder keeps the trace and
 * *stats says what it took. */
static double one_run(long n, long yields, bool pingpong, bool trace, al_trace_stats *stats,
                      double *cpu)
{
    al_vm_opts o = {.trace = false};
    al_vm *vm = al_vm_new(&o);
    al_trace *rec = trace ? al_trace_new(vm) : NULL;
    main_co *m = (main_co *)al_gen_new(vm, sizeof *m, &main_def);
    m->n = n;
    m->yields = yields;
    m->pingpong = pingpong;
    al_signal sig;
    al_value out;
    double t0 = now_ns(), c0 = cpu_ns();
    if (al_run(vm, &m->g, &sig, &out) != AL_RUN_OK || sig != AL_RETURNED) {
        fprintf(stderr, "loop_bench: the run failed\n");
        exit(1);
    }
    double t = now_ns() - t0;
    *cpu = cpu_ns() - c0;
    if (rec)
        al_trace_stats_of(rec, stats);
    else
        *stats = (al_trace_stats){0, 0, 0, 0};
    al_trace_free(rec);
    al_vm_free(vm);
    return t;
}

/* print_stats ends a JSON line with what the trace took. */
static void print_stats(const al_trace_stats *st)
{
    printf("\"events\": %zu, \"event_bytes\": %zu, \"actors\": %zu, \"actor_bytes\": %zu}\n",
           st->events, st->event_bytes, st->actors, st->actor_bytes);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc >= 4 && strcmp(argv[1], "pingpong") == 0) {
        long n = atol(argv[2]), yields = atol(argv[3]);
        bool trace = argc > 4 && strcmp(argv[4], "trace") == 0;
        double t[7], cpu[7];
        al_trace_stats st;
        for (int i = 0; i < 7; i++)
            t[i] = one_run(n, yields, true, trace, &st, &cpu[i]);
        qsort(t, 7, sizeof t[0], cmp);
        qsort(cpu, 7, sizeof cpu[0], cmp);
        printf("{\"case\": \"pingpong\", \"trace\": %s, \"ns_per_switch\": %.2f, \"median_s\": %.4f, "
               "\"cpu_median_s\": %.4f, ",
               trace ? "true" : "false", t[3] / ((double)n * (double)yields), t[3] / 1e9, cpu[3] / 1e9);
        print_stats(&st);
        return 0;
    }
    if (argc >= 3 && strcmp(argv[1], "many") == 0) {
        bool trace = argc > 3 && strcmp(argv[3], "trace") == 0;
        al_trace_stats st;
        double cpu;
        double t = one_run(atol(argv[2]), 0, false, trace, &st, &cpu);
        printf("{\"case\": \"many\", \"trace\": %s, \"wall_s\": %.4f, ", trace ? "true" : "false",
               t / 1e9);
        print_stats(&st);
        return 0;
    }
    fprintf(stderr, "usage: loop_bench pingpong TASKS YIELDS [trace] | many TASKS [trace]\n");
    return 2;
}
