/*
 * boilerplate.c -- the boilerplate plugin: tells page furniture (menus,
 * crumbs, bylines, credits, share lines, sponsor slots, teaser lists, cookie
 * notices...) from the story, block by block, from plain text alone.
 *
 * This file holds the descriptor, create() and destroy(), and process(),
 * which runs the two stages (features.c: each block alone; page.c: the page
 * as a whole) and reports.  lexicon.c loads the data files.  See README.md
 * for how the decision is made and what each data file holds.
 */
#include <stdlib.h>
#include <string.h>

#include <galley/plugin.h>

#include "classify.h"

typedef struct bp_state {
    bp_lexicon *lexicon;
    bp_settings settings;
} bp_state;

/* A document whose sentences hold fewer stop words than this is in a language
 * the stop-word lists do not cover; the stop-word test is then left out.
 * Story text in a covered language runs at 0.3-0.5; an uncovered one still
 * meets a few words that are stop words elsewhere (Indonesian "di", "dan"). */
#define UNCOVERED_LANGUAGE_DENSITY 0.15
/* ...judged on at least this many words of sentence text. */
#define UNCOVERED_LANGUAGE_MIN_WORDS 40

static void bp_destroy(void *state)
{
    bp_state *st = state;
    if (!st)
        return;
    bp_lexicon_free(st->lexicon);
    free(st);
}

static int check_range(galley_error *err, const char *name, double value, double lo, double hi)
{
    if (value >= lo && value <= hi)
        return GALLEY_OK;
    return galley_error_set(err, GALLEY_ECONFIG, "option %s must be between %g and %g (it is %g)",
                            name, lo, hi, value);
}

static int bp_create(const galley_host *host, const galley_options *options, void **state,
                     galley_error *err)
{
    (void)host;
    bp_settings s;
    memset(&s, 0, sizeof s);
    s.min_story_chars = galley_option_number(options, "min_story_chars");
    s.stopword_density = galley_option_number(options, "stopword_density");
    s.max_link_density = galley_option_number(options, "max_link_density");
    double max_words = galley_option_number(options, "max_phrase_words");
    s.smoothing = galley_option_bool(options, "smoothing");
    s.page_end = galley_option_bool(options, "page_end");
    s.repetition = galley_option_bool(options, "repetition");
    int rc;
    if ((rc = check_range(err, "min_story_chars", s.min_story_chars, 1, 100000)) ||
        (rc = check_range(err, "stopword_density", s.stopword_density, 0, 1)) ||
        (rc = check_range(err, "max_link_density", s.max_link_density, 0, 1)) ||
        (rc = check_range(err, "max_phrase_words", max_words, 1, 100000)))
        return rc;
    s.max_phrase_words = (size_t)max_words;

    bp_state *st = calloc(1, sizeof *st);
    if (!st)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    st->settings = s;
    st->lexicon = bp_lexicon_new();
    if (!st->lexicon) {
        free(st);
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    const char *extra = galley_option_string(options, "extra_furniture");
    if ((rc = bp_lexicon_load_words(st->lexicon, galley_option_string(options, "stopwords"), 1,
                                    err)) ||
        (rc = bp_lexicon_load_words(st->lexicon, galley_option_string(options, "words"), 0, err)) ||
        (rc = bp_lexicon_load_phrases(st->lexicon, galley_option_string(options, "furniture"),
                                      err)) ||
        (extra && *extra && (rc = bp_lexicon_load_phrases(st->lexicon, extra, err))) ||
        (rc = bp_lexicon_finish(st->lexicon, err))) {
        bp_destroy(st);
        return rc;
    }
    *state = st;
    return GALLEY_OK;
}

/* A block's hash and its position among the blocks in scope, to sort. */
typedef struct hashed {
    uint64_t hash;
    size_t at;
} hashed;

static int compare_hashes(const void *a, const void *b)
{
    const hashed *x = a, *y = b;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* Marks blocks whose text appears again in another block of the page. */
static int mark_repeats(galley_doc *doc, bp_block *blocks, size_t n)
{
    if (n < 2)
        return 0;
    hashed *order = malloc(n * sizeof *order);
    if (!order)
        return -1;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (blocks[i].words >= 2 && blocks[i].hash != 0) {
            order[m].hash = blocks[i].hash;
            order[m++].at = i;
        }
    /* A page has a few dozen short blocks: sorting them by insertion costs
     * less than qsort's calls through a pointer; a long page still gets qsort. */
    if (m > 64)
        qsort(order, m, sizeof *order, compare_hashes);
    else
        for (size_t i = 1; i < m; i++) {
            hashed h = order[i];
            size_t j = i;
            for (; j > 0 && compare_hashes(&order[j - 1], &h) > 0; j--)
                order[j] = order[j - 1];
            order[j] = h;
        }
    const galley_block *gb = galley_doc_blocks(doc);
    const char *text = galley_doc_text(doc, NULL);
    /* Each run of equal hashes is compared with its first block only, so
     * that a page of one line printed a million times stays linear. */
    for (size_t i = 0; i < m;) {
        bp_block *head = &blocks[order[i].at];
        size_t j = i + 1;
        for (; j < m && order[j].hash == order[i].hash; j++) {
            bp_block *other = &blocks[order[j].at];
            if (bp_same_text(text, &gb[head->index], &gb[other->index])) {
                head->flags |= BP_F_REPEATED;
                other->flags |= BP_F_REPEATED;
            }
        }
        i = j;
    }
    free(order);
    return 0;
}

/* The stop-word threshold for this document (see UNCOVERED_LANGUAGE_DENSITY). */
static double document_density(const bp_settings *s, const bp_block *blocks, size_t n)
{
    size_t words = 0, stops = 0;
    for (size_t i = 0; i < n; i++)
        if (blocks[i].cls == BP_SHORT && !blocks[i].reason && blocks[i].words >= 10 &&
            (blocks[i].flags & BP_F_TERMINAL)) {
            words += blocks[i].words;
            stops += blocks[i].stops;
        }
    if (words >= UNCOVERED_LANGUAGE_MIN_WORDS &&
        (double)stops < UNCOVERED_LANGUAGE_DENSITY * (double)words)
        return 0.0;
    return s->stopword_density;
}

/* The reasons are a few static strings, so a short array counts them. */
#define MAX_REASONS 64

static int report(galley_doc *doc, const bp_block *blocks, const bp_decision *dec, size_t n,
                  galley_error *err)
{
    size_t chars[2] = {0, 0}, count[2] = {0, 0};
    const char *names[MAX_REASONS];
    size_t tally[MAX_REASONS], kinds = 0;
    for (size_t i = 0; i < n; i++) {
        int f = dec[i].furniture != 0;
        chars[f] += blocks[i].chars;
        count[f]++;
        if (galley_doc_set_bool(doc, blocks[i].index, "boilerplate", f) != GALLEY_OK ||
            galley_doc_set_string(doc, blocks[i].index, "boilerplate_reason", dec[i].reason) !=
                GALLEY_OK)
            return galley_error_set(err, GALLEY_EPLUGIN, "cannot set the block attributes");
        size_t r = 0;
        /* The same reason is nearly always the same pointer; other strings are
         * compared only when their first letters agree. */
        const char *reason = dec[i].reason;
        while (r < kinds && names[r] != reason &&
               (names[r][0] != reason[0] || strcmp(names[r], reason) != 0))
            r++;
        if (r == kinds && kinds < MAX_REASONS) {
            names[kinds] = dec[i].reason;
            tally[kinds++] = 0;
        }
        if (r < kinds)
            tally[r]++;
    }
    json_t *reasons = json_object();
    if (!reasons)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    /* Every key is an ASCII name written in this plugin: none needs checking. */
    for (size_t r = 0; r < kinds; r++)
        if (json_object_set_new_nocheck(reasons, names[r], json_integer((json_int_t)tally[r]))) {
            json_decref(reasons);
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        }
    size_t all_chars = chars[0] + chars[1];
    /* No block in scope: nothing is furniture, and no ratio divides by zero. */
    double ratio_chars = all_chars ? (double)chars[1] / (double)all_chars : 0.0;
    double ratio_blocks = n ? (double)count[1] / (double)n : 0.0;
    json_t *r = galley_doc_result(doc);
    if (json_object_set_new_nocheck(r, "ratio_chars", json_real(ratio_chars)) ||
        json_object_set_new_nocheck(r, "ratio_blocks", json_real(ratio_blocks)) ||
        json_object_set_new_nocheck(r, "content_chars", json_integer((json_int_t)chars[0])) ||
        json_object_set_new_nocheck(r, "boilerplate_chars", json_integer((json_int_t)chars[1])) ||
        json_object_set_new_nocheck(r, "content_blocks", json_integer((json_int_t)count[0])) ||
        json_object_set_new_nocheck(r, "boilerplate_blocks", json_integer((json_int_t)count[1])) ||
        json_object_set_new_nocheck(r, "reasons", reasons))
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    return GALLEY_OK;
}

static int bp_process(const void *state, galley_doc *doc, galley_error *err)
{
    const bp_state *st = state;
    const char *text = galley_doc_text(doc, NULL);
    const galley_block *gb = galley_doc_blocks(doc);
    const galley_token *tokens = galley_doc_tokens(doc);
    size_t nb = galley_doc_block_count(doc), n = 0, max_tokens = 1;
    for (size_t b = 0; b < nb; b++)
        if (galley_doc_in_scope(doc, b)) {
            n++;
            if (gb[b].token_count > max_tokens)
                max_tokens = gb[b].token_count;
        }
    bp_block *blocks = calloc(n ? n : 1, sizeof *blocks);
    bp_decision *dec = calloc(n ? n : 1, sizeof *dec);
    uint32_t *scratch = malloc(2 * max_tokens * sizeof *scratch);
    int rc = GALLEY_OK;
    if (!blocks || !dec || !scratch) {
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        goto done;
    }
    size_t k = 0;
    for (size_t b = 0; b < nb; b++) {
        if (!galley_doc_in_scope(doc, b))
            continue;
        blocks[k].index = (uint32_t)b;
        bp_block_features(st->lexicon, &st->settings, text, &gb[b], tokens, scratch, &blocks[k]);
        k++;
    }
    if ((st->settings.repetition && mark_repeats(doc, blocks, n) != 0) ||
        bp_page_decide(&st->settings, document_density(&st->settings, blocks, n), blocks, n, dec) !=
            0) {
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        goto done;
    }
    rc = report(doc, blocks, dec, n, err);
done:
    free(blocks);
    free(dec);
    free(scratch);
    return rc;
}

static const galley_field bp_attributes[] = {
    {"boilerplate", GALLEY_TYPE_BOOL,
     "true when the block is page furniture (menu, crumb, byline, credit, share line, sponsor "
     "slot, teaser, list, cookie notice, copyright...), false when it belongs to the story"},
    {"boilerplate_reason", GALLEY_TYPE_STRING,
     "the rule that decided. Furniture: a phrase kind from the furniture list (menu, crumb, nav, "
     "list-heading, sponsor-slot, credit, byline, date-line, meta-line, share, subscribe, "
     "cookie-notice, tag-list, copyright, legal, comment-prompt), byline (also an author box "
     "after the story), teaser (cut off with ..., or an item under a list heading), all-caps, "
     "short-link-like, repeat (printed twice on the page), numbers, no-words, empty, short, "
     "page-start (above the headline), page-end (after the story's end), context (decided by "
     "its neighbours). Story: story, quote, headline, standfirst, caption, subheading, context"},
    {NULL, 0, NULL}};

static const galley_field bp_results[] = {
    {"ratio_chars", GALLEY_TYPE_NUMBER,
     "furniture characters / all characters of the blocks in scope (0 when none)"},
    {"ratio_blocks", GALLEY_TYPE_NUMBER, "furniture blocks / blocks in scope (0 when none)"},
    {"content_chars", GALLEY_TYPE_NUMBER, "characters of story blocks"},
    {"boilerplate_chars", GALLEY_TYPE_NUMBER, "characters of furniture blocks"},
    {"content_blocks", GALLEY_TYPE_NUMBER, "story blocks"},
    {"boilerplate_blocks", GALLEY_TYPE_NUMBER, "furniture blocks"},
    {"reasons", GALLEY_TYPE_OBJECT, "how many blocks each boilerplate_reason decided"},
    {NULL, 0, NULL}};

static const galley_option bp_options[] = {
    {"furniture", GALLEY_TYPE_PATH, "furniture.tsv",
     "the furniture phrase list: one KIND<TAB>MODE<TAB>PHRASE a line (see the file's header "
     "and README.md). A malformed line stops the config from loading, naming file and line"},
    {"extra_furniture", GALLEY_TYPE_PATH, NULL,
     "a second phrase list in the same format, for a newsroom's own furniture (its newsletter "
     "name, its agency credits); unset by default"},
    {"stopwords", GALLEY_TYPE_PATH, "stopwords.tsv",
     "stop words, one LANGUAGE<TAB>WORD WORD... a line; story text is dense with them"},
    {"words", GALLEY_TYPE_PATH, "words.tsv",
     "word classes, one CLASS<TAB>WORD WORD... a line: month, date, byline, menu, social, "
     "follow, role (used by the date-line, byline, crumb, share and author-box rules)"},
    {"min_story_chars", GALLEY_TYPE_NUMBER, "100",
     "characters a paragraph needs to count as story text on its own (with enough stop words "
     "and a full stop at the end). Lower it for sites with very short paragraphs; higher "
     "values make more short blocks depend on their neighbours. Range 1-100000"},
    {"stopword_density", GALLEY_TYPE_NUMBER, "0.2",
     "the share of stop words (the, and, of...) a paragraph needs to count as story text on "
     "its own; 0 turns the test off. A block of more than 32 tokens is measured on its first "
     "32. The test is left out automatically for a page whose sentences have almost no stop "
     "words (a language the lists do not cover). Range 0-1"},
    {"max_link_density", GALLEY_TYPE_NUMBER, "0.8",
     "a short block (2-20 words, no stop word, no full stop) with at least this share of "
     "capitalised words looks like a row of links or a name and is furniture unless its "
     "neighbours are story. 1 means every word must be capitalised. Range 0-1"},
    {"max_phrase_words", GALLEY_TYPE_NUMBER, "40",
     "start, label and contains phrases only mark blocks of at most this many words, so that "
     "a story paragraph that begins with \"Share\" or mentions cookies stays story; whole-block "
     "phrases always apply. In a block of more than 32 tokens, phrases are looked for among "
     "its first 32. Range 1-100000"},
    {"smoothing", GALLEY_TYPE_BOOL, "true",
     "decide an ambiguous block (a short line, a title without a full stop, a link-like name) "
     "from its neighbours when they agree: between two story blocks it is story, between two "
     "furniture blocks it is furniture (reason context)"},
    {"page_end", GALLEY_TYPE_BOOL, "true",
     "after the story's last sentence, the first furniture block (a credit, a list heading, a "
     "share line, a sponsor slot) starts the page end, and every block after it is furniture "
     "(reason page-end). Furniture in the middle of the story does not end it"},
    {"repetition", GALLEY_TYPE_BOOL, "true",
     "a block whose text appears again in another block of the same page (a teaser title in "
     "both \"Most Popular\" and \"Read Now\", a menu at top and bottom) is furniture (reason "
     "repeat); only blocks of up to 32 tokens are compared"},
    {NULL, 0, NULL, NULL}};

static const galley_plugin bp_plugin = {
    GALLEY_PLUGIN_HEADER,
    .name = "boilerplate",
    .version = "1.0.0",
    .summary = "Tells page furniture from the story, block by block, with a reason for each",
    .license = "MIT",
    .description =
        "Classifies every block in scope as page furniture or story from plain text alone. "
        "Furniture phrases (menus, \"Most Popular\", \"Share\", \"Subscribe\", cookie notices, "
        "credits, copyright; many languages) and structural rules (crumbs such as "
        "\"News > World\" or \"HomeNewsWorld\", bylines, date lines, teasers cut off with "
        "\"...\", link-like rows of names) name furniture; length, stop-word density and full "
        "stops name story text. The page as a whole then decides the rest: the story runs "
        "from the headline to its last sentence, lists under a list heading are teasers, "
        "everything after the first furniture past the story's end is the page end, and "
        "ambiguous blocks follow their neighbours. Reports the furniture ratio by characters "
        "and by blocks, and how many blocks each reason decided.",
    .attributes = bp_attributes,
    .results = bp_results,
    .options = bp_options,
    .create = bp_create,
    .process = bp_process,
    .destroy = bp_destroy,
};

GALLEY_PLUGIN_DEFINE(bp_plugin)
