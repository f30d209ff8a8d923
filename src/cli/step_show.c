/*
 * step_show.c: what the inspecting commands print at the cursor.
 *
 * Each answer is rebuilt from the recorded events 1..cursor, in one pass
 * (O(events)): the scheduler state at an event is a fold of the events
 * before it.  Rows are told in the words the lanes use (views/words.c),
 * so the prompt and the timeline never disagree on what happened.
 */
#include "step.h"

#include <stdlib.h>
#include <string.h>

/* al__step_step_at: see step.h.  Steps are in event order: binary search. */
long al__step_step_at(const al__step_session *s, uint32_t seq)
{
    size_t lo = 0, hi = s->story.nsteps;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const al__step *st = &s->story.steps[mid];
        if (seq < st->first)
            hi = mid;
        else if (seq > st->last)
            lo = mid + 1;
        else
            return (long)mid;
    }
    return -1;
}

/* al__step_rail: see step.h. */
const al__rail *al__step_rail(const al__step_session *s, long k)
{
    if (k < 0 || (size_t)k >= s->story.nsteps || s->story.steps[k].rail < 0)
        return NULL;
    return &s->story.rails[s->story.steps[k].rail];
}

/* al__step_runner: see step.h. */
const char *al__step_runner(const al__step_session *s, long k)
{
    const al__rail *r = al__step_rail(s, k);
    if (r)
        return r->name;
    return k >= 0 && s->story.steps[k].loop_only ? "loop" : "main";
}

/* al__step_task_named: see step.h. */
uint32_t al__step_task_named(const al__step_session *s, const char *name)
{
    for (size_t i = 0; i < s->story.nrails; i++)
        if (s->story.rails[i].actor && strcmp(s->story.rails[i].name, name) == 0)
            return s->story.rails[i].actor;
    return 0;
}

static const char *actor_name(const al__step_session *s, uint32_t id)
{
    const al_actor *a = al__run_actor(&s->run, id);
    return a ? a->name : "?";
}

/* say_buf prints b (wrapped to the session's width by al__step_say) and
 * empties it. */
static void say_buf(al__step_session *s, al_buf *b)
{
    al__step_say(s, "%s", b->data ? b->data : "");
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

/* event_words appends a short phrase for event e, for the detail levels
 * that stop at single events: "timer_fire: sleep for Task-2". */
static void event_words(al_buf *b, const al__step_session *s, const al_event *e)
{
    /* Output belongs to the task that printed it: one name per task. */
    uint32_t who = e->kind == AL_EV_OUTPUT && e->task ? e->task : e->actor;
    al_buf_printf(b, "%s: %s", al_ev_names[e->kind], actor_name(s, who));
    if (e->other)
        al_buf_printf(b, " -> %s", actor_name(s, e->other));
    if (e->a.type != AL_NONE) {
        al_buf_puts(b, " ");
        al_repr_of(b, e->a);
    }
    if (e->b.type == AL_STR) {
        al_buf_puts(b, " ");
        al_str_of(b, e->b);
    }
}

/* step_words appends step k as the lanes row tells it: who runs, how it
 * got control, what it did, how it gave control back, the parts that
 * have anything to say joined by " · ". */
static void step_words(al_buf *b, const al__step_session *s, long k)
{
    const al__step *st = &s->story.steps[k];
    void (*const parts[])(al_buf *, const al__story *, const al__step *) = {
        al__words_start, al__words_acts, al__words_end};
    al_buf_printf(b, "%s", al__step_runner(s, k));
    const char *sep = "  ";
    for (size_t i = 0; i < 3; i++) {
        size_t mark = b->len;
        al_buf_puts(b, sep);
        size_t text = b->len;
        parts[i](b, &s->story, st);
        if (b->len == text) {
            b->len = mark;
            b->data[mark] = '\0';
        } else {
            sep = " · ";
        }
    }
}

/* ends_words appends, at the steps detail, the end of step k in the
 * lanes' words when event e ends its runner's turn ("producer-1  sleeps
 * 0.5 (the end of its step #100)"), where `next` and `finish` land; false,
 * with nothing appended, for any other event. */
static bool ends_words(al_buf *b, const al__step_session *s, long k, const al_event *e)
{
    const al__rail *r = al__step_rail(s, k);
    if (s->detail != AL_DETAIL_STEPS || !r || s->story.steps[k].loop_only ||
        !al__step_ends_turn(e, r->actor))
        return false;
    al_buf_printf(b, "%s  ", r->name);
    size_t mark = b->len;
    al__words_end(b, &s->story, &s->story.steps[k]);
    if (b->len == mark)
        al_buf_puts(b, "ends its turn");
    al_buf_printf(b, " (the end of its step #%lu)", (unsigned long)s->story.steps[k].first);
    return true;
}

/* brief appends event seq in words: a step's row at its first event, the
 * step's end where its runner gives control back, else the single event. */
static void brief(al_buf *b, const al__step_session *s, uint32_t seq)
{
    const al_event *e = al__run_event(&s->run, seq);
    long k = al__step_step_at(s, seq);
    al_buf_printf(b, "#%lu %.2f  ", (unsigned long)seq, e->time);
    if (k >= 0 && s->story.steps[k].first == seq && !s->story.steps[k].loop_only)
        step_words(b, s, k);
    else if (k >= 0 && ends_words(b, s, k, e))
        ;
    else
        event_words(b, s, e);
}

/* al__step_show_here: see step.h. */
void al__step_show_here(al__step_session *s)
{
    al_buf b;
    al_buf_init(&b);
    if (s->cur == 0) {
        al__step_say(s, "before the first event (`step` starts)");
        al_buf_free(&b);
        return;
    }
    brief(&b, s, s->cur);
    say_buf(s, &b);
    /* The program's own lines in this stop, as the lanes show them. */
    uint32_t last = s->cur;
    while (last < s->run.len && !al__step_visible(s, last + 1))
        last++;
    for (uint32_t q = s->cur; q <= last; q++) {
        const al_event *e = al__run_event(&s->run, q);
        if (e->kind == AL_EV_OUTPUT && e->a.type == AL_STR)
            al__step_say(s, "    | %s", e->a.u.s->data);
    }
    if (last < s->run.len) {
        al_buf_puts(&b, "  next: ");
        brief(&b, s, last + 1);
    } else {
        al_buf_puts(&b, "  next: the end of the run");
    }
    say_buf(s, &b);
    al_buf_free(&b);
}

/* ---- tasks ---- */

static const char *const state_words[] = {
    [AL_RS_NONE] = "-", [AL_RS_NEW] = "new", [AL_RS_RUN] = "running",
    [AL_RS_READY] = "ready", [AL_RS_WAIT] = "waiting", [AL_RS_DONE] = "done",
    [AL_RS_FAIL] = "failed",
};

/* fail_words appends how a failed task ended: "cancelled", or "failed:
 * raised X" from its task_done event at or before the cursor, so that ps
 * tells a cancelled child from one that raised.  O(cursor). */
static void fail_words(al_buf *b, const al__step_session *s, uint32_t actor)
{
    for (uint32_t q = s->cur; q >= 1; q--) {
        const al_event *e = al__run_event(&s->run, q);
        if (e->kind != AL_EV_TASK_DONE || e->actor != actor)
            continue;
        if (e->a.type == AL_STR && strcmp(e->a.u.s->data, "CANCELLED") == 0)
            al_buf_puts(b, "cancelled");
        else if (e->flags & AL_EVF_RAISED)
            al_format(b, "failed: raised %r", e->b);
        else
            break;
        return;
    }
    al_buf_puts(b, "failed");
}

/* last_suspend is the last task_suspend (or yield) of actor at or before
 * seq, or 0. */
static uint32_t last_suspend(const al__step_session *s, uint32_t actor, uint32_t seq)
{
    for (uint32_t q = seq; q >= 1; q--) {
        const al_event *e = al__run_event(&s->run, q);
        if ((e->kind == AL_EV_TASK_SUSPEND || e->kind == AL_EV_YIELD) && e->actor == actor)
            return q;
        if ((e->kind == AL_EV_TASK_STEP || e->kind == AL_EV_RESUME) && e->actor == actor)
            return 0;
    }
    return 0;
}

/* rail_state is rail r's state at the cursor: the state the lanes draw
 * after the previous step, and running for the rail of the cursor's step. */
static int rail_state(const al__step_session *s, size_t r)
{
    long k = al__step_step_at(s, s->cur);
    if (k >= 0 && s->story.steps[k].rail == (int)r && !s->story.steps[k].loop_only)
        return AL_RS_RUN;
    long prev = k >= 0 ? k - 1 : -1;
    if (k < 0)
        for (size_t i = 0; i < s->story.nsteps && s->story.steps[i].last < s->cur; i++)
            prev = (long)i;
    /* A step keeps the states of the rails that existed when it ended. */
    if (prev < 0 || r >= s->story.steps[prev].nstates)
        return AL_RS_NONE;
    return s->story.steps[prev].states[r];
}

void al__step_cmd_tasks(al__step_session *s, const char *const *argv, size_t argc)
{
    (void)argv;
    (void)argc;
    al_buf b;
    al_buf_init(&b);
    bool any = false;
    for (size_t r = 0; r < s->story.nrails; r++) {
        const al__rail *rl = &s->story.rails[r];
        if (rl->kind != AL_RAIL_TASK && rl->kind != AL_RAIL_GEN)
            continue;
        int st = rail_state(s, r);
        if (st == AL_RS_NONE)
            continue;
        any = true;
        al_buf_printf(&b, "  %-12s %-14s ", rl->name, rl->code ? rl->code : "");
        if (st == AL_RS_FAIL)
            fail_words(&b, s, rl->actor);
        else
            al_buf_puts(&b, state_words[st]);
        uint32_t susp = st == AL_RS_WAIT ? last_suspend(s, rl->actor, s->cur) : 0;
        if (susp) {
            const al_event *e = al__run_event(&s->run, susp);
            al_buf_puts(&b, " awaits ");
            if (e->kind == AL_EV_TASK_SUSPEND)
                al__words_await(&b, &s->run, e);
            else
                al_buf_puts(&b, "next()/send()");
            al_buf_printf(&b, " since %.2f (#%lu)", e->time, (unsigned long)susp);
        }
        say_buf(s, &b);
    }
    if (!any)
        al__step_say(s, "no task or generator exists yet at this event");
    al_buf_free(&b);
}

/* ---- where ---- */

/* where_chain appends the delegation chain of frame actor at the cursor:
 * each delegate not yet ended, innermost last. */
static void where_chain(al_buf *b, const al__step_session *s, uint32_t frame, int depth)
{
    uint32_t to = 0;
    for (uint32_t q = 1; q <= s->cur; q++) {
        const al_event *e = al__run_event(&s->run, q);
        if (e->kind == AL_EV_DELEGATE && e->actor == frame)
            to = e->other;
        else if (e->kind == AL_EV_DELEGATE_END && e->actor == frame)
            to = 0;
    }
    if (!to || depth > 32)
        return;
    al_buf_printf(b, "\n  %*s└ awaits %s", depth * 2, "", actor_name(s, to));
    const al_actor *a = al__run_actor(&s->run, to);
    if (a && a->code)
        al_buf_printf(b, " (%s)", a->code);
    where_chain(b, s, to, depth + 1);
}

void al__step_cmd_where(al__step_session *s, const char *const *argv, size_t argc)
{
    uint32_t task = argc ? al__step_task_named(s, argv[0]) : 0;
    if (argc && !task) {
        al__step_say(s, "no task or generator is called '%s' (Tab lists them)", argv[0]);
        return;
    }
    if (!task) {
        const al__rail *r = al__step_rail(s, al__step_step_at(s, s->cur));
        task = r ? r->actor : 0;
    }
    if (!task) {
        al__step_say(s, "nothing runs at this event: `where TASK` names one");
        return;
    }
    al_buf b;
    al_buf_init(&b);
    uint32_t coro = 0, creator = 0;
    for (uint32_t q = 1; q <= s->run.len; q++) {
        const al_event *e = al__run_event(&s->run, q);
        if (e->kind == AL_EV_TASK_NEW && e->actor == task) {
            coro = e->other;
            creator = e->task;
            break;
        }
    }
    al_buf_printf(&b, "%s", actor_name(s, task));
    if (coro) {
        al_buf_printf(&b, " runs %s", actor_name(s, coro));
        al_buf_printf(&b, ", created by %s", creator ? actor_name(s, creator) : "main");
    }
    where_chain(&b, s, coro ? coro : task, 1);
    uint32_t susp = last_suspend(s, task, s->cur);
    if (susp && al__run_event(&s->run, susp)->kind == AL_EV_TASK_SUSPEND) {
        al_buf_puts(&b, "\n  innermost: suspended on ");
        al__words_await(&b, &s->run, al__run_event(&s->run, susp));
    }
    say_buf(s, &b);
    al_buf_free(&b);
}

/* ---- the loop's state: ready queue and timers ---- */

typedef struct entry {
    uint32_t seq;      /* the event that queued or armed it */
    uint32_t about;    /* the actor it concerns */
    double when;
    const char *name;
} entry;

typedef struct loop_state {
    entry *ready, *timers;
    size_t nready, ntimers;
} loop_state;

static void push(entry **v, size_t *n, entry e)
{
    entry *nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv)
        return;
    *v = nv;
    (*v)[(*n)++] = e;
}

static void drop(entry *v, size_t *n, size_t i)
{
    memmove(&v[i], &v[i + 1], (*n - i - 1) * sizeof *v);
    (*n)--;
}

static const char *str_of(al_value v) { return v.type == AL_STR ? v.u.s->data : ""; }

/* match_timer finds the pending timer an event (fire or cancel) is about. */
static long match_timer(const loop_state *ls, const al_event *e, uint32_t about)
{
    for (size_t i = 0; i < ls->ntimers; i++)
        if (ls->timers[i].about == about && strcmp(ls->timers[i].name, str_of(e->b)) == 0 &&
            (e->a.type != AL_FLOAT || ls->timers[i].when == e->a.u.f))
            return (long)i;
    return -1;
}

/* fold_loop replays events 1..cur into the ready queue and the timers. */
static void fold_loop(const al__step_session *s, loop_state *ls)
{
    for (uint32_t q = 1; q <= s->cur; q++) {
        const al_event *e = al__run_event(&s->run, q);
        uint32_t about = e->other ? e->other : e->actor;
        long i;
        switch (e->kind) {
        case AL_EV_CALL_SOON:
            push(&ls->ready, &ls->nready, (entry){q, about, 0, str_of(e->b)});
            break;
        case AL_EV_TIMER_ADD:
            push(&ls->timers, &ls->ntimers, (entry){q, about, e->a.u.f, str_of(e->b)});
            break;
        case AL_EV_TIMER_FIRE:
            if ((i = match_timer(ls, e, e->other)) >= 0)
                drop(ls->timers, &ls->ntimers, (size_t)i);
            push(&ls->ready, &ls->nready, (entry){q, e->other, e->a.u.f, str_of(e->b)});
            break;
        case AL_EV_TIMER_CANCEL:
            if (e->a.type == AL_FLOAT && (i = match_timer(ls, e, e->other ? e->other : 0)) >= 0)
                drop(ls->timers, &ls->ntimers, (size_t)i);
            for (size_t k = 0; e->a.type != AL_FLOAT && k < ls->nready; k++)
                if (ls->ready[k].about == e->other && strcmp(ls->ready[k].name, str_of(e->b)) == 0) {
                    drop(ls->ready, &ls->nready, k);
                    break;
                }
            break;
        case AL_EV_CALLBACK:
            for (size_t k = 0; k < ls->nready; k++)
                if (ls->ready[k].seq == e->cause) {
                    drop(ls->ready, &ls->nready, k);
                    break;
                }
            break;
        default:
            break;
        }
    }
}

void al__step_cmd_ready(al__step_session *s, const char *const *argv, size_t argc)
{
    (void)argv;
    (void)argc;
    loop_state ls = {0};
    fold_loop(s, &ls);
    if (ls.nready == 0)
        al__step_say(s, "the ready queue is empty");
    for (size_t i = 0; i < ls.nready; i++)
        al__step_say(s, "  %zu. %s for %s (queued at #%lu)", i + 1, ls.ready[i].name,
                     actor_name(s, ls.ready[i].about), (unsigned long)ls.ready[i].seq);
    free(ls.ready);
    free(ls.timers);
}

static int by_due(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->when != y->when)
        return x->when < y->when ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void al__step_cmd_timers(al__step_session *s, const char *const *argv, size_t argc)
{
    (void)argv;
    (void)argc;
    loop_state ls = {0};
    fold_loop(s, &ls);
    if (ls.ntimers) /* qsort's array may not be NULL, even empty */
        qsort(ls.timers, ls.ntimers, sizeof *ls.timers, by_due);
    if (ls.ntimers == 0)
        al__step_say(s, "no timer is pending");
    for (size_t i = 0; i < ls.ntimers; i++)
        al__step_say(s, "  due %.2f  wakes %s (callback %s, armed at #%lu)", ls.timers[i].when,
                     actor_name(s, ls.timers[i].about), ls.timers[i].name,
                     (unsigned long)ls.timers[i].seq);
    free(ls.ready);
    free(ls.timers);
}
