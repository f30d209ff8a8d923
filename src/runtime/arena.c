/*
 * arena.c: the bump allocator behind every object of a run.
 *
 * A run makes many small objects (strings, frames, futures) that all die
 * together when the run ends.  Bumping a pointer is O(1) and freeing the
 * whole arena is O(chunks), which is why the runtime never frees an object
 * on its own.
 */
#include "al_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Chunks are large enough that calloc takes them straight from mmap, whose
 * pages arrive zeroed: the arena never reuses memory, so nothing needs
 * clearing by hand. */
enum { AL__CHUNK_MIN = 1024 * 1024 };

static al_report_fn report_fn;
static void *report_ctx;

/* al_set_report: see asynclab/core.h. */
void al_set_report(al_report_fn fn, void *ctx)
{
    report_fn = fn;
    report_ctx = ctx;
}

/* al__report: see al_internal.h. */
void al__report(const char *text)
{
    if (report_fn)
        report_fn(report_ctx, text);
}

/* al__die reports "asynclab: internal error: ..." and aborts.  It formats
 * into a fixed buffer: the arena may be what failed. */
_Noreturn void al__die(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(msg, sizeof msg, "asynclab: internal error: ");
    vsnprintf(msg + n, sizeof msg - (size_t)n - 1, fmt, ap);
    va_end(ap);
    strcat(msg, "\n");
    al__report(msg);
    abort();
}

/* al__arena_init makes an empty arena.  No memory is taken until used. */
void al__arena_init(al__arena *a)
{
    a->head = NULL;
    a->total = 0;
}

/* al__arena_free releases every chunk.  O(chunks). */
void al__arena_free(al__arena *a)
{
    al__chunk *c = a->head;
    while (c) {
        al__chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

/* al__arena_alloc returns n zeroed bytes aligned to 16.  Amortised O(1).
 * The memory is zero because chunks come from calloc and are never
 * reused. */
void *al__arena_alloc(al__arena *a, size_t n)
{
    n = (n + 15u) & ~(size_t)15u;
    al__chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > AL__CHUNK_MIN ? n : AL__CHUNK_MIN;
        c = calloc(1, sizeof *c + size);
        if (!c)
            al__die("out of memory (%zu bytes)", size);
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    a->total += n;
    return p;
}
