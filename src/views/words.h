/*
 * words.h: the look-ups that the views' phrases share (words.c), for the
 * files that say a step in words: wakes.c (how it began), awaits.c (how
 * it waited or ended), acts.c (what it did), deadlock.c (who is stuck).
 * The phrases themselves are declared in views.h, for the renderers.
 */
#ifndef AL_WORDS_H
#define AL_WORDS_H

#include "views.h"

/* al__name_of is actor id's name in run, "?" if there is no such actor. */
const char *al__name_of(const al__run *run, uint32_t id);
/* al__str_is says whether v is a string equal to s. */
bool al__str_is(al_value v, const char *s);
/* al__str_or is v's text if v is a string, else dflt. */
const char *al__str_or(al_value v, const char *dflt);
/* al__put_seconds appends x as the program would have written a delay:
 * 1 for 1.0, 0.5 for 0.5. */
void al__put_seconds(al_buf *b, double x);
/* al__wait_in returns the last wait event of task (waiting on a queue,
 * lock or event) among events first..last, or NULL.  O(last - first). */
const al_event *al__wait_in(const al__run *run, uint32_t first, uint32_t last, uint32_t task);
/* al__step_start_of is the first event of the step that holds suspend,
 * where the search for its wait and timer events begins.  O(1). */
uint32_t al__step_start_of(const al__run *run, const al_event *suspend);
/* al__cancelled_in names what a wait_for() that timed out cancels among
 * events first..last: the task it cancels, or "shield()"; NULL if neither
 * is there.  O(last - first). */
const char *al__cancelled_in(const al__run *run, uint32_t first, uint32_t last);
/* al__timer_words says which timer fire is, in the program's terms: the
 * timeout of the wait_for() that the task awaits (sus, which may be
 * NULL), the timer of a sleep(), an asyncio.timeout() deadline, or a
 * callback the program scheduled, with its delay.  O(events before
 * fire). */
void al__timer_words(al_buf *b, const al__run *run, const al_event *fire, const al_event *sus);

#endif
