/* Queue edge cases: a PriorityQueue compares items with <, so equal tuples
 * are fine and bools order among numbers; a negative maxsize is unbounded;
 * LifoQueue and PriorityQueue raise QueueEmpty/QueueFull like Queue, and
 * join() on a queue with no unfinished task returns at once. */
#include "scenario.h"

typedef struct frame {
    al_gen g;
    al_queue pq, neg, kinds[2], q;
    al_queue_co join;
    al_wait_for_co wf;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    static const char *const kind_names[] = {"LifoQueue", "PriorityQueue"};
    AL_GEN_BEGIN(g);
    al_queue_init(&f->pq, vm, "pq", AL_QUEUE_PRIORITY, 0);
    al_queue_put_nowait(&f->pq, al_tuple(vm, 2, al_int(1), al_none()));
    al_queue_put_nowait(&f->pq, al_tuple(vm, 2, al_int(1), al_none()));
    {
        size_t size = al_queue_qsize(&f->pq);
        al_queue_get_nowait(&f->pq, &f->r);
        al_print(vm, "equal tuples %d %r", (int)size, f->r);
    }
    al_queue_init(&f->pq, vm, "pq", AL_QUEUE_PRIORITY, 0);
    al_queue_put_nowait(&f->pq, al_int(3));
    al_queue_put_nowait(&f->pq, al_bool(true));
    al_queue_put_nowait(&f->pq, al_float(2.5));
    {
        al_value l = al_list_new(vm, 3);
        for (int i = 0; i < 3; i++) {
            al_queue_get_nowait(&f->pq, &f->r);
            al_list_append(vm, l, f->r);
        }
        al_print(vm, "mixed numbers %r", l);
    }

    al_queue_init(&f->neg, vm, "neg", AL_QUEUE_FIFO, -1);
    for (int i = 0; i < 5; i++)
        al_queue_put_nowait(&f->neg, al_int(i));
    al_print(vm, "negative maxsize %D %d %v", f->neg.maxsize, (int)al_queue_qsize(&f->neg),
             al_bool(al_queue_full(&f->neg)));

    al_queue_init(&f->kinds[0], vm, "lifo", AL_QUEUE_LIFO, 1);
    al_queue_init(&f->kinds[1], vm, "prio", AL_QUEUE_PRIORITY, 1);
    for (int k = 0; k < 2; k++) {
        if (al_queue_get_nowait(&f->kinds[k], &f->e) == AL_RAISED && al_exc_isa(f->e, &al_QueueEmpty))
            al_print(vm, "%s QueueEmpty", kind_names[k]);
        al_queue_put_nowait(&f->kinds[k], al_int(1));
        f->e = al_queue_put_nowait(&f->kinds[k], al_int(2));
        if (al_exc_isa(f->e, &al_QueueFull))
            al_print(vm, "%s QueueFull %v", kind_names[k], al_bool(al_queue_full(&f->kinds[k])));
    }

    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 0);
    AL_YIELD_FROM(g, al_queue_join(&f->join, &f->q), f->r);
    al_print(vm, "join with nothing unfinished returns at once");
    al_queue_put_nowait(&f->q, al_cstr(vm, "x"));
    al_queue_get_nowait(&f->q, &f->r);
    AL_YIELD_FROM_TRY(g, al_wait_for(&f->wf, vm, NULL, al_queue_join(&f->join, &f->q), 1), f->r);
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "join waits for task_done; unfinished until then");
    AL_PROPAGATE(g);
    al_queue_task_done(&f->q);
    AL_YIELD_FROM(g, al_queue_join(&f->join, &f->q), f->r);
    al_print(vm, "joined");
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
