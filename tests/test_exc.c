/*
 * test_exc.c: unit tests of exc.c (the exception type tree, instances,
 * user-defined types).
 *
 * The class chains below are CPython 3.11's __mro__ for each type (without
 * 'object'), printed by python3 3.11.7 and pasted here.
 */
#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>


/* t.__mro__ joined with spaces, from CPython 3.11. */
static const struct {
    const al_exc_type *t;
    const char *mro;
} mro_cases[] = {
    {&al_BaseException, "BaseException"},
    {&al_Exception, "Exception BaseException"},
    {&al_CancelledError, "CancelledError BaseException"},
    {&al_GeneratorExit, "GeneratorExit BaseException"},
    {&al_StopIteration, "StopIteration Exception BaseException"},
    {&al_ArithmeticError, "ArithmeticError Exception BaseException"},
    {&al_ZeroDivisionError, "ZeroDivisionError ArithmeticError Exception BaseException"},
    {&al_LookupError, "LookupError Exception BaseException"},
    {&al_KeyError, "KeyError LookupError Exception BaseException"},
    {&al_IndexError, "IndexError LookupError Exception BaseException"},
    {&al_ValueError, "ValueError Exception BaseException"},
    {&al_TypeError, "TypeError Exception BaseException"},
    {&al_RuntimeError, "RuntimeError Exception BaseException"},
    {&al_InvalidStateError, "InvalidStateError Exception BaseException"},
    {&al_QueueEmpty, "QueueEmpty Exception BaseException"},
    {&al_QueueFull, "QueueFull Exception BaseException"},
};

START_TEST(test_mro)
{
    char chain[256] = "";
    for (const al_exc_type *k = mro_cases[_i].t; k; k = k->base) {
        if (chain[0])
            strcat(chain, " ");
        strcat(chain, k->name);
    }
    ck_assert_str_eq(chain, mro_cases[_i].mro);
}
END_TEST

START_TEST(test_isa_tree)
{
    al_value cancelled = al_exc_noarg(vm, &al_CancelledError);
    ck_assert(al_exc_isa(cancelled, &al_BaseException));
    ck_assert(al_exc_isa(cancelled, &al_CancelledError));
    ck_assert(!al_exc_isa(cancelled, &al_Exception)); /* since Python 3.8 */

    al_value gexit = al_exc_noarg(vm, &al_GeneratorExit);
    ck_assert(al_exc_isa(gexit, &al_BaseException));
    ck_assert(!al_exc_isa(gexit, &al_Exception));

    al_value zde = al_exc_msg(vm, &al_ZeroDivisionError, "division by zero");
    ck_assert(al_exc_isa(zde, &al_ArithmeticError));
    ck_assert(al_exc_isa(zde, &al_Exception));
    ck_assert(!al_exc_isa(zde, &al_LookupError));
    ck_assert(!al_exc_isa(zde, &al_ValueError));

    al_value ke = al_exc_msg(vm, &al_KeyError, "k");
    ck_assert(al_exc_isa(ke, &al_LookupError));
    ck_assert(!al_exc_isa(ke, &al_IndexError));

    /* asyncio.TimeoutError is builtins.TimeoutError in 3.11: an Exception */
    ck_assert(al_exc_isa(al_exc_noarg(vm, &al_TimeoutError), &al_Exception));
    ck_assert_str_eq(al_TimeoutError.name, "TimeoutError");

    /* a base is not an instance of its subclass */
    ck_assert(!al_exc_isa(al_exc_noarg(vm, &al_ArithmeticError), &al_ZeroDivisionError));
    ck_assert(!al_exc_isa(al_exc_noarg(vm, &al_Exception), &al_ValueError));
    ck_assert(!al_exc_isa(al_exc_noarg(vm, &al_ValueError), &al_TypeError));
}
END_TEST

START_TEST(test_isa_non_exception)
{
    ck_assert(!al_exc_isa(al_none(), &al_BaseException));
    ck_assert(!al_exc_isa(al_int(1), &al_BaseException));
    ck_assert(!al_exc_isa(al_cstr(vm, "ValueError"), &al_ValueError));
}
END_TEST

START_TEST(test_instances)
{
    al_value e = al_exc_msg(vm, &al_ValueError, "bad");
    ck_assert_int_eq(e.type, AL_EXC);
    ck_assert_ptr_eq(e.u.exc->type, &al_ValueError);
    ck_assert(e.u.exc->has_arg);
    ck_assert_int_eq(e.u.exc->arg.type, AL_STR);
    ck_assert_str_eq(e.u.exc->arg.u.s->data, "bad");
    ck_assert_ptr_null(e.u.exc->context);

    al_value n = al_exc_noarg(vm, &al_GeneratorExit);
    ck_assert_ptr_eq(n.u.exc->type, &al_GeneratorExit);
    ck_assert(!n.u.exc->has_arg);

    /* ValueError(None) has an argument, which is None */
    al_value v = al_exc_new(vm, &al_ValueError, al_none());
    ck_assert(v.u.exc->has_arg);
    ck_assert(al_is_none(v.u.exc->arg));

    al_value si = al_exc_new(vm, &al_StopIteration, al_int(3));
    ck_assert_int_eq(si.u.exc->arg.type, AL_INT);
    ck_assert_int_eq(si.u.exc->arg.u.i, 3);

    /* each call makes a distinct instance */
    ck_assert_ptr_ne(al_exc_msg(vm, &al_ValueError, "bad").u.exc, e.u.exc);
}
END_TEST

START_TEST(test_user_types)
{
    char name[16];
    strcpy(name, "MyError");
    const al_exc_type *a = al_exc_type_new(vm, name, NULL);
    ck_assert_ptr_nonnull(a);
    /* the name is copied: changing the caller's buffer changes nothing */
    strcpy(name, "Changed");
    ck_assert_str_eq(a->name, "MyError");
    /* class MyError(Exception): the default base is Exception */
    ck_assert_ptr_eq(a->base, &al_Exception);
    al_value e = al_exc_msg(vm, a, "m");
    ck_assert(al_exc_isa(e, a));
    ck_assert(al_exc_isa(e, &al_Exception));
    ck_assert(!al_exc_isa(e, &al_ValueError));
    ck_assert(!al_exc_isa(al_exc_noarg(vm, &al_ValueError), a));

    /* same name, same type */
    ck_assert_ptr_eq(al_exc_type_new(vm, "MyError", NULL), a);
    /* different name, different type */
    const al_exc_type *b = al_exc_type_new(vm, "Other", NULL);
    ck_assert_ptr_ne(b, a);
    ck_assert(!al_exc_isa(al_exc_noarg(vm, b), a));
    ck_assert_ptr_eq(al_exc_type_new(vm, "MyError", NULL), a);
    ck_assert_ptr_eq(al_exc_type_new(vm, "Other", NULL), b);

    /* class Sub(ValueError) */
    const al_exc_type *sub = al_exc_type_new(vm, "Sub", &al_ValueError);
    ck_assert_ptr_eq(sub->base, &al_ValueError);
    al_value s = al_exc_noarg(vm, sub);
    ck_assert(al_exc_isa(s, &al_ValueError));
    ck_assert(al_exc_isa(s, &al_Exception));
    ck_assert(al_exc_isa(s, sub));

    /* a class under a user class */
    const al_exc_type *leaf = al_exc_type_new(vm, "Leaf", a);
    ck_assert(al_exc_isa(al_exc_noarg(vm, leaf), a));
    ck_assert(!al_exc_isa(e, leaf));
}
END_TEST

START_TEST(test_user_types_per_vm)
{
    al_vm *other = al_vm_new(NULL);
    ck_assert_ptr_nonnull(other);
    const al_exc_type *a = al_exc_type_new(vm, "MyError", NULL);
    const al_exc_type *b = al_exc_type_new(other, "MyError", NULL);
    ck_assert_ptr_ne(a, b);
    ck_assert_str_eq(b->name, "MyError");
    al_vm_free(other);
    /* vm's type is untouched by freeing the other vm */
    ck_assert_str_eq(a->name, "MyError");
    ck_assert_ptr_eq(al_exc_type_new(vm, "MyError", NULL), a);
}
END_TEST

static Suite *exc_suite(void)
{
    Suite *s = suite_create("exc");
    TCase *tc = tcase_create("tree");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_loop_test(tc, test_mro, 0, (int)(sizeof mro_cases / sizeof mro_cases[0]));
    tcase_add_test(tc, test_isa_tree);
    tcase_add_test(tc, test_isa_non_exception);
    suite_add_tcase(s, tc);

    tc = tcase_create("instances");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_instances);
    tcase_add_test(tc, test_user_types);
    tcase_add_test(tc, test_user_types_per_vm);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(exc_suite)
