/*
 * pages.c: the recorder's big buffers, in huge pages where the system
 * has them.
 *
 * A long run records megabytes of events and actors, and every 4 KiB
 * page of them costs a page fault when it is first written.  On the VMs
 * this project is measured on a fault costs 10 to 16 microseconds, which
 * is 3 to 4 ns for each byte of trace: more than encoding the event.  A
 * buffer of AL__PAGES_HUGE bytes, aligned to that size and marked for
 * transparent huge pages, faults once instead of 512 times.  Where the
 * system has no such pages (or mmap fails) the buffer comes from malloc
 * and costs what it did before.
 *
 * Cost: one mmap (or malloc) per buffer; the recorder asks for one per
 * 2 MiB of trace.
 */
#include "trace_internal.h"

#include <stdint.h>
#include <stdlib.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(MAP_ANONYMOUS)

/* huge_map maps n bytes (a multiple of AL__PAGES_HUGE) aligned to
 * AL__PAGES_HUGE, by mapping one huge page more and unmapping the slop
 * on either side; NULL if the system refuses. */
static void *huge_map(size_t n)
{
    size_t span = n + AL__PAGES_HUGE;
    uint8_t *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    uintptr_t start = ((uintptr_t)p + AL__PAGES_HUGE - 1) & ~(uintptr_t)(AL__PAGES_HUGE - 1);
    uint8_t *a = (uint8_t *)start;
    if (a > p)
        munmap(p, (size_t)(a - p));
    if (p + span > a + n)
        munmap(a + n, (size_t)(p + span - (a + n)));
    madvise(a, n, MADV_HUGEPAGE); /* advice: without it the buffer still works */
    return a;
}

/* al__pages_alloc: see trace_internal.h. */
al__pages al__pages_alloc(size_t n)
{
    void *p = n % AL__PAGES_HUGE == 0 ? huge_map(n) : NULL;
    if (p)
        return (al__pages){p, n, true};
    p = malloc(n);
    if (!p)
        al__trace_fatal("out of memory (trace buffers)");
    return (al__pages){p, n, false};
}

/* al__pages_free: see trace_internal.h. */
void al__pages_free(al__pages b)
{
    if (b.mapped)
        munmap(b.p, b.n);
    else
        free(b.p);
}

#else

/* Without mmap's huge pages: plain malloc. */
al__pages al__pages_alloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        al__trace_fatal("out of memory (trace buffers)");
    return (al__pages){p, n, false};
}

void al__pages_free(al__pages b) { free(b.p); }

#endif
