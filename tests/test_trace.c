/*
 * test_trace.c: unit tests of the trace that vm.c records for gen.c's
 * operations: which events, in which order, about which actors, and
 * which earlier event caused each one.
 *
 * Each event is checked as one line "seq<-cause kind actor[>other] a",
 * where actor and other are actor names and a is repr() of the event's
 * first value.  The frames are twins of small Python generators given
 * in comments; what each event must say follows from the rules in
 * asynclab.h (a resume causes what its frame does; a subframe's resume
 * is caused by its delegator's resume).
 */
#include "unit.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>


static const char *actor_name(uint32_t id)
{
    const char *name = al_trace_actor_name(rec, id);
    return name ? name : "-";
}

/* line i of the trace, as described above */
static const char *ev_line(size_t i)
{
    ck_assert_uint_lt(i, unit_len());
    al_event ev = unit_ev(i);
    const al_event *e = &ev;
    al_buf b;
    al_buf_init(&b);
    al_format(&b, "%d<-%d %s %s", (int)e->seq, (int)e->cause, al_ev_names[e->kind], actor_name(e->actor));
    if (e->other)
        al_format(&b, ">%s", actor_name(e->other));
    al_format(&b, " %r", e->a);
    al_value s = al_str_new(vm, b.data, b.len);
    al_buf_free(&b);
    return s.u.s->data;
}

static void check_trace(size_t from, size_t n, const char *const *expect)
{
    for (size_t i = 0; i < n && from + i < unit_len(); i++)
        ck_assert_str_eq(ev_line(from + i), expect[i]);
    ck_assert_uint_eq(unit_len(), from + n);
    for (size_t i = 0; i < unit_len(); i++)
        ck_assert_uint_eq(unit_ev(i).seq, i + 1); /* seq numbers are 1, 2, 3 ... */
}
#define CHECK_TRACE_FROM(from, ...)                                            \
    do {                                                                       \
        static const char *const e_[] = {__VA_ARGS__};                         \
        check_trace((from), sizeof e_ / sizeof e_[0], e_);                     \
    } while (0)
#define CHECK_TRACE(...) CHECK_TRACE_FROM(0, __VA_ARGS__)

/* ---- frames ---- */

/* def countdown(n):
 *     while n > 0: yield n; n -= 1
 *     return 'done'                                                        */
typedef struct {
    al_gen g;
    int64_t n;
} countdown_frame;

static al_signal countdown_body(al_gen *g)
{
    countdown_frame *L = (countdown_frame *)g;
    AL_GEN_BEGIN(g);
    while (L->n > 0) {
        AL_YIELD(g, al_int(L->n));
        L->n--;
    }
    AL_RETURN(g, al_cstr(g->vm, "done"));
    AL_GEN_END(g);
}
static const al_gen_def countdown_def = {"countdown", countdown_body, false};

/* def outer():
 *     sub = countdown(1)
 *     r = yield from sub
 *     print(f'sub returned {r!r}')
 *     yield 0.1                                                            */
typedef struct {
    al_gen g;
    countdown_frame sub;
    al_value r;
} outer_frame;

static al_signal outer_body(al_gen *g)
{
    outer_frame *L = (outer_frame *)g;
    AL_GEN_BEGIN(g);
    L->sub.n = 1;
    al_gen_init(&L->sub.g, g->vm, &countdown_def);
    AL_YIELD_FROM(g, &L->sub.g, L->r);
    al_print(g->vm, "sub returned %r", L->r);
    AL_YIELD(g, al_float(0.1));
    AL_GEN_END(g);
}
static const al_gen_def outer_def = {"outer", outer_body, false};

/* def failing():
 *     x = yield 'a'
 *     raise ValueError(x)                                                  */
static al_signal failing_body(al_gen *g)
{
    AL_GEN_BEGIN(g);
    AL_YIELD(g, al_cstr(g->vm, "a"));
    AL_RAISE(g, al_exc_new(g->vm, &al_ValueError, AL_SENT(g)));
    AL_GEN_END(g);
}
static const al_gen_def failing_def = {"failing", failing_body, false};
static const al_gen_def failing_coro_def = {"failing", failing_body, true};

/* ---- tests ---- */

START_TEST(test_simple_generator)
{
    countdown_frame *c = (countdown_frame *)al_gen_new(vm, sizeof(countdown_frame), &countdown_def);
    c->n = 1;
    al_value out;
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_send(&c->g, al_cstr(vm, "hi"), &out), AL_RETURNED);
    CHECK_TRACE(
        "1<-0 create countdown#1 None",
        "2<-0 resume countdown#1 None",
        "3<-2 yield countdown#1 1",
        "4<-0 resume countdown#1 'hi'",
        "5<-4 return countdown#1 'done'");
    al_actor a;
    ck_assert(al_trace_actor(rec, c->g.actor, &a));
    ck_assert_int_eq(a.kind, AL_ACTOR_GENERATOR);
    ck_assert_str_eq(a.code, "countdown");
    ck_assert_uint_eq(c->g.resumed_by, 4);
}
END_TEST

/* A shown frame's yields carry its locals: after countdown(3) first yields unshown and then
 * twice more, the two yield events hold (('n', 2),) and (('n', 1),), what
 * frame.f_locals would show between the next() calls; an unshown frame's
 * yield holds None. */
START_TEST(test_shown_locals)
{
    static const al_local locals[] = {AL_LOCAL(countdown, n, INT)};
    countdown_frame *c = (countdown_frame *)al_gen_new(vm, sizeof(countdown_frame), &countdown_def);
    c->n = 3;
    al_value out;
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    al_show_locals(vm, &countdown_def, locals, 1);
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_next(&c->g, &out), AL_YIELDED);
    const char *want[] = {"None", "(('n', 2),)", "(('n', 1),)"};
    size_t k = 0;
    for (size_t i = 0; i < unit_len(); i++) {
        al_event e = unit_ev(i);
        if (e.kind != AL_EV_YIELD)
            continue;
        al_buf b;
        al_buf_init(&b);
        al_repr_of(&b, e.b);
        ck_assert_uint_lt(k, 3);
        ck_assert_str_eq(b.data, want[k++]);
        al_buf_free(&b);
    }
    ck_assert_uint_eq(k, 3);
}
END_TEST

START_TEST(test_delegation_events)
{
    outer_frame *o = (outer_frame *)al_gen_new(vm, sizeof(outer_frame), &outer_def);
    al_value out;
    ck_assert_int_eq(al_gen_next(&o->g, &out), AL_YIELDED);  /* 1 from the sub */
    ck_assert_int_eq(al_gen_next(&o->g, &out), AL_YIELDED);  /* 0.1 */
    ck_assert_int_eq(al_gen_next(&o->g, &out), AL_RETURNED);
    CHECK_TRACE(
        "1<-0 create outer#1 None",
        "2<-0 resume outer#1 None",
        /* made by outer's body: created by outer, caused by its resume */
        "3<-2 create countdown#2>outer#1 None",
        "4<-2 delegate outer#1>countdown#2 None",
        /* the subframe's resume is caused by its delegator's resume */
        "5<-2 resume countdown#2 None",
        "6<-5 yield countdown#2 1",
        "7<-2 yield outer#1 1",
        "8<-0 resume outer#1 None",
        "9<-8 resume countdown#2 None",
        "10<-9 return countdown#2 'done'",
        "11<-8 delegate_end outer#1>countdown#2 'done'",
        /* print() inside outer's body is outer's output */
        "12<-8 output outer#1 \"sub returned 'done'\"",
        "13<-8 yield outer#1 0.1",
        "14<-0 resume outer#1 None",
        "15<-14 return outer#1 None");
    ck_assert_int_eq(unit_ev(2).other, o->g.actor);
}
END_TEST

START_TEST(test_raise_throw_error_close)
{
    al_value out;
    /* an exception escaping: raise, caused by the resume */
    al_gen *f = al_gen_new(vm, sizeof(al_gen), &failing_def);
    ck_assert_int_eq(al_gen_next(f, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_send(f, al_int(3), &out), AL_RAISED);
    /* throw() into a suspended frame records throw, then what it led to */
    al_gen *t = al_gen_new(vm, sizeof(al_gen), &failing_def);
    ck_assert_int_eq(al_gen_next(t, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_throw(t, al_exc_msg(vm, &al_KeyError, "k"), &out), AL_RAISED);
    /* a refused send is an error event on the frame */
    al_gen *e = al_gen_new(vm, sizeof(al_gen), &failing_coro_def);
    ck_assert_int_eq(al_gen_send(e, al_int(1), &out), AL_RAISED);
    /* close(): of a created frame, one close event; of a suspended one,
     * GeneratorExit thrown in and raised out, then close */
    ck_assert_int_eq(al_gen_close(e, &out), AL_RETURNED);
    al_gen *c = al_gen_new(vm, sizeof(al_gen), &failing_def);
    ck_assert_int_eq(al_gen_next(c, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_close(c, &out), AL_RETURNED);
    CHECK_TRACE(
        "1<-0 create failing#1 None",
        "2<-0 resume failing#1 None",
        "3<-2 yield failing#1 'a'",
        "4<-0 resume failing#1 3",
        "5<-4 raise failing#1 ValueError(3)",
        "6<-0 create failing#2 None",
        "7<-0 resume failing#2 None",
        "8<-7 yield failing#2 'a'",
        "9<-0 throw failing#2 KeyError('k')",
        "10<-9 raise failing#2 KeyError('k')",
        "11<-0 create failing#3 None",
        "12<-0 error failing#3 TypeError(\"can't send non-None value to a just-started coroutine\")",
        "13<-0 close failing#3 None",
        "14<-0 create failing#4 None",
        "15<-0 resume failing#4 None",
        "16<-15 yield failing#4 'a'",
        "17<-0 throw failing#4 GeneratorExit()",
        "18<-17 raise failing#4 GeneratorExit()",
        "19<-0 close failing#4 None");
    ck_assert_int_eq(al_trace_actor_kind(rec, e->actor), AL_ACTOR_COROUTINE);
}
END_TEST

START_TEST(test_output_outside_frames)
{
    /* print() at top level belongs to the main actor, with no cause */
    al_print(vm, "hello %d %r", 5, al_cstr(vm, "x"));
    al_note(vm, "a note");
    CHECK_TRACE(
        "1<-0 output main \"hello 5 'x'\"",
        "2<-0 note main 'a note'");
    al_event ev = unit_ev(0);
    ck_assert_int_eq(ev.a.type, AL_STR);
    ck_assert_str_eq(ev.a.u.s->data, "hello 5 'x'");
    ck_assert_int_eq(al_trace_actor_kind(rec, ev.actor), AL_ACTOR_MAIN);
}
END_TEST

START_TEST(test_live_output)
{
    /* with opts.live, each printed line is written there at once */
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    al_vm_opts o = {.live = f};
    al_vm *lv = al_vm_new(&o);
    al_trace *lr = al_trace_new(lv);
    al_print(lv, "one");
    al_note(lv, "not output");
    al_print(lv, "two %g", 0.5);
    rewind(f);
    char buf[64] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    ck_assert_str_eq(buf, "one\ntwo 0.5\n");
    ck_assert_uint_eq(al_trace_len(lr), 3);
    al_trace_free(lr);
    al_vm_free(lv);
    fclose(f);
}
END_TEST

START_TEST(test_trace_off)
{
    al_vm_opts o = {.trace = false};
    al_vm *q = al_vm_new(&o);
    outer_frame *of = (outer_frame *)al_gen_new(q, sizeof(outer_frame), &outer_def);
    al_value out;
    int yields = 0;
    while (al_gen_next(&of->g, &out) == AL_YIELDED)
        yields++;
    ck_assert_int_eq(yields, 2);
    al_gen *f = al_gen_new(q, sizeof(al_gen), &failing_def);
    ck_assert_int_eq(al_gen_send(f, al_int(1), &out), AL_RAISED);
    ck_assert_int_eq(al_gen_next(f, &out), AL_YIELDED);
    ck_assert_int_eq(al_gen_throw(f, al_exc_noarg(q, &al_ValueError), &out), AL_RAISED);
    al_print(q, "printed");
    ck_assert_uint_eq(al_emit(q, AL_EV_NOTE, 1, 0, al_none(), al_none()), 0);
    ck_assert_uint_eq(of->g.actor, 0); /* no actors, no events */
    al_vm_free(q);
}
END_TEST

START_TEST(test_emit_and_actors)
{
    al_actor a;
    ck_assert_uint_eq(al_trace_actor_count(rec), 1);
    ck_assert_str_eq(al_trace_actor_name(rec, 1), "main");
    ck_assert(!al_trace_actor(rec, 0, &a));
    ck_assert(!al_trace_actor(rec, 2, &a));
    char name[8] = "obj";
    uint32_t id = al_actor_new(vm, AL_ACTOR_OBJECT, name, NULL);
    name[0] = 'X'; /* the name was copied */
    ck_assert_uint_eq(id, 2);
    ck_assert_str_eq(al_trace_actor_name(rec, id), "obj");
    ck_assert_str_eq(al_actor_kind_names[al_trace_actor_kind(rec, id)], "object");
    uint32_t s1 = al_emit(vm, AL_EV_NOTE, id, 1, al_int(1), al_int(2));
    uint32_t s2 = al_emit(vm, AL_EV_NOTE, id, 0, al_none(), al_none());
    ck_assert_uint_eq(s1, 1);
    ck_assert_uint_eq(s2, 2);
    /* too late for another subscriber: it would miss what happened */
    al_subscriber late = {0};
    ck_assert(!al_vm_subscribe(vm, &late));
    al_event ev = unit_ev(0);
    const al_event *e = &ev;
    ck_assert_uint_eq(e->kind, AL_EV_NOTE);
    ck_assert_uint_eq(e->actor, id);
    ck_assert_uint_eq(e->other, 1);
    ck_assert_int_eq(e->b.u.i, 2);
    ck_assert_uint_eq(e->task, 0);
    ck_assert(e->time == 0.0);
    /* many events: the trace grows and keeps its order */
    for (int i = 0; i < 5000; i++)
        al_emit(vm, AL_EV_NOTE, id, 0, al_int(i), al_none());
    ck_assert_uint_eq(unit_len(), 5002);
    ck_assert_int_eq(unit_ev(4999 + 2).a.u.i, 4999);
    ck_assert_uint_eq(unit_ev(5001).seq, 5002);
    /* names of event kinds used by the renderers */
    ck_assert_str_eq(al_ev_names[AL_EV_DELEGATE_END], "delegate_end");
    ck_assert_str_eq(al_ev_names[AL_EV_OUTPUT], "output");
}
END_TEST

/* More distinct names than an actor's packed record holds (32,768): the
 * recorder keeps the rest whole, and every name reads back. */
START_TEST(test_many_distinct_names)
{
    char name[16];
    for (int i = 0; i < 33000; i++) {
        snprintf(name, sizeof name, "o%d", i);
        ck_assert_uint_eq(al_actor_new(vm, AL_ACTOR_OBJECT, name, NULL), (uint32_t)i + 2);
    }
    ck_assert_str_eq(al_trace_actor_name(rec, 2), "o0");
    ck_assert_str_eq(al_trace_actor_name(rec, 32770), "o32768");
    ck_assert_str_eq(al_trace_actor_name(rec, 33001), "o32999");
    ck_assert_int_eq(al_trace_actor_kind(rec, 33001), AL_ACTOR_OBJECT);
}
END_TEST

/* async def sleepy(): await asyncio.sleep(0.5)
 * asyncio.run(sleepy())
 * The tracker, replaying the events, says Task-1 runs, then waits in a
 * sleep of 0.5 s due at 0.5, then is ready (woken), then done. */
typedef struct {
    al_gen g;
    al_sleep_co s;
    al_value r;
} sleepy_frame;

static al_signal sleepy_body(al_gen *g)
{
    sleepy_frame *L = (sleepy_frame *)g;
    AL_GEN_BEGIN(g);
    AL_YIELD_FROM(g, al_sleep(&L->s, g->vm, 0.5, al_none()), L->r);
    AL_GEN_END(g);
}
static const al_gen_def sleepy_def = {"sleepy", sleepy_body, true};

START_TEST(test_tracker_replays_a_sleep)
{
    al_signal sig;
    al_value out;
    ck_assert_int_eq(al_run(vm, al_gen_new(vm, sizeof(sleepy_frame), &sleepy_def), &sig, &out),
                     AL_RUN_OK);
    uint32_t task = unit_actor_id("Task-1");
    ck_assert_uint_ne(task, 0);
    al_tracker *k = al_tracker_new(rec);
    ck_assert_ptr_nonnull(k);
    bool saw_wait = false, saw_run = false, saw_ready = false;
    al_event e;
    for (uint32_t seq = 1; al_trace_event(rec, seq, &e); seq++) {
        al_tracker_apply(k, &e);
        const al_task_state *st = al_tracker_task(k, task);
        if (e.kind == AL_EV_TASK_STEP && e.actor == task) {
            ck_assert_uint_eq(al_tracker_running(k), task);
            ck_assert_int_eq(st->phase, AL_TASK_RUNNING);
            saw_run = true;
        }
        if (e.kind == AL_EV_TASK_SUSPEND && e.actor == task && !saw_wait) {
            ck_assert_int_eq(st->phase, AL_TASK_WAITING);
            ck_assert_str_eq(st->what, "sleep");
            ck_assert(st->delay == 0.5 && st->deadline == 0.5);
            ck_assert_str_eq(al_trace_actor_name(rec, st->awaits), "sleep-fut#3");
            ck_assert_uint_eq(al_tracker_running(k), 0);
            saw_wait = true;
        }
        if (saw_wait && st->phase == AL_TASK_READY && !saw_ready) {
            al_event why;
            ck_assert(al_trace_event(rec, st->woke, &why));
            ck_assert_int_eq(why.kind, AL_EV_CALL_SOON); /* its __wakeup queued */
            saw_ready = true;
        }
    }
    ck_assert(saw_run && saw_wait && saw_ready);
    ck_assert_int_eq(al_tracker_task(k, task)->phase, AL_TASK_DONE);
    ck_assert_ptr_null(al_tracker_task(k, 1)); /* main is no task */
    al_tracker_free(k);
}
END_TEST

static Suite *trace_suite(void)
{
    Suite *s = suite_create("trace");
    TCase *tc = tcase_create("events");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_simple_generator);
    tcase_add_test(tc, test_shown_locals);
    tcase_add_test(tc, test_delegation_events);
    tcase_add_test(tc, test_raise_throw_error_close);
    tcase_add_test(tc, test_output_outside_frames);
    tcase_add_test(tc, test_live_output);
    tcase_add_test(tc, test_trace_off);
    tcase_add_test(tc, test_emit_and_actors);
    tcase_add_test(tc, test_many_distinct_names);
    tcase_add_test(tc, test_tracker_replays_a_sleep);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(trace_suite)
