/*
 * render_svg.c: a self-contained SVG Gantt chart of the run, for a
 * projector.
 *
 * One row per rail (task, generator, main), time to the right.  Steps at
 * one virtual instant take no virtual time, so the x axis is dilated: it
 * advances SEC_W pixels per virtual second plus STEP_W pixels per step, so
 * that every step is visible and in order while sleeps still look long.
 * A step is a solid bar in its rail's colour; waiting is a dashed grey
 * line, ready a solid amber one; a printed line is a numbered dot, listed
 * below the chart; a cause is an arrow from the step (or the timer row)
 * that caused it to the step it woke.  Large type, thick strokes, no
 * scripts or external references.  O(steps x rails) time.
 */
#include "views.h"

#include <stdlib.h>
#include <string.h>

#define LEFT 190      /* the column of rail names */
#define TOP 110       /* title, legend and time axis above the rows */
#define ROW_H 46
#define BAR_H 26
#define STEP_W 26     /* pixels per step */
#define SEC_W 110.0   /* pixels per virtual second */
#define RIGHT 40
#define FONT 18
#define OUT_LINE 26   /* the height of a line of the output list */

static const char *const colors[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                     "#56b4e9", "#e69f00", "#7b3294", "#1b7837"};
#define NCOLORS (sizeof colors / sizeof colors[0])

typedef struct svg {
    al__sink *s;
    const al__story *st;
    al_buf b;
    int *row;      /* per rail: its row, -1 if not drawn */
    int nrows;
    double *x;     /* per step: its left edge */
    double *w;     /* per step: its width */
    int timer_row; /* the row of timers, -1 without a clock */
    double width;
    al_buf *name;  /* per rail: its name, made unique (al__rail_unique_name) */
} svg;

static double row_y(int row) { return TOP + row * ROW_H + ROW_H / 2.0; }

/* drawn: the step has a bar (the loop's turns have none). */
static bool drawn(const al__story *st, const al__step *s)
{
    return s->rail >= 0 && st->rails[s->rail].kind != AL_RAIL_LOOP;
}

/* layout places the rows and the steps on the dilated time axis. */
static bool layout(svg *V)
{
    const al__story *st = V->st;
    V->row = malloc((st->nrails + 1) * sizeof *V->row);
    V->x = calloc(st->nsteps + 1, sizeof *V->x);
    V->w = calloc(st->nsteps + 1, sizeof *V->w);
    V->name = calloc(st->nrails + 1, sizeof *V->name);
    if (!V->row || !V->x || !V->w || !V->name)
        return false;
    for (size_t r = 0; r < st->nrails; r++)
        al__rail_unique_name(&V->name[r], st, r);
    for (size_t r = 0; r < st->nrails; r++)
        V->row[r] = st->rails[r].kind == AL_RAIL_LOOP ? -1 : V->nrows++;
    V->timer_row = st->clock ? V->nrows++ : -1;
    size_t n = 0;
    for (size_t k = 0; k < st->nsteps; k++) {
        const al__step *s = &st->steps[k];
        V->x[k] = LEFT + 10 + n * STEP_W + s->t0 * SEC_W;
        V->w[k] = STEP_W - 6 + (s->t1 - s->t0) * SEC_W;
        n += drawn(st, s);
    }
    V->width = LEFT + 10 + (double)n * STEP_W + st->end_time * SEC_W + RIGHT;
    if (V->width < 760)
        V->width = 760;
    return true;
}

static void text(svg *V, double x, double y, const char *attrs, const char *t)
{
    al_buf_printf(&V->b, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
    al__xml_str(&V->b, t);
    al_buf_puts(&V->b, "</text>\n");
}

static void header(svg *V, double height)
{
    const al_trace_lesson *l = V->st->run->lesson;
    al_buf_printf(&V->b,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                  "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Arial, sans-serif\" "
                  "font-size=\"%d\">\n",
                  V->width, height, V->width, height, FONT);
    al_buf_puts(&V->b, "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                       "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                       "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n");
    al_buf_printf(&V->b, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>\n", V->width,
                  height);
    al_buf t;
    al_buf_init(&t);
    if (l && l->number)
        al_buf_printf(&t, "Lesson %d · %s: who runs, over virtual time", l->number, l->title);
    else
        al_buf_puts(&t, "asynclab: who runs, over virtual time");
    text(V, 16, 34, "font-size=\"24\" font-weight=\"bold\"", t.data);
    al_buf_free(&t);
    /* The legend, one sample of each mark. */
    double y = 64;
    al_buf_printf(&V->b, "<rect x=\"16\" y=\"%.0f\" width=\"30\" height=\"16\" fill=\"#0072b2\"/>",
                  y - 13);
    text(V, 52, y, "", "runs");
    al_buf_printf(&V->b, "<line x1=\"110\" y1=\"%.0f\" x2=\"150\" y2=\"%.0f\" stroke=\"#999\" "
                         "stroke-width=\"3\" stroke-dasharray=\"6 5\"/>", y - 5, y - 5);
    text(V, 156, y, "", "waits");
    al_buf_printf(&V->b, "<line x1=\"220\" y1=\"%.0f\" x2=\"260\" y2=\"%.0f\" stroke=\"#e69f00\" "
                         "stroke-width=\"5\"/>", y - 5, y - 5);
    text(V, 266, y, "", "ready");
    al_buf_printf(&V->b, "<circle cx=\"335\" cy=\"%.0f\" r=\"9\" fill=\"white\" stroke=\"black\" "
                         "stroke-width=\"2\"/>", y - 5);
    text(V, 350, y, "", "printed (listed below)");
    al_buf_printf(&V->b, "<path d=\"M560,%.0f L610,%.0f\" stroke=\"#333\" stroke-width=\"2\" "
                         "marker-end=\"url(#arrow)\"/>", y - 5, y - 5);
    text(V, 618, y, "", "woke");
}

/* axis draws a tick and a faint line at each virtual time a step starts. */
static void axis(svg *V, double bottom)
{
    const al__story *st = V->st;
    double last_x = -1e9, last_t = -1;
    for (size_t k = 0; k < st->nsteps; k++) {
        const al__step *s = &st->steps[k];
        if (!drawn(st, s) || (k && s->t0 == last_t) || V->x[k] - last_x < 60)
            continue;
        last_t = s->t0;
        last_x = V->x[k];
        char t[32];
        snprintf(t, sizeof t, "%.2f s", s->t0);
        al_buf_printf(&V->b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#ddd\" "
                             "stroke-width=\"1\"/>\n", V->x[k], TOP - 8, V->x[k], bottom);
        text(V, V->x[k], TOP - 14, "font-size=\"15\" fill=\"#555\"", t);
    }
}

static void names(svg *V)
{
    const al__story *st = V->st;
    for (size_t r = 0; r < st->nrails; r++) {
        if (V->row[r] < 0)
            continue;
        const char *c = st->rails[r].kind == AL_RAIL_MAIN ? "#000" : colors[r % NCOLORS];
        char attrs[96];
        snprintf(attrs, sizeof attrs, "font-weight=\"bold\" fill=\"%s\"", c);
        text(V, 12, row_y(V->row[r]) + 6, attrs, V->name[r].data);
    }
    if (V->timer_row >= 0)
        text(V, 12, row_y(V->timer_row) + 6, "fill=\"#555\"", "timers");
}

/* between draws what rail r does from x0 to x1 in state x. */
static void between(svg *V, size_t r, double x0, double x1, unsigned char x)
{
    if (x1 <= x0)
        return;
    double y = row_y(V->row[r]);
    if (x == AL_RS_WAIT || x == AL_RS_NEW)
        al_buf_printf(&V->b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                             "stroke-width=\"3\" stroke-dasharray=\"6 5\"/>\n", x0, y, x1, y);
    else if (x == AL_RS_READY)
        al_buf_printf(&V->b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                             "stroke=\"#e69f00\" stroke-width=\"5\"/>\n", x0, y, x1, y);
}

/* lanes draws every rail's bars and the lines between them. */
static void lanes(svg *V)
{
    const al__story *st = V->st;
    for (size_t r = 0; r < st->nrails; r++) {
        if (V->row[r] < 0)
            continue;
        const char *c = st->rails[r].kind == AL_RAIL_MAIN ? "#444" : colors[r % NCOLORS];
        double y = row_y(V->row[r]);
        for (size_t k = st->rails[r].first; k <= st->rails[r].last && k < st->nsteps; k++) {
            const al__step *s = &st->steps[k];
            unsigned char x = s->states[r];
            if (s->rail == (int)r) {
                al_buf_printf(&V->b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
                                     "rx=\"3\" fill=\"%s\"><title>", V->x[k], y - BAR_H / 2.0,
                              V->w[k], BAR_H, c);
                al_buf w;
                al_buf_init(&w);
                al__words_start(&w, st, s);
                al_buf_puts(&w, w.len ? " · " : "");
                al__words_end(&w, st, s);
                al_buf_putc(&w, '\0');
                al__xml_str(&V->b, V->name[r].data);
                al_buf_puts(&V->b, ": ");
                al__xml_str(&V->b, w.data);
                al_buf_puts(&V->b, "</title></rect>\n");
                al_buf_free(&w);
            }
            if (x == AL_RS_DONE || x == AL_RS_FAIL) {
                double ex = V->x[k] + V->w[k] + 4;
                text(V, ex, y + 7, x == AL_RS_DONE ? "fill=\"#1b7837\" font-weight=\"bold\""
                                                   : "fill=\"#b2182b\" font-weight=\"bold\"",
                     x == AL_RS_DONE ? "✓" : "✗");
                break;
            }
        }
    }
}

/* waits draws, for each rail, the line from the end of each of its steps
 * to the start of its next one, dashed while it waits. */
static void waits(svg *V)
{
    const al__story *st = V->st;
    for (size_t r = 0; r < st->nrails; r++) {
        if (V->row[r] < 0)
            continue;
        long prev = -1;
        for (size_t k = st->rails[r].first; k <= st->rails[r].last && k < st->nsteps; k++) {
            if (st->steps[k].rail != (int)r)
                continue;
            double from = prev >= 0 ? V->x[prev] + V->w[prev] : V->x[st->rails[r].first];
            /* Ready from the step that made it ready, waiting before. */
            size_t ready_at = k;
            for (size_t j = (size_t)(prev >= 0 ? prev + 1 : (long)st->rails[r].first); j < k; j++)
                if (st->steps[j].states[r] == AL_RS_READY) {
                    ready_at = j;
                    break;
                }
            double mid = ready_at < k ? V->x[ready_at] + V->w[ready_at] : V->x[k];
            between(V, r, from, mid, AL_RS_WAIT);
            between(V, r, mid, V->x[k], AL_RS_READY);
            prev = (long)k;
        }
    }
}

static void arrows(svg *V)
{
    const al__story *st = V->st;
    for (size_t k = 0; k < st->nsteps; k++) {
        const al__step *s = &st->steps[k];
        const al_event *c = al__run_event(st->run, s->cause);
        if (!c || s->rail < 0 || V->row[s->rail] < 0)
            continue;
        double x1 = V->x[k], y1 = row_y(V->row[s->rail]);
        double x0 = x1 - STEP_W, y0;
        if (c->kind == AL_EV_TIMER_FIRE && V->timer_row >= 0) {
            y0 = row_y(V->timer_row);
            x0 = x1 - STEP_W / 2.0;
            al_buf_printf(&V->b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"#555\"/>\n", x0,
                          y0);
        } else if (s->cause_rail >= 0 && V->row[s->cause_rail] >= 0) {
            y0 = row_y(V->row[s->cause_rail]);
            for (size_t j = 0; j < k; j++)
                if (c->seq >= st->steps[j].first && c->seq <= st->steps[j].last)
                    x0 = V->x[j] + V->w[j] / 2;
        } else {
            continue;
        }
        double ym = (y0 + y1) / 2;
        al_buf_printf(&V->b, "<path d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"none\" "
                             "stroke=\"#333\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>\n",
                      x0, y0, x0, ym, x1 - 8, ym, x1 - 2, y1 + (y0 < y1 ? -BAR_H / 2.0 : BAR_H / 2.0));
    }
}

static size_t count_outputs(const al__run *run)
{
    size_t n = 0;
    for (size_t i = 0; i < run->len; i++)
        n += run->ev[i].kind == AL_EV_OUTPUT;
    return n;
}

/* outputs marks each printed line with a numbered dot on its step and
 * lists the lines below the chart; returns the y after the list. */
static double outputs(svg *V, double y)
{
    const al__story *st = V->st;
    int n = 0;
    al_buf t;
    al_buf_init(&t);
    text(V, 16, y, "font-weight=\"bold\"", "What the program printed");
    y += OUT_LINE;
    /* numbers right-aligned and names padded, so the lines start in one
     * column (the list is in a monospace font) */
    int numw = snprintf(NULL, 0, "%zu", count_outputs(st->run)), namew = 0;
    for (size_t r = 0; r < st->nrails; r++) {
        int w = (int)al_utf8_cols(V->name[r].data, V->name[r].len) + 1;
        namew = w > namew ? w : namew;
    }
    for (size_t k = 0; k < st->nsteps; k++) {
        const al__step *s = &st->steps[k];
        int i = 0;
        for (uint32_t q = s->first; q <= s->last; q++) {
            const al_event *e = al__run_event(st->run, q);
            if (e->kind != AL_EV_OUTPUT)
                continue;
            n++;
            char num[16];
            snprintf(num, sizeof num, "%d", n);
            if (s->rail >= 0 && V->row[s->rail] >= 0) {
                double cx = V->x[k] + 10 + 12 * (i % 3), cy = row_y(V->row[s->rail]) - BAR_H / 2.0 - 2;
                al_buf_printf(&V->b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"9\" fill=\"white\" "
                                     "stroke=\"black\" stroke-width=\"2\"/>\n", cx, cy);
                text(V, cx, cy + 4, "font-size=\"11\" text-anchor=\"middle\"", num);
            }
            i++;
            t.len = 0;
            al_buf_printf(&t, "%*d  ", numw, n);
            const char *who = s->rail >= 0 ? V->name[s->rail].data : "";
            al_buf_printf(&t, "%s%s%*s", who, *who ? ":" : " ",
                          namew - (int)al_utf8_cols(who, strlen(who)) - 1 + 2, "");
            al_str_of(&t, e->a);
            al_buf_putc(&t, '\0');
            text(V, 24, y, "font-family=\"DejaVu Sans Mono, monospace\" font-size=\"16\" "
                           "xml:space=\"preserve\"", t.data);
            y += OUT_LINE;
        }
    }
    al_buf_free(&t);
    return y;
}

/* al__view_svg: see views.h. */
al_status al__view_svg(al__sink *s, const al__run *run, const al__view_opts *o)
{
    (void)o;
    al__story st;
    if (!al__story_build(&st, run))
        return AL_EFAIL;
    svg V = {.s = s, .st = &st};
    al_buf_init(&V.b);
    al_status rc = AL_OK;
    /* the timed parts a lesson compares (al_note_part), under the list */
    al_buf parts;
    al_buf_init(&parts);
    al__words_parts(&parts, run->trace);
    size_t nparts = 0;
    for (size_t i = 0; i < parts.len; i++)
        nparts += parts.data[i] == '\n';
    if (layout(&V)) {
        double bottom = TOP + V.nrows * ROW_H;
        double height = bottom + 40 + (double)(count_outputs(run) + 1) * OUT_LINE + 20 +
                        (nparts ? (double)(nparts + 1) * OUT_LINE : 0);
        header(&V, height);
        axis(&V, bottom);
        names(&V);
        waits(&V);
        lanes(&V);
        arrows(&V);
        double y = outputs(&V, bottom + 40);
        if (nparts) {
            text(&V, 16, y + 10, "font-weight=\"bold\"", "Elapsed virtual time, side by side");
            y += 10 + OUT_LINE;
            for (char *g = parts.data, *nl; *g; g = nl + 1, y += OUT_LINE) {
                nl = strchr(g, '\n');
                *nl = '\0';
                text(&V, 24, y, "", g);
            }
        }
        al_buf_puts(&V.b, "</svg>\n");
        al__sink_buf(s, &V.b);
    } else {
        rc = AL_EFAIL;
    }
    free(V.row);
    free(V.x);
    free(V.w);
    for (size_t r = 0; V.name && r < st.nrails; r++)
        al_buf_free(&V.name[r]);
    free(V.name);
    al_buf_free(&parts);
    al_buf_free(&V.b);
    al__story_free(&st);
    return rc != AL_OK ? rc : s->err ? AL_EIO : AL_OK;
}
