/*
 * 04-event-loop.c: lesson 4, the event loop built up from generators.
 *
 * Parts (a) and (b) are schedulers written here: a FIFO of plain generator
 * frames run round-robin, then sleeping frames on a clock the scheduler
 * keeps itself.  Both drive real frames, so every resume and yield is in
 * the trace.  Part (c) hands over to the runtime's own loop under al_run
 * and uses only what asyncio offers: call_soon, call_later and a future.
 */
#include "asynclab.h"
#include "lesson_forms.h"

static int64_t workers, steps, ticks;
static const double *delays;
static size_t ndelays;
static double interval;

/* ---- (a) round-robin over plain generators ---- */

AL_DEF(worker, al_value name; int64_t steps, i;)
    for (f->i = 0; f->i < f->steps; f->i++) {
        al_print(vm, "  %v step %D of %D", f->name, f->i + 1, f->steps);
        AL_YIELD(al_none()); /* hand control back to the scheduler */
    }
    al_print(vm, "  %v done", f->name);
AL_END

/* ready is the twin's deque: a list of frames (AL_PTR), popped at the left. */
static int64_t round_robin(al_vm *vm, al_value ready)
{
    int64_t turns = 0;
    al_value v;
    while (al_len(ready) > 0) {
        al_gen *gen = al_as_ptr(al_list_pop(ready, 0));
        turns += 1;
        if (al_gen_next(gen, &v) != AL_YIELDED)
            continue; /* finished: it does not go back in the queue */
        al_list_append(vm, ready, al_ptr(gen));
    }
    return turns;
}

/* ---- (b) sleeping generators, woken in order of (wake_time, seq) ---- */

AL_DEF(sleeper, al_value name; int64_t steps, i; double delay, now;)
    AL_YIELD(al_none()); /* the scheduler starts us and tells us the time */
    f->now = al_as_float(AL_SENT(g));
    for (f->i = 0; f->i < f->steps; f->i++) {
        al_print(vm, "  %.2f %v step %D, sleeps %.2f", f->now, f->name, f->i + 1, f->delay);
        AL_YIELD(al_float(f->delay));
        f->now = al_as_float(AL_SENT(g));
    }
    al_print(vm, "  %.2f %v done", f->now, f->name);
AL_END

/* One entry of the twin's heap, the tuple (wake_time, seq, gen). */
typedef struct entry {
    double wake;
    int64_t seq;
    al_gen *gen;
} entry;

/* heappop removes the smallest entry, as heapq.heappop does.  seq is
 * unique, so that order is total and any priority queue pops the same
 * entries; with at most six sleepers a scan is the simplest.  O(n). */
static entry heappop(entry *heap, size_t *n)
{
    size_t m = 0;
    for (size_t i = 1; i < *n; i++)
        if (heap[i].wake < heap[m].wake || (heap[i].wake == heap[m].wake && heap[i].seq < heap[m].seq))
            m = i;
    entry e = heap[m];
    heap[m] = heap[--*n];
    return e;
}

/* sleep_scheduler returns its clock's last reading, or -1 if a frame
 * answered what CPython would not. */
static double sleep_scheduler(al_vm *vm, al_gen **gens, size_t n)
{
    double now = 0.0; /* the scheduler's own clock: it never really waits */
    entry *heap = al_alloc(vm, n * sizeof *heap);
    size_t len = 0;
    int64_t seq = 0; /* breaks ties between equal wake times */
    al_value v;
    for (size_t k = 0; k < n; k++) {
        if (al_gen_next(gens[k], &v) != AL_YIELDED)
            return -1;
        heap[len++] = (entry){now, seq++, gens[k]};
    }
    while (len > 0) {
        entry e = heappop(heap, &len);
        now = e.wake; /* nothing can happen before the next wake time */
        al_signal s = al_gen_send(e.gen, al_float(now), &v);
        if (s == AL_RETURNED)
            continue;
        if (s != AL_YIELDED)
            return -1;
        heap[len++] = (entry){now + al_as_float(v), seq++, e.gen};
    }
    return now;
}

/* ---- (c) the asyncio loop running plain callbacks ---- */

/* loop_demo's nested functions, defined after it: each gets its frame,
 * which holds what they share (the twin's closure cells), and an argument. */
static void report(al_vm *vm, void *demo, void *label);
static void callback_a(al_vm *vm, void *demo, void *unused);
static void tick(al_vm *vm, void *demo, void *k);

AL_ASYNC_DEF(loop_demo, double start; al_future *finished; int64_t expected, count; al_value n;)
    f->start = al_time(vm); /* times below are seconds since this line */
    f->finished = al_future_new(vm, "finished");
    f->expected = workers + 3 + ticks; /* every callback below that reports */
    f->count = 0;
    for (int64_t k = 0; k < workers; k++) {
        double delay = delays[(size_t)k % ndelays];
        const char *label = al_as_str(al_strf(vm, "call_later(%.2f) #%D", delay, k));
        al_call_later(vm, delay, report, f, (void *)label, "report");
    }
    if (ticks > 0)
        al_call_later(vm, interval, tick, f, (void *)(intptr_t)1, "tick");
    al_call_soon(vm, callback_a, f, NULL, "callback_a");
    al_call_soon(vm, report, f, "call_soon callback B", "report");
    al_print(vm, "  %.2f main: callbacks scheduled, awaiting a future", al_time(vm) - f->start);
    AL_AWAIT(f->finished, f->n);
    al_print(vm, "  %.2f main: %v callbacks ran", al_time(vm) - f->start, f->n);
AL_END

static void report(al_vm *vm, void *demo, void *label)
{
    loop_demo_frame *f = demo;
    al_print(vm, "  %.2f %s", al_time(vm) - f->start, (const char *)label);
    f->count += 1;
    if (f->count == f->expected)
        al_future_set_result(f->finished, al_int(f->count));
}

static void callback_a(al_vm *vm, void *demo, void *unused)
{
    (void)unused;
    report(vm, demo, "call_soon callback A");
    al_call_soon(vm, report, demo, "call_soon made by A (next turn)", "report");
}

static void tick(al_vm *vm, void *demo, void *k)
{
    int64_t n = (int64_t)(intptr_t)k;
    report(vm, demo, (void *)al_as_str(al_strf(vm, "tick %D of %D", n, ticks)));
    if (n < ticks)
        al_call_later(vm, interval, tick, demo, (void *)(intptr_t)(n + 1), "tick");
}

static al_status run(al_vm *vm, const al_params *p)
{
    workers = al_param_int(p, "workers");
    steps = al_param_int(p, "steps");
    ndelays = al_param_list(p, "delays", &delays);
    ticks = al_param_int(p, "ticks");
    interval = al_param_float(p, "interval");

    al_print(vm, "(a) round-robin over plain generators");
    al_value gens = al_list_new(vm, (size_t)workers);
    for (int64_t k = 0; k < workers; k++) {
        al_value name = al_strf(vm, "worker-%D", k);
        al_gen *w = AL_CALL(worker, .name = name, .steps = steps);
        al_gen_label(w, al_as_str(name)); /* the trace says "worker-0" too */
        al_list_append(vm, gens, al_ptr(w));
    }
    al_print(vm, "  %D turns of the scheduler", round_robin(vm, gens));

    al_print(vm, "(b) sleeping generators on a heap of (wake_time, seq, gen)");
    al_gen **sleepers = al_alloc(vm, (size_t)workers * sizeof *sleepers);
    for (int64_t k = 0; k < workers; k++) {
        al_value name = al_strf(vm, "sleeper-%D", k);
        sleepers[k] = AL_CALL(sleeper, .name = name, .steps = steps,
                              .delay = delays[(size_t)k % ndelays]);
        al_gen_label(sleepers[k], al_as_str(name));
    }
    double end = sleep_scheduler(vm, sleepers, (size_t)workers);
    if (end < 0)
        return al_unexpected(vm, "a sleeper's send()", al_none());
    al_print(vm, "  virtual clock ends at %.2f", end);

    al_print(vm, "(c) the asyncio loop: call_soon and call_later");
    return al_run_main(vm, AL_CALL(loop_demo));
}

static const al_param_def params[] = {
    {"workers", AL_PARAM_INT, "3", 1, 6, 0,
     "how many workers (generators and call_later callbacks)"},
    {"steps", AL_PARAM_INT, "3", 1, 5, 0, "steps each generator worker takes"},
    {"delays", AL_PARAM_FLOAT_LIST, "0.5,1,0.25", 0, 3, 6,
     "worker k sleeps delays[k % len] per step; callback k waits as long"},
    {"ticks", AL_PARAM_INT, "3", 0, 5, 0,
     "how many times the self-rescheduling tick callback runs"},
    {"interval", AL_PARAM_FLOAT, "0.4", 0, 2, 0, "seconds between two ticks"},
};

AL_LESSON(params, run,
    .title = "The event loop",
    .summary = "from a round-robin of generators to call_soon and call_later",
    .concept = "an event loop is a queue of ready callbacks plus a heap of timers");
