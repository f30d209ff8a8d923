/*
 * step.h: the step mode and the predict quiz, shared by their files.
 *
 * A step session runs the lesson once, to the end, with the recorder on.
 * Runs are deterministic, so the recorded run *is* every state the
 * program passes through: moving forward or backward is moving a cursor
 * over the events, and every state shown at the cursor (the tasks, the
 * ready queue, the timers, the queues) is rebuilt by replaying the events
 * up to it.  That is why `back` is exact: it lands on the very state that
 * `step` left, not on an approximation of it.
 *
 * Files: step.c (the session and the prompt), step_move.c (moving and
 * breakpoints), step_show.c (what the inspecting commands print),
 * quiz.c (the quiz) and scores.c (best scores).
 */
#ifndef AL_STEP_H
#define AL_STEP_H

#include "cli.h"
#include "reader.h"

/* A breakpoint: where `continue` stops. */
typedef enum { AL_BP_TASK, AL_BP_EVENT, AL_BP_TIME, AL_BP_OUTPUT } al__bp_kind;

typedef struct al__bp {
    int number;      /* as `info breakpoints` lists it; never reused */
    al__bp_kind kind;
    char *text;      /* a task's name, an event kind's name, or output text */
    int ev_kind;     /* for AL_BP_EVENT */
    double time;     /* for AL_BP_TIME */
    bool hit;        /* a time breakpoint fires once per pass */
} al__bp;

typedef struct al__step_session {
    const al_lesson *lesson;
    al__sink *out;
    al__run run;          /* the recorded run, read-only */
    al__story story;      /* its steps and rails, as the lanes show them */
    al__detail detail;
    size_t width;         /* the terminal's columns: rows wrap to it */
    uint32_t cur;         /* the current event (1..run.len); 0 before any */
    al__bp *bps;
    size_t nbps;
    int next_bp;
    char last[256];       /* the last command, repeated by an empty line */
    bool quit;
} al__step_session;

/* ---- step_move.c ---- */

/* al__step_visible: does event seq stop `step` at the session's detail?
 * At "steps" the stops are the first events of the story's steps, at
 * "loop" those and the loop's own events, at "full" every event. */
bool al__step_visible(const al__step_session *s, uint32_t seq);
/* al__step_ends_turn: does event e end a turn of actor (a task suspends
 * or ends, a generator yields, returns or raises)? */
bool al__step_ends_turn(const al_event *e, uint32_t actor);
/* The moving commands.  Each takes the words after the command name and
 * prints where it landed (or one line saying why it could not move). */
void al__step_cmd_step(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_back(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_next(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_continue(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_until(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_finish(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_goto(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_break(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_delete(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_info(al__step_session *s, const char *const *argv, size_t argc);
void al__step_free_bps(al__step_session *s);

/* ---- step_show.c ---- */

/* al__step_show_here prints the current event in the lanes' words, its
 * virtual time and what comes next. */
void al__step_show_here(al__step_session *s);
void al__step_cmd_tasks(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_where(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_ready(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_timers(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_queues(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_why(al__step_session *s, const char *const *argv, size_t argc);
void al__step_cmd_locals(al__step_session *s, const char *const *argv, size_t argc);

/* al__step_say prints a formatted line (a newline is added), or several
 * separated by newlines, each wrapped to the session's width under a
 * hanging indent. */
void al__step_say(al__step_session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* al__step_task_named returns the actor id of the task or generator
 * called name in the run, or 0. */
uint32_t al__step_task_named(const al__step_session *s, const char *name);
/* al__step_step_at is the index of the story step holding event seq, or
 * -1 when the event lies between steps (the loop's own bookkeeping). */
long al__step_step_at(const al__step_session *s, uint32_t seq);

/* al__step_rail is the rail of story step k, or NULL when that step ran
 * no rail of its own (main's plain code or the loop, in a lesson whose
 * lanes do not draw them). */
const al__rail *al__step_rail(const al__step_session *s, long k);
/* al__step_runner names who runs in story step k: its rail's name, or
 * "main" or "loop". */
const char *al__step_runner(const al__step_session *s, long k);

/* ---- scores.c ---- */

/* al__score_best is the best quiz score kept for lesson number n: true
 * with *got and *of set, false if there is none. */
bool al__score_best(int n, int *got, int *of);
/* al__score_keep records got/of for lesson n if it beats the kept one
 * (a higher fraction, or as high over more questions).  Failing to write
 * the file is not an error: a quiz is not spoiled by a read-only home. */
void al__score_keep(int n, int got, int of);

/* al__quiz_session asks the questions of an opened session (at most
 * limit) and keeps the score; AL_EUSAGE if the answers end first. */
al_status al__quiz_session(al__step_session *s, int limit);

/* The commands (step.c and quiz.c); argv follows the command's name. */
al_status al__cli_step(al__sink *out, int argc, char **argv);
al_status al__cli_quiz(al__sink *out, int argc, char **argv);

#endif
