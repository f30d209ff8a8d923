/* Misuse: PriorityQueue items that < cannot order.  heapq raises
 * TypeError from the put (the item is already in the heap list by then,
 * so qsize counts it), and the program can catch it and go on. */
#include "scenario.h"

typedef struct frame {
    al_gen g;
    al_queue pq, other;
    al_value e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_queue_init(&f->pq, vm, "pq", AL_QUEUE_PRIORITY, 0);
    al_queue_put_nowait(&f->pq, al_tuple(vm, 2, al_int(1), al_cstr(vm, "a")));
    f->e = al_queue_put_nowait(&f->pq, al_cstr(vm, "text"));
    if (al_exc_isa(f->e, &al_TypeError))
        al_print(vm, "str against tuple: %r %d", f->e, (int)al_queue_qsize(&f->pq));
    al_queue_init(&f->other, vm, "other", AL_QUEUE_PRIORITY, 0);
    al_queue_put_nowait(&f->other, al_int(1));
    f->e = al_queue_put_nowait(&f->other, al_none());
    if (al_exc_isa(f->e, &al_TypeError))
        al_print(vm, "None against int: %r %d", f->e, (int)al_queue_qsize(&f->other));
    al_print(vm, "the program goes on");
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
