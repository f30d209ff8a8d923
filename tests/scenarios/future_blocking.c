/* A future's blocking flag, as _asyncio's Future keeps it.  Driving by hand
 * a coroutine that awaits a pending future yields the future and marks it
 * blocking; nobody but a Task clears the mark.  Sending into the coroutine
 * again, or awaiting the same future anywhere else while it is marked, is
 * "await wasn't used with future".  Once a task has taken the yield (and
 * cleared the mark), another task may step the same coroutine, which then
 * yields the future again. */
#include "scenario.h"

typedef struct waiter_frame {
    al_gen g;
    const char *name;
    al_future *f;
    al_value r;
} waiter_frame;

static al_signal waiter_body(al_gen *g)
{
    waiter_frame *w = (waiter_frame *)g;
    AL_GEN_BEGIN(g);
    al_print(g->vm, "  %s waits", w->name);
    AL_AWAIT(g, w->f, w->r);
    al_print(g->vm, "  %s got %v", w->name, w->r);
    AL_RETURN(g, w->r);
    AL_GEN_END(g);
}
static const al_gen_def waiter_def = {"waiter", waiter_body, true};

static al_gen *waiter(al_vm *vm, const char *name, al_future *f)
{
    waiter_frame *w = (waiter_frame *)al_gen_new(vm, sizeof *w, &waiter_def);
    w->name = name;
    w->f = f;
    return &w->g;
}

typedef struct frame {
    al_gen g;
    al_future *f, *fg, *h;
    al_gen *c, *d, *w;
    al_task *t1, *t2;
    al_sleep_co sleep;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *m = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    m->f = al_future_new(vm, "f");
    m->c = waiter(vm, "by hand", m->f);
    al_gen_send(m->c, al_none(), &m->r);
    al_print(vm, "first send yields f: %v", al_bool(m->r.type == AL_PTR && m->r.u.p == m->f));
    if (al_gen_send(m->c, al_none(), &m->e) == AL_RAISED && al_exc_isa(m->e, &al_RuntimeError))
        al_print(vm, "second send: %r", m->e);
    m->fg = al_future_new(vm, "g");
    m->d = waiter(vm, "by hand", m->fg);
    al_gen_send(m->d, al_none(), &m->r);
    al_print(vm, "d yields g: %v", al_bool(m->r.type == AL_PTR && m->r.u.p == m->fg));
    AL_AWAIT_TRY(g, m->fg, m->r);
    if (!al_is_none(m->e = al_except(g, &al_RuntimeError)))
        al_print(vm, "main awaits g: %r", m->e);
    AL_PROPAGATE(g);
    al_gen_close(m->d, &m->r);

    m->h = al_future_new(vm, "h");
    m->w = waiter(vm, "w", m->h);
    m->t1 = al_create_task(vm, m->w);
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0, al_none()), m->r);
    m->t2 = al_create_task(vm, m->w);
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0, al_none()), m->r);
    al_future_set_result(m->h, al_int(7));
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0, al_none()), m->r);
    al_future_result(al_task_fut(m->t1), &m->r);
    al_print(vm, "t1: %v", m->r);
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0, al_none()), m->r);
    al_future_exception(al_task_fut(m->t2), &m->e);
    al_print(vm, "t2: %r", m->e);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
