/* A task that awaits itself indirectly: a awaits b and b awaits a.  Nothing
 * can finish; a wait() with a timeout sees both pending.  Cancelling one
 * recurses through the cycle (Task.cancel cancels the future it waits
 * for) until RecursionError, and asyncio.run's own cancellation at the end
 * fails the same way. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(partner, const char *name; al_task **box; al_sleep_co s; al_value r;)
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_print(vm, "%s awaits %s %g", f->name, (*f->box)->name, now(vm));
    AL_AWAIT(*f->box, f->r);
    AL_RETURN(f->r);
AL_END

AL_ASYNC_DEF(main, al_task *a, *b; al_future *pair[2]; al_wait_co w; al_sleep_co s; al_value r;)
    f->a = al_create_task(vm, AL_CALL(partner, .name = "a", .box = &f->b));
    al_task_set_name(f->a, "a");
    f->b = al_create_task(vm, AL_CALL(partner, .name = "b", .box = &f->a));
    al_task_set_name(f->b, "b");
    f->pair[0] = al_task_fut(f->a);
    f->pair[1] = al_task_fut(f->b);
    AL_AWAIT(al_wait(&f->w, vm, 2, f->pair, 2, AL_ALL_COMPLETED), f->r);
    al_print(vm, "deadlocked pair: %d %d %g", (int)al_len(al_item(f->r, 0)),
             (int)al_len(al_item(f->r, 1)), now(vm));
    al_task_cancel(f->a, al_none());
    {
        al_value e = al_vm_take_error(vm);
        if (al_exc_isa(e, &al_RecursionError))
            al_print(vm, "cancel raised %s", al_type_name(e));
    }
    al_print(vm, "states: %v %v %v %v", al_bool(al_future_done(al_task_fut(f->a))),
             al_bool(al_future_done(al_task_fut(f->b))), al_bool(al_task_cancelling(f->a) > 0),
             al_bool(al_task_cancelling(f->b) > 0));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_print(vm, "still: %v %v %g", al_bool(al_future_done(al_task_fut(f->a))),
             al_bool(al_future_done(al_task_fut(f->b))), now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
