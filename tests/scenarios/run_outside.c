/* asyncio.run more than once, and the runtime used with no loop running.
 * Each run makes a new loop (the clock goes on), returns main's result and
 * closes; a finished coroutine cannot run again; outside a run, whatever
 * needs the running loop raises RuntimeError('no running event loop'),
 * while an Event, a Lock or a Queue that need not wait still work. */
#include "scenario.h"
#include "lesson_forms.h"

/* main(n); the frame scenario_run makes has n = 0, which stands for main(1). */
AL_ASYNC_DEF(main, int64_t n; al_sleep_co s;)
    if (!f->n)
        f->n = 1;
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_print(vm, "main %D at %g", f->n, now(vm));
    AL_RETURN(al_tuple(vm, 2, al_cstr(vm, "result"), al_int(f->n)));
AL_END

/* outside prints what a call made outside the loop answered: the
 * runtime's refusal (al_vm_take_error) or its result. */
static void outside(al_vm *vm, const char *label, al_value r)
{
    al_value e = al_vm_take_error(vm);
    if (r.type == AL_EXC)
        e = r;
    if (e.type == AL_EXC)
        al_print(vm, "%s raised %r", label, e);
    else
        al_print(vm, "%s -> %v", label, r);
}

/* asyncio.run(coro) as a statement of the program: its result, or the
 * exception it raised. */
static al_value run(al_vm *vm, al_gen *coro)
{
    al_signal sig;
    al_value out;
    al_run(vm, coro, &sig, &out);
    return out;
}

static void nothing(al_vm *vm, void *a, void *b) { (void)vm, (void)a, (void)b; }

static void then(al_vm *vm, al_value first)
{
    al_print(vm, "%v", first);
    al_print(vm, "%v", run(vm, AL_CALL(main, .n = 2)));
    al_gen *c = AL_CALL(main, .n = 3);
    al_print(vm, "%v", run(vm, c));
    al_value e = run(vm, c);
    if (al_exc_isa(e, &al_RuntimeError))
        al_print(vm, "run again: %r", e);

    c = AL_CALL(main, .n = 4);
    al_task *t = al_create_task(vm, c);
    outside(vm, "create_task", t ? al_ptr(t) : al_none());
    al_value out;
    al_gen_close(c, &out);
    /* get_running_loop(): C has no loop object to ask for; every call
     * that needs the running loop, call_soon here, refuses the same way. */
    al_call_soon(vm, nothing, NULL, NULL, "nothing");
    outside(vm, "get_running_loop", al_none());
    al_sleep_co s;
    if (al_gen_send(al_sleep(&s, vm, 1, al_none()), al_none(), &out) == AL_RAISED)
        outside(vm, "sleep(1).send", out);
    al_timeout tm = {0};
    outside(vm, "timeout(1)", al_timeout_init(&tm, vm, 1));

    al_flag ev;
    al_flag_init(&ev, vm, "ev");
    al_flag_set(&ev);
    al_flag_wait_co w;
    if (al_gen_send(al_flag_wait(&w, &ev), al_none(), &out) == AL_RETURNED)
        al_print(vm, "set event wait -> %v", out);
    al_lock lock;
    al_lock_init(&lock, vm, "lock");
    al_lock_acquire_co a;
    if (al_gen_send(al_lock_acquire(&a, &lock), al_none(), &out) == AL_RETURNED)
        al_print(vm, "free lock acquire -> %v %v", out, al_bool(lock.locked));
    al_lock_release(&lock);
    al_queue q;
    al_queue_init(&q, vm, "q", AL_QUEUE_FIFO, 0);
    al_queue_put_nowait(&q, al_cstr(vm, "x"));
    size_t n = al_queue_qsize(&q);
    al_queue_get_nowait(&q, &out);
    al_print(vm, "queue %D %v %v", (int64_t)n, out, al_bool(al_queue_empty(&q)));
    al_print(vm, "%v", run(vm, AL_CALL(main, .n = 5)));
}

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, then);
}
