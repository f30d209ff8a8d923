/*
 * text.c: the small text helpers every renderer shares: columns of
 * UTF-8, the terminal's width, XML escaping.
 */
#include "views.h"

#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* al__cols: see views.h. */
size_t al__cols(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
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
