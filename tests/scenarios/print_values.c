/* What print() and repr() show of values and exceptions inside a
 * coroutine: floats in their shortest form, quotes, tuples, KeyError's
 * str, exceptions with several arguments, OSError(errno, strerror) made
 * into the subclass its errno names, ExceptionGroup's str and repr. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(main, al_value r;)
    al_print(vm, "%v %v %v %v", al_exc_msg(vm, &al_KeyError, "x"), al_exc_noarg(vm, &al_KeyError),
             al_exc_args(vm, &al_KeyError, 2, al_cstr(vm, "a"), al_cstr(vm, "b")), al_exc_msg(vm, &al_ValueError, "v"));
    {
        al_value l = al_list_new(vm, 1);
        al_list_append(vm, l, al_exc_msg(vm, &al_KeyError, "x"));
        al_print(vm, "%v %v %r", l, al_exc_new(vm, &al_KeyError, al_int(1)), al_exc_new(vm, &al_KeyError, al_int(1)));
    }
    al_print(vm, "%v %v %v %v %v %v %v %v", al_float(-0.0), al_float(1e16), al_float(1e-5), al_float(123456789.123),
             al_float(__builtin_inf()), al_float(-__builtin_inf()), al_float(0.1 + 0.2), al_float(2.5e-10));
    {
        al_value l = al_list_new(vm, 6);
        al_list_append(vm, l, al_float(1.0));
        al_list_append(vm, l, al_bool(true));
        al_list_append(vm, l, al_none());
        al_list_append(vm, l, al_cstr(vm, "s'q"));
        al_list_append(vm, l, al_cstr(vm, "d\"q"));
        al_list_append(vm, l, al_cstr(vm, "both'\""));
        al_print(vm, "%v %v %v", l, al_tuple(vm, 1, al_int(1)), al_tuple(vm, 0));
    }
    al_print(vm, "%v %v %v", al_exc_noarg(vm, &al_TimeoutError), al_exc_msg(vm, &al_CancelledError, "m"),
             al_exc_args(vm, &al_OSError, 2, al_int(2), al_cstr(vm, "No such file")));
    al_print(vm, "%r %v", al_exc_args(vm, &al_OSError, 2, al_int(2), al_cstr(vm, "No such file")),
             al_exc_msg(vm, &al_OSError, "one"));
    {
        static const int errnos[] = {1, 3, 4, 10, 11, 13, 17, 20, 21, 32, 104, 110, 999};
        for (size_t i = 0; i < sizeof errnos / sizeof errnos[0]; i++) {
            al_value e = al_exc_args(vm, &al_OSError, 2, al_int(errnos[i]), al_cstr(vm, "why"));
            al_print(vm, "%s %v %v", al_type_name(e), e, al_bool(al_exc_isa(e, &al_OSError)));
        }
    }
    {
        al_value l = al_list_new(vm, 2), eg, inner, l2 = al_list_new(vm, 1), eg2;
        al_list_append(vm, l, al_exc_new(vm, &al_ValueError, al_int(1)));
        al_list_append(vm, l, al_exc_new(vm, &al_KeyError, al_int(2)));
        al_exc_group(vm, &al_ExceptionGroup, al_cstr(vm, "eg"), l, &eg);
        al_print(vm, "%v", eg);
        al_list_append(vm, l2, al_exc_new(vm, &al_KeyError, al_int(2)));
        al_exc_group(vm, &al_ExceptionGroup, al_cstr(vm, "in"), l2, &inner);
        al_value l3 = al_list_new(vm, 2);
        al_list_append(vm, l3, al_exc_new(vm, &al_ValueError, al_int(1)));
        al_list_append(vm, l3, inner);
        al_exc_group(vm, &al_ExceptionGroup, al_cstr(vm, "eg"), l3, &eg2);
        al_print(vm, "%r", eg2);
    }
    al_print(vm, "%v %r", al_exc_new(vm, &al_StopIteration, al_int(5)), al_exc_noarg(vm, &al_StopIteration));
    al_print(vm, "%v %v", al_exc_msg(vm, &al_InvalidStateError, "x"), al_exc_noarg(vm, &al_QueueFull));
    al_print(vm, "%v %v %v %v", al_int(1000000000000000000), al_int(-4), al_float(3.5), al_float(1.0 / 3));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
