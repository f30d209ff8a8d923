/* Async context managers: __aenter__ may await and returns the value bound
 * by "as"; __aexit__ sees the exception leaving the block, may await, and
 * swallows it by returning True; nesting exits in reverse order. */
#include "scenario.h"

#include <ctype.h>

/* class Resource: its two coroutines are frames the manager owns. */
typedef struct resource resource;
typedef struct res_co {
    al_gen g;
    resource *self;
    al_value e;
    al_sleep_co sleep;
    al_value r;
} res_co;
struct resource {
    al_acm cm;
    const char *name;
    bool swallow;
    res_co enter, exit;
};

static al_signal aenter_body(al_gen *g)
{
    res_co *f = (res_co *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0.5, al_none()), f->r);
    al_print(vm, "open %s %g", f->self->name, now(vm));
    {
        char up[32]; /* self.name.upper(), for the short names used here */
        size_t i = 0;
        for (; f->self->name[i] && i + 1 < sizeof up; i++)
            up[i] = (char)toupper((unsigned char)f->self->name[i]);
        up[i] = '\0';
        AL_RETURN(g, al_cstr(vm, up));
    }
    AL_GEN_END(g);
}
static const al_gen_def aenter_def = {"Resource.__aenter__", aenter_body, true};

static al_signal aexit_body(al_gen *g)
{
    res_co *f = (res_co *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0.25, al_none()), f->r);
    al_print(vm, "close %s saw %r %g", f->self->name, f->e, now(vm));
    AL_RETURN(g, al_bool(f->self->swallow));
    AL_GEN_END(g);
}
static const al_gen_def aexit_def = {"Resource.__aexit__", aexit_body, true};

static al_gen *res_aenter(al_acm *cm)
{
    resource *r = (resource *)cm;
    r->enter.self = r;
    return al_gen_init(&r->enter.g, r->enter.g.vm, &aenter_def);
}

static al_gen *res_aexit(al_acm *cm, al_value exc)
{
    resource *r = (resource *)cm;
    r->exit.self = r;
    r->exit.e = exc;
    return al_gen_init(&r->exit.g, r->exit.g.vm, &aexit_def);
}

static const al_acm_class resource_class = {"Resource", res_aenter, res_aexit};

/* Resource(name, swallow) */
static void resource_init(resource *r, al_vm *vm, const char *name, bool swallow)
{
    r->cm.cls = &resource_class;
    r->name = name;
    r->swallow = swallow;
    r->enter.g.vm = r->exit.g.vm = vm;
}

typedef struct use_frame {
    al_gen g;
    resource e;
    al_sleep_co sleep;
    al_value v, r;
} use_frame;

static al_signal use_slowly_body(al_gen *g)
{
    use_frame *f = (use_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    resource_init(&f->e, vm, "e", false);
    AL_ASYNC_WITH(g, &f->e.cm, f->v);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 10, al_none()), f->r);
    AL_ASYNC_WITH_END(g, &f->e.cm);
    AL_GEN_END(g);
}
static const al_gen_def use_slowly_def = {"use_slowly", use_slowly_body, true};

typedef struct frame {
    al_gen g;
    resource a, b, c, d;
    al_task *t;
    al_sleep_co sleep;
    al_value va, vb, r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    resource_init(&f->a, vm, "a", false);
    AL_ASYNC_WITH(g, &f->a.cm, f->va);
    resource_init(&f->b, vm, "b", false);
    AL_ASYNC_WITH_TRY(g, &f->b.cm, f->vb);
    if (al_is_none(al_pending(g))) {
        al_print(vm, "using %v %v %g", f->va, f->vb, now(vm));
        AL_ASYNC_WITH_END_TRY(g, &f->b.cm);
    }
    AL_ASYNC_WITH_END(g, &f->a.cm);

    resource_init(&f->c, vm, "c", false);
    AL_ASYNC_WITH(g, &f->c.cm, f->r);
    g->exc = al_exc_msg(vm, &al_KeyError, "inside c"); /* raise inside the block */
    AL_ASYNC_WITH_END_TRY(g, &f->c.cm);
    if (!al_is_none(f->e = al_except(g, &al_KeyError)))
        al_print(vm, "propagated %r %g", f->e, now(vm));
    AL_PROPAGATE(g);

    resource_init(&f->d, vm, "d", true);
    AL_ASYNC_WITH(g, &f->d.cm, f->r);
    g->exc = al_exc_msg(vm, &al_ValueError, "swallowed by d");
    AL_ASYNC_WITH_END(g, &f->d.cm);
    al_print(vm, "after d %g", now(vm));

    f->t = al_create_task(vm, al_gen_new(vm, sizeof(use_frame), &use_slowly_def));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_task_cancel(f->t, al_none());
    AL_AWAIT_TRY(g, al_task_fut(f->t), f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "task cancelled inside the block %g", now(vm));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
