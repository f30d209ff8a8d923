/* asyncio.Condition: wait() releases the lock and re-acquires it before
 * returning; notify(n) wakes n waiters in order, notify_all() the rest;
 * wait_for(predicate) loops until the predicate holds; notify without
 * the lock is a RuntimeError.
 *
 * "async with cond: BODY" is al_lock_acquire on cond.lock, BODY with the
 * _TRY forms, then al_lock_release. */
#include "scenario.h"

typedef struct consumer_frame {
    al_gen g;
    const char *name;
    al_condition *cond;
    al_value box;
    al_lock_acquire_co acq;
    al_cond_wait_co wait;
    al_value r;
} consumer_frame;

static al_signal consumer_body(al_gen *g)
{
    consumer_frame *f = (consumer_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_lock_acquire(&f->acq, f->cond->lock), f->r);
    al_print(vm, "%s waits %g locked %v", f->name, now(vm), al_bool(al_condition_locked(f->cond)));
    AL_YIELD_FROM_TRY(g, al_condition_wait(&f->wait, f->cond), f->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "%s woke holding the lock %v box %r %g", f->name,
                 al_bool(al_condition_locked(f->cond)), f->box, now(vm));
    al_lock_release(f->cond->lock);
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def consumer_def = {"consumer", consumer_body, true};

/* lambda: len(box) >= 3 */
static al_value three_or_more(void *box)
{
    return al_bool(al_len(*(al_value *)box) >= 3);
}

/* lambda: "done" */
static al_value done_text(void *vm)
{
    return al_cstr(vm, "done");
}

typedef struct counter_frame {
    al_gen g;
    al_condition *cond;
    al_value box;
    al_lock_acquire_co acq;
    al_cond_wait_for_co wf;
    al_value r;
} counter_frame;

static al_signal counter_body(al_gen *g)
{
    counter_frame *f = (counter_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_lock_acquire(&f->acq, f->cond->lock), f->r);
    AL_YIELD_FROM_TRY(g, al_condition_wait_for(&f->wf, f->cond, three_or_more, &f->box), f->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "wait_for saw %r returned %v %g", f->box, f->r, now(vm));
    al_lock_release(f->cond->lock);
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def counter_def = {"counter_waiter", counter_body, true};

typedef struct frame {
    al_gen g;
    al_condition cond, shared;
    al_lock lock;
    al_value box;
    al_future *ws[4];
    al_task *cw;
    al_lock_acquire_co acq;
    al_cond_wait_for_co wf;
    al_sleep_co sleep;
    al_value r, e;
} frame;

#define ACQUIRE(f, l) AL_YIELD_FROM(&(f)->g, al_lock_acquire(&(f)->acq, l), (f)->r)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_condition_init(&f->cond, vm, "cond", NULL);
    f->e = al_condition_notify(&f->cond, 1);
    if (al_exc_isa(f->e, &al_RuntimeError))
        al_print(vm, "notify unlocked: %r", f->e);
    f->box = al_list_new(vm, 4);
    for (int i = 0; i < 4; i++) {
        consumer_frame *c = (consumer_frame *)al_gen_new(vm, sizeof *c, &consumer_def);
        c->name = al_strf(vm, "c%d", i).u.s->data;
        c->cond = &f->cond;
        c->box = f->box;
        f->ws[i] = al_task_fut(al_create_task(vm, &c->g));
    }
    {
        counter_frame *c = (counter_frame *)al_gen_new(vm, sizeof *c, &counter_def);
        c->cond = &f->cond;
        c->box = f->box;
        f->cw = al_create_task(vm, &c->g);
    }
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    ACQUIRE(f, f->cond.lock);
    al_list_append(vm, f->box, al_cstr(vm, "x"));
    al_condition_notify(&f->cond, 2);
    al_print(vm, "notified 2, lock held by main %v %g", al_bool(al_condition_locked(&f->cond)), now(vm));
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_lock_release(f->cond.lock);
    AL_PROPAGATE(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    ACQUIRE(f, f->cond.lock);
    al_list_append(vm, f->box, al_cstr(vm, "y"));
    al_condition_notify_all(&f->cond);
    al_lock_release(f->cond.lock);
    AL_AWAIT(g, al_gather(vm, 4, f->ws, false), f->r);
    ACQUIRE(f, f->cond.lock);
    al_list_append(vm, f->box, al_cstr(vm, "z"));
    al_condition_notify_all(&f->cond);
    al_lock_release(f->cond.lock);
    AL_AWAIT(g, al_task_fut(f->cw), f->r);
    ACQUIRE(f, f->cond.lock);
    AL_YIELD_FROM_TRY(g, al_condition_wait_for(&f->wf, &f->cond, done_text, vm), f->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "wait_for already true: %v %g", f->r, now(vm));
    al_lock_release(f->cond.lock);
    AL_PROPAGATE(g);
    al_lock_init(&f->lock, vm, "lock");
    al_condition_init(&f->shared, vm, "shared", &f->lock);
    ACQUIRE(f, &f->lock);
    al_print(vm, "shared lock: condition locked %v", al_bool(al_condition_locked(&f->shared)));
    al_lock_release(&f->lock);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
