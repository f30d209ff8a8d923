/*
 * renderers.c: the table of renderers that `--format NAME` chooses from.
 */
#include "views.h"

#include <string.h>

static al_status log_view(al__sink *s, const al__run *run, const al__view_opts *o)
{
    return al__render_log(s, run->trace, o->color);
}

static al_status json_view(al__sink *s, const al__run *run, const al__view_opts *o)
{
    (void)o;
    return al__render_json(s, run->trace);
}

const al__renderer al__renderers[] = {
    {"lanes", "a rail per task, time down the page, causes in words", al__view_lanes},
    {"log", "every event, one per line (the full detail)", log_view},
    {"json", "JSON Lines, one event per line (docs/trace-format.md)", json_view},
    {"chrome", "the Trace Event Format, for Perfetto and chrome://tracing", al__view_chrome},
    {"mermaid", "Mermaid sequence diagrams in Markdown, in windows Mermaid accepts",
     al__view_mermaid},
    {"svg", "a Gantt chart of the tasks over virtual time, for a projector", al__view_svg},
    {NULL, NULL, NULL},
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
