/*
 * alloc.h -- the allocation-failure hook used by the out-of-memory tests.
 *
 * In a normal build gl_alloc_should_fail() is a constant 0 and costs nothing.
 * Built with GALLEY_ALLOC_HOOKS (the test-only static library), the Nth
 * allocation from now on can be made to fail, in the manner of SQLite's
 * malloc-failure tests, so that every error path can be walked.
 */
#ifndef GALLEY_ALLOC_H
#define GALLEY_ALLOC_H

#ifdef GALLEY_ALLOC_HOOKS
int gl_alloc_should_fail(void);
/* Fail the nth allocation from now (1 = the next one); 0 disables. */
void gl_alloc_fail_after(long n);
/* How many allocations were made since the last gl_alloc_fail_after(). */
long gl_alloc_count(void);
#else
#define gl_alloc_should_fail() 0
#endif

#endif /* GALLEY_ALLOC_H */
