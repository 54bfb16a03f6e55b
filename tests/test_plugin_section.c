/*
 * test_plugin_section.c -- the section plugin through the public API: the
 * model file and its errors, every option, the body read as a sequence with
 * a sticky section (short blocks follow their story, runs hold together,
 * long paragraphs can turn on their own), topic shifts, the document label,
 * training (determinism, cross-validation, a newsroom's own labels) and one
 * corpus article end to end.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/plugin.h>

#include "support.h"

static void teardown(void)
{
    t_cleanup();
}

/* A pipeline that runs only the section step, with the given options (a JSON object body). */
static galley_pipeline *section_pipeline(const char *options, galley_error *err)
{
    char config[4096];
    snprintf(config, sizeof config,
             "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"section\", \"plugin\": "
             "\"section\", \"options\": {%s}}]}",
             options ? options : "");
    return t_pipeline(config, err);
}

/* Runs text through a section pipeline with options; fails the test when anything fails. */
static json_t *classify(const char *options, const char *text)
{
    galley_error err;
    galley_pipeline *p = section_pipeline(options, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(p, text, &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    galley_pipeline_free(p);
    return doc;
}

static const char *block_label(const json_t *doc, size_t i)
{
    const json_t *attrs =
        json_object_get(json_array_get(json_object_get(doc, "blocks"), i), "attrs");
    return json_string_value(json_object_get(attrs, "section"));
}

static double block_p(const json_t *doc, size_t i)
{
    const json_t *attrs =
        json_object_get(json_array_get(json_object_get(doc, "blocks"), i), "attrs");
    const json_t *p = json_object_get(attrs, "section_p");
    ck_assert_msg(json_is_number(p), "block %zu has no section_p", i);
    return json_number_value(p);
}

static const json_t *result(const json_t *doc)
{
    return json_object_get(json_object_get(doc, "results"), "section");
}

static size_t count_findings(const json_t *doc, const char *rule)
{
    size_t n = 0, i;
    json_t *f;
    json_array_foreach(json_object_get(doc, "findings"), i, f) n +=
        strcmp(json_string_value(json_object_get(f, "rule")), rule) == 0;
    return n;
}

/* Every number anywhere in a report is finite (jansson cannot even hold NaN, so no null either). */
static void assert_all_finite(const json_t *v)
{
    if (json_is_real(v)) {
        ck_assert_msg(isfinite(json_real_value(v)), "a number is not finite");
    } else if (json_is_object(v)) {
        const char *k;
        json_t *sub;
        json_object_foreach((json_t *)v, k, sub)
        {
            ck_assert_msg(!json_is_null(sub) || strcmp(k, "section_p") != 0, "section_p is null");
            assert_all_finite(sub);
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *sub;
        json_array_foreach(v, i, sub) assert_all_finite(sub);
    }
}

/* Loads a pipeline whose model is a fixture that must be refused; returns the error. */
static galley_error bad_model(const char *fixture)
{
    char options[1200];
    snprintf(options, sizeof options, "\"model\": \"%s\"", t_source(fixture));
    galley_error err;
    galley_pipeline *p = section_pipeline(options, &err);
    ck_assert_msg(p == NULL, "%s was accepted", fixture);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_contains(err.source, fixture);
    return err;
}

/* ---- texts, written for these tests ------------------------------------- */

/* A war report with a boutique's broken windows and its owner's quote (blocks 2 and 3): the two
 * use the words of shops and fashion only, not one of war. */
static const char war_story[] =
    "Russian glide bombs hit the centre of Kharkiv overnight, destroying a school and damaging "
    "dozens of apartment blocks, the regional governor said.\n\n"
    "Rescuers searched the rubble for survivors until dawn while air raid sirens sounded again "
    "across the city and drones circled overhead.\n\n"
    "A boutique on the ground floor, which sold evening dresses by local designers, lost all its "
    "windows.\n\n"
    "\xe2\x80\x9cOur customers still come in for coffee and a new dress,\xe2\x80\x9d the owner "
    "said.\n\n"
    "Soldiers defending the northern approaches say the shelling has grown heavier since the "
    "spring, and the army has moved more air defence units to the region to shoot down missiles "
    "and drones.\n";

static const char fashion_story[] =
    "The designer showed her new collection of linen dresses and hand-knitted cardigans at a "
    "packed show in a Kyiv courtyard, with sandbags still stacked against the windows.\n\n"
    "Models walked past the sandbags in pale silk and embroidered coats, and buyers from Paris "
    "and Milan applauded each look.\n\n"
    "\xe2\x80\x9cI wanted clothes that feel like summer,\xe2\x80\x9d she said backstage.\n\n"
    "The collection, cut from undyed linen and soft wool, will be sold in boutiques in Milan and "
    "London from September, and the knitwear is already sold out online.\n";

/* A fashion story that turns to an air raid for blocks 2-4 (block 3 a one-line quote). */
static const char shift_story[] =
    "The designer showed her new collection of linen dresses and hand-knitted cardigans at a "
    "packed show in a Kyiv courtyard, and buyers from Paris applauded each look.\n\n"
    "Models walked the runway in pale silk and embroidered coats, with the makeup kept fresh and "
    "the hair loose.\n\n"
    "Halfway through the show the air raid sirens sounded, and a volunteer led guests and models "
    "down into the bomb shelter while air defence fired at incoming missiles.\n\n"
    "\xe2\x80\x9c"
    "Everyone just ran,\xe2\x80\x9d she said.\n\n"
    "Explosions shook the district for twenty minutes, and the regional governor later said a "
    "drone had hit an apartment block, killing two residents and wounding several others.\n\n"
    "When the all-clear came, the show resumed with the knitwear, soft cardigans in cream and sky "
    "blue that the designer calls her summer collection.\n\n"
    "The collection will be sold in boutiques in Milan and London from September, and the scarves "
    "are already sold out online.\n";

/* ---- the model file ------------------------------------------------------ */

START_TEST(shipped_model_loads_with_its_labels)
{
    json_t *doc = classify(NULL, war_story);
    const json_t *shares = json_object_get(result(doc), "shares");
    ck_assert_uint_eq(json_object_size(shares), 3);
    ck_assert(json_object_get(shares, "war") && json_object_get(shares, "lifestyle") &&
              json_object_get(shares, "other"));
    json_decref(doc);
}
END_TEST

START_TEST(tiny_model_classifies_by_its_own_labels)
{
    char options[1200];
    /* stay 0 and context 0: each block on its own, since the two are about different things */
    snprintf(options, sizeof options, "\"model\": \"%s\", \"stay\": 0, \"context\": 0",
             t_source("tests/fixtures/section/tiny-model.txt"));
    json_t *doc = classify(options, "Bread and soup.\n\nThe rain and the wind.\n");
    ck_assert_str_eq(block_label(doc, 0), "food");
    ck_assert_str_eq(block_label(doc, 1), "weather");
    /* "the rain" is a bigram of a stop word and a word: it counts, so rain wins clearly */
    ck_assert(block_p(doc, 1) > 0.9);
    json_decref(doc);
}
END_TEST

/*
 * With stay 0 and context 0 a block's probability is its naive Bayes
 * posterior alone, which the test computes from the tiny model's counts
 * (README.md, The model): through the normalisations and log-sums of the
 * sequence model it must come out the same, whichever label is the larger.
 */
START_TEST(judged_alone_a_block_gets_its_naive_bayes_posterior)
{
    char options[1200];
    snprintf(options, sizeof options, "\"model\": \"%s\", \"stay\": 0, \"context\": 0",
             t_source("tests/fixtures/section/tiny-model.txt"));
    json_t *doc = classify(options, "Bread and soup.\n\nThe rain and the wind.\n");
    /* Totals: food 10 (bread 5, soup 4, wind 1), weather 16; six features; alpha 0.1; equal
       priors; temperature 1. "and" is unknown and breaks the chain; "the rain" is a bigram. */
    const double food = 10 + 0.6, weather = 16 + 0.6;
    double bread = log(5.1 / food) + log(4.1 / food) - log(0.1 / weather) - log(1.1 / weather);
    double rain = log(5.1 / weather) + log(2.1 / weather) + log(4.1 / weather) -
                  2 * log(0.1 / food) - log(1.1 / food);
    ck_assert_str_eq(block_label(doc, 0), "food");
    ck_assert_double_eq_tol(block_p(doc, 0), 1 / (1 + exp(-bread)), 1e-5);
    ck_assert_str_eq(block_label(doc, 1), "weather");
    ck_assert_double_eq_tol(block_p(doc, 1), 1 / (1 + exp(-rain)), 1e-5);
    json_decref(doc);

    /* With stay 0.5 the second block (22 characters) keeps the first one's section with
       probability 0.5^(22/200), and otherwise draws one from the prior (context 0): the two
       blocks' posteriors, summed over the other block's section in probability space. */
    snprintf(options, sizeof options, "\"model\": \"%s\", \"stay\": 0.5, \"context\": 0",
             t_source("tests/fixtures/section/tiny-model.txt"));
    doc = classify(options, "Bread and soup.\n\nThe rain and the wind.\n");
    double keep = pow(0.5, 22 / 200.0), e1[2] = {exp(bread), 1}, e2[2] = {exp(-rain), 1};
    double p1[2] = {0, 0}, p2[2] = {0, 0};
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++) {
            double joint = 0.5 * e1[a] * ((a == b ? keep : 0) + (1 - keep) * 0.5) * e2[b];
            p1[a] += joint;
            p2[b] += joint;
        }
    ck_assert_double_eq_tol(block_p(doc, 0), p1[0] / (p1[0] + p1[1]), 1e-5);
    ck_assert_str_eq(block_label(doc, 1), p2[0] > p2[1] ? "food" : "weather");
    ck_assert_double_eq_tol(block_p(doc, 1), (p2[0] > p2[1] ? p2[0] : p2[1]) / (p2[0] + p2[1]),
                            1e-5);
    json_decref(doc);
}
END_TEST

/*
 * The probability that a block keeps its predecessor's section depends on
 * its length alone, and is looked up in a table for blocks of up to 1024
 * characters: the two-block chain of the test above, with a second block of
 * 1 to 3000 characters (the same words, then unknown ones), at stay 0.99,
 * where the length matters most, must come out as computed here.
 */
START_TEST(keeping_the_section_depends_on_the_length_on_either_side_of_the_table)
{
    static const size_t lengths[] = {22, 23, 199, 200, 1023, 1024, 1025, 1026, 2000, 3001};
    const double food = 10 + 0.6, weather = 16 + 0.6;
    double bread = log(5.1 / food) + log(4.1 / food) - log(0.1 / weather) - log(1.1 / weather);
    double rain = log(5.1 / weather) + log(2.1 / weather) + log(4.1 / weather) -
                  2 * log(0.1 / food) - log(1.1 / food);
    char options[1200];
    snprintf(options, sizeof options, "\"model\": \"%s\", \"stay\": 0.99, \"context\": 0",
             t_source("tests/fixtures/section/tiny-model.txt"));
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
        static char text[4096];
        size_t n = (size_t)snprintf(text, sizeof text, "Bread and soup.\n\nThe rain and the wind");
        size_t chars = 21;               /* of the second block so far */
        while (chars + 1 < lengths[k]) { /* words the model does not know, then a full stop */
            size_t left = lengths[k] - 1 - chars;
            const char *pad = left % 4 == 0 ? " and"
                              : left >= 5   ? " andy"
                              : left == 1   ? ","
                              : left == 2   ? " x"
                                            : " xy";
            n += (size_t)snprintf(text + n, sizeof text - n, "%s", pad);
            chars += strlen(pad);
        }
        snprintf(text + n, sizeof text - n, ".\n");
        ck_assert_uint_eq(chars + 1, lengths[k]);
        json_t *doc = classify(options, text);
        double keep = pow(0.99, (double)lengths[k] / 200.0), e1[2] = {exp(bread), 1},
               e2[2] = {exp(-rain), 1};
        double p1[2] = {0, 0}, p2[2] = {0, 0};
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++) {
                double joint = 0.5 * e1[a] * ((a == b ? keep : 0) + (1 - keep) * 0.5) * e2[b];
                p1[a] += joint;
                p2[b] += joint;
            }
        double first = p1[0] > p1[1] ? p1[0] : p1[1], second = p2[0] > p2[1] ? p2[0] : p2[1];
        ck_assert_msg(fabs(block_p(doc, 0) - first / (p1[0] + p1[1])) < 1e-6 &&
                          fabs(block_p(doc, 1) - second / (p2[0] + p2[1])) < 1e-6,
                      "a second block of %zu characters: p %.12f and %.12f, expected %.12f and "
                      "%.12f",
                      lengths[k], block_p(doc, 0), block_p(doc, 1), first / (p1[0] + p1[1]),
                      second / (p2[0] + p2[1]));
        json_decref(doc);
    }
}
END_TEST

START_TEST(model_wrong_version_is_refused_with_line)
{
    galley_error err = bad_model("tests/fixtures/section/bad-version.txt");
    ck_assert_int_eq(err.line, 3);
    ck_assert_contains(err.text, "version");
}
END_TEST

START_TEST(model_truncated_is_refused_with_line)
{
    galley_error err = bad_model("tests/fixtures/section/truncated.txt");
    ck_assert_int_eq(err.line, 16);
    ck_assert_contains(err.text, "truncated");
    ck_assert_contains(err.text, "expected 6 vocabulary lines, found 3");
}
END_TEST

START_TEST(model_unknown_label_is_refused_with_line)
{
    galley_error err = bad_model("tests/fixtures/section/unknown-label.txt");
    ck_assert_int_eq(err.line, 8);
    ck_assert_contains(err.text, "unknown label 'sport'");
}
END_TEST

START_TEST(model_malformed_line_is_refused_with_line)
{
    galley_error err = bad_model("tests/fixtures/section/malformed-line.txt");
    ck_assert_int_eq(err.line, 15);
    ck_assert_contains(err.text, "malformed counts for 'soup'");
}
END_TEST

START_TEST(model_unsorted_vocabulary_is_refused_with_line)
{
    galley_error err = bad_model("tests/fixtures/section/unsorted.txt");
    ck_assert_int_eq(err.line, 15);
    ck_assert_contains(err.text, "out of order");
}
END_TEST

START_TEST(model_bigram_of_unknown_word_is_refused_with_line)
{
    galley_error err = bad_model("tests/fixtures/section/bigram-unknown-word.txt");
    ck_assert_int_eq(err.line, 17);
    ck_assert_contains(err.text, "the snow");
}
END_TEST

START_TEST(model_missing_file_is_a_config_error)
{
    galley_error err = bad_model("tests/fixtures/section/no-such-model.txt");
    ck_assert_contains(err.text, "cannot open");
}
END_TEST

START_TEST(empty_model_path_is_refused)
{
    /* An empty path option is refused by the core; it used to free the default twice. */
    galley_error err;
    galley_pipeline *p = section_pipeline("\"model\": \"\"", &err);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_contains(err.text, "must name a file");
}
END_TEST

/* Writes a two-label model (left, right) with these stop words and vocabulary lines. */
static const char *write_model(const char *name, const char *stopwords, size_t stop_count,
                               const char *vocabulary, size_t vocab_count)
{
    static char text[1 << 16];
    snprintf(text, sizeof text,
             "galley-section-model 1\nlabels left right\nstemming none\ntemperature 1.00\n"
             "prior left 5\nprior right 5\nstopwords %zu\n%svocabulary %zu\n%send\n",
             stop_count, stopwords, vocab_count, vocabulary);
    return t_write(name, text);
}

/* Loads a pipeline on a model written by write_model that must be refused; returns the error. */
static galley_error refused_model(const char *path)
{
    char options[1200];
    snprintf(options, sizeof options, "\"model\": \"%s\"", path);
    galley_error err;
    galley_pipeline *p = section_pipeline(options, &err);
    ck_assert_msg(p == NULL, "%s was accepted", path);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    return err;
}

START_TEST(model_stop_word_twice_or_in_vocabulary_is_refused_at_the_first)
{
    /* Line 8 is the first stop word. */
    const char *vocabulary = "rain\t0\t5\nsoup\t4\t1\n";
    galley_error err =
        refused_model(write_model("stop-in-vocab.txt", "a\nsoup\nthe\n", 3, vocabulary, 2));
    ck_assert_int_eq(err.line, 9);
    ck_assert_contains(err.text, "stop word 'soup' is listed twice or also in the vocabulary");
    err = refused_model(write_model("stop-twice.txt", "a\nthe\na\n", 3, vocabulary, 2));
    ck_assert_int_eq(err.line, 10);
    ck_assert_contains(err.text, "stop word 'a'");
    /* Both faults: the one earlier in the list is named, whichever kind it is. */
    err = refused_model(write_model("stop-both.txt", "the\nrain\nthe\n", 3, vocabulary, 2));
    ck_assert_int_eq(err.line, 9);
    ck_assert_contains(err.text, "stop word 'rain'");
    err = refused_model(write_model("stop-both-2.txt", "a\na\nrain\n", 3, vocabulary, 2));
    ck_assert_int_eq(err.line, 9);
    ck_assert_contains(err.text, "stop word 'a'");
    /* Two stop words in the vocabulary: the first of the list, not the first met. */
    err = refused_model(write_model("stop-in-vocab-2.txt", "a\nsoup\nrain\n", 3, vocabulary, 2));
    ck_assert_int_eq(err.line, 9);
    ck_assert_contains(err.text, "stop word 'soup'");
    err = refused_model(write_model("stop-in-vocab-3.txt", "a\nrain\nsoup\n", 3, vocabulary, 2));
    ck_assert_int_eq(err.line, 9);
    ck_assert_contains(err.text, "stop word 'rain'");
}
END_TEST

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * Words are looked up by their first 16 bytes and their length, and a longer
 * word by the rest of its bytes too: words of every length up to 40 that
 * differ from another in one byte only, at its start, middle or end (beyond
 * the 16th for the long ones), must each find their own counts, and a word
 * that differs from a known one in two bytes must find none.
 */
START_TEST(words_that_differ_in_one_byte_are_told_apart)
{
    static const size_t lengths[] = {1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 20, 24, 33, 40};
    enum { WORDS = 160 };
    static char words[WORDS][48];
    char *sorted[WORDS];
    int right[WORDS]; /* 1 when a word is counted for "right", 0 for "left" */
    size_t count = 0;
    static char text[16384], unknown[sizeof lengths / sizeof lengths[0]][48];
    size_t text_len = 0;
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
        size_t n = lengths[k];
        char base[48];
        for (size_t i = 0; i < n; i++)
            base[i] = (char)('a' + (i * 7 + n) % 26);
        base[n] = '\0';
        right[count] = 0; /* a base word is left, each of its one-byte variants right */
        snprintf(words[count++], sizeof words[0], "%s", base);
        /* The first and last byte, the middle, and each side of every 4- and 8-byte step. */
        const size_t at[] = {0, 3, 4, 7, 8, 15, 16, n / 2, n - 1};
        for (size_t j = 0; j < sizeof at / sizeof at[0]; j++) {
            int seen = at[j] >= n;
            for (size_t i = 0; i < j; i++)
                seen |= at[i] == at[j];
            if (seen)
                continue;
            right[count] = 1;
            char *w = words[count++];
            snprintf(w, sizeof words[0], "%s", base);
            w[at[j]] = w[at[j]] == 'z' ? 'y' : (char)(w[at[j]] + 1);
        }
        /* Two bytes changed, both after the 16th when the word is long enough: no word of the
           model, though a long one has the first 16 bytes and the length of one. */
        snprintf(unknown[k], sizeof unknown[0], "%s", base);
        if (n >= 2) {
            size_t first = n > 18 ? 17 : 0, second = n - 1;
            unknown[k][first] = base[first] == 'q' ? 'p' : 'q';
            unknown[k][second] = base[second] == 'q' ? 'p' : 'q';
        }
    }
    ck_assert_uint_le(count, WORDS);
    for (size_t i = 0; i < count; i++)
        sorted[i] = words[i];
    qsort(sorted, count, sizeof *sorted, compare_strings);
    static char vocabulary[16384];
    size_t vlen = 0;
    for (size_t i = 0; i < count; i++) {
        ck_assert(i == 0 || strcmp(sorted[i - 1], sorted[i]) < 0);
        size_t w = (size_t)(sorted[i] - words[0]) / sizeof words[0];
        vlen += (size_t)snprintf(vocabulary + vlen, sizeof vocabulary - vlen, "%s\t%d\t%d\n",
                                 sorted[i], right[w] ? 0 : 9, right[w] ? 9 : 0);
    }
    /* One block per word, the known ones and then the unknown ones. */
    for (size_t i = 0; i < count; i++)
        text_len += (size_t)snprintf(text + text_len, sizeof text - text_len, "%s\n\n", words[i]);
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++)
        if (lengths[k] >= 2)
            text_len +=
                (size_t)snprintf(text + text_len, sizeof text - text_len, "%s\n\n", unknown[k]);
    /* And a block of 15 characters in 28 bytes, none of them a word of the model. */
    text_len += (size_t)snprintf(text + text_len, sizeof text - text_len,
                                 "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 "
                                 "\xd0\xbc\xd0\xb8\xd1\x80 \xd1\x91\xd0\xbb\xd0\xba\xd0\xb0\n");
    const char *path = write_model("one-byte-apart.txt", "the\n", 1, vocabulary, count);
    char options[1200];
    snprintf(options, sizeof options, "\"model\": \"%s\", \"stay\": 0, \"context\": 0", path);
    json_t *doc = classify(options, text);
    for (size_t i = 0; i < count; i++)
        ck_assert_msg(strcmp(block_label(doc, i), right[i] ? "right" : "left") == 0,
                      "'%s' read as %s", words[i], block_label(doc, i));
    size_t b = count;
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++)
        if (lengths[k] >= 2) {
            ck_assert_msg(strcmp(block_label(doc, b), "other") == 0, "unknown '%s' read as %s",
                          unknown[k], block_label(doc, b));
            b++;
        }
    /* The shares of the characters: the fallback, no label of this model, has the unknown
       words'. */
    double chars[3] = {0, 0, 0}; /* left, right, other */
    for (size_t i = 0; i < count; i++)
        chars[right[i]] += (double)strlen(words[i]);
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++)
        if (lengths[k] >= 2)
            chars[2] += (double)strlen(unknown[k]);
    chars[2] += 15;
    const json_t *shares = json_object_get(result(doc), "shares");
    ck_assert_uint_eq(json_object_size(shares), 3);
    static const char *const names[3] = {"left", "right", "other"};
    for (size_t l = 0; l < 3; l++)
        ck_assert_double_eq_tol(json_number_value(json_object_get(shares, names[l])),
                                chars[l] / (chars[0] + chars[1] + chars[2]), 1e-9);
    json_decref(doc);
}
END_TEST

/*
 * The classifier must strip the suffixes training strips (README.md,
 * Features): each word below is looked up as its term, which the model counts
 * for "right", and never as the word itself or another cut of it, which the
 * model counts for "left".  Short words, words alike but for their length,
 * possessives and words longer than 16 bytes, where the term's key is cut or
 * rewritten, included.
 */
START_TEST(classifier_stems_words_as_training_does)
{
    static const char *const pairs[][2] = {
        {"Shelling", "shell"},
        {"shelled", "shell"},
        {"shells", "shell"},
        {"Russia's", "russia"},
        {"parties", "party"},
        {"ties", "tie"},
        {"classes", "class"},
        {"endings", "end"},
        {"kings", "king"},
        {"bus", "bus"},
        {"campus", "campus"},
        {"analysis", "analysis"},
        {"glass", "glass"},
        {"sing", "sing"},
        {"bred", "bred"},
        {"freed", "fre"},
        {"bring", "bring"},
        {"string", "str"},
        {"is", "is"},
        {"counterinsurgencies", "counterinsurgency"},
        {"internationalisations", "internationalisation"},
        {"misunderstandings", "misunderstand"},
        {"reconnaissances", "reconnaissance"},
        {"mass", "mass"},
        {"passes", "pass"},
        {"Europe's", "europe"},
        {"cities", "city"},
    };
    enum { PAIRS = sizeof pairs / sizeof pairs[0], ENTRIES = PAIRS * 5 };
    static char terms[ENTRIES][48];
    int right[ENTRIES];
    char *order[ENTRIES];
    size_t count = 0;
    static char text[4096];
    size_t text_len = 0;
    for (size_t i = 0; i < PAIRS; i++) {
        const char *word = pairs[i][0], *stem = pairs[i][1];
        text_len += (size_t)snprintf(text + text_len, sizeof text - text_len, "%s\n\n", word);
        snprintf(terms[count], sizeof terms[0], "%s", stem);
        right[count++] = 1;
        /* The folded word and its other cuts, down to three bytes, as decoys. */
        char folded[48];
        size_t n = strlen(word);
        for (size_t k = 0; k <= n; k++)
            folded[k] = (char)(word[k] >= 'A' && word[k] <= 'Z' ? word[k] + 32 : word[k]);
        for (size_t cut = 0; cut <= 4 && n - cut >= 3; cut++) {
            if (n - cut == strlen(stem) && memcmp(folded, stem, n - cut) == 0)
                continue;
            snprintf(terms[count], sizeof terms[0], "%.*s", (int)(n - cut), folded);
            right[count++] = 0;
        }
    }
    for (size_t i = 0; i < count; i++)
        order[i] = terms[i];
    qsort(order, count, sizeof *order, compare_strings);
    static char vocabulary[16384];
    size_t vlen = 0, lines = 0;
    for (size_t i = 0; i < count;) {
        /* A string that is one word's term and another's decoy counts as a term. */
        int is_right = 0;
        size_t j = i;
        for (; j < count && strcmp(order[j], order[i]) == 0; j++)
            is_right |= right[(size_t)(order[j] - terms[0]) / sizeof terms[0]];
        vlen += (size_t)snprintf(vocabulary + vlen, sizeof vocabulary - vlen, "%s\t%d\t%d\n",
                                 order[i], is_right ? 0 : 9, is_right ? 9 : 0);
        lines++;
        i = j;
    }
    static char model[1 << 15];
    snprintf(model, sizeof model,
             "galley-section-model 1\nlabels left right\nstemming light\ntemperature 1.00\n"
             "prior left 5\nprior right 5\nstopwords 1\nthe\nvocabulary %zu\n%send\n",
             lines, vocabulary);
    char options[1200];
    snprintf(options, sizeof options, "\"model\": \"%s\", \"stay\": 0, \"context\": 0",
             t_write("stems.txt", model));
    json_t *doc = classify(options, text);
    for (size_t i = 0; i < PAIRS; i++)
        ck_assert_msg(strcmp(block_label(doc, i), "right") == 0, "'%s' not read as '%s'",
                      pairs[i][0], pairs[i][1]);
    json_decref(doc);
}
END_TEST

/*
 * Every ordered pair of 20 words, 60 of which are bigrams of the model, each
 * pulling hard to one label (one counted 3000 times, one never), in a table
 * of 128 slots: some bigrams sit past their first slot, and some pairs that
 * are no bigram get through the filter to a slot that holds another.  Each
 * block of two words must come out with the posterior of its two words and,
 * when it has one, its bigram, computed here from the counts; a comma between
 * the two words breaks the pair.
 */
START_TEST(every_bigram_is_found_wherever_it_sits)
{
    static const char *const words[20] = {
        "amber", "birch", "cedar", "delta", "ember", "fable", "grove", "haven", "ivory", "jewel",
        "kayak", "lemon", "maple", "noble", "ocean", "pearl", "quill", "raven", "solar", "tulip"};
    enum { WORDS = 20, BIGRAMS = 60 };
    static char lines[WORDS + BIGRAMS][64];
    char *sorted[WORDS + BIGRAMS];
    int bigram[WORDS][WORDS]; /* its index, or -1 */
    double count[WORDS + BIGRAMS][2], total[2] = {0, 0};
    for (size_t a = 0; a < WORDS; a++)
        for (size_t b = 0; b < WORDS; b++)
            bigram[a][b] = -1;
    for (size_t k = 0; k < WORDS; k++) {
        count[k][0] = (double)(1 + k % 3);
        count[k][1] = 2;
        snprintf(lines[k], sizeof lines[0], "%s\t%g\t%g\n", words[k], count[k][0], count[k][1]);
    }
    for (size_t i = 0; i < BIGRAMS; i++) {
        size_t a = (i * 7) % WORDS, b = (i * 3 + i / WORDS) % WORDS, k = WORDS + i;
        ck_assert_int_eq(bigram[a][b], -1);
        bigram[a][b] = (int)k;
        count[k][0] = i % 2 ? (double)(5 + i % 7) : 0;
        count[k][1] = i % 2 ? 0 : (double)(5 + i % 5);
        if (i == 0) /* placed first in the table (model.c puts the most frequent first) */
            count[k][1] = 3000;
        if (i == 1) /* and last: a bigram no training paragraph had */
            count[k][0] = 0;
        snprintf(lines[k], sizeof lines[0], "%s %s\t%g\t%g\n", words[a], words[b], count[k][0],
                 count[k][1]);
    }
    static char vocabulary[8192], text[32768];
    size_t vlen = 0, tlen = 0;
    for (size_t k = 0; k < WORDS + BIGRAMS; k++) {
        sorted[k] = lines[k];
        total[0] += count[k][0];
        total[1] += count[k][1];
    }
    qsort(sorted, WORDS + BIGRAMS, sizeof *sorted, compare_strings);
    for (size_t k = 0; k < WORDS + BIGRAMS; k++)
        vlen += (size_t)snprintf(vocabulary + vlen, sizeof vocabulary - vlen, "%s", sorted[k]);
    /* The model's log-probabilities (floats, as it keeps them), smoothing 0.1. */
    double logp[WORDS + BIGRAMS][2];
    for (size_t k = 0; k < WORDS + BIGRAMS; k++)
        for (size_t l = 0; l < 2; l++)
            logp[k][l] = (float)(log(count[k][l] + 0.1) - log(total[l] + 0.1 * (WORDS + BIGRAMS)));
    for (size_t a = 0; a < WORDS; a++)
        for (size_t b = 0; b < WORDS; b++)
            tlen += (size_t)snprintf(text + tlen, sizeof text - tlen, "%s %s.\n\n%s, %s.\n\n",
                                     words[a], words[b], words[a], words[b]);
    char options[1200];
    snprintf(options, sizeof options, "\"model\": \"%s\", \"stay\": 0, \"context\": 0",
             write_model("pairs.txt", "the\n", 1, vocabulary, WORDS + BIGRAMS));
    json_t *doc = classify(options, text);
    size_t found = 0;
    for (size_t a = 0; a < WORDS; a++)
        for (size_t b = 0; b < WORDS; b++)
            for (int broken = 0; broken < 2; broken++) {
                size_t i = 2 * (a * WORDS + b) + (size_t)broken;
                double odds = logp[a][0] + logp[b][0] - logp[a][1] - logp[b][1];
                if (!broken && bigram[a][b] >= 0) {
                    odds += logp[bigram[a][b]][0] - logp[bigram[a][b]][1];
                    found++;
                }
                double left = 1 / (1 + exp(-odds));
                ck_assert_msg(strcmp(block_label(doc, i), left >= 0.5 ? "left" : "right") == 0 &&
                                  fabs(block_p(doc, i) - (left >= 0.5 ? left : 1 - left)) < 1e-6,
                              "'%s%s %s': %s %.6f, expected left %.6f", words[a], broken ? "," : "",
                              words[b], block_label(doc, i), block_p(doc, i), left);
            }
    ck_assert_uint_eq(found, BIGRAMS);
    json_decref(doc);

    /* Long blocks of those words in a random order, with commas, full stops, numbers and one
       or two unknown words between some of them, each of which breaks the pair around it: the
       classifier looks words up in chunks of 32 terms, and a pair or a break must count the
       same at a chunk's edge as inside one.  At temperature 50 no posterior is near 0 or 1,
       so a pair counted or missed shows. */
    static char model[16384], blocks[8][4096];
    snprintf(model, sizeof model,
             "galley-section-model 1\nlabels left right\nstemming none\ntemperature 50.00\n"
             "prior left 5\nprior right 5\nstopwords 1\nthe\nvocabulary %d\n%send\n",
             WORDS + BIGRAMS, vocabulary);
    snprintf(options, sizeof options, "\"model\": \"%s\", \"stay\": 0, \"context\": 0",
             t_write("pairs-50.txt", model));
    static const char *const breaks[] = {", ", ". ", " 7 ", " zqxv ", " (", ") ", " zqxv plorbt "};
    uint32_t seed = 12345;
    double expected[8];
    tlen = 0;
    for (size_t k = 0; k < 8; k++) {
        size_t words_in = 40 + 23 * k, blen = 0;
        double odds = 0;
        int before = -1; /* the word before, when nothing came between */
        for (size_t i = 0; i < words_in; i++) {
            seed = seed * 1103515245u + 12345u;
            size_t w = (seed >> 8) % WORDS;
            int gap = i > 0 && (seed >> 20) % 4 == 0;
            if (gap)
                blen += (size_t)snprintf(blocks[k] + blen, sizeof blocks[k] - blen, "%s",
                                         breaks[(seed >> 24) % 7]);
            else if (i > 0)
                blen += (size_t)snprintf(blocks[k] + blen, sizeof blocks[k] - blen, " ");
            blen += (size_t)snprintf(blocks[k] + blen, sizeof blocks[k] - blen, "%s", words[w]);
            odds += logp[w][0] - logp[w][1];
            if (!gap && before >= 0 && bigram[before][w] >= 0)
                odds += logp[bigram[before][w]][0] - logp[bigram[before][w]][1];
            before = (int)w;
        }
        expected[k] = 1 / (1 + exp(-odds / 50));
        tlen += (size_t)snprintf(text + tlen, sizeof text - tlen, "%s.\n\n", blocks[k]);
    }
    doc = classify(options, text);
    for (size_t k = 0; k < 8; k++) {
        double left = expected[k];
        ck_assert_msg(strcmp(block_label(doc, k), left >= 0.5 ? "left" : "right") == 0 &&
                          fabs(block_p(doc, k) - (left >= 0.5 ? left : 1 - left)) < 1e-9,
                      "long block %zu: %s %.9f, expected left %.9f", k, block_label(doc, k),
                      block_p(doc, k), left);
    }
    json_decref(doc);
}
END_TEST

/*
 * A model of more labels than a row of the tables holds in registers
 * (SECTION_ROW, 4) adds its evidence label by label instead: each word must
 * still count for its own label, and a bigram must add to its words.
 */
START_TEST(model_of_many_labels_adds_every_label)
{
    static const char model[] =
        "galley-section-model 1\n"
        "labels five four one six three two\n"
        "stemming none\ntemperature 1.00\n"
        "prior five 5\nprior four 5\nprior one 5\nprior six 5\nprior three 5\nprior two 5\n"
        "stopwords 1\nthe\n"
        "vocabulary 9\n"
        "apple\t0\t0\t9\t0\t0\t0\n"
        "cherry\t0\t0\t0\t0\t9\t0\n"
        "fig\t9\t0\t0\t0\t0\t0\n"
        "fox\t0\t0\t3\t0\t0\t2\n"
        "kiwi\t0\t0\t0\t9\t0\t0\n"
        "pear\t0\t0\t0\t0\t0\t9\n"
        "plum\t0\t9\t0\t0\t0\t0\n"
        "red\t0\t0\t3\t0\t0\t2\n"
        "red fox\t0\t0\t0\t0\t0\t40\n"
        "end\n";
    char options[1200];
    snprintf(options, sizeof options, "\"model\": \"%s\", \"stay\": 0, \"context\": 0",
             t_write("six-labels.txt", model));
    json_t *doc = classify(options, "Apple.\n\nPear.\n\nCherry.\n\nPlum.\n\nFig.\n\nKiwi.\n\n"
                                    "Red, fox.\n\nThe red fox.\n");
    static const char *const expected[] = {"one",  "two", "three", "four",
                                           "five", "six", "one",   "two"};
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        ck_assert_msg(strcmp(block_label(doc, i), expected[i]) == 0, "block %zu is %s, not %s", i,
                      block_label(doc, i), expected[i]);
    json_decref(doc);
}
END_TEST

/* ---- blocks, context and the document ------------------------------------ */

START_TEST(block_without_known_words_is_other_with_low_probability)
{
    json_t *doc = classify(NULL, "Zqxv plorbt vrimsk.\n");
    ck_assert_str_eq(block_label(doc, 0), "other");
    ck_assert(block_p(doc, 0) < 0.5);
    ck_assert_str_eq(json_string_value(json_object_get(result(doc), "label")), "other");
    assert_all_finite(doc);
    json_decref(doc);

    /* Inside a war story too: no evidence is not inherited as a label. */
    char text[4096];
    snprintf(text, sizeof text, "%s\nQwzx vlorp.\n", war_story);
    doc = classify(NULL, text);
    ck_assert_str_eq(block_label(doc, 5), "other");
    ck_assert(block_p(doc, 5) < 0.5);
    assert_all_finite(doc);
    json_decref(doc);
}
END_TEST

START_TEST(empty_scope_gives_fallback_and_no_attributes)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(
        "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"m\", \"plugin\": \"marker\"},"
        "{\"id\": \"section\", \"plugin\": \"section\", \"scope\": {\"kind\": \"none\"}}]}",
        &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(p, war_story, &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    ck_assert_ptr_null(block_label(doc, 0));
    const json_t *r = result(doc);
    ck_assert_str_eq(json_string_value(json_object_get(r, "label")), "other");
    ck_assert_double_eq(json_number_value(json_object_get(r, "p")), 0.0);
    ck_assert_int_eq(json_integer_value(json_object_get(r, "blocks")), 0);
    ck_assert_double_eq(json_number_value(json_object_get(json_object_get(r, "shares"), "war")),
                        0.0);
    ck_assert_uint_eq(count_findings(doc, "topic-shift"), 0);
    assert_all_finite(doc);
    json_decref(doc);
    galley_pipeline_free(p);
}
END_TEST

START_TEST(war_story_that_mentions_fashion_is_war)
{
    json_t *doc = classify(NULL, war_story);
    const json_t *r = result(doc);
    ck_assert_str_eq(json_string_value(json_object_get(r, "label")), "war");
    ck_assert(json_number_value(json_object_get(r, "p")) > 0.9);
    double sum = 0;
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)json_object_get(r, "shares"), k, v) sum += json_number_value(v);
    ck_assert_double_eq_tol(sum, 1.0, 1e-9);
    json_decref(doc);
}
END_TEST

START_TEST(fashion_story_set_in_war_is_lifestyle)
{
    json_t *doc = classify(NULL, fashion_story);
    ck_assert_str_eq(json_string_value(json_object_get(result(doc), "label")), "lifestyle");
    for (size_t i = 0; i < 4; i++)
        ck_assert_str_eq(block_label(doc, i), "lifestyle");
    json_decref(doc);
}
END_TEST

/* The options that judge every block on its own words and the model's prior alone. */
#define ALONE "\"stay\": 0, \"context\": 0"

START_TEST(context_option_lets_short_blocks_follow_the_story)
{
    /* Alone, the boutique line and the owner's quote, which have no word of war, are not war;
     * in this story they are. */
    json_t *alone = classify(ALONE, war_story);
    ck_assert_str_ne(block_label(alone, 2), "war");
    ck_assert_str_ne(block_label(alone, 3), "war");
    json_t *in_context = classify(NULL, war_story);
    ck_assert_str_eq(block_label(in_context, 2), "war");
    ck_assert_str_eq(block_label(in_context, 3), "war");
    /* ... while long paragraphs keep their own label at any setting */
    ck_assert_str_eq(block_label(alone, 0), "war");
    ck_assert_str_eq(block_label(in_context, 0), "war");
    json_decref(alone);
    json_decref(in_context);
}
END_TEST

START_TEST(stay_and_context_zero_judge_each_block_alone)
{
    /* Each block of the shift story, classified as a document of its own, gives the same label
     * and probability as inside the story with stay 0 and context 0. */
    json_t *story = classify(ALONE, shift_story);
    const char *start = shift_story;
    for (size_t i = 0; i < 7; i++) {
        const char *end = strstr(start, "\n\n");
        size_t n = end ? (size_t)(end - start) : strlen(start);
        char one[1024];
        ck_assert_uint_lt(n, sizeof one);
        memcpy(one, start, n);
        one[n] = '\0';
        json_t *doc = classify(NULL, one);
        ck_assert_str_eq(block_label(story, i), block_label(doc, 0));
        ck_assert_double_eq_tol(block_p(story, i), block_p(doc, 0), 1e-9);
        json_decref(doc);
        start = end ? end + 2 : start + n;
    }
    json_decref(story);
}
END_TEST

START_TEST(stay_option_holds_a_run_together)
{
    /* The quote in the middle of the air raid ("Everyone just ran") has too few words of its
     * own: without the chain it goes with the fashion story around the raid, and the raid is
     * cut into two single blocks, too short for a topic shift. */
    json_t *loose = classify("\"stay\": 0", shift_story);
    ck_assert_str_ne(block_label(loose, 3), "war");
    ck_assert_str_eq(block_label(loose, 2), "war");
    ck_assert_str_eq(block_label(loose, 4), "war");
    ck_assert_uint_eq(count_findings(loose, "topic-shift"), 0);
    json_t *sticky = classify(NULL, shift_story);
    for (size_t i = 2; i <= 4; i++)
        ck_assert_str_eq(block_label(sticky, i), "war");
    ck_assert_uint_eq(count_findings(sticky, "topic-shift"), 1);
    json_decref(loose);
    json_decref(sticky);
}
END_TEST

/* Appends to buf (of size cap, holding len bytes) names that no model knows. */
static size_t append_unknown_names(char *buf, size_t len, size_t cap, size_t count)
{
    static const char *const stems[] = {"Zorvakel", "Quonbrix", "Vathmiru", "Keltrosz",
                                        "Drixovel", "Yulmepra", "Sintgorm", "Obravask"};
    static const char *const endings[] = {"ek", "ov", "ain"};
    for (size_t i = 0; i < count; i++) {
        int n = snprintf(buf + len, cap - len, " %s%s", stems[i % 8], endings[i % 3]);
        ck_assert(n > 0 && (size_t)n < cap - len);
        len += (size_t)n;
    }
    return len;
}

/* The posteriors of three blocks under the chain with context 0 and two labels of equal prior:
   e[i] are the blocks' likelihoods of the first label over the second, keep[i] the
   probability that block i keeps the section of block i - 1. */
static void chain_of_three(const double e[3], const double keep[3], double post[3][2])
{
    double total = 0;
    for (int i = 0; i < 3; i++)
        post[i][0] = post[i][1] = 0;
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++)
            for (int c = 0; c < 2; c++) {
                double joint = 0.5 * (a == 0 ? e[0] : 1) *
                               ((a == b ? keep[1] : 0) + (1 - keep[1]) * 0.5) *
                               (b == 0 ? e[1] : 1) *
                               ((b == c ? keep[2] : 0) + (1 - keep[2]) * 0.5) * (c == 0 ? e[2] : 1);
                post[0][a] += joint;
                post[1][b] += joint;
                post[2][c] += joint;
                total += joint;
            }
    for (int i = 0; i < 3; i++)
        for (int l = 0; l < 2; l++)
            post[i][l] /= total;
}

START_TEST(a_heading_turns_with_the_paragraph_it_opens)
{
    /* The same two weather words as a heading (no full stop) and as a sentence: the turn into
       a heading is as likely as at the start of the paragraph after it (stay^((13 + 22) /
       200)), the turn into the sentence is that of its own 14 characters. */
    static const char *const texts[] = {
        "Bread and soup.\n\nWind and rain\n\nThe rain and the wind.\n",
        "Bread and soup.\n\nWind and rain.\n\nThe rain and the wind.\n"};
    static const double into[] = {13 + 22, 14};
    char alone[1200], sticky[1200];
    const char *model = t_source("tests/fixtures/section/tiny-model.txt");
    snprintf(alone, sizeof alone, "\"model\": \"%s\", %s, \"min_confidence\": 0", model, ALONE);
    snprintf(sticky, sizeof sticky,
             "\"model\": \"%s\", \"stay\": 0.9, \"context\": 0, \"min_confidence\": 0", model);
    double heading_weather[2];
    for (int k = 0; k < 2; k++) {
        json_t *by_itself = classify(alone, texts[k]), *doc = classify(sticky, texts[k]);
        double e[3], keep[3] = {0, pow(0.9, into[k] / 200.0), pow(0.9, 22 / 200.0)}, post[3][2];
        for (size_t i = 0; i < 3; i++) {
            double p = block_p(by_itself, i);
            double food = strcmp(block_label(by_itself, i), "food") == 0 ? p : 1 - p;
            e[i] = food / (1 - food);
        }
        chain_of_three(e, keep, post);
        for (size_t i = 0; i < 3; i++) {
            int food = strcmp(block_label(doc, i), "food") == 0;
            ck_assert_msg(fabs(block_p(doc, i) - post[i][food ? 0 : 1]) < 1e-9,
                          "text %d block %zu: p %.12f, expected %.12f", k, i, block_p(doc, i),
                          post[i][food ? 0 : 1]);
        }
        heading_weather[k] = post[1][1];
        json_decref(by_itself);
        json_decref(doc);
    }
    /* and so a heading follows the paragraph it opens more readily than a sentence would */
    ck_assert_double_gt(heading_weather[0], heading_weather[1]);
}
END_TEST

START_TEST(long_paragraph_can_turn_where_a_short_block_cannot)
{
    /* The same words about clothes in a war report, once as a short line and once padded to
     * about 900 characters with names the model does not know: the same evidence, so the same
     * probability alone, but a long block keeps its predecessor's section less often. The rest
     * of the body is left out (context 0) so that only the chain decides. */
    static const char head[] =
        "Russian glide bombs hit the centre of Kharkiv overnight, destroying a school and "
        "damaging dozens of apartment blocks, the regional governor said.\n\n"
        "Rescuers searched the rubble for survivors until dawn while air raid sirens sounded "
        "again across the city and drones circled overhead.\n\n"
        "The new collection of silk dresses and knitted cardigans sold out online in a day.";
    static const char tail[] =
        "\n\nSoldiers defending the northern approaches say the shelling has grown heavier since "
        "the spring, and the army has moved more air defence units to the region to shoot down "
        "missiles and drones.\n";
    char short_text[2048], long_text[4096];
    snprintf(short_text, sizeof short_text, "%s%s", head, tail);
    size_t n = append_unknown_names(
        long_text, (size_t)snprintf(long_text, sizeof long_text, "%s", head), sizeof long_text, 80);
    snprintf(long_text + n, sizeof long_text - n, "%s", tail);

    json_t *short_alone = classify(ALONE, short_text), *long_alone = classify(ALONE, long_text);
    ck_assert_str_eq(block_label(short_alone, 2), "lifestyle");
    ck_assert_str_eq(block_label(long_alone, 2), "lifestyle");
    ck_assert_double_eq_tol(block_p(short_alone, 2), block_p(long_alone, 2), 1e-9);
    /* at stay 0.85 a block of 200 characters keeps its predecessor's section with p 0.85,
       one of 900 with p 0.85^4.5 = 0.48 */
    json_t *short_doc = classify("\"context\": 0, \"stay\": 0.85", short_text);
    json_t *long_doc = classify("\"context\": 0, \"stay\": 0.85", long_text);
    ck_assert_str_eq(block_label(short_doc, 2), "war");
    ck_assert_str_eq(block_label(long_doc, 2), "lifestyle");
    json_decref(short_alone);
    json_decref(long_alone);
    json_decref(short_doc);
    json_decref(long_doc);
}
END_TEST

START_TEST(context_option_weighs_the_rest_of_the_body)
{
    /* A paragraph about a street's cafes in a war report, with the chain off (stay 0): with
     * context 0 its prior is the model's and it stays lifestyle; at 0.99 its prior is what the
     * rest of the report is about, and it follows the report.  A paragraph whose own words
     * are overwhelmingly lifestyle keeps its label even then, but less surely. */
#define WAR_BEFORE                                                                                 \
    "Russian glide bombs hit the centre of Kharkiv overnight, destroying a school and "            \
    "damaging dozens of apartment blocks, the regional governor said.\n\n"                          \
    "Rescuers searched the rubble for survivors until dawn while air raid sirens sounded "        \
    "again across the city and drones circled overhead.\n\n"
#define WAR_AFTER                                                                                  \
    "\n\nSoldiers defending the northern approaches say the shelling has grown heavier since "    \
    "the spring, and the army has moved more air defence units to the region to shoot down "      \
    "missiles and drones.\n"
    static const char text[] =
        WAR_BEFORE "The street is known for its cafes and bakeries, where students and young "
                   "families spend their weekends over coffee and cakes, browsing second-hand "
                   "books." WAR_AFTER;
    static const char strong[] =
        WAR_BEFORE "The street is known for its cafes, bakeries and small boutiques, where "
                   "students and young families spend their weekends over coffee and cakes, "
                   "browsing vintage clothes, handmade jewellery and second-hand books, while "
                   "musicians play on the corner." WAR_AFTER;
#undef WAR_BEFORE
#undef WAR_AFTER
    json_t *none = classify("\"stay\": 0, \"context\": 0", text);
    json_t *half = classify("\"stay\": 0, \"context\": 0.5", text);
    json_t *most = classify("\"stay\": 0, \"context\": 0.99", text);
    ck_assert_str_eq(block_label(none, 2), "lifestyle");
    ck_assert_str_eq(block_label(half, 2), "lifestyle");
    ck_assert(block_p(half, 2) < block_p(none, 2));
    ck_assert_str_eq(block_label(most, 2), "war");
    json_decref(none);
    json_decref(half);
    json_decref(most);
    none = classify("\"stay\": 0, \"context\": 0", strong);
    most = classify("\"stay\": 0, \"context\": 0.99", strong);
    ck_assert_str_eq(block_label(most, 2), "lifestyle");
    ck_assert(block_p(most, 2) < block_p(none, 2));
    json_decref(none);
    json_decref(most);
}
END_TEST

START_TEST(long_body_and_extreme_options_stay_finite)
{
    /* Three thousand blocks (war, fashion, unknown words and a few very long ones) at the ends
     * of the option ranges: forward-backward runs in log space, so nothing underflows. */
    static const char *const paragraphs[] = {
        "Artillery shelled the front line and drones hit an ammunition depot.",
        "The designer showed linen dresses and silk scarves at the show.",
        "Qwzx vlorp.",
        "Parliament will vote on the budget after the opposition leader demanded a debate.",
    };
    size_t cap = 1u << 20, len = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    for (size_t i = 0; i < 3000; i++) {
        if (i % 500 == 499) {
            len = append_unknown_names(text, len, cap, 400);
            text[len++] = '\n';
            text[len++] = '\n';
            continue;
        }
        int n = snprintf(text + len, cap - len, "%s\n\n", paragraphs[(i * 7 / 3) % 4]);
        ck_assert(n > 0 && (size_t)n < cap - len);
        len += (size_t)n;
    }
    text[len] = '\0';
    static const char *const settings[] = {"\"stay\": 0.99, \"context\": 0.99",
                                           "\"stay\": 0, \"context\": 0",
                                           "\"stay\": 0.99, \"context\": 0", NULL};
    for (size_t k = 0; settings[k]; k++) {
        json_t *doc = classify(settings[k], text);
        assert_all_finite(doc);
        ck_assert_int_eq(json_integer_value(json_object_get(result(doc), "blocks")), 3000);
        for (size_t i = 0; i < 3000; i += 37) {
            double p = block_p(doc, i);
            ck_assert(p >= 0 && p <= 1);
        }
        json_decref(doc);
    }
    free(text);
}
END_TEST

START_TEST(topic_shift_says_from_what_to_what_and_where)
{
    json_t *doc = classify(NULL, shift_story);
    ck_assert_str_eq(json_string_value(json_object_get(result(doc), "label")), "lifestyle");
    ck_assert_uint_eq(count_findings(doc, "topic-shift"), 1);
    const json_t *f = json_array_get(json_object_get(doc, "findings"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(f, "severity")), "info");
    const char *message = json_string_value(json_object_get(f, "message"));
    ck_assert_contains(message, "from lifestyle to war");
    ck_assert_contains(message, "blocks 2-4");
    ck_assert_contains(message, "lines 5-9");
    ck_assert_int_eq(json_integer_value(json_object_get(f, "line")), 5);
    json_decref(doc);

    /* A story that stays on its subject has no shift. */
    doc = classify(NULL, fashion_story);
    ck_assert_uint_eq(count_findings(doc, "topic-shift"), 0);
    json_decref(doc);
}
END_TEST

START_TEST(shift_blocks_option_sets_the_shortest_run)
{
    json_t *doc = classify("\"shift_blocks\": 3", shift_story);
    ck_assert_uint_eq(count_findings(doc, "topic-shift"), 1);
    json_decref(doc);
    doc = classify("\"shift_blocks\": 4", shift_story);
    ck_assert_uint_eq(count_findings(doc, "topic-shift"), 0);
    json_decref(doc);
}
END_TEST

START_TEST(min_confidence_option_falls_back_to_other)
{
    json_t *doc = classify(NULL, war_story);
    double p3 = block_p(doc, 3);
    ck_assert_str_eq(block_label(doc, 3), "war");
    json_decref(doc);
    /* Just above the quote's probability: the quote falls back, the long paragraphs do not. */
    char options[64];
    snprintf(options, sizeof options, "\"min_confidence\": %.9f", p3 + (1 - p3) / 2);
    doc = classify(options, war_story);
    ck_assert_str_eq(block_label(doc, 3), "other");
    ck_assert(block_p(doc, 3) < 0.5); /* the probability of "other", not of war */
    ck_assert_str_eq(block_label(doc, 0), "war");
    json_decref(doc);
}
END_TEST

START_TEST(fallback_option_names_the_unsure_label)
{
    json_t *doc = classify("\"min_confidence\": 1, \"fallback\": \"unsure\"", shift_story);
    size_t unsure = 0;
    for (size_t i = 0; i < 7; i++)
        if (strcmp(block_label(doc, i), "unsure") == 0) {
            unsure++;
            /* the model has no such label, so it gives it no probability */
            ck_assert_double_eq(block_p(doc, i), 0.0);
        }
    ck_assert_uint_gt(unsure, 0);
    ck_assert(json_object_get(json_object_get(result(doc), "shares"), "unsure") != NULL);
    json_decref(doc);
}
END_TEST

START_TEST(smoothing_option_is_checked_and_changes_probabilities)
{
    galley_error err;
    galley_pipeline *p = section_pipeline("\"smoothing\": 0", &err);
    ck_assert_ptr_null(p);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_contains(err.text, "smoothing");
    json_t *sharp = classify("\"smoothing\": 0.01", war_story);
    json_t *flat = classify("\"smoothing\": 20", war_story);
    ck_assert(fabs(block_p(sharp, 3) - block_p(flat, 3)) > 1e-3);
    json_decref(sharp);
    json_decref(flat);
}
END_TEST

START_TEST(bad_option_values_are_config_errors)
{
    /* stay and context stop below 1 so that every label stays possible; context 3 (a value of
     * the earlier 0-10 scale) and neighbours (an option the chain replaced) are refused loudly
     * rather than read as something else. */
    static const char *const bad[] = {
        "\"min_confidence\": 1.5", "\"context\": -1",     "\"context\": 1",
        "\"context\": 3",          "\"stay\": 1",         "\"stay\": -0.1",
        "\"neighbours\": 2",       "\"shift_blocks\": 0", "\"fallback\": \"two words\""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        galley_error err;
        galley_pipeline *p = section_pipeline(bad[i], &err);
        ck_assert_msg(p == NULL, "%s was accepted", bad[i]);
        ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    }
}
END_TEST

/* ---- training ------------------------------------------------------------- */

static int train(const char *dir, const char *options_json, const char *output, int folds,
                 unsigned seed, json_t **report, galley_error *err)
{
    json_t *options = options_json ? json_loads(options_json, 0, NULL) : NULL;
    galley_train_params params;
    memset(&params, 0, sizeof params);
    params.struct_size = sizeof params;
    params.output = output;
    params.folds = folds;
    params.seed = seed;
    int rc = galley_train("section", t_load_options(), options, dir, &params, report, err);
    json_decref(options);
    return rc;
}

START_TEST(retraining_reproduces_the_shipped_model_byte_for_byte)
{
    galley_error err;
    json_t *report = NULL;
    char out[1024];
    snprintf(out, sizeof out, "%s/model.txt", t_dir());
    /* the shipped model is trained on the training set and the dev half of the corpus,
       keeping the features seen at least twice */
    json_t *options = json_pack("{s:i}", "min_count", 3);
    galley_train_params params;
    memset(&params, 0, sizeof params);
    params.struct_size = sizeof params;
    params.output = out;
    params.seed = 1;
    int rc = galley_train_corpus("section", t_load_options(), options,
                                 t_source("plugins/section/train"), t_source("corpus"), NULL,
                                 &params, &report, &err);
    json_decref(options);
    ck_assert_msg(rc == 0, "%s", err.text);
    size_t n1, n2;
    char *made = t_read(out, &n1);
    char *shipped = t_read(t_source("plugins/section/data/model.txt"), &n2);
    ck_assert_ptr_nonnull(made);
    ck_assert_ptr_nonnull(shipped);
    ck_assert_msg(n1 == n2 && memcmp(made, shipped, n1) == 0,
                  "retrained model differs from plugins/section/data/model.txt: retrain it with "
                  "galley train section plugins/section/train --corpus corpus "
                  "--option min_count=3 -o plugins/section/data/model.txt");
    free(made);
    free(shipped);
    ck_assert_int_gt(json_integer_value(json_object_get(report, "vocabulary")), 1000);
    json_decref(report);
}
END_TEST

START_TEST(cross_validation_is_reported_and_deterministic)
{
    galley_error err;
    json_t *a = NULL, *b = NULL;
    const char *dir = t_source("tests/fixtures/section/newsroom");
    ck_assert_int_eq(train(dir, NULL, NULL, 3, 7, &a, &err), 0);
    ck_assert_int_eq(train(dir, NULL, NULL, 3, 7, &b, &err), 0);
    const json_t *cv = json_object_get(a, "cv");
    ck_assert_int_eq(json_integer_value(json_object_get(cv, "folds")), 3);
    ck_assert_int_eq(json_integer_value(json_object_get(cv, "seed")), 7);
    double accuracy = json_number_value(json_object_get(cv, "accuracy"));
    double f1 = json_number_value(json_object_get(cv, "macro_f1"));
    ck_assert(accuracy >= 0 && accuracy <= 1 && f1 >= 0 && f1 <= 1);
    /* The confusion matrix covers every paragraph once, and agrees with the accuracy. */
    size_t total, right;
    t_confusion_totals(cv, &total, &right);
    ck_assert_uint_eq(total, 18);
    ck_assert_double_eq_tol(accuracy, (double)right / (double)total, 1e-12);
    ck_assert(json_equal(a, b));
    json_decref(a);
    json_decref(b);
}
END_TEST

START_TEST(folds_by_article_score_the_corpus_articles_only)
{
    galley_error err;
    json_t *alone = NULL, *by_article = NULL, *old = NULL;
    const char *dir = t_source("plugins/section/train"), *corpus = t_source("corpus");
    ck_assert_int_eq(train(dir, NULL, NULL, 3, 1, &alone, &err), 0);
    galley_train_params params;
    memset(&params, 0, sizeof params);
    params.struct_size = sizeof params;
    params.folds = 3;
    params.seed = 1;
    params.cv_by = GALLEY_CV_BY_ARTICLE;
    ck_assert_msg(galley_train_corpus("section", t_load_options(), NULL, dir, corpus, NULL, &params,
                                      &by_article, &err) == 0,
                  "%s", err.text);
    const json_t *cv = json_object_get(by_article, "cv");
    ck_assert_str_eq(json_string_value(json_object_get(cv, "by")), "article");
    json_int_t blocks = json_integer_value(json_object_get(by_article, "paragraphs")) -
                        json_integer_value(json_object_get(alone, "paragraphs"));
    ck_assert_int_gt(blocks, 100);
    size_t total, right;
    t_confusion_totals(cv, &total, &right);
    ck_assert_uint_eq(total, (size_t)blocks);
    /* a caller built against the header before cv_by existed gets folds by paragraph */
    params.struct_size = offsetof(galley_train_params, cv_by);
    ck_assert_int_eq(galley_train_corpus("section", t_load_options(), NULL, dir, corpus, NULL,
                                         &params, &old, &err),
                     0);
    cv = json_object_get(old, "cv");
    ck_assert_ptr_null(json_object_get(cv, "by"));
    t_confusion_totals(cv, &total, &right);
    ck_assert_uint_eq(total, (size_t)json_integer_value(json_object_get(old, "paragraphs")));
    json_decref(alone);
    json_decref(by_article);
    json_decref(old);
}
END_TEST

START_TEST(cli_cross_validates_the_shipped_training_set)
{
    const char *argv[] = {"galley", "train", "section", t_source("plugins/section/train"),
                          "--cv",   "5",     "-f",      "json",
                          NULL};
    char *out = NULL, *errs = NULL;
    int rc = t_galley(argv, NULL, &out, &errs);
    ck_assert_msg(rc == 0, "%s", errs);
    json_t *report = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(report);
    const json_t *cv = json_object_get(report, "cv");
    ck_assert_int_eq(json_integer_value(json_object_get(cv, "folds")), 5);
    ck_assert(json_number_value(json_object_get(cv, "accuracy")) > 0.85);
    ck_assert(json_object_get(json_object_get(cv, "labels"), "war") != NULL);
    ck_assert_int_ge(json_integer_value(json_object_get(
                         json_object_get(json_object_get(report, "labels"), "war"), "paragraphs")),
                     200);
    json_decref(report);
    free(out);
    free(errs);
}
END_TEST

START_TEST(a_newsroom_trains_its_own_labels)
{
    galley_error err;
    json_t *report = NULL;
    char model[1024];
    snprintf(model, sizeof model, "%s/newsroom-model.txt", t_dir());
    ck_assert_int_eq(
        train(t_source("tests/fixtures/section/newsroom"), NULL, model, 0, 1, &report, &err), 0);
    const json_t *labels = json_object_get(report, "labels");
    ck_assert_uint_eq(json_object_size(labels), 3);
    ck_assert_int_eq(
        json_integer_value(json_object_get(json_object_get(labels, "sport"), "paragraphs")), 6);
    json_decref(report);
    size_t n;
    char *text = t_read(model, &n);
    ck_assert_contains(text, "\nlabels business politics sport\n");
    free(text);

    char options[1200];
    /* stay 0 and context 0: the two blocks are two different stories */
    snprintf(options, sizeof options, "\"model\": \"%s\", \"stay\": 0, \"context\": 0", model);
    json_t *doc =
        classify(options, "The striker scored in the final minute and the fans in the stadium "
                          "sang until the coach came out.\n\n"
                          "Parliament will vote on the budget after the opposition leader "
                          "demanded a debate.\n");
    ck_assert_str_eq(block_label(doc, 0), "sport");
    ck_assert_str_eq(block_label(doc, 1), "politics");
    ck_assert(json_object_get(json_object_get(result(doc), "shares"), "business") != NULL);
    json_decref(doc);
}
END_TEST

START_TEST(training_options_shape_the_model)
{
    galley_error err;
    json_t *plain = NULL, *pruned = NULL, *unstemmed = NULL;
    const char *dir = t_source("tests/fixtures/section/newsroom");
    char a[1024], b[1024], c[1024];
    snprintf(a, sizeof a, "%s/a.txt", t_dir());
    snprintf(b, sizeof b, "%s/b.txt", t_dir());
    snprintf(c, sizeof c, "%s/c.txt", t_dir());
    ck_assert_int_eq(train(dir, NULL, a, 0, 1, &plain, &err), 0);
    ck_assert_int_eq(train(dir, "{\"min_count\": 2}", b, 0, 1, &pruned, &err), 0);
    ck_assert_int_eq(train(dir, "{\"stemming\": false}", c, 0, 1, &unstemmed, &err), 0);
    /* min_count drops the features seen once */
    ck_assert_int_lt(json_integer_value(json_object_get(pruned, "vocabulary")),
                     json_integer_value(json_object_get(plain, "vocabulary")) / 2);
    size_t n;
    char *stemmed_text = t_read(a, &n), *unstemmed_text = t_read(c, &n);
    /* default stop words are not unigrams, but join bigrams ("the stadium") */
    ck_assert_ptr_null(strstr(stemmed_text, "\nthe\t"));
    ck_assert_ptr_nonnull(strstr(stemmed_text, "\nthe stadium\t"));
    /* stemming: "goals" and "cards" are counted as "goal" and "card" */
    ck_assert_ptr_nonnull(strstr(stemmed_text, "\nstemming light\n"));
    ck_assert_ptr_nonnull(strstr(stemmed_text, "\ngoal\t"));
    ck_assert_ptr_null(strstr(stemmed_text, "\ngoals\t"));
    ck_assert_ptr_nonnull(strstr(unstemmed_text, "\nstemming none\n"));
    ck_assert_ptr_nonnull(strstr(unstemmed_text, "\ngoals\t"));
    free(stemmed_text);
    free(unstemmed_text);
    json_decref(plain);
    json_decref(pruned);
    json_decref(unstemmed);

    /* an own stop-word list: "striker" is no longer a feature */
    json_t *report = NULL;
    const char *stop = t_write("stop.txt", "# test list\nstriker\nthe\n");
    char options[1200];
    snprintf(options, sizeof options, "{\"stopwords\": \"%s\"}", stop);
    ck_assert_int_eq(train(dir, options, a, 0, 1, &report, &err), 0);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "stopwords")), 2);
    stemmed_text = t_read(a, &n);
    ck_assert_ptr_null(strstr(stemmed_text, "\nstriker\t"));
    ck_assert_ptr_nonnull(strstr(stemmed_text, "\nstopwords 2\nstriker\nthe\n"));
    free(stemmed_text);
    json_decref(report);
}
END_TEST

START_TEST(bad_stop_word_list_names_file_and_line)
{
    galley_error err;
    json_t *report = NULL;
    char options[1200];
    snprintf(options, sizeof options, "{\"stopwords\": \"%s\"}",
             t_source("tests/fixtures/section/bad-stopwords.txt"));
    int rc = train(t_source("tests/fixtures/section/newsroom"), options, NULL, 0, 1, &report, &err);
    ck_assert_int_eq(rc, GALLEY_ECONFIG);
    ck_assert_contains(err.source, "bad-stopwords.txt");
    ck_assert_int_eq(err.line, 3);
    ck_assert_contains(err.text, "bad word");
    ck_assert_ptr_null(report);
}
END_TEST

/* ---- end to end ----------------------------------------------------------- */

START_TEST(corpus_fashion_week_with_an_air_raid)
{
    /* A dev article: a fashion week report that turns to an air-raid alert for three paragraphs. */
    const char *argv[] = {"galley",
                          "run",
                          t_source("configs/section.json"),
                          t_source("corpus/wartime-runway.txt"),
                          "-f",
                          "json",
                          NULL};
    char *out = NULL, *errs = NULL;
    int rc = t_galley(argv, NULL, &out, &errs);
    ck_assert_msg(rc == 0, "%s", errs);
    json_t *report = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(report);
    const json_t *doc = json_array_get(json_object_get(report, "documents"), 0);
    ck_assert_str_eq(json_string_value(json_object_get(result(doc), "label")), "lifestyle");
    ck_assert_uint_eq(count_findings(doc, "topic-shift"), 1);
    size_t i;
    json_t *f;
    json_array_foreach(
        json_object_get(doc, "findings"), i,
        f) if (strcmp(json_string_value(json_object_get(f, "rule")), "topic-shift") == 0)
    {
        ck_assert_contains(json_string_value(json_object_get(f, "message")),
                           "from lifestyle to war");
        /* The alert is lines 25-29 and the show goes on at 31. The designer's quote on line
           23 ("everything is a statement now") leans war on its own words (p 0.56), so the
           turn may be read from there: the gold has it lifestyle, and galley eval counts it
           as an error; the finding must cover the alert and end with it. */
        json_int_t from = json_integer_value(json_object_get(f, "line"));
        ck_assert_msg(from == 23 || from == 25, "topic shift from line %lld", (long long)from);
        ck_assert_int_eq(json_integer_value(json_object_get(f, "end_line")), 29);
    }
    assert_all_finite(report);
    json_decref(report);
    free(out);
    free(errs);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("plugin_section");
    TCase *model = tcase_create("model");
    tcase_add_checked_fixture(model, NULL, teardown);
    tcase_add_test(model, shipped_model_loads_with_its_labels);
    tcase_add_test(model, tiny_model_classifies_by_its_own_labels);
    tcase_add_test(model, judged_alone_a_block_gets_its_naive_bayes_posterior);
    tcase_add_test(model, keeping_the_section_depends_on_the_length_on_either_side_of_the_table);
    tcase_add_test(model, a_heading_turns_with_the_paragraph_it_opens);
    tcase_add_test(model, model_wrong_version_is_refused_with_line);
    tcase_add_test(model, model_truncated_is_refused_with_line);
    tcase_add_test(model, model_unknown_label_is_refused_with_line);
    tcase_add_test(model, model_malformed_line_is_refused_with_line);
    tcase_add_test(model, model_unsorted_vocabulary_is_refused_with_line);
    tcase_add_test(model, model_bigram_of_unknown_word_is_refused_with_line);
    tcase_add_test(model, model_missing_file_is_a_config_error);
    tcase_add_test(model, empty_model_path_is_refused);
    tcase_add_test(model, model_stop_word_twice_or_in_vocabulary_is_refused_at_the_first);
    tcase_add_test(model, words_that_differ_in_one_byte_are_told_apart);
    tcase_add_test(model, classifier_stems_words_as_training_does);
    tcase_add_test(model, model_of_many_labels_adds_every_label);
    tcase_add_test(model, every_bigram_is_found_wherever_it_sits);
    suite_add_tcase(s, model);

    TCase *classify_case = tcase_create("classify");
    tcase_add_checked_fixture(classify_case, NULL, teardown);
    tcase_add_test(classify_case, block_without_known_words_is_other_with_low_probability);
    tcase_add_test(classify_case, empty_scope_gives_fallback_and_no_attributes);
    tcase_add_test(classify_case, war_story_that_mentions_fashion_is_war);
    tcase_add_test(classify_case, fashion_story_set_in_war_is_lifestyle);
    tcase_add_test(classify_case, context_option_lets_short_blocks_follow_the_story);
    tcase_add_test(classify_case, stay_and_context_zero_judge_each_block_alone);
    tcase_add_test(classify_case, stay_option_holds_a_run_together);
    tcase_add_test(classify_case, long_paragraph_can_turn_where_a_short_block_cannot);
    tcase_add_test(classify_case, context_option_weighs_the_rest_of_the_body);
    tcase_add_test(classify_case, long_body_and_extreme_options_stay_finite);
    tcase_add_test(classify_case, topic_shift_says_from_what_to_what_and_where);
    tcase_add_test(classify_case, shift_blocks_option_sets_the_shortest_run);
    tcase_add_test(classify_case, min_confidence_option_falls_back_to_other);
    tcase_add_test(classify_case, fallback_option_names_the_unsure_label);
    tcase_add_test(classify_case, smoothing_option_is_checked_and_changes_probabilities);
    tcase_add_test(classify_case, bad_option_values_are_config_errors);
    suite_add_tcase(s, classify_case);

    TCase *training = tcase_create("train");
    tcase_add_checked_fixture(training, NULL, teardown);
    tcase_set_timeout(training, 120);
    tcase_add_test(training, retraining_reproduces_the_shipped_model_byte_for_byte);
    tcase_add_test(training, cross_validation_is_reported_and_deterministic);
    tcase_add_test(training, cli_cross_validates_the_shipped_training_set);
    tcase_add_test(training, folds_by_article_score_the_corpus_articles_only);
    tcase_add_test(training, a_newsroom_trains_its_own_labels);
    tcase_add_test(training, training_options_shape_the_model);
    tcase_add_test(training, bad_stop_word_list_names_file_and_line);
    suite_add_tcase(s, training);

    TCase *e2e = tcase_create("end_to_end");
    tcase_add_checked_fixture(e2e, NULL, teardown);
    tcase_set_timeout(e2e, 60);
    tcase_add_test(e2e, corpus_fashion_week_with_an_air_raid);
    suite_add_tcase(s, e2e);
    return s;
}

int main(void)
{
    return t_main(suite());
}
