/*
 * wordcount.c -- the example plugin: words, sentences and reading time per
 * block and per document.
 *
 * It is small on purpose: docs/writing-plugins.md walks through it line by
 * line.  It shows a descriptor with attributes, results and one option, a
 * create() that reads the option, a process() that honours the step's scope,
 * and a destroy() that frees the state.
 */
#include <stdlib.h>

#include <galley/plugin.h>

typedef struct wordcount {
    double words_per_minute;
} wordcount;

static int wordcount_create(const galley_host *host, const galley_options *options, void **state,
                            galley_error *err)
{
    (void)host;
    double wpm = galley_option_number(options, "words_per_minute");
    if (!(wpm > 0))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "words_per_minute must be above 0 (it is %g)", wpm);
    wordcount *wc = malloc(sizeof *wc);
    if (!wc)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    wc->words_per_minute = wpm;
    *state = wc;
    return GALLEY_OK;
}

static void wordcount_destroy(void *state) { free(state); }

static int wordcount_process(const void *state, galley_doc *doc, galley_error *err)
{
    const wordcount *wc = state;
    const galley_block *blocks = galley_doc_blocks(doc);
    const galley_sentence *sentences = galley_doc_sentences(doc);
    const galley_token *tokens = galley_doc_tokens(doc);
    size_t total_words = 0, total_sentences = 0, blocks_counted = 0, longest = 0;

    for (size_t b = 0; b < galley_doc_block_count(doc); b++) {
        if (!galley_doc_in_scope(doc, b))
            continue;
        const galley_block *bl = &blocks[b];
        size_t words = 0;
        for (size_t s = bl->first_sentence; s < bl->first_sentence + bl->sentence_count; s++) {
            size_t in_sentence = 0;
            for (size_t t = sentences[s].first_token;
                 t < sentences[s].first_token + sentences[s].token_count; t++)
                if (tokens[t].kind == GALLEY_TOKEN_WORD || tokens[t].kind == GALLEY_TOKEN_NUMBER)
                    in_sentence++;
            if (in_sentence > longest)
                longest = in_sentence;
            words += in_sentence;
        }
        double seconds = (double)words * 60.0 / wc->words_per_minute;
        if (galley_doc_set_number(doc, b, "words", (double)words) != GALLEY_OK ||
            galley_doc_set_number(doc, b, "reading_seconds", seconds) != GALLEY_OK)
            return galley_error_set(err, GALLEY_EPLUGIN, "cannot set the block attributes");
        total_words += words;
        total_sentences += bl->sentence_count;
        blocks_counted++;
    }

    json_t *result = galley_doc_result(doc);
    double per_sentence = total_sentences ? (double)total_words / (double)total_sentences : 0.0;
    if (json_object_set_new(result, "words", json_integer((json_int_t)total_words)) ||
        json_object_set_new(result, "sentences", json_integer((json_int_t)total_sentences)) ||
        json_object_set_new(result, "blocks", json_integer((json_int_t)blocks_counted)) ||
        json_object_set_new(result, "words_per_sentence", json_real(per_sentence)) ||
        json_object_set_new(result, "longest_sentence", json_integer((json_int_t)longest)) ||
        json_object_set_new(result, "reading_seconds",
                            json_real((double)total_words * 60.0 / wc->words_per_minute)))
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    return GALLEY_OK;
}

static const galley_field wordcount_attributes[] = {
    {"words", GALLEY_TYPE_NUMBER, "words and numbers in the block"},
    {"reading_seconds", GALLEY_TYPE_NUMBER, "time to read the block at words_per_minute"},
    {NULL, 0, NULL}};

static const galley_field wordcount_results[] = {
    {"words", GALLEY_TYPE_NUMBER, "words and numbers in the blocks in scope"},
    {"sentences", GALLEY_TYPE_NUMBER, "sentences in the blocks in scope"},
    {"blocks", GALLEY_TYPE_NUMBER, "blocks in scope"},
    {"words_per_sentence", GALLEY_TYPE_NUMBER, "mean sentence length in words"},
    {"longest_sentence", GALLEY_TYPE_NUMBER, "words in the longest sentence"},
    {"reading_seconds", GALLEY_TYPE_NUMBER, "time to read the blocks in scope"},
    {NULL, 0, NULL}};

static const galley_option wordcount_options[] = {
    {"words_per_minute", GALLEY_TYPE_NUMBER, "230",
     "reading speed used for reading_seconds (an adult reads news at 200-260)"},
    {NULL, 0, NULL, NULL}};

static const galley_plugin wordcount_plugin = {
    GALLEY_PLUGIN_HEADER,
    .name = "wordcount",
    .version = "1.0.0",
    .summary = "Words, sentences and reading time per block and per document",
    .license = "MIT",
    .description = "Counts the words (and numbers) and sentences of every block in scope, "
                   "and estimates reading time. The example plugin of "
                   "docs/writing-plugins.md.",
    .attributes = wordcount_attributes,
    .results = wordcount_results,
    .options = wordcount_options,
    .create = wordcount_create,
    .process = wordcount_process,
    .destroy = wordcount_destroy,
};

GALLEY_PLUGIN_DEFINE(wordcount_plugin)
