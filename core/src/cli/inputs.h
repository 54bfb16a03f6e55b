/*
 * inputs.h -- turns the command line's FILE, DIR and - arguments (and
 * --files-from) into the ordered list of documents to process.
 */
#ifndef GALLEY_CLI_INPUTS_H
#define GALLEY_CLI_INPUTS_H

#include <stddef.h>

#include "galley/galley.h"

typedef struct cli_input {
    char *path;
    /*
     * A directory that could not be walked becomes an entry that fails with
     * this error (NULL for ordinary inputs: a batch may hold millions).
     */
    galley_error *error;
} cli_input;

typedef struct cli_inputs {
    cli_input *items;
    size_t count, cap;
    int stdin_used;
} cli_inputs;

/*
 * Adds one argument: a file, "-" (standard input, at most once), or a
 * directory walked recursively in byte order of names, taking the files
 * whose name matches glob and skipping hidden entries.  Returns 0, or -1 with
 * a usage message in why.
 */
int cli_inputs_add(cli_inputs *in, const char *arg, const char *glob, char *why, size_t why_size);
/* Adds every non-empty line of a file ("-" for standard input) as an argument. */
int cli_inputs_add_list(cli_inputs *in, const char *list, const char *glob, char *why,
                        size_t why_size);
void cli_inputs_free(cli_inputs *in);

#endif /* GALLEY_CLI_INPUTS_H */
