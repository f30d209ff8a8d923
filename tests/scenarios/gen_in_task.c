/* Plain generators driven by a task, and PEP 479: a StopIteration raised
 * inside a generator or a coroutine becomes RuntimeError (with the
 * StopIteration as its cause); a generator's finally runs on close(), one
 * that yields on close() is a RuntimeError; yield from returns the
 * subgenerator's value; send() into a finished generator is StopIteration. */
#include "scenario.h"
#include "lesson_forms.h"

AL_DEF(counter, int64_t n; int64_t i; al_value got;)
    AL_TRY {
        for (f->i = 0; f->i < f->n; f->i++) {
            AL_YIELD(al_int(f->i));
            f->got = AL_SENT(g);
            if (!al_is_none(f->got))
                al_print(vm, "  counter got %v", f->got);
        }
        AL_RETURN(al_cstr(vm, "counted"));
    } AL_FINALLY {
        al_print(vm, "  counter finally");
    } AL_END_TRY;
AL_END

AL_DEF(outer, counter_frame sub; al_value r;)
    AL_YIELD_FROM(AL_CALL_AT(&f->sub, counter, .n = 2), f->r);
    al_print(vm, "  outer got %r", f->r);
    AL_YIELD(al_cstr(vm, "outer done"));
AL_END

AL_DEF(leaky)
    AL_YIELD(al_int(1));
    AL_RAISE(al_exc_msg(vm, &al_StopIteration, "leak"));
AL_END

AL_DEF(stubborn)
    AL_TRY {
        AL_YIELD(al_int(1));
    } AL_EXCEPT(al_GeneratorExit) {
        al_print(vm, "  stubborn ignores GeneratorExit");
        AL_YIELD(al_int(2));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(coro_leak, al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    AL_RAISE(al_exc_msg(vm, &al_StopIteration, "from coro"));
AL_END

/* drive is list(gen) plus ("stop", the value StopIteration carried). */
static al_value drive(al_vm *vm, al_gen *gen)
{
    al_value out = al_list_new(vm, 4), v;
    while (al_gen_next(gen, &v) == AL_YIELDED)
        al_list_append(vm, out, v);
    al_list_append(vm, out, al_tuple(vm, 2, al_cstr(vm, "stop"), v));
    return out;
}

AL_ASYNC_DEF(main, al_gen *gen; al_value a, b; al_sleep_co s; al_task *t;)
    al_print(vm, "drive: %v", drive(vm, AL_CALL(counter, .n = 3)));
    f->gen = AL_CALL(counter, .n = 5);
    al_gen_next(f->gen, &f->a);
    al_gen_send(f->gen, al_cstr(vm, "hello"), &f->b);
    al_print(vm, "first %v send %v", f->a, f->b);
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_gen_close(f->gen, &f->a);
    al_print(vm, "after close: %v", drive(vm, f->gen));
    al_print(vm, "outer: %v", drive(vm, AL_CALL(outer)));
    f->gen = AL_CALL(leaky);
    al_gen_next(f->gen, &f->a);
    if (al_gen_next(f->gen, &f->a) == AL_RAISED && al_exc_isa(f->a, &al_RuntimeError))
        al_print(vm, "leaky: %r cause %r", f->a, f->a.u.exc->cause ? (al_value){AL_EXC, .u.exc = f->a.u.exc->cause} : al_none());
    f->gen = AL_CALL(stubborn);
    al_gen_next(f->gen, &f->a);
    if (al_gen_close(f->gen, &f->a) == AL_RAISED && al_exc_isa(f->a, &al_RuntimeError))
        al_print(vm, "stubborn: %r", f->a);
    f->gen = AL_CALL(counter, .n = 2);
    al_gen_next(f->gen, &f->a);
    if (al_gen_throw(f->gen, al_exc_msg(vm, &al_KeyError, "k"), &f->a) == AL_RAISED && al_exc_isa(f->a, &al_KeyError))
        al_print(vm, "thrown back: %r", f->a);
    if (al_gen_send(f->gen, al_none(), &f->a) == AL_RETURNED)
        al_print(vm, "send to finished: StopIteration %r", f->a);
    f->t = al_create_task(vm, AL_CALL(coro_leak));
    AL_TRY {
        AL_AWAIT(f->t);
    } AL_EXCEPT(al_RuntimeError, e) {
        al_print(vm, "coro_leak: %r cause %r %g", e,
                 e.u.exc->cause ? (al_value){AL_EXC, .u.exc = e.u.exc->cause} : al_none(), now(vm));
    } AL_END_TRY;
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
