/*
 * 03-pipelines.c: lesson 3, yield from and push pipelines.
 *
 * Parts (a) and (b) delegate with AL_YIELD_FROM, so every send, throw and
 * close made on the outer frame is forwarded by the runtime's PEP 380
 * machinery (gen.c), not by code in this file.  Part (c) is the other
 * style: plain send-based stages, each sending to the frames it feeds.
 */
#include "asynclab.h"
#include "lesson_forms.h"

static const double *north, *south;
static size_t nnorth, nsouth;
static double threshold;
static int64_t sinks, resets;
static const al_exc_type *Reset; /* class Reset(Exception) */

AL_DEF(averager, double total; int64_t count;)
    f->total = 0.0;
    f->count = 0;
    for (;;) {
        AL_YIELD(al_none());
        if (al_is_none(AL_SENT(g)))
            break;
        f->total += al_as_float(AL_SENT(g));
        f->count += 1;
    }
    AL_RETURN(al_tuple(vm, 2, al_int(f->count), al_float(f->total / (double)f->count)));
AL_END

/* grouper owns its averager's memory: a new one is made in it each time
 * round the loop, as Python makes a new generator object. */
AL_DEF(grouper, al_value *slot; averager_frame sub;)
    for (;;)
        AL_YIELD_FROM(AL_CALL_AT(&f->sub, averager), *f->slot);
AL_END

static al_status part_a(al_vm *vm)
{
    al_value v;
    al_print(vm, "== (a) grouper and averager ==");
    const char *keys[] = {"north", "south"};
    const double *data[] = {north, south};
    size_t lens[] = {nnorth, nsouth};
    al_value results[2];
    for (size_t k = 0; k < 2; k++) {
        al_gen *group = AL_CALL(grouper, .slot = &results[k]);
        AL_EXPECT(al_gen_next(group, &v), AL_YIELDED, v);
        for (size_t i = 0; i < lens[k]; i++)
            AL_EXPECT(al_gen_send(group, al_float(data[k][i]), &v), AL_YIELDED, v);
        AL_EXPECT(al_gen_send(group, al_none(), &v), AL_YIELDED, v);
        AL_EXPECT(al_gen_close(group, &v), AL_RETURNED, v);
    }
    for (size_t k = 0; k < 2; k++)
        al_print(vm, "  %-6s %v readings, mean %.2f", keys[k], al_item(results[k], 0),
                 al_as_float(al_item(results[k], 1)));
    return AL_OK;
}


AL_DEF(inner, double total;)
    f->total = 0.0;
    for (;;) {
        AL_TRY {
            AL_YIELD(al_float(f->total));
        } AL_EXCEPT(Reset, e) {
            al_print(vm, "  inner caught Reset: %v", e);
            f->total = 0.0;
            continue;
        } AL_END_TRY;
        if (al_is_none(AL_SENT(g)))
            AL_RETURN(al_float(f->total));
        f->total += al_as_float(AL_SENT(g));
    }
AL_END

AL_DEF(middle, inner_frame sub; al_value result;)
    AL_YIELD_FROM(AL_CALL_AT(&f->sub, inner), f->result);
    al_print(vm, "  middle got %v from inner", f->result);
    AL_RETURN(f->result);
AL_END

AL_DEF(outer, middle_frame sub; al_value result;)
    AL_YIELD_FROM(AL_CALL_AT(&f->sub, middle), f->result);
    al_print(vm, "  outer got %v from middle", f->result);
    AL_RETURN(f->result);
AL_END

static void print_chain(al_vm *vm, const al_gen *gen)
{
    al_buf b;
    al_buf_init(&b);
    for (const al_gen *x = gen; x; x = x->yf)
        al_buf_printf(&b, "%s%s", x == gen ? "" : " -> ", x->def->name);
    al_print(vm, "chain: %s", b.data);
    al_buf_free(&b);
}

static al_status part_b(al_vm *vm)
{
    al_value v;
    al_print(vm, "== (b) yield from, three levels deep ==");
    al_gen *chain = AL_CALL(outer);
    AL_EXPECT(al_gen_next(chain, &v), AL_YIELDED, v);
    al_print(vm, "next() -> %v", v);
    print_chain(vm, chain);
    for (size_t i = 0; i < nnorth; i++) {
        AL_EXPECT(al_gen_send(chain, al_float(north[i]), &v), AL_YIELDED, v);
        al_print(vm, "send(%g) -> %v", north[i], v);
    }
    for (int64_t i = 0; i < resets; i++) {
        al_value e = al_exc_new(vm, Reset, al_strf(vm, "reset %D", i + 1));
        AL_EXPECT(al_gen_throw(chain, e, &v), AL_YIELDED, v);
        al_print(vm, "throw(Reset) -> %v", v);
    }
    for (size_t i = 0; i < nsouth; i++) {
        AL_EXPECT(al_gen_send(chain, al_float(south[i]), &v), AL_YIELDED, v);
        al_print(vm, "send(%g) -> %v", south[i], v);
    }
    AL_EXPECT(al_gen_send(chain, al_none(), &v), AL_RETURNED, v);
    al_print(vm, "StopIteration, value: %v", v);
    print_chain(vm, chain);
    return AL_OK;
}

/* primed is the twin's primed(gen): next(gen), then gen (NULL if the
 * runtime answered otherwise). */
static al_gen *primed(al_gen *gen)
{
    al_value v;
    return al_gen_next(gen, &v) == AL_YIELDED ? gen : NULL;
}

/* send is target.send(v) from inside a frame: None if the target yielded,
 * else the exception the send raises (StopIteration if it returned). */
static al_value send_to(al_gen *target, al_value v)
{
    al_value out;
    al_signal s = al_gen_send(target, v, &out);
    if (s == AL_RETURNED)
        return al_is_none(out) ? al_exc_noarg(target->vm, &al_StopIteration)
                               : al_exc_new(target->vm, &al_StopIteration, out);
    return s == AL_YIELDED ? al_none() : out;
}

/* close is target.close() from inside a frame: None, or what it raised. */
static al_value close_gen(al_gen *target)
{
    al_value out;
    return al_gen_close(target, &out) == AL_RETURNED ? al_none() : out;
}

AL_DEF(sink, al_value name; int64_t count;)
    f->count = 0;
    AL_TRY {
        for (;;) {
            AL_YIELD(al_none());
            f->count += 1;
            al_print(vm, "  %v got %v", f->name, AL_SENT(g));
        }
    } AL_EXCEPT(al_GeneratorExit) {
        al_print(vm, "  %v closed after %D items", f->name, f->count);
    } AL_END_TRY;
AL_END

/* No yield inside the loops over the targets: their index may be a C local. */
AL_DEF(broadcast, al_gen **targets; size_t n;)
    AL_TRY {
        for (;;) {
            AL_YIELD(al_none());
            for (size_t i = 0; i < f->n; i++)
                AL_CHECK(send_to(f->targets[i], AL_SENT(g)));
        }
    } AL_EXCEPT(al_GeneratorExit) {
        for (size_t i = 0; i < f->n; i++)
            AL_CHECK(close_gen(f->targets[i]));
    } AL_END_TRY;
AL_END

AL_DEF(above, double limit; al_gen *target;)
    AL_TRY {
        for (;;) {
            AL_YIELD(al_none());
            if (al_as_float(AL_SENT(g)) > f->limit)
                AL_CHECK(send_to(f->target, AL_SENT(g)));
            else
                al_print(vm, "  above(%g) drops %v", f->limit, AL_SENT(g));
        }
    } AL_EXCEPT(al_GeneratorExit) {
        AL_CHECK(close_gen(f->target));
    } AL_END_TRY;
AL_END

static al_status part_c(al_vm *vm)
{
    al_value v;
    al_print(vm, "== (c) a push pipeline with broadcast ==");
    al_gen **outs = al_alloc(vm, (size_t)sinks * sizeof *outs);
    for (int64_t k = 0; k < sinks; k++)
        if (!(outs[k] = primed(AL_CALL(sink, .name = al_strf(vm, "sink%D", k + 1)))))
            return al_unexpected(vm, "next(sink)", al_none());
    al_gen *bc = primed(AL_CALL(broadcast, .targets = outs, .n = (size_t)sinks));
    al_gen *pipeline = bc ? primed(AL_CALL(above, .limit = threshold, .target = bc)) : NULL;
    if (!pipeline)
        return al_unexpected(vm, "next(above) or next(broadcast)", al_none());
    for (size_t k = 0; k < nnorth + nsouth; k++) {
        double reading = k < nnorth ? north[k] : south[k - nnorth];
        al_print(vm, "source sends %g", reading);
        AL_EXPECT(al_gen_send(pipeline, al_float(reading), &v), AL_YIELDED, v);
    }
    AL_EXPECT(al_gen_close(pipeline, &v), AL_RETURNED, v);
    return AL_OK;
}

/* The locals `locals` shows at each yield, as the twin names them. */
static const al_local averager_locals[] = {AL_LOCAL(averager, total, FLOAT),
                                           AL_LOCAL(averager, count, INT)};
static const al_local inner_locals[] = {AL_LOCAL(inner, total, FLOAT)};
static const al_local sink_locals[] = {AL_LOCAL(sink, name, VALUE), AL_LOCAL(sink, count, INT)};
static const al_local above_locals[] = {AL_LOCAL(above, limit, FLOAT)};

static al_status run(al_vm *vm, const al_params *p)
{
    al_show_locals(vm, &averager_def, averager_locals, 2);
    al_show_locals(vm, &inner_def, inner_locals, 1);
    al_show_locals(vm, &sink_def, sink_locals, 2);
    al_show_locals(vm, &above_def, above_locals, 1);
    nnorth = al_param_list(p, "north", &north);
    nsouth = al_param_list(p, "south", &south);
    threshold = al_param_float(p, "threshold");
    sinks = al_param_int(p, "sinks");
    resets = al_param_int(p, "resets");
    Reset = al_exc_type_new(vm, "Reset", &al_Exception);
    return AL_PARTS(vm, part_a, part_b, part_c);
}

static const al_param_def params[] = {
    {"north", AL_PARAM_FLOAT_LIST, "12.5,14,13.25", -50, 50, 8, "readings of the north group"},
    {"south", AL_PARAM_FLOAT_LIST, "21,19.5", -50, 50, 8, "readings of the south group"},
    {"threshold", AL_PARAM_FLOAT, "14", -50, 50, 0, "the filter passes readings above this"},
    {"sinks", AL_PARAM_INT, "2", 1, 4, 0, "how many sinks the broadcast feeds"},
    {"resets", AL_PARAM_INT, "1", 0, 3, 0, "Reset exceptions thrown into the three-level chain"},
};

AL_LESSON(params, run,
    .title = "Pipelines",
    .summary = "yield from delegation, and push pipelines with broadcast",
    .concept = "yield from connects the caller straight to the innermost generator");
