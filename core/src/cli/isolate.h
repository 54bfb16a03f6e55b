/*
 * isolate.h -- `galley run --isolate`: each document in a child process, so
 * that a plugin that crashes, hangs or runs out of memory fails only that
 * document.
 */
#ifndef GALLEY_CLI_ISOLATE_H
#define GALLEY_CLI_ISOLATE_H

#include <stddef.h>
#include <sys/types.h>

#include "galley/galley.h"

typedef struct cli_isolation {
    double timeout;    /* seconds a document may take; 0 = no limit */
    size_t max_memory; /* bytes of address space a child may use; 0 = no limit */
    const json_t *steps; /* the pipeline's steps (from describe), to name plugins */
} cli_isolation;

typedef struct shared_step shared_step;

/* One document running in a child process. */
typedef struct cli_child {
    pid_t pid;
    int fd; /* the read end of the child's pipe, non-blocking */
    double started;
    shared_step *step; /* which step is running, written by the child */
    char *buf;         /* what the child has sent so far */
    size_t len, cap;
} cli_child;

/*
 * Forks a child that runs one document as galley_pipeline_run_file would
 * (the pipeline is already loaded, so nothing is loaded twice).  The caller
 * must be the only thread of the process: a fork copies every lock, and a
 * lock another thread held at that moment would never be released in the
 * child.  Returns 0, or GALLEY_EPLUGIN with err when the child could not be
 * started.
 */
int cli_isolated_start(const cli_isolation *iso, const galley_pipeline *pipeline,
                       const char *path, const json_t *meta, size_t max_bytes, cli_child *c,
                       galley_error *err);

/*
 * Reads what the child has written so far without blocking.  Returns 1 once
 * it has closed its end (it is done), 0 when more may come, -1 when out of
 * memory.
 */
int cli_isolated_read(cli_child *c);

/* When the child must be done by (a CLOCK_MONOTONIC time), or 0 for no limit. */
double cli_isolated_deadline(const cli_isolation *iso, const cli_child *c);
double cli_isolated_now(void);

/*
 * Reaps the child -- killing it first when `kill_first` (it timed out, or
 * its report could not be read) -- and turns what it sent into the outcome:
 * GALLEY_OK with *report, or an error.  When the child crashed, timed out or
 * hit the memory limit, the result is GALLEY_EPLUGIN with err saying what
 * happened and in which step, and *details (a new object, or NULL) holds the
 * same as fields for the report: step, plugin, signal, exit_status, limit.
 * Frees everything the child held.
 */
int cli_isolated_finish(const cli_isolation *iso, cli_child *c, const char *path, int timed_out,
                        int read_failed, json_t **report, galley_error *err, json_t **details);

/* start, read until done or the deadline, finish: one document, start to end. */
int cli_isolated_run(const cli_isolation *iso, const galley_pipeline *pipeline, const char *path,
                     const json_t *meta, size_t max_bytes, json_t **report, galley_error *err,
                     json_t **details);

#endif /* GALLEY_CLI_ISOLATE_H */
