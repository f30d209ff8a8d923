/*
 * params.c: a lesson's parameters, from "NAME=VALUE" to typed values.
 *
 * A value is checked against its definition the moment it is given, so a
 * lesson's run() never sees a malformed or out-of-range number, and the
 * student learns exactly which setting was wrong and what would do.  The
 * grammar is deliberately narrower than C's strtod: no hex, no "nan" or
 * "inf", no trailing junk, because the Python twin must accept every value
 * the C side accepts and mean the same number by it.
 */
#include "cli.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The longest single number we read; anything longer is not a sensible
 * setting, and the cap lets the parsers copy into a stack buffer. */
#define NUM_MAX 40

typedef struct slot {
    double num;
    size_t len;
    double list[AL_MAX_LIST];
} slot;

static bool is_list(al_param_type t) { return t == AL_PARAM_INT_LIST || t == AL_PARAM_FLOAT_LIST; }
static bool is_int(al_param_type t) { return t == AL_PARAM_INT || t == AL_PARAM_INT_LIST; }

static size_t max_len(const al_param_def *def)
{
    return def->max_len == 0 || def->max_len > AL_MAX_LIST ? AL_MAX_LIST : def->max_len;
}

/* al__param_max_len: see cli.h. */
size_t al__param_max_len(const al_param_def *def) { return is_list(def->type) ? max_len(def) : 0; }

/* digits skips a run of decimal digits and returns how many there were. */
static size_t digits(const char **p)
{
    const char *s = *p;
    while (isdigit((unsigned char)**p))
        (*p)++;
    return (size_t)(*p - s);
}

/* number_shape checks s against [+-]? digits, or for a decimal against
 * [+-]? (digits [. digits] | . digits) ([eE] [+-]? digits)?, all of s. */
static bool number_shape(const char *s, bool decimal)
{
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    size_t whole = digits(&p), frac = 0;
    if (decimal && *p == '.') {
        p++;
        frac = digits(&p);
    }
    if (whole + frac == 0)
        return false;
    if (decimal && (*p == 'e' || *p == 'E')) {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (digits(&p) == 0)
            return false;
    }
    return *p == '\0';
}

/* parse_number reads the n bytes at s, trimmed of spaces, as one number
 * of the item type of t.  Returns false if it is malformed or not finite. */
static bool parse_number(const char *s, size_t n, al_param_type t, double *out)
{
    while (n > 0 && *s == ' ')
        s++, n--;
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n == 0 || n >= NUM_MAX)
        return false;
    char tmp[NUM_MAX];
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    if (!number_shape(tmp, !is_int(t)))
        return false;
    /* Parsing an integer as a double is exact up to 2^53, far beyond any
     * lesson's range, and one representation keeps the range check simple. */
    *out = strtod(tmp, NULL);
    return isfinite(*out);
}

/* al__param_number: see cli.h. */
bool al__param_number(const char *s, bool integer, double *out)
{
    return parse_number(s, strlen(s), integer ? AL_PARAM_INT : AL_PARAM_FLOAT, out);
}

static bool in_range(const al_param_def *def, double x) { return x >= def->min && x <= def->max; }

/* parse_bool accepts exactly Python's spellings of the twin's values. */
static bool parse_bool(const char *s, double *out)
{
    if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0) {
        *out = s[0] == 't';
        return true;
    }
    return false;
}

/* parse_list splits s at commas into at most max_len in-range items. */
static bool parse_list(const al_param_def *def, const char *s, slot *v)
{
    v->len = 0;
    for (;;) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        if (v->len == max_len(def))
            return false;
        double x;
        if (!parse_number(s, n, def->type, &x) || !in_range(def, x))
            return false;
        v->list[v->len++] = x;
        if (!comma)
            return true;
        s = comma + 1;
    }
}

/* parse_value parses text as def says into v; false if it is not valid. */
static bool parse_value(const al_param_def *def, const char *text, slot *v)
{
    switch (def->type) {
    case AL_PARAM_INT:
    case AL_PARAM_FLOAT:
        return parse_number(text, strlen(text), def->type, &v->num) && in_range(def, v->num);
    case AL_PARAM_BOOL:
        return parse_bool(text, &v->num);
    case AL_PARAM_INT_LIST:
    case AL_PARAM_FLOAT_LIST:
        return parse_list(def, text, v);
    case AL_PARAM__COUNT:
        break;
    }
    return false;
}

/* al__param_bound: see cli.h.  Integers print without ".0" so a
 * student reads "from 0 to 20", as the integer type suggests. */
void al__param_bound(al_buf *b, const al_param_def *def, double x)
{
    if ((is_int(def->type) || def->type == AL_PARAM_BOOL) && x == floor(x) && fabs(x) < 1e15) {
        al_buf_printf(b, "%lld", (long long)x);
    } else {
        char t[32];
        al_float_repr(x, t);
        al_buf_puts(b, t);
    }
}

/* al__param_describe: see cli.h. */
void al__param_describe(al_buf *b, const al_param_def *def)
{
    const char *what = is_int(def->type) ? "integer" : "number";
    if (def->type == AL_PARAM_BOOL) {
        al_buf_puts(b, "true or false");
        return;
    }
    if (is_list(def->type))
        al_buf_printf(b, "a comma-separated list of 1 to %zu %ss from ", max_len(def), what);
    else
        al_buf_printf(b, "%s %s from ", is_int(def->type) ? "an" : "a", what);
    al__param_bound(b, def, def->min);
    al_buf_puts(b, " to ");
    al__param_bound(b, def, def->max);
}

static void list_names(al_buf *b, const al_lesson *l)
{
    for (size_t i = 0; i < l->nparams; i++)
        al_buf_printf(b, "%s%s", i ? ", " : "", l->params[i].name);
}

/* find_def returns the index of the parameter called name (n bytes). */
static long find_def(const al_lesson *l, const char *name, size_t n)
{
    for (size_t i = 0; i < l->nparams; i++)
        if (strlen(l->params[i].name) == n && memcmp(l->params[i].name, name, n) == 0)
            return (long)i;
    return -1;
}

/* unknown_name explains a name the lesson does not define, suggesting
 * the nearest one when it is one or two edits away. */
static void unknown_name(al_buf *err, const al_lesson *l, const char *name)
{
    al_buf_printf(err, "lesson %d has no parameter '%s'", l->number, name);
    if (l->nparams == 0) {
        al_buf_puts(err, " (it takes none)");
        return;
    }
    al__near near;
    al__near_init(&near, name);
    for (size_t i = 0; i < l->nparams; i++)
        al__near_offer(&near, l->params[i].name);
    if (near.best)
        al_buf_printf(err, "; did you mean '%s'?", near.best);
    al_buf_puts(err, " (valid: ");
    list_names(err, l);
    al_buf_puts(err, ")");
}

static void store(al_params *p, size_t i, const slot *v)
{
    p->v[i].num = v->num;
    p->v[i].len = v->len;
    memcpy(p->v[i].list, v->list, v->len * sizeof v->list[0]);
}

/* al__params_init: see cli.h.  The defaults go through the same
 * parser as the command line, so a lesson cannot define a default that a
 * student could not type. */
al_status al__params_init(al_params *p, const al_lesson *l, al_buf *err)
{
    memset(p, 0, sizeof *p);
    if (l->nparams > AL_MAX_PARAMS) {
        al_buf_printf(err, "lesson %d defines %zu parameters; at most %d are supported",
                      l->number, l->nparams, AL_MAX_PARAMS);
        return AL_EFAIL;
    }
    p->n = l->nparams;
    for (size_t i = 0; i < l->nparams; i++) {
        const al_param_def *def = &l->params[i];
        slot v = {0};
        p->v[i].def = def;
        if ((unsigned)def->type >= AL_PARAM__COUNT || !def->def || !parse_value(def, def->def, &v)) {
            al_buf_printf(err, "lesson %d's default for parameter '%s' is not valid", l->number,
                          def->name);
            return AL_EFAIL;
        }
        store(p, i, &v);
    }
    return AL_OK;
}

/* al__params_set: see cli.h. */
al_status al__params_set(al_params *p, const al_lesson *l, const char *assign, al_buf *err)
{
    const char *eq = strchr(assign, '=');
    if (!eq || eq == assign) {
        al_buf_printf(err, "option '--set' needs NAME=VALUE, got '%s' ", assign);
        if (l->nparams == 0) {
            al_buf_printf(err, "(lesson %d takes no parameters)", l->number);
        } else {
            al_buf_printf(err, "(lesson %d's parameters: ", l->number);
            list_names(err, l);
            al_buf_puts(err, ")");
        }
        return AL_EUSAGE;
    }
    long i = find_def(l, assign, (size_t)(eq - assign));
    if (i < 0) {
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(eq - assign), assign);
        unknown_name(err, l, name);
        return AL_EUSAGE;
    }
    const al_param_def *def = &l->params[i];
    slot v = {0};
    if (!parse_value(def, eq + 1, &v)) {
        al_buf_printf(err, "parameter '%s' of lesson %d must be ", def->name, l->number);
        al__param_describe(err, def);
        al_buf_printf(err, ", got '%s'", eq + 1);
        return AL_EUSAGE;
    }
    store(p, (size_t)i, &v);
    return AL_OK;
}
