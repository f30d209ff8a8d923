/*
 * report.c: why a run failed, in one line on stderr: every task caught in
 * a deadlock, what it awaits as the program wrote it and who could have
 * woken it (views/deadlock.c's words, joined into one line), or the last
 * exception raised.  O(events).
 */
#include "cli.h"

/* deadlock_text says, in one line, what each task caught in a deadlock
 * awaits, as the program wrote it, and who could have woken it; returns
 * the seq of the first deadlock event (0 if none). */
static uint32_t deadlock_text(const al__run *run, al_buf *what)
{
    uint32_t first = 0;
    for (size_t i = 0; i < run->len && !first; i++)
        if (run->ev[i].kind == AL_EV_DEADLOCK)
            first = run->ev[i].seq;
    if (!first)
        return 0;
    al_buf_puts(what, "a deadlock: nothing is ready and no timer is pending; ");
    size_t from = what->len;
    al__words_deadlock(what, run);
    while (what->len > from && what->data[what->len - 1] == '\n')
        what->data[--what->len] = '\0';
    al_buf line;
    al_buf_init(&line);
    for (size_t i = from; i < what->len; i++)
        al_buf_puts(&line, what->data[i] == '\n' ? "; " : (char[]){what->data[i], 0});
    what->len = from;
    al_buf_putn(what, line.data, line.len);
    al_buf_free(&line);
    return first;
}

/* al__cli_report_failure: see cli.h.  It says on stderr, in one line, why a run failed: every
 * task caught in a deadlock and what it waits for, or else the last
 * error raised, with the event number to look up in the timeline.  When
 * the view on the student's terminal has just said who is stuck (told),
 * the line only names the failure: saying it twice buries it. */
void al__cli_report_failure(const al__run *run, const al_lesson *l, bool told)
{
    al_buf what;
    al_buf_init(&what);
    uint32_t seq = deadlock_text(run, &what);
    if (seq && told) {
        al__cli_fail(AL_EFAIL, "lesson %d (%s) failed with the deadlock shown above", l->number,
                     l->slug);
        al_buf_free(&what);
        return;
    }
    for (size_t i = run->len; i-- > 0 && !seq;)
        if ((run->ev[i].kind == AL_EV_RAISE || run->ev[i].kind == AL_EV_ERROR) &&
            run->ev[i].a.type == AL_EXC) {
            al_repr_of(&what, run->ev[i].a);
            seq = run->ev[i].seq;
        }
    if (seq)
        al__cli_fail(AL_EFAIL, "lesson %d (%s) failed with %s (event #%lu)", l->number, l->slug,
                     what.data, (unsigned long)seq);
    else
        al__cli_fail(AL_EFAIL, "lesson %d (%s) failed", l->number, l->slug);
    al_buf_free(&what);
}
