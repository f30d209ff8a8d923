/*
 * render_svg.c: a self-contained SVG Gantt chart of the run, for a
 * projector.
 *
 * One row per rail (task, generator, main), time to the right, on the
 * axis svg_axis.c lays out: proportional where virtual time passes, and
 * spread out, in shaded bands, where steps run at one instant.  A step is
 * a solid bar in its rail's colour; waiting is a dashed grey line, ready
 * a solid amber one; a printed line is a numbered dot on its step (a step
 * is widened to hold one dot per line, so none covers another), listed
 * below the chart; a cause is an arrow from the step (or the timer row)
 * that caused it to the step it woke.  Large type, thick strokes, no
 * scripts or external references.  O(steps x rails) time.
 */
#include "svg.h"

#include <stdlib.h>
#include <string.h>

#define OUT_LINE 26   /* the height of a line of the output list */

static const char *const colors[] = {"#0072b2", "#d55e00", "#009e73", "#cc79a7",
                                     "#56b4e9", "#e69f00", "#7b3294", "#1b7837"};
#define NCOLORS (sizeof colors / sizeof colors[0])

static void header(al__svg *V, double height)
{
    const al_trace_lesson *l = V->st->run->lesson;
    al_buf_printf(&V->b,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                  "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Arial, sans-serif\" "
                  "font-size=\"%d\">\n",
                  V->width, height, V->width, height, SVG_FONT);
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
    al__svg_text(V, 16, 34, "font-size=\"24\" font-weight=\"bold\"", t.data);
    al_buf_free(&t);
    /* The legend, one sample of each mark. */
    double y = 64;
    al_buf_printf(&V->b, "<rect x=\"16\" y=\"%.0f\" width=\"30\" height=\"16\" fill=\"#0072b2\"/>",
                  y - 13);
    al__svg_text(V, 52, y, "", "runs");
    al_buf_printf(&V->b, "<line x1=\"110\" y1=\"%.0f\" x2=\"150\" y2=\"%.0f\" stroke=\"#999\" "
                         "stroke-width=\"3\" stroke-dasharray=\"6 5\"/>", y - 5, y - 5);
    al__svg_text(V, 156, y, "", "waits");
    al_buf_printf(&V->b, "<line x1=\"220\" y1=\"%.0f\" x2=\"260\" y2=\"%.0f\" stroke=\"#e69f00\" "
                         "stroke-width=\"5\"/>", y - 5, y - 5);
    al__svg_text(V, 266, y, "", "ready");
    al_buf_printf(&V->b, "<circle cx=\"335\" cy=\"%.0f\" r=\"11\" fill=\"white\" stroke=\"black\" "
                         "stroke-width=\"2\"/>", y - 5);
    al__svg_text(V, 335, y - 0.5, "font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\"", "1");
    al__svg_text(V, 350, y, "", "printed (listed below)");
    al_buf_printf(&V->b, "<path d=\"M560,%.0f L610,%.0f\" stroke=\"#333\" stroke-width=\"2\" "
                         "marker-end=\"url(#arrow)\"/>", y - 5, y - 5);
    al__svg_text(V, 618, y, "", "woke");
}

/* loop_printed says whether a turn of the loop printed (a callback's
 * print), whose dots go on the timers row. */
static bool loop_printed(const al__story *st)
{
    for (size_t k = 0; k < st->nsteps; k++)
        if (st->steps[k].rail >= 0 && st->rails[st->steps[k].rail].kind == AL_RAIL_LOOP &&
            st->steps[k].nout)
            return true;
    return false;
}

static void names(al__svg *V)
{
    const al__story *st = V->st;
    for (size_t r = 0; r < st->nrails; r++) {
        if (V->row[r] < 0)
            continue;
        const char *c = st->rails[r].kind == AL_RAIL_MAIN ? "#000" : colors[r % NCOLORS];
        char attrs[96];
        snprintf(attrs, sizeof attrs, "font-weight=\"bold\" fill=\"%s\"", c);
        al__svg_text(V, 12, svg_row_y(V->row[r]) + 6, attrs, V->name[r].data);
    }
    if (V->timer_row >= 0)
        al__svg_text(V, 12, svg_row_y(V->timer_row) + 6, "fill=\"#555\"",
                     loop_printed(st) ? "loop, timers" : "timers");
}

/* between draws what rail r does from x0 to x1 in state x. */
static void between(al__svg *V, size_t r, double x0, double x1, unsigned char x)
{
    if (x1 <= x0)
        return;
    double y = svg_row_y(V->row[r]);
    if (x == AL_RS_WAIT || x == AL_RS_NEW)
        al_buf_printf(&V->b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" "
                             "stroke-width=\"3\" stroke-dasharray=\"6 5\"/>\n", x0, y, x1, y);
    else if (x == AL_RS_READY)
        al_buf_printf(&V->b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                             "stroke=\"#e69f00\" stroke-width=\"5\"/>\n", x0, y, x1, y);
}

/* lanes draws every rail's bars and the lines between them. */
static void lanes(al__svg *V)
{
    const al__story *st = V->st;
    for (size_t r = 0; r < st->nrails; r++) {
        if (V->row[r] < 0)
            continue;
        const char *c = st->rails[r].kind == AL_RAIL_MAIN ? "#444" : colors[r % NCOLORS];
        double y = svg_row_y(V->row[r]);
        for (size_t k = st->rails[r].first; k <= st->rails[r].last && k < st->nsteps; k++) {
            const al__step *s = &st->steps[k];
            unsigned char x = s->states[r];
            if (s->rail == (int)r) {
                al_buf_printf(&V->b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
                                     "rx=\"3\" fill=\"%s\"><title>", V->x[k], y - SVG_BAR_H / 2.0,
                              V->w[k], SVG_BAR_H, c);
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
                al__svg_text(V, ex, y + 7, x == AL_RS_DONE ? "fill=\"#1b7837\" font-weight=\"bold\""
                                                   : "fill=\"#b2182b\" font-weight=\"bold\"",
                     x == AL_RS_DONE ? "✓" : "✗");
                break;
            }
        }
    }
}

/* waits draws, for each rail, the line from the end of each of its steps
 * to the start of its next one, dashed while it waits. */
static void waits(al__svg *V)
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

/* arrows draws each cause as an arrow to the step it woke: from a dot
 * on the timers row straight up into the step, for a timer, or from the
 * middle of the step that caused it.  It ends going straight up or down
 * into the bar, so its head points at the bar however close the rows. */
static void arrows(al__svg *V)
{
    const al__story *st = V->st;
    for (size_t k = 0; k < st->nsteps; k++) {
        const al__step *s = &st->steps[k];
        const al_event *c = al__run_event(st->run, s->cause);
        if (!c || s->rail < 0 || V->row[s->rail] < 0)
            continue;
        double x1 = V->x[k], y1 = svg_row_y(V->row[s->rail]);
        double x0 = x1 - SVG_STEP_W, y0, xe = x1 + 2;
        if (c->kind == AL_EV_TIMER_FIRE && V->timer_row >= 0) {
            y0 = svg_row_y(V->timer_row);
            x0 = xe = x1 + 5; /* in the band of the instant it fires at */
            al_buf_printf(&V->b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"#555\"/>\n", x0,
                          y0);
        } else if (s->cause_rail >= 0 && V->row[s->cause_rail] >= 0) {
            y0 = svg_row_y(V->row[s->cause_rail]);
            for (size_t j = 0; j < k; j++)
                if (c->seq >= st->steps[j].first && c->seq <= st->steps[j].last)
                    x0 = V->x[j] + V->w[j] / 2;
        } else {
            continue;
        }
        double ym = (y0 + y1) / 2;
        al_buf_printf(&V->b, "<path d=\"M%.1f,%.1f C%.1f,%.1f %.1f,%.1f %.1f,%.1f\" fill=\"none\" "
                             "stroke=\"#333\" stroke-width=\"2\" marker-end=\"url(#arrow)\"/>\n",
                      x0, y0, x0, ym, xe, ym, xe,
                      y1 + (y0 < y1 ? -SVG_BAR_H / 2.0 : SVG_BAR_H / 2.0));
    }
}

/* dot marks line n, which step s printed, on its bar: each line has a
 * place of its own in its step's column (svg_axis.c), so no dot covers
 * another; the line itself is the dot's tooltip. */
static void dot(al__svg *V, const al__step *s, int n, const al_event *e)
{
    double cx = V->dot_x[n];
    double cy = svg_row_y(svg_row_of(V, s)) - SVG_BAR_H / 2.0 - 2;
    al_buf_printf(&V->b, "<g><title>%d · ", n);
    al__xml_str(&V->b, V->name[s->rail].data);
    al_buf_puts(&V->b, ": ");
    al_buf t;
    al_buf_init(&t);
    al_str_of(&t, e->a);
    al__xml_str(&V->b, t.data ? t.data : "");
    al_buf_free(&t);
    al_buf_printf(&V->b, "</title><circle cx=\"%.1f\" cy=\"%.1f\" r=\"11\" fill=\"white\" "
                         "stroke=\"black\" stroke-width=\"2\"/>", cx, cy);
    char num[16];
    snprintf(num, sizeof num, "%d", n);
    al__svg_text(V, cx, cy + 4.5, "font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\"",
                 num);
    al_buf_puts(&V->b, "</g>\n");
}

/* list_line writes line n of the output list at y: its number
 * right-aligned in numw columns, who printed it padded to namew, and the
 * line (the list is in a monospace font, so the lines start in one
 * column). */
static void list_line(al__svg *V, double y, int n, int numw, int namew, const char *who,
                      const al_event *e)
{
    al_buf t;
    al_buf_init(&t);
    al_buf_printf(&t, "%*d  %s%s%*s", numw, n, who, *who ? ":" : " ",
                  namew - (int)al_utf8_cols(who, strlen(who)) - 1 + 2, "");
    al_str_of(&t, e->a);
    al__svg_text(V, 24, y, "font-family=\"DejaVu Sans Mono, monospace\" font-size=\"16\" "
                           "xml:space=\"preserve\"", t.data);
    al_buf_free(&t);
}

/* outputs marks each printed line with a numbered dot on its step and
 * lists the lines below the chart; returns the y after the list. */
static double outputs(al__svg *V, double y)
{
    const al__story *st = V->st;
    int n = 0;
    al__svg_text(V, 16, y, "font-weight=\"bold\"", "What the program printed");
    y += OUT_LINE;
    int numw = snprintf(NULL, 0, "%zu", V->nout), namew = 0;
    for (size_t r = 0; r < st->nrails; r++) {
        int w = (int)al_utf8_cols(V->name[r].data, V->name[r].len) + 1;
        namew = w > namew ? w : namew;
    }
    for (size_t k = 0; k < st->nsteps; k++) {
        const al__step *s = &st->steps[k];
        for (uint32_t q = s->first; q <= s->last; q++) {
            const al_event *e = al__run_event(st->run, q);
            if (e->kind != AL_EV_OUTPUT)
                continue;
            n++;
            if (svg_row_of(V, s) >= 0)
                dot(V, s, n, e);
            list_line(V, y, n, numw, namew, s->rail >= 0 ? V->name[s->rail].data : "", e);
            y += OUT_LINE;
        }
    }
    return y;
}

/* al__view_svg: see views.h. */
al_status al__view_svg(al__sink *s, const al__run *run, const al__view_opts *o)
{
    (void)o;
    al__story st;
    if (!al__story_build(&st, run))
        return AL_EFAIL;
    al__svg V = {.st = &st};
    al_buf_init(&V.b);
    al_status rc = AL_OK;
    /* the timed parts a lesson compares (al_note_part), under the list */
    al_buf parts;
    al_buf_init(&parts);
    al__words_parts(&parts, run->trace);
    size_t nparts = 0;
    for (size_t i = 0; i < parts.len; i++)
        nparts += parts.data[i] == '\n';
    if (al__svg_layout(&V)) {
        double bottom = SVG_TOP + V.nrows * SVG_ROW_H;
        double height = bottom + 40 + (double)(V.nout + 1) * OUT_LINE + 20 +
                        (nparts ? (double)(nparts + 1) * OUT_LINE : 0);
        header(&V, height);
        al__svg_key(&V);
        al__svg_axis(&V, bottom);
        names(&V);
        waits(&V);
        lanes(&V);
        arrows(&V);
        double y = outputs(&V, bottom + 40);
        if (nparts) {
            al__svg_text(&V, 16, y + 10, "font-weight=\"bold\"", "Elapsed virtual time, side by side");
            y += 10 + OUT_LINE;
            for (char *g = parts.data, *nl; *g; g = nl + 1, y += OUT_LINE) {
                nl = strchr(g, '\n');
                *nl = '\0';
                al__svg_text(&V, 24, y, "", g);
            }
        }
        al_buf_puts(&V.b, "</svg>\n");
        al__sink_buf(s, &V.b);
    } else {
        rc = AL_EFAIL;
    }
    al__svg_free(&V);
    al_buf_free(&parts);
    al_buf_free(&V.b);
    al__story_free(&st);
    return rc != AL_OK ? rc : s->err ? AL_EIO : AL_OK;
}
