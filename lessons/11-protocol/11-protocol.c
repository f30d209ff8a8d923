/*
 * 11-protocol.c: lesson 11, await as a protocol.
 *
 * It reads line for line beside its twin, 11-protocol.py.  Every form of
 * the twin is a frame delegating to another, as in lesson 3: a
 * @types.coroutine generator is an AL_DEF (not async) entered with yield
 * from, which is what await does with it; a class's __await__, __anext__,
 * __aenter__ and __aexit__ are frames named as Python names them
 * ("Countdown.__await__"); the async generator is an al_asyncgen, and
 * async for / async with are the runtime's AL_ASYNC_FOR_NEXT and
 * AL_ASYNC_WITH forms around those frames.
 */
#include "asynclab.h"
#include "lesson_forms.h"

static double pause_s;
static int64_t count;
static bool fail, suppress;

static double start; /* the loop's clock when main began; main sets it */

/* now is seconds since main began, as the loop's clock counts them. */
static double now(al_vm *vm) { return al_time(vm) - start; }

/* METHOD(fn, "Class.method", coro) names the frame of fn as Python names
 * the method it stands for; AL_DEF names a frame after its C identifier,
 * which cannot hold a dot. */
#define METHOD(fn, qualname, coro)                                             \
    static const al_gen_def fn##_method = {qualname, fn##_body, coro}

/* ---- (a) generator-based coroutines next to async def ---- */

/* @types.coroutine def bare_yield(): what asyncio.sleep(0) does, a yield
 * of None straight to the task. */
AL_DEF(bare_yield)
    AL_YIELD(al_none());
AL_END

/* @types.coroutine def old_style(n): Python 3.4's way. */
AL_DEF(old_style, int64_t n; bare_yield_frame b; al_sleep_co s; al_value value;)
    AL_YIELD_FROM(AL_CALL_AT(&f->b, bare_yield));
    AL_YIELD_FROM(al_sleep(&f->s, vm, pause_s, al_int(f->n)), f->value);
    AL_RETURN(al_int(al_as_int(f->value) * 2));
AL_END

AL_ASYNC_DEF(new_style, int64_t n; bare_yield_frame b; al_sleep_co s; al_value value;)
    AL_YIELD_FROM(AL_CALL_AT(&f->b, bare_yield)); /* await bare_yield(): a delegation */
    AL_AWAIT(al_sleep(&f->s, vm, pause_s, al_int(f->n)), f->value);
    AL_RETURN(al_int(al_as_int(f->value) * 2));
AL_END

/* ---- (b) an awaitable class ---- */

/* class Countdown: await Countdown(n) runs __await__'s generator to its
 * return.  The instance holds only n, so the frame does. */
AL_DEF(Countdown__await__, int64_t n, i; al_sleep_co s;)
    for (f->i = f->n; f->i > 0; f->i--) {
        al_print(vm, "  %.2f countdown %D", now(vm), f->i);
        AL_YIELD_FROM(al_sleep(&f->s, vm, pause_s, al_none())); /* sleep(...).__await__() */
    }
    AL_RETURN(al_cstr(vm, "liftoff"));
AL_END
METHOD(Countdown__await__, "Countdown.__await__", false);

/* Countdown(n).__await__(), made in at. */
static al_gen *countdown(al_vm *vm, Countdown__await___frame *at, int64_t n)
{
    *at = (Countdown__await___frame){.n = n};
    return al_gen_init(&at->g, vm, &Countdown__await___method);
}

/* ---- (c) an async iterator class, then an async generator ---- */

/* class Ticker: async for over Ticker(n) gets 1..n, one every pause
 * seconds; __aiter__ returns the instance itself. */
typedef struct Ticker {
    int64_t n, i;
} Ticker;

AL_ASYNC_DEF(Ticker__anext__, Ticker *self; al_sleep_co s;)
    if (f->self->i >= f->self->n)
        AL_RAISE(al_exc_noarg(vm, &al_StopAsyncIteration));
    f->self->i += 1;
    AL_AWAIT(al_sleep(&f->s, vm, pause_s, al_none()));
    AL_RETURN(al_int(f->self->i));
AL_END
METHOD(Ticker__anext__, "Ticker.__anext__", true);

/* ticker.__anext__(), a fresh coroutine for each round, made in at. */
static al_gen *ticker_anext(al_vm *vm, Ticker__anext___frame *at, Ticker *self)
{
    *at = (Ticker__anext___frame){.self = self};
    return al_gen_init(&at->g, vm, &Ticker__anext___method);
}

/* async def ticker(n): an async generator, so its frame starts with an
 * al_asyncgen and yields with AL_AYIELD. */
typedef struct ticker_frame {
    al_asyncgen ag;
    int64_t n, i;
    al_sleep_co s;
    al_value r;
} ticker_frame;

static al_signal ticker_body(al_gen *g)
{
    ticker_frame *f = (ticker_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (f->i = 1; f->i <= f->n; f->i++) {
        AL_YIELD_FROM(g, al_sleep(&f->s, vm, pause_s, al_none()), f->r);
        AL_AYIELD(g, al_int(f->i));
    }
    AL_GEN_END(g);
}

/* Not marked a coroutine: an async generator is driven through its
 * __anext__ awaitables, never awaited itself (as the runtime expects). */
static const al_gen_def ticker_def = {"ticker", ticker_body, false};

static al_asyncgen *ticker(al_vm *vm, int64_t n)
{
    ticker_frame *f = (ticker_frame *)al_asyncgen_new(vm, sizeof *f, &ticker_def);
    f->n = n;
    return &f->ag;
}

/* ---- (d) an async context manager ---- */

AL_ASYNC_DEF(Connection__aenter__, al_acm *self; al_sleep_co s;)
    al_print(vm, "  %.2f __aenter__: connecting", now(vm));
    AL_AWAIT(al_sleep(&f->s, vm, pause_s, al_none()));
    al_print(vm, "  %.2f __aenter__: connected", now(vm));
    AL_RETURN(al_ptr(f->self));
AL_END
METHOD(Connection__aenter__, "Connection.__aenter__", true);

AL_ASYNC_DEF(Connection__aexit__, al_value exc; al_sleep_co s;)
    al_print(vm, "  %.2f __aexit__: closing (exception: %s)", now(vm),
             al_is_none(f->exc) ? "None" : al_type_name(f->exc));
    AL_AWAIT(al_sleep(&f->s, vm, pause_s, al_none()));
    al_print(vm, "  %.2f __aexit__: closed, returns %v", now(vm), al_bool(suppress));
    AL_RETURN(al_bool(suppress));
AL_END
METHOD(Connection__aexit__, "Connection.__aexit__", true);

/* class Connection: the manager, with room for its two coroutines. */
typedef struct Connection {
    al_acm cm;
    al_vm *vm;
    Connection__aenter___frame enter;
    Connection__aexit___frame exit;
} Connection;

static al_gen *connection_aenter(al_acm *cm)
{
    Connection *c = (Connection *)cm;
    c->enter = (Connection__aenter___frame){.self = cm};
    return al_gen_init(&c->enter.g, c->vm, &Connection__aenter___method);
}

static al_gen *connection_aexit(al_acm *cm, al_value exc)
{
    Connection *c = (Connection *)cm;
    c->exit = (Connection__aexit___frame){.exc = exc};
    return al_gen_init(&c->exit.g, c->vm, &Connection__aexit___method);
}

static const al_acm_class connection_class = {"Connection", connection_aenter, connection_aexit};

/* ---- main ---- */

AL_ASYNC_DEF(main, al_value result; old_style_frame old; new_style_frame neu;
             Countdown__await___frame cd; Ticker tk; Ticker__anext___frame next;
             al_asyncgen *ag; al_anext_co anext; al_value i; Connection conn; al_value v, e;)
    start = al_time(vm);

    al_print(vm, "(a) @types.coroutine next to async def");
    AL_YIELD_FROM(AL_CALL_AT(&f->old, old_style, .n = 1), f->result); /* await old_style(1) */
    al_print(vm, "  %.2f old_style(1) returned %v", now(vm), f->result);
    AL_AWAIT(AL_CALL_AT(&f->neu, new_style, .n = 2), f->result);
    al_print(vm, "  %.2f new_style(2) returned %v", now(vm), f->result);

    al_print(vm, "(b) a class with __await__");
    AL_YIELD_FROM(countdown(vm, &f->cd, count), f->result); /* await Countdown(count) */
    al_print(vm, "  %.2f await Countdown(%D) returned %r", now(vm), count, f->result);

    al_print(vm, "(c) async for over __aiter__/__anext__, then an async generator");
    f->tk = (Ticker){.n = count};
    for (;;) { /* async for i in Ticker(count): */
        AL_ASYNC_FOR_NEXT(g, ticker_anext(vm, &f->next, &f->tk), f->i);
        al_print(vm, "  %.2f Ticker gave %v", now(vm), f->i);
    }
    f->ag = ticker(vm, count);
    for (;;) { /* async for i in ticker(count): */
        AL_ASYNC_FOR_NEXT(g, al_anext(&f->anext, f->ag), f->i);
        al_print(vm, "  %.2f ticker() gave %v", now(vm), f->i);
    }

    al_print(vm, "(d) async with over __aenter__/__aexit__");
    f->conn = (Connection){.cm.cls = &connection_class, .vm = vm};
    AL_ASYNC_WITH(g, &f->conn.cm, f->v); /* async with Connection() as conn: */
    al_print(vm, "  %.2f body: using %s", now(vm), ((al_acm *)al_as_ptr(f->v))->cls->name);
    if (fail)
        g->exc = al_exc_new(vm, &al_ValueError, al_cstr(vm, "the body failed")); /* raise */
    AL_ASYNC_WITH_END_TRY(g, &f->conn.cm);
    if (al_is_none(al_pending(g)))
        al_print(vm, "  %.2f after the block", now(vm));
    if (!al_is_none(f->e = al_except(g, &al_ValueError)))
        al_print(vm, "  %.2f the block raised %r", now(vm), f->e);
    AL_PROPAGATE(g);
AL_END

static al_status run(al_vm *vm, const al_params *p)
{
    pause_s = al_param_float(p, "pause");
    count = al_param_int(p, "count");
    fail = al_param_bool(p, "fail");
    suppress = al_param_bool(p, "suppress");
    return al_run_main(vm, AL_CALL(main));
}

static const al_param_def params[] = {
    {"pause", AL_PARAM_FLOAT, "0.5", 0, 2, 0, "seconds each awaitable sleeps per step"},
    {"count", AL_PARAM_INT, "3", 0, 5, 0,
     "items the async iterator and the async generator produce"},
    {"fail", AL_PARAM_BOOL, "false", 0, 1, 0, "the body of the async with raises ValueError"},
    {"suppress", AL_PARAM_BOOL, "false", 0, 1, 0,
     "__aexit__ returns True, which swallows the body's exception"},
};

AL_LESSON(params, run,
    .title = "Await as a protocol",
    .summary = "types.coroutine, __await__, async iterators and generators, async with: all delegation",
    .concept = "await is yield from an awaitable's iterator; the rest are protocols built on it");
