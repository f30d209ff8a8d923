/*
 * lookup.c: finding a lesson by the name a student types, and its texts.
 *
 * A lesson answers to "lesson3", "3", "03" and its slug ("pipelines").
 * A name that matches nothing gets the nearest spelling as a suggestion,
 * because a typo on a projector in front of a class should cost one
 * glance, not a trip to the documentation.
 */
#include "cli.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Names longer than this are not worth comparing: nobody mistypes a slug
 * into a paragraph, and the cap keeps the distance table on the stack. */
#define NAME_MAX_CMP 64

/* al__edit_distance: the optimal-string-alignment distance, computed with
 * three rolling rows, case-insensitively.  O(len(a) * len(b)). */
unsigned al__edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > NAME_MAX_CMP || m > NAME_MAX_CMP)
        return 255;
    unsigned rows[3][NAME_MAX_CMP + 1];
    unsigned *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = (unsigned)i;
        for (size_t j = 1; j <= m; j++) {
            int ca = tolower((unsigned char)a[i - 1]);
            int cb = tolower((unsigned char)b[j - 1]);
            unsigned best = prev[j - 1] + (ca != cb);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == cb && pp[j - 2] + 1 < best)
                best = pp[j - 2] + 1;
            cur[j] = best;
        }
        unsigned *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[m] > 255 ? 255 : prev[m];
}

/* al__near_init: see cli.h. */
void al__near_init(al__near *n, const char *name)
{
    size_t len = strlen(name), limit = len / 3;
    limit = limit < 1 ? 1 : limit > 3 ? 3 : limit;
    if (limit >= len)
        limit = len ? len - 1 : 0;
    *n = (al__near){name, NULL, (unsigned)limit + 1};
}

/* al__near_offer: see cli.h.  best_d starts one past the limit, so a
 * candidate is taken only if it is within it. */
void al__near_offer(al__near *n, const char *candidate)
{
    unsigned d = al__edit_distance(n->name, candidate);
    if (d < n->best_d) {
        n->best_d = d;
        n->best = candidate;
    }
}

/* parse_number reads a lesson number spelled only with digits ("3",
 * "03"); returns -1 for anything else.  A sign or spaces are not a
 * lesson number, and the cap keeps a long digit string from overflowing. */
static int parse_number(const char *s)
{
    if (!*s || strlen(s) > 4)
        return -1;
    int n = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s))
            return -1;
        n = n * 10 + (*s - '0');
    }
    return n;
}

static const al_lesson *by_number(int n)
{
    for (size_t i = 0; i < al_lesson_count; i++)
        if (al_lessons[i]->number == n)
            return al_lessons[i];
    return NULL;
}

/* has_lesson_prefix: does s start with "lesson", in any case? */
static bool has_lesson_prefix(const char *s)
{
    return strncasecmp(s, "lesson", 6) == 0;
}

/* lookup is al__lesson_find without the error message. */
static const al_lesson *lookup(const char *name)
{
    int n = parse_number(has_lesson_prefix(name) ? name + 6 : name);
    if (n >= 0)
        return by_number(n);
    for (size_t i = 0; i < al_lesson_count; i++)
        if (strcasecmp(al_lessons[i]->slug, name) == 0)
            return al_lessons[i];
    return NULL;
}

/* suggest returns the nearest "lessonN" or slug to name (al__near), or
 * NULL; a "lessonN" it suggests is copied to spare. */
static const char *suggest(const char *name, char *spare, size_t spare_len)
{
    al__near near;
    al__near_init(&near, name);
    for (size_t i = 0; i < al_lesson_count; i++) {
        const al_lesson *l = al_lessons[i];
        al__near_offer(&near, l->slug);
        char id[32];
        snprintf(id, sizeof id, "lesson%d", l->number);
        al__near_offer(&near, id);
        if (near.best == id) {
            snprintf(spare, spare_len, "%s", id);
            near.best = spare;
        }
    }
    return near.best;
}

/* al__lesson_valid lists the valid spellings.  The numbers are given as a
 * range because lessons are numbered from 1 without gaps. */
void al__lesson_valid(al_buf *b)
{
    if (al_lesson_count == 0) {
        al_buf_puts(b, "no lessons are built in");
        return;
    }
    int lo = al_lessons[0]->number;
    int hi = al_lessons[al_lesson_count - 1]->number;
    if (lo == hi)
        al_buf_printf(b, "valid: %d, lesson%d, or the slug:", lo, lo);
    else
        al_buf_printf(b, "valid: %d-%d, lesson%d..lesson%d, or a slug:", lo, hi, lo, hi);
    for (size_t i = 0; i < al_lesson_count; i++)
        al_buf_printf(b, "%s %s", i ? "," : "", al_lessons[i]->slug);
}

/* al__lesson_find: see cli.h. */
const al_lesson *al__lesson_find(const char *name, al_buf *err)
{
    const al_lesson *l = lookup(name);
    if (l)
        return l;
    char spare[32];
    /* A number out of range is not a typo of another lesson's name. */
    const char *near = NULL;
    if (parse_number(has_lesson_prefix(name) ? name + 6 : name) < 0)
        near = suggest(name, spare, sizeof spare);
    al_buf_printf(err, "unknown lesson '%s'", name);
    if (near)
        al_buf_printf(err, "; did you mean '%s'?", near);
    al_buf_puts(err, " (");
    al__lesson_valid(err);
    al_buf_puts(err, ")");
    return NULL;
}

/* find_text returns the embedded text of kind for lesson l, or NULL. */
static const char *find_text(const al_lesson *l, const char *kind)
{
    char stem[128];
    snprintf(stem, sizeof stem, "%02d-%s", l->number, l->slug);
    for (size_t i = 0; i < al__lesson_text_count; i++) {
        const struct al__lesson_text *t = &al__lesson_texts[i];
        if (strcmp(t->stem, stem) == 0 && strcmp(t->kind, kind) == 0)
            return t->text;
    }
    return NULL;
}

/* al_lesson_twin returns the Python twin's source (NN-slug.py), or NULL
 * if the build did not embed one. */
const char *al_lesson_twin(const al_lesson *l) { return find_text(l, "py"); }

/* al_lesson_narrative returns the narrative (NN-slug.md), or NULL. */
const char *al_lesson_narrative(const al_lesson *l) { return find_text(l, "md"); }
