/*
 * fuzz_meta.c -- the meta file loader on arbitrary JSON text.
 *
 * The pipeline (the build-time or $GALLEY_FUZZ_CONFIG config) is loaded once;
 * each input is parsed as a meta file from memory.  The result must be an
 * object whose every key the pipeline knows (or an x- key), or a config
 * error naming the file.  When it is accepted, the article in the harness is
 * run with it, so plugins that read meta keys see arbitrary values too.
 */
#include <string.h>

#include "fuzz.h"
#include "pipeline.h"

static galley_pipeline *pipeline;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    galley_error err;
    pipeline = galley_pipeline_load(fuzz_config_path(), fuzz_load_options(), &err);
    if (!pipeline)
        fuzz_die("cannot load the pipeline", &err);
    return 0;
}

static int known_key(const char *key)
{
    if (strncmp(key, "x-", 2) == 0)
        return 1;
    for (size_t i = 0; i < pipeline->meta_key_count; i++)
        if (strcmp(pipeline->meta_keys[i], key) == 0)
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char article[] =
        "KYIV \xe2\x80\x94 \xe2\x80\x9cWe held the line,\xe2\x80\x9d said Pavlo, 34, a gunner.\n"
        "Serhiy Kuzan, the mayor, disagreed.\n\nMost Popular\n\nRead more: Ten recipes.\n";
    json_t *meta = NULL;
    galley_error err;
    int rc = gl_meta_parse(pipeline, "fuzz.meta.json", (const char *)data, size, &meta, &err);
    if (rc == GALLEY_OK) {
        FUZZ_CHECK(meta && json_is_object(meta));
        const char *key;
        json_t *value;
        json_object_foreach(meta, key, value) FUZZ_CHECK(known_key(key));
        json_t *report = NULL;
        rc = galley_pipeline_run_buffer(pipeline, "fuzz.txt", article, sizeof article - 1, meta,
                                        &report, &err);
        /* A plugin may refuse a meta value it cannot use, but only with an error. */
        FUZZ_CHECK((rc == GALLEY_OK) == (report != NULL));
        FUZZ_CHECK(rc == GALLEY_OK || err.text[0]);
        json_decref(report);
        json_decref(meta);
    } else {
        FUZZ_CHECK(meta == NULL && rc == GALLEY_ECONFIG && err.status == GALLEY_ECONFIG);
        FUZZ_CHECK(strcmp(err.source, "fuzz.meta.json") == 0 && err.text[0]);
    }
    return 0;
}
