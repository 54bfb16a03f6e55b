/*
 * test_plugin_sentiment.c -- the sentiment plugin through the public API:
 * one test per scoring rule, each with a sentence that scores the other way
 * (or measurably differently) without the rule; the three levels; narration
 * against quoted speech and the loaded-language check; tone; the lexicon
 * formats; and bad input (malformed data files, no lexicon words, unbalanced
 * quotation marks, an empty scope).
 *
 * Expected values that are exact come from the lexicon's own numbers and the
 * documented normalisation, score = sum / sqrt(sum^2 + 15), never from a run
 * of the plugin.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <galley/plugin.h>

#include "support.h"

static void teardown(void)
{
    t_cleanup();
}

/* The scorer's normalisation with the default alpha. */
static double norm15(double sum)
{
    return sum / sqrt(sum * sum + 15.0);
}

/*
 * Runs the plugin alone on text with extra options (a JSON object body, may
 * be empty).  The rules are tested in mode thresholds, where a block's
 * sentiment is the rule score itself, unless the options choose a mode.
 * Context weighting is off unless the options set it, so that a block's
 * score is its own sentences' mean, and sentence scores are listed.
 */
static json_t *run_with(const char *options, const char *text)
{
    char config[4096];
    int context = strstr(options, "story_weight") != NULL;
    int mode = strstr(options, "\"mode\"") != NULL;
    snprintf(config, sizeof config,
             "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"sentiment\", \"plugin\": "
             "\"sentiment\", \"options\": {%s%s\"sentences\": true%s%s}}]}",
             mode ? "" : "\"mode\": \"thresholds\", ",
             context ? "" : "\"story_weight\": 0, \"neighbour_weight\": 0, ",
             options[0] ? ", " : "", options);
    galley_error err;
    galley_pipeline *p = t_pipeline(config, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(p, text, &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    galley_pipeline_free(p);
    return doc;
}

static json_t *run(const char *text)
{
    return run_with("", text);
}

static const json_t *result(const json_t *doc)
{
    return json_object_get(json_object_get(doc, "results"), "sentiment");
}

static double sentence_score(const json_t *doc, size_t i)
{
    const json_t *list = json_object_get(result(doc), "sentence_scores");
    ck_assert_msg(i < json_array_size(list), "no sentence %zu", i);
    return json_number_value(json_object_get(json_array_get(list, i), "score"));
}

static const json_t *block_attrs(const json_t *doc, size_t b)
{
    return json_object_get(json_array_get(json_object_get(doc, "blocks"), b), "attrs");
}

static double block_score(const json_t *doc, size_t b)
{
    const json_t *v = json_object_get(block_attrs(doc, b), "sentiment");
    ck_assert_msg(json_is_number(v), "block %zu has no sentiment", b);
    return json_number_value(v);
}

static const char *block_string(const json_t *doc, size_t b, const char *name)
{
    return json_string_value(json_object_get(block_attrs(doc, b), name));
}

/* The score of a one-sentence text, with extra options. */
static double score_of_with(const char *options, const char *text)
{
    json_t *doc = run_with(options, text);
    double s = sentence_score(doc, 0);
    json_decref(doc);
    return s;
}

static double score_of(const char *text)
{
    return score_of_with("", text);
}

/* ---- negation ---------------------------------------------------------- */

START_TEST(negation_reverses_the_next_words)
{
    ck_assert(score_of("The food was good.") > 0);
    ck_assert(score_of("The food was not good.") < 0);
    ck_assert(score_of("The food wasn't good.") < 0); /* any n't negates */
    ck_assert(score_of("The food was never good.") < 0);
    /* the negated value is the lexicon's times -0.74, not a mirror image */
    ck_assert_double_eq_tol(score_of("The food was not good."), norm15(1.9 * -0.74), 1e-6);
}
END_TEST

START_TEST(negation_scope_ends_after_scope_words_or_punctuation)
{
    /* "good" is the fifth word after "not": outside the default scope of 3 */
    const char *far = "It is not in any way or form good.";
    ck_assert(score_of(far) > 0);
    ck_assert(score_of_with("\"negation_scope\": 8", far) < 0);
    /* punctuation closes the scope at once, and so does a word that opens a
       new clause */
    ck_assert(score_of("It was not, in the end, good.") > 0);
    ck_assert(score_of("We do not know if good news will come.") > 0);
    ck_assert(score_of("We do not know good news.") < 0);
}
END_TEST

START_TEST(expression_with_a_negator_wins_over_negation)
{
    /* "no relief" is -2.0 in the lexicon; read as "no" + "relief" (2.0)
       it would be 2.0 * -0.74 = -1.48 */
    ck_assert_double_eq_tol(score_of("There was no relief."), norm15(-2.0), 1e-6);
    /* "no problem" is 1.2; "no" + "problem" (-1.6) would give 1.18 */
    ck_assert_double_eq_tol(score_of("It was no problem."), norm15(1.2), 1e-6);
}
END_TEST

START_TEST(never_been_better_is_a_peak)
{
    /* "better" (1.6) after "never been" keeps its sign and gains 1.25 */
    ck_assert_double_eq_tol(score_of("I have never been better."), norm15(1.6 * 1.25), 1e-6);
    ck_assert(score_of("She couldn't be happier.") > 0);
    ck_assert(score_of("It could not be worse.") < 0);
    /* without the linking verb it is an ordinary negation */
    ck_assert(score_of("The results were never better than average.") < 0);
}
END_TEST

START_TEST(not_only_but_is_not_a_negation)
{
    /* without the rule "not" negates "good" and "but" halves it */
    ck_assert_double_eq_tol(score_of("The show was not only good but also moving."),
                            score_of("The show was good and also moving."), 1e-6);
    ck_assert(score_of("The show was not only good but also moving.") > 0);
}
END_TEST

START_TEST(double_negation_cancels)
{
    ck_assert(score_of("The town was without hope.") < 0);
    ck_assert(score_of("The town was not without hope.") > 0);
}
END_TEST

/* ---- intensity ------------------------------------------------------------- */

START_TEST(boosters_and_dampeners_scale_the_next_word)
{
    double plain = score_of("The food was good.");
    double very = score_of("The food was very good.");
    double extremely = score_of("The food was extremely good.");
    double slightly = score_of("The food was slightly good.");
    double barely = score_of("The food was barely good.");
    ck_assert(very > plain);
    ck_assert(extremely > very);
    ck_assert(slightly < plain && slightly > 0);
    ck_assert(barely < slightly && barely > 0);
    ck_assert_double_eq_tol(very, norm15(1.9 * 1.3), 1e-6);
    /* the boost reaches the negative side too */
    ck_assert(score_of("The food was very bad.") < score_of("The food was bad."));
}
END_TEST

START_TEST(capitals_and_exclamation_marks_add_emphasis)
{
    double plain = score_of("The food was good.");
    ck_assert_double_eq_tol(score_of("The food was GOOD."), norm15(1.9 + 0.733), 1e-6);
    ck_assert_double_eq_tol(score_of("The food was good!"), norm15(1.9 + 0.292), 1e-6);
    ck_assert(score_of("The food was good!!!") > score_of("The food was good!"));
    /* a sentence all in capitals shouts every word: no single word stands out */
    ck_assert_double_eq_tol(score_of("THE FOOD WAS GOOD."), plain, 1e-6);
}
END_TEST

START_TEST(hedges_weaken_the_sentence)
{
    double plain = score_of("The minister was corrupt.");
    double hedged = score_of("The minister was allegedly corrupt.");
    ck_assert(plain < 0 && hedged < 0);
    ck_assert_double_eq_tol(hedged, norm15(-2.8 * (1 - 0.35)), 1e-6);
    ck_assert(score_of("The deal reportedly collapsed.") > score_of("The deal collapsed."));
}
END_TEST

START_TEST(sarcasm_turns_praise)
{
    /* read literally, great (2.9) outweighs blackout (-1.5) */
    ck_assert(score_of("\"Great, another blackout,\" he said.") > 0);
    ck_assert(score_of("\"Great, another blackout,\" he noted sarcastically.") < 0);
    ck_assert(score_of("\"What a great plan,\" she said wryly.") < 0);
}
END_TEST

/* ---- contrast -------------------------------------------------------------- */

START_TEST(contrast_shifts_weight_to_the_later_clause)
{
    /* excellent 3.0, poor -1.9: without the rule the sentence is positive */
    ck_assert(score_of("The food was excellent and the service was poor.") > 0);
    ck_assert(score_of("The food was excellent, but the service was poor.") < 0);
    ck_assert(score_of("The food was excellent, yet the service was poor.") < 0);
    ck_assert_double_eq_tol(score_of("The food was excellent, but the service was poor."),
                            norm15(3.0 * 0.5 - 1.9 * 1.5), 1e-6);
    /* and the other way round */
    ck_assert(score_of("The service was poor, but the food was excellent.") > 0);
}
END_TEST

START_TEST(concession_gives_weight_to_the_main_clause)
{
    ck_assert(score_of("Although the food was excellent, the service was poor.") < 0);
    ck_assert(score_of("Although the service was poor, the food was excellent.") > 0);
    ck_assert_double_eq_tol(score_of("Although the food was excellent, the service was poor."),
                            norm15(3.0 * 0.5 - 1.9 * 1.5), 1e-6);
}
END_TEST

START_TEST(contrast_opening_a_sentence_shifts_weight_between_sentences)
{
    json_t *doc = run("The food was excellent. However, the service was poor.");
    double first = sentence_score(doc, 0), second = sentence_score(doc, 1);
    ck_assert_double_eq_tol(first, norm15(3.0), 1e-6);
    ck_assert_double_eq_tol(second, norm15(-1.9), 1e-6); /* no split inside the sentence */
    /* an even mean would be positive; the weights 0.5 and 1.5 make it negative */
    ck_assert((first + second) / 2 > 0);
    ck_assert_double_eq_tol(block_score(doc, 0), (0.5 * first + 1.5 * second) / 2, 1e-6);
    ck_assert(block_score(doc, 0) < 0);
    json_decref(doc);
}
END_TEST

/* ---- multi-word expressions ----------------------------------------------- */

START_TEST(expressions_override_their_words)
{
    ck_assert(score_of("We had a blast at the festival.") > 0); /* blast alone is -1.7 */
    ck_assert_double_eq_tol(score_of("We had a blast."), norm15(2.5), 1e-6); /* not "a blast" */
    ck_assert_double_eq_tol(score_of("They went there to kill time."), 0.0, 1e-9);
    ck_assert_double_eq_tol(score_of("The photo shoot ran late."), 0.0, 1e-9);
    ck_assert(score_of("The cake was to die for.") > 0); /* die alone is -2.7 */
    /* "show bombed" (-1.5) is milder than "bombed" (-2.5) */
    ck_assert_double_eq_tol(score_of("The show bombed."), norm15(-1.5), 1e-6);
}
END_TEST

/*
 * Words that name what a war report is about (a ceasefire, aid, human rights)
 * weigh little by themselves: the paragraphs around them tell of violations
 * and shortages as often as of success.  Tears and crying are as often of
 * joy or relief as of grief, so they weigh lightly too.  "First time" marks
 * a milestone.  Each value decides the polarity of its sentence.
 */
START_TEST(topic_words_and_tears_weigh_lightly)
{
    const struct {
        const char *text, *polarity;
        double valence;
    } cases[] = {
        {"The talks were about human rights.", "neutral", 0.0}, /* was 1.2: positive */
        {"Aid arrived at noon.", "neutral", 0.3},               /* was 0.9: positive */
        {"She cried.", "neutral", -0.6},                        /* was -1.5: negative */
        {"There were tears.", "neutral", -0.6},                 /* was -1.8: negative */
        {"It was the first time in years.", "positive", 0.5},   /* was absent: neutral */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *doc = run(cases[i].text);
        ck_assert_double_eq_tol(sentence_score(doc, 0), norm15(cases[i].valence), 1e-6);
        ck_assert_msg(strcmp(block_string(doc, 0, "polarity"), cases[i].polarity) == 0,
                      "%s: %s, not %s", cases[i].text, block_string(doc, 0, "polarity"),
                      cases[i].polarity);
        json_decref(doc);
    }
}
END_TEST

/*
 * A word is looked up by its fold's first sixteen bytes, read as two 8-byte
 * words past its end and masked to its length, and by a hash of them.  A
 * lexicon of one word of every length from 1 to 20 bytes, each the start of
 * the next, with a valence of its own; every sentence holds its word twice
 * around a word of the same length one letter apart, so that what lies past
 * a fold's end is never empty and a byte too many or too few in a mask, or
 * a hash of other bytes, loses the word or finds the wrong one.
 */
START_TEST(words_of_every_length_are_found_by_their_fold)
{
    static const char letters[] = "zqxjkvbwpfmyhgdclrtu";
    char lexicon[2048] = "", text[2048] = "", line[128];
    double valence[21];
    for (int n = 1; n <= 20; n++) {
        valence[n] = (n % 2 ? -1 : 1) * (0.5 + 0.1 * n);
        snprintf(line, sizeof line, "%.*s\t%.1f\n", n, letters, valence[n]);
        strcat(lexicon, line);
        /* the same word with its last letter made an e, which no word has */
        snprintf(line, sizeof line, "Then %.*s %.*se %.*s. ", n, letters, n - 1, letters, n,
                 letters);
        strcat(text, line);
    }
    char options[1024];
    snprintf(options, sizeof options, "\"lexicon\": \"%s\"",
             t_write("every-length.tsv", lexicon));
    json_t *doc = run_with(options, text);
    for (int n = 1; n <= 20; n++)
        ck_assert_msg(fabs(sentence_score(doc, (size_t)n - 1) - norm15(2 * valence[n])) < 1e-6,
                      "the word of %d bytes scores %g, not %g", n,
                      sentence_score(doc, (size_t)n - 1), norm15(2 * valence[n]));
    json_decref(doc);
}
END_TEST

/* ---- levels ----------------------------------------------------------------- */

START_TEST(block_and_document_are_means_of_sentences)
{
    json_t *doc = run("The food was good. The weather was terrible.\n\nThe room was fine.\n");
    double a = sentence_score(doc, 0), b = sentence_score(doc, 1), c = sentence_score(doc, 2);
    ck_assert(a > 0 && b < 0 && c > 0);
    ck_assert_double_eq_tol(block_score(doc, 0), (a + b) / 2, 1e-6);
    ck_assert_double_eq_tol(block_score(doc, 1), c, 1e-6);
    const json_t *r = result(doc);
    double mean = (a + b + c) / 3;
    ck_assert_double_eq_tol(json_number_value(json_object_get(r, "score")), mean, 1e-6);
    double var = ((a - mean) * (a - mean) + (b - mean) * (b - mean) + (c - mean) * (c - mean)) / 3;
    ck_assert_double_eq_tol(json_number_value(json_object_get(r, "spread")), sqrt(var), 1e-6);
    ck_assert_int_eq(json_integer_value(json_object_get(r, "sentences")), 3);
    ck_assert_int_eq(json_integer_value(json_object_get(r, "blocks")), 2);
    json_decref(doc);
}
END_TEST

START_TEST(long_documents_do_not_drift_to_the_extremes)
{
    /* two hundred mildly negative paragraphs: a sum would saturate at -1 */
    size_t n = 200;
    const char *para = "The delay was annoying.\n\n";
    char *text = malloc(n * strlen(para) + 1);
    ck_assert_ptr_nonnull(text);
    text[0] = '\0';
    for (size_t i = 0; i < n; i++)
        strcat(text, para);
    json_t *doc = run(text);
    double one = sentence_score(doc, 0);
    const json_t *r = result(doc);
    ck_assert(one < 0 && one > -0.8);
    ck_assert_double_eq_tol(json_number_value(json_object_get(r, "score")), one, 1e-6);
    ck_assert_double_eq_tol(json_number_value(json_object_get(r, "spread")), 0.0, 1e-6);
    const json_t *counts = json_object_get(json_object_get(r, "counts"), "blocks");
    ck_assert_int_eq(json_integer_value(json_object_get(counts, "negative")), (json_int_t)n);
    json_decref(doc);
    free(text);
}
END_TEST

START_TEST(polarity_follows_the_thresholds)
{
    /* good alone scores norm15(1.9) = 0.44 */
    json_t *doc = run_with("\"positive_threshold\": 0.5", "The food was good.");
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "neutral");
    json_decref(doc);
    doc = run_with("\"positive_threshold\": 0.4", "The food was good.");
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "positive");
    json_decref(doc);
    doc = run("The food was bad.");
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "negative");
    json_decref(doc);
}
END_TEST

START_TEST(story_context_moves_a_plain_paragraph)
{
    const char *text = "The attack was brutal and terrible.\n\nThe bus left at noon.\n\n"
                       "The attack was horrific.\n";
    json_t *alone = run(text);
    ck_assert_double_eq_tol(block_score(alone, 1), 0.0, 1e-9);
    ck_assert_str_eq(block_string(alone, 1, "polarity"), "neutral");
    json_decref(alone);
    json_t *read = run_with("\"story_weight\": 1, \"neighbour_weight\": 0.2", text);
    ck_assert(block_score(read, 1) < -0.2);
    ck_assert_str_eq(block_string(read, 1, "polarity"), "negative");
    json_decref(read);
}
END_TEST

/* ---- narration, quotation and loaded language ----------------------------- */

START_TEST(narration_and_quotes_are_scored_apart)
{
    json_t *doc = run("The minister spoke on Tuesday. \"This is a disaster,\" he said.\n");
    const json_t *r = result(doc);
    const json_t *narration = json_object_get(r, "narration");
    const json_t *quoted = json_object_get(r, "quoted");
    ck_assert_double_eq_tol(json_number_value(json_object_get(narration, "score")), 0.0, 1e-9);
    ck_assert_int_eq(json_integer_value(json_object_get(narration, "sentences")), 2);
    ck_assert_double_eq_tol(json_number_value(json_object_get(quoted, "score")), norm15(-2.9),
                            1e-6);
    ck_assert_int_eq(json_integer_value(json_object_get(quoted, "sentences")), 1);
    ck_assert_str_eq(json_string_value(json_object_get(quoted, "polarity")), "negative");
    /* the quoted word is no finding: the reporter did not say it */
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "findings")), 0);
    json_decref(doc);
}
END_TEST

START_TEST(loaded_language_in_narration_is_reported)
{
    const char *text = "Residents described a brutal night.\n";
    json_t *doc = run(text);
    const json_t *findings = json_object_get(doc, "findings");
    ck_assert_uint_eq(json_array_size(findings), 1);
    const json_t *f = json_array_get(findings, 0);
    ck_assert_str_eq(json_string_value(json_object_get(f, "rule")), "loaded-language");
    ck_assert_str_eq(json_string_value(json_object_get(f, "severity")), "warning");
    size_t at = (size_t)(strstr(text, "brutal") - text);
    ck_assert_int_eq(json_integer_value(json_object_get(f, "start")), (json_int_t)at);
    ck_assert_int_eq(json_integer_value(json_object_get(f, "end")), (json_int_t)(at + 6));
    ck_assert_str_eq(json_string_value(json_object_get(f, "text")), "brutal");
    const char *message = json_string_value(json_object_get(f, "message"));
    ck_assert_contains(message, "'brutal'");
    ck_assert_contains(message, "narration");
    ck_assert_int_eq(json_integer_value(json_object_get(result(doc), "loaded_words")), 1);
    json_decref(doc);
    /* the threshold option: brutal is 2.9 */
    doc = run_with("\"loaded_threshold\": 3.5", text);
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "findings")), 0);
    json_decref(doc);
}
END_TEST

START_TEST(plain_reporting_words_and_quotes_are_not_loaded)
{
    /* killed is -3.0 but the plain word for a death; the quote is a source's */
    json_t *doc = run("Three people were killed. \"It was a brutal night,\" a neighbour said.\n");
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "findings")), 0);
    ck_assert(sentence_score(doc, 0) < 0);
    json_decref(doc);
}
END_TEST

START_TEST(unbalanced_quote_does_not_spill_into_the_next_block)
{
    /* the quotation opened in the first block is never closed; the core ends
       it at the block's end, so "lovely" in the second block is narration */
    const char *text = "He said: \"This is a disaster.\n\nThe garden is lovely.\n";
    json_t *doc = run(text);
    const json_t *findings = json_object_get(doc, "findings");
    ck_assert_uint_eq(json_array_size(findings), 1);
    ck_assert_str_eq(json_string_value(json_object_get(json_array_get(findings, 0), "text")),
                     "lovely");
    const json_t *r = result(doc);
    ck_assert_double_eq_tol(
        json_number_value(json_object_get(json_object_get(r, "quoted"), "score")), norm15(-2.9),
        1e-6);
    ck_assert_double_eq_tol(
        json_number_value(json_object_get(json_object_get(r, "narration"), "score")),
        (0.0 + norm15(2.6)) / 2, 1e-6);
    json_decref(doc);
}
END_TEST

/* ---- tone ------------------------------------------------------------------- */

START_TEST(tone_labels_the_block_and_ignores_negated_words)
{
    json_t *doc = run("The residents were afraid.\n\nThe residents were not afraid.\n");
    ck_assert_str_eq(block_string(doc, 0, "tone"), "anxious");
    ck_assert_str_eq(block_string(doc, 1, "tone"), "neutral");
    const json_t *tone = json_object_get(result(doc), "tone");
    /* afraid: fear 0.85, counted once, over 9 words */
    ck_assert_double_eq_tol(json_number_value(json_object_get(tone, "fear")), 100 * 0.85 / 9, 1e-6);
    ck_assert_double_eq_tol(json_number_value(json_object_get(tone, "joy")), 0.0, 1e-9);
    json_decref(doc);
    doc = run("The crowd cheered and danced in jubilation.\n");
    ck_assert_str_eq(block_string(doc, 0, "tone"), "celebratory");
    ck_assert_str_eq(json_string_value(json_object_get(result(doc), "tone_label")), "celebratory");
    json_decref(doc);
}
END_TEST

/* ---- lexicon formats -------------------------------------------------------- */

static double score_with_lexicon(const char *fixture, const char *format, const char *scale,
                                 const char *text)
{
    char options[1024];
    snprintf(options, sizeof options, "\"lexicon\": \"%s\", \"lexicon_format\": \"%s\"%s%s",
             t_source(fixture), format, scale ? ", \"lexicon_scale\": " : "", scale ? scale : "");
    return score_of_with(options, text);
}

START_TEST(vader_and_afinn_lexicons_are_read)
{
    /* VADER: the mean is the second field; sd and ratings are ignored, and of
       "good" and "GOOD" (one term once folded) the first counts */
    ck_assert_double_eq_tol(score_with_lexicon("tests/fixtures/sentiment/vader-sample.txt", "vader",
                                               NULL, "The food was good."),
                            norm15(1.9), 1e-6);
    /* AFINN's [-5, 5] is scaled by 0.8 unless lexicon_scale says otherwise */
    ck_assert_double_eq_tol(score_with_lexicon("tests/fixtures/sentiment/afinn-sample.txt", "afinn",
                                               NULL, "The food was good."),
                            norm15(3 * 0.8), 1e-6);
    ck_assert_double_eq_tol(score_with_lexicon("tests/fixtures/sentiment/afinn-sample.txt", "afinn",
                                               "0.5", "The food was good."),
                            norm15(1.5), 1e-6);
    /* AFINN's multi-word entries are expressions too */
    ck_assert_double_eq_tol(score_with_lexicon("tests/fixtures/sentiment/afinn-sample.txt", "afinn",
                                               NULL, "The heater does not work."),
                            norm15(-3 * 0.8), 1e-6);
}
END_TEST

/* ---- bad input ------------------------------------------------------------- */

/* Loads the plugin with one data file replaced; returns the status and fills err. */
static int load_with(const char *option, const char *fixture, const char *extra, galley_error *err)
{
    char config[2048];
    snprintf(config, sizeof config,
             "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"sentiment\", \"plugin\": "
             "\"sentiment\", \"options\": {\"%s\": \"%s\"%s}}]}",
             option, t_source(fixture), extra ? extra : "");
    galley_pipeline *p = t_pipeline(config, err);
    if (p) {
        galley_pipeline_free(p);
        return GALLEY_OK;
    }
    return err->status;
}

static void assert_data_error(const char *option, const char *fixture, const char *extra, int line,
                              const char *words)
{
    galley_error err;
    ck_assert_msg(load_with(option, fixture, extra, &err) == GALLEY_ECONFIG, "%s loaded", fixture);
    ck_assert_contains(err.source, fixture);
    ck_assert_int_eq(err.line, line);
    ck_assert_contains(err.text, words);
}

START_TEST(malformed_data_lines_name_file_and_line)
{
    assert_data_error("lexicon", "tests/fixtures/sentiment/lexicon-missing-tab.tsv", NULL, 4,
                      "TERM<TAB>VALENCE");
    assert_data_error("lexicon", "tests/fixtures/sentiment/lexicon-valence-out-of-range.tsv", NULL,
                      3, "[-4, 4]");
    assert_data_error("lexicon", "tests/fixtures/sentiment/lexicon-valence-not-a-number.tsv", NULL,
                      4, "not a number");
    assert_data_error("lexicon", "tests/fixtures/sentiment/lexicon-duplicate.tsv", NULL, 4,
                      "first on line 2");
    assert_data_error("lexicon", "tests/fixtures/sentiment/afinn-fraction.txt",
                      ", \"lexicon_format\": \"afinn\"", 2, "whole number");
    assert_data_error("tone_lexicon", "tests/fixtures/sentiment/tone-unknown-dimension.tsv", NULL,
                      3, "unknown tone dimension 'glee'");
    assert_data_error("modifiers", "tests/fixtures/sentiment/modifiers-unknown-kind.tsv", NULL, 3,
                      "unknown modifier kind 'amplifier'");
    assert_data_error("modifiers", "tests/fixtures/sentiment/modifiers-weight-out-of-range.tsv",
                      NULL, 2, "booster needs a WEIGHT");
    assert_data_error("lexicon", "tests/fixtures/sentiment/lexicon-nul-byte.tsv", NULL, 2,
                      "NUL byte");
    /* a scale that pushes valid values out of [-4, 4] is refused, with the line */
    assert_data_error("lexicon", "tests/fixtures/sentiment/afinn-sample.txt",
                      ", \"lexicon_format\": \"afinn\", \"lexicon_scale\": 1", 4, "lexicon_scale");
}
END_TEST

START_TEST(lexicon_with_cr_line_ends_is_read)
{
    char options[1024];
    snprintf(options, sizeof options, "\"lexicon\": \"%s\"",
             t_source("tests/fixtures/sentiment/lexicon-cr-line-ends.tsv"));
    ck_assert_double_eq_tol(score_of_with(options, "The food was bad."), norm15(-2.4), 1e-6);
}
END_TEST

START_TEST(malformed_lexicon_exits_2_with_file_and_line)
{
    char config[1024];
    snprintf(config, sizeof config,
             "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"sentiment\", \"plugin\": "
             "\"sentiment\", \"options\": {\"lexicon\": \"%s\"}}]}",
             t_source("tests/fixtures/sentiment/lexicon-missing-tab.tsv"));
    const char *path = t_write("bad-lexicon.json", config);
    const char *argv[] = {"galley", "check", path, "--plugin-path", GALLEY_PLUGIN_BUILD_DIR, NULL};
    char *out = NULL, *err = NULL;
    int status = t_galley(argv, NULL, &out, &err);
    ck_assert_int_eq(status, 2);
    ck_assert_contains(err, "lexicon-missing-tab.tsv:4");
    free(out);
    free(err);
}
END_TEST

START_TEST(missing_data_file_is_a_config_error)
{
    galley_error err;
    char config[1024];
    snprintf(config, sizeof config,
             "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"sentiment\", \"plugin\": "
             "\"sentiment\", \"options\": {\"modifiers\": \"%s/no-such-file.tsv\"}}]}",
             t_dir());
    ck_assert_ptr_null(t_pipeline(config, &err));
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_contains(err.source, "no-such-file.tsv");
}
END_TEST

START_TEST(bad_option_values_are_refused)
{
    static const char *const bad[] = {"\"negative_threshold\": 0.3", "\"positive_threshold\": 1",
                                      "\"negation_scope\": 2.5",     "\"lexicon_format\": \"csv\"",
                                      "\"normalisation\": 0",        "\"loaded_threshold\": 0",
                                      "\"story_weight\": -1",        "\"tone_threshold\": -1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char config[1024];
        snprintf(config, sizeof config,
                 "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"sentiment\", "
                 "\"plugin\": \"sentiment\", \"options\": {%s}}]}",
                 bad[i]);
        galley_error err;
        galley_pipeline *p = t_pipeline(config, &err);
        ck_assert_msg(p == NULL, "accepted %s", bad[i]);
        ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    }
}
END_TEST

/* Every number in a JSON value is finite. */
static void assert_finite(const json_t *v)
{
    if (json_is_real(v)) {
        ck_assert_msg(isfinite(json_real_value(v)), "a number is not finite");
    } else if (json_is_object(v)) {
        const char *key;
        json_t *member;
        json_object_foreach((json_t *)v, key, member) assert_finite(member);
    } else if (json_is_array(v)) {
        size_t i;
        json_t *member;
        json_array_foreach(v, i, member) assert_finite(member);
    }
}

START_TEST(text_without_lexicon_words_is_neutral_and_finite)
{
    json_t *doc = run("The committee met on Tuesday in room 4.\n\n--- 12:30 ---\n");
    const json_t *r = result(doc);
    ck_assert_double_eq_tol(block_score(doc, 0), 0.0, 1e-9);
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "neutral");
    ck_assert_str_eq(block_string(doc, 0, "tone"), "neutral");
    ck_assert_str_eq(json_string_value(json_object_get(r, "polarity")), "neutral");
    ck_assert_str_eq(json_string_value(json_object_get(r, "tone_label")), "neutral");
    ck_assert_double_eq_tol(json_number_value(json_object_get(r, "score")), 0.0, 1e-9);
    /* nothing quoted: the quoted part has no sentences and a score of 0, not NaN */
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(r, "quoted"), "sentences")),
                     0);
    assert_finite(doc);
    json_decref(doc);
}
END_TEST

START_TEST(empty_scope_gives_an_empty_finite_result)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(
        "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"m\", \"plugin\": \"marker\"},"
        "{\"id\": \"sentiment\", \"plugin\": \"sentiment\", \"scope\": {\"even\": false}}]}",
        &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    /* one block, index 0, even: nothing is in scope */
    json_t *doc = t_run_text(p, "What a brutal and terrible day.\n", &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    const json_t *r = json_object_get(json_object_get(doc, "results"), "sentiment");
    ck_assert_int_eq(json_integer_value(json_object_get(r, "blocks")), 0);
    ck_assert_int_eq(json_integer_value(json_object_get(r, "sentences")), 0);
    ck_assert_str_eq(json_string_value(json_object_get(r, "polarity")), "neutral");
    ck_assert_ptr_null(json_object_get(block_attrs(doc, 0), "sentiment"));
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "findings")), 0);
    assert_finite(doc);
    json_decref(doc);
    /* and with two blocks only the odd one is scored */
    doc = t_run_text(p, "A calm day.\n\nWhat a brutal and terrible day.\n", &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    ck_assert_ptr_null(json_object_get(block_attrs(doc, 0), "sentiment"));
    ck_assert_str_eq(block_string(doc, 1, "polarity"), "negative");
    json_decref(doc);
    galley_pipeline_free(p);
}
END_TEST

/* ---- end to end ------------------------------------------------------------- */

START_TEST(corpus_article_end_to_end)
{
    galley_error err;
    galley_pipeline *p =
        galley_pipeline_load(t_source("configs/sentiment.json"), t_load_options(), &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *report = NULL;
    ck_assert_int_eq(
        galley_pipeline_run_file(p, t_source("corpus/air-raid-night.txt"), NULL, 0, &report, &err),
        GALLEY_OK);
    const json_t *r = json_object_get(json_object_get(report, "results"), "sentiment");
    ck_assert_ptr_nonnull(r);
    ck_assert(json_integer_value(json_object_get(r, "sentences")) > 40);
    ck_assert(json_integer_value(json_object_get(json_object_get(r, "quoted"), "sentences")) > 5);
    /* the story of a night of strikes reads negative overall */
    ck_assert(json_number_value(json_object_get(r, "score")) < 0);
    /* "Three people were killed and more than forty injured ..." */
    const json_t *blocks = json_object_get(report, "blocks");
    int found = 0;
    size_t i;
    json_t *b;
    json_array_foreach(blocks, i, b)
    {
        const json_t *attrs = json_object_get(b, "attrs");
        if (json_integer_value(json_object_get(b, "line")) == 5) {
            found = 1;
            ck_assert_str_eq(json_string_value(json_object_get(attrs, "polarity")), "negative");
        }
        const char *tone = json_string_value(json_object_get(attrs, "tone"));
        if (tone)
            ck_assert_msg(
                strstr("neutral angry anxious grim hopeful celebratory ironic weary", tone) != NULL,
                "unknown tone %s", tone);
    }
    ck_assert(found);
    assert_finite(report);
    json_decref(report);
    galley_pipeline_free(p);
}
END_TEST

/* ---- the decision layer ------------------------------------------------------ */

/*
 * Runs the plugin alone, in its default mode (the trained decision layer),
 * with extra options (a JSON object body, may be empty).
 */
static json_t *run_model(const char *options, const char *text)
{
    char config[4096];
    snprintf(config, sizeof config,
             "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"sentiment\", \"plugin\": "
             "\"sentiment\", \"options\": {%s}}]}",
             options);
    galley_error err;
    galley_pipeline *p = t_pipeline(config, &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(p, text, &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    galley_pipeline_free(p);
    return doc;
}

/* The tiny hand-written model, with extra options. */
static json_t *run_tiny(const char *options, const char *text)
{
    char all[2048];
    snprintf(all, sizeof all, "\"model\": \"%s\"%s%s",
             t_source("tests/fixtures/sentiment/model-tiny.txt"), options[0] ? ", " : "", options);
    return run_model(all, text);
}

static double probability(const json_t *doc, const char *label)
{
    const json_t *p = json_object_get(result(doc), "probabilities");
    ck_assert_msg(json_is_object(p), "the result has no probabilities");
    return json_number_value(json_object_get(p, label));
}

/* softmax(z) into p, in double precision, for the expected values. */
static void softmax3(const double z[3], double p[3])
{
    double top = fmax(z[0], fmax(z[1], z[2])), sum = 0;
    for (int l = 0; l < 3; l++)
        sum += p[l] = exp(z[l] - top);
    for (int l = 0; l < 3; l++)
        p[l] /= sum;
}

/* The label with the highest probability of a one-block document. */
static const char *top_label(const json_t *doc)
{
    static const char *const labels[] = {"negative", "neutral", "positive"};
    int best = 0;
    for (int l = 1; l < 3; l++)
        if (probability(doc, labels[l]) > probability(doc, labels[best]))
            best = l;
    return labels[best];
}

/* The mean of the sentence scores a run with the sentences option lists. */
static double sentence_score_mean(const json_t *doc)
{
    const json_t *list = json_object_get(result(doc), "sentence_scores");
    ck_assert_msg(json_array_size(list) > 0, "no sentence scores");
    double sum = 0;
    for (size_t i = 0; i < json_array_size(list); i++)
        sum += json_number_value(json_object_get(json_array_get(list, i), "score"));
    return sum / (double)json_array_size(list);
}

START_TEST(model_mode_gives_probabilities_and_a_matching_score)
{
    /* one block: the document's probabilities are the block's */
    json_t *doc = run_model("\"sentences\": true",
                            "Rescuers pulled a girl alive from the rubble after two days, and "
                            "her family wept with relief.\n");
    double neg = probability(doc, "negative"), neu = probability(doc, "neutral"),
           pos = probability(doc, "positive");
    ck_assert_double_eq_tol(neg + neu + pos, 1.0, 1e-6);
    ck_assert(neg > 0 && neu > 0 && pos > 0);
    ck_assert_double_eq_tol(block_score(doc, 0), pos - neg, 1e-6);
    ck_assert_str_eq(block_string(doc, 0, "polarity"), top_label(doc));
    ck_assert_str_eq(json_string_value(json_object_get(result(doc), "polarity")), top_label(doc));
    /* the document's score is read the same way, and the rules' own score,
       the mean of the sentences, stays beside it */
    ck_assert_double_eq_tol(json_number_value(json_object_get(result(doc), "score")), pos - neg,
                            1e-6);
    double rule = json_number_value(json_object_get(result(doc), "rule_score"));
    ck_assert_double_eq_tol(rule, sentence_score_mean(doc), 1e-9);
    ck_assert(rule != json_number_value(json_object_get(result(doc), "score")));
    assert_finite(doc);
    json_decref(doc);
}
END_TEST

START_TEST(dry_war_facts_are_neutral)
{
    /* Every event word here is negative in the lexicon (drones, missiles,
       shot down, damaged), so the rule score alone calls it negative; stated
       as sourced figures it conveys no feeling, and the trained layer says
       neutral.  (Deaths and damage are another matter: the annotation guidelines
       call a loss negative, however dryly it is told, and the corpus labels
       "buildings were damaged, the governor said" both ways.) */
    const char *text =
        "The air force said Russia launched 46 drones and three cruise missiles overnight, and "
        "that 39 of the drones were shot down over six regions, the regional governor said.\n";
    json_t *rules = run(text);
    ck_assert_str_eq(block_string(rules, 0, "polarity"), "negative");
    json_decref(rules);
    json_t *doc = run_model("", text);
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "neutral");
    json_decref(doc);
}
END_TEST

START_TEST(rescue_paragraph_is_positive)
{
    /* A rescue after a strike: the lexicon sees trapped and rubble and sums
       to about nothing, so the rules call it neutral; the paragraph conveys
       relief and solidarity, and the trained layer says positive. */
    const char *text =
        "Rescuers reached the trapped family shortly before dawn, and all five of them were "
        "carried out alive, the youngest wrapped in a firefighter's coat. Neighbours had worked "
        "beside the crews all night, passing buckets of rubble down the stairs and handing out "
        "tea.\n";
    json_t *rules = run(text);
    ck_assert_str_ne(block_string(rules, 0, "polarity"), "positive");
    json_decref(rules);
    json_t *doc = run_model("", text);
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "positive");
    json_decref(doc);
}
END_TEST

START_TEST(grief_paragraph_is_negative)
{
    const char *text = "\"I still set a place for him at the table,\" his mother said quietly. "
                       "She has heard nothing since his unit was overrun in the spring.\n";
    json_t *doc = run_model("", text);
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "negative");
    json_decref(doc);
}
END_TEST

START_TEST(tiny_model_follows_its_weights)
{
    /* No lexicon word, so every rule feature is 0; "zorblat" has a positive
       log-odds of 3, read as 3 / sqrt(3 words).  The model's logits are then
       (0, 0.5 bias, sqrt 3). */
    const char *off = "\"story_context\": 0, \"neighbour_context\": 0, \"neutral_bias\": 0";
    json_t *doc = run_tiny(off, "The zorblat arrived.\n");
    ck_assert_double_eq_tol(json_number_value(json_object_get(result(doc), "rule_score")), 0.0,
                            1e-12);
    double z[3] = {0, 0.5, sqrt(3.0)}, p[3];
    softmax3(z, p);
    ck_assert_double_eq_tol(probability(doc, "negative"), p[0], 1e-5);
    ck_assert_double_eq_tol(probability(doc, "neutral"), p[1], 1e-5);
    ck_assert_double_eq_tol(probability(doc, "positive"), p[2], 1e-5);
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "positive");
    json_decref(doc);
    /* the score feature: "good" alone scores norm15(1.9), and the model's
       weight of 2 per scale of 0.25 makes that a logit of 8 * score */
    doc = run_tiny(off, "The food was good.\n");
    double score = norm15(1.9);
    double y[3] = {-8 * score, 0.5, 8 * score};
    softmax3(y, p);
    ck_assert_double_eq_tol(probability(doc, "positive"), p[2], 1e-5);
    json_decref(doc);
    /* a standardised feature is clipped at 4 scales from its mean: four
       zorblats give 3 * 4 / sqrt(4) = 6, read as 4 */
    doc = run_tiny(off, "Zorblat zorblat zorblat zorblat.\n");
    double c[3] = {0, 0.5, 4};
    softmax3(c, p);
    ck_assert_double_eq_tol(probability(doc, "positive"), p[2], 1e-5);
    json_decref(doc);
}
END_TEST

/* A model of the three features of a block's form alone, each raising one label's logit. */
static const char form_model[] = "galley-sentiment-model 1\n"
                                 "labels negative neutral positive\n"
                                 "features 3\n"
                                 "unterminated\t0\t1\t2\t0\t0\n"
                                 "questions\t0\t1\t0\t2\t0\n"
                                 "first_block\t0\t1\t0\t0\t1\n"
                                 "bias\t0\t0\t0\n"
                                 "lexicon 0\n"
                                 "end\n";

START_TEST(a_block_s_form_is_read_from_its_endings_and_place)
{
    /* A sentence without a final stop (a headline, a subheading) and one that
       ends with a question mark, closing quotes passed over, are counted per
       sentence; the first block of a story of two or more is its opening. */
    char options[1024];
    snprintf(options, sizeof options,
             "\"model\": \"%s\", \"story_context\": 0, \"neighbour_context\": 0, "
             "\"neutral_bias\": 0",
             t_write("form-model.txt", form_model));
    json_t *doc = run_model(options, "Crews work through the night\n\n"
                                     "He asked: \xe2\x80\x9cIs it over?\xe2\x80\x9d Nobody "
                                     "knew.\n");
    /* the headline: unterminated and the opening; the paragraph: one
       question in two sentences */
    double opening[3] = {2, 0, 1}, question[3] = {0, 1, 0}, p0[3], p1[3];
    softmax3(opening, p0);
    softmax3(question, p1);
    ck_assert_double_eq_tol(block_score(doc, 0), p0[2] - p0[0], 1e-5);
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "negative");
    ck_assert_double_eq_tol(block_score(doc, 1), 0.0, 1e-9);
    ck_assert_str_eq(block_string(doc, 1, "polarity"), "neutral");
    ck_assert_double_eq_tol(probability(doc, "neutral"), (p0[1] + p1[1]) / 2, 1e-5);
    json_decref(doc);
    /* a story of one block has no opening */
    doc = run_model(options, "Crews work through the night\n");
    double alone[3] = {2, 0, 0};
    softmax3(alone, p0);
    ck_assert_double_eq_tol(block_score(doc, 0), p0[2] - p0[0], 1e-5);
    json_decref(doc);
}
END_TEST

START_TEST(lexical_words_count_inside_longer_terms)
{
    /* "kill time" is a lexicon expression worth 0, so the rules see nothing;
       the lexical component counts every word on its own, and "time" has a
       negative log-odds of 2 in the tiny model: 2 / sqrt(6 words). */
    const char *off = "\"story_context\": 0, \"neighbour_context\": 0, \"neutral_bias\": 0";
    json_t *doc = run_tiny(off, "They went there to kill time.\n");
    double z[3] = {2 / sqrt(6.0), 0.5, 0}, p[3];
    softmax3(z, p);
    ck_assert_double_eq_tol(probability(doc, "negative"), p[0], 1e-5);
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "negative");
    json_decref(doc);
}
END_TEST

/* A model of version 2 whose one word counts only once per block. */
static const char distinct_model[] = "galley-sentiment-model 2\n"
                                     "labels negative neutral positive\n"
                                     "features 1\n"
                                     "lexical_negative\t0\t1\t1\t0\t0\n"
                                     "bias\t0\t0\t0\n"
                                     "lexicon 1\n"
                                     "zorblat\t0\t0\t2\t0\n"
                                     "end\n";

START_TEST(distinct_word_weights_count_once_per_block)
{
    /* zorblat's weight of 2 counts once in a block however often the word
       comes, divided by the square root of the block's four words, and
       again in the next block. */
    char options[1024];
    snprintf(options, sizeof options,
             "\"model\": \"%s\", \"story_context\": 0, \"neighbour_context\": 0, "
             "\"neutral_bias\": 0",
             t_write("distinct-model.txt", distinct_model));
    json_t *doc = run_model(options, "Zorblat zorblat went home.\n\nZorblat went home today.\n\n"
                                     "They went home today.\n");
    double once[3] = {1, 0, 0}, none[3] = {0, 0, 0}, p[3], q[3];
    softmax3(once, p);
    softmax3(none, q);
    ck_assert_double_eq_tol(block_score(doc, 0), p[2] - p[0], 1e-5);
    ck_assert_double_eq_tol(block_score(doc, 1), p[2] - p[0], 1e-5);
    ck_assert_double_eq_tol(block_score(doc, 2), q[2] - q[0], 1e-5);
    ck_assert_double_eq_tol(probability(doc, "negative"), (2 * p[0] + q[0]) / 3, 1e-5);
    json_decref(doc);
    /* past 255 blocks the record of the blocks starts again: the word of
       the first block, met again in the 256th, counts there too */
    static char many[300 * 26 + 1];
    for (int k = 0; k < 300; k++)
        memcpy(&many[k * 26],
               k == 0 || k == 255 ? "Zorblat went home today.\n\n" : "Someone went home today.\n\n",
               26);
    doc = run_model(options, many);
    for (size_t k = 0; k < 300; k++) {
        double want = k == 0 || k == 255 ? p[2] - p[0] : q[2] - q[0];
        ck_assert_double_eq_tol(block_score(doc, k), want, 1e-5);
    }
    json_decref(doc);
}
END_TEST

START_TEST(story_context_neighbours_and_neutral_bias_follow_the_formula)
{
    /* Two blocks, each the other's only neighbour.  Each block's
       log-probabilities l are moved by story_context times the mean of both
       blocks' and neighbour_context times the other block's, and the neutral
       one by neutral_bias. */
    json_t *doc = run_tiny("\"story_context\": 1, \"neighbour_context\": 0.5, \"neutral_bias\": "
                           "0.25",
                           "The zorblat arrived.\n\nThe bus left at noon.\n");
    double z[2][3] = {{0, 0.5, sqrt(3.0)}, {0, 0.5, 0}}, l[2][3];
    for (int k = 0; k < 2; k++) {
        double p[3];
        softmax3(z[k], p);
        for (int c = 0; c < 3; c++)
            l[k][c] = log(p[c]);
    }
    double mean_pos[2] = {0, 0};
    for (int k = 0; k < 2; k++) {
        double final[3], p[3];
        for (int c = 0; c < 3; c++)
            final[c] =
                l[k][c] + 1.0 * (l[0][c] + l[1][c]) / 2 + 0.5 * l[1 - k][c] + (c == 1 ? 0.25 : 0);
        softmax3(final, p);
        ck_assert_double_eq_tol(block_score(doc, (size_t)k), p[2] - p[0], 1e-5);
        mean_pos[k] = p[2];
    }
    /* the document's probabilities are the blocks' means */
    ck_assert_double_eq_tol(probability(doc, "positive"), (mean_pos[0] + mean_pos[1]) / 2, 1e-5);
    json_decref(doc);
    /* a large neutral bias makes both blocks neutral */
    doc = run_tiny("\"neutral_bias\": 5", "The zorblat arrived.\n\nThe bus left at noon.\n");
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "neutral");
    ck_assert_str_eq(block_string(doc, 1, "polarity"), "neutral");
    json_decref(doc);
}
END_TEST

START_TEST(thresholds_mode_keeps_the_rule_score)
{
    /* the old behaviour: the block's sentiment is its rule score and the
       result has no probabilities; the model file is not even read */
    char options[1024];
    snprintf(options, sizeof options,
             "\"mode\": \"thresholds\", \"story_weight\": 0, \"neighbour_weight\": 0, "
             "\"model\": \"%s\"",
             t_source("tests/fixtures/sentiment/model-truncated.txt"));
    json_t *doc = run_model(options, "The food was good.\n");
    ck_assert_double_eq_tol(block_score(doc, 0), norm15(1.9), 1e-6);
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "positive");
    ck_assert_ptr_null(json_object_get(result(doc), "probabilities"));
    json_decref(doc);
    /* and in model mode the same text gets probabilities and p(pos) - p(neg) */
    doc = run_tiny("\"story_context\": 0, \"neutral_bias\": 0", "The food was good.\n");
    ck_assert_ptr_nonnull(json_object_get(result(doc), "probabilities"));
    ck_assert_double_eq_tol(block_score(doc, 0),
                            probability(doc, "positive") - probability(doc, "negative"), 1e-6);
    json_decref(doc);
}
END_TEST

/* Loads the plugin with a model fixture that must be refused. */
static void assert_model_error(const char *fixture, int line, const char *words)
{
    char options[1024];
    snprintf(options, sizeof options, "\"model\": \"%s\"", t_source(fixture));
    char config[2048];
    snprintf(config, sizeof config,
             "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"sentiment\", \"plugin\": "
             "\"sentiment\", \"options\": {%s}}]}",
             options);
    galley_error err;
    galley_pipeline *p = t_pipeline(config, &err);
    ck_assert_msg(p == NULL, "%s was accepted", fixture);
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_contains(err.source, fixture);
    ck_assert_msg(err.line == line, "%s: error on line %d, expected %d (%s)", fixture, err.line,
                  line, err.text);
    ck_assert_contains(err.text, words);
}

START_TEST(malformed_models_name_file_and_line)
{
    assert_model_error("tests/fixtures/sentiment/model-bad-version.txt", 3, "version 3");
    assert_model_error("tests/fixtures/sentiment/model-unknown-feature.txt", 6,
                       "unknown feature 'sparkle'");
    /* the file ends after line 10, where its third word should have been */
    assert_model_error("tests/fixtures/sentiment/model-truncated.txt", 11, "truncated");
    assert_model_error("tests/fixtures/sentiment/model-wrong-labels.txt", 4,
                       "labels negative neutral positive");
    assert_model_error("tests/fixtures/sentiment/model-miscounted.txt", 8,
                       "expected 3 feature lines, found 2");
    assert_model_error("tests/fixtures/sentiment/model-not-a-number.txt", 6, "not a number");
    /* a number that would overflow the single-precision sums is refused too */
    assert_model_error("tests/fixtures/sentiment/model-huge-weight.txt", 6, "[-1e+06, 1e+06]");
    assert_model_error("tests/fixtures/sentiment/model-word-twice.txt", 11, "listed twice");
    assert_model_error("tests/fixtures/sentiment/model-after-end.txt", 10, "after the 'end'");
    /* version 2's word lines have five fields, the distinct-word weights numbers too */
    assert_model_error("tests/fixtures/sentiment/model-v2-three-fields.txt", 10,
                       "found 3 tab-separated fields");
    assert_model_error("tests/fixtures/sentiment/model-v2-distinct-not-a-number.txt", 10,
                       "not 4 numbers");
    /* another plugin's model is no sentiment model */
    assert_model_error("tests/fixtures/section/tiny-model.txt", 3, "not a galley sentiment model");
}
END_TEST

START_TEST(missing_model_is_a_config_error_at_load)
{
    galley_error err;
    char config[1024];
    snprintf(config, sizeof config,
             "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"sentiment\", \"plugin\": "
             "\"sentiment\", \"options\": {\"model\": \"%s/no-such-model.txt\"}}]}",
             t_dir());
    ck_assert_ptr_null(t_pipeline(config, &err));
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    ck_assert_contains(err.source, "no-such-model.txt");
}
END_TEST

START_TEST(bad_decision_options_are_refused)
{
    static const char *const bad[] = {"\"mode\": \"vote\"",         "\"mode\": \"\"",
                                      "\"story_context\": -0.5",    "\"story_context\": 4",
                                      "\"neighbour_context\": 1.5", "\"neutral_bias\": 6"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char config[1024];
        snprintf(config, sizeof config,
                 "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"sentiment\", "
                 "\"plugin\": \"sentiment\", \"options\": {%s}}]}",
                 bad[i]);
        galley_error err;
        galley_pipeline *p = t_pipeline(config, &err);
        ck_assert_msg(p == NULL, "accepted %s", bad[i]);
        ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    }
}
END_TEST

START_TEST(model_mode_stays_finite_without_words_or_lexicon_words)
{
    /* a block of figures and punctuation only, one without lexicon words,
       and one a single word long */
    json_t *doc = run_model("", "--- 12:30 --- 4.5 / 17\n\nThe committee met on Tuesday.\n\nOk.\n");
    assert_finite(doc);
    for (size_t b = 0; b < 3; b++) {
        double s = block_score(doc, b);
        ck_assert(s >= -1 && s <= 1);
        ck_assert_ptr_nonnull(block_string(doc, b, "polarity"));
    }
    double total =
        probability(doc, "negative") + probability(doc, "neutral") + probability(doc, "positive");
    ck_assert_double_eq_tol(total, 1.0, 1e-6);
    json_decref(doc);
}
END_TEST

START_TEST(model_mode_empty_scope_is_neutral)
{
    galley_error err;
    galley_pipeline *p = t_pipeline(
        "{\"galley\": 1, \"name\": \"t\", \"steps\": [{\"id\": \"m\", \"plugin\": \"marker\"},"
        "{\"id\": \"sentiment\", \"plugin\": \"sentiment\", \"scope\": {\"even\": false}}]}",
        &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    json_t *doc = t_run_text(p, "What a brutal and terrible day.\n", &err);
    ck_assert_msg(doc != NULL, "%s", err.text);
    const json_t *r = json_object_get(json_object_get(doc, "results"), "sentiment");
    const json_t *probabilities = json_object_get(r, "probabilities");
    ck_assert(json_number_value(json_object_get(probabilities, "neutral")) == 1.0);
    ck_assert(json_number_value(json_object_get(probabilities, "negative")) == 0.0);
    ck_assert(json_number_value(json_object_get(probabilities, "positive")) == 0.0);
    ck_assert_str_eq(json_string_value(json_object_get(r, "polarity")), "neutral");
    assert_finite(doc);
    json_decref(doc);
    galley_pipeline_free(p);
}
END_TEST

/* ---- training ----------------------------------------------------------------- */

static int train_with(const char *dir, const char *corpus, const char *options_json,
                      const char *output, int folds, unsigned seed, json_t **report,
                      galley_error *err)
{
    json_t *options = options_json ? json_loads(options_json, 0, NULL) : NULL;
    galley_train_params params;
    memset(&params, 0, sizeof params);
    params.struct_size = sizeof params;
    params.output = output;
    params.folds = folds;
    params.seed = seed;
    int rc = galley_train_corpus("sentiment", t_load_options(), options, dir, corpus, NULL,
                                 &params, report, err);
    json_decref(options);
    return rc;
}

static int train(const char *dir, const char *options_json, const char *output, int folds,
                 unsigned seed, json_t **report, galley_error *err)
{
    return train_with(dir, NULL, options_json, output, folds, seed, report, err);
}

START_TEST(retraining_reproduces_the_shipped_model_byte_for_byte)
{
    galley_error err;
    json_t *report = NULL;
    char out[1024];
    snprintf(out, sizeof out, "%s/polarity-model.txt", t_dir());
    int rc = train_with(t_source("plugins/sentiment/train"), t_source("corpus"), NULL, out, 0, 1,
                        &report, &err);
    ck_assert_msg(rc == 0, "%s", err.text);
    size_t n1, n2;
    char *made = t_read(out, &n1);
    char *shipped = t_read(t_source("plugins/sentiment/data/polarity-model.txt"), &n2);
    ck_assert_ptr_nonnull(made);
    ck_assert_ptr_nonnull(shipped);
    ck_assert_msg(n1 == n2 && memcmp(made, shipped, n1) == 0,
                  "retrained model differs from plugins/sentiment/data/polarity-model.txt: "
                  "retrain it with galley train sentiment plugins/sentiment/train --corpus "
                  "corpus -o plugins/sentiment/data/polarity-model.txt");
    free(made);
    free(shipped);
    ck_assert_int_gt(json_integer_value(json_object_get(report, "lexicon")), 500);
    ck_assert_int_eq(json_array_size(json_object_get(report, "features")), 16);
    json_decref(report);
}
END_TEST

START_TEST(the_dev_half_of_a_corpus_trains_too)
{
    /* tests/fixtures/eval/good: a dev article with three content blocks (neutral,
       negative, negative) and a held-out one, which must not be read. */
    galley_error err;
    json_t *alone = NULL, *with = NULL;
    const char *dir = t_source("tests/fixtures/sentiment/train");
    ck_assert_msg(train(dir, NULL, NULL, 0, 1, &alone, &err) == 0, "%s", err.text);
    ck_assert_msg(train_with(dir, t_source("tests/fixtures/eval/good"), NULL, NULL, 0, 1, &with,
                             &err) == 0,
                  "%s", err.text);
    ck_assert_int_eq(json_integer_value(json_object_get(with, "paragraphs")),
                     json_integer_value(json_object_get(alone, "paragraphs")) + 3);
    const json_t *la = json_object_get(alone, "labels"), *lw = json_object_get(with, "labels");
    ck_assert_int_eq(
        json_integer_value(json_object_get(json_object_get(lw, "negative"), "paragraphs")),
        json_integer_value(json_object_get(json_object_get(la, "negative"), "paragraphs")) + 2);
    ck_assert_int_eq(
        json_integer_value(json_object_get(json_object_get(lw, "positive"), "paragraphs")),
        json_integer_value(json_object_get(json_object_get(la, "positive"), "paragraphs")));
    json_decref(alone);
    json_decref(with);
    /* a gold file out of step with its article stops the training */
    json_t *report = NULL;
    ck_assert_int_eq(train_with(dir, t_source("tests/fixtures/eval/misaligned"), NULL, NULL, 0, 1,
                                &report, &err),
                     GALLEY_ECONFIG);
    ck_assert_ptr_null(report);
    ck_assert_msg(strstr(err.text, "fix the gold file") != NULL, "%s", err.text);
}
END_TEST

START_TEST(cross_validation_is_reported_and_deterministic)
{
    galley_error err;
    json_t *a = NULL, *b = NULL, *c = NULL;
    const char *dir = t_source("tests/fixtures/sentiment/train");
    ck_assert_msg(train(dir, NULL, NULL, 3, 7, &a, &err) == 0, "%s", err.text);
    ck_assert_int_eq(train(dir, NULL, NULL, 3, 7, &b, &err), 0);
    ck_assert_int_eq(train(dir, NULL, NULL, 3, 8, &c, &err), 0);
    const json_t *cv = json_object_get(a, "cv");
    ck_assert_int_eq(json_integer_value(json_object_get(cv, "folds")), 3);
    ck_assert_int_eq(json_integer_value(json_object_get(cv, "seed")), 7);
    double accuracy = json_number_value(json_object_get(cv, "accuracy"));
    double f1 = json_number_value(json_object_get(cv, "macro_f1"));
    ck_assert(accuracy >= 0 && accuracy <= 1 && f1 >= 0 && f1 <= 1);
    /* every paragraph is scored once, and the accuracy is the diagonal's share */
    size_t total, right;
    t_confusion_totals(cv, &total, &right);
    ck_assert_uint_eq(total, 18);
    ck_assert_double_eq_tol(accuracy, (double)right / (double)total, 1e-12);
    for (size_t i = 0; i < 3; i++) {
        static const char *const labels[] = {"negative", "neutral", "positive"};
        const json_t *per = json_object_get(json_object_get(cv, "labels"), labels[i]);
        ck_assert_ptr_nonnull(json_object_get(per, "f1"));
    }
    /* the same seed gives the same report; the training accuracy is there too */
    ck_assert(json_equal(a, b));
    double training = json_number_value(json_object_get(a, "training_accuracy"));
    ck_assert(training > 0 && training <= 1);
    /* another seed deals other folds, and says so */
    ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(c, "cv"), "seed")), 8);
    json_decref(a);
    json_decref(b);
    json_decref(c);
}
END_TEST

START_TEST(cli_cross_validates_the_shipped_training_set)
{
    const char *argv[] = {"galley", "train", "sentiment", t_source("plugins/sentiment/train"),
                          "--cv",   "5",     "-f",        "json",
                          NULL};
    char *out = NULL, *errs = NULL;
    int rc = t_galley(argv, NULL, &out, &errs);
    ck_assert_msg(rc == 0, "%s", errs);
    json_t *report = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(report);
    const json_t *cv = json_object_get(report, "cv");
    ck_assert_int_eq(json_integer_value(json_object_get(cv, "folds")), 5);
    ck_assert(json_number_value(json_object_get(cv, "accuracy")) > 0.7);
    ck_assert(json_number_value(json_object_get(cv, "macro_f1")) > 0.7);
    size_t total, right;
    t_confusion_totals(cv, &total, &right);
    ck_assert_uint_eq(total, (size_t)json_integer_value(json_object_get(report, "paragraphs")));
    const json_t *labels = json_object_get(report, "labels");
    ck_assert_int_ge(
        json_integer_value(json_object_get(json_object_get(labels, "neutral"), "paragraphs")), 255);
    json_decref(report);
    free(out);
    free(errs);
}
END_TEST

/* galley train sentiment tests/fixtures/sentiment/train [ARGS...] -f json, parsed. */
static json_t *cli_train(const char *const *args, int *status, char **errs)
{
    const char *argv[16] = {"galley", "train", "sentiment",
                            t_source("tests/fixtures/sentiment/train")};
    size_t n = 4;
    for (size_t i = 0; args[i] && n < 13; i++)
        argv[n++] = args[i];
    argv[n++] = "-f";
    argv[n++] = "json";
    argv[n] = NULL;
    char *out = NULL;
    *status = t_galley(argv, NULL, &out, errs);
    json_t *report = *status == 0 ? json_loads(out, 0, NULL) : NULL;
    free(out);
    return report;
}

START_TEST(folds_by_article_score_only_the_corpus_and_keep_each_page_whole)
{
    int status;
    char *errs = NULL;
    const char *alone_args[] = {"--cv", "2", NULL};
    json_t *alone = cli_train(alone_args, &status, &errs);
    ck_assert_msg(status == 0, "%s", errs);
    free(errs);
    /* eight dev pages of the corpus, copied: the whole corpus would make this test the
       longest of the suite under valgrind, and folds behave the same on eight pages */
    const char *pages = t_source("tests/fixtures/sentiment/cv-corpus");
    const char *by_article[] = {"--corpus", pages, "--cv", "4", "--cv-by", "article", NULL};
    json_t *a = cli_train(by_article, &status, &errs);
    ck_assert_msg(status == 0, "%s", errs);
    free(errs);
    json_t *b = cli_train(by_article, &status, &errs);
    free(errs);
    const json_t *cv = json_object_get(a, "cv");
    ck_assert_str_eq(json_string_value(json_object_get(cv, "by")), "article");
    ck_assert_int_eq(json_integer_value(json_object_get(cv, "folds")), 4);
    ck_assert_int_ge(json_integer_value(json_object_get(cv, "articles")), 4);
    /* the corpus blocks are scored, each once; the training directory's paragraphs never */
    size_t total, right;
    t_confusion_totals(cv, &total, &right);
    json_int_t corpus_blocks = json_integer_value(json_object_get(a, "paragraphs")) -
                               json_integer_value(json_object_get(alone, "paragraphs"));
    ck_assert_int_gt(corpus_blocks, 100);
    ck_assert_uint_eq(total, (size_t)corpus_blocks);
    /* the CLI prints six significant digits */
    ck_assert_double_eq_tol(json_number_value(json_object_get(cv, "accuracy")),
                            (double)right / (double)total, 1e-5);
    ck_assert(json_equal(a, b));
    /* dealt by paragraph, the same set scores every paragraph, the training directory too */
    const char *by_paragraph[] = {"--corpus", pages, "--cv", "4", NULL};
    json_t *c = cli_train(by_paragraph, &status, &errs);
    ck_assert_msg(status == 0, "%s", errs);
    free(errs);
    t_confusion_totals(json_object_get(c, "cv"), &total, &right);
    ck_assert_uint_eq(total, (size_t)json_integer_value(json_object_get(c, "paragraphs")));
    ck_assert_ptr_null(json_object_get(json_object_get(c, "cv"), "by"));
    json_decref(alone);
    json_decref(a);
    json_decref(b);
    json_decref(c);
}
END_TEST

START_TEST(folds_by_article_refuse_what_they_cannot_deal)
{
    const char *const *const cases[] = {
        (const char *const[]){"--cv", "3", "--cv-by", "article", NULL},     /* no corpus */
        (const char *const[]){"--cv", "3", "--cv-by", "page", NULL},        /* unknown unit */
        (const char *const[]){"--cv-by", "article", "--corpus", "corpus", NULL}, /* no --cv */
    };
    static const char *const says[] = {"give --corpus too", "paragraph or article",
                                       "goes with --cv"};
    for (size_t i = 0; i < 3; i++) {
        int status;
        char *errs = NULL;
        json_t *r = cli_train(cases[i], &status, &errs);
        ck_assert_int_eq(status, 2);
        ck_assert_ptr_null(r);
        ck_assert_msg(strstr(errs, says[i]) != NULL, "case %zu: %s", i, errs);
        free(errs);
    }
    /* more folds than the corpus has dev articles */
    const char *many[] = {"--corpus", t_source("tests/fixtures/eval/good"), "--cv", "3",
                          "--cv-by", "article", NULL};
    int status;
    char *errs = NULL;
    json_t *r = cli_train(many, &status, &errs);
    ck_assert_int_eq(status, 2);
    ck_assert_ptr_null(r);
    ck_assert_msg(strstr(errs, "need at least 3 dev articles") != NULL, "%s", errs);
    free(errs);
}
END_TEST

START_TEST(the_features_the_help_names_are_the_ones_training_takes)
{
    /* The option's help lists the features in parentheses: every one of them, together,
       is a feature list the trainer accepts, and it is the list of the features "all"
       trains. */
    const char *argv[] = {"galley", "plugins", "info", "sentiment", "-f", "json", NULL};
    char *out = NULL, *errs = NULL;
    ck_assert_int_eq(t_galley(argv, NULL, &out, &errs), 0);
    json_t *info = json_loads(out, 0, NULL);
    ck_assert_ptr_nonnull(info);
    const char *help = NULL;
    size_t i;
    json_t *o;
    json_array_foreach(json_object_get(info, "options"), i, o) if (
        strcmp(json_string_value(json_object_get(o, "name")), "features") == 0) help =
        json_string_value(json_object_get(o, "help"));
    ck_assert_ptr_nonnull(help);
    const char *open = strchr(help, '('), *close = open ? strchr(open, ')') : NULL;
    ck_assert(open && close);
    char list[512], options[600];
    size_t n = 0;
    for (const char *p = open + 1; p < close && n + 1 < sizeof list; p++)
        if (*p != ' ')
            list[n++] = *p;
    list[n] = '\0';
    snprintf(options, sizeof options, "{\"features\": \"%s\"}", list);
    galley_error err;
    json_t *named = NULL, *all = NULL;
    ck_assert_msg(train(t_source("tests/fixtures/sentiment/train"), options, NULL, 0, 1, &named,
                        &err) == 0,
                  "%s: %s", list, err.text);
    ck_assert_int_eq(train(t_source("tests/fixtures/sentiment/train"), NULL, NULL, 0, 1, &all, &err),
                     0);
    ck_assert(json_equal(json_object_get(named, "features"), json_object_get(all, "features")));
    json_decref(named);
    json_decref(all);
    json_decref(info);
    free(out);
    free(errs);
}
END_TEST

START_TEST(a_trained_model_loads_and_classifies)
{
    /* Trained on the small fixture set alone, which has few words: the
       lexical component's min_count is lowered so that it has some. */
    galley_error err;
    json_t *report = NULL;
    char model[1024];
    snprintf(model, sizeof model, "%s/small-model.txt", t_dir());
    ck_assert_msg(train(t_source("tests/fixtures/sentiment/train"), "{\"lexical_min_count\": 2}",
                        model, 0, 1, &report, &err) == 0,
                  "%s", err.text);
    ck_assert_int_gt(json_integer_value(json_object_get(report, "lexicon")), 0);
    json_decref(report);
    size_t n;
    char *text = t_read(model, &n);
    ck_assert_contains(text, "galley-sentiment-model 2\nlabels negative neutral positive\n");
    ck_assert_contains(text, "\nlexical_positive\t");
    ck_assert_contains(text, "\nend\n");
    free(text);
    char options[1200];
    snprintf(options, sizeof options, "\"model\": \"%s\", \"story_context\": 0", model);
    json_t *doc = run_model(options, "The show was a joyful triumph, and the crowd cheered.\n\n"
                                     "The council said the road would close on Monday.\n");
    ck_assert_str_eq(block_string(doc, 0, "polarity"), "positive");
    ck_assert_str_eq(block_string(doc, 1, "polarity"), "neutral");
    json_decref(doc);
    /* with the features option the model has only those, and no word list */
    ck_assert_int_eq(train(t_source("tests/fixtures/sentiment/train"),
                           "{\"features\": \"score, numbers\"}", model, 0, 1, &report, &err),
                     0);
    ck_assert_int_eq(json_integer_value(json_object_get(report, "lexicon")), 0);
    ck_assert_int_eq(json_array_size(json_object_get(report, "features")), 2);
    json_decref(report);
    text = t_read(model, &n);
    ck_assert_contains(text, "\nfeatures 2\nscore\t");
    ck_assert_contains(text, "\nlexicon 0\nend\n");
    free(text);
}
END_TEST

START_TEST(training_refuses_other_labels_and_bad_options)
{
    galley_error err;
    json_t *report = NULL;
    ck_assert_int_eq(train(t_source("tests/fixtures/sentiment/train-odd-label"), NULL, NULL, 0, 1,
                           &report, &err),
                     GALLEY_ECONFIG);
    ck_assert_contains(err.text, "label 'cheerful'");
    ck_assert_int_eq(train(t_source("tests/fixtures/sentiment/train-two-labels"), NULL, NULL, 0, 1,
                           &report, &err),
                     GALLEY_ECONFIG);
    ck_assert_contains(err.text, "no paragraphs labelled neutral");
    static const char *const bad[] = {"{\"features\": \"score, sparkle\"}",
                                      "{\"l2\": 0}",
                                      "{\"lexical_min_count\": 0.5}",
                                      "{\"lexical_min_odds\": -1}",
                                      "{\"word_l2\": -1}",
                                      "{\"word_l2\": 11}",
                                      "{\"word_min_count\": 0}",
                                      "{\"word_min_count\": 1.5}",
                                      "{\"lexical_smoothing\": 0}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_msg(train(t_source("tests/fixtures/sentiment/train"), bad[i], NULL, 0, 1, &report,
                            &err) == GALLEY_ECONFIG,
                      "accepted %s", bad[i]);
    }
    ck_assert_contains(err.text, "lexical_smoothing");
}
END_TEST

/* The sum of the absolute log-odds of a model file's word lines, and their number. */
static double word_odds_sum(const char *model, size_t *words)
{
    size_t n;
    char *text = t_read(model, &n);
    char *p = strstr(text, "\nlexicon ");
    ck_assert_ptr_nonnull(p);
    p = strchr(p + 1, '\n') + 1;
    double sum = 0;
    *words = 0;
    while (strncmp(p, "end\n", 4) != 0) {
        char *tab = strchr(p, '\t');
        char *end;
        sum += fabs(strtod(tab + 1, &end));
        sum += fabs(strtod(end + 1, &end));
        (*words)++;
        p = strchr(end, '\n') + 1;
    }
    free(text);
    return sum;
}

/* A word line's four numbers in a model file (the word and a tab after "\n"). */
static void word_line(const char *text, const char *word, double v[4])
{
    char key[64];
    snprintf(key, sizeof key, "\n%s\t", word);
    const char *p = strstr(text, key);
    ck_assert_msg(p != NULL, "no word line for %s", word);
    char *end = (char *)p + strlen(key);
    for (int i = 0; i < 4; i++)
        v[i] = strtod(end, &end);
}

START_TEST(word_regression_separates_words_and_is_deterministic)
{
    /* Only "glorp" (in every negative paragraph) and "blick" (in every
       positive one) tell the labels apart: their weights counted once per
       block lean to their own label, and training twice writes the same
       file. */
    galley_error err;
    json_t *report = NULL;
    char model[2][1024];
    const char *options = "{\"word_min_count\": 2, \"lexical_min_count\": 1}";
    char *text[2];
    for (int i = 0; i < 2; i++) {
        snprintf(model[i], sizeof model[i], "%s/words-model-%d.txt", t_dir(), i);
        ck_assert_msg(train(t_source("tests/fixtures/sentiment/train-words"), options, model[i], 0,
                            1, &report, &err) == 0,
                      "%s", err.text);
        json_decref(report);
        size_t n;
        text[i] = t_read(model[i], &n);
    }
    ck_assert_str_eq(text[0], text[1]);
    ck_assert_contains(text[0], "galley-sentiment-model 2\n");
    double glorp[4], blick[4];
    word_line(text[0], "glorp", glorp);
    word_line(text[0], "blick", blick);
    /* [2]: towards negative against neutral, [3]: towards positive */
    ck_assert_double_gt(glorp[2], 0);
    ck_assert_double_gt(blick[3], 0);
    ck_assert_double_gt(glorp[2], blick[2]);
    ck_assert_double_gt(blick[3], glorp[3]);
    ck_assert_double_gt(glorp[2], glorp[3]);
    ck_assert_double_gt(blick[3], blick[2]);
    /* another seed deals other folds and shuffles: still the same leaning */
    ck_assert_msg(train(t_source("tests/fixtures/sentiment/train-words"), options, model[0], 0, 2,
                        &report, &err) == 0,
                  "%s", err.text);
    json_decref(report);
    free(text[0]);
    size_t n;
    text[0] = t_read(model[0], &n);
    word_line(text[0], "glorp", glorp);
    word_line(text[0], "blick", blick);
    ck_assert_double_gt(glorp[2], blick[2]);
    ck_assert_double_gt(blick[3], glorp[3]);
    /* word_l2 0 leaves the word regression out: naive Bayes alone, no
       distinct-word weights */
    ck_assert_msg(train(t_source("tests/fixtures/sentiment/train-words"),
                        "{\"word_l2\": 0, \"lexical_min_count\": 1}", model[0], 0, 1, &report,
                        &err) == 0,
                  "%s", err.text);
    json_decref(report);
    free(text[0]);
    text[0] = t_read(model[0], &n);
    word_line(text[0], "glorp", glorp);
    ck_assert_double_gt(glorp[0], 0);
    ck_assert_double_eq(glorp[2], 0);
    ck_assert_double_eq(glorp[3], 0);
    free(text[0]);
    free(text[1]);
}
END_TEST

START_TEST(lexical_smoothing_pulls_rare_words_towards_zero)
{
    /* Every word kept, so that the two models list the same words: the
       larger count added to every word under every label leaves each one's
       log-odds closer to 0, the rare words' most.  Naive Bayes alone (no word
       regression), whose log-odds the file then holds as they are. */
    galley_error err;
    json_t *report = NULL;
    char model[1024];
    snprintf(model, sizeof model, "%s/smoothing-model.txt", t_dir());
    double sums[2];
    size_t words[2];
    static const char *const options[] = {
        "{\"lexical_min_count\": 1, \"lexical_min_odds\": 0, \"lexical_smoothing\": 1, "
        "\"word_l2\": 0}",
        "{\"lexical_min_count\": 1, \"lexical_min_odds\": 0, \"lexical_smoothing\": 5, "
        "\"word_l2\": 0}"};
    for (int i = 0; i < 2; i++) {
        ck_assert_msg(train(t_source("tests/fixtures/sentiment/train"), options[i], model, 0, 1,
                            &report, &err) == 0,
                      "%s", err.text);
        json_decref(report);
        sums[i] = word_odds_sum(model, &words[i]);
    }
    ck_assert_uint_gt(words[0], 0);
    ck_assert_uint_eq(words[0], words[1]);
    ck_assert_double_lt(sums[1], sums[0] * 0.8);
}
END_TEST

typedef struct thread_run {
    const galley_pipeline *pipeline;
    const char *text;
    char *dump; /* the report as compact JSON */
} thread_run;

static void *run_in_thread(void *arg)
{
    thread_run *r = arg;
    galley_error err;
    for (int i = 0; i < 20; i++) {
        json_t *doc = NULL;
        if (galley_pipeline_run_buffer(r->pipeline, "t", r->text, strlen(r->text), NULL, &doc,
                                       &err) != GALLEY_OK)
            return NULL;
        free(r->dump);
        r->dump = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(doc);
    }
    return NULL;
}

START_TEST(one_pipeline_scores_on_many_threads_alike)
{
    galley_error err;
    galley_pipeline *p =
        galley_pipeline_load(t_source("configs/sentiment.json"), t_load_options(), &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    size_t length;
    char *text = t_read(t_source("corpus/occupied-village.txt"), &length);
    ck_assert_ptr_nonnull(text);
    thread_run runs[4];
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) {
        runs[i] = (thread_run){p, text, NULL};
        ck_assert_int_eq(pthread_create(&threads[i], NULL, run_in_thread, &runs[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < 4; i++) {
        ck_assert_ptr_nonnull(runs[i].dump);
        ck_assert_str_eq(runs[i].dump, runs[0].dump);
    }
    ck_assert_contains(runs[0].dump, "\"polarity\"");
    for (int i = 0; i < 4; i++)
        free(runs[i].dump);
    free(text);
    galley_pipeline_free(p);
}
END_TEST

START_TEST(plugins_info_documents_rules_and_tone)
{
    const char *argv[] = {
        "galley", "plugins", "info", "sentiment", "--plugin-path", GALLEY_PLUGIN_BUILD_DIR, NULL};
    char *out = NULL, *err = NULL;
    ck_assert_int_eq(t_galley(argv, NULL, &out, &err), 0);
    ck_assert_contains(out, "loaded-language");
    ck_assert_contains(out, "tone_threshold");
    ck_assert_contains(out, "anger, fear, sadness, hope, joy, irony, fatigue");
    ck_assert_contains(out, "grim");
    ck_assert_contains(out, "negation_scope");
    /* the decision layer and its options */
    ck_assert_contains(out, "mode");
    ck_assert_contains(out, "thresholds");
    ck_assert_contains(out, "polarity-model.txt");
    ck_assert_contains(out, "story_context");
    ck_assert_contains(out, "neutral_bias");
    ck_assert_contains(out, "probabilities");
    ck_assert_contains(out, "p(positive) - p(negative)");
    ck_assert_contains(out, "lexical_min_count");
    ck_assert_contains(out, "lexical_smoothing");
    ck_assert_contains(out, "training only");
    free(out);
    free(err);
}
END_TEST

static Suite *sentiment_suite(void)
{
    Suite *s = suite_create("plugin_sentiment");
    TCase *rules = tcase_create("rules");
    tcase_add_checked_fixture(rules, NULL, teardown);
    tcase_add_test(rules, negation_reverses_the_next_words);
    tcase_add_test(rules, negation_scope_ends_after_scope_words_or_punctuation);
    tcase_add_test(rules, expression_with_a_negator_wins_over_negation);
    tcase_add_test(rules, never_been_better_is_a_peak);
    tcase_add_test(rules, not_only_but_is_not_a_negation);
    tcase_add_test(rules, double_negation_cancels);
    tcase_add_test(rules, boosters_and_dampeners_scale_the_next_word);
    tcase_add_test(rules, capitals_and_exclamation_marks_add_emphasis);
    tcase_add_test(rules, hedges_weaken_the_sentence);
    tcase_add_test(rules, sarcasm_turns_praise);
    tcase_add_test(rules, contrast_shifts_weight_to_the_later_clause);
    tcase_add_test(rules, concession_gives_weight_to_the_main_clause);
    tcase_add_test(rules, contrast_opening_a_sentence_shifts_weight_between_sentences);
    tcase_add_test(rules, expressions_override_their_words);
    tcase_add_test(rules, topic_words_and_tears_weigh_lightly);
    tcase_add_test(rules, words_of_every_length_are_found_by_their_fold);
    suite_add_tcase(s, rules);
    TCase *levels = tcase_create("levels");
    tcase_add_checked_fixture(levels, NULL, teardown);
    tcase_add_test(levels, block_and_document_are_means_of_sentences);
    tcase_add_test(levels, long_documents_do_not_drift_to_the_extremes);
    tcase_add_test(levels, polarity_follows_the_thresholds);
    tcase_add_test(levels, story_context_moves_a_plain_paragraph);
    tcase_add_test(levels, narration_and_quotes_are_scored_apart);
    tcase_add_test(levels, loaded_language_in_narration_is_reported);
    tcase_add_test(levels, plain_reporting_words_and_quotes_are_not_loaded);
    tcase_add_test(levels, unbalanced_quote_does_not_spill_into_the_next_block);
    tcase_add_test(levels, tone_labels_the_block_and_ignores_negated_words);
    tcase_add_test(levels, vader_and_afinn_lexicons_are_read);
    suite_add_tcase(s, levels);
    TCase *bad = tcase_create("bad input");
    tcase_add_checked_fixture(bad, NULL, teardown);
    tcase_add_test(bad, malformed_data_lines_name_file_and_line);
    tcase_add_test(bad, lexicon_with_cr_line_ends_is_read);
    tcase_add_test(bad, malformed_lexicon_exits_2_with_file_and_line);
    tcase_add_test(bad, missing_data_file_is_a_config_error);
    tcase_add_test(bad, bad_option_values_are_refused);
    tcase_add_test(bad, text_without_lexicon_words_is_neutral_and_finite);
    tcase_add_test(bad, empty_scope_gives_an_empty_finite_result);
    tcase_add_test(bad, corpus_article_end_to_end);
    tcase_add_test(bad, one_pipeline_scores_on_many_threads_alike);
    tcase_add_test(bad, plugins_info_documents_rules_and_tone);
    suite_add_tcase(s, bad);
    TCase *model = tcase_create("decision layer");
    tcase_add_checked_fixture(model, NULL, teardown);
    tcase_add_test(model, model_mode_gives_probabilities_and_a_matching_score);
    tcase_add_test(model, dry_war_facts_are_neutral);
    tcase_add_test(model, rescue_paragraph_is_positive);
    tcase_add_test(model, grief_paragraph_is_negative);
    tcase_add_test(model, tiny_model_follows_its_weights);
    tcase_add_test(model, lexical_words_count_inside_longer_terms);
    tcase_add_test(model, distinct_word_weights_count_once_per_block);
    tcase_add_test(model, a_block_s_form_is_read_from_its_endings_and_place);
    tcase_add_test(model, story_context_neighbours_and_neutral_bias_follow_the_formula);
    tcase_add_test(model, thresholds_mode_keeps_the_rule_score);
    tcase_add_test(model, malformed_models_name_file_and_line);
    tcase_add_test(model, missing_model_is_a_config_error_at_load);
    tcase_add_test(model, bad_decision_options_are_refused);
    tcase_add_test(model, model_mode_stays_finite_without_words_or_lexicon_words);
    tcase_add_test(model, model_mode_empty_scope_is_neutral);
    suite_add_tcase(s, model);
    TCase *training = tcase_create("train");
    tcase_add_checked_fixture(training, NULL, teardown);
    tcase_set_timeout(training, 120);
    tcase_add_test(training, retraining_reproduces_the_shipped_model_byte_for_byte);
    tcase_add_test(training, the_dev_half_of_a_corpus_trains_too);
    tcase_add_test(training, cross_validation_is_reported_and_deterministic);
    tcase_add_test(training, cli_cross_validates_the_shipped_training_set);
    tcase_add_test(training, folds_by_article_score_only_the_corpus_and_keep_each_page_whole);
    tcase_add_test(training, folds_by_article_refuse_what_they_cannot_deal);
    tcase_add_test(training, the_features_the_help_names_are_the_ones_training_takes);
    tcase_add_test(training, a_trained_model_loads_and_classifies);
    tcase_add_test(training, training_refuses_other_labels_and_bad_options);
    tcase_add_test(training, lexical_smoothing_pulls_rare_words_towards_zero);
    tcase_add_test(training, word_regression_separates_words_and_is_deterministic);
    suite_add_tcase(s, training);
    return s;
}

int main(void)
{
    return t_main(sentiment_suite());
}
