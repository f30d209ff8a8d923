/* Callbacks in one loop turn: a timer cancelled by another callback that
 * runs before it in the same turn never runs; call_soon from a callback
 * runs in the next turn; a done callback that raises goes to the loop's
 * exception handler and the others still run; current_task() is None in a
 * callback; a task that awaits itself raises RuntimeError; all_tasks()
 * as tasks come and go; a timer cancelled by a call_soon callback. */
#include "scenario.h"
#include "lesson_forms.h"

#include <math.h>

static al_value log_list;

static al_value handler(al_vm *vm, const al_exc_context *c, void *arg)
{
    (void)arg;
    const char *at = strstr(c->message, " at ");
    al_value msg = at ? al_str_new(vm, c->message, (size_t)(at - c->message)) : al_cstr(vm, c->message);
    al_print(vm, "handler: %v %r %g", msg, c->exception, now(vm));
    return al_none();
}

/* log.append(a), as a callback (a: a C string). */
static void log_append(al_vm *vm, void *a, void *b)
{
    (void)b;
    al_list_append(vm, log_list, al_cstr(vm, a));
}

static void bad(al_vm *vm, void *fut, void *arg)
{
    (void)fut, (void)arg;
    al_callback_raise(vm, al_exc_msg(vm, &al_ValueError, "in done callback"));
}

static void cb_log(al_vm *vm, void *fut, void *arg)
{
    (void)fut;
    al_list_append(vm, log_list, al_cstr(vm, arg));
}

AL_ASYNC_DEF(ping, double n; al_sleep_co s;)
    AL_AWAIT(al_sleep(&f->s, vm, f->n, al_none()));
    AL_RETURN(al_float(f->n));
AL_END

AL_ASYNC_DEF(self_awaiter, al_sleep_co s; al_task *me;)
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    f->me = al_current_task(vm);
    AL_TRY {
        AL_AWAIT(f->me);
    } AL_EXCEPT(al_RuntimeError, e) {
        al_buf b;
        al_buf_init(&b);
        al_str_of(&b, e);
        char *colon = strchr(b.data, ':');
        al_print(vm, "self await: %v", al_str_new(vm, b.data, colon ? (size_t)(colon - b.data) : b.len));
        al_buf_free(&b);
    } AL_END_TRY;
    AL_RETURN(al_cstr(vm, "survived"));
AL_END

static al_handle *h2;

static void first(al_vm *vm, void *a, void *b)
{
    (void)a, (void)b;
    al_list_append(vm, log_list, al_cstr(vm, "first"));
    al_task *t = al_current_task(vm);
    al_print(vm, "in callback, current task: %v", t ? al_cstr(vm, t->name) : al_none());
    al_handle_cancel(vm, h2);
    al_call_soon(vm, log_append, "soon-from-first", NULL, "log.append");
}

static void cancel_handle(al_vm *vm, void *h, void *b)
{
    (void)b;
    al_handle_cancel(vm, h);
}

static al_value last(al_value l, size_t k)
{
    return al_item(l, al_len(l) - k);
}

AL_ASYNC_DEF(main, double t0; al_future fut; al_task *t, *other; al_handle *h;
             ping_frame p1, p2; al_sleep_co s; al_value r;)
    AL_CHECK(al_loop_set_exception_handler(vm, handler, NULL));
    log_list = al_list_new(vm, 4);
    f->t0 = al_time(vm);
    al_call_later(vm, 1, first, NULL, NULL, "first");
    h2 = al_call_later(vm, 1, log_append, "timer2", NULL, "log.append");
    al_call_at(vm, f->t0 + 1, log_append, "timer3", NULL, "log.append");
    AL_AWAIT(al_sleep(&f->s, vm, 1, al_none()));
    al_print(vm, "after 1s: %v %v", log_list, al_bool(al_handle_cancelled(h2)));
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    al_print(vm, "next turn: %v %g", log_list, al_time(vm) - f->t0);

    al_future_init(&f->fut, vm, "fut");
    al_future_add_done_callback(&f->fut, cb_log, "cb1", "<lambda>");
    al_future_add_done_callback(&f->fut, bad, NULL, "bad");
    al_future_add_done_callback(&f->fut, cb_log, "cb3", "<lambda>");
    AL_CHECK(al_future_set_result(&f->fut, al_int(1)));
    AL_AWAIT(al_sleep(&f->s, vm, 0, al_none()));
    {
        al_value l = al_list_new(vm, 2);
        al_list_append(vm, l, last(log_list, 2));
        al_list_append(vm, l, last(log_list, 1));
        al_print(vm, "callbacks: %v", l);
    }

    f->t = al_create_task(vm, AL_CALL(self_awaiter));
    AL_AWAIT(f->t, f->r);
    al_print(vm, "self_awaiter: %v", f->r);

    al_print(vm, "tasks: %v", all_task_names(vm));
    f->other = al_create_task(vm, AL_CALL(ping, .n = 1));
    al_print(vm, "tasks: %v", all_task_names(vm));
    AL_AWAIT(f->other);
    al_print(vm, "tasks: %v", all_task_names(vm));

    f->h = al_call_later(vm, 0.5, log_append, "never", NULL, "log.append");
    al_call_soon(vm, cancel_handle, f->h, NULL, "cancel");
    AL_AWAIT(al_gather_coros(vm, 2, (al_gen *[]){AL_CALL_AT(&f->p1, ping, .n = 0.25),
                                                 AL_CALL_AT(&f->p2, ping, .n = 0.75)}, false), f->r);
    {
        char when[32];
        al_float_repr(round((al_time(vm) - f->t0) * 1e6) / 1e6, when);
        al_print(vm, "gathered %v log %v %v %s", f->r, last(log_list, 1),
                 al_bool(al_handle_cancelled(f->h)), when);
    }
AL_END

int main(int argc, char **argv)
{
    return scenario_run(argc, argv, sizeof(main_frame), &main_def, NULL);
}
