/* Queue hand-offs at the edges: put_nowait into an empty queue with a
 * getter waiting wakes that getter (FIFO among getters); get_nowait from a
 * full queue with a putter waiting lets that putter in; join() on a queue
 * with nothing unfinished returns at once; several joiners all wake on
 * the last task_done; a cancelled joiner leaves the others waiting. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(getter, al_queue *q; const char *name; al_queue_co get; al_value item;)
    AL_AWAIT(al_queue_get(&f->get, f->q), f->item);
    al_print(vm, "   %s got %v %g", f->name, f->item, now(vm));
    AL_CHECK(al_queue_task_done(f->q));
AL_END

AL_ASYNC_DEF(putter, al_queue *q; int64_t item; al_queue_co put;)
    AL_AWAIT(al_queue_put(&f->put, f->q, al_int(f->item)));
    al_print(vm, "  put %D went in %g qsize %D", f->item, now(vm), (int64_t)al_queue_qsize(f->q));
AL_END

AL_ASYNC_DEF(joiner, al_queue *q; const char *name; al_queue_co join;)
    AL_AWAIT(al_queue_join(&f->join, f->q));
    al_print(vm, "   %s joined %g", f->name, now(vm));
AL_END

/* [t.done() for t in ts] or, with cancelled, [t.cancelled() for t in ts] */
static al_value states(al_vm *vm, al_future **ts, size_t n, bool cancelled)
{
    al_value l = al_list_new(vm, n);
    for (size_t i = 0; i < n; i++)
        al_list_append(vm, l, al_bool(cancelled ? al_future_cancelled(ts[i]) : al_future_done(ts[i])));
    return l;
}

static al_value take(al_queue *q)
{
    al_value v;
    al_queue_get_nowait(q, &v);
    return v;
}

AL_ASYNC_DEF(main, al_queue q; al_queue_co co; al_future *ts[3]; al_sleep_co s; al_value r; int i;)
    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 0);
    AL_AWAIT(al_queue_join(&f->co, &f->q));
    al_print(vm, "join on a fresh queue returns at once %g", now(vm));
    for (f->i = 0; f->i < 3; f->i++)
        f->ts[f->i] = al_task_fut(al_create_task(vm, AL_CALL(getter, .q = &f->q,
                                                             .name = (const char *[]){"g1", "g2", "g3"}[f->i])));
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_queue_put_nowait(&f->q, al_cstr(vm, "a"));
    al_queue_put_nowait(&f->q, al_cstr(vm, "b"));
    al_print(vm, "after two put_nowait: qsize %D waiting getters served next turn", (int64_t)al_queue_qsize(&f->q));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_queue_put_nowait(&f->q, al_cstr(vm, "c"));
    AL_AWAIT(al_gather(vm, 3, f->ts, false));

    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 2);
    al_queue_put_nowait(&f->q, al_int(1));
    al_queue_put_nowait(&f->q, al_int(2));
    for (f->i = 0; f->i < 2; f->i++)
        f->ts[f->i] = al_task_fut(al_create_task(vm, AL_CALL(putter, .q = &f->q, .item = 3 + f->i)));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    {
        bool full = al_queue_full(&f->q);
        al_value got = take(&f->q);
        al_print(vm, "full: %v get_nowait -> %v full now: %v", al_bool(full), got, al_bool(al_queue_full(&f->q)));
    }
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_print(vm, "after one turn: qsize %D %g", (int64_t)al_queue_qsize(&f->q), now(vm));
    AL_AWAIT(al_queue_get(&f->co, &f->q), f->r);
    al_print(vm, "get -> %v then %v", f->r, take(&f->q));
    AL_AWAIT(al_gather(vm, 2, f->ts, false));
    {
        al_value last = take(&f->q);
        al_print(vm, "last %v %v", last, al_bool(al_queue_empty(&f->q)));
    }

    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 0);
    for (f->i = 0; f->i < 2; f->i++)
        al_queue_put_nowait(&f->q, al_int(f->i));
    for (f->i = 0; f->i < 3; f->i++)
        f->ts[f->i] = al_task_fut(al_create_task(vm, AL_CALL(joiner, .q = &f->q,
                                                             .name = (const char *[]){"j1", "j2", "j3"}[f->i])));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_future_cancel(f->ts[1], al_none());
    take(&f->q);
    take(&f->q);
    al_queue_task_done(&f->q);
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_print(vm, "one task_done left %v %g", states(vm, f->ts, 3, false), now(vm));
    al_queue_task_done(&f->q);
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_print(vm, "joiners: %v %v", states(vm, f->ts, 3, true), states(vm, f->ts, 3, false));
    {
        al_value e = al_queue_task_done(&f->q);
        if (al_exc_isa(e, &al_ValueError))
            al_print(vm, "extra task_done: %r", e);
    }
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
