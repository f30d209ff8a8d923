/* Event set and clear racing with its waiters: set() then clear() before
 * the woken waiters run still lets each of them return True; a waiter
 * that starts after the clear blocks; set() twice wakes nobody twice; a
 * waiter cancelled after set() but before it ran is cancelled, not woken. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(waiter, al_flag *ev; const char *name; al_flag_wait_co w; al_value r;)
    AL_TRY {
        AL_AWAIT(al_flag_wait(&f->w, f->ev), f->r);
        al_print(vm, "   %s woke with %v is_set %v %g", f->name, f->r, al_bool(al_flag_is_set(f->ev)), now(vm));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "   %s cancelled %g", f->name, now(vm));
        AL_RERAISE();
    } AL_END_TRY;
AL_END

static al_future *start(al_vm *vm, al_flag *ev, const char *name)
{
    return al_task_fut(al_create_task(vm, AL_CALL(waiter, .ev = ev, .name = name)));
}

AL_ASYNC_DEF(main, al_flag ev; al_future *ws[3]; al_future *late, *t; al_sleep_co s;)
    al_flag_init(&f->ev, vm, "ev");
    f->ws[0] = start(vm, &f->ev, "w1");
    f->ws[1] = start(vm, &f->ev, "w2");
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_flag_set(&f->ev);
    al_flag_clear(&f->ev);
    f->late = start(vm, &f->ev, "late");
    al_print(vm, "set+clear: is_set %v %g", al_bool(al_flag_is_set(&f->ev)), now(vm));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_print(vm, "late done? %v", al_bool(al_future_done(f->late)));
    al_flag_set(&f->ev);
    al_flag_set(&f->ev);
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_print(vm, "set twice, late done? %v %g", al_bool(al_future_done(f->late)), now(vm));

    al_flag_clear(&f->ev);
    f->ws[0] = start(vm, &f->ev, "x1");
    f->ws[1] = start(vm, &f->ev, "x2");
    f->ws[2] = start(vm, &f->ev, "x3");
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_flag_set(&f->ev);
    al_future_cancel(f->ws[1], al_none());
    AL_AWAIT(al_gather(vm, 3, f->ws, true));
    {
        al_value l = al_list_new(vm, 3);
        for (int i = 0; i < 3; i++)
            al_list_append(vm, l, al_bool(al_future_cancelled(f->ws[i])));
        al_print(vm, "states %v %g", l, now(vm));
    }
    al_flag_clear(&f->ev);
    f->t = start(vm, &f->ev, "y");
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_flag_set(&f->ev);
    al_flag_clear(&f->ev);
    al_flag_set(&f->ev);
    AL_AWAIT(f->t);
    al_print(vm, "end %v %g", al_bool(al_flag_is_set(&f->ev)), now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
