/*
 * format.c: printf for lessons, with Python's str() and repr() built in.
 *
 * A lesson prints what its twin prints.  The twin uses print() and
 * f-strings; al_format gives the C side the same pieces: %v is str(x),
 * %r is repr(x), %.2f is f"{x:.2f}", %g is str() of a float.
 */
#include "al_internal.h"

#include <stdlib.h>
#include <string.h>

/* A parsed conversion: flags, width and precision, as printf has them. */
typedef struct spec {
    bool left;
    int width;
    int prec; /* -1 if absent */
    char conv;
} spec;

static const char *parse_spec(const char *p, spec *s)
{
    s->left = false;
    s->width = 0;
    s->prec = -1;
    if (*p == '-') {
        s->left = true;
        p++;
    }
    while (*p >= '0' && *p <= '9')
        s->width = s->width * 10 + (*p++ - '0');
    if (*p == '.') {
        s->prec = 0;
        p++;
        while (*p >= '0' && *p <= '9')
            s->prec = s->prec * 10 + (*p++ - '0');
    }
    s->conv = *p;
    return *p ? p + 1 : p;
}

/* pad appends text padded to the spec's width, on the left by default
 * (numbers) or on the right with '-' (text, as Python's :<N). */
static void pad(al_buf *b, const spec *s, const char *text, size_t n)
{
    size_t len = al_utf8_cols(text, n); /* Python pads by code points */
    size_t fill = s->width > 0 && (size_t)s->width > len ? (size_t)s->width - len : 0;
    if (!s->left)
        for (size_t i = 0; i < fill; i++)
            al_buf_putc(b, ' ');
    al_buf_putn(b, text, n);
    if (s->left)
        for (size_t i = 0; i < fill; i++)
            al_buf_putc(b, ' ');
}

static void put_value(al_buf *b, const spec *s, al_value v, bool repr)
{
    al_buf t;
    al_buf_init(&t);
    if (repr)
        al_repr_of(&t, v);
    else
        al_str_of(&t, v);
    pad(b, s, t.data ? t.data : "", t.len);
    al_buf_free(&t);
}

static void put_fixed(al_buf *b, const spec *s, double x)
{
    /* 1e308 with two decimals is over 300 characters: no fixed buffer. */
    al_buf t;
    al_buf_init(&t);
    al_buf_printf(&t, "%.*f", s->prec < 0 ? 6 : s->prec, x);
    pad(b, s, t.data, t.len);
    al_buf_free(&t);
}

/* al_vformat appends fmt with its arguments to b (see asynclab.h). */
void al_vformat(al_buf *b, const char *fmt, va_list ap)
{
    const char *p = fmt;
    while (*p) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            al_buf_puts(b, p);
            return;
        }
        al_buf_putn(b, p, (size_t)(pct - p));
        spec s;
        p = parse_spec(pct + 1, &s);
        char t[32];
        switch (s.conv) {
        case 'v': put_value(b, &s, va_arg(ap, al_value), false); break;
        case 'r': put_value(b, &s, va_arg(ap, al_value), true); break;
        case 's': { const char *str = va_arg(ap, const char *); pad(b, &s, str, strlen(str)); break; }
        case 'd': snprintf(t, sizeof t, "%d", va_arg(ap, int)); pad(b, &s, t, strlen(t)); break;
        case 'D': snprintf(t, sizeof t, "%lld", (long long)va_arg(ap, int64_t)); pad(b, &s, t, strlen(t)); break;
        case 'f': put_fixed(b, &s, va_arg(ap, double)); break;
        case 'g': al_float_repr(va_arg(ap, double), t); pad(b, &s, t, strlen(t)); break;
        case '%': al_buf_putc(b, '%'); break;
        default: al__die("al_format: bad conversion '%%%c' in \"%s\"", s.conv, fmt);
        }
    }
}

/* al_format is al_vformat with varargs. */
void al_format(al_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    al_vformat(b, fmt, ap);
    va_end(ap);
}
