/*
 * render_log.c: the trace as a timeline a student can read aloud.
 *
 * One line per event: its number, the virtual time when the lesson has a
 * clock, who did it, what happened, the values involved, and which event
 * caused it.  The program's own print() lines carry a gutter so they stand
 * apart from the machinery around them; they are the only lines the Python
 * twin would show.  Lines stay under 100 columns to fit a projector.
 */
#include "views.h"

#include <stdlib.h>
#include <string.h>

#define LINE_COLS 100  /* the widest line we aim for */
#define ACTOR_MIN 6    /* the actor column, at least "actor" */
#define ACTOR_MAX 18   /* longer names overflow rather than get cut */
#define KIND_COLS 12   /* "delegate_end" */
#define SEQ_COLS 4
#define TIME_COLS 8    /* "1234.500" */

/* ANSI styles, or empty strings when colour is off, so the line builders
 * never test for colour themselves. */
typedef struct style {
    const char *dim, *bold, *red, *green, *yellow, *cyan, *magenta, *off;
} style;

static const style colors = {"\033[2m", "\033[1m", "\033[1;31m", "\033[32m",
                             "\033[33m", "\033[36m", "\033[35m", "\033[0m"};
static const style plain = {"", "", "", "", "", "", "", ""};

/* How the log labels an event's a and b: as trace.h's list of event
 * kinds says (AL_VAL: a label, or NULL, and AL_SHOW_* flags). */
typedef struct field {
    const char *label;
    unsigned flags;
} field;

#define AL__LOG_FIELDS(id, name, a, b, doc) [AL_EV_##id] = {{a}, {b}},
static const field fields[AL_EV__COUNT][2] = {AL_EVENT_KINDS(AL__LOG_FIELDS)};
#undef AL__LOG_FIELDS

/* The layout of one run's lines, fixed before the first event so that
 * every column lines up. */
typedef struct layout {
    const style *st;
    bool show_time;
    int actor_cols;
} layout;

/* clip cuts b to at most max columns, ending with an ellipsis if cut. */
static void clip(al_buf *b, size_t max)
{
    if (max < 1 || al_utf8_cols(b->data, b->len) <= max)
        return;
    b->len = al_utf8_fit(b->data, b->len, max - 1);
    al_buf_puts(b, "…");
}

/* uses_clock: the loop's events (loop_iter .. deadlock) and any event
 * after the clock moved mean the lesson has a timeline worth showing. */
static bool uses_clock(const al_event *e)
{
    return e->time > 0 || (e->kind >= AL_EV_LOOP_ITER && e->kind <= AL_EV_DEADLOCK);
}

/* plan_layout looks at the whole trace once: the time column appears only
 * if the lesson has a loop or a clock, and the actor column is as wide as
 * the longest name in use, within limits. */
static layout plan_layout(const al_trace *run, bool color)
{
    layout lay = {color ? &colors : &plain, false, ACTOR_MIN};
    al_event e;
    for (uint32_t seq = 1; al_trace_event(run, seq, &e); seq++) {
        const char *name = al_trace_actor_name(run, e.actor);
        int w = name ? (int)al_utf8_cols(name, strlen(name)) : 0;
        if (w > lay.actor_cols)
            lay.actor_cols = w > ACTOR_MAX ? ACTOR_MAX : w;
        lay.show_time = lay.show_time || uses_clock(&e);
    }
    return lay;
}

/* put_value appends v as the log shows it: repr, or str for names. */
static void put_value(al_buf *b, al_value v, bool as_name)
{
    if (as_name && v.type == AL_STR)
        al_str_of(b, v);
    else
        al_repr_of(b, v);
}

static void put_field(al_buf *b, const field *f, al_value v)
{
    /* A pointer prints as an address, which means nothing to a student
     * and changes from run to run; the other-actor column names it. */
    if ((f->flags & AL_SHOW_HIDE) || v.type == AL_PTR ||
        (v.type == AL_NONE && !(f->flags & AL_SHOW_NONE)))
        return;
    if (b->len)
        al_buf_putc(b, ' ');
    if (f->label)
        al_buf_printf(b, "%s=", f->label);
    put_value(b, v, f->flags & AL_SHOW_NAME);
}

/* details builds the free-text part of an event line, uncoloured. */
static void details(al_buf *b, const al_trace *run, const al_event *e)
{
    /* The other actor is the maker for a create and the target for the
     * rest (delegate, wakeup, task_new...), so say which. */
    const char *other = al_trace_actor_name(run, e->other);
    if (other)
        al_buf_printf(b, e->kind == AL_EV_CREATE ? "by %s" : "→ %s", other);
    static const field bare = {0};
    bool known = e->kind < AL_EV__COUNT;
    put_field(b, known ? &fields[e->kind][0] : &bare, e->a);
    /* A task_suspend's label repeats the name of the future it awaits;
     * it is worth printing only for a bare yield, which awaits nothing.
     * A raised exception says so, unlike an exception object that a
     * task returned as its result. */
    if (e->flags & AL_EVF_RAISED)
        al_buf_puts(b, " raised");
    if (!(e->kind == AL_EV_TASK_SUSPEND && other))
        put_field(b, known ? &fields[e->kind][1] : &bare, e->b);
}

/* actor_color gives each kind of actor its own colour, so a student can
 * follow one generator or task down the page. */
static const char *actor_color(const style *st, const al_trace *run, uint32_t id)
{
    if (!al_trace_actor_name(run, id))
        return st->off;
    switch (al_trace_actor_kind(run, id)) {
    case AL_ACTOR_GENERATOR: return st->cyan;
    case AL_ACTOR_COROUTINE:
    case AL_ACTOR_TASK: return st->magenta;
    case AL_ACTOR_LOOP: return st->yellow;
    default: return st->bold;
    }
}

static bool is_failure(uint16_t kind)
{
    return kind == AL_EV_RAISE || kind == AL_EV_ERROR || kind == AL_EV_DEADLOCK;
}

/* prefix appends the columns every line shares: seq, time, actor. */
static void prefix(al_buf *b, const layout *lay, const al_trace *run, const al_event *e)
{
    const style *st = lay->st;
    const char *name = al_trace_actor_name(run, e->actor);
    if (!name)
        name = "-";
    al_buf_printf(b, "%s%*lu%s  ", st->dim, SEQ_COLS, (unsigned long)e->seq, st->off);
    if (lay->show_time)
        al_buf_printf(b, "%s%*.3f%s  ", st->dim, TIME_COLS, e->time, st->off);
    int pad = lay->actor_cols - (int)al_utf8_cols(name, strlen(name));
    al_buf_printf(b, "%s%s%s%*s  ", actor_color(st, run, e->actor), name, st->off, pad > 0 ? pad : 0, "");
}

static size_t prefix_cols(const layout *lay)
{
    return SEQ_COLS + 2 + (lay->show_time ? TIME_COLS + 2 : 0) + (size_t)lay->actor_cols + 2;
}

/* output_text appends a printed line behind its gutter.  A print() of a
 * text holding newlines gives several lines on the screen; each gets the
 * gutter, so the program's output still reads as one block. */
static void output_text(al_buf *b, const layout *lay, const char *text)
{
    const style *st = lay->st;
    al_buf_printf(b, "%s%-*s%s ", st->bold, KIND_COLS, "print", st->off);
    for (;;) {
        size_t n = strcspn(text, "\n");
        al_buf_printf(b, "%s│%s %s%.*s%s", st->green, st->off, st->bold, (int)n, text, st->off);
        if (!text[n])
            return;
        text += n + 1;
        al_buf_printf(b, "\n%*s", (int)(prefix_cols(lay) + KIND_COLS + 1), "");
    }
}

/* stuck_text appends a deadlock event's sentence (al__words_stuck),
 * wrapped under the details column rather than cut: it is the one place
 * the log says who waits on what and who could have woken it. */
static void stuck_text(al_buf *b, const layout *lay, const al_trace *run, al__run *cache,
                       const al_event *e)
{
    const style *st = lay->st;
    al_buf w, lines;
    al_buf_init(&w);
    al_buf_init(&lines);
    al__words_stuck_at(&w, cache, run, e);
    size_t indent = prefix_cols(lay) + KIND_COLS + 1;
    al__wrap(&lines, w.data ? w.data : "", "", "", LINE_COLS - indent);
    if (lines.len && lines.data[lines.len - 1] == '\n')
        lines.data[--lines.len] = '\0';
    al_buf_printf(b, "%s%-*s%s ", st->red, KIND_COLS, "deadlock", st->off);
    for (const char *p = lines.data; p && *p;) {
        size_t n = strcspn(p, "\n");
        al_buf_printf(b, "%.*s", (int)n, p);
        if (!p[n])
            break;
        p += n + 1;
        al_buf_printf(b, "\n%*s", (int)indent, "");
    }
    al_buf_free(&w);
    al_buf_free(&lines);
}

/* event_line builds one event's line.  Output and notes carry their text
 * as str(), unclipped: it is the program's output, and cutting it would
 * show the student something the program never printed. */
static void event_line(al_buf *b, const layout *lay, const al_trace *run, al__run *cache,
                       const al_event *e)
{
    const style *st = lay->st;
    prefix(b, lay, run, e);
    al_buf d;
    al_buf_init(&d);
    if (e->kind == AL_EV_NOTE && e->b.type == AL_STR && strcmp(e->b.u.s->data, "part") == 0) {
        /* a timed part's mark (al_note_part) */
        if (e->a.type == AL_STR)
            al_buf_printf(&d, "timed part \"%s\" begins", e->a.u.s->data);
        else
            al_buf_puts(&d, "timed parts end");
        al_buf_printf(b, "%-*s %s# %s%s", KIND_COLS, "note", st->yellow, d.data, st->off);
    } else if (e->kind == AL_EV_DEADLOCK) {
        stuck_text(b, lay, run, cache, e);
    } else if (e->kind == AL_EV_OUTPUT || e->kind == AL_EV_NOTE) {
        al_str_of(&d, e->a);
        if (e->kind == AL_EV_OUTPUT)
            output_text(b, lay, d.data ? d.data : "");
        else
            al_buf_printf(b, "%-*s %s# %s%s", KIND_COLS, "note", st->yellow,
                          d.data ? d.data : "", st->off);
    } else {
        details(&d, run, e);
        char cause[24] = "";
        if (e->cause)
            snprintf(cause, sizeof cause, "  ← #%lu", (unsigned long)e->cause);
        /* A name wider than its column pushes the details right, so
         * they get that much less room. */
        const char *name = al_trace_actor_name(run, e->actor);
        size_t ncols = name ? al_utf8_cols(name, strlen(name)) : 1;
        size_t over = ncols > (size_t)lay->actor_cols ? ncols - (size_t)lay->actor_cols : 0;
        size_t used = prefix_cols(lay) + over + KIND_COLS + 1 + al_utf8_cols(cause, strlen(cause));
        clip(&d, used < LINE_COLS ? LINE_COLS - used : 1);
        const char *kc = is_failure(e->kind) ? st->red : "";
        const char *kind = e->kind < AL_EV__COUNT ? al_ev_names[e->kind] : "?";
        al_buf_printf(b, "%s%-*s%s %s%s%s%s", kc, KIND_COLS, kind, *kc ? st->off : "",
                      d.data ? d.data : "", st->dim, cause, st->off);
    }
    al_buf_free(&d);
    /* Trailing padding would show up as a ragged selection on a projector. */
    while (b->len && b->data[b->len - 1] == ' ')
        b->len--;
    al_buf_putc(b, '\n');
}

static void header(al_buf *b, const layout *lay, const al_trace_lesson *l)
{
    const style *st = lay->st;
    al_buf_printf(b, "%sLesson %d · %s%s  %s(%s)%s\n", st->bold, l->number, l->title, st->off,
                  st->dim, l->slug, st->off);
    if (l->concept && *l->concept)
        al__wrap(b, l->concept, "  ", "  ", LINE_COLS - 2);
    al_buf_printf(b, "\n%s%*s  ", st->dim, SEQ_COLS, "seq");
    if (lay->show_time)
        al_buf_printf(b, "%*s  ", TIME_COLS, "time");
    al_buf_printf(b, "%-*s  %-*s details%s\n", lay->actor_cols, "actor", KIND_COLS, "event",
                  st->off);
}

static void summary(al_buf *b, const layout *lay, const al_trace *run)
{
    size_t printed = 0;
    double end = 0;
    al_event e;
    for (uint32_t seq = 1; al_trace_event(run, seq, &e); seq++) {
        printed += e.kind == AL_EV_OUTPUT;
        if (e.time > end)
            end = e.time;
    }
    al_buf_printf(b, "\n%s%lu events · %zu actors · %zu line%s printed", lay->st->dim,
                  (unsigned long)al_trace_len(run), al_trace_actor_count(run), printed,
                  printed == 1 ? "" : "s");
    if (lay->show_time)
        al_buf_printf(b, " · virtual time %.3f s", end);
    al_buf_printf(b, "%s\n", lay->st->off);
    al_buf parts;
    al_buf_init(&parts);
    al__words_parts(&parts, run);
    for (char *g = parts.data, *nl; g && *g; g = nl + 1) {
        nl = strchr(g, '\n');
        al_buf_printf(b, "%selapsed:%s %.*s\n", lay->st->bold, lay->st->off, (int)(nl - g), g);
    }
    al_buf_free(&parts);
}

/* al__render_log: see views.h.  The layout is fixed by the run seen at
 * the first call (kept in p->state), so live lines line up with the
 * first ones; a name that arrives later and is longer is cut. */
al_status al__render_log(al__sink *s, const al_trace *run, bool color, al__progress *p)
{
    al_buf b;
    al_buf_init(&b);
    if (!p->began) {
        p->state = malloc(sizeof(layout));
        if (!p->state)
            return AL_EFAIL;
        *(layout *)p->state = plan_layout(run, color);
        if (!p->final) /* live: names still to come may be longer */
            ((layout *)p->state)->actor_cols = ACTOR_MAX;
        header(&b, p->state, al_trace_lesson_of(run));
        al__sink_buf(s, &b);
        p->began = true;
    }
    const layout *lay = p->state;
    al__run cache = {0}; /* the run decoded, for a deadlock's words */
    al_event e;
    for (uint32_t seq = (uint32_t)p->done + 1; !s->err && al_trace_event(run, seq, &e); seq++) {
        event_line(&b, lay, run, &cache, &e);
        al__sink_buf(s, &b);
        p->done = seq;
    }
    if (p->final) {
        if (!s->err) {
            summary(&b, lay, run);
            al__sink_buf(s, &b);
        }
        free(p->state);
        p->state = NULL;
    }
    al__run_close(&cache);
    al_buf_free(&b);
    return s->err ? AL_EIO : AL_OK;
}

/* al__render_output: see views.h. */
al_status al__render_output(al__sink *s, const al_trace *run)
{
    al_buf b;
    al_buf_init(&b);
    al_event e;
    for (uint32_t seq = 1; !s->err && al_trace_event(run, seq, &e); seq++) {
        if (e.kind != AL_EV_OUTPUT)
            continue;
        al_str_of(&b, e.a);
        al_buf_putc(&b, '\n');
        al__sink_buf(s, &b);
    }
    al_buf_free(&b);
    return s->err ? AL_EIO : AL_OK;
}
