/*
 * exc.c: exception types and instances.
 *
 * Types form a tree through their base pointers, as Python's classes do, so
 * that "except Exception" catches a ValueError but not a CancelledError
 * (a BaseException since Python 3.8) or a GeneratorExit.
 */
#include "al_internal.h"

#include <string.h>

#define AL_EXC_TYPE(var, name, base) const al_exc_type var = {name, base}

AL_EXC_TYPE(al_BaseException, "BaseException", NULL);
AL_EXC_TYPE(al_Exception, "Exception", &al_BaseException);
AL_EXC_TYPE(al_GeneratorExit, "GeneratorExit", &al_BaseException);
AL_EXC_TYPE(al_CancelledError, "CancelledError", &al_BaseException);
AL_EXC_TYPE(al_StopIteration, "StopIteration", &al_Exception);
AL_EXC_TYPE(al_ArithmeticError, "ArithmeticError", &al_Exception);
AL_EXC_TYPE(al_ZeroDivisionError, "ZeroDivisionError", &al_ArithmeticError);
AL_EXC_TYPE(al_LookupError, "LookupError", &al_Exception);
AL_EXC_TYPE(al_KeyError, "KeyError", &al_LookupError);
AL_EXC_TYPE(al_IndexError, "IndexError", &al_LookupError);
AL_EXC_TYPE(al_ValueError, "ValueError", &al_Exception);
AL_EXC_TYPE(al_TypeError, "TypeError", &al_Exception);
AL_EXC_TYPE(al_RuntimeError, "RuntimeError", &al_Exception);
AL_EXC_TYPE(al_TimeoutError, "TimeoutError", &al_Exception);
AL_EXC_TYPE(al_InvalidStateError, "InvalidStateError", &al_Exception);
AL_EXC_TYPE(al_QueueEmpty, "QueueEmpty", &al_Exception);
AL_EXC_TYPE(al_QueueFull, "QueueFull", &al_Exception);

/* al_exc_new makes an exception of type t with one argument. */
al_value al_exc_new(al_vm *vm, const al_exc_type *t, al_value arg)
{
    al_exc *e = al_alloc(vm, sizeof *e);
    e->type = t;
    e->has_arg = true;
    e->arg = arg;
    al_value v = {.type = AL_EXC, .u.exc = e};
    return v;
}

/* al_exc_noarg makes an exception with no arguments, as t(). */
al_value al_exc_noarg(al_vm *vm, const al_exc_type *t)
{
    al_value v = al_exc_new(vm, t, al_none());
    v.u.exc->has_arg = false;
    return v;
}

/* al_exc_msg makes t(msg) with msg a str. */
al_value al_exc_msg(al_vm *vm, const al_exc_type *t, const char *msg)
{
    return al_exc_new(vm, t, al_cstr(vm, msg));
}

/* al_exc_type_new finds or makes the user type name(base).  O(types). */
const al_exc_type *al_exc_type_new(al_vm *vm, const char *name, const al_exc_type *base)
{
    for (struct al__user_type *u = vm->user_types; u; u = u->next)
        if (strcmp(u->type.name, name) == 0)
            return &u->type;
    struct al__user_type *u = al_alloc(vm, sizeof *u);
    char *copy = al_alloc(vm, strlen(name) + 1);
    strcpy(copy, name);
    u->type.name = copy;
    u->type.base = base ? base : &al_Exception;
    u->next = vm->user_types;
    vm->user_types = u;
    return &u->type;
}

/* al_exc_isa walks e's type up to the root.  O(depth). */
bool al_exc_isa(al_value e, const al_exc_type *t)
{
    if (e.type != AL_EXC)
        return false;
    for (const al_exc_type *k = e.u.exc->type; k; k = k->base)
        if (k == t)
            return true;
    return false;
}
