/*
 * intern.c: the vm's interned literals, which al_cstr_static makes into
 * str values.
 *
 * The trace names callbacks and operations with literals ("Task.__step",
 * "sleep(0)") on every event that has one, so finding a literal's str
 * must cost a lookup, not an allocation: each literal is copied into the
 * arena once per vm and found again by its address, through a small
 * direct-mapped cache and then an open-addressing table.
 *
 * Cost: O(1) amortised per call; memory O(distinct literals).
 */
#include "al_internal.h"

#include <stdint.h>
#include <stdlib.h>

/* intern_slot hashes a key's address: the product's high half, which
 * every bit of the address reaches (its low half depends only on the
 * address's low bits, so that nearby literals would collide). */
static size_t intern_slot(const char *key, size_t cap)
{
    return (size_t)(((uint64_t)(uintptr_t)key * 11400714819323198485u) >> 32) & (cap - 1);
}

static void intern_grow(al_vm *vm)
{
    size_t cap = vm->interned_cap ? 2 * vm->interned_cap : 128;
    struct al__interned *old = vm->interned;
    size_t oldcap = vm->interned_cap;
    vm->interned = calloc(cap, sizeof *vm->interned);
    if (!vm->interned)
        al__die("out of memory (string table)");
    vm->interned_cap = cap;
    for (size_t i = 0; i < oldcap; i++) {
        const char *key = old[i].key;
        if (!key)
            continue;
        size_t j = intern_slot(key, cap);
        while (vm->interned[j].key)
            j = (j + 1) & (cap - 1);
        vm->interned[j] = old[i];
    }
    free(old);
}

/* al__cstr_slow (al_internal.h) is al_cstr_static past its cache: it
 * finds s in the vm's table, or copies it in, and puts it in the
 * cache's slot for it. */
al_value al__cstr_slow(al_vm *vm, const char *s)
{
    if (!s)
        return al_none();
    if (2 * (vm->ninterned + 1) > vm->interned_cap)
        intern_grow(vm);
    size_t j = intern_slot(s, vm->interned_cap);
    while (vm->interned[j].key && vm->interned[j].key != s)
        j = (j + 1) & (vm->interned_cap - 1);
    if (!vm->interned[j].key) {
        vm->interned[j].key = s;
        vm->interned[j].v = al_cstr(vm, s);
        vm->ninterned++;
    }
    vm->cstr_cache[((uintptr_t)s >> 2) % AL__CSTR_CACHE] = vm->interned[j];
    return vm->interned[j].v;
}

/* al_cstr_static makes a str value from a string whose storage outlives
 * the vm (a literal).  The text is copied once per vm and found again by
 * its address, so tracing a callback's name costs a lookup, not an
 * allocation: a direct-mapped cache answers for the few names a run
 * repeats (each traced sleep(0) asks for four), the vm's table for the
 * rest.  Amortised O(1).  The cache starts zeroed, so a NULL s that hits
 * an empty slot reads back None, as the slow path returns for it. */
al_value al_cstr_static(al_vm *vm, const char *s)
{
    return al__cstr_static(vm, s);
}
