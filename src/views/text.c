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
