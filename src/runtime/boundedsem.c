/*
 * boundedsem.c: asyncio.BoundedSemaphore, as locks.py has it.
 *
 * A Semaphore whose release() refuses to raise the value above where it
 * started, which catches a release without its acquire.  Everything else
 * is the Semaphore's: acquire with al_semaphore_acquire(&co, &b->sem).
 */
#include "al_internal.h"

/* al_bounded_semaphore_init is BoundedSemaphore(value). */
void al_bounded_semaphore_init(al_bounded_semaphore *b, al_vm *vm, const char *name, int64_t value)
{
    al_semaphore_init(&b->sem, vm, name, value);
    b->bound = value;
}

/* al_bounded_semaphore_release is release(): None, or ValueError. */
al_value al_bounded_semaphore_release(al_bounded_semaphore *b)
{
    if (b->sem.value >= b->bound)
        return al_exc_msg(b->sem.vm, &al_ValueError, "BoundedSemaphore released too many times");
    al_semaphore_release(&b->sem);
    return al_none();
}
