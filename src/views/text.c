/*
 * text.c: the small text helpers every renderer (and the CLI) shares:
 * word wrap, the terminal's width, XML escaping.  Columns of UTF-8 are
 * the runtime's (asynclab/text.h).
 */
#include "views.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* al__wrap_line: see views.h.  Greedy, as a reader fills a line: the
 * last word end that fits, else the first word alone. */
size_t al__wrap_line(const char *s, size_t n, size_t room, size_t *next)
{
    size_t end = n;
    if (al_utf8_cols(s, n) > room) {
        end = 0;
        for (size_t i = 0, c = 0; i <= n && c <= room; i++) {
            if ((i == n || s[i] == ' ') && i > 0 && s[i - 1] != ' ')
                end = i;
            c += i < n && al_utf8_lead(s[i]);
        }
        if (end == 0) { /* one word wider than the line: it overflows */
            while (end < n && s[end] == ' ')
                end++;
            while (end < n && s[end] != ' ')
                end++;
        }
    }
    size_t k = end;
    while (k < n && s[k] == ' ')
        k++;
    *next = k;
    return end;
}

/* al__wrap: see views.h.  O(length of text * lines). */
void al__wrap(al_buf *b, const char *text, const char *first, const char *rest, size_t width)
{
    size_t n = strlen(text), i = 0;
    const char *lead = first;
    do {
        size_t used = al_utf8_cols(lead, strlen(lead)), next;
        size_t len = al__wrap_line(text + i, n - i, width > used ? width - used : 0, &next);
        al_buf_printf(b, "%s%.*s\n", lead, (int)len, text + i);
        i += next;
        lead = rest;
    } while (i < n);
}

/* al__term_width: see views.h. */
int al__term_width(bool tty)
{
    int w = 0;
    struct winsize ws;
    if (tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        w = ws.ws_col;
    const char *c = getenv("COLUMNS");
    if (w == 0 && c && *c) {
        char *end;
        long v = strtol(c, &end, 10);
        if (*end == '\0' && v > 0 && v < 10000)
            w = (int)v;
    }
    if (w == 0)
        w = 80;
    return w < 40 ? 40 : w > 400 ? 400 : w;
}

/* al__xml_str: see views.h. */
void al__xml_str(al_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': al_buf_puts(b, "&amp;"); break;
        case '<': al_buf_puts(b, "&lt;"); break;
        case '>': al_buf_puts(b, "&gt;"); break;
        case '"': al_buf_puts(b, "&quot;"); break;
        default:
            if ((unsigned char)*s >= 0x20 || *s == '\t')
                al_buf_putc(b, *s);
            break;
        }
    }
}

/* esc_len is the length of the ANSI escape sequence (ESC [ ... final
 * byte) that starts s, 0 if none does. */
static size_t esc_len(const char *s, size_t n)
{
    if (n < 2 || s[0] != '\033' || s[1] != '[')
        return 0;
    size_t i = 2;
    while (i < n && !((unsigned char)s[i] >= 0x40 && (unsigned char)s[i] <= 0x7E))
        i++;
    return i < n ? i + 1 : n;
}

/* al__styled_cols: see views.h. */
size_t al__styled_cols(const char *s, size_t n)
{
    size_t cols = 0;
    for (size_t i = 0; i < n;) {
        size_t e = esc_len(s + i, n - i);
        cols += !e && al_utf8_lead(s[i]);
        i += e ? e : 1;
    }
    return cols;
}

/* fold_at is where the piece of s that starts at from ends so that it
 * fits room columns: at the last space before the column that does not
 * fit, or n if the rest fits or has no such space (a word too wide
 * overflows).  *next is where the next piece starts, past the spaces. */
static size_t fold_at(const char *s, size_t n, size_t from, size_t room, size_t *next)
{
    size_t cols = 0, brk = 0;
    bool after_text = false;
    for (size_t i = from; i < n;) {
        size_t e = esc_len(s + i, n - i);
        if (e) {
            i += e;
            continue;
        }
        if (s[i] == ' ' && after_text)
            brk = i;
        after_text = s[i] != ' ';
        cols += al_utf8_lead(s[i]);
        if (cols > room && brk)
            break;
        i++;
    }
    if (cols <= room || !brk) {
        *next = n;
        return n;
    }
    for (*next = brk; *next < n && s[*next] == ' ';)
        (*next)++;
    return brk;
}

/* last_style is the escape sequence in force at byte at of s: the last
 * one before it, unless that is a reset; its length (0 if none). */
static size_t last_style(const char *s, size_t at, const char **sgr)
{
    size_t len = 0;
    for (size_t i = 0; i < at;) {
        size_t e = esc_len(s + i, at - i);
        if (e) {
            *sgr = s + i;
            len = (e == 4 && memcmp(s + i, "\033[0m", 4) == 0) ? 0 : e;
        }
        i += e ? e : 1;
    }
    return len;
}

/* al__fold_styled: see views.h.  O(n * pieces). */
void al__fold_styled(al_buf *b, const char *s, size_t n, size_t first, size_t width,
                     const char *cont)
{
    size_t cont_cols = al__styled_cols(cont, strlen(cont));
    size_t from = 0, room = first;
    for (;;) {
        size_t next, end = fold_at(s, n, from, room, &next);
        al_buf_putn(b, s + from, end - from);
        if (end >= n)
            return;
        const char *sgr = NULL;
        size_t sl = last_style(s, next, &sgr);
        if (sl)
            al_buf_puts(b, "\033[0m");
        al_buf_putc(b, '\n');
        al_buf_puts(b, cont);
        if (sl)
            al_buf_putn(b, sgr, sl);
        from = next;
        room = width > cont_cols + 10 ? width - cont_cols : 10;
    }
}
