/* asyncio.sleep: sleep(0) yields exactly one loop iteration, so tasks that
 * only sleep(0) take turns round-robin; sleep(d, result) returns result; a
 * negative delay is sleep(0) with a timer-free path. */
#include "scenario.h"

typedef struct spinner_frame {
    al_gen g;
    const char *name;
    int turns, i;
    al_sleep_co sleep;
    al_value r;
} spinner_frame;

static al_signal spinner_body(al_gen *g)
{
    spinner_frame *f = (spinner_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < f->turns; f->i++) {
        al_print(vm, "%s turn %d", f->name, f->i);
        AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    }
    AL_RETURN(g, al_cstr(vm, f->name));
    AL_GEN_END(g);
}
static const al_gen_def spinner_def = {"spinner", spinner_body, true};

static al_task *spinner(al_vm *vm, const char *name, int turns)
{
    spinner_frame *f = (spinner_frame *)al_gen_new(vm, sizeof *f, &spinner_def);
    f->name = name;
    f->turns = turns;
    return al_create_task(vm, &f->g);
}

typedef struct frame {
    al_gen g;
    al_task *a, *b, *c;
    int i;
    double total;
    al_sleep_co sleep;
    al_value r, r2, r3;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->a = spinner(vm, "a", 3);
    f->b = spinner(vm, "b", 2);
    f->c = spinner(vm, "c", 1);
    al_print(vm, "main yields once");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_print(vm, "main back");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_cstr(vm, "zero")), f->r);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, -5, al_cstr(vm, "negative")), f->r2);
    al_print(vm, "%v %v %g", f->r, f->r2, now(vm));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0.1, al_cstr(vm, "tenth")), f->r);
    al_print(vm, "%v %g", f->r, now(vm));
    f->r = al_list_new(vm, 2);
    al_list_append(vm, f->r, al_cstr(vm, "list"));
    al_list_append(vm, f->r, al_int(1));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0.2, f->r), f->r);
    al_print(vm, "%v %g", f->r, now(vm));
    AL_AWAIT(g, al_task_fut(f->a), f->r);
    AL_AWAIT(g, al_task_fut(f->b), f->r2);
    AL_AWAIT(g, al_task_fut(f->c), f->r3);
    al_print(vm, "results %v %v %v", f->r, f->r2, f->r3);
    f->total = 0.0;
    for (f->i = 0; f->i < 10; f->i++) {
        AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0.1, al_none()), f->r);
        f->total += 0.1;
    }
    al_print(vm, "ten tenths %g %g %v", now(vm), f->total, al_bool(now(vm) == 0.3 + 1.0));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
