/*
 * vm.c: one run of a lesson: its arena, its actors and its trace.
 *
 * Every runtime operation calls al_emit, which hands one event to the
 * trace's subscribers as it happens (the recorder, a live view).  The
 * renderers and the step mode only read what the recorder kept, so what
 * a student sees is exactly what the runtime did.
 */
#include "al_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define AL__EV_NAME(id, name, a, b, doc) [AL_EV_##id] = name,
const char *const al_ev_names[AL_EV__COUNT] = {AL_EVENT_KINDS(AL__EV_NAME)};
#undef AL__EV_NAME

#define AL__ACTOR_NAME(id, name) [AL_ACTOR_##id] = name,
const char *const al_actor_kind_names[AL_ACTOR__COUNT] = {AL_ACTOR_KINDS(AL__ACTOR_NAME)};
#undef AL__ACTOR_NAME

static void ignore_event(void *ctx, const al_event *e)
{
    (void)ctx;
    (void)e;
}

/* fan_out hands e to each subscriber: al__emit's callee when there
 * are several. */
static void fan_out(void *ctx, const al_event *e)
{
    al_vm *vm = ctx;
    for (size_t i = 0; i < vm->nsubs; i++)
        vm->subs[i].on_event(vm->subs[i].ctx, e);
}

/* announce_all tells every subscriber about actor id: al__actor_new's
 * callee when there are several, or one without on_actor. */
static void announce_all(void *ctx, uint32_t id, const al_actor_info *a)
{
    al_vm *vm = ctx;
    for (size_t i = 0; i < vm->nsubs; i++)
        if (vm->subs[i].on_actor)
            vm->subs[i].on_actor(vm->subs[i].ctx, id, a);
}

/* announce tells every subscriber about actor id, in one call. */
static inline void announce(al_vm *vm, uint32_t id, const al_actor_info *a)
{
    vm->actor_fn(vm->actor_ctx, id, a);
}

/* The main actor, id 1: announced again to each subscriber that attaches. */
static const al_actor_info main_info = {AL_ACTOR_MAIN, 0, "main", NULL, NULL};

/* al_vm_new makes a vm with no subscribers, the "main" actor (id 1) and
 * the clock at 0.0. */
al_vm *al_vm_new(const al_vm_opts *opts)
{
    al_vm *vm = calloc(1, sizeof *vm);
    if (!vm)
        return NULL;
    if (opts)
        vm->opts = *opts;
    if (vm->opts.speed <= 0)
        vm->opts.speed = 1.0;
    al__arena_init(&vm->arena);
    vm->nactors = 1;
    vm->main_actor = 1;
    vm->emit_fn = ignore_event; /* what al__emit calls while none is attached */
    vm->actor_fn = announce_all;
    vm->actor_ctx = vm;
    return vm;
}

/* al_vm_free releases the vm's arrays and the arena.  The loop is gone
 * already: al_run closes the loop it made before it returns. */
void al_vm_free(al_vm *vm)
{
    if (!vm)
        return;
    free(vm->live);
    free(vm->interned);
    free(vm->shown);
    al__arena_free(&vm->arena);
    free(vm);
}

void *al_alloc(al_vm *vm, size_t n) { return al__arena_alloc(&vm->arena, n); }


/* al_vm_subscribe: see trace.h.  "Too late" means an actor other than
 * main exists or an event was emitted: the newcomer would miss them. */
bool al_vm_subscribe(al_vm *vm, const al_subscriber *s)
{
    if (vm->nsubs == AL_MAX_SUBSCRIBERS || vm->nactors > 1 || vm->seq > 0)
        return false;
    vm->subs[vm->nsubs] = *s;
    if (!s->on_event)
        vm->subs[vm->nsubs].on_event = ignore_event; /* so that al_emit need not test */
    vm->nsubs++;
    vm->emit_fn = vm->nsubs == 1 ? vm->subs[0].on_event : fan_out;
    vm->emit_ctx = vm->nsubs == 1 ? vm->subs[0].ctx : vm;
    bool one = vm->nsubs == 1 && s->on_actor;
    vm->actor_fn = one ? s->on_actor : announce_all;
    vm->actor_ctx = one ? s->ctx : vm;
    vm->silent = (vm->nsubs == 1 || vm->silent) && s->follow_ups;
    vm->opts.trace = true;
    if (s->on_actor)
        s->on_actor(s->ctx, vm->main_actor, &main_info);
    return true;
}

/* al__actor_new: see al_internal.h.  O(subscribers); formats nothing. */
uint32_t al__actor_new(al_vm *vm, al_actor_kind kind, const char *base, const char *sep,
                       uint32_t number, const char *code)
{
    al_actor_info a = {kind, number, base, sep, code};
    uint32_t id = ++vm->nactors;
    announce(vm, id, &a);
    return id;
}

/* al__actor_rename: see al_internal.h. */
void al__actor_rename(al_vm *vm, uint32_t id, al_actor_kind kind, const char *name,
                      const char *code)
{
    al_actor_info a = {kind, 0, name, NULL, code};
    announce(vm, id, &a);
}

/* al_actor_new is al__actor_new for a whole name, which it copies. */
uint32_t al_actor_new(al_vm *vm, al_actor_kind kind, const char *name, const char *code)
{
    if (!vm->opts.trace)
        return 0;
    return al__actor_new(vm, kind, al_cstr(vm, name).u.s->data, NULL, 0, code);
}

/* al_emit hands one event, caused by vm->cause, to every subscriber and
 * returns its seq.  O(subscribers); with tracing off it does nothing. */
uint32_t al_emit(al_vm *vm, al_ev_kind kind, uint32_t actor, uint32_t other,
                 al_value a, al_value b)
{
    return AL_TRACE(vm, kind, actor, other, a, b);
}

/* al__actor_now: see al_internal.h.  A callback such as call_later's
 * runs inside the loop, not in main, so what it prints or schedules is
 * the loop's doing. */
uint32_t al__actor_now(const al_vm *vm)
{
    if (vm->cur_actor)
        return vm->cur_actor;
    if (vm->cur_task)
        return vm->cur_task;
    if (vm->loop && vm->loop->in_callback)
        return vm->loop->actor;
    return vm->main_actor;
}

/* write_live prints one output line the moment it happens.  The first
 * failure is kept (errno) and ends live output. */
static void write_live(al_vm *vm, const char *text)
{
    errno = 0;
    if (fputs(text, vm->opts.live) == EOF || fputc('\n', vm->opts.live) == EOF ||
        fflush(vm->opts.live) == EOF) {
        vm->live_err = errno ? errno : EIO;
        vm->opts.live = NULL;
    }
}

int al_vm_live_error(const al_vm *vm) { return vm->live_err; }

static void record_line(al_vm *vm, al_ev_kind kind, const char *fmt, va_list ap)
{
    al_buf b;
    al_buf_init(&b);
    al_vformat(&b, fmt, ap);
    const char *text = b.data ? b.data : "";
    if (kind == AL_EV_OUTPUT && vm->opts.live)
        write_live(vm, text);
    uint32_t actor = al__actor_now(vm);
    if (vm->opts.trace)
        al_emit(vm, kind, actor, 0, al_str_new(vm, text, b.len), al_none());
    al_buf_free(&b);
}

/* al_print records one line of program output (print() in the twin). */
void al_print(al_vm *vm, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record_line(vm, AL_EV_OUTPUT, fmt, ap);
    va_end(ap);
}

/* al_note_part: see core.h.  O(length of name). */
void al_note_part(al_vm *vm, const char *name)
{
    if (vm->opts.trace)
        al_emit(vm, AL_EV_NOTE, al__actor_now(vm), 0,
                name ? al_str_new(vm, name, strlen(name)) : al_none(),
                al_cstr_static(vm, "part"));
}

/* al_note records an annotation for the timeline; never program output. */
void al_note(al_vm *vm, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record_line(vm, AL_EV_NOTE, fmt, ap);
    va_end(ap);
}
