/* Cancelling tasks blocked on a queue: a cancelled getter does not eat an
 * item (the next getter gets it), a cancelled putter does not add its
 * item, and a getter woken and then cancelled before it runs passes the
 * wake-up on. */
#include "scenario.h"

typedef struct qtask_frame {
    al_gen g;
    const char *name;
    al_queue *q;
    al_value item;
    al_queue_co qc;
    al_value r;
} qtask_frame;

static al_signal getter_body(al_gen *g)
{
    qtask_frame *f = (qtask_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_queue_get(&f->qc, f->q), f->item);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled, queue size %d %g", f->name, (int)al_queue_qsize(f->q), now(vm));
    AL_PROPAGATE(g);
    al_print(vm, "%s got %v %g", f->name, f->item, now(vm));
    AL_RETURN(g, f->item);
    AL_GEN_END(g);
}
static const al_gen_def getter_def = {"getter", getter_body, true};

static al_signal putter_body(al_gen *g)
{
    qtask_frame *f = (qtask_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_queue_put(&f->qc, f->q, f->item), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled, queue size %d %g", f->name, (int)al_queue_qsize(f->q), now(vm));
    AL_PROPAGATE(g);
    al_print(vm, "%s put %v %g", f->name, f->item, now(vm));
    AL_GEN_END(g);
}
static const al_gen_def putter_def = {"putter", putter_body, true};

static al_task *start(al_vm *vm, const al_gen_def *def, const char *name, al_queue *q, al_value item)
{
    qtask_frame *f = (qtask_frame *)al_gen_new(vm, sizeof *f, def);
    f->name = name;
    f->q = q;
    f->item = item;
    return al_create_task(vm, &f->g);
}

#define DONE(t) al_future_done(al_task_fut(t))
#define CANCELLED(t) al_bool(al_future_cancelled(al_task_fut(t)))

typedef struct frame {
    al_gen g;
    al_queue q, full;
    al_task *g1, *g2, *g3, *g4, *p1, *p2;
    al_sleep_co sleep;
    al_value r;
} frame;

#define SLEEP(f, d) AL_YIELD_FROM(&(f)->g, al_sleep(&(f)->sleep, vm, d, al_none()), (f)->r)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 0);
    f->g1 = start(vm, &getter_def, "g1", &f->q, al_none());
    f->g2 = start(vm, &getter_def, "g2", &f->q, al_none());
    SLEEP(f, 1);
    al_task_cancel(f->g1, al_none());
    SLEEP(f, 0);
    al_queue_put_nowait(&f->q, al_cstr(vm, "only"));
    SLEEP(f, 0);
    al_print(vm, "g1 %v g2 %v %d", CANCELLED(f->g1), al_bool(DONE(f->g2)), (int)al_queue_qsize(&f->q));

    f->g3 = start(vm, &getter_def, "g3", &f->q, al_none());
    f->g4 = start(vm, &getter_def, "g4", &f->q, al_none());
    SLEEP(f, 1);
    al_queue_put_nowait(&f->q, al_cstr(vm, "woken"));
    al_task_cancel(f->g3, al_none());
    SLEEP(f, 0);
    SLEEP(f, 0);
    {
        /* g4.done() and g4.result(): False, or the result. */
        al_value r = al_bool(false);
        if (DONE(f->g4))
            al_future_result(al_task_fut(f->g4), &r);
        al_print(vm, "g3 %v g4 %v %d %g", CANCELLED(f->g3), r, (int)al_queue_qsize(&f->q), now(vm));
    }

    al_queue_init(&f->full, vm, "full", AL_QUEUE_FIFO, 1);
    al_queue_put_nowait(&f->full, al_cstr(vm, "occupant"));
    f->p1 = start(vm, &putter_def, "p1", &f->full, al_cstr(vm, "never"));
    f->p2 = start(vm, &putter_def, "p2", &f->full, al_cstr(vm, "later"));
    SLEEP(f, 1);
    al_task_cancel(f->p1, al_none());
    SLEEP(f, 0);
    al_queue_get_nowait(&f->full, &f->r);
    al_print(vm, "got %v %g", f->r, now(vm));
    AL_AWAIT(g, al_task_fut(f->p2), f->r);
    al_queue_get_nowait(&f->full, &f->r);
    al_print(vm, "left %v %d %g", f->r, (int)al_queue_qsize(&f->full), now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
