/*
 * shield.c: asyncio.shield, as tasks.py has it.
 *
 * shield(inner) hands out a second future, the outer one, and keeps the
 * two in step with a done callback on each:
 *
 *   - when inner finishes, outer copies its outcome (unless outer was
 *     cancelled meanwhile: then inner's exception is only marked as
 *     retrieved, so that nobody is told it was never retrieved);
 *   - when outer finishes first (it was cancelled), inner forgets the
 *     callback and runs on.
 *
 * Cancelling the task that awaits the outer future cancels only the outer
 * one, which is the whole point: the inner operation never sees it.
 * Every operation here is O(1) apart from removing a done callback, which
 * is O(callbacks on inner).
 */
#include "al_internal.h"

typedef struct shielding {
    al_future outer;    /* first, so the outer future's pointer is ours */
    al_future *inner;
} shielding;

/* trace_shield records what happened between outer and inner. */
static void trace_shield(shielding *s, const char *what)
{
    al_vm *vm = s->outer.vm;
    AL_TRACE(vm, AL_EV_SHIELD, s->outer.actor, s->inner->actor, al_none(), al_cstr_static(vm, what));
}

/* inner_done is shield's _inner_done_callback. */
static void inner_done(al_vm *vm, void *fut, void *sp)
{
    shielding *s = sp;
    al_future *inner = fut;
    al_value v;
    (void)vm;
    if (al_future_cancelled(&s->outer)) {
        if (!al_future_cancelled(inner))
            al_future_exception(inner, &v); /* marks it retrieved */
        return;
    }
    trace_shield(s, "inner done");
    if (al_future_cancelled(inner)) {
        al_future_cancel(&s->outer, al_none());
        return;
    }
    al_future_exception(inner, &v);
    if (!al_is_none(v)) {
        al_future_set_exception(&s->outer, v);
        return;
    }
    al_future_result(inner, &v);
    al_future_set_result(&s->outer, v);
}

/* outer_done is shield's _outer_done_callback. */
static void outer_done(al_vm *vm, void *fut, void *sp)
{
    shielding *s = sp;
    (void)vm;
    (void)fut;
    if (al_future_done(s->inner))
        return;
    trace_shield(s, "outer done, inner runs on");
    al_future_remove_done_callback(s->inner, inner_done, s);
}

/* al_shield is asyncio.shield(inner) for a future or a task: a done
 * inner future is returned as it is (CPython's shortcut), otherwise a new
 * outer future tied to it. */
al_future *al_shield(al_vm *vm, al_future *inner)
{
    if (!inner) /* shield(None): ensure_future's TypeError, raised by the await */
        return al__future_refused(vm, al__not_awaitable(vm));
    if (al_future_done(inner))
        return inner;
    shielding *s = al_alloc(vm, sizeof *s);
    al_future_init(&s->outer, vm, "shield");
    s->inner = inner;
    trace_shield(s, "shield");
    al_future_add_done_callback(inner, inner_done, s, "shield._inner_done_callback");
    al_future_add_done_callback(&s->outer, outer_done, s, "shield._outer_done_callback");
    return &s->outer;
}

/* al_shield_coro is asyncio.shield(coro): the coroutine becomes a task
 * (ensure_future), which is then shielded. */
al_future *al_shield_coro(al_vm *vm, al_gen *coro)
{
    al_task *t = al_create_task(vm, coro);
    return t ? al_shield(vm, al_task_fut(t)) : al__future_refused(vm, al_vm_take_error(vm));
}
