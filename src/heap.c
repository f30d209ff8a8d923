/*
 * heap.c: the timer heap, a binary min-heap of handles ordered by
 * (deadline, scheduling sequence).
 *
 * The sequence number makes equal deadlines fire in the order they were
 * scheduled, which is what a real clock gives (two call_later calls read
 * the clock at different instants).  Each handle records its own index,
 * so removal is O(log n) without a search: an intrusive heap, as libuv's.
 */
#include "al_internal.h"

#include <stdint.h>
#include <stdlib.h>

static bool before(const al_handle *x, const al_handle *y)
{
    return x->when < y->when || (x->when == y->when && x->seq < y->seq);
}

static void place(al__loop *l, size_t i, al_handle *h)
{
    l->heap[i] = h;
    h->heap_index = i;
}

static void sift_up(al__loop *l, size_t i)
{
    al_handle *h = l->heap[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!before(h, l->heap[parent]))
            break;
        place(l, i, l->heap[parent]);
        i = parent;
    }
    place(l, i, h);
}

static void sift_down(al__loop *l, size_t i)
{
    al_handle *h = l->heap[i];
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= l->hlen)
            break;
        if (child + 1 < l->hlen && before(l->heap[child + 1], l->heap[child]))
            child++;
        if (!before(l->heap[child], h))
            break;
        place(l, i, l->heap[child]);
        i = child;
    }
    place(l, i, h);
}

/* al__heap_push inserts h.  O(log n), amortised allocation-free. */
void al__heap_push(al__loop *l, al_handle *h)
{
    if (l->hlen == l->hcap) {
        size_t cap = l->hcap ? 2 * l->hcap : 64;
        al_handle **heap = realloc(l->heap, cap * sizeof *heap);
        if (!heap)
            al__die("out of memory (timer heap of %zu)", cap);
        l->heap = heap;
        l->hcap = cap;
    }
    place(l, l->hlen++, h);
    sift_up(l, l->hlen - 1);
}

/* al__heap_remove takes h out wherever it is.  O(log n). */
void al__heap_remove(al__loop *l, al_handle *h)
{
    size_t i = h->heap_index;
    AL_ASSERT(i < l->hlen && l->heap[i] == h);
    h->heap_index = SIZE_MAX;
    al_handle *last = l->heap[--l->hlen];
    if (i == l->hlen)
        return;
    place(l, i, last);
    sift_up(l, i);
    sift_down(l, last->heap_index);
}

/* al__heap_top is the earliest timer, or NULL.  O(1). */
al_handle *al__heap_top(const al__loop *l)
{
    return l->hlen ? l->heap[0] : NULL;
}
