/*
 * handler.c: the loop's exception handler, as base_events.py has it
 * (set_exception_handler, call_exception_handler and
 * default_exception_handler).
 *
 * Errors that no coroutine can catch (a future's exception nobody
 * retrieved, an exception raised by a plain callback, a task that failed
 * while asyncio.run shut down) end here as a context: a message, the
 * exception, and the object concerned.  A handler the program set gets
 * it; otherwise the default handler formats CPython's log record (the
 * message, one "key: repr" line per other key in sorted order, then the
 * exception as Python prints it, without the traceback lines) and hands
 * the text to the vm's report hook.  The runtime itself prints nothing.
 */
#include "al_internal.h"

#include <string.h>

/* repr_awaitable appends repr(obj) of the future or task a context
 * names, through the upper layers' table (see al__awaitable_ops): a
 * context can name one only once a future exists. */
static void repr_awaitable(al_buf *b, const al_vm *vm, const void *obj)
{
    vm->awaitables->repr(b, obj);
}

/* handle_source is how a Handle names its callback: "cb()", a done
 * callback with its future as format_helpers writes the args
 * ("cb(<Future finished result=1>)"), or a name that already shows its
 * arguments as it is. */
static void handle_source(al_buf *b, const al_handle *h, const al_vm *vm)
{
    al_buf_puts(b, h->name);
    if (h->future_arg && !strchr(h->name, '(')) {
        al_buf_putc(b, '(');
        repr_awaitable(b, vm, h->a);
        al_buf_putc(b, ')');
    } else if (!strchr(h->name, '(')) {
        al_buf_puts(b, "()");
    }
}

/* repr_handle is repr(Handle): "<Handle cb()>". */
static void repr_handle(al_buf *b, const al_handle *h, const al_vm *vm)
{
    al_buf_puts(b, h->cancelled ? "<Handle cancelled " : "<Handle ");
    handle_source(b, h, vm);
    al_buf_putc(b, '>');
}

/* repr_context is repr() of the context dict, its keys in the order
 * asyncio builds them. */
static void repr_context(al_buf *b, const al_exc_context *c)
{
    al_buf_puts(b, "{'message': ");
    al_repr_of(b, al_cstr(c->vm, c->message ? c->message : ""));
    if (!al_is_none(c->exception))
        al_format(b, ", 'exception': %r", c->exception);
    if (c->asyncgen) {
        al_buf_puts(b, ", 'asyncgen': ");
        al__asyncgen_repr(b, c->asyncgen);
    }
    if (c->future) {
        al_buf_puts(b, ", 'future': ");
        repr_awaitable(b, c->vm, c->future);
    }
    if (c->task) {
        al_buf_puts(b, ", 'task': ");
        repr_awaitable(b, c->vm, c->task);
    }
    if (c->handle) {
        al_buf_puts(b, ", 'handle': ");
        repr_handle(b, c->handle, c->vm);
    }
    al_buf_putc(b, '}');
}

/* al_loop_default_exception_handler: see asynclab.h.  The keys other
 * than message and exception are, sorted: asyncgen, context, future,
 * handle, task. */
void al_loop_default_exception_handler(const al_exc_context *c)
{
    al_buf b;
    al_buf_init(&b);
    al_buf_puts(&b, c->message && *c->message ? c->message : "Unhandled exception in event loop");
    if (c->asyncgen) {
        al_buf_puts(&b, "\nasyncgen: ");
        al__asyncgen_repr(&b, c->asyncgen);
    }
    if (c->context) {
        al_buf_puts(&b, "\ncontext: ");
        repr_context(&b, c->context);
    }
    if (c->future) {
        al_buf_puts(&b, "\nfuture: ");
        repr_awaitable(&b, c->vm, c->future);
    }
    if (c->handle) {
        al_buf_puts(&b, "\nhandle: ");
        repr_handle(&b, c->handle, c->vm);
    }
    if (c->task) {
        al_buf_puts(&b, "\ntask: ");
        repr_awaitable(&b, c->vm, c->task);
    }
    al_buf_putc(&b, '\n');
    al_exc_report(&b, c->exception);
    if (c->vm->opts.report)
        c->vm->opts.report(b.data, c->vm->opts.report_ctx);
    else
        al__report(b.data);
    al_buf_free(&b);
}

/* al_loop_set_exception_handler is loop.set_exception_handler(fn). */
al_value al_loop_set_exception_handler(al_vm *vm, al_exc_handler fn, void *arg)
{
    if (!vm->loop)
        return al_exc_msg(vm, &al_RuntimeError, "no running event loop");
    vm->loop->handler = fn;
    vm->loop->handler_arg = arg;
    return al_none();
}

/* al_loop_get_exception_handler is loop.get_exception_handler(). */
al_exc_handler al_loop_get_exception_handler(const al_vm *vm)
{
    return vm->loop ? vm->loop->handler : NULL;
}

/* al_loop_call_exception_handler is loop.call_exception_handler(context):
 * the program's handler, or the default one; if the program's handler
 * raises, the default one reports that, with the context it was given. */
void al_loop_call_exception_handler(const al_exc_context *c)
{
    al_vm *vm = c->vm;
    uint32_t saved = vm->cause;
    const void *about = c->task ? (const void *)c->task : (const void *)c->future;
    vm->cause = AL_TRACE(vm, AL_EV_EXC_HANDLER, al__actor_now(vm),
                         about ? vm->awaitables->actor(about) : 0,
                         al_cstr(vm, c->message ? c->message : ""), c->exception);
    al_exc_handler fn = vm->loop ? vm->loop->handler : NULL;
    if (!fn) {
        al_loop_default_exception_handler(c);
    } else {
        al_value e = fn(vm, c, vm->loop->handler_arg);
        if (e.type == AL_EXC) {
            al_exc_context failed = {.vm = vm, .message = "Unhandled error in exception handler",
                                     .exception = e, .context = c};
            al_loop_default_exception_handler(&failed);
        }
    }
    vm->cause = saved;
}

/* al_callback_raise: see asynclab.h. */
void al_callback_raise(al_vm *vm, al_value exc)
{
    if (exc.type != AL_EXC) /* "raise 3" */
        exc = al_exc_msg(vm, &al_TypeError, "exceptions must derive from BaseException");
    if (vm->loop && vm->loop->in_callback)
        vm->loop->cb_exc = exc;
}

/* al__callback_failed is Handle._run's except clause: the callback the
 * loop just ran raised exc. */
void al__callback_failed(al_vm *vm, al_handle *h, al_value exc)
{
    al_buf b;
    al_buf_init(&b);
    al_buf_puts(&b, "Exception in callback ");
    handle_source(&b, h, vm);
    al_exc_context c = {.vm = vm, .message = al_str_new(vm, b.data, b.len).u.s->data,
                        .exception = exc, .handle = h};
    al_buf_free(&b);
    al_loop_call_exception_handler(&c);
}
