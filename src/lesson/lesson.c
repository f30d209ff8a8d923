/*
 * lesson.c: the lesson contract's helpers that sit on top of the runtime.
 *
 * A lesson's run() ends with al_run_main (its "asyncio.run(main())") and
 * stops through al_unexpected when the runtime answers in a way CPython
 * would not.  Both only call down into the runtime.
 */
#include "asynclab.h"

/* al_run_main: see asynclab.h.  The exception that escaped main is in the
 * trace as its task's task_done event. */
al_status al_run_main(al_vm *vm, al_gen *main)
{
    al_signal sig;
    al_value out;
    if (al_run(vm, main, &sig, &out) != AL_RUN_OK || sig != AL_RETURNED)
        return AL_EFAIL;
    return AL_OK;
}

/* al_unexpected: see asynclab.h. */
al_status al_unexpected(al_vm *vm, const char *what, al_value v)
{
    al_note(vm, "unexpected result of %s: %r", what, v);
    return AL_EFAIL;
}
