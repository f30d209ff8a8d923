/*
 * step.c: `asynclab step LESSON`, a prompt that walks a recorded run.
 *
 * The commands and their short forms are those pdb and gdb users know.
 * The loop is: read a line, split it into words, find the command by its
 * name or short form, run it.  An empty line repeats the last command, as
 * in gdb, so a learner can keep pressing Enter to walk on.  Off a
 * terminal nothing is echoed and no prompt is shown, so a piped session
 * prints the same bytes every time.
 */
#include "step.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef void (*cmd_fn)(al__step_session *s, const char *const *argv, size_t argc);

typedef struct command {
    const char *name, *alias, *args, *help;
    cmd_fn fn;
} command;

static void cmd_help(al__step_session *s, const char *const *argv, size_t argc);
static void cmd_quit(al__step_session *s, const char *const *argv, size_t argc);
static void cmd_detail(al__step_session *s, const char *const *argv, size_t argc);

/* The commands, in the order `help` lists them. */
static const command commands[] = {
    {"step", "s", "[N]", "go N steps forward (1 by default) at the current detail", al__step_cmd_step},
    {"next", "n", "", "go to the current task's next suspension", al__step_cmd_next},
    {"continue", "c", "", "go to the next breakpoint, or to the end", al__step_cmd_continue},
    {"until", "u", "TIME", "go to the first event at or after virtual time TIME", al__step_cmd_until},
    {"finish", NULL, "", "go on until the current task completes", al__step_cmd_finish},
    {"back", "rs", "[N]", "go N steps backward (gdb's reverse-step)", al__step_cmd_back},
    {"goto", NULL, "EVENT", "go to event number EVENT", al__step_cmd_goto},
    {"break", "b", "task NAME | event KIND | time T | output TEXT", "stop `continue` there", al__step_cmd_break},
    {"delete", NULL, "N", "delete breakpoint N", al__step_cmd_delete},
    {"info", NULL, "breakpoints", "list the breakpoints", al__step_cmd_info},
    {"tasks", "ps", "", "every task: coroutine, state, what it awaits and since when", al__step_cmd_tasks},
    {"where", "w", "[TASK]", "a task's await chain, innermost frame last, and who created it", al__step_cmd_where},
    {"ready", NULL, "", "the ready queue, in the order the loop will run it", al__step_cmd_ready},
    {"timers", NULL, "", "the pending timers, soonest first, and what each will wake", al__step_cmd_timers},
    {"queues", NULL, "", "each queue's items and its waiting getters and putters", al__step_cmd_queues},
    {"why", NULL, "", "the cause chain of the current event, in words", al__step_cmd_why},
    {"locals", NULL, "[FRAME]", "a suspended frame's saved locals, by its twin's names", al__step_cmd_locals},
    {"detail", NULL, "steps|loop|full", "how fine `step` and `back` move", cmd_detail},
    {"help", "h", "[COMMAND]", "list the commands, or say what one does", cmd_help},
    {"quit", "q", "", "leave (Ctrl-D does the same)", cmd_quit},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

/* say_wrapped appends each line of text to b wrapped to width: a line
 * that is too wide goes on under an indent of its own leading spaces
 * plus four, and at least eight, so that a row's continuation and an
 * await chain's nesting stay readable.  O(length of text * lines). */
static void say_wrapped(al_buf *b, const char *text, size_t width)
{
    char rest[40];
    for (const char *line = text;;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        size_t lead = strspn(line, " "), indent = lead + 4 < 8 ? 8 : lead + 4;
        if (lead > len || indent >= sizeof rest || indent * 2 > width)
            indent = 8;
        snprintf(rest, sizeof rest, "%*s", (int)indent, "");
        char *one = strndup(line, len);
        if (one)
            al__wrap(b, one, "", rest, width);
        free(one);
        if (!nl)
            return;
        line = nl + 1;
    }
}

/* al__step_say: see step.h. */
void al__step_say(al__step_session *s, const char *fmt, ...)
{
    al_buf text, b;
    al_buf_init(&text);
    al_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    al_buf_vprintf(&text, fmt, ap);
    va_end(ap);
    say_wrapped(&b, text.data ? text.data : "", s->width ? s->width : 80);
    al__sink_buf(s->out, &b);
    al__sink_flush(s->out);
    al_buf_free(&text);
    al_buf_free(&b);
}

static const command *find(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0 ||
            (commands[i].alias && strcmp(commands[i].alias, name) == 0))
            return &commands[i];
    return NULL;
}

#define HELP_COL 20 /* where `help` starts each command's description */

/* help_one says "  name/alias ARGS    what it does", the descriptions in
 * one column; a synopsis too long for it puts its description on the
 * next line, in that column. */
static void help_one(al__step_session *s, const command *c)
{
    char syn[80];
    snprintf(syn, sizeof syn, "%s%s%s%s%s", c->name, c->alias ? "/" : "", c->alias ? c->alias : "",
             c->args[0] ? " " : "", c->args);
    /* first has room for any synopsis, though one that long takes the
     * other branch: an unoptimised build cannot see that, and warns. */
    char first[sizeof syn + 3], rest[HELP_COL + 1];
    snprintf(rest, sizeof rest, "%*s", HELP_COL, "");
    if (strlen(syn) + 4 > HELP_COL) {
        al__step_say(s, "  %s", syn);
        snprintf(first, sizeof first, "%s", rest);
    } else {
        snprintf(first, sizeof first, "  %-*s", HELP_COL - 2, syn);
    }
    al_buf b;
    al_buf_init(&b);
    al__wrap(&b, c->help, first, rest, s->width ? s->width : 80);
    b.data[--b.len] = '\0'; /* al__step_say adds the newline */
    al__step_say(s, "%s", b.data);
    al_buf_free(&b);
}

static void cmd_help(al__step_session *s, const char *const *argv, size_t argc)
{
    if (argc >= 1) {
        const command *c = find(argv[0]);
        if (c)
            help_one(s, c);
        else
            al__step_say(s, "no command '%s'; `help` lists them all", argv[0]);
        return;
    }
    al__step_say(s, "Commands (an empty line repeats the last one; Ctrl-D quits):");
    for (size_t i = 0; i < NCOMMANDS; i++)
        help_one(s, &commands[i]);
}

static void cmd_quit(al__step_session *s, const char *const *argv, size_t argc)
{
    (void)argv;
    (void)argc;
    s->quit = true;
}

static const char *const detail_names[] = {"steps", "loop", "full"};

static void cmd_detail(al__step_session *s, const char *const *argv, size_t argc)
{
    if (argc == 0) {
        al__step_say(s, "detail is %s (steps, loop or full)", detail_names[s->detail]);
        return;
    }
    for (int d = 0; d < 3; d++)
        if (strcmp(argv[0], detail_names[d]) == 0) {
            s->detail = (al__detail)d;
            al__step_say(s, "detail is now %s", detail_names[d]);
            return;
        }
    al__step_say(s, "detail must be steps, loop or full, got '%s'", argv[0]);
}

/* ---- the prompt ---- */

#define MAX_ARGS 16

/* split cuts line (modified) into at most MAX_ARGS words at blanks. */
static size_t split(char *line, const char **argv)
{
    size_t n = 0;
    for (char *p = strtok(line, " \t"); p && n < MAX_ARGS; p = strtok(NULL, " \t"))
        argv[n++] = p;
    return n;
}

/* suggest names the command closest to a misspelt one, if any is close. */
static const char *suggest(const char *word)
{
    al__near near;
    al__near_init(&near, word);
    for (size_t i = 0; i < NCOMMANDS; i++)
        al__near_offer(&near, commands[i].name);
    return near.best;
}

/* too_many says, and returns true, when c got more words than its
 * synopsis takes: none for "", any number for a synopsis of several
 * words (break's), else one.  A word too many was ignored before, so
 * `next 5` silently went one step. */
static bool too_many(al__step_session *s, const command *c, const char *const *argv,
                     size_t argc)
{
    size_t max = !c->args[0] ? 0 : strchr(c->args, ' ') ? (size_t)-1 : 1;
    if (argc <= max)
        return false;
    if (max == 0)
        al__step_say(s, "%s takes no argument, got '%s' (`help %s` says what it does)",
                     c->name, argv[0], c->name);
    else
        al__step_say(s, "%s takes %s (%s %s); '%s' is one too many", c->name,
                     c->args[0] == '[' ? "one argument at most" : "one argument", c->name,
                     c->args, argv[1]);
    return true;
}

/* run_line runs one command line; an empty one repeats the last. */
static void run_line(al__step_session *s, const char *text)
{
    char line[256];
    if (!text[strspn(text, " \t")]) {
        if (!s->last[0])
            return;
        text = s->last;
    } else {
        snprintf(s->last, sizeof s->last, "%s", text);
    }
    snprintf(line, sizeof line, "%s", text);
    const char *argv[MAX_ARGS];
    size_t argc = split(line, argv);
    if (argc == 0)
        return;
    const command *c = find(argv[0]);
    if (c && too_many(s, c, argv + 1, argc - 1)) {
        s->last[0] = '\0'; /* Enter should not repeat a mistake */
        return;
    }
    if (c) {
        c->fn(s, argv + 1, argc - 1);
        return;
    }
    const char *near = suggest(argv[0]);
    s->last[0] = '\0'; /* Enter should not repeat a typo */
    if (near)
        al__step_say(s, "unknown command '%s' (did you mean '%s'?); `help` lists the commands",
                     argv[0], near);
    else
        al__step_say(s, "unknown command '%s'; `help` lists the commands", argv[0]);
}

/* complete offers command names for the first word, and then task names,
 * event kinds or detail levels, depending on the command. */
static void complete(void *ctx, const char *const *words, size_t nwords,
                     void (*add)(void *, const char *), void *actx)
{
    al__step_session *s = ctx;
    if (nwords == 1) {
        for (size_t i = 0; i < NCOMMANDS; i++)
            add(actx, commands[i].name);
        return;
    }
    const command *c = find(words[0]);
    if (!c)
        return;
    if (c->fn == cmd_detail) {
        for (int d = 0; d < 3; d++)
            add(actx, detail_names[d]);
    } else if (c->fn == cmd_help) {
        for (size_t i = 0; i < NCOMMANDS; i++)
            add(actx, commands[i].name);
    } else if (c->fn == al__step_cmd_info) {
        add(actx, "breakpoints");
    } else if (c->fn == al__step_cmd_break && nwords == 2) {
        add(actx, "task");
        add(actx, "event");
        add(actx, "time");
        add(actx, "output");
    } else if (c->fn == al__step_cmd_break && strcmp(words[1], "event") == 0) {
        for (int k = 0; k < AL_EV__COUNT; k++)
            add(actx, al_ev_names[k]);
    } else if (c->fn == al__step_cmd_where || c->fn == al__step_cmd_locals ||
               (c->fn == al__step_cmd_break && strcmp(words[1], "task") == 0)) {
        for (size_t i = 0; i < s->story.nrails; i++)
            add(actx, s->story.rails[i].name);
    }
}

/* prompt_text is "(asynclab 1.50) ": the virtual time at the cursor. */
static const char *prompt_text(al__step_session *s, char *buf, size_t n)
{
    const al_event *e = al__run_event(&s->run, s->cur);
    snprintf(buf, n, "(asynclab %.2f) ", e ? e->time : 0.0);
    return buf;
}

/* repl runs the prompt until quit, the end of input or a write
 * error.  It returns AL_EIO if output failed, else AL_OK. */
static al_status repl(al__step_session *s)
{
    al_buf hist;
    al_buf_init(&hist);
    bool have_hist = al__state_path(&hist, "history");
    al__reader *r = al__reader_open(stdin, stdout, have_hist ? hist.data : NULL, complete, s);
    al_buf_free(&hist);
    if (!r)
        return al__cli_fail(AL_EFAIL, "out of memory");
    char prompt[64];
    s->cur = 1;
    while (s->cur < s->run.len && !al__step_visible(s, s->cur))
        s->cur++;
    al__step_say(s, "Lesson %d: %s.  `help` lists the commands; Enter repeats the last one.",
                 s->lesson->number, s->lesson->title);
    al__step_show_here(s);
    while (!s->quit && !s->out->err) {
        const char *line = al__reader_line(r, prompt_text(s, prompt, sizeof prompt));
        if (!line)
            break;
        if (line != al__reader_dropped) /* Ctrl-C: a fresh prompt, no repeat */
            run_line(s, line);
    }
    if (!s->quit && al__reader_interactive(r) && !s->out->err)
        al__step_say(s, "%s", "");
    al__reader_close(r);
    return s->out->err ? AL_EIO : AL_OK;
}

/* ---- opening a session ---- */

enum { OPT_SET, OPT_QUESTIONS };

static const al__opt step_opts[] = {
    [OPT_SET] = {"--set", "NAME=VALUE"},
    {NULL, NULL},
};
static const al__opt quiz_opts[] = {
    [OPT_SET] = {"--set", "NAME=VALUE"},
    [OPT_QUESTIONS] = {"--questions", "N"},
    {NULL, NULL},
};

typedef struct step_args {
    const char *cmd;
    const char *lesson;
    const char **sets;
    size_t nsets;
    long questions;
} step_args;

static al_status on_step_arg(void *ctx, int opt, const char *arg)
{
    step_args *a = ctx;
    double x;
    switch (opt) {
    case -1:
        if (a->lesson)
            return al__cli_fail(AL_EUSAGE, "'%s' takes one LESSON, got a second one '%s'", a->cmd,
                                arg);
        a->lesson = arg;
        return AL_OK;
    case OPT_SET:
        a->sets[a->nsets++] = arg;
        return AL_OK;
    case OPT_QUESTIONS:
        if (!al__param_number(arg, true, &x) || x < 1 || x > 100)
            return al__cli_fail(AL_EUSAGE,
                                "option '--questions' must be a whole number from 1 to 100, "
                                "got '%s'", arg);
        a->questions = (long)x;
        return AL_OK;
    }
    return AL_OK;
}


/* record runs lesson l to its end with the recorder on, and opens the
 * run and its story.  A run that fails (a deadlock) is still a run to
 * walk: the learner steps up to the point where everything waits. */
static al_status record(al__step_session *s, al_vm **vm, al_trace **t, const al_params *p)
{
    al_vm_opts opts = {.trace = true};
    *vm = al_vm_new(&opts);
    *t = *vm ? al_trace_new(*vm) : NULL;
    if (!*t)
        return al__cli_fail(AL_EFAIL, "out of memory");
    al_trace_lesson who = {s->lesson->number, s->lesson->title, s->lesson->slug,
                           s->lesson->concept};
    al_trace_set_lesson(*t, &who);
    s->lesson->run(*vm, p);
    if (!al__run_open(&s->run, *t) || !al__story_build(&s->story, &s->run))
        return al__cli_fail(AL_EFAIL, "out of memory");
    if (s->run.len == 0)
        return al__cli_fail(AL_EFAIL, "lesson %d recorded no events", s->lesson->number);
    return AL_OK;
}

static const char step_help[] =
    "usage: asynclab step LESSON [--set NAME=VALUE]...\n"
    "\n"
    "Walk a lesson one scheduling decision at a time, forward and back.  The\n"
    "lesson runs once, to the end; the prompt then moves over what it did,\n"
    "so `back` returns to exactly the state you saw.  `help` at the prompt\n"
    "lists the commands.  Off a terminal, commands are read from standard\n"
    "input with no prompt, so a session can be scripted:\n"
    "  printf 's\\nps\\nq\\n' | asynclab step 5\n";

static const char quiz_help[] =
    "usage: asynclab quiz LESSON [--set NAME=VALUE]... [--questions N]\n"
    "\n"
    "Predict the event loop: at each task switch, which task runs next?  When a\n"
    "task suspends, what is it waiting for?  Answer with a choice's number (q\n"
    "stops).  The best score per lesson is kept and shown by `asynclab list`.\n"
    "  --questions N   ask at most N questions (1 to 100, default 10)\n";

/* step_main is `step` and `quiz`: the same arguments, the same recorded
 * run, then the prompt or the questions. */
static al_status step_main(const char *cmd, al__sink *out, int argc, char **argv)
{
    step_args a = {.cmd = cmd, .questions = 10};
    a.sets = malloc(((size_t)argc + 1) * sizeof *a.sets);
    if (!a.sets)
        return al__cli_fail(AL_EFAIL, "out of memory");
    bool help = false;
    al_params p;
    al__step_session s = {.out = out, .width = (size_t)al__term_width(isatty(STDOUT_FILENO))};
    bool quiz = strcmp(cmd, "quiz") == 0;
    al_status st = al__cli_args(cmd, argc, argv, quiz ? quiz_opts : step_opts, on_step_arg, &a,
                                &help);
    if (st == AL_OK && help) {
        const char *h = quiz ? quiz_help : step_help;
        st = al__sink_write(out, h, strlen(h)) ? AL_OK : AL_EIO;
    } else if (st == AL_OK && (st = al__cli_prepare(cmd, a.lesson, a.sets, a.nsets, &s.lesson, &p)) == AL_OK) {
        al_vm *vm = NULL;
        al_trace *t = NULL;
        if ((st = record(&s, &vm, &t, &p)) == AL_OK)
            st = quiz ? al__quiz_session(&s, (int)a.questions) : repl(&s);
        al__story_free(&s.story);
        al__run_close(&s.run);
        al__step_free_bps(&s);
        al_trace_free(t);
        al_vm_free(vm);
    }
    free(a.sets);
    return st;
}

al_status al__cli_step(al__sink *out, int argc, char **argv)
{
    return step_main("step", out, argc, argv);
}

al_status al__cli_quiz(al__sink *out, int argc, char **argv)
{
    return step_main("quiz", out, argc, argv);
}
