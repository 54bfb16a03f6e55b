/*
 * fuzz_config.c -- the config loader on arbitrary JSON text.
 *
 * Two stages.  gl_config_load_buffer checks the shape from memory; its
 * result must be a usable config or a config error that names the file.
 * Then the same text is written to a file and loaded as a whole pipeline
 * (plugins found on the test plugin path and the build's plugin path,
 * options typed, scopes checked, create() run), which must agree with the
 * first stage about texts the first stage refused, and must otherwise give a
 * pipeline or a config or plugin error -- never a crash, a leak or a hang.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "fuzz.h"
#include "internal.h"

static int valid_id(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[512];
    if (!path[0])
        snprintf(path, sizeof path, "%s/config.json", fuzz_dir());
    gl_config c;
    galley_error err;
    galley_error_clear(&err);
    int rc = gl_config_load_buffer(&c, path, (const char *)data, size, &err);
    if (rc == 0) {
        FUZZ_CHECK(c.root && json_is_object(c.root) && c.step_count >= 1 && c.steps);
        FUZZ_CHECK(c.fail_on == GALLEY_ERROR || c.fail_on == GALLEY_WARNING || c.fail_on == -1);
        for (size_t i = 0; i < c.step_count; i++) {
            FUZZ_CHECK(gl_plugin_name_valid(c.steps[i].plugin));
            FUZZ_CHECK(valid_id(c.steps[i].id));
            for (size_t j = 0; j < i; j++)
                FUZZ_CHECK(strcmp(c.steps[i].id, c.steps[j].id) != 0);
        }
        for (size_t i = 0; i < c.plugin_path_count; i++)
            FUZZ_CHECK(c.plugin_path[i] && c.plugin_path[i][0]);
    } else {
        FUZZ_CHECK(rc == GALLEY_ECONFIG && err.status == GALLEY_ECONFIG);
        FUZZ_CHECK(strcmp(err.source, path) == 0 && err.text[0]);
        FUZZ_CHECK(err.line >= 0 && err.column >= 0);
        FUZZ_CHECK(err.position < 0 || (size_t)err.position <= size);
    }
    char first[GALLEY_ERROR_TEXT_LENGTH];
    memcpy(first, err.text, sizeof first);
    gl_config_free(&c);

    /*
     * Most mutated texts are refused by the first stage; loading them again
     * from the file would only re-run the same parser and halve the speed, so
     * one in sixteen is checked for agreement.
     */
    if (rc != 0 && (size == 0 || data[size - 1] % 16 != 0))
        return 0;
    fuzz_write("config.json", data, size);
    galley_error_clear(&err);
    galley_pipeline *p = galley_pipeline_load(path, fuzz_load_options(), &err);
    if (rc != 0) {
        /* The file and the buffer are the same text: the same error. */
        FUZZ_CHECK(p == NULL && err.status == GALLEY_ECONFIG);
        FUZZ_CHECK(strcmp(err.text, first) == 0);
    } else if (p) {
        json_t *d = galley_pipeline_describe(p);
        FUZZ_CHECK(d && json_is_array(json_object_get(d, "steps")));
        json_decref(d);
        galley_pipeline_free(p);
    } else {
        FUZZ_CHECK(err.status == GALLEY_ECONFIG || err.status == GALLEY_EPLUGIN ||
                   err.status == GALLEY_ENOMEM);
        FUZZ_CHECK(err.text[0]);
    }
    return 0;
}
