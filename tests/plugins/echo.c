/*
 * echo.c -- a test plugin that repeats the article back: one warning per
 * block, spanning the whole block, whose message quotes the block's text,
 * and the first block's text as a result.  Whatever an article holds thus
 * reaches every part of a report that can carry text, which is what the
 * escaping tests need.
 */
#include <string.h>

#include <galley/plugin.h>

static int echo_process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    (void)err;
    size_t length;
    const char *text = galley_doc_text(doc, &length);
    const galley_block *blocks = galley_doc_blocks(doc);
    for (size_t b = 0; b < galley_doc_block_count(doc); b++) {
        if (!galley_doc_in_scope(doc, b))
            continue;
        int n = (int)(blocks[b].end - blocks[b].start);
        galley_doc_add_finding(doc, "echo", GALLEY_WARNING, blocks[b].start, blocks[b].end,
                               "the block says: %.*s", n, text + blocks[b].start);
        if (b == 0)
            json_object_set_new(galley_doc_result(doc), "first",
                                json_stringn(text + blocks[b].start, (size_t)n));
    }
    return GALLEY_OK;
}

static const galley_field results[] = {{"first", GALLEY_TYPE_STRING, "the first block"},
                                       {NULL, 0, NULL}};
static const char *const rules[] = {"echo: every block, quoted", NULL};

static const galley_plugin echo = {
    GALLEY_PLUGIN_HEADER, .name = "echo",
    .version = "0.0.1",   .summary = "Test plugin: quotes every block back in a finding",
    .license = "MIT",     .results = results,
    .rules = rules,       .process = echo_process,
};

GALLEY_PLUGIN_DEFINE(echo)
