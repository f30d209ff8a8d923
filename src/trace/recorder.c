/*
 * recorder.c: the subscriber that keeps a run's events and actors.
 *
 * It is the trace's one writer.  Each event is coded against the one
 * before it (trace_internal.h gives the layout) and appended to the last
 * chunk; each actor is kept as 12 bytes with its name in parts.  Then the
 * run's own subscribers (live views) hear of it, so that they can read
 * the run, this event included, from their callbacks.
 *
 * Cost: O(1) per event and per actor, with no allocation except when a
 * chunk fills (every 64 KiB) or a table doubles.
 */
#include "trace_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* al__trace_fatal: see trace_internal.h. */
_Noreturn void al__trace_fatal(const char *what)
{
    fprintf(stderr, "asynclab: trace: %s\n", what);
    abort();
}

/* grow returns array p of *cap items of size bytes with room for twice
 * as many (at least min), and updates *cap. */
static void *grow(void *p, size_t *cap, size_t size, size_t min, const char *what)
{
    size_t n = *cap ? 2 * *cap : min;
    void *q = realloc(p, n * size);
    if (!q)
        al__trace_fatal(what);
    *cap = n;
    return q;
}

/* ---- the pointer map ---- */

static size_t slot_of(const void *key, size_t cap)
{
    uint64_t h = (uint64_t)(uintptr_t)key * 0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 32) & (cap - 1);
}

uint32_t al__ptrmap_find(const al__ptrmap *m, const void *key)
{
    if (!m->cap)
        return UINT32_MAX;
    for (size_t j = slot_of(key, m->cap);; j = (j + 1) & (m->cap - 1)) {
        if (m->slots[j].key == key)
            return m->slots[j].idx;
        if (!m->slots[j].key)
            return UINT32_MAX;
    }
}

static void ptrmap_insert(al__ptrmap *m, const void *key, uint32_t idx)
{
    size_t j = slot_of(key, m->cap);
    while (m->slots[j].key)
        j = (j + 1) & (m->cap - 1);
    m->slots[j].key = key;
    m->slots[j].idx = idx;
}

void al__ptrmap_put(al__ptrmap *m, const void *key, uint32_t idx)
{
    if (2 * (m->len + 1) > m->cap) {
        al__ptrmap old = *m;
        m->cap = old.cap ? 2 * old.cap : 64;
        m->slots = calloc(m->cap, sizeof *m->slots);
        if (!m->slots)
            al__trace_fatal("out of memory: string table");
        for (size_t i = 0; i < old.cap; i++)
            if (old.slots[i].key)
                ptrmap_insert(m, old.slots[i].key, old.slots[i].idx);
        free(old.slots);
    }
    ptrmap_insert(m, key, idx);
    m->len++;
}

/* ---- storage ---- */

/* new_chunk closes the last chunk (noting how much of it is used) and
 * starts another: AL__CHUNK_FIRST bytes for the first, so that a lesson's
 * few hundred events stay small, and AL__CHUNK_BYTES of huge pages for
 * each after it. */
static void new_chunk(al_trace *r)
{
    if (r->nchunks)
        r->used[r->nchunks - 1] = (uint32_t)(r->p - (uint8_t *)r->chunks[r->nchunks - 1].p);
    if (r->nchunks == r->chunks_cap) {
        size_t cap = r->chunks_cap;
        r->chunks = grow(r->chunks, &cap, sizeof *r->chunks, 16, "out of memory (trace chunks)");
        r->used = grow(r->used, &r->chunks_cap, sizeof *r->used, 16, "out of memory (trace chunks)");
    }
    al__pages c = al__pages_alloc(r->nchunks ? AL__CHUNK_BYTES : AL__CHUNK_FIRST);
    r->chunks[r->nchunks] = c;
    r->used[r->nchunks++] = 0;
    r->p = c.p;
    r->end = r->p + c.n;
}

/* checkpoint writes the context the next event is coded against, and
 * notes where it is. */
static void checkpoint(al_trace *r)
{
    if (r->nchecks == r->checks_cap)
        r->checks = grow(r->checks, &r->checks_cap, sizeof *r->checks, 64, "out of memory (trace checkpoints)");
    size_t c = r->nchunks - 1;
    r->checks[r->nchecks++] = (al__check){(uint32_t)c, (uint32_t)(r->p - (uint8_t *)r->chunks[c].p)};
    memcpy(r->p, &r->enc, sizeof r->enc);
    r->p += sizeof r->enc;
}

/* before_event makes room for the next event and, every AL__CHECK_EVERY
 * events, a checkpoint; it runs on one event in 128 or so. */
_Static_assert((AL__CHECK_EVERY & (AL__CHECK_EVERY - 1)) == 0, "a power of two");
static __attribute__((noinline)) void before_event(al_trace *r, uint32_t seq)
{
    if (seq != r->enc.seq + 1)
        al__trace_fatal("event out of order"); /* a runtime bug: see vm.c */
    if (r->end - r->p < AL__EV_MAX + (ptrdiff_t)sizeof(al__ctx))
        new_chunk(r);
    if ((seq - 1) % AL__CHECK_EVERY == 0)
        checkpoint(r);
}

/* intern_slow finds or adds s in the run's table of strings. */
static __attribute__((noinline)) uint32_t intern_slow(al_trace *r, const al_str *s)
{
    uint32_t i = al__ptrmap_find(&r->strmap, s);
    if (i == UINT32_MAX) {
        if (r->nstrs == r->strs_cap)
            r->strs = grow(r->strs, &r->strs_cap, sizeof *r->strs, 64, "out of memory (trace strings)");
        r->strs[r->nstrs] = s;
        i = (uint32_t)r->nstrs++;
        al__ptrmap_put(&r->strmap, s, i);
    }
    struct al__strcache *c = &r->strcache[((uintptr_t)s >> 4) & (AL__STRCACHE - 1)];
    c->key = s;
    c->idx = i;
    return i;
}

/* intern_str is s's index in the run's table of strings: most events
 * name a callback or an operation, the same few strings over and over,
 * so a direct-mapped cache answers before the hash map. */
static inline uint32_t intern_str(al_trace *r, const al_str *s)
{
    const struct al__strcache *c = &r->strcache[((uintptr_t)s >> 4) & (AL__STRCACHE - 1)];
    return c->key == s ? c->idx : intern_slow(r, s);
}

/* ---- coding ---- */

static inline uint8_t *put_varint(uint8_t *p, uint64_t x)
{
    while (x >= 0x80) {
        *p++ = (uint8_t)(x | 0x80);
        x >>= 7;
    }
    *p++ = (uint8_t)x;
    return p;
}

static inline uint64_t bits_of(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

/* The tag of each value type that needs no look at its payload. */
static const uint8_t plain_tags[] = {
    [AL_NONE] = AL__V_NONE, [AL_INT] = AL__V_INT, [AL_STR] = AL__V_STR,
    [AL_LIST] = AL__V_LIST, [AL_TUPLE] = AL__V_TUPLE, [AL_EXC] = AL__V_EXC,
    [AL_PTR] = AL__V_PTR,
};

/* value_tag picks v's tag; put_value writes the payload it calls for. */
static inline unsigned value_tag(const al__ctx *c, const al_value *v, uint64_t now)
{
    if (v->type == AL_FLOAT) {
        uint64_t x = bits_of(v->u.f);
        return x == now ? AL__V_FLOAT_NOW : x == bits_of(c->last_float) ? AL__V_FLOAT_LAST
                                                                         : AL__V_FLOAT;
    }
    if (v->type == AL_BOOL)
        return v->u.b ? AL__V_TRUE : AL__V_FALSE;
    return (unsigned)v->type < sizeof plain_tags ? plain_tags[v->type] : AL__V_NONE;
}

static inline uint8_t *put_value(al_trace *r, uint8_t *p, unsigned tag, const al_value *v)
{
    if (tag == AL__V_STR)
        return put_varint(p, intern_str(r, v->u.s));
    if (tag < AL__V_INT || tag == AL__V_FLOAT_LAST || tag == AL__V_FLOAT_NOW)
        return p;
    if (tag == AL__V_INT)
        return put_varint(p, ((uint64_t)v->u.i << 1) ^ (uint64_t)(v->u.i >> 63));
    if (tag == AL__V_FLOAT)
        r->enc.last_float = v->u.f;
    memcpy(p, &v->u, 8); /* a float's bits, or a list's, tuple's or exception's pointer */
    return p + 8;
}

/* The two-bit codes for each field, the cheapest that fits first.  Each
 * is a chain of selects from the dearest code up, which the compiler
 * turns into conditional moves: which code fits varies from event to
 * event, and a mispredicted branch costs more than the whole chain. */
static inline unsigned cause_mode(const al__ctx *c, uint32_t cause)
{
    unsigned m = cause == c->cause ? AL__C_PREV_CAUSE : AL__C_FULL;
    m = cause == c->seq ? AL__C_PREV_SEQ : m;
    return cause ? m : AL__C_ZERO;
}

static inline unsigned actor_mode(const al__ctx *c, uint32_t a)
{
    unsigned m = a == c->task ? AL__A_PREV_TASK : AL__A_FULL;
    m = a == c->other ? AL__A_PREV_OTHER : m;
    return a == c->actor ? AL__A_PREV_ACTOR : m;
}

static inline unsigned other_mode(const al__ctx *c, uint32_t o)
{
    unsigned m = o == c->other ? AL__O_PREV_OTHER : AL__O_FULL;
    m = o == c->actor ? AL__O_PREV_ACTOR : m;
    return o ? m : AL__O_ZERO;
}

static inline unsigned task_mode(const al__ctx *c, uint32_t t, uint32_t actor)
{
    unsigned m = t == actor ? AL__T_ACTOR : AL__T_FULL;
    m = t ? m : AL__T_ZERO;
    return t == c->task ? AL__T_PREV_TASK : m;
}

/* encode appends e at r->p, coded against r->enc.  It is the recorder's
 * hot path: straight-line code but for the fields and values that are
 * new, and calls only on a string not seen lately. */
static inline void encode(al_trace *r, const al_event *e)
{
    al__ctx *c = &r->enc;
    uint8_t *p = r->p;
    uint64_t now = bits_of(e->time);
    unsigned cm = cause_mode(c, e->cause), am = actor_mode(c, e->actor);
    unsigned om = other_mode(c, e->other), tm = task_mode(c, e->task, e->actor);
    unsigned tags = 0;
    if ((e->a.type | e->b.type) != AL_NONE) /* AL_NONE is 0: most events carry none */
        tags = value_tag(c, &e->a, now) | value_tag(c, &e->b, now) << 4;
    bool moved = now != bits_of(c->time);
    p[0] = (uint8_t)(e->kind | (tags ? AL__KIND_TAGS : 0) | (moved ? AL__KIND_TIME : 0));
    p[1] = (uint8_t)(cm | am << 2 | om << 4 | tm << 6);
    p[2] = (uint8_t)tags;
    p += tags ? 3 : 2;
    if (cm == AL__C_FULL)
        p = put_varint(p, e->seq - e->cause);
    if (am == AL__A_FULL)
        p = put_varint(p, e->actor);
    if (om == AL__O_FULL)
        p = put_varint(p, e->other);
    if (tm == AL__T_FULL)
        p = put_varint(p, e->task);
    if (moved) {
        memcpy(p, &now, 8);
        p += 8;
        c->time = e->time;
    }
    if (tags) {
        p = put_value(r, p, tags & 15, &e->a);
        p = put_value(r, p, tags >> 4, &e->b);
    }
    c->seq = e->seq;
    c->cause = e->cause;
    c->actor = e->actor;
    c->other = e->other;
    c->task = e->task;
    r->p = p;
}

/* forward hands e to the run's own subscribers (live views). */
static __attribute__((noinline)) void forward(al_trace *r, const al_event *e)
{
    for (size_t i = 0; i < r->nsubs; i++)
        if (r->subs[i].on_event)
            r->subs[i].on_event(r->subs[i].ctx, e);
}

_Static_assert(AL_EV__COUNT <= AL__KIND_TAGS, "event kinds must fit in the kind byte's six bits");

/* on_event: the recorder's subscriber callback.  Events arrive in seq
 * order from 1 (before_event checks it at each checkpoint). */
static void on_event(void *ctx, const al_event *e)
{
    al_trace *r = ctx;
    if (__builtin_expect(((e->seq - 1) & (AL__CHECK_EVERY - 1)) == 0 ||
                             r->end - r->p < AL__EV_MAX + (ptrdiff_t)sizeof(al__ctx),
                         0))
        before_event(r, e->seq);
    encode(r, e);
    if (r->nsubs)
        forward(r, e);
}

/* text_index interns a name's part (a C string that outlives the run's
 * readers) in the run's table of texts; NULL is index 0. */
static __attribute__((noinline)) uint32_t text_slow(al_trace *r, const char *s)
{
    uint32_t i = al__ptrmap_find(&r->textmap, s);
    if (i == UINT32_MAX) {
        if (r->ntexts == r->texts_cap)
            r->texts = grow(r->texts, &r->texts_cap, sizeof *r->texts, 64, "out of memory (trace names)");
        r->texts[r->ntexts] = s;
        i = (uint32_t)r->ntexts++;
        al__ptrmap_put(&r->textmap, s, i);
    }
    struct al__textcache *c = &r->textcache[((uintptr_t)s >> 3) & (AL__STRCACHE - 1)];
    c->key = s;
    c->idx = i;
    return i;
}

static inline uint32_t text_index(al_trace *r, const char *s)
{
    if (!s)
        return 0;
    const struct al__textcache *c = &r->textcache[((uintptr_t)s >> 3) & (AL__STRCACHE - 1)];
    return c->key == s ? c->idx : text_slow(r, s);
}

/* sep_index finds or adds sep in the small table of separators; a
 * separator past the table's room is a runtime bug (there are three). */
static unsigned sep_index(al_trace *r, const char *sep)
{
    if (!sep)
        return 0;
    for (size_t i = 1; i <= r->nseps; i++)
        if (r->seps[i] == sep)
            return (unsigned)i;
    for (size_t i = 1; i <= r->nseps; i++)
        if (strcmp(r->seps[i], sep) == 0)
            return (unsigned)i;
    if (r->nseps == AL__MAX_SEPS)
        al__trace_fatal("too many name separators");
    r->seps[++r->nseps] = sep;
    return (unsigned)r->nseps;
}

/* add_actor_block adds room for more actors: AL__ACTOR_FIRST in the
 * first block, AL__ACTOR_BLOCK (huge pages) in each after it.  Blocks,
 * not one array that doubles, so that the table never exists twice in
 * memory while it is copied. */
static __attribute__((noinline)) void add_actor_block(al_trace *r)
{
    if (r->nblocks == r->blocks_cap)
        r->actor_blocks = grow(r->actor_blocks, &r->blocks_cap, sizeof *r->actor_blocks, 16,
                               "out of memory (trace actors)");
    r->actor_blocks[r->nblocks] = al__pages_alloc(r->nblocks ? AL__ACTOR_BLOCK * sizeof(al__actor_rec)
                                                              : AL__ACTOR_FIRST * sizeof(al__actor_rec));
    r->nblocks++;
}

/* actor_room is how many actors the blocks hold. */
static size_t actor_room(const al_trace *r)
{
    return r->nblocks ? AL__ACTOR_FIRST + (r->nblocks - 1) * AL__ACTOR_BLOCK : 0;
}

/* pack_actor packs f into 8 bytes, or keeps it in the overflow table. */
static al__actor_rec pack_actor(al_trace *r, const al__actor_full *f)
{
    if (f->kind < 7 && f->sep < 4 && f->code < 4096 && f->base < 32768)
        return (al__actor_rec){f->number, f->kind | f->sep << 3 | f->code << 5 | f->base << 17};
    if (r->nbig == r->big_cap)
        r->big = grow(r->big, &r->big_cap, sizeof *r->big, 64, "out of memory (trace actors)");
    r->big[r->nbig] = *f;
    return (al__actor_rec){(uint32_t)r->nbig++, AL__ACTOR_BIG};
}

/* on_actor keeps a new actor, or renames a known one. */
static void on_actor(void *ctx, uint32_t id, const al_actor_info *a)
{
    al_trace *r = ctx;
    if (id > r->nactors) {
        while (id > actor_room(r))
            add_actor_block(r);
        while (r->nactors < id - 1) /* an id skipped: cannot happen, but stay defined */
            *al__actor_rec_of(r, ++r->nactors) = (al__actor_rec){0, 0};
        r->nactors = id;
    } else {
        al__run_forget_name(r, id); /* a rename */
    }
    al__actor_full f = {a->number, text_index(r, a->base), text_index(r, a->code),
                        a->sep ? sep_index(r, a->sep) : 0, (unsigned)a->kind};
    *al__actor_rec_of(r, id) = pack_actor(r, &f);
    for (size_t i = 0; i < r->nsubs; i++)
        if (r->subs[i].on_actor)
            r->subs[i].on_actor(r->subs[i].ctx, id, a);
}

/* al_trace_new: see trace.h. */
al_trace *al_trace_new(al_vm *vm)
{
    al_trace *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->cursor = calloc(1, sizeof *r->cursor);
    r->names = calloc(1, sizeof *r->names);
    r->lesson = (al_trace_lesson){0, "", "", ""};
    if (r->cursor && r->names) {
        new_chunk(r);
        r->texts = grow(r->texts, &r->texts_cap, sizeof *r->texts, 64, "out of memory (trace names)");
        r->texts[r->ntexts++] = NULL; /* index 0: no text */
        al_subscriber s = {on_event, on_actor, r};
        if (al_vm_subscribe(vm, &s))
            return r;
    }
    al_trace_free(r);
    return NULL;
}

/* al_trace_subscribe: see trace.h. */
bool al_trace_subscribe(al_trace *r, const al_subscriber *s)
{
    if (r->nsubs == AL_MAX_SUBSCRIBERS)
        return false;
    r->subs[r->nsubs++] = *s;
    return true;
}

/* al_trace_free releases everything the run holds (not the vm's values). */
void al_trace_free(al_trace *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nchunks; i++)
        al__pages_free(r->chunks[i]);
    free(r->chunks);
    free(r->used);
    free(r->checks);
    free(r->strs);
    free(r->strmap.slots);
    for (size_t i = 0; i < r->nblocks; i++)
        al__pages_free(r->actor_blocks[i]);
    free(r->actor_blocks);
    free(r->big);
    free(r->texts);
    free(r->textmap.slots);
    if (r->names) {
        for (size_t i = 0; i < r->names->nblocks; i++)
            free(r->names->blocks[i]);
        free(r->names->blocks);
        free(r->names->of);
    }
    free(r->names);
    free(r->cursor);
    free(r);
}
