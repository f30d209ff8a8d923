/*
 * 06-gather.c: lesson 6, gather, wait and as_completed.
 *
 * Every combinator here is the runtime's (gather.c, wait.c): this file makes
 * the coroutines, starts the tasks in the twin's order, awaits what the twin
 * awaits and prints what came back from the runtime's futures and clock.
 */
#include "asynclab.h"
#include "lesson_forms.h"

#include <stdlib.h>
#include <string.h>

static int64_t hellos, fail;
static double hello_delay;
static const double *delays;
static size_t ndelays;

static double start; /* the loop's clock when main began; main sets it */

/* now is seconds since main began, as the loop's clock counts them. */
static double now(al_vm *vm) { return al_time(vm) - start; }

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* names is "[a, b]": the sorted names of a list of tasks (AL_PTR), since
 * wait() answers sets, which have no stable order. */
static al_value names(al_vm *vm, al_value tasks)
{
    size_t n = al_len(tasks);
    const char **v = al_alloc(vm, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = ((al_task *)al_as_ptr(al_item(tasks, i)))->name;
    qsort(v, n, sizeof *v, by_name);
    al_value s = al_cstr(vm, "[");
    for (size_t i = 0; i < n; i++)
        s = al_strf(vm, "%v%s%s", s, i ? ", " : "", v[i]);
    return al_strf(vm, "%v]", s);
}

AL_ASYNC_DEF(hello, int64_t i; al_sleep_co s;)
    al_print(vm, "  %.2f hello %D", now(vm), f->i);
    AL_AWAIT(al_sleep(&f->s, vm, hello_delay, al_none()));
    al_print(vm, "  %.2f world %D", now(vm), f->i);
AL_END

AL_ASYNC_DEF(fetch, int64_t i; double delay; al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, f->delay, al_none()));
    al_print(vm, "  %.2f fetch %D finished after %.2f s", now(vm), f->i, f->delay);
    AL_RETURN(al_int(f->i * 10));
AL_END

AL_ASYNC_DEF(may_fail, int64_t i; double delay; al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, f->delay, al_none()));
    if (f->i == fail) {
        al_print(vm, "  %.2f child %D raises ValueError", now(vm), f->i);
        AL_RAISE(al_exc_new(vm, &al_ValueError, al_strf(vm, "child %D failed", f->i)));
    }
    al_print(vm, "  %.2f child %D returns %D", now(vm), f->i, f->i);
    AL_RETURN(al_int(f->i));
AL_END

/* The comprehensions' bodies: hello(i), fetch(i, d), may_fail(i, d). */
static al_gen *hello_i(al_vm *vm, size_t i) { return AL_CALL(hello, .i = (int64_t)i); }
static al_gen *fetch_i(al_vm *vm, size_t i) { return AL_CALL(fetch, .i = (int64_t)i, .delay = delays[i]); }
static al_gen *may_fail_i(al_vm *vm, size_t i) { return AL_CALL(may_fail, .i = (int64_t)i, .delay = delays[i]); }

AL_ASYNC_DEF(main, al_future **children, **pending; size_t npending, k; al_value results;
             al_value done_pending; al_wait_co wait; al_as_completed ac; al_wait_one_co one;)
    start = al_time(vm);
    al_print(vm, "(a) gather runs the hellos concurrently");
    AL_AWAIT(al_gather_coros(vm, (size_t)hellos, al_coros(vm, (size_t)hellos, hello_i), false));

    al_print(vm, "(b) results come back in argument order");
    AL_AWAIT(al_gather_coros(vm, ndelays, al_coros(vm, ndelays, fetch_i), false), f->results);
    al_print(vm, "  %.2f gather returned %v", now(vm), f->results);

    al_print(vm, "(c) an exception without return_exceptions");
    f->children = al_tasks(vm, ndelays, may_fail_i, "child-%D");
    AL_TRY {
        AL_AWAIT(al_gather(vm, ndelays, f->children, false), f->results);
        al_print(vm, "  %.2f gather returned %v", now(vm), f->results);
    } AL_EXCEPT(al_ValueError, exc) {
        al_print(vm, "  %.2f gather raised %r", now(vm), exc);
    } AL_END_TRY;
    /* The other children were not cancelled: wait for them all to finish. */
    AL_AWAIT(al_wait(&f->wait, vm, ndelays, f->children, AL_NO_TIMEOUT, AL_ALL_COMPLETED));
    al_print(vm, "  %.2f all children done", now(vm));

    al_print(vm, "(c) the same with return_exceptions=True");
    AL_AWAIT(al_gather_coros(vm, ndelays, al_coros(vm, ndelays, may_fail_i), true), f->results);
    al_print(vm, "  %.2f gather returned %v", now(vm), f->results);

    al_print(vm, "(d) wait with FIRST_COMPLETED");
    f->pending = al_tasks(vm, f->npending = ndelays, fetch_i, "fetch-%D");
    while (f->npending > 0) {
        AL_AWAIT(al_wait(&f->wait, vm, f->npending, f->pending, AL_NO_TIMEOUT, AL_FIRST_COMPLETED),
                 f->done_pending);
        al_value done = al_item(f->done_pending, 0), pending = al_item(f->done_pending, 1);
        al_print(vm, "  %.2f done %v, pending %v", now(vm), names(vm, done), names(vm, pending));
        f->npending = al_len(pending);
        for (size_t i = 0; i < f->npending; i++)
            f->pending[i] = al_as_ptr(al_item(pending, i));
    }

    al_print(vm, "(e) as_completed, in finishing order");
    al_as_completed_init(&f->ac, vm, ndelays, al_tasks(vm, ndelays, fetch_i, "fetch-%D"), AL_NO_TIMEOUT);
    for (f->k = 0; f->k < f->ac.count; f->k++) {
        AL_AWAIT(al_as_completed_next(&f->one, &f->ac), f->results);
        al_print(vm, "  %.2f as_completed gave %v", now(vm), f->results);
    }

    al_print(vm, "(f) wait with FIRST_EXCEPTION, then ALL_COMPLETED");
    f->children = al_tasks(vm, ndelays, may_fail_i, "child-%D");
    AL_AWAIT(al_wait(&f->wait, vm, ndelays, f->children, AL_NO_TIMEOUT, AL_FIRST_EXCEPTION),
             f->done_pending);
    al_print(vm, "  %.2f FIRST_EXCEPTION: done %v, pending %v", now(vm),
             names(vm, al_item(f->done_pending, 0)), names(vm, al_item(f->done_pending, 1)));
    f->npending = al_len(al_item(f->done_pending, 1));
    if (f->npending > 0) {
        for (size_t i = 0; i < f->npending; i++)
            f->pending[i] = al_as_ptr(al_item(al_item(f->done_pending, 1), i));
        AL_AWAIT(al_wait(&f->wait, vm, f->npending, f->pending, AL_NO_TIMEOUT, AL_ALL_COMPLETED),
                 f->done_pending);
        al_print(vm, "  %.2f ALL_COMPLETED: done %v, pending %v", now(vm),
                 names(vm, al_item(f->done_pending, 0)), names(vm, al_item(f->done_pending, 1)));
    }
    for (size_t i = 0; i < ndelays; i++) {
        al_value exc;
        al_future_exception(f->children[i], &exc);
        al_print(vm, "  %s exception(): %r", ((al_task *)f->children[i])->name, exc);
    }
AL_END

static al_status run(al_vm *vm, const al_params *p)
{
    hellos = al_param_int(p, "hellos");
    hello_delay = al_param_float(p, "hello_delay");
    ndelays = al_param_list(p, "delays", &delays);
    fail = al_param_int(p, "fail");
    return al_run_main(vm, AL_CALL(main));
}

static const al_param_def params[] = {
    {"hellos", AL_PARAM_INT, "3", 1, 10, 0, "how many hello() coroutines gather runs"},
    {"hello_delay", AL_PARAM_FLOAT, "1", 0, 3, 0, "seconds each hello() sleeps"},
    {"delays", AL_PARAM_FLOAT_LIST, "3,1,2", 0, 5, 8, "child i sleeps delays[i] seconds"},
    {"fail", AL_PARAM_INT, "1", -1, 7, 0,
     "index of the child that raises ValueError (-1 or past the end: none)"},
};

AL_LESSON(params, run,
    .title = "Gather, wait and as_completed",
    .summary = "run coroutines concurrently and collect their results",
    .concept = "gather keeps argument order; wait and as_completed follow finishing order");
