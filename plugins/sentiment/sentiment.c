/*
 * sentiment.c -- the sentiment and tone plugin: polarity per sentence, block
 * and document, tone dimensions, narration scored apart from quoted speech,
 * and a loaded-language check on the reporter's own words.
 *
 * The work is split: lexicon.c loads the data files into one term table,
 * score.c scores a sentence, features.c sums a block's sentences into the
 * features the decision layer reads, model.c loads that layer and applies
 * it, and this file aggregates blocks and the document and writes what the
 * report shows.  trainer.c and regression.c are the train entry.
 *
 * A block's polarity comes from the decision layer (mode model) or from its
 * rule score against two thresholds (mode thresholds); both read the block
 * in the context of its story, in a second pass over the blocks.
 *
 * Blocks and documents take the mean of their sentence scores, not a sum, so
 * a long article does not drift towards -1 or +1 because it has many
 * sentences; the spread (standard deviation) says how much the sentences
 * disagree.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <galley/plugin.h>

#include "sentiment.h"

/*
 * The valence a word with a tone but no lexicon valence gets per unit of tone
 * weight: "sirens" (fear 0.75) counts -0.75.  Tone words are context signals,
 * so they count for less than the lexicon's judgements.
 */
#define SEN_TONE_VALENCE 1.0
/* A tone label needs at least this much summed weight (one clear signal word). */
#define SEN_TONE_MIN_WEIGHT 0.5

typedef struct sentiment {
    sen_table *table;
    sen_params params;
    double positive_threshold, negative_threshold;
    double loaded_threshold;
    double tone_threshold, document_tone_threshold;
    double story_weight, neighbour_weight;
    int sentences;
    int use_model; /* mode "model": polarity from the decision layer */
    double story_context, neighbour_context, neutral_bias;
    sen_model model;
} sentiment;

/* ---- create and destroy --------------------------------------------------- */

static int parse_format(const char *name, int *format)
{
    static const struct {
        const char *name;
        int format;
    } formats[] = {
        {"galley", SEN_FORMAT_GALLEY}, {"vader", SEN_FORMAT_VADER}, {"afinn", SEN_FORMAT_AFINN}};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (name && strcmp(name, formats[i].name) == 0) {
            *format = formats[i].format;
            return 0;
        }
    return -1;
}

static void sentiment_destroy(void *state)
{
    sentiment *st = state;
    if (!st)
        return;
    sen_table_free(st->table);
    free(st);
}

int sen_load_data(const galley_options *options, const char *model, sen_table **table,
                  sen_params *params, galley_error *err)
{
    *table = NULL;
    int format;
    const char *format_name = galley_option_string(options, "lexicon_format");
    if (parse_format(format_name, &format) != 0)
        return galley_error_set(err, GALLEY_ECONFIG,
                                "lexicon_format must be galley, vader or afinn (it is '%s')",
                                format_name ? format_name : "");
    double scale = galley_option_number(options, "lexicon_scale");
    if (!(scale >= 0 && scale <= 10))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "lexicon_scale must be in [0, 10], 0 meaning automatic (it is %g)",
                                scale);
    if (scale == 0)
        scale = format == SEN_FORMAT_AFINN ? 0.8 : 1.0;
    double scope = galley_option_number(options, "negation_scope");
    if (!(scope >= 0 && scope <= 10) || scope != floor(scope))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "negation_scope must be a whole number of words from 0 to 10 (it "
                                "is %g)",
                                scope);
    double alpha = galley_option_number(options, "normalisation");
    if (!(alpha > 0 && alpha <= 1000))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "normalisation must be above 0 and at most 1000 (it is %g)", alpha);
    params->negation_scope = (int)scope;
    params->alpha = alpha;
    params->tone_valence = SEN_TONE_VALENCE;
    const char *lexicon = galley_option_string(options, "lexicon");
    const char *tone = galley_option_string(options, "tone_lexicon");
    const char *plain = galley_option_string(options, "plain_words");
    const char *modifiers = galley_option_string(options, "modifiers");
    sen_table *t = sen_table_new();
    if (!t)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    /* Sized once from the files' lines (about one term each), where
       doubling from a small table rehashed every term five times over. */
    size_t lines = sen_count_lines(lexicon) + sen_count_lines(tone) + sen_count_lines(plain) +
                   sen_count_lines(modifiers) + (model ? sen_count_lines(model) : 0);
    if (sen_table_reserve(t, lines) != 0) {
        sen_table_free(t);
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    /* Modifiers go in last: a word listed there is a modifier whatever the
       lexicon says, and the loaders keep both facts on one entry. */
    int rc = sen_table_load_lexicon(t, lexicon, format, scale, err);
    if (rc == GALLEY_OK)
        rc = sen_table_load_tone(t, tone, err);
    if (rc == GALLEY_OK)
        rc = sen_table_load_plain(t, plain, err);
    if (rc == GALLEY_OK)
        rc = sen_table_load_modifiers(t, modifiers, err);
    if (rc != GALLEY_OK) {
        sen_table_free(t);
        return rc;
    }
    *table = t;
    return GALLEY_OK;
}

static int sentiment_create(const galley_host *host, const galley_options *options, void **state,
                            galley_error *err)
{
    (void)host;
    double positive = galley_option_number(options, "positive_threshold");
    double negative = galley_option_number(options, "negative_threshold");
    if (!(positive >= 0 && positive < 1) || !(negative <= 0 && negative > -1))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "positive_threshold must be in [0, 1) and negative_threshold in "
                                "(-1, 0] (they are %g and %g)",
                                positive, negative);
    const char *mode = galley_option_string(options, "mode");
    int use_model = mode && strcmp(mode, "model") == 0;
    if (!use_model && !(mode && strcmp(mode, "thresholds") == 0))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "mode must be model or thresholds (it is '%s')", mode ? mode : "");
    double loaded = galley_option_number(options, "loaded_threshold");
    if (!(loaded > 0 && loaded <= 5))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "loaded_threshold must be in (0, 5] (it is %g); 5 turns the check "
                                "off",
                                loaded);
    double tone = galley_option_number(options, "tone_threshold");
    double doc_tone = galley_option_number(options, "document_tone_threshold");
    if (!(tone >= 0 && tone <= 100) || !(doc_tone >= 0 && doc_tone <= 100))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "tone_threshold and document_tone_threshold must be in [0, 100] "
                                "(they are %g and %g)",
                                tone, doc_tone);

    double story_context = galley_option_number(options, "story_context");
    double neighbour_context = galley_option_number(options, "neighbour_context");
    double neutral_bias = galley_option_number(options, "neutral_bias");
    if (!(story_context >= 0 && story_context <= 3) ||
        !(neighbour_context >= 0 && neighbour_context <= 1) ||
        !(neutral_bias >= -5 && neutral_bias <= 5))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "story_context must be in [0, 3], neighbour_context in [0, 1] and "
                                "neutral_bias in [-5, 5] (they are %g, %g and %g)",
                                story_context, neighbour_context, neutral_bias);
    double story_weight = galley_option_number(options, "story_weight");
    double neighbour_weight = galley_option_number(options, "neighbour_weight");
    if (!(story_weight >= 0 && story_weight <= 3) ||
        !(neighbour_weight >= 0 && neighbour_weight <= 1))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "story_weight must be in [0, 3] and neighbour_weight in [0, 1] "
                                "(they are %g and %g)",
                                story_weight, neighbour_weight);

    sentiment *st = calloc(1, sizeof *st);
    if (!st)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    st->positive_threshold = positive;
    st->negative_threshold = negative;
    st->loaded_threshold = loaded;
    st->tone_threshold = tone;
    st->document_tone_threshold = doc_tone;
    st->sentences = galley_option_bool(options, "sentences");
    st->story_weight = story_weight;
    st->neighbour_weight = neighbour_weight;
    st->use_model = use_model;
    st->story_context = story_context;
    st->neighbour_context = neighbour_context;
    st->neutral_bias = neutral_bias;

    const char *model = st->use_model ? galley_option_string(options, "model") : NULL;
    int rc = sen_load_data(options, model, &st->table, &st->params, err);
    if (rc == GALLEY_OK && st->use_model)
        rc = sen_model_load(&st->model, st->table, model, err);
    if (rc == GALLEY_OK && sen_table_finish(st->table) != 0)
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    if (rc != GALLEY_OK) {
        sentiment_destroy(st);
        return rc;
    }
    *state = st;
    return GALLEY_OK;
}

/* ---- aggregation -------------------------------------------------------------- */

/* A weighted mean and standard deviation, kept as running sums. */
typedef struct running {
    double weight, sum, squares;
    size_t count;
} running;

static void running_add(running *r, double x, double w)
{
    r->weight += w;
    r->sum += w * x;
    r->squares += w * x * x;
    r->count++;
}

static double running_mean(const running *r)
{
    return r->weight > 0 ? r->sum / r->weight : 0.0;
}

static double running_spread(const running *r)
{
    if (r->weight <= 0)
        return 0.0;
    double m = r->sum / r->weight, v = r->squares / r->weight - m * m;
    return v > 0 ? sqrt(v) : 0.0;
}

static int polarity_of(const sentiment *st, double score)
{
    return score >= st->positive_threshold && score > 0   ? SEN_POSITIVE
           : score <= st->negative_threshold && score < 0 ? SEN_NEGATIVE
                                                          : SEN_NEUTRAL;
}

/* The dominant tone of a stretch of text, or "neutral" when none stands out. */
static const char *dominant_tone(const double *sum, size_t words, double threshold)
{
    int best = -1;
    double top = 0;
    for (int d = 0; d < SEN_DIMENSIONS; d++)
        if (sum[d] > top) {
            top = sum[d];
            best = d;
        }
    if (best < 0 || words == 0 || top < SEN_TONE_MIN_WEIGHT ||
        100.0 * top / (double)words < threshold)
        return "neutral";
    return sen_dimension_labels[best];
}

/* Everything process() accumulates over the document. */
typedef struct doc_totals {
    running all, narration, quoted;
    size_t block_counts[3], sentence_counts[3];
    double tone[SEN_DIMENSIONS];
    size_t words, blocks, loaded;
    double probabilities[SEN_LABELS]; /* summed over blocks, in model mode */
    json_t *sentence_list;            /* NULL unless the sentences option is on */
} doc_totals;

/* Reports an item as loaded language when it is one; *reported says whether. */
static int report_loaded(const sentiment *st, galley_doc *doc, const sen_item *it, int *reported)
{
    const sen_entry *e = it->entry;
    double v = it->valence;
    *reported = 0;
    /* The entry is read only for a strong word: most items are not one. */
    if (it->quoted || fabs(v) < st->loaded_threshold || (e->flags & SEN_PLAIN))
        return GALLEY_OK;
    *reported = 1;
    return galley_doc_add_finding(
        doc, "loaded-language", GALLEY_WARNING, it->start, it->end,
        "'%s' is a strongly %s word (valence %+.1f of 4) in the reporter's own narration, outside "
        "any quotation; a neutral report attributes such a judgement to a source or uses a "
        "plainer word",
        sen_table_term(st->table, e), v < 0 ? "negative" : "positive", v);
}

static int add_sentence_json(json_t *list, const galley_sentence *s, double score,
                             const sen_sentence_score *sc, const sentiment *st)
{
    json_t *o =
        json_pack("{s:I, s:I, s:I, s:f, s:s, s:I}", "block", (json_int_t)s->block, "start",
                  (json_int_t)s->start, "end", (json_int_t)s->end, "score", score, "polarity",
                  sen_label_names[polarity_of(st, score)], "terms", (json_int_t)sc->valenced);
    return o && json_array_append_new(list, o) == 0 ? 0 : -1;
}

/* What the first pass keeps of each block for the second. */
typedef struct block_score {
    size_t index;              /* the block's index in the document */
    double own;                /* its own score, before the story's context */
    double logits[SEN_LABELS]; /* the decision layer's, in model mode */
} block_score;

static int score_block(const sentiment *st, galley_doc *doc, size_t b, int first,
                       sen_scratch *scratch, doc_totals *totals, block_score *out,
                       galley_error *err)
{
    const galley_block *block = &galley_doc_blocks(doc)[b];
    const galley_sentence *sentences = galley_doc_sentences(doc);
    sen_block_stats stats;
    sen_block_init(&stats);
    sen_scratch_next_block(scratch);
    stats.first = first;

    for (size_t s = block->first_sentence; s < block->first_sentence + block->sentence_count; s++) {
        sen_sentence_score sc;
        if (sen_score_sentence(st->table, &st->params, doc, s, scratch, &sc) != GALLEY_OK)
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        if (sc.words == 0)
            continue; /* a line of punctuation is not a sentence to average */
        sen_block_add(&stats, &sc);
        totals->sentence_counts[polarity_of(st, sc.score)]++;
        if (sc.has_narration)
            running_add(&totals->narration, sc.narration, 1);
        if (sc.has_quoted)
            running_add(&totals->quoted, sc.quoted, 1);
        for (size_t k = 0; k < sc.item_count; k++) {
            int reported;
            int rc = report_loaded(st, doc, &scratch->items[k], &reported);
            if (rc != GALLEY_OK)
                return galley_error_set(err, rc, "cannot add a loaded-language finding");
            totals->loaded += (size_t)reported;
        }
        if (totals->sentence_list &&
            add_sentence_json(totals->sentence_list, &sentences[s], sc.score, &sc, st) != 0)
            return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    sen_block_finish(&stats);

    /* The document's mean and spread are over sentences, with the weights
       the blocks gave them. */
    totals->all.weight += stats.weight;
    totals->all.sum += stats.sum;
    totals->all.squares += stats.squares;
    totals->all.count += stats.sentences;
    out->index = b;
    out->own = sen_block_score(&stats);
    if (st->use_model) {
        float features[SEN_FEATURE_LANES];
        sen_block_features(&stats, features);
        sen_model_logits(&st->model, features, out->logits);
    }
    totals->blocks++;
    totals->words += stats.words;
    for (int d = 0; d < SEN_DIMENSIONS; d++)
        totals->tone[d] += stats.tone[d];
    if (galley_doc_set_string(doc, b, "tone",
                              dominant_tone(stats.tone, stats.words, st->tone_threshold)) !=
        GALLEY_OK)
        return galley_error_set(err, GALLEY_EPLUGIN, "cannot set the block attributes");
    return GALLEY_OK;
}

/*
 * Thresholds mode.  Reads every block in the context of its story: a
 * paragraph's own score is moved by story_weight times the mean of all
 * blocks in scope and by neighbour_weight times the mean of the blocks
 * either side.  A plain factual paragraph in a grim report reads grim, and
 * one short quote between two joyful paragraphs is read with them, as a
 * reader reads them.
 */
static int set_threshold_polarities(const sentiment *st, galley_doc *doc, const block_score *blocks,
                                    size_t n, doc_totals *totals, galley_error *err)
{
    double story = 0;
    for (size_t k = 0; k < n; k++)
        story += blocks[k].own;
    story = n ? story / (double)n : 0.0;
    for (size_t k = 0; k < n; k++) {
        double near = 0;
        int count = 0;
        if (k > 0) {
            near += blocks[k - 1].own;
            count++;
        }
        if (k + 1 < n) {
            near += blocks[k + 1].own;
            count++;
        }
        double score = blocks[k].own + st->story_weight * story +
                       (count ? st->neighbour_weight * near / count : 0.0);
        score = score < -1 ? -1 : score > 1 ? 1 : score;
        int pol = polarity_of(st, score);
        totals->block_counts[pol]++;
        if (galley_doc_set_number(doc, blocks[k].index, "sentiment", score) != GALLEY_OK ||
            galley_doc_set_string(doc, blocks[k].index, "polarity", sen_label_names[pol]) !=
                GALLEY_OK)
            return galley_error_set(err, GALLEY_EPLUGIN, "cannot set the block attributes");
    }
    return GALLEY_OK;
}

/*
 * Model mode: the decision layer's label for every block, read in the
 * context of its story.  A block's log-probabilities are moved by
 * story_context times the mean log-probabilities of all blocks in scope and
 * by neighbour_context times those of the blocks either side, and the
 * neutral one by neutral_bias; the probabilities are the softmax of the
 * result.  Logits stand in for log-probabilities here: the two differ by a
 * number per block that is the same for every label, and so are means of
 * them, which the softmax cancels.  The block's score is p(positive) -
 * p(negative), which has the sign of the label whenever the label is not
 * neutral.
 */
static int set_model_polarities(const sentiment *st, galley_doc *doc, const block_score *blocks,
                                size_t n, doc_totals *totals, galley_error *err)
{
    double story[SEN_LABELS] = {0};
    for (size_t k = 0; k < n; k++)
        for (int l = 0; l < SEN_LABELS; l++)
            story[l] += blocks[k].logits[l];
    for (int l = 0; n > 0 && l < SEN_LABELS; l++)
        story[l] *= st->story_context / (double)n;
    for (size_t k = 0; k < n; k++) {
        double z[SEN_LABELS], p[SEN_LABELS];
        for (int l = 0; l < SEN_LABELS; l++) {
            double near = 0;
            int count = 0;
            if (k > 0) {
                near += blocks[k - 1].logits[l];
                count++;
            }
            if (k + 1 < n) {
                near += blocks[k + 1].logits[l];
                count++;
            }
            z[l] = blocks[k].logits[l] + story[l] +
                   (count ? st->neighbour_context * near / count : 0.0) +
                   (l == SEN_NEUTRAL ? st->neutral_bias : 0.0);
        }
        sen_softmax(z, p);
        int best = SEN_NEUTRAL;
        for (int l = 0; l < SEN_LABELS; l++) {
            if (p[l] > p[best])
                best = l;
            totals->probabilities[l] += p[l];
        }
        totals->block_counts[best]++;
        if (galley_doc_set_number(doc, blocks[k].index, "sentiment",
                                  p[SEN_POSITIVE] - p[SEN_NEGATIVE]) != GALLEY_OK ||
            galley_doc_set_string(doc, blocks[k].index, "polarity", sen_label_names[best]) !=
                GALLEY_OK)
            return galley_error_set(err, GALLEY_EPLUGIN, "cannot set the block attributes");
    }
    return GALLEY_OK;
}

/*
 * Sets a member; the value is taken (and freed on failure), as jansson does.
 * Every key this file sets is an ASCII name of its own, so the result is
 * built with the _nocheck setters, which skip the UTF-8 check of the key:
 * a document's result is built once per document, and the check was a fair
 * share of the cost of a short one.
 */
static int put(json_t *object, const char *key, json_t *value)
{
    return value ? json_object_set_new_nocheck(object, key, value) : -1;
}

static json_t *part_json(const sentiment *st, const running *r)
{
    double score = running_mean(r);
    json_t *o = json_object();
    if (!o)
        return NULL;
    if (put(o, "score", json_real(score)) |
        put(o, "polarity", json_string(sen_label_names[polarity_of(st, score)])) |
        put(o, "sentences", json_integer((json_int_t)r->count))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *counts_json(const size_t *c)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    if (put(o, "negative", json_integer((json_int_t)c[SEN_NEGATIVE])) |
        put(o, "neutral", json_integer((json_int_t)c[SEN_NEUTRAL])) |
        put(o, "positive", json_integer((json_int_t)c[SEN_POSITIVE]))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static int sentiment_process(const void *state, galley_doc *doc, galley_error *err)
{
    const sentiment *st = state;
    doc_totals totals;
    memset(&totals, 0, sizeof totals);
    sen_scratch scratch;
    memset(&scratch, 0, sizeof scratch);
    if (st->sentences && !(totals.sentence_list = json_array()))
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");

    /* Two passes: every block's own score first, then the polarities,
       which in thresholds mode read each block with its neighbours and its
       story. */
    size_t scope = galley_doc_scope_count(doc), n = 0;
    block_score *blocks = malloc((scope ? scope : 1) * sizeof *blocks);
    if (!blocks) {
        json_decref(totals.sentence_list);
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    int rc = GALLEY_OK;
    for (size_t b = 0; b < galley_doc_block_count(doc) && rc == GALLEY_OK; b++) {
        if (!galley_doc_in_scope(doc, b) || n == scope)
            continue;
        /* The first block of a story of two or more: its headline, as a rule. */
        rc = score_block(st, doc, b, n == 0 && scope > 1, &scratch, &totals, &blocks[n], err);
        n++;
    }
    if (rc == GALLEY_OK)
        rc = st->use_model ? set_model_polarities(st, doc, blocks, n, &totals, err)
                           : set_threshold_polarities(st, doc, blocks, n, &totals, err);
    free(blocks);
    sen_scratch_free(&scratch);
    if (rc != GALLEY_OK) {
        json_decref(totals.sentence_list);
        return rc;
    }

    double rule_score = running_mean(&totals.all), score = rule_score;
    json_t *tone = json_object();
    for (int d = 0; tone && d < SEN_DIMENSIONS; d++) {
        double per100 = totals.words ? 100.0 * totals.tone[d] / (double)totals.words : 0.0;
        if (json_object_set_new_nocheck(tone, sen_dimension_names[d], json_real(per100)) != 0) {
            json_decref(tone);
            tone = NULL;
        }
    }
    json_t *result = galley_doc_result(doc);
    json_t *counts = json_object();
    if (counts) {
        json_t *block_counts = counts_json(totals.block_counts);
        json_t *sents = counts_json(totals.sentence_counts);
        if (json_object_set_new_nocheck(counts, "blocks", block_counts) |
            json_object_set_new_nocheck(counts, "sentences", sents)) {
            json_decref(counts);
            counts = NULL;
        }
    }
    /* Every member is set even after a failure, because json_object_set_new
       takes its value in either case and nothing may leak. */
    int bad = !tone || !counts;
    const char *polarity = sen_label_names[polarity_of(st, score)];
    if (st->use_model) {
        /* The document's probabilities are its blocks' means; with no block
           in scope there is nothing to lean on and it is neutral.  Its score
           is then p(positive) - p(negative), as a block's is, so that the
           score and the polarity an editor reads side by side agree. */
        double p[SEN_LABELS] = {0, 1, 0};
        int best = SEN_NEUTRAL;
        for (int l = 0; totals.blocks > 0 && l < SEN_LABELS; l++)
            p[l] = totals.probabilities[l] / (double)totals.blocks;
        for (int l = 0; l < SEN_LABELS; l++)
            if (p[l] > p[best])
                best = l;
        polarity = sen_label_names[best];
        score = p[SEN_POSITIVE] - p[SEN_NEGATIVE];
        json_t *probabilities = json_object();
        for (int l = 0; probabilities && l < SEN_LABELS; l++)
            if (json_object_set_new_nocheck(probabilities, sen_label_names[l], json_real(p[l])) !=
                0) {
                json_decref(probabilities);
                probabilities = NULL;
            }
        bad |= !probabilities;
        bad |= json_object_set_new_nocheck(result, "probabilities", probabilities);
    }
    bad |= json_object_set_new_nocheck(result, "score", json_real(score));
    bad |= json_object_set_new_nocheck(result, "rule_score", json_real(rule_score));
    bad |= json_object_set_new_nocheck(result, "polarity", json_string(polarity));
    bad |= json_object_set_new_nocheck(result, "spread", json_real(running_spread(&totals.all)));
    bad |= json_object_set_new_nocheck(result, "narration", part_json(st, &totals.narration));
    bad |= json_object_set_new_nocheck(result, "quoted", part_json(st, &totals.quoted));
    bad |= json_object_set_new_nocheck(result, "tone", tone);
    bad |= json_object_set_new_nocheck(
        result, "tone_label",
        json_string(dominant_tone(totals.tone, totals.words, st->document_tone_threshold)));
    bad |= json_object_set_new_nocheck(result, "counts", counts);
    bad |= json_object_set_new_nocheck(result, "blocks", json_integer((json_int_t)totals.blocks));
    bad |= json_object_set_new_nocheck(result, "sentences",
                                       json_integer((json_int_t)totals.all.count));
    bad |= json_object_set_new_nocheck(result, "loaded_words",
                                       json_integer((json_int_t)totals.loaded));
    if (totals.sentence_list)
        bad |= json_object_set_new_nocheck(result, "sentence_scores", totals.sentence_list);
    if (bad)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    return GALLEY_OK;
}

/* ---- the descriptor ------------------------------------------------------------ */

static const galley_field sentiment_attributes[] = {
    {"sentiment", GALLEY_TYPE_NUMBER,
     "the block's score in [-1, 1]. In mode model: p(positive) - p(negative) from the decision "
     "layer, which has the sign of the polarity whenever that is not neutral. In mode "
     "thresholds: the mean of its sentence scores (a sentence opening with 'But' or 'However' "
     "counts more, the one before it less), read in the context of its story (story_weight, "
     "neighbour_weight)"},
    {"polarity", GALLEY_TYPE_STRING,
     "negative, neutral or positive. In mode model: the decision layer's most probable label; in "
     "mode thresholds: the score against negative_threshold and positive_threshold"},
    {"tone", GALLEY_TYPE_STRING,
     "the block's dominant tone: angry, anxious, grim, hopeful, celebratory, ironic, weary, or "
     "neutral when no dimension reaches tone_threshold"},
    {NULL, 0, NULL}};

static const galley_field sentiment_results[] = {
    {"score", GALLEY_TYPE_NUMBER,
     "the document's score in [-1, 1]: in mode model p(positive) - p(negative) of its "
     "probabilities, in mode thresholds rule_score"},
    {"rule_score", GALLEY_TYPE_NUMBER,
     "the rules' score in [-1, 1]: the mean of all its sentence scores"},
    {"polarity", GALLEY_TYPE_STRING,
     "negative, neutral or positive: in mode model the label with the highest mean probability "
     "(probabilities), in mode thresholds from score"},
    {"probabilities", GALLEY_TYPE_OBJECT,
     "mode model only: {negative, neutral, positive}, the mean of the blocks' probabilities "
     "(neutral 1 when no block is in scope)"},
    {"spread", GALLEY_TYPE_NUMBER,
     "standard deviation of the sentence scores: high when the article swings between feelings"},
    {"narration", GALLEY_TYPE_OBJECT,
     "{score, polarity, sentences}: the reporter's own words only (outside quotation marks), "
     "averaged over the sentences that have some"},
    {"quoted", GALLEY_TYPE_OBJECT,
     "{score, polarity, sentences}: quoted speech only, averaged over the sentences that have "
     "some"},
    {"tone", GALLEY_TYPE_OBJECT,
     "{anger, fear, sadness, hope, joy, irony, fatigue}: tone weight per 100 words"},
    {"tone_label", GALLEY_TYPE_STRING,
     "the document's dominant tone, as for the block attribute but against "
     "document_tone_threshold"},
    {"counts", GALLEY_TYPE_OBJECT,
     "{blocks: {negative, neutral, positive}, sentences: {...}}: how many of each polarity"},
    {"blocks", GALLEY_TYPE_NUMBER, "blocks scored (those in scope)"},
    {"sentences", GALLEY_TYPE_NUMBER, "sentences scored"},
    {"loaded_words", GALLEY_TYPE_NUMBER, "loaded-language findings in the document"},
    {"sentence_scores", GALLEY_TYPE_ARRAY,
     "with the sentences option: [{block, start, end, score, polarity, terms}] per sentence"},
    {NULL, 0, NULL}};

static const galley_option sentiment_options[] = {
    {"mode", GALLEY_TYPE_STRING, "model",
     "how a block's polarity is decided: model (the trained decision layer reads the block's "
     "rule features and gives each label a probability) or thresholds (the rule score, read in "
     "its story's context, against positive_threshold and negative_threshold: the behaviour "
     "before the decision layer existed)"},
    {"model", GALLEY_TYPE_PATH, "polarity-model.txt",
     "the decision layer for mode model: a plain-text file written by `galley train sentiment "
     "DIR -o MODEL` (format in the plugin's README). It is trained with the data files and "
     "scorer options in force when training, so retrain after changing them. Not read in mode "
     "thresholds"},
    {"lexicon", GALLEY_TYPE_PATH, "lexicon.tsv",
     "the valence lexicon: one TERM<TAB>VALENCE per line; multi-word terms win over their words. "
     "The default is galley's news lexicon (about 5,600 terms). A newsroom can use its own list, "
     "or "
     "VADER's vader_lexicon.txt or an AFINN file with lexicon_format"},
    {"lexicon_format", GALLEY_TYPE_STRING, "galley",
     "how to read the lexicon: galley (VALENCE in [-4, 4]), vader (word, mean in [-4, 4], then "
     "standard deviation and ratings, which are ignored) or afinn (a whole number in [-5, 5])"},
    {"lexicon_scale", GALLEY_TYPE_NUMBER, "0",
     "multiplies every valence read from the lexicon, so a list on another scale fits [-4, 4]; "
     "0 means automatic: 1 for galley and vader, 0.8 for afinn. A value that ends up outside "
     "[-4, 4] is an error"},
    {"tone_lexicon", GALLEY_TYPE_PATH, "tone.tsv",
     "the tone lexicon: TERM<TAB>DIMENSION<TAB>WEIGHT with dimensions anger, fear, sadness, hope, "
     "joy, irony, fatigue and weights in (0, 1]"},
    {"modifiers", GALLEY_TYPE_PATH, "modifiers.tsv",
     "negators, boosters, dampeners, contrast and concession words, hedges, sarcasm markers and "
     "fixed phrases with their weights: TERM<TAB>KIND<TAB>WEIGHT (the file's header explains "
     "each kind)"},
    {"plain_words", GALLEY_TYPE_PATH, "plain-words.txt",
     "words with strong valence that are the plain vocabulary of reporting (killed, injured, "
     "destroyed); they count for sentiment but are never flagged as loaded language"},
    {"positive_threshold", GALLEY_TYPE_NUMBER, "0.1",
     "a sentence, the narration, the quoted speech or (in mode thresholds) a block or document "
     "scoring at least this (in [0, 1)) is positive; raise it to call fewer of them positive"},
    {"negative_threshold", GALLEY_TYPE_NUMBER, "-0.2",
     "a score at or below this (in (-1, 0]) is negative, for the same things; lower it "
     "(towards -1) to call fewer of them negative"},
    {"negation_scope", GALLEY_TYPE_NUMBER, "3",
     "how many words after a negator ('not', 'never', 'no', any word ending in n't) it reverses, "
     "0 to 10; punctuation, contrast words and words that open a clause ('that', 'because') end "
     "the scope sooner"},
    {"normalisation", GALLEY_TYPE_NUMBER, "15",
     "alpha in score = sum / sqrt(sum^2 + alpha), which maps a sentence's summed valence to "
     "[-1, 1]; larger values keep scores nearer 0 (VADER uses 15)"},
    {"loaded_threshold", GALLEY_TYPE_NUMBER, "2.5",
     "a word of the reporter's own narration whose lexicon valence is at least this in absolute "
     "value is reported as loaded language; in (0, 5]: 2.5 is where the lexicon's 'strong' band "
     "starts (brutal, superb), 3.5 keeps only the extreme (atrocity, masterpiece), 5 turns the "
     "check off"},
    {"tone_threshold", GALLEY_TYPE_NUMBER, "1",
     "tone weight per 100 words that a dimension needs to label a block (and at least 0.5 in "
     "total); below it the block's tone is neutral. 0 to 100"},
    {"document_tone_threshold", GALLEY_TYPE_NUMBER, "0.4",
     "the same for the document's tone_label; lower than tone_threshold because a whole article "
     "mixes toned and plain paragraphs. 0 to 100"},
    {"story_context", GALLEY_TYPE_NUMBER, "0",
     "mode model: how much a block's label leans on its story. The mean log-probabilities of "
     "all blocks in scope, times this (0 to 3), are added to the block's own before the "
     "label is chosen; 0 reads every block alone"},
    {"neighbour_context", GALLEY_TYPE_NUMBER, "0.1",
     "mode model: likewise for the mean log-probabilities of the blocks just before and after "
     "(0 to 1)"},
    {"neutral_bias", GALLEY_TYPE_NUMBER, "0",
     "mode model: added to every block's neutral log-probability, -5 to 5. The shipped model "
     "learns how often news pages state plain facts from the corpus's labelled blocks, so the "
     "default adds little; raise it to call fewer blocks negative or positive, for instance "
     "with a model trained on balanced paragraphs alone"},
    {"story_weight", GALLEY_TYPE_NUMBER, "1",
     "mode thresholds: how much a block's polarity leans on its story: the mean score of all "
     "blocks in scope, times this (0 to 3), is added to the block's own score before the "
     "thresholds; 0 reads every block alone"},
    {"neighbour_weight", GALLEY_TYPE_NUMBER, "0.2",
     "mode thresholds: likewise for the mean of the blocks just before and after (0 to 1)"},
    {"sentences", GALLEY_TYPE_BOOL, "false",
     "also list every sentence's score in the result (sentence_scores); off by default because "
     "it makes reports long"},
    {"l2", GALLEY_TYPE_NUMBER, "0.005",
     "training only: the L2 penalty of the logistic regression, above 0 and at most 100; larger "
     "values give smaller weights and softer probabilities"},
    {"features", GALLEY_TYPE_STRING, "all",
     "training only: the block features the model uses, 'all' or names separated by commas "
     "(score, positive, negative, narration, quoted_share, tone_negative, tone_positive, "
     "negations, contrasts, numbers, attributions, lexical_negative, lexical_positive, "
     "unterminated, questions, first_block); leaving out both lexical ones leaves out the word "
     "list"},
    {"lexical_min_count", GALLEY_TYPE_NUMBER, "2",
     "training only, 1 to 1000: a word enters the lexical component when the training set has "
     "it at least this often"},
    {"lexical_min_odds", GALLEY_TYPE_NUMBER, "0.15",
     "training only, 0 to 10: ... and when its log-odds, negative or positive against neutral, "
     "reach this in absolute value; words that tell the labels apart less are left out, which "
     "keeps the model small and the scorer fast"},
    {"lexical_smoothing", GALLEY_TYPE_NUMBER, "2",
     "training only, above 0 and at most 100: the count naive Bayes adds to every word under "
     "every label; larger values pull the log-odds of rare words towards 0"},
    {"word_l2", GALLEY_TYPE_NUMBER, "0.0003",
     "training only, 0 to 10: the L2 penalty of the word regression (a logistic regression over "
     "a block's words and its two naive Bayes sums) whose log-odds become the lexical features; "
     "0 leaves it out and the lexical features are naive Bayes' alone"},
    {"word_min_count", GALLEY_TYPE_NUMBER, "5",
     "training only, 1 to 1000: a word enters the word regression when at least this many "
     "training paragraphs have it"},
    {NULL, 0, NULL, NULL}};

static const char *const sentiment_rules[] = {
    "loaded-language: a strongly valenced word (|valence| >= loaded_threshold) in the reporter's "
    "own narration, outside quotation marks; quoted words and plain reporting words (plain_words) "
    "never trigger it. An editor's neutrality check: attribute the judgement or choose a plainer "
    "word",
    NULL};

static const galley_plugin sentiment_plugin = {
    GALLEY_PLUGIN_HEADER,
    .name = "sentiment",
    .version = "1.1.0",
    .summary = "Sentiment and tone per sentence, block and document, narration apart from quotes",
    .license = "MIT",
    .description =
        "Scores news text with a lexicon and rules, in the manner of VADER. Every sentence gets a "
        "score in [-1, 1]: the valences of its terms (longest match first, so 'no problem' and "
        "'kill time' are read as expressions, not as a negation or a killing; a word with a tone "
        "but no valence, such as 'sirens', lends a weak one) are adjusted by negation ('not "
        "good', 'never', n't; negation_scope words, 'never been better' is a peak), boosters and "
        "dampeners ('very', 'slightly'), contrast ('but', 'however': the later part counts more; "
        "'although': the main clause counts more), words in capitals and exclamation marks "
        "(emphasis), hedges ('reportedly', 'allegedly': weaker) and sarcasm markers ('wryly', "
        "'sarcastically': praise turned), and the sum is normalised with sum / sqrt(sum^2 + "
        "normalisation). A block's own score is the mean of its sentences. Its polarity comes from "
        "a trained decision layer (mode model, the default): a multinomial logistic regression "
        "reads sixteen features of the block -- its score, its positive and negative valence, "
        "its narration score, the share of quoted words, tone, negations, contrasts, figures, "
        "verbs of reporting, the log-odds of its words learnt from labelled paragraphs, the "
        "share of its sentences without a final stop and of its questions, and whether it opens "
        "the story -- and gives each polarity a probability, read in the context of its story "
        "(story_context, neighbour_context, neutral_bias); the block's sentiment is then "
        "p(positive) - p(negative) and the result has the document's probabilities. It tells a "
        "dry report of an attack (neutral) from a grieving one, which a lexicon sum cannot. "
        "`galley train sentiment DIR -o MODEL` retrains it from DIR/negative, DIR/neutral and "
        "DIR/positive (the training-only options are marked). Mode thresholds keeps the rule "
        "score against two thresholds, read in its story (story_weight, neighbour_weight). The "
        "document's score is "
        "the mean of all its sentences, with the spread beside it, so long articles do not drift "
        "to the extremes. Words inside quotation marks are quoted speech, the rest is narration; "
        "the result scores both apart, because an editor reviews the reporter's voice, and "
        "strongly valenced narration is reported as loaded-language. Tone: every term of the tone "
        "lexicon adds its weight to its dimensions (anger, fear, sadness, hope, joy, irony, "
        "fatigue) unless it is negated ('not afraid' adds no fear); a block's tone is its "
        "strongest dimension -- angry, anxious, grim, hopeful, celebratory, ironic or weary -- "
        "when that dimension reaches tone_threshold per 100 words, otherwise neutral, and the "
        "document's tone_label is found the same way against document_tone_threshold; the result "
        "gives every dimension per 100 words. The word lists are data files beside the plugin "
        "(see the options); their headers give the formats.",
    .attributes = sentiment_attributes,
    .results = sentiment_results,
    .options = sentiment_options,
    .rules = sentiment_rules,
    .create = sentiment_create,
    .process = sentiment_process,
    .destroy = sentiment_destroy,
    .train = sen_train,
};

GALLEY_PLUGIN_DEFINE(sentiment_plugin)
