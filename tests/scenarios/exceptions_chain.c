/* Exceptions as a program sees them: raise ... from ... sets __cause__,
 * raising while handling sets __context__, multi-argument exceptions
 * print their tuple, and TimeoutError and ConnectionError are OSErrors.
 *
 * C has no "exception being handled": an except block that raises passes
 * the one it handles to al_exc_chain, as Python does implicitly. */
#include "scenario.h"

/* exc_of is an exception's __cause__ or __context__ as a value (None if
 * there is none). */
static al_value exc_of(al_exc *e)
{
    al_value v = al_none();
    if (e) {
        v.type = AL_EXC;
        v.u.exc = e;
    }
    return v;
}

/* str_of is str(v) as a str value. */
static al_value str_of(al_vm *vm, al_value v)
{
    al_buf b;
    al_buf_init(&b);
    al_str_of(&b, v);
    al_value s = al_str_new(vm, b.data ? b.data : "", b.len);
    al_buf_free(&b);
    return s;
}

typedef struct co_frame {
    al_gen g;
    al_sleep_co sleep;
    al_gen *sub;
    al_value r, e;
} co_frame;

static al_signal fetch_body(al_gen *g)
{
    co_frame *f = (co_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    AL_RAISE(g, al_exc_args(vm, &al_ConnectionResetError, 2, al_int(104), al_cstr(vm, "connection reset")));
    AL_GEN_END(g);
}
static const al_gen_def fetch_def = {"fetch", fetch_body, true};

static al_signal wrapper_body(al_gen *g)
{
    co_frame *f = (co_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_gen_new(vm, sizeof(co_frame), &fetch_def), f->r);
    if (!al_is_none(f->e = al_except(g, &al_ConnectionError)))
        AL_RAISE(g, al_raise_from(al_exc_chain(al_exc_msg(vm, &al_RuntimeError, "fetch failed"), f->e), f->e));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def wrapper_def = {"wrapper", wrapper_body, true};

static al_signal sloppy_body(al_gen *g)
{
    co_frame *f = (co_frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_gen_new(vm, sizeof(co_frame), &fetch_def), f->r);
    if (!al_is_none(f->e = al_except(g, &al_OSError)))
        AL_RAISE(g, al_exc_chain(al_exc_msg(vm, &al_KeyError, "lost"), f->e));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def sloppy_def = {"sloppy", sloppy_body, true};

typedef struct frame {
    al_gen g;
    al_timeout tm;
    al_sleep_co sleep;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_gen_new(vm, sizeof(co_frame), &wrapper_def), f->r);
    if (!al_is_none(f->e = al_except(g, &al_RuntimeError))) {
        al_exc *x = f->e.u.exc;
        al_print(vm, "%r cause %r suppress %v", f->e, exc_of(x->cause), al_bool(x->suppress_context));
        al_print(vm, "cause args %r str %v", al_exc_args_of(vm, exc_of(x->cause)), str_of(vm, exc_of(x->cause)));
    }
    AL_PROPAGATE(g);
    AL_YIELD_FROM_TRY(g, al_gen_new(vm, sizeof(co_frame), &sloppy_def), f->r);
    if (!al_is_none(f->e = al_except(g, &al_KeyError)))
        al_print(vm, "%r cause %v context %r", f->e, exc_of(f->e.u.exc->cause), exc_of(f->e.u.exc->context));
    AL_PROPAGATE(g);
    f->e = al_exc_args(vm, &al_ValueError, 3, al_cstr(vm, "a"), al_int(2), al_none());
    al_print(vm, "%r %v %r", f->e, f->e, al_exc_args_of(vm, f->e));
    al_print(vm, "%r %r %r", al_exc_noarg(vm, &al_ValueError), str_of(vm, al_exc_noarg(vm, &al_ValueError)),
             al_exc_msg(vm, &al_ValueError, ""));
    al_timeout_enter(&f->tm, vm, 0.5);
    AL_YIELD_FROM_TRY(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    g->exc = al_timeout_exit(&f->tm, al_pending(g));
    if (!al_is_none(f->e = al_except(g, &al_OSError)))
        al_print(vm, "timeout is an OSError: %s %v %g", f->e.u.exc->type->name,
                 al_bool(al_exc_isa(f->e, &al_OSError)), now(vm));
    AL_PROPAGATE(g);
    {
        static const al_exc_type *const classes[] = {&al_TimeoutError, &al_ConnectionError,
                                                     &al_ConnectionResetError, &al_BrokenPipeError};
        for (size_t i = 0; i < 4; i++) {
            al_value x = al_exc_noarg(vm, classes[i]); /* issubclass(cls, C) is isinstance(cls(), C) */
            al_print(vm, "%s %v %v", classes[i]->name, al_bool(al_exc_isa(x, &al_OSError)),
                     al_bool(al_exc_isa(x, &al_ConnectionError)));
        }
    }
    {
        al_value inner = al_exc_msg(vm, &al_ValueError, "inner");
        f->e = al_raise_from(al_exc_chain(al_exc_msg(vm, &al_TypeError, "outer"), inner), al_none());
        al_print(vm, "%r %v %r %v", f->e, exc_of(f->e.u.exc->cause), exc_of(f->e.u.exc->context),
                 al_bool(f->e.u.exc->suppress_context));
    }
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
