/*
 * plugins.c -- `galley plugins list|info NAME`: what is on the plugin path
 * and what one plugin declares, in the manner of gst-inspect.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char plugins_usage[] =
    "usage: galley plugins [list] [options]\n"
    "       galley plugins info NAME [options]\n"
    "\n"
    "list  every galley-NAME.so on the plugin path, with its version and summary\n"
    "info  one plugin in full: attributes it sets per block, results per document,\n"
    "      attributes it needs, options (type, default, help), meta keys and rules\n"
    "\n"
    "The plugin path is, in order: --plugin-path, GALLEY_PLUGIN_PATH, the plugins\n"
    "beside this galley, the installed plugin directory.\n"
    "\n"
    "Options:\n"
    "      --plugin-path DIR  look for plugins in DIR first (repeatable)\n"
    "  -f, --format FMT       text (default) or json\n"
    "  -h, --help             this help\n"
    "\n"
    "Examples:\n"
    "  galley plugins\n"
    "  galley plugins info sentiment\n"
    "  galley plugins info wordcount -f json\n";

enum { OPT_PLUGIN_PATH = 256 };

static void print_fields(const char *title, const json_t *fields)
{
    if (!json_array_size(fields))
        return;
    printf("\n%s\n", title);
    size_t i;
    json_t *f;
    json_array_foreach(fields, i, f)
        printf("  %-20s %-8s %s\n", json_string_value(json_object_get(f, "name")),
               json_string_value(json_object_get(f, "type")),
               json_string_value(json_object_get(f, "help")));
}

static void print_list(const char *title, const json_t *items)
{
    if (!json_array_size(items))
        return;
    printf("\n%s\n", title);
    size_t i;
    json_t *s;
    json_array_foreach(items, i, s)
        printf("  %s\n", json_string_value(s));
}

static void print_info(const json_t *info)
{
    const char *keys[] = {"name", "version", "license", "summary", "path", "data_dir", "abi"};
    const char *labels[] = {"Name", "Version", "License", "Summary", "File", "Data", "ABI"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        printf("%-10s %s\n", labels[i], json_string_value(json_object_get(info, keys[i])));
    const char *desc = json_string_value(json_object_get(info, "description"));
    if (desc && desc[0])
        printf("\nDescription\n  %s\n", desc);
    print_fields("Attributes (per block)", json_object_get(info, "attributes"));
    print_fields("Results (per document)", json_object_get(info, "results"));
    print_list("Requires (attributes set by an earlier step)", json_object_get(info, "requires"));
    const json_t *opts = json_object_get(info, "options");
    if (json_array_size(opts)) {
        printf("\nOptions (set under \"options\" in a step)\n");
        size_t i;
        json_t *o;
        json_array_foreach(opts, i, o) {
            const json_t *def = json_object_get(o, "default");
            printf("  %-20s %-8s default: %s\n      %s\n",
                   json_string_value(json_object_get(o, "name")),
                   json_string_value(json_object_get(o, "type")),
                   json_is_string(def) ? json_string_value(def) : "(none)",
                   json_string_value(json_object_get(o, "help")));
        }
    }
    print_list("Meta keys (read from ARTICLE.meta.json)", json_object_get(info, "meta_keys"));
    print_list("Rules (findings it may report)", json_object_get(info, "rules"));
}

int cmd_plugins(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"plugin-path", required_argument, NULL, OPT_PLUGIN_PATH},
        {"format", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_paths paths;
    cli_paths_init(&paths);
    const char *format = "text";
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:h", long_options, NULL)) != -1) {
        switch (c) {
        case OPT_PLUGIN_PATH:
            if (cli_paths_add(&paths, optarg) != 0)
                return cli_usage_error("plugins", "too many --plugin-path options");
            break;
        case 'f':
            if (strcmp(optarg, "text") && strcmp(optarg, "json"))
                return cli_usage_error("plugins", "--format wants text or json, not '%s'",
                                       optarg);
            format = optarg;
            break;
        case 'h': fputs(plugins_usage, stdout); return EXIT_OK;
        case ':': return cli_usage_error("plugins", "option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("plugins", "unknown option '%s'", argv[optind - 1]);
        }
    }
    const char *sub = optind < argc ? argv[optind++] : "list";
    galley_load_options lo;
    cli_load_options(&paths, &lo);
    int json = strcmp(format, "json") == 0;
    if (strcmp(sub, "list") == 0) {
        if (optind < argc)
            return cli_usage_error("plugins", "'list' takes no argument ('%s' is extra)",
                                   argv[optind]);
        json_t *list = galley_plugins_list(&lo);
        if (!list) {
            fprintf(stderr, "galley: out of memory\n");
            return EXIT_INPUT;
        }
        if (json) {
            json_dumpf(list, stdout, JSON_INDENT(2));
            fputc('\n', stdout);
        } else if (json_array_size(list) == 0) {
            json_t *dirs = galley_plugin_search_path(&lo, NULL);
            char *text = dirs ? json_dumps(dirs, JSON_COMPACT) : NULL;
            printf("no plugins found on the plugin path %s\n", text ? text : "");
            free(text);
            json_decref(dirs);
        } else {
            size_t i;
            json_t *p;
            json_array_foreach(list, i, p) {
                const json_t *error = json_object_get(p, "error");
                printf("%-14s %-8s %s\n", json_string_value(json_object_get(p, "name")),
                       error ? "(broken)" : json_string_value(json_object_get(p, "version")),
                       error ? json_string_value(error)
                             : json_string_value(json_object_get(p, "summary")));
            }
        }
        json_decref(list);
        return EXIT_OK;
    }
    if (strcmp(sub, "info") == 0) {
        if (optind >= argc)
            return cli_usage_error("plugins", "'info' needs a plugin NAME");
        galley_error err;
        galley_error_clear(&err);
        json_t *info = galley_plugin_info(argv[optind], &lo, &err);
        if (!info) {
            cli_error(&err);
            return cli_exit_status(err.status);
        }
        if (json) {
            json_dumpf(info, stdout, JSON_INDENT(2));
            fputc('\n', stdout);
        } else {
            print_info(info);
        }
        json_decref(info);
        return EXIT_OK;
    }
    return cli_usage_error("plugins", "no subcommand '%s' (list or info NAME)", sub);
}
