/*
 * 10-taskgroups.c: lesson 10, task groups (structured concurrency).
 *
 * It reads line for line beside its twin, 10-taskgroups.py.  The twin's
 * `async with asyncio.TaskGroup() as tg:` is al_taskgroup_enter on the
 * way in and the al_taskgroup_exit coroutine, awaited, on the way out;
 * its `except*` clauses are al_except_star on the exception the exit
 * left pending, each taking its part, and whatever no clause took goes
 * on (AL_PROPAGATE).
 */
#include "asynclab.h"
#include "lesson_forms.h"

static int64_t children;
static double cancel_at;
static const double *delays, *fates;
static size_t ndelays, nfates;

static double start; /* the loop's clock when main began; main sets it */

/* now is seconds since main began, as the loop's clock counts them. */
static double now(al_vm *vm) { return al_time(vm) - start; }

AL_ASYNC_DEF(child, int64_t k, fate; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, delays[(size_t)f->k % ndelays], al_none()));
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "  %.2f child-%D cancelled", now(vm), f->k);
        AL_RAISE(e);
    } AL_END_TRY;
    if (f->fate == 1) {
        al_print(vm, "  %.2f child-%D raises ValueError", now(vm), f->k);
        AL_RAISE(al_exc_new(vm, &al_ValueError, al_strf(vm, "child-%D failed", f->k)));
    }
    if (f->fate == 2) {
        al_print(vm, "  %.2f child-%D raises TypeError", now(vm), f->k);
        AL_RAISE(al_exc_new(vm, &al_TypeError, al_strf(vm, "child-%D failed", f->k)));
    }
    al_print(vm, "  %.2f child-%D returns %D", now(vm), f->k, f->k);
    AL_RETURN(al_int(f->k));
AL_END

static int64_t fate_of(size_t k) { return (int64_t)fates[k % nfates]; }

static al_gen *child_k(al_vm *vm, size_t k)
{
    return AL_CALL(child, .k = (int64_t)k, .fate = fate_of(k));
}

/* ---- (a) gather: the first failure is raised, the others run on ---- */

AL_ASYNC_DEF(with_gather, al_future **tasks; al_value results; al_future **running;
             size_t nrunning; al_wait_co w;)
    al_print(vm, "(a) gather");
    f->tasks = al_tasks(vm, (size_t)children, child_k, "child-%D");
    AL_TRY {
        AL_AWAIT(al_gather(vm, (size_t)children, f->tasks, false), f->results);
        al_print(vm, "  %.2f gather returned %v", now(vm), f->results);
    } AL_EXCEPT(al_Exception, exc) {
        al_print(vm, "  %.2f gather raised %r", now(vm), exc);
    } AL_END_TRY;
    f->running = al_alloc(vm, (size_t)children * sizeof *f->running);
    for (size_t k = 0; k < (size_t)children; k++)
        if (!al_future_done(f->tasks[k]))
            f->running[f->nrunning++] = f->tasks[k];
    al_print(vm, "  %.2f children still running: %D", now(vm), (int64_t)f->nrunning);
    if (f->nrunning) {
        AL_AWAIT(al_wait(&f->w, vm, f->nrunning, f->running, AL_NO_TIMEOUT, AL_ALL_COMPLETED));
        al_print(vm, "  %.2f now they are done too", now(vm));
    }
AL_END

/* ---- (b) TaskGroup: the first failure cancels the rest ---- */

/* create_children is the block of the twin's async with: one child per
 * k, named child-k, made in the group tg. */
static al_value create_children(al_vm *vm, al_taskgroup *tg, al_task **tasks, int64_t fate)
{
    al_value exc = al_none();
    for (size_t k = 0; k < (size_t)children && al_is_none(exc); k++) {
        tasks[k] = al_taskgroup_create_task(
            tg, AL_CALL(child, .k = (int64_t)k, .fate = fate < 0 ? fate_of(k) : fate), &exc);
        if (tasks[k])
            al_task_set_name(tasks[k], al_as_str(al_strf(vm, "child-%D", (int64_t)k)));
    }
    return exc;
}

AL_ASYNC_DEF(with_taskgroup, al_taskgroup tg; al_taskgroup_exit_co exit; al_task **tasks;
             al_value r, group;)
    al_print(vm, "(b) TaskGroup");
    al_taskgroup_init(&f->tg, vm);
    AL_CHECK(al_taskgroup_enter(&f->tg)); /* async with asyncio.TaskGroup() as tg: */
    f->tasks = al_alloc(vm, (size_t)children * sizeof *f->tasks);
    f->r = create_children(vm, &f->tg, f->tasks, -1); /* the block: what leaves it */
    AL_YIELD_FROM_TRY(g, al_taskgroup_exit(&f->exit, &f->tg, f->r), f->r);
    if (al_is_none(al_pending(g))) {
        f->r = al_list_new(vm, (size_t)children);
        for (size_t k = 0; k < (size_t)children; k++) {
            al_value v;
            al_future_result(al_task_fut(f->tasks[k]), &v);
            al_list_append(vm, f->r, v);
        }
        al_print(vm, "  %.2f the group returned %v", now(vm), f->r);
    }
    if (!al_is_none(f->group = al_except_star(g, &al_ValueError)))
        al_print(vm, "  %.2f except* ValueError: %r", now(vm), f->group);
    if (!al_is_none(f->group = al_except_star(g, &al_TypeError)))
        al_print(vm, "  %.2f except* TypeError: %r", now(vm), f->group);
    AL_PROPAGATE(g);
AL_END

/* ---- (c) cancelling the task that runs a group ---- */

AL_ASYNC_DEF(group_of_sleepers, al_taskgroup tg; al_taskgroup_exit_co exit; al_task **tasks;)
    al_taskgroup_init(&f->tg, vm);
    AL_CHECK(al_taskgroup_enter(&f->tg)); /* async with asyncio.TaskGroup() as tg: */
    f->tasks = al_alloc(vm, (size_t)children * sizeof *f->tasks);
    AL_AWAIT(al_taskgroup_exit(&f->exit, &f->tg, create_children(vm, &f->tg, f->tasks, 0)));
    al_print(vm, "  %.2f every child returned", now(vm));
AL_END

AL_ASYNC_DEF(cancel_group, al_task *runner; al_sleep_co s;)
    al_print(vm, "(c) cancelling the group's task after %.2f s", cancel_at);
    f->runner = al_create_task(vm, AL_CALL(group_of_sleepers));
    al_task_set_name(f->runner, "group");
    AL_AWAIT(al_sleep(&f->s, vm, cancel_at, al_none()));
    al_print(vm, "  %.2f main: runner.cancel() returned %v", now(vm),
             al_bool(al_task_cancel(f->runner, al_none())));
    AL_TRY {
        AL_AWAIT(f->runner);
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "  %.2f main: the group's task ended cancelled", now(vm));
    } AL_END_TRY;
AL_END

AL_ASYNC_DEF(main, with_gather_frame a; with_taskgroup_frame b; cancel_group_frame c;)
    start = al_time(vm);
    AL_AWAIT(AL_CALL_AT(&f->a, with_gather));
    AL_AWAIT(AL_CALL_AT(&f->b, with_taskgroup));
    AL_AWAIT(AL_CALL_AT(&f->c, cancel_group));
AL_END

static al_status run(al_vm *vm, const al_params *p)
{
    children = al_param_int(p, "children");
    ndelays = al_param_list(p, "delays", &delays);
    nfates = al_param_list(p, "fates", &fates);
    cancel_at = al_param_float(p, "cancel_at");
    return al_run_main(vm, AL_CALL(main));
}

static const al_param_def params[] = {
    {"children", AL_PARAM_INT, "4", 1, 6, 0, "how many child tasks each part starts"},
    {"delays", AL_PARAM_FLOAT_LIST, "3,1,1,2", 0, 5, 6, "child k sleeps delays[k % len] seconds"},
    {"fates", AL_PARAM_INT_LIST, "0,1,2,0", 0, 2, 6,
     "child k then returns (0), raises ValueError (1) or raises TypeError (2), by fates[k % len]"},
    {"cancel_at", AL_PARAM_FLOAT, "1.5", 0, 5, 0,
     "seconds after which main cancels the task running the group of (c)"},
};

AL_LESSON(params, run,
    .title = "Task groups",
    .summary = "gather leaves siblings running when one fails; a TaskGroup cancels them and raises an ExceptionGroup",
    .concept = "structured concurrency: no task outlives the block that made it");
