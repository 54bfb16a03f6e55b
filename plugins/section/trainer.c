/*
 * trainer.c -- the section plugin's train entry: counts unigrams and bigrams
 * per label, writes the model file, and cross-validates on request.
 *
 * The host has already read DIR/LABEL/NAME.txt and analysed every paragraph
 * with the same text layer articles go through, so the terms counted here
 * are the terms section.c will look up.  Everything written is an integer
 * count, sorted bytewise, so the same training set always gives the same
 * file, byte for byte, and a retrained model reads as a diff.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "section.h"

#define MAX_LABELS 64

/* A growable table of distinct strings (terms), each with a dense id. */
typedef struct dict {
    char **text;    /* [count] NUL-terminated, owned */
    size_t *length; /* [count] */
    uint64_t *hash; /* [count] */
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

/* The id of a string, added when new (add = 1); -1 when absent, -2 when out of memory. */
static long dict_id(dict *d, const char *s, size_t n, int add)
{
    uint64_t h = section_hash(s, n);
    if (d->slots) {
        size_t i = (size_t)h & d->mask;
        while (d->slots[i]) {
            size_t id = d->slots[i] - 1;
            if (d->hash[id] == h && d->length[id] == n && memcmp(d->text[id], s, n) == 0)
                return (long)id;
            i = (i + 1) & d->mask;
        }
    }
    if (!add)
        return -1;
    if ((!d->slots || (d->count + 1) * 2 > d->mask + 1) && dict_grow_slots(d) != 0)
        return -2;
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
            return -2;
        d->cap = cap;
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return -2;
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

/* Everything training builds; freed by trainer_free. */
typedef struct trainer {
    const galley_example *examples;
    size_t count;
    size_t label_count;
    const char *labels[MAX_LABELS]; /* sorted; point at the examples' label strings */
    int *label_of;                  /* [count] label index of each example */
    dict stop;
    dict terms;    /* unigrams and bigrams ("a b") */
    size_t *occ;   /* feature ids of every example, one after another */
    size_t *first; /* [count + 1] example i's features are occ[first[i] .. first[i+1]) */
    size_t occ_count, occ_cap;
    uint64_t *counts; /* [terms.count * label_count] over all examples */
    double alpha;
    size_t min_count;
    int stemming;
    double temperature; /* calibrated, see calibrate() */
} trainer;

static void trainer_free(trainer *t)
{
    free(t->label_of);
    dict_free(&t->stop);
    dict_free(&t->terms);
    free(t->occ);
    free(t->first);
    free(t->counts);
}

static int label_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The labels, sorted bytewise, and each example's label index. */
static int collect_labels(trainer *t, galley_error *err)
{
    for (size_t i = 0; i < t->count; i++) {
        const char *name = t->examples[i].label;
        size_t l = 0;
        while (l < t->label_count && strcmp(t->labels[l], name) != 0)
            l++;
        if (l < t->label_count)
            continue;
        if (t->label_count == MAX_LABELS)
            return galley_error_set(err, GALLEY_ECONFIG, "a model can have at most %d labels",
                                    MAX_LABELS);
        /* The model's labels line separates names with spaces, and '#' starts a comment. */
        if (!name[0] || strpbrk(name, " \t\r\n") || name[0] == '#')
            return galley_error_set(err, GALLEY_ECONFIG,
                                    "label '%s' cannot be used: a label name is one word that "
                                    "does not start with '#' (rename the directory)",
                                    name);
        t->labels[t->label_count++] = name;
    }
    if (t->label_count < 2)
        return galley_error_set(err, GALLEY_ECONFIG, "training needs at least two labels");
    qsort(t->labels, t->label_count, sizeof t->labels[0], label_cmp);
    if (!(t->label_of = malloc(t->count * sizeof *t->label_of)))
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    for (size_t i = 0; i < t->count; i++)
        for (size_t l = 0; l < t->label_count; l++)
            if (strcmp(t->labels[l], t->examples[i].label) == 0)
                t->label_of[i] = (int)l;
    return 0;
}

/*
 * Reads the stop-word list: one word per line, '#' comments and blank lines
 * ignored.  Words are compared with the tokens' case-folded form, so the
 * list is written in lower case; they are stemmed like every other term
 * ("does" is looked up as "doe"), so the list itself stays readable.
 */
static int read_stopwords(trainer *t, const char *path, galley_error *err)
{
    if (!path || !path[0])
        return 0; /* no list: every word is a feature */
    FILE *f = fopen(path, "r");
    if (!f) {
        galley_error_set(err, GALLEY_ECONFIG, "cannot open the stop-word list: %s",
                         strerror(errno));
        if (err)
            snprintf(err->source, sizeof err->source, "%s", path);
        return GALLEY_ECONFIG;
    }
    char line[256];
    int number = 0, rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        number++;
        size_t n = strlen(line);
        if (n == sizeof line - 1 && line[n - 1] != '\n') {
            rc = GALLEY_ECONFIG;
            galley_error_set(err, rc, "line too long for a stop word");
            break;
        }
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n == 0 || line[0] == '#')
            continue;
        int bad = 0;
        for (size_t i = 0; i < n; i++)
            bad |= (unsigned char)line[i] <= ' ' || (line[i] >= 'A' && line[i] <= 'Z');
        if (bad) {
            rc = galley_error_set(err, GALLEY_ECONFIG,
                                  "malformed stop word '%s': one lower-case word per line", line);
            break;
        }
        if (n > SECTION_MAX_TERM) {
            rc = galley_error_set(err, GALLEY_ECONFIG, "stop word '%s' is longer than %d bytes",
                                  line, SECTION_MAX_TERM);
            break;
        }
        const char *word = line;
        char buf[SECTION_MAX_TERM];
        if (t->stemming)
            n = section_stem(&word, n, buf);
        if (dict_id(&t->stop, word, n, 1) < 0)
            rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    fclose(f);
    if (rc == GALLEY_ECONFIG && err) {
        snprintf(err->source, sizeof err->source, "%s", path);
        err->line = number;
    }
    return rc;
}

static int add_occurrence(trainer *t, size_t feature)
{
    if (t->occ_count == t->occ_cap) {
        size_t cap = t->occ_cap ? t->occ_cap * 2 : 65536;
        size_t *occ = realloc(t->occ, cap * sizeof *occ);
        if (!occ)
            return -1;
        t->occ = occ;
        t->occ_cap = cap;
    }
    t->occ[t->occ_count++] = feature;
    return 0;
}

/* Whether a term can be written to the model: no white space or control bytes in it. */
static int printable_term(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= ' ')
            return 0;
    return n > 0;
}

/*
 * Turns every example into its list of features, with the rules section.c
 * applies when it classifies: section_term for every token, stop words no
 * unigram of their own but part of the bigrams around them, punctuation
 * breaking the chain.
 */
static int extract(trainer *t, galley_error *err)
{
    if (!(t->first = malloc((t->count + 1) * sizeof *t->first)))
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    char buf[SECTION_MAX_TERM], previous[SECTION_MAX_TERM];
    char pair[2 * SECTION_MAX_TERM + 1];
    for (size_t e = 0; e < t->count; e++) {
        t->first[e] = t->occ_count;
        const galley_doc *doc = t->examples[e].doc;
        const galley_token *tokens = galley_doc_tokens(doc);
        size_t ntokens = galley_doc_token_count(doc);
        size_t previous_length = 0; /* 0: no previous word in the chain */
        for (size_t i = 0; i < ntokens; i++) {
            size_t n;
            const char *term = section_term(&tokens[i], t->stemming, buf, &n);
            if (!term || !printable_term(term, n)) {
                previous_length = 0;
                continue;
            }
            long id;
            if (dict_id(&t->stop, term, n, 0) < 0) {
                id = dict_id(&t->terms, term, n, 1);
                if (id < 0 || add_occurrence(t, (size_t)id) != 0)
                    return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            }
            if (previous_length) {
                memcpy(pair, previous, previous_length);
                pair[previous_length] = ' ';
                memcpy(pair + previous_length + 1, term, n);
                id = dict_id(&t->terms, pair, previous_length + 1 + n, 1);
                if (id < 0 || add_occurrence(t, (size_t)id) != 0)
                    return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            }
            memcpy(previous, term, n);
            previous_length = n;
        }
    }
    t->first[t->count] = t->occ_count;
    t->counts = calloc(t->terms.count * t->label_count + 1, sizeof *t->counts);
    if (!t->counts)
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    for (size_t e = 0; e < t->count; e++)
        for (size_t k = t->first[e]; k < t->first[e + 1]; k++)
            t->counts[t->occ[k] * t->label_count + (size_t)t->label_of[e]]++;
    return 0;
}

static uint64_t feature_total(const uint64_t *counts, size_t labels)
{
    uint64_t n = 0;
    for (size_t l = 0; l < labels; l++)
        n += counts[l];
    return n;
}

/* A term to sort: its text and its id. */
typedef struct sorted_term {
    const char *text;
    size_t id;
} sorted_term;

static int sorted_term_cmp(const void *a, const void *b)
{
    return strcmp(((const sorted_term *)a)->text, ((const sorted_term *)b)->text);
}

/* Writes the model file (format in README.md); returns the number of features kept. */
static int write_model(trainer *t, const char *path, size_t *kept_out, size_t *unigrams_out,
                       galley_error *err)
{
    const size_t labels = t->label_count;
    sorted_term *order = malloc((t->terms.count + 1) * sizeof *order);
    sorted_term *stops = malloc((t->stop.count + 1) * sizeof *stops);
    if (!order || !stops) {
        free(order);
        free(stops);
        return galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    }
    size_t kept = 0, unigrams = 0;
    for (size_t f = 0; f < t->terms.count; f++)
        if (feature_total(t->counts + f * labels, labels) >= t->min_count) {
            order[kept].text = t->terms.text[f];
            order[kept++].id = f;
            unigrams += strchr(t->terms.text[f], ' ') == NULL;
        }
    qsort(order, kept, sizeof *order, sorted_term_cmp);
    for (size_t i = 0; i < t->stop.count; i++) {
        stops[i].text = t->stop.text[i];
        stops[i].id = i;
    }
    qsort(stops, t->stop.count, sizeof *stops, sorted_term_cmp);
    *kept_out = kept;
    *unigrams_out = unigrams;
    if (!path) {
        free(order);
        free(stops);
        return 0;
    }

    FILE *f = fopen(path, "wb");
    if (!f) {
        free(order);
        free(stops);
        return galley_error_set(err, GALLEY_EPLUGIN, "cannot write the model to %s: %s", path,
                                strerror(errno));
    }
    fputs("# galley section model: multinomial naive Bayes over case-folded unigrams and bigrams.\n"
          "# Written by `galley train section DIR -o MODEL` from labelled paragraphs\n"
          "# (DIR/LABEL/NAME.txt); the format is described in plugins/section/README.md.\n"
          "# Do not edit by hand: retrain.  In order: the format and its version; the labels;\n"
          "# how terms are stemmed; the calibrated temperature; the training paragraphs per\n"
          "# label; the stop words (no feature on their own, but part of bigrams); the\n"
          "# vocabulary, sorted bytewise, one term per line (a word, or two words and a space\n"
          "# for a bigram), a tab, and its counts under the labels, in order; then 'end'.\n",
          f);
    fprintf(f, "%s %d\nlabels", SECTION_MODEL_FORMAT, SECTION_MODEL_VERSION);
    for (size_t l = 0; l < labels; l++)
        fprintf(f, " %s", t->labels[l]);
    fprintf(f, "\nstemming %s\ntemperature %.2f\n", t->stemming ? "light" : "none", t->temperature);
    for (size_t l = 0; l < labels; l++) {
        size_t n = 0;
        for (size_t e = 0; e < t->count; e++)
            n += t->label_of[e] == (int)l;
        fprintf(f, "prior %s %zu\n", t->labels[l], n);
    }
    fprintf(f, "stopwords %zu\n", t->stop.count);
    for (size_t i = 0; i < t->stop.count; i++)
        fprintf(f, "%s\n", stops[i].text);
    fprintf(f, "vocabulary %zu\n", kept);
    for (size_t i = 0; i < kept; i++) {
        const uint64_t *c = t->counts + order[i].id * labels;
        fputs(order[i].text, f);
        for (size_t l = 0; l < labels; l++)
            fprintf(f, "\t%llu", (unsigned long long)c[l]);
        fputc('\n', f);
    }
    fputs("end\n", f);
    int failed = ferror(f);
    failed |= fclose(f) != 0;
    free(order);
    free(stops);
    if (failed)
        return galley_error_set(err, GALLEY_EPLUGIN, "cannot write the model to %s", path);
    return 0;
}

/* splitmix64: a small, well-known generator, so folds are the same on every platform. */
static uint64_t next_random(uint64_t *state)
{
    *state += 0x9e3779b97f4a7c15ull;
    return section_mix(*state);
}

/*
 * Stratified folds: each label's examples, in the host's stable order, are
 * shuffled with the seed and dealt round-robin, continuing the deal from one
 * label to the next so that fold sizes differ by at most one.
 */
static int assign_folds(const trainer *t, int folds, unsigned seed, int *fold_of)
{
    size_t *idx = malloc(t->count * sizeof *idx);
    if (!idx)
        return -1;
    uint64_t state = seed;
    size_t dealt = 0;
    for (size_t l = 0; l < t->label_count; l++) {
        size_t n = 0;
        for (size_t e = 0; e < t->count; e++)
            if (t->label_of[e] == (int)l)
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

/*
 * K-fold cross-validation of paragraphs judged alone (no context, no
 * confidence threshold): for each fold, counts from the other folds, the
 * same pruning and smoothing as the real model, and the fold's paragraphs
 * scored.  Fills prior[e * labels + l] (the fold model's log prior) and
 * loglik[e * labels + l] (the sum of its feature log-probabilities) for
 * every example e that a fold scores.  given (may be NULL) is the host's
 * fold of each example, -1 for one that is never scored (galley_train_params).
 */
static int cross_validate(const trainer *t, int folds, unsigned seed, const int *given,
                          double *prior, double *loglik)
{
    const size_t labels = t->label_count, nterms = t->terms.count;
    int *fold_of = calloc(t->count + 1, sizeof *fold_of);
    uint64_t *train = malloc((nterms * labels + 1) * sizeof *train);
    double *logp = malloc((nterms * labels + 1) * sizeof *logp);
    unsigned char *kept = malloc(nterms + 1);
    if (fold_of && given)
        memcpy(fold_of, given, t->count * sizeof *fold_of);
    if (!fold_of || !train || !logp || !kept ||
        (!given && assign_folds(t, folds, seed, fold_of) != 0)) {
        free(fold_of);
        free(train);
        free(logp);
        free(kept);
        return -1;
    }
    for (int k = 0; k < folds; k++) {
        memcpy(train, t->counts, nterms * labels * sizeof *train);
        size_t paragraphs[MAX_LABELS] = {0}, total_paragraphs = 0;
        for (size_t e = 0; e < t->count; e++) {
            if (fold_of[e] != k) {
                paragraphs[t->label_of[e]]++;
                total_paragraphs++;
                continue;
            }
            for (size_t i = t->first[e]; i < t->first[e + 1]; i++)
                train[t->occ[i] * labels + (size_t)t->label_of[e]]--;
        }
        uint64_t totals[MAX_LABELS] = {0};
        size_t vocabulary = 0;
        for (size_t f = 0; f < nterms; f++) {
            uint64_t n = feature_total(train + f * labels, labels);
            kept[f] = n > 0 && n >= t->min_count;
            vocabulary += kept[f];
            for (size_t l = 0; kept[f] && l < labels; l++)
                totals[l] += train[f * labels + l];
        }
        for (size_t f = 0; f < nterms; f++)
            for (size_t l = 0; kept[f] && l < labels; l++)
                logp[f * labels + l] = log(((double)train[f * labels + l] + t->alpha) /
                                           ((double)totals[l] + t->alpha * (double)vocabulary));
        for (size_t e = 0; e < t->count; e++) {
            if (fold_of[e] != k)
                continue;
            for (size_t l = 0; l < labels; l++) {
                prior[e * labels + l] = log(((double)paragraphs[l] + 1.0) /
                                            ((double)total_paragraphs + (double)labels));
                loglik[e * labels + l] = 0;
            }
            for (size_t i = t->first[e]; i < t->first[e + 1]; i++) {
                size_t f = t->occ[i];
                for (size_t l = 0; kept[f] && l < labels; l++)
                    loglik[e * labels + l] += logp[f * labels + l];
            }
        }
    }
    free(fold_of);
    free(train);
    free(logp);
    free(kept);
    return 0;
}

/*
 * Naive Bayes counts every word as independent evidence, and bigrams repeat
 * what their unigrams said, so its posteriors are far too sure: a paragraph
 * is "1.000 war" whether it is about a siege or mentions one.  Dividing the
 * log-likelihood by a temperature T makes them honest, and honest
 * probabilities are what the context of a block and the document's label
 * are built from.  T is the value on a fixed grid (1 to 20 in steps of 0.25)
 * that gives the held-out paragraphs of a 5-fold cross-validation the
 * highest log-probability of their true label.
 */
static double calibrate(const trainer *t, const double *prior, const double *loglik)
{
    const size_t labels = t->label_count;
    double best_t = 1.0, best_nll = INFINITY;
    for (int step = 0; step <= 76; step++) {
        double temperature = 1.0 + 0.25 * step, nll = 0;
        for (size_t e = 0; e < t->count; e++) {
            double score[MAX_LABELS], top = -INFINITY, sum = 0;
            for (size_t l = 0; l < labels; l++) {
                score[l] = prior[e * labels + l] + loglik[e * labels + l] / temperature;
                top = score[l] > top ? score[l] : top;
            }
            for (size_t l = 0; l < labels; l++)
                sum += exp(score[l] - top);
            nll -= score[t->label_of[e]] - top - log(sum);
        }
        if (nll < best_nll) {
            best_nll = nll;
            best_t = temperature;
        }
    }
    return best_t;
}

/* confusion[gold * labels + predicted] of the scores at a temperature. */
static void confusion_at(const trainer *t, const double *prior, const double *loglik,
                         double temperature, const int *given, size_t *confusion)
{
    const size_t labels = t->label_count;
    for (size_t e = 0; e < t->count; e++) {
        if (given && given[e] < 0)
            continue; /* never scored */
        size_t best = 0;
        double best_score = -INFINITY;
        for (size_t l = 0; l < labels; l++) {
            double score = prior[e * labels + l] + loglik[e * labels + l] / temperature;
            if (score > best_score) {
                best_score = score;
                best = l;
            }
        }
        confusion[(size_t)t->label_of[e] * labels + best]++;
    }
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

/* {"folds", "seed", "accuracy", "macro_f1", "labels": {L: {precision, recall, f1}}, "confusion"} */
static json_t *cv_report(const trainer *t, int folds, unsigned seed, const size_t *confusion)
{
    const size_t labels = t->label_count;
    json_t *cv = json_object(), *per = json_object(), *conf = json_object();
    if (!cv || !per || !conf) {
        json_decref(cv);
        json_decref(per);
        json_decref(conf);
        return NULL;
    }
    size_t right = 0, all = 0;
    double f1_sum = 0;
    int failed = 0;
    for (size_t l = 0; l < labels; l++) {
        size_t tp = confusion[l * labels + l], gold = 0, predicted = 0;
        json_t *row = json_object();
        for (size_t m = 0; m < labels; m++) {
            gold += confusion[l * labels + m];
            predicted += confusion[m * labels + l];
            failed |=
                !row || json_object_set_new(row, t->labels[m],
                                            json_integer((json_int_t)confusion[l * labels + m]));
        }
        failed |= json_object_set_new(conf, t->labels[l], row);
        right += tp;
        all += gold;
        double p = ratio(tp, predicted), r = ratio(tp, gold);
        double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
        f1_sum += f1;
        json_t *scores = json_pack("{s:f, s:f, s:f}", "precision", p, "recall", r, "f1", f1);
        failed |= json_object_set_new(per, t->labels[l], scores);
    }
    failed |= json_object_set_new(cv, "folds", json_integer(folds));
    failed |= json_object_set_new(cv, "seed", json_integer((json_int_t)seed));
    failed |= json_object_set_new(cv, "accuracy", json_real(ratio(right, all)));
    failed |= json_object_set_new(cv, "macro_f1", json_real(f1_sum / (double)labels));
    failed |= json_object_set_new(cv, "labels", per);
    failed |= json_object_set_new(cv, "confusion", conf);
    if (failed) {
        json_decref(cv);
        return NULL;
    }
    return cv;
}

static int fill_report(const trainer *t, size_t kept, size_t unigrams, json_t *report)
{
    const size_t labels = t->label_count;
    json_t *per = json_object();
    int failed = !per;
    for (size_t l = 0; per && l < labels; l++) {
        size_t paragraphs = 0, features = 0;
        for (size_t e = 0; e < t->count; e++)
            if (t->label_of[e] == (int)l) {
                paragraphs++;
                features += t->first[e + 1] - t->first[e];
            }
        failed |= json_object_set_new(per, t->labels[l],
                                      json_pack("{s:I, s:I}", "paragraphs", (json_int_t)paragraphs,
                                                "features", (json_int_t)features));
    }
    failed |= json_object_set_new(report, "labels", per);
    failed |= json_object_set_new(report, "paragraphs", json_integer((json_int_t)t->count));
    failed |= json_object_set_new(report, "vocabulary", json_integer((json_int_t)kept));
    failed |= json_object_set_new(report, "unigrams", json_integer((json_int_t)unigrams));
    failed |= json_object_set_new(report, "bigrams", json_integer((json_int_t)(kept - unigrams)));
    failed |= json_object_set_new(report, "stopwords", json_integer((json_int_t)t->stop.count));
    failed |= json_object_set_new(report, "smoothing", json_real(t->alpha));
    failed |= json_object_set_new(report, "min_count", json_integer((json_int_t)t->min_count));
    failed |= json_object_set_new(report, "temperature", json_real(t->temperature));
    return failed ? -1 : 0;
}

int section_train(const galley_host *host, const galley_options *options,
                  const galley_example *examples, size_t count, const galley_train_params *params,
                  json_t *report, galley_error *err)
{
    (void)host;
    trainer t;
    memset(&t, 0, sizeof t);
    t.examples = examples;
    t.count = count;
    t.alpha = galley_option_number(options, "smoothing");
    double min_count = galley_option_number(options, "min_count");
    if (!(t.alpha > 0 && t.alpha <= 100))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "option smoothing must be above 0 and at most 100 (it is %g)",
                                t.alpha);
    if (!(min_count >= 1 && min_count <= 1000) || min_count != floor(min_count))
        return galley_error_set(err, GALLEY_ECONFIG,
                                "option min_count must be a whole number from 1 to 1000 (it is "
                                "%g)",
                                min_count);
    t.min_count = (size_t)min_count;
    t.stemming = galley_option_bool(options, "stemming");
    if (count == 0)
        return galley_error_set(err, GALLEY_ECONFIG, "no training paragraphs");
    int folds = GALLEY_TRAIN_PARAM(params, folds, 0);
    unsigned seed = GALLEY_TRAIN_PARAM(params, seed, 1u);
    const int *given = GALLEY_TRAIN_PARAM(params, fold_of, (const int *)NULL);
    int rc = collect_labels(&t, err);
    if (rc == 0)
        rc = read_stopwords(&t, galley_option_string(options, "stopwords"), err);
    if (rc == 0)
        rc = extract(&t, err);
    /* The temperature is calibrated on 5 folds whatever --cv says, so it never changes the model.
     */
    const size_t labels = t.label_count;
    double *prior = NULL, *loglik = NULL;
    if (rc == 0 && (!(prior = malloc(count * labels * sizeof *prior)) ||
                    !(loglik = malloc(count * labels * sizeof *loglik)) ||
                    cross_validate(&t, count < 5 ? (int)count : 5, seed, NULL, prior, loglik) != 0))
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    if (rc == 0)
        t.temperature = calibrate(&t, prior, loglik);
    size_t kept = 0, unigrams = 0;
    if (rc == 0)
        rc = write_model(&t, params->output, &kept, &unigrams, err);
    if (rc == 0 && fill_report(&t, kept, unigrams, report) != 0)
        rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
    if (rc == 0 && folds > 1) {
        if ((size_t)folds > count) {
            rc = galley_error_set(err, GALLEY_ECONFIG,
                                  "%d folds need at least %d paragraphs (there are %zu)", folds,
                                  folds, count);
        } else {
            size_t *confusion = calloc(labels * labels, sizeof *confusion);
            json_t *cv = NULL;
            if (!confusion || cross_validate(&t, folds, seed, given, prior, loglik) != 0)
                rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            if (rc == 0) {
                confusion_at(&t, prior, loglik, t.temperature, given, confusion);
                if (!(cv = cv_report(&t, folds, seed, confusion)) ||
                    json_object_set_new(report, "cv", cv) != 0)
                    rc = galley_error_set(err, GALLEY_ENOMEM, "out of memory");
            }
            free(confusion);
        }
    }
    free(prior);
    free(loglik);
    trainer_free(&t);
    return rc;
}
