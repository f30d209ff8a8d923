/*
 * cli_run.c: `asynclab run`, from command line to rendered trace.
 *
 * The order matters and is the same every time: options, then the lesson,
 * then its parameters (defaults first, each --set over them, the lesson's
 * own cross-parameter check last), and only then a vm.  So every mistake
 * is reported before anything runs, and a run that fails still shows the
 * trace of what it did, since that is exactly what a student needs to see.
 */
#include "step.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    OPT_SET, OPT_OUTPUT_ONLY, OPT_FORMAT, OPT_REALTIME, OPT_SPEED, OPT_NO_COLOR, OPT_COLOR,
    OPT_DETAIL, OPT_EXPLAIN, OPT_PACE, OPT_OUT, OPT_STEP,
};

static const al__opt run_opts[] = {
    [OPT_SET] = {"--set", "NAME=VALUE"},
    [OPT_OUTPUT_ONLY] = {"--output-only", NULL},
    [OPT_FORMAT] = {"--format", "lanes|log|json|chrome|mermaid|svg"},
    [OPT_REALTIME] = {"--realtime", NULL},
    [OPT_SPEED] = {"--speed", "X"},
    [OPT_NO_COLOR] = {"--no-color", NULL},
    [OPT_COLOR] = {"--color", "auto|always|never"},
    [OPT_DETAIL] = {"--detail", "steps|loop|full"},
    [OPT_EXPLAIN] = {"--explain", NULL},
    [OPT_PACE] = {"--pace", "SECONDS"},
    [OPT_OUT] = {"-o", "FILE"},
    [OPT_STEP] = {"--step", NULL},
    {NULL, NULL},
};

/* The longest pause --pace accepts: a minute per row is already a lecture. */
#define PACE_MAX 60.0

/* The speed bounds: slower than a hundredth of real time is a frozen
 * screen, faster than a thousand times is no longer "real time". */
#define SPEED_MIN 0.01
#define SPEED_MAX 1000.0

typedef struct run_args {
    const char *lesson;
    const char **sets; /* the --set values in order: the last one wins */
    size_t nsets;
    bool output_only, realtime, explain, step;
    bool detail_given;  /* --detail was on the command line */
    const char *format; /* NULL: lanes on a terminal, else log */
    const char *color;  /* "auto", "always" or "never" */
    const char *out;    /* -o FILE, or NULL for stdout */
    al__detail detail;
    double speed, pace;
} run_args;

/* one_of returns the index of arg in the NULL-ended words, or -1. */
static int one_of(const char *arg, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(arg, words[i]) == 0)
            return i;
    return -1;
}

static al_status on_choice(run_args *a, int opt, const char *arg)
{
    static const char *const colors[] = {"auto", "always", "never", NULL};
    static const char *const details[] = {"steps", "loop", "full", NULL};
    if (opt == OPT_FORMAT) {
        if (!al__renderer_find(arg)) {
            al_buf names;
            al_buf_init(&names);
            al__renderer_names(&names);
            al__cli_fail(AL_EUSAGE, "option '--format' must be one of %s, got '%s'",
                         names.data, arg);
            al_buf_free(&names);
            return AL_EUSAGE;
        }
        a->format = arg;
    } else if (opt == OPT_COLOR) {
        if (one_of(arg, colors) < 0)
            return al__cli_fail(AL_EUSAGE,
                                "option '--color' must be auto, always or never, got '%s'", arg);
        a->color = arg;
    } else {
        int d = one_of(arg, details);
        if (d < 0)
            return al__cli_fail(AL_EUSAGE,
                                "option '--detail' must be steps, loop or full, got '%s'", arg);
        a->detail = (al__detail)d;
        a->detail_given = true;
    }
    return AL_OK;
}

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
    case OPT_NO_COLOR: a->color = "never"; return AL_OK;
    case OPT_EXPLAIN: a->explain = true; return AL_OK;
    case OPT_STEP: a->step = true; return AL_OK;
    case OPT_OUT: a->out = arg; return AL_OK;
    case OPT_FORMAT:
    case OPT_COLOR:
    case OPT_DETAIL: return on_choice(a, opt, arg);
    case OPT_PACE:
        if (!al__param_number(arg, false, &x) || x < 0 || x > PACE_MAX)
            return al__cli_fail(AL_EUSAGE,
                                "option '--pace' must be a number of seconds from 0 to 60, "
                                "got '%s'", arg);
        a->pace = x;
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
    "usage: asynclab run LESSON [--set NAME=VALUE]... [--output-only] [--format NAME]\n"
    "                    [--detail steps|loop|full] [--explain] [-o FILE]\n"
    "                    [--realtime] [--speed X] [--pace SECONDS]\n"
    "                    [--color auto|always|never] [--no-color] [--step]\n"
    "\n"
    "Run a lesson on the virtual machine and show what happened.\n"
    "  --set NAME=VALUE   set a parameter; repeatable, the last one wins\n"
    "  --output-only      print only what the program prints, as its Python twin\n"
    "                     does\n"
    "  --format NAME      how to show the run (lanes on a terminal, else log):\n"
    "%s"
    "  --detail LEVEL     lanes: steps (the default), loop (adds the loop's turns)\n"
    "                     or full (every event: the log)\n"
    "  --explain          lanes: a line of why under each row\n"
    "  -o FILE            write to FILE; without --format, its name chooses: .svg,\n"
    "                     .md or .mmd (mermaid), .jsonl (json), .json (chrome),\n"
    "                     else log\n"
    "  --realtime         run on a real clock and show the view as the run happens:\n"
    "                     lanes, log, json and chrome write each step or event once\n"
    "                     it is over (chrome's closing ]} comes at the end); mermaid\n"
    "                     and svg can only be written whole, so they come at the end\n"
    "  --speed X          with a real clock, run X times as fast (implies --realtime)\n"
    "  --pace SECONDS     reveal the view one line at a time, SECONDS apart (any\n"
    "                     format)\n"
    "                     Ctrl-C stops a live or paced run and resets the colours\n"
    "  --color WHEN       auto (on a terminal, unless NO_COLOR is set), always, never\n"
    "  --no-color         the same as --color never\n"
    "  --step             walk the run at a prompt instead (as `asynclab step`)\n"
    "\n"
    "Exit status: 0 if the lesson ran, 1 if it failed (a deadlock, an uncaught\n"
    "error; the trace is still shown), 2 for a mistake on the command line, 130\n"
    "when Ctrl-C stopped a live or paced run (it ends by SIGINT, as the shell\n"
    "expects).\n";

#define HELP_COLS 80 /* help is read in a terminal of the usual width */

/* help_params describes lesson l's parameters for `run LESSON --help`. */
static void help_params(al_buf *b, const al_lesson *l)
{
    if (l->nparams == 0) {
        al_buf_printf(b, "\nLesson %d (%s) takes no parameters.\n", l->number, l->slug);
        return;
    }
    al_buf_printf(b, "\nParameters of lesson %d (%s):\n", l->number, l->slug);
    al_buf line;
    al_buf_init(&line);
    for (size_t i = 0; i < l->nparams; i++) {
        const al_param_def *p = &l->params[i];
        line.len = 0;
        al_buf_printf(&line, "%s; ", p->help ? p->help : "");
        al__param_describe(&line, p);
        al_buf_printf(b, "  --set %s=%s\n", p->name, p->def);
        al__wrap(b, line.data, "      ", "      ", HELP_COLS);
    }
    al_buf_free(&line);
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
    al_buf list;
    al_buf_init(&list);
    char first[64];
    for (const al__renderer *r = al__renderers; r->name; r++) {
        snprintf(first, sizeof first, "%23s%-8s ", "", r->name);
        al__wrap(&list, r->help, first, "                                ", HELP_COLS);
    }
    al_buf_printf(&b, run_help, list.data);
    al_buf_free(&list);
    if (l)
        help_params(&b, l);
    else
        al_buf_puts(&b, "\n`asynclab run LESSON --help` lists that lesson's parameters.\n");
    al__sink_buf(out, &b);
    al_buf_free(&b);
    return out->err ? AL_EIO : AL_OK;
}

/* al__cli_prepare: see cli.h.  The order is the same for every command
 * that runs a lesson: the lesson, its defaults, each --set over them, the
 * lesson's own cross-parameter check last.  Nothing has run when it
 * fails. */
al_status al__cli_prepare(const char *cmd, const char *lesson, const char *const *sets,
                          size_t nsets, const al_lesson **l, al_params *p)
{
    al_buf err;
    al_buf_init(&err);
    al_status st = AL_OK;
    if (!lesson) {
        al__lesson_valid(&err);
        st = al__cli_fail(AL_EUSAGE, "'%s' needs a LESSON (%s)", cmd, err.data);
    } else if (!(*l = al__lesson_find(lesson, &err))) {
        st = al__cli_fail(AL_EUSAGE, "%s", err.data);
    } else if ((st = al__params_init(p, *l, &err)) != AL_OK) {
        al__cli_fail(st, "%s", err.data);
    } else {
        for (size_t i = 0; i < nsets && st == AL_OK; i++)
            if ((st = al__params_set(p, *l, sets[i], &err)) != AL_OK)
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

/* The Ctrl-C flag of a paced or real-time run: the renderer stops at its
 * next row and the terminal is left as it was (colours off). */
static volatile sig_atomic_t interrupted;

/* al__cli_stopped: see cli.h. */
bool al__cli_stopped(void)
{
    return interrupted != 0;
}

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* format_of picks the renderer: --format, else the name of -o FILE, else
 * lanes on a terminal and the log elsewhere; --detail full means the log.
 * --explain or --detail steps|loop asks for the lanes, so they choose the
 * lanes on a pipe too ('run 5 --explain | less'). */
static const char *format_of(const run_args *a)
{
    static const struct { const char *ext, *format; } by_ext[] = {
        {".svg", "svg"}, {".md", "mermaid"}, {".mmd", "mermaid"},
        {".jsonl", "json"}, {".json", "chrome"},
    };
    const char *f = a->format;
    if (!f && a->out) {
        size_t n = strlen(a->out);
        for (size_t i = 0; i < sizeof by_ext / sizeof by_ext[0] && !f; i++) {
            size_t m = strlen(by_ext[i].ext);
            if (n > m && strcmp(a->out + n - m, by_ext[i].ext) == 0)
                f = by_ext[i].format;
        }
        f = f ? f : "log";
    }
    bool lanes_asked = a->explain || (a->detail_given && a->detail != AL_DETAIL_FULL);
    if (!f)
        f = isatty(STDOUT_FILENO) || lanes_asked ? "lanes" : "log";
    if (strcmp(f, "lanes") == 0 && a->detail == AL_DETAIL_FULL)
        f = "log";
    return f;
}

static bool want_color(const run_args *a)
{
    if (a->color && strcmp(a->color, "always") == 0)
        return true;
    if ((a->color && strcmp(a->color, "never") == 0) || a->out)
        return false;
    return al__cli_color(false);
}

/* view_opts is what the renderer is told, from the command line. */
static al__view_opts view_opts(const run_args *a)
{
    /* ASYNCLAB_MERMAID_WINDOW (characters) makes Mermaid's windows small,
     * so that a test sees a short run split; unset or not a number from
     * 1000 on, the default holds. */
    const char *w = getenv("ASYNCLAB_MERMAID_WINDOW");
    long window = w ? strtol(w, NULL, 10) : 0;
    return (al__view_opts){.color = want_color(a), .width = al__term_width(!a->out),
                           .detail = a->detail, .explain = a->explain, .stop = &interrupted,
                           .mermaid_window = window >= 1000 ? (size_t)window : 0};
}

/* catch_sigint makes Ctrl-C set the flag instead of killing the process,
 * while a run plays on a real clock or at a pace: the vm stops waiting,
 * the view stops at its next line, and main() resets the colours.  No
 * SA_RESTART, so a sleep in progress ends at once. */
static void catch_sigint(bool on, struct sigaction *old)
{
    if (on) {
        struct sigaction sa = {0};
        sa.sa_handler = on_sigint;
        sigaction(SIGINT, &sa, old);
    } else {
        sigaction(SIGINT, old, NULL);
    }
}

/* render writes the run as asked, whole, after it is over. */
static al_status render(al__sink *out, const run_args *a, const al__run *run)
{
    if (a->output_only)
        return al__render_output(out, run->trace);
    al__view_opts o = view_opts(a);
    return al__renderer_find(format_of(a))->render(out, run, &o);
}

/* open_out opens -o FILE, or gives stdout's sink. */
static al_status open_out(const run_args *a, al__sink *std, al__sink *file, al__sink **out)
{
    *out = std;
    if (!a->out)
        return AL_OK;
    *file = (al__sink){.f = fopen(a->out, "w")};
    if (!file->f)
        return al__cli_fail(AL_EUSAGE, "cannot write to '%s' (option -o): %s", a->out,
                            strerror(errno));
    *out = file;
    return AL_OK;
}

/* told_on_tty says whether the view just written to a terminal already
 * said who is stuck in a deadlock, in words: the lanes and the log do;
 * the exports, --output-only, a file or a pipe do not, or not for a
 * student's eyes, so stderr must. */
static bool told_on_tty(const run_args *a, const al__sink *out, const al__sink *std)
{
    const char *f = format_of(a);
    return out == std && !std->err && !interrupted && !a->output_only &&
           isatty(fileno(std->f)) && (strcmp(f, "lanes") == 0 || strcmp(f, "log") == 0);
}

/* execute runs lesson l with parameters p and renders what it recorded.
 * With --output-only and a real clock, the runtime prints each line the
 * moment it happens, which is the point of watching in real time.  A
 * failed run exits 1 even when the reader of its output went away early
 * (`... --format json | head -1`): the failure is the news, not the pipe. */
static al_status execute(al__sink *std, const run_args *a, const al_lesson *l,
                         const al_params *p)
{
    al__sink file, *out;
    al_status st = open_out(a, std, &file, &out);
    if (st != AL_OK)
        return st;
    bool live = a->output_only && a->realtime;
    if (live)
        setvbuf(stdout, NULL, _IOLBF, 0);
    out->pace = a->output_only ? 0 : a->pace;
    out->stop = &interrupted;
    al_vm_opts opts = {.trace = true, .realtime = a->realtime, .speed = a->speed,
                       .live = live ? stdout : NULL, .stop = &interrupted};
    al_vm *vm = al_vm_new(&opts);
    al_trace *run = vm ? al_trace_new(vm) : NULL;
    al__view_opts vo = view_opts(a);
    al__live *player = run && a->realtime && !a->output_only
                           ? al__live_start(run, al__renderer_find(format_of(a)), out, &vo)
                           : NULL;
    if (!run || (a->realtime && !a->output_only && !player)) {
        al_trace_free(run);
        al_vm_free(vm);
        return al__cli_fail(AL_EFAIL, "out of memory");
    }
    al_trace_set_lesson(run, &(al_trace_lesson){l->number, l->title, l->slug,
                                            l->concept ? l->concept : ""});
    struct sigaction old;
    bool catching = a->realtime || out->pace > 0;
    catch_sigint(catching, &old);
    st = l->run(vm, p);
    al__run view;
    al_status rst = !al__run_open(&view, run) ? al__cli_fail(AL_EFAIL, "out of memory")
                  : player ? al__live_finish(player)
                  : live ? AL_OK : render(out, a, &view);
    catch_sigint(false, &old);
    if (interrupted) {
        /* Rows are written whole, each closing its colours; this reset is
         * for a terminal left mid-line all the same. */
        if (vo.color && !out->err)
            fputs("\033[0m\n", out->f);
        al__cli_fail(AL_EFAIL, "stopped by Ctrl-C");
    }
    al__sink_flush(out);
    if (!out->err && al_vm_live_error(vm))
        out->err = al_vm_live_error(vm);
    if (out == &file && fclose(file.f) != 0 && !file.err)
        file.err = errno;
    if (out == &file && file.err)
        rst = al__cli_fail(AL_EFAIL, "cannot write to '%s': %s", a->out, strerror(file.err));
    if (st == AL_EFAIL) {
        al__cli_report_failure(&view, l, told_on_tty(a, out, std));
    } else if (st != AL_OK) {
        st = al__cli_fail(AL_EFAIL, "lesson %d (%s) stopped with an internal error", l->number,
                          l->slug);
    } else if (interrupted) {
        st = AL_EFAIL;
    } else if (rst != AL_OK || std->err) {
        st = rst == AL_EFAIL ? AL_EFAIL : AL_EIO;
    }
    if (out == &file)
        std->err = 0;
    al__run_close(&view);
    al_trace_free(run);
    al_vm_free(vm);
    al__live_free(player);
    return st;
}

/* step_alone checks that run's arguments with --step are the lesson and
 * --set only: any other option shapes a view, and the prompt is the view,
 * so it is named as the mistake it is (rather than as one of `step`). */
static al_status step_alone(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || !strcmp(arg, "--step") || !strncmp(arg, "--set=", 6))
            continue;
        if (!strcmp(arg, "--set")) {
            i++;
            continue;
        }
        return al__cli_fail(AL_EUSAGE, "option '%s' does not go with --step: the prompt is the "
                            "view (valid with --step: the lesson and --set)", arg);
    }
    return AL_OK;
}

/* output_only_alone checks that --output-only is not asked for beside a
 * view: it prints the program's lines as its twin does, so --format, or
 * an -o FILE whose name chooses a view (x.svg), would get plain text
 * where the student expects a chart.  -o FILE with another name keeps
 * the program's output in that file. */
static al_status output_only_alone(const run_args *a)
{
    if (!a->output_only)
        return AL_OK;
    if (a->format)
        return al__cli_fail(AL_EUSAGE, "--output-only does not go with --format %s: it prints "
                            "only what the program prints (drop one of them)", a->format);
    const char *f = format_of(a);
    if (a->out && strcmp(f, "log") != 0)
        return al__cli_fail(AL_EUSAGE, "--output-only does not go with -o %s, whose name asks "
                            "for the %s view (use another name, such as out.txt, or drop "
                            "--output-only)", a->out, f);
    return AL_OK;
}

/* lanes_options_fit checks that --explain and --detail, which shape the
 * lanes' rows, are not asked for beside another view, where they would be
 * ignored without a word ('--format json --explain').  --detail full is
 * the log, so it goes with --format log. */
static al_status lanes_options_fit(const run_args *a)
{
    const char *opt = a->explain ? "--explain" : a->detail_given ? "--detail" : NULL;
    const char *f = format_of(a);
    if (opt && a->output_only)
        return al__cli_fail(AL_EUSAGE, "%s shapes the lanes view; it does not go with "
                            "--output-only (drop one of them)", opt);
    if (!opt || strcmp(f, "lanes") == 0 || (strcmp(f, "log") == 0 && a->detail == AL_DETAIL_FULL))
        return AL_OK;
    return al__cli_fail(AL_EUSAGE, "%s shapes the lanes view; it does not go with the %s view "
                        "(use --format lanes, or drop %s)", opt, f, opt);
}

/* al__cli_run: see cli.h. */
al_status al__cli_run(al__sink *out, int argc, char **argv)
{
    run_args a = {.speed = 1.0, .detail = AL_DETAIL_STEPS};
    a.sets = malloc(((size_t)argc + 1) * sizeof *a.sets);
    if (!a.sets)
        return al__cli_fail(AL_EFAIL, "out of memory");
    bool help = false;
    al_status st = al__cli_args("run", argc, argv, run_opts, on_run_arg, &a, &help);
    if (st == AL_OK && a.step && !help)
        st = step_alone(argc, argv);
    if (st == AL_OK && a.step && !help) {
        /* run LESSON --step is step LESSON: the same lesson and --set,
         * and nothing else, since the prompt is the view. */
        char **rest = malloc(((size_t)argc + 1) * sizeof *rest);
        int n = 0;
        for (int i = 0; rest && i < argc; i++)
            if (strcmp(argv[i], "--step") != 0)
                rest[n++] = argv[i];
        st = rest ? al__cli_step(out, n, rest) : al__cli_fail(AL_EFAIL, "out of memory");
        free(rest);
        free(a.sets);
        return st;
    }
    if (st == AL_OK && help) {
        st = print_help(out, a.lesson);
    } else if (st == AL_OK) {
        const al_lesson *l = NULL;
        al_params p;
        st = output_only_alone(&a);
        if (st == AL_OK)
            st = lanes_options_fit(&a);
        if (st == AL_OK)
            st = al__cli_prepare("run", a.lesson, a.sets, a.nsets, &l, &p);
        if (st == AL_OK)
            st = execute(out, &a, l, &p);
    }
    free(a.sets);
    return st;
}
