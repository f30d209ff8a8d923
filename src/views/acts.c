/*
 * acts.c: what a step did besides printing, in words: the tasks it
 * created or cancelled, the queue items it moved, and the time it
 * blocked the loop with the timer that ran late because of it.
 * O(events in the step), plus the events up to the late timer.  The
 * lanes split a row where an act follows a print (al__act_after_print).
 */
#include "words.h"

/* late_timer says which timer a blocking call delayed, and by how much:
 * the first timer that the loop's next turn fires past its deadline.  The
 * search ends where that turn waits (a clock event after it began: no
 * timer was due), at the turn after it, or at another blocking call,
 * which takes the blame from there on; so a live view, which writes the
 * row once the loop next sleeps, finds what the whole run finds.
 * O(events up to the end of that turn). */
static void late_timer(al_buf *b, const al__run *run, const al_event *blk)
{
    int turns = 0;
    for (uint32_t q = blk->seq + 1; q <= run->len; q++) {
        const al_event *e = al__run_event(run, q);
        turns += e->kind == AL_EV_LOOP_ITER;
        if (turns > 1 || e->kind == AL_EV_BLOCK || (turns && e->kind == AL_EV_CLOCK))
            return;
        if (e->kind != AL_EV_TIMER_FIRE || e->a.type != AL_FLOAT || e->time - e->a.u.f <= 1e-9)
            continue;
        al_buf_printf(b, "; %s, due at %.2f, ran %.2f s late", al__name_of(run, e->other),
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

/* al__is_act: see views.h. */
bool al__is_act(const al__story *st, const al__step *s, const al_event *e)
{
    int r = e->actor ? st->rail_of[e->actor] : -1;
    switch (e->kind) {
    case AL_EV_TASK_NEW: return r >= 0;
    case AL_EV_CREATE: return r >= 0 && st->rails[r].kind == AL_RAIL_GEN;
    case AL_EV_CANCEL: return e->other != 0;
    case AL_EV_BLOCK: return e->a.type == AL_FLOAT;
    case AL_EV_QUEUE:
        return e->a.type == AL_INT && e->b.type == AL_TUPLE && e->b.u.seq->len == 2 &&
               s->nout == 0;
    default: return false;
    }
}

/* al__act_after_print: see views.h. */
uint32_t al__act_after_print(const al__story *st, const al__step *s, uint32_t from)
{
    bool printed = false;
    for (uint32_t q = from; q <= s->last; q++) {
        const al_event *e = al__run_event(st->run, q);
        if (printed && al__is_act(st, s, e))
            return q;
        printed = printed || e->kind == AL_EV_OUTPUT;
    }
    return 0;
}

/* al__words_acts_in: see views.h. */
void al__words_acts_in(al_buf *b, const al__story *st, const al__step *s, uint32_t first,
                       uint32_t last)
{
    const al__run *run = st->run;
    size_t mark = b->len;
    int last_kind = 0;
    al_buf t;
    al_buf_init(&t);
    for (uint32_t q = first; q <= last; q++) {
        const al_event *e = al__run_event(run, q);
        if (!al__is_act(st, s, e))
            continue;
        t.len = 0;
        if (e->kind == AL_EV_TASK_NEW || e->kind == AL_EV_CREATE) {
            act(b, mark, &last_kind, 1, "creates ", al__name_of(run, e->actor));
        } else if (e->kind == AL_EV_CANCEL) {
            act(b, mark, &last_kind, 2, "cancels ", al__name_of(run, e->other));
        } else if (e->kind == AL_EV_BLOCK) {
            al_buf_printf(&t, "blocked the loop for %.1f s", e->a.u.f);
            late_timer(&t, run, e);
            act(b, mark, &last_kind, 3, "", t.data);
        } else {
            al_format(&t, "%v %v (size %D)", e->b.u.seq->items[0], e->b.u.seq->items[1],
                      e->a.u.i);
            act(b, mark, &last_kind, 4, "", t.data);
        }
    }
    al_buf_free(&t);
}

/* al__words_acts: see views.h. */
void al__words_acts(al_buf *b, const al__story *st, const al__step *s)
{
    al__words_acts_in(b, st, s, s->first, s->last);
}
