/*
 * coder.c: the recorder's hot path, which codes one event in a few bytes
 * (trace_internal.h gives the layout) and appends it to the run.
 *
 * It runs once for every event of every traced run, so it is written for
 * the instruction count.  Each of the four fields cause, actor, other and
 * task is compared with the three values it most often repeats (the
 * "candidates", taken from the event before); with SSE2 the twelve
 * comparisons are three vector compares, and a table turns their twelve
 * result bits into the mode byte.  Values are typed by a table, strings
 * found by a direct-mapped cache.  Only fields that repeat nothing,
 * values with a payload, a moved clock and a string not seen lately take
 * a branch off the straight line.
 *
 * Cost: O(1) per event, about 60 instructions for a typical one, with no
 * allocation except when a chunk fills (al__before_event).
 */
#include "trace_internal.h"

#include <stddef.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---- the fields' modes ---- */

/* mode_of[m0 | m1 << 4 | m2 << 8] is the mode byte for the comparison
 * masks m0, m1, m2 (bit l: field l equals its candidate 0, 1 or 2; the
 * fields are cause, actor, other, task in that order).  Each field takes
 * the lowest code whose candidate it equals, else 3 (in full): the same
 * choice as the cheapest-first rules in trace_internal.h. */
#define AL__LANE(i, l) ((i) >> (l) & 1 ? 0u : (i) >> (4 + (l)) & 1 ? 1u : (i) >> (8 + (l)) & 1 ? 2u : 3u)
#define AL__MODE(i) (uint8_t)(AL__LANE(i, 0) | AL__LANE(i, 1) << 2 | AL__LANE(i, 2) << 4 | AL__LANE(i, 3) << 6)
#define AL__M4(i) AL__MODE(i), AL__MODE((i) + 1), AL__MODE((i) + 2), AL__MODE((i) + 3)
#define AL__M16(i) AL__M4(i), AL__M4((i) + 4), AL__M4((i) + 8), AL__M4((i) + 12)
#define AL__M64(i) AL__M16(i), AL__M16((i) + 16), AL__M16((i) + 32), AL__M16((i) + 48)
#define AL__M256(i) AL__M64(i), AL__M64((i) + 64), AL__M64((i) + 128), AL__M64((i) + 192)
static const uint8_t mode_of[4096] = {
    AL__M256(0), AL__M256(256), AL__M256(512), AL__M256(768),
    AL__M256(1024), AL__M256(1280), AL__M256(1536), AL__M256(1792),
    AL__M256(2048), AL__M256(2304), AL__M256(2560), AL__M256(2816),
    AL__M256(3072), AL__M256(3328), AL__M256(3584), AL__M256(3840),
};

/* The candidates, lane by lane (cause, actor, other, task), as the codes
 * of trace_internal.h number them:
 *   0: {0, prev actor, 0, prev task}
 *   1: {prev seq, prev other, prev actor, 0}
 *   2: {prev cause, prev task, prev other, this event's actor}
 * field_modes makes them from the context (the event before) and
 * compares e's fields with them. */
/* al__fields holds an event's cause, actor, other and task.  They are
 * read one by one, never as one 16-byte load: the runtime has just
 * stored them one by one, and a wide load of narrow stores cannot be
 * forwarded from them (a stall of a dozen cycles per event). */
#if defined(__SSE2__)
typedef __m128i al__fields;

/* opaque hides v's origin from the compiler, which would otherwise merge
 * four adjacent loads back into the one wide load that stalls. */
static inline int opaque(uint32_t v)
{
    __asm__("" : "+r"(v));
    return (int)v;
}

static inline al__fields fields_of(const al_event *e)
{
    return _mm_set_epi32(opaque(e->task), opaque(e->other), opaque(e->actor), opaque(e->cause));
}

/* keep_fields stores x at to[0..3]. */
static inline void keep_fields(uint32_t *to, al__fields x) { _mm_storeu_si128((__m128i *)to, x); }

/* field_modes compares e's fields x with the candidates made from the
 * context c (the event before) and returns the mode byte.  The context
 * is read field by field, as the event is: an event coded by a rule stored it so. */
static inline unsigned field_modes(const al__ctx *c, const al_event *e, al__fields x)
{
    __m128i v = _mm_set_epi32(opaque(c->task), opaque(c->other), opaque(c->actor), opaque(c->cause));
    __m128i cand0 = _mm_and_si128(v, _mm_set_epi32(-1, 0, -1, 0));
    __m128i cand1 = _mm_or_si128(_mm_cvtsi32_si128((int)c->seq),
                                 _mm_and_si128(_mm_shuffle_epi32(v, _MM_SHUFFLE(3, 1, 2, 0)),
                                               _mm_set_epi32(0, -1, -1, 0)));
    __m128i cand2 = _mm_shuffle_epi32(v, _MM_SHUFFLE(3, 2, 3, 0));
    unsigned m0 = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(x, cand0)));
    unsigned m1 = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(x, cand1)));
    unsigned m2 = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(x, cand2)));
    m2 = (m2 & 7) | (unsigned)(e->task == e->actor) << 3;
    return mode_of[m0 | m1 << 4 | m2 << 8];
}
#else
typedef struct { uint32_t v[4]; } al__fields;

static inline al__fields fields_of(const al_event *e)
{
    return (al__fields){{e->cause, e->actor, e->other, e->task}};
}

static inline void keep_fields(uint32_t *to, al__fields x) { memcpy(to, x.v, sizeof x.v); }

static inline unsigned lane_mask(const uint32_t *c, const al_event *e)
{
    return (unsigned)(e->cause == c[0]) | (unsigned)(e->actor == c[1]) << 1 |
           (unsigned)(e->other == c[2]) << 2 | (unsigned)(e->task == c[3]) << 3;
}

static inline unsigned field_modes(const al__ctx *c, const al_event *e, al__fields x)
{
    (void)x;
    const uint32_t cand[12] = {0, c->actor, 0, c->task, c->seq, c->other, c->actor, 0,
                               c->cause, c->task, c->other, 0};
    unsigned m0 = lane_mask(cand, e), m1 = lane_mask(cand + 4, e), m2 = lane_mask(cand + 8, e);
    m2 = (m2 & 7) | (unsigned)(e->task == e->actor) << 3;
    return mode_of[m0 | m1 << 4 | m2 << 8];
}
#endif

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
        return put_varint(p, al__ptrtab_index(&r->strs, v->u.s, "out of memory (trace strings)"));
    if (tag < AL__V_INT || tag == AL__V_FLOAT_LAST || tag == AL__V_FLOAT_NOW)
        return p;
    if (tag == AL__V_INT)
        return put_varint(p, ((uint64_t)v->u.i << 1) ^ (uint64_t)(v->u.i >> 63));
    if (tag == AL__V_FLOAT)
        r->enc.last_float = v->u.f;
    memcpy(p, &v->u, 8); /* a float's bits, or a list's, tuple's or exception's pointer */
    return p + 8;
}

/* put_delta writes field x, in full, as the zigzag of its difference
 * from last, the same field of the last event of its kind. */
static inline uint8_t *put_delta(uint8_t *p, uint32_t x, uint32_t last)
{
    uint32_t d = x - last;
    return put_varint(p, (d << 1) ^ (uint32_t)-(int32_t)(d >> 31));
}

/* put_full writes the fields whose mode is "in full" (3). */
static inline uint8_t *put_full(uint8_t *p, const al_event *e, unsigned modes, const uint32_t *last)
{
    if ((modes & 3) == AL__C_FULL)
        p = put_delta(p, e->cause, last[0]);
    if ((modes >> 2 & 3) == AL__A_FULL)
        p = put_delta(p, e->actor, last[1]);
    if ((modes >> 4 & 3) == AL__O_FULL)
        p = put_delta(p, e->other, last[2]);
    if ((modes >> 6 & 3) == AL__T_FULL)
        p = put_delta(p, e->task, last[3]);
    return p;
}

/* encode appends e at r->p, coded against r->enc.  Out of line: the
 * events coded by a rule, which most are, need none of its registers. */
static __attribute__((noinline)) void encode(al_trace *r, const al_event *e)
{
    al__ctx *c = &r->enc;
    uint8_t *p = r->p;
    uint64_t now = bits_of(e->time);
    al__fields x = fields_of(e);
    unsigned modes = field_modes(c, e, x);
    unsigned tags = 0;
    if ((e->a.type | e->b.type) != AL_NONE) /* AL_NONE is 0: many events carry none */
        tags = value_tag(c, &e->a, now) | value_tag(c, &e->b, now) << 4;
    /* AL_EVF_RAISED rides on b's tag, EXC becoming EXC_RAISED, with no
     * branch: only an event whose b is an exception carries it. */
    tags += (unsigned)(e->flags & AL_EVF_RAISED) << 4;
    bool moved = now != bits_of(c->time);
    p[0] = (uint8_t)(e->kind | (tags ? AL__KIND_TAGS : 0) | (moved ? AL__KIND_TIME : 0));
    p[1] = (uint8_t)modes;
    p[2] = (uint8_t)tags;
    p += tags ? 3 : 2;
    uint32_t *last = r->last[e->kind & (AL__KIND_TAGS - 1)];
    if (modes & (modes >> 1) & 0x55) /* a mode 3: some field is new */
        p = put_full(p, e, modes, last);
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
    keep_fields(&c->cause, x); /* cause, actor, other, task */
    keep_fields(last, x);
    r->p = p;
}

/* ---- rules (trace_internal.h) ---- */

/* rule_of[kind before][kind] is the rule to try first, 0 for none.  A
 * rule whose a is a bare pointer is tried after the one before it, for
 * the same kinds, so it goes to a row of its own that is never read. */
#define AL__RULE_OF(i, p, k, c, a, o, t, at, bs) \
    [(at) == AL_PTR ? AL__KIND_TAGS : AL_EV_##p][(at) == AL_PTR ? (i) : AL_EV_##k] = (i),
static const uint8_t rule_of[AL__KIND_TAGS + 1][AL__KIND_TAGS] = {AL__RULES(AL__RULE_OF)};
#undef AL__RULE_OF

/* fits says if field x is what a rule takes from the context (always,
 * for a field the rule codes). */
#define AL__FITS(x, from) ((from) == AL__F_CODED || (x) == al__from_ctx(&r->enc, (from)))

/* by_rule codes e by rule i, whose fields come from fc, fa, fo and ft,
 * if e fits it, and says if it did.  Inlined with every argument but r
 * and e a constant, so a rule is a few compares and stores.  With quick,
 * it calls nothing: a str that the cache of strings does not know makes
 * it give up, for the caller to try again with quick false. */
static inline __attribute__((always_inline)) bool
by_rule(al_trace *r, const al_event *e, unsigned i, unsigned fc, unsigned fa, unsigned fo,
        unsigned ft, unsigned a_type, bool b_str, bool quick)
{
    al__ctx *c = &r->enc;
    if (!AL__FITS(e->cause, fc) || !AL__FITS(e->actor, fa) || !AL__FITS(e->other, fo) ||
        !AL__FITS(e->task, ft) || e->a.type != a_type || e->b.type != (b_str ? AL_STR : AL_NONE) ||
        bits_of(e->time) != bits_of(c->time) ||
        (a_type == AL_FLOAT && bits_of(e->a.u.f) != bits_of(e->time)))
        return false;
    uint32_t str = 0;
    if (b_str) {
        const struct al__ptrcache *sc = &r->strs.cache[((uintptr_t)e->b.u.s >> 3) & (AL__STRCACHE - 1)];
        if (sc->key == e->b.u.s)
            str = sc->idx;
        else if (quick)
            return false;
        else
            str = al__ptrtab_add(&r->strs, e->b.u.s, "out of memory (trace strings)");
    }
    uint8_t *p = r->p;
    *p++ = (uint8_t)(AL__RULE_BASE + i);
    uint32_t *last = r->last[AL__RULE_BASE + i];
    if (fc == AL__F_CODED)
        p = put_delta(p, e->cause, last[0]);
    if (fa == AL__F_CODED)
        p = put_delta(p, e->actor, last[1]);
    if (fo == AL__F_CODED)
        p = put_delta(p, e->other, last[2]);
    if (ft == AL__F_CODED)
        p = put_delta(p, e->task, last[3]);
    if (b_str)
        p = put_varint(p, str);
    r->p = p;
    /* field by field, leaving a field the rule takes from the same field
     * of the event before as it is */
    uint32_t cause = e->cause, actor = e->actor, other = e->other, task = e->task;
    c->seq = e->seq;
    if (fc != AL__F_CAUSE)
        c->cause = cause;
    if (fa != AL__F_ACTOR)
        c->actor = actor;
    if (fo != AL__F_OTHER)
        c->other = other;
    if (ft != AL__F_TASK)
        c->task = task;
    if (fc == AL__F_CODED)
        last[0] = cause;
    if (fa == AL__F_CODED)
        last[1] = actor;
    if (fo == AL__F_CODED)
        last[2] = other;
    if (ft == AL__F_CODED)
        last[3] = task;
    return true;
}

/* code_by_rule codes e by the rule its kind and the kind before it name
 * (or the rule after that one, for the same kinds with a a pointer), if
 * e fits it; quick as by_rule's. */
static inline __attribute__((always_inline)) bool code_by_rule(al_trace *r, const al_event *e, bool quick)
{
    /* the kind and the flags as one number: a rule codes no flag
     * (AL_EVF_RAISED rides on an exception's tag), so a flagged event
     * (or a kind past the table) takes none */
    uint32_t kind_flags = e->kind | (uint32_t)e->flags << 16;
    if (kind_flags >= AL__KIND_TAGS)
        return false;
    switch (rule_of[r->prev_kind][kind_flags] & (AL__RULE_COUNT - 1)) {
#define AL__RULE_CASE(i, p, k, c, a, o, t, at, bs)                                              \
    case i:                                                                                     \
        if (by_rule(r, e, i, AL__F_##c, AL__F_##a, AL__F_##o, AL__F_##t, at, bs, quick))       \
            return true;                                                                        \
        if ((i) + 1 < AL__RULE_COUNT && al__rules[(i) + 1].prev == AL_EV_##p &&                 \
            al__rules[(i) + 1].kind == AL_EV_##k)                                               \
            goto next_##i;                                                                      \
        return false;                                                                           \
    next_##i:
    AL__RULES(AL__RULE_CASE)
#undef AL__RULE_CASE
        return false;
    default: return false;
    }
}

/* forward hands e to the run's own subscribers (live views). */
static __attribute__((noinline)) void forward(al_trace *r, const al_event *e)
{
    for (size_t i = 0; i < r->nsubs; i++)
        if (r->subs[i].on_event)
            r->subs[i].on_event(r->subs[i].ctx, e);
}

_Static_assert(AL__V_EXC_RAISED == AL__V_EXC + 1 && AL_EVF_RAISED == 1,
               "the raised flag turns b's tag EXC into EXC_RAISED");
_Static_assert(AL_EV__COUNT <= AL__RULE_BASE, "event kinds must fit in the kind byte below the rules");
_Static_assert(offsetof(al__ctx, actor) == offsetof(al__ctx, cause) + 4 &&
                   offsetof(al__ctx, task) == offsetof(al__ctx, cause) + 12,
               "al__ctx's cause, actor, other and task follow each other");

void al__recorder_on_event(void *ctx, const al_event *e);

/* restore_by records the follow-up of the last event by rule i, which
 * codes no field: its fields come from the context (al__from_ctx, each
 * a constant here), which becomes the follow-up's. */
static inline __attribute__((always_inline)) void restore_by(al_trace *r, unsigned i)
{
    const al__rule *ru = &al__rules[i];
    al__ctx *c = &r->enc;
    uint32_t seq = c->seq + 1, cause = al__from_ctx(c, ru->from[0]),
             actor = al__from_ctx(c, ru->from[1]), other = al__from_ctx(c, ru->from[2]),
             task = al__from_ctx(c, ru->from[3]);
    *r->p++ = (uint8_t)(AL__RULE_BASE + i);
    c->seq = seq;
    if (ru->from[0] != AL__F_CAUSE)
        c->cause = cause;
    if (ru->from[1] != AL__F_ACTOR)
        c->actor = actor;
    if (ru->from[2] != AL__F_OTHER)
        c->other = other;
    if (ru->from[3] != AL__F_TASK)
        c->task = task;
    r->prev_kind = ru->kind;
}

/* restore_one restores the follow-up of the last event (trace.h's
 * al_subscriber): the one rule whose kind before is that event's and
 * which codes no field.  A gap after any other kind is a runtime bug. */
static inline __attribute__((always_inline)) void restore_one(al_trace *r)
{
    switch (r->prev_kind) {
    case AL_EV_DELEGATE: restore_by(r, 1); break;  /* its frame's resume */
    case AL_EV_TASK_STEP: restore_by(r, 2); break; /* its coroutine's resume */
    case AL_EV_RESUME: restore_by(r, 5); break;    /* a bare yield */
    case AL_EV_CREATE: restore_by(r, 11); break;   /* the delegate into the new frame */
    default: al__trace_fatal("an event left out that no rule restores");
    }
}

/* restore_all is restore with checkpoints and live views: each
 * follow-up restored is heard as an event. */
static __attribute__((noinline)) void restore_all(al_trace *r, const al_event *e)
{
    while (e->seq > r->enc.seq + 1) {
        if ((r->enc.seq & (AL__CHECK_EVERY - 1)) == 0)
            al__before_event(r, r->enc.seq + 1);
        restore_one(r);
        const al__ctx *c = &r->enc;
        al_event f = {.seq = c->seq, .kind = r->prev_kind, .cause = c->cause, .actor = c->actor,
                      .other = c->other, .task = c->task, .time = c->time};
        if (r->nsubs)
            forward(r, &f);
    }
    al__recorder_on_event(r, e);
}

/* restore records the follow-ups the runtime left out before event e,
 * then e itself; with a checkpoint due or a live view, restore_all. */
static __attribute__((noinline)) void restore(al_trace *r, const al_event *e)
{
    if (r->nsubs) {
        restore_all(r, e);
        return;
    }
    while (e->seq > r->enc.seq + 1) {
        if (__builtin_expect((r->enc.seq & (AL__CHECK_EVERY - 1)) == 0, 0)) {
            restore_all(r, e);
            return;
        }
        restore_one(r);
    }
    al__recorder_on_event(r, e);
}

/* record is the whole of recording e: the follow-ups left out before
 * it, a checkpoint when one is due, the event coded by a rule or in the
 * general way, then the run's own subscribers. */
static __attribute__((noinline)) void record(al_trace *r, const al_event *e)
{
    if (((e->seq - 1) & (AL__CHECK_EVERY - 1)) == 0)
        al__before_event(r, e->seq); /* a checkpoint, and room up to the next one */
    if (!code_by_rule(r, e, false))
        encode(r, e);
    r->prev_kind = (uint8_t)e->kind;
    if (r->nsubs)
        forward(r, e);
}

/* al__recorder_on_event: see trace_internal.h.  Events arrive in seq
 * order from 1 (al__before_event checks it at each checkpoint).  Most
 * are coded by a rule with nothing else to do, coded here with no call, so
 * that this function saves no registers; the others go to record. */
void al__recorder_on_event(void *ctx, const al_event *e)
{
    al_trace *r = ctx;
    if (__builtin_expect(e->seq != r->enc.seq + 1, 0)) {
        restore(r, e); /* follow-ups left out before e, then e */
        return;
    }
    if (__builtin_expect(((e->seq - 1) & r->quick_mask) != 0, 1) && /* no checkpoint, no live view */
        code_by_rule(r, e, true)) {
        r->prev_kind = (uint8_t)e->kind;
        return;
    }
    record(r, e);
}
