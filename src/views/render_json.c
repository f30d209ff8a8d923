/*
 * render_json.c: the trace as JSON Lines, one event per line.
 *
 * This is the machine-readable view: the fidelity tests compare it with
 * what CPython does, so every field is spelled as docs/trace-format.md
 * says and nothing depends on the terminal, the locale or a pointer.
 */
#include "views.h"

#include <math.h>
#include <string.h>

/* Values nest (lists of tuples of exceptions); past this depth a value is
 * written as null rather than risk the stack on a cyclic list. */
#define MAX_DEPTH 32

/* al__json_str: see views.h. */
void al__json_str(al_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    al_buf_putc(b, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        size_t len = al_utf8_seq(s + i, n - i);
        if (len == 0) {
            al_buf_puts(b, "\\ufffd");
            i++;
            continue;
        }
        if (c == '"' || c == '\\')
            al_buf_printf(b, "\\%c", c);
        else if (c == '\n')
            al_buf_puts(b, "\\n");
        else if (c == '\t')
            al_buf_puts(b, "\\t");
        else if (c == '\r')
            al_buf_puts(b, "\\r");
        else if (c < 0x20 || c == 0x7F)
            al_buf_printf(b, "\\u%04x", c);
        else
            al_buf_putn(b, s + i, len);
        i += len;
    }
    al_buf_putc(b, '"');
}

/* json_float writes Python's repr digits; JSON has no inf or nan, so
 * those become the strings Python's repr would print. */
static void json_float(al_buf *b, double x)
{
    char t[32];
    al_float_repr(x, t);
    if (isfinite(x))
        al_buf_puts(b, t);
    else
        al__json_str(b, t, strlen(t));
}

static void json_value(al_buf *b, al_value v, int depth);

static void json_seq(al_buf *b, const al_seq *s, int depth)
{
    al_buf_putc(b, '[');
    for (size_t i = 0; i < s->len; i++) {
        if (i)
            al_buf_putc(b, ',');
        json_value(b, s->items[i], depth + 1);
    }
    al_buf_putc(b, ']');
}

/* json_exc writes {"type": name, "message": str(e)}: the message is what
 * Python's str() of the exception gives, so "" for ValueError(). */
static void json_exc(al_buf *b, al_value v)
{
    al_buf msg;
    al_buf_init(&msg);
    al_str_of(&msg, v);
    al_buf_puts(b, "{\"type\":");
    al__json_str(b, v.u.exc->type->name, strlen(v.u.exc->type->name));
    al_buf_puts(b, ",\"message\":");
    al__json_str(b, msg.data ? msg.data : "", msg.len);
    al_buf_putc(b, '}');
    al_buf_free(&msg);
}

static void json_value(al_buf *b, al_value v, int depth)
{
    if (depth > MAX_DEPTH) {
        al_buf_puts(b, "null");
        return;
    }
    switch (v.type) {
    case AL_NONE:
    case AL_PTR: al_buf_puts(b, "null"); break;
    case AL_BOOL: al_buf_puts(b, v.u.b ? "true" : "false"); break;
    case AL_INT: al_buf_printf(b, "%lld", (long long)v.u.i); break;
    case AL_FLOAT: json_float(b, v.u.f); break;
    case AL_STR: al__json_str(b, v.u.s->data, v.u.s->len); break;
    case AL_LIST:
    case AL_TUPLE: json_seq(b, v.u.seq, depth); break;
    case AL_EXC: json_exc(b, v); break;
    }
}

/* json_actor writes an actor's name, or null for id 0 or an unknown id. */
static void json_actor(al_buf *b, const al_actor *a)
{
    if (a)
        al__json_str(b, a->name, strlen(a->name));
    else
        al_buf_puts(b, "null");
}

/* actor_of is run's actor id, or NULL for none; *a is its storage. */
static const al_actor *actor_of(const al_trace *run, uint32_t id, al_actor *a)
{
    return al_trace_actor(run, id, a) ? a : NULL;
}

/* json_event writes one event's line.  A deadlock's a is the sentence
 * the views say it in (al__words_stuck): the runtime records only the
 * task and the future it awaits (other). */
static void json_event(al_buf *b, const al_trace *run, al__run *cache, const al_event *e)
{
    al_actor as, os, ts;
    const al_actor *actor = actor_of(run, e->actor, &as);
    const al_actor *task = actor_of(run, al_trace_task_of(run, e), &ts);
    const char *kind = e->kind < AL_EV__COUNT ? al_ev_names[e->kind] : "unknown";
    al_buf_printf(b, "{\"seq\":%lu,\"cause\":%lu,\"kind\":\"%s\",\"actor\":",
                  (unsigned long)e->seq, (unsigned long)e->cause, kind);
    json_actor(b, actor);
    al_buf_puts(b, ",\"actor_kind\":");
    if (actor && actor->kind < AL_ACTOR__COUNT)
        al_buf_printf(b, "\"%s\"", al_actor_kind_names[actor->kind]);
    else
        al_buf_puts(b, "null");
    al_buf_puts(b, ",\"other\":");
    json_actor(b, actor_of(run, e->other, &os));
    al_buf_puts(b, ",\"task\":");
    json_actor(b, task);
    al_buf_puts(b, ",\"coro\":");
    if (task && task->code)
        al__json_str(b, task->code, strlen(task->code));
    else
        al_buf_puts(b, "null");
    al_buf_puts(b, ",\"time\":");
    json_float(b, e->time);
    al_buf_puts(b, ",\"a\":");
    if (e->kind == AL_EV_DEADLOCK) {
        al_buf w;
        al_buf_init(&w);
        al__words_stuck_at(&w, cache, run, e);
        al__json_str(b, w.data ? w.data : "", w.len);
        al_buf_free(&w);
    } else {
        json_value(b, e->a, 0);
    }
    al_buf_puts(b, ",\"b\":");
    json_value(b, e->b, 0);
    /* version 2: only an event with the flag has the field */
    if (e->flags & AL_EVF_RAISED)
        al_buf_puts(b, ",\"raised\":true");
    al_buf_puts(b, "}\n");
}

/* al__render_json: see views.h.  One line per event, written as it
 * is built so a long trace needs no more memory than its longest line. */
al_status al__render_json(al__sink *s, const al_trace *run, al__progress *p)
{
    al_buf b;
    al_buf_init(&b);
    al__run cache = {0}; /* the run decoded, for a deadlock's words */
    al_event e;
    for (uint32_t seq = (uint32_t)p->done + 1; al_trace_event(run, seq, &e); seq++) {
        json_event(&b, run, &cache, &e);
        if (!al__sink_buf(s, &b))
            break;
        p->done = seq;
    }
    p->began = true;
    al__run_close(&cache);
    al_buf_free(&b);
    return s->err ? AL_EIO : AL_OK;
}
