/*
 * render_chrome.c: the run in the Trace Event Format, for Perfetto and
 * chrome://tracing.
 *
 * One process, one named track per rail (task, generator, main) and one
 * for the event loop.  Each step is an X slice on its track; each line
 * the program printed is an instant event; each cause (a timer firing, a
 * put, a task finishing) is a 1 µs X slice inside the step it happened
 * in, with a flow arrow (bind_id, flow_out) to the step it woke (bind_id,
 * flow_in): the new-style flows, which Perfetto binds to the X events
 * themselves rather than to whatever slice is open on a track.  A cause
 * that wakes several steps (a failing child of a TaskGroup cancels its
 * siblings and the parent) is one slice with an arrow to each: one slice
 * per woken step would stack them at one instant, each drawn inside the
 * one before as if it were part of it (seen in catapult's trace viewer).
 *
 * Timestamps are virtual microseconds.  Steps at one virtual instant take
 * no virtual time, so each event there is drawn 1 µs after the one before
 * it; the order is exact, the times are exact to that many µs.
 * O(events + steps) time.
 */
#include "views.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LOOP_TID 1
/* A rail's track is numbered by its actor (main's is actor 1), not by its
 * place among the rails: live, a run seen so far may lack a rail that
 * comes before others in the whole run (main's, when main prints only at
 * the end), and a track must keep its number from one call to the next. */
#define ACTOR_TID(actor) (1 + (int)(actor))
#define NAME_MAX_COLS 60 /* an instant's name; the full text is in args */

typedef struct chrome {
    al__sink *s;
    const al__story *st;
    al_buf b;
    uint64_t *ts; /* per seq: its timestamp in µs */
    bool first;   /* no event written yet (no comma before the next) */
    int *named;   /* the tracks named already, nnamed of them */
    size_t nnamed;
    bool loop_named; /* the loop's track is named (when first used) */
    size_t *first_of; /* per step: the first step its cause woke (itself if none) */
    size_t *next_of;  /* per step: the next step its cause woke, SIZE_MAX if none */
} chrome;

static void open_event(chrome *C, const char *ph, int tid, uint64_t ts)
{
    al_buf_puts(&C->b, C->first ? "\n{" : ",\n{");
    C->first = false;
    al_buf_printf(&C->b, "\"ph\":\"%s\",\"pid\":1,\"tid\":%d,\"ts\":%llu", ph, tid,
                  (unsigned long long)ts);
    if (C->b.len > 4096)
        al__sink_buf(C->s, &C->b);
}

static void field(chrome *C, const char *key, const char *text, size_t n)
{
    al_buf_printf(&C->b, ",\"%s\":", key);
    al__json_str(&C->b, text, n);
}

static void track_name(chrome *C, int tid, const char *name)
{
    open_event(C, "M", tid, 0);
    al_buf_puts(&C->b, ",\"name\":\"thread_name\",\"args\":{\"name\":");
    al__json_str(&C->b, name, strlen(name));
    al_buf_printf(&C->b, "}}");
    open_event(C, "M", tid, 0);
    al_buf_printf(&C->b, ",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":%d}}", tid);
}

/* process_name names the whole trace after its lesson. */
static void process_name(chrome *C)
{
    const al_trace_lesson *l = C->st->run->lesson;
    al_buf t;
    al_buf_init(&t);
    if (l)
        al_buf_printf(&t, "asynclab · Lesson %d · %s", l->number, l->title);
    else
        al_buf_puts(&t, "asynclab");
    open_event(C, "M", 0, 0);
    al_buf_puts(&C->b, ",\"name\":\"process_name\",\"args\":{\"name\":");
    al__json_str(&C->b, t.data, t.len);
    al_buf_puts(&C->b, "}}");
    al_buf_free(&t);
}

/* rail_tid is the track of a rail that is not the loop's. */
static int rail_tid(const al__rail *r)
{
    return ACTOR_TID(r->kind == AL_RAIL_MAIN ? 1 : r->actor);
}

/* tracks names the tracks of the rails that appeared since the last
 * call: metadata events may come anywhere in the array.  O(rails^2) per
 * call. */
static void tracks(chrome *C)
{
    al_buf t;
    al_buf_init(&t);
    for (size_t k = 0; k < C->st->nrails; k++) {
        const al__rail *r = &C->st->rails[k];
        int tid = rail_tid(r);
        bool known = r->kind == AL_RAIL_LOOP;
        for (size_t i = 0; i < C->nnamed && !known; i++)
            known = C->named[i] == tid;
        int *n = known ? NULL : realloc(C->named, (C->nnamed + 1) * sizeof *n);
        if (!n)
            continue;
        C->named = n;
        C->named[C->nnamed++] = tid;
        al__rail_unique_name(&t, C->st, k);
        track_name(C, tid, t.data);
    }
    al_buf_free(&t);
}

/* tid_of is a rail's track; the loop's is named the first time it is
 * used, so a run without a loop (lessons 1-3) has no empty track. */
static int tid_of(chrome *C, int rail)
{
    const al__story *st = C->st;
    if (rail >= 0 && st->rails[rail].kind != AL_RAIL_LOOP)
        return rail_tid(&st->rails[rail]);
    if (!C->loop_named)
        track_name(C, LOOP_TID, "event loop");
    C->loop_named = true;
    return LOOP_TID;
}

/* step_slice writes step k as an X slice, with a flow_in if a cause woke it. */
static void step_slice(chrome *C, size_t k)
{
    const al__story *st = C->st;
    const al__step *s = &st->steps[k];
    al_buf w, a, e;
    al_buf_init(&w);
    al_buf_init(&a);
    al_buf_init(&e);
    bool loop = s->rail < 0 || st->rails[s->rail].kind == AL_RAIL_LOOP;
    if (loop)
        al__words_loop(&w, st, s);
    else
        al__words_start(&w, st, s);
    al__words_acts(&a, st, s);
    al__words_end(&e, st, s);
    uint64_t t0 = C->ts[s->first], t1 = C->ts[s->last] + 1;
    open_event(C, "X", tid_of(C, s->rail), t0);
    al_buf_printf(&C->b, ",\"dur\":%llu", (unsigned long long)(t1 - t0));
    const char *name = w.len ? w.data : loop ? "loop" : st->rails[s->rail].name;
    field(C, "name", name, strlen(name));
    al_buf_puts(&C->b, ",\"cat\":\"step\"");
    if (s->cause)
        al_buf_printf(&C->b, ",\"bind_id\":\"0x%zx\",\"flow_in\":true", C->first_of[k] + 1);
    al_buf_printf(&C->b, ",\"args\":{\"events\":\"%u-%u\",\"virtual_time\":%.6f", s->first,
                  s->last, s->t0);
    if (a.len)
        field(C, "did", a.data, a.len);
    if (e.len)
        field(C, "ends", e.data, e.len);
    al_buf_puts(&C->b, "}}");
    al_buf_free(&w);
    al_buf_free(&a);
    al_buf_free(&e);
}

/* cause_slice marks the event that woke step k, in the step it happened
 * in, and starts the flow arrows to step k and to every later step that
 * event woke; it names their tracks.  Nothing for a step whose cause an
 * earlier step shares.  Live, the name lists the steps seen so far (all
 * of them once the run has passed that instant).  O(steps it woke). */
static void cause_slice(chrome *C, size_t k)
{
    const al__story *st = C->st;
    const al__step *s = &st->steps[k];
    const al_event *c = al__run_event(st->run, s->cause);
    if (!c || s->rail < 0 || C->first_of[k] != k)
        return;
    int rail = c->kind == AL_EV_TIMER_FIRE ? -1 : s->cause_rail;
    open_event(C, "X", tid_of(C, rail), C->ts[c->seq]);
    al_buf t, w;
    al_buf_init(&t);
    al_buf_init(&w);
    al_buf_puts(&t, c->kind == AL_EV_TIMER_FIRE ? "timer fires for" : "wakes");
    for (size_t j = k; j != SIZE_MAX; j = C->next_of[j]) {
        al__rail_unique_name(&w, st, (size_t)st->steps[j].rail);
        al_buf_printf(&t, "%s %s", j == k ? "" : ",", w.data);
    }
    al_buf_puts(&C->b, ",\"dur\":1");
    field(C, "name", t.data, t.len);
    al_buf_printf(&C->b, ",\"cat\":\"cause\",\"bind_id\":\"0x%zx\",\"flow_out\":true}", k + 1);
    al_buf_free(&t);
    al_buf_free(&w);
}

static void outputs(chrome *C, size_t k)
{
    const al__story *st = C->st;
    const al__step *s = &st->steps[k];
    al_buf t;
    al_buf_init(&t);
    for (uint32_t q = s->first; q <= s->last; q++) {
        const al_event *e = al__run_event(st->run, q);
        if (e->kind != AL_EV_OUTPUT)
            continue;
        t.len = 0;
        al_str_of(&t, e->a);
        open_event(C, "i", tid_of(C, s->rail), C->ts[q]);
        size_t n = al_utf8_fit(t.data ? t.data : "", t.len, NAME_MAX_COLS);
        al_buf_puts(&C->b, ",\"s\":\"t\",\"cat\":\"output\"");
        field(C, "name", t.data ? t.data : "", n);
        al_buf_puts(&C->b, ",\"args\":{\"text\":");
        al__json_str(&C->b, t.data ? t.data : "", t.len);
        al_buf_puts(&C->b, "}}");
    }
    al_buf_free(&t);
}

/* A step's place in the order of (cause, step). */
typedef struct woken {
    uint32_t cause;
    size_t k;
} woken;

static int by_cause(const void *a, const void *b)
{
    const woken *x = a, *y = b;
    if (x->cause != y->cause)
        return x->cause < y->cause ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

/* siblings fills first_of and next_of: the steps one cause woke, in
 * order, found by sorting the steps by cause.  O(steps log steps). */
static bool siblings(chrome *C)
{
    const al__story *st = C->st;
    size_t n = st->nsteps;
    C->first_of = malloc((n + 1) * sizeof *C->first_of);
    C->next_of = malloc((n + 1) * sizeof *C->next_of);
    woken *w = malloc((n + 1) * sizeof *w);
    if (!C->first_of || !C->next_of || !w) {
        free(w);
        return false;
    }
    for (size_t k = 0; k < n; k++) {
        /* A step off the rails (rail -1) has no cause slice to share. */
        w[k] = (woken){st->steps[k].rail < 0 ? 0 : st->steps[k].cause, k};
        C->first_of[k] = k;
        C->next_of[k] = SIZE_MAX;
    }
    qsort(w, n, sizeof *w, by_cause);
    for (size_t i = 1; i < n; i++) {
        if (!w[i].cause || w[i].cause != w[i - 1].cause)
            continue;
        C->first_of[w[i].k] = C->first_of[w[i - 1].k];
        C->next_of[w[i - 1].k] = w[i].k;
    }
    free(w);
    return true;
}

/* timestamps gives each event its µs: its virtual time, or 1 µs after
 * the event before it if that is later. */
static bool timestamps(chrome *C)
{
    const al__run *run = C->st->run;
    C->ts = calloc(run->len + 1, sizeof *C->ts);
    if (!C->ts)
        return false;
    uint64_t prev = 0;
    for (size_t i = 0; i < run->len; i++) {
        uint64_t t = (uint64_t)llround(run->ev[i].time * 1e6);
        prev = i == 0 || t > prev ? t : prev + 1;
        C->ts[i + 1] = prev;
    }
    return true;
}

/* al__view_chrome: see views.h.  Live, each call writes the steps that
 * are over, each with its outputs and the cause slice whose arrow ends
 * in it; the array's closing bracket waits for the end (a reader that
 * gets no bracket still loads the events, as the format allows for a
 * trace cut short). */
al_status al__view_chrome(al__sink *s, const al__run *run, const al__view_opts *o)
{
    al__progress whole, *p = al__progress_of(o, &whole);
    al__story st;
    chrome *keep = p->state;
    if (!keep && !(keep = p->state = calloc(1, sizeof *keep)))
        return AL_EFAIL;
    if (!al__story_build(&st, run))
        return AL_EFAIL;
    chrome C = *keep;
    C.s = s;
    C.st = &st;
    al_buf_init(&C.b);
    if (!timestamps(&C) || !siblings(&C)) {
        free(C.ts);
        free(C.first_of);
        free(C.next_of);
        al__story_free(&st);
        return AL_EFAIL;
    }
    if (!p->began) {
        C.first = true;
        al_buf_puts(&C.b, "{\"displayTimeUnit\":\"ms\",\"otherData\":{\"format\":\"asynclab "
                          "chrome 1\",\"clock\":\"virtual microseconds\"},\"traceEvents\":[");
        process_name(&C);
        p->began = true;
    }
    tracks(&C);
    size_t end = p->final || st.nsteps == 0 ? st.nsteps : st.nsteps - 1;
    for (; p->done < end && !s->err; p->done++) {
        step_slice(&C, p->done);
        outputs(&C, p->done);
        if (st.steps[p->done].cause)
            cause_slice(&C, p->done);
    }
    if (p->final)
        al_buf_puts(&C.b, "\n]}\n");
    al__sink_buf(s, &C.b);
    free(C.ts);
    free(C.first_of);
    free(C.next_of);
    al_buf_free(&C.b);
    C.ts = NULL;
    C.first_of = C.next_of = NULL;
    *keep = C;
    if (p->final) {
        free(keep->named);
        free(keep);
        p->state = NULL;
    }
    al__story_free(&st);
    return s->err ? AL_EIO : AL_OK;
}
