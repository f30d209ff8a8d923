/*
 * step_move.c: moving the cursor, and the breakpoints that stop it.
 *
 * Every move is a walk over the recorded events, O(events) at worst, and
 * ends on an event that is visible at the session's detail.  Moving back
 * is the same walk in the other direction: the states the inspecting
 * commands show are rebuilt from the events, so they are the same states
 * whichever way the cursor came.
 */
#include "step.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Kinds the loop detail adds to the steps: the loop's own bookkeeping. */
static bool loop_kind(int kind)
{
    switch (kind) {
    case AL_EV_LOOP_ITER: case AL_EV_CALLBACK: case AL_EV_CALL_SOON:
    case AL_EV_TIMER_ADD: case AL_EV_TIMER_FIRE: case AL_EV_TIMER_CANCEL:
    case AL_EV_FUTURE_DONE: case AL_EV_WAKEUP: case AL_EV_CLOCK:
        return true;
    default:
        return false;
    }
}

/* al__step_visible: see step.h. */
bool al__step_visible(const al__step_session *s, uint32_t seq)
{
    if (seq < 1 || seq > s->run.len)
        return false;
    if (s->detail == AL_DETAIL_FULL)
        return true;
    long k = al__step_step_at(s, seq);
    if (k >= 0 && s->story.steps[k].first == seq && !s->story.steps[k].loop_only)
        return true;
    return s->detail == AL_DETAIL_LOOP && loop_kind(al__run_event(&s->run, seq)->kind);
}

/* visible_from returns the nth visible event after (dir 1) or before
 * (dir -1) from, or the last one reached if there are fewer; from itself
 * when none lies that way. */
static uint32_t visible_from(const al__step_session *s, uint32_t from, int dir, long n)
{
    uint32_t at = from;
    for (uint32_t q = from; n > 0;) {
        if (dir > 0 ? q >= s->run.len : q <= 1)
            break;
        q = dir > 0 ? q + 1 : q - 1;
        if (al__step_visible(s, q)) {
            at = q;
            n--;
        }
    }
    return at;
}

/* count_arg reads an optional positive count; false (said) if malformed. */
static bool count_arg(al__step_session *s, const char *const *argv, size_t argc, long *n)
{
    *n = 1;
    if (argc == 0)
        return true;
    char *end;
    long v = strtol(argv[0], &end, 10);
    if (*end || v < 1 || v > 1000000) {
        al__step_say(s, "N must be a whole number from 1 to 1000000, got '%s'", argv[0]);
        return false;
    }
    *n = v;
    return true;
}

/* land moves the cursor and shows where it is now. */
static void land(al__step_session *s, uint32_t seq)
{
    s->cur = seq;
    al__step_show_here(s);
}

void al__step_cmd_step(al__step_session *s, const char *const *argv, size_t argc)
{
    long n;
    if (!count_arg(s, argv, argc, &n))
        return;
    uint32_t to = visible_from(s, s->cur, 1, n);
    if (to == s->cur)
        al__step_say(s, "the run is over: nothing happens after event %lu (`back` goes back)",
                     (unsigned long)s->cur);
    else
        land(s, to);
}

void al__step_cmd_back(al__step_session *s, const char *const *argv, size_t argc)
{
    long n;
    if (!count_arg(s, argv, argc, &n))
        return;
    uint32_t to = visible_from(s, s->cur, -1, n);
    if (to == s->cur)
        al__step_say(s, "this is the start of the run");
    else
        land(s, to);
}

/* al__step_ends_turn: see step.h. */
bool al__step_ends_turn(const al_event *e, uint32_t actor)
{
    switch (e->kind) {
    case AL_EV_TASK_SUSPEND: case AL_EV_TASK_DONE:
        return e->actor == actor;
    case AL_EV_YIELD: case AL_EV_RETURN: case AL_EV_RAISE:
        return e->actor == actor;
    default:
        return false;
    }
}

/* current_actor is the task (or the generator) the cursor's step runs. */
static uint32_t current_actor(const al__step_session *s)
{
    const al__rail *r = al__step_rail(s, al__step_step_at(s, s->cur));
    return r && (r->kind == AL_RAIL_TASK || r->kind == AL_RAIL_GEN) ? r->actor : 0;
}

/* seek_turn_end goes to the next event that ends actor's turn, done only
 * when it is the task's end; says why not if there is none. */
static void seek_turn_end(al__step_session *s, bool done_only, const char *what)
{
    uint32_t actor = current_actor(s);
    if (!actor) {
        al__step_say(s, "no task runs at this event: `%s` follows a running task "
                        "(`step` to one first)", what);
        return;
    }
    for (uint32_t q = s->cur + 1; q <= s->run.len; q++) {
        const al_event *e = al__run_event(&s->run, q);
        if (done_only ? (e->kind == AL_EV_TASK_DONE || e->kind == AL_EV_RETURN ||
                         e->kind == AL_EV_RAISE) && e->actor == actor
                      : al__step_ends_turn(e, actor)) {
            land(s, q);
            return;
        }
    }
    al__step_say(s, "%s never %s in this run", al__run_actor(&s->run, actor)->name,
                 done_only ? "completes" : "suspends again");
}

void al__step_cmd_next(al__step_session *s, const char *const *argv, size_t argc)
{
    (void)argv;
    (void)argc;
    seek_turn_end(s, false, "next");
}

void al__step_cmd_finish(al__step_session *s, const char *const *argv, size_t argc)
{
    (void)argv;
    (void)argc;
    seek_turn_end(s, true, "finish");
}

void al__step_cmd_goto(al__step_session *s, const char *const *argv, size_t argc)
{
    char *end = NULL;
    unsigned long v = argc ? strtoul(argv[0], &end, 10) : 0;
    if (argc == 0 || *end || v < 1 || v > s->run.len) {
        al__step_say(s, "goto needs an event number from 1 to %lu%s%s%s",
                     (unsigned long)s->run.len, argc ? ", got '" : "", argc ? argv[0] : "",
                     argc ? "'" : "");
        return;
    }
    land(s, (uint32_t)v);
}

/* time_arg reads a virtual time; false (said) if it is not one. */
static bool time_arg(al__step_session *s, const char *cmd, const char *const *argv, size_t argc,
                     double *t)
{
    double x;
    if (argc == 0 || !al__param_number(argv[0], false, &x) || x < 0 || !isfinite(x)) {
        al__step_say(s, "%s needs a virtual time in seconds, 0 or more (like 1.5)%s%s%s", cmd,
                     argc ? ", got '" : "", argc ? argv[0] : "", argc ? "'" : "");
        return false;
    }
    *t = x;
    return true;
}

void al__step_cmd_until(al__step_session *s, const char *const *argv, size_t argc)
{
    double t;
    if (!time_arg(s, "until", argv, argc, &t))
        return;
    /* until only goes forward: a time not after now would land on the
     * next event, which is `step` in disguise, so it is refused */
    double now = al__run_event(&s->run, s->cur)->time;
    if (t < now - 1e-9) {
        al__step_say(s, "time %g is already past: now %g; valid: a time after now (`back` "
                        "goes back)", t, now);
        return;
    }
    if (t <= now + 1e-9) {
        al__step_say(s, "time %g is now; valid: a time after now", t);
        return;
    }
    for (uint32_t q = s->cur + 1; q <= s->run.len; q++)
        if (al__run_event(&s->run, q)->time >= t - 1e-9 && al__step_visible(s, q)) {
            land(s, q);
            return;
        }
    al__step_say(s, "the run ends before %g (at %g); valid: a time up to its end", t,
                 al__run_event(&s->run, s->run.len)->time);
}

/* ---- breakpoints ---- */

/* bp_hits: does event q (coming after prev) stop at breakpoint b? */
static bool bp_hits(const al__step_session *s, const al__bp *b, uint32_t q)
{
    const al_event *e = al__run_event(&s->run, q);
    switch (b->kind) {
    case AL_BP_TASK: {
        const al_actor *a = al__run_actor(&s->run, e->actor);
        return (e->kind == AL_EV_TASK_STEP || e->kind == AL_EV_RESUME) && a &&
               strcmp(a->name, b->text) == 0;
    }
    case AL_BP_EVENT:
        return e->kind == b->ev_kind;
    case AL_BP_TIME: {
        const al_event *p = al__run_event(&s->run, q - 1);
        return e->time >= b->time - 1e-9 && (!p || p->time < b->time - 1e-9);
    }
    case AL_BP_OUTPUT: {
        if (e->kind != AL_EV_OUTPUT || e->a.type != AL_STR)
            return false;
        return strstr(e->a.u.s->data, b->text) != NULL;
    }
    }
    return false;
}

void al__step_cmd_continue(al__step_session *s, const char *const *argv, size_t argc)
{
    (void)argv;
    (void)argc;
    al__interrupted = 0;
    for (uint32_t q = s->cur + 1; q <= s->run.len; q++) {
        for (size_t i = 0; i < s->nbps; i++)
            if (bp_hits(s, &s->bps[i], q)) {
                al__step_say(s, "breakpoint %d", s->bps[i].number);
                land(s, q);
                return;
            }
        if (al__interrupted) {
            al__interrupted = 0;
            al__step_say(s, "interrupted");
            land(s, q);
            return;
        }
    }
    if (s->cur == s->run.len) {
        al__step_say(s, "the run is over: event %lu is its last", (unsigned long)s->run.len);
        return;
    }
    al__step_say(s, "no breakpoint stopped it: the end of the run");
    land(s, (uint32_t)s->run.len);
}

static int kind_named(const char *name)
{
    for (int k = 0; k < AL_EV__COUNT; k++)
        if (strcmp(al_ev_names[k], name) == 0)
            return k;
    return -1;
}

/* join_words joins argv[0..argc) with single spaces into a new string. */
static char *join_words(const char *const *argv, size_t argc)
{
    size_t n = 1;
    for (size_t i = 0; i < argc; i++)
        n += strlen(argv[i]) + 1;
    char *t = malloc(n);
    if (!t)
        return NULL;
    t[0] = '\0';
    for (size_t i = 0; i < argc; i++) {
        if (i)
            strcat(t, " ");
        strcat(t, argv[i]);
    }
    return t;
}

/* parse_bp fills b from "task NAME", "event KIND", "time T" or "output
 * TEXT"; false (said) if the words are not one of those. */
static bool parse_bp(al__step_session *s, const char *const *argv, size_t argc, al__bp *b)
{
    static const char *const kinds[] = {"task", "event", "time", "output"};
    int k = -1;
    for (int i = 0; argc && i < 4; i++)
        if (strcmp(argv[0], kinds[i]) == 0)
            k = i;
    if (k < 0 || argc < 2) {
        al__step_say(s, "break takes: task NAME, event KIND, time T or output TEXT");
        return false;
    }
    b->kind = (al__bp_kind)k;
    if (b->kind != AL_BP_OUTPUT && argc > 2) {
        al__step_say(s, "break %s takes one word; '%s' is one too many (only output TEXT "
                        "takes several)", kinds[k], argv[2]);
        return false;
    }
    if (b->kind == AL_BP_TASK && !al__step_task_named(s, argv[1])) {
        al__step_say(s, "no task or generator is called '%s' in this run (Tab lists them)",
                     argv[1]);
        return false;
    }
    if (b->kind == AL_BP_EVENT && (b->ev_kind = kind_named(argv[1])) < 0) {
        al__step_say(s, "no event kind '%s' (Tab lists them; e.g. task_step, output, wakeup)",
                     argv[1]);
        return false;
    }
    if (b->kind == AL_BP_TIME && !time_arg(s, "break time", argv + 1, argc - 1, &b->time))
        return false;
    b->text = join_words(argv + 1, argc - 1);
    return b->text != NULL;
}

void al__step_cmd_break(al__step_session *s, const char *const *argv, size_t argc)
{
    al__bp b = {0};
    if (!parse_bp(s, argv, argc, &b))
        return;
    al__bp *v = realloc(s->bps, (s->nbps + 1) * sizeof *v);
    if (!v) {
        free(b.text);
        al__step_say(s, "out of memory");
        return;
    }
    s->bps = v;
    b.number = ++s->next_bp;
    s->bps[s->nbps++] = b;
    al__step_say(s, "breakpoint %d: %s %s", b.number, argv[0], b.text);
}

void al__step_cmd_delete(al__step_session *s, const char *const *argv, size_t argc)
{
    char *end = NULL;
    long n = argc ? strtol(argv[0], &end, 10) : 0;
    for (size_t i = 0; argc && !*end && i < s->nbps; i++)
        if (s->bps[i].number == n) {
            free(s->bps[i].text);
            memmove(&s->bps[i], &s->bps[i + 1], (s->nbps - i - 1) * sizeof *s->bps);
            s->nbps--;
            al__step_say(s, "deleted breakpoint %ld", n);
            return;
        }
    al__step_say(s, "delete needs the number of a breakpoint (`info breakpoints` lists them)%s%s%s",
                 argc ? ", got '" : "", argc ? argv[0] : "", argc ? "'" : "");
}

void al__step_cmd_info(al__step_session *s, const char *const *argv, size_t argc)
{
    static const char *const kinds[] = {"task", "event", "time", "output"};
    if (argc != 1 || (strcmp(argv[0], "breakpoints") != 0 && strcmp(argv[0], "b") != 0)) {
        al__step_say(s, "info takes one word: breakpoints");
        return;
    }
    if (s->nbps == 0)
        al__step_say(s, "no breakpoints (`break` sets one)");
    for (size_t i = 0; i < s->nbps; i++)
        al__step_say(s, "  %d  %s %s", s->bps[i].number, kinds[s->bps[i].kind], s->bps[i].text);
}

void al__step_free_bps(al__step_session *s)
{
    for (size_t i = 0; i < s->nbps; i++)
        free(s->bps[i].text);
    free(s->bps);
    s->bps = NULL;
    s->nbps = 0;
}
