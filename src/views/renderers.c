/*
 * renderers.c: the table of renderers that `--format NAME` chooses from.
 */
#include "views.h"

#include <string.h>

/* al__progress_of: see views.h. */
al__progress *al__progress_of(const al__view_opts *o, al__progress *whole)
{
    *whole = (al__progress){.final = true};
    return o->live ? o->live : whole;
}

static al_status log_view(al__sink *s, const al__run *run, const al__view_opts *o)
{
    al__progress whole;
    return al__render_log(s, run->trace, o->color, al__progress_of(o, &whole));
}

static al_status json_view(al__sink *s, const al__run *run, const al__view_opts *o)
{
    al__progress whole;
    return al__render_json(s, run->trace, al__progress_of(o, &whole));
}

const al__renderer al__renderers[] = {
    {"lanes", "a rail per task, time down the page, causes in words", al__view_lanes, true},
    {"log", "every event, one per line (the full detail)", log_view, true},
    {"json", "JSON Lines, one event per line (docs/trace-format.md)", json_view, true},
    {"chrome", "the Trace Event Format, for Perfetto and chrome://tracing", al__view_chrome,
     true},
    {"mermaid", "Mermaid sequence diagrams in Markdown, in windows Mermaid accepts",
     al__view_mermaid, false},
    {"svg", "a Gantt chart of the tasks over virtual time, for a projector", al__view_svg,
     false},
    {NULL, NULL, NULL, false},
};

/* al__renderer_find: see views.h. */
const al__renderer *al__renderer_find(const char *name)
{
    for (const al__renderer *r = al__renderers; r->name; r++)
        if (strcmp(r->name, name) == 0)
            return r;
    return NULL;
}

/* al__renderer_names: see views.h. */
void al__renderer_names(al_buf *b)
{
    for (const al__renderer *r = al__renderers; r->name; r++)
        al_buf_printf(b, "%s%s", r == al__renderers ? "" : "|", r->name);
}
