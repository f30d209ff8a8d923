/* asyncio.wait with a timeout, in each return_when mode: on the timeout it
 * returns what is done so far and leaves the rest pending (not cancelled);
 * a timeout of 0 only looks; a negative one too; an empty set is a
 * ValueError. */
#include "scenario.h"

typedef struct job_frame {
    al_gen g;
    int64_t delay;
    al_sleep_co sleep;
    al_value r;
} job_frame;

static al_signal job_body(al_gen *g)
{
    job_frame *f = (job_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, g->vm, (double)f->delay, al_none()), f->r);
    AL_RETURN(g, al_int(f->delay));
    AL_GEN_END(g);
}
static const al_gen_def job_def = {"job", job_body, true};

typedef struct frame {
    al_gen g;
    al_future *ts[3];
    al_future **fs;
    size_t n;
    al_wait_co wait;
    al_value r, done, pending;
} frame;

/* WAIT is "done, pending = await asyncio.wait(fs, timeout=, return_when=)". */
#define WAIT(f, timeout, when)                                                 \
    AL_YIELD_FROM(&(f)->g, al_wait(&(f)->wait, vm, (f)->n, (f)->fs, timeout, when), (f)->r); \
    (f)->done = al_item((f)->r, 0);                                            \
    (f)->pending = al_item((f)->r, 1)
#define SHOW(f, what) al_print(vm, what " %r %r %g", names(vm, (f)->done), names(vm, (f)->pending), now(vm))
#define AGAIN(f) ((f)->fs = futures_of(vm, (f)->pending, &(f)->n))

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (int i = 0; i < 3; i++) {
        job_frame *j = (job_frame *)al_gen_new(vm, sizeof *j, &job_def);
        j->delay = 1 + 2 * i;
        al_task *t = al_create_task(vm, &j->g);
        al_task_set_name(t, al_strf(vm, "a%D", j->delay).u.s->data);
        f->ts[i] = al_task_fut(t);
    }
    f->fs = f->ts;
    f->n = 3;
    WAIT(f, 2, AL_ALL_COMPLETED);
    SHOW(f, "ALL_COMPLETED timeout=2");
    {
        al_value l = al_list_new(vm, 2);
        for (size_t i = 0; i < al_len(f->pending); i++)
            al_list_append(vm, l, al_bool(al_future_cancelled(al_item(f->pending, i).u.p)));
        al_print(vm, "pending not cancelled: %v", l);
    }
    WAIT(f, 0, AL_ALL_COMPLETED);
    SHOW(f, "timeout=0");
    WAIT(f, -1, AL_FIRST_COMPLETED);
    SHOW(f, "timeout=-1 FIRST_COMPLETED");
    AGAIN(f);
    WAIT(f, 0.5, AL_FIRST_COMPLETED);
    SHOW(f, "FIRST_COMPLETED timeout=0.5");
    AGAIN(f);
    WAIT(f, 10, AL_FIRST_COMPLETED);
    SHOW(f, "FIRST_COMPLETED timeout=10");
    AGAIN(f);
    WAIT(f, 1, AL_FIRST_EXCEPTION);
    SHOW(f, "FIRST_EXCEPTION timeout=1");
    AGAIN(f);
    WAIT(f, 5, AL_FIRST_EXCEPTION);
    SHOW(f, "FIRST_EXCEPTION timeout=5");
    AL_YIELD_FROM_TRY(g, al_wait(&f->wait, vm, 0, NULL, AL_NO_TIMEOUT, AL_ALL_COMPLETED), f->r);
    {
        al_value e = al_except(g, &al_ValueError);
        if (!al_is_none(e))
            al_print(vm, "empty: %r", e);
    }
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
