/*
 * isolate.h -- `galley run --isolate`: each document in a child process, so
 * that a plugin that crashes, hangs or runs out of memory fails only that
 * document.
 */
#ifndef GALLEY_CLI_ISOLATE_H
#define GALLEY_CLI_ISOLATE_H

#include <pthread.h>
#include <stddef.h>

#include "galley/galley.h"

typedef struct cli_isolation {
    double timeout;    /* seconds a document may take; 0 = no limit */
    size_t max_memory; /* bytes of address space a child may use; 0 = no limit */
    /*
     * Held from pipe() to the parent closing its copy of the write end, so
     * that a child forked by another worker thread never inherits it: the
     * parent sees end-of-file exactly when its own child is done.
     */
    pthread_mutex_t fork_lock;
    const json_t *steps; /* the pipeline's steps (from describe), to name plugins */
} cli_isolation;

/*
 * Runs one document as galley_pipeline_run_file would, but in a child
 * process forked from this one (the pipeline is already loaded).  The report
 * comes back through a pipe.  When the child crashes, exceeds the timeout
 * (it is killed) or the memory limit, the result is GALLEY_EPLUGIN with err
 * saying what happened and in which step, and *details (a new object, or
 * NULL) holds the same as fields for the report: step, plugin, signal,
 * exit_status, limit.
 */
int cli_isolated_run(cli_isolation *iso, const galley_pipeline *pipeline, const char *path,
                     const json_t *meta, size_t max_bytes, json_t **report, galley_error *err,
                     json_t **details);

#endif /* GALLEY_CLI_ISOLATE_H */
