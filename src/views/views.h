/*
 * views.h: the renderers of a run's trace, and the output sink they write
 * to.  The CLI includes this file; the runtime never does.
 *
 * A renderer never sees the vm.  It reads an al__run: the events in the
 * order they happened and the actors they name.  On top of that, story.c
 * turns the events into the learner's unit, a step (one task, generator,
 * the loop or main running until it gives control back), with each
 * step's cause and end in words (words.c and the files it names).  The
 * lanes, Chrome, Mermaid and SVG renderers all draw that story, so they
 * agree on every name, colour, cause and wait.
 *
 * It is longer than most headers (some 250 lines) because it is the one
 * contract of the views layer: the run, the story and every renderer.
 */
#ifndef AL_VIEWS_H
#define AL_VIEWS_H

#include "al_internal.h"

#include <signal.h>

/* An output stream that remembers its first failure, so a renderer can
 * stop at once and main() can tell a closed pipe from a full disk. */
typedef struct al__sink {
    FILE *f;
    int err; /* errno of the first failed write, 0 while all is well */
    /* --pace: after each line, flush and wait this many seconds (0: no
     * wait), unless *stop (Ctrl-C) is set; then nothing more is written. */
    double pace;
    const volatile sig_atomic_t *stop;
} al__sink;
/* al__sink_write writes n bytes unless an earlier write failed or Ctrl-C
 * stopped the sink; returns false if the sink has failed or stopped.
 * With a pace, it writes line by line and waits after each line. */
bool al__sink_write(al__sink *s, const char *p, size_t n);
/* al__sink_buf writes b's text, then empties b for reuse. */
bool al__sink_buf(al__sink *s, al_buf *b);
/* al__sink_flush flushes the stream and records a failure. */
bool al__sink_flush(al__sink *s);

/* How far a renderer has written a run that is still going: live
 * playback (--realtime) calls a renderer again each time the run is about
 * to wait for real time, with the run recorded so far, and once more at
 * the end with final set.  A renderer writes only what can no longer
 * change (the steps or events that are over), notes how far it got in
 * done, keeps what it must between calls in state, and writes its end
 * (and frees state) when final.  A run rendered whole is one final call
 * with a zeroed progress. */
typedef struct al__progress {
    bool final;  /* the run is over: write the rest and the end */
    bool began;  /* the head (legend, header, opening bracket) is written */
    size_t done; /* the steps, or events, already written */
    void *state; /* the renderer's own, between calls */
} al__progress;

/* al__render_log writes the human timeline of a recorded trace, for its
 * lesson: a header, one line per event, a summary.  color adds ANSI
 * colours.  p says how much is written already (see al__progress). */
al_status al__render_log(al__sink *s, const al_trace *run, bool color, al__progress *p);
/* al__render_output writes only the program's output lines, exactly as
 * the Python twin prints them. */
al_status al__render_output(al__sink *s, const al_trace *run);
/* al__render_json writes the trace as JSON Lines (docs/trace-format.md),
 * from event p->done + 1 on. */
al_status al__render_json(al__sink *s, const al_trace *run, al__progress *p);
/* al__json_str appends s (n bytes) as a JSON string literal; bytes that
 * are not valid UTF-8 become U+FFFD. */
void al__json_str(al_buf *b, const char *s, size_t n);

/* al__render_markdown appends md to out, rendered for a terminal width
 * columns wide: headings stand out, paragraphs and list items are
 * re-wrapped to the width, inline `code`, *emphasis* and **bold** are
 * styled, and fenced code blocks keep their lines, indented, coloured as
 * Python when the fence says python; a code line wider than the terminal
 * is folded at spaces (code after a ↪, a comment as a comment).  Without color the layout is the
 * same and no escape sequence is written.  A width below 20 counts as 20.
 * O(n) in the length of md.  (markdown.c: a narrative, not a trace.) */
void al__render_markdown(al_buf *out, const char *md, int width, bool color);

/* The read-only run a renderer gets.  ev[0..len) are the events (ev[i].seq
 * is i + 1); actors[id - 1] is actor id. */
typedef struct al__run {
    al_event *ev;
    size_t len;
    al_actor *actors;
    size_t nactors;
    const al_trace_lesson *lesson;
    const al_trace *trace; /* the recorded run it was read from */
} al__run;

/* al__run_open decodes the recorded run t into run's arrays, so that the
 * story can walk events at random; false if memory runs out.  O(events
 * + actors).  al__run_close frees the arrays. */
bool al__run_open(al__run *run, const al_trace *t);
void al__run_close(al__run *run);

/* al__run_actor returns actor id of run, or NULL for 0 or out of range. */
const al_actor *al__run_actor(const al__run *run, uint32_t id);
/* al__run_event returns the event numbered seq, or NULL for 0 or past the
 * end. */
const al_event *al__run_event(const al__run *run, uint32_t seq);

/* How much of the run the lanes show. */
typedef enum {
    AL_DETAIL_STEPS, /* the steps a learner needs */
    AL_DETAIL_LOOP,  /* plus the loop's turns, timers and ready queue */
    AL_DETAIL_FULL,  /* every event: the log */
} al__detail;

typedef struct al__view_opts {
    bool color;     /* ANSI colours */
    int width;      /* the terminal's columns */
    al__detail detail;
    bool explain;   /* a line of why under each row */
    const volatile sig_atomic_t *stop; /* set by Ctrl-C: stop at the next row */
    al__progress *live; /* live playback's progress, NULL to render whole */
    size_t mermaid_window; /* a Mermaid window's size in characters, 0 for
                              the default (tests make it small to split) */
} al__view_opts;

/* One renderer: its --format name, a line of help, and the function.
 * streams is false for a format that can only be written whole (SVG,
 * Mermaid): live playback then calls it once, at the end. */
typedef struct al__renderer {
    const char *name;
    const char *help;
    al_status (*render)(al__sink *s, const al__run *run, const al__view_opts *o);
    bool streams;
} al__renderer;

/* al__progress_of is o's live progress, or whole (zeroed, final) when o
 * renders a whole run. */
al__progress *al__progress_of(const al__view_opts *o, al__progress *whole);

/* ---- live playback (live.c) ---- */

typedef struct al__live al__live;
/* al__live_start attaches renderer r to the run t as it is recorded (via
 * al_trace_subscribe): each time the run is about to wait for real time
 * (a loop turn with only timers pending, a blocking call), r writes what
 * is over so far to s, and the sink is flushed, so the view appears as
 * the run happens.  NULL if out of memory or no subscriber slot is free.
 * o is copied; its live field is set by the player. */
al__live *al__live_start(al_trace *t, const al__renderer *r, al__sink *s,
                         const al__view_opts *o);
/* al__live_finish writes the rest of the run and the view's end, after
 * the run is over; later events are ignored.  Returns the renderer's
 * status.  al__live_free frees lv once the vm is gone (NULL is fine). */
al_status al__live_finish(al__live *lv);
void al__live_free(al__live *lv);

/* The renderers, ended by a NULL name (renderers.c). */
extern const al__renderer al__renderers[];
/* al__renderer_find returns the renderer called name, or NULL. */
const al__renderer *al__renderer_find(const char *name);
/* al__renderer_names appends "lanes|log|json|..." to b. */
void al__renderer_names(al_buf *b);

/* ---- the story: rails and steps (story.c) ---- */

/* What a rail is the lane of. */
typedef enum { AL_RAIL_MAIN, AL_RAIL_GEN, AL_RAIL_TASK, AL_RAIL_LOOP } al__rail_kind;

/* A rail's state at the end of a step, as its glyph shows it. */
typedef enum {
    AL_RS_NONE,      /* not created yet, or gone */
    AL_RS_NEW,       /* created, never run */
    AL_RS_RUN,       /* running this step */
    AL_RS_READY,     /* in the ready queue */
    AL_RS_WAIT,      /* suspended: waiting, or paused at a yield */
    AL_RS_DONE,      /* finished */
    AL_RS_FAIL,      /* cancelled, or ended by an exception */
} al__rail_state;

typedef struct al__rail {
    al__rail_kind kind;
    uint32_t actor;     /* the task, generator or main; 0 for the loop */
    const char *name;   /* the one name the views use */
    const char *code;   /* its coroutine or generator function, or NULL */
    char label[8];      /* a short column label: "p0", "T1" */
    size_t first, last; /* the steps it lives from and to */
    uint32_t born;      /* the event that created it (in step first), 0 if
                           none: main, the loop, a generator first seen
                           resumed */
    int slot;           /* its column, reused after it is gone */
} al__rail;

/* How a step ended. */
typedef enum {
    AL_END_NONE,   /* control passed on without a suspension (main) */
    AL_END_YIELD,  /* a generator yielded */
    AL_END_WAIT,   /* a task suspended on a future */
    AL_END_DONE,   /* returned, or a task finished */
    AL_END_FAIL,   /* raised, or a task was cancelled or failed */
} al__end;

typedef struct al__step {
    int rail;           /* index into rails */
    uint32_t first, last; /* its events, by seq */
    uint32_t start;     /* the event that started it (task_step, resume) */
    uint32_t woke;      /* the wakeup (or other event) that made it ready, 0 if none */
    uint32_t awaited;   /* the task_suspend before this step, 0 if none */
    uint32_t cause;     /* the event that caused that: a put, a timer, ... 0 if none */
    int cause_rail;     /* the rail running when cause happened, -1 if none */
    int caller;         /* a generator's step: the rail that resumed it, -1 if none */
    al__end end;
    uint32_t end_ev;    /* the event that ended it (task_suspend, yield...) */
    double t0, t1;      /* virtual times of its first and last events */
    size_t nout;        /* output events in it */
    bool loop_only;     /* a turn of the loop that ran no task and printed nothing */
    unsigned char *states; /* every rail's state after it, nstates entries */
    size_t nstates;        /* the rails that existed when it ended */
} al__step;

typedef struct al__story {
    const al__run *run;
    al__rail *rails;
    size_t nrails;
    al__step *steps;
    size_t nsteps, cap;
    int nslots;        /* columns needed when rails reuse freed columns */
    bool clock;        /* the run has an event loop or a clock */
    bool terse;        /* shorter words, for 80 columns (set by the view) */
    /* per actor id: its rail (or -1); index 0 unused */
    int *rail_of;
    /* figures for the summary */
    double end_time;
    size_t loop_turns, task_steps, switches, ready_peak;
} al__story;

/* al__story_build reads run into st.  Returns false only when memory
 * runs out.  O(events x rails) time and memory. */
bool al__story_build(al__story *st, const al__run *run);
void al__story_free(al__story *st);
/* al__story_rail_of_event returns the rail of the step that event seq
 * belongs to, or -1. */
int al__story_rail_at(const al__story *st, uint32_t seq);
/* al__rail_unique_name writes rail k's name as the exports show it into
 * t (replacing what t held): its name, and " (n)" when it is the nth
 * rail of that name.  A program may give two tasks one name (lessons 6
 * and 10 make child-0 twice); the later one is then "child-0 (2)", so no
 * two tracks or rows look alike.  O(rails). */
void al__rail_unique_name(al_buf *t, const al__story *st, size_t k);

/* ---- words: wakes.c (start), acts.c, awaits.c (end), words.c (why),
 * deadlock.c ---- */

/* al__words_start appends how step s got control: "woke: producer-0 put
 * an item", "starts (created by Task-1)", "resumed by next()". */
void al__words_start(al_buf *b, const al__story *st, const al__step *s);
/* al__words_acts appends what step s did besides printing, "" if
 * nothing worth a word: "put producer-0/0 (size 1)", "creates 4 tasks". */
void al__words_acts(al_buf *b, const al__story *st, const al__step *s);
/* al__words_acts_in appends, as al__words_acts does, only the acts among
 * step s's events first..last: the lanes split a row where an act follows
 * a print, so that the page reads in the order things happened.
 * O(last - first). */
void al__words_acts_in(al_buf *b, const al__story *st, const al__step *s, uint32_t first,
                       uint32_t last);
/* al__is_act says whether event e, of step s, is one that al__words_acts
 * words (a create, a cancel, a block, a queue item moved).  O(1). */
bool al__is_act(const al__story *st, const al__step *s, const al_event *e);
/* al__act_after_print returns the first act of step s after event from
 * that comes after one of the step's prints from there on, or 0 if none:
 * where the lanes split a step's row, so that the page reads in the
 * order the trace has (an act before any print stays on the step's first
 * row).  O(events of s). */
uint32_t al__act_after_print(const al__story *st, const al__step *s, uint32_t from);
/* al__words_end appends how step s gave control back: "sleeps 0.5",
 * "waits: queue full (2/2)", "yields 3", "done". */
void al__words_end(al_buf *b, const al__story *st, const al__step *s);
/* al__words_why appends the chain of cause links behind step s, in
 * words, for --explain; "" when there is nothing to add. */
void al__words_why(al_buf *b, const al__story *st, const al__step *s);
/* al__words_deadlock appends one sentence per task caught in the run's
 * deadlock, each ending in '\n': what it awaits as the program wrote it
 * (Queue.join(), Queue.get()) and who could have woken it.  Appends
 * nothing if the run has no deadlock. */
void al__words_deadlock(al_buf *b, const al__run *run);
/* al__words_stuck appends the sentence for one deadlock event d of run,
 * with no newline: "Task-1 (main) awaits Queue.join(): only task_done()
 * for each item could wake it, from the tasks that got items (...)".
 * The one wording of a deadlock: the lanes, the log, the JSON and the
 * CLI's report all say it so.  O(events). */
void al__words_stuck(al_buf *b, const al__run *run, const al_event *d);
/* al__words_stuck_at says deadlock event d of recorded run t so, for a
 * renderer that streams t: cache (zeroed at first, then kept) holds t
 * decoded by the first call; the caller closes it with al__run_close. */
void al__words_stuck_at(al_buf *b, al__run *cache, const al_trace *t, const al_event *d);
/* al__words_loop sums up what the loop did in step s, "" if nothing:
 * "2 turns · clock jumps to 0.50 · 2 timers fired · 3 callbacks ran". */
void al__words_loop(al_buf *b, const al__story *st, const al__step *s);
/* al__words_parts appends the elapsed virtual time of each timed part
 * the lesson marked (al_note_part), one line per group of parts compared
 * side by side, each ending in '\n': "sequential 5.00 s vs as tasks
 * 3.00 s\n"; nothing if it marked none. */
void al__words_parts(al_buf *b, const al_trace *t);
/* al__words_await appends the future a task awaits, as the program
 * wrote the await: "Queue.get()", "sleep(0.5)", "Task-3". */
void al__words_await(al_buf *b, const al__run *run, const al_event *suspend);

/* ---- shared text helpers (text.c) ---- */

/* al__wrap_line is how many bytes of s (n bytes) the next line of a word
 * wrap within room columns takes: all of s if it fits, else up to the
 * last end of a word that fits (a word wider than room overflows on a
 * line of its own).  *next is where the line after starts, past the
 * spaces.  O(n). */
size_t al__wrap_line(const char *s, size_t n, size_t room, size_t *next);
/* al__wrap appends text in lines of at most width columns, broken at
 * spaces, each ending in '\n': first before the first line and rest
 * before the others, counted in the width (a hanging indent).  Empty text
 * is one line.  A word too wide overflows, uncut. */
void al__wrap(al_buf *b, const char *text, const char *first, const char *rest, size_t width);
/* al__styled_cols counts the columns of s (n bytes of UTF-8), where ANSI
 * escape sequences take none.  O(n). */
size_t al__styled_cols(const char *s, size_t n);
/* al__fold_styled appends s (n bytes of one line, which may hold ANSI
 * escapes) folded at spaces: its first line at most first columns wide,
 * each further piece on a new line after cont (which may hold escapes
 * too), at most width columns in all, in the style that was in force
 * where the line broke.  A word too wide overflows.  No newline at the
 * end. */
void al__fold_styled(al_buf *b, const char *s, size_t n, size_t first, size_t width,
                     const char *cont);
/* al__term_width is the width of stdout: ioctl(TIOCGWINSZ) if tty is
 * set, else $COLUMNS, else 80; clamped to 40..400. */
int al__term_width(bool tty);
/* al__xml_str appends s with &, <, >, " escaped (and control bytes
 * dropped), for SVG text and attributes. */
void al__xml_str(al_buf *b, const char *s);

/* ---- the renderers (one file each) ---- */

al_status al__view_lanes(al__sink *s, const al__run *run, const al__view_opts *o);
al_status al__view_chrome(al__sink *s, const al__run *run, const al__view_opts *o);
al_status al__view_mermaid(al__sink *s, const al__run *run, const al__view_opts *o);
al_status al__view_svg(al__sink *s, const al__run *run, const al__view_opts *o);

#endif
