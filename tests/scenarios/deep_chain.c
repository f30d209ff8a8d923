/* A chain of 300 coroutines, each awaiting the next: the result comes up
 * through every frame; an exception raised at the bottom passes each
 * finally on its way up; a cancel of the task reaches the bottom frame's
 * sleep and unwinds through them all.  A recursion with no end stops with
 * RecursionError (a C program's would overflow its stack instead). */
#include "scenario.h"
#include "lesson_forms.h"

static int64_t unwound;

AL_ASYNC_DEF(down, int64_t n; const char *mode; al_sleep_co s; al_value r;)
    AL_TRY {
        if (f->n == 0) {
            AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
            if (strcmp(f->mode, "raise") == 0)
                AL_RAISE(al_exc_msg(vm, &al_ValueError, "bottom"));
            AL_RETURN(al_int(0));
        }
        AL_AWAIT(AL_CALL(down, .n = f->n - 1, .mode = f->mode), f->r);
        AL_RETURN(al_int(al_as_int(f->r) + 1));
    } AL_FINALLY {
        unwound += 1;
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(forever, int64_t n; al_value r;)
    AL_AWAIT(AL_CALL(forever, .n = f->n + 1), f->r);
    AL_RETURN(f->r);
AL_END

AL_ASYNC_DEF(main, al_task *t; al_sleep_co s; al_value r;)
    AL_AWAIT(AL_CALL(down, .n = 300, .mode = "return"), f->r);
    al_print(vm, "result %v unwound %D %g", f->r, unwound, now(vm));
    unwound = 0;
    AL_TRY {
        AL_AWAIT(AL_CALL(down, .n = 300, .mode = "raise"));
    } AL_EXCEPT(al_ValueError, e) {
        al_print(vm, "raised %r unwound %D %g", e, unwound, now(vm));
    } AL_END_TRY;
    unwound = 0;
    f->t = al_create_task(vm, AL_CALL(down, .n = 300, .mode = "return"));
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_task_cancel(f->t, al_cstr(vm, "deep"));
    AL_TRY {
        AL_AWAIT(f->t);
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "cancelled %r unwound %D %g", e, unwound, now(vm));
    } AL_END_TRY;
    AL_TRY {
        AL_AWAIT(AL_CALL(forever, .n = 0));
    } AL_EXCEPT(al_RecursionError, e) {
        al_print(vm, "forever: %r", e);
    } AL_END_TRY;
    AL_AWAIT(AL_CALL(down, .n = 10, .mode = "return"), f->r);
    al_print(vm, "after %v %g", f->r, now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
