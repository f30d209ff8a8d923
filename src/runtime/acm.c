/*
 * acm.c: "async with" for asynchronous context managers (PEP 492).
 *
 *   value = await mgr.__aenter__()
 *   try:    BLOCK
 *   except: if not await mgr.__aexit__(type, exc, tb): raise
 *   else:   await mgr.__aexit__(None, None, None)
 *
 * A manager is any struct that starts with an al_acm whose class makes
 * the two coroutines.  AL_ASYNC_WITH awaits __aenter__; AL_ASYNC_WITH_END
 * hands __aexit__ the exception pending at the end of the block, awaits
 * it, and re-raises that exception unless __aexit__ returned a true
 * value.  An exception from __aexit__ itself replaces it, with the old
 * one as its __context__.  So an exception can leave the block only the
 * way Python lets it: nothing is swallowed by a forgotten check.  O(1).
 */
#include "al_internal.h"

/* al__acm_take clears and returns the exception pending at the end of
 * the block, which __aexit__ is about to receive. */
al_value al__acm_take(al_gen *g)
{
    al_value e = g->exc;
    g->exc = al_none();
    return e;
}

/* al__acm_exited decides what leaves the "async with" once __aexit__
 * (which got cm->exc) has finished with cm->r or raised g->exc. */
void al__acm_exited(al_gen *g, al_acm *cm)
{
    if (!al_is_none(g->exc)) {
        al_exc_chain(g->exc, cm->exc);
        return;
    }
    if (!al_is_none(cm->exc) && !al_truth(cm->r))
        g->exc = cm->exc;
}
