/*
 * scores.c: each lesson's best quiz score, kept between sessions.
 *
 * The file is $XDG_STATE_HOME/asynclab/scores (by default
 * ~/.local/state/asynclab/scores), one line per lesson: "N GOT OF".  It
 * is small and rewritten whole, through a temporary file and a rename, so
 * a crash never leaves half a file.  Lines it cannot read are dropped:
 * a score is a pleasure, not a record worth refusing to start over.
 */
#include "step.h"

#include <stdio.h>
#include <stdlib.h>

#define MAX_LESSONS 100

typedef struct score {
    int got, of;
} score;

/* load reads the kept scores into v (indexed by lesson number). */
static void load(score v[MAX_LESSONS])
{
    for (int i = 0; i < MAX_LESSONS; i++)
        v[i] = (score){-1, 0};
    al_buf path;
    al_buf_init(&path);
    FILE *f = al__state_path(&path, "scores") ? fopen(path.data, "r") : NULL;
    al_buf_free(&path);
    if (!f)
        return;
    int n, got, of;
    char line[128];
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "%d %d %d", &n, &got, &of) == 3 && n > 0 && n < MAX_LESSONS &&
            of > 0 && got >= 0 && got <= of)
            v[n] = (score){got, of};
    fclose(f);
}

/* al__score_best: see step.h. */
bool al__score_best(int n, int *got, int *of)
{
    score v[MAX_LESSONS];
    if (n <= 0 || n >= MAX_LESSONS)
        return false;
    load(v);
    if (v[n].got < 0)
        return false;
    *got = v[n].got;
    *of = v[n].of;
    return true;
}

/* better: is a/b a better score than c/d?  A higher fraction wins, and
 * at an equal fraction the longer quiz does. */
static bool better(int a, int b, int c, int d)
{
    long lhs = (long)a * d, rhs = (long)c * b;
    return lhs > rhs || (lhs == rhs && b > d);
}

/* al__score_keep: see step.h. */
void al__score_keep(int n, int got, int of)
{
    score v[MAX_LESSONS];
    if (n <= 0 || n >= MAX_LESSONS || of <= 0)
        return;
    load(v);
    if (v[n].got >= 0 && !better(got, of, v[n].got, v[n].of))
        return;
    v[n] = (score){got, of};
    al_buf path, tmp;
    al_buf_init(&path);
    al_buf_init(&tmp);
    if (al__state_path(&path, "scores")) {
        al_buf_printf(&tmp, "%s.tmp", path.data);
        FILE *f = fopen(tmp.data, "w");
        bool ok = f != NULL;
        for (int i = 1; ok && i < MAX_LESSONS; i++)
            if (v[i].got >= 0)
                ok = fprintf(f, "%d %d %d\n", i, v[i].got, v[i].of) > 0;
        if (f && fclose(f) != 0)
            ok = false;
        if (ok)
            rename(tmp.data, path.data);
        else
            remove(tmp.data);
    }
    al_buf_free(&path);
    al_buf_free(&tmp);
}
