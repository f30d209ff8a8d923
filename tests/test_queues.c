/*
 * test_queues.c: asyncio.Queue, LifoQueue and PriorityQueue (queue.c)
 * against CPython 3.11: order, back-pressure, the *_nowait errors,
 * task_done/join, and a woken getter that loses its item.  Each test
 * quotes its Python twin; now() is the prelude in unit_async.h.
 */
#include "unit_async.h"

typedef struct q_main {
    al_gen g;
    al_queue q;
    al_task *t, *u;
    al_future *all;
    al_queue_co op;
    al_sleep_co sleep;
    al_value r, e;
} q_main;

#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)

/* ---- FIFO, LIFO and priority order ----
 *
 * async def main():
 *     for q in (asyncio.Queue(), asyncio.LifoQueue(), asyncio.PriorityQueue()):
 *         for x in (3, 1, 2):
 *             q.put_nowait(x)
 *         print(type(q).__name__, q.qsize(), [q.get_nowait() for _ in range(3)], q.empty())
 *     q = asyncio.PriorityQueue()
 *     for x in ((1, "b"), (1, "a"), (0, "z"), (2, "")):
 *         q.put_nowait(x)
 *     print([q.get_nowait() for _ in range(4)])
 */
static al_value drain(al_queue *q, size_t n)
{
    al_value l = al_list_new(vm, n), v;
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(al_queue_get_nowait(q, &v), AL_RETURNED);
        al_list_append(vm, l, v);
    }
    return l;
}

static al_signal kinds_body(al_gen *g)
{
    static const char *const kinds[3] = {"Queue", "LifoQueue", "PriorityQueue"};
    q_main *m = (q_main *)g;
    AL_GEN_BEGIN(g);
    for (int k = 0; k < 3; k++) {
        al_queue_init(&m->q, vm, kinds[k], (al_queue_kind)k, 0);
        for (int i = 0; i < 3; i++)
            ck_assert(al_is_none(al_queue_put_nowait(&m->q, al_int((int64_t[]){3, 1, 2}[i]))));
        size_t n = al_queue_qsize(&m->q);
        al_value l = drain(&m->q, 3);
        al_print(vm, "%s %d %r %v", kinds[k], (int)n, l, al_bool(al_queue_empty(&m->q)));
    }
    al_queue_init(&m->q, vm, "PriorityQueue", AL_QUEUE_PRIORITY, 0);
    al_queue_put_nowait(&m->q, al_tuple(vm, 2, al_int(1), str("b")));
    al_queue_put_nowait(&m->q, al_tuple(vm, 2, al_int(1), str("a")));
    al_queue_put_nowait(&m->q, al_tuple(vm, 2, al_int(0), str("z")));
    al_queue_put_nowait(&m->q, al_tuple(vm, 2, al_int(2), str("")));
    al_print(vm, "%r", drain(&m->q, 4));
    AL_GEN_END(g);
}
static const al_gen_def kinds_def = {"main", kinds_body, true};

START_TEST(fifo_lifo_and_priority_order)
{
    RUN_OK(q_main, kinds_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "Queue 3 [3, 1, 2] True|LifoQueue 3 [2, 1, 3] True|"
                                "PriorityQueue 3 [1, 2, 3] True|[(0, 'z'), (1, 'a'), (1, 'b'), (2, '')]");
}
END_TEST

/* ---- PriorityQueue pops equal items in heapq's order ----
 *
 * async def main():
 *     q = asyncio.PriorityQueue()
 *     for x in (1, True, 1.0, 0, 2, 1, 1.0, True, 0.0, False):
 *         q.put_nowait(x)
 *     print([q.get_nowait() for _ in range(q.qsize())])
 *
 * 1, 1.0 and True are equal, so which comes first is the heap's doing:
 * heapq.heappop moves the last item to the root and sifts it down to a
 * leaf, taking the right child on ties ("not heap[child] < heap[right]"),
 * then back up (_siftup, then _siftdown).
 */
static al_signal ties_body(al_gen *g)
{
    q_main *m = (q_main *)g;
    AL_GEN_BEGIN(g);
    al_queue_init(&m->q, vm, "q", AL_QUEUE_PRIORITY, 0);
    {
        al_value xs[10] = {al_int(1), al_bool(true), al_float(1.0), al_int(0), al_int(2),
                           al_int(1), al_float(1.0), al_bool(true), al_float(0.0), al_bool(false)};
        for (int i = 0; i < 10; i++)
            al_queue_put_nowait(&m->q, xs[i]);
    }
    al_print(vm, "%r", drain(&m->q, al_queue_qsize(&m->q)));
    AL_GEN_END(g);
}
static const al_gen_def ties_def = {"main", ties_body, true};

START_TEST(priority_ties_pop_in_heapq_order)
{
    RUN_OK(q_main, ties_def);
    ck_assert_str_eq(outputs(), "[0, 0.0, False, 1.0, 1.0, 1, True, 1, True, 2]");
}
END_TEST

/* ---- QueueFull, QueueEmpty, task_done too often ----
 *
 * async def main():
 *     q = asyncio.Queue(maxsize=1)
 *     q.put_nowait("x")
 *     print(q.full(), q.qsize())
 *     try:
 *         q.put_nowait("y")
 *     except asyncio.QueueFull as e:
 *         print(repr(e))
 *     print(q.get_nowait())
 *     try:
 *         q.get_nowait()
 *     except asyncio.QueueEmpty as e:
 *         print(repr(e))
 *     q.task_done()
 *     try:
 *         q.task_done()
 *     except ValueError as e:
 *         print(repr(e))
 *     await q.join()
 *     print("joined at once", now())
 */
static al_signal nowait_body(al_gen *g)
{
    q_main *m = (q_main *)g;
    AL_GEN_BEGIN(g);
    al_queue_init(&m->q, vm, "q", AL_QUEUE_FIFO, 1);
    ck_assert(al_is_none(al_queue_put_nowait(&m->q, str("x"))));
    al_print(vm, "%v %d", al_bool(al_queue_full(&m->q)), (int)al_queue_qsize(&m->q));
    m->e = al_queue_put_nowait(&m->q, str("y"));
    ck_assert(al_exc_isa(m->e, &al_QueueFull));
    al_print(vm, "%r", m->e);
    ck_assert_int_eq(al_queue_get_nowait(&m->q, &m->r), AL_RETURNED);
    al_print(vm, "%v", m->r);
    ck_assert_int_eq(al_queue_get_nowait(&m->q, &m->e), AL_RAISED);
    ck_assert(al_exc_isa(m->e, &al_QueueEmpty));
    al_print(vm, "%r", m->e);
    ck_assert(al_is_none(al_queue_task_done(&m->q)));
    m->e = al_queue_task_done(&m->q);
    ck_assert(al_exc_isa(m->e, &al_ValueError));
    al_print(vm, "%r", m->e);
    AL_YIELD_FROM(g, al_queue_join(&m->op, &m->q), m->r);
    al_print(vm, "joined at once %g", al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def nowait_def = {"main", nowait_body, true};

START_TEST(nowait_errors_and_task_done_too_often)
{
    RUN_OK(q_main, nowait_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "True 1|QueueFull()|x|QueueEmpty()|"
                                "ValueError('task_done() called too many times')|joined at once 0.0");
    ck_assert_int_eq(count_events(AL_EV_WAIT, 0), 0);
}
END_TEST

/* ---- maxsize: put blocks, and blocked putters wake in order ----
 *
 * async def producer(name, q, items):
 *     for i in items:
 *         print(name, "put", i, "...", now())
 *         await q.put(i)
 *         print(name, "put", i, "ok", now())
 * async def consumer(q, n):
 *     for _ in range(n):
 *         await asyncio.sleep(1)
 *         print("got", await q.get(), now(), q.qsize())
 * async def main():
 *     q = asyncio.Queue(maxsize=2)
 *     await asyncio.gather(producer("p", q, [0, 1, 2, 3]), producer("r", q, ["x"]), consumer(q, 5))
 */
typedef struct producer_co {
    al_gen g;
    const char *name;
    al_queue *q;
    al_value items;
    size_t i;
    al_queue_co put;
    al_value r;
} producer_co;

static al_signal producer_body(al_gen *g)
{
    producer_co *p = (producer_co *)g;
    AL_GEN_BEGIN(g);
    for (p->i = 0; p->i < al_len(p->items); p->i++) {
        al_print(vm, "%s put %v ... %g", p->name, al_item(p->items, p->i), al_time(vm));
        AL_YIELD_FROM(g, al_queue_put(&p->put, p->q, al_item(p->items, p->i)), p->r);
        al_print(vm, "%s put %v ok %g", p->name, al_item(p->items, p->i), al_time(vm));
    }
    AL_GEN_END(g);
}
static const al_gen_def producer_def = {"producer", producer_body, true};

typedef struct consumer_co {
    al_gen g;
    al_queue *q;
    int i, n;
    al_sleep_co sleep;
    al_queue_co get;
    al_value r;
} consumer_co;

static al_signal consumer_body(al_gen *g)
{
    consumer_co *c = (consumer_co *)g;
    AL_GEN_BEGIN(g);
    for (c->i = 0; c->i < c->n; c->i++) {
        AL_YIELD_FROM(g, al_sleep(&c->sleep, vm, 1, al_none()), c->r);
        AL_YIELD_FROM(g, al_queue_get(&c->get, c->q), c->r);
        al_print(vm, "got %v %g %d", c->r, al_time(vm), (int)al_queue_qsize(c->q));
    }
    AL_GEN_END(g);
}
static const al_gen_def consumer_def = {"consumer", consumer_body, true};

static al_gen *producer(const char *name, al_queue *q, al_value items)
{
    producer_co *p = (producer_co *)al_gen_new(vm, sizeof *p, &producer_def);
    p->name = name;
    p->q = q;
    p->items = items;
    return &p->g;
}

static al_signal backpressure_body(al_gen *g)
{
    q_main *m = (q_main *)g;
    AL_GEN_BEGIN(g);
    al_queue_init(&m->q, vm, "q", AL_QUEUE_FIFO, 2);
    {
        al_value ps = al_list_new(vm, 4);
        for (int i = 0; i < 4; i++)
            al_list_append(vm, ps, al_int(i));
        consumer_co *c = (consumer_co *)al_gen_new(vm, sizeof *c, &consumer_def);
        c->q = &m->q;
        c->n = 5;
        al_gen *kids[3] = {producer("p", &m->q, ps), producer("r", &m->q, al_tuple(vm, 1, str("x"))), &c->g};
        m->all = al_gather_coros(vm, 3, kids, false);
    }
    AL_AWAIT(g, m->all, m->r);
    AL_GEN_END(g);
}
static const al_gen_def backpressure_def = {"main", backpressure_body, true};

START_TEST(full_queue_blocks_putters_and_wakes_them_in_order)
{
    RUN_OK(q_main, backpressure_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "p put 0 ... 0.0|p put 0 ok 0.0|p put 1 ... 0.0|p put 1 ok 0.0|"
                                "p put 2 ... 0.0|r put x ... 0.0|got 0 1.0 1|p put 2 ok 1.0|"
                                "p put 3 ... 1.0|got 1 2.0 1|r put x ok 2.0|got 2 3.0 1|"
                                "p put 3 ok 3.0|got x 4.0 1|got 3 5.0 0");
}
END_TEST

/* ---- join waits for task_done ----
 *
 * async def worker(q):
 *     while True:
 *         x = await q.get()
 *         await asyncio.sleep(1)
 *         print("done", x, now())
 *         q.task_done()
 * async def main():
 *     q = asyncio.Queue()
 *     q.put_nowait(1)
 *     q.put_nowait(2)
 *     w = asyncio.create_task(worker(q))
 *     await q.join()
 *     print("joined", now())
 *     w.cancel()
 *     q.put_nowait(3)     # the cancelled getter's future is skipped
 *     await asyncio.sleep(0)
 *     print(w.cancelled(), q.qsize())
 */
typedef struct qworker_co {
    al_gen g;
    al_queue *q;
    al_queue_co get;
    al_sleep_co sleep;
    al_value x, r;
} qworker_co;

static al_signal qworker_body(al_gen *g)
{
    qworker_co *w = (qworker_co *)g;
    AL_GEN_BEGIN(g);
    for (;;) {
        AL_YIELD_FROM(g, al_queue_get(&w->get, w->q), w->x);
        AL_YIELD_FROM(g, al_sleep(&w->sleep, vm, 1, al_none()), w->r);
        al_print(vm, "done %v %g", w->x, al_time(vm));
        ck_assert(al_is_none(al_queue_task_done(w->q)));
    }
    AL_GEN_END(g);
}
static const al_gen_def qworker_def = {"worker", qworker_body, true};

static al_signal join_body(al_gen *g)
{
    q_main *m = (q_main *)g;
    AL_GEN_BEGIN(g);
    al_queue_init(&m->q, vm, "q", AL_QUEUE_FIFO, 0);
    al_queue_put_nowait(&m->q, al_int(1));
    al_queue_put_nowait(&m->q, al_int(2));
    {
        qworker_co *w = (qworker_co *)al_gen_new(vm, sizeof *w, &qworker_def);
        w->q = &m->q;
        m->t = al_create_task(vm, &w->g);
    }
    AL_YIELD_FROM(g, al_queue_join(&m->op, &m->q), m->r);
    al_print(vm, "joined %g", al_time(vm));
    ck_assert(al_task_cancel(m->t, al_none()));
    al_queue_put_nowait(&m->q, al_int(3));
    SLEEP(m, 0);
    al_print(vm, "%v %d", al_bool(al_future_cancelled(al_task_fut(m->t))), (int)al_queue_qsize(&m->q));
    ck_assert_uint_eq(m->q.getters.n, 0);
    AL_GEN_END(g);
}
static const al_gen_def join_def = {"main", join_body, true};

START_TEST(join_waits_for_every_task_done)
{
    RUN_OK(q_main, join_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "done 1 1.0|done 2 2.0|joined 2.0|True 1");
}
END_TEST

/* ---- a woken getter loses the item and waits again ----
 *
 * async def getter(q):
 *     print("getter waits")
 *     x = await q.get()
 *     print("getter got", x, now())
 * async def thief(q):
 *     try:
 *         print("thief took", q.get_nowait())
 *     except asyncio.QueueEmpty:
 *         print("thief found nothing")
 * async def main():
 *     q = asyncio.Queue()
 *     g = asyncio.create_task(getter(q))
 *     await asyncio.sleep(0)
 *     t = asyncio.create_task(thief(q))   # its first step is queued first...
 *     q.put_nowait("a")                   # ...then the getter's wake-up
 *     await asyncio.sleep(1)
 *     print("getter done?", g.done())
 *     q.put_nowait("b")
 *     await g
 */
typedef struct getter_co {
    al_gen g;
    const char *name;
    al_queue *q;
    al_queue_co get;
    al_value r;
} getter_co;

static al_signal getter_body(al_gen *g)
{
    getter_co *c = (getter_co *)g;
    AL_GEN_BEGIN(g);
    al_print(vm, "getter waits");
    AL_YIELD_FROM(g, al_queue_get(&c->get, c->q), c->r);
    al_print(vm, "getter got %v %g", c->r, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def getter_def = {"getter", getter_body, true};

typedef struct thief_co {
    al_gen g;
    al_queue *q;
} thief_co;

static al_signal thief_body(al_gen *g)
{
    thief_co *c = (thief_co *)g;
    al_value v;
    AL_GEN_BEGIN(g);
    if (al_queue_get_nowait(c->q, &v) == AL_RETURNED)
        al_print(vm, "thief took %v", v);
    else
        al_print(vm, "thief found nothing");
    AL_GEN_END(g);
}
static const al_gen_def thief_def = {"thief", thief_body, true};

static al_signal steal_body(al_gen *g)
{
    q_main *m = (q_main *)g;
    AL_GEN_BEGIN(g);
    al_queue_init(&m->q, vm, "q", AL_QUEUE_FIFO, 0);
    {
        getter_co *c = (getter_co *)al_gen_new(vm, sizeof *c, &getter_def);
        c->q = &m->q;
        m->t = al_create_task(vm, &c->g);
    }
    SLEEP(m, 0);
    {
        thief_co *c = (thief_co *)al_gen_new(vm, sizeof *c, &thief_def);
        c->q = &m->q;
        m->u = al_create_task(vm, &c->g);
    }
    al_queue_put_nowait(&m->q, str("a"));
    SLEEP(m, 1);
    al_print(vm, "getter done? %v", al_bool(al_future_done(al_task_fut(m->t))));
    al_queue_put_nowait(&m->q, str("b"));
    AL_AWAIT(g, al_task_fut(m->t), m->r);
    AL_GEN_END(g);
}
static const al_gen_def steal_def = {"main", steal_body, true};

START_TEST(woken_getter_loses_the_item_and_waits_again)
{
    RUN_OK(q_main, steal_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "getter waits|thief took a|getter done? False|getter got b 1.0");
    /* the getter (Task-2) waited on Queue.get twice */
    uint32_t actor = unit_actor_id("Task-2");
    ck_assert_int_eq(al_trace_actor_kind(rec, actor), AL_ACTOR_TASK);
    ck_assert_uint_ne(actor, 0);
    ck_assert_int_eq(count_events(AL_EV_WAIT, actor), 2);
}
END_TEST

/* ---- a woken getter that is cancelled passes the item on ----
 *
 * async def getter(name, q):
 *     try:
 *         print(name, "got", await q.get(), now())
 *     except CancelledError:
 *         print(name, "cancelled", now(), q.qsize())
 *         raise
 * async def main():
 *     q = asyncio.Queue()
 *     g1 = asyncio.create_task(getter("g1", q))
 *     g2 = asyncio.create_task(getter("g2", q))
 *     await asyncio.sleep(1)
 *     q.put_nowait("x")    # wakes g1 ...
 *     g1.cancel()          # ... which is cancelled before it runs: g2 gets x
 *     await asyncio.gather(g1, g2, return_exceptions=True)
 *     print(g1.cancelled(), g2.result(), q.qsize())
 */
static al_signal named_getter_body(al_gen *g)
{
    getter_co *c = (getter_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_queue_get(&c->get, c->q), c->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "%s got %v %g", c->name, c->r, al_time(vm));
    else if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled %g %d", c->name, al_time(vm), (int)al_queue_qsize(c->q));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def named_getter_def = {"getter", named_getter_body, true};

static al_task *named_getter(const char *name, al_queue *q)
{
    getter_co *c = (getter_co *)al_gen_new(vm, sizeof *c, &named_getter_def);
    c->name = name;
    c->q = q;
    return al_create_task(vm, &c->g);
}

static al_signal getter_cancel_body(al_gen *g)
{
    q_main *m = (q_main *)g;
    AL_GEN_BEGIN(g);
    al_queue_init(&m->q, vm, "q", AL_QUEUE_FIFO, 0);
    m->t = named_getter("g1", &m->q);
    m->u = named_getter("g2", &m->q);
    SLEEP(m, 1);
    al_queue_put_nowait(&m->q, str("x"));
    ck_assert(al_task_cancel(m->t, al_none()));
    {
        al_future *fs[2] = {al_task_fut(m->t), al_task_fut(m->u)};
        m->all = al_gather(vm, 2, fs, true);
    }
    AL_AWAIT(g, m->all, m->r);
    ck_assert_int_eq(al_future_result(al_task_fut(m->u), &m->r), AL_RETURNED);
    al_print(vm, "%v %v %d", al_bool(al_future_cancelled(al_task_fut(m->t))), m->r,
             (int)al_queue_qsize(&m->q));
    AL_GEN_END(g);
}
static const al_gen_def getter_cancel_def = {"main", getter_cancel_body, true};

START_TEST(cancelled_woken_getter_passes_the_item_on)
{
    RUN_OK(q_main, getter_cancel_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "g1 cancelled 1.0 1|g2 got x 1.0|True None 0");
}
END_TEST

/* ---- a woken putter that is cancelled passes the slot on ----
 *
 * async def putter(name, q, x):
 *     try:
 *         await q.put(x)
 *         print(name, "put", x, now())
 *     except CancelledError:
 *         print(name, "cancelled", now(), q.qsize())
 *         raise
 * async def main():
 *     q = asyncio.Queue(1)
 *     q.put_nowait("first")
 *     p1 = asyncio.create_task(putter("p1", q, "one"))
 *     p2 = asyncio.create_task(putter("p2", q, "two"))
 *     await asyncio.sleep(1)
 *     print("got", q.get_nowait())  # wakes p1 ...
 *     p1.cancel()                   # ... cancelled before it runs: p2 gets the slot
 *     await asyncio.gather(p1, p2, return_exceptions=True)
 *     print(p1.cancelled(), q.qsize(), q.get_nowait())
 */
typedef struct putter_co {
    al_gen g;
    const char *name;
    al_queue *q;
    al_value x;
    al_queue_co put;
    al_value r;
} putter_co;

static al_signal putter_body(al_gen *g)
{
    putter_co *p = (putter_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_queue_put(&p->put, p->q, p->x), p->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "%s put %v %g", p->name, p->x, al_time(vm));
    else if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled %g %d", p->name, al_time(vm), (int)al_queue_qsize(p->q));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def putter_def = {"putter", putter_body, true};

static al_task *putter(const char *name, al_queue *q, const char *x)
{
    putter_co *p = (putter_co *)al_gen_new(vm, sizeof *p, &putter_def);
    p->name = name;
    p->q = q;
    p->x = str(x);
    return al_create_task(vm, &p->g);
}

static al_signal putter_cancel_body(al_gen *g)
{
    q_main *m = (q_main *)g;
    AL_GEN_BEGIN(g);
    al_queue_init(&m->q, vm, "q", AL_QUEUE_FIFO, 1);
    al_queue_put_nowait(&m->q, str("first"));
    m->t = putter("p1", &m->q, "one");
    m->u = putter("p2", &m->q, "two");
    SLEEP(m, 1);
    ck_assert_int_eq(al_queue_get_nowait(&m->q, &m->r), AL_RETURNED);
    al_print(vm, "got %v", m->r);
    ck_assert(al_task_cancel(m->t, al_none()));
    {
        al_future *fs[2] = {al_task_fut(m->t), al_task_fut(m->u)};
        m->all = al_gather(vm, 2, fs, true);
    }
    AL_AWAIT(g, m->all, m->r);
    {
        size_t n = al_queue_qsize(&m->q);
        ck_assert_int_eq(al_queue_get_nowait(&m->q, &m->r), AL_RETURNED);
        al_print(vm, "%v %d %v", al_bool(al_future_cancelled(al_task_fut(m->t))), (int)n, m->r);
    }
    ck_assert_uint_eq(m->q.putters.n, 0);
    AL_GEN_END(g);
}
static const al_gen_def putter_cancel_def = {"main", putter_cancel_body, true};

START_TEST(cancelled_woken_putter_passes_the_slot_on)
{
    RUN_OK(q_main, putter_cancel_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "got first|p1 cancelled 1.0 0|p2 put two 1.0|True 1 two");
}
END_TEST

static Suite *queues_suite(void)
{
    Suite *s = suite_create("queues");
    TCase *tc = tcase_create("queues");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, fifo_lifo_and_priority_order);
    tcase_add_test(tc, priority_ties_pop_in_heapq_order);
    tcase_add_test(tc, nowait_errors_and_task_done_too_often);
    tcase_add_test(tc, full_queue_blocks_putters_and_wakes_them_in_order);
    tcase_add_test(tc, join_waits_for_every_task_done);
    tcase_add_test(tc, woken_getter_loses_the_item_and_waits_again);
    tcase_add_test(tc, cancelled_woken_getter_passes_the_item_on);
    tcase_add_test(tc, cancelled_woken_putter_passes_the_slot_on);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(queues_suite)
