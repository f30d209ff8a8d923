/* Misuse: PriorityQueue items that < cannot order, on every path.  The
 * TypeError comes out of heapq inside put_nowait, get_nowait, put() and
 * get(), and leaves the queue as heapq leaves it: a failed put keeps the
 * item (but counts no unfinished task), a failed get loses the smallest
 * item.  The program catches each error and drains what is left. */
#include "scenario.h"

typedef struct drain_frame {
    al_gen g;
    al_queue *q;
    al_queue_co get;
    al_value r;
} drain_frame;

static al_signal drain_body(al_gen *g)
{
    drain_frame *f = (drain_frame *)g;
    AL_GEN_BEGIN(g);
    while (!al_queue_empty(f->q)) {
        AL_YIELD_FROM(g, al_queue_get(&f->get, f->q), f->r);
        al_print(g->vm, "  got %r", f->r);
    }
    AL_GEN_END(g);
}
static const al_gen_def drain_def = {"drain", drain_body, true};

static al_gen *drain(drain_frame *d, al_queue *q)
{
    d->q = q;
    return al_gen_init(&d->g, q->vm, &drain_def);
}

/* pair is the list [a, b]. */
static al_value pair(al_vm *vm, al_value a, al_value b)
{
    al_value l = al_list_new(vm, 2);
    al_list_append(vm, l, a);
    al_list_append(vm, l, b);
    return l;
}

typedef struct frame {
    al_gen g;
    al_queue q;
    drain_frame drain;
    al_queue_co co;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_queue_init(&f->q, vm, "q", AL_QUEUE_PRIORITY, 0);
    al_queue_put_nowait(&f->q, al_tuple(vm, 2, al_int(2), al_cstr(vm, "b")));
    al_queue_put_nowait(&f->q, al_tuple(vm, 2, al_int(3), al_cstr(vm, "c")));
    al_queue_put_nowait(&f->q, al_tuple(vm, 2, al_int(1), al_cstr(vm, "a")));
    f->e = al_queue_put_nowait(&f->q, al_tuple(vm, 2, al_int(1), al_none()));
    if (al_exc_isa(f->e, &al_TypeError))
        al_print(vm, "put_nowait: %r %d", f->e, (int)al_queue_qsize(&f->q));
    AL_YIELD_FROM(g, drain(&f->drain, &f->q), f->r);
    for (int i = 0; i < 3; i++)
        al_queue_task_done(&f->q);
    f->e = al_queue_task_done(&f->q);
    if (al_exc_isa(f->e, &al_ValueError))
        al_print(vm, "task_done: %r", f->e);

    al_queue_put_nowait(&f->q, al_tuple(vm, 2, al_int(1), al_cstr(vm, "a")));
    al_queue_put_nowait(&f->q, al_tuple(vm, 2, al_int(2), al_cstr(vm, "x")));
    al_queue_put_nowait(&f->q, al_tuple(vm, 2, al_int(2), al_none()));
    if (al_queue_get_nowait(&f->q, &f->e) == AL_RAISED && al_exc_isa(f->e, &al_TypeError))
        al_print(vm, "get_nowait: %r %d", f->e, (int)al_queue_qsize(&f->q));
    AL_YIELD_FROM(g, drain(&f->drain, &f->q), f->r);

    al_queue_put_nowait(&f->q, pair(vm, al_int(1), al_cstr(vm, "a")));
    al_queue_put_nowait(&f->q, pair(vm, al_int(2), al_cstr(vm, "x")));
    al_queue_put_nowait(&f->q, pair(vm, al_int(2), al_int(5)));
    AL_YIELD_FROM_TRY(g, al_queue_get(&f->co, &f->q), f->r);
    if (!al_is_none(f->e = al_except(g, &al_TypeError)))
        al_print(vm, "get: %r %d", f->e, (int)al_queue_qsize(&f->q));
    AL_PROPAGATE(g);
    AL_YIELD_FROM(g, drain(&f->drain, &f->q), f->r);

    al_queue_put_nowait(&f->q, al_exc_msg(vm, &al_ValueError, "v"));
    AL_YIELD_FROM_TRY(g, al_queue_put(&f->co, &f->q, al_exc_msg(vm, &al_KeyError, "k")), f->r);
    if (!al_is_none(f->e = al_except(g, &al_TypeError)))
        al_print(vm, "put: %r %d", f->e, (int)al_queue_qsize(&f->q));
    AL_PROPAGATE(g);
    al_queue_get_nowait(&f->q, &f->r);
    al_print(vm, "  got %r", f->r);
    al_print(vm, "the program goes on");
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
