/*
 * sink.c: stdout, remembering how it failed.
 *
 * The renderers and the commands write through a sink so that the first
 * failed write stops the rest and its errno is kept for main() to judge
 * (a closed pipe is a quiet stop, a full disk is an error).
 */
#include "views.h"

#include <errno.h>
#include <string.h>
#include <time.h>

static bool stopped(const al__sink *s)
{
    return s->err || (s->stop && *s->stop);
}

static void put(al__sink *s, const char *p, size_t n)
{
    if (n && fwrite(p, 1, n, s->f) != n)
        s->err = errno ? errno : EIO;
}

/* wait_pace flushes and sleeps one pace, cut short by Ctrl-C (the
 * handler is installed without SA_RESTART, so nanosleep returns). */
static void wait_pace(al__sink *s)
{
    al__sink_flush(s);
    struct timespec ts = {(time_t)s->pace, (long)((s->pace - (double)(time_t)s->pace) * 1e9)};
    while (!stopped(s) && nanosleep(&ts, &ts) != 0)
        ;
}

/* al__sink_write: see views.h.  Paced, it is O(n) in the bytes plus one
 * wait per line. */
bool al__sink_write(al__sink *s, const char *p, size_t n)
{
    if (stopped(s))
        return false;
    if (s->pace <= 0) {
        put(s, p, n);
        return !s->err;
    }
    while (n && !stopped(s)) {
        const char *nl = memchr(p, '\n', n);
        size_t k = nl ? (size_t)(nl - p) + 1 : n;
        put(s, p, k);
        if (nl)
            wait_pace(s);
        p += k;
        n -= k;
    }
    return !stopped(s);
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
