/*
 * words.c: causes, waits and deadlocks in the words a learner uses.
 *
 * The trace links every event to its cause; a wakeup sits at the end of a
 * chain such as timer_fire -> callback -> future_done -> call_soon ->
 * callback -> wakeup.  These functions read such chains and say them as
 * one phrase ("woke: the timer for sleep(1) fired at 1.00"), naming what
 * the program awaits as the program wrote it (Queue.get(), Queue.join()),
 * never the runtime's internals.  Each phrase costs O(events in the step)
 * at most; the deadlock report O(events).
 */
#include "views.h"

#include <string.h>

static const char *name_of(const al__run *run, uint32_t id)
{
    const al_actor *a = al__run_actor(run, id);
    return a ? a->name : "?";
}

static bool str_is(al_value v, const char *s)
{
    return v.type == AL_STR && strcmp(v.u.s->data, s) == 0;
}

static const char *str_or(al_value v, const char *dflt)
{
    return v.type == AL_STR ? v.u.s->data : dflt;
}

/* put_seconds appends x as the program would have written a delay: 1
 * for 1.0, 0.5 for 0.5.  A delay is read back as a timer's deadline
 * minus the time it was set, which can differ from the argument in the
 * last bit (0.10000000000000003 for sleep(0.1) at 0.2), so ten
 * significant digits are shown: enough for any delay a lesson writes. */
static void put_seconds(al_buf *b, double x)
{
    al_buf_printf(b, "%.10g", x);
}

/* wait_in returns the wait event (a task waiting on a queue, lock or
 * event) among events first..last of task, or NULL. */
static const al_event *wait_in(const al__run *run, uint32_t first, uint32_t last, uint32_t task)
{
    for (uint32_t q = last; q >= first && q > 0; q--) {
        const al_event *e = al__run_event(run, q);
        if (e && e->kind == AL_EV_WAIT && e->task == task)
            return e;
    }
    return NULL;
}

/* outer_wait returns the first wait event of task among first..last when
 * it differs from the last one, or NULL.  A primitive built on another
 * waits twice in one step (Barrier.wait on its Condition), and the first
 * is the call the program wrote. */
static const al_event *outer_wait(const al__run *run, uint32_t first, uint32_t last, uint32_t task)
{
    const al_event *inner = wait_in(run, first, last, task);
    for (uint32_t q = first; inner && q < inner->seq; q++) {
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

/* step_start_of: the first event of the step holding suspend, for the
 * search of its wait and timer events.  Walks the cause link to the
 * task_step that the suspend's cause names. */
static uint32_t step_start_of(const al__run *run, const al_event *suspend)
{
    const al_event *c = al__run_event(run, suspend->cause);
    return c ? c->seq : 1;
}

/* cancelled_in names what a wait_for() that timed out cancels in events
 * first..last: the task it cancels, or the shield() it cancels; NULL if
 * neither is there. */
static const char *cancelled_in(const al__run *run, uint32_t first, uint32_t last)
{
    for (uint32_t q = first; q <= last; q++) {
        const al_event *e = al__run_event(run, q);
        if (e && e->kind == AL_EV_CANCEL && e->other)
            return name_of(run, e->other);
        if (e && e->kind == AL_EV_FUTURE_DONE && str_is(e->a, "CANCELLED"))
            return strncmp(name_of(run, e->actor), "shield", 6) == 0 ? "shield()"
                                                                       : name_of(run, e->actor);
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
            e->a.u.f == fire->a.u.f && str_is(e->b, str_or(fire->b, "")))
            return e;
    }
    return NULL;
}

/* timer_words says which timer fire is, in the program's terms: the
 * timeout of the wait_for() the task awaits (sus), an asyncio.timeout()
 * deadline, or a callback the program scheduled, with its delay. */
static void timer_words(al_buf *b, const al__run *run, const al_event *fire,
                        const al_event *sus)
{
    const char *cb = str_or(fire->b, "?");
    const al_event *add = timer_add_of(run, fire);
    if (strcmp(cb, "tasks._release_waiter") == 0 && sus) {
        al__words_await(b, run, sus);
        al_buf_puts(b, "'s timeout");
        if (add) {
            al_buf_puts(b, " (");
            put_seconds(b, add->a.u.f - add->time);
            al_buf_puts(b, " s)");
        }
        al_buf_printf(b, " ran out at %.2f", fire->time);
    } else if (strcmp(cb, "futures._set_result_unless_cancelled") == 0 && add) {
        /* asyncio.sleep's own timer */
        al_buf_puts(b, "the timer for sleep(");
        put_seconds(b, add->a.u.f - add->time);
        al_buf_printf(b, ") fired at %.2f", fire->time);
    } else if (strcmp(cb, "Timeout._on_timeout") == 0) {
        al_buf_printf(b, "the asyncio.timeout() deadline passed at %.2f", fire->time);
    } else {
        al_buf_printf(b, "the timer for %s()", cb);
        if (add) {
            al_buf_puts(b, " (");
            put_seconds(b, add->a.u.f - add->time);
            al_buf_puts(b, " s)");
        }
        al_buf_printf(b, " fired at %.2f", fire->time);
    }
}

/* al__words_await: see views.h. */
void al__words_await(al_buf *b, const al__run *run, const al_event *suspend)
{
    const char *label = str_or(suspend->b, "?");
    uint32_t from = step_start_of(run, suspend);
    const al_event *w = wait_in(run, from, suspend->seq, suspend->actor);
    if (w && strcmp(name_of(run, w->other), "Queue._finished") == 0) {
        al_buf_puts(b, "Queue.join()");
    } else if (w && strncmp(name_of(run, w->other), "as_completed", 12) == 0) {
        al_buf_puts(b, "as_completed()'s next result");
    } else if (strcmp(label, "sleep") == 0) {
        double d = timer_delay(run, from, suspend->seq, suspend->actor);
        al_buf_puts(b, "sleep(");
        if (d >= 0)
            put_seconds(b, d);
        al_buf_putc(b, ')');
    } else if (strcmp(label, "TaskGroup._on_completed_fut") == 0) {
        al_buf_puts(b, "its TaskGroup's tasks");
    } else if (strcmp(label, "_cancel_and_wait") == 0) {
        /* wait_for() timed out: it cancels what it awaited, and waits
         * for that to end, inside the program's own await */
        const char *what = cancelled_in(run, from, suspend->seq);
        al_buf_printf(b, "wait_for() to cancel %s", what ? what : "its awaitable");
    } else if ((w = outer_wait(run, from, suspend->seq, suspend->actor)) != NULL) {
        al_buf_printf(b, "%s()", str_or(w->a, "?"));
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
    const char *label = str_or(e->b, "");
    switch (s->end) {
    case AL_END_WAIT:
        if (strcmp(label, "sleep") == 0) {
            double d = timer_delay(run, s->first, s->last, e->actor);
            al_buf_puts(b, "sleeps ");
            put_seconds(b, d);
        } else if (strcmp(label, "sleep(0)") == 0) {
            al_buf_puts(b, "yields to the loop: sleep(0)");
        } else if (strcmp(label, "Queue.put") == 0) {
            int64_t n = queue_size(run, e->seq);
            al_buf_printf(b, "waits: queue full (%lld/%lld)", (long long)n, (long long)n);
        } else if (strcmp(label, "Queue.get") == 0 && !wait_in(run, s->first, s->last, e->actor)) {
            al_buf_puts(b, "waits: Queue.get()");
        } else if (strcmp(label, "Queue.get") == 0 &&
                   strcmp(name_of(run, wait_in(run, s->first, s->last, e->actor)->other),
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
        if (e->kind == AL_EV_TASK_DONE && str_is(e->a, "CANCELLED"))
            al_buf_puts(b, "cancelled");
        else if (e->b.type == AL_EXC || e->a.type == AL_EXC)
            al_format(b, "raises %r", e->a.type == AL_EXC ? e->a : e->b);
        else
            al_buf_puts(b, "failed");
        return;
    case AL_END_NONE: return;
    }
}

/* woke_words says why a task woke from the future it awaited and the
 * event that completed it. */
static void woke_words(al_buf *b, const al__story *st, const al__step *s)
{
    const al__run *run = st->run;
    const al_event *sus = al__run_event(run, s->awaited);
    const al_event *c = al__run_event(run, s->cause);
    const char *label = sus ? str_or(sus->b, "") : "";
    const char *who = s->cause_rail >= 0 ? st->rails[s->cause_rail].name : NULL;
    const al_event *w = sus ? wait_in(run, step_start_of(run, sus), sus->seq, sus->actor) : NULL;
    al_buf_puts(b, "woke: ");
    if (c && c->kind == AL_EV_TIMER_FIRE && strcmp(label, "sleep") == 0 && st->terse) {
        al__words_await(b, run, sus);
        al_buf_puts(b, " ended");
    } else if (c && c->kind == AL_EV_TIMER_FIRE && strcmp(label, "sleep") == 0) {
        al_buf_puts(b, "the timer for ");
        al__words_await(b, run, sus);
        al_buf_printf(b, " fired at %.2f", c->time);
    } else if (c && c->kind == AL_EV_TIMER_FIRE) {
        timer_words(b, run, c, sus);
    } else if (strcmp(label, "sleep(0)") == 0) {
        al_buf_puts(b, "back after sleep(0)");
    } else if (who && strcmp(label, "Queue.get") == 0) {
        al_buf_printf(b, "%s put an item", who);
    } else if (who && strcmp(label, "Queue.put") == 0) {
        al_buf_printf(b, "%s took an item", who);
    } else if (who && w && strcmp(name_of(run, w->other), "Queue._finished") == 0) {
        al_buf_printf(b, st->terse ? "join() returned (%s's task_done())"
                                   : "%s called task_done() for the last item", who);
    } else if (who && strcmp(label, "gather") == 0) {
        al_buf_printf(b, st->terse ? "gather() done" : "gather() done, %s finished last", who);
    } else if (who && sus && strcmp(label, name_of(run, sus->other)) == 0) {
        al_buf_printf(b, "%s finished", label);
    } else if (strcmp(label, "_cancel_and_wait") == 0) {
        const char *what = cancelled_in(run, step_start_of(run, sus), sus->seq);
        al_buf_printf(b, "wait_for() cancelled %s", what ? what : "its awaitable");
    } else if (strcmp(label, "TaskGroup._on_completed_fut") == 0) {
        al_buf_puts(b, "its TaskGroup's tasks are done");
        if (who)
            al_buf_printf(b, " (%s ended last)", who);
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
    if (sus && who && cancelled && strcmp(str_or(sus->b, ""), who) == 0)
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
            return run->ev[i].task ? name_of(run, run->ev[i].task) : "asyncio.run()";
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
        by = name_of(run, d->actor);
    const char *via[8];
    int nvia = 0;
    for (const al_event *c = delegated ? NULL : al__run_event(run, e->cause);
         c && c->kind == e->kind && c->actor != e->actor && !c->task && nvia < 8 &&
         forwarding(run, c);
         c = al__run_event(run, c->cause))
        via[nvia++] = name_of(run, c->actor);
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

/* late_timer says which timer a blocking call delayed, and by how much:
 * the first timer that fires after blk, past its deadline. */
static void late_timer(al_buf *b, const al__run *run, const al_event *blk)
{
    for (uint32_t q = blk->seq + 1; q <= run->len; q++) {
        const al_event *e = al__run_event(run, q);
        if (e->kind != AL_EV_TIMER_FIRE || e->a.type != AL_FLOAT)
            continue;
        if (e->time - e->a.u.f > 1e-9)
            al_buf_printf(b, "; %s, due at %.2f, ran %.2f s late", name_of(run, e->other),
                          e->a.u.f, e->time - e->a.u.f);
        return;
    }
}

/* act appends one act, with its verb only when the previous act was of
 * another kind: "creates a, b, c", "cancels x, y". */
static void act(al_buf *b, size_t mark, int *last, int kind, const char *verb, const char *what)
{
    if (b->len > mark)
        al_buf_puts(b, *last == kind ? ", " : " · ");
    al_buf_printf(b, "%s%s", *last == kind ? "" : verb, what);
    *last = kind;
}

/* al__words_acts: see views.h. */
void al__words_acts(al_buf *b, const al__story *st, const al__step *s)
{
    const al__run *run = st->run;
    size_t mark = b->len;
    int last = 0;
    for (uint32_t q = s->first; q <= s->last; q++) {
        const al_event *e = al__run_event(run, q);
        int r = e->actor ? st->rail_of[e->actor] : -1;
        if ((e->kind == AL_EV_TASK_NEW && r >= 0) ||
            (e->kind == AL_EV_CREATE && r >= 0 && st->rails[r].kind == AL_RAIL_GEN)) {
            act(b, mark, &last, 1, "creates ", name_of(run, e->actor));
        } else if (e->kind == AL_EV_CANCEL && e->other) {
            act(b, mark, &last, 2, "cancels ", name_of(run, e->other));
        } else if (e->kind == AL_EV_BLOCK && e->a.type == AL_FLOAT) {
            al_buf t;
            al_buf_init(&t);
            al_buf_printf(&t, "blocked the loop for %.1f s", e->a.u.f);
            late_timer(&t, run, e);
            act(b, mark, &last, 3, "", t.data);
            al_buf_free(&t);
        } else if (e->kind == AL_EV_QUEUE && e->a.type == AL_INT && e->b.type == AL_TUPLE &&
                   e->b.u.seq->len == 2 && s->nout == 0) {
            al_buf t;
            al_buf_init(&t);
            al_format(&t, "%v %v (size %D)", e->b.u.seq->items[0], e->b.u.seq->items[1],
                      e->a.u.i);
            act(b, mark, &last, 4, "", t.data);
            al_buf_free(&t);
        }
    }
}

/* why_phrase says one link of a cause chain. */
static void why_phrase(al_buf *b, const al__run *run, const al_event *e)
{
    switch (e->kind) {
    case AL_EV_TIMER_FIRE: timer_words(b, run, e, NULL); break;
    case AL_EV_CALLBACK:
        al_buf_printf(b, "the loop ran %s", str_or(e->b, "a callback"));
        break;
    case AL_EV_CALL_SOON:
        al_buf_printf(b, "%s for %s joined the ready queue", str_or(e->b, "a callback"),
                      name_of(run, e->other));
        break;
    case AL_EV_FUTURE_DONE: al_buf_printf(b, "%s was done", name_of(run, e->actor)); break;
    case AL_EV_CANCEL: al_buf_printf(b, "cancel() of %s", name_of(run, e->other)); break;
    case AL_EV_TASK_DONE: al_buf_printf(b, "%s finished", name_of(run, e->actor)); break;
    case AL_EV_QUEUE:
        al_format(b, "%s: %r", e->task ? name_of(run, e->task) : "queue", e->b);
        break;
    default:
        al_buf_printf(b, "%s %s", name_of(run, e->actor), al_ev_names[e->kind]);
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

/* actors_with lists the tasks that did queue operation op ("put" or
 * "get"), each once, in the order they first did it. */
static void actors_with(al_buf *b, const al__run *run, const char *op)
{
    size_t mark = b->len;
    for (size_t i = 0; i < run->len; i++) {
        const al_event *e = &run->ev[i];
        if (e->kind != AL_EV_QUEUE || !e->task || e->b.type != AL_TUPLE ||
            e->b.u.seq->len < 1 || !str_is(e->b.u.seq->items[0], op))
            continue;
        const char *n = name_of(run, e->task);
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            const al_event *f = &run->ev[j];
            seen = f->kind == AL_EV_QUEUE && f->task == e->task && f->b.type == AL_TUPLE &&
                   f->b.u.seq->len >= 1 && str_is(f->b.u.seq->items[0], op);
        }
        if (!seen)
            al_buf_printf(b, "%s%s", b->len > mark ? ", " : "", n);
    }
    if (b->len == mark)
        al_buf_puts(b, "none");
}

/* last_suspend finds task's last task_suspend before seq. */
static const al_event *last_suspend(const al__run *run, uint32_t task, uint32_t seq)
{
    for (uint32_t q = seq; q > 0; q--) {
        const al_event *e = al__run_event(run, q);
        if (e->kind == AL_EV_TASK_SUSPEND && e->actor == task)
            return e;
    }
    return NULL;
}

/* al__words_deadlock: see views.h. */
void al__words_deadlock(al_buf *b, const al__run *run)
{
    for (size_t i = 0; i < run->len; i++) {
        const al_event *d = &run->ev[i];
        if (d->kind != AL_EV_DEADLOCK)
            continue;
        const al_event *sus = last_suspend(run, d->actor, d->seq);
        const al_actor *a = al__run_actor(run, d->actor);
        al_buf_printf(b, "%s", a ? a->name : "?");
        if (a && a->code && !strstr(a->name, a->code))
            al_buf_printf(b, " (%s)", a->code);
        if (!sus) {
            al_buf_puts(b, " is stuck\n");
            continue;
        }
        al_buf b2;
        al_buf_init(&b2);
        al__words_await(&b2, run, sus);
        al_buf_printf(b, " awaits %s: ", b2.data);
        if (strcmp(b2.data, "Queue.join()") == 0) {
            al_buf_puts(b, "only task_done() for each item could wake it, from the tasks "
                           "that got items (");
            actors_with(b, run, "get");
            al_buf_puts(b, ")");
        } else if (strcmp(b2.data, "Queue.get()") == 0) {
            al_buf_puts(b, "only a put() could wake it, and the tasks that put items (");
            actors_with(b, run, "put");
            al_buf_puts(b, ") are done or waiting");
        } else if (strcmp(b2.data, "Queue.put()") == 0) {
            al_buf_puts(b, "only a get() could wake it, from the tasks that got items (");
            actors_with(b, run, "get");
            al_buf_puts(b, ")");
        } else {
            al_buf_puts(b, "no task left could complete it");
        }
        al_buf_putc(b, '\n');
        al_buf_free(&b2);
    }
}
