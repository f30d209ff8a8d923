/*
 * deadlock.c: who is stuck when a run deadlocks, in words: what each
 * waiting task awaits as the program wrote it (Queue.join(),
 * Queue.get()), and which tasks could have woken it.  O(events x tasks).
 */
#include "words.h"

#include <string.h>

/* actors_with lists the tasks that did queue operation op ("put" or
 * "get"), each once, in the order they first did it. */
static void actors_with(al_buf *b, const al__run *run, const char *op)
{
    size_t mark = b->len;
    for (size_t i = 0; i < run->len; i++) {
        const al_event *e = &run->ev[i];
        if (e->kind != AL_EV_QUEUE || !e->task || e->b.type != AL_TUPLE ||
            e->b.u.seq->len < 1 || !al__str_is(e->b.u.seq->items[0], op))
            continue;
        const char *n = al__name_of(run, e->task);
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++) {
            const al_event *f = &run->ev[j];
            seen = f->kind == AL_EV_QUEUE && f->task == e->task && f->b.type == AL_TUPLE &&
                   f->b.u.seq->len >= 1 && al__str_is(f->b.u.seq->items[0], op);
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

/* could_wake appends who could have woken a task that awaits what (as
 * al__words_await says it). */
static void could_wake(al_buf *b, const al__run *run, const char *what)
{
    if (strcmp(what, "Queue.join()") == 0) {
        al_buf_puts(b, "only task_done() for each item could wake it, from the tasks "
                       "that got items (");
        actors_with(b, run, "get");
        al_buf_puts(b, ")");
    } else if (strcmp(what, "Queue.get()") == 0) {
        al_buf_puts(b, "only a put() could wake it, and the tasks that put items (");
        actors_with(b, run, "put");
        al_buf_puts(b, ") are done or waiting");
    } else if (strcmp(what, "Queue.put()") == 0) {
        al_buf_puts(b, "only a get() could wake it, from the tasks that got items (");
        actors_with(b, run, "get");
        al_buf_puts(b, ")");
    } else {
        al_buf_puts(b, "no task left could complete it");
    }
}

/* al__words_stuck: see views.h. */
void al__words_stuck(al_buf *b, const al__run *run, const al_event *d)
{
    const al_event *sus = last_suspend(run, d->actor, d->seq);
    const al_actor *a = al__run_actor(run, d->actor);
    al_buf_printf(b, "%s", a ? a->name : "?");
    if (a && a->code && !strstr(a->name, a->code))
        al_buf_printf(b, " (%s)", a->code);
    if (!sus) {
        al_buf_puts(b, " is stuck");
        return;
    }
    al_buf what;
    al_buf_init(&what);
    al__words_await(&what, run, sus);
    al_buf_printf(b, " awaits %s: ", what.data);
    could_wake(b, run, what.data);
    al_buf_free(&what);
}

/* al__words_deadlock: see views.h. */
void al__words_deadlock(al_buf *b, const al__run *run)
{
    for (size_t i = 0; i < run->len; i++) {
        if (run->ev[i].kind != AL_EV_DEADLOCK)
            continue;
        al__words_stuck(b, run, &run->ev[i]);
        al_buf_putc(b, '\n');
    }
}

/* al__words_stuck_at: see views.h. */
void al__words_stuck_at(al_buf *b, al__run *cache, const al_trace *t, const al_event *d)
{
    if (!cache->ev && !al__run_open(cache, t)) {
        al_buf_puts(b, "(out of memory)");
        return;
    }
    const al_event *e = al__run_event(cache, d->seq);
    if (e && e->kind == AL_EV_DEADLOCK)
        al__words_stuck(b, cache, e);
}
