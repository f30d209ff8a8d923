/*
 * asynclab/taskgroup.h: structured concurrency: BaseExceptionGroup and ExceptionGroup
 * (excgroup.c, PEP 654) and asyncio.TaskGroup (taskgroup.c, Python 3.11's
 * taskgroups.py step for step).
 */
#ifndef ASYNCLAB_TASKGROUP_H
#define ASYNCLAB_TASKGROUP_H

#include "asynclab/asyncgen.h"
#include "asynclab/asyncio.h"

/* ---- ExceptionGroup (excgroup.c, PEP 654) ----
 *
 * BaseExceptionGroup(msg, excs) and ExceptionGroup(msg, excs): excs is a
 * list or tuple of exceptions, kept as given (repr shows it).  A
 * BaseExceptionGroup of Exceptions only is an ExceptionGroup, as in
 * Python.  al_exc_group returns AL_RETURNED with the group, or AL_RAISED
 * with the TypeError or ValueError CPython's constructor raises.
 *
 *   al_exc_group(vm, &al_ExceptionGroup, al_cstr(vm, "two"), list, &eg);
 *   al_exc_group_split(vm, eg, &al_ValueError, &match, &rest);
 *
 * al_except_star is one "except* T as eg:" clause inside a body: it
 * returns the matching part (a group, or None if nothing matches) and
 * leaves the rest pending, so that a final AL_PROPAGATE re-raises it:
 *
 *   if (!al_is_none(eg = al_except_star(g, &al_ValueError))) ...
 *   if (!al_is_none(eg = al_except_star(g, &al_TypeError))) ...
 *   AL_PROPAGATE(g);
 */
extern const al_exc_type al_BaseExceptionGroup, al_ExceptionGroup;
al_signal al_exc_group(al_vm *vm, const al_exc_type *t, al_value msg, al_value excs, al_value *out);
bool al_exc_is_group(al_value e);
al_value al_exc_group_message(al_value eg);          /* eg.message */
al_value al_exc_group_exceptions(al_vm *vm, al_value eg); /* eg.exceptions, a tuple */
size_t al_exc_group_count(al_value eg);              /* len(eg.exceptions) */
al_value al_exc_group_item(al_value eg, size_t i);   /* eg.exceptions[i] */
/* eg.split(T) and eg.subgroup(T); each part is None when empty. */
void al_exc_group_split(al_vm *vm, al_value eg, const al_exc_type *t, al_value *match, al_value *rest);
al_value al_exc_group_subgroup(al_vm *vm, al_value eg, const al_exc_type *t);
al_value al_except_star(al_gen *g, const al_exc_type *t);

/* ---- TaskGroup (taskgroup.c, taskgroups.py) ----
 *
 * "async with asyncio.TaskGroup() as tg:" is init, enter, the block, and
 * the __aexit__ coroutine given the exception leaving the block.  The
 * exit raises what leaves the "async with" (an ExceptionGroup of the
 * children's errors, a CancelledError, or the block's own exception), so
 * nothing is swallowed by forgetting to check:
 *
 *   al_taskgroup_init(&L->tg, vm);
 *   AL_ASYNC_WITH(g, &L->tg.cm, L->r);                 async with tg:
 *   al_taskgroup_create_task(&L->tg, job(...), &e);   NULL and e on refusal
 *   AL_YIELD_FROM_TRY(g, al_sleep(&L->sleep, vm, 1, al_none()), L->r);
 *   AL_ASYNC_WITH_END_TRY(g, &L->tg.cm);              the end of the block
 *   if (!al_is_none(eg = al_except_star(g, &al_ValueError))) ...
 *   AL_PROPAGATE(g);
 *
 * or by hand: al_taskgroup_enter (returns the RuntimeError or None), then
 * al_taskgroup_exit given the exception pending at the end of the block.
 *
 * Children are cancelled in creation order (CPython: set order).
 */
typedef struct al_taskgroup al_taskgroup;
typedef struct al_taskgroup_exit_co {
    al_gen g;
    al_taskgroup *tg;
    al_value exc, propagate, r;
} al_taskgroup_exit_co;

struct al_taskgroup {
    al_acm cm;                /* "async with tg" (AL_ASYNC_WITH) */
    al_vm *vm;
    bool entered, exiting, aborting, parent_cancel_requested;
    al_task *parent;
    al_task **tasks;          /* the children not done yet, oldest first */
    size_t ntasks, cap;
    al_value errors;          /* a list; None once __aexit__ raised them */
    al_future *on_completed;  /* _on_completed_fut, or NULL */
    uint32_t actor;
    al_gen enter;             /* the frames of __aenter__ and __aexit__ */
    al_taskgroup_exit_co exit;
};

void al_taskgroup_init(al_taskgroup *tg, al_vm *vm);
al_value al_taskgroup_enter(al_taskgroup *tg);
al_task *al_taskgroup_create_task(al_taskgroup *tg, al_gen *coro, al_value *exc);
al_gen *al_taskgroup_exit(al_taskgroup_exit_co *x, al_taskgroup *tg, al_value exc);
void al_taskgroup_repr(al_buf *b, const al_taskgroup *tg);

#endif
