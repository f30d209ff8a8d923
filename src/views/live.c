/*
 * live.c: live playback, a view written while its run happens.
 *
 * The player is one more subscriber of the recorded run
 * (al_trace_subscribe).  Each time the run is about to wait for real
 * time (the clock event that the runtime emits before it sleeps, for a
 * loop that waits for a timer or a blocking call), it hands the renderer
 * the run recorded so far; the
 * renderer writes what is over (al__progress) and the sink is flushed,
 * so the learner sees each row before the pause that follows it.  A run
 * that never waits is written once, at its end, as it would be without
 * --realtime.  Each such call reads the run so far again: O(events) per
 * wait, which for a run that waits for real time is nothing beside the
 * waiting itself.
 */
#include "views.h"

#include <stdlib.h>

struct al__live {
    al_trace *t;
    const al__renderer *r;
    al__sink *s;
    al__view_opts o;
    al__progress p;
    al_status st; /* the first failure of a call, else AL_OK */
    bool over;    /* finished: later events are not ours */
};

/* play renders the run so far (or the rest, when p.final is set). */
static void play(al__live *lv)
{
    al__run run;
    if (!al__run_open(&run, lv->t)) {
        lv->st = AL_EFAIL;
        return;
    }
    lv->o.live = &lv->p;
    al_status st = lv->r->render(lv->s, &run, &lv->o);
    if (lv->st == AL_OK)
        lv->st = st;
    al__run_close(&run);
    al__sink_flush(lv->s);
}

/* waits_next: e is the last event before the runtime sleeps for real.
 * A loop turn whose timer is already due does not sleep, so a row that a
 * blocking call ended is written after the timers it made late have
 * fired, and its words ("ran 2.50 s late") are the whole run's. */
static bool waits_next(const al_event *e)
{
    return e->kind == AL_EV_CLOCK;
}

static void on_event(void *ctx, const al_event *e)
{
    al__live *lv = ctx;
    if (lv->over || !lv->r->streams || lv->st != AL_OK || lv->s->err ||
        (lv->o.stop && *lv->o.stop))
        return;
    if (waits_next(e))
        play(lv);
}

/* al__live_start: see views.h. */
al__live *al__live_start(al_trace *t, const al__renderer *r, al__sink *s,
                         const al__view_opts *o)
{
    al__live *lv = calloc(1, sizeof *lv);
    if (!lv)
        return NULL;
    *lv = (al__live){.t = t, .r = r, .s = s, .o = *o, .st = AL_OK};
    al_subscriber sub = {.on_event = on_event, .ctx = lv};
    if (!al_trace_subscribe(t, &sub)) {
        free(lv);
        return NULL;
    }
    return lv;
}

/* al__live_finish: see views.h. */
al_status al__live_finish(al__live *lv)
{
    lv->over = true;
    lv->p.final = true;
    play(lv);
    return lv->st;
}

/* al__live_free: see views.h. */
void al__live_free(al__live *lv)
{
    free(lv);
}
