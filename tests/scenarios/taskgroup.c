/* asyncio.TaskGroup: the block waits for every child; a failing child
 * cancels its siblings and the parent's block, and the errors come out as
 * an ExceptionGroup (split with except*); creating a task in a finished
 * group is refused; the block's own error cancels the children and comes
 * out in the group too.
 *
 * "async with asyncio.TaskGroup() as tg: BODY" is init and enter, BODY
 * with the _TRY forms, then the exit coroutine given what is pending. */
#include "scenario.h"

typedef struct child_frame {
    al_gen g;
    const char *name;
    double delay;
    al_value exc;
    al_sleep_co sleep;
    al_value r;
} child_frame;

static al_signal child_body(al_gen *g)
{
    child_frame *f = (child_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, f->delay, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "  %s cancelled %g", f->name, now(vm));
    AL_PROPAGATE(g);
    if (!al_is_none(f->exc)) {
        al_print(vm, "  %s raises %r %g", f->name, f->exc, now(vm));
        AL_RAISE(g, f->exc);
    }
    al_print(vm, "  %s done %g", f->name, now(vm));
    AL_RETURN(g, al_cstr(vm, f->name));
    AL_GEN_END(g);
}
static const al_gen_def child_def = {"child", child_body, true};

static al_gen *child(al_vm *vm, const char *name, double delay, al_value exc)
{
    child_frame *f = (child_frame *)al_gen_new(vm, sizeof *f, &child_def);
    f->name = name;
    f->delay = delay;
    f->exc = exc;
    return &f->g;
}

typedef struct frame {
    al_gen g;
    al_taskgroup tg;
    al_taskgroup_exit_co exit;
    al_task *a, *b;
    al_gen *coro;
    al_sleep_co sleep;
    al_value r, e;
} frame;

/* ENTER and EXIT are the two ends of "async with tg". */
#define ENTER(f)                                                               \
    do {                                                                       \
        al_taskgroup_init(&(f)->tg, vm);                                       \
        al_value e_ = al_taskgroup_enter(&(f)->tg);                            \
        if (!al_is_none(e_))                                                   \
            AL_RAISE(&(f)->g, e_);                                             \
    } while (0)
#define EXIT(f) AL_YIELD_FROM_TRY(&(f)->g, al_taskgroup_exit(&(f)->exit, &(f)->tg, al_pending(&(f)->g)), (f)->r)
#define SPAWN(f, ...) al_taskgroup_create_task(&(f)->tg, child(vm, __VA_ARGS__), &(f)->e)

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    ENTER(f);
    f->a = SPAWN(f, "a", 1, al_none());
    f->b = SPAWN(f, "b", 2, al_none());
    al_print(vm, "block body ends %g", now(vm));
    EXIT(f);
    AL_PROPAGATE(g);
    {
        al_value ra, rb;
        al_future_result(al_task_fut(f->a), &ra);
        al_future_result(al_task_fut(f->b), &rb);
        al_print(vm, "group done %v %v %g", ra, rb, now(vm));
    }

    ENTER(f);
    SPAWN(f, "c", 1, al_exc_msg(vm, &al_ValueError, "c failed"));
    SPAWN(f, "d", 3, al_none());
    SPAWN(f, "e", 1, al_exc_msg(vm, &al_KeyError, "e failed"));
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 5, al_none()), f->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "not reached");
    EXIT(f);
    if (!al_is_none(f->e = al_except_star(g, &al_ValueError)))
        al_print(vm, "except* ValueError: %r %g", f->e, now(vm));
    if (!al_is_none(f->e = al_except_star(g, &al_KeyError)))
        al_print(vm, "except* KeyError: %r %g", al_exc_group_exceptions(vm, f->e), now(vm));
    AL_PROPAGATE(g);
    al_print(vm, "cancelling %d", al_task_cancelling(al_current_task(vm)));

    ENTER(f);
    SPAWN(f, "f", 2, al_none());
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 0.5, al_none()), f->r);
    if (al_is_none(al_pending(g)))
        g->exc = al_exc_msg(vm, &al_LookupError, "the block's own error");
    EXIT(f);
    if (!al_is_none(f->e = al_except_star(g, &al_LookupError)))
        al_print(vm, "the block's error joins the group: %r %g", f->e, now(vm));
    AL_PROPAGATE(g);

    ENTER(f);
    EXIT(f);
    AL_PROPAGATE(g);
    f->coro = child(vm, "late", 0, al_none());
    if (!al_taskgroup_create_task(&f->tg, f->coro, &f->e) && al_exc_isa(f->e, &al_RuntimeError)) {
        al_print(vm, "finished group: %r", f->e);
        al_gen_close(f->coro, &f->r);
    }

    ENTER(f);
    SPAWN(f, "g", 1, al_exc_msg(vm, &al_ValueError, "g"));
    SPAWN(f, "h", 1, al_exc_msg(vm, &al_ValueError, "h"));
    EXIT(f);
    if (!al_is_none(f->e = al_except(g, &al_ExceptionGroup)))
        al_print(vm, "two errors: %r %d %g", f->e, (int)al_exc_group_count(f->e), now(vm));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
