/*
 * unit_async.h: what the Check suites of the asyncio layer share
 * (test_future.c, test_task.c, test_gather.c, test_wait.c, test_timeout.c,
 * test_sync.c, test_queues.c).
 *
 * Every test there runs a small program through al_run and compares the
 * lines it printed with what CPython 3.11 prints for its Python twin,
 * which is quoted in the test.  The twins were run on the virtual clock:
 *
 *     python3 tests/harness/vclock.py twin.py
 *
 * with this prelude in front of each (the C job() below is its copy):
 *
 *     import asyncio
 *     from asyncio import CancelledError, InvalidStateError
 *     def now(): return asyncio.get_running_loop().time()
 *     async def job(name, delay, result=None, exc=None):
 *         try:
 *             await asyncio.sleep(delay)
 *         except asyncio.CancelledError as e:
 *             print(f"{name} cancelled {e!r} {now()}")
 *             raise
 *         if exc is not None:
 *             print(f"{name} raises {now()}")
 *             raise exc
 *         print(f"{name} done {now()}")
 *         return result
 *
 * and "asyncio.run(main())" after it.
 */
#ifndef UNIT_ASYNC_H
#define UNIT_ASYNC_H

#include "unit.h"

#define UNUSED __attribute__((unused))

static al_signal sig UNUSED;  /* how main() ended */
static al_value out UNUSED;   /* what it returned or raised */

/* count_events counts the trace events of a kind about an actor (0: any). */
static inline int count_events(al_ev_kind kind, uint32_t actor)
{
    int n = 0;
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        n += e.kind == kind && (!actor || e.actor == actor);
    }
    return n;
}

/* RUN is asyncio.run(main()) for a coroutine of frame type T. */
#define RUN(T, def) al_run(vm, al_gen_new(vm, sizeof(T), &(def)), &sig, &out)
/* RUN_OK: the run ends normally (sig says if main returned or raised). */
#define RUN_OK(T, def) ck_assert_int_eq(RUN(T, def), AL_RUN_OK)

/* repr_of returns repr(v) (a static buffer, valid until the next call). */
static inline const char *repr_of(al_value v)
{
    static char buf[512];
    al_buf b;
    al_buf_init(&b);
    al_repr_of(&b, v);
    snprintf(buf, sizeof buf, "%s", b.data ? b.data : "");
    al_buf_free(&b);
    return buf;
}

static inline al_value boom(const char *msg) { return al_exc_msg(vm, &al_ValueError, msg); }
static inline al_value str(const char *s) { return al_cstr(vm, s); }

/* ---- job(name, delay, result=None, exc=None), as in the prelude ---- */
typedef struct job_co {
    al_gen g;
    const char *name;
    double delay;
    al_value result, exc;
    al_sleep_co sleep;
    al_value r;
} job_co;

static al_signal job_body(al_gen *g)
{
    job_co *j = (job_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&j->sleep, g->vm, j->delay, al_none()), j->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(g->vm, "%s cancelled %r %g", j->name, al_pending(g), al_time(g->vm));
    AL_PROPAGATE(g);
    if (!al_is_none(j->exc)) {
        al_print(g->vm, "%s raises %g", j->name, al_time(g->vm));
        AL_RAISE(g, j->exc);
    }
    al_print(g->vm, "%s done %g", j->name, al_time(g->vm));
    AL_RETURN(g, j->result);
    AL_GEN_END(g);
}

static const al_gen_def job_def = {"job", job_body, true};

static inline al_gen *job(const char *name, double delay, al_value result, al_value exc)
{
    job_co *j = (job_co *)al_gen_new(vm, sizeof *j, &job_def);
    j->name = name;
    j->delay = delay;
    j->result = result;
    j->exc = exc;
    return &j->g;
}

/* spawn is asyncio.create_task(job(...)). */
static inline al_task *spawn(const char *name, double delay, al_value result, al_value exc)
{
    return al_create_task(vm, job(name, delay, result, exc));
}

#endif
