/*
 * test_views.c: the views read a task's end as CPython has it (Check).
 *
 * A coroutine that returns an exception object ends its task with a
 * result, as much as one that returns 3; only one that raises ends it
 * with an exception.  The trace's task_done carries the difference as a
 * flag (AL_EVF_RAISED), and every view says it: the story draws the task
 * done or failed, the words say "done" or "raises ...", the log writes
 * "raised", the JSON "raised":true.  The twin, with unit_async.h's
 * prelude (vclock.py prints):
 *
 *     async def main():
 *         ret = asyncio.create_task(job("ret", 1, result=ValueError("x")), name="ret")
 *         bad = asyncio.create_task(job("bad", 1, exc=ValueError("y")), name="bad")
 *         print("ret gave", repr(await ret))
 *         try:
 *             await bad
 *         except ValueError as e:
 *             print("bad raised", repr(e))
 *
 *     ret done 1.0
 *     bad raises 1.0
 *     ret gave ValueError('x')
 *     bad raised ValueError('y')
 */
#include "unit_async.h"
#include "views.h"

typedef struct ends_main {
    al_gen g;
    al_task *ret, *bad;
    al_value r;
} ends_main;

static al_signal ends_body(al_gen *g)
{
    ends_main *m = (ends_main *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    m->ret = spawn("ret", 1, boom("x"), al_none());
    al_task_set_name(m->ret, "ret");
    m->bad = spawn("bad", 1, al_none(), boom("y"));
    al_task_set_name(m->bad, "bad");
    AL_AWAIT(g, al_task_fut(m->ret), m->r);
    al_print(g->vm, "ret gave %r", m->r);
    AL_AWAIT_TRY(g, al_task_fut(m->bad), m->r);
    if (!al_is_none(e = al_except(g, &al_ValueError)))
        al_print(g->vm, "bad raised %r", e);
    AL_PROPAGATE(g);
    AL_RETURN(g, al_none());
    AL_GEN_END(g);
}

static const al_gen_def ends_def = {"main", ends_body, true};

/* done_of is the task_done event of the task called name. */
static al_event done_of(const char *name)
{
    uint32_t id = unit_actor_id(name);
    for (size_t i = 0; i < unit_len(); i++)
        if (unit_ev(i).kind == AL_EV_TASK_DONE && unit_ev(i).actor == id)
            return unit_ev(i);
    ck_abort_msg("no task_done for %s", name);
    return unit_ev(0);
}

START_TEST(task_done_says_result_or_exception)
{
    RUN_OK(ends_main, ends_def);
    ck_assert_str_eq(outputs(), "ret done 1.0|bad raises 1.0|ret gave ValueError('x')|"
                                "bad raised ValueError('y')");
    al_event ret = done_of("ret"), bad = done_of("bad");
    ck_assert_int_eq(ret.b.type, AL_EXC);
    ck_assert_int_eq(bad.b.type, AL_EXC);
    ck_assert_uint_eq(ret.flags & AL_EVF_RAISED, 0);
    ck_assert_uint_eq(bad.flags & AL_EVF_RAISED, AL_EVF_RAISED);
}
END_TEST

/* rail_end finds the step in which rail name ended; its state and words. */
static const al__step *rail_end(const al__story *st, const char *name)
{
    for (size_t k = 0; k < st->nsteps; k++) {
        const al__step *s = &st->steps[k];
        if (s->rail >= 0 && strcmp(st->rails[s->rail].name, name) == 0 &&
            (s->end == AL_END_DONE || s->end == AL_END_FAIL))
            return s;
    }
    ck_abort_msg("%s never ends", name);
    return NULL;
}

START_TEST(views_draw_a_returned_exception_as_done)
{
    RUN_OK(ends_main, ends_def);
    al__run run;
    al__story st;
    ck_assert(al__run_open(&run, rec));
    ck_assert(al__story_build(&st, &run));
    const al__step *ret = rail_end(&st, "ret"), *bad = rail_end(&st, "bad");
    ck_assert_int_eq(ret->end, AL_END_DONE);
    ck_assert_int_eq(ret->states[ret->rail], AL_RS_DONE);
    ck_assert_int_eq(bad->end, AL_END_FAIL);
    ck_assert_int_eq(bad->states[bad->rail], AL_RS_FAIL);
    al_buf b;
    al_buf_init(&b);
    al__words_end(&b, &st, ret);
    ck_assert_str_eq(b.data, "done");
    b.len = 0;
    al__words_end(&b, &st, bad);
    ck_assert_str_eq(b.data, "raises ValueError('y')");
    al_buf_free(&b);
    al__story_free(&st);
    al__run_close(&run);
}
END_TEST

/* rendered is what renderer fn writes for the recorded run. */
static char *rendered(bool json)
{
    char *text = NULL;
    size_t n = 0;
    al__sink s = {.f = open_memstream(&text, &n)};
    ck_assert_ptr_nonnull(s.f);
    al__progress p = {.final = true};
    ck_assert_int_eq(json ? al__render_json(&s, rec, &p) : al__render_log(&s, rec, false, &p),
                     AL_OK);
    fclose(s.f);
    return text;
}

/* line_of returns the line of text that holds both needles, or NULL. */
static const char *line_of(const char *text, const char *a, const char *b, char *buf, size_t cap)
{
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        snprintf(buf, cap, "%.*s", (int)len, p);
        if (strstr(buf, a) && strstr(buf, b))
            return buf;
        p = nl ? nl + 1 : NULL;
    }
    return NULL;
}

START_TEST(log_and_json_tell_them_apart)
{
    RUN_OK(ends_main, ends_def);
    char line[1024];
    char *log = rendered(false), *json = rendered(true);
    ck_assert_ptr_nonnull(line_of(log, "task_done", "FINISHED ValueError('x')", line, sizeof line));
    ck_assert_ptr_nonnull(line_of(log, "task_done", "FINISHED raised ValueError('y')", line,
                                  sizeof line));
    ck_assert_ptr_nonnull(line_of(json, "\"kind\":\"task_done\",\"actor\":\"ret\"", "}", line,
                                  sizeof line));
    ck_assert_ptr_null(strstr(line, "\"raised\""));
    ck_assert_ptr_nonnull(line_of(json, "\"kind\":\"task_done\",\"actor\":\"bad\"", "}", line,
                                  sizeof line));
    ck_assert_ptr_nonnull(strstr(line, "\"b\":{\"type\":\"ValueError\",\"message\":\"y\"},"
                                       "\"raised\":true}"));
    free(log);
    free(json);
}
END_TEST

static Suite *views_suite(void)
{
    Suite *s = suite_create("views");
    TCase *tc = tcase_create("task ends");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, task_done_says_result_or_exception);
    tcase_add_test(tc, views_draw_a_returned_exception_as_done);
    tcase_add_test(tc, log_and_json_tell_them_apart);
    suite_add_tcase(s, tc);
    return s;
}

UNIT_MAIN(views_suite)
