/*
 * test_misuse.c: what a C author can get wrong, and what the runtime
 * answers: the exception CPython 3.11.7 raises for the same mistake in
 * Python, never an abort.  The twin of each check was run with python3
 * (under tests/harness/vclock.py where a loop is involved), and the
 * repr it printed is quoted beside the check.
 */
#include "unit_async.h"

typedef struct mu_main {
    al_gen g;
    al_gen *c;
    al_future fut;
    al_lock lock;
    al_queue q;
    al_flag ev;
    al_sleep_co sleep;
    al_wait_co wait;
    al_wait_for_co wf;
    al_flag_wait_co fw;
    al_lock_acquire_co la;
    al_future *fs[2];
    al_value r, e;
} mu_main;

/* CHECK_RAISED(sig_expr, repr): the operation raised exactly this. */
#define CHECK_RAISED(expr, want)                                               \
    do {                                                                       \
        al_value got_;                                                         \
        ck_assert_int_eq((expr)(&got_), AL_RAISED);                            \
        ck_assert_str_eq(repr_of(got_), want);                                 \
    } while (0)

/* ---- generators: throw of a non-exception, sends that CPython refuses ----
 *
 * def g(): yield 1
 * gen = g(); next(gen); gen.throw(3)
 *   -> TypeError('exceptions must be classes or instances deriving from
 *      BaseException, not int')
 * async def inner(): return 2
 * co4 = inner(); co4.send(1)
 *   -> TypeError("can't send non-None value to a just-started coroutine")
 * co3 = inner(); await co3 (returns 2); then await co3 / co3.send(None) /
 *   co3.throw(ValueError())
 *   -> RuntimeError('cannot reuse already awaited coroutine'), three times;
 *   co3.close() -> None
 */
static al_signal one_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_YIELD(g, al_int(1));
    AL_GEN_END(g);
}
static const al_gen_def one_gen_def = {"g", one_body, false};

static al_signal two_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_RETURN(g, al_int(2));
    AL_GEN_END(g);
}
static const al_gen_def inner_def = {"inner", two_body, true};

START_TEST(generator_misuse)
{
    al_value r;
    al_gen *gen = al_gen_new(vm, sizeof(al_gen), &one_gen_def);
    ck_assert_int_eq(al_gen_next(gen, &r), AL_YIELDED);
    ck_assert_int_eq(al_gen_throw(gen, al_int(3), &r), AL_RAISED);
    ck_assert_str_eq(repr_of(r), "TypeError('exceptions must be classes or instances deriving from "
                                 "BaseException, not int')");
    ck_assert_int_eq(al_gen_state_of(gen), AL_GEN_SUSPENDED); /* untouched, as in CPython */

    al_gen *co4 = al_gen_new(vm, sizeof(al_gen), &inner_def);
    ck_assert_int_eq(al_gen_send(co4, al_int(1), &r), AL_RAISED);
    ck_assert_str_eq(repr_of(r), "TypeError(\"can't send non-None value to a just-started coroutine\")");

    al_gen *co3 = al_gen_new(vm, sizeof(al_gen), &inner_def);
    ck_assert_int_eq(al_gen_send(co3, al_none(), &r), AL_RETURNED);
    ck_assert_int_eq(al_gen_send(co3, al_none(), &r), AL_RAISED);
    ck_assert_str_eq(repr_of(r), "RuntimeError('cannot reuse already awaited coroutine')");
    ck_assert_int_eq(al_gen_throw(co3, al_exc_noarg(vm, &al_ValueError), &r), AL_RAISED);
    ck_assert_str_eq(repr_of(r), "RuntimeError('cannot reuse already awaited coroutine')");
    ck_assert_int_eq(al_gen_close(co3, &r), AL_RETURNED);
}
END_TEST

/* ---- no running loop ----
 *
 * co = c(); asyncio.create_task(co)   -> RuntimeError('no running event loop')
 * asyncio.get_running_loop()          -> RuntimeError('no running event loop')
 * (a call that returns an object returns NULL here, and al_vm_take_error
 * gives the exception; asyncio.sleep(1) driven by hand raises it)
 */
START_TEST(no_running_loop)
{
    al_gen *co = al_gen_new(vm, sizeof(al_gen), &inner_def);
    ck_assert_ptr_null(al_create_task(vm, co));
    ck_assert_str_eq(repr_of(al_vm_take_error(vm)), "RuntimeError('no running event loop')");
    ck_assert_str_eq(repr_of(al_vm_take_error(vm)), "None");
    ck_assert_ptr_null(al_call_later(vm, 1, NULL, NULL, NULL, "cb"));
    ck_assert_str_eq(repr_of(al_vm_take_error(vm)), "RuntimeError('no running event loop')");
    ck_assert_ptr_null(al_call_soon_handle(vm, NULL, NULL, NULL, "cb"));
    ck_assert_str_eq(repr_of(al_vm_take_error(vm)), "RuntimeError('no running event loop')");
    al_call_soon(vm, NULL, NULL, NULL, "cb");
    ck_assert_str_eq(repr_of(al_vm_take_error(vm)), "RuntimeError('no running event loop')");
    al_sleep_co s;
    al_value r;
    ck_assert_int_eq(al_gen_next(al_sleep(&s, vm, 1, al_none()), &r), AL_RAISED);
    ck_assert_str_eq(repr_of(r), "RuntimeError('no running event loop')");
}
END_TEST

/* ---- futures, locks, queues, and asyncio.run inside a loop ----
 *
 * async def main():
 *     co2 = inner()
 *     asyncio.run(co2)   -> RuntimeError('asyncio.run() cannot be called
 *                           from a running event loop')
 *     await asyncio.wait_for(None, 1) -> TypeError('An asyncio.Future, a
 *                           coroutine or an awaitable is required')
 *     await asyncio.wait([])          -> ValueError('Set of Tasks/Futures is empty.')
 *     f = loop.create_future()
 *     f.result()                      -> InvalidStateError('Result is not set.')
 *     f.exception()                   -> InvalidStateError('Exception is not set.')
 *     f.set_exception(3)              -> TypeError('invalid exception object')
 *     f.cancel(); f.set_result(1)     -> InvalidStateError('invalid state')
 *     f.exception()                   -> CancelledError()
 *     await f                         -> CancelledError()
 *     l = asyncio.Lock(); await l.acquire(); l.release()
 *     l.release()                     -> RuntimeError('Lock is not acquired.')
 *     q = asyncio.Queue(1); q.get_nowait() -> QueueEmpty()
 *     q.put_nowait(1); q.put_nowait(2) -> QueueFull()
 *     q.get_nowait(); q.task_done(); q.task_done()
 *                                     -> ValueError('task_done() called too many times')
 *     asyncio.Semaphore(-1)           -> ValueError('Semaphore initial value must be >= 0')
 *     e = asyncio.Event()
 *     await asyncio.wait_for(e.wait(), -1) -> TimeoutError()
 */
static al_signal result_of(al_value *out);
static al_signal exception_of(al_value *out);
static mu_main *cur;
static al_signal result_of(al_value *out) { return al_future_result(&cur->fut, out); }
static al_signal exception_of(al_value *out) { return al_future_exception(&cur->fut, out); }

static al_signal loop_misuse_body(al_gen *g)
{
    mu_main *m = (mu_main *)g;
    AL_GEN_BEGIN(g);
    cur = m;
    {
        al_signal s;
        al_value r;
        ck_assert_int_eq(al_run(vm, al_gen_new(vm, sizeof(al_gen), &inner_def), &s, &r), AL_RUN_OK);
        ck_assert_int_eq(s, AL_RAISED);
        ck_assert_str_eq(repr_of(r), "RuntimeError('asyncio.run() cannot be called from a running event loop')");
    }
    AL_YIELD_FROM_TRY(g, al_wait_for(&m->wf, vm, NULL, NULL, 1), m->r);
    m->e = al_except(g, &al_TypeError);
    ck_assert_str_eq(repr_of(m->e), "TypeError('An asyncio.Future, a coroutine or an awaitable is required')");
    AL_YIELD_FROM_TRY(g, al_wait(&m->wait, vm, 0, m->fs, AL_NO_TIMEOUT, AL_ALL_COMPLETED), m->r);
    m->e = al_except(g, &al_ValueError);
    ck_assert_str_eq(repr_of(m->e), "ValueError('Set of Tasks/Futures is empty.')");

    al_future_init(&m->fut, vm, "f");
    CHECK_RAISED(result_of, "InvalidStateError('Result is not set.')");
    CHECK_RAISED(exception_of, "InvalidStateError('Exception is not set.')");
    ck_assert_str_eq(repr_of(al_future_set_exception(&m->fut, al_int(3))), "TypeError('invalid exception object')");
    ck_assert(al_future_cancel(&m->fut, al_none()));
    ck_assert_str_eq(repr_of(al_future_set_result(&m->fut, al_int(1))), "InvalidStateError('invalid state')");
    CHECK_RAISED(exception_of, "CancelledError()");
    AL_AWAIT_TRY(g, &m->fut, m->r);
    m->e = al_except(g, &al_CancelledError);
    ck_assert_str_eq(repr_of(m->e), "CancelledError()");

    al_lock_init(&m->lock, vm, "l");
    AL_YIELD_FROM(g, al_lock_acquire(&m->la, &m->lock), m->r);
    ck_assert_str_eq(repr_of(al_lock_release(&m->lock)), "None");
    ck_assert_str_eq(repr_of(al_lock_release(&m->lock)), "RuntimeError('Lock is not acquired.')");

    al_queue_init(&m->q, vm, "q", AL_QUEUE_FIFO, 1);
    ck_assert_int_eq(al_queue_get_nowait(&m->q, &m->r), AL_RAISED);
    ck_assert_str_eq(repr_of(m->r), "QueueEmpty()");
    ck_assert_str_eq(repr_of(al_queue_put_nowait(&m->q, al_int(1))), "None");
    ck_assert_str_eq(repr_of(al_queue_put_nowait(&m->q, al_int(2))), "QueueFull()");
    ck_assert_int_eq(al_queue_get_nowait(&m->q, &m->r), AL_RETURNED);
    ck_assert_str_eq(repr_of(al_queue_task_done(&m->q)), "None");
    ck_assert_str_eq(repr_of(al_queue_task_done(&m->q)), "ValueError('task_done() called too many times')");
    {
        al_semaphore s;
        ck_assert_str_eq(repr_of(al_semaphore_init(&s, vm, "s", -1)),
                         "ValueError('Semaphore initial value must be >= 0')");
    }
    al_flag_init(&m->ev, vm, "e");
    AL_YIELD_FROM_TRY(g, al_wait_for(&m->wf, vm, NULL, al_flag_wait(&m->fw, &m->ev), -1), m->r);
    m->e = al_except(g, &al_TimeoutError);
    ck_assert_str_eq(repr_of(m->e), "TimeoutError()");
    al_print(vm, "done");
    AL_GEN_END(g);
}
static const al_gen_def loop_misuse_def = {"main", loop_misuse_body, true};

START_TEST(loop_misuse)
{
    RUN_OK(mu_main, loop_misuse_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "done");
}
END_TEST

/* ---- a callback that raises something that is not an exception ----
 *
 * def cb(): raise 3   -> TypeError('exceptions must derive from BaseException'),
 * reported by the default handler as "Exception in callback cb()".
 */
static const char *last_message;
static al_value caught;
static al_value keep_handler(al_vm *v, const al_exc_context *c, void *arg)
{
    (void)v;
    (void)arg;
    last_message = c->message;
    caught = c->exception;
    return al_none();
}

static void raise_int(al_vm *v, void *a, void *b)
{
    (void)a;
    (void)b;
    al_callback_raise(v, al_int(3));
}

static al_signal cb_body(al_gen *g)
{
    mu_main *m = (mu_main *)g;
    AL_GEN_BEGIN(g);
    al_loop_set_exception_handler(vm, keep_handler, NULL);
    al_call_soon(vm, raise_int, NULL, NULL, "cb");
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0, al_none()), m->r);
    AL_GEN_END(g);
}
static const al_gen_def cb_def = {"main", cb_body, true};

START_TEST(callback_raising_a_non_exception)
{
    RUN_OK(mu_main, cb_def);
    ck_assert_str_eq(last_message, "Exception in callback cb()");
    ck_assert_str_eq(repr_of(caught), "TypeError('exceptions must derive from BaseException')");
}
END_TEST

/* ---- a recursion without end, None awaited, and a NaN deadline ----
 *
 * async def forever(): return await forever()
 * await forever()   -> RecursionError('maximum recursion depth exceeded')
 * (the C stack overflowed at about 100,000 levels before the limit).
 * await None -> TypeError("object NoneType can't be used in 'await'
 * expression"); create_task(None) -> TypeError('a coroutine was
 * expected, got None') (both crashed on a NULL before).
 * loop.call_later(float('nan'), cb): CPython's _run_once finds the NaN
 * deadline not at or after now and runs it on the next iteration (the
 * loop spun forever here before).
 */
static al_signal forever_body(al_gen *g);
static const al_gen_def forever_def = {"forever", forever_body, true};
static al_signal forever_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_gen_new(g->vm, sizeof(al_gen), &forever_def), g->io);
    AL_RETURN(g, g->io);
    AL_GEN_END(g);
}

static int nan_rang;
static void nan_cb(al_vm *v, void *a, void *b)
{
    (void)a, (void)b;
    nan_rang = 1 + (al_time(v) == 0.0);
}

static al_signal deep_body(al_gen *g)
{
    mu_main *m = (mu_main *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_gen_new(vm, sizeof(al_gen), &forever_def), m->r);
    m->e = al_except(g, &al_RecursionError);
    ck_assert_str_eq(repr_of(m->e), "RecursionError('maximum recursion depth exceeded')");
    /* await None, in the core's frame-first form (a NULL future) */
    AL_AWAIT_TRY(g, (al_future *)NULL, m->r);
    m->e = al_except(g, &al_TypeError);
    ck_assert_str_eq(repr_of(m->e), "TypeError(\"object NoneType can't be used in 'await' expression\")");
    ck_assert_ptr_null(al_create_task(vm, NULL));
    ck_assert_str_eq(repr_of(al_vm_take_error(vm)), "TypeError('a coroutine was expected, got None')");
    al_call_later(vm, __builtin_nan(""), nan_cb, NULL, NULL, "cb");
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0, al_none()), m->r);
    AL_YIELD_FROM(g, al_sleep(&m->sleep, vm, 0, al_none()), m->r);
    AL_GEN_END(g);
}
static const al_gen_def deep_def = {"main", deep_body, true};

START_TEST(recursion_none_and_nan_deadline)
{
    RUN_OK(mu_main, deep_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_int_eq(nan_rang, 2); /* it ran, and the clock never moved */
}
END_TEST

/* ---- one frame handed to two calls at once ----
 *
 * A C mistake with no Python twin: two tasks that each sleep in the same
 * al_sleep_co.  The second call leaves the first (still suspended in its
 * await) alone and raises RuntimeError at its own await; before, it
 * re-armed the first call's timer and tripped an invariant.
 */
static al_sleep_co shared_sleep;
static al_value second_error;
static int woke;

static al_signal sharer_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_sleep(&shared_sleep, g->vm, 1, al_none()), g->io);
    if (!al_is_none(al_pending(g)))
        second_error = al_except(g, &al_RuntimeError);
    else
        woke++;
    AL_GEN_END(g);
}
static const al_gen_def sharer_def = {"sharer", sharer_body, true};

static al_signal share_body(al_gen *g)
{
    mu_main *m = (mu_main *)g;
    AL_GEN_BEGIN(g);
    m->fs[0] = al_task_fut(al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &sharer_def)));
    m->fs[1] = al_task_fut(al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &sharer_def)));
    AL_YIELD_FROM(g, al_wait(&m->wait, vm, 2, m->fs, AL_NO_TIMEOUT, AL_ALL_COMPLETED), m->r);
    AL_GEN_END(g);
}
static const al_gen_def share_def = {"main", share_body, true};

START_TEST(frame_shared_by_two_calls)
{
    RUN_OK(mu_main, share_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_int_eq(woke, 1);
    ck_assert_str_eq(repr_of(second_error), "RuntimeError('cannot reuse the frame of sleep(): it is still "
                                            "suspended in an await (give each call a frame of its own)')");
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, generator_misuse);
    tcase_add_test(tc, no_running_loop);
    tcase_add_test(tc, loop_misuse);
    tcase_add_test(tc, callback_raising_a_non_exception);
    tcase_add_test(tc, recursion_none_and_nan_deadline);
    tcase_add_test(tc, frame_shared_by_two_calls);
}

static Suite *misuse_suite(void)
{
    Suite *s = suite_create("misuse");
    add_tcase(s, "traced", setup, add_tests);
    add_tcase(s, "untraced", setup_quiet, add_tests);
    return s;
}

UNIT_MAIN(misuse_suite)
