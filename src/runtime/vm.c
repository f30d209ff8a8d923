/*
 * vm.c: one run of a lesson: its arena, its actors and its trace.
 *
 * Every runtime operation calls al_emit, which appends one event to the
 * trace.  The renderers and the step mode only read the trace, so what a
 * student sees is exactly what the runtime did.
 */
#include "al_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

const char *const al_ev_names[AL_EV__COUNT] = {
    [AL_EV_CREATE] = "create",
    [AL_EV_RESUME] = "resume",
    [AL_EV_YIELD] = "yield",
    [AL_EV_RETURN] = "return",
    [AL_EV_RAISE] = "raise",
    [AL_EV_THROW] = "throw",
    [AL_EV_CLOSE] = "close",
    [AL_EV_DELEGATE] = "delegate",
    [AL_EV_DELEGATE_END] = "delegate_end",
    [AL_EV_OUTPUT] = "output",
    [AL_EV_ERROR] = "error",
    [AL_EV_LOOP_ITER] = "loop_iter",
    [AL_EV_CLOCK] = "clock",
    [AL_EV_TIMER_ADD] = "timer_add",
    [AL_EV_TIMER_FIRE] = "timer_fire",
    [AL_EV_TIMER_CANCEL] = "timer_cancel",
    [AL_EV_CALL_SOON] = "call_soon",
    [AL_EV_CALLBACK] = "callback",
    [AL_EV_FUTURE_DONE] = "future_done",
    [AL_EV_TASK_NEW] = "task_new",
    [AL_EV_TASK_STEP] = "task_step",
    [AL_EV_TASK_SUSPEND] = "task_suspend",
    [AL_EV_TASK_DONE] = "task_done",
    [AL_EV_WAKEUP] = "wakeup",
    [AL_EV_CANCEL] = "cancel",
    [AL_EV_BLOCK] = "block",
    [AL_EV_WAIT] = "wait",
    [AL_EV_QUEUE] = "queue",
    [AL_EV_DEADLOCK] = "deadlock",
    [AL_EV_NOTE] = "note",
    [AL_EV_SHIELD] = "shield",
    [AL_EV_GROUP] = "group",
    [AL_EV_SYNC] = "sync",
    [AL_EV_TIMEOUT] = "timeout",
    [AL_EV_EXC_HANDLER] = "exception_handler",
};

const char *const al_actor_kind_names[AL_ACTOR__COUNT] = {
    [AL_ACTOR_MAIN] = "main",
    [AL_ACTOR_GENERATOR] = "generator",
    [AL_ACTOR_COROUTINE] = "coroutine",
    [AL_ACTOR_TASK] = "task",
    [AL_ACTOR_FUTURE] = "future",
    [AL_ACTOR_LOOP] = "loop",
    [AL_ACTOR_OBJECT] = "object",
};

/* al_vm_new makes a vm with an empty trace, the "main" actor, and the
 * clock at 0.0. */
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
    vm->main_actor = al_actor_new(vm, AL_ACTOR_MAIN, "main", NULL);
    return vm;
}

/* al_vm_free releases the trace, the actor table and the arena. */
void al_vm_free(al_vm *vm)
{
    if (!vm)
        return;
    al__loop_close(vm);
    free(vm->trace.ev);
    free(vm->actors);
    free(vm->interned);
    al__arena_free(&vm->arena);
    free(vm);
}

void *al_alloc(al_vm *vm, size_t n) { return al__arena_alloc(&vm->arena, n); }

const al_trace *al_vm_trace(const al_vm *vm) { return &vm->trace; }

const al_actor *al_vm_actor(const al_vm *vm, uint32_t id)
{
    return id >= 1 && id <= vm->nactors ? &vm->actors[id - 1] : NULL;
}

size_t al_vm_actor_count(const al_vm *vm) { return vm->nactors; }

/* al_actor_new copies name into the arena and returns the new actor's id
 * (ids start at 1 so that 0 can mean "none").  Amortised O(1). */
uint32_t al_actor_new(al_vm *vm, al_actor_kind kind, const char *name, const char *code)
{
    if (vm->nactors == vm->actors_cap) {
        size_t cap = vm->actors_cap ? 2 * vm->actors_cap : 64;
        al_actor *a = realloc(vm->actors, cap * sizeof *a);
        if (!a)
            al__die("out of memory (actor table)");
        vm->actors = a;
        vm->actors_cap = cap;
    }
    char *copy = al_alloc(vm, strlen(name) + 1);
    strcpy(copy, name);
    vm->actors[vm->nactors] = (al_actor){kind, copy, code};
    return (uint32_t)++vm->nactors;
}

/* al_emit appends an event caused by vm->cause.  Amortised O(1); with
 * tracing off it does nothing, which is what the benchmarks measure. */
uint32_t al_emit(al_vm *vm, al_ev_kind kind, uint32_t actor, uint32_t other,
                 al_value a, al_value b)
{
    if (!vm->opts.trace)
        return 0;
    al_trace *t = &vm->trace;
    if (t->len == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        al_event *ev = realloc(t->ev, cap * sizeof *ev);
        if (!ev)
            al__die("out of memory (trace of %zu events)", cap);
        t->ev = ev;
        t->cap = cap;
    }
    uint32_t seq = (uint32_t)t->len + 1;
    t->ev[t->len++] = (al_event){
        .seq = seq, .cause = vm->cause, .kind = (uint16_t)kind,
        .actor = actor, .other = other, .task = vm->cur_task,
        .time = vm->now, .a = a, .b = b,
    };
    return seq;
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

/* al_note records an annotation for the timeline; never program output. */
void al_note(al_vm *vm, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    record_line(vm, AL_EV_NOTE, fmt, ap);
    va_end(ap);
}
