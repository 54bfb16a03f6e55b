/*
 * test_eval.c -- `galley eval` end to end: the real binary scores a small
 * annotated corpus under tests/fixtures/eval/, and refuses gold files that
 * do not line up with their articles.
 */
#include <stdlib.h>
#include <string.h>

#include "support.h"

static int eval(const char *config, const char *dir, const char *extra, char **out, char **err)
{
    const char *argv[] = {"galley", "eval", config, dir, extra, NULL};
    return t_galley(argv, NULL, out, err);
}

START_TEST(scores_both_halves)
{
    char *out, *err;
    int rc = eval(t_source("configs/review.json"), t_source("tests/fixtures/eval/good"), NULL,
                  &out, &err);
    ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
    ck_assert_contains(out, "(1 dev, 1 held-out articles)");
    /* each half has its own column, and every analysis of the config its rows */
    ck_assert_contains(out, "dev  held-out       all");
    ck_assert_contains(out, "boilerplate  block precision");
    ck_assert_contains(out, "section      block accuracy");
    ck_assert_contains(out, "sentiment    block accuracy");
    ck_assert_contains(out, "persons      precision");
    ck_assert_msg(strstr(err, "gold") == NULL, "unexpected: %s", err);
    free(out);
    free(err);
}
END_TEST

START_TEST(json_counts_the_articles_of_each_half)
{
    char *out, *err;
    const char *argv[] = {"galley", "eval", t_source("configs/boilerplate.json"),
                          t_source("tests/fixtures/eval/good"), "-f", "json", NULL};
    int rc = t_galley(argv, NULL, &out, &err);
    ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
    json_error_t jerr;
    json_t *report = json_loads(out, 0, &jerr);
    ck_assert_msg(report != NULL, "not JSON: %s (%s)", jerr.text, out);
    json_t *dev = json_object_get(report, "dev");
    json_t *heldout = json_object_get(report, "heldout");
    ck_assert_msg(dev && heldout, "no halves in %s", out);
    ck_assert_int_eq(json_integer_value(json_object_get(dev, "articles")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(heldout, "articles")), 1);
    ck_assert_int_eq(json_integer_value(json_object_get(dev, "misaligned")), 0);
    json_decref(report);
    free(out);
    free(err);
}
END_TEST

START_TEST(a_gold_file_out_of_step_is_an_error)
{
    char *out, *err;
    int rc = eval(t_source("configs/boilerplate.json"), t_source("tests/fixtures/eval/misaligned"),
                  NULL, &out, &err);
    ck_assert_int_eq(rc, 2);
    /* a block that does not begin with its "starts": the file, the line and both texts */
    ck_assert_contains(err, "flood-brief.txt:5: gold block 2 should start \"Residents of the "
                            "city\" but the article's block starts \"Residents of the river");
    /* a block too few */
    ck_assert_contains(err, "short-gold.txt: the gold file has 2 blocks but the article has 3");
    /* one line each */
    size_t lines = 0;
    for (const char *p = err; *p; p++)
        lines += *p == '\n';
    ck_assert_uint_eq(lines, 2);
    /* the article whose gold is right is still scored */
    ck_assert_contains(out, "(2 dev, 1 held-out articles)");
    ck_assert_contains(out, "2 article(s) skipped for block scores");
    free(out);
    free(err);
}
END_TEST

START_TEST(starts_compares_words_not_spacing)
{
    /* The same article with its gold "starts" spaced differently is still in step. */
    const char *dir = t_dir();
    char *text = t_read(t_source("tests/fixtures/eval/good/flood-brief.txt"), NULL);
    char *gold = t_read(t_source("tests/fixtures/eval/good/flood-brief.gold.json"), NULL);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(gold);
    char *at = strstr(gold, "\"Residents of the river\"");
    ck_assert_ptr_nonnull(at);
    const char *spaced = "\"Residents  of\\nthe river\"";
    size_t head = (size_t)(at - gold), old = strlen("\"Residents of the river\"");
    char *edited = malloc(strlen(gold) + strlen(spaced) + 1);
    ck_assert_ptr_nonnull(edited);
    memcpy(edited, gold, head);
    strcpy(edited + head, spaced);
    strcat(edited, at + old);
    t_write("flood-brief.txt", text);
    t_write("flood-brief.gold.json", edited);
    char *out, *err;
    int rc = eval(t_source("configs/boilerplate.json"), dir, NULL, &out, &err);
    ck_assert_msg(rc == 0, "exit %d: %s", rc, err);
    free(out);
    free(err);
    free(edited);
    free(text);
    free(gold);
}
END_TEST

static Suite *eval_suite(void)
{
    Suite *s = suite_create("eval");
    TCase *tc = tcase_create("corpus");
    tcase_add_checked_fixture(tc, NULL, t_cleanup);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, scores_both_halves);
    tcase_add_test(tc, json_counts_the_articles_of_each_half);
    tcase_add_test(tc, a_gold_file_out_of_step_is_an_error);
    tcase_add_test(tc, starts_compares_words_not_spacing);
    suite_add_tcase(s, tc);
    return s;
}

int main(void) { return t_main(eval_suite()); }
