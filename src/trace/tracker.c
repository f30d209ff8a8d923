/*
 * tracker.c: every task's state, replayed from the events.
 *
 * A task's life in events: task_new (ready), a call_soon of its step or
 * wakeup (ready, and that event is why), task_step (running), then
 * task_suspend (waiting on what it names, or ready again after a bare
 * yield) or task_done.  While it runs, a create of a sleep frame gives
 * the delay, its timer_add the deadline, and a wait the queue, lock,
 * event or semaphore and the operation.  So one pass over the events, in
 * order, answers at each of them who runs and what each task awaits.
 *
 * Cost: O(1) per event; memory O(actors) for the state table.
 */
#include "trace_internal.h"

#include <stdlib.h>
#include <string.h>

struct al_tracker {
    const al_trace *run;
    al_task_state *state; /* indexed by actor id - 1 */
    bool *known;          /* the id is a task seen so far */
    size_t cap;
    uint32_t running;
};

al_tracker *al_tracker_new(const al_trace *r)
{
    al_tracker *t = calloc(1, sizeof *t);
    if (t)
        t->run = r;
    return t;
}

void al_tracker_free(al_tracker *t)
{
    if (!t)
        return;
    free(t->state);
    free(t->known);
    free(t);
}

/* slot returns task id's state, making room for it; NULL for id 0. */
static al_task_state *slot(al_tracker *t, uint32_t id)
{
    if (!id)
        return NULL;
    if (id > t->cap) {
        size_t cap = t->cap ? t->cap : 64;
        while (cap < id)
            cap *= 2;
        al_task_state *s = realloc(t->state, cap * sizeof *s);
        bool *k = realloc(t->known, cap * sizeof *k);
        if (!s || !k)
            al__trace_fatal("out of memory (task tracker)");
        memset(k + t->cap, 0, (cap - t->cap) * sizeof *k);
        t->state = s;
        t->known = k;
        t->cap = cap;
    }
    return &t->state[id - 1];
}

/* known_task is id's state if id is a task seen so far, else NULL. */
static al_task_state *known_task(al_tracker *t, uint32_t id)
{
    return id && id <= t->cap && t->known[id - 1] ? &t->state[id - 1] : NULL;
}

static const char *text_of(al_value v)
{
    return v.type == AL_STR && v.u.s ? v.u.s->data : NULL;
}

static void enter(al_task_state *s, al_task_phase phase, uint32_t seq)
{
    s->phase = phase;
    s->since = seq;
}

/* forget_wait clears what a task waited for, as a new step begins. */
static void forget_wait(al_task_state *s)
{
    s->awaits = s->object = 0;
    s->what = s->op = NULL;
    s->delay = s->deadline = -1;
}

static void on_task_new(al_tracker *t, const al_event *e)
{
    al_task_state *s = slot(t, e->actor);
    memset(s, 0, sizeof *s);
    forget_wait(s);
    t->known[e->actor - 1] = true;
    enter(s, AL_TASK_READY, e->seq);
    s->woke = e->seq;
}

static void on_suspend(al_tracker *t, al_task_state *s, const al_event *e)
{
    if (e->other) {
        enter(s, AL_TASK_WAITING, e->seq);
        s->awaits = e->other;
        s->what = text_of(e->b);
        s->woke = 0;
    } else {
        enter(s, AL_TASK_READY, e->seq); /* a bare yield: sleep(0) */
        s->what = text_of(e->b);
        s->woke = e->seq;
    }
    t->running = 0;
}

/* about_sleep notes a sleep's delay (its frame's create) and deadline
 * (its timer), made while the task runs. */
static void about_sleep(al_tracker *t, const al_event *e)
{
    al_task_state *s = known_task(t, e->task);
    if (!s)
        return;
    if (e->kind == AL_EV_CREATE && e->a.type == AL_FLOAT)
        s->delay = e->a.u.f;
    else if (e->kind == AL_EV_TIMER_ADD && e->other == e->task && e->a.type == AL_FLOAT)
        s->deadline = e->a.u.f;
}

/* al_tracker_apply: see trace.h. */
void al_tracker_apply(al_tracker *t, const al_event *e)
{
    if (e->kind == AL_EV_TASK_NEW) {
        on_task_new(t, e);
        return;
    }
    al_task_state *s = known_task(t, e->actor);
    switch (e->kind) {
    case AL_EV_TASK_STEP:
        if (!s)
            return;
        enter(s, AL_TASK_RUNNING, e->seq);
        forget_wait(s);
        s->steps++;
        t->running = e->actor;
        break;
    case AL_EV_TASK_SUSPEND:
        if (s)
            on_suspend(t, s, e);
        break;
    case AL_EV_TASK_DONE:
        if (!s)
            return;
        enter(s, e->a.type == AL_STR && strcmp(text_of(e->a), "CANCELLED") == 0
                     ? AL_TASK_CANCELLED : AL_TASK_DONE, e->seq);
        t->running = 0;
        break;
    case AL_EV_CALL_SOON:
        /* a task's own handle, queued while it waits: it is ready now */
        if ((s = known_task(t, e->other)) && s->phase == AL_TASK_WAITING) {
            enter(s, AL_TASK_READY, e->seq);
            s->woke = e->seq;
        }
        break;
    case AL_EV_WAIT:
        if ((s = known_task(t, e->task))) {
            s->object = e->other;
            s->op = text_of(e->a);
        }
        break;
    case AL_EV_CREATE:
    case AL_EV_TIMER_ADD:
        about_sleep(t, e);
        break;
    default:
        break;
    }
}

const al_task_state *al_tracker_task(const al_tracker *t, uint32_t id)
{
    return id && id <= t->cap && t->known[id - 1] ? &t->state[id - 1] : NULL;
}

uint32_t al_tracker_running(const al_tracker *t) { return t->running; }
