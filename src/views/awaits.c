/*
 * awaits.c: what a task awaits, and how a step gave control back, in the
 * program's words: "sleeps 0.5", "waits: queue full (2/2)", "waits:
 * Queue.join()", never the runtime's internal futures.  O(events in the
 * step) per phrase.
 */
#include "words.h"

#include <string.h>

/* outer_wait returns the first wait event of task among first..last that
 * names its operation, or NULL.  The runtime names each wait as the
 * program wrote it (Lock.acquire, TaskGroup.__aexit__); a primitive built
 * on another waits twice in one step (Barrier.wait on its Condition), and
 * the first is the call the program wrote.  O(last - first). */
static const al_event *outer_wait(const al__run *run, uint32_t first, uint32_t last, uint32_t task)
{
    for (uint32_t q = first; q <= last; q++) {
        const al_event *e = al__run_event(run, q);
        if (e && e->kind == AL_EV_WAIT && e->task == task && e->a.type == AL_STR)
            return e;
    }
    return NULL;
}

/* timer_delay finds the timer task set between first and last and returns
 * its delay, or -1. */
static double timer_delay(const al__run *run, uint32_t first, uint32_t last, uint32_t task)
{
    for (uint32_t q = first; q <= last; q++) {
        const al_event *e = al__run_event(run, q);
        if (e && e->kind == AL_EV_TIMER_ADD && e->other == task && e->a.type == AL_FLOAT)
            return e->a.u.f - e->time;
    }
    return -1;
}

/* queue_size is the queue's size after the last queue event before seq. */
static int64_t queue_size(const al__run *run, uint32_t seq)
{
    for (uint32_t q = seq; q > 0; q--) {
        const al_event *e = al__run_event(run, q);
        if (e->kind == AL_EV_QUEUE && e->a.type == AL_INT)
            return e->a.u.i;
    }
    return 0;
}

/* al__words_await: see views.h. */
void al__words_await(al_buf *b, const al__run *run, const al_event *suspend)
{
    const char *label = al__str_or(suspend->b, "?");
    uint32_t from = al__step_start_of(run, suspend);
    const al_event *w = al__wait_in(run, from, suspend->seq, suspend->actor);
    if (w && strcmp(al__name_of(run, w->other), "Queue._finished") == 0) {
        al_buf_puts(b, "Queue.join()");
    } else if (w && strncmp(al__name_of(run, w->other), "as_completed", 12) == 0) {
        al_buf_puts(b, "as_completed()'s next result");
    } else if (strcmp(label, "sleep") == 0) {
        double d = timer_delay(run, from, suspend->seq, suspend->actor);
        al_buf_puts(b, "sleep(");
        if (d >= 0)
            al__put_seconds(b, d);
        al_buf_putc(b, ')');
    } else if (strcmp(label, "_cancel_and_wait") == 0) {
        /* wait_for() timed out: it cancels what it awaited, and waits
         * for that to end, inside the program's own await */
        const char *what = al__cancelled_in(run, from, suspend->seq);
        al_buf_printf(b, "wait_for() to cancel %s", what ? what : "its awaitable");
    } else if ((w = outer_wait(run, from, suspend->seq, suspend->actor)) != NULL) {
        al_buf_printf(b, "%s()", al__str_or(w->a, "?"));
    } else if (strchr(label, '.') || strcmp(label, "wait") == 0 || strcmp(label, "gather") == 0 ||
               strcmp(label, "wait_for") == 0 || strcmp(label, "shield") == 0) {
        al_buf_printf(b, "%s()", label);
    } else {
        al_buf_puts(b, label);
    }
}

/* al__words_end: see views.h. */
void al__words_end(al_buf *b, const al__story *st, const al__step *s)
{
    const al__run *run = st->run;
    const al_event *e = al__run_event(run, s->end_ev);
    if (!e)
        return;
    const char *label = al__str_or(e->b, "");
    switch (s->end) {
    case AL_END_WAIT:
        if (strcmp(label, "sleep") == 0) {
            double d = timer_delay(run, s->first, s->last, e->actor);
            al_buf_puts(b, "sleeps ");
            al__put_seconds(b, d);
        } else if (strcmp(label, "sleep(0)") == 0) {
            al_buf_puts(b, "yields to the loop: sleep(0)");
        } else if (strcmp(label, "Queue.put") == 0) {
            int64_t n = queue_size(run, e->seq);
            al_buf_printf(b, "waits: queue full (%lld/%lld)", (long long)n, (long long)n);
        } else if (strcmp(label, "Queue.get") == 0 && !al__wait_in(run, s->first, s->last, e->actor)) {
            al_buf_puts(b, "waits: Queue.get()");
        } else if (strcmp(label, "Queue.get") == 0 &&
                   strcmp(al__name_of(run, al__wait_in(run, s->first, s->last, e->actor)->other),
                          "queue") == 0) {
            al_buf_puts(b, "waits: queue empty");
        } else {
            al_buf_puts(b, "waits: ");
            al__words_await(b, run, e);
        }
        return;
    case AL_END_YIELD: al_format(b, "yields %r", e->a); return;
    case AL_END_DONE:
        if (e->kind == AL_EV_RETURN)
            al_format(b, "returns %r", e->a);
        else
            al_buf_puts(b, e->kind == AL_EV_CLOSE ? "closed" : "done");
        return;
    case AL_END_FAIL:
        if (e->kind == AL_EV_TASK_DONE && al__str_is(e->a, "CANCELLED"))
            al_buf_puts(b, "cancelled");
        else if (e->b.type == AL_EXC || e->a.type == AL_EXC)
            al_format(b, "raises %r", e->a.type == AL_EXC ? e->a : e->b);
        else
            al_buf_puts(b, "failed");
        return;
    case AL_END_NONE: return;
    }
}

