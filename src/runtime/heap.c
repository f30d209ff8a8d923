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

/* sift_up is heapq._siftdown: the entry at i moves up towards start
 * while it is before its parent.  O(log n). */
static void sift_up(al__timer_ent *h, size_t start, size_t i)
{
    al__timer_ent e = h[i];
    while (i > start && before(&e, &h[(i - 1) / 2])) {
        h[i] = h[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h[i] = e;
}

/* sift_hole is heapq._siftup: the entry at i leaves a hole that walks
 * down to a leaf along the smaller children (one comparison a level),
 * and the entry, put there, sifts back up, usually not far.  About half
 * the comparisons of a plain sift-down, which matters when 100,000
 * timers fire in one go.  The right child is taken unless the left one
 * is strictly before it, exactly as heapq decides: with keys that do not
 * order (a NaN deadline compares false both ways) that choice decides
 * where such a timer ends up, and so when it fires.  O(log n). */
static void sift_hole(al__timer_ent *h, size_t n, size_t i)
{
    al__timer_ent e = h[i];
    size_t start = i, child = 2 * i + 1;
    while (child < n) {
        if (child + 1 < n && !before(&h[child], &h[child + 1]))
            child++;
        h[i] = h[child];
        i = child;
        child = 2 * i + 1;
    }
    h[i] = e;
    sift_up(h, start, i);
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
    sift_up(l->heap, 0, l->hlen++);
}

/* pop_top removes the root as heapq.heappop does: the last entry takes
 * its place and sift_hole restores the heap. */
static void pop_top(al__loop *l)
{
    size_t n = --l->hlen;
    if (n == 0)
        return;
    l->heap[0] = l->heap[n];
    sift_hole(l->heap, n, 0);
}

/* sweep drops every dead entry and rebuilds the heap, as _run_once
 * does once more than 100 timers are scheduled and over half of them
 * are cancelled.  O(n). */
static void sweep(al__loop *l)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->hlen; i++)
        if (live(&l->heap[i]))
            l->heap[kept++] = l->heap[i];
    l->hlen = kept;
    for (size_t i = kept / 2; i-- > 0;) /* heapq.heapify */
        sift_hole(l->heap, kept, i);
    l->hdead = 0;
}

/* al__heap_top is the earliest live timer, or NULL.  Dead entries at the
 * top are dropped on the way, so this is amortised O(log n). */
al_handle *al__heap_top(al__loop *l)
{
    if (l->hlen > 100 && 2 * l->hdead > l->hlen)
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
