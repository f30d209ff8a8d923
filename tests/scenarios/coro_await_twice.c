/* Misuse: one coroutine object awaited by two tasks.  The second await
 * raises RuntimeError at once, and the first still gets the result. */
#include "scenario.h"

typedef struct child_frame {
    al_gen g;
    al_sleep_co sleep;
    al_value r;
} child_frame;

static al_signal child_body(al_gen *g)
{
    child_frame *f = (child_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    AL_RETURN(g, al_cstr(vm, "child's result"));
    AL_GEN_END(g);
}
static const al_gen_def child_def = {"child", child_body, true};

typedef struct awaiter_frame {
    al_gen g;
    const char *name;
    al_gen *coro;
    al_value r, e;
} awaiter_frame;

static al_signal awaiter_body(al_gen *g)
{
    awaiter_frame *f = (awaiter_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, f->coro, f->r);
    if (!al_is_none(f->e = al_except(g, &al_RuntimeError))) {
        al_print(vm, "%s raised %r %g", f->name, f->e, now(vm));
        AL_RETURN(g, al_none());
    }
    AL_PROPAGATE(g);
    al_print(vm, "%s got %v %g", f->name, f->r, now(vm));
    AL_RETURN(g, f->r);
    AL_GEN_END(g);
}
static const al_gen_def awaiter_def = {"awaiter", awaiter_body, true};

static al_task *awaiter(al_vm *vm, const char *name, al_gen *coro)
{
    awaiter_frame *f = (awaiter_frame *)al_gen_new(vm, sizeof *f, &awaiter_def);
    f->name = name;
    f->coro = coro;
    return al_create_task(vm, &f->g);
}

typedef struct frame {
    al_gen g;
    al_gen *c;
    al_task *t1, *t2;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->c = al_gen_new(vm, sizeof(child_frame), &child_def);
    f->t1 = awaiter(vm, "first", f->c);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    f->t2 = awaiter(vm, "second", f->c);
    AL_AWAIT(g, al_task_fut(f->t2), f->r);
    al_print(vm, "second returned %v %g", f->r, now(vm));
    AL_AWAIT(g, al_task_fut(f->t1), f->r);
    al_print(vm, "first returned %v %g", f->r, now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
