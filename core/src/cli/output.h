/*
 * output.h -- atomic output files for the CLI (temp file + rename).
 */
#ifndef GALLEY_CLI_OUTPUT_H
#define GALLEY_CLI_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

typedef struct cli_output {
    FILE *stream; /* stdout, or the temporary file */
    int atomic;
    char path[4096];
    char tmp[4200];
} cli_output;

/*
 * Opens path for writing ("-" or NULL is standard output).  Fails early, with
 * a reason in why, when the directory is missing or not writable, so that no
 * article is processed for a report that could not be saved.
 */
int cli_output_open(cli_output *o, const char *path, char *why, size_t why_size);
/* Flushes, syncs and renames into place; on failure removes the temporary file. */
int cli_output_commit(cli_output *o, char *why, size_t why_size);
/*
 * For writers that need a file name rather than a stream (a plugin writing
 * its model): closes the stream and returns the temporary file's path, which
 * cli_output_commit() renames into place.  NULL for standard output.
 */
const char *cli_output_path(cli_output *o);
/* Removes the temporary file: nothing is left behind. */
void cli_output_abort(cli_output *o);

#endif /* GALLEY_CLI_OUTPUT_H */
