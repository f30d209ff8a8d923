/*
 * reader.c: command lines from libedit on a terminal, or from a pipe.
 *
 * libedit's native API (histedit.h) is used rather than its readline
 * emulation: it reads ~/.editrc through el_source, keeps the history in a
 * History object we load and save ourselves, and lets us bind Tab to our
 * own completion function with EL_ADDFN.
 */
#include "reader.h"

#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

volatile sig_atomic_t al__interrupted;
const char al__reader_dropped[] = "";

struct al__reader {
    FILE *in, *out;
    EditLine *el;          /* NULL when reading plain lines */
    History *hist;
    char *history_path;
    const char *prompt;
    al__complete_fn complete;
    void *ctx;
    char *line;            /* the plain reader's buffer (getline) */
    size_t line_cap;
    char *edited;          /* the edited line, without its newline */
    struct sigaction old_int;
};

static void on_sigint(int sig)
{
    (void)sig;
    al__interrupted = 1;
}

/* ---- completion ---- */

#define MAX_WORDS 16
#define MAX_CANDIDATES 256

typedef struct candidates {
    const char *prefix;
    size_t plen;
    const char *v[MAX_CANDIDATES];
    size_t n;
} candidates;

/* add_candidate keeps a candidate that extends the word being completed,
 * once: sources may offer the same name twice (a task and its coroutine). */
static void add_candidate(void *actx, const char *cand)
{
    candidates *c = actx;
    if (strncmp(cand, c->prefix, c->plen) != 0 || c->n == MAX_CANDIDATES)
        return;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->v[i], cand) == 0)
            return;
    c->v[c->n++] = cand;
}

/* common_len is the length of the longest common prefix of the candidates. */
static size_t common_len(const candidates *c)
{
    size_t len = strlen(c->v[0]);
    for (size_t i = 1; i < c->n; i++) {
        size_t k = 0;
        while (k < len && c->v[i][k] == c->v[0][k])
            k++;
        len = k;
    }
    return len;
}

/* split_words cuts the line before the cursor into words at spaces, the
 * last one possibly empty (the word being completed).  Returns the count. */
static size_t split_words(char *text, const char **words)
{
    size_t n = 0;
    char *p = text;
    for (;;) {
        while (*p == ' ')
            p++;
        if (n == MAX_WORDS - 1 || !*p)
            break;
        words[n++] = p;
        while (*p && *p != ' ')
            p++;
        if (!*p)
            return n;
        *p++ = '\0';
    }
    words[n++] = p; /* the empty word after a space */
    return n;
}

/* complete is bound to Tab.  One candidate is inserted whole with a
 * space after it; several extend the word to their common prefix, or are
 * listed under the line when they share nothing more. */
static unsigned char complete(EditLine *el, int ch)
{
    (void)ch;
    al__reader *r = NULL;
    el_get(el, EL_CLIENTDATA, &r);
    const LineInfo *li = el_line(el);
    if (!r || !r->complete)
        return CC_ERROR;
    size_t len = (size_t)(li->cursor - li->buffer);
    char *text = malloc(len + 1);
    if (!text)
        return CC_ERROR;
    memcpy(text, li->buffer, len);
    text[len] = '\0';
    const char *words[MAX_WORDS];
    size_t nwords = split_words(text, words);
    candidates c = {.prefix = words[nwords - 1], .plen = strlen(words[nwords - 1])};
    r->complete(r->ctx, words, nwords, add_candidate, &c);
    unsigned char ret = CC_ERROR;
    if (c.n == 1) {
        el_insertstr(el, c.v[0] + c.plen);
        el_insertstr(el, " ");
        ret = CC_REFRESH;
    } else if (c.n > 1) {
        size_t common = common_len(&c);
        if (common > c.plen) {
            char *ext = strndup(c.v[0] + c.plen, common - c.plen);
            if (ext)
                el_insertstr(el, ext);
            free(ext);
            ret = CC_REFRESH;
        } else {
            fputc('\n', r->out);
            for (size_t i = 0; i < c.n; i++)
                fprintf(r->out, "%s%s", i ? "  " : "", c.v[i]);
            fputc('\n', r->out);
            ret = CC_REDISPLAY;
        }
    }
    free(text);
    return ret;
}

/* ---- opening and closing ---- */

static char *prompt_of(EditLine *el)
{
    al__reader *r = NULL;
    el_get(el, EL_CLIENTDATA, &r);
    return (char *)(r && r->prompt ? r->prompt : "> ");
}

/* load_history reads the history file, creating it with mode 0600 first
 * so that a history that may hold what a learner typed is theirs alone. */
static void load_history(al__reader *r)
{
    HistEvent ev;
    history(r->hist, &ev, H_SETSIZE, 1000);
    history(r->hist, &ev, H_SETUNIQUE, 1);
    if (!r->history_path)
        return;
    int fd = open(r->history_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0)
        close(fd);
    history(r->hist, &ev, H_LOAD, r->history_path);
}

static bool open_editor(al__reader *r)
{
    r->el = el_init("asynclab", r->in, r->out, stderr);
    r->hist = history_init();
    if (!r->el || !r->hist)
        return false;
    load_history(r);
    el_set(r->el, EL_CLIENTDATA, r);
    el_set(r->el, EL_EDITOR, "emacs");
    el_set(r->el, EL_SIGNAL, 1);
    el_set(r->el, EL_PROMPT, prompt_of);
    el_set(r->el, EL_HIST, history, r->hist);
    el_set(r->el, EL_ADDFN, "al-complete", "complete a command, task or event kind", complete);
    el_set(r->el, EL_BIND, "^I", "al-complete", NULL);
    el_source(r->el, NULL); /* the user's ~/.editrc, after our defaults */
    return true;
}

al__reader *al__reader_open(FILE *in, FILE *out, const char *history_path,
                            al__complete_fn complete_fn, void *ctx)
{
    al__reader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->in = in;
    r->out = out;
    r->complete = complete_fn;
    r->ctx = ctx;
    if (history_path)
        r->history_path = strdup(history_path);
    struct sigaction sa = {.sa_handler = on_sigint}; /* no SA_RESTART: a read returns */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &r->old_int);
    al__interrupted = 0;
    if (isatty(fileno(in)) && isatty(fileno(out)) && !open_editor(r)) {
        al__reader_close(r);
        return NULL;
    }
    return r;
}

bool al__reader_interactive(const al__reader *r) { return r->el != NULL; }

/* edited_line reads with libedit.  el_gets gives NULL both at Ctrl-D on
 * an empty line and when a signal cut the read short; only the second
 * sets our flag, and then the learner gets a fresh prompt. */
static const char *edited_line(al__reader *r)
{
    for (;;) {
        int count = 0;
        al__interrupted = 0;
        const char *s = el_gets(r->el, &count);
        if (!s || count <= 0) {
            if (al__interrupted || (count < 0 && errno == EINTR)) {
                al__interrupted = 0;
                fputc('\n', r->out);
                el_reset(r->el);
                return al__reader_dropped;
            }
            return NULL;
        }
        free(r->edited);
        r->edited = strdup(s);
        if (!r->edited)
            return NULL;
        r->edited[strcspn(r->edited, "\r\n")] = '\0';
        if (r->edited[0]) {
            HistEvent ev;
            history(r->hist, &ev, H_ENTER, r->edited);
        }
        return r->edited;
    }
}

const char *al__reader_line(al__reader *r, const char *prompt)
{
    r->prompt = prompt;
    if (r->el)
        return edited_line(r);
    errno = 0;
    ssize_t n = getline(&r->line, &r->line_cap, r->in);
    if (n < 0)
        return NULL;
    r->line[strcspn(r->line, "\r\n")] = '\0';
    return r->line;
}

void al__reader_close(al__reader *r)
{
    if (!r)
        return;
    if (r->hist) {
        HistEvent ev;
        if (r->history_path && history(r->hist, &ev, H_SAVE, r->history_path) >= 0)
            chmod(r->history_path, 0600);
        history_end(r->hist);
    }
    if (r->el)
        el_end(r->el);
    sigaction(SIGINT, &r->old_int, NULL);
    free(r->history_path);
    free(r->line);
    free(r->edited);
    free(r);
}

/* ---- the state directory ---- */

/* make_dirs creates every missing directory of path (mode 0700). */
static bool make_dirs(char *path)
{
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        bool ok = mkdir(path, 0700) == 0 || errno == EEXIST;
        *p = '/';
        if (!ok)
            return false;
    }
    return mkdir(path, 0700) == 0 || errno == EEXIST;
}

bool al__state_path(al_buf *b, const char *name)
{
    b->len = 0;
    const char *xdg = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    if (xdg && xdg[0] == '/')
        al_buf_printf(b, "%s/asynclab", xdg);
    else if (home && home[0] == '/')
        al_buf_printf(b, "%s/.local/state/asynclab", home);
    else
        return false;
    if (!make_dirs(b->data)) {
        b->len = 0;
        return false;
    }
    al_buf_printf(b, "/%s", name);
    return true;
}
