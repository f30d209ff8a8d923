/* A typical program: a producer fills a bounded queue, three workers take
 * jobs of different lengths, join() waits for the last task_done, then the
 * idle workers are cancelled and gathered with return_exceptions. */
#include "scenario.h"

typedef struct worker_frame {
    al_gen g;
    const char *name;
    al_queue *q;
    al_value log;
    al_value job;
    al_queue_co get;
    al_sleep_co sleep;
    al_value r;
} worker_frame;

static al_signal worker_body(al_gen *g)
{
    worker_frame *f = (worker_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (;;) {
        AL_YIELD_FROM(g, al_queue_get(&f->get, f->q), f->job);
        AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, (double)f->job.u.i / 10, al_none()), f->r);
        if (al_is_none(al_pending(g))) {
            al_list_append(vm, f->log, al_tuple(vm, 2, al_cstr(vm, f->name), f->job));
            al_print(vm, "%.2f %s did job %v", now(vm), f->name, f->job);
        }
        al_queue_task_done(f->q); /* finally: */
        AL_PROPAGATE(g);
    }
    AL_GEN_END(g);
}
static const al_gen_def worker_def = {"worker", worker_body, true};

typedef struct producer_frame {
    al_gen g;
    al_queue *q;
    const int64_t *jobs;
    size_t n, i;
    al_queue_co put;
    al_value r;
} producer_frame;

static al_signal producer_body(al_gen *g)
{
    producer_frame *f = (producer_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < f->n; f->i++) {
        AL_YIELD_FROM(g, al_queue_put(&f->put, f->q, al_int(f->jobs[f->i])), f->r);
        al_print(vm, "%.2f queued %D (size %d)", now(vm), f->jobs[f->i], (int)al_queue_qsize(f->q));
    }
    AL_GEN_END(g);
}
static const al_gen_def producer_def = {"producer", producer_body, true};

static const int64_t jobs[] = {5, 1, 3, 2, 4, 1, 6};

typedef struct frame {
    al_gen g;
    al_queue q;
    al_value log;
    al_future *workers[3];
    producer_frame producer;
    al_queue_co join;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 2);
    f->log = al_list_new(vm, 8);
    for (int i = 0; i < 3; i++) {
        worker_frame *w = (worker_frame *)al_gen_new(vm, sizeof *w, &worker_def);
        w->name = al_strf(vm, "w%d", i).u.s->data;
        w->q = &f->q;
        w->log = f->log;
        al_task *t = al_create_task(vm, &w->g);
        al_task_set_name(t, w->name);
        f->workers[i] = al_task_fut(t);
    }
    al_gen_init(&f->producer.g, vm, &producer_def);
    f->producer.q = &f->q;
    f->producer.jobs = jobs;
    f->producer.n = sizeof jobs / sizeof jobs[0];
    AL_YIELD_FROM(g, &f->producer.g, f->r);
    al_print(vm, "%.2f all queued, unfinished jobs %d", now(vm), (int)al_queue_qsize(&f->q));
    AL_YIELD_FROM(g, al_queue_join(&f->join, &f->q), f->r);
    al_print(vm, "%.2f joined after %d jobs", now(vm), (int)al_len(f->log));
    for (int i = 0; i < 3; i++)
        al_future_cancel(f->workers[i], al_none());
    AL_AWAIT(g, al_gather(vm, 3, f->workers, true), f->r);
    {
        al_value types = al_list_new(vm, 3);
        for (size_t i = 0; i < al_len(f->r); i++) {
            al_value x = al_item(f->r, i);
            al_list_append(vm, types, al_cstr(vm, x.type == AL_EXC ? x.u.exc->type->name : "?"));
        }
        al_print(vm, "workers ended with %r", types);
    }
    {
        /* per = {name: total}, then sorted(per.items()): the names are
         * w0..w2, so index by the digit. */
        int64_t per[3] = {0, 0, 0};
        bool seen[3] = {false, false, false};
        for (size_t i = 0; i < al_len(f->log); i++) {
            al_value entry = al_item(f->log, i);
            int w = al_item(entry, 0).u.s->data[1] - '0';
            per[w] += al_item(entry, 1).u.i;
            seen[w] = true;
        }
        al_value items = al_list_new(vm, 3);
        for (int w = 0; w < 3; w++)
            if (seen[w])
                al_list_append(vm, items, al_tuple(vm, 2, al_strf(vm, "w%d", w), al_int(per[w])));
        al_print(vm, "work per worker %r", items);
    }
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
