/*
 * cut.c -- a test plugin that cuts text where no well-behaved plugin would:
 * each block's "head" attribute is its first two bytes (half a character when
 * the block opens with one of three or four bytes), and a finding starts at
 * each block's second byte (inside a character when the block opens with one
 * of two or more), with a message holding a byte that is no UTF-8 and a
 * character cut short.  What the report makes of such strings must not depend on
 * how it is written (tests/test_pipeline.c, prepared reports).
 */
#include <string.h>

#include <galley/plugin.h>

static int cut_process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    const char *text = galley_doc_text(doc, NULL);
    const galley_block *blocks = galley_doc_blocks(doc);
    for (size_t b = 0; b < galley_doc_block_count(doc); b++) {
        if (!galley_doc_in_scope(doc, b))
            continue;
        size_t start = blocks[b].start, n = blocks[b].end - start;
        char head[3] = {0, 0, 0};
        memcpy(head, text + start, n < 2 ? n : 2);
        if (galley_doc_set_string(doc, b, "head", head) != GALLEY_OK)
            return galley_error_set(err, GALLEY_EPLUGIN, "cannot set head");
        if (n > 1 && galley_doc_add_finding(doc, "cut", GALLEY_INFO, start + 1, blocks[b].end,
                                            "from the second byte \xFF of the block, \xE2\x80"
                                            " cut") != GALLEY_OK)
            return galley_error_set(err, GALLEY_EPLUGIN, "cannot add the finding");
    }
    return GALLEY_OK;
}

static const galley_field attributes[] = {
    {"head", GALLEY_TYPE_STRING, "the block's first two bytes"}, {NULL, 0, NULL}};

static const galley_plugin cut = {
    GALLEY_PLUGIN_HEADER,   .name = "cut",
    .version = "0.0.1",     .summary = "Test plugin: strings cut inside characters",
    .license = "MIT",       .attributes = attributes,
    .process = cut_process,
};

GALLEY_PLUGIN_DEFINE(cut)
