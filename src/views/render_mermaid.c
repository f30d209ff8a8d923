/*
 * render_mermaid.c: the run as Mermaid sequence diagrams, in Markdown.
 *
 * The participants are those of the curriculum's diagram: the program's
 * plain code (main), the event loop, each task or generator, and the
 * timers.  A step is a message from whoever handed over control (the loop
 * for a task, the caller for a generator) that activates the runner, the
 * lines it printed are notes over it, and its end is the reply that
 * deactivates it.  A cause that wakes a task is an async arrow from the
 * task (or the timers) that caused it.
 *
 * Mermaid refuses diagrams over about 50,000 characters, so a long run is
 * split into windows of whole steps, each a complete diagram of its own
 * under WINDOW_CHARS.  O(events + steps x wakes) time.
 */
#include "views.h"

#include <string.h>

#define WINDOW_CHARS 40000 /* a window's diagram, well under Mermaid's limit */
#define NOTE_COLS 70       /* a note longer than this is cut, with an ellipsis */

typedef struct mermaid {
    al__sink *s;
    const al__story *st;
    al_buf win;      /* the window being built */
    al_buf step;     /* the step being built */
    int window;
    uint32_t first_ev;
    double shown_time;
    bool any_time;
} mermaid;

/* put_text appends text safe inside a Mermaid message or note: the
 * characters Mermaid would read as syntax become entity codes. */
static void put_text(al_buf *b, const char *s, size_t max_cols)
{
    size_t n = strlen(s), keep = al_utf8_fit(s, n, max_cols);
    for (size_t i = 0; i < keep; i++) {
        switch (s[i]) {
        case '#': al_buf_puts(b, "#35;"); break;
        case ';': al_buf_puts(b, "#59;"); break;
        case '<': al_buf_puts(b, "#lt;"); break;
        case '>': al_buf_puts(b, "#gt;"); break;
        case '%': al_buf_puts(b, "#37;"); break;
        case '\n': al_buf_puts(b, " / "); break;
        default:
            if ((unsigned char)s[i] >= 0x20)
                al_buf_putc(b, s[i]);
        }
    }
    if (keep < n)
        al_buf_puts(b, "…");
}

/* who names the participant of a rail: R<n>, or L for the loop. */
static void who(al_buf *b, const al__story *st, int rail)
{
    if (rail < 0 || st->rails[rail].kind == AL_RAIL_LOOP)
        al_buf_puts(b, "L");
    else if (st->rails[rail].kind == AL_RAIL_MAIN)
        al_buf_puts(b, "M");
    else
        al_buf_printf(b, "R%d", rail);
}

static void participants(mermaid *M)
{
    const al__story *st = M->st;
    const al_trace_lesson *l = st->run->lesson;
    al_buf_puts(&M->win, "```mermaid\nsequenceDiagram\n");
    if (l)
        al_buf_printf(&M->win, "    %%%% asynclab, lesson %d (%s)\n", l->number, l->slug);
    al_buf_puts(&M->win, "    participant M as main (plain code)\n");
    if (st->clock)
        al_buf_puts(&M->win, "    participant L as event loop\n");
    for (size_t r = 0; r < st->nrails; r++) {
        const al__rail *rl = &st->rails[r];
        if (rl->kind != AL_RAIL_TASK && rl->kind != AL_RAIL_GEN)
            continue;
        al_buf_printf(&M->win, "    participant R%zu as ", r);
        put_text(&M->win, rl->name, NOTE_COLS);
        if (rl->kind == AL_RAIL_TASK && rl->code && !strstr(rl->name, rl->code))
            al_buf_printf(&M->win, " (%s)", rl->code);
        al_buf_putc(&M->win, '\n');
    }
    if (st->clock)
        al_buf_puts(&M->win, "    participant T as timers and I/O\n");
}

static void open_window(mermaid *M, uint32_t first)
{
    M->window++;
    M->first_ev = first;
    M->any_time = false;
    participants(M);
}

static void close_window(mermaid *M, uint32_t last, bool final)
{
    al_buf head;
    al_buf_init(&head);
    al_buf_printf(&head, "## Window %d: events %u to %u%s\n\n", M->window, M->first_ev, last,
                  final ? "" : " (continued below)");
    al_buf_puts(&M->win, "```\n\n");
    al__sink_buf(M->s, &head);
    al__sink_buf(M->s, &M->win);
    al_buf_free(&head);
}

static void note(mermaid *M, int rail, const char *text)
{
    al_buf_puts(&M->step, "    Note over ");
    who(&M->step, M->st, rail);
    al_buf_puts(&M->step, ": ");
    put_text(&M->step, text, NOTE_COLS);
    al_buf_putc(&M->step, '\n');
}

/* outputs notes what step s printed among events from..to. */
static void outputs(mermaid *M, const al__step *s, uint32_t from, uint32_t to)
{
    al_buf t;
    al_buf_init(&t);
    for (uint32_t q = from; q <= to; q++) {
        const al_event *e = al__run_event(M->st->run, q);
        if (e->kind != AL_EV_OUTPUT)
            continue;
        t.len = 0;
        al_buf_puts(&t, "print: ");
        al_str_of(&t, e->a);
        note(M, s->rail, t.data);
    }
    al_buf_free(&t);
}

/* wakes draws the arrows from step k to the steps its events woke. */
static void wakes(mermaid *M, size_t k)
{
    const al__story *st = M->st;
    const al__step *s = &st->steps[k];
    for (size_t j = k + 1; j < st->nsteps; j++) {
        const al__step *w = &st->steps[j];
        if (!w->cause || w->cause < s->first || w->cause > s->last || w->rail < 0)
            continue;
        const al_event *c = al__run_event(st->run, w->cause);
        al_buf_puts(&M->step, "    ");
        if (c->kind == AL_EV_TIMER_FIRE)
            al_buf_puts(&M->step, "T");
        else
            who(&M->step, st, s->rail);
        al_buf_puts(&M->step, "--)");
        who(&M->step, st, w->rail);
        al_buf_puts(&M->step, c->kind == AL_EV_TIMER_FIRE ? ": timer fired, ready\n"
                                                          : ": ready (woken)\n");
    }
}

/* task_or_gen draws one step of a task or generator: activation, notes,
 * and the reply that hands control back. */
static void task_or_gen(mermaid *M, const al__step *s)
{
    const al__story *st = M->st;
    bool gen = st->rails[s->rail].kind == AL_RAIL_GEN;
    int from = gen ? (s->caller >= 0 ? s->caller : -2) : -1;
    al_buf w;
    al_buf_init(&w);
    al__words_start(&w, st, s);
    al_buf_puts(&M->step, "    ");
    if (from == -2)
        al_buf_puts(&M->step, "M");
    else
        who(&M->step, st, from);
    al_buf_puts(&M->step, "->>+");
    who(&M->step, st, s->rail);
    al_buf_puts(&M->step, ": ");
    put_text(&M->step, w.len ? w.data : "runs", NOTE_COLS);
    al_buf_putc(&M->step, '\n');
    /* Its acts and prints in the order they happened: a note of acts
     * that follows a print comes after it. */
    for (uint32_t q = s->first, split; q; q = split) {
        split = al__act_after_print(st, s, q);
        w.len = 0;
        al__words_acts_in(&w, st, s, q, split ? split - 1 : s->last);
        if (w.len) {
            al_buf_putc(&w, '\0');
            note(M, s->rail, w.data);
        }
        outputs(M, s, q, split ? split - 1 : s->last);
    }
    w.len = 0;
    al__words_end(&w, st, s);
    const al_event *end = al__run_event(st->run, s->end_ev);
    if (end && end->kind == AL_EV_TASK_SUSPEND && s->end == AL_END_WAIT &&
        end->b.type == AL_STR && strcmp(end->b.u.s->data, "sleep") == 0)
        al_buf_printf(&M->step, "    R%d-)T: %.*s (a timer)\n", s->rail, (int)w.len, w.data);
    al_buf_puts(&M->step, "    ");
    who(&M->step, st, s->rail);
    al_buf_puts(&M->step, "-->>-");
    if (from == -2)
        al_buf_puts(&M->step, "M");
    else
        who(&M->step, st, from);
    al_buf_puts(&M->step, ": ");
    put_text(&M->step, w.len ? w.data : "returns control", NOTE_COLS);
    al_buf_putc(&M->step, '\n');
    al_buf_free(&w);
}

static void one_step(mermaid *M, size_t k)
{
    const al__story *st = M->st;
    const al__step *s = &st->steps[k];
    if (s->rail >= 0 && (st->rails[s->rail].kind == AL_RAIL_TASK ||
                         st->rails[s->rail].kind == AL_RAIL_GEN))
        task_or_gen(M, s);
    else
        outputs(M, s, s->first, s->last);
    wakes(M, k);
    /* A note of the clock before the first message at a new time. */
    bool runner = s->rail >= 0 && st->rails[s->rail].kind != AL_RAIL_LOOP &&
                  st->rails[s->rail].kind != AL_RAIL_MAIN;
    double now = runner ? s->t0 : s->t1; /* a loop turn's timers fire at its end */
    if (st->clock && M->step.len && (!M->any_time || now != M->shown_time)) {
        al_buf t;
        al_buf_init(&t);
        al_buf_printf(&t, "    Note over L: %.2f s\n", now);
        al_buf_putn(&t, M->step.data, M->step.len);
        M->step.len = 0;
        al_buf_putn(&M->step, t.data, t.len);
        al_buf_free(&t);
        M->shown_time = now;
        M->any_time = true;
    }
}

/* al__view_mermaid: see views.h. */
al_status al__view_mermaid(al__sink *s, const al__run *run, const al__view_opts *o)
{
    size_t window = o->mermaid_window ? o->mermaid_window : WINDOW_CHARS;
    al__story st;
    if (!al__story_build(&st, run))
        return AL_EFAIL;
    mermaid M = {.s = s, .st = &st};
    al_buf_init(&M.win);
    al_buf_init(&M.step);
    const al_trace_lesson *l = run->lesson;
    al_buf_printf(&M.win, "# asynclab: lesson %d, %s\n\n", l ? l->number : 0,
                  l ? l->title : "");
    al__sink_buf(s, &M.win);
    open_window(&M, 1);
    uint32_t last = 0;
    for (size_t k = 0; k < st.nsteps && !s->err; k++) {
        M.step.len = 0;
        one_step(&M, k);
        if (M.win.len + M.step.len > window && k > 0) {
            close_window(&M, last, false);
            open_window(&M, st.steps[k].first);
        }
        al_buf_putn(&M.win, M.step.data, M.step.len);
        last = st.steps[k].last;
    }
    close_window(&M, last, true);
    al_buf_free(&M.win);
    al_buf_free(&M.step);
    al__story_free(&st);
    return s->err ? AL_EIO : AL_OK;
}
