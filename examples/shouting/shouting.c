/*
 * shouting.c -- an out-of-tree galley plugin: flags words in ALL CAPS in the
 * reporter's own narration (quoted speech may shout; the narration should not).
 *
 * Built against an installed galley with pkg-config or CMake; see README.md
 * here and docs/writing-plugins.md.
 */
#include <galley/plugin.h>

static int shouting_process(const void *state, galley_doc *doc, galley_error *err)
{
    (void)state;
    (void)err;
    const galley_token *tokens = galley_doc_tokens(doc);
    const galley_block *blocks = galley_doc_blocks(doc);
    json_int_t found = 0;
    for (size_t b = 0; b < galley_doc_block_count(doc); b++) {
        if (!galley_doc_in_scope(doc, b))
            continue;
        for (size_t t = blocks[b].first_token; t < blocks[b].first_token + blocks[b].token_count;
             t++) {
            const galley_token *tok = &tokens[t];
            /* Acronyms are short; shouting is a longer word in capitals outside quotes. */
            if (tok->kind != GALLEY_TOKEN_WORD || !(tok->flags & GALLEY_TOKEN_ALL_CAPS) ||
                (tok->flags & GALLEY_TOKEN_QUOTED) || tok->end - tok->start < 5)
                continue;
            galley_doc_add_finding(doc, "shouting", GALLEY_INFO, tok->start, tok->end,
                                   "'%s' is in capitals in the narration; write it in lower case "
                                   "or quote the source",
                                   tok->fold);
            found++;
        }
    }
    return json_object_set_new(galley_doc_result(doc), "shouted_words", json_integer(found));
}

static const char *const rules[] = {"shouting: a word in capitals in the reporter's narration",
                                    NULL};

static const galley_plugin shouting = {
    GALLEY_PLUGIN_HEADER,
    .name = "shouting",
    .version = "1.0.0",
    .summary = "Flags words in capitals in the narration",
    .license = "MIT",
    .rules = rules,
    .process = shouting_process,
};

GALLEY_PLUGIN_DEFINE(shouting)
