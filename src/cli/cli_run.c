/*
 * cli_run.c: `asynclab run`, from command line to rendered trace.
 *
 * The order matters and is the same every time: options, then the lesson,
 * then its parameters (defaults first, each --set over them, the lesson's
 * own cross-parameter check last), and only then a vm.  So every mistake
 * is reported before anything runs, and a run that fails still shows the
 * trace of what it did, since that is exactly what a student needs to see.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

enum { OPT_SET, OPT_OUTPUT_ONLY, OPT_FORMAT, OPT_REALTIME, OPT_SPEED, OPT_NO_COLOR };

static const al__opt run_opts[] = {
    [OPT_SET] = {"--set", "NAME=VALUE"},
    [OPT_OUTPUT_ONLY] = {"--output-only", NULL},
    [OPT_FORMAT] = {"--format", "log|json"},
    [OPT_REALTIME] = {"--realtime", NULL},
    [OPT_SPEED] = {"--speed", "X"},
    [OPT_NO_COLOR] = {"--no-color", NULL},
    {NULL, NULL},
};

/* The speed bounds: slower than a hundredth of real time is a frozen
 * screen, faster than a thousand times is no longer "real time". */
#define SPEED_MIN 0.01
#define SPEED_MAX 1000.0

typedef struct run_args {
    const char *lesson;
    const char **sets; /* the --set values in order: the last one wins */
    size_t nsets;
    bool output_only, json, realtime, no_color;
    double speed;
} run_args;

static al_status on_run_arg(void *ctx, int opt, const char *arg)
{
    run_args *a = ctx;
    double x;
    switch (opt) {
    case -1:
        if (a->lesson)
            return al__cli_fail(AL_EUSAGE, "'run' takes one LESSON, got a second one '%s'", arg);
        a->lesson = arg;
        return AL_OK;
    case OPT_SET: a->sets[a->nsets++] = arg; return AL_OK;
    case OPT_OUTPUT_ONLY: a->output_only = true; return AL_OK;
    case OPT_REALTIME: a->realtime = true; return AL_OK;
    case OPT_NO_COLOR: a->no_color = true; return AL_OK;
    case OPT_FORMAT:
        if (strcmp(arg, "log") != 0 && strcmp(arg, "json") != 0)
            return al__cli_fail(AL_EUSAGE, "option '--format' must be log or json, got '%s'",
                                arg);
        a->json = arg[0] == 'j';
        return AL_OK;
    case OPT_SPEED:
        if (!al__param_number(arg, false, &x) || x < SPEED_MIN || x > SPEED_MAX)
            return al__cli_fail(AL_EUSAGE,
                                "option '--speed' must be a number from 0.01 to 1000 "
                                "(2 runs twice as fast as real time), got '%s'", arg);
        /* A speed only means something against a real clock. */
        a->speed = x;
        a->realtime = true;
        return AL_OK;
    }
    return AL_OK;
}

static const char run_help[] =
    "usage: asynclab run LESSON [--set NAME=VALUE]... [--output-only]\n"
    "                    [--format log|json] [--realtime] [--speed X] [--no-color]\n"
    "\n"
    "Run a lesson on the virtual machine and show, event by event, what happened.\n"
    "  --set NAME=VALUE   set a parameter; repeatable, the last one wins\n"
    "  --output-only      print only what the program prints, as its Python twin does\n"
    "  --format log|json  a timeline to read (log, the default) or JSON Lines\n"
    "  --realtime         sleep for real instead of jumping the virtual clock\n"
    "  --speed X          with a real clock, run X times as fast (implies --realtime)\n"
    "  --no-color         no colours (the NO_COLOR environment variable does the same)\n"
    "\n"
    "Exit status: 0 if the lesson ran, 1 if it failed (a deadlock, an uncaught\n"
    "error; the trace is still shown), 2 for a mistake on the command line.\n";

/* help_params describes lesson l's parameters for `run LESSON --help`. */
static void help_params(al_buf *b, const al_lesson *l)
{
    if (l->nparams == 0) {
        al_buf_printf(b, "\nLesson %d (%s) takes no parameters.\n", l->number, l->slug);
        return;
    }
    al_buf_printf(b, "\nParameters of lesson %d (%s):\n", l->number, l->slug);
    for (size_t i = 0; i < l->nparams; i++) {
        const al_param_def *p = &l->params[i];
        al_buf_printf(b, "  --set %s=%s\n      %s; ", p->name, p->def, p->help ? p->help : "");
        al__param_describe(b, p);
        al_buf_putc(b, '\n');
    }
}

/* print_help prints run's help, with lesson's parameters if one is named.
 * A lesson that does not exist is reported, not dropped: the student
 * asked for its parameters and would otherwise silently get none. */
static al_status print_help(al__sink *out, const char *lesson)
{
    const al_lesson *l = NULL;
    if (lesson) {
        al_buf err;
        al_buf_init(&err);
        l = al__lesson_find(lesson, &err);
        if (!l)
            al__cli_fail(AL_EUSAGE, "%s", err.data);
        al_buf_free(&err);
        if (!l)
            return AL_EUSAGE;
    }
    al_buf b;
    al_buf_init(&b);
    al_buf_puts(&b, run_help);
    if (l)
        help_params(&b, l);
    else
        al_buf_puts(&b, "\n`asynclab run LESSON --help` lists that lesson's parameters.\n");
    al__sink_buf(out, &b);
    al_buf_free(&b);
    return out->err ? AL_EIO : AL_OK;
}

/* prepare finds the lesson and its parameters, reporting the first
 * mistake.  Nothing has run yet when it fails. */
static al_status prepare(const run_args *a, const al_lesson **l, al_params *p)
{
    al_buf err;
    al_buf_init(&err);
    al_status st = AL_OK;
    if (!a->lesson) {
        al__lesson_valid(&err);
        st = al__cli_fail(AL_EUSAGE, "'run' needs a LESSON (%s)", err.data);
    } else if (!(*l = al__lesson_find(a->lesson, &err))) {
        st = al__cli_fail(AL_EUSAGE, "%s", err.data);
    } else if ((st = al__params_init(p, *l, &err)) != AL_OK) {
        al__cli_fail(st, "%s", err.data);
    } else {
        for (size_t i = 0; i < a->nsets && st == AL_OK; i++)
            if ((st = al__params_set(p, *l, a->sets[i], &err)) != AL_OK)
                al__cli_fail(st, "%s", err.data);
    }
    al_buf_free(&err);
    if (st == AL_OK && (*l)->check) {
        char msg[256] = "";
        if (!(*l)->check(p, msg, sizeof msg))
            st = al__cli_fail(AL_EUSAGE, "%s", msg[0] ? msg : "these settings are refused");
    }
    return st;
}

/* deadlock_text lists every waiting task the runtime recorded, oldest
 * first, and returns the seq of the first such event (0 if none). */
static uint32_t deadlock_text(const al_trace *run, al_buf *what)
{
    uint32_t first = 0;
    al_event e;
    for (uint32_t seq = 1; al_trace_event(run, seq, &e); seq++) {
        if (e.kind != AL_EV_DEADLOCK || e.a.type != AL_STR)
            continue;
        al_buf_puts(what, first ? "; " : "a deadlock: nothing is ready and no timer is pending, but ");
        al_str_of(what, e.a);
        if (!first)
            first = seq;
    }
    return first;
}

/* report_failure says on stderr, in one line, why a run failed: every
 * task caught in a deadlock and what it waits for, or else the last
 * error raised, with the event number to look up in the timeline. */
static void report_failure(const al_trace *run, const al_lesson *l)
{
    al_buf what;
    al_buf_init(&what);
    uint32_t seq = deadlock_text(run, &what);
    al_event e;
    for (uint32_t i = al_trace_len(run); i > 0 && !seq; i--)
        if (al_trace_event(run, i, &e) && (e.kind == AL_EV_RAISE || e.kind == AL_EV_ERROR) &&
            e.a.type == AL_EXC) {
            al_repr_of(&what, e.a);
            seq = i;
        }
    if (seq)
        al__cli_fail(AL_EFAIL, "lesson %d (%s) failed with %s (event #%lu)", l->number, l->slug,
                     what.data, (unsigned long)seq);
    else
        al__cli_fail(AL_EFAIL, "lesson %d (%s) failed", l->number, l->slug);
    al_buf_free(&what);
}

/* render writes the trace as asked; live output is already on stdout. */
static al_status render(al__sink *out, const run_args *a, const al_trace *run, bool live)
{
    if (a->output_only)
        return live ? AL_OK : al__render_output(out, run);
    if (a->json)
        return al__render_json(out, run);
    return al__render_log(out, run, al__cli_color(a->no_color));
}

/* execute runs lesson l with parameters p and renders what it recorded.
 * With --output-only and a real clock, the runtime prints each line the
 * moment it happens, which is the point of watching in real time. */
static al_status execute(al__sink *out, const run_args *a, const al_lesson *l,
                         const al_params *p)
{
    bool live = a->output_only && a->realtime;
    if (live)
        setvbuf(stdout, NULL, _IOLBF, 0);
    al_vm_opts opts = {.trace = true, .realtime = a->realtime, .speed = a->speed,
                       .live = live ? stdout : NULL};
    al_vm *vm = al_vm_new(&opts);
    al_trace *run = vm ? al_trace_new(vm) : NULL;
    if (!run) {
        al_vm_free(vm);
        return al__cli_fail(AL_EFAIL, "out of memory");
    }
    al_trace_set_lesson(run, &(al_trace_lesson){l->number, l->title, l->slug,
                                            l->concept ? l->concept : ""});
    al_status st = l->run(vm, p);
    al_status rst = render(out, a, run, live);
    al__sink_flush(out);
    if (!out->err && al_vm_live_error(vm))
        out->err = al_vm_live_error(vm);
    if (rst != AL_OK || out->err) {
        st = AL_EIO;
    } else if (st == AL_EFAIL) {
        report_failure(run, l);
    } else if (st != AL_OK) {
        st = al__cli_fail(AL_EFAIL, "lesson %d (%s) stopped with an internal error", l->number,
                          l->slug);
    }
    al_trace_free(run);
    al_vm_free(vm);
    return st;
}

/* al__cli_run: see cli.h. */
al_status al__cli_run(al__sink *out, int argc, char **argv)
{
    run_args a = {.speed = 1.0};
    a.sets = malloc(((size_t)argc + 1) * sizeof *a.sets);
    if (!a.sets)
        return al__cli_fail(AL_EFAIL, "out of memory");
    bool help = false;
    al_status st = al__cli_args("run", argc, argv, run_opts, on_run_arg, &a, &help);
    if (st == AL_OK && help) {
        st = print_help(out, a.lesson);
    } else if (st == AL_OK) {
        const al_lesson *l = NULL;
        al_params p;
        st = prepare(&a, &l, &p);
        if (st == AL_OK)
            st = execute(out, &a, l, &p);
    }
    free(a.sets);
    return st;
}
