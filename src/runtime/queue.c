/*
 * queue.c: asyncio.Queue, LifoQueue and PriorityQueue, as queues.py.
 *
 * put() waits while the queue is full and get() while it is empty, each
 * on a future in a FIFO of waiters.  Taking or adding an item completes
 * the first waiter's future, but the woken task runs an iteration later:
 * if another task takes the item first, the woken getter finds the queue
 * empty again and goes back to waiting (CPython's "while self.empty()").
 */
#include "al_internal.h"

#include <string.h>

/* al_queue_init is Queue(maxsize) (or LifoQueue, PriorityQueue). */
void al_queue_init(al_queue *q, al_vm *vm, const char *name, al_queue_kind kind, int64_t maxsize)
{
    memset(q, 0, sizeof *q);
    q->vm = vm;
    q->kind = kind;
    q->maxsize = maxsize;
    q->actor = vm->opts.trace ? al_actor_new(vm, AL_ACTOR_OBJECT, name, NULL) : 0;
    al_flag_init(&q->finished, vm, "Queue._finished");
    al_flag_set(&q->finished);
}

static void grow(al_queue *q)
{
    size_t cap = q->cap ? 2 * q->cap : 16;
    al_value *items = al_alloc(q->vm, cap * sizeof *items);
    for (size_t i = 0; i < q->n; i++)
        items[i] = q->items[(q->head + i) % (q->cap ? q->cap : 1)];
    q->items = items;
    q->head = 0;
    q->cap = cap;
}

/* The priority heap is _heapq's own algorithm, step for step: items that
 * compare equal (0, 0.0 and False) must come out in the order heapq gives
 * them, and a textbook sift would differ.  Like _heapq, each step swaps
 * two slots, so when a comparison raises TypeError (items that < cannot
 * order) the heap is left as _heapq leaves it: the same items, part-way
 * through the sift. */

static void swap(al_value *h, size_t i, size_t j)
{
    al_value t = h[i];
    h[i] = h[j];
    h[j] = t;
}

/* heap_siftdown is _siftdown: move h[pos] up towards start while it is
 * smaller than its parent.  False, with *err, if < raised.  O(log n). */
static bool heap_siftdown(al_vm *vm, al_value *h, size_t start, size_t pos, al_value *err)
{
    while (pos > start) {
        size_t parent = (pos - 1) / 2;
        int lt = al__less(vm, h[pos], h[parent], err);
        if (lt <= 0)
            return lt == 0;
        swap(h, pos, parent);
        pos = parent;
    }
    return true;
}

/* heap_siftup is _siftup: walk the smaller child up to a leaf, then
 * settle the displaced item with _siftdown.  False, with *err, if <
 * raised.  O(log n). */
static bool heap_siftup(al_vm *vm, al_value *h, size_t n, size_t pos, al_value *err)
{
    size_t start = pos;
    size_t child = 2 * pos + 1;
    while (child < n) {
        if (child + 1 < n) {
            int lt = al__less(vm, h[child], h[child + 1], err);
            if (lt < 0)
                return false;
            child += !lt;
        }
        swap(h, pos, child);
        pos = child;
        child = 2 * pos + 1;
    }
    return heap_siftdown(vm, h, start, pos, err);
}

/* put_item and get_item are _put and _get: O(1) for FIFO and LIFO,
 * O(log n) for the priority heap.  Only the heap can fail (false, with
 * *err the TypeError): heappush has appended the item by then, and
 * heappop has taken the smallest off and drops it. */
static bool put_item(al_queue *q, al_value v, al_value *err)
{
    if (q->n == q->cap)
        grow(q);
    if (q->kind == AL_QUEUE_FIFO) {
        q->items[(q->head + q->n++) % q->cap] = v;
        return true;
    }
    q->items[q->n++] = v;
    return q->kind != AL_QUEUE_PRIORITY || heap_siftdown(q->vm, q->items, 0, q->n - 1, err);
}

static bool get_item(al_queue *q, al_value *out)
{
    if (q->kind == AL_QUEUE_FIFO) {
        *out = q->items[q->head];
        q->head = (q->head + 1) % q->cap;
        q->n--;
        return true;
    }
    *out = q->items[--q->n];
    if (q->kind == AL_QUEUE_LIFO || q->n == 0)
        return true;
    al_value last = *out;
    *out = q->items[0];
    q->items[0] = last;
    return heap_siftup(q->vm, q->items, q->n, 0, out);
}

/* wakeup_next is Queue._wakeup_next: the first waiter not yet done. */
static void wakeup_next(al_waiters *w)
{
    while (w->n) {
        al_future *f = al__waiters_popleft(w);
        if (!al_future_done(f)) {
            al_future_set_result(f, al_none());
            return;
        }
    }
}

static void trace_op(al_queue *q, const char *op, al_value item)
{
    AL_TRACE(q->vm, AL_EV_QUEUE, q->actor, 0, al_int((int64_t)q->n),
             al_tuple(q->vm, 2, al_cstr_static(q->vm, op), item));
}

/* al_queue_put_nowait is Queue.put_nowait(item).  A TypeError from the
 * heap leaves the item in the queue but skips the rest, as the exception
 * out of _put does in CPython: no unfinished task, no getter woken. */
al_value al_queue_put_nowait(al_queue *q, al_value item)
{
    if (al_queue_full(q))
        return al_exc_noarg(q->vm, &al_QueueFull);
    al_value err;
    if (!put_item(q, item, &err))
        return err;
    q->unfinished++;
    al_flag_clear(&q->finished);
    if (q->vm->opts.trace)
        trace_op(q, "put", item);
    wakeup_next(&q->getters);
    return al_none();
}

/* al_queue_get_nowait is Queue.get_nowait().  A TypeError from the heap
 * loses the smallest item, as heappop does, and wakes no putter. */
al_signal al_queue_get_nowait(al_queue *q, al_value *out)
{
    if (al_queue_empty(q)) {
        *out = al_exc_noarg(q->vm, &al_QueueEmpty);
        return AL_RAISED;
    }
    if (!get_item(q, out))
        return AL_RAISED;
    if (q->vm->opts.trace)
        trace_op(q, "get", *out);
    wakeup_next(&q->putters);
    return AL_RETURNED;
}

/* al_queue_task_done is Queue.task_done(). */
al_value al_queue_task_done(al_queue *q)
{
    if (q->unfinished <= 0)
        return al_exc_msg(q->vm, &al_ValueError, "task_done() called too many times");
    if (--q->unfinished == 0)
        al_flag_set(&q->finished);
    return al_none();
}

/* wait_turn is the shared tail of put and get when they must wait: on an
 * exception, CPython cancels the waiter, forgets it, and passes the wake-up
 * on if it had been woken, so no item or slot is lost. */
static void give_up(al_queue_co *c, al_waiters *w, bool still_possible)
{
    al_future_cancel(&c->fut, al_none());
    al__waiters_remove(w, &c->fut);
    if (still_possible && !al_future_cancelled(&c->fut))
        wakeup_next(w);
}

static al_signal put_body(al_gen *g)
{
    al_queue_co *c = (al_queue_co *)g;
    AL_GEN_BEGIN(g);
    while (al_queue_full(c->q)) {
        al_future_init(&c->fut, g->vm, "Queue.put");
        al__waiters_push(g->vm, &c->q->putters, &c->fut);
        AL_TRACE(g->vm, AL_EV_WAIT, g->vm->cur_task, c->q->actor, al_cstr_static(g->vm, "Queue.put"), c->item);
        AL_AWAIT_TRY(g, &c->fut, c->r);
        if (!al_is_none(al_pending(g))) {
            give_up(c, &c->q->putters, !al_queue_full(c->q));
            AL_PROPAGATE(g);
        }
    }
    c->r = al_queue_put_nowait(c->q, c->item);
    if (!al_is_none(c->r))
        AL_RAISE(g, c->r);
    AL_GEN_END(g);
}

static al_signal get_body(al_gen *g)
{
    al_queue_co *c = (al_queue_co *)g;
    AL_GEN_BEGIN(g);
    while (al_queue_empty(c->q)) {
        al_future_init(&c->fut, g->vm, "Queue.get");
        al__waiters_push(g->vm, &c->q->getters, &c->fut);
        AL_TRACE(g->vm, AL_EV_WAIT, g->vm->cur_task, c->q->actor, al_cstr_static(g->vm, "Queue.get"), al_none());
        AL_AWAIT_TRY(g, &c->fut, c->r);
        if (!al_is_none(al_pending(g))) {
            give_up(c, &c->q->getters, !al_queue_empty(c->q));
            AL_PROPAGATE(g);
        }
    }
    if (al_queue_get_nowait(c->q, &c->r) == AL_RAISED)
        AL_RAISE(g, c->r);
    AL_RETURN(g, c->r);
    AL_GEN_END(g);
}

static al_signal join_body(al_gen *g)
{
    al_queue_co *c = (al_queue_co *)g;
    AL_GEN_BEGIN(g);
    if (c->q->unfinished > 0)
        AL_YIELD_FROM(g, al_flag_wait(&c->wait, &c->q->finished), c->r);
    AL_GEN_END(g);
}

static const al_gen_def put_def = {"Queue.put", put_body, true};
static const al_gen_def get_def = {"Queue.get", get_body, true};
static const al_gen_def join_def = {"Queue.join", join_body, true};

/* The coroutine constructors: each readies the caller's frame c. */
al_gen *al_queue_put(al_queue_co *c, al_queue *q, al_value item)
{
    AL__REFUSE_LIVE(&c->g, q->vm, &put_def);
    c->q = q;
    c->item = item;
    return al_gen_init(&c->g, q->vm, &put_def);
}

al_gen *al_queue_get(al_queue_co *c, al_queue *q)
{
    AL__REFUSE_LIVE(&c->g, q->vm, &get_def);
    c->q = q;
    return al_gen_init(&c->g, q->vm, &get_def);
}

al_gen *al_queue_join(al_queue_co *c, al_queue *q)
{
    AL__REFUSE_LIVE(&c->g, q->vm, &join_def);
    c->q = q;
    return al_gen_init(&c->g, q->vm, &join_def);
}
