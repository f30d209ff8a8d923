/*
 * 06-gather.c: lesson 6, gather, wait and as_completed.
 *
 * Every combinator here is the runtime's (gather.c, wait.c): this file only
 * makes the coroutines, starts the tasks in the order the twin does, awaits
 * what the twin awaits and prints what came back.  Results, exceptions, task
 * names and times are all read from the runtime's futures and clock.
 */
#include "asynclab.h"

#include <stdlib.h>
#include <string.h>

/* The lesson's parameters, shared by every coroutine of one run. */
typedef struct config {
    int64_t hellos;
    double hello_delay;
    const double *delays;
    size_t ndelays;
    int64_t fail;
} config;

/* ---- the children ---- */

/* One frame type serves hello, fetch and may_fail: each is an index, a
 * delay and a sleep it awaits. */
typedef struct child_frame {
    al_gen g;
    const config *cfg;
    int64_t i;
    double delay;
    al_sleep_co sleep;
    al_value r;
} child_frame;

/* async def hello(i): print, sleep hello_delay, print. */
static al_signal hello_body(al_gen *g)
{
    child_frame *f = (child_frame *)g;
    AL_GEN_BEGIN(g);
    al_print(g->vm, "  %.2f hello %D", al_time(g->vm), f->i);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, g->vm, f->delay, al_none()), f->r);
    al_print(g->vm, "  %.2f world %D", al_time(g->vm), f->i);
    AL_GEN_END(g);
}

/* async def fetch(i, delay): sleep, report, return i * 10. */
static al_signal fetch_body(al_gen *g)
{
    child_frame *f = (child_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, g->vm, f->delay, al_none()), f->r);
    al_print(g->vm, "  %.2f fetch %D finished after %.2f s", al_time(g->vm), f->i, f->delay);
    AL_RETURN(g, al_int(f->i * 10));
    AL_GEN_END(g);
}

/* async def may_fail(i, delay): sleep, then raise ValueError if i is the
 * failing index, else return i. */
static al_signal may_fail_body(al_gen *g)
{
    child_frame *f = (child_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, g->vm, f->delay, al_none()), f->r);
    if (f->i == f->cfg->fail) {
        al_print(g->vm, "  %.2f child %D raises ValueError", al_time(g->vm), f->i);
        AL_RAISE(g, al_exc_new(g->vm, &al_ValueError, al_strf(g->vm, "child %D failed", f->i)));
    }
    al_print(g->vm, "  %.2f child %D returns %D", al_time(g->vm), f->i, f->i);
    AL_RETURN(g, al_int(f->i));
    AL_GEN_END(g);
}

static const al_gen_def hello_def = {"hello", hello_body, true};
static const al_gen_def fetch_def = {"fetch", fetch_body, true};
static const al_gen_def may_fail_def = {"may_fail", may_fail_body, true};

/* child makes the coroutine object def(i, delay); none of it runs yet. */
static al_gen *child(al_vm *vm, const al_gen_def *def, const config *cfg, int64_t i, double delay)
{
    child_frame *f = (child_frame *)al_gen_new(vm, sizeof *f, def);
    f->cfg = cfg;
    f->i = i;
    f->delay = delay;
    return &f->g;
}

/* children makes def(i, delays[i]) for every delay, in order, as the
 * twin's *(... for i, d in enumerate(delays)) does before gather runs. */
static al_gen **children(al_vm *vm, const al_gen_def *def, const config *cfg)
{
    al_gen **cs = al_alloc(vm, cfg->ndelays * sizeof *cs);
    for (size_t i = 0; i < cfg->ndelays; i++)
        cs[i] = child(vm, def, cfg, (int64_t)i, cfg->delays[i]);
    return cs;
}

/* hellos makes hello(i) for i in range(hellos), all before gather wraps
 * them in tasks. */
static al_gen **hellos(al_vm *vm, const config *cfg)
{
    al_gen **hs = al_alloc(vm, (size_t)cfg->hellos * sizeof *hs);
    for (int64_t i = 0; i < cfg->hellos; i++)
        hs[i] = child(vm, &hello_def, cfg, i, cfg->hello_delay);
    return hs;
}

/* start_named is [create_task(def(i, d), name=f"{prefix}-{i}") ...]: each
 * coroutine is made and turned into a task before the next one. */
static al_future **start_named(al_vm *vm, const al_gen_def *def, const config *cfg,
                               const char *prefix)
{
    al_future **fs = al_alloc(vm, cfg->ndelays * sizeof *fs);
    for (size_t i = 0; i < cfg->ndelays; i++) {
        al_task *t = al_create_task(vm, child(vm, def, cfg, (int64_t)i, cfg->delays[i]));
        al_value name = al_strf(vm, "%s-%D", prefix, (int64_t)i);
        al_task_set_name(t, name.u.s->data);
        fs[i] = al_task_fut(t);
    }
    return fs;
}

/* ---- helpers of main ---- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* names is the twin's names(tasks): the task names of a list of futures,
 * sorted, as "[a, b]".  The list comes from wait(), in input order. */
static al_value names(al_vm *vm, al_value tasks)
{
    size_t n = al_len(tasks);
    const char **v = al_alloc(vm, (n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = ((al_task *)al_item(tasks, i).u.p)->name;
    qsort(v, n, sizeof *v, by_name);
    al_buf b;
    al_buf_init(&b);
    al_buf_putc(&b, '[');
    for (size_t i = 0; i < n; i++)
        al_buf_printf(&b, "%s%s", i ? ", " : "", v[i]);
    al_buf_putc(&b, ']');
    al_value s = al_str_new(vm, b.data, b.len);
    al_buf_free(&b);
    return s;
}

/* futures_of turns wait()'s list of AL_PTR futures back into an array
 * that the next wait() can take; *n gets its length. */
static al_future **futures_of(al_vm *vm, al_value list, size_t *n)
{
    *n = al_len(list);
    al_future **fs = al_alloc(vm, (*n ? *n : 1) * sizeof *fs);
    for (size_t i = 0; i < *n; i++)
        fs[i] = al_item(list, i).u.p;
    return fs;
}

/* ---- main ---- */

typedef struct main_frame {
    al_gen g;
    const config *cfg;
    al_future **fs; /* the tasks the current part started */
    size_t n, k;
    al_value r;
    al_wait_co wait;
    al_as_completed ac;
    al_wait_one_co one;
} main_frame;

/* async def main(): parts (a) to (e) of the twin, in its order. */
static al_signal main_body(al_gen *g)
{
    main_frame *m = (main_frame *)g;
    al_vm *vm = g->vm;
    const config *cfg = m->cfg;
    al_value e;
    AL_GEN_BEGIN(g);
    al_print(vm, "(a) gather runs the hellos concurrently");
    AL_AWAIT(g, al_gather_coros(vm, (size_t)cfg->hellos, hellos(vm, cfg), false), m->r);

    al_print(vm, "(b) results come back in argument order");
    AL_AWAIT(g, al_gather_coros(vm, cfg->ndelays, children(vm, &fetch_def, cfg), false), m->r);
    al_print(vm, "  %.2f gather returned %v", al_time(vm), m->r);

    al_print(vm, "(c) an exception without return_exceptions");
    m->fs = start_named(vm, &may_fail_def, cfg, "child");
    AL_AWAIT_TRY(g, al_gather(vm, cfg->ndelays, m->fs, false), m->r);
    if (!al_is_none(e = al_except(g, &al_ValueError)))
        al_print(vm, "  %.2f gather raised %r", al_time(vm), e);
    AL_PROPAGATE(g);
    if (al_is_none(e))
        al_print(vm, "  %.2f gather returned %v", al_time(vm), m->r);
    /* The other children were not cancelled: wait for them all. */
    AL_YIELD_FROM(g, al_wait(&m->wait, vm, cfg->ndelays, m->fs, AL_NO_TIMEOUT, AL_ALL_COMPLETED), m->r);
    al_print(vm, "  %.2f all children done", al_time(vm));

    al_print(vm, "(c) the same with return_exceptions=True");
    AL_AWAIT(g, al_gather_coros(vm, cfg->ndelays, children(vm, &may_fail_def, cfg), true), m->r);
    al_print(vm, "  %.2f gather returned %v", al_time(vm), m->r);

    al_print(vm, "(d) wait with FIRST_COMPLETED");
    m->fs = start_named(vm, &fetch_def, cfg, "fetch");
    m->n = cfg->ndelays;
    while (m->n > 0) {
        AL_YIELD_FROM(g, al_wait(&m->wait, vm, m->n, m->fs, AL_NO_TIMEOUT, AL_FIRST_COMPLETED), m->r);
        al_print(vm, "  %.2f done %v, pending %v", al_time(vm),
                 names(vm, al_item(m->r, 0)), names(vm, al_item(m->r, 1)));
        m->fs = futures_of(vm, al_item(m->r, 1), &m->n);
    }

    al_print(vm, "(e) as_completed, in finishing order");
    al_as_completed_init(&m->ac, vm, cfg->ndelays, start_named(vm, &fetch_def, cfg, "fetch"), AL_NO_TIMEOUT);
    for (m->k = 0; m->k < cfg->ndelays; m->k++) {
        AL_YIELD_FROM(g, al_as_completed_next(&m->one, &m->ac), m->r);
        al_print(vm, "  %.2f as_completed gave %v", al_time(vm), m->r);
    }
    AL_GEN_END(g);
}

static const al_gen_def main_def = {"main", main_body, true};

/* run is asyncio.run(main()). */
static al_status run(al_vm *vm, const al_params *p)
{
    config *cfg = al_alloc(vm, sizeof *cfg);
    cfg->hellos = al_param_int(p, "hellos");
    cfg->hello_delay = al_param_float(p, "hello_delay");
    cfg->ndelays = al_param_list(p, "delays", &cfg->delays);
    cfg->fail = al_param_int(p, "fail");
    main_frame *m = (main_frame *)al_gen_new(vm, sizeof *m, &main_def);
    m->cfg = cfg;
    return al_run_main(vm, &m->g);
}

static const al_param_def params[] = {
    {"hellos", AL_PARAM_INT, "3", 1, 10, 0, "how many hello() coroutines gather runs"},
    {"hello_delay", AL_PARAM_FLOAT, "1", 0, 3, 0, "seconds each hello() sleeps"},
    {"delays", AL_PARAM_FLOAT_LIST, "3,1,2", 0, 5, 8, "child i sleeps delays[i] seconds"},
    {"fail", AL_PARAM_INT, "1", -1, 7, 0,
     "index of the child that raises ValueError (-1 or past the end: none)"},
};

/* al_lesson_gather is lesson 6: gather with results in argument order,
 * with and without return_exceptions, wait(FIRST_COMPLETED) and
 * as_completed. */
const al_lesson AL_LESSON_SYMBOL = {
    .number = 6,
    .slug = "gather",
    .title = "Gather, wait and as_completed",
    .summary = "run coroutines concurrently and collect their results",
    .concept = "gather keeps argument order; wait and as_completed follow finishing order",
    .params = params,
    .nparams = sizeof params / sizeof params[0],
    .run = run,
    .check = NULL,
};
