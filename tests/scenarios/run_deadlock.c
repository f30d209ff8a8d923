/* A program that waits forever: main awaits a future that nothing will
 * complete while another task waits on an empty queue.  CPython would
 * block for good; on the virtual clock (and in asynclab) that is a
 * deadlock: what was printed stays printed and the status is 1. */
#include "scenario.h"

typedef struct consumer_frame {
    al_gen g;
    al_queue *q;
    al_queue_co get;
    al_value item;
} consumer_frame;

static al_signal consumer_body(al_gen *g)
{
    consumer_frame *f = (consumer_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "consumer waits for an item %g", now(vm));
    AL_YIELD_FROM(g, al_queue_get(&f->get, f->q), f->item);
    al_print(vm, "never %v", f->item);
    AL_GEN_END(g);
}
static const al_gen_def consumer_def = {"consumer", consumer_body, true};

typedef struct frame {
    al_gen g;
    al_queue q;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 0);
    {
        consumer_frame *c = (consumer_frame *)al_gen_new(vm, sizeof *c, &consumer_def);
        c->q = &f->q;
        al_create_task(vm, &c->g);
    }
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1.5, al_none()), f->r);
    al_print(vm, "main waits for a future nobody sets %g", now(vm));
    AL_AWAIT(g, al_future_new(vm, "Future"), f->r);
    al_print(vm, "never");
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
