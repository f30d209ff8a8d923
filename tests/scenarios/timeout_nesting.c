/* Deadlines that nest: asyncio.timeout inside asyncio.timeout with the
 * inner deadline after the outer one (the outer fires and only the outer
 * converts); the inner first; a TaskGroup inside a timeout inside a
 * TaskGroup; wait_for around shield around a task cancelled from
 * elsewhere; as_completed with a timeout; the cancelling() counts. */
#include "scenario.h"
#include "lesson_forms.h"

/* "async with asyncio.TaskGroup() as tg:" around a block that does not
 * await: TG_ENTER, the block, TG_EXIT (which raises what leaves it). */
#define TG_ENTER(tg_) do { al_taskgroup_init(&f->tg_, vm); AL_CHECK(al_taskgroup_enter(&f->tg_)); } while (0)
#define TG_EXIT(tg_, x_)                                                       \
    do {                                                                       \
        AL_YIELD_FROM_TRY(g, al_taskgroup_exit(&f->x_, &f->tg_, al_none()), f->r); \
        al_value e_ = g->exc;                                                  \
        g->exc = al_none();                                                    \
        AL_CHECK(e_);                                                          \
    } while (0)

AL_ASYNC_DEF(work, const char *name; double d; al_sleep_co s;)
    AL_TRY {
        AL_AWAIT(al_sleep(&f->s, vm, f->d, al_none()));
    } AL_EXCEPT(al_CancelledError) {
        al_print(vm, "   %s cancelled at %g", f->name, now(vm));
        AL_RERAISE();
    } AL_END_TRY;
    al_print(vm, "   %s finished at %g", f->name, now(vm));
    AL_RETURN(al_cstr(vm, f->name));
AL_END

AL_ASYNC_DEF(nested, double outer_d, inner_d, work_d; al_task *me; al_timeout outer, inner;
             work_frame w; al_sleep_co s;)
    f->me = al_current_task(vm);
    AL_TRY {
        al_timeout_init(&f->outer, vm, f->outer_d);
        AL_WITH(al_timeout_aenter(&f->outer)) {
            AL_TRY {
                al_timeout_init(&f->inner, vm, f->inner_d);
                AL_WITH(al_timeout_aenter(&f->inner)) {
                    AL_AWAIT(AL_CALL_AT(&f->w, work, .name = "nested", .d = f->work_d));
                } AL_END_WITH(al_timeout_exit(&f->inner, AL_PENDING()));
            } AL_EXCEPT(al_TimeoutError) {
                al_print(vm, "  inner timed out %v %v %d %g", al_bool(al_timeout_expired(&f->inner)),
                         al_bool(al_timeout_expired(&f->outer)), al_task_cancelling(f->me), now(vm));
            } AL_END_TRY;
            AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
            al_print(vm, "  after the inner block %g", now(vm));
        } AL_END_WITH(al_timeout_exit(&f->outer, AL_PENDING()));
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "  outer timed out %v %d %g", al_bool(al_timeout_expired(&f->outer)),
                 al_task_cancelling(f->me), now(vm));
    } AL_END_TRY;
    al_print(vm, "  cancelling %d", al_task_cancelling(f->me));
AL_END

AL_ASYNC_DEF(middle, al_timeout tm; al_taskgroup tg; al_taskgroup_exit_co x; al_value r;)
    AL_TRY {
        AL_WITH(al_timeout_enter(&f->tm, vm, 1.5)) {
            TG_ENTER(tg);
            al_taskgroup_create_task(&f->tg, AL_CALL(work, .name = "t1", .d = 1), &f->r);
            al_taskgroup_create_task(&f->tg, AL_CALL(work, .name = "t2", .d = 2), &f->r);
            TG_EXIT(tg, x);
        } AL_END_WITH(al_timeout_exit(&f->tm, AL_PENDING()));
    } AL_EXCEPT(al_TimeoutError, e) {
        al_print(vm, "  middle timed out %r %d %g", e, al_task_cancelling(al_current_task(vm)), now(vm));
    } AL_END_TRY;
    AL_RETURN(al_cstr(vm, "middle"));
AL_END

static void cancel_killed(al_vm *vm, void *task, void *unused)
{
    (void)unused;
    al_task_cancel(task, al_cstr(vm, "killed"));
}

static const double ac_delays[] = {1, 3, 2};
static al_gen *make_ac(al_vm *vm, size_t i)
{
    return AL_CALL(work, .name = al_as_str(al_strf(vm, "ac%d", (int)ac_delays[i])), .d = ac_delays[i]);
}

static al_value done_list(al_vm *vm, al_future **ts, size_t n)
{
    al_value l = al_list_new(vm, n);
    for (size_t i = 0; i < n; i++)
        al_list_append(vm, l, al_bool(al_future_done(ts[i])));
    return l;
}

AL_ASYNC_DEF(main, nested_frame n; al_taskgroup outer_tg; al_taskgroup_exit_co x; al_task *m, *inner;
             al_wait_for_co wf; al_as_completed ac; al_wait_one_co one; al_future **ts;
             size_t i; al_sleep_co s; al_value r;)
    al_print(vm, "inner after outer:");
    AL_AWAIT(AL_CALL_AT(&f->n, nested, .outer_d = 1, .inner_d = 2, .work_d = 5));
    al_print(vm, "inner first:");
    AL_AWAIT(AL_CALL_AT(&f->n, nested, .outer_d = 3, .inner_d = 1, .work_d = 5));
    al_print(vm, "both at once:");
    AL_AWAIT(AL_CALL_AT(&f->n, nested, .outer_d = 1, .inner_d = 1, .work_d = 5));

    al_print(vm, "taskgroup in timeout in taskgroup:");
    TG_ENTER(outer_tg);
    al_taskgroup_create_task(&f->outer_tg, AL_CALL(work, .name = "sibling", .d = 3), &f->r);
    f->m = al_taskgroup_create_task(&f->outer_tg, AL_CALL(middle), &f->r);
    TG_EXIT(outer_tg, x);
    al_future_result(al_task_fut(f->m), &f->r);
    al_print(vm, "outer group done %v %g", f->r, now(vm));

    al_print(vm, "wait_for around shield:");
    f->inner = al_create_task(vm, AL_CALL(work, .name = "shielded", .d = 3));
    AL_TRY {
        AL_AWAIT(al_wait_for(&f->wf, vm, al_shield(vm, al_task_fut(f->inner)), NULL, 1));
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "  wait_for timed out %v %g", al_bool(al_future_done(al_task_fut(f->inner))), now(vm));
    } AL_END_TRY;
    al_call_later(vm, 0.5, cancel_killed, f->inner, NULL, "cancel");
    AL_TRY {
        AL_AWAIT(al_wait_for(&f->wf, vm, al_shield(vm, al_task_fut(f->inner)), NULL, 5));
    } AL_EXCEPT(al_CancelledError, e) {
        al_print(vm, "  shield follows the inner cancel %r %v %g", e,
                 al_bool(al_future_cancelled(al_task_fut(f->inner))), now(vm));
    } AL_END_TRY;

    al_print(vm, "as_completed with a timeout:");
    f->ts = al_tasks(vm, 3, make_ac, NULL);
    AL_TRY {
        al_as_completed_init(&f->ac, vm, 3, f->ts, 2.5);
        for (f->i = 0; f->i < f->ac.count; f->i++) {
            AL_AWAIT(al_as_completed_next(&f->one, &f->ac), f->r);
            al_print(vm, "  got %v %g", f->r, now(vm));
        }
    } AL_EXCEPT(al_TimeoutError, e) {
        al_print(vm, "  as_completed timed out %r %g", e, now(vm));
    } AL_END_TRY;
    al_print(vm, "  left %v", done_list(vm, f->ts, 3));
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_print(vm, "  later %v %g", done_list(vm, f->ts, 3), now(vm));
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
