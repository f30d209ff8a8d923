/*
 * figures.c: the summary's figures in words: what the loop did in a
 * turn of its own (the lanes' --detail loop rows, the Chrome trace's loop
 * slices), and the elapsed times of the parts a lesson times
 * (al_note_part), side by side.
 */
#include "views.h"

#include <string.h>

/* is_part: e marks a timed part (al_note_part). */
static bool is_part(const al_event *e)
{
    return e->kind == AL_EV_NOTE && e->b.type == AL_STR && strcmp(e->b.u.s->data, "part") == 0;
}

/* al__words_parts: see views.h.  One pass, O(events). */
void al__words_parts(al_buf *b, const al_trace *t)
{
    al_event e;
    const char *name = NULL;
    double began = 0, last = 0;
    for (uint32_t seq = 1; al_trace_event(t, seq, &e); seq++) {
        last = e.time;
        if (!is_part(&e))
            continue;
        if (name)
            al_buf_printf(b, "%s %.2f s%s", name, e.time - began,
                          e.a.type == AL_STR ? " vs " : "\n");
        name = e.a.type == AL_STR ? e.a.u.s->data : NULL;
        began = e.time;
    }
    if (name)
        al_buf_printf(b, "%s %.2f s\n", name, last - began);
}

/* al__words_loop: see views.h.  O(events of the step). */
void al__words_loop(al_buf *b, const al__story *st, const al__step *s)
{
    const al__run *run = st->run;
    size_t turns = 0, fired = 0, ran = 0;
    double clock = -1;
    for (uint32_t q = s->first; q <= s->last; q++) {
        const al_event *e = al__run_event(run, q);
        turns += e->kind == AL_EV_LOOP_ITER;
        fired += e->kind == AL_EV_TIMER_FIRE;
        ran += e->kind == AL_EV_CALLBACK;
        if (e->kind == AL_EV_CLOCK)
            clock = e->time;
    }
    if (!turns && !fired && !ran)
        return;
    size_t from = b->len;
    if (turns)
        al_buf_printf(b, "%zu turn%s", turns, turns == 1 ? "" : "s");
    if (clock >= 0)
        al_buf_printf(b, "%sclock jumps to %.2f", b->len > from ? " · " : "", clock);
    if (fired)
        al_buf_printf(b, "%s%zu timer%s fired", b->len > from ? " · " : "", fired,
                      fired == 1 ? "" : "s");
    if (ran)
        al_buf_printf(b, "%s%zu callback%s ran", b->len > from ? " · " : "", ran,
                      ran == 1 ? "" : "s");
}
