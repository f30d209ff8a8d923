/*
 * sleep.c: asyncio.sleep, a future plus a timer.
 *
 * sleep(d) makes a future, asks the loop to complete it in d seconds, and
 * awaits it; the task parks until the timer fires.  sleep(0) makes no
 * future at all: a bare yield hands control back for one iteration.
 */
#include "al_internal.h"

/* futures._set_result_unless_cancelled: the timer's callback. */
static void set_result_unless_cancelled(al_vm *vm, void *fut, void *sleep)
{
    (void)vm;
    if (al_future_cancelled(fut))
        return;
    al_future_set_result(fut, ((al_sleep_co *)sleep)->result);
}

static al_signal sleep_body(al_gen *g)
{
    al_sleep_co *s = (al_sleep_co *)g;
    AL_GEN_BEGIN(g);
    if (s->delay <= 0) {
        AL_YIELD(g, al_none());
        AL_RETURN(g, s->result);
    }
    if (al__no_loop(g->vm)) /* get_running_loop() */
        AL_RAISE(g, al_vm_take_error(g->vm));
    al_future_init(&s->fut, g->vm, "sleep");
    s->timer.subject = g->vm->cur_task; /* the timer wakes the sleeping task */
    al__timer_start(g->vm, &s->timer, al_time(g->vm) + s->delay,
                    set_result_unless_cancelled, &s->fut, s,
                    "futures._set_result_unless_cancelled");
    AL_AWAIT_TRY(g, &s->fut, s->r);
    al_handle_cancel(g->vm, &s->timer); /* the finally clause */
    AL_PROPAGATE(g);
    AL_RETURN(g, s->r);
    AL_GEN_END(g);
}

static const al_gen_def sleep_def = {"sleep", sleep_body, true};

/* al_sleep readies frame s as the coroutine asyncio.sleep(delay, result). */
al_gen *al_sleep(al_sleep_co *s, al_vm *vm, double delay, al_value result)
{
    AL__REFUSE_LIVE(&s->g, vm, &sleep_def);
    s->delay = delay;
    s->result = result;
    return al__gen_init_arg(&s->g, vm, &sleep_def, al_float(delay));
}
