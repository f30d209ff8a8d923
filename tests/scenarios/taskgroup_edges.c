/* TaskGroup at its edges: the task running the group is cancelled from
 * outside (children cancelled, CancelledError out, cancelling() back to
 * 0); a child fails while the body is still awaiting (the body gets the
 * cancel); nested groups; a timeout around a group; a child that
 * swallows the group's cancel and returns; and a child added by another
 * child while the group waits. */
#include "scenario.h"

typedef struct child_frame {
    al_gen g;
    const char *name;
    double delay;
    al_value exc;
    bool swallow;
    al_sleep_co sleep;
    al_value r;
} child_frame;

static al_signal child_body(al_gen *g)
{
    child_frame *f = (child_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError)) {
        al_print(vm, "  %s cancelled %g", f->name, now(vm));
        if (f->swallow) {
            al_except(g, &al_CancelledError);
            AL_RETURN(g, al_strf(vm, "%s swallowed", f->name));
        }
    }
    AL_PROPAGATE(g);
    if (!al_is_none(f->exc)) {
        al_print(vm, "  %s raises %g", f->name, now(vm));
        AL_RAISE(g, f->exc);
    }
    al_print(vm, "  %s done %g", f->name, now(vm));
    AL_RETURN(g, al_cstr(vm, f->name));
    AL_GEN_END(g);
}
static const al_gen_def child_def = {"child", child_body, true};

static al_gen *child(al_vm *vm, const char *name, double delay, al_value exc, bool swallow)
{
    child_frame *f = (child_frame *)al_gen_new(vm, sizeof *f, &child_def);
    f->name = name;
    f->delay = delay;
    f->exc = exc;
    f->swallow = swallow;
    return &f->g;
}

/* "async with asyncio.TaskGroup() as tg": ENTER(f, tg, x) ... EXIT(f, tg, x),
 * x being the group's exit frame. */
#define ENTER(f, tg)                                                           \
    do {                                                                       \
        al_taskgroup_init(&(f)->tg, vm);                                       \
        al_value e_ = al_taskgroup_enter(&(f)->tg);                            \
        if (!al_is_none(e_))                                                   \
            AL_RAISE(&(f)->g, e_);                                             \
    } while (0)
#define EXIT(f, tg, x) AL_YIELD_FROM_TRY(&(f)->g, al_taskgroup_exit(&(f)->x, &(f)->tg, al_pending(&(f)->g)), (f)->r)
#define SPAWN(f, tg, ...) al_taskgroup_create_task(&(f)->tg, child(vm, __VA_ARGS__), &(f)->e)

typedef struct grouped_frame {
    al_gen g;
    al_taskgroup tg;
    al_taskgroup_exit_co x;
    al_sleep_co sleep;
    al_value r, e;
} grouped_frame;

static al_signal grouped_body(al_gen *g)
{
    grouped_frame *f = (grouped_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    ENTER(f, tg);
    SPAWN(f, tg, "a", 5, al_none(), false);
    SPAWN(f, tg, "b", 5, al_none(), false);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 10, al_none()), f->r);
    EXIT(f, tg, x);
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def grouped_def = {"grouped", grouped_body, true};

typedef struct spawner_frame {
    al_gen g;
    al_taskgroup *tg;
    al_sleep_co sleep;
    al_value r, e;
} spawner_frame;

static al_signal spawner_body(al_gen *g)
{
    spawner_frame *f = (spawner_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    if (!al_taskgroup_create_task(f->tg, child(vm, "spawned", 1, al_none(), false), &f->e))
        AL_RAISE(g, f->e);
    AL_RETURN(g, al_cstr(vm, "spawner"));
    AL_GEN_END(g);
}
static const al_gen_def spawner_def = {"spawner", spawner_body, true};

typedef struct frame {
    al_gen g;
    al_taskgroup tg, outer, inner;
    al_taskgroup_exit_co x, ox, ix;
    al_timeout tm;
    al_task *t, *s, *sp;
    al_sleep_co sleep;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    f->t = al_create_task(vm, al_gen_new(vm, sizeof(grouped_frame), &grouped_def));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    al_task_cancel(f->t, al_none());
    AL_AWAIT_TRY(g, al_task_fut(f->t), f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "outer cancel: %v %g", al_bool(al_future_cancelled(al_task_fut(f->t))), now(vm));
    AL_PROPAGATE(g);

    ENTER(f, tg);
    SPAWN(f, tg, "c", 1, al_exc_msg(vm, &al_KeyError, "c"), false);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 5, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "body cancelled by the failing child %g", now(vm));
    EXIT(f, tg, x);
    if (!al_is_none(f->e = al_except_star(g, &al_KeyError)))
        al_print(vm, "group error %r %g", al_exc_group_exceptions(vm, f->e), now(vm));
    AL_PROPAGATE(g);

    ENTER(f, outer);
    SPAWN(f, outer, "o1", 3, al_none(), false);
    ENTER(f, inner);
    SPAWN(f, inner, "i1", 1, al_exc_msg(vm, &al_ValueError, "inner failed"), false);
    SPAWN(f, inner, "i2", 2, al_none(), false);
    EXIT(f, inner, ix);
    EXIT(f, outer, ox);
    if (!al_is_none(f->e = al_except_star(g, &al_ValueError)))
        al_print(vm, "nested: %r %g", f->e, now(vm));
    AL_PROPAGATE(g);

    al_timeout_enter(&f->tm, vm, 1.5);
    ENTER(f, tg);
    SPAWN(f, tg, "t1", 1, al_none(), false);
    SPAWN(f, tg, "t2", 3, al_none(), false);
    EXIT(f, tg, x);
    g->exc = al_timeout_exit(&f->tm, al_pending(g));
    if (!al_is_none(al_except(g, &al_TimeoutError)))
        al_print(vm, "timeout around the group %g %d", now(vm), al_task_cancelling(al_current_task(vm)));
    AL_PROPAGATE(g);

    ENTER(f, tg);
    f->s = SPAWN(f, tg, "s", 3, al_none(), true);
    SPAWN(f, tg, "f", 1, al_exc_msg(vm, &al_RuntimeError, "f"), false);
    EXIT(f, tg, x);
    if (!al_is_none(al_except_star(g, &al_RuntimeError))) {
        al_future_result(al_task_fut(f->s), &f->r);
        al_print(vm, "swallower returned %r %g", f->r, now(vm));
    }
    AL_PROPAGATE(g);

    ENTER(f, tg);
    {
        spawner_frame *sp = (spawner_frame *)al_gen_new(vm, sizeof *sp, &spawner_def);
        sp->tg = &f->tg;
        f->sp = al_taskgroup_create_task(&f->tg, &sp->g, &f->e);
    }
    EXIT(f, tg, x);
    AL_PROPAGATE(g);
    al_future_result(al_task_fut(f->sp), &f->r);
    al_print(vm, "group waited for the spawned child too %v %g", f->r, now(vm));
    al_print(vm, "cancelling %d", al_task_cancelling(al_current_task(vm)));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
