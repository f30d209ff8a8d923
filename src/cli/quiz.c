/*
 * quiz.c: `asynclab quiz LESSON`, predict the scheduler before it acts.
 *
 * The questions come from the recorded run, in its order:
 *   - at a task switch where more than one task was ready, "which task
 *     runs next?", the ready tasks as numbered choices;
 *   - when a task suspends, "what is it waiting for?", the true await and
 *     others from the same run as choices.
 * After each answer it shows the truth with its cause in the lanes'
 * words.  Choices are listed in a fixed order (by rail, or by name), so
 * the quiz is the same every time and piped answers can be tested.
 */
#include "step.h"

#include <stdlib.h>
#include <string.h>

#define MAX_CHOICES 6

typedef struct question {
    char text[160];
    char *choices[MAX_CHOICES];
    size_t nchoices, answer; /* answer indexes choices */
    long step;               /* the story step it is about */
    bool is_wait;            /* "what is it waiting for?" */
} question;

typedef struct quiz {
    al__step_session *s;
    al__reader *in;
    int asked, right, limit;
    bool ended; /* end of input or quit */
    bool eof;
} quiz;

static void free_question(question *q)
{
    for (size_t i = 0; i < q->nchoices; i++)
        free(q->choices[i]);
    q->nchoices = 0;
}

static bool add_choice(question *q, const char *text)
{
    for (size_t i = 0; i < q->nchoices; i++)
        if (strcmp(q->choices[i], text) == 0)
            return true;
    if (q->nchoices == MAX_CHOICES)
        return false;
    q->choices[q->nchoices] = strdup(text);
    return q->choices[q->nchoices++] != NULL;
}

/* who_next builds "which task runs next?" for task step k: the choices
 * are the task rails ready after step k-1, in rail order. */
static bool who_next(const al__step_session *s, long k, question *q)
{
    const al__story *st = &s->story;
    const al__step *p = &st->steps[k];
    if (k == 0 || p->rail < 0 || st->rails[p->rail].kind != AL_RAIL_TASK)
        return false;
    const unsigned char *before = st->steps[k - 1].states;
    for (size_t r = 0; r < st->nrails; r++)
        if (st->rails[r].kind == AL_RAIL_TASK && r < st->steps[k - 1].nstates &&
            (before[r] == AL_RS_READY || before[r] == AL_RS_NEW) &&
            (int)r != p->rail && !add_choice(q, st->rails[r].name))
            return false;
    if (q->nchoices == 0)
        return false; /* only one candidate: nothing to predict */
    /* The true answer joins the candidates at its rail's place. */
    const char *truth = st->rails[p->rail].name;
    if (!add_choice(q, truth))
        return false;
    size_t n = q->nchoices;
    /* sort by rail order: rails are few, a selection pass will do */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (al__step_task_named(s, q->choices[j]) < al__step_task_named(s, q->choices[i])) {
                char *t = q->choices[i];
                q->choices[i] = q->choices[j];
                q->choices[j] = t;
            }
    for (size_t i = 0; i < n; i++)
        if (strcmp(q->choices[i], truth) == 0)
            q->answer = i;
    snprintf(q->text, sizeof q->text, "%.2f  which task runs next?",
             al__run_event(&s->run, p->first)->time);
    return true;
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* waits_for builds "what is T waiting for?" for a step that ends in a
 * wait: the true await, and up to three other awaits of this run. */
static bool waits_for(const al__step_session *s, long k, question *q)
{
    const al__step *p = &s->story.steps[k];
    const al_event *end = al__run_event(&s->run, p->end_ev);
    if (p->rail < 0 || p->end != AL_END_WAIT || !end || end->kind != AL_EV_TASK_SUSPEND)
        return false;
    al_buf b;
    al_buf_init(&b);
    al__words_await(&b, &s->run, end);
    bool ok = b.len > 0 && add_choice(q, b.data);
    for (uint32_t seq = 1; ok && seq <= s->run.len && q->nchoices < 4; seq++) {
        const al_event *e = al__run_event(&s->run, seq);
        if (e->kind != AL_EV_TASK_SUSPEND)
            continue;
        b.len = 0;
        al__words_await(&b, &s->run, e);
        if (b.len)
            ok = add_choice(q, b.data);
    }
    char *truth = q->nchoices ? q->choices[0] : NULL;
    if (!ok || q->nchoices < 2) {
        al_buf_free(&b);
        return false;
    }
    qsort(q->choices, q->nchoices, sizeof *q->choices, by_text);
    for (size_t i = 0; i < q->nchoices; i++)
        if (q->choices[i] == truth)
            q->answer = i;
    q->is_wait = true;
    snprintf(q->text, sizeof q->text, "%.2f  what is %s waiting for now?", end->time,
             s->story.rails[p->rail].name);
    al_buf_free(&b);
    return true;
}

/* read_answer reads a choice number; -1 at the end of input or on "q". */
static int read_answer(quiz *z, size_t n)
{
    for (;;) {
        const char *line = al__reader_line(z->in, "answer: ");
        if (!line) {
            z->eof = true;
            return -1;
        }
        if (line == al__reader_dropped) /* Ctrl-C dropped the line: ask again */
            continue;
        if (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0)
            return -1;
        char *end;
        long v = strtol(line, &end, 10);
        if (line[0] && !*end && v >= 1 && (size_t)v <= n)
            return (int)v - 1;
        al__step_say(z->s, "answer with a number from 1 to %zu (q quits), got '%s'", n, line);
    }
}

/* ask puts question q and shows the truth, with its cause in words. */
static void ask(quiz *z, question *q)
{
    al__step_session *s = z->s;
    al__step_say(s, "%s", "");
    al__step_say(s, "Q%d. %s", z->asked + 1, q->text);
    for (size_t i = 0; i < q->nchoices; i++)
        al__step_say(s, "  %zu) %s", i + 1, q->choices[i]);
    int got = read_answer(z, q->nchoices);
    if (got < 0) {
        z->ended = true;
        return;
    }
    z->asked++;
    bool right = (size_t)got == q->answer;
    z->right += right;
    al_buf b;
    al_buf_init(&b);
    const al__step *p = &s->story.steps[q->step];
    if (q->is_wait) {
        al__words_end(&b, &s->story, p);
        al__step_say(s, "%s %s %s.", right ? "Right:" : "No:", al__step_runner(s, q->step),
                     b.data ? b.data : "waits");
    } else {
        al__words_start(&b, &s->story, p);
        al__step_say(s, "%s %s runs: it %s, and the ready queue is first come, first served.",
                     right ? "Right:" : "No:", q->choices[q->answer],
                     b.data ? b.data : "was queued first");
    }
    al_buf_free(&b);
}

/* run_quiz walks the story and asks at most z->limit questions. */
static void run_quiz(quiz *z)
{
    al__step_session *s = z->s;
    for (long k = 0; k < (long)s->story.nsteps && !z->ended && z->asked < z->limit; k++) {
        question q = {.step = k};
        if (who_next(s, k, &q))
            ask(z, &q);
        free_question(&q);
        q = (question){.step = k};
        if (!z->ended && z->asked < z->limit && waits_for(s, k, &q))
            ask(z, &q);
        free_question(&q);
    }
}

/* al__quiz_session: see step.h. */
al_status al__quiz_session(al__step_session *s, int limit)
{
    quiz z = {.s = s, .limit = limit};
    z.in = al__reader_open(stdin, stdout, NULL, NULL, NULL);
    if (!z.in)
        return al__cli_fail(AL_EFAIL, "out of memory");
    al__step_say(s, "Lesson %d: predict what the event loop does next.  Answer with the "
                    "number of a choice; q stops.", s->lesson->number);
    run_quiz(&z);
    al__reader_close(z.in);
    if (z.asked == 0 && !z.eof) {
        al__step_say(s, "this setting gives nothing to predict: no two tasks are ever ready "
                        "at once (try another --set)");
        return s->out->err ? AL_EIO : AL_OK;
    }
    al__step_say(s, "%s", "");
    al__step_say(s, "score: %d/%d", z.right, z.asked);
    if (z.asked > 0)
        al__score_keep(s->lesson->number, z.right, z.asked);
    if (s->out->err)
        return AL_EIO;
    if (z.eof && z.asked < z.limit)
        return al__cli_fail(AL_EUSAGE, "the answers ended before the quiz did (after %d "
                                       "question%s); each answer is a number on its own line",
                            z.asked, z.asked == 1 ? "" : "s");
    return AL_OK;
}
