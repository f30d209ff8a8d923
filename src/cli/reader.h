/*
 * reader.h: where the step mode and the quiz read their commands from.
 *
 * On a terminal a reader is libedit's line editor: emacs keys, the user's
 * ~/.editrc, a history kept between sessions and Tab completion.  Off a
 * terminal it reads plain lines from a FILE with no prompt, so that a
 * session can be scripted and its output compared byte for byte.  This is
 * the only file of asynclab that uses libedit.
 */
#ifndef AL_READER_H
#define AL_READER_H

#include "asynclab.h"

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>

typedef struct al__reader al__reader;

/* A completion source: for the words of the line before the cursor
 * (words[0..nwords), the last one being completed, possibly ""), it calls
 * add(actx, candidate) for every candidate that the last word could
 * become.  The reader inserts the longest common prefix, or lists the
 * candidates when there are several. */
typedef void (*al__complete_fn)(void *ctx, const char *const *words, size_t nwords,
                                void (*add)(void *actx, const char *candidate), void *actx);

/* al__reader_open makes a reader over in/out.  If both are terminals it
 * edits lines with libedit, its history in the file that history_path
 * names (created with mode 0600; NULL for none) and completes with
 * complete (may be NULL); otherwise it reads plain lines.  Returns NULL
 * only if memory is exhausted. */
al__reader *al__reader_open(FILE *in, FILE *out, const char *history_path,
                            al__complete_fn complete, void *ctx);
/* al__reader_interactive: is r editing lines on a terminal? */
bool al__reader_interactive(const al__reader *r);
/* al__reader_line reads one line, without its newline, showing prompt on
 * a terminal.  The line lives until the next call.  It returns NULL at the
 * end of input (Ctrl-D, or the end of a piped script).  A Ctrl-C at the
 * prompt abandons the line typed so far and gives al__reader_dropped (so
 * a learner is never thrown out by a reflex).  Non-empty lines join the
 * history. */
const char *al__reader_line(al__reader *r, const char *prompt);
/* al__reader_dropped is the empty line a Ctrl-C gives.  Compare the
 * pointer: it is not an empty line the learner entered, so it must not
 * repeat the last command as Enter does. */
extern const char al__reader_dropped[];
/* al__reader_close saves the history and frees r.  NULL is allowed. */
void al__reader_close(al__reader *r);

/* al__interrupted is set by SIGINT while a reader is open: a long command
 * (continue) polls it to stop at the next event, then clears it. */
extern volatile sig_atomic_t al__interrupted;

/* al__state_path writes into b the path of file name under asynclab's
 * state directory ($XDG_STATE_HOME/asynclab, by default
 * ~/.local/state/asynclab), creating the directory (mode 0700) if it is
 * missing.  Returns false, with b empty, if there is no usable home. */
bool al__state_path(al_buf *b, const char *name);

#endif
