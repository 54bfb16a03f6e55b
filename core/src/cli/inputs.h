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
void cli_inputs_free(cli_inputs *in);

/*
 * Where a run's documents come from, one at a time: first the FILE, DIR and
 * - arguments (expanded when the source is opened, so that a bad argument is
 * a usage error before anything runs), then the lines of each --files-from
 * list, read only as documents are taken.  A list of millions of paths is
 * never held in memory: at any moment the source holds one line, or the
 * files of one directory that a line named.
 */
typedef struct cli_source {
    cli_inputs ready; /* expanded inputs not handed out yet, from ready_next on */
    size_t ready_next;
    FILE *lists[16]; /* the --files-from lists, all opened up front */
    const char *list_names[16];
    size_t list_count, list_next;
    const char *glob;
    char *line;
    size_t line_cap;
    unsigned long long line_number;
    int have_pending; /* cli_source_peek read one ahead */
    cli_input pending;
} cli_source;

/*
 * Opens a source on the arguments and lists.  Returns 0, or -1 with a usage
 * message in why (an unreadable list, standard input asked for twice, out of
 * memory).
 */
int cli_source_open(cli_source *s, char *const *args, size_t arg_count, const char *const *lists,
                    size_t list_count, const char *glob, char *why, size_t why_size);
/* 1 when the number of documents is known before they are read: no lists. */
int cli_source_counted(const cli_source *s);
/* The number of documents when counted (the expanded arguments). */
size_t cli_source_count(const cli_source *s);
/*
 * Takes the next document: 1 with *in filled (the caller owns in->path and
 * in->error, freed with cli_input_free), 0 at the end, -1 when out of memory.
 * A line that cannot name a document (a '-' in a list) becomes an input with
 * an error, so that one bad line fails one document, not the run.
 */
int cli_source_next(cli_source *s, cli_input *in);
/* 1 when there is at least one document to take, 0 when none, -1 when out of memory. */
int cli_source_peek(cli_source *s);
void cli_source_close(cli_source *s);
void cli_input_free(cli_input *in);

/*
 * Reads standard input whole, refusing more than max_bytes (0: no limit),
 * for a document whose report must carry its text.  The errors are those
 * galley_pipeline_run_file gives for standard input.  *bytes is
 * NUL-terminated; free it with free().
 */
int cli_read_stdin(size_t max_bytes, char **bytes, size_t *length, galley_error *err);

#endif /* GALLEY_CLI_INPUTS_H */
