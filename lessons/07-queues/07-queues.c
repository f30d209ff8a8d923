/*
 * 07-queues.c: lesson 7, producers and consumers on an asyncio.Queue.
 *
 * The queue is the runtime's (queue.c), with CPython's waiting rules: put()
 * waits while the queue is full, get() while it is empty, and a task woken
 * by the other side runs an iteration later.  This file starts the tasks
 * and prints what the queue, the clock and the awaits report.
 */
#include "asynclab.h"
#include "lesson_forms.h"

static int64_t producers, consumers, items, maxsize;
static double produce_delay, consume_delay;
static bool task_done;

static double start; /* the loop's clock when main began; main sets it */

/* now is seconds since main began, as the loop's clock counts them. */
static double now(al_vm *vm) { return al_time(vm) - start; }

AL_ASYNC_DEF(producer, al_value name; al_queue *queue; int64_t i; al_value item;
             al_sleep_co s; al_queue_co put;)
    for (f->i = 0; f->i < items; f->i++) {
        AL_AWAIT(al_sleep(&f->s, vm, produce_delay, al_none())); /* making the item takes time */
        f->item = al_strf(vm, "%v/%D", f->name, f->i);
        if (al_queue_full(f->queue))
            al_print(vm, "  %.2f %v waits: queue full", now(vm), f->name);
        AL_AWAIT(al_queue_put(&f->put, f->queue, f->item)); /* suspends while the queue is full */
        al_print(vm, "  %.2f %v put %v (size %D)", now(vm), f->name, f->item,
                 (int64_t)al_queue_qsize(f->queue));
    }
    al_print(vm, "  %.2f %v finished", now(vm), f->name);
AL_END

AL_ASYNC_DEF(consumer, al_value name; al_queue *queue; int64_t *processed; al_value item;
             al_queue_co get; al_sleep_co s;)
    for (;;) {
        AL_AWAIT(al_queue_get(&f->get, f->queue), f->item); /* suspends while the queue is empty */
        al_print(vm, "  %.2f %v got %v", now(vm), f->name, f->item);
        AL_AWAIT(al_sleep(&f->s, vm, consume_delay, al_none()));
        *f->processed += 1;
        if (task_done)
            AL_CHECK(al_queue_task_done(f->queue)); /* forget it, and join() waits for ever */
    }
AL_END

/* The twin's main passes its queue and its processed dict to the
 * coroutines it makes; here they are main's too, reached from the
 * comprehensions' bodies below. */
static al_queue queue;
static int64_t processed[4];

static al_gen *consumer_k(al_vm *vm, size_t k)
{
    return AL_CALL(consumer, .name = al_strf(vm, "consumer-%D", (int64_t)k), .queue = &queue,
                   .processed = &processed[k]);
}

static al_gen *producer_k(al_vm *vm, size_t k)
{
    return AL_CALL(producer, .name = al_strf(vm, "producer-%D", (int64_t)k), .queue = &queue);
}

AL_ASYNC_DEF(main, al_future **workers, **makers; al_value results; al_queue_co join;)
    start = al_time(vm);
    al_queue_init(&queue, vm, "queue", AL_QUEUE_FIFO, maxsize);
    for (int64_t k = 0; k < consumers; k++)
        processed[k] = 0;
    f->workers = al_tasks(vm, (size_t)consumers, consumer_k, "consumer-%D");
    f->makers = al_tasks(vm, (size_t)producers, producer_k, "producer-%D");
    al_print(vm, "  %.2f %D consumers and %D producers started, maxsize %D", now(vm),
             consumers, producers, maxsize);
    AL_AWAIT(al_gather(vm, (size_t)producers, f->makers, false));
    al_print(vm, "  %.2f producers done, %D items queued; join()", now(vm),
             (int64_t)al_queue_qsize(&queue));
    AL_AWAIT(al_queue_join(&f->join, &queue));
    al_print(vm, "  %.2f join() returned: every item is processed", now(vm));
    for (int64_t k = 0; k < consumers; k++)
        al_task_cancel((al_task *)f->workers[k], al_none());
    AL_AWAIT(al_gather(vm, (size_t)consumers, f->workers, true), f->results);
    for (size_t k = 0; k < al_len(f->results); k++)
        al_print(vm, "  %s processed %D items, ended with %s", ((al_task *)f->workers[k])->name,
                 processed[k], al_type_name(al_item(f->results, k)));
AL_END

static al_status run(al_vm *vm, const al_params *p)
{
    producers = al_param_int(p, "producers");
    consumers = al_param_int(p, "consumers");
    items = al_param_int(p, "items");
    maxsize = al_param_int(p, "maxsize");
    produce_delay = al_param_float(p, "produce_delay");
    consume_delay = al_param_float(p, "consume_delay");
    task_done = al_param_bool(p, "task_done");
    return al_run_main(vm, AL_CALL(main));
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

AL_LESSON(params, run,
    .title = "Queues",
    .summary = "producers and consumers on an asyncio.Queue, with backpressure",
    .concept = "a bounded queue makes fast producers wait for slow consumers");
