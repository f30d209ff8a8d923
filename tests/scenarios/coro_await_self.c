/* Misuse: a coroutine that awaits itself.  CPython refuses with
 * ValueError('coroutine already executing'); the task fails with it and
 * the program goes on. */
#include "scenario.h"

typedef struct box {
    al_gen *coro;
} box;

typedef struct selfish_frame {
    al_gen g;
    box *box;
    al_value r;
} selfish_frame;

static al_signal selfish_body(al_gen *g)
{
    selfish_frame *f = (selfish_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "selfish runs");
    AL_YIELD_FROM(g, f->box->coro, f->r);
    AL_RETURN(g, f->r);
    AL_GEN_END(g);
}
static const al_gen_def selfish_def = {"selfish", selfish_body, true};

typedef struct frame {
    al_gen g;
    box box;
    al_task *t;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    {
        selfish_frame *s = (selfish_frame *)al_gen_new(vm, sizeof *s, &selfish_def);
        s->box = &f->box;
        f->box.coro = &s->g;
    }
    f->t = al_create_task(vm, f->box.coro);
    AL_AWAIT_TRY(g, al_task_fut(f->t), f->r);
    if (!al_is_none(f->e = al_except(g, &al_ValueError)))
        al_print(vm, "task raised %r", f->e);
    AL_PROPAGATE(g);
    al_future_exception(al_task_fut(f->t), &f->e);
    al_print(vm, "task done %v %r", al_bool(al_future_done(al_task_fut(f->t))), f->e);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
