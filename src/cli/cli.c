/*
 * cli.c: the commands a student types, and the rules they share.
 *
 * Every mistake on the command line ends the same way: one line on stderr
 * saying what was wrong and what would be valid, and exit status 2.  A
 * student should never have to read a usage screen to find a typo.  The
 * run command, which is most of the work, lives in cli_run.c.
 */
#include "step.h"

#include <errno.h>
#include <math.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- stdout ---- */

/* live_failure explains a write error that happened inside the runtime,
 * which writes live output itself and keeps no errno.  A pipe whose reader
 * has gone polls as POLLERR on Linux, which is all a quiet stop needs. */
static int live_failure(FILE *f)
{
    struct pollfd p = {.fd = fileno(f), .events = POLLOUT};
    if (poll(&p, 1, 0) == 1 && (p.revents & POLLERR))
        return EPIPE;
    return EIO;
}

/* ---- errors ---- */

/* printable_len returns the length of the printable UTF-8 character at
 * the NUL-terminated s, or 0 for a control character (C0, DEL or C1) or a
 * byte that starts no valid sequence, which a terminal would swallow or
 * obey rather than show. */
static size_t printable_len(const unsigned char *s)
{
    size_t len = al_utf8_seq((const char *)s, strnlen((const char *)s, 4));
    if (len == 1)
        return s[0] >= 0x20 && s[0] < 0x7F;
    /* the C1 controls, U+0080..U+009F, are C2 80..C2 9F */
    return len == 2 && s[0] == 0xC2 && s[1] < 0xA0 ? 0 : len;
}

/* al__cli_fail: see cli.h.  Escaping keeps the promise of one
 * line even when a student pastes a newline into an argument, and shows
 * every byte a terminal would hide (a stray \xff, a C1 control). */
al_status al__cli_fail(al_status st, const char *fmt, ...)
{
    al_buf msg, line;
    al_buf_init(&msg);
    al_buf_init(&line);
    va_list ap;
    va_start(ap, fmt);
    al_buf_vprintf(&msg, fmt, ap);
    va_end(ap);
    al_buf_puts(&line, "asynclab: ");
    for (size_t i = 0; i < msg.len;) {
        size_t n = printable_len((const unsigned char *)msg.data + i);
        if (n == 0)
            al_buf_printf(&line, "\\x%02x", (unsigned char)msg.data[i++]);
        for (; n > 0; n--)
            al_buf_putc(&line, msg.data[i++]);
    }
    al_buf_putc(&line, '\n');
    fflush(stdout);
    fputs(line.data, stderr);
    al_buf_free(&msg);
    al_buf_free(&line);
    return st;
}

/* ---- options ---- */

static void list_opts(al_buf *b, const al__opt *opts)
{
    for (const al__opt *o = opts; o->name; o++)
        al_buf_printf(b, "%s, ", o->name);
    al_buf_puts(b, "--help");
}

static al_status unknown_opt(const char *cmd, const char *arg, size_t n, const al__opt *opts)
{
    char name[64];
    snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), arg);
    al__near nr;
    al__near_init(&nr, name);
    for (const al__opt *o = opts; o->name; o++)
        al__near_offer(&nr, o->name);
    const char *near = nr.best;
    al_buf valid;
    al_buf_init(&valid);
    list_opts(&valid, opts);
    al__cli_fail(AL_EUSAGE, "unknown option '%s' for '%s'%s%s%s (valid: %s)", name, cmd,
                 near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "", valid.data);
    al_buf_free(&valid);
    return AL_EUSAGE;
}

/* find_opt matches "--name" or "--name=..." (n is the length before '='). */
static int find_opt(const al__opt *opts, const char *arg, size_t n)
{
    for (int k = 0; opts[k].name; k++)
        if (strlen(opts[k].name) == n && strncmp(opts[k].name, arg, n) == 0)
            return k;
    return -1;
}

/* one_opt handles the option at argv[*i], advancing *i past its value. */
static al_status one_opt(const char *cmd, int argc, char **argv, int *i, const al__opt *opts,
                         al__arg_fn on, void *ctx)
{
    const char *arg = argv[*i];
    const char *eq = strchr(arg, '=');
    size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
    int k = find_opt(opts, arg, n);
    if (k < 0)
        return unknown_opt(cmd, arg, n, opts);
    const al__opt *o = &opts[k];
    if (!o->value && eq)
        return al__cli_fail(AL_EUSAGE, "option '%s' takes no value, got '%s'", o->name, arg);
    if (!o->value)
        return on(ctx, k, NULL);
    if (eq)
        return on(ctx, k, eq + 1);
    if (*i + 1 >= argc)
        return al__cli_fail(AL_EUSAGE, "option '%s' needs a value: %s %s", o->name, o->name,
                            o->value);
    return on(ctx, k, argv[++*i]);
}

/* al__cli_args: see cli.h. */
al_status al__cli_args(const char *cmd, int argc, char **argv, const al__opt *opts,
                       al__arg_fn on, void *ctx, bool *help)
{
    bool only_args = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        al_status st = AL_OK;
        if (only_args || arg[0] != '-' || strcmp(arg, "-") == 0)
            st = on(ctx, -1, arg);
        else if (strcmp(arg, "--") == 0)
            only_args = true;
        else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)
            *help = true;
        else
            st = one_opt(cmd, argc, argv, &i, opts, on, ctx);
        if (st != AL_OK)
            return st;
    }
    return AL_OK;
}

/* al__cli_color: see cli.h. */
bool al__cli_color(bool no_color)
{
    const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
    if (no_color || (nc && *nc) || (term && strcmp(term, "dumb") == 0))
        return false;
    return isatty(STDOUT_FILENO);
}

/* ---- list ---- */

#define LIST_COLS 100 /* off a terminal: a projector's width, as in the log */

/* reading_width is how wide the lists and the rendered narrative may be:
 * the terminal's width (ioctl, then COLUMNS) capped at LIST_COLS so that
 * lines stay readable, or LIST_COLS into a pipe or a file. */
static size_t reading_width(void)
{
    if (!isatty(STDOUT_FILENO))
        return LIST_COLS;
    int w = al__term_width(true);
    return w < LIST_COLS ? (size_t)w : LIST_COLS;
}

/* put_wrapped appends line wrapped to width, further lines indented by
 * indent columns. */
static void put_wrapped(al_buf *b, const char *line, size_t indent, size_t width)
{
    char pad[LIST_COLS];
    snprintf(pad, sizeof pad, "%*s", (int)(indent < LIST_COLS ? indent : 0), "");
    al__wrap(b, line, "", pad, width);
}

/* slug_width is the length of the longest slug, the width of list's
 * slug column, so that every title starts in the same column. */
static int slug_width(void)
{
    size_t w = 0;
    for (size_t i = 0; i < al_lesson_count; i++)
        if (strlen(al_lessons[i]->slug) > w)
            w = strlen(al_lessons[i]->slug);
    return (int)w;
}

/* list_text lists the lessons, one line each, and with params a line of
 * their parameters and defaults under each, all within the reading width:
 * "  NN  slug  Title: summary", wrapped under the title. */
static void list_text(al_buf *b, bool params)
{
    if (al_lesson_count == 0) {
        al_buf_puts(b, "  (no lessons are built in)\n");
        return;
    }
    size_t width = reading_width();
    int sw = slug_width();
    size_t title_col = 6 + (size_t)sw + 2, params_col = title_col + strlen("params: ");
    al_buf line;
    al_buf_init(&line);
    for (size_t i = 0; i < al_lesson_count; i++) {
        const al_lesson *l = al_lessons[i];
        line.len = 0;
        al_buf_printf(&line, "  %2d  %-*s  %s: %s", l->number, sw, l->slug, l->title, l->summary);
        int got, of;
        if (params && al__score_best(l->number, &got, &of))
            al_buf_printf(&line, " [quiz best %d/%d]", got, of);
        put_wrapped(b, line.data, title_col, width);
        if (!params || l->nparams == 0)
            continue;
        line.len = 0;
        al_buf_printf(&line, "%*sparams:", (int)title_col, "");
        for (size_t k = 0; k < l->nparams; k++)
            al_buf_printf(&line, "%s %s=%s", k ? "," : "", l->params[k].name, l->params[k].def);
        put_wrapped(b, line.data, params_col, width);
    }
    al_buf_free(&line);
}

/* json_bound writes a parameter's bound as a JSON number; JSON has no
 * infinity, so an unbounded side is null. */
static void json_bound(al_buf *b, const al_param_def *def, double x)
{
    if (isfinite(x))
        al__param_bound(b, def, x);
    else
        al_buf_puts(b, "null");
}

static void json_param(al_buf *b, const al_param_def *p)
{
    const char *def = p->def ? p->def : "", *help = p->help ? p->help : "";
    al_buf_puts(b, "{\"name\": ");
    al__json_str(b, p->name, strlen(p->name));
    const char *type = (unsigned)p->type < AL_PARAM__COUNT ? al_param_type_names[p->type] : "?";
    al_buf_printf(b, ", \"type\": \"%s\", \"default\": ", type);
    al__json_str(b, def, strlen(def));
    al_buf_puts(b, ", \"min\": ");
    json_bound(b, p, p->min);
    al_buf_puts(b, ", \"max\": ");
    json_bound(b, p, p->max);
    al_buf_printf(b, ", \"max_len\": %zu, \"help\": ", al__param_max_len(p));
    al__json_str(b, help, strlen(help));
    al_buf_putc(b, '}');
}

static void json_field(al_buf *b, const char *key, const char *text)
{
    text = text ? text : "";
    al_buf_printf(b, ", \"%s\": ", key);
    al__json_str(b, text, strlen(text));
}

/* list_json writes the document docs/list-json.md describes. */
static void list_json(al_buf *b)
{
    al_buf_puts(b, "{\"version\": 1, \"lessons\": [");
    for (size_t i = 0; i < al_lesson_count; i++) {
        const al_lesson *l = al_lessons[i];
        al_buf_printf(b, "%s{\"number\": %d, \"id\": \"lesson%d\"", i ? ", " : "", l->number,
                      l->number);
        json_field(b, "slug", l->slug);
        json_field(b, "title", l->title);
        json_field(b, "summary", l->summary);
        al_buf_puts(b, ", \"params\": [");
        for (size_t k = 0; k < l->nparams; k++) {
            if (k)
                al_buf_puts(b, ", ");
            json_param(b, &l->params[k]);
        }
        al_buf_puts(b, "]}");
    }
    al_buf_puts(b, "]}\n");
}

/* The state of a command that takes at most one LESSON and some flags. */
typedef struct simple_args {
    const char *cmd;
    const char *lesson;
    bool takes_lesson;
    bool json;
} simple_args;

static al_status on_simple(void *ctx, int opt, const char *arg)
{
    simple_args *a = ctx;
    if (opt >= 0) {
        a->json = true;
        return AL_OK;
    }
    if (!a->takes_lesson)
        return al__cli_fail(AL_EUSAGE, "'%s' takes no arguments, got '%s'", a->cmd, arg);
    if (a->lesson)
        return al__cli_fail(AL_EUSAGE, "'%s' takes one LESSON, got a second one '%s'", a->cmd,
                            arg);
    a->lesson = arg;
    return AL_OK;
}

static const char list_help[] =
    "usage: asynclab list [--json]\n"
    "\n"
    "Print each lesson's number, slug, title, summary and parameters.\n"
    "  --json   one JSON document instead (its format: docs/list-json.md)\n";

static al_status cmd_list(al__sink *out, int argc, char **argv)
{
    static const al__opt opts[] = {{"--json", NULL}, {NULL, NULL}};
    simple_args a = {.cmd = "list"};
    bool help = false;
    al_status st = al__cli_args("list", argc, argv, opts, on_simple, &a, &help);
    if (st != AL_OK)
        return st;
    al_buf b;
    al_buf_init(&b);
    if (help)
        al_buf_puts(&b, list_help);
    else if (a.json)
        list_json(&b);
    else
        list_text(&b, true);
    al__sink_buf(out, &b);
    al_buf_free(&b);
    return AL_OK;
}

/* ---- show and twin ---- */

/* lesson_arg finds the one LESSON a show or twin command was given. */
static al_status lesson_arg(const char *cmd, int argc, char **argv, const al_lesson **l,
                            bool *help)
{
    static const al__opt none[] = {{NULL, NULL}};
    simple_args a = {.cmd = cmd, .takes_lesson = true};
    al_status st = al__cli_args(cmd, argc, argv, none, on_simple, &a, help);
    if (st != AL_OK || *help)
        return st;
    al_buf err;
    al_buf_init(&err);
    if (!a.lesson) {
        al__lesson_valid(&err);
        st = al__cli_fail(AL_EUSAGE, "'%s' needs a LESSON (%s)", cmd, err.data);
    } else if (!(*l = al__lesson_find(a.lesson, &err))) {
        st = al__cli_fail(AL_EUSAGE, "%s", err.data);
    }
    al_buf_free(&err);
    return st;
}

static al_status missing_text(const al_lesson *l, const char *what)
{
    return al__cli_fail(AL_EFAIL, "lesson %d (%s) has no %s in this build", l->number, l->slug,
                        what);
}

static const char twin_help[] =
    "usage: asynclab twin LESSON\n"
    "\n"
    "Print the lesson's Python twin, byte for byte, so that\n"
    "  asynclab twin 3 > t.py && python3 t.py NAME=VALUE ...\n"
    "runs the same program with CPython's asyncio.\n";

static al_status cmd_twin(al__sink *out, int argc, char **argv)
{
    const al_lesson *l = NULL;
    bool help = false;
    al_status st = lesson_arg("twin", argc, argv, &l, &help);
    if (st != AL_OK)
        return st;
    if (help)
        return al__sink_write(out, twin_help, strlen(twin_help)) ? AL_OK : AL_EIO;
    const char *twin = al_lesson_twin(l);
    if (!twin)
        return missing_text(l, "Python twin");
    return al__sink_write(out, twin, strlen(twin)) ? AL_OK : AL_EIO;
}

static const char show_help[] =
    "usage: asynclab show LESSON\n"
    "\n"
    "Print the lesson's narrative, then its Python twin as a code block.\n"
    "On a terminal the Markdown is rendered to the terminal's width, in\n"
    "colour unless NO_COLOR is set; into a pipe or a file it stays plain\n"
    "Markdown.\n";

static al_status cmd_show(al__sink *out, int argc, char **argv)
{
    const al_lesson *l = NULL;
    bool help = false;
    al_status st = lesson_arg("show", argc, argv, &l, &help);
    if (st != AL_OK)
        return st;
    if (help)
        return al__sink_write(out, show_help, strlen(show_help)) ? AL_OK : AL_EIO;
    const char *md = al_lesson_narrative(l), *py = al_lesson_twin(l);
    if (!md)
        return missing_text(l, "narrative");
    if (!py)
        return missing_text(l, "Python twin");
    al_buf b;
    al_buf_init(&b);
    size_t n = strlen(md);
    al_buf_puts(&b, md);
    if (n && md[n - 1] != '\n')
        al_buf_putc(&b, '\n');
    al_buf_printf(&b, "\n## The Python twin: %02d-%s.py\n\n```python\n%s", l->number, l->slug,
                  py);
    n = strlen(py);
    al_buf_puts(&b, n && py[n - 1] != '\n' ? "\n```\n" : "```\n");
    if (isatty(STDOUT_FILENO)) {
        al_buf shown;
        al_buf_init(&shown);
        al__render_markdown(&shown, b.data, (int)reading_width(), al__cli_color(false));
        al_buf_free(&b);
        b = shown;
    }
    al__sink_buf(out, &b);
    al_buf_free(&b);
    return AL_OK;
}

/* ---- the program ---- */

typedef struct command {
    const char *name;
    const char *args;  /* the synopsis after the name */
    const char *help;  /* what it does, for the usage screen */
    al_status (*fn)(al__sink *out, int argc, char **argv);
} command;

static const command commands[] = {
    {"list", "[--json]", "the lessons and their parameters", cmd_list},
    {"run", "LESSON [OPTIONS]", "run a lesson and show what happened", al__cli_run},
    {"show", "LESSON", "the lesson's narrative and its Python twin", cmd_show},
    {"twin", "LESSON", "the Python twin's source, alone", cmd_twin},
    {"step", "LESSON [--set ...]", "walk a lesson one scheduling decision at a time", al__cli_step},
    {"quiz", "LESSON [--set ...]", "predict which task runs next, and keep score", al__cli_quiz},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])
#define SYNOPSIS_COLS 25 /* "quiz LESSON [--set ...]" and a gap */

/* command_names appends "list, run, ..., quiz": every command, for the
 * "valid:" part of an error, so that no command is ever left out of it. */
static void command_names(al_buf *b)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        al_buf_printf(b, "%s%s", i ? ", " : "", commands[i].name);
}

/* usage_line appends "  SYNOPSIS  help", the help wrapped under itself
 * within width. */
static void usage_line(al_buf *b, const char *synopsis, const char *help, size_t width)
{
    char first[64], rest[64];
    snprintf(first, sizeof first, "  %-*s", SYNOPSIS_COLS, synopsis);
    snprintf(rest, sizeof rest, "  %*s", SYNOPSIS_COLS, "");
    al__wrap(b, help, first, rest, width);
}

/* usage is the screen `asynclab` alone prints, within the reading width. */
static void usage(al_buf *b)
{
    size_t width = reading_width();
    al__wrap(b, "asynclab " AL_VERSION ": how Python's asyncio works, one step at a time", "",
             "  ", width);
    al_buf_puts(b, "\nusage: asynclab COMMAND [ARGS]\n");
    al_buf syn;
    al_buf_init(&syn);
    for (size_t i = 0; i < NCOMMANDS; i++) {
        syn.len = 0;
        al_buf_printf(&syn, "%s %s", commands[i].name, commands[i].args);
        usage_line(b, syn.data, commands[i].help, width);
    }
    al_buf_free(&syn);
    usage_line(b, "COMMAND --help", "more about one command", width);
    usage_line(b, "--version", "the version", width);
    al_buf_puts(b, "\n");
    al__wrap(b, "LESSON is a number (3), lessonN (lesson3) or a slug (pipelines).", "", "", width);
    al_buf_puts(b, "\nlessons (`asynclab list` shows their parameters):\n");
    list_text(b, false);
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static al_status unknown_command(const char *name)
{
    al__near nr;
    al__near_init(&nr, name);
    for (size_t i = 0; i < NCOMMANDS; i++)
        al__near_offer(&nr, commands[i].name);
    const char *near = nr.best;
    al_buf valid;
    al_buf_init(&valid);
    command_names(&valid);
    al_status st = al__cli_fail(AL_EUSAGE, "unknown command '%s'%s%s%s (valid: %s)", name,
                                near ? "; did you mean '" : "", near ? near : "",
                                near ? "'?" : "", valid.data);
    al_buf_free(&valid);
    return st;
}

static bool is_help(const char *arg)
{
    return !strcmp(arg, "--help") || !strcmp(arg, "-h") || !strcmp(arg, "help");
}

/* dispatch runs the command argv[1] names, or the program's own options.
 * Nothing after them is quietly ignored: "asynclab --version x" is a
 * mistake, as is a second COMMAND after help. */
static al_status dispatch(al__sink *out, int argc, char **argv)
{
    al_buf b;
    al_buf_init(&b);
    const char *first = argc > 1 ? argv[1] : "--help";
    al_status st = AL_OK;
    const command *c = find_command(first);
    if (c) {
        st = c->fn(out, argc - 2, argv + 2);
    } else if (is_help(first) && argc > 3) {
        st = al__cli_fail(AL_EUSAGE, "'%s' takes one COMMAND, got a second one '%s'", first,
                          argv[3]);
    } else if (is_help(first) && argc > 2) {
        /* "asynclab help run" is "asynclab run --help", as in git. */
        static char help_arg[] = "--help";
        char *args[] = {help_arg};
        c = find_command(argv[2]);
        st = c ? c->fn(out, 1, args) : unknown_command(argv[2]);
    } else if (is_help(first)) {
        usage(&b);
    } else if (!strcmp(first, "--version") && argc > 2) {
        st = al__cli_fail(AL_EUSAGE, "'--version' takes no arguments, got '%s'", argv[2]);
    } else if (!strcmp(first, "--version")) {
        al_buf_puts(&b, "asynclab " AL_VERSION "\n");
    } else if (first[0] == '-') {
        command_names(&b);
        st = al__cli_fail(AL_EUSAGE, "unknown option '%s' (valid: --help, --version, or a "
                          "command: %s)", first, b.data);
        b.len = 0;
    } else {
        st = unknown_command(first);
    }
    al__sink_buf(out, &b);
    al_buf_free(&b);
    return st;
}

/* al__cli_main: see cli.h. */
al_status al__cli_main(int argc, char **argv, int *werr)
{
    al__sink out = {.f = stdout};
    al_status st = dispatch(&out, argc, argv);
    al__sink_flush(&out);
    if (!out.err && ferror(stdout))
        out.err = live_failure(stdout);
    *werr = out.err;
    /* A failed run stays failed even if its reader went away early. */
    return out.err && st != AL_EFAIL ? AL_EIO : st;
}
