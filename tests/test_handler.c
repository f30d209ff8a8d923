/*
 * test_handler.c: the loop's exception handler (handler.c) against
 * CPython 3.11.7's base_events.py.  Each test quotes its Python twin and
 * what CPython prints for it under
 *
 *     python3 tests/harness/vclock.py twin.py
 *
 * The default handler's text (CPython logs it to stderr) reaches the
 * vm's report hook here; the traceback lines CPython's log adds, and the
 * "at FILE:LINE" it adds after a Python function's name, have no
 * counterpart in C and are left out of the quotes.
 */
#include "unit_async.h"

static char reports[4096];

static void catch_report(const char *text, void *ctx)
{
    (void)ctx;
    strncat(reports, text, sizeof reports - strlen(reports) - 1);
}

/* The fixtures: unit.h's vm, but with a report hook that collects into
 * reports[]. */
static void setup_with(bool trace)
{
    reports[0] = '\0';
    al_vm_opts o = {.report = catch_report};
    if (!trace) {
        unit_live = open_memstream(&unit_live_buf, &unit_live_len);
        ck_assert_ptr_nonnull(unit_live);
        o.live = unit_live;
    }
    vm = al_vm_new(&o);
    ck_assert_ptr_nonnull(vm);
    rec = trace ? al_trace_new(vm) : NULL;
}
static void setup_report(void) { setup_with(true); }
static void setup_report_quiet(void) { setup_with(false); }

typedef struct hd_main {
    al_gen g;
    al_future fut;
    al_task *t;
    al_sleep_co sleep;
    al_value r;
} hd_main;

#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)

/* handler(loop, context) of the twins: print the message, the exception
 * and the sorted keys. */
static al_value print_handler(al_vm *v, const al_exc_context *c, void *arg)
{
    (void)arg;
    char keys[128] = "['exception', ";
    if (al_is_none(c->exception))
        keys[1] = '\0';
    strcat(keys, c->future ? "'future', " : "");
    strcat(keys, c->handle ? "'handle', " : "");
    strcat(keys, "'message'");
    strcat(keys, c->task ? ", 'task']" : "]");
    al_print(v, "handler: %s | %r | %s", c->message, c->exception, keys);
    return al_none();
}

static al_value raising_handler(al_vm *v, const al_exc_context *c, void *arg)
{
    (void)c;
    (void)arg;
    return al_exc_msg(v, &al_ZeroDivisionError, "in handler");
}

static void bad(al_vm *v, void *a, void *b)
{
    (void)a;
    (void)b;
    al_callback_raise(v, al_exc_msg(v, &al_KeyError, "k"));
}

/* ---- a handler set, raising, and the default one ----
 *
 * def bad():
 *     raise KeyError("k")
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     print(loop.get_exception_handler())
 *     def handler(loop, context):
 *         print("handler:", context["message"], "|", repr(context.get("exception")),
 *               "|", sorted(context))
 *     loop.set_exception_handler(handler)
 *     print(loop.get_exception_handler() is handler)
 *     loop.call_soon(bad)
 *     await asyncio.sleep(0)
 *     loop.call_exception_handler({"message": "custom"})
 *     def raiser(loop, context):
 *         raise ZeroDivisionError("in handler")
 *     loop.set_exception_handler(raiser)
 *     loop.call_exception_handler({"message": "second", "exception": KeyError(1)})
 *     loop.set_exception_handler(None)
 *     loop.call_exception_handler({"message": "third", "exception": ValueError("v")})
 *     loop.call_exception_handler({"message": ""})
 *     loop.call_soon(bad)
 *     await asyncio.sleep(0)
 *     print("end")
 *
 * CPython stdout: None / True /
 *   handler: Exception in callback bad() at twin.py:1 | KeyError('k') |
 *            ['exception', 'handle', 'message'] /
 *   handler: custom | None | ['message'] / end
 * CPython stderr: Unhandled error in exception handler /
 *   context: {'message': 'second', 'exception': KeyError(1)} /
 *   ZeroDivisionError: in handler / third / ValueError: v /
 *   Unhandled exception in event loop /
 *   Exception in callback bad() at twin.py:1 / handle: <Handle bad() at twin.py:1> /
 *   KeyError: 'k'
 */
static al_signal handlers_body(al_gen *g)
{
    hd_main *m = (hd_main *)g;
    AL_GEN_BEGIN(g);
    al_print(vm, "%s", al_loop_get_exception_handler(vm) ? "handler" : "None");
    ck_assert(al_is_none(al_loop_set_exception_handler(vm, print_handler, NULL)));
    al_print(vm, "%s", al_loop_get_exception_handler(vm) == print_handler ? "True" : "False");
    al_call_soon(vm, bad, NULL, NULL, "bad");
    SLEEP(m, 0);
    al_loop_call_exception_handler(&(al_exc_context){.vm = vm, .message = "custom", .exception = al_none()});
    al_loop_set_exception_handler(vm, raising_handler, NULL);
    al_loop_call_exception_handler(&(al_exc_context){.vm = vm, .message = "second",
                                                     .exception = al_exc_new(vm, &al_KeyError, al_int(1))});
    al_loop_set_exception_handler(vm, NULL, NULL);
    al_loop_call_exception_handler(&(al_exc_context){.vm = vm, .message = "third",
                                                     .exception = al_exc_msg(vm, &al_ValueError, "v")});
    al_loop_call_exception_handler(&(al_exc_context){.vm = vm, .message = "", .exception = al_none()});
    al_call_soon(vm, bad, NULL, NULL, "bad");
    SLEEP(m, 0);
    al_print(vm, "end");
    AL_GEN_END(g);
}
static const al_gen_def handlers_def = {"main", handlers_body, true};

START_TEST(handler_set_raising_and_default)
{
    RUN_OK(hd_main, handlers_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "None|True|"
                                "handler: Exception in callback bad() | KeyError('k') | "
                                "['exception', 'handle', 'message']|"
                                "handler: custom | None | ['message']|end");
    ck_assert_str_eq(reports, "Unhandled error in exception handler\n"
                              "context: {'message': 'second', 'exception': KeyError(1)}\n"
                              "ZeroDivisionError: in handler\n"
                              "third\n"
                              "ValueError: v\n"
                              "Unhandled exception in event loop\n"
                              "Exception in callback bad()\n"
                              "handle: <Handle bad()>\n"
                              "KeyError: 'k'\n");
    ck_assert_int_eq(count_events(AL_EV_EXC_HANDLER, 0), unit_len() ? 6 : 0);
}
END_TEST

/* ---- a future's exception never retrieved ----
 *
 * async def main():
 *     f = asyncio.get_running_loop().create_future()
 *     f.set_exception(RuntimeError("never"))
 *     print("end")
 *
 * CPython stdout: end
 * CPython stderr: Future exception was never retrieved /
 *   future: <Future finished exception=RuntimeError('never')> /
 *   RuntimeError: never
 */
static al_signal future_body(al_gen *g)
{
    hd_main *m = (hd_main *)g;
    AL_GEN_BEGIN(g);
    al_future_init(&m->fut, vm, "f");
    al_future_set_exception(&m->fut, al_exc_msg(vm, &al_RuntimeError, "never"));
    al_print(vm, "end");
    AL_GEN_END(g);
}
static const al_gen_def future_def = {"main", future_body, true};

START_TEST(future_exception_never_retrieved)
{
    RUN_OK(hd_main, future_def);
    ck_assert_str_eq(outputs(), "end");
    ck_assert_str_eq(reports, "Future exception was never retrieved\n"
                              "future: <Future finished exception=RuntimeError('never')>\n"
                              "RuntimeError: never\n");
}
END_TEST

/* ---- a task's exception never retrieved, to a handler set ----
 *
 * async def boom():
 *     raise ValueError("boom")
 * async def main():
 *     loop = asyncio.get_running_loop()
 *     loop.set_exception_handler(handler)      # handler as above
 *     t = asyncio.create_task(boom())
 *     await asyncio.sleep(0)
 *     print("end")
 *
 * CPython stdout: end / handler: Task exception was never retrieved |
 *   ValueError('boom') | ['exception', 'future', 'message']
 * (and without the handler, stderr: Task exception was never retrieved /
 *   future: <Task finished name='Task-2' coro=<boom() done, defined at
 *   twin.py:1> exception=ValueError('boom')> / ValueError: boom)
 */
static al_signal boom_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_RAISE(g, al_exc_msg(g->vm, &al_ValueError, "boom"));
    AL_GEN_END(g);
}
static const al_gen_def boom_def = {"boom", boom_body, true};

static al_signal task_body(al_gen *g)
{
    hd_main *m = (hd_main *)g;
    AL_GEN_BEGIN(g);
    al_loop_set_exception_handler(vm, print_handler, NULL);
    m->t = al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &boom_def));
    SLEEP(m, 0);
    al_print(vm, "end");
    AL_GEN_END(g);
}
static const al_gen_def task_def = {"main", task_body, true};

START_TEST(task_exception_never_retrieved)
{
    RUN_OK(hd_main, task_def);
    ck_assert_str_eq(outputs(), "end|handler: Task exception was never retrieved | ValueError('boom') | "
                                "['exception', 'future', 'message']");
    ck_assert_str_eq(reports, "");
}
END_TEST

/* ---- an async generator whose finally raises, closed at shutdown ----
 *
 * keep = []
 * async def stubborn():
 *     try:
 *         yield "s"
 *     finally:
 *         raise ValueError("boom")
 * async def main():
 *     s = stubborn(); keep.append(s)
 *     print(await anext(s))
 *
 * CPython stdout: s
 * CPython stderr (asyncio.run's shutdown_asyncgens, the default handler):
 *   an error occurred during closing of asynchronous generator
 *   <async_generator object stubborn at 0x7f46f9035220> /
 *   asyncgen: <async_generator object stubborn at 0x7f46f9035220> /
 *   ... ValueError: boom
 * (The addresses differ from run to run; the test reads them as 0x.) */
static al_signal stubborn_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_AYIELD_TRY(g, al_cstr(g->vm, "s"));
    AL_RAISE(g, al_exc_msg(g->vm, &al_ValueError, "boom")); /* finally */
    AL_GEN_END(g);
}
static const al_gen_def stubborn_def = {"stubborn", stubborn_body, false};

typedef struct ag_main {
    al_gen g;
    al_anext_co next;
    al_value r;
} ag_main;

static al_signal ag_body(al_gen *g)
{
    ag_main *m = (ag_main *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_anext(&m->next, al_asyncgen_new(vm, sizeof(al_asyncgen), &stubborn_def)), m->r);
    al_print(vm, "%v", m->r);
    AL_GEN_END(g);
}
static const al_gen_def ag_def = {"main", ag_body, true};

/* without_addresses drops the hex digits after each "0x" in s. */
static void without_addresses(char *s)
{
    char *out = s;
    for (const char *in = s; *in;) {
        bool hex = in[0] == '0' && in[1] == 'x';
        *out++ = *in++;
        if (hex) {
            *out++ = *in++;
            while ((*in >= '0' && *in <= '9') || (*in >= 'a' && *in <= 'f'))
                in++;
        }
    }
    *out = '\0';
}

START_TEST(asyncgen_error_at_shutdown)
{
    RUN_OK(ag_main, ag_def);
    ck_assert_str_eq(outputs(), "s");
    without_addresses(reports);
    ck_assert_str_eq(reports, "an error occurred during closing of asynchronous generator "
                              "<async_generator object stubborn at 0x>\n"
                              "asyncgen: <async_generator object stubborn at 0x>\n"
                              "ValueError: boom\n");
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, handler_set_raising_and_default);
    tcase_add_test(tc, future_exception_never_retrieved);
    tcase_add_test(tc, task_exception_never_retrieved);
    tcase_add_test(tc, asyncgen_error_at_shutdown);
}

static Suite *handler_suite(void)
{
    Suite *s = suite_create("handler");
    add_tcase(s, "traced", setup_report, add_tests);
    add_tcase(s, "untraced", setup_report_quiet, add_tests);
    return s;
}

UNIT_MAIN(handler_suite)
