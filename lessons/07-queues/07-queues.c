/*
 * 07-queues.c: lesson 7, producers and consumers on an asyncio.Queue.
 *
 * The queue is the runtime's (queue.c), with CPython's waiting rules:
 * put() waits while the queue is full, get() while it is empty, and a task
 * woken by the other side runs an iteration later.  This file only starts
 * the tasks and prints what the queue, the clock and the awaits report.
 */
#include "asynclab.h"

/* The lesson's parameters, shared by every coroutine of one run. */
typedef struct config {
    int64_t producers, consumers, items, maxsize;
    double produce_delay, consume_delay;
    bool task_done;
} config;

/* async def producer(name, queue): items times, make an item (a sleep),
 * say so if the queue is full, put it, report the size. */
typedef struct producer_frame {
    al_gen g;
    const config *cfg;
    al_value name;
    al_queue *q;
    int64_t i;
    al_value item, r;
    al_sleep_co sleep;
    al_queue_co put;
} producer_frame;

static al_signal producer_body(al_gen *g)
{
    producer_frame *f = (producer_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < f->cfg->items; f->i++) {
        AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, f->cfg->produce_delay, al_none()), f->r);
        f->item = al_strf(vm, "%v/%D", f->name, f->i);
        if (al_queue_full(f->q))
            al_print(vm, "  %.2f %v waits: queue full", al_time(vm), f->name);
        AL_YIELD_FROM(g, al_queue_put(&f->put, f->q, f->item), f->r);
        al_print(vm, "  %.2f %v put %v (size %D)", al_time(vm), f->name, f->item,
                 (int64_t)al_queue_qsize(f->q));
    }
    al_print(vm, "  %.2f %v finished", al_time(vm), f->name);
    AL_GEN_END(g);
}

/* async def consumer(name, queue, processed): for ever, get an item,
 * process it (a sleep), count it and mark it done. */
typedef struct consumer_frame {
    al_gen g;
    const config *cfg;
    al_value name;
    al_queue *q;
    int64_t *processed; /* processed[name] */
    al_value item, r;
    al_queue_co get;
    al_sleep_co sleep;
} consumer_frame;

static al_signal consumer_body(al_gen *g)
{
    consumer_frame *f = (consumer_frame *)g;
    al_vm *vm = g->vm;
    al_value e;
    AL_GEN_BEGIN(g);
    for (;;) {
        AL_YIELD_FROM(g, al_queue_get(&f->get, f->q), f->item);
        al_print(vm, "  %.2f %v got %v", al_time(vm), f->name, f->item);
        AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, f->cfg->consume_delay, al_none()), f->r);
        ++*f->processed;
        if (f->cfg->task_done && !al_is_none(e = al_queue_task_done(f->q)))
            AL_RAISE(g, e);
    }
    AL_GEN_END(g);
}

static const al_gen_def producer_def = {"producer", producer_body, true};
static const al_gen_def consumer_def = {"consumer", consumer_body, true};

/* start is create_task(coro, name=name). */
static al_future *start(al_vm *vm, al_gen *coro, al_value name)
{
    al_task *t = al_create_task(vm, coro);
    al_task_set_name(t, name.u.s->data);
    return al_task_fut(t);
}

/* start_consumers makes the consumer tasks, consumer-0 first. */
static al_future **start_consumers(al_vm *vm, const config *cfg, al_queue *q, int64_t *processed)
{
    al_future **ws = al_alloc(vm, (size_t)cfg->consumers * sizeof *ws);
    for (int64_t k = 0; k < cfg->consumers; k++) {
        consumer_frame *c = (consumer_frame *)al_gen_new(vm, sizeof *c, &consumer_def);
        c->cfg = cfg;
        c->name = al_strf(vm, "consumer-%D", k);
        c->q = q;
        c->processed = &processed[k];
        ws[k] = start(vm, &c->g, c->name);
    }
    return ws;
}

/* start_producers makes the producer tasks, producer-0 first. */
static al_future **start_producers(al_vm *vm, const config *cfg, al_queue *q)
{
    al_future **ps = al_alloc(vm, (size_t)cfg->producers * sizeof *ps);
    for (int64_t k = 0; k < cfg->producers; k++) {
        producer_frame *p = (producer_frame *)al_gen_new(vm, sizeof *p, &producer_def);
        p->cfg = cfg;
        p->name = al_strf(vm, "producer-%D", k);
        p->q = q;
        ps[k] = start(vm, &p->g, p->name);
    }
    return ps;
}

/* type_name is type(v).__name__ for the values a gather can hand back. */
static const char *type_name(al_value v)
{
    switch (v.type) {
    case AL_EXC: return v.u.exc->type->name;
    case AL_NONE: return "NoneType";
    case AL_BOOL: return "bool";
    case AL_INT: return "int";
    case AL_FLOAT: return "float";
    case AL_STR: return "str";
    case AL_LIST: return "list";
    case AL_TUPLE: return "tuple";
    case AL_PTR: break;
    }
    return "object";
}

/* async def main(): start consumers and producers, wait for the
 * producers, join the queue, then cancel and collect the consumers. */
typedef struct main_frame {
    al_gen g;
    const config *cfg;
    al_queue q;
    int64_t *processed;
    al_future **workers, **makers;
    al_value r;
    al_queue_co join;
} main_frame;

static al_signal main_body(al_gen *g)
{
    main_frame *m = (main_frame *)g;
    al_vm *vm = g->vm;
    const config *cfg = m->cfg;
    AL_GEN_BEGIN(g);
    al_queue_init(&m->q, vm, "queue", AL_QUEUE_FIFO, cfg->maxsize);
    m->processed = al_alloc(vm, (size_t)cfg->consumers * sizeof *m->processed);
    m->workers = start_consumers(vm, cfg, &m->q, m->processed);
    m->makers = start_producers(vm, cfg, &m->q);
    al_print(vm, "  %.2f %D consumers and %D producers started, maxsize %D", al_time(vm),
             cfg->consumers, cfg->producers, cfg->maxsize);
    AL_AWAIT(g, al_gather(vm, (size_t)cfg->producers, m->makers, false), m->r);
    al_print(vm, "  %.2f producers done, %D items queued; join()", al_time(vm),
             (int64_t)al_queue_qsize(&m->q));
    AL_YIELD_FROM(g, al_queue_join(&m->join, &m->q), m->r);
    al_print(vm, "  %.2f join() returned: every item is processed", al_time(vm));
    for (int64_t k = 0; k < cfg->consumers; k++)
        al_task_cancel((al_task *)m->workers[k], al_none());
    AL_AWAIT(g, al_gather(vm, (size_t)cfg->consumers, m->workers, true), m->r);
    for (size_t k = 0; k < al_len(m->r); k++)
        al_print(vm, "  %s processed %D items, ended with %s", ((al_task *)m->workers[k])->name,
                 m->processed[k], type_name(al_item(m->r, k)));
    AL_GEN_END(g);
}

static const al_gen_def main_def = {"main", main_body, true};

/* run is asyncio.run(main()). */
static al_status run(al_vm *vm, const al_params *p)
{
    config *cfg = al_alloc(vm, sizeof *cfg);
    cfg->producers = al_param_int(p, "producers");
    cfg->consumers = al_param_int(p, "consumers");
    cfg->items = al_param_int(p, "items");
    cfg->maxsize = al_param_int(p, "maxsize");
    cfg->produce_delay = al_param_float(p, "produce_delay");
    cfg->consume_delay = al_param_float(p, "consume_delay");
    cfg->task_done = al_param_bool(p, "task_done");
    main_frame *m = (main_frame *)al_gen_new(vm, sizeof *m, &main_def);
    m->cfg = cfg;
    return al_run_main(vm, &m->g);
}

static const al_param_def params[] = {
    {"producers", AL_PARAM_INT, "2", 1, 4, 0, "how many producer tasks"},
    {"consumers", AL_PARAM_INT, "2", 1, 4, 0, "how many consumer tasks"},
    {"items", AL_PARAM_INT, "4", 0, 12, 0, "items each producer puts"},
    {"maxsize", AL_PARAM_INT, "2", 0, 10, 0, "the queue's maxsize (0: unbounded)"},
    {"produce_delay", AL_PARAM_FLOAT, "0.5", 0, 3, 0, "seconds a producer takes to make an item"},
    {"consume_delay", AL_PARAM_FLOAT, "1", 0, 3, 0, "seconds a consumer takes to process an item"},
    {"task_done", AL_PARAM_BOOL, "true", 0, 1, 0,
     "consumers call task_done() (false: join() waits for ever: a deadlock)"},
};

/* al_lesson_queues is lesson 7: producers and consumers on a bounded
 * queue, backpressure, task_done/join, and shutting consumers down. */
const al_lesson AL_LESSON_SYMBOL = {
    .number = 7,
    .slug = "queues",
    .title = "Queues",
    .summary = "producers and consumers on an asyncio.Queue, with backpressure",
    .concept = "a bounded queue makes fast producers wait for slow consumers",
    .params = params,
    .nparams = sizeof params / sizeof params[0],
    .run = run,
    .check = NULL,
};
