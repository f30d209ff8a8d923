/*
 * heap.c: the timer heap, a binary min-heap ordered by (deadline,
 * scheduling sequence).
 *
 * The sequence number makes equal deadlines fire in the order they were
 * scheduled, which is what a real clock gives (two call_later calls read
 * the clock at different instants).
 *
 * Each entry keeps its key beside the handle pointer, so sifting compares
 * keys in one array and never touches the handles themselves: with
 * 100,000 timers the handles are scattered through memory and every
 * touch would be a cache miss.  For the same reason cancellation is lazy,
 * as in CPython: a cancelled timer stays in the heap, marked, and is
 * dropped when it reaches the top, or in one O(n) sweep once more than
 * half the heap is dead.  An entry whose sequence no longer matches its
 * handle's (the handle was cancelled and armed again) is dead too.
 */
#include "al_internal.h"

#include <stdlib.h>

static bool before(const al__timer_ent *x, const al__timer_ent *y)
{
    return x->when < y->when || (x->when == y->when && x->seq < y->seq);
}

static void sift_up(al__timer_ent *h, size_t i)
{
    al__timer_ent e = h[i];
    while (i > 0 && before(&e, &h[(i - 1) / 2])) {
        h[i] = h[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h[i] = e;
}

static void sift_down(al__timer_ent *h, size_t n, size_t i)
{
    al__timer_ent e = h[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && before(&h[c + 1], &h[c]))
            c++;
        if (!before(&h[c], &e))
            break;
        h[i] = h[c];
        i = c;
    }
    h[i] = e;
}

static bool live(const al__timer_ent *e)
{
    return !e->h->cancelled && e->h->seq == e->seq;
}

/* al__heap_push inserts h with its current (when, seq).  O(log n). */
void al__heap_push(al__loop *l, al_handle *h)
{
    if (l->hlen == l->hcap) {
        size_t cap = l->hcap ? 2 * l->hcap : 64;
        al__timer_ent *heap = realloc(l->heap, cap * sizeof *heap);
        if (!heap)
            al__die("out of memory (timer heap of %zu)", cap);
        l->heap = heap;
        l->hcap = cap;
    }
    l->heap[l->hlen] = (al__timer_ent){h->when, h->seq, h};
    sift_up(l->heap, l->hlen++);
}

/* pop_top removes the root the way heapq.heappop does: the hole walks
 * down to a leaf along the smaller children (one comparison a level), and
 * the last entry, put there, sifts back up, usually not far since it came
 * from the bottom.  That is about half the comparisons of a plain
 * sift-down, which matters when 100,000 timers fire in one go.  Keys are
 * unique, so the order popped is the same either way. */
static void pop_top(al__loop *l)
{
    al__timer_ent *h = l->heap;
    size_t n = --l->hlen, pos = 0, child = 1;
    if (n == 0)
        return;
    while (child < n) {
        if (child + 1 < n && before(&h[child + 1], &h[child]))
            child++;
        h[pos] = h[child];
        pos = child;
        child = 2 * pos + 1;
    }
    h[pos] = h[n];
    sift_up(h, pos);
}

/* sweep drops every dead entry and rebuilds the heap.  O(n). */
static void sweep(al__loop *l)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->hlen; i++)
        if (live(&l->heap[i]))
            l->heap[kept++] = l->heap[i];
    l->hlen = kept;
    for (size_t i = kept / 2; i-- > 0;)
        sift_down(l->heap, kept, i);
    l->hdead = 0;
}

/* al__heap_top is the earliest live timer, or NULL.  Dead entries at the
 * top are dropped on the way, so this is amortised O(log n). */
al_handle *al__heap_top(al__loop *l)
{
    if (l->hdead > 100 && 2 * l->hdead > l->hlen)
        sweep(l);
    while (l->hlen && !live(&l->heap[0])) {
        pop_top(l);
        l->hdead--;
    }
    return l->hlen ? l->heap[0].h : NULL;
}

/* al__heap_pop removes the top, which al__heap_top just returned. */
void al__heap_pop(al__loop *l)
{
    AL_ASSERT(l->hlen && live(&l->heap[0]));
    l->heap[0].h->in_heap = false;
    pop_top(l);
}

/* al__heap_cancel marks h's entry dead.  O(1). */
void al__heap_cancel(al__loop *l, al_handle *h)
{
    AL_ASSERT(h->in_heap);
    h->in_heap = false;
    l->hdead++;
}
