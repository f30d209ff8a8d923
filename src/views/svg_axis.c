/*
 * svg_axis.c: where each step of the SVG export goes on the x axis, and
 * the axis that says so honestly.
 *
 * Steps at one virtual instant take no virtual time, so a proportional
 * axis would draw them all on one line.  The axis is therefore made of
 * two kinds of stretch, told apart on the page: where virtual time
 * passes, x is proportional (SVG_SEC_W pixels a second, the axis line
 * drawn with ticks); where steps run at one instant, the clock stands
 * still and the steps sit side by side, in order, in a shaded band
 * headed by its time and its number of steps.  A run in which no time
 * passes at all (the generator lessons) has one instant only: its axis
 * counts steps instead.  The legend says all of this in words.
 */
#include "svg.h"

#include <stdlib.h>
#include <string.h>

#define KEY1_Y 94           /* the axis key, two lines under the legend */
#define KEY2_Y 122
#define LABEL_Y (SVG_TOP - 50) /* a band's time, a step's number */
#define COUNT_Y (SVG_TOP - 30) /* a band's number of steps */
#define AXIS_Y (SVG_TOP - 18)  /* the axis line */
#define BAND_FILL "#dde5ef"    /* dark enough to survive a projector */
#define CHAR_W 9.0             /* a generous width of a 15 px character */
#define NAME_CHAR_W 11.5       /* the same for the bold 18 px rail names */

/* al__svg_text: see svg.h. */
void al__svg_text(al__svg *V, double x, double y, const char *attrs, const char *t)
{
    al_buf_printf(&V->b, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
    al__xml_str(&V->b, t);
    al_buf_puts(&V->b, "</text>\n");
}

/* column_w is the width of drawn step s's column: its bar, wide enough
 * for a numbered dot per line it printed, and a gap. */
static double column_w(const al__step *s)
{
    double w = (double)s->nout * SVG_DOT_W + 6;
    return w > SVG_STEP_W ? w : SVG_STEP_W;
}

/* Where place has got to: the x and the virtual time there, the band
 * still open (NULL once time has passed since its last column), and the
 * number of printed lines placed so far. */
typedef struct cursor {
    double x, t;
    al__svg_band *open;
    size_t nout;
} cursor;

/* advance moves c on to virtual time t, SVG_SEC_W pixels a second, and
 * closes the open band if any time passes. */
static void advance(cursor *c, double t)
{
    if (t <= c->t)
        return;
    c->x += (t - c->t) * SVG_SEC_W;
    c->t = t;
    c->open = NULL;
}

/* column takes a column w wide at c for the band of the current instant,
 * opening that band if needed; returns the column's x. */
static double column(al__svg *V, cursor *c, double w)
{
    if (!c->open) {
        c->open = &V->band[V->nbands++];
        *c->open = (al__svg_band){.x0 = c->x, .x1 = c->x, .t = c->t};
    }
    double x = c->x;
    c->x += w;
    c->open->x1 = c->x;
    c->open->nsteps++;
    return x;
}

/* place_step places the step k of a rail with a row: a column for its
 * bar and its dots, then the time it blocked the loop for, if any (its
 * bar runs on through that time). */
static void place_step(al__svg *V, cursor *c, size_t k)
{
    const al__step *s = &V->st->steps[k];
    advance(c, s->t0);
    double col = column_w(s);
    V->x[k] = column(V, c, col);
    V->w[k] = col - 6 + (s->t1 - s->t0) * SVG_SEC_W;
    int i = 0;
    for (uint32_t q = s->first; q <= s->last; q++)
        if (al__run_event(V->st->run, q)->kind == AL_EV_OUTPUT)
            V->dot_x[++c->nout] = V->x[k] + 12 + SVG_DOT_W * i++;
    advance(c, s->t1);
}

/* place_loop places the lines a turn of the loop printed (its
 * callbacks' prints) on the timers row, each at its own time: one turn
 * may span several, as the clock jumps between its timers. */
static void place_loop(al__svg *V, cursor *c, size_t k)
{
    const al__step *s = &V->st->steps[k];
    double last = -1, x = 0;
    int i = 0;
    for (uint32_t q = s->first; q <= s->last; q++) {
        const al_event *e = al__run_event(V->st->run, q);
        if (e->kind != AL_EV_OUTPUT)
            continue;
        if (e->time != last) {
            advance(c, e->time);
            x = column(V, c, SVG_DOT_W + 6);
            last = e->time;
            i = 0;
        } else {
            c->x += SVG_DOT_W;
            c->open->x1 = c->x;
        }
        V->dot_x[++c->nout] = x + 12 + SVG_DOT_W * i++;
    }
    V->x[k] = x;
}

/* place puts each step at its x, and gathers the drawn ones into bands:
 * a band grows while no virtual time passes between its steps.  The
 * loop's turns have no column unless they printed; the time they let
 * pass is a gap.  O(events). */
static void place(al__svg *V)
{
    const al__story *st = V->st;
    cursor c = {.x = V->left + 10};
    for (size_t k = 0; k < st->nsteps; k++) {
        const al__step *s = &st->steps[k];
        int row = svg_row_of(V, s);
        if (row >= 0 && row == V->timer_row) {
            place_loop(V, &c, k);
        } else if (row >= 0) {
            place_step(V, &c, k);
        } else {
            /* A turn of the loop is placed where it ends: a rail it makes
             * ready is ready from then on, not from the turn's start,
             * before the clock jumped to the timer that woke it. */
            advance(&c, s->t1);
            V->x[k] = c.x;
            c.nout += s->nout;
        }
    }
    advance(&c, st->end_time);
    V->width = c.x + SVG_RIGHT < 960 ? 960 : c.x + SVG_RIGHT;
}

/* al__svg_layout: see svg.h. */
bool al__svg_layout(al__svg *V)
{
    const al__story *st = V->st;
    V->row = malloc((st->nrails + 1) * sizeof *V->row);
    V->x = calloc(st->nsteps + 1, sizeof *V->x);
    V->w = calloc(st->nsteps + 1, sizeof *V->w);
    V->name = calloc(st->nrails + 1, sizeof *V->name);
    for (size_t i = 0; i < st->run->len; i++)
        V->nout += st->run->ev[i].kind == AL_EV_OUTPUT;
    V->band = calloc(st->nsteps + V->nout + 1, sizeof *V->band);
    V->dot_x = calloc(V->nout + 1, sizeof *V->dot_x);
    if (!V->row || !V->x || !V->w || !V->name || !V->band || !V->dot_x)
        return false;
    V->left = SVG_LEFT;
    for (size_t r = 0; r < st->nrails; r++) {
        V->row[r] = st->rails[r].kind == AL_RAIL_LOOP ? -1 : V->nrows++;
        al__rail_unique_name(&V->name[r], st, r);
        double w = 12 + (double)al_utf8_cols(V->name[r].data, V->name[r].len) * NAME_CHAR_W + 8;
        V->left = V->row[r] >= 0 && w > V->left ? w : V->left;
    }
    V->timer_row = st->clock ? V->nrows++ : -1;
    V->timeless = st->end_time <= 0;
    place(V);
    return true;
}

/* al__svg_free: see svg.h. */
void al__svg_free(al__svg *V)
{
    free(V->row);
    free(V->x);
    free(V->w);
    for (size_t r = 0; V->name && r < V->st->nrails; r++)
        al_buf_free(&V->name[r]);
    free(V->name);
    free(V->band);
    free(V->dot_x);
}

/* scale_bar draws a bar one virtual second long, with end ticks, from x
 * at y: the axis's unit, shown rather than told in pixels. */
static void scale_bar(al__svg *V, double x, double y)
{
    al_buf_printf(&V->b, "<path d=\"M%.1f,%.1f v-10 M%.1f,%.1f h%.1f M%.1f,%.1f v-10\" "
                         "stroke=\"#222\" stroke-width=\"3\" fill=\"none\"/>\n",
                  x, y, x, y - 5, SVG_SEC_W, x + SVG_SEC_W, y);
}

/* al__svg_key: see svg.h. */
void al__svg_key(al__svg *V)
{
    if (V->timeless) {
        al__svg_text(V, 16, KEY1_Y, "", "No virtual time passes in this run, so the x axis "
                                        "counts steps:");
        al__svg_text(V, 16, KEY2_Y, "", "one column per step, in the order they ran, "
                                        "numbered above the axis.");
        return;
    }
    scale_bar(V, 16, KEY1_Y - 2);
    al__svg_text(V, 16 + SVG_SEC_W + 12, KEY1_Y,
                 "", "= 1 s of virtual time, where the axis line is drawn");
    al_buf_printf(&V->b, "<rect x=\"16\" y=\"%d\" width=\"%.0f\" height=\"22\" fill=\"%s\"/>\n",
                  KEY2_Y - 17, SVG_SEC_W, BAND_FILL);
    al__svg_text(V, 16 + SVG_SEC_W + 12, KEY2_Y, "",
                 "= one instant: the clock stands still, so its steps are spread apart, in order");
}

/* label_w is the width a label of n characters takes, with a margin. */
static double label_w(size_t n) { return (double)n * CHAR_W + 8; }

/* band_head shades band b from its head down to bottom and writes its
 * time and its number of steps where they fit beside the labels already
 * written (*right is the right end of the last).  O(1). */
static void band_head(al__svg *V, const al__svg_band *b, double bottom, double *right)
{
    char t[32], n[32];
    snprintf(t, sizeof t, "%.2f s", b->t);
    snprintf(n, sizeof n, "%zu step%s", b->nsteps, b->nsteps == 1 ? "" : "s");
    al_buf_printf(&V->b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                         "<title>%s: %s%s</title></rect>\n",
                  b->x0, LABEL_Y - 18, b->x1 - b->x0, bottom - (LABEL_Y - 18), BAND_FILL, t, n,
                  b->nsteps > 1 ? ", one after another, while the clock stands still" : "");
    double mid = (b->x0 + b->x1) / 2, half = label_w(strlen(t)) / 2;
    if (mid - half < *right)
        return;
    *right = mid + half;
    al__svg_text(V, mid, LABEL_Y, "font-size=\"15\" font-weight=\"bold\" text-anchor=\"middle\"", t);
    if (b->nsteps > 1 && label_w(strlen(n)) * 0.85 <= b->x1 - b->x0 + 6)
        al__svg_text(V, mid, COUNT_Y, "font-size=\"14\" fill=\"#333\" text-anchor=\"middle\"", n);
}

/* gap draws the axis line where time passes, from x0 (at time t0) to x1
 * (at t1), with a tick at each half second inside it, labelled where the
 * label keeps clear of the bands' (*right, and the next band's head at
 * x1).  O(ticks). */
static void gap(al__svg *V, double x0, double t0, double x1, double t1, double *right)
{
    if (x1 - x0 < 1)
        return;
    al_buf_printf(&V->b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\" "
                         "stroke-width=\"3\"/>\n", x0, AXIS_Y, x1, AXIS_Y);
    for (double t = (double)((long)(t0 * 2) + 1) / 2.0; t < t1; t += 0.5) {
        double x = x0 + (t - t0) * SVG_SEC_W;
        if (x - x0 < 3 || x1 - x < 3)
            continue;
        al_buf_printf(&V->b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\" "
                             "stroke-width=\"2\"/>\n", x, AXIS_Y - 8, x, AXIS_Y);
        char s[32];
        snprintf(s, sizeof s, "%.2f s", t);
        double half = label_w(strlen(s)) / 2;
        if (t != (double)(long)t || x - half < *right || x + half > x1 - 30)
            continue; /* whole seconds only: half seconds are too close */
        *right = x + half;
        al__svg_text(V, x, LABEL_Y, "font-size=\"14\" fill=\"#555\" text-anchor=\"middle\"", s);
    }
}

/* step_axis numbers the drawn steps, for a run in which no time passes:
 * a tick per step, and its number at the first and every fifth. */
static void step_axis(al__svg *V)
{
    const al__story *st = V->st;
    const al__svg_band *b = &V->band[0];
    al_buf_printf(&V->b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\" "
                         "stroke-width=\"3\"/>\n", b->x0, AXIS_Y, b->x1, AXIS_Y);
    al__svg_text(V, 12, LABEL_Y, "font-size=\"15\" font-weight=\"bold\" fill=\"#555\"", "step");
    size_t n = 0;
    for (size_t k = 0; k < st->nsteps; k++) {
        if (svg_row_of(V, &st->steps[k]) < 0)
            continue;
        double x = V->x[k] + (V->w[k] / 2);
        al_buf_printf(&V->b, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#222\" "
                             "stroke-width=\"2\"/>\n", x, AXIS_Y - 8, x, AXIS_Y);
        if (++n == 1 || n % 5 == 0) {
            char s[24];
            snprintf(s, sizeof s, "%zu", n);
            al__svg_text(V, x, LABEL_Y, "font-size=\"15\" text-anchor=\"middle\"", s);
        }
    }
}

/* al__svg_axis: see svg.h. */
void al__svg_axis(al__svg *V, double bottom)
{
    if (V->nbands == 0)
        return;
    if (V->timeless) {
        step_axis(V);
        return;
    }
    al__svg_text(V, 12, LABEL_Y, "font-size=\"15\" font-weight=\"bold\" fill=\"#555\"",
                 "virtual time");
    double right = V->left - 10, x = V->left + 10, t = 0;
    for (size_t i = 0; i < V->nbands; i++) {
        const al__svg_band *b = &V->band[i];
        gap(V, x, t, b->x0, b->t, &right);
        band_head(V, b, bottom, &right);
        x = b->x1;
        t = b->t;
    }
    gap(V, x, t, x + (V->st->end_time - t) * SVG_SEC_W, V->st->end_time, &right);
}
