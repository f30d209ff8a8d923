/*
 * views.h: the renderers of a run's trace, and the output sink they write
 * to.  The CLI includes this file; the runtime never does.
 */
#ifndef AL_VIEWS_H
#define AL_VIEWS_H

#include "al_internal.h"

/* An output stream that remembers its first failure, so a renderer can
 * stop at once and main() can tell a closed pipe from a full disk. */
typedef struct al__sink {
    FILE *f;
    int err; /* errno of the first failed write, 0 while all is well */
} al__sink;
/* al__sink_write writes n bytes unless an earlier write failed; returns
 * false if the sink has failed. */
bool al__sink_write(al__sink *s, const char *p, size_t n);
/* al__sink_buf writes b's text, then empties b for reuse. */
bool al__sink_buf(al__sink *s, al_buf *b);
/* al__sink_flush flushes the stream and records a failure. */
bool al__sink_flush(al__sink *s);

/* al__render_log writes the human timeline of a recorded trace, for its
 * lesson: a header, one line per event, a summary.  color adds ANSI
 * colours. */
al_status al__render_log(al__sink *s, const al_trace *run, bool color);
/* al__render_output writes only the program's output lines, exactly as
 * the Python twin prints them. */
al_status al__render_output(al__sink *s, const al_trace *run);
/* al__render_json writes the trace as JSON Lines (docs/trace-format.md). */
al_status al__render_json(al__sink *s, const al_trace *run);
/* al__json_str appends s (n bytes) as a JSON string literal; bytes that
 * are not valid UTF-8 become U+FFFD. */
void al__json_str(al_buf *b, const char *s, size_t n);

/* al__render_markdown appends md to out, rendered for a terminal width
 * columns wide: headings stand out, paragraphs and list items are
 * re-wrapped to the width, inline `code`, *emphasis* and **bold** are
 * styled, and fenced code blocks keep their lines, indented, coloured as
 * Python when the fence says python.  Without color the layout is the
 * same and no escape sequence is written.  A width below 20 counts as 20.
 * O(n) in the length of md.  (markdown.c: a narrative, not a trace.) */
void al__render_markdown(al_buf *out, const char *md, int width, bool color);

#endif
