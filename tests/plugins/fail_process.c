/* fail_process.c -- a test plugin whose process() fails on documents that contain FAIL. */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include <galley/plugin.h>

static int fail_process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    size_t n;
    const char *text = galley_doc_text(doc, &n);
    if (memmem(text, n, "FAIL", 4))
        return galley_error_set(err, GALLEY_EPLUGIN, "cannot process this text (a deliberate failure)");
    json_object_set_new(galley_doc_result(doc), "ok", json_true());
    return GALLEY_OK;
}

GALLEY_SIMPLE_PLUGIN(fail-process, "0.0.1", "Test plugin: fails on FAIL", fail_process);
