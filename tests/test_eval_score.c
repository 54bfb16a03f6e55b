/*
 * test_eval_score.c -- the arithmetic of `galley eval` on small cases whose
 * answers were worked out by hand.
 */
#include <math.h>
#include <string.h>

#include "eval_score.h"
#include "support.h"

START_TEST(binary_counts_and_f1)
{
    /* gold:      1 1 1 0 0 0 1
       predicted: 1 1 0 1 0 0 1   -> tp 3, fn 1, fp 1, tn 2 */
    const int gold[] = {1, 1, 1, 0, 0, 0, 1}, pred[] = {1, 1, 0, 1, 0, 0, 1};
    score_binary s = {0};
    for (int i = 0; i < 7; i++)
        score_binary_add(&s, gold[i], pred[i]);
    ck_assert_uint_eq(s.tp, 3);
    ck_assert_uint_eq(s.fp, 1);
    ck_assert_uint_eq(s.fn, 1);
    ck_assert_uint_eq(s.tn, 2);
    ck_assert_double_eq_tol(score_precision(&s), 0.75, 1e-12);
    ck_assert_double_eq_tol(score_recall(&s), 0.75, 1e-12);
    ck_assert_double_eq_tol(score_f1(&s), 0.75, 1e-12);
    /* asymmetric: tp 1, fp 3, fn 0 -> P 0.25, R 1, F1 = 2*1/(2+3) = 0.4 */
    score_binary t = {1, 3, 0, 5};
    ck_assert_double_eq_tol(score_precision(&t), 0.25, 1e-12);
    ck_assert_double_eq_tol(score_recall(&t), 1.0, 1e-12);
    ck_assert_double_eq_tol(score_f1(&t), 0.4, 1e-12);
}
END_TEST

START_TEST(binary_undefined_is_nan)
{
    score_binary none = {0, 0, 0, 4};
    ck_assert(isnan(score_precision(&none)));
    ck_assert(isnan(score_recall(&none)));
    ck_assert(isnan(score_f1(&none)));
}
END_TEST

START_TEST(binary_merge_adds)
{
    score_binary a = {1, 2, 3, 4}, b = {10, 20, 30, 40};
    score_binary_merge(&a, &b);
    ck_assert_uint_eq(a.tp, 11);
    ck_assert_uint_eq(a.fp, 22);
    ck_assert_uint_eq(a.fn, 33);
    ck_assert_uint_eq(a.tn, 44);
}
END_TEST

START_TEST(confusion_accuracy_and_macro_f1)
{
    /* gold/pred pairs:
       war/war war/war war/lifestyle lifestyle/lifestyle lifestyle/war other/other
       accuracy = 4/6.
       war:       tp 2, fp 1 (lifestyle->war), fn 1 -> F1 = 4/6 = 0.6667
       lifestyle: tp 1, fp 1, fn 1               -> F1 = 2/4 = 0.5
       other:     tp 1, fp 0, fn 0               -> F1 = 1
       macro = (0.6667 + 0.5 + 1) / 3 = 0.7222 */
    score_confusion c;
    memset(&c, 0, sizeof c);
    const char *pairs[][2] = {{"war", "war"},       {"war", "war"},
                              {"war", "lifestyle"}, {"lifestyle", "lifestyle"},
                              {"lifestyle", "war"}, {"other", "other"}};
    for (int i = 0; i < 6; i++)
        ck_assert_int_eq(score_confusion_add(&c, pairs[i][0], pairs[i][1]), 0);
    ck_assert_double_eq_tol(score_accuracy(&c), 4.0 / 6.0, 1e-12);
    ck_assert_double_eq_tol(score_macro_f1(&c), (4.0 / 6.0 + 0.5 + 1.0) / 3.0, 1e-12);
}
END_TEST

START_TEST(missing_prediction_counts_against_gold_only)
{
    /* war/war, war/(none): accuracy 1/2; war: tp 1, fn 1, fp 0 -> F1 = 2/3; one class */
    score_confusion c;
    memset(&c, 0, sizeof c);
    score_confusion_add(&c, "war", "war");
    score_confusion_add(&c, "war", NULL);
    ck_assert_double_eq_tol(score_accuracy(&c), 0.5, 1e-12);
    ck_assert_double_eq_tol(score_macro_f1(&c), 2.0 / 3.0, 1e-12);
}
END_TEST

START_TEST(predicted_only_label_joins_the_average)
{
    /* gold war, predicted other: war F1 0, other F1 0 -> macro 0; accuracy 0 */
    score_confusion c;
    memset(&c, 0, sizeof c);
    score_confusion_add(&c, "war", "other");
    ck_assert_double_eq_tol(score_accuracy(&c), 0.0, 1e-12);
    ck_assert_double_eq_tol(score_macro_f1(&c), 0.0, 1e-12);
    score_confusion empty;
    memset(&empty, 0, sizeof empty);
    ck_assert(isnan(score_accuracy(&empty)));
    ck_assert(isnan(score_macro_f1(&empty)));
}
END_TEST

START_TEST(confusion_merge_aligns_labels)
{
    score_confusion a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    score_confusion_add(&a, "war", "war");
    score_confusion_add(&b, "lifestyle", "war"); /* b's label order differs from a's */
    score_confusion_add(&b, "war", "war");
    score_confusion_merge(&a, &b);
    ck_assert_uint_eq(a.total, 3);
    ck_assert_double_eq_tol(score_accuracy(&a), 2.0 / 3.0, 1e-12);
}
END_TEST

START_TEST(too_many_labels_is_refused)
{
    score_confusion c;
    memset(&c, 0, sizeof c);
    char label[8];
    for (int i = 0; i < SCORE_MAX_LABELS; i++) {
        snprintf(label, sizeof label, "l%d", i);
        ck_assert_int_eq(score_confusion_add(&c, label, label), 0);
    }
    ck_assert_int_eq(score_confusion_add(&c, "one-more", "l0"), -1);
}
END_TEST

START_TEST(names_normalise)
{
    char out[64];
    score_normalise_name("  Mr.  Serhiy   KUZAN ", out, sizeof out);
    ck_assert_str_eq(out, "serhiy kuzan");
    score_normalise_name("President Zelensky\xE2\x80\x99s", out, sizeof out);
    ck_assert_str_eq(out, "zelensky");
    score_normalise_name("J. K. Rowling", out, sizeof out);
    ck_assert_str_eq(out, "j k rowling");
    score_normalise_name("Jean\xE2\x80\x90Luc O\xE2\x80\x99Neill", out, sizeof out);
    ck_assert_str_eq(out, "jean-luc o'neill");
}
END_TEST

START_TEST(names_match_by_alias)
{
    const char *aliases[] = {"Kuzan"};
    ck_assert(score_names_match("Serhiy Kuzan", "Serhiy Kuzan", aliases, 1));
    ck_assert(score_names_match("Mr Kuzan", "Serhiy Kuzan", aliases, 1));
    ck_assert(score_names_match("KUZAN", "Serhiy Kuzan", aliases, 1));
    ck_assert(!score_names_match("Serhiy", "Serhiy Kuzan", aliases, 1));
    ck_assert(!score_names_match("Kuzanov", "Serhiy Kuzan", aliases, 1));
    ck_assert(!score_names_match("", "Serhiy Kuzan", aliases, 1));
    /* a protected witness's code, with or without the word the court puts before it */
    ck_assert(score_names_match("K-2", "Witness K-2", NULL, 0));
    ck_assert(score_names_match("Witness P-0551", "P-0551", NULL, 0));
    ck_assert(!score_names_match("K-3", "Witness K-2", NULL, 0));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("eval_score");
    TCase *t = tcase_create("score");
    tcase_add_test(t, binary_counts_and_f1);
    tcase_add_test(t, binary_undefined_is_nan);
    tcase_add_test(t, binary_merge_adds);
    tcase_add_test(t, confusion_accuracy_and_macro_f1);
    tcase_add_test(t, missing_prediction_counts_against_gold_only);
    tcase_add_test(t, predicted_only_label_joins_the_average);
    tcase_add_test(t, confusion_merge_aligns_labels);
    tcase_add_test(t, too_many_labels_is_refused);
    tcase_add_test(t, names_normalise);
    tcase_add_test(t, names_match_by_alias);
    suite_add_tcase(s, t);
    return t_main(s);
}
