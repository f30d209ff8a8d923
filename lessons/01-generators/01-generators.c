/*
 * 01-generators.c: lesson 1, generators as pausable functions.
 *
 * Every line printed here comes from a real operation on a runtime frame:
 * values are what al_gen_next returned, states are the frames' own, and
 * StopIteration's values are what the frames returned.  It reads line for
 * line beside its twin, 01-generators.py.
 */
#include "asynclab.h"
#include "lesson_forms.h"

static int64_t start, extra_next, take;

static const char *state(const al_gen *gen) { return al_gen_state_name(gen); }

AL_DEF(countdown, int64_t n;)
    al_print(vm, "  countdown(%D) begins", f->n);
    while (f->n > 0) {
        AL_YIELD(al_int(f->n));
        f->n -= 1;
    }
    al_print(vm, "  countdown reached zero");
    AL_RETURN(al_cstr(vm, "liftoff"));
AL_END

static al_status part_a(al_vm *vm)
{
    al_value value;
    al_signal s;
    al_print(vm, "== (a) next() by hand ==");
    al_gen *gen = AL_CALL(countdown, .n = start);
    al_print(vm, "created, state: %s", state(gen));
    while ((s = al_gen_next(gen, &value)) == AL_YIELDED)
        al_print(vm, "next() -> %v | state: %s", value, state(gen));
    AL_EXPECT(s, AL_RETURNED, value);
    al_print(vm, "StopIteration, value: %r", value);
    al_print(vm, "state: %s", state(gen));
    for (int64_t i = 0; i < extra_next; i++) {
        AL_EXPECT(al_gen_next(gen, &value), AL_RETURNED, value);
        al_print(vm, "next() again: StopIteration, value: %r", value);
    }
    return AL_OK;
}

static al_status part_b(al_vm *vm)
{
    al_value value;
    al_signal s;
    al_print(vm, "== (b) a for loop ==");
    al_gen *gen = AL_CALL(countdown, .n = start);
    while ((s = al_gen_next(gen, &value)) == AL_YIELDED)
        al_print(vm, "for got %v", value);
    AL_EXPECT(s, AL_RETURNED, value);
    al_print(vm, "for loop done");
    return AL_OK;
}

/* watcher prints its own state from inside: GEN_RUNNING, the one state a
 * caller can never observe. */
AL_DEF(watcher)
    al_print(vm, "  inside, state: %s", state(g));
    AL_YIELD(al_cstr(vm, "first"));
    al_print(vm, "  inside again, state: %s", state(g));
    AL_YIELD(al_cstr(vm, "second"));
AL_END

static al_status part_c(al_vm *vm)
{
    al_value v;
    al_print(vm, "== (c) states ==");
    al_gen *w = AL_CALL(watcher);
    al_print(vm, "before next(): %s", state(w));
    AL_EXPECT(al_gen_next(w, &v), AL_YIELDED, v);
    al_print(vm, "next() -> %r", v);
    al_print(vm, "between: %s", state(w));
    AL_EXPECT(al_gen_next(w, &v), AL_YIELDED, v);
    al_print(vm, "next() -> %r", v);
    AL_EXPECT(al_gen_close(w, &v), AL_RETURNED, v);
    al_print(vm, "after close(): %s", state(w));
    return AL_OK;
}

/* The sum is an int64; the parameter bounds keep it far from overflow. */
AL_DEF(fibonacci, int64_t a, b;)
    f->a = 0, f->b = 1;
    AL_TRY {
        for (;;) {
            AL_YIELD(al_int(f->a));
            int64_t next = f->a + f->b;
            f->a = f->b, f->b = next;
        }
    } AL_FINALLY {
        al_print(vm, "  fibonacci: finally block runs");
    } AL_END_TRY;
AL_END

static al_status part_d(al_vm *vm)
{
    al_value v;
    al_print(vm, "== (d) an endless generator ==");
    al_gen *fib = AL_CALL(fibonacci);
    al_value taken = al_list_new(vm, (size_t)take);
    for (int64_t i = 0; i < take; i++) {
        AL_EXPECT(al_gen_next(fib, &v), AL_YIELDED, v);
        al_list_append(vm, taken, v);
    }
    al_print(vm, "first %D: %r", take, taken);
    al_print(vm, "state: %s", state(fib));
    AL_EXPECT(al_gen_close(fib, &v), AL_RETURNED, v);
    al_print(vm, "after close(): %s", state(fib));
    return AL_OK;
}

/* What `locals` shows in the step mode: a suspended frame keeps these. */
static const al_local countdown_locals[] = {AL_LOCAL(countdown, n, INT)};
static const al_local fibonacci_locals[] = {AL_LOCAL(fibonacci, a, INT), AL_LOCAL(fibonacci, b, INT)};

static al_status run(al_vm *vm, const al_params *p)
{
    al_show_locals(vm, &countdown_def, countdown_locals, 1);
    al_show_locals(vm, &fibonacci_def, fibonacci_locals, 2);
    start = al_param_int(p, "start");
    extra_next = al_param_int(p, "extra_next");
    take = al_param_int(p, "take");
    return AL_PARTS(vm, part_a, part_b, part_c, part_d);
}

static const al_param_def params[] = {
    {"start", AL_PARAM_INT, "3", 0, 10, 0, "the number countdown() counts down from"},
    {"extra_next", AL_PARAM_INT, "1", 0, 3, 0, "next() calls made on the exhausted countdown"},
    {"take", AL_PARAM_INT, "6", 0, 30, 0, "how many Fibonacci numbers to take before close()"},
};

AL_LESSON(params, run,
    .title = "Generators",
    .summary = "lazy functions driven by next(): StopIteration, states, close()",
    .concept = "a generator runs only when next() asks, and pauses at each yield");
