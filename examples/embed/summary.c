/*
 * summary.c -- galley embedded in a program of its own: the pipeline is
 * loaded once, then each article named on the command line is run through
 * it, and one line is printed per article: its path, how many blocks it has
 * and how many of them are page furniture (when the pipeline has the
 * boilerplate step), and its findings by severity.
 *
 * Build it against an installed galley:
 *
 *   cc $(pkg-config --cflags galley) \
 *      -DGALLEY_PLUGINS="\"$(pkg-config --variable=plugindir galley)\"" \
 *      summary.c $(pkg-config --libs galley) -o galley-summary
 *   ./galley-summary CONFIG ARTICLE...
 *
 * Exit status: 0, 2 when the config does not load, 3 when an article could
 * not be analysed (the others are still summarised).
 */
#include <stdio.h>
#include <string.h>

#include <galley/galley.h>

#ifndef GALLEY_PLUGINS
#define GALLEY_PLUGINS "/usr/local/lib/galley/plugins"
#endif

/* One line for a document report (see docs/report-format.md). */
static void summarise(const json_t *report)
{
    size_t count[3] = {0, 0, 0}; /* error, warning, info */
    size_t i, furniture = 0;
    json_t *item;
    json_array_foreach(json_object_get(report, "findings"), i, item)
    {
        const char *s = json_string_value(json_object_get(item, "severity"));
        count[s && strcmp(s, "error") == 0 ? 0 : s && strcmp(s, "warning") == 0 ? 1 : 2]++;
    }
    const json_t *blocks = json_object_get(report, "blocks");
    json_array_foreach(blocks, i, item) furniture +=
        json_is_true(json_object_get(json_object_get(item, "attrs"), "boilerplate"));
    printf("%s\t%zu blocks (%zu furniture)\t%zu errors\t%zu warnings\t%zu info\n",
           json_string_value(json_object_get(report, "path")), json_array_size(blocks), furniture,
           count[0], count[1], count[2]);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s CONFIG ARTICLE...\n", argv[0]);
        return 2;
    }
    static const char *const installed[] = {GALLEY_PLUGINS, NULL};
    galley_load_options options = {sizeof options, NULL, installed, 0, 0};
    galley_error err;
    galley_pipeline *pipeline = galley_pipeline_load(argv[1], &options, &err);
    if (!pipeline) {
        char message[1024];
        galley_error_format(&err, message, sizeof message);
        fprintf(stderr, "%s\n", message);
        return 2;
    }
    int status = 0;
    for (int a = 2; a < argc; a++) {
        json_t *report = NULL;
        if (galley_pipeline_run_file(pipeline, argv[a], NULL, 64u << 20, &report, &err) !=
            GALLEY_OK) {
            char message[1024];
            galley_error_format(&err, message, sizeof message);
            fprintf(stderr, "%s\n", message);
            status = 3;
            continue;
        }
        summarise(report);
        json_decref(report);
    }
    galley_pipeline_free(pipeline);
    return status;
}
