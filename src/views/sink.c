/*
 * sink.c: stdout, remembering how it failed.
 *
 * The renderers and the commands write through a sink so that the first
 * failed write stops the rest and its errno is kept for main() to judge
 * (a closed pipe is a quiet stop, a full disk is an error).
 */
#include "views.h"

#include <errno.h>

/* al__sink_write: see views.h. */
bool al__sink_write(al__sink *s, const char *p, size_t n)
{
    if (s->err)
        return false;
    if (n && fwrite(p, 1, n, s->f) != n)
        s->err = errno ? errno : EIO;
    return !s->err;
}

/* al__sink_buf: see views.h. */
bool al__sink_buf(al__sink *s, al_buf *b)
{
    bool ok = al__sink_write(s, b->data, b->len);
    b->len = 0;
    return ok;
}

/* al__sink_flush: see views.h. */
bool al__sink_flush(al__sink *s)
{
    if (!s->err && fflush(s->f) != 0)
        s->err = errno ? errno : EIO;
    return !s->err;
}
