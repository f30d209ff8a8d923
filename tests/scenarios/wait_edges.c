/* Edges of wait, wait_for and as_completed: FIRST_EXCEPTION does not count
 * a cancelled task; timeout=0 and negative timeouts; wait_for(timeout=0)
 * on a coroutine never lets it start; as_completed yields a failure at
 * its turn and goes on; wait() of an already-done set. */
#include "scenario.h"
#include "lesson_forms.h"

AL_ASYNC_DEF(job, const char *name; double d; al_value exc; al_sleep_co s;)
    al_print(vm, "   %s starts %g", f->name, now(vm));
    AL_AWAIT(al_sleep(&f->s, vm, f->d, al_none()));
    if (!al_is_none(f->exc))
        AL_RAISE(f->exc);
    AL_RETURN(al_cstr(vm, f->name));
AL_END

static al_task *named(al_vm *vm, al_gen *coro, const char *name)
{
    al_task *t = al_create_task(vm, coro);
    al_task_set_name(t, name);
    return t;
}

typedef struct spec { const char *name; double d; bool fails; } spec;
static const spec specs[] = {{"g", 1, false}, {"h", 0.5, true}, {"i", 1.5, false}};
static al_gen *make_job(al_vm *vm, size_t i)
{
    return AL_CALL(job, .name = specs[i].name, .d = specs[i].d,
                   .exc = specs[i].fails ? al_exc_msg(vm, &al_ValueError, specs[i].name) : al_none());
}

#define WAITED(f) al_print(vm, "%s %v %v %g", (f)->label, names(vm, al_item((f)->r, 0)), \
                           names(vm, al_item((f)->r, 1)), now(vm))

AL_ASYNC_DEF(main, al_task *a, *b, *c, *d, *e; al_future *fs[3]; al_future **ts; const char *label;
             al_wait_co w; al_wait_for_co wf; al_as_completed ac; al_wait_one_co one; size_t i;
             al_sleep_co s; al_value r;)
    f->a = named(vm, AL_CALL(job, .name = "a", .d = 1), "a");
    f->b = named(vm, AL_CALL(job, .name = "b", .d = 2), "b");
    f->c = named(vm, AL_CALL(job, .name = "c", .d = 3, .exc = al_exc_msg(vm, &al_KeyError, "c")), "c");
    AL_AWAIT(al_sleep(&f->s, vm, 0.5, al_none()));
    al_task_cancel(f->a, al_none());
    f->fs[0] = al_task_fut(f->a), f->fs[1] = al_task_fut(f->b), f->fs[2] = al_task_fut(f->c);
    AL_AWAIT(al_wait(&f->w, vm, 3, f->fs, AL_NO_TIMEOUT, AL_FIRST_EXCEPTION), f->r);
    f->label = "first exception:";
    WAITED(f);
    AL_AWAIT(al_wait(&f->w, vm, 3, f->fs, 0, AL_ALL_COMPLETED), f->r);
    f->label = "timeout=0 on done ones:";
    WAITED(f);

    f->d = named(vm, AL_CALL(job, .name = "d", .d = 1), "d");
    f->fs[0] = al_task_fut(f->d);
    AL_AWAIT(al_wait(&f->w, vm, 1, f->fs, -1, AL_ALL_COMPLETED), f->r);
    f->label = "negative timeout:";
    WAITED(f);
    AL_AWAIT(al_wait(&f->w, vm, 1, f->fs, AL_NO_TIMEOUT, AL_FIRST_COMPLETED), f->r);
    f->label = "then:";
    WAITED(f);

    AL_TRY {
        AL_AWAIT(al_wait_for(&f->wf, vm, NULL, AL_CALL(job, .name = "never", .d = 1), 0));
    } AL_EXCEPT(al_TimeoutError, e) {
        al_value cause = e.u.exc->cause ? (al_value){.type = AL_EXC, .u.exc = e.u.exc->cause} : al_none();
        al_print(vm, "wait_for(0): %r %r %g", e, cause, now(vm));
    } AL_END_TRY;
    AL_AWAIT(al_wait_for(&f->wf, vm, al_task_fut(f->d), NULL, 0), f->r);
    al_print(vm, "wait_for(0) of a done task: %v", f->r);
    f->e = named(vm, AL_CALL(job, .name = "e", .d = 1), "e");
    AL_TRY {
        AL_AWAIT(al_wait_for(&f->wf, vm, al_task_fut(f->e), NULL, -5));
    } AL_EXCEPT(al_TimeoutError) {
        al_print(vm, "wait_for(-5): %v %g", al_bool(al_future_cancelled(al_task_fut(f->e))), now(vm));
    } AL_END_TRY;
    AL_AWAIT(al_wait_for(&f->wf, vm, NULL, AL_CALL(job, .name = "f", .d = 0.5), AL_NO_TIMEOUT), f->r);
    al_print(vm, "wait_for(None): %v %g", f->r, now(vm));

    f->ts = al_tasks(vm, 3, make_job, "%D");
    for (f->i = 0; f->i < 3; f->i++)
        al_task_set_name((al_task *)f->ts[f->i], specs[f->i].name);
    al_as_completed_init(&f->ac, vm, 3, f->ts, AL_NO_TIMEOUT);
    for (f->i = 0; f->i < f->ac.count; f->i++) {
        AL_TRY {
            AL_AWAIT(al_as_completed_next(&f->one, &f->ac), f->r);
            al_print(vm, "as_completed: %v %g", f->r, now(vm));
        } AL_EXCEPT(al_ValueError, err) {
            al_print(vm, "as_completed raised %r %g", err, now(vm));
        } AL_END_TRY;
    }
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
