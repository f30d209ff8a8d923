/* LifoQueue and PriorityQueue: the order items come out, priorities as
 * tuples compared item by item, equal priorities falling back to the next
 * field, and a bounded LifoQueue whose putter waits for room. */
#include "scenario.h"

typedef struct drain_frame {
    al_gen g;
    const char *name;
    al_queue *q;
    al_queue_co get;
    al_value out, r;
} drain_frame;

static al_signal drain_body(al_gen *g)
{
    drain_frame *f = (drain_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->out = al_list_new(vm, 8);
    while (!al_queue_empty(f->q)) {
        AL_YIELD_FROM(g, al_queue_get(&f->get, f->q), f->r);
        al_list_append(vm, f->out, f->r);
        al_queue_task_done(f->q);
    }
    al_print(vm, "%s %r", f->name, f->out);
    AL_GEN_END(g);
}
static const al_gen_def drain_def = {"drain", drain_body, true};

static al_gen *drain(al_vm *vm, const char *name, al_queue *q)
{
    drain_frame *f = (drain_frame *)al_gen_new(vm, sizeof *f, &drain_def);
    f->name = name;
    f->q = q;
    return &f->g;
}

typedef struct putter_frame {
    al_gen g;
    al_queue *small;
    al_queue_co put;
    al_value r;
} putter_frame;

static al_signal putter_body(al_gen *g)
{
    putter_frame *f = (putter_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "putter waits %g", now(vm));
    AL_YIELD_FROM(g, al_queue_put(&f->put, f->small, al_cstr(vm, "second")), f->r);
    al_print(vm, "putter done %g", now(vm));
    AL_GEN_END(g);
}
static const al_gen_def putter_def = {"main.<locals>.putter", putter_body, true};

typedef struct frame {
    al_gen g;
    al_queue lifo, pq, small;
    al_task *t;
    size_t i;
    al_queue_co qc;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    static const char *const letters[] = {"a", "b", "c", "d"};
    static const struct { int64_t p; const char *what; } items[] = {
        {3, "low"}, {1, "high"}, {2, "mid"}, {1, "also high"}, {0, "top"}, {2, "a mid"}};
    static const int64_t numbers[] = {5, 3, 8, 1, 9, 2, 7};
    static const double floats[] = {2.5, -1.0, 0.0, 10.25};
    AL_GEN_BEGIN(g);
    al_queue_init(&f->lifo, vm, "lifo", AL_QUEUE_LIFO, 0);
    for (size_t i = 0; i < 4; i++)
        al_queue_put_nowait(&f->lifo, al_cstr(vm, letters[i]));
    {
        size_t size = al_queue_qsize(&f->lifo);
        al_queue_get_nowait(&f->lifo, &f->r);
        al_print(vm, "lifo size %d first out %v", (int)size, f->r);
    }
    al_queue_put_nowait(&f->lifo, al_cstr(vm, "e"));
    AL_YIELD_FROM(g, drain(vm, "lifo", &f->lifo), f->r);

    al_queue_init(&f->pq, vm, "pq", AL_QUEUE_PRIORITY, 0);
    for (size_t i = 0; i < 6; i++)
        al_queue_put_nowait(&f->pq, al_tuple(vm, 2, al_int(items[i].p), al_cstr(vm, items[i].what)));
    al_queue_get_nowait(&f->pq, &f->r);
    al_print(vm, "priority first %r", f->r);
    AL_YIELD_FROM(g, drain(vm, "priority", &f->pq), f->r);
    for (f->i = 0; f->i < 7; f->i++)
        AL_YIELD_FROM(g, al_queue_put(&f->qc, &f->pq, al_int(numbers[f->i])), f->r);
    AL_YIELD_FROM(g, drain(vm, "numbers", &f->pq), f->r);
    for (size_t i = 0; i < 4; i++)
        al_queue_put_nowait(&f->pq, al_float(floats[i]));
    AL_YIELD_FROM(g, drain(vm, "floats", &f->pq), f->r);

    al_queue_init(&f->small, vm, "small", AL_QUEUE_LIFO, 1);
    AL_YIELD_FROM(g, al_queue_put(&f->qc, &f->small, al_cstr(vm, "first")), f->r);
    {
        putter_frame *p = (putter_frame *)al_gen_new(vm, sizeof *p, &putter_def);
        p->small = &f->small;
        f->t = al_create_task(vm, &p->g);
    }
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    AL_YIELD_FROM(g, al_queue_get(&f->qc, &f->small), f->r);
    al_print(vm, "get %v %g", f->r, now(vm));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    AL_YIELD_FROM(g, al_queue_get(&f->qc, &f->small), f->r);
    al_print(vm, "get %v %g", f->r, now(vm));
    AL_AWAIT(g, al_task_fut(f->t), f->r);
    al_print(vm, "empty %v full %v", al_bool(al_queue_empty(&f->small)), al_bool(al_queue_full(&f->small)));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
