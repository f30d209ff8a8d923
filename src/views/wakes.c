/*
 * wakes.c: how a step got control, in words: a task's first step, its
 * wake-up and what caused it ("woke: producer-0 put an item"), an
 * exception thrown in ("woke: cancelled by Task-1"), and the next(),
 * send() or throw() that resumed a generator, through any yield from.
 * O(events before the step) per phrase at most.
 */
#include "words.h"

#include <string.h>

/* woke_words says why a task woke from the future it awaited and the
 * event that completed it. */
static void woke_words(al_buf *b, const al__story *st, const al__step *s)
{
    const al__run *run = st->run;
    const al_event *sus = al__run_event(run, s->awaited);
    const al_event *c = al__run_event(run, s->cause);
    const char *label = sus ? al__str_or(sus->b, "") : "";
    const char *who = s->cause_rail >= 0 ? st->rails[s->cause_rail].name : NULL;
    const al_event *w = sus ? al__wait_in(run, al__step_start_of(run, sus), sus->seq, sus->actor) : NULL;
    al_buf_puts(b, "woke: ");
    if (c && c->kind == AL_EV_TIMER_FIRE && strcmp(label, "sleep") == 0 && st->terse) {
        al__words_await(b, run, sus);
        al_buf_puts(b, " ended");
    } else if (c && c->kind == AL_EV_TIMER_FIRE && strcmp(label, "sleep") == 0) {
        al_buf_puts(b, "the timer for ");
        al__words_await(b, run, sus);
        al_buf_printf(b, " fired at %.2f", c->time);
    } else if (c && c->kind == AL_EV_TIMER_FIRE) {
        al__timer_words(b, run, c, sus);
    } else if (strcmp(label, "sleep(0)") == 0) {
        al_buf_puts(b, "back after sleep(0)");
    } else if (who && strcmp(label, "Queue.get") == 0) {
        al_buf_printf(b, "%s put an item", who);
    } else if (who && strcmp(label, "Queue.put") == 0) {
        al_buf_printf(b, "%s took an item", who);
    } else if (who && w && strcmp(al__name_of(run, w->other), "Queue._finished") == 0) {
        al_buf_printf(b, st->terse ? "join() returned (%s's task_done())"
                                   : "%s called task_done() for the last item", who);
    } else if (who && strcmp(label, "gather") == 0) {
        al_buf_printf(b, st->terse ? "gather() done" : "gather() done, %s finished last", who);
    } else if (who && sus && strcmp(label, al__name_of(run, sus->other)) == 0) {
        al_buf_printf(b, "%s finished", label);
    } else if (strcmp(label, "_cancel_and_wait") == 0) {
        const char *what = al__cancelled_in(run, al__step_start_of(run, sus), sus->seq);
        al_buf_printf(b, "wait_for() cancelled %s", what ? what : "its awaitable");
    } else if (sus) {
        al__words_await(b, run, sus);
        al_buf_puts(b, " is done");
        if (who)
            al_buf_printf(b, " (by %s)", who);
    } else {
        al_buf_puts(b, "its turn came");
    }
}

/* canceller is the rail that last asked to cancel step s's task before
 * the step began, or -1.  A task already woken (its timer fired) when
 * cancel() came keeps the cancel for its next step, so the step's own
 * cause is not the canceller.  O(events before the step). */
static int canceller(const al__story *st, const al__step *s)
{
    if (s->rail < 0)
        return -1;
    for (uint32_t q = s->first; q-- > 1;) {
        const al_event *e = al__run_event(st->run, q);
        if (e && e->kind == AL_EV_CANCEL && e->other == st->rails[s->rail].actor)
            return al__story_rail_at(st, q);
    }
    return -1;
}

/* thrown_in says why a task woke with an exception: cancelled by a task,
 * or what it awaited raised it. */
static void thrown_in(al_buf *b, const al__story *st, const al__step *s, al_value exc)
{
    const al__run *run = st->run;
    const al_event *sus = al__run_event(run, s->awaited);
    const char *who = s->cause_rail >= 0 ? st->rails[s->cause_rail].name : NULL;
    bool cancelled = exc.u.exc && strcmp(exc.u.exc->type->name, "CancelledError") == 0;
    const char *by = who;
    if (cancelled && !by) {
        int r = canceller(st, s);
        by = r >= 0 ? st->rails[r].name : NULL;
    }
    al_buf_puts(b, "woke: ");
    if (sus && who && cancelled && strcmp(al__str_or(sus->b, ""), who) == 0)
        al_buf_printf(b, "%s was cancelled", who);
    else if (cancelled && by)
        al_buf_printf(b, "cancelled by %s", by);
    else if (cancelled)
        al_buf_puts(b, "cancelled");
    else if (sus) {
        al__words_await(b, run, sus);
        al_format(b, " raised %r", exc);
    } else {
        al_format(b, "%r thrown in", exc);
    }
}

/* creator names the task or code that created task actor. */
static const char *creator(const al__run *run, uint32_t actor)
{
    for (size_t i = 0; i < run->len; i++)
        if (run->ev[i].kind == AL_EV_TASK_NEW && run->ev[i].actor == actor)
            return run->ev[i].task ? al__name_of(run, run->ev[i].task) : "asyncio.run()";
    return "?";
}

/* closing says whether e throws close()'s GeneratorExit. */
static bool closing(const al_event *e)
{
    return e->kind == AL_EV_THROW && e->a.type == AL_EXC && e->a.u.exc &&
           strcmp(e->a.u.exc->type->name, "GeneratorExit") == 0;
}

static void gen_call(al_buf *b, const al_event *e, bool fresh, const char *by);

/* forwarding: at event e its generator is inside a yield from, so e (a
 * send, next or throw into it) passes through to the inner generator.
 * O(events before e). */
static bool forwarding(const al__run *run, const al_event *e)
{
    for (uint32_t q = e->seq; q-- > 1;) {
        const al_event *d = al__run_event(run, q);
        if (d->actor == e->actor && d->kind == AL_EV_DELEGATE)
            return true;
        if (d->actor == e->actor && (d->kind == AL_EV_DELEGATE_END || d->kind == AL_EV_CREATE))
            return false;
    }
    return false;
}

/* gen_start says how a generator's step began: which call, from whom. */
static void gen_start(al_buf *b, const al__story *st, const al__step *s)
{
    const al__run *run = st->run;
    const al_event *e = al__run_event(run, s->start);
    size_t idx = (size_t)(s - st->steps);
    const al__rail *r = &st->rails[s->rail];
    bool fresh = idx == 0 || r->first == idx ||
                 st->steps[idx - 1].states[s->rail] == AL_RS_NEW;
    const char *by = s->caller >= 0 ? st->rails[s->caller].name : "main";
    /* yield from: a generator's first next() comes from the one that
     * delegates to it; a later send passes through the delegating ones,
     * which the program's call named (main sends to outer, which hands
     * it down to inner) */
    const al_event *d = al__run_event(run, s->start - 1);
    bool delegated = d && d->kind == AL_EV_DELEGATE && d->other == e->actor;
    if (delegated)
        by = al__name_of(run, d->actor);
    const char *via[8];
    int nvia = 0;
    for (const al_event *c = delegated ? NULL : al__run_event(run, e->cause);
         c && c->kind == e->kind && c->actor != e->actor && !c->task && nvia < 8 &&
         forwarding(run, c);
         c = al__run_event(run, c->cause))
        via[nvia++] = al__name_of(run, c->actor);
    gen_call(b, e, fresh, by);
    /* the outermost generator first, as the call reads */
    for (int i = nvia; i-- > 0;)
        al_buf_printf(b, "%s%s", i == nvia - 1 ? " via " : ", ", via[i]);
}

/* gen_call says how the call by by entered a generator's frame (e). */
static void gen_call(al_buf *b, const al_event *e, bool fresh, const char *by)
{
    if (closing(e))
        al_buf_printf(b, "close() from %s", by);
    else if (e->kind == AL_EV_THROW)
        al_format(b, "throw(%r) from %s", e->a, by);
    else if (e->kind == AL_EV_CLOSE)
        al_buf_printf(b, "close() from %s", by);
    else if (e->kind == AL_EV_RESUME && e->a.type != AL_NONE)
        al_format(b, "send(%r) from %s", e->a, by);
    else if (e->kind == AL_EV_RESUME)
        al_buf_printf(b, "%snext() from %s", fresh ? "starts: " : "", by);
}

/* al__words_start: see views.h. */
void al__words_start(al_buf *b, const al__story *st, const al__step *s)
{
    if (s->rail < 0)
        return;
    const al__run *run = st->run;
    const al__rail *r = &st->rails[s->rail];
    const al_event *e = al__run_event(run, s->start);
    if (r->kind == AL_RAIL_GEN) {
        gen_start(b, st, s);
    } else if (r->kind == AL_RAIL_TASK && e->kind == AL_EV_TASK_STEP) {
        if (e->a.type == AL_EXC) {
            thrown_in(b, st, s, e->a);
        } else if (!s->woke && !s->awaited && st->terse) {
            al_buf_puts(b, "starts");
        } else if (!s->woke && !s->awaited) {
            al_buf_printf(b, "starts (created by %s)", creator(run, r->actor));
        } else {
            woke_words(b, st, s);
        }
    }
}

