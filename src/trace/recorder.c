/*
 * recorder.c: the subscriber that keeps a run's events and actors.
 *
 * It is the trace's one writer.  Each event is coded against the one
 * before it (trace_internal.h gives the layout, coder.c the hot path)
 * and appended to the last chunk; each actor is kept as 8 bytes with its
 * name in parts.  Then the run's own subscribers (live views) hear of
 * it, so that they can read the run, this event included, from their
 * callbacks.  This file keeps the storage: chunks, checkpoints, actors
 * and the tables of interned pointers.
 *
 * Cost: O(1) per event and per actor, with no allocation except when a
 * chunk fills (the first after 64 KiB, the others every 2 MiB) or a
 * table doubles.
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

/* al__grow: see trace_internal.h. */
void *al__grow(void *p, size_t *cap, size_t size, size_t min, const char *what)
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
        r->chunks = al__grow(r->chunks, &cap, sizeof *r->chunks, 16, "out of memory (trace chunks)");
        r->used = al__grow(r->used, &r->chunks_cap, sizeof *r->used, 16, "out of memory (trace chunks)");
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
        r->checks = al__grow(r->checks, &r->checks_cap, sizeof *r->checks, 64, "out of memory (trace checkpoints)");
    size_t c = r->nchunks - 1;
    r->checks[r->nchecks++] = (al__check){(uint32_t)c, (uint32_t)(r->p - (uint8_t *)r->chunks[c].p)};
    memcpy(r->p, &r->enc, sizeof r->enc);
    r->p += sizeof r->enc;
    memset(r->last, 0, sizeof r->last); /* a reader starting here knows no kind's last event */
}

/* al__before_event (trace_internal.h) writes a checkpoint before every
 * AL__CHECK_EVERY-th event, and makes room there for it and the events
 * up to the next one, so that coding an event never checks for room. */
_Static_assert((AL__CHECK_EVERY & (AL__CHECK_EVERY - 1)) == 0, "a power of two");
_Static_assert(AL__CHECK_EVERY * AL__EV_MAX + sizeof(al__ctx) <= AL__CHUNK_FIRST / 2,
               "a span of events fits a chunk with room to spare");
void al__before_event(al_trace *r, uint32_t seq)
{
    if (seq != r->enc.seq + 1)
        al__trace_fatal("event out of order"); /* a runtime bug: see vm.c */
    if (r->end - r->p < AL__CHECK_EVERY * AL__EV_MAX + (ptrdiff_t)sizeof(al__ctx))
        new_chunk(r);
    checkpoint(r);
}

/* al__ptrtab_add: see trace_internal.h. */
__attribute__((noinline)) uint32_t al__ptrtab_add(al__ptrtab *t, const void *key, const char *what)
{
    uint32_t i = al__ptrmap_find(&t->map, key);
    if (i == UINT32_MAX) {
        if (t->n == t->cap)
            t->of = al__grow(t->of, &t->cap, sizeof *t->of, 64, what);
        t->of[t->n] = key;
        i = (uint32_t)t->n++;
        al__ptrmap_put(&t->map, key, i);
    }
    struct al__ptrcache *c = &t->cache[((uintptr_t)key >> 3) & (AL__STRCACHE - 1)];
    c->key = key;
    c->idx = i;
    return i;
}

/* text_index interns a name's part (a C string that outlives the run's
 * readers) in the run's table of texts; NULL is index 0. */
static inline uint32_t text_index(al_trace *r, const char *s)
{
    return s ? al__ptrtab_index(&r->texts, s, "out of memory (trace names)") : 0;
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

/* actor_room is how many actors the blocks hold. */
static size_t actor_room(const al_trace *r)
{
    return r->nblocks ? AL__ACTOR_FIRST + (r->nblocks - 1) * AL__ACTOR_BLOCK : 0;
}

/* add_actor_block adds room for more actors: AL__ACTOR_FIRST in the
 * first block, AL__ACTOR_BLOCK (huge pages) in each after it.  Blocks,
 * not one array that doubles, so that the table never exists twice in
 * memory while it is copied. */
static __attribute__((noinline)) void add_actor_block(al_trace *r)
{
    if (r->nblocks == r->blocks_cap)
        r->actor_blocks = al__grow(r->actor_blocks, &r->blocks_cap, sizeof *r->actor_blocks, 16,
                               "out of memory (trace actors)");
    r->actor_blocks[r->nblocks] = al__pages_alloc(r->nblocks ? AL__ACTOR_BLOCK * sizeof(al__actor_rec)
                                                              : AL__ACTOR_FIRST * sizeof(al__actor_rec));
    r->nblocks++;
    r->actor_room = actor_room(r);
}


/* fits_packed says if f's indexes fit the packed word; packed_of packs
 * them (see al__actor_rec). */
static bool fits_packed(const al__actor_full *f)
{
    return f->kind < 7 && f->sep < 4 && f->code < 4096 && f->base < 32768;
}

static uint32_t packed_of(const al__actor_full *f)
{
    return f->kind | f->sep << 3 | f->code << 5 | f->base << 17;
}

/* pack_big keeps a whole in the overflow table, for an actor whose
 * indexes do not fit the packed word. */
static __attribute__((noinline)) al__actor_rec pack_big(al_trace *r, const al_actor_info *a)
{
    if (r->nbig == r->big_cap)
        r->big = al__grow(r->big, &r->big_cap, sizeof *r->big, 64, "out of memory (trace actors)");
    r->big[r->nbig] = (al__actor_full){a->number, text_index(r, a->base), text_index(r, a->code),
                                       a->sep ? sep_index(r, a->sep) : 0, (unsigned)a->kind};
    return (al__actor_rec){(uint32_t)r->nbig++, AL__ACTOR_BIG};
}

/* place_actor makes actor id's record exist: room for a new id (and any
 * id skipped before it, which cannot happen but stays defined), or, for
 * a known id, a rename that drops its formatted name. */
static __attribute__((noinline)) void place_actor(al_trace *r, uint32_t id)
{
    if (id > r->nactors) {
        while (id > actor_room(r))
            add_actor_block(r);
        while (r->nactors < id - 1)
            *al__actor_rec_of(r, ++r->nactors) = (al__actor_rec){0, 0};
        r->nactors = id;
    } else {
        al__run_forget_name(r, id);
    }
}

/* pack_parts packs a's kind and the indexes of its name's parts, and
 * remembers them: the runtime makes actors of one kind in runs (a sleep
 * frame for each sleep(0), a task and its coroutine), so the next actor
 * most often has the same parts and costs four compares. */
static uint32_t pack_parts(al_trace *r, const al_actor_info *a)
{
    struct al__actor_memo *m = &r->memo;
    if (m->packed != AL__ACTOR_BIG && a->base == m->base && a->code == m->code &&
        a->sep == m->sep && a->kind == m->kind)
        return m->packed;
    al__actor_full f = {0, text_index(r, a->base), text_index(r, a->code),
                        a->sep ? sep_index(r, a->sep) : 0, (unsigned)a->kind};
    if (!fits_packed(&f))
        return AL__ACTOR_BIG;
    *m = (struct al__actor_memo){a->base, a->code, a->sep, a->kind, packed_of(&f)};
    return m->packed;
}

/* keep_actor keeps a new actor, or renames a known one.  O(1). */
static __attribute__((noinline)) void keep_actor(al_trace *r, uint32_t id, const al_actor_info *a)
{
    if (id != r->nactors + 1 || id > actor_room(r))
        place_actor(r, id);
    else
        r->nactors = id;
    uint32_t packed = pack_parts(r, a);
    *al__actor_rec_of(r, id) = packed != AL__ACTOR_BIG ? (al__actor_rec){a->number, packed}
                                                       : pack_big(r, a);
    for (size_t i = 0; i < r->nsubs; i++)
        if (r->subs[i].on_actor)
            r->subs[i].on_actor(r->subs[i].ctx, id, a);
}

/* on_actor is keep_actor, with no call for the common case: the next
 * id, room for it in the blocks, the parts of the actor before it
 * and no live view to tell. */
static void on_actor(void *ctx, uint32_t id, const al_actor_info *a)
{
    al_trace *r = ctx;
    const struct al__actor_memo *m = &r->memo;
    if (__builtin_expect(id == r->nactors + 1 && id <= r->actor_room &&
                             m->packed != AL__ACTOR_BIG && a->base == m->base &&
                             a->code == m->code && a->sep == m->sep && a->kind == m->kind &&
                             !r->nsubs, 1)) {
        r->nactors = id;
        *al__actor_rec_of(r, id) = (al__actor_rec){a->number, m->packed};
        return;
    }
    keep_actor(r, id, a);
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
        r->texts.of = al__grow(r->texts.of, &r->texts.cap, sizeof *r->texts.of, 64, "out of memory (trace names)");
        r->texts.of[r->texts.n++] = NULL; /* index 0: no text */
        r->memo.packed = AL__ACTOR_BIG;
        r->quick_mask = AL__CHECK_EVERY - 1;
        al_subscriber s = {al__recorder_on_event, on_actor, r, true}; /* restores follow-ups */
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
    r->quick_mask = 0; /* every event goes through record(), which tells them */
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
    free(r->strs.of);
    free(r->strs.map.slots);
    for (size_t i = 0; i < r->nblocks; i++)
        al__pages_free(r->actor_blocks[i]);
    free(r->actor_blocks);
    free(r->big);
    free(r->texts.of);
    free(r->texts.map.slots);
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
