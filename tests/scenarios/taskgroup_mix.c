/* TaskGroup errors mixed: the body fails while a child fails too (both in
 * the group), nested groups (an ExceptionGroup inside one), a child that
 * fails while __aexit__ waits, a group cancelled from outside while a
 * child has failed, and the body catching the group's cancellation.
 * "async with asyncio.TaskGroup() as tg:" is AL_ASYNC_WITH ... 
 * AL_ASYNC_WITH_END_TRY with the block in the frame-first _TRY forms, so
 * that what leaves the block reaches __aexit__. */
#include "scenario.h"
#include "lesson_forms.h"

/* re-raise what the frame-first forms left pending, into AL_TRY's hands */
#define RERAISE_PENDING() do { al_value e_ = g->exc; g->exc = al_none(); AL_CHECK(e_); } while (0)

AL_ASYNC_DEF(child, const char *name; double d; al_value exc; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, f->d, al_none()));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "   %s cancelled %g", f->name, now(vm));
        AL_RERAISE();
    } AL_END_TRY;
    if (!al_is_none(f->exc)) {
        al_print(vm, "   %s raises %r %g", f->name, f->exc, now(vm));
        AL_RAISE(f->exc);
    }
    al_print(vm, "   %s done %g", f->name, now(vm));
    AL_RETURN(al_cstr(vm, f->name));
AL_END

#define CHILD(...) AL_CALL(child, __VA_ARGS__)
#define SPAWN(tg, coro) al_taskgroup_create_task(&f->tg, (coro), &f->r)

AL_ASYNC_DEF(inner_group, al_taskgroup tg; al_value r;)
    al_taskgroup_init(&f->tg, vm);
    AL_ASYNC_WITH(g, &f->tg.cm, f->r);
    SPAWN(tg, CHILD(.name = "in1", .d = 1, .exc = al_exc_msg(vm, &al_KeyError, "in1")));
    SPAWN(tg, CHILD(.name = "in2", .d = 3));
    AL_ASYNC_WITH_END_TRY(g, &f->tg.cm);
    RERAISE_PENDING();
AL_END

AL_ASYNC_DEF(body_fails, al_taskgroup tg; al_sleep_co s; al_value r;)
    al_taskgroup_init(&f->tg, vm);
    AL_ASYNC_WITH(g, &f->tg.cm, f->r);
    SPAWN(tg, CHILD(.name = "b1", .d = 1, .exc = al_exc_msg(vm, &al_ValueError, "b1")));
    SPAWN(tg, CHILD(.name = "b2", .d = 3));
    AL_YIELD_FROM_TRY(g, al_sleep(&f->s, vm, 2, al_none()), f->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError)) {
        al_print(vm, "  body cancelled by the group %g", now(vm));
        g->exc = al_exc_chain(al_exc_msg(vm, &al_RuntimeError, "body's own"), g->exc);
    }
    AL_ASYNC_WITH_END_TRY(g, &f->tg.cm);
    RERAISE_PENDING();
AL_END

AL_ASYNC_DEF(catches, double tg_delay; al_taskgroup tg; al_sleep_co s; al_value r, eg;)
    al_taskgroup_init(&f->tg, vm);
    AL_ASYNC_WITH(g, &f->tg.cm, f->r);
    SPAWN(tg, CHILD(.name = "c1", .d = f->tg_delay, .exc = al_exc_msg(vm, &al_ValueError, "c1")));
    AL_YIELD_FROM_TRY(g, al_sleep(&f->s, vm, 5, al_none()), f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "  body swallows the group's cancel %g", now(vm));
    if (al_is_none(g->exc)) {
        AL_YIELD_FROM_TRY(g, al_sleep(&f->s, vm, 0.5, al_none()), f->r);
        if (al_is_none(g->exc))
            al_print(vm, "  body goes on %g", now(vm));
    }
    AL_ASYNC_WITH_END_TRY(g, &f->tg.cm);
    if (!al_is_none(f->eg = al_except_star(g, &al_ValueError)))
        al_print(vm, "  caught %r %g", f->eg, now(vm));
    RERAISE_PENDING();
    al_print(vm, "  cancelling %d", al_task_cancelling(al_current_task(vm)));
AL_END

AL_ASYNC_DEF(main, al_taskgroup tg; al_task *t; al_sleep_co s; al_value r, eg;)
    al_print(vm, "body and child fail:");
    AL_TRY {
        AL_AWAIT(AL_CALL(body_fails));
    } AL_EXCEPT(al_BaseExceptionGroup, eg) {
        al_print(vm, "group: %r %g", eg, now(vm));
    } AL_END_TRY;

    al_print(vm, "nested groups:");
    al_taskgroup_init(&f->tg, vm);
    AL_ASYNC_WITH(g, &f->tg.cm, f->r);
    SPAWN(tg, AL_CALL(inner_group));
    SPAWN(tg, CHILD(.name = "sib", .d = 2));
    SPAWN(tg, CHILD(.name = "late", .d = 0.5, .exc = al_exc_msg(vm, &al_TypeError, "late")));
    AL_ASYNC_WITH_END_TRY(g, &f->tg.cm);
    if (!al_is_none(f->eg = al_except(g, &al_BaseExceptionGroup))) {
        al_print(vm, "group: %r %g", f->eg, now(vm));
        al_print(vm, "split: %v %v", al_exc_group_subgroup(vm, f->eg, &al_TypeError),
                 al_exc_group_subgroup(vm, f->eg, &al_KeyError));
    }
    RERAISE_PENDING();

    al_print(vm, "child fails while __aexit__ waits:");
    al_taskgroup_init(&f->tg, vm);
    AL_ASYNC_WITH(g, &f->tg.cm, f->r);
    SPAWN(tg, CHILD(.name = "w1", .d = 1, .exc = al_exc_msg(vm, &al_IndexError, "w1")));
    SPAWN(tg, CHILD(.name = "w2", .d = 2));
    AL_ASYNC_WITH_END_TRY(g, &f->tg.cm);
    if (!al_is_none(f->eg = al_except_star(g, &al_IndexError)))
        al_print(vm, "  caught %r %g %d", f->eg, now(vm), al_task_cancelling(al_current_task(vm)));
    RERAISE_PENDING();

    al_print(vm, "cancelled from outside after a child failed:");
    f->t = al_create_task(vm, AL_CALL(catches, .tg_delay = 1));
    AL_AWAIT(al_sleep(&f->s, vm, 1.25, al_none()));
    al_task_cancel(f->t, al_none());
    AL_TRY {
        AL_AWAIT(f->t);
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "  task cancelled %g", now(vm));
    } AL_END_TRY;

    al_print(vm, "body catches the group's cancel:");
    AL_AWAIT(AL_CALL(catches, .tg_delay = 1));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
