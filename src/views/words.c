/*
 * words.c: the vocabulary the words of the views share, and the chain of
 * causes said in words (--explain).
 *
 * The trace links every event to its cause; a wakeup sits at the end of a
 * chain such as timer_fire -> callback -> future_done -> call_soon ->
 * callback -> wakeup.  The phrases that read such chains live by what
 * they say: how a step began (wakes.c), how it waited or ended
 * (awaits.c), what it did (acts.c), and who is stuck in a deadlock
 * (deadlock.c).  This file holds the look-ups they share (words.h) and
 * the --explain chain.  Each phrase costs O(events in the step) at most.
 */
#include "words.h"

#include <string.h>

/* al__name_of: see words.h. */
const char *al__name_of(const al__run *run, uint32_t id)
{
    const al_actor *a = al__run_actor(run, id);
    return a ? a->name : "?";
}

/* al__str_is: see words.h. */
bool al__str_is(al_value v, const char *s)
{
    return v.type == AL_STR && strcmp(v.u.s->data, s) == 0;
}

/* al__str_or: see words.h. */
const char *al__str_or(al_value v, const char *dflt)
{
    return v.type == AL_STR ? v.u.s->data : dflt;
}

/* al__put_seconds: see words.h.  A delay is read back as a timer's
 * deadline minus the time it was set, which can differ from the argument
 * in the last bit (0.10000000000000003 for sleep(0.1) at 0.2), so ten
 * significant digits are shown: enough for any delay a lesson writes. */
void al__put_seconds(al_buf *b, double x)
{
    al_buf_printf(b, "%.10g", x);
}

/* al__wait_in: see words.h. */
const al_event *al__wait_in(const al__run *run, uint32_t first, uint32_t last, uint32_t task)
{
    for (uint32_t q = last; q >= first && q > 0; q--) {
        const al_event *e = al__run_event(run, q);
        if (e && e->kind == AL_EV_WAIT && e->task == task)
            return e;
    }
    return NULL;
}

/* al__step_start_of: see words.h.  It walks the suspend's cause link to
 * the task_step that began the step. */
uint32_t al__step_start_of(const al__run *run, const al_event *suspend)
{
    const al_event *c = al__run_event(run, suspend->cause);
    return c ? c->seq : 1;
}

/* al__cancelled_in: see words.h. */
const char *al__cancelled_in(const al__run *run, uint32_t first, uint32_t last)
{
    for (uint32_t q = first; q <= last; q++) {
        const al_event *e = al__run_event(run, q);
        if (e && e->kind == AL_EV_CANCEL && e->other)
            return al__name_of(run, e->other);
        if (e && e->kind == AL_EV_FUTURE_DONE && al__str_is(e->a, "CANCELLED"))
            return strncmp(al__name_of(run, e->actor), "shield", 6) == 0
                       ? "shield()"
                       : al__name_of(run, e->actor);
    }
    return NULL;
}

/* timer_add_of finds the call_at or call_later that set the timer that
 * fire fired: the last timer_add before it with the same deadline and
 * callback, or NULL.  O(events before fire). */
static const al_event *timer_add_of(const al__run *run, const al_event *fire)
{
    for (uint32_t q = fire->seq; q-- > 1;) {
        const al_event *e = al__run_event(run, q);
        if (e->kind == AL_EV_TIMER_ADD && e->a.type == AL_FLOAT && fire->a.type == AL_FLOAT &&
            e->a.u.f == fire->a.u.f && al__str_is(e->b, al__str_or(fire->b, "")))
            return e;
    }
    return NULL;
}

/* al__timer_words: see words.h. */
void al__timer_words(al_buf *b, const al__run *run, const al_event *fire, const al_event *sus)
{
    const char *cb = al__str_or(fire->b, "?");
    const al_event *add = timer_add_of(run, fire);
    if (strcmp(cb, "tasks._release_waiter") == 0 && sus) {
        al__words_await(b, run, sus);
        al_buf_puts(b, "'s timeout");
        if (add) {
            al_buf_puts(b, " (");
            al__put_seconds(b, add->a.u.f - add->time);
            al_buf_puts(b, " s)");
        }
        al_buf_printf(b, " ran out at %.2f", fire->time);
    } else if (strcmp(cb, "futures._set_result_unless_cancelled") == 0 && add) {
        /* asyncio.sleep's own timer */
        al_buf_puts(b, "the timer for sleep(");
        al__put_seconds(b, add->a.u.f - add->time);
        al_buf_printf(b, ") fired at %.2f", fire->time);
    } else if (strcmp(cb, "Timeout._on_timeout") == 0) {
        al_buf_printf(b, "the asyncio.timeout() deadline passed at %.2f", fire->time);
    } else {
        al_buf_printf(b, "the timer for %s()", cb);
        if (add) {
            al_buf_puts(b, " (");
            al__put_seconds(b, add->a.u.f - add->time);
            al_buf_puts(b, " s)");
        }
        al_buf_printf(b, " fired at %.2f", fire->time);
    }
}


/* why_phrase says one link of a cause chain. */
static void why_phrase(al_buf *b, const al__run *run, const al_event *e)
{
    switch (e->kind) {
    case AL_EV_TIMER_FIRE: al__timer_words(b, run, e, NULL); break;
    case AL_EV_CALLBACK:
        al_buf_printf(b, "the loop ran %s", al__str_or(e->b, "a callback"));
        break;
    case AL_EV_CALL_SOON:
        al_buf_printf(b, "%s for %s joined the ready queue", al__str_or(e->b, "a callback"),
                      al__name_of(run, e->other));
        break;
    case AL_EV_FUTURE_DONE: al_buf_printf(b, "%s was done", al__name_of(run, e->actor)); break;
    case AL_EV_CANCEL: al_buf_printf(b, "cancel() of %s", al__name_of(run, e->other)); break;
    case AL_EV_TASK_DONE: al_buf_printf(b, "%s finished", al__name_of(run, e->actor)); break;
    case AL_EV_QUEUE:
        al_format(b, "%s: %r", e->task ? al__name_of(run, e->task) : "queue", e->b);
        break;
    default:
        al_buf_printf(b, "%s %s", al__name_of(run, e->actor), al_ev_names[e->kind]);
        break;
    }
}

/* al__words_why: see views.h. */
void al__words_why(al_buf *b, const al__story *st, const al__step *s)
{
    const al__run *run = st->run;
    const al_event *chain[12];
    size_t n = 0;
    const al_event *e = al__run_event(run, s->woke ? s->woke : s->start);
    while (e && n < 12 && (e = al__run_event(run, e->cause)) != NULL) {
        if (e->kind == AL_EV_RESUME || e->kind == AL_EV_TASK_STEP)
            break;
        chain[n++] = e;
    }
    for (size_t i = n; i-- > 0;) {
        why_phrase(b, run, chain[i]);
        al_buf_puts(b, i ? " → " : "");
    }
    if (n == 0 && s->rail >= 0 && st->rails[s->rail].kind == AL_RAIL_GEN)
        al_buf_puts(b, "a generator runs only inside the next(), send() or throw() that "
                       "resumed it; its caller waits");
    else if (n == 0 && s->woke == 0 && s->rail >= 0 &&
             st->rails[s->rail].kind == AL_RAIL_TASK)
        al_buf_puts(b, "create_task() put its first step in the ready queue");
}
