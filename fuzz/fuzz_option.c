/*
 * fuzz_option.c -- a plugin's data-file loader on arbitrary bytes.
 *
 * Plugins load their data files (lexicons, phrase lists, models) in
 * create(), from the paths their PATH options give.  This harness takes a
 * config ($GALLEY_FUZZ_CONFIG) and one option of one of its steps
 * ($GALLEY_FUZZ_OPTION: "STEP.OPTION", STEP a step's id or plugin, or
 * "OPTION" for the first step), points
 * that option at a file holding the input, and loads the pipeline: create()
 * must either succeed or fail with an error that says something -- never
 * crash, leak or hang.
 */
#include <string.h>

#include "fuzz.h"

static char config_path[512];
static const char *data_path;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *option = getenv("GALLEY_FUZZ_OPTION");
    if (!option || !option[0]) {
        fprintf(stderr, "fuzz_option: set GALLEY_FUZZ_OPTION to STEP.OPTION (and "
                        "GALLEY_FUZZ_CONFIG to the config)\n");
        exit(2);
    }
    json_error_t jerr;
    json_t *config = json_load_file(fuzz_config_path(), 0, &jerr);
    if (!config) {
        fprintf(stderr, "fuzz_option: %s: %s\n", fuzz_config_path(), jerr.text);
        exit(2);
    }
    const char *dot = strchr(option, '.');
    json_t *steps = json_object_get(config, "steps"), *step = NULL;
    size_t i;
    json_t *s;
    json_array_foreach(steps, i, s)
    {
        /* STEP is a step's id or its plugin's name. */
        const char *id = json_string_value(json_object_get(s, "id"));
        const char *plugin = json_string_value(json_object_get(s, "plugin"));
        size_t n = dot ? (size_t)(dot - option) : 0;
        if (!dot ? i == 0
                 : ((id && strlen(id) == n && strncmp(id, option, n) == 0) ||
                    (plugin && strlen(plugin) == n && strncmp(plugin, option, n) == 0))) {
            step = s;
            break;
        }
    }
    if (!step) {
        fprintf(stderr, "fuzz_option: no step for '%s' in %s\n", option, fuzz_config_path());
        exit(2);
    }
    /* The config moves to the temporary directory: its plugin_path must still resolve. */
    json_object_del(config, "plugin_path");
    /* First the config as it is, with the plugins' own data files: it must load, or every
       input would fail the same way (a plugin missing from the build) and fuzz nothing. */
    galley_error err;
    char *text = json_dumps(config, JSON_INDENT(2));
    snprintf(config_path, sizeof config_path, "%s", fuzz_write("config.json", text, strlen(text)));
    free(text);
    galley_pipeline *p = galley_pipeline_load(config_path, fuzz_load_options(), &err);
    if (!p)
        fuzz_die("the config does not load with its own data files", &err);
    galley_pipeline_free(p);
    /* The data file's path never changes: the config is written once. */
    data_path = fuzz_write("data", "", 0);
    json_t *options = json_object_get(step, "options");
    if (!options) {
        options = json_object();
        json_object_set_new(step, "options", options);
    }
    json_object_set_new(options, dot ? dot + 1 : option, json_string(data_path));
    text = json_dumps(config, JSON_INDENT(2));
    snprintf(config_path, sizeof config_path, "%s", fuzz_write("config.json", text, strlen(text)));
    free(text);
    json_decref(config);
    /* Fail now, not at every input, when the option does not exist. */
    p = galley_pipeline_load(config_path, fuzz_load_options(), &err);
    if (!p && err.status == GALLEY_ECONFIG && strstr(err.text, "has no option"))
        fuzz_die("bad GALLEY_FUZZ_OPTION", &err);
    galley_pipeline_free(p);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_write("data", data, size);
    galley_error err;
    galley_error_clear(&err);
    galley_pipeline *p = galley_pipeline_load(config_path, fuzz_load_options(), &err);
    if (p) {
        galley_pipeline_free(p);
        return 0;
    }
    FUZZ_CHECK(err.text[0]);
    FUZZ_CHECK(err.status == GALLEY_ECONFIG || err.status == GALLEY_EPLUGIN ||
               err.status == GALLEY_ENOMEM);
    return 0;
}
