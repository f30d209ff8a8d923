/*
 * trace_internal.h: the recorder's storage, shared by recorder.c (which
 * writes it) and run.c (which reads it back for the views).
 *
 * An event is kept as a few bytes, not as the 72-byte al_event the
 * runtime emits: most of its fields repeat a field of the event before
 * (the same cause, the same actor, the task still running), so each field
 * is written as a two-bit reference to that context, or in full as a
 * varint when it is new; an event that follows the one before it by a
 * rule (below) is one byte naming the rule and the fields
 * the rule does not give.  A run of 100,000 sleeping tasks averages
 * about 4.3 bytes an event this way, a sleep(0) ping-pong 2.7.  The price is that an event can be read only
 * by decoding from a point whose context is known: a checkpoint is kept
 * every AL__CHECK_EVERY events, so reading any event decodes at most that
 * many, and reading forwards decodes each once (run.c keeps a cursor).
 *
 * The byte layout of one event coded by a rule: its kind byte,
 * AL__RULE_BASE + the rule's index, then the fields the rule codes (see
 * AL__RULES).  Of any other event:
 *
 *   kind byte   bits 0-5 the kind, bit 6 a tags byte follows, bit 7 the
 *               clock moved (a double follows the references)
 *   mode byte   two bits for each of cause, actor, other and task, saying
 *               where the field comes from (the AL__C_/A_/O_/T_ codes)
 *   tags byte   (bit 6) the types of a (low nibble) and b (high nibble);
 *               b's EXC_RAISED is an exception with the event's flag
 *               AL_EVF_RAISED, the only flag an event carries so far
 *   then        each field coded "in full" in the order cause, actor,
 *               other, task, as the zigzag LEB128 varint of its
 *               difference from the same field of the last event of the
 *               same kind (0 if none since the last checkpoint): a
 *               callback's cause is the call_soon queued after the last
 *               callback's, a timer_fire wakes the task after the last
 *               one's, so the difference takes one byte where the
 *               number takes three; then the time; a's payload; b's
 *               payload.
 *
 * Every AL__CHECK_EVERY events the context the next event is coded
 * against (an al__ctx) is written whole before it: a checkpoint, found
 * through the small index r->checks.
 *
 * Values: None, True, False and runtime objects take no payload; an int
 * is a zigzag varint; a float is 8 bytes unless it equals the clock or
 * the last float written; a str is a varint index into the run's table
 * of strings (each distinct str once); a list, tuple or exception is its
 * pointer (it lives in the vm's arena, as long as the run may be read).
 */
#ifndef AL_TRACE_INTERNAL_H
#define AL_TRACE_INTERNAL_H

#include "asynclab.h"

#define AL__PAGES_HUGE ((size_t)2 << 20) /* a huge page (pages.c) */
#define AL__CHUNK_FIRST (64 * 1024)      /* the first chunk of events; */
#define AL__CHUNK_BYTES AL__PAGES_HUGE   /* the others: a small run stays small */
#define AL__EV_MAX 64               /* no encoded event is longer */
#define AL__CHECK_EVERY 128         /* events between checkpoints */
#define AL__ACTOR_FIRST 4096        /* actors in the first block of the actor table, */
#define AL__ACTOR_BLOCK (AL__PAGES_HUGE / sizeof(al__actor_rec)) /* in each other */
#define AL__STRCACHE 64             /* the direct-mapped caches of strings */

/* Where a field comes from: the mode byte's codes. */
enum { AL__C_ZERO, AL__C_PREV_SEQ, AL__C_PREV_CAUSE, AL__C_FULL };      /* cause */
enum { AL__A_PREV_ACTOR, AL__A_PREV_OTHER, AL__A_PREV_TASK, AL__A_FULL }; /* actor */
enum { AL__O_ZERO, AL__O_PREV_ACTOR, AL__O_PREV_OTHER, AL__O_FULL };   /* other */
enum { AL__T_PREV_TASK, AL__T_ZERO, AL__T_ACTOR, AL__T_FULL };          /* task */

/* The value tags of the tags byte. */
enum {
    AL__V_NONE, AL__V_PTR, AL__V_FALSE, AL__V_TRUE, AL__V_INT, AL__V_FLOAT,
    AL__V_FLOAT_LAST, AL__V_FLOAT_NOW, AL__V_STR, AL__V_LIST, AL__V_TUPLE, AL__V_EXC,
    AL__V_EXC_RAISED, /* b only: an exception, on an event flagged AL_EVF_RAISED */
};

#define AL__KIND_TAGS 0x40u /* kind byte: a tags byte follows */
#define AL__KIND_TIME 0x80u /* kind byte: the time follows */

/* ---- rules: events coded from the event before ----
 *
 * Most events of a run follow the one before them in a fixed way: the
 * resume that a delegate starts names the delegate's frame and has its
 * cause; the yield that a delegator passes up carries its delegate's
 * value; the call_soon that follows a bare yield's task_suspend belongs
 * to the same task.  Such an event is coded as one kind byte naming a
 * rule (AL__RULE_BASE + its index, a value no other kind byte takes)
 * followed only by the fields the rule does not give, as varints of
 * their difference from the same field of the last event of that rule.
 * Each rule gives each of cause, actor, other and task from the event
 * before (or 0), requires a to be None (or a bare pointer, which the
 * recorder keeps no payload of either way, or a float equal to the
 * clock), b to be None or a str, and the clock not to have moved.  The
 * coder tries the rule that the pair (kind before, kind) names, and
 * codes the event in the general way when a field does not fit it, so a
 * rule changes how many bytes an event takes and how long coding it
 * takes, never what is read back.  Four rules that code no field (1, 2,
 * 5 and 11) also restore the follow-ups the runtime leaves out of the
 * stream (trace.h's al_subscriber; coder.c's restore). */
#define AL__RULE_BASE 48u /* kind byte: 48 + the rule's index */
enum { AL__F_ZERO, AL__F_SEQ, AL__F_CAUSE, AL__F_ACTOR, AL__F_OTHER, AL__F_TASK, AL__F_CODED };

/* A rule: the kinds of the event before and of this one, where each of
 * cause, actor, other and task comes from (AL__F_*: the field of the
 * event before, its seq, zero, or coded), a's type (AL_NONE, AL_PTR, or
 * AL_FLOAT for the clock's time) and whether b is a str (coded as its
 * index) or None. */
typedef struct al__rule {
    uint8_t prev, kind, from[4], a_type, b_str;
} al__rule;

#define AL__RULES(X)                                                                            \
    /* a delegate resumes the new frame with None */                                            \
    X(1, DELEGATE, RESUME, CAUSE, OTHER, ZERO, TASK, AL_NONE, 0)                                 \
    /* a task's step sends None into its coroutine */                                           \
    X(2, TASK_STEP, RESUME, SEQ, OTHER, ZERO, TASK, AL_NONE, 0)                                  \
    /* a delegating frame forwards the send to its delegate */                                  \
    X(3, RESUME, RESUME, SEQ, CODED, ZERO, TASK, AL_NONE, 0)                                     \
    /* the frame just resumed returns None, or yields None or a future */                        \
    X(4, RESUME, RETURN, SEQ, ACTOR, ZERO, TASK, AL_NONE, 0)                                     \
    X(5, RESUME, YIELD, SEQ, ACTOR, ZERO, TASK, AL_NONE, 0)                                      \
    X(6, RESUME, YIELD, SEQ, ACTOR, CODED, TASK, AL_PTR, 0)                                      \
    /* its delegator takes the None it returned */                                              \
    X(7, RETURN, DELEGATE_END, CODED, CODED, ACTOR, TASK, AL_NONE, 0)                            \
    /* a delegator passes its delegate's yield up */                                            \
    X(8, YIELD, YIELD, CODED, CODED, OTHER, TASK, AL_NONE, 0)                                    \
    X(9, YIELD, YIELD, CODED, CODED, OTHER, TASK, AL_PTR, 0)                                     \
    /* the loop runs a task's step: the task steps its coroutine */                             \
    X(10, CALLBACK, TASK_STEP, SEQ, OTHER, CODED, OTHER, AL_NONE, 1)                             \
    /* a frame made by a delegator is delegated to */                                           \
    X(11, CREATE, DELEGATE, CAUSE, OTHER, ACTOR, TASK, AL_NONE, 0)                               \
    /* the coroutine's yield ends its task's step */                                            \
    X(12, YIELD, TASK_SUSPEND, CODED, TASK, OTHER, TASK, AL_NONE, 1)                             \
    /* a task suspended on a bare yield schedules its next step */                              \
    X(13, TASK_SUSPEND, CALL_SOON, CAUSE, ACTOR, ACTOR, TASK, AL_NONE, 1)                        \
    /* the loop runs the next ready callback, outside any task */                               \
    X(14, CALL_SOON, CALLBACK, CODED, CODED, CODED, ZERO, AL_NONE, 1)                            \
    /* a frame whose delegate returned makes the next one, sleep(0) say */                       \
    X(15, DELEGATE_END, CREATE, CAUSE, CODED, ACTOR, TASK, AL_FLOAT, 0)

#define AL__RULE_COUNT 16 /* index 0 is no rule */
#define AL__RULE_ENTRY(i, p, k, c, a, o, t, at, bs) \
    [i] = {AL_EV_##p, AL_EV_##k, {AL__F_##c, AL__F_##a, AL__F_##o, AL__F_##t}, at, bs},
static const al__rule al__rules[AL__RULE_COUNT] = {AL__RULES(AL__RULE_ENTRY)};
#undef AL__RULE_ENTRY
_Static_assert(AL__RULE_BASE + AL__RULE_COUNT <= AL__KIND_TAGS, "rules fit the kind byte's six bits");
_Static_assert((AL__RULE_COUNT & (AL__RULE_COUNT - 1)) == 0, "a rule's index is masked (coder.c)");

/* The context an event is coded against: the fields of the event before
 * it.  seq is that event's number (0 before the first). */
typedef struct al__ctx {
    uint32_t seq, cause, actor, other, task;
    double time, last_float;
} al__ctx;

/* al__from_ctx is the field a rule takes from the event before (context
 * c): its seq, a field, or 0.  With from a constant (the coder's case)
 * it is one load. */
static inline __attribute__((always_inline)) uint32_t al__from_ctx(const al__ctx *c, unsigned from)
{
    switch (from) {
    case AL__F_SEQ: return c->seq;
    case AL__F_CAUSE: return c->cause;
    case AL__F_ACTOR: return c->actor;
    case AL__F_OTHER: return c->other;
    case AL__F_TASK: return c->task;
    default: return 0;
    }
}

/* A checkpoint: where the al__ctx written before event k * AL__CHECK_EVERY
 * + 1 begins (that event's bytes follow it). */
typedef struct al__check {
    uint32_t chunk, off;
} al__check;

/* A buffer from pages.c: its bytes, its size and whether it is mapped
 * (else malloc'd). */
typedef struct al__pages {
    void *p;
    size_t n;
    bool mapped;
} al__pages;

/* A pointer-keyed hash map to a dense index, for interning strings and
 * names: open addressing, power-of-two capacity, at most half full. */
typedef struct al__ptrmap {
    struct al__ptrslot { const void *key; uint32_t idx; } *slots;
    size_t cap, len;
} al__ptrmap;

/* A table of distinct pointers, each with the index it was added at,
 * found by a pointer map and, for the few a run names over and over, a
 * direct-mapped cache in front of it. */
typedef struct al__ptrtab {
    const void **of;
    size_t n, cap;
    al__ptrmap map;
    struct al__ptrcache { const void *key; uint32_t idx; } cache[AL__STRCACHE];
} al__ptrtab;

/* An actor as a reader of the recorder sees it: its number, its name's
 * base and its code as indexes into the run's table of texts, and its
 * separator (an index into a small table) and kind. */
typedef struct al__actor_full {
    uint32_t number, base, code;
    unsigned sep, kind;
} al__actor_full;

/* An actor as the recorder keeps it, in 8 bytes: the number, and kind,
 * separator, code and base packed in one word (3, 2, 12 and 15 bits).  An
 * actor whose indexes do not fit (a run with more than 32,768 distinct
 * names) has packed == AL__ACTOR_BIG and number indexing the overflow
 * table of full records. */
typedef struct al__actor_rec {
    uint32_t number;
    uint32_t packed;
} al__actor_rec;
#define AL__ACTOR_BIG UINT32_MAX

#define AL__MAX_SEPS 15 /* distinct name separators ("#", "-fut#", "-") */

/* The fields cause, actor, other and task of the last event of each
 * kind since the last checkpoint, which fields coded in full are coded
 * against; all zero at a checkpoint, so that a reader starting there
 * needs no more than the checkpoint's al__ctx. */
typedef uint32_t al__kinds[AL__KIND_TAGS][4]; /* by the kind byte's six bits */

/* A cursor: where reading forwards left off, to resume from there. */
typedef struct al__cursor {
    al__ctx ctx;
    al__kinds last;
    uint32_t chunk, off;
    bool valid;
} al__cursor;

/* The names formatted for views, kept until the run is freed.  Each is
 * NULL until asked for. */
typedef struct al__names {
    const char **of;   /* indexed by actor id */
    size_t cap;
    char **blocks;     /* malloc'd texts, freed with the run */
    size_t nblocks, blocks_cap;
} al__names;

struct al_trace {
    /* the encoded events */
    al__pages *chunks;
    uint32_t *used;      /* bytes used in each closed chunk */
    size_t nchunks, chunks_cap;
    uint8_t *p, *end;    /* the write position in the last chunk */
    al__ctx enc;         /* the context after the last event */
    al__kinds last;      /* the last event of each kind, for fields in full */
    uint8_t prev_kind;   /* the last event's kind, for code_by_rule (coder.c) */
    /* AL__CHECK_EVERY - 1, or 0 once a live view is attached: an event
     * whose seq - 1 has none of these bits set goes to coder.c's record */
    uint32_t quick_mask;
    al__check *checks;
    size_t nchecks, checks_cap;
    al__ptrtab strs; /* every distinct str value (const al_str *), by index */
    /* the actors, and the texts of their names */
    al__pages *actor_blocks;      /* see al__actor_rec_of */
    size_t nactors, nblocks, blocks_cap;
    size_t actor_room;            /* how many actors the blocks hold */
    al__actor_full *big;          /* the overflow table */
    size_t nbig, big_cap;
    al__ptrtab texts; /* the parts of names (const char *); index 0 is NULL */
    const char *seps[AL__MAX_SEPS + 1]; /* seps[0] is "none" */
    struct al__actor_memo { /* the last actor's parts, packed (recorder.c) */
        const char *base, *code, *sep;
        al_actor_kind kind;
        uint32_t packed; /* AL__ACTOR_BIG: none yet */
    } memo;
    size_t nseps;
    /* for readers: mutable caches behind the read-only view */
    al__cursor *cursor;
    al__names *names;
    al_trace_lesson lesson;
    al_subscriber subs[AL_MAX_SUBSCRIBERS]; /* live views, after storing */
    size_t nsubs;
};

/* recorder.c: al__grow returns array p of *cap items of size bytes with
 * room for twice as many (at least min), and updates *cap; it aborts
 * with what if memory is exhausted. */
void *al__grow(void *p, size_t *cap, size_t size, size_t min, const char *what);
/* al__before_event runs before every AL__CHECK_EVERY-th event (seq): it
 * makes room for the events up to the next such one and writes a
 * checkpoint; it aborts if seq is not the next event's number (a
 * runtime bug). */
void al__before_event(al_trace *r, uint32_t seq);

/* coder.c: al__recorder_on_event is the recorder's subscriber callback:
 * it codes e and appends it to run ctx, then forwards it to the run's
 * own subscribers.  O(1). */
void al__recorder_on_event(void *ctx, const al_event *e);

/* recorder.c */
/* al__ptrmap_find returns key's index, or UINT32_MAX if it is absent;
 * al__ptrmap_put adds key with index idx (it must be absent). */
uint32_t al__ptrmap_find(const al__ptrmap *m, const void *key);
void al__ptrmap_put(al__ptrmap *m, const void *key, uint32_t idx);
/* al__trace_fatal reports that the recorder cannot go on (memory is
 * exhausted, or the runtime broke the stream's order) and aborts. */
_Noreturn void al__trace_fatal(const char *what);

/* pages.c: al__pages_alloc returns a buffer of n bytes, in huge pages
 * when n is a multiple of AL__PAGES_HUGE and the system has them (it
 * aborts through al__trace_fatal when memory is exhausted);
 * al__pages_free releases one. */
al__pages al__pages_alloc(size_t n);
void al__pages_free(al__pages b);

/* recorder.c: al__ptrtab_add finds key in t or adds it at the end, puts
 * it in the cache and returns its index; it aborts with what if memory
 * is exhausted.  al__ptrtab_index is the same, answered from the cache
 * when it can be.  O(1) amortised. */
uint32_t al__ptrtab_add(al__ptrtab *t, const void *key, const char *what);
static inline uint32_t al__ptrtab_index(al__ptrtab *t, const void *key, const char *what)
{
    const struct al__ptrcache *c = &t->cache[((uintptr_t)key >> 3) & (AL__STRCACHE - 1)];
    return c->key == key ? c->idx : al__ptrtab_add(t, key, what);
}

/* recorder.c: al__actor_rec_of is actor id's record (1 <= id <= nactors):
 * the first AL__ACTOR_FIRST actors are in block 0, the others in blocks
 * of AL__ACTOR_BLOCK.  O(1). */
_Static_assert((AL__ACTOR_BLOCK & (AL__ACTOR_BLOCK - 1)) == 0, "a power of two");
static inline al__actor_rec *al__actor_rec_of(const al_trace *r, uint32_t id)
{
    size_t i = id - 1;
    if (i < AL__ACTOR_FIRST)
        return (al__actor_rec *)r->actor_blocks[0].p + i;
    i -= AL__ACTOR_FIRST;
    return (al__actor_rec *)r->actor_blocks[1 + i / AL__ACTOR_BLOCK].p + i % AL__ACTOR_BLOCK;
}

/* run.c: al__actor_get unpacks actor id (1 <= id <= nactors). */
al__actor_full al__actor_get(const al_trace *r, uint32_t id);

/* run.c: al__chunk_end is how many bytes of chunk i hold events. */
size_t al__chunk_end(const al_trace *r, size_t i);
/* run.c: al__run_forget_name drops actor id's formatted name (renamed). */
void al__run_forget_name(al_trace *r, uint32_t id);

#endif
