/*
 * test_alloc.c -- every allocation failure in the text layer and the config
 * loader, in the manner of SQLite's malloc-failure tests.
 *
 * A successful run is made first, counting its allocations.  Then, for every
 * n from 1 to that count, the nth allocation and every one after it fail; the
 * call must fail cleanly: GALLEY_ENOMEM, the file named, nothing half-built
 * handed back, nothing leaked (the sanitizer build checks that as each test's
 * process exits).  Finally, with failures off, the same call must succeed and
 * give the same result as the first run, so a failure left nothing behind.
 *
 * jansson's allocations are routed through the same counter with
 * json_set_alloc_funcs(), so a failure inside the JSON parser is walked too.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "config.h"
#include "pipeline.h"
#include "support.h"
#include "text.h"

static void *counted_malloc(size_t size) { return gl_alloc_should_fail() ? NULL : malloc(size); }

static void plain_free(void *ptr) { free(ptr); }

static void setup(void)
{
    gl_alloc_fail_after(0);
    json_set_alloc_funcs(counted_malloc, plain_free);
}

static void teardown(void)
{
    gl_alloc_fail_after(0);
    json_set_alloc_funcs(malloc, free);
    t_cleanup();
}

/* ---- the text layer ------------------------------------------------------ */

/*
 * Several paragraphs; non-ASCII words (so utf8proc folds them); straight,
 * curly and angle quotes; abbreviations; CRLF line ends in one paragraph; and
 * one word long enough that its folded form does not fit the folder's stack
 * buffer, so that the heap path is walked as well.
 */
static char *sample_article(size_t *length)
{
    static const char head[] =
        "KYIV \xe2\x80\x94 \xe2\x80\x9cWe held the line,\xe2\x80\x9d said Pavlo, 34, a gunner. "
        "\"Nobody slept,\" he added.\n"
        "Mr. Kuzan of the Kyiv-based Institute disagreed.\n"
        "\n"
        "\xc3\x89tienne M\xc3\xbcller\xe2\x80\x99s report \xc2\xab" "from the front\xc2\xbb "
        "cost \xe2\x82\xac" "3,000.50 \xe2\x80\x94 \xd0\x9a\xd1\x83\xd1\x80\xd1\x81\xd0\xba "
        "\xd0\xbe\xd0\xb1\xd0\xbb\xd0\xb0\xd1\x81\xd1\x82\xd1\x8c, 'quoted' too\xe2\x80\xa6\r\n"
        "STRASSE und Stra\xc3\x9f" "e! Was it U.S. policy? Yes.\r\n"
        "\n"
        "Most Popular\n"
        "\n"
        "Read Now: \xe2\x80\x98Ten recipes\xe2\x80\x99 for a slow Sunday...\n"
        "\n";
    const size_t long_word = 300; /* "é" 300 times: 300 code points once folded */
    size_t n = sizeof head - 1;
    char *text = malloc(n + long_word * 2 + 2);
    ck_assert_ptr_nonnull(text);
    memcpy(text, head, n);
    for (size_t i = 0; i < long_word; i++) {
        text[n++] = '\xc3';
        text[n++] = '\xa9';
    }
    text[n++] = '\n';
    text[n] = '\0';
    *length = n;
    return text;
}

/* What a text analysis found, to compare runs. */
typedef struct text_summary {
    size_t blocks, sentences, tokens, folds_len;
    unsigned long flag_sum;
} text_summary;

static text_summary summarise(const gl_text *t)
{
    text_summary s = {t->block_count, t->sentence_count, t->token_count, 0, 0};
    for (size_t i = 0; i < t->token_count; i++) {
        s.folds_len += t->tokens[i].fold_len;
        s.flag_sum += t->tokens[i].flags * (i + 1);
    }
    return s;
}

START_TEST(text_analysis_survives_every_allocation_failure)
{
    size_t length;
    char *article = sample_article(&length);
    gl_text t;
    galley_error err;

    gl_alloc_fail_after(0);
    galley_error_clear(&err);
    ck_assert_msg(gl_text_analyse(&t, article, length, "article.txt", &err) == 0, "%s", err.text);
    long count = gl_alloc_count();
    text_summary want = summarise(&t);
    /* The sample reaches the parts it was written for. */
    ck_assert_uint_eq(want.blocks, 5);
    ck_assert_uint_ge(want.sentences, 8);
    const galley_token *last = &t.tokens[t.token_count - 1];
    ck_assert_uint_eq(last->fold_len, 600); /* the long word, folded on the heap */
    gl_text_free(&t);
    ck_assert_int_gt(count, 5);

    for (long n = 1; n <= count; n++) {
        gl_alloc_fail_after(n);
        galley_error_clear(&err);
        int rc = gl_text_analyse(&t, article, length, "article.txt", &err);
        long made = gl_alloc_count();
        gl_alloc_fail_after(0);
        ck_assert_msg(rc == GALLEY_ENOMEM, "allocation %ld of %ld failed: status %d, not %d (%s)",
                      n, count, rc, GALLEY_ENOMEM, err.text);
        ck_assert_msg(made >= n, "allocation %ld was never reached (%ld made)", n, made);
        ck_assert_int_eq(err.status, GALLEY_ENOMEM);
        ck_assert_str_eq(err.source, "article.txt");
        /* On failure the text is left empty, as text.h promises. */
        ck_assert_msg(t.block_count == 0 && t.token_count == 0 && t.sentence_count == 0 &&
                          t.blocks == NULL && t.tokens == NULL && t.folds == NULL &&
                          t.lines == NULL && t.sentences == NULL,
                      "allocation %ld: a failed analysis handed back a partial text", n);
        gl_text_free(&t);
    }

    galley_error_clear(&err);
    ck_assert_msg(gl_text_analyse(&t, article, length, "article.txt", &err) == 0, "%s", err.text);
    text_summary again = summarise(&t);
    ck_assert_uint_eq(again.blocks, want.blocks);
    ck_assert_uint_eq(again.sentences, want.sentences);
    ck_assert_uint_eq(again.tokens, want.tokens);
    ck_assert_uint_eq(again.folds_len, want.folds_len);
    ck_assert_uint_eq(again.flag_sum, want.flag_sum);
    gl_text_free(&t);
    free(article);
}
END_TEST

START_TEST(input_errors_come_before_any_allocation)
{
    /* Invalid UTF-8 is an input error even when memory is short: the text is checked first. */
    static const char bad[] = "fine\n\nnot \xff fine\n";
    gl_text t;
    galley_error err;
    gl_alloc_fail_after(1);
    galley_error_clear(&err);
    ck_assert_int_eq(gl_text_analyse(&t, bad, sizeof bad - 1, "bad.txt", &err), GALLEY_EINPUT);
    ck_assert_int_eq(gl_alloc_count(), 0);
    gl_alloc_fail_after(0);
    ck_assert_int_eq(err.line, 3);
    ck_assert_int_eq(err.column, 5);
    gl_text_free(&t);
}
END_TEST

/* ---- the config loader --------------------------------------------------- */

static const char *const sample_config =
    "{\n"
    "  \"galley\": 1,\n"
    "  \"name\": \"editorial review with every part\",\n"
    "  \"description\": \"boilerplate, section, sentiment, anonymise\",\n"
    "  \"plugin_path\": [\"plugins\", \"../shared/plugins\", \"/opt/galley/plugins\"],\n"
    "  \"x-owner\": \"night desk\",\n"
    "  \"steps\": [\n"
    "    {\"id\": \"boilerplate\", \"plugin\": \"boilerplate\"},\n"
    "    {\"id\": \"section\", \"plugin\": \"section\", \"scope\": {\"boilerplate\": false},\n"
    "     \"options\": {\"model\": \"models/section.txt\", \"threshold\": 0.65}},\n"
    "    {\"id\": \"sentiment\", \"plugin\": \"sentiment\",\n"
    "     \"scope\": {\"boilerplate\": false, \"section\": [\"war\", \"other\"]},\n"
    "     \"options\": {\"negation_window\": 3, \"quotes\": true}},\n"
    "    {\"plugin\": \"anonymise\", \"description\": \"names and pseudonyms\",\n"
    "     \"options\": {\"public_figures\": \"lists/public-figures.txt\",\n"
    "                 \"strict\": false, \"stop\": null}}\n"
    "  ],\n"
    "  \"gate\": {\"fail_on\": \"warning\"}\n"
    "}\n";

/* What a config load produced, to compare runs. */
static void check_sample(const gl_config *c, const char *dir)
{
    ck_assert_str_eq(c->name, "editorial review with every part");
    ck_assert_uint_eq(c->step_count, 4);
    ck_assert_str_eq(c->steps[0].id, "boilerplate");
    ck_assert_str_eq(c->steps[3].id, "anonymise");
    ck_assert_str_eq(c->steps[2].plugin, "sentiment");
    ck_assert_uint_eq(json_array_size(json_object_get(c->steps[2].scope, "section")), 2);
    ck_assert_double_eq_tol(json_real_value(json_object_get(c->steps[1].options, "threshold")),
                            0.65, 1e-12);
    ck_assert_int_eq(c->fail_on, GALLEY_WARNING);
    ck_assert_uint_eq(c->plugin_path_count, 3);
    char want[600];
    snprintf(want, sizeof want, "%s/plugins", dir);
    ck_assert_str_eq(c->plugin_path[0], want);
    ck_assert_str_eq(c->plugin_path[2], "/opt/galley/plugins");
}

START_TEST(config_load_survives_every_allocation_failure)
{
    char dir[512];
    int w = snprintf(dir, sizeof dir, "%s/conf", t_dir());
    ck_assert(w > 0 && (size_t)w < sizeof dir);
    ck_assert_int_eq(mkdir(dir, 0700), 0);
    const char *file = t_write("conf/review.json", sample_config);
    gl_config c;
    galley_error err;

    gl_alloc_fail_after(0);
    galley_error_clear(&err);
    ck_assert_msg(gl_config_load(&c, file, &err) == 0, "%s", err.text);
    long count = gl_alloc_count();
    check_sample(&c, dir);
    gl_config_free(&c);
    /* The count includes jansson's own allocations: one per value at least. */
    ck_assert_int_gt(count, 40);

    for (long n = 1; n <= count; n++) {
        gl_alloc_fail_after(n);
        galley_error_clear(&err);
        int rc = gl_config_load(&c, file, &err);
        long made = gl_alloc_count();
        gl_alloc_fail_after(0);
        ck_assert_msg(rc == GALLEY_ENOMEM,
                      "allocation %ld of %ld failed: status %d, not %d (%s:%d:%d: %s)", n, count,
                      rc, GALLEY_ENOMEM, err.source, err.line, err.column, err.text);
        ck_assert_msg(made >= n, "allocation %ld was never reached (%ld made)", n, made);
        ck_assert_int_eq(err.status, GALLEY_ENOMEM);
        ck_assert_str_eq(err.source, file);
        ck_assert_ptr_null(strstr(err.text, "JSON"));
        gl_config_free(&c);
    }

    galley_error_clear(&err);
    ck_assert_msg(gl_config_load(&c, file, &err) == 0, "%s", err.text);
    check_sample(&c, dir);
    gl_config_free(&c);
}
END_TEST

START_TEST(config_errors_stay_config_errors_when_memory_is_plenty)
{
    /* The out-of-memory check for jansson's syntax errors must not turn a real syntax
       error into ENOMEM. */
    const char *file = t_write("bad.json", "{\"galley\": 1, \"steps\": [{\"plugin\": tru}]}");
    gl_config c;
    galley_error err;
    galley_error_clear(&err);
    ck_assert_int_eq(gl_config_load(&c, file, &err), GALLEY_ECONFIG);
    ck_assert_contains(err.text, "not valid JSON");
    ck_assert_contains(err.text, "invalid token");
    ck_assert_int_eq(err.line, 1);
    gl_config_free(&c);
}
END_TEST

/* ---- the meta loader ----------------------------------------------------- */

static const char sample_meta[] =
    "{\"title\": \"Night on the line\", \"pseudonyms\": [\"Pavlo\", \"Myroslav\"],\n"
    " \"on_record\": [\"Serhiy Kuzan\"], \"public_figures\": [], \"section\": \"war\",\n"
    " \"x-desk\": {\"editor\": \"M. \\u00c9tienne\", \"flags\": [true, 2.5, null]}}\n";

/*
 * Only the meta keys of a pipeline matter to the meta loader, so a pipeline
 * with nothing else in it stands in for a loaded one, and no plugin (built
 * against the shared library, outside these hooks) is involved.
 */
static void meta_pipeline(galley_pipeline *p)
{
    static char *keys[] = {"title", "pseudonyms", "on_record", "public_figures", "section"};
    memset(p, 0, sizeof *p);
    p->meta_keys = keys;
    p->meta_key_count = sizeof keys / sizeof keys[0];
}

START_TEST(meta_load_survives_every_allocation_failure)
{
    galley_pipeline p;
    meta_pipeline(&p);
    const char *file = t_write("a.meta.json", sample_meta);
    json_t *meta = NULL;
    galley_error err;

    gl_alloc_fail_after(0);
    ck_assert_msg(galley_pipeline_load_meta(&p, file, &meta, &err) == 0, "%s", err.text);
    long count = gl_alloc_count();
    char *want = json_dumps(meta, JSON_COMPACT);
    json_decref(meta);
    ck_assert_int_gt(count, 10);

    for (long n = 1; n <= count; n++) {
        gl_alloc_fail_after(n);
        int rc = galley_pipeline_load_meta(&p, file, &meta, &err);
        long made = gl_alloc_count();
        gl_alloc_fail_after(0);
        /* Out of memory, and never blamed on the file's JSON. */
        ck_assert_msg(rc == GALLEY_ENOMEM, "allocation %ld of %ld failed: status %d (%s)", n,
                      count, rc, err.text);
        ck_assert_msg(made >= n, "allocation %ld was never reached (%ld made)", n, made);
        ck_assert_int_eq(err.status, GALLEY_ENOMEM);
        ck_assert_str_eq(err.source, file);
        ck_assert_ptr_null(meta);
    }

    ck_assert_int_eq(galley_pipeline_load_meta(&p, file, &meta, &err), 0);
    char *again = json_dumps(meta, JSON_COMPACT);
    ck_assert_str_eq(again, want);
    free(again);
    free(want);
    json_decref(meta);
}
END_TEST

/* ---- the report writers ---------------------------------------------------- */

/*
 * A document report as `galley run -f json` writes it, from the real binary
 * and the real marker test plugin, so that the writers see what they see in
 * use.  The article stays on disk for the formats that quote it.
 */
static json_t *real_document(void)
{
    char json[512];
    snprintf(json, sizeof json,
             "{\"galley\": 1, \"plugin_path\": \"%s\", \"steps\": [{\"plugin\": \"marker\"}]}",
             GALLEY_TEST_PLUGIN_DIR);
    const char *config = t_write("marker.json", json);
    const char *article =
        t_write("article.txt", "KYIV \xe2\x80\x94 The first block says ERROR and WARN.\n\n"
                               "The second says INFO, \"quoted\", <b>bold</b> & \x1b[1mloud\x1b[0m.\n");
    const char *argv[] = {"galley", "run", config, article, "-f", "json", NULL};
    char *out, *err;
    int status = t_galley(argv, NULL, &out, &err);
    ck_assert_msg(status == 1, "exit %d: %s", status, err);
    json_error_t jerr;
    json_t *report = json_loads(out, 0, &jerr);
    ck_assert_ptr_nonnull(report);
    json_t *doc = json_incref(json_array_get(json_object_get(report, "documents"), 0));
    ck_assert_uint_eq(json_array_size(json_object_get(doc, "findings")), 3);
    json_decref(report);
    free(out);
    free(err);
    return doc;
}

/*
 * Writes one good document and one failure entry in a format; returns 0 when
 * every step succeeded, and the output in *text.
 */
static int write_report(const char *format, json_t *doc, char **text, size_t *length)
{
    FILE *out = open_memstream(text, length);
    ck_assert_ptr_nonnull(out);
    galley_error failure, err;
    galley_error_clear(&failure);
    failure.status = GALLEY_EINPUT;
    snprintf(failure.text, sizeof failure.text, "invalid UTF-8 at byte offset 3");
    failure.line = 1;
    failure.column = 4;
    failure.position = 3;
    int rc = 0;
    galley_report *report = galley_report_new(NULL, galley_writer_needs_documents(format));
    galley_writer *writer = report ? galley_writer_new(format, out, NULL, &err) : NULL;
    if (!report || !writer) {
        rc = -1;
    } else {
        rc = galley_report_add(report, doc);
        if (rc == 0)
            rc = galley_writer_document(writer, report, doc);
        const json_t *entry = rc == 0 ? galley_report_add_failure(report, "bad.txt", &failure)
                                      : NULL;
        if (rc == 0 && !entry)
            rc = -1;
        if (rc == 0)
            rc = galley_writer_document(writer, report, entry);
        if (rc == 0)
            rc = galley_writer_finish(writer, report);
    }
    galley_writer_free(writer);
    galley_report_free(report);
    fclose(out);
    return rc;
}

/*
 * Every writer, with every allocation from the nth on failing: it may fail,
 * but when it says it succeeded its output must be exactly the output of a
 * run with memory to spare -- a writer that lost a part of the report to a
 * failed allocation and said nothing would hand a CI gate a wrong report.
 */
START_TEST(writers_never_lose_output_silently)
{
    json_set_alloc_funcs(malloc, free); /* the document is made with memory to spare */
    json_t *doc = real_document();
    json_set_alloc_funcs(counted_malloc, plain_free);
    for (const char *const *f = galley_writer_formats(); *f; f++) {
        char *want = NULL, *got = NULL;
        size_t want_len = 0, got_len = 0;
        gl_alloc_fail_after(0);
        ck_assert_msg(write_report(*f, doc, &want, &want_len) == 0, "%s failed", *f);
        long count = gl_alloc_count();
        ck_assert_msg(want_len > 0, "%s wrote nothing", *f);
        for (long n = 1; n <= count; n++) {
            gl_alloc_fail_after(n);
            int rc = write_report(*f, doc, &got, &got_len);
            gl_alloc_fail_after(0);
            if (rc == 0)
                ck_assert_msg(got_len == want_len && memcmp(got, want, want_len) == 0,
                              "%s: allocation %ld of %ld failed, the writer said nothing, and "
                              "its output differs:\n%s\n---- instead of ----\n%s",
                              *f, n, count, got, want);
            free(got);
            got = NULL;
        }
        free(want);
    }
    json_decref(doc);
}
END_TEST

static Suite *alloc_suite(void)
{
    Suite *s = suite_create("alloc");
    TCase *t = tcase_create("failures");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 120);
    tcase_add_test(t, text_analysis_survives_every_allocation_failure);
    tcase_add_test(t, input_errors_come_before_any_allocation);
    tcase_add_test(t, config_load_survives_every_allocation_failure);
    tcase_add_test(t, config_errors_stay_config_errors_when_memory_is_plenty);
    tcase_add_test(t, meta_load_survives_every_allocation_failure);
    tcase_add_test(t, writers_never_lose_output_silently);
    suite_add_tcase(s, t);
    return s;
}

int main(void) { return t_main(alloc_suite()); }
