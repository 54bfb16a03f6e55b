/*
 * cli.h -- what the command files share.  The CLI is the only part of galley
 * that prints and the only part that exits.
 */
#ifndef GALLEY_CLI_H
#define GALLEY_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "galley/galley.h"
#include "galley/plugin.h"

/* Exit statuses, documented in `galley --help` and docs/report-format.md. */
enum {
    EXIT_OK = 0,
    EXIT_GATE = 1,   /* the gate failed: findings at or above fail_on */
    EXIT_USAGE = 2,  /* bad command line, config or meta file */
    EXIT_INPUT = 3,  /* an article could not be read or is not valid text */
    EXIT_PLUGIN = 4  /* a plugin could not be loaded or failed */
};

typedef struct cli_paths {
    const char *plugin_path[33]; /* --plugin-path, NULL-terminated */
    size_t plugin_path_count;
    const char *default_path[3]; /* beside the executable, then the installed directory */
    int allow_parent_paths;      /* --allow-parent-paths */
    char exe_plugins[4200];
} cli_paths;

/* Fills the default plugin directories. */
void cli_paths_init(cli_paths *paths);
/* Adds one --plugin-path; returns -1 when there are too many. */
int cli_paths_add(cli_paths *paths, const char *dir);
void cli_load_options(const cli_paths *paths, galley_load_options *out);

/* Prints "galley: <where>: <what>" on stderr. */
void cli_error(const galley_error *err);
/* Prints "galley CMD: <message>" and the --help hint; returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *fmt, ...) GALLEY_PRINTF(2, 3);
/* The exit status for a library status. */
int cli_exit_status(int status);

/* Colour on stdout: --color, NO_COLOR, and whether stdout is a terminal. */
int cli_colour(const char *when, FILE *stream);
int cli_terminal_width(void);

int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_plugins(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_eval(int argc, char **argv);

#endif /* GALLEY_CLI_H */
