/*
 * alloc.c -- allocation-failure injection for tests (see alloc.h).
 *
 * This is the one piece of mutable global state in the core, and it exists
 * only in the test build: the hooks are compiled in with GALLEY_ALLOC_HOOKS,
 * which the shipped library never defines.
 */
#include "alloc.h"

#ifdef GALLEY_ALLOC_HOOKS
#include <stdatomic.h>

static atomic_long fail_at;   /* allocation number that fails; 0 = never */
static atomic_long allocated; /* allocations since the last reset */

int gl_alloc_should_fail(void)
{
    long n = atomic_fetch_add(&allocated, 1) + 1;
    long at = atomic_load(&fail_at);
    return at > 0 && n >= at;
}

void gl_alloc_fail_after(long n)
{
    atomic_store(&allocated, 0);
    atomic_store(&fail_at, n);
}

long gl_alloc_count(void) { return atomic_load(&allocated); }
#else
/* ISO C forbids an empty translation unit. */
typedef int gl_alloc_hooks_disabled;
#endif
