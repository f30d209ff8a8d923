/* Who runs first within one loop iteration: callbacks queued by call_soon,
 * done callbacks of a future (scheduled when it completes), the wake-ups
 * of tasks awaiting it, an event set from a callback, and timers that fall
 * due; each joins the ready queue in the order it was scheduled. */
#include "scenario.h"

static void note(al_vm *vm, void *tag, void *unused)
{
    (void)unused;
    al_print(vm, "callback %s %g", (const char *)tag, now(vm));
}

/* lambda f: note(tag), as a done callback: fn(vm, fut, arg). */
static void note_done(al_vm *vm, void *fut, void *tag)
{
    (void)fut;
    note(vm, tag, NULL);
}

static void set_event(al_vm *vm, void *ev, void *unused)
{
    (void)vm, (void)unused;
    al_flag_set(ev);
}

typedef struct waiter_frame {
    al_gen g;
    const char *name;
    al_future *fut;
    al_flag *ev;
    al_flag_wait_co wait;
    al_value r;
} waiter_frame;

static al_signal waiter_body(al_gen *g)
{
    waiter_frame *f = (waiter_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_AWAIT(g, f->fut, f->r);
    al_print(vm, "task %s woke with %v %g", f->name, f->r, now(vm));
    AL_GEN_END(g);
}
static const al_gen_def waiter_def = {"waiter", waiter_body, true};

static al_signal event_waiter_body(al_gen *g)
{
    waiter_frame *f = (waiter_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_flag_wait(&f->wait, f->ev), f->r);
    al_print(vm, "task event_waiter woke %g", now(vm));
    AL_GEN_END(g);
}
static const al_gen_def event_waiter_def = {"event_waiter", event_waiter_body, true};

static al_task *start(al_vm *vm, const al_gen_def *def, const char *name, al_future *fut, al_flag *ev)
{
    waiter_frame *f = (waiter_frame *)al_gen_new(vm, sizeof *f, def);
    f->name = name;
    f->fut = fut;
    f->ev = ev;
    return al_create_task(vm, &f->g);
}

typedef struct frame {
    al_gen g;
    al_future fut;
    al_flag ev;
    al_future *ws[2];
    al_task *ew;
    al_sleep_co sleep;
    al_value r;
} frame;

#define SLEEP(f, d) AL_YIELD_FROM(&(f)->g, al_sleep(&(f)->sleep, vm, d, al_none()), (f)->r)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_future_init(&f->fut, vm, "fut");
    al_future_add_done_callback(&f->fut, note_done, "done-1", "<lambda>");
    f->ws[0] = al_task_fut(start(vm, &waiter_def, "w1", &f->fut, NULL));
    SLEEP(f, 0);
    al_future_add_done_callback(&f->fut, note_done, "done-2", "<lambda>");
    f->ws[1] = al_task_fut(start(vm, &waiter_def, "w2", &f->fut, NULL));
    al_call_soon(vm, note, "soon-before", NULL, "note");
    SLEEP(f, 0);
    al_future_set_result(&f->fut, al_cstr(vm, "R"));
    al_call_soon(vm, note, "soon-after", NULL, "note");
    SLEEP(f, 0);
    al_print(vm, "main after one iteration %g", now(vm));
    AL_AWAIT(g, al_gather(vm, 2, f->ws, false), f->r);

    al_flag_init(&f->ev, vm, "ev");
    f->ew = start(vm, &event_waiter_def, "event_waiter", NULL, &f->ev);
    al_call_later(vm, 1, set_event, &f->ev, NULL, "Event.set");
    al_call_later(vm, 1, note, "timer-after-set", NULL, "note");
    al_call_at(vm, 1.0 + 1, note, "timer-at", NULL, "note");
    SLEEP(f, 1);
    al_print(vm, "main woke %g", now(vm));
    AL_AWAIT(g, al_task_fut(f->ew), f->r);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
