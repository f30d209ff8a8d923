/*
 * test_forms.c: the authoring forms of lesson.h (AL_DEF, AL_AWAIT, AL_TRY
 * and the value accessors), each against what Python does with the same
 * program, quoted above the test.
 */
#include "unit.h"
#include "lesson_forms.h"

/* def gen(): try: yield 1; print("after") / except ValueError as e:
 * print("caught", e) / finally: print("finally") / print("end"); yield 2 */
AL_DEF(catcher)
    AL_TRY {
        AL_YIELD(al_int(1));
        al_print(vm, "after");
    } AL_EXCEPT(al_ValueError, e) {
        al_print(vm, "caught %v", e);
    } AL_FINALLY {
        al_print(vm, "finally");
    } AL_END_TRY;
    al_print(vm, "end");
    AL_YIELD(al_int(2));
AL_END

START_TEST(except_catches_a_thrown_exception_and_goes_on)
{
    al_gen *g = AL_CALL(catcher);
    al_value v;
    ck_assert_int_eq(al_gen_next(g, &v), AL_YIELDED);
    ck_assert_int_eq(al_gen_throw(g, al_exc_msg(vm, &al_ValueError, "bad"), &v), AL_YIELDED);
    ck_assert_int_eq(al_as_int(v), 2);
    ck_assert_str_eq(outputs(), "caught bad|finally|end");
}
END_TEST

START_TEST(an_exception_no_clause_matches_runs_finally_and_leaves)
{
    al_gen *g = AL_CALL(catcher);
    al_value v;
    ck_assert_int_eq(al_gen_next(g, &v), AL_YIELDED);
    ck_assert_int_eq(al_gen_throw(g, al_exc_msg(vm, &al_KeyError, "k"), &v), AL_RAISED);
    ck_assert(al_exc_isa(v, &al_KeyError));
    ck_assert_str_eq(outputs(), "finally");
    ck_assert_str_eq(al_gen_state_name(g), "GEN_CLOSED");
}
END_TEST

START_TEST(no_exception_runs_the_try_block_and_finally)
{
    al_gen *g = AL_CALL(catcher);
    al_value v;
    ck_assert_int_eq(al_gen_next(g, &v), AL_YIELDED);
    ck_assert_int_eq(al_gen_next(g, &v), AL_YIELDED);
    ck_assert_str_eq(outputs(), "after|finally|end");
}
END_TEST

/* def gen(): try: try: yield / return "r" finally: print("inner")
 * except KeyError: print("outer caught") / finally: print("outer") */
AL_DEF(nested)
    AL_TRY {
        AL_TRY {
            AL_YIELD(al_none());
            AL_RETURN(al_cstr(vm, "r"));
        } AL_FINALLY {
            al_print(vm, "inner");
        } AL_END_TRY;
    } AL_EXCEPT(al_KeyError) {
        al_print(vm, "outer caught");
    } AL_FINALLY {
        al_print(vm, "outer");
    } AL_END_TRY;
    al_print(vm, "not reached after a return");
AL_END

START_TEST(return_goes_through_every_finally)
{
    al_gen *g = AL_CALL(nested);
    al_value v;
    ck_assert_int_eq(al_gen_next(g, &v), AL_YIELDED);
    ck_assert_int_eq(al_gen_next(g, &v), AL_RETURNED);
    ck_assert_str_eq(al_as_str(v), "r");
    ck_assert_str_eq(outputs(), "inner|outer");
}
END_TEST

START_TEST(the_nearest_matching_try_catches)
{
    al_gen *g = AL_CALL(nested);
    al_value v;
    ck_assert_int_eq(al_gen_next(g, &v), AL_YIELDED);
    ck_assert_int_eq(al_gen_throw(g, al_exc_noarg(vm, &al_KeyError), &v), AL_RETURNED);
    ck_assert(al_is_none(v));
    ck_assert_str_eq(outputs(), "inner|outer caught|outer|not reached after a return");
}
END_TEST

/* def gen(): try: yield / except ValueError: raise KeyError("k")
 * except KeyError: print("never") / finally: print("finally") */
AL_DEF(reraiser)
    AL_TRY {
        AL_YIELD(al_none());
    } AL_EXCEPT(al_ValueError) {
        AL_RAISE(al_exc_msg(vm, &al_KeyError, "k"));
    } AL_EXCEPT(al_KeyError) {
        al_print(vm, "never");
    } AL_FINALLY {
        al_print(vm, "finally");
    } AL_END_TRY;
AL_END

START_TEST(a_raise_in_a_handler_skips_the_other_handlers)
{
    al_gen *g = AL_CALL(reraiser);
    al_value v;
    ck_assert_int_eq(al_gen_next(g, &v), AL_YIELDED);
    ck_assert_int_eq(al_gen_throw(g, al_exc_noarg(vm, &al_ValueError), &v), AL_RAISED);
    ck_assert(al_exc_isa(v, &al_KeyError));
    ck_assert_str_eq(outputs(), "finally");
}
END_TEST

/* The await forms, in one run:
 *   async def child(): await asyncio.sleep(0); return 7
 *   def plain(): yield
 *   async def main():
 *       fut = loop.create_future(); fut.set_result(1)
 *       print(await fut)                      # done: no suspension
 *       print(await child())                  # a coroutine
 *       print(await asyncio.create_task(child()))   # a task
 *       try: await plain()
 *       except TypeError as e: print(e)
 *       try: await failing_future
 *       except ValueError as e: print(repr(e))
 *       return "done"
 * prints 1|7|7|object generator can't be used in 'await' expression|
 * ValueError('f') and returns 'done'. */
AL_ASYNC_DEF(child, al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    AL_RETURN(al_int(7));
AL_END

AL_DEF(plain)
    AL_YIELD(al_none());
AL_END

AL_ASYNC_DEF(awaiter, al_future *fut; child_frame sub; al_value r;)
    f->fut = al_future_new(vm, "fut");
    al_future_set_result(f->fut, al_int(1));
    AL_AWAIT(f->fut, f->r);
    al_print(vm, "%v", f->r);
    AL_AWAIT(AL_CALL_AT(&f->sub, child), f->r);
    al_print(vm, "%v", f->r);
    AL_AWAIT(al_create_task(vm, AL_CALL(child)), f->r);
    al_print(vm, "%v", f->r);
    AL_TRY {
        AL_AWAIT(AL_CALL(plain));
    } AL_EXCEPT(al_TypeError, e) {
        al_print(vm, "%v", e);
    } AL_END_TRY;
    f->fut = al_future_new(vm, "failing");
    al_future_set_exception(f->fut, al_exc_msg(vm, &al_ValueError, "f"));
    AL_TRY {
        AL_AWAIT(f->fut, f->r);
        al_print(vm, "not reached");
    } AL_EXCEPT(al_ValueError, e) {
        al_print(vm, "%r", e);
    } AL_END_TRY;
    AL_RETURN(al_cstr(vm, "done"));
AL_END

START_TEST(await_takes_a_coroutine_a_task_or_a_future)
{
    al_signal s;
    al_value v;
    ck_assert_int_eq(al_run(vm, AL_CALL(awaiter), &s, &v), AL_RUN_OK);
    ck_assert_int_eq(s, AL_RETURNED);
    ck_assert_str_eq(al_as_str(v), "done");
    ck_assert_str_eq(outputs(), "1|7|7|object generator can't be used in 'await' expression|"
                                "ValueError('f')");
}
END_TEST

/* async def job(f): r = await f; print("job got", r); return r
 * async def main():
 *     f = loop.create_future(); c = job(f)
 *     t1 = create_task(c); await sleep(0); t2 = create_task(c); await sleep(0)
 *     f.set_result(5)
 *     try: await t2
 *     except RuntimeError as e: print(e)
 *     print(await t1)
 *     g = loop.create_future(); d = job(g); d.send(None)
 *     try: await g
 *     except RuntimeError as e: print(e)
 *     d.close()
 * CPython 3.11 prints: job got 5 / cannot reuse already awaited coroutine /
 * 5 / await wasn't used with future.  The second task's step finds the
 * first's future still pending and yields it again (the first task
 * cleared its blocking flag); a future yielded by hand stays blocking. */
AL_ASYNC_DEF(job, al_future *fut; al_value r;)
    AL_AWAIT(f->fut, f->r);
    al_print(vm, "job got %v", f->r);
    AL_RETURN(f->r);
AL_END

AL_ASYNC_DEF(two_tasks, al_future *fut; al_gen *c; al_task *t1, *t2; al_sleep_co s; al_value r;)
    f->fut = al_future_new(vm, "f");
    f->c = AL_CALL(job, .fut = f->fut);
    f->t1 = al_create_task(vm, f->c);
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    f->t2 = al_create_task(vm, f->c);
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_future_set_result(f->fut, al_int(5));
    AL_TRY {
        AL_AWAIT(f->t2);
    } AL_EXCEPT(al_RuntimeError, e) {
        al_print(vm, "%v", e);
    } AL_END_TRY;
    AL_AWAIT(f->t1, f->r);
    al_print(vm, "%v", f->r);
    f->fut = al_future_new(vm, "g");
    f->c = AL_CALL(job, .fut = f->fut);
    al_gen_send(f->c, al_none(), &f->r);
    AL_TRY {
        AL_AWAIT(f->fut);
    } AL_EXCEPT(al_RuntimeError, e) {
        al_print(vm, "%v", e);
    } AL_END_TRY;
    al_gen_close(f->c, &f->r);
AL_END

START_TEST(a_second_task_stepping_a_coroutine_waits_on_its_future_too)
{
    al_signal s;
    al_value v;
    ck_assert_int_eq(al_run(vm, AL_CALL(two_tasks), &s, &v), AL_RUN_OK);
    ck_assert_int_eq(s, AL_RETURNED);
    ck_assert_str_eq(outputs(), "job got 5|cannot reuse already awaited coroutine|5|"
                                "await wasn't used with future");
}
END_TEST

/* Implicit chaining across frames and by throw():
 * def chain(e): " <- ".join of repr(e), repr(e.__context__), ...
 * async def inner():
 *     try: raise TypeError("x")
 *     except TypeError: raise ValueError("v")
 * def gen():
 *     try: raise KeyError("a")
 *     except KeyError: yield 1
 * async def main():
 *     try:
 *         try: raise KeyError("k")
 *         except KeyError: await inner()
 *     except ValueError as e: print(chain(e))
 *     g = gen(); next(g)
 *     try: g.throw(ValueError("t"))
 *     except ValueError as e: print(chain(e))
 * CPython 3.11 prints: ValueError('v') <- TypeError('x') <- KeyError('k') /
 * ValueError('t') <- KeyError('a') */
static al_value chain_of(al_vm *v, al_value e)
{
    al_buf b;
    al_buf_init(&b);
    for (al_exc *x = e.u.exc; x; x = x->context)
        al_format(&b, x == e.u.exc ? "%r" : " <- %r", (al_value){.type = AL_EXC, .u.exc = x});
    al_value s = al_str_new(v, b.data, b.len);
    al_buf_free(&b);
    return s;
}

AL_ASYNC_DEF(ctx_inner)
    AL_TRY {
        AL_RAISE(al_exc_msg(vm, &al_TypeError, "x"));
    } AL_EXCEPT(al_TypeError) {
        AL_RAISE(al_exc_msg(vm, &al_ValueError, "v"));
    } AL_END_TRY;
AL_END

AL_DEF(ctx_gen)
    AL_TRY {
        AL_RAISE(al_exc_msg(vm, &al_KeyError, "a"));
    } AL_EXCEPT(al_KeyError) {
        AL_YIELD(al_int(1));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(ctx_main, al_gen *gen; al_value r;)
    AL_TRY {
        AL_TRY {
            AL_RAISE(al_exc_msg(vm, &al_KeyError, "k"));
        } AL_EXCEPT(al_KeyError) {
            AL_AWAIT(AL_CALL(ctx_inner));
        } AL_END_TRY;
    } AL_EXCEPT(al_ValueError, e) {
        al_print(vm, "%v", chain_of(vm, e));
    } AL_END_TRY;
    f->gen = AL_CALL(ctx_gen);
    al_gen_next(f->gen, &f->r);
    if (al_gen_throw(f->gen, al_exc_msg(vm, &al_ValueError, "t"), &f->r) == AL_RAISED)
        al_print(vm, "%v", chain_of(vm, f->r));
AL_END

START_TEST(a_raise_while_handling_gets_the_handled_exception_as_context)
{
    al_signal s;
    al_value v;
    ck_assert_int_eq(al_run(vm, AL_CALL(ctx_main), &s, &v), AL_RUN_OK);
    ck_assert_int_eq(s, AL_RETURNED);
    ck_assert_str_eq(outputs(), "ValueError('v') <- TypeError('x') <- KeyError('k')|"
                                "ValueError('t') <- KeyError('a')");
}
END_TEST

/* async def main(): q.task_done() on an empty queue raises ValueError,
 * which AL_CHECK raises in the frame and nothing catches. */
AL_ASYNC_DEF(checker, al_queue q;)
    al_queue_init(&f->q, vm, "q", AL_QUEUE_FIFO, 0);
    AL_CHECK(al_queue_task_done(&f->q));
    al_print(vm, "not reached");
AL_END

START_TEST(check_raises_what_a_runtime_call_answers)
{
    al_signal s;
    al_value v;
    ck_assert_int_eq(al_run(vm, AL_CALL(checker), &s, &v), AL_RUN_OK);
    ck_assert_int_eq(s, AL_RAISED);
    ck_assert(al_exc_isa(v, &al_ValueError));
    ck_assert_str_eq(outputs(), "");
}
END_TEST

/* async def cleaner():
 *     try:
 *         await asyncio.sleep(1); return "body"
 *     except asyncio.CancelledError:
 *         await asyncio.sleep(0)
 *         print("handled", type(e).__name__)   # the exception caught
 *         raise
 *     finally:
 *         await asyncio.sleep(0.5); print("clean", loop.time())
 * async def main(cancel):
 *     t = asyncio.create_task(cleaner()); await asyncio.sleep(0.25)
 *     if cancel: t.cancel()
 *     try: print(await t)
 *     except asyncio.CancelledError: print("cancelled")
 * main(False) prints body's "clean 1.5|body"; main(True) prints
 * "handled CancelledError|clean 0.75|cancelled". */
AL_ASYNC_DEF(cleaner, al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
        AL_RETURN(al_cstr(vm, "body"));
    } AL_EXCEPT(al_CancelledError) {
        AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
        al_print(vm, "handled %s", al_type_name(AL_HANDLED()));
        AL_RERAISE();
    } AL_FINALLY {
        AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
        al_print(vm, "clean %g", al_time(vm));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(clean_main, bool cancel; al_task *t; al_sleep_co s; al_value r;)
    f->t = al_create_task(vm, AL_CALL(cleaner));
    AL_AWAIT(al_sleep(&f->s, vm, 0.25, al_none()));
    if (f->cancel)
        al_task_cancel(f->t, al_none());
    AL_TRY {
        AL_AWAIT(f->t, f->r);
        al_print(vm, "%v", f->r);
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "cancelled");
    } AL_END_TRY;
AL_END

START_TEST(a_finally_block_may_await_and_keeps_a_pending_return)
{
    al_signal s;
    al_value v;
    ck_assert_int_eq(al_run(vm, AL_CALL(clean_main, .cancel = false), &s, &v), AL_RUN_OK);
    ck_assert_int_eq(s, AL_RETURNED);
    ck_assert_str_eq(outputs(), "clean 1.5|body");
}
END_TEST

START_TEST(a_handler_may_await_then_reraise_through_an_awaiting_finally)
{
    al_signal s;
    al_value v;
    ck_assert_int_eq(al_run(vm, AL_CALL(clean_main, .cancel = true), &s, &v), AL_RUN_OK);
    ck_assert_int_eq(s, AL_RETURNED);
    ck_assert_str_eq(outputs(), "handled CancelledError|clean 0.75|cancelled");
}
END_TEST

/* async def main(delay):
 *     try:
 *         async with asyncio.timeout(0.5):
 *             await asyncio.sleep(delay); print("in time")
 *         print("after the block")
 *     except TimeoutError: print("timed out", loop.time())
 * main(1) prints "timed out 0.5"; main(0.25) "in time|after the block". */
AL_ASYNC_DEF(with_main, double delay; al_timeout cm; al_sleep_co s;)
    AL_TRY {
        AL_WITH(al_timeout_enter(&f->cm, vm, 0.5)) {
            AL_AWAIT(al_sleep(&f->s, vm, f->delay, al_none()));
            al_print(vm, "in time");
        } AL_END_WITH(al_timeout_exit(&f->cm, AL_PENDING()));
        al_print(vm, "after the block");
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "timed out %g", al_time(vm));
    } AL_END_TRY;
AL_END

START_TEST(async_with_passes_the_leaving_exception_to_the_exit)
{
    al_signal s;
    al_value v;
    ck_assert_int_eq(al_run(vm, AL_CALL(with_main, .delay = 1), &s, &v), AL_RUN_OK);
    ck_assert_int_eq(s, AL_RETURNED);
    ck_assert_str_eq(outputs(), "timed out 0.5");
}
END_TEST

START_TEST(async_with_a_block_that_ends_in_time)
{
    al_signal s;
    al_value v;
    ck_assert_int_eq(al_run(vm, AL_CALL(with_main, .delay = 0.25), &s, &v), AL_RUN_OK);
    ck_assert_int_eq(s, AL_RETURNED);
    ck_assert_str_eq(outputs(), "in time|after the block");
}
END_TEST

START_TEST(accessors_read_values_as_python_converts_them)
{
    ck_assert_int_eq(al_as_int(al_float(2.9)), 2);
    ck_assert_int_eq(al_as_int(al_bool(true)), 1);
    ck_assert(al_as_float(al_int(3)) == 3.0);
    ck_assert_str_eq(al_as_str(al_cstr(vm, "x")), "x");
    ck_assert_str_eq(al_as_str(al_int(1)), "");
    ck_assert(!al_truth(al_none()) && !al_truth(al_list_new(vm, 1)) && al_truth(al_int(-1)));
    ck_assert_str_eq(al_type_name(al_exc_noarg(vm, &al_KeyError)), "KeyError");
    ck_assert_str_eq(al_type_name(al_none()), "NoneType");
    ck_assert_ptr_null(al_as_exc(al_int(1)));
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, except_catches_a_thrown_exception_and_goes_on);
    tcase_add_test(tc, an_exception_no_clause_matches_runs_finally_and_leaves);
    tcase_add_test(tc, no_exception_runs_the_try_block_and_finally);
    tcase_add_test(tc, return_goes_through_every_finally);
    tcase_add_test(tc, the_nearest_matching_try_catches);
    tcase_add_test(tc, a_raise_in_a_handler_skips_the_other_handlers);
    tcase_add_test(tc, await_takes_a_coroutine_a_task_or_a_future);
    tcase_add_test(tc, a_second_task_stepping_a_coroutine_waits_on_its_future_too);
    tcase_add_test(tc, a_raise_while_handling_gets_the_handled_exception_as_context);
    tcase_add_test(tc, check_raises_what_a_runtime_call_answers);
    tcase_add_test(tc, a_finally_block_may_await_and_keeps_a_pending_return);
    tcase_add_test(tc, a_handler_may_await_then_reraise_through_an_awaiting_finally);
    tcase_add_test(tc, async_with_passes_the_leaving_exception_to_the_exit);
    tcase_add_test(tc, async_with_a_block_that_ends_in_time);
    tcase_add_test(tc, accessors_read_values_as_python_converts_them);
}

static Suite *forms_suite(void)
{
    Suite *s = suite_create("forms");
    /* Traced only: outputs() reads the printed lines from the trace. */
    add_tcase(s, "forms", setup, add_tests);
    return s;
}

UNIT_MAIN(forms_suite)
