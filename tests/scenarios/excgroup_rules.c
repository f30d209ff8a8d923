/* ExceptionGroup by PEP 654's rules, inside a task: what the constructor
 * refuses, a BaseExceptionGroup of plain Exceptions being an
 * ExceptionGroup, split() and subgroup() keeping the nesting (and giving
 * back the group itself when everything matches), and except* wrapping a
 * naked exception in a group with an empty message. */
#include "scenario.h"
#include "lesson_forms.h"

static void attempt(al_vm *vm, const char *label, const al_exc_type *t, al_value msg, al_value excs)
{
    al_value eg;
    if (al_exc_group(vm, t, msg, excs, &eg) == AL_RETURNED)
        al_print(vm, "%s -> %s %r", label, al_type_name(eg), eg);
    else
        al_print(vm, "%s raised %r", label, eg);
}

/* ExceptionGroup(msg, [excs...]) for a group known to be valid */
static al_value group(al_vm *vm, const char *msg, al_value excs)
{
    al_value eg;
    al_exc_group(vm, &al_ExceptionGroup, al_cstr(vm, msg), excs, &eg);
    return eg;
}

AL_ASYNC_DEF(failing, al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    AL_RAISE(al_exc_msg(vm, &al_KeyError, "naked"));
AL_END

AL_ASYNC_DEF(main, al_value eg;)
    {
        al_value m = al_cstr(vm, "m"), cancelled = al_exc_noarg(vm, &al_CancelledError);
        attempt(vm, "empty list", &al_ExceptionGroup, m, al_list_new(vm, 0));
        attempt(vm, "not a sequence", &al_ExceptionGroup, m, al_none());
        attempt(vm, "an int inside", &al_ExceptionGroup, m,
                al_list(vm, 2, al_exc_new(vm, &al_ValueError, al_int(1)), al_int(2)));
        attempt(vm, "message not str", &al_ExceptionGroup, al_int(3),
                al_list(vm, 1, al_exc_new(vm, &al_ValueError, al_int(1))));
        attempt(vm, "CancelledError inside", &al_ExceptionGroup, m, al_list(vm, 1, cancelled));
        attempt(vm, "base group of plain", &al_BaseExceptionGroup, m,
                al_list(vm, 1, al_exc_new(vm, &al_ValueError, al_int(1))));
        attempt(vm, "base group with base", &al_BaseExceptionGroup, m, al_list(vm, 1, cancelled));
    }

    f->eg = group(vm, "outer", al_list(vm, 3, al_exc_new(vm, &al_ValueError, al_int(1)),
                                      group(vm, "inner", al_list(vm, 2, al_exc_new(vm, &al_KeyError, al_int(2)),
                                                                 al_exc_new(vm, &al_ValueError, al_int(3)))),
                                      al_exc_new(vm, &al_TypeError, al_int(4))));
    {
        al_value match, rest;
        al_exc_group_split(vm, f->eg, &al_ValueError, &match, &rest);
        al_print(vm, "split ValueError: %r | %r", match, rest);
        al_exc_group_split(vm, f->eg, &al_LookupError, &match, &rest);
        al_print(vm, "split LookupError: %r | %r", match, rest);
        al_value all = al_exc_group_subgroup(vm, f->eg, &al_Exception);
        al_print(vm, "subgroup Exception is eg: %v", al_bool(all.type == AL_EXC && all.u.exc == f->eg.u.exc));
        al_print(vm, "subgroup OSError: %v", al_exc_group_subgroup(vm, f->eg, &al_OSError));
        al_print(vm, "message %r count %D", al_exc_group_message(f->eg), (int64_t)al_exc_group_count(f->eg));
    }

    AL_YIELD_FROM_TRY(g, AL_CALL(failing), g->io);
    {
        al_value caught = al_except_star(g, &al_KeyError);
        if (!al_is_none(caught))
            al_print(vm, "except* caught %r message %r", caught, al_exc_group_message(caught));
    }
    AL_PROPAGATE(g);
    AL_TRY {
        g->exc = f->eg; /* raise eg */
        {
            al_value handled = al_except_star(g, &al_ValueError);
            if (!al_is_none(handled))
                al_print(vm, "handled %r", handled);
        }
        AL_CHECK(g->exc); /* what no except* clause took is raised again */
    } AL_EXCEPT(al_ExceptionGroup, left) {
        al_print(vm, "left over %r", left);
    } AL_END_TRY;
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
