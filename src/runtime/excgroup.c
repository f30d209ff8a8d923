/*
 * excgroup.c: BaseExceptionGroup and ExceptionGroup (PEP 654), and the
 * splitting that "except*" does.
 *
 * A group is an exception whose two arguments (e.args) are its message
 * and the sequence of exceptions it was given; repr() shows both, as
 * Python's does, and str() is "msg (N sub-exceptions)".  The constructor applies
 * CPython's rules: BaseExceptionGroup of Exceptions only is really an
 * ExceptionGroup, and an ExceptionGroup refuses a BaseException.
 * split() walks nested groups and rebuilds each level with derive(), so a
 * split group keeps the shape of the original.  Costs are O(number of
 * exceptions in the whole tree).
 */
#include "al_internal.h"

const al_exc_type al_BaseExceptionGroup = {.name = "BaseExceptionGroup", .base = &al_BaseException};
const al_exc_type al_ExceptionGroup = {
    .name = "ExceptionGroup", .base = &al_BaseExceptionGroup, .base2 = &al_Exception};

bool al_exc_is_group(al_value e) { return al_exc_isa(e, &al_BaseExceptionGroup); }

/* the group's (message, exceptions) argument tuple, e.args */
static al_seq *group_args(al_value eg)
{
    AL_ASSERT(al_exc_is_group(eg) && eg.u.exc->args_tuple);
    return eg.u.exc->arg.u.seq;
}

al_value al_exc_group_message(al_value eg) { return group_args(eg)->items[0]; }
size_t al_exc_group_count(al_value eg) { return al_len(group_args(eg)->items[1]); }
al_value al_exc_group_item(al_value eg, size_t i) { return al_item(group_args(eg)->items[1], i); }

/* al_exc_group_exceptions is eg.exceptions: always a tuple.  O(n). */
al_value al_exc_group_exceptions(al_vm *vm, al_value eg)
{
    size_t n = al_exc_group_count(eg);
    al_value t = al_tuple_new(vm, n);
    for (size_t i = 0; i < n; i++)
        al_list_append(vm, t, al_exc_group_item(eg, i));
    return t;
}

/* check_args applies BaseExceptionGroup.__new__'s checks, in its order,
 * and returns the error, or None. */
static al_value check_args(al_vm *vm, al_value msg, al_value excs)
{
    if (msg.type != AL_STR)
        return al_exc_new(vm, &al_TypeError, al_strf(vm,
            "BaseExceptionGroup.__new__() argument 1 must be str, not %s", al_type_name(msg)));
    if (excs.type != AL_LIST && excs.type != AL_TUPLE)
        return al_exc_msg(vm, &al_TypeError, "second argument (exceptions) must be a sequence");
    if (al_len(excs) == 0)
        return al_exc_msg(vm, &al_ValueError, "second argument (exceptions) must be a non-empty sequence");
    for (size_t i = 0; i < al_len(excs); i++)
        if (al_item(excs, i).type != AL_EXC)
            return al_exc_new(vm, &al_ValueError, al_strf(vm,
                "Item %d of second argument (exceptions) is not an exception", (int)i));
    return al_none();
}

/* al_exc_group is t(msg, excs) for t BaseExceptionGroup, ExceptionGroup
 * or a user subclass of either. */
al_signal al_exc_group(al_vm *vm, const al_exc_type *t, al_value msg, al_value excs, al_value *out)
{
    AL_ASSERT(t != NULL);
    *out = check_args(vm, msg, excs);
    if (!al_is_none(*out))
        return AL_RAISED;
    bool all_exceptions = true;
    for (size_t i = 0; i < al_len(excs); i++)
        all_exceptions = all_exceptions && al_exc_isa(al_item(excs, i), &al_Exception);
    if (t == &al_BaseExceptionGroup && all_exceptions) {
        t = &al_ExceptionGroup;
    } else if (!all_exceptions && al_exc_subclass(t, &al_Exception)) {
        *out = al_exc_msg(vm, &al_TypeError, "Cannot nest BaseExceptions in an ExceptionGroup");
        return AL_RAISED;
    }
    *out = al_exc_args(vm, t, 2, msg, excs); /* repr: Name('msg', [...]) */
    return AL_RETURNED;
}

/* derive is BaseExceptionGroup.derive(excs) plus what split() copies
 * over: the same message, the new list, the old cause and context. */
static al_value derive(al_vm *vm, al_value eg, al_value excs)
{
    al_value r;
    al_signal s = al_exc_group(vm, &al_BaseExceptionGroup, al_exc_group_message(eg), excs, &r);
    AL_ASSERT(s == AL_RETURNED); /* the items came out of a valid group */
    r.u.exc->context = eg.u.exc->context;
    r.u.exc->cause = eg.u.exc->cause;
    r.u.exc->suppress_context = eg.u.exc->suppress_context;
    return r;
}

/* al_exc_group_split is eg.split(t): the part whose leaves are t's, and
 * the rest, each None when empty.  A group that is itself a t matches
 * whole. */
void al_exc_group_split(al_vm *vm, al_value eg, const al_exc_type *t, al_value *match, al_value *rest)
{
    *match = *rest = al_none();
    if (al_exc_isa(eg, t)) {
        *match = eg;
        return;
    }
    al_value ms = al_list_new(vm, 0), rs = al_list_new(vm, 0);
    for (size_t i = 0; i < al_exc_group_count(eg); i++) {
        al_value e = al_exc_group_item(eg, i), m = al_none(), r = al_none();
        if (al_exc_is_group(e))
            al_exc_group_split(vm, e, t, &m, &r);
        else if (al_exc_isa(e, t))
            m = e;
        else
            r = e;
        if (!al_is_none(m))
            al_list_append(vm, ms, m);
        if (!al_is_none(r))
            al_list_append(vm, rs, r);
    }
    if (al_len(ms))
        *match = derive(vm, eg, ms);
    if (al_len(rs))
        *rest = derive(vm, eg, rs);
}

/* al_exc_group_subgroup is eg.subgroup(t). */
al_value al_exc_group_subgroup(al_vm *vm, al_value eg, const al_exc_type *t)
{
    al_value m, r;
    al_exc_group_split(vm, eg, t, &m, &r);
    return m;
}

/* al_except_star is one "except* t as eg" clause on g's pending
 * exception: a group is split, the rest staying pending; a plain
 * exception that is a t is taken whole and wrapped as CPython wraps it,
 * in a group with message '' and a one-item tuple. */
al_value al_except_star(al_gen *g, const al_exc_type *t)
{
    al_value e = g->exc, m, r;
    if (e.type != AL_EXC)
        return al_none();
    if (!al_exc_is_group(e)) {
        if (!al_exc_isa(e, t))
            return al_none();
        g->exc = al_none();
        al_exc_group(g->vm, &al_BaseExceptionGroup, al_cstr_static(g->vm, ""),
                     al_tuple(g->vm, 1, e), &m);
        return m;
    }
    al_exc_group_split(g->vm, e, t, &m, &r);
    if (!al_is_none(m))
        g->exc = r;
    return m;
}

/* al__exc_group_str appends str(eg): "msg (N sub-exceptions)". */
void al__exc_group_str(al_buf *b, al_value eg)
{
    size_t n = al_exc_group_count(eg);
    al_str_of(b, al_exc_group_message(eg));
    al_buf_printf(b, " (%zu sub-exception%s)", n, n == 1 ? "" : "s");
}
