/*
 * render_lanes.c: the run as lanes, one narrow rail per task, time down
 * the page.
 *
 * Each row is one step of the story (story.c): the glyphs show every
 * rail's state after it (▶ runs, ○ ready, │ waits, · new, ✓ done, ✗
 * cancelled or failed), and the text says what the running one did, in
 * words (wakes.c, acts.c, awaits.c).  The program's own output follows
 * in the rows of the task that printed it; where an act (a create, a
 * cancel, a block) follows a print, a continuation row says it there, so
 * a row never shows an act before a print that came first.
 * Rails reuse the column of a rail that is gone;
 * when more are alive than the width allows, the surplus folds into one
 * "+N" column instead of wrapping.  No line is wider than the terminal.
 * O(rows x rails) time.  The columns of a row are planned from the run up
 * to that row (the rails alive so far, the time so far), never from what
 * comes later, and the header is repeated when they change: so live
 * playback (--realtime), which builds the story of the run so far at each
 * call and writes the steps that are over, writes what the whole run
 * writes.
 */
#include "views.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TEXT_MIN 28    /* the text column never gets narrower than this */
#define SLOT_MAX 4     /* a rail's column, glyph and label included */

static const char *const palette[] = {
    "\033[36m", "\033[33m", "\033[35m", "\033[32m", "\033[34m",
    "\033[96m", "\033[93m", "\033[95m", "\033[92m", "\033[94m",
};
#define NPALETTE (sizeof palette / sizeof palette[0])
#define OFF "\033[0m"
#define DIM "\033[2m"
#define BOLD "\033[1m"
#define RED "\033[1;31m"

typedef struct lanes {
    al__sink *s;
    const al__view_opts *o;
    const al__story *st;
    al_buf out;
    int timew, slotw, shown, textw;
    int slots;         /* the columns the rails so far need, folded or not */
    bool fold;
    int *owner;        /* per drawn slot: the rail its header names */
    double shown_time; /* the last time printed in the time column */
    uint32_t upto;     /* the last event of the step that its rows so far
                          show: a rail made after it is not drawn yet */
    bool any_time;
} lanes;

static const char *rail_color(const lanes *L, int r)
{
    if (!L->o->color || r < 0)
        return "";
    if (L->st->rails[r].kind == AL_RAIL_MAIN)
        return BOLD;
    return palette[(size_t)r % NPALETTE];
}

static const char *c(const lanes *L, const char *code)
{
    return L->o->color ? code : "";
}

/* unborn says whether rail rl is made in step k after the events that
 * the row being written shows. */
static bool unborn(const lanes *L, const al__rail *rl, size_t k)
{
    return rl->first == k && rl->born > L->upto;
}

/* alive_in returns the rail drawn in slot at step k, or -1.  Folded
 * rails all map to the last slot. */
static int alive_in(const lanes *L, int slot, size_t k, int *count)
{
    int found = -1;
    *count = 0;
    for (size_t r = 0; r < L->st->nrails; r++) {
        const al__rail *rl = &L->st->rails[r];
        int s = rl->slot >= L->shown - 1 && L->fold ? L->shown - 1 : rl->slot;
        if (s != slot || rl->first > k || rl->last < k || unborn(L, rl, k))
            continue;
        (*count)++;
        if (found < 0 || L->st->steps[k].rail == (int)r)
            found = (int)r;
    }
    return found;
}

static const char *glyph(const lanes *L, int r, size_t k, bool head)
{
    const al__step *s = &L->st->steps[k];
    unsigned char x = s->states[r];
    if (s->rail == r && x != AL_RS_DONE && x != AL_RS_FAIL)
        return head ? "▶" : "┃";
    switch (x) {
    case AL_RS_NEW: return "·";
    case AL_RS_READY: return "○";
    case AL_RS_WAIT: return "│";
    case AL_RS_DONE: return head || s->rail != r ? "✓" : " ";
    case AL_RS_FAIL: return head || s->rail != r ? "✗" : " ";
    default: return " ";
    }
}

/* put_rails draws the time column and every slot's glyph for step k. */
static void put_rails(lanes *L, size_t k, bool head, const char *time_text)
{
    if (L->timew)
        al_buf_printf(&L->out, "%s%*s%s ", c(L, DIM), L->timew - 1, time_text, c(L, OFF));
    for (int slot = 0; slot < L->shown; slot++) {
        int n = 0;
        int r = k < L->st->nsteps ? alive_in(L, slot, k, &n) : -1;
        const char *g = r >= 0 ? glyph(L, r, k, head) : " ";
        if (L->fold && slot == L->shown - 1 && n > 1 && L->st->steps[k].rail != r)
            g = "⋮";
        al_buf_printf(&L->out, "%s%s%s%*s", rail_color(L, r), g, *rail_color(L, r) ? OFF : "",
                      L->slotw - 1, "");
    }
}

static bool stopped(const lanes *L)
{
    return L->s->err || (L->o->stop && *L->o->stop);
}

/* end_line trims trailing blanks (a ragged selection on a projector) and
 * writes the line. */
static void end_line(lanes *L)
{
    while (L->out.len && L->out.data[L->out.len - 1] == ' ')
        L->out.len--;
    al_buf_putc(&L->out, '\n');
    al__sink_buf(L->s, &L->out);
}

/* cut_at returns how many bytes of text fit in width columns, breaking
 * at the last space if the text is longer. */
static size_t cut_at(const char *text, size_t width)
{
    size_t n = strlen(text);
    size_t i = al_utf8_fit(text, n, width), space = 0;
    if (i == n)
        return n;
    for (size_t k = 0; k < i; k++)
        if (text[k] == ' ')
            space = k;
    return space > width / 3 ? space : i;
}

/* text_rows writes text in the text column of step k's rows: lead (the
 * runner's name, coloured) on the first line, the rest wrapped under it.
 * style colours the text itself ("" for none). */
static void text_rows(lanes *L, size_t k, bool head, const char *time_text, int rail,
                      const char *lead, const char *text, const char *style)
{
    size_t width = (size_t)L->textw;
    size_t leadw = lead ? al_utf8_cols(lead, strlen(lead)) + 1 : 0;
    bool first = true;
    do {
        put_rails(L, k, head && first, first ? time_text : "");
        size_t avail = first ? width - leadw : width - 2;
        if (first && lead)
            al_buf_printf(&L->out, "%s%s%s ", rail_color(L, rail), lead,
                          *rail_color(L, rail) ? OFF : "");
        else if (!first)
            al_buf_puts(&L->out, "  ");
        size_t n = cut_at(text, avail);
        al_buf_printf(&L->out, "%s%.*s%s", *style ? c(L, style) : "", (int)n, text,
                      *style ? c(L, OFF) : "");
        end_line(L);
        text += n;
        while (*text == ' ')
            text++;
        first = false;
    } while (*text && !stopped(L));
}

/* header_row prints the time and rail labels, and in the text column
 * the full name of each labelled rail, in column order, as the key. */
static void header_row(lanes *L, size_t k)
{
    al_buf names;
    al_buf_init(&names);
    if (L->timew)
        al_buf_printf(&L->out, "%s%*s ", c(L, DIM), L->timew - 1, "time");
    else
        al_buf_puts(&L->out, c(L, DIM));
    for (int slot = 0; slot < L->shown; slot++) {
        int n;
        int r = alive_in(L, slot, k, &n);
        L->owner[slot] = r;
        char label[16] = "";
        if (L->fold && slot == L->shown - 1) {
            snprintf(label, sizeof label, "+%d", L->slots - L->shown + 1);
        } else if (r >= 0) {
            const al__rail *rl = &L->st->rails[r];
            snprintf(label, sizeof label, "%s", rl->label);
            al_buf_printf(&names, "%s%s", names.len ? ", " : "", rl->name);
            if (!L->st->terse && rl->kind == AL_RAIL_TASK && rl->code &&
                !strstr(rl->name, rl->code))
                al_buf_printf(&names, " (%s)", rl->code);
        }
        al_buf_printf(&L->out, "%s%s%-*s%s", c(L, OFF), rail_color(L, r), L->slotw,
                      label, c(L, DIM));
    }
    al_buf_putc(&names, '\0');
    const char *text = names.data;
    for (bool first = true; first || *text; first = false) {
        if (!first)
            al_buf_printf(&L->out, "%*s", L->timew + L->shown * L->slotw + 2, "");
        size_t n = cut_at(text, (size_t)L->textw - (first ? 0 : 2));
        al_buf_printf(&L->out, "%s%.*s%s", c(L, DIM), (int)n, text, c(L, OFF));
        end_line(L);
        text += n;
        while (*text == ' ' || *text == ',')
            text++;
    }
    al_buf_free(&names);
}

/* maybe_header reprints the header when a column changes hands. */
static void maybe_header(lanes *L, size_t k)
{
    for (int slot = 0; slot < L->shown; slot++) {
        int n;
        int r = alive_in(L, slot, k, &n);
        if (r >= 0 && r != L->owner[slot] && !(L->fold && slot == L->shown - 1)) {
            header_row(L, k);
            return;
        }
    }
}

/* time_text fills t with time if it moved since the last row. */
static void time_text(lanes *L, double time, char t[24])
{
    t[0] = '\0';
    if (!L->timew || (L->any_time && time == L->shown_time))
        return;
    snprintf(t, 24, "%.2f", time);
    L->shown_time = time;
    L->any_time = true;
}

/* visible says whether step s gets a row at the chosen detail. */
static bool visible(const lanes *L, const al__step *s, al_buf *acts)
{
    if (s->rail < 0)
        return false;
    al__rail_kind k = L->st->rails[s->rail].kind;
    if (k == AL_RAIL_MAIN || k == AL_RAIL_LOOP)
        return s->nout > 0 || acts->len > 0;
    return true;
}

/* step_outputs writes the lines step k printed among events from..to,
 * one row each, but the first one if skip_first (it is inline). */
static void step_outputs(lanes *L, size_t k, uint32_t from, uint32_t to, bool skip_first)
{
    const al__step *s = &L->st->steps[k];
    bool skipped = !skip_first;
    al_buf t;
    al_buf_init(&t);
    for (uint32_t q = from; q <= to && !stopped(L); q++) {
        const al_event *e = al__run_event(L->st->run, q);
        if (e->kind != AL_EV_OUTPUT)
            continue;
        if (!skipped) {
            skipped = true;
            continue;
        }
        t.len = 0;
        al_str_of(&t, e->a);
        al_buf_putc(&t, '\0');
        char tt[24];
        time_text(L, e->time, tt);
        for (char *line = t.data, *nl; line; line = nl) {
            nl = strchr(line, '\n');
            if (nl)
                *nl++ = '\0';
            text_rows(L, k, false, tt, s->rail, "»", line, BOLD);
            tt[0] = '\0';
        }
    }
    al_buf_free(&t);
}

/* first_output copies the first output among events from..to into b;
 * false if there is none. */
static bool first_output(al_buf *b, const al__story *st, uint32_t from, uint32_t to)
{
    for (uint32_t q = from; q <= to; q++) {
        const al_event *e = al__run_event(st->run, q);
        if (e->kind == AL_EV_OUTPUT) {
            al_str_of(b, e->a);
            return true;
        }
    }
    return false;
}

/* join appends part's text after " · ", then empties part. */
static void join(al_buf *b, al_buf *part)
{
    if (part->len == 0)
        return;
    if (b->len)
        al_buf_puts(b, " · ");
    al_buf_putn(b, part->data, part->len);
    part->len = 0;
}

static bool plan(lanes *L, size_t k);

/* part_rows writes step k's rows for its events from..to.  The first
 * part's row (head) names the runner and says how it got control; every
 * part's row says what it did in those events; the last part's (end)
 * says how it gave control back; the part's first print follows inline
 * when it fits, and its other prints get rows of their own.  A later
 * part's row is a continuation row (┃) without the name. */
static void part_rows(lanes *L, size_t k, uint32_t from, uint32_t to, bool head, bool end)
{
    const al__step *s = &L->st->steps[k];
    al_buf text, part;
    al_buf_init(&text);
    al_buf_init(&part);
    char tt[24];
    time_text(L, head ? s->t0 : al__run_event(L->st->run, from)->time, tt);
    if (head)
        al__words_start(&part, L->st, s);
    join(&text, &part);
    al__words_acts_in(&part, L->st, s, from, to);
    join(&text, &part);
    if (end)
        al__words_end(&part, L->st, s);
    join(&text, &part);
    bool out = first_output(&part, L->st, from, to);
    const char *name = head ? L->st->rails[s->rail].name : NULL;
    size_t used = (name ? al_utf8_cols(name, strlen(name)) + 1 : 0) +
                  (text.len ? al_utf8_cols(text.data, text.len) : 0);
    used += (text.len ? 4 : 2) + al_utf8_cols(part.data, part.len); /* "  » " or "» " */
    bool inline_out = out && used <= (size_t)L->textw;
    if (inline_out) {
        al_buf_puts(&text, text.len ? "  » " : "» ");
        al_buf_putn(&text, part.data, part.len);
    }
    al_buf_putc(&text, '\0');
    text_rows(L, k, head, tt, s->rail, name, text.data, "");
    step_outputs(L, k, from, to, inline_out);
    al_buf_free(&text);
    al_buf_free(&part);
}

/* note_row writes a dim row of words about step k, if say has any:
 * --explain's why under its first part, or at --detail loop what the
 * loop did in a step that gets no row (timed: with the step's time). */
static void note_row(lanes *L, size_t k, const char *lead, bool timed,
                     void (*say)(al_buf *, const al__story *, const al__step *))
{
    al_buf words;
    al_buf_init(&words);
    say(&words, L->st, &L->st->steps[k]);
    if (words.len && !stopped(L)) {
        char tt[24] = "";
        if (timed)
            time_text(L, L->st->steps[k].t0, tt);
        al_buf_putc(&words, '\0');
        text_rows(L, k, false, tt, -1, lead, words.data, DIM);
    }
    al_buf_free(&words);
}

/* step_row writes step k: its parts (split where an act follows a print,
 * each part's columns planned from the rails made by its end, so the
 * header that announces a rail comes just before the row that makes it),
 * or the loop's row at --detail loop for a step that gets none. */
static bool step_row(lanes *L, size_t k)
{
    const al__step *s = &L->st->steps[k];
    al_buf acts;
    al_buf_init(&acts);
    al__words_acts(&acts, L->st, s);
    bool shown = visible(L, s, &acts);
    al_buf_free(&acts);
    L->upto = s->last;
    if (!shown) {
        if (!plan(L, k))
            return false;
        if (L->o->detail >= AL_DETAIL_LOOP)
            note_row(L, k, "loop:", true, al__words_loop);
        return true;
    }
    for (uint32_t from = s->first, split; from && !stopped(L); from = split) {
        split = al__act_after_print(L->st, s, from);
        L->upto = split ? split - 1 : s->last;
        if (!plan(L, k))
            return false;
        maybe_header(L, k);
        part_rows(L, k, from, L->upto, from == s->first, !split);
        if (from == s->first && L->o->explain)
            note_row(L, k, "  why:", false, al__words_why);
    }
    return true;
}

/* plan fits the columns of step k's rows to the width: time, slots
 * (folded if need be), and the text, from the rails that exist by step k
 * and its time.  When the plan changes (as rails appear, or the time
 * gains a digit), every column's owner is forgotten so the next row
 * repeats the header.  O(rails). */
static bool plan(lanes *L, size_t k)
{
    const al__story *st = L->st;
    int w = L->o->width, timew = 0, shown = 0, slotw;
    size_t lab = 2;
    for (size_t r = 0; r < st->nrails && st->rails[r].first <= k; r++) {
        if (unborn(L, &st->rails[r], k))
            continue;
        if (strlen(st->rails[r].label) > lab)
            lab = strlen(st->rails[r].label);
        if (st->rails[r].slot + 1 > shown)
            shown = st->rails[r].slot + 1;
    }
    slotw = (int)lab + 1 > SLOT_MAX ? SLOT_MAX : (int)lab + 1;
    if (st->clock) {
        char t[32];
        int n = snprintf(t, sizeof t, "%.2f", k < st->nsteps ? st->steps[k].t1 : 0.0);
        timew = (n < 4 ? 4 : n) + 1;
    }
    int room = (w - timew - TEXT_MIN) / slotw;
    if (room < 2)
        room = 2;
    L->slots = shown;
    L->fold = shown > room;
    if (L->fold)
        shown = room;
    bool changed = !L->owner || shown != L->shown || slotw != L->slotw || timew != L->timew;
    L->shown = shown, L->slotw = slotw, L->timew = timew;
    L->textw = w - L->timew - L->shown * L->slotw;
    if (!changed)
        return true;
    int *owner = realloc(L->owner, ((size_t)shown + 1) * sizeof *owner);
    if (!owner)
        return false;
    L->owner = owner;
    for (int i = 0; i < shown; i++)
        owner[i] = -2;
    return true;
}

/* The legend's keys, a glyph and its word each; the last one only when
 * rails are folded. */
static const char *const legend_keys[] = {
    "▶ runs", "○ ready", "│ waits", "· new", "✓ done", "✗ failed/cancelled", "⋮ folded",
};

/* legend writes the title and the keys: on one line if they fit, else
 * the keys on lines of their own, broken between keys, so that no line
 * is wider than the terminal even when folded rails add a key. */
static void legend(lanes *L)
{
    const al_trace_lesson *l = L->st->run->lesson;
    al_buf text;
    al_buf_init(&text);
    if (l)
        al_buf_printf(&text, "Lesson %d · %s", l->number, l->title);
    size_t titlew = al_utf8_cols(text.data, text.len), width = (size_t)L->o->width;
    size_t nkeys = L->fold ? 7 : 6, gapw = L->fold ? 1 : 2, keysw = 0;
    for (size_t i = 0; i < nkeys; i++)
        keysw += (i ? gapw : 0) + al_utf8_cols(legend_keys[i], strlen(legend_keys[i]));
    al_buf_printf(&L->out, "%s%s%s", c(L, BOLD), text.len ? text.data : "", c(L, OFF));
    size_t col = titlew + 3;
    if (col + keysw > width) {
        end_line(L);
        col = 0;
    } else {
        al_buf_puts(&L->out, "   ");
    }
    size_t start = col;
    al_buf_puts(&L->out, c(L, DIM));
    for (size_t i = 0; i < nkeys; i++) {
        size_t w = al_utf8_cols(legend_keys[i], strlen(legend_keys[i]));
        if (col > start && col + gapw + w > width) {
            al_buf_puts(&L->out, c(L, OFF));
            end_line(L);
            al_buf_puts(&L->out, c(L, DIM));
            col = start = 0;
        } else if (col > start) {
            al_buf_printf(&L->out, "%*s", (int)gapw, "");
            col += gapw;
        }
        al_buf_puts(&L->out, legend_keys[i]);
        col += w;
    }
    al_buf_puts(&L->out, c(L, OFF));
    end_line(L);
    al_buf_free(&text);
}

static void summary(lanes *L)
{
    const al__story *st = L->st;
    al_buf t, d;
    al_buf_init(&t);
    al_buf_init(&d);
    al__words_deadlock(&d, st->run);
    if (d.len) {
        al_buf_printf(&L->out, "%sdeadlock at %.2f:%s nothing is ready and no timer is pending",
                      c(L, RED), st->end_time, c(L, OFF));
        end_line(L);
        al_buf_putc(&d, '\0');
        for (char *line = d.data, *nl; line && *line; line = nl) {
            nl = strchr(line, '\n');
            if (nl)
                *nl++ = '\0';
            L->shown = 0, L->timew = 0, L->textw = L->o->width;
            text_rows(L, st->nsteps ? st->nsteps - 1 : 0, false, "", -1, "✗", line, "");
        }
    }
    if (st->clock)
        al_buf_printf(&t, "%.2f s of virtual time · %zu loop turns · ", st->end_time,
                      st->loop_turns);
    if (st->task_steps)
        al_buf_printf(&t, "%zu steps, %zu switches · ready peak %zu", st->task_steps,
                      st->switches, st->ready_peak);
    else
        al_buf_printf(&t, "%zu steps", st->nsteps);
    al_buf_putc(&t, '\0');
    L->shown = 0, L->timew = 0, L->textw = L->o->width;
    text_rows(L, 0, false, "", -1, NULL, t.data, DIM);
    t.len = 0;
    al__words_parts(&t, st->run->trace);
    al_buf_putc(&t, '\0');
    for (char *g = t.data, *nl; t.len > 1 && *g; g = nl + 1) {
        nl = strchr(g, '\n');
        *nl = '\0';
        text_rows(L, 0, false, "", -1, "elapsed:", g, BOLD);
    }
    al_buf_free(&t);
    al_buf_free(&d);
}

/* finish writes the summary and frees the view's state. */
static void finish(lanes *L, al__progress *p)
{
    if (!stopped(L))
        summary(L);
    if (L->o->color)
        al__sink_write(L->s, OFF, strlen(OFF));
    free(L->owner);
    al_buf_free(&L->out);
    free(L);
    p->state = NULL;
}

/* al__view_lanes: see views.h. */
al_status al__view_lanes(al__sink *s, const al__run *run, const al__view_opts *o)
{
    al__progress whole, *p = al__progress_of(o, &whole);
    lanes *L = p->state;
    if (!L && !(L = p->state = calloc(1, sizeof *L)))
        return AL_EFAIL;
    al__story st;
    if (!al__story_build(&st, run))
        return AL_EFAIL;
    st.terse = o->width < 100;
    L->s = s, L->o = o, L->st = &st;
    bool ok = true;
    if (!p->began) {
        /* The legend folds as the first step does, all its rails made. */
        L->upto = UINT32_MAX;
        if ((ok = plan(L, p->done)))
            legend(L);
        p->began = true;
    }
    size_t end = p->final || st.nsteps == 0 ? st.nsteps : st.nsteps - 1;
    for (; ok && p->done < end && !stopped(L); p->done++)
        ok = step_row(L, p->done);
    if (p->final)
        finish(L, p);
    al__story_free(&st);
    return !ok ? AL_EFAIL : s->err ? AL_EIO : AL_OK;
}
