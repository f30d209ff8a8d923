/*
 * test_sync.c: asyncio.Event (al_flag), Lock and Semaphore (sync.c)
 * against CPython 3.11.  Each test quotes its Python twin; now() is the
 * prelude in unit_async.h.  "async with lock:" is acquire, the block,
 * then release.
 */
#include "unit_async.h"

typedef struct sync_main {
    al_gen g;
    al_flag ev;
    al_lock lock;
    al_semaphore sem;
    al_task *ts[4];
    al_future *all;
    al_sleep_co sleep;
    al_value r, e;
} sync_main;

#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)

/* ---- Event ----
 *
 * async def waiter(name, ev):
 *     print(name, "waits", ev.is_set())
 *     r = await ev.wait()
 *     print(name, "woke", r, now())
 * async def main():
 *     ev = asyncio.Event()
 *     ts = [asyncio.create_task(waiter(n, ev)) for n in "abc"]
 *     await asyncio.sleep(1)
 *     print("set")
 *     ev.set()
 *     print("is_set", ev.is_set())
 *     await asyncio.sleep(0)
 *     print("after sleep0")
 *     await waiter("d", ev)          # set already: no wait
 *     ev.clear()
 *     print("cleared", ev.is_set())
 *     t = asyncio.create_task(waiter("e", ev))
 *     await asyncio.sleep(1)
 *     ev.set()
 *     ev.clear()                     # too late to stop e's wake-up
 *     print("set and cleared", ev.is_set())
 *     await t
 */
typedef struct waiter_co {
    al_gen g;
    const char *name;
    al_flag *ev;
    al_flag_wait_co wait;
    al_value r;
} waiter_co;

static al_signal waiter_body(al_gen *g)
{
    waiter_co *w = (waiter_co *)g;
    AL_GEN_BEGIN(g);
    al_print(vm, "%s waits %v", w->name, al_bool(al_flag_is_set(w->ev)));
    AL_YIELD_FROM(g, al_flag_wait(&w->wait, w->ev), w->r);
    al_print(vm, "%s woke %v %g", w->name, w->r, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def waiter_def = {"waiter", waiter_body, true};

static al_gen *waiter(waiter_co *w, const char *name, al_flag *ev)
{
    if (!w)
        w = al_alloc(vm, sizeof *w);
    w->name = name;
    w->ev = ev;
    return al_gen_init(&w->g, vm, &waiter_def);
}

typedef struct event_main {
    sync_main m;
    waiter_co d;
} event_main;

static al_signal event_body(al_gen *g)
{
    event_main *x = (event_main *)g;
    sync_main *m = &x->m;
    AL_GEN_BEGIN(g);
    al_flag_init(&m->ev, vm, "ev");
    m->ts[0] = al_create_task(vm, waiter(NULL, "a", &m->ev));
    m->ts[1] = al_create_task(vm, waiter(NULL, "b", &m->ev));
    m->ts[2] = al_create_task(vm, waiter(NULL, "c", &m->ev));
    SLEEP(m, 1);
    al_print(vm, "set");
    al_flag_set(&m->ev);
    al_print(vm, "is_set %v", al_bool(al_flag_is_set(&m->ev)));
    SLEEP(m, 0);
    al_print(vm, "after sleep0");
    AL_YIELD_FROM(g, waiter(&x->d, "d", &m->ev), m->r);
    al_flag_clear(&m->ev);
    al_print(vm, "cleared %v", al_bool(al_flag_is_set(&m->ev)));
    m->ts[3] = al_create_task(vm, waiter(NULL, "e", &m->ev));
    SLEEP(m, 1);
    al_flag_set(&m->ev);
    al_flag_clear(&m->ev);
    al_print(vm, "set and cleared %v", al_bool(al_flag_is_set(&m->ev)));
    AL_AWAIT(g, al_task_fut(m->ts[3]), m->r);
    AL_GEN_END(g);
}
static const al_gen_def event_def = {"main", event_body, true};

START_TEST(event_wakes_every_waiter_in_order)
{
    ck_assert_int_eq(RUN(event_main, event_def), AL_RUN_OK);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a waits False|b waits False|c waits False|set|is_set True|"
                                "a woke True 1.0|b woke True 1.0|c woke True 1.0|after sleep0|"
                                "d waits True|d woke True 1.0|cleared False|e waits False|"
                                "set and cleared False|e woke True 2.0");
    /* a, b, c and e waited; d did not */
    ck_assert_int_eq(count_events(AL_EV_WAIT, 0), 4);
}
END_TEST

/* ---- Lock: FIFO hand-off, and release when unlocked ----
 *
 * async def worker(name, lock):
 *     print(name, "wants", lock.locked())
 *     async with lock:
 *         print(name, "has", now())
 *         await asyncio.sleep(1)
 *         print(name, "releases", now())
 * async def main():
 *     lock = asyncio.Lock()
 *     await asyncio.gather(*(worker(n, lock) for n in "abc"))
 *     print("locked", lock.locked(), now())
 *     try:
 *         lock.release()
 *     except RuntimeError as e:
 *         print(repr(e))
 */
typedef struct worker_co {
    al_gen g;
    const char *name;
    al_lock *lock;
    al_semaphore *sem;
    double d;
    al_lock_acquire_co acq;
    al_sem_acquire_co sacq;
    al_sleep_co sleep;
    al_value r;
} worker_co;

static al_signal lock_worker_body(al_gen *g)
{
    worker_co *w = (worker_co *)g;
    AL_GEN_BEGIN(g);
    al_print(vm, "%s wants %v", w->name, al_bool(w->lock->locked));
    AL_YIELD_FROM(g, al_lock_acquire(&w->acq, w->lock), w->r);
    ck_assert(al_equal(w->r, al_bool(true)));
    al_print(vm, "%s has %g", w->name, al_time(vm));
    AL_YIELD_FROM_TRY(g, al_sleep(&w->sleep, vm, 1, al_none()), w->r);
    if (al_is_none(al_pending(g)))
        al_print(vm, "%s releases %g", w->name, al_time(vm));
    ck_assert(al_is_none(al_lock_release(w->lock)));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def lock_worker_def = {"worker", lock_worker_body, true};

static al_gen *lock_worker(const char *name, al_lock *lock)
{
    worker_co *w = (worker_co *)al_gen_new(vm, sizeof *w, &lock_worker_def);
    w->name = name;
    w->lock = lock;
    return &w->g;
}

static al_signal lock_body(al_gen *g)
{
    sync_main *m = (sync_main *)g;
    AL_GEN_BEGIN(g);
    al_lock_init(&m->lock, vm, "lock");
    {
        al_gen *ws[3] = {lock_worker("a", &m->lock), lock_worker("b", &m->lock), lock_worker("c", &m->lock)};
        m->all = al_gather_coros(vm, 3, ws, false);
    }
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "locked %v %g", al_bool(m->lock.locked), al_time(vm));
    m->e = al_lock_release(&m->lock);
    ck_assert(al_exc_isa(m->e, &al_RuntimeError));
    al_print(vm, "%r", m->e);
    AL_GEN_END(g);
}
static const al_gen_def lock_def = {"main", lock_body, true};

START_TEST(lock_hands_over_in_fifo_order)
{
    RUN_OK(sync_main, lock_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a wants False|a has 0.0|b wants True|c wants True|"
                                "a releases 1.0|b has 1.0|b releases 2.0|c has 2.0|c releases 3.0|"
                                "locked False 3.0|RuntimeError('Lock is not acquired.')");
}
END_TEST

/* ---- Lock: cancelled waiters ----
 *
 * async def worker(name, lock):
 *     try:
 *         async with lock:
 *             print(name, "has", now())
 *             await asyncio.sleep(1)
 *             print(name, "releases", now())
 *     except CancelledError:
 *         print(name, "cancelled", now(), lock.locked())
 *         raise
 * async def main():
 *     lock = asyncio.Lock()
 *     ts = [asyncio.create_task(worker(n, lock)) for n in "abcd"]
 *     await asyncio.sleep(0)
 *     ts[3].cancel()          # d waits, not woken: just leaves the queue
 *     await asyncio.sleep(1)  # a releases in this iteration, waking b...
 *     ts[1].cancel()          # ...which is cancelled before it runs: c gets it
 *     await asyncio.gather(*ts, return_exceptions=True)
 *     print([t.cancelled() for t in ts], lock.locked(), now())
 */
static al_signal guarded_worker_body(al_gen *g)
{
    worker_co *w = (worker_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_lock_acquire(&w->acq, w->lock), w->r);
    if (al_is_none(al_pending(g))) {
        al_print(vm, "%s has %g", w->name, al_time(vm));
        AL_YIELD_FROM_TRY(g, al_sleep(&w->sleep, vm, 1, al_none()), w->r);
        if (al_is_none(al_pending(g)))
            al_print(vm, "%s releases %g", w->name, al_time(vm));
        ck_assert(al_is_none(al_lock_release(w->lock)));
    }
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled %g %v", w->name, al_time(vm), al_bool(w->lock->locked));
    AL_PROPAGATE(g);
    AL_GEN_END(g);
}
static const al_gen_def guarded_worker_def = {"worker", guarded_worker_body, true};

static al_signal lock_cancel_body(al_gen *g)
{
    static const char *const names[4] = {"a", "b", "c", "d"};
    sync_main *m = (sync_main *)g;
    AL_GEN_BEGIN(g);
    al_lock_init(&m->lock, vm, "lock");
    for (int i = 0; i < 4; i++) {
        worker_co *w = (worker_co *)al_gen_new(vm, sizeof *w, &guarded_worker_def);
        w->name = names[i];
        w->lock = &m->lock;
        m->ts[i] = al_create_task(vm, &w->g);
    }
    SLEEP(m, 0);
    ck_assert(al_task_cancel(m->ts[3], al_none()));
    SLEEP(m, 1);
    ck_assert(al_task_cancel(m->ts[1], al_none()));
    {
        al_future *fs[4];
        for (int i = 0; i < 4; i++)
            fs[i] = al_task_fut(m->ts[i]);
        m->all = al_gather(vm, 4, fs, true);
    }
    AL_AWAIT(g, m->all, m->r);
    {
        al_value c = al_list_new(vm, 4);
        for (int i = 0; i < 4; i++)
            al_list_append(vm, c, al_bool(al_future_cancelled(al_task_fut(m->ts[i]))));
        al_print(vm, "%r %v %g", c, al_bool(m->lock.locked), al_time(vm));
    }
    ck_assert_uint_eq(m->lock.waiters.n, 0);
    AL_GEN_END(g);
}
static const al_gen_def lock_cancel_def = {"main", lock_cancel_body, true};

START_TEST(lock_waiter_cancelled_before_and_after_wake_up)
{
    RUN_OK(sync_main, lock_cancel_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a has 0.0|d cancelled 0.0 True|a releases 1.0|b cancelled 1.0 False|"
                                "c has 1.0|c releases 2.0|[False, True, False, True] False 2.0");
}
END_TEST

/* ---- Lock: no barging past a woken waiter ----
 *
 * async def user(name, lock, hold):
 *     print(name, "sees locked", lock.locked())
 *     async with lock:
 *         print(name, "has", now())
 *         await asyncio.sleep(hold)
 *     print(name, "released", now())
 * async def main():
 *     lock = asyncio.Lock()
 *     h = asyncio.create_task(user("holder", lock, 1))
 *     await asyncio.sleep(0)
 *     w = asyncio.create_task(user("w", lock, 0))
 *     await asyncio.sleep(0.5)
 *     await asyncio.sleep(0.5)  # main wakes after holder, in the same iteration
 *     await user("barger", lock, 0)
 *     await asyncio.gather(h, w)
 */
static al_signal user_body(al_gen *g)
{
    worker_co *w = (worker_co *)g;
    AL_GEN_BEGIN(g);
    al_print(vm, "%s sees locked %v", w->name, al_bool(w->lock->locked));
    AL_YIELD_FROM(g, al_lock_acquire(&w->acq, w->lock), w->r);
    al_print(vm, "%s has %g", w->name, al_time(vm));
    AL_YIELD_FROM_TRY(g, al_sleep(&w->sleep, vm, w->d, al_none()), w->r);
    ck_assert(al_is_none(al_lock_release(w->lock)));
    AL_PROPAGATE(g);
    al_print(vm, "%s released %g", w->name, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def user_def = {"user", user_body, true};

static al_gen *user(worker_co *w, const char *name, al_lock *lock, double hold)
{
    if (!w)
        w = al_alloc(vm, sizeof *w);
    w->name = name;
    w->lock = lock;
    w->d = hold;
    return al_gen_init(&w->g, vm, &user_def);
}

typedef struct barge_main {
    sync_main m;
    worker_co barger;
} barge_main;

static al_signal barge_body(al_gen *g)
{
    barge_main *x = (barge_main *)g;
    sync_main *m = &x->m;
    AL_GEN_BEGIN(g);
    al_lock_init(&m->lock, vm, "lock");
    m->ts[0] = al_create_task(vm, user(NULL, "holder", &m->lock, 1));
    SLEEP(m, 0);
    m->ts[1] = al_create_task(vm, user(NULL, "w", &m->lock, 0));
    SLEEP(m, 0.5);
    SLEEP(m, 0.5);
    AL_YIELD_FROM(g, user(&x->barger, "barger", &m->lock, 0), m->r);
    {
        al_future *fs[2] = {al_task_fut(m->ts[0]), al_task_fut(m->ts[1])};
        m->all = al_gather(vm, 2, fs, false);
    }
    AL_AWAIT(g, m->all, m->r);
    AL_GEN_END(g);
}
static const al_gen_def barge_def = {"main", barge_body, true};

START_TEST(lock_newcomer_queues_behind_a_woken_waiter)
{
    ck_assert_int_eq(RUN(barge_main, barge_def), AL_RUN_OK);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "holder sees locked False|holder has 0.0|w sees locked True|"
                                "holder released 1.0|barger sees locked False|w has 1.0|w released 1.0|"
                                "barger has 1.0|barger released 1.0");
}
END_TEST

/* ---- Semaphore(2) and four tasks ----
 *
 * async def worker(name, sem, d):
 *     print(name, "wants", now(), sem.locked())
 *     async with sem:
 *         print(name, "in", now())
 *         await asyncio.sleep(d)
 *     print(name, "out", now())
 * async def main():
 *     sem = asyncio.Semaphore(2)
 *     await asyncio.gather(worker("a", sem, 1), worker("b", sem, 2),
 *                          worker("c", sem, 1), worker("d", sem, 1))
 *     print("locked", sem.locked(), now())
 */
static al_signal sem_worker_body(al_gen *g)
{
    worker_co *w = (worker_co *)g;
    AL_GEN_BEGIN(g);
    al_print(vm, "%s wants %g %v", w->name, al_time(vm), al_bool(al_semaphore_locked(w->sem)));
    AL_YIELD_FROM(g, al_semaphore_acquire(&w->sacq, w->sem), w->r);
    ck_assert(al_equal(w->r, al_bool(true)));
    al_print(vm, "%s in %g", w->name, al_time(vm));
    AL_YIELD_FROM_TRY(g, al_sleep(&w->sleep, vm, w->d, al_none()), w->r);
    al_semaphore_release(w->sem);
    AL_PROPAGATE(g);
    al_print(vm, "%s out %g", w->name, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def sem_worker_def = {"worker", sem_worker_body, true};

static al_signal sem_body(al_gen *g)
{
    static const char *const names[4] = {"a", "b", "c", "d"};
    static const double ds[4] = {1, 2, 1, 1};
    sync_main *m = (sync_main *)g;
    AL_GEN_BEGIN(g);
    al_semaphore_init(&m->sem, vm, "sem", 2);
    {
        al_gen *ws[4];
        for (int i = 0; i < 4; i++) {
            worker_co *w = (worker_co *)al_gen_new(vm, sizeof *w, &sem_worker_def);
            w->name = names[i];
            w->sem = &m->sem;
            w->d = ds[i];
            ws[i] = &w->g;
        }
        m->all = al_gather_coros(vm, 4, ws, false);
    }
    AL_AWAIT(g, m->all, m->r);
    al_print(vm, "locked %v %g", al_bool(al_semaphore_locked(&m->sem)), al_time(vm));
    ck_assert_int_eq(m->sem.value, 2);
    AL_GEN_END(g);
}
static const al_gen_def sem_def = {"main", sem_body, true};

START_TEST(semaphore_of_two_admits_four_tasks_in_order)
{
    RUN_OK(sync_main, sem_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a wants 0.0 False|a in 0.0|b wants 0.0 False|b in 0.0|"
                                "c wants 0.0 True|d wants 0.0 True|a out 1.0|c in 1.0|"
                                "b out 2.0|c out 2.0|d in 2.0|d out 3.0|locked False 3.0");
}
END_TEST

/* ---- Semaphore: cancelled waiters, before and after a wake-up ----
 *
 * async def worker(name, sem):
 *     try:
 *         async with sem:
 *             print(name, "in", now())
 *             await asyncio.sleep(1)
 *     except CancelledError:
 *         print(name, "cancelled", now(), sem.locked(), sem._value)
 *         raise
 *     print(name, "out", now())
 * async def main():
 *     sem = asyncio.Semaphore(1)
 *     ts = [asyncio.create_task(worker(n, sem)) for n in "abcd"]
 *     await asyncio.sleep(0)
 *     ts[3].cancel()          # d's future is cancelled: no unit to give back
 *     await asyncio.sleep(1)  # a releases, giving its unit to b...
 *     ts[1].cancel()          # ...cancelled before it runs: the unit goes to c
 *     await asyncio.gather(*ts, return_exceptions=True)
 *     print([t.cancelled() for t in ts], sem.locked(), sem._value, now())
 */
static al_signal sem_guarded_body(al_gen *g)
{
    worker_co *w = (worker_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM_TRY(g, al_semaphore_acquire(&w->sacq, w->sem), w->r);
    if (al_is_none(al_pending(g))) {
        al_print(vm, "%s in %g", w->name, al_time(vm));
        AL_YIELD_FROM_TRY(g, al_sleep(&w->sleep, vm, 1, al_none()), w->r);
        al_semaphore_release(w->sem);
    }
    if (al_exc_isa(al_pending(g), &al_CancelledError))
        al_print(vm, "%s cancelled %g %v %D", w->name, al_time(vm),
                 al_bool(al_semaphore_locked(w->sem)), w->sem->value);
    AL_PROPAGATE(g);
    al_print(vm, "%s out %g", w->name, al_time(vm));
    AL_GEN_END(g);
}
static const al_gen_def sem_guarded_def = {"worker", sem_guarded_body, true};

static al_signal sem_cancel_body(al_gen *g)
{
    static const char *const names[4] = {"a", "b", "c", "d"};
    sync_main *m = (sync_main *)g;
    AL_GEN_BEGIN(g);
    al_semaphore_init(&m->sem, vm, "sem", 1);
    for (int i = 0; i < 4; i++) {
        worker_co *w = (worker_co *)al_gen_new(vm, sizeof *w, &sem_guarded_def);
        w->name = names[i];
        w->sem = &m->sem;
        m->ts[i] = al_create_task(vm, &w->g);
    }
    SLEEP(m, 0);
    ck_assert(al_task_cancel(m->ts[3], al_none()));
    SLEEP(m, 1);
    ck_assert(al_task_cancel(m->ts[1], al_none()));
    {
        al_future *fs[4];
        for (int i = 0; i < 4; i++)
            fs[i] = al_task_fut(m->ts[i]);
        m->all = al_gather(vm, 4, fs, true);
    }
    AL_AWAIT(g, m->all, m->r);
    {
        al_value c = al_list_new(vm, 4);
        for (int i = 0; i < 4; i++)
            al_list_append(vm, c, al_bool(al_future_cancelled(al_task_fut(m->ts[i]))));
        al_print(vm, "%r %v %D %g", c, al_bool(al_semaphore_locked(&m->sem)), m->sem.value, al_time(vm));
    }
    AL_GEN_END(g);
}
static const al_gen_def sem_cancel_def = {"main", sem_cancel_body, true};

START_TEST(semaphore_waiter_cancelled_before_and_after_wake_up)
{
    RUN_OK(sync_main, sem_cancel_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "a in 0.0|d cancelled 0.0 True 0|a out 1.0|b cancelled 1.0 True 0|"
                                "c in 1.0|c out 2.0|[False, True, False, True] False 1 2.0");
}
END_TEST

static Suite *sync_suite(void)
{
    Suite *s = suite_create("sync");
    TCase *tc = tcase_create("sync");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, event_wakes_every_waiter_in_order);
    tcase_add_test(tc, lock_hands_over_in_fifo_order);
    tcase_add_test(tc, lock_waiter_cancelled_before_and_after_wake_up);
    tcase_add_test(tc, lock_newcomer_queues_behind_a_woken_waiter);
    tcase_add_test(tc, semaphore_of_two_admits_four_tasks_in_order);
    tcase_add_test(tc, semaphore_waiter_cancelled_before_and_after_wake_up);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(sync_suite)
