/*
 * fuzz.h -- what the harnesses share.
 *
 * Every harness defines LLVMFuzzerTestOneInput (and, when it needs set-up,
 * LLVMFuzzerInitialize).  Under libFuzzer those are the whole program; built
 * without it, standalone.c supplies a main() that feeds them files, so the
 * same harness replays a crash or runs under AFL++.
 */
#ifndef GALLEY_FUZZ_H
#define GALLEY_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <galley/galley.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * A broken invariant: say which and abort, so that libFuzzer (or AFL++)
 * records the input as a crash.  Assertions are not used because a release
 * build would compile them away.
 */
#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond);           \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

/* A private temporary directory for this process, removed at exit. */
const char *fuzz_dir(void);
/* Writes bytes to fuzz_dir()/name (replacing it) and returns the path (static per name). */
const char *fuzz_write(const char *name, const void *data, size_t size);
/* Load options that find the plugins built beside the harnesses, and nothing else. */
const galley_load_options *fuzz_load_options(void);
/* Aborts with the error's text: a set-up step that must not fail did. */
void fuzz_die(const char *what, const galley_error *err);
/*
 * The config a pipeline harness runs: $GALLEY_FUZZ_CONFIG when set, else the
 * one chosen when the harness was built (FUZZ_DEFAULT_CONFIG).
 */
const char *fuzz_config_path(void);

#endif /* GALLEY_FUZZ_H */
