/*
 * 03-pipelines.c: lesson 3, yield from and push pipelines.
 *
 * Part (a) and (b) delegate with AL_YIELD_FROM, so every send, throw and
 * close the main code makes on the outer frame is forwarded by the
 * runtime's PEP 380 machinery (gen.c), not by code in this file.  Part (c)
 * is the other style: stages that are plain send-based coroutines, each
 * holding the frames it feeds and calling al_gen_send on them itself.
 */
#include "asynclab.h"

/* ---- (a) grouper delegates to averager ---- */

/* def averager(): sums terms until sent None, returns (count, mean). */
typedef struct averager_frame {
    al_gen g;
    double total;
    int64_t count;
} averager_frame;

static al_signal averager_body(al_gen *g)
{
    averager_frame *f = (averager_frame *)g;
    AL_GEN_BEGIN(g);
    f->total = 0.0;
    f->count = 0;
    for (;;) {
        AL_YIELD(g, al_none());
        if (al_is_none(AL_SENT(g)))
            break;
        f->total += AL_SENT(g).u.f;
        f->count++;
    }
    AL_RETURN(g, al_tuple(g->vm, 2, al_int(f->count), al_float(f->total / (double)f->count)));
    AL_GEN_END(g);
}

static const al_gen_def averager_def = {"averager", averager_body, false};

/* def grouper(results, key): results[key] = yield from averager(), for
 * ever.  The frame owns its averager's memory; a new one is made in it
 * each time round the loop, as Python makes a new generator object. */
typedef struct grouper_frame {
    al_gen g;
    al_value *slot; /* results[key] */
    averager_frame sub;
    al_value r;
} grouper_frame;

static al_signal grouper_body(al_gen *g)
{
    grouper_frame *f = (grouper_frame *)g;
    AL_GEN_BEGIN(g);
    for (;;) {
        al_gen_init(&f->sub.g, g->vm, &averager_def);
        AL_YIELD_FROM(g, &f->sub.g, f->r);
        *f->slot = f->r;
    }
    AL_GEN_END(g);
}

static const al_gen_def grouper_def = {"grouper", grouper_body, false};

/* ---- (b) outer -> middle -> inner ---- */

/* def inner(): yields its running total; a thrown Reset clears it, and
 * a None sent in makes it return the total. */
typedef struct inner_frame {
    al_gen g;
    double total;
} inner_frame;

static al_signal inner_body(al_gen *g)
{
    inner_frame *f = (inner_frame *)g;
    al_value e;
    AL_GEN_BEGIN(g);
    f->total = 0.0;
    for (;;) {
        AL_YIELD_TRY(g, al_float(f->total));
        /* The same name gives the same type within a vm: this is the
         * class Reset the main code throws. */
        e = al_except(g, al_exc_type_new(g->vm, "Reset", &al_Exception));
        if (!al_is_none(e)) {
            al_print(g->vm, "  inner caught Reset: %v", e);
            f->total = 0.0;
            continue;
        }
        AL_PROPAGATE(g);
        if (al_is_none(AL_SENT(g)))
            AL_RETURN(g, al_float(f->total));
        f->total += AL_SENT(g).u.f;
    }
    AL_GEN_END(g);
}

static const al_gen_def inner_def = {"inner", inner_body, false};

/* def middle(): result = yield from inner(); report it; return it. */
typedef struct middle_frame {
    al_gen g;
    inner_frame sub;
    al_value r;
} middle_frame;

static al_signal middle_body(al_gen *g)
{
    middle_frame *f = (middle_frame *)g;
    AL_GEN_BEGIN(g);
    al_gen_init(&f->sub.g, g->vm, &inner_def);
    AL_YIELD_FROM(g, &f->sub.g, f->r);
    al_print(g->vm, "  middle got %v from inner", f->r);
    AL_RETURN(g, f->r);
    AL_GEN_END(g);
}

static const al_gen_def middle_def = {"middle", middle_body, false};

/* def outer(): the same one level up. */
typedef struct outer_frame {
    al_gen g;
    middle_frame sub;
    al_value r;
} outer_frame;

static al_signal outer_body(al_gen *g)
{
    outer_frame *f = (outer_frame *)g;
    AL_GEN_BEGIN(g);
    al_gen_init(&f->sub.g, g->vm, &middle_def);
    AL_YIELD_FROM(g, &f->sub.g, f->r);
    al_print(g->vm, "  outer got %v from middle", f->r);
    AL_RETURN(g, f->r);
    AL_GEN_END(g);
}

static const al_gen_def outer_def = {"outer", outer_body, false};

/* ---- (c) above -> broadcast -> sinks ---- */

/* push is target.send(v) made from inside frame g.  It returns None if
 * the target yielded, else the exception the send raises in g: a target
 * that returned raises StopIteration, as in Python. */
static al_value push(al_gen *g, al_gen *target, al_value v)
{
    al_value out;
    al_signal s = al_gen_send(target, v, &out);
    if (s == AL_RETURNED)
        return al_is_none(out) ? al_exc_noarg(g->vm, &al_StopIteration)
                               : al_exc_new(g->vm, &al_StopIteration, out);
    return s == AL_YIELDED ? al_none() : out;
}

/* shut is target.close() made from inside a frame: None, or the
 * exception close() raised. */
static al_value shut(al_gen *target)
{
    al_value out;
    return al_gen_close(target, &out) == AL_RETURNED ? al_none() : out;
}

/* RAISE_IF raises e in frame g unless it is None: an error from a send or
 * a close made inside a body propagates out of it, as in Python. */
#define RAISE_IF(g, e)                                                         \
    do { al_value e_ = (e); if (!al_is_none(e_)) AL_RAISE(g, e_); } while (0)

/* def sink(name): prints what arrives; reports its count when closed. */
typedef struct sink_frame {
    al_gen g;
    al_value name;
    int64_t count;
} sink_frame;

static al_signal sink_body(al_gen *g)
{
    sink_frame *f = (sink_frame *)g;
    AL_GEN_BEGIN(g);
    f->count = 0;
    for (;;) {
        AL_YIELD_TRY(g, al_none());
        if (!al_is_none(al_except(g, &al_GeneratorExit))) {
            al_print(g->vm, "  %v closed after %D items", f->name, f->count);
            AL_RETURN(g, al_none());
        }
        AL_PROPAGATE(g);
        f->count++;
        al_print(g->vm, "  %v got %v", f->name, AL_SENT(g));
    }
    AL_GEN_END(g);
}

static const al_gen_def sink_def = {"sink", sink_body, false};

/* def broadcast(targets): sends each value to every target; on close,
 * closes every target. */
typedef struct broadcast_frame {
    al_gen g;
    al_gen **targets;
    size_t n;
} broadcast_frame;

static al_signal broadcast_body(al_gen *g)
{
    broadcast_frame *f = (broadcast_frame *)g;
    AL_GEN_BEGIN(g);
    for (;;) {
        AL_YIELD_TRY(g, al_none());
        if (!al_is_none(al_except(g, &al_GeneratorExit))) {
            for (size_t i = 0; i < f->n; i++)
                RAISE_IF(g, shut(f->targets[i]));
            AL_RETURN(g, al_none());
        }
        AL_PROPAGATE(g);
        /* No yield inside this loop, so its index may be a C local. */
        for (size_t i = 0; i < f->n; i++)
            RAISE_IF(g, push(g, f->targets[i], AL_SENT(g)));
    }
    AL_GEN_END(g);
}

static const al_gen_def broadcast_def = {"broadcast", broadcast_body, false};

/* def above(limit, target): forwards values above limit, drops the rest;
 * on close, closes its target. */
typedef struct above_frame {
    al_gen g;
    double limit;
    al_gen *target;
} above_frame;

static al_signal above_body(al_gen *g)
{
    above_frame *f = (above_frame *)g;
    AL_GEN_BEGIN(g);
    for (;;) {
        AL_YIELD_TRY(g, al_none());
        if (!al_is_none(al_except(g, &al_GeneratorExit))) {
            RAISE_IF(g, shut(f->target));
            AL_RETURN(g, al_none());
        }
        AL_PROPAGATE(g);
        if (AL_SENT(g).u.f > f->limit)
            RAISE_IF(g, push(g, f->target, AL_SENT(g)));
        else
            al_print(g->vm, "  above(%g) drops %v", f->limit, AL_SENT(g));
    }
    AL_GEN_END(g);
}

static const al_gen_def above_def = {"above", above_body, false};

/* ---- the main code ---- */

/* primed is the twin's primed(gen): next(gen), then gen. */
static al_gen *primed(al_gen *gen)
{
    al_value v;
    return al_gen_next(gen, &v) == AL_YIELDED ? gen : NULL;
}

typedef struct group {
    const char *key;
    const double *readings;
    size_t n;
} group;

/* part_grouper feeds each group through its own grouper, then prints the
 * report from the results the groupers stored. */
static al_status part_grouper(al_vm *vm, const group *groups, size_t ngroups)
{
    al_print(vm, "== (a) grouper and averager ==");
    al_value *results = al_alloc(vm, ngroups * sizeof *results);
    al_value v;
    for (size_t k = 0; k < ngroups; k++) {
        grouper_frame *f = (grouper_frame *)al_gen_new(vm, sizeof *f, &grouper_def);
        f->slot = &results[k];
        if (!primed(&f->g))
            return al_unexpected(vm, "next(group)", al_none());
        for (size_t i = 0; i < groups[k].n; i++)
            if (al_gen_send(&f->g, al_float(groups[k].readings[i]), &v) != AL_YIELDED)
                return al_unexpected(vm, "group.send()", v);
        if (al_gen_send(&f->g, al_none(), &v) != AL_YIELDED)
            return al_unexpected(vm, "group.send(None)", v);
        if (al_gen_close(&f->g, &v) != AL_RETURNED)
            return al_unexpected(vm, "group.close()", v);
    }
    for (size_t k = 0; k < ngroups; k++)
        al_print(vm, "  %-6s %v readings, mean %.2f", groups[k].key,
                 al_item(results[k], 0), al_item(results[k], 1).u.f);
    return AL_OK;
}

/* print_chain prints the frames linked by gi_yieldfrom, outermost first. */
static void print_chain(al_vm *vm, const al_gen *g)
{
    al_buf b;
    al_buf_init(&b);
    for (const al_gen *x = g; x; x = x->yf)
        al_buf_printf(&b, "%s%s", x == g ? "" : " -> ", x->def->name);
    al_print(vm, "chain: %s", b.data);
    al_buf_free(&b);
}

/* part_chain drives outer -> middle -> inner from the outside only: the
 * north readings, then the Reset throws, then the south readings. */
static al_status part_chain(al_vm *vm, const group *groups, int64_t resets)
{
    al_print(vm, "== (b) yield from, three levels deep ==");
    al_gen *chain = al_gen_new(vm, sizeof(outer_frame), &outer_def);
    const al_exc_type *reset = al_exc_type_new(vm, "Reset", &al_Exception);
    al_value v;
    if (al_gen_next(chain, &v) != AL_YIELDED)
        return al_unexpected(vm, "next(chain)", v);
    al_print(vm, "next() -> %v", v);
    print_chain(vm, chain);
    for (size_t k = 0; k < 2; k++) {
        for (int64_t i = 0; k == 1 && i < resets; i++) {
            al_value e = al_exc_new(vm, reset, al_strf(vm, "reset %D", i + 1));
            if (al_gen_throw(chain, e, &v) != AL_YIELDED)
                return al_unexpected(vm, "chain.throw(Reset)", v);
            al_print(vm, "throw(Reset) -> %v", v);
        }
        for (size_t i = 0; i < groups[k].n; i++) {
            if (al_gen_send(chain, al_float(groups[k].readings[i]), &v) != AL_YIELDED)
                return al_unexpected(vm, "chain.send()", v);
            al_print(vm, "send(%g) -> %v", groups[k].readings[i], v);
        }
    }
    if (al_gen_send(chain, al_none(), &v) != AL_RETURNED)
        return al_unexpected(vm, "chain.send(None)", v);
    al_print(vm, "StopIteration, value: %v", v);
    print_chain(vm, chain);
    return AL_OK;
}

/* part_broadcast builds source -> above -> broadcast -> sinks, creating
 * and priming the stages in the order the twin's expressions do. */
static al_status part_broadcast(al_vm *vm, const group *groups, size_t ngroups,
                                double threshold, int64_t nsinks)
{
    al_print(vm, "== (c) a push pipeline with broadcast ==");
    al_gen **outs = al_alloc(vm, (size_t)nsinks * sizeof *outs);
    for (int64_t k = 0; k < nsinks; k++) {
        sink_frame *s = (sink_frame *)al_gen_new(vm, sizeof *s, &sink_def);
        s->name = al_strf(vm, "sink%D", k + 1);
        if (!(outs[k] = primed(&s->g)))
            return al_unexpected(vm, "next(sink)", al_none());
    }
    broadcast_frame *bc = (broadcast_frame *)al_gen_new(vm, sizeof *bc, &broadcast_def);
    bc->targets = outs;
    bc->n = (size_t)nsinks;
    if (!primed(&bc->g))
        return al_unexpected(vm, "next(broadcast)", al_none());
    above_frame *ab = (above_frame *)al_gen_new(vm, sizeof *ab, &above_def);
    ab->limit = threshold;
    ab->target = &bc->g;
    al_gen *pipeline = primed(&ab->g);
    if (!pipeline)
        return al_unexpected(vm, "next(above)", al_none());
    al_value v;
    for (size_t k = 0; k < ngroups; k++) {
        for (size_t i = 0; i < groups[k].n; i++) {
            al_print(vm, "source sends %g", groups[k].readings[i]);
            if (al_gen_send(pipeline, al_float(groups[k].readings[i]), &v) != AL_YIELDED)
                return al_unexpected(vm, "pipeline.send()", v);
        }
    }
    if (al_gen_close(pipeline, &v) != AL_RETURNED)
        return al_unexpected(vm, "pipeline.close()", v);
    return AL_OK;
}

static al_status run(al_vm *vm, const al_params *p)
{
    group groups[2] = {{"north", NULL, 0}, {"south", NULL, 0}};
    groups[0].n = al_param_list(p, "north", &groups[0].readings);
    groups[1].n = al_param_list(p, "south", &groups[1].readings);
    al_status st;
    if ((st = part_grouper(vm, groups, 2)) != AL_OK)
        return st;
    if ((st = part_chain(vm, groups, al_param_int(p, "resets"))) != AL_OK)
        return st;
    return part_broadcast(vm, groups, 2, al_param_float(p, "threshold"),
                          al_param_int(p, "sinks"));
}

static const al_param_def params[] = {
    {"north", AL_PARAM_FLOAT_LIST, "12.5,14,13.25", -50, 50, 8, "readings of the north group"},
    {"south", AL_PARAM_FLOAT_LIST, "21,19.5", -50, 50, 8, "readings of the south group"},
    {"threshold", AL_PARAM_FLOAT, "14", -50, 50, 0, "the filter passes readings above this"},
    {"sinks", AL_PARAM_INT, "2", 1, 4, 0, "how many sinks the broadcast feeds"},
    {"resets", AL_PARAM_INT, "1", 0, 3, 0, "Reset exceptions thrown into the three-level chain"},
};

/* al_lesson_pipelines is lesson 3: a delegating grouper, send and throw
 * through three levels of yield from, and a push pipeline with a filter
 * and a broadcast to several sinks. */
const al_lesson AL_LESSON_SYMBOL = {
    .number = 3,
    .slug = "pipelines",
    .title = "Pipelines",
    .summary = "yield from delegation, and push pipelines with broadcast",
    .concept = "yield from connects the caller straight to the innermost generator",
    .params = params,
    .nparams = sizeof params / sizeof params[0],
    .run = run,
    .check = NULL,
};
