/*
 * check.c -- `galley check`: validates a config and everything it names,
 * exactly as `galley run` would before reading the first article.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char check_usage[] =
    "usage: galley check CONFIG [options]\n"
    "\n"
    "Validates CONFIG as `galley run` would before reading any article: JSON syntax,\n"
    "known keys, every plugin found and loadable with a matching ABI, option names\n"
    "and types, scopes and required attributes set by earlier steps, and each\n"
    "plugin's start-up (its data files load).  Prints the steps it would run.\n"
    "\n"
    "Options:\n"
    "      --plugin-path DIR  look for plugins in DIR first (repeatable)\n"
    "      --allow-parent-paths\n"
    "                         let file options reach outside the config's directory\n"
    "                         with '..' (refused by default: docs/config.md, Paths)\n"
    "  -f, --format FMT       text (default) or json (the config as loaded)\n"
    "  -q, --quiet            print nothing; the exit status tells\n"
    "  -h, --help             this help\n"
    "\n"
    "Exit status: 0 valid, 2 config error, 4 plugin error.\n"
    "\n"
    "Examples:\n"
    "  galley check configs/review.json\n"
    "  galley check my-pipeline.json --plugin-path build/plugins -f json\n";

enum { OPT_PLUGIN_PATH = 256, OPT_ALLOW_PARENT_PATHS };

int cmd_check(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"plugin-path", required_argument, NULL, OPT_PLUGIN_PATH},
        {"allow-parent-paths", no_argument, NULL, OPT_ALLOW_PARENT_PATHS},
        {"format", required_argument, NULL, 'f'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_paths paths;
    cli_paths_init(&paths);
    const char *format = "text";
    int quiet = 0, c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:qh", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_PLUGIN_PATH:
            if (cli_paths_add(&paths, optarg) != 0)
                return cli_usage_error("check", "too many --plugin-path options");
            break;
        case OPT_ALLOW_PARENT_PATHS: paths.allow_parent_paths = 1; break;
        case 'f':
            if (strcmp(optarg, "text") && strcmp(optarg, "json"))
                return cli_usage_error("check", "--format wants text or json, not '%s'", optarg);
            format = optarg;
            break;
        case 'q': quiet = 1; break;
        case 'h': fputs(check_usage, stdout); return EXIT_OK;
        case ':': return cli_usage_error("check", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("check", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("check", "no CONFIG given");
    if (optind + 1 < argc)
        return cli_usage_error("check", "one CONFIG at a time ('%s' is extra)", argv[optind + 1]);
    galley_load_options lo;
    cli_load_options(&paths, &lo);
    galley_error err;
    galley_pipeline *p = galley_pipeline_load(argv[optind], &lo, &err);
    if (!p) {
        if (!quiet)
            cli_error(&err);
        return cli_exit_status(err.status);
    }
    json_t *d = galley_pipeline_describe(p);
    if (!quiet && d) {
        if (strcmp(format, "json") == 0) {
            json_dumpf(d, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
            fputc('\n', stdout);
        } else {
            const char *name = json_string_value(json_object_get(d, "name"));
            printf("%s: valid%s%s%s\n", argv[optind], name && name[0] ? " (" : "",
                   name && name[0] ? name : "", name && name[0] ? ")" : "");
            size_t i;
            json_t *s;
            json_array_foreach(json_object_get(d, "steps"), i, s) {
                printf("  %zu. %-14s %s %s", i + 1, json_string_value(json_object_get(s, "id")),
                       json_string_value(json_object_get(s, "plugin")),
                       json_string_value(json_object_get(s, "version")));
                json_t *scope = json_object_get(s, "scope");
                if (json_object_size(scope)) {
                    char *text = json_dumps(scope, JSON_COMPACT);
                    printf("  scope %s", text ? text : "");
                    free(text);
                }
                printf("\n");
            }
            printf("  gate: fail_on %s\n",
                   json_string_value(json_object_get(json_object_get(d, "gate"), "fail_on")));
        }
    }
    json_decref(d);
    galley_pipeline_free(p);
    return EXIT_OK;
}
