/*
 * 02-coroutines.c: lesson 2, send-based coroutines.
 *
 * A coroutine here is a generator used the other way round: the caller
 * pushes values in with send() and the frame receives them as the value of
 * its yield expression.  Each part of this lesson drives real frames with
 * al_gen_send, al_gen_throw and al_gen_close, and every error it prints is
 * the one the runtime raised, so the trace shows what CPython would do.
 */
#include "asynclab.h"

/* def simple_coroutine(): x = yield; print what arrived. */
static al_signal simple_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    al_print(g->vm, "-> coroutine started");
    AL_YIELD(g, al_none());
    al_print(g->vm, "-> coroutine received: %v", AL_SENT(g));
    AL_GEN_END(g);
}

static const al_gen_def simple_def = {"simple_coroutine", simple_body, false};

/* def averager(): yields the running average of the terms sent so far.
 * The sum and the division happen in the twin's order so that the floats
 * printed are the same bits. */
typedef struct averager_frame {
    al_gen g;
    double total;
    int64_t count;
    al_value average;
} averager_frame;

static al_signal averager_body(al_gen *g)
{
    averager_frame *f = (averager_frame *)g;
    AL_GEN_BEGIN(g);
    f->total = 0.0;
    f->count = 0;
    f->average = al_none();
    for (;;) {
        AL_YIELD(g, f->average);
        f->total += AL_SENT(g).u.f;
        f->count++;
        f->average = al_float(f->total / (double)f->count);
    }
    AL_GEN_END(g);
}

static const al_gen_def averager_def = {"averager", averager_body, false};

/* def logger(): prints each line sent; catches the GeneratorExit that
 * close() raises and ends normally, which close() accepts. */
static al_signal logger_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    al_print(g->vm, "-> logger started");
    for (;;) {
        AL_YIELD_TRY(g, al_none());
        if (!al_is_none(al_except(g, &al_GeneratorExit))) {
            al_print(g->vm, "-> logger caught GeneratorExit, stopping");
            AL_RETURN(g, al_none());
        }
        AL_PROPAGATE(g);
        al_print(g->vm, "-> logged: %v", AL_SENT(g));
    }
    AL_GEN_END(g);
}

static const al_gen_def logger_def = {"logger", logger_body, false};

/* def tally(): yields the total of what was sent; a thrown DemoException
 * is reported and survived, anything else ends the frame. */
typedef struct tally_frame {
    al_gen g;
    const al_exc_type *demo; /* class DemoException(Exception) */
    double total;
} tally_frame;

static al_signal tally_body(al_gen *g)
{
    tally_frame *f = (tally_frame *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    f->total = 0.0;
    al_print(g->vm, "-> tally started");
    for (;;) {
        AL_YIELD_TRY(g, al_float(f->total));
        e = al_except(g, f->demo);
        if (!al_is_none(e)) {
            al_print(g->vm, "-> tally caught DemoException: %v", e);
            continue;
        }
        AL_PROPAGATE(g);
        f->total += AL_SENT(g).u.f;
    }
    AL_GEN_END(g);
}

static const al_gen_def tally_def = {"tally", tally_body, false};

/* print_exc prints an exception as f"{type(e).__name__}: {e}". */
static void print_exc(al_vm *vm, al_value e)
{
    al_print(vm, "%s: %v", e.u.exc->type->name, e);
}

/* part_prime primes simple_coroutine with next(), then sends it value,
 * which runs it off its end: send() reports StopIteration. */
static al_status part_prime(al_vm *vm, int64_t value)
{
    al_print(vm, "== (a) prime, then send ==");
    al_gen *coro = al_gen_new(vm, sizeof(al_gen), &simple_def);
    al_value v;
    al_print(vm, "state: %s", al_gen_state_name(coro));
    if (al_gen_next(coro, &v) != AL_YIELDED)
        return al_unexpected(vm, "next(coro)", v);
    al_print(vm, "next() -> %v", v);
    al_print(vm, "state: %s", al_gen_state_name(coro));
    if (al_gen_send(coro, al_int(value), &v) != AL_RETURNED)
        return al_unexpected(vm, "coro.send()", v);
    al_print(vm, "StopIteration, value: %r", v);
    al_print(vm, "state: %s", al_gen_state_name(coro));
    return AL_OK;
}

/* part_unprimed sends a value to a fresh coroutine; the runtime refuses,
 * as CPython does, and the frame stays as it was. */
static al_status part_unprimed(al_vm *vm, int64_t value)
{
    al_print(vm, "== (b) send without priming ==");
    al_gen *coro = al_gen_new(vm, sizeof(al_gen), &simple_def);
    al_value e;
    if (al_gen_send(coro, al_int(value), &e) != AL_RAISED || !al_exc_isa(e, &al_TypeError))
        return al_unexpected(vm, "send() to an unprimed coroutine", e);
    print_exc(vm, e);
    al_print(vm, "state: %s", al_gen_state_name(coro));
    return AL_OK;
}

/* part_average sends each value to the averager and prints its answer. */
static al_status part_average(al_vm *vm, const double *values, size_t n)
{
    al_print(vm, "== (c) a running average ==");
    al_gen *avg = al_gen_new(vm, sizeof(averager_frame), &averager_def);
    al_value v;
    if (al_gen_next(avg, &v) != AL_YIELDED)
        return al_unexpected(vm, "next(avg)", v);
    al_print(vm, "next() -> %v", v);
    for (size_t i = 0; i < n; i++) {
        if (al_gen_send(avg, al_float(values[i]), &v) != AL_YIELDED)
            return al_unexpected(vm, "avg.send()", v);
        al_print(vm, "send(%g) -> %v", values[i], v);
    }
    if (al_gen_close(avg, &v) != AL_RETURNED)
        return al_unexpected(vm, "avg.close()", v);
    al_print(vm, "state: %s", al_gen_state_name(avg));
    return AL_OK;
}

/* part_close closes the logger, primed or not; only a primed one has a
 * yield at which GeneratorExit can be raised. */
static al_status part_close(al_vm *vm, const double *values, size_t n, bool prime)
{
    al_print(vm, "== (d) close() and GeneratorExit ==");
    al_gen *log = al_gen_new(vm, sizeof(al_gen), &logger_def);
    al_value v;
    if (prime) {
        if (al_gen_next(log, &v) != AL_YIELDED)
            return al_unexpected(vm, "next(log)", v);
        for (size_t i = 0; i < n; i++)
            if (al_gen_send(log, al_float(values[i]), &v) != AL_YIELDED)
                return al_unexpected(vm, "log.send()", v);
    }
    al_print(vm, "before close(): %s", al_gen_state_name(log));
    if (al_gen_close(log, &v) != AL_RETURNED)
        return al_unexpected(vm, "log.close()", v);
    al_print(vm, "after close(): %s", al_gen_state_name(log));
    if (al_gen_send(log, al_none(), &v) != AL_RETURNED)
        return al_unexpected(vm, "send() after close()", v);
    al_print(vm, "send() after close(): StopIteration");
    return AL_OK;
}

/* part_throw feeds tally, throws handled DemoExceptions it survives, then
 * a ValueError it does not catch, which comes back out of throw(). */
static al_status part_throw(al_vm *vm, const double *values, size_t n, int64_t handled)
{
    al_print(vm, "== (e) throw() ==");
    tally_frame *f = (tally_frame *)al_gen_new(vm, sizeof *f, &tally_def);
    f->demo = al_exc_type_new(vm, "DemoException", &al_Exception);
    al_gen *t = &f->g;
    al_value v;
    if (al_gen_next(t, &v) != AL_YIELDED)
        return al_unexpected(vm, "next(t)", v);
    al_print(vm, "next() -> %v", v);
    for (size_t i = 0; i < n; i++) {
        if (al_gen_send(t, al_float(values[i]), &v) != AL_YIELDED)
            return al_unexpected(vm, "t.send()", v);
        al_print(vm, "send(%g) -> %v", values[i], v);
    }
    for (int64_t i = 0; i < handled; i++) {
        al_value e = al_exc_new(vm, f->demo, al_strf(vm, "glitch %D", i + 1));
        if (al_gen_throw(t, e, &v) != AL_YIELDED)
            return al_unexpected(vm, "t.throw(DemoException)", v);
        al_print(vm, "throw(DemoException) -> %v", v);
        al_print(vm, "state: %s", al_gen_state_name(t));
    }
    if (al_gen_throw(t, al_exc_msg(vm, &al_ValueError, "fatal"), &v) != AL_RAISED ||
        !al_exc_isa(v, &al_ValueError))
        return al_unexpected(vm, "t.throw(ValueError)", v);
    print_exc(vm, v);
    al_print(vm, "state: %s", al_gen_state_name(t));
    return AL_OK;
}

static al_status run(al_vm *vm, const al_params *p)
{
    const double *values;
    size_t n = al_param_list(p, "values", &values);
    int64_t value = al_param_int(p, "value");
    al_status st;
    if ((st = part_prime(vm, value)) != AL_OK || (st = part_unprimed(vm, value)) != AL_OK)
        return st;
    if ((st = part_average(vm, values, n)) != AL_OK)
        return st;
    if ((st = part_close(vm, values, n, al_param_bool(p, "prime_logger"))) != AL_OK)
        return st;
    return part_throw(vm, values, n, al_param_int(p, "handled"));
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

/* al_lesson_coroutines is lesson 2: priming and send(), the error of an
 * unprimed send, a running averager, close() with GeneratorExit, and
 * throw() both caught and uncaught. */
const al_lesson AL_LESSON_SYMBOL = {
    .number = 2,
    .slug = "coroutines",
    .title = "Coroutines",
    .summary = "send() values into a paused generator; close() and throw()",
    .concept = "x = yield both pauses the frame and receives what the caller sends",
    .params = params,
    .nparams = sizeof params / sizeof params[0],
    .run = run,
    .check = NULL,
};
