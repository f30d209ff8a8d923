/*
 * test_queue.c: what lessons 6 and 7 rely on, against CPython 3.11: a
 * woken Queue.get or Queue.put does not own the item or slot it was woken
 * for, create_task(name=...) still uses up a Task-N number, and a trace
 * that holds futures (as_completed's queue) prints no addresses.  Each
 * test quotes its Python twin, run on the virtual clock with
 * "def now(): return asyncio.get_running_loop().time()" in front.
 */
#include "unit_async.h"

/* ---- the coroutines the twins share ----
 *
 * async def getter(name, q, delay):
 *     await asyncio.sleep(delay)
 *     item = await q.get()
 *     print(f"{name} got {item} {now()}")
 *
 * async def putter(name, q, item, delay):
 *     await asyncio.sleep(delay)
 *     await q.put(item)
 *     print(f"{name} put {item} {now()} size {q.qsize()}")
 */
typedef struct side_co {
    al_gen g;
    const char *name;
    al_queue *q;
    al_value item;
    double delay;
    al_sleep_co sleep;
    al_queue_co op;
    al_value r;
} side_co;

static al_signal getter_body(al_gen *g)
{
    side_co *s = (side_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&s->sleep, vm, s->delay, al_none()), s->r);
    AL_YIELD_FROM(g, al_queue_get(&s->op, s->q), s->item);
    al_print(vm, "%s got %v %g", s->name, s->item, al_time(vm));
    AL_GEN_END(g);
}

static al_signal putter_body(al_gen *g)
{
    side_co *s = (side_co *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&s->sleep, vm, s->delay, al_none()), s->r);
    AL_YIELD_FROM(g, al_queue_put(&s->op, s->q, s->item), s->r);
    al_print(vm, "%s put %v %g size %D", s->name, s->item, al_time(vm),
             (int64_t)al_queue_qsize(s->q));
    AL_GEN_END(g);
}

static const al_gen_def getter_def = {"getter", getter_body, true};
static const al_gen_def putter_def = {"putter", putter_body, true};

static al_future *side(const al_gen_def *def, const char *name, al_queue *q, al_value item,
                       double delay)
{
    side_co *s = (side_co *)al_gen_new(vm, sizeof *s, def);
    s->name = name;
    s->q = q;
    s->item = item;
    s->delay = delay;
    return al_task_fut(al_create_task(vm, &s->g));
}

/* count_named counts the events of a kind whose actor has this name. */
static int count_named(al_ev_kind kind, const char *name)
{
    int n = 0;
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        const char *a = al_trace_actor_name(rec, e.actor);
        n += e.kind == kind && a && strcmp(a, name) == 0;
    }
    return n;
}

typedef struct queue_main {
    al_gen g;
    al_queue q;
    al_future *ab[2];
    al_value r;
    al_sleep_co sleep;
} queue_main;

#define SLEEP(m, d) AL_YIELD_FROM(&(m)->g, al_sleep(&(m)->sleep, vm, (d), al_none()), (m)->r)

/* ---- a woken getter finds the queue empty and waits again ----
 *
 * async def main():
 *     q = asyncio.Queue()
 *     a = asyncio.create_task(getter("a", q, 0))      # waits first
 *     b = asyncio.create_task(getter("b", q, 1))      # arrives at 1.0
 *     await asyncio.sleep(1)
 *     q.put_nowait("x")                               # wakes a; b runs first
 *     await asyncio.sleep(0)
 *     print(f"after one turn: size {q.qsize()}")
 *     q.put_nowait("y")
 *     await asyncio.gather(a, b)
 */
static al_signal steal_body(al_gen *g)
{
    queue_main *m = (queue_main *)g;
    AL_GEN_BEGIN(g);
    al_queue_init(&m->q, vm, "queue", AL_QUEUE_FIFO, 0);
    m->ab[0] = side(&getter_def, "a", &m->q, al_none(), 0);
    m->ab[1] = side(&getter_def, "b", &m->q, al_none(), 1);
    SLEEP(m, 1);
    al_queue_put_nowait(&m->q, str("x"));
    SLEEP(m, 0);
    al_print(vm, "after one turn: size %D", (int64_t)al_queue_qsize(&m->q));
    al_queue_put_nowait(&m->q, str("y"));
    AL_AWAIT(g, al_gather(vm, 2, m->ab, false), m->r);
    AL_GEN_END(g);
}
static const al_gen_def steal_def = {"main", steal_body, true};

START_TEST(woken_getter_finds_the_queue_empty)
{
    RUN_OK(queue_main, steal_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(), "b got x 1.0|after one turn: size 0|a got y 1.0");
    /* a (Task-2) waited twice: at the start, and again after its wake-up
     * found the queue empty; b never waited. */
    ck_assert_int_eq(count_named(AL_EV_WAIT, "Task-2"), 2);
    ck_assert_int_eq(count_named(AL_EV_WAIT, "Task-3"), 0);
}
END_TEST

/* ---- a woken putter finds the queue full again ----
 *
 * async def main():
 *     q = asyncio.Queue(maxsize=1)
 *     q.put_nowait("first")
 *     a = asyncio.create_task(putter("a", q, "A", 0))   # waits: full
 *     b = asyncio.create_task(putter("b", q, "B", 1))   # arrives at 1.0
 *     await asyncio.sleep(1)
 *     print(f"took {q.get_nowait()}")                  # wakes a; b fills first
 *     await asyncio.sleep(0)
 *     print(f"size {q.qsize()}")
 *     print(f"took {q.get_nowait()}")
 *     await asyncio.gather(a, b)
 */
static al_signal full_body(al_gen *g)
{
    queue_main *m = (queue_main *)g;
    al_value v;
    AL_GEN_BEGIN(g);
    al_queue_init(&m->q, vm, "queue", AL_QUEUE_FIFO, 1);
    al_queue_put_nowait(&m->q, str("first"));
    m->ab[0] = side(&putter_def, "a", &m->q, str("A"), 0);
    m->ab[1] = side(&putter_def, "b", &m->q, str("B"), 1);
    SLEEP(m, 1);
    al_queue_get_nowait(&m->q, &v);
    al_print(vm, "took %v", v);
    SLEEP(m, 0);
    al_print(vm, "size %D", (int64_t)al_queue_qsize(&m->q));
    al_queue_get_nowait(&m->q, &v);
    al_print(vm, "took %v", v);
    AL_AWAIT(g, al_gather(vm, 2, m->ab, false), m->r);
    AL_GEN_END(g);
}
static const al_gen_def full_def = {"main", full_body, true};

START_TEST(woken_putter_finds_the_queue_full)
{
    RUN_OK(queue_main, full_def);
    ck_assert_int_eq(sig, AL_RETURNED);
    ck_assert_str_eq(outputs(),
                     "took first|b put B 1.0 size 1|size 1|took B|a put A 1.0 size 1");
}
END_TEST

/* ---- create_task(name=...) takes a number, then the name ----
 *
 * async def noop(): pass
 * async def main():
 *     t1 = asyncio.create_task(noop(), name="worker")
 *     t2 = asyncio.create_task(noop())
 *     print(t1.get_name(), t2.get_name())
 *     await asyncio.gather(t1, t2)
 *
 * prints "worker Task-3".  The trace names the task "worker" throughout.
 */
static al_signal noop_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_GEN_END(g);
}
static const al_gen_def noop_def = {"noop", noop_body, true};

static al_signal names_body(al_gen *g)
{
    queue_main *m = (queue_main *)g;
    al_task *t1, *t2;
    AL_GEN_BEGIN(g);
    t1 = al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &noop_def));
    al_task_set_name(t1, "worker");
    t2 = al_create_task(vm, al_gen_new(vm, sizeof(al_gen), &noop_def));
    al_print(vm, "%s %s", t1->name, t2->name);
    m->ab[0] = al_task_fut(t1);
    m->ab[1] = al_task_fut(t2);
    AL_AWAIT(g, al_gather(vm, 2, m->ab, false), m->r);
    AL_GEN_END(g);
}
static const al_gen_def names_def = {"main", names_body, true};

START_TEST(named_task_uses_up_a_number)
{
    RUN_OK(queue_main, names_def);
    ck_assert_str_eq(outputs(), "worker Task-3");
    ck_assert_int_eq(count_named(AL_EV_TASK_STEP, "worker"), 1);
    ck_assert_int_eq(count_named(AL_EV_TASK_NEW, "worker"), 1);
}
END_TEST

/* ---- futures in a trace print without an address ----
 *
 * A runtime object has no Python repr here; an address would change from
 * run to run and so would every golden timeline that shows one. */
START_TEST(pointer_repr_is_stable)
{
    al_value pair = al_tuple(vm, 2, al_cstr(vm, "put"), al_ptr(vm));
    ck_assert_str_eq(repr_of(pair), "('put', <object>)");
}
END_TEST

static Suite *queue_suite(void)
{
    Suite *s = suite_create("queue");
    TCase *tc = tcase_create("queue");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, woken_getter_finds_the_queue_empty);
    tcase_add_test(tc, woken_putter_finds_the_queue_full);
    tcase_add_test(tc, named_task_uses_up_a_number);
    tcase_add_test(tc, pointer_repr_is_stable);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(queue_suite)
