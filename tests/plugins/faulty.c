/*
 * faulty.c -- a test plugin that misbehaves the ways --isolate guards
 * against: its process() crashes on a document containing CRASH, never
 * returns on HANG, and allocates without bound on GREEDY (giving up with an
 * out-of-memory error only when an allocation fails, which happens only under
 * a memory limit).  Any other document passes with {"ok": true}.
 */
#define _GNU_SOURCE /* memmem */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <galley/plugin.h>

/* A null pointer the compiler cannot see through, so the crash really happens. */
static int *volatile nowhere;

static int greedy(galley_error *err)
{
    void **chunks = NULL;
    size_t count = 0;
    for (;;) {
        char *chunk = malloc(1 << 20);
        void **grown = chunk ? realloc(chunks, (count + 1) * sizeof *chunks) : NULL;
        if (!grown) {
            free(chunk);
            break;
        }
        memset(chunk, 'x', 1 << 20); /* touched, so it is really used */
        chunks = grown;
        chunks[count++] = chunk;
    }
    for (size_t i = 0; i < count; i++)
        free(chunks[i]);
    free(chunks);
    return galley_error_set(err, GALLEY_ENOMEM, "out of memory after %zu MB", count);
}

static int faulty_process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    size_t n;
    const char *text = galley_doc_text(doc, &n);
    if (memmem(text, n, "CRASH", 5)) {
        *nowhere = 1;
        raise(SIGSEGV); /* in case a null write does not fault here */
    }
    if (memmem(text, n, "HANG", 4))
        for (;;)
            pause();
    if (memmem(text, n, "GREEDY", 6))
        return greedy(err);
    json_object_set_new(galley_doc_result(doc), "ok", json_true());
    return GALLEY_OK;
}

GALLEY_SIMPLE_PLUGIN(faulty, "0.0.1", "Test plugin: crashes, hangs or eats memory on demand",
                     faulty_process);
