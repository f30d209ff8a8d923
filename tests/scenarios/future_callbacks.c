/* Done callbacks: each is scheduled with call_soon when the future is done
 * (at once if it is done already), in the order they were added; removing
 * one counts every copy of it; a cancelled future runs its callbacks too. */
#include "scenario.h"

/* report(tag) is the pair (report_cb, tag): the closure's code and what
 * it closes over. */
static void report_cb(al_vm *vm, void *fut, void *tag)
{
    al_value v;
    if (al_future_cancelled(fut)) {
        al_print(vm, "%s saw cancelled %g", (const char *)tag, now(vm));
        return;
    }
    al_future_exception(fut, &v);
    if (!al_is_none(v)) {
        al_print(vm, "%s saw exception %r %g", (const char *)tag, v, now(vm));
        return;
    }
    al_future_result(fut, &v);
    al_print(vm, "%s saw result %v %g", (const char *)tag, v, now(vm));
}

static void set_42(al_vm *vm, void *fut, void *unused)
{
    (void)vm, (void)unused;
    al_future_set_result(fut, al_int(42));
}

static void cancel_it(al_vm *vm, void *fut, void *unused)
{
    (void)vm, (void)unused;
    al_future_cancel(fut, al_none());
}

static char first[] = "first", second[] = "second", dropped[] = "dropped";
static char late[] = "late", on_cancel[] = "on-cancel", on_error[] = "on-error", x_tag[] = "x";

typedef struct frame {
    al_gen g;
    al_future f, gf, h;
    al_sleep_co sleep;
    al_value r, e;
} frame;

static al_signal main_body(al_gen *g)
{
    frame *f = (frame *)g;
    al_vm *vm = g->vm;
    AL_GEN_BEGIN(g);
    al_future_init(&f->f, vm, "f");
    al_future_add_done_callback(&f->f, report_cb, first, "cb");
    al_future_add_done_callback(&f->f, report_cb, dropped, "cb");
    al_future_add_done_callback(&f->f, report_cb, second, "cb");
    al_future_add_done_callback(&f->f, report_cb, dropped, "cb");
    al_print(vm, "removed %d", (int)al_future_remove_done_callback(&f->f, report_cb, dropped));
    al_print(vm, "removed again %d", (int)al_future_remove_done_callback(&f->f, report_cb, dropped));
    al_call_later(vm, 1, set_42, &f->f, NULL, "Future.set_result");
    AL_AWAIT(g, &f->f, f->r);
    al_print(vm, "main resumed %g", now(vm));
    al_future_add_done_callback(&f->f, report_cb, late, "cb");
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_print(vm, "after late");

    al_future_init(&f->gf, vm, "g");
    al_future_add_done_callback(&f->gf, report_cb, on_cancel, "cb");
    al_call_later(vm, 0.5, cancel_it, &f->gf, NULL, "Future.cancel");
    AL_AWAIT_TRY(g, &f->gf, f->r);
    if (!al_is_none(al_except(g, &al_CancelledError)))
        al_print(vm, "g cancelled %g", now(vm));
    AL_PROPAGATE(g);

    al_future_init(&f->h, vm, "h");
    al_future_add_done_callback(&f->h, report_cb, on_error, "cb");
    al_future_set_exception(&f->h, al_exc_msg(vm, &al_KeyError, "missing"));
    al_print(vm, "removed after done %d", (int)al_future_remove_done_callback(&f->h, report_cb, x_tag));
    AL_YIELD_FROM(g, al_sleep(&f->sleep, vm, 0, al_none()), f->r);
    al_future_exception(&f->h, &f->e);
    al_print(vm, "h exception %r", f->e);
    AL_GEN_END(g);
}

SCENARIO(frame, main_body)
