/* Implicit chaining: an exception raised while another is being handled
 * (in an except clause, or in a finally clause while one is on its way
 * out) gets that one as __context__, whether it is raised right there or
 * deeper down, in a coroutine the handler awaits.  A bare raise re-raises
 * the exception itself, with nothing new; "raise ... from" sets __cause__
 * too and hides the context when printed.  What escapes main is printed
 * by asyncio.run's caller with the whole chain.  Written with the
 * authoring forms (lesson_forms.h), which chain as Python does. */
#include "scenario.h"
#include "lesson_forms.h"

/* chain is " <- ".join(repr(x) for x in e, e.__context__, ...). */
static al_value chain(al_vm *vm, al_value e)
{
    al_buf b;
    al_buf_init(&b);
    for (al_exc *x = e.u.exc; x; x = x->context) {
        al_value v = {.type = AL_EXC, .u.exc = x};
        al_format(&b, x == e.u.exc ? "%r" : " <- %r", v);
    }
    al_value s = al_str_new(vm, b.data, b.len);
    al_buf_free(&b);
    return s;
}

AL_ASYNC_DEF(fail, const char *msg; al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    AL_RAISE(al_exc_msg(vm, &al_ValueError, f->msg));
AL_END

AL_ASYNC_DEF(main, fail_frame sub; al_sleep_co s;)
    AL_TRY {
        AL_TRY {
            AL_RAISE(al_exc_msg(vm, &al_KeyError, "a"));
        } AL_EXCEPT(al_KeyError) {
            AL_RAISE(al_exc_msg(vm, &al_ValueError, "in handler"));
        } AL_END_TRY;
    } AL_EXCEPT(al_ValueError, e) {
        al_print(vm, "1: %v", chain(vm, e));
    } AL_END_TRY;
    AL_TRY {
        AL_TRY {
            AL_RAISE(al_exc_msg(vm, &al_KeyError, "b"));
        } AL_EXCEPT(al_KeyError) {
            AL_AWAIT(AL_CALL_AT(&f->sub, fail, .msg = "awaited"));
        } AL_END_TRY;
    } AL_EXCEPT(al_ValueError, e) {
        al_print(vm, "2: %v %g", chain(vm, e), al_time(vm));
    } AL_END_TRY;
    AL_TRY {
        AL_TRY {
            AL_RAISE(al_exc_msg(vm, &al_KeyError, "c"));
        } AL_FINALLY {
            AL_AWAIT(al_sleep(&f->s, vm, 0.25, al_none()));
            AL_RAISE(al_exc_msg(vm, &al_ValueError, "in finally"));
        } AL_END_TRY;
    } AL_EXCEPT(al_ValueError, e) {
        al_print(vm, "3: %v", chain(vm, e));
    } AL_END_TRY;
    AL_TRY {
        AL_TRY {
            AL_RAISE(al_exc_msg(vm, &al_KeyError, "d"));
        } AL_EXCEPT(al_KeyError) {
            AL_RERAISE();
        } AL_END_TRY;
    } AL_EXCEPT(al_KeyError, e) {
        al_print(vm, "4: %v", chain(vm, e));
    } AL_END_TRY;
    AL_TRY {
        AL_TRY {
            AL_RAISE(al_exc_msg(vm, &al_KeyError, "e"));
        } AL_EXCEPT(al_KeyError) {
            AL_TRY {
                AL_RAISE(al_exc_msg(vm, &al_TypeError, "inner"));
            } AL_EXCEPT(al_TypeError) {
                AL_RAISE(al_exc_msg(vm, &al_ValueError, "innermost"));
            } AL_END_TRY;
        } AL_END_TRY;
    } AL_EXCEPT(al_ValueError, e) {
        al_print(vm, "5: %v", chain(vm, e));
    } AL_END_TRY;
    AL_TRY {
        AL_TRY {
            AL_RAISE(al_exc_msg(vm, &al_KeyError, "f"));
        } AL_EXCEPT(al_KeyError, k) {
            AL_RAISE(al_raise_from(al_exc_msg(vm, &al_ValueError, "from"), k));
        } AL_END_TRY;
    } AL_EXCEPT(al_ValueError, e) {
        al_value cause = {.type = AL_EXC, .u.exc = e.u.exc->cause};
        al_print(vm, "6: %v %r %v", chain(vm, e), cause, al_bool(e.u.exc->suppress_context));
    } AL_END_TRY;
    AL_TRY {
        AL_RAISE(al_exc_msg(vm, &al_KeyError, "g"));
    } AL_EXCEPT(al_KeyError) {
        AL_RAISE(al_exc_msg(vm, &al_RuntimeError, "escapes"));
    } AL_END_TRY;
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
