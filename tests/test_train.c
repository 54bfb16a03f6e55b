/*
 * test_train.c -- what the host hands a plugin's train(): the examples of a
 * training directory and of a corpus's dev half, and for each the corpus
 * article it comes from (galley_train_params.article_of), recorded by the
 * test plugin 'recorder'.
 */
#include <stdio.h>
#include <string.h>

#include <galley/plugin.h>

#include "support.h"

static json_t *train_recorder(const char *corpus)
{
    char out[1024];
    snprintf(out, sizeof out, "%s/model.txt", t_dir());
    galley_train_params params;
    memset(&params, 0, sizeof params);
    params.struct_size = sizeof params;
    params.output = out;
    params.seed = 1;
    json_t *report = NULL;
    galley_error err;
    int rc = galley_train_corpus(
        "recorder", t_load_options(), NULL, t_source("tests/fixtures/train/labels"),
        corpus ? t_source(corpus) : NULL, "sentiment", &params, &report, &err);
    ck_assert_msg(rc == GALLEY_OK, "%s", err.text);
    return report;
}

/* The file part of an example's source, FILE:LINE. */
static size_t file_part(const char *source)
{
    const char *colon = strrchr(source, ':');
    return colon ? (size_t)(colon - source) : strlen(source);
}

/*
 * The training directory's four paragraphs are no article's (-1); the dev
 * articles' content blocks come one article after another, in page order,
 * numbered 0 and 1, each block with its own article's file; the held-out
 * page gives nothing.
 */
START_TEST(each_example_says_its_corpus_article)
{
    json_t *report = train_recorder("tests/fixtures/train/corpus");
    const json_t *examples = json_object_get(report, "examples");
    ck_assert_uint_eq(json_array_size(examples), 4 + 3 + 2);
    size_t written = 0, per_article[2] = {0, 0};
    int last = -1;
    const char *first_source[2] = {NULL, NULL};
    for (size_t i = 0; i < json_array_size(examples); i++) {
        const json_t *e = json_array_get(examples, i);
        const char *source = json_string_value(json_object_get(e, "source"));
        ck_assert_ptr_nonnull(source);
        ck_assert_msg(!strstr(source, "c-held"), "a held-out page was read: %s", source);
        ck_assert(json_is_integer(json_object_get(e, "article")));
        int a = (int)json_integer_value(json_object_get(e, "article"));
        if (a < 0) {
            ck_assert_ptr_nonnull(strstr(source, "fixtures/train/labels/"));
            written++;
            continue;
        }
        ck_assert_int_lt(a, 2);
        ck_assert_msg(a >= last, "article %d after article %d", a, last);
        last = a;
        per_article[a]++;
        if (!first_source[a])
            first_source[a] = source;
        ck_assert_msg(file_part(source) == file_part(first_source[a]) &&
                          strncmp(source, first_source[a], file_part(source)) == 0,
                      "%s is in article %d with %s", source, a, first_source[a]);
    }
    ck_assert_uint_eq(written, 4);
    ck_assert_uint_eq(per_article[0], 3);
    ck_assert_uint_eq(per_article[1], 2);
    ck_assert(strcmp(first_source[0], first_source[1]) != 0);
    json_decref(report);
}
END_TEST

/* With no corpus there is no article to give. */
START_TEST(without_a_corpus_no_article_is_given)
{
    json_t *report = train_recorder(NULL);
    const json_t *examples = json_object_get(report, "examples");
    ck_assert_uint_eq(json_array_size(examples), 4);
    for (size_t i = 0; i < json_array_size(examples); i++)
        ck_assert(json_is_null(json_object_get(json_array_get(examples, i), "article")));
    json_decref(report);
}
END_TEST

static void teardown(void)
{
    t_cleanup();
}

int main(void)
{
    Suite *s = suite_create("train");
    TCase *t = tcase_create("examples");
    tcase_add_checked_fixture(t, NULL, teardown);
    tcase_add_test(t, each_example_says_its_corpus_article);
    tcase_add_test(t, without_a_corpus_no_article_is_given);
    suite_add_tcase(s, t);
    return t_main(s);
}
