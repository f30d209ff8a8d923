/*
 * step_objects.c: the queues and locks at the cursor, and why it is here.
 *
 * Like the loop's state, a queue's items and its waiters are a fold of
 * the events before the cursor: a put appends its item, a get removes the
 * item it returned (whatever the queue's order, the trace says which), a
 * wait adds its task to the object's waiters until the task steps again.
 * O(events x items) at worst, which the lessons keep small.
 */
#include "step.h"

#include <stdlib.h>
#include <string.h>

typedef struct waiter {
    uint32_t task;
    const char *op;
} waiter;

typedef struct object {
    uint32_t actor;
    bool is_queue;
    int64_t size;
    al_value *items;
    size_t nitems;
    waiter *waiters;
    size_t nwaiters;
} object;

typedef struct objects {
    object *v;
    size_t n;
} objects;

static object *object_of(objects *os, uint32_t actor)
{
    for (size_t i = 0; i < os->n; i++)
        if (os->v[i].actor == actor)
            return &os->v[i];
    object *nv = realloc(os->v, (os->n + 1) * sizeof *nv);
    if (!nv)
        return NULL;
    os->v = nv;
    os->v[os->n] = (object){.actor = actor};
    return &os->v[os->n++];
}

static void put_item(object *o, al_value item)
{
    al_value *nv = realloc(o->items, (o->nitems + 1) * sizeof *nv);
    if (!nv)
        return;
    o->items = nv;
    o->items[o->nitems++] = item;
}

static void take_item(object *o, al_value item)
{
    for (size_t i = 0; i < o->nitems; i++)
        if (al_equal(o->items[i], item)) {
            memmove(&o->items[i], &o->items[i + 1], (o->nitems - i - 1) * sizeof *o->items);
            o->nitems--;
            return;
        }
}

static void add_waiter(object *o, uint32_t task, const char *op)
{
    waiter *nv = realloc(o->waiters, (o->nwaiters + 1) * sizeof *nv);
    if (!nv)
        return;
    o->waiters = nv;
    o->waiters[o->nwaiters++] = (waiter){task, op};
}

/* task_stepped removes task from every object's waiters: it runs again. */
static void task_stepped(objects *os, uint32_t task)
{
    for (size_t i = 0; i < os->n; i++) {
        object *o = &os->v[i];
        for (size_t k = 0; k < o->nwaiters;)
            if (o->waiters[k].task == task)
                memmove(&o->waiters[k], &o->waiters[k + 1], (--o->nwaiters - k) * sizeof *o->waiters);
            else
                k++;
    }
}

/* queue_op applies a queue event: b is (operation, item). */
static void queue_op(objects *os, const al_event *e)
{
    object *o = object_of(os, e->actor);
    if (!o)
        return;
    o->is_queue = true;
    o->size = e->a.type == AL_INT ? e->a.u.i : o->size;
    if (e->b.type != AL_TUPLE || al_len(e->b) != 2 || al_item(e->b, 0).type != AL_STR)
        return;
    const char *op = al_item(e->b, 0).u.s->data;
    if (strncmp(op, "put", 3) == 0)
        put_item(o, al_item(e->b, 1));
    else if (strncmp(op, "get", 3) == 0)
        take_item(o, al_item(e->b, 1));
}

/* fold_objects replays events 1..cur.  A waiter leaves an object's
 * waiters when the future it awaits is done (as CPython pops it from the
 * deque when it wakes it), or at the latest when its task steps again. */
static void fold_objects(const al__step_session *s, objects *os)
{
    uint32_t *awaits = calloc(s->run.nactors + 1, sizeof *awaits);
    if (!awaits)
        return;
    for (uint32_t q = 1; q <= s->cur; q++) {
        const al_event *e = al__run_event(&s->run, q);
        if (e->kind == AL_EV_TASK_SUSPEND && e->actor <= s->run.nactors) {
            awaits[e->actor] = e->other;
        } else if (e->kind == AL_EV_FUTURE_DONE) {
            for (uint32_t t = 1; t <= s->run.nactors; t++)
                if (awaits[t] == e->actor && e->actor) {
                    awaits[t] = 0;
                    task_stepped(os, t);
                }
        } else if (e->kind == AL_EV_QUEUE) {
            queue_op(os, e);
        } else if (e->kind == AL_EV_WAIT) {
            object *o = object_of(os, e->other);
            const char *op = e->a.type == AL_STR ? e->a.u.s->data : "wait";
            if (o)
                add_waiter(o, e->actor, op);
            if (o && strncmp(op, "Queue.", 6) == 0)
                o->is_queue = true;
        } else if (e->kind == AL_EV_TASK_STEP) {
            task_stepped(os, e->actor);
        }
    }
    free(awaits);
}

/* say_waiters appends the tasks waiting in op ("Queue.get"), in order. */
static void say_waiters(al_buf *b, const al__step_session *s, const object *o, const char *op,
                        const char *label)
{
    bool any = false;
    for (size_t k = 0; k < o->nwaiters; k++) {
        if (op && strcmp(o->waiters[k].op, op) != 0)
            continue;
        const al_actor *a = al__run_actor(&s->run, o->waiters[k].task);
        al_buf_printf(b, "%s%s", any ? ", " : label, a ? a->name : "?");
        any = true;
    }
}

void al__step_cmd_queues(al__step_session *s, const char *const *argv, size_t argc)
{
    (void)argv;
    (void)argc;
    objects os = {0};
    fold_objects(s, &os);
    al_buf b;
    al_buf_init(&b);
    for (size_t i = 0; i < os.n; i++) {
        const object *o = &os.v[i];
        const al_actor *a = al__run_actor(&s->run, o->actor);
        if (a && strcmp(a->name, "Queue._finished") == 0)
            continue; /* shown with its queue, as join()'s waiters */
        al_buf_printf(&b, "  %s", a ? a->name : "?");
        if (o->is_queue) {
            al_buf_printf(&b, " (size %lld): [", (long long)o->size);
            for (size_t k = 0; k < o->nitems; k++) {
                if (k)
                    al_buf_puts(&b, ", ");
                al_repr_of(&b, o->items[k]);
            }
            al_buf_puts(&b, "]");
            say_waiters(&b, s, o, "Queue.get", "; getters waiting: ");
            say_waiters(&b, s, o, "Queue.put", "; putters waiting: ");
            /* A queue's join() waits on the Event made right after it. */
            for (size_t j = 0; j < os.n; j++)
                if (os.v[j].actor == o->actor + 1)
                    say_waiters(&b, s, &os.v[j], "Event.wait", "; join() waiting: ");
        } else {
            say_waiters(&b, s, o, NULL, ": waiting: ");
            if (o->nwaiters == 0)
                al_buf_puts(&b, ": nobody waits");
        }
        al__step_say(s, "%s", b.data);
        b.len = 0;
    }
    for (size_t i = 0; i < os.n; i++) {
        free(os.v[i].items);
        free(os.v[i].waiters);
    }
    if (os.n == 0)
        al__step_say(s, "no queue, lock, event or semaphore has been used yet");
    free(os.v);
    al_buf_free(&b);
}

/* ---- why ---- */

void al__step_cmd_why(al__step_session *s, const char *const *argv, size_t argc)
{
    (void)argv;
    (void)argc;
    if (s->cur == 0) {
        al__step_say(s, "nothing has happened yet");
        return;
    }
    al_buf b;
    al_buf_init(&b);
    long k = al__step_step_at(s, s->cur);
    if (k >= 0 && s->story.steps[k].first == s->cur) {
        al__words_why(&b, &s->story, &s->story.steps[k]);
        if (b.len)
            al__step_say(s, "%s", b.data);
        b.len = 0;
    }
    al__step_say(s, "cause chain, newest first:");
    int depth = 0;
    for (uint32_t q = s->cur; q && depth < 24; depth++) {
        const al_event *e = al__run_event(&s->run, q);
        const al_actor *a = al__run_actor(&s->run, e->actor);
        al_buf_printf(&b, "  #%lu %.2f %s by %s", (unsigned long)q, e->time, al_ev_names[e->kind],
                      a ? a->name : "?");
        if (e->b.type == AL_STR)
            al_buf_printf(&b, " (%s)", e->b.u.s->data);
        al__step_say(s, "%s", b.data);
        b.len = 0;
        q = e->cause < q ? e->cause : 0; /* causes point back: never loop */
    }
    al_buf_free(&b);
}

/* ---- locals ---- */

/* frame_named is the actor id of the generator, coroutine or task called
 * name, or 0. */
static uint32_t frame_named(const al__step_session *s, const char *name)
{
    for (uint32_t id = 1; id <= s->run.nactors; id++) {
        const al_actor *a = al__run_actor(&s->run, id);
        if (a && strcmp(a->name, name) == 0)
            return id;
    }
    return 0;
}

/* say_locals prints frame's locals as its last yield at or before the
 * cursor saved them, and whether it is suspended there now.  Returns
 * false, printing nothing, if the frame shows no locals (the lesson
 * declares none) or, with suspended_only, if it is not suspended now. */
static bool say_locals(al__step_session *s, uint32_t frame, bool suspended_only)
{
    uint32_t saved = 0, after = 0;
    for (uint32_t q = 1; q <= s->cur; q++) {
        const al_event *e = al__run_event(&s->run, q);
        if (e->actor != frame)
            continue;
        if (e->kind == AL_EV_YIELD && e->b.type == AL_TUPLE)
            saved = q, after = 0;
        else if (saved && e->kind != AL_EV_YIELD)
            after = after ? after : q;
    }
    if (!saved)
        return false;
    const al_event *y = al__run_event(&s->run, saved);
    const al_event *a = after ? al__run_event(&s->run, after) : NULL;
    if (suspended_only && a)
        return false;
    const char *how = !a ? "suspended at its yield since"
                    : a->kind == AL_EV_RESUME || a->kind == AL_EV_THROW ? "running again; saved at"
                    : "finished; last saved at";
    al__step_say(s, "%s: %s #%lu (%.2f)", al__run_actor(&s->run, frame)->name, how,
                 (unsigned long)saved, y->time);
    al_buf b;
    al_buf_init(&b);
    for (size_t i = 0; i < al_len(y->b); i++) {
        al_value pair = al_item(y->b, i);
        al_buf_printf(&b, "  %s = ", al_item(pair, 0).u.s->data);
        al_repr_of(&b, al_item(pair, 1));
        al__step_say(s, "%s", b.data);
        b.len = 0;
    }
    al_buf_free(&b);
    return true;
}

void al__step_cmd_locals(al__step_session *s, const char *const *argv, size_t argc)
{
    uint32_t frame = 0;
    if (argc) {
        frame = frame_named(s, argv[0]);
        if (!frame) {
            al__step_say(s, "no frame is called '%s' (Tab lists them; e.g. countdown#1)", argv[0]);
            return;
        }
    } else {
        const al__rail *r = al__step_rail(s, al__step_step_at(s, s->cur));
        frame = r && r->kind == AL_RAIL_GEN ? r->actor : 0;
    }
    if (!frame) {
        /* Plain code runs: show every frame that is suspended now, which
         * is where a generator's locals wait for the next next(). */
        bool any = false;
        for (size_t i = 0; i < s->story.nrails; i++)
            if (s->story.rails[i].kind == AL_RAIL_GEN && s->story.rails[i].actor)
                any = say_locals(s, s->story.rails[i].actor, true) || any;
        if (!any)
            al__step_say(s, "no suspended frame has locals to show here: `locals FRAME` names "
                            "one (lessons 1-3 show their generators' locals)");
        return;
    }
    if (!say_locals(s, frame, false))
        al__step_say(s, "%s has no saved locals to show yet: a frame saves them at each yield, "
                        "in the lessons that declare them (1-3)",
                     al__run_actor(&s->run, frame)->name);
}
