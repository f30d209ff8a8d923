/* The loop's exception handler: a callback that raises does not stop the
 * loop, the exception goes to the handler (a custom one here, then the
 * default one again, which logs to stderr); call_exception_handler passes
 * a context of our own through; a handler that raises is reported too. */
#include "scenario.h"

static void say(al_vm *vm, void *tag, void *unused)
{
    (void)unused;
    al_print(vm, "say %s %g", (const char *)tag, now(vm));
}

static void boom(al_vm *vm, void *tag, void *unused)
{
    (void)unused;
    al_print(vm, "boom %s raises", (const char *)tag);
    al_callback_raise(vm, al_exc_msg(vm, &al_ZeroDivisionError, tag));
}

/* context["message"][:22] */
static al_value head22(al_vm *vm, const char *message)
{
    size_t n = strlen(message);
    return al_str_new(vm, message, n < 22 ? n : 22);
}

/* sorted(context): the keys a context dict would have. */
static al_value keys_of(al_vm *vm, const al_exc_context *c)
{
    al_value l = al_list_new(vm, 4);
    if (!al_is_none(c->exception))
        al_list_append(vm, l, al_cstr(vm, "exception"));
    if (c->future)
        al_list_append(vm, l, al_cstr(vm, "future"));
    if (c->handle)
        al_list_append(vm, l, al_cstr(vm, "handle"));
    al_list_append(vm, l, al_cstr(vm, "message"));
    if (c->task)
        al_list_append(vm, l, al_cstr(vm, "task"));
    return l;
}

static al_value handler(al_vm *vm, const al_exc_context *c, void *arg)
{
    (void)arg;
    al_print(vm, "handler: %v %r %r", head22(vm, c->message), c->exception, keys_of(vm, c));
    return al_none();
}

static al_value bad_handler(al_vm *vm, const al_exc_context *c, void *arg)
{
    (void)arg;
    al_print(vm, "bad handler sees %v", head22(vm, c->message));
    return al_exc_msg(vm, &al_KeyError, "handler broke");
}

typedef struct frame {
    al_gen g;
    al_sleep_co sleep;
    al_value r;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_print(vm, "handler before %s", al_loop_get_exception_handler(vm) ? "?" : "None");
    al_loop_set_exception_handler(vm, handler, NULL);
    al_print(vm, "handler set %v", al_bool(al_loop_get_exception_handler(vm) == handler));
    al_call_soon(vm, boom, "one", NULL, "boom");
    al_call_later(vm, 0.5, boom, "two", NULL, "boom");
    al_call_soon(vm, say, "after boom", NULL, "say");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 1, al_none()), f->r);
    {
        al_exc_context c = {.vm = vm, .message = "custom report",
                            .exception = al_exc_msg(vm, &al_KeyError, "k")};
        al_loop_call_exception_handler(&c);
    }
    {
        al_exc_context c = {.vm = vm, .message = "no exception here", .exception = al_none()};
        al_loop_call_exception_handler(&c);
    }
    al_loop_set_exception_handler(vm, bad_handler, NULL);
    al_call_soon(vm, boom, "three", NULL, "boom");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_loop_set_exception_handler(vm, NULL, NULL);
    al_print(vm, "handler reset %s", al_loop_get_exception_handler(vm) ? "?" : "None");
    al_call_soon(vm, boom, "four", NULL, "boom");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_print(vm, "still running %g", now(vm));
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
