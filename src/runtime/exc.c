/*
 * exc.c: exception types and instances.
 *
 * Types form a tree through their base pointers, as Python's classes do, so
 * that "except Exception" catches a ValueError but not a CancelledError
 * (a BaseException since Python 3.8) or a GeneratorExit.
 */
#include "al_internal.h"

#include <stdarg.h>
#include <string.h>

#define AL_EXC_TYPE(var, n, b) const al_exc_type var = {.name = (n), .base = (b)}
/* A type that Python's report names with its module (traceback prints
 * "asyncio.exceptions.CancelledError: ..." but "ValueError: ..."). */
#define AL_EXC_TYPE_IN(var, m, n, b) const al_exc_type var = {.name = (n), .base = (b), .module = (m)}

AL_EXC_TYPE(al_BaseException, "BaseException", NULL);
AL_EXC_TYPE(al_Exception, "Exception", &al_BaseException);
AL_EXC_TYPE(al_GeneratorExit, "GeneratorExit", &al_BaseException);
AL_EXC_TYPE_IN(al_CancelledError, "asyncio.exceptions", "CancelledError", &al_BaseException);
AL_EXC_TYPE(al_StopIteration, "StopIteration", &al_Exception);
AL_EXC_TYPE(al_StopAsyncIteration, "StopAsyncIteration", &al_Exception);
AL_EXC_TYPE(al_ArithmeticError, "ArithmeticError", &al_Exception);
AL_EXC_TYPE(al_ZeroDivisionError, "ZeroDivisionError", &al_ArithmeticError);
AL_EXC_TYPE(al_LookupError, "LookupError", &al_Exception);
AL_EXC_TYPE(al_KeyError, "KeyError", &al_LookupError);
AL_EXC_TYPE(al_IndexError, "IndexError", &al_LookupError);
AL_EXC_TYPE(al_ValueError, "ValueError", &al_Exception);
AL_EXC_TYPE(al_TypeError, "TypeError", &al_Exception);
AL_EXC_TYPE(al_RuntimeError, "RuntimeError", &al_Exception);
AL_EXC_TYPE(al_RecursionError, "RecursionError", &al_RuntimeError);
AL_EXC_TYPE(al_AssertionError, "AssertionError", &al_Exception);
/* The OSError tree as Python 3.11 has it: asyncio's TimeoutError is the
 * builtin one, an OSError, and so are the connection errors. */
AL_EXC_TYPE(al_OSError, "OSError", &al_Exception);
AL_EXC_TYPE(al_TimeoutError, "TimeoutError", &al_OSError);
AL_EXC_TYPE(al_ConnectionError, "ConnectionError", &al_OSError);
AL_EXC_TYPE(al_BrokenPipeError, "BrokenPipeError", &al_ConnectionError);
AL_EXC_TYPE(al_ConnectionAbortedError, "ConnectionAbortedError", &al_ConnectionError);
AL_EXC_TYPE(al_ConnectionRefusedError, "ConnectionRefusedError", &al_ConnectionError);
AL_EXC_TYPE(al_ConnectionResetError, "ConnectionResetError", &al_ConnectionError);
AL_EXC_TYPE(al_BlockingIOError, "BlockingIOError", &al_OSError);
AL_EXC_TYPE(al_ChildProcessError, "ChildProcessError", &al_OSError);
AL_EXC_TYPE(al_FileExistsError, "FileExistsError", &al_OSError);
AL_EXC_TYPE(al_FileNotFoundError, "FileNotFoundError", &al_OSError);
AL_EXC_TYPE(al_InterruptedError, "InterruptedError", &al_OSError);
AL_EXC_TYPE(al_IsADirectoryError, "IsADirectoryError", &al_OSError);
AL_EXC_TYPE(al_NotADirectoryError, "NotADirectoryError", &al_OSError);
AL_EXC_TYPE(al_PermissionError, "PermissionError", &al_OSError);
AL_EXC_TYPE(al_ProcessLookupError, "ProcessLookupError", &al_OSError);
AL_EXC_TYPE_IN(al_InvalidStateError, "asyncio.exceptions", "InvalidStateError", &al_Exception);
AL_EXC_TYPE_IN(al_QueueEmpty, "asyncio.queues", "QueueEmpty", &al_Exception);
AL_EXC_TYPE_IN(al_QueueFull, "asyncio.queues", "QueueFull", &al_Exception);

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

/* oserror_subtype is OSError's constructor choosing a subclass by errno,
 * as OSError(104, 'reset') makes a ConnectionResetError: only OSError
 * itself does it, and only for an int errno among two to five arguments.
 * The errno values are Linux's, as the twins run there. */
static const al_exc_type *oserror_subtype(const al_exc_type *t, al_value args)
{
    static const struct { int64_t err; const al_exc_type *type; } map[] = {
        {32, &al_BrokenPipeError}, {108, &al_BrokenPipeError},
        {103, &al_ConnectionAbortedError}, {111, &al_ConnectionRefusedError},
        {104, &al_ConnectionResetError}, {110, &al_TimeoutError},
        {11, &al_BlockingIOError}, {114, &al_BlockingIOError}, {115, &al_BlockingIOError},
        {10, &al_ChildProcessError}, {17, &al_FileExistsError}, {2, &al_FileNotFoundError},
        {4, &al_InterruptedError}, {21, &al_IsADirectoryError}, {20, &al_NotADirectoryError},
        {13, &al_PermissionError}, {1, &al_PermissionError}, {3, &al_ProcessLookupError},
    };
    if (t != &al_OSError || al_len(args) < 2 || al_len(args) > 5 || al_item(args, 0).type != AL_INT)
        return t;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].err == al_item(args, 0).u.i)
            return map[i].type;
    return t;
}

/* al_exc_args makes t(*args).  One argument is stored bare, as
 * al_exc_new does; none or several as the tuple args.  O(n). */
al_value al_exc_args(al_vm *vm, const al_exc_type *t, size_t n, ...)
{
    if (n == 0)
        return al_exc_noarg(vm, t);
    va_list ap;
    va_start(ap, n);
    al_value args = al_tuple_new(vm, n);
    for (size_t i = 0; i < n; i++)
        al_list_append(vm, args, va_arg(ap, al_value));
    va_end(ap);
    if (n == 1)
        return al_exc_new(vm, t, al_item(args, 0));
    al_value e = al_exc_new(vm, oserror_subtype(t, args), args);
    e.u.exc->args_tuple = true;
    return e;
}

/* al_exc_args_of is e.args.  O(1), or O(n) to copy nothing: the tuple of
 * a one-argument exception is built on demand. */
al_value al_exc_args_of(al_vm *vm, al_value e)
{
    const al_exc *x = e.u.exc;
    if (x->args_tuple && al__oserror_named(e))
        return al_tuple(vm, 2, al_item(x->arg, 0), al_item(x->arg, 1));
    if (x->args_tuple)
        return x->arg;
    return x->has_arg ? al_tuple(vm, 1, x->arg) : al_tuple_new(vm, 0);
}

/* al__oserror_named: is e an OSError made with a filename (three to five
 * arguments)?  Its args then keep only errno and strerror. */
bool al__oserror_named(al_value e)
{
    const al_exc *x = e.u.exc;
    return x->args_tuple && al_len(x->arg) >= 3 && al_len(x->arg) <= 5 && al_exc_isa(e, &al_OSError);
}

/* al_raise_from is "raise exc from cause": the cause is recorded and the
 * context is no longer shown, even with "from None". */
al_value al_raise_from(al_value exc, al_value cause)
{
    exc.u.exc->cause = cause.type == AL_EXC ? cause.u.exc : NULL;
    exc.u.exc->suppress_context = true;
    return exc;
}

/* al_exc_chain is the implicit chaining of a raise inside an except
 * block.  Like CPython, it cuts a cycle the new link would close by
 * clearing the older context that points back at exc.  O(chain). */
al_value al_exc_chain(al_value exc, al_value handling)
{
    if (exc.type != AL_EXC || handling.type != AL_EXC || exc.u.exc == handling.u.exc)
        return exc;
    for (al_exc *o = handling.u.exc; o && o->context; o = o->context)
        if (o->context == exc.u.exc) {
            o->context = NULL;
            break;
        }
    exc.u.exc->context = handling.u.exc;
    return exc;
}

/* report_one appends "Type: message" (just "Type" when str() is empty),
 * the module in front for a type that Python names with it. */
static void report_one(al_buf *b, const al_exc *e)
{
    al_value v = {.type = AL_EXC, .u.exc = (al_exc *)e};
    if (e->type->module)
        al_buf_printf(b, "%s.", e->type->module);
    al_buf_puts(b, e->type->name);
    size_t at = b->len;
    al_buf_puts(b, ": ");
    size_t text = b->len;
    al_str_of(b, v);
    if (b->len == text)
        b->len = at;
    al_buf_putc(b, '\n');
}

/* report_chain is traceback.TracebackException's walk: the cause, else
 * the context unless suppressed, each printed before the exception it
 * led to.  depth stops a chain that loops back on itself, as traceback
 * stops at an exception it has already seen. */
static void report_chain(al_buf *b, const al_exc *e, int depth)
{
    if (depth < 64 && e->cause) {
        report_chain(b, e->cause, depth + 1);
        al_buf_puts(b, "\nThe above exception was the direct cause of the following exception:\n\n");
    } else if (depth < 64 && e->context && !e->suppress_context) {
        report_chain(b, e->context, depth + 1);
        al_buf_puts(b, "\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    report_one(b, e);
}

/* al_exc_report: see asynclab.h.  O(chain length). */
void al_exc_report(al_buf *b, al_value exc)
{
    if (exc.type == AL_EXC)
        report_chain(b, exc.u.exc, 0);
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

/* al_exc_subclass is issubclass(k, t).  It walks the first base in a
 * loop and recurses only into a second base (ExceptionGroup's), so the
 * cost is O(number of classes above k). */
bool al_exc_subclass(const al_exc_type *k, const al_exc_type *t)
{
    for (; k; k = k->base) {
        if (k == t || (k->base2 && al_exc_subclass(k->base2, t)))
            return true;
    }
    return false;
}

/* al_exc_isa walks e's type up to the root. */
bool al_exc_isa(al_value e, const al_exc_type *t)
{
    return e.type == AL_EXC && al_exc_subclass(e.u.exc->type, t);
}
