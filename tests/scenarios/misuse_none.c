/* None where an awaitable belongs, the twin of a C program passing NULL:
 * create_task(None), gather() or shield() of None, and await None each
 * raise the TypeError CPython raises, and the program goes on.  (wait()
 * with None in its list fails in CPython with an AttributeError from deep
 * inside; the C runtime raises a TypeError there, so it is left out.) */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(main, al_future *fut; al_future *fs[2]; int i; al_value r;)
    f->fut = al_future_new(vm, "fut");
    al_future_set_result(f->fut, al_cstr(vm, "ok"));
    if (!al_create_task(vm, NULL))
        al_print(vm, "create_task(None): %r", al_vm_take_error(vm));
    for (f->i = 0; f->i < 2; f->i++) {
        AL_TRY {
            f->fs[0] = f->fut;
            f->fs[1] = NULL;
            AL_AWAIT(f->i == 0 ? al_gather(vm, 2, f->fs, false) : al_shield(vm, NULL));
        } AL_EXCEPT(al_TypeError, e) {
            al_print(vm, "%s: %r", f->i == 0 ? "gather(fut, None)" : "shield(None)", e);
        } AL_END_TRY;
    }
    AL_TRY {
        AL_AWAIT((al_future *)NULL);
    } AL_EXCEPT(al_TypeError, e) {
        al_print(vm, "await None: %r", e);
    } AL_END_TRY;
    AL_AWAIT(f->fut, f->r);
    al_print(vm, "still running: %v", f->r);
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
