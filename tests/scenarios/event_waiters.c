/* asyncio.Event: wait() blocks until set(), every waiter wakes in the
 * order it started waiting, wait() on a set event returns at once, clear()
 * makes later waiters block again, and a cancelled waiter leaves the
 * others. */
#include "scenario.h"

typedef struct waiter_frame {
    al_gen g;
    const char *name;
    al_flag *ev;
    al_flag_wait_co wait;
    al_value r;
} waiter_frame;

static al_signal waiter_body(al_gen *g)
{
    waiter_frame *f = (waiter_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "%s waits %g", f->name, now(vm));
    AL_YIELD_FROM_TRY(g, al_flag_wait(&f->wait, f->ev), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled while waiting %g", f->name, now(vm));
    AL_PROPAGATE(g);
    al_print(vm, "%s woke with %v %g", f->name, f->r, now(vm));
    AL_GEN_END(g);
}
static const al_gen_def waiter_def = {"waiter", waiter_body, true};

static al_task *waiter(al_vm *vm, const char *name, al_flag *ev)
{
    waiter_frame *f = (waiter_frame *)al_gen_new(vm, sizeof *f, &waiter_def);
    f->name = name;
    f->ev = ev;
    return al_create_task(vm, &f->g);
}

static void set_event(al_vm *vm, void *ev, void *unused)
{
    (void)vm, (void)unused;
    al_flag_set(ev);
}

typedef struct frame {
    al_gen g;
    al_flag ev;
    al_future *ws[3];
    al_task *late;
    al_flag_wait_co wait;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    static const char *const ns[] = {"w1", "w2", "w3"};
    AL_GEN_BEGIN(g);
    al_flag_init(&f->ev, vm, "ev");
    al_print(vm, "is_set %v", al_bool(al_flag_is_set(&f->ev)));
    for (int i = 0; i < 3; i++)
        f->ws[i] = al_task_fut(waiter(vm, ns[i], &f->ev));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_future_cancel(f->ws[1], al_none());
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_print(vm, "setting %g", now(vm));
    al_flag_set(&f->ev);
    al_flag_set(&f->ev);
    al_print(vm, "is_set %v", al_bool(al_flag_is_set(&f->ev)));
    AL_YIELD_FROM(g, al_flag_wait(&f->wait, &f->ev), f->r);
    al_print(vm, "fast path %v %g", f->r, now(vm));
    AL_AWAIT(g, al_gather(vm, 3, f->ws, true), f->r);
    al_flag_clear(&f->ev);
    al_print(vm, "cleared %v", al_bool(al_flag_is_set(&f->ev)));
    f->late = waiter(vm, "late", &f->ev);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0.5, al_none()), f->r);
    al_print(vm, "late done? %v", al_bool(al_future_done(al_task_fut(f->late))));
    al_call_later(vm, 1, set_event, &f->ev, NULL, "Event.set");
    AL_AWAIT(g, al_task_fut(f->late), f->r);
    al_flag_clear(&f->ev);
    al_flag_set(&f->ev);
    al_flag_clear(&f->ev);
    al_print(vm, "set then clear with no waiter %v %g", al_bool(al_flag_is_set(&f->ev)), now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
