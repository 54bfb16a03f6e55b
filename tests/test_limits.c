/*
 * test_limits.c -- inputs built to exhaust something: nesting that would
 * overflow a recursive parser's stack, directories nested without end, and
 * articles larger than --max-bytes.
 *
 * Nothing in the core recurses to a depth that input controls: jansson stops
 * at JSON_PARSER_MAX_DEPTH (2048 in the jansson this is built with) with an
 * error, the JSON position finder is iterative and skips what it cannot
 * track, and the directory walk stops at 32 levels.  These tests hold that.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "pipeline.h"
#include "support.h"

/* "[[[...]]]" n deep, or with an object in the middle: "[[{"k": 1}]]". */
static char *nested(size_t n, const char *middle)
{
    size_t m = strlen(middle);
    char *s = malloc(2 * n + m + 1);
    ck_assert_ptr_nonnull(s);
    memset(s, '[', n);
    memcpy(s + n, middle, m);
    memset(s + n + m, ']', n);
    s[2 * n + m] = '\0';
    return s;
}

static char *config_with(const char *deep, const char *after)
{
    size_t n = strlen(deep) + strlen(after) + 256;
    char *s = malloc(n);
    ck_assert_ptr_nonnull(s);
    snprintf(s, n,
             "{\"galley\": 1, \"steps\": [{\"plugin\": \"marker\"}],\n"
             " \"x-note\": %s%s}\n",
             deep, after);
    return s;
}

START_TEST(a_config_nested_10000_deep_is_refused_cleanly)
{
    char *deep = nested(10000, "");
    char *json = config_with(deep, "");
    gl_config c;
    galley_error err;
    galley_error_clear(&err);
    int rc = gl_config_load(&c, t_write("deep.json", json), &err);
    ck_assert_int_eq(rc, GALLEY_ECONFIG);
    ck_assert_int_eq(err.line, 2);
    ck_assert_contains(err.text, "nested more than 2048 deep");
    gl_config_free(&c);
    /* The same from memory, and through the public loader. */
    rc = gl_config_load_buffer(&c, "deep.json", json, strlen(json), &err);
    ck_assert_int_eq(rc, GALLEY_ECONFIG);
    ck_assert_contains(err.text, "nested more than 2048 deep");
    gl_config_free(&c);
    ck_assert_ptr_null(t_pipeline(json, &err));
    ck_assert_int_eq(err.status, GALLEY_ECONFIG);
    free(json);
    free(deep);
}
END_TEST

/*
 * Just under the parser's limit the config loads; an error after the deep
 * value is still located, though the position finder tracks only 64 levels.
 */
START_TEST(errors_after_a_deep_value_are_still_located)
{
    char *deep = nested(2000, "{\"a\": \"]}[{\\\"\"}");
    char *json = config_with(deep, ",\n \"stepz\": []");
    gl_config c;
    galley_error err;
    galley_error_clear(&err);
    int rc = gl_config_load(&c, t_write("deep.json", json), &err);
    ck_assert_int_eq(rc, GALLEY_ECONFIG);
    ck_assert_contains(err.text, "unknown key 'stepz'");
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 2);
    gl_config_free(&c);
    free(json);
    char *fine = config_with(deep, "");
    ck_assert_int_eq(gl_config_load(&c, t_write("deep.json", fine), &err), 0);
    gl_config_free(&c);
    free(fine);
    free(deep);
}
END_TEST

/*
 * gl_config_load_buffer (what the fuzz harness calls) and gl_config_load (what
 * galley calls) must be one loader: same result, same error, same position.
 */
START_TEST(the_buffer_loader_is_the_file_loader)
{
    static const char *const texts[] = {
        "{\"galley\": 1, \"steps\": [{\"plugin\": \"marker\", \"id\": \"m\"}]}",
        "{\"galley\": 1, \"steps\": [{\"plugin\": \"marker\", \"opions\": {}}]}",
        "{\"galley\": 1, \"steps\": [}",
        "{\"galley\": 2, \"steps\": []}",
        "[1, 2, 3]",
        "",
        "{\"galley\": 1, \"steps\": [{\"plugin\": \"a\"}, {\"plugin\": \"a\"}]}",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *path = t_write("same.json", texts[i]);
        gl_config a, b;
        galley_error ea, eb;
        galley_error_clear(&ea);
        galley_error_clear(&eb);
        int ra = gl_config_load(&a, path, &ea);
        int rb = gl_config_load_buffer(&b, path, texts[i], strlen(texts[i]), &eb);
        ck_assert_int_eq(ra, rb);
        ck_assert_str_eq(ea.text, eb.text);
        ck_assert_str_eq(ea.source, eb.source);
        ck_assert_str_eq(ea.path, eb.path);
        ck_assert_int_eq(ea.line, eb.line);
        ck_assert_int_eq(ea.column, eb.column);
        ck_assert_int_eq(ea.position, eb.position);
        ck_assert_uint_eq(a.step_count, b.step_count);
        ck_assert_str_eq(a.dir ? a.dir : "", b.dir ? b.dir : "");
        gl_config_free(&a);
        gl_config_free(&b);
    }
}
END_TEST

START_TEST(a_meta_file_nested_10000_deep_is_refused_cleanly)
{
    galley_error err;
    galley_pipeline *p = t_pipeline("{\"galley\": 1, \"steps\": [{\"plugin\": \"marker\"}]}", &err);
    ck_assert_msg(p != NULL, "%s", err.text);
    char *deep = nested(10000, "");
    size_t n = strlen(deep) + 64;
    char *meta = malloc(n);
    snprintf(meta, n, "{\"marker_note\": %s}", deep);
    json_t *out = NULL;
    ck_assert_int_eq(galley_pipeline_load_meta(p, t_write("deep.meta.json", meta), &out, &err),
                     GALLEY_ECONFIG);
    ck_assert_ptr_null(out);
    ck_assert_contains(err.text, "maximum parsing depth");
    ck_assert_int_eq(gl_meta_parse(p, "deep.meta.json", meta, strlen(meta), &out, &err),
                     GALLEY_ECONFIG);
    free(meta);
    free(deep);
    galley_pipeline_free(p);
}
END_TEST

/*
 * A value 2000 deep that the parser accepts travels on: marker copies
 * marker_note into its results, and every report format writes it.
 */
START_TEST(a_deep_meta_value_goes_through_every_format)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"galley\": 1, \"plugin_path\": \"%s\", \"steps\": [{\"plugin\": \"marker\"}]}",
             GALLEY_TEST_PLUGIN_DIR);
    const char *config = t_write("marker.json", json);
    const char *article = t_write("a.txt", "An article with ERROR in it.\n");
    char *deep = nested(2000, "\"bottom\"");
    size_t n = strlen(deep) + 64;
    char *meta = malloc(n);
    snprintf(meta, n, "{\"marker_note\": %s}", deep);
    const char *meta_path = t_write("a.meta.json", meta);
    for (const char *const *f = galley_writer_formats(); *f; f++) {
        const char *argv[] = {"galley",  "run", config, article, "--meta",
                              meta_path, "-f",  *f,     NULL};
        char *out, *err;
        int status = t_galley(argv, NULL, &out, &err);
        ck_assert_msg(status == 1, "%s: exit %d, want 1 (the gate): %s", *f, status, err);
        if (strcmp(*f, "json") == 0)
            ck_assert_contains(out, "\"bottom\"");
        free(out);
        free(err);
    }
    free(meta);
    free(deep);
}
END_TEST

START_TEST(directories_nested_past_the_limit_end_in_an_error_entry)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tree", t_dir());
    ck_assert_int_eq(mkdir(path, 0755), 0);
    for (int depth = 1; depth <= 40; depth++) {
        strcat(path, "/d");
        ck_assert_msg(mkdir(path, 0755) == 0, "mkdir %s: %s", path, strerror(errno));
        if (depth == 5 || depth == 40) {
            char file[4200];
            snprintf(file, sizeof file, "%s/level-%d.txt", path, depth);
            FILE *f = fopen(file, "w");
            ck_assert_ptr_nonnull(f);
            fputs("An article deep down.\n", f);
            fclose(f);
        }
    }
    char tree[1024];
    snprintf(tree, sizeof tree, "%s/tree", t_dir());
    const char *argv[] = {"galley",
                          "run",
                          t_source("configs/wordcount.json"),
                          "--plugin-path",
                          GALLEY_PLUGIN_BUILD_DIR,
                          tree,
                          "-f",
                          "json",
                          NULL};
    char *out, *err;
    int status = t_galley(argv, NULL, &out, &err);
    ck_assert_msg(status == 3, "exit %d: %s", status, err);
    ck_assert_contains(err, "directories nested more than 32 deep");
    json_error_t jerr;
    json_t *report = json_loads(out, 0, &jerr);
    ck_assert_ptr_nonnull(report);
    const json_t *docs = json_object_get(report, "documents");
    /*
     * Names sort before files, so the walk goes down first: the entry that
     * says where it stopped, then the article five levels down.  The one at
     * level 40 is out of reach.
     */
    ck_assert_uint_eq(json_array_size(docs), 2);
    const json_t *stop = json_object_get(json_array_get(docs, 0), "error");
    ck_assert_ptr_nonnull(stop);
    ck_assert_contains(json_string_value(json_object_get(stop, "message")), "more than 32 deep");
    ck_assert_contains(json_string_value(json_object_get(json_array_get(docs, 1), "path")),
                       "level-5.txt");
    json_decref(report);
    free(out);
    free(err);
}
END_TEST

START_TEST(max_bytes_is_exact_and_its_errors_are_clear)
{
    const char *config = t_source("configs/wordcount.json");
    char text[1025];
    memset(text, 'a', 1023);
    text[1023] = '\n';
    text[1024] = '\0';
    const char *file = t_write("k.txt", text);
    /* Exactly at the limit passes; one byte over does not, from a file or from stdin. */
    const char *at[] = {"galley",
                        "run",
                        config,
                        "--plugin-path",
                        GALLEY_PLUGIN_BUILD_DIR,
                        file,
                        "--max-bytes",
                        "1K",
                        "-f",
                        "json",
                        NULL};
    char *out, *err;
    ck_assert_int_eq(t_galley(at, NULL, &out, &err), 0);
    free(out);
    free(err);
    const char *over[] = {"galley",
                          "run",
                          config,
                          "--plugin-path",
                          GALLEY_PLUGIN_BUILD_DIR,
                          file,
                          "--max-bytes",
                          "1023",
                          "-f",
                          "json",
                          NULL};
    ck_assert_int_eq(t_galley(over, NULL, &out, &err), 3);
    ck_assert_contains(err, "k.txt: is 1024 bytes, over the 1023-byte limit; raise it with "
                            "--max-bytes or split the file");
    free(out);
    free(err);
    const char *in[] = {"galley",
                        "run",
                        config,
                        "--plugin-path",
                        GALLEY_PLUGIN_BUILD_DIR,
                        "-",
                        "--max-bytes",
                        "1000",
                        "-f",
                        "json",
                        NULL};
    ck_assert_int_eq(t_galley(in, text, &out, &err), 3);
    ck_assert_contains(err, "larger than the 1000-byte limit; raise it with --max-bytes");
    free(out);
    free(err);
    static const char *const bad[] = {"0", "1X", "K", "-5", "12MB", "99999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *argv[] = {"galley", "run", config, file, "--max-bytes", bad[i], NULL};
        ck_assert_int_eq(t_galley(argv, NULL, &out, &err), 2);
        ck_assert_contains(err, "--max-bytes wants a size like 64M");
        ck_assert_contains(err, bad[i]);
        free(out);
        free(err);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("limits");
    TCase *tc = tcase_create("limits");
    tcase_add_checked_fixture(tc, NULL, t_cleanup);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, a_config_nested_10000_deep_is_refused_cleanly);
    tcase_add_test(tc, errors_after_a_deep_value_are_still_located);
    tcase_add_test(tc, the_buffer_loader_is_the_file_loader);
    tcase_add_test(tc, a_meta_file_nested_10000_deep_is_refused_cleanly);
    tcase_add_test(tc, a_deep_meta_value_goes_through_every_format);
    tcase_add_test(tc, directories_nested_past_the_limit_end_in_an_error_entry);
    tcase_add_test(tc, max_bytes_is_exact_and_its_errors_are_clear);
    suite_add_tcase(s, tc);
    return t_main(s);
}
