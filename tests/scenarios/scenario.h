/*
 * scenario.h: the few lines every scenario program shares, its main().
 *
 * A scenario is a small asyncio program written twice: NAME.py for
 * CPython and NAME.c against the public C API ("asynclab.h" only), line
 * for line.  run_scenarios.py runs both and compares their stdout and exit
 * status.  This header is what a C author writes once for any program of
 * their own: make a vm, asyncio.run(main()), and report the way Python
 * does (an exception that escapes main goes to stderr and exits 1).
 *
 * The program runs in one of two modes, chosen by its first argument:
 *   (none)    the trace is off; printed lines reach stdout through the
 *             vm's live FILE* as they happen (the only way out when
 *             nothing is recorded);
 *   --trace   the trace is on and a recorder (al_trace_new) keeps the
 *             run; the live lines go to a memory stream, and after the
 *             run they must equal the recorded output events,
 *             line for line, before they are written to stdout.  A
 *             mismatch exits 3, which no twin does.  If SCENARIO_STEPS
 *             names a file, every task step of the trace is appended to
 *             it as "repr(time)<TAB>task<TAB>coroutine", the format of
 *             vclock.py's ASYNCLAB_STEPS log, so the driver can compare
 *             the order of task steps with CPython's.
 */
#ifndef SCENARIO_H
#define SCENARIO_H

#include "asynclab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNUSED __attribute__((unused))

/* now() in the twins is asyncio.get_running_loop().time(). */
#define now(vm) al_time(vm)

/* scenario_report prints what escaped main as Python's traceback ends
 * (the chain of causes and contexts included, without the frames), and
 * gives the exit status CPython would. */
static int scenario_report(al_run_status st, al_signal sig, al_value out)
{
    if (st == AL_RUN_DEADLOCK) {
        fputs("scenario: deadlock: the loop would wait forever\n", stderr);
        return 1;
    }
    if (sig != AL_RAISED)
        return 0;
    al_buf b;
    al_buf_init(&b);
    al_exc_report(&b, out);
    fprintf(stderr, "Traceback (frames not shown):\n%s", b.data ? b.data : "");
    al_buf_free(&b);
    return 1;
}

/* scenario_recorded_matches: are the run's output events exactly the
 * lines in text (each ended by '\n')?  O(length of both). */
static int scenario_recorded_matches(const al_trace *run, const char *text, size_t len)
{
    size_t at = 0;
    al_event e;
    for (uint32_t seq = 1; al_trace_event(run, seq, &e); seq++) {
        if (e.kind != AL_EV_OUTPUT)
            continue;
        const al_str *s = e.a.u.s;
        if (at + s->len + 1 > len || memcmp(text + at, s->data, s->len) != 0 ||
            text[at + s->len] != '\n')
            return 0;
        at += s->len + 1;
    }
    return at == len;
}

/* scenario_write_steps appends the run's task steps to path.  Returns
 * false if the file cannot be written. */
static bool scenario_write_steps(const al_trace *run, const char *path)
{
    FILE *out = fopen(path, "a");
    if (!out)
        return false;
    al_event e;
    for (uint32_t seq = 1; al_trace_event(run, seq, &e); seq++) {
        const char *task = al_trace_actor_name(run, e.actor);
        if (e.kind != AL_EV_TASK_STEP || !task || e.b.type != AL_STR)
            continue;
        char when[32];
        al_float_repr(e.time, when);
        fprintf(out, "%s\t%s\t%s\n", when, task, e.b.u.s->data);
    }
    return fclose(out) == 0;
}

/* What the program does after asyncio.run(main()) returned out (only
 * called if main returned): print(asyncio.run(main())), say. */
typedef void (*scenario_then)(al_vm *vm, al_value out);

/* scenario_run is asyncio.run(main()) for a main frame of size bytes,
 * then then(vm, result) if main returned and then is not NULL. */
static int scenario_run(int argc, char **argv, size_t size, const al_gen_def *def,
                        scenario_then then)
{
    int trace = argc > 1 && strcmp(argv[1], "--trace") == 0;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = trace ? open_memstream(&text, &len) : NULL;
    if (trace && !mem) {
        perror("scenario: open_memstream");
        return 3;
    }
    al_vm_opts o = {.trace = trace, .live = trace ? mem : stdout};
    al_vm *vm = al_vm_new(&o);
    al_trace *run = vm && trace ? al_trace_new(vm) : NULL;
    if (!vm || (trace && !run)) {
        fputs("scenario: out of memory\n", stderr);
        return 3;
    }
    al_signal sig = AL_RETURNED;
    al_value out = al_none();
    al_run_status st = al_run(vm, al_gen_new(vm, size, def), &sig, &out);
    int rc = scenario_report(st, sig, out);
    if (rc == 0 && then)
        then(vm, out);
    if (trace) {
        fclose(mem);
        if (!scenario_recorded_matches(run, text, len)) {
            fputs("scenario: the trace's output events differ from the live lines\n", stderr);
            rc = 3;
        }
        fwrite(text, 1, len, stdout);
        free(text);
        const char *steps = getenv("SCENARIO_STEPS");
        if (steps && *steps && !scenario_write_steps(run, steps)) {
            perror("scenario: SCENARIO_STEPS");
            rc = 3;
        }
    }
    al_vm_free(vm);
    if (run)
        al_trace_free(run);
    return rc;
}

/* SCENARIO(frame, body) defines main's coroutine "main" with frame type
 * frame and body function body, and the program's main();
 * SCENARIO_THEN also runs then(vm, result) after asyncio.run. */
#define SCENARIO_THEN(frame, body, then)                                       \
    static const al_gen_def main_def = {"main", body, true};                   \
    int main(int argc, char **argv)                                            \
    {                                                                          \
        return scenario_run(argc, argv, sizeof(frame), &main_def, then);       \
    }
#define SCENARIO(frame, body) SCENARIO_THEN(frame, body, NULL)

/* ---- helpers that many scenarios' twins write too ---- */

static int scenario_by_name(const void *a, const void *b)
{
    return strcmp((*(al_task *const *)a)->name, (*(al_task *const *)b)->name);
}

/* sorted_names is sorted(t.get_name() for t in ts) for n tasks. */
static UNUSED al_value sorted_names(al_vm *vm, al_task **ts, size_t n)
{
    qsort(ts, n, sizeof *ts, scenario_by_name);
    al_value l = al_list_new(vm, n);
    for (size_t i = 0; i < n; i++)
        al_list_append(vm, l, al_cstr(vm, ts[i]->name));
    return l;
}

/* names is sorted(t.get_name() for t in tasks), for a list of tasks as
 * asyncio.wait returns them (AL_PTR items). */
static UNUSED al_value names(al_vm *vm, al_value tasks)
{
    size_t n = al_len(tasks);
    al_task **ts = al_alloc(vm, (n ? n : 1) * sizeof *ts);
    for (size_t i = 0; i < n; i++)
        ts[i] = al_item(tasks, i).u.p;
    return sorted_names(vm, ts, n);
}

/* all_task_names is sorted(t.get_name() for t in asyncio.all_tasks()). */
static UNUSED al_value all_task_names(al_vm *vm)
{
    size_t n = al_all_tasks(vm, NULL, 0);
    al_task **ts = al_alloc(vm, (n ? n : 1) * sizeof *ts);
    al_all_tasks(vm, ts, n);
    return sorted_names(vm, ts, n);
}

/* futures_of turns a list of futures (AL_PTR items) back into an array
 * that asyncio.wait can take again; *n gets its length. */
static UNUSED al_future **futures_of(al_vm *vm, al_value list, size_t *n)
{
    *n = al_len(list);
    al_future **fs = al_alloc(vm, (*n ? *n : 1) * sizeof *fs);
    for (size_t i = 0; i < *n; i++)
        fs[i] = al_item(list, i).u.p;
    return fs;
}

/* cancel_task_cb is the callback t.cancel (a = the task), for call_soon
 * and call_later. */
static UNUSED void cancel_task_cb(al_vm *vm, void *task, void *unused)
{
    (void)vm, (void)unused;
    al_task_cancel(task, al_none());
}

#endif
