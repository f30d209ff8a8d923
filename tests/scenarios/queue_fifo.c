/* asyncio.Queue(maxsize): a producer blocks on a full queue and a consumer
 * on an empty one; qsize/empty/full as they change; put_nowait and
 * get_nowait raise QueueFull and QueueEmpty; task_done once too often
 * raises ValueError; join() waits for every task_done. */
#include "scenario.h"

typedef struct producer_frame {
    al_gen g;
    al_queue *q;
    int64_t n, i;
    al_queue_co put;
    al_value r;
} producer_frame;

static al_signal producer_body(al_gen *g)
{
    producer_frame *f = (producer_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < f->n; f->i++) {
        AL_YIELD_FROM(g, al_queue_put(&f->put, f->q, al_int(f->i)), f->r);
        al_print(vm, "put %D size %d full %v %g", f->i, (int)al_queue_qsize(f->q),
                 al_bool(al_queue_full(f->q)), now(vm));
    }
    AL_YIELD_FROM(g, al_queue_put(&f->put, f->q, al_none()), f->r);
    AL_GEN_END(g);
}
static const al_gen_def producer_def = {"producer", producer_body, true};

typedef struct consumer_frame {
    al_gen g;
    al_queue *q;
    al_queue_co get;
    al_sleep_co sleep;
    al_value item, r;
} consumer_frame;

static al_signal consumer_body(al_gen *g)
{
    consumer_frame *f = (consumer_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (;;) {
        AL_YIELD_FROM(g, al_queue_get(&f->get, f->q), f->item);
        if (al_is_none(f->item)) {
            al_queue_task_done(f->q);
            al_print(vm, "consumer stops %g", now(vm));
            AL_RETURN(g, al_none());
        }
        AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
        al_print(vm, "got %v size %d %g", f->item, (int)al_queue_qsize(f->q), now(vm));
        al_queue_task_done(f->q);
    }
    AL_GEN_END(g);
}
static const al_gen_def consumer_def = {"consumer", consumer_body, true};

typedef struct frame {
    al_gen g;
    al_queue q;
    al_task *c;
    al_queue_co join;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 2);
    al_print(vm, "empty %v full %v maxsize %D", al_bool(al_queue_empty(&f->q)),
             al_bool(al_queue_full(&f->q)), f->q.maxsize);
    if (al_queue_get_nowait(&f->q, &f->e) == AL_RAISED)
        al_print(vm, "get_nowait: %r", f->e);
    al_queue_put_nowait(&f->q, al_cstr(vm, "x"));
    al_queue_put_nowait(&f->q, al_cstr(vm, "y"));
    f->e = al_queue_put_nowait(&f->q, al_cstr(vm, "z"));
    if (al_exc_isa(f->e, &al_QueueFull))
        al_print(vm, "put_nowait: %r", f->e);
    {
        al_value x, y;
        al_queue_get_nowait(&f->q, &x);
        al_queue_get_nowait(&f->q, &y);
        al_print(vm, "%v %v %d", x, y, (int)al_queue_qsize(&f->q));
    }
    al_queue_task_done(&f->q);
    al_queue_task_done(&f->q);
    f->e = al_queue_task_done(&f->q);
    if (al_exc_isa(f->e, &al_ValueError))
        al_print(vm, "task_done: %r", f->e);
    {
        consumer_frame *c = (consumer_frame *)al_gen_new(vm, sizeof *c, &consumer_def);
        c->q = &f->q;
        f->c = al_create_task(vm, &c->g);
    }
    {
        producer_frame *p = (producer_frame *)al_gen_new(vm, sizeof *p, &producer_def);
        p->q = &f->q;
        p->n = 4;
        AL_YIELD_FROM(g, &p->g, f->r);
    }
    al_print(vm, "producer finished %g", now(vm));
    AL_YIELD_FROM(g, al_queue_join(&f->join, &f->q), f->r);
    al_print(vm, "joined %g %v", now(vm), al_bool(al_future_done(al_task_fut(f->c))));
    AL_AWAIT(g, al_task_fut(f->c), f->r);
    AL_YIELD_FROM(g, al_queue_join(&f->join, &f->q), f->r);
    al_print(vm, "join on a finished queue returns at once %g", now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
