/*
 * run.c: the read-only view of a recorded run.
 *
 * Views read events by number and actors by id; they never see how the
 * recorder packed them (trace_internal.h).  An event is decoded from the
 * nearest checkpoint before it, or from where the last read stopped, so
 * reading forwards costs O(1) per event and reading at random at most
 * AL__CHECK_EVERY decodes.  Names are formatted the first time a view
 * asks and kept, so making an actor in the runtime formats nothing.
 */
#include "trace_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- decoding ---- */

static inline const uint8_t *get_varint(const uint8_t *p, uint64_t *x)
{
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        uint8_t b = *p++;
        v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80))
            break;
    }
    *x = v;
    return p;
}

/* get_delta reads a field coded in full: the zigzag of its difference
 * from last (coder.c's put_delta). */
static inline const uint8_t *get_delta(const uint8_t *p, uint32_t last, uint32_t *x)
{
    uint64_t v;
    p = get_varint(p, &v);
    uint32_t z = (uint32_t)v;
    *x = last + ((z >> 1) ^ (uint32_t)-(int32_t)(z & 1));
    return p;
}

static const uint8_t *get_value(const al_trace *r, const uint8_t *p, unsigned tag, al__ctx *c,
                                double now, al_value *v)
{
    uint64_t x;
    *v = al_none();
    switch (tag) {
    case AL__V_PTR: v->type = AL_PTR; break;
    case AL__V_FALSE: *v = al_bool(false); break;
    case AL__V_TRUE: *v = al_bool(true); break;
    case AL__V_INT:
        p = get_varint(p, &x);
        *v = al_int((int64_t)(x >> 1) ^ -(int64_t)(x & 1));
        break;
    case AL__V_FLOAT:
        v->type = AL_FLOAT;
        memcpy(&v->u.f, p, 8);
        c->last_float = v->u.f;
        p += 8;
        break;
    case AL__V_FLOAT_LAST: *v = al_float(c->last_float); break;
    case AL__V_FLOAT_NOW: *v = al_float(now); break;
    case AL__V_STR:
        p = get_varint(p, &x);
        v->type = AL_STR;
        v->u.s = x < r->strs.n ? r->strs.of[x] : NULL;
        break;
    case AL__V_LIST:
    case AL__V_TUPLE:
    case AL__V_EXC:
    case AL__V_EXC_RAISED:
        v->type = tag == AL__V_LIST ? AL_LIST : tag == AL__V_TUPLE ? AL_TUPLE : AL_EXC;
        memcpy(&v->u.p, p, sizeof v->u.p);
        p += sizeof v->u.p;
        break;
    default: break;
    }
    return p;
}

/* decode_rule reads an event coded by rule i (trace_internal.h's
 * rules) from p: the mirror of coder.c's by_rule. */
static const uint8_t *decode_rule(const al_trace *r, const uint8_t *p, unsigned i, al__ctx *c,
                                  al__kinds lasts, al_event *e)
{
    const al__rule *ru = &al__rules[i];
    uint32_t *last = lasts[AL__RULE_BASE + i], f[4];
    for (unsigned l = 0; l < 4; l++) {
        if (ru->from[l] == AL__F_CODED)
            p = get_delta(p, last[l], &f[l]);
        else
            f[l] = al__from_ctx(c, ru->from[l]);
    }
    *e = (al_event){.seq = c->seq + 1, .kind = ru->kind, .cause = f[0], .actor = f[1],
                    .other = f[2], .task = f[3], .time = c->time};
    e->a.type = ru->a_type;
    if (ru->a_type == AL_FLOAT)
        e->a.u.f = c->time;
    if (ru->b_str) {
        uint64_t x;
        p = get_varint(p, &x);
        e->b.type = AL_STR;
        e->b.u.s = x < r->strs.n ? r->strs.of[x] : NULL;
    }
    *c = (al__ctx){e->seq, f[0], f[1], f[2], f[3], c->time, c->last_float};
    for (unsigned l = 0; l < 4; l++)
        if (ru->from[l] == AL__F_CODED)
            last[l] = f[l]; /* as by_rule keeps them: only the fields it codes */
    return p;
}

/* decode reads the event after context c from p into *e, advances c to
 * it and returns where the next event starts.  The exact mirror of
 * recorder.c's encode (and of by_rule, for an event coded by a rule). */
static const uint8_t *decode(const al_trace *r, const uint8_t *p, al__ctx *c, al__kinds lasts,
                             al_event *e)
{
    unsigned k = *p++;
    if (k >= AL__RULE_BASE && k < AL__KIND_TAGS)
        return decode_rule(r, p, k - AL__RULE_BASE, c, lasts, e);
    unsigned m = *p++, tags = k & AL__KIND_TAGS ? *p++ : 0;
    uint32_t seq = c->seq + 1;
    e->seq = seq;
    e->kind = (uint16_t)(k & (AL__KIND_TAGS - 1));
    uint32_t *last = lasts[e->kind]; /* six bits: within the table */
    switch (m & 3) {
    case AL__C_ZERO: e->cause = 0; break;
    case AL__C_PREV_SEQ: e->cause = c->seq; break;
    case AL__C_PREV_CAUSE: e->cause = c->cause; break;
    default: p = get_delta(p, last[0], &e->cause); break;
    }
    switch (m >> 2 & 3) {
    case AL__A_PREV_ACTOR: e->actor = c->actor; break;
    case AL__A_PREV_OTHER: e->actor = c->other; break;
    case AL__A_PREV_TASK: e->actor = c->task; break;
    default: p = get_delta(p, last[1], &e->actor); break;
    }
    switch (m >> 4 & 3) {
    case AL__O_ZERO: e->other = 0; break;
    case AL__O_PREV_ACTOR: e->other = c->actor; break;
    case AL__O_PREV_OTHER: e->other = c->other; break;
    default: p = get_delta(p, last[2], &e->other); break;
    }
    switch (m >> 6 & 3) {
    case AL__T_PREV_TASK: e->task = c->task; break;
    case AL__T_ZERO: e->task = 0; break;
    case AL__T_ACTOR: e->task = e->actor; break;
    default: p = get_delta(p, last[3], &e->task); break;
    }
    e->time = c->time;
    if (k & AL__KIND_TIME) {
        memcpy(&e->time, p, 8);
        p += 8;
    }
    p = get_value(r, p, tags & 15, c, e->time, &e->a);
    p = get_value(r, p, tags >> 4, c, e->time, &e->b);
    e->flags = (tags >> 4) == AL__V_EXC_RAISED ? AL_EVF_RAISED : 0;
    *c = (al__ctx){seq, e->cause, e->actor, e->other, e->task, e->time, c->last_float};
    memcpy(last, &e->cause, 4 * sizeof *last);
    return p;
}

uint32_t al_trace_len(const al_trace *r) { return r->enc.seq; }

/* al__chunk_end: see trace_internal.h.  The last chunk is still being
 * written: its end is the write position. */
size_t al__chunk_end(const al_trace *r, size_t i)
{
    return i + 1 == r->nchunks ? (size_t)(r->p - (const uint8_t *)r->chunks[i].p) : r->used[i];
}

/* al_trace_event: see trace.h.  Decodes from the cursor when it is at or
 * before seq within the same checkpoint's span, else from the span's
 * checkpoint. */
bool al_trace_event(const al_trace *r, uint32_t seq, al_event *out)
{
    if (seq == 0 || seq > r->enc.seq)
        return false;
    al__cursor *cur = r->cursor;
    size_t k = (seq - 1) / AL__CHECK_EVERY;
    if (!cur->valid || cur->ctx.seq >= seq || (cur->ctx.seq) / AL__CHECK_EVERY < k)
        *cur = (al__cursor){.chunk = r->checks[k].chunk, .off = r->checks[k].off, .valid = true};
    al_event e;
    do {
        if (cur->off >= al__chunk_end(r, cur->chunk)) {
            cur->chunk++;
            cur->off = 0;
        }
        const uint8_t *base = r->chunks[cur->chunk].p;
        if (cur->ctx.seq % AL__CHECK_EVERY == 0) { /* a checkpoint's context comes first */
            memcpy(&cur->ctx, base + cur->off, sizeof cur->ctx);
            memset(cur->last, 0, sizeof cur->last);
            cur->off += (uint32_t)sizeof cur->ctx;
        }
        cur->off = (uint32_t)(decode(r, base + cur->off, &cur->ctx, cur->last, &e) - base);
    } while (cur->ctx.seq < seq);
    *out = e;
    return true;
}

/* ---- actors ---- */

size_t al_trace_actor_count(const al_trace *r) { return r->nactors; }

/* al__actor_get: see trace_internal.h. */
al__actor_full al__actor_get(const al_trace *r, uint32_t id)
{
    al__actor_rec a = *al__actor_rec_of(r, id);
    if (a.packed == AL__ACTOR_BIG)
        return r->big[a.number];
    return (al__actor_full){a.number, a.packed >> 17, a.packed >> 5 & 4095, a.packed >> 3 & 3,
                            a.packed & 7};
}

static bool known(const al_trace *r, uint32_t id) { return id >= 1 && id <= r->nactors; }

al_actor_kind al_trace_actor_kind(const al_trace *r, uint32_t id)
{
    return known(r, id) ? (al_actor_kind)al__actor_get(r, id).kind : AL_ACTOR_MAIN;
}

/* keep_text copies text into a block owned by the run's name cache. */
static const char *keep_text(al__names *n, const char *text)
{
    if (n->nblocks == n->blocks_cap) {
        size_t cap = n->blocks_cap ? 2 * n->blocks_cap : 64;
        char **b = realloc(n->blocks, cap * sizeof *b);
        if (!b)
            al__trace_fatal("out of memory (actor names)");
        n->blocks = b;
        n->blocks_cap = cap;
    }
    size_t len = strlen(text) + 1;
    char *copy = malloc(len);
    if (!copy)
        al__trace_fatal("out of memory (actor names)");
    memcpy(copy, text, len);
    n->blocks[n->nblocks++] = copy;
    return copy;
}

/* al_trace_actor_name: see trace.h.  A plain name is the base text itself;
 * a numbered one is formatted once. */
const char *al_trace_actor_name(const al_trace *r, uint32_t id)
{
    if (!known(r, id))
        return NULL;
    al__actor_full a = al__actor_get(r, id);
    const char *base = r->texts.of[a.base] ? r->texts.of[a.base] : "";
    unsigned sep = a.sep;
    if (!a.number && !sep)
        return base;
    al__names *n = r->names;
    if (n->cap < r->nactors) {
        size_t cap = n->cap ? n->cap : 256;
        while (cap < r->nactors)
            cap *= 2;
        const char **of = realloc(n->of, cap * sizeof *of);
        if (!of)
            al__trace_fatal("out of memory (actor names)");
        memset(of + n->cap, 0, (cap - n->cap) * sizeof *of);
        n->of = of;
        n->cap = cap;
    }
    if (!n->of[id - 1]) {
        char buf[256];
        snprintf(buf, sizeof buf, "%s%s%lu", base, sep ? r->seps[sep] : "",
                 (unsigned long)a.number);
        n->of[id - 1] = keep_text(n, buf);
    }
    return n->of[id - 1];
}

/* al__run_forget_name: see trace_internal.h. */
void al__run_forget_name(al_trace *r, uint32_t id)
{
    if (id - 1 < r->names->cap)
        r->names->of[id - 1] = NULL;
}

bool al_trace_actor(const al_trace *r, uint32_t id, al_actor *out)
{
    if (!known(r, id))
        return false;
    al__actor_full a = al__actor_get(r, id);
    out->kind = (al_actor_kind)a.kind;
    out->name = al_trace_actor_name(r, id);
    out->code = r->texts.of[a.code];
    return true;
}

/* al_trace_task_of: see trace.h. */
uint32_t al_trace_task_of(const al_trace *r, const al_event *e)
{
    if (e->kind == AL_EV_TASK_STEP && al_trace_actor_kind(r, e->actor) == AL_ACTOR_TASK)
        return e->actor;
    return e->task;
}

/* ---- the lesson and the figures ---- */

void al_trace_set_lesson(al_trace *r, const al_trace_lesson *lesson) { r->lesson = *lesson; }

const al_trace_lesson *al_trace_lesson_of(const al_trace *r) { return &r->lesson; }

/* al_trace_stats_of: see trace.h.  Bytes in use, not capacity: the last
 * chunk's free tail and the tables' spare room are not counted. */
void al_trace_stats_of(const al_trace *r, al_trace_stats *out)
{
    size_t bytes = 0;
    for (size_t i = 0; i < r->nchunks; i++)
        bytes += al__chunk_end(r, i);
    bytes += r->nchecks * sizeof *r->checks + r->strs.n * sizeof *r->strs.of +
             r->strs.map.len * 2 * sizeof *r->strs.map.slots;
    out->events = r->enc.seq;
    out->event_bytes = bytes;
    out->actors = r->nactors;
    out->actor_bytes = r->nactors * sizeof(al__actor_rec) + r->nbig * sizeof *r->big +
                       r->texts.n * sizeof *r->texts.of +
                       r->texts.map.len * 2 * sizeof *r->texts.map.slots;
}
