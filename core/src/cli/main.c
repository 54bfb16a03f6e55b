/*
 * main.c -- the galley command: dispatches to one file per command.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"

#ifndef GALLEY_PLUGIN_DIR
#define GALLEY_PLUGIN_DIR "/usr/local/lib/galley/plugins"
#endif
#ifndef GALLEY_LIBDIR_REL
#define GALLEY_LIBDIR_REL "lib"
#endif

static const char usage[] =
    "usage: galley COMMAND [ARGS]\n"
    "\n"
    "galley runs a chain of analysis plugins over news articles, as a JSON config\n"
    "describes, and writes one report: page furniture versus story, section,\n"
    "sentiment and tone, and whether every person named may be published.\n"
    "\n"
    "Commands:\n"
    "  run CONFIG [FILE|DIR|-]...   run a pipeline over articles and write a report\n"
    "  check CONFIG                 validate a config and every plugin it names\n"
    "  plugins [list|info NAME]     list the plugins on the plugin path, or describe one\n"
    "  eval CONFIG DIR              score a pipeline against the gold files in DIR\n"
    "  train PLUGIN DIR -o MODEL    train a plugin's model from labelled paragraphs\n"
    "  help COMMAND                 show a command's options and examples\n"
    "\n"
    "Options:\n"
    "  -h, --help      this help\n"
    "  -V, --version   print the version and the plugin ABI\n"
    "\n"
    "Exit status: 0 ok, 1 gate failed, 2 usage or config error, 3 input error,\n"
    "4 plugin error.\n"
    "\n"
    "Examples:\n"
    "  galley run configs/review.json corpus/frontline-aggregator.txt\n"
    "  galley run configs/anonymity-gate.json corpus/ --format json -o report.json\n"
    "  galley plugins info sentiment\n"
    "\n"
    "Docs: docs/config.md, docs/report-format.md, docs/writing-plugins.md\n";

void cli_paths_init(cli_paths *paths)
{
    memset(paths, 0, sizeof *paths);
    size_t n = 0;
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* bin/galley -> lib/galley/plugins, in the build tree and once installed */
            snprintf(paths->exe_plugins, sizeof paths->exe_plugins, "%s/../%s/galley/plugins", exe,
                     GALLEY_LIBDIR_REL);
            paths->default_path[n++] = paths->exe_plugins;
        }
    }
    paths->default_path[n++] = GALLEY_PLUGIN_DIR;
    paths->default_path[n] = NULL;
}

int cli_paths_add(cli_paths *paths, const char *dir)
{
    if (paths->plugin_path_count + 1 >= sizeof paths->plugin_path / sizeof paths->plugin_path[0])
        return -1;
    paths->plugin_path[paths->plugin_path_count++] = dir;
    paths->plugin_path[paths->plugin_path_count] = NULL;
    return 0;
}

void cli_load_options(const cli_paths *paths, galley_load_options *out)
{
    memset(out, 0, sizeof *out);
    out->struct_size = sizeof *out;
    out->plugin_path = paths->plugin_path;
    out->default_path = paths->default_path;
    out->allow_parent_paths = paths->allow_parent_paths;
}

void cli_error(const galley_error *err)
{
    char text[1024];
    galley_error_format(err, text, sizeof text);
    /*
     * The message may quote a file name found by walking a directory, and a
     * name may hold any byte but '/' and NUL: control characters are shown
     * escaped so that a crafted name cannot drive the terminal or forge lines.
     */
    fputs("galley: ", stderr);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            fprintf(stderr, "\\x%02X", *p);
        else
            fputc(*p, stderr);
    }
    fputc('\n', stderr);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "galley%s%s: ", command ? " " : "", command ? command : "");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "; see 'galley %s%s--help'\n", command ? command : "", command ? " " : "");
    return EXIT_USAGE;
}

int cli_exit_status(int status)
{
    switch (status) {
    case GALLEY_OK: return EXIT_OK;
    case GALLEY_EUSAGE:
    case GALLEY_ECONFIG:
    case GALLEY_EIO: return EXIT_USAGE;
    case GALLEY_EPLUGIN: return EXIT_PLUGIN;
    default: return EXIT_INPUT;
    }
}

int cli_colour(const char *when, FILE *stream)
{
    if (when && strcmp(when, "always") == 0)
        return 1;
    if (when && strcmp(when, "never") == 0)
        return 0;
    const char *no = getenv("NO_COLOR");
    if (no && no[0])
        return 0;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return 0;
    return isatty(fileno(stream));
}

int cli_terminal_width(void)
{
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
        return ws.ws_col;
    const char *cols = getenv("COLUMNS");
    long n = cols ? strtol(cols, NULL, 10) : 0;
    return n >= 40 && n <= 10000 ? (int)n : 100;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0) {
        printf("galley %s (plugin ABI %d.%d)\n", galley_version(), galley_abi_major(),
               galley_abi_minor());
        return EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0) {
        if (argc < 3) {
            fputs(usage, stdout);
            return EXIT_OK;
        }
        char help[] = "--help";
        char *args[] = {argv[2], help, NULL};
        cmd = argv[2];
        argv = args;
        argc = 2;
        if (strcmp(cmd, "run") == 0)
            return cmd_run(argc, argv);
        if (strcmp(cmd, "check") == 0)
            return cmd_check(argc, argv);
        if (strcmp(cmd, "plugins") == 0)
            return cmd_plugins(argc, argv);
        if (strcmp(cmd, "eval") == 0)
            return cmd_eval(argc, argv);
        if (strcmp(cmd, "train") == 0)
            return cmd_train(argc, argv);
        return cli_usage_error(NULL, "no command '%s'", cmd);
    }
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "plugins") == 0)
        return cmd_plugins(argc - 1, argv + 1);
    if (strcmp(cmd, "eval") == 0)
        return cmd_eval(argc - 1, argv + 1);
    if (strcmp(cmd, "train") == 0)
        return cmd_train(argc - 1, argv + 1);
    if (cmd[0] == '-')
        return cli_usage_error(NULL, "unknown option '%s'", cmd);
    return cli_usage_error(NULL, "no command '%s' (commands: run, check, plugins, eval, train, help)", cmd);
}
