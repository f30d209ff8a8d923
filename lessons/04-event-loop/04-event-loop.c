/*
 * 04-event-loop.c: lesson 4, the event loop built up from generators.
 *
 * Parts (a) and (b) are schedulers written in this file: a FIFO of plain
 * generator frames run round-robin, then a binary heap of sleeping frames
 * on a clock the scheduler keeps itself.  Both drive real frames with
 * al_gen_next and al_gen_send, so every resume and yield is in the trace.
 * Part (c) hands over to the runtime's own loop (loop.c) under al_run and
 * uses only what asyncio offers: call_soon, call_later and a future.
 */
#include "asynclab.h"

/* ---- (a) round-robin over plain generators ---- */

/* def worker(name, steps): prints a line per step and yields after it. */
typedef struct worker_frame {
    al_gen g;
    al_value name;
    int64_t steps, i;
} worker_frame;

static al_signal worker_body(al_gen *g)
{
    worker_frame *f = (worker_frame *)g;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < f->steps; f->i++) {
        al_print(g->vm, "  %v step %D of %D", f->name, f->i + 1, f->steps);
        AL_YIELD(g, al_none());
    }
    al_print(g->vm, "  %v done", f->name);
    AL_GEN_END(g);
}

static const al_gen_def worker_def = {"worker", worker_body, false};

/* A FIFO of frames, as collections.deque: a ring of fixed capacity,
 * which is enough because a frame only goes back in after it left. */
typedef struct ring {
    al_gen **v;
    size_t head, len, cap;
} ring;

static void ring_push(ring *r, al_gen *g) { r->v[(r->head + r->len++) % r->cap] = g; }

static al_gen *ring_pop(ring *r)
{
    al_gen *g = r->v[r->head];
    r->head = (r->head + 1) % r->cap;
    r->len--;
    return g;
}

/* round_robin runs each frame up to its next yield, in turn, until all
 * have returned, and counts the turns, finished ones included. */
static int64_t round_robin(al_vm *vm, al_gen **gens, size_t n)
{
    ring ready = {al_alloc(vm, n * sizeof(al_gen *)), 0, 0, n};
    int64_t turns = 0;
    al_value v;
    for (size_t k = 0; k < n; k++)
        ring_push(&ready, gens[k]);
    while (ready.len > 0) {
        al_gen *g = ring_pop(&ready);
        turns++;
        if (al_gen_next(g, &v) != AL_YIELDED)
            continue; /* finished: it does not go back in the queue */
        ring_push(&ready, g);
    }
    return turns;
}

static void part_round_robin(al_vm *vm, int64_t workers, int64_t steps)
{
    al_print(vm, "(a) round-robin over plain generators");
    al_gen **gens = al_alloc(vm, (size_t)workers * sizeof *gens);
    for (int64_t k = 0; k < workers; k++) {
        worker_frame *f = (worker_frame *)al_gen_new(vm, sizeof *f, &worker_def);
        f->name = al_strf(vm, "worker-%D", k);
        f->steps = steps;
        gens[k] = &f->g;
    }
    al_print(vm, "  %D turns of the scheduler", round_robin(vm, gens, (size_t)workers));
}

/* ---- (b) sleeping generators on a heap ---- */

/* def sleeper(name, steps, delay): each step yields how long it wants to
 * sleep, and the scheduler sends back the time at which it woke it. */
typedef struct sleeper_frame {
    al_gen g;
    al_value name;
    int64_t steps, i;
    double delay, now;
} sleeper_frame;

static al_signal sleeper_body(al_gen *g)
{
    sleeper_frame *f = (sleeper_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD(g, al_none()); /* the scheduler starts us and tells the time */
    f->now = AL_SENT(g).u.f;
    for (f->i = 0; f->i < f->steps; f->i++) {
        al_print(g->vm, "  %.2f %v step %D, sleeps %.2f", f->now, f->name, f->i + 1, f->delay);
        AL_YIELD(g, al_float(f->delay));
        f->now = AL_SENT(g).u.f;
    }
    al_print(g->vm, "  %.2f %v done", f->now, f->name);
    AL_GEN_END(g);
}

static const al_gen_def sleeper_def = {"sleeper", sleeper_body, false};

/* One heap entry, Python's tuple (wake_time, seq, gen).  seq is unique,
 * so tuples never compare their generators. */
typedef struct sleep_entry {
    double wake;
    int64_t seq;
    al_gen *g;
} sleep_entry;

typedef struct sleep_heap {
    sleep_entry *v;
    size_t len;
} sleep_heap;

static bool earlier(const sleep_entry *x, const sleep_entry *y)
{
    return x->wake < y->wake || (x->wake == y->wake && x->seq < y->seq);
}

static void swap(sleep_entry *x, sleep_entry *y)
{
    sleep_entry t = *x;
    *x = *y;
    *y = t;
}

/* heap_push is heapq.heappush: append, then sift up.  O(log n). */
static void heap_push(sleep_heap *h, sleep_entry e)
{
    size_t i = h->len++;
    h->v[i] = e;
    while (i > 0 && earlier(&h->v[i], &h->v[(i - 1) / 2])) {
        swap(&h->v[i], &h->v[(i - 1) / 2]);
        i = (i - 1) / 2;
    }
}

/* heap_pop is heapq.heappop: take the root, move the last entry up there
 * and sift it down.  O(log n). */
static sleep_entry heap_pop(sleep_heap *h)
{
    sleep_entry top = h->v[0];
    h->v[0] = h->v[--h->len];
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < h->len && earlier(&h->v[l], &h->v[m]))
            m = l;
        if (r < h->len && earlier(&h->v[r], &h->v[m]))
            m = r;
        if (m == i)
            break;
        swap(&h->v[i], &h->v[m]);
        i = m;
    }
    return top;
}

/* sleep_scheduler runs the frames to the end on its own clock, which
 * jumps to the earliest wake time instead of waiting.  It returns the
 * clock's final reading, or a negative number if a frame misbehaved. */
static double sleep_scheduler(al_vm *vm, al_gen **gens, size_t n)
{
    sleep_heap heap = {al_alloc(vm, n * sizeof(sleep_entry)), 0};
    double now = 0.0;
    int64_t seq = 0;
    al_value v;
    for (size_t k = 0; k < n; k++) {
        if (al_gen_next(gens[k], &v) != AL_YIELDED)
            return -1;
        heap_push(&heap, (sleep_entry){now, seq++, gens[k]});
    }
    while (heap.len > 0) {
        sleep_entry e = heap_pop(&heap);
        now = e.wake; /* nothing can happen before the next wake time */
        al_signal s = al_gen_send(e.g, al_float(now), &v);
        if (s == AL_RETURNED)
            continue;
        if (s != AL_YIELDED)
            return -1;
        heap_push(&heap, (sleep_entry){now + v.u.f, seq++, e.g});
    }
    return now;
}

static al_status part_sleepers(al_vm *vm, int64_t workers, int64_t steps,
                               const double *delays, size_t ndelays)
{
    al_print(vm, "(b) sleeping generators on a heap of (wake_time, seq, gen)");
    al_gen **gens = al_alloc(vm, (size_t)workers * sizeof *gens);
    for (int64_t k = 0; k < workers; k++) {
        sleeper_frame *f = (sleeper_frame *)al_gen_new(vm, sizeof *f, &sleeper_def);
        f->name = al_strf(vm, "sleeper-%D", k);
        f->steps = steps;
        f->delay = delays[(size_t)k % ndelays];
        gens[k] = &f->g;
    }
    double end = sleep_scheduler(vm, gens, (size_t)workers);
    if (end < 0) {
        al_note(vm, "a sleeper raised instead of yielding a delay");
        return AL_EFAIL;
    }
    al_print(vm, "  virtual clock ends at %.2f", end);
    return AL_OK;
}

/* ---- (c) the asyncio loop running plain callbacks ---- */

/* async def loop_demo(): its frame also holds the state its nested
 * callbacks share (Python's closure cells: count, finished). */
typedef struct demo_frame {
    al_gen g;
    int64_t workers, ticks, expected, count, k;
    const double *delays;
    size_t ndelays;
    double interval;
    al_future *finished;
    al_value r;
} demo_frame;

/* report(label): prints the loop's clock and the label; the callback that
 * makes the count reach expected completes the future main awaits. */
static void report(al_vm *vm, void *demo, void *label)
{
    demo_frame *d = demo;
    al_print(vm, "  %.2f %s", al_time(vm), (const char *)label);
    d->count++;
    if (d->count == d->expected)
        al_future_set_result(d->finished, al_int(d->count));
}

/* callback_a reports, then schedules one more report: it joins the ready
 * queue behind everything already there, so it runs on the next turn. */
static void callback_a(al_vm *vm, void *demo, void *unused)
{
    (void)unused;
    report(vm, demo, "call_soon callback A");
    al_call_soon(vm, report, demo, "call_soon made by A (next turn)", "report");
}

/* tick(k): reports, then reschedules itself interval seconds later until
 * it has run ticks times. */
static void tick(al_vm *vm, void *demo, void *k)
{
    demo_frame *d = demo;
    int64_t n = (int64_t)(intptr_t)k;
    report(vm, demo, (void *)al_strf(vm, "tick %D of %D", n, d->ticks).u.s->data);
    if (n < d->ticks)
        al_call_later(vm, d->interval, tick, demo, (void *)(intptr_t)(n + 1), "tick");
}

static al_signal demo_body(al_gen *g)
{
    demo_frame *d = (demo_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    d->finished = al_future_new(vm, "finished");
    d->expected = d->workers + 3 + d->ticks; /* every callback that reports */
    d->count = 0;
    for (d->k = 0; d->k < d->workers; d->k++) {
        double delay = d->delays[(size_t)d->k % d->ndelays];
        const char *label = al_strf(vm, "call_later(%.2f) #%D", delay, d->k).u.s->data;
        al_call_later(vm, delay, report, d, (void *)label, "report");
    }
    if (d->ticks > 0)
        al_call_later(vm, d->interval, tick, d, (void *)(intptr_t)1, "tick");
    al_call_soon(vm, callback_a, d, NULL, "callback_a");
    al_call_soon(vm, report, d, "call_soon callback B", "report");
    al_print(vm, "  %.2f main: callbacks scheduled, awaiting a future", al_time(vm));
    AL_AWAIT(g, d->finished, d->r);
    al_print(vm, "  %.2f main: %v callbacks ran", al_time(vm), d->r);
    AL_GEN_END(g);
}

static const al_gen_def demo_def = {"loop_demo", demo_body, true};

static al_status part_loop(al_vm *vm, const al_params *p, const double *delays, size_t ndelays)
{
    al_print(vm, "(c) the asyncio loop: call_soon and call_later");
    demo_frame *d = (demo_frame *)al_gen_new(vm, sizeof *d, &demo_def);
    d->workers = al_param_int(p, "workers");
    d->ticks = al_param_int(p, "ticks");
    d->interval = al_param_float(p, "interval");
    d->delays = delays;
    d->ndelays = ndelays;
    return al_run_main(vm, &d->g);
}

static al_status run(al_vm *vm, const al_params *p)
{
    const double *delays;
    size_t ndelays = al_param_list(p, "delays", &delays);
    int64_t workers = al_param_int(p, "workers"), steps = al_param_int(p, "steps");
    part_round_robin(vm, workers, steps);
    al_status st = part_sleepers(vm, workers, steps, delays, ndelays);
    return st != AL_OK ? st : part_loop(vm, p, delays, ndelays);
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

/* al_lesson_event_loop is lesson 4: a round-robin scheduler of
 * generators, a sleeping scheduler on a heap, then asyncio's own loop
 * running call_soon and call_later callbacks. */
const al_lesson AL_LESSON_SYMBOL = {
    .number = 4,
    .slug = "event-loop",
    .title = "The event loop",
    .summary = "from a round-robin of generators to call_soon and call_later",
    .concept = "an event loop is a queue of ready callbacks plus a heap of timers",
    .params = params,
    .nparams = sizeof params / sizeof params[0],
    .run = run,
    .check = NULL,
};
