/* Async generators under deadlines and misuse: a timeout fires while the
 * generator awaits inside __anext__ (its finally block awaits too, then
 * TimeoutError); break and aclose() with an awaiting finally; athrow()
 * caught by the generator, which yields on; asend(); two tasks that call
 * anext() on one generator at once; a generator that yields in finally
 * when closed. */
#include "scenario.h"
#include "lesson_forms.h"

#define RERAISE_PENDING() do { al_value e_ = g->exc; g->exc = al_none(); AL_CHECK(e_); } while (0)

typedef struct ticker_ag {
    al_asyncgen ag;
    int64_t n, i;
    double d;
    al_sleep_co s;
    al_value r, got, e, saved;
} ticker_ag;

static al_signal ticker_body(al_gen *g)
{
    ticker_ag *f = (ticker_ag *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    for (f->i = 0; f->i < f->n; f->i++) {
        AL_YIELD_FROM_TRY(g, al_sleep(&f->s, vm, f->d, al_none()), f->r);
        if (!al_is_none(al_pending(g)))
            break;
        AL_AYIELD_TRY(g, al_int(f->i));
        if (!al_is_none(al_pending(g)))
            break;
        f->got = AL_SENT(g);
        if (!al_is_none(f->got))
            al_print(vm, "  ticker was sent %v", f->got);
    }
    if (!al_is_none(f->e = al_except(g, &al_ValueError))) {
        al_print(vm, "  ticker caught %r %g", f->e, now(vm));
        AL_AYIELD_TRY(g, al_cstr(vm, "recovered"));
    }
    /* finally: */
    f->saved = g->exc;
    g->exc = al_none();
    al_print(vm, "  ticker finally %g", now(vm));
    AL_YIELD_FROM(g, al_sleep(&f->s, vm, 0.5, al_none()), f->r);
    al_print(vm, "  ticker cleaned %g", now(vm));
    g->exc = f->saved;
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def ticker_def = {"ticker", ticker_body, false};

static ticker_ag *ticker(al_vm *vm, int64_t n, double d)
{
    ticker_ag *t = (ticker_ag *)al_asyncgen_new(vm, sizeof *t, &ticker_def);
    t->n = n;
    t->d = d;
    return t;
}

typedef struct stubborn_ag {
    al_asyncgen ag;
    al_value saved;
} stubborn_ag;

static al_signal stubborn_body(al_gen *g)
{
    stubborn_ag *f = (stubborn_ag *)g;
    AL_GEN_BEGIN(g);
    AL_AYIELD_TRY(g, al_int(1));
    f->saved = g->exc; /* finally: */
    g->exc = al_none();
    AL_AYIELD(g, al_int(2));
    g->exc = f->saved;
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def stubborn_def = {"stubborn", stubborn_body, false};

AL_ASYNC_DEF(take, al_asyncgen *agen; al_anext_co next; al_value r;)
    AL_YIELD_FROM_TRY(g, al_anext(&f->next, f->agen), f->r);
    {
        al_value e = al_except(g, &al_RuntimeError);
        if (!al_is_none(e))
            AL_RETURN(al_strf(vm, "%r", e));
    }
    RERAISE_PENDING();
    AL_RETURN(f->r);
AL_END

AL_ASYNC_DEF(main, ticker_ag *agen; stubborn_ag *st; al_anext_co next; al_timeout tm;
             al_task *t1, *t2; al_future *pair[2]; al_wait_co w; al_value got, x, r;)
    al_print(vm, "timeout around async for:");
    f->got = al_list_new(vm, 2);
    AL_TRY {
        AL_WITH(al_timeout_enter(&f->tm, vm, 2.5)) {
            f->agen = ticker(vm, 10, 1);
            for (;;) {
                AL_YIELD_FROM_TRY(g, al_anext(&f->next, &f->agen->ag), f->x);
                if (!al_is_none(al_except(g, &al_StopAsyncIteration)) || !al_is_none(g->exc))
                    break;
                al_list_append(vm, f->got, f->x);
            }
            RERAISE_PENDING();
        } AL_END_WITH(al_timeout_exit(&f->tm, AL_PENDING()));
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "timeout; got %v %g", f->got, now(vm));
    } AL_END_TRY;

    al_print(vm, "break, then aclose:");
    f->agen = ticker(vm, 10, 1);
    for (;;) {
        AL_ASYNC_FOR_NEXT(g, al_anext(&f->next, &f->agen->ag), f->x);
        if (f->x.u.i == 1)
            break;
    }
    al_print(vm, "broke out at %v %g", f->x, now(vm));
    AL_YIELD_FROM(g, al_aclose(&f->next, &f->agen->ag), f->r);
    al_print(vm, "closed %g", now(vm));
    AL_YIELD_FROM_TRY(g, al_anext(&f->next, &f->agen->ag), f->r);
    if (!al_is_none(al_except(g, &al_StopAsyncIteration)))
        al_print(vm, "anext after close: StopAsyncIteration");
    RERAISE_PENDING();

    al_print(vm, "athrow and asend:");
    f->agen = ticker(vm, 10, 1);
    AL_YIELD_FROM(g, al_anext(&f->next, &f->agen->ag), f->r);
    al_print(vm, "first %v %g", f->r, now(vm));
    AL_YIELD_FROM(g, al_asend(&f->next, &f->agen->ag, al_cstr(vm, "hello")), f->r);
    al_print(vm, "asend %v %g", f->r, now(vm));
    AL_YIELD_FROM(g, al_athrow(&f->next, &f->agen->ag, al_exc_msg(vm, &al_ValueError, "boom")), f->r);
    al_print(vm, "athrow gives %v %g", f->r, now(vm));
    AL_YIELD_FROM_TRY(g, al_anext(&f->next, &f->agen->ag), f->r);
    if (!al_is_none(al_except(g, &al_StopAsyncIteration)))
        al_print(vm, "then it ends %g", now(vm));
    RERAISE_PENDING();

    al_print(vm, "two tasks at once:");
    f->agen = ticker(vm, 3, 1);
    f->t1 = al_create_task(vm, AL_CALL(take, .agen = &f->agen->ag));
    f->t2 = al_create_task(vm, AL_CALL(take, .agen = &f->agen->ag));
    f->pair[0] = al_task_fut(f->t1);
    f->pair[1] = al_task_fut(f->t2);
    AL_AWAIT(al_wait(&f->w, vm, 2, f->pair, AL_NO_TIMEOUT, AL_ALL_COMPLETED));
    al_future_result(al_task_fut(f->t1), &f->r);
    al_print(vm, "t1 %v %g", f->r, now(vm));
    al_future_result(al_task_fut(f->t2), &f->r);
    al_print(vm, "t2 %v", f->r);
    AL_YIELD_FROM(g, al_aclose(&f->next, &f->agen->ag), f->r);

    al_print(vm, "yield in finally:");
    f->st = (stubborn_ag *)al_asyncgen_new(vm, sizeof *f->st, &stubborn_def);
    AL_YIELD_FROM(g, al_anext(&f->next, &f->st->ag), f->r);
    al_print(vm, "first %v", f->r);
    AL_YIELD_FROM_TRY(g, al_aclose(&f->next, &f->st->ag), f->r);
    {
        al_value e = al_except(g, &al_RuntimeError);
        if (!al_is_none(e))
            al_print(vm, "aclose: %r", e);
    }
    RERAISE_PENDING();
    al_asyncgen_release(&f->st->ag); /* main's frame goes, and s with it */
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
