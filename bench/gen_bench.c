/*
 * gen_bench.c: the cost of one generator round trip in asynclab.
 *
 * A round trip is one al_gen_send(g, None) that resumes the frame and
 * comes back with its next yielded value, the C twin of CPython's
 * g.send(None) on
 *
 *     def gen():
 *         x = None
 *         while True:
 *             x = yield x
 *
 * (bench/gen_bench.py times that).  The vm runs with the trace off, as a
 * benchmark should: tracing records events, which is a different cost.
 *
 * Each sample times --iters round trips with CLOCK_MONOTONIC; after one
 * unrecorded warm-up sample, --samples samples are taken and the median
 * and minimum ns per round trip are printed (as JSON with --json).
 */
#include "asynclab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef AL_BENCH_OPT
#define AL_BENCH_OPT "unknown"
#endif
#ifndef AL_BENCH_SANITIZE
#define AL_BENCH_SANITIZE "none"
#endif

/* The frame: its counter lives in the frame, as every local must. */
typedef struct {
    al_gen g;
    int64_t i;
} loop_frame;

static al_signal loop_body(al_gen *g)
{
    loop_frame *L = (loop_frame *)g;
    AL_GEN_BEGIN(g);
    for (;;) {
        AL_YIELD(g, al_int(L->i));
        L->i++;
    }
    AL_GEN_END(g);
}

static const al_gen_def loop_def = {"loop", loop_body, false};

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* one_sample runs n round trips and returns ns per round trip.  The sum
 * of the yielded values is checked so the loop cannot be elided and so a
 * broken runtime cannot post a fast time. */
static double one_sample(al_gen *g, long n)
{
    loop_frame *L = (loop_frame *)g;
    int64_t first = L->i, sum = 0;
    al_value out;
    double t0 = now_ns();
    for (long k = 0; k < n; k++) {
        if (al_gen_send(g, al_none(), &out) != AL_YIELDED) {
            fprintf(stderr, "gen_bench: the generator stopped yielding\n");
            exit(1);
        }
        sum += out.u.i;
    }
    double t1 = now_ns();
    /* the frame increments its counter and yields it: first+1 .. first+n */
    int64_t expect = n * first + (int64_t)n * (n + 1) / 2;
    if (sum != expect) {
        fprintf(stderr, "gen_bench: wrong values (sum %lld, expected %lld)\n",
                (long long)sum, (long long)expect);
        exit(1);
    }
    return (t1 - t0) / (double)n;
}

static void usage(void)
{
    fputs("usage: gen_bench [--samples N] [--iters N] [--json]\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    long samples = 15, iters = 10000000;
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = true;
        else if (strcmp(argv[i], "--samples") == 0 && i + 1 < argc)
            samples = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--iters") == 0 && i + 1 < argc)
            iters = strtol(argv[++i], NULL, 10);
        else
            usage();
    }
    if (samples < 1 || iters < 1)
        usage();

    al_vm_opts opts = {.trace = false};
    al_vm *vm = al_vm_new(&opts);
    if (!vm) {
        fputs("gen_bench: out of memory\n", stderr);
        return 1;
    }
    al_gen *g = al_gen_new(vm, sizeof(loop_frame), &loop_def);
    al_value out;
    if (al_gen_next(g, &out) != AL_YIELDED) /* start it: GEN_SUSPENDED */
        return 1;

    double *ns = malloc((size_t)samples * sizeof *ns);
    if (!ns)
        return 1;
    one_sample(g, iters < 1000000 ? iters : 1000000); /* warm-up */
    for (long s = 0; s < samples; s++)
        ns[s] = one_sample(g, iters);
    if (g->actor != 0) {
        fputs("gen_bench: the frame was traced with tracing off\n", stderr);
        return 1;
    }

    qsort(ns, (size_t)samples, sizeof *ns, cmp_double);
    double median = samples % 2 ? ns[samples / 2] : (ns[samples / 2 - 1] + ns[samples / 2]) / 2;
    double min = ns[0], max = ns[samples - 1];
    if (json) {
        printf("{\"impl\": \"asynclab\", \"median_ns\": %.4f, \"min_ns\": %.4f, \"max_ns\": %.4f, "
               "\"samples\": %ld, \"iters\": %ld, \"optimization\": \"%s\", \"sanitize\": \"%s\"}\n",
               median, min, max, samples, iters, AL_BENCH_OPT, AL_BENCH_SANITIZE);
    } else {
        printf("asynclab generator round trip (al_gen_send + AL_YIELD, trace off)\n");
        printf("  %ld samples x %ld round trips, -O%s, sanitize=%s\n", samples, iters,
               AL_BENCH_OPT, AL_BENCH_SANITIZE);
        printf("  median %.2f ns   min %.2f ns   max %.2f ns\n", median, min, max);
    }
    free(ns);
    al_vm_free(vm);
    return 0;
}
