/*
 * test_condition.c: asyncio.Condition (condition.c), BoundedSemaphore
 * (boundedsem.c) and Barrier (barrier.c) against CPython 3.11.  Each test
 * quotes its Python twin; job() and now() are the prelude in
 * unit_async.h, and the expected lines are what
 * "python3 tests/harness/vclock.py twin.py" printed.  "async with cond:"
 * is al_lock_acquire on cond.lock, the block, then al_lock_release.
 *
 * Just over 600 lines: each test quotes its Python twin in a comment.
 */
#include "unit_async.h"

typedef struct cond_main {
    al_gen g;
    al_condition cond;
    al_lock lock;
    al_bounded_semaphore bsem;
    al_barrier bar;
    al_barrier_change_co change;
    al_lock_acquire_co acq;
    al_sem_acquire_co sacq;
    al_cond_wait_co wait;
    al_value box;
    al_task *ts[3];
    al_future *all;
    int i;
    al_value r, e;
    al_sleep_co sleep;
} cond_main;

#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)
#define LOCK(m, l) AL_YIELD_FROM(&(m)->g, al_lock_acquire(&(m)->acq, (l)), (m)->r)

static al_future *gather_tasks(al_task **ts, size_t n, bool rexc)
{
    al_future *fs[3];
    for (size_t i = 0; i < n; i++)
        fs[i] = al_task_fut(ts[i]);
    return al_gather(vm, n, fs, rexc);
}

/* ---- wait, notify, notify_all ----
 *
 * async def consumer(name, cond, box):
 *     async with cond:
 *         print(name, "waits", now())
 *         r = await cond.wait()
 *         print(name, "woke", r, box, cond.locked(), now())
 * async def main():
 *     cond = asyncio.Condition()
 *     box = []
 *     ts = [asyncio.create_task(consumer(n, cond, box)) for n in "abc"]
 *     await asyncio.sleep(1)
 *     async with cond:
 *         box.append(1)
 *         cond.notify()
 *         print("notified one", now())
 *         await asyncio.sleep(1)
 *         print("producer releases", now())
 *     await asyncio.sleep(1)
 *     async with cond:
 *         cond.notify_all()
 *         print("notified all", now())
 *     await asyncio.gather(*ts)
 *     print("done", cond.locked(), now())
 *     try:
 *         await cond.wait()
 *     except RuntimeError as e:
 *         print(repr(e))
 *     try:
 *         cond.notify()
 *     except RuntimeError as e:
 *         print(repr(e))
 */
typedef struct consumer_co {
    al_gen g;
    const char *name;
    cond_main *m;
    al_lock_acquire_co acq;
    al_cond_wait_co wait;
    al_value r;
} consumer_co;

static al_signal consumer_body(al_gen *g)
{
    consumer_co *c = (consumer_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_lock_acquire(&c->acq, c->m->cond.lock), c->r);
    al_print(vm, "%s waits %g", c->name, al_time(vm));
    AL_YIELD_FROM_TRY(g, al_condition_wait(&c->wait, &c->m->cond), c->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "%s woke %v %v %v %g", c->name, c->r, c->m->box,
                 al_bool(al_condition_locked(&c->m->cond)), al_time(vm));
    al_lock_release(c->m->cond.lock);
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def consumer_def = {"consumer", consumer_body, true};

static al_task *consumer(cond_main *m, const char *name)
{
    consumer_co *c = (consumer_co *)al_gen_new(vm, sizeof *c, &consumer_def);
    c->name = name;
    c->m = m;
    return al_create_task(vm, &c->g);
}

static al_signal notify_body(al_gen *g)
{
    cond_main *m = (cond_main *)g;
    AL_GEN_BEGIN(g);
    al_condition_init(&m->cond, vm, "cond", NULL);
    m->box = al_list_new(vm, 0);
    m->ts[0] = consumer(m, "a");
    m->ts[1] = consumer(m, "b");
    m->ts[2] = consumer(m, "c");
    SLEEP(m, 1);
    LOCK(m, m->cond.lock);
    al_list_append(vm, m->box, al_int(1));
    ck_assert(al_is_none(al_condition_notify(&m->cond, 1)));
    al_print(vm, "notified one %g", al_time(vm));
    SLEEP(m, 1);
    al_print(vm, "producer releases %g", al_time(vm));
    al_lock_release(m->cond.lock);
    SLEEP(m, 1);
    LOCK(m, m->cond.lock);
    al_condition_notify_all(&m->cond);
    al_print(vm, "notified all %g", al_time(vm));
    al_lock_release(m->cond.lock);
    m->all = gather_tasks(m->ts, 3, false);
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "done %v %g", al_bool(al_condition_locked(&m->cond)), al_time(vm));
    AL_YIELD_FROM_TRY(g, al_condition_wait(&m->wait, &m->cond), m->r);
    m->e = al_except(g, &al_RuntimeError);
    ck_assert(!al_is_none(m->e));
    al_print(vm, "%r", m->e);
    al_print(vm, "%r", al_condition_notify(&m->cond, 1));
    AL_GEN_END(g);
}
static const al_gen_def notify_def = {"main", notify_body, true};

START_TEST(wait_notify_and_notify_all)
{
    RUN_OK(cond_main, notify_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a waits 0.0|b waits 0.0|c waits 0.0|notified one 1.0|"
        "producer releases 2.0|a woke True [1] True 2.0|notified all 3.0|"
        "b woke True [1] True 3.0|c woke True [1] True 3.0|done False 3.0|"
        "RuntimeError('cannot wait on un-acquired lock')|"
        "RuntimeError('cannot notify on un-acquired lock')");
}
END_TEST

/* ---- wait_for, a given lock, and a waiter cancelled while waiting ----
 *
 * async def want(name, cond, box, n):
 *     async with cond:
 *         r = await cond.wait_for(lambda: len(box) >= n and len(box))
 *         print(name, "got", r, box, now())
 * async def main():
 *     lock = asyncio.Lock()
 *     cond = asyncio.Condition(lock)
 *     box = []
 *     ts = [asyncio.create_task(want("two", cond, box, 2)), asyncio.create_task(want("one", cond, box, 1))]
 *     for i in range(3):
 *         await asyncio.sleep(1)
 *         async with cond:
 *             box.append(i)
 *             print("put", i, now())
 *             cond.notify_all()
 *     await asyncio.gather(*ts)
 *     # a waiter cancelled while waiting re-acquires the lock before it leaves
 *     async def victim():
 *         async with cond:
 *             try:
 *                 await cond.wait()
 *             except CancelledError:
 *                 print("victim cancelled, holds lock", cond.locked(), now())
 *                 raise
 *     v = asyncio.create_task(victim())
 *     await asyncio.sleep(1)
 *     async with cond:
 *         v.cancel()
 *         await asyncio.sleep(1)
 *         print("main releases", now())
 *     r = await asyncio.gather(v, return_exceptions=True)
 *     print(r, cond.locked(), now())
 */
typedef struct want_co {
    al_gen g;
    const char *name;
    cond_main *m;
    int64_t n;
    al_lock_acquire_co acq;
    al_cond_wait_for_co wf;
    al_cond_wait_co wait;
    al_value r;
} want_co;

static al_value enough(void *wp)
{
    want_co *w = wp;
    int64_t len = (int64_t)al_len(w->m->box);
    return len >= w->n ? al_int(len) : al_bool(false);
}

static al_signal want_body(al_gen *g)
{
    want_co *w = (want_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_lock_acquire(&w->acq, w->m->cond.lock), w->r);
    AL_YIELD_FROM_TRY(g, al_condition_wait_for(&w->wf, &w->m->cond, enough, w), w->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "%s got %v %v %g", w->name, w->r, w->m->box, al_time(vm));
    al_lock_release(w->m->cond.lock);
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def want_def = {"want", want_body, true};

static al_task *want(cond_main *m, const char *name, int64_t n)
{
    want_co *w = (want_co *)al_gen_new(vm, sizeof *w, &want_def);
    w->name = name;
    w->m = m;
    w->n = n;
    return al_create_task(vm, &w->g);
}

static al_signal victim_body(al_gen *g)
{
    want_co *w = (want_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_lock_acquire(&w->acq, w->m->cond.lock), w->r);
    AL_YIELD_FROM_TRY(g, al_condition_wait(&w->wait, &w->m->cond), w->r);
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "victim cancelled, holds lock %v %g",
                 al_bool(al_condition_locked(&w->m->cond)), al_time(vm));
    al_lock_release(w->m->cond.lock);
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def victim_def = {"victim", victim_body, true};

static al_signal wait_for_body(al_gen *g)
{
    cond_main *m = (cond_main *)g;
    AL_GEN_BEGIN(g);
    al_lock_init(&m->lock, vm, "lock");
    al_condition_init(&m->cond, vm, "cond", &m->lock);
    m->box = al_list_new(vm, 0);
    m->ts[0] = want(m, "two", 2);
    m->ts[1] = want(m, "one", 1);
    for (m->i = 0; m->i < 3; m->i++) {
        SLEEP(m, 1);
        LOCK(m, m->cond.lock);
        al_list_append(vm, m->box, al_int(m->i));
        al_print(vm, "put %d %g", m->i, al_time(vm));
        al_condition_notify_all(&m->cond);
        al_lock_release(m->cond.lock);
    }
    m->all = gather_tasks(m->ts, 2, false);
    AL_AWAIT(g, m->all, m->r);
    {
        want_co *w = (want_co *)al_gen_new(vm, sizeof *w, &victim_def);
        w->m = m;
        m->ts[0] = al_create_task(vm, &w->g);
    }
    SLEEP(m, 1);
    LOCK(m, m->cond.lock);
    al_task_cancel(m->ts[0], al_none());
    SLEEP(m, 1);
    al_print(vm, "main releases %g", al_time(vm));
    al_lock_release(m->cond.lock);
    m->all = gather_tasks(m->ts, 1, true);
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "%v %v %g", m->r, al_bool(al_condition_locked(&m->cond)), al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def wait_for_def = {"main", wait_for_body, true};

START_TEST(wait_for_and_cancelled_waiter)
{
    RUN_OK(cond_main, wait_for_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "put 0 1.0|one got 1 [0] 1.0|put 1 2.0|two got 2 [0, 1] 2.0|"
        "put 2 3.0|main releases 5.0|victim cancelled, holds lock True 5.0|"
        "[CancelledError('')] False 5.0");
}
END_TEST

/* The trace shows a condition's waiters: one "wait" event per wait(),
 * and one "sync" notify event per notify or notify_all. */
START_TEST(trace_shows_condition_waiters)
{
    RUN_OK(cond_main, notify_def);
    uint32_t cond = unit_actor_id("cond");
    ck_assert_uint_ne(cond, 0);
    int waits = 0, notifies = 0;
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        waits += e.kind == AL_EV_WAIT && e.other == cond;
        notifies += e.kind == AL_EV_SYNC && e.actor == cond;
    }
    ck_assert_int_eq(waits, 3);
    ck_assert_int_eq(notifies, 2);
}
END_TEST

/* ---- BoundedSemaphore ----
 *
 * async def worker(name, sem):
 *     async with sem:
 *         print(name, "in", sem.locked(), now())
 *         await asyncio.sleep(1)
 * async def main():
 *     sem = asyncio.BoundedSemaphore(2)
 *     await asyncio.gather(*(worker(n, sem) for n in "abc"))
 *     print("locked", sem.locked(), now())
 *     try:
 *         sem.release()
 *     except ValueError as e:
 *         print(repr(e))
 *     await sem.acquire()
 *     sem.release()
 *     print("ok", sem.locked())
 */
typedef struct bworker_co {
    al_gen g;
    const char *name;
    al_bounded_semaphore *b;
    al_sem_acquire_co acq;
    al_sleep_co sleep;
    al_value r;
} bworker_co;

static al_signal bworker_body(al_gen *g)
{
    bworker_co *w = (bworker_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_semaphore_acquire(&w->acq, &w->b->sem), w->r);
    al_print(vm, "%s in %v %g", w->name, al_bool(al_semaphore_locked(&w->b->sem)), al_time(vm));
    AL_YIELD_FROM_TRY(g, al_sleep(&w->sleep, vm, 1, al_none()), w->r);
    ck_assert(al_is_none(al_bounded_semaphore_release(w->b)));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def bworker_def = {"worker", bworker_body, true};

static al_signal bsem_body(al_gen *g)
{
    static const char *const names[3] = {"a", "b", "c"};
    cond_main *m = (cond_main *)g;
    AL_GEN_BEGIN(g);
    al_bounded_semaphore_init(&m->bsem, vm, "sem", 2);
    {
        al_gen *ws[3];
        for (int i = 0; i < 3; i++) {
            bworker_co *w = (bworker_co *)al_gen_new(vm, sizeof *w, &bworker_def);
            w->name = names[i];
            w->b = &m->bsem;
            ws[i] = &w->g;
        }
        m->all = al_gather_coros(vm, 3, ws, false);
    }
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "locked %v %g", al_bool(al_semaphore_locked(&m->bsem.sem)), al_time(vm));
    al_print(vm, "%r", al_bounded_semaphore_release(&m->bsem));
    AL_YIELD_FROM(g, al_semaphore_acquire(&m->sacq, &m->bsem.sem), m->r);
    ck_assert(al_is_none(al_bounded_semaphore_release(&m->bsem)));
    al_print(vm, "ok %v", al_bool(al_semaphore_locked(&m->bsem.sem)));
    AL_GEN_END(g);
}
static const al_gen_def bsem_def = {"main", bsem_body, true};

START_TEST(bounded_semaphore_refuses_extra_release)
{
    RUN_OK(cond_main, bsem_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a in False 0.0|b in True 0.0|c in False 1.0|locked False 2.0|"
        "ValueError('BoundedSemaphore released too many times')|ok False");
}
END_TEST

/* ---- Barrier: rounds, indexes, async with ----
 *
 * async def party(name, b, d):
 *     await asyncio.sleep(d)
 *     print(name, "arrives", b.n_waiting, now())
 *     i = await b.wait()
 *     print(name, "passes", i, b.n_waiting, now())
 *     return i
 * async def main():
 *     b = asyncio.Barrier(3)
 *     print("parties", b.parties, b.n_waiting, b.broken)
 *     r = await asyncio.gather(party("a", b, 1), party("b", b, 2), party("c", b, 3))
 *     print(r, now())
 *     # a second round reuses the barrier
 *     r = await asyncio.gather(party("d", b, 0), party("e", b, 0), party("f", b, 1))
 *     print(r, now())
 *     # async with the barrier returns the index
 *     async def ctx(name):
 *         async with b as i:
 *             print(name, "inside", i, now())
 *     await asyncio.gather(ctx("x"), ctx("y"), ctx("z"))
 *     try:
 *         asyncio.Barrier(0)
 *     except ValueError as e:
 *         print(repr(e))
 */
typedef struct party_co {
    al_gen g;
    const char *name;
    al_barrier *b;
    double d;
    bool quiet;               /* ctx(): no arrival line */
    al_sleep_co sleep;
    al_barrier_wait_co w;
    al_value r;
} party_co;

static al_signal party_body(al_gen *g)
{
    party_co *p = (party_co *)g;
    AL_GEN_BEGIN(g);
    if (!p->quiet) {
        AL_YIELD_FROM(g, al_sleep(&p->sleep, vm, p->d, al_none()), p->r);
        al_print(vm, "%s arrives %D %g", p->name, al_barrier_n_waiting(p->b), al_time(vm));
    }
    AL_YIELD_FROM(g, al_barrier_wait(&p->w, p->b), p->r);
    if (p->quiet)
        al_print(vm, "%s inside %v %g", p->name, p->r, al_time(vm));
    else
        al_print(vm, "%s passes %v %D %g", p->name, p->r, al_barrier_n_waiting(p->b), al_time(vm));
    AL_RETURN(g, p->r);
    AL_GEN_END(g);
}
static const al_gen_def party_def = {"party", party_body, true};

static al_future *parties(al_barrier *b, const char *names, const double *ds, bool quiet)
{
    al_gen *ps[3];
    for (int i = 0; i < 3; i++) {
        party_co *p = (party_co *)al_gen_new(vm, sizeof *p, &party_def);
        p->name = al_str_new(vm, &names[i], 1).u.s->data;
        p->b = b;
        p->d = ds ? ds[i] : 0;
        p->quiet = quiet;
        ps[i] = &p->g;
    }
    return al_gather_coros(vm, 3, ps, false);
}

static al_signal rounds_body(al_gen *g)
{
    static const double d1[3] = {1, 2, 3}, d2[3] = {0, 0, 1};
    cond_main *m = (cond_main *)g;
    AL_GEN_BEGIN(g);
    ck_assert(al_is_none(al_barrier_init(&m->bar, vm, "barrier", 3)));
    al_print(vm, "parties %D %D %v", al_barrier_parties(&m->bar), al_barrier_n_waiting(&m->bar),
             al_bool(al_barrier_broken(&m->bar)));
    m->all = parties(&m->bar, "abc", d1, false);
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "%v %g", m->r, al_time(vm));
    m->all = parties(&m->bar, "def", d2, false);
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "%v %g", m->r, al_time(vm));
    m->all = parties(&m->bar, "xyz", NULL, true);
    AL_AWAIT(g, m->all, m->r);
    {
        al_barrier b0;
        al_print(vm, "%r", al_barrier_init(&b0, vm, "b0", 0));
    }
    AL_GEN_END(g);
}
static const al_gen_def rounds_def = {"main", rounds_body, true};

START_TEST(barrier_rounds_and_indexes)
{
    RUN_OK(cond_main, rounds_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "parties 3 0 False|a arrives 0 1.0|b arrives 1 2.0|c arrives 2 3.0|"
        "c passes 2 0 3.0|a passes 0 0 3.0|b passes 1 0 3.0|[0, 1, 2] 3.0|"
        "d arrives 0 3.0|e arrives 1 3.0|f arrives 2 4.0|f passes 2 0 4.0|d passes 0 0 4.0|"
        "e passes 1 0 4.0|[0, 1, 2] 4.0|z inside 2 4.0|x inside 0 4.0|y inside 1 4.0|"
        "ValueError('parties must be > 0')");
}
END_TEST

/* ---- Barrier: reset and abort ----
 *
 * async def party(name, b):
 *     try:
 *         i = await b.wait()
 *         print(name, "passes", i, now())
 *     except asyncio.BrokenBarrierError as e:
 *         print(name, "broken", repr(e), b.broken, now())
 * async def main():
 *     b = asyncio.Barrier(3)
 *     ts = [asyncio.create_task(party(n, b)) for n in "ab"]
 *     await asyncio.sleep(1)
 *     print("waiting", b.n_waiting)
 *     await b.reset()
 *     print("after reset", b.n_waiting, b.broken, now())
 *     await asyncio.gather(*ts)
 *     ts = [asyncio.create_task(party(n, b)) for n in "cd"]
 *     await asyncio.sleep(1)
 *     await b.abort()
 *     print("after abort", b.n_waiting, b.broken, now())
 *     await asyncio.gather(*ts)
 *     await party("e", b)
 *     await b.reset()
 *     print("reset again", b.broken)
 *     r = await asyncio.gather(party("f", b), party("g", b), party("h", b))
 */
static al_signal catcher_body(al_gen *g)
{
    party_co *p = (party_co *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_barrier_wait(&p->w, p->b), p->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "%s passes %v %g", p->name, p->r, al_time(vm));
    if (!al_is_none(e = al_except(g, &al_BrokenBarrierError)))
        al_print(vm, "%s broken %r %v %g", p->name, e, al_bool(al_barrier_broken(p->b)), al_time(vm));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def catcher_def = {"party", catcher_body, true};

static al_gen *catcher(al_barrier *b, const char *name)
{
    party_co *p = (party_co *)al_gen_new(vm, sizeof *p, &catcher_def);
    p->name = name;
    p->b = b;
    return &p->g;
}

static al_signal broken_body(al_gen *g)
{
    cond_main *m = (cond_main *)g;
    AL_GEN_BEGIN(g);
    al_barrier_init(&m->bar, vm, "barrier", 3);
    m->ts[0] = al_create_task(vm, catcher(&m->bar, "a"));
    m->ts[1] = al_create_task(vm, catcher(&m->bar, "b"));
    SLEEP(m, 1);
    al_print(vm, "waiting %D", al_barrier_n_waiting(&m->bar));
    AL_YIELD_FROM(g, al_barrier_reset(&m->change, &m->bar), m->r);
    al_print(vm, "after reset %D %v %g", al_barrier_n_waiting(&m->bar),
             al_bool(al_barrier_broken(&m->bar)), al_time(vm));
    m->all = gather_tasks(m->ts, 2, false);
    AL_AWAIT(g, m->all, m->r);
    m->ts[0] = al_create_task(vm, catcher(&m->bar, "c"));
    m->ts[1] = al_create_task(vm, catcher(&m->bar, "d"));
    SLEEP(m, 1);
    AL_YIELD_FROM(g, al_barrier_abort(&m->change, &m->bar), m->r);
    al_print(vm, "after abort %D %v %g", al_barrier_n_waiting(&m->bar),
             al_bool(al_barrier_broken(&m->bar)), al_time(vm));
    m->all = gather_tasks(m->ts, 2, false);
    AL_AWAIT(g, m->all, m->r);
    AL_YIELD_FROM(g, catcher(&m->bar, "e"), m->r);
    AL_YIELD_FROM(g, al_barrier_reset(&m->change, &m->bar), m->r);
    al_print(vm, "reset again %v", al_bool(al_barrier_broken(&m->bar)));
    {
        al_gen *ps[3] = {catcher(&m->bar, "f"), catcher(&m->bar, "g"), catcher(&m->bar, "h")};
        m->all = al_gather_coros(vm, 3, ps, false);
    }
    AL_AWAIT(g, m->all, m->r);
    AL_GEN_END(g);
}
static const al_gen_def broken_def = {"main", broken_body, true};

START_TEST(barrier_reset_and_abort)
{
    RUN_OK(cond_main, broken_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "waiting 2|after reset 0 False 1.0|"
        "a broken BrokenBarrierError('Abort or reset of barrier') False 1.0|"
        "b broken BrokenBarrierError('Abort or reset of barrier') False 1.0|"
        "after abort 0 True 2.0|c broken BrokenBarrierError('Abort or reset of barrier') True 2.0|"
        "d broken BrokenBarrierError('Abort or reset of barrier') True 2.0|"
        "e broken BrokenBarrierError('Barrier aborted') True 2.0|reset again False|"
        "h passes 2 2.0|f passes 0 2.0|g passes 1 2.0");
}
END_TEST

/* The trace shows a barrier's parties: an "arrive" per wait() that got
 * in, with its index, and each state the barrier went through. */
START_TEST(trace_shows_barrier_parties)
{
    RUN_OK(cond_main, rounds_def);
    int arrivals = 0, draining = 0;
    uint32_t barrier = unit_actor_id("barrier");
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        if (e.kind != AL_EV_SYNC || e.actor != barrier)
            continue;
        arrivals += strcmp(e.b.u.s->data, "arrive") == 0;
        draining += strcmp(e.b.u.s->data, "draining") == 0;
    }
    ck_assert_int_eq(arrivals, 9);
    ck_assert_int_eq(draining, 3);
}
END_TEST

static void add_tests(TCase *tc)
{
    tcase_add_test(tc, wait_notify_and_notify_all);
    tcase_add_test(tc, wait_for_and_cancelled_waiter);
    tcase_add_test(tc, bounded_semaphore_refuses_extra_release);
    tcase_add_test(tc, barrier_rounds_and_indexes);
    tcase_add_test(tc, barrier_reset_and_abort);
}

static Suite *condition_suite(void)
{
    Suite *s = suite_create("condition");
    add_tcase(s, "traced", setup, add_tests);
    add_tcase(s, "quiet", setup_quiet, add_tests);
    TCase *tc = tcase_create("trace");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, trace_shows_condition_waiters);
    tcase_add_test(tc, trace_shows_barrier_parties);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(condition_suite)
