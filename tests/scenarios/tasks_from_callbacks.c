/* Tasks made where no task runs: from a call_soon callback, from a timer
 * and from a done callback.  current_task() is None in a callback and the
 * new task inside its own body; all_tasks() sees the new tasks at once;
 * each first runs on the loop iteration after the callback that made it. */
#include "scenario.h"
#include "lesson_forms.h"

static al_task *made[3];
static size_t nmade;

AL_ASYNC_DEF(child, const char *name; al_sleep_co s;)
    al_print(vm, "   %s runs; current %s %g", f->name, al_current_task(vm)->name, now(vm));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    AL_RETURN(al_cstr(vm, f->name));
AL_END

/* repr(asyncio.current_task()) when it is None; a task's repr otherwise
 * (never needed here). */
static al_value current_or_none(al_vm *vm)
{
    al_task *t = al_current_task(vm);
    return t ? al_cstr(vm, t->name) : al_none();
}

static void spawn(al_vm *vm, void *label, void *name)
{
    al_print(vm, "  %s current_task: %v %g", (const char *)label, current_or_none(vm), now(vm));
    al_task *t = al_create_task(vm, AL_CALL(child, .name = name));
    al_task_set_name(t, name);
    made[nmade++] = t;
    al_print(vm, "  all_tasks now %v", all_task_names(vm));
}

static void on_done(al_vm *vm, void *fut, void *unused)
{
    (void)unused;
    al_value r;
    al_future_result(fut, &r);
    al_print(vm, "  done callback for %s result %v %g", ((al_task *)fut)->name, r, now(vm));
    spawn(vm, "done callback", "from-done");
}

/* [t.result() if t.done() else "pending" for t in made] */
static al_value results(al_vm *vm)
{
    al_value l = al_list_new(vm, nmade), r;
    for (size_t i = 0; i < nmade; i++) {
        if (al_future_done(al_task_fut(made[i])))
            al_future_result(al_task_fut(made[i]), &r);
        else
            r = al_cstr(vm, "pending");
        al_list_append(vm, l, r);
    }
    return l;
}

AL_ASYNC_DEF(main, al_sleep_co s; al_future *fs[3];)
    al_call_soon(vm, spawn, "call_soon", "from-soon", "spawn");
    al_call_later(vm, 0.5, spawn, "call_later", "from-timer", "spawn");
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    {
        al_value names = al_list_new(vm, nmade);
        for (size_t i = 0; i < nmade; i++)
            al_list_append(vm, names, al_cstr(vm, made[i]->name));
        al_print(vm, "main after one turn %v %g", names, now(vm));
    }
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_future_add_done_callback(al_task_fut(made[0]), on_done, NULL, "on_done");
    al_print(vm, "main waits %g", now(vm));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_print(vm, "results %v %g", results(vm), now(vm));
    for (size_t i = 0; i < nmade; i++)
        f->fs[i] = al_task_fut(made[i]);
    AL_AWAIT(al_gather(vm, nmade, f->fs, false));
    al_print(vm, "all %v %g", results(vm), now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
