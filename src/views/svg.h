/*
 * svg.h: what the two halves of the SVG export share: render_svg.c draws
 * the rails, bars, waits, causes and printed lines; svg_axis.c decides
 * where each step goes on the x axis and draws the axis that says so.
 */
#ifndef AL_SVG_H
#define AL_SVG_H

#include "views.h"

/* The page, in pixels.  Large type and thick strokes, for a projector. */
#define SVG_LEFT 190      /* the least width of the column of rail names */
#define SVG_TOP 204       /* title, legend, axis key and time axis above the rows */
#define SVG_ROW_H 46
#define SVG_BAR_H 26
#define SVG_STEP_W 26     /* the least width of a step's column */
#define SVG_DOT_W 25      /* one numbered output dot, within a step's column */
#define SVG_SEC_W 110.0   /* pixels per virtual second, where time passes */
#define SVG_RIGHT 40
#define SVG_FONT 18

/* One instant of virtual time at which steps ran: the clock stands still
 * while they run, so the axis spreads them over x0..x1. */
typedef struct al__svg_band {
    double x0, x1;
    double t;
    size_t nsteps;
} al__svg_band;

typedef struct al__svg {
    const al__story *st;
    al_buf b;
    int *row;      /* per rail: its row, -1 if not drawn */
    int nrows;
    double *x;     /* per step: its left edge */
    double *w;     /* per step: its bar's width */
    int timer_row; /* the row of timers, -1 without a clock */
    double width;
    double left;   /* where the chart begins, right of the longest rail name */
    al_buf *name;  /* per rail: its name, made unique (al__rail_unique_name) */
    al__svg_band *band; /* the instants, left to right */
    size_t nbands;
    bool timeless; /* no virtual time passes: the x axis counts steps */
    double *dot_x; /* per printed line, numbered from 1: its dot's centre */
    size_t nout;   /* the printed lines */
} al__svg;

/* svg_row_y is the y of the middle of row. */
static inline double svg_row_y(int row) { return SVG_TOP + row * SVG_ROW_H + SVG_ROW_H / 2.0; }

/* svg_row_of is the row step s is drawn on: its rail's, or the timers'
 * row for a turn of the loop that printed (a callback's print); -1 if it
 * has none (the loop's other turns). */
static inline int svg_row_of(const al__svg *V, const al__step *s)
{
    if (s->rail < 0)
        return -1;
    if (V->st->rails[s->rail].kind == AL_RAIL_LOOP)
        return s->nout ? V->timer_row : -1;
    return V->row[s->rail];
}

/* al__svg_layout places V's rows, and its steps on the x axis: each
 * drawn step takes a column wide enough for its bar and one dot per line
 * it printed, and virtual time between steps takes SVG_SEC_W pixels a
 * second.  Steps at one instant sit side by side in one band; a line the
 * loop printed (a callback's) gets a column on the timers row at its
 * time.  Fills row, x, w, name, band, dot_x, nout, left and width; false if memory runs out (al__svg_free
 * frees what was made).  O(events + rails^2). */
bool al__svg_layout(al__svg *V);
/* al__svg_free frees what al__svg_layout made. */
void al__svg_free(al__svg *V);
/* al__svg_key draws the two lines under the legend that say what the x
 * axis measures, in words, beside a sample of its marks. */
void al__svg_key(al__svg *V);
/* al__svg_axis draws the x axis above the rows and the bands of the
 * instants down to bottom, behind everything else: with time, each band
 * shaded and labelled with its time (and its number of steps), and the
 * axis line with ticks where time passes; without time, the step
 * numbers.  O(bands + ticks). */
void al__svg_axis(al__svg *V, double bottom);
/* al__svg_text appends a <text> at x, y with extra attributes attrs and
 * the escaped text t. */
void al__svg_text(al__svg *V, double x, double y, const char *attrs, const char *t);

#endif
