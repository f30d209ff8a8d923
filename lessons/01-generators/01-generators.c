/*
 * 01-generators.c: lesson 1, generators as pausable functions.
 *
 * Every line printed here comes from a real operation on a runtime frame:
 * the countdown's values are what al_gen_next returned, the states are the
 * frames' own state fields, and the StopIteration values are what the
 * frame returned.  The Python twin (01-generators.py) does the same steps
 * with CPython's generators, and the two must print the same lines.
 */
#include "asynclab.h"

/* def countdown(n): print, yield n while n > 0, return "liftoff". */
typedef struct countdown_frame {
    al_gen g;
    int64_t n;
} countdown_frame;

static al_signal countdown_body(al_gen *g)
{
    countdown_frame *f = (countdown_frame *)g;
    AL_GEN_BEGIN(g);
    al_print(g->vm, "  countdown(%D) begins", f->n);
    while (f->n > 0) {
        AL_YIELD(g, al_int(f->n));
        f->n--;
    }
    al_print(g->vm, "  countdown reached zero");
    AL_RETURN(g, al_cstr(g->vm, "liftoff"));
    AL_GEN_END(g);
}

static const al_gen_def countdown_def = {"countdown", countdown_body, false};

/* countdown makes the generator object; like calling countdown(n) in
 * Python, it runs none of the body. */
static al_gen *countdown(al_vm *vm, int64_t n)
{
    countdown_frame *f = (countdown_frame *)al_gen_new(vm, sizeof *f, &countdown_def);
    f->n = n;
    return &f->g;
}

/* def watcher(): prints its own state from inside, so the student sees
 * GEN_RUNNING, the one state a caller can never observe from outside. */
static al_signal watcher_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    al_print(g->vm, "  inside, state: %s", al_gen_state_name(g));
    AL_YIELD(g, al_cstr(g->vm, "first"));
    al_print(g->vm, "  inside again, state: %s", al_gen_state_name(g));
    AL_YIELD(g, al_cstr(g->vm, "second"));
    AL_GEN_END(g);
}

static const al_gen_def watcher_def = {"watcher", watcher_body, false};

/* def fibonacci(): an endless generator whose finally block reports when
 * close() ends it.  The sum is an int64; the parameter bounds keep it far
 * below overflow. */
typedef struct fib_frame {
    al_gen g;
    int64_t a, b;
} fib_frame;

static al_signal fibonacci_body(al_gen *g)
{
    fib_frame *f = (fib_frame *)g;
    AL_GEN_BEGIN(g);
    f->a = 0;
    f->b = 1;
    for (;;) {
        AL_YIELD_TRY(g, al_int(f->a));
        if (!al_is_none(al_pending(g))) {
            /* The finally clause: it runs for any exception, here the
             * GeneratorExit that close() raises at the yield. */
            al_print(g->vm, "  fibonacci: finally block runs");
            AL_PROPAGATE(g);
        }
        int64_t next = f->a + f->b;
        f->a = f->b;
        f->b = next;
    }
    AL_GEN_END(g);
}

static const al_gen_def fibonacci_def = {"fibonacci", fibonacci_body, false};

/* part_next drives a countdown with next() until StopIteration, then
 * calls next() on the exhausted generator extra times. */
static al_status part_next(al_vm *vm, int64_t start, int64_t extra)
{
    al_print(vm, "== (a) next() by hand ==");
    al_gen *gen = countdown(vm, start);
    al_print(vm, "created, state: %s", al_gen_state_name(gen));
    al_value v;
    al_signal s;
    while ((s = al_gen_next(gen, &v)) == AL_YIELDED)
        al_print(vm, "next() -> %v | state: %s", v, al_gen_state_name(gen));
    if (s != AL_RETURNED)
        return al_unexpected(vm, "next(countdown)", v);
    al_print(vm, "StopIteration, value: %r", v);
    al_print(vm, "state: %s", al_gen_state_name(gen));
    for (int64_t i = 0; i < extra; i++) {
        if (al_gen_next(gen, &v) != AL_RETURNED)
            return al_unexpected(vm, "next() on an exhausted countdown", v);
        al_print(vm, "next() again: StopIteration, value: %r", v);
    }
    return AL_OK;
}

/* part_for is "for value in countdown(start)": next() until
 * StopIteration, whose value the loop discards. */
static al_status part_for(al_vm *vm, int64_t start)
{
    al_print(vm, "== (b) a for loop ==");
    al_gen *gen = countdown(vm, start);
    al_value v;
    al_signal s;
    while ((s = al_gen_next(gen, &v)) == AL_YIELDED)
        al_print(vm, "for got %v", v);
    if (s != AL_RETURNED)
        return al_unexpected(vm, "the for loop's next()", v);
    al_print(vm, "for loop done");
    return AL_OK;
}

/* part_states shows the four states, one of them from inside. */
static al_status part_states(al_vm *vm)
{
    al_print(vm, "== (c) states ==");
    al_gen *w = al_gen_new(vm, sizeof(al_gen), &watcher_def);
    al_print(vm, "before next(): %s", al_gen_state_name(w));
    al_value v;
    for (int i = 0; i < 2; i++) {
        if (al_gen_next(w, &v) != AL_YIELDED)
            return al_unexpected(vm, "next(watcher)", v);
        al_print(vm, "next() -> %r", v);
        if (i == 0)
            al_print(vm, "between: %s", al_gen_state_name(w));
    }
    if (al_gen_close(w, &v) != AL_RETURNED)
        return al_unexpected(vm, "watcher.close()", v);
    al_print(vm, "after close(): %s", al_gen_state_name(w));
    return AL_OK;
}

/* part_endless takes the first take Fibonacci numbers, then closes the
 * generator, which runs its finally block only if it ever started. */
static al_status part_endless(al_vm *vm, int64_t take)
{
    al_print(vm, "== (d) an endless generator ==");
    al_gen *fib = al_gen_new(vm, sizeof(fib_frame), &fibonacci_def);
    al_value taken = al_list_new(vm, (size_t)take), v;
    for (int64_t i = 0; i < take; i++) {
        if (al_gen_next(fib, &v) != AL_YIELDED)
            return al_unexpected(vm, "next(fibonacci)", v);
        al_list_append(vm, taken, v);
    }
    al_print(vm, "first %D: %r", take, taken);
    al_print(vm, "state: %s", al_gen_state_name(fib));
    if (al_gen_close(fib, &v) != AL_RETURNED)
        return al_unexpected(vm, "fibonacci.close()", v);
    al_print(vm, "after close(): %s", al_gen_state_name(fib));
    return AL_OK;
}

static al_status run(al_vm *vm, const al_params *p)
{
    al_status st;
    int64_t start = al_param_int(p, "start");
    if ((st = part_next(vm, start, al_param_int(p, "extra_next"))) != AL_OK)
        return st;
    if ((st = part_for(vm, start)) != AL_OK)
        return st;
    if ((st = part_states(vm)) != AL_OK)
        return st;
    return part_endless(vm, al_param_int(p, "take"));
}

static const al_param_def params[] = {
    {"start", AL_PARAM_INT, "3", 0, 10, 0, "the number countdown() counts down from"},
    {"extra_next", AL_PARAM_INT, "1", 0, 3, 0, "next() calls made on the exhausted countdown"},
    {"take", AL_PARAM_INT, "6", 0, 30, 0, "how many Fibonacci numbers to take before close()"},
};

/* al_lesson_generators is lesson 1: lazy generators driven by next() and
 * by a for loop, StopIteration's value, the four generator states, and an
 * endless generator taken in part and closed. */
const al_lesson al_lesson_generators = {
    .number = 1,
    .slug = "generators",
    .title = "Generators",
    .summary = "lazy functions driven by next(): StopIteration, states, close()",
    .concept = "a generator runs only when next() asks, and pauses at each yield",
    .params = params,
    .nparams = sizeof params / sizeof params[0],
    .run = run,
    .check = NULL,
};
