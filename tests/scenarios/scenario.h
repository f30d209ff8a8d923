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
 *   --trace   the trace is on; the live lines go to a memory stream, and
 *             after the run they must equal the trace's output events,
 *             line for line, before they are written to stdout.  A
 *             mismatch exits 3, which no twin does.
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

/* report_exit prints what escaped main as Python's traceback ends, and
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
    al_format(&b, "%s", out.u.exc->type->name);
    if (out.u.exc->has_arg)
        al_format(&b, ": %v", out.u.exc->arg);
    fprintf(stderr, "Traceback (C): %s\n", b.data);
    al_buf_free(&b);
    return 1;
}

/* scenario_recorded_matches: are the trace's output events exactly the
 * lines in text (each ended by '\n')?  O(length of both). */
static int scenario_recorded_matches(al_vm *vm, const char *text, size_t len)
{
    const al_trace *t = al_vm_trace(vm);
    size_t at = 0;
    for (size_t i = 0; i < t->len; i++) {
        if (t->ev[i].kind != AL_EV_OUTPUT)
            continue;
        const al_str *s = t->ev[i].a.u.s;
        if (at + s->len + 1 > len || memcmp(text + at, s->data, s->len) != 0 ||
            text[at + s->len] != '\n')
            return 0;
        at += s->len + 1;
    }
    return at == len;
}

/* scenario_run is asyncio.run(main()) for a main frame of size bytes. */
static int scenario_run(int argc, char **argv, size_t size, const al_gen_def *def)
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
    if (!vm) {
        fputs("scenario: out of memory\n", stderr);
        return 3;
    }
    al_signal sig = AL_RETURNED;
    al_value out = al_none();
    al_run_status st = al_run(vm, al_gen_new(vm, size, def), &sig, &out);
    int rc = scenario_report(st, sig, out);
    if (trace) {
        fclose(mem);
        if (!scenario_recorded_matches(vm, text, len)) {
            fputs("scenario: the trace's output events differ from the live lines\n", stderr);
            rc = 3;
        }
        fwrite(text, 1, len, stdout);
        free(text);
    }
    al_vm_free(vm);
    return rc;
}

/* SCENARIO(frame, body) defines main's coroutine "main" with frame type
 * frame and body function body, and the program's main(). */
#define SCENARIO(frame, body)                                                  \
    static const al_gen_def main_def = {"main", body, true};                   \
    int main(int argc, char **argv)                                            \
    {                                                                          \
        return scenario_run(argc, argv, sizeof(frame), &main_def);             \
    }

#endif
