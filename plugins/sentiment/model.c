/*
 * model.c -- the decision layer: reads the polarity model that `galley train
 * sentiment` writes, and turns a block's features into label probabilities.
 *
 * The file is plain text (README.md, "The polarity model", describes it)
 * and is read strictly: every section in its place, every number finite,
 * every feature one this plugin computes.  A model is only right for the
 * features it was trained on, so a file that does not fit is refused at
 * load, with its line, rather than scoring every block wrongly.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sentiment.h"

const char *const sen_label_names[SEN_LABELS] = {"negative", "neutral", "positive"};

/* sen_model_logits keeps the labels' weights in four lanes; sen_softmax is
   written out for three. */
_Static_assert(SEN_LABELS == 3, "the polarity model has three labels");

/* Where the loader is in the file; sections come in this order. */
enum stage {
    STAGE_FORMAT,
    STAGE_LABELS,
    STAGE_FEATURES,
    STAGE_FEATURE_ROWS,
    STAGE_BIAS,
    STAGE_LEXICON,
    STAGE_WORDS,
    STAGE_END,
    STAGE_DONE
};

static const char *const stage_wants[] = {"the format line 'galley-sentiment-model 2'",
                                          "the labels line 'labels negative neutral positive'",
                                          "the 'features N' line",
                                          "a feature line",
                                          "the bias line",
                                          "the 'lexicon N' line",
                                          "a word line",
                                          "the 'end' line",
                                          "nothing"};

/* Reads "KEYWORD N" with N a whole number in [0, max]; -1 when the line is not that. */
static long keyword_count(const sen_reader *r, const char *keyword, long max)
{
    size_t n = strlen(keyword);
    const char *line = r->fields[0];
    if (r->field_count != 1 || strncmp(line, keyword, n) != 0 || line[n] != ' ')
        return -1;
    char *end;
    long v = strtol(line + n + 1, &end, 10);
    if (end == line + n + 1 || *end != '\0' || v < 0 || v > max)
        return -1;
    return v;
}

/*
 * Bounds on what a model file may hold.  A trained model's numbers are far
 * inside them; past them single-precision sums could overflow, and a block
 * must never get an infinite logit or a NaN probability.
 */
#define MODEL_MAX_VALUE 1e6 /* means, weights, biases */
#define MODEL_MIN_SCALE 1e-6
#define MODEL_MAX_ODDS 1e3 /* a word's log-odds */

/* Parses fields[first ..] as count numbers in [-limit, limit]. */
static int numbers(const sen_reader *r, size_t first, size_t count, double limit, double *out)
{
    for (size_t i = 0; i < count; i++)
        if (sen_parse_number(r->fields[first + i], &out[i]) != 0 || fabs(out[i]) > limit)
            return -1;
    return 0;
}

static int feature_index(const char *name)
{
    for (int f = 0; f < SEN_FEATURES; f++)
        if (strcmp(name, sen_feature_names[f]) == 0)
            return f;
    return -1;
}

static int read_feature(sen_model *m, const sen_reader *r, galley_error *err)
{
    if (r->field_count != 3 + SEN_LABELS)
        return sen_reader_fail(err, r,
                               "expected NAME<TAB>MEAN<TAB>SCALE<TAB>three weights (negative, "
                               "neutral, positive), found %zu tab-separated field%s",
                               r->field_count, r->field_count == 1 ? "" : "s");
    int f = feature_index(r->fields[0]);
    if (f < 0) {
        char known[512];
        size_t at = 0;
        for (int k = 0; k < SEN_FEATURES && at < sizeof known; k++)
            at += (size_t)snprintf(known + at, sizeof known - at, "%s%s", k ? ", " : "",
                                   sen_feature_names[k]);
        return sen_reader_fail(err, r,
                               "unknown feature '%s': this plugin computes %s (was the model "
                               "trained by another version?)",
                               r->fields[0], known);
    }
    for (size_t k = 0; k < m->count; k++)
        if (m->feature[k] == f)
            return sen_reader_fail(err, r, "the feature '%s' is listed twice", r->fields[0]);
    double v[2 + SEN_LABELS];
    if (numbers(r, 1, 2 + SEN_LABELS, MODEL_MAX_VALUE, v) != 0)
        return sen_reader_fail(err, r,
                               "the feature '%s' has a value that is not a number in [-%g, %g]",
                               r->fields[0], MODEL_MAX_VALUE, MODEL_MAX_VALUE);
    if (!(v[1] >= MODEL_MIN_SCALE))
        return sen_reader_fail(err, r, "the scale of '%s' must be at least %g (it is %g)",
                               r->fields[0], MODEL_MIN_SCALE, v[1]);
    m->feature[m->count] = f;
    m->mean[m->count] = v[0];
    m->scale[m->count] = v[1];
    for (int l = 0; l < SEN_LABELS; l++)
        m->weight[m->count][l] = v[2 + l];
    m->count++;
    return GALLEY_OK;
}

/* Folds the standardisation into the weights (see sen_model in sentiment.h). */
static void fold(sen_model *m)
{
    double bias[SEN_LABELS];
    for (int l = 0; l < SEN_LABELS; l++)
        bias[l] = m->bias[l];
    memset(m->low, 0, sizeof m->low);
    memset(m->high, 0, sizeof m->high);
    memset(m->folded, 0, sizeof m->folded);
    memset(m->folded_bias, 0, sizeof m->folded_bias);
    for (size_t k = 0; k < m->count; k++) {
        int f = m->feature[k];
        m->low[f] = (float)(m->mean[k] - SEN_MODEL_CLIP * m->scale[k]);
        m->high[f] = (float)(m->mean[k] + SEN_MODEL_CLIP * m->scale[k]);
        for (int l = 0; l < SEN_LABELS; l++) {
            double w = m->weight[k][l] / m->scale[k];
            m->folded[f][l] = (float)w;
            bias[l] -= w * m->mean[k];
        }
    }
    for (int l = 0; l < SEN_LABELS; l++)
        m->folded_bias[l] = (float)bias[l];
}

int sen_model_load(sen_model *m, sen_table *table, const char *path, galley_error *err)
{
    memset(m, 0, sizeof *m);
    sen_reader r;
    int rc = sen_reader_open(&r, path, err);
    if (rc != GALLEY_OK)
        return rc;
    enum stage stage = STAGE_FORMAT;
    long features = 0, words = 0;
    size_t word_fields = 5; /* version 1 has no distinct-word weights */
    int more = 0;
    while (rc == GALLEY_OK && (more = sen_reader_next(&r)) > 0) {
        const char *line = r.fields[0];
        switch (stage) {
        case STAGE_FORMAT: {
            long version = keyword_count(&r, SEN_MODEL_FORMAT, 1000000);
            if (version < 0)
                rc = sen_reader_fail(err, &r,
                                     "not a galley sentiment model: expected '%s %d' as the "
                                     "first line",
                                     SEN_MODEL_FORMAT, SEN_MODEL_VERSION);
            else if (version < 1 || version > SEN_MODEL_VERSION)
                rc = sen_reader_fail(err, &r,
                                     "the model has format version %ld, this plugin reads versions "
                                     "1 to %d; retrain it with `galley train sentiment`",
                                     version, SEN_MODEL_VERSION);
            word_fields = version >= 2 ? 5 : 3;
            stage = STAGE_LABELS;
            break;
        }
        case STAGE_LABELS:
            if (r.field_count != 1 || strcmp(line, "labels negative neutral positive") != 0)
                rc = sen_reader_fail(err, &r,
                                     "expected 'labels negative neutral positive': the polarity "
                                     "model has these three labels, in this order");
            stage = STAGE_FEATURES;
            break;
        case STAGE_FEATURES:
            features = keyword_count(&r, "features", SEN_FEATURES);
            if (features < 1)
                rc = sen_reader_fail(err, &r,
                                     "expected 'features N' with N from 1 to %d (the features "
                                     "this plugin computes)",
                                     SEN_FEATURES);
            stage = STAGE_FEATURE_ROWS;
            break;
        case STAGE_FEATURE_ROWS:
            if (r.field_count == 1 || strcmp(line, "bias") == 0) {
                rc = sen_reader_fail(err, &r,
                                     "expected %ld feature lines, found %zu (truncated or "
                                     "miscounted?)",
                                     features, m->count);
                break;
            }
            rc = read_feature(m, &r, err);
            if ((long)m->count == features)
                stage = STAGE_BIAS;
            break;
        case STAGE_BIAS: {
            double v[SEN_LABELS];
            if (r.field_count != 1 + SEN_LABELS || strcmp(line, "bias") != 0 ||
                numbers(&r, 1, SEN_LABELS, MODEL_MAX_VALUE, v) != 0) {
                rc = sen_reader_fail(err, &r,
                                     "expected bias<TAB>three numbers in [-%g, %g] (negative, "
                                     "neutral, positive) after the %ld feature lines",
                                     MODEL_MAX_VALUE, MODEL_MAX_VALUE, features);
                break;
            }
            memcpy(m->bias, v, sizeof v);
            stage = STAGE_LEXICON;
            break;
        }
        case STAGE_LEXICON:
            words = keyword_count(&r, "lexicon", 1000000);
            if (words < 0)
                rc = sen_reader_fail(err, &r, "expected 'lexicon N' (N words follow, 0 for none)");
            stage = words > 0 ? STAGE_WORDS : STAGE_END;
            break;
        case STAGE_WORDS: {
            double v[4] = {0, 0, 0, 0};
            if (r.field_count == 1 && (long)m->words < words) {
                rc = sen_reader_fail(err, &r,
                                     "expected %ld word lines, found %zu (truncated or "
                                     "miscounted?)",
                                     words, m->words);
                break;
            }
            if (r.field_count != word_fields) {
                rc = sen_reader_fail(
                    err, &r,
                    word_fields == 5
                        ? "expected WORD<TAB>NEGATIVE<TAB>POSITIVE<TAB>NEGATIVE<TAB>POSITIVE "
                          "(log-odds against neutral, per occurrence and once per block), found "
                          "%zu tab-separated field%s"
                        : "expected WORD<TAB>NEGATIVE<TAB>POSITIVE (log-odds against neutral), "
                          "found %zu tab-separated field%s",
                    r.field_count, r.field_count == 1 ? "" : "s");
                break;
            }
            if (numbers(&r, 1, word_fields - 1, MODEL_MAX_ODDS, v) != 0) {
                rc = sen_reader_fail(err, &r,
                                     "the log-odds of '%s' are not %zu numbers in [-%g, %g]", line,
                                     word_fields - 1, MODEL_MAX_ODDS, MODEL_MAX_ODDS);
                break;
            }
            rc = sen_table_add_lexical(table, &r, line, v[0], v[1], &v[2], err);
            if (rc == GALLEY_OK && (long)++m->words == words)
                stage = STAGE_END;
            break;
        }
        case STAGE_END:
            if (r.field_count != 1 || strcmp(line, "end") != 0)
                rc = sen_reader_fail(err, &r, "expected the 'end' line, found '%s'", line);
            stage = STAGE_DONE;
            break;
        case STAGE_DONE: rc = sen_reader_fail(err, &r, "text after the 'end' line"); break;
        }
    }
    rc = sen_reader_end(err, &r, more, rc);
    if (rc == GALLEY_OK && stage == STAGE_DONE)
        fold(m);
    if (rc == GALLEY_OK && stage != STAGE_DONE) {
        r.line++; /* the error is where the missing line should have been */
        rc = sen_reader_fail(err, &r, "the file ends early (truncated?): expected %s",
                             stage_wants[stage]);
    }
    free(r.data);
    return rc;
}

void sen_model_logits(const sen_model *m, const float features[SEN_FEATURE_LANES],
                      double logits[SEN_LABELS])
{
    /* Dense and branch-free, so that the compiler makes vectors of it: the
       clip runs four features at a time, and one vector of four floats
       holds the labels' sums (the fourth lane is padding). */
    float x[SEN_FEATURE_LANES];
    for (int f = 0; f < SEN_FEATURE_LANES; f++) {
        float v = features[f] < m->low[f] ? m->low[f] : features[f];
        x[f] = v > m->high[f] ? m->high[f] : v;
    }
#if defined(__GNUC__)
    typedef float lanes __attribute__((vector_size(16)));
    lanes sum, w;
    memcpy(&sum, m->folded_bias, sizeof sum);
    for (int f = 0; f < SEN_FEATURES; f++) {
        memcpy(&w, m->folded[f], sizeof w);
        sum += w * x[f];
    }
#else
    float sum[4];
    memcpy(sum, m->folded_bias, sizeof sum);
    for (int f = 0; f < SEN_FEATURES; f++)
        for (int l = 0; l < 4; l++)
            sum[l] += m->folded[f][l] * x[f];
#endif
    for (int l = 0; l < SEN_LABELS; l++)
        logits[l] = sum[l];
}

void sen_softmax(const double logits[SEN_LABELS], double p[SEN_LABELS])
{
    /* Single precision, like the logits: expf is several times cheaper than
       exp, and this runs once per block.  The largest logit's exponential
       is 1, so it needs no call. */
    int top = logits[1] > logits[0] ? 1 : 0;
    top = logits[2] > logits[top] ? 2 : top;
    float e0 = top == 0 ? 1.0f : expf((float)(logits[0] - logits[top]));
    float e1 = top == 1 ? 1.0f : expf((float)(logits[1] - logits[top]));
    float e2 = top == 2 ? 1.0f : expf((float)(logits[2] - logits[top]));
    float scale = 1.0f / (e0 + e1 + e2);
    p[0] = e0 * scale;
    p[1] = e1 * scale;
    p[2] = e2 * scale;
}
