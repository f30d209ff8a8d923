/* Nested TaskGroups whose children clean up slowly: a child of the inner
 * group fails while a sibling is in a finally block that awaits; the inner
 * group waits for that cleanup before it raises its ExceptionGroup, which
 * then fails the outer group's body, and the outer group cancels its own
 * children (one of which also awaits in its finally).
 * "async with asyncio.TaskGroup() as tg:" is AL_ASYNC_WITH ...
 * AL_ASYNC_WITH_END_TRY, the block in the frame-first _TRY forms. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(fails, int64_t delay; al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, (double)f->delay, al_none()));
    AL_RAISE(al_exc_new(vm, &al_ValueError, al_strf(vm, "fails after %D", f->delay)));
AL_END

AL_ASYNC_DEF(slow_cleanup, const char *name; double cleanup; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, 10, al_none()));
    } AL_FINALLY {
        al_print(vm, "   %s cleanup starts %g", f->name, now(vm));
        AL_AWAIT(al_sleep(&f->s, vm, f->cleanup, al_none()));
        al_print(vm, "   %s cleanup done %g", f->name, now(vm));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(inner_block, al_taskgroup tg; al_value r;)
    al_taskgroup_init(&f->tg, vm);
    AL_ASYNC_WITH(g, &f->tg.cm, f->r);
    al_taskgroup_create_task(&f->tg, AL_CALL(slow_cleanup, .name = "inner-a", .cleanup = 2), &f->r);
    al_taskgroup_create_task(&f->tg, AL_CALL(fails, .delay = 1), &f->r);
    al_taskgroup_create_task(&f->tg, AL_CALL(slow_cleanup, .name = "inner-b", .cleanup = 0.5), &f->r);
    AL_ASYNC_WITH_END(g, &f->tg.cm);
    al_print(vm, "not reached");
AL_END

AL_ASYNC_DEF(main, al_taskgroup outer; al_sleep_co s; al_value r, eg;)
    al_taskgroup_init(&f->outer, vm);
    AL_ASYNC_WITH(g, &f->outer.cm, f->r);
    al_taskgroup_create_task(&f->outer, AL_CALL(slow_cleanup, .name = "outer-x", .cleanup = 1), &f->r);
    al_taskgroup_create_task(&f->outer, AL_CALL(inner_block), &f->r);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->s, vm, 20, al_none()), f->r);
    AL_ASYNC_WITH_END_TRY(g, &f->outer.cm);
    if (!al_is_none(f->eg = al_except_star(g, &al_ValueError))) {
        al_print(vm, "caught %r %g", f->eg, now(vm));
        al_value inner = al_exc_group_item(f->eg, 0), reprs = al_list_new(vm, 1);
        for (size_t i = 0; i < al_exc_group_count(inner); i++)
            al_list_append(vm, reprs, al_strf(vm, "%r", al_exc_group_item(inner, i)));
        al_print(vm, "inner group %r %v", inner, reprs);
    }
    AL_PROPAGATE(g);
    al_print(vm, "main done %g", now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
