/*
 * trainer.c -- the sentiment plugin's train entry: learns the decision layer
 * that maps a block's rule features to negative, neutral or positive.
 *
 * The host hands over labelled paragraphs (DIR/negative, DIR/neutral,
 * DIR/positive), each analysed by the same text layer as an article.  Every
 * paragraph is scored by the plugin's own rules and reduced to its features
 * (features.c), so the model learns from exactly what it will see at run
 * time.  Two things are learnt:
 *
 *   - a lexical component: the log-odds of each word under naive Bayes,
 *     negative and positive against neutral, for the words that are frequent
 *     and telling enough.  It sees what the lexicon has no entry for
 *     ("figures", "waited", "queue").  For the regression its two features
 *     are computed out of fold (each paragraph's from a component that never
 *     saw it), or the regression would learn to trust words that only
 *     remember their own paragraphs.  With word_l2 above 0 a second,
 *     sparse logistic regression reads a paragraph's distinct words and its
 *     two naive Bayes features, and its log-odds, out of fold in the same
 *     way, become the two lexical features: words that carry a label
 *     together with the others, not each on its own as naive Bayes counts
 *     them (README.md, "The decision layer");
 *   - a multinomial logistic regression with an L2 penalty over the
 *     standardised features (regression.c fits it).
 *
 * Nothing is random except the fold split and the word regression's order
 * of examples, which a seeded generator makes the same on every platform;
 * sums run in a fixed order and the file is written with fixed precision,
 * so the same training set and seed give the same model, byte for byte.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sentiment.h"

/* Folds of the out-of-fold lexical features. */
#define INNER_FOLDS 5

/* ---- a dictionary of words ------------------------------------------------ */

typedef struct dict {
    char **text; /* [count] NUL-terminated, owned */
    size_t *length;
    uint64_t *hash;
    size_t count, cap;
    size_t *slots; /* open addressing: id + 1, 0 = empty */
    size_t mask;
} dict;

static void dict_free(dict *d)
{
    for (size_t i = 0; i < d->count; i++)
        free(d->text[i]);
    free(d->text);
    free(d->length);
    free(d->hash);
    free(d->slots);
    memset(d, 0, sizeof *d);
}

static uint64_t fnv1a(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    return h;
}

static int dict_grow_slots(dict *d)
{
    size_t n = d->slots ? (d->mask + 1) * 2 : 1024;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t id = 0; id < d->count; id++) {
        size_t i = (size_t)d->hash[id] & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = id + 1;
    }
    free(d->slots);
    d->slots = slots;
    d->mask = n - 1;
    return 0;
}

/* The id of a word, added when new; -1 when out of memory. */
static long dict_add(dict *d, const char *s, size_t n)
{
    uint64_t h = fnv1a(s, n);
    if (d->slots) {
        for (size_t i = (size_t)h & d->mask; d->slots[i]; i = (i + 1) & d->mask) {
            size_t id = d->slots[i] - 1;
            if (d->hash[id] == h && d->length[id] == n && memcmp(d->text[id], s, n) == 0)
                return (long)id;
        }
    }
    if ((!d->slots || (d->count + 1) * 2 > d->mask + 1) && dict_grow_slots(d) != 0)
        return -1;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 1024;
        char **text = realloc(d->text, cap * sizeof *text);
        if (text)
            d->text = text;
        size_t *length = realloc(d->length, cap * sizeof *length);
        if (length)
            d->length = length;
        uint64_t *hash = realloc(d->hash, cap * sizeof *hash);
        if (hash)
            d->hash = hash;
        if (!text || !length || !hash)
            return -1;
        d->cap = cap;
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return -1;
    memcpy(copy, s, n);
    copy[n] = '\0';
    size_t id = d->count++;
    d->text[id] = copy;
    d->length[id] = n;
    d->hash[id] = h;
    size_t i = (size_t)h & d->mask;
    while (d->slots[i])
        i = (i + 1) & d->mask;
    d->slots[i] = id + 1;
    return (long)id;
}

/* ---- the training set ------------------------------------------------------- */

typedef struct trainer {
    size_t count;
    int *label;      /* [count] sen_label */
    double *rules;   /* [count * SEN_FEATURES] features, the lexical two left at 0 */
    size_t *words;   /* [count] word tokens, for the lexical features' scale */
    dict vocabulary; /* every word of the training set */
    size_t *occ;     /* word ids of every example, one after another */
    float *occ_weight; /* each occurrence's weight in the naive Bayes negative sum */
    size_t *first;   /* [count + 1] example e's words are occ[first[e] .. first[e + 1]) */
    size_t occ_count, occ_cap;
    int used[SEN_FEATURES]; /* the features the model uses, in sen_feature order */
    size_t used_count;
    int lexical; /* a lexical feature is used */
    double l2, min_odds;
    double smoothing; /* naive Bayes' add-alpha smoothing of word counts */
    size_t min_count;
    double word_l2; /* the word regression's L2 penalty; 0: naive Bayes alone */
    size_t word_min_count;
    size_t *uniq;       /* each example's distinct word ids, sorted, one example after another */
    size_t *uniq_first; /* [count + 1] as first, over uniq (only with the word regression) */
} trainer;

static void trainer_free(trainer *t)
{
    free(t->label);
    free(t->rules);
    free(t->words);
    dict_free(&t->vocabulary);
    free(t->occ);
    free(t->occ_weight);
    free(t->first);
    free(t->uniq);
    free(t->uniq_first);
}

static int label_of(const char *name)
{
    for (int l = 0; l < SEN_LABELS; l++)
        if (strcmp(name, sen_label_names[l]) == 0)
            return l;
    return -1;
}

/* Parses the features option: "all", or names separated by commas and spaces. */
static int parse_features(trainer *t, const char *list, galley_error *err)
{
    int want[SEN_FEATURES] = {0};
    if (!list || strcmp(list, "all") == 0) {
        for (int f = 0; f < SEN_FEATURES; f++)
            want[f] = 1;
    } else {
        const char *p = list;
        while (*p) {
            size_t skip = strspn(p, ", ");
            p += skip;
            size_t n = strcspn(p, ", ");
            if (n == 0)
                break;
            int found = -1;
            for (int f = 0; f < SEN_FEATURES; f++)
                if (strlen(sen_feature_names[f]) == n && memcmp(p, sen_feature_names[f], n) == 0)
                    found = f;
            if (found < 0)
                return galley_error_set(err, GALLEY_ECONFIG,
                                        "option features: unknown feature '%.*s' (see "
                                        "`galley plugins info sentiment`)",
                                        (int)n, p);
            want[found] = 1;
            p += n;
        }
    }
    for (int f = 0; f < SEN_FEATURES; f++)
        if (want[f]) {
            t->used[t->used_count++] = f;
            t->lexical |= f == SEN_F_LEXICAL_NEGATIVE || f == SEN_F_LEXICAL_POSITIVE;
        }
    if (t->used_count == 0)
        return galley_error_set(err, GALLEY_ECONFIG, "option features names no feature");
    return GALLEY_OK;
}

static int add_occurrence(trainer *t, size_t id, float weight)
{
    if (t->occ_count == t->occ_cap) {
        size_t cap = t->occ_cap ? t->occ_cap * 2 : 65536;
        size_t *occ = realloc(t->occ, cap * sizeof *occ);
        if (!occ)
            return -1;
        t->occ = occ;
        float *w = realloc(t->occ_weight, cap * sizeof *w);
        if (!w)
            return -1;
        t->occ_weight = w;
        t->occ_cap = cap;
    }
    t->occ_weight[t->occ_count] = weight;
    t->occ[t->occ_count++] = id;
    return 0;
}

/* don't, wasn't: the rules read every word with n't as a negation. */
static int ends_in_nt(const char *s, size_t n)
{
    return n >= 3 && s[n - 1] == 't' && s[n - 2] == '\'' && s[n - 3] == 'n';
}

/*
 * Whether the lexical component may learn a word: not a negation and not a
 * word the modifiers file gives a role (negators, boosters, hedges, contrast
 * words, verbs of reporting), because the rules read those already and the
 * regression sees them through the features.
 */
static int lexical_word(const sen_table *table, const galley_token *tok)
{
    if (tok->kind != GALLEY_TOKEN_WORD || tok->fold_len == 0 || tok->fold_len >= SEN_MAX_TERM)
        return 0; /* a word too long for the table is never looked up; nor is an empty one */
    if (ends_in_nt(tok->fold, tok->fold_len))
        return 0;
    uint64_t head = sen_head(tok->fold, tok->fold_len);
    const sen_entry *e = sen_table_find(table, sen_word_hash(tok->fold, tok->fold_len, head),
                                        tok->fold, tok->fold_len);
    return !(e && (e->flags & SEN_HAS_MODIFIER));
}

/* Lists the words of tokens [from, past) for the lexical component, each with its
   sentence's weight in the naive Bayes negative sum. */
static int add_words(trainer *t, const sen_table *table, const galley_token *tokens, size_t from,
                     size_t past, float weight)
{
    for (size_t i = from; i < past; i++) {
        if (!lexical_word(table, &tokens[i]))
            continue;
        long id = dict_add(&t->vocabulary, tokens[i].fold, tokens[i].fold_len);
        if (id < 0 || add_occurrence(t, (size_t)id, weight) != 0)
            return -1;
    }
    return 0;
}

/*
 * Scores every paragraph with the rules, as the plugin scores a block, and
 * lists its words for the lexical component: every word token the scorer
 * will look up at run time, weighed as the scorer weighs its sentence (a
 * sentence of sourced figures' words count SEN_SOURCED_FIGURES_WEIGHT on the
 * negative side; words outside every sentence count whole).
 */
static int extract(trainer *t, const sen_table *table, const sen_params *params,
                   const galley_example *examples, galley_error *err)
{
    sen_scratch scratch;
    memset(&scratch, 0, sizeof scratch);
    int rc = GALLEY_OK;
    for (size_t e = 0; e < t->count && rc == GALLEY_OK; e++) {
        const galley_doc *doc = examples[e].doc;
        const galley_token *tokens = galley_doc_tokens(doc);
        const galley_sentence *sentences = galley_doc_sentences(doc);
        sen_block_stats stats;
        sen_block_init(&stats);
        t->first[e] = t->occ_count;
        size_t done = 0; /* the tokens whose words are listed */
        for (size_t s = 0; s < galley_doc_sentence_count(doc) && rc == GALLEY_OK; s++) {
            sen_sentence_score sc;
            if (sen_score_sentence(table, params, doc, s, &scratch, &sc) != GALLEY_OK) {
                rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
                break;
            }
            if (sc.words > 0)
                sen_block_add(&stats, &sc);
            float weight =
                sc.words > 0 && sen_sourced_figures(&sc) ? (float)SEN_SOURCED_FIGURES_WEIGHT : 1.0f;
            size_t first = sentences[s].first_token, past = first + sentences[s].token_count;
            if (add_words(t, table, tokens, done, first, 1.0f) != 0 ||
                add_words(t, table, tokens, first, past, weight) != 0)
                rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            done = past;
        }
        if (rc == GALLEY_OK &&
            add_words(t, table, tokens, done, galley_doc_token_count(doc), 1.0f) != 0)
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
        if (rc != GALLEY_OK)
            break;
        sen_block_finish(&stats);
        float features[SEN_FEATURE_LANES];
        sen_block_features(&stats, features);
        for (int f = 0; f < SEN_FEATURES; f++)
            t->rules[e * SEN_FEATURES + (size_t)f] = features[f];
        t->words[e] = stats.words;
    }
    if (rc == GALLEY_OK)
        t->first[t->count] = t->occ_count;
    sen_scratch_free(&scratch);
    return rc;
}

/*
 * Sets the first_block feature from the article of each example, which the
 * host gives (galley_train_params.article_of): an article's content blocks
 * come one after another, in page order, so a block opens its story when the
 * example before it is of another article and the one after it of the same (a
 * story of one block has no opening, as at run time).  A written paragraph
 * (-1) stands alone and opens nothing.
 */
static void mark_first_blocks(trainer *t, const int *article_of)
{
    for (size_t e = 0; article_of && e + 1 < t->count; e++)
        t->rules[e * SEN_FEATURES + SEN_F_FIRST_BLOCK] =
            article_of[e] >= 0 && (e == 0 || article_of[e - 1] != article_of[e]) &&
            article_of[e + 1] == article_of[e];
}

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* Lists each example's distinct words (uniq, uniq_first). */
static int list_distinct_words(trainer *t)
{
    t->uniq = malloc((t->occ_count + 1) * sizeof *t->uniq);
    t->uniq_first = malloc((t->count + 1) * sizeof *t->uniq_first);
    if (!t->uniq || !t->uniq_first)
        return -1;
    size_t at = 0;
    for (size_t e = 0; e < t->count; e++) {
        size_t start = at, n = t->first[e + 1] - t->first[e];
        memcpy(&t->uniq[start], &t->occ[t->first[e]], n * sizeof *t->uniq);
        qsort(&t->uniq[start], n, sizeof *t->uniq, size_cmp);
        t->uniq_first[e] = start;
        for (size_t k = 0; k < n; k++)
            if (at == start || t->uniq[at - 1] != t->uniq[start + k])
                t->uniq[at++] = t->uniq[start + k];
    }
    t->uniq_first[t->count] = at;
    return 0;
}

/* ---- folds -------------------------------------------------------------------- */

/* splitmix64: small and well known, so folds are the same on every platform. */
static uint64_t next_random(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/*
 * Stratified folds over the examples with in[e] set (fold_of[e] = -1 for
 * the others): each label's examples, in the host's stable order, are
 * shuffled with the seed and dealt round-robin, the deal continuing from one
 * label to the next so that fold sizes differ by at most one.
 */
static int assign_folds(const trainer *t, const unsigned char *in, int folds, uint64_t seed,
                        int *fold_of)
{
    size_t *idx = malloc((t->count + 1) * sizeof *idx);
    if (!idx)
        return -1;
    uint64_t state = seed;
    size_t dealt = 0;
    for (size_t e = 0; e < t->count; e++)
        fold_of[e] = -1;
    for (int l = 0; l < SEN_LABELS; l++) {
        size_t n = 0;
        for (size_t e = 0; e < t->count; e++)
            if (in[e] && t->label[e] == l)
                idx[n++] = e;
        for (size_t i = n; i > 1; i--) { /* Fisher-Yates */
            size_t j = (size_t)(next_random(&state) % i);
            size_t tmp = idx[i - 1];
            idx[i - 1] = idx[j];
            idx[j] = tmp;
        }
        for (size_t i = 0; i < n; i++)
            fold_of[idx[i]] = (int)(dealt++ % (size_t)folds);
    }
    free(idx);
    return 0;
}

/* ---- the lexical component ------------------------------------------------ */

/*
 * Naive Bayes over the words of the examples with in[e] set: odds[2w] and
 * odds[2w + 1] are word w's log-odds, negative and positive against
 * neutral; kept[w] says whether the word is frequent (min_count) and telling
 * (min_odds) enough to be in the model.  A word left out counts 0, as an
 * unknown word does.
 */
static int fit_lexicon(const trainer *t, const unsigned char *in, double *odds, unsigned char *kept)
{
    size_t words = t->vocabulary.count;
    double *counts = calloc(words * SEN_LABELS + 1, sizeof *counts);
    if (!counts)
        return -1;
    double totals[SEN_LABELS] = {0};
    for (size_t e = 0; e < t->count; e++) {
        if (!in[e])
            continue;
        for (size_t k = t->first[e]; k < t->first[e + 1]; k++)
            counts[t->occ[k] * SEN_LABELS + (size_t)t->label[e]] += 1;
        totals[t->label[e]] += (double)(t->first[e + 1] - t->first[e]);
    }
    double seen = 0;
    for (size_t w = 0; w < words; w++)
        seen +=
            counts[w * SEN_LABELS] + counts[w * SEN_LABELS + 1] + counts[w * SEN_LABELS + 2] > 0;
    double logp[SEN_LABELS];
    for (size_t w = 0; w < words; w++) {
        const double *c = &counts[w * SEN_LABELS];
        double total = c[0] + c[1] + c[2];
        for (int l = 0; l < SEN_LABELS; l++)
            logp[l] = log((c[l] + t->smoothing) / (totals[l] + t->smoothing * seen));
        odds[2 * w] = logp[SEN_NEGATIVE] - logp[SEN_NEUTRAL];
        odds[2 * w + 1] = logp[SEN_POSITIVE] - logp[SEN_NEUTRAL];
        kept[w] = total > 0 && total >= (double)t->min_count &&
                  (fabs(odds[2 * w]) >= t->min_odds || fabs(odds[2 * w + 1]) >= t->min_odds);
    }
    free(counts);
    return 0;
}

/*
 * Fills example e's lexical features into x (SEN_FEATURES values) from a
 * component: odds summed over its words, and distinct (NULL for none)
 * summed over its distinct words, as the scorer sums them at run time.
 */
static void lexical_features(const trainer *t, size_t e, const double *odds,
                             const unsigned char *kept, const double *distinct, double *x)
{
    sen_block_stats stats;
    sen_block_init(&stats);
    for (size_t k = t->first[e]; k < t->first[e + 1]; k++) {
        size_t w = t->occ[k];
        if (kept[w]) {
            stats.lexical[0] += t->occ_weight[k] * odds[2 * w];
            stats.lexical[1] += odds[2 * w + 1];
        }
    }
    /* distinct comes with the word regression, which lists the distinct words */
    for (size_t u = distinct ? t->uniq_first[e] : 0, past = distinct ? t->uniq_first[e + 1] : 0;
         u < past; u++) {
        size_t w = t->uniq[u];
        if (kept[w]) {
            stats.distinct[0] += distinct[2 * w];
            stats.distinct[1] += distinct[2 * w + 1];
        }
    }
    stats.words = t->words[e];
    float full[SEN_FEATURE_LANES];
    sen_block_features(&stats, full); /* the same scaling as at run time */
    x[SEN_F_LEXICAL_NEGATIVE] = full[SEN_F_LEXICAL_NEGATIVE];
    x[SEN_F_LEXICAL_POSITIVE] = full[SEN_F_LEXICAL_POSITIVE];
}

/* ---- the word regression ------------------------------------------------- */

/* Stochastic gradient descent of the word regression: passes over the
   examples, each in a seeded order, and the first step's size, which falls
   as 1 / (1 + word_l2 * WORD_ETA * step). */
#define WORD_EPOCHS 10
#define WORD_ETA 0.5

/*
 * What fit_words learns: per word, its weight towards negative and towards
 * positive against neutral when a block has it (w[2w], w[2w + 1]), and the
 * weights of the two naive Bayes features in those two log-odds
 * (coef[0] for negative, coef[1] for positive; their intercept is left
 * out, as the regression's standardisation absorbs it).
 */
typedef struct word_model {
    double *w; /* [2 * vocabulary] */
    double coef[2][2];
} word_model;

/*
 * A multinomial logistic regression over the examples with in[e] set: its
 * inputs are each distinct word of the example (the words at least
 * word_min_count of those examples have), worth 1 / sqrt(the example's
 * word count) however often it comes, as the naive Bayes sums are scaled,
 * and its two naive Bayes features nb[2e], nb[2e + 1], standardised; L2
 * penalty word_l2 on every weight but the biases.  Stochastic gradient descent over a seeded
 * shuffle for a fixed number of epochs, with the word weights held as v * scale so that the
 * penalty's decay costs one multiplication per step: the same examples, nb values and seed give the
 * same weights.
 */
static int fit_words(const trainer *t, const unsigned char *in, const double *nb, uint64_t seed,
                     word_model *wm)
{
    size_t words = t->vocabulary.count, n = 0;
    double l2 = t->word_l2;
    size_t *df = calloc(words + 1, sizeof *df), *order = malloc((t->count + 1) * sizeof *order);
    double *v = calloc(SEN_LABELS * words + 1, sizeof *v);
    if (!df || !order || !v) {
        free(df);
        free(order);
        free(v);
        return -1;
    }
    double mean[2] = {0, 0}, sd[2] = {0, 0};
    for (size_t e = 0; e < t->count; e++) {
        if (!in[e])
            continue;
        order[n++] = e;
        for (size_t u = t->uniq_first[e]; u < t->uniq_first[e + 1]; u++)
            df[t->uniq[u]]++;
        mean[0] += nb[2 * e];
        mean[1] += nb[2 * e + 1];
    }
    for (int k = 0; k < 2; k++)
        mean[k] = n ? mean[k] / (double)n : 0;
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 2; k++)
            sd[k] += (nb[2 * order[i] + k] - mean[k]) * (nb[2 * order[i] + k] - mean[k]);
    for (int k = 0; k < 2; k++) {
        sd[k] = n ? sqrt(sd[k] / (double)n) : 0;
        sd[k] = sd[k] > 1e-9 ? sd[k] : 1;
    }
    double scale = 1, a[SEN_LABELS][2] = {{0}}, b[SEN_LABELS] = {0};
    uint64_t state = seed;
    size_t step = 0;
    for (int epoch = 0; epoch < WORD_EPOCHS; epoch++) {
        for (size_t i = n; i > 1; i--) { /* Fisher-Yates */
            size_t j = (size_t)(next_random(&state) % i);
            size_t tmp = order[i - 1];
            order[i - 1] = order[j];
            order[j] = tmp;
        }
        for (size_t i = 0; i < n; i++) {
            size_t e = order[i], from = t->uniq_first[e], to = t->uniq_first[e + 1];
            double eta = WORD_ETA / (1 + l2 * WORD_ETA * (double)step++);
            /* a word's input: 1 / sqrt(word count), the naive Bayes sums' scale */
            double xs = t->words[e] ? 1 / sqrt((double)t->words[e]) : 0;
            double z[2] = {(nb[2 * e] - mean[0]) / sd[0], (nb[2 * e + 1] - mean[1]) / sd[1]};
            double logit[SEN_LABELS], p[SEN_LABELS], top = -INFINITY, sum = 0;
            for (int l = 0; l < SEN_LABELS; l++) {
                double words_part = 0;
                for (size_t u = from; u < to; u++)
                    if (df[t->uniq[u]] >= t->word_min_count)
                        words_part += v[SEN_LABELS * t->uniq[u] + (size_t)l];
                logit[l] = b[l] + a[l][0] * z[0] + a[l][1] * z[1] + scale * words_part * xs;
                top = logit[l] > top ? logit[l] : top;
            }
            for (int l = 0; l < SEN_LABELS; l++)
                sum += p[l] = exp(logit[l] - top);
            scale *= 1 - eta * l2;
            for (int l = 0; l < SEN_LABELS; l++) {
                double g = p[l] / sum - (t->label[e] == l);
                b[l] -= eta * g;
                for (int k = 0; k < 2; k++)
                    a[l][k] -= eta * (g * z[k] + l2 * a[l][k]);
                for (size_t u = from; u < to; u++)
                    if (df[t->uniq[u]] >= t->word_min_count)
                        v[SEN_LABELS * t->uniq[u] + (size_t)l] -= eta * g * xs / scale;
            }
            if (scale < 1e-6) {
                for (size_t w = 0; w < SEN_LABELS * words; w++)
                    v[w] *= scale;
                scale = 1;
            }
        }
    }
    for (size_t w = 0; w < words; w++) {
        const double *vw = &v[SEN_LABELS * w];
        int on = df[w] >= t->word_min_count;
        wm->w[2 * w] = on ? scale * (vw[SEN_NEGATIVE] - vw[SEN_NEUTRAL]) : 0;
        wm->w[2 * w + 1] = on ? scale * (vw[SEN_POSITIVE] - vw[SEN_NEUTRAL]) : 0;
    }
    for (int k = 0; k < 2; k++) {
        wm->coef[0][k] = (a[SEN_NEGATIVE][k] - a[SEN_NEUTRAL][k]) / sd[k];
        wm->coef[1][k] = (a[SEN_POSITIVE][k] - a[SEN_NEUTRAL][k]) / sd[k];
    }
    free(df);
    free(order);
    free(v);
    return 0;
}

/*
 * Writes a word model as the model file holds it: a word's two log-odds
 * summed over a block's tokens (odds: the naive Bayes features' weights
 * times its naive Bayes log-odds) and its two weights counted once per
 * block (distinct).  The two sums, divided by the square root of the
 * block's word count, are then the word model's log-odds, less the
 * intercept.
 */
static void fold_words(const trainer *t, const word_model *wm, const double *nb_odds,
                       const unsigned char *nb_kept, double *odds, double *distinct,
                       unsigned char *kept)
{
    for (size_t w = 0; w < t->vocabulary.count; w++) {
        double nb0 = nb_kept[w] ? nb_odds[2 * w] : 0, nb1 = nb_kept[w] ? nb_odds[2 * w + 1] : 0;
        for (int l = 0; l < 2; l++) {
            odds[2 * w + (size_t)l] = wm->coef[l][0] * nb0 + wm->coef[l][1] * nb1;
            distinct[2 * w + (size_t)l] = wm->w[2 * w + (size_t)l];
        }
        kept[w] = nb_kept[w] || wm->w[2 * w] != 0 || wm->w[2 * w + 1] != 0;
    }
}

/* ---- the regression ------------------------------------------------------- */

/* What fit() learns from a subset of the examples. */
typedef struct fitted {
    double *odds; /* [2 * vocabulary]: naive Bayes', or the word regression's per token */
    unsigned char *kept;                            /* [vocabulary] */
    double mean[SEN_FEATURES], scale[SEN_FEATURES]; /* per used feature, in t->used order */
    double w[SEN_LABELS][SEN_FEATURES + 1];         /* [label][0] is the bias */
    double accuracy;                                /* on the subset it was fitted to */
    double *distinct; /* [2 * vocabulary]: the word regression's, NULL without it */
} fitted;

static void fitted_free(fitted *f)
{
    free(f->odds);
    free(f->kept);
    free(f->distinct);
    memset(f, 0, sizeof *f);
}

/* The standardised, clipped value of used feature k. */
static double standard(const fitted *f, size_t k, double x)
{
    double z = (x - f->mean[k]) / f->scale[k];
    return z < -SEN_MODEL_CLIP ? -SEN_MODEL_CLIP : z > SEN_MODEL_CLIP ? SEN_MODEL_CLIP : z;
}

/* The predicted label of one row of features under a fit. */
static int predict(const trainer *t, const fitted *f, const double *x)
{
    double z[SEN_FEATURES + 1], p[SEN_LABELS];
    z[0] = 1;
    for (size_t k = 0; k < t->used_count; k++)
        z[k + 1] = standard(f, k, x[t->used[k]]);
    sen_regression_probabilities(f->w, z, t->used_count, p);
    int best = SEN_NEUTRAL;
    for (int l = 0; l < SEN_LABELS; l++)
        if (p[l] > p[best])
            best = l;
    return best;
}

/*
 * Replaces the lexical features in x (the rows of the examples with in[e]
 * set, in order; on entry naive Bayes' out of fold) by the word
 * regression's log-odds, each computed out of fold over the folds of
 * fold_of, and makes the fit's component the word regression learnt from all
 * of the examples (on entry f holds their naive Bayes component).  The
 * regression reads each example's naive Bayes features out of fold, as the
 * dense regression does, so that it does not learn to trust them more than
 * they deserve on a block that trained no naive Bayes.
 */
static int fit_word_model(const trainer *t, const unsigned char *in, const int *fold_of, int folds,
                          uint64_t seed, fitted *f, double *x)
{
    size_t words = t->vocabulary.count;
    double *nb = malloc((2 * t->count + 1) * sizeof *nb);
    double *odds = malloc((2 * words + 1) * sizeof *odds);
    double *folded = malloc((2 * words + 1) * sizeof *folded);
    f->distinct = malloc((2 * words + 1) * sizeof *f->distinct);
    unsigned char *kept = malloc(words + 1), *folded_kept = malloc(words + 1);
    unsigned char *inner = malloc(t->count + 1);
    word_model wm = {malloc((2 * words + 1) * sizeof(double)), {{0}}};
    int rc = nb && odds && folded && f->distinct && kept && folded_kept && inner && wm.w ? 0 : -1;
    size_t i = 0;
    for (size_t e = 0; rc == 0 && e < t->count; e++)
        if (in[e]) {
            nb[2 * e] = x[i * SEN_FEATURES + SEN_F_LEXICAL_NEGATIVE];
            nb[2 * e + 1] = x[i * SEN_FEATURES + SEN_F_LEXICAL_POSITIVE];
            i++;
        }
    for (int k = 0; rc == 0 && k <= folds; k++) {
        /* k == folds: all of the examples, for the fit's own component */
        for (size_t e = 0; e < t->count; e++)
            inner[e] = in[e] && (k == folds || fold_of[e] != k);
        if (k < folds)
            rc = fit_lexicon(t, inner, odds, kept);
        else {
            memcpy(odds, f->odds, 2 * words * sizeof *odds);
            memcpy(kept, f->kept, words);
        }
        if (rc == 0)
            rc = fit_words(t, inner, nb, seed + 0x9e3779b97f4a7c15ull * (uint64_t)(k + 1), &wm);
        if (rc != 0)
            break;
        fold_words(t, &wm, odds, kept, k < folds ? folded : f->odds, f->distinct,
                   k < folds ? folded_kept : f->kept);
        i = 0;
        for (size_t e = 0; k < folds && e < t->count; e++) {
            if (!in[e])
                continue;
            if (fold_of[e] == k)
                lexical_features(t, e, folded, folded_kept, f->distinct, &x[i * SEN_FEATURES]);
            i++;
        }
    }
    free(nb);
    free(odds);
    free(folded);
    free(kept);
    free(folded_kept);
    free(inner);
    free(wm.w);
    return rc;
}

/*
 * Fits the lexical component, the standardisation and the regression to the
 * examples with in[e] set.  The regression reads lexical features computed
 * out of fold (INNER_FOLDS, seeded); the component kept in the fit is the
 * one learnt from all of the subset, as the model file will hold it.
 */
static int fit(const trainer *t, const unsigned char *in, uint64_t seed, fitted *f)
{
    size_t words = t->vocabulary.count, n = 0;
    memset(f, 0, sizeof *f);
    for (size_t e = 0; e < t->count; e++)
        n += in[e];
    f->odds = malloc((2 * words + 1) * sizeof *f->odds);
    f->kept = calloc(words + 1, 1);
    double *x = malloc((n * SEN_FEATURES + 1) * sizeof *x);
    double *z = malloc((n * (t->used_count + 1) + 1) * sizeof *z);
    int *y = malloc((n + 1) * sizeof *y);
    int *fold_of = malloc((t->count + 1) * sizeof *fold_of);
    unsigned char *inner = malloc(t->count + 1);
    int rc = f->odds && f->kept && x && z && y && fold_of && inner ? 0 : -1;

    size_t i = 0;
    for (size_t e = 0; rc == 0 && e < t->count; e++)
        if (in[e]) {
            memcpy(&x[i * SEN_FEATURES], &t->rules[e * SEN_FEATURES],
                   sizeof(double) * SEN_FEATURES);
            y[i++] = t->label[e];
        }
    if (rc == 0 && t->lexical) {
        int folds = n < INNER_FOLDS ? (int)n : INNER_FOLDS;
        rc = assign_folds(t, in, folds, seed ^ 0x6a09e667f3bcc909ull, fold_of);
        for (int k = 0; rc == 0 && k < folds; k++) {
            for (size_t e = 0; e < t->count; e++)
                inner[e] = in[e] && fold_of[e] != k;
            rc = fit_lexicon(t, inner, f->odds, f->kept);
            i = 0;
            for (size_t e = 0; rc == 0 && e < t->count; e++) {
                if (!in[e])
                    continue;
                if (fold_of[e] == k)
                    lexical_features(t, e, f->odds, f->kept, NULL, &x[i * SEN_FEATURES]);
                i++;
            }
        }
        if (rc == 0)
            rc = fit_lexicon(t, in, f->odds, f->kept);
        if (rc == 0 && t->word_l2 > 0)
            rc = fit_word_model(t, in, fold_of, folds, seed, f, x);
    }
    size_t d = t->used_count, width = d + 1;
    for (size_t k = 0; rc == 0 && k < d; k++) {
        double sum = 0, squares = 0;
        for (i = 0; i < n; i++)
            sum += x[i * SEN_FEATURES + t->used[k]];
        double mean = n ? sum / (double)n : 0;
        for (i = 0; i < n; i++) {
            double v = x[i * SEN_FEATURES + t->used[k]] - mean;
            squares += v * v;
        }
        double sd = n ? sqrt(squares / (double)n) : 0;
        f->mean[k] = mean;
        f->scale[k] = sd > 1e-9 ? sd : 1.0; /* a constant feature: no scaling */
    }
    for (i = 0; rc == 0 && i < n; i++) {
        z[i * width] = 1;
        for (size_t k = 0; k < d; k++)
            z[i * width + 1 + k] = standard(f, k, x[i * SEN_FEATURES + t->used[k]]);
    }
    if (rc == 0)
        rc = sen_regression_fit(z, y, n, d, t->l2, f->w);
    if (rc == 0) {
        size_t right = 0;
        for (i = 0; i < n; i++)
            right += predict(t, f, &x[i * SEN_FEATURES]) == y[i];
        f->accuracy = n ? (double)right / (double)n : 0;
    }
    free(x);
    free(z);
    free(y);
    free(fold_of);
    free(inner);
    if (rc != 0)
        fitted_free(f);
    return rc;
}

/* Example e's label under a fit, its lexical features from the fit's component. */
static int classify(const trainer *t, const fitted *f, size_t e)
{
    double x[SEN_FEATURES];
    memcpy(x, &t->rules[e * SEN_FEATURES], sizeof x);
    if (t->lexical)
        lexical_features(t, e, f->odds, f->kept, f->distinct, x);
    return predict(t, f, x);
}

/* ---- the model file --------------------------------------------------------- */

typedef struct sorted_word {
    const char *text;
    size_t id;
} sorted_word;

static int sorted_word_cmp(const void *a, const void *b)
{
    return strcmp(((const sorted_word *)a)->text, ((const sorted_word *)b)->text);
}

/* Writes the model (format in README.md); *words_out is the lexical component's size. */
static int write_model(const trainer *t, const fitted *f, const size_t *per_label, const char *path,
                       size_t *words_out, galley_error *err)
{
    size_t kept = 0;
    sorted_word *order = malloc((t->vocabulary.count + 1) * sizeof *order);
    if (!order)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    for (size_t w = 0; t->lexical && w < t->vocabulary.count; w++)
        if (f->kept[w]) {
            order[kept].text = t->vocabulary.text[w];
            order[kept++].id = w;
        }
    qsort(order, kept, sizeof *order, sorted_word_cmp);
    *words_out = kept;
    if (!path) {
        free(order);
        return GALLEY_OK;
    }
    FILE *out = fopen(path, "wb");
    if (!out) {
        free(order);
        return galley_error_set(err, GALLEY_EPLUGIN, "cannot write the model to %s: %s", path,
                                strerror(errno));
    }
    fputs("# galley sentiment polarity model: a multinomial logistic regression over the block\n"
          "# features of the plugin's rules, with a lexical component (naive Bayes word log-odds\n"
          "# and a logistic regression over a block's distinct words).\n"
          "# Written by `galley train sentiment DIR -o MODEL` from labelled paragraphs\n"
          "# (DIR/negative, DIR/neutral, DIR/positive); the format is described in\n"
          "# plugins/sentiment/README.md. Do not edit by hand: retrain.\n",
          out);
    fprintf(out,
            "# Trained on %zu paragraphs (%zu negative, %zu neutral, %zu positive) with L2 %g;\n"
            "# lexical words seen at least %zu times with log-odds of at least %g (add-%g\n"
            "# smoothing); word regression L2 %g over the words of at least %zu paragraphs.\n",
            t->count, per_label[SEN_NEGATIVE], per_label[SEN_NEUTRAL], per_label[SEN_POSITIVE],
            t->l2, t->min_count, t->min_odds, t->smoothing, t->word_l2, t->word_min_count);
    fputs(
        "# Feature lines: NAME, MEAN and SCALE (a value x is read as (x - MEAN) / SCALE, clipped\n"
        "# to [-4, 4]), then its weights for negative, neutral and positive. Word lines: WORD,\n"
        "# then its log-odds negative and positive against neutral counted at every occurrence,\n"
        "# then the same counted once per block; both summed over a block's words and divided\n"
        "# by the square root of its word count.\n",
        out);
    fprintf(out, "%s %d\nlabels negative neutral positive\nfeatures %zu\n", SEN_MODEL_FORMAT,
            SEN_MODEL_VERSION, t->used_count);
    for (size_t k = 0; k < t->used_count; k++) {
        fprintf(out, "%s\t%.6g\t%.6g", sen_feature_names[t->used[k]], f->mean[k], f->scale[k]);
        for (int l = 0; l < SEN_LABELS; l++)
            fprintf(out, "\t%.6f", f->w[l][k + 1]);
        fputc('\n', out);
    }
    fprintf(out, "bias\t%.6f\t%.6f\t%.6f\nlexicon %zu\n", f->w[0][0], f->w[1][0], f->w[2][0], kept);
    for (size_t i = 0; i < kept; i++)
        fprintf(out, "%s\t%.4f\t%.4f\t%.4f\t%.4f\n", order[i].text, f->odds[2 * order[i].id],
                f->odds[2 * order[i].id + 1], f->distinct ? f->distinct[2 * order[i].id] : 0.0,
                f->distinct ? f->distinct[2 * order[i].id + 1] : 0.0);
    fputs("end\n", out);
    int failed = ferror(out);
    failed |= fclose(out) != 0;
    free(order);
    if (failed)
        return galley_error_set(err, GALLEY_EPLUGIN, "cannot write the model to %s", path);
    return GALLEY_OK;
}

/* ---- the report ------------------------------------------------------------- */

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

/* {accuracy, macro_f1, labels: {L: {precision, recall, f1}}, confusion: {gold: {predicted: n}}} */
static json_t *scores_json(const size_t confusion[SEN_LABELS][SEN_LABELS])
{
    json_t *o = json_object(), *per = json_object(), *conf = json_object();
    int failed = !o || !per || !conf;
    size_t right = 0, all = 0;
    double f1_sum = 0;
    for (int l = 0; !failed && l < SEN_LABELS; l++) {
        size_t gold = 0, predicted = 0, tp = confusion[l][l];
        json_t *row = json_object();
        failed |= !row;
        for (int m = 0; m < SEN_LABELS; m++) {
            gold += confusion[l][m];
            predicted += confusion[m][l];
            if (row)
                failed |= json_object_set_new(row, sen_label_names[m],
                                              json_integer((json_int_t)confusion[l][m]));
        }
        failed |= json_object_set_new(conf, sen_label_names[l], row);
        right += tp;
        all += gold;
        double p = ratio(tp, predicted), r = ratio(tp, gold);
        double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
        f1_sum += f1;
        failed |= json_object_set_new(
            per, sen_label_names[l],
            json_pack("{s:f, s:f, s:f}", "precision", p, "recall", r, "f1", f1));
    }
    if (!failed) {
        failed |= json_object_set_new(o, "accuracy", json_real(ratio(right, all)));
        failed |= json_object_set_new(o, "macro_f1", json_real(f1_sum / SEN_LABELS));
        failed |= json_object_set_new(o, "labels", per);
        per = NULL;
        failed |= json_object_set_new(o, "confusion", conf);
        conf = NULL;
    }
    json_decref(per);
    json_decref(conf);
    if (failed) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/*
 * K-fold cross-validation of the whole training procedure.  given (may be
 * NULL) is the host's fold of each example, -1 for one that is always
 * trained on and never scored (galley_train_params).
 */
static int cross_validate(const trainer *t, int folds, unsigned seed, const int *given,
                          json_t *report)
{
    int *fold_of = malloc((t->count + 1) * sizeof *fold_of);
    unsigned char *all = malloc(t->count + 1), *in = malloc(t->count + 1);
    size_t confusion[SEN_LABELS][SEN_LABELS] = {{0}};
    int rc = fold_of && all && in ? 0 : -1;
    if (rc == 0 && given) {
        memcpy(fold_of, given, t->count * sizeof *fold_of);
    } else if (rc == 0) {
        memset(all, 1, t->count);
        rc = assign_folds(t, all, folds, seed, fold_of);
    }
    for (int k = 0; rc == 0 && k < folds; k++) {
        for (size_t e = 0; e < t->count; e++)
            in[e] = fold_of[e] != k;
        fitted f;
        rc = fit(t, in, (uint64_t)seed + 1 + (uint64_t)k, &f);
        for (size_t e = 0; rc == 0 && e < t->count; e++)
            if (fold_of[e] == k)
                confusion[t->label[e]][classify(t, &f, e)]++;
        if (rc == 0)
            fitted_free(&f);
    }
    json_t *cv = rc == 0 ? scores_json(confusion) : NULL;
    if (cv) {
        rc |= json_object_set_new(cv, "folds", json_integer(folds));
        rc |= json_object_set_new(cv, "seed", json_integer((json_int_t)seed));
        rc |= json_object_set_new(report, "cv", cv);
    } else {
        rc = -1;
    }
    free(fold_of);
    free(all);
    free(in);
    return rc;
}

static int fill_report(const trainer *t, const size_t *per_label, size_t words, const fitted *f,
                       json_t *report)
{
    json_t *labels = json_object(), *features = json_array();
    int failed = !labels || !features;
    for (int l = 0; !failed && l < SEN_LABELS; l++)
        failed |= json_object_set_new(labels, sen_label_names[l],
                                      json_pack("{s:I}", "paragraphs", (json_int_t)per_label[l]));
    for (size_t k = 0; !failed && k < t->used_count; k++)
        failed |= json_array_append_new(features, json_string(sen_feature_names[t->used[k]]));
    failed |= json_object_set_new(report, "labels", labels);
    failed |= json_object_set_new(report, "paragraphs", json_integer((json_int_t)t->count));
    failed |= json_object_set_new(report, "features", features);
    failed |= json_object_set_new(report, "lexicon", json_integer((json_int_t)words));
    failed |= json_object_set_new(report, "l2", json_real(t->l2));
    failed |= json_object_set_new(report, "training_accuracy", json_real(f->accuracy));
    return failed ? -1 : 0;
}

int sen_train(const galley_host *host, const galley_options *options,
              const galley_example *examples, size_t count, const galley_train_params *params,
              json_t *report, galley_error *err)
{
    (void)host;
    trainer t;
    memset(&t, 0, sizeof t);
    t.count = count;
    t.l2 = galley_option_number(options, "l2");
    t.min_odds = galley_option_number(options, "lexical_min_odds");
    t.smoothing = galley_option_number(options, "lexical_smoothing");
    double min_count = galley_option_number(options, "lexical_min_count");
    if (!(t.l2 > 0 && t.l2 <= 100))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "option l2 must be above 0 and at most 100 (it is %g)", t.l2);
    if (!(min_count >= 1 && min_count <= 1000) || min_count != floor(min_count))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "option lexical_min_count must be a whole number from 1 to 1000 "
                                "(it is %g)",
                                min_count);
    if (!(t.min_odds >= 0 && t.min_odds <= 10))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "option lexical_min_odds must be in [0, 10] (it is %g)",
                                t.min_odds);
    if (!(t.smoothing > 0 && t.smoothing <= 100))
        return galley_error_set(
            err, GALLEY_ECONFIG,
            "option lexical_smoothing must be above 0 and at most 100 (it is %g)", t.smoothing);
    t.min_count = (size_t)min_count;
    t.word_l2 = galley_option_number(options, "word_l2");
    double word_min_count = galley_option_number(options, "word_min_count");
    if (!(t.word_l2 >= 0 && t.word_l2 <= 10))
        return galley_error_set(err, GALLEY_ECONFIG, "option word_l2 must be in [0, 10] (it is %g)",
                                t.word_l2);
    if (!(word_min_count >= 1 && word_min_count <= 1000) || word_min_count != floor(word_min_count))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "option word_min_count must be a whole number from 1 to 1000 "
                                "(it is %g)",
                                word_min_count);
    t.word_min_count = (size_t)word_min_count;
    int folds = GALLEY_TRAIN_PARAM(params, folds, 0);
    if (folds > 1 && (size_t)folds > count)
        return galley_error_set(err, GALLEY_ECONFIG,
                                "%d folds need at least %d paragraphs (there are %zu)", folds,
                                folds, count);
    int rc = parse_features(&t, galley_option_string(options, "features"), err);
    if (rc != GALLEY_OK)
        return rc;

    size_t per_label[SEN_LABELS] = {0};
    if (!(t.label = malloc((count + 1) * sizeof *t.label))) {
        trainer_free(&t);
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    for (size_t e = 0; e < count; e++) {
        int l = label_of(examples[e].label);
        if (l < 0) {
            trainer_free(&t);
            return galley_error_set(err, GALLEY_ECONFIG,
                                    "label '%s' (%s): the polarity model has the labels negative, "
                                    "neutral and positive only (rename the directory)",
                                    examples[e].label, examples[e].source);
        }
        t.label[e] = l;
        per_label[l]++;
    }
    for (int l = 0; l < SEN_LABELS; l++)
        if (per_label[l] == 0) {
            trainer_free(&t);
            return galley_error_set(err, GALLEY_ECONFIG,
                                    "no paragraphs labelled %s: training needs all three labels "
                                    "(DIR/negative, DIR/neutral, DIR/positive)",
                                    sen_label_names[l]);
        }

    sen_table *table = NULL;
    sen_params sp;
    rc = sen_load_data(options, NULL, &table, &sp, err);
    if (rc == GALLEY_OK && sen_table_finish(table) != 0)
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    if (rc == GALLEY_OK) {
        t.rules = calloc(count * SEN_FEATURES + 1, sizeof *t.rules);
        t.words = calloc(count + 1, sizeof *t.words);
        t.first = calloc(count + 1, sizeof *t.first);
        if (!t.rules || !t.words || !t.first)
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    if (rc == GALLEY_OK)
        rc = extract(&t, table, &sp, examples, err);
    if (rc == GALLEY_OK && t.word_l2 > 0 && list_distinct_words(&t) != 0)
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    if (rc == GALLEY_OK)
        mark_first_blocks(&t, GALLEY_TRAIN_PARAM(params, article_of, (const int *)NULL));
    sen_table_free(table);

    unsigned char *all = rc == GALLEY_OK ? malloc(count + 1) : NULL;
    fitted f;
    memset(&f, 0, sizeof f);
    if (rc == GALLEY_OK) {
        if (all)
            memset(all, 1, count);
        if (!all || fit(&t, all, params->seed, &f) != 0)
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    size_t words = 0;
    if (rc == GALLEY_OK)
        rc = write_model(&t, &f, per_label, params->output, &words, err);
    if (rc == GALLEY_OK && fill_report(&t, per_label, words, &f, report) != 0)
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    if (rc == GALLEY_OK && folds > 1 && cross_validate(&t, folds, params->seed,
                                               GALLEY_TRAIN_PARAM(params, fold_of,
                                                                  (const int *)NULL),
                                               report) != 0)
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    fitted_free(&f);
    free(all);
    trainer_free(&t);
    return rc;
}
