/*
 * story.c: a run's events as the steps a learner follows.
 *
 * A step is a stretch of events during which one thing runs: a task
 * (task_step to task_suspend or task_done), a generator driven from
 * plain code (resume to yield, return or raise), the lesson's plain code
 * ("main"), or the event loop between them.  Each of those that the
 * learner should see gets a rail, a lane in the views; a rail's column is
 * reused once it is gone, so a lesson of many short-lived tasks stays
 * narrow.  After each step the story keeps every rail's state (ready,
 * waiting, done...), which is what the lanes draw.
 *
 * One pass over the events, O(events + steps x rails) time and memory.
 */
#include "views.h"

#include <stdlib.h>
#include <string.h>

/* al__run_open: see views.h. */
bool al__run_open(al__run *run, const al_trace *t)
{
    *run = (al__run){.len = al_trace_len(t), .nactors = al_trace_actor_count(t),
                     .lesson = al_trace_lesson_of(t), .trace = t};
    run->ev = malloc((run->len ? run->len : 1) * sizeof *run->ev);
    run->actors = malloc((run->nactors ? run->nactors : 1) * sizeof *run->actors);
    if (!run->ev || !run->actors) {
        al__run_close(run);
        return false;
    }
    for (size_t i = 0; i < run->len; i++)
        al_trace_event(t, (uint32_t)i + 1, &run->ev[i]);
    for (size_t i = 0; i < run->nactors; i++)
        al_trace_actor(t, (uint32_t)i + 1, &run->actors[i]);
    return true;
}

/* al__run_close: see views.h. */
void al__run_close(al__run *run)
{
    free(run->ev);
    free(run->actors);
    run->ev = NULL;
    run->actors = NULL;
}

/* al__run_actor: see views.h. */
const al_actor *al__run_actor(const al__run *run, uint32_t id)
{
    return id >= 1 && id <= run->nactors ? &run->actors[id - 1] : NULL;
}

/* al__run_event: see views.h. */
const al_event *al__run_event(const al__run *run, uint32_t seq)
{
    return seq >= 1 && seq <= run->len ? &run->ev[seq - 1] : NULL;
}

/* The builder's state while it walks the events. */
typedef struct builder {
    al__story *st;
    int cur;                /* the rail running now, -1 for the loop unrailed */
    bool cur_loop;          /* the loop runs now (with or without a rail) */
    int main_rail, loop_rail;
    uint32_t *delegate_to;  /* per actor: the frame it delegates to, 0 if none */
    uint32_t *wakeup;       /* per actor: the wakeup waiting for its task_step */
    uint32_t *suspend;      /* per actor: its last task_suspend */
    unsigned char *state;   /* every rail's current state */
    int calls[64];          /* the rails that resumed the running generators */
    int depth;
    size_t ready;           /* the ready queue's length */
    bool ok;
} builder;

static bool is_internal_task(const al_actor *a)
{
    /* asyncio.run()'s own clean-up tasks, not the program's. */
    return a && a->code && strncmp(a->code, "BaseEventLoop.", 14) == 0;
}

/* short_label makes a two- or three-character column label: the first
 * letter and the trailing digits ("producer-0" -> "p0", "Task-11" ->
 * "T11", "countdown#1" -> "c1"), or the name itself if it is short. */
static void short_label(char out[8], const char *name)
{
    size_t n = strlen(name);
    if (n <= 3) {
        memcpy(out, name, n + 1);
        return;
    }
    size_t d = n;
    while (d > 0 && name[d - 1] >= '0' && name[d - 1] <= '9')
        d--;
    size_t digits = n - d > 3 ? 3 : n - d;
    out[0] = name[0];
    memcpy(out + 1, name + n - digits, digits);
    out[1 + digits] = '\0';
}

/* unique_label makes r's label differ from every earlier rail's, by
 * taking one more letter of the name when the short one is taken. */
static void unique_label(al__story *st, al__rail *r)
{
    short_label(r->label, r->name);
    for (size_t i = 0; i + 1 < st->nrails; i++) {
        if (strcmp(st->rails[i].label, r->label) != 0)
            continue;
        size_t n = strlen(r->label);
        if (n < 4 && strlen(r->name) > 1) {
            memmove(r->label + 2, r->label + 1, n);
            r->label[1] = r->name[1];
        }
        break;
    }
}

static int add_rail(builder *b, al__rail_kind kind, uint32_t actor, const char *name,
                    const char *code)
{
    al__story *st = b->st;
    al__rail *r = realloc(st->rails, (st->nrails + 1) * sizeof *r);
    unsigned char *s = realloc(b->state, st->nrails + 1);
    if (!r || !s) {
        free(r == st->rails ? NULL : r);
        b->ok = false;
        if (r)
            st->rails = r;
        if (s)
            b->state = s;
        return -1;
    }
    st->rails = r;
    b->state = s;
    al__rail *nr = &st->rails[st->nrails++];
    size_t now = st->nsteps ? st->nsteps - 1 : 0;
    *nr = (al__rail){.kind = kind, .actor = actor, .name = name, .code = code, .first = now,
                     .last = now, .slot = -1};
    unique_label(st, nr);
    b->state[st->nrails - 1] = AL_RS_NEW;
    if (actor)
        st->rail_of[actor] = (int)st->nrails - 1;
    return (int)st->nrails - 1;
}

/* close_step stores the state of every rail after the current step. */
static void close_step(builder *b)
{
    al__story *st = b->st;
    if (st->nsteps == 0)
        return;
    al__step *s = &st->steps[st->nsteps - 1];
    if (s->states)
        return;
    s->states = malloc(st->nrails ? st->nrails : 1);
    if (!s->states) {
        b->ok = false;
        return;
    }
    memcpy(s->states, b->state, st->nrails);
    s->nstates = st->nrails;
    if (s->rail >= 0 && b->state[s->rail] == AL_RS_RUN)
        b->state[s->rail] = AL_RS_WAIT;
}

static void open_step(builder *b, int rail, bool loop, const al_event *e)
{
    al__story *st = b->st;
    close_step(b);
    if (st->nsteps == st->cap) {
        size_t cap = st->cap ? 2 * st->cap : 64;
        al__step *n = realloc(st->steps, cap * sizeof *n);
        if (!n) {
            b->ok = false;
            return;
        }
        st->steps = n;
        st->cap = cap;
    }
    al__step *s = &st->steps[st->nsteps++];
    *s = (al__step){.rail = rail, .first = e->seq, .last = e->seq, .start = e->seq,
                    .cause_rail = -1, .caller = -1, .t0 = e->time, .t1 = e->time,
                    .loop_only = loop};
    bool enter = e->kind == AL_EV_RESUME || e->kind == AL_EV_THROW || e->kind == AL_EV_CLOSE;
    if (rail >= 0 && st->rails[rail].kind == AL_RAIL_GEN) {
        /* The caller is the frame below it on the chain of generators
         * being resumed; plain code when the chain is empty. */
        s->caller = b->depth > 0 ? b->calls[b->depth - 1] : b->main_rail;
        if (enter && b->depth < 64)
            b->calls[b->depth++] = rail;
        if (s->caller == rail)
            s->caller = b->depth > 1 ? b->calls[b->depth - 2] : b->main_rail;
        /* yield from starts the inner generator: the delegating one calls */
        const al_event *d = al__run_event(st->run, e->seq - 1);
        if (d && d->kind == AL_EV_DELEGATE && d->other == e->actor && st->rail_of[d->actor] >= 0)
            s->caller = st->rail_of[d->actor];
    }
    if (rail >= 0)
        b->state[rail] = AL_RS_RUN;
    b->cur = rail;
    b->cur_loop = loop;
}

static int gen_rail(builder *b, const al_event *e)
{
    int r = b->st->rail_of[e->actor];
    if (r < 0) {
        const al_actor *a = al__run_actor(b->st->run, e->actor);
        r = add_rail(b, AL_RAIL_GEN, e->actor, a->name, a->code);
    }
    return r;
}

/* executor says who runs during event e: a rail, the loop (*loop set,
 * rail -1 or the loop's rail), or "whoever ran before" (returns -2). */
static int executor(builder *b, const al_event *e, bool *loop)
{
    const al__story *st = b->st;
    const al_actor *a = al__run_actor(st->run, e->actor);
    al_actor_kind k = a ? a->kind : AL_ACTOR_OBJECT;
    *loop = false;
    if (e->kind == AL_EV_TASK_STEP)
        return st->rail_of[e->actor] >= 0 ? st->rail_of[e->actor] : -3;
    if (e->kind == AL_EV_CLOCK) /* a wait of the loop, or a block of the runner */
        return -2;
    bool loop_kind = e->kind == AL_EV_LOOP_ITER ||
                     e->kind == AL_EV_TIMER_FIRE || e->kind == AL_EV_CALLBACK ||
                     e->kind == AL_EV_WAKEUP || e->kind == AL_EV_DEADLOCK;
    if (!loop_kind && e->task)
        return st->rail_of[e->task] >= 0 ? st->rail_of[e->task] : -3;
    if (loop_kind || k == AL_ACTOR_LOOP) {
        *loop = true;
        return b->loop_rail;
    }
    if (e->kind == AL_EV_CREATE || e->kind == AL_EV_TASK_NEW) {
        const al_actor *maker = al__run_actor(st->run, e->other);
        if (e->kind == AL_EV_CREATE && maker && maker->kind == AL_ACTOR_GENERATOR)
            return st->rail_of[e->other] >= 0 ? st->rail_of[e->other] : -2;
        return b->cur_loop ? -2 : b->main_rail;
    }
    if (k == AL_ACTOR_GENERATOR || k == AL_ACTOR_COROUTINE) {
        bool forward = e->kind == AL_EV_RESUME || e->kind == AL_EV_YIELD ||
                       e->kind == AL_EV_THROW;
        /* A send or next() into a generator that delegates (yield from)
         * passes through it to the inner one: it is the caller's act,
         * so the inner generator's step that follows is a new one. */
        if (forward && b->delegate_to[e->actor] && e->kind != AL_EV_YIELD &&
            b->st->nsteps && b->st->steps[b->st->nsteps - 1].end != AL_END_NONE)
            return b->depth > 0 ? b->calls[b->depth - 1] : b->main_rail;
        if (forward && b->delegate_to[e->actor])
            return -2;
        return gen_rail(b, e);
    }
    if (k == AL_ACTOR_MAIN)
        return b->main_rail;
    return -2;
}

/* track_ready follows the ready queue and the tasks' ready states. */
static void track_ready(builder *b, const al_event *e)
{
    al__story *st = b->st;
    int r = e->other ? st->rail_of[e->other] : -1;
    switch (e->kind) {
    case AL_EV_CALL_SOON:
    case AL_EV_TIMER_FIRE:
        if (++b->ready > st->ready_peak)
            st->ready_peak = b->ready;
        if (e->kind == AL_EV_CALL_SOON && r >= 0 && st->rails[r].kind == AL_RAIL_TASK &&
            e->b.type == AL_STR && strncmp(e->b.u.s->data, "Task.__", 7) == 0)
            b->state[r] = AL_RS_READY;
        break;
    case AL_EV_CALLBACK:
        if (b->ready)
            b->ready--;
        break;
    case AL_EV_LOOP_ITER: st->loop_turns++; break;
    case AL_EV_WAKEUP: b->wakeup[e->actor] = e->seq; break;
    case AL_EV_TASK_SUSPEND: b->suspend[e->actor] = e->seq; break;
    default: break;
    }
}

/* leave pops the chain of resumed generators down through rail, which
 * yielded, returned or raised: control goes back to its caller. */
static void leave(builder *b, int rail)
{
    for (int d = b->depth; rail >= 0 && d-- > 0;)
        if (b->calls[d] == rail) {
            b->depth = d;
            return;
        }
}

/* track_end records how the running step gives control back. */
static void track_end(builder *b, const al_event *e, al__step *s)
{
    al__story *st = b->st;
    int self = st->rail_of[e->actor];
    if (e->kind == AL_EV_YIELD || e->kind == AL_EV_RETURN || e->kind == AL_EV_RAISE ||
        e->kind == AL_EV_CLOSE)
        leave(b, self);
    switch (e->kind) {
    case AL_EV_DELEGATE: b->delegate_to[e->actor] = e->other; return;
    case AL_EV_DELEGATE_END: b->delegate_to[e->actor] = 0; return;
    case AL_EV_TASK_SUSPEND: s->end = AL_END_WAIT; break;
    case AL_EV_TASK_DONE:
        /* FINISHED covers a result and an exception alike, as in
         * CPython; the event's flag tells them apart, so a coroutine that
         * returns an exception object, rather than raising it, is done. */
        s->end = e->a.type == AL_STR && strcmp(e->a.u.s->data, "FINISHED") == 0 &&
                         !(e->flags & AL_EVF_RAISED)
                     ? AL_END_DONE
                     : AL_END_FAIL;
        break;
    case AL_EV_YIELD:
        if (self != s->rail)
            return;
        s->end = AL_END_YIELD;
        break;
    case AL_EV_RETURN:
    case AL_EV_CLOSE:
        if (self != s->rail)
            return;
        s->end = AL_END_DONE;
        break;
    case AL_EV_RAISE:
        if (self != s->rail)
            return;
        s->end = AL_END_FAIL;
        break;
    default: return;
    }
    s->end_ev = e->seq;
    if (s->rail >= 0)
        b->state[s->rail] = s->end == AL_END_DONE ? AL_RS_DONE
                          : s->end == AL_END_FAIL ? AL_RS_FAIL : AL_RS_RUN;
}

/* find_cause walks the cause links back from the wakeup of a task to the
 * first event that a task ran, or a timer firing. */
static void find_cause(builder *b, al__step *s, const int *step_of)
{
    const al__run *run = b->st->run;
    const al_event *e = al__run_event(run, s->woke);
    for (int hops = 0; e && hops < 16; hops++) {
        e = al__run_event(run, e->cause);
        if (!e)
            return;
        if (e->kind == AL_EV_TIMER_FIRE || (e->task && e->kind != AL_EV_TASK_STEP)) {
            s->cause = e->seq;
            int si = step_of[e->seq];
            s->cause_rail = si >= 0 ? b->st->steps[si].rail : -1;
            return;
        }
    }
}

/* loop_prints gives the loop its rail when it first prints (a done
 * callback's print): the rail starts at the step it opens, so the rows
 * before it are drawn as they were written, whole or live. */
static void loop_prints(builder *b, const al_event *e)
{
    const al_actor *a = al__run_actor(b->st->run, e->actor);
    if (b->loop_rail >= 0 || e->kind != AL_EV_OUTPUT || e->task || !a ||
        a->kind != AL_ACTOR_LOOP)
        return;
    b->loop_rail = add_rail(b, AL_RAIL_LOOP, 0, "loop", NULL);
    if (b->loop_rail >= 0)
        b->st->rails[b->loop_rail].first = b->st->nsteps;
}

static void note_event(builder *b, const al_event *e, int *step_of)
{
    al__story *st = b->st;
    bool loop;
    loop_prints(b, e);
    int who = executor(b, e, &loop);
    if (who == -3) /* inside a task without a rail (asyncio.run's own) */
        who = -1, loop = true;
    if (st->nsteps == 0 || (who != -2 && (who != b->cur || loop != b->cur_loop)))
        open_step(b, who == -2 ? -1 : who, who == -2 || loop, e);
    if (!b->ok)
        return;
    al__step *s = &st->steps[st->nsteps - 1];
    s->last = e->seq;
    s->t1 = e->time;
    step_of[e->seq] = (int)st->nsteps - 1;
    if (e->kind == AL_EV_OUTPUT)
        s->nout++, s->loop_only = false;
    if (e->kind == AL_EV_TASK_STEP && s->rail >= 0) {
        s->woke = b->wakeup[e->actor];
        s->awaited = b->suspend[e->actor];
        b->wakeup[e->actor] = 0;
        st->task_steps++;
        find_cause(b, s, step_of);
    }
    int born = -1;
    if (e->kind == AL_EV_TASK_NEW && !is_internal_task(al__run_actor(st->run, e->actor))) {
        const al_actor *a = al__run_actor(st->run, e->actor);
        born = add_rail(b, AL_RAIL_TASK, e->actor, a->name, a->code);
    }
    if (e->kind == AL_EV_CREATE && !e->task) {
        const al_actor *a = al__run_actor(st->run, e->actor);
        if (a && a->kind == AL_ACTOR_GENERATOR && st->rail_of[e->actor] < 0)
            born = add_rail(b, AL_RAIL_GEN, e->actor, a->name, a->code);
    }
    if (born >= 0)
        st->rails[born].born = e->seq;
    track_ready(b, e);
    track_end(b, e, s);
}

/* plan_fixed_rails: the lesson's plain code gets a rail if it prints or
 * drives generators itself; under asyncio.run() it only starts the loop.
 * (The loop's rail comes when it first prints: loop_prints.) */
static void plan_fixed_rails(builder *b)
{
    const al__run *run = b->st->run;
    bool main = false;
    for (size_t i = 0; i < run->len; i++) {
        const al_event *e = &run->ev[i];
        const al_actor *a = al__run_actor(run, e->actor);
        if (!a || e->task)
            continue;
        main = main || (e->kind == AL_EV_OUTPUT && a->kind == AL_ACTOR_MAIN) ||
               (e->kind == AL_EV_RESUME && a->kind == AL_ACTOR_GENERATOR);
        b->st->clock = b->st->clock || e->time > 0 || e->kind == AL_EV_LOOP_ITER;
    }
    if (main)
        b->main_rail = add_rail(b, AL_RAIL_MAIN, 0, "main", NULL);
}

/* assign_slots gives each rail a column, reusing the column of a rail
 * that is gone: greedy in order of appearance, O(rails^2). */
static void assign_slots(al__story *st)
{
    st->nslots = 0;
    for (size_t i = 0; i < st->nrails; i++) {
        al__rail *r = &st->rails[i];
        int slot = -1;
        for (int c = 0; c < st->nslots && slot < 0; c++) {
            bool free_col = true;
            for (size_t j = 0; j < i && free_col; j++)
                free_col = st->rails[j].slot != c || st->rails[j].last < r->first;
            if (free_col)
                slot = c;
        }
        r->slot = slot >= 0 ? slot : st->nslots++;
    }
}

/* lifetimes sets each rail's last step: where it finished, else the end. */
static void lifetimes(al__story *st)
{
    for (size_t i = 0; i < st->nrails; i++) {
        al__rail *r = &st->rails[i];
        r->last = st->nsteps ? st->nsteps - 1 : 0;
        for (size_t k = r->first; k < st->nsteps; k++) {
            unsigned char x = st->steps[k].states[i];
            if (x == AL_RS_DONE || x == AL_RS_FAIL) {
                r->last = k;
                break;
            }
        }
    }
}

static void count_switches(al__story *st)
{
    int prev = -1;
    for (size_t i = 0; i < st->nsteps; i++) {
        const al__step *s = &st->steps[i];
        if (s->rail < 0 || st->rails[s->rail].kind != AL_RAIL_TASK)
            continue;
        st->switches += prev >= 0 && prev != s->rail;
        prev = s->rail;
    }
}

/* al__story_build: see views.h. */
bool al__story_build(al__story *st, const al__run *run)
{
    *st = (al__story){.run = run};
    builder b = {.st = st, .cur = -1, .main_rail = -1, .loop_rail = -1, .ok = true};
    st->rail_of = malloc((run->nactors + 1) * sizeof *st->rail_of);
    b.delegate_to = calloc(run->nactors + 1, sizeof *b.delegate_to);
    b.wakeup = calloc(run->nactors + 1, sizeof *b.wakeup);
    b.suspend = calloc(run->nactors + 1, sizeof *b.suspend);
    int *step_of = malloc((run->len + 1) * sizeof *step_of);
    if (!st->rail_of || !b.delegate_to || !b.wakeup || !b.suspend || !step_of)
        b.ok = false;
    for (size_t i = 0; b.ok && i <= run->nactors; i++)
        st->rail_of[i] = -1;
    for (size_t i = 0; b.ok && i <= run->len; i++)
        step_of[i] = -1;
    if (b.ok)
        plan_fixed_rails(&b);
    for (size_t i = 0; b.ok && i < run->len; i++) {
        note_event(&b, &run->ev[i], step_of);
        if (run->ev[i].time > st->end_time)
            st->end_time = run->ev[i].time;
    }
    if (b.ok)
        close_step(&b);
    if (b.ok) {
        lifetimes(st);
        assign_slots(st);
        count_switches(st);
    }
    free(b.delegate_to);
    free(b.wakeup);
    free(b.suspend);
    free(b.state);
    free(step_of);
    if (!b.ok)
        al__story_free(st);
    return b.ok;
}

/* al__story_free: see views.h. */
void al__story_free(al__story *st)
{
    for (size_t i = 0; i < st->nsteps; i++)
        free(st->steps[i].states);
    free(st->steps);
    free(st->rails);
    free(st->rail_of);
    *st = (al__story){0};
}

/* al__story_rail_at: see views.h. */
int al__story_rail_at(const al__story *st, uint32_t seq)
{
    for (size_t i = 0; i < st->nsteps; i++)
        if (seq >= st->steps[i].first && seq <= st->steps[i].last)
            return st->steps[i].rail;
    return -1;
}

/* al__rail_unique_name: see views.h.  O(rails). */
void al__rail_unique_name(al_buf *t, const al__story *st, size_t k)
{
    const char *name = st->rails[k].name;
    int same = 1;
    for (size_t i = 0; i < k; i++)
        same += strcmp(st->rails[i].name, name) == 0;
    t->len = 0;
    al_buf_puts(t, name);
    if (same > 1)
        al_buf_printf(t, " (%d)", same);
}
