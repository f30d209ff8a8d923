/*
 * 02-coroutines.c: lesson 2, send-based coroutines.
 *
 * A coroutine here is a generator used the other way round: the caller
 * pushes values in with send() and the frame receives them as the value of
 * its yield.  Each part drives real frames with al_gen_send, al_gen_throw
 * and al_gen_close, and every error printed is the one the runtime raised.
 */
#include "asynclab.h"
#include "lesson_forms.h"

static int64_t value, handled;
static const double *values;
static size_t nvalues;
static bool prime_logger;

static const char *state(const al_gen *gen) { return al_gen_state_name(gen); }

AL_DEF(simple_coroutine)
    al_print(vm, "-> coroutine started");
    AL_YIELD(al_none());
    al_print(vm, "-> coroutine received: %v", AL_SENT(g));
AL_END

static al_status part_a(al_vm *vm)
{
    al_value v;
    al_print(vm, "== (a) prime, then send ==");
    al_gen *coro = AL_CALL(simple_coroutine);
    al_print(vm, "state: %s", state(coro));
    AL_EXPECT(al_gen_next(coro, &v), AL_YIELDED, v);
    al_print(vm, "next() -> %v", v);
    al_print(vm, "state: %s", state(coro));
    AL_EXPECT(al_gen_send(coro, al_int(value), &v), AL_RETURNED, v);
    al_print(vm, "StopIteration, value: %r", v);
    al_print(vm, "state: %s", state(coro));
    return AL_OK;
}

static al_status part_b(al_vm *vm)
{
    al_value e;
    al_print(vm, "== (b) send without priming ==");
    al_gen *coro = AL_CALL(simple_coroutine);
    AL_EXPECT(al_gen_send(coro, al_int(value), &e), AL_RAISED, e);
    al_print(vm, "%s: %v", al_type_name(e), e);
    al_print(vm, "state: %s", state(coro));
    return AL_OK;
}

/* The sum and the division run in the twin's order, so the floats printed
 * are the same bits. */
AL_DEF(averager, double total; int64_t count; al_value average;)
    f->total = 0.0;
    f->count = 0;
    f->average = al_none();
    for (;;) {
        AL_YIELD(f->average);
        f->total += al_as_float(AL_SENT(g));
        f->count += 1;
        f->average = al_float(f->total / (double)f->count);
    }
AL_END

static al_status part_c(al_vm *vm)
{
    al_value v;
    al_print(vm, "== (c) a running average ==");
    al_gen *avg = AL_CALL(averager);
    AL_EXPECT(al_gen_next(avg, &v), AL_YIELDED, v);
    al_print(vm, "next() -> %v", v);
    for (size_t i = 0; i < nvalues; i++) {
        AL_EXPECT(al_gen_send(avg, al_float(values[i]), &v), AL_YIELDED, v);
        al_print(vm, "send(%g) -> %v", values[i], v);
    }
    AL_EXPECT(al_gen_close(avg, &v), AL_RETURNED, v);
    al_print(vm, "state: %s", state(avg));
    return AL_OK;
}

AL_DEF(logger)
    al_print(vm, "-> logger started");
    AL_TRY {
        for (;;) {
            AL_YIELD(al_none());
            al_print(vm, "-> logged: %v", AL_SENT(g));
        }
    } AL_EXCEPT(al_GeneratorExit) {
        al_print(vm, "-> logger caught GeneratorExit, stopping");
    } AL_END_TRY;
AL_END

static al_status part_d(al_vm *vm)
{
    al_value v;
    al_print(vm, "== (d) close() and GeneratorExit ==");
    al_gen *log = AL_CALL(logger);
    if (prime_logger) {
        AL_EXPECT(al_gen_next(log, &v), AL_YIELDED, v);
        for (size_t i = 0; i < nvalues; i++)
            AL_EXPECT(al_gen_send(log, al_float(values[i]), &v), AL_YIELDED, v);
    }
    al_print(vm, "before close(): %s", state(log));
    AL_EXPECT(al_gen_close(log, &v), AL_RETURNED, v);
    al_print(vm, "after close(): %s", state(log));
    AL_EXPECT(al_gen_send(log, al_none(), &v), AL_RETURNED, v);
    al_print(vm, "send() after close(): StopIteration");
    return AL_OK;
}

/* demo is class DemoException(Exception), made once per vm. */
AL_DEF(tally, const al_exc_type *demo; double total;)
    f->total = 0.0;
    al_print(vm, "-> tally started");
    for (;;) {
        AL_TRY {
            AL_YIELD(al_float(f->total));
            f->total += al_as_float(AL_SENT(g));
        } AL_EXCEPT(f->demo, e) {
            al_print(vm, "-> tally caught DemoException: %v", e);
        } AL_END_TRY;
    }
AL_END

static al_status part_e(al_vm *vm)
{
    al_value v;
    al_print(vm, "== (e) throw() ==");
    const al_exc_type *demo = al_exc_type_new(vm, "DemoException", &al_Exception);
    al_gen *t = AL_CALL(tally, .demo = demo);
    AL_EXPECT(al_gen_next(t, &v), AL_YIELDED, v);
    al_print(vm, "next() -> %v", v);
    for (size_t i = 0; i < nvalues; i++) {
        AL_EXPECT(al_gen_send(t, al_float(values[i]), &v), AL_YIELDED, v);
        al_print(vm, "send(%g) -> %v", values[i], v);
    }
    for (int64_t i = 0; i < handled; i++) {
        al_value e = al_exc_new(vm, demo, al_strf(vm, "glitch %D", i + 1));
        AL_EXPECT(al_gen_throw(t, e, &v), AL_YIELDED, v);
        al_print(vm, "throw(DemoException) -> %v", v);
        al_print(vm, "state: %s", state(t));
    }
    AL_EXPECT(al_gen_throw(t, al_exc_msg(vm, &al_ValueError, "fatal"), &v), AL_RAISED, v);
    al_print(vm, "%s: %v", al_type_name(v), v);
    al_print(vm, "state: %s", state(t));
    return AL_OK;
}

/* The locals `locals` shows at each yield, as the twin names them. */
static const al_local averager_locals[] = {AL_LOCAL(averager, total, FLOAT),
                                           AL_LOCAL(averager, count, INT),
                                           AL_LOCAL(averager, average, VALUE)};
static const al_local tally_locals[] = {AL_LOCAL(tally, total, FLOAT)};

static al_status run(al_vm *vm, const al_params *p)
{
    al_show_locals(vm, &averager_def, averager_locals, 3);
    al_show_locals(vm, &tally_def, tally_locals, 1);
    value = al_param_int(p, "value");
    nvalues = al_param_list(p, "values", &values);
    prime_logger = al_param_bool(p, "prime_logger");
    handled = al_param_int(p, "handled");
    return AL_PARTS(vm, part_a, part_b, part_c, part_d, part_e);
}

static const al_param_def params[] = {
    {"value", AL_PARAM_INT, "42", -1000, 1000, 0, "what simple_coroutine is sent"},
    {"values", AL_PARAM_FLOAT_LIST, "10,30,5", -1000, 1000, 10,
     "what the averager, logger and tally are sent"},
    {"prime_logger", AL_PARAM_BOOL, "true", 0, 1, 0,
     "prime the logger (and send it values) before close()"},
    {"handled", AL_PARAM_INT, "1", 0, 3, 0,
     "DemoExceptions thrown into tally before the fatal ValueError"},
};

AL_LESSON(params, run,
    .title = "Coroutines",
    .summary = "send() values into a paused generator; close() and throw()",
    .concept = "x = yield both pauses the frame and receives what the caller sends");
