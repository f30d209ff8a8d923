/* asyncio.wait in its three return_when modes, without a timeout: which
 * tasks come back done and which pending, and when; wait never cancels. */
#include "scenario.h"

typedef struct job_frame {
    al_gen g;
    int64_t delay;
    bool fail;
    al_sleep_co sleep;
    al_value r;
} job_frame;

static al_signal job_body(al_gen *g)
{
    job_frame *f = (job_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, (double)f->delay, al_none()), f->r);
    if (f->fail)
        AL_RAISE(g, al_exc_new(vm, &al_RuntimeError, al_strf(vm, "job %D failed", f->delay)));
    AL_RETURN(g, al_int(f->delay));
    AL_GEN_END(g);
}
static const al_gen_def job_def = {"job", job_body, true};

typedef struct spec {
    const char *name;
    int64_t delay;
    bool fail;
} spec;

/* start is [create_task(job(d, f), name=n) for n, d, f in spec]. */
static al_future **start(al_vm *vm, const spec *s, size_t n)
{
    al_future **fs = al_alloc(vm, n * sizeof *fs);
    for (size_t i = 0; i < n; i++) {
        job_frame *f = (job_frame *)al_gen_new(vm, sizeof *f, &job_def);
        f->delay = s[i].delay;
        f->fail = s[i].fail;
        al_task *t = al_create_task(vm, &f->g);
        al_task_set_name(t, s[i].name);
        fs[i] = al_task_fut(t);
    }
    return fs;
}

static const spec js[] = {{"j1", 1, false}, {"j2", 2, false}, {"j3", 3, false}};
static const spec ks[] = {{"k1", 2, false}, {"k2", 1, false}, {"k3", 1, false}};
static const spec es[] = {{"e1", 1, false}, {"e2", 2, true}, {"e3", 3, false}};
static const spec ps[] = {{"p1", 1, true}, {"p2", 0, false}};

typedef struct frame {
    al_gen g;
    al_future **ts;
    size_t n, i;
    al_wait_co wait;
    al_sleep_co sleep;
    al_value r, done, pending;
} frame;

#define WAIT(f, when)                                                          \
    AL_YIELD_FROM(&(f)->g, al_wait(&(f)->wait, vm, (f)->n, (f)->ts, AL_NO_TIMEOUT, when), (f)->r); \
    (f)->done = al_item((f)->r, 0);                                            \
    (f)->pending = al_item((f)->r, 1)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    al_value e;
    AL_GEN_BEGIN(g);
    f->ts = start(vm, js, f->n = 3);
    WAIT(f, AL_ALL_COMPLETED);
    al_print(vm, "ALL_COMPLETED %r %r %g", names(vm, f->done), names(vm, f->pending), now(vm));

    f->ts = start(vm, ks, f->n = 3);
    WAIT(f, AL_FIRST_COMPLETED);
    al_print(vm, "FIRST_COMPLETED %r %r %g", names(vm, f->done), names(vm, f->pending), now(vm));
    f->ts = futures_of(vm, f->pending, &f->n);
    WAIT(f, AL_FIRST_COMPLETED);
    al_print(vm, "FIRST_COMPLETED again %r %r %g", names(vm, f->done), names(vm, f->pending), now(vm));

    f->ts = start(vm, es, f->n = 3);
    WAIT(f, AL_FIRST_EXCEPTION);
    al_print(vm, "FIRST_EXCEPTION %r %r %g", names(vm, f->done), names(vm, f->pending), now(vm));
    for (f->i = 0; f->i < 3; f->i++) { /* e1..e3: name order */
        al_task *t = (al_task *)f->ts[f->i];
        if (!al_future_done(f->ts[f->i]))
            continue;
        al_future_exception(f->ts[f->i], &e);
        al_print(vm, "  %s %r", t->name, e);
    }
    f->ts = futures_of(vm, f->pending, &f->n);
    WAIT(f, AL_FIRST_EXCEPTION);
    al_print(vm, "FIRST_EXCEPTION without one %r %r %g", names(vm, f->done), names(vm, f->pending), now(vm));

    f->ts = start(vm, ps, f->n = 2);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 2, al_none()), f->r);
    WAIT(f, AL_FIRST_EXCEPTION);
    al_print(vm, "all done already %r %r %g", names(vm, f->done), names(vm, f->pending), now(vm));
    for (f->i = 0; f->i < 2; f->i++) {
        al_future_exception(f->ts[f->i], &e);
        al_print(vm, "  %s %r", ((al_task *)f->ts[f->i])->name, e);
    }
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
